#include "genstream.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "report.h"

/* Basis types (rsync.h FNAMECMP_*): an alternate basis directory by its
 * number, or one of these; fuzzy matches add the directory's number. */
#define BASIS_FNAME 0x80
#define BASIS_FUZZY 0x83

#define DEL_STAT_NAMES 5

void gs_init(struct genstream *gs, const struct gs_params *p, const struct sendstream *ss)
{
	memset(gs, 0, sizeof *gs);
	gs->p = *p;
	gs->ss = ss;
	gs->state = GS_NDX;
	gs->bye = GS_RUNNING;
	ndx_state_init(&gs->ndx);
}

void gs_free(struct genstream *gs)
{
	free(gs->asked);
	free(gs->sent);
	gs->asked = gs->sent = NULL;
	gs->bits_len = 0;
}

/* Records a violation.  rsync_text: the line is the one rsync's sender
 * prints for it. */
__attribute__((format(printf, 4, 5)))
static int fail(struct genstream *gs, int code, int rsync_text, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(gs->err, sizeof gs->err, fmt, ap);
	va_end(ap);
	gs->err_code = code;
	gs->err_rsync = rsync_text;
	return -1;
}

/* ---- the sender's file lists ---- */

/* The sender frees its oldest list at each NDX_DONE the generator sends
 * while it has one; the lists the relay has parsed and not yet seen
 * retired by the sender's echo are a superset, so the live ones are those
 * from first_start on.  Kept as an index, never a pointer: the sendstream
 * parser frees lists on its own. */
static const struct flist *live_first(const struct genstream *gs)
{
	const struct flist *fl = gs->ss->first;

	while (fl && fl->ndx_start < gs->first_start)
		fl = fl->next;
	return fl;
}

/* rsync's flist_for_ndx: each list covers its own directory (ndx_start
 * - 1) and its files; the ranges of consecutive lists meet. */
static const struct flist *list_of(const struct genstream *gs, int32_t ndx)
{
	for (const struct flist *fl = live_first(gs); fl; fl = fl->next)
		if (ndx >= fl->ndx_start - 1 && ndx < fl->ndx_start + fl->used)
			return fl;
	return NULL;
}

/* The range rsync names in its messages: first and last live index. */
static void live_range(const struct genstream *gs, int *first, int *last)
{
	const struct flist *a = live_first(gs), *b = a;

	while (b && b->next)
		b = b->next;
	*first = a ? a->ndx_start - 1 : 0;
	*last = b ? b->ndx_start + b->used - 1 : -1;
}

/* The entry an index names: a file, or the directory of its list. */
static const struct fentry *entry_of(const struct genstream *gs, const struct flist *fl,
				     int32_t ndx)
{
	int i = ndx - fl->ndx_start;

	if (i >= 0)
		return &fl->files[i];
	if (fl->parent_ndx >= 0 && fl->parent_ndx < gs->ss->dirs.used)
		return &gs->ss->dirs.dirs[fl->parent_ndx];
	return NULL;
}

/* ---- --append: which files the sender has sent ---- */

static int bit(const unsigned char *map, size_t len, int32_t ndx)
{
	size_t byte = (size_t)ndx / 8;

	return byte < len && (map[byte] >> (ndx % 8) & 1);
}

static int bits_room(struct genstream *gs, int32_t ndx)
{
	size_t need = (size_t)ndx / 8 + 1, len = gs->bits_len;
	unsigned char *a, *s;

	if (need <= len)
		return 0;
	if (need < 2 * len)
		need = 2 * len;
	a = realloc(gs->asked, need);
	if (a)
		gs->asked = a;
	s = a ? realloc(gs->sent, need) : NULL;
	if (!s)
		return -1;
	gs->sent = s;
	memset(a + len, 0, need - len);
	memset(s + len, 0, need - len);
	gs->bits_len = need;
	return 0;
}

int gs_file_sent(struct genstream *gs, int32_t ndx)
{
	if (!gs->p.append_mode || ndx < 0)
		return 0;
	if (bits_room(gs, ndx) < 0)
		return -1;
	gs->sent[ndx / 8] |= (unsigned char)(1u << (ndx % 8));
	return 0;
}

/* With --append the sender reads block sums only for a file it has sent
 * before (a redo); for one it was asked for and has not shown sent, the
 * relay cannot tell which the sender will expect. */
static int note_request(struct genstream *gs, int32_t ndx)
{
	if (!gs->p.append_mode)
		return 0;
	if (bit(gs->asked, gs->bits_len, ndx) && !bit(gs->sent, gs->bits_len, ndx))
		return fail(gs, RERR_PROTOCOL, 0,
			    "the receiver asked again for file %d before the sender sent it", ndx);
	if (bits_room(gs, ndx) < 0)
		return fail(gs, RERR_MALLOC, 0, "out of memory");
	gs->asked[ndx / 8] |= (unsigned char)(1u << (ndx % 8));
	return 0;
}

