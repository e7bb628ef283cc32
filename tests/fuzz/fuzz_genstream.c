/* libFuzzer target: the generator-stream checks (genstream.h gs_step)
 * against the file lists a sender's stream leaves (sendstream.h), fed the
 * way pump.c's sink_generator() feeds them.
 *
 * Input: the stream options (fuzz.h, FUZZ_SS_OPT_BYTES), one byte of
 * genstream options (bit 0 --append), one byte for the arrival pieces,
 * two bytes (little-endian) for the length of the sender's part, then the
 * sender's data (demultiplexed) from its first file list on, then the
 * generator's data (demultiplexed) after the handshake.
 *
 * The generator's part is checked whole and in pieces, with the sender's
 * stream parsed as far as it can have come at each step (its NDX_DONEs
 * answer the generator's): "too little to decide" must change nothing,
 * so both runs must pass and refuse the same.  A third run takes the two
 * streams in turns of arbitrary pieces, so that lists also come and go
 * out of order under the checks' feet.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "genstream.h"
#include "report.h"
#include "sendstream.h"

#define GS_OPT_BYTE FUZZ_SS_OPT_BYTES
#define HDR_BYTES (FUZZ_SS_OPT_BYTES + 4)

struct outcome {
	int end;		/* 0 at the end of input, -1 on a violation */
	size_t consumed;
	enum gs_state state;
	enum gs_goodbye bye;
	int phase, code, rsync;
	char err[256];
};

/* The parts of the state a step that asks for more must leave alone. */
struct snap {
	enum gs_state state;
	enum gs_goodbye bye;
	struct ndx_state ndx;
	int phase, first_start;
	int32_t item_ndx, xattr_num;
	int item_iflags;
	int64_t sums_left;
};

static void take_snap(const struct genstream *gs, struct snap *s)
{
	memset(s, 0, sizeof *s);
	s->state = gs->state;
	s->bye = gs->bye;
	s->ndx = gs->ndx;
	s->phase = gs->phase;
	s->first_start = gs->first_start;
	s->item_ndx = gs->item_ndx;
	s->xattr_num = gs->xattr_num;
	s->item_iflags = gs->item_iflags;
	s->sums_left = gs->sums_left;
}

/* One step with the invariants every step keeps.  Returns gs_step's. */
static int checked_step(struct genstream *gs, const uint8_t *buf, size_t len, size_t *used,
			struct report *rep)
{
	struct snap before, after;
	int r;

	take_snap(gs, &before);
	r = gs_step(gs, buf, len, used);
	if (r < 0) {
		FUZZ_CHECK(gs->err[0] != '\0');
		FUZZ_CHECK(strnlen(gs->err, sizeof gs->err) < sizeof gs->err);
		FUZZ_CHECK(gs->err_code == 2 || gs->err_code == 12 || gs->err_code == 22);
		/* printed as pump.c prints it: names in it are escaped */
		if (gs->err_rsync)
			report_fatal_line(rep, gs->err_code, "%s", gs->err);
		return r;
	}
	if (r == 0) {
		take_snap(gs, &after);
		FUZZ_CHECK(*used == 0);
		FUZZ_CHECK(memcmp(&before, &after, sizeof before) == 0);
		return r;
	}
	FUZZ_CHECK(r == 1);
	FUZZ_CHECK(*used >= 1 && *used <= len);
	FUZZ_CHECK(gs->sums_left >= 0);
	return r;
}

/* The sender's stream as far as it can have come: its k-th NDX_DONE
 * answers the generator's k-th, so it waits for that one (the lists it
 * retires are retired by then); everything else is ahead.  A file shown
 * sent is told to the checks, as pump.c's on_events() does. */
struct sender {
	struct sendstream ss;
	const uint8_t *in;
	size_t len, pos;
	int dones, dead;
};

static int next_is_done(const struct sendstream *ss, const uint8_t *p, size_t n)
{
	if (ss->state != SS_NDX)
		return 0;
	if (ss->p.fo.protocol >= 30)
		return n >= 1 && p[0] == 0;
	return n >= 4 && memcmp(p, "\xff\xff\xff\xff", 4) == 0;
}

static void advance_sender(struct sender *sd, struct genstream *gs, int gen_dones)
{
	size_t used;
	int drop, r;

	while (!sd->dead && sd->pos < sd->len) {
		if (next_is_done(&sd->ss, sd->in + sd->pos, sd->len - sd->pos)) {
			if (sd->dones >= gen_dones)
				return;
			sd->dones++;
		}
		r = ss_step(&sd->ss, sd->in + sd->pos, sd->len - sd->pos, &used, &drop);
		if (r <= 0) {
			sd->dead = 1;
			return;
		}
		sd->pos += used;
		if (sd->ss.events & SS_EV_XFER_END)
			FUZZ_CHECK(gs_file_sent(gs, sd->ss.item_ndx) == 0);
		sd->ss.events = 0;
	}
}

/* The generator's NDX_DONE at p (as its step will read it). */
static int gen_done_at(const struct genstream *gs, const uint8_t *p, size_t n)
{
	if (gs->state != GS_NDX)
		return 0;
	if (gs->p.protocol >= 30)
		return n >= 1 && p[0] == 0;
	return n >= 4 && memcmp(p, "\xff\xff\xff\xff", 4) == 0;
}

