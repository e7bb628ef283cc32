/* libFuzzer target: the LZ4 block length counter (lz4_count.h).
 *
 * Input: b[0] the arrival pieces (fuzz.h chunker), then the bytes of one
 * block.  Counted whole and in pieces, both must give the same count and
 * the same verdict on where the block ends, and the count stays within
 * what the cap on a length allows.
 */
#include <stdint.h>

#include "fuzz.h"
#include "lz4_count.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lz4_count whole = { 0 }, cut = { 0 };
	struct chunker ch;
	size_t pos = 0;

	if (size < 1)
		return 0;
	chunker_init(&ch, data[0]);
	data++;
	size--;
	lz4_count_block(&whole);
	lz4_count_feed(&whole, data, size);
	lz4_count_block(&cut);
	while (pos < size) {
		size_t n = chunker_next(&ch, size - pos);

		lz4_count_feed(&cut, data + pos, n);
		pos += n;
	}
	FUZZ_CHECK(whole.out == cut.out);
	FUZZ_CHECK(lz4_count_at_end(&whole) == lz4_count_at_end(&cut));
	/* every sequence costs at least a byte and adds at most a capped
	 * length and 19 + 15 */
	FUZZ_CHECK(whole.out >= 0 && whole.out <= (int64_t)(size + 1) * (((int64_t)1 << 40) + 300));
	return 0;
}
