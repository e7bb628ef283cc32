#include "handshake.h"

#include <errno.h>
#include <poll.h>
#include <time.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "signals.h"
#include "wire.h"

/* Waits until fd is ready for events.  Returns 0, or -1 after reporting
 * a signal or --timeout as the reason to stop. */
static int wait_fd(struct hs_side *s, int fd, short events, struct report *r)
{
	for (;;) {
		struct pollfd p = { .fd = fd, .events = events };
		int n = poll(&p, 1, s->timeout_ms > 0 ? s->timeout_ms : -1);

		if (n > 0)
			return 0;
		if (n < 0 && errno != EINTR)
			return 0;	/* the read or write will tell */
		if (signals_caught()) {
			report_stop(r, RERR_SIGNAL);
			return -1;
		}
		if (n == 0) {
			report_fatal(r, RERR_TIMEOUT, "[%s] io timeout after %d seconds -- exiting",
				     s->who, s->timeout_ms / 1000);
			return -1;
		}
	}
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
		report_fatal(r, RERR_STREAMIO,
			     "connection unexpectedly closed (%llu bytes received so far) [%s]",
			     (unsigned long long)s->bytes_in, s->who);
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
		report_fatal(r, RERR_STREAMIO, "connection to the %s closed while starting (%s)",
			     s->who, k < 0 ? strerror(errno) : "end of file");
		return -1;
	}
	return 0;
}

static int read_int(struct hs_side *s, int32_t *v, struct report *r)
{
	unsigned char b[4];

	if (read_full(s, b, 4, r) < 0)
		return -1;
	*v = (int32_t)wire_get_u32(b);
	return 0;
}

static int read_varint(struct hs_side *s, int32_t *v, struct report *r)
{
	unsigned char b[WIRE_MAX_VARINT];
	size_t have = 1;
	ptrdiff_t n;

	if (read_full(s, b, 1, r) < 0)
		return -1;
	while ((n = wire_read_varint(b, have, v)) == WIRE_NEED_MORE) {
		if (read_full(s, b + have, 1, r) < 0)
			return -1;
		have++;
	}
	if (n < 0) {
		report_fatal(r, RERR_STREAMIO, "Overflow in read_varint() from the %s", s->who);
		return -1;
	}
	return 0;
}

