#include "sendstream.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "report.h"

#define MAX_BLOCK_SIZE (1 << 17)
#define FNAMECMP_FNAME 0x80	/* basis types (rsync.h) */
#define FNAMECMP_FUZZY 0x83	/* and FUZZY + N for the Nth --*-dest */
#define OLD_MAX_BLOCK_SIZE (1 << 29)

/* Flags of the compressed token framing (rsync's token.c). */
#define TOKEN_END 0x00
#define TOKEN_DEFLATED 0x40	/* + 6 high bits of a 14-bit length */
#define TOKEN_REL 0x80		/* + 6-bit relative token number */
#define TOKEN_RUN_REL 0xC0	/* the same with a 16-bit run count */

int ss_init(struct sendstream *ss, const struct ss_params *p)
{
	memset(ss, 0, sizeof *ss);
	ss->p = *p;
	ndx_state_init(&ss->ndx);
	flist_state_init(&ss->fst);
	ss->max_phase = p->fo.protocol >= 29 ? 2 : 1;
	ss->state = SS_FLIST;
	if (p->resign)
		seed_resign_init(&ss->rs, p->seed_src, p->seed_dest);
	ss->building = calloc(1, sizeof *ss->building);
	if (!ss->building)
		return -1;
	ss->building->ndx_start = p->fo.inc_recurse ? 1 : 0;
	ss->building->parent_ndx = -1;
	ss->events = SS_EV_FLIST_START;
	ss->cur_index = -1;
	return 0;
}

void ss_free(struct sendstream *ss)
{
	while (ss->first) {
		struct flist *n = ss->first->next;
		flist_free(ss->first);
		ss->first = n;
	}
	if (ss->building)
		flist_free(ss->building);
	dirlist_free(&ss->dirs);
	ss->building = ss->last = NULL;
}

static int fail(struct sendstream *ss, const char *fmt, long a, long b)
{
	snprintf(ss->err, sizeof ss->err, fmt, a, b);
	return -1;
}

/* Turns a parser result into ss_step's return value. */
static int result(struct sendstream *ss, ptrdiff_t n, size_t *used, int *drop, int dropit)
{
	if (n == WIRE_NEED_MORE)
		return 0;
	if (n < 0) {
		if (!ss->err[0])
			snprintf(ss->err, sizeof ss->err, "invalid data in the sender's stream");
		return -1;
	}
	*used = (size_t)n;
	*drop = dropit;
	return 1;
}

/* A list is complete: sort it, give it its place among the live lists. */
static int finish_list(struct sendstream *ss)
{
	struct flist *fl = ss->building;

	if (flist_finish(fl, ss->p.fo.inc_recurse ? &ss->dirs : NULL, ss->p.fo.protocol,
			 (ss->p.fo.unsorted ? 0 : FLIST_SORT) |
			 (ss->p.fo.relative_paths ? FLIST_STRIP_ROOT : 0)) < 0)
		return fail(ss, "out of memory", 0, 0);
	if (ss->nlists == 0 && fl->used == 0)
		ss->first_list_empty = 1;
	/* The first incremental list holds the top directory itself, which
	 * then also stands for the list (index 0 of the directories). */
	if (ss->nlists == 0 && ss->p.fo.inc_recurse && fl->used && ss->dirs.used) {
		const char *n = fl->files[0].name, *base = strrchr(n, '/');
		if (strcmp(base ? base + 1 : n, ".") == 0)
			fl->parent_ndx = 0;
	}
	fl->num = ss->nlists + (ss->p.fo.inc_recurse ? 1 : 0);
	ss->nlists++;
	if (ss->last)
		ss->last->next = fl;
	else
		ss->first = fl;
	if (!ss->cur && ss->nlists == 1)
		ss->cur = fl;
	ss->last = fl;
	ss->building = NULL;
	ss->state = SS_NDX;
	ss->events |= SS_EV_FLIST_DONE;
	return 0;
}

/* rsync's stats count everything not regular, a directory, a symlink
 * or a device as a special file (mode 0 of --delete-missing-args too). */
static int kind_of(uint32_t mode)
{
	if (S_ISDIR(mode))
		return SK_DIR;
	if (S_ISLNK(mode))
		return SK_LINK;
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return SK_DEV;
	return SK_SPECIAL;
}