static int sums_follow(const struct genstream *gs)
{
	return !gs->p.append_mode || bit(gs->sent, gs->bits_len, gs->item_ndx);
}

/* ---- phases and the goodbye ---- */

/* NDX_DONE: in the goodbye, its next step; else, with incremental
 * recursion, it first retires the sender's oldest list, and only when
 * none is left ends a phase. */
static int on_done(struct genstream *gs)
{
	const struct sendstream *ss = gs->ss;
	const struct flist *fl;

	if (gs->bye == GS_BYE1 && gs->p.protocol >= 31) {
		gs->bye = GS_BYE2;
		return 0;
	}
	if (gs->bye != GS_RUNNING) {
		gs->state = GS_END;
		return 0;
	}
	if (gs->p.inc_recurse) {
		if ((fl = live_first(gs)) != NULL) {
			gs->first_start = fl->ndx_start + fl->used + 1;
			if (fl->next)
				return 0;
		}
		/* A receiver retires the last list only after the sender's
		 * NDX_FLIST_EOF; before, the sender may hold a list the relay
		 * has not read yet, and its phase would be unknown. */
		if (!ss->flist_eof || ss->building)
			return fail(gs, RERR_PROTOCOL, 0,
				    "the receiver ended the file lists before the sender's last one");
	}
	/* a redo phase, and from protocol 29 the phase of --delay-updates */
	if (++gs->phase > (gs->p.protocol >= 29 ? 2 : 1))
		gs->bye = GS_BYE1;
	return 0;
}

/* The deletion counts after NDX_DEL_STATS (rsync's read_del_stats).
 * Returns bytes used, 0 for more, -1 on a violation. */
static ptrdiff_t del_stats(struct genstream *gs, const unsigned char *buf, size_t len)
{
	static const char *const what[DEL_STAT_NAMES] = {
		"deleted_files", "deleted_dirs", "deleted_symlinks", "deleted_devices",
		"deleted_specials",
	};
	size_t pos = 0;

	for (int i = 0; i < DEL_STAT_NAMES; i++) {
		int32_t v;
		ptrdiff_t k = wire_read_varint(buf + pos, len - pos, &v);

		if (k == WIRE_NEED_MORE)
			return 0;
		if (k < 0)
			return fail(gs, RERR_STREAMIO, 1, "Overflow in read_varint()");
		if (v < 0 || v > GS_MAX_DEL_STAT)
			return fail(gs, RERR_PROTOCOL, 1,
				    "wire value %s out of range: %ld not in [0,%ld] [sender]", what[i],
				    (long)v, (long)GS_MAX_DEL_STAT);
		pos += (size_t)k;
	}
	return (ptrdiff_t)pos;
}

/* ---- a file request ---- */

/* Values a generator writes as the basis type. */
static int basis_ok(unsigned type)
{
	return type < GS_MAX_BASIS_DIRS ||
	       (type >= BASIS_FNAME && type <= BASIS_FUZZY + GS_MAX_BASIS_DIRS);
}

/* The length of the vstring at buf, known as soon as its 1 or 2 length
 * bytes are: the sender refuses a long one before reading it.  Returns
 * the header's length, or 0 for more. */
static size_t vstring_head(const unsigned char *buf, size_t len, size_t *slen)
{
	if (len < 1)
		return 0;
	if (!(buf[0] & 0x80)) {
		*slen = buf[0];
		return 1;
	}
	if (len < 2)
		return 0;
	*slen = (size_t)(buf[0] & 0x7F) << 8 | buf[1];
	return 2;
}

/* What follows a request's attributes: the xattr numbers it asks for,
 * then, for a transfer, the checksum header. */
static int after_attrs(struct genstream *gs)
{
	int iflags = gs->item_iflags;

	if (!(iflags & ITEM_TRANSFER)) {
		gs->state = GS_NDX;
		return 0;
	}
	if (gs->phase == 2)
		return fail(gs, RERR_PROTOCOL, 1, "got transfer request in phase 2 [sender]");
	if (!gs->p.do_xfers) {
		gs->state = GS_NDX;
		return 0;
	}
	if (note_request(gs, gs->item_ndx) < 0)
		return -1;
	gs->state = GS_SUMHEAD;
	return 0;
}

static int wants_xattrs(const struct genstream *gs, int iflags)
{
	int both = ITEM_XNAME_FOLLOWS | ITEM_LOCAL_CHANGE;

	return gs->p.preserve_xattrs && (iflags & ITEM_REPORT_XATTR) && gs->p.do_xfers &&
	       !(gs->p.want_xattr_optim && (iflags & both) == both);
}

/* The list of a request's index, or NULL after the violation (checked
 * once its iflags are read, as the sender does). */
