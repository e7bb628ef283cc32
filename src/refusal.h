/* A daemon that refused the arguments it was sent (its "refuse options",
 * an option it does not know).  rsync's daemon still sets up the protocol
 * to send its error (handshake.h tells it by its seed), sends its
 * messages (an error exit among them when it receives) and closes.
 * rsync's client meets it alone; so does the relay once the other side
 * is stopped: it writes what rsync's client writes first (a sender's
 * filter list, which the daemon never reads, so that its close is the
 * reset rsync's client sees), prints the daemon's messages, and ends as
 * rsync's client ends: with the daemon's error exit, a read error (10)
 * or a closed connection (12). */
#ifndef RELAY_REFUSAL_H
#define RELAY_REFUSAL_H

#include <stddef.h>
#include <stdint.h>

#include "report.h"
#include "wire.h"

/* What has been read of the daemon's stream so far. */
struct refusal_in {
	struct mux_in mux;
	int skip_zero;		/* a raw 0 byte first (a receiver told of
				 * --files-from writes one before its frames) */
	int exit_code;		/* its MSG_ERROR_EXIT, or -1 */
};

/* Prints the messages whole in buf[0..len) and records an error exit.
 * Returns the bytes taken (a cut message waits for more), or -1 after
 * reporting a frame rsync's client would not take (code 12). */
ptrdiff_t refusal_take(struct refusal_in *in, const unsigned char *buf, size_t len,
		       const char *where, struct report *r);

struct refusal {
	int rfd, wfd;
	const char *who;	/* rsync's client's name for itself: "Receiver"
				 * toward a sender, "sender" toward a receiver */
	const char *where;	/* "source HOST::MODULE" */
	int timeout_ms;		/* --timeout, 0 for none */
	int skip_zero;		/* see struct refusal_in */
	uint64_t bytes_in;	/* read here: rsync's client counts none of
				 * the protocol's setup */
};

/* Writes first[0..nfirst), then reads and prints the daemon's messages
 * until its error exit or the end of its connection.  Returns the run's
 * exit code (reported as rsync's client reports it). */
int refusal_run(struct refusal *rf, const unsigned char *first, size_t nfirst,
		struct report *r);

#endif
