/* Unit tests of the sender-stream parser (sendstream.h).
 *
 * Each test builds the data a sending rsync server writes (after the
 * handshake, without the multiplexing frames) with the small writers
 * below, which follow the wire format:
 *
 *   file list   entries, then the end marker (protocol 30+: varint 0 and
 *               a varint io_error; protocol 29: a 0 flags byte, the uid and
 *               gid lists, then an int io_error)
 *   record      ndx (delta-coded from protocol 30: 0 is NDX_DONE, 0xFF
 *               starts a negative one, one byte is the difference to the
 *               previous value of the same sign, 0xFE then two bytes a
 *               larger difference, 0xFE then four bytes with the top bit of
 *               the first set the whole value), iflags shortint, a basis
 *               byte with ITEM_BASIS_TYPE_FOLLOWS, a vstring with
 *               ITEM_XNAME_FOLLOWS
 *   transfer    after a record with ITEM_TRANSFER (unless a dry run): the
 *               sum header (count, block length, checksum length,
 *               remainder: 4 ints), tokens, then the whole-file checksum
 *               (xfer_sum_len bytes).  Plain tokens: int n > 0 and n
 *               literal bytes, int n < 0 a copy of block -n-1, int 0 the
 *               end.  With -z: flag bytes (0x40|hi, lo: deflated data of
 *               that length; 0x80|n: a token n past the last; 0xC0|n: the
 *               same and a 2-byte run; 0x20 and an int: a token; 0x21, an
 *               int, a 2-byte run; 0x00: the end)
 *   phases      NDX_DONE ends a phase (with incremental recursion it first
 *               retires the oldest list); after three (protocol 29+) come
 *   statistics  5 varlong30 values with at least 3 bytes, which only a
 *               client reads: the parser must drop them
 *   goodbye     whatever follows, passed on
 *
 * Every stream is parsed whole, a byte at a time and in random pieces
 * (offering the unconsumed rest again each time the parser asks for more),
 * and the bytes it lets through must be the input less the statistics.
 */
#include "suites.h"
#include "digest.h"
#include "flist.h"
#include "report.h"
#include "sendstream.h"
#include "wire.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>


#define M_FILE 0100644
#define M_DIR 040755
#define M_LINK 0120777

#define SUM_LEN 16

/* ------------------------------------------------------------------ */
/* Writing a stream                                                    */
/* ------------------------------------------------------------------ */

struct sb {
	unsigned char *b;
	size_t n, cap;
	int proto;
	int32_t prev_pos, prev_neg;	/* ndx coding */
	size_t stats_at, stats_len;	/* where the statistics are */
	const struct flist_opts *fo;
};

static void sb_init(struct sb *s, const struct flist_opts *fo)
{
	memset(s, 0, sizeof *s);
	s->proto = fo->protocol;
	s->fo = fo;
	s->prev_pos = -1;
	s->prev_neg = 1;
	s->stats_at = (size_t)-1;
}

static void sb_bytes(struct sb *s, const void *p, size_t n)
{
	if (s->n + n > s->cap) {
		s->cap = (s->n + n) * 2 + 64;
		s->b = realloc(s->b, s->cap);
		REQUIRE(s->b != NULL, "out of memory");
	}
	memcpy(s->b + s->n, p, n);
	s->n += n;
}

static void sb_byte(struct sb *s, unsigned v)
{
	unsigned char c = (unsigned char)v;

	sb_bytes(s, &c, 1);
}

static void sb_int(struct sb *s, int32_t v)
{
	uint32_t u = (uint32_t)v;
	unsigned char b[4] = {(unsigned char)u, (unsigned char)(u >> 8), (unsigned char)(u >> 16),
			      (unsigned char)(u >> 24)};

	sb_bytes(s, b, 4);
}

static void sb_short(struct sb *s, unsigned v)
{
	sb_byte(s, v & 0xFF);
	sb_byte(s, (v >> 8) & 0xFF);
}

/* varlong with at least min bytes: with e extra bytes the first byte has
 * its top e bits set, a 0 bit, and the value's bits above the min-1+e low
 * bytes that follow it; the longest form carries the value in the low
 * bytes alone.  A varint is the same with min 1 and at most 5 bytes. */
static void sb_var(struct sb *s, uint64_t u, int min, int max_total)
{
	unsigned char out[9];
	int n, i;

	for (n = min; n < max_total; n++) {
		int bits = 8 * (n - 1) + 7 - (n - min);

		if (u < (uint64_t)1 << bits)
			break;
	}
	out[0] = (unsigned char)(0xFF00u >> (n - min));
	if (n < max_total)
		out[0] |= (unsigned char)(u >> (8 * (n - 1)));
	for (i = 1; i < n; i++)
		out[i] = (unsigned char)(u >> (8 * (i - 1)));
	sb_bytes(s, out, (size_t)n);
}

static void sb_varint(struct sb *s, int32_t v)
{
	sb_var(s, (uint32_t)v, 1, 5);
}

static void sb_varlong(struct sb *s, int64_t v, int min)
{
	sb_var(s, (uint64_t)v, min, min + 6);
}

/* varint30 / varlong30 */
static void sb_varint30(struct sb *s, int32_t v)
{
	if (s->proto >= 30)
		sb_varint(s, v);
	else
		sb_int(s, v);
}

static void sb_varlong30(struct sb *s, int64_t v)
{
	if (s->proto >= 30)
		sb_varlong(s, v, 3);
	else if (v >= 0 && v <= 0x7FFFFFFF)
		sb_int(s, (int32_t)v);
	else {
		sb_int(s, -1);
		sb_int(s, (int32_t)(uint32_t)v);
		sb_int(s, (int32_t)(uint32_t)((uint64_t)v >> 32));
	}
}

static void sb_vstring(struct sb *s, const char *str)
{
	size_t len = strlen(str);

	if (len > 0x7F) {
		sb_byte(s, 0x80 | (unsigned)(len >> 8));
		sb_byte(s, len & 0xFF);
	} else
		sb_byte(s, (unsigned)len);
	sb_bytes(s, str, len);
}

static void sb_ndx(struct sb *s, int32_t ndx)
{
	int32_t diff;

	if (s->proto < 30) {
		sb_int(s, ndx);
		return;
	}
	if (ndx == NDX_DONE) {
		sb_byte(s, 0);
		return;
	}
	if (ndx >= 0) {
		diff = ndx - s->prev_pos;
		s->prev_pos = ndx;
	} else {
		sb_byte(s, 0xFF);
		ndx = -ndx;
		diff = ndx - s->prev_neg;
		s->prev_neg = ndx;
	}
	if (diff > 0 && diff < 0xFE)
		sb_byte(s, (unsigned)diff);
	else if (diff < 0 || diff > 0x7FFF) {
		sb_byte(s, 0xFE);
		sb_byte(s, ((unsigned)ndx >> 24) | 0x80);
		sb_byte(s, (unsigned)ndx & 0xFF);
		sb_byte(s, ((unsigned)ndx >> 8) & 0xFF);
		sb_byte(s, ((unsigned)ndx >> 16) & 0xFF);
	} else {
		sb_byte(s, 0xFE);
		sb_byte(s, (unsigned)diff >> 8);
		sb_byte(s, (unsigned)diff & 0xFF);
	}
}

/* A whole file-list entry, nothing shared with the previous one. */
static void sb_entry_full(struct sb *s, const char *name, uint32_t mode, int64_t size,
			  const char *link)
{
	size_t len = strlen(name);

	REQUIRE(len < 256, "name too long for this writer");
	if (s->fo->varint_flags)
		sb_varint(s, 0x04);	/* XMIT_EXTENDED_FLAGS: no flag applies */
	else
		sb_byte(s, 0x01);	/* XMIT_TOP_DIR: a non-zero flags byte */
	sb_byte(s, (unsigned)len);
	sb_bytes(s, name, len);
	sb_varlong30(s, size);
	if (s->proto >= 30)
		sb_varlong(s, 1700000000, 4);	/* mtime */
	else
		sb_int(s, 1700000000);
	sb_int(s, (int32_t)mode);
	if (s->fo->preserve_uid)
		sb_varint30(s, 1000);
	if (s->fo->preserve_gid)
		sb_varint30(s, 100);
	if (s->fo->preserve_links && S_ISLNK(mode)) {
		sb_varint30(s, (int32_t)strlen(link));
		sb_bytes(s, link, strlen(link));
	}
	if (s->fo->always_checksum && S_ISREG(mode)) {
		unsigned char sum[32];

		memset(sum, 0xC5, sizeof sum);
		sb_bytes(s, sum, (size_t)s->fo->flist_csum_len);
	}
}

static void sb_entry(struct sb *s, const char *name, uint32_t mode, int64_t size)
{
	sb_entry_full(s, name, mode, size, "target");
}