static const struct flist *check_index(struct genstream *gs, int32_t ndx)
{
	const struct flist *fl = list_of(gs, ndx);
	int first, last;

	if (!fl) {
		live_range(gs, &first, &last);
		fail(gs, RERR_PROTOCOL, 1,
		     "File-list index %d not in %d - %d (read_ndx_and_attrs) [sender]", ndx, first,
		     last);
	}
	return fl;
}

int gs_check_success(struct genstream *gs, int32_t ndx)
{
	const struct flist *fl = list_of(gs, ndx);
	int first, last;

	if (!fl) {
		live_range(gs, &first, &last);
		return fail(gs, RERR_PROTOCOL, 1,
			    "File-list index %d not in %d - %d (successful_send) [sender]", ndx,
			    first, last);
	}
	/* a list's own directory is no file the sender could remove */
	if (ndx < fl->ndx_start)
		return fail(gs, RERR_PROTOCOL, 0,
			    "the receiver reported index %d, no file, as received", ndx);
	return 0;
}

/* A request for file ndx: iflags (none before protocol 29), basis type,
 * xname.  Returns 1 with *used set, 0 for more, -1 on a violation;
 * *keepalive when it was protocol 29's keep-alive, which asks for
 * nothing. */
static int request(struct genstream *gs, int32_t ndx, const unsigned char *buf, size_t len,
		   size_t *used, int *keepalive)
{
	const struct flist *fl, *first = live_first(gs);
	size_t pos = 0, hdr, slen;
	int iflags = ITEM_TRANSFER;

	*keepalive = 0;
	if (gs->p.protocol >= 29) {
		if (len < 2)
			return 0;
		iflags = wire_get_u16(buf);
		pos = 2;
	}
	if (gs->p.protocol < 30 && iflags == ITEM_IS_NEW && first && ndx == first->used) {
		*keepalive = 1;
		*used = pos;
		return 1;
	}
	if (!(fl = check_index(gs, ndx)))
		return -1;
	if (iflags & ITEM_BASIS_TYPE_FOLLOWS) {
		if (len - pos < 1)
			return 0;
		if (!basis_ok(buf[pos]))
			return fail(gs, RERR_PROTOCOL, 0,
				    "invalid basis type %u for file %d from the receiver", buf[pos], ndx);
		pos++;
	}
	if (iflags & ITEM_XNAME_FOLLOWS) {
		if (!(hdr = vstring_head(buf + pos, len - pos, &slen)))
			return 0;
		if (slen >= GS_MAXPATHLEN)
			return fail(gs, RERR_PROTOCOL, 1, "over-long vstring received (%zu > %d)",
				    slen, GS_MAXPATHLEN - 1);
		if (len - pos - hdr < slen)
			return 0;
		pos += hdr + slen;
	}
	if ((iflags & ITEM_TRANSFER) &&
	    (ndx < fl->ndx_start || !S_ISREG(fl->files[ndx - fl->ndx_start].mode)))
		return fail(gs, RERR_PROTOCOL, 1,
			    "received request to transfer non-regular file: %d [sender]", ndx);
	if (gs->bye != GS_RUNNING)
		return fail(gs, RERR_PROTOCOL, 1, "Invalid packet at end of run (%d) [sender]", ndx);
	/* The directory of a list the sender holds none for (send_files). */
	if (!entry_of(gs, fl, ndx))
		return fail(gs, RERR_PROTOCOL, 0,
			    "file %d from the receiver names a list's directory the sender has not",
			    ndx);
	gs->item_ndx = ndx;
	gs->item_iflags = iflags;
	*used = pos;
	return 1;
}

static int step_ndx(struct genstream *gs, const unsigned char *buf, size_t len, size_t *used)
{
	struct ndx_state saved = gs->ndx;
	int32_t ndx;
	int first, last, keepalive = 0;
	size_t took = 0;
	ptrdiff_t k, n = wire_read_ndx(&gs->ndx, gs->p.protocol, buf, len, &ndx);

	if (n == WIRE_NEED_MORE)
		return 0;
	if (n < 0)
		return fail(gs, RERR_PROTOCOL, 0,
			    "Invalid file index (above 2147483647) from the receiver");
	if (ndx == NDX_DONE) {
		*used = (size_t)n;
		return on_done(gs) < 0 ? -1 : 1;
	}
	if (ndx == NDX_DEL_STATS && gs->p.protocol < 31)
		return fail(gs, RERR_PROTOCOL, 0,
			    "deletion counts from the receiver before protocol 31");
	if (ndx == NDX_DEL_STATS) {
		k = del_stats(gs, buf + n, len - (size_t)n);
		took = k > 0 ? (size_t)k : 0;
	} else if (ndx < 0) {
		live_range(gs, &first, &last);
		return fail(gs, RERR_PROTOCOL, 1, "Invalid file index: %d (%d - %d) [sender]", ndx,
			    NDX_DONE, last);
	} else
		k = request(gs, ndx, buf + n, len - (size_t)n, &took, &keepalive);
	if (k <= 0) {
		gs->ndx = saved;
		return k < 0 ? -1 : 0;
	}
	*used = (size_t)n + took;
	if (ndx == NDX_DEL_STATS || keepalive)
		return 1;
	if (wants_xattrs(gs, gs->item_iflags)) {
		gs->xattr_num = 0;
		gs->state = GS_XATTR;
		return 1;
	}
	return after_attrs(gs) < 0 ? -1 : 1;
}

