/* Filter rules: rsync's --exclude, --include, --filter, -F, -C,
 * --exclude-from, --include-from, turned into the filter list a client
 * sends, per role (rsync's exclude.c).  They never go on the server
 * command lines, which stay stable for forced commands. */
#ifndef RELAY_FILTER_H
#define RELAY_FILTER_H

#include <stddef.h>
#include <stdio.h>

/* A rule's flags; the values are rsync's (rsync.h), so that a list can be
 * compared with rsync's own.  Only the prefix letters and the trailing '/'
 * they lead to reach the wire. */
#define FILTRULE_WILD		(1u << 0)	/* pattern has '*', '[' or '?' */
#define FILTRULE_WILD2		(1u << 1)	/* pattern has "**" */
#define FILTRULE_WILD2_PREFIX	(1u << 2)	/* pattern starts with "**" */
#define FILTRULE_WILD3_SUFFIX	(1u << 3)	/* pattern ends with "***" */
#define FILTRULE_ABS_PATH	(1u << 4)	/* '/' modifier */
#define FILTRULE_INCLUDE	(1u << 5)	/* an include, not an exclude */
#define FILTRULE_DIRECTORY	(1u << 6)	/* pattern had a trailing '/' */
#define FILTRULE_WORD_SPLIT	(1u << 7)	/* 'w' */
#define FILTRULE_NO_INHERIT	(1u << 8)	/* 'n' */
#define FILTRULE_NO_PREFIXES	(1u << 9)	/* '-' or '+' on a merge rule */
#define FILTRULE_MERGE_FILE	(1u << 10)	/* "merge" or "dir-merge" */
#define FILTRULE_PERDIR_MERGE	(1u << 11)	/* "dir-merge" */
#define FILTRULE_EXCLUDE_SELF	(1u << 12)	/* 'e' */
#define FILTRULE_FINISH_SETUP	(1u << 13)	/* dir-merge not yet set up */
#define FILTRULE_NEGATE		(1u << 14)	/* '!' */
#define FILTRULE_CVS_IGNORE	(1u << 15)	/* 'C' */
#define FILTRULE_SENDER_SIDE	(1u << 16)	/* 's', hide, show */
#define FILTRULE_RECEIVER_SIDE	(1u << 17)	/* 'r', protect, risk */
#define FILTRULE_CLEAR_LIST	(1u << 18)	/* the "!" rule */
#define FILTRULE_PERISHABLE	(1u << 19)	/* 'p' */
#define FILTRULE_XATTR		(1u << 20)	/* 'x' */
#define FILTRULE_FROM_FILE	(1u << 21)	/* text read from a file */
#define FILTRULES_SIDES		(FILTRULE_SENDER_SIDE | FILTRULE_RECEIVER_SIDE)

/* rsync's exit codes for the errors below. */
#define FILTER_ERR_SYNTAX	1	/* RERR_SYNTAX: a malformed rule */
#define FILTER_ERR_PROTOCOL	2	/* RERR_PROTOCOL: filter_wire's error */
#define FILTER_ERR_FILEIO	11	/* RERR_FILEIO: a merge file can't be read */
#define FILTER_ERR_MALLOC	22	/* RERR_MALLOC */

enum filter_arg_kind {
	FA_EXCLUDE,		/* --exclude=PATTERN */
	FA_INCLUDE,		/* --include=PATTERN */
	FA_FILTER,		/* --filter=RULE */
	FA_EXCLUDE_FROM,	/* --exclude-from=FILE ("-" is stdin) */
	FA_INCLUDE_FROM,	/* --include-from=FILE */
	FA_F,			/* -F (each occurrence; the second one differs) */
	/* --delete-excluded, at its place among the others (arg NULL).  rsync
	 * marks each include/exclude parsed after it as a sender-side rule,
	 * which shows as an 's' in the list sent to a sender; the caller also
	 * sets filter_wire_opts.delete_excluded. */
	FA_DELETE_EXCLUDED,
};

struct filter_arg {
	enum filter_arg_kind kind;
	const char *arg;	/* NULL for FA_F and FA_DELETE_EXCLUDED */
};

struct filter_rule {
	unsigned rflags;	/* FILTRULE_* */
	char *pattern;		/* without the trailing '/' of FILTRULE_DIRECTORY */
	int slash_cnt;		/* the '/'s in pattern: where matching starts */
};

