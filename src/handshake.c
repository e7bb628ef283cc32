#include "handshake.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "seed.h"
#include "signals.h"
#include "stderr_label.h"
#include "wire.h"

/* --stop-after, --stop-at: a poll's wait cut short at the limit; -2
 * once the limit has come, said as rsync's client says it. */
static int limit_wait(const struct hs_side *s, int wait, struct report *r)
{
	int64_t left;

	if (!s->stop_at)
		return wait;
	left = (s->stop_at - (int64_t)time(NULL)) * 1000;
	if (left <= 0) {
		report_fatal_line(r, RERR_TIMEOUT, "stopping at requested limit");
		return -2;
	}
	if (left > INT_MAX)
		left = INT_MAX;
	return wait < 0 || left < wait ? (int)left : wait;
}

/* Waits until fd is ready for events.  Returns 0, or -1 after reporting
 * a signal, --timeout or a time limit as the reason to stop. */
static int wait_fd(struct hs_side *s, int fd, short events, struct report *r)
{
	for (;;) {
		struct pollfd p[3] = { { .fd = fd, .events = events } };
		int k = r->shells ? stderr_label_pollfds(r->shells, p + 1) : 0;
		int n, base = s->timeout_ms > 0 ? s->timeout_ms : -1, wait;

		/* a signal caught before (in another wait) ends the run too,
		 * before the closed connection it may have caused is read */
		if (signals_caught()) {
			report_stop(r, RERR_SIGNAL);
			return -1;
		}
		if ((wait = limit_wait(s, base, r)) == -2)
			return -1;
		n = poll(p, 1 + (nfds_t)k, wait);
		if (k)
			stderr_label_drain(r->shells, r);
		if (signals_caught())
			continue;
		if (p[0].revents || (n < 0 && errno != EINTR))
			return 0;	/* the read or write will tell */
		if (n == 0 && wait == base) {
			report_fatal(r, RERR_TIMEOUT, "[%s] io timeout after %d seconds -- exiting (%s)",
				     s->who, s->timeout_ms / 1000, s->where);
			return -1;
		}
	}
}

/* How long a closed server's stderr may take to end: ssh sends it apart
 * from the connection's end. */
#define REFUSAL_WAIT_MS 2000

int hs_refused_option(struct hs_side *s, struct report *r)
{
	const char *line;
	int why;

	if (s->err_stream < 0 || !r->shells)
		return 0;
	why = stderr_label_refusal(r->shells, s->err_stream, r, REFUSAL_WAIT_MS, &line);
	if (why)
		r->peer_lost = 0;	/* its end is explained: its code is not the run's */
	if (why == SEED_LINE_SEED) {
		s->refused_seed = 1;
		return 1;
	}
	if (why == SEED_LINE_OPTION) {
		report_fatal(r, RERR_SYNTAX, "the %s (%s) refused an option of its command line: %s",
			     s->who, s->where, line);
		return 1;
	}
	return 0;
}

