/* Unit tests of timelimit.h: --stop-after and --stop-at read as rsync's
 * client reads them, in UTC from a fixed now (2026-12-05 07:10:00). */
#include "suites.h"
#include "timelimit.h"

#include <stdlib.h>
#include <time.h>

#define NOW INT64_C(1796454600)

static void utc(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
}

START_TEST(test_after)
{
	static const struct {
		const char *arg;
		int rc;
		int64_t secs;
	} vec[] = {
		{ "5", 0, 300 },
		{ "1x", 0, 60 },	/* atol stops at the first non-digit */
		{ " +2", 0, 120 },
		{ "0", TIMELIMIT_INVALID, 0 },
		{ "-1", TIMELIMIT_INVALID, 0 },
		{ "abc", TIMELIMIT_INVALID, 0 },
		{ "", TIMELIMIT_INVALID, 0 },
		/* past LONG_MAX atol gives LONG_MAX, times 60 wraps to -60 */
		{ "99999999999999999999", TIMELIMIT_INVALID, 0 },
		/* no wrap, but past the end of time_t from now */
		{ "153722867280912930", TIMELIMIT_INVALID, 0 },
	};

	for (size_t i = 0; i < ARRAY_LEN(vec); i++) {
		int64_t stop = -1;
		int rc = timelimit_after(vec[i].arg, NOW, &stop);

		REQUIRE(rc == vec[i].rc, "\"%s\": %d", vec[i].arg, rc);
		REQUIRE(rc || stop == NOW + vec[i].secs, "\"%s\": %lld", vec[i].arg,
			(long long)stop);
	}
}
END_TEST

START_TEST(test_at)
{
	static const struct {
		const char *arg;
		int rc;
		int64_t when;
	} vec[] = {
		{ "12:00", 0, INT64_C(1796472000) },
		{ "T12:00", 0, INT64_C(1796472000) },
		{ "t12:00", 0, INT64_C(1796472000) },
		{ "12:5", 0, INT64_C(1796472300) },
		{ "07:05", 0, INT64_C(1796540700) },	/* gone today: tomorrow */
		{ ":12", 0, INT64_C(1796454720) },	/* this hour */
		{ ":05", 0, INT64_C(1796457900) },	/* the next hour */
		{ "12", 0, INT64_C(1797033600) },	/* the 12th, midnight */
		{ "5", 0, INT64_C(1799107200) },	/* today's midnight is gone */
		{ "1T", 0, INT64_C(1798761600) },
		{ "31", 0, INT64_C(1798675200) },
		{ "1-30", 0, INT64_C(1801267200) },	/* next year's */
		{ "2027-02-28T10:30", 0, INT64_C(1803810600) },
		{ "27/02/28t10:30", 0, INT64_C(1803810600) },
		{ "2/29", 0, INT64_C(1835395200) },	/* the next leap year */
		{ "99-01-01T00:00", 0, INT64_C(4070908800) },
		{ "2030-02-30T00:00", 0, INT64_C(1898640000) }, /* as mktime rolls it */
		{ "25:00", TIMELIMIT_INVALID, 0 },
		{ "00:60", TIMELIMIT_INVALID, 0 },
		{ "13-01T00:00", TIMELIMIT_INVALID, 0 },
		{ "12:00:00", TIMELIMIT_INVALID, 0 },
		{ "1-2-3-4", TIMELIMIT_INVALID, 0 },
		{ "T12", TIMELIMIT_INVALID, 0 },
		{ "12-", TIMELIMIT_INVALID, 0 },
		{ "", TIMELIMIT_INVALID, 0 },
		{ "x", TIMELIMIT_INVALID, 0 },
		{ "1-2:30", 0, INT64_C(1798770600) },	/* a date number, then HH:MM */
		{ "1-1:30", 0, INT64_C(1798767000) },	/* the 1st at 01:30 */
		{ "1-:30", TIMELIMIT_INVALID, 0 },
		{ "2026-12-05T07:10", TIMELIMIT_PAST, 0 },
		{ "2020-01-01T00:00", TIMELIMIT_PAST, 0 },
	};

	utc();
	for (size_t i = 0; i < ARRAY_LEN(vec); i++) {
		int64_t stop = -1;
		int rc = timelimit_at(vec[i].arg, NOW, &stop);

		REQUIRE(rc == vec[i].rc, "\"%s\": %d", vec[i].arg, rc);
		REQUIRE(rc || stop == vec[i].when, "\"%s\": %lld, not %lld", vec[i].arg,
			(long long)stop, (long long)vec[i].when);
	}
}
END_TEST

Suite *timelimit_suite(void)
{
	Suite *s = suite_create("timelimit");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_after);
	tcase_add_test(tc, test_at);
	suite_add_tcase(s, tc);
	return s;
}
