/* Command-line parsing with rsync's syntax: bundled short options
 * ("-avz"), "-eCMD" / "-e CMD" / "-e=CMD", "--opt=val" / "--opt val",
 * "--no-OPTION" negations, "--".  After the words are read, rsync's own
 * post-parse rules run in rsync's order, so that the struct holds what
 * rsync's client would send and the same errors are reported. */
#include "options.h"
#include "operands.h"

#include "logfmt.h"
#include "timelimit.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define PATH_LIMIT 4096			/* MAXPATHLEN on Linux */
#define DEFAULT_MAX_ALLOC (1024ULL * 1024 * 1024)
#define MAX_BLOCK_SIZE (1 << 17)	/* protocol 30 and newer */
#define OLD_MAX_BLOCK_SIZE (1 << 29)
#define NEWEST_PROTOCOL 32
#define OLDEST_PROTOCOL 20
#define IMPLIED_PARTIAL_DIR ".~tmp~"

/* How an option is applied. */
enum kind {
	K_SET,		/* int field = val (NOOP_VALUE: nothing) */
	K_BITS,		/* int field |= val */
	K_STR,		/* const char * field = the argument */
	K_INT,		/* int field = the argument as popt reads an int */
	K_CALL,		/* handled in apply_call() by val */
	K_REFUSE,	/* rejected with why */
};

/* K_CALL actions */
enum call {
	C_ARCHIVE, C_RECURSE, C_NO_RECURSE, C_NO_D, C_ACLS, C_XATTRS, C_ATIMES,
	C_HARD_LINKS, C_FUZZY, C_VERBOSE, C_ITEMIZE, C_QUIET, C_ONE_FS, C_MODIFY_WINDOW,
	C_F, C_FILTER, C_EXCLUDE, C_INCLUDE, C_EXCLUDE_FROM, C_INCLUDE_FROM,
	C_COMPRESS, C_OLD_COMPRESS, C_NEW_COMPRESS, C_NO_COMPRESS, C_OLD_ARGS,
	C_REMOTE_OPTION, C_BLOCK_SIZE, C_MAX_SIZE, C_MIN_SIZE, C_BWLIMIT,
	C_APPEND, C_COMPARE_DEST, C_COPY_DEST, C_LINK_DEST, C_CHMOD, C_USERMAP,
	C_GROUPMAP, C_CHOWN, C_HELP, C_VERSION, C_HUMAN, C_NO_ICONV, C_SEED,
	C_QSORT, C_DEVICES_SPECIALS, C_PROTOCOL, C_PARTIAL_PROGRESS, C_INFO, C_DEBUG,
	C_RSH, C_STOP_AFTER, C_STOP_AT,
};

struct opt_def {
	const char *name;	/* long name, NULL if none */
	char shortc;		/* short letter, 0 if none */
	unsigned char kind;
	unsigned char takes_arg;
	size_t off;		/* the field, for K_SET ... K_INT */
	int val;
	const char *why;	/* K_REFUSE: the reason */
};

#define F(field) offsetof(struct options, field)
#define SET(n, c, field, v) { n, c, K_SET, 0, F(field), v, NULL }
#define BITS(n, c, field, v) { n, c, K_BITS, 0, F(field), v, NULL }
#define STR(n, c, field) { n, c, K_STR, 1, F(field), 0, NULL }
#define INT(n, c, field) { n, c, K_INT, 1, F(field), 0, NULL }
#define CALL(n, c, id, arg) { n, c, K_CALL, arg, 0, id, NULL }
#define REFUSE(n, c, arg, why) { n, c, K_REFUSE, arg, 0, 0, why }
/* refused with this whole message (rsync's own) */
#define REFUSE_MSG(n, c, arg, msg) { n, c, K_REFUSE, arg, 0, 1, msg }
/* accepted without effect: it restates what the relay does anyway */
#define NOOP_VALUE INT_MIN
#define NOOP(n) { n, 0, K_SET, 0, 0, NOOP_VALUE, NULL }

static const char why_output[] =
	"rsync-relay prints the client's messages itself; --stderr is not supported";
static const char why_daemon[] = "rsync-relay is a client; it runs no daemon itself";
static const char why_batch[] =
	"batch files need a local sender or receiver, and rsync-relay has neither";
static const char why_server[] =
	"rsync-relay is a client; it starts both servers itself";

