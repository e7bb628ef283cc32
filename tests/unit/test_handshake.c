/* Unit tests of the handshake (handshake.h).
 *
 * handshake_run() is fed the bytes real rsync servers wrote.  They were
 * recorded from rsync 3.5.0 (protocol 32), started locally as
 *
 *     rsync --server [--sender] OPTIONS --checksum-seed=12345 . DIR
 *
 * by a small driver that spoke the client's side: it read the server's
 * protocol version, sent its own (32 unless noted), read the compat flags
 * and the checksum (and with 'z' the compression) name lists, answered
 * with the name the relay picks from those lists, and read the seed.
 * Each array holds every byte the server wrote up to and including the
 * checksum seed; the servers wrote nothing more before the client spoke
 * again.  SRC and DST were empty directories.
 *
 * The failure cases change recorded bytes or build short inputs by hand,
 * as each test says.
 */
#include "suites.h"
#include "handshake.h"
#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


/* rsync --server --sender -logDtpre.iLsfxCIvu --checksum-seed=12345 . SRC
 * (answered with protocol 32, checksum "xxh128") */
static const unsigned char rec_sender[] = {
	0x20, 0x00, 0x00, 0x00, 0x81, 0xff, 0x23, 0x78, 0x78, 0x68, 0x31, 0x32,
	0x38, 0x20, 0x78, 0x78, 0x68, 0x33, 0x20, 0x78, 0x78, 0x68, 0x36, 0x34,
	0x20, 0x6d, 0x64, 0x35, 0x20, 0x6d, 0x64, 0x34, 0x20, 0x73, 0x68, 0x61,
	0x31, 0x20, 0x6e, 0x6f, 0x6e, 0x65, 0x39, 0x30, 0x00, 0x00,
};

/* rsync --server -logDtpre.iLsfxCIvu --checksum-seed=12345 . DST
 * (answered with protocol 32, checksum "xxh128") */
static const unsigned char rec_receiver[] = {
	0x20, 0x00, 0x00, 0x00, 0x81, 0xff, 0x23, 0x78, 0x78, 0x68, 0x31, 0x32,
	0x38, 0x20, 0x78, 0x78, 0x68, 0x33, 0x20, 0x78, 0x78, 0x68, 0x36, 0x34,
	0x20, 0x6d, 0x64, 0x35, 0x20, 0x6d, 0x64, 0x34, 0x20, 0x73, 0x68, 0x61,
	0x31, 0x20, 0x6e, 0x6f, 0x6e, 0x65, 0x39, 0x30, 0x00, 0x00,
};

/* rsync --server --sender -logDtprze.iLsfxCIvu --checksum-seed=12345 . SRC
 * (answered with protocol 32, checksum "xxh128", compression "zstd") */
static const unsigned char rec_sender_z[] = {
	0x20, 0x00, 0x00, 0x00, 0x81, 0xff, 0x23, 0x78, 0x78, 0x68, 0x31, 0x32,
	0x38, 0x20, 0x78, 0x78, 0x68, 0x33, 0x20, 0x78, 0x78, 0x68, 0x36, 0x34,
	0x20, 0x6d, 0x64, 0x35, 0x20, 0x6d, 0x64, 0x34, 0x20, 0x73, 0x68, 0x61,
	0x31, 0x20, 0x6e, 0x6f, 0x6e, 0x65, 0x18, 0x7a, 0x73, 0x74, 0x64, 0x20,
	0x6c, 0x7a, 0x34, 0x20, 0x7a, 0x6c, 0x69, 0x62, 0x78, 0x20, 0x7a, 0x6c,
	0x69, 0x62, 0x20, 0x6e, 0x6f, 0x6e, 0x65, 0x39, 0x30, 0x00, 0x00,
};

/* rsync --server -logDtprze.iLsfxCIvu --checksum-seed=12345 . DST
 * (answered with protocol 32, checksum "xxh128", compression "zstd") */
static const unsigned char rec_receiver_z[] = {
	0x20, 0x00, 0x00, 0x00, 0x81, 0xff, 0x23, 0x78, 0x78, 0x68, 0x31, 0x32,
	0x38, 0x20, 0x78, 0x78, 0x68, 0x33, 0x20, 0x78, 0x78, 0x68, 0x36, 0x34,
	0x20, 0x6d, 0x64, 0x35, 0x20, 0x6d, 0x64, 0x34, 0x20, 0x73, 0x68, 0x61,
	0x31, 0x20, 0x6e, 0x6f, 0x6e, 0x65, 0x18, 0x7a, 0x73, 0x74, 0x64, 0x20,
	0x6c, 0x7a, 0x34, 0x20, 0x7a, 0x6c, 0x69, 0x62, 0x78, 0x20, 0x7a, 0x6c,
	0x69, 0x62, 0x20, 0x6e, 0x6f, 0x6e, 0x65, 0x39, 0x30, 0x00, 0x00,
};

/* rsync --server --sender -logDtpre.iLsfxC --checksum-seed=12345 . SRC
 * (answered with protocol 32) */
static const unsigned char rec_sender_nov[] = {
	0x20, 0x00, 0x00, 0x00, 0x3f, 0x39, 0x30, 0x00, 0x00,
};

/* rsync --server -logDtpre.iLsfxC --checksum-seed=12345 . DST
 * (answered with protocol 32) */
static const unsigned char rec_receiver_nov[] = {
	0x20, 0x00, 0x00, 0x00, 0x3f, 0x39, 0x30, 0x00, 0x00,
};

/* rsync --server --sender -logDtprze.iLsfxC --checksum-seed=12345 . SRC
 * (answered with protocol 32) */
static const unsigned char rec_sender_nov_z[] = {
	0x20, 0x00, 0x00, 0x00, 0x3f, 0x39, 0x30, 0x00, 0x00,
};

/* rsync --server -logDtprze.iLsfxC --checksum-seed=12345 . DST
 * (answered with protocol 32) */
static const unsigned char rec_receiver_nov_z[] = {
	0x20, 0x00, 0x00, 0x00, 0x3f, 0x39, 0x30, 0x00, 0x00,
};

/* rsync --server --sender --protocol=31 -logDtpre.iLsfxCIvu --checksum-seed=12345 . SRC
 * (answered with protocol 31, checksum "xxh128") */
static const unsigned char rec_sender_p31[] = {
	0x1f, 0x00, 0x00, 0x00, 0x81, 0xff, 0x23, 0x78, 0x78, 0x68, 0x31, 0x32,
	0x38, 0x20, 0x78, 0x78, 0x68, 0x33, 0x20, 0x78, 0x78, 0x68, 0x36, 0x34,
	0x20, 0x6d, 0x64, 0x35, 0x20, 0x6d, 0x64, 0x34, 0x20, 0x73, 0x68, 0x61,
	0x31, 0x20, 0x6e, 0x6f, 0x6e, 0x65, 0x39, 0x30, 0x00, 0x00,
};

