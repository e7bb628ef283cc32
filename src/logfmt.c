/* --out-format lines and summary numbers the way rsync's client prints
 * them (see logfmt.h for the escapes). */
#include "logfmt.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "flist.h"

/* The iflags bits read here (rsync.h). */
#define LF_ATIME (1 << 0)
#define LF_CHANGE (1 << 1)
#define LF_SIZE (1 << 2)	/* regular files */
#define LF_TIMEFAIL (1 << 2)	/* symlinks */
#define LF_TIME (1 << 3)
#define LF_PERMS (1 << 4)
#define LF_OWNER (1 << 5)
#define LF_GROUP (1 << 6)
#define LF_ACL (1 << 7)
#define LF_XATTR (1 << 8)
#define LF_CRTIME (1 << 10)
#define LF_XNAME (1 << 12)
#define LF_NEW (1 << 13)
#define LF_LOCAL (1 << 14)
#define LF_TRANSFER (1 << 15)
#define LF_MISSING (1 << 16)
#define LF_DELETED (1 << 17)

/* File types of the wire's mode (the traditional Unix values). */
#define LF_IFMT 0170000u
#define LF_IFSOCK 0140000u
#define LF_IFLNK 0120000u
#define LF_IFREG 0100000u
#define LF_IFBLK 0060000u
#define LF_IFDIR 0040000u
#define LF_IFCHR 0020000u
#define LF_IFIFO 0010000u

/* rsync's limits: a path buffer (MAXPATHLEN on Linux), the line buffer
 * (a path plus 1024), and the scratch buffer for an escape's printf
 * spec ("%", flags, width, conversion letter, NUL). */
#define LF_PATH 4096
#define LF_LINE (LF_PATH + 1024)
#define LF_SPEC 32

static uint32_t ftype(uint32_t mode)
{
	return mode & LF_IFMT;
}

static int is_deletion(const struct logfmt_item *it)
{
	return it->is_delete || (it->iflags & LF_DELETED);
}

/* The iflags rsync logs with: a protocol-28 receiver knows nothing of a
 * transfer but that it happens. */
static int log_iflags(const struct logfmt_item *it)
{
	int fl = it->iflags;

	if (is_deletion(it))
		return fl | LF_DELETED;
	if (it->protocol > 0 && it->protocol < 29 && (fl & LF_TRANSFER))
		return LF_TRANSFER | LF_MISSING;
	return fl;
}

/* ---- numbers ---- */

/* The thousands separator rsync picks: "," unless the locale's decimal
 * point is not ".". */
static char number_separator(void)
{
	char probe[32];

	snprintf(probe, sizeof probe, "%f", 3.14);
	return strchr(probe, '.') ? ',' : '.';
}

static void put_str(char *buf, size_t len, const char *s)
{
	size_t n = strlen(s);

	if (!len)
		return;
	if (n >= len)
		n = len - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
}

/* Digits of num, grouped by threes when human is set, then fract. */
static void big_num(int64_t num, int human, const char *fract, char *buf, size_t len)
{
	char tmp[LOGFMT_NUM_SIZE + 128];
	char *s = tmp + sizeof tmp - 1;
	uint64_t mag;
	size_t flen = fract ? strlen(fract) : 0;
	int digits = 0;
	char sep = human ? number_separator() : 0;

	if (human > 1) {
		int mult = human == 2 ? 1000 : 1024;

		if (num >= mult || num <= -mult) {
			double d = (double)num / mult;
			char unit;

			if (num < 0)
				d = -d;
			if (d < mult)
				unit = 'K';
			else if ((d /= mult) < mult)
				unit = 'M';
			else if ((d /= mult) < mult)
				unit = 'G';
			else if ((d /= mult) < mult)
				unit = 'T';
			else {
				d /= mult;
				unit = 'P';
			}
			if (num < 0)
				d = -d;
			snprintf(buf, len, "%.2f%c", d, unit);
			return;
		}
	}

	if (flen > 120)
		flen = 120;
	*s = '\0';
	s -= flen;
	memcpy(s, fract ? fract : "", flen);
	mag = num < 0 ? (uint64_t)0 - (uint64_t)num : (uint64_t)num;
	do {
		if (sep && digits && digits % 3 == 0)
			*--s = sep;
		*--s = (char)('0' + mag % 10);
		mag /= 10;
		digits++;
	} while (mag);
	if (num < 0)
		*--s = '-';
	put_str(buf, len, s);
}

const char *logfmt_num(int64_t n, int human, char *buf, size_t len)
{
	big_num(n, human, NULL, buf, len);
	return buf;
}