static const struct opt_def opt_defs[] = {
	/* general */
	CALL("help", 0, C_HELP, 0),
	CALL("version", 'V', C_VERSION, 0),
	CALL("verbose", 'v', C_VERBOSE, 0),
	SET("no-verbose", 0, verbose, 0),
	SET("no-v", 0, verbose, 0),
	CALL("quiet", 'q', C_QUIET, 0),
	SET("dry-run", 'n', dry_run, 1),

	/* what is transferred */
	CALL("archive", 'a', C_ARCHIVE, 0),
	CALL("recursive", 'r', C_RECURSE, 0),
	CALL("no-recursive", 0, C_NO_RECURSE, 0),
	CALL("no-r", 0, C_NO_RECURSE, 0),
	SET("inc-recursive", 0, allow_inc_recurse, 1),
	SET("no-inc-recursive", 0, allow_inc_recurse, 0),
	SET("i-r", 0, allow_inc_recurse, 1),
	SET("no-i-r", 0, allow_inc_recurse, 0),
	SET("dirs", 'd', xfer_dirs, 2),
	SET("no-dirs", 0, xfer_dirs, 0),
	SET("no-d", 0, xfer_dirs, 0),
	SET("old-dirs", 0, xfer_dirs, 4),
	SET("old-d", 0, xfer_dirs, 4),
	SET("perms", 'p', preserve_perms, 1),
	SET("no-perms", 0, preserve_perms, 0),
	SET("no-p", 0, preserve_perms, 0),
	SET("executability", 'E', preserve_executability, 1),
	CALL("acls", 'A', C_ACLS, 0),
	SET("no-acls", 0, preserve_acls, 0),
	SET("no-A", 0, preserve_acls, 0),
	CALL("xattrs", 'X', C_XATTRS, 0),
	SET("no-xattrs", 0, preserve_xattrs, 0),
	SET("no-X", 0, preserve_xattrs, 0),
	SET("times", 't', preserve_mtimes, 1),
	SET("no-times", 0, preserve_mtimes, 0),
	SET("no-t", 0, preserve_mtimes, 0),
	CALL("atimes", 'U', C_ATIMES, 0),
	SET("no-atimes", 0, preserve_atimes, 0),
	SET("no-U", 0, preserve_atimes, 0),
	SET("open-noatime", 0, open_noatime, 1),
	SET("no-open-noatime", 0, open_noatime, 0),
	SET("crtimes", 'N', preserve_crtimes, 1),
	SET("no-crtimes", 0, preserve_crtimes, 0),
	SET("no-N", 0, preserve_crtimes, 0),
	SET("omit-dir-times", 'O', omit_dir_times, 1),
	SET("no-omit-dir-times", 0, omit_dir_times, 0),
	SET("no-O", 0, omit_dir_times, 0),
	SET("omit-link-times", 'J', omit_link_times, 1),
	SET("no-omit-link-times", 0, omit_link_times, 0),
	SET("no-J", 0, omit_link_times, 0),
	CALL("modify-window", '@', C_MODIFY_WINDOW, 1),
	SET("super", 0, am_root, 2),
	SET("no-super", 0, am_root, 0),
	SET("fake-super", 0, am_root, -1),
	SET("owner", 'o', preserve_uid, 1),
	SET("no-owner", 0, preserve_uid, 0),
	SET("no-o", 0, preserve_uid, 0),
	SET("group", 'g', preserve_gid, 1),
	SET("no-group", 0, preserve_gid, 0),
	SET("no-g", 0, preserve_gid, 0),
	CALL(NULL, 'D', C_DEVICES_SPECIALS, 0),
	CALL("no-D", 0, C_NO_D, 0),
	SET("devices", 0, preserve_devices, 1),
	SET("no-devices", 0, preserve_devices, 0),
	SET("copy-devices", 0, copy_devices, 1),
	SET("write-devices", 0, write_devices, 1),
	SET("no-write-devices", 0, write_devices, 0),
	SET("specials", 0, preserve_specials, 1),
	SET("no-specials", 0, preserve_specials, 0),
	SET("links", 'l', preserve_links, 1),
	SET("no-links", 0, preserve_links, 0),
	SET("no-l", 0, preserve_links, 0),
	SET("copy-links", 'L', copy_links, 1),
	SET("copy-unsafe-links", 0, copy_unsafe_links, 1),
	SET("safe-links", 0, safe_symlinks, 1),
	SET("munge-links", 0, munge_symlinks, 1),
	SET("no-munge-links", 0, munge_symlinks, 0),
	SET("copy-dirlinks", 'k', copy_dirlinks, 1),
	SET("keep-dirlinks", 'K', keep_dirlinks, 1),
	CALL("hard-links", 'H', C_HARD_LINKS, 0),
	SET("no-hard-links", 0, preserve_hard_links, 0),
	SET("no-H", 0, preserve_hard_links, 0),
	SET("relative", 'R', relative_paths, 1),
	SET("no-relative", 0, relative_paths, 0),
	SET("no-R", 0, relative_paths, 0),
	SET("implied-dirs", 0, implied_dirs, 1),
	SET("no-implied-dirs", 0, implied_dirs, 0),
	SET("i-d", 0, implied_dirs, 1),
	SET("no-i-d", 0, implied_dirs, 0),
	CALL("chmod", 0, C_CHMOD, 1),
	SET("ignore-times", 'I', ignore_times, 1),
	SET("size-only", 0, size_only, 1),
	CALL("one-file-system", 'x', C_ONE_FS, 0),
	SET("no-one-file-system", 0, one_file_system, 0),
	SET("no-x", 0, one_file_system, 0),
	SET("update", 'u', update_only, 1),
	SET("existing", 0, ignore_non_existing, 1),
	SET("ignore-non-existing", 0, ignore_non_existing, 1),
	SET("ignore-existing", 0, ignore_existing, 1),
	CALL("max-size", 0, C_MAX_SIZE, 1),
	CALL("min-size", 0, C_MIN_SIZE, 1),
	STR("max-alloc", 0, max_alloc_arg),
	SET("sparse", 'S', sparse_files, 1),
	SET("no-sparse", 0, sparse_files, 0),
	SET("no-S", 0, sparse_files, 0),
	SET("preallocate", 0, preallocate_files, 1),
	SET("inplace", 0, inplace, 1),
	SET("no-inplace", 0, inplace, 0),
	CALL("append", 0, C_APPEND, 0),
	SET("append-verify", 0, append_mode, 2),
	SET("no-append", 0, append_mode, 0),
	SET("del", 0, delete_during, 1),
	SET("delete", 0, delete_mode, 1),
	SET("delete-before", 0, delete_before, 1),
	SET("delete-during", 0, delete_during, 1),
	SET("delete-delay", 0, delete_during, 2),
	SET("delete-after", 0, delete_after, 1),
	SET("delete-excluded", 0, delete_excluded, 1),
	BITS("delete-missing-args", 0, missing_args, 2),
	BITS("ignore-missing-args", 0, missing_args, 1),
	SET("remove-sent-files", 0, remove_source_files, 2),
	SET("remove-source-files", 0, remove_source_files, 1),
	SET("force", 0, force_delete, 1),
	SET("no-force", 0, force_delete, 0),
	SET("ignore-errors", 0, ignore_errors, 1),
	SET("no-ignore-errors", 0, ignore_errors, 0),
	INT("max-delete", 0, max_delete),

	/* filter rules */
	CALL(NULL, 'F', C_F, 0),
	CALL("filter", 'f', C_FILTER, 1),
	CALL("exclude", 0, C_EXCLUDE, 1),
	CALL("include", 0, C_INCLUDE, 1),
	CALL("exclude-from", 0, C_EXCLUDE_FROM, 1),
	CALL("include-from", 0, C_INCLUDE_FROM, 1),
	SET("cvs-exclude", 'C', cvs_exclude, 1),

	/* the delta algorithm, checksums, compression */
	SET("whole-file", 'W', whole_file, 1),
	SET("no-whole-file", 0, whole_file, 0),
	SET("no-W", 0, whole_file, 0),
	SET("checksum", 'c', always_checksum, 1),
	SET("no-checksum", 0, always_checksum, 0),
	SET("no-c", 0, always_checksum, 0),
	STR("checksum-choice", 0, checksum_choice),
	STR("cc", 0, checksum_choice),
	CALL("block-size", 'B', C_BLOCK_SIZE, 1),
	CALL("compare-dest", 0, C_COMPARE_DEST, 1),
	CALL("copy-dest", 0, C_COPY_DEST, 1),
	CALL("link-dest", 0, C_LINK_DEST, 1),
	CALL("fuzzy", 'y', C_FUZZY, 0),
	SET("no-fuzzy", 0, fuzzy_basis, 0),
	SET("no-y", 0, fuzzy_basis, 0),
	CALL("compress", 'z', C_COMPRESS, 0),
	CALL("old-compress", 0, C_OLD_COMPRESS, 0),
	CALL("new-compress", 0, C_NEW_COMPRESS, 0),
	CALL("no-compress", 0, C_NO_COMPRESS, 0),
	CALL("no-z", 0, C_NO_COMPRESS, 0),
	STR("compress-choice", 0, compress_choice),
	STR("zc", 0, compress_choice),
	STR("skip-compress", 0, skip_compress),
	INT("compress-level", 0, do_compression_level),
	INT("zl", 0, do_compression_level),
	/* threads of a sending client's zstd: a pulling client, like the
	 * relay, compresses nothing, and rsync sends it to no server */
	INT("compress-threads", 0, compress_threads),
	INT("zt", 0, compress_threads),

	/* partial transfers, backups */
	CALL(NULL, 'P', C_PARTIAL_PROGRESS, 0),
	SET("progress", 0, do_progress, 1),
	SET("no-progress", 0, do_progress, 0),
	SET("partial", 0, keep_partial, 1),
	SET("no-partial", 0, keep_partial, 0),
	STR("partial-dir", 0, partial_dir),
	SET("delay-updates", 0, delay_updates, 1),
	SET("no-delay-updates", 0, delay_updates, 0),
	SET("prune-empty-dirs", 'm', prune_empty_dirs, 1),
	SET("no-prune-empty-dirs", 0, prune_empty_dirs, 0),
	SET("no-m", 0, prune_empty_dirs, 0),
	STR("log-file", 0, logfile_name),
	STR("log-file-format", 0, logfile_format),
	STR("out-format", 0, stdout_format),
	STR("log-format", 0, stdout_format),
	CALL("itemize-changes", 'i', C_ITEMIZE, 0),
	SET("no-itemize-changes", 0, itemize_changes, 0),
	SET("no-i", 0, itemize_changes, 0),
	CALL("bwlimit", 0, C_BWLIMIT, 1),
	SET("no-bwlimit", 0, bwlimit, 0),
	SET("backup", 'b', make_backups, 1),
	SET("no-backup", 0, make_backups, 0),
	STR("backup-dir", 0, backup_dir),
	STR("suffix", 0, backup_suffix),
	SET("list-only", 0, list_only, 2),
	REFUSE("read-batch", 0, 1, why_batch),
	REFUSE("write-batch", 0, 1, why_batch),
	REFUSE("only-write-batch", 0, 1, why_batch),
	STR("files-from", 0, files_from),
	SET("from0", '0', eol_nulls, 1),
	SET("no-from0", 0, eol_nulls, 0),
	CALL("old-args", 0, C_OLD_ARGS, 0),
	SET("no-old-args", 0, old_style_args, 0),
	SET("secluded-args", 's', protect_args, 1),
	SET("no-secluded-args", 0, protect_args, 0),
	SET("protect-args", 0, protect_args, 1),
	SET("no-protect-args", 0, protect_args, 0),
	SET("no-s", 0, protect_args, 0),
	SET("trust-sender", 0, trust_sender, 1),
	SET("numeric-ids", 0, numeric_ids, 1),
	SET("no-numeric-ids", 0, numeric_ids, 0),
	CALL("usermap", 0, C_USERMAP, 1),
	CALL("groupmap", 0, C_GROUPMAP, 1),
	CALL("chown", 0, C_CHOWN, 1),
	INT("timeout", 0, io_timeout),
	SET("no-timeout", 0, io_timeout, 0),
	INT("contimeout", 0, connect_timeout),
	SET("no-contimeout", 0, connect_timeout, 0),
	SET("fsync", 0, do_fsync, 1),
	CALL("stop-after", 0, C_STOP_AFTER, 1),
	CALL("time-limit", 0, C_STOP_AFTER, 1),
	CALL("stop-at", 0, C_STOP_AT, 1),

	/* transport */
	CALL("rsh", 'e', C_RSH, 1),
	STR("rsync-path", 0, rsync_path),
	STR("src-rsh", 0, src_rsh),
	STR("dest-rsh", 0, dest_rsh),
	STR("src-rsync-path", 0, src_rsync_path),
	STR("dest-rsync-path", 0, dest_rsync_path),
	SET("print-server-commands", 0, print_server_commands, 1),
	STR("local-rsync", 0, local_rsync),
	SET("relay", 0, force_relay, 1),
	STR("temp-dir", 'T', tmpdir),
	STR("iconv", 0, iconv_opt),
	CALL("no-iconv", 0, C_NO_ICONV, 0),
	/* rsync daemons */
	INT("port", 0, port),
	INT("src-port", 0, src_port),
	INT("dest-port", 0, dest_port),
	STR("address", 0, bind_address),
	STR("sockopts", 0, sockopts),
	STR("password-file", 0, password_file),
	STR("src-password-file", 0, src_password_file),
	STR("dest-password-file", 0, dest_password_file),
	SET("no-motd", 0, no_motd, 1),
	SET("motd", 0, no_motd, 0),
	SET("ipv4", '4', default_af_hint, 4),
	SET("ipv6", '6', default_af_hint, 6),
	SET("8-bit-output", '8', allow_8bit_chars, 1),
	SET("no-8-bit-output", 0, allow_8bit_chars, 0),
	SET("no-8", 0, allow_8bit_chars, 0),
	SET("mkpath", 0, mkpath_dest_arg, 1),
	SET("no-mkpath", 0, mkpath_dest_arg, 0),
	CALL("qsort", 0, C_QSORT, 0),
	CALL("remote-option", 'M', C_REMOTE_OPTION, 1),
	CALL("protocol", 0, C_PROTOCOL, 1),
	CALL("checksum-seed", 0, C_SEED, 1),

	/* output */
	CALL("info", 0, C_INFO, 1),
	CALL("debug", 0, C_DEBUG, 1),
	REFUSE("stderr", 0, 1, why_output),
	REFUSE("msgs2stderr", 0, 0, why_output),
	REFUSE("no-msgs2stderr", 0, 0, why_output),
	SET("stats", 0, do_stats, 1),
	CALL("human-readable", 'h', C_HUMAN, 0),
	SET("no-human-readable", 0, human_readable, 0),
	SET("no-h", 0, human_readable, 0),
	STR("outbuf", 0, outbuf),

	/* what cannot work between two remote ends */
	STR("copy-as", 0, copy_as),
	/* rsync's client keeps these to its own side: the relay's side has
	 * only the files it reads (see the manual) */
	SET("insecure-links", 0, insecure_links, 1),
	SET("no-insecure-links", 0, insecure_links, 0),
	STR("confine-root", 0, confine_root),
	SET("drop-D", 0, drop_devices, 1),
	SET("no-drop-D", 0, drop_devices, 0),
	REFUSE("blocking-io", 0, 0, "rsync-relay drives its remote-shell pipes itself"),
	NOOP("no-blocking-io"),
	STR("early-input", 0, early_input),
	REFUSE("daemon", 0, 0, why_daemon),
	REFUSE("config", 0, 1, why_daemon),
	REFUSE("dparam", 0, 1, why_daemon),
	REFUSE("detach", 0, 0, why_daemon),
	REFUSE("no-detach", 0, 0, why_daemon),
	REFUSE("server", 0, 0, why_server),
	REFUSE("sender", 0, 0, why_server),
};

