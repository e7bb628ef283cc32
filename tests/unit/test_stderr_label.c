/* Unit tests of the labelled remote-shell stderr (stderr_label.h): whole
 * lines get the tag, a line split between reads is printed once, an
 * unfinished last line at the end, CR LF loses its CR, an overlong line
 * goes in pieces, a stream that ended is closed, and a server's refusal
 * of an option is told (and hidden for --checksum-seed). */
#include "suites.h"
#include "report.h"
#include "seed.h"
#include "stderr_label.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *mem_buf;
static size_t mem_len;
static struct report rep;
static struct stderr_label lab;
static int wfd;

static void setup(void)
{
	FILE *mem = open_memstream(&mem_buf, &mem_len);

	ck_assert_ptr_nonnull(mem);
	report_init(&rep, stdout, mem, 0);
	stderr_label_init(&lab);
	wfd = stderr_label_open(&lab, 1, "destination", "web05");
	ck_assert_int_ge(wfd, 0);
}

static void teardown(void)
{
	if (wfd >= 0)
		close(wfd);
	stderr_label_finish(&lab, NULL, 0);
	fclose(rep.err);
	free(mem_buf);
}

static void put(const char *s)
{
	ck_assert_int_eq(write(wfd, s, strlen(s)), (ssize_t)strlen(s));
}

static void expect(const char *want)
{
	fflush(rep.err);
	ck_assert_str_eq(mem_buf, want);
}

START_TEST(whole_and_split_lines)
{
	struct pollfd pf[2];

	ck_assert_int_eq(stderr_label_pollfds(&lab, pf), 1);
	put("Permission denied, please try again.\r\nHost key ver");
	stderr_label_drain(&lab, &rep);
	expect("[destination web05] Permission denied, please try again.\n");
	put("ification failed.\n");
	stderr_label_drain(&lab, &rep);
	expect("[destination web05] Permission denied, please try again.\n"
	       "[destination web05] Host key verification failed.\n");
}
END_TEST

START_TEST(unfinished_line_at_the_end)
{
	struct pollfd pf[2];

	put("no newline");
	close(wfd);
	wfd = -1;
	stderr_label_finish(&lab, &rep, 1000);
	expect("[destination web05] no newline\n");
	ck_assert_int_eq(stderr_label_pollfds(&lab, pf), 0);
}
END_TEST

/* A server that refuses --checksum-seed (openrsync): its getopt line and
 * its usage are kept from the user, since the relay starts it again; the
 * refusal and its line are kept for the relay. */
START_TEST(seed_refusal_is_muted)
{
	const char *line;

	put("rsync: unrecognized option '--checksum-seed=5'\nusage: rsync [-DFP]\n"
	    "\t[--8-bit-output, -8]\n");
	close(wfd);
	wfd = -1;
	ck_assert_int_eq(stderr_label_refusal(&lab, 1, &rep, 1000, &line), SEED_LINE_SEED);
	ck_assert_str_eq(line, "rsync: unrecognized option '--checksum-seed=5'");
	expect("");
}
END_TEST

/* Another option refused is shown: the server's own words. */
START_TEST(option_refusal_is_shown)
{
	const char *line;

	put("ssh: connected\nrsync: unrecognized option '--info=name'\nusage: x\n");
	close(wfd);
	wfd = -1;
	ck_assert_int_eq(stderr_label_refusal(&lab, 1, &rep, 1000, &line), SEED_LINE_OPTION);
	ck_assert_str_eq(line, "rsync: unrecognized option '--info=name'");
	expect("[destination web05] ssh: connected\n"
	       "[destination web05] rsync: unrecognized option '--info=name'\n"
	       "[destination web05] usage: x\n");
}
END_TEST

/* No refusal: nothing to tell, everything shown. */
START_TEST(no_refusal)
{
	const char *line;

	put("Connection closed by remote host\n");
	close(wfd);
	wfd = -1;
	ck_assert_int_eq(stderr_label_refusal(&lab, 1, &rep, 1000, &line), SEED_LINE_OTHER);
	expect("[destination web05] Connection closed by remote host\n");
}
END_TEST

START_TEST(ended_stream_closes_on_drain)
{
	struct pollfd pf[2];

	put("a\n\nb");
	close(wfd);
	wfd = -1;
	stderr_label_drain(&lab, &rep);
	expect("[destination web05] a\n[destination web05] \n[destination web05] b\n");
	ck_assert_int_eq(stderr_label_pollfds(&lab, pf), 0);
}
END_TEST

/* An abandoned side's stream: what it holds and what comes later is
 * dropped, and it is polled no more. */
START_TEST(dropped_stream_says_nothing)
{
	struct pollfd pf[2];

	put("rsync: connection unexpectedly closed (0 bytes received so far) [Receiver]\nrsync er");
	stderr_label_drop(&lab, 1);
	ck_assert_int_eq(stderr_label_pollfds(&lab, pf), 0);
	stderr_label_drain(&lab, &rep);
	stderr_label_finish(&lab, &rep, 0);
	fflush(rep.err);
	ck_assert_msg(mem_buf == NULL || mem_buf[0] == '\0', "printed \"%s\"", mem_buf);
}
END_TEST

START_TEST(overlong_line_in_pieces)
{
	char line[STDERR_LABEL_LINE + 11];
	char *want = malloc(2 * STDERR_LABEL_LINE + 100);

	memset(line, 'x', sizeof line - 1);
	line[sizeof line - 1] = 0;
	put(line);
	put("\n");
	stderr_label_drain(&lab, &rep);
	sprintf(want, "[destination web05] %.*s\n[destination web05] xxxxxxxxxx\n",
		STDERR_LABEL_LINE, line);
	expect(want);
	free(want);
}
END_TEST

Suite *stderr_label_suite(void)
{
	Suite *s = suite_create("stderr_label");
	TCase *tc = tcase_create("lines");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, whole_and_split_lines);
	tcase_add_test(tc, unfinished_line_at_the_end);
	tcase_add_test(tc, ended_stream_closes_on_drain);
	tcase_add_test(tc, overlong_line_in_pieces);
	tcase_add_test(tc, dropped_stream_says_nothing);
	tcase_add_test(tc, seed_refusal_is_muted);
	tcase_add_test(tc, option_refusal_is_shown);
	tcase_add_test(tc, no_refusal);
	suite_add_tcase(s, tc);
	return s;
}