static void check_gen(const struct ss_params *sp, const struct gs_params *p,
		      const uint8_t *s_in, size_t s_len, const uint8_t *in, size_t len,
		      struct chunker *ch, struct report *rep, struct outcome *out)
{
	struct sender sd = { .in = s_in, .len = s_len };
	struct genstream gs;
	size_t pos = 0, avail = ch ? 0 : len;
	int dones = 0;

	memset(out, 0, sizeof *out);
	if (ss_init(&sd.ss, sp) < 0) {
		ss_free(&sd.ss);
		out->end = -2;
		return;
	}
	gs_init(&gs, p, &sd.ss);
	for (;;) {
		size_t used = 0;
		int done, r;

		advance_sender(&sd, &gs, dones);
		done = gen_done_at(&gs, in + pos, avail - pos);
		r = checked_step(&gs, in + pos, avail - pos, &used, rep);
		if (r < 0) {
			out->end = -1;
			break;
		}
		if (r == 0) {
			if (avail == len)
				break;
			avail += chunker_next(ch, len - avail);
			continue;
		}
		dones += done;
		pos += used;
	}
	out->consumed = pos;
	out->state = gs.state;
	out->bye = gs.bye;
	out->phase = gs.phase;
	out->code = gs.err_code;
	out->rsync = gs.err_rsync;
	memcpy(out->err, gs.err, sizeof out->err);
	gs_free(&gs);
	ss_free(&sd.ss);
}

/* Both streams in turns, as pump.c's loop takes them: lists come and are
 * retired while the checks read them. */
static void interleaved(const struct ss_params *sp, const struct gs_params *p,
			const uint8_t *s_in, size_t s_len, const uint8_t *g_in, size_t g_len,
			struct chunker *ch, struct report *rep)
{
	struct sendstream ss;
	struct genstream gs;
	size_t s_pos = 0, s_avail = 0, g_pos = 0, g_avail = 0;
	int s_dead = 0;

	if (ss_init(&ss, sp) < 0) {
		ss_free(&ss);
		return;
	}
	gs_init(&gs, p, &ss);
	while (g_avail < g_len || (s_avail < s_len && !s_dead)) {
		size_t used;
		int drop, r;

		if (s_avail < s_len)
			s_avail += chunker_next(ch, s_len - s_avail);
		while (!s_dead && (r = ss_step(&ss, s_in + s_pos, s_avail - s_pos, &used, &drop)) != 0) {
			if (r < 0) {
				s_dead = 1;
				break;
			}
			s_pos += used;
			if (ss.events & SS_EV_XFER_END)
				FUZZ_CHECK(gs_file_sent(&gs, ss.item_ndx) == 0);
			ss.events = 0;
		}
		if (g_avail < g_len)
			g_avail += chunker_next(ch, g_len - g_avail);
		while ((r = checked_step(&gs, g_in + g_pos, g_avail - g_pos, &used, rep)) == 1)
			g_pos += used;
		if (r < 0)
			break;
	}
	gs_free(&gs);
	ss_free(&ss);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ss_params sp;
	struct gs_params p;
	struct chunker ch;
	struct outcome whole, pieces;
	struct report rep;
	const uint8_t *s_in, *g_in;
	size_t s_len, g_len;
	FILE *null;

	if (size < HDR_BYTES)
		return 0;
	fuzz_ss_params(data, &sp);
	p = (struct gs_params){
		.protocol = sp.fo.protocol,
		.inc_recurse = sp.fo.inc_recurse,
		.do_xfers = sp.do_xfers,
		.preserve_xattrs = sp.fo.preserve_xattrs,
		.want_xattr_optim = sp.want_xattr_optim,
		.append_mode = data[GS_OPT_BYTE] & 1,
		.xfer_sum_len = sp.xfer_sum_len,
	};
	s_len = (size_t)data[HDR_BYTES - 2] | (size_t)data[HDR_BYTES - 1] << 8;
	if (s_len > size - HDR_BYTES)
		s_len = size - HDR_BYTES;
	s_in = data + HDR_BYTES;
	g_in = s_in + s_len;
	g_len = size - HDR_BYTES - s_len;
	if (!(null = fopen("/dev/null", "w")))
		return 0;
	report_init(&rep, null, null, 0);
	rep.utf8 = 1;
	chunker_init(&ch, data[GS_OPT_BYTE + 1]);
	check_gen(&sp, &p, s_in, s_len, g_in, g_len, NULL, &rep, &whole);
	check_gen(&sp, &p, s_in, s_len, g_in, g_len, &ch, &rep, &pieces);
	FUZZ_CHECK(whole.end == pieces.end);
	FUZZ_CHECK(whole.consumed == pieces.consumed);
	FUZZ_CHECK(whole.state == pieces.state && whole.bye == pieces.bye);
	FUZZ_CHECK(whole.phase == pieces.phase);
	FUZZ_CHECK(whole.code == pieces.code && whole.rsync == pieces.rsync);
	FUZZ_CHECK(strcmp(whole.err, pieces.err) == 0);

	chunker_init(&ch, data[GS_OPT_BYTE + 1] ^ 0x5A);
	interleaved(&sp, &p, s_in, s_len, g_in, g_len, &ch, &rep);
	fclose(null);
	return 0;
}
