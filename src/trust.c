#include "trust.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "filtercheck.h"
#include "report.h"

int trust_init(struct trust *t, const struct trust_request *rq, struct filter_list *rules,
	       struct filter_list *cvs)
{
	memset(t, 0, sizeof *t);
	t->relative = rq->relative;
	t->recurse = rq->recurse;
	t->xfer_dirs = rq->xfer_dirs;
	t->protocol = rq->protocol;
	t->check_names = !rq->trust_sender_args;
	t->rules = *rules;
	t->cvs = *cvs;
	memset(rules, 0, sizeof *rules);
	memset(cvs, 0, sizeof *cvs);
	/* The sender's filtering is judged here only when it depends on
	 * nothing but these rules: a per-directory merge file is read on the
	 * sender, a '/' rule matches the sender's full path. */
	t->check_excluded = !rq->trust_sender_filter && t->rules.n > 0;
	for (int i = 0; i < t->rules.n; i++)
		if (t->rules.rules[i].rflags & (FILTRULE_PERDIR_MERGE | FILTRULE_ABS_PATH))
			t->check_excluded = 0;
	/* Names from a --files-from list are added as they are sent. */
	for (int i = 0; !rq->files_from && i < rq->npaths; i++)
		if (trust_add_request(t, rq->paths[i]) < 0)
			return -1;
	return 0;
}

void trust_free(struct trust *t)
{
	filter_free(&t->implied);
	filter_free(&t->rules);
	filter_free(&t->cvs);
}

/* ---- the implied includes (what the request asked for) ---- */

/* An implied rule's pattern as it is being made. */
struct pat {
	char *s;
	size_t len;
	int slashes;
	int wild;		/* the name has wildcards: it is matched as one */
	int backslashes;	/* backslashes that escape no wildcard */
	int brackets;		/* an unescaped '[' */
};

static int add(struct trust *t, unsigned rflags, const char *pattern, size_t len)
{
	char *p = malloc(len + 1);

	if (!p)
		return -1;
	memcpy(p, pattern, len);
	p[len] = '\0';
	return filter_list_add(&t->implied, rflags, p);
}

/* A rule and, when its pattern has a '[', the same with each '[' escaped:
 * a wildcard the remote shell did not expand names a file literally. */
static int add_with_brackets(struct trust *t, unsigned rflags, const char *pattern,
			     size_t len, int brackets)
{
	char *lit, *q;

	if (add(t, rflags, pattern, len) < 0)
		return -1;
	if (!brackets || !memchr(pattern, '[', len))
		return 0;
	if (!(q = lit = malloc(2 * len + 1)))
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (pattern[i] == '\\' && i + 1 < len)
			*q++ = pattern[i++];
		else if (pattern[i] == '[')
			*q++ = '\\';
		*q++ = pattern[i];
	}
	*q = '\0';
	return filter_list_add(&t->implied, rflags, lit);
}

/* The leaf pattern of a requested name: anchored, with redundant slashes
 * and "." components dropped, and backslashes kept meaningful for the
 * matcher (rsync's add_implied_include). */
static void leaf_pattern(const char *arg, struct pat *pt)
{
	char *p = pt->s;
	const char *c = arg;

	pt->wild = strpbrk(arg, "*[?") != NULL;
	*p++ = '/';
	pt->slashes = 1;
	while (*c) {
		if (*c == '\\') {
			if (c[1] == ']') {
				if (!pt->wild)
					c++;	/* "\]" is just "]" outside a pattern */
			} else if (!c[1] || !strchr("*[?", c[1])) {
				pt->backslashes++;
				if (pt->wild)
					*p++ = '\\';
			}
			*p++ = *c++;
		} else if (*c == '/') {
			c++;
			if (p[-1] == '/') {
				if (!*c) {
					pt->slashes--;
					p--;
				}
			} else if (*c) {
				pt->slashes++;
				*p++ = '/';
			}
		} else if (*c == '.' && p[-1] == '/' && (c[1] == '/' || !c[1])) {
			c += c[1] ? 2 : 1;
			if (!*c) {
				pt->slashes--;
				p--;
			}
		} else {
			if (*c == '[')
				pt->brackets = 1;
			*p++ = *c++;
		}
	}
	*p = '\0';
	pt->len = (size_t)(p - pt->s);
}

