/* Unit tests for src/seed.c: a server's refusal of --checksum-seed read
 * from its stderr, the plan of seeds after a refusal, the verdict on two
 * seeds that differ, and a file's checksum made again for the other
 * seed. */
#include <string.h>

#include "digest.h"
#include "seed.h"
#include "suites.h"

static int classify(const char *line)
{
	return seed_refusal_line(line, strlen(line));
}

START_TEST(test_refusal_lines)
{
	/* getopt_long's words: glibc, FreeBSD and macOS, OpenBSD */
	ck_assert_int_eq(classify("rsync: unrecognized option '--checksum-seed=123'"),
			 SEED_LINE_SEED);
	ck_assert_int_eq(classify("rsync: unrecognized option `--checksum-seed=123'"),
			 SEED_LINE_SEED);
	ck_assert_int_eq(classify("openrsync: unknown option -- checksum-seed=123"),
			 SEED_LINE_SEED);
	ck_assert_int_eq(classify("rsync: unrecognized option '--no-such-thing'"),
			 SEED_LINE_OPTION);
	ck_assert_int_eq(classify("rsync: illegal option -- Z"), SEED_LINE_OPTION);
	/* the option's name must come after the words */
	ck_assert_int_eq(classify("--checksum-seed=1: unrecognized option '--x'"),
			 SEED_LINE_OPTION);
	ck_assert_int_eq(classify("usage: rsync [-DFP]"), SEED_LINE_OTHER);
	/* OpenSSH on its own options: no program name first */
	ck_assert_int_eq(classify("unknown option -- Z"), SEED_LINE_OTHER);
	ck_assert_int_eq(classify("./openrsync: unrecognized option '--checksum-seed=5'"),
			 SEED_LINE_SEED);
	ck_assert_int_eq(classify("Permission denied (publickey)."), SEED_LINE_OTHER);
	ck_assert_int_eq(seed_refusal_line("unknown", 7), SEED_LINE_OTHER);
	/* only len bytes are read */
	ck_assert_int_eq(seed_refusal_line("rsync: unrecognized option '--checksum-seed=1'", 29),
			 SEED_LINE_OPTION);
}
END_TEST

START_TEST(test_plan)
{
	struct seed_plan sp;

	seed_plan_init(&sp, 77);
	ck_assert_int_eq(sp.seed[0], 77);
	ck_assert_int_eq(sp.seed[1], 77);
	ck_assert_int_eq(sp.first, -1);
	ck_assert_int_eq(seed_plan_none(&sp), 0);

	/* the destination refuses: it goes first, without a seed */
	seed_plan_refused(&sp, 1, 0);
	ck_assert_int_eq(sp.first, 1);
	ck_assert_int_eq(sp.seed[1], 0);
	ck_assert_int_eq(seed_plan_none(&sp), 0);

	/* then the source refuses the destination's seed: none for either */
	sp.seed[0] = 4242;
	seed_plan_refused(&sp, 0, 0);
	ck_assert_int_eq(sp.first, -1);
	ck_assert_int_eq(sp.seed[0], 0);
	ck_assert_int_eq(sp.seed[1], 0);
	ck_assert_int_eq(seed_plan_none(&sp), 1);

	/* alone (a listing, or a daemon on the other side): no seeds */
	seed_plan_init(&sp, 77);
	seed_plan_refused(&sp, 0, 1);
	ck_assert_int_eq(sp.first, -1);
	ck_assert_int_eq(sp.seed[0], 0);
	ck_assert_int_eq(sp.seed[1], 0);
	ck_assert_int_eq(seed_plan_none(&sp), 0);
}
END_TEST

START_TEST(test_follows_version)
{
	ck_assert_int_eq(seed_follows_version(32, 27), 1);
	ck_assert_int_eq(seed_follows_version(32, 29), 1);
	ck_assert_int_eq(seed_follows_version(28, 32), 1);
	ck_assert_int_eq(seed_follows_version(32, 30), 0);
	ck_assert_int_eq(seed_follows_version(31, 32), 0);
}
END_TEST

