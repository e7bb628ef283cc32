/* Starting both servers (connect.h). */
#include "connect.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clientdebug.h"
#include "daemonsides.h"
#include "seed.h"
#include "signals.h"

/* -s: the words that do not go on the command line go to stdin first. */
static int send_secluded(int fd, const struct strv *words)
{
	for (int i = 0; i < words->n; i++) {
		const char *w = words->v[i][0] ? words->v[i] : ".";
		size_t len = strlen(w) + 1;
		if (write(fd, w, len) != (ssize_t)len)
			return -1;
	}
	return words->n && write(fd, "", 1) != 1 ? -1 : 0;
}

/* ssh asks for passwords on the controlling terminal, whatever stdin
 * is (a --files-from=- pipe, say): can one be opened? */
static int have_tty(void)
{
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);

	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

/* A remote shell may ask for a password or passphrase: there is a
 * terminal and BatchMode is not forced on. */
static int may_prompt(const struct options *o)
{
	const char *rsh[3] = { o->rsh, o->src_rsh, o->dest_rsh };

	if (!have_tty())
		return 0;
	for (int i = 0; i < 3; i++)
		if (rsh[i] && strstr(rsh[i], "BatchMode=yes"))
			return 0;
	return 1;
}

/* "rsync-relay: source web04:" where ssh will prompt: the terminal. */
static void say_on_tty(struct report *r, const char *where)
{
	int fd = open("/dev/tty", O_WRONLY | O_NOCTTY | O_CLOEXEC);
	char line[200];
	int n = snprintf(line, sizeof line, "rsync-relay: %s:\n", where);

	if (fd < 0)
		return;
	fflush(r->out);
	fflush(r->err);
	if (n > 0 && write(fd, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1) < 0) {
		/* only a notice: the login goes on without it */
	}
	close(fd);
}

/* Waits until the server behind c speaks (so its login is over).  A
 * signal, or a shell that ended without a word from its server (a failed
 * login), ends the run there: the other login would only be a second
 * prompt for a doomed run.  The closed connection is reported as rsync
 * reports it, and the shell's own code (255 for ssh) becomes the run's. */
static int await_login(const struct child *c, struct hs_side *hs, struct stderr_label *shells,
		       struct report *r)
{
	for (;;) {
		struct pollfd p[3] = { { .fd = c->from_fd, .events = POLLIN } };
		int n = poll(p, 1 + (nfds_t)stderr_label_pollfds(shells, p + 1), -1);

		stderr_label_drain(shells, r);
		if (signals_caught()) {
			report_stop(r, RERR_SIGNAL);
			return -1;
		}
		if (n > 0 && p[0].revents && !(p[0].revents & POLLIN)) {
			r->peer_lost = 1;
			if (hs_refused_option(hs, r))
				return -1;
			report_fatal(r, RERR_STREAMIO, "connection unexpectedly closed "
				     "(0 bytes received so far) [%s] (%s)", c->name, c->where);
			return -1;
		}
		if (p[0].revents || (n < 0 && errno != EINTR))
			return 0;
	}
}

static const char *const side_name[2] = { "source", "destination" };

/* Starts one side (0: the source, 1: the destination): its remote shell,
 * its stderr labelled, or a daemon's connection.  When a shell may
 * prompt, the terminal first says for which side and host, as two
 * prompts can read the same. */
static int start_side(struct conn *c, int i, const struct endpoint *e, const struct options *o,
		      int prompt, struct report *r)
{
	struct child *ch = i ? &c->dest : &c->src;
	enum side_kind k = i ? c->plan.dest_kind : c->plan.src_kind;
	const char *module = (i ? &c->plan.dest_daemon : &c->plan.src_daemon)->module;
	int err_fd;

	if (k == SIDE_SHELL)
		snprintf(c->where[i], sizeof c->where[i], "%s %s", side_name[i], e->host);
	else
		snprintf(c->where[i], sizeof c->where[i], "%s %s::%s", side_name[i], e->host,
			 module);
	ch->where = c->where[i];
	ch->name = i ? "receiver" : "sender";
	if (k == SIDE_DAEMON) {
		c->spawned_ms[i] = hs_now_ms();
		return daemonsides_connect(ch, e->host, (i ? &c->plan.dest_daemon
							   : &c->plan.src_daemon)->port,
					   i ? "sender" : "Receiver", o, r);
	}
	if (prompt)
		say_on_tty(r, c->where[i]);
	err_fd = stderr_label_open(&c->shells, i, side_name[i], e->host);
	c->spawned_ms[i] = hs_now_ms();
	if (err_fd < 0 ||
	    spawn_child(ch, i ? c->plan.dest_argv.v : c->plan.src_argv.v, ch->name, err_fd) < 0) {
		report_fatal(r, RERR_IPC, "Failed to start the remote shell: %s", strerror(errno));
		return -1;
	}
	return 0;
}

