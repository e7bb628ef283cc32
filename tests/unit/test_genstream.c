/* Unit tests of the generator-stream checks (genstream.h).
 *
 * Each test writes what a receiving rsync server's generator sends the
 * sender, with the small writers below:
 *
 *   request     ndx (delta-coded from protocol 30, a plain int before),
 *               iflags shortint, a basis byte with ITEM_BASIS_TYPE_FOLLOWS,
 *               a vstring with ITEM_XNAME_FOLLOWS; with -X and
 *               ITEM_REPORT_XATTR the xattr numbers it asks for (varints
 *               relative to the one before, ending in 0); with
 *               ITEM_TRANSFER (not a dry run) the checksum header (count,
 *               block length, strong-sum length, remainder: 4 ints) and
 *               count block sums of 4 + strong-sum length bytes
 *   phases      NDX_DONE; with incremental recursion each first retires
 *               the sender's oldest list
 *   deletions   NDX_DEL_STATS and 5 varints (protocol 31)
 *   goodbye     one NDX_DONE after the three phases, two from protocol 31
 *
 * against file lists set up by hand in a struct sendstream, as the
 * sender's stream parser leaves them.  Every stream is checked whole, cut
 * in two at every byte boundary, a byte at a time, and in random pieces:
 * each must give the outcome of the whole (bytes passed, error, state).
 */
#include "suites.h"
#include "flist.h"
#include "genstream.h"
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
/* The sender's lists                                                  */
/* ------------------------------------------------------------------ */

struct spec {
	const char *name;
	uint32_t mode;
};

static struct flist *mk_list(int ndx_start, int parent_ndx, const struct spec *files, int n)
{
	struct flist *fl = calloc(1, sizeof *fl);

	ck_assert_ptr_nonnull(fl);
	fl->ndx_start = ndx_start;
	fl->parent_ndx = parent_ndx;
	for (int i = 0; i < n; i++) {
		struct fentry e;
		memset(&e, 0, sizeof e);
		e.name = strdup(files[i].name);
		e.mode = files[i].mode;
		ck_assert_int_eq(flist_add(fl, &e), 0);
	}
	return fl;
}

/* One list, no incremental recursion: ".", dir "d", files a b, link l. */
static const struct spec FLAT[] = {
	{ ".", M_DIR }, { "a", M_FILE }, { "b", M_FILE }, { "d", M_DIR }, { "l", M_LINK },
};

static void ss_flat(struct sendstream *ss)
{
	memset(ss, 0, sizeof *ss);
	ss->first = ss->last = mk_list(0, -1, FLAT, (int)ARRAY_LEN(FLAT));
	ss->nlists = 1;
}

/* Incremental recursion: the first list (indexes 1-3: ".", "a", "d")
 * and d's list (index 4 is d itself, files 5-6). */
static const struct spec INC1[] = { { ".", M_DIR }, { "a", M_FILE }, { "d", M_DIR } };
static const struct spec INC2[] = { { "d/x", M_FILE }, { "d/y", M_FILE } };

static void ss_inc(struct sendstream *ss, int eof)
{
	memset(ss, 0, sizeof *ss);
	ss->first = mk_list(1, 0, INC1, 3);
	ss->last = ss->first->next = mk_list(5, 1, INC2, 2);
	ss->dirs.dirs = calloc(2, sizeof *ss->dirs.dirs);
	ck_assert_ptr_nonnull(ss->dirs.dirs);
	ss->dirs.dirs[0] = (struct fentry){ .name = strdup("."), .mode = M_DIR };
	ss->dirs.dirs[1] = (struct fentry){ .name = strdup("d"), .mode = M_DIR };
	ss->dirs.used = ss->dirs.cap = 2;
	ss->nlists = 2;
	ss->flist_eof = eof;
}

/* ------------------------------------------------------------------ */
/* Writing a stream                                                    */
/* ------------------------------------------------------------------ */

struct gb {
	unsigned char *b;
	size_t n, cap;
	int proto;
	struct ndx_state ndx;
};

static void gb_init(struct gb *g, int proto)
{
	memset(g, 0, sizeof *g);
	g->proto = proto;
	ndx_state_init(&g->ndx);
}

static void gb_bytes(struct gb *g, const void *p, size_t n)
{
	if (g->n + n > g->cap) {
		g->cap = (g->n + n) * 2 + 64;
		g->b = realloc(g->b, g->cap);
		ck_assert_ptr_nonnull(g->b);
	}
	memcpy(g->b + g->n, p, n);
	g->n += n;
}

static void gb_int(struct gb *g, int32_t v)
{
	unsigned char b[4];
	wire_put_u32(b, (uint32_t)v);
	gb_bytes(g, b, 4);
}

static void gb_u16(struct gb *g, unsigned v)
{
	unsigned char b[2] = { (unsigned char)(v & 0xFF), (unsigned char)(v >> 8) };
	gb_bytes(g, b, 2);
}

static void gb_byte(struct gb *g, unsigned v)
{
	unsigned char b = (unsigned char)v;
	gb_bytes(g, &b, 1);
}

static void gb_varint(struct gb *g, int32_t v)
{
	unsigned char b[WIRE_MAX_VARINT];
	gb_bytes(g, b, wire_write_varint(b, v));
}

static void gb_ndx(struct gb *g, int32_t ndx)
{
	unsigned char b[WIRE_MAX_NDX];
	gb_bytes(g, b, wire_write_ndx(&g->ndx, g->proto, b, ndx));
}

static void gb_done(struct gb *g)
{
	gb_ndx(g, NDX_DONE);
}

/* A request: ndx, iflags, and what they say follows (basis < 0: none). */
static void gb_req(struct gb *g, int32_t ndx, int iflags, int basis, const char *xname)
{
	gb_ndx(g, ndx);
	gb_u16(g, (unsigned)iflags);
	if (iflags & ITEM_BASIS_TYPE_FOLLOWS)
		gb_byte(g, (unsigned)basis);
	if (iflags & ITEM_XNAME_FOLLOWS) {
		unsigned char b[2 + 0x7FFF];
		gb_bytes(g, b, wire_write_vstring(b, xname, strlen(xname)));
	}
}