/* The end of a list, and for a non-incremental one what follows it. */
static void sb_list_end(struct sb *s, int io_error)
{
	if (s->fo->varint_flags) {
		sb_varint(s, 0);
		sb_varint(s, io_error);
	} else if (io_error && s->fo->safe_flist) {
		sb_byte(s, 0x04);	/* XMIT_EXTENDED_FLAGS | */
		sb_byte(s, 0x10);	/* XMIT_IO_ERROR_ENDLIST */
		sb_varint(s, io_error);
	} else
		sb_byte(s, 0);
	if (s->fo->inc_recurse)
		return;
	/* uid and gid name lists (one name each; none with --numeric-ids) */
	for (int pass = 0; pass < 2 && !s->fo->numeric_ids; pass++) {
		if (pass == 0 ? !s->fo->preserve_uid : !s->fo->preserve_gid)
			continue;
		sb_varint30(s, pass == 0 ? 1000 : 100);
		sb_vstring(s, pass == 0 ? "alice" : "users");
		sb_varint30(s, 0);
		if (s->fo->id0_names)
			sb_vstring(s, "root");
	}
	if (s->proto < 30)
		sb_int(s, io_error);
}

static void sb_record(struct sb *s, int32_t ndx, unsigned iflags)
{
	sb_ndx(s, ndx);
	sb_short(s, iflags);
}

static void sb_sum_head(struct sb *s, int32_t count, int32_t blength, int32_t s2length,
			int32_t remainder)
{
	sb_int(s, count);
	sb_int(s, blength);
	sb_int(s, s2length);
	sb_int(s, remainder);
}

static void sb_literal(struct sb *s, const char *data)
{
	sb_int(s, (int32_t)strlen(data));
	sb_bytes(s, data, strlen(data));
}

static void sb_file_sum(struct sb *s, unsigned char fill)
{
	unsigned char sum[SUM_LEN];

	memset(sum, fill, sizeof sum);
	sb_bytes(s, sum, sizeof sum);
}

/* A whole transfer of new data: empty sum header, literal data, end. */
static void sb_new_file(struct sb *s, int32_t ndx, const char *data)
{
	sb_record(s, ndx, ITEM_TRANSFER | ITEM_IS_NEW | ITEM_REPORT_SIZE);
	sb_sum_head(s, 0, 0, 0, 0);
	sb_literal(s, data);
	sb_int(s, 0);
	sb_file_sum(s, 0x5F);
}

static void sb_stats(struct sb *s, const int64_t v[5])
{
	s->stats_at = s->n;
	for (int i = 0; i < (s->proto >= 29 ? 5 : 3); i++)
		sb_varlong30(s, v[i]);
	s->stats_len = s->n - s->stats_at;
}

static void sb_free(struct sb *s)
{
	free(s->b);
	s->b = NULL;
}

/* ------------------------------------------------------------------ */
/* Reading a stream                                                    */
/* ------------------------------------------------------------------ */

#define MAX_ITEMS 64

struct item_seen {
	char name[RELAY_MAXPATHLEN];
	char xname[RELAY_MAXPATHLEN];
	int iflags;
	int32_t ndx;
	uint32_t mode;
};

struct result {
	int ret;		/* -1: ss_step failed */
	char err[512];
	size_t consumed;
	unsigned char *fwd;	/* bytes let through */
	size_t fwd_n;
	unsigned char *dropped;
	size_t drop_n;
	struct item_seen items[MAX_ITEMS];
	int nitems;
	int lists_done;
	int stats_events;
	int64_t stats[5];
	int stats_count;
	int at_tail;
	int io_error;
	int first_list_empty;
	int nlists;
	struct xfer_stats st;	/* what --stats would print */
};

enum feed { FEED_WHOLE, FEED_BYTES, FEED_RANDOM };

static uint64_t rng(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15u);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

/* Optional look at the parser between steps: called after every step
 * with the offset reached (the last call for an offset sees the state
 * once the bytes before it are fully interpreted). */
typedef void (*peek_fn)(const struct sendstream *ss, size_t offset, void *arg);

static void run_stream(const struct ss_params *p, const unsigned char *in, size_t n,
		       enum feed feed, uint64_t seed, struct result *res, peek_fn peek,
		       void *arg)
{
	struct sendstream ss;
	size_t avail = 0;
	uint64_t rs = seed;
	int idle = 0;

	memset(res, 0, sizeof *res);
	res->fwd = malloc(n + 1);
	res->dropped = malloc(n + 1);
	REQUIRE(res->fwd && res->dropped, "out of memory");
	ck_assert_int_eq(ss_init(&ss, p), 0);

	for (;;) {
		size_t used = 0;
		int drop = -1, r;
		unsigned char *window;
		size_t wlen;

		/* more input for the parser */
		if (avail < n && (avail == res->consumed || idle)) {
			size_t add = feed == FEED_WHOLE ? n : feed == FEED_BYTES ? 1
										   : 1 + rng(&rs) % 9;
			if (feed == FEED_RANDOM && rng(&rs) % 8 == 0)
				add += rng(&rs) % 300;
			avail = avail + add > n ? n : avail + add;
			idle = 0;
		}
		/* the unconsumed bytes, in a block of exactly their size */
		wlen = avail - res->consumed;
		window = malloc(wlen ? wlen : 1);
		REQUIRE(window != NULL, "out of memory");
		memcpy(window, in + res->consumed, wlen);
		r = ss_step(&ss, window, wlen, &used, &drop);
		free(window);
		if (r < 0) {
			res->ret = -1;
			/* a long message is cut to fit, on purpose */
			snprintf(res->err, sizeof res->err, "%.*s", (int)sizeof res->err - 1, ss.err);
			REQUIRE(ss.err[0] != '\0', "ss_step failed without a message");
			break;
		}
		if (r == 0) {
			REQUIRE(used == 0, "ss_step returned 0 with %zu bytes used", used);
			if (avail == n)
				break;
			idle = 1;
			continue;
		}
		REQUIRE(r == 1, "ss_step returned %d", r);
		REQUIRE(used <= wlen, "ss_step used %zu of %zu bytes", used, wlen);
		REQUIRE(drop == 0 || drop == 1, "drop not set");
		if (drop) {
			memcpy(res->dropped + res->drop_n, in + res->consumed, used);
			res->drop_n += used;
		} else if (ss.subst_len) {
			/* passed on changed, as the pump does */
			REQUIRE(ss.subst_len == ss.subst_skip && ss.subst_skip <= used,
				"a substitution that changes the length");
			memcpy(res->fwd + res->fwd_n, ss.subst, ss.subst_len);
			memcpy(res->fwd + res->fwd_n + ss.subst_len, in + res->consumed + ss.subst_skip,
			       used - ss.subst_skip);
			res->fwd_n += used;
		} else {
			memcpy(res->fwd + res->fwd_n, in + res->consumed, used);
			res->fwd_n += used;
		}
		res->consumed += used;
		/* The relay steps again only when bytes come: a step must not
		 * just move the state. */
		REQUIRE(used > 0, "ss_step returned 1 without using bytes");
		if (ss.events & SS_EV_ITEM) {
			struct item_seen *it = &res->items[res->nitems];

			REQUIRE(res->nitems < MAX_ITEMS, "too many items");
			snprintf(it->name, sizeof it->name, "%s", ss.item->name);
			snprintf(it->xname, sizeof it->xname, "%s", ss.item_xname);
			it->iflags = ss.item_iflags;
			it->ndx = ss.item_ndx;
			it->mode = ss.item->mode;
			res->nitems++;
		}
		if (ss.events & SS_EV_FLIST_DONE)
			res->lists_done++;
		if (ss.events & SS_EV_STATS)
			res->stats_events++;
		ss.events = 0;
		if (peek)
			peek(&ss, res->consumed, arg);
	}
	res->at_tail = ss_at_tail(&ss);
	res->stats_count = ss.stats_count;
	memcpy(res->stats, ss.stats, sizeof res->stats);
	res->io_error = ss.io_error;
	res->first_list_empty = ss.first_list_empty;
	res->nlists = ss.nlists;
	res->st = ss.st;
	ss_free(&ss);
}

static void result_free(struct result *r)
{
	free(r->fwd);
	free(r->dropped);
}

/* Runs a complete stream every way and checks what is common to all:
 * everything consumed, nothing but the statistics dropped, the same items
 * in the same order.  Returns the whole-buffer result. */
