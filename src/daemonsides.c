/* The daemon sides of a run (daemonsides.h). */
#include "daemonsides.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clientdebug.h"
#include "connectprog.h"
#include "daemon.h"
#include "netconnect.h"

/* RSYNC_CONNECT_PROG's program in place of the TCP connection, as
 * rsync's client runs it (connectprog.h); it is reaped as a server is. */
static int connect_prog(struct child *ch, const char *prog, const char *host,
			struct report *r)
{
	char err[64], *cmd;
	int fd, e;

	if (strchr(prog, '%') && connectprog_unsafe_host(host)) {
		report_fatal_line(r, RERR_SOCKETIO, "unsafe host characters for RSYNC_CONNECT_PROG");
		return -1;
	}
	if (!(cmd = connectprog_command(prog, host))) {
		report_fatal(r, RERR_MALLOC, "out of memory");
		return -1;
	}
	fd = connectprog_start(cmd, &ch->pid, err, sizeof err);
	e = errno;
	free(cmd);
	if (fd < 0)
		report_fatal_line(r, RERR_SOCKETIO, "rsync: %s: %s (%d)", err, strerror(e), e);
	return fd;
}

int daemonsides_connect(struct child *ch, const char *host, int port, const char *who,
			const struct options *o, struct report *r)
{
	struct net_opts no = { .bind_address = o->bind_address, .sockopts = o->sockopts,
			       .af_hint = o->default_af_hint, .timeout_s = o->connect_timeout,
			       .debug_connect = o->debug.level[DEBUG_CONNECT], .who = who };
	int code, fd;

	fd = o->connect_prog ? connect_prog(ch, o->connect_prog, host, r)
			     : net_connect(host, port, &no, r, &code);
	if (fd < 0)
		return -1;
	ch->from_fd = fd;
	ch->to_fd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	ch->sock = 1;
	if (ch->to_fd < 0) {
		report_fatal(r, RERR_IPC, "dup: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/* One daemon side's request (d greeted already): the arguments shown at
 * -vv, before the module as rsync's client shows them, then the module,
 * then the arguments.  Returns as daemon_request does. */
static int request_module(struct daemon_side *d, int cap, const struct daemonside *s,
			  int32_t seed, const struct options *o, struct report *r)
{
	char hide[40];
	int rc;

	snprintf(hide, sizeof hide, "--checksum-seed=%ld", (long)seed);
	if (o->debug.level[DEBUG_CMD] >= 1)
		clientdebug_argv(r, "sending daemon args:", s->dp->args.v,
				 o->checksum_seed ? NULL : hide);
	if ((rc = daemon_request(d, cap, s->dp->module, r)) != 0)
		return rc;
	/* the secluded words start with the "rsync" standing for argv[0] */
	return daemon_send_args(d, s->dp->args.v, s->dp->args.n, s->secluded->v, s->secluded->n,
				r);
}

/* A remote shell's server's version, judged before it sets what the
 * daemon is offered (as the handshake would judge it later). */
static int bad_version(const struct hs_side *hs, int32_t v, struct report *r)
{
	if (v < 20 || v > 40)
		report_fatal(r, RERR_PROTOCOL, "protocol version mismatch -- is your shell clean? "
			     "(the %s sent %d)", hs->who, (int)v);
	else if (v < RELAY_MIN_PROTOCOL)
		report_fatal(r, RERR_PROTOCOL, "protocol %d is too old for the relay (the %s "
			     "speaks %d; at least %d is needed)", (int)v, hs->who, (int)v,
			     RELAY_MIN_PROTOCOL);
	else
		return 0;
	return 1;
}

int daemonsides_greet(const struct daemonside *sd, int n, const int32_t seed[2],
		      const struct options *o, struct report *r, int *failed)
{
	const char *env_user = getenv("USER") ? getenv("USER") : getenv("LOGNAME");
	struct daemon_side d[2];
	int cap = o->protocol_version ? o->protocol_version : RELAY_PROTOCOL, rc = 0, i;

	for (i = 0; i < n && rc == 0; i++) {
		if (sd[i].kind == SIDE_SHELL)
			continue;
		d[i] = (struct daemon_side){
			.rfd = sd[i].hs->rfd, .wfd = sd[i].hs->wfd, .where = sd[i].hs->where,
			.user = sd[i].user ? sd[i].user : env_user,
			.password_file = sd[i].password_file,
			.insecure_links = o->insecure_links,
			.early_input = o->early_input,
			.who = i ? "sender" : "Receiver",
			.own_password_only = n == 2 && sd[!i].kind != SIDE_SHELL,
			.shared_password = sd[i].shared_password,
			.timeout_ms = o->io_timeout * 1000, .no_motd = o->no_motd,
			.shell = r->shells,
		};
		*failed = i;
		if ((rc = daemon_read_greeting(&d[i], r)) == 0)
			cap = daemon_protocol(cap, &d[i].g);
	}
	/* A daemon speaks first; a remote shell's server may wait for the
	 * client's version (openrsync): after a while it is offered the
	 * lower of ours and the daemon's, and answers with the lower of
	 * that and its own. */
	for (i = 0; i < n && rc == 0; i++) {
		int32_t v;

		*failed = i;
		if (sd[i].kind != SIDE_SHELL)
			continue;
		if ((v = hs_read_version_offering(sd[i].hs, cap, r)) < 0 ||
		    bad_version(sd[i].hs, v, r))
			return -1;
		if (v < cap)
			cap = v;
	}
	for (i = 0; i < n && rc == 0; i++) {
		if (sd[i].kind == SIDE_SHELL)
			continue;
		*failed = i;
		/* (rsync counts none of the greeting's bytes) */
		if ((rc = request_module(&d[i], cap, &sd[i], seed[i], o, r)) == 0)
			hs_set_daemon(sd[i].hs, d[i].protocol);
	}
	return rc;
}
