/* TCP connections to rsync daemons (netconnect.h). */
#include "netconnect.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "resolve.h"
#include "signals.h"

enum { SO_BOOL, SO_INT, SO_ON };

/* rsync's --sockopts names (socket.c's table: a fact of its interface). */
static const struct {
	const char *name;
	int level, option, value, type;
} sockopt_names[] = {
	{ "SO_KEEPALIVE", SOL_SOCKET, SO_KEEPALIVE, 0, SO_BOOL },
	{ "SO_REUSEADDR", SOL_SOCKET, SO_REUSEADDR, 0, SO_BOOL },
	{ "SO_BROADCAST", SOL_SOCKET, SO_BROADCAST, 0, SO_BOOL },
	{ "TCP_NODELAY", IPPROTO_TCP, TCP_NODELAY, 0, SO_BOOL },
#ifdef IPTOS_LOWDELAY
	{ "IPTOS_LOWDELAY", IPPROTO_IP, IP_TOS, IPTOS_LOWDELAY, SO_ON },
#endif
#ifdef IPTOS_THROUGHPUT
	{ "IPTOS_THROUGHPUT", IPPROTO_IP, IP_TOS, IPTOS_THROUGHPUT, SO_ON },
#endif
	{ "SO_SNDBUF", SOL_SOCKET, SO_SNDBUF, 0, SO_INT },
	{ "SO_RCVBUF", SOL_SOCKET, SO_RCVBUF, 0, SO_INT },
	{ "SO_SNDLOWAT", SOL_SOCKET, SO_SNDLOWAT, 0, SO_INT },
	{ "SO_RCVLOWAT", SOL_SOCKET, SO_RCVLOWAT, 0, SO_INT },
	{ "SO_SNDTIMEO", SOL_SOCKET, SO_SNDTIMEO, 0, SO_INT },
	{ "SO_RCVTIMEO", SOL_SOCKET, SO_RCVTIMEO, 0, SO_INT },
};

int net_sockopt_parse(const char *word, size_t len, struct sockopt_val *v, char *err,
		      size_t errlen)
{
	const char *eq = memchr(word, '=', len);
	size_t nlen = eq ? (size_t)(eq - word) : len;

	for (size_t i = 0; i < sizeof sockopt_names / sizeof *sockopt_names; i++) {
		if (strlen(sockopt_names[i].name) != nlen ||
		    memcmp(sockopt_names[i].name, word, nlen) != 0)
			continue;
		v->level = sockopt_names[i].level;
		v->option = sockopt_names[i].option;
		if (sockopt_names[i].type == SO_ON) {
			v->value = sockopt_names[i].value;
			if (eq) {
				snprintf(err, errlen, "syntax error -- %.*s does not take a value",
					 (int)nlen, word);
				return -1;
			}
		} else {
			v->value = eq ? atoi(eq + 1) : 1;
		}
		return 0;
	}
	snprintf(err, errlen, "Unknown socket option %.*s", (int)nlen, word);
	return -1;
}

static void set_sockopts(int fd, const char *spec, struct report *r)
{
	static const char sep[] = " \t,";
	char err[256];

	for (const char *w = spec ? spec : ""; *(w += strspn(w, sep));) {
		size_t len = strcspn(w, sep);
		struct sockopt_val v;

		if (net_sockopt_parse(w, len, &v, err, sizeof err) < 0)
			report_fatal_line(r, 0, "%s", err);
		else if (setsockopt(fd, v.level, v.option, &v.value, sizeof v.value) != 0)
			report_fatal_line(r, 0, "rsync: [client] failed to set socket option %.*s: "
					  "%s (%d)", (int)len, w, strerror(errno), errno);
		w += len;
	}
}

/* --address: the local end of every attempt. */
static int bind_local(int fd, int family, const char *addr)
{
	struct net_addr local[RESOLVE_MAX];
	char err[128];
	int n = resolve_host(addr, 0, family, 1, local, RESOLVE_MAX, err, sizeof err), ok = -1;

	for (int i = 0; i < n && ok < 0; i++)
		ok = bind(fd, (struct sockaddr *)&local[i].sa, local[i].len);
	return ok;
}

