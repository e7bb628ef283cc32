/* The command line: rsync's option syntax parsed into one struct.
 *
 * Field names follow the global variables of rsync's options.c, and their
 * values are the ones rsync's client holds once it has applied its own
 * post-parse rules (implications, defaults, conflicts), so the plan can
 * translate them the way rsync's server_options() does. */
#ifndef RELAY_OPTIONS_H
#define RELAY_OPTIONS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "filter.h"
#include "outlevels.h"

#define OPT_MAX_BASIS_DIRS 20		/* rsync's MAX_BASIS_DIRS */
#define OPT_CLVL_NOT_SPECIFIED INT32_MIN	/* no --compress-level */

/* rsync's do_compression values (CPRES_*). */
enum opt_compress {
	OPT_CPRES_AUTO = -1,	/* --compress-level alone: negotiate */
	OPT_CPRES_NONE = 0,
	OPT_CPRES_ZLIB = 1,
	OPT_CPRES_ZLIBX = 2,
	OPT_CPRES_LZ4 = 3,
	OPT_CPRES_ZSTD = 4,
};

/* rsync's alt_dest_type values. */
enum opt_alt_dest {
	OPT_NO_ALT_DEST = 0,
	OPT_COMPARE_DEST = 1,
	OPT_COPY_DEST = 2,
	OPT_LINK_DEST = 3,
};

struct options {
	/* rsync transfer options (names follow rsync's) */
	int recurse;		/* -r (or -a), 0/1 */
	int preserve_links;	/* -l */
	int copy_links;		/* -L */
	int preserve_perms;	/* -p (also implied by -A) */
	int preserve_mtimes;	/* -t */
	int preserve_uid;	/* -o (also --usermap, --chown USER) */
	int preserve_gid;	/* -g (also --groupmap, --chown :GROUP) */
	int preserve_devices;	/* -D, --devices */
	int preserve_specials;	/* -D, --specials */
	int verbose;		/* -v, counted */
	int itemize_changes;	/* -i, counted */
	const char *stdout_format; /* --out-format, or as -i / -v imply it */
	int stdout_format_has_i; /* rsync's: 1 for %i (2 with -ii) */
	int stdout_format_has_o_or_i;
	int log_before_transfer; /* the format needs no %b, %c or %C */
	const char *logfile_name; /* --log-file, written on this host; or NULL */
	const char *logfile_format; /* --log-file-format, "%i %n%L" by default;
				     * NULL without --log-file */
	int logfile_format_has_i; /* rsync's: %i in it */
	int logfile_format_has_o_or_i;
	int quiet;		/* -q, counted */
	int dry_run;		/* -n */
	int always_checksum;	/* -c */
	int compress;		/* compression on: -z, --zc=NAME, --zl=N */
	int preserve_hard_links; /* -H, counted */
	int one_file_system;	/* -x, counted */
	int update_only;	/* -u */
	int ignore_times;	/* -I */
	int whole_file;		/* -W: 1, --no-W: 0, default -1 */
	int delete_mode;	/* --delete, or implied by any --delete-WHEN */