/* Hostile sizes are up to INT64_MAX each: sums saturate. */
static int64_t sat_add(int64_t a, int64_t b)
{
	return b > 0 && a > INT64_MAX - b ? INT64_MAX : a + b;
}

/* What the sender counts for a record it sends (rsync's send_files). */
static void count_item(struct sendstream *ss, int iflags)
{
	struct xfer_stats *st = &ss->st;
	uint32_t mode = ss->item->mode;

	if (!(iflags & ITEM_TRANSFER)) {
		if (iflags & ITEM_IS_NEW) {
			st->created[SK_ALL]++;
			if (!S_ISREG(mode))
				st->created[kind_of(mode)]++;
		}
		return;
	}
	/* a file sent again in the redo phase was created already */
	if (ss->phase == 0 && (iflags & ITEM_IS_NEW))
		st->created[SK_ALL]++;
	st->xferred_files++;
	st->total_transferred_size = sat_add(st->total_transferred_size, ss->item->size);
}

/* Matched blocks first..first+n-1: each the block length, the last
 * block of the basis only its remainder. */
static void count_match(struct sendstream *ss, int64_t first, int64_t n)
{
	int64_t last = (int64_t)ss->sum_count - 1;

	ss->file_matched += n * ss->blength;
	if (ss->remainder && last >= first && last < first + n)
		ss->file_matched -= ss->blength - ss->remainder;
}

/* A file's data is complete: with compression only the matched part is
 * visible, and the literal part is what the file's length leaves. */
static void count_file_end(struct sendstream *ss)
{
	if (ss->p.compressed) {
		int64_t base = 0, lit;

		if (ss->p.append_mode && ss->sum_count)
			base = (int64_t)(ss->sum_count - 1) * ss->blength +
			       (ss->remainder ? ss->remainder : ss->blength);
		lit = ss->item->size - base - ss->file_matched;
		ss->file_literal = lit > 0 ? lit : 0;
	}
	ss->st.literal_data = sat_add(ss->st.literal_data, ss->file_literal);
	ss->st.matched_data = sat_add(ss->st.matched_data, ss->file_matched);
}

/* The uid/gid lists after a non-incremental list are in: protocol 29
 * sends the io_error next, later ones have completed the list. */
static int id_lists_done(struct sendstream *ss)
{
	if (ss->p.fo.protocol < 30) {
		ss->state = SS_IOERR;
		return 0;
	}
	return finish_list(ss);
}

/* A refusal in rsync's words, with rsync's exit code. */
static int refuse(struct sendstream *ss, int code)
{
	ss->err_code = code;
	return -1;
}

/* Before protocol 30 a directory after a top directory counts as content
 * when the part of its name shared with the entry before reaches past
 * the top directory's name (rsync's in_del_hier); the shared length is
 * the sender's to choose.  So an implied parent goes on with its name
 * whole (shared length 0) as well as without XMIT_TOP_DIR. */
static int whole_name(struct sendstream *ss, const struct fentry *e, uint32_t xflags)
{
	size_t nlen = strlen(e->name), k;
	unsigned char *o = ss->subst;

	xflags &= ~(uint32_t)(XMIT_SAME_NAME | XMIT_LONG_NAME);
	/* protocol 27 has one flag byte, which must not be 0: rsync's sender
	 * then sets XMIT_LONG_NAME on a directory */
	if (nlen > 255 || (ss->p.fo.protocol < 28 && !(xflags & 0xFF)))
		xflags |= XMIT_LONG_NAME;
	k = flist_encode_xflags(xflags, ss->p.fo.varint_flags, ss->p.fo.protocol, o);
	if (!k || nlen >= RELAY_MAXPATHLEN) {
		snprintf(ss->err, sizeof ss->err, "ERROR: implied directory %s has flags 0x%x",
			 e->name, (unsigned)ss->fst.xflags);
		return refuse(ss, RERR_PROTOCOL);
	}
	if (xflags & XMIT_LONG_NAME) {
		wire_put_u32(o + k, (uint32_t)nlen);	/* an int before protocol 30 */
		k += 4;
	} else
		o[k++] = (unsigned char)nlen;
	memcpy(o + k, e->name, nlen);
	ss->subst_len = k + nlen;
	ss->subst_skip = ss->fst.name_end;
	return 0;
}