/* rsync --server -logDtpre.iLsfxCIvu --checksum-seed=12345 . DST
 * (answered with protocol 31, checksum "xxh128") */
static const unsigned char rec_receiver_c31[] = {
	0x20, 0x00, 0x00, 0x00, 0x81, 0xff, 0x23, 0x78, 0x78, 0x68, 0x31, 0x32,
	0x38, 0x20, 0x78, 0x78, 0x68, 0x33, 0x20, 0x78, 0x78, 0x68, 0x36, 0x34,
	0x20, 0x6d, 0x64, 0x35, 0x20, 0x6d, 0x64, 0x34, 0x20, 0x73, 0x68, 0x61,
	0x31, 0x20, 0x6e, 0x6f, 0x6e, 0x65, 0x39, 0x30, 0x00, 0x00,
};

/* rsync --server --sender --protocol=29 -logDtpre.iLsfxCIvu --checksum-seed=12345 . SRC
 * (answered with protocol 29) */
static const unsigned char rec_sender_p29[] = {
	0x1d, 0x00, 0x00, 0x00, 0x39, 0x30, 0x00, 0x00,
};

/* rsync --server -logDtpre.iLsfxCIvu --checksum-seed=12345 . DST
 * (answered with protocol 29) */
static const unsigned char rec_receiver_c29[] = {
	0x20, 0x00, 0x00, 0x00, 0x39, 0x30, 0x00, 0x00,
};

/* rsync --server --sender --protocol=28 -logDtpre.iLsfxCIvu --checksum-seed=12345 . SRC
 * (answered with protocol 28) */
static const unsigned char rec_sender_p28[] = {
	0x1c, 0x00, 0x00, 0x00, 0x39, 0x30, 0x00, 0x00,
};

/* rsync --server --sender --protocol=26 -logDtpre.iLsfxCIvu --checksum-seed=12345 . SRC
 * (answered with protocol 26) */
static const unsigned char rec_sender_p26[] = {
	0x1a, 0x00, 0x00, 0x00, 0x39, 0x30, 0x00, 0x00,
};

/* openrsync's server (protocol 27), which took no --checksum-seed and
 * announces a seed of its own, 54321 */
static const unsigned char rec_openrsync[] = {
	0x1b, 0x00, 0x00, 0x00, 0x31, 0xd4, 0x00, 0x00,
};

/* rsync --server -logDtpre.LsfxCIvu --checksum-seed=12345 . DST
 * (answered with protocol 32, checksum "xxh128") */
static const unsigned char rec_receiver_noi[] = {
	0x20, 0x00, 0x00, 0x00, 0x81, 0xfe, 0x23, 0x78, 0x78, 0x68, 0x31, 0x32,
	0x38, 0x20, 0x78, 0x78, 0x68, 0x33, 0x20, 0x78, 0x78, 0x68, 0x36, 0x34,
	0x20, 0x6d, 0x64, 0x35, 0x20, 0x6d, 0x64, 0x34, 0x20, 0x73, 0x68, 0x61,
	0x31, 0x20, 0x6e, 0x6f, 0x6e, 0x65, 0x39, 0x30, 0x00, 0x00,
};

/* rsync --server -logDtpre.iLsfxCIvu --checksum-seed=54321 . DST
 * (answered with protocol 32, checksum "xxh128") */
static const unsigned char rec_receiver_seed[] = {
	0x20, 0x00, 0x00, 0x00, 0x81, 0xff, 0x23, 0x78, 0x78, 0x68, 0x31, 0x32,
	0x38, 0x20, 0x78, 0x78, 0x68, 0x33, 0x20, 0x78, 0x78, 0x68, 0x36, 0x34,
	0x20, 0x6d, 0x64, 0x35, 0x20, 0x6d, 0x64, 0x34, 0x20, 0x73, 0x68, 0x61,
	0x31, 0x20, 0x6e, 0x6f, 0x6e, 0x65, 0x31, 0xd4, 0x00, 0x00,
};

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

/* What one server "sent", and what the relay wrote to it. */
struct side_io {
	const unsigned char *in;
	size_t in_len;
	unsigned char out[4096];
	size_t out_len;
	size_t left_unread;	/* bytes of in the handshake did not read */
};

/* One handshake run: each side's input sits in a pipe (closed after it,
 * so a read past it sees end of file), the output goes to another pipe,
 * messages go to temporary files. */
struct run {
	struct side_io a, b;
	struct hs_side sa, sb;
	struct session s;
	struct report r;
	int ret;
	char out_text[4096];
	char err_text[4096];
};

static void read_all(int fd, unsigned char *buf, size_t cap, size_t *len)
{
	ssize_t k;

	*len = 0;
	while ((k = read(fd, buf + *len, cap - *len)) > 0) {
		*len += (size_t)k;
		ck_assert_msg(*len < cap, "more output than expected");
	}
	ck_assert_int_eq(k, 0);
}

static void slurp(FILE *f, char *buf, size_t cap)
{
	size_t n;

	rewind(f);
	n = fread(buf, 1, cap - 1, f);
	buf[n] = '\0';
}

/* daemon: bit 0 makes the sender a daemon side, bit 1 the receiver (its
 * version then comes from the greeting, not from its recording). */
static void run_handshake_as(struct run *x, const unsigned char *a, size_t alen,
			     const unsigned char *b, size_t blen, const struct hs_wants *wants,
			     int daemon)
{
	int ain[2], aout[2], bin[2], bout[2];
	struct hs_wants w = *wants;
	FILE *out = tmpfile(), *err = tmpfile();
	unsigned char rest[4096];

	memset(x, 0, sizeof *x);
	x->a.in = a;
	x->a.in_len = alen;
	x->b.in = b;
	x->b.in_len = blen;
	ck_assert_ptr_nonnull(out);
	ck_assert_ptr_nonnull(err);
	ck_assert_int_eq(pipe(ain), 0);
	ck_assert_int_eq(pipe(aout), 0);
	ck_assert_int_eq(pipe(bin), 0);
	ck_assert_int_eq(pipe(bout), 0);
	/* Everything fits in a pipe, so it can all be written up front. */
	/* a daemon's version came in its greeting */
	ck_assert_int_eq(write(ain[1], a + (daemon & 1 ? 4 : 0), alen - (daemon & 1 ? 4 : 0)),
			 (ssize_t)(alen - (daemon & 1 ? 4 : 0)));
	ck_assert_int_eq(write(bin[1], b + (daemon & 2 ? 4 : 0), blen - (daemon & 2 ? 4 : 0)),
			 (ssize_t)(blen - (daemon & 2 ? 4 : 0)));
	close(ain[1]);
	close(bin[1]);

	report_init(&x->r, out, err, 0);
	x->sa = (struct hs_side){.rfd = ain[0], .wfd = aout[1], .who = "sender",
				    .where = "source h"};
	x->sb = (struct hs_side){.rfd = bin[0], .wfd = bout[1], .who = "receiver",
				    .where = "destination h"};
	if (daemon & 1)
		hs_set_daemon(&x->sa, (int)wire_get_u32(a));
	if (daemon & 2)
		hs_set_daemon(&x->sb, (int)wire_get_u32(b));
	x->ret = handshake_run(&x->sa, &x->sb, &w, &x->s, &x->r);

	close(aout[1]);
	close(bout[1]);
	read_all(aout[0], x->a.out, sizeof x->a.out, &x->a.out_len);
	read_all(bout[0], x->b.out, sizeof x->b.out, &x->b.out_len);
	read_all(ain[0], rest, sizeof rest, &x->a.left_unread);
	read_all(bin[0], rest, sizeof rest, &x->b.left_unread);
	close(aout[0]);
	close(bout[0]);
	close(ain[0]);
	close(bin[0]);
	slurp(out, x->out_text, sizeof x->out_text);
	slurp(err, x->err_text, sizeof x->err_text);
	fclose(out);
	fclose(err);
}

