#include "plan.h"
#include "daemon.h"
#include "outlevels.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int strv_push(struct strv *s, const char *str)
{
	if (s->n + 2 > s->cap) {
		int cap = s->cap ? s->cap * 2 : 16;
		char **v = realloc(s->v, (size_t)cap * sizeof *v);
		if (!v)
			return -1;
		s->v = v;
		s->cap = cap;
	}
	if (!(s->v[s->n] = strdup(str)))
		return -1;
	s->v[++s->n] = NULL;
	return 0;
}

void strv_free(struct strv *s)
{
	for (int i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof *s);
}

int plan_split_rsh(const char *cmd, struct strv *out)
{
	size_t len = strlen(cmd);
	char *word = malloc(len + 1);
	const char *f = cmd;

	if (!word)
		return -1;
	while (*f) {
		char quote = 0;
		size_t w = 0;

		if (*f == ' ') {
			f++;
			continue;
		}
		while (*f && (*f != ' ' || quote)) {
			if (*f == '\'' || *f == '"') {
				if (!quote) {
					quote = *f++;
					continue;
				}
				if (*f == quote) {
					if (f[1] != quote) {
						quote = 0;
						f++;
						continue;
					}
					f++; /* a doubled quote is one literal quote */
				}
			}
			word[w++] = *f++;
		}
		if (quote) {
			free(word);
			return -1;
		}
		word[w] = '\0';
		if (strv_push(out, word) < 0) {
			free(word);
			return -1;
		}
	}
	free(word);
	return out->n ? 0 : -1;
}

/* How rsync's safe_arg() treats an argument. */
enum arg_kind {
	ARG_FILE,	/* a file name: wildcards stay active */
	ARG_OPT,	/* an option's value */
	ARG_REMOTE_OPT,	/* a -M word: left alone by --old-args */
};

/* The options that decide how arguments are escaped. */
struct quoting {
	int protect_args;
	int old_style_args;
	int trust_sender_args;
	int relative_paths;
};

/* rsync's safe_arg(): opt (may be NULL or "") is put before the value
 * with a '=', and the value is backslash-escaped for the remote shell
 * unless -s or --old-args make that unnecessary. */
static char *safe_arg(const struct quoting *q, int am_sender, const char *opt,
		      const char *arg, enum arg_kind kind)
{
	static const char shell_chars[] = "!#$&;|<>(){}\"'` \t\n\r\\";
	static const char wild_chars[] = "*?[]";
	const int is_file = kind == ARG_FILE;
	size_t optlen = opt && *opt ? strlen(opt) + 1 : 0;
	char *out = malloc(optlen + strlen(arg) * 2 + 4), *o = out;
	int escape = !q->protect_args && q->old_style_args < 2 &&
		     (!q->old_style_args || (!is_file && kind != ARG_REMOTE_OPT));

	if (!out)
		return NULL;
	if (optlen) {
		memcpy(o, opt, optlen - 1);
		o += optlen - 1;
		*o++ = '=';
	}
	if (is_file && *arg == '-') {
		*o++ = '.';
		*o++ = '/';
	}
	if (!escape) {
		strcpy(o, arg);
		return out;
	}
	/* A lone ~name would be expanded by the remote shell to a home dir. */
	if (*arg == '~' && is_file && !am_sender && !q->trust_sender_args &&
	    ((q->relative_paths && !strstr(arg, "/./")) || !strchr(arg, '/')))
		*o++ = '\\';
	for (const char *f = arg; *f; f++) {
		if (*f == '\\') {
			/* In a file name a backslash before a wildcard is the
			 * user's own escape. */
			if (!is_file || !(f[1] && strchr(wild_chars, f[1])))
				*o++ = '\\';
		} else if (strchr(shell_chars, *f) || (!is_file && strchr(wild_chars, *f)))
			*o++ = '\\';
		*o++ = *f;
	}
	*o = '\0';
	return out;
}