/* The checks a receiving client makes on an entry: with incremental
 * recursion a list holds one directory's entries (rsync's receiver makes
 * this check itself, but not before 3.2.5); then what the request allows
 * (trust.h), which may make an implied parent's flags honest. */
static int check_entry(struct sendstream *ss, const struct fentry *e)
{
	uint32_t xflags = ss->fst.xflags;
	const struct flist *fl = ss->building;
	int code;

	if (ss->p.fo.inc_recurse) {
		const char *dir = "";
		if (ss->nlists && fl->parent_ndx >= 0 && fl->parent_ndx < ss->dirs.used)
			dir = ss->dirs.dirs[fl->parent_ndx].name;
		code = trust_check_sublist_entry(dir, e->name, ss->p.fo.relative_paths, ss->err,
						 sizeof ss->err);
		if (code)
			return refuse(ss, code);
	}
	if (!ss->p.trust)
		return 0;
	code = trust_check_entry(ss->p.trust, e->name, e->mode, &xflags, ss->err, sizeof ss->err);
	if (code)
		return refuse(ss, code);
	if (xflags != ss->fst.xflags) {
		if (ss->p.fo.protocol < 30)
			return whole_name(ss, e, xflags);
		ss->subst_len = flist_encode_xflags(xflags, ss->p.fo.varint_flags, ss->p.fo.protocol,
						    ss->subst);
		ss->subst_skip = (size_t)ss->fst.xflags_len;
		if (!ss->subst_len) {
			snprintf(ss->err, sizeof ss->err,
				 "ERROR: implied directory %s has flags 0x%x", e->name,
				 (unsigned)ss->fst.xflags);
			return refuse(ss, RERR_PROTOCOL);
		}
	}
	return 0;
}

/* File list size (see ss_set_frame). */
static void count_list(struct sendstream *ss, size_t n)
{
	if (!ss->frame)
		ss->st.flist_size += (int64_t)n;
	else if (ss->nlists == 0 && ss->counted_frame != ss->frame) {
		ss->counted_frame = ss->frame;
		ss->st.flist_size += ss->frame_bytes;
	}
}

static int step_flist(struct sendstream *ss, const unsigned char *buf, size_t len,
		      size_t *used, int *drop)
{
	struct fentry e;
	enum flist_item kind;
	int io_error = 0;
	ptrdiff_t n = flist_parse_item(&ss->fst, &ss->p.fo, ss->building, buf, len, &kind, &e,
				       &io_error, ss->err, sizeof ss->err);

	if (n < 0)
		return result(ss, n, used, drop, 0);
	count_list(ss, (size_t)n);
	if (kind == FLIST_ENTRY && check_entry(ss, &e) < 0) {
		fentry_free(&e);
		return -1;
	}
	if (kind == FLIST_ENTRY && ss->p.max_alloc && !flist_can_add(ss->building, ss->p.max_alloc)) {
		fentry_free(&e);
		snprintf(ss->err, sizeof ss->err, "[Receiver] exceeded --max-alloc=%llu setting",
			 (unsigned long long)ss->p.max_alloc);
		return refuse(ss, RERR_MALLOC);
	}
	if (kind == FLIST_ENTRY) {
		/* Sizes are up to INT64_MAX each: the sum saturates rather
		 * than overflow. */
		if (S_ISREG(e.mode) || S_ISLNK(e.mode))
			ss->total_size = sat_add(ss->total_size, e.size);
		ss->st.num_files[SK_ALL]++;
		ss->events |= SS_EV_ENTRY;
		if (!S_ISREG(e.mode))
			ss->st.num_files[kind_of(e.mode)]++;
		if (flist_add(ss->building, &e) < 0) {
			fentry_free(&e);
			return fail(ss, "out of memory", 0, 0);
		}
	} else {
		if (!ss->p.ignore_errors)
			ss->io_error |= io_error & IOERR_VALID_MASK;
		if (ss->p.fo.inc_recurse) {
			if (finish_list(ss) < 0)
				return -1;
		} else {
			ss->state = SS_IDLIST;
			/* Lists of no bytes at all (--numeric-ids, or no -o
			 * and -g) end here: the caller steps again only when
			 * more bytes come, and after an empty file list the
			 * sender sends none. */
			if (flist_parse_id_lists(&ss->p.fo, buf + n, 0, ss->err, sizeof ss->err) == 0 &&
			    id_lists_done(ss) < 0)
				return -1;
		}
	}
	return result(ss, n, used, drop, 0);
}