#define N_DEFS (sizeof opt_defs / sizeof opt_defs[0])

/* Parser state that rsync keeps in file-level statics. */
struct pstate {
	struct options *o;
	int recurse_explicit;	/* rsync's recurse == 2: -r given */
	int usermap_via_chown, groupmap_via_chown;
	int z_count;		/* -z count (rsync's do_compression before its rules) */
	int protocol_given;
	char *sbuf;		/* string space in the arena */
	size_t sused, scap;
	size_t argv_chars;	/* all of argv, with a separator each */
	char *chmod_buf;	/* the joined --chmod list */
	char **argv;
	int argc;
};

/* Room for len characters and a NUL in the arena. */
static char *sreserve(struct pstate *st, size_t len)
{
	char *p;

	if (st->sused + len + 1 > st->scap)
		return NULL;
	p = st->sbuf + st->sused;
	p[len] = '\0';
	st->sused += len + 1;
	return p;
}

/* prefix followed by len characters of s, in the arena */
static char *sjoin(struct pstate *st, const char *prefix, const char *s, size_t len)
{
	size_t plen = strlen(prefix);
	char *p = sreserve(st, plen + len);

	if (p) {
		memcpy(p, prefix, plen);
		memcpy(p + plen, s, len);
	}
	return p;
}

static const struct opt_def *find_long(const char *name, size_t len)
{
	for (size_t i = 0; i < N_DEFS; i++) {
		const char *n = opt_defs[i].name;
		if (n && strlen(n) == len && memcmp(n, name, len) == 0)
			return &opt_defs[i];
	}
	return NULL;
}

static const struct opt_def *find_short(int c)
{
	for (size_t i = 0; i < N_DEFS; i++)
		if (opt_defs[i].shortc == c)
			return &opt_defs[i];
	return NULL;
}

/* "--name (-x)" or "-x": how a refused option is named. */
static void display_name(const struct opt_def *d, char *out, size_t outlen)
{
	if (d->name && d->shortc)
		snprintf(out, outlen, "--%s (-%c)", d->name, d->shortc);
	else if (d->name)
		snprintf(out, outlen, "--%s", d->name);
	else
		snprintf(out, outlen, "-%c", d->shortc);
}

/* popt's integer reading: strtoll with base 0, the whole text, in int
 * range.  An empty text is 0. */
static int parse_popt_int(const char *s, int *out, const char *shown, char *err,
			  size_t errlen)
{
	char *end = NULL;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 0);
	if (!end || *end) {
		snprintf(err, errlen, "%s: invalid numeric value", shown);
		return -1;
	}
	if (v < INT_MIN || v > INT_MAX) {
		snprintf(err, errlen, "%s: number too large or too small", shown);
		return -1;
	}
	*out = (int)v;
	return 0;
}

/* A limit in rsync's "human" form for its messages (1024-based units). */
static void human_limit(int64_t n, char *out, size_t outlen)
{
	static const char units[] = "KMGTP";
	double d;
	int u = 0;

	if (n < 1024) {
		snprintf(out, outlen, "%lld", (long long)n);
		return;
	}
	d = (double)n / 1024;
	while (d >= 1024 && u < 4) {
		d /= 1024;
		u++;
	}
	snprintf(out, outlen, "%.2f%c", d, units[u]);
}

/* rsync's SIZE arguments: a number with an optional fraction, a unit
 * (b, k, m, g, t, p; def_suf when none) optionally followed by "b" (powers
 * of 1000) or "ib" (1024), and an optional "+1" or "-1".  max < 0: no
 * maximum.  unlimited0: 0 is allowed below min. */
static int parse_size(const char *text, char def_suf, const char *name, int64_t min,
		      int64_t max, int unlimited0, int64_t *out, char *err, size_t errlen)
{
	const int64_t size_max = max >= 0 ? max : INT64_MAX;
	const char *p = text, *what = "invalid", *minmax = NULL;
	int64_t limit = -1, unit = 1, size;
	int reps, mult;
	double d;

	while (isdigit((unsigned char)*p))
		p++;
	if (*p == '.') {
		for (p++; isdigit((unsigned char)*p);)
			p++;
	}
	switch (*p && *p != '+' && *p != '-' ? *p++ : def_suf) {
	case 'b': case 'B': reps = 0; break;
	case 'k': case 'K': reps = 1; break;
	case 'm': case 'M': reps = 2; break;
	case 'g': case 'G': reps = 3; break;
	case 't': case 'T': reps = 4; break;
	case 'p': case 'P': reps = 5; break;
	default: goto fail;
	}
	if (*p == 'b' || *p == 'B') {
		mult = 1000;
		p++;
	} else if (!*p || *p == '+' || *p == '-')
		mult = 1024;
	else if (strncasecmp(p, "ib", 2) == 0) {
		mult = 1024;
		p += 2;
	} else
		goto fail;
	while (reps--) {
		if (unit > size_max / mult)
			goto too_large;
		unit *= mult;
	}
	errno = 0;
	d = strtod(text, NULL);
	if (errno == ERANGE || d < 0 || d > (double)size_max / (double)unit ||
	    (max < 0 && d >= (double)size_max / (double)unit))
		goto too_large;
	size = (int64_t)(d * (double)unit);
	if ((*p == '+' || *p == '-') && p[1] == '1' && p != text) {
		if (*p == '+') {
			if (size == size_max)
				goto too_large;
			size++;
		} else
			size--;
		p += 2;
	}
	if (*p)
		goto fail;
	if (size < 0 || (max >= 0 && size > max))
		goto too_large;
	if (size < min && (!unlimited0 || size != 0)) {
		what = "too small";
		minmax = "min";
		limit = min;
		goto fail;
	}
	*out = size;
	return 0;

too_large:
	what = "too large";
	minmax = "max";
	limit = max;
fail: {
	int len = snprintf(err, errlen, "--%s=%s is %s", name, text, what);

	if (minmax && limit >= 0 && len >= 0 && (size_t)len < errlen) {
		char num[32];

		human_limit(limit, num, sizeof num);
		snprintf(err + len, errlen - (size_t)len, " (%s: %s%s)", minmax, num,
			 unlimited0 && minmax[1] == 'i' ? " or 0 for unlimited" : "");
	}
	return -1;
}
}

/* rsync's --chmod syntax: comma-separated items, each [DF][ugoa]*
 * followed by [-+=] and [rwXxst]* or one of u, g, o; or [DF] and an octal
 * mode up to 07777. */
static int chmod_valid(const char *s)
{
	for (;;) {
		int flags = 0, where = 0, op = 0, what = 0, copy = 0;

		for (; *s && *s != ','; s++) {
			if (!op) {
				switch (*s) {
				case 'D':
					if (flags == 'F')
						return 0;
					flags = 'D';
					continue;
				case 'F':
					if (flags == 'D')
						return 0;
					flags = 'F';
					continue;
				case 'u': case 'g': case 'o': case 'a':
					where = 1;
					continue;
				case '+': case '-': case '=':
					op = *s;
					continue;
				}
				if (*s >= '0' && *s <= '7' && !where) {
					long mode = 0;

					for (; *s >= '0' && *s <= '7'; s++) {
						mode = mode * 8 + (*s - '0');
						if (mode > 07777)
							return 0;
					}
					if (*s && *s != ',')
						return 0;
					op = '#';
					break;
				}
				return 0;
			}
			switch (*s) {
			case 'r': case 'w': case 'X': case 'x': case 's': case 't':
				if (copy)
					return 0;
				what = 1;
				continue;
			case 'u': case 'g': case 'o':
				if (what || copy)
					return 0;
				copy = 1;
				continue;
			}
			return 0;
		}
		if (!op)
			return 0;
		if (!*s)
			return 1;
		s++;
	}
}

/* rsync parses a rule as it meets the option, so its --debug=FILTER
 * lines follow only the --debug options given before it. */
static int add_filter(struct options *o, enum filter_arg_kind kind, const char *arg)
{
	o->filter_args[o->nfilter_args].kind = kind;
	o->filter_args[o->nfilter_args].arg = arg;
	o->filter_debug[o->nfilter_args] = o->debug.level[DEBUG_FILTER];
	o->nfilter_args++;
	return 0;
}

/* A rule rsync adds after the options, when -v's levels are in force. */
static void add_late_filter(struct options *o, const char *arg)
{
	add_filter(o, FA_FILTER, arg);
	o->filter_debug[o->nfilter_args - 1] = FILTER_DEBUG_FINAL;
}

