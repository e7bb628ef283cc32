/* Filter rules as rsync's client parses and sends them.
 *
 * The parsing follows the rule grammar of rsync's manual and the checks its
 * client makes (exclude.c): a rule's name, long or short, then modifiers
 * after an optional ',', then one ' ' or '_', then the pattern.  Merge
 * files named by a "merge" rule or by --exclude-from are read here and
 * their rules take the merge rule's place; "dir-merge" rules are sent as
 * they are.  filter_wire then writes, for one server, the rules that
 * concern it with the prefix letters its protocol understands. */
#include "filter.h"
#include "safeopen.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* rsync's limits: a pattern of PATH_MAX bytes or more is dropped, and a
 * merge file's line is read into a buffer 1024 bytes bigger than that. */
#define PAT_MAX 4096
#define LINE_BUF (PAT_MAX + 1024)
#define MERGE_DEPTH_MAX 32

/* How a rule text is read (rsync's XFLG_* values). */
#define XF_FATAL_ERRORS	(1 << 0)	/* a missing merge file is an error */
#define XF_OLD_PREFIXES	(1 << 1)	/* only "- ", "+ " and "!" */

/* What a rule read from a merge file takes from the merge rule. */
#define FROM_CONTAINER (FILTRULE_ABS_PATH | FILTRULE_INCLUDE | FILTRULE_DIRECTORY \
			| FILTRULE_NEGATE | FILTRULE_PERISHABLE)

/* rsync's default CVS ignore list, in its order (rsync.1.md, -C). */
static const char default_cvsignore[] =
	"RCS SCCS CVS CVS.adm RCSLOG cvslog.* tags TAGS .make.state .nse_depinfo"
	" *~ #* .#* ,* _$* *$ *.old *.bak *.BAK *.orig *.rej .del-* *.a *.olb *.o"
	" *.obj *.so *.exe *.Z *.elc *.ln core .svn/ .git/ .hg/ .bzr/";

/* ------------------------------------------------------------------ */
/* Lists                                                               */
/* ------------------------------------------------------------------ */

static void list_clear(struct filter_list *l)
{
	int i;

	for (i = 0; i < l->n; i++)
		free(l->rules[i].pattern);
	l->n = 0;
}

void filter_free(struct filter_list *fl)
{
	if (!fl)
		return;
	list_clear(fl);
	free(fl->rules);
	fl->rules = NULL;
	fl->n = fl->cap = 0;
}

/* Every rule is made here, so its slash count (rsync's add_rule) is too. */
static int list_push(struct filter_list *l, unsigned rflags, char *pattern)
{
	const char *c;
	int slashes = 0;

	for (c = pattern; *c; c++)
		slashes += *c == '/';
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 16;
		struct filter_rule *r = realloc(l->rules, (size_t)cap * sizeof *r);

		if (!r)
			return -1;
		l->rules = r;
		l->cap = cap;
	}
	l->rules[l->n].rflags = rflags;
	l->rules[l->n].pattern = pattern;
	l->rules[l->n].slash_cnt = slashes;
	l->n++;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Parser state                                                        */
/* ------------------------------------------------------------------ */

struct parser {
	int delete_excluded;	/* --delete-excluded seen so far */
	int from0;
	int depth;		/* merge files open */
	/* The first CVS_IGNORE rule (other than a merge): where rsync builds
	 * its CVS list. */
	unsigned cvs_rflags;
	int cvs_delete_excluded;

	/* Where the text being parsed came from.  A rule read from a file is
	 * never echoed in a message; rsync names the place instead. */
	int in_file;
	const char *src_file;	/* NULL when a file's rule named that file */
	int src_line;		/* -1: words, not lines */
	const char *named_at;	/* where such a file was named */

	int insecure_links;	/* --insecure-links */
	int debug;		/* --debug=FILTER level */
	FILE *debug_out;
	FILE *warn_out;
	int mergelists;		/* dir-merge rules activated: their number */

	char *err;
	size_t errlen;
	int code;		/* FILTER_ERR_* once failed */
	char where[PAT_MAX + 64];
	char text[2][PAT_MAX + 96];
	int text_i;
};

static int fail(struct parser *p, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct parser *p, int code, const char *fmt, ...)
{
	va_list ap;

	if (p->err && p->errlen) {
		va_start(ap, fmt);
		vsnprintf(p->err, p->errlen, fmt, ap);
		va_end(ap);
	}
	p->code = code;
	return -1;
}

static int oom(struct parser *p)
{
	return fail(p, FILTER_ERR_MALLOC, "ERROR: out of memory in filter_build [client]");
}

static int text_from_file(const struct parser *p, unsigned tmpl)
{
	return p->in_file || (tmpl & FILTRULE_FROM_FILE);
}

static const char *src_where(struct parser *p)
{
	if (!p->src_file) {
		if (!p->named_at)
			return "a file read earlier";
		snprintf(p->where, sizeof p->where, "a file named at %s", p->named_at);
		return p->where;
	}
	if (p->src_line < 0)
		return p->src_file;
	snprintf(p->where, sizeof p->where, "%s line %d", p->src_file, p->src_line);
	return p->where;
}

/* The text of a rule for a message, or where it came from when that was a
 * file (tmpl: the flags of the rule the text belongs to). */
