/* rsync-relay: rsync from one ssh host to another through this one.
 *
 * The data flow, one module each:
 *   command line (options, operands, filter) -> plan (the two server
 *   command lines) -> spawn (ssh twice) -> handshake (client to both
 *   servers) -> pump (sender->receiver through the stream parser,
 *   receiver->sender with message demultiplexing) -> report (output and
 *   exit code).
 */
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clientdebug.h"
#include "copyas.h"
#include "daemonsides.h"
#include "dropin.h"
#include "filter.h"
#include "handshake.h"
#include "logfile.h"
#include "operands.h"
#include "options.h"
#include "plan.h"
#include "pump.h"
#include "refusal.h"
#include "report.h"
#include "safeopen.h"
#include "samehost.h"
#include "seed.h"
#include "signals.h"
#include "spawn.h"
#include "stderr_label.h"
#include "wire.h"

#define REAP_TIMEOUT_MS 2000
#define SIGNAL_REAP_MS 500	/* then SIGTERM: exit within a second or so */
#define SHELL_STDERR_MS 1000	/* the shells' last words, once they are gone */

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

static void usage_error(struct report *r, const char *msg)
{
	fprintf(stderr, "rsync-relay: %s\n", msg);
	fprintf(stderr, "rsync-relay: see \"rsync-relay --help\" for usage\n");
	report_exit_line(r, RERR_SYNTAX);
}

/* A fresh non-zero seed so both servers compute the same block sums. */
static int32_t random_seed(void)
{
	uint32_t v = 0;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

	if (fd >= 0) {
		if (read(fd, &v, sizeof v) != (ssize_t)sizeof v)
			v = 0;
		close(fd);
	}
	if (!v)
		v = (uint32_t)time(NULL) ^ ((uint32_t)getpid() << 6);
	v &= 0x7FFFFFFF;
	return v ? (int32_t)v : 1;
}

/* rsync's --version sections, for what the relay itself can do; the name
 * lists are the handshake's own. */
static void print_version(void)
{
	char names[256];

	printf("rsync-relay %s  (rsync protocol versions %d to %d)\n", PACKAGE_VERSION,
	       RELAY_MIN_PROTOCOL, RELAY_PROTOCOL);
	printf("Relays rsync between two remote shells; needs rsync and a remote shell\n"
	       "(ssh) on both hosts.\n");
	printf("Capabilities:\n    %sincremental recursion, 64-bit files, secluded-args,\n"
	       "    rsync daemon endpoints (HOST::MODULE, rsync://)\n",
	       strchr(PLAN_CAPS, 'i') ? "" : "no ");
#ifdef HAVE_SPLICE
	printf("Optimizations:\n    splice\n");
#else
	printf("Optimizations:\n    no splice\n");
#endif
	hs_known_names(HS_CHECKSUMS, names, sizeof names);
	printf("Checksum list:\n    %s\n", names);
	hs_known_names(HS_COMPRESSIONS, names, sizeof names);
	printf("Compress list:\n    %s\n\n", names);
	printf("This program is free software: you can redistribute it and/or modify it\n"
	       "under the terms of the GNU General Public License, version 3 or later.\n");
}

/* One side for --print-server-commands: the remote shell's command, or
 * for a daemon what it is asked (over TCP, or after the shell's
 * "rsync --server --daemon ."). */
static int print_side(const char *label, enum side_kind k, const struct strv *argv, int cmd_at,
		      const struct daemon_plan *dp, const char *host)
{
	char *cmd = argv->n ? plan_remote_command(argv, cmd_at) : NULL, *args = NULL;

	if (argv->n && !cmd)
		return -1;
	if (k != SIDE_SHELL && !(args = plan_remote_command(&dp->args, 0))) {
		free(cmd);
		return -1;
	}
	if (k == SIDE_SHELL)
		printf("%s: %s\n", label, cmd);
	else if (k == SIDE_DAEMON)
		printf("%s: rsync daemon %s port %d, module \"%s\": %s\n", label, host, dp->port,
		       dp->module, args);
	else
		printf("%s: %s, then module \"%s\": %s\n", label, cmd, dp->module, args);
	free(cmd);
	free(args);
	return 0;
}

