/* Inflated sizes of raw deflate streams (see deflate_count.h). */
#include "deflate_count.h"

#include <string.h>

enum { D_HEADER, D_STORED_LEN, D_STORED, D_CODES, D_DONE };

#define NEED_MORE (-2)
#define BROKEN (-1)

/* A read position; a unit of the stream is read on a copy, which is
 * kept only when the whole unit was there. */
struct cur {
	const struct deflate_count *c;
	size_t pos;
	int bit;
};

static int bits(struct cur *k, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (k->pos >= k->c->len)
			return NEED_MORE;
		v |= ((k->c->buf[k->pos] >> k->bit) & 1) << i;
		if (++k->bit == 8) {
			k->bit = 0;
			k->pos++;
		}
	}
	return v;
}

/* Canonical Huffman: codes of each length are consecutive, shorter ones
 * first; codes are sent most significant bit first. */
static int decode(struct cur *k, const short *count, const short *sym)
{
	int code = 0, first = 0, index = 0;

	for (int len = 1; len <= 15; len++) {
		int b = bits(k, 1);

		if (b < 0)
			return b;
		code |= b;
		if (code - count[len] < first)
			return sym[index + (code - first)];
		index += count[len];
		first = (first + count[len]) << 1;
		code <<= 1;
	}
	return BROKEN;
}

/* Tables from code lengths; 0 unless over-subscribed (an incomplete
 * code is allowed, as zlib allows a lone distance code). */
static int build(short *count, short *sym, const unsigned char *lens, int n)
{
	short offs[16];
	int left = 1;

	memset(count, 0, 16 * sizeof *count);
	for (int i = 0; i < n; i++)
		count[lens[i]]++;
	for (int len = 1; len <= 15; len++) {
		left = (left << 1) - count[len];
		if (left < 0)
			return -1;
	}
	offs[1] = 0;
	for (int len = 1; len < 15; len++)
		offs[len + 1] = (short)(offs[len] + count[len]);
	for (int i = 0; i < n; i++)
		if (lens[i])
			sym[offs[lens[i]]++] = (short)i;
	return 0;
}

static void fixed_codes(struct deflate_count *c)
{
	unsigned char lens[288 + 30];
	int i;

	for (i = 0; i < 144; i++)
		lens[i] = 8;
	for (; i < 256; i++)
		lens[i] = 9;
	for (; i < 280; i++)
		lens[i] = 7;
	for (; i < 288; i++)
		lens[i] = 8;
	build(c->lcount, c->lsym, lens, 288);
	memset(lens, 5, 30);
	build(c->dcount, c->dsym, lens, 30);
}

/* A dynamic block's header: the code-length code, then the lengths. */
static int dynamic_codes(struct deflate_count *c, struct cur *k)
{
	static const unsigned char order[19] = { 16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
						 11, 4,	 12, 3, 13, 2, 14, 1, 15 };
	unsigned char lens[288 + 32];
	short ccount[16], csym[19];
	int nlen = bits(k, 5), ndist = bits(k, 5), ncode = bits(k, 4), at = 0;

	if (nlen < 0 || ndist < 0 || ncode < 0)
		return NEED_MORE;
	nlen += 257, ndist += 1, ncode += 4;
	if (nlen > 286 || ndist > 30)
		return BROKEN;
	memset(lens, 0, 19);
	for (int i = 0; i < ncode; i++) {
		int v = bits(k, 3);
		if (v < 0)
			return v;
		lens[order[i]] = (unsigned char)v;
	}
	if (build(ccount, csym, lens, 19) < 0)
		return BROKEN;
	while (at < nlen + ndist) {
		int sym = decode(k, ccount, csym), rep, val = 0;

		if (sym < 0)
			return sym;
		if (sym < 16) {
			lens[at++] = (unsigned char)sym;
			continue;
		}
		if (sym == 16) {
			if (!at)
				return BROKEN;
			val = lens[at - 1];
		}
		rep = bits(k, sym == 16 ? 2 : sym == 17 ? 3 : 7);
		if (rep < 0)
			return rep;
		rep += sym == 18 ? 11 : 3;
		if (at + rep > nlen + ndist)
			return BROKEN;
		while (rep--)
			lens[at++] = (unsigned char)val;
	}
	if (!lens[256] || build(c->lcount, c->lsym, lens, nlen) < 0 ||
	    build(c->dcount, c->dsym, lens + nlen, ndist) < 0)
		return BROKEN;
	return 0;
}