const char *logfmt_dnum(double d, int human, int decimals, char *buf, size_t len)
{
	char tmp[128];
	const char *fract;

	snprintf(tmp, sizeof tmp, "%.*f", decimals, d);
	/* Beyond an int64 rsync's conversion is undefined; print it plain. */
	if (!human || (d < 1000.0 && d > -1000.0) || !isfinite(d) ||
	    d >= 9223372036854775807.0 || d < -9223372036854775807.0) {
		put_str(buf, len, tmp);
		return buf;
	}
	for (fract = tmp + 1; *fract >= '0' && *fract <= '9'; fract++) {}
	big_num((int64_t)d, human, fract, buf, len);
	return buf;
}

/* ---- the line being built ---- */

struct line {
	char *out;
	size_t cap;
	size_t len;	/* bytes produced (may exceed cap) */
};

static void emit(struct line *ln, const char *s, size_t n)
{
	if (ln->len < ln->cap) {
		size_t room = ln->cap - ln->len;

		memcpy(ln->out + ln->len, s, n < room ? n : room);
	}
	ln->len += n;
}

/* The printf spec between "%" and the letter. */
struct spec {
	int any;		/* a "-" or digits: rsync's fmt[1] */
	int left;		/* "-" */
	int zero;		/* a leading "0" digit */
	int bad;		/* a width printf refuses (> INT_MAX) */
	uint64_t width;
	int humanize;		/* apostrophes */
};

/* What snprintf(buf, limit + 1, "%<spec>s", s) (or with "u"/"d" when
 * numeric) leaves in dst: padded, then cut at limit bytes. */
static size_t pad(char *dst, size_t limit, const char *s, size_t n,
		  const struct spec *sp, int numeric)
{
	uint64_t fill;
	size_t i, len = 0;
	char padch = numeric && sp->zero && !sp->left ? '0' : ' ';

	if (sp->bad)
		return 0;
	fill = sp->width > n ? sp->width - n : 0;
	if (!sp->left) {
		for (i = 0; i < fill && len < limit; i++)
			dst[len++] = padch;
	}
	for (i = 0; i < n && len < limit; i++)
		dst[len++] = s[i];
	if (sp->left) {
		for (i = 0; i < fill && len < limit; i++)
			dst[len++] = ' ';
	}
	return len;
}

/* rsync's local time form; rsync cuts it at 19 characters. */
static void timestring(int64_t t, char *buf)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char tmp[64];

	if ((int64_t)tt != t || !localtime_r(&tt, &tm)) {
		strcpy(buf, "(time out of range)");
		return;
	}
	snprintf(tmp, sizeof tmp, "%4d/%02d/%02d %02d:%02d:%02d",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		 tm.tm_hour, tm.tm_min, tm.tm_sec);
	tmp[19] = '\0';
	strcpy(buf, tmp);
}

static void perms(uint32_t mode, char out[10])
{
	static const char rwx[] = "rwxrwxrwx";

	for (int i = 0; i < 9; i++)
		out[i] = mode & (1u << (8 - i)) ? rwx[i] : '-';
	if (mode & 04000)
		out[2] = mode & 0100 ? 's' : 'S';
	if (mode & 02000)
		out[5] = mode & 0010 ? 's' : 'S';
	if (mode & 01000)
		out[8] = mode & 0001 ? 't' : 'T';
	out[9] = '\0';
}

static void copy_cut(char *dst, const char *s, size_t limit)
{
	size_t n = s ? strlen(s) : 0;

	if (n > limit)
		n = limit;
	memcpy(dst, s ? s : "", n);
	dst[n] = '\0';
}

void logfmt_itemize(const struct logfmt_item *it, char out[12])
{
	int fl = log_iflags(it);
	uint32_t t = ftype(it->mode);
	int i;

	if (fl & LF_DELETED) {
		memcpy(out, "*deleting  ", 12);
		return;
	}
	out[0] = fl & LF_LOCAL ? (fl & LF_XNAME ? 'h' : 'c')
	       : !(fl & LF_TRANSFER) ? '.'
	       : it->am_sender_view && !it->local_server ? '<' : '>';
	if (t == LF_IFLNK) {
		out[1] = 'L';
		out[3] = '.';
		out[4] = !(fl & LF_TIME) ? '.'
		       : !it->preserve_mtimes || !it->receiver_symlink_times ||
			 (fl & LF_TIMEFAIL) ? 'T' : 't';
	} else {
		out[1] = t == LF_IFDIR ? 'd'
		       : t == LF_IFSOCK || t == LF_IFIFO ? 'S'
		       : t == LF_IFCHR || t == LF_IFBLK ? 'D' : 'f';
		out[3] = fl & LF_SIZE ? 's' : '.';
		out[4] = !(fl & LF_TIME) ? '.' : it->preserve_mtimes ? 't' : 'T';
	}
	out[2] = fl & LF_CHANGE ? 'c' : '.';
	out[5] = fl & LF_PERMS ? 'p' : '.';
	out[6] = fl & LF_OWNER ? 'o' : '.';
	out[7] = fl & LF_GROUP ? 'g' : '.';
	out[8] = (fl & (LF_ATIME | LF_CRTIME)) == (LF_ATIME | LF_CRTIME) ? 'b'
	       : fl & LF_ATIME ? 'u' : fl & LF_CRTIME ? 'n' : '.';
	out[9] = fl & LF_ACL ? 'a' : '.';
	out[10] = fl & LF_XATTR ? 'x' : '.';
	out[11] = '\0';

	if (fl & (LF_NEW | LF_MISSING)) {
		memset(out + 2, fl & LF_NEW ? '+' : '?', 9);
	} else if (out[0] == '.' || out[0] == 'h' || out[0] == 'c') {
		for (i = 2; i < 11 && out[i] == '.'; i++) {}
		if (i == 11)
			memset(out + 2, ' ', 9);
	}
}

