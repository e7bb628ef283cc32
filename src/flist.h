/* The file list as a receiving rsync client reads it (rsync's flist.c
 * recv_file_entry/recv_file_list and uidlist.c), parsed from bytes that the
 * relay forwards unchanged.  Each call parses one whole item or nothing,
 * so the caller can retry once more bytes have arrived. */
#ifndef RELAY_FLIST_H
#define RELAY_FLIST_H

#include <stddef.h>
#include <stdint.h>

#define RELAY_MAXPATHLEN 4096

/* File types and the sticky bit as the wire carries them: the traditional
 * Unix values, which POSIX.1-2008 names only in its XSI option. */
#define WIRE_MODE_IFREG 0100000u
#define WIRE_MODE_IFDIR 0040000u
#define WIRE_MODE_ISVTX 0001000u

/* xflags (rsync.h XMIT_*) */
#define XMIT_TOP_DIR (1 << 0)
#define XMIT_SAME_MODE (1 << 1)
#define XMIT_EXTENDED_FLAGS (1 << 2)
#define XMIT_SAME_UID (1 << 3)
#define XMIT_SAME_GID (1 << 4)
#define XMIT_SAME_NAME (1 << 5)
#define XMIT_LONG_NAME (1 << 6)
#define XMIT_SAME_TIME (1 << 7)
#define XMIT_SAME_RDEV_MAJOR (1 << 8)
#define XMIT_NO_CONTENT_DIR (1 << 8)
#define XMIT_HLINKED (1 << 9)
#define XMIT_SAME_RDEV_pre28 (1 << 2)	/* protocol 27: the same rdev as the last */
#define XMIT_SAME_DEV_pre30 (1 << 10)
#define XMIT_USER_NAME_FOLLOWS (1 << 10)
#define XMIT_RDEV_MINOR_8_pre30 (1 << 11)
#define XMIT_GROUP_NAME_FOLLOWS (1 << 11)
#define XMIT_HLINK_FIRST (1 << 12)
#define XMIT_IO_ERROR_ENDLIST (1 << 12)
#define XMIT_MOD_NSEC (1 << 13)
#define XMIT_SAME_ATIME (1 << 14)
#define XMIT_CRTIME_EQ_MTIME (1 << 17)

/* What decides which fields are on the wire. */
struct flist_opts {
	int protocol;
	int varint_flags;	/* CF_VARINT_FLIST_FLAGS */
	int safe_flist;		/* CF_SAFE_FLIST or protocol >= 31 */
	int id0_names;		/* CF_ID0_NAMES */
	int inc_recurse;
	int preserve_uid;
	int preserve_gid;
	int preserve_links;
	int preserve_devices;
	int preserve_specials;
	int preserve_hard_links;
	int always_checksum;
	int flist_csum_len;
	int numeric_ids;
	int relative_paths;
	int preserve_atimes;	/* -U */
	int preserve_crtimes;	/* -N */
	int preserve_acls;	/* -A */
	int preserve_xattrs;	/* -X */
	int xattr_sum_len;	/* abbreviated xattr values (16) */
	int missing_args_delete; /* --delete-missing-args: mode 0 entries */
	int unsorted;		/* --iconv: indexes follow the order received */
};

struct fentry {
	char *name;		/* full path as sent */
	char *link;		/* symlink target, or NULL */
	unsigned char *sum;	/* -c: a regular file's checksum, or NULL */
	uint32_t mode;
	int64_t size;
	int64_t mtime;
	int64_t atime, crtime;
	uint32_t uid, gid;
	uint32_t rdev_major;
};

struct flist {
	int ndx_start;
	int used;
	int cap;
	int parent_ndx;		/* index into the dir list, -1 for the first */
	int num;		/* rsync's flist_num: 0 or 1 for the first, then +1 */
	struct fentry *files;	/* sorted once the list is complete */
	struct flist *next;
};

/* Directory names across all lists: incremental recursion names a
 * directory by its position here (NDX_FLIST_OFFSET - dir_ndx). */
struct dirlist {
	int used, cap;
	struct fentry *dirs;	/* copies (name, attributes; no link) */
	unsigned char *got_list; /* per directory: its list has come */
};

/* The "previous entry" state that entries are compressed against. */
struct flist_state {
	char lastname[RELAY_MAXPATHLEN];
	int64_t modtime, atime, crtime;
	uint32_t mode;
	uint32_t uid, gid;
	uint32_t rdev_major;
	int64_t dev;		/* protocol 29 hard-link device */
	/* the last entry's xflags, and how many bytes they took on the wire */
	uint32_t xflags;
	int xflags_len;
	size_t name_end;	/* and where its name's bytes end */
};

enum flist_item { FLIST_ENTRY, FLIST_END };

/* Parses one file-list item into *e (or the end marker, with *io_error).
 * Returns bytes used, WIRE_NEED_MORE, or WIRE_BAD with err set.  On
 * success st is updated; cur is the list being received (for hard-link
 * references to earlier entries). */
ptrdiff_t flist_parse_item(struct flist_state *st, const struct flist_opts *o,
			   const struct flist *cur, const unsigned char *buf, size_t len,
			   enum flist_item *kind, struct fentry *e, int *io_error,
			   char *err, size_t errlen);

/* The uid and gid name lists after a non-incremental file list; returns
 * bytes used, WIRE_NEED_MORE, or WIRE_BAD with err set. */
ptrdiff_t flist_parse_id_lists(const struct flist_opts *o, const unsigned char *buf,
			       size_t len, char *err, size_t errlen);

/* An entry's xflags encoded as the sender encodes them: a varint with
 * CF_VARINT_FLIST_FLAGS, else one byte, or two with XMIT_EXTENDED_FLAGS
 * (protocol 28 on) when the high byte is used or the low one is 0.
 * Returns the bytes written to out (at most 5), or 0 when the value has
 * no such encoding. */
size_t flist_encode_xflags(uint32_t xflags, int varint, int protocol, unsigned char *out);

/* A name with a ".." component, or an absolute one without relative
 * (-R): one that could lead out of the destination. */
int flist_unsafe_name(const char *name, int relative);

/* rsync's clean_fname() without options, in place, as both ends clean a
 * name: no empty or interior "." components, no trailing "/", "." for
 * nothing.  Returns the new length. */
size_t flist_clean_name(char *name);

void flist_state_init(struct flist_state *st);
int flist_add(struct flist *fl, struct fentry *e);	/* takes ownership */
/* Whether one more flist_add keeps the list's array within max_bytes:
 * rsync's --max-alloc bounds each of its allocations, and so do we. */
int flist_can_add(const struct flist *fl, uint64_t max_bytes);
void flist_free(struct flist *fl);
void fentry_free(struct fentry *e);

/* Completes a list: FLIST_SORT puts it in rsync's file-list order, which
 * both ends use for file indexes (with --iconv they follow the order
 * received instead); FLIST_STRIP_ROOT drops the leading slashes -R names
 * keep while sorting.  Directories are appended to dirs (with incremental
 * recursion; NULL otherwise). */
#define FLIST_SORT 1
#define FLIST_STRIP_ROOT 2
int flist_finish(struct flist *fl, struct dirlist *dirs, int protocol, int how);
int flist_name_cmp(const char *a, uint32_t mode_a, const char *b, uint32_t mode_b,
		   int protocol);

void dirlist_free(struct dirlist *d);

#endif