static const char *rule_text(struct parser *p, unsigned tmpl, const char *text)
{
	char *b;

	if (!text_from_file(p, tmpl))
		return text;
	b = p->text[p->text_i];
	p->text_i ^= 1;
	snprintf(b, sizeof p->text[0], "<rule from %s>", src_where(p));
	return b;
}

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/* ------------------------------------------------------------------ */
/* One rule                                                            */
/* ------------------------------------------------------------------ */

struct rule_name {
	const char *name;
	char ch;
};

/* The long names, each known by its first letter. */
static const struct rule_name rule_names[] = {
	{"clear", '!'}, {"dir-merge", ':'}, {"exclude", '-'}, {"hide", 'H'},
	{"include", '+'}, {"merge", '.'}, {"protect", 'P'}, {"risk", 'R'},
	{"show", 'S'},
};

/* Reads the rule at *strp: returns 1 with its flags, pattern and length
 * and *strp past it, 0 when the text is used up, -1 on an error. */
static int parse_tok(struct parser *p, const char **strp, unsigned tmpl, int xflags,
		     const char **patp, size_t *lenp, unsigned *rflagsp)
{
	const unsigned char *s = (const unsigned char *)*strp;
	const char *start;
	unsigned rf;
	size_t len;

	if (tmpl & FILTRULE_WORD_SPLIT) {
		while (is_space(*s))
			s++;
		*strp = (const char *)s;
	}
	if (!*s)
		return 0;
	start = *strp;

	rf = tmpl & FROM_CONTAINER;
	if (p->in_file)
		rf |= FILTRULE_FROM_FILE;

	if (tmpl & FILTRULE_NO_PREFIXES) {
		/* The pattern is the whole text; only a CVS list knows "!". */
		if (*s == '!' && (tmpl & FILTRULE_CVS_IGNORE))
			rf |= FILTRULE_CLEAR_LIST;
	} else if (xflags & XF_OLD_PREFIXES) {
		if (s[0] == '-' && s[1] == ' ') {
			rf &= ~FILTRULE_INCLUDE;
			s += 2;
		} else if (s[0] == '+' && s[1] == ' ') {
			rf |= FILTRULE_INCLUDE;
			s += 2;
		} else if (*s == '!') {
			rf |= FILTRULE_CLEAR_LIST;
		}
	} else {
		int ch = 0, side_named = 0;
		size_t i;

		for (i = 0; i < sizeof rule_names / sizeof rule_names[0]; i++) {
			const char *nm = rule_names[i].name;
			size_t nl = strlen(nm);

			if (*s != (unsigned char)nm[0])
				continue;
			/* A long name must be followed by a separator, the end
			 * or ','; s is left on the character before the
			 * modifiers. */
			if (strncmp((const char *)s, nm, nl) == 0) {
				unsigned char c = s[nl];

				if (is_space(c) || c == '_' || c == '\0') {
					ch = rule_names[i].ch;
					s += nl - 1;
				} else if (c == ',') {
					ch = rule_names[i].ch;
					s += nl;
				}
			}
			if (!ch)
				s = NULL;
			break;
		}
		if (i == sizeof rule_names / sizeof rule_names[0]) {
			ch = *s;
			if (s[1] == ',')
				s++;
		}

		switch (ch) {
		case ':':
			rf |= FILTRULE_PERDIR_MERGE | FILTRULE_FINISH_SETUP;
			/* fall through */
		case '.':
			rf |= FILTRULE_MERGE_FILE;
			break;
		case '+':
			rf |= FILTRULE_INCLUDE;
			break;
		case '-':
			break;
		case 'S':
			rf |= FILTRULE_INCLUDE;
			/* fall through */
		case 'H':
			rf |= FILTRULE_SENDER_SIDE;
			side_named = 1;
			break;
		case 'R':
			rf |= FILTRULE_INCLUDE;
			/* fall through */
		case 'P':
			rf |= FILTRULE_RECEIVER_SIDE;
			side_named = 1;
			break;
		case '!':
			rf |= FILTRULE_CLEAR_LIST;
			break;
		default:
			return fail(p, FILTER_ERR_SYNTAX, "Unknown filter rule: %s",
				    rule_text(p, 0, start));
		}

		while (ch != '!') {
			int bad = 0;

			s++;
			if (!*s || *s == ' ' || *s == '_')
				break;
			if ((tmpl & FILTRULE_WORD_SPLIT) && is_space(*s)) {
				s--;
				break;
			}
			switch (*s) {
			case '-':
			case '+':
				if (!(rf & FILTRULE_MERGE_FILE) || (rf & FILTRULE_NO_PREFIXES))
					bad = 1;
				else
					rf |= FILTRULE_NO_PREFIXES
					      | (*s == '+' ? FILTRULE_INCLUDE : 0);
				break;
			case '/':
				rf |= FILTRULE_ABS_PATH;
				break;
			case '!':
				/* A negation belongs to a pattern, not to a file. */
				if (rf & FILTRULE_MERGE_FILE)
					bad = 1;
				else
					rf |= FILTRULE_NEGATE;
				break;
			case 'C':
				if ((rf & FILTRULE_NO_PREFIXES) || side_named)
					bad = 1;
				else
					rf |= FILTRULE_NO_PREFIXES | FILTRULE_WORD_SPLIT
					      | FILTRULE_NO_INHERIT | FILTRULE_CVS_IGNORE;
				break;
			case 'e':
			case 'n':
			case 'w':
				if (!(rf & FILTRULE_MERGE_FILE))
					bad = 1;
				else
					rf |= *s == 'e' ? FILTRULE_EXCLUDE_SELF
					      : *s == 'n' ? FILTRULE_NO_INHERIT
							  : FILTRULE_WORD_SPLIT;
				break;
			case 'p':
				rf |= FILTRULE_PERISHABLE;
				break;
			case 'r':
			case 's':
				if (side_named)
					bad = 1;
				else
					rf |= *s == 'r' ? FILTRULE_RECEIVER_SIDE
							: FILTRULE_SENDER_SIDE;
				break;
			case 'x':
				rf |= FILTRULE_XATTR;
				break;
			default:
				bad = 1;
				break;
			}
			if (bad) {
				char detail[48] = "";

				if (!text_from_file(p, 0))
					snprintf(detail, sizeof detail, " '%c' at position %d",
						 *s, (int)((const char *)s - start));
				return fail(p, FILTER_ERR_SYNTAX,
					    "invalid modifier%s in filter rule: %s", detail,
					    rule_text(p, 0, start));
			}
		}
		if (*s)
			s++;
	}

	if (tmpl & FILTRULES_SIDES) {
		/* A side given by both a merge rule and a rule it reads. */
		if (rf & FILTRULES_SIDES)
			return fail(p, FILTER_ERR_SYNTAX,
				    "specified-side merge file contains specified-side filter: %s",
				    rule_text(p, 0, start));
		rf |= tmpl & FILTRULES_SIDES;
	}

	if (tmpl & FILTRULE_WORD_SPLIT) {
		const unsigned char *e = s;

		while (*e && !is_space(*e))
			e++;
		len = (size_t)(e - s);
	} else {
		len = strlen((const char *)s);
	}

	if (rf & FILTRULE_CLEAR_LIST) {
		if (!(tmpl & FILTRULE_NO_PREFIXES) && !(xflags & XF_OLD_PREFIXES) && len)
			return fail(p, FILTER_ERR_SYNTAX, "'!' rule has trailing characters: %s",
				    rule_text(p, 0, start));
		/* Where "!" was only a guess, a longer word is a pattern. */
		if (len > 1)
			rf &= ~FILTRULE_CLEAR_LIST;
	} else if (!len && !(rf & FILTRULE_CVS_IGNORE)) {
		return fail(p, FILTER_ERR_SYNTAX, "unexpected end of filter rule: %s",
			    rule_text(p, 0, start));
	}

	/* --delete-excluded makes a plain include/exclude sender-side. */
	if (p->delete_excluded
	    && !(rf & (FILTRULES_SIDES | FILTRULE_MERGE_FILE | FILTRULE_PERDIR_MERGE)))
		rf |= FILTRULE_SENDER_SIDE;

	*patp = (const char *)s;
	*lenp = len;
	*strp = (const char *)s + len;
	*rflagsp = rf;
	return 1;
}

