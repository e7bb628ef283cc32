#include "operands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* One operand split as rsync's check_for_hostspec() splits it. */
struct spec {
	char *user, *host, *path;	/* user NULL when not given */
	int port;			/* rsync://HOST:PORT, else 0 */
};

/* [USER@]HOST, HOST may be [IPV6]: the part of s before the ':' or '/'
 * (url: also the end) that ends it.  Returns where that ':' or '/' is
 * (or the end), or NULL when s is no host part (a local path). */
static const char *host_part(const char *s, int url, struct spec *sp)
{
	const char *hstart = s, *hend = NULL, *uend = NULL, *p;

	for (p = s; *p && *p != ':' && *p != '/'; p++) {
		if (*p == '@') {
			uend = p;
			hstart = p + 1;
		} else if (*p == '[') {
			if (p != hstart)
				return NULL;
			p += strcspn(p, "]/");
			if (*p != ']' || p == hstart + 1)
				return NULL;
			hstart++;
			hend = p++;
			break;
		}
	}
	/* a URL's host may end the operand; HOST:PATH needs its colon */
	if (url ? *p && *p != ':' && *p != '/' : *p != ':')
		return NULL;
	if (uend)
		sp->user = strndup(s, (size_t)(uend - s));
	sp->host = strndup(hstart, (size_t)((hend ? hend : p) - hstart));
	return p;
}

static void spec_free(struct spec *sp)
{
	free(sp->user);
	free(sp->host);
	free(sp->path);
	memset(sp, 0, sizeof *sp);
}

/* Splits one operand: 0 a local path, 1 HOST:PATH (HOST may be empty for
 * ":PATH"), 2 a daemon (HOST::PATH or rsync://HOST[:PORT]/PATH), -1 out
 * of memory.  As in rsync, the host part ends at the first ':' (a '/'
 * before it makes the operand local), the last '@' ends the user, and a
 * host that starts with '[' runs to the matching ']'. */
static int split_spec(const char *arg, struct spec *sp)
{
	const char *p;

	memset(sp, 0, sizeof *sp);
	if (strncasecmp(arg, "rsync://", 8) == 0 && (p = host_part(arg + 8, 1, sp)) != NULL) {
		if (*p == ':') {
			sp->port = atoi(p + 1);
			for (p++; *p >= '0' && *p <= '9'; p++)
				;
		}
		if (*p && *p != '/') {
			spec_free(sp);	/* as rsync, then not a URL at all */
		} else {
			sp->path = strdup(*p ? p + 1 : p);
			return sp->host && sp->path ? 2 : -1;
		}
	}
	if (!(p = host_part(arg, 0, sp))) {
		spec_free(sp);
		return 0;
	}
	if (p[1] == ':') {
		sp->path = strdup(p + 2);
		return sp->host && sp->path ? 2 : -1;
	}
	sp->path = strdup(p[1] ? p + 1 : ".");
	return sp->host && sp->path ? 1 : -1;
}

static void set_err(char *err, size_t errlen, const char *msg)
{
	snprintf(err, errlen, "%s", msg);
}

/* rsync's way of telling the two forms apart: 0 for HOST:PATH, the
 * port for a daemon (-1: the default). */
static int port_key(int kind, const struct spec *sp)
{
	return kind == 2 ? (sp->port ? sp->port : -1) : 0;
}

static void take(struct endpoint *e, struct spec *sp, int kind)
{
	e->user = sp->user;
	e->host = sp->host;
	e->daemon = kind == 2;
	e->port = sp->port;
	sp->user = sp->host = NULL;
}

/* One more source: the first one's host (or none), in the same form. */
static int add_source(struct operands *ops, const char *arg, int key, char *err, size_t errlen)
{
	struct spec sp;
	int r = split_spec(arg, &sp), same;

	if (r < 0) {
		set_err(err, errlen, "out of memory");
		return -1;
	}
	if (r == 0) {
		snprintf(err, errlen, "%s: the source must be remote (HOST:PATH)", arg);
		return -1;
	}
	same = !*sp.host || (strcmp(sp.host, ops->src.host) == 0 &&
			     (!sp.user == !ops->src.user) &&
			     (!sp.user || strcmp(sp.user, ops->src.user) == 0));
	if (!same)
		set_err(err, errlen, "All source args must come from the same machine.");
	else if (port_key(r, &sp) != key)
		set_err(err, errlen, !key || !port_key(r, &sp)
			? "All source args must use the same hostspec format."
			: "All source args must use the same port number.");
	if (same && port_key(r, &sp) == key) {
		ops->src.paths[ops->src.npaths++] = sp.path;
		sp.path = NULL;
	}
	spec_free(&sp);
	return err[0] ? -1 : 0;
}

int operands_parse(struct operands *ops, char **args, int nargs, char *err,
		   size_t errlen)
{
	struct spec sp;
	int r, key;

	memset(ops, 0, sizeof *ops);
	if (errlen)
		err[0] = '\0';
	if (nargs < 1) {
		set_err(err, errlen, "no source or destination given");
		return -1;
	}
	ops->src.paths = calloc((size_t)nargs, sizeof *ops->src.paths);
	ops->dest.paths = calloc(1, sizeof *ops->dest.paths);
	if (!ops->src.paths || !ops->dest.paths) {
		set_err(err, errlen, "out of memory");
		return -1;
	}

	/* A lone operand is a source to list, as with rsync. */
	int nsrc = nargs == 1 ? 1 : nargs - 1;

	/* (a daemon may have an empty host, as in rsync: its connection
	 * then fails as rsync's does) */
	r = split_spec(args[0], &sp);
	if (r <= 0 || (r == 1 && !*sp.host)) {
		snprintf(err, errlen, r < 0 ? "out of memory" : r == 0
			 ? "%s: the source must be remote (HOST:PATH)"
			 : "%s: the source must name a host", args[0]);
		spec_free(&sp);
		return -1;
	}
	key = port_key(r, &sp);
	take(&ops->src, &sp, r);
	ops->src.paths[ops->src.npaths++] = sp.path;
	for (int i = 1; i < nsrc; i++)
		if (add_source(ops, args[i], key, err, errlen) < 0)
			return -1;

	if (nargs == 1)
		return 0;
	r = split_spec(args[nargs - 1], &sp);
	if (r <= 0 || (r == 1 && !*sp.host)) {
		snprintf(err, errlen, r < 0 ? "out of memory"
			 : "%s: the destination must be remote (HOST:PATH); "
			   "for a local destination use rsync itself", args[nargs - 1]);
		spec_free(&sp);
		return -1;
	}
	take(&ops->dest, &sp, r);
	ops->dest.paths[0] = sp.path;
	ops->dest.npaths = 1;
	return 0;
}

static void endpoint_free(struct endpoint *e)
{
	free(e->user);
	free(e->host);
	for (int i = 0; i < e->npaths; i++)
		free(e->paths[i]);
	free(e->paths);
}

void operands_free(struct operands *ops)
{
	endpoint_free(&ops->src);
	endpoint_free(&ops->dest);
}

enum operand_kind operands_kind(const char *arg)
{
	struct spec sp;
	int r = split_spec(arg, &sp);
	enum operand_kind k = r == 2 ? OPERAND_DAEMON : r <= 0 ? OPERAND_LOCAL
			      : *sp.host ? OPERAND_SHELL : OPERAND_CONTINUED;

	spec_free(&sp);
	return k;
}
