/* The generator's stream (destination to source), read with the grammar
 * of rsync's sender (rsync.c read_ndx_and_attrs, sender.c send_files and
 * receive_sums, io.c read_sum_head, xattrs.c recv_xattr_request, main.c
 * read_final_goodbye): file requests, xattr requests, checksum headers
 * and block sums, phase ends, deletion counts and the goodbye.
 *
 * The destination is not trusted with the source: every value is checked
 * before its bytes go on, as rsync 3.5.0's sender checks it, so that an
 * older sender that trusts these values (say, a strong-sum length larger
 * than its digest) never sees a bad one.  Where rsync has a message for a
 * violation the parser gives that text and exit code; where it has none
 * (values it tolerates but a correct receiver never sends) the parser
 * words its own.  All bytes go on unchanged. */
#ifndef RELAY_GENSTREAM_H
#define RELAY_GENSTREAM_H

#include <stddef.h>
#include <stdint.h>

#include "sendstream.h"

/* What the stream's form depends on. */
struct gs_params {
	int protocol;
	int inc_recurse;
	int do_xfers;		/* not a dry run: transfers carry checksums */
	int preserve_xattrs;	/* -X: items may carry xattr requests */
	int want_xattr_optim;	/* protocol >= 31 without CF_AVOID_XATTR_OPTIM */
	int append_mode;	/* --append(-verify): sums only for files sent once */
	int xfer_sum_len;	/* the negotiated transfer digest's length */
};

enum gs_state {
	GS_NDX,		/* next request, phase end or deletion counts */
	GS_XATTR,	/* the xattr numbers an item asks for */
	GS_SUMHEAD,	/* checksum header of a transfer request */
	GS_SUMS,	/* its block sums, passed on as they come */
	GS_END,		/* after the goodbye: nothing more may come */
};

/* Where the end of the run is. */
enum gs_goodbye {
	GS_RUNNING,	/* the phases */
	GS_BYE1,	/* the sender waits for the goodbye's NDX_DONE */
	GS_BYE2,	/* protocol 31: and, after its echo, one more */
};

/* rsync's bounds on the values. */
#define GS_MAX_BLOCK (1 << 17)		/* MAX_BLOCK_SIZE from protocol 30 */
#define GS_OLD_MAX_BLOCK (1 << 29)	/* before */
#define GS_MAXPATHLEN 4096		/* the xname's buffer */
#define GS_MAX_DEL_STAT (1 << 28)
#define GS_MAX_BASIS_DIRS 20
/* The longest item the parser waits for whole: a file request with the
 * longest xname a sender takes. */
#define GS_MAX_ITEM (WIRE_MAX_NDX + 2 + 1 + 2 + GS_MAXPATHLEN)

struct genstream {
	struct gs_params p;
	const struct sendstream *ss;	/* the sender's lists, read only */
	enum gs_state state;
	enum gs_goodbye bye;
	struct ndx_state ndx;
	int phase;
	int first_start;	/* ndx_start of the sender's oldest live list */
	/* the current request */
	int32_t item_ndx;
	int item_iflags;
	int32_t xattr_num;	/* running number of the xattr requests */
	int64_t sums_left;	/* block-sum bytes still to pass */
	/* --append: files asked for and files sent (bit per index) */
	unsigned char *asked, *sent;
	size_t bits_len;	/* bytes of each map */
	/* a violation */
	char err[256];
	int err_code;		/* the exit code it stops the run with */
	int err_rsync;		/* err is the sender's own line */
};

/* ss stays owned by the caller and must outlive gs. */
void gs_init(struct genstream *gs, const struct gs_params *p, const struct sendstream *ss);
void gs_free(struct genstream *gs);

/* Interprets the next piece of the stream in buf.  Returns 1 with *used
 * bytes (all to go on to the sender), 0 when buf holds too little to
 * decide (call again with more, from the same place), -1 on a violation
 * (gs->err, gs->err_code, gs->err_rsync). */
int gs_step(struct genstream *gs, const unsigned char *buf, size_t len, size_t *used);

/* MSG_SUCCESS from the receiver (--remove-source-files): ndx must name a
 * file of the sender's live lists, as rsync's sender requires before it
 * removes one.  Returns 0, or -1 with gs->err set. */
int gs_check_success(struct genstream *gs, int32_t ndx);

/* The sender's stream showed file ndx sent whole (with --append, a
 * second request for it then carries block sums).  Returns -1 when out
 * of memory. */
int gs_file_sent(struct genstream *gs, int32_t ndx);

/* True once the goodbye is complete. */
static inline int gs_at_end(const struct genstream *gs) { return gs->state == GS_END; }

#endif