static void gb_head(struct gb *g, int32_t count, int32_t blength, int32_t s2, int32_t rem)
{
	gb_int(g, count);
	gb_int(g, blength);
	gb_int(g, s2);
	gb_int(g, rem);
}

/* A checksum header and its block sums. */
static void gb_sums(struct gb *g, int32_t count, int32_t blength, int32_t s2, int32_t rem)
{
	gb_head(g, count, blength, s2, rem);
	for (int32_t i = 0; i < count; i++) {
		gb_int(g, 0x01020304 + i);
		for (int32_t j = 0; j < s2; j++)
			gb_byte(g, (unsigned)(i + j));
	}
}

static void gb_del_stats(struct gb *g, const int32_t v[5])
{
	gb_ndx(g, NDX_DEL_STATS);
	for (int i = 0; i < 5; i++)
		gb_varint(g, v[i]);
}

/* The three phase ends and the goodbye of a run without retirements. */
static void gb_end(struct gb *g)
{
	for (int i = 0; i < (g->proto >= 31 ? 5 : 4); i++)
		gb_done(g);
}

/* ------------------------------------------------------------------ */
/* Running the checks                                                  */
/* ------------------------------------------------------------------ */

struct outcome {
	size_t passed;		/* bytes let through before the end or an error */
	int rc;			/* 0, or -1 with err */
	char err[256];
	int code, rsync;
	enum gs_state state;
	int phase;
};

static struct gs_params params(int proto)
{
	return (struct gs_params){ .protocol = proto, .do_xfers = 1, .xfer_sum_len = SUM_LEN };
}

/* The sender's stream showing file ndx sent, once the generator's stream
 * has been read up to at (the list ends with ndx -1). */
struct sent_mark {
	size_t at;
	int32_t ndx;
};

/* Feeds buf in pieces of the sizes cuts[] gives (cut 0: the whole). */
static void feed(const struct gs_params *p, const struct sendstream *ss,
		 const struct sent_mark *sent, const unsigned char *buf, size_t n,
		 const size_t *cuts, size_t ncuts, struct outcome *o)
{
	struct genstream gs;
	size_t pos = 0, avail = ncuts && cuts[0] < n ? cuts[0] : n, next = 1;

	memset(o, 0, sizeof *o);
	gs_init(&gs, p, ss);
	for (;;) {
		size_t used = 12345;
		int r;

		for (; sent && sent->ndx >= 0 && pos >= sent->at; sent++)
			ck_assert_int_eq(gs_file_sent(&gs, sent->ndx), 0);
		r = gs_step(&gs, buf + pos, avail - pos, &used);

		if (r < 0) {
			o->rc = -1;
			snprintf(o->err, sizeof o->err, "%s", gs.err);
			o->code = gs.err_code;
			o->rsync = gs.err_rsync;
			break;
		}
		if (r == 0) {
			REQUIRE(used == 0, "used %zu with nothing taken", used);
			if (avail == n)
				break;
			avail = next < ncuts ? avail + cuts[next++] : n;
			if (avail > n)
				avail = n;
			continue;
		}
		REQUIRE(used > 0 && used <= avail - pos, "used %zu of %zu", used, avail - pos);
		pos += used;
	}
	o->passed = pos;
	o->state = gs.state;
	o->phase = gs.phase;
	gs_free(&gs);
}

static void same(const struct outcome *a, const struct outcome *b, const char *how, size_t at)
{
	REQUIRE(a->passed == b->passed && a->rc == b->rc && a->code == b->code &&
			a->rsync == b->rsync && a->state == b->state && a->phase == b->phase &&
			strcmp(a->err, b->err) == 0,
		"%s (%zu): passed %zu/%zu rc %d/%d state %d/%d err '%s'/'%s'", how, at, a->passed,
		b->passed, a->rc, b->rc, (int)a->state, (int)b->state, a->err, b->err);
}

/* The stream whole, then cut every way; returns the whole's outcome. */
static struct outcome run_sent(const struct gs_params *p, const struct sendstream *ss,
			       const struct sent_mark *sent, const struct gb *g)
{
	struct outcome whole, o;
	size_t cuts[4096];
	uint32_t x = 0x2545F491u;

	feed(p, ss, sent, g->b, g->n, NULL, 0, &whole);
	for (size_t k = 0; k <= g->n; k++) {
		size_t two[2] = { k, g->n - k };
		feed(p, ss, sent, g->b, g->n, two, 2, &o);
		same(&o, &whole, "cut at", k);
	}
	size_t ones = g->n < ARRAY_LEN(cuts) ? g->n : ARRAY_LEN(cuts);
	for (size_t i = 0; i < ones; i++)
		cuts[i] = 1;
	feed(p, ss, sent, g->b, g->n, cuts, ones, &o);
	same(&o, &whole, "bytes", 0);
	for (int round = 0; round < 8; round++) {
		for (size_t i = 0; i < ARRAY_LEN(cuts); i++) {
			x ^= x << 13, x ^= x >> 17, x ^= x << 5;
			cuts[i] = 1 + x % (round < 4 ? 7 : 97);
		}
		feed(p, ss, sent, g->b, g->n, cuts, ARRAY_LEN(cuts), &o);
		same(&o, &whole, "random pieces", (size_t)round);
	}
	return whole;
}

static struct outcome run(const struct gs_params *p, const struct sendstream *ss,
			  const struct gb *g)
{
	return run_sent(p, ss, NULL, g);
}

