/* RSYNC_CONNECT_PROG: a daemon reached through a program instead of a
 * TCP connection, as rsync's client reaches one.  The program is run by
 * /bin/sh with %H replaced by the host (quoted, and only when its
 * characters stay data through a nested shell) and %% by %, its standard
 * input and output on one end of a loopback TCP connection, so that the
 * daemon it starts sees 127.0.0.1 as rsync's would. */
#ifndef RELAY_CONNECTPROG_H
#define RELAY_CONNECTPROG_H

#include <stddef.h>
#include <sys/types.h>

/* 1 when host must not be put into the command: empty, beginning with
 * one of "-+~%", or holding a character other than letters, digits and
 * "._:-%+~" (rsync's "unsafe host characters for RSYNC_CONNECT_PROG"). */
int connectprog_unsafe_host(const char *host);

/* The command for host: prog with each %H replaced by host in single
 * quotes and %% by %, other % left as they are; prog unchanged when it
 * has no %.  Returns a malloc'ed string, or NULL when out of memory. */
char *connectprog_command(const char *prog, const char *host);

/* Starts "/bin/sh -c cmd" with its stdin and stdout on a fresh loopback
 * TCP connection.  Returns the relay's end, with *pid set, or -1 with
 * errno set (the message naming the step that failed in err). */
int connectprog_start(const char *cmd, pid_t *pid, char *err, size_t errlen);

#endif