/* Reads a name list; names longer than the buffer are a protocol error. */
static int read_vstring(struct hs_side *s, char *out, size_t outlen, struct report *r)
{
	unsigned char hdr[2];
	size_t len;

	if (read_full(s, hdr, 1, r) < 0)
		return -1;
	len = hdr[0];
	if (len & 0x80) {
		if (read_full(s, hdr + 1, 1, r) < 0)
			return -1;
		len = (len & 0x7F) << 8 | hdr[1];
	}
	if (len >= outlen) {
		report_fatal(r, RERR_STREAMIO, "over-long vstring received (%zu > %zu) from the %s",
			     len, outlen - 1, s->who);
		return -1;
	}
	if (read_full(s, out, len, r) < 0)
		return -1;
	out[len] = '\0';
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

int hs_checksum_len(const char *name)
{
	static const struct {
		const char *name;
		int len;
	} lens[] = {
		{ "xxh128", 16 }, { "xxh3", 8 }, { "xxh64", 8 }, { "xxhash", 8 },
		{ "md5", 16 }, { "md4", 16 }, { "sha1", 20 }, { "none", 1 },
	};
	for (size_t i = 0; i < sizeof lens / sizeof *lens; i++)
		if (strcmp(lens[i].name, name) == 0)
			return lens[i].len;
	return -1;
}

/* Agrees on one name from both servers' lists and tells both. */
static int negotiate(struct hs_side *a, struct hs_side *b, const char *what,
		     char *chosen, struct report *r)
{
	char la[1024], lb[1024];

	if (read_vstring(a, la, sizeof la, r) < 0 || (b && read_vstring(b, lb, sizeof lb, r) < 0))
		return -1;
	/* Alone with the sender (a listing), any checksum whose length the
	 * file list needs is fine, and no data is compressed. */
	if (!b)
		snprintf(lb, sizeof lb, "%s",
			 strcmp(what, "checksum") == 0 ? "xxh128 xxh3 xxh64 md5 md4 sha1 none" : la);
	if (hs_pick_name(la, lb, chosen, NAME_MAX_LEN) < 0) {
		report_fatal(r, RERR_UNSUPPORTED,
			     "Failed to negotiate a %s choice: the sender offers \"%s\", "
			     "the receiver \"%s\"", what, la, lb);
		return -1;
	}
	return 0;
}

int64_t hs_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Notes when each server first speaks: the time its connection took,
 * whichever answers first. */
static void await_both(struct hs_side *a, struct hs_side *b)
{
	struct hs_side none = { .rfd = -1, .ready_ms = 1 };

	if (!b)
		b = &none;
	a->ready_ms = 0;
	if (b != &none)
		b->ready_ms = 0;
	while (!a->ready_ms || !b->ready_ms) {
		struct pollfd p[2] = {
			{ .fd = a->ready_ms ? -1 : a->rfd, .events = POLLIN },
			{ .fd = b->ready_ms ? -1 : b->rfd, .events = POLLIN },
		};
		int n = poll(p, 2, a->timeout_ms > 0 ? a->timeout_ms : -1);

		if (n < 0 && errno == EINTR && !signals_caught())
			continue;
		if (n <= 0)
			break;	/* the first read reports a signal or timeout */
		if (p[0].revents)
			a->ready_ms = hs_now_ms();
		if (p[1].revents)
			b->ready_ms = hs_now_ms();
	}
}

int handshake_run(struct hs_side *a, struct hs_side *b, const struct hs_wants *w,
		  struct session *s, struct report *r)
{
	int32_t va, vb, ca = 0, cb = 0;

	memset(s, 0, sizeof *s);
	await_both(a, b);
	if (read_int(a, &va, r) < 0 || (b && read_int(b, &vb, r) < 0))
		return -1;
	if (!b)
		vb = va;
	if (va < 20 || va > 40 || vb < 20 || vb > 40) {
		report_fatal(r, RERR_PROTOCOL,
			     "protocol version mismatch -- is your shell clean? "
			     "(the %s sent %d)", va < 20 || va > 40 ? a->who : b->who,
			     va < 20 || va > 40 ? (int)va : (int)vb);
		return -1;
	}
	s->protocol = w->max_protocol ? w->max_protocol : RELAY_PROTOCOL;
	if (va < s->protocol)
		s->protocol = va;
	if (vb < s->protocol)
		s->protocol = vb;
	if (s->protocol < RELAY_MIN_PROTOCOL) {
		report_fatal(r, RERR_PROTOCOL,
			     "protocol %d is too old for the relay (the sender speaks %d, "
			     "the receiver %d; at least %d is needed)",
			     s->protocol, (int)va, (int)vb, RELAY_MIN_PROTOCOL);
		return -1;
	}
	if (write_int(a, s->protocol, r) < 0 || (b && write_int(b, s->protocol, r) < 0))
		return -1;

	if (s->protocol >= 30) {
		if (read_varint(a, &ca, r) < 0 || (b && read_varint(b, &cb, r) < 0))
			return -1;
		if (!b)
			cb = ca;
		s->compat_src = ca;
		s->compat_dest = cb;
		if ((ca & ~CF_CLIENT_ONLY) != (cb & ~CF_CLIENT_ONLY))
			return HS_COMPAT_MISMATCH;
	}
	s->compat_flags = ca;
	s->inc_recurse = !!(ca & CF_INC_RECURSE);
	s->varint_flist_flags = !!(ca & CF_VARINT_FLIST_FLAGS);
	s->id0_names = !!(ca & CF_ID0_NAMES);
	s->safe_flist = (ca & CF_SAFE_FLIST) || s->protocol >= 31;

	/* A name given on the command line is not negotiated: each server
	 * got it as an option and sends no list for it. */
	int nego_sum = s->varint_flist_flags && !w->checksum_choice;
	int nego_zip = s->varint_flist_flags && w->compress && !w->compress_choice;
	char file_sum[NAME_MAX_LEN];

	if (nego_sum && negotiate(a, b, "checksum", s->checksum, r) < 0)
		return -1;
	if (nego_zip && negotiate(a, b, "compress", s->compress, r) < 0)
		return -1;
	if (nego_sum && (write_vstring(a, s->checksum, r) < 0 ||
			 (b && write_vstring(b, s->checksum, r) < 0)))
		return -1;
	if (nego_zip && (write_vstring(a, s->compress, r) < 0 ||
			 (b && write_vstring(b, s->compress, r) < 0)))
		return -1;
	if (!nego_sum && w->checksum_choice)
		snprintf(s->checksum, sizeof s->checksum, "%.*s",
			 (int)strcspn(w->checksum_choice, ","), w->checksum_choice);
	else if (!nego_sum)
		strcpy(s->checksum, s->protocol >= 30 ? "md5" : "md4");
	if (!nego_zip && w->compress)
		snprintf(s->compress, sizeof s->compress, "%s",
			 w->compress_choice ? w->compress_choice : "zlib");
	if (strcmp(s->compress, "none") == 0)
		s->compress[0] = '\0';
	/* "XFER,FILE" names the -c file-list checksum separately. */
	snprintf(file_sum, sizeof file_sum, "%s",
		 w->checksum_choice && strchr(w->checksum_choice, ',') && !nego_sum
			 ? strchr(w->checksum_choice, ',') + 1 : s->checksum);
	snprintf(s->file_checksum, sizeof s->file_checksum, "%s", file_sum);
	s->xfer_sum_len = hs_checksum_len(s->checksum);
	s->flist_csum_len = hs_checksum_len(file_sum);
	if (s->xfer_sum_len < 0 || s->flist_csum_len < 0) {
		report_fatal(r, RERR_PROTOCOL, "unknown checksum \"%s\"",
			     s->xfer_sum_len < 0 ? s->checksum : file_sum);
		return -1;
	}

	if (read_int(a, &s->seed_src, r) < 0 || (b && read_int(b, &s->seed_dest, r) < 0))
		return -1;
	if (!b)
		s->seed_dest = s->seed_src;
	if (s->seed_src != s->seed_dest)
		report_warn(r, "the servers chose different checksum seeds (%d and %d), so no "
			    "block can match and every byte is sent as literal data; give both "
			    "server commands the same --checksum-seed",
			    (int)s->seed_src, (int)s->seed_dest);
	return 0;
}