/* The stream passes whole and ends in state st. */
static void expect_ok(const struct outcome *o, const struct gb *g, enum gs_state st)
{
	REQUIRE(o->rc == 0, "unexpected error: %s", o->err);
	REQUIRE(o->passed == g->n, "passed %zu of %zu", o->passed, g->n);
	REQUIRE(o->state == st, "state %d, expected %d", (int)o->state, (int)st);
}

/* The stream is refused with err (rsync's line when rsync_text). */
static void expect_err(const struct outcome *o, const char *err, int code, int rsync_text)
{
	REQUIRE(o->rc == -1, "accepted, expected '%s'", err);
	REQUIRE(strcmp(o->err, err) == 0, "error '%s', expected '%s'", o->err, err);
	REQUIRE(o->code == code, "code %d, expected %d (%s)", o->code, code, err);
	REQUIRE(o->rsync == rsync_text, "rsync text %d for '%s'", o->rsync, err);
}

/* The bytes before the last item pass: the item refused is never let
 * through, even partly. */
static void expect_refused_at(const struct outcome *o, size_t at)
{
	REQUIRE(o->passed == at, "passed %zu, the refused item starts at %zu", o->passed, at);
}

/* ------------------------------------------------------------------ */
/* Streams a correct generator sends                                   */
/* ------------------------------------------------------------------ */

/* A whole run: a directory item, a new file, a delta with basis and
 * xname, the phases with a redo in phase 1, deletion counts and the
 * goodbye; every protocol. */
START_TEST(test_whole_run)
{
	static const int32_t del[5] = { 1, 2, 0, 0, 3 };

	for (int proto = 29; proto <= 32; proto++) {
		struct sendstream ss;
		struct gs_params p = params(proto);
		struct gb g;
		struct outcome o;

		ss_flat(&ss);
		gb_init(&g, proto);
		gb_req(&g, 0, ITEM_LOCAL_CHANGE | ITEM_REPORT_TIME, -1, NULL);
		gb_req(&g, 1, ITEM_TRANSFER | ITEM_IS_NEW, -1, NULL);
		gb_head(&g, 0, 0, 0, 0);
		gb_req(&g, 2, ITEM_TRANSFER | ITEM_BASIS_TYPE_FOLLOWS | ITEM_XNAME_FOLLOWS,
		       0x83, "similar");
		gb_sums(&g, 3, 700, SUM_LEN, 100);
		gb_req(&g, 3, ITEM_IS_NEW, -1, NULL);
		gb_req(&g, 4, ITEM_IS_NEW | ITEM_XNAME_FOLLOWS, -1, "");
		gb_done(&g);		/* phase 1: the redo */
		gb_req(&g, 2, ITEM_TRANSFER, -1, NULL);
		gb_sums(&g, 2, 1024, 2, 1024);
		gb_done(&g);		/* phase 2 */
		gb_req(&g, 3, ITEM_REPORT_TIME, -1, NULL);
		gb_done(&g);		/* phase 3: the sender's loop ends */
		if (proto >= 31)
			gb_del_stats(&g, del);
		size_t last = g.n;
		gb_done(&g);		/* goodbye */
		if (proto >= 31) {
			last = g.n;
			gb_done(&g);
		}
		o = run(&p, &ss, &g);
		expect_ok(&o, &g, GS_END);
		ck_assert_int_eq(o.phase, 3);

		/* one NDX_DONE short: still waiting for the goodbye */
		g.n = last;
		o = run(&p, &ss, &g);
		expect_ok(&o, &g, GS_NDX);
		ss_free(&ss);
		free(g.b);
	}
}
END_TEST

/* Before protocol 29 a request is only an index, and always a transfer
 * (no item flags); there is one redo phase, then the goodbye. */
START_TEST(test_whole_run_old)
{
	for (int proto = 27; proto <= 28; proto++) {
		struct sendstream ss;
		struct gs_params p = params(proto);
		struct gb g;
		struct outcome o;

		ss_flat(&ss);
		gb_init(&g, proto);
		gb_ndx(&g, 1);
		gb_head(&g, 0, 0, 0, 0);
		gb_ndx(&g, 2);
		gb_sums(&g, 3, 700, SUM_LEN, 100);
		gb_done(&g);		/* phase 1: the redo */
		gb_ndx(&g, 2);
		gb_sums(&g, 2, 1024, 2, 1024);
		gb_done(&g);		/* the sender's loop ends */
		size_t last = g.n;
		gb_done(&g);		/* goodbye */
		o = run(&p, &ss, &g);
		expect_ok(&o, &g, GS_END);
		ck_assert_int_eq(o.phase, 2);

		g.n = last;
		o = run(&p, &ss, &g);
		expect_ok(&o, &g, GS_NDX);

		/* a directory is no transfer */
		g.n = 0;
		gb_ndx(&g, 0);
		o = run(&p, &ss, &g);
		expect_err(&o, "received request to transfer non-regular file: 0 [sender]",
			   RERR_PROTOCOL, 1);
		ss_free(&ss);
		free(g.b);
	}
}
END_TEST

/* Block sums pass as they come, without waiting for all of them. */
START_TEST(test_sums_pass_in_pieces)
{
	struct sendstream ss;
	struct gs_params p = params(31);
	struct genstream gs;
	struct gb g;
	size_t used, pos = 0;

	ss_flat(&ss);
	gb_init(&g, 31);
	gb_req(&g, 1, ITEM_TRANSFER, -1, NULL);
	gb_head(&g, 1000000, 1 << 17, SUM_LEN, 5);
	gs_init(&gs, &p, &ss);
	while (pos < g.n) {
		ck_assert_int_eq(gs_step(&gs, g.b + pos, g.n - pos, &used), 1);
		pos += used;
	}
	ck_assert_int_eq(gs.state, GS_SUMS);
	ck_assert(gs.sums_left == (int64_t)1000000 * (4 + SUM_LEN));
	/* 10 bytes of sums are taken at once; a larger offer in one piece */
	unsigned char *chunk = calloc(1, 300000);
	ck_assert_ptr_nonnull(chunk);
	ck_assert_int_eq(gs_step(&gs, chunk, 10, &used), 1);
	ck_assert_uint_eq(used, 10);
	ck_assert_int_eq(gs_step(&gs, chunk, 300000, &used), 1);
	ck_assert_uint_eq(used, 300000);
	ck_assert_int_eq(gs_step(&gs, chunk, 0, &used), 0);
	free(chunk);
	gs_free(&gs);
	ss_free(&ss);
	free(g.b);
}
END_TEST

