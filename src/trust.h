/* The checks rsync's pulling client makes on the file list a sender sends
 * (rsync's flist.c recv_file_entry, exclude.c add_implied_include and
 * is_implied_parent_dir).  The destination's rsync runs as a server and
 * trusts its client's list, so in a relay these checks are the relay's:
 *
 *  - an entry must be a name the request asked for: the source operands
 *    (trailing slash, "/./" and -R parents, wildcards, -r/-d contents)
 *    and the names of a local --files-from list ("unrequested", code 4);
 *  - it must not be excluded by the rules the relay sent to the sender
 *    ("excluded", code 4), unless the sender's own filtering cannot be
 *    judged here (a per-directory merge rule, a '/' rule);
 *  - the transfer root "." must be a directory (code 2);
 *  - a directory allowed only as the parent of a requested name is sent
 *    on as an implied directory, so that --delete cannot sweep it.
 *
 * --trust-sender, --old-args and a remote --files-from list turn the name
 * checks off as they do in rsync. */
#ifndef RELAY_TRUST_H
#define RELAY_TRUST_H

#include <stddef.h>
#include <stdint.h>

#include "filter.h"
#include "flist.h"

struct trust {
	int check_names;	/* unrequested names are refused */
	int root_contents;	/* a request named the transfer root's contents */
	int check_excluded;	/* excluded names are refused */
	int relative;		/* -R */
	int recurse;		/* -r: a requested directory's whole tree */
	int xfer_dirs;		/* -d: a requested directory's entries */
	int protocol;
	struct filter_list implied;	/* rsync's implied include rules */
	struct filter_list rules;	/* the rules the sender got */
	struct filter_list cvs;		/* the CVS list a "-C" rule stands for */
	/* a --files-from name whose end has not been read yet */
	char part[RELAY_MAXPATHLEN];
	size_t part_len;
	int part_long;		/* it is longer than a path can be */
};

/* What the relay needs to know of the request. */
struct trust_request {
	int trust_sender_args;	/* rsync's rule: --trust-sender, --old-args,
				 * --files-from on the remote host */
	int trust_sender_filter; /* --trust-sender */
	int relative, recurse, xfer_dirs;
	int files_from;		/* names come from a local --files-from list */
	char **paths;		/* the source operands' paths */
	int npaths;
	int protocol;
};

/* Sets up the checks.  rules: the list as it went to the sender, cvs: the
 * CVS list a "-C" rule in it stands for (filter_assemble); t takes both
 * and leaves them empty.  Returns -1 when out of memory (trust_free then
 * still frees what t holds). */
int trust_init(struct trust *t, const struct trust_request *rq, struct filter_list *rules,
	       struct filter_list *cvs);
void trust_free(struct trust *t);

/* Adds the implied includes for one requested name (a source operand or a
 * --files-from name), as rsync's client does.  Returns -1 when out of
 * memory. */
int trust_add_request(struct trust *t, const char *arg);

/* Feeds --files-from bytes as they go to the sender: names end in NUL
 * (the relay has turned line ends into NULs); a name may be split across
 * calls.  end: the list is over (a last name without its NUL counts). */
int trust_add_request_bytes(struct trust *t, const unsigned char *p, size_t n, int end);

/* The verdict on one file-list entry: 0 to pass it on with *xflags (which
 * may have gained the implied-directory bits), or rsync's exit code with
 * rsync's message in msg. */
int trust_check_entry(const struct trust *t, const char *name, uint32_t mode,
		      uint32_t *xflags, char *msg, size_t msglen);

/* Sub-lists of incremental recursion: an entry of the list of directory
 * dir must lie directly in it.  Returns 0, or rsync's exit code with its
 * message. */
int trust_check_sublist_entry(const char *dir, const char *name, int relative, char *msg,
			      size_t msglen);

#endif