void conn_abandon_side(struct conn *c, int i)
{
	struct child *ch = i ? &c->dest : &c->src;

	if (ch->pid > 0)
		kill(ch->pid, SIGTERM);
	child_reap(ch, REAP_TIMEOUT_MS);
	ch->status = 0;
	stderr_label_drop(&c->shells, i);
}

/* The daemon sides' dialogue before the protocol (daemonsides.h).  A
 * daemon that refuses ends the run quietly for the other side.  Returns
 * as daemonsides_greet does. */
static int greet_daemons(struct conn *c, const struct options *o, const struct operands *ops,
			 int n, struct report *r)
{
	/* Two daemons get only their own side's password (daemon.h) */
	int both = n == 2 && c->plan.src_kind != SIDE_SHELL && c->plan.dest_kind != SIDE_SHELL;
	const char *shared = o->password_file ? "--password-file"
			   : getenv("RSYNC_PASSWORD") ? "RSYNC_PASSWORD" : NULL;
	const struct daemonside sd[2] = {
		{ c->plan.src_kind, &c->a, &c->plan.src_daemon, &c->plan.src_secluded,
		  ops->src.user, o->src_password_file ? o->src_password_file
			       : both ? NULL : o->password_file, shared },
		{ c->plan.dest_kind, &c->b, &c->plan.dest_daemon, &c->plan.dest_secluded,
		  ops->dest.user, o->dest_password_file ? o->dest_password_file
				: both ? NULL : o->password_file, shared },
	};
	int failed = 0, rc;

	if (sd[0].kind == SIDE_SHELL && (n < 2 || sd[1].kind == SIDE_SHELL))
		return 0;
	rc = daemonsides_greet(sd, n, c->plan.seed, o, r, &failed);
	if (rc < 0 && n == 2)
		conn_abandon_side(c, !failed);
	return rc;
}

/* rsync's client's lines on the handshake (PROTO, NSTR): the relay's
 * version line for each server it spoke to. */
static void debug_handshake(const struct options *o, const struct session *s, int listing,
			    struct report *r)
{
	const struct clientdebug_names names = {
		.checksum_choice = o->checksum_choice,
		.compress_choice = o->compress_choice,
		.compress = o->compress,
		.level = o->do_compression_level,
		.level_given = o->do_compression_level != OPT_CLVL_NOT_SPECIFIED,
	};

	if (r->quiet)
		return;
	if (o->debug.level[DEBUG_PROTO] >= 1) {
		clientdebug_proto(r->out, s->remote_src, s->protocol);
		if (!listing)
			clientdebug_proto(r->out, s->remote_dest, s->protocol);
	}
	if (o->debug.level[DEBUG_NSTR] >= 1)
		clientdebug_nstr(r->out, s, &names);
	fflush(r->out);
}

/* -vv's lines for the command that starts side i. */
static void show_side(const struct conn *c, const struct options *o, const struct operands *ops,
		      int i, struct report *r)
{
	const struct strv *argv = i ? &c->plan.dest_argv : &c->plan.src_argv;
	const char *rsh = i ? o->dest_rsh : o->src_rsh;

	if (!argv->n)
		return;
	if (o->debug.level[DEBUG_CMD] >= 2)
		clientdebug_cmd(r->out, r->quiet, rsh ? rsh : o->rsh, i ? &ops->dest : &ops->src,
				argv->v);
	if (o->debug.level[DEBUG_CMD] >= 1)
		clientdebug_argv(r, "opening connection using:", argv->v, NULL);
}

/* The handshake's view of side i, once started. */
static void init_hs_side(struct conn *c, int i, const struct options *o)
{
	const struct child *ch = i ? &c->dest : &c->src;
	enum side_kind k = i ? c->plan.dest_kind : c->plan.src_kind;

	*(i ? &c->b : &c->a) = (struct hs_side){
		.rfd = ch->from_fd, .wfd = ch->to_fd, .who = i ? "receiver" : "sender",
		.where = c->where[i], .timeout_ms = o->io_timeout * 1000,
		.err_stream = k == SIDE_DAEMON ? -1 : i, .stop_at = o->stop_at_utime,
	};
}

