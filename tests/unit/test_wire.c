/* Unit tests of the wire codecs (wire.h).
 *
 * The expected byte strings are written out by hand from the rsync wire
 * format; none is produced by the encoders under test.  The sweeps over
 * many values compare the encoders with small reference models written
 * here from the format description.
 *
 * Every decoder is given each strict prefix of a valid encoding in a heap
 * block of exactly that size, so that a read past len is caught when the
 * tests run under AddressSanitizer.
 */
#include "suites.h"
#include "wire.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

/* splitmix64: a small seeded generator, so every run sees the same data. */
static uint64_t rng_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15u);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

#define HEX_CAP 80

static void hex_into(char *dst, const unsigned char *p, size_t n)
{
	size_t i, o = 0;

	dst[0] = '\0';
	for (i = 0; i < n && o + 8 < HEX_CAP; i++)
		o += (size_t)snprintf(dst + o, HEX_CAP - o, "%s%02X", i ? " " : "",
				      p[i]);
	if (i < n)
		snprintf(dst + o, HEX_CAP - o, " ...");
}

/* For failure messages: one hex dump at a time. */
static const char *hexs(const unsigned char *p, size_t n)
{
	static char buf[HEX_CAP];

	hex_into(buf, p, n);
	return buf;
}

static void expect_bytes_at(const char *file, int line, const char *what,
			    const unsigned char *got, size_t got_len,
			    const unsigned char *exp, size_t exp_len)
{
	char g[HEX_CAP], e[HEX_CAP];

	if (got_len == exp_len && memcmp(got, exp, exp_len) == 0)
		return;
	hex_into(g, got, got_len);
	hex_into(e, exp, exp_len);
	ck_abort_msg("%s:%d: %s: got [%s] (%zu bytes), expected [%s] (%zu bytes)",
		     file, line, what, g, got_len, e, exp_len);
}

#define EXPECT_BYTES(what, got, got_len, exp, exp_len) \
	expect_bytes_at(__FILE__, __LINE__, (what), (got), (got_len), (exp), (exp_len))

/* A heap copy of exactly n bytes (no slack for an over-read to hide in). */
static unsigned char *exact_copy(const unsigned char *src, size_t n)
{
	unsigned char *p = malloc(n);

	REQUIRE(p != NULL || n == 0, "out of memory");
	if (n)
		memcpy(p, src, n);
	return p;
}

/* Encoder output goes into a buffer filled with a guard pattern, so that a
 * write past the returned length shows. */
#define GUARD 0xA5
#define OUT_CAP 32

static void expect_guard_at(const char *file, int line, const char *what,
			    const unsigned char *out, size_t n, size_t max)
{
	size_t i;

	REQUIRE(n <= max, "%s:%d: %s: wrote %zu bytes, more than %zu",
		file, line, what, n, max);
	for (i = n; i < OUT_CAP; i++)
		REQUIRE(out[i] == GUARD,
			"%s:%d: %s: returned %zu but wrote byte %zu", file,
			line, what, n, i);
}

#define EXPECT_GUARD(what, out, n, max) \
	expect_guard_at(__FILE__, __LINE__, (what), (out), (n), (max))

/* One interface over all the decoders, for the truncation checks. */
enum dec_kind {
	D_INT,
	D_SHORTINT,
	D_VARINT,
	D_VARLONG,
	D_VARLONG30,
	D_VARINT30,
	D_VSTRING,
	D_NDX,
	D_MUX,
};

struct dec {
	enum dec_kind kind;
	int min_bytes;
	int protocol;
	struct ndx_state st; /* D_NDX: the reader's state before the value */
};

static const char *dec_name(enum dec_kind k)
{
	switch (k) {
	case D_INT: return "read_int";
	case D_SHORTINT: return "read_shortint";
	case D_VARINT: return "read_varint";
	case D_VARLONG: return "read_varlong";
	case D_VARLONG30: return "read_varlong30";
	case D_VARINT30: return "read_varint30";
	case D_VSTRING: return "read_vstring";
	case D_NDX: return "read_ndx";
	case D_MUX: return "read_mux_header";
	}
	return "?";
}

/* The value is the decoded integer; for a vstring its length, for a mux
 * header tag << 32 | length. */
static ptrdiff_t run_dec(const struct dec *d, struct ndx_state *st,
			 const unsigned char *buf, size_t len, int64_t *val)
{
	int32_t i32 = 0;
	uint16_t u16 = 0;
	int64_t i64 = 0;
	const unsigned char *s = NULL;
	size_t slen = 0;
	int tag = 0;
	uint32_t plen = 0;
	ptrdiff_t r = WIRE_BAD;

	switch (d->kind) {
	case D_INT:
		r = wire_read_int(buf, len, &i32);
		*val = i32;
		break;
	case D_SHORTINT:
		r = wire_read_shortint(buf, len, &u16);
		*val = u16;
		break;
	case D_VARINT:
		r = wire_read_varint(buf, len, &i32);
		*val = i32;
		break;
	case D_VARLONG:
		r = wire_read_varlong(buf, len, d->min_bytes, &i64);
		*val = i64;
		break;
	case D_VARLONG30:
		r = wire_read_varlong30(buf, len, d->protocol, d->min_bytes, &i64);
		*val = i64;
		break;
	case D_VARINT30:
		r = wire_read_varint30(buf, len, d->protocol, &i32);
		*val = i32;
		break;
	case D_VSTRING:
		r = wire_read_vstring(buf, len, &s, &slen);
		if (r > 0)
			REQUIRE(s == buf + (r - (ptrdiff_t)slen),
				"vstring does not point into the buffer");
		*val = (int64_t)slen;
		break;
	case D_NDX:
		r = wire_read_ndx(st, d->protocol, buf, len, &i32);
		*val = i32;
		break;
	case D_MUX:
		r = wire_read_mux_header(buf, len, &tag, &plen);
		*val = (int64_t)tag * 0x100000000 + plen;
		break;
	}
	return r;
}

/* Checks that enc (n bytes) decodes to val: every strict prefix gives
 * WIRE_NEED_MORE without touching the ndx state, the exact buffer and a
 * longer one both give n and val.  For D_NDX, d->st then moves on to the
 * state after the value. */
static void expect_decode_at(const char *file, int line, struct dec *d,
			     const unsigned char *enc, size_t n, int64_t val)
{
	unsigned char *p;
	struct ndx_state st;
	ptrdiff_t r;
	int64_t got;
	size_t k;

	for (k = 0; k < n; k++) {
		p = exact_copy(enc, k);
		st = d->st;
		got = 0;
		r = run_dec(d, &st, p, k, &got);
		free(p);
		REQUIRE(r == WIRE_NEED_MORE,
			"%s:%d: %s [%s]: prefix of %zu bytes returned %td, "
			"expected WIRE_NEED_MORE",
			file, line, dec_name(d->kind), hexs(enc, n), k, r);
		REQUIRE(st.prev_positive == d->st.prev_positive &&
				st.prev_negative == d->st.prev_negative,
			"%s:%d: %s [%s]: prefix of %zu bytes changed the state",
			file, line, dec_name(d->kind), hexs(enc, n), k);
	}

	/* Exact size, then followed by bytes that must not be consumed. */
	for (k = 0; k < 2; k++) {
		size_t len = n + (k ? 3 : 0);
		unsigned char *q = malloc(len);

		REQUIRE(q != NULL, "out of memory");
		memcpy(q, enc, n);
		if (k)
			memset(q + n, 0x5A, 3);
		st = d->st;
		got = 0;
		r = run_dec(d, &st, q, len, &got);
		free(q);
		REQUIRE(r == (ptrdiff_t)n,
			"%s:%d: %s [%s] (buffer of %zu): returned %td, expected %zu",
			file, line, dec_name(d->kind), hexs(enc, n), len, r, n);
		REQUIRE(got == val,
			"%s:%d: %s [%s]: value %" PRId64 " (0x%" PRIx64
			"), expected %" PRId64 " (0x%" PRIx64 ")",
			file, line, dec_name(d->kind), hexs(enc, n), got, (uint64_t)got,
			val, (uint64_t)val);
	}
	d->st = st;
}

#define EXPECT_DECODE(d, enc, n, val) \
	expect_decode_at(__FILE__, __LINE__, (d), (enc), (n), (int64_t)(val))

/* Expects WIRE_BAD from the whole of enc. */
static void expect_bad_at(const char *file, int line, struct dec *d,
			  const unsigned char *enc, size_t n)
{
	unsigned char *p = exact_copy(enc, n);
	struct ndx_state st = d->st;
	int64_t got = 0;
	ptrdiff_t r = run_dec(d, &st, p, n, &got);

	free(p);
	REQUIRE(r == WIRE_BAD, "%s:%d: %s [%s]: returned %td (value %" PRId64
			       "), expected WIRE_BAD",
		file, line, dec_name(d->kind), hexs(enc, n), r, got);
}

#define EXPECT_BAD(d, enc, n) expect_bad_at(__FILE__, __LINE__, (d), (enc), (n))

