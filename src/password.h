/* The password for an rsync daemon's challenge, found where rsync's
 * client finds it: the side's --password-file ("-" for stdin), else
 * RSYNC_PASSWORD, else a prompt on the terminal, here preceded by a line
 * naming the side, as both daemons may ask. */
#ifndef RELAY_PASSWORD_H
#define RELAY_PASSWORD_H

#include <stddef.h>

#include "report.h"

/* The first line of a password file's bytes (leading line ends
 * skipped, as rsync's strtok does), copied into out.  -1 when there is
 * none. */
int password_first_line(const char *data, size_t len, char *out, size_t outlen);

/* Returns a new string, or NULL after printing rsync's message with
 * *code set (1 for a bad file, 20 after a signal).  The file is opened
 * as safeopen.h opens the user's files (insecure_links: --insecure-links);
 * RSYNC_PASSWORD is read only with use_env. */
char *password_get(const char *file, int use_env, int insecure_links, const char *where,
		   struct report *r, int *code);

#endif
