/* Both ends on one login: when the source and the destination are the
 * same user on the same host through the same remote shell, the copy
 * runs on that host ("ssh host rsync ARGS" with the paths made local
 * there), so the data does not cross the network twice. */
#ifndef RELAY_SAMEHOST_H
#define RELAY_SAMEHOST_H

#include <stddef.h>

#include "operands.h"
#include "options.h"
#include "plan.h"

/* 1 when both operands are on one login (same user, host, remote shell
 * command and rsync program), else 0. */
int samehost_same_login(const struct options *o, const struct operands *ops);

/* Why a copy on that one host would not do what the relayed one does
 * (something read from this host: a --files-from list, an exclude file,
 * a merge file, ~/.cvsignore, -M words for a server), or NULL. */
const char *samehost_obstacle(const struct options *o);

/* The remote command: rsync_path, the option words (each quoted for the
 * remote shell), then the source paths and the destination path quoted
 * as rsync quotes remote file names.  NULL when out of memory. */
char *samehost_command(const struct options *o, const struct operands *ops,
		       const char *const *words, int nwords);

#endif