static void expect_stream(const struct ss_params *p, const struct sb *s, struct result *whole)
{
	run_stream(p, s->b, s->n, FEED_WHOLE, 0, whole, NULL, NULL);
	REQUIRE(whole->ret == 0, "whole stream: failed at %zu of %zu: %s", whole->consumed, s->n,
		whole->err);

	for (int k = 0; k < 12; k++) {
		struct result r;
		enum feed f = k == 0 ? FEED_BYTES : FEED_RANDOM;

		run_stream(p, s->b, s->n, f, (uint64_t)k * 7919 + 1, &r, NULL, NULL);
		REQUIRE(r.ret == 0, "feed %d/%d: failed at %zu of %zu: %s", f, k, r.consumed, s->n,
			r.err);
		REQUIRE(r.consumed == whole->consumed && r.fwd_n == whole->fwd_n &&
				memcmp(r.fwd, whole->fwd, r.fwd_n) == 0,
			"feed %d/%d: forwarded %zu bytes, whole run %zu", f, k, r.fwd_n, whole->fwd_n);
		REQUIRE(r.drop_n == whole->drop_n, "feed %d/%d: dropped %zu, whole run %zu", f, k,
			r.drop_n, whole->drop_n);
		REQUIRE(r.nitems == whole->nitems, "feed %d/%d: %d items, whole run %d", f, k,
			r.nitems, whole->nitems);
		for (int i = 0; i < r.nitems; i++)
			REQUIRE(strcmp(r.items[i].name, whole->items[i].name) == 0 &&
					r.items[i].iflags == whole->items[i].iflags,
				"feed %d/%d: item %d is %s, whole run %s", f, k, i, r.items[i].name,
				whole->items[i].name);
		REQUIRE(r.stats_count == whole->stats_count &&
				memcmp(r.stats, whole->stats, sizeof r.stats) == 0,
			"feed %d/%d: different statistics", f, k);
		REQUIRE(r.at_tail == whole->at_tail && r.io_error == whole->io_error,
			"feed %d/%d: different end state", f, k);
		result_free(&r);
	}

	/* everything read, exactly the statistics dropped */
	REQUIRE(whole->consumed == s->n, "consumed %zu of %zu bytes", whole->consumed, s->n);
	if (s->stats_at != (size_t)-1) {
		REQUIRE(whole->drop_n == s->stats_len, "dropped %zu bytes, the statistics are %zu",
			whole->drop_n, s->stats_len);
		REQUIRE(memcmp(whole->dropped, s->b + s->stats_at, s->stats_len) == 0,
			"dropped bytes are not the statistics");
		REQUIRE(whole->fwd_n == s->n - s->stats_len, "forwarded %zu of %zu bytes",
			whole->fwd_n, s->n);
		REQUIRE(memcmp(whole->fwd, s->b, s->stats_at) == 0 &&
				memcmp(whole->fwd + s->stats_at, s->b + s->stats_at + s->stats_len,
				       s->n - s->stats_at - s->stats_len) == 0,
			"forwarded bytes differ from the input less the statistics");
		REQUIRE(whole->stats_events == 1, "%d statistics events", whole->stats_events);
		REQUIRE(whole->at_tail, "not at the tail after the statistics");
	} else {
		REQUIRE(whole->drop_n == 0, "dropped %zu bytes without statistics", whole->drop_n);
		REQUIRE(whole->fwd_n == s->n && memcmp(whole->fwd, s->b, s->n) == 0,
			"forwarded bytes differ from the input");
	}
}

/* Runs a stream that must fail, every way; each run must fail (never read
 * past what it was given: the windows are exact heap blocks). */
static void expect_failure_at(const char *file, int line, const struct ss_params *p,
			      const struct sb *s, const char *text)
{
	for (int k = 0; k < 6; k++) {
		struct result r;
		enum feed f = k == 0 ? FEED_WHOLE : k == 1 ? FEED_BYTES : FEED_RANDOM;

		run_stream(p, s->b, s->n, f, (uint64_t)k + 99, &r, NULL, NULL);
		REQUIRE(r.ret == -1, "%s:%d: feed %d: no failure (consumed %zu of %zu)", file, line,
			f, r.consumed, s->n);
		if (text)
			REQUIRE(strstr(r.err, text) != NULL, "%s:%d: message \"%s\" lacks \"%s\"",
				file, line, r.err, text);
		result_free(&r);
	}
}

#define EXPECT_FAILURE(p, s, text) expect_failure_at(__FILE__, __LINE__, (p), (s), (text))

static void expect_items_at(const char *file, int line, const struct result *r,
			    const char *const *names)
{
	int i;

	for (i = 0; names[i]; i++) {
		REQUIRE(i < r->nitems, "%s:%d: only %d items, expected \"%s\" next", file, line,
			r->nitems, names[i]);
		REQUIRE(strcmp(r->items[i].name, names[i]) == 0,
			"%s:%d: item %d is \"%s\", expected \"%s\"", file, line, i, r->items[i].name,
			names[i]);
	}
	REQUIRE(r->nitems == i, "%s:%d: %d items, expected %d", file, line, r->nitems, i);
}

#define EXPECT_ITEMS(r, ...)                                             \
	do {                                                              \
		static const char *const n_[] = {__VA_ARGS__, NULL};       \
		expect_items_at(__FILE__, __LINE__, (r), n_);              \
	} while (0)

static struct ss_params params32(int inc_recurse)
{
	struct ss_params p;

	memset(&p, 0, sizeof p);
	p.fo.protocol = 32;
	p.fo.varint_flags = 1;
	p.fo.safe_flist = 1;
	p.fo.id0_names = 1;
	p.fo.inc_recurse = inc_recurse;
	p.fo.flist_csum_len = SUM_LEN;
	p.do_xfers = 1;
	p.xfer_sum_len = SUM_LEN;
	return p;
}

static const int64_t some_stats[5] = {1234, 567890, 8, 0, 1};

/* The three phase ends and the statistics, then a goodbye. */
static void sb_finish(struct sb *s, int extra_dones)
{
	for (int i = 0; i < 3 + extra_dones; i++)
		sb_ndx(s, NDX_DONE);
	sb_stats(s, some_stats);
	sb_ndx(s, NDX_DONE);	/* the goodbye */
}

/* ------------------------------------------------------------------ */
/* Non-incremental streams                                             */
/* ------------------------------------------------------------------ */

/* The list as sent: ".", "sub", "b", "a", "sub/c".  Sorted (the order the
 * indexes count in): 0 ".", 1 "a", 2 "b", 3 "sub", 4 "sub/c". */
static void sb_basic_list(struct sb *s)
{
	sb_entry(s, ".", M_DIR, 0);
	sb_entry(s, "sub", M_DIR, 0);
	sb_entry(s, "b", M_FILE, 1400);
	sb_entry(s, "a", M_FILE, 5);
	sb_entry(s, "sub/c", M_FILE, 1);
	sb_list_end(s, 0);
}

START_TEST(test_basic_stream)
{
	struct ss_params p = params32(0);
	struct sb s;
	struct result r;

	sb_init(&s, &p.fo);
	sb_basic_list(&s);
	sb_record(&s, 0, 0);					/* "." unchanged */
	sb_new_file(&s, 1, "hello");				/* "a": all literal */
	/* "b": a delta against the basis, named by a basis byte */
	sb_record(&s, 2, ITEM_TRANSFER | ITEM_REPORT_TIME | ITEM_REPORT_SIZE |
			 ITEM_BASIS_TYPE_FOLLOWS);
	sb_byte(&s, 0);						/* basis type */
	sb_sum_head(&s, 2, 700, 2, 100);			/* 2 blocks of 700, last 100 */
	sb_int(&s, -1);						/* block 0 */
	sb_literal(&s, "xyz");
	sb_int(&s, -2);						/* block 1 */
	sb_int(&s, 0);						/* end */
	sb_file_sum(&s, 0xB0);
	sb_record(&s, 3, ITEM_REPORT_TIME);			/* "sub": times only */
	/* "sub/c": a hard link to "a", named in the record */
	sb_record(&s, 4, ITEM_LOCAL_CHANGE | ITEM_XNAME_FOLLOWS | ITEM_IS_NEW);
	sb_vstring(&s, "a");
	sb_ndx(&s, NDX_DONE);					/* end of phase 0 */
	sb_new_file(&s, 1, "hello");				/* phase 1: "a" again */
	sb_ndx(&s, NDX_DONE);					/* end of phase 1 */
	sb_ndx(&s, NDX_DONE);					/* end of phase 2 */
	sb_stats(&s, some_stats);
	sb_ndx(&s, NDX_DONE);					/* goodbye */

	expect_stream(&p, &s, &r);
	EXPECT_ITEMS(&r, ".", "a", "b", "sub", "sub/c", "a");
	ck_assert_int_eq(r.items[1].iflags, ITEM_TRANSFER | ITEM_IS_NEW | ITEM_REPORT_SIZE);
	ck_assert_int_eq(r.items[2].ndx, 2);
	ck_assert_int_eq(r.items[3].mode, M_DIR);
	ck_assert_str_eq(r.items[4].xname, "a");
	ck_assert_str_eq(r.items[1].xname, "");
	ck_assert_int_eq(r.lists_done, 1);
	ck_assert_int_eq(r.nlists, 1);
	ck_assert_int_eq(r.stats_count, 5);
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(r.stats[i], some_stats[i]);
	ck_assert_int_eq(r.io_error, 0);
	ck_assert_int_eq(r.first_list_empty, 0);
	/* --stats: 5 listed (2 dirs); "a" and "sub/c" created ("a" again in
	 * the redo phase is not); three transfers: "a" twice and "b";
	 * literal "hello", "xyz", "hello"; matched a 700-byte block and the
	 * 100-byte last one */
	ck_assert_int_eq(r.st.num_files[SK_ALL], 5);
	ck_assert_int_eq(r.st.num_files[SK_DIR], 2);
	ck_assert_int_eq(r.st.num_files[SK_LINK], 0);
	ck_assert_int_eq(r.st.created[SK_ALL], 2);
	ck_assert_int_eq(r.st.created[SK_DIR], 0);
	ck_assert_int_eq(r.st.xferred_files, 3);
	ck_assert_int_eq(r.st.total_transferred_size, 5 + 1400 + 5);
	ck_assert_int_eq(r.st.literal_data, 13);
	ck_assert_int_eq(r.st.matched_data, 800);
	ck_assert_int_gt(r.st.flist_size, 5 * 2);
	ck_assert_int_eq(r.st.deleted[SK_ALL], 0);
	result_free(&r);
	sb_free(&s);
}
END_TEST