/* Reference model of varint/varlong, from the format description: with
 * e bytes beyond min_bytes, the first byte has its top e bits set, a zero
 * bit, and 7 - e bits of the value above the min_bytes - 1 + e low bytes
 * that follow it (little-endian).  The longest form (5 bytes for a varint,
 * 9 for a varlong) carries the whole value in the low bytes. */
static size_t model_var(unsigned char *out, uint64_t u, int min_bytes,
			int max_total)
{
	int n, e, i;

	for (n = min_bytes; n < max_total; n++) {
		int bits = 8 * (n - 1) + 7 - (n - min_bytes);

		if (u < (uint64_t)1 << bits)
			break;
	}
	e = n - min_bytes;
	out[0] = (unsigned char)(0xFF00u >> e);
	if (n < max_total)
		out[0] |= (unsigned char)(u >> (8 * (n - 1)));
	for (i = 1; i < n; i++)
		out[i] = (unsigned char)(u >> (8 * (i - 1)));
	return (size_t)n;
}

/* ------------------------------------------------------------------ */
/* Fixed-size integers                                                 */
/* ------------------------------------------------------------------ */

START_TEST(test_u32_put_get)
{
	static const unsigned char e1[] = {0x01, 0x02, 0x03, 0x04};
	static const unsigned char e2[] = {0x00, 0x00, 0x00, 0x80};
	static const unsigned char e3[] = {0xFF, 0xFF, 0xFF, 0xFF};
	static const unsigned char e4[] = {0x00, 0x00, 0x00, 0x00};
	unsigned char out[OUT_CAP];

	memset(out, GUARD, sizeof out);
	wire_put_u32(out, 0x04030201u);
	EXPECT_BYTES("put_u32", out, 4, e1, 4);
	EXPECT_GUARD("put_u32", out, 4, 4);
	wire_put_u32(out, 0x80000000u);
	EXPECT_BYTES("put_u32", out, 4, e2, 4);
	wire_put_u32(out, 0xFFFFFFFFu);
	EXPECT_BYTES("put_u32", out, 4, e3, 4);
	wire_put_u32(out, 0);
	EXPECT_BYTES("put_u32", out, 4, e4, 4);

	ck_assert_int_eq(wire_get_u32(e1), 0x04030201);
	ck_assert_int_eq(wire_get_u32(e2), 0x80000000u);
	ck_assert_int_eq(wire_get_u32(e3), 0xFFFFFFFFu);
	ck_assert_int_eq(wire_get_u32(e4), 0);
}
END_TEST

START_TEST(test_u16_get)
{
	static const unsigned char a[] = {0x34, 0x12};
	static const unsigned char b[] = {0x00, 0x80};
	static const unsigned char c[] = {0xFF, 0xFF};

	ck_assert_int_eq(wire_get_u16(a), 0x1234);
	ck_assert_int_eq(wire_get_u16(b), 0x8000);
	ck_assert_int_eq(wire_get_u16(c), 0xFFFF);
}
END_TEST

START_TEST(test_read_int)
{
	static const struct {
		int32_t v;
		unsigned char b[4];
	} vec[] = {
		{0, {0x00, 0x00, 0x00, 0x00}},
		{1, {0x01, 0x00, 0x00, 0x00}},
		{0x04030201, {0x01, 0x02, 0x03, 0x04}},
		{0x7FFFFFFF, {0xFF, 0xFF, 0xFF, 0x7F}},
		{-1, {0xFF, 0xFF, 0xFF, 0xFF}},
		{-2, {0xFE, 0xFF, 0xFF, 0xFF}},
		{INT32_MIN, {0x00, 0x00, 0x00, 0x80}},
	};
	struct dec d = {.kind = D_INT};
	size_t i;

	for (i = 0; i < ARRAY_LEN(vec); i++)
		EXPECT_DECODE(&d, vec[i].b, 4, vec[i].v);
}
END_TEST

START_TEST(test_read_shortint)
{
	static const struct {
		uint16_t v;
		unsigned char b[2];
	} vec[] = {
		{0, {0x00, 0x00}},
		{1, {0x01, 0x00}},
		{0x1234, {0x34, 0x12}},
		{0x8000, {0x00, 0x80}},
		{0xFFFF, {0xFF, 0xFF}},
	};
	struct dec d = {.kind = D_SHORTINT};
	size_t i;

	for (i = 0; i < ARRAY_LEN(vec); i++)
		EXPECT_DECODE(&d, vec[i].b, 2, vec[i].v);
}
END_TEST

/* ------------------------------------------------------------------ */
/* varint                                                              */
/* ------------------------------------------------------------------ */

struct vec {
	int64_t v;
	size_t n;
	unsigned char b[12];
};

static const struct vec varint_vec[] = {
	{0, 1, {0x00}},
	{1, 1, {0x01}},
	{0x7F, 1, {0x7F}},
	{0x80, 2, {0x80, 0x80}},
	{0xFF, 2, {0x80, 0xFF}},
	{0x100, 2, {0x81, 0x00}},
	{0x1FF, 2, {0x81, 0xFF}},
	{1000, 2, {0x83, 0xE8}},
	{0x1234, 2, {0x92, 0x34}},
	{0x3FFF, 2, {0xBF, 0xFF}},
	{0x4000, 3, {0xC0, 0x00, 0x40}},
	{0x123456, 3, {0xD2, 0x56, 0x34}},
	{0x1FFFFF, 3, {0xDF, 0xFF, 0xFF}},
	{0x200000, 4, {0xE0, 0x00, 0x00, 0x20}},
	{0x654321, 4, {0xE0, 0x21, 0x43, 0x65}},
	{0x0ABCDEF0, 4, {0xEA, 0xF0, 0xDE, 0xBC}},
	{0x0FFFFFFF, 4, {0xEF, 0xFF, 0xFF, 0xFF}},
	{0x10000000, 5, {0xF0, 0x00, 0x00, 0x00, 0x10}},
	{0x12345678, 5, {0xF0, 0x78, 0x56, 0x34, 0x12}},
	{0x7FFFFFFF, 5, {0xF0, 0xFF, 0xFF, 0xFF, 0x7F}},
	{-1, 5, {0xF0, 0xFF, 0xFF, 0xFF, 0xFF}},
	{-2, 5, {0xF0, 0xFE, 0xFF, 0xFF, 0xFF}},
	{INT32_MIN, 5, {0xF0, 0x00, 0x00, 0x00, 0x80}},
};

START_TEST(test_varint_vectors)
{
	const struct vec *t = &varint_vec[_i];
	unsigned char out[OUT_CAP];
	struct dec d = {.kind = D_VARINT};
	char what[64];
	size_t n;

	snprintf(what, sizeof what, "write_varint(%" PRId64 ")", t->v);
	memset(out, GUARD, sizeof out);
	n = wire_write_varint(out, (int32_t)t->v);
	EXPECT_BYTES(what, out, n, t->b, t->n);
	EXPECT_GUARD(what, out, n, WIRE_MAX_VARINT);
	EXPECT_DECODE(&d, t->b, t->n, t->v);
}
END_TEST

/* The reader takes the bits it is given, as rsync's does, even from a
 * longer form than needed. */
START_TEST(test_varint_long_forms)
{
	static const unsigned char a[] = {0x80, 0x05};
	static const unsigned char b[] = {0xC0, 0x05, 0x00};
	static const unsigned char c[] = {0xE0, 0x05, 0x00, 0x00};
	static const unsigned char e[] = {0xF0, 0x05, 0x00, 0x00, 0x00};
	struct dec d = {.kind = D_VARINT};

	EXPECT_DECODE(&d, a, sizeof a, 5);
	EXPECT_DECODE(&d, b, sizeof b, 5);
	EXPECT_DECODE(&d, c, sizeof c, 5);
	EXPECT_DECODE(&d, e, sizeof e, 5);
}
END_TEST

/* The deletion counts: five varints, each a count rsync accepts. */
START_TEST(test_del_stats)
{
	/* 3, 1, 0, 300, 70000 */
	static const unsigned char good[] = {0x03, 0x01, 0x00, 0x81, 0x2C, 0xC1, 0x70, 0x11};
	static const unsigned char negative[] = {0x01, 0xF0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0};
	static const unsigned char too_big[] = {0x01, 0xF0, 0x00, 0x00, 0x00, 0x01, 0, 0, 0};
	int32_t v[WIRE_DEL_STATS];

	ck_assert_int_eq(wire_read_del_stats(good, sizeof good, v), (ptrdiff_t)sizeof good);
	ck_assert_int_eq(v[0], 3);
	ck_assert_int_eq(v[1], 1);
	ck_assert_int_eq(v[2], 0);
	ck_assert_int_eq(v[3], 300);
	ck_assert_int_eq(v[4], 70000);
	/* every prefix needs more; in an exact-size block nothing is read past it */
	for (size_t n = 0; n < sizeof good; n++) {
		unsigned char *cut = malloc(n ? n : 1);
		memcpy(cut, good, n);
		ck_assert_int_eq(wire_read_del_stats(cut, n, v), WIRE_NEED_MORE);
		free(cut);
	}
	ck_assert_int_eq(wire_read_del_stats(negative, sizeof negative, v), WIRE_BAD);
	ck_assert_int_eq(wire_read_del_stats(too_big, sizeof too_big, v), WIRE_BAD);
}
END_TEST

