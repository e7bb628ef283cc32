/* rsync's client's own --debug lines (see clientdebug.h). */
#include "clientdebug.h"

#include <string.h>

#define ZSTD_MIN_LEVEL (-131072)	/* zstd's ZSTD_minCLevel() */
#define ZSTD_MAX_LEVEL 22
#define ZSTD_DEFAULT_LEVEL 3
#define ZLIB_DEFAULT_LEVEL 6

void clientdebug_cmd(FILE *out, int quiet, const char *rsh, const struct endpoint *ep,
		     char *const *argv)
{
	if (!quiet)	/* the first line is an info line, the second is not */
		fprintf(out, "cmd=%s machine=%s user=%s path=%s\n", rsh ? rsh : "<NULL>", ep->host,
		ep->user ? ep->user : "<NULL>", ep->npaths ? ep->paths[0] : "<NULL>");
	for (int i = 0; argv[i]; i++)
		fprintf(out, "cmd[%d]=%s ", i, argv[i]);
	fputc('\n', out);
}

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

int clientdebug_compress_level(const char *method, int given, int level)
{
	if (strcmp(method, "zlib") == 0 || strcmp(method, "zlibx") == 0) {
		if (!given || level == -1)
			return ZLIB_DEFAULT_LEVEL;
		return level == 0 ? 0 : clamp(level, 1, 9);	/* 0: compression off */
	}
	if (strcmp(method, "zstd") == 0)
		return !given || level == 0 ? ZSTD_DEFAULT_LEVEL
					    : clamp(level, ZSTD_MIN_LEVEL, ZSTD_MAX_LEVEL);
	if (strcmp(method, "lz4") == 0)
		return 0;
	return level;	/* "none": left as given */
}

void clientdebug_proto(FILE *out, int remote, int negotiated)
{
	fprintf(out, "(Client) Protocol versions: remote=%d, negotiated=%d\n", remote, negotiated);
}

void clientdebug_nstr(FILE *out, const struct session *s, const struct clientdebug_names *n)
{
	const char *zip;
	int level;

	/* a name given as an option is shown as given, without "negotiated" */
	fprintf(out, "Client%s checksum: %s\n", s->sum_negotiated ? " negotiated" : "",
		!s->sum_negotiated && n->checksum_choice ? n->checksum_choice : s->checksum);
	zip = s->compress[0] ? s->compress : "none";
	if (!s->zip_negotiated && n->compress_choice)
		zip = n->compress_choice;
	level = clientdebug_compress_level(zip, n->level_given, n->level);
	/* rsync's line needs compression on, or a level given */
	if (!n->level_given && (!n->compress || strcmp(zip, "none") == 0))
		return;
	/* level 0 turns zlib off: then a name not negotiated reads "none" */
	if (!s->zip_negotiated && level == 0 && n->level_given && strncmp(zip, "zlib", 4) == 0)
		zip = "none";
	fprintf(out, "Client%s compress: %s (level %d)\n", s->zip_negotiated ? " negotiated" : "",
		zip, level);
}

void clientdebug_argv(struct report *r, const char *prefix, char *const *argv,
		      const char *hide)
{
	static const char plain[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "0123456789,.-_=+@/";
	int n = 0;

	if (r->quiet)
		return;
	fprintf(r->out, "%s ", prefix);
	for (; *argv; argv++) {
		int quote = strspn(*argv, plain) != strlen(*argv);

		if (hide && strcmp(*argv, hide) == 0)
			continue;
		if (quote)
			fputc('"', r->out);
		report_escaped(r, r->out, *argv, strlen(*argv));
		fputs(quote ? "\" " : " ", r->out);
		n++;
	}
	fprintf(r->out, " (%d args)\n", n);
	fflush(r->out);
}