/* The list holding ndx: either one of its files, or ndx_start - 1, the
 * directory whose contents the list is (incremental recursion). */
static struct flist *list_for_ndx(struct sendstream *ss, int32_t ndx)
{
	for (struct flist *fl = ss->first; fl; fl = fl->next)
		if (ndx >= fl->ndx_start - 1 && ndx < fl->ndx_start + fl->used)
			return fl;
	return NULL;
}

static void set_item(struct sendstream *ss, struct flist *fl, int32_t ndx, int iflags)
{
	static const struct fentry top = { .name = ".", .mode = WIRE_MODE_IFDIR };
	int i = ndx - fl->ndx_start;

	/* ndx_start - 1 is the directory the list holds the contents of. */
	ss->item = &top;
	if (i >= 0)
		ss->item = &fl->files[i];
	else if (fl->parent_ndx >= 0 && fl->parent_ndx < ss->dirs.used)
		ss->item = &ss->dirs.dirs[fl->parent_ndx];
	ss->item_ndx = ndx;
	ss->item_iflags = iflags;
	/* rsync numbers files across lists without the gaps between them */
	ss->cur_index = ndx - fl->num;
	ss->cur = fl;
}

/* A phase end: with incremental recursion it first retires the oldest
 * list; only when none is left does it end a phase. */
static void phase_end(struct sendstream *ss)
{
	if (ss->p.fo.inc_recurse && ss->first) {
		struct flist *fl = ss->first;
		ss->first = fl->next;
		if (!ss->first)
			ss->last = NULL;
		if (ss->cur == fl)
			ss->cur = fl->next;
		flist_free(fl);
		if (ss->first)
			return;
	}
	if (++ss->phase > ss->max_phase)
		ss->state = SS_STATS;
}

/* The deletion counts the sender echoes from the generator (rsync's
 * read_del_stats): files of no other kind, then directories, symlinks,
 * devices, specials.  Returns bytes used or a WIRE_* code. */
_Static_assert(SK_KINDS == WIRE_DEL_STATS, "one deletion count per kind");

static ptrdiff_t del_stats(struct sendstream *ss, const unsigned char *buf, size_t len)
{
	int32_t v[WIRE_DEL_STATS];
	ptrdiff_t n = wire_read_del_stats(buf, len, v);

	if (n == WIRE_BAD)
		fail(ss, "Invalid deletion counts from the sender", 0, 0);
	if (n < 0)
		return n;
	ss->st.deleted[SK_ALL] = 0;
	for (int i = 0; i < SK_KINDS; i++) {
		if (i)
			ss->st.deleted[i] = v[i];
		ss->st.deleted[SK_ALL] += v[i];
	}
	return n;
}

/* The goodbye after the statistics: NDX_DONE echoes and, from protocol
 * 31, the deletion counts; anything else goes on unread (the receiver
 * judges it). */
static int step_tail(struct sendstream *ss, const unsigned char *buf, size_t len,
		     size_t *used, int *drop)
{
	struct ndx_state saved = ss->ndx;
	int32_t ndx;
	ptrdiff_t n, k;

	if (!ss->tail_raw) {
		n = wire_read_ndx(&ss->ndx, ss->p.fo.protocol, buf, len, &ndx);
		if (n == WIRE_NEED_MORE)
			return 0;
		if (n >= 0 && ndx == NDX_DONE)
			return result(ss, n, used, drop, 0);
		if (n >= 0 && ndx == NDX_DEL_STATS) {
			k = del_stats(ss, buf + n, len - (size_t)n);
			if (k == WIRE_NEED_MORE) {
				ss->ndx = saved;
				return 0;
			}
			if (k >= 0)
				return result(ss, n + k, used, drop, 0);
		}
		ss->ndx = saved;
		ss->err[0] = '\0';
		ss->tail_raw = 1;
	}
	*used = len;
	return len ? 1 : 0;
}