START_TEST(test_varint_bad_first_byte)
{
	unsigned char buf[9];
	struct dec d = {.kind = D_VARINT};
	unsigned first;

	/* 0xF8..0xFF would announce more than four following bytes. */
	for (first = 0xF8; first <= 0xFF; first++) {
		memset(buf, 0, sizeof buf);
		buf[0] = (unsigned char)first;
		EXPECT_BAD(&d, buf, 1);
		EXPECT_BAD(&d, buf, sizeof buf);
	}
}
END_TEST

static size_t varint_len(uint32_t u)
{
	if (u < 1u << 7)
		return 1;
	if (u < 1u << 14)
		return 2;
	if (u < 1u << 21)
		return 3;
	if (u < 1u << 28)
		return 4;
	return 5;
}

static void varint_check_value(int32_t v, int prefixes)
{
	unsigned char out[OUT_CAP], ref[OUT_CAP];
	struct dec d = {.kind = D_VARINT};
	char what[64];
	size_t n, rn;

	snprintf(what, sizeof what, "write_varint(%" PRId32 ")", v);
	memset(out, GUARD, sizeof out);
	n = wire_write_varint(out, v);
	rn = model_var(ref, (uint32_t)v, 1, 5);
	EXPECT_BYTES(what, out, n, ref, rn);
	REQUIRE(n == varint_len((uint32_t)v), "%s: %zu bytes, expected %zu",
		what, n, varint_len((uint32_t)v));
	EXPECT_GUARD(what, out, n, WIRE_MAX_VARINT);
	if (prefixes) {
		EXPECT_DECODE(&d, out, n, v);
	} else {
		int32_t got = 0;
		ptrdiff_t r = wire_read_varint(out, n, &got);

		REQUIRE(r == (ptrdiff_t)n && got == v,
			"read_varint of %s: returned %td, value %" PRId32,
			what, r, got);
	}
}

START_TEST(test_varint_sweep)
{
	uint64_t rng = 0x5EED0001;
	uint32_t u;
	int k, i;

	for (u = 0; u <= 0x10000; u++)
		varint_check_value((int32_t)u, u < 0x200 || u % 97 == 0);
	for (k = 0; k < 32; k++) {
		uint32_t p = (uint32_t)1 << k;

		varint_check_value((int32_t)p, 1);
		varint_check_value((int32_t)(p - 1), 1);
		varint_check_value((int32_t)(p + 1), 1);
		varint_check_value((int32_t)-p, 1);
		varint_check_value((int32_t)(0u - p - 1), 1);
	}
	varint_check_value(INT32_MAX, 1);
	varint_check_value(INT32_MIN, 1);
	for (i = 0; i < 200000; i++) {
		uint64_t r = rng_next(&rng);

		/* Spread the lengths evenly: random value of random width. */
		u = (uint32_t)r >> (r >> 59);
		varint_check_value((int32_t)u, i % 16 == 0);
	}
}
END_TEST

/* ------------------------------------------------------------------ */
/* varlong                                                             */
/* ------------------------------------------------------------------ */

static const struct vec varlong3_vec[] = {
	{0, 3, {0x00, 0x00, 0x00}},
	{1, 3, {0x00, 0x01, 0x00}},
	{0x123456, 3, {0x12, 0x56, 0x34}},
	{0x300000, 3, {0x30, 0x00, 0x00}},
	{0x7FFFFF, 3, {0x7F, 0xFF, 0xFF}},
	{0x800000, 4, {0x80, 0x00, 0x00, 0x80}},
	{0x3FFFFFFF, 4, {0xBF, 0xFF, 0xFF, 0xFF}},
	{0x40000000, 5, {0xC0, 0x00, 0x00, 0x00, 0x40}},
	{0x80000000, 5, {0xC0, 0x00, 0x00, 0x00, 0x80}},
	{0x123456789A, 5, {0xD2, 0x9A, 0x78, 0x56, 0x34}},
	{0x1FFFFFFFFF, 5, {0xDF, 0xFF, 0xFF, 0xFF, 0xFF}},
	{0x2000000000, 6, {0xE0, 0x00, 0x00, 0x00, 0x00, 0x20}},
	{0xFFFFFFFFFFF, 6, {0xEF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}},
	{0x100000000000, 7, {0xF0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10}},
	{0x0200000000000000, 8, {0xFA, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00}},
	{0x03FFFFFFFFFFFFFF, 8, {0xFB, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}},
	{0x0400000000000000, 9,
	 {0xFC, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04}},
	{INT64_MAX, 9, {0xFC, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F}},
	{-1, 9, {0xFC, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}},
	{INT64_MIN, 9, {0xFC, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80}},
};

static const struct vec varlong4_vec[] = {
	{0, 4, {0x00, 0x00, 0x00, 0x00}},
	{0x123456, 4, {0x00, 0x56, 0x34, 0x12}},
	{0x300000, 4, {0x00, 0x00, 0x00, 0x30}},
	{0x12345678, 4, {0x12, 0x78, 0x56, 0x34}},
	{0x7FFFFFFF, 4, {0x7F, 0xFF, 0xFF, 0xFF}},
	{0x80000000, 5, {0x80, 0x00, 0x00, 0x00, 0x80}},
	{0x3FFFFFFFFF, 5, {0xBF, 0xFF, 0xFF, 0xFF, 0xFF}},
	{0x4000000000, 6, {0xC0, 0x00, 0x00, 0x00, 0x00, 0x40}},
	{0x123456789ABC, 6, {0xD2, 0xBC, 0x9A, 0x78, 0x56, 0x34}},
	{0x0010000000000000, 8, {0xF0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10}},
	{0x0400000000000000, 8, {0xF4, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00}},
	{0x0800000000000000, 9,
	 {0xF8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x08}},
	{-1, 9, {0xF8, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}},
	{INT64_MIN, 9, {0xF8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80}},
};

static void varlong_vector(const struct vec *t, int min_bytes)
{
	unsigned char out[OUT_CAP];
	struct dec d = {.kind = D_VARLONG, .min_bytes = min_bytes};
	char what[80];
	size_t n;

	snprintf(what, sizeof what, "write_varlong(0x%" PRIx64 ", %d)",
		 (uint64_t)t->v, min_bytes);
	memset(out, GUARD, sizeof out);
	n = wire_write_varlong(out, t->v, min_bytes);
	EXPECT_BYTES(what, out, n, t->b, t->n);
	EXPECT_GUARD(what, out, n, WIRE_MAX_VARLONG);
	EXPECT_DECODE(&d, t->b, t->n, t->v);
}

START_TEST(test_varlong3_vectors)
{
	varlong_vector(&varlong3_vec[_i], 3);
}
END_TEST

START_TEST(test_varlong4_vectors)
{
	varlong_vector(&varlong4_vec[_i], 4);
}
END_TEST

/* Capacity in value bits of a varlong of n bytes in all. */
static int varlong_bits(int n, int min_bytes)
{
	return n == 9 ? 64 : 8 * (n - 1) + 7 - (n - min_bytes);
}

static void varlong_check_value(int64_t v, int min_bytes, int prefixes)
{
	unsigned char out[OUT_CAP], ref[OUT_CAP];
	struct dec d = {.kind = D_VARLONG, .min_bytes = min_bytes};
	char what[80];
	size_t n, rn;

	snprintf(what, sizeof what, "write_varlong(0x%" PRIx64 ", %d)",
		 (uint64_t)v, min_bytes);
	memset(out, GUARD, sizeof out);
	n = wire_write_varlong(out, v, min_bytes);
	rn = model_var(ref, (uint64_t)v, min_bytes, 9);
	EXPECT_BYTES(what, out, n, ref, rn);
	EXPECT_GUARD(what, out, n, WIRE_MAX_VARLONG);
	if (prefixes) {
		EXPECT_DECODE(&d, out, n, v);
	} else {
		int64_t got = 0;
		ptrdiff_t r = wire_read_varlong(out, n, min_bytes, &got);

		REQUIRE(r == (ptrdiff_t)n && got == v,
			"read_varlong of %s: returned %td, value 0x%" PRIx64,
			what, r, (uint64_t)got);
	}
}

START_TEST(test_varlong_roundtrip)
{
	static const int mins[] = {3, 4};
	uint64_t rng = 0x5EED0002;
	size_t m;
	int k, i;

	for (m = 0; m < ARRAY_LEN(mins); m++) {
		int mb = mins[m];

		varlong_check_value(0, mb, 1);
		varlong_check_value(INT64_MAX, mb, 1);
		varlong_check_value(INT64_MIN, mb, 1);
		for (k = 0; k < 64; k++) {
			uint64_t p = (uint64_t)1 << k;

			varlong_check_value((int64_t)p, mb, 1);
			varlong_check_value((int64_t)(p - 1), mb, 1);
			varlong_check_value((int64_t)(p + 1), mb, 1);
			varlong_check_value((int64_t)(0 - p), mb, 1);
			varlong_check_value((int64_t)(0 - p - 1), mb, 1);
			varlong_check_value((int64_t)(0 - p + 1), mb, 1);
		}
		for (i = 0; i < 100000; i++) {
			uint64_t r = rng_next(&rng);
			uint64_t u = rng_next(&rng) >> (r & 63);

			varlong_check_value((int64_t)(r & 64 ? ~u : u), mb,
					    i % 16 == 0);
		}
	}
}
END_TEST