/* With -R the leaf's parent directories are requested too, as
 * directories only, up to one that an earlier name added. */
static int add_parents(struct trust *t, const struct pat *pt)
{
	char *dir = strdup(pt->s);
	size_t len = pt->len;
	int rc = 0;

	if (!dir)
		return -1;
	while (rc == 0) {
		int known = 0;

		while (len > 1 && dir[len - 1] != '/')
			len--;
		if (len <= 1)
			break;
		dir[--len] = '\0';
		/* (no rule of the leaf's own can equal a shorter pattern) */
		for (int i = 0; i < t->implied.n && !known; i++)
			known = strcmp(t->implied.rules[i].pattern, dir) == 0;
		if (known)
			break;
		unsigned rf = FILTRULE_INCLUDE | FILTRULE_DIRECTORY;
		if (pt->wild && strpbrk(dir, "*[?\\"))
			rf |= FILTRULE_WILD;
		rc = add_with_brackets(t, rf, dir, len, pt->brackets);
	}
	free(dir);
	return rc;
}

/* The rule for a requested directory's contents: its name and "/" then
 * "**" with -r, "*" with -d. */
static int add_contents(struct trust *t, const char *base, size_t len, const struct pat *pt)
{
	char *s = malloc(2 * len + 4), *q = s;
	unsigned rf = FILTRULE_INCLUDE | FILTRULE_WILD | (t->recurse ? FILTRULE_WILD2 : 0);
	int rc;

	if (!s)
		return -1;
	for (size_t i = 0; i < len; i++) {
		/* now a pattern: a literal backslash must be escaped */
		if (!pt->wild && pt->backslashes && base[i] == '\\')
			*q++ = '\\';
		*q++ = base[i];
	}
	memcpy(q, t->recurse ? "/**" : "/*", t->recurse ? 4 : 3);
	q += t->recurse ? 3 : 2;
	rc = add_with_brackets(t, rf, s, (size_t)(q - s), pt->brackets);
	free(s);
	return rc;
}

int trust_add_request(struct trust *t, const char *arg)
{
	const char *c;
	struct pat pt = { 0 };
	int rc = 0;

	if (!t->check_names)
		return 0;
	/* What the sender will name: below "/./" with -R, else the last
	 * component. */
	if (t->relative) {
		if ((c = strstr(arg, "/./")))
			arg = c + 3;
	} else if ((c = strrchr(arg, '/')))
		arg = c + 1;
	if (arg[0] == '.' && !arg[1])
		arg++;
	if (!(pt.s = malloc(2 * strlen(arg) + 2)))
		return -1;
	if (*arg) {
		leaf_pattern(arg, &pt);
		if (pt.len) {
			rc = add_with_brackets(t, FILTRULE_INCLUDE | (pt.wild ? FILTRULE_WILD : 0),
					       pt.s, pt.len, pt.brackets);
			if (rc == 0 && t->relative && pt.slashes)
				rc = add_parents(t, &pt);
		}
	}
	if (rc == 0 && (t->recurse || t->xfer_dirs))
		rc = add_contents(t, pt.s, pt.len, &pt);
	/* "dir/", "." and the like ask for the transfer root's contents */
	if (!pt.len && (t->recurse || t->xfer_dirs))
		t->root_contents = 1;
	free(pt.s);
	return rc;
}

int trust_add_request_bytes(struct trust *t, const unsigned char *p, size_t n, int end)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] != '\0') {
			if (t->part_len + 1 < sizeof t->part)
				t->part[t->part_len++] = (char)p[i];
			else
				t->part_long = 1;
			continue;
		}
		if (!t->part_len)
			continue;
		t->part[t->part_len] = '\0';
		/* a name no path can be is never sent back as one */
		if (!t->part_long && trust_add_request(t, t->part) < 0)
			return -1;
		t->part_len = 0;
		t->part_long = 0;
	}
	if (end && t->part_len) {
		static const unsigned char nul = 0;
		return trust_add_request_bytes(t, &nul, 1, 0);
	}
	return 0;
}

/* ---- the verdict on an entry ---- */

/* A directory allowed only as the parent of a requested name (rsync's
 * is_implied_parent_dir). */
