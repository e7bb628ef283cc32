#include "samehost.h"

#include <stdlib.h>
#include <string.h>

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

int samehost_same_login(const struct options *o, const struct operands *ops)
{
	const char *rsh = o->rsh ? o->rsh : "ssh";
	const char *path = o->rsync_path;

	if (!ops->dest.npaths || ops->src.daemon || ops->dest.daemon)
		return 0;	/* (a daemon is no login) */
	return same_str(ops->src.user, ops->dest.user) &&
	       strcmp(ops->src.host, ops->dest.host) == 0 &&
	       same_str(o->src_rsh ? o->src_rsh : rsh, o->dest_rsh ? o->dest_rsh : rsh) &&
	       same_str(o->src_rsync_path ? o->src_rsync_path : path,
			o->dest_rsync_path ? o->dest_rsync_path : path);
}

/* A --filter rule that reads a file here ("merge FILE", ". FILE"). */
static int merge_rule(const char *rule)
{
	return rule[0] == '.' || strncmp(rule, "merge", 5) == 0;
}

const char *samehost_obstacle(const struct options *o)
{
	if (o->files_from)
		return "--files-from names a list this host reads";
	if (o->cvs_exclude)
		return "-C reads this host's ~/.cvsignore";
	if (o->remote_option_cnt)
		return "-M options are for servers";
	if (o->logfile_name)
		return "--log-file is written on this host";
	if (o->stop_at_utime)
		return "the time limit is this host's";
	for (int i = 0; i < o->nfilter_args; i++) {
		const struct filter_arg *f = &o->filter_args[i];

		if (f->kind == FA_EXCLUDE_FROM || f->kind == FA_INCLUDE_FROM ||
		    (f->kind == FA_FILTER && merge_rule(f->arg)))
			return "a filter file is read on this host";
	}
	return NULL;
}

/* word in single quotes, each ' as '\'' */
static char *shell_quote(const char *word)
{
	size_t n = 3;
	char *out, *at;

	for (const char *s = word; *s; s++)
		n += *s == '\'' ? 4 : 1;
	if (!(out = at = malloc(n)))
		return NULL;
	*at++ = '\'';
	for (const char *s = word; *s; s++) {
		if (*s == '\'') {
			memcpy(at, "'\\''", 4);
			at += 4;
		} else
			*at++ = *s;
	}
	*at++ = '\'';
	*at = '\0';
	return out;
}

/* A path as the relayed server would have read it: rsync's quoting
 * (wildcards stay active, so the remote shell expands them as the
 * sender would), or the bare word with --old-args. */
static char *path_word(const struct options *o, const char *path, int am_sender)
{
	if (o->old_style_args > 0)
		return strdup(path);
	return plan_quote_path(path, am_sender);
}

/* Without a terminal, a remote command outlives the ssh that started it
 * until it writes; a local copy may write nothing for a long time.  So
 * the copy runs in the background and a watcher ends it when its stdin
 * (held by the relay, see spawn_run) ends; the shell's status is the
 * copy's.  Plain sh syntax, as rsync's own quoting assumes. */
static char *watched(char *copy)
{
	/* (a background job's stdin is /dev/null: the watcher reads a copy
	 * made first) */
	static const char fmt[] = "exec 3<&0; %s </dev/null 3<&- & p=$!; "
				  "(read _ <&3; kill $p) >/dev/null 2>&1 & w=$!; "
				  "exec 3<&-; wait $p; s=$?; kill $w 2>/dev/null; exit $s";
	char *out;
	size_t len;

	if (!copy)
		return NULL;
	len = strlen(copy) + sizeof fmt;
	if ((out = malloc(len)))
		snprintf(out, len, fmt, copy);
	free(copy);
	return out;
}

char *samehost_command(const struct options *o, const struct operands *ops,
		       const char *const *words, int nwords)
{
	struct strv cmd = { 0 };
	char *w = NULL, *out = NULL;
	int rc = strv_push(&cmd, o->src_rsync_path ? o->src_rsync_path : o->rsync_path);

	for (int i = 0; !rc && i < nwords; i++) {
		rc = !(w = shell_quote(words[i])) || strv_push(&cmd, w);
		free(w);
	}
	for (int i = 0; !rc && i <= ops->src.npaths; i++) {
		int dest = i == ops->src.npaths;

		w = path_word(o, dest ? ops->dest.paths[0] : ops->src.paths[i], dest);
		rc = !w || strv_push(&cmd, w);
		free(w);
	}
	if (!rc)
		out = watched(plan_remote_command(&cmd, 0));
	strv_free(&cmd);
	return out;
}