/* Each length is used exactly for the values the shorter ones can't hold. */
START_TEST(test_varlong_minimal_length)
{
	static const int mins[] = {3, 4};
	unsigned char out[OUT_CAP];
	size_t m;
	int n;

	for (m = 0; m < ARRAY_LEN(mins); m++) {
		int mb = mins[m];

		/* Anything below 2^(8*min_bytes-1) fits in min_bytes bytes. */
		ck_assert_int_eq(wire_write_varlong(out, 0, mb), mb);
		ck_assert_int_eq(wire_write_varlong(out, 1, mb), mb);
		ck_assert_int_eq(wire_write_varlong(
					 out, ((int64_t)1 << (8 * mb - 1)) - 1, mb),
				 mb);
		ck_assert_int_eq(wire_write_varlong(out, (int64_t)1 << (8 * mb - 1),
						    mb),
				 mb + 1);
		for (n = mb; n < 9; n++) {
			uint64_t top = (uint64_t)1 << varlong_bits(n, mb);

			REQUIRE(wire_write_varlong(out, (int64_t)(top - 1), mb) ==
					(size_t)n,
				"min %d: 0x%" PRIx64 " should take %d bytes", mb,
				top - 1, n);
			REQUIRE(wire_write_varlong(out, (int64_t)top, mb) ==
					(size_t)n + 1,
				"min %d: 0x%" PRIx64 " should take %d bytes", mb,
				top, n + 1);
		}
		/* Negative values need all 64 bits. */
		ck_assert_int_eq(wire_write_varlong(out, -1, mb), 9);
	}
}
END_TEST

START_TEST(test_varlong_bad_first_byte)
{
	unsigned char buf[12];
	struct dec d4 = {.kind = D_VARLONG, .min_bytes = 4};
	struct dec d3 = {.kind = D_VARLONG, .min_bytes = 3};
	unsigned first;

	/* With min_bytes 4, 0xFC..0xFF would make ten bytes. */
	for (first = 0xFC; first <= 0xFF; first++) {
		memset(buf, 0, sizeof buf);
		buf[0] = (unsigned char)first;
		EXPECT_BAD(&d4, buf, 4);
		EXPECT_BAD(&d4, buf, sizeof buf);
	}
	/* With min_bytes 3 they are the nine-byte form. */
	memset(buf, 0, sizeof buf);
	buf[0] = 0xFC;
	buf[1] = 0x2A;
	EXPECT_DECODE(&d3, buf, 9, 0x2A);
}
END_TEST

/* ------------------------------------------------------------------ */
/* varlong30 / varint30                                                */
/* ------------------------------------------------------------------ */

static const struct vec longint_vec[] = {
	{0, 4, {0x00, 0x00, 0x00, 0x00}},
	{1, 4, {0x01, 0x00, 0x00, 0x00}},
	{0x12345678, 4, {0x78, 0x56, 0x34, 0x12}},
	{0x7FFFFFFF, 4, {0xFF, 0xFF, 0xFF, 0x7F}},
	{0x80000000, 12,
	 {0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00}},
	{0x123456789A, 12,
	 {0xFF, 0xFF, 0xFF, 0xFF, 0x9A, 0x78, 0x56, 0x34, 0x12, 0x00, 0x00, 0x00}},
	{INT64_MAX, 12,
	 {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F}},
	{-1, 12,
	 {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}},
	{-2, 12,
	 {0xFF, 0xFF, 0xFF, 0xFF, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF}},
	{INT64_MIN, 12,
	 {0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80}},
};

START_TEST(test_varlong30_old_protocol)
{
	static const int protos[] = {27, 28, 29};
	static const int mins[] = {3, 4};
	unsigned char out[OUT_CAP];
	size_t i, p, m;

	for (p = 0; p < ARRAY_LEN(protos); p++)
		for (m = 0; m < ARRAY_LEN(mins); m++)
			for (i = 0; i < ARRAY_LEN(longint_vec); i++) {
				const struct vec *t = &longint_vec[i];
				struct dec d = {.kind = D_VARLONG30,
						.protocol = protos[p],
						.min_bytes = mins[m]};
				char what[80];
				size_t n;

				snprintf(what, sizeof what,
					 "write_varlong30(0x%" PRIx64 ", proto %d)",
					 (uint64_t)t->v, protos[p]);
				memset(out, GUARD, sizeof out);
				n = wire_write_varlong30(out, t->v, protos[p], mins[m]);
				EXPECT_BYTES(what, out, n, t->b, t->n);
				EXPECT_GUARD(what, out, n, 12);
				EXPECT_DECODE(&d, t->b, t->n, t->v);
			}
}
END_TEST

/* A 4-byte negative int other than -1 is read as itself. */
START_TEST(test_varlong30_old_negative_int)
{
	static const unsigned char a[] = {0xFE, 0xFF, 0xFF, 0xFF};
	static const unsigned char b[] = {0x00, 0x00, 0x00, 0x80};
	struct dec d = {.kind = D_VARLONG30, .protocol = 29, .min_bytes = 3};

	EXPECT_DECODE(&d, a, sizeof a, -2);
	EXPECT_DECODE(&d, b, sizeof b, INT32_MIN);
}
END_TEST

START_TEST(test_varlong30_new_protocol)
{
	static const int protos[] = {30, 31};
	unsigned char out[OUT_CAP];
	size_t i, p;

	for (p = 0; p < ARRAY_LEN(protos); p++) {
		struct dec d3 = {.kind = D_VARLONG30, .protocol = protos[p],
				 .min_bytes = 3};
		struct dec d4 = {.kind = D_VARLONG30, .protocol = protos[p],
				 .min_bytes = 4};

		for (i = 0; i < ARRAY_LEN(varlong3_vec); i++) {
			const struct vec *t = &varlong3_vec[i];
			size_t n;

			memset(out, GUARD, sizeof out);
			n = wire_write_varlong30(out, t->v, protos[p], 3);
			EXPECT_BYTES("write_varlong30 min 3", out, n, t->b, t->n);
			EXPECT_GUARD("write_varlong30 min 3", out, n, WIRE_MAX_VARLONG);
			EXPECT_DECODE(&d3, t->b, t->n, t->v);
		}
		for (i = 0; i < ARRAY_LEN(varlong4_vec); i++) {
			const struct vec *t = &varlong4_vec[i];
			size_t n;

			memset(out, GUARD, sizeof out);
			n = wire_write_varlong30(out, t->v, protos[p], 4);
			EXPECT_BYTES("write_varlong30 min 4", out, n, t->b, t->n);
			EXPECT_GUARD("write_varlong30 min 4", out, n, WIRE_MAX_VARLONG);
			EXPECT_DECODE(&d4, t->b, t->n, t->v);
		}
	}
}
END_TEST

START_TEST(test_varint30)
{
	static const unsigned char two[] = {0x80, 0x80, 0x00, 0x00};
	static const unsigned char neg[] = {0xF0, 0xFF, 0xFF, 0xFF, 0xFF};
	static const unsigned char ineg[] = {0xFF, 0xFF, 0xFF, 0xFF};
	struct dec old = {.kind = D_VARINT30, .protocol = 29};
	struct dec new30 = {.kind = D_VARINT30, .protocol = 30};
	struct dec new31 = {.kind = D_VARINT30, .protocol = 31};
	size_t i;

	/* The same bytes: one 4-byte int before 30, a 2-byte varint after. */
	EXPECT_DECODE(&old, two, 4, 0x8080);
	EXPECT_DECODE(&new30, two, 2, 0x80);
	EXPECT_DECODE(&new31, two, 2, 0x80);
	EXPECT_DECODE(&old, ineg, 4, -1);
	EXPECT_DECODE(&new30, neg, 5, -1);
	for (i = 0; i < ARRAY_LEN(varint_vec); i++)
		EXPECT_DECODE(&new30, varint_vec[i].b, varint_vec[i].n,
			      varint_vec[i].v);
}
END_TEST

/* ------------------------------------------------------------------ */
/* vstring                                                             */
/* ------------------------------------------------------------------ */

START_TEST(test_vstring_short)
{
	static const unsigned char md5[] = {0x03, 0x6D, 0x64, 0x35};
	static const unsigned char empty[] = {0x00};
	unsigned char out[OUT_CAP];
	struct dec d = {.kind = D_VSTRING};
	const unsigned char *s = NULL;
	size_t n, slen = 99;

	memset(out, GUARD, sizeof out);
	n = wire_write_vstring(out, "md5", 3);
	EXPECT_BYTES("write_vstring(md5)", out, n, md5, sizeof md5);
	EXPECT_GUARD("write_vstring(md5)", out, n, sizeof md5);
	EXPECT_DECODE(&d, md5, sizeof md5, 3);
	ck_assert_int_eq(wire_read_vstring(md5, sizeof md5, &s, &slen), 4);
	ck_assert_ptr_eq(s, md5 + 1);
	ck_assert_int_eq(slen, 3);
	ck_assert_int_eq(memcmp(s, "md5", 3), 0);

	memset(out, GUARD, sizeof out);
	n = wire_write_vstring(out, "", 0);
	EXPECT_BYTES("write_vstring(\"\")", out, n, empty, sizeof empty);
	EXPECT_GUARD("write_vstring(\"\")", out, n, 1);
	EXPECT_DECODE(&d, empty, sizeof empty, 0);
}
END_TEST