/* Incremental recursion: NDX_DONE retires the oldest list; the phase
 * ends only when none is left; a retired list's files are gone. */
START_TEST(test_inc_recurse)
{
	struct sendstream ss;
	struct gs_params p = params(31);
	struct gb g;
	struct outcome o;

	p.inc_recurse = 1;
	ss_inc(&ss, 1);
	gb_init(&g, 31);
	gb_req(&g, 1, ITEM_LOCAL_CHANGE, -1, NULL);	/* "." */
	gb_req(&g, 2, ITEM_TRANSFER, -1, NULL);		/* "a" */
	gb_head(&g, 0, 0, 0, 0);
	gb_req(&g, 4, ITEM_LOCAL_CHANGE, -1, NULL);	/* d, as its list's dir */
	gb_req(&g, 5, ITEM_TRANSFER, -1, NULL);		/* "d/x" */
	gb_sums(&g, 1, 700, 8, 3);
	gb_done(&g);					/* retires the first list */
	gb_req(&g, 6, ITEM_TRANSFER, -1, NULL);		/* "d/y" */
	gb_head(&g, 0, 0, 0, 0);
	gb_done(&g);					/* retires d's: phase 1 */
	gb_done(&g);					/* phase 2 */
	gb_done(&g);					/* phase 3 */
	gb_done(&g);
	gb_done(&g);
	o = run(&p, &ss, &g);
	expect_ok(&o, &g, GS_END);

	/* after the first retirement, index 2 is no list's */
	struct gb h;
	gb_init(&h, 31);
	gb_req(&h, 2, ITEM_LOCAL_CHANGE, -1, NULL);
	gb_done(&h);
	size_t at = h.n;
	gb_req(&h, 2, ITEM_LOCAL_CHANGE, -1, NULL);
	o = run(&p, &ss, &h);
	expect_err(&o, "File-list index 2 not in 4 - 6 (read_ndx_and_attrs) [sender]",
		   RERR_PROTOCOL, 1);
	expect_refused_at(&o, at);
	free(h.b);

	/* all retired: a request names no list */
	gb_init(&h, 31);
	gb_done(&h);
	gb_done(&h);
	at = h.n;
	gb_req(&h, 5, ITEM_LOCAL_CHANGE, -1, NULL);
	o = run(&p, &ss, &h);
	expect_err(&o, "File-list index 5 not in 0 - -1 (read_ndx_and_attrs) [sender]",
		   RERR_PROTOCOL, 1);
	expect_refused_at(&o, at);
	ss_free(&ss);
	free(h.b);
	free(g.b);
}
END_TEST

/* A receiver retires the sender's last list only after NDX_FLIST_EOF:
 * before it, the sender may hold a list not yet read, and its phase
 * would be unknown. */
START_TEST(test_inc_early_end)
{
	struct sendstream ss;
	struct gs_params p = params(32);
	struct gb g;
	struct outcome o;
	const char *msg = "the receiver ended the file lists before the sender's last one";

	p.inc_recurse = 1;
	ss_inc(&ss, 0);
	gb_init(&g, 32);
	gb_done(&g);		/* the first list: the second is still live */
	o = run(&p, &ss, &g);
	expect_ok(&o, &g, GS_NDX);
	gb_done(&g);		/* the last list known, without EOF */
	o = run(&p, &ss, &g);
	expect_err(&o, msg, RERR_PROTOCOL, 0);
	expect_refused_at(&o, 1);

	/* a list still being read counts as one more */
	ss.flist_eof = 1;
	ss.building = calloc(1, sizeof *ss.building);
	ck_assert_ptr_nonnull(ss.building);
	o = run(&p, &ss, &g);
	expect_err(&o, msg, RERR_PROTOCOL, 0);
	ss_free(&ss);
	free(g.b);
}
END_TEST

/* Protocol 29's keep-alive (an older generator): the index one past the
 * list with ITEM_IS_NEW asks for nothing.  From protocol 30 it is an
 * index outside the list. */
START_TEST(test_keepalive)
{
	struct sendstream ss;
	struct gb g;
	struct outcome o;

	ss_flat(&ss);
	for (int proto = 29; proto <= 30; proto++) {
		struct gs_params p = params(proto);
		gb_init(&g, proto);
		gb_req(&g, 1, ITEM_TRANSFER, -1, NULL);
		gb_head(&g, 0, 0, 0, 0);
		size_t at = g.n;
		gb_req(&g, (int32_t)ARRAY_LEN(FLAT), ITEM_IS_NEW, -1, NULL);
		gb_req(&g, (int32_t)ARRAY_LEN(FLAT), ITEM_IS_NEW, -1, NULL);
		gb_req(&g, 2, ITEM_TRANSFER, -1, NULL);
		gb_head(&g, 0, 0, 0, 0);
		o = run(&p, &ss, &g);
		if (proto == 29) {
			expect_ok(&o, &g, GS_NDX);
		} else {
			expect_err(&o, "File-list index 5 not in -1 - 4 (read_ndx_and_attrs) [sender]",
				   RERR_PROTOCOL, 1);
			expect_refused_at(&o, at);
		}
		free(g.b);
	}
	/* other iflags with that index are a request for no file */
	struct gs_params p = params(29);
	gb_init(&g, 29);
	gb_req(&g, (int32_t)ARRAY_LEN(FLAT), ITEM_IS_NEW | ITEM_LOCAL_CHANGE, -1, NULL);
	o = run(&p, &ss, &g);
	expect_err(&o, "File-list index 5 not in -1 - 4 (read_ndx_and_attrs) [sender]",
		   RERR_PROTOCOL, 1);
	ss_free(&ss);
	free(g.b);
}
END_TEST