static int set_dest_dir(struct pstate *st, int type, const char *arg, char *err, size_t errlen)
{
	static const char *const names[] = {"", "--compare-dest", "--copy-dest", "--link-dest"};
	struct options *o = st->o;

	if (o->alt_dest_type && o->alt_dest_type != type) {
		snprintf(err, errlen, "ERROR: the %s option conflicts with the %s option",
			 names[type], names[o->alt_dest_type]);
		return -1;
	}
	o->alt_dest_type = type;
	if (o->basis_dir_cnt >= OPT_MAX_BASIS_DIRS) {
		snprintf(err, errlen, "ERROR: at most %d %s args may be specified",
			 OPT_MAX_BASIS_DIRS, names[type]);
		return -1;
	}
	o->basis_dir[o->basis_dir_cnt++] = arg;
	return 0;
}

static int effective_protocol(const struct options *o)
{
	return o->protocol_version ? o->protocol_version : NEWEST_PROTOCOL;
}

/* A decimal number in the arena, the way rsync re-prints a size. */
static const char *number_text(struct pstate *st, int64_t v)
{
	char buf[32];
	int n = snprintf(buf, sizeof buf, "%lld", (long long)v);

	return sjoin(st, "", buf, (size_t)n);
}

static int apply_call(struct pstate *st, const struct opt_def *d, const char *arg,
		      const char *shown, char *err, size_t errlen)
{
	struct options *o = st->o;
	int64_t size;

	switch (d->val) {
	case C_ARCHIVE:
		if (!o->recurse)
			o->recurse = 1;
		o->preserve_links = o->preserve_perms = o->preserve_mtimes = 1;
		o->preserve_gid = o->preserve_uid = 1;
		o->preserve_devices = o->preserve_specials = 1;
		break;
	case C_DEVICES_SPECIALS:
		o->preserve_devices = o->preserve_specials = 1;
		break;
	case C_NO_D:
		o->preserve_devices = o->preserve_specials = 0;
		break;
	case C_RECURSE:
		o->recurse = 1;
		st->recurse_explicit = 1;
		break;
	case C_NO_RECURSE:
		o->recurse = 0;
		st->recurse_explicit = 0;
		break;
	case C_ACLS:
		o->preserve_acls = 1;
		o->preserve_perms = 1;
		break;
	case C_XATTRS: o->preserve_xattrs++; break;
	case C_ATIMES:
		if (++o->preserve_atimes > 1)
			o->open_noatime = 1;
		break;
	case C_HARD_LINKS: o->preserve_hard_links++; break;
	case C_FUZZY: o->fuzzy_basis++; break;
	case C_VERBOSE: o->verbose++; break;
	case C_ITEMIZE: o->itemize_changes++; break;
	case C_QUIET: o->quiet++; break;
	case C_ONE_FS: o->one_file_system++; break;
	case C_HUMAN: o->human_readable++; break;
	case C_PARTIAL_PROGRESS:
		o->do_progress = 1;
		o->keep_partial = 1;
		break;
	case C_INFO:
	case C_DEBUG: {
		struct outlevels *ol = d->val == C_INFO ? &o->info : &o->debug;
		int rc = outlevels_parse(ol, arg, OUT_PRIO_USER, err, errlen);

		if (rc < 0)
			return -1;
		if (rc > 0)
			*(d->val == C_INFO ? &o->show_info_help : &o->show_debug_help) = 1;
		break;
	}
	case C_MODIFY_WINDOW:
		if (parse_popt_int(arg, &o->modify_window, shown, err, errlen) < 0)
			return -1;
		o->modify_window_set = 1;
		break;
	case C_PROTOCOL:
		if (parse_popt_int(arg, &o->protocol_version, shown, err, errlen) < 0)
			return -1;
		st->protocol_given = 1;
		break;
	case C_RSH:
		o->rsh = arg;
		o->rsh_given = 1;
		break;
	case C_SEED: {
		int v;

		if (parse_popt_int(arg, &v, shown, err, errlen) < 0)
			return -1;
		o->checksum_seed = v;
		break;
	}
	case C_F: return add_filter(o, FA_F, NULL);
	case C_FILTER: return add_filter(o, FA_FILTER, arg);
	case C_EXCLUDE: return add_filter(o, FA_EXCLUDE, arg);
	case C_INCLUDE: return add_filter(o, FA_INCLUDE, arg);
	case C_EXCLUDE_FROM: return add_filter(o, FA_EXCLUDE_FROM, arg);
	case C_INCLUDE_FROM: return add_filter(o, FA_INCLUDE_FROM, arg);
	case C_COMPRESS: st->z_count++; break;
	case C_OLD_COMPRESS: o->compress_choice = "zlib"; break;
	case C_NEW_COMPRESS: o->compress_choice = "zlibx"; break;
	case C_NO_COMPRESS:
		st->z_count = 0;
		o->compress_choice = NULL;
		break;
	case C_OLD_ARGS:
		if (o->old_style_args <= 0)
			o->old_style_args = 1;
		else
			o->old_style_args++;
		break;
	case C_REMOTE_OPTION:
		if (*arg != '-') {
			snprintf(err, errlen, "Remote option must start with a dash: %s", arg);
			return -1;
		}
		o->remote_options[o->remote_option_cnt++] = arg;
		break;
	case C_BLOCK_SIZE:
		if (parse_size(arg, 'b', "block-size", 0,
			       effective_protocol(o) < 30 ? OLD_MAX_BLOCK_SIZE : MAX_BLOCK_SIZE, 0,
			       &size, err, errlen) < 0)
			return -1;
		o->block_size = (int32_t)size;
		break;
	case C_MAX_SIZE:
		if (parse_size(arg, 'b', "max-size", 0, -1, 0, &size, err, errlen) < 0)
			return -1;
		o->max_size = size;
		if (!(o->max_size_arg = number_text(st, size)))
			goto oom;
		break;
	case C_MIN_SIZE:
		if (parse_size(arg, 'b', "min-size", 0, -1, 0, &size, err, errlen) < 0)
			return -1;
		o->min_size = size;
		if (!(o->min_size_arg = number_text(st, size)))
			goto oom;
		break;
	case C_BWLIMIT:
		if (parse_size(arg, 'K', "bwlimit", 512, -1, 1, &size, err, errlen) < 0)
			return -1;
		o->bwlimit = (int)((size + 512) / 1024);
		break;
	case C_APPEND: o->append_mode = 1; break;
	case C_COMPARE_DEST: return set_dest_dir(st, OPT_COMPARE_DEST, arg, err, errlen);
	case C_COPY_DEST: return set_dest_dir(st, OPT_COPY_DEST, arg, err, errlen);
	case C_LINK_DEST: return set_dest_dir(st, OPT_LINK_DEST, arg, err, errlen);
	case C_CHMOD:
		if (!chmod_valid(arg)) {
			snprintf(err, errlen, "Invalid argument passed to --chmod (%s)", arg);
			return -1;
		}
		if (!o->chmod_modes)
			o->chmod_modes = arg;
		else {
			/* several --chmod options apply in order, like one list;
			 * the list grows in one buffer big enough for all argv */
			size_t a = strlen(o->chmod_modes), b = strlen(arg);

			if (!st->chmod_buf) {
				if (!(st->chmod_buf = sreserve(st, st->argv_chars)))
					goto oom;
				memcpy(st->chmod_buf, o->chmod_modes, a + 1);
				o->chmod_modes = st->chmod_buf;
			}
			st->chmod_buf[a] = ',';
			memcpy(st->chmod_buf + a + 1, arg, b + 1);
		}
		break;
	case C_USERMAP:
		if (o->usermap) {
			snprintf(err, errlen, "%s", st->usermap_via_chown
				 ? "--usermap conflicts with prior --chown."
				 : "You can only specify --usermap once.");
			return -1;
		}
		o->usermap = arg;
		st->usermap_via_chown = 0;
		o->preserve_uid = 1;
		break;
	case C_GROUPMAP:
		if (o->groupmap) {
			snprintf(err, errlen, "%s", st->groupmap_via_chown
				 ? "--groupmap conflicts with prior --chown."
				 : "You can only specify --groupmap once.");
			return -1;
		}
		o->groupmap = arg;
		st->groupmap_via_chown = 0;
		o->preserve_gid = 1;
		break;
	case C_CHOWN: {
		const char *colon = strchr(arg, ':');
		size_t ulen = colon ? (size_t)(colon - arg) : strlen(arg);

		if (ulen) {
			char *m;

			if (o->usermap) {
				snprintf(err, errlen, "%s", st->usermap_via_chown
					 ? "You can only specify a user-affecting --chown once."
					 : "--chown conflicts with prior --usermap.");
				return -1;
			}
			if (!(m = sjoin(st, "*:", arg, ulen)))
				goto oom;
			o->usermap = m;
			st->usermap_via_chown = 1;
			o->preserve_uid = 1;
		}
		if (colon && colon[1]) {
			size_t glen = strlen(colon + 1);
			char *m;

			if (o->groupmap) {
				snprintf(err, errlen, "%s", st->groupmap_via_chown
					 ? "You can only specify a group-affecting --chown once."
					 : "--chown conflicts with prior --groupmap.");
				return -1;
			}
			if (!(m = sjoin(st, "*:", colon + 1, glen)))
				goto oom;
			o->groupmap = m;
			st->groupmap_via_chown = 1;
			o->preserve_gid = 1;
		}
		break;
	}
	case C_STOP_AFTER:
		/* rsync counts from when it reads the option */
		if (timelimit_after(arg, (int64_t)time(NULL), &o->stop_at_utime) < 0) {
			snprintf(err, errlen, "invalid --stop-after value: %s", arg);
			return -1;
		}
		break;
	case C_STOP_AT: {
		int rc = timelimit_at(arg, (int64_t)time(NULL), &o->stop_at_utime);

		if (rc < 0) {
			snprintf(err, errlen, rc == TIMELIMIT_PAST
				 ? "--stop-at time is not in the future: %s"
				 : "invalid --stop-at format: %s", arg);
			return -1;
		}
		break;
	}
	case C_HELP: o->show_help = 1; break;
	case C_VERSION: o->show_version = 1; break;
	case C_NO_ICONV: o->iconv_opt = NULL; break;
	case C_QSORT: o->use_qsort = 1; break;
	}
	return 0;
oom:
	snprintf(err, errlen, "out of memory");
	return -1;
}

