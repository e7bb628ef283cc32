/* The rsync daemon client (daemon.h). */
#include "daemon.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "password.h"
#include "safeopen.h"
#include "signals.h"
#include "stderr_label.h"

/* rsync's client's auth digests, its preference first. */
static const enum digest_kind auth_order[] = { DIGEST_SHA512, DIGEST_SHA256, DIGEST_SHA1,
					       DIGEST_MD5, DIGEST_MD4 };

int daemon_parse_greeting(const char *line, struct daemon_greeting *g, char *err,
			  size_t errlen)
{
	const char *p = line + 9, *list;
	char *end;
	long v;

	memset(g, 0, sizeof *g);
	g->sub = -1;
	if (strncmp(line, "@RSYNCD: ", 9) != 0 || *p < '0' || *p > '9' ||
	    (v = strtol(p, &end, 10)) <= 0 || v > 1000) {
		snprintf(err, errlen, "rsync: server sent \"%s\" rather than greeting", line);
		return -1;
	}
	g->protocol = (int)v;
	if (*end == '.' && end[1] >= '0' && end[1] <= '9')
		g->sub = (int)strtol(end + 1, &end, 10);
	if (g->sub < 0 && g->protocol >= 30) {
		snprintf(err, errlen, "rsync: the server omitted the subprotocol value: %s", line);
		return -1;
	}
	if (g->sub < 0)
		g->sub = 0;
	list = strchr(line + 9, ' ');
	if (!list && g->protocol > 31) {
		snprintf(err, errlen, "rsync: the server omitted the digest name list: %s", line);
		return -1;
	}
	snprintf(g->digests, sizeof g->digests, "%s", list ? list + 1 : "");
	return 0;
}

int daemon_protocol(int ours, const struct daemon_greeting *g)
{
	if (ours < g->protocol)
		return ours;
	/* a daemon's pre-release subprotocol is one short of its number */
	return g->sub ? g->protocol - 1 : g->protocol;
}

enum daemon_line daemon_line_kind(const char *line, const char **challenge)
{
	if (strncmp(line, "@RSYNCD: AUTHREQD ", 18) == 0) {
		*challenge = line + 18;
		return DL_AUTHREQD;
	}
	if (strcmp(line, "@RSYNCD: OK") == 0)
		return DL_OK;
	if (strcmp(line, "@RSYNCD: EXIT") == 0)
		return DL_EXIT;
	if (strncmp(line, "@ERROR", 6) == 0)
		return DL_ERROR;
	return DL_TEXT;
}

static int list_has(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list; *(p += strspn(p, " ")); p += strcspn(p, " "))
		if (strcspn(p, " ") == n && strncmp(p, name, n) == 0)
			return 1;
	return 0;
}

int daemon_pick_digest(const struct daemon_greeting *g, int protocol, enum digest_kind *k,
		       int *md4_old)
{
	*md4_old = 0;
	if (!g->digests[0]) {
		*k = protocol >= 30 ? DIGEST_MD5 : DIGEST_MD4;
		*md4_old = protocol < 30;
		return 0;
	}
	for (size_t i = 0; i < sizeof auth_order / sizeof *auth_order; i++)
		if (list_has(g->digests, digest_name(auth_order[i]))) {
			*k = auth_order[i];
			return 0;
		}
	return -1;
}

int daemon_auth_reply(enum digest_kind k, int md4_old, const char *user, const char *password,
		      const char *challenge, char *out, size_t outlen)
{
	static const unsigned char zero_seed[4];
	unsigned char sum[DIGEST_MAX_LEN];
	char b64[2 * DIGEST_MAX_LEN];
	struct digest_ctx c;
	int n;

	digest_init(&c, k);
	if (md4_old)
		digest_update(&c, zero_seed, sizeof zero_seed);
	digest_update(&c, password, strlen(password));
	digest_update(&c, challenge, strlen(challenge));
	digest_final(&c, sum);
	if (!digest_base64(sum, digest_len(k), b64, sizeof b64))
		return -1;
	n = snprintf(out, outlen, "%s %s\n", user && *user ? user : "nobody", b64);
	return n < 0 || (size_t)n >= outlen ? -1 : n;
}

int daemon_module_name(const char *path, char *out, size_t outlen)
{
	size_t n = strcspn(path, "/");

	if (n >= outlen)
		return -1;
	memcpy(out, path, n);
	out[n] = '\0';
	return 0;
}

char *daemon_path_arg(const char *path, const char *module, int old_args)
{
	size_t mlen = strlen(module), extra = *path == '-' ? 2 : 0;
	char sep[DAEMON_LINE_MAX];
	char *out, *t;

	if (strcmp(path, module) == 0) {
		out = malloc(mlen + 2);
		if (out)
			snprintf(out, mlen + 2, "%s/", module);
		return out;
	}
	snprintf(sep, sizeof sep, " %s/", module);
	if (!old_args)
		for (const char *p = path; (p = strstr(p, sep)) != NULL; p++)
			extra += 2;
	if (!(out = t = malloc(strlen(path) + extra + 1)))
		return NULL;
	if (*path == '-') {
		*t++ = '.';
		*t++ = '/';
	}
	for (const char *f = path; *f;) {
		if (!old_args && *f == ' ' && strncmp(f, sep, mlen + 2) == 0) {
			*t++ = '[';
			*t++ = *f++;
			*t++ = ']';
		} else {
			*t++ = *f++;
		}
	}
	*t = '\0';
	return out;
}

