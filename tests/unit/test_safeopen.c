/* Unit tests of safeopen.h: which symlinks a local open follows. */
#include "suites.h"
#include "safeopen.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

/* A tree in a fresh directory:
 *   file            "data"
 *   sub/inner       "inner"
 *   own -> file     (ours)
 *   abs -> DIR/file (absolute)
 *   subl -> sub     (a directory, through which inner is reached)
 *   loop -> loop */
static void setup(void)
{
	char p[PATH_MAX];
	FILE *f;

	strcpy(dir, "/tmp/safeopen-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_eq(chdir(dir), 0);
	f = fopen("file", "w");
	ck_assert_ptr_nonnull(f);
	fputs("data", f);
	fclose(f);
	ck_assert_int_eq(mkdir("sub", 0755), 0);
	f = fopen("sub/inner", "w");
	ck_assert_ptr_nonnull(f);
	fputs("inner", f);
	fclose(f);
	ck_assert_int_eq(symlink("file", "own"), 0);
	snprintf(p, sizeof p, "%s/file", dir);
	ck_assert_int_eq(symlink(p, "abs"), 0);
	ck_assert_int_eq(symlink("sub", "subl"), 0);
	ck_assert_int_eq(symlink("loop", "loop"), 0);
}

static void teardown(void)
{
	char cmd[128];

	ck_assert_int_eq(chdir("/"), 0);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* what the descriptor reads, or "" */
static const char *content(int fd)
{
	static char buf[32];
	ssize_t n = read(fd, buf, sizeof buf - 1);

	buf[n > 0 ? n : 0] = '\0';
	close(fd);
	return buf;
}

static int fails_with(const char *path, int flags)
{
	int fd = safeopen_no_attacker_symlinks(path, flags);

	if (fd >= 0) {
		close(fd);
		return 0;
	}
	return errno;
}

START_TEST(test_follows_own)
{
	char p[PATH_MAX];

	ck_assert_str_eq(content(safeopen_no_attacker_symlinks("file", O_RDONLY)), "data");
	ck_assert_str_eq(content(safeopen_no_attacker_symlinks("own", O_RDONLY)), "data");
	ck_assert_str_eq(content(safeopen_no_attacker_symlinks("abs", O_RDONLY)), "data");
	ck_assert_str_eq(content(safeopen_no_attacker_symlinks("subl/inner", O_RDONLY)),
			 "inner");
	ck_assert_str_eq(content(safeopen_no_attacker_symlinks("./sub//inner", O_RDONLY)),
			 "inner");
	ck_assert_str_eq(content(safeopen_no_attacker_symlinks("sub/../file", O_RDONLY)),
			 "data");
	snprintf(p, sizeof p, "%s/subl/inner", dir);
	ck_assert_str_eq(content(safeopen_no_attacker_symlinks(p, O_RDONLY)), "inner");
}
END_TEST

START_TEST(test_errors)
{
	int fd;

	ck_assert_int_eq(fails_with("", O_RDONLY), EINVAL);
	ck_assert_int_eq(fails_with("missing", O_RDONLY), ENOENT);
	ck_assert_int_eq(fails_with("file/x", O_RDONLY), ENOTDIR);
	ck_assert_int_eq(fails_with("sub/", O_RDONLY), EISDIR);
	ck_assert_int_eq(fails_with("loop", O_RDONLY), ELOOP);
	fd = safeopen_no_attacker_symlinks("subl/", O_RDONLY | O_DIRECTORY);
	ck_assert_int_ge(fd, 0);
	close(fd);
	fd = safeopen_no_attacker_symlinks("new", O_WRONLY | O_CREAT);
	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_int_eq(access("new", F_OK), 0);
}
END_TEST

/* Another user's symlink, as a leaf or a directory on the way, is refused
 * (needs root to make one); --insecure-links follows it. */
START_TEST(test_untrusted)
{
	int untrusted = 0, fd;

	if (geteuid() != 0)
		return;		/* only root can give a link away */
	ck_assert_int_eq(lchown("own", 65534, 65534), 0);
	ck_assert_int_eq(lchown("subl", 65534, 65534), 0);
	ck_assert_int_eq(fails_with("own", O_RDONLY), ELOOP);
	ck_assert_int_eq(fails_with("subl/inner", O_RDONLY), ELOOP);
	ck_assert_int_eq(safeopen_open("own", O_RDONLY, 0, &untrusted), -1);
	ck_assert_int_eq(untrusted, 1);
	ck_assert_int_eq(safeopen_open("loop", O_RDONLY, 0, &untrusted), -1);
	ck_assert_int_eq(untrusted, 0);
	fd = safeopen_open("subl/inner", O_RDONLY, 1, &untrusted);
	ck_assert_str_eq(content(fd), "inner");
	ck_assert_int_eq(untrusted, 0);
}
END_TEST

Suite *safeopen_suite(void)
{
	Suite *s = suite_create("safeopen");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_follows_own);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_untrusted);
	suite_add_tcase(s, tc);
	return s;
}