/* A dry run: transfer requests carry no checksum header. */
START_TEST(test_dry_run)
{
	struct sendstream ss;
	struct gs_params p = params(31);
	struct gb g;
	struct outcome o;

	p.do_xfers = 0;
	ss_flat(&ss);
	gb_init(&g, 31);
	gb_req(&g, 1, ITEM_TRANSFER | ITEM_IS_NEW, -1, NULL);
	gb_req(&g, 2, ITEM_TRANSFER | ITEM_REPORT_XATTR, -1, NULL);
	gb_end(&g);
	o = run(&p, &ss, &g);
	expect_ok(&o, &g, GS_END);
	/* even with -X: no xattr requests in a dry run */
	p.preserve_xattrs = 1;
	o = run(&p, &ss, &g);
	expect_ok(&o, &g, GS_END);
	ss_free(&ss);
	free(g.b);
}
END_TEST

/* --append: the sender reads block sums only for a file it has sent
 * before; asking again before the file was seen sent is refused. */
START_TEST(test_append)
{
	struct sendstream ss;
	struct gs_params p = params(31);
	struct gb g;
	struct outcome o;

	p.append_mode = 1;
	ss_flat(&ss);
	gb_init(&g, 31);
	gb_req(&g, 1, ITEM_TRANSFER, -1, NULL);
	gb_head(&g, 3, 700, SUM_LEN, 5);	/* no sums follow */
	gb_req(&g, 2, ITEM_TRANSFER, -1, NULL);
	gb_head(&g, 3, 700, SUM_LEN, 5);
	gb_done(&g);
	o = run(&p, &ss, &g);
	expect_ok(&o, &g, GS_NDX);
	ck_assert_int_eq(o.phase, 1);

	/* b was sent (the sender's stream showed it by then): the redo
	 * request carries its sums */
	size_t at = g.n;
	const struct sent_mark sent_b[] = { { at, 2 }, { 0, -1 } };
	gb_req(&g, 2, ITEM_TRANSFER, -1, NULL);
	gb_sums(&g, 2, 700, SUM_LEN, 5);
	gb_done(&g);
	o = run_sent(&p, &ss, sent_b, &g);
	expect_ok(&o, &g, GS_NDX);
	ck_assert_int_eq(o.phase, 2);

	/* not seen sent: which form follows is unknown */
	o = run(&p, &ss, &g);
	expect_err(&o, "the receiver asked again for file 2 before the sender sent it",
		   RERR_PROTOCOL, 0);
	expect_refused_at(&o, at);

	/* without --append the same stream has sums each time */
	p.append_mode = 0;
	free(g.b);
	gb_init(&g, 31);
	gb_req(&g, 1, ITEM_TRANSFER, -1, NULL);
	gb_sums(&g, 3, 700, SUM_LEN, 5);
	gb_req(&g, 1, ITEM_TRANSFER, -1, NULL);
	gb_sums(&g, 1, 700, SUM_LEN, 5);
	o = run(&p, &ss, &g);
	expect_ok(&o, &g, GS_NDX);
	ss_free(&ss);
	free(g.b);
}
END_TEST

/* -X: an item with ITEM_REPORT_XATTR lists the xattr numbers it asks
 * for, before its checksum header; not with the xattr optimisation's
 * XNAME_FOLLOWS | LOCAL_CHANGE, nor without -X. */
START_TEST(test_xattr_requests)
{
	struct sendstream ss;
	struct gs_params p = params(31);
	struct gb g;
	struct outcome o;

	ss_flat(&ss);
	p.preserve_xattrs = 1;
	p.want_xattr_optim = 1;
	gb_init(&g, 31);
	gb_req(&g, 1, ITEM_TRANSFER | ITEM_REPORT_XATTR, -1, NULL);
	gb_varint(&g, 2);
	gb_varint(&g, 3);
	gb_varint(&g, -4);	/* back to #1 */
	gb_varint(&g, 100000);
	gb_varint(&g, 0);
	gb_sums(&g, 1, 700, SUM_LEN, 0);
	gb_req(&g, 3, ITEM_REPORT_XATTR, -1, NULL);
	gb_varint(&g, 0);
	gb_req(&g, 3, ITEM_REPORT_XATTR | ITEM_XNAME_FOLLOWS | ITEM_LOCAL_CHANGE, -1, "");
	gb_req(&g, 2, ITEM_TRANSFER | ITEM_REPORT_XATTR | ITEM_XNAME_FOLLOWS | ITEM_LOCAL_CHANGE,
	       -1, "x");
	gb_head(&g, 0, 0, 0, 0);
	gb_end(&g);
	o = run(&p, &ss, &g);
	expect_ok(&o, &g, GS_END);

	/* protocol 30 has no such optimisation: the list follows */
	p.protocol = 30;
	p.want_xattr_optim = 0;
	free(g.b);
	gb_init(&g, 30);
	gb_req(&g, 3, ITEM_REPORT_XATTR | ITEM_XNAME_FOLLOWS | ITEM_LOCAL_CHANGE, -1, "");
	gb_varint(&g, 1);
	gb_varint(&g, 0);
	gb_end(&g);
	o = run(&p, &ss, &g);
	expect_ok(&o, &g, GS_END);

	/* without -X the flag carries no list */
	p.preserve_xattrs = 0;
	free(g.b);
	gb_init(&g, 30);
	gb_req(&g, 3, ITEM_REPORT_XATTR, -1, NULL);
	gb_end(&g);
	o = run(&p, &ss, &g);
	expect_ok(&o, &g, GS_END);
	ss_free(&ss);
	free(g.b);
}
END_TEST