static int plan_seeds(struct conn *c, const struct options *o, const struct operands *ops,
		      const struct seed_plan *sp, const char *caps, struct report *r)
{
	char err[1024];
	int rc = plan_build(&c->plan, o, ops, sp->seed, have_tty(), caps, err, sizeof err);

	if (rc == -2)	/* rsync's own words, and its code */
		report_fatal_line(r, RERR_STARTCLIENT, "%s", err);
	else if (rc < 0)
		report_fatal(r, RERR_SYNTAX, "%s", err);
	return rc < 0 ? -1 : 0;
}

/* Side sp->first, started alone, announces its seed: the other side's
 * command is planned again with it. */
static int learn_seed(struct conn *c, const struct options *o, const struct operands *ops,
		      struct seed_plan *sp, const char *caps, struct report *r)
{
	int first = sp->first, rc;
	int32_t seed;

	rc = hs_read_seed(first ? &c->b : &c->a, o->protocol_version, &seed, r);
	if (rc <= 0)
		return rc;
	sp->seed[!first] = seed;
	plan_free(&c->plan);
	return plan_seeds(c, o, ops, sp, caps, r);
}

/* Starts both servers and runs the handshake; with sp->first set, that
 * side alone first, to learn the seed the other gets.  Returns 0, -1
 * after an error, HS_COMPAT_MISMATCH, HS_REFUSED (a daemon refused its
 * arguments), HS_SEED_REFUSED (nothing reported), or 1 when a daemon's
 * module list was all. */
#define HS_SEED_REFUSED (-4)
static int start_both(struct conn *c, const struct options *o, const struct operands *ops,
		      struct seed_plan *sp, const char *caps, struct report *r)
{
	struct hs_wants wants = {
		.compress = o->compress,
		.compress_choice = o->compress_choice,
		.checksum_choice = o->checksum_choice,
		.max_protocol = o->protocol_version,
		.level_zero = o->do_compression_level == 0,
		.no_seed_option = seed_plan_none(sp),
	};
	const struct strv *sec[2] = { &c->plan.src_secluded, &c->plan.dest_secluded };
	int listing = o->list_only != 0, prompt = may_prompt(o), rc = 0, done[2] = { 0, 0 };
	int order[2] = { sp->first == 1, sp->first != 1 };

	memset(c, 0, sizeof *c);
	stderr_label_init(&c->shells);
	r->shells = &c->shells;
	if (plan_seeds(c, o, ops, sp, caps, r) < 0)
		return -1;
	c->dest.to_fd = c->dest.from_fd = -1;
	c->a.err_stream = c->b.err_stream = -1;
	for (int k = 0; k < (listing ? 1 : 2); k++) {
		int i = order[k];

		if (k && sp->first >= 0 && (rc = learn_seed(c, o, ops, sp, caps, r)) < 0)
			goto refused;
		/* Two password prompts on one terminal would interleave: when
		 * one is possible the second shell starts once the first has
		 * logged in (its server speaks); otherwise both start at once. */
		if (k && sp->first < 0 && prompt && c->plan.src_kind != SIDE_DAEMON &&
		    (rc = await_login(&c->src, &c->a, &c->shells, r)) < 0)
			goto refused;
		show_side(c, o, ops, i, r);
		if (start_side(c, i, i ? &ops->dest : &ops->src, o, prompt, r) < 0) {
			/* (rsync's client would have started nothing else) */
			if (k && (i ? c->plan.dest_kind : c->plan.src_kind) == SIDE_DAEMON)
				conn_abandon_side(c, !i);
			return -1;
		}
		c->started = 1;
		init_hs_side(c, i, o);
		/* the side that goes first is a remote shell's (seed_refused) */
		if (sp->first == i) {
			if (send_secluded(i ? c->dest.to_fd : c->src.to_fd, sec[i]) < 0)
				goto closed;
			done[i] = 1;
		}
	}
	/* A server of -s reads its words before it says a word: they go
	 * before greet_daemons() waits for a shell's version. */
	for (int i = 0; i < (listing ? 1 : 2); i++)
		if (!done[i] && (i ? c->plan.dest_kind : c->plan.src_kind) == SIDE_SHELL &&
		    send_secluded(i ? c->dest.to_fd : c->src.to_fd, sec[i]) < 0)
			goto closed;
	if ((rc = greet_daemons(c, o, ops, listing ? 1 : 2, r)) != 0)
		goto refused;
	/* (a daemon that answers another seed than it was sent refused) */
	wants.seed[0] = sp->seed[0];
	wants.seed[1] = sp->seed[1];
	rc = handshake_run(&c->a, listing ? NULL : &c->b, &wants, &c->sess, r);
	if (rc == 0)
		debug_handshake(o, &c->sess, listing, r);
refused:
	if (rc < 0 && (c->a.refused_seed || c->b.refused_seed))
		return HS_SEED_REFUSED;
	return rc;
closed:
	r->peer_lost = 1;
	report_fatal(r, RERR_STREAMIO, "connection closed while sending arguments");
	return -1;
}

