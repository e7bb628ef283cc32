/* SIGINT, SIGTERM and SIGHUP: noted, so that the relay stops both servers
 * and exits with rsync's code 20 instead of dying with them running. */
#ifndef RELAY_SIGNALS_H
#define RELAY_SIGNALS_H

/* Installs the handlers (without SA_RESTART, so a blocking call returns
 * with EINTR) and ignores SIGPIPE: a closed pipe is seen as an error. */
void signals_install(void);

/* The signal caught so far, or 0. */
int signals_caught(void);

#endif
