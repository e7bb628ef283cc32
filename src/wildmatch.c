/* Pattern matching for filter rules, with rsync's wildmatch semantics.
 *
 * Matching is a backtracking walk over the pattern; each '*' tries every
 * later start in the text.  rsync's two early exits keep a hostile text
 * cheap: when the text runs out before the pattern, no '*' further out
 * can do better by taking more of it, so the whole match gives up; and
 * when a single '*' would have to take a '/', only an enclosing "**" may
 * still try later starts. */
#include "wildmatch.h"

#include <ctype.h>
#include <string.h>

enum {
	WM_ABORT_TO_DSTAR = -2,	/* a '*' met a '/': only a "**" may go on */
	WM_ABORT_ALL = -1,	/* the text ran out: nothing may go on */
	WM_NO = 0,
	WM_YES = 1,
};

/* A place in a text made of parts read as one string. */
struct wtext {
	const unsigned char *s;
	const char *const *more;	/* the parts after s's, then NULL */
};

/* The byte at t, 0 at the end of the last part; t skips the ends of the
 * parts before it, so that t->s may then be advanced by one. */
static unsigned char wt_peek(struct wtext *t)
{
	while (!*t->s && *t->more)
		t->s = (const unsigned char *)*t->more++;
	return *t->s;
}

static int wt_has_slash(const struct wtext *t)
{
	const char *const *m;

	if (strchr((const char *)t->s, '/'))
		return 1;
	for (m = t->more; *m; m++)
		if (strchr(*m, '/'))
			return 1;
	return 0;
}

/* Sets t where a match starts for "how" (see wildmatch.h); 0 when no
 * match is possible. */
