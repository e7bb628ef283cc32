/* Unit tests of the plan (plan.h): the two command lines the relay runs.
 *
 * The expected server command lines were recorded from rsync 3.5.0's own
 * client, run with a remote shell that only prints its arguments:
 *
 *     printf '%s\0' "$@" >&2; exit 1
 *
 * as "rsync OPTIONS --checksum-seed=N -e ./fake h:SRC... LOCAL" (a pull:
 * the source's line) and "rsync OPTIONS --checksum-seed=N -e ./fake LOCAL
 * g:DEST" (a push: the destination's line), LOCAL being a local
 * directory.  The words after the host are what the relay must send.  The
 * relay always passes a seed, so every recording used one.
 */
#include "suites.h"
#include "operands.h"
#include "options.h"
#include "plan.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_WORDS 16

struct plan_case {
	const char *argv[MAX_WORDS];	/* the relay's options and operands */
	int32_t seed;
	const char *src[MAX_WORDS];	/* rsync's words after the source host */
	const char *dest[MAX_WORDS];	/* rsync's words after the destination host */
};

/* Recorded as described above. */
static const struct plan_case plan_cases[] = {
	{
		.argv = {"-a", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-av", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-vlogDtpre.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-vlogDtpre.iLsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-avv", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-vvlogDtpre.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-vvlogDtpre.iLsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-aq", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-qlogDtpre.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-qlogDtpre.iLsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-an", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-nlogDtpre.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-nlogDtpre.iLsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-ac", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-logDtprce.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtprce.iLsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-az", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-logDtprze.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtprze.iLsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-aH", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-lHogDtpre.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-lHogDtpre.iLsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-ax", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-logDtprxe.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtprxe.iLsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-axx", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-logDtprxxe.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtprxxe.iLsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-au", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-ulogDtpre.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-ulogDtpre.iLsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-aI", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-logDtprIe.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtprIe.iLsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-aW", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-lWogDtpre.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-lWogDtpre.iLsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-aL", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-lLogDtpre.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-aHL", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-lLHogDtpre.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-lHogDtpre.iLsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-a", "--delete", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--delete",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"-r", "h:s", "g:d", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-re.iLsfxCIvu", "--checksum-seed=5",
			".", "s", NULL},
		.dest = {"rsync", "--server", "-re.iLsfxCIvu", "--checksum-seed=5", ".", "d",
			NULL},
	},
	{
		.argv = {"-l", "h:s", "g:d", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-le.LsfxCIvu", "--checksum-seed=5",
			".", "s", NULL},
		.dest = {"rsync", "--server", "-le.LsfxCIvu", "--checksum-seed=5", ".", "d",
			NULL},
	},
	{
		.argv = {"-p", "h:s", "g:d", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-pe.LsfxCIvu", "--checksum-seed=5",
			".", "s", NULL},
		.dest = {"rsync", "--server", "-pe.LsfxCIvu", "--checksum-seed=5", ".", "d",
			NULL},
	},
	{
		.argv = {"-t", "h:s", "g:d", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-te.LsfxCIvu", "--checksum-seed=5",
			".", "s", NULL},
		.dest = {"rsync", "--server", "-te.LsfxCIvu", "--checksum-seed=5", ".", "d",
			NULL},
	},
	{
		.argv = {"-o", "h:s", "g:d", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-oe.LsfxCIvu", "--checksum-seed=5",
			".", "s", NULL},
		.dest = {"rsync", "--server", "-oe.LsfxCIvu", "--checksum-seed=5", ".", "d",
			NULL},
	},
	{
		.argv = {"-g", "h:s", "g:d", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-ge.LsfxCIvu", "--checksum-seed=5",
			".", "s", NULL},
		.dest = {"rsync", "--server", "-ge.LsfxCIvu", "--checksum-seed=5", ".", "d",
			NULL},
	},
	{
		.argv = {"-D", "h:s", "g:d", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-De.LsfxCIvu", "--checksum-seed=5",
			".", "s", NULL},
		.dest = {"rsync", "--server", "-De.LsfxCIvu", "--checksum-seed=5", ".", "d",
			NULL},
	},
	{
		.argv = {"-L", "h:s", "g:d", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-Le.LsfxCIvu", "--checksum-seed=5",
			".", "s", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", ".", "d",
			NULL},
	},
	{
		.argv = {"-W", "h:s", "g:d", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-We.LsfxCIvu", "--checksum-seed=5",
			".", "s", NULL},
		.dest = {"rsync", "--server", "-We.LsfxCIvu", "--checksum-seed=5", ".", "d",
			NULL},
	},
	{
		.argv = {"h:s", "g:d", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "s", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", ".", "d",
			NULL},
	},
	{
		.argv = {"-rlt", "h:s", "g:d", NULL},
		.seed = 2147483647,
		.src = {"rsync", "--server", "--sender", "-ltre.iLsfxCIvu",
			"--checksum-seed=2147483647", ".", "s", NULL},
		.dest = {"rsync", "--server", "-ltre.iLsfxCIvu", "--checksum-seed=2147483647",
			".", "d", NULL},
	},
	{
		.argv = {"-r", "-vvvvvvvvvvv", "h:s", "g:d", NULL},
		.seed = -3,
		.src = {"rsync", "--server", "--sender", "-vvvvvvvvvre.iLsfxCIvu",
			"--checksum-seed=-3", ".", "s", NULL},
		.dest = {"rsync", "--server", "-vvvvvvvvvre.iLsfxCIvu", "--checksum-seed=-3",
			".", "d", NULL},
	},
	{
		.argv = {"-q", "-v", "h:s", "g:d", NULL},
		.seed = INT32_MIN,
		.src = {"rsync", "--server", "--sender", "-vqe.LsfxCIvu",
			"--checksum-seed=-2147483648", ".", "s", NULL},
		.dest = {"rsync", "--server", "-vqe.LsfxCIvu", "--checksum-seed=-2147483648",
			".", "d", NULL},
	},
	{
		.argv = {"-vqun", "h:s", "g:d", NULL},
		.seed = 1,
		.src = {"rsync", "--server", "--sender", "-vqune.LsfxCIvu", "--checksum-seed=1",
			".", "s", NULL},
		.dest = {"rsync", "--server", "-vqune.LsfxCIvu", "--checksum-seed=1", ".", "d",
			NULL},
	},
	{
		.argv = {"-anvvx", "h:s", "g:d", NULL},
		.seed = 1,
		.src = {"rsync", "--server", "--sender", "-vvnlogDtprxe.iLsfxCIvu",
			"--checksum-seed=1", ".", "s", NULL},
		.dest = {"rsync", "--server", "-vvnlogDtprxe.iLsfxCIvu", "--checksum-seed=1",
			".", "d", NULL},
	},
	{
		.argv = {"-avzcHxuIW", "--delete", "h:/src/", "g:/dst/", NULL},
		.seed = 12345,
		.src = {"rsync", "--server", "--sender", "-vulWHogDtprcIxze.iLsfxCIvu",
			"--checksum-seed=12345", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-vulWHogDtprcIxze.iLsfxCIvu", "--delete",
			"--checksum-seed=12345", ".", "/dst/", NULL},
	},
	{
		.argv = {"-r", "h:a", ":", ":c d", "g:", NULL},
		.seed = 9,
		.src = {"rsync", "--server", "--sender", "-re.iLsfxCIvu", "--checksum-seed=9",
			".", "a", ".", "c\\ d", NULL},
		.dest = {"rsync", "--server", "-re.iLsfxCIvu", "--checksum-seed=9", ".", ".",
			NULL},
	},
	{
		.argv = {"-a", "h:a b", ":it's", ":say \"hi\"", ":$HOME", ":x*y", "g:a b",
			NULL},
		.seed = 9,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=9", ".", "a\\ b", "it\\'s", "say\\ \\\"hi\\\"",
			"\\$HOME", "x*y", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--checksum-seed=9", ".",
			"a\\ b", NULL},
	},
	{
		.argv = {"-a", "h:-rf", ":-", "g:-rf", NULL},
		.seed = 9,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=9", ".", "./-rf", "./-", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--checksum-seed=9", ".",
			"./-rf", NULL},
	},
	{
		.argv = {"-a", "h:~", ":~user", ":~/f", ":~user/f", ":a~b", "g:~", NULL},
		.seed = 9,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=9", ".", "\\~", "\\~user", "~/f", "~user/f", "a~b",
			NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--checksum-seed=9", ".",
			"~", NULL},
	},
	{
		.argv = {"-a", "h:~user", "g:~user", NULL},
		.seed = 9,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=9", ".", "\\~user", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--checksum-seed=9", ".",
			"~user", NULL},
	},
	{
		.argv = {"-a", "h:~/f", "g:~user/f", NULL},
		.seed = 9,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=9", ".", "~/f", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--checksum-seed=9", ".",
			"~user/f", NULL},
	},
	{
		.argv = {"-a", "h:a\\b", ":a\\*b", ":a?[c]", ":tab\tx", ":nl\nx", "g:a\\b",
			NULL},
		.seed = 9,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=9", ".", "a\\\\b", "a\\*b", "a?[c]", "tab\\\tx",
			"nl\\\nx", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--checksum-seed=9", ".",
			"a\\\\b", NULL},
	},
	{
		.argv = {"-a", "h:semi;colon", ":p(1)&{2}|<3>!#`", ":uni\xc3\xa9",
			"g:p(1)&{2}|<3>!#`", NULL},
		.seed = 9,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=9", ".", "semi\\;colon",
			"p\\(1\\)\\&\\{2\\}\\|\\<3\\>\\!\\#\\`", "uni\xc3\xa9", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--checksum-seed=9", ".",
			"p\\(1\\)\\&\\{2\\}\\|\\<3\\>\\!\\#\\`", NULL},
	},
	{
		.argv = {"-a", "h:$HOME", "g:$HOME", NULL},
		.seed = 9,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=9", ".", "\\$HOME", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--checksum-seed=9", ".",
			"\\$HOME", NULL},
	},
	{
		.argv = {"-a", "h:x*y", "g:x*y", NULL},
		.seed = 9,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=9", ".", "x*y", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--checksum-seed=9", ".",
			"x*y", NULL},
	},
	{
		.argv = {"--devices", "h:s", "g:d", NULL},
		.seed = 4,
		.src = {"rsync", "--server", "--sender", "-De.LsfxCIvu", "--no-specials",
			"--checksum-seed=4", ".", "s", NULL},
		.dest = {"rsync", "--server", "-De.LsfxCIvu", "--no-specials",
			"--checksum-seed=4", ".", "d", NULL},
	},
	{
		.argv = {"--specials", "h:s", "g:d", NULL},
		.seed = 4,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--specials",
			"--checksum-seed=4", ".", "s", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--specials", "--checksum-seed=4",
			".", "d", NULL},
	},
	{
		.argv = {"--devices", "--specials", "h:s", "g:d", NULL},
		.seed = 4,
		.src = {"rsync", "--server", "--sender", "-De.LsfxCIvu", "--checksum-seed=4",
			".", "s", NULL},
		.dest = {"rsync", "--server", "-De.LsfxCIvu", "--checksum-seed=4", ".", "d",
			NULL},
	},
	{
		.argv = {"-aW", "--no-W", "h:s", "g:d", NULL},
		.seed = 4,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=4", ".", "s", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--checksum-seed=4", ".",
			"d", NULL},
	},
	{
		.argv = {"-a", "--whole-file", "h:s", "g:d", NULL},
		.seed = 4,
		.src = {"rsync", "--server", "--sender", "-lWogDtpre.iLsfxCIvu",
			"--checksum-seed=4", ".", "s", NULL},
		.dest = {"rsync", "--server", "-lWogDtpre.iLsfxCIvu", "--checksum-seed=4", ".",
			"d", NULL},
	},
	{
		.argv = {"-a", "--no-whole-file", "h:s", "g:d", NULL},
		.seed = 4,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=4", ".", "s", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--checksum-seed=4", ".",
			"d", NULL},
	},
	{
		.argv = {"-r", "--devices", "--delete", "h:s", "g:d", NULL},
		.seed = 4,
		.src = {"rsync", "--server", "--sender", "-Dre.iLsfxCIvu", "--no-specials",
			"--checksum-seed=4", ".", "s", NULL},
		.dest = {"rsync", "--server", "-Dre.iLsfxCIvu", "--no-specials", "--delete",
			"--checksum-seed=4", ".", "d", NULL},
	},
	{
		.argv = {"-r", "--specials", "--delete", "-z", "h:s", "g:d", NULL},
		.seed = 4,
		.src = {"rsync", "--server", "--sender", "-rze.iLsfxCIvu", "--specials",
			"--checksum-seed=4", ".", "s", NULL},
		.dest = {"rsync", "--server", "-rze.iLsfxCIvu", "--specials", "--delete",
			"--checksum-seed=4", ".", "d", NULL},
	},
};

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

