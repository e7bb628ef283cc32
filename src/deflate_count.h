/* How many bytes a raw deflate stream inflates to, counted without
 * inflating it.
 *
 * With -z and the zlib or zlibx compression, the DEFLATED_DATA tokens of
 * a file are one raw deflate stream (RFC 1951), started afresh for each
 * file.  The sender ends each run of such tokens with a sync flush whose
 * last four bytes (00 00 ff ff, an empty stored block's lengths) it
 * leaves out; the receiver puts them back.  The relay forwards the tokens
 * untouched; for a truthful --progress it only needs the inflated size,
 * and that takes only the Huffman codes: a literal is one byte, a match
 * its length, a stored block its length.  No window is kept, so
 * distances are read and not checked.
 *
 * Bytes come in pieces of any size; what a code needs and has not yet
 * arrived waits in a small buffer (a dynamic block's header at most,
 * about 300 bytes).  A stream that breaks the format stops the count
 * (deflate_count.bad); it is the destination's to refuse it. */
#ifndef RELAY_DEFLATE_COUNT_H
#define RELAY_DEFLATE_COUNT_H

#include <stddef.h>
#include <stdint.h>

#define DEFLATE_COUNT_BUF 1024

struct deflate_count {
	int state;		/* what the next bits are (deflate_count.c) */
	int last;		/* the block is the stream's last */
	int bad;		/* the stream broke the format: no more counting */
	uint32_t stored_left;	/* of a stored block */
	unsigned char buf[DEFLATE_COUNT_BUF];
	size_t pos, len;	/* unread bytes buf[pos..len) */
	int bit;		/* bits of buf[pos] already read */
	int64_t out;		/* inflated bytes counted so far */
	/* the block's codes: how many of each length, symbols in order */
	short lcount[16], lsym[288], dcount[16], dsym[32];
};

/* A new stream (a new file): nothing counted, nothing pending. */
void deflate_count_reset(struct deflate_count *c);

/* The next n bytes of the stream. */
void deflate_count_feed(struct deflate_count *c, const unsigned char *p, size_t n);

/* A run of DEFLATED_DATA tokens ended: the four bytes rsync's sender
 * leaves out of its sync flush. */
void deflate_count_sync_end(struct deflate_count *c);

#endif
