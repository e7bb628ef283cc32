/* Shared by the libFuzzer targets: invariant checks, the option sets
 * chosen by an input's first bytes, and the piece sizes the input is fed
 * in.  The layouts are listed in README; the corpus files start with them.
 */
#ifndef RELAY_FUZZ_H
#define RELAY_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "flist.h"
#include "sendstream.h"

/* A broken invariant is a finding like a crash: report it and abort so
 * that libFuzzer keeps the input. */
#define FUZZ_CHECK(cond)                                                         \
	do {                                                                     \
		if (!(cond)) {                                                   \
			fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, \
				__LINE__, #cond);                                \
			abort();                                                 \
		}                                                                \
	} while (0)

/* Piece sizes, from one input byte: the low two bits pick the shape (the
 * whole input at once, a byte at a time, up to 16, up to 4096 bytes), the
 * rest seeds the sizes.  The relay sees every one of these shapes, as
 * pipes and queue room cut the stream where they happen to. */
struct chunker {
	int mode;
	uint32_t x;
};

static inline void chunker_init(struct chunker *c, uint8_t b)
{
	c->mode = b & 3;
	c->x = 0x9E3779B9u ^ (uint32_t)(b >> 2) * 0x85EBCA6Bu;
}

static inline uint32_t chunker_rand(struct chunker *c)
{
	/* xorshift32: small, and the same sizes for the same input */
	c->x ^= c->x << 13;
	c->x ^= c->x >> 17;
	c->x ^= c->x << 5;
	return c->x;
}

/* The next piece: at least one byte, at most left. */
static inline size_t chunker_next(struct chunker *c, size_t left)
{
	size_t n;

	switch (c->mode) {
	case 0:
		n = left;
		break;
	case 1:
		n = 1;
		break;
	case 2:
		n = 1 + chunker_rand(c) % 16;
		break;
	default:
		n = 1 + chunker_rand(c) % 4096;
		break;
	}
	return n < left ? n : left;
}

/* Three bytes of file-list options.  Fields only a compat flag can turn
 * on stay off before protocol 30, as the handshake leaves them.
 *   b[0]  bits 0-1 protocol 29 + n, 2 varint flags, 3 safe file list,
 *         4 id0 names, 5 incremental recursion, 6 --numeric-ids, 7 -R;
 *         at protocol 29 (no compat flags) bit 2 makes it 28, bits 2
 *         and 3 27, and bit 4 the sender stream's checksums made again
 *         (seed.h)
 *   b[1]  -o -g -l -D(devices) -D(specials) -H -c -U (bits 0-7)
 *   b[2]  bit 0 -N, 1 -A, 2 -X, 3 --delete-missing-args, 4 --iconv,
 *         5-6 the -c checksum length (16, 8, 20, 1); bit 7 is the
 *         sender stream's (the client's checks on names) */
#define FUZZ_FLIST_OPT_BYTES 3
static const int fuzz_sum_lens[4] = { 16, 8, 20, 1 };

static inline void fuzz_flist_opts(const uint8_t *b, struct flist_opts *o)
{
	*o = (struct flist_opts){ 0 };
	o->protocol = 29 + (b[0] & 3);
	if (o->protocol == 29 && (b[0] & 4))
		o->protocol = b[0] & 8 ? 27 : 28;
	if (o->protocol >= 30) {
		o->varint_flags = !!(b[0] & 4);
		o->safe_flist = !!(b[0] & 8);
		o->id0_names = !!(b[0] & 16);
		o->inc_recurse = !!(b[0] & 32);
	}
	if (o->protocol >= 31)
		o->safe_flist = 1;
	o->numeric_ids = !!(b[0] & 64);
	o->relative_paths = !!(b[0] & 128);
	o->preserve_uid = !!(b[1] & 1);
	o->preserve_gid = !!(b[1] & 2);
	o->preserve_links = !!(b[1] & 4);
	o->preserve_devices = !!(b[1] & 8);
	o->preserve_specials = !!(b[1] & 16);
	o->preserve_hard_links = !!(b[1] & 32);
	o->always_checksum = !!(b[1] & 64);
	o->preserve_atimes = !!(b[1] & 128);
	o->preserve_crtimes = !!(b[2] & 1);
	o->preserve_acls = !!(b[2] & 2);
	o->preserve_xattrs = !!(b[2] & 4);
	o->missing_args_delete = !!(b[2] & 8);
	o->unsorted = !!(b[2] & 16);
	o->flist_csum_len = fuzz_sum_lens[(b[2] >> 5) & 3];
	o->xattr_sum_len = 16;	/* what the relay always uses */
}

/* The file-list bytes and one more for the sender stream:
 *   b[3]  bit 0 not a dry run, 1 -z token framing, 2-3 the whole-file
 *         checksum length (16, 8, 20, 1), 4 --ignore-errors, 5 the xattr
 *         optimisation (protocol 31+), 6 logging before the transfer,
 *         7 the -z data counted as deflate (else as lz4) */
#define FUZZ_SS_OPT_BYTES (FUZZ_FLIST_OPT_BYTES + 1)

static inline void fuzz_ss_params(const uint8_t *b, struct ss_params *p)
{
	*p = (struct ss_params){ 0 };
	fuzz_flist_opts(b, &p->fo);
	p->do_xfers = !!(b[3] & 1);
	p->compressed = !!(b[3] & 2);
	p->xfer_sum_len = fuzz_sum_lens[(b[3] >> 2) & 3];
	p->ignore_errors = !!(b[3] & 16);
	p->want_xattr_optim = p->fo.protocol >= 31 && (b[3] & 32);
	p->log_before = !!(b[3] & 64);
	p->zip = (b[3] & 128) ? SS_ZIP_DEFLATE : SS_ZIP_LZ4;
	p->resign = p->fo.protocol < 30 && !p->compressed && (b[0] & 16);
	p->seed_src = 0x1234;
	p->seed_dest = -0x4321;
}

/* FNV-1a, to compare what two runs saw without keeping it. */
static inline uint64_t fuzz_hash(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 0x100000001B3u;
	return h;
}
#define FUZZ_HASH_INIT 0xCBF29CE484222325u

/* A file-list entry's name, link and attributes into the hash. */
static inline uint64_t fuzz_hash_entry(uint64_t h, const struct fentry *e)
{
	h = fuzz_hash(h, e->name, strlen(e->name) + 1);
	if (e->link)
		h = fuzz_hash(h, e->link, strlen(e->link) + 1);
	h = fuzz_hash(h, &e->mode, sizeof e->mode);
	h = fuzz_hash(h, &e->size, sizeof e->size);
	return fuzz_hash(h, &e->mtime, sizeof e->mtime);
}

#endif