static int block_header(struct deflate_count *c, struct cur *k)
{
	int h = bits(k, 3);

	if (h < 0)
		return h;
	c->last = h & 1;
	switch (h >> 1) {
	case 0:
		c->state = D_STORED_LEN;
		return 0;
	case 1:
		fixed_codes(c);
		break;
	case 2:
		if ((h = dynamic_codes(c, k)) < 0)
			return h;
		break;
	default:
		return BROKEN;
	}
	c->state = D_CODES;
	return 0;
}

static int stored_len(struct deflate_count *c, struct cur *k)
{
	const unsigned char *p;

	if (k->bit) {
		k->bit = 0;
		k->pos++;
	}
	if (c->len - k->pos < 4)
		return NEED_MORE;
	p = c->buf + k->pos;
	if ((p[0] ^ p[2]) != 0xff || (p[1] ^ p[3]) != 0xff)
		return BROKEN;
	c->stored_left = (uint32_t)(p[0] | p[1] << 8);
	k->pos += 4;
	c->state = D_STORED;
	return 0;
}

static void block_end(struct deflate_count *c)
{
	c->state = c->last ? D_DONE : D_HEADER;
}

/* One literal, match or end of block. */
static int symbol(struct deflate_count *c, struct cur *k)
{
	static const short lbase[29] = { 3,  4,  5,  6,  7,  8,  9,  10,  11,  13,
					 15, 17, 19, 23, 27, 31, 35, 43,  51,  59,
					 67, 83, 99, 115, 131, 163, 195, 227, 258 };
	static const unsigned char lext[29] = { 0, 0, 0, 0, 0, 0, 0, 0, 1, 1,
						1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
						4, 4, 4, 4, 5, 5, 5, 5, 0 };
	int sym = decode(k, c->lcount, c->lsym), extra, d;

	if (sym < 0)
		return sym;
	if (sym < 256) {
		c->out++;
		return 0;
	}
	if (sym == 256) {
		block_end(c);
		return 0;
	}
	if ((sym -= 257) >= 29)
		return BROKEN;
	if ((extra = bits(k, lext[sym])) < 0)
		return extra;
	if ((d = decode(k, c->dcount, c->dsym)) < 0)
		return d;
	if (d >= 30)
		return BROKEN;
	if (d >= 4 && bits(k, (d - 2) / 2) < 0)
		return NEED_MORE;
	c->out += lbase[sym] + extra;
	return 0;
}

/* Reads what the buffer holds; each unit read whole or not at all. */
static void run(struct deflate_count *c)
{
	for (;;) {
		struct cur k = { c, c->pos, c->bit };
		int r = 0;

		switch (c->state) {
		case D_HEADER:
			r = block_header(c, &k);
			break;
		case D_STORED_LEN:
			r = stored_len(c, &k);
			break;
		case D_STORED: {
			size_t take = c->len - k.pos < c->stored_left ? c->len - k.pos : c->stored_left;

			k.pos += take;
			c->stored_left -= (uint32_t)take;
			c->out += (int64_t)take;
			if (!c->stored_left)
				block_end(c);
			else
				r = NEED_MORE;
			break;
		}
		case D_CODES:
			r = symbol(c, &k);
			break;
		default:
			/* after the last block: nothing more counts */
			c->pos = c->len;
			c->bit = 0;
			return;
		}
		if (r == BROKEN)
			c->bad = 1;
		if (r < 0 && !(r == NEED_MORE && c->state == D_STORED)) {
			if (r == NEED_MORE && c->len - c->pos == sizeof c->buf)
				c->bad = 1; /* a unit longer than any can be */
			return;
		}
		c->pos = k.pos;
		c->bit = k.bit;
		if (r < 0)
			return;
	}
}

void deflate_count_reset(struct deflate_count *c)
{
	c->state = D_HEADER;
	c->last = c->bad = 0;
	c->pos = c->len = 0;
	c->bit = 0;
	c->out = 0;
}

void deflate_count_feed(struct deflate_count *c, const unsigned char *p, size_t n)
{
	while (n && !c->bad) {
		size_t room, k;

		if (c->pos) {
			memmove(c->buf, c->buf + c->pos, c->len - c->pos);
			c->len -= c->pos;
			c->pos = 0;
		}
		room = sizeof c->buf - c->len;
		k = n < room ? n : room;
		memcpy(c->buf + c->len, p, k);
		c->len += k;
		p += k;
		n -= k;
		run(c);
	}
}

void deflate_count_sync_end(struct deflate_count *c)
{
	static const unsigned char tail[4] = { 0, 0, 0xff, 0xff };

	deflate_count_feed(c, tail, sizeof tail);
}
