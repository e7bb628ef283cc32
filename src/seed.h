/* One checksum seed for both servers.  Each server hashes its block sums
 * with a seed: the generator's sums go to the sender unchanged, so both
 * must use the same one, or no block matches.  The relay gives both
 * --checksum-seed=N.  A server that does not take that option (openrsync,
 * macOS's rsync) refuses it at once, as getopt refuses any unknown
 * option, and exits 1.  The relay then starts that server first without
 * the option, reads the seed it announces in its greeting (right after
 * its version below protocol 30) and gives the other server that seed.
 * When neither takes the option, the run goes on with block matching off,
 * and says so. */
#ifndef RELAY_SEED_H
#define RELAY_SEED_H

#include <stddef.h>
#include <stdint.h>

#include "digest.h"

/* What a server's stderr line at its start says (seed_refusal_line). */
#define SEED_LINE_OTHER 0
#define SEED_LINE_SEED 1	/* getopt refused --checksum-seed */
#define SEED_LINE_OPTION 2	/* getopt refused another option */

/* Classifies one line: getopt's complaint about an unknown option, after
 * the program's name, as glibc ("rsync: unrecognized option '--x=1'"),
 * FreeBSD and macOS ("rsync: unrecognized option `--x=1'") and OpenBSD
 * ("openrsync: unknown option -- x") word it, and whether the option is
 * --checksum-seed.  OpenSSH's "unknown option -- Z", with no name before
 * it, is the remote shell's own. */
int seed_refusal_line(const char *line, size_t len);

/* The seeds to give the servers, and what they refused. */
struct seed_plan {
	int32_t seed[2];	/* --checksum-seed for the source, the
				 * destination; 0 for none */
	int refused[2];		/* the server refused --checksum-seed */
	int first;		/* the side to start alone and read the seed
				 * from, before the other; -1: both at once */
};

/* Both servers get seed. */
void seed_plan_init(struct seed_plan *sp, int32_t seed);

/* Server side refused the seed (side 0 the source, 1 the destination;
 * lone: a listing, no other server).  Plans the next start: the side
 * that refused first and without a seed, the other given the one it
 * announces; with both refused, neither gets one. */
void seed_plan_refused(struct seed_plan *sp, int side, int lone);

/* With both refused, blocks match only by chance. */
int seed_plan_none(const struct seed_plan *sp);

/* The seed a server announced after its version v, when the client
 * offered offer: there only below protocol 30 (later the compat flags
 * and the checksum names come first, which need the other server).
 * Returns 1 when the seed follows the version, else 0. */
int seed_follows_version(int32_t offer, int32_t v);

/* Two seeds that differ: block sums match only by chance.  Below
 * protocol 30 each file's md4 checksum starts with the seed too: the
 * relay then makes the sender's checksum again for the receiver from the
 * file's data (seed_resign), which it sees whole when nothing matched and
 * nothing is compressed; compressed, no file would verify.  Returns
 * SEED_SAME, or SEED_WARN, SEED_RESIGN or SEED_FATAL with msg said (none:
 * neither server takes --checksum-seed). */
#define SEED_SAME 0
#define SEED_WARN 1
#define SEED_RESIGN 2
#define SEED_FATAL 3
int seed_verdict(int protocol, const char *checksum, int compressed, int32_t a, int32_t b,
		 int none, char *msg, size_t msglen);

/* A file's checksum made again for the receiver: md4 of the seed (four
 * bytes, little-endian) and the data, once with each server's seed. */
struct seed_resign {
	int32_t seed_src, seed_dest;
	struct digest_ctx src, dest;
	int unseen;		/* a block of the basis was reused: its data
				 * never passed through the relay */
};

void seed_resign_init(struct seed_resign *rs, int32_t seed_src, int32_t seed_dest);
/* A file's data begins. */
void seed_resign_start(struct seed_resign *rs);
/* Literal data of the file. */
void seed_resign_data(struct seed_resign *rs, const unsigned char *p, size_t n);
/* A block of the basis is reused. */
void seed_resign_match(struct seed_resign *rs);
/* The sender's checksum of the file: returns 1 with out the receiver's
 * when sum is the sender's own over the data seen; else 0, and sum goes
 * on as it is (the receiver then discards the file and asks for it
 * again, with full-length block sums that will not match). */
int seed_resign_sum(struct seed_resign *rs, const unsigned char sum[16], unsigned char out[16]);

#endif
