/* A daemon that refused its arguments, met alone (refusal.h). */
#include "refusal.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "flist.h"
#include "signals.h"
#include "stderr_label.h"

/* the longest message rsync's client takes, as in the pump */
#define REFUSAL_MSG_MAX (RELAY_MAXPATHLEN + 1024 - 1)

ptrdiff_t refusal_take(struct refusal_in *in, const unsigned char *buf, size_t len,
		       const char *where, struct report *r)
{
	size_t at = 0;

	if (in->skip_zero && len) {
		in->skip_zero = 0;
		if (buf[0] == 0)
			at = 1;
	}
	while (at < len && in->exit_code < 0) {
		struct mux_piece pc;
		int k = mux_next(&in->mux, buf + at, len - at, REFUSAL_MSG_MAX, &pc);

		if (k == MUX_NEED_MORE)
			break;
		if (k < 0) {
			report_fatal(r, RERR_STREAMIO, "invalid multiplexed frame from the daemon (%s)",
				     where);
			return -1;
		}
		switch (pc.tag) {
		case MSG_DATA:	/* none is due: what it says is all it sends */
		case MSG_NOOP:
		case MSG_IO_ERROR:
			break;
		case MSG_ERROR_EXIT:
			in->exit_code = pc.len == 4 ? (int)wire_get_u32(pc.p) : 0;
			break;
		default:
			report_server_msg(r, pc.tag, pc.p, pc.len);
			break;
		}
		at += mux_took(&in->mux, &pc, pc.len);
	}
	return (ptrdiff_t)at;
}

/* Waits for fd to be ready (events); 0, or -1 after a timeout or a
 * signal (reported). */
static int wait_ready(const struct refusal *rf, int fd, short events, struct report *r)
{
	for (;;) {
		struct pollfd p[3] = { { .fd = fd, .events = events } };
		int k = r->shells ? stderr_label_pollfds(r->shells, p + 1) : 0;
		int n = poll(p, 1 + (nfds_t)k, rf->timeout_ms > 0 ? rf->timeout_ms : -1);

		if (k)
			stderr_label_drain(r->shells, r);
		if (signals_caught()) {
			report_stop(r, RERR_SIGNAL);
			return -1;
		}
		if (n == 0) {
			report_fatal_line(r, RERR_TIMEOUT, "[%s] io timeout after %d seconds -- "
					  "exiting", rf->who, rf->timeout_ms / 1000);
			return -1;
		}
		if (n > 0 && p[0].revents)
			return 0;
		if (n < 0 && errno != EINTR)
			return 0;	/* the read or write will tell */
	}
}

/* rsync's client's words for a connection that failed (io.c). */
static int connection_failed(struct refusal *rf, int err, struct report *r)
{
	r->peer_lost = 1;
	if (err) {
		report_fatal_line(r, RERR_SOCKETIO, "rsync: [%s] read error: %s (%d)", rf->who,
				  strerror(err), err);
		return RERR_SOCKETIO;
	}
	report_fatal_line(r, RERR_STREAMIO, "rsync: connection unexpectedly closed "
			  "(%llu bytes received so far) [%s]",
			  (unsigned long long)rf->bytes_in, rf->who);
	return RERR_STREAMIO;
}

int refusal_run(struct refusal *rf, const unsigned char *first, size_t nfirst,
		struct report *r)
{
	struct refusal_in in = { .skip_zero = rf->skip_zero, .exit_code = -1 };
	unsigned char buf[2 * REFUSAL_MSG_MAX + 8];
	size_t have = 0;

	/* a daemon that closed already cannot take it: what it said counts */
	while (nfirst && wait_ready(rf, rf->wfd, POLLOUT, r) == 0) {
		ssize_t k = write(rf->wfd, first, nfirst);

		if (k < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (k <= 0)
			break;
		first += k;
		nfirst -= (size_t)k;
	}
	while (!r->fatal) {
		ptrdiff_t took;
		ssize_t k;

		if (wait_ready(rf, rf->rfd, POLLIN, r) < 0)
			break;
		k = read(rf->rfd, buf + have, sizeof buf - have);
		if (k < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (k <= 0)
			return connection_failed(rf, k < 0 ? errno : 0, r);
		rf->bytes_in += (uint64_t)k;
		have += (size_t)k;
		if ((took = refusal_take(&in, buf, have, rf->where, r)) < 0)
			break;
		memmove(buf, buf + took, have - (size_t)took);
		have -= (size_t)took;
		if (in.exit_code >= 0) {
			/* rsync's client ends with the server's code */
			if (in.exit_code > r->remote_exit)
				r->remote_exit = in.exit_code;
			return in.exit_code;
		}
	}
	return r->fatal;
}