struct filter_list {
	struct filter_rule *rules;
	int n, cap;
	/* Kept by filter_build for filter_wire: */
	int from0;		/* --from0, for reading ~/.cvsignore */
	unsigned cvs_rflags;	/* the first "-C" rule's flags (0: none was
				 * parsed); rsync builds its CVS list once, from
				 * that rule */
	int cvs_delete_excluded; /* --delete-excluded was in force then */
	int exit_code;		/* after a failure: FILTER_ERR_* */
};

/* What decides which rules go to which server, and how they are written. */
struct filter_wire_opts {
	int protocol;		/* the protocol agreed with that server */
	int delete_excluded;	/* --delete-excluded */
	int cvs_exclude;	/* -C */
	const char *partial_dir; /* --partial-dir, cleaned as rsync's options
				  * do (clean_fname; "" and "." mean none), or
				  * NULL; an absolute one adds no rule */
};

/* Parses the rule arguments in command-line order into fl (which need not
 * be initialised); local merge files (--exclude-from, ". FILE" rules) are
 * read now, as rsync's client does, and a "!" rule empties the list built
 * so far.  from0: --from0 (lines end in NUL); it applies to every file,
 * where rsync applies it to the files named after it on the command line.
 * Returns 0, or -1 with rsync's message in err and rsync's exit code in
 * fl->exit_code (the list is then empty).  filter_free is safe either
 * way. */
int filter_build(struct filter_list *fl, const struct filter_arg *args, int nargs,
		 int from0, char *err, size_t errlen);

/* What filter_build_with adds to filter_build's work: how merge files are
 * opened and the client's --debug=FILTER lines. */
struct filter_build_opts {
	int from0;		/* --from0 */
	int insecure_links;	/* --insecure-links: merge files opened plainly,
				 * not through safeopen's owner check */
	int debug_filter;	/* the --debug=FILTER level after all options */
	/* For each rule argument (or NULL: debug_filter for all), the level
	 * when rsync parses it: the --debug options before it, or
	 * FILTER_DEBUG_FINAL for a rule rsync adds after the options. */
	const int *arg_debug;
	FILE *debug_out;	/* where the add_rule lines go (rsync's client:
				 * stdout), or NULL for none */
	FILE *warn_out;		/* rsync's "discarding over-long filter" lines
				 * (stderr), or NULL for none */
};

#define FILTER_DEBUG_FINAL (-1)

/* filter_build with those options.  A merge file refused for another
 * user's symlink gets rsync's warning line before the message in err. */
int filter_build_with(struct filter_list *fl, const struct filter_arg *args, int nargs,
		      const struct filter_build_opts *bo, char *err, size_t errlen);
void filter_free(struct filter_list *fl);

/* The list as sent on the wire: (int length, rule text) pairs and a final
 * int 0.  for_sender: the list a pulling client sends to the sender;
 * otherwise the list a pushing client sends to the receiver.  Whether the
 * receiver reads one at all is the caller's decision, but rsync's client
 * makes the list, and can fail, either way: call this for the receiver
 * too.  The --partial-dir rule and, for the receiver, -C's ":C" and "-C"
 * are added here (fl is not changed), and a "-C" rule is replaced by
 * rsync's CVS ignore list (its defaults, ~/.cvsignore, $CVSIGNORE) where
 * rsync's client expands it; the list is made for o->protocol.  Returns a
 * malloc'ed buffer, or NULL with rsync's message in err (e.g. "filter
 * rules are too modern for remote rsync.", exit code FILTER_ERR_PROTOCOL). */
/* The rules filter_wire sends, before they are written: fl with the
 * rules the client adds for that side in *list, and the CVS list a "-C"
 * rule stands for in *cvs (both to be freed by the caller).  Returns 0,
 * or -1 with rsync's message in err (the lists are then empty). */
int filter_assemble(const struct filter_list *fl, int for_sender,
		    const struct filter_wire_opts *o, struct filter_list *list,
		    struct filter_list *cvs, char *err, size_t errlen);

/* Appends a rule (taking the malloc'ed pattern).  Returns -1 when out of
 * memory (the pattern is then not taken). */
int filter_list_add(struct filter_list *l, unsigned rflags, char *pattern);

unsigned char *filter_wire(const struct filter_list *fl, int for_sender,
			   const struct filter_wire_opts *o, size_t *len, char *err,
			   size_t errlen);


#endif