/* Everything one plan needs, built from a relay command line. */
struct built {
	char *argv[MAX_WORDS + 2];
	int argc;
	struct options o;
	struct operands ops;
	struct plan p;
	char err[256];
};

/* Returns plan_build's result; options and operands must parse. */
static int build(struct built *b, const char *const *words, const char *env_rsh,
		 int32_t seed, int interactive)
{
	memset(b, 0, sizeof *b);
	b->argv[b->argc++] = strdup("rsync-relay");
	for (; *words; words++) {
		ck_assert_int_lt(b->argc, MAX_WORDS);
		b->argv[b->argc++] = strdup(*words);
	}
	ck_assert_msg(options_parse(&b->o, b->argc, b->argv, env_rsh, b->err, sizeof b->err) == 0,
		      "options_parse: %s", b->err);
	ck_assert_msg(operands_parse(&b->ops, b->o.args, b->o.nargs, b->err, sizeof b->err) == 0,
		      "operands_parse: %s", b->err);
	return plan_build(&b->p, &b->o, &b->ops, seed, interactive, b->err, sizeof b->err);
}

static void built_free(struct built *b)
{
	plan_free(&b->p);
	operands_free(&b->ops);
	free(b->o.args);
	for (int i = 0; i < b->argc; i++)
		free(b->argv[i]);
}

