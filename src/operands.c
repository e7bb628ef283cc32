#include "operands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Splits one operand.  Returns 1 for host:path (host may be empty for
 * ":path"), 0 for a local path, -1 for the daemon forms we do not speak.
 * As in rsync, the host part ends at the first ':' and a '/' before it
 * makes the operand local; the last '@' ends the user, and a host that
 * starts with '[' runs to the matching ']' (an IPv6 address). */
static int split_spec(const char *arg, char **user, char **host, char **path)
{
	const char *hstart = arg, *hend = NULL, *colon = NULL, *s;

	*user = *host = *path = NULL;
	if (strncasecmp(arg, "rsync://", 8) == 0)
		return -1;
	for (s = arg; *s; s++) {
		if (*s == '/')
			return 0;
		if (*s == '@')
			hstart = s + 1;
		else if (*s == '[' && s == hstart) {
			const char *rb = strchr(s, ']');
			if (!rb || rb[1] != ':')
				return 0;
			hstart = s + 1;
			hend = rb;
			colon = rb + 1;
			break;
		} else if (*s == ':') {
			hend = colon = s;
			break;
		}
	}
	if (!colon)
		return 0;
	if (colon[1] == ':')
		return -1;
	if (hstart != arg && hstart[-1] == '@')
		*user = strndup(arg, (size_t)(hstart - arg - 1));
	else if (hstart != arg && hstart[-1] == '[' && hstart - 1 != arg)
		*user = strndup(arg, (size_t)(hstart - arg - 2));
	*host = strndup(hstart, (size_t)(hend - hstart));
	*path = strdup(colon[1] ? colon + 1 : ".");
	return 1;
}

static void set_err(char *err, size_t errlen, const char *msg)
{
	snprintf(err, errlen, "%s", msg);
}

int operands_parse(struct operands *ops, char **args, int nargs, char *err,
		   size_t errlen)
{
	char *user, *host, *path;
	int r, i;

	memset(ops, 0, sizeof *ops);
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

	for (i = 0; i < nsrc; i++) {
		r = split_spec(args[i], &user, &host, &path);
		if (r < 0) {
			snprintf(err, errlen, "%s: rsync daemon operands are not supported; "
				 "use HOST:PATH (remote shell)", args[i]);
			return -1;
		}
		if (r == 0) {
			snprintf(err, errlen, "%s: the source must be remote (HOST:PATH)", args[i]);
			return -1;
		}
		if (i == 0) {
			if (!*host) {
				free(user); free(host); free(path);
				snprintf(err, errlen, "%s: the source must name a host", args[i]);
				return -1;
			}
			ops->src.user = user;
			ops->src.host = host;
		} else {
			/* ":path" continues the first source's host; anything else must
			 * name the same host. */
			int same = !*host || (strcmp(host, ops->src.host) == 0 &&
					      (!user == !ops->src.user) &&
					      (!user || strcmp(user, ops->src.user) == 0));
			free(user);
			free(host);
			if (!same) {
				free(path);
				set_err(err, errlen, "All source args must come from the same machine.");
				return -1;
			}
		}
		ops->src.paths[ops->src.npaths++] = path;
	}

	if (nargs == 1)
		return 0;
	r = split_spec(args[nargs - 1], &user, &host, &path);
	if (r <= 0 || !*host) {
		if (r > 0) {
			free(user); free(host); free(path);
		}
		snprintf(err, errlen, r < 0 ? "%s: rsync daemon operands are not supported; "
					      "use HOST:PATH (remote shell)"
			 : "%s: the destination must be remote (HOST:PATH); "
			   "for a local destination use rsync itself", args[nargs - 1]);
		return -1;
	}
	ops->dest.user = user;
	ops->dest.host = host;
	ops->dest.paths[0] = path;
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
	char *user, *host, *path;
	int r = split_spec(arg, &user, &host, &path);
	enum operand_kind k = r < 0 ? OPERAND_DAEMON : r == 0 ? OPERAND_LOCAL
				  : *host ? OPERAND_SHELL : OPERAND_CONTINUED;

	free(user);
	free(host);
	free(path);
	return k;
}