/* Builds the expected encoding of a string of slen bytes of a pattern. */
static unsigned char *vstring_expected(size_t slen, size_t *n)
{
	size_t hdr = slen < 0x80 ? 1 : 2, i;
	unsigned char *e = malloc(hdr + slen);

	REQUIRE(e != NULL, "out of memory");
	if (hdr == 1) {
		e[0] = (unsigned char)slen;
	} else {
		e[0] = (unsigned char)(0x80 + slen / 0x100);
		e[1] = (unsigned char)(slen % 0x100);
	}
	for (i = 0; i < slen; i++)
		e[hdr + i] = (unsigned char)('a' + i % 26);
	*n = hdr + slen;
	return e;
}

START_TEST(test_vstring_lengths)
{
	static const struct {
		size_t slen;
		unsigned char hdr[2];
		size_t hdr_len;
	} vec[] = {
		{1, {0x01}, 1},        {0x7F, {0x7F}, 1},
		{0x80, {0x80, 0x80}, 2}, {0xFF, {0x80, 0xFF}, 2},
		{0x100, {0x81, 0x00}, 2}, {300, {0x81, 0x2C}, 2},
		{0x1234, {0x92, 0x34}, 2}, {0x7FFF, {0xFF, 0xFF}, 2},
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(vec); i++) {
		size_t slen = vec[i].slen, n, en, k;
		unsigned char *e = vstring_expected(slen, &en);
		char *str = malloc(slen);
		unsigned char *out = malloc(slen + 2 + 8);
		const unsigned char *s = NULL;
		size_t got_len = 0;
		ptrdiff_t r;

		REQUIRE(str != NULL && out != NULL, "out of memory");
		/* The header really is the hand-written one. */
		EXPECT_BYTES("vstring header", e, vec[i].hdr_len, vec[i].hdr,
			     vec[i].hdr_len);
		ck_assert_int_eq(en, vec[i].hdr_len + slen);
		memcpy(str, e + vec[i].hdr_len, slen);
		memset(out, GUARD, slen + 2 + 8);
		n = wire_write_vstring(out, str, slen);
		EXPECT_BYTES("write_vstring", out, n, e, en);
		for (k = n; k < slen + 2 + 8; k++)
			REQUIRE(out[k] == GUARD,
				"write_vstring(%zu) wrote past its length", slen);

		r = wire_read_vstring(e, en, &s, &got_len);
		ck_assert_int_eq(r, (ptrdiff_t)en);
		ck_assert_int_eq(got_len, slen);
		ck_assert_ptr_eq(s, e + vec[i].hdr_len);

		if (slen <= 300) {
			struct dec d = {.kind = D_VSTRING};

			EXPECT_DECODE(&d, e, en, slen);
		} else {
			/* Some prefixes only, to keep the run short. */
			static const size_t cut[] = {0, 1, 2, 3, 100};

			for (k = 0; k < ARRAY_LEN(cut); k++) {
				unsigned char *p = exact_copy(e, cut[k]);

				r = wire_read_vstring(p, cut[k], &s, &got_len);
				free(p);
				REQUIRE(r == WIRE_NEED_MORE,
					"read_vstring(%zu) prefix %zu: %td", slen,
					cut[k], r);
			}
			for (k = en - 2; k < en; k++) {
				unsigned char *p = exact_copy(e, k);

				r = wire_read_vstring(p, k, &s, &got_len);
				free(p);
				REQUIRE(r == WIRE_NEED_MORE,
					"read_vstring(%zu) prefix %zu: %td", slen,
					k, r);
			}
		}
		free(e);
		free(str);
		free(out);
	}
}
END_TEST

START_TEST(test_vstring_too_long)
{
	size_t slen = 0x8000;
	char *str = calloc(1, slen + 1);
	unsigned char *out = malloc(slen + 16);
	size_t n;

	REQUIRE(str != NULL && out != NULL, "out of memory");
	n = wire_write_vstring(out, str, slen);
	ck_assert_int_eq(n, 0);
	n = wire_write_vstring(out, str, slen + 1);
	ck_assert_int_eq(n, 0);
	free(str);
	free(out);
}
END_TEST

/* The two-byte length form may carry a short length. */
START_TEST(test_vstring_long_form_short_length)
{
	static const unsigned char e[] = {0x80, 0x03, 'a', 'b', 'c'};
	struct dec d = {.kind = D_VSTRING};

	EXPECT_DECODE(&d, e, sizeof e, 3);
}
END_TEST

/* ------------------------------------------------------------------ */
/* ndx                                                                 */
/* ------------------------------------------------------------------ */

START_TEST(test_ndx_state_init)
{
	struct ndx_state st = {1234, -1234};

	ndx_state_init(&st);
	ck_assert_int_eq(st.prev_positive, -1);
	ck_assert_int_eq(st.prev_negative, 1);
}
END_TEST

struct ndx_step {
	int32_t ndx;
	size_t n;
	unsigned char b[6];
	int32_t pos_after, neg_after;
};

static const struct ndx_step ndx_seq_pos[] = {
	{0, 1, {0x01}, 0, 1},
	{1, 1, {0x01}, 1, 1},
	{5, 1, {0x04}, 5, 1},
	{300, 3, {0xFE, 0x01, 0x27}, 300, 1},           /* diff 295 */
	{100, 5, {0xFE, 0x80, 0x64, 0x00, 0x00}, 100, 1}, /* diff -200 */
	{100, 3, {0xFE, 0x00, 0x00}, 100, 1},           /* diff 0 */
	{353, 1, {0xFD}, 353, 1},                       /* diff 253 */
	{607, 3, {0xFE, 0x00, 0xFE}, 607, 1},           /* diff 254 */
	{NDX_DONE, 1, {0x00}, 607, 1},
	{608, 1, {0x01}, 608, 1},
	{33375, 3, {0xFE, 0x7F, 0xFF}, 33375, 1},                /* diff 32767 */
	{66143, 5, {0xFE, 0x80, 0x5F, 0x02, 0x01}, 66143, 1},    /* diff 32768 */
	{0x12345678, 5, {0xFE, 0x92, 0x78, 0x56, 0x34}, 0x12345678, 1},
	{0x7FFFFFFF, 5, {0xFE, 0xFF, 0xFF, 0xFF, 0xFF}, 0x7FFFFFFF, 1},
	{0, 5, {0xFE, 0x80, 0x00, 0x00, 0x00}, 0, 1},
	{254, 3, {0xFE, 0x00, 0xFE}, 254, 1},
	{507, 1, {0xFD}, 507, 1},
	{NDX_DONE, 1, {0x00}, 507, 1},
	{NDX_DONE, 1, {0x00}, 507, 1},
	{508, 1, {0x01}, 508, 1},
};

static const struct ndx_step ndx_seq_mixed[] = {
	{NDX_FLIST_EOF, 2, {0xFF, 0x01}, -1, 2},
	{0, 1, {0x01}, 0, 2},
	{NDX_DEL_STATS, 2, {0xFF, 0x01}, 0, 3},
	{NDX_FLIST_OFFSET - 3, 2, {0xFF, 0x65}, 0, 104},          /* diff 101 */
	{NDX_FLIST_EOF, 6, {0xFF, 0xFE, 0x80, 0x02, 0x00, 0x00}, 0, 2},
	{NDX_DONE, 1, {0x00}, 0, 2},
	{NDX_FLIST_OFFSET, 2, {0xFF, 0x63}, 0, 101},              /* diff 99 */
	{5, 1, {0x05}, 5, 101},
	{-401, 4, {0xFF, 0xFE, 0x01, 0x2C}, 5, 401},              /* diff 300 */
	{-0x7FFFFFFF, 6, {0xFF, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF}, 5, 0x7FFFFFFF},
	{-0x7FFFFFFF, 4, {0xFF, 0xFE, 0x00, 0x00}, 5, 0x7FFFFFFF},
	{-0x01020304, 6, {0xFF, 0xFE, 0x81, 0x04, 0x03, 0x02}, 5, 0x01020304},
	{6, 1, {0x01}, 6, 0x01020304},
	{NDX_DONE, 1, {0x00}, 6, 0x01020304},
	{-0x01020305, 2, {0xFF, 0x01}, 6, 0x01020305},
};

