/* The plan: the two command lines the relay will run.  Each side gets
 * exactly what rsync's own client sends for a pull (source) or a push
 * (destination), wrapped in the remote shell's argument vector. */
#ifndef RELAY_PLAN_H
#define RELAY_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "operands.h"
#include "options.h"

struct strv {
	char **v;	/* NULL-terminated */
	int n;
	int cap;
};

int strv_push(struct strv *s, const char *str);
void strv_free(struct strv *s);

/* Capability letters the relay can offer after "-e." (see rsync's
 * maybe_add_e_option): the default for plan_build's caps.  'i' is sent
 * only when rsync's rule allows incremental recursion, so with these the
 * servers get "e.LsfxCIvu", plus the 'i' when allowed. */
#define PLAN_CAPS "iLsfxCIvu"

/* How the relay reaches a side. */
enum side_kind {
	SIDE_SHELL,		/* rsync --server over a remote shell */
	SIDE_DAEMON,		/* an rsync daemon over TCP */
	SIDE_DAEMON_SHELL,	/* "rsync --server --daemon ." over a remote shell */
};

/* What a daemon side is told once it says "@RSYNCD: OK". */
struct daemon_plan {
	char module[256];	/* the module asked for ("" lists them) */
	int port;		/* TCP port (SIDE_DAEMON) */
	struct strv args;	/* the server's arguments, its program left out,
				 * with the paths as a daemon takes them */
};

struct plan {
	enum side_kind src_kind, dest_kind;
	struct daemon_plan src_daemon, dest_daemon;	/* for daemon sides */
	struct strv src_argv;	/* remote shell argv for the source (empty for
				 * a daemon over TCP) */
	struct strv dest_argv;	/* remote shell argv for the destination */
	int src_cmd_at;		/* index in *_argv where the remote command starts */
	int dest_cmd_at;
	/* With -s (--secluded-args) the rest of each command does not go on
	 * the command line: these words are written to the server's stdin
	 * first, each followed by a NUL, then one more NUL (an empty word).
	 * The first word is the "rsync" that stands in for argv[0].  Empty
	 * (n == 0) without -s. */
	struct strv src_secluded;
	struct strv dest_secluded;
	int32_t seed[2];	/* --checksum-seed for the source, the destination;
				 * 0 for none (seed.h) */
	int inc_recurse;	/* 'i' offered to both servers */
};

/* Builds both command lines.  interactive: a terminal is attached, so ssh
 * may prompt (otherwise BatchMode is set).  caps: the capability letters
 * the relay may offer after "-e." (NULL for PLAN_CAPS), e.g. fewer of them
 * to start both servers again when they disagreed.  An 'i' in caps only
 * permits incremental recursion: the plan offers it (first, as rsync does)
 * when rsync's rule allows it, and sets inc_recurse.  Returns -1 with err
 * set. */
int plan_build(struct plan *p, const struct options *o, const struct operands *ops,
	       const int32_t seed[2], int interactive, const char *caps, char *err,
	       size_t errlen);
void plan_free(struct plan *p);

/* The command a remote shell runs for argv (from word cmd_at on): the
 * words joined by spaces, as ssh joins them and as sshd hands them to a
 * forced command in SSH_ORIGINAL_COMMAND.  Without -s the words are
 * already quoted for the remote shell.  Returns NULL when out of memory;
 * the caller frees it. */
char *plan_remote_command(const struct strv *argv, int cmd_at);

/* rsync's quoting of a remote file name for the remote shell, with
 * neither -s, --old-args, --trust-sender nor -R. */
char *plan_quote_path(const char *arg, int am_sender);
/* Splits a -e command into words the way rsync does (spaces separate,
 * '...' and "..." group, a doubled quote inside quotes is literal). */
int plan_split_rsh(const char *cmd, struct strv *out);

#endif
