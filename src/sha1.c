/* SHA-1 (FIPS 180-4, 6.1): one of the digests of rsync's daemon login.
 * Big-endian words. */
#include "digest.h"

void sha1_start(union digest_state *s)
{
	s->sha1[0] = 0x67452301;
	s->sha1[1] = 0xefcdab89;
	s->sha1[2] = 0x98badcfe;
	s->sha1[3] = 0x10325476;
	s->sha1[4] = 0xc3d2e1f0;
}

void sha1_block(union digest_state *s, const unsigned char *b)
{
	uint32_t w[80], a, bb, c, d, e, f, k, t;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = digest_be32(b + 4 * i);
	for (; i < 80; i++)
		w[i] = digest_rol32(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	a = s->sha1[0];
	bb = s->sha1[1];
	c = s->sha1[2];
	d = s->sha1[3];
	e = s->sha1[4];
	for (i = 0; i < 80; i++) {
		if (i < 20) {
			f = (bb & c) ^ (~bb & d);		/* Ch */
			k = 0x5a827999;
		} else if (i < 40) {
			f = bb ^ c ^ d;				/* Parity */
			k = 0x6ed9eba1;
		} else if (i < 60) {
			f = (bb & c) ^ (bb & d) ^ (c & d);	/* Maj */
			k = 0x8f1bbcdc;
		} else {
			f = bb ^ c ^ d;
			k = 0xca62c1d6;
		}
		t = digest_rol32(a, 5) + f + e + k + w[i];
		e = d;
		d = c;
		c = digest_rol32(bb, 30);
		bb = a;
		a = t;
	}
	s->sha1[0] += a;
	s->sha1[1] += bb;
	s->sha1[2] += c;
	s->sha1[3] += d;
	s->sha1[4] += e;
}

void sha1_out(const union digest_state *s, unsigned char *out)
{
	int i;

	for (i = 0; i < 5; i++)
		digest_put_be32(out + 4 * i, s->sha1[i]);
}