/* The parser's view at a few points of the stream. */
struct phase_probe {
	size_t at[8];
	int phase[8];
	int state[8];
	int n;
};

static void probe(const struct sendstream *ss, size_t offset, void *arg)
{
	struct phase_probe *pp = arg;

	for (int i = 0; i < pp->n; i++)
		if (pp->at[i] == offset) {
			pp->phase[i] = ss->phase;
			pp->state[i] = ss->state;
		}
}

START_TEST(test_phases)
{
	struct ss_params p = params32(0);
	struct phase_probe pp;
	struct result r;
	struct sb s;

	memset(&pp, 0, sizeof pp);
	sb_init(&s, &p.fo);
	sb_basic_list(&s);
	pp.at[pp.n++] = s.n;
	sb_ndx(&s, NDX_DONE);
	pp.at[pp.n++] = s.n;
	sb_ndx(&s, NDX_DONE);
	pp.at[pp.n++] = s.n;
	sb_ndx(&s, NDX_DONE);
	pp.at[pp.n++] = s.n;
	sb_stats(&s, some_stats);
	pp.at[pp.n++] = s.n;
	sb_bytes(&s, "\x00\x07\x08", 3);	/* anything after is passed on */
	for (int i = 0; i < 8; i++)
		pp.phase[i] = pp.state[i] = -1;
	run_stream(&p, s.b, s.n, FEED_BYTES, 1, &r, probe, &pp);
	ck_assert_int_eq(r.ret, 0);
	ck_assert_int_eq(pp.state[0], SS_NDX);
	ck_assert_int_eq(pp.phase[0], 0);
	ck_assert_int_eq(pp.phase[1], 1);
	ck_assert_int_eq(pp.phase[2], 2);
	ck_assert_int_eq(pp.state[2], SS_NDX);
	ck_assert_int_eq(pp.state[3], SS_STATS);
	ck_assert_int_eq(pp.state[4], SS_TAIL);
	ck_assert_int_eq(r.consumed, s.n);
	ck_assert_int_eq(r.drop_n, s.stats_len);
	result_free(&r);
	sb_free(&s);
}
END_TEST

START_TEST(test_stats_values)
{
	static const int64_t big[5] = {0, INT64_C(0x7FFFFFFF), INT64_C(0x123456789AB),
				       INT64_C(1) << 40, 255};
	struct ss_params p = params32(0);
	struct result r;
	struct sb s;

	sb_init(&s, &p.fo);
	sb_entry(&s, "f", M_FILE, 0);
	sb_list_end(&s, 0);
	for (int i = 0; i < 3; i++)
		sb_ndx(&s, NDX_DONE);
	sb_stats(&s, big);
	expect_stream(&p, &s, &r);
	ck_assert_int_eq(r.stats_count, 5);
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(r.stats[i], big[i]);
	ck_assert_int_eq(r.at_tail, 1);
	result_free(&r);
	sb_free(&s);
}
END_TEST

START_TEST(test_del_stats)
{
	struct ss_params p = params32(0);
	struct result r;
	struct sb s;

	sb_init(&s, &p.fo);
	sb_basic_list(&s);
	sb_ndx(&s, NDX_DONE);
	sb_ndx(&s, NDX_DEL_STATS);	/* deletion counts: 5 varints */
	sb_varint(&s, 3);
	sb_varint(&s, 1);
	sb_varint(&s, 0);
	sb_varint(&s, 300);
	sb_varint(&s, 70000);
	sb_record(&s, 3, ITEM_REPORT_TIME);
	sb_ndx(&s, NDX_DONE);
	sb_ndx(&s, NDX_DEL_STATS);	/* a second time: its ndx is now a delta */
	for (int i = 0; i < 5; i++)
		sb_varint(&s, i);
	sb_ndx(&s, NDX_DONE);
	sb_stats(&s, some_stats);
	expect_stream(&p, &s, &r);
	EXPECT_ITEMS(&r, "sub");
	/* the last counts stand: 0 others, 1 dir, 2 links, 3 devices, 4 specials */
	ck_assert_int_eq(r.st.deleted[SK_ALL], 10);
	ck_assert_int_eq(r.st.deleted[SK_DIR], 1);
	ck_assert_int_eq(r.st.deleted[SK_LINK], 2);
	ck_assert_int_eq(r.st.deleted[SK_DEV], 3);
	ck_assert_int_eq(r.st.deleted[SK_SPECIAL], 4);
	result_free(&r);
	sb_free(&s);
}
END_TEST

/* With --delete-after (or --delete-delay) the counts come in the
 * goodbye, after the statistics; what the goodbye holds is forwarded. */
START_TEST(test_del_stats_in_goodbye)
{
	struct ss_params p = params32(0);
	struct result r;
	struct sb s;

	sb_init(&s, &p.fo);
	sb_basic_list(&s);
	for (int i = 0; i < 3; i++)
		sb_ndx(&s, NDX_DONE);
	sb_stats(&s, some_stats);
	sb_ndx(&s, NDX_DONE);		/* the goodbye's echo */
	sb_ndx(&s, NDX_DEL_STATS);
	sb_varint(&s, 7);
	sb_varint(&s, 2);
	sb_varint(&s, 0);
	sb_varint(&s, 0);
	sb_varint(&s, 0);
	sb_ndx(&s, NDX_DONE);
	expect_stream(&p, &s, &r);
	ck_assert_int_eq(r.st.deleted[SK_ALL], 9);
	ck_assert_int_eq(r.st.deleted[SK_DIR], 2);
	ck_assert_int_eq(r.fwd_n + r.drop_n, s.n);
	result_free(&r);

	/* something the relay does not expect there goes on as it is */
	sb_free(&s);
	sb_init(&s, &p.fo);
	sb_basic_list(&s);
	for (int i = 0; i < 3; i++)
		sb_ndx(&s, NDX_DONE);
	sb_stats(&s, some_stats);
	sb_ndx(&s, 2);
	sb_bytes(&s, "\x07\x07\x07", 3);
	expect_stream(&p, &s, &r);
	ck_assert_int_eq(r.fwd_n + r.drop_n, s.n);
	ck_assert_int_eq(r.st.deleted[SK_ALL], 0);
	result_free(&r);
	sb_free(&s);
}
END_TEST

START_TEST(test_io_error_in_list)
{
	struct ss_params p = params32(0);
	struct result r;
	struct sb s;

	sb_init(&s, &p.fo);
	sb_entry(&s, "f", M_FILE, 0);
	sb_list_end(&s, 3);	/* IOERR_GENERAL | IOERR_VANISHED */
	sb_finish(&s, 0);
	expect_stream(&p, &s, &r);
	ck_assert_int_eq(r.io_error, 3);
	result_free(&r);

	/* with --ignore-errors it does not count */
	p.ignore_errors = 1;
	expect_stream(&p, &s, &r);
	ck_assert_int_eq(r.io_error, 0);
	result_free(&r);
	sb_free(&s);
}
END_TEST

START_TEST(test_id_lists)
{
	struct ss_params p = params32(0);
	struct result r;
	struct sb s;

	p.fo.preserve_uid = p.fo.preserve_gid = 1;
	sb_init(&s, &p.fo);
	sb_entry(&s, "f", M_FILE, 3);
	sb_entry(&s, "g", M_FILE, 3);
	sb_list_end(&s, 0);	/* with the uid and gid name lists */
	sb_new_file(&s, 1, "abc");
	sb_finish(&s, 0);
	expect_stream(&p, &s, &r);
	EXPECT_ITEMS(&r, "g");
	result_free(&r);
	sb_free(&s);
}
END_TEST

START_TEST(test_symlinks_and_checksums)
{
	struct ss_params p = params32(0);
	struct result r;
	struct sb s;

	p.fo.preserve_links = 1;
	p.fo.always_checksum = 1;
	sb_init(&s, &p.fo);
	sb_entry_full(&s, "ln", M_LINK, 6, "target");
	sb_entry(&s, "f", M_FILE, 4);
	sb_list_end(&s, 0);
	sb_record(&s, 1, ITEM_IS_NEW);			/* "ln" */
	sb_new_file(&s, 0, "data");			/* "f" */
	sb_finish(&s, 0);
	expect_stream(&p, &s, &r);
	EXPECT_ITEMS(&r, "ln", "f");
	ck_assert_int_eq(r.items[0].mode, M_LINK);
	result_free(&r);
	sb_free(&s);
}
END_TEST

