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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clientdebug.h"
#include "connect.h"
#include "copyas.h"
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
#include "signals.h"
#include "spawn.h"
#include "stderr_label.h"

#define SHELL_STDERR_MS 1000	/* the shells' last words, once they are gone */

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
		conn_abandon_side(c, !i);
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

/* What one run holds, from the command line to the exit code. */
struct run {
	struct report r;
	struct options o;
	struct operands ops;
	struct filter_list fl;
	struct logfile lf;
	time_t started;
};

/* The locale and signals, as rsync sets them up. */
static void setup_process(struct report *r)
{
	const char *cs;

	setlocale(LC_CTYPE, "");
	setlocale(LC_NUMERIC, "");	/* number formats follow the locale, as in rsync */
	signals_install();
	cs = nl_langinfo(CODESET);
	r->utf8 = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* Options and operands read and checked, and what ends the run before any
 * server is started (help, --version, --print-server-commands, a copy on
 * one login).  Returns the exit code to end with, or -1 to go on. */
static int read_command_line(struct run *run, int argc, char **argv)
{
	struct options *o = &run->o;
	struct report *r = &run->r;
	char err[1024];
	int code;

	if (options_parse(o, argc, argv, getenv("RSYNC_RSH"), err, sizeof err) < 0) {
		usage_error(r, err);
		return RERR_SYNTAX;
	}
	o->connect_prog = getenv("RSYNC_CONNECT_PROG");
	if (o->show_help || o->show_version || o->show_info_help || o->show_debug_help) {
		if (o->show_info_help || o->show_debug_help)
			outlevels_help(o->show_info_help ? OUT_INFO : OUT_DEBUG, stdout);
		else if (o->show_help)
			options_usage(stdout);
		else
			print_version();
		return 0;
	}
	if (o->outbuf)
		setvbuf(stdout, NULL, strchr("NnUu", *o->outbuf) ? _IONBF : strchr("Ll", *o->outbuf)
					      ? _IOLBF : _IOFBF, 0);
	r->quiet = o->quiet;
	r->allow_8bit = o->allow_8bit_chars;
	if (!o->print_server_commands)
		open_log(&run->lf, o, r);
	if (operands_parse(&run->ops, o->args, o->nargs, err, sizeof err) < 0) {
		usage_error(r, err);
		return RERR_SYNTAX;
	}
	if (options_check_daemon(o, &run->ops, err, sizeof err) < 0) {
		fprintf(stderr, "%s\n", err);
		report_exit_line(r, RERR_SYNTAX);
		return RERR_SYNTAX;
	}
	if (o->print_server_commands) {
		code = print_server_commands(o, &run->ops, r);
		if (code)
			report_exit_line(r, code);
		return code;
	}
	if (!o->force_relay && !o->list_only && samehost_same_login(o, &run->ops)) {
		code = copy_on_host(o, &run->ops, argc, argv, r);
		if (r->fatal)
			report_exit_line(r, code = r->fatal);
		if (code >= 0)
			return code;
	}
	return -1;
}

/* What is read on this host before the servers start: the filter rules
 * (and their files), a local --files-from list (*ff_fd, or -1), the
 * --copy-as check.  Returns the exit code to end with, or -1 to go on. */
static int read_local_files(struct run *run, int *ff_fd)
{
	const struct options *o = &run->o;
	struct filter_build_opts fbo = {
		.from0 = o->eol_nulls,
		.insecure_links = o->insecure_links,
		.debug_filter = o->debug.level[DEBUG_FILTER],
		.arg_debug = o->filter_debug,
		.debug_out = o->quiet ? NULL : stdout,
		.warn_out = stderr,
	};
	char err[1024];
	int code;

	if (filter_build_with(&run->fl, o->filter_args, o->nfilter_args, &fbo, err,
			      sizeof err) < 0) {
		fprintf(stderr, "%s\n", err);
		code = run->fl.exit_code ? run->fl.exit_code : RERR_SYNTAX;
		report_exit_line(&run->r, code);
		return code;
	}
	*ff_fd = open_files_from(o, &run->ops, &run->r);
	if (!run->r.fatal && o->copy_as)
		check_copy_as(o, &run->r);
	return -1;
}

/* The servers' exit codes once the run is over (a daemon's count as none,
 * as for rsync's client), reaped quickly after a signal. */
static void reap_both(struct conn *c, int listed, struct report *r, int *src_code,
		      int *dest_code)
{
	int reap_ms;

	/* After a signal the servers had their notice: do not wait long. */
	if (signals_caught())
		r->fatal = RERR_SIGNAL;	/* whatever the children did meanwhile */
	reap_ms = r->fatal == RERR_SIGNAL ? SIGNAL_REAP_MS : REAP_TIMEOUT_MS;
	*src_code = c->started ? child_reap(&c->src, reap_ms) : 0;
	if (listed == 1)
		*src_code = 0;	/* rsync's client leaves at "@RSYNCD: EXIT" */
	*dest_code = c->started ? child_reap(&c->dest, reap_ms) : 0;
	/* (rsync's client does not count what RSYNC_CONNECT_PROG's program
	 * exits with; a TCP daemon has no code here either) */
	if (c->plan.src_kind == SIDE_DAEMON)
		*src_code = 0;
	if (c->plan.dest_kind == SIDE_DAEMON)
		*dest_code = 0;
	stderr_label_finish(&c->shells, r, SHELL_STDERR_MS);
}

/* Starts both servers, relays between them, and ends as rsync's client
 * ends: the summary, the exit code. */
static int relay_run(struct run *run, int ff_fd)
{
	const struct options *o = &run->o;
	struct report *r = &run->r;
	struct conn c;
	struct relay rl;
	struct run_summary sum;
	int code, src_code, dest_code, listed = 0;

	memset(&rl, 0, sizeof rl);
	memset(&c, 0, sizeof c);
	memset(&sum, 0, sizeof sum);
	stderr_label_init(&c.shells);
	if (!r->fatal &&
	    (listed = connect_both(&c, o, &run->ops,
				   o->checksum_seed ? o->checksum_seed : random_seed(), r)) == 0) {
		if (pump_init(&rl, &c.src, o->list_only ? NULL : &c.dest, o, &c.sess, r) < 0)
			report_fatal(r, RERR_MALLOC, "out of memory");
		else if (queue_filter_lists(&rl, o, &run->fl, &c.sess, r) == 0 &&
			 setup_trust(&rl, o, &run->ops, &run->fl, &c.sess, r) == 0) {
			if (ff_fd >= 0)
				pump_files_from(&rl, ff_fd, o->eol_nulls);
			report_log(r, "receiving file list\n");
			pump_run(&rl);
		}
	} else if (listed == HS_REFUSED) {
		meet_refusal(&c, o, &run->fl, r);
	}
	reap_both(&c, listed, r, &src_code, &dest_code);
	if (!r->fatal && listed == 0) {
		r->io_error |= rl.ss.io_error;
		print_summary(r, &rl, o, &c, run->started, &sum);
	}
	code = r->fatal == RERR_SIGNAL ? RERR_SIGNAL : report_exit_code(r, src_code, dest_code);
	if (code && code != r->remote_exit)
		report_exit_line(r, code);
	else if (!code && listed != 1)
		report_log_totals(r, &sum);
	pump_free(&rl);
	plan_free(&c.plan);
	return code;
}

int main(int argc, char **argv)
{
	struct run run;
	const char *prog;
	int code, ff_fd = -1;

	memset(&run, 0, sizeof run);
	run.started = time(NULL);
	report_init(&run.r, stdout, stderr, 0);
	/* before any signal disposition changes: rsync inherits them */
	if (dropin_is_local(argc, argv, &prog)) {
		dropin_exec(argc, argv, prog);
		report_fatal(&run.r, RERR_IPC, "failed to run %s: %s", prog, strerror(errno));
		report_exit_line(&run.r, RERR_IPC);
		return RERR_IPC;
	}
	setup_process(&run.r);
	if ((code = read_command_line(&run, argc, argv)) < 0 &&
	    (code = read_local_files(&run, &ff_fd)) < 0)
		code = relay_run(&run, ff_fd);
	logfile_close(&run.lf);
	filter_free(&run.fl);
	operands_free(&run.ops);
	options_free(&run.o);
	return code;
}