static void run_handshake(struct run *x, const unsigned char *a, size_t alen,
			  const unsigned char *b, size_t blen, int compress)
{
	const struct hs_wants w = {.compress = compress};

	run_handshake_as(x, a, alen, b, blen, &w, 0);
}

static const char *hex(const unsigned char *p, size_t n)
{
	static char buf[512];
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && o + 4 < sizeof buf; i++)
		o += (size_t)snprintf(buf + o, sizeof buf - o, "%02x ", p[i]);
	return buf;
}

#define EXPECT_WRITTEN(side, ...)                                                        \
	do {                                                                              \
		static const unsigned char w_[] = {__VA_ARGS__};                           \
		ck_assert_msg((side).out_len == sizeof w_ &&                               \
				      memcmp((side).out, w_, sizeof w_) == 0,              \
			      "wrote [%s] (%zu bytes), expected %zu bytes", hex((side).out, \
			      (side).out_len), (side).out_len, sizeof w_);                 \
	} while (0)

#define EXPECT_NOTHING_WRITTEN(side) \
	ck_assert_msg((side).out_len == 0, "wrote [%s]", hex((side).out, (side).out_len))

/* protocol 32 and the vstring "xxh128" */
#define P32 0x20, 0x00, 0x00, 0x00
#define P31 0x1f, 0x00, 0x00, 0x00
#define P29 0x1d, 0x00, 0x00, 0x00
#define P28 0x1c, 0x00, 0x00, 0x00
#define P27 0x1b, 0x00, 0x00, 0x00
#define XXH128 0x06, 'x', 'x', 'h', '1', '2', '8'
#define ZSTD 0x04, 'z', 's', 't', 'd'

static void expect_ok(const struct run *x)
{
	ck_assert_msg(x->ret == 0, "handshake failed: %s", x->err_text);
	ck_assert_int_eq(x->r.fatal, 0);
	/* It read exactly the handshake and counted it. */
	ck_assert_int_eq(x->a.left_unread, 0);
	ck_assert_int_eq(x->b.left_unread, 0);
	ck_assert_uint_eq(x->sa.bytes_in, x->a.in_len);
	ck_assert_uint_eq(x->sb.bytes_in, x->b.in_len);
	ck_assert_uint_eq(x->sa.bytes_out, x->a.out_len);
	ck_assert_uint_eq(x->sb.bytes_out, x->b.out_len);
}

static void expect_fatal(const struct run *x, int code, const char *text)
{
	ck_assert_msg(x->ret == -1, "handshake returned %d", x->ret);
	ck_assert_msg(x->r.fatal == code, "fatal code %d, expected %d (%s)", x->r.fatal, code,
		      x->err_text);
	ck_assert_msg(strstr(x->err_text, "rsync-relay: ") == x->err_text,
		      "message \"%s\" lacks the program name", x->err_text);
	if (text)
		ck_assert_msg(strstr(x->err_text, text) != NULL, "message \"%s\" lacks \"%s\"",
			      x->err_text, text);
}

/* ------------------------------------------------------------------ */
/* hs_pick_name, hs_checksum_len                                       */
/* ------------------------------------------------------------------ */

START_TEST(test_pick_name)
{
	static const struct {
		const char *a, *b, *want; /* want NULL: no choice */
	} vec[] = {
		{"xxh128 xxh3 xxh64 md5 md4 sha1 none", "xxh128 xxh3 xxh64 md5 md4 sha1 none",
		 "xxh128"},
		{"xxh128 xxh3 md5", "md5 xxh3", "xxh3"},
		{"md5 xxh3", "xxh128 xxh3 md5", "md5"},
		{"zstd lz4 zlibx zlib none", "zlib zlibx none", "zlibx"},
		/* "none" only when nothing else is shared */
		{"none md5", "md5 none", "md5"},
		{"none md4 md5", "none md5", "md5"},
		{"none md5", "none md4", "none"},
		{"none", "none", "none"},
		/* nothing shared */
		{"md5 md4", "xxh3 sha1", NULL},
		{"md5", "", NULL},
		{"", "md5", NULL},
		{"", "", NULL},
		{"none", "md5", NULL},
		/* whole names only */
		{"md", "md5", NULL},
		{"md5", "md", NULL},
		{"xxh3", "xxh32 xxh128", NULL},
		{"xxh", "xxh128", NULL},
		/* any number of spaces */
		{"  md5   md4 ", " md4  ", "md4"},
		{"a", "  a", "a"},
	};

	for (size_t i = 0; i < ARRAY_LEN(vec); i++) {
		char out[NAME_MAX_LEN];
		int r;

		memset(out, 'Z', sizeof out);
		r = hs_pick_name(vec[i].a, vec[i].b, out, sizeof out);
		if (vec[i].want) {
			ck_assert_msg(r == 0, "\"%s\" / \"%s\": returned %d", vec[i].a, vec[i].b, r);
			ck_assert_str_eq(out, vec[i].want);
		} else
			ck_assert_msg(r == -1, "\"%s\" / \"%s\": returned %d (\"%.*s\")", vec[i].a,
				      vec[i].b, r, (int)sizeof out, out);
	}
}
END_TEST

START_TEST(test_pick_name_small_buffer)
{
	char out[8];

	/* never more than outlen bytes, terminator included */
	for (size_t len = 1; len <= sizeof out; len++) {
		memset(out, 'Z', sizeof out);
		if (hs_pick_name("xxh128 md5 none", "none md5 xxh128", out, len) == 0)
			ck_assert_uint_lt(strlen(out), len);
		for (size_t k = len; k < sizeof out; k++)
			ck_assert_msg(out[k] == 'Z', "outlen %zu: wrote byte %zu", len, k);
	}
}
END_TEST

START_TEST(test_checksum_len)
{
	static const struct {
		const char *name;
		int len;
	} vec[] = {
		{"xxh128", 16}, {"xxh3", 8}, {"xxh64", 8}, {"xxhash", 8}, {"md5", 16},
		{"md4", 16},    {"sha1", 20}, {"none", 1}, {"", -1},     {"MD5", -1},
		{"md", -1},     {"xxh1288", -1}, {"zstd", -1},
	};

	for (size_t i = 0; i < ARRAY_LEN(vec); i++)
		ck_assert_msg(hs_checksum_len(vec[i].name) == vec[i].len, "%s: %d, expected %d",
			      vec[i].name, hs_checksum_len(vec[i].name), vec[i].len);
}
END_TEST

