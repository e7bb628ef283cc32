/* TCP connections to rsync daemons, opened as rsync's client opens them:
 * each address of the host in turn (-4/-6 choose the family), bound to
 * --address, with --sockopts set, each attempt within --contimeout. */
#ifndef RELAY_NETCONNECT_H
#define RELAY_NETCONNECT_H

#include "report.h"

struct net_opts {
	const char *bind_address;	/* --address, or NULL */
	const char *sockopts;		/* --sockopts, or NULL */
	int af_hint;			/* 4, 6, or 0 for either */
	int timeout_s;			/* --contimeout, 0 for none */
	int debug_connect;		/* --debug=connect: 1 names the host and
					 * port, 2 the address connected to */
	const char *who;		/* rsync's client's name for itself in
					 * messages: "Receiver" or "sender" */
};

/* One --sockopts word: "NAME" or "NAME=VALUE". */
struct sockopt_val {
	int level, option;
	int value;
};

/* Parses one word of --sockopts (len bytes of word) as rsync does.
 * Returns 0 with *v set, or -1 with rsync's message in err (the
 * caller prints it and goes on, as rsync does). */
int net_sockopt_parse(const char *word, size_t len, struct sockopt_val *v, char *err,
		      size_t errlen);

/* Connects to host:port.  Returns the socket, or -1 after printing
 * rsync's messages, with *code set to rsync's exit code (10, or 35 when
 * --contimeout ran out; 20 after a signal). */
int net_connect(const char *host, int port, const struct net_opts *no, struct report *r,
		int *code);

#endif
