/* What rsync's --stats counts (rsync's struct stats), as the relay reads
 * it from the sender's stream, and the relay's own figures per link. */
#ifndef RELAY_STATS_H
#define RELAY_STATS_H

#include <stdint.h>

/* Kinds of file; index 0 counts all of them. */
enum { SK_ALL, SK_DIR, SK_LINK, SK_DEV, SK_SPECIAL, SK_KINDS };

struct xfer_stats {
	int num_files[SK_KINDS];	/* in the file lists */
	int created[SK_KINDS];
	int deleted[SK_KINDS];		/* as the generator reported them */
	int xferred_files;
	int64_t total_transferred_size;
	int64_t literal_data, matched_data;
	int64_t flist_size;		/* bytes of the file lists */
};

/* One ssh connection as the relay saw it. */
struct link_figures {
	uint64_t sent, received;	/* bytes written to and read from it */
	int64_t connect_ms;		/* start until the server first spoke */
};

/* Everything the end-of-run summary prints. */
struct run_summary {
	struct xfer_stats st;
	int64_t total_size;		/* the sender's figure */
	int64_t flist_buildtime;	/* ms, from the sender (0: not sent) */
	int64_t flist_xfertime;
	/* What rsync's pulling client prints as sent and received: the
	 * counts the sender ends with (what it read and wrote), or the
	 * source link's own when it sent none. */
	uint64_t sent, received;
	struct link_figures src, dest;
	double seconds;			/* rsync's 0.5 + whole seconds elapsed */
	int stats_level;		/* --info=stats level */
	int human;			/* rsync's human_readable */
	int protocol;
	int dry_run;
	int listing;			/* the sender alone: one link */
	int link_lines;			/* -vv: the per-link lines without --stats */
};

#endif