/* Reads exactly n bytes, or reports how the connection ended. */
static int read_full(struct hs_side *s, void *buf, size_t n, struct report *r)
{
	size_t got = 0;

	while (got < n) {
		ssize_t k;

		if (wait_fd(s, s->rfd, POLLIN, r) < 0)
			return -1;
		k = read(s->rfd, (char *)buf + got, n - got);
		if (k > 0) {
			got += (size_t)k;
			s->bytes_in += (uint64_t)k;
			continue;
		}
		if (k < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		r->peer_lost = 1;
		if (hs_refused_option(s, r))
			return -1;
		report_fatal(r, RERR_STREAMIO,
			     "connection unexpectedly closed (%llu bytes received so far) [%s] (%s)",
			     (unsigned long long)s->bytes_in, s->who, s->where);
		return -1;
	}
	return 0;
}

static int write_full(struct hs_side *s, const void *buf, size_t n, struct report *r)
{
	size_t put = 0;

	while (put < n) {
		ssize_t k;

		if (wait_fd(s, s->wfd, POLLOUT, r) < 0)
			return -1;
		k = write(s->wfd, (const char *)buf + put, n - put);
		if (k > 0) {
			put += (size_t)k;
			s->bytes_out += (uint64_t)k;
			continue;
		}
		if (k < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		r->peer_lost = 1;
		if (hs_refused_option(s, r))
			return -1;
		report_fatal(r, RERR_STREAMIO, "connection to the %s (%s) closed while starting (%s)",
			     s->who, s->where, k < 0 ? strerror(errno) : "end of file");
		return -1;
	}
	return 0;
}

static int write_int(struct hs_side *s, int32_t v, struct report *r)
{
	unsigned char b[4];

	wire_put_u32(b, (uint32_t)v);
	return write_full(s, b, 4, r);
}

static int write_vstring(struct hs_side *s, const char *str, struct report *r)
{
	unsigned char b[2 + NAME_MAX_LEN];
	size_t n = wire_write_vstring(b, str, strlen(str));

	return write_full(s, b, n, r);
}

static int list_has(const char *list, const char *name, size_t nlen)
{
	const char *p = list;

	while (*p) {
		size_t l;
		while (*p == ' ')
			p++;
		l = strcspn(p, " ");
		if (l && l == nlen && memcmp(p, name, l) == 0)
			return 1;
		p += l;
	}
	return 0;
}

int hs_pick_name(const char *a, const char *b, char *out, size_t outlen)
{
	const char *p = a;
	int none_shared = 0;

	while (*p) {
		size_t l;
		while (*p == ' ')
			p++;
		l = strcspn(p, " ");
		if (l && list_has(b, p, l)) {
			if (l == 4 && memcmp(p, "none", 4) == 0)
				none_shared = 1;
			else if (l < outlen) {
				memcpy(out, p, l);
				out[l] = '\0';
				return 0;
			}
		}
		p += l;
	}
	if (none_shared && outlen > 4) {
		strcpy(out, "none");
		return 0;
	}
	return -1;
}

void hs_common_caps(int32_t compat_a, int32_t compat_b, const char *offered, char *out,
		    size_t outlen)
{
	/* The compat bit each letter turns on; L and s only describe the
	 * client and are kept. */
	static const struct {
		char letter;
		int32_t bit;
	} caps[] = {
		{ 'i', CF_INC_RECURSE }, { 'f', CF_SAFE_FLIST }, { 'x', CF_AVOID_XATTR_OPTIM },
		{ 'C', CF_CHKSUM_SEED_FIX }, { 'I', CF_INPLACE_PARTIAL_DIR },
		{ 'v', CF_VARINT_FLIST_FLAGS }, { 'u', CF_ID0_NAMES },
	};
	size_t o = 0;

	for (const char *p = offered; *p && o + 1 < outlen; p++) {
		int keep = 1;
		for (size_t i = 0; i < sizeof caps / sizeof *caps; i++)
			if (caps[i].letter == *p)
				keep = (compat_a & caps[i].bit) && (compat_b & caps[i].bit);
		if (keep)
			out[o++] = *p;
	}
	out[o] = '\0';
}

/* The checksums the relay can carry, in rsync's order of preference, with
 * the bytes of a whole-file sum (all the parser needs to know of one).  An
 * alias names the checksum of the entry before it. */
static const struct {
	const char *name;
	int len;
	int alias;
} checksums[] = {
	{ "xxh128", 16, 0 }, { "xxh3", 8, 0 }, { "xxh64", 8, 0 }, { "xxhash", 8, 1 },
	{ "md5", 16, 0 }, { "md4", 16, 0 }, { "sha1", 20, 0 }, { "none", 1, 0 },
};

/* The compressions whose token framing src/sendstream.c follows. */
static const char *const compressions[] = { "zstd", "lz4", "zlibx", "zlib", "none" };

int hs_checksum_len(const char *name)
{
	for (size_t i = 0; i < sizeof checksums / sizeof *checksums; i++)
		if (strcmp(checksums[i].name, name) == 0)
			return checksums[i].len;
	return -1;
}

/* The i-th name of a table (HS_CHECKSUMS or HS_COMPRESSIONS), NULL past
 * its end. */
static const char *known_name(int what, size_t i)
{
	if (what == HS_COMPRESSIONS)
		return i < sizeof compressions / sizeof *compressions ? compressions[i] : NULL;
	return i < sizeof checksums / sizeof *checksums ? checksums[i].name : NULL;
}

static int hs_known(int what, const char *name, size_t len)
{
	const char *k;

	for (size_t i = 0; (k = known_name(what, i)) != NULL; i++)
		if (strlen(k) == len && memcmp(k, name, len) == 0)
			return 1;
	return 0;
}

void hs_known_names(int what, char *out, size_t outlen)
{
	const char *k;
	size_t o = 0;

	if (outlen)
		out[0] = '\0';
	for (size_t i = 0; o < outlen && (k = known_name(what, i)) != NULL; i++) {
		int alias = what == HS_CHECKSUMS && checksums[i].alias;
		int w = snprintf(out + o, outlen - o, alias ? " (%s)" : o ? " %s" : "%s", k);

		if (w < 0)
			break;
		o += (size_t)w;
	}
}

/* ---- the handshake over buffers ---- */

/* What one server sent, read field by field. */
struct hs_cur {
	const unsigned char *buf;
	size_t len, pos;
};

static int need_more(struct hs_progress *p, int side, size_t n)
{
	p->side = side;
	p->need = n;
	return HS_NEED;
}

static int hs_fail(struct hs_progress *p, char *err, size_t errlen, int code, const char *fmt,
		   ...) __attribute__((format(printf, 5, 6)));

static int hs_fail(struct hs_progress *p, char *err, size_t errlen, int code, const char *fmt,
		   ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	p->code = code;
	return HS_FAIL;
}

/* Each field reader returns 0 with the field read, or HS_NEED / HS_FAIL. */
static int get_int(struct hs_cur *c, int side, int32_t *v, struct hs_progress *p)
{
	if (c->len - c->pos < 4)
		return need_more(p, side, 4 - (c->len - c->pos));
	*v = (int32_t)wire_get_u32(c->buf + c->pos);
	c->pos += 4;
	return 0;
}

static int get_varint(struct hs_cur *c, int side, const char *who, int32_t *v,
		      struct hs_progress *p, char *err, size_t errlen)
{
	ptrdiff_t n = wire_read_varint(c->buf + c->pos, c->len - c->pos, v);

	/* A byte at a time: the length shows only as the bytes come. */
	if (n == WIRE_NEED_MORE)
		return need_more(p, side, 1);
	if (n < 0)
		return hs_fail(p, err, errlen, RERR_STREAMIO, "Overflow in read_varint() from the %s",
			       who);
	c->pos += (size_t)n;
	return 0;
}

/* A name list; one longer than the relay keeps is a protocol error. */
static int get_list(struct hs_cur *c, int side, const char *who, char out[HS_LIST_MAX],
		    struct hs_progress *p, char *err, size_t errlen)
{
	const unsigned char *b = c->buf + c->pos;
	size_t have = c->len - c->pos, hdr = 1, len;

	if (have < 1)
		return need_more(p, side, 1);
	len = b[0];
	if (len & 0x80) {
		if (have < 2)
			return need_more(p, side, 1);
		len = (len & 0x7F) << 8 | b[1];
		hdr = 2;
	}
	if (len >= HS_LIST_MAX)
		return hs_fail(p, err, errlen, RERR_STREAMIO,
			       "over-long vstring received (%zu > %zu) from the %s", len,
			       (size_t)HS_LIST_MAX - 1, who);
	if (have < hdr + len)
		return need_more(p, side, hdr + len - have);
	memcpy(out, b + hdr, len);
	out[len] = '\0';
	c->pos += hdr + len;
	return 0;
}

/* The names of list that the relay can carry, in list's order: a name
 * both servers know but the relay does not would garble the stream. */
static void keep_known(int what, const char *list, char out[HS_LIST_MAX])
{
	size_t o = 0;

	for (const char *q = list; *q;) {
		size_t l;

		while (*q == ' ')
			q++;
		l = strcspn(q, " ");
		if (l && hs_known(what, q, l)) {
			if (o)
				out[o++] = ' ';
			memcpy(out + o, q, l);	/* fits: out holds all of list */
			o += l;
		}
		q += l;
	}
	out[o] = '\0';
}

/* Agrees on one name from both servers' lists, among those the relay
 * can carry. */
static int negotiate(struct hs_cur c[2], const char *const who[2], int what_id,
		     char *chosen, struct hs_progress *p, char *err, size_t errlen)
{
	const char *what = what_id == HS_COMPRESSIONS ? "compress" : "checksum";
	char l[2][HS_LIST_MAX], known[HS_LIST_MAX];
	int k;

	for (int i = 0; i < 2; i++)
		if ((k = get_list(&c[i], i, who[i], l[i], p, err, errlen)) != 0)
			return k;
	keep_known(what_id, l[0], known);
	if (hs_pick_name(known, l[1], chosen, NAME_MAX_LEN) < 0)
		return hs_fail(p, err, errlen, RERR_UNSUPPORTED,
			       "Failed to negotiate a %s choice: the %s offers \"%s\", "
			       "the %s \"%s\"", what, who[0], l[0], who[1], l[1]);
	return 0;
}

static int parse(struct hs_cur c[2], const char *const who[2], const struct hs_wants *w,
		 struct session *s, struct hs_progress *p, char *err, size_t errlen)
{
	int32_t v[2], cf[2] = { 0, 0 };
	char file_sum[NAME_MAX_LEN];
	int k;

	for (int i = 0; i < 2; i++)
		if ((k = get_int(&c[i], i, &v[i], p)) != 0)
			return k;
	for (int i = 0; i < 2; i++)
		if (v[i] < 20 || v[i] > 40)
			return hs_fail(p, err, errlen, RERR_PROTOCOL,
				       "protocol version mismatch -- is your shell clean? "
				       "(the %s sent %d)", who[i], (int)v[i]);
	s->remote_src = v[0];
	s->remote_dest = v[1];
	s->protocol = w->max_protocol ? w->max_protocol : RELAY_PROTOCOL;
	for (int i = 0; i < 2; i++)
		if (v[i] < s->protocol)
			s->protocol = v[i];
	if (s->protocol < RELAY_MIN_PROTOCOL)
		return hs_fail(p, err, errlen, RERR_PROTOCOL,
			       "protocol %d is too old for the relay (the %s speaks %d, "
			       "the %s %d; at least %d is needed)", s->protocol, who[0], (int)v[0],
			       who[1], (int)v[1], RELAY_MIN_PROTOCOL);
	p->protocol_known = 1;

	if (s->protocol >= 30) {
		for (int i = 0; i < 2; i++)
			if ((k = get_varint(&c[i], i, who[i], &cf[i], p, err, errlen)) != 0)
				return k;
		s->compat_src = cf[0];
		s->compat_dest = cf[1];
		if ((cf[0] & ~CF_CLIENT_ONLY) != (cf[1] & ~CF_CLIENT_ONLY))
			return HS_COMPAT_MISMATCH;
	}
	s->compat_flags = cf[0];
	s->inc_recurse = !!(cf[0] & CF_INC_RECURSE);
	s->varint_flist_flags = !!(cf[0] & CF_VARINT_FLIST_FLAGS);
	s->id0_names = !!(cf[0] & CF_ID0_NAMES);
	s->safe_flist = (cf[0] & CF_SAFE_FLIST) || s->protocol >= 31;

	/* A name given on the command line is not negotiated: each server
	 * got it as an option and sends no list for it. */
	p->nego_sum = s->varint_flist_flags && !w->checksum_choice;
	p->nego_zip = s->varint_flist_flags && w->compress && !w->compress_choice;
	if (p->nego_sum && (k = negotiate(c, who, HS_CHECKSUMS, s->checksum, p, err, errlen)) != 0)
		return k;
	if (p->nego_zip && (k = negotiate(c, who, HS_COMPRESSIONS, s->compress, p, err, errlen)) != 0)
		return k;
	snprintf(p->zip_name, sizeof p->zip_name, "%s", s->compress);
	p->names_known = 1;
	s->sum_negotiated = p->nego_sum;
	s->zip_negotiated = p->nego_zip;

	if (!p->nego_sum && w->checksum_choice)
		snprintf(s->checksum, sizeof s->checksum, "%.*s",
			 (int)strcspn(w->checksum_choice, ","), w->checksum_choice);
	else if (!p->nego_sum)
		strcpy(s->checksum, s->protocol >= 30 ? "md5" : "md4");
	if (!p->nego_zip && w->compress)
		snprintf(s->compress, sizeof s->compress, "%s",
			 w->compress_choice ? w->compress_choice : "zlib");
	if (strcmp(s->compress, "none") == 0 ||
	    (w->level_zero && strncmp(s->compress, "zlib", 4) == 0))
		s->compress[0] = '\0';
	/* "XFER,FILE" names the -c file-list checksum separately. */
	snprintf(file_sum, sizeof file_sum, "%s",
		 w->checksum_choice && strchr(w->checksum_choice, ',') && !p->nego_sum
			 ? strchr(w->checksum_choice, ',') + 1 : s->checksum);
	snprintf(s->file_checksum, sizeof s->file_checksum, "%s", file_sum);
	s->xfer_sum_len = hs_checksum_len(s->checksum);
	s->flist_csum_len = hs_checksum_len(file_sum);
	if (s->xfer_sum_len < 0 || s->flist_csum_len < 0)
		return hs_fail(p, err, errlen, RERR_PROTOCOL, "unknown checksum \"%s\"",
			       s->xfer_sum_len < 0 ? s->checksum : file_sum);

	if ((k = get_int(&c[0], 0, &s->seed_src, p)) != 0 ||
	    (k = get_int(&c[1], 1, &s->seed_dest, p)) != 0)
		return k;
	return HS_DONE;
}

int hs_parse(const unsigned char *const in[2], const size_t len[2], const char *const who[2],
	     const struct hs_wants *w, struct session *s, struct hs_progress *p, char *err,
	     size_t errlen)
{
	struct hs_cur c[2] = { { in[0], len[0], 0 }, { in[1], len[1], 0 } };
	int k;

	memset(s, 0, sizeof *s);
	memset(p, 0, sizeof *p);
	if (errlen)
		err[0] = '\0';
	k = parse(c, who, w, s, p, err, errlen);
	p->used[0] = c[0].pos;
	p->used[1] = c[1].pos;
	return k;
}

/* ---- the handshake over the servers' pipes ---- */

/* How long the relay waits for either server to speak before it sends
 * one of them its version first: both may be servers that read the
 * client's version before they write their own. */
#define HS_SILENT_MS 3000

int32_t hs_read_version(struct hs_side *s, struct report *r)
{
	if (read_full(s, s->pre, 4, r) < 0)
		return -1;
	s->npre = 4;
	if (!s->ready_ms)
		s->ready_ms = hs_now_ms();
	return (int32_t)wire_get_u32(s->pre);
}

int32_t hs_read_version_offering(struct hs_side *s, int32_t offer, struct report *r)
{
	int64_t until = hs_now_ms() + HS_SILENT_MS;

	while (!signals_caught()) {
		struct pollfd p[3] = { { .fd = s->rfd, .events = POLLIN } };
		int k = r->shells ? stderr_label_pollfds(r->shells, p + 1) : 0;
		int64_t left = until - hs_now_ms();
		int n;

		if (left <= 0)
			break;
		n = poll(p, 1 + (nfds_t)k, (int)left);
		if (k)
			stderr_label_drain(r->shells, r);
		if ((n > 0 && p[0].revents) || (n < 0 && errno != EINTR))
			return hs_read_version(s, r);
	}
	if (!signals_caught()) {
		if (write_int(s, offer, r) < 0)
			return -1;
		s->sent = offer;
	}
	return hs_read_version(s, r);
}

int hs_read_seed(struct hs_side *s, int max_protocol, int32_t *seed, struct report *r)
{
	int32_t offer = max_protocol ? max_protocol : RELAY_PROTOCOL, v;

	/* a server takes the lower of its version and ours, whichever
	 * speaks first */
	if (write_int(s, offer, r) < 0)
		return -1;
	s->sent = offer;
	if ((v = hs_read_version(s, r)) < 0)
		return -1;
	if (v < 20 || v > 40 || !seed_follows_version(offer, v))
		return 0;	/* hs_parse reports a bad version */
	if (read_full(s, s->pre + 4, 4, r) < 0)
		return -1;
	s->npre = 8;
	*seed = (int32_t)wire_get_u32(s->pre + 4);
	return 1;
}

void hs_set_daemon(struct hs_side *s, int protocol)
{
	wire_put_u32(s->pre, (uint32_t)protocol);
	s->npre = 4;
	s->daemon = 1;
	if (!s->ready_ms)
		s->ready_ms = hs_now_ms();
}

int64_t hs_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}


/* The version the relay offers: its own, or --protocol's. */
static int32_t hs_offer(const struct hs_wants *w)
{
	return w->max_protocol ? w->max_protocol : RELAY_PROTOCOL;
}

static int32_t min32(int32_t x, int32_t y)
{
	return x < y ? x : y;
}

/* A server that has spoken while the other is silent: its version is
 * read, and the silent one (which may wait for the client's version
 * before it writes its own) gets the lower of ours and it.  It answers
 * with the lower of that and its own, which the first then gets. */
static int greet_silent(struct hs_side *spoke, struct hs_side *silent, int32_t *sent,
			const struct hs_wants *w, struct report *r)
{
	int32_t v;

	if (!spoke->npre && hs_read_version(spoke, r) < 0)
		return -1;
	v = (int32_t)wire_get_u32(spoke->pre);
	if (v < 20 || v > 40)
		return 0;	/* hs_parse reports it */
	*sent = min32(hs_offer(w), v);
	return write_int(silent, *sent, r);
}

/* Waits until each server has spoken, noting when (the time its
 * connection took), and never deadlocks on the order of the greeting:
 * a silent server is sent a version (sent[i], 0 while not) when the
 * other has spoken, or after HS_SILENT_MS with both silent. */
static int greet_both(struct hs_side *a, struct hs_side *b, const struct hs_wants *w,
		      int32_t sent[2], struct report *r)
{
	int64_t start = hs_now_ms();

	if (!a->npre)
		a->ready_ms = 0;
	if (!b->npre)
		b->ready_ms = 0;
	while (!a->ready_ms || !b->ready_ms) {
		struct pollfd p[4] = {
			{ .fd = a->ready_ms ? -1 : a->rfd, .events = POLLIN },
			{ .fd = b->ready_ms ? -1 : b->rfd, .events = POLLIN },
		};
		int k = r->shells ? stderr_label_pollfds(r->shells, p + 2) : 0;
		int wait = a->timeout_ms > 0 ? a->timeout_ms : -1, n;

		if (!a->ready_ms && !b->ready_ms && !sent[0] && !sent[1]) {
			int64_t left = start + HS_SILENT_MS - hs_now_ms();

			if (left <= 0) {
				sent[0] = hs_offer(w);
				if (write_int(a, sent[0], r) < 0)
					return -1;
				continue;
			}
			if (wait < 0 || left < wait)
				wait = (int)left;
		}
		if ((wait = limit_wait(a, wait, r)) == -2)
			return -1;
		n = poll(p, 2 + (nfds_t)k, wait);
		if (k)
			stderr_label_drain(r->shells, r);
		if (n > 0 && !p[0].revents && !p[1].revents)
			continue;	/* only a shell's stderr */
		if (n < 0 && errno == EINTR && !signals_caught())
			continue;
		if (n == 0 && !a->ready_ms && !b->ready_ms && !sent[0] && !sent[1])
			continue;	/* the silence above: send first */
		if (n <= 0)
			return 0;	/* the first read reports a signal or timeout */
		if (p[0].revents)
			a->ready_ms = hs_now_ms();
		if (p[1].revents)
			b->ready_ms = hs_now_ms();
		if (a->ready_ms && !b->ready_ms && !sent[1] &&
		    greet_silent(a, b, &sent[1], w, r) < 0)
			return -1;
		if (b->ready_ms && !a->ready_ms && !sent[0] &&
		    greet_silent(b, a, &sent[0], w, r) < 0)
			return -1;
	}
	return 0;
}

/* Sends the agreed version to each server not sent one yet; one sent a
 * version before must have come to the same. */
static int send_protocol(struct hs_side *sd[2], int n, const int32_t sent[2],
			 const unsigned char *const in[2], const struct session *s,
			 struct report *r)
{
	for (int i = 0; i < n; i++) {
		int32_t v = (int32_t)wire_get_u32(in[i]);

		if (sd[i]->daemon)
			continue;
		if (!sent[i]) {
			if (write_int(sd[i], s->protocol, r) < 0)
				return -1;
		} else if (min32(sent[i], v) != s->protocol) {
			report_fatal(r, RERR_PROTOCOL,
				     "the %s (%s) started at protocol %d before the %s said it "
				     "speaks %d: start it with --protocol=%d",
				     sd[i]->who, sd[i]->where, (int)min32(sent[i], v),
				     sd[!i]->who, (int)s->protocol, (int)s->protocol);
			return -1;
		}
	}
	return 0;
}

int hs_refused(int daemon, int32_t sent, int32_t got)
{
	return daemon && sent && got != sent;
}

/* Different compat flags may come from a daemon that refused its
 * arguments before it read "-e" (its letters are then all missing).
 * Without CF_VARINT_FLIST_FLAGS such a server names no checksum and
 * writes its seed next, unasked, so that can be read to tell.  Returns
 * HS_REFUSED, HS_COMPAT_MISMATCH, or -1 after an error. */
static int mismatch_or_refusal(struct hs_side *sd[2], const struct hs_wants *w,
			       struct session *s, struct report *r)
{
	const int32_t cf[2] = { s->compat_src, s->compat_dest };

	for (int i = 0; i < 2; i++) {
		unsigned char b[4];

		if (!sd[i]->daemon || !w->seed[i] || (cf[i] & CF_VARINT_FLIST_FLAGS))
			continue;
		if (read_full(sd[i], b, sizeof b, r) < 0)
			return -1;
		if (hs_refused(1, w->seed[i], (int32_t)wire_get_u32(b))) {
			s->refused = i;
			return HS_REFUSED;
		}
	}
	return HS_COMPAT_MISMATCH;
}

int handshake_run(struct hs_side *a, struct hs_side *b, const struct hs_wants *w,
		  struct session *s, struct report *r)
{
	/* Alone with the sender (a listing), the sender's bytes stand for
	 * both servers': it then agrees with itself on everything. */
	int alone = b == NULL;
	struct hs_side *sd[2] = { a, alone ? a : b };
	const char *const who[2] = { a->who, alone ? a->who : b->who };
	unsigned char in[2][HS_MAX_INPUT];
	const unsigned char *const bufs[2] = { in[0], alone ? in[0] : in[1] };
	size_t have[2] = { 0, 0 };
	int sent_protocol = 0, sent_names = 0, k;
	int32_t sent[2] = { a->sent, alone ? 0 : b->sent };
	struct hs_progress p;
	char err[2 * HS_LIST_MAX + 256];

	if (alone && !a->npre) {
		/* one server agrees with itself: it may as well hear us first */
		a->ready_ms = 0;
		sent[0] = hs_offer(w);
		if (write_int(a, sent[0], r) < 0)
			return -1;
	} else if (!alone && greet_both(a, b, w, sent, r) < 0)
		return -1;
	for (int i = 0; i < (alone ? 1 : 2); i++) {
		memcpy(in[i], sd[i]->pre, (size_t)sd[i]->npre);
		have[i] = (size_t)sd[i]->npre;
	}
	for (;;) {
		k = hs_parse(bufs, have, who, w, s, &p, err, sizeof err);
		if (p.protocol_known && !sent_protocol) {
			sent_protocol = 1;
			if (send_protocol(sd, alone ? 1 : 2, sent, bufs, s, r) < 0)
				return -1;
		}
		if (p.names_known && !sent_names) {
			sent_names = 1;
			if (p.nego_sum && (write_vstring(a, s->checksum, r) < 0 ||
					   (!alone && write_vstring(b, s->checksum, r) < 0)))
				return -1;
			if (p.nego_zip && (write_vstring(a, p.zip_name, r) < 0 ||
					   (!alone && write_vstring(b, p.zip_name, r) < 0)))
				return -1;
		}
		if (k != HS_NEED)
			break;
		if (alone && p.side == 1) {
			/* what the sender has sent already, read a second time */
			if (have[1] + p.need > have[0]) {
				if (read_full(a, in[0] + have[0], have[1] + p.need - have[0], r) < 0)
					return -1;
				have[0] = have[1] + p.need;
			}
			have[1] += p.need;
			continue;
		}
		/* hs_parse never asks for more than a handshake can hold. */
		if (read_full(sd[p.side], in[p.side] + have[p.side], p.need, r) < 0)
			return -1;
		have[p.side] += p.need;
	}
	if (!a->ready_ms)
		a->ready_ms = hs_now_ms();	/* heard us first: answered by now */
	if (k == HS_FAIL) {
		report_fatal(r, p.code, "%s", err);
		return -1;
	}
	if (k == HS_COMPAT_MISMATCH)
		return mismatch_or_refusal(sd, w, s, r);
	for (int i = 0; i < (alone ? 1 : 2); i++)
		if (hs_refused(sd[i]->daemon, w->seed[i], i ? s->seed_dest : s->seed_src)) {
			s->refused = i;
			return HS_REFUSED;
		}
	switch (seed_verdict(s->protocol, s->checksum, s->compress[0] != '\0', s->seed_src,
			     s->seed_dest, w->no_seed_option, err, sizeof err)) {
	case SEED_FATAL:
		report_fatal(r, RERR_UNSUPPORTED, "%s", err);
		return -1;
	case SEED_RESIGN:
		s->resign = 1;
		/* fall through */
	case SEED_WARN:
		report_warn(r, "%s", err);
		break;
	}
	return 0;
}