static int wt_start(struct wtext *t, const char *const *parts, int how)
{
	const char *const *a = parts;

	if (!parts[0])
		return 0;
	if (how > 0) {
		while (*a)
			a++;
		while (a > parts) {
			const char *b = *--a, *e = b + strlen(b);

			while (e > b)
				if (*--e == '/' && --how == 0) {
					t->s = (const unsigned char *)e + 1;
					t->more = a + 1;
					return 1;
				}
		}
		/* Fewer than "how" slashes: the whole text if it has exactly
		 * "how" elements (one '/' fewer), else nothing. */
		if (how != 1)
			return 0;
	}
	t->s = (const unsigned char *)parts[0];
	t->more = parts + 1;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Classes                                                             */
/* ------------------------------------------------------------------ */

/* The POSIX classes, from the locale's LC_CTYPE as in rsync (the relay
 * sets it from the environment as rsync does). */
static const struct {
	const char *name;
	int (*has)(int c);
} named_classes[] = {
	{"alnum", isalnum}, {"alpha", isalpha}, {"blank", isblank},
	{"cntrl", iscntrl}, {"digit", isdigit}, {"graph", isgraph},
	{"lower", islower}, {"print", isprint}, {"punct", ispunct},
	{"space", isspace}, {"upper", isupper}, {"xdigit", isxdigit},
};

enum named { NAMED_NONE, NAMED_BAD, NAMED_OK };

/* A member that starts "[:" at *pp.  When a ":]" ends it, it is a named
 * class: NAMED_OK with *hit set if c is in it and *pp on its last ']', or
 * NAMED_BAD for an unknown name.  NAMED_BAD also when no ']' follows at
 * all; NAMED_NONE when the ']' has no ':' before it (the '[' is then a
 * plain member). */
static enum named named_member(const unsigned char **pp, unsigned char c, int *hit)
{
	const unsigned char *name = *pp + 2, *e = name;
	size_t i, len;

	while (*e && *e != ']')
		e++;
	if (!*e)
		return NAMED_BAD;
	if (e == name || e[-1] != ':')
		return NAMED_NONE;
	len = (size_t)(e - 1 - name);
	for (i = 0; i < sizeof named_classes / sizeof named_classes[0]; i++) {
		const char *n = named_classes[i].name;

		if (strlen(n) == len && memcmp(n, name, len) == 0) {
			if (named_classes[i].has(c))
				*hit = 1;
			*pp = e;
			return NAMED_OK;
		}
	}
	return NAMED_BAD;
}

/* Matches the byte c against the class whose body starts at p, just
 * after its '['.  Returns WM_YES with *endp on the closing ']', WM_NO, or
 * WM_ABORT_ALL for a class that can never match anything. */
static int match_class(const unsigned char *p, unsigned char c,
		       const unsigned char **endp)
{
	int negate = 0, hit = 0;
	unsigned char prev = 0;	/* the member before: a range's low end */

	if (*p == '!' || *p == '^') {
		negate = 1;
		p++;
	}
	/* The first member is taken before a ']' can end the class. */
	do {
		unsigned char m = *p;

		if (!m)
			return WM_ABORT_ALL;
		if (m == '\\') {
			if (!(m = *++p))
				return WM_ABORT_ALL;
			hit |= c == m;
		} else if (m == '-' && prev && p[1] && p[1] != ']') {
			unsigned char hi = *++p;

			if (hi == '\\' && !(hi = *++p))
				return WM_ABORT_ALL;
			hit |= c >= prev && c <= hi;
			m = 0;	/* a range's end starts no other */
		} else if (m == '[' && p[1] == ':') {
			enum named k = named_member(&p, c, &hit);

			if (k == NAMED_BAD)
				return WM_ABORT_ALL;
			if (k == NAMED_OK)
				m = 0;
			else
				hit |= c == m;
		} else {
			hit |= c == m;
		}
		prev = m;
	} while (*++p != ']');
	*endp = p;
	/* All members are read first: a bad one later still aborts. */
	return hit != negate && c != '/' ? WM_YES : WM_NO;
}

/* ------------------------------------------------------------------ */
/* Matching                                                            */
/* ------------------------------------------------------------------ */

static int match_star(const unsigned char *p, struct wtext t);

/* Matches the pattern p against the text from t to its end. */
static int match_from(const unsigned char *p, struct wtext t)
{
	for (; *p; p++) {
		unsigned char c = wt_peek(&t);
		const unsigned char *end;
		int r;

		if (!c && *p != '*')
			return WM_ABORT_ALL;
		switch (*p) {
		case '*':
			return match_star(p, t);
		case '?':
			if (c == '/')
				return WM_NO;
			break;
		case '[':
			r = match_class(p + 1, c, &end);
			if (r != WM_YES)
				return r;
			p = end;
			break;
		case '\\':
			p++;	/* a '\' at the end matches no byte */
			/* fall through */
		default:
			if (c != *p)
				return WM_NO;
			break;
		}
		t.s++;
	}
	return wt_peek(&t) ? WM_NO : WM_YES;
}

/* p is on a run of '*'; two or more may take a '/'. */
static int match_star(const unsigned char *p, struct wtext t)
{
	int dstar = p[1] == '*';
	unsigned char c;

	while (*p == '*')
		p++;
	if (!*p)
		return dstar || !wt_has_slash(&t) ? WM_YES : WM_NO;
	while ((c = wt_peek(&t)) != 0) {
		int r = match_from(p, t);

		if (r == WM_NO) {
			/* Taking this '/' is a "**"'s job. */
			if (!dstar && c == '/')
				return WM_ABORT_TO_DSTAR;
		} else if (!dstar || r != WM_ABORT_TO_DSTAR) {
			return r;
		}
		t.s++;
	}
	return WM_ABORT_ALL;
}

int wildmatch(const char *pattern, const char *text)
{
	const char *parts[2] = {text, NULL};

	return wildmatch_join(pattern, parts, WILDMATCH_WHOLE);
}

int wildmatch_tail(const char *pattern, const char *text, int how)
{
	const char *parts[2] = {text, NULL};

	return wildmatch_join(pattern, parts, how);
}

int wildmatch_join(const char *pattern, const char *const *parts, int how)
{
	const unsigned char *p = (const unsigned char *)pattern;
	struct wtext t;
	int r;

	if (!wt_start(&t, parts, how))
		return 0;
	r = match_from(p, t);
	if (how >= 0 || r == WM_YES || r == WM_ABORT_ALL)
		return r == WM_YES;
	/* Each later start is just after a '/'. */
	for (;;) {
		unsigned char c = wt_peek(&t);

		if (!c)
			return 0;
		t.s++;
		if (c != '/')
			continue;
		r = match_from(p, t);
		if (r != WM_NO && r != WM_ABORT_TO_DSTAR)
			return r == WM_YES;
	}
}

int litmatch_join(const char *literal, const char *const *parts, int how)
{
	const unsigned char *s = (const unsigned char *)literal;
	struct wtext t;

	if (!wt_start(&t, parts, how > 0 ? how : 0))
		return 0;
	for (; *s; s++, t.s++)
		if (wt_peek(&t) != *s)
			return 0;
	return !wt_peek(&t);
}
