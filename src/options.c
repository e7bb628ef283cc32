/* Command-line parsing with rsync's syntax: bundled short options
 * ("-avz"), "-eCMD" / "-e CMD", "--opt=val" / "--opt val", "--". */
#include "options.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum opt_id {
	O_ARCHIVE = 256, O_DELETE, O_RSH, O_RSYNC_PATH, O_SEED, O_HELP,
	O_VERSION, O_DEVICES, O_SPECIALS, O_NO_WHOLE,
};

struct opt_def {
	const char *name;	/* long name, NULL if none */
	int shortc;		/* short letter, 0 if none */
	int id;			/* O_* or the short letter */
	int takes_arg;
};

static const struct opt_def opt_defs[] = {
	{ "archive", 'a', O_ARCHIVE, 0 },
	{ "recursive", 'r', 'r', 0 },
	{ "links", 'l', 'l', 0 },
	{ "copy-links", 'L', 'L', 0 },
	{ "perms", 'p', 'p', 0 },
	{ "times", 't', 't', 0 },
	{ "owner", 'o', 'o', 0 },
	{ "group", 'g', 'g', 0 },
	{ NULL, 'D', 'D', 0 },
	{ "devices", 0, O_DEVICES, 0 },
	{ "specials", 0, O_SPECIALS, 0 },
	{ "verbose", 'v', 'v', 0 },
	{ "quiet", 'q', 'q', 0 },
	{ "dry-run", 'n', 'n', 0 },
	{ "checksum", 'c', 'c', 0 },
	{ "compress", 'z', 'z', 0 },
	{ "hard-links", 'H', 'H', 0 },
	{ "one-file-system", 'x', 'x', 0 },
	{ "update", 'u', 'u', 0 },
	{ "ignore-times", 'I', 'I', 0 },
	{ "whole-file", 'W', 'W', 0 },
	{ "no-whole-file", 0, O_NO_WHOLE, 0 },
	{ "no-W", 0, O_NO_WHOLE, 0 },
	{ "delete", 0, O_DELETE, 0 },
	{ "rsh", 'e', O_RSH, 1 },
	{ "rsync-path", 0, O_RSYNC_PATH, 1 },
	{ "checksum-seed", 0, O_SEED, 1 },
	{ "help", 0, O_HELP, 0 },
	{ "version", 'V', O_VERSION, 0 },
};

#define N_DEFS (sizeof opt_defs / sizeof opt_defs[0])

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

/* Parses a whole decimal int32; rsync rejects trailing junk too. */
static int parse_int32(const char *s, int32_t *out)
{
	char *end;
	long long v;

	if (!*s)
		return -1;
	v = strtoll(s, &end, 10);
	if (*end || v < INT32_MIN || v > INT32_MAX)
		return -1;
	*out = (int32_t)v;
	return 0;
}

static int apply(struct options *o, const struct opt_def *d, const char *arg,
		 const char *shown, char *err, size_t errlen)
{
	switch (d->id) {
	case O_ARCHIVE:
		o->recurse = o->preserve_links = o->preserve_perms = 1;
		o->preserve_mtimes = o->preserve_uid = o->preserve_gid = 1;
		o->preserve_devices = o->preserve_specials = 1;
		break;
	case 'r': o->recurse = 1; break;
	case 'l': o->preserve_links = 1; break;
	case 'L': o->copy_links = 1; break;
	case 'p': o->preserve_perms = 1; break;
	case 't': o->preserve_mtimes = 1; break;
	case 'o': o->preserve_uid = 1; break;
	case 'g': o->preserve_gid = 1; break;
	case 'D': o->preserve_devices = o->preserve_specials = 1; break;
	case O_DEVICES: o->preserve_devices = 1; break;
	case O_SPECIALS: o->preserve_specials = 1; break;
	case 'v': o->verbose++; break;
	case 'q': o->quiet++; break;
	case 'n': o->dry_run = 1; break;
	case 'c': o->always_checksum = 1; break;
	case 'z': o->compress = 1; break;
	case 'H': o->preserve_hard_links = 1; break;
	case 'x': o->one_file_system++; break;
	case 'u': o->update_only = 1; break;
	case 'I': o->ignore_times = 1; break;
	case 'W': o->whole_file = 1; break;
	case O_NO_WHOLE: o->whole_file = 0; break;
	case O_DELETE: o->delete_mode = 1; break;
	case O_RSH: o->rsh = arg; break;
	case O_RSYNC_PATH: o->rsync_path = arg; break;
	case O_SEED:
		if (parse_int32(arg, &o->checksum_seed) < 0) {
			snprintf(err, errlen, "Invalid argument passed to %s (%s)", shown, arg);
			return -1;
		}
		break;
	case O_HELP: o->show_help = 1; break;
	case O_VERSION: o->show_version = 1; break;
	}
	return 0;
}

