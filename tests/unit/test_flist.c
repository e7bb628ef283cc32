/* Unit tests of the file-list parser (flist.h).
 *
 * Every entry is written out byte by byte from the file-list format that a
 * receiving rsync reads (one comment per field); none comes from an
 * encoder.  The encodings used:
 *
 *   byte      1 byte
 *   int       4 bytes, little-endian
 *   varint    a first byte whose leading 1 bits count the bytes that
 *             follow; those bytes are the low bytes of the value (little-
 *             endian) and the first byte's remaining bits sit above them:
 *             0..0x7F is one byte, 0x80..0x3FFF is 0x80|hi, lo
 *   varlong(n) the same with at least n bytes: n-1 low bytes always follow
 *             the first byte (1000 with n=3 is 00 E8 03)
 *   varint30 / varlong30  a varint / varlong(n) from protocol 30, an int
 *             (a "longint" for a varlong30: an int, or FF FF FF FF and an
 *             8-byte value) before
 *
 * Each valid item is also checked cut short at every length: the parser
 * must answer WIRE_NEED_MORE and leave its state alone.  The bytes always
 * sit in a heap block of exactly their size, so under AddressSanitizer a
 * read past the end fails the test.
 */
#include "suites.h"
#include "flist.h"
#include "wire.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>


/* Modes as sent on the wire (Linux values). */
#define M_FILE 0100644
#define M_DIR 040755
#define M_LINK 0120777
#define M_CHR 020644
#define M_BLK 060660
#define M_FIFO 010644
#define M_SOCK 0140755

/* 0100644 as an int */
#define MODE_FILE 0xA4, 0x81, 0x00, 0x00
/* 040755 */
#define MODE_DIR 0xED, 0x41, 0x00, 0x00
/* 0120777 */
#define MODE_LINK 0xFF, 0xA1, 0x00, 0x00
/* 020644 */
#define MODE_CHR 0xA4, 0x21, 0x00, 0x00
/* 060660 */
#define MODE_BLK 0xB0, 0x61, 0x00, 0x00
/* 010644 */
#define MODE_FIFO 0xA4, 0x11, 0x00, 0x00
/* varlong(4) 1700000000 = 0x6553F100: first byte 0x65, then 00 F1 53 */
#define MTIME_1700000000 0x65, 0x00, 0xF1, 0x53
/* varlong(3) sizes */
#define SIZE_0 0x00, 0x00, 0x00
#define SIZE_5 0x00, 0x05, 0x00
#define SIZE_10 0x00, 0x0A, 0x00
#define SIZE_1000 0x00, 0xE8, 0x03

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static struct flist_opts opts32(void)
{
	struct flist_opts o;

	memset(&o, 0, sizeof o);
	o.protocol = 32;
	o.varint_flags = 1;
	o.safe_flist = 1;
	o.id0_names = 1;
	o.flist_csum_len = 16;
	return o;
}

static struct flist_opts opts29(void)
{
	struct flist_opts o;

	memset(&o, 0, sizeof o);
	o.protocol = 29;
	o.flist_csum_len = 16;
	return o;
}

static struct flist *new_list(int ndx_start)
{
	struct flist *fl = calloc(1, sizeof *fl);

	ck_assert_ptr_nonnull(fl);
	fl->ndx_start = ndx_start;
	fl->parent_ndx = -1;
	return fl;
}

static struct flist_state *new_state(void)
{
	struct flist_state *st = malloc(sizeof *st);

	ck_assert_ptr_nonnull(st);
	memset(st, 0, sizeof *st); /* padding too, for memcmp */
	flist_state_init(st);
	return st;
}

static unsigned char *exact_copy(const unsigned char *src, size_t n)
{
	unsigned char *p = malloc(n ? n : 1);

	REQUIRE(p != NULL, "out of memory");
	if (n)
		memcpy(p, src, n);
	return p;
}

struct parsed {
	enum flist_item kind;
	struct fentry e;
	int io_error;
};

static void expect_same_entry(const char *file, int line, const struct parsed *a,
			      const struct parsed *b)
{
	REQUIRE(a->kind == b->kind, "%s:%d: kind differs", file, line);
	if (a->kind == FLIST_END) {
		REQUIRE(a->io_error == b->io_error, "%s:%d: io_error differs", file, line);
		return;
	}
	REQUIRE(strcmp(a->e.name, b->e.name) == 0, "%s:%d: name differs", file, line);
	REQUIRE(!a->e.link == !b->e.link && (!a->e.link || strcmp(a->e.link, b->e.link) == 0),
		"%s:%d: link differs", file, line);
	REQUIRE(a->e.mode == b->e.mode && a->e.size == b->e.size && a->e.mtime == b->e.mtime &&
			a->e.uid == b->e.uid && a->e.gid == b->e.gid &&
			a->e.rdev_major == b->e.rdev_major,
		"%s:%d: attributes differ", file, line);
}

/* Parses one whole valid item of n bytes: every strict prefix gives
 * WIRE_NEED_MORE without touching the state or allocating; the exact bytes
 * and the bytes followed by more give n and the same item.  Then st moves
 * on as the parser left it and the item goes into *out. */
static void parse_ok_at(const char *file, int line, struct flist_state *st,
			const struct flist_opts *o, const struct flist *cur,
			const unsigned char *bytes, size_t n, struct parsed *out)
{
	struct flist_state *work = malloc(sizeof *work), *work2 = malloc(sizeof *work2);
	struct parsed tmp, tmp2;
	char err[256];
	unsigned char *p;
	ptrdiff_t r;

	REQUIRE(work && work2, "out of memory");
	for (size_t k = 0; k < n; k++) {
		memcpy(work, st, sizeof *st);
		p = exact_copy(bytes, k);
		memset(&tmp, 0x5A, sizeof tmp);
		err[0] = '\0';
		r = flist_parse_item(work, o, cur, p, k, &tmp.kind, &tmp.e, &tmp.io_error, err,
				     sizeof err);
		free(p);
		REQUIRE(r == WIRE_NEED_MORE,
			"%s:%d: prefix of %zu of %zu bytes returned %td (%s), expected WIRE_NEED_MORE",
			file, line, k, n, r, err);
		REQUIRE(memcmp(work, st, sizeof *st) == 0,
			"%s:%d: prefix of %zu bytes changed the state", file, line, k);
		REQUIRE(tmp.e.name == NULL && tmp.e.link == NULL,
			"%s:%d: prefix of %zu bytes left an allocated entry", file, line, k);
	}

	/* followed by bytes that belong to the next item */
	memcpy(work2, st, sizeof *st);
	p = malloc(n + 8);
	REQUIRE(p != NULL, "out of memory");
	memcpy(p, bytes, n);
	memset(p + n, 0xEE, 8);
	err[0] = '\0';
	r = flist_parse_item(work2, o, cur, p, n + 8, &tmp2.kind, &tmp2.e, &tmp2.io_error, err,
			     sizeof err);
	free(p);
	REQUIRE(r == (ptrdiff_t)n, "%s:%d: with trailing bytes: returned %td (%s), expected %zu",
		file, line, r, err, n);

	memcpy(work, st, sizeof *st);
	p = exact_copy(bytes, n);
	err[0] = '\0';
	r = flist_parse_item(work, o, cur, p, n, &out->kind, &out->e, &out->io_error, err,
			     sizeof err);
	free(p);
	REQUIRE(r == (ptrdiff_t)n, "%s:%d: returned %td (%s), expected %zu", file, line, r, err, n);
	expect_same_entry(file, line, out, &tmp2);
	REQUIRE(memcmp(work, work2, sizeof *work) == 0, "%s:%d: state depends on trailing bytes",
		file, line);
	if (tmp2.kind == FLIST_ENTRY)
		fentry_free(&tmp2.e);
	memcpy(st, work, sizeof *st);
	free(work);
	free(work2);
}

#define PARSE_OK(st, o, cur, out, ...)                                                 \
	do {                                                                            \
		static const unsigned char b_[] = {__VA_ARGS__};                         \
		parse_ok_at(__FILE__, __LINE__, (st), (o), (cur), b_, sizeof b_, (out)); \
	} while (0)

/* Expects WIRE_BAD and a message, with the state untouched. */
static void parse_bad_at(const char *file, int line, struct flist_state *st,
			 const struct flist_opts *o, const struct flist *cur,
			 const unsigned char *bytes, size_t n)
{
	struct flist_state *work = malloc(sizeof *work);
	struct parsed tmp;
	char err[256];
	unsigned char *p = exact_copy(bytes, n);
	ptrdiff_t r;

	REQUIRE(work != NULL, "out of memory");
	memcpy(work, st, sizeof *st);
	memset(&tmp, 0, sizeof tmp);
	err[0] = '\0';
	r = flist_parse_item(work, o, cur, p, n, &tmp.kind, &tmp.e, &tmp.io_error, err,
			     sizeof err);
	free(p);
	REQUIRE(r == WIRE_BAD, "%s:%d: returned %td, expected WIRE_BAD", file, line, r);
	REQUIRE(err[0] != '\0', "%s:%d: WIRE_BAD without a message", file, line);
	REQUIRE(memcmp(work, st, sizeof *st) == 0, "%s:%d: WIRE_BAD changed the state", file,
		line);
	REQUIRE(tmp.e.name == NULL && tmp.e.link == NULL, "%s:%d: WIRE_BAD left an entry", file,
		line);
	free(work);
}

#define PARSE_BAD(st, o, cur, ...)                                                 \
	do {                                                                        \
		static const unsigned char b_[] = {__VA_ARGS__};                     \
		parse_bad_at(__FILE__, __LINE__, (st), (o), (cur), b_, sizeof b_);   \
	} while (0)

