/* The message digests of the rsync daemon's challenge-response login.
 *
 * An rsync daemon that guards a module with "auth users" sends a
 * challenge; the client answers with the user name and the unpadded
 * base64 of digest(password || challenge), the digest being one the
 * daemon names in its greeting (md4, md5, sha1, sha256 or sha512).  A
 * greeting that names none means md5 from protocol 30 on, and before it
 * rsync's old seeded md4: plain md4 of four zero bytes, then the same
 * input (a caller updates with the four bytes first).  These are the
 * digests, written from their specifications (RFC 1320, RFC 1321,
 * FIPS 180-4) with libc alone, and rsync's base64.
 *
 * A context hashes one message given in pieces of any size.  The block
 * framing (buffering, padding, the length field) is shared in digest.c;
 * each family's file has its initial values, its block function and the
 * byte order of its output. */
#ifndef RELAY_DIGEST_H
#define RELAY_DIGEST_H

#include <stddef.h>
#include <stdint.h>

enum digest_kind { DIGEST_MD4, DIGEST_MD5, DIGEST_SHA1, DIGEST_SHA256, DIGEST_SHA512 };

#define DIGEST_MAX_LEN 64
/* The largest block (sha512's). */
#define DIGEST_MAX_BLOCK 128

/* The chaining values of each family. */
union digest_state {
	uint32_t md4[4];
	uint32_t md5[4];
	uint32_t sha1[5];
	uint32_t sha256[8];
	uint64_t sha512[8];
};

struct digest_ctx {
	enum digest_kind kind;
	union digest_state st;
	unsigned char block[DIGEST_MAX_BLOCK];	/* a block not yet full */
	size_t fill;				/* bytes in block */
	uint64_t total;				/* message bytes so far */
};

/* 16, 16, 20, 32, 64; 0 for a value outside the enum. */
size_t digest_len(enum digest_kind k);
/* k must be one of the enum's values. */
void digest_init(struct digest_ctx *c, enum digest_kind k);
void digest_update(struct digest_ctx *c, const void *data, size_t len);
/* Writes digest_len() bytes and zeroes the rest of out; the context must
 * be initialised again before it hashes another message. */
void digest_final(struct digest_ctx *c, unsigned char out[DIGEST_MAX_LEN]);
/* "md4" "md5" "sha1" "sha256" "sha512" (exactly the len bytes of name,
 * which need not end in a NUL) -> 0 and *out set; anything else -> -1. */
int digest_from_name(const char *name, size_t len, enum digest_kind *out);
/* The name digest_from_name() takes; NULL for a value outside the enum. */
const char *digest_name(enum digest_kind k);
/* rsync's base64 for the login: alphabet A-Za-z0-9+/, no '=' padding.
 * Writes ceil(len*8/6) characters and a NUL; returns the characters
 * written (without the NUL), or 0 with nothing written if outlen is too
 * small. */
size_t digest_base64(const unsigned char *in, size_t len, char *out, size_t outlen);

/* Each family's parts, for digest.c: the initial chaining values, one
 * block (64 bytes, sha512's 128) folded in, and the digest's bytes. */
void md4_start(union digest_state *s);
void md4_block(union digest_state *s, const unsigned char *b);
void md4_out(const union digest_state *s, unsigned char *out);
void md5_start(union digest_state *s);
void md5_block(union digest_state *s, const unsigned char *b);
void md5_out(const union digest_state *s, unsigned char *out);
void sha1_start(union digest_state *s);
void sha1_block(union digest_state *s, const unsigned char *b);
void sha1_out(const union digest_state *s, unsigned char *out);
void sha256_start(union digest_state *s);
void sha256_block(union digest_state *s, const unsigned char *b);
void sha256_out(const union digest_state *s, unsigned char *out);
void sha512_start(union digest_state *s);
void sha512_block(union digest_state *s, const unsigned char *b);
void sha512_out(const union digest_state *s, unsigned char *out);

/* Byte order spelt out: the families differ in it, and a load through a
 * cast pointer could be unaligned. */
static inline uint32_t digest_le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static inline uint32_t digest_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 |
	       (uint32_t)p[3];
}

static inline uint64_t digest_be64(const unsigned char *p)
{
	return (uint64_t)digest_be32(p) << 32 | digest_be32(p + 4);
}

static inline void digest_put_le32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

static inline void digest_put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static inline void digest_put_be64(unsigned char *p, uint64_t v)
{
	digest_put_be32(p, (uint32_t)(v >> 32));
	digest_put_be32(p + 4, (uint32_t)v);
}

static inline uint32_t digest_rol32(uint32_t x, unsigned n)
{
	return (x << n) | (x >> (32 - n));	/* 0 < n < 32 at every use */
}

static inline uint32_t digest_ror32(uint32_t x, unsigned n)
{
	return (x >> n) | (x << (32 - n));
}

static inline uint64_t digest_ror64(uint64_t x, unsigned n)
{
	return (x >> n) | (x << (64 - n));
}

#endif