	int xfer_dirs;		/* 2: -d without -r; 1: dirs go along (-r,
				 * --files-from); 0: no */
	int keep_dirlinks;	/* -K */
	int copy_dirlinks;	/* -k */
	int preserve_executability; /* -E */
	int preserve_acls;	/* -A */
	int preserve_xattrs;	/* -X, counted */
	int preserve_atimes;	/* -U, counted */
	int preserve_crtimes;	/* -N */
	int omit_dir_times;	/* -O: 1; -1 when implied by -b without a dir */
	int omit_link_times;	/* -J */
	int sparse_files;	/* -S */
	int preallocate_files;	/* --preallocate */
	int relative_paths;	/* -R (default on with --files-from) */
	int implied_dirs;	/* off with --no-implied-dirs or without -R */
	int size_only;		/* --size-only */
	int modify_window;	/* -@, --modify-window */
	int modify_window_set;
	int prune_empty_dirs;	/* -m */
	int make_backups;	/* -b (implied by --backup-dir) */
	const char *backup_dir;	/* --backup-dir, leading "./" removed; NULL */
	const char *backup_suffix; /* --suffix, else "~" ("" with a dir) */
	int inplace;		/* --inplace (implied by --append) */
	int append_mode;	/* --append: 1, --append-verify: 2 */
	int keep_partial;	/* --partial (implied by --partial-dir) */
	const char *partial_dir; /* --partial-dir (cleaned), or NULL */
	int partial_dir_implied; /* partial_dir is --delay-updates' own ".~tmp~" */
	int delay_updates;	/* --delay-updates */
	const char *tmpdir;	/* -T, --temp-dir */
	int fuzzy_basis;	/* -y (-yy: basis_dir_cnt + 1) */
	const char *basis_dir[OPT_MAX_BASIS_DIRS];	/* --*-dest DIRs in order */
	int basis_dir_cnt;
	int alt_dest_type;	/* enum opt_alt_dest */
	int delete_before;	/* --delete-before */
	int delete_during;	/* --delete-during, --del: 1; --delete-delay: 2 */
	int delete_after;	/* --delete-after */
	int delete_excluded;	/* --delete-excluded */
	int ignore_errors;	/* --ignore-errors */
	int force_delete;	/* --force */
	int max_delete;		/* --max-delete (negative: 0); INT_MIN unset */
	int64_t max_size, min_size;	/* -1 when unset */
	const char *max_size_arg; /* the byte count as rsync sends it, or NULL */
	const char *min_size_arg;
	int ignore_non_existing; /* --existing, --ignore-non-existing */
	int ignore_existing;	/* --ignore-existing */
	int remove_source_files; /* --remove-source-files: 1, --remove-sent-files: 2 */
	int numeric_ids;	/* --numeric-ids */
	const char *usermap;	/* --usermap, or "*:USER" from --chown */
	const char *groupmap;	/* --groupmap, or "*:GROUP" from --chown */
	const char *chmod_modes; /* every --chmod joined with ',', or NULL */
	int copy_unsafe_links;	/* --copy-unsafe-links */
	int safe_symlinks;	/* --safe-links */
	int munge_symlinks;	/* --munge-links */
	int insecure_links;	/* --insecure-links: local files opened plainly */
	const char *confine_root; /* --confine-root, checked only */
	int drop_devices;	/* --drop-D: no local receiver to honour it */
	int compress_threads;	/* --compress-threads: nothing to compress here */
	const char *copy_as;	/* --copy-as: checked, no file to write as it */
	int copy_devices;	/* --copy-devices */
	int write_devices;	/* --write-devices */
	int do_compression;	/* enum opt_compress */
	const char *compress_choice; /* as rsync sends it (-zz: "zlibx"), or NULL */
	int do_compression_level; /* --compress-level, or OPT_CLVL_NOT_SPECIFIED */
	const char *skip_compress; /* --skip-compress */
	const char *checksum_choice; /* --checksum-choice (NULL for "auto") */
	int bwlimit;		/* --bwlimit in KiB/s, 0 for none */
	int io_timeout;		/* --timeout */
	int64_t stop_at_utime;	/* --stop-after, --stop-at: when the run
				 * stops (seconds since the epoch), 0 if never */
	int connect_timeout;	/* --contimeout: seconds to connect to a daemon */
	int allow_inc_recurse;	/* 0 after --no-inc-recursive or --qsort */
	int use_qsort;		/* --qsort */
	int protocol_version;	/* --protocol, 0 when not forced */
	const char **remote_options; /* -M words, remote_option_cnt of them */
	int remote_option_cnt;
	int protect_args;	/* -s, --secluded-args (or RSYNC_PROTECT_ARGS) */
	int old_style_args;	/* --old-args, counted (or RSYNC_OLD_ARGS) */
	int trust_sender;	/* --trust-sender */
	int trust_sender_args;	/* trust the sender's names (rsync's rule) */
	int trust_sender_filter;
	int mkpath_dest_arg;	/* --mkpath */
	int missing_args;	/* --ignore-missing-args: 1, --delete-missing-args: 2 */
	int do_fsync;		/* --fsync */
	int open_noatime;	/* --open-noatime (or -UU) */
	const char *max_alloc_arg; /* --max-alloc or RSYNC_MAX_ALLOC, as given */
	uint64_t max_alloc;	/* its value; 1 GiB by default */
	int32_t block_size;	/* -B */
	int am_root;		/* --super: 2, --fake-super: -1, else 0 */
	const char *early_input;	/* --early-input: a file for the daemons */
	const char *iconv_opt;	/* --iconv (or RSYNC_ICONV), NULL for none */
	int allow_8bit_chars;	/* -8 */
	int default_af_hint;	/* -4: 4, -6: 6, else 0 */

	/* filter rules, in command-line order, for filter_build() */
	int cvs_exclude;	/* -C */
	struct filter_arg *filter_args;
	int *filter_debug;	/* for each: the --debug=FILTER level then */
	int nfilter_args;