static void expect_entry_at(const char *file, int line, const struct parsed *p,
			    const char *name, uint32_t mode, int64_t size, int64_t mtime)
{
	REQUIRE(p->kind == FLIST_ENTRY, "%s:%d: not an entry", file, line);
	REQUIRE(strcmp(p->e.name, name) == 0, "%s:%d: name \"%s\", expected \"%s\"", file, line,
		p->e.name, name);
	REQUIRE(p->e.mode == mode, "%s:%d: mode 0%o, expected 0%o", file, line, p->e.mode, mode);
	REQUIRE(p->e.size == size, "%s:%d: size %lld, expected %lld", file, line,
		(long long)p->e.size, (long long)size);
	REQUIRE(p->e.mtime == mtime, "%s:%d: mtime %lld, expected %lld", file, line,
		(long long)p->e.mtime, (long long)mtime);
}

#define EXPECT_ENTRY(p, name, mode, size, mtime) \
	expect_entry_at(__FILE__, __LINE__, (p), (name), (mode), (size), (mtime))

/* ------------------------------------------------------------------ */
/* Entries, protocol 32                                                */
/* ------------------------------------------------------------------ */

START_TEST(test_plain_file)
{
	struct flist_state *st = new_state();
	struct flist_opts o = opts32();
	struct flist *cur = new_list(0);
	struct parsed p;

	PARSE_OK(st, &o, cur, &p,
		 0x04,                     /* xflags varint: XMIT_EXTENDED_FLAGS, what a
					    * sender writes when no flag applies */
		 0x05, 'a', '.', 't', 'x', 't', /* l2 byte 5, the name */
		 SIZE_1000,                /* size varlong(3) */
		 MTIME_1700000000,         /* mtime varlong(4) */
		 MODE_FILE);               /* mode int */
	EXPECT_ENTRY(&p, "a.txt", M_FILE, 1000, 1700000000);
	ck_assert_ptr_null(p.e.link);
	/* the state now describes this entry */
	ck_assert_str_eq(st->lastname, "a.txt");
	ck_assert_int_eq(st->mode, M_FILE);
	ck_assert_int_eq(st->modtime, 1700000000);
	fentry_free(&p.e);
	flist_free(cur);
	free(st);
}
END_TEST

START_TEST(test_same_name)
{
	struct flist_state *st = new_state();
	struct flist_opts o = opts32();
	struct flist *cur = new_list(0);
	struct parsed p;

	PARSE_OK(st, &o, cur, &p,
		 0x04,                          /* xflags */
		 0x09, 'd', 'i', 'r', '/', 'f', 'i', 'l', 'e', '1', /* l2 9, name */
		 SIZE_1000, MTIME_1700000000, MODE_FILE);
	EXPECT_ENTRY(&p, "dir/file1", M_FILE, 1000, 1700000000);
	fentry_free(&p.e);

	PARSE_OK(st, &o, cur, &p,
		 0x80, 0xA2,  /* xflags varint 0xA2: XMIT_SAME_NAME | XMIT_SAME_TIME |
			       * XMIT_SAME_MODE (two bytes: 0x80 | 0, then 0xA2) */
		 0x08,        /* l1: 8 bytes of "dir/file1" */
		 0x01, '2',   /* l2 1, "2" */
		 SIZE_5);     /* size; time and mode as before */
	EXPECT_ENTRY(&p, "dir/file2", M_FILE, 5, 1700000000);
	fentry_free(&p.e);

	/* l1 may take all of the previous name, and l2 may be 0 */
	PARSE_OK(st, &o, cur, &p,
		 0x80, 0xA2, /* XMIT_SAME_NAME | XMIT_SAME_TIME | XMIT_SAME_MODE */
		 0x09,       /* l1 9: all of "dir/file2" */
		 0x02, '/', 'x', /* l2 2 */
		 SIZE_0);
	EXPECT_ENTRY(&p, "dir/file2/x", M_FILE, 0, 1700000000);
	fentry_free(&p.e);
	PARSE_OK(st, &o, cur, &p,
		 0x80, 0xA0, /* XMIT_SAME_NAME | XMIT_SAME_TIME */
		 0x04,       /* l1 4: "dir/" */
		 0x00,       /* l2 0 */
		 SIZE_0, MODE_DIR);
	EXPECT_ENTRY(&p, "dir/", M_DIR, 0, 1700000000);
	fentry_free(&p.e);
	flist_free(cur);
	free(st);
}
END_TEST

START_TEST(test_long_name)
{
	struct flist_state *st = new_state();
	struct flist_opts o = opts32();
	struct flist *cur = new_list(0);
	unsigned char b[600];
	char want[600];
	struct parsed p;
	size_t n = 0;

	b[n++] = 0x40; /* xflags: XMIT_LONG_NAME */
	b[n++] = 0x81; /* l2 varint 300 = 0x12C: 0x80 | 0x01, */
	b[n++] = 0x2C; /*   then the low byte */
	memset(b + n, 'n', 300);
	memset(want, 'n', 300);
	want[300] = '\0';
	n += 300;
	b[n++] = 0x00; /* size varlong(3) 7 */
	b[n++] = 0x07;
	b[n++] = 0x00;
	memcpy(b + n, (const unsigned char[]){MTIME_1700000000, MODE_FILE}, 8);
	n += 8;
	parse_ok_at(__FILE__, __LINE__, st, &o, cur, b, n, &p);
	EXPECT_ENTRY(&p, want, M_FILE, 7, 1700000000);
	fentry_free(&p.e);

	/* XMIT_SAME_NAME with XMIT_LONG_NAME: l1 byte, then l2 varint */
	n = 0;
	b[n++] = 0x80; /* xflags varint 0xE2: XMIT_SAME_NAME | XMIT_LONG_NAME | */
	b[n++] = 0xE2; /*   XMIT_SAME_TIME | XMIT_SAME_MODE */
	b[n++] = 0xFF; /* l1 255 */
	b[n++] = 0x80; /* l2 varint 200 = 0xC8: two bytes */
	b[n++] = 0xC8;
	memset(b + n, 'm', 200);
	n += 200;
	b[n++] = 0x00; /* size 0 */
	b[n++] = 0x00;
	b[n++] = 0x00;
	parse_ok_at(__FILE__, __LINE__, st, &o, cur, b, n, &p);
	memset(want + 255, 'm', 200);
	want[455] = '\0';
	EXPECT_ENTRY(&p, want, M_FILE, 0, 1700000000);
	fentry_free(&p.e);
	flist_free(cur);
	free(st);
}
END_TEST

START_TEST(test_same_uid_gid)
{
	struct flist_state *st = new_state();
	struct flist_opts o = opts32();
	struct flist *cur = new_list(0);
	struct parsed p;

	o.preserve_uid = o.preserve_gid = 1;
	PARSE_OK(st, &o, cur, &p,
		 0x04,                 /* xflags */
		 0x02, 'u', '1',       /* name */
		 SIZE_10, MTIME_1700000000, MODE_FILE,
		 0x83, 0xE8,           /* uid varint 1000 = 0x3E8 */
		 0x64);                /* gid varint 100 */
	EXPECT_ENTRY(&p, "u1", M_FILE, 10, 1700000000);
	ck_assert_int_eq(p.e.uid, 1000);
	ck_assert_int_eq(p.e.gid, 100);
	fentry_free(&p.e);

	PARSE_OK(st, &o, cur, &p,
		 0x80, 0xBA,           /* xflags 0xBA: XMIT_SAME_NAME | XMIT_SAME_TIME |
					* XMIT_SAME_UID | XMIT_SAME_GID | XMIT_SAME_MODE */
		 0x01,                 /* l1 1: "u" */
		 0x01, '2',            /* l2 1: "2" */
		 SIZE_5);              /* size; nothing else follows */
	EXPECT_ENTRY(&p, "u2", M_FILE, 5, 1700000000);
	ck_assert_int_eq(p.e.uid, 1000);
	ck_assert_int_eq(p.e.gid, 100);
	fentry_free(&p.e);

	/* only the gid is new */
	PARSE_OK(st, &o, cur, &p,
		 0x80, 0xAA,           /* XMIT_SAME_NAME | XMIT_SAME_TIME | XMIT_SAME_UID |
					* XMIT_SAME_MODE */
		 0x01, 0x01, '3',      /* l1 1, l2 1: "u3" */
		 SIZE_5,
		 0x00);                /* gid varint 0 */
	ck_assert_int_eq(p.e.uid, 1000);
	ck_assert_int_eq(p.e.gid, 0);
	fentry_free(&p.e);

	/* without -o/-g, no ids are on the wire at all */
	o.preserve_uid = o.preserve_gid = 0;
	PARSE_OK(st, &o, cur, &p,
		 0x04, 0x02, 'u', '4', SIZE_5, MTIME_1700000000, MODE_FILE);
	EXPECT_ENTRY(&p, "u4", M_FILE, 5, 1700000000);
	fentry_free(&p.e);
	flist_free(cur);
	free(st);
}
END_TEST

START_TEST(test_user_group_names)
{
	struct flist_state *st = new_state();
	struct flist_opts o = opts32();
	struct flist *cur = new_list(0);
	struct parsed p;

	o.preserve_uid = o.preserve_gid = 1;
	PARSE_OK(st, &o, cur, &p,
		 0x8C, 0x00,     /* xflags varint 0x0C00: XMIT_USER_NAME_FOLLOWS |
				  * XMIT_GROUP_NAME_FOLLOWS */
		 0x01, 'f',      /* name */
		 SIZE_0, MTIME_1700000000, MODE_FILE,
		 0x83, 0xE8,     /* uid 1000 */
		 0x05, 'a', 'l', 'i', 'c', 'e', /* user name: byte length, bytes */
		 0x64,           /* gid 100 */
		 0x05, 'u', 's', 'e', 'r', 's'); /* group name */
	EXPECT_ENTRY(&p, "f", M_FILE, 0, 1700000000);
	ck_assert_int_eq(p.e.uid, 1000);
	ck_assert_int_eq(p.e.gid, 100);
	fentry_free(&p.e);

	/* a name only for the group, and an empty user name */
	PARSE_OK(st, &o, cur, &p,
		 0x8C, 0x04,     /* xflags 0x0C04 */
		 0x01, 'g', SIZE_0, MTIME_1700000000, MODE_FILE,
		 0x00,           /* uid 0 */
		 0x00,           /* empty user name */
		 0x81, 0x00,     /* gid 256 */
		 0x01, 'x');     /* group name "x" */
	ck_assert_int_eq(p.e.uid, 0);
	ck_assert_int_eq(p.e.gid, 256);
	fentry_free(&p.e);
	flist_free(cur);
	free(st);
}
END_TEST