/* ------------------------------------------------------------------ */
/* handshake_run on recorded servers                                   */
/* ------------------------------------------------------------------ */

START_TEST(test_hs_protocol32)
{
	struct run x;

	run_handshake(&x, rec_sender, sizeof rec_sender, rec_receiver, sizeof rec_receiver, 0);
	expect_ok(&x);
	ck_assert_int_eq(x.s.protocol, 32);
	ck_assert_int_eq(x.s.compat_flags, 0x1ff);
	ck_assert_int_eq(x.s.inc_recurse, 1);
	ck_assert_int_eq(x.s.varint_flist_flags, 1);
	ck_assert_int_eq(x.s.id0_names, 1);
	ck_assert_int_eq(x.s.safe_flist, 1);
	ck_assert_str_eq(x.s.checksum, "xxh128");
	ck_assert_str_eq(x.s.compress, "");
	ck_assert_int_eq(x.s.xfer_sum_len, 16);
	ck_assert_int_eq(x.s.flist_csum_len, 16);
	ck_assert_int_eq(x.s.seed_src, 12345);
	ck_assert_int_eq(x.s.seed_dest, 12345);
	EXPECT_WRITTEN(x.a, P32, XXH128);
	EXPECT_WRITTEN(x.b, P32, XXH128);
	ck_assert_str_eq(x.err_text, "");
	ck_assert_str_eq(x.out_text, "");
}
END_TEST

START_TEST(test_hs_compress)
{
	struct run x;

	run_handshake(&x, rec_sender_z, sizeof rec_sender_z, rec_receiver_z,
		      sizeof rec_receiver_z, 1);
	expect_ok(&x);
	ck_assert_int_eq(x.s.protocol, 32);
	ck_assert_int_eq(x.s.compat_flags, 0x1ff);
	ck_assert_str_eq(x.s.checksum, "xxh128");
	ck_assert_str_eq(x.s.compress, "zstd");
	ck_assert_int_eq(x.s.xfer_sum_len, 16);
	ck_assert_int_eq(x.s.seed_src, 12345);
	ck_assert_int_eq(x.s.seed_dest, 12345);
	/* every list is read before any answer; then checksum, compression */
	EXPECT_WRITTEN(x.a, P32, XXH128, ZSTD);
	EXPECT_WRITTEN(x.b, P32, XXH128, ZSTD);
	ck_assert_str_eq(x.err_text, "");
}
END_TEST

/* Without 'v' in "-e." the servers send no name lists: protocol 30 and
 * later imply md5, and -z implies zlib. */
START_TEST(test_hs_no_negotiation)
{
	struct run x;

	run_handshake(&x, rec_sender_nov, sizeof rec_sender_nov, rec_receiver_nov,
		      sizeof rec_receiver_nov, 0);
	expect_ok(&x);
	ck_assert_int_eq(x.s.protocol, 32);
	ck_assert_int_eq(x.s.compat_flags, 0x3f);
	ck_assert_int_eq(x.s.inc_recurse, 1);
	ck_assert_int_eq(x.s.varint_flist_flags, 0);
	ck_assert_int_eq(x.s.id0_names, 0);
	ck_assert_int_eq(x.s.safe_flist, 1);
	ck_assert_str_eq(x.s.checksum, "md5");
	ck_assert_str_eq(x.s.compress, "");
	ck_assert_int_eq(x.s.xfer_sum_len, 16);
	ck_assert_int_eq(x.s.seed_src, 12345);
	ck_assert_int_eq(x.s.seed_dest, 12345);
	EXPECT_WRITTEN(x.a, P32);
	EXPECT_WRITTEN(x.b, P32);

	run_handshake(&x, rec_sender_nov_z, sizeof rec_sender_nov_z, rec_receiver_nov_z,
		      sizeof rec_receiver_nov_z, 1);
	expect_ok(&x);
	ck_assert_str_eq(x.s.checksum, "md5");
	ck_assert_str_eq(x.s.compress, "zlib");
	EXPECT_WRITTEN(x.a, P32);
	EXPECT_WRITTEN(x.b, P32);
}
END_TEST

/* The sender's server speaks protocol 31 (started with --protocol=31);
 * the receiver's speaks 32.  Both are told 31. */
START_TEST(test_hs_protocol31)
{
	struct run x;

	run_handshake(&x, rec_sender_p31, sizeof rec_sender_p31, rec_receiver_c31,
		      sizeof rec_receiver_c31, 0);
	expect_ok(&x);
	ck_assert_int_eq(x.s.protocol, 31);
	ck_assert_int_eq(x.s.compat_flags, 0x1ff);
	ck_assert_int_eq(x.s.safe_flist, 1);
	ck_assert_str_eq(x.s.checksum, "xxh128");
	ck_assert_int_eq(x.s.xfer_sum_len, 16);
	EXPECT_WRITTEN(x.a, P31, XXH128);
	EXPECT_WRITTEN(x.b, P31, XXH128);
}
END_TEST

/* Protocol 29 (the sender started with --protocol=29): no compat flags,
 * no names, md4. */
START_TEST(test_hs_protocol29)
{
	struct run x;

	run_handshake(&x, rec_sender_p29, sizeof rec_sender_p29, rec_receiver_c29,
		      sizeof rec_receiver_c29, 0);
	expect_ok(&x);
	ck_assert_int_eq(x.s.protocol, 29);
	ck_assert_int_eq(x.s.compat_flags, 0);
	ck_assert_int_eq(x.s.inc_recurse, 0);
	ck_assert_int_eq(x.s.varint_flist_flags, 0);
	ck_assert_int_eq(x.s.safe_flist, 0);
	ck_assert_str_eq(x.s.checksum, "md4");
	ck_assert_int_eq(x.s.xfer_sum_len, 16);
	ck_assert_int_eq(x.s.seed_src, 12345);
	ck_assert_int_eq(x.s.seed_dest, 12345);
	EXPECT_WRITTEN(x.a, P29);
	EXPECT_WRITTEN(x.b, P29);
}
END_TEST

/* Protocol 28 (the sender started with --protocol=28): the seed follows
 * the version, md4. */
START_TEST(test_hs_protocol28)
{
	struct run x;

	run_handshake(&x, rec_sender_p28, sizeof rec_sender_p28, rec_sender_p28,
		      sizeof rec_sender_p28, 0);
	expect_ok(&x);
	ck_assert_int_eq(x.s.protocol, 28);
	ck_assert_str_eq(x.s.checksum, "md4");
	ck_assert_int_eq(x.s.seed_src, 12345);
	ck_assert_int_eq(x.s.seed_dest, 12345);
	EXPECT_WRITTEN(x.a, P28);
	EXPECT_WRITTEN(x.b, P28);
}
END_TEST