static int implied_parent_only(const struct trust *t, const char *name)
{
	int parent = 0;

	/* The root holds requested contents only for a request such as
	 * "dir/" or ".".  rsync judges by a rule of "/" and stars, which a
	 * source operand "*" makes too: then a hostile source could send the
	 * root as a content directory and --delete would clear the whole
	 * destination.  The relay asks what was requested instead. */
	if (strcmp(name, ".") == 0 || strcmp(name, "/.") == 0)
		return !t->root_contents;
	/* "P/." stands for P (the receiver merges the two) */
	size_t len = strlen(name);
	if (len > 2 && strcmp(name + len - 2, "/.") == 0) {
		char parent[RELAY_MAXPATHLEN];
		memcpy(parent, name, len - 2);
		parent[len - 2] = '\0';
		return implied_parent_only(t, parent);
	}
	for (int i = 0; i < t->implied.n; i++) {
		const struct filter_rule *r = &t->implied.rules[i];
		if (!filter_rule_matches(r, name, 1))
			continue;
		if (!(r->rflags & FILTRULE_DIRECTORY))
			return 0;	/* requested as a name of its own */
		parent = 1;
	}
	return parent;
}

int trust_check_entry(const struct trust *t, const char *name, uint32_t mode,
		      uint32_t *xflags, char *msg, size_t msglen)
{
	char clean[RELAY_MAXPATHLEN];
	int is_dir = S_ISDIR(mode);

	if (strlen(name) >= RELAY_MAXPATHLEN) {
		snprintf(msg, msglen, "ERROR: over-long file-list name");
		return RERR_PROTOCOL;
	}
	/* (cleaning would make it the root; rsync judges it as it is) */
	if (!*name && t->check_names) {
		snprintf(msg, msglen, "ERROR: rejecting unrequested file-list name: ");
		return RERR_UNSUPPORTED;
	}
	memcpy(clean, name, strlen(name) + 1);
	flist_clean_name(clean);
	int root = strcmp(clean, ".") == 0 || strcmp(clean, "/.") == 0;

	/* --force would remove a directory to make room for such a file */
	if (root && !is_dir) {
		snprintf(msg, msglen, "ERROR: rejecting non-directory transfer-root entry: %s", clean);
		return RERR_PROTOCOL;
	}
	if (!root && t->check_excluded &&
	    filter_check(&t->rules, &t->cvs, clean, is_dir, FILTER_SIDE_SENDER) < 0) {
		snprintf(msg, msglen, "ERROR: rejecting excluded file-list name: %s", clean);
		return RERR_UNSUPPORTED;
	}
	if (!root && t->check_names && !filter_check(&t->implied, NULL, clean, is_dir,
						     FILTER_SIDE_SENDER)) {
		snprintf(msg, msglen, "ERROR: rejecting unrequested file-list name: %s", clean);
		return RERR_UNSUPPORTED;
	}
	/* From protocol 30 a directory says whether its contents were
	 * requested; a parent that only leads to a requested name must not
	 * claim so, or --delete would clear it.  Before 30, a top directory,
	 * or one whose name the sender says follows a top directory's, is one
	 * whose contents count. */
	if (is_dir && t->check_names && implied_parent_only(t, clean)) {
		if (t->protocol >= 30)
			*xflags |= XMIT_TOP_DIR | XMIT_NO_CONTENT_DIR;
		else	/* and its name whole: see sendstream.c whole_name() */
			*xflags &= ~(uint32_t)(XMIT_TOP_DIR | XMIT_SAME_NAME);
	}
	return 0;
}

int trust_check_sublist_entry(const char *dir, const char *name, int relative, char *msg,
			      size_t msglen)
{
	const char *slash = strrchr(name, '/');
	size_t dlen = slash ? (size_t)(slash - name) : 0;
	const char *d = name;

	if (relative && *d == '/') {
		d++;
		dlen -= dlen ? 1 : 0;
	}
	if (relative && *dir == '/')
		dir++;
	if (strlen(dir) == dlen && strncmp(d, dir, dlen) == 0)
		return 0;
	snprintf(msg, msglen, "ABORTING due to invalid path from sender: %.*s/%s", (int)dlen, d,
		 slash ? slash + 1 : name);
	return RERR_UNSUPPORTED;
}