/* An empty first list: the sender has nothing to do. */
START_TEST(test_first_list_empty)
{
	struct ss_params p = params32(0);
	struct result r;
	struct sb s;

	sb_init(&s, &p.fo);
	sb_list_end(&s, 0);
	expect_stream(&p, &s, &r);
	ck_assert_int_eq(r.first_list_empty, 1);
	ck_assert_int_eq(r.lists_done, 1);
	ck_assert_int_eq(r.at_tail, 0);
	result_free(&r);
	sb_free(&s);

	p = params32(1);
	sb_init(&s, &p.fo);
	sb_list_end(&s, 0);
	expect_stream(&p, &s, &r);
	ck_assert_int_eq(r.first_list_empty, 1);
	result_free(&r);
	sb_free(&s);

	/* not empty */
	sb_init(&s, &p.fo);
	sb_entry(&s, ".", M_DIR, 0);
	sb_list_end(&s, 0);
	expect_stream(&p, &s, &r);
	ck_assert_int_eq(r.first_list_empty, 0);
	result_free(&r);
	sb_free(&s);
}
END_TEST

/* The relay steps the parser only when bytes come, and after an empty
 * list the sender sends none: a list whose uid/gid lists take no bytes
 * (no -o and -g, or --numeric-ids) must be complete with its end marker.
 * (rsync-relay -t --exclude=f src:f dst: failed with "connection
 * unexpectedly closed" while waiting for them.) */
START_TEST(test_empty_id_lists_end_the_list)
{
	for (int variant = 0; variant < 3; variant++) {
		struct ss_params p = params32(0);
		struct sendstream ss;
		size_t used = 0;
		int drop = -1;
		struct sb s;

		if (variant == 1)
			p.fo.preserve_uid = p.fo.preserve_gid = p.fo.numeric_ids = 1;
		if (variant == 2)
			p.fo.protocol = 31;
		sb_init(&s, &p.fo);
		sb_list_end(&s, 0);
		ck_assert_int_eq(ss_init(&ss, &p), 0);
		ck_assert_int_eq(ss_step(&ss, s.b, s.n, &used, &drop), 1);
		ck_assert_uint_eq(used, s.n);
		ck_assert_int_eq(drop, 0);
		ck_assert_int_eq(ss.nlists, 1);
		ck_assert_int_eq(ss.first_list_empty, 1);
		ck_assert(ss.events & SS_EV_FLIST_DONE);
		ck_assert_int_eq(ss.state, SS_NDX);
		ss_free(&ss);
		sb_free(&s);
	}
}
END_TEST

/* The total of the listed sizes (the summary's "total size is") cannot
 * overflow, whatever sizes a sender lists; found by the sender-stream
 * fuzz target, where UBSan caught the signed overflow. */
START_TEST(test_total_size_saturates)
{
	struct ss_params p = params32(0);
	struct sendstream ss;
	struct sb s;
	size_t pos = 0, used;
	int drop;

	sb_init(&s, &p.fo);
	sb_entry(&s, "a", M_FILE, INT64_MAX - 5);
	sb_entry(&s, "b", M_FILE, 3);
	sb_entry(&s, "c", M_LINK, INT64_MAX);
	sb_entry(&s, "d", M_FILE, 7);
	sb_list_end(&s, 0);
	ck_assert_int_eq(ss_init(&ss, &p), 0);
	for (int i = 0; i < 2; i++) {
		ck_assert_int_eq(ss_step(&ss, s.b + pos, s.n - pos, &used, &drop), 1);
		pos += used;
	}
	ck_assert(ss.total_size == INT64_MAX - 2);
	while (pos < s.n) {
		ck_assert_int_eq(ss_step(&ss, s.b + pos, s.n - pos, &used, &drop), 1);
		pos += used;
	}
	ck_assert(ss.total_size == INT64_MAX);
	ck_assert_int_eq(ss.nlists, 1);
	ss_free(&ss);
	sb_free(&s);
}
END_TEST

/* A dry run: no sum header or data after a transfer record. */
START_TEST(test_dry_run)
{
	struct ss_params p = params32(0);
	struct result r;
	struct sb s;

	p.do_xfers = 0;
	sb_init(&s, &p.fo);
	sb_basic_list(&s);
	sb_record(&s, 1, ITEM_TRANSFER | ITEM_IS_NEW);
	sb_record(&s, 2, ITEM_TRANSFER | ITEM_REPORT_SIZE);
	sb_record(&s, 4, ITEM_TRANSFER | ITEM_IS_NEW);
	sb_finish(&s, 0);
	expect_stream(&p, &s, &r);
	EXPECT_ITEMS(&r, "a", "b", "sub/c");
	result_free(&r);
	sb_free(&s);
}
END_TEST

/* Literal data spread over many tokens and a large one. */
START_TEST(test_large_literals)
{
	struct ss_params p = params32(0);
	struct result r;
	struct sb s;
	char *big = malloc(70001);

	ck_assert_ptr_nonnull(big);
	memset(big, 'L', 70000);
	big[70000] = '\0';
	sb_init(&s, &p.fo);
	sb_entry(&s, "big", M_FILE, 70000 + 32768);
	sb_list_end(&s, 0);
	sb_record(&s, 0, ITEM_TRANSFER);
	sb_sum_head(&s, 0, 0, 0, 0);
	sb_literal(&s, big);
	for (int i = 0; i < 4; i++) {
		big[8192] = '\0';
		sb_literal(&s, big);	/* 8192 bytes each */
	}
	sb_int(&s, 0);
	sb_file_sum(&s, 1);
	sb_finish(&s, 0);
	expect_stream(&p, &s, &r);
	EXPECT_ITEMS(&r, "big");
	result_free(&r);
	sb_free(&s);
	free(big);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Compressed tokens                                                   */
/* ------------------------------------------------------------------ */

START_TEST(test_compressed_tokens)
{
	struct ss_params p = params32(0);
	unsigned char data[0x3FFF];
	struct result r;
	struct sb s;

	p.compressed = 1;
	memset(data, 0xD1, sizeof data);
	sb_init(&s, &p.fo);
	sb_entry(&s, "z", M_FILE, 600000);
	sb_entry(&s, "y", M_FILE, 10);
	sb_list_end(&s, 0);
	/* "z" (index 1): a basis of 300 blocks, the last one 1000 bytes */
	sb_record(&s, 1, ITEM_TRANSFER | ITEM_REPORT_TIME);
	sb_sum_head(&s, 300, 2048, 2, 1000);
	sb_byte(&s, 0x40 | 0x00);	/* deflated data, 5 bytes */
	sb_byte(&s, 0x05);
	sb_bytes(&s, data, 5);
	sb_byte(&s, 0x80 | 0x03);	/* token 3 past the last */
	sb_byte(&s, 0xC0 | 0x01);	/* token 1 past the last and a run of 0x0102 */
	sb_byte(&s, 0x02);
	sb_byte(&s, 0x01);
	sb_byte(&s, 0x20);		/* token 17 as an int */
	sb_int(&s, 17);
	sb_byte(&s, 0x21);		/* token 30 as an int and a run of 2 */
	sb_int(&s, 30);
	sb_byte(&s, 0x02);
	sb_byte(&s, 0x00);
	sb_byte(&s, 0x40 | 0x3F);	/* the longest deflated block: 0x3FFF bytes */
	sb_byte(&s, 0xFF);
	sb_bytes(&s, data, 0x3FFF);
	sb_byte(&s, 0x40 | 0x01);	/* 0x100 bytes */
	sb_byte(&s, 0x00);
	sb_bytes(&s, data, 0x100);
	sb_byte(&s, 0x40);		/* an empty deflated block */
	sb_byte(&s, 0x00);
	sb_byte(&s, 0x00);		/* end */
	sb_file_sum(&s, 0x33);
	/* "y" (index 0): a new file, one block of data */
	sb_record(&s, 0, ITEM_TRANSFER | ITEM_IS_NEW);
	sb_sum_head(&s, 0, 0, 0, 0);
	sb_byte(&s, 0x40);
	sb_byte(&s, 0x0C);
	sb_bytes(&s, "compressed!!", 12);
	sb_byte(&s, 0x00);
	sb_file_sum(&s, 0x44);
	sb_finish(&s, 0);
	expect_stream(&p, &s, &r);
	EXPECT_ITEMS(&r, "z", "y");
	/* matched: blocks 3, 4..262, 17, 30..32 = 264 blocks of 2048; the
	 * literal part is what the files' lengths leave (600000 - that, and
	 * all 10 bytes of "y") */
	ck_assert_int_eq(r.st.matched_data, 264 * 2048);
	ck_assert_int_eq(r.st.literal_data, 600000 - 264 * 2048 + 10);
	ck_assert_int_eq(r.st.xferred_files, 2);
	ck_assert_int_eq(r.st.total_transferred_size, 600010);
	ck_assert_int_eq(r.st.created[SK_ALL], 1);
	result_free(&r);
	sb_free(&s);
}
END_TEST

/* A match beyond the basis's blocks is refused, as rsync's receiver
 * refuses it, in both framings. */
START_TEST(test_bad_compressed_block_index)
{
	static const struct { unsigned char b[8]; size_t n; } bad[] = {
		{{0x80 | 0x05}, 1},			/* block 5 of 5 */
		{{0xC0 | 0x01, 0x04, 0x00}, 3},		/* blocks 1..5 */
		{{0x20, 0xFF, 0xFF, 0xFF, 0xFF}, 5},	/* block -1 */
		{{0x21, 0x02, 0, 0, 0, 0x03, 0x00}, 7},	/* blocks 2..5 */
	};

	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		struct ss_params p = params32(0);
		struct result r;
		struct sb s;

		p.compressed = 1;
		sb_init(&s, &p.fo);
		sb_entry(&s, "z", M_FILE, 10000);
		sb_list_end(&s, 0);
		sb_record(&s, 0, ITEM_TRANSFER);
		sb_sum_head(&s, 5, 2048, 2, 0);
		sb_bytes(&s, bad[i].b, bad[i].n);
		sb_byte(&s, 0x00);
		sb_file_sum(&s, 0x33);
		sb_finish(&s, 0);
		run_stream(&p, s.b, s.n, FEED_WHOLE, 0, &r, NULL, NULL);
		ck_assert_msg(r.ret == -1, "vector %zu accepted", i);
		ck_assert_msg(strstr(r.err, "Invalid block index") != NULL, "%zu: %s", i, r.err);
		result_free(&r);
		sb_free(&s);
	}
}
END_TEST