/* connect() that a signal or the deadline (ms, -1 for none) ends: 0,
 * or -1 with errno (ETIMEDOUT for the deadline, EINTR for a signal). */
static int connect_within(int fd, const struct sockaddr *sa, socklen_t len, int ms)
{
	int flags = fcntl(fd, F_GETFL), e = 0;
	socklen_t elen = sizeof e;

	if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
		return -1;
	if (connect(fd, sa, len) == 0)
		return fcntl(fd, F_SETFL, flags);
	if (errno != EINPROGRESS)
		return -1;
	for (;;) {
		struct pollfd p = { .fd = fd, .events = POLLOUT };
		int n = poll(&p, 1, ms);

		if (signals_caught()) {
			errno = EINTR;
			return -1;
		}
		if (n == 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		if (n > 0)
			break;
		if (errno != EINTR)
			return -1;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &elen) < 0)
		return -1;
	if (e) {
		errno = e;
		return -1;
	}
	return fcntl(fd, F_SETFL, flags);
}

/* rsync's lines for the addresses that refused, once all have. */
static void report_refusals(const char *host, const struct net_addr *addrs, const int *errs,
			    int n, const char *who, struct report *r)
{
	char addr[64];

	for (int i = 0; i < n; i++) {
		if (!errs[i])
			continue;
		resolve_ntop(&addrs[i], addr, sizeof addr);
		report_fatal_line(r, RERR_SOCKETIO, "rsync: [%s] failed to connect to %s (%s): "
				  "%s (%d)", who, host, addr, strerror(errs[i]), errs[i]);
	}
}

/* One attempt: the socket, or -1 with errno. */
static int try_address(const struct net_addr *a, const struct net_opts *no, struct report *r)
{
	int fd = socket(a->family, SOCK_STREAM | SOCK_CLOEXEC, 0), e;

	if (fd < 0)
		return -1;
	if (no->bind_address && bind_local(fd, a->family, no->bind_address) < 0) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	set_sockopts(fd, no->sockopts, r);
	if (connect_within(fd, (const struct sockaddr *)&a->sa, a->len,
			   no->timeout_s > 0 ? no->timeout_s * 1000 : -1) == 0)
		return fd;
	e = errno;
	close(fd);
	errno = e;
	return -1;
}

int net_connect(const char *host, int port, const struct net_opts *no, struct report *r,
		int *code)
{
	struct net_addr addrs[RESOLVE_MAX];
	int family = no->af_hint == 4 ? AF_INET : no->af_hint == 6 ? AF_INET6 : AF_UNSPEC;
	int errs[RESOLVE_MAX] = { 0 }, fd = -1, n, i;
	char err[128];

	*code = RERR_SOCKETIO;
	if (no->debug_connect >= 1 && !r->quiet) {
		fprintf(r->out, "opening tcp connection to %s port %d\n", host, port);
		fflush(r->out);
	}
	if ((n = resolve_host(host, port, family, 0, addrs, RESOLVE_MAX, err, sizeof err)) < 0) {
		report_fatal_line(r, RERR_SOCKETIO, "rsync: getaddrinfo: %s %d: %s", host, port, err);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if ((fd = try_address(&addrs[i], no, r)) >= 0) {
			if (no->debug_connect >= 2 && !r->quiet) {
				char addr[64];

				resolve_ntop(&addrs[i], addr, sizeof addr);
				fprintf(r->out, "Connected to %s (%s)\n", host, addr);
				fflush(r->out);
			}
			break;
		}
		errs[i] = errno;
		if (errno == EINTR || (errno == ETIMEDOUT && no->timeout_s > 0)) {
			/* rsync stops at the first attempt --contimeout cuts short */
			*code = errno == EINTR ? RERR_SIGNAL : RERR_CONTIMEOUT;
			break;
		}
	}
	if (fd < 0 && *code == RERR_SOCKETIO)
		report_refusals(host, addrs, errs, n, no->who ? no->who : "client", r);
	else if (fd < 0)
		report_stop(r, *code);
	return fd;
}
