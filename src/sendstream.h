/* The sender's stream (source to destination), read with the grammar of a
 * receiving rsync client (rsync's receiver.c recv_files, rsync.c
 * read_ndx_and_attrs, token.c): file lists, file records, checksum
 * headers, delta tokens, phase ends, and the end-of-run statistics.  Every
 * byte goes on to the destination unchanged except those statistics, which
 * only a client reads. */
#ifndef RELAY_SENDSTREAM_H
#define RELAY_SENDSTREAM_H

#include <stddef.h>
#include <stdint.h>

#include "deflate_count.h"
#include "flist.h"
#include "lz4_count.h"
#include "seed.h"
#include "stats.h"
#include "trust.h"
#include "wire.h"

/* iflags (rsync.h ITEM_*) */
#define ITEM_REPORT_ATIME (1 << 0)
#define ITEM_REPORT_CHANGE (1 << 1)
#define ITEM_REPORT_SIZE (1 << 2)
#define ITEM_REPORT_TIME (1 << 3)
#define ITEM_REPORT_PERMS (1 << 4)
#define ITEM_REPORT_OWNER (1 << 5)
#define ITEM_REPORT_GROUP (1 << 6)
#define ITEM_REPORT_ACL (1 << 7)
#define ITEM_REPORT_XATTR (1 << 8)
#define ITEM_REPORT_CRTIME (1 << 10)
#define ITEM_BASIS_TYPE_FOLLOWS (1 << 11)
#define ITEM_XNAME_FOLLOWS (1 << 12)
#define ITEM_IS_NEW (1 << 13)
#define ITEM_LOCAL_CHANGE (1 << 14)
#define ITEM_TRANSFER (1 << 15)
#define SIGNIFICANT_ITEM_FLAGS \
	(0xFFFF & ~(ITEM_BASIS_TYPE_FOLLOWS | ITEM_XNAME_FOLLOWS | ITEM_LOCAL_CHANGE))

enum ss_state {
	SS_FLIST,	/* file-list entries */
	SS_IDLIST,	/* uid/gid names after a non-incremental list */
	SS_IOERR,	/* protocol < 30: io_error int after the list */
	SS_NDX,		/* next file record, phase end or list marker */
	SS_SUMHEAD,	/* checksum header of a transferred file */
	SS_TOKEN,	/* next delta token */
	SS_LITERAL,	/* literal bytes of the current token */
	SS_FILESUM,	/* whole-file checksum ending a file */
	SS_XATTR,	/* xattr values the generator asked for (-X) */
	SS_XATTR_DATA,	/* the bytes of one such value */
	SS_STATS,	/* the sender's statistics (dropped) */
	SS_TAIL,	/* the final goodbye, forwarded as is */
};

/* Events for the caller after a step. */
#define SS_EV_ITEM 1		/* an item to log: see ss->item_* */
#define SS_EV_FLIST_START 2	/* the first file list begins */
#define SS_EV_FLIST_DONE 4	/* a file list is complete */
#define SS_EV_STATS 8		/* ss->stats are known */
#define SS_EV_ENTRY 16		/* a file-list entry was added */
#define SS_EV_XFER_START 32	/* a file's data begins (ss->item) */
#define SS_EV_DATA 64		/* a delta token: ss->data_ofs bytes were before it */
#define SS_EV_XFER_END 128	/* the file's data is complete */
#define SS_EV_DONE 256		/* an NDX_DONE (a list retired or a phase ended) */

/* The compressions whose unpacked sizes the parser counts; zstd's it
 * cannot (that would take its entropy decoders). */
enum ss_zip { SS_ZIP_UNCOUNTED, SS_ZIP_LZ4, SS_ZIP_DEFLATE };

struct ss_params {
	struct flist_opts fo;
	int do_xfers;		/* not a dry run */
	int compressed;		/* token framing of -z */
	int zip;		/* with compressed: what the parser can count of
				 * the data (enum ss_zip) */
	int xfer_sum_len;
	int ignore_errors;
	int want_xattr_optim;	/* protocol >= 31 without CF_AVOID_XATTR_OPTIM */
	int log_before;		/* a transfer is logged at its record, not its end */
	int append_mode;	/* --append: the data continues the basis */
	const struct trust *trust; /* the client's checks on the list, or NULL */
	uint64_t max_alloc;	/* --max-alloc: a list's array is bounded by it */
	int resign;		/* each file's checksum made again with the
				 * receiver's seed (seed.h); not compressed */
	int32_t seed_src, seed_dest;
};