/* Below protocol 30 each file's md4 sum starts with the seed: servers
 * with different seeds (here openrsync's against the receiver's
 * --checksum-seed) get their files' checksums made again by the relay,
 * which it cannot with compressed data: that ends the run at once. */
START_TEST(test_hs_protocol27_different_seeds)
{
	struct run x;

	run_handshake(&x, rec_openrsync, sizeof rec_openrsync, rec_sender_p28,
		      sizeof rec_sender_p28, 0);
	expect_ok(&x);
	ck_assert_int_eq(x.s.protocol, 27);
	ck_assert_int_eq(x.s.resign, 1);
	ck_assert_msg(strstr(x.err_text, "54321") && strstr(x.err_text, "checksum again"),
		      "no warning: \"%s\"", x.err_text);
	EXPECT_WRITTEN(x.a, P27);
	EXPECT_WRITTEN(x.b, P27);

	run_handshake(&x, rec_openrsync, sizeof rec_openrsync, rec_sender_p28,
		      sizeof rec_sender_p28, 1);
	expect_fatal(&x, RERR_UNSUPPORTED, "no file would verify");
	EXPECT_WRITTEN(x.a, P27);
	EXPECT_WRITTEN(x.b, P27);
}
END_TEST

/* A server at protocol 26 (--protocol=26) is refused before anything is
 * written to either. */
START_TEST(test_hs_protocol26_too_old)
{
	struct run x;

	run_handshake(&x, rec_sender_p26, sizeof rec_sender_p26, rec_receiver,
		      sizeof rec_receiver, 0);
	expect_fatal(&x, RERR_PROTOCOL, "26");
	EXPECT_NOTHING_WRITTEN(x.a);
	EXPECT_NOTHING_WRITTEN(x.b);

	/* the same on the other side */
	run_handshake(&x, rec_sender, sizeof rec_sender, rec_sender_p26, sizeof rec_sender_p26, 0);
	expect_fatal(&x, RERR_PROTOCOL, "26");
	EXPECT_NOTHING_WRITTEN(x.a);
	EXPECT_NOTHING_WRITTEN(x.b);
}
END_TEST

START_TEST(test_hs_different_seeds)
{
	struct run x;

	run_handshake(&x, rec_sender, sizeof rec_sender, rec_receiver_seed,
		      sizeof rec_receiver_seed, 0);
	expect_ok(&x);
	ck_assert_int_eq(x.s.seed_src, 12345);
	ck_assert_int_eq(x.s.seed_dest, 54321);
	ck_assert_msg(strstr(x.err_text, "12345") && strstr(x.err_text, "54321"),
		      "no warning naming both seeds: \"%s\"", x.err_text);
	EXPECT_WRITTEN(x.a, P32, XXH128);
	EXPECT_WRITTEN(x.b, P32, XXH128);
}
END_TEST

/* The sender's server offers incremental recursion, the receiver's was not
 * asked for it ("-e.LsfxCIvu"): 0x1ff against 0x1fe. */
START_TEST(test_hs_different_compat_flags)
{
	struct run x;

	run_handshake(&x, rec_sender, sizeof rec_sender, rec_receiver_noi,
		      sizeof rec_receiver_noi, 0);
	/* Not fatal: the caller restarts both servers with fewer letters. */
	ck_assert_int_eq(x.ret, HS_COMPAT_MISMATCH);
	ck_assert_int_eq(x.r.fatal, 0);
	ck_assert_int_eq(x.s.compat_src, 0x1ff);
	ck_assert_int_eq(x.s.compat_dest, 0x1fe);
	/* only the protocol version went out */
	EXPECT_WRITTEN(x.a, P32);
	EXPECT_WRITTEN(x.b, P32);
}
END_TEST

/* A daemon that refused its arguments answers a seed of its own: no
 * warning, the caller meets its error.  A remote shell's server with
 * another seed (a forced command) is only warned about. */
START_TEST(test_hs_refused_seed)
{
	const struct hs_wants w = {.seed = {12345, 12345}};
	struct run x;

	run_handshake_as(&x, rec_sender, sizeof rec_sender, rec_receiver_seed,
			 sizeof rec_receiver_seed, &w, 2);
	ck_assert_int_eq(x.ret, HS_REFUSED);
	ck_assert_int_eq(x.s.refused, 1);
	ck_assert_int_eq(x.r.fatal, 0);
	ck_assert_str_eq(x.err_text, "");
	/* the handshake was answered in full: the daemon reads no more */
	EXPECT_WRITTEN(x.a, P32, XXH128);
	EXPECT_WRITTEN(x.b, XXH128);

	run_handshake_as(&x, rec_sender, sizeof rec_sender, rec_receiver_seed,
			 sizeof rec_receiver_seed, &w, 0);
	expect_ok(&x);
	ck_assert_msg(strstr(x.err_text, "54321") != NULL, "no warning: \"%s\"", x.err_text);

	ck_assert_int_eq(hs_refused(1, 12345, 54321), 1);
	ck_assert_int_eq(hs_refused(1, 12345, 12345), 0);
	ck_assert_int_eq(hs_refused(0, 12345, 54321), 0);
	ck_assert_int_eq(hs_refused(1, 0, 54321), 0);
}
END_TEST

/* rsync's daemon refusing -c before it read "-e.iLsfxCIvu" answers
 * compat flags 0x06 (client-only bits), then its own seed unasked, then
 * its error: a refusal, not a reason to start both again.  A daemon with
 * our seed (an older one without 'v') is a plain mismatch. */
static const unsigned char rec_refusing_sender[] = {
	P32, 0x06, 0x31, 0xd4, 0x00, 0x00,
	0x08, 0x00, 0x00, 0x0a, 'r', 's', 'y', 'n', 'c', ':', ' ', '\n',	/* MSG_ERROR */
};
static const unsigned char rec_old_sender[] = { P32, 0x06, 0x39, 0x30, 0x00, 0x00 };

START_TEST(test_hs_refused_at_mismatch)
{
	const struct hs_wants w = {.seed = {12345, 12345}};
	struct run x;

	run_handshake_as(&x, rec_refusing_sender, sizeof rec_refusing_sender, rec_receiver,
			 sizeof rec_receiver, &w, 1);
	ck_assert_int_eq(x.ret, HS_REFUSED);
	ck_assert_int_eq(x.s.refused, 0);
	ck_assert_int_eq(x.r.fatal, 0);
	ck_assert_str_eq(x.err_text, "");
	EXPECT_NOTHING_WRITTEN(x.a);
	EXPECT_WRITTEN(x.b, P32);
	/* its message is left for the caller */
	ck_assert_int_eq(x.a.left_unread, 12);

	run_handshake_as(&x, rec_old_sender, sizeof rec_old_sender, rec_receiver,
			 sizeof rec_receiver, &w, 1);
	ck_assert_int_eq(x.ret, HS_COMPAT_MISMATCH);
	ck_assert_int_eq(x.s.compat_src, 0x06);
}
END_TEST

