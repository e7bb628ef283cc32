/* One line of --out-format output (-v, -i, --out-format), and the number
 * formats of the summary, as rsync 3.5.0's client prints them.
 *
 * The caller describes the item in a plain struct; nothing here reads
 * globals or the clock.  Names come back as raw bytes: escaping unsafe
 * bytes is left to whoever prints the line.
 *
 * Escapes (rsync(1), --out-format; rsyncd.conf(5), "log format"):
 *   %n  name, "/" appended for a directory ("./" for the top directory)
 *   %f  name as rsync's clean_fname leaves it, without a leading "/";
 *       with am_sender_view and pathname set, pathname "/" name
 *   %L  " -> TARGET" for a symlink, " => NAME" for a hard link (hlink),
 *       else nothing; with a width or "-", "    " plus the padded target
 *   %l  length (size); %b and %c bytes of this transfer; 0 unless the
 *       item has ITEM_TRANSFER
 *   %C  the whole-file checksum in hex, else checksum_bytes_len*2 spaces
 *       (a width pads the hex, never the spaces)
 *   %i  the itemize string (logfmt_itemize)
 *   %o  "recv", "send" (am_sender_view) or "del." (a deletion)
 *   %M  mtime as "YYYY/MM/DD-hh:mm:ss" in local time
 *   %t  now as "YYYY/MM/DD hh:mm:ss" in local time
 *   %B  permission bits as ls shows them, without the type letter
 *   %U  uid (0 without preserve_uid); %G gid, or "DEFAULT" without
 *       preserve_gid or with skip_group
 *   %p  pid
 *   %m  the module name: empty, as a client has no module
 *   %%  a "%"
 * A deletion has only its name and mode: %l %b %c %U are 0, %G is 0 or
 * DEFAULT, %M the epoch, %L empty and %C spaces.
 * A client leaves %a, %h, %P and %u (daemon-only: address, host name,
 * module path, user) in the line as typed, widths included; so is an
 * unknown escape.
 *
 * Between "%" and the letter may come apostrophes (any number, before and
 * after the width), an optional "-" and up to 23 characters of "-" and
 * digits in all, as printf flags and a width ("%-10n", "%08U").  One
 * apostrophe puts thousands separators in %l, %b and %c; two give units
 * of 1000 ("1.23K"), three or more units of 1024.  -h does not change
 * these escapes.
 *
 * Numbers use the separator rsync takes from the C library's LC_NUMERIC
 * locale: "," unless the locale's decimal point is not ".", then "."
 * (rsync calls setlocale(LC_NUMERIC, ""); without that call it is ",").
 */
#ifndef RELAY_LOGFMT_H
#define RELAY_LOGFMT_H

#include <stddef.h>
#include <stdint.h>

/* iflags beyond the wire's 16 bits (rsync.h), used only for logging. */
#ifndef ITEM_MISSING_DATA
#define ITEM_MISSING_DATA (1 << 16)
#endif
#ifndef ITEM_DELETED
#define ITEM_DELETED (1 << 17)
#endif

/* How the bytes of a checksum are printed (rsync's sum_as_hex). */
enum logfmt_sum_order {
	LOGFMT_SUM_FORWARD = 0,	/* md4, md5, sha1, sha256, sha512: in order */
	LOGFMT_SUM_REVERSED,	/* xxh64, xxh3, xxh128: last byte first */
	LOGFMT_SUM_HIDDEN,	/* never printed (protocol < 30 MD4, "none") */
};

