/* Host names to socket addresses (resolve.h). */
#include "config.h"
#include "resolve.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

int resolve_numeric(const char *host, int family, int port, struct net_addr *out)
{
	struct sockaddr_in *v4 = (struct sockaddr_in *)&out->sa;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&out->sa;

	memset(out, 0, sizeof *out);
	if (family != AF_INET6 && inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((unsigned short)port);
		out->len = sizeof *v4;
		out->family = AF_INET;
		return 1;
	}
	if (family != AF_INET && inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((unsigned short)port);
		out->len = sizeof *v6;
		out->family = AF_INET6;
		return 1;
	}
	return 0;
}

/* Whether the fields after the address on an /etc/hosts line name name. */
static int line_names(const char *p, const char *end, const char *name)
{
	size_t nlen = strlen(name);

	while (p < end) {
		const char *w;

		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		for (w = p; p < end && *p != ' ' && *p != '\t'; p++)
			;
		if ((size_t)(p - w) == nlen && nlen && strncasecmp(w, name, nlen) == 0)
			return 1;
	}
	return 0;
}

int resolve_hosts_text(const char *text, size_t len, const char *name, int family, int port,
		       struct net_addr *out, int max)
{
	const char *p = text, *end = text + len;
	int n = 0;

	while (p < end && n < max) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *eol = nl ? nl : end;
		const char *hash = memchr(p, '#', (size_t)(eol - p)), *stop = hash ? hash : eol;
		const char *a;
		char addr[64];

		while (p < stop && (*p == ' ' || *p == '\t'))
			p++;
		for (a = p; p < stop && *p != ' ' && *p != '\t'; p++)
			;
		if (p > a && (size_t)(p - a) < sizeof addr && line_names(p, stop, name)) {
			memcpy(addr, a, (size_t)(p - a));
			addr[p - a] = '\0';
			n += resolve_numeric(addr, family, port, &out[n]);
		}
		p = nl ? nl + 1 : end;
	}
	return n;
}

void resolve_ntop(const struct net_addr *a, char *buf, size_t len)
{
	const void *src = a->family == AF_INET6
		? (const void *)&((const struct sockaddr_in6 *)&a->sa)->sin6_addr
		: (const void *)&((const struct sockaddr_in *)&a->sa)->sin_addr;

	if (!inet_ntop(a->family, src, buf, (socklen_t)len))
		snprintf(buf, len, "?");
}

#ifdef HAVE_NAME_SERVICE
int resolve_host(const char *host, int port, int family, int passive, struct net_addr *out,
		 int max, char *err, size_t errlen)
{
	struct addrinfo hints = { .ai_family = family, .ai_socktype = SOCK_STREAM,
				  .ai_flags = passive ? AI_PASSIVE : 0 }, *res, *a;
	char portbuf[16];
	int rc, n = 0;

	snprintf(portbuf, sizeof portbuf, "%d", port);
	if ((rc = getaddrinfo(host, portbuf, &hints, &res)) != 0) {
		snprintf(err, errlen, "%s", gai_strerror(rc));
		return -1;
	}
	for (a = res; a && n < max; a = a->ai_next) {
		if (a->ai_addrlen > sizeof out[n].sa)
			continue;
		memset(&out[n], 0, sizeof out[n]);
		memcpy(&out[n].sa, a->ai_addr, a->ai_addrlen);
		out[n].len = a->ai_addrlen;
		out[n++].family = a->ai_family;
	}
	freeaddrinfo(res);
	if (!n)
		snprintf(err, errlen, "%s", gai_strerror(EAI_NONAME));
	return n ? n : -1;
}
#else
int resolve_host(const char *host, int port, int family, int passive, struct net_addr *out,
		 int max, char *err, size_t errlen)
{
	char buf[65536];
	ssize_t got;
	int fd, n = 0;

	if (!host && passive)
		host = family == AF_INET6 ? "::" : "0.0.0.0";
	if (!host || resolve_numeric(host, family, port, out))
		return host ? 1 : -1;
	if ((fd = open("/etc/hosts", O_RDONLY | O_CLOEXEC)) >= 0) {
		got = read(fd, buf, sizeof buf);
		close(fd);
		if (got > 0)
			n = resolve_hosts_text(buf, (size_t)got, host, family, port, out, max);
	}
	if (!n)
		snprintf(err, errlen, "%s (this static build resolves only /etc/hosts)",
			 gai_strerror(EAI_NONAME));
	return n ? n : -1;
}
#endif