/* The letters both servers understand, judged from their answers to all
 * of them: rsync 3.1.3 answers 0x3f (no I, v, u), 3.5.0 answers 0x1ff. */
START_TEST(test_hs_common_caps)
{
	char out[16];

	hs_common_caps(0x3f, 0x1ff, "iLsfxCIvu", out, sizeof out);
	ck_assert_str_eq(out, "iLsfxC");
	hs_common_caps(0x1fe, 0x1ff, "iLsfxCIvu", out, sizeof out);
	ck_assert_str_eq(out, "LsfxCIvu");
	hs_common_caps(0x1ff, 0x1ff, "LsfxCIvu", out, sizeof out);
	ck_assert_str_eq(out, "LsfxCIvu");
	hs_common_caps(0x1ff, 0x1ff, "iLsfxCIvu", out, 4);
	ck_assert_str_eq(out, "iLs");
}
END_TEST

/* Flags that only describe the client (symlink times and iconv) may
 * differ.  The receiver's recording is changed to 0x1f9. */
START_TEST(test_hs_client_only_flags_may_differ)
{
	unsigned char b[sizeof rec_receiver];
	struct run x;

	memcpy(b, rec_receiver, sizeof b);
	ck_assert_int_eq(b[4], 0x81);
	ck_assert_int_eq(b[5], 0xff);
	b[5] = 0xf9; /* without CF_SYMLINK_TIMES and CF_SYMLINK_ICONV */
	run_handshake(&x, rec_sender, sizeof rec_sender, b, sizeof b, 0);
	expect_ok(&x);
	ck_assert_int_eq(x.s.compat_flags, 0x1ff);
	EXPECT_WRITTEN(x.a, P32, XXH128);
	EXPECT_WRITTEN(x.b, P32, XXH128);
}
END_TEST

/* A connection that ends anywhere before the seed: every strict prefix of
 * either recording. */
START_TEST(test_hs_eof)
{
	struct run x;

	for (size_t k = 0; k < sizeof rec_sender; k++) {
		run_handshake(&x, rec_sender, k, rec_receiver, sizeof rec_receiver, 0);
		expect_fatal(&x, RERR_STREAMIO, NULL);
		run_handshake(&x, rec_sender, sizeof rec_sender, rec_receiver, k, 0);
		expect_fatal(&x, RERR_STREAMIO, NULL);
	}
	for (size_t k = 0; k < sizeof rec_sender_z; k++) {
		run_handshake(&x, rec_sender_z, k, rec_receiver_z, sizeof rec_receiver_z, 1);
		expect_fatal(&x, RERR_STREAMIO, NULL);
	}
	/* before the version: nothing is written */
	run_handshake(&x, rec_sender, 0, rec_receiver, sizeof rec_receiver, 0);
	expect_fatal(&x, RERR_STREAMIO, "sender");
	EXPECT_NOTHING_WRITTEN(x.a);
	EXPECT_NOTHING_WRITTEN(x.b);
	run_handshake(&x, rec_sender, sizeof rec_sender, rec_receiver, 2, 0);
	expect_fatal(&x, RERR_STREAMIO, "receiver");
	EXPECT_NOTHING_WRITTEN(x.a);
	EXPECT_NOTHING_WRITTEN(x.b);
}
END_TEST

/* Something that is not rsync answered (a shell greeting, say). */
START_TEST(test_hs_garbage_version)
{
	static const unsigned char garbage[][4] = {
		{0x6c, 0x6d, 0x74, 0x68},	/* 0x68746d6c */
		{0x00, 0x00, 0x00, 0x00},	/* 0 */
		{0xff, 0xff, 0xff, 0xff},	/* -1 */
		{0x13, 0x00, 0x00, 0x00},	/* 19 */
		{0x29, 0x00, 0x00, 0x00},	/* 41 */
	};

	for (size_t i = 0; i < ARRAY_LEN(garbage); i++) {
		struct run x;

		run_handshake(&x, garbage[i], 4, rec_receiver, sizeof rec_receiver, 0);
		expect_fatal(&x, RERR_PROTOCOL, "protocol version mismatch");
		EXPECT_NOTHING_WRITTEN(x.a);
		EXPECT_NOTHING_WRITTEN(x.b);
		run_handshake(&x, rec_sender, sizeof rec_sender, garbage[i], 4, 0);
		expect_fatal(&x, RERR_PROTOCOL, "protocol version mismatch");
		EXPECT_NOTHING_WRITTEN(x.a);
		EXPECT_NOTHING_WRITTEN(x.b);
	}
}
END_TEST

/* A name list longer than the relay keeps (1023 bytes) is refused; one of
 * exactly 1023 bytes is read. */
START_TEST(test_hs_long_vstring)
{
	static const char tail[] = " md5";
	unsigned char a[4 + 2 + 2 + 1100 + 4];
	struct run x;
	size_t n, list;

	for (list = 1023; list <= 1024; list++) {
		n = 0;
		memcpy(a, rec_sender, 6); /* version 32, compat 0x1ff */
		n = 6;
		a[n++] = (unsigned char)(0x80 | list >> 8);
		a[n++] = (unsigned char)(list & 0xFF);
		memset(a + n, 'q', list - strlen(tail));
		memcpy(a + n + list - strlen(tail), tail, strlen(tail));
		n += list;
		memcpy(a + n, "\x39\x30\x00\x00", 4);
		n += 4;
		run_handshake(&x, a, n, rec_receiver, sizeof rec_receiver, 0);
		if (list == 1023) {
			expect_ok(&x);
			ck_assert_str_eq(x.s.checksum, "md5");
			EXPECT_WRITTEN(x.a, P32, 0x03, 'm', 'd', '5');
		} else {
			expect_fatal(&x, RERR_STREAMIO, NULL);
			EXPECT_WRITTEN(x.a, P32);
		}
	}
}
END_TEST

/* Lists with no name in common (changed from the recording). */
START_TEST(test_hs_no_common_checksum)
{
	static const unsigned char a[] = {P32, 0x81, 0xff, 0x07, 'f', 'o', 'o', ' ', 'b', 'a', 'r',
					  0x39, 0x30, 0x00, 0x00};
	struct run x;

	run_handshake(&x, a, sizeof a, rec_receiver, sizeof rec_receiver, 0);
	expect_fatal(&x, RERR_UNSUPPORTED, "foo bar");
	ck_assert_msg(strstr(x.err_text, "xxh128 xxh3"), "message lacks the other list: %s",
		      x.err_text);
	EXPECT_WRITTEN(x.a, P32);
	EXPECT_WRITTEN(x.b, P32);
}
END_TEST

