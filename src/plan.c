#include "plan.h"

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

char *plan_quote_path(const char *arg, int am_sender)
{
	static const char shell_chars[] = "!#$&;|<>(){}\"'` \t\n\r\\";
	static const char wild_chars[] = "*?[]";
	size_t len = strlen(arg);
	char *out = malloc(len * 2 + 4), *o = out;
	const char *f;

	if (!out)
		return NULL;
	if (*arg == '-') {
		*o++ = '.';
		*o++ = '/';
	}
	/* A lone ~name would be expanded by the remote shell to a home dir. */
	if (*arg == '~' && !am_sender && !strchr(arg, '/'))
		*o++ = '\\';
	for (f = arg; *f; f++) {
		if (*f == '\\') {
			/* A backslash that escapes a wildcard is the user's own. */
			if (!(f[1] && strchr(wild_chars, f[1])))
				*o++ = '\\';
		} else if (strchr(shell_chars, *f))
			*o++ = '\\';
		*o++ = *f;
	}
	*o = '\0';
	return out;
}

static int rsh_is_ssh(const char *prog)
{
	const char *base = strrchr(prog, '/');
	base = base ? base + 1 : prog;
	return strcmp(base, "ssh") == 0;
}

/* The letters rsync's server_options() puts in its "-..." word for these
 * options.  am_sender is the client's role toward this server. */
static void option_letters(const struct options *o, int am_sender, int inc,
			   char *out)
{
	char *x = out;

	*x++ = '-';
	for (int i = 0; i < o->verbose && i < 9; i++)
		*x++ = 'v';
	if (o->quiet)
		*x++ = 'q';
	if (o->update_only)
		*x++ = 'u';
	if (o->dry_run)
		*x++ = 'n';
	if (o->preserve_links)
		*x++ = 'l';
	if (!am_sender && o->copy_links)
		*x++ = 'L';
	if (o->whole_file > 0)
		*x++ = 'W';
	if (o->preserve_hard_links)
		*x++ = 'H';
	if (o->preserve_uid)
		*x++ = 'o';
	if (o->preserve_gid)
		*x++ = 'g';
	if (o->preserve_devices)
		*x++ = 'D';
	if (o->preserve_mtimes)
		*x++ = 't';
	if (o->preserve_perms)
		*x++ = 'p';
	if (o->recurse)
		*x++ = 'r';
	if (o->always_checksum)
		*x++ = 'c';
	if (o->ignore_times)
		*x++ = 'I';
	for (int i = 0; i < o->one_file_system && i < 2; i++)
		*x++ = 'x';
	if (o->compress)
		*x++ = 'z';
	*x++ = 'e';
	*x++ = '.';
	if (inc)
		*x++ = 'i';
	strcpy(x, PLAN_CAPS);
}

static int server_command(struct strv *cmd, const struct options *o,
			  const struct endpoint *e, int am_sender, int inc,
			  int32_t seed)
{
	char letters[64], seedarg[40];
	int rc = 0;

	option_letters(o, am_sender, inc, letters);
	rc |= strv_push(cmd, o->rsync_path);
	rc |= strv_push(cmd, "--server");
	if (!am_sender)
		rc |= strv_push(cmd, "--sender");
	rc |= strv_push(cmd, letters);
	if (!o->preserve_devices && o->preserve_specials)
		rc |= strv_push(cmd, "--specials");
	else if (o->preserve_devices && !o->preserve_specials)
		rc |= strv_push(cmd, "--no-specials");
	if (am_sender && o->delete_mode)
		rc |= strv_push(cmd, "--delete");
	snprintf(seedarg, sizeof seedarg, "--checksum-seed=%d", (int)seed);
	rc |= strv_push(cmd, seedarg);
	rc |= strv_push(cmd, ".");
	for (int i = 0; i < e->npaths; i++) {
		char *q = plan_quote_path(e->paths[i], am_sender);
		if (!q)
			return -1;
		rc |= strv_push(cmd, q);
		free(q);
	}
	return rc;
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

static int remote_shell(struct strv *argv, int *cmd_at, const struct options *o,
			const struct endpoint *e, int interactive)
{
	int rc = 0;

	if (plan_split_rsh(o->rsh ? o->rsh : "ssh", argv) < 0)
		return -1;
	if (rsh_is_ssh(argv->v[0])) {
		for (size_t i = 0; i < sizeof ssh_hardening / sizeof *ssh_hardening; i++)
			rc |= strv_push(argv, ssh_hardening[i]);
		if (!interactive) {
			rc |= strv_push(argv, "-o");
			rc |= strv_push(argv, "BatchMode=yes");
		}
	}
	if (e->user) {
		rc |= strv_push(argv, "-l");
		rc |= strv_push(argv, e->user);
	}
	rc |= strv_push(argv, e->host);
	*cmd_at = argv->n;
	return rc;
}

int plan_build(struct plan *p, const struct options *o, const struct operands *ops,
	       int32_t seed, int interactive, char *err, size_t errlen)
{
	memset(p, 0, sizeof *p);
	p->checksum_seed = seed;
	/* Offer incremental recursion to both or neither: the rule rsync's
	 * client applies as a receiver, so the two servers agree. */
	p->inc_recurse = o->recurse;

	if (remote_shell(&p->src_argv, &p->src_cmd_at, o, &ops->src, interactive) < 0 ||
	    remote_shell(&p->dest_argv, &p->dest_cmd_at, o, &ops->dest, interactive) < 0) {
		snprintf(err, errlen, "Failed to parse remote shell command: %s",
			 o->rsh ? o->rsh : "ssh");
		return -1;
	}
	if (server_command(&p->src_argv, o, &ops->src, 0, p->inc_recurse, seed) < 0 ||
	    server_command(&p->dest_argv, o, &ops->dest, 1, p->inc_recurse, seed) < 0) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

void plan_free(struct plan *p)
{
	strv_free(&p->src_argv);
	strv_free(&p->dest_argv);
}
