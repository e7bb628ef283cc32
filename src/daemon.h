/* The rsync daemon client: what rsync's client says to an rsync daemon
 * (over TCP, or "rsync --server --daemon ." over a remote shell) before
 * the normal protocol starts.  The daemon greets first ("@RSYNCD: 32.0
 * sha512 ..."); the client answers with its own greeting and the module
 * it wants, answers "@RSYNCD: AUTHREQD <challenge>" with "USER HASH",
 * prints MOTD or module-list lines, and stops at "@ERROR..." or
 * "@RSYNCD: EXIT"; after "@RSYNCD: OK" it sends the server arguments.
 * The protocol version is agreed in the greetings, so the binary
 * handshake (handshake.h) reads no version from a daemon.
 *
 * The parsers are pure functions of one line; daemon_* functions that
 * take a struct daemon_side run the dialogue over its descriptors. */
#ifndef RELAY_DAEMON_H
#define RELAY_DAEMON_H

#include <stddef.h>
#include <stdint.h>

#include "digest.h"
#include "report.h"

#define DAEMON_LINE_MAX 5120	/* rsync's line buffer, its NUL included */
#define DAEMON_PORT 873

struct daemon_greeting {
	int protocol, sub;
	char digests[256];	/* the auth digests it offers, "" for none */
};

/* "@RSYNCD: 31.0 sha512 sha256 ..." Returns 0, or -1 with rsync's
 * client's message in err. */
int daemon_parse_greeting(const char *line, struct daemon_greeting *g, char *err,
			  size_t errlen);

/* The protocol both use once the client greeted with "ours.0". */
int daemon_protocol(int ours, const struct daemon_greeting *g);

enum daemon_line { DL_TEXT, DL_OK, DL_EXIT, DL_ERROR, DL_AUTHREQD };
/* What a line after the module request is; *challenge points into line
 * for DL_AUTHREQD. */
enum daemon_line daemon_line_kind(const char *line, const char **challenge);

/* The digest rsync's client answers a challenge with: the first of its
 * own (sha512 sha256 sha1 md5 md4) that the daemon offers; with no list,
 * md5 from protocol 30 on, else md4 in its old form (*md4_old: the hash
 * starts with four zero bytes).  Returns -1 when nothing is shared. */
int daemon_pick_digest(const struct daemon_greeting *g, int protocol, enum digest_kind *k,
		       int *md4_old);

/* The answer to a challenge: "USER BASE64HASH\n", the hash of the
 * password followed by the challenge.  Returns its length, or -1 when
 * out is too small. */
int daemon_auth_reply(enum digest_kind k, int md4_old, const char *user, const char *password,
		      const char *challenge, char *out, size_t outlen);

/* An operand's path as rsync's client sends it to a daemon: "MODULE"
 * becomes "MODULE/", a leading '-' gets "./", and (unless old_args) a
 * " MODULE/" inside becomes "[ ]MODULE/" so the daemon does not split
 * there.  Returns a new string, or NULL when out of memory. */
char *daemon_path_arg(const char *path, const char *module, int old_args);

/* The module an operand's path names (up to its first '/'), copied into
 * out; -1 when it is too long. */
int daemon_module_name(const char *path, char *out, size_t outlen);

/* The argument words as the daemon reads them: each ended by a NUL
 * (protocol 30 on) or a newline, then an empty one.  Returns a new
 * buffer of *len bytes, or NULL when out of memory. */
unsigned char *daemon_encode_args(char *const *words, int n, int nulls, size_t *len);

/* ---- the dialogue over a connection ---- */

struct daemon_side {
	int rfd, wfd;
	const char *where;	/* "source HOST::MODULE", for messages */
	const char *user;	/* the auth user: the operand's, else $USER... */
	const char *password_file;	/* this side's --password-file, or NULL */
	const char *shared_password;	/* with own_password_only: what was
					 * not used ("RSYNC_PASSWORD", ...) */
	int own_password_only;	/* both sides are daemons: a password
				 * either could be answered with (RSYNC_PASSWORD,
				 * the shared --password-file) is not used, or a
				 * daemon could pass on the other's challenge
				 * and log in there with the answer */
	int insecure_links;	/* --insecure-links: follow any symlink to it */
	const char *early_input;	/* --early-input's file, or NULL */
	const char *who;	/* rsync's client's name for itself toward it:
				 * "Receiver" toward a source, "sender" */
	int timeout_ms;		/* --timeout, 0 for none */
	int no_motd;		/* --no-motd */
	struct daemon_greeting g;
	int protocol;		/* agreed, once greeted */
	uint64_t bytes_in, bytes_out;
	struct stderr_label *shell;	/* a remote shell's stderr, or NULL */
};

/* Reads the daemon's greeting.  Returns 0, or -1 after reporting rsync's
 * message (code 5). */
int daemon_read_greeting(struct daemon_side *d, struct report *r);

/* Greets the daemon offering protocol ours, asks for module (""
 * lists the modules), answers challenges and prints what it says.
 * Returns 0 at "@RSYNCD: OK", 1 at "@RSYNCD: EXIT" (a module list
 * ended), -1 after reporting an error (the daemon's "@ERROR" line, code
 * 5). */
int daemon_request(struct daemon_side *d, int ours, const char *module, struct report *r);

/* Sends the server's arguments, then (with -s) the secluded words. */
int daemon_send_args(struct daemon_side *d, char *const *words, int n,
		     char *const *secluded, int nsecluded, struct report *r);

#endif
