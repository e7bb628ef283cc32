#include "flist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "wire.h"

/* A cursor over the bytes of one item; every read is bounds-checked and a
 * short buffer turns into WIRE_NEED_MORE for the whole item. */
struct cur {
	const unsigned char *buf;
	size_t len, pos;
	ptrdiff_t fail;	/* 0, WIRE_NEED_MORE or WIRE_BAD */
};

static int c_ok(const struct cur *c) { return c->fail == 0; }

static void c_take(struct cur *c, ptrdiff_t n)
{
	if (n < 0)
		c->fail = c->fail ? c->fail : n;
	else
		c->pos += (size_t)n;
}

static uint32_t c_byte(struct cur *c)
{
	if (c->fail)
		return 0;
	if (c->pos >= c->len) {
		c->fail = WIRE_NEED_MORE;
		return 0;
	}
	return c->buf[c->pos++];
}

static int32_t c_int(struct cur *c)
{
	int32_t v = 0;
	if (!c->fail)
		c_take(c, wire_read_int(c->buf + c->pos, c->len - c->pos, &v));
	return v;
}

static int32_t c_varint(struct cur *c)
{
	int32_t v = 0;
	if (!c->fail)
		c_take(c, wire_read_varint(c->buf + c->pos, c->len - c->pos, &v));
	return v;
}

static int32_t c_varint30(struct cur *c, int protocol)
{
	return protocol >= 30 ? c_varint(c) : c_int(c);
}

static int64_t c_varlong(struct cur *c, int min_bytes)
{
	int64_t v = 0;
	if (!c->fail)
		c_take(c, wire_read_varlong(c->buf + c->pos, c->len - c->pos, min_bytes, &v));
	return v;
}

static int64_t c_varlong30(struct cur *c, int protocol, int min_bytes)
{
	int64_t v = 0;
	if (!c->fail)
		c_take(c, wire_read_varlong30(c->buf + c->pos, c->len - c->pos, protocol,
					      min_bytes, &v));
	return v;
}

/* A pointer to n bytes in the buffer, or NULL. */
static const unsigned char *c_bytes(struct cur *c, size_t n)
{
	const unsigned char *p;
	if (c->fail)
		return NULL;
	if (c->len - c->pos < n) {
		c->fail = WIRE_NEED_MORE;
		return NULL;
	}
	p = c->buf + c->pos;
	c->pos += n;
	return p;
}

/* rsync's "longint": an int, or -1 and then 8 bytes. */
static int64_t c_longint(struct cur *c)
{
	int64_t v = 0;
	if (!c->fail)
		c_take(c, wire_read_varlong30(c->buf + c->pos, c->len - c->pos, 29, 3, &v));
	return v;
}

static ptrdiff_t bad(char *err, size_t errlen, const char *fmt, const char *arg)
{
	snprintf(err, errlen, fmt, arg);
	return WIRE_BAD;
}

size_t flist_clean_name(char *name)
{
	char *t = name, *f = name;
	int anchored = *name == '/';

	if (anchored) {
		t++;
		f++;
	}
	while (*f) {
		if (*f == '/') {
			f++;
			continue;
		}
		if (f[0] == '.' && f[1] == '/') {
			f += 2;
			continue;
		}
		while (*f) {
			char ch = *f++;

			*t++ = ch;
			if (ch == '/')
				break;
		}
	}
	if (t > name + anchored && t[-1] == '/')
		t--;
	if (t == name)
		*t++ = '.';
	*t = '\0';
	return (size_t)(t - name);
}

void flist_state_init(struct flist_state *st)
{
	memset(st, 0, sizeof *st);
}

size_t flist_encode_xflags(uint32_t xflags, int varint, int protocol, unsigned char *out)
{
	if (varint)
		return xflags ? wire_write_varint(out, (int32_t)xflags) : 0;
	if (xflags > 0xFFFF)
		return 0;
	/* a zero first byte would end the list */
	if (!(xflags & (0xFF00 | XMIT_EXTENDED_FLAGS)) && xflags) {
		out[0] = (unsigned char)xflags;
		return 1;
	}
	if (protocol < 28)
		return 0;
	xflags |= XMIT_EXTENDED_FLAGS;
	out[0] = (unsigned char)xflags;
	out[1] = (unsigned char)(xflags >> 8);
	return 2;
}