/* ---- xattr requests and checksums ---- */

/* One number of an xattr request (rsync's recv_xattr_request): relative
 * to the one before; 0 ends the list.  Numbers start at 1. */
static int step_xattr(struct genstream *gs, const unsigned char *buf, size_t len, size_t *used)
{
	int32_t rel, num = gs->xattr_num;
	ptrdiff_t k = wire_read_varint(buf, len, &rel);

	if (k == WIRE_NEED_MORE)
		return 0;
	if (k < 0)
		return fail(gs, RERR_STREAMIO, 1, "Overflow in read_varint()");
	*used = (size_t)k;
	if (rel == 0)
		return after_attrs(gs) < 0 ? -1 : 1;
	if ((rel > 0 && num > INT32_MAX - rel) || (rel < 0 && num < INT32_MIN - rel))
		return fail(gs, RERR_PROTOCOL, 1, "xattr rel_pos accumulation overflow [sender]");
	gs->xattr_num = num += rel;
	if (num < 1) {
		const struct flist *fl = list_of(gs, gs->item_ndx);
		const struct fentry *e = fl ? entry_of(gs, fl, gs->item_ndx) : NULL;
		return fail(gs, RERR_PROTOCOL, 1, "[sender] could not find xattr #%d for %s", num,
			    e ? e->name : "?");
	}
	return 1;
}

static int32_t int_at(const unsigned char *buf, size_t i)
{
	return (int32_t)wire_get_u32(buf + 4 * i);
}

/* rsync's read_sum_head: count, block length, strong-sum length,
 * remainder, each checked as soon as it is read. */
static int step_sumhead(struct genstream *gs, const unsigned char *buf, size_t len,
			size_t *used)
{
	int32_t max_blength = gs->p.protocol < 30 ? GS_OLD_MAX_BLOCK : GS_MAX_BLOCK;
	int32_t count, blength, s2length, remainder;

	if (len < 4)
		return 0;
	if ((count = int_at(buf, 0)) < 0)
		return fail(gs, RERR_PROTOCOL, 1, "Invalid checksum count %ld [sender]", (long)count);
	if (len < 8)
		return 0;
	blength = int_at(buf, 1);
	if (blength < 0 || blength > max_blength)
		return fail(gs, RERR_PROTOCOL, 1, "Invalid block length %ld [sender]", (long)blength);
	if (count && !blength)
		return fail(gs, RERR_PROTOCOL, 1, "Invalid zero block length [sender]");
	if (len < 12)
		return 0;
	s2length = int_at(buf, 2);
	if (s2length < 0 || s2length > gs->p.xfer_sum_len)
		return fail(gs, RERR_PROTOCOL, 1, "Invalid checksum length %d [sender]", s2length);
	if (len < 16)
		return 0;
	remainder = int_at(buf, 3);
	if (remainder < 0 || remainder > blength)
		return fail(gs, RERR_PROTOCOL, 1, "Invalid remainder length %ld [sender]",
			    (long)remainder);
	gs->sums_left = sums_follow(gs) ? (int64_t)count * (4 + s2length) : 0;
	gs->state = gs->sums_left ? GS_SUMS : GS_NDX;
	*used = 16;
	return 1;
}

int gs_step(struct genstream *gs, const unsigned char *buf, size_t len, size_t *used)
{
	*used = 0;
	switch (gs->state) {
	case GS_NDX:
		return step_ndx(gs, buf, len, used);
	case GS_XATTR:
		return step_xattr(gs, buf, len, used);
	case GS_SUMHEAD:
		return step_sumhead(gs, buf, len, used);
	case GS_SUMS:
		/* the block sums: the sender's concern, passed in pieces */
		if (!len)
			return 0;
		*used = (int64_t)len < gs->sums_left ? len : (size_t)gs->sums_left;
		gs->sums_left -= (int64_t)*used;
		if (!gs->sums_left)
			gs->state = GS_NDX;
		return 1;
	case GS_END:
		if (!len)
			return 0;
		return fail(gs, RERR_PROTOCOL, 0, "data from the receiver after the end of the run");
	}
	return fail(gs, RERR_PROTOCOL, 0, "internal error: unknown state");
}