static const char *show(const char *s)
{
	return s ? s : "(end)";
}

/* The words of v from index from on equal want (NULL-terminated). */
static void expect_words(const char *what, size_t ci, const struct strv *v, int from,
			 const char *const *want)
{
	int i;

	ck_assert_msg(v->v[v->n] == NULL, "%s: argv not NULL-terminated", what);
	for (i = 0; want[i] || from + i < v->n; i++) {
		const char *got = from + i < v->n ? v->v[from + i] : NULL;

		ck_assert_msg(got && want[i] && strcmp(got, want[i]) == 0,
			      "case %zu, %s word %d: got \"%s\", rsync sends \"%s\"", ci, what, i,
			      show(got), show(want[i]));
	}
}

/* Where the user's -e words end: the rest up to the host. */
static void expect_shell(const char *what, const struct strv *v, int cmd_at,
			 const char *const *user_words, const char *login, const char *host,
			 int hardening, int interactive)
{
	static const char *const required[] = {
		"ForwardAgent=no", "ForwardX11=no", "ClearAllForwardings=yes", "RequestTTY=no",
	};
	int i = 0, end, batch = 0, seen[ARRAY_LEN(required)] = {0};

	ck_assert_msg(cmd_at >= 1 && cmd_at <= v->n, "%s: cmd_at %d of %d", what, cmd_at, v->n);
	/* the user's own words, first and unchanged */
	for (; user_words[i]; i++) {
		ck_assert_msg(i < cmd_at, "%s: too few words", what);
		ck_assert_msg(strcmp(v->v[i], user_words[i]) == 0, "%s: word %d is \"%s\", not \"%s\"",
			      what, i, v->v[i], user_words[i]);
	}
	/* the host right before the command, and -l USER right before it */
	ck_assert_msg(strcmp(v->v[cmd_at - 1], host) == 0, "%s: host word is \"%s\", not \"%s\"",
		      what, v->v[cmd_at - 1], host);
	end = cmd_at - 1;
	if (login) {
		ck_assert_msg(end >= i + 2, "%s: no -l", what);
		ck_assert_msg(strcmp(v->v[end - 2], "-l") == 0 && strcmp(v->v[end - 1], login) == 0,
			      "%s: \"%s %s\" before the host, expected \"-l %s\"", what, v->v[end - 2],
			      v->v[end - 1], login);
		end -= 2;
	}
	/* in between: only "-o Option" pairs, and only for ssh */
	if (!hardening) {
		ck_assert_msg(end == i, "%s: %d words added to a non-ssh shell (first \"%s\")", what,
			      end - i, v->v[i]);
		return;
	}
	ck_assert_msg((end - i) % 2 == 0, "%s: odd number of added words", what);
	for (; i < end; i += 2) {
		ck_assert_msg(strcmp(v->v[i], "-o") == 0, "%s: added word \"%s\" is not -o", what,
			      v->v[i]);
		if (strcmp(v->v[i + 1], "BatchMode=yes") == 0)
			batch++;
		for (size_t k = 0; k < ARRAY_LEN(required); k++)
			if (strcmp(v->v[i + 1], required[k]) == 0)
				seen[k]++;
	}
	for (size_t k = 0; k < ARRAY_LEN(required); k++)
		ck_assert_msg(seen[k] == 1, "%s: -o %s given %d times", what, required[k], seen[k]);
	ck_assert_msg(batch == !interactive, "%s: BatchMode=yes given %d times (interactive %d)",
		      what, batch, interactive);
}