static int is_device(uint32_t mode) { return S_ISCHR(mode) || S_ISBLK(mode); }
static int is_special(uint32_t mode) { return S_ISFIFO(mode) || S_ISSOCK(mode); }

/* Names with ".." components, or absolute ones without -R, could escape
 * the destination; a receiving rsync refuses them and so do we. */
int flist_unsafe_name(const char *name, int relative)
{
	const char *p = name;

	if (*name == '/' && !relative)
		return 1;
	while (*p) {
		size_t l = strcspn(p, "/");
		if (l == 2 && p[0] == '.' && p[1] == '.')
			return 1;
		p += l;
		while (*p == '/')
			p++;
	}
	return 0;
}

/* A user or group name after an id: a length byte and the bytes. */
static void c_name(struct cur *c)
{
	c_bytes(c, c_byte(c));
}

/* One ACL (rsync's acls.c): an index of an earlier ACL, or 0 and a new
 * one: flags, the standard entries, and named entries. */
static void c_acl(struct cur *c)
{
	int32_t ndx = c_varint(c);
	uint32_t flags;

	if (!c_ok(c) || ndx != 0) {
		if (c_ok(c) && ndx < 0)
			c->fail = WIRE_BAD;
		return;
	}
	flags = c_byte(c);
	for (int bit = 0; bit < 4; bit++)	/* user, group, mask, other */
		if (flags & (1u << bit))
			c_varint(c);
	if (flags & (1u << 4)) {		/* named entries */
		int32_t count = c_varint(c);
		if (c_ok(c) && (count < 0 || count > 0xFFFF)) {
			c->fail = WIRE_BAD;
			return;
		}
		for (int32_t i = 0; i < count && c_ok(c); i++) {
			c_varint(c);			/* id */
			if (c_varint(c) & 1)	/* access, low bit: a name follows */
				c_name(c);
		}
	}
}

/* An xattr set (rsync's xattrs.c): an index of an earlier set, or 0, a
 * count, and per entry name and value lengths, the name, and the value
 * (a checksum instead when the value is long). */
static void c_xattrs(struct cur *c, int sum_len)
{
	int32_t ndx = c_varint(c), count;

	if (!c_ok(c) || ndx != 0) {
		if (c_ok(c) && ndx < 0)
			c->fail = WIRE_BAD;
		return;
	}
	count = c_varint(c);
	if (c_ok(c) && (count < 0 || count > 0xFFFF)) {
		c->fail = WIRE_BAD;
		return;
	}
	for (int32_t i = 0; i < count && c_ok(c); i++) {
		int32_t name_len = c_varint(c), datum_len = c_varint(c);
		if (c_ok(c) && (name_len < 1 || name_len > 0xFFFF || datum_len < 0)) {
			c->fail = WIRE_BAD;
			return;
		}
		c_bytes(c, (size_t)name_len);
		c_bytes(c, datum_len > 32 ? (size_t)sum_len : (size_t)datum_len);
	}
}

