/* MD5 (RFC 1321): one of the digests of rsync's daemon login.
 * Little-endian words. */
#include "digest.h"

void md5_start(union digest_state *s)
{
	s->md5[0] = 0x67452301;
	s->md5[1] = 0xefcdab89;
	s->md5[2] = 0x98badcfe;
	s->md5[3] = 0x10325476;
}

/* T[i] = floor(2^32 * |sin(i + 1)|), the RFC's table. */
static const uint32_t T[64] = {
	0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee,
	0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
	0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be,
	0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
	0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa,
	0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
	0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed,
	0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
	0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c,
	0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
	0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05,
	0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
	0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039,
	0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
	0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1,
	0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};

/* The rotations of each round's four steps in turn. */
static const unsigned char rot[4][4] = {
	{ 7, 12, 17, 22 }, { 5, 9, 14, 20 }, { 4, 11, 16, 23 }, { 6, 10, 15, 21 }
};

void md5_block(union digest_state *s, const unsigned char *b)
{
	uint32_t x[16], a, bb, c, d, f, t;
	unsigned i, k;

	for (i = 0; i < 16; i++)
		x[i] = digest_le32(b + 4 * i);
	a = s->md5[0];
	bb = s->md5[1];
	c = s->md5[2];
	d = s->md5[3];
	/* Roles move round after each step (a b c d -> d a b c); the word
	 * order of rounds 2-4 is the RFC's, as a formula. */
	for (i = 0; i < 64; i++) {
		unsigned round = i / 16, j = i % 16;

		switch (round) {
		case 0:
			f = (bb & c) | (~bb & d);
			k = j;
			break;
		case 1:
			f = (bb & d) | (c & ~d);
			k = (5 * j + 1) % 16;
			break;
		case 2:
			f = bb ^ c ^ d;
			k = (3 * j + 5) % 16;
			break;
		default:
			f = c ^ (bb | ~d);
			k = (7 * j) % 16;
			break;
		}
		t = bb + digest_rol32(a + f + x[k] + T[i], rot[round][j % 4]);
		a = d;
		d = c;
		c = bb;
		bb = t;
	}
	s->md5[0] += a;
	s->md5[1] += bb;
	s->md5[2] += c;
	s->md5[3] += d;
}

void md5_out(const union digest_state *s, unsigned char *out)
{
	int i;

	for (i = 0; i < 4; i++)
		digest_put_le32(out + 4 * i, s->md5[i]);
}