/* ------------------------------------------------------------------ */
/* Server command lines                                                */
/* ------------------------------------------------------------------ */

START_TEST(test_server_commands_match_rsync)
{
	for (size_t i = 0; i < ARRAY_LEN(plan_cases); i++) {
		const struct plan_case *c = &plan_cases[i];
		struct built b;

		ck_assert_msg(build(&b, c->argv, NULL, c->seed, 0) == 0, "case %zu: %s", i, b.err);
		ck_assert_str_eq(b.p.src_argv.v[b.p.src_cmd_at - 1], "h");
		ck_assert_str_eq(b.p.dest_argv.v[b.p.dest_cmd_at - 1], "g");
		expect_words("source", i, &b.p.src_argv, b.p.src_cmd_at, c->src);
		expect_words("destination", i, &b.p.dest_argv, b.p.dest_cmd_at, c->dest);
		ck_assert_int_eq(b.p.checksum_seed, c->seed);
		/* 'i' is in both lines exactly when incremental recursion is on */
		ck_assert_int_eq(b.p.inc_recurse, strstr(c->src[3], "e.i") != NULL);
		ck_assert_int_eq(b.p.inc_recurse, b.o.recurse);
		built_free(&b);
	}
}
END_TEST

/* The command words do not depend on the remote shell or the login. */
START_TEST(test_server_command_independent_of_shell)
{
	static const char *const with_rsh[] = {"-av", "-e", "rsh -x", "u@h:/src/", "v@g:/dst/", NULL};
	static const char *const want_src[] = {"rsync", "--server", "--sender",
					       "-vlogDtpre.iLsfxCIvu", "--checksum-seed=5", ".",
					       "/src/", NULL};
	static const char *const want_dest[] = {"rsync", "--server", "-vlogDtpre.iLsfxCIvu",
						"--checksum-seed=5", ".", "/dst/", NULL};
	struct built b;

	ck_assert_int_eq(build(&b, with_rsh, NULL, 5, 1), 0);
	expect_words("source", 0, &b.p.src_argv, b.p.src_cmd_at, want_src);
	expect_words("destination", 0, &b.p.dest_argv, b.p.dest_cmd_at, want_dest);
	built_free(&b);
}
END_TEST

