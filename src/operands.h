/* Operands: [USER@]HOST:PATH, [USER@][IPV6]:PATH, ":PATH" for a
 * further source on the same host, and the rsync daemon forms
 * [USER@]HOST::MODULE/PATH and rsync://[USER@]HOST[:PORT]/MODULE/PATH,
 * as rsync reads them. */
#ifndef RELAY_OPERANDS_H
#define RELAY_OPERANDS_H

#include <stddef.h>

struct endpoint {
	char *user;	/* NULL when not given */
	char *host;
	char **paths;	/* remote paths ("." for an empty one); for a
			 * daemon "MODULE/PATH" as given ("" lists modules) */
	int npaths;
	int daemon;	/* an rsync daemon (HOST::MODULE or rsync://) */
	int port;	/* rsync://HOST:PORT's port; 0 when not given */
};

struct operands {
	struct endpoint src;
	struct endpoint dest;	/* one path; none when listing a lone source */
};

/* Splits args (all sources, then the destination; a lone operand is a
 * source to list).  On error writes
 * rsync's message into err and returns -1. */
int operands_parse(struct operands *ops, char **args, int nargs, char *err,
		   size_t errlen);
void operands_free(struct operands *ops);

/* What rsync makes of one operand. */
enum operand_kind {
	OPERAND_LOCAL,		/* a local path */
	OPERAND_SHELL,		/* [USER@]HOST:PATH */
	OPERAND_CONTINUED,	/* ":PATH": a further path on the source host */
	OPERAND_DAEMON,		/* HOST::MODULE or rsync://HOST/ */
};
enum operand_kind operands_kind(const char *arg);

#endif