/* --print-server-commands: what each remote shell would run, for a
 * command= line in authorized_keys or for rrsync, or what a daemon is
 * asked.  Only a --checksum-seed the user gave is shown: the fresh one
 * a run adds by default changes every time, and a forced command
 * cannot follow it. */
static int print_server_commands(const struct options *o, const struct operands *ops,
				 struct report *r)
{
	struct plan p;
	char err[1024];
	int rc = 0, k;

	if ((k = plan_build(&p, o, ops, (const int32_t[2]){ o->checksum_seed, o->checksum_seed }, 0,
			    NULL, err, sizeof err)) < 0) {
		if (k == -2)
			report_fatal_line(r, RERR_STARTCLIENT, "%s", err);
		else
			report_fatal(r, RERR_SYNTAX, "%s", err);
		return r->fatal;
	}
	if (print_side("src", p.src_kind, &p.src_argv, p.src_cmd_at, &p.src_daemon,
		       ops->src.host) < 0 ||
	    (ops->dest.npaths && print_side("dest", p.dest_kind, &p.dest_argv, p.dest_cmd_at,
					    &p.dest_daemon, ops->dest.host) < 0)) {
		report_fatal(r, RERR_MALLOC, "out of memory");
		rc = RERR_MALLOC;
	} else if (fflush(stdout) != 0) {
		rc = RERR_FILEIO;
	}
	plan_free(&p);
	return rc;
}

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

/* Stops side i without a word from it: the other side ended the run
 * before the protocol started, where rsync's client has no second
 * server to hear from.  Its shell is ended, its stderr dropped and its
 * code not counted. */
static void abandon_side(struct conn *c, int i)
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
	const struct daemonside sd[2] = {
		{ c->plan.src_kind, &c->a, &c->plan.src_daemon, &c->plan.src_secluded,
		  ops->src.user, o->src_password_file ? o->src_password_file : o->password_file },
		{ c->plan.dest_kind, &c->b, &c->plan.dest_daemon, &c->plan.dest_secluded,
		  ops->dest.user, o->dest_password_file ? o->dest_password_file : o->password_file },
	};
	int failed = 0, rc;

	if (sd[0].kind == SIDE_SHELL && (n < 2 || sd[1].kind == SIDE_SHELL))
		return 0;
	rc = daemonsides_greet(sd, n, c->plan.seed, o, r, &failed);
	if (rc < 0 && n == 2)
		abandon_side(c, !failed);
	return rc;
}

/* Both ends on one login: runs the copy on that host, so the output and
 * exit code are the remote rsync's (255 is ssh's own; a signal to the
 * relay ends it with 20, as always).  Returns the code, or -1 when the
 * copy must be relayed after all (r->fatal set when it cannot be run). */
