/* Unpacked sizes of LZ4 blocks (see lz4_count.h). */
#include "lz4_count.h"

enum { L_TOKEN, L_LITLEN, L_LITERALS, L_OFF1, L_OFF2, L_MATCHLEN };

/* Lengths beyond this are nonsense in a token of at most 16383 bytes;
 * the cap keeps a hostile run of 255s from overflowing the count. */
#define LEN_CAP ((int64_t)1 << 40)

void lz4_count_block(struct lz4_count *c)
{
	c->state = L_TOKEN;
	c->len = 0;
}

/* One more byte of a length written as a run of 255s. */
static int more_len(struct lz4_count *c, unsigned b)
{
	if (c->len < LEN_CAP)
		c->len += b;
	return b == 255;
}

/* The literal length is known: count it, then skip the literals. */
static void literals(struct lz4_count *c)
{
	c->out += c->len;
	c->state = c->len ? L_LITERALS : L_OFF1;
}

static void match_done(struct lz4_count *c)
{
	c->out += c->len;
	c->state = L_TOKEN;
}

void lz4_count_feed(struct lz4_count *c, const unsigned char *p, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned b = p[i++];

		switch (c->state) {
		case L_TOKEN:
			c->match = (int)(b & 15);
			c->len = b >> 4;
			if (c->len == 15)
				c->state = L_LITLEN;
			else
				literals(c);
			break;
		case L_LITLEN:
			if (!more_len(c, b))
				literals(c);
			break;
		case L_LITERALS: {
			/* b was the first of them */
			size_t skip = (size_t)(c->len - 1 < (int64_t)(n - i) ? c->len - 1
									      : (int64_t)(n - i));
			i += skip;
			c->len -= 1 + (int64_t)skip;
			if (!c->len)
				c->state = L_OFF1;
			break;
		}
		case L_OFF1:
			c->state = L_OFF2;
			break;
		case L_OFF2:
			c->len = c->match + 4;
			if (c->match == 15)
				c->state = L_MATCHLEN;
			else
				match_done(c);
			break;
		case L_MATCHLEN:
			if (!more_len(c, b))
				match_done(c);
			break;
		}
	}
}

int lz4_count_at_end(const struct lz4_count *c)
{
	return c->state == L_OFF1;
}
