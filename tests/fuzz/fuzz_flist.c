/* libFuzzer target: the file-list decoder (flist.h): entries, end
 * markers, the uid/gid lists, and completing, sorting and indexing lists.
 *
 * Input: the file-list options (fuzz.h, FUZZ_FLIST_OPT_BYTES), one byte
 * for the arrival pieces, then the sender's data from its first file list
 * on.  Lists follow each other as incremental recursion sends them; after
 * a non-incremental list come the uid/gid lists.
 *
 * The bytes are decoded whole and in pieces; a piece too short must leave
 * the state as it was, so both runs must agree.
 */
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "flist.h"
#include "wire.h"

#define HDR_BYTES (FUZZ_FLIST_OPT_BYTES + 1)

struct outcome {
	ptrdiff_t end;		/* WIRE_NEED_MORE at the end of input, or WIRE_BAD */
	size_t consumed;
	int entries, lists;
	uint64_t hash;		/* of the completed lists, in their final order */
	char err[256];
};

/* Sorted lists are in flist_name_cmp order, which is antisymmetric. */
static void check_list(const struct flist *fl, const struct flist_opts *o)
{
	for (int i = 0; i < fl->used; i++) {
		const struct fentry *e = &fl->files[i];
		FUZZ_CHECK(e->name && strlen(e->name) < RELAY_MAXPATHLEN);
		if (i == 0 || o->unsorted)
			continue;
		const struct fentry *d = &fl->files[i - 1];
		int ab = flist_name_cmp(d->name, d->mode, e->name, e->mode, o->protocol);
		int ba = flist_name_cmp(e->name, e->mode, d->name, d->mode, o->protocol);
		FUZZ_CHECK(ab <= 0);
		FUZZ_CHECK((ab < 0) == (ba > 0) && (ab == 0) == (ba == 0));
	}
}

static uint64_t hash_list(uint64_t h, const struct flist *fl)
{
	for (int i = 0; i < fl->used; i++) {
		const struct fentry *e = &fl->files[i];
		h = fuzz_hash_entry(h, e);
		h = fuzz_hash(h, &e->uid, sizeof e->uid);
		h = fuzz_hash(h, &e->gid, sizeof e->gid);
	}
	return h;
}

static struct flist *new_list(int ndx_start)
{
	struct flist *fl = calloc(1, sizeof *fl);

	if (fl) {
		fl->ndx_start = ndx_start;
		fl->parent_ndx = -1;
	}
	return fl;
}

static void decode(const struct flist_opts *o, const uint8_t *in, size_t len,
		   struct chunker *ch, struct outcome *out)
{
	struct flist_state st, before;
	struct dirlist dirs = { 0 };
	struct flist *fl = new_list(o->inc_recurse ? 1 : 0);
	size_t pos = 0, avail = ch ? 0 : len;
	int id_lists = 0;

	memset(out, 0, sizeof *out);
	out->hash = FUZZ_HASH_INIT;
	flist_state_init(&st);
	while (fl) {
		enum flist_item kind = FLIST_ENTRY;
		struct fentry e;
		int io_error = 0;
		ptrdiff_t n;

		before = st;
		if (id_lists)
			n = flist_parse_id_lists(o, in + pos, avail - pos, out->err, sizeof out->err);
		else
			n = flist_parse_item(&st, o, fl, in + pos, avail - pos, &kind, &e, &io_error,
					     out->err, sizeof out->err);
		if (n == WIRE_NEED_MORE) {
			/* nothing taken: the caller offers it all again later */
			FUZZ_CHECK(memcmp(&st, &before, sizeof st) == 0);
			if (avail == len) {
				out->end = n;
				break;
			}
			avail += chunker_next(ch, len - avail);
			continue;
		}
		if (n < 0) {
			FUZZ_CHECK(n == WIRE_BAD && out->err[0] != '\0');
			FUZZ_CHECK(strnlen(out->err, sizeof out->err) < sizeof out->err);
			out->end = n;
			break;
		}
		FUZZ_CHECK((size_t)n <= avail - pos);
		pos += (size_t)n;
		if (id_lists) {
			id_lists = 0;
			continue;
		}
		FUZZ_CHECK(n > 0);
		if (kind == FLIST_ENTRY) {
			out->entries++;
			if (flist_add(fl, &e) < 0)
				fentry_free(&e);
			continue;
		}
		/* The end of a list: complete it as the sender stream does. */
		if (flist_finish(fl, o->inc_recurse ? &dirs : NULL, o->protocol,
				 (o->unsorted ? 0 : FLIST_SORT) |
					 (o->relative_paths ? FLIST_STRIP_ROOT : 0)) == 0) {
			check_list(fl, o);
			out->hash = hash_list(out->hash, fl);
		}
		out->lists++;
		id_lists = !o->inc_recurse;
		int next = fl->ndx_start + fl->used + 1;
		flist_free(fl);
		fl = new_list(next);
	}
	out->consumed = pos;
	for (int i = 0; i < dirs.used; i++)
		FUZZ_CHECK(S_ISDIR(dirs.dirs[i].mode) && !dirs.dirs[i].link);
	if (fl)
		flist_free(fl);
	dirlist_free(&dirs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct flist_opts o;
	struct chunker ch;
	struct outcome whole, pieces;

	if (size < HDR_BYTES)
		return 0;
	fuzz_flist_opts(data, &o);
	chunker_init(&ch, data[FUZZ_FLIST_OPT_BYTES]);
	decode(&o, data + HDR_BYTES, size - HDR_BYTES, NULL, &whole);
	decode(&o, data + HDR_BYTES, size - HDR_BYTES, &ch, &pieces);
	FUZZ_CHECK(whole.end == pieces.end);
	FUZZ_CHECK(whole.consumed == pieces.consumed);
	FUZZ_CHECK(whole.entries == pieces.entries && whole.lists == pieces.lists);
	FUZZ_CHECK(whole.hash == pieces.hash);
	FUZZ_CHECK(strcmp(whole.err, pieces.err) == 0);
	return 0;
}
