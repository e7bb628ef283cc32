/* rsync's --info and --debug words (see outlevels.h). */
#include "outlevels.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_LEVEL 4		/* the largest N in WORDn */

struct word {
	const char *name;
	unsigned char where;
	const char *help;
};

#define CLI OUT_W_CLI
#define SRV OUT_W_SRV
#define SND OUT_W_SND
#define REC OUT_W_REC

static const struct word info_words[INFO_COUNT] = {
	{"BACKUP", REC, "Mention files backed up"},
	{"COPY", REC, "Mention files copied locally on the receiving side"},
	{"DEL", REC, "Mention deletions on the receiving side"},
	{"FLIST", CLI, "Mention file-list receiving/sending (levels 1-2)"},
	{"MISC", SND | REC, "Mention miscellaneous information (levels 1-2)"},
	{"MOUNT", SND | REC, "Mention mounts that were found or skipped"},
	{"NAME", SND | REC, "Mention 1) updated file/dir names, 2) unchanged names"},
	{"NONREG", REC, "Mention skipped non-regular files (default 1, 0 disables)"},
	{"PROGRESS", CLI, "Mention 1) per-file progress or 2) total transfer progress"},
	{"REMOVE", SND, "Mention files removed on the sending side"},
	{"SKIP", REC, "Mention files skipped due to transfer overrides (levels 1-2)"},
	{"STATS", CLI | SRV, "Mention statistics at end of run (levels 1-3)"},
	{"SYMSAFE", SND | REC, "Mention symlinks that are unsafe"},
};

static const struct word debug_words[DEBUG_COUNT] = {
	{"ACL", SND | REC, "Debug extra ACL info"},
	{"BACKUP", REC, "Debug backup actions (levels 1-2)"},
	{"BIND", CLI, "Debug socket bind actions"},
	{"CHDIR", CLI | SRV, "Debug when the current directory changes"},
	{"CONNECT", CLI, "Debug connection events (levels 1-2)"},
	{"CMD", CLI, "Debug commands+options that are issued (levels 1-2)"},
	{"DEL", REC, "Debug delete actions (levels 1-3)"},
	{"DELTASUM", SND | REC, "Debug delta-transfer checksumming (levels 1-4)"},
	{"DUP", REC, "Debug weeding of duplicate names"},
	{"EXIT", CLI | SRV, "Debug exit events (levels 1-3)"},
	{"FILTER", SND | REC, "Debug filter actions (levels 1-3)"},
	{"FLIST", SND | REC, "Debug file-list operations (levels 1-4)"},
	{"FUZZY", REC, "Debug fuzzy scoring (levels 1-2)"},
	{"GENR", REC, "Debug generator functions"},
	{"HASH", SND | REC, "Debug hashtable code"},
	{"HLINK", SND | REC, "Debug hard-link actions (levels 1-3)"},
	{"ICONV", CLI | SRV, "Debug iconv character conversions (levels 1-2)"},
	{"IO", CLI | SRV, "Debug I/O routines (levels 1-4)"},
	{"NSTR", CLI | SRV, "Debug negotiation strings"},
	{"OWN", REC, "Debug ownership changes in users & groups (levels 1-2)"},
	{"PROTO", CLI | SRV, "Debug protocol information"},
	{"RECV", REC, "Debug receiver functions"},
	{"SEND", SND, "Debug sender functions"},
	{"TIME", REC, "Debug setting of modified times (levels 1-2)"},
};

/* What each -v adds, in rsync's order. */
static const char *const info_by_verbosity[] = {
	"NONREG",
	"COPY,DEL,FLIST,MISC,NAME,STATS,SYMSAFE",
	"BACKUP,MISC2,MOUNT,NAME2,REMOVE,SKIP",
};
static const char *const debug_by_verbosity[] = {
	NULL,
	NULL,
	"BIND,CMD,CONNECT,DEL,DELTASUM,DUP,FILTER,FLIST,ICONV",
	"ACL,BACKUP,CONNECT2,DELTASUM2,DEL2,EXIT,FILTER2,FLIST2,FUZZY,GENR,OWN,RECV,SEND,TIME",
	"CMD2,DELTASUM3,DEL3,EXIT2,FLIST3,ICONV2,OWN2,PROTO,TIME2",
	"CHDIR,DELTASUM4,FLIST4,FUZZY2,HASH,HLINK",
};
#define MAX_VERBOSITY 5

static const struct word *words_of(enum out_kind kind, int *count)
{
	*count = kind == OUT_INFO ? INFO_COUNT : DEBUG_COUNT;
	return kind == OUT_INFO ? info_words : debug_words;
}

