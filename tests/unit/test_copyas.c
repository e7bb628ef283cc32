/* Unit tests of copyas.h: --copy-as read and judged as rsync's switch. */
#include "suites.h"
#include "copyas.h"

#include <string.h>

START_TEST(test_resolve)
{
	uid_t uid = 1;
	gid_t gid = 1;
	char err[128];

	ck_assert_int_eq(copyas_resolve("root", &uid, &gid, err, sizeof err), 0);
	ck_assert_int_eq(uid, 0);
	ck_assert_int_eq(gid, 0);
	ck_assert_int_eq(copyas_resolve("0:7", &uid, &gid, err, sizeof err), 0);
	ck_assert_int_eq(uid, 0);
	ck_assert_int_eq(gid, 7);
	ck_assert_int_eq(copyas_resolve("no-such-user-x", &uid, &gid, err, sizeof err), -1);
	ck_assert_str_eq(err, "Invalid copy-as user: no-such-user-x");
	ck_assert_int_eq(copyas_resolve("", &uid, &gid, err, sizeof err), -1);
	ck_assert_str_eq(err, "Invalid copy-as user: ");
	ck_assert_int_eq(copyas_resolve("root:", &uid, &gid, err, sizeof err), -1);
	ck_assert_str_eq(err, "Invalid copy-as group: ");
	ck_assert_int_eq(copyas_resolve("root:no-such-group-x", &uid, &gid, err, sizeof err), -1);
	ck_assert_str_eq(err, "Invalid copy-as group: no-such-group-x");
	/* a number without an entry has no group of its own */
	ck_assert_int_eq(copyas_resolve("4000000000", &uid, &gid, err, sizeof err), -1);
	ck_assert(strncmp(err, "rsync: getpwuid failed: ", 24) == 0);
}
END_TEST

START_TEST(test_permitted)
{
	char err[128];

	ck_assert_int_eq(copyas_permitted(0, 0, 0, 65534, 65534, err, sizeof err), 0);
	ck_assert_int_eq(copyas_permitted(1000, 1000, 1000, 65534, 65534, err, sizeof err), -1);
	ck_assert_str_eq(err, "rsync: setgid failed: Operation not permitted (1)");
	ck_assert_int_eq(copyas_permitted(1000, 1000, 1000, 1000, 1000, err, sizeof err), -1);
	ck_assert_str_eq(err, "rsync: setgroups failed: Operation not permitted (1)");
}
END_TEST

Suite *copyas_suite(void)
{
	Suite *s = suite_create("copyas");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_resolve);
	tcase_add_test(tc, test_permitted);
	suite_add_tcase(s, tc);
	return s;
}
