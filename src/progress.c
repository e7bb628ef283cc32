/* rsync's --progress and --info=progress2 lines (see progress.h for the
 * format and how the rate and time are worked out). */
#include "progress.h"

#include "logfmt.h"

#include <limits.h>
#include <string.h>

/* A file's start is guessed from the last sample if it is this recent. */
#define GUESS_START_MS 1500
/* Live lines come at most this often. */
#define SAMPLE_MS 1000
/* rsync's time field gives up beyond this many seconds (9999 hours). */
#define MAX_REMAIN_S (9999.0 * 3600.0)

void progress_init(struct progress *p, FILE *out, int level, int human, int quiet)
{
	memset(p, 0, sizeof *p);
	p->out = out;
	p->level = level >= 2 ? 2 : 1;
	p->human = human;
	p->quiet = quiet;
}

/* Milliseconds from a to b, unsigned as rsync's msdiff: a clock that
 * went back gives a huge span (a rate near 0), never a negative one. */
static uint64_t span(int64_t a, int64_t b)
{
	return (uint64_t)b - (uint64_t)a;
}

/* kB/s of bytes over ms milliseconds; a zero span counts as 1 ms. */
static double rate_of(int64_t bytes, uint64_t ms)
{
	if (!ms)
		ms = 1;
	return (double)bytes * 1000.0 / (double)ms / 1024.0;
}

/* rsync's "(int)(100.0 * ofs / size)"; out of an int's range (size 0)
 * the conversion is undefined in C, so give what x86 gives: INT_MIN. */
static int percent(int64_t ofs, int64_t size)
{
	double pct;

	if (ofs == size)
		return 100;
	pct = 100.0 * (double)ofs / (double)size;
	if (!(pct > (double)INT_MIN - 1.0 && pct < (double)INT_MAX + 1.0))
		return INT_MIN;
	return (int)pct;
}

static void print_line(struct progress *p, int64_t ofs, int64_t size,
		       double rate, double secs, const char *tail, int stays_open)
{
	char num[LOGFMT_NUM_SIZE];
	char when[32];
	const char *units = "kB/s";

	if (rate > 1024.0 * 1024.0) {
		rate /= 1024.0 * 1024.0;
		units = "GB/s";
	} else if (rate > 1024.0) {
		rate /= 1024.0;
		units = "MB/s";
	}
	if (secs < 0 || secs > MAX_REMAIN_S)
		strcpy(when, "  ??:??:??");
	else
		snprintf(when, sizeof when, "%4u:%02u:%02u", (unsigned)(secs / 3600.0),
			 (unsigned)(secs / 60.0) % 60, (unsigned)secs % 60);

	/* The "\r" overwrites an open line, so no newline is owed for it. */
	p->line_open = 0;
	if (p->quiet)
		return;
	logfmt_num(ofs, p->human, num, sizeof num);
	if (size < 0)
		fprintf(p->out, "\r%15s  ??%% %7.2f%s %s%s", num, rate, units, when, tail);
	else
		fprintf(p->out, "\r%15s %3d%% %7.2f%s %s%s", num, percent(ofs, size), rate,
			units, when, tail);
	if (stays_open) {
		p->line_open = 1;
		/* Without a newline the line would sit in the buffer. */
		fflush(p->out);
	}
}

void progress_show(struct progress *p, int64_t ofs, int64_t size, int64_t now_ms)
{
	const struct progress_mark *oldest;
	double rate;

	if (!p->started) {
		/* Data that follows the previous file's closely was already
		 * flowing: count this file's bytes from that sample. */
		if (p->sampled && span(p->hist[p->newest].ms, now_ms) <= GUESS_START_MS) {
			p->start.ms = p->hist[p->newest].ms;
			p->start.ofs = 0;
		} else {
			p->start.ms = now_ms;
			p->start.ofs = ofs;
		}
		for (int i = 0; i < PROGRESS_HISTORY; i++)
			p->hist[i] = p->start;
		p->started = 1;
		p->sampled = 1;
	} else {
		if (span(p->hist[p->newest].ms, now_ms) < SAMPLE_MS)
			return;
		/* The oldest slot takes the new sample; the next one is now
		 * the oldest, PROGRESS_HISTORY - 1 samples back. */
		p->newest = p->oldest;
		p->oldest = (p->oldest + 1) % PROGRESS_HISTORY;
		p->hist[p->newest].ms = now_ms;
		p->hist[p->newest].ofs = ofs;
	}

	oldest = &p->hist[p->oldest];
	rate = rate_of(ofs - oldest->ofs, span(oldest->ms, now_ms));
	print_line(p, ofs, size, rate,
		   size < 0 ? -1.0 : rate != 0.0 ? (double)(size - ofs) / rate / 1000.0 : 0.0,
		   "  ", 1);
}

void progress_end_file(struct progress *p, int64_t ofs, int64_t size,
		       const struct progress_counts *c, int64_t now_ms)
{
	char tail[128];
	int len;
	uint64_t ms;
	double rate;

	len = snprintf(tail, sizeof tail, " (xfr#%d, %s-chk=%d/%d)\n", c->xferred,
		       c->flist_done ? "to" : "ir", c->to_check, c->total);
	if (p->level >= 2) {
		/* The line stays open: drop the "\n" and blank out what is
		 * left of the previous tail.  rsync remembers only the
		 * previous tail's length, not the longest. */
		int width;

		len--;
		width = len > p->tail_len ? len : p->tail_len;
		memset(tail + len, ' ', (size_t)(width - len));
		tail[width] = '\0';
		p->tail_len = len;
	}

	/* Over the whole file (transfer).  A file that never showed
	 * progress (an empty one) has no start: as in rsync its bytes
	 * count as sent in 1 ms. */
	ms = p->started ? span(p->start.ms, now_ms) : 0;
	if (!ms)
		ms = 1;
	rate = rate_of(ofs - p->start.ofs, ms);
	print_line(p, ofs, size, rate, (double)ms / 1000.0, tail, p->level >= 2);

	/* Level 2 keeps its start: the rate is over the whole transfer. */
	if (p->level < 2) {
		p->started = 0;
		p->start.ms = 0;
		p->start.ofs = 0;
	}
}

void progress_break_line(struct progress *p)
{
	if (p->line_open) {
		fputc('\n', p->out);
		p->line_open = 0;
	}
}

void progress_finish(struct progress *p)
{
	progress_break_line(p);
	if (!p->quiet)
		fflush(p->out);
}
