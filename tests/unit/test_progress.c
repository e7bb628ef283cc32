/* Unit tests of the --progress and --info=progress2 lines (progress.h).
 *
 * The "recorded" cases are byte streams of rsync 3.5.0's client in the C
 * locale: local copies ("rsync -r --progress SRC/ DST/", with
 * --info=progress2, -v, -h, -hh, --no-h, --bwlimit for live lines) and,
 * for "ir-chk", a pull of 3000 one-file directories through a remote
 * shell script that runs the server command it is given.  The clock
 * values fed here are the ones that give rsync's rates; the file names
 * and other lines between the progress lines are printed by the test as
 * a caller would.  The other cases follow rsync's progress.c.
 */
#include "suites.h"
#include "progress.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *mem_buf;
static size_t mem_len;
static FILE *mem;
static size_t seen;	/* bytes already checked by expect() */

static void setup(void)
{
	mem_buf = NULL;
	mem_len = 0;
	seen = 0;
	mem = open_memstream(&mem_buf, &mem_len);
	ck_assert_ptr_nonnull(mem);
}

static void teardown(void)
{
	fclose(mem);
	free(mem_buf);
}

/* s with \r and \n spelled out, for failure messages. */
static char *visible(const char *s)
{
	char *out = malloc(strlen(s) * 2 + 1);
	char *o = out;

	ck_assert_ptr_nonnull(out);
	for (; *s; s++) {
		if (*s == '\r' || *s == '\n') {
			*o++ = '\\';
			*o++ = *s == '\r' ? 'r' : 'n';
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

/* What was printed since the last call equals want. */
static void expect(const char *want)
{
	const char *got;

	fflush(mem);
	got = mem_buf ? mem_buf + seen : "";
	if (strlen(got) != mem_len - seen || strcmp(got, want) != 0)
		ck_abort_msg("printed\n  \"%s\"\nwanted\n  \"%s\"",
			     visible(got), visible(want));
	seen = mem_len;
}

static struct progress_counts counts(int xfr, int left, int total, int done)
{
	struct progress_counts c = { xfr, left, total, done };

	return c;
}

/* The tail of a last line. */
#define TO(x, r, t) " (xfr#" #x ", to-chk=" #r "/" #t ")"
#define IR(x, r, t) " (xfr#" #x ", ir-chk=" #r "/" #t ")"

/* rsync -r --progress SRC/ DST/ with files f01..f11 of i*1000+7 bytes:
 * each file shows one live line and its last line. */
START_TEST(test_recorded_files)
{
	static const char *const want[] = {
		"f01\n"
		"\r          1,007 100%    0.00kB/s    0:00:00  "
		"\r          1,007 100%    0.00kB/s    0:00:00" TO(1, 10, 12) "\n",
		"f02\n"
		"\r          2,007 100%    1.91MB/s    0:00:00  "
		"\r          2,007 100%    1.91MB/s    0:00:00" TO(2, 9, 12) "\n",
		"f03\n"
		"\r          3,007 100%    2.87MB/s    0:00:00  "
		"\r          3,007 100%    2.87MB/s    0:00:00" TO(3, 8, 12) "\n",
		"f04\n"
		"\r          4,007 100%    3.82MB/s    0:00:00  "
		"\r          4,007 100%    3.82MB/s    0:00:00" TO(4, 7, 12) "\n",
		"f05\n"
		"\r          5,007 100%    4.78MB/s    0:00:00  "
		"\r          5,007 100%    4.78MB/s    0:00:00" TO(5, 6, 12) "\n",
		"f06\n"
		"\r          6,007 100%    5.73MB/s    0:00:00  "
		"\r          6,007 100%    5.73MB/s    0:00:00" TO(6, 5, 12) "\n",
		"f07\n"
		"\r          7,007 100%    6.68MB/s    0:00:00  "
		"\r          7,007 100%    6.68MB/s    0:00:00" TO(7, 4, 12) "\n",
		"f08\n"
		"\r          8,007 100%    7.64MB/s    0:00:00  "
		"\r          8,007 100%    7.64MB/s    0:00:00" TO(8, 3, 12) "\n",
		"f09\n"
		"\r          9,007 100%    8.59MB/s    0:00:00  "
		"\r          9,007 100%    8.59MB/s    0:00:00" TO(9, 2, 12) "\n",
		"f10\n"
		"\r         10,007 100%    9.54MB/s    0:00:00  "
		"\r         10,007 100%    9.54MB/s    0:00:00" TO(10, 1, 12) "\n",
		"f11\n"
		"\r         11,007 100%   10.50MB/s    0:00:00  "
		"\r         11,007 100%   10.50MB/s    0:00:00" TO(11, 0, 12) "\n",
	};
	struct progress p;

	progress_init(&p, mem, 1, 1, 0);
	for (int i = 1; i <= 11; i++) {
		int64_t size = i * 1000 + 7;
		/* The first file starts afresh; each next one follows within
		 * 1.5 s, so its bytes count from the previous sample. */
		int64_t now = i == 1 ? 0 : 1;
		struct progress_counts c = counts(i, 11 - i, 12, 1);

		progress_break_line(&p);
		fprintf(mem, "f%02d\n", i);
		progress_show(&p, size, size, now);
		progress_end_file(&p, size, size, &c, now);
		expect(want[i - 1]);
	}
	progress_finish(&p);
	expect("");
}
END_TEST

/* The same copy with --info=progress2: one live line, then every file's
 * last line stays open; the one of f02 is a space longer than the tail
 * before it; the ones after are not padded (only the previous tail
 * counts).  The last line comes again when the list is done, then the
 * newline that ends the run. */
START_TEST(test_recorded_progress2)
{
	static const char *const lines[] = {
		"\r          1,007   1%    0.00kB/s    0:00:00" TO(1, 10, 12),
		"\r          3,014   4%    1.91MB/s    0:00:00" TO(2, 9, 12) " ",
		"\r          6,021   9%    4.78MB/s    0:00:00" TO(3, 8, 12),
		"\r         10,028  15%    8.60MB/s    0:00:00" TO(4, 7, 12),
		"\r         15,035  22%   13.38MB/s    0:00:00" TO(5, 6, 12),
		"\r         21,042  31%   19.11MB/s    0:00:00" TO(6, 5, 12),
		"\r         28,049  42%   25.79MB/s    0:00:00" TO(7, 4, 12),
		"\r         36,056  54%   33.43MB/s    0:00:00" TO(8, 3, 12),
		"\r         45,063  68%   42.02MB/s    0:00:00" TO(9, 2, 12),
		"\r         55,070  83%   51.56MB/s    0:00:00" TO(10, 1, 12),
		"\r         66,077 100%   62.06MB/s    0:00:00" TO(11, 0, 12),
	};
	const int64_t total = 66077;
	int64_t done = 0;
	struct progress p;
	struct progress_counts c;

	progress_init(&p, mem, 2, 1, 0);
	for (int i = 1; i <= 11; i++) {
		int64_t now = i == 1 ? 0 : 1;

		done += i * 1000 + 7;
		c = counts(i, 11 - i, 12, 1);
		progress_show(&p, done, total, now);
		if (i == 1)
			expect("\r          1,007   1%    0.00kB/s    0:00:00  ");
		progress_end_file(&p, done, total, &c, now);
		expect(lines[i - 1]);
	}
	progress_end_file(&p, done, total, &c, 3);
	expect("\r         66,077 100%   20.69MB/s    0:00:00" TO(11, 0, 12));
	progress_finish(&p);
	expect("\n");
}
END_TEST

/* rsync -rv --info=progress2: a name line first ends the open line. */
START_TEST(test_recorded_progress2_verbose)
{
	struct progress p;
	struct progress_counts c;

	progress_init(&p, mem, 2, 1, 0);
	progress_break_line(&p);
	fputs("f01\n", mem);
	progress_show(&p, 1007, 66077, 0);
	c = counts(1, 10, 12, 1);
	progress_end_file(&p, 1007, 66077, &c, 0);
	progress_break_line(&p);
	fputs("f02\n", mem);
	progress_show(&p, 3014, 66077, 1);
	c = counts(2, 9, 12, 1);
	progress_end_file(&p, 3014, 66077, &c, 1);
	progress_break_line(&p);
	fputs("f03\n", mem);
	progress_show(&p, 6021, 66077, 1);
	c = counts(3, 8, 12, 1);
	progress_end_file(&p, 6021, 66077, &c, 1);
	progress_break_line(&p);
	fputs("f04\n", mem);
	expect("f01\n"
	       "\r          1,007   1%    0.00kB/s    0:00:00  "
	       "\r          1,007   1%    0.00kB/s    0:00:00" TO(1, 10, 12) "\n"
	       "f02\n"
	       "\r          3,014   4%    1.91MB/s    0:00:00" TO(2, 9, 12) " \n"
	       "f03\n"
	       "\r          6,021   9%    4.78MB/s    0:00:00" TO(3, 8, 12) "\n"
	       "f04\n");
}
END_TEST

/* rsync --progress --bwlimit=500 big DST/ (3,000,000 bytes): live lines
 * once a second, their rate over the last samples, their time the time
 * left; the last line shows the rate over the file and the time taken. */
START_TEST(test_recorded_live)
{
	struct progress p;
	struct progress_counts c = counts(1, 0, 1, 1);

	progress_init(&p, mem, 1, 1, 0);
	fputs("big\n", mem);
	progress_show(&p, 32768, 3000000, 0);
	progress_show(&p, 294912, 3000000, 500);	/* too soon */
	progress_show(&p, 557056, 3000000, 1020);
	progress_show(&p, 1081344, 3000000, 2043);
	progress_show(&p, 1605632, 3000000, 3067);
	progress_show(&p, 2129920, 3000000, 4091);
	progress_show(&p, 2654208, 3000000, 5114);
	progress_end_file(&p, 3000000, 3000000, &c, 5755);
	expect("big\n"
	       "\r         32,768   1%    0.00kB/s    0:00:00  "
	       "\r        557,056  18%  501.96kB/s    0:00:04  "
	       "\r      1,081,344  36%  501.22kB/s    0:00:03  "
	       "\r      1,605,632  53%  500.82kB/s    0:00:02  "
	       "\r      2,129,920  70%  500.61kB/s    0:00:01  "
	       "\r      2,654,208  88%  500.24kB/s    0:00:00  "
	       "\r      3,000,000 100%  503.51kB/s    0:00:05" TO(1, 0, 1) "\n");
}
END_TEST

/* A share the caller cannot know (size < 0, -z with zstd): "??" where
 * the percentage and the time left would be; the file's end as rsync's. */
START_TEST(test_unknown_share)
{
	struct progress p;
	struct progress_counts c = counts(1, 0, 1, 1);

	progress_init(&p, mem, 1, 1, 0);
	progress_show(&p, 0, -1, 0);
	progress_show(&p, 512000, -1, 1000);
	progress_end_file(&p, 3000000, 3000000, &c, 2000);
	expect("\r              0  ??%    0.00kB/s   ??:??:??  "
	       "\r        512,000  ??%  500.00kB/s   ??:??:??  "
	       "\r      3,000,000 100%    1.43MB/s    0:00:02" TO(1, 0, 1) "\n");
}
END_TEST

/* rsync -h --progress --bwlimit=1000 big DST/: -h prints units of 1000. */
START_TEST(test_recorded_human)
{
	struct progress p;
	struct progress_counts c = counts(1, 0, 1, 1);

	progress_init(&p, mem, 1, 2, 0);
	progress_show(&p, 32768, 3000000, 0);
	progress_show(&p, 1081344, 3000000, 1020);
	progress_show(&p, 2129920, 3000000, 2044);
	progress_end_file(&p, 3000000, 3000000, &c, 2795);
	expect("\r         32.77K   1%    0.00kB/s    0:00:00  "
	       "\r          1.08M  36% 1003.92kB/s    0:00:01  "
	       "\r          2.13M  70% 1001.96kB/s    0:00:00  "
	       "\r          3.00M 100%    1.01MB/s    0:00:02" TO(1, 0, 1) "\n");
}
END_TEST

/* rsync -hh --info=progress2 --bwlimit=1000 big f11 DST/: units of 1024;
 * f11's data comes less than a second after the last live line. */
START_TEST(test_recorded_human_progress2)
{
	const int64_t total = 3011007;
	struct progress p;
	struct progress_counts c = counts(1, 1, 2, 1);

	progress_init(&p, mem, 2, 3, 0);
	progress_show(&p, 32768, total, 0);
	progress_show(&p, 1081344, total, 1020);
	progress_show(&p, 2129920, total, 2043);
	progress_end_file(&p, 3000000, total, &c, 2795);
	progress_show(&p, total, total, 2800);
	c = counts(2, 0, 2, 1);
	progress_end_file(&p, total, total, &c, 2800);
	progress_end_file(&p, total, total, &c, 2800);
	progress_end_file(&p, total, total, &c, 2937);
	progress_end_file(&p, total, total, &c, 2937);
	progress_finish(&p);
	expect("\r         32.00K   1%    0.00kB/s    0:00:00  "
	       "\r          1.03M  35% 1003.92kB/s    0:00:01  "
	       "\r          2.03M  70% 1002.45kB/s    0:00:00  "
	       "\r          2.86M  99%    1.01MB/s    0:00:02" TO(1, 1, 2)
	       "\r          2.87M 100%    1.01MB/s    0:00:02" TO(2, 0, 2)
	       "\r          2.87M 100%    1.01MB/s    0:00:02" TO(2, 0, 2)
	       "\r          2.87M 100%  990.27kB/s    0:00:02" TO(2, 0, 2)
	       "\r          2.87M 100%  990.27kB/s    0:00:02" TO(2, 0, 2) "\n");
}
END_TEST

/* rsync --no-h --progress f11 DST/ and rsync --progress empty DST/ (an
 * empty file shows no live line, and no rate: no bytes over 1 ms). */
START_TEST(test_recorded_plain_and_empty)
{
	struct progress p;
	struct progress_counts c = counts(1, 0, 1, 1);

	progress_init(&p, mem, 1, 0, 0);
	progress_show(&p, 11007, 11007, 0);
	progress_end_file(&p, 11007, 11007, &c, 0);
	expect("\r          11007 100%    0.00kB/s    0:00:00  "
	       "\r          11007 100%    0.00kB/s    0:00:00" TO(1, 0, 1) "\n");

	progress_init(&p, mem, 1, 1, 0);
	progress_end_file(&p, 0, 0, &c, 5000);
	expect("\r              0 100%    0.00kB/s    0:00:00" TO(1, 0, 1) "\n");
}
END_TEST

/* A pull of 3000 one-file directories: "ir-chk" while the file list
 * grows, "to-chk" once it is complete.  A receiver shows offset 0 before
 * the data. */
START_TEST(test_recorded_ir_chk)
{
	struct progress p;
	struct progress_counts c;

	progress_init(&p, mem, 1, 1, 0);
	progress_show(&p, 0, 2, 0);
	c = counts(1, 1000, 4002, 0);
	progress_end_file(&p, 2, 2, &c, 0);
	progress_show(&p, 0, 3, 1);
	c = counts(2, 1000, 4003, 0);
	progress_end_file(&p, 3, 3, &c, 1);
	/* A file from later in that run, once the list was complete; its
	 * start is the last sample's time (0), 245 ms back. */
	progress_show(&p, 0, 5, 245);
	c = counts(2000, 1000, 6001, 1);
	progress_end_file(&p, 5, 5, &c, 245);
	expect("\r              0   0%    0.00kB/s    0:00:00  "
	       "\r              2 100%    1.95kB/s    0:00:00" IR(1, 1000, 4002) "\n"
	       "\r              0   0%    0.00kB/s    0:00:00  "
	       "\r              3 100%    2.93kB/s    0:00:00" IR(2, 1000, 4003) "\n"
	       "\r              0   0%    0.00kB/s    0:00:00  "
	       "\r              5 100%    0.02kB/s    0:00:00" TO(2000, 1000, 6001) "\n");

	/* The same with --info=progress2 (the total is made up: rsync
	 * showed 0%). */
	progress_init(&p, mem, 2, 1, 0);
	progress_show(&p, 0, 15000, 0);
	c = counts(1, 1000, 4002, 0);
	progress_end_file(&p, 2, 15000, &c, 1);
	progress_end_file(&p, 2, 15000, &c, 1);
	progress_show(&p, 2, 15000, 1);
	c = counts(2, 1000, 4003, 0);
	progress_end_file(&p, 5, 15000, &c, 1);
	expect("\r              0   0%    0.00kB/s    0:00:00  "
	       "\r              2   0%    1.95kB/s    0:00:00" IR(1, 1000, 4002)
	       "\r              2   0%    1.95kB/s    0:00:00" IR(1, 1000, 4002)
	       "\r              5   0%    4.88kB/s    0:00:00" IR(2, 1000, 4003));
}
END_TEST

/* At most one live line a second, counted from the last one printed. */
START_TEST(test_throttle)
{
	struct progress p;

	progress_init(&p, mem, 1, 1, 0);
	progress_show(&p, 0, 1000000, 0);
	expect("\r              0   0%    0.00kB/s    0:00:00  ");
	progress_show(&p, 1024, 1000000, 600);
	progress_show(&p, 2048, 1000000, 999);
	expect("");
	progress_show(&p, 10240, 1000000, 1000);
	expect("\r         10,240   1%   10.00kB/s    0:01:38  ");
	progress_show(&p, 20480, 1000000, 1999);
	expect("");
	progress_show(&p, 20480, 1000000, 2000);
	expect("\r         20,480   2%   10.00kB/s    0:01:37  ");

	/* A clock that went back before the start looks like a very long
	 * wait: a line at once, with no rate (rsync's unsigned msdiff). */
	progress_init(&p, mem, 1, 1, 0);
	progress_show(&p, 0, 1000000, 5000);
	progress_show(&p, 1024, 1000000, 4000);
	expect("\r              0   0%    0.00kB/s    0:00:00  "
	       "\r          1,024   0%    0.00kB/s   ??:??:??  ");
}
END_TEST

/* The live rate is over the last 4 seconds (5 samples), not the file. */
START_TEST(test_history)
{
	static const int64_t ofs[] = { 0, 10240, 20480, 30720, 40960, 143360, 153600 };
	static const char *const want[] = {
		"\r              0   0%    0.00kB/s    0:00:00  ",
		"\r         10,240   1%   10.00kB/s    0:01:38  ",
		"\r         20,480   2%   10.00kB/s    0:01:37  ",
		"\r         30,720   3%   10.00kB/s    0:01:36  ",
		"\r         40,960   4%   10.00kB/s    0:01:35  ",
		"\r        143,360  14%   32.50kB/s    0:00:26  ",
		"\r        153,600  15%   32.50kB/s    0:00:26  ",
	};
	struct progress p;

	progress_init(&p, mem, 1, 1, 0);
	for (int i = 0; i < (int)ARRAY_LEN(ofs); i++) {
		progress_show(&p, ofs[i], 1000000, i * 1000);
		expect(want[i]);
	}
}
END_TEST

/* A file whose data follows the newest sample within 1.5 s counts its
 * bytes from that sample; later than that it starts at its first call. */
START_TEST(test_start_guess)
{
	struct progress p;
	struct progress_counts c;

	progress_init(&p, mem, 1, 1, 0);
	progress_show(&p, 50, 100, 10000);
	c = counts(1, 1, 2, 1);
	progress_end_file(&p, 100, 100, &c, 10300);
	progress_show(&p, 4096, 8192, 11500);
	c = counts(2, 0, 2, 1);
	progress_end_file(&p, 8192, 8192, &c, 13000);
	expect("\r             50  50%    0.00kB/s    0:00:00  "
	       "\r            100 100%    0.16kB/s    0:00:00" TO(1, 1, 2) "\n"
	       "\r          4,096  50%    2.67kB/s    0:00:01  "
	       "\r          8,192 100%    2.67kB/s    0:00:03" TO(2, 0, 2) "\n");

	/* 1501 ms: the second file starts at its first call. */
	progress_init(&p, mem, 1, 1, 0);
	progress_show(&p, 50, 100, 10000);
	c = counts(1, 1, 2, 1);
	progress_end_file(&p, 100, 100, &c, 10300);
	progress_show(&p, 4096, 8192, 11501);
	c = counts(2, 0, 2, 1);
	progress_end_file(&p, 8192, 8192, &c, 13501);
	expect("\r             50  50%    0.00kB/s    0:00:00  "
	       "\r            100 100%    0.16kB/s    0:00:00" TO(1, 1, 2) "\n"
	       "\r          4,096  50%    0.00kB/s    0:00:00  "
	       "\r          8,192 100%    2.00kB/s    0:00:02" TO(2, 0, 2) "\n");

	/* The newest sample is the last live line (1000), not the start of
	 * the file (0) nor its end (1800). */
	progress_init(&p, mem, 1, 1, 0);
	progress_show(&p, 0, 20480, 0);
	progress_show(&p, 10240, 20480, 1000);
	c = counts(1, 1, 2, 1);
	progress_end_file(&p, 20480, 20480, &c, 1800);
	progress_show(&p, 1024, 4096, 2500);
	expect("\r              0   0%    0.00kB/s    0:00:00  "
	       "\r         10,240  50%   10.00kB/s    0:00:01  "
	       "\r         20,480 100%   11.11kB/s    0:00:01" TO(1, 1, 2) "\n"
	       "\r          1,024  25%    0.67kB/s    0:00:04  ");
}
END_TEST

/* kB/s up to 1024 inclusive, then MB/s, then GB/s above 1024 MB/s. */
START_TEST(test_units)
{
	static const struct {
		int64_t ofs;
		const char *want;
	} cases[] = {
		{ 1048576, "\r      1,048,576  50% 1024.00kB/s    0:00:01  " },
		{ 1048577, "\r      1,048,577  50%    1.00MB/s    0:00:01  " },
		{ 1073741824, "\r  1,073,741,824  50% 1024.00MB/s    0:00:01  " },
		{ 1073742848, "\r  1,073,742,848  50%    1.00GB/s    0:00:01  " },
		{ 107374182400, "\r107,374,182,400  50%  100.00GB/s    0:00:01  " },
	};

	for (int i = 0; i < (int)ARRAY_LEN(cases); i++) {
		struct progress p;
		/* Half done in one second: 1.024 s left by rsync's sum. */
		int64_t size = 2 * cases[i].ofs;

		progress_init(&p, mem, 1, 1, 0);
		progress_show(&p, 0, size, 0);
		expect("\r              0   0%    0.00kB/s    0:00:00  ");
		progress_show(&p, cases[i].ofs, size, 1000);
		expect(cases[i].want);
	}
}
END_TEST

/* "??:??:??" when the time is negative or above 9999 hours. */
START_TEST(test_unknown_time)
{
	struct progress p;
	struct progress_counts c = counts(1, 0, 1, 1);

	/* More bytes than the size: negative time left, and over 100%. */
	progress_init(&p, mem, 1, 1, 0);
	progress_show(&p, 0, 1000, 0);
	progress_show(&p, 2048, 1000, 1000);
	expect("\r              0   0%    0.00kB/s    0:00:00  "
	       "\r          2,048 204%    2.00kB/s   ??:??:??  ");

	/* 1 kB/s with 10^12 bytes left. */
	progress_init(&p, mem, 1, 1, 0);
	progress_show(&p, 0, 1000000000000, 0);
	progress_show(&p, 1024, 1000000000000, 1000);
	expect("\r              0   0%    0.00kB/s    0:00:00  "
	       "\r          1,024   0%    1.00kB/s   ??:??:??  ");

	/* A file that took exactly 9999 hours, and one 1 ms longer. */
	progress_init(&p, mem, 1, 1, 0);
	progress_show(&p, 0, 1, 0);
	progress_end_file(&p, 1, 1, &c, INT64_C(35996400000));
	progress_show(&p, 0, 1, 0);
	progress_end_file(&p, 1, 1, &c, INT64_C(35996400001));
	expect("\r              0   0%    0.00kB/s    0:00:00  "
	       "\r              1 100%    0.00kB/s 9999:00:00" TO(1, 0, 1) "\n"
	       "\r              0   0%    0.00kB/s    0:00:00  "
	       "\r              1 100%    0.00kB/s   ??:??:??" TO(1, 0, 1) "\n");
}
END_TEST

/* Percent: 100 only when complete, else truncated; numbers wider than
 * the field are not cut. */
START_TEST(test_percent_and_width)
{
	struct progress p;

	progress_init(&p, mem, 1, 1, 0);
	progress_show(&p, 999, 1000, 0);
	expect("\r            999  99%    0.00kB/s    0:00:00  ");

	progress_init(&p, mem, 1, 1, 0);
	progress_show(&p, INT64_C(1000000000000000000), INT64_C(2000000000000000000), 0);
	expect("\r1,000,000,000,000,000,000  50%    0.00kB/s    0:00:00  ");
}
END_TEST

/* progress2 tails: padded to the previous tail only, never cut. */
START_TEST(test_progress2_padding)
{
	struct progress p;
	struct progress_counts c;

	progress_init(&p, mem, 2, 1, 0);
	c = counts(1, 1000, 1002, 0);
	progress_end_file(&p, 0, 0, &c, 0);
	c = counts(2, 9, 1002, 1);
	progress_end_file(&p, 0, 0, &c, 0);
	c = counts(3, 8, 12, 1);
	progress_end_file(&p, 0, 0, &c, 0);
	c = counts(4, 7, 12, 1);
	progress_end_file(&p, 0, 0, &c, 0);
	progress_break_line(&p);
	expect("\r              0 100%    0.00kB/s    0:00:00" IR(1, 1000, 1002)
	       "\r              0 100%    0.00kB/s    0:00:00" TO(2, 9, 1002) "   "
	       "\r              0 100%    0.00kB/s    0:00:00" TO(3, 8, 12) "  "
	       "\r              0 100%    0.00kB/s    0:00:00" TO(4, 7, 12) "\n");
}
END_TEST

/* The newline owed before other output: after a live line, after a
 * progress2 last line, never twice, never after a level-1 last line. */
START_TEST(test_break_line)
{
	struct progress p;
	struct progress_counts c = counts(1, 0, 1, 1);

	progress_init(&p, mem, 1, 1, 0);
	progress_break_line(&p);
	expect("");
	progress_show(&p, 5, 10, 0);
	progress_break_line(&p);
	progress_break_line(&p);
	expect("\r              5  50%    0.00kB/s    0:00:00  \n");
	progress_end_file(&p, 10, 10, &c, 0);
	progress_break_line(&p);
	progress_finish(&p);
	expect("\r             10 100%    4.88kB/s    0:00:00" TO(1, 0, 1) "\n");

	progress_init(&p, mem, 2, 1, 0);
	progress_end_file(&p, 10, 10, &c, 0);
	progress_break_line(&p);
	progress_finish(&p);
	expect("\r             10 100%    9.77kB/s    0:00:00" TO(1, 0, 1) "\n");
}
END_TEST

/* -q: nothing at all, not even the newline at the end. */
START_TEST(test_quiet)
{
	struct progress p;
	struct progress_counts c = counts(1, 0, 1, 1);

	progress_init(&p, mem, 2, 1, 1);
	progress_show(&p, 5, 10, 0);
	progress_end_file(&p, 10, 10, &c, 0);
	progress_break_line(&p);
	progress_finish(&p);
	expect("");
}
END_TEST

Suite *progress_suite(void)
{
	Suite *s = suite_create("progress");
	TCase *tc = tcase_create("progress");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_recorded_files);
	tcase_add_test(tc, test_recorded_progress2);
	tcase_add_test(tc, test_recorded_progress2_verbose);
	tcase_add_test(tc, test_recorded_live);
	tcase_add_test(tc, test_unknown_share);
	tcase_add_test(tc, test_recorded_human);
	tcase_add_test(tc, test_recorded_human_progress2);
	tcase_add_test(tc, test_recorded_plain_and_empty);
	tcase_add_test(tc, test_recorded_ir_chk);
	tcase_add_test(tc, test_throttle);
	tcase_add_test(tc, test_history);
	tcase_add_test(tc, test_start_guess);
	tcase_add_test(tc, test_units);
	tcase_add_test(tc, test_unknown_time);
	tcase_add_test(tc, test_percent_and_width);
	tcase_add_test(tc, test_progress2_padding);
	tcase_add_test(tc, test_break_line);
	tcase_add_test(tc, test_quiet);
	suite_add_tcase(s, tc);
	return s;
}
