/* Unit tests for src/digest.c and the digest families: the RFC 1320 and
 * RFC 1321 test suites, FIPS 180's examples, a million 'a's, messages
 * around every padding boundary, updates split at every offset, names,
 * rsync's unpadded base64, and a daemon login response composed of them.
 * Values not from the standards were computed once with md5sum,
 * sha1sum, sha256sum, sha512sum and "openssl dgst -md4". */
#include "digest.h"
#include "suites.h"

#include <stdio.h>
#include <string.h>

struct vector {
	enum digest_kind kind;
	const char *msg;
	const char *hex;
};

struct kind_hex {
	enum digest_kind kind;
	const char *hex;
};

struct length_vector {
	enum digest_kind kind;
	size_t len;
	const char *hex;
};

static const enum digest_kind all_kinds[] = {
	DIGEST_MD4, DIGEST_MD5, DIGEST_SHA1, DIGEST_SHA256, DIGEST_SHA512,
};

#define M_EMPTY ""
#define M_AZ "abcdefghijklmnopqrstuvwxyz"
#define M_ALNUM "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
#define M_DIGITS "1234567890123456789012345678901234567890" \
		 "1234567890123456789012345678901234567890"
#define M_448 "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
#define M_896 "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn" \
	      "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"

/* RFC 1320 (md4) and RFC 1321 (md5): their whole test suites. */
static const struct vector rfc_vectors[] = {
	{ DIGEST_MD4, M_EMPTY, "31d6cfe0d16ae931b73c59d7e0c089c0" },
	{ DIGEST_MD4, "a", "bde52cb31de33e46245e05fbdbd6fb24" },
	{ DIGEST_MD4, "abc", "a448017aaf21d8525fc10ae87aa6729d" },
	{ DIGEST_MD4, "message digest", "d9130a8164549fe818874806e1c7014b" },
	{ DIGEST_MD4, M_AZ, "d79e1c308aa5bbcdeea8ed63df412da9" },
	{ DIGEST_MD4, M_ALNUM, "043f8582f241db351ce627e153e7f0e4" },
	{ DIGEST_MD4, M_DIGITS, "e33b4ddc9c38f2199c3e7b164fcc0536" },
	{ DIGEST_MD5, M_EMPTY, "d41d8cd98f00b204e9800998ecf8427e" },
	{ DIGEST_MD5, "a", "0cc175b9c0f1b6a831c399e269772661" },
	{ DIGEST_MD5, "abc", "900150983cd24fb0d6963f7d28e17f72" },
	{ DIGEST_MD5, "message digest", "f96b697d7cb7938d525a2f31aaf161d0" },
	{ DIGEST_MD5, M_AZ, "c3fcd3d76192e4007dfb496cca67e13b" },
	{ DIGEST_MD5, M_ALNUM, "d174ab98d277d9f5a5611c2c9f419d9f" },
	{ DIGEST_MD5, M_DIGITS, "57edf4a22be3c955ac49da2e2107b67a" },
};