static int step_ndx(struct sendstream *ss, const unsigned char *buf, size_t len,
		    size_t *used, int *drop)
{
	struct ndx_state saved = ss->ndx;
	int proto = ss->p.fo.protocol;
	size_t pos;
	int32_t ndx;
	ptrdiff_t n = wire_read_ndx(&ss->ndx, proto, buf, len, &ndx);
	int iflags;
	struct flist *fl;

	if (n < 0) {
		ss->ndx = saved;
		if (n == WIRE_BAD)
			return fail(ss, "Invalid file index from the sender", 0, 0);
		return 0;
	}
	pos = (size_t)n;

	if (ndx == NDX_DONE) {
		ss->events |= SS_EV_DONE;
		ss->done_last = ss->cur ? ss->cur->ndx_start + ss->cur->used - 1 - ss->cur->num : -1;
		phase_end(ss);
		return result(ss, n, used, drop, 0);
	}
	if (ndx == NDX_DEL_STATS) {
		ptrdiff_t k = del_stats(ss, buf + pos, len - pos);
		if (k < 0) {
			ss->ndx = saved;
			return result(ss, k, used, drop, 0);
		}
		return result(ss, (ptrdiff_t)pos + k, used, drop, 0);
	}
	if (ndx < 0) {
		if (!ss->p.fo.inc_recurse)
			return fail(ss, "Invalid file index: %ld from the sender", ndx, 0);
		if (ndx == NDX_FLIST_EOF) {
			ss->flist_eof = 1;
			return result(ss, n, used, drop, 0);
		}
		if (ndx > NDX_FLIST_OFFSET || NDX_FLIST_OFFSET - ndx >= ss->dirs.used)
			return fail(ss, "Invalid dir index: %ld from the sender", ndx, 0);
		if (ss->flist_eof)
			return fail(ss, "a file list arrived after the last one (%ld)", ndx, 0);
		/* rsync's receiver refuses these from 3.4.0 on; older ones,
		 * and the relay's own bookkeeping, must not see them either */
		int32_t dir = NDX_FLIST_OFFSET - ndx;
		if (!ss->first) {
			snprintf(ss->err, sizeof ss->err,
				 "rsync: refusing sub-flist after final flist was freed");
			return refuse(ss, RERR_PROTOCOL);
		}
		if (ss->dirs.got_list[dir]) {
			snprintf(ss->err, sizeof ss->err,
				 "rsync: refusing malicious duplicate flist for dir %ld", (long)dir);
			return refuse(ss, RERR_PROTOCOL);
		}
		ss->dirs.got_list[dir] = 1;
		if (!(ss->building = calloc(1, sizeof *ss->building)))
			return fail(ss, "out of memory", 0, 0);
		ss->building->ndx_start = ss->last ? ss->last->ndx_start + ss->last->used + 1 : 1;
		ss->building->parent_ndx = NDX_FLIST_OFFSET - ndx;
		ss->state = SS_FLIST;
		return result(ss, n, used, drop, 0);
	}

	/* A file record: iflags, then what they say follows. */
	if (proto >= 29) {
		if (len - pos < 2) {
			ss->ndx = saved;
			return 0;
		}
		iflags = wire_get_u16(buf + pos);
		pos += 2;
	} else
		iflags = ITEM_TRANSFER;
	if (proto < 30 && ss->first && ndx == ss->first->used && iflags == ITEM_IS_NEW)
		return result(ss, (ptrdiff_t)pos, used, drop, 0); /* protocol-29 keep-alive */
	if (!(fl = list_for_ndx(ss, ndx)))
		return fail(ss, "File-list index %ld not in the sender's lists", ndx, 0);
	int basis = FNAMECMP_FNAME;
	if (iflags & ITEM_BASIS_TYPE_FOLLOWS) {
		if (len - pos < 1) {
			ss->ndx = saved;
			return 0;
		}
		basis = buf[pos++];
	}
	ss->item_xname[0] = '\0';
	if (iflags & ITEM_XNAME_FOLLOWS) {
		const unsigned char *s;
		size_t slen;
		ptrdiff_t k = wire_read_vstring(buf + pos, len - pos, &s, &slen);
		if (k < 0) {
			ss->ndx = saved;
			return result(ss, k, used, drop, 0);
		}
		if (slen >= sizeof ss->item_xname)
			return fail(ss, "over-long name in a file record (%ld)", (long)slen, 0);
		memcpy(ss->item_xname, s, slen);
		ss->item_xname[slen] = '\0';
		pos += (size_t)k;
		/* A fuzzy or --*-dest basis is opened by that name in a
		 * directory of the destination's: receivers before 3.4.0 do
		 * not clean it (CVE-2024-12086), so one that leads out of
		 * it is refused here. */
		if (basis >= FNAMECMP_FUZZY && flist_unsafe_name(ss->item_xname, 0)) {
			snprintf(ss->err, sizeof ss->err,
				 "ABORTING due to unsafe basis name from sender: %s", ss->item_xname);
			return refuse(ss, RERR_UNSUPPORTED);
		}
	}
	set_item(ss, fl, ndx, iflags);
	ss->state = SS_NDX;
	if (iflags & ITEM_TRANSFER) {
		if (ndx < fl->ndx_start || !S_ISREG(ss->item->mode))
			return fail(ss, "received request to transfer non-regular file: %ld", ndx, 0);
		if (ss->phase == 2)
			return fail(ss, "got transfer request in phase 2 (%ld)", ndx, 0);
		if (ss->p.do_xfers) {
			ss->state = SS_SUMHEAD;
			ss->pending_log = !ss->p.log_before;
			ss->events |= SS_EV_XFER_START;
		}
	}
	count_item(ss, iflags);
	if (!ss->pending_log)
		ss->events |= SS_EV_ITEM;
	/* The values of the xattrs the generator asked for come first. */
	if (ss->p.fo.preserve_xattrs && (iflags & ITEM_REPORT_XATTR) && ss->p.do_xfers &&
	    !(ss->p.want_xattr_optim && (iflags & ITEM_XNAME_FOLLOWS) &&
	      (iflags & ITEM_LOCAL_CHANGE))) {
		ss->after_xattr = ss->state;
		ss->state = SS_XATTR;
	}
	return result(ss, (ptrdiff_t)pos, used, drop, 0);
}