/* ------------------------------------------------------------------ */
/* What the sender refuses, in its words                               */
/* ------------------------------------------------------------------ */

/* A stream of a good request then bad bytes: refused with err at the
 * bad item, nothing of which passes. */
struct bad_case {
	const char *err;
	int code, rsync;
};

static void check_bad(const struct gs_params *p, const struct sendstream *ss,
		      const struct gb *g, size_t at, const struct bad_case *c)
{
	struct outcome o = run(p, ss, g);

	expect_err(&o, c->err, c->code, c->rsync);
	expect_refused_at(&o, at);
}

START_TEST(test_bad_indexes)
{
	struct sendstream ss;
	struct gs_params p = params(31);
	struct gb g;
	size_t at;

	ss_flat(&ss);
	/* beyond the list */
	gb_init(&g, 31);
	gb_req(&g, 1, ITEM_IS_NEW, -1, NULL);
	at = g.n;
	gb_req(&g, 1000, ITEM_IS_NEW, -1, NULL);
	check_bad(&p, &ss, &g, at, &(struct bad_case){
		"File-list index 1000 not in -1 - 4 (read_ndx_and_attrs) [sender]", 2, 1 });
	free(g.b);

	/* negative ones: only NDX_DONE and NDX_DEL_STATS come from a
	 * generator (never NDX_FLIST_EOF nor a list offset) */
	static const int32_t negs[] = { NDX_FLIST_EOF, -4, NDX_FLIST_OFFSET, -1000000 };
	for (size_t i = 0; i < ARRAY_LEN(negs); i++) {
		char msg[128];
		gb_init(&g, 31);
		gb_req(&g, 1, ITEM_IS_NEW, -1, NULL);
		at = g.n;
		gb_ndx(&g, negs[i]);
		snprintf(msg, sizeof msg, "Invalid file index: %d (-1 - 4) [sender]", (int)negs[i]);
		check_bad(&p, &ss, &g, at, &(struct bad_case){ msg, 2, 1 });
		free(g.b);
	}
	/* protocol 29: a plain int */
	p.protocol = 29;
	gb_init(&g, 29);
	gb_int(&g, -7);
	check_bad(&p, &ss, &g, 0, &(struct bad_case){
		"Invalid file index: -7 (-1 - 4) [sender]", 2, 1 });
	free(g.b);

	/* a delta past 2^31 - 1: from the first index's start (-1), 0xFE and
	 * a difference of 0 */
	p.protocol = 31;
	gb_init(&g, 31);
	gb_bytes(&g, "\xFE\0\0\0\0", 5);
	check_bad(&p, &ss, &g, 0, &(struct bad_case){
		"Invalid file index (above 2147483647) from the receiver", 2, 0 });
	free(g.b);

	/* the directory of a list the sender has no directory for */
	struct gs_params pi = params(31);
	pi.inc_recurse = 1;
	ss_free(&ss);
	ss_inc(&ss, 1);
	ss.first->parent_ndx = -1;
	gb_init(&g, 31);
	gb_req(&g, 0, ITEM_IS_NEW, -1, NULL);
	check_bad(&pi, &ss, &g, 0, &(struct bad_case){
		"file 0 from the receiver names a list's directory the sender has not", 2, 0 });
	free(g.b);
	ss_free(&ss);
}
END_TEST

START_TEST(test_bad_transfers)
{
	struct sendstream ss;
	struct gs_params p = params(32);
	struct gb g;
	size_t at;

	ss_flat(&ss);
	/* a directory, a symlink */
	static const int32_t nonreg[] = { 0, 3, 4 };
	for (size_t i = 0; i < ARRAY_LEN(nonreg); i++) {
		char msg[128];
		gb_init(&g, 32);
		gb_req(&g, 1, ITEM_TRANSFER, -1, NULL);
		gb_head(&g, 0, 0, 0, 0);
		at = g.n;
		gb_req(&g, nonreg[i], ITEM_TRANSFER, -1, NULL);
		gb_head(&g, 0, 0, 0, 0);
		snprintf(msg, sizeof msg, "received request to transfer non-regular file: %d [sender]",
			 (int)nonreg[i]);
		check_bad(&p, &ss, &g, at, &(struct bad_case){ msg, 2, 1 });
		free(g.b);
	}
	/* the list's own directory (incremental recursion) */
	struct gs_params pi = params(32);
	pi.inc_recurse = 1;
	ss_free(&ss);
	ss_inc(&ss, 1);
	gb_init(&g, 32);
	gb_req(&g, 4, ITEM_TRANSFER, -1, NULL);
	check_bad(&pi, &ss, &g, 0, &(struct bad_case){
		"received request to transfer non-regular file: 4 [sender]", 2, 1 });
	free(g.b);
	ss_free(&ss);

	/* phase 2 takes no transfer; an item without one is fine */
	ss_flat(&ss);
	gb_init(&g, 32);
	gb_done(&g);
	gb_done(&g);
	gb_req(&g, 1, ITEM_REPORT_TIME, -1, NULL);
	at = g.n;
	gb_req(&g, 1, ITEM_TRANSFER, -1, NULL);
	gb_head(&g, 0, 0, 0, 0);
	check_bad(&p, &ss, &g, at, &(struct bad_case){
		"got transfer request in phase 2 [sender]", 2, 1 });
	free(g.b);

	/* ... judged after its xattr request, as the sender reads it */
	p.preserve_xattrs = 1;
	gb_init(&g, 32);
	gb_done(&g);
	gb_done(&g);
	gb_req(&g, 1, ITEM_TRANSFER | ITEM_REPORT_XATTR, -1, NULL);
	at = g.n;
	gb_varint(&g, 1);
	gb_varint(&g, 0);
	struct outcome o = run(&p, &ss, &g);
	expect_err(&o, "got transfer request in phase 2 [sender]", 2, 1);
	REQUIRE(o.passed == at + 1, "passed %zu, expected %zu", o.passed, at + 1);
	free(g.b);
	ss_free(&ss);
}
END_TEST