START_TEST(test_rsync_path_word)
{
	static const char *const words[] = {"-r", "--rsync-path=/opt/rs --x", "h:a", "g:b", NULL};
	struct built b;

	ck_assert_int_eq(build(&b, words, NULL, 3, 0), 0);
	/* rsync passes it as one word; the remote shell splits it */
	ck_assert_str_eq(b.p.src_argv.v[b.p.src_cmd_at], "/opt/rs --x");
	ck_assert_str_eq(b.p.src_argv.v[b.p.src_cmd_at + 1], "--server");
	ck_assert_str_eq(b.p.dest_argv.v[b.p.dest_cmd_at], "/opt/rs --x");
	ck_assert_str_eq(b.p.dest_argv.v[b.p.dest_cmd_at + 1], "--server");
	built_free(&b);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The remote shell                                                    */
/* ------------------------------------------------------------------ */

START_TEST(test_default_ssh_hardened)
{
	static const char *const words[] = {"-a", "h:/s", "g:/d", NULL};
	static const char *const ssh[] = {"ssh", NULL};

	for (int interactive = 0; interactive < 2; interactive++) {
		struct built b;

		ck_assert_int_eq(build(&b, words, NULL, 1, interactive), 0);
		expect_shell("source", &b.p.src_argv, b.p.src_cmd_at, ssh, NULL, "h", 1, interactive);
		expect_shell("destination", &b.p.dest_argv, b.p.dest_cmd_at, ssh, NULL, "g", 1,
			     interactive);
		built_free(&b);
	}
}
END_TEST

START_TEST(test_user_ssh_words_first)
{
	static const char *const words[] = {
		"-e", "ssh -p 2222 -o 'ProxyJump=a b' -i \"my key\"", "u@h:/s", "g:/d", NULL};
	static const char *const user[] = {"ssh", "-p", "2222", "-o", "ProxyJump=a b",
					   "-i", "my key", NULL};
	struct built b;

	ck_assert_int_eq(build(&b, words, NULL, 1, 0), 0);
	expect_shell("source", &b.p.src_argv, b.p.src_cmd_at, user, "u", "h", 1, 0);
	expect_shell("destination", &b.p.dest_argv, b.p.dest_cmd_at, user, NULL, "g", 1, 0);
	built_free(&b);
}
END_TEST

START_TEST(test_ssh_by_path_and_env)
{
	static const char *const by_path[] = {"-e", "/usr/bin/ssh -4", "h:/s", "u@g:/d", NULL};
	static const char *const by_env[] = {"h:/s", "g:/d", NULL};
	static const char *const w_path[] = {"/usr/bin/ssh", "-4", NULL};
	static const char *const w_env[] = {"ssh", "-C", NULL};
	struct built b;

	ck_assert_int_eq(build(&b, by_path, NULL, 1, 1), 0);
	expect_shell("source", &b.p.src_argv, b.p.src_cmd_at, w_path, NULL, "h", 1, 1);
	expect_shell("destination", &b.p.dest_argv, b.p.dest_cmd_at, w_path, "u", "g", 1, 1);
	built_free(&b);

	/* RSYNC_RSH stands in for -e */
	ck_assert_int_eq(build(&b, by_env, "ssh -C", 1, 0), 0);
	expect_shell("source", &b.p.src_argv, b.p.src_cmd_at, w_env, NULL, "h", 1, 0);
	built_free(&b);
}
END_TEST

START_TEST(test_other_shell_untouched)
{
	static const char *const progs[] = {"rsh", "./fake", "/usr/bin/sshpass -p x ssh",
					    "myssh", "ssh2", "/opt/ssh/bin/dbclient"};

	for (size_t i = 0; i < ARRAY_LEN(progs); i++) {
		const char *words[] = {"-e", progs[i], "u@h:/s", "[::1]:/d", NULL};
		const char *user[8] = {NULL};
		struct strv split = {0};
		struct built b;

		ck_assert_int_eq(plan_split_rsh(progs[i], &split), 0);
		for (int k = 0; k < split.n && k < 7; k++)
			user[k] = split.v[k];
		for (int interactive = 0; interactive < 2; interactive++) {
			ck_assert_int_eq(build(&b, words, NULL, 1, interactive), 0);
			expect_shell(progs[i], &b.p.src_argv, b.p.src_cmd_at, user, "u", "h", 0,
				     interactive);
			expect_shell(progs[i], &b.p.dest_argv, b.p.dest_cmd_at, user, NULL, "::1", 0,
				     interactive);
			built_free(&b);
		}
		strv_free(&split);
	}
}
END_TEST

START_TEST(test_login_before_host)
{
	static const char *const words[] = {"-r", "alice@[fe80::1]:p", "bob@g:/d", NULL};
	static const char *const ssh[] = {"ssh", NULL};
	struct built b;

	ck_assert_int_eq(build(&b, words, NULL, 1, 0), 0);
	expect_shell("source", &b.p.src_argv, b.p.src_cmd_at, ssh, "alice", "fe80::1", 1, 0);
	expect_shell("destination", &b.p.dest_argv, b.p.dest_cmd_at, ssh, "bob", "g", 1, 0);
	built_free(&b);
}
END_TEST

START_TEST(test_bad_rsh)
{
	static const char *const bad[] = {"ssh 'unbalanced", "ssh \"open", "", "   "};

	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		const char *words[] = {"-e", bad[i], "h:/s", "g:/d", NULL};
		struct built b;

		ck_assert_msg(build(&b, words, NULL, 1, 0) == -1, "\"%s\" accepted", bad[i]);
		ck_assert_msg(b.err[0] != '\0', "no message for \"%s\"", bad[i]);
		built_free(&b);
	}
}
END_TEST