static ptrdiff_t parse_item(struct flist_state *st, const struct flist_opts *o,
			    const struct flist *cur, const unsigned char *buf, size_t len,
			    enum flist_item *kind, struct fentry *e, int *io_error,
			    char *err, size_t errlen)
{
	struct cur c = { buf, len, 0, 0 };
	uint32_t xflags, l1 = 0, l2;
	char name[RELAY_MAXPATHLEN];
	const unsigned char *p;
	int64_t size, modtime = st->modtime, atime = st->atime, crtime = st->crtime;
	uint32_t mode = st->mode, uid = st->uid, gid = st->gid;
	uint32_t rdev_major = st->rdev_major;
	int64_t dev = st->dev;
	const struct fentry *first = NULL;
	char *link = NULL;
	size_t link_len = 0;
	const unsigned char *link_bytes = NULL;

	memset(e, 0, sizeof *e);
	if (o->varint_flags) {
		xflags = (uint32_t)c_varint(&c);
		if (c_ok(&c) && xflags == 0) {
			int32_t ioe = c_varint(&c);
			if (!c_ok(&c))
				return c.fail;
			*kind = FLIST_END;
			*io_error = ioe;
			return (ptrdiff_t)c.pos;
		}
	} else {
		xflags = c_byte(&c);
		if (c_ok(&c) && xflags == 0) {
			*kind = FLIST_END;
			*io_error = 0;
			return (ptrdiff_t)c.pos;
		}
		if (o->protocol >= 28 && (xflags & XMIT_EXTENDED_FLAGS))
			xflags |= c_byte(&c) << 8;
		if (c_ok(&c) && xflags == (XMIT_EXTENDED_FLAGS | XMIT_IO_ERROR_ENDLIST)) {
			int32_t ioe;
			if (!o->safe_flist)
				return bad(err, errlen, "Invalid flist flag: %s", "0x1004");
			ioe = c_varint(&c);
			if (!c_ok(&c))
				return c.fail;
			*kind = FLIST_END;
			*io_error = ioe;
			return (ptrdiff_t)c.pos;
		}
	}
	if (!c_ok(&c))
		return c.fail;
	int xflags_len = (int)c.pos;

	if (xflags & XMIT_SAME_NAME)
		l1 = c_byte(&c);
	l2 = xflags & XMIT_LONG_NAME ? (uint32_t)c_varint30(&c, o->protocol) : c_byte(&c);
	if (!c_ok(&c))
		return c.fail;
	if (l1 > strlen(st->lastname) || l2 >= RELAY_MAXPATHLEN - l1)
		return bad(err, errlen, "overflow in a file-list name after \"%s\"", st->lastname);
	if (!(p = c_bytes(&c, l2)))
		return c.fail;
	size_t name_end = c.pos;
	memcpy(name, st->lastname, l1);
	memcpy(name + l1, p, l2);
	name[l1 + l2] = '\0';
	if (strlen(name) != l1 + l2)
		return bad(err, errlen, "file-list name with a NUL byte after \"%s\"", st->lastname);
	if (flist_unsafe_name(name, o->relative_paths))
		return bad(err, errlen, "ABORTING due to unsafe pathname from sender: %s", name);

	/* The index is on the wire whenever the flags say so, -H or not. */
	if (o->protocol >= 30 && (xflags & XMIT_HLINKED) && !(xflags & XMIT_HLINK_FIRST)) {
		int32_t fndx = c_varint(&c);
		if (!c_ok(&c))
			return c.fail;
		if (fndx < 0 || fndx >= cur->ndx_start + cur->used)
			return bad(err, errlen, "hard-link reference out of range (%s)", name);
		if (fndx >= cur->ndx_start)
			first = &cur->files[fndx - cur->ndx_start];
	}

	if (first) {
		/* An abbreviated entry: its attributes are those of the first
		 * name of the hard-linked group, already in this list. */
		size = first->size;
		modtime = first->mtime;
		mode = first->mode;
		if (o->preserve_atimes && !S_ISDIR(mode))
			atime = first->atime;
		if (o->preserve_crtimes)
			crtime = first->crtime;
		if (o->preserve_uid)
			uid = first->uid;
		if (o->preserve_gid)
			gid = first->gid;
		if (o->preserve_devices && is_device(mode))
			rdev_major = first->rdev_major;
		if (first->link)
			link = strdup(first->link);
	} else {
		size = c_varlong30(&c, o->protocol, 3);
		if (!(xflags & XMIT_SAME_TIME))
			modtime = o->protocol >= 30 ? c_varlong(&c, 4)
						    : (int64_t)(uint32_t)c_int(&c);
		if (xflags & XMIT_MOD_NSEC) {
			int32_t ns = c_varint(&c);
			if (c_ok(&c) && (ns < 0 || ns > 999999999))
				return bad(err, errlen, "invalid modtime_nsec for %s", name);
		}
		if (o->preserve_crtimes)
			crtime = xflags & XMIT_CRTIME_EQ_MTIME ? modtime : c_varlong(&c, 4);
		if (!(xflags & XMIT_SAME_MODE))
			mode = (uint32_t)c_int(&c);
		if (!c_ok(&c))
			return c.fail;
		/* Mode 0 is --delete-missing-args's "this one is gone". */
		if (!S_ISREG(mode) && !S_ISDIR(mode) && !S_ISLNK(mode) && !is_device(mode) &&
		    !is_special(mode) && !(mode == 0 && o->missing_args_delete))
			return bad(err, errlen, "invalid file mode for %s", name);
		if (o->preserve_atimes && !S_ISDIR(mode) && !(xflags & XMIT_SAME_ATIME))
			atime = c_varlong(&c, 4);
		if (o->preserve_uid && !(xflags & XMIT_SAME_UID)) {
			uid = (uint32_t)c_varint30(&c, o->protocol);
			if (o->protocol >= 30 && (xflags & XMIT_USER_NAME_FOLLOWS))
				c_name(&c);
		}
		if (o->preserve_gid && !(xflags & XMIT_SAME_GID)) {
			gid = (uint32_t)c_varint30(&c, o->protocol);
			if (o->protocol >= 30 && (xflags & XMIT_GROUP_NAME_FOLLOWS))
				c_name(&c);
		}
		if (((o->preserve_devices && is_device(mode)) ||
		     (o->preserve_specials && is_special(mode))) && o->protocol < 28) {
			/* one int for the whole number, unless it is the last one */
			if (!(xflags & XMIT_SAME_RDEV_pre28))
				c_int(&c);
			size = 0;
		} else if ((o->preserve_devices && is_device(mode)) ||
		    (o->preserve_specials && is_special(mode) && o->protocol < 31)) {
			if (!(xflags & XMIT_SAME_RDEV_MAJOR))
				rdev_major = (uint32_t)c_varint30(&c, o->protocol);
			if (o->protocol >= 30)
				c_varint(&c);
			else if (xflags & XMIT_RDEV_MINOR_8_pre30)
				c_byte(&c);
			else
				c_int(&c);
			size = 0;
		} else if (is_device(mode))
			size = 0;
		if (o->preserve_links && S_ISLNK(mode)) {
			int32_t ll = c_varint30(&c, o->protocol);
			if (c_ok(&c) && (ll < 0 || ll >= RELAY_MAXPATHLEN))
				return bad(err, errlen, "overflow: symlink target length for %s", name);
			if (c_ok(&c)) {
				link_len = (size_t)ll;
				link_bytes = c_bytes(&c, link_len);
			}
		}
	}
	/* Before protocol 28 every regular file carries its device and inode. */
	if (o->preserve_hard_links && o->protocol < 30 &&
	    ((xflags & XMIT_HLINKED) || (o->protocol < 28 && S_ISREG(mode)))) {
		if (!(xflags & XMIT_SAME_DEV_pre30))
			dev = c_longint(&c);
		c_longint(&c);
	}
	const unsigned char *sum_bytes = NULL;
	if (o->always_checksum && S_ISREG(mode) && !first)
		sum_bytes = c_bytes(&c, (size_t)o->flist_csum_len);
	else if (o->always_checksum && o->protocol < 28)
		c_bytes(&c, (size_t)o->flist_csum_len);	/* zeros for a non-file */
	else if (o->always_checksum && S_ISREG(mode) && first)
		sum_bytes = first->sum;	/* a hard link shares the first's */
	if (o->preserve_acls && !S_ISLNK(mode)) {
		c_acl(&c);
		if (S_ISDIR(mode))
			c_acl(&c);	/* the default ACL */
	}
	if (o->preserve_xattrs)
		c_xattrs(&c, o->xattr_sum_len);
	if (!c_ok(&c)) {
		free(link);
		if (c.fail == WIRE_BAD)
			return bad(err, errlen, "invalid ACL or xattr data for %s", name);
		return c.fail;
	}
	if (size < 0) {
		free(link);
		return bad(err, errlen, "Offset underflow: file-length is negative (%s)", name);
	}

	if (link_bytes) {
		link = malloc(link_len + 1);
		if (link) {
			memcpy(link, link_bytes, link_len);
			link[link_len] = '\0';
		}
	}
	e->name = strdup(name);
	e->link = link;
	e->sum = NULL;
	if (sum_bytes && c_ok(&c) && (e->sum = malloc((size_t)o->flist_csum_len)))
		memcpy(e->sum, sum_bytes, (size_t)o->flist_csum_len);
	if (!e->name || (S_ISLNK(mode) && o->preserve_links && !e->link) ||
	    (sum_bytes && !e->sum)) {
		fentry_free(e);
		return bad(err, errlen, "out of memory receiving %s", name);
	}
	e->mode = mode;
	e->size = size;
	e->mtime = modtime;
	e->atime = atime;
	e->crtime = crtime;
	e->uid = uid;
	e->gid = gid;
	e->rdev_major = rdev_major;

	/* Commit the compression state only for a whole entry. */
	memcpy(st->lastname, name, l1 + l2 + 1);
	st->modtime = modtime;
	st->atime = atime;
	st->crtime = crtime;
	st->mode = mode;
	st->uid = uid;
	st->gid = gid;
	st->rdev_major = rdev_major;
	st->dev = dev;
	st->xflags = xflags;
	st->xflags_len = xflags_len;
	st->name_end = name_end;
	*kind = FLIST_ENTRY;
	return (ptrdiff_t)c.pos;
}