struct sendstream {
	struct ss_params p;
	enum ss_state state;
	struct ndx_state ndx;
	struct flist_state fst;
	struct flist *first, *last;	/* live lists, oldest first */
	struct flist *building;		/* list being received */
	struct dirlist dirs;
	int nlists;			/* lists received so far */
	int phase, max_phase;
	int flist_eof;
	int io_error;			/* IOERR_* bits the sender reported */
	int64_t literal_left;
	int32_t sum_count, blength, remainder;	/* the current file's checksum header */
	int32_t token;			/* last block matched (compressed framing) */
	int64_t file_literal, file_matched;	/* the current file's data so far */
	int64_t data_ofs;		/* with SS_EV_DATA: the file's offset (with
					 * compression other than lz4, in
					 * compressed bytes) */
	struct lz4_count lz4;		/* the current file's unpacked lz4 data */
	struct deflate_count dc;	/* the same for zlib and zlibx */
	int in_deflated;		/* a run of DEFLATED_DATA tokens is open */
	int cur_index;			/* rsync's index of the item across lists */
	const struct flist *cur;	/* rsync's cur_flist: the item's list,
					 * then the next as lists retire */
	int done_last;			/* with SS_EV_DONE: rsync's index of the
					 * last file of cur_flist, -1 if none */
	struct xfer_stats st;
	uint64_t frame, counted_frame;	/* the frame being parsed (ss_set_frame) */
	uint32_t frame_bytes;		/* and its size, header included */
	int stats_count;
	int64_t stats[5];		/* total_read, total_written, total_size,
					 * flist_buildtime, flist_xfertime */
	int64_t total_size;		/* of the listed files and symlinks */
	int first_list_empty;
	int tail_raw;			/* the goodbye had something unexpected */
	struct seed_resign rs;		/* with p.resign */
	int events;
	/* the item to log, valid with SS_EV_ITEM */
	int32_t item_ndx;
	int item_iflags;
	const struct fentry *item;	/* its file-list entry */
	char item_xname[RELAY_MAXPATHLEN];
	int64_t item_bytes;		/* wire bytes of its data (rsync's %b) */
	unsigned char item_sum[32];	/* its whole-file checksum */
	int pending_log;		/* a transferred file is logged at its end */
	enum ss_state after_xattr;	/* where a record continues after -X values */
	/* An item passed on changed: its first subst_skip bytes are replaced
	 * by subst (an entry's xflags made honest, and before protocol 30 its
	 * name sent whole); valid after a step that set subst_len. */
	unsigned char subst[RELAY_MAXPATHLEN + 16];
	size_t subst_len, subst_skip;
	char err[RELAY_MAXPATHLEN + 128];	/* room for a whole name */
	int err_code;		/* with err: rsync's exit code, and err is
				 * rsync's own line; 0: a stream error */
};

/* Whether ss->data_ofs is in the file's own bytes: always without
 * compression, with it when the parser can count the compression and
 * the data has not broken its format. */
int ss_data_counted(const struct sendstream *ss);

int ss_init(struct sendstream *ss, const struct ss_params *p);
/* The frame (numbered from 1) and its size the next bytes lie in, for
 * rsync's File list size: the frames that carry a list, counted whole
 * with their headers, as rsync's client counts what it read.  Without
 * it (frame 0) the list's own bytes are counted. */
static inline void ss_set_frame(struct sendstream *ss, uint64_t frame, uint32_t bytes)
{
	ss->frame = frame;
	ss->frame_bytes = bytes;
}
void ss_free(struct sendstream *ss);

/* Interprets the next piece of the stream in buf.  Returns 1 with *used
 * bytes interpreted (*drop says they must not be forwarded; subst_len
 * says they go on changed), 0 when buf holds too little to decide, -1 on
 * a protocol error or an entry the client's checks refuse (ss->err,
 * ss->err_code). */
int ss_step(struct sendstream *ss, const unsigned char *buf, size_t len, size_t *used,
	    int *drop);

/* True once the run's end has been parsed (everything after is goodbye). */
static inline int ss_at_tail(const struct sendstream *ss) { return ss->state == SS_TAIL; }

#endif