static int step_sumhead(struct sendstream *ss, const unsigned char *buf, size_t len,
			size_t *used, int *drop)
{
	int proto = ss->p.fo.protocol;
	size_t need = proto >= 27 ? 16 : 12;
	int32_t count, blength, s2length, remainder;
	int32_t max_blength = proto < 30 ? OLD_MAX_BLOCK_SIZE : MAX_BLOCK_SIZE;

	if (len < need)
		return 0;
	count = (int32_t)wire_get_u32(buf);
	blength = (int32_t)wire_get_u32(buf + 4);
	s2length = proto >= 27 ? (int32_t)wire_get_u32(buf + 8) : 2;
	remainder = (int32_t)wire_get_u32(buf + need - 4);
	if (count < 0)
		return fail(ss, "Invalid checksum count %ld", count, 0);
	if (blength < 0 || blength > max_blength || (count && !blength))
		return fail(ss, "Invalid block length %ld", blength, 0);
	if (s2length < 0 || s2length > ss->p.xfer_sum_len)
		return fail(ss, "Invalid checksum length %ld", s2length, 0);
	if (remainder < 0 || remainder > blength)
		return fail(ss, "Invalid remainder length %ld", remainder, 0);
	ss->sum_count = count;
	ss->blength = blength;
	ss->remainder = remainder;
	ss->token = 0;
	ss->file_literal = ss->file_matched = 0;
	ss->lz4.out = 0;
	deflate_count_reset(&ss->dc);
	ss->in_deflated = 0;
	ss->state = SS_TOKEN;
	if (ss->p.resign)
		seed_resign_start(&ss->rs);
	return result(ss, (ptrdiff_t)need, used, drop, 0);
}

/* Where the file's data has got to: with lz4 in unpacked bytes, with
 * the other compressions only in the compressed ones. */
static int64_t file_pos(const struct sendstream *ss)
{
	if (ss->p.compressed && ss->p.zip == SS_ZIP_LZ4)
		return ss->lz4.out + ss->file_matched;
	if (ss->p.compressed && ss->p.zip == SS_ZIP_DEFLATE)
		return ss->dc.out + ss->file_matched;
	return ss->file_literal + ss->file_matched;
}

int ss_data_counted(const struct sendstream *ss)
{
	return !ss->p.compressed || ss->p.zip == SS_ZIP_LZ4 ||
	       (ss->p.zip == SS_ZIP_DEFLATE && !ss->dc.bad);
}

