/* libFuzzer target: the sender-stream parser (sendstream.h ss_step), fed
 * the way pump.c's parse_sender() feeds it.
 *
 * Input: the stream options (fuzz.h, FUZZ_SS_OPT_BYTES; bit 7 of the last
 * one picks a long --out-format over -i's, bit 7 of the third turns on the
 * client's checks on names for a fixed request, trust.h), one byte for the
 * arrival pieces, then the sender's data (demultiplexed) from its first
 * file list on.
 *
 * The stream is parsed whole and in pieces: "too little to decide" must
 * change nothing, so both runs must forward, drop and report the same.
 * Each item is logged as pump.c's on_events() logs it, right after the
 * step, and the summary's total is printed as main.c prints it, so that
 * what a sender lists reaches the formatting code too.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "logfmt.h"
#include "report.h"
#include "sendstream.h"

#define HDR_BYTES (FUZZ_SS_OPT_BYTES + 1)

struct outcome {
	int end;		/* 0 at the end of input, -1 on an error */
	size_t consumed, dropped;
	enum ss_state state;
	int nlists, num_files, phase, io_error, stats_count;
	int64_t stats[5];
	uint64_t items, item_hash;
	char err[RELAY_MAXPATHLEN + 128];
};

/* What pump.c's on_events() reads of an item. */
static uint64_t log_item(uint64_t h, const struct sendstream *ss)
{
	const struct fentry *e = ss->item;

	FUZZ_CHECK(e && e->name);
	h = fuzz_hash(h, &ss->item_ndx, sizeof ss->item_ndx);
	h = fuzz_hash(h, &ss->item_iflags, sizeof ss->item_iflags);
	h = fuzz_hash_entry(h, e);
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
		  struct report *rep, const struct item_format *fmt, struct outcome *out)
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
			report_stream_item(rep, fmt, &ss);
		}
		ss.events = 0;
	}
	/* main.c's summary, from what was counted */
	struct run_summary sum = {
		.st = ss.st, .total_size = ss.stats_count >= 3 ? ss.stats[2] : ss.total_size,
		.flist_buildtime = ss.stats_count >= 5 ? ss.stats[3] : 0,
		.flist_xfertime = ss.stats_count >= 5 ? ss.stats[4] : 0,
		.seconds = 0.5, .stats_level = 2, .human = (int)(len % 4),
		.protocol = p->fo.protocol,
	};
	report_summary(rep, &sum);
	out->consumed = pos;
	out->state = ss.state;
	out->nlists = ss.nlists;
	out->num_files = ss.st.num_files[SK_ALL];
	out->phase = ss.phase;
	out->io_error = ss.io_error;
	out->stats_count = ss.stats_count;
	memcpy(out->stats, ss.stats, sizeof out->stats);
	memcpy(out->err, ss.err, sizeof out->err);
	ss_free(&ss);
}

/* A request that lets most names through, so that the checks see deep
 * lists: every top-level name and what is below it, some rules. */
static const struct trust *fuzz_trust(int relative)
{
	static struct trust t[2];
	static int made[2];
	static char *paths[] = { "/srv/./*", "/srv/./a/b[0-9]/c" };
	static const char *const rules[] = { "- *.key", "P keep", "+ /etc/", "- /etc/*",
					      "- **/x?z/***" };

	if (!made[relative]) {
		struct filter_arg args[5];
		struct filter_list fl, cvs = { 0 };
		char err[256];
		struct trust_request rq = {
			.relative = relative, .recurse = 1, .xfer_dirs = 1,
			.paths = paths, .npaths = relative ? 2 : 1, .protocol = 31,
		};

		for (int i = 0; i < 5; i++)
			args[i] = (struct filter_arg){ FA_FILTER, rules[i] };
		FUZZ_CHECK(filter_build(&fl, args, 5, 0, err, sizeof err) == 0);
		FUZZ_CHECK(trust_init(&t[relative], &rq, &fl, &cvs) == 0);
		made[relative] = 1;
	}
	return &t[relative];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* -i's format, and one with every escape a client prints */
	static const char *const formats[2] = {
		"%i %n%L",
		"%o %i %n%L %l %'l %''b %'''c %C %M %B %U %G %f %-12n|%08l %p %t %m %%",
	};
	struct ss_params p;
	struct chunker ch;
	struct outcome whole, pieces;
	struct report rep;
	struct item_format fmt;
	FILE *null;

	if (size < HDR_BYTES)
		return 0;
	fuzz_ss_params(data, &p);
	if (data[2] & 128)
		p.trust = fuzz_trust(p.fo.relative_paths);
	chunker_init(&ch, data[FUZZ_SS_OPT_BYTES]);
	if (!(null = fopen("/dev/null", "w")))
		return 0;
	report_init(&rep, null, null, 0);
	rep.utf8 = 1;
	fmt = (struct item_format){
		.fmt = formats[data[3] >> 7], .has_i = 1, .name_level = 1, .dry_run = !p.do_xfers,
		.protocol = p.fo.protocol, .preserve_uid = p.fo.preserve_uid,
		.preserve_gid = p.fo.preserve_gid, .preserve_mtimes = 1,
		/* with -c, %C shows the list's checksum, as the relay does */
		.sum_len = p.fo.always_checksum ? p.fo.flist_csum_len : p.xfer_sum_len,
		.file_sums = p.fo.always_checksum,
		.sum_order = data[3] >> 7 ? LOGFMT_SUM_REVERSED : LOGFMT_SUM_FORWARD,
	};
	parse(&p, data + HDR_BYTES, size - HDR_BYTES, NULL, &rep, &fmt, &whole);
	parse(&p, data + HDR_BYTES, size - HDR_BYTES, &ch, &rep, &fmt, &pieces);
	fclose(null);
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