/* shown: how popt names the option in an "invalid numeric value"
 * message (the word that held the value). */
static int apply(struct pstate *st, const struct opt_def *d, const char *arg,
		 const char *shown, char *err, size_t errlen)
{
	char *field = (char *)st->o + d->off;
	char name[64];

	switch (d->kind) {
	case K_SET:
		if (d->val != NOOP_VALUE)
			*(int *)(void *)field = d->val;
		break;
	case K_BITS:
		*(int *)(void *)field |= d->val;
		break;
	case K_STR:
		*(const char **)(void *)field = arg;
		break;
	case K_INT:
		return parse_popt_int(arg, (int *)(void *)field, shown, err, errlen);
	case K_CALL:
		return apply_call(st, d, arg, shown, err, errlen);
	case K_REFUSE:
		if (d->val) {
			snprintf(err, errlen, "%s", d->why);
			return -1;
		}
		display_name(d, name, sizeof name);
		snprintf(err, errlen, "%s: %s", name, d->why);
		return -1;
	}
	return 0;
}

/* rsync's clean_fname() with collapsing of ".." (for --partial-dir):
 * no empty or "." components, "dir/.." removed, no trailing slash;
 * "." for nothing. */
static void clean_path(char *s)
{
	int anchored = *s == '/';
	char *t = s + anchored, *f = s + anchored;
	char *start = t;	/* where the collapsible part begins */

	while (*f) {
		char *comp = f;
		size_t len;

		while (*f && *f != '/')
			f++;
		len = (size_t)(f - comp);
		while (*f == '/')
			f++;
		if (len == 0 || (len == 1 && comp[0] == '.'))
			continue;
		if (len == 2 && comp[0] == '.' && comp[1] == '.') {
			if (t > start) {
				/* drop the previous component */
				char *p = t - 1;	/* its trailing '/' */

				while (p > start && p[-1] != '/')
					p--;
				t = p;
				continue;
			}
			if (anchored)
				continue;
			/* a leading ".." stays, and cannot be collapsed later */
			memmove(t, "../", 3);
			t += 3;
			start = t;
			continue;
		}
		memmove(t, comp, len);
		t += len;
		*t++ = '/';
	}
	if (t > s + anchored && t[-1] == '/')
		t--;
	if (t == s)
		*t++ = '.';
	*t = '\0';
}

/* check_for_hostspec() without ports, for --files-from: "[USER@]HOST:PATH",
 * "[USER@][IPV6]:PATH", ":PATH" (empty host), "HOST::PATH".  Returns the
 * path, and the host (brackets removed, user kept) in the arena. */
static const char *files_from_hostspec(struct pstate *st, const char *s, const char **host)
{
	const char *p, *host_start = s;
	size_t hostlen = 0, userlen = 0;
	int hostlen_set = 0;
	char *h;

	for (p = s;; p++) {
		if (!*p)
			return NULL;
		if (*p == ':' || *p == '/') {
			if (!hostlen_set)
				hostlen = (size_t)(p - host_start);
			if (*p == '/')
				return NULL;
			p++;
			break;
		}
		if (*p == '@') {
			userlen = (size_t)(p - s) + 1;
			host_start = p + 1;
		} else if (*p == '[') {
			if (p != host_start)
				return NULL;
			host_start++;
			while (*p && *p != ']' && *p != '/')
				p++;
			hostlen = (size_t)(p - host_start);
			hostlen_set = 1;
			if (*p != ']' || (p[1] && p[1] != '/' && p[1] != ':') || !hostlen)
				return NULL;
		}
	}
	if (!(h = sreserve(st, userlen + hostlen)))
		return NULL;
	memcpy(h, s, userlen);
	memcpy(h + userlen, host_start, hostlen);
	*host = h;
	if (*p == ':')
		p++;
	return p;
}

static int lookup_name(const char *name, size_t len, const char *const *names)
{
	for (int i = 0; names[i]; i++)
		if (strlen(names[i]) == len && strncasecmp(name, names[i], len) == 0)
			return i;
	return -1;
}

/* --checksum-choice: "XFER[,FILE]", each a name rsync 3.5.0 knows or
 * "auto".  Returns 1 when the transfer checksum is "none". */
static int check_checksum_choice(const char *choice, char *err, size_t errlen)
{
	static const char *const names[] = {"xxh128", "xxh3", "xxh64", "xxhash", "md5",
					    "md4", "sha1", "none", "auto", NULL};
	const char *comma = strchr(choice, ',');
	size_t len = comma ? (size_t)(comma - choice) : strlen(choice);
	int x = lookup_name(choice, len, names);

	if (x < 0) {
		snprintf(err, errlen, "unknown checksum name: %s", choice);
		return -1;
	}
	if (comma && lookup_name(comma + 1, strlen(comma + 1), names) < 0) {
		snprintf(err, errlen, "unknown checksum name: %s", comma + 1);
		return -1;
	}
	return strcmp(names[x], "none") == 0;
}