/* Stores a rule as rsync's add_rule does: a trailing '/' becomes
 * FILTRULE_DIRECTORY, and a dir-merge rule whose file name is already
 * merged per directory is dropped. */
struct wire;
static const char *rule_prefix(const struct wire *w, unsigned rf, const char *pat,
			       char buf[24], size_t *plen);
static const struct wire *debug_wire(void);

/* rsync's client's --debug=FILTER line for a rule being added: every rule
 * at level 2, at level 1 those whose pattern ends in white space (a common
 * mistake).  A rule read from a file shows where it came from instead. */
static void debug_add_rule(struct parser *p, const char *pat, size_t len, unsigned rf)
{
	int ws = len && (pat[len - 1] == ' ' || pat[len - 1] == '\t');
	int from_file = text_from_file(p, rf);
	char pbuf[24];
	size_t plen;
	const char *pre;

	if (!p->debug_out || p->debug < 1 || (!ws && p->debug < 2))
		return;
	if (from_file) {
		fprintf(p->debug_out, "[client] add_rule(%s)\n", rule_text(p, rf, ""));
		return;
	}
	pre = rule_prefix(debug_wire(), rf, pat, pbuf, &plen);
	fprintf(p->debug_out, "[client] add_rule(%s%.*s)%s\n", pre ? pre : "", (int)len, pat,
		ws ? " -- CAUTION: trailing whitespace!" : "");
}

/* The name of a dir-merge rule's file, as rsync's debug line shows it. */
static void debug_mergelist(struct parser *p, const char *pat, size_t len, unsigned rf)
{
	const char *base = pat + len;

	while (base > pat && base[-1] != '/')
		base--;
	if (p->debug_out && p->debug >= 2) {
		if (text_from_file(p, rf))
			fprintf(p->debug_out, "[client] activating mergelist #%d [per-dir %s]\n",
				p->mergelists, rule_text(p, rf, ""));
		else
			fprintf(p->debug_out, "[client] activating mergelist #%d [per-dir %.*s]\n",
				p->mergelists, (int)(pat + len - base), base);
	}
	p->mergelists++;
}