/* Ends a start that will not be used, without the servers' complaints:
 * ssh goes first, taking its session with it. */
static void abandon(struct conn *c)
{
	if (c->started) {
		if (c->src.pid > 0)
			kill(c->src.pid, SIGTERM);
		if (c->dest.pid > 0)
			kill(c->dest.pid, SIGTERM);
		child_reap(&c->src, REAP_TIMEOUT_MS);
		child_reap(&c->dest, REAP_TIMEOUT_MS);
	}
	stderr_label_finish(&c->shells, NULL, 0);
	plan_free(&c->plan);
}

/* A server refused --checksum-seed: the next start plans around it
 * (seed.h), unless the user asked for that seed.  Returns 0 to start
 * again, -1 after reporting. */
static int seed_refused(struct conn *c, const struct options *o, struct seed_plan *sp,
			struct report *r)
{
	int lone = o->list_only || c->plan.src_kind != SIDE_SHELL ||
		   c->plan.dest_kind != SIDE_SHELL;

	for (int i = 0; i < 2; i++) {
		const struct stderr_stream *st = &c->shells.s[i];
		char line[512];

		if (st->refusal != SEED_LINE_SEED)
			continue;
		if (o->checksum_seed) {
			report_fatal(r, RERR_SYNTAX,
				     "the %s (%s) refused an option of its command line: %s",
				     i ? "receiver" : "sender", c->where[i], st->refused);
			return -1;
		}
		seed_plan_refused(sp, i, lone);
		snprintf(line, sizeof line,
			 "rsync-relay: the %s (%s) does not take --checksum-seed; %s\n",
			 i ? "receiver" : "sender", c->where[i],
			 sp->first >= 0 ? "starting it first to learn its seed"
					: "starting it without one");
		if (o->verbose)
			report_info(r, line);
	}
	abandon(c);
	return 0;
}

/* Starts both servers; when one refuses the seed, starts them again
 * around it; when they answer different compat flags, starts both once
 * more offering only the capability letters both understood. */
int connect_both(struct conn *c, const struct options *o,
			const struct operands *ops, int32_t seed, struct report *r)
{
	struct seed_plan sp;
	char caps[32];
	int rc, tries = 0;

	seed_plan_init(&sp, seed);
	/* each refusal takes a seed away: two at most */
	while ((rc = start_both(c, o, ops, &sp, PLAN_CAPS, r)) == HS_SEED_REFUSED && tries++ < 2)
		if (seed_refused(c, o, &sp, r) < 0)
			return -1;
	if (rc == HS_SEED_REFUSED) {
		report_fatal(r, RERR_STARTCLIENT, "the servers refused --checksum-seed "
			     "when started without it");
		return -1;
	}
	if (rc != HS_COMPAT_MISMATCH)
		return rc;
	/* (never when listing: one server agrees with itself) */
	hs_common_caps(c->sess.compat_src, c->sess.compat_dest, PLAN_CAPS, caps, sizeof caps);
	if (o->verbose) {
		char line[256];
		snprintf(line, sizeof line,
			 "rsync-relay: the servers answered different compat flags "
			 "(sender 0x%x, receiver 0x%x); restarting both with -e.%s\n",
			 (unsigned)c->sess.compat_src, (unsigned)c->sess.compat_dest, caps);
		report_info(r, line);
	}
	abandon(c);
	rc = start_both(c, o, ops, &sp, caps, r);
	if (rc == HS_COMPAT_MISMATCH) {
		report_fatal(r, RERR_PROTOCOL,
			     "the servers answered different compat flags: sender 0x%x, "
			     "receiver 0x%x", (unsigned)c->sess.compat_src,
			     (unsigned)c->sess.compat_dest);
		rc = -1;
	}
	return rc;
}
