/* Listing mode (--list-only, or a lone source operand as in "rsync
 * host:path"): the relay is the receiving client of the sender alone and
 * prints each file-list entry the way rsync's generator lists it. */
#ifndef RELAY_LISTING_H
#define RELAY_LISTING_H

#include "flist.h"
#include "report.h"

struct listing_format {
	int human;		/* rsync's human_readable: also widens the size */
	int atimes;		/* -U: an access-time column (not for dirs) */
	int crtimes;		/* -N: a creation-time column */
	int links;		/* -l: " -> target" after a symlink */
	int missing_delete;	/* --delete-missing-args: "*missing" lines */
	int inc_recurse;	/* lists arrive per directory */
};

/* One list as it completes.  With incremental recursion a list begins
 * with the directory it holds (its parent, from dirs) and the directories
 * inside it wait for their own lists, as in rsync's output. */
void listing_print(struct report *r, const struct listing_format *f, const struct flist *fl,
		   const struct dirlist *dirs);

/* One line of the listing, without its newline, for an entry; out must
 * hold LISTING_LINE_MAX bytes.  Returns the length. */
#define LISTING_LINE_MAX (RELAY_MAXPATHLEN * 2 + 128)
int listing_line(const struct listing_format *f, const struct fentry *e, char *out);

#endif