/* ------------------------------------------------------------------ */
/* plan_split_rsh                                                      */
/* ------------------------------------------------------------------ */

/* The splits rsync 3.5.0 makes of the same -e strings (recorded with the
 * printing remote shell). */
START_TEST(test_split_rsh)
{
	static const struct {
		const char *cmd;
		const char *words[12];
	} vec[] = {
		{"ssh", {"ssh"}},
		{"ssh -p 22", {"ssh", "-p", "22"}},
		{"  ssh   -p  22  ", {"ssh", "-p", "22"}},
		{"x 'a b' \"c d\"", {"x", "a b", "c d"}},
		{"x 'it''s'", {"x", "it's"}},
		{"x \"q\"\"q\"", {"x", "q\"q"}},
		{"x x'y z'w", {"x", "xy zw"}},
		{"x 'a\"b' \"c'd\"", {"x", "a\"b", "c'd"}},
		{"x ''", {"x", ""}},
		{"x a''b", {"x", "ab"}},
		{"x \"\"\"\"", {"x", "\""}},
		{"x\ty", {"x\ty"}},
		{"x 'a b' \"c d\" 'it''s' x'y z'w \"q\"\"q\" 'a\"b' \"c'd\"  e   f ",
		 {"x", "a b", "c d", "it's", "xy zw", "q\"q", "a\"b", "c'd", "e", "f"}},
	};

	for (size_t i = 0; i < ARRAY_LEN(vec); i++) {
		struct strv s = {0};
		int n;

		ck_assert_msg(plan_split_rsh(vec[i].cmd, &s) == 0, "\"%s\" refused", vec[i].cmd);
		for (n = 0; vec[i].words[n]; n++) {
			ck_assert_msg(n < s.n, "\"%s\": only %d words", vec[i].cmd, s.n);
			ck_assert_msg(strcmp(s.v[n], vec[i].words[n]) == 0,
				      "\"%s\": word %d is \"%s\", expected \"%s\"", vec[i].cmd, n,
				      s.v[n], vec[i].words[n]);
		}
		ck_assert_msg(s.n == n, "\"%s\": %d words, expected %d", vec[i].cmd, s.n, n);
		ck_assert_ptr_null(s.v[s.n]);
		strv_free(&s);
	}
}
END_TEST