void outlevels_init(struct outlevels *ol, enum out_kind kind)
{
	memset(ol, 0, sizeof *ol);
	ol->kind = kind;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int outlevels_parse(struct outlevels *ol, const char *str, enum out_priority prio, char *err,
		    size_t errlen)
{
	int count;
	const struct word *w = words_of(ol->kind, &count);

	while (str && *str) {
		const char *comma = strchr(str, ',');
		size_t len = comma ? (size_t)(comma - str) : strlen(str), j;
		const char *next = comma ? comma + 1 : NULL;
		int lev = 1;

		if (len) {
			/* a trailing number is the level, unless the word is all digits */
			if (!is_digit(*str))
				while (len && is_digit(str[len - 1]))
					len--;
			if (is_digit(str[len])) {
				lev = 0;
				for (const char *d = str + len; is_digit(*d) && lev <= MAX_LEVEL; d++)
					lev = lev * 10 + (*d - '0');
				if (lev > MAX_LEVEL)
					lev = MAX_LEVEL;
			}
			if (len == 4 && strncasecmp(str, "help", 4) == 0)
				return 1;
			if (len == 4 && strncasecmp(str, "none", 4) == 0)
				len = 0, lev = 0;
			else if (len == 3 && strncasecmp(str, "all", 3) == 0)
				len = 0;
			for (j = 0; j < (size_t)count; j++) {
				if (len && (strlen(w[j].name) != len ||
					    strncasecmp(str, w[j].name, len) != 0))
					continue;
				if (prio >= ol->prio[j]) {
					ol->prio[j] = (unsigned char)prio;
					ol->level[j] = (short)lev;
				}
				if (len)
					break;
			}
			if (len && j == (size_t)count) {
				snprintf(err, errlen, "Unknown %s item: \"%.*s\"",
					 ol->kind == OUT_INFO ? "--info" : "--debug", (int)len, str);
				return -1;
			}
		}
		str = next;
	}
	return 0;
}

void outlevels_verbosity(struct outlevels *ol, int verbose, enum out_priority prio)
{
	const char *const *by = ol->kind == OUT_INFO ? info_by_verbosity : debug_by_verbosity;
	int top = ol->kind == OUT_INFO ? 2 : MAX_VERBOSITY;
	char err[8];

	if (verbose > MAX_VERBOSITY)
		verbose = MAX_VERBOSITY;
	for (int j = 0; j <= verbose && j <= top; j++)
		if (by[j])
			outlevels_parse(ol, by[j], prio, err, sizeof err);
}

char *outlevels_option(const struct outlevels *ol, int where, int *oom)
{
	int count, counts[MAX_LEVEL + 1] = {0}, skipped = 0, max = 0, lev = 0, any = 0;
	const struct word *w = words_of(ol->kind, &count);
	const char *prefix = ol->kind == OUT_INFO ? "--info=" : "--debug=";
	size_t cap = 16, pos;
	char *out;

	*oom = 0;
	for (int j = 0; j < count; j++) {
		if (!(w[j].where & where))
			continue;
		if (ol->prio[j] == OUT_PRIO_DEFAULT) {
			skipped++;	/* implied: not worth mentioning */
			continue;
		}
		any = 1;
		cap += strlen(w[j].name) + 2;
		if (ol->prio[j] == OUT_PRIO_HELP)
			continue;
		if (++counts[ol->level[j]] > max) {
			lev = ol->level[j];
			max = counts[lev];
		}
	}
	if (!any)
		return NULL;
	out = malloc(cap);
	if (!out) {
		*oom = 1;
		return NULL;
	}
	/* Many words at one level are said as ALL<n> plus the exceptions,
	 * but only when every word here was set explicitly. */
	if (skipped || max < 5)
		lev = -1;
	pos = 0;
	if (lev >= 0)
		pos = (size_t)snprintf(out, cap, "%s%s", prefix,
				       lev == 0 ? "NONE" : "ALL");
	if (lev > 1)
		pos += (size_t)snprintf(out + pos, cap - pos, "%d", lev);
	for (int j = 0; j < count; j++) {
		if (ol->prio[j] == OUT_PRIO_DEFAULT || ol->level[j] == lev || !(w[j].where & where))
			continue;
		pos += (size_t)snprintf(out + pos, cap - pos, "%s%s", pos ? "," : prefix,
					w[j].name);
		if (ol->level[j] != 1)
			pos += (size_t)snprintf(out + pos, cap - pos, "%d", ol->level[j]);
	}
	return out;
}

void outlevels_help(enum out_kind kind, FILE *out)
{
	int count;
	const struct word *w = words_of(kind, &count);
	const char *opt = kind == OUT_INFO ? "--info" : "--debug";
	const char *const fmt = "%-10s %s\n";
	char line[128];

	fprintf(out, "Use OPT or OPT1 for level 1 output, OPT2 for level 2, etc.; OPT0 silences.\n\n");
	for (int j = 0; j < count; j++)
		fprintf(out, fmt, w[j].name, w[j].help);
	fprintf(out, "\n");
	snprintf(line, sizeof line, "Set all %s options (e.g. all%d)", opt, MAX_LEVEL);
	fprintf(out, fmt, "ALL", line);
	snprintf(line, sizeof line, "Silence all %s options (same as all0)", opt);
	fprintf(out, fmt, "NONE", line);
	fprintf(out, fmt, "HELP", "Output this help message");
	fprintf(out, "\nOptions added at each level of verbosity:\n");
	for (int j = 0; j <= MAX_VERBOSITY; j++) {
		const char *const *by = kind == OUT_INFO ? info_by_verbosity : debug_by_verbosity;
		struct outlevels ol;
		char err[8], *s;
		int oom;

		if (j > (kind == OUT_INFO ? 2 : MAX_VERBOSITY) || !by[j])
			continue;
		outlevels_init(&ol, kind);
		outlevels_parse(&ol, by[j], OUT_PRIO_HELP, err, sizeof err);
		s = outlevels_option(&ol, CLI | SRV | SND | REC, &oom);
		if (s)
			fprintf(out, "%d) %s\n", j, strchr(s, '=') + 1);
		free(s);
	}
}
