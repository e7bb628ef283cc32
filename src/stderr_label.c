/* The remote shells' stderr, labelled (see stderr_label.h). */
#include "stderr_label.h"

#include "seed.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void stderr_label_init(struct stderr_label *l)
{
	memset(l, 0, sizeof *l);
	l->s[0].fd = l->s[1].fd = -1;
}

int stderr_label_open(struct stderr_label *l, int i, const char *side, const char *host)
{
	struct stderr_stream *s = &l->s[i];
	int p[2];

	if (pipe(p) < 0)
		return -1;
	/* never block the relay; the shell's end stays blocking */
	fcntl(p[0], F_SETFL, fcntl(p[0], F_GETFL) | O_NONBLOCK);
	fcntl(p[0], F_SETFD, FD_CLOEXEC);
	s->fd = p[0];
	s->len = 0;
	s->refusal = s->muted = 0;
	snprintf(s->tag, sizeof s->tag, "[%s %s] ", side, host);
	return p[1];
}

int stderr_label_pollfds(const struct stderr_label *l, struct pollfd *pf)
{
	int n = 0;

	for (int i = 0; i < 2; i++)
		if (l->s[i].fd >= 0)
			pf[n++] = (struct pollfd){ .fd = l->s[i].fd, .events = POLLIN };
	return n;
}

/* One line (or a piece of an overlong one), without its newline. */
static void print_line(struct stderr_stream *s, struct report *r)
{
	size_t len = s->len;

	if (len && s->part[len - 1] == '\r')
		len--;		/* ssh's CR LF while a terminal is raw */
	if (!s->refusal && !s->muted) {
		s->refusal = seed_refusal_line((const char *)s->part, len);
		if (s->refusal)
			snprintf(s->refused, sizeof s->refused, "%.*s", (int)len, s->part);
		s->muted = s->refusal == SEED_LINE_SEED;
	}
	if (r && !s->muted)	/* (none when a start is abandoned) */
		report_shell_line(r, s->tag, (const char *)s->part, len);
	s->len = 0;
}

static void take(struct stderr_stream *s, const unsigned char *b, size_t n, struct report *r)
{
	for (size_t i = 0; i < n; i++) {
		if (b[i] == '\n') {
			print_line(s, r);
			continue;
		}
		if (s->len == sizeof s->part)
			print_line(s, r);
		s->part[s->len++] = b[i];
	}
}

/* Reads what is there; returns 1 once the stream has ended. */
static int read_some(struct stderr_stream *s, struct report *r)
{
	unsigned char b[4096];

	for (;;) {
		ssize_t k = read(s->fd, b, sizeof b);

		if (k > 0) {
			take(s, b, (size_t)k, r);
			continue;
		}
		if (k < 0 && errno == EINTR)
			continue;
		return !(k < 0 && errno == EAGAIN);
	}
}

static void close_stream(struct stderr_stream *s, struct report *r)
{
	if (s->len)
		print_line(s, r);
	close(s->fd);
	s->fd = -1;
}

void stderr_label_drain(struct stderr_label *l, struct report *r)
{
	for (int i = 0; i < 2; i++)
		if (l->s[i].fd >= 0 && read_some(&l->s[i], r))
			close_stream(&l->s[i], r);
}

void stderr_label_drop(struct stderr_label *l, int i)
{
	struct stderr_stream *s = &l->s[i];

	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	s->len = 0;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

int stderr_label_refusal(struct stderr_label *l, int i, struct report *r, int wait_ms,
			 const char **line)
{
	struct stderr_stream *s = &l->s[i];
	long deadline = now_ms() + wait_ms;

	while (s->fd >= 0 && now_ms() < deadline) {
		struct pollfd pf = { .fd = s->fd, .events = POLLIN };

		if (poll(&pf, 1, (int)(deadline - now_ms())) < 0 && errno != EINTR)
			break;
		if (read_some(s, r))
			close_stream(s, r);
	}
	*line = s->refused;
	return s->refusal;
}

void stderr_label_finish(struct stderr_label *l, struct report *r, int wait_ms)
{
	long deadline = now_ms() + wait_ms;
	struct pollfd pf[2];
	int n;

	/* a process the shell left behind may hold its end open: bounded */
	while ((n = stderr_label_pollfds(l, pf)) > 0 && now_ms() < deadline) {
		if (poll(pf, (nfds_t)n, (int)(deadline - now_ms())) < 0 && errno != EINTR)
			break;
		stderr_label_drain(l, r);
	}
	for (int i = 0; i < 2; i++)
		if (l->s[i].fd >= 0)
			close_stream(&l->s[i], r);
}