/* Reads the apostrophes, flags and width after a "%" at *pp; leaves *pp
 * at the escape letter. */
static void read_spec(const char **pp, struct spec *sp)
{
	const char *p = *pp;
	size_t used = 1;	/* the "%" of rsync's spec buffer */
	int digits = 0;

	memset(sp, 0, sizeof *sp);
	while (*p == '\'') {
		sp->humanize++;
		p++;
	}
	if (*p == '-') {
		sp->left = 1;
		used++;
		p++;
	}
	while (*p >= '0' && *p <= '9' && used < LF_SPEC - 8) {
		if (!digits && *p == '0')
			sp->zero = 1;
		else {
			digits = 1;
			if (sp->width > INT_MAX)
				sp->bad = 1;
			else
				sp->width = sp->width * 10 + (uint64_t)(*p - '0');
		}
		used++;
		p++;
	}
	if (sp->width > INT_MAX)
		sp->bad = 1;
	sp->any = used > 1;
	while (*p == '\'') {
		sp->humanize++;
		p++;
	}
	*pp = p;
}

int logfmt_has(const char *fmt, char esc)
{
	const char *p;
	struct spec sp;

	if (!fmt)
		return 0;
	for (p = fmt; (p = strchr(p, '%')) != NULL;) {
		p++;
		read_spec(&p, &sp);
		if (!*p)
			break;
		if (*p == esc)
			return 1;
		if (*p == '%')
			p++;
	}
	return 0;
}

/* rsync's longest sum (MAX_DIGEST_LEN, sha512) */
#define LF_MAX_SUM 64

static int sum_len(const struct logfmt_item *it)
{
	return it->checksum_bytes_len < 0 ? 0
	     : it->checksum_bytes_len > LF_MAX_SUM ? LF_MAX_SUM : it->checksum_bytes_len;
}

static void hex_sum(const struct logfmt_item *it, int zeros, char *dst)
{
	static const char digits[] = "0123456789abcdef";
	int n = sum_len(it);

	for (int i = 0; i < n; i++) {
		int ndx = it->checksum_order == LOGFMT_SUM_REVERSED ? n - 1 - i : i;
		unsigned v = zeros ? 0 : it->checksum[ndx];

		*dst++ = digits[v >> 4];
		*dst++ = digits[v & 15];
	}
	*dst = '\0';
}

/* The text of one escape in piece; returns its length, or -1 for an
 * escape a client leaves as typed. */
