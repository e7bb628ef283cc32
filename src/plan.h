/* The plan: the two command lines the relay will run.  Each side gets
 * exactly what rsync's own client sends for a pull (source) or a push
 * (destination), wrapped in the remote shell's argument vector. */
#ifndef RELAY_PLAN_H
#define RELAY_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "operands.h"
#include "options.h"

struct strv {
	char **v;	/* NULL-terminated */
	int n;
	int cap;
};

int strv_push(struct strv *s, const char *str);
void strv_free(struct strv *s);

/* Capability letters sent after "-e." (see rsync's maybe_add_e_option).
 * 'i' is added only when incremental recursion is allowed. */
#define PLAN_CAPS "LsfxCIvu"

struct plan {
	struct strv src_argv;	/* remote shell argv for the source */
	struct strv dest_argv;	/* remote shell argv for the destination */
	int src_cmd_at;		/* index in *_argv where the remote command starts */
	int dest_cmd_at;
	int32_t checksum_seed;
	int inc_recurse;	/* 'i' offered to both servers */
};

/* Builds both command lines.  interactive: a terminal is attached, so ssh
 * may prompt (otherwise BatchMode is set).  Returns -1 with err set. */
int plan_build(struct plan *p, const struct options *o, const struct operands *ops,
	       int32_t seed, int interactive, char *err, size_t errlen);
void plan_free(struct plan *p);

/* rsync's quoting of a remote file name for the remote shell. */
char *plan_quote_path(const char *arg, int am_sender);
/* Splits a -e command into words the way rsync does (spaces separate,
 * '...' and "..." group, a doubled quote inside quotes is literal). */
int plan_split_rsh(const char *cmd, struct strv *out);

#endif