static const struct ndx_step ndx_seq_neg[] = {
	{NDX_FLIST_OFFSET - 3, 2, {0xFF, 0x67}, -1, 104},         /* diff 103 */
	{-358, 4, {0xFF, 0xFE, 0x00, 0xFE}, -1, 358},             /* diff 254 */
	{-611, 2, {0xFF, 0xFD}, -1, 611},                         /* diff 253 */
	{-611 - 0x7FFF, 4, {0xFF, 0xFE, 0x7F, 0xFF}, -1, 611 + 0x7FFF},
	{-611 - 0x7FFF - 0x8000, 6, {0xFF, 0xFE, 0x80, 0x62, 0x02, 0x01}, -1,
	 611 + 0x7FFF + 0x8000},                                  /* 0x10262 */
	{0, 1, {0x01}, 0, 611 + 0x7FFF + 0x8000},
};

static void ndx_run_sequence(const struct ndx_step *seq, size_t count)
{
	struct ndx_state wst;
	struct dec d = {.kind = D_NDX, .protocol = 30};
	unsigned char out[OUT_CAP];
	size_t i, n;

	ndx_state_init(&wst);
	ndx_state_init(&d.st);
	for (i = 0; i < count; i++) {
		const struct ndx_step *t = &seq[i];
		char what[64];

		snprintf(what, sizeof what, "step %zu: write_ndx(%" PRId32 ")", i,
			 t->ndx);
		memset(out, GUARD, sizeof out);
		n = wire_write_ndx(&wst, 30, out, t->ndx);
		EXPECT_BYTES(what, out, n, t->b, t->n);
		EXPECT_GUARD(what, out, n, WIRE_MAX_NDX);
		REQUIRE(wst.prev_positive == t->pos_after &&
				wst.prev_negative == t->neg_after,
			"%s: writer state %" PRId32 "/%" PRId32
			", expected %" PRId32 "/%" PRId32,
			what, wst.prev_positive, wst.prev_negative,
			t->pos_after, t->neg_after);

		EXPECT_DECODE(&d, t->b, t->n, t->ndx);
		REQUIRE(d.st.prev_positive == t->pos_after &&
				d.st.prev_negative == t->neg_after,
			"step %zu: reader state %" PRId32 "/%" PRId32
			", expected %" PRId32 "/%" PRId32,
			i, d.st.prev_positive, d.st.prev_negative,
			t->pos_after, t->neg_after);
	}
}

START_TEST(test_ndx_sequence_positive)
{
	ndx_run_sequence(ndx_seq_pos, ARRAY_LEN(ndx_seq_pos));
}
END_TEST

START_TEST(test_ndx_sequence_mixed)
{
	ndx_run_sequence(ndx_seq_mixed, ARRAY_LEN(ndx_seq_mixed));
}
END_TEST

START_TEST(test_ndx_sequence_negative)
{
	ndx_run_sequence(ndx_seq_neg, ARRAY_LEN(ndx_seq_neg));
}
END_TEST

START_TEST(test_ndx_old_protocol)
{
	static const struct {
		int32_t ndx;
		unsigned char b[4];
	} vec[] = {
		{0, {0x00, 0x00, 0x00, 0x00}},
		{5, {0x05, 0x00, 0x00, 0x00}},
		{5, {0x05, 0x00, 0x00, 0x00}},
		{0x12345678, {0x78, 0x56, 0x34, 0x12}},
		{NDX_DONE, {0xFF, 0xFF, 0xFF, 0xFF}},
		{NDX_FLIST_EOF, {0xFE, 0xFF, 0xFF, 0xFF}},
		{NDX_FLIST_OFFSET, {0x9B, 0xFF, 0xFF, 0xFF}},
		{0x7FFFFFFF, {0xFF, 0xFF, 0xFF, 0x7F}},
	};
	struct ndx_state wst;
	struct dec d = {.kind = D_NDX, .protocol = 29};
	unsigned char out[OUT_CAP];
	size_t i, n;

	ndx_state_init(&wst);
	ndx_state_init(&d.st);
	for (i = 0; i < ARRAY_LEN(vec); i++) {
		memset(out, GUARD, sizeof out);
		n = wire_write_ndx(&wst, 29, out, vec[i].ndx);
		EXPECT_BYTES("write_ndx (protocol 29)", out, n, vec[i].b, 4);
		EXPECT_GUARD("write_ndx (protocol 29)", out, n, 4);
		EXPECT_DECODE(&d, vec[i].b, 4, vec[i].ndx);
		/* No state is kept before protocol 30. */
		ck_assert_int_eq(wst.prev_positive, -1);
		ck_assert_int_eq(wst.prev_negative, 1);
		ck_assert_int_eq(d.st.prev_positive, -1);
		ck_assert_int_eq(d.st.prev_negative, 1);
	}
}
END_TEST

/* Values that would come out above 0x7FFFFFFF are refused. */
START_TEST(test_ndx_overflow)
{
	static const unsigned char max[] = {0xFE, 0xFF, 0xFF, 0xFF, 0xFF};
	static const unsigned char one[] = {0x01};
	static const unsigned char two_byte_diff[] = {0xFE, 0x00, 0x01};
	static const unsigned char big_diff[] = {0xFE, 0x7F, 0xFF};
	static const unsigned char nmax[] = {0xFF, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF};
	static const unsigned char none[] = {0xFF, 0x01};
	static const unsigned char nbig[] = {0xFF, 0xFE, 0x7F, 0xFF};
	struct dec d = {.kind = D_NDX, .protocol = 30};

	/* The full form's high byte loses its flag bit: FE FF FF FF FF is
	 * 0x7FFFFFFF itself, the largest index, and is valid. */
	ndx_state_init(&d.st);
	EXPECT_DECODE(&d, max, sizeof max, 0x7FFFFFFF);
	ck_assert_int_eq(d.st.prev_positive, 0x7FFFFFFF);
	/* Any positive difference from there overflows. */
	EXPECT_BAD(&d, one, sizeof one);
	EXPECT_BAD(&d, two_byte_diff, sizeof two_byte_diff);
	EXPECT_BAD(&d, big_diff, sizeof big_diff);

	/* Likewise for the negative side. */
	ndx_state_init(&d.st);
	EXPECT_DECODE(&d, nmax, sizeof nmax, -0x7FFFFFFF);
	ck_assert_int_eq(d.st.prev_negative, 0x7FFFFFFF);
	EXPECT_BAD(&d, none, sizeof none);
	EXPECT_BAD(&d, nbig, sizeof nbig);

	/* Differences that land exactly on the top, or one past it. */
	{
		static const unsigned char d253[] = {0xFD};
		static const unsigned char d255[] = {0xFE, 0x00, 0xFF};
		static const unsigned char nd253[] = {0xFF, 0xFD};

		ndx_state_init(&d.st);
		d.st.prev_positive = 0x7FFFFF02;
		EXPECT_DECODE(&d, d253, sizeof d253, 0x7FFFFFFF);
		d.st.prev_positive = 0x7FFFFF03;
		EXPECT_BAD(&d, d253, sizeof d253);
		d.st.prev_positive = 0x7FFFFF00;
		EXPECT_DECODE(&d, d255, sizeof d255, 0x7FFFFFFF);
		d.st.prev_positive = 0x7FFFFF01;
		EXPECT_BAD(&d, d255, sizeof d255);
		d.st.prev_negative = 0x7FFFFF02;
		EXPECT_DECODE(&d, nd253, sizeof nd253, -0x7FFFFFFF);
		d.st.prev_negative = 0x7FFFFF03;
		EXPECT_BAD(&d, nd253, sizeof nd253);
	}
}
END_TEST

/* Reference model of the protocol-30 ndx encoding, from the format
 * description. */
static size_t model_ndx(int64_t *prev_pos, int64_t *prev_neg, int32_t ndx,
			unsigned char *o)
{
	size_t n = 0;
	int64_t v, diff;

	if (ndx == NDX_DONE) {
		o[0] = 0x00;
		return 1;
	}
	if (ndx >= 0) {
		v = ndx;
		diff = v - *prev_pos;
		*prev_pos = v;
	} else {
		o[n++] = 0xFF;
		v = -(int64_t)ndx;
		diff = v - *prev_neg;
		*prev_neg = v;
	}
	if (diff >= 1 && diff <= 253) {
		o[n++] = (unsigned char)diff;
	} else if (diff >= 0 && diff <= 32767) {
		o[n++] = 0xFE;
		o[n++] = (unsigned char)(diff / 256);
		o[n++] = (unsigned char)(diff % 256);
	} else {
		o[n++] = 0xFE;
		o[n++] = (unsigned char)(0x80 | (v >> 24));
		o[n++] = (unsigned char)(v & 0xFF);
		o[n++] = (unsigned char)((v >> 8) & 0xFF);
		o[n++] = (unsigned char)((v >> 16) & 0xFF);
	}
	return n;
}

/* A stream of indexes like a transfer's, with its edge cases mixed in:
 * small steps, repeats, steps around 253/254 and 32767/32768, jumps
 * backward and anywhere, the special negative values and offsets from
 * NDX_FLIST_OFFSET.  INT32_MIN is left out: it has no magnitude. */