/* rsync's rules after the words are read, in rsync's order. */
static int post_parse(struct pstate *st, char *err, size_t errlen)
{
	struct options *o = st->o;
	const char *env;

	/* --max-alloc */
	if (!o->max_alloc_arg) {
		env = getenv("RSYNC_MAX_ALLOC");
		o->max_alloc_arg = env && *env ? env : NULL;
	}
	if (o->max_alloc_arg) {
		int64_t size;

		if (parse_size(o->max_alloc_arg, 'B', "max-alloc", 1024 * 1024, -1, 1, &size, err,
			       errlen) < 0)
			return -1;
		o->max_alloc = size ? (uint64_t)size : SIZE_MAX;
	}

	/* --old-args and --secluded-args */
	if (o->old_style_args < 0) {
		env = getenv("RSYNC_OLD_ARGS");
		if (o->protect_args <= 0 && env && *env) {
			o->protect_args = 0;
			o->old_style_args = atoi(env);
		} else
			o->old_style_args = 0;
	} else if (o->old_style_args) {
		if (o->protect_args > 0) {
			snprintf(err, errlen, "--secluded-args conflicts with --old-args.");
			return -1;
		}
		o->protect_args = 0;
	}
	if (o->protect_args < 0) {
		env = getenv("RSYNC_PROTECT_ARGS");
		o->protect_args = env && *env ? atoi(env) != 0 : 0;
	}

	if (o->checksum_choice && strcasecmp(o->checksum_choice, "auto") != 0 &&
	    strcasecmp(o->checksum_choice, "auto,auto") != 0) {
		int none = check_checksum_choice(o->checksum_choice, err, errlen);

		if (none < 0)
			return -1;
		if (none)
			o->whole_file = 1;
	} else
		o->checksum_choice = NULL;

	/* "-h" on its own still asks for the help */
	if (o->human_readable > 1 && st->argc == 2) {
		o->show_help = 1;
		return 0;
	}

	/* compression */
	o->do_compression = st->z_count;
	if (!o->compress_choice && st->z_count > 1)
		o->compress_choice = "zlibx";
	if (o->compress_choice && strcasecmp(o->compress_choice, "auto") != 0) {
		static const char *const names[] = {"none", "zlib", "zlibx", "lz4", "zstd", NULL};
		int n = lookup_name(o->compress_choice, strlen(o->compress_choice), names);

		if (n < 0) {
			snprintf(err, errlen, "unknown compress name: %s", o->compress_choice);
			return -1;
		}
		o->do_compression = n;	/* the list is in OPT_CPRES_* order */
		if (n == OPT_CPRES_NONE)
			o->compress_choice = "none";
	} else
		o->compress_choice = NULL;
	if (o->do_compression || o->do_compression_level != OPT_CLVL_NOT_SPECIFIED) {
		if (!o->do_compression)
			o->do_compression = OPT_CPRES_AUTO;
	}
	o->compress = o->do_compression != OPT_CPRES_NONE;

	if (o->iconv_opt && strcmp(o->iconv_opt, "-") == 0)
		o->iconv_opt = NULL;

	if (o->fuzzy_basis > 1)
		o->fuzzy_basis = o->basis_dir_cnt + 1;

	if (o->am_root < 0 && o->preserve_xattrs > 1) {
		snprintf(err, errlen, "--fake-super conflicts with -XX");
		return -1;
	}
	if (o->tmpdir && strlen(o->tmpdir) >= PATH_LIMIT - 10) {
		snprintf(err, errlen, "the --temp-dir path is WAY too long.");
		return -1;
	}
	if (o->max_delete < 0 && o->max_delete != INT_MIN)
		o->max_delete = 0;

	if (o->files_from) {
		if (o->recurse && !st->recurse_explicit)
			o->recurse = 0;
		if (o->xfer_dirs < 0)
			o->xfer_dirs = 1;
	}
	if (o->nargs < 2)
		o->list_only |= 1;
	if (o->xfer_dirs >= 4) {
		add_late_filter(o, "- /*/*");
		o->recurse = o->xfer_dirs = 1;
	} else if (o->recurse)
		o->xfer_dirs = 1;
	else if (o->xfer_dirs < 0)
		o->xfer_dirs = o->list_only ? 1 : 0;

	if (o->relative_paths < 0)
		o->relative_paths = o->files_from ? 1 : 0;
	if (!o->relative_paths)
		o->implied_dirs = 0;

	if (o->delete_before + !!o->delete_during + o->delete_after > 1) {
		snprintf(err, errlen, "You may not combine multiple --delete-WHEN options.");
		return -1;
	}
	if (o->delete_before || o->delete_during || o->delete_after || o->delete_excluded)
		o->delete_mode = 1;
	if (!o->xfer_dirs && o->delete_mode) {
		snprintf(err, errlen,
			 "--delete does not work without --recursive (-r) or --dirs (-d).");
		return -1;
	}
	if (o->missing_args == 3)
		o->missing_args = 2;

	/* backups */
	if (!o->backup_suffix)
		o->backup_suffix = o->backup_dir ? "" : "~";
	if (strchr(o->backup_suffix, '/')) {
		snprintf(err, errlen, "--suffix cannot contain slashes: %s", o->backup_suffix);
		return -1;
	}
	{
		int same_as_dest = 0;

		if (o->backup_dir) {
			const char *b = o->backup_dir;

			o->make_backups = 1;
			while (b[0] == '.' && b[1] == '/')
				b += 2;
			if (b[0] == '.' && b[1] == '\0')
				b++;
			if (strlen(b) > PATH_LIMIT - 128) {
				snprintf(err, errlen, "the --backup-dir path is WAY too long.");
				return -1;
			}
			if (!*b) {
				same_as_dest = 1;
				b = NULL;
			}
			o->backup_dir = b;
		}
		if (o->backup_dir) {
			/* no suffix needed, nor a protect rule */
		} else if (!*o->backup_suffix) {
			snprintf(err, errlen, "--suffix cannot be empty %s",
				 same_as_dest ? "when --backup-dir is the same as the dest dir"
					      : "without a --backup-dir");
			return -1;
		} else if (o->make_backups && o->delete_mode && !o->delete_excluded) {
			char *rule = sjoin(st, "P *", o->backup_suffix, strlen(o->backup_suffix));

			if (!rule) {
				snprintf(err, errlen, "out of memory");
				return -1;
			}
			add_late_filter(o, rule);
		}
	}
	if (o->make_backups && !o->backup_dir)
		o->omit_dir_times = -1;	/* implied, so no -O to the sender */

	/* --append, --inplace, --partial-dir */
	if (o->append_mode) {
		if (o->whole_file > 0) {
			snprintf(err, errlen, "--append cannot be used with --whole-file");
			return -1;
		}
		o->inplace = 1;
	}
	if (o->write_devices)
		o->inplace = 1;
	if (o->delay_updates && !o->partial_dir) {
		o->partial_dir = IMPLIED_PARTIAL_DIR;
		o->partial_dir_implied = 1;
	}
	if (o->inplace) {
		if (o->partial_dir) {
			snprintf(err, errlen, "--%s cannot be used with --%s",
				 o->append_mode ? "append" : "inplace",
				 o->delay_updates ? "delay-updates" : "partial-dir");
			return -1;
		}
		o->keep_partial = 0;
	} else {
		if (o->keep_partial && !o->partial_dir) {
			env = getenv("RSYNC_PARTIAL_DIR");
			if (env && *env)
				o->partial_dir = env;
		}
		if (o->partial_dir && !o->partial_dir_implied) {
			char *c = sjoin(st, "", o->partial_dir, strlen(o->partial_dir));

			if (!c) {
				snprintf(err, errlen, "out of memory");
				return -1;
			}
			if (*c)
				clean_path(c);
			o->partial_dir = *c && strcmp(c, ".") != 0 ? c : NULL;
			o->keep_partial = 1;
		} else if (o->partial_dir)
			o->keep_partial = 1;
	}

	if (o->files_from) {
		const char *host = NULL, *path;

		if (o->nargs > 2 || o->nargs == 1) {
			snprintf(err, errlen,
				 "--files-from needs exactly one source (the base directory) "
				 "and one destination");
			return -1;
		}
		if (strcmp(o->files_from, "-") == 0) {
			/* the relay's standard input */
		} else if ((path = files_from_hostspec(st, o->files_from, &host)) != NULL) {
			o->files_from = path;
			o->filesfrom_host = host;
			if (strcmp(path, "-") == 0) {
				snprintf(err, errlen, "Invalid --files-from remote filename");
				return -1;
			}
		}
	}

	if (o->trust_sender)
		o->trust_sender_args = o->trust_sender_filter = 1;
	else if (o->old_style_args || o->filesfrom_host)
		o->trust_sender_args = 1;

	/* rsync's checks, though the relay has nothing for the root to confine */
	if (o->confine_root && *o->confine_root != '/') {
		snprintf(err, errlen, "--confine-root must be an absolute path");
		return -1;
	}
	if (o->confine_root && o->insecure_links) {
		snprintf(err, errlen, "--insecure-links cannot be combined with --confine-root");
		return -1;
	}
	if (st->protocol_given && o->protocol_version < OLDEST_PROTOCOL) {
		snprintf(err, errlen, "--protocol must be at least %d on the Client.",
			 OLDEST_PROTOCOL);
		return -1;
	}
	if (o->protocol_version > NEWEST_PROTOCOL) {
		snprintf(err, errlen, "--protocol must be no more than %d on the Client.",
			 NEWEST_PROTOCOL);
		return -1;
	}
	if (o->outbuf && (!*o->outbuf || !strchr("NnUuLlBbFf", *o->outbuf))) {
		snprintf(err, errlen, "Invalid --outbuf setting -- specify N, L, or B.");
		return -1;
	}

	/* What the client prints (rsync's rules, in its order). */
	outlevels_verbosity(&o->info, o->verbose, OUT_PRIO_DEFAULT);
	outlevels_verbosity(&o->debug, o->verbose, OUT_PRIO_DEFAULT);
	if (o->do_stats)
		outlevels_parse(&o->info, o->verbose > 1 ? "stats3" : "stats2", OUT_PRIO_DEFAULT,
				err, errlen);
	if (o->stdout_format) {
		if (logfmt_has(o->stdout_format, 'i'))
			o->stdout_format_has_i = o->itemize_changes | 1;
		o->log_before_transfer = !logfmt_has(o->stdout_format, 'b') &&
					 !logfmt_has(o->stdout_format, 'c') &&
					 !logfmt_has(o->stdout_format, 'C');
	} else if (o->itemize_changes) {
		o->stdout_format = "%i %n%L";
		o->stdout_format_has_i = o->itemize_changes;
		o->log_before_transfer = 1;
	}
	if (o->do_progress) {
		if (!o->log_before_transfer && o->info.level[INFO_NAME] == 0)
			outlevels_parse(&o->info, "name", OUT_PRIO_DEFAULT, err, errlen);
		outlevels_parse(&o->info, "FLIST2,PROGRESS", OUT_PRIO_DEFAULT, err, errlen);
	}
	if (o->info.level[INFO_NAME] >= 1 && !o->stdout_format) {
		o->stdout_format = "%n%L";
		o->log_before_transfer = 1;
	}
	o->stdout_format_has_o_or_i = o->stdout_format_has_i ||
				      (o->stdout_format && logfmt_has(o->stdout_format, 'o'));
	/* --log-file: items are logged in rsync's daemon format by
	 * default; without it the format is nothing */
	if (o->logfile_name) {
		if (!o->logfile_format) {
			o->logfile_format = "%i %n%L";
			o->logfile_format_has_i = o->logfile_format_has_o_or_i = 1;
		} else {
			o->logfile_format_has_i = logfmt_has(o->logfile_format, 'i');
			o->logfile_format_has_o_or_i = o->logfile_format_has_i ||
						       logfmt_has(o->logfile_format, 'o');
		}
	} else {
		o->logfile_format = NULL;
	}
	return 0;
}

/* One allocation holds the operand vector, the filter and remote-option
 * lists and the strings made here, so free(o->args) releases it all. */
static int alloc_arena(struct options *o, struct pstate *st, int argc, char **argv)
{
	const size_t align = alignof(max_align_t);
	size_t n = (size_t)argc + 1, strbytes = 512, off_filters, off_fdebug, off_remote, off_str;
	size_t total;
	const char *env = getenv("RSYNC_PARTIAL_DIR");
	char *base;

	st->argv_chars = 0;
	for (int i = 1; i < argc; i++) {
		strbytes += 2 * strlen(argv[i]) + 8;
		st->argv_chars += strlen(argv[i]) + 1;
	}
	strbytes += st->argv_chars + 1;	/* the --chmod list */
	if (env)
		strbytes += strlen(env) + 1;
	off_filters = (n * sizeof(char *) + align - 1) / align * align;
	off_fdebug = off_filters + (n + 2) * sizeof(struct filter_arg);
	off_fdebug = (off_fdebug + align - 1) / align * align;
	off_remote = off_fdebug + (n + 2) * sizeof(int);
	off_remote = (off_remote + align - 1) / align * align;
	off_str = off_remote + n * sizeof(char *);
	total = off_str + strbytes;
	if (!(base = calloc(1, total)))
		return -1;
	o->args = (char **)(void *)base;
	o->filter_args = (struct filter_arg *)(void *)(base + off_filters);
	o->filter_debug = (int *)(void *)(base + off_fdebug);
	o->remote_options = (const char **)(void *)(base + off_remote);
	st->sbuf = base + off_str;
	st->scap = strbytes;
	st->sused = 0;
	return 0;
}