static long expand(char esc, const struct spec *sp, const struct logfmt_item *it,
		   int fl, char *piece, char *scratch)
{
	int del = (fl & LF_DELETED) != 0;
	uint32_t t = ftype(it->mode);
	const char *n = NULL;	/* a string the spec still has to pad */
	char num[LOGFMT_NUM_SIZE];
	int64_t b;
	size_t len;

	switch (esc) {
	case 'l':
		big_num(del ? 0 : it->size, sp->humanize, NULL, num, sizeof num);
		return (long)pad(piece, LF_PATH - 1, num, strlen(num), sp, 0);
	case 'b':
	case 'c':
		b = !(fl & LF_TRANSFER) ? 0 : esc == 'b' ? it->bytes : it->cbytes;
		big_num(b, sp->humanize, NULL, num, sizeof num);
		return (long)pad(piece, LF_PATH - 1, num, strlen(num), sp, 0);
	case 'U':
		snprintf(num, sizeof num, "%u",
			 it->preserve_uid && !del ? (unsigned)it->uid : 0u);
		return (long)pad(piece, LF_PATH - 1, num, strlen(num), sp, 1);
	case 'G':
		if (!it->preserve_gid || (it->skip_group && !del)) {
			n = "DEFAULT";
			break;
		}
		snprintf(num, sizeof num, "%u", del ? 0u : (unsigned)it->gid);
		return (long)pad(piece, LF_PATH - 1, num, strlen(num), sp, 1);
	case 'p':
		snprintf(num, sizeof num, "%ld", it->pid);
		return (long)pad(piece, LF_PATH - 1, num, strlen(num), sp, 1);
	case 'M':
		timestring(del ? 0 : it->mtime, scratch);
		for (char *c = scratch; *c; c++) {
			if (*c == ' ')
				*c = '-';
		}
		n = scratch;
		break;
	case 't':
		timestring(it->now, scratch);
		n = scratch;
		break;
	case 'B':
		perms(it->mode, scratch);
		n = scratch;
		break;
	case 'o':
		n = del ? "del." : it->am_sender_view ? "send" : "recv";
		break;
	case 'm':
		n = "";
		break;
	case 'f':
		if (it->am_sender_view && it->pathname && !del) {
			/* rsync's pathjoin into a path buffer */
			size_t pl = strlen(it->pathname);

			copy_cut(scratch, it->pathname, LF_PATH - 1);
			if (pl < LF_PATH - 1) {
				if (!pl || scratch[pl - 1] != '/')
					scratch[pl++] = '/';
				copy_cut(scratch + pl, it->name, LF_PATH - 1 - pl);
			}
		} else
			copy_cut(scratch, it->name, LF_PATH - 1);
		flist_clean_name(scratch);
		n = scratch[0] == '/' ? scratch + 1 : scratch;
		break;
	case 'n':
		copy_cut(scratch, it->name, LF_PATH - 1);
		if (t == LF_IFDIR) {
			len = strlen(scratch);
			if (len < LF_PATH - 1) {
				scratch[len] = '/';
				scratch[len + 1] = '\0';
			}
		}
		n = scratch;
		break;
	case 'L': {
		const char *target;

		if (!del && it->hlink && *it->hlink) {
			target = it->hlink;
			memcpy(piece, " => ", 4);
		} else if (!del && t == LF_IFLNK && it->link) {
			target = it->link;
			memcpy(piece, " -> ", 4);
		} else {
			if (!sp->any)
				return 0;
			target = "";
			memcpy(piece, "    ", 4);
		}
		return 4 + (long)pad(piece + 4, LF_PATH - 5, target, strlen(target), sp, 0);
	}
	case 'C':
		if (t == LF_IFREG && !del && it->checksum_order != LOGFMT_SUM_HIDDEN &&
		    (it->checksum || (it->dry_run && (fl & LF_TRANSFER)))) {
			hex_sum(it, !it->checksum, scratch);
			n = scratch;
			break;
		}
		/* rsync pads no spaces for a missing sum */
		len = (size_t)sum_len(it) * 2;
		memset(piece, ' ', len);
		return (long)len;
	case 'i':
		logfmt_itemize(it, scratch);
		n = scratch;
		break;
	case '%':
		n = "%";
		break;
	default:	/* %a %h %P %u: daemon-only; and unknown letters */
		return -1;
	}

	len = strlen(n);
	if (!sp->any) {
		memmove(piece, n, len);
		return (long)len;
	}
	return (long)pad(piece, LF_PATH - 1, n, len, sp, 0);
}

int logfmt_line(const char *fmt, const struct logfmt_item *it, char *out, size_t cap)
{
	char piece[LF_PATH + 8], scratch[LF_PATH + 8];
	struct line ln = { out, cap, 0 };
	int fl = log_iflags(it);
	const char *p, *s;

	if (fl & LF_DELETED && !logfmt_has(fmt, 'i') && !logfmt_has(fmt, 'o'))
		fmt = "deleting %n";
	if (strlen(fmt) > LF_PATH)
		return LOGFMT_TOO_LONG;

	for (p = fmt; *p;) {
		struct spec sp;
		long plen;

		if (*p != '%') {
			const char *e = strchr(p, '%');
			size_t n = e ? (size_t)(e - p) : strlen(p);

			emit(&ln, p, n);
			p += n;
			continue;
		}
		s = p++;
		read_spec(&p, &sp);
		if (!*p) {	/* rsync sees its newline here: left as is */
			emit(&ln, s, (size_t)(p - s));
			break;
		}
		plen = expand(*p, &sp, it, fl, piece, scratch);
		if (plen < 0) {
			emit(&ln, s, (size_t)(p - s) + 1);
			p++;
			continue;
		}
		/* rsync's check: the line so far, this piece, the rest of the
		 * format and the newline must fit its buffer. */
		if (ln.len + (size_t)plen + strlen(p + 1) + 1 >= LF_LINE)
			return LOGFMT_TOO_LONG;
		emit(&ln, piece, (size_t)plen);
		p++;
	}

	if (ln.len >= cap) {
		if (cap)
			out[0] = '\0';
		return -1;
	}
	out[ln.len] = '\0';
	return (int)ln.len;
}
