/* Starting both servers: the plan's two commands spawned through the
 * remote shell (or the daemons dialled), logins awaited one at a time
 * where a password may be asked, daemons greeted, the secluded words
 * sent, the handshake run; and the restarts it can need: without
 * --checksum-seed for a server that refuses it (seed.h), with fewer
 * capabilities when the servers answer different compat flags. */
#ifndef RELAY_CONNECT_H
#define RELAY_CONNECT_H

#include <stdint.h>

#include "handshake.h"
#include "operands.h"
#include "options.h"
#include "plan.h"
#include "report.h"
#include "spawn.h"
#include "stderr_label.h"

#define REAP_TIMEOUT_MS 2000
#define SIGNAL_REAP_MS 500	/* then SIGTERM: exit within a second or so */

/* One start of both servers: their command lines, processes and what
 * the handshake agreed. */
struct conn {
	struct plan plan;
	struct child src, dest;
	struct hs_side a, b;
	struct session sess;
	int started;
	int64_t spawned_ms[2];	/* when each remote shell was started */
	struct stderr_label shells;	/* their stderr, labelled */
	char where[2][400];		/* "source web04", "destination web05" */
};

/* Plans and starts both servers (only the source for a listing) and runs
 * the handshake, given seed for both unless a server refuses it.  Returns
 * 0, -1 after an error (reported), HS_REFUSED when a daemon refused its
 * arguments (c->sess.refused says which), or 1 when a daemon's module
 * list was all. */
int connect_both(struct conn *c, const struct options *o, const struct operands *ops,
		 int32_t seed, struct report *r);

/* Stops side i without a word from it: the other side ended the run
 * before the protocol started, where rsync's client has no second
 * server to hear from.  Its shell is ended, its stderr dropped and its
 * code not counted. */
void conn_abandon_side(struct conn *c, int i);

#endif