/* rsync's read_sum_head, each value checked as soon as it is read. */
START_TEST(test_bad_sum_heads)
{
	static const struct {
		int proto;
		int32_t v[4];
		int nbytes;	/* of the header present */
		const char *err;
	} cases[] = {
		{ 31, { -1, 700, 16, 0 }, 4, "Invalid checksum count -1 [sender]" },
		{ 31, { INT32_MIN, 700, 16, 0 }, 16, "Invalid checksum count -2147483648 [sender]" },
		{ 31, { 1, -1, 16, 0 }, 8, "Invalid block length -1 [sender]" },
		{ 31, { 1, (1 << 17) + 1, 16, 0 }, 16, "Invalid block length 131073 [sender]" },
		{ 29, { 1, (1 << 29) + 1, 16, 0 }, 16, "Invalid block length 536870913 [sender]" },
		{ 31, { 1, 0, 16, 0 }, 8, "Invalid zero block length [sender]" },
		{ 31, { 1, 700, 17, 0 }, 12, "Invalid checksum length 17 [sender]" },
		{ 31, { 1, 700, 64, 0 }, 16, "Invalid checksum length 64 [sender]" },
		{ 31, { 0, 0, -1, 0 }, 12, "Invalid checksum length -1 [sender]" },
		{ 31, { 1, 700, 16, -1 }, 16, "Invalid remainder length -1 [sender]" },
		{ 31, { 1, 700, 16, 701 }, 16, "Invalid remainder length 701 [sender]" },
		{ 30, { 0, 0, 0, 1 }, 16, "Invalid remainder length 1 [sender]" },
	};
	struct sendstream ss;

	ss_flat(&ss);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct gs_params p = params(cases[i].proto);
		struct gb g;
		size_t at;

		gb_init(&g, cases[i].proto);
		gb_req(&g, 1, ITEM_TRANSFER, -1, NULL);
		at = g.n;
		for (int k = 0; k < cases[i].nbytes / 4; k++)
			gb_int(&g, cases[i].v[k]);
		check_bad(&p, &ss, &g, at, &(struct bad_case){ cases[i].err, 2, 1 });
		free(g.b);
	}
	/* the limits themselves are fine */
	struct gs_params p = params(31);
	struct gb g;
	gb_init(&g, 31);
	gb_req(&g, 1, ITEM_TRANSFER, -1, NULL);
	gb_sums(&g, 2, 1 << 17, SUM_LEN, 1 << 17);
	gb_req(&g, 2, ITEM_TRANSFER, -1, NULL);
	gb_sums(&g, 3, 1, 0, 0);
	gb_req(&g, 2, ITEM_TRANSFER, -1, NULL);
	gb_head(&g, 0, 0, 0, 0);
	struct outcome o = run(&p, &ss, &g);
	expect_ok(&o, &g, GS_NDX);
	/* protocol 29's larger blocks */
	p = params(29);
	free(g.b);
	gb_init(&g, 29);
	gb_req(&g, 1, ITEM_TRANSFER, -1, NULL);
	gb_head(&g, 0, 1 << 29, SUM_LEN, 0);
	o = run(&p, &ss, &g);
	expect_ok(&o, &g, GS_NDX);
	ss_free(&ss);
	free(g.b);
}
END_TEST

START_TEST(test_bad_attrs)
{
	struct sendstream ss;
	struct gs_params p = params(31);
	struct gb g;
	struct outcome o;
	size_t at;
	char *name;

	ss_flat(&ss);
	/* basis types rsync defines: alternate dirs 0-19, 0x80-0x83, fuzzy
	 * in an alternate dir up to 0x83 + 20 */
	for (unsigned b = 0; b <= 0xFF; b++) {
		int ok = b < 20 || (b >= 0x80 && b <= 0x97);
		char msg[128];
		gb_init(&g, 31);
		gb_req(&g, 1, ITEM_IS_NEW | ITEM_BASIS_TYPE_FOLLOWS, (int)b, NULL);
		if (ok) {
			o = run(&p, &ss, &g);
			expect_ok(&o, &g, GS_NDX);
		} else {
			snprintf(msg, sizeof msg,
				 "invalid basis type %u for file 1 from the receiver", b);
			check_bad(&p, &ss, &g, 0, &(struct bad_case){ msg, 2, 0 });
		}
		free(g.b);
	}
	/* the xname: the longest a sender takes, and one byte more (the
	 * length alone decides) */
	name = malloc(GS_MAXPATHLEN + 1);
	ck_assert_ptr_nonnull(name);
	memset(name, 'n', GS_MAXPATHLEN);
	name[GS_MAXPATHLEN - 1] = '\0';
	gb_init(&g, 31);
	gb_req(&g, 1, ITEM_IS_NEW | ITEM_XNAME_FOLLOWS, -1, name);
	o = run(&p, &ss, &g);
	expect_ok(&o, &g, GS_NDX);
	free(g.b);
	name[GS_MAXPATHLEN - 1] = 'n';
	name[GS_MAXPATHLEN] = '\0';
	gb_init(&g, 31);
	gb_req(&g, 1, ITEM_IS_NEW | ITEM_XNAME_FOLLOWS, -1, name);
	g.n = 5;	/* ndx, iflags, 2 length bytes */
	check_bad(&p, &ss, &g, 0, &(struct bad_case){
		"over-long vstring received (4096 > 4095)", 2, 1 });
	free(g.b);
	free(name);
	gb_init(&g, 31);
	gb_req(&g, 1, ITEM_IS_NEW | ITEM_XNAME_FOLLOWS, -1, "");
	g.b[3] = 0xFF;
	gb_byte(&g, 0xFF);	/* 0x7FFF */
	check_bad(&p, &ss, &g, 0, &(struct bad_case){
		"over-long vstring received (32767 > 4095)", 2, 1 });
	free(g.b);

	/* xattr numbers: start at 1, no overflow, varints that fit */
	p.preserve_xattrs = 1;
	gb_init(&g, 31);
	gb_req(&g, 2, ITEM_REPORT_XATTR, -1, NULL);
	at = g.n;
	gb_varint(&g, 2);
	gb_varint(&g, -2);
	check_bad(&p, &ss, &g, at + 1, &(struct bad_case){
		"[sender] could not find xattr #0 for b", 2, 1 });
	free(g.b);
	gb_init(&g, 31);
	gb_req(&g, 2, ITEM_REPORT_XATTR, -1, NULL);
	at = g.n;
	gb_varint(&g, INT32_MAX);
	size_t at2 = g.n;
	gb_varint(&g, 1);
	check_bad(&p, &ss, &g, at2, &(struct bad_case){
		"xattr rel_pos accumulation overflow [sender]", 2, 1 });
	(void)at;
	free(g.b);
	gb_init(&g, 31);
	gb_req(&g, 2, ITEM_REPORT_XATTR, -1, NULL);
	at = g.n;
	gb_bytes(&g, "\xF8\0\0\0\0\0", 6);
	check_bad(&p, &ss, &g, at, &(struct bad_case){ "Overflow in read_varint()", 12, 1 });
	free(g.b);
	ss_free(&ss);
}
END_TEST

