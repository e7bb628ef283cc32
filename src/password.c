/* A daemon's password (password.h). */
#include "password.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "safeopen.h"
#include "signals.h"

#define PASS_MAX 512	/* rsync reads this much of a password file */

int password_first_line(const char *data, size_t len, char *out, size_t outlen)
{
	size_t start = 0, end;

	while (start < len && (data[start] == '\n' || data[start] == '\r'))
		start++;
	for (end = start; end < len && data[end] != '\n' && data[end] != '\r' && data[end]; end++)
		;
	if (end == start || end - start >= outlen)
		return -1;
	memcpy(out, data + start, end - start);
	out[end - start] = '\0';
	return 0;
}

/* rsync's checks on a password file: opened without following another
 * user's symlink (its first line goes to the daemon, so a planted link
 * would send that file's content), not readable by others, owned by root
 * when we are root.  The checks look at the file opened. */
static char *from_file(const char *file, int insecure_links, struct report *r, int *code)
{
	char buf[PASS_MAX], line[PASS_MAX];
	struct stat st;
	ssize_t n;
	int untrusted = 0;
	int fd = strcmp(file, "-") == 0 ? STDIN_FILENO
		 : safeopen_open(file, O_RDONLY | O_CLOEXEC, insecure_links, &untrusted);

	*code = RERR_SYNTAX;
	if (fd < 0) {
		int e = errno;

		if (untrusted)
			report_fatal_line(r, RERR_SYNTAX, "%s", SAFEOPEN_UNTRUSTED_HINT);
		report_fatal_line(r, RERR_SYNTAX, "rsync: [client] could not open password file "
				  "%s: %s (%d)", file, strerror(e), e);
		return NULL;
	}
	if (fd != STDIN_FILENO && fstat(fd, &st) == 0) {
		const char *why = (st.st_mode & 06) ? "password file must not be other-accessible"
				  : geteuid() == 0 && st.st_uid != 0
				  ? "password file must be owned by root when running as root" : NULL;
		if (why) {
			close(fd);
			report_fatal_line(r, RERR_SYNTAX, "ERROR: %s", why);
			return NULL;
		}
	}
	n = read(fd, buf, sizeof buf - 1);
	if (fd != STDIN_FILENO)
		close(fd);
	if (n <= 0 || password_first_line(buf, (size_t)n, line, sizeof line) < 0) {
		report_fatal_line(r, RERR_SYNTAX, "ERROR: failed to read a password from %s", file);
		return NULL;
	}
	return strdup(line);
}

/* "Password: " on the terminal, echo off, after a line naming the side. */
static char *prompt(const char *where, struct report *r, int *code)
{
	char line[PASS_MAX], head[256];
	struct termios old, quiet;
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC), echo_off = 0;
	size_t n = 0;

	if (fd < 0)
		return strdup("");	/* as rsync: no terminal, an empty password */
	fflush(r->out);
	snprintf(head, sizeof head, "rsync-relay: %s:\nPassword: ", where);
	if (write(fd, head, strlen(head)) < 0) {
		/* the prompt is only a courtesy; reading goes on */
	}
	if (tcgetattr(fd, &old) == 0) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		echo_off = tcsetattr(fd, TCSAFLUSH, &quiet) == 0;
	}
	for (;;) {
		char c;
		ssize_t k = read(fd, &c, 1);

		if (k < 0 && errno == EINTR && !signals_caught())
			continue;
		if (k <= 0 || c == '\n' || c == '\r')
			break;
		if (n + 1 < sizeof line)
			line[n++] = c;
	}
	line[n] = '\0';
	if (echo_off)
		tcsetattr(fd, TCSAFLUSH, &old);
	if (write(fd, "\n", 1) < 0) {
		/* as above */
	}
	close(fd);
	if (signals_caught()) {
		*code = RERR_SIGNAL;
		return NULL;
	}
	return strdup(line);
}

char *password_get(const char *file, int use_env, int insecure_links, const char *where,
		   struct report *r, int *code)
{
	const char *env = use_env ? getenv("RSYNC_PASSWORD") : NULL;
	char *p;

	*code = RERR_MALLOC;
	p = file ? from_file(file, insecure_links, r, code) : env ? strdup(env) : prompt(where, r, code);
	if (!p && *code == RERR_MALLOC)
		report_fatal(r, RERR_MALLOC, "out of memory");
	return p;
}