ptrdiff_t flist_parse_item(struct flist_state *st, const struct flist_opts *o,
			   const struct flist *cur, const unsigned char *buf, size_t len,
			   enum flist_item *kind, struct fentry *e, int *io_error,
			   char *err, size_t errlen)
{
	ptrdiff_t n;

	if (errlen)
		err[0] = '\0';
	n = parse_item(st, o, cur, buf, len, kind, e, io_error, err, errlen);
	/* A number the wire decoders refuse fails without a word. */
	if (n == WIRE_BAD && errlen && !err[0])
		snprintf(err, errlen, "invalid number in the file list after \"%s\"", st->lastname);
	return n;
}

ptrdiff_t flist_parse_id_lists(const struct flist_opts *o, const unsigned char *buf,
			       size_t len, char *err, size_t errlen)
{
	struct cur c = { buf, len, 0, 0 };

	if (o->numeric_ids)
		return 0;
	for (int pass = 0; pass < 2; pass++) {
		/* ACL entries name users and groups too. */
		if (pass == 0 ? !o->preserve_uid && !o->preserve_acls
			      : !o->preserve_gid && !o->preserve_acls)
			continue;
		while (c_ok(&c)) {
			int32_t id = c_varint30(&c, o->protocol);
			if (!c_ok(&c) || id == 0)
				break;
			c_name(&c);
		}
		if (o->id0_names)
			c_name(&c);
	}
	if (c.fail == WIRE_BAD)
		snprintf(err, errlen, "invalid number in the uid/gid lists");
	return c.fail ? c.fail : (ptrdiff_t)c.pos;
}

