/* Starting and stopping the two remote shells. */
#ifndef RELAY_SPAWN_H
#define RELAY_SPAWN_H

#include <sys/types.h>

struct child {
	pid_t pid;	/* 0 once reaped */
	int to_fd;	/* we write the server's stdin here */
	int from_fd;	/* we read the server's stdout here */
	int status;	/* wait status once reaped */
	const char *name; /* "sender" or "receiver", for messages */
	const char *where; /* "source web04", for messages */
	int sock;	/* the two fds are one TCP connection (a daemon's):
			 * closing to_fd shuts down its sending half */
};

/* Forks and execs argv[0] (searched in PATH) with its stdin and stdout on
 * pipes.  Its stderr goes to err_fd (a pipe of stderr_label.h, closed
 * here), or is shared with ours when err_fd is -1.  Returns -1 with errno
 * set. */
int spawn_child(struct child *c, char *const argv[], const char *name, int err_fd);

/* Closes our ends of the pipes (idempotent). */
void child_close_to(struct child *c);
void child_close_from(struct child *c);

/* Waits up to timeout_ms for the child to exit, then sends SIGTERM, then
 * SIGKILL, so nothing is left running.  Returns rsync's view of the exit
 * code: the remote status, 255 for ssh's own failure, or a signal code. */
int child_reap(struct child *c, int timeout_ms);

/* Runs argv with our stdout and stderr and waits for it; its stdin is a
 * pipe we hold, closed when we stop or die, so a remote command can
 * watch it.  When stop() says so after a signal, the pipe is closed and
 * the command gets stop_ms to go, then is ended as child_reap does.  Returns its code as child_reap does, or -1 when it
 * cannot be started (errno set). */
int spawn_run(char *const argv[], int (*stop)(void), int stop_ms);

#endif
