/* The start of both connections, spoken as rsync's client to each server:
 * protocol versions, compat flags, checksum and compression names, seed.
 * Each server writes first and then reads, so the relay reads both and
 * answers both with the same choices; only the version may come either
 * way round (openrsync's server reads the client's first). */
#ifndef RELAY_HANDSHAKE_H
#define RELAY_HANDSHAKE_H

#include <stddef.h>
#include <stdint.h>

#include "report.h"
#include "wire.h"

#define RELAY_PROTOCOL 32	/* the newest protocol the relay speaks */
#define RELAY_MIN_PROTOCOL 27	/* the oldest */

/* compat flags (rsync's compat.c) */
#define CF_INC_RECURSE (1 << 0)
#define CF_SYMLINK_TIMES (1 << 1)
#define CF_SYMLINK_ICONV (1 << 2)
#define CF_SAFE_FLIST (1 << 3)
#define CF_AVOID_XATTR_OPTIM (1 << 4)
#define CF_CHKSUM_SEED_FIX (1 << 5)
#define CF_INPLACE_PARTIAL_DIR (1 << 6)
#define CF_VARINT_FLIST_FLAGS (1 << 7)
#define CF_ID0_NAMES (1 << 8)
/* Bits that only describe the client; the two servers may differ there. */
#define CF_CLIENT_ONLY (CF_SYMLINK_TIMES | CF_SYMLINK_ICONV)

#define NAME_MAX_LEN 32

/* What both servers agreed to; everything the stream parsers need to know
 * about the wire format. */
struct session {
	int protocol;
	int32_t compat_flags;
	int32_t compat_src, compat_dest;	/* what each server answered */
	int inc_recurse;
	int varint_flist_flags;
	int id0_names;
	int safe_flist;
	char checksum[NAME_MAX_LEN];	/* negotiated name, or the implied one */
	char file_checksum[NAME_MAX_LEN]; /* -c's file-list checksum name */
	char compress[NAME_MAX_LEN];	/* "" without compression */
	int xfer_sum_len;		/* bytes of a whole-file checksum */
	int flist_csum_len;		/* bytes of a -c checksum in the file list */
	int32_t seed_src, seed_dest;
	int resign;			/* the seeds differ below protocol 30: each
					 * file's checksum is made again (seed.h) */
	int remote_src, remote_dest;	/* the version each server sent */
	int sum_negotiated, zip_negotiated; /* names agreed from the lists */
	int refused;		/* HS_REFUSED: the side (0 the source, 1 the
				 * destination) that refused its arguments */
};

struct hs_side {
	int rfd, wfd;
	const char *who;	/* "sender" / "receiver" */
	const char *where;	/* "source web04", for messages */
	uint64_t bytes_in, bytes_out;
	int64_t ready_ms;	/* monotonic time its first bytes arrived */
	int timeout_ms;		/* --timeout: longest silence, 0 for none */
	int64_t stop_at;	/* --stop-after, --stop-at: when to stop
				 * (seconds since the epoch), 0 for never */
	/* The first bytes of the server's handshake, when they are known
	 * before handshake_run(): its version, read early to agree a
	 * daemon's greeting (hs_read_version), or for a daemon the version
	 * the greetings agreed, standing in for the one it never sends. */
	unsigned char pre[8];
	int npre;
	int daemon;		/* the relay sends it no version either */
	int32_t sent;		/* the version sent it before, or 0 */
	int err_stream;		/* its remote shell's stderr_label stream, or -1 */
	int refused_seed;	/* it closed, having refused --checksum-seed */
};

/* A connection closed at the start: a server that refused an option of
 * its command line said so on stderr (seed.h).  A refused --checksum-seed
 * is left to the caller (s->refused_seed; nothing reported), another
 * option is the run's end with rsync's code for a syntax error.  Returns
 * 1 when it was a refusal, else 0: the caller reports the closed
 * connection. */
int hs_refused_option(struct hs_side *s, struct report *r);

/* The version and, when it follows (seed.h), the seed of a server started
 * alone: the relay offers it its version (or --protocol's) and reads its
 * answer into s->pre.  Returns 1 with *seed set, 0 when the seed comes
 * later in the handshake, -1 after an error (or s->refused_seed). */
int hs_read_seed(struct hs_side *s, int max_protocol, int32_t *seed, struct report *r);

/* Reads a server's version before the handshake (into s->pre), so that a
 * daemon on the other side is greeted with no more than it.  Returns the
 * version, or -1 after reporting how the connection ended. */
int32_t hs_read_version(struct hs_side *s, struct report *r);

/* The same, for a server that may wait for the client's version before
 * it writes its own (openrsync): one silent for a few seconds is sent
 * offer first (noted in s->sent).  Returns as hs_read_version does. */
