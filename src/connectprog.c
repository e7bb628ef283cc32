/* RSYNC_CONNECT_PROG (connectprog.h). */
#include "connectprog.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int connectprog_unsafe_host(const char *host)
{
	if (!*host || strchr("-+~%", *host))
		return 1;
	for (const unsigned char *s = (const unsigned char *)host; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || strchr("._:-%+~", *s)))
			return 1;
	return 0;
}

/* host in single quotes, each ' as '\'' (written to out when not NULL);
 * returns its length */
static size_t quoted(const char *host, char *out)
{
	size_t n = 0;

	if (out)
		out[n] = '\'';
	n++;
	for (const char *s = host; *s; s++) {
		if (*s == '\'') {
			if (out)
				memcpy(out + n, "'\\''", 4);
			n += 4;
		} else {
			if (out)
				out[n] = *s;
			n++;
		}
	}
	if (out)
		out[n] = '\'';
	return n + 1;
}

char *connectprog_command(const char *prog, const char *host)
{
	size_t hlen = quoted(host, NULL), len = 1;
	char *cmd, *t;

	if (!strchr(prog, '%'))
		return strdup(prog);
	for (const char *f = prog; *f; f++)
		len += f[0] == '%' && f[1] == 'H' ? hlen : 1;
	if (!(cmd = t = malloc(len)))
		return NULL;
	for (const char *f = prog; *f; f++) {
		if (f[0] == '%' && f[1] == 'H') {
			t += quoted(host, t);
			f++;
		} else if (f[0] == '%' && f[1] == '%') {
			*t++ = '%';
			f++;
		} else {
			*t++ = *f;
		}
	}
	*t = '\0';
	return cmd;
}

/* A connected pair of loopback TCP sockets: fd[0] accepted, fd[1] the
 * connecting one.  The accepted peer must be fd[1]'s own address, so a
 * connection raced in by someone else on the listener is refused. */
static int tcp_pair(int fd[2], char *err, size_t errlen)
{
	struct sockaddr_in a = { .sin_family = AF_INET }, mine, peer;
	socklen_t alen = sizeof a, mlen = sizeof mine, plen = sizeof peer;
	int l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), e;

	fd[0] = fd[1] = -1;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (l < 0 || bind(l, (struct sockaddr *)&a, sizeof a) < 0 || listen(l, 1) < 0 ||
	    getsockname(l, (struct sockaddr *)&a, &alen) < 0 ||
	    (fd[1] = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
	    connect(fd[1], (struct sockaddr *)&a, sizeof a) < 0 ||
	    (fd[0] = accept(l, (struct sockaddr *)&peer, &plen)) < 0 ||
	    fcntl(fd[0], F_SETFD, FD_CLOEXEC) < 0 ||
	    getsockname(fd[1], (struct sockaddr *)&mine, &mlen) < 0)
		goto failed;
	if (peer.sin_port != mine.sin_port || peer.sin_addr.s_addr != mine.sin_addr.s_addr) {
		errno = ECONNREFUSED;
		goto failed;
	}
	close(l);
	return 0;
failed:
	e = errno;
	snprintf(err, errlen, "socketpair_tcp failed");
	if (l >= 0)
		close(l);
	for (int i = 0; i < 2; i++)
		if (fd[i] >= 0)
			close(fd[i]);
	errno = e;
	return -1;
}

int connectprog_start(const char *cmd, pid_t *pid, char *err, size_t errlen)
{
	int fd[2], e;

	if (tcp_pair(fd, err, errlen) < 0)
		return -1;
	if ((*pid = fork()) < 0) {
		e = errno;
		snprintf(err, errlen, "fork");
		close(fd[0]);
		close(fd[1]);
		errno = e;
		return -1;
	}
	if (*pid == 0) {
		if (dup2(fd[1], STDIN_FILENO) < 0 || dup2(fd[1], STDOUT_FILENO) < 0) {
			fprintf(stderr, "Failed to run \"%s\"\n", cmd);
			_exit(1);
		}
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		fprintf(stderr, "Failed to run \"%s\": %s\n", cmd, strerror(errno));
		_exit(1);
	}
	close(fd[1]);
	return fd[0];
}
