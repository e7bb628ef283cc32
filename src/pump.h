/* The relay proper: after the handshake, moves the sender's stream to the
 * receiver (through the sendstream parser) and the generator's stream back
 * to the sender (through the genstream checks), handles the servers'
 * messages, and ends the run the way rsync's client does. */
#ifndef RELAY_PUMP_H
#define RELAY_PUMP_H

#include <stdint.h>
#include <sys/uio.h>

#include "buf.h"
#include "genstream.h"
#include "handshake.h"
#include "listing.h"
#include "progress.h"
#include "options.h"
#include "report.h"
#include "sendstream.h"
#include "spawn.h"

/* Bytes to one server: the data channel and whole message frames. */
struct outq {
	struct buf data;	/* protocol stream, framed as MSG_DATA on the way out */
	struct buf msgs;	/* complete message frames, sent between data frames */
	unsigned char hdr[4];
	int hdr_left;		/* bytes of hdr still to write */
	uint32_t frame_left;	/* data bytes left in the current frame */
	int mux;		/* the server reads multiplexed input */
	int closed;		/* we closed its input */
	int blocked;		/* its pipe was full: wait for poll to say room */
};

/* Bytes from one server, demultiplexed. */
struct inq {
	struct buf raw;
	struct mux_in mux;	/* where in the frames the bytes are */
	uint64_t frames;	/* data frames begun, and the size of the */
	uint32_t frame_bytes;	/* current one, header included */
	int eof;
};

struct side {
	struct child *child;
	const char *who;	/* "sender" / "receiver" in messages */
	struct inq in;
	struct outq out;
	uint64_t bytes_in, bytes_out;
	int said_exit;		/* it sent MSG_ERROR_EXIT (a code or the answer) */
};

/* The relay acting as the sender itself toward the receiver: a source
 * with an empty file list exits at once, while the receiver still runs
 * the sender/receiver end-of-run exchange. */
struct stand_in {
	int active;
	int stage;		/* 0 phases, 1 and 2 the goodbye, 3 done */
	int phase;
	struct ndx_state ndx;
	struct buf pending;	/* the generator's bytes not yet interpreted */
};

/* --files-from with a local list: the names go to the sender while it
 * builds its file list (rsync's start_filesfrom_forwarding). */
struct files_from {
	int fd;			/* the list, or -1 */
	int nulls;		/* --from0: names end in NUL, not newline */
	int lastchar;		/* last byte sent, to collapse empty names */
	int raw;		/* protocol 30: sent outside the frames */
	int done;
};

/* Listing mode: the relay is the sender's only client and lists what it
 * sends, answering as a generator that wants nothing. */
struct lister {
	int active;
	int ended;		/* the phase ends and goodbye are queued */
	struct listing_format fmt;
};

/* File data on its way to the receiver, written from where it lies in the
 * sender's input buffer with one writev when the receiver's queue was
 * empty: file data then crosses the relay without a copy of its own. */
#define GATHER_MAX 64
struct gather {
	struct iovec iov[GATHER_MAX + 1];	/* [0]: the frame header */
	unsigned char hdr[4];
	int n;			/* pieces after the header */
	size_t len;		/* their bytes */
	int on;			/* this pass may gather */
};

struct relay {
	struct side src, dest;
	struct gather gather;
	struct sendstream ss;
	struct trust trust;	/* the client's checks on the sender's list */
	struct buf sdata;	/* the sender's stream awaiting the parser */
	struct genstream gs;	/* the generator's stream, checked for the
				 * sender; reads ss's lists */
	struct buf gdata;	/* a generator item split between frames */
	struct stand_in stand;
	struct files_from ff;
	struct lister list;
	struct progress progress;	/* --progress, --info=progress2 */
	struct child nobody;	/* the receiver's place in listing mode */
	struct item_format fmt;
	const struct options *o;
	const struct session *s;
	struct report *r;
	int exit_sent;		/* MSG_ERROR_EXIT exchange under way */
	int timed_out;		/* --timeout expired */
	long last_io_ms;	/* when a server last sent anything */
	int done;
};

/* dest is NULL in listing mode. */
int pump_init(struct relay *rl, struct child *src, struct child *dest,
	      const struct options *o, const struct session *s, struct report *r);
/* Sends the names read from fd (a local --files-from list) to the sender. */
void pump_files_from(struct relay *rl, int fd, int nulls);
/* Runs the transfer until both servers have closed their output.
 * Returns 0, or -1 after a fatal error was reported (r->fatal). */
int pump_run(struct relay *rl);
void pump_free(struct relay *rl);

#endif
