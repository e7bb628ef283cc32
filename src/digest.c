/* The digests' shared framing, names and rsync's base64 (see digest.h).
 *
 * All five families pad alike: a 0x80 byte, zeros, and the message's
 * length in bits at the end of the last block.  They differ only in the
 * block size, the width of that length field and its byte order, so the
 * buffering and padding live here once. */
#include "digest.h"

#include <string.h>

struct family {
	const char *name;
	size_t len;		/* digest bytes */
	size_t block;		/* block bytes */
	int big_endian;		/* of the length field */
	size_t lenfield;	/* bytes of the length field: 8, or sha512's 16 */
	void (*start)(union digest_state *s);
	void (*fold)(union digest_state *s, const unsigned char *b);
	void (*out)(const union digest_state *s, unsigned char *out);
};

static const struct family families[] = {
	[DIGEST_MD4] = { "md4", 16, 64, 0, 8, md4_start, md4_block, md4_out },
	[DIGEST_MD5] = { "md5", 16, 64, 0, 8, md5_start, md5_block, md5_out },
	[DIGEST_SHA1] = { "sha1", 20, 64, 1, 8, sha1_start, sha1_block, sha1_out },
	[DIGEST_SHA256] = { "sha256", 32, 64, 1, 8, sha256_start, sha256_block, sha256_out },
	[DIGEST_SHA512] = { "sha512", 64, 128, 1, 16, sha512_start, sha512_block, sha512_out },
};

#define N_FAMILIES (sizeof(families) / sizeof(families[0]))

static const struct family *family_of(enum digest_kind k)
{
	return (unsigned)k < N_FAMILIES ? &families[k] : NULL;
}

size_t digest_len(enum digest_kind k)
{
	const struct family *f = family_of(k);

	return f ? f->len : 0;
}

const char *digest_name(enum digest_kind k)
{
	const struct family *f = family_of(k);

	return f ? f->name : NULL;
}

int digest_from_name(const char *name, size_t len, enum digest_kind *out)
{
	unsigned k;

	for (k = 0; k < N_FAMILIES; k++) {
		if (strlen(families[k].name) == len && memcmp(families[k].name, name, len) == 0) {
			*out = (enum digest_kind)k;
			return 0;
		}
	}
	return -1;
}

void digest_init(struct digest_ctx *c, enum digest_kind k)
{
	memset(c, 0, sizeof(*c));
	c->kind = k;
	families[k].start(&c->st);
}

void digest_update(struct digest_ctx *c, const void *data, size_t len)
{
	const struct family *f = &families[c->kind];
	const unsigned char *p = data;

	c->total += len;
	if (c->fill > 0) {
		size_t take = f->block - c->fill;

		if (take > len)
			take = len;
		memcpy(c->block + c->fill, p, take);
		c->fill += take;
		p += take;
		len -= take;
		if (c->fill < f->block)
			return;
		f->fold(&c->st, c->block);
		c->fill = 0;
	}
	/* Whole blocks straight from the caller's bytes. */
	for (; len >= f->block; p += f->block, len -= f->block)
		f->fold(&c->st, p);
	memcpy(c->block, p, len);
	c->fill = len;
}

/* The message length in bits as the family writes it at the end of the
 * last block.  sha512's field is 128 bits: the top ones are the bits
 * shifted out of the 64-bit count. */
static void put_length(const struct family *f, uint64_t bytes, unsigned char *p)
{
	uint64_t bits = bytes << 3;
	size_t i;

	memset(p, 0, f->lenfield);
	if (f->big_endian) {
		digest_put_be64(p + f->lenfield - 8, bits);
		if (f->lenfield == 16)
			p[7] = (unsigned char)(bytes >> 61);
	} else {
		for (i = 0; i < 8; i++)
			p[i] = (unsigned char)(bits >> (8 * i));
	}
}

void digest_final(struct digest_ctx *c, unsigned char out[DIGEST_MAX_LEN])
{
	const struct family *f = &families[c->kind];
	size_t room = f->block - f->lenfield;

	c->block[c->fill++] = 0x80;
	if (c->fill > room) {
		memset(c->block + c->fill, 0, f->block - c->fill);
		f->fold(&c->st, c->block);
		c->fill = 0;
	}
	memset(c->block + c->fill, 0, room - c->fill);
	put_length(f, c->total, c->block + room);
	f->fold(&c->st, c->block);
	memset(out, 0, DIGEST_MAX_LEN);
	f->out(&c->st, out);
	/* Nothing of the password stays behind in the context. */
	memset(c->block, 0, sizeof(c->block));
	c->fill = 0;
}

size_t digest_base64(const unsigned char *in, size_t len, char *out, size_t outlen)
{
	static const char abc[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t need, i, n = 0;

	if (len > (SIZE_MAX - 2) / 4)
		return 0;
	need = (len * 4 + 2) / 3;	/* ceil(len * 8 / 6) */
	if (outlen < need + 1)
		return 0;
	/* Three bytes make four characters; a last one or two bytes make
	 * two or three, the missing bits zero. */
	for (i = 0; i < len; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16;

		if (i + 1 < len)
			v |= (uint32_t)in[i + 1] << 8;
		if (i + 2 < len)
			v |= in[i + 2];
		out[n++] = abc[v >> 18 & 63];
		out[n++] = abc[v >> 12 & 63];
		if (i + 1 < len)
			out[n++] = abc[v >> 6 & 63];
		if (i + 2 < len)
			out[n++] = abc[v & 63];
	}
	out[n] = '\0';
	return n;
}