static int32_t ndx_gen(uint64_t *rng, int64_t *last_pos, int64_t *flist_k)
{
	uint64_t r = rng_next(rng);
	uint64_t x = rng_next(rng);
	int64_t v;
	unsigned kind = (unsigned)(r % 100);

	if (kind < 5)
		return NDX_DONE;
	if (kind < 35)
		v = *last_pos + 1 + (int64_t)(x % 8);
	else if (kind < 38)
		v = *last_pos;
	else if (kind < 46)
		v = *last_pos + 240 + (int64_t)(x % 30);
	else if (kind < 51)
		v = *last_pos + 32760 + (int64_t)(x % 16);
	else if (kind < 59)
		v = (int64_t)(x % 0x80000000u);
	else if (kind < 64)
		v = *last_pos - (int64_t)(x % (uint64_t)(*last_pos + 1));
	else if (kind < 66)
		return NDX_FLIST_EOF;
	else if (kind < 68)
		return NDX_DEL_STATS;
	else if (kind < 83) {
		*flist_k += (int64_t)(x % 5);
		if (*flist_k > 0x7FFFFFFF - 101)
			*flist_k = 0;
		return (int32_t)(NDX_FLIST_OFFSET - *flist_k);
	} else if (kind < 88)
		return (int32_t)-(int64_t)(2 + x % 0x7FFFFFFE);
	else if (kind < 95)
		v = (int64_t)(x % 8);
	else
		v = x & 1 ? 0x7FFFFFFF : 0;
	if (v > 0x7FFFFFFF)
		v = (int64_t)(x % 1000);
	*last_pos = v;
	return (int32_t)v;
}

START_TEST(test_ndx_random_roundtrip)
{
	enum { COUNT = 40000 };
	uint64_t rng = 0x5EED0003u + (uint64_t)_i;
	int64_t last_pos = 0, flist_k = 0, mpos = -1, mneg = 1;
	int32_t *vals = malloc(COUNT * sizeof *vals);
	unsigned char *buf = malloc(COUNT * WIRE_MAX_NDX);
	struct ndx_state wst;
	struct dec d = {.kind = D_NDX, .protocol = 30};
	size_t len = 0, pos = 0, i;

	REQUIRE(vals != NULL && buf != NULL, "out of memory");
	ndx_state_init(&wst);
	for (i = 0; i < COUNT; i++) {
		unsigned char ref[OUT_CAP];
		size_t n, rn;
		char what[64];

		vals[i] = ndx_gen(&rng, &last_pos, &flist_k);
		n = wire_write_ndx(&wst, 30, buf + len, vals[i]);
		rn = model_ndx(&mpos, &mneg, vals[i], ref);
		snprintf(what, sizeof what, "value %zu: write_ndx(%" PRId32 ")", i,
			 vals[i]);
		EXPECT_BYTES(what, buf + len, n, ref, rn);
		len += n;
	}

	/* Read back with a separate state, one value at a time, each value
	 * also tried truncated. */
	ndx_state_init(&d.st);
	for (i = 0; i < COUNT; i++) {
		int32_t got = 0;
		struct ndx_state before = d.st;
		ptrdiff_t r;

		if (i % 4 == 0) {
			r = wire_read_ndx(&d.st, 30, buf + pos, len - pos, &got);
		} else {
			/* Decode in a copy first to learn the size. */
			struct ndx_state tmp = d.st;

			r = wire_read_ndx(&tmp, 30, buf + pos, len - pos, &got);
			REQUIRE(r > 0, "value %zu: read_ndx returned %td", i, r);
			EXPECT_DECODE(&d, buf + pos, (size_t)r, vals[i]);
		}
		REQUIRE(r > 0 && got == vals[i],
			"value %zu: read_ndx returned %td, value %" PRId32
			", expected %" PRId32 " (state before %" PRId32
			"/%" PRId32 ")",
			i, r, got, vals[i], before.prev_positive,
			before.prev_negative);
		pos += (size_t)r;
	}
	ck_assert_int_eq(pos, len);
	ck_assert_int_eq(d.st.prev_positive, wst.prev_positive);
	ck_assert_int_eq(d.st.prev_negative, wst.prev_negative);
	free(vals);
	free(buf);
}
END_TEST