void fentry_free(struct fentry *e)
{
	free(e->name);
	free(e->link);
	free(e->sum);
	e->name = e->link = NULL;
	e->sum = NULL;
}

/* The array's size after the next flist_add (it doubles, from 64). */
static uint64_t next_bytes(const struct flist *fl)
{
	uint64_t cap = (uint64_t)(fl->used < fl->cap ? fl->cap : fl->cap ? fl->cap * 2 : 64);
	return cap * sizeof(struct fentry);
}

int flist_can_add(const struct flist *fl, uint64_t max_bytes)
{
	return fl->used < INT32_MAX / 2 && next_bytes(fl) <= max_bytes;
}

int flist_add(struct flist *fl, struct fentry *e)
{
	if (fl->used == fl->cap) {
		int cap = fl->cap ? fl->cap * 2 : 64;
		struct fentry *f = realloc(fl->files, (size_t)cap * sizeof *f);
		if (!f)
			return -1;
		fl->files = f;
		fl->cap = cap;
	}
	fl->files[fl->used++] = *e;
	return 0;
}

void flist_free(struct flist *fl)
{
	for (int i = 0; i < fl->used; i++)
		fentry_free(&fl->files[i]);
	free(fl->files);
	free(fl);
}

/* One path component: [p, p+len), and whether it sorts as a directory. */
struct comp {
	const char *p;
	size_t len;
	int is_path;
};

/* Next component of a name; returns 0 at the end.  "." as a last
 * component (the transfer root, "dir/.") sorts like its parent's end. */