/* ------------------------------------------------------------------ */
/* Incremental recursion                                               */
/* ------------------------------------------------------------------ */

/* First list (indexes from 1): 1 ".", 2 "f", 3 "d1", 4 "d2" (sent as
 * ".", "d2", "d1", "f"); directories: 0 ".", 1 "d1", 2 "d2". */
static void sb_inc_first(struct sb *s)
{
	sb_entry(s, ".", M_DIR, 0);
	sb_entry(s, "d2", M_DIR, 0);
	sb_entry(s, "d1", M_DIR, 0);
	sb_entry(s, "f", M_FILE, 3);
	sb_list_end(s, 0);
}

START_TEST(test_inc_recurse)
{
	struct ss_params p = params32(1);
	struct result r;
	struct sb s;

	sb_init(&s, &p.fo);
	sb_inc_first(&s);
	sb_new_file(&s, 2, "fff");			/* "f" */
	/* the contents of "d1" (dir index 1): indexes from 6; 5 is "d1" */
	sb_ndx(&s, NDX_FLIST_OFFSET - 1);
	sb_entry(&s, "d1/y", M_FILE, 1);
	sb_entry(&s, "d1/x", M_FILE, 2);
	sb_entry(&s, "d1/sub", M_DIR, 0);
	sb_list_end(&s, 0);
	/* "d1/sub" is directory 3 */
	sb_record(&s, 5, ITEM_REPORT_TIME);		/* "d1" itself */
	sb_new_file(&s, 6, "xx");			/* "d1/x" */
	sb_record(&s, 7, ITEM_IS_NEW);			/* "d1/y" */
	/* the contents of "d2" (dir index 2): from 10; 9 is "d2" */
	sb_ndx(&s, NDX_FLIST_OFFSET - 2);
	sb_entry(&s, "d2/q", M_FILE, 4);
	sb_list_end(&s, 0);
	/* and of "d1/sub" (dir index 3): from 12 */
	sb_ndx(&s, NDX_FLIST_OFFSET - 3);
	sb_entry(&s, "d1/sub/deep", M_FILE, 4);
	sb_list_end(&s, 0);
	sb_ndx(&s, NDX_FLIST_EOF);
	sb_new_file(&s, 10, "qqqq");			/* "d2/q" */
	sb_record(&s, 9, ITEM_REPORT_PERMS);		/* "d2" */
	sb_new_file(&s, 12, "deep");			/* "d1/sub/deep" */
	sb_record(&s, 11, ITEM_REPORT_TIME);		/* "d1/sub" */
	/* four lists retire, then the three phase ends (the last list's
	 * retirement is also the end of phase 0) */
	sb_ndx(&s, NDX_DONE);
	sb_ndx(&s, NDX_DONE);
	sb_ndx(&s, NDX_DONE);
	sb_ndx(&s, NDX_DONE);
	sb_ndx(&s, NDX_DONE);
	sb_ndx(&s, NDX_DONE);
	sb_stats(&s, some_stats);
	sb_ndx(&s, NDX_DONE);

	expect_stream(&p, &s, &r);
	EXPECT_ITEMS(&r, "f", "d1", "d1/x", "d1/y", "d2/q", "d2", "d1/sub/deep", "d1/sub");
	ck_assert_int_eq(r.items[1].mode, M_DIR);
	ck_assert_int_eq(r.nlists, 4);
	ck_assert_int_eq(r.lists_done, 4);
	result_free(&r);
	sb_free(&s);
}
END_TEST

struct list_probe {
	size_t at[8];
	int phase[8];
	int live[8];	/* lists not yet retired */
	int n;
};

static void list_peek(const struct sendstream *ss, size_t offset, void *arg)
{
	struct list_probe *lp = arg;

	for (int i = 0; i < lp->n; i++)
		if (lp->at[i] == offset) {
			int live = 0;

			for (const struct flist *fl = ss->first; fl; fl = fl->next)
				live++;
			lp->phase[i] = ss->phase;
			lp->live[i] = live;
		}
}

/* NDX_DONE retires the oldest list first; the phase advances with the
 * last retirement. */
START_TEST(test_inc_retirement)
{
	struct ss_params p = params32(1);
	struct list_probe lp;
	struct result r;
	struct sb s;

	memset(&lp, 0, sizeof lp);
	sb_init(&s, &p.fo);
	sb_inc_first(&s);
	sb_ndx(&s, NDX_FLIST_OFFSET - 1);
	sb_entry(&s, "d1/x", M_FILE, 2);
	sb_list_end(&s, 0);
	sb_ndx(&s, NDX_FLIST_EOF);
	lp.at[lp.n++] = s.n;
	sb_ndx(&s, NDX_DONE);		/* retires the first list */
	lp.at[lp.n++] = s.n;
	sb_new_file(&s, 6, "x");	/* "d1/x" still there */
	sb_ndx(&s, NDX_DONE);		/* retires the second: phase 1 */
	lp.at[lp.n++] = s.n;
	sb_ndx(&s, NDX_DONE);		/* phase 2 */
	lp.at[lp.n++] = s.n;
	sb_ndx(&s, NDX_DONE);
	sb_stats(&s, some_stats);
	run_stream(&p, s.b, s.n, FEED_WHOLE, 0, &r, list_peek, &lp);
	ck_assert_msg(r.ret == 0, "%s", r.err);
	ck_assert_int_eq(lp.live[0], 2);
	ck_assert_int_eq(lp.phase[0], 0);
	ck_assert_int_eq(lp.live[1], 1);
	ck_assert_int_eq(lp.phase[1], 0);
	ck_assert_int_eq(lp.live[2], 0);
	ck_assert_int_eq(lp.phase[2], 1);
	ck_assert_int_eq(lp.phase[3], 2);
	ck_assert_int_eq(r.at_tail, 1);
	EXPECT_ITEMS(&r, "d1/x");
	result_free(&r);
	expect_stream(&p, &s, &r);
	result_free(&r);
	sb_free(&s);

	/* a record for a retired list is refused */
	sb_init(&s, &p.fo);
	sb_inc_first(&s);
	sb_ndx(&s, NDX_FLIST_EOF);
	sb_ndx(&s, NDX_DONE);
	sb_record(&s, 2, ITEM_IS_NEW);
	EXPECT_FAILURE(&p, &s, NULL);
	sb_free(&s);
}
END_TEST

/* Sub-lists a receiver refuses (rsync 3.5.0's recv_file_list): one
 * after every list has retired, a second one for a directory, and one
 * holding a name outside its directory. */
