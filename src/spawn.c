#include "spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PIPE_BYTES (1024 * 1024)

int spawn_child(struct child *c, char *const argv[], const char *name, int err_fd)
{
	int in[2], out[2], err;
	const char *where = c->where;

	memset(c, 0, sizeof *c);
	c->to_fd = c->from_fd = -1;
	c->name = name;
	c->where = where;
	if (pipe(in) < 0) {
		err = errno;
		if (err_fd >= 0)
			close(err_fd);
		errno = err;
		return -1;
	}
	if (pipe(out) < 0) {
		err = errno;
		close(in[0]);
		close(in[1]);
		if (err_fd >= 0)
			close(err_fd);
		errno = err;
		return -1;
	}
	c->pid = fork();
	if (c->pid < 0) {
		err = errno;
		close(in[0]); close(in[1]); close(out[0]); close(out[1]);
		if (err_fd >= 0)
			close(err_fd);
		errno = err;
		return -1;
	}
	if (c->pid == 0) {
		if (dup2(in[0], STDIN_FILENO) < 0 || dup2(out[1], STDOUT_FILENO) < 0 ||
		    (err_fd >= 0 && dup2(err_fd, STDERR_FILENO) < 0))
			_exit(255);
		close(in[0]); close(in[1]); close(out[0]); close(out[1]);
		/* Our own descriptors to the other server must not leak into
		 * this one's shell. */
		for (int fd = 3; fd < 256; fd++)
			close(fd);
		signal(SIGPIPE, SIG_DFL);
		execvp(argv[0], argv);
		fprintf(stderr, "rsync-relay: Failed to exec %s: %s (%d)\n", argv[0],
			strerror(errno), errno);
		_exit(14);	/* rsync's RERR_IPC, as its own failed exec */
	}
	close(in[0]);
	close(out[1]);
	if (err_fd >= 0)
		close(err_fd);
	c->to_fd = in[1];
	c->from_fd = out[0];
#if HAVE_DECL_F_SETPIPE_SZ
	/* Large pipes (where Linux allows) let each read and write move more
	 * per system call; the default 64 KiB costs several calls per frame. */
	fcntl(c->to_fd, F_SETPIPE_SZ, PIPE_BYTES);
	fcntl(c->from_fd, F_SETPIPE_SZ, PIPE_BYTES);
#endif
	fcntl(c->to_fd, F_SETFD, FD_CLOEXEC);
	fcntl(c->from_fd, F_SETFD, FD_CLOEXEC);
	return 0;
}

void child_close_to(struct child *c)
{
	if (c->to_fd >= 0) {
		if (c->sock)
			shutdown(c->to_fd, SHUT_WR);
		close(c->to_fd);
		c->to_fd = -1;
	}
}

void child_close_from(struct child *c)
{
	if (c->from_fd >= 0) {
		close(c->from_fd);
		c->from_fd = -1;
	}
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Polls for exit until the deadline. Returns 1 once reaped. */
static int wait_until(struct child *c, long deadline)
{
	for (;;) {
		pid_t r = waitpid(c->pid, &c->status, WNOHANG);
		if (r == c->pid || (r < 0 && errno == ECHILD)) {
			c->pid = 0;
			return 1;
		}
		if (now_ms() >= deadline)
			return 0;
		struct timespec ts = { 0, 10 * 1000000L };
		nanosleep(&ts, NULL);
	}
}

int child_reap(struct child *c, int timeout_ms)
{
	child_close_to(c);
	child_close_from(c);
	if (c->pid > 0 && !wait_until(c, now_ms() + timeout_ms)) {
		kill(c->pid, SIGTERM);
		if (!wait_until(c, now_ms() + 1000)) {
			kill(c->pid, SIGKILL);
			wait_until(c, now_ms() + 5000);
		}
	}
	if (WIFEXITED(c->status))
		return WEXITSTATUS(c->status);
	if (WIFSIGNALED(c->status))
		return WTERMSIG(c->status) == SIGUSR1 ? 19 : 255;
	return 255;
}

int spawn_run(char *const argv[], int (*stop)(void), int stop_ms)
{
	struct child c = { .to_fd = -1, .from_fd = -1 };
	int in[2];

	if (pipe(in) < 0)
		return -1;
	c.pid = fork();
	if (c.pid < 0) {
		close(in[0]);
		close(in[1]);
		return -1;
	}
	if (c.pid == 0) {
		if (dup2(in[0], STDIN_FILENO) < 0)
			_exit(255);
		close(in[0]);
		close(in[1]);
		signal(SIGPIPE, SIG_DFL);
		execvp(argv[0], argv);
		fprintf(stderr, "rsync-relay: Failed to exec %s: %s (%d)\n", argv[0],
			strerror(errno), errno);
		_exit(14);
	}
	close(in[0]);
	c.to_fd = in[1];	/* its end tells the command we are gone */
	fcntl(c.to_fd, F_SETFD, FD_CLOEXEC);
	/* a signal interrupts the wait (no SA_RESTART): the child then gets
	 * stop_ms to go before SIGTERM */
	while (waitpid(c.pid, &c.status, 0) < 0) {
		if (errno != EINTR)
			break;
		if (stop())
			return child_reap(&c, stop_ms);
	}
	c.pid = 0;
	return child_reap(&c, 0);
}