	/* --files-from */
	const char *files_from;	/* the list: a local file, "-", or the path
				 * on filesfrom_host; NULL without */
	const char *filesfrom_host; /* NULL: local list; "" (":PATH") or
				     * "[USER@]HOST": on the source host */
	int eol_nulls;		/* -0, --from0 */

	/* transport */
	const char *rsh;	/* -e, else RSYNC_RSH, else NULL for plain ssh */
	const char *rsync_path;	/* --rsync-path, default "rsync" */
	const char *src_rsh;	/* --src-rsh: the source's own -e, or NULL */
	const char *dest_rsh;	/* --dest-rsh */
	const char *src_rsync_path;	/* --src-rsync-path, or NULL */
	const char *dest_rsync_path;	/* --dest-rsync-path */
	int32_t checksum_seed;	/* 0: pick one per run */
	int rsh_given;		/* -e on the command line (not RSYNC_RSH): a
				 * daemon operand then means a daemon over it */
	const char *connect_prog;	/* RSYNC_CONNECT_PROG: a daemon over TCP is
					 * reached through it, or NULL */

	/* rsync daemons */
	int port;		/* --port: the default daemon port, 0 for 873 */
	int src_port, dest_port;	/* --src-port, --dest-port: per side */
	const char *bind_address;	/* --address */
	const char *sockopts;		/* --sockopts */
	const char *password_file;	/* --password-file: both sides */
	const char *src_password_file, *dest_password_file;
	int no_motd;		/* --no-motd */

	/* output */
	struct outlevels info;	/* --info, with what -v, --stats, --progress imply */
	struct outlevels debug;	/* --debug, passed on to the servers */
	int do_stats;		/* --stats */
	int do_progress;	/* --progress, -P */
	int human_readable;	/* 1 by default, -h adds one, --no-h makes 0 */
	int list_only;		/* --list-only: 2; a lone source operand: 1 */
	const char *outbuf;	/* --outbuf: N, L or B (stdout buffering) */

	int show_help;
	int show_version;
	int show_info_help;	/* --info=help */
	int show_debug_help;	/* --debug=help */
	int print_server_commands;	/* print both servers' commands, connect to none */
	int force_relay;	/* --relay: relay even when both ends are on one login */
	const char *local_rsync;	/* --local-rsync: rsync for local command lines */

	/* operands: all but the last are sources */
	char **args;
	int nargs;
};

/* Parses argv (argv[0] is the program name).  env_rsh is RSYNC_RSH or
 * NULL; RSYNC_OLD_ARGS, RSYNC_PROTECT_ARGS, RSYNC_ICONV, RSYNC_MAX_ALLOC
 * and RSYNC_PARTIAL_DIR are read from the environment as rsync's client
 * reads them.  On a usage error writes rsync's message (or, for an option
 * the relay cannot honour, its own naming the option) into err and
 * returns -1.  The struct keeps pointers into argv and the environment;
 * everything it allocates hangs off o->args, so free(o->args) (or
 * options_free) releases it all, after an error too. */
int options_parse(struct options *o, int argc, char **argv, const char *env_rsh,
		  char *err, size_t errlen);
void options_free(struct options *o);

struct operands;
/* rsync refuses --password-file without a daemon operand, and
 * --contimeout without a daemon reached over TCP.  Returns 0, or -1 with
 * rsync's message in err. */
int options_check_daemon(const struct options *o, const struct operands *ops, char *err,
			 size_t errlen);
/* What a command line is, read as rsync reads it, without applying
 * any option: how many operands, the first and the last (pointers into
 * argv), the --local-rsync program (NULL when not given) and whether an
 * option only the relay knows was given.
 * Returns -1 when a word is no option rsync or the relay knows, or an
 * option lacks its argument: then only rsync can judge the line. */
struct argv_scan {
	const char *first, *last;
	int nops;
	/* When not NULL (room for argc words): the option words in order,
	 * with their arguments, less those only the relay knows. */
	const char **words;
	int nwords;
	const char *local_rsync;
	int relay_only;
};
int options_scan(int argc, char **argv, struct argv_scan *sc);
/* Writes the --help text to out. */
void options_usage(FILE *out);
/* The i-th entry of the option table, so that tests can check the help
 * text and the manual against it: its long name ("" when it has only a
 * short letter), with *shortc set to its letter (0 if none) and *refused
 * to 1 when the relay rejects the option.  NULL when i is past the end. */
const char *options_name(size_t i, char *shortc, int *refused);

#endif
