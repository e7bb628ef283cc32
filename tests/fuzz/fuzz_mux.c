/* libFuzzer target: the multiplexed frame reader (wire.h mux_next and
 * mux_took), driven the way pump.c's demux() drives it.
 *
 * Input: b[0] the message limit (bits 0-1: the relay's 128 KiB, 0, 4,
 * 1024 bytes), b[1] the arrival pieces (fuzz.h chunker), b[2] seeds how
 * much the data sink takes each time (the relay's queue room), then the
 * bytes a server writes after the handshake.
 *
 * The stream is read twice, whole with unlimited room and in pieces with
 * little room; both must see the same data, the same messages and the
 * same end.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "wire.h"

#define HDR_BYTES 3

struct outcome {
	int end;		/* MUX_NEED_MORE at the end of input, or the error */
	size_t consumed;
	uint32_t data_left;
	uint64_t data_bytes, data_hash;
	uint64_t msgs, msg_hash;
	int bad_tag;
	uint32_t bad_len;
};

static void read_stream(const uint8_t *in, size_t len, uint32_t max_msg, struct chunker *arrive,
			struct chunker *room, struct outcome *o)
{
	struct mux_in m = { 0 };
	size_t pos = 0, avail = arrive ? 0 : len;
	int stalled = 0;

	memset(o, 0, sizeof *o);
	o->data_hash = o->msg_hash = FUZZ_HASH_INIT;
	for (;;) {
		struct mux_piece pc;
		int k = mux_next(&m, in + pos, avail - pos, max_msg, &pc);

		if (k == MUX_NEED_MORE) {
			if (avail == len) {
				o->end = MUX_NEED_MORE;
				break;
			}
			avail += chunker_next(arrive, len - avail);
			continue;
		}
		if (k != MUX_PIECE) {
			FUZZ_CHECK(k == MUX_BAD_HEADER || k == MUX_TOO_LONG);
			o->end = k;
			o->bad_tag = pc.tag;
			o->bad_len = pc.frame_left;
			break;
		}
		FUZZ_CHECK(pc.p == in + pos + pc.hdr);
		FUZZ_CHECK(pc.hdr + pc.len <= avail - pos);
		FUZZ_CHECK(pc.hdr == 0 || pc.hdr == MUX_HDR_LEN);
		if (pc.tag == MSG_DATA) {
			size_t took = pc.len;

			FUZZ_CHECK(pc.len <= pc.frame_left && pc.frame_left <= MUX_MAX_PAYLOAD);
			/* A full queue takes nothing; never twice in a row, so
			 * that the loop moves on. */
			if (room && took) {
				size_t r = stalled ? 1 + chunker_rand(room) % 64
						   : chunker_rand(room) % 64;
				if (r < took)
					took = r;
			}
			stalled = took < pc.len;
			o->data_bytes += took;
			o->data_hash = fuzz_hash(o->data_hash, pc.p, took);
			size_t used = mux_took(&m, &pc, took);
			FUZZ_CHECK(used == pc.hdr + took);
			FUZZ_CHECK(m.data_left == pc.frame_left - took);
			pos += used;
			continue;
		}
		FUZZ_CHECK(pc.len == pc.frame_left && pc.len <= max_msg);
		o->msgs++;
		o->msg_hash = fuzz_hash(o->msg_hash, &pc.tag, sizeof pc.tag);
		o->msg_hash = fuzz_hash(o->msg_hash, pc.p, pc.len);
		FUZZ_CHECK(mux_took(&m, &pc, pc.len) == MUX_HDR_LEN + pc.len);
		FUZZ_CHECK(m.data_left == 0);
		pos += MUX_HDR_LEN + pc.len;
	}
	o->consumed = pos;
	o->data_left = m.data_left;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint32_t limits[4] = { 128 * 1024, 0, 4, 1024 };
	struct chunker arrive, room;
	struct outcome whole, pieces;

	if (size < HDR_BYTES)
		return 0;
	uint32_t max_msg = limits[data[0] & 3];
	chunker_init(&arrive, data[1]);
	chunker_init(&room, data[2]);
	read_stream(data + HDR_BYTES, size - HDR_BYTES, max_msg, NULL, NULL, &whole);
	read_stream(data + HDR_BYTES, size - HDR_BYTES, max_msg, &arrive, &room, &pieces);
	FUZZ_CHECK(whole.end == pieces.end);
	FUZZ_CHECK(whole.consumed == pieces.consumed);
	FUZZ_CHECK(whole.data_left == pieces.data_left);
	FUZZ_CHECK(whole.data_bytes == pieces.data_bytes);
	FUZZ_CHECK(whole.data_hash == pieces.data_hash);
	FUZZ_CHECK(whole.msgs == pieces.msgs);
	FUZZ_CHECK(whole.msg_hash == pieces.msg_hash);
	FUZZ_CHECK(whole.bad_tag == pieces.bad_tag && whole.bad_len == pieces.bad_len);
	return 0;
}