static int add_rule(struct parser *p, struct filter_list *l, const char *pat, size_t len,
		    unsigned rf)
{
	const char *base, *q;
	char *copy;
	int i;

	debug_add_rule(p, pat, len, rf);
	if (len > 1 && pat[len - 1] == '/') {
		len--;
		rf |= FILTRULE_DIRECTORY;
	}

	if (rf & FILTRULE_PERDIR_MERGE) {
		size_t blen;

		for (base = pat + len; base > pat && base[-1] != '/'; base--)
			;
		blen = (size_t)(pat + len - base);
		for (i = 0; i < l->n; i++) {
			const char *o = l->rules[i].pattern;

			if (!(l->rules[i].rflags & FILTRULE_PERDIR_MERGE))
				continue;
			q = strrchr(o, '/');
			q = q ? q + 1 : o;
			if (strlen(q) == blen && memcmp(q, base, blen) == 0)
				return 0;
		}
		debug_mergelist(p, pat, len, rf);
	}

	copy = malloc(len + 1);
	if (!copy)
		return oom(p);
	memcpy(copy, pat, len);
	copy[len] = '\0';

	if (strpbrk(copy, "*[?")) {
		rf |= FILTRULE_WILD;
		q = strstr(copy, "**");
		if (q) {
			size_t cl = strlen(copy);

			rf |= FILTRULE_WILD2;
			if (q == copy)
				rf |= FILTRULE_WILD2_PREFIX;
			if (cl >= 3 && strcmp(copy + cl - 3, "***") == 0)
				rf |= FILTRULE_WILD3_SUFFIX;
		}
	}

	if (list_push(l, rf, copy) < 0) {
		free(copy);
		return oom(p);
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* Merge file names                                                    */
/* ------------------------------------------------------------------ */

/* Tidies a path as rsync does before opening a merge file: repeated and
 * trailing slashes and "./" go, "dir/.." collapses, ".." above the root of
 * an absolute path goes; an empty result is ".". */
static void clean_path(char *name)
{
	char *out = name, *in = name;
	size_t keep = 0;	/* length of the part no ".." may remove */
	int anchored = *name == '/';

	if (anchored) {
		in++;
		out++;
		keep = 1;
	}
	while (*in) {
		size_t n;

		if (*in == '/') {
			in++;
			continue;
		}
		for (n = 0; in[n] && in[n] != '/'; n++)
			;
		if (n == 1 && in[0] == '.' && in[1] == '/') {
			in += 2;
			continue;
		}
		if (n == 2 && in[0] == '.' && in[1] == '.') {
			size_t used = (size_t)(out - name);

			if (used > keep) {
				/* Drop the last component kept. */
				char *e = out - 1;	/* its '/' */

				while (e > name + keep && e[-1] != '/')
					e--;
				out = e;
				in += 2;
				continue;
			}
			if (anchored) {
				in += 2;
				continue;
			}
			/* Nothing to remove: the ".." stays, for good. */
			memmove(out, in, 2);
			out += 2;
			in += 2;
			if (*in == '/')
				*out++ = *in++;
			keep = (size_t)(out - name);
			continue;
		}
		memmove(out, in, n);
		out += n;
		in += n;
		if (*in == '/')
			*out++ = *in++;
	}
	if (out > name + anchored && out[-1] == '/')
		out--;
	if (out == name)
		*out++ = '.';
	*out = '\0';
}

/* The name of a merge file as rsync opens it: unchanged unless it has a
 * '/', else tidied.  Returns a malloc'ed string. */
static char *merge_name(const char *pat, size_t len)
{
	char *name = malloc(len + 1);

	if (!name)
		return NULL;
	memcpy(name, pat, len);
	name[len] = '\0';
	if (memchr(name, '/', len))
		clean_path(name);
	return name;
}

/* rsync's line for a rule too long to keep (it is dropped, the run goes
 * on): the rule's text, or where it came from when that was a file.
 * rsync formats a message in a buffer of LINE_BUF bytes and ends one that
 * does not fit with "[...]" and its newline. */
static void discard_long(struct parser *p, unsigned tmpl, const char *pat, size_t len)
{
	static const char pre[] = "discarding over-long filter: ";
	const size_t room = LINE_BUF - 1;	/* the characters, newline included */
	const char *text = pat;

	if (!p->warn_out)
		return;
	if (text_from_file(p, tmpl)) {
		text = rule_text(p, tmpl, "");
		len = strlen(text);
	}
	if (len > room)
		len = room;	/* rsync copies at most this much of the rule */
	fflush(stdout);
	if (sizeof pre - 1 + len + 1 > room)
		fprintf(p->warn_out, "%s%.*s[...]\n", pre,
			(int)(room - 6 - (sizeof pre - 1)), text);
	else
		fprintf(p->warn_out, "%s%.*s\n", pre, (int)len, text);
}

/* ------------------------------------------------------------------ */
/* Rule texts and files                                                */
/* ------------------------------------------------------------------ */

static int parse_file(struct parser *p, struct filter_list *l, const char *fname,
		      unsigned tmpl, int xflags);

static int parse_str(struct parser *p, struct filter_list *l, const char *str,
		     unsigned tmpl, int xflags)
{
	if (!str)
		return 0;
	for (;;) {
		const char *pat = NULL;
		size_t len = 0;
		unsigned rf = 0;
		int r = parse_tok(p, &str, tmpl, xflags, &pat, &len, &rf);

		if (r <= 0)
			return r;
		if (len >= PAT_MAX) {
			discard_long(p, tmpl | rf, pat, len);
			continue;
		}

		if (rf & FILTRULE_CLEAR_LIST) {
			list_clear(l);
			continue;
		}

		if (rf & FILTRULE_MERGE_FILE) {
			if (!len) {
				pat = ".cvsignore";
				len = 10;
			}
			if (rf & FILTRULE_EXCLUDE_SELF) {
				const char *base = pat + len;

				/* An exclude of the file's own name, first. */
				while (base > pat && base[-1] != '/')
					base--;
				if (add_rule(p, l, base, (size_t)(pat + len - base),
					     rf & FILTRULE_FROM_FILE) < 0)
					return -1;
				rf &= ~FILTRULE_EXCLUDE_SELF;
			}
			if (!(rf & FILTRULE_PERDIR_MERGE)) {
				char *name = merge_name(pat, len);

				if (!name)
					return oom(p);
				r = parse_file(p, l, name, rf, XF_FATAL_ERRORS);
				free(name);
				if (r < 0)
					return -1;
				continue;
			}
		}

		if (add_rule(p, l, pat, len, rf) < 0)
			return -1;

		if ((rf & FILTRULE_CVS_IGNORE) && !(rf & FILTRULE_MERGE_FILE)
		    && !p->cvs_rflags) {
			p->cvs_rflags = rf;
			p->cvs_delete_excluded = p->delete_excluded;
		}
	}
}

/* One frame of merge-file reading: what the enclosing text's state was. */
struct file_frame {
	int in_file;
	const char *src_file;
	int src_line;
	const char *named_at;
	char named_here[PAT_MAX + 64];
	char *name;
	char *line;
};

static int read_byte(FILE *fp)
{
	int ch;

	for (;;) {
		errno = 0;
		ch = getc(fp);
		if (ch != EOF || !ferror(fp) || errno != EINTR)
			return ch;
		clearerr(fp);
	}
}

static int parse_file(struct parser *p, struct filter_list *l, const char *fname,
		      unsigned tmpl, int xflags)
{
	struct file_frame *fr;
	FILE *fp;
	int word_split = (tmpl & FILTRULE_WORD_SPLIT) != 0;
	int by_file, pending = EOF, rc = 0, e, untrusted;

	if (!fname || !*fname)
		return 0;

	if (p->depth >= MERGE_DEPTH_MAX) {
		if (!(xflags & XF_FATAL_ERRORS))
			return 0;
		return fail(p, FILTER_ERR_FILEIO,
			    "[client] merge-file include depth limit (%d) exceeded at %s",
			    MERGE_DEPTH_MAX, rule_text(p, tmpl, fname));
	}

	e = 0;
	untrusted = 0;
	if (strcmp(fname, "-") != 0) {
		int fd = safeopen_open(fname, O_RDONLY | O_CLOEXEC, p->insecure_links, &untrusted);

		fp = NULL;
		if (fd < 0) {
			e = errno;
		} else if (!(fp = fdopen(fd, "rb"))) {
			e = errno;
			close(fd);
		}
	} else {
		fp = stdin;
	}
	if (p->debug_out && p->debug >= 2)
		fprintf(p->debug_out, "[client] parse_filter_file(%s,%x,%x)%s\n",
			rule_text(p, tmpl, fname), tmpl, (unsigned)xflags,
			fp || text_from_file(p, tmpl) ? "" : " [not found]");
	if (!fp) {

		if (!(xflags & XF_FATAL_ERRORS))
			return 0;
		/* A name read from a file is not shown, nor is the errno
		 * that would tell whether it exists. */
		if (text_from_file(p, tmpl))
			return fail(p, FILTER_ERR_FILEIO, "%sfailed to open %sclude file %s",
				    untrusted ? SAFEOPEN_UNTRUSTED_HINT "\n" : "",
				    tmpl & FILTRULE_INCLUDE ? "in" : "ex",
				    rule_text(p, tmpl, fname));
		return fail(p, FILTER_ERR_FILEIO,
			    "%srsync: [client] failed to open %sclude file %s: %s (%d)",
			    untrusted ? SAFEOPEN_UNTRUSTED_HINT "\n" : "",
			    tmpl & FILTRULE_INCLUDE ? "in" : "ex", fname, strerror(e), e);
	}

	fr = calloc(1, sizeof *fr);
	if (fr) {
		fr->name = strdup(fname);
		fr->line = malloc(LINE_BUF);
	}
	if (!fr || !fr->name || !fr->line) {
		if (fr) {
			free(fr->name);
			free(fr->line);
			free(fr);
		}
		if (fp != stdin)
			fclose(fp);
		return oom(p);
	}
	p->depth++;

	fr->in_file = p->in_file;
	fr->src_file = p->src_file;
	fr->src_line = p->src_line;
	fr->named_at = p->named_at;
	by_file = text_from_file(p, tmpl);
	if (by_file) {
		/* This file's own name came from a file: point at where. */
		if (p->in_file) {
			snprintf(fr->named_here, sizeof fr->named_here, "%s", src_where(p));
			p->named_at = fr->named_here;
		} else {
			p->named_at = NULL;
		}
	}
	p->in_file = 1;
	p->src_file = by_file ? NULL : fr->name;
	p->src_line = word_split ? -1 : 0;

	for (;;) {
		char *s = fr->line, *eob = fr->line + LINE_BUF - 1;
		int ch, overflow = 0;

		if (p->src_line >= 0)
			p->src_line++;
		for (;;) {
			if (pending != EOF) {
				ch = pending;
				pending = EOF;
			} else if ((ch = read_byte(fp)) == EOF) {
				break;
			}
			if (word_split && is_space(ch))
				break;
			if (p->from0 ? ch == '\0' : (ch == '\n' || ch == '\r')) {
				if (ch == '\r') {
					/* CR LF ends one line. */
					int nx = read_byte(fp);

					if (nx == EOF) {
						if (!ferror(fp))
							ch = EOF;
					} else if (nx != '\n' && ungetc(nx, fp) == EOF) {
						pending = nx;
					}
				}
				break;
			}
			if (s < eob)
				*s++ = (char)ch;
			else
				overflow = 1;
		}
		if (overflow) {
			discard_long(p, tmpl, "", 0);
			s = fr->line;
		}
		*s = '\0';
		if (fr->line[0]
		    && (word_split || (fr->line[0] != ';' && fr->line[0] != '#'))) {
			p->src_file = by_file ? NULL : fr->name;
			if (parse_str(p, l, fr->line, tmpl, xflags) < 0) {
				rc = -1;
				break;
			}
		}
		if (ch == EOF)
			break;
	}

	p->in_file = fr->in_file;
	p->src_file = fr->src_file;
	p->src_line = fr->src_line;
	p->named_at = fr->named_at;
	if (fp != stdin)
		fclose(fp);
	p->depth--;
	free(fr->name);
	free(fr->line);
	free(fr);
	return rc;
}

/* ------------------------------------------------------------------ */
/* filter_build                                                        */
/* ------------------------------------------------------------------ */

int filter_build(struct filter_list *fl, const struct filter_arg *args, int nargs,
		 int from0, char *err, size_t errlen)
{
	const struct filter_build_opts bo = { .from0 = from0 };

	return filter_build_with(fl, args, nargs, &bo, err, errlen);
}

int filter_build_with(struct filter_list *fl, const struct filter_arg *args, int nargs,
		      const struct filter_build_opts *bo, char *err, size_t errlen)
{
	struct parser *p;
	int i, f_count = 0, rc = 0, from0 = bo->from0;

	memset(fl, 0, sizeof *fl);
	fl->from0 = from0;
	if (err && errlen)
		err[0] = '\0';
	p = calloc(1, sizeof *p);
	if (!p) {
		if (err && errlen)
			snprintf(err, errlen, "ERROR: out of memory in filter_build [client]");
		fl->exit_code = FILTER_ERR_MALLOC;
		return -1;
	}
	p->from0 = from0;
	p->insecure_links = bo->insecure_links;
	p->debug_out = bo->debug_out;
	p->warn_out = bo->warn_out;
	p->err = err;
	p->errlen = errlen;

	for (i = 0; i < nargs && rc == 0; i++) {
		const char *a = args[i].arg;

		p->debug = !bo->arg_debug || bo->arg_debug[i] == FILTER_DEBUG_FINAL
				   ? bo->debug_filter : bo->arg_debug[i];

		switch (args[i].kind) {
		case FA_EXCLUDE:
			rc = parse_str(p, fl, a, 0, XF_OLD_PREFIXES);
			break;
		case FA_INCLUDE:
			rc = parse_str(p, fl, a, FILTRULE_INCLUDE, XF_OLD_PREFIXES);
			break;
		case FA_FILTER:
			rc = parse_str(p, fl, a, 0, 0);
			break;
		case FA_EXCLUDE_FROM:
		case FA_INCLUDE_FROM:
			rc = parse_file(p, fl, a,
					args[i].kind == FA_INCLUDE_FROM ? FILTRULE_INCLUDE : 0,
					XF_FATAL_ERRORS | XF_OLD_PREFIXES);
			break;
		case FA_F:
			/* The first -F merges .rsync-filter per directory, the
			 * second keeps those files out of the transfer. */
			if (++f_count == 1)
				rc = parse_str(p, fl, ": /.rsync-filter", 0, 0);
			else if (f_count == 2)
				rc = parse_str(p, fl, "- .rsync-filter", 0, 0);
			break;
		case FA_DELETE_EXCLUDED:
			p->delete_excluded = 1;
			break;
		}
	}

	fl->cvs_rflags = p->cvs_rflags;
	fl->cvs_delete_excluded = p->cvs_delete_excluded;
	if (rc < 0) {
		fl->exit_code = p->code;
		filter_free(fl);
	}
	free(p);
	return rc < 0 ? -1 : 0;
}

/* ------------------------------------------------------------------ */
/* filter_wire                                                         */
/* ------------------------------------------------------------------ */

struct out {
	unsigned char *b;
	size_t len, cap;
	int failed;
};

static void out_put(struct out *o, const void *d, size_t n)
{
	if (o->failed || !n)
		return;
	if (o->cap - o->len < n) {
		size_t cap = o->cap ? o->cap : 256;
		unsigned char *nb;

		while (cap - o->len < n)
			cap *= 2;
		nb = realloc(o->b, cap);
		if (!nb) {
			o->failed = 1;
			return;
		}
		o->b = nb;
		o->cap = cap;
	}
	memcpy(o->b + o->len, d, n);
	o->len += n;
}

static void out_int(struct out *o, uint32_t v)
{
	unsigned char b[4] = {
		(unsigned char)v, (unsigned char)(v >> 8),
		(unsigned char)(v >> 16), (unsigned char)(v >> 24),
	};

	out_put(o, b, sizeof b);
}

struct wire {
	int am_sender;		/* rsync's view: 1 when writing for the receiver */
	int protocol;
	int delete_excluded;
	const struct filter_list *cvs;
};

/* Debug lines show every letter a rule has, as for the newest protocol. */
static const struct wire *debug_wire(void)
{
	static const struct wire w = { .protocol = 32 };

	return &w;
}

/* The letters before a pattern as rsync writes them for the protocol in
 * use; NULL when the rule can't be written. */
static const char *rule_prefix(const struct wire *w, unsigned rf, const char *pat,
			       char buf[24], size_t *plen)
{
	char *op = buf;
	int legal = w->protocol < 29 ? 1 : 15;

	if (rf & FILTRULE_PERDIR_MERGE) {
		if (legal == 1)
			return NULL;
		*op++ = ':';
	} else if (rf & FILTRULE_INCLUDE) {
		*op++ = '+';
	} else if (legal != 1 || ((pat[0] == '-' || pat[0] == '+') && pat[1] == ' ')) {
		*op++ = '-';
	} else {
		/* Before protocol 29 a bare pattern is an exclude. */
		legal = 0;
	}

	if (rf & FILTRULE_ABS_PATH)
		*op++ = '/';
	if (rf & FILTRULE_NEGATE)
		*op++ = '!';
	if (rf & FILTRULE_CVS_IGNORE) {
		*op++ = 'C';
	} else {
		if (rf & FILTRULE_NO_INHERIT)
			*op++ = 'n';
		if (rf & FILTRULE_WORD_SPLIT)
			*op++ = 'w';
		if (rf & FILTRULE_NO_PREFIXES)
			*op++ = rf & FILTRULE_INCLUDE ? '+' : '-';
	}
	if (rf & FILTRULE_EXCLUDE_SELF)
		*op++ = 'e';
	if (rf & FILTRULE_XATTR)
		*op++ = 'x';
	if ((rf & FILTRULE_SENDER_SIDE) && w->protocol >= 29)
		*op++ = 's';
	if ((rf & FILTRULE_RECEIVER_SIDE)
	    && (w->protocol >= 29 || (w->delete_excluded && w->am_sender)))
		*op++ = 'r';
	if (rf & FILTRULE_PERISHABLE) {
		if (w->protocol >= 30)
			*op++ = 'p';
		else if (w->am_sender)
			return NULL;
	}
	if (op - buf > legal)
		return NULL;
	if (legal)
		*op++ = ' ';
	*op = '\0';
	*plen = (size_t)(op - buf);
	return buf;
}

/* rsync's send_rules: o is NULL when the rules are only checked. */
static int send_rules(const struct wire *w, const struct filter_list *l, struct out *o)
{
	int i;

	for (i = 0; i < l->n; i++) {
		const struct filter_rule *r = &l->rules[i];
		unsigned rf = r->rflags;
		char pbuf[24];
		const char *pre;
		size_t plen = 0, len, dlen;
		int local = 0;	/* only for this side: not sent */

		if (rf & FILTRULE_SENDER_SIDE)
			local = w->am_sender;
		if (rf & FILTRULE_RECEIVER_SIDE) {
			if (rf & FILTRULE_SENDER_SIDE)
				local = 0;
			else
				local = !w->am_sender;
		} else if (w->delete_excluded && !(rf & FILTRULE_SENDER_SIDE)
			   && (!(rf & FILTRULE_PERDIR_MERGE) || (rf & FILTRULE_NO_PREFIXES))) {
			/* --delete-excluded: the receiver ignores plain rules. */
			local = w->am_sender;
		}
		if (local)
			continue;

		if ((rf & FILTRULE_CVS_IGNORE) && !(rf & FILTRULE_MERGE_FILE)) {
			/* An old server, or a receiver, gets the CVS list
			 * itself; a newer sender makes its own. */
			int expand = w->am_sender || w->protocol < 29;

			if (send_rules(w, w->cvs, expand ? o : NULL) < 0)
				return -1;
			if (expand)
				continue;
		}

		pre = rule_prefix(w, rf, r->pattern, pbuf, &plen);
		if (!pre)
			return -1;
		if (!o)
			continue;
		len = strlen(r->pattern);
		dlen = rf & FILTRULE_DIRECTORY ? 1 : 0;
		if (!(plen + len + dlen))
			continue;
		out_int(o, (uint32_t)(plen + len + dlen));
		out_put(o, pre, plen);
		out_put(o, r->pattern, len);
		if (dlen)
			out_put(o, "/", 1);
	}
	return 0;
}

static int list_copy(struct filter_list *dst, const struct filter_list *src)
{
	int i;

	memset(dst, 0, sizeof *dst);
	for (i = 0; i < src->n; i++) {
		char *pat = strdup(src->rules[i].pattern);

		if (!pat || list_push(dst, src->rules[i].rflags, pat) < 0) {
			free(pat);
			filter_free(dst);
			return -1;
		}
	}
	dst->from0 = src->from0;
	dst->cvs_rflags = src->cvs_rflags;
	dst->cvs_delete_excluded = src->cvs_delete_excluded;
	return 0;
}

/* rsync's CVS list: its defaults (perishable from protocol 30), then
 * ~/.cvsignore and $CVSIGNORE, read as whitespace-separated words. */
static int build_cvs(struct parser *p, struct filter_list *cvs, unsigned rflags,
		     int protocol)
{
	const char *home = getenv("HOME");

	if (parse_str(p, cvs, default_cvsignore,
		      rflags | (protocol >= 30 ? FILTRULE_PERISHABLE : 0), 0) < 0)
		return -1;
	if (home) {
		size_t hl = strlen(home);
		char *fn = malloc(hl + sizeof "/.cvsignore");

		if (!fn)
			return oom(p);
		memcpy(fn, home, hl);
		/* rsync joins the two with one '/', unless home ends in one. */
		if (hl && home[hl - 1] == '/')
			memcpy(fn + hl, ".cvsignore", sizeof ".cvsignore");
		else
			memcpy(fn + hl, "/.cvsignore", sizeof "/.cvsignore");
		if (strlen(fn) < PAT_MAX && parse_file(p, cvs, fn, rflags, 0) < 0) {
			free(fn);
			return -1;
		}
		free(fn);
	}
	return parse_str(p, cvs, getenv("CVSIGNORE"), rflags, 0);
}

int filter_list_add(struct filter_list *l, unsigned rflags, char *pattern)
{
	return list_push(l, rflags, pattern);
}

int filter_assemble(const struct filter_list *fl, int for_sender,
		    const struct filter_wire_opts *o, struct filter_list *list,
		    struct filter_list *cvs, char *err, size_t errlen)
{
	struct parser *p;
	int rc = 0;

	if (err && errlen)
		err[0] = '\0';
	memset(cvs, 0, sizeof *cvs);
	p = calloc(1, sizeof *p);
	if (!p || list_copy(list, fl) < 0) {
		free(p);
		if (err && errlen)
			snprintf(err, errlen, "ERROR: out of memory in filter_wire [client]");
		return -1;
	}
	p->err = err;
	p->errlen = errlen;
	p->from0 = fl->from0;
	p->cvs_rflags = fl->cvs_rflags;
	p->cvs_delete_excluded = fl->cvs_delete_excluded;
	/* Rules rsync adds after reading its options see them all. */
	p->delete_excluded = o->delete_excluded;

	/* The partial directory is kept out of the transfer (setup_protocol);
	 * a receiver of protocol 30 on may remove it with its directory. */
	if (o->partial_dir && o->partial_dir[0] && o->partial_dir[0] != '/'
	    && strcmp(o->partial_dir, ".") != 0) {
		unsigned t = FILTRULE_NO_PREFIXES | FILTRULE_DIRECTORY;

		if (for_sender || o->protocol >= 30)
			t |= FILTRULE_PERISHABLE;
		rc = parse_str(p, list, o->partial_dir, t, 0);
	}

	/* A pushing client with -C sends the CVS rules (send_filter_list). */
	if (rc == 0 && o->cvs_exclude && !for_sender) {
		if (o->protocol >= 29)
			rc = parse_str(p, list, ":C", 0, 0);
		if (rc == 0)
			rc = parse_str(p, list, "-C", 0, 0);
	}

	if (rc == 0 && p->cvs_rflags) {
		p->delete_excluded = p->cvs_delete_excluded;
		rc = build_cvs(p, cvs, p->cvs_rflags, o->protocol);
	}
	free(p);
	if (rc < 0) {
		filter_free(list);
		filter_free(cvs);
	}
	return rc;
}

unsigned char *filter_wire(const struct filter_list *fl, int for_sender,
			   const struct filter_wire_opts *o, size_t *len, char *err,
			   size_t errlen)
{
	struct filter_list list, cvs;
	struct wire w;
	struct out out = {0};
	int rc;

	*len = 0;
	rc = filter_assemble(fl, for_sender, o, &list, &cvs, err, errlen);
	if (rc == 0) {
		w.am_sender = !for_sender;
		w.protocol = o->protocol;
		w.delete_excluded = o->delete_excluded;
		w.cvs = &cvs;
		if (send_rules(&w, &list, &out) < 0) {
			if (err && errlen)
				snprintf(err, errlen, "filter rules are too modern for remote rsync.");
			rc = -1;
		} else {
			out_int(&out, 0);
			if (out.failed) {
				if (err && errlen)
					snprintf(err, errlen,
						 "ERROR: out of memory in filter_wire [client]");
				rc = -1;
			}
		}
	}

	filter_free(&list);
	filter_free(&cvs);
	if (rc < 0) {
		free(out.b);
		return NULL;
	}
	*len = out.len;
	return out.b;
}