static int copy_on_host(const struct options *o, const struct operands *ops, int argc,
			char **argv, struct report *r)
{
	int code = -1;

	const char *why = samehost_obstacle(o);
	const char **words = calloc((size_t)argc + 1, sizeof *words);
	struct argv_scan sc = { .words = words };
	struct plan p;
	char err[1024], line[1200], *cmd = NULL, **v;

	if (why || !words) {
		snprintf(line, sizeof line, "rsync-relay: both ends are on %s, but %s: "
			 "relaying\n", ops->src.host, why ? why : "out of memory");
		if (o->verbose)
			report_info(r, line);
		free(words);
		return -1;
	}
	options_scan(argc, argv, &sc);
	if (plan_build(&p, o, ops, (const int32_t[2]){ 1, 1 }, isatty(STDIN_FILENO), NULL, err,
		       sizeof err) < 0) {
		report_fatal(r, RERR_SYNTAX, "%s", err);
	} else if (!(cmd = samehost_command(o, ops, words, sc.nwords))) {
		report_fatal(r, RERR_MALLOC, "out of memory");
	} else if (!(v = calloc((size_t)p.src_cmd_at + 2, sizeof *v))) {
		report_fatal(r, RERR_MALLOC, "out of memory");
	} else {
		/* the remote shell's words, then the one command */
		memcpy(v, p.src_argv.v, (size_t)p.src_cmd_at * sizeof *v);
		v[p.src_cmd_at] = cmd;
		if (o->verbose) {
			snprintf(line, sizeof line, "rsync-relay: both ends are on %s: "
				 "copying there\n", ops->src.host);
			report_info(r, line);
		}
		if (o->debug.level[DEBUG_CMD] >= 1)
			clientdebug_argv(r, "opening connection using:", v, NULL);
		fflush(NULL);
		code = spawn_run(v, signals_caught, SIGNAL_REAP_MS);
		if (code < 0)
			report_fatal(r, RERR_IPC, "Failed to start the remote shell: %s",
				     strerror(errno));
		else if (signals_caught())
			report_stop(r, code = RERR_SIGNAL);
		free(v);
	}
	free(cmd);
	plan_free(&p);
	free(words);
	return r->fatal ? -1 : code;
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
				abandon_side(c, !i);
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
static int connect_both(struct conn *c, const struct options *o,
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

/* The filter lists: every sender reads one; a receiver when it deletes
 * or prunes (rsync's send_filter_list). */
static struct filter_wire_opts wire_opts(const struct options *o, const struct session *s)
{
	return (struct filter_wire_opts){
		.protocol = s->protocol,
		.delete_excluded = o->delete_excluded,
		.cvs_exclude = o->cvs_exclude,
		.partial_dir = o->partial_dir,
	};
}

/* The checks rsync's pulling client makes on the sender's file list
 * (trust.h): what the request names, and the rules the sender got. */
static int setup_trust(struct relay *rl, const struct options *o, const struct operands *ops,
		       const struct filter_list *fl, const struct session *s, struct report *r)
{
	struct filter_wire_opts wo = wire_opts(o, s);
	struct trust_request rq = {
		.trust_sender_args = o->trust_sender_args,
		/* rsync's pulling client adds ":C" after sending its list
		 * with -C, and a dir-merge rule means trusting the sender's
		 * filtering */
		.trust_sender_filter = o->trust_sender_filter || o->cvs_exclude,
		.relative = o->relative_paths,
		.recurse = o->recurse,
		.xfer_dirs = o->xfer_dirs,
		.files_from = o->files_from && !o->filesfrom_host,
		.paths = ops->src.paths,
		.npaths = ops->src.npaths,
		.protocol = s->protocol,
	};
	struct filter_list rules, cvs;
	char err[1024];
	const char **paths = NULL;

	/* a daemon's paths start with the module: rsync's implied include
	 * rules skip it */
	if (ops->src.daemon) {
		if (!(paths = calloc((size_t)ops->src.npaths, sizeof *paths))) {
			report_fatal(r, RERR_MALLOC, "out of memory");
			return -1;
		}
		for (int i = 0; i < ops->src.npaths; i++) {
			const char *slash = strchr(ops->src.paths[i], '/');
			paths[i] = slash ? slash + 1 : "";
		}
		rq.paths = (char **)paths;
	}
	if (filter_assemble(fl, 1, &wo, &rules, &cvs, err, sizeof err) < 0) {
		free(paths);
		report_fatal(r, RERR_PROTOCOL, "%s", err);
		return -1;
	}
	if (trust_init(&rl->trust, &rq, &rules, &cvs) < 0)
		report_fatal(r, RERR_MALLOC, "out of memory");
	free(paths);
	return r->fatal ? -1 : 0;
}

static int queue_filter_lists(struct relay *rl, const struct options *o,
			      const struct filter_list *fl, const struct session *s,
			      struct report *r)
{
	struct filter_wire_opts wo = wire_opts(o, s);
	int receiver_wants = o->prune_empty_dirs ||
			     (o->delete_mode && (!o->delete_excluded || s->protocol >= 29));
	char err[1024];
	size_t la, lb;
	unsigned char *wa = filter_wire(fl, 1, &wo, &la, err, sizeof err), *wb = NULL;

	if (wa)
		wb = filter_wire(fl, 0, &wo, &lb, err, sizeof err);
	if (!wa || !wb) {
		report_fatal(r, RERR_PROTOCOL, "%s", err);
		free(wa);
		return -1;
	}
	if (buf_room(&rl->src.out.data) < la || buf_room(&rl->dest.out.data) < lb) {
		report_fatal(r, RERR_PROTOCOL, "the filter list is too long");
	} else {
		buf_append(&rl->src.out.data, wa, la);
		if (receiver_wants)
			buf_append(&rl->dest.out.data, wb, lb);
	}
	free(wa);
	free(wb);
	return r->fatal ? -1 : 0;
}

/* A daemon refused its arguments (handshake.h): the other side is
 * stopped quietly and the daemon met alone, as rsync's client meets it
 * (refusal.h), with the filter list a sender is sent first. */
static void meet_refusal(struct conn *c, const struct options *o,
			 const struct filter_list *fl, struct report *r)
{
	int i = c->sess.refused, files_from = 0;
	const struct daemon_plan *dp = i ? &c->plan.dest_daemon : &c->plan.src_daemon;
	struct child *ch = i ? &c->dest : &c->src;
	struct filter_wire_opts wo = wire_opts(o, &c->sess);
	struct refusal rf = {
		.rfd = ch->from_fd, .wfd = ch->to_fd, .who = i ? "sender" : "Receiver",
		.where = c->where[i], .timeout_ms = o->io_timeout * 1000,
	};
	unsigned char *first = NULL;
	size_t n = 0;
	char err[1024];

	/* a receiver told of --files-from writes a 0 before its frames */
	for (int k = 0; k < dp->args.n; k++)
		files_from |= strncmp(dp->args.v[k], "--files-from", 12) == 0;
	rf.skip_zero = i && files_from;
	if (!o->list_only)
		abandon_side(c, !i);
	if (!i && !(first = filter_wire(fl, 1, &wo, &n, err, sizeof err))) {
		report_fatal(r, RERR_PROTOCOL, "%s", err);
		return;
	}
	refusal_run(&rf, first, n, r);
	free(first);
}

static void print_summary(struct report *r, const struct relay *rl, const struct options *o,
			  const struct conn *c, time_t started, struct run_summary *out)
{
	const struct sendstream *ss = &rl->ss;
	struct run_summary sum = {
		.st = ss->st,
		.total_size = ss->stats_count >= 3 ? ss->stats[2] : ss->total_size,
		.flist_buildtime = ss->stats_count >= 5 ? ss->stats[3] : 0,
		.flist_xfertime = ss->stats_count >= 5 ? ss->stats[4] : 0,
		.src = { c->a.bytes_out + rl->src.bytes_out, c->a.bytes_in + rl->src.bytes_in,
			 c->a.ready_ms - c->spawned_ms[0] },
		.dest = { c->b.bytes_out + rl->dest.bytes_out, c->b.bytes_in + rl->dest.bytes_in,
			  c->b.ready_ms - c->spawned_ms[1] },
		/* rsync's rate: whole seconds, plus half a second */
		.seconds = 0.5 + (double)(time(NULL) - started),
		.stats_level = o->info.level[INFO_STATS],
		.link_lines = o->verbose >= 2,
		.human = o->human_readable,
		.protocol = c->sess.protocol,
		.dry_run = o->dry_run,
		.listing = o->list_only != 0,
	};

	/* A sender's statistics give what it read first: a pulling client
	 * prints that as sent. */
	if (ss->stats_count >= 2) {
		sum.sent = (uint64_t)ss->stats[0];
		sum.received = (uint64_t)ss->stats[1];
	} else {
		sum.sent = sum.src.sent;
		sum.received = sum.src.received;
	}
	report_summary(r, &sum);
	*out = sum;
}

/* A local --files-from list (a file, or "-" for stdin); -1 if none. */
static int open_files_from(const struct options *o, const struct operands *ops,
			   struct report *r)
{
	int fd, untrusted;

	if (!o->files_from)
		return -1;
	if (o->filesfrom_host) {
		if (*o->filesfrom_host && strcmp(o->filesfrom_host, ops->src.host) != 0)
			report_fatal(r, RERR_SYNTAX,
				     "--files-from hostname is not the same as the transfer hostname");
		return -1;
	}
	if (strcmp(o->files_from, "-") == 0)
		return STDIN_FILENO;
	fd = safeopen_open(o->files_from, O_RDONLY | O_CLOEXEC, o->insecure_links, &untrusted);
	if (fd < 0) {
		int e = errno;

		if (untrusted)
			report_fatal_line(r, RERR_SYNTAX, "%s", SAFEOPEN_UNTRUSTED_HINT);
		report_fatal(r, RERR_SYNTAX, "failed to open files-from file %s: %s",
			     o->files_from, strerror(e));
	}
	return fd;
}

/* --log-file: opened once the options are read, as rsync opens it.
 * When it cannot be, rsync says so and logs to syslog instead. */
static void open_log(struct logfile *lf, const struct options *o, struct report *r)
{
	char line[4200];
	int untrusted, e;

	if (!o->logfile_name)
		return;
	if (!*o->logfile_name) {
		/* rsync takes an empty name as syslog, without a word */
		logfile_use_syslog(lf);
		r->log = lf;
		return;
	}
	if (logfile_open(lf, o->logfile_name, o->insecure_links, &untrusted) == 0) {
		r->log = lf;
		return;
	}
	e = errno;
	logfile_use_syslog(lf);
	r->log = lf;
	snprintf(line, sizeof line, "rsync: [client] failed to open log-file %s: %s (%d)\n",
		 o->logfile_name, strerror(e), e);
	fputs(line, r->err);
	fflush(r->err);
	report_log(r, line);
	if (!r->quiet)
		fputs("Ignoring \"log file\" setting.\n", r->out);
	report_log(r, "Ignoring \"log file\" setting.\n");
}

/* --copy-as: rsync's pulling client takes on the identity before it
 * writes a file; the relay writes none, so it makes the same checks and
 * stays as it is (copyas.h). */
static void check_copy_as(const struct options *o, struct report *r)
{
	char err[512];

	if (copyas_check(o->copy_as, err, sizeof err) == 0)
		return;
	if (strncmp(err, "rsync: ", 7) == 0)
		report_fatal(r, RERR_SYNTAX, "%s", err + 7);
	else
		report_fatal_line(r, RERR_SYNTAX, "%s", err);
}

int main(int argc, char **argv)
{
	struct report r;
	struct options o;
	struct operands ops;
	struct filter_list fl;
	struct filter_build_opts fbo;
	struct conn c;
	struct relay rl;
	struct logfile lf;
	struct run_summary sum;
	char err[1024];
	int code, src_code, dest_code, ff_fd, reap_ms, listed = 0;
	const char *cs, *prog;

	time_t started = time(NULL);

	report_init(&r, stdout, stderr, 0);
	/* before any signal disposition changes: rsync inherits them */
	if (dropin_is_local(argc, argv, &prog)) {
		dropin_exec(argc, argv, prog);
		report_fatal(&r, RERR_IPC, "failed to run %s: %s", prog, strerror(errno));
		report_exit_line(&r, RERR_IPC);
		return RERR_IPC;
	}
	setlocale(LC_CTYPE, "");
	setlocale(LC_NUMERIC, "");	/* number formats follow the locale, as in rsync */
	signals_install();
	cs = nl_langinfo(CODESET);
	r.utf8 = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);

	if (options_parse(&o, argc, argv, getenv("RSYNC_RSH"), err, sizeof err) < 0) {
		usage_error(&r, err);
		options_free(&o);
		return RERR_SYNTAX;
	}
	o.connect_prog = getenv("RSYNC_CONNECT_PROG");
	if (o.show_help || o.show_version || o.show_info_help || o.show_debug_help) {
		if (o.show_info_help || o.show_debug_help)
			outlevels_help(o.show_info_help ? OUT_INFO : OUT_DEBUG, stdout);
		else if (o.show_help)
			options_usage(stdout);
		else
			print_version();
		options_free(&o);
		return 0;
	}
	if (o.outbuf)
		setvbuf(stdout, NULL, strchr("NnUu", *o.outbuf) ? _IONBF : strchr("Ll", *o.outbuf)
					      ? _IOLBF : _IOFBF, 0);
	r.quiet = o.quiet;
	r.allow_8bit = o.allow_8bit_chars;
	memset(&lf, 0, sizeof lf);
	if (!o.print_server_commands)
		open_log(&lf, &o, &r);
	if (operands_parse(&ops, o.args, o.nargs, err, sizeof err) < 0) {
		usage_error(&r, err);
		operands_free(&ops);
		options_free(&o);
		return RERR_SYNTAX;
	}
	if (options_check_daemon(&o, &ops, err, sizeof err) < 0) {
		fprintf(stderr, "%s\n", err);
		report_exit_line(&r, RERR_SYNTAX);
		operands_free(&ops);
		options_free(&o);
		return RERR_SYNTAX;
	}
	if (o.print_server_commands) {
		code = print_server_commands(&o, &ops, &r);
		if (code)
			report_exit_line(&r, code);
		operands_free(&ops);
		options_free(&o);
		return code;
	}
	if (!o.force_relay && !o.list_only && samehost_same_login(&o, &ops)) {
		code = copy_on_host(&o, &ops, argc, argv, &r);
		if (r.fatal || code >= 0) {
			if (r.fatal)
				report_exit_line(&r, code = r.fatal);
			operands_free(&ops);
			options_free(&o);
			return code;
		}
	}
	memset(&fl, 0, sizeof fl);
	fbo = (struct filter_build_opts){
		.from0 = o.eol_nulls,
		.insecure_links = o.insecure_links,
		.debug_filter = o.debug.level[DEBUG_FILTER],
		.arg_debug = o.filter_debug,
		.debug_out = o.quiet ? NULL : stdout,
		.warn_out = stderr,
	};
	if (filter_build_with(&fl, o.filter_args, o.nfilter_args, &fbo, err, sizeof err) < 0) {
		fprintf(stderr, "%s\n", err);
		code = fl.exit_code ? fl.exit_code : RERR_SYNTAX;
		report_exit_line(&r, code);
		filter_free(&fl);
		operands_free(&ops);
		options_free(&o);
		return code;
	}
	ff_fd = open_files_from(&o, &ops, &r);
	if (!r.fatal && o.copy_as)
		check_copy_as(&o, &r);

	memset(&rl, 0, sizeof rl);
	memset(&c, 0, sizeof c);
	stderr_label_init(&c.shells);
	if (!r.fatal &&
	    (listed = connect_both(&c, &o, &ops, o.checksum_seed ? o.checksum_seed : random_seed(),
				   &r)) == 0) {
		if (pump_init(&rl, &c.src, o.list_only ? NULL : &c.dest, &o, &c.sess, &r) < 0)
			report_fatal(&r, RERR_MALLOC, "out of memory");
		else if (queue_filter_lists(&rl, &o, &fl, &c.sess, &r) == 0 &&
			 setup_trust(&rl, &o, &ops, &fl, &c.sess, &r) == 0) {
			if (ff_fd >= 0)
				pump_files_from(&rl, ff_fd, o.eol_nulls);
			report_log(&r, "receiving file list\n");
			pump_run(&rl);
		}
	} else if (listed == HS_REFUSED) {
		meet_refusal(&c, &o, &fl, &r);
	}

	/* After a signal the servers had their notice: do not wait long. */
	if (signals_caught())
		r.fatal = RERR_SIGNAL;	/* whatever the children did meanwhile */
	reap_ms = r.fatal == RERR_SIGNAL ? SIGNAL_REAP_MS : REAP_TIMEOUT_MS;
	src_code = c.started ? child_reap(&c.src, reap_ms) : 0;
	if (listed == 1)
		src_code = 0;	/* rsync's client leaves at "@RSYNCD: EXIT" */
	dest_code = c.started ? child_reap(&c.dest, reap_ms) : 0;
	/* (rsync's client does not count what RSYNC_CONNECT_PROG's program
	 * exits with; a TCP daemon has no code here either) */
	if (c.plan.src_kind == SIDE_DAEMON)
		src_code = 0;
	if (c.plan.dest_kind == SIDE_DAEMON)
		dest_code = 0;
	stderr_label_finish(&c.shells, &r, SHELL_STDERR_MS);
	memset(&sum, 0, sizeof sum);
	if (!r.fatal && listed == 0) {
		r.io_error |= rl.ss.io_error;
		print_summary(&r, &rl, &o, &c, started, &sum);
	}
	code = r.fatal == RERR_SIGNAL ? RERR_SIGNAL : report_exit_code(&r, src_code, dest_code);
	if (code && code != r.remote_exit)
		report_exit_line(&r, code);
	else if (!code && listed != 1)
		report_log_totals(&r, &sum);
	logfile_close(&lf);

	pump_free(&rl);
	plan_free(&c.plan);
	filter_free(&fl);
	operands_free(&ops);
	options_free(&o);
	return code;
}