START_TEST(test_split_rsh_bad)
{
	/* rsync: "Missing trailing-' in remote-shell command." */
	static const char *const bad[] = {"ssh 'abc", "ssh \"abc", "ssh 'it''s", "'", "x \"a'",
					  "x 'a''", "", "    "};

	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		struct strv s = {0};

		ck_assert_msg(plan_split_rsh(bad[i], &s) == -1, "\"%s\" accepted", bad[i]);
		strv_free(&s);
	}
}
END_TEST

/* ------------------------------------------------------------------ */
/* plan_quote_path                                                     */
/* ------------------------------------------------------------------ */

/* Recorded from rsync 3.5.0: the path word it sends for "h:PATH" as a
 * pull (the client receives: am_sender 0) and as a push (am_sender 1). */
static const struct {
	const char *path;
	const char *pull;
	const char *push;
} quote_cases[] = {
	{"a b", "a\\ b", "a\\ b"},
	{"it's", "it\\'s", "it\\'s"},
	{"say \"hi\"", "say\\ \\\"hi\\\"", "say\\ \\\"hi\\\""},
	{"$HOME", "\\$HOME", "\\$HOME"},
	{"x*y", "x*y", "x*y"},
	{"-rf", "./-rf", "./-rf"},
	{"-", "./-", "./-"},
	{"-~", "./-~", "./-~"},
	{"~", "\\~", "~"},
	{"~user", "\\~user", "~user"},
	{"~/f", "~/f", "~/f"},
	{"~user/f", "~user/f", "~user/f"},
	{"~a b", "\\~a\\ b", "~a\\ b"},
	{"a~b", "a~b", "a~b"},
	{"\\~", "\\\\~", "\\\\~"},
	{"a\\b", "a\\\\b", "a\\\\b"},
	{"a\\*b", "a\\*b", "a\\*b"},
	{"x\\\\*", "x\\\\\\*", "x\\\\\\*"},
	{"x\\?", "x\\?", "x\\?"},
	{"x\\[y", "x\\[y", "x\\[y"},
	{"x\\]", "x\\]", "x\\]"},
	{"x\\ y", "x\\\\\\ y", "x\\\\\\ y"},
	{"a\\", "a\\\\", "a\\\\"},
	{"\\", "\\\\", "\\\\"},
	{"a?[c]", "a?[c]", "a?[c]"},
	{"a]b", "a]b", "a]b"},
	{"tab\tx", "tab\\\tx", "tab\\\tx"},
	{"nl\nx", "nl\\\nx", "nl\\\nx"},
	{"cr\rx", "cr\\\rx", "cr\\\rx"},
	{"semi;colon", "semi\\;colon", "semi\\;colon"},
	{"p(1)&{2}|<3>!#`", "p\\(1\\)\\&\\{2\\}\\|\\<3\\>\\!\\#\\`",
	 "p\\(1\\)\\&\\{2\\}\\|\\<3\\>\\!\\#\\`"},
	{"back\\`q", "back\\\\\\`q", "back\\\\\\`q"},
	{"uni\xc3\xa9", "uni\xc3\xa9", "uni\xc3\xa9"},
	{"plain/dir/", "plain/dir/", "plain/dir/"},
	{".", ".", "."},
};

