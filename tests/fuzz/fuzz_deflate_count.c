/* libFuzzer target: the deflate length counter (deflate_count.h).
 *
 * Input: b[0] the arrival pieces (fuzz.h chunker), b[1] where runs end
 * (a run of DEFLATED_DATA tokens, after which the sync flush's missing
 * bytes go in: every byte whose low bits match it ends one), then the
 * stream.  Counted whole and in pieces, both must give the same count
 * and the same verdict, and the count stays within what the bytes can
 * say (258 bytes a bit at most, and a stored block's 65535 a run).
 */
#include <stdint.h>

#include "deflate_count.h"
#include "fuzz.h"

/* Feeds data[0..size) in runs that end after each byte equal to mark
 * (when mark is not 0), each run cut by the chunker (or whole). */
static void count(struct deflate_count *c, const uint8_t *data, size_t size, uint8_t mark,
		  struct chunker *ch, size_t *runs)
{
	size_t pos = 0;

	*runs = 0;
	deflate_count_reset(c);
	while (pos < size) {
		size_t end = pos;

		while (end < size && !(mark && data[end++] == mark))
			if (!mark)
				end = size;
		if (end == pos)
			end = size;
		for (size_t at = pos; at < end;) {
			size_t n = ch ? chunker_next(ch, end - at) : end - at;

			deflate_count_feed(c, data + at, n);
			at += n;
		}
		deflate_count_sync_end(c);
		(*runs)++;
		pos = end;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct deflate_count whole, cut;
	struct chunker ch;
	size_t runs_w, runs_c;

	if (size < 2)
		return 0;
	chunker_init(&ch, data[0]);
	uint8_t mark = data[1];
	data += 2;
	size -= 2;
	count(&whole, data, size, mark, NULL, &runs_w);
	count(&cut, data, size, mark, &ch, &runs_c);
	FUZZ_CHECK(runs_w == runs_c);
	FUZZ_CHECK(whole.bad == cut.bad);
	FUZZ_CHECK(whole.bad || whole.out == cut.out);
	FUZZ_CHECK(whole.out >= 0 &&
		   whole.out <= 258 * 8 * (int64_t)(size + 4 * runs_w) + 65535 * (int64_t)(runs_w + 1));
	return 0;
}