START_TEST(test_verdict)
{
	char msg[512];

	ck_assert_int_eq(seed_verdict(27, "md4", 0, 5, 5, 0, msg, sizeof msg), SEED_SAME);
	ck_assert_int_eq(seed_verdict(32, "xxh128", 0, 5, 6, 0, msg, sizeof msg), SEED_WARN);
	ck_assert_ptr_nonnull(strstr(msg, "(5 and 6)"));
	ck_assert_ptr_nonnull(strstr(msg, "same --checksum-seed"));
	ck_assert_int_eq(seed_verdict(30, "md5", 1, 5, 6, 1, msg, sizeof msg), SEED_WARN);
	ck_assert_ptr_nonnull(strstr(msg, "neither server takes --checksum-seed"));
	ck_assert_ptr_null(strstr(msg, "give both"));
	/* md4 below 30 starts with the seed: made again, or with -z fatal */
	ck_assert_int_eq(seed_verdict(29, "md4", 0, 5, 6, 0, msg, sizeof msg), SEED_RESIGN);
	ck_assert_ptr_nonnull(strstr(msg, "checksum again"));
	ck_assert_int_eq(seed_verdict(27, "md4", 0, 5, 6, 1, msg, sizeof msg), SEED_RESIGN);
	ck_assert_int_eq(seed_verdict(27, "md4", 1, 5, 6, 1, msg, sizeof msg), SEED_FATAL);
	ck_assert_ptr_nonnull(strstr(msg, "no file would verify"));
	/* --checksum-choice=md5 below 30: no seed in it */
	ck_assert_int_eq(seed_verdict(28, "md5", 1, 5, 6, 0, msg, sizeof msg), SEED_WARN);
}
END_TEST

/* md4 of the seed's four bytes (little-endian) and the data */
static void expected(int32_t seed, const char *data, unsigned char out[DIGEST_MAX_LEN])
{
	struct digest_ctx c;
	unsigned char b[4] = { (unsigned char)(seed & 0xFF), (unsigned char)((seed >> 8) & 0xFF),
			       (unsigned char)((seed >> 16) & 0xFF),
			       (unsigned char)((seed >> 24) & 0xFF) };

	digest_init(&c, DIGEST_MD4);
	digest_update(&c, b, 4);
	digest_update(&c, data, strlen(data));
	digest_final(&c, out);
}

START_TEST(test_resign)
{
	static const char data[] = "hello, world\nand a second line of the file\n";
	unsigned char a[DIGEST_MAX_LEN], b[DIGEST_MAX_LEN], out[16];
	struct seed_resign rs;

	expected(0x01020304, data, a);
	expected(-7, data, b);
	ck_assert(memcmp(a, b, 16) != 0);

	/* the data in pieces; the sender's sum turns into the receiver's */
	seed_resign_init(&rs, 0x01020304, -7);
	seed_resign_data(&rs, (const unsigned char *)data, 5);
	seed_resign_data(&rs, (const unsigned char *)data + 5, sizeof data - 1 - 5);
	ck_assert_int_eq(seed_resign_sum(&rs, a, out), 1);
	ck_assert(memcmp(out, b, 16) == 0);

	/* a sum that is not the sender's over this data goes on unchanged */
	seed_resign_start(&rs);
	seed_resign_data(&rs, (const unsigned char *)data, sizeof data - 2);
	ck_assert_int_eq(seed_resign_sum(&rs, a, out), 0);

	/* a reused block: its data was never seen */
	seed_resign_start(&rs);
	seed_resign_data(&rs, (const unsigned char *)data, sizeof data - 1);
	seed_resign_match(&rs);
	ck_assert_int_eq(seed_resign_sum(&rs, a, out), 0);

	/* the next file starts afresh */
	seed_resign_start(&rs);
	seed_resign_data(&rs, (const unsigned char *)data, sizeof data - 1);
	ck_assert_int_eq(seed_resign_sum(&rs, a, out), 1);
	ck_assert(memcmp(out, b, 16) == 0);
}
END_TEST

Suite *seed_suite(void)
{
	Suite *s = suite_create("seed");
	TCase *tc = tcase_create("seed");

	tcase_add_test(tc, test_refusal_lines);
	tcase_add_test(tc, test_plan);
	tcase_add_test(tc, test_follows_version);
	tcase_add_test(tc, test_verdict);
	tcase_add_test(tc, test_resign);
	suite_add_tcase(s, tc);
	return s;
}
