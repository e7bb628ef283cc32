/* --log-file: the log rsync 3.5.0's client writes of its own run, kept
 * on the relay's host.
 *
 * Each message goes in as rsync's rwrite gets it (a line with its
 * newline) and comes out as rsync's logit writes it: behind
 * "YYYY/MM/DD HH:MM:SS [PID] " (local time, the relay's pid), with
 * control bytes, C1 bytes (0x80-0x9f) and a backslash that would read
 * as an escape written as \#ooo; a message is cut at 2047 bytes or its
 * first NUL.  The file is opened for appending, created with mode 0644
 * (less the umask), and never through a symlink an untrusted user owns
 * (safeopen.h).  When it cannot be opened rsync logs to syslog instead,
 * and so does this.  Which lines are logged is report.c's business. */
#ifndef RELAY_LOGFILE_H
#define RELAY_LOGFILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct logfile {
	FILE *fp;		/* the log, or NULL */
	int use_syslog;		/* it could not be opened: syslog instead */
	long pid;		/* shown in every line */
};

/* Opens name (insecure: --insecure-links, a plain open).  Returns 0, or
 * -1 with errno set and *untrusted as safeopen_open sets it; the caller
 * says why and calls logfile_use_syslog, as rsync does. */
int logfile_open(struct logfile *lf, const char *name, int insecure, int *untrusted);

/* rsync's fallback: the same messages to syslog ("rsync", LOG_DAEMON). */
void logfile_use_syslog(struct logfile *lf);

/* Logs one message of len bytes (warning: an error or warning, for
 * syslog's priority).  A failed write is let go, as rsync lets it go. */
void logfile_write(struct logfile *lf, int warning, const char *msg, size_t len);

void logfile_close(struct logfile *lf);

/* "YYYY/MM/DD HH:MM:SS" for t in local time (rsync's timestring); out
 * needs 20 bytes.  */
void logfile_stamp(int64_t t, char out[20]);

/* The bytes of in as the log shows them (without a final newline, which
 * the caller keeps as it is).  Writes at most cap - 1 bytes and a NUL;
 * returns the length the whole would need. */
size_t logfile_escape(const char *in, size_t len, char *out, size_t cap);

#endif
