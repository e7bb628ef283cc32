/* rsync-relay: rsync from one ssh host to another through this one.
 *
 * The data flow, one module each:
 *   command line (options, operands) -> plan (the two server command
 *   lines) -> spawn (ssh twice) -> handshake (client to both servers) ->
 *   pump (sender->receiver through the stream parser, receiver->sender
 *   with message demultiplexing) -> report (output and exit code).
 */
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "handshake.h"
#include "operands.h"
#include "options.h"
#include "plan.h"
#include "pump.h"
#include "report.h"
#include "spawn.h"
#include "wire.h"

#define REAP_TIMEOUT_MS 2000

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

static void print_version(void)
{
	printf("rsync-relay %s  (rsync protocol versions %d to %d)\n", PACKAGE_VERSION,
	       RELAY_MIN_PROTOCOL, RELAY_PROTOCOL);
	printf("Relays rsync between two remote shells; needs rsync and a remote shell\n"
	       "(ssh) on both hosts.\n\n"
	       "This program is free software: you can redistribute it and/or modify it\n"
	       "under the terms of the GNU General Public License, version 3 or later.\n");
}

/* The filter list every sender reads, and a receiver that deletes. */
static void queue_filter_lists(struct relay *rl, const struct options *o)
{
	static const unsigned char empty_list[4] = { 0, 0, 0, 0 };

	buf_append(&rl->src.out.data, empty_list, sizeof empty_list);
	if (o->delete_mode)
		buf_append(&rl->dest.out.data, empty_list, sizeof empty_list);
}

static void print_summary(struct report *r, const struct relay *rl, const struct options *o,
			  uint64_t src_in, uint64_t src_out, uint64_t dest_in, uint64_t dest_out)
{
	char a[32], b[32];
	int64_t total = rl->ss.stats_count >= 3 ? rl->ss.stats[2] : rl->ss.total_size;
	double wire = (double)(src_in + src_out);

	if (!o->verbose || o->quiet)
		return;
	fprintf(r->out, "\nsource link: sent %s bytes  received %s bytes\n",
		report_num((int64_t)src_out, a, sizeof a), report_num((int64_t)src_in, b, sizeof b));
	fprintf(r->out, "destination link: sent %s bytes  received %s bytes\n",
		report_num((int64_t)dest_out, a, sizeof a),
		report_num((int64_t)dest_in, b, sizeof b));
	fprintf(r->out, "total size is %s  speedup is %.2f%s\n", report_num(total, a, sizeof a),
		wire > 0 ? (double)total / wire : 0.0, o->dry_run ? " (DRY RUN)" : "");
	fflush(r->out);
}

int main(int argc, char **argv)
{
	struct report r;
	struct options o;
	struct operands ops;
	struct plan plan;
	struct child src, dest;
	struct hs_side hs_a, hs_b;
	struct hs_wants wants;
	struct session sess;
	struct relay rl;
	char err[1024];
	int code, src_code, dest_code;
	const char *cs;

	setlocale(LC_CTYPE, "");
	signal(SIGPIPE, SIG_IGN);
	report_init(&r, stdout, stderr, 0);
	cs = nl_langinfo(CODESET);
	r.utf8 = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);

	if (options_parse(&o, argc, argv, getenv("RSYNC_RSH"), err, sizeof err) < 0) {
		usage_error(&r, err);
		return RERR_SYNTAX;
	}
	if (o.show_help) {
		options_usage();
		return 0;
	}
	if (o.show_version) {
		print_version();
		return 0;
	}
	r.quiet = o.quiet;
	if (operands_parse(&ops, o.args, o.nargs, err, sizeof err) < 0) {
		usage_error(&r, err);
		return RERR_SYNTAX;
	}
	if (plan_build(&plan, &o, &ops, o.checksum_seed ? o.checksum_seed : random_seed(),
		       isatty(STDIN_FILENO), err, sizeof err) < 0) {
		usage_error(&r, err);
		return RERR_SYNTAX;
	}

	/* Both connections start at once; the handshake reads them in turn. */
	if (spawn_child(&src, plan.src_argv.v, "sender") < 0) {
		report_fatal(&r, RERR_IPC, "Failed to start %s: %m", plan.src_argv.v[0]);
		report_exit_line(&r, RERR_IPC);
		return RERR_IPC;
	}
	if (spawn_child(&dest, plan.dest_argv.v, "receiver") < 0) {
		report_fatal(&r, RERR_IPC, "Failed to start %s: %m", plan.dest_argv.v[0]);
		child_reap(&src, 0);
		report_exit_line(&r, RERR_IPC);
		return RERR_IPC;
	}

	hs_a = (struct hs_side){ .rfd = src.from_fd, .wfd = src.to_fd, .who = "sender" };
	hs_b = (struct hs_side){ .rfd = dest.from_fd, .wfd = dest.to_fd, .who = "receiver" };
	wants = (struct hs_wants){ .compress = o.compress };
	memset(&rl, 0, sizeof rl);
	int hs = handshake_run(&hs_a, &hs_b, &wants, &sess, &r);
	if (hs == HS_COMPAT_MISMATCH)
		report_fatal(&r, RERR_PROTOCOL,
			     "the servers answered different compat flags: sender 0x%x, receiver 0x%x",
			     (unsigned)sess.compat_src, (unsigned)sess.compat_dest);
	if (hs == 0) {
		if (pump_init(&rl, &src, &dest, &o, &sess, &r) < 0)
			report_fatal(&r, RERR_MALLOC, "out of memory");
		else {
			queue_filter_lists(&rl, &o);
			pump_run(&rl);
		}
	}

	src_code = child_reap(&src, REAP_TIMEOUT_MS);
	dest_code = child_reap(&dest, REAP_TIMEOUT_MS);
	if (!r.fatal) {
		r.io_error |= rl.ss.io_error;
		print_summary(&r, &rl, &o, hs_a.bytes_in + rl.src.bytes_in,
			      hs_a.bytes_out + rl.src.bytes_out, hs_b.bytes_in + rl.dest.bytes_in,
			      hs_b.bytes_out + rl.dest.bytes_out);
	}
	code = report_exit_code(&r, src_code, dest_code);
	if (code && code != r.remote_exit)
		report_exit_line(&r, code);

	pump_free(&rl);
	plan_free(&plan);
	operands_free(&ops);
	free(o.args);
	return code;
}