char *plan_quote_path(const char *arg, int am_sender)
{
	static const struct quoting plain = {0, 0, 0, 0};

	return safe_arg(&plain, am_sender, NULL, arg, ARG_FILE);
}

static int rsh_is_ssh(const char *prog)
{
	const char *base = strrchr(prog, '/');
	base = base ? base + 1 : prog;
	return strcmp(base, "ssh") == 0;
}

static int effective_protocol(const struct options *o)
{
	return o->protocol_version ? o->protocol_version : 32;
}

/* rsync's client rule for offering incremental recursion as a receiver
 * (set_allow_inc_recurse for a pull).  The relay applies it to both
 * servers so they agree. */
static int inc_recurse_allowed(const struct options *o)
{
	if (!o->recurse || o->use_qsort || !o->allow_inc_recurse)
		return 0;
	if (o->delete_before || o->delete_after || o->delay_updates || o->prune_empty_dirs)
		return 0;
	return effective_protocol(o) >= 30;
}

/* The "-..." word of rsync's server_options(), with maybe_add_e_option's
 * "e.FLAGS" at its end.  am_sender is the client's role toward this
 * server.  Returns the length (1 when there is nothing to send). */
static size_t option_letters(const struct options *o, int am_sender, int inc,
			     const char *caps, char *out)
{
	char *x = out;

	*x++ = '-';
	if (o->protect_args)
		*x++ = 's';
	for (int i = 0; i < o->verbose && i < 9; i++)
		*x++ = 'v';
	if (o->quiet)
		*x++ = 'q';
	if (o->make_backups)
		*x++ = 'b';
	if (o->update_only)
		*x++ = 'u';
	if (o->dry_run)
		*x++ = 'n';
	if (o->preserve_links)
		*x++ = 'l';
	if ((o->xfer_dirs >= 2 && o->xfer_dirs < 4) ||
	    (o->xfer_dirs && !o->recurse && (o->list_only || (o->delete_mode && am_sender))))
		*x++ = 'd';
	if (am_sender) {
		if (o->keep_dirlinks)
			*x++ = 'K';
		if (o->prune_empty_dirs)
			*x++ = 'm';
		if (o->omit_dir_times > 0)
			*x++ = 'O';
		if (o->omit_link_times)
			*x++ = 'J';
		if (o->fuzzy_basis) {
			*x++ = 'y';
			if (o->fuzzy_basis > 1)
				*x++ = 'y';
		}
	} else {
		if (o->copy_links)
			*x++ = 'L';
		if (o->copy_dirlinks)
			*x++ = 'k';
	}
	if (o->whole_file > 0)
		*x++ = 'W';
	if (o->preserve_hard_links) {
		*x++ = 'H';
		if (o->preserve_hard_links > 1)
			*x++ = 'H';
	}
	if (o->preserve_uid)
		*x++ = 'o';
	if (o->preserve_gid)
		*x++ = 'g';
	if (o->preserve_devices)
		*x++ = 'D';
	if (o->preserve_mtimes)
		*x++ = 't';
	if (o->preserve_atimes) {
		*x++ = 'U';
		if (o->preserve_atimes > 1)
			*x++ = 'U';
	}
	if (o->preserve_crtimes)
		*x++ = 'N';
	if (o->preserve_perms)
		*x++ = 'p';
	else if (o->preserve_executability && am_sender)
		*x++ = 'E';
	if (o->preserve_acls)
		*x++ = 'A';
	if (o->preserve_xattrs) {
		*x++ = 'X';
		if (o->preserve_xattrs > 1)
			*x++ = 'X';
	}
	if (o->recurse)
		*x++ = 'r';
	if (o->always_checksum)
		*x++ = 'c';
	if (o->cvs_exclude)
		*x++ = 'C';
	if (o->ignore_times)
		*x++ = 'I';
	if (o->relative_paths)
		*x++ = 'R';
	if (o->one_file_system) {
		*x++ = 'x';
		if (o->one_file_system > 1)
			*x++ = 'x';
	}
	if (o->sparse_files)
		*x++ = 'S';
	if (o->do_compression == OPT_CPRES_ZLIB)
		*x++ = 'z';
	if (effective_protocol(o) >= 30) {
		*x++ = 'e';
		*x++ = '.';
		if (inc)
			*x++ = 'i';
		for (const char *c = caps; *c && x - out < 120; c++)
			if (*c != 'i')
				*x++ = *c;
	}
	*x = '\0';
	return (size_t)(x - out);
}

