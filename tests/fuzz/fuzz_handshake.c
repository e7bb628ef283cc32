/* libFuzzer target: the handshake (handshake.h hs_parse) over what the two
 * servers send.
 *
 * Input: b[0] the wanted options (bit 0 -z, bits 1-2 --compress-choice,
 * bits 3-5 --checksum-choice, from the tables below), b[1] bits 0-2
 * --protocol, b[2..3] the length of the sender's bytes (little-endian;
 * cut to what there is), then the sender's bytes and the receiver's.
 *
 * The handshake is parsed from the whole input, and again the way
 * handshake_run() reads it, growing each side by what hs_parse asks for;
 * both must end the same way with the same session.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "handshake.h"
#include "wire.h"

#define HDR_BYTES 4

static const char *const who[2] = { "sender", "receiver" };

static void same_session(const struct session *a, const struct session *b)
{
	FUZZ_CHECK(a->protocol == b->protocol);
	FUZZ_CHECK(a->compat_flags == b->compat_flags);
	FUZZ_CHECK(a->compat_src == b->compat_src && a->compat_dest == b->compat_dest);
	FUZZ_CHECK(a->inc_recurse == b->inc_recurse);
	FUZZ_CHECK(a->varint_flist_flags == b->varint_flist_flags);
	FUZZ_CHECK(a->id0_names == b->id0_names && a->safe_flist == b->safe_flist);
	FUZZ_CHECK(strcmp(a->checksum, b->checksum) == 0);
	FUZZ_CHECK(strcmp(a->compress, b->compress) == 0);
	FUZZ_CHECK(a->xfer_sum_len == b->xfer_sum_len);
	FUZZ_CHECK(a->flist_csum_len == b->flist_csum_len);
	FUZZ_CHECK(a->seed_src == b->seed_src && a->seed_dest == b->seed_dest);
}

/* What holds after any call, whatever the input. */
static void check_result(int k, const struct session *s, const struct hs_progress *p,
			 const size_t len[2], const char *err, size_t errlen)
{
	FUZZ_CHECK(k == HS_NEED || k == HS_DONE || k == HS_FAIL || k == HS_COMPAT_MISMATCH);
	FUZZ_CHECK(p->used[0] <= len[0] && p->used[1] <= len[1]);
	FUZZ_CHECK(strnlen(err, errlen) < errlen);
	FUZZ_CHECK(strnlen(s->checksum, sizeof s->checksum) < sizeof s->checksum);
	FUZZ_CHECK(strnlen(s->compress, sizeof s->compress) < sizeof s->compress);
	FUZZ_CHECK(strnlen(p->zip_name, sizeof p->zip_name) < sizeof p->zip_name);
	if (k == HS_NEED) {
		/* handshake_run() reads into buffers of HS_MAX_INPUT bytes */
		FUZZ_CHECK(p->side == 0 || p->side == 1);
		FUZZ_CHECK(p->need >= 1 && p->need <= HS_MAX_INPUT - len[p->side]);
	}
	if (k == HS_FAIL)
		FUZZ_CHECK(p->code != 0 && err[0] != '\0');
	if (p->protocol_known)
		FUZZ_CHECK(s->protocol >= RELAY_MIN_PROTOCOL && s->protocol <= RELAY_PROTOCOL);
	if (p->names_known) {
		/* the names handshake_run() then writes */
		unsigned char out[2 + NAME_MAX_LEN];
		if (p->nego_sum)
			FUZZ_CHECK(wire_write_vstring(out, s->checksum, strlen(s->checksum)) > 0);
		if (p->nego_zip)
			FUZZ_CHECK(wire_write_vstring(out, p->zip_name, strlen(p->zip_name)) > 0);
	}
	if (k == HS_DONE) {
		FUZZ_CHECK(s->xfer_sum_len > 0 && s->flist_csum_len > 0);
		FUZZ_CHECK(p->protocol_known && p->names_known);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const zips[4] = { NULL, "zlib", "none", "zstd" };
	static const char *const sums[8] = { NULL, "md5", "md4", "xxh128", "xxh3,md5",
					     "none", "sha1,bogus", "bogus" };
	static const int protocols[8] = { 0, 20, 28, 29, 30, 31, 32, 0 };
	struct hs_wants w;
	struct session s_whole, s;
	struct hs_progress p_whole, p;
	char err_whole[2 * HS_LIST_MAX + 256], err[sizeof err_whole];
	const unsigned char *in[2];
	size_t len[2], have[2] = { 0, 0 };
	int k_whole, k;

	if (size < HDR_BYTES)
		return 0;
	w = (struct hs_wants){
		.compress = data[0] & 1,
		.compress_choice = zips[(data[0] >> 1) & 3],
		.checksum_choice = sums[(data[0] >> 3) & 7],
		.max_protocol = protocols[data[1] & 7],
	};
	len[0] = (size_t)data[2] | (size_t)data[3] << 8;
	if (len[0] > size - HDR_BYTES)
		len[0] = size - HDR_BYTES;
	len[1] = size - HDR_BYTES - len[0];
	in[0] = data + HDR_BYTES;
	in[1] = in[0] + len[0];

	k_whole = hs_parse(in, len, who, &w, &s_whole, &p_whole, err_whole, sizeof err_whole);
	check_result(k_whole, &s_whole, &p_whole, len, err_whole, sizeof err_whole);

	/* handshake_run()'s reads: exactly what is asked for, until a side
	 * would end before it (end of file) */
	for (;;) {
		k = hs_parse(in, have, who, &w, &s, &p, err, sizeof err);
		check_result(k, &s, &p, have, err, sizeof err);
		if (k != HS_NEED)
			break;
		FUZZ_CHECK(p.used[p.side] <= have[p.side]);
		if (p.need > len[p.side] - have[p.side]) {
			FUZZ_CHECK(k_whole == HS_NEED);
			return 0;
		}
		have[p.side] += p.need;
	}
	FUZZ_CHECK(k == k_whole);
	FUZZ_CHECK(p.used[0] == p_whole.used[0] && p.used[1] == p_whole.used[1]);
	/* it read no further than it used (a failure may stop inside a field) */
	if (k != HS_FAIL)
		FUZZ_CHECK(p.used[0] == have[0] && p.used[1] == have[1]);
	FUZZ_CHECK(p.protocol_known == p_whole.protocol_known);
	FUZZ_CHECK(p.names_known == p_whole.names_known);
	FUZZ_CHECK(p.code == p_whole.code);
	FUZZ_CHECK(strcmp(err, err_whole) == 0);
	same_session(&s, &s_whole);
	return 0;
}