START_TEST(test_bad_del_stats)
{
	struct sendstream ss;
	struct gs_params p = params(31);
	struct gb g;
	struct outcome o;

	ss_flat(&ss);
	static const int32_t ok[5] = { 0, 1 << 28, 5, 0, 7 };
	gb_init(&g, 31);
	gb_del_stats(&g, ok);
	gb_req(&g, 1, ITEM_IS_NEW, -1, NULL);
	gb_del_stats(&g, ok);
	o = run(&p, &ss, &g);
	expect_ok(&o, &g, GS_NDX);
	free(g.b);

	static const int32_t big[5] = { 0, (1 << 28) + 1, 0, 0, 0 };
	gb_init(&g, 31);
	gb_del_stats(&g, big);
	check_bad(&p, &ss, &g, 0, &(struct bad_case){
		"wire value deleted_dirs out of range: 268435457 not in [0,268435456] [sender]", 2,
		1 });
	free(g.b);
	static const int32_t neg[5] = { 0, 0, 0, 0, -1 };
	gb_init(&g, 31);
	gb_del_stats(&g, neg);
	check_bad(&p, &ss, &g, 0, &(struct bad_case){
		"wire value deleted_specials out of range: -1 not in [0,268435456] [sender]", 2, 1 });
	free(g.b);
	gb_init(&g, 31);
	gb_ndx(&g, NDX_DEL_STATS);
	gb_bytes(&g, "\xFC\0\0\0\0\0\0", 7);
	check_bad(&p, &ss, &g, 0, &(struct bad_case){ "Overflow in read_varint()", 12, 1 });
	free(g.b);

	/* before protocol 31 no generator sends them */
	p.protocol = 30;
	gb_init(&g, 30);
	gb_del_stats(&g, ok);
	check_bad(&p, &ss, &g, 0, &(struct bad_case){
		"deletion counts from the receiver before protocol 31", 2, 0 });
	free(g.b);
	ss_free(&ss);
}
END_TEST

/* The goodbye: only NDX_DONE (and deletion counts); nothing after it. */
START_TEST(test_bad_goodbye)
{
	struct sendstream ss;
	struct gb g;
	size_t at;

	ss_flat(&ss);
	for (int proto = 29; proto <= 32; proto++) {
		struct gs_params p = params(proto);
		char msg[64];

		gb_init(&g, proto);
		gb_done(&g);
		gb_done(&g);
		gb_done(&g);
		if (proto >= 31)
			gb_done(&g);
		at = g.n;
		gb_req(&g, 2, ITEM_IS_NEW, -1, NULL);
		snprintf(msg, sizeof msg, "Invalid packet at end of run (2) [sender]");
		check_bad(&p, &ss, &g, at, &(struct bad_case){ msg, 2, 1 });
		g.n = at;
		gb_ndx(&g, -5);
		check_bad(&p, &ss, &g, at, &(struct bad_case){
			"Invalid file index: -5 (-1 - 4) [sender]", 2, 1 });
		g.n = at;
		gb_done(&g);
		at = g.n;
		gb_byte(&g, 0);
		check_bad(&p, &ss, &g, at, &(struct bad_case){
			"data from the receiver after the end of the run", 2, 0 });
		free(g.b);
	}
	ss_free(&ss);
}
END_TEST

Suite *genstream_suite(void)
{
	Suite *s = suite_create("genstream");
	TCase *tg = tcase_create("good");
	TCase *tb = tcase_create("bad");

	tcase_add_test(tg, test_whole_run);
	tcase_add_test(tg, test_whole_run_old);
	tcase_add_test(tg, test_sums_pass_in_pieces);
	tcase_add_test(tg, test_inc_recurse);
	tcase_add_test(tg, test_inc_early_end);
	tcase_add_test(tg, test_keepalive);
	tcase_add_test(tg, test_dry_run);
	tcase_add_test(tg, test_append);
	tcase_add_test(tg, test_xattr_requests);
	tcase_set_timeout(tg, 120);
	suite_add_tcase(s, tg);

	tcase_add_test(tb, test_bad_indexes);
	tcase_add_test(tb, test_bad_transfers);
	tcase_add_test(tb, test_bad_sum_heads);
	tcase_add_test(tb, test_bad_attrs);
	tcase_add_test(tb, test_bad_del_stats);
	tcase_add_test(tb, test_bad_goodbye);
	tcase_set_timeout(tb, 120);
	suite_add_tcase(s, tb);
	return s;
}