unsigned char *daemon_encode_args(char *const *words, int n, int nulls, size_t *len)
{
	size_t total = 1;
	unsigned char *out, *p;

	for (int i = 0; i < n; i++)
		total += strlen(words[i]) + 1;
	if (!(out = p = malloc(total)))
		return NULL;
	for (int i = 0; i < n; i++) {
		size_t l = strlen(words[i]);
		memcpy(p, words[i], l);
		p += l;
		*p++ = nulls ? '\0' : '\n';
	}
	*p = nulls ? '\0' : '\n';
	*len = total;
	return out;
}

/* ---- the dialogue ---- */

/* Waits until d->rfd has a byte or can take one (events), draining a
 * remote shell's stderr meanwhile.  0, or -1 on timeout or a signal. */
static int wait_fd(struct daemon_side *d, int fd, short events, struct report *r)
{
	for (;;) {
		struct pollfd p[3] = { { .fd = fd, .events = events } };
		int k = d->shell ? stderr_label_pollfds(d->shell, p + 1) : 0;
		int n = poll(p, 1 + (nfds_t)k, d->timeout_ms > 0 ? d->timeout_ms : -1);

		if (k)
			stderr_label_drain(d->shell, r);
		if (signals_caught()) {
			report_stop(r, RERR_SIGNAL);
			return -1;
		}
		if (n == 0) {
			report_fatal_line(r, RERR_TIMEOUT, "[%s] io timeout after %d seconds -- "
					  "exiting", d->where, d->timeout_ms / 1000);
			return -1;
		}
		if (n > 0 && p[0].revents)
			return 0;
		if (n < 0 && errno != EINTR)
			return -1;
	}
}

/* One line as rsync's read_line_old reads it ('\r' dropped, a NUL or an
 * over-long line is no line).  Returns 1, 0 at the end of the
 * connection or a bad line, -1 after a timeout or signal (reported). */