START_TEST(test_bad_sublists)
{
	struct ss_params p = params32(1);
	struct sb s;

	sb_init(&s, &p.fo);
	sb_inc_first(&s);
	sb_ndx(&s, NDX_DONE);		/* retire it: phase 1 */
	sb_ndx(&s, NDX_FLIST_OFFSET - 2);
	EXPECT_FAILURE(&p, &s, "refusing sub-flist after final flist was freed");
	sb_free(&s);

	sb_init(&s, &p.fo);
	sb_inc_first(&s);
	sb_ndx(&s, NDX_FLIST_OFFSET - 2);
	sb_entry(&s, "d2/q", M_FILE, 1);
	sb_list_end(&s, 0);
	sb_ndx(&s, NDX_FLIST_OFFSET - 2);
	EXPECT_FAILURE(&p, &s, "refusing malicious duplicate flist for dir 2");
	sb_free(&s);

	sb_init(&s, &p.fo);
	sb_inc_first(&s);
	sb_ndx(&s, NDX_FLIST_OFFSET - 2);
	sb_entry(&s, "d2/q", M_FILE, 1);
	sb_entry(&s, "etc/passwd", M_FILE, 1);
	EXPECT_FAILURE(&p, &s, "ABORTING due to invalid path from sender: etc/passwd");
	sb_free(&s);

	/* the first list holds the top level only */
	sb_init(&s, &p.fo);
	sb_entry(&s, ".", M_DIR, 0);
	sb_entry(&s, "d1/x", M_FILE, 1);
	EXPECT_FAILURE(&p, &s, "ABORTING due to invalid path from sender: d1/x");
	sb_free(&s);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Protocol 29                                                         */
/* ------------------------------------------------------------------ */

START_TEST(test_protocol29)
{
	static const int64_t stats29[5] = {10, INT64_C(0x100000000), 3, 0, 0};
	struct ss_params p;
	struct result r;
	struct sb s;

	memset(&p, 0, sizeof p);
	p.fo.protocol = 29;
	p.fo.preserve_uid = 1;
	p.fo.flist_csum_len = SUM_LEN;
	p.do_xfers = 1;
	p.xfer_sum_len = SUM_LEN;
	sb_init(&s, &p.fo);
	sb_entry(&s, ".", M_DIR, 0);	/* byte flags, int size/mtime/mode/uid */
	sb_entry(&s, "f", M_FILE, 3);
	sb_list_end(&s, 1);		/* flags byte 0, uid list, io_error int 1 */
	sb_record(&s, 0, 0);		/* ndx is an int */
	sb_record(&s, 1, ITEM_TRANSFER);
	sb_sum_head(&s, 1, 700, 2, 3);
	sb_int(&s, -1);
	sb_int(&s, 0);
	sb_file_sum(&s, 9);
	sb_record(&s, 2, ITEM_IS_NEW);	/* the protocol-29 keep-alive: no item */
	for (int i = 0; i < 3; i++)
		sb_ndx(&s, NDX_DONE);	/* FF FF FF FF */
	sb_stats(&s, stats29);		/* longints: one of 12 bytes */
	sb_ndx(&s, NDX_DONE);
	expect_stream(&p, &s, &r);
	EXPECT_ITEMS(&r, ".", "f");
	ck_assert_int_eq(r.io_error, 1);
	ck_assert_int_eq(r.stats_count, 5);
	ck_assert_int_eq(r.stats[1], INT64_C(0x100000000));
	ck_assert_int_eq(s.stats_len, 4 + 12 + 4 + 4 + 4);
	result_free(&r);
	sb_free(&s);
}
END_TEST

/* md4 of a seed (little-endian) and data: rsync's checksum of a file
 * below protocol 30 */
static void seeded_md4(int32_t seed, const char *data, unsigned char out[DIGEST_MAX_LEN])
{
	struct digest_ctx c;
	unsigned char b[4];

	wire_put_u32(b, (uint32_t)seed);
	digest_init(&c, DIGEST_MD4);
	digest_update(&c, b, 4);
	digest_update(&c, data, strlen(data));
	digest_final(&c, out);
}

/* Protocol 27 (no item flags, one redo phase, three statistics) with
 * servers that chose different seeds: a file's checksum, when it is the
 * sender's over the data that passed, goes on as the receiver's; one
 * that is not, or after a reused block, goes on unchanged. */
START_TEST(test_protocol27_resign)
{
	static const int64_t stats27[5] = {10, 20, 3, 0, 0};
	unsigned char src_sum[DIGEST_MAX_LEN], dest_sum[DIGEST_MAX_LEN];
	struct ss_params p;
	struct result r;
	struct sb s;
	size_t sum1, sum2, sum3;

	memset(&p, 0, sizeof p);
	p.fo.protocol = 27;
	p.fo.flist_csum_len = SUM_LEN;
	p.do_xfers = 1;
	p.xfer_sum_len = SUM_LEN;
	p.resign = 1;
	p.seed_src = 1111;
	p.seed_dest = -2222;
	seeded_md4(1111, "hello", src_sum);
	seeded_md4(-2222, "hello", dest_sum);
	sb_init(&s, &p.fo);
	sb_entry(&s, ".", M_DIR, 0);
	sb_entry(&s, "f", M_FILE, 5);
	sb_entry(&s, "g", M_FILE, 5);
	sb_list_end(&s, 0);
	sb_ndx(&s, 1);			/* a request is only its index */
	sb_sum_head(&s, 0, 0, 0, 0);
	sb_int(&s, 2);
	sb_bytes(&s, "he", 2);
	sb_int(&s, 3);
	sb_bytes(&s, "llo", 3);
	sb_int(&s, 0);
	sum1 = s.n;
	sb_bytes(&s, src_sum, SUM_LEN);
	sb_ndx(&s, 2);			/* a checksum that is not the sender's */
	sb_sum_head(&s, 0, 0, 0, 0);
	sb_literal(&s, "hello");
	sb_int(&s, 0);
	sum2 = s.n;
	sb_file_sum(&s, 0x33);
	sb_ndx(&s, NDX_DONE);
	sb_ndx(&s, 1);			/* the redo: a block reused */
	sb_sum_head(&s, 1, 700, 16, 3);
	sb_literal(&s, "hello");
	sb_int(&s, -1);
	sb_int(&s, 0);
	sum3 = s.n;
	sb_bytes(&s, src_sum, SUM_LEN);
	sb_ndx(&s, NDX_DONE);		/* the end of send_files() */
	sb_stats(&s, stats27);

	for (int f = FEED_WHOLE; f <= FEED_RANDOM; f++) {
		run_stream(&p, s.b, s.n, (enum feed)f, 17, &r, NULL, NULL);
		REQUIRE(r.ret == 0, "feed %d: %s", f, r.err);
		ck_assert_int_eq(r.consumed, s.n);
		ck_assert_int_eq(r.drop_n, s.stats_len);
		ck_assert_int_eq(r.stats_count, 3);
		ck_assert_int_eq(r.fwd_n, s.stats_at);
		REQUIRE(memcmp(r.fwd, s.b, sum1) == 0, "feed %d: before the sum", f);
		REQUIRE(memcmp(r.fwd + sum1, dest_sum, SUM_LEN) == 0, "feed %d: not re-signed", f);
		REQUIRE(memcmp(r.fwd + sum1 + SUM_LEN, s.b + sum1 + SUM_LEN,
			       s.stats_at - sum1 - SUM_LEN) == 0, "feed %d: after the sum", f);
		REQUIRE(memcmp(r.fwd + sum2, s.b + sum2, SUM_LEN) == 0, "feed %d: sum 2", f);
		REQUIRE(memcmp(r.fwd + sum3, src_sum, SUM_LEN) == 0, "feed %d: sum 3", f);
		result_free(&r);
	}
	sb_free(&s);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Hostile input                                                       */
/* ------------------------------------------------------------------ */

START_TEST(test_bad_transfer_of_non_regular)
{
	struct ss_params p = params32(0);
	struct sb s;

	sb_init(&s, &p.fo);
	sb_basic_list(&s);
	sb_record(&s, 3, ITEM_TRANSFER);	/* "sub" is a directory */
	sb_sum_head(&s, 0, 0, 0, 0);
	EXPECT_FAILURE(&p, &s, "non-regular");
	sb_free(&s);

	/* the parent directory of an incremental list */
	p = params32(1);
	sb_init(&s, &p.fo);
	sb_inc_first(&s);
	sb_ndx(&s, NDX_FLIST_OFFSET - 1);
	sb_entry(&s, "d1/x", M_FILE, 2);
	sb_list_end(&s, 0);
	sb_record(&s, 5, ITEM_TRANSFER);	/* "d1" */
	EXPECT_FAILURE(&p, &s, "non-regular");
	sb_free(&s);

	/* and in a dry run too */
	p = params32(0);
	p.do_xfers = 0;
	sb_init(&s, &p.fo);
	sb_basic_list(&s);
	sb_record(&s, 0, ITEM_TRANSFER);
	EXPECT_FAILURE(&p, &s, "non-regular");
	sb_free(&s);
}
END_TEST

START_TEST(test_bad_ndx)
{
	struct ss_params p = params32(0);
	struct sb s;

	sb_init(&s, &p.fo);
	sb_basic_list(&s);
	sb_record(&s, 5, 0);			/* one past the last */
	EXPECT_FAILURE(&p, &s, NULL);
	sb_free(&s);

	sb_init(&s, &p.fo);
	sb_basic_list(&s);
	sb_record(&s, 100000, ITEM_TRANSFER);
	EXPECT_FAILURE(&p, &s, NULL);
	sb_free(&s);

	/* list markers only exist with incremental recursion */
	sb_init(&s, &p.fo);
	sb_basic_list(&s);
	sb_ndx(&s, NDX_FLIST_EOF);
	EXPECT_FAILURE(&p, &s, NULL);
	sb_free(&s);
	sb_init(&s, &p.fo);
	sb_basic_list(&s);
	sb_ndx(&s, NDX_FLIST_OFFSET);
	EXPECT_FAILURE(&p, &s, NULL);
	sb_free(&s);
	sb_init(&s, &p.fo);
	sb_basic_list(&s);
	sb_ndx(&s, -50);
	EXPECT_FAILURE(&p, &s, NULL);
	sb_free(&s);
}
END_TEST

START_TEST(test_bad_dir_index)
{
	struct ss_params p = params32(1);
	struct sb s;

	/* three directories (0..2): 3 is one too many */
	sb_init(&s, &p.fo);
	sb_inc_first(&s);
	sb_ndx(&s, NDX_FLIST_OFFSET - 3);
	EXPECT_FAILURE(&p, &s, "dir index");
	sb_free(&s);

	sb_init(&s, &p.fo);
	sb_inc_first(&s);
	sb_ndx(&s, NDX_FLIST_OFFSET - 1000000);
	EXPECT_FAILURE(&p, &s, "dir index");
	sb_free(&s);

	/* between NDX_DEL_STATS and NDX_FLIST_OFFSET: no meaning */
	sb_init(&s, &p.fo);
	sb_inc_first(&s);
	sb_ndx(&s, -4);
	EXPECT_FAILURE(&p, &s, NULL);
	sb_free(&s);
	sb_init(&s, &p.fo);
	sb_inc_first(&s);
	sb_ndx(&s, -100);
	EXPECT_FAILURE(&p, &s, NULL);
	sb_free(&s);

	/* a list after NDX_FLIST_EOF */
	sb_init(&s, &p.fo);
	sb_inc_first(&s);
	sb_ndx(&s, NDX_FLIST_EOF);
	sb_ndx(&s, NDX_FLIST_OFFSET - 1);
	EXPECT_FAILURE(&p, &s, NULL);
	sb_free(&s);
}
END_TEST

/* Sum headers rsync's receiver refuses (read_sum_head). */
START_TEST(test_bad_sum_head)
{
	static const struct {
		int32_t count, blength, s2length, remainder;
	} bad[] = {
		{-1, 700, 2, 0},		/* negative count */
		{INT32_MIN, 700, 2, 0},
		{1, -1, 2, 0},			/* negative block length */
		{1, (1 << 17) + 1, 2, 0},	/* block length over MAX_BLOCK_SIZE */
		{1, INT32_MAX, 2, 0},
		{1, 700, SUM_LEN + 1, 0},	/* checksum longer than xfer_sum_len */
		{1, 700, -1, 0},
		{1, 700, 2, 701},		/* remainder over the block length */
		{1, 700, 2, -1},
	};
	struct ss_params p = params32(0);

	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		struct sb s;

		sb_init(&s, &p.fo);
		sb_basic_list(&s);
		sb_record(&s, 2, ITEM_TRANSFER);
		sb_sum_head(&s, bad[i].count, bad[i].blength, bad[i].s2length, bad[i].remainder);
		EXPECT_FAILURE(&p, &s, "Invalid");
		sb_free(&s);
	}

	/* the limits themselves are fine */
	{
		struct result r;
		struct sb s;

		sb_init(&s, &p.fo);
		sb_basic_list(&s);
		sb_record(&s, 2, ITEM_TRANSFER);
		sb_sum_head(&s, 3, 1 << 17, SUM_LEN, 1 << 17);
		sb_int(&s, -3);		/* the last block */
		sb_int(&s, 0);
		sb_file_sum(&s, 2);
		sb_finish(&s, 0);
		expect_stream(&p, &s, &r);
		result_free(&r);
		sb_free(&s);
	}
}
END_TEST

START_TEST(test_bad_block_index)
{
	static const struct {
		int32_t count;
		int32_t token;
	} bad[] = {
		{2, -3},		/* block 2 of 2 */
		{0, -1},		/* no blocks at all */
		{5, INT32_MIN},
	};
	struct ss_params p = params32(0);

	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		struct sb s;

		sb_init(&s, &p.fo);
		sb_basic_list(&s);
		sb_record(&s, 2, ITEM_TRANSFER);
		sb_sum_head(&s, bad[i].count, 700, 2, 0);
		sb_int(&s, bad[i].token);
		EXPECT_FAILURE(&p, &s, "block index");
		sb_free(&s);
	}
}
END_TEST