static void set_defaults(struct options *o, const char *env_rsh)
{
	memset(o, 0, sizeof *o);
	o->whole_file = -1;
	o->human_readable = 1;
	outlevels_init(&o->info, OUT_INFO);
	outlevels_init(&o->debug, OUT_DEBUG);
	o->rsync_path = "rsync";
	o->rsh = env_rsh && *env_rsh ? env_rsh : NULL;
	o->xfer_dirs = -1;
	o->relative_paths = -1;
	o->implied_dirs = 1;
	o->protect_args = -1;
	o->old_style_args = -1;
	o->allow_inc_recurse = 1;
	o->max_delete = INT_MIN;
	o->max_size = o->min_size = -1;
	o->max_alloc = DEFAULT_MAX_ALLOC;
	o->do_compression_level = OPT_CLVL_NOT_SPECIFIED;
	env_rsh = getenv("RSYNC_ICONV");
	/* rsync's client takes RSYNC_ICONV as the --iconv default */
	o->iconv_opt = env_rsh && *env_rsh ? env_rsh : NULL;
}

int options_parse(struct options *o, int argc, char **argv, const char *env_rsh,
		  char *err, size_t errlen)
{
	struct pstate st;
	int i;

	set_defaults(o, env_rsh);
	memset(&st, 0, sizeof st);
	st.o = o;
	st.argv = argv;
	st.argc = argc;
	if (alloc_arena(o, &st, argc, argv) < 0) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}

	for (i = 1; i < argc; i++) {
		char *a = argv[i];

		if (strcmp(a, "--") == 0) {
			for (i++; i < argc; i++)
				o->args[o->nargs++] = argv[i];
			break;
		}
		if (a[0] == '-' && a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			const struct opt_def *d = find_long(name, len);
			const char *arg = NULL;
			char shown[256];

			if (!d) {
				snprintf(err, errlen, "%s: unknown option", a);
				return -1;
			}
			snprintf(shown, sizeof shown, "%s", a);
			if (d->takes_arg) {
				if (eq)
					arg = eq + 1;
				else if (i + 1 < argc) {
					arg = argv[++i];
					snprintf(shown, sizeof shown, "%s %s", a, arg);
				} else {
					snprintf(err, errlen, "%s: missing argument", a);
					return -1;
				}
			} else if (eq) {
				snprintf(err, errlen, "%s: option does not take an argument", a);
				return -1;
			}
			if (apply(&st, d, arg, shown, err, errlen) < 0)
				return -1;
			if (o->show_help)
				return 0;	/* rsync shows the help at once */
			continue;
		}
		if (a[0] == '-' && a[1]) {
			for (const char *p = a + 1; *p; p++) {
				const struct opt_def *d = find_short((unsigned char)*p);
				const char *arg = NULL;
				char shown[256];

				if (!d) {
					snprintf(err, errlen, "%s: unknown option", a);
					return -1;
				}
				snprintf(shown, sizeof shown, "%s", a);
				if (!d->takes_arg) {
					if (p[1] == '=') {
						snprintf(err, errlen,
							 "%s: option does not take an argument", a);
						return -1;
					}
					if (apply(&st, d, NULL, shown, err, errlen) < 0)
						return -1;
					continue;
				}
				if (p[1])
					arg = p + 1 + (p[1] == '=');
				else if (i + 1 < argc) {
					arg = argv[++i];
					snprintf(shown, sizeof shown, "%s %s", a, arg);
				} else {
					snprintf(err, errlen, "%s: missing argument", a);
					return -1;
				}
				if (apply(&st, d, arg, shown, err, errlen) < 0)
					return -1;
				break;
			}
			continue;
		}
		o->args[o->nargs++] = a;
	}
	o->args[o->nargs] = NULL;

	if (o->show_version)
		return 0;
	return post_parse(&st, err, errlen);
}

int options_check_daemon(const struct options *o, const struct operands *ops, char *err,
			 size_t errlen)
{
	int daemon = ops->src.daemon || ops->dest.daemon;
	int tcp = (ops->src.daemon && !o->src_rsh && !o->rsh_given) ||
		  (ops->dest.daemon && !o->dest_rsh && !o->rsh_given);

	if ((o->password_file || o->src_password_file || o->dest_password_file) && !daemon)
		snprintf(err, errlen, "The --password-file option may only be used when "
			 "accessing an rsync daemon.");
	else if (o->connect_timeout && !tcp)
		snprintf(err, errlen, "The --contimeout option may only be used when "
			 "connecting to an rsync daemon.");
	else
		return 0;
	return -1;
}

/* The options rsync itself does not have. */
static int relay_only(const struct opt_def *d)
{
	static const char *const names[] = { "src-rsh", "dest-rsh", "src-rsync-path",
					     "dest-rsync-path", "print-server-commands",
					     "relay", "local-rsync", "src-port", "dest-port",
					     "src-password-file", "dest-password-file" };

	for (size_t i = 0; d->name && i < sizeof names / sizeof *names; i++)
		if (strcmp(d->name, names[i]) == 0)
			return 1;
	return 0;
}

/* One word that starts with '-': how many following words it takes as
 * its argument (0 or 1), or -1 if rsync would reject it.  *mine is set
 * for an option only the relay knows. */
static int scan_option(const char *a, const char *next, struct argv_scan *sc, int *mine)
{
	const struct opt_def *d;

	*mine = 0;
	if (a[1] == '-') {
		const char *name = a + 2, *eq = strchr(name, '=');

		d = find_long(name, eq ? (size_t)(eq - name) : strlen(name));
		if (!d || (eq && !d->takes_arg) || (d->takes_arg && !eq && !next))
			return -1;
		*mine = relay_only(d);
		if (strcmp(d->name, "local-rsync") == 0)
			sc->local_rsync = eq ? eq + 1 : next;
		else
			sc->relay_only |= *mine;
		return d->takes_arg && !eq;
	}
	for (const char *p = a + 1; *p; p++) {
		if (!(d = find_short((unsigned char)*p)))
			return -1;
		if (d->takes_arg)
			return p[1] ? 0 : next ? 1 : -1;
	}
	return 0;
}

static void scan_operand(struct argv_scan *sc, const char *a)
{
	if (!sc->nops++)
		sc->first = a;
	sc->last = a;
}

int options_scan(int argc, char **argv, struct argv_scan *sc)
{
	sc->first = sc->last = NULL;
	sc->nops = sc->nwords = sc->relay_only = 0;
	sc->local_rsync = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		int more, mine;

		if (strcmp(a, "--") == 0) {
			for (i++; i < argc; i++)
				scan_operand(sc, argv[i]);
			break;
		}
		if (a[0] != '-' || !a[1]) {
			scan_operand(sc, a);
			continue;
		}
		more = scan_option(a, i + 1 < argc ? argv[i + 1] : NULL, sc, &mine);
		if (more < 0)
			return -1;
		for (int k = 0; sc->words && !mine && k <= more; k++)
			sc->words[sc->nwords++] = argv[i + k];
		i += more;
	}
	return 0;
}

void options_free(struct options *o)
{
	free(o->args);
	o->args = NULL;
	o->filter_args = NULL;
	o->filter_debug = NULL;
	o->remote_options = NULL;
	o->nargs = o->nfilter_args = o->remote_option_cnt = 0;
}

const char *options_name(size_t i, char *shortc, int *refused)
{
	if (i >= N_DEFS)
		return NULL;
	*shortc = opt_defs[i].shortc;
	*refused = opt_defs[i].kind == K_REFUSE;
	return opt_defs[i].name ? opt_defs[i].name : "";
}