START_TEST(test_symlink)
{
	struct flist_state *st = new_state();
	struct flist_opts o = opts32();
	struct flist *cur = new_list(0);
	struct parsed p;

	o.preserve_links = 1;
	PARSE_OK(st, &o, cur, &p,
		 0x04,               /* xflags */
		 0x02, 'l', 'n',     /* name */
		 0x00, 0x06, 0x00,   /* size 6 */
		 MTIME_1700000000,
		 MODE_LINK,          /* mode 0120777 */
		 0x06, 't', 'a', 'r', 'g', 'e', 't'); /* target: varint30 length, bytes */
	EXPECT_ENTRY(&p, "ln", M_LINK, 6, 1700000000);
	ck_assert_ptr_nonnull(p.e.link);
	ck_assert_str_eq(p.e.link, "target");
	fentry_free(&p.e);

	/* a target with a long length */
	{
		unsigned char b[300];
		size_t n = 0;

		b[n++] = 0x02; /* xflags: XMIT_SAME_MODE */
		b[n++] = 0x02; b[n++] = 'l'; b[n++] = '2';
		b[n++] = 0x00; b[n++] = 0x00; b[n++] = 0x00; /* size 0 */
		memcpy(b + n, (const unsigned char[]){MTIME_1700000000}, 4);
		n += 4;
		b[n++] = 0x80; /* target length varint 255 = 0x80 | 0, 0xFF */
		b[n++] = 0xFF;
		memset(b + n, '/', 255);
		n += 255;
		parse_ok_at(__FILE__, __LINE__, st, &o, cur, b, n, &p);
		ck_assert_int_eq(strlen(p.e.link), 255);
		fentry_free(&p.e);
	}

	/* without -l no target is sent */
	o.preserve_links = 0;
	PARSE_OK(st, &o, cur, &p,
		 0x04, 0x02, 'l', '3', SIZE_0, MTIME_1700000000, MODE_LINK);
	EXPECT_ENTRY(&p, "l3", M_LINK, 0, 1700000000);
	ck_assert_ptr_null(p.e.link);
	fentry_free(&p.e);
	flist_free(cur);
	free(st);
}
END_TEST

START_TEST(test_devices)
{
	struct flist_state *st = new_state();
	struct flist_opts o = opts32();
	struct flist *cur = new_list(0);
	struct parsed p;

	o.preserve_devices = o.preserve_specials = 1;
	PARSE_OK(st, &o, cur, &p,
		 0x04,               /* xflags */
		 0x04, 't', 't', 'y', '0', /* name */
		 SIZE_10,            /* size (a device has none: read as 0) */
		 MTIME_1700000000,
		 MODE_CHR,           /* mode 020644 */
		 0x04,               /* rdev major varint30 4 */
		 0x81, 0x02);        /* rdev minor varint 258 */
	EXPECT_ENTRY(&p, "tty0", M_CHR, 0, 1700000000);
	ck_assert_int_eq(p.e.rdev_major, 4);
	fentry_free(&p.e);

	PARSE_OK(st, &o, cur, &p,
		 0x81, 0xA0,         /* xflags 0x1A0: XMIT_SAME_RDEV_MAJOR | XMIT_SAME_NAME |
				      * XMIT_SAME_TIME */
		 0x03,               /* l1 3: "tty" */
		 0x01, '1',          /* l2 1 */
		 SIZE_0,
		 MODE_BLK,           /* mode 060660 */
		 0x07);              /* minor 7; the major is the previous one */
	EXPECT_ENTRY(&p, "tty1", M_BLK, 0, 1700000000);
	ck_assert_int_eq(p.e.rdev_major, 4);
	fentry_free(&p.e);

	/* protocol 31 sends nothing more for a special file */
	PARSE_OK(st, &o, cur, &p,
		 0x04, 0x04, 'f', 'i', 'f', 'o', SIZE_0, MTIME_1700000000,
		 MODE_FIFO);         /* mode 010644 */
	EXPECT_ENTRY(&p, "fifo", M_FIFO, 0, 1700000000);
	fentry_free(&p.e);
	flist_free(cur);
	free(st);
}
END_TEST

/* Protocol 30 still sent an rdev for special files (with --specials);
 * its flags are bytes unless "v" was negotiated. */
START_TEST(test_specials_protocol30)
{
	struct flist_state *st = new_state();
	struct flist_opts o = opts32();
	struct flist *cur = new_list(0);
	struct parsed p;

	o.protocol = 30;
	o.varint_flags = 0;
	o.safe_flist = 0;
	o.preserve_specials = 1;
	PARSE_OK(st, &o, cur, &p,
		 0x01,               /* flags byte: XMIT_TOP_DIR, what a sender writes for a
				      * non-directory when no flag applies */
		 0x04, 'f', 'i', 'f', 'o', /* name */
		 SIZE_0, MTIME_1700000000,
		 MODE_FIFO,          /* mode 010644 */
		 0x00,               /* rdev major varint30 0 */
		 0x00);              /* rdev minor varint 0 */
	EXPECT_ENTRY(&p, "fifo", M_FIFO, 0, 1700000000);
	fentry_free(&p.e);
	PARSE_OK(st, &o, cur, &p,
		 0x01, 0x04, 's', 'o', 'c', 'k', SIZE_0, MTIME_1700000000,
		 0xED, 0xC1, 0x00, 0x00, /* mode 0140755 */
		 0x00, 0x00);        /* rdev major, minor */
	EXPECT_ENTRY(&p, "sock", M_SOCK, 0, 1700000000);
	fentry_free(&p.e);
	/* without --specials nothing follows the mode */
	o.preserve_specials = 0;
	PARSE_OK(st, &o, cur, &p, 0x01, 0x01, 'f', SIZE_0, MTIME_1700000000, MODE_FIFO);
	EXPECT_ENTRY(&p, "f", M_FIFO, 0, 1700000000);
	fentry_free(&p.e);
	flist_free(cur);
	free(st);
}
END_TEST

START_TEST(test_checksums)
{
	struct flist_state *st = new_state();
	struct flist_opts o = opts32();
	struct flist *cur = new_list(0);
	struct parsed p;

	o.always_checksum = 1;
	o.preserve_links = 1;
	/* a regular file: flist_csum_len (16) bytes after the attributes */
	PARSE_OK(st, &o, cur, &p,
		 0x04, 0x01, 'r', SIZE_10, MTIME_1700000000, MODE_FILE,
		 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, /* checksum */
		 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF);
	EXPECT_ENTRY(&p, "r", M_FILE, 10, 1700000000);
	/* kept for %C */
	{
		static const unsigned char want[16] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66,
						       0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD,
						       0xEE, 0xFF};
		ck_assert_ptr_nonnull(p.e.sum);
		ck_assert_mem_eq(p.e.sum, want, 16);
	}
	fentry_free(&p.e);
	/* none for a directory or a symlink */
	PARSE_OK(st, &o, cur, &p, 0x04, 0x01, 'd', SIZE_0, MTIME_1700000000, MODE_DIR);
	EXPECT_ENTRY(&p, "d", M_DIR, 0, 1700000000);
	ck_assert_ptr_null(p.e.sum);
	fentry_free(&p.e);
	PARSE_OK(st, &o, cur, &p, 0x04, 0x01, 'l', SIZE_0, MTIME_1700000000, MODE_LINK,
		 0x01, 'r');
	ck_assert_str_eq(p.e.link, "r");
	fentry_free(&p.e);
	/* another length (xxh3: 8 bytes) */
	o.flist_csum_len = 8;
	PARSE_OK(st, &o, cur, &p,
		 0x04, 0x01, 's', SIZE_10, MTIME_1700000000, MODE_FILE,
		 1, 2, 3, 4, 5, 6, 7, 8);
	EXPECT_ENTRY(&p, "s", M_FILE, 10, 1700000000);
	fentry_free(&p.e);
	flist_free(cur);
	free(st);
}
END_TEST

