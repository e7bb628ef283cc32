/* libFuzzer target: the sender-stream parser (sendstream.h ss_step), fed
 * the way pump.c's parse_sender() feeds it.
 *
 * Input: the stream options (fuzz.h, FUZZ_SS_OPT_BYTES), one byte for the
 * arrival pieces, then the sender's data (demultiplexed) from its first
 * file list on.
 *
 * The stream is parsed whole and in pieces: "too little to decide" must
 * change nothing, so both runs must forward, drop and report the same.
 * Each item is read the way the relay logs it, right after the step.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "sendstream.h"

#define HDR_BYTES (FUZZ_SS_OPT_BYTES + 1)

struct outcome {
	int end;		/* 0 at the end of input, -1 on an error */
	size_t consumed, dropped;
	enum ss_state state;
	int nlists, num_files, phase, io_error, stats_count;
	int64_t stats[5];
	uint64_t items, item_hash;
	char err[512];
};

/* What pump.c's on_events() reads of an item. */
static uint64_t log_item(uint64_t h, const struct sendstream *ss)
{
	const struct fentry *e = ss->item;

	FUZZ_CHECK(e && e->name);
	h = fuzz_hash(h, &ss->item_ndx, sizeof ss->item_ndx);
	h = fuzz_hash(h, &ss->item_iflags, sizeof ss->item_iflags);
	h = fuzz_hash(h, e->name, strlen(e->name) + 1);
	if (e->link)
		h = fuzz_hash(h, e->link, strlen(e->link) + 1);
	h = fuzz_hash(h, &e->mode, sizeof e->mode);
	h = fuzz_hash(h, &e->size, sizeof e->size);
	h = fuzz_hash(h, &e->mtime, sizeof e->mtime);
	FUZZ_CHECK(strnlen(ss->item_xname, sizeof ss->item_xname) < sizeof ss->item_xname);
	h = fuzz_hash(h, ss->item_xname, strlen(ss->item_xname) + 1);
	if (ss->state != SS_SUMHEAD) {
		h = fuzz_hash(h, &ss->item_bytes, sizeof ss->item_bytes);
		if ((ss->item_iflags & ITEM_TRANSFER) && ss->p.do_xfers)
			h = fuzz_hash(h, ss->item_sum, (size_t)ss->p.xfer_sum_len);
	}
	return h;
}

static void parse(const struct ss_params *p, const uint8_t *in, size_t len, struct chunker *ch,
		  struct outcome *out)
{
	struct sendstream ss;
	size_t pos = 0, avail = ch ? 0 : len;

	memset(out, 0, sizeof *out);
	out->item_hash = FUZZ_HASH_INIT;
	if (ss_init(&ss, p) < 0) {
		ss_free(&ss);
		out->end = -2;
		return;
	}
	for (;;) {
		enum ss_state before = ss.state;
		size_t used = 0;
		int drop = 0;
		int r = ss_step(&ss, in + pos, avail - pos, &used, &drop);

		if (r < 0) {
			FUZZ_CHECK(ss.err[0] != '\0');
			FUZZ_CHECK(strnlen(ss.err, sizeof ss.err) < sizeof ss.err);
			out->end = -1;
			break;
		}
		if (r == 0) {
			FUZZ_CHECK(ss.state == before);
			if (avail == len)
				break;
			avail += chunker_next(ch, len - avail);
			continue;
		}
		FUZZ_CHECK(r == 1);
		/* progress, within what was offered */
		FUZZ_CHECK(used >= 1 && used <= avail - pos);
		if (drop) {
			/* only the statistics are dropped, and only once */
			FUZZ_CHECK(before == SS_STATS);
			out->dropped += used;
		}
		pos += used;
		if (ss.events & SS_EV_ITEM) {
			out->items++;
			out->item_hash = log_item(out->item_hash, &ss);
		}
		ss.events = 0;
	}
	out->consumed = pos;
	out->state = ss.state;
	out->nlists = ss.nlists;
	out->num_files = ss.num_files;
	out->phase = ss.phase;
	out->io_error = ss.io_error;
	out->stats_count = ss.stats_count;
	memcpy(out->stats, ss.stats, sizeof out->stats);
	memcpy(out->err, ss.err, sizeof out->err);
	ss_free(&ss);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ss_params p;
	struct chunker ch;
	struct outcome whole, pieces;

	if (size < HDR_BYTES)
		return 0;
	fuzz_ss_params(data, &p);
	chunker_init(&ch, data[FUZZ_SS_OPT_BYTES]);
	parse(&p, data + HDR_BYTES, size - HDR_BYTES, NULL, &whole);
	parse(&p, data + HDR_BYTES, size - HDR_BYTES, &ch, &pieces);
	FUZZ_CHECK(whole.end == pieces.end);
	FUZZ_CHECK(whole.consumed == pieces.consumed);
	FUZZ_CHECK(whole.dropped == pieces.dropped);
	FUZZ_CHECK(whole.state == pieces.state);
	FUZZ_CHECK(whole.nlists == pieces.nlists && whole.num_files == pieces.num_files);
	FUZZ_CHECK(whole.phase == pieces.phase && whole.io_error == pieces.io_error);
	FUZZ_CHECK(whole.stats_count == pieces.stats_count);
	FUZZ_CHECK(memcmp(whole.stats, pieces.stats, sizeof whole.stats) == 0);
	FUZZ_CHECK(whole.items == pieces.items && whole.item_hash == pieces.item_hash);
	FUZZ_CHECK(strcmp(whole.err, pieces.err) == 0);
	return 0;
}
