/* --stop-after=MINS (--time-limit) and --stop-at=[[[YY]YY-]MM-]DD[Tt]HH:MM
 * read as rsync 3.5.0's client reads them, into the moment the run
 * stops ("stopping at requested limit", code 30).  rsync tells no server
 * about either option, and neither does the relay.
 *
 * Both are pure functions of their argument, the time given as now and
 * the local time zone (TZ), so the tests can fix all three. */
#ifndef RELAY_TIMELIMIT_H
#define RELAY_TIMELIMIT_H

#include <stdint.h>

/* Results besides 0. */
#define TIMELIMIT_INVALID (-1)	/* "invalid --stop-after value: ARG",
				 * "invalid --stop-at format: ARG" */
#define TIMELIMIT_PAST (-2)	/* "--stop-at time is not in the future: ARG" */

/* MINS as C's atol reads it (leading blanks, a sign, digits, anything
 * after ignored), times 60, added to now into *stop.  A product of 0 or
 * less, or one that overflows past now, is TIMELIMIT_INVALID (rsync
 * multiplies in a long, so a huge count wraps as there). */
int timelimit_after(const char *arg, int64_t now, int64_t *stop);

/* rsync's parse_time: [[[YY]YY-]MM-]DD[Tt]HH:MM, '/' for '-', a lone
 * "DD", "HH:MM", ":MM", "Thh:mm"; what is left out is the next moment in
 * the local time zone that fits.  Returns 0, TIMELIMIT_INVALID, or
 * TIMELIMIT_PAST when the moment is now or earlier. */
int timelimit_at(const char *arg, int64_t now, int64_t *stop);

#endif
