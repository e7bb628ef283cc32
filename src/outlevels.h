/* rsync's --info and --debug words: levels per word, what -v implies at
 * each verbosity, and the "--info=..." / "--debug=..." option a client
 * passes to a server (rsync's options.c output words). */
#ifndef RELAY_OUTLEVELS_H
#define RELAY_OUTLEVELS_H

#include <stddef.h>
#include <stdio.h>

enum info_word {
	INFO_BACKUP, INFO_COPY, INFO_DEL, INFO_FLIST, INFO_MISC, INFO_MOUNT, INFO_NAME,
	INFO_NONREG, INFO_PROGRESS, INFO_REMOVE, INFO_SKIP, INFO_STATS, INFO_SYMSAFE,
	INFO_COUNT
};

enum debug_word {
	DEBUG_ACL, DEBUG_BACKUP, DEBUG_BIND, DEBUG_CHDIR, DEBUG_CONNECT, DEBUG_CMD,
	DEBUG_DEL, DEBUG_DELTASUM, DEBUG_DUP, DEBUG_EXIT, DEBUG_FILTER, DEBUG_FLIST,
	DEBUG_FUZZY, DEBUG_GENR, DEBUG_HASH, DEBUG_HLINK, DEBUG_ICONV, DEBUG_IO,
	DEBUG_NSTR, DEBUG_OWN, DEBUG_PROTO, DEBUG_RECV, DEBUG_SEND, DEBUG_TIME,
	DEBUG_COUNT
};

/* Where a word matters (rsync's W_*). */
#define OUT_W_CLI 1
#define OUT_W_SRV 2
#define OUT_W_SND 4
#define OUT_W_REC 8

/* Who set a level: implied ones are not passed on, the user's win. */
enum out_priority { OUT_PRIO_DEFAULT = 0, OUT_PRIO_HELP = 1, OUT_PRIO_USER = 2 };

enum out_kind { OUT_INFO, OUT_DEBUG };

struct outlevels {
	enum out_kind kind;
	short level[DEBUG_COUNT];
	unsigned char prio[DEBUG_COUNT];
};

void outlevels_init(struct outlevels *ol, enum out_kind kind);

/* Applies a comma-separated word list ("name2,flist0,all,none") at a
 * priority.  Returns 0, 1 when "help" was asked for, or -1 with rsync's
 * "Unknown --info item" message in err. */
int outlevels_parse(struct outlevels *ol, const char *words, enum out_priority prio,
		    char *err, size_t errlen);

/* What -v given `verbose` times implies (rsync's set_output_verbosity). */
void outlevels_verbosity(struct outlevels *ol, int verbose, enum out_priority prio);

/* The option a server gets for the words that matter `where`
 * ("--info=NAME2,..."), or NULL when none was set by the user.
 * Returns a malloc'd string; *oom is set when allocation failed. */
char *outlevels_option(const struct outlevels *ol, int where, int *oom);

/* rsync's --info=help / --debug=help text. */
void outlevels_help(enum out_kind kind, FILE *out);

#endif