int options_parse(struct options *o, int argc, char **argv, const char *env_rsh,
		  char *err, size_t errlen)
{
	int i;

	memset(o, 0, sizeof *o);
	o->whole_file = -1;
	o->rsync_path = "rsync";
	o->rsh = env_rsh && *env_rsh ? env_rsh : NULL;
	o->args = calloc((size_t)argc + 1, sizeof *o->args);
	if (!o->args) {
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

			if (!d) {
				snprintf(err, errlen, "%s: unknown option", a);
				return -1;
			}
			if (d->takes_arg) {
				if (eq)
					arg = eq + 1;
				else if (i + 1 < argc)
					arg = argv[++i];
				else {
					snprintf(err, errlen, "%s: missing argument", a);
					return -1;
				}
			} else if (eq) {
				snprintf(err, errlen, "%s: option does not take an argument", a);
				return -1;
			}
			if (apply(o, d, arg, a, err, errlen) < 0)
				return -1;
			continue;
		}
		if (a[0] == '-' && a[1]) {
			for (const char *p = a + 1; *p; p++) {
				const struct opt_def *d = find_short((unsigned char)*p);
				const char *arg = NULL;
				char shown[3] = { '-', *p, '\0' };

				if (!d) {
					snprintf(err, errlen, "%s: unknown option", a);
					return -1;
				}
				if (d->takes_arg) {
					if (p[1])
						arg = p + 1;
					else if (i + 1 < argc)
						arg = argv[++i];
					else {
						snprintf(err, errlen, "-%c: missing argument", *p);
						return -1;
					}
					if (apply(o, d, arg, shown, err, errlen) < 0)
						return -1;
					break;
				}
				if (apply(o, d, NULL, shown, err, errlen) < 0)
					return -1;
			}
			continue;
		}
		o->args[o->nargs++] = a;
	}
	return 0;
}

void options_usage(void)
{
	fputs(
"rsync-relay syncs files from one ssh host to another through this host,\n"
"with rsync's algorithm and options.\n"
"\n"
"Usage: rsync-relay [OPTION]... [USER@]HOST:SRC... [USER@]HOST:DEST\n"
"\n"
"Options\n"
" -v, --verbose               increase verbosity\n"
" -q, --quiet                 suppress non-error messages\n"
" -c, --checksum              skip based on checksum, not mod-time & size\n"
" -a, --archive               archive mode is -rlptgoD (no -A,-X,-U,-N,-H)\n"
" -r, --recursive             recurse into directories\n"
" -u, --update                skip files that are newer on the receiver\n"
" -l, --links                 copy symlinks as symlinks\n"
" -L, --copy-links            transform symlink into referent file/dir\n"
" -H, --hard-links            preserve hard links\n"
" -p, --perms                 preserve permissions\n"
" -o, --owner                 preserve owner (super-user only)\n"
" -g, --group                 preserve group\n"
"     --devices               preserve device files (super-user only)\n"
"     --specials              preserve special files\n"
" -D                          same as --devices --specials\n"
" -t, --times                 preserve modification times\n"
" -n, --dry-run               perform a trial run with no changes made\n"
" -W, --whole-file            copy files whole (w/o delta-xfer algorithm)\n"
" -x, --one-file-system       don't cross filesystem boundaries\n"
" -e, --rsh=COMMAND           specify the remote shell to use\n"
"     --rsync-path=PROGRAM    specify the rsync to run on remote machines\n"
"     --delete                delete extraneous files from dest dirs\n"
" -I, --ignore-times          don't skip files that match size and time\n"
"     --checksum-seed=NUM     set block/file checksum seed (advanced)\n"
" -z, --compress              compress file data during the transfer\n"
" -V, --version               print the version + other info and exit\n"
"     --help                  show this help\n"
"\n"
"The remote shell is ssh unless -e or RSYNC_RSH names another; plain ssh is\n"
"started with agent, X11 and port forwarding off and without a tty.\n",
		stdout);
}
