/* MD4 (RFC 1320): the digest of rsync's daemon login before protocol 30,
 * and still offered by rsync's client.  Little-endian words. */
#include "digest.h"

void md4_start(union digest_state *s)
{
	s->md4[0] = 0x67452301;
	s->md4[1] = 0xefcdab89;
	s->md4[2] = 0x98badcfe;
	s->md4[3] = 0x10325476;
}

/* The word each step of rounds 2 and 3 takes, and the rotations of
 * each round's four steps in turn. */
static const unsigned char r2_word[16] = { 0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15 };
static const unsigned char r3_word[16] = { 0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15 };
static const unsigned char rot[3][4] = { { 3, 7, 11, 19 }, { 3, 5, 9, 13 }, { 3, 9, 11, 15 } };

void md4_block(union digest_state *s, const unsigned char *b)
{
	uint32_t x[16], a, bb, c, d, f, t;
	int i;

	for (i = 0; i < 16; i++)
		x[i] = digest_le32(b + 4 * i);
	a = s->md4[0];
	bb = s->md4[1];
	c = s->md4[2];
	d = s->md4[3];
	/* Each step changes the register that leads; the roles then move
	 * round (a b c d -> d a b c) as the RFC's step list does. */
	for (i = 0; i < 48; i++) {
		int round = i / 16, j = i % 16;

		if (round == 0)
			f = (bb & c) | (~bb & d);
		else if (round == 1)
			f = (bb & c) | (bb & d) | (c & d);
		else
			f = bb ^ c ^ d;
		t = a + f;
		if (round == 0)
			t += x[j];
		else if (round == 1)
			t += x[r2_word[j]] + 0x5a827999;
		else
			t += x[r3_word[j]] + 0x6ed9eba1;
		t = digest_rol32(t, rot[round][j % 4]);
		a = d;
		d = c;
		c = bb;
		bb = t;
	}
	s->md4[0] += a;
	s->md4[1] += bb;
	s->md4[2] += c;
	s->md4[3] += d;
}

void md4_out(const union digest_state *s, unsigned char *out)
{
	int i;

	for (i = 0; i < 4; i++)
		digest_put_le32(out + 4 * i, s->md4[i]);
}