static int read_line(struct daemon_side *d, char *buf, size_t cap, struct report *r)
{
	size_t n = 0;

	for (;;) {
		unsigned char c;
		ssize_t k;

		if (wait_fd(d, d->rfd, POLLIN, r) < 0)
			return -1;
		k = read(d->rfd, &c, 1);
		if (k < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (k <= 0 || c == '\0')
			return 0;
		d->bytes_in++;
		if (c == '\n')
			break;
		if (c == '\r')
			continue;
		if (n + 1 >= cap)
			return 0;
		buf[n++] = (char)c;
	}
	buf[n] = '\0';
	return 1;
}

static int write_all(struct daemon_side *d, const void *data, size_t len, struct report *r)
{
	const unsigned char *p = data;

	while (len) {
		ssize_t k;

		if (wait_fd(d, d->wfd, POLLOUT, r) < 0)
			return -1;
		k = write(d->wfd, p, len);
		if (k < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (k <= 0) {
			r->peer_lost = 1;
			report_fatal_line(r, RERR_STREAMIO, "rsync: [%s] connection unexpectedly "
					  "closed (%llu bytes received so far) [client]", d->where,
					  (unsigned long long)d->bytes_in);
			return -1;
		}
		p += k;
		len -= (size_t)k;
		d->bytes_out += (uint64_t)k;
	}
	return 0;
}

int daemon_read_greeting(struct daemon_side *d, struct report *r)
{
	char line[DAEMON_LINE_MAX], err[DAEMON_LINE_MAX + 100];
	int k = read_line(d, line, sizeof line, r);

	if (k < 0)
		return -1;
	if (k == 0) {
		report_fatal_line(r, RERR_STARTCLIENT, "rsync: did not see server greeting");
		return -1;
	}
	if (daemon_parse_greeting(line, &d->g, err, sizeof err) < 0) {
		report_fatal_line(r, RERR_STARTCLIENT, "%s", err);
		return -1;
	}
	return 0;
}

/* "@RSYNCD: AUTHREQD": the password for this side, hashed. */
static int answer_challenge(struct daemon_side *d, const char *challenge, struct report *r)
{
	char reply[DAEMON_LINE_MAX];
	enum digest_kind k;
	int md4_old, n, code = 0;
	char *pass;

	if (daemon_pick_digest(&d->g, d->protocol, &k, &md4_old) < 0) {
		report_fatal_line(r, RERR_UNSUPPORTED, "Failed to negotiate a daemon auth checksum "
				  "choice.");
		report_fatal_line(r, RERR_UNSUPPORTED, "Server list: %s", d->g.digests);
		report_fatal_line(r, RERR_UNSUPPORTED, "Client list: sha512 sha256 sha1 md5 md4");
		return -1;
	}
	if (d->own_password_only && !d->password_file && d->shared_password) {
		report_fatal(r, RERR_SYNTAX, "both sides are rsync daemons: %s would answer "
			     "either daemon (one could log in to the other with it); give the "
			     "password of %s with --src-password-file or --dest-password-file, "
			     "or type it when asked", d->shared_password, d->where);
		return -1;
	}
	if (!(pass = password_get(d->password_file, !d->own_password_only, d->insecure_links,
				  d->where, r, &code))) {
		if (!r->fatal)
			report_stop(r, code);
		return -1;
	}
	n = daemon_auth_reply(k, md4_old, d->user, pass, challenge, reply, sizeof reply);
	memset(pass, 0, strlen(pass));
	free(pass);
	if (n < 0) {
		report_fatal(r, RERR_STARTCLIENT, "[%s] the auth reply is too long", d->where);
		return -1;
	}
	return write_all(d, reply, (size_t)n, r);
}

/* --early-input: the file's bytes (at most a line's worth, as rsync's
 * client allows) go before the module, for the daemon's early exec. */
static int send_early_input(struct daemon_side *d, struct report *r)
{
	char buf[DAEMON_LINE_MAX], head[40];
	struct stat st;
	size_t got = 0;
	ssize_t k = 0;
	int untrusted = 0, e, n;
	int fd = safeopen_open(d->early_input, O_RDONLY | O_CLOEXEC, d->insecure_links, &untrusted);

	if (fd < 0 || fstat(fd, &st) < 0) {
		e = errno;
		if (fd >= 0)
			close(fd);
		report_fatal_line(r, RERR_STARTCLIENT, "rsync: [%s] failed to open %s: %s (%d)",
				  d->who, d->early_input, strerror(e), e);
		return -1;
	}
	if (st.st_size > (off_t)sizeof buf) {
		close(fd);
		report_fatal_line(r, RERR_STARTCLIENT, "%s is > %d bytes.", d->early_input,
				  (int)sizeof buf);
		return -1;
	}
	while (got < (size_t)st.st_size &&
	       ((k = read(fd, buf + got, (size_t)st.st_size - got)) > 0 || errno == EINTR))
		got += k > 0 ? (size_t)k : 0;
	close(fd);
	if (got < (size_t)st.st_size) {
		report_fatal_line(r, RERR_STARTCLIENT, "Early EOF in %s", d->early_input);
		return -1;
	}
	n = snprintf(head, sizeof head, "#early_input=%zu\n", got);
	return got && (write_all(d, head, (size_t)n, r) < 0 || write_all(d, buf, got, r) < 0)
		? -1 : 0;
}

int daemon_request(struct daemon_side *d, int ours, const char *module, struct report *r)
{
	char line[DAEMON_LINE_MAX];
	const char *challenge;
	int n;

	d->protocol = daemon_protocol(ours, &d->g);
	n = snprintf(line, sizeof line, "@RSYNCD: %d.0 sha512 sha256 sha1 md5 md4\n", ours);
	if (write_all(d, line, (size_t)n, r) < 0 || (d->early_input && send_early_input(d, r) < 0))
		return -1;
	n = snprintf(line, sizeof line, "%s\n", module);
	if (n < 0 || (size_t)n >= sizeof line || write_all(d, line, (size_t)n, r) < 0)
		return -1;
	for (;;) {
		int k = read_line(d, line, sizeof line, r);

		if (k < 0)
			return -1;
		if (k == 0) {
			report_fatal_line(r, RERR_STARTCLIENT, "rsync: didn't get server startup line");
			return -1;
		}
		switch (daemon_line_kind(line, &challenge)) {
		case DL_AUTHREQD:
			if (answer_challenge(d, challenge, r) < 0)
				return -1;
			break;
		case DL_OK:
			return 0;
		case DL_EXIT:
			return 1;
		case DL_ERROR:
			report_fatal_line(r, RERR_STARTCLIENT, "%s", line);
			return -1;
		case DL_TEXT:
			if (!d->no_motd)
				report_text_line(r, line);
			break;
		}
	}
}

int daemon_send_args(struct daemon_side *d, char *const *words, int n,
		     char *const *secluded, int nsecluded, struct report *r)
{
	size_t len, slen = 0;
	unsigned char *buf = daemon_encode_args(words, n, d->protocol >= 30, &len), *sbuf = NULL;
	int rc = -1;

	if (buf && nsecluded)
		sbuf = daemon_encode_args(secluded, nsecluded, 1, &slen);
	if (!buf || (nsecluded && !sbuf))
		report_fatal(r, RERR_MALLOC, "out of memory");
	else
		rc = write_all(d, buf, len, r) < 0 || (sbuf && write_all(d, sbuf, slen, r) < 0)
			? -1 : 0;
	free(buf);
	free(sbuf);
	return rc;
}