START_TEST(test_quote_path)
{
	for (size_t i = 0; i < ARRAY_LEN(quote_cases); i++) {
		char *pull = plan_quote_path(quote_cases[i].path, 0);
		char *push = plan_quote_path(quote_cases[i].path, 1);

		ck_assert_ptr_nonnull(pull);
		ck_assert_ptr_nonnull(push);
		ck_assert_msg(strcmp(pull, quote_cases[i].pull) == 0,
			      "pull of \"%s\": got \"%s\", rsync sends \"%s\"", quote_cases[i].path,
			      pull, quote_cases[i].pull);
		ck_assert_msg(strcmp(push, quote_cases[i].push) == 0,
			      "push of \"%s\": got \"%s\", rsync sends \"%s\"", quote_cases[i].path,
			      push, quote_cases[i].push);
		free(pull);
		free(push);
	}
}
END_TEST

/* The longest output: every byte escaped, plus a "./" prefix. */
START_TEST(test_quote_path_worst_case)
{
	char in[257], want[520];
	char *got;
	size_t o = 0;

	memset(in, ' ', sizeof in - 1);
	in[0] = '-';
	in[sizeof in - 1] = '\0';
	want[o++] = '.';
	want[o++] = '/';
	want[o++] = '-';
	for (size_t i = 1; i < sizeof in - 1; i++) {
		want[o++] = '\\';
		want[o++] = ' ';
	}
	want[o] = '\0';
	got = plan_quote_path(in, 0);
	ck_assert_ptr_nonnull(got);
	ck_assert_str_eq(got, want);
	free(got);

	got = plan_quote_path("", 0);
	ck_assert_ptr_nonnull(got);
	ck_assert_str_eq(got, "");
	free(got);
}
END_TEST

START_TEST(test_strv)
{
	struct strv s = {0};
	char name[16];

	for (int i = 0; i < 100; i++) {
		snprintf(name, sizeof name, "w%d", i);
		ck_assert_int_eq(strv_push(&s, name), 0);
		ck_assert_int_eq(s.n, i + 1);
		ck_assert_ptr_null(s.v[s.n]);
	}
	ck_assert_str_eq(s.v[0], "w0");
	ck_assert_str_eq(s.v[99], "w99");
	strv_free(&s);
	ck_assert_int_eq(s.n, 0);
	ck_assert_ptr_null(s.v);
}
END_TEST

Suite *plan_suite(void)
{
	Suite *s = suite_create("plan");
	TCase *tc = tcase_create("server_command");
	TCase *ts = tcase_create("remote_shell");
	TCase *tq = tcase_create("quoting");

	tcase_add_test(tc, test_server_commands_match_rsync);
	tcase_add_test(tc, test_server_command_independent_of_shell);
	tcase_add_test(tc, test_rsync_path_word);
	suite_add_tcase(s, tc);

	tcase_add_test(ts, test_default_ssh_hardened);
	tcase_add_test(ts, test_user_ssh_words_first);
	tcase_add_test(ts, test_ssh_by_path_and_env);
	tcase_add_test(ts, test_other_shell_untouched);
	tcase_add_test(ts, test_login_before_host);
	tcase_add_test(ts, test_bad_rsh);
	suite_add_tcase(s, ts);

	tcase_add_test(tq, test_split_rsh);
	tcase_add_test(tq, test_split_rsh_bad);
	tcase_add_test(tq, test_quote_path);
	tcase_add_test(tq, test_quote_path_worst_case);
	tcase_add_test(tq, test_strv);
	suite_add_tcase(s, tq);
	return s;
}
