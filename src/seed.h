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

/* What a server's stderr line at its start says (seed_refusal_line). */
#define SEED_LINE_OTHER 0
#define SEED_LINE_SEED 1	/* getopt refused --checksum-seed */
#define SEED_LINE_OPTION 2	/* getopt refused another option */

/* Classifies one line: getopt's complaint about an unknown option, as
 * glibc ("unrecognized option '--x=1'"), FreeBSD and macOS ("unrecognized
 * option `--x=1'") and OpenBSD ("unknown option -- x") word it, and
 * whether the option is --checksum-seed. */
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

/* Two seeds that differ: block sums match only by chance, and below
 * protocol 30 (md4 seeded with it) no file's checksum would verify.
 * Returns SEED_SAME, SEED_WARN or SEED_FATAL, with msg said in the last
 * two cases (none: neither server takes --checksum-seed). */
#define SEED_SAME 0
#define SEED_WARN 1
#define SEED_FATAL 2
int seed_verdict(int protocol, int32_t a, int32_t b, int none, char *msg, size_t msglen);

#endif