void options_usage(FILE *out)
{
	fputs(
"rsync-relay syncs files from one ssh host to another through this host,\n"
"with rsync's algorithm and options.\n"
"\n"
"Usage: rsync-relay [OPTION]... [USER@]HOST:SRC... [USER@]HOST:DEST\n"
"  or   rsync-relay [OPTION]... [USER@]HOST:SRC   (to list the source)\n"
"\n",
		out);
	fputs(
"Options (as rsync's)\n"
" -v, --verbose               print more detail (repeat for more)\n"
" -q, --quiet                 print errors only\n"
" -c, --checksum              compare whole-file checksums, not size and mtime\n"
" -a, --archive               equals -rlptgoD (leaves out -H, -A, -X, -U, -N)\n"
"     --no-OPTION             switch OPTION off, even after -a (e.g. --no-perms)\n"
" -r, --recursive             descend into subdirectories\n"
"     --inc-recursive         send the file list in parts (--i-r; default)\n"
"     --no-inc-recursive      send the whole file list first (also --no-i-r)\n"
" -R, --relative              recreate the source paths under the destination\n"
"     --implied-dirs          with -R, send each path's parent dirs (--i-d)\n"
"     --no-implied-dirs       with -R, don't send the directories above each path\n"
" -b, --backup                back up files that get replaced or deleted\n"
"     --backup-dir=DIR        put the backups in a tree under DIR\n"
"     --suffix=SUFFIX         add SUFFIX to backup names (~ unless --backup-dir)\n"
" -u, --update                leave alone files whose destination copy is newer\n"
"     --inplace               rewrite destination files directly, no temp file\n"
"     --append                add just the missing end to shorter files\n"
"     --append-verify         like --append, and verify the whole file's checksum\n"
" -d, --dirs                  copy directories, without descending into them\n"
"     --old-dirs              --dirs for servers too old to know it\n"
"     --old-d                 short for --old-dirs\n"
"     --mkpath                create missing directories on the destination path\n"
" -l, --links                 recreate symbolic links as links\n"
" -L, --copy-links            copy the file or dir a symlink points to instead\n"
"     --copy-unsafe-links     like -L, but only for links that leave the tree\n"
"     --safe-links            skip links whose target lies outside the tree\n"
"     --munge-links           defuse symlinks; has no effect here (see manual)\n"
" -k, --copy-dirlinks         copy a symlinked directory as a real directory\n"
"     --insecure-links        follow other users' symlinks in local file names\n"
"     --confine-root=DIR      checked as rsync does; has no effect here\n"
"     --drop-D                has no effect here; give -M--drop-D (see manual)\n"
"     --copy-as=USER[:GROUP]  checked as rsync checks it; no effect here\n"
" -K, --keep-dirlinks         follow symlinked directories on the destination\n"
" -H, --hard-links            keep hard-linked files linked\n"
" -p, --perms                 copy permissions\n"
" -E, --executability         copy whether files are executable\n"
"     --chmod=CHMOD           change permissions by chmod-style rules\n"
" -A, --acls                  copy ACLs; turns on --perms as well\n"
" -X, --xattrs                copy extended attributes (xattrs)\n"
" -o, --owner                 copy the owner (needs root on the destination)\n"
" -g, --group                 copy the group\n"
"     --devices               recreate device files (destination must be root)\n"
"     --copy-devices          send a device's data as if it were a file\n"
"     --write-devices         write into existing devices; turns on --inplace\n"
"     --specials              recreate sockets and FIFOs\n"
" -D                          --devices plus --specials\n"
" -t, --times                 copy modification times\n"
" -U, --atimes                copy access times\n"
"     --open-noatime          open files without updating their access time\n"
" -N, --crtimes               copy creation times\n"
" -O, --omit-dir-times        don't apply --times to directories\n"
" -J, --omit-link-times       don't apply --times to symlinks\n"
"     --super                 the destination tries root-only actions\n"
"     --fake-super            save root-only attributes in xattrs instead\n"
" -S, --sparse                write runs of zero bytes as holes\n"
"     --preallocate           reserve each file's full size before writing\n",
		out);
	fputs(
" -n, --dry-run               show what would happen, change nothing\n"
" -W, --whole-file            send whole files, no delta transfer\n"
"     --checksum-choice=STR   pick the checksum method (also --cc)\n"
" -x, --one-file-system       stay on the file system of each source\n"
" -B, --block-size=SIZE       use blocks of SIZE bytes for the delta\n"
" -e, --rsh=COMMAND           remote shell command for both hosts\n"
"     --rsync-path=PROGRAM    program to start as rsync on both hosts\n"
"     --existing              only update files the destination already has\n"
"     --ignore-non-existing   another name for --existing\n"
"     --ignore-existing       only create files the destination lacks\n"
"     --remove-source-files   source deletes files that are in sync (not dirs)\n"
"     --remove-sent-files     older form: remove only the files really sent\n"
"     --del                   short name of --delete-during\n"
"     --delete                remove destination files the source lacks\n"
"     --delete-before         delete before the transfer starts\n"
"     --delete-during         delete while the transfer runs\n"
"     --delete-delay          note deletions as it goes, delete at the end\n"
"     --delete-after          delete once the transfer is over\n"
"     --delete-excluded       delete excluded files on the destination too\n"
"     --ignore-missing-args   silently skip source operands that do not exist\n"
"     --delete-missing-args   delete the destination copy of a missing operand\n"
"     --ignore-errors         go on deleting despite I/O errors\n"
"     --force                 remove a non-empty dir that a non-dir replaces\n"
"     --max-delete=NUM        delete at most NUM files\n"
"     --max-size=SIZE         skip files bigger than SIZE\n"
"     --min-size=SIZE         skip files smaller than SIZE\n"
"     --max-alloc=SIZE        limit any single memory allocation to SIZE\n"
"     --partial               keep a file that was only partly received\n"
"     --partial-dir=DIR       keep partial files in DIR\n"
"     --delay-updates         install every updated file only at the end\n"
" -m, --prune-empty-dirs      leave out directories with no files in them\n"
"     --numeric-ids           keep uid/gid numbers, don't match names\n"
"     --usermap=STRING        map user names by the rules in STRING\n"
"     --groupmap=STRING       map group names by the rules in STRING\n"
"     --chown=USER:GROUP      make all files owned by USER and/or GROUP\n"
"     --timeout=SECONDS       give up after SECONDS without any I/O\n"
"     --contimeout=SECONDS    give up connecting to a daemon after SECONDS\n"
"     --stop-after=MINS       stop the run after MINS minutes (--time-limit)\n"
"     --stop-at=y-m-dTh:m     stop the run at this local time\n",
		out);
	fputs(
" -I, --ignore-times          transfer even files with the same size and mtime\n"
"     --size-only             compare by size alone, ignore mtime\n"
" -@, --modify-window=NUM     count mtimes within NUM seconds as equal\n"
" -T, --temp-dir=DIR          put temporary files in DIR on the destination\n"
" -y, --fuzzy                 for a new file, use a similar one as the basis\n"
"     --compare-dest=DIR      also check DIR for up-to-date copies\n"
"     --copy-dest=DIR         like --compare-dest, copying matches locally\n"
"     --link-dest=DIR         hard-link files that match those in DIR\n"
" -z, --compress              compress the file data on both links\n"
"     --old-compress          compress with zlib\n"
"     --new-compress          compress with zlibx (as -zz does)\n"
"     --compress-choice=STR   pick the compression method (also --zc)\n"
"     --compress-level=NUM    set the compression level (also --zl)\n"
"     --compress-threads=NUM  has no effect here (also --zt; see manual)\n"
"     --skip-compress=LIST    don't compress files with these suffixes\n"
" -C, --cvs-exclude           exclude what CVS would ignore\n"
" -f, --filter=RULE           add the filter RULE\n"
" -F                          short for --filter='dir-merge /.rsync-filter'\n"
"                             twice also adds --filter='- .rsync-filter'\n"
"     --exclude=PATTERN       leave out files that match PATTERN\n"
"     --exclude-from=FILE     --exclude each pattern listed in FILE\n"
"     --include=PATTERN       include files that match PATTERN\n"
"     --include-from=FILE     --include each pattern listed in FILE\n"
"     --files-from=FILE       copy just the paths listed in FILE\n"
"                             (local, \"-\" for stdin, or :PATH on the source)\n"
" -0, --from0                 *-from and filter files separate names by NULs\n"
"     --old-args              leave remote args unquoted for the shell to split\n"
" -s, --secluded-args         pass names and options on stdin, not via the shell\n"
"     --protect-args          the older name of --secluded-args\n"
"     --trust-sender          do not check the source's names against the request\n"
"     --bwlimit=RATE          cap each server's write rate at RATE\n"
"     --fsync                 flush each written file to disk\n"
"     --protocol=NUM          speak the older protocol version NUM\n"
"     --qsort                 servers sort file lists with qsort (no i-r)\n"
"     --iconv=CONVERT_SPEC    convert file name charsets as in CONVERT_SPEC\n"
"     --checksum-seed=NUM     give both servers checksum seed NUM\n"
" -M, --remote-option=OPT     give OPT to both servers, not to the relay\n"
"     --info=FLAGS            choose which kinds of output to print\n"
"     --debug=FLAGS           choose which debug output to print\n"
" -i, --itemize-changes       print a summary line per changed item\n"
"     --out-format=FORMAT     print each update in FORMAT\n"
"     --log-format=FORMAT     another name for --out-format\n"
"     --log-file=FILE         log what the run does to FILE on this host\n"
"     --log-file-format=FMT   log each update in FMT (default \"%i %n%L\")\n"
"     --stats                 print transfer statistics at the end\n"
" -8, --8-bit-output          print 8-bit bytes as they are, unescaped\n"
" -h, --human-readable        print numbers with K, M, G units\n"
"     --progress              show each file's progress as it is copied\n"
" -P                          --partial plus --progress\n"
"     --list-only             list the source, copy nothing\n"
"     --outbuf=N|L|B          stdout buffering: none, by line or by block\n"
"     --port=PORT             connect to daemons on PORT (default 873)\n"
"     --address=ADDRESS       bind connections to daemons to ADDRESS\n"
"     --sockopts=OPTIONS      set TCP OPTIONS on connections to daemons\n"
"     --password-file=FILE    read a daemon's password from FILE\n"
"     --early-input=FILE      give the daemons' early exec FILE (5120 bytes at most)\n"
"     --no-motd               leave out the daemons' messages of the day\n"
"     --motd                  print them (the default)\n"
" -4, --ipv4                  use IPv4 only (ssh and daemons)\n"
" -6, --ipv6                  use IPv6 only (ssh and daemons)\n"
" -V, --version               print version details and exit\n"
"     --help                  print this help and exit\n"
"\n",
		out);
	fputs(
"Options of the relay\n"
"     --src-rsh=COMMAND       the remote shell for the source only\n"
"     --dest-rsh=COMMAND      the remote shell for the destination only\n"
"     --src-rsync-path=PROG   program to start as rsync on the source\n"
"     --dest-rsync-path=PROG  program to start as rsync on the destination\n"
"     --print-server-commands print the command each server will run, and exit\n"
"     --local-rsync=PROGRAM   rsync to run for a local copy, push or pull\n"
"     --relay                 relay even when both ends are on one login\n"
"     --src-port=PORT         the source daemon's port\n"
"     --dest-port=PORT        the destination daemon's port\n"
"     --src-password-file=FILE   the source daemon's password file\n"
"     --dest-password-file=FILE  the destination daemon's password file\n"
"\n"
"The remote shell is ssh unless -e or RSYNC_RSH names another; plain ssh is\n"
"started with agent, X11 and port forwarding off and without a tty.\n"
"With a single source and no destination the source is listed, as rsync\n"
"lists it.  A command line with at most one remote operand (a local copy,\n"
"a push, a pull, a daemon operand) runs rsync itself with the same\n"
"arguments.  Either side may be an rsync daemon (HOST::MODULE, rsync://HOST/),\n"
"over TCP, or over the remote shell when -e names one.  Not supported\n"
"between two remote hosts: batch files, --stderr.\n",
		out);
}
