/* The daemon sides of a run (HOST::MODULE, rsync://, or a daemon over a
 * remote shell), from the connection to the handshake: the TCP
 * connection in place of a remote shell's pipes, then for each daemon
 * side its greeting, the module request (a password may be asked for)
 * and the server's arguments, as rsync's client says them (daemon.h has
 * the dialogue), with rsync's -vv lines. */
#ifndef RELAY_DAEMONSIDES_H
#define RELAY_DAEMONSIDES_H

#include <stdint.h>

#include "handshake.h"
#include "options.h"
#include "plan.h"
#include "report.h"
#include "spawn.h"

/* Connects ch to a daemon at host:port, or through RSYNC_CONNECT_PROG's
 * program when o has one (one fd each way, so that either can be closed); who: rsync's client's name for itself toward it
 * ("Receiver" toward a source, "sender" toward a destination).  Returns
 * 0, or -1 after reporting rsync's messages. */
int daemonsides_connect(struct child *ch, const char *host, int port, const char *who,
			const struct options *o, struct report *r);

/* One side as the greeting sees it. */
struct daemonside {
	enum side_kind kind;
	struct hs_side *hs;		/* its connection; its version is read
					 * here for a remote shell's server */
	const struct daemon_plan *dp;
	const struct strv *secluded;	/* -s: the words after the arguments */
	const char *user;		/* the operand's user, or NULL */
	const char *password_file;	/* this side's, or NULL */
	const char *shared_password;	/* both sides daemons: the source of a
					 * password for either, not used (daemon.h) */
};

/* Greets the daemon sides among the n (1 or 2): each one's greeting is
 * read, then each is greeted with a protocol no side lacks (a remote
 * shell's server's version is read first for it), asked for its module
 * and given the server's arguments (the --checksum-seed=seed[i] the relay
 * adds by itself is not shown at -vv, as in --print-server-commands);
 * the handshake then reads no version from it (hs_set_daemon).  Returns
 * 0 to go on, 1 when a daemon ended the run at its module list, -1 after
 * an error (reported), with *failed the side it came from. */
int daemonsides_greet(const struct daemonside *sd, int n, const int32_t seed[2],
		      const struct options *o, struct report *r, int *failed);

#endif
