/* Runs every unit test suite; exits non-zero when any test fails. */
#include "suites.h"

#include <stdlib.h>

int main(void)
{
	SRunner *sr;
	int failed;

	sr = srunner_create(wire_suite());
	srunner_add_suite(sr, options_suite());
	srunner_add_suite(sr, plan_suite());
	srunner_add_suite(sr, handshake_suite());
	srunner_add_suite(sr, flist_suite());
	srunner_add_suite(sr, sendstream_suite());
	srunner_add_suite(sr, genstream_suite());
	srunner_add_suite(sr, filter_suite());
	srunner_add_suite(sr, wildmatch_suite());
	srunner_add_suite(sr, filtercheck_suite());
	srunner_add_suite(sr, logfmt_suite());
	srunner_add_suite(sr, progress_suite());
	srunner_add_suite(sr, lz4_count_suite());
	srunner_add_suite(sr, deflate_count_suite());
	srunner_add_suite(sr, trust_suite());
	srunner_add_suite(sr, stderr_label_suite());
	srunner_add_suite(sr, dropin_suite());
	srunner_add_suite(sr, safeopen_suite());
	srunner_add_suite(sr, clientdebug_suite());
	srunner_add_suite(sr, copyas_suite());
	srunner_add_suite(sr, connectprog_suite());
	srunner_add_suite(sr, digest_suite());
	srunner_add_suite(sr, daemon_suite());
	srunner_add_suite(sr, refusal_suite());
	srunner_add_suite(sr, timelimit_suite());
	srunner_add_suite(sr, logfile_suite());
	srunner_add_suite(sr, seed_suite());

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