/* One server's command, built word by word; after the -s marker the words
 * go to the secluded list instead. */
struct cmd_builder {
	struct strv *cmd, *sec;
	int secluded;
	int failed;
	struct quoting q;
	int am_sender;
};

static void add(struct cmd_builder *b, const char *word)
{
	if (b->secluded)
		b->failed |= strv_push(b->sec, *word ? word : ".");
	else
		b->failed |= strv_push(b->cmd, word);
}

/* prefix and a decimal number as one word */
static void add_num(struct cmd_builder *b, const char *prefix, long long v)
{
	char buf[64];

	snprintf(buf, sizeof buf, "%s%lld", prefix, v);
	add(b, buf);
}

/* safe_arg() and add */
static void add_safe(struct cmd_builder *b, const char *opt, const char *arg,
		     enum arg_kind kind)
{
	char *w = safe_arg(&b->q, b->am_sender, opt, arg, kind);

	if (!w) {
		b->failed = -1;
		return;
	}
	add(b, w);
	free(w);
}

/* A daemon's path word (module given) or a remote shell's. */
static void add_path(struct cmd_builder *b, const char *path, const char *module, int old_args)
{
	char *w;

	if (!module) {
		add_safe(b, NULL, path, ARG_FILE);
		return;
	}
	if (!(w = daemon_path_arg(path, module, old_args))) {
		b->failed = -1;
		return;
	}
	add(b, w);
	free(w);
}

/* module: NULL for a remote shell's server, else the daemon's module
 * (the command then lacks its program, and paths are a daemon's). */