/* Only "none" in common: the transfer runs without checksums. */
START_TEST(test_hs_only_none)
{
	static const unsigned char a[] = {P32, 0x81, 0xff, 0x08, 'f', 'o', 'o', ' ', 'n', 'o', 'n',
					  'e', 0x39, 0x30, 0x00, 0x00};
	struct run x;

	run_handshake(&x, a, sizeof a, rec_receiver, sizeof rec_receiver, 0);
	expect_ok(&x);
	ck_assert_str_eq(x.s.checksum, "none");
	ck_assert_int_eq(x.s.xfer_sum_len, 1);
	EXPECT_WRITTEN(x.a, P32, 0x04, 'n', 'o', 'n', 'e');
	EXPECT_WRITTEN(x.b, P32, 0x04, 'n', 'o', 'n', 'e');
}
END_TEST

/* A name both servers share but the relay cannot carry is passed over
 * (changed from the recording: "foo" put first in both lists). */
START_TEST(test_hs_unknown_name_passed_over)
{
	static const unsigned char a[] = {P32, 0x81, 0xff, 0x09, 'f', 'o', 'o', ' ', 'x', 'x', 'h',
					  '6', '4', 0x39, 0x30, 0x00, 0x00};
	static const unsigned char b[] = {P32, 0x81, 0xff, 0x0d, 'f', 'o', 'o', ' ', 'm', 'd', '5',
					  ' ', 'x', 'x', 'h', '6', '4', 0x39, 0x30, 0x00, 0x00};
	struct run x;

	run_handshake(&x, a, sizeof a, b, sizeof b, 0);
	expect_ok(&x);
	ck_assert_str_eq(x.s.checksum, "xxh64");
	EXPECT_WRITTEN(x.a, P32, 0x05, 'x', 'x', 'h', '6', '4');
}
END_TEST

/* The lists --version shows are the ones negotiated from. */
START_TEST(test_known_names)
{
	char out[128];

	hs_known_names(HS_CHECKSUMS, out, sizeof out);
	ck_assert_str_eq(out, "xxh128 xxh3 xxh64 (xxhash) md5 md4 sha1 none");
	hs_known_names(HS_COMPRESSIONS, out, sizeof out);
	ck_assert_str_eq(out, "zstd lz4 zlibx zlib none");
	hs_known_names(HS_COMPRESSIONS, out, 6);
	ck_assert_str_eq(out, "zstd ");
}
END_TEST

/* What follows the seed belongs to the stream and stays unread. */
START_TEST(test_hs_reads_no_further)
{
	unsigned char a[sizeof rec_sender + 5], b[sizeof rec_receiver + 3];
	struct run x;

	memcpy(a, rec_sender, sizeof rec_sender);
	memcpy(a + sizeof rec_sender, "\x07\x00\x00\x07\x00", 5);
	memcpy(b, rec_receiver, sizeof rec_receiver);
	memcpy(b + sizeof rec_receiver, "abc", 3);
	run_handshake(&x, a, sizeof a, b, sizeof b, 0);
	ck_assert_int_eq(x.ret, 0);
	ck_assert_int_eq(x.a.left_unread, 5);
	ck_assert_int_eq(x.b.left_unread, 3);
	ck_assert_uint_eq(x.sa.bytes_in, sizeof rec_sender);
	ck_assert_uint_eq(x.sb.bytes_in, sizeof rec_receiver);
}
END_TEST

/* A closed pipe to a server is a stream error, not a crash (SIGPIPE is
 * ignored the way the program ignores it). */
START_TEST(test_hs_write_fails)
{
	int ain[2], aout[2], bin[2], bout[2];
	struct hs_wants w = {0};
	struct hs_side sa, sb;
	struct session s;
	struct report r;
	FILE *err = tmpfile();

	signal(SIGPIPE, SIG_IGN);
	ck_assert_int_eq(pipe(ain), 0);
	ck_assert_int_eq(pipe(aout), 0);
	ck_assert_int_eq(pipe(bin), 0);
	ck_assert_int_eq(pipe(bout), 0);
	ck_assert_int_eq(write(ain[1], rec_sender, sizeof rec_sender), (ssize_t)sizeof rec_sender);
	ck_assert_int_eq(write(bin[1], rec_receiver, sizeof rec_receiver),
			 (ssize_t)sizeof rec_receiver);
	close(ain[1]);
	close(bin[1]);
	close(aout[0]); /* nobody reads what goes to the sender */
	report_init(&r, err, err, 0);
	sa = (struct hs_side){.rfd = ain[0], .wfd = aout[1], .who = "sender",
				    .where = "source h"};
	sb = (struct hs_side){.rfd = bin[0], .wfd = bout[1], .who = "receiver",
				    .where = "destination h"};
	ck_assert_int_eq(handshake_run(&sa, &sb, &w, &s, &r), -1);
	ck_assert_int_eq(r.fatal, RERR_STREAMIO);
	close(ain[0]);
	close(aout[1]);
	close(bin[0]);
	close(bout[0]);
	close(bout[1]);
	fclose(err);
}
END_TEST

/* ------------------------------------------------------------------ */
/* hs_parse over buffers                                               */
/* ------------------------------------------------------------------ */

static const char *const who2[2] = {"sender", "receiver"};

/* The recordings whole: the same session handshake_run() agrees on. */
START_TEST(test_hs_parse_whole)
{
	const unsigned char *in[2] = {rec_sender_z, rec_receiver_z};
	size_t len[2] = {sizeof rec_sender_z, sizeof rec_receiver_z};
	struct hs_wants w = {.compress = 1};
	struct hs_progress p;
	struct session s;
	char err[256];

	ck_assert_int_eq(hs_parse(in, len, who2, &w, &s, &p, err, sizeof err), HS_DONE);
	ck_assert_uint_eq(p.used[0], len[0]);
	ck_assert_uint_eq(p.used[1], len[1]);
	ck_assert_int_eq(p.protocol_known, 1);
	ck_assert_int_eq(p.names_known, 1);
	ck_assert_int_eq(p.nego_sum, 1);
	ck_assert_int_eq(p.nego_zip, 1);
	ck_assert_str_eq(p.zip_name, "zstd");
	ck_assert_int_eq(s.protocol, 32);
	ck_assert_str_eq(s.checksum, "xxh128");
	ck_assert_str_eq(s.compress, "zstd");
	ck_assert_int_eq(s.seed_src, 12345);
	ck_assert_int_eq(s.seed_dest, 12345);
	ck_assert_int_eq(s.remote_src, 32);
	ck_assert_int_eq(s.remote_dest, 32);
	ck_assert_int_eq(s.sum_negotiated, 1);
	ck_assert_int_eq(s.zip_negotiated, 1);
	ck_assert_str_eq(err, "");

	/* --compress-level=0 leaves zstd on (its default level) */
	w.level_zero = 1;
	ck_assert_int_eq(hs_parse(in, len, who2, &w, &s, &p, err, sizeof err), HS_DONE);
	ck_assert_str_eq(s.compress, "zstd");
	w.level_zero = 0;

	/* without negotiation -z is zlib, which level 0 turns off */
	{
		const unsigned char *inz[2] = {rec_sender_nov_z, rec_receiver_nov_z};
		size_t lenz[2] = {sizeof rec_sender_nov_z, sizeof rec_receiver_nov_z};
		struct hs_wants wz = {.compress = 1};

		ck_assert_int_eq(hs_parse(inz, lenz, who2, &wz, &s, &p, err, sizeof err), HS_DONE);
		ck_assert_str_eq(s.compress, "zlib");
		ck_assert_int_eq(s.zip_negotiated, 0);
		wz.level_zero = 1;
		ck_assert_int_eq(hs_parse(inz, lenz, who2, &wz, &s, &p, err, sizeof err), HS_DONE);
		ck_assert_str_eq(s.compress, "");
	}
	in[0] = rec_sender_z;
	len[0] = sizeof rec_sender_z;

	/* what follows the seed is not the handshake's */
	unsigned char more[sizeof rec_sender_z + 3];
	memcpy(more, rec_sender_z, sizeof rec_sender_z);
	memcpy(more + sizeof rec_sender_z, "abc", 3);
	in[0] = more;
	len[0] = sizeof more;
	ck_assert_int_eq(hs_parse(in, len, who2, &w, &s, &p, err, sizeof err), HS_DONE);
	ck_assert_uint_eq(p.used[0], sizeof rec_sender_z);
}
END_TEST

