/* What the remote shells write on stderr (ssh's errors and warnings, a
 * remote shell's own complaints, a server's words before its protocol
 * starts), read through a pipe and printed line by line behind the side
 * and host it came from: "[source web04] Host key verification failed."
 * Prompts are not touched: ssh writes them on the terminal.  The poll
 * loops (login wait, handshake, pumps) add these fds to their polls and
 * drain them, so a remote shell never blocks on a full pipe. */
#ifndef RELAY_STDERR_LABEL_H
#define RELAY_STDERR_LABEL_H

#include <poll.h>
#include <stddef.h>

#include "report.h"

#define STDERR_LABEL_LINE 1024	/* longer lines are printed in pieces */

struct stderr_stream {
	int fd;				/* read end, -1 when unused or ended */
	char tag[160];			/* "[source web04] " */
	unsigned char part[STDERR_LABEL_LINE];	/* an unfinished line */
	size_t len;
	/* getopt's refusal of an option (SEED_LINE_*, seed.h) and its
	 * line; after a refused --checksum-seed, which the relay mends by
	 * starting the server again, the rest (the usage) is not shown */
	int refusal;
	char refused[256];
	int muted;
};

struct stderr_label {
	struct stderr_stream s[2];	/* the source's and the destination's */
};

/* All streams unused. */
void stderr_label_init(struct stderr_label *l);

/* Opens stream i for one remote shell, tagged "[SIDE HOST] ".  Returns
 * the write end for the shell's stderr (the caller closes it once the
 * shell is started), or -1 with errno set. */
int stderr_label_open(struct stderr_label *l, int i, const char *side, const char *host);

/* Appends a pollfd for each open stream; returns how many (0 to 2). */
int stderr_label_pollfds(const struct stderr_label *l, struct pollfd *pf);

/* Reads what the streams hold now, without blocking, and prints each
 * whole line with its tag on r's stderr. */
void stderr_label_drain(struct stderr_label *l, struct report *r);

/* Closes stream i, dropping what it holds and what comes later: a side
 * abandoned before its protocol started has nothing to say to the user. */
void stderr_label_drop(struct stderr_label *l, int i);
/* What the server behind stream i refused at its start (SEED_LINE_*),
 * judged once the stream has ended (for at most wait_ms: its connection
 * has closed); *line is getopt's line for it. */
int stderr_label_refusal(struct stderr_label *l, int i, struct report *r, int wait_ms,
			 const char **line);

/* The end: reads each stream to its end (for at most wait_ms in all,
 * the shells being gone), prints an unfinished last line, closes.  With
 * r NULL what is left is dropped. */
void stderr_label_finish(struct stderr_label *l, struct report *r, int wait_ms);

#endif