START_TEST(test_mod_nsec)
{
	struct flist_state *st = new_state();
	struct flist_opts o = opts32();
	struct flist *cur = new_list(0);
	struct parsed p;

	PARSE_OK(st, &o, cur, &p,
		 0xA0, 0x00,         /* xflags varint 0x2000: XMIT_MOD_NSEC */
		 0x01, 'n', SIZE_0, MTIME_1700000000,
		 0xF0, 0xFF, 0xC9, 0x9A, 0x3B, /* nsec varint 999999999 (0x3B9AC9FF): the
						* five-byte form, 0xF0 and four bytes */
		 MODE_FILE);
	EXPECT_ENTRY(&p, "n", M_FILE, 0, 1700000000);
	fentry_free(&p.e);
	PARSE_OK(st, &o, cur, &p,
		 0xA0, 0x80,         /* xflags varint 0x2080: XMIT_MOD_NSEC | XMIT_SAME_TIME */
		 0x01, 'o', SIZE_0,
		 0x00,               /* nsec 0 */
		 MODE_FILE);
	EXPECT_ENTRY(&p, "o", M_FILE, 0, 1700000000);
	fentry_free(&p.e);
	flist_free(cur);
	free(st);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Hard links                                                          */
/* ------------------------------------------------------------------ */

/* Adds a parsed entry to the list, as the stream parser does. */
static void add(struct flist *fl, struct parsed *p)
{
	ck_assert_int_eq(flist_add(fl, &p->e), 0);
	memset(&p->e, 0, sizeof p->e);
}

START_TEST(test_hardlinks)
{
	struct flist_state *st = new_state();
	struct flist_opts o = opts32();
	struct flist *cur = new_list(0);
	struct parsed p;

	o.preserve_hard_links = o.preserve_uid = o.preserve_gid = 1;
	o.preserve_links = o.always_checksum = 1;
	/* the first of a group: a full entry */
	PARSE_OK(st, &o, cur, &p,
		 0x92, 0x00,         /* xflags varint 0x1200: XMIT_HLINKED | XMIT_HLINK_FIRST */
		 0x02, 'h', '1',     /* name */
		 SIZE_10, MTIME_1700000000, MODE_FILE,
		 0x83, 0xE8,         /* uid 1000 */
		 0x64,               /* gid 100 */
		 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16); /* checksum */
	EXPECT_ENTRY(&p, "h1", M_FILE, 10, 1700000000);
	add(cur, &p);

	/* an unrelated entry in between, so the state differs from h1 */
	PARSE_OK(st, &o, cur, &p,
		 0x04, 0x01, 'z', SIZE_0, 0x00, 0x00, 0x00, 0x00, /* mtime 0 */
		 MODE_DIR, 0x00, 0x00);               /* uid 0, gid 0 */
	add(cur, &p);

	/* a later name of the group: name, then the index of h1, and nothing
	 * else (no attributes, no checksum) */
	PARSE_OK(st, &o, cur, &p,
		 0x82, 0x00,         /* xflags varint 0x0200: XMIT_HLINKED */
		 0x02, 'h', '2',     /* name */
		 0x00);              /* varint index of the first: 0 */
	EXPECT_ENTRY(&p, "h2", M_FILE, 10, 1700000000);
	/* the group's checksum, from the first */
	ck_assert_ptr_nonnull(p.e.sum);
	ck_assert_int_eq(p.e.sum[0], 1);
	ck_assert_int_eq(p.e.sum[15], 16);
	ck_assert_int_eq(p.e.uid, 1000);
	ck_assert_int_eq(p.e.gid, 100);
	/* and later entries are compressed against it */
	ck_assert_str_eq(st->lastname, "h2");
	ck_assert_int_eq(st->mode, M_FILE);
	ck_assert_int_eq(st->modtime, 1700000000);
	ck_assert_int_eq(st->uid, 1000);
	add(cur, &p);
	PARSE_OK(st, &o, cur, &p,
		 0x80, 0xBA,         /* XMIT_SAME_NAME|TIME|UID|GID|MODE */
		 0x01, 0x01, '3', SIZE_5,
		 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
	EXPECT_ENTRY(&p, "h3", M_FILE, 5, 1700000000);
	ck_assert_int_eq(p.e.uid, 1000);
	fentry_free(&p.e);
	flist_free(cur);
	free(st);
}
END_TEST

START_TEST(test_hardlink_symlink_target_copied)
{
	struct flist_state *st = new_state();
	struct flist_opts o = opts32();
	struct flist *cur = new_list(0);
	struct parsed p;

	o.preserve_hard_links = o.preserve_links = 1;
	PARSE_OK(st, &o, cur, &p,
		 0x92, 0x00,         /* XMIT_HLINKED | XMIT_HLINK_FIRST */
		 0x01, 'a', SIZE_0, MTIME_1700000000, MODE_LINK,
		 0x03, 't', 'g', 't');
	add(cur, &p);
	PARSE_OK(st, &o, cur, &p,
		 0x82, 0x00,         /* XMIT_HLINKED */
		 0x01, 'b',
		 0x00);              /* index 0 */
	EXPECT_ENTRY(&p, "b", M_LINK, 0, 1700000000);
	ck_assert_ptr_nonnull(p.e.link);
	ck_assert_str_eq(p.e.link, "tgt");
	fentry_free(&p.e);
	flist_free(cur);
	free(st);
}
END_TEST

/* rsync's receiver reads the index of an abbreviated hard-link entry
 * whenever the flags announce one (protocol 30 and later), with or
 * without -H, and takes the attributes of that entry; a parser that skips
 * the index no longer reads the same items as the receiver. */
START_TEST(test_hardlink_flags_without_H)
{
	struct flist_state *st = new_state();
	struct flist_opts o = opts32();
	struct flist *cur = new_list(0);
	struct parsed p;

	o.preserve_hard_links = 0;
	PARSE_OK(st, &o, cur, &p, 0x04, 0x01, 'a', SIZE_10, MTIME_1700000000, MODE_FILE);
	add(cur, &p);
	PARSE_OK(st, &o, cur, &p,
		 0x82, 0x00,         /* xflags varint 0x0200: XMIT_HLINKED */
		 0x01, 'b',
		 0x00);              /* index 0: "a" */
	EXPECT_ENTRY(&p, "b", M_FILE, 10, 1700000000);
	fentry_free(&p.e);
	flist_free(cur);
	free(st);
}
END_TEST

/* With incremental recursion the first of the group may be in an earlier
 * list: then the whole entry follows the index. */
START_TEST(test_hardlink_earlier_list)
{
	struct flist_state *st = new_state();
	struct flist_opts o = opts32();
	struct flist *cur = new_list(7);	/* indexes 7.. are this list's */
	struct parsed p;

	o.preserve_hard_links = 1;
	o.inc_recurse = 1;
	PARSE_OK(st, &o, cur, &p,
		 0x82, 0x00,         /* XMIT_HLINKED */
		 0x01, 'x',
		 0x03,               /* index 3: a file of an earlier list */
		 SIZE_5, MTIME_1700000000, MODE_FILE); /* so the attributes follow */
	EXPECT_ENTRY(&p, "x", M_FILE, 5, 1700000000);
	add(cur, &p);

	PARSE_OK(st, &o, cur, &p,
		 0x82, 0x00, 0x01, 'y',
		 0x07);              /* index 7: "x", first of this list */
	EXPECT_ENTRY(&p, "y", M_FILE, 5, 1700000000);
	fentry_free(&p.e);

	/* 8 is past the end of this list */
	PARSE_BAD(st, &o, cur, 0x82, 0x00, 0x01, 'y', 0x08);
	flist_free(cur);
	free(st);
}
END_TEST

/* ------------------------------------------------------------------ */
/* End of the list                                                     */
/* ------------------------------------------------------------------ */

START_TEST(test_end_varint)
{
	struct flist_state *st = new_state();
	struct flist_opts o = opts32();
	struct parsed p;

	PARSE_OK(st, &o, NULL, &p, 0x00, /* xflags 0: the end */ 0x00 /* io_error varint */);
	ck_assert_int_eq(p.kind, FLIST_END);
	ck_assert_int_eq(p.io_error, 0);
	PARSE_OK(st, &o, NULL, &p, 0x00, 0x01);
	ck_assert_int_eq(p.kind, FLIST_END);
	ck_assert_int_eq(p.io_error, 1);
	PARSE_OK(st, &o, NULL, &p, 0x00, 0x03);
	ck_assert_int_eq(p.io_error, 3);
	/* a wider io_error */
	PARSE_OK(st, &o, NULL, &p, 0x00, 0x80, 0x82);
	ck_assert_int_eq(p.io_error, 0x82);
	free(st);
}
END_TEST

START_TEST(test_end_byte_flags)
{
	struct flist_state *st = new_state();
	struct flist_opts o = opts32();
	struct parsed p;

	o.varint_flags = 0;	/* a protocol-31 list without "v" */
	o.protocol = 31;
	PARSE_OK(st, &o, NULL, &p, 0x00 /* flags byte 0: the end, no io_error */);
	ck_assert_int_eq(p.kind, FLIST_END);
	ck_assert_int_eq(p.io_error, 0);
	PARSE_OK(st, &o, NULL, &p,
		 0x04,   /* flags byte: XMIT_EXTENDED_FLAGS */
		 0x10,   /* second byte: XMIT_IO_ERROR_ENDLIST >> 8 */
		 0x02);  /* io_error varint */
	ck_assert_int_eq(p.kind, FLIST_END);
	ck_assert_int_eq(p.io_error, 2);

	/* that end form needs a safe file list */
	o.protocol = 30;
	o.safe_flist = 0;
	PARSE_BAD(st, &o, NULL, 0x04, 0x10, 0x02);
	free(st);
}
END_TEST

START_TEST(test_byte_flags_protocol31)
{
	struct flist_state *st = new_state();
	struct flist_opts o = opts32();
	struct flist *cur = new_list(0);
	struct parsed p;

	o.varint_flags = 0;
	o.protocol = 31;
	o.preserve_uid = 1;
	/* one flags byte */
	PARSE_OK(st, &o, cur, &p,
		 0x01,                /* XMIT_TOP_DIR */
		 0x01, '.', SIZE_0, MTIME_1700000000, MODE_DIR,
		 0x05);               /* uid varint 5 */
	EXPECT_ENTRY(&p, ".", M_DIR, 0, 1700000000);
	ck_assert_int_eq(p.e.uid, 5);
	fentry_free(&p.e);
	/* two: XMIT_EXTENDED_FLAGS, then the high byte */
	PARSE_OK(st, &o, cur, &p,
		 0x04, 0x04,          /* 0x0404: XMIT_USER_NAME_FOLLOWS */
		 0x01, 'f', SIZE_0, MTIME_1700000000, MODE_FILE,
		 0x06,                /* uid 6 */
		 0x02, 'b', 'o');     /* its name */
	EXPECT_ENTRY(&p, "f", M_FILE, 0, 1700000000);
	ck_assert_int_eq(p.e.uid, 6);
	fentry_free(&p.e);
	flist_free(cur);
	free(st);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Protocol 29                                                         */
/* ------------------------------------------------------------------ */

START_TEST(test_protocol29)
{
	struct flist_state *st = new_state();
	struct flist_opts o = opts29();
	struct flist *cur = new_list(0);
	struct parsed p;

	o.preserve_uid = o.preserve_gid = o.preserve_links = o.preserve_devices = 1;
	PARSE_OK(st, &o, cur, &p,
		 0x01,                     /* flags byte: XMIT_TOP_DIR */
		 0x01, '.',                /* name */
		 0x00, 0x10, 0x00, 0x00,   /* size: int 4096 */
		 0x00, 0xF1, 0x53, 0x65,   /* mtime: int 1700000000 */
		 MODE_DIR,                 /* mode int */
		 0xE8, 0x03, 0x00, 0x00,   /* uid int 1000 */
		 0x64, 0x00, 0x00, 0x00);  /* gid int 100 */
	EXPECT_ENTRY(&p, ".", M_DIR, 4096, 1700000000);
	ck_assert_int_eq(p.e.uid, 1000);
	ck_assert_int_eq(p.e.gid, 100);
	fentry_free(&p.e);

	/* a large file: the size as a longint */
	PARSE_OK(st, &o, cur, &p,
		 0x98,                     /* XMIT_SAME_TIME | XMIT_SAME_UID | XMIT_SAME_GID */
		 0x03, 'b', 'i', 'g',
		 0xFF, 0xFF, 0xFF, 0xFF,   /* longint: -1 marker, */
		 0x00, 0x00, 0x00, 0x40,   /*   then 8 bytes: 0x140000000 */
		 0x01, 0x00, 0x00, 0x00,
		 MODE_FILE);
	EXPECT_ENTRY(&p, "big", M_FILE, INT64_C(0x140000000), 1700000000);
	ck_assert_int_eq(p.e.uid, 1000);
	fentry_free(&p.e);

	/* XMIT_LONG_NAME: l2 is an int */
	PARSE_OK(st, &o, cur, &p,
		 0xF8,                     /* XMIT_SAME_NAME | XMIT_LONG_NAME | XMIT_SAME_TIME |
					    * XMIT_SAME_UID | XMIT_SAME_GID */
		 0x02,                     /* l1 2: "bi" */
		 0x01, 0x00, 0x00, 0x00,   /* l2 int 1 */
		 'n',
		 0x00, 0x00, 0x00, 0x00,   /* size 0 */
		 MODE_LINK,
		 0x02, 0x00, 0x00, 0x00,   /* symlink length int 2 */
		 '.', '.');
	EXPECT_ENTRY(&p, "bin", M_LINK, 0, 1700000000);
	ck_assert_str_eq(p.e.link, "..");
	fentry_free(&p.e);

	/* a device: extended flags, rdev major int, minor byte */
	PARSE_OK(st, &o, cur, &p,
		 0x9C, 0x08,               /* 0x089C: XMIT_RDEV_MINOR_8_pre30 | XMIT_SAME_TIME |
					    * XMIT_SAME_UID | XMIT_SAME_GID | XMIT_EXTENDED_FLAGS */
		 0x03, 'n', 'u', 'l',
		 0x00, 0x00, 0x00, 0x00,   /* size */
		 MODE_CHR,
		 0x01, 0x00, 0x00, 0x00,   /* rdev major int 1 */
		 0x03);                    /* minor byte 3 */
	EXPECT_ENTRY(&p, "nul", M_CHR, 0, 1700000000);
	ck_assert_int_eq(p.e.rdev_major, 1);
	fentry_free(&p.e);

	/* the minor as an int, the major reused */
	PARSE_OK(st, &o, cur, &p,
		 0x9E, 0x01,               /* 0x019E: XMIT_SAME_RDEV_MAJOR | XMIT_SAME_TIME |
					    * XMIT_SAME_UID | XMIT_SAME_GID | XMIT_SAME_MODE |
					    * XMIT_EXTENDED_FLAGS */
		 0x03, 'z', 'e', 'r',
		 0x00, 0x00, 0x00, 0x00,   /* size */
		 0x05, 0x01, 0x00, 0x00);  /* minor int 261 */
	EXPECT_ENTRY(&p, "zer", M_CHR, 0, 1700000000);
	ck_assert_int_eq(p.e.rdev_major, 1);
	fentry_free(&p.e);

	/* the end: a zero flags byte (the io_error int comes after the id
	 * lists, see the stream tests) */
	PARSE_OK(st, &o, cur, &p, 0x00);
	ck_assert_int_eq(p.kind, FLIST_END);
	ck_assert_int_eq(p.io_error, 0);
	flist_free(cur);
	free(st);
}
END_TEST

START_TEST(test_protocol29_hardlinks)
{
	struct flist_state *st = new_state();
	struct flist_opts o = opts29();
	struct flist *cur = new_list(0);
	struct parsed p;

	o.preserve_hard_links = 1;
	PARSE_OK(st, &o, cur, &p,
		 0x04, 0x02,               /* 0x0204: XMIT_HLINKED | XMIT_EXTENDED_FLAGS */
		 0x01, 'a',
		 0x03, 0x00, 0x00, 0x00,   /* size 3 */
		 0x00, 0xF1, 0x53, 0x65,   /* mtime */
		 MODE_FILE,
		 0x11, 0x00, 0x00, 0x00,   /* dev longint 0x11 */
		 0x22, 0x00, 0x00, 0x00);  /* inode longint 0x22 */
	EXPECT_ENTRY(&p, "a", M_FILE, 3, 1700000000);
	ck_assert_int_eq(st->dev, 0x11);
	add(cur, &p);

	PARSE_OK(st, &o, cur, &p,
		 0xA6, 0x06,               /* 0x06A6: XMIT_SAME_DEV_pre30 | XMIT_HLINKED |
					    * XMIT_SAME_TIME | XMIT_SAME_NAME | XMIT_SAME_MODE |
					    * XMIT_EXTENDED_FLAGS */
		 0x00, 0x01, 'b',          /* l1 0, l2 1 */
		 0x03, 0x00, 0x00, 0x00,   /* size 3: protocol 29 sends everything */
		 0xFF, 0xFF, 0xFF, 0xFF,   /* inode longint, the long form: */
		 0x22, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00);
	EXPECT_ENTRY(&p, "b", M_FILE, 3, 1700000000);
	ck_assert_int_eq(st->dev, 0x11);
	fentry_free(&p.e);
	flist_free(cur);
	free(st);
}
END_TEST

/* Protocol 27 (openrsync's): one flag byte; a device's or special
 * file's rdev as one int unless XMIT_SAME_RDEV_pre28 (the bit 28 uses
 * for XMIT_EXTENDED_FLAGS); under -H every regular file carries its
 * device and inode; under -c every entry a checksum (zeros but for
 * files). */
START_TEST(test_protocol27)
{
	struct flist_state *st = new_state();
	struct flist_opts o = opts29();
	struct flist *cur = new_list(0);
	struct parsed p;

	o.protocol = 27;
	o.preserve_devices = o.preserve_specials = o.preserve_hard_links = 1;
	o.always_checksum = 1;
	PARSE_OK(st, &o, cur, &p,
		 0x40,                     /* XMIT_LONG_NAME, so that the byte is not 0 */
		 0x01, 0x00, 0x00, 0x00,   /* l2 int 1 */
		 '.',
		 0x00, 0x10, 0x00, 0x00,   /* size 4096 */
		 0x00, 0xF1, 0x53, 0x65,   /* mtime */
		 MODE_DIR,
		 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0); /* -c: zeros */
	EXPECT_ENTRY(&p, ".", M_DIR, 4096, 1700000000);
	fentry_free(&p.e);

	PARSE_OK(st, &o, cur, &p,
		 0x80,                     /* XMIT_SAME_TIME */
		 0x01, 'f',
		 0x03, 0x00, 0x00, 0x00,   /* size 3 */
		 MODE_FILE,
		 0x11, 0x00, 0x00, 0x00,   /* dev longint: every file has one */
		 0x22, 0x00, 0x00, 0x00,   /* inode longint */
		 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
	EXPECT_ENTRY(&p, "f", M_FILE, 3, 1700000000);
	ck_assert_int_eq(st->dev, 0x11);
	ck_assert_ptr_nonnull(p.e.sum);
	ck_assert_int_eq(p.e.sum[15], 16);
	fentry_free(&p.e);

	PARSE_OK(st, &o, cur, &p,
		 0x80,                     /* XMIT_SAME_TIME */
		 0x01, 'n',
		 0x00, 0x00, 0x00, 0x00,   /* size */
		 MODE_CHR,
		 0x03, 0x01, 0x00, 0x00,   /* rdev int */
		 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
	EXPECT_ENTRY(&p, "n", M_CHR, 0, 1700000000);
	ck_assert_ptr_null(p.e.sum);
	fentry_free(&p.e);

	PARSE_OK(st, &o, cur, &p,
		 0x86,                     /* XMIT_SAME_TIME | XMIT_SAME_RDEV_pre28 |
					    * XMIT_SAME_MODE */
		 0x01, 'm',
		 0x00, 0x00, 0x00, 0x00,   /* size; no rdev */
		 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
	EXPECT_ENTRY(&p, "m", M_CHR, 0, 1700000000);
	fentry_free(&p.e);
	flist_free(cur);
	free(st);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Hostile input                                                       */
/* ------------------------------------------------------------------ */

/* A state whose previous entry was "a.txt". */
static struct flist_state *state_after_atxt(const struct flist_opts *o)
{
	struct flist_state *st = new_state();
	struct parsed p;

	PARSE_OK(st, o, NULL, &p, 0x04, 0x05, 'a', '.', 't', 'x', 't', SIZE_1000,
		 MTIME_1700000000, MODE_FILE);
	fentry_free(&p.e);
	return st;
}

START_TEST(test_bad_l1)
{
	struct flist_opts o = opts32();
	struct flist_state *st = state_after_atxt(&o);

	PARSE_BAD(st, &o, NULL,
		  0x80, 0xA2,  /* XMIT_SAME_NAME | XMIT_SAME_TIME | XMIT_SAME_MODE */
		  0x06,        /* l1 6: longer than "a.txt" */
		  0x01, 'x', SIZE_0);
	PARSE_BAD(st, &o, NULL, 0x80, 0xA2, 0xFF, 0x01, 'x', SIZE_0);
	/* the first entry has no previous name at all */
	{
		struct flist_state *fresh = new_state();

		PARSE_BAD(fresh, &o, NULL, 0x80, 0xA2, 0x01, 0x01, 'x', SIZE_0);
		free(fresh);
	}
	free(st);
}
END_TEST

START_TEST(test_bad_name_length)
{
	struct flist_opts o = opts32();
	struct flist_state *st = state_after_atxt(&o);

	/* l2 of 4096 and more can never fit: refused before the name bytes */
	PARSE_BAD(st, &o, NULL, 0x40, /* XMIT_LONG_NAME */ 0x90, 0x00 /* l2 varint 4096 */);
	PARSE_BAD(st, &o, NULL, 0x40, 0xC0, 0xFF, 0xFF /* 0xFFFF */);
	PARSE_BAD(st, &o, NULL, 0x40, 0xF0, 0xFF, 0xFF, 0xFF, 0xFF /* -1 */);
	/* l1 + l2 over the limit */
	PARSE_BAD(st, &o, NULL, 0x60, /* XMIT_SAME_NAME | XMIT_LONG_NAME */
		  0x05, 0x8F, 0xFB /* l1 5, l2 varint 4091: 5 + 4091 = 4096 */);
	free(st);
}
END_TEST

START_TEST(test_bad_dotdot)
{
	struct flist_opts o = opts32();
	struct flist_state *st = state_after_atxt(&o);
	struct parsed p;

	PARSE_BAD(st, &o, NULL, 0x04, 0x02, '.', '.', SIZE_0, MTIME_1700000000, MODE_DIR);
	PARSE_BAD(st, &o, NULL, 0x04, 0x04, '.', '.', '/', 'x', SIZE_0, MTIME_1700000000,
		  MODE_FILE);
	PARSE_BAD(st, &o, NULL, 0x04, 0x06, 'a', '/', '.', '.', '/', 'b', SIZE_0,
		  MTIME_1700000000, MODE_FILE);
	PARSE_BAD(st, &o, NULL, 0x04, 0x04, 'a', '/', '.', '.', SIZE_0, MTIME_1700000000,
		  MODE_DIR);
	PARSE_BAD(st, &o, NULL, 0x04, 0x05, 'a', '/', '/', '.', '.', SIZE_0, MTIME_1700000000,
		  MODE_DIR);
	/* made from the previous name: "a.txt" + "/../x" */
	PARSE_BAD(st, &o, NULL, 0x20 /* XMIT_SAME_NAME */, 0x05, 0x05, '/', '.', '.', '/', 'x', SIZE_0,
		  MTIME_1700000000, MODE_FILE);

	/* names that only look like it */
	PARSE_OK(st, &o, NULL, &p, 0x04, 0x04, 'a', '.', '.', 'b', SIZE_0, MTIME_1700000000,
		 MODE_FILE);
	fentry_free(&p.e);
	PARSE_OK(st, &o, NULL, &p, 0x04, 0x03, '.', '.', 'a', SIZE_0, MTIME_1700000000, MODE_FILE);
	fentry_free(&p.e);
	PARSE_OK(st, &o, NULL, &p, 0x04, 0x05, 'd', '/', '.', '.', '.', SIZE_0,
		 MTIME_1700000000, MODE_FILE);
	fentry_free(&p.e);
	free(st);
}
END_TEST

START_TEST(test_bad_absolute)
{
	struct flist_opts o = opts32();
	struct flist_state *st = state_after_atxt(&o);
	struct parsed p;

	PARSE_BAD(st, &o, NULL, 0x04, 0x0B, '/', 'e', 't', 'c', '/', 'p', 'a', 's', 's', 'w',
		  'd', SIZE_0, MTIME_1700000000, MODE_FILE);
	PARSE_BAD(st, &o, NULL, 0x04, 0x01, '/', SIZE_0, MTIME_1700000000, MODE_DIR);
	/* with -R (relative paths) an absolute name is the sender's right */
	o.relative_paths = 1;
	PARSE_OK(st, &o, NULL, &p, 0x04, 0x04, '/', 'e', 't', 'c', SIZE_0, MTIME_1700000000,
		 MODE_DIR);
	EXPECT_ENTRY(&p, "/etc", M_DIR, 0, 1700000000);
	fentry_free(&p.e);
	/* but ".." still is not */
	PARSE_BAD(st, &o, NULL, 0x04, 0x06, '/', 'a', '/', '.', '.', '/', SIZE_0,
		  MTIME_1700000000, MODE_DIR);
	free(st);
}
END_TEST

START_TEST(test_bad_nul_in_name)
{
	struct flist_opts o = opts32();
	struct flist_state *st = state_after_atxt(&o);

	PARSE_BAD(st, &o, NULL, 0x04, 0x03, 'a', 0x00, 'b', SIZE_0, MTIME_1700000000, MODE_FILE);
	PARSE_BAD(st, &o, NULL, 0x04, 0x01, 0x00, SIZE_0, MTIME_1700000000, MODE_FILE);
	free(st);
}
END_TEST

START_TEST(test_bad_size)
{
	struct flist_opts o = opts32();
	struct flist_state *st = state_after_atxt(&o);

	/* varlong(3) -1: the longest form, 0xFC and 8 value bytes */
	PARSE_BAD(st, &o, NULL, 0x04, 0x01, 'n',
		  0xFC, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
		  MTIME_1700000000, MODE_FILE);
	/* INT64_MIN */
	PARSE_BAD(st, &o, NULL, 0x04, 0x01, 'n',
		  0xFC, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80,
		  MTIME_1700000000, MODE_FILE);
	/* protocol 29: a negative int, and a negative longint */
	{
		struct flist_opts o29 = opts29();
		struct flist_state *s29 = new_state();

		PARSE_BAD(s29, &o29, NULL, 0x04, 0x00, 0x01, 'n', 0xFE, 0xFF, 0xFF, 0xFF,
			  0x00, 0x00, 0x00, 0x00, MODE_FILE);
		PARSE_BAD(s29, &o29, NULL, 0x04, 0x00, 0x01, 'n', 0xFF, 0xFF, 0xFF, 0xFF,
			  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80,
			  0x00, 0x00, 0x00, 0x00, MODE_FILE);
		free(s29);
	}
	free(st);
}
END_TEST

/* Numbers the wire decoders refuse (a varint's first byte 0xF8 or more)
 * fail with a message like every other error; found by the fuzz targets,
 * they failed without one. */
START_TEST(test_bad_numbers)
{
	struct flist_opts o = opts32();
	struct flist_state *st = state_after_atxt(&o);
	char err[256];

	PARSE_BAD(st, &o, NULL, 0xF8);			/* the flags */
	PARSE_BAD(st, &o, NULL, 0x40, 0xFC);		/* a long name's length */
	PARSE_BAD(st, &o, NULL, 0x00, 0xF9);		/* the end marker's io_error */
	PARSE_BAD(st, &o, NULL, 0x04, 0x01, 'n', SIZE_0, 0xFC, 0, 0, 0); /* the mtime */
	o.preserve_uid = 1;
	PARSE_BAD(st, &o, NULL, 0x04, 0x01, 'n', SIZE_0, MTIME_1700000000, MODE_FILE,
		  0xFA);				/* the uid */

	err[0] = '\0';
	ck_assert_int_eq(flist_parse_id_lists(&o, (const unsigned char *)"\xF8", 1, err,
					      sizeof err), WIRE_BAD);
	ck_assert_msg(err[0] != '\0', "uid/gid lists: WIRE_BAD without a message");
	free(st);
}
END_TEST

START_TEST(test_bad_mode)
{
	struct flist_opts o = opts32();
	struct flist_state *st = new_state();

	PARSE_BAD(st, &o, NULL, 0x04, 0x01, 'm', SIZE_0, MTIME_1700000000,
		  0x00, 0x00, 0x00, 0x00);           /* mode 0: no type */
	PARSE_BAD(st, &o, NULL, 0x04, 0x01, 'm', SIZE_0, MTIME_1700000000,
		  0xA4, 0xF1, 0x00, 0x00);           /* type 0170000 */
	PARSE_BAD(st, &o, NULL, 0x04, 0x01, 'm', SIZE_0, MTIME_1700000000,
		  0xA4, 0x71, 0x00, 0x00);           /* type 0070000 */
	/* XMIT_SAME_MODE on the first entry reuses the initial mode 0 */
	PARSE_BAD(st, &o, NULL, 0x06, 0x01, 'm', SIZE_0, MTIME_1700000000);
	free(st);
}
END_TEST

START_TEST(test_bad_mod_nsec)
{
	struct flist_opts o = opts32();
	struct flist_state *st = new_state();
	struct parsed p;

	/* xflags varint 0x2000 (XMIT_MOD_NSEC): 0x80 | 0x20, 0x00 */
	PARSE_BAD(st, &o, NULL, 0xA0, 0x00, 0x01, 'm', SIZE_0, MTIME_1700000000,
		  0xF0, 0x00, 0xCA, 0x9A, 0x3B,       /* nsec varint 1000000000 */
		  MODE_FILE);
	PARSE_OK(st, &o, NULL, &p, 0xA0, 0x00, 0x01, 'm', SIZE_0, MTIME_1700000000,
		 0xF0, 0xFF, 0xC9, 0x9A, 0x3B,        /* nsec varint 999999999 */
		 MODE_FILE);
	EXPECT_ENTRY(&p, "m", M_FILE, 0, 1700000000);
	fentry_free(&p.e);
	free(st);
}
END_TEST

START_TEST(test_bad_hardlink_index)
{
	struct flist_opts o = opts32();
	struct flist_state *st = new_state();
	struct flist *cur = new_list(0);
	struct parsed p;

	o.preserve_hard_links = 1;
	/* nothing in the list yet: even index 0 is out of range */
	PARSE_BAD(st, &o, cur, 0x82, 0x00, 0x01, 'h', 0x00);
	PARSE_OK(st, &o, cur, &p, 0x92, 0x00, 0x01, 'a', SIZE_0, MTIME_1700000000, MODE_FILE);
	add(cur, &p);
	PARSE_BAD(st, &o, cur, 0x82, 0x00, 0x01, 'h', 0x01);
	PARSE_BAD(st, &o, cur, 0x82, 0x00, 0x01, 'h', 0xF0, 0xFF, 0xFF, 0xFF, 0x7F); /* INT32_MAX */
	PARSE_BAD(st, &o, cur, 0x82, 0x00, 0x01, 'h', 0xF0, 0xFF, 0xFF, 0xFF, 0xFF); /* -1 */
	PARSE_OK(st, &o, cur, &p, 0x82, 0x00, 0x01, 'h', 0x00);
	fentry_free(&p.e);
	flist_free(cur);
	free(st);
}
END_TEST

START_TEST(test_bad_symlink_length)
{
	struct flist_opts o = opts32();
	struct flist_state *st = new_state();

	o.preserve_links = 1;
	/* 4096 and more: refused before the target bytes */
	PARSE_BAD(st, &o, NULL, 0x04, 0x01, 'l', SIZE_0, MTIME_1700000000, MODE_LINK,
		  0x90, 0x00);                     /* varint 4096 */
	PARSE_BAD(st, &o, NULL, 0x04, 0x01, 'l', SIZE_0, MTIME_1700000000, MODE_LINK,
		  0xF0, 0xFF, 0xFF, 0xFF, 0x7F);   /* INT32_MAX */
	PARSE_BAD(st, &o, NULL, 0x04, 0x01, 'l', SIZE_0, MTIME_1700000000, MODE_LINK,
		  0xF0, 0xFF, 0xFF, 0xFF, 0xFF);   /* -1 */
	free(st);
}
END_TEST

/* The same bad entries again, each cut short: an incomplete item is
 * either "need more" or already known bad, and never read past its end. */
static const unsigned char badp_link[] = {0x04, 0x01, 'l', SIZE_0, MTIME_1700000000, MODE_LINK,
					   0x90, 0x00};
static const unsigned char badp_dotdot[] = {0x04, 0x02, '.', '.', SIZE_0, MTIME_1700000000,
					    MODE_DIR};
static const unsigned char badp_size[] = {0x04, 0x01, 'n', 0xFC, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
					  0xFF, 0xFF, 0xFF, MTIME_1700000000, MODE_FILE};
static const unsigned char badp_name[] = {0x40, 0x90, 0x00};

START_TEST(test_bad_prefixes)
{
	static const struct {
		const unsigned char *b;
		size_t n;
	} items[] = {
		{badp_link, sizeof badp_link},
		{badp_dotdot, sizeof badp_dotdot},
		{badp_size, sizeof badp_size},
		{badp_name, sizeof badp_name},
	};
	struct flist_opts o = opts32();

	o.preserve_links = 1;
	for (size_t i = 0; i < ARRAY_LEN(items); i++) {
		for (size_t k = 0; k <= items[i].n; k++) {
			struct flist_state *st = new_state();
			unsigned char *b = exact_copy(items[i].b, k);
			struct parsed p;
			char err[256];
			ptrdiff_t r;

			memset(&p, 0, sizeof p);
			r = flist_parse_item(st, &o, NULL, b, k, &p.kind, &p.e, &p.io_error, err,
					     sizeof err);
			free(b);
			REQUIRE(r == WIRE_NEED_MORE || r == WIRE_BAD,
				"item %zu cut to %zu: returned %td", i, k, r);
			REQUIRE(k < items[i].n || r == WIRE_BAD, "item %zu whole: returned %td", i, r);
			REQUIRE(p.e.name == NULL, "item %zu cut to %zu: entry left", i, k);
			free(st);
		}
	}
}
END_TEST

/* ------------------------------------------------------------------ */
/* uid/gid name lists                                                  */
/* ------------------------------------------------------------------ */

static void id_lists_ok_at(const char *file, int line, const struct flist_opts *o,
			   const unsigned char *bytes, size_t n)
{
	char err[256];
	unsigned char *p;
	ptrdiff_t r;

	for (size_t k = 0; k < n; k++) {
		p = exact_copy(bytes, k);
		r = flist_parse_id_lists(o, p, k, err, sizeof err);
		free(p);
		REQUIRE(r == WIRE_NEED_MORE, "%s:%d: prefix of %zu: returned %td", file, line, k, r);
	}
	p = exact_copy(bytes, n);
	r = flist_parse_id_lists(o, p, n, err, sizeof err);
	free(p);
	REQUIRE(r == (ptrdiff_t)n, "%s:%d: returned %td, expected %zu", file, line, r, n);
	p = malloc(n + 4);
	REQUIRE(p != NULL, "out of memory");
	memcpy(p, bytes, n);
	memset(p + n, 0x01, 4);
	r = flist_parse_id_lists(o, p, n + 4, err, sizeof err);
	free(p);
	REQUIRE(r == (ptrdiff_t)n, "%s:%d: with more bytes: returned %td, expected %zu", file,
		line, r, n);
}

#define ID_LISTS_OK(o, ...)                                                \
	do {                                                                \
		static const unsigned char b_[] = {__VA_ARGS__};             \
		id_lists_ok_at(__FILE__, __LINE__, (o), b_, sizeof b_);      \
	} while (0)

START_TEST(test_id_lists)
{
	struct flist_opts o = opts32();
	char err[64];

	o.preserve_uid = o.preserve_gid = 1;
	ID_LISTS_OK(&o,
		    0x83, 0xE8,                        /* uid varint 1000 */
		    0x05, 'a', 'l', 'i', 'c', 'e',     /* its name */
		    0x80, 0xFE, 0x04, 'e', 'v', 'e', '!', /* uid 254, "eve!" */
		    0x00,                              /* end of the uid list */
		    0x04, 'r', 'o', 'o', 't',          /* the name of uid 0 */
		    0x64, 0x05, 'u', 's', 'e', 'r', 's', /* gid 100 "users" */
		    0x00,                              /* end of the gid list */
		    0x05, 'w', 'h', 'e', 'e', 'l');    /* the name of gid 0 */

	/* without CF_ID0_NAMES */
	o.id0_names = 0;
	ID_LISTS_OK(&o, 0x83, 0xE8, 0x05, 'a', 'l', 'i', 'c', 'e', 0x00,
		    0x00 /* an empty gid list */);

	/* only -g */
	o.preserve_uid = 0;
	ID_LISTS_OK(&o, 0x64, 0x05, 'u', 's', 'e', 'r', 's', 0x00);
	o.id0_names = 1;
	ID_LISTS_OK(&o, 0x00, 0x00 /* empty list, empty name for gid 0 */);

	/* protocol 29: ids are ints */
	{
		struct flist_opts o29 = opts29();

		o29.preserve_uid = 1;
		ID_LISTS_OK(&o29, 0xE8, 0x03, 0x00, 0x00, 0x05, 'a', 'l', 'i', 'c', 'e',
			    0x00, 0x00, 0x00, 0x00);
	}

	/* nothing to read */
	o.preserve_uid = o.preserve_gid = 0;
	ck_assert_int_eq(flist_parse_id_lists(&o, (const unsigned char *)"", 0, err, sizeof err),
			 0);
	o.preserve_uid = o.preserve_gid = 1;
	o.numeric_ids = 1;
	ck_assert_int_eq(flist_parse_id_lists(&o, (const unsigned char *)"", 0, err, sizeof err),
			 0);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Order                                                               */
/* ------------------------------------------------------------------ */

struct named {
	const char *name;
	uint32_t mode;
};

/* The order rsync 3.5.0 itself gives (protocol 32 and 29) for this tree,
 * recorded from "rsync -rnv --no-inc-recursive src/ dst/". */
static const struct named rsync_order[] = {
	{".", M_DIR},      {"-x", M_FILE},    {"D", M_FILE},        {"a", M_FILE},
	{"a-", M_FILE},    {"f", M_FILE},     {"f!", M_FILE},       {"a.b", M_DIR},
	{"a.b/c", M_FILE}, {"d!", M_DIR},     {"d!/y", M_FILE},     {"d!/in", M_DIR},
	{"d!/in/q", M_FILE}, {"d", M_DIR},    {"d/a", M_FILE},      {"d/sub!", M_FILE},
	{"d/x", M_FILE},   {"d/sub", M_DIR},  {"d/sub/z", M_FILE},  {"e", M_DIR},
	{"e/0", M_FILE},
};

START_TEST(test_name_cmp_pairs)
{
	static const struct {
		struct named a, b;
		int sign; /* of cmp(a, b) */
	} vec[] = {
		{{".", M_DIR}, {"a", M_FILE}, -1},
		{{".", M_DIR}, {"-", M_FILE}, -1},
		{{".", M_DIR}, {"!", M_DIR}, -1},
		/* files before subdirectories */
		{{"z", M_FILE}, {"a", M_DIR}, -1},
		{{"a/z", M_FILE}, {"a/b", M_DIR}, -1},
		{{"a/z", M_FILE}, {"a/b/c", M_FILE}, -1},
		/* a directory compares as if its name ended in '/' */
		{{"b!", M_DIR}, {"b", M_DIR}, -1},
		{{"b", M_FILE}, {"b!", M_FILE}, -1},
		{{"b.x", M_DIR}, {"b", M_DIR}, -1},
		{{"b", M_DIR}, {"b0", M_DIR}, -1},
		/* a directory before its contents, after a sibling's */
		{{"b", M_DIR}, {"b/a", M_FILE}, -1},
		{{"b", M_DIR}, {"b/a", M_DIR}, -1},
		{{"b!/z", M_FILE}, {"b", M_DIR}, -1},
		{{"b/a", M_FILE}, {"b!", M_DIR}, 1},
		/* bytes compare unsigned */
		{{"\xc3\xa9", M_FILE}, {"z", M_FILE}, 1},
		/* equal */
		{{"x/y", M_FILE}, {"x/y", M_FILE}, 0},
		{{"x", M_DIR}, {"x", M_DIR}, 0},
	};

	for (size_t i = 0; i < ARRAY_LEN(vec); i++) {
		int ab = flist_name_cmp(vec[i].a.name, vec[i].a.mode, vec[i].b.name, vec[i].b.mode, 32);
		int ba = flist_name_cmp(vec[i].b.name, vec[i].b.mode, vec[i].a.name, vec[i].a.mode, 32);
		int s = (ab > 0) - (ab < 0), t = (ba > 0) - (ba < 0);

		ck_assert_msg(s == vec[i].sign && t == -vec[i].sign,
			      "\"%s\" (0%o) vs \"%s\" (0%o): %d and %d, expected sign %d",
			      vec[i].a.name, vec[i].a.mode, vec[i].b.name, vec[i].b.mode, ab, ba,
			      vec[i].sign);
	}
}
END_TEST

START_TEST(test_name_cmp_rsync_order)
{
	for (int proto = 29; proto <= 32; proto++)
		for (size_t i = 0; i < ARRAY_LEN(rsync_order); i++)
			for (size_t j = 0; j < ARRAY_LEN(rsync_order); j++) {
				int c = flist_name_cmp(rsync_order[i].name, rsync_order[i].mode,
						       rsync_order[j].name, rsync_order[j].mode,
						       proto);
				int want = i < j ? -1 : i > j ? 1 : 0;

				REQUIRE((c > 0) - (c < 0) == want,
					"protocol %d: \"%s\" vs \"%s\" gives %d", proto,
					rsync_order[i].name, rsync_order[j].name, c);
			}
}
END_TEST

/* Before protocol 29 the order was plain byte order of the whole path. */
START_TEST(test_name_cmp_protocol28)
{
	static const struct named order[] = {
		{"-x", M_FILE},  {".", M_DIR},    {"D", M_FILE},   {"a", M_FILE},   {"a-", M_FILE},   {"a.b", M_DIR},
		{"a.b/c", M_FILE}, {"d", M_DIR}, {"d!", M_DIR},    {"d!/in", M_DIR},
		{"d!/y", M_FILE}, {"d/a", M_FILE}, {"d/sub", M_DIR}, {"d/sub!", M_FILE},
		{"d/sub/z", M_FILE}, {"e", M_DIR}, {"f", M_FILE},
	};

	for (size_t i = 0; i < ARRAY_LEN(order); i++)
		for (size_t j = 0; j < ARRAY_LEN(order); j++) {
			int c = flist_name_cmp(order[i].name, order[i].mode, order[j].name,
					       order[j].mode, 28);
			int want = i < j ? -1 : i > j ? 1 : 0;

			REQUIRE((c > 0) - (c < 0) == want, "\"%s\" vs \"%s\" gives %d",
				order[i].name, order[j].name, c);
		}
}
END_TEST

static void fill_shuffled(struct flist *fl, const struct named *v, size_t n, uint64_t seed)
{
	size_t idx[64];

	ck_assert_uint_le(n, ARRAY_LEN(idx));
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	for (size_t i = n; i > 1; i--) {
		size_t j;

		seed = seed * 6364136223846793005u + 1442695040888963407u;
		j = (size_t)(seed >> 33) % i;
		size_t t = idx[i - 1];
		idx[i - 1] = idx[j];
		idx[j] = t;
	}
	for (size_t i = 0; i < n; i++) {
		struct fentry e = {0};

		e.name = strdup(v[idx[i]].name);
		e.mode = v[idx[i]].mode;
		e.size = (int64_t)idx[i]; /* to follow the entry */
		ck_assert_int_eq(flist_add(fl, &e), 0);
	}
}

START_TEST(test_finish_sorts)
{
	for (uint64_t seed = 1; seed <= 20; seed++) {
		struct flist *fl = new_list(0);

		fill_shuffled(fl, rsync_order, ARRAY_LEN(rsync_order), seed);
		ck_assert_int_eq(flist_finish(fl, NULL, 32, FLIST_SORT), 0);
		ck_assert_int_eq(fl->used, (int)ARRAY_LEN(rsync_order));
		for (size_t i = 0; i < ARRAY_LEN(rsync_order); i++) {
			ck_assert_str_eq(fl->files[i].name, rsync_order[i].name);
			ck_assert_int_eq(fl->files[i].mode, rsync_order[i].mode);
			ck_assert_int_eq(fl->files[i].size, (int64_t)i);
		}
		flist_free(fl);
	}
}
END_TEST

START_TEST(test_finish_dirlist)
{
	struct dirlist dirs = {0};
	struct flist *fl = new_list(1);
	static const struct named second[] = {
		{"d/sub/z", M_FILE}, {"d/sub/q", M_DIR}, {"d/sub/a", M_DIR},
	};
	static const char *const want[] = {".", "a.b", "d!", "d!/in", "d", "d/sub", "e",
					   "d/sub/a", "d/sub/q"};

	fill_shuffled(fl, rsync_order, ARRAY_LEN(rsync_order), 7);
	ck_assert_int_eq(flist_finish(fl, &dirs, 32, FLIST_SORT), 0);
	ck_assert_int_eq(dirs.used, 7);
	flist_free(fl);

	/* a second list appends its directories, in its sorted order */
	fl = new_list(23);
	fill_shuffled(fl, second, ARRAY_LEN(second), 3);
	ck_assert_int_eq(flist_finish(fl, &dirs, 32, FLIST_SORT), 0);
	ck_assert_str_eq(fl->files[0].name, "d/sub/z");
	ck_assert_int_eq(dirs.used, (int)ARRAY_LEN(want));
	for (size_t i = 0; i < ARRAY_LEN(want); i++) {
		ck_assert_str_eq(dirs.dirs[i].name, want[i]);
		ck_assert_int_eq(dirs.dirs[i].mode, M_DIR);
	}
	flist_free(fl);
	dirlist_free(&dirs);
	ck_assert_int_eq(dirs.used, 0);

	/* an empty list */
	fl = new_list(0);
	ck_assert_int_eq(flist_finish(fl, &dirs, 32, FLIST_SORT), 0);
	ck_assert_int_eq(dirs.used, 0);
	flist_free(fl);
	dirlist_free(&dirs);
}
END_TEST

/* Many entries: the list and the dir list grow. */
START_TEST(test_finish_large)
{
	struct dirlist dirs = {0};
	struct flist *fl = new_list(0);
	char name[32];

	for (int i = 999; i >= 0; i--) {
		struct fentry e = {0};

		snprintf(name, sizeof name, "n%04d", i);
		e.name = strdup(name);
		e.mode = i % 3 ? M_FILE : M_DIR;
		ck_assert_int_eq(flist_add(fl, &e), 0);
	}
	ck_assert_int_eq(flist_finish(fl, &dirs, 31, FLIST_SORT), 0);
	/* files first, then directories, each in name order */
	for (int i = 1; i < fl->used; i++)
		REQUIRE(flist_name_cmp(fl->files[i - 1].name, fl->files[i - 1].mode,
				       fl->files[i].name, fl->files[i].mode, 31) < 0,
			"not sorted at %d", i);
	ck_assert_int_eq(S_ISDIR(fl->files[665].mode), 0);
	ck_assert_int_eq(S_ISDIR(fl->files[666].mode), 1);
	ck_assert_int_eq(dirs.used, 334);
	ck_assert_str_eq(dirs.dirs[0].name, "n0000");
	ck_assert_str_eq(dirs.dirs[333].name, "n0999");
	flist_free(fl);
	dirlist_free(&dirs);
}
END_TEST

Suite *flist_suite(void)
{
	Suite *s = suite_create("flist");
	TCase *te = tcase_create("entries");
	TCase *th = tcase_create("hostile");
	TCase *to = tcase_create("order");

	tcase_add_test(te, test_plain_file);
	tcase_add_test(te, test_same_name);
	tcase_add_test(te, test_long_name);
	tcase_add_test(te, test_same_uid_gid);
	tcase_add_test(te, test_user_group_names);
	tcase_add_test(te, test_symlink);
	tcase_add_test(te, test_devices);
	tcase_add_test(te, test_specials_protocol30);
	tcase_add_test(te, test_checksums);
	tcase_add_test(te, test_mod_nsec);
	tcase_add_test(te, test_hardlinks);
	tcase_add_test(te, test_hardlink_symlink_target_copied);
	tcase_add_test(te, test_hardlink_earlier_list);
	tcase_add_test(te, test_hardlink_flags_without_H);
	tcase_add_test(te, test_end_varint);
	tcase_add_test(te, test_end_byte_flags);
	tcase_add_test(te, test_byte_flags_protocol31);
	tcase_add_test(te, test_protocol29);
	tcase_add_test(te, test_protocol29_hardlinks);
	tcase_add_test(te, test_protocol27);
	tcase_add_test(te, test_id_lists);
	suite_add_tcase(s, te);

	tcase_add_test(th, test_bad_l1);
	tcase_add_test(th, test_bad_name_length);
	tcase_add_test(th, test_bad_dotdot);
	tcase_add_test(th, test_bad_absolute);
	tcase_add_test(th, test_bad_nul_in_name);
	tcase_add_test(th, test_bad_size);
	tcase_add_test(th, test_bad_numbers);
	tcase_add_test(th, test_bad_mode);
	tcase_add_test(th, test_bad_mod_nsec);
	tcase_add_test(th, test_bad_hardlink_index);
	tcase_add_test(th, test_bad_symlink_length);
	tcase_add_test(th, test_bad_prefixes);
	suite_add_tcase(s, th);

	tcase_add_test(to, test_name_cmp_pairs);
	tcase_add_test(to, test_name_cmp_rsync_order);
	tcase_add_test(to, test_name_cmp_protocol28);
	tcase_add_test(to, test_finish_sorts);
	tcase_add_test(to, test_finish_dirlist);
	tcase_add_test(to, test_finish_large);
	suite_add_tcase(s, to);
	return s;
}
