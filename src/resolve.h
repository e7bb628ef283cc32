/* Host names to socket addresses for the daemon client.
 *
 * getaddrinfo() is the resolver wherever it works.  A static glibc build
 * cannot use it (glibc loads its name service from shared libraries at
 * run time), so such a build, which configure detects, resolves numeric
 * addresses and the names in /etc/hosts itself: what a rescue system
 * without shared libraries can offer. */
#ifndef RELAY_RESOLVE_H
#define RELAY_RESOLVE_H

#include <stddef.h>
#include <sys/socket.h>

#define RESOLVE_MAX 16

struct net_addr {
	struct sockaddr_storage sa;
	socklen_t len;
	int family;
};

/* Addresses of host (NULL with passive for the wildcard) at port, of
 * family AF_INET, AF_INET6 or AF_UNSPEC, at most max of them.  Returns
 * how many (at least 1), or -1 with the reason in err. */
int resolve_host(const char *host, int port, int family, int passive, struct net_addr *out,
		 int max, char *err, size_t errlen);

/* The addresses an /etc/hosts text (len bytes) gives name (compared
 * without case) in family, with port set, at most max.  Returns how many.
 * Pure: the unit tests and the static build's resolver share it. */
int resolve_hosts_text(const char *text, size_t len, const char *name, int family, int port,
		       struct net_addr *out, int max);

/* A numeric IPv4 or IPv6 address in family: 1 with *out set, else 0. */
int resolve_numeric(const char *host, int family, int port, struct net_addr *out);

/* The numeric form of a, for messages. */
void resolve_ntop(const struct net_addr *a, char *buf, size_t len);

#endif