/* FIPS 180 examples (NIST's example values). */
static const struct vector fips_vectors[] = {
	{ DIGEST_SHA1, M_EMPTY, "da39a3ee5e6b4b0d3255bfef95601890afd80709" },
	{ DIGEST_SHA1, "abc", "a9993e364706816aba3e25717850c26c9cd0d89d" },
	{ DIGEST_SHA1, M_448, "84983e441c3bd26ebaae4aa1f95129e5e54670f1" },
	{ DIGEST_SHA1, M_896, "a49b2446a02c645bf419f995b67091253a04a259" },
	{ DIGEST_SHA256, M_EMPTY, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
	{ DIGEST_SHA256, "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
	{ DIGEST_SHA256, M_448, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
	{ DIGEST_SHA256, M_896, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
	{ DIGEST_SHA512, M_EMPTY, "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
		  "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e" },
	{ DIGEST_SHA512, "abc", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
		  "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f" },
	{ DIGEST_SHA512, M_448, "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c335"
		  "96fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445" },
	{ DIGEST_SHA512, M_896, "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
		  "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909" },
};

static const struct kind_hex million_a[] = {
	{ DIGEST_MD4, "bbce80cc6bb65e5c6745e30d4eeca9a4" },
	{ DIGEST_MD5, "7707d6ae4e027c70eea2a935c2296f21" },
	{ DIGEST_SHA1, "34aa973cd4c4daa4f61eeb2bdbad27316534016f" },
	{ DIGEST_SHA256, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0" },
	{ DIGEST_SHA512, "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
		  "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b" },
};

static const struct length_vector boundary_vectors[] = {
	{ DIGEST_MD4, 55, "f110267076a681063d6517cda2590dab" },
	{ DIGEST_MD5, 55, "c9e512626618c9980ef21a96597af94c" },
	{ DIGEST_SHA1, 55, "749bbefb28edc4638b28b2b9a9e03ab9a4032b90" },
	{ DIGEST_SHA256, 55, "8aa994584139d128848eeebc4e815639ba5ab6e6e39574195a63ac4f14f7c43b" },
	{ DIGEST_SHA512, 55, "330eb5e81b4d722cae1e0efbf883efb180c3e346d2b3b797dafc90409583ed35"
		  "af65dc2d7974a353f0c21663e196b60d3ee5a2c70c50b7b3bccdb93a5dbce6bf" },
	{ DIGEST_MD4, 56, "f13dab0f5af3d2bde59abf4b49529aad" },
	{ DIGEST_MD5, 56, "ecde7caa08e9f5657c863df107cac60a" },
	{ DIGEST_SHA1, 56, "a5b6e9c29d201c774753ff8e7fb64931656f5e63" },
	{ DIGEST_SHA256, 56, "ad574708f75c044c9b85de64cb568ee7711ff4f36448c6242f053ba8f6cc2b63" },
	{ DIGEST_SHA512, 56, "1b5b63bfd5420b2dc480abce3dbdb3e19e5f9d4fabffba7764883937eaae878a"
		  "55362c938c141712c44c3076c3fabb2c60814c2994c311c33049a8d6de2a8898" },
	{ DIGEST_MD4, 63, "920f725bc9ec867558e6eec29a325a17" },
	{ DIGEST_MD5, 63, "2f0301069e1c40af7f6c8f843b1b13f2" },
	{ DIGEST_SHA1, 63, "d1a454409359fc372b4d22b3cea6488d6ba1be00" },
	{ DIGEST_SHA256, 63, "280ed3e8ff1df845b2e7dfe6ac6cee817bef20e783cc65abc41b818b4d2fe076" },
	{ DIGEST_SHA512, 63, "b16f76c30db64b5ee1ef166d2d37e13ff6cee9fd88bae9ba283cd58e0a2133b2"
		  "20a76db56279406461f84ce2cffd1d116d38fd9f38fc5df18770a987ff695499" },
	{ DIGEST_MD4, 64, "1163fe2c9c696de2f357074d3d207ab6" },
	{ DIGEST_MD5, 64, "b6bf87c24b1bc334e2541387a92b981b" },
	{ DIGEST_SHA1, 64, "39a0d8b645ad85f1f976731ed112ac9455e28b78" },
	{ DIGEST_SHA256, 64, "c6ab9724ade5b6a7a1edfffb12f3aa9181351355af8fd08c919952ad211339dd" },
	{ DIGEST_SHA512, 64, "4c7aba3659929c4fd87604c532a3b5f174d0626b2d661dbbbfac76c97a49a5a7"
		  "789d2c68324c754f66bf629fa72054f334feaad8b1cf4c885ae03a1e634afc18" },
	{ DIGEST_MD4, 111, "3438aba96a8d5363a698c29f388c3e0e" },
	{ DIGEST_MD5, 111, "e145219ba825c566b3905b008ac4c378" },
	{ DIGEST_SHA1, 111, "b7b42d19ae6be209c36efe0c5dfe5bde4d306c43" },
	{ DIGEST_SHA256, 111, "dd1413178fb627f9abbc041ffe39c44aa7aaa0e2e6d2ca5c4528ac7073a2da45" },
	{ DIGEST_SHA512, 111, "da780d8338a8a920ceb6892cb4ecbb0cc0c66956269aadd5dd0f48790a00857b"
		  "d975890f3b2955a317738cc7a770820c29f922ffbc22020f1909d594cc987d1b" },
	{ DIGEST_MD4, 112, "1458d976e7a26ae582e34918234a358a" },
	{ DIGEST_MD5, 112, "78e1458b5371b996a9d07fec4f8edd17" },
	{ DIGEST_SHA1, 112, "11e920cd4ed45c60c05a916e48a942f9e39c770b" },
	{ DIGEST_SHA256, 112, "a65c92dac124062d0ab951a42773cb04fc98d1d4bf8897b176f8cff3509d379e" },
	{ DIGEST_SHA512, 112, "053182f7fa4e59f8636e415a77ed4fdc650f0a43834c9d35adf899599c3ab9c4"
		  "153f02ff50bd01888060cd36a6fa12d9db242fc35164c80135613514186d5843" },
	{ DIGEST_MD4, 119, "b23c8269b46038ee9481ac0b479c4a8f" },
	{ DIGEST_MD5, 119, "d5dc3d8264de3aa24dee105910ee27fe" },
	{ DIGEST_SHA1, 119, "562ecf8a430f8e1056e3619bae33628e9a1d0a4e" },
	{ DIGEST_SHA256, 119, "3d610547d68216dedf7435a4fb6260353911f6b3fd3f18805ddb8be285d726fe" },
	{ DIGEST_SHA512, 119, "c6203c98db894a187e332570d8b0c317766be115afc7afa530e00ef42f2aa749"
		  "2a7a4bba9b81762cf2a635c9bd22bde8fd85868d1214e48ae057cd7b69fdd7ff" },
	{ DIGEST_MD4, 120, "d5ebb64135afbb4e1f8ba2298491933e" },
	{ DIGEST_MD5, 120, "bcc139b3848923904860d1eefd6e5923" },
	{ DIGEST_SHA1, 120, "353f6d2bf0e91aa91b74a2e0b3f297510f7d825f" },
	{ DIGEST_SHA256, 120, "1f80156a804cb7862ad113e8200e9d74499723e7c7854d5f48776d3148e09656" },
	{ DIGEST_SHA512, 120, "f138c42e1f58da8b1e7a14810a424cbe8b1baa4976b7853f4c9a856609fea684"
		  "a6e9ee070abe81b88f3289b6711687eb751da453942e4eb6e5609212e8b08739" },
	{ DIGEST_MD4, 127, "6d7c092a7f622cb63b1412367ab9de40" },
	{ DIGEST_MD5, 127, "27670172396247fa5f68637f13f8933d" },
	{ DIGEST_SHA1, 127, "bebc42d2d3d1e5fb8ad8895c2dcef2d68a6c279a" },
	{ DIGEST_SHA256, 127, "192409cd280e14b743642ad1343fbd3e82d9305de72c078117745a679210cc3d" },
	{ DIGEST_SHA512, 127, "a7a75593826fd37d4e60f6101eabb9f8ab1cf4d5319ebc805266d5da8deb5097"
		  "de1a235fc5d9d3d73c50ac100ffc75089fb454674ab61232091bd19cbdc67396" },
	{ DIGEST_MD4, 128, "5a130227fbc229342c1af419b2378060" },
	{ DIGEST_MD5, 128, "3e85b70ffc8df5c735ecf2a8f14f1bee" },
	{ DIGEST_SHA1, 128, "0060f2a7e34b6e4d459f560197ef93243732a400" },
	{ DIGEST_SHA256, 128, "cc548ca2dec1f6fe4f58b2e27aa9c7521607df1130d140b55a4dad0665302356" },
	{ DIGEST_SHA512, 128, "df007a08f3aaae47e0c92ef840ecd43645ae6098c819f2a4a66174ef1cd49e5c"
		  "6dfccf0616895e570b7564af641de5863dff9f89c752913d30cf0ecf678e1635" },
};

/* The test messages of the boundary and split tests: byte i is
 * (31 * i + 7) mod 256. */
static void pattern(unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)((i * 31 + 7) % 256);
}

static void to_hex(const unsigned char *d, size_t n, char *hex)
{
	size_t i;

	for (i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
	hex[2 * n] = '\0';
}

static void hash_hex(enum digest_kind k, const void *msg, size_t len, char *hex)
{
	struct digest_ctx c;
	unsigned char d[DIGEST_MAX_LEN];

	digest_init(&c, k);
	digest_update(&c, msg, len);
	digest_final(&c, d);
	to_hex(d, digest_len(k), hex);
}

static void check_vectors(const struct vector *v, size_t n)
{
	char hex[2 * DIGEST_MAX_LEN + 1];
	size_t i;

	for (i = 0; i < n; i++) {
		hash_hex(v[i].kind, v[i].msg, strlen(v[i].msg), hex);
		REQUIRE(strcmp(hex, v[i].hex) == 0, "%s(\"%s\") = %s, want %s",
			digest_name(v[i].kind), v[i].msg, hex, v[i].hex);
	}
}

START_TEST(test_rfc_vectors)
{
	check_vectors(rfc_vectors, ARRAY_LEN(rfc_vectors));
}
END_TEST

START_TEST(test_fips_vectors)
{
	check_vectors(fips_vectors, ARRAY_LEN(fips_vectors));
}
END_TEST

/* In pieces of 997 bytes, so most pieces straddle a block boundary. */
START_TEST(test_million_a)
{
	const struct kind_hex *v = &million_a[_i];
	unsigned char a[997], d[DIGEST_MAX_LEN];
	char hex[2 * DIGEST_MAX_LEN + 1];
	struct digest_ctx c;
	size_t left = 1000000;

	memset(a, 'a', sizeof(a));
	digest_init(&c, v->kind);
	while (left > 0) {
		size_t n = left < sizeof(a) ? left : sizeof(a);

		digest_update(&c, a, n);
		left -= n;
	}
	digest_final(&c, d);
	to_hex(d, digest_len(v->kind), hex);
	ck_assert_str_eq(hex, v->hex);
}
END_TEST

/* Lengths where the 0x80 byte and the length field just fit in the last
 * block, or just do not. */
START_TEST(test_padding_boundaries)
{
	unsigned char msg[128];
	char hex[2 * DIGEST_MAX_LEN + 1];
	size_t i;

	pattern(msg, sizeof(msg));
	for (i = 0; i < ARRAY_LEN(boundary_vectors); i++) {
		const struct length_vector *v = &boundary_vectors[i];

		hash_hex(v->kind, msg, v->len, hex);
		REQUIRE(strcmp(hex, v->hex) == 0, "%s of %zu bytes = %s, want %s",
			digest_name(v->kind), v->len, hex, v->hex);
	}
}
END_TEST

/* Two updates split at every offset, and one byte at a time, give the
 * one-shot digest. */
START_TEST(test_split_updates)
{
	enum digest_kind k = all_kinds[_i];
	unsigned char msg[201], whole[DIGEST_MAX_LEN], d[DIGEST_MAX_LEN];
	struct digest_ctx c;
	size_t cut, i;

	pattern(msg, sizeof(msg));
	digest_init(&c, k);
	digest_update(&c, msg, sizeof(msg));
	digest_final(&c, whole);
	for (cut = 0; cut <= sizeof(msg); cut++) {
		digest_init(&c, k);
		digest_update(&c, msg, cut);
		digest_update(&c, msg + cut, sizeof(msg) - cut);
		digest_final(&c, d);
		REQUIRE(memcmp(d, whole, DIGEST_MAX_LEN) == 0, "%s split at %zu differs",
			digest_name(k), cut);
	}
	digest_init(&c, k);
	for (i = 0; i < sizeof(msg); i++)
		digest_update(&c, msg + i, 1);
	digest_final(&c, d);
	ck_assert_mem_eq(d, whole, DIGEST_MAX_LEN);
}
END_TEST

/* The bytes past the digest are zero, whatever out held. */
START_TEST(test_final_zeroes_tail)
{
	enum digest_kind k = all_kinds[_i];
	unsigned char d[DIGEST_MAX_LEN];
	struct digest_ctx c;
	size_t i;

	memset(d, 0xa5, sizeof(d));
	digest_init(&c, k);
	digest_update(&c, "abc", 3);
	digest_final(&c, d);
	for (i = digest_len(k); i < DIGEST_MAX_LEN; i++)
		ck_assert_uint_eq(d[i], 0);
}
END_TEST

START_TEST(test_lengths_and_names)
{
	static const char *const names[] = { "md4", "md5", "sha1", "sha256", "sha512" };
	static const size_t lens[] = { 16, 16, 20, 32, 64 };
	enum digest_kind k;
	size_t i;

	for (i = 0; i < ARRAY_LEN(all_kinds); i++) {
		ck_assert_uint_eq(digest_len(all_kinds[i]), lens[i]);
		ck_assert_str_eq(digest_name(all_kinds[i]), names[i]);
		ck_assert_int_eq(digest_from_name(names[i], strlen(names[i]), &k), 0);
		ck_assert_int_eq(k, all_kinds[i]);
	}
	ck_assert_uint_eq(digest_len((enum digest_kind)5), 0);
	ck_assert_ptr_null(digest_name((enum digest_kind)5));
}
END_TEST

/* Exactly len bytes, no NUL needed; case, prefixes and extensions are
 * other names. */
START_TEST(test_from_name_exact)
{
	static const char *const bad[] = {
		"", "md", "md55", "MD5", "Md4", "sha", "sha2", "sha25", "sha2566",
		"sha384", "xxh64", "md5 ", " md5", "none",
	};
	enum digest_kind k = DIGEST_MD4;
	size_t i;

	ck_assert_int_eq(digest_from_name("sha256,sha1", 6, &k), 0);
	ck_assert_int_eq(k, DIGEST_SHA256);
	ck_assert_int_eq(digest_from_name("md5x", 3, &k), 0);
	ck_assert_int_eq(k, DIGEST_MD5);
	ck_assert_int_eq(digest_from_name("md5", 2, &k), -1);
	ck_assert_int_eq(digest_from_name("md5\0", 4, &k), -1);
	for (i = 0; i < ARRAY_LEN(bad); i++) {
		k = DIGEST_MD4;
		REQUIRE(digest_from_name(bad[i], strlen(bad[i]), &k) == -1, "\"%s\" accepted", bad[i]);
	}
}
END_TEST

/* RFC 4648's examples with the '=' padding left out, as rsync writes. */
START_TEST(test_base64_vectors)
{
	static const char *const in[] = { "", "f", "fo", "foo", "foob", "fooba", "foobar" };
	static const char *const want[] = { "", "Zg", "Zm8", "Zm9v", "Zm9vYg", "Zm9vYmE", "Zm9vYmFy" };
	char out[16];
	size_t i;

	for (i = 0; i < ARRAY_LEN(in); i++) {
		memset(out, 'X', sizeof(out));
		ck_assert_uint_eq(digest_base64((const unsigned char *)in[i], strlen(in[i]), out, sizeof(out)),
				  strlen(want[i]));
		ck_assert_str_eq(out, want[i]);
	}
}
END_TEST

/* Every 6-bit value maps to its character; top and bottom bits of the
 * last byte are kept. */
START_TEST(test_base64_alphabet)
{
	static const unsigned char in[] = { 0x00, 0x10, 0x83, 0x10, 0x51, 0x87, 0xff, 0xef, 0xbe };
	char out[16];

	ck_assert_uint_eq(digest_base64(in, sizeof(in), out, sizeof(out)), 12);
	ck_assert_str_eq(out, "ABCDEFGH/+++");
	ck_assert_uint_eq(digest_base64(in + 6, 1, out, sizeof(out)), 2);
	ck_assert_str_eq(out, "/w");
	ck_assert_uint_eq(digest_base64(in + 6, 2, out, sizeof(out)), 3);
	ck_assert_str_eq(out, "/+8");
}
END_TEST

/* The room needed is the characters and a NUL; less writes nothing. */
START_TEST(test_base64_room)
{
	const unsigned char *foo = (const unsigned char *)"foob";
	char out[8];

	memset(out, 'X', sizeof(out));
	ck_assert_uint_eq(digest_base64(foo, 4, out, 6), 0);
	ck_assert_uint_eq(digest_base64(foo, 0, out, 0), 0);
	ck_assert_int_eq(out[0], 'X');
	ck_assert_uint_eq(digest_base64(foo, 4, out, 7), 6);
	ck_assert_str_eq(out, "Zm9vYg");
	/* 64 digest bytes, the longest a login answer holds: 86 characters */
	{
		unsigned char d[DIGEST_MAX_LEN] = { 0 };
		char b[87];

		ck_assert_uint_eq(digest_base64(d, sizeof(d), b, sizeof(b)), 86);
		ck_assert_uint_eq(digest_base64(d, sizeof(d), b, sizeof(b) - 1), 0);
	}
}
END_TEST

/* A daemon login answer: base64(digest(password || challenge)), the two
 * given to the digest one after the other as a client would. */
START_TEST(test_auth_response)
{
	static const struct kind_hex want[] = {
		{ DIGEST_MD4, "Jm6l1mauvOrkY/TRtDSpQA" },
		{ DIGEST_MD5, "xCuToaw7OC6IBxUQKWqWzg" },
		{ DIGEST_SHA1, "M4EnVA3MvkhYmg/zCHVUj8JMdMg" },
		{ DIGEST_SHA256, "9roYUjxpQroeG1T4JWUnqxuNuUSWz29KK225aVwPxvk" },
		{ DIGEST_SHA512, "olNJratyrpY507utzYgpO4VU6WTxPTt/zZUUvwNkjUdsfjxJt7afz8hc+at5ORKlSsXaHOKLNp+Yti+Abpk2WQ" },
	};
	const struct kind_hex *v = &want[_i];
	unsigned char d[DIGEST_MAX_LEN];
	char b64[(DIGEST_MAX_LEN * 4 + 2) / 3 + 1];
	struct digest_ctx c;

	digest_init(&c, v->kind);
	digest_update(&c, "secret", 6);
	digest_update(&c, "abc", 3);
	digest_final(&c, d);
	ck_assert_uint_eq(digest_base64(d, digest_len(v->kind), b64, sizeof(b64)), strlen(v->hex));
	ck_assert_str_eq(b64, v->hex);
}
END_TEST

Suite *digest_suite(void)
{
	Suite *s = suite_create("digest");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_rfc_vectors);
	tcase_add_test(tc, test_fips_vectors);
	tcase_add_loop_test(tc, test_million_a, 0, (int)ARRAY_LEN(million_a));
	tcase_add_test(tc, test_padding_boundaries);
	tcase_add_loop_test(tc, test_split_updates, 0, (int)ARRAY_LEN(all_kinds));
	tcase_add_loop_test(tc, test_final_zeroes_tail, 0, (int)ARRAY_LEN(all_kinds));
	tcase_add_test(tc, test_lengths_and_names);
	tcase_add_test(tc, test_from_name_exact);
	tcase_add_test(tc, test_base64_vectors);
	tcase_add_test(tc, test_base64_alphabet);
	tcase_add_test(tc, test_base64_room);
	tcase_add_loop_test(tc, test_auth_response, 0, 5);
	suite_add_tcase(s, tc);
	return s;
}