static int next_comp(const char **s, int is_dir, struct comp *out)
{
	const char *p = *s;
	size_t l;

	while (*p == '/')
		p++;
	if (!*p)
		return 0;
	l = strcspn(p, "/");
	if (l == 1 && p[0] == '.' && !p[1] && is_dir)
		return 0;
	out->p = p;
	out->len = l;
	out->is_path = p[l] != '\0' || is_dir;
	*s = p + l;
	return 1;
}

int flist_name_cmp(const char *a, uint32_t mode_a, const char *b, uint32_t mode_b,
		   int protocol)
{
	int adir = S_ISDIR(mode_a), bdir = S_ISDIR(mode_b);

	if (protocol < 29)	/* plain byte order of the whole path, "." too */
		return strcmp(a, b);
	for (;;) {
		struct comp ca, cb;
		int ha = next_comp(&a, adir, &ca), hb = next_comp(&b, bdir, &cb);
		size_t n;
		int d;

		if (!ha || !hb)
			return ha - hb;
		/* Within a directory, files come before subdirectories. */
		if (ca.is_path != cb.is_path)
			return ca.is_path ? 1 : -1;
		n = ca.len < cb.len ? ca.len : cb.len;
		d = memcmp(ca.p, cb.p, n);
		if (d)
			return d;
		if (ca.len != cb.len) {
			/* A directory name compares as if it ended in '/'. */
			unsigned char xa = ca.len > n ? (unsigned char)ca.p[n] : ca.is_path ? '/' : 0;
			unsigned char xb = cb.len > n ? (unsigned char)cb.p[n] : cb.is_path ? '/' : 0;
			return (int)xa - (int)xb;
		}
	}
}

/* A stable merge sort: qsort is not stable and cannot take the protocol
 * as an argument. */
static void merge_sort(struct fentry *v, struct fentry *tmp, int n, int protocol)
{
	int mid = n / 2, i, j, k;

	if (n < 2)
		return;
	merge_sort(v, tmp, mid, protocol);
	merge_sort(v + mid, tmp, n - mid, protocol);
	for (i = 0, j = mid, k = 0; i < mid && j < n;)
		tmp[k++] = flist_name_cmp(v[j].name, v[j].mode, v[i].name, v[i].mode,
					  protocol) < 0 ? v[j++] : v[i++];
	while (i < mid)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, (size_t)n * sizeof *v);
}

int flist_finish(struct flist *fl, struct dirlist *dirs, int protocol, int how)
{
	if ((how & FLIST_SORT) && fl->used > 1) {
		struct fentry *tmp = malloc((size_t)fl->used * sizeof *tmp);
		if (!tmp)
			return -1;
		merge_sort(fl->files, tmp, fl->used, protocol);
		free(tmp);
	}
	for (int i = 0; (how & FLIST_STRIP_ROOT) && i < fl->used; i++) {
		char *n = fl->files[i].name;
		size_t skip = strspn(n, "/");
		if (skip && n[skip])
			memmove(n, n + skip, strlen(n + skip) + 1);
	}
	for (int i = 0; dirs && i < fl->used; i++) {
		if (!S_ISDIR(fl->files[i].mode))
			continue;
		if (dirs->used == dirs->cap) {
			int cap = dirs->cap ? dirs->cap * 2 : 64;
			struct fentry *d = realloc(dirs->dirs, (size_t)cap * sizeof *d);
			if (d)
				dirs->dirs = d;
			unsigned char *g = realloc(dirs->got_list, (size_t)cap);
			if (g)
				dirs->got_list = g;
			if (!d || !g)
				return -1;
			dirs->cap = cap;
		}
		dirs->got_list[dirs->used] = 0;
		dirs->dirs[dirs->used] = fl->files[i];
		dirs->dirs[dirs->used].link = NULL;
		dirs->dirs[dirs->used].sum = NULL;
		if (!(dirs->dirs[dirs->used].name = strdup(fl->files[i].name)))
			return -1;
		dirs->used++;
	}
	return 0;
}

void dirlist_free(struct dirlist *d)
{
	for (int i = 0; i < d->used; i++)
		fentry_free(&d->dirs[i]);
	free(d->dirs);
	free(d->got_list);
	memset(d, 0, sizeof *d);
}
