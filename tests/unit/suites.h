/* The unit test suites; unit_main.c runs them all. */
#ifndef RELAY_TEST_SUITES_H
#define RELAY_TEST_SUITES_H

#include <check.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Check records the place of every passing ck_assert, which costs a
 * system call; loops over many values call into Check only on failure. */
#define REQUIRE(cond, ...)                         \
	do {                                       \
		if (!(cond))                       \
			ck_abort_msg(__VA_ARGS__); \
	} while (0)

Suite *wire_suite(void);
Suite *options_suite(void);
Suite *plan_suite(void);
Suite *handshake_suite(void);
Suite *flist_suite(void);
Suite *sendstream_suite(void);
Suite *genstream_suite(void);
Suite *filter_suite(void);
Suite *wildmatch_suite(void);
Suite *filtercheck_suite(void);
Suite *logfmt_suite(void);
Suite *progress_suite(void);
Suite *trust_suite(void);
Suite *stderr_label_suite(void);
Suite *dropin_suite(void);
Suite *lz4_count_suite(void);
Suite *deflate_count_suite(void);
Suite *safeopen_suite(void);
Suite *clientdebug_suite(void);
Suite *copyas_suite(void);
Suite *connectprog_suite(void);
Suite *digest_suite(void);
Suite *daemon_suite(void);
Suite *refusal_suite(void);
Suite *timelimit_suite(void);
Suite *logfile_suite(void);
Suite *seed_suite(void);

#endif