static int server_command(struct strv *cmd, struct strv *sec, const struct options *o,
			  const struct endpoint *e, const char *rsync_path, int am_sender,
			  int inc, const char *caps, int32_t seed, const char *module)
{
	static const char *const alt_dest[] = {"", "--compare-dest", "--copy-dest",
					       "--link-dest"};
	struct cmd_builder b = {
		.cmd = cmd, .sec = sec, .am_sender = am_sender,
		.q = {o->protect_args, o->old_style_args, o->trust_sender_args,
		      o->relative_paths},
	};
	char letters[160];

	if (!module)
		add(&b, rsync_path);	/* a daemon's words start at --server */
	add(&b, "--server");
	if (!am_sender)
		add(&b, "--sender");
	if (option_letters(o, am_sender, inc, caps, letters) > 1)
		add(&b, letters);
	if (o->iconv_opt) {
		const char *set = strchr(o->iconv_opt, ',');

		add_safe(&b, "--iconv", set ? set + 1 : o->iconv_opt, ARG_OPT);
	}
	if (o->protect_args) {
		/* the rest goes through the server's stdin */
		b.secluded = 1;
		add(&b, "rsync");
	}

	if (o->list_only > 1)
		add(&b, "--list-only");
	if (o->xfer_dirs && !o->recurse && o->delete_mode && am_sender)
		add(&b, "--no-r");
	if (o->do_compression && o->do_compression_level != OPT_CLVL_NOT_SPECIFIED)
		add_num(&b, "--compress-level=", o->do_compression_level);
	if (o->preserve_devices) {
		if (!o->preserve_specials)
			add(&b, "--no-specials");
	} else if (o->preserve_specials)
		add(&b, "--specials");
	/* The receiver needs to know a little of the client's format. */
	if (o->stdout_format && am_sender) {
		if (o->stdout_format_has_i > 1)
			add(&b, "--log-format=%i%I");
		else if (o->stdout_format_has_i)
			add(&b, "--log-format=%i");
		else if (o->stdout_format_has_o_or_i)
			add(&b, "--log-format=%o");
		else if (!o->verbose)
			add(&b, "--log-format=X");
	}
	if (o->block_size)
		add_num(&b, "-B", (long long)(uint32_t)o->block_size);
	if (o->io_timeout)
		add_num(&b, "--timeout=", o->io_timeout);
	if (o->bwlimit)
		add_num(&b, "--bwlimit=", o->bwlimit);
	if (o->backup_dir) {
		add(&b, "--backup-dir");
		add_safe(&b, "", o->backup_dir, ARG_OPT);
	}
	if (strcmp(o->backup_suffix ? o->backup_suffix : "~", o->backup_dir ? "" : "~") != 0)
		add_safe(&b, "--suffix", o->backup_suffix, ARG_OPT);
	if (o->checksum_choice)
		add_safe(&b, "--checksum-choice", o->checksum_choice, ARG_OPT);
	if (o->do_compression == OPT_CPRES_ZLIBX)
		add(&b, "--new-compress");
	else if (o->compress_choice && o->do_compression == OPT_CPRES_ZLIB)
		add(&b, "--old-compress");
	else if (o->compress_choice)
		add_safe(&b, "--compress-choice", o->compress_choice, ARG_OPT);

	if (am_sender) {
		if (o->max_delete > 0)
			add_num(&b, "--max-delete=", o->max_delete);
		else if (o->max_delete == 0)
			add(&b, "--max-delete=-1");
		if (o->min_size >= 0 && o->min_size_arg)
			add_safe(&b, "--min-size", o->min_size_arg, ARG_OPT);
		if (o->max_size >= 0 && o->max_size_arg)
			add_safe(&b, "--max-size", o->max_size_arg, ARG_OPT);
		if (o->delete_before)
			add(&b, "--delete-before");
		else if (o->delete_during == 2)
			add(&b, "--delete-delay");
		else if (o->delete_during)
			add(&b, "--delete-during");
		else if (o->delete_after)
			add(&b, "--delete-after");
		else if (o->delete_mode && !o->delete_excluded)
			add(&b, "--delete");
		if (o->delete_excluded)
			add(&b, "--delete-excluded");
		if (o->force_delete)
			add(&b, "--force");
		if (o->am_root > 1)
			add(&b, "--super");
		if (o->size_only)
			add(&b, "--size-only");
		if (o->do_stats)
			add(&b, "--stats");
	} else if (o->skip_compress)
		add_safe(&b, "--skip-compress", o->skip_compress, ARG_OPT);

	if (o->max_alloc_arg && o->max_alloc != 1024ULL * 1024 * 1024)
		add_safe(&b, "--max-alloc", o->max_alloc_arg, ARG_OPT);
	if (o->missing_args == 2)
		add(&b, "--delete-missing-args");
	else if (o->missing_args == 1 && !am_sender)
		add(&b, "--ignore-missing-args");
	if (o->modify_window_set && am_sender)
		add_num(&b, o->modify_window < 0 ? "-@" : "--modify-window=", o->modify_window);
	if (seed)
		add_num(&b, "--checksum-seed=", seed);
	if (o->partial_dir && am_sender) {
		if (!o->partial_dir_implied) {
			add(&b, "--partial-dir");
			add_safe(&b, "", o->partial_dir, ARG_OPT);
		}
		if (o->delay_updates)
			add(&b, "--delay-updates");
	} else if (o->keep_partial && am_sender)
		add(&b, "--partial");
	if (o->ignore_errors)
		add(&b, "--ignore-errors");
	if (o->copy_unsafe_links)
		add(&b, "--copy-unsafe-links");
	if (o->safe_symlinks)
		add(&b, "--safe-links");
	if (o->numeric_ids)
		add(&b, "--numeric-ids");
	if (o->use_qsort)
		add(&b, "--use-qsort");
	if (am_sender) {
		if (o->usermap)
			add_safe(&b, "--usermap", o->usermap, ARG_OPT);
		if (o->groupmap)
			add_safe(&b, "--groupmap", o->groupmap, ARG_OPT);
		if (o->ignore_existing)
			add(&b, "--ignore-existing");
		if (o->ignore_non_existing)
			add(&b, "--existing");
		if (o->tmpdir) {
			add(&b, "--temp-dir");
			add_safe(&b, "", o->tmpdir, ARG_OPT);
		}
		if (o->do_fsync)
			add(&b, "--fsync");
		for (int i = 0; i < o->basis_dir_cnt; i++) {
			add(&b, alt_dest[o->alt_dest_type]);
			add_safe(&b, "", o->basis_dir[i], ARG_OPT);
		}
	}
	/* the --info words the user set that matter to this server */
	{
		struct outlevels words = o->info;
		int oom;
		char *info;

		/* A deviation: the names --progress implies are the pulling
		 * client's generator's to print ("created directory ..."); here
		 * that generator is the destination's, so it is told. */
		if (am_sender && o->do_progress && !o->verbose &&
		    words.prio[INFO_NAME] == OUT_PRIO_DEFAULT && words.level[INFO_NAME] >= 1)
			words.prio[INFO_NAME] = OUT_PRIO_USER;
		info = outlevels_option(&words, OUT_W_SRV | (am_sender ? OUT_W_REC : OUT_W_SND),
					&oom);
		b.failed |= -oom;
		if (info)
			add(&b, info);
		free(info);
	}
	if (o->append_mode) {
		if (o->append_mode > 1)
			add(&b, "--append");
		add(&b, "--append");
	} else if (o->inplace) {
		add(&b, "--inplace");
		/* rsync works around old servers' --inplace --sparse bug */
		if (o->sparse_files && !o->whole_file && am_sender)
			add(&b, "--no-W");
	}
	/* The file list is read on the source: from its own file, or from
	 * the relay (NUL-separated) through its stdin. */
	if (o->files_from && !am_sender) {
		if (o->filesfrom_host) {
			add(&b, "--files-from");
			add_safe(&b, "", o->files_from, ARG_OPT);
			if (o->eol_nulls)
				add(&b, "--from0");
		} else {
			add(&b, "--files-from=-");
			add(&b, "--from0");
		}
		if (!o->relative_paths)
			add(&b, "--no-relative");
	}
	if (o->relative_paths && !o->implied_dirs &&
	    (!am_sender || effective_protocol(o) >= 30))
		add(&b, "--no-implied-dirs");
	if (o->write_devices && am_sender)
		add(&b, "--write-devices");
	if (o->remove_source_files == 1)
		add(&b, "--remove-source-files");
	else if (o->remove_source_files)
		add(&b, "--remove-sent-files");
	if (o->copy_devices && !am_sender)
		add(&b, "--copy-devices");
	if (o->preallocate_files && am_sender)
		add(&b, "--preallocate");
	if (o->open_noatime && o->preserve_atimes <= 1)
		add(&b, "--open-noatime");
	if (o->mkpath_dest_arg && am_sender)
		add(&b, "--mkpath");
	/* What rsync's client applies on its own side has no local side in a
	 * relay: the receiver applies --chmod to the modes it receives, as a
	 * pulling client would, and with --fake-super both servers keep
	 * attributes in xattrs, as a local copy does. */
	if (o->chmod_modes && am_sender)
		add_safe(&b, "--chmod", o->chmod_modes, ARG_OPT);
	if (o->am_root < 0)
		add(&b, "--fake-super");
	for (int i = 0; i < o->remote_option_cnt; i++)
		add_safe(&b, NULL, o->remote_options[i], ARG_REMOTE_OPT);

	add(&b, ".");
	for (int i = 0; i < e->npaths; i++)
		add_path(&b, e->paths[i], module, o->old_style_args > 0);
	return b.failed ? -1 : 0;
}