static int step_token(struct sendstream *ss, const unsigned char *buf, size_t len,
		      size_t *used, int *drop)
{
	if (!ss->p.compressed) {
		int32_t n;
		if (len < 4)
			return 0;
		n = (int32_t)wire_get_u32(buf);
		if (n != 0) {
			ss->data_ofs = ss->file_literal + ss->file_matched;
			ss->events |= SS_EV_DATA;
		}
		if (n > 0) {
			ss->literal_left = n;
			ss->file_literal += n;
			ss->state = SS_LITERAL;
		} else if (n == 0) {
			count_file_end(ss);
			ss->state = SS_FILESUM;
		} else if (-(int64_t)n - 1 >= ss->sum_count)
			return fail(ss, "Invalid block index %ld (of %ld)", -(long)n - 1,
				    ss->sum_count);
		else {
			count_match(ss, -(int64_t)n - 1, 1);
			if (ss->p.resign)
				seed_resign_match(&ss->rs);
		}
		return result(ss, 4, used, drop, 0);
	}

	/* The flag-byte framing shared by zlib, zlibx, zstd and lz4. */
	if (len < 1)
		return 0;
	unsigned flag = buf[0];
	size_t need;
	if (ss->in_deflated && (flag & 0xC0) != TOKEN_DEFLATED) {
		/* the sync flush's last bytes, which the sender leaves out */
		deflate_count_sync_end(&ss->dc);
		ss->in_deflated = 0;
	}
	if (flag == TOKEN_END) {
		count_file_end(ss);
		ss->state = SS_FILESUM;
		return result(ss, 1, used, drop, 0);
	}
	if ((flag & 0xC0) == TOKEN_DEFLATED) {
		if (len < 2)
			return 0;
		ss->literal_left = (int64_t)((flag & 0x3F) << 8 | buf[1]);
		ss->data_ofs = file_pos(ss);
		ss->events |= SS_EV_DATA;
		lz4_count_block(&ss->lz4);
		ss->in_deflated = ss->p.zip == SS_ZIP_DEFLATE;
		/* compressed bytes (the file's are worked out at its end) */
		ss->file_literal += ss->literal_left;
		if (ss->literal_left)
			ss->state = SS_LITERAL;
		return result(ss, 2, used, drop, 0);
	}
	/* A block match: relative to the last one or a whole index, maybe
	 * with a run of the blocks that follow it. */
	int run_follows = (flag & TOKEN_REL) ? (flag & TOKEN_RUN_REL) == TOKEN_RUN_REL : flag & 1;
	int64_t token, run = 0;
	size_t at;
	if (flag & TOKEN_REL) {
		token = (int64_t)ss->token + (flag & 0x3F);
		at = 1;
	} else {
		if (len < 5)
			return 0;
		token = (int32_t)wire_get_u32(buf + 1);
		at = 5;
	}
	need = at + (run_follows ? 2 : 0);
	if (len < need)
		return 0;
	if (run_follows)
		run = buf[at] | (int64_t)buf[at + 1] << 8;
	if (token < 0 || token + run >= ss->sum_count)
		return fail(ss, "Invalid block index %ld (of %ld)", (long)(token + run),
			    ss->sum_count);
	ss->data_ofs = file_pos(ss);
	ss->events |= SS_EV_DATA;
	count_match(ss, token, run + 1);
	ss->token = (int32_t)(token + run);
	return result(ss, (ptrdiff_t)need, used, drop, 0);
}

static int step_stats(struct sendstream *ss, const unsigned char *buf, size_t len,
		      size_t *used, int *drop)
{
	int count = ss->p.fo.protocol >= 29 ? 5 : 3;
	size_t pos = 0;
	int64_t v[5];

	for (int i = 0; i < count; i++) {
		ptrdiff_t k = wire_read_varlong30(buf + pos, len - pos, ss->p.fo.protocol, 3, &v[i]);
		if (k < 0)
			return result(ss, k, used, drop, 1);
		pos += (size_t)k;
	}
	memcpy(ss->stats, v, sizeof v[0] * (size_t)count);
	ss->stats_count = count;
	ss->state = SS_TAIL;
	ss->events |= SS_EV_STATS;
	return result(ss, (ptrdiff_t)pos, used, drop, 1);
}

/* Bytes the grammar does not look into (literal data, xattr values):
 * forwarded as they come, without waiting for the whole run. */