int32_t hs_read_version_offering(struct hs_side *s, int32_t offer, struct report *r);

/* Makes s a daemon side that agreed protocol in its greeting. */
void hs_set_daemon(struct hs_side *s, int protocol);

/* Milliseconds of the monotonic clock. */
int64_t hs_now_ms(void);

struct hs_wants {
	int compress;			/* compression on (-z or a choice) */
	const char *compress_choice;	/* --compress-choice, or NULL to negotiate */
	const char *checksum_choice;	/* --checksum-choice "XFER[,FILE]", or NULL */
	int max_protocol;		/* --protocol, or 0 */
	int level_zero;			/* --compress-level=0: zlib and zlibx
					 * are then off on both servers */
	int32_t seed[2];		/* the --checksum-seed each was sent, or 0 */
	int no_seed_option;		/* neither server takes --checksum-seed */
};

/* Runs the handshake on both servers.  Returns 0; -1 after reporting a
 * fatal error; HS_COMPAT_MISMATCH when the servers answered different
 * wire-relevant compat flags (s->compat_src and s->compat_dest say which;
 * nothing is reported, the caller may start both again with fewer
 * capability letters). */
#define HS_COMPAT_MISMATCH (-2)
/* HS_REFUSED: a daemon refused the arguments it was sent (s->refused says
 * which side); nothing is reported, its own error follows on its
 * connection (refusal.h). */
#define HS_REFUSED (-3)
/* b may be NULL: the sender alone, for a listing. */
int handshake_run(struct hs_side *a, struct hs_side *b, const struct hs_wants *w,
		  struct session *s, struct report *r);

/* The handshake as a pure function of the bytes each server has sent so
 * far (in[0] the sender's, in[1] the receiver's), so that the tests and
 * fuzzers run over buffers the code handshake_run() runs.  That calls it
 * again after every read with all it has read, and reads exactly what it
 * asks for: what follows the handshake belongs to the stream.
 *
 * Returns HS_NEED (read p->need more bytes from server p->side), HS_DONE
 * with *s complete, HS_COMPAT_MISMATCH, or HS_FAIL with p->code and err.
 * Whatever p says is known goes to the servers before anything else
 * happens, even when the handshake failed after it. */
#define HS_NEED 1
#define HS_DONE 0
#define HS_FAIL (-1)
#define HS_LIST_MAX 1024	/* a name list, its terminating NUL included */
/* The most a server can send: version, compat flags, two name lists, seed. */
#define HS_MAX_INPUT (4 + WIRE_MAX_VARINT + 2 * (2 + HS_LIST_MAX - 1) + 4)

struct hs_progress {
	int side;		/* HS_NEED: the server to read from (0 or 1) */
	size_t need;		/* and how many more of its bytes */
	size_t used[2];		/* bytes of each server's input the handshake took */
	int protocol_known;	/* s->protocol is to be sent to both servers */
	int names_known;	/* the negotiated names are to be sent: */
	int nego_sum;		/* s->checksum */
	int nego_zip;		/* s->compress (before "none" turns into "") */
	char zip_name[NAME_MAX_LEN];	/* what is sent for nego_zip */
	int code;		/* HS_FAIL: the exit code */
};

int hs_parse(const unsigned char *const in[2], const size_t len[2], const char *const who[2],
	     const struct hs_wants *w, struct session *s, struct hs_progress *p, char *err,
	     size_t errlen);

/* The first name in list a (space separated) that list b also contains,
 * skipping "none" unless nothing else is shared.  Returns 0 or -1. */
int hs_pick_name(const char *a, const char *b, char *out, size_t outlen);

/* Whether a side refused its arguments: rsync's daemon that refuses them
 * still sets up the protocol to send its error, with a checksum seed of
 * its own (it never took ours).  A daemon side that answers another seed
 * than the one it was sent (sent non-zero) has refused them; a remote
 * shell's server fails before its protocol starts. */
int hs_refused(int daemon, int32_t sent, int32_t got);

/* Length of a whole-file checksum for a checksum name, or -1. */
int hs_checksum_len(const char *name);

/* The names the relay can negotiate and carry, space separated, in the
 * order it prefers them (an alias in parentheses), as --version shows
 * them: what is HS_CHECKSUMS or HS_COMPRESSIONS. */
#define HS_CHECKSUMS 0
#define HS_COMPRESSIONS 1
void hs_known_names(int what, char *out, size_t outlen);

/* The capability letters (of "LsfxCIvu" and 'i') both servers understand,
 * judged from the compat flags each answered to all of them. */
void hs_common_caps(int32_t compat_a, int32_t compat_b, const char *offered, char *out,
		    size_t outlen);

#endif
