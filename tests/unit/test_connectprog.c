/* Unit tests of connectprog.h: RSYNC_CONNECT_PROG's command as rsync's
 * client makes it. */
#include "suites.h"
#include "connectprog.h"

#include <stdlib.h>

START_TEST(test_unsafe_host)
{
	ck_assert_int_eq(connectprog_unsafe_host("example.com"), 0);
	ck_assert_int_eq(connectprog_unsafe_host("fe80::1%eth0"), 0);
	ck_assert_int_eq(connectprog_unsafe_host("a-b+c~d_e"), 0);
	ck_assert_int_eq(connectprog_unsafe_host(""), 1);
	ck_assert_int_eq(connectprog_unsafe_host("-x"), 1);
	ck_assert_int_eq(connectprog_unsafe_host("+x"), 1);
	ck_assert_int_eq(connectprog_unsafe_host("~root"), 1);
	ck_assert_int_eq(connectprog_unsafe_host("%self"), 1);
	ck_assert_int_eq(connectprog_unsafe_host("a;b"), 1);
	ck_assert_int_eq(connectprog_unsafe_host("a b"), 1);
	ck_assert_int_eq(connectprog_unsafe_host("a'b"), 1);
	ck_assert_int_eq(connectprog_unsafe_host("a$b"), 1);
}
END_TEST

static void check_command(const char *prog, const char *host, const char *want)
{
	char *got = connectprog_command(prog, host);

	ck_assert_ptr_nonnull(got);
	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(test_command)
{
	check_command("nc %H 873", "web04", "nc 'web04' 873");
	check_command("ssh proxy nc %H 873 # %H", "h", "ssh proxy nc 'h' 873 # 'h'");
	check_command("echo 100%% %x %", "h", "echo 100% %x %");
	check_command("rsync --daemon", "h", "rsync --daemon");
	/* a quote (refused before, by connectprog_unsafe_host) stays data */
	check_command("x %H", "a'b", "x 'a'\\''b'");
}
END_TEST

Suite *connectprog_suite(void)
{
	Suite *s = suite_create("connectprog");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_unsafe_host);
	tcase_add_test(tc, test_command);
	suite_add_tcase(s, tc);
	return s;
}
