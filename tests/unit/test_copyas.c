/* Unit tests of copyas.h: --copy-as read and judged as rsync's switch. */
#include "suites.h"
#include "copyas.h"
#include "userdb.h"

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

/* The static build's reading of /etc/passwd and /etc/group. */
START_TEST(test_userdb_text)
{
	static const char passwd[] =
		"root:x:0:0:root:/root:/bin/bash\n"
		"broken:x:12a:5::/:/bin/sh\n"
		"rootish:x:7:8::/:/bin/sh\n"
		"backup:x:34:34:backup:/var/backups:/usr/sbin/nologin";
	static const char group[] = "adm:x:4:syslog\nstaff:x:50:\n";
	unsigned long a, b;

	ck_assert_int_eq(userdb_find_text(passwd, sizeof passwd - 1, "backup", 0, &a, &b), 0);
	ck_assert_uint_eq(a, 34);
	ck_assert_uint_eq(b, 34);
	ck_assert_int_eq(userdb_find_text(passwd, sizeof passwd - 1, "rootish", 0, &a, &b), 0);
	ck_assert_uint_eq(a, 7);
	ck_assert_uint_eq(b, 8);
	ck_assert_int_eq(userdb_find_text(passwd, sizeof passwd - 1, "roo", 0, &a, &b), -1);
	ck_assert_int_eq(userdb_find_text(passwd, sizeof passwd - 1, "broken", 0, &a, &b), -1);
	ck_assert_int_eq(userdb_find_text(passwd, sizeof passwd - 1, NULL, 7, &a, &b), 0);
	ck_assert_uint_eq(b, 8);
	ck_assert_int_eq(userdb_find_text(passwd, sizeof passwd - 1, NULL, 99, &a, &b), -1);
	ck_assert_int_eq(userdb_find_text(group, sizeof group - 1, "staff", 0, &a, &b), 0);
	ck_assert_uint_eq(a, 50);
	ck_assert_uint_eq(b, 0);
	ck_assert_int_eq(userdb_find_text(group, sizeof group - 1, "nogroup", 0, &a, &b), -1);
	ck_assert_int_eq(userdb_find_text("", 0, "root", 0, &a, &b), -1);
}
END_TEST

Suite *copyas_suite(void)
{
	Suite *s = suite_create("copyas");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_resolve);
	tcase_add_test(tc, test_permitted);
	tcase_add_test(tc, test_userdb_text);
	suite_add_tcase(s, tc);
	return s;
}