/* Hardening for plain ssh.  They go after the user's own words because
 * ssh keeps the first value it sees, so -e can still override any. */
static const char *const ssh_hardening[] = {
	"-o", "ForwardAgent=no",
	"-o", "ForwardX11=no",
	"-o", "ClearAllForwardings=yes",
	"-o", "RequestTTY=no",
	"-o", "PermitLocalCommand=no",
	"-o", "ServerAliveInterval=15",
	"-o", "ServerAliveCountMax=4",
};

/* "-l USER" among the remote shell's own words: for a daemon over it,
 * rsync then leaves the login alone (USER@ names the daemon's user). */
static int has_dash_l(const struct strv *argv)
{
	for (int i = 0; i + 1 < argv->n; i++)
		if (strcmp(argv->v[i], "-l") == 0 && argv->v[i + 1][0] != '-')
			return 1;
	return 0;
}

static int remote_shell(struct strv *argv, int *cmd_at, const char *rsh,
			const struct options *o, const struct endpoint *e, int interactive)
{
	int rc = 0, ssh;

	if (plan_split_rsh(rsh, argv) < 0)
		return -1;
	ssh = rsh_is_ssh(argv->v[0]);
	if (ssh) {
		for (size_t i = 0; i < sizeof ssh_hardening / sizeof *ssh_hardening; i++)
			rc |= strv_push(argv, ssh_hardening[i]);
		if (!interactive) {
			rc |= strv_push(argv, "-o");
			rc |= strv_push(argv, "BatchMode=yes");
		}
	}
	if (e->user && !(e->daemon && has_dash_l(argv))) {
		rc |= strv_push(argv, "-l");
		rc |= strv_push(argv, e->user);
	}
	/* -4 / -6, which rsync hands to ssh only */
	if (ssh && o->default_af_hint)
		rc |= strv_push(argv, o->default_af_hint == 6 ? "-6" : "-4");
	rc |= strv_push(argv, e->host);
	*cmd_at = argv->n;
	return rc;
}