/* The same stream, protocol 29: 4 bytes a value, no state. */
START_TEST(test_ndx_random_old_protocol)
{
	enum { COUNT = 5000 };
	uint64_t rng = 0x5EED0004u;
	int64_t last_pos = 0, flist_k = 0;
	struct ndx_state wst, rst;
	size_t i;

	ndx_state_init(&wst);
	ndx_state_init(&rst);
	for (i = 0; i < COUNT; i++) {
		int32_t v = ndx_gen(&rng, &last_pos, &flist_k), got = 0;
		unsigned char out[OUT_CAP], e[4];
		size_t n;

		e[0] = (unsigned char)((uint32_t)v & 0xFF);
		e[1] = (unsigned char)(((uint32_t)v >> 8) & 0xFF);
		e[2] = (unsigned char)(((uint32_t)v >> 16) & 0xFF);
		e[3] = (unsigned char)(((uint32_t)v >> 24) & 0xFF);
		n = wire_write_ndx(&wst, 29, out, v);
		EXPECT_BYTES("write_ndx (protocol 29)", out, n, e, 4);
		REQUIRE(wire_read_ndx(&rst, 29, e, 4, &got) == 4 && got == v,
			"read_ndx (protocol 29) of %" PRId32 " gave %" PRId32, v, got);
	}
	ck_assert_int_eq(wst.prev_positive, -1);
	ck_assert_int_eq(wst.prev_negative, 1);
	ck_assert_int_eq(rst.prev_positive, -1);
	ck_assert_int_eq(rst.prev_negative, 1);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Multiplexed frame headers                                           */
/* ------------------------------------------------------------------ */

START_TEST(test_mux_vectors)
{
	static const struct {
		int tag;
		uint32_t len;
		unsigned char b[4];
	} vec[] = {
		{MSG_DATA, 5, {0x05, 0x00, 0x00, 0x07}},
		{MSG_DATA, 0, {0x00, 0x00, 0x00, 0x07}},
		{MSG_DATA, 0xFFFFFF, {0xFF, 0xFF, 0xFF, 0x07}},
		{MSG_DATA, 0x123456, {0x56, 0x34, 0x12, 0x07}},
		{MSG_ERROR_XFER, 10, {0x0A, 0x00, 0x00, 0x08}},
		{MSG_INFO, 0x123456, {0x56, 0x34, 0x12, 0x09}},
		{MSG_ERROR, 3, {0x03, 0x00, 0x00, 0x0A}},
		{MSG_WARNING, 0x100, {0x00, 0x01, 0x00, 0x0B}},
		{MSG_LOG, 1, {0x01, 0x00, 0x00, 0x0D}},
		{MSG_REDO, 4, {0x04, 0x00, 0x00, 0x10}},
		{MSG_STATS, 20, {0x14, 0x00, 0x00, 0x11}},
		{MSG_IO_ERROR, 4, {0x04, 0x00, 0x00, 0x1D}},
		{MSG_IO_TIMEOUT, 4, {0x04, 0x00, 0x00, 0x28}},
		{MSG_NOOP, 0, {0x00, 0x00, 0x00, 0x31}},
		{MSG_ERROR_EXIT, 4, {0x04, 0x00, 0x00, 0x5D}},
		{MSG_ERROR_EXIT, 0, {0x00, 0x00, 0x00, 0x5D}},
		{MSG_SUCCESS, 4, {0x04, 0x00, 0x00, 0x6B}},
		{MSG_DELETED, 7, {0x07, 0x00, 0x00, 0x6C}},
		{MSG_NO_SEND, 4, {0x04, 0x00, 0x00, 0x6D}},
	};
	struct dec d = {.kind = D_MUX};
	unsigned char out[OUT_CAP];
	size_t i;

	for (i = 0; i < ARRAY_LEN(vec); i++) {
		char what[64];

		snprintf(what, sizeof what, "write_mux_header(%d, %" PRIu32 ")",
			 vec[i].tag, vec[i].len);
		memset(out, GUARD, sizeof out);
		wire_write_mux_header(out, vec[i].tag, vec[i].len);
		EXPECT_BYTES(what, out, MUX_HDR_LEN, vec[i].b, 4);
		EXPECT_GUARD(what, out, MUX_HDR_LEN, MUX_HDR_LEN);
		EXPECT_DECODE(&d, vec[i].b, 4,
			      (int64_t)vec[i].tag * 0x100000000 + vec[i].len);
	}
}
END_TEST

START_TEST(test_mux_every_high_byte)
{
	struct dec d = {.kind = D_MUX};
	unsigned hb;

	for (hb = 0; hb <= 0xFF; hb++) {
		unsigned char b[4] = {0x34, 0x12, 0xAB, (unsigned char)hb};

		if (hb < MPLEX_BASE) {
			EXPECT_BAD(&d, b, 4);
			b[0] = b[1] = b[2] = 0;
			EXPECT_BAD(&d, b, 4);
		} else {
			EXPECT_DECODE(&d, b, 4,
				      (int64_t)(hb - MPLEX_BASE) * 0x100000000 +
					      0xAB1234);
		}
	}
}
END_TEST

START_TEST(test_mux_roundtrip)
{
	static const uint32_t lens[] = {0, 1, 0xFF, 0x100, 0xFFFF, 0x10000,
					0x7FFFFF, 0x800000, 0xFFFFFE, 0xFFFFFF};
	int tag;
	size_t i;

	for (tag = 0; tag <= 0xFF - MPLEX_BASE; tag++)
		for (i = 0; i < ARRAY_LEN(lens); i++) {
			unsigned char out[MUX_HDR_LEN], e[4];
			int got_tag = -1;
			uint32_t got_len = 0;

			e[0] = (unsigned char)(lens[i] & 0xFF);
			e[1] = (unsigned char)((lens[i] >> 8) & 0xFF);
			e[2] = (unsigned char)((lens[i] >> 16) & 0xFF);
			e[3] = (unsigned char)(tag + 7);
			wire_write_mux_header(out, tag, lens[i]);
			EXPECT_BYTES("write_mux_header", out, 4, e, 4);
			REQUIRE(wire_read_mux_header(out, 4, &got_tag, &got_len) ==
						MUX_HDR_LEN &&
					got_tag == tag && got_len == lens[i],
				"read_mux_header of tag %d length 0x%" PRIx32
				": tag %d length 0x%" PRIx32,
				tag, lens[i], got_tag, got_len);
		}
}
END_TEST

/* The frame reader (mux_next, mux_took): a data frame in parts, a
 * message whole, and the stream's errors. */
START_TEST(test_mux_reader)
{
	/* data "abcde", MSG_INFO "hi\n", an empty data frame, data "xy" */
	static const unsigned char in[] = {
		0x05, 0x00, 0x00, 0x07, 'a', 'b', 'c', 'd', 'e',
		0x03, 0x00, 0x00, 0x09, 'h', 'i', '\n',
		0x00, 0x00, 0x00, 0x07,
		0x02, 0x00, 0x00, 0x07, 'x', 'y',
	};
	struct mux_in m = {0};
	struct mux_piece pc;
	size_t pos = 0;

	/* nothing before a whole header */
	for (size_t k = 0; k < MUX_HDR_LEN; k++)
		ck_assert_int_eq(mux_next(&m, in, k, 100, &pc), MUX_NEED_MORE);
	/* the header alone: an empty piece that still consumes it */
	ck_assert_int_eq(mux_next(&m, in, 4, 100, &pc), MUX_PIECE);
	ck_assert_int_eq(pc.tag, MSG_DATA);
	ck_assert_uint_eq(pc.len, 0);
	ck_assert_uint_eq(pc.frame_left, 5);
	/* three of five bytes at hand, two of them taken */
	ck_assert_int_eq(mux_next(&m, in, 7, 100, &pc), MUX_PIECE);
	ck_assert_uint_eq(pc.len, 3);
	ck_assert_ptr_eq(pc.p, in + 4);
	ck_assert_uint_eq(mux_took(&m, &pc, 2), 6);
	ck_assert_uint_eq(m.data_left, 3);
	pos = 6;
	/* the rest of the frame, not what follows it */
	ck_assert_int_eq(mux_next(&m, in + pos, sizeof in - pos, 100, &pc), MUX_PIECE);
	ck_assert_uint_eq(pc.hdr, 0);
	ck_assert_uint_eq(pc.len, 3);
	ck_assert_ptr_eq(pc.p, in + 6);
	pos += mux_took(&m, &pc, pc.len);
	ck_assert_uint_eq(pos, 9);
	ck_assert_uint_eq(m.data_left, 0);
	/* a message only when it is whole */
	for (size_t k = 0; k < 7; k++)
		ck_assert_int_eq(mux_next(&m, in + pos, k, 100, &pc), MUX_NEED_MORE);
	ck_assert_int_eq(mux_next(&m, in + pos, sizeof in - pos, 100, &pc), MUX_PIECE);
	ck_assert_int_eq(pc.tag, MSG_INFO);
	ck_assert_uint_eq(pc.len, 3);
	ck_assert_mem_eq(pc.p, "hi\n", 3);
	pos += mux_took(&m, &pc, pc.len);
	ck_assert_uint_eq(pos, 16);
	/* an empty data frame */
	ck_assert_int_eq(mux_next(&m, in + pos, sizeof in - pos, 100, &pc), MUX_PIECE);
	ck_assert_uint_eq(pc.len, 0);
	pos += mux_took(&m, &pc, 0);
	ck_assert_uint_eq(m.data_left, 0);
	ck_assert_int_eq(mux_next(&m, in + pos, sizeof in - pos, 100, &pc), MUX_PIECE);
	ck_assert_uint_eq(pc.len, 2);
	pos += mux_took(&m, &pc, 2);
	ck_assert_uint_eq(pos, sizeof in);
	ck_assert_int_eq(mux_next(&m, in + pos, 0, 100, &pc), MUX_NEED_MORE);
}
END_TEST

START_TEST(test_mux_reader_errors)
{
	static const unsigned char bad[] = {0x00, 0x00, 0x00, 0x06};
	static const unsigned char big_msg[] = {0x65, 0x00, 0x00, 0x09};
	static const unsigned char big_data[] = {0xFF, 0xFF, 0xFF, 0x07};
	struct mux_in m = {0};
	struct mux_piece pc;

	ck_assert_int_eq(mux_next(&m, bad, sizeof bad, 100, &pc), MUX_BAD_HEADER);
	/* a message over the limit is refused before its payload arrives */
	ck_assert_int_eq(mux_next(&m, big_msg, sizeof big_msg, 100, &pc), MUX_TOO_LONG);
	ck_assert_int_eq(pc.tag, MSG_INFO);
	ck_assert_uint_eq(pc.frame_left, 101);
	ck_assert_int_eq(mux_next(&m, big_msg, sizeof big_msg, 101, &pc), MUX_NEED_MORE);
	/* data frames have no such limit: they are taken in parts */
	ck_assert_int_eq(mux_next(&m, big_data, sizeof big_data, 100, &pc), MUX_PIECE);
	ck_assert_uint_eq(mux_took(&m, &pc, 0), 4);
	ck_assert_uint_eq(m.data_left, 0xFFFFFF);
	/* inside a frame even a "bad header" is data */
	ck_assert_int_eq(mux_next(&m, bad, sizeof bad, 100, &pc), MUX_PIECE);
	ck_assert_uint_eq(pc.len, 4);
}
END_TEST

/* ------------------------------------------------------------------ */

Suite *wire_suite(void)
{
	Suite *s = suite_create("wire");
	TCase *tc;

	tc = tcase_create("fixed");
	tcase_add_test(tc, test_u32_put_get);
	tcase_add_test(tc, test_u16_get);
	tcase_add_test(tc, test_read_int);
	tcase_add_test(tc, test_read_shortint);
	suite_add_tcase(s, tc);

	tc = tcase_create("varint");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_varint_vectors, 0, (int)ARRAY_LEN(varint_vec));
	tcase_add_test(tc, test_varint_long_forms);
	tcase_add_test(tc, test_varint_bad_first_byte);
	tcase_add_test(tc, test_varint_sweep);
	suite_add_tcase(s, tc);

	tc = tcase_create("varlong");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_varlong3_vectors, 0,
			    (int)ARRAY_LEN(varlong3_vec));
	tcase_add_loop_test(tc, test_varlong4_vectors, 0,
			    (int)ARRAY_LEN(varlong4_vec));
	tcase_add_test(tc, test_varlong_roundtrip);
	tcase_add_test(tc, test_varlong_minimal_length);
	tcase_add_test(tc, test_varlong_bad_first_byte);
	suite_add_tcase(s, tc);

	tc = tcase_create("varlong30");
	tcase_add_test(tc, test_varlong30_old_protocol);
	tcase_add_test(tc, test_varlong30_old_negative_int);
	tcase_add_test(tc, test_varlong30_new_protocol);
	tcase_add_test(tc, test_varint30);
	suite_add_tcase(s, tc);

	tc = tcase_create("vstring");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_vstring_short);
	tcase_add_test(tc, test_vstring_lengths);
	tcase_add_test(tc, test_vstring_too_long);
	tcase_add_test(tc, test_vstring_long_form_short_length);
	suite_add_tcase(s, tc);

	tc = tcase_create("ndx");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_ndx_state_init);
	tcase_add_test(tc, test_ndx_sequence_positive);
	tcase_add_test(tc, test_ndx_sequence_mixed);
	tcase_add_test(tc, test_ndx_sequence_negative);
	tcase_add_test(tc, test_ndx_old_protocol);
	tcase_add_test(tc, test_ndx_overflow);
	tcase_add_loop_test(tc, test_ndx_random_roundtrip, 0, 3);
	tcase_add_test(tc, test_ndx_random_old_protocol);
	suite_add_tcase(s, tc);

	tc = tcase_create("mux");
	tcase_add_test(tc, test_del_stats);
	tcase_add_test(tc, test_mux_vectors);
	tcase_add_test(tc, test_mux_every_high_byte);
	tcase_add_test(tc, test_mux_roundtrip);
	tcase_add_test(tc, test_mux_reader);
	tcase_add_test(tc, test_mux_reader_errors);
	suite_add_tcase(s, tc);

	return s;
}
