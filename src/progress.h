/* The progress lines of rsync's client: --progress (per file, level 1)
 * and --info=progress2 (the whole transfer, level 2), as rsync 3.x
 * prints them (its progress.c).
 *
 * Each line starts with "\r" so the next one overwrites it:
 *
 *     "\r%15s %3d%% %7.2f%s %s%s"
 *
 * that is the bytes so far (logfmt_num at the -h level), the percentage
 * (100 only when ofs == size), the rate in kB/s, MB/s or GB/s (steps of
 * 1024, switching above 1024), a time "%4u:%02u:%02u" ("  ??:??:??" when
 * negative or over 9999 hours) and a tail:
 *   - a live line (progress_show) ends in "  " and stays open; its rate
 *     is taken over the last PROGRESS_HISTORY one-second samples and its
 *     time is the estimated time left; at most one per second is printed,
 *     except the first of a file (level 1) or of the run (level 2);
 *   - a file's last line (progress_end_file) ends in
 *     " (xfr#N, to-chk=R/T)\n" ("ir-chk" while the file list is still
 *     growing); its rate is taken since the file started and its time is
 *     the time taken.  At level 2 the "\n" is dropped: the line stays
 *     open, padded with spaces to the length of the previous tail so that
 *     a shorter one wipes it out.
 *
 * As rsync does, the estimate is bytes left / rate(kB/s) / 1000 seconds,
 * 2.4% above the true figure, and a file's start time is taken from the
 * previous sample when that is at most 1.5 s old (data was flowing).
 *
 * All state lives in struct progress; the caller passes the clock (a
 * monotonic clock in milliseconds) so nothing here reads globals or time.
 * Numbers follow the C library's LC_NUMERIC locale as rsync's do.
 * rsync leaves out live lines while it is not the terminal's foreground
 * process; that check is the caller's to make.
 */
#ifndef RELAY_PROGRESS_H
#define RELAY_PROGRESS_H

#include <stdint.h>
#include <stdio.h>

/* Samples of the live rate, one a second (rsync's PROGRESS_HISTORY_SECS). */
#define PROGRESS_HISTORY 5

/* The figures of a file's last line. */
struct progress_counts {
	int xferred;	/* "xfr#": files transferred so far, this one included */
	int to_check;	/* files of the list still to check after this one */
	int total;	/* files in the list so far */
	int flist_done;	/* the whole list is known: "to-chk", else "ir-chk" */
};

/* A point of the transfer: when, and how far it had got. */
struct progress_mark {
	int64_t ms;
	int64_t ofs;
};

/* Fill in with progress_init; the fields are private. */
struct progress {
	FILE *out;
	int level;		/* 1: per file; 2: whole transfer */
	int human;		/* rsync's human_readable level (see logfmt_num) */
	int quiet;		/* -q: rsync drops these lines; keep the state */
	int started;		/* start holds the file's (transfer's) start */
	int sampled;		/* hist holds a real sample (to guess a start) */
	struct progress_mark start;
	struct progress_mark hist[PROGRESS_HISTORY];
	int newest, oldest;	/* indexes into hist */
	int tail_len;		/* level 2: length of the previous file's tail */
	int line_open;		/* a line without its "\n" is on the screen */
};

/* Sets up p to print to out.  level is 1 (--progress) or 2
 * (--info=progress2; higher counts as 2); human is rsync's human_readable
 * level (0 --no-h, 1 the default, 2 -h, 3 -hh); with quiet (-q) nothing
 * is printed, as rsync's -q drops them. */
void progress_init(struct progress *p, FILE *out, int level, int human, int quiet);

/* Data arrived: ofs of size bytes are done.  Level 1: offsets within the
 * current file; level 2: the bytes of all files so far and the total of
 * the transfer.  Prints a live line unless one was printed less than a
 * second ago.  A size < 0 says the share done is unknown: the line shows
 * "??%" and "??:??:??" for the percentage and the time left. */
void progress_show(struct progress *p, int64_t ofs, int64_t size, int64_t now_ms);

/* A file is finished.  Level 1: ofs and size are both the file's size
 * (rsync shows a finished file as complete) and the next progress_show
 * starts a new file.  Level 2: the whole-transfer figures as for
 * progress_show; rsync also prints this line once more when a file list
 * is done (its NDX_DONE), with the counts of that moment. */
void progress_end_file(struct progress *p, int64_t ofs, int64_t size,
		       const struct progress_counts *c, int64_t now_ms);

/* Call before printing any other line to the same terminal: ends an open
 * progress line with "\n" (rsync's output_needs_newline). */
void progress_break_line(struct progress *p);

/* The end of the run: ends an open line (level 2 leaves one) and flushes. */
void progress_finish(struct progress *p);

#endif
