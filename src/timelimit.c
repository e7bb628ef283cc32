/* --stop-after and --stop-at read as rsync's client reads them (see
 * timelimit.h). */
#include "timelimit.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

int timelimit_after(const char *arg, int64_t now, int64_t *stop)
{
	/* atol is strtol: a count past LONG_MAX reads as LONG_MAX */
	long mins = strtol(arg, NULL, 10);
	/* rsync multiplies in a long: a wrapped product is what it judges */
	int64_t secs = (int64_t)((uint64_t)mins * 60u);

	if (secs <= 0 || INT64_MAX - secs < now)
		return TIMELIMIT_INVALID;
	*stop = now + secs;
	return 0;
}

/* The numbers of --stop-at as written; -1 for each one left out. */
struct stop_at_fields {
	int year, mon, mday, hour, min;
};

static int digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A run of digits at *p (at least one), capped so that it cannot
 * overflow; the cap fails every range check later. */
static int number(const char **p, int *n)
{
	const char *s = *p;

	if (!digit(*s))
		return -1;
	*n = 0;
	for (; digit(*s); s++)
		*n = *n > 100000000 ? *n : *n * 10 + (*s - '0');
	*p = s;
	return 0;
}

/* The grammar: date numbers separated by '-' or '/' shift in from the
 * right (DD, MM-DD, YY-MM-DD); 'T' or 't' ends the date; numbers
 * followed by ':' are the time, shifting in the same way (MM, HH:MM).
 * "T" must be followed by a whole HH:MM; a leading ':' gives minutes
 * alone. */
static int parse_fields(const char *cp, struct stop_at_fields *f)
{
	int part;	/* 1: date, 0: time, -1: time after 'T' (needs a ':') */
	int n;

	f->year = f->mon = f->mday = f->hour = f->min = -1;
	if (*cp == 'T' || *cp == 't' || *cp == ':') {
		part = *cp == ':' ? 0 : -1;
		cp++;
	} else {
		part = 1;
	}
	for (;; cp++) {
		if (number(&cp, &n) < 0)
			return -1;
		if (*cp == ':')
			part = 0;
		if (part > 0) {
			if (f->year != -1)
				return -1;	/* a fourth date number */
			f->year = f->mon;
			f->mon = f->mday;
			f->mday = n;
			if (!*cp)
				return 0;
			if (*cp == 'T' || *cp == 't') {
				if (!cp[1])
					return 0;
				part = -1;
			} else if (*cp != '-' && *cp != '/') {
				return -1;
			}
			continue;
		}
		if (f->hour != -1)
			return -1;	/* a third time number */
		f->hour = f->min;
		f->min = n;
		if (!*cp)
			return part < 0 ? -1 : 0;
		if (*cp != ':')
			return -1;
		part = 0;
	}
}

/* Moves t on until it is after now (and mktime kept its day), by the
 * unit that was left out: a day (3), a month (2) or a year (1).
 * Returns the time or -1.  This follows rsync step by step, mktime's
 * normalising of t in place included, so that a day past a month's end
 * lands where rsync's does. */
static int64_t roll_forward(struct tm *t, int left_out, int old_mday, int64_t val, int64_t now)
{
	while (left_out && (val <= now || t->tm_mday < old_mday)) {
		time_t v;

		if (left_out == 3) {
			old_mday = ++t->tm_mday;
		} else if (left_out == 2) {
			if (t->tm_mday < old_mday)
				t->tm_mday = old_mday;	/* the month moved on already */
			else if (++t->tm_mon == 12) {
				t->tm_mon = 0;
				t->tm_year++;
			}
		} else {
			if (t->tm_mday < old_mday) {
				/* only Feb 29 may wait for its year */
				if (t->tm_mon != 2 || old_mday != 29)
					return -1;
				t->tm_mon = 1;
				t->tm_mday = 29;
			}
			t->tm_year++;
		}
		if ((v = mktime(t)) == (time_t)-1) {
			if (left_out != 3 || t->tm_mday <= 28)
				return -1;
			t->tm_mday = old_mday = 1;
			left_out = 2;
		}
		val = (int64_t)v;
	}
	return val;
}

int timelimit_at(const char *arg, int64_t now, int64_t *stop)
{
	struct stop_at_fields f;
	struct tm t, today;
	time_t now_t = (time_t)now, v;
	int left_out = 0, old_mday, hourly = 0;
	int64_t val;

	if (parse_fields(arg, &f) < 0 || !localtime_r(&now_t, &today))
		return TIMELIMIT_INVALID;
	memset(&t, 0, sizeof t);
	t.tm_isdst = -1;
	t.tm_year = f.year;
	if (f.year < 0) {
		t.tm_year = today.tm_year;
		left_out = 1;
	} else if (f.year < 100) {
		while (t.tm_year < today.tm_year)
			t.tm_year += 100;	/* the next year ending so */
	} else {
		t.tm_year -= 1900;
	}
	t.tm_mon = f.mon < 0 ? today.tm_mon : f.mon - 1;
	if (f.mon < 0)
		left_out = 2;
	t.tm_mday = f.mday < 0 ? today.tm_mday : f.mday;
	if (f.mday < 0)
		left_out = 3;
	t.tm_hour = f.hour;
	t.tm_min = f.min;
	if (f.min < 0) {
		t.tm_hour = t.tm_min = 0;	/* a date alone: its midnight */
	} else if (f.hour < 0) {
		/* ":MM": the next such minute, in this hour or a later one */
		if (left_out != 3)
			return TIMELIMIT_INVALID;
		left_out = 0;
		t.tm_hour = today.tm_hour;
		hourly = 1;
	}
	old_mday = t.tm_mday;
	if (t.tm_hour > 23 || t.tm_min > 59 || t.tm_mon < 0 || t.tm_mon >= 12 ||
	    t.tm_mday < 1 || t.tm_mday > 31 || (v = mktime(&t)) == (time_t)-1)
		return TIMELIMIT_INVALID;
	if ((val = roll_forward(&t, left_out, old_mday, (int64_t)v, now)) == -1)
		return TIMELIMIT_INVALID;
	while (hourly && val <= now)
		val += 60 * 60;
	if (val <= now)
		return TIMELIMIT_PAST;
	*stop = val;
	return 0;
}
