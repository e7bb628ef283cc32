/* How many bytes an LZ4 block unpacks to, counted without unpacking it.
 *
 * With -z and the lz4 compression each DEFLATED_DATA token of rsync's
 * token framing holds one whole LZ4 block.  The relay forwards the
 * blocks untouched; to show a truthful --progress it only needs their
 * unpacked sizes, which the block format states outright: each sequence
 * is a token byte (literal length in the high nibble, match length less
 * 4 in the low one, 15 meaning "more bytes follow, 255 each until one is
 * smaller"), the literals, and unless the block ends there a two-byte
 * offset and the match length's extra bytes.
 *
 * The counter takes a block in pieces of any size (the pieces of a token
 * arrive as the stream does) and keeps only a few integers.  It never
 * looks at the literals or checks offsets: a bad block is the
 * destination's to refuse; here it can only make the count wrong. */
#ifndef RELAY_LZ4_COUNT_H
#define RELAY_LZ4_COUNT_H

#include <stddef.h>
#include <stdint.h>

struct lz4_count {
	int state;		/* where in a sequence the next byte is */
	int match;		/* the token's match nibble */
	int64_t len;		/* the length being read, or literals to skip */
	int64_t out;		/* unpacked bytes counted so far */
};

/* A new block starts (out keeps counting across blocks). */
void lz4_count_block(struct lz4_count *c);

/* The next len bytes of the block. */
void lz4_count_feed(struct lz4_count *c, const unsigned char *p, size_t len);

/* 1 when the bytes so far end a block where a block may end (after a
 * sequence's literals), else 0. */
int lz4_count_at_end(const struct lz4_count *c);

#endif