/* It asks for the bytes in the order and sizes handshake_run() reads
 * them: never past a field, so never into the stream. */
START_TEST(test_hs_parse_asks_exactly)
{
	static const struct {
		int side;
		size_t need;
	} want[] = {
		{0, 4}, {1, 4},			/* versions */
		{0, 1}, {0, 1}, {1, 1}, {1, 1},	/* compat varints 0x81 0xff */
		{0, 1}, {0, 35}, {1, 1}, {1, 35},	/* checksum lists */
		{0, 4}, {1, 4},			/* seeds */
	};
	const unsigned char *in[2] = {rec_sender, rec_receiver};
	size_t have[2] = {0, 0};
	struct hs_wants w = {0};
	struct hs_progress p;
	struct session s;
	char err[256];
	size_t i;

	for (i = 0; i < ARRAY_LEN(want); i++) {
		ck_assert_int_eq(hs_parse(in, have, who2, &w, &s, &p, err, sizeof err), HS_NEED);
		ck_assert_msg(p.side == want[i].side && p.need == want[i].need,
			      "read %zu: asked side %d for %zu, expected side %d for %zu", i,
			      p.side, p.need, want[i].side, want[i].need);
		/* a field counts as used once it is whole */
		ck_assert_uint_eq(p.used[0] + p.used[1],
				  have[0] + have[1] - (i == 3 || i == 5 || i == 7 || i == 9));
		/* the protocol goes out once both versions are in */
		ck_assert_int_eq(p.protocol_known, i >= 2);
		/* the names once both lists are in */
		ck_assert_int_eq(p.names_known, i >= 10);
		have[p.side] += p.need;
	}
	ck_assert_int_eq(hs_parse(in, have, who2, &w, &s, &p, err, sizeof err), HS_DONE);
	ck_assert_uint_eq(have[0], sizeof rec_sender);
	ck_assert_uint_eq(have[1], sizeof rec_receiver);
	ck_assert_int_eq(p.names_known, 1);
}
END_TEST

/* Failures carry the exit code and the message handshake_run() prints. */
START_TEST(test_hs_parse_failures)
{
	static const unsigned char bad_ver[] = {0x13, 0x00, 0x00, 0x00};
	static const unsigned char bad_varint[] = {P32, 0xF8};
	const unsigned char *in[2] = {rec_sender, bad_ver};
	size_t len[2] = {sizeof rec_sender, sizeof bad_ver};
	struct hs_wants w = {0};
	struct hs_progress p;
	struct session s;
	char err[256];

	ck_assert_int_eq(hs_parse(in, len, who2, &w, &s, &p, err, sizeof err), HS_FAIL);
	ck_assert_int_eq(p.code, RERR_PROTOCOL);
	ck_assert_int_eq(p.protocol_known, 0);
	ck_assert_ptr_nonnull(strstr(err, "(the receiver sent 19)"));

	in[1] = bad_varint;
	len[1] = sizeof bad_varint;
	ck_assert_int_eq(hs_parse(in, len, who2, &w, &s, &p, err, sizeof err), HS_FAIL);
	ck_assert_int_eq(p.code, RERR_STREAMIO);
	ck_assert_int_eq(p.protocol_known, 1);
	ck_assert_str_eq(err, "Overflow in read_varint() from the receiver");

	/* a message cut to the buffer it is given */
	in[1] = bad_ver;
	len[1] = sizeof bad_ver;
	memset(err, 'Z', sizeof err);
	ck_assert_int_eq(hs_parse(in, len, who2, &w, &s, &p, err, 8), HS_FAIL);
	ck_assert_str_eq(err, "protoco");
	ck_assert_int_eq(err[8], 'Z');
}
END_TEST

Suite *handshake_suite(void)
{
	Suite *s = suite_create("handshake");
	TCase *tn = tcase_create("names");
	TCase *tr = tcase_create("recorded");
	TCase *tf = tcase_create("failures");

	tcase_add_test(tn, test_pick_name);
	tcase_add_test(tn, test_pick_name_small_buffer);
	tcase_add_test(tn, test_checksum_len);
	tcase_add_test(tn, test_known_names);
	suite_add_tcase(s, tn);

	tcase_add_test(tr, test_hs_protocol32);
	tcase_add_test(tr, test_hs_compress);
	tcase_add_test(tr, test_hs_no_negotiation);
	tcase_add_test(tr, test_hs_protocol31);
	tcase_add_test(tr, test_hs_protocol29);
	tcase_add_test(tr, test_hs_protocol28);
	tcase_add_test(tr, test_hs_protocol27_different_seeds);
	tcase_add_test(tr, test_hs_different_seeds);
	tcase_add_test(tr, test_hs_client_only_flags_may_differ);
	tcase_add_test(tr, test_hs_only_none);
	tcase_add_test(tr, test_hs_unknown_name_passed_over);
	tcase_add_test(tr, test_hs_reads_no_further);
	tcase_add_test(tr, test_hs_parse_whole);
	tcase_add_test(tr, test_hs_parse_asks_exactly);
	suite_add_tcase(s, tr);

	tcase_add_test(tf, test_hs_protocol26_too_old);
	tcase_add_test(tf, test_hs_different_compat_flags);
	tcase_add_test(tf, test_hs_common_caps);
	tcase_add_test(tf, test_hs_refused_seed);
	tcase_add_test(tf, test_hs_refused_at_mismatch);
	tcase_add_test(tf, test_hs_eof);
	tcase_add_test(tf, test_hs_garbage_version);
	tcase_add_test(tf, test_hs_long_vstring);
	tcase_add_test(tf, test_hs_no_common_checksum);
	tcase_add_test(tf, test_hs_write_fails);
	tcase_add_test(tf, test_hs_parse_failures);
	tcase_set_timeout(tf, 30);
	suite_add_tcase(s, tf);
	return s;
}