/* A --files-from HOST:PATH must name the source host as its operand does. */
static int check_files_from_host(const struct options *o, const struct endpoint *src,
				 char *err, size_t errlen)
{
	const char *h = o->filesfrom_host;
	size_t ulen = src->user ? strlen(src->user) : 0;

	if (!o->files_from || !h || !*h)
		return 0;
	if (src->user) {
		if (strncmp(h, src->user, ulen) != 0 || h[ulen] != '@')
			goto differ;
		h += ulen + 1;
	}
	if (strcmp(h, src->host) == 0)
		return 0;
differ:
	snprintf(err, errlen, "--files-from hostname is not the same as the source hostname");
	return -1;
}

/* How a side is reached: a daemon operand over TCP unless a remote
 * shell was named for it on the command line (-e, or --src-rsh /
 * --dest-rsh), as rsync decides. */
static enum side_kind side_kind(const struct options *o, const struct endpoint *e,
				const char *side_rsh)
{
	if (!e->daemon)
		return SIDE_SHELL;
	return side_rsh || o->rsh_given ? SIDE_DAEMON_SHELL : SIDE_DAEMON;
}

/* One side's commands: the remote shell's argv (not for TCP), and the
 * server's command on it or the words for its daemon. */
static int plan_side(struct plan *p, int dest, const struct options *o,
		     const struct endpoint *e, int interactive, const char *caps, char *err,
		     size_t errlen)
{
	const char *own_rsh = dest ? o->dest_rsh : o->src_rsh;
	const char *rsh = own_rsh ? own_rsh : o->rsh ? o->rsh : "ssh";
	const char *rpath = (dest ? o->dest_rsync_path : o->src_rsync_path);
	enum side_kind k = side_kind(o, e, own_rsh);
	struct strv *argv = dest ? &p->dest_argv : &p->src_argv;
	struct strv *sec = dest ? &p->dest_secluded : &p->src_secluded;
	struct daemon_plan *dp = dest ? &p->dest_daemon : &p->src_daemon;
	int *cmd_at = dest ? &p->dest_cmd_at : &p->src_cmd_at, port;

	if (!rpath)
		rpath = o->rsync_path;
	*(dest ? &p->dest_kind : &p->src_kind) = k;
	if (k != SIDE_DAEMON && remote_shell(argv, cmd_at, rsh, o, e, interactive) < 0) {
		snprintf(err, errlen, "Failed to parse remote shell command: %s", rsh);
		return -1;
	}
	if (k == SIDE_SHELL)
		return server_command(argv, sec, o, e, rpath, dest, p->inc_recurse, caps,
				      p->seed[dest], NULL) < 0 ? -1 : 0;
	if (e->paths[0][0] == '/') {
		snprintf(err, errlen, "ERROR: The remote path must start with a module name not a /");
		return -2;
	}
	if (daemon_module_name(e->paths[0], dp->module, sizeof dp->module) < 0) {
		snprintf(err, errlen, "the module name is too long: %s", e->paths[0]);
		return -1;
	}
	port = dest ? o->dest_port : o->src_port;
	dp->port = e->port ? e->port : port ? port : o->port ? o->port : DAEMON_PORT;
	if (k == SIDE_DAEMON_SHELL && (strv_push(argv, rpath) || strv_push(argv, "--server") ||
				       strv_push(argv, "--daemon") || strv_push(argv, ".")))
		return -1;
	return server_command(&dp->args, sec, o, e, rpath, dest, p->inc_recurse, caps,
			      p->seed[dest], dp->module);
}

