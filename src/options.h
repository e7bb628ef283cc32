/* The command line: rsync's option syntax parsed into one struct. */
#ifndef RELAY_OPTIONS_H
#define RELAY_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

struct options {
	/* rsync transfer options (names follow rsync's) */
	int recurse;		/* -r */
	int preserve_links;	/* -l */
	int copy_links;		/* -L */
	int preserve_perms;	/* -p */
	int preserve_mtimes;	/* -t */
	int preserve_uid;	/* -o */
	int preserve_gid;	/* -g */
	int preserve_devices;	/* -D, --devices */
	int preserve_specials;	/* -D, --specials */
	int verbose;		/* -v, counted */
	int quiet;		/* -q */
	int dry_run;		/* -n */
	int always_checksum;	/* -c */
	int compress;		/* -z */
	int preserve_hard_links; /* -H */
	int one_file_system;	/* -x, counted */
	int update_only;	/* -u */
	int ignore_times;	/* -I */
	int whole_file;		/* -W: 1, --no-W: 0, default -1 */
	int delete_mode;	/* --delete */

	/* transport */
	const char *rsh;	/* -e, else RSYNC_RSH, else NULL for plain ssh */
	const char *rsync_path;	/* --rsync-path, default "rsync" */
	int32_t checksum_seed;	/* 0: pick one per run */

	int show_help;
	int show_version;

	/* operands: all but the last are sources */
	char **args;
	int nargs;
};

/* Parses argv (argv[0] is the program name).  env_rsh is RSYNC_RSH or
 * NULL.  On a usage error writes rsync's message into err and returns -1. */
int options_parse(struct options *o, int argc, char **argv, const char *env_rsh,
		  char *err, size_t errlen);
void options_usage(void);

#endif