START_TEST(test_bad_transfer_in_phase2)
{
	struct ss_params p = params32(0);
	struct sb s;

	sb_init(&s, &p.fo);
	sb_basic_list(&s);
	sb_ndx(&s, NDX_DONE);
	sb_ndx(&s, NDX_DONE);
	sb_new_file(&s, 1, "late");
	EXPECT_FAILURE(&p, &s, "phase 2");
	sb_free(&s);
}
END_TEST

START_TEST(test_bad_flist_entry)
{
	struct ss_params p = params32(0);
	struct sb s;

	sb_init(&s, &p.fo);
	sb_entry(&s, ".", M_DIR, 0);
	sb_entry(&s, "../escape", M_FILE, 1);
	EXPECT_FAILURE(&p, &s, "unsafe");
	sb_free(&s);

	/* the same inside a later incremental list */
	p = params32(1);
	sb_init(&s, &p.fo);
	sb_inc_first(&s);
	sb_ndx(&s, NDX_FLIST_OFFSET - 1);
	sb_entry(&s, "d1/../../x", M_FILE, 1);
	EXPECT_FAILURE(&p, &s, "unsafe");
	sb_free(&s);
}
END_TEST

START_TEST(test_bad_xname)
{
	struct ss_params p = params32(0);
	char name[RELAY_MAXPATHLEN + 10];
	struct sb s;

	memset(name, 'x', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	sb_init(&s, &p.fo);
	sb_basic_list(&s);
	sb_record(&s, 4, ITEM_XNAME_FOLLOWS);
	sb_vstring(&s, name);
	EXPECT_FAILURE(&p, &s, NULL);
	sb_free(&s);

	/* a fuzzy basis named out of the destination's directory */
	sb_init(&s, &p.fo);
	sb_basic_list(&s);
	sb_record(&s, 4, ITEM_BASIS_TYPE_FOLLOWS | ITEM_XNAME_FOLLOWS);
	sb_byte(&s, 0x83);
	sb_vstring(&s, "../secret");
	EXPECT_FAILURE(&p, &s, "unsafe basis name from sender: ../secret");
	sb_free(&s);
}
END_TEST

/* A refused name reaches the terminal escaped, as rsync's client prints
 * it: a hostile sender's escape sequences must not drive the terminal. */
START_TEST(test_error_name_escaped)
{
	struct ss_params p = params32(0);
	struct sendstream ss;
	struct report rep;
	struct sb s;
	char *out = NULL;
	size_t outlen = 0, used = 0, pos = 0;
	int drop = 0, r;
	FILE *m;

	sb_init(&s, &p.fo);
	sb_entry(&s, ".", M_DIR, 0);
	sb_entry(&s, "\033]2;owned\007\033[2J/../x", M_FILE, 1);
	ck_assert_int_eq(ss_init(&ss, &p), 0);
	while ((r = ss_step(&ss, s.b + pos, s.n - pos, &used, &drop)) == 1)
		pos += used;
	ck_assert_int_eq(r, -1);
	m = open_memstream(&out, &outlen);
	report_init(&rep, m, m, 0);
	/* as pump.c's parse_some() reports it */
	if (ss.err_code)
		report_fatal_line(&rep, ss.err_code, "%s", ss.err);
	else
		report_fatal(&rep, RERR_STREAMIO, "%s [sender stream]", ss.err);
	report_warn(&rep, "%s", "\033[2J");
	fclose(m);
	REQUIRE(memchr(out, 0x1b, outlen) == NULL, "raw ESC on the terminal: %s", out);
	REQUIRE(strstr(out, "\\#033]2;owned") != NULL, "not escaped as rsync escapes: %s", out);
	free(out);
	ss_free(&ss);
	sb_free(&s);
}
END_TEST

Suite *sendstream_suite(void)
{
	Suite *s = suite_create("sendstream");
	TCase *tb = tcase_create("streams");
	TCase *ti = tcase_create("inc_recurse");
	TCase *th = tcase_create("hostile");

	tcase_add_test(tb, test_basic_stream);
	tcase_add_test(tb, test_phases);
	tcase_add_test(tb, test_stats_values);
	tcase_add_test(tb, test_del_stats);
	tcase_add_test(tb, test_io_error_in_list);
	tcase_add_test(tb, test_id_lists);
	tcase_add_test(tb, test_symlinks_and_checksums);
	tcase_add_test(tb, test_first_list_empty);
	tcase_add_test(tb, test_empty_id_lists_end_the_list);
	tcase_add_test(tb, test_total_size_saturates);
	tcase_add_test(tb, test_dry_run);
	tcase_add_test(tb, test_large_literals);
	tcase_add_test(tb, test_compressed_tokens);
	tcase_add_test(tb, test_del_stats_in_goodbye);
	tcase_add_test(tb, test_protocol29);
	tcase_add_test(tb, test_protocol27_resign);
	tcase_set_timeout(tb, 60);
	suite_add_tcase(s, tb);

	tcase_add_test(ti, test_inc_recurse);
	tcase_add_test(ti, test_inc_retirement);
	tcase_set_timeout(ti, 60);
	suite_add_tcase(s, ti);

	tcase_add_test(th, test_bad_transfer_of_non_regular);
	tcase_add_test(th, test_bad_ndx);
	tcase_add_test(th, test_bad_dir_index);
	tcase_add_test(th, test_bad_sublists);
	tcase_add_test(th, test_bad_sum_head);
	tcase_add_test(th, test_bad_block_index);
	tcase_add_test(th, test_bad_compressed_block_index);
	tcase_add_test(th, test_bad_transfer_in_phase2);
	tcase_add_test(th, test_bad_flist_entry);
	tcase_add_test(th, test_bad_xname);
	tcase_add_test(th, test_error_name_escaped);
	tcase_set_timeout(th, 60);
	suite_add_tcase(s, th);
	return s;
}