int plan_build(struct plan *p, const struct options *o, const struct operands *ops,
	       const int32_t seed[2], int interactive, const char *caps, char *err,
	       size_t errlen)
{
	int rc;

	memset(p, 0, sizeof *p);
	p->seed[0] = seed[0];
	p->seed[1] = seed[1];
	if (!caps)
		caps = PLAN_CAPS;
	/* Offer incremental recursion to both or neither: the rule rsync's
	 * client applies as a receiver, so the two servers agree. */
	p->inc_recurse = strchr(caps, 'i') && inc_recurse_allowed(o);

	if (check_files_from_host(o, &ops->src, err, errlen) < 0)
		return -1;
	if (errlen)
		err[0] = '\0';
	rc = plan_side(p, 0, o, &ops->src, interactive, caps, err, errlen);
	if (rc == 0 && ops->dest.npaths)
		rc = plan_side(p, 1, o, &ops->dest, interactive, caps, err, errlen);
	if (rc < 0 && !err[0])
		snprintf(err, errlen, "out of memory");
	return rc;
}

char *plan_remote_command(const struct strv *argv, int cmd_at)
{
	size_t len = 1;
	char *cmd, *at;

	for (int i = cmd_at; i < argv->n; i++)
		len += strlen(argv->v[i]) + 1;
	cmd = malloc(len);
	if (!cmd)
		return NULL;
	at = cmd;
	*at = '\0';
	for (int i = cmd_at; i < argv->n; i++) {
		size_t n = strlen(argv->v[i]);
		if (at != cmd)
			*at++ = ' ';
		memcpy(at, argv->v[i], n + 1);
		at += n;
	}
	return cmd;
}

void plan_free(struct plan *p)
{
	strv_free(&p->src_argv);
	strv_free(&p->dest_argv);
	strv_free(&p->src_secluded);
	strv_free(&p->dest_secluded);
	strv_free(&p->src_daemon.args);
	strv_free(&p->dest_daemon.args);
}
