/* The --debug lines rsync's client prints from its own logic, for what
 * the relay does as the client of both servers: the remote shell's
 * command or a daemon's arguments (CMD), the protocol versions (PROTO) and the negotiated
 * checksum and compression (NSTR).  The filter rules' lines (FILTER) are
 * filter.c's, which parses them. */
#ifndef RELAY_CLIENTDEBUG_H
#define RELAY_CLIENTDEBUG_H

#include <stdint.h>
#include <stdio.h>

#include "handshake.h"
#include "operands.h"
#include "report.h"

/* CMD's line for a command: "opening connection using: ARGV..." for a
 * remote shell, "sending daemon args: ARGS..." for a daemon, words
 * outside rsync's plain set in quotes, then " (N args)"; hide: a word
 * left out (NULL for none).  Nothing with -q. */
void clientdebug_argv(struct report *r, const char *prefix, char *const *argv,
		      const char *hide);

/* "cmd=RSH machine=HOST user=USER path=PATH" and the "cmd[N]=WORD" line
 * of rsync's client before it starts a remote shell (rsh NULL: none given,
 * as rsync shows it; quiet: -q, which only the first line heeds). */
void clientdebug_cmd(FILE *out, int quiet, const char *rsh, const struct endpoint *ep,
		     char *const *argv);

/* The compression level rsync's client settles on for a method
 * ("zlib", "zlibx", "zstd", "lz4", "none") and the --compress-level
 * given (given == 0: none was): its defaults and its bounds. */
int clientdebug_compress_level(const char *method, int given, int level);

/* What the client says of the handshake with one server: PROTO's line
 * (remote: that server's version), and, once, NSTR's lines for the
 * checksum and the compression in force.  checksum_choice and
 * compress_choice: the options as given (NULL: none); compress: whether
 * compression is on; level, level_given: --compress-level. */
struct clientdebug_names {
	const char *checksum_choice;
	const char *compress_choice;
	int compress;
	int level, level_given;
};
void clientdebug_proto(FILE *out, int remote, int negotiated);
void clientdebug_nstr(FILE *out, const struct session *s, const struct clientdebug_names *n);

#endif
