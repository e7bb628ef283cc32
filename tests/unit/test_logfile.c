/* Unit tests of logfile.h: rsync's log line escapes and time stamp, and
 * what lands in a file. */
#include "suites.h"
#include "logfile.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

START_TEST(test_escape)
{
	static const struct {
		const char *in;
		size_t len;
		const char *out;
	} vec[] = {
		{ "plain", 5, "plain" },
		{ "tab\there", 8, "tab\there" },
		{ "esc\033x", 5, "esc\\#033x" },
		{ "nl\nx", 4, "nl\\#012x" },
		{ "\x7f", 1, "\x7f" },			/* DEL is no C0 byte */
		{ "c1\xc2\x81", 4, "c1\xc2\\#201" },	/* C1 bytes, even in UTF-8 */
		{ "\xc3\xa9", 2, "\xc3\xa9" },
		{ "\\#123", 5, "\\#134#123" },		/* reads as an escape */
		{ "\\#12", 4, "\\#12" },
		{ "a\\#123b", 7, "a\\#134#123b" },
		{ "nul\0x", 5, "nul\\#000x" },
	};
	char out[64];

	for (size_t i = 0; i < ARRAY_LEN(vec); i++) {
		size_t n = logfile_escape(vec[i].in, vec[i].len, out, sizeof out);

		REQUIRE(strcmp(out, vec[i].out) == 0 && n == strlen(vec[i].out),
			"case %zu: \"%s\"", i, out);
	}
	/* a short buffer takes whole escapes only */
	ck_assert_uint_eq(logfile_escape("ab\033", 3, out, 5), 7);
	ck_assert_str_eq(out, "ab");
}
END_TEST

START_TEST(test_stamp)
{
	char s[20];

	setenv("TZ", "UTC", 1);
	tzset();
	logfile_stamp(INT64_C(1796454605), s);
	ck_assert_str_eq(s, "2026/12/05 07:10:05");
}
END_TEST

/* Lines land behind the stamp and pid; a message is cut at a NUL, and
 * without its newline gets none (the next line runs on, as in rsync). */
START_TEST(test_write)
{
	char dir[] = "/tmp/relay-logfile-XXXXXX", path[64], text[512], again[512], want[64];
	struct logfile lf;
	struct stat st;
	int untrusted = 1;
	FILE *f;
	size_t n;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/log", dir);
	ck_assert_int_eq(logfile_open(&lf, path, 0, &untrusted), 0);
	ck_assert_int_eq(untrusted, 0);
	logfile_write(&lf, 0, "one\033\n", 5);
	logfile_write(&lf, 1, "two\0three\n", 10);
	logfile_write(&lf, 0, "four\n", 5);
	logfile_close(&lf);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0022, 0);
	f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	/* "YYYY/MM/DD HH:MM:SS [PID] " is 22 bytes and the pid */
	snprintf(want, sizeof want, " [%ld] one\\#033\n", (long)getpid());
	ck_assert_msg(n > 19 && strncmp(text + 19, want, strlen(want)) == 0, "%s", text);
	ck_assert_ptr_nonnull(strstr(text, "] two2"));	/* the next stamp follows */
	ck_assert_ptr_nonnull(strstr(text, "] four\n"));
	/* appended, never truncated */
	ck_assert_int_eq(logfile_open(&lf, path, 0, NULL), 0);
	logfile_write(&lf, 0, "five\n", 5);
	logfile_close(&lf);
	f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fread(again, 1, sizeof again - 1, f), n + 19 + strlen(want) - 4);
	fclose(f);
	ck_assert(memcmp(again, text, n) == 0);
	unlink(path);
	rmdir(dir);
}
END_TEST

Suite *logfile_suite(void)
{
	Suite *s = suite_create("logfile");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_escape);
	tcase_add_test(tc, test_stamp);
	tcase_add_test(tc, test_write);
	suite_add_tcase(s, tc);
	return s;
}