struct logfmt_item {
	const char *name;	/* path as in the file list ("." for the top dir) */
	uint32_t mode;		/* st_mode bits as on the wire */
	int64_t size;		/* file length */
	int64_t mtime;		/* modification time (seconds) */
	uint32_t uid, gid;	/* ids as the receiver maps them (never names) */
	const char *link;	/* symlink target or NULL */
	const char *hlink;	/* hard-link target (the "xname"), "" or NULL */
	int iflags;		/* ITEM_* bits (sendstream.h), ITEM_DELETED */
	/* %b and %c: the bytes the logging side read and wrote while this
	 * file went across; %b is the read count for a receiver (the file's
	 * data with its framing), the written count for a sender, %c the
	 * other one. */
	int64_t bytes;
	int64_t cbytes;
	/* %C: the sender's whole-file checksum of a transfer, or with
	 * --checksum the file list's one, as it travels; NULL if none.
	 * checksum_bytes_len is the length of sums of that type even when
	 * checksum is NULL (their width in spaces): rsync takes the file
	 * list's type with --checksum, otherwise the transfer's. */
	const unsigned char *checksum;
	int64_t checksum_bytes_len;
	enum logfmt_sum_order checksum_order;
	int64_t now;		/* %t: the time to print (time(NULL)) */
	/* %p: rsync shows the pid of the client process that logs the line
	 * (for a pull, its receiver: a child of the command the user ran). */
	long pid;
	int am_sender_view;	/* 0: a receiving client ("recv", ">") */
	int local_server;	/* with am_sender_view: a local copy (">", not "<") */
	const char *pathname;	/* with am_sender_view: the source dir, or NULL */
	int dry_run;		/* -n: a transfer without a sum shows zeros in %C */
	int protocol;		/* 0 or >= 29; below 29 a transfer is ">f?????????" */
	int is_delete;		/* a deletion (as ITEM_DELETED in iflags) */
	int preserve_uid;	/* -o: else %U is 0 */
	int preserve_gid;	/* -g: else %G is DEFAULT */
	int skip_group;		/* the receiver may not set this group: DEFAULT */
	int preserve_mtimes;	/* -t: else a time change shows as "T" */
	int receiver_symlink_times; /* else a symlink's time change is "T" */
};

/* Fewest bytes logfmt_num and logfmt_dnum need for any value they print
 * (logfmt_dnum with up to 3 decimals and |d| < 2^63). */
#define LOGFMT_NUM_SIZE 48

/* logfmt_line's result when rsync itself would give up on the line: a
 * format longer than 4096 bytes ("log-format string is WAY too long!")
 * or one that expands past rsync's buffer ("buffer overflow expanding
 * %X -- exiting"); rsync exits with code 13 in both cases. */
#define LOGFMT_TOO_LONG (-2)

/* Puts the line for fmt (the --out-format string: "%n%L" for -v, "%i
 * %n%L" for -i) into out, NUL-terminated, without the final newline.
 * A deletion uses "deleting %n" unless fmt has %i or %o, as rsync does.
 * Returns the length, -1 if out (cap bytes) is too small, or
 * LOGFMT_TOO_LONG. */
int logfmt_line(const char *fmt, const struct logfmt_item *it, char *out, size_t cap);

/* The 11 characters of %i and a NUL: "*deleting  " for a deletion, else
 * the update type (< > c h .), the file type (f d L D S), then c s t p o
 * g u a x (or "+" for a new item, "?" for missing data, spaces when an
 * unchanged item's attributes are all "."). */
void logfmt_itemize(const struct logfmt_item *it, char out[12]);

/* 1 if rsync's parser finds escape letter esc in fmt (as log_format_has):
 * decides "deleting %n" (neither 'i' nor 'o') and whether rsync logs
 * before the transfer (no 'b', 'c' or 'C'). */
int logfmt_has(const char *fmt, char esc);

/* An integer as rsync's do_big_num prints it.  human is rsync's
 * human_readable level: 0 plain digits (--no-h), 1 thousands separators
 * (the default), 2 units of 1000 (-h), 3 or more units of 1024 (-hh).
 * For rsync's helpers pass: human_num: the level; comma_num: level != 0;
 * big_num: 0.  Returns buf (truncated to len - 1 bytes if too small). */
const char *logfmt_num(int64_t n, int human, char *buf, size_t len);

/* A fraction as rsync's do_big_dnum prints it with decimals digits after
 * the point: the bytes/sec of the summary is logfmt_dnum(rate, level, 2),
 * its speedup logfmt_dnum(speedup, level != 0, 2), the --stats times
 * logfmt_dnum(seconds, level != 0, 3). */
const char *logfmt_dnum(double d, int human, int decimals, char *buf, size_t len);

#endif