static int pass_through(struct sendstream *ss, size_t len, size_t *used, enum ss_state next)
{
	if (!len)
		return 0;
	*used = (size_t)(ss->literal_left < (int64_t)len ? ss->literal_left : (int64_t)len);
	ss->literal_left -= (int64_t)*used;
	if (!ss->literal_left)
		ss->state = next;
	return 1;
}

static int step_any(struct sendstream *ss, const unsigned char *buf, size_t len,
		    size_t *used, int *drop)
{
	ptrdiff_t n;

	*used = 0;
	*drop = 0;
	ss->subst_len = 0;
	switch (ss->state) {
	case SS_FLIST:
		return step_flist(ss, buf, len, used, drop);
	case SS_IDLIST:
		n = flist_parse_id_lists(&ss->p.fo, buf, len, ss->err, sizeof ss->err);
		if (n >= 0) {
			count_list(ss, (size_t)n);
			if (id_lists_done(ss) < 0)
				return -1;
		}
		return result(ss, n, used, drop, 0);
	case SS_IOERR:
		if (len < 4)
			return 0;
		if (!ss->p.ignore_errors)
			ss->io_error |= (int)wire_get_u32(buf) & IOERR_VALID_MASK;
		count_list(ss, 4);
		if (finish_list(ss) < 0)
			return -1;
		return result(ss, 4, used, drop, 0);
	case SS_NDX:
		return step_ndx(ss, buf, len, used, drop);
	case SS_SUMHEAD:
		return step_sumhead(ss, buf, len, used, drop);
	case SS_TOKEN:
		return step_token(ss, buf, len, used, drop);
	case SS_LITERAL: {
		int k = pass_through(ss, len, used, SS_TOKEN);

		if (k > 0 && ss->p.resign)
			seed_resign_data(&ss->rs, buf, *used);
		if (k > 0 && ss->p.compressed && ss->p.zip == SS_ZIP_LZ4)
			lz4_count_feed(&ss->lz4, buf, *used);
		else if (k > 0 && ss->p.compressed && ss->p.zip == SS_ZIP_DEFLATE)
			deflate_count_feed(&ss->dc, buf, *used);
		return k;
	}
	case SS_FILESUM:
		if (len < (size_t)ss->p.xfer_sum_len)
			return 0;
		ss->state = SS_NDX;
		ss->events |= SS_EV_XFER_END;
		if (ss->pending_log) {
			ss->pending_log = 0;
			ss->events |= SS_EV_ITEM;
		}
		*used = (size_t)ss->p.xfer_sum_len;
		/* the receiver's own seed in the checksum it verifies */
		if (ss->p.resign && *used == 16 && seed_resign_sum(&ss->rs, buf, ss->subst)) {
			ss->subst_len = 16;
			ss->subst_skip = 16;
		}
		return 1;
	case SS_XATTR: {
		int32_t rel, vlen = 0;
		ptrdiff_t k = wire_read_varint(buf, len, &rel), m = 0;
		if (k >= 0 && rel != 0) {
			m = wire_read_varint(buf + k, len - (size_t)k, &vlen);
			if (m >= 0 && vlen < 0)
				return fail(ss, "invalid xattr value length %ld", vlen, 0);
		}
		if (k < 0 || m < 0)
			return result(ss, k < 0 ? k : m, used, drop, 0);
		if (rel == 0)
			ss->state = ss->after_xattr;
		else if (vlen) {
			ss->literal_left = vlen;
			ss->state = SS_XATTR_DATA;
		}
		return result(ss, k + m, used, drop, 0);
	}
	case SS_XATTR_DATA:
		return pass_through(ss, len, used, SS_XATTR);
	case SS_STATS:
		return step_stats(ss, buf, len, used, drop);
	case SS_TAIL:
		return step_tail(ss, buf, len, used, drop);
	}
	return -1;
}

int ss_step(struct sendstream *ss, const unsigned char *buf, size_t len, size_t *used,
	    int *drop)
{
	enum ss_state before = ss->state;
	int r = step_any(ss, buf, len, used, drop);

	if (r <= 0)
		return r;
	/* A transferred file's data: what rsync counts as its %b. */
	if (before == SS_SUMHEAD)
		ss->item_bytes = 0;
	if (before >= SS_SUMHEAD && before <= SS_FILESUM)
		ss->item_bytes += (int64_t)*used;
	if (before == SS_FILESUM)
		memcpy(ss->item_sum, buf, (size_t)ss->p.xfer_sum_len);
	return r;
}
