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
	/* output options: --stats goes to the receiver, the user's --info
	 * words to whichever side they concern; --list-only to both */
	{
		.argv = {"-a", "--stats", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--stats",
			 "--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"-av", "--info=name0,progress2", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-vlogDtpre.iLsfxCIvu",
			"--checksum-seed=5", "--info=NAME0", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-vlogDtpre.iLsfxCIvu", "--checksum-seed=5",
			 "--info=NAME0", ".", "/dst/", NULL},
	},
	{
		.argv = {"-a", "--info=all4", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=5", "--info=ALL4", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--log-format=X",
			 "--checksum-seed=5", "--info=ALL4", ".", "/dst/", NULL},
	},
	{
		.argv = {"-r", "--info=del2,stats3", "--debug=flist2", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-re.iLsfxCIvu", "--checksum-seed=5",
			"--info=STATS3", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-re.iLsfxCIvu", "--checksum-seed=5",
			 "--info=DEL2,STATS3", ".", "/dst/", NULL},
	},
	{
		.argv = {"-a", "--list-only", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu", "--list-only",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--list-only",
			 "--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		/* Not quite rsync's words: the names --progress implies are
		 * printed by a pulling client's generator, which in a relay is
		 * the destination's, so that one gets --info=NAME. */
		.argv = {"-a", "-h", "--stats", "--progress", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--log-format=X", "--stats",
			 "--checksum-seed=5", "--info=NAME", ".", "/dst/", NULL},
	},
	{
		/* with -v the destination has its names already */
		.argv = {"-av", "--progress", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-vlogDtpre.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-vlogDtpre.iLsfxCIvu", "--checksum-seed=5", ".",
			 "/dst/", NULL},
	},
};

/* Every transfer option, alone and in combinations, recorded the same way
 * (the table was generated by running rsync 3.5.0 with the printing remote
 * shell).  With -s, the shell also read the words rsync writes to the
 * server's stdin: .src_sec and .dest_sec, "rsync" first.  .env names one
 * environment variable set for both runs.  A --files-from HOST:PATH case
 * was recorded for the destination with a local list instead, since the
 * relay reads the list on the source and tells the destination nothing
 * about it (what rsync's push with a local list does).
 *
 * One deliberate difference: rsync offers incremental recursion ('i' after
 * "-e.") to a push's receiver even with --delete-before/-after,
 * --delay-updates or -m, which stop it for a pull; the relay offers it to
 * both servers or to neither, by the pull's rule.  The test takes the
 * 'i' out of the recorded destination word when the source word lacks it. */
#define REC_WORDS 24

struct rec_case {
	const char *argv[REC_WORDS];	/* the relay's options and operands */
	const char *env[2];		/* NAME, VALUE or NULL */
	int32_t seed;
	const char *src[REC_WORDS];	/* words after the source host */
	const char *dest[REC_WORDS];	/* words after the destination host */
	const char *src_sec[REC_WORDS];	/* -s: the source's stdin words */
	const char *dest_sec[REC_WORDS];
};

static const struct rec_case rec_cases[] = {
	{
		.argv = {"-a", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-r", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-re.iLsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-re.iLsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-d", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-de.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-de.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-l", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-le.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-le.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-L", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-Le.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-k", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-ke.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-K", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-Ke.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-H", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-He.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-He.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-HH", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-HHe.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-HHe.LsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-p", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-pe.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-pe.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-E", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-Ee.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-pE", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-pe.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-pe.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-A", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-pAe.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-pAe.LsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-X", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-Xe.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-Xe.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-XX", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-XXe.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-XXe.LsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-o", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-oe.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-oe.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-g", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-ge.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-ge.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-D", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-De.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-De.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"--devices", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-De.LsfxCIvu", "--no-specials",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-De.LsfxCIvu", "--no-specials",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--specials", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--specials",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--specials", "--checksum-seed=5",
			".", "/dst/", NULL},
	},
	{
		.argv = {"--no-D", "-a", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-t", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-te.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-te.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-U", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-Ue.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-Ue.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-UU", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-UUe.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-UUe.LsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-O", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-Oe.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-J", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-Je.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-S", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-Se.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-Se.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-W", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-We.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-We.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"--no-W", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-x", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-xe.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-xe.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-xx", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-xxe.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-xxe.LsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-c", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-ce.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-ce.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-u", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-ue.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-ue.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-I", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-Ie.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-Ie.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"--size-only", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--size-only", "--checksum-seed=5",
			".", "/dst/", NULL},
	},
	{
		.argv = {"--modify-window=2", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--modify-window=2",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"-@-1", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "-@-1", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-@", "0", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--modify-window=0",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"-m", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-me.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-rm", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-re.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-mre.iLsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-R", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-Re.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-Re.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-R", "--no-implied-dirs", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-Re.LsfxCIvu", "--checksum-seed=5",
			"--no-implied-dirs", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-Re.LsfxCIvu", "--checksum-seed=5",
			"--no-implied-dirs", ".", "/dst/", NULL},
	},
	{
		.argv = {"--no-implied-dirs", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-b", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-be.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-be.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-b", "--suffix=.bak", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-be.LsfxCIvu", "--suffix=.bak",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-be.LsfxCIvu", "--suffix=.bak",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--backup-dir=b", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-be.LsfxCIvu", "--backup-dir", "b",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-be.LsfxCIvu", "--backup-dir", "b",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--backup-dir=./b/", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-be.LsfxCIvu", "--backup-dir", "b/",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-be.LsfxCIvu", "--backup-dir", "b/",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--backup-dir", "my dir", "--suffix=.x", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-be.LsfxCIvu", "--backup-dir",
			"my\\ dir", "--suffix=.x", "--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-be.LsfxCIvu", "--backup-dir", "my\\ dir",
			"--suffix=.x", "--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"-bO", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-be.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-be.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"--backup-dir=b", "-O", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-be.LsfxCIvu", "--backup-dir", "b",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-bOe.LsfxCIvu", "--backup-dir", "b",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--suffix=*", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--suffix=\\*",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--suffix=\\*",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--inplace", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			"--inplace", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", "--inplace",
			".", "/dst/", NULL},
	},
	{
		.argv = {"--inplace", "-S", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-Se.LsfxCIvu", "--checksum-seed=5",
			"--inplace", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-Se.LsfxCIvu", "--checksum-seed=5", "--inplace",
			".", "/dst/", NULL},
	},
	{
		.argv = {"--inplace", "-S", "--no-W", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-Se.LsfxCIvu", "--checksum-seed=5",
			"--inplace", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-Se.LsfxCIvu", "--checksum-seed=5", "--inplace",
			"--no-W", ".", "/dst/", NULL},
	},
	{
		.argv = {"--inplace", "-SW", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-WSe.LsfxCIvu", "--checksum-seed=5",
			"--inplace", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-WSe.LsfxCIvu", "--checksum-seed=5", "--inplace",
			".", "/dst/", NULL},
	},
	{
		.argv = {"--append", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			"--append", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", "--append",
			".", "/dst/", NULL},
	},
	{
		.argv = {"--append-verify", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			"--append", "--append", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", "--append",
			"--append", ".", "/dst/", NULL},
	},
	{
		.argv = {"--partial", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", "--partial",
			".", "/dst/", NULL},
	},
	{
		.argv = {"--partial-dir=.p", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5",
			"--partial-dir", ".p", ".", "/dst/", NULL},
	},
	{
		.argv = {"--partial-dir=a/../b/./c/", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5",
			"--partial-dir", "b/c", ".", "/dst/", NULL},
	},
	{
		.argv = {"--partial-dir=.", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", "--partial",
			".", "/dst/", NULL},
	},
	{
		.argv = {"--partial-dir=.~tmp~", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5",
			"--partial-dir", ".~tmp~", ".", "/dst/", NULL},
	},
	{
		.argv = {"-r", "--delay-updates", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-re.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-re.iLsfxCIvu", "--checksum-seed=5",
			"--delay-updates", ".", "/dst/", NULL},
	},
	{
		.argv = {"--delay-updates", "--partial-dir=.p", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5",
			"--partial-dir", ".p", "--delay-updates", ".", "/dst/", NULL},
	},
	{
		.argv = {"-T", "/t", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", "--temp-dir",
			"/t", ".", "/dst/", NULL},
	},
	{
		.argv = {"--temp-dir=x y", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", "--temp-dir",
			"x\\ y", ".", "/dst/", NULL},
	},
	{
		.argv = {"-y", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-ye.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-yy", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-ye.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-yy", "--link-dest=a", "--link-dest=b", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-yye.LsfxCIvu", "--checksum-seed=5",
			"--link-dest", "a", "--link-dest", "b", ".", "/dst/", NULL},
	},
	{
		.argv = {"--compare-dest=c", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5",
			"--compare-dest", "c", ".", "/dst/", NULL},
	},
	{
		.argv = {"--copy-dest=c", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", "--copy-dest",
			"c", ".", "/dst/", NULL},
	},
	{
		.argv = {"--link-dest=l", "--link-dest=../m", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", "--link-dest",
			"l", "--link-dest", "../m", ".", "/dst/", NULL},
	},
	{
		.argv = {"-r", "--delete", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-re.iLsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-re.iLsfxCIvu", "--delete", "--checksum-seed=5",
			".", "/dst/", NULL},
	},
	{
		.argv = {"-r", "--delete-before", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-re.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-re.iLsfxCIvu", "--delete-before",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"-r", "--delete-during", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-re.iLsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-re.iLsfxCIvu", "--delete-during",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"-r", "--del", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-re.iLsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-re.iLsfxCIvu", "--delete-during",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"-r", "--delete-delay", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-re.iLsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-re.iLsfxCIvu", "--delete-delay",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"-r", "--delete-after", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-re.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-re.iLsfxCIvu", "--delete-after",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"-r", "--delete-excluded", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-re.iLsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-re.iLsfxCIvu", "--delete-excluded",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"-r", "--delete-excluded", "--delete-after", "h:/src/", "g:/dst/",
			NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-re.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-re.iLsfxCIvu", "--delete-after",
			"--delete-excluded", "--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"-d", "--delete", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-de.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-de.LsfxCIvu", "--no-r", "--delete",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"-rd", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-re.iLsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-re.iLsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-rd", "--delete", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-re.iLsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-re.iLsfxCIvu", "--delete", "--checksum-seed=5",
			".", "/dst/", NULL},
	},
	{
		.argv = {"--ignore-errors", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			"--ignore-errors", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5",
			"--ignore-errors", ".", "/dst/", NULL},
	},
	{
		.argv = {"--force", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--force", "--checksum-seed=5",
			".", "/dst/", NULL},
	},
	{
		.argv = {"-r", "--delete", "--max-delete=5", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-re.iLsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-re.iLsfxCIvu", "--max-delete=5", "--delete",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--max-delete=0", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--max-delete=-1",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--max-delete=-3", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--max-delete=-1",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--max-size=1.5m", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--max-size=1572864",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--min-size=10k", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--min-size=10240",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--max-size=1k+1", "--min-size=1kb-1", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--min-size=999",
			"--max-size=1025", "--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--existing", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", "--existing",
			".", "/dst/", NULL},
	},
	{
		.argv = {"--ignore-non-existing", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", "--existing",
			".", "/dst/", NULL},
	},
	{
		.argv = {"--ignore-existing", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5",
			"--ignore-existing", ".", "/dst/", NULL},
	},
	{
		.argv = {"--remove-source-files", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			"--remove-source-files", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5",
			"--remove-source-files", ".", "/dst/", NULL},
	},
	{
		.argv = {"--remove-sent-files", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			"--remove-sent-files", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5",
			"--remove-sent-files", ".", "/dst/", NULL},
	},
	{
		.argv = {"--numeric-ids", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			"--numeric-ids", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5",
			"--numeric-ids", ".", "/dst/", NULL},
	},
	{
		.argv = {"--usermap=a:b,*:c", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-oe.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-oe.LsfxCIvu", "--checksum-seed=5",
			"--usermap=a:b,\\*:c", ".", "/dst/", NULL},
	},
	{
		.argv = {"--groupmap=c:d", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-ge.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-ge.LsfxCIvu", "--checksum-seed=5",
			"--groupmap=c:d", ".", "/dst/", NULL},
	},
	{
		.argv = {"--chown=u:g", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-oge.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-oge.LsfxCIvu", "--checksum-seed=5",
			"--usermap=\\*:u", "--groupmap=\\*:g", ".", "/dst/", NULL},
	},
	{
		.argv = {"--chown=u", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-oe.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-oe.LsfxCIvu", "--checksum-seed=5",
			"--usermap=\\*:u", ".", "/dst/", NULL},
	},
	{
		.argv = {"--chown=:g", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-ge.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-ge.LsfxCIvu", "--checksum-seed=5",
			"--groupmap=\\*:g", ".", "/dst/", NULL},
	},
	/* Recorded from rsync 3.5.0: the receiver hears of the client's
	 * output format, the sender does not. */
	{
		.argv = {"-ai", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--log-format=%i",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"-aii", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--log-format=%i%I",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"-a", "--out-format=%n", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--log-format=X",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"-av", "--out-format=%o%n", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-vlogDtpre.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-vlogDtpre.iLsfxCIvu", "--log-format=%o",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		/* Not rsync's words: its client applies --chmod itself; in a
		 * relay the receiver does, as a pulling client would. */
		.argv = {"--chmod=u+x", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5",
			"--chmod=u+x", ".", "/dst/", NULL},
	},
	{
		.argv = {"--copy-unsafe-links", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			"--copy-unsafe-links", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5",
			"--copy-unsafe-links", ".", "/dst/", NULL},
	},
	{
		.argv = {"--safe-links", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			"--safe-links", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5",
			"--safe-links", ".", "/dst/", NULL},
	},
	{
		.argv = {"--munge-links", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-z", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-ze.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-ze.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-zz", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--new-compress",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--new-compress",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"-zzz", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--new-compress",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--new-compress",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--zc=zstd", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu",
			"--compress-choice=zstd", "--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--compress-choice=zstd",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--zc=zlib", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-ze.LsfxCIvu", "--old-compress",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-ze.LsfxCIvu", "--old-compress",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--zc=ZLIBX", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--new-compress",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--new-compress",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--zc=none", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu",
			"--compress-choice=none", "--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--compress-choice=none",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--zc=auto", "-z", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-ze.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-ze.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"--zl=3", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--compress-level=3",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--compress-level=3",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"-z", "--zl=9", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-ze.LsfxCIvu", "--compress-level=9",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-ze.LsfxCIvu", "--compress-level=9",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--zc=zstd", "--zl=5", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--compress-level=5",
			"--compress-choice=zstd", "--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--compress-level=5",
			"--compress-choice=zstd", "--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--zc=none", "--zl=1", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--compress-level=1",
			"--compress-choice=none", "--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--compress-level=1",
			"--compress-choice=none", "--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"-z", "--no-z", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"--old-compress", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-ze.LsfxCIvu", "--old-compress",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-ze.LsfxCIvu", "--old-compress",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--new-compress", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--new-compress",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--new-compress",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"-z", "--skip-compress=gz/jpg", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-ze.LsfxCIvu",
			"--skip-compress=gz/jpg", "--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-ze.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"--cc=xxh3", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu",
			"--checksum-choice=xxh3", "--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-choice=xxh3",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--cc=md5,md4", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu",
			"--checksum-choice=md5,md4", "--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-choice=md5,md4",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--cc=none", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-We.LsfxCIvu",
			"--checksum-choice=none", "--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-We.LsfxCIvu", "--checksum-choice=none",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--cc=auto", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"--checksum-choice=XXH128", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu",
			"--checksum-choice=XXH128", "--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-choice=XXH128",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--bwlimit=100", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--bwlimit=100",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--bwlimit=100",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--bwlimit=1.5m", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--bwlimit=1536",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--bwlimit=1536",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--bwlimit=0", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"--timeout=30", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--timeout=30",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--timeout=30",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--contimeout=0", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-n", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-ne.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-ne.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"--no-inc-recursive", "-r", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-re.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-re.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-a", "--no-i-r", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-logDtpre.LsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtpre.LsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"--protocol=29", "-a", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-logDtpr", "--checksum-seed=5", ".",
			"/src/", NULL},
		.dest = {"rsync", "--server", "-logDtpr", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"--protocol=30", "-a", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"--protocol=29", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "--checksum-seed=5", ".", "/src/",
			NULL},
		.dest = {"rsync", "--server", "--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"-M--fake-super", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			"--fake-super", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5",
			"--fake-super", ".", "/dst/", NULL},
	},
	{
		.argv = {"-M", "--log-file=/l/a b", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			"--log-file=/l/a\\ b", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5",
			"--log-file=/l/a\\ b", ".", "/dst/", NULL},
	},
	{
		.argv = {"--remote-option=-x *", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			"-x\\ \\*", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", "-x\\ \\*",
			".", "/dst/", NULL},
	},
	{
		.argv = {"-s", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-se.LsfxCIvu", NULL},
		.dest = {"rsync", "--server", "-se.LsfxCIvu", NULL},
		.src_sec = {"rsync", "--checksum-seed=5", ".", "/src/", NULL},
		.dest_sec = {"rsync", "--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"-sa", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-slogDtpre.iLsfxCIvu", NULL},
		.dest = {"rsync", "--server", "-slogDtpre.iLsfxCIvu", NULL},
		.src_sec = {"rsync", "--checksum-seed=5", ".", "/src/", NULL},
		.dest_sec = {"rsync", "--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--old-args", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"--old-args", "--old-args", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"--mkpath", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", "--mkpath",
			".", "/dst/", NULL},
	},
	{
		.argv = {"--ignore-missing-args", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--ignore-missing-args",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"--delete-missing-args", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--delete-missing-args",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--delete-missing-args",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"-r", "--delete-missing-args", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-re.iLsfxCIvu",
			"--delete-missing-args", "--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-re.iLsfxCIvu", "--delete-missing-args",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--ignore-missing-args", "--delete-missing-args", "h:/src/", "g:/dst/",
			NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--delete-missing-args",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--delete-missing-args",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--fsync", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", "--fsync",
			".", "/dst/", NULL},
	},
	{
		.argv = {"--preallocate", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5",
			"--preallocate", ".", "/dst/", NULL},
	},
	{
		.argv = {"--open-noatime", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			"--open-noatime", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5",
			"--open-noatime", ".", "/dst/", NULL},
	},
	{
		.argv = {"-UU", "--open-noatime", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-UUe.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-UUe.LsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-U", "--open-noatime", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-Ue.LsfxCIvu", "--checksum-seed=5",
			"--open-noatime", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-Ue.LsfxCIvu", "--checksum-seed=5",
			"--open-noatime", ".", "/dst/", NULL},
	},
	{
		.argv = {"--max-alloc=5m", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--max-alloc=5m",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--max-alloc=5m",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--max-alloc=1g", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"--max-alloc=0", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--max-alloc=0",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--max-alloc=0",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"-B", "2048", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "-B2048",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "-B2048", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-B1k", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "-B1024",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "-B1024", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"--protocol=29", "-B", "100000", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-B100000", "--checksum-seed=5", ".",
			"/src/", NULL},
		.dest = {"rsync", "--server", "-B100000", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"--super", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--super", "--checksum-seed=5",
			".", "/dst/", NULL},
	},
	{
		/* Not rsync's words: --fake-super acts on rsync's local side;
		 * both ends of a relay are remote, so both servers get it. */
		.argv = {"--fake-super", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			"--fake-super", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5",
			"--fake-super", ".", "/dst/", NULL},
	},
	{
		.argv = {"--iconv=utf8,latin1", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--iconv=latin1",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--iconv=latin1",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--iconv=utf8", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--iconv=utf8",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--iconv=utf8",
			"--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--iconv=-", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-8", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"--trust-sender", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-v", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-ve.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-ve.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-vv", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-vve.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-vve.LsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-q", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-qe.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-qe.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-C", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-Ce.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-Ce.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-F", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-FF", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"--exclude=*.o", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"--include=x", "--exclude=*", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-f", "- y", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-0", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-r", "--qsort", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-re.LsfxCIvu", "--checksum-seed=5",
			"--use-qsort", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-re.LsfxCIvu", "--checksum-seed=5",
			"--use-qsort", ".", "/dst/", NULL},
	},
	{
		.argv = {"--copy-devices", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			"--copy-devices", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"--write-devices", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			"--inplace", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", "--inplace",
			"--write-devices", ".", "/dst/", NULL},
	},
	{
		.argv = {"--old-dirs", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-re.iLsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-re.iLsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"--old-d", "--delete", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-re.iLsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-re.iLsfxCIvu", "--delete", "--checksum-seed=5",
			".", "/dst/", NULL},
	},
	{
		.argv = {"-4", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"--ipv6", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-r", "--no-r", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"-a", "--no-p", "-E", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-logDtre.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtEre.iLsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-aA", "--no-A", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"--no-verbose", "-a", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--checksum-seed=5", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-s", "--no-s", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-e.LsfxCIvu", "--checksum-seed=5",
			".", "/src/", NULL},
		.dest = {"rsync", "--server", "-e.LsfxCIvu", "--checksum-seed=5", ".", "/dst/",
			NULL},
	},
	{
		.argv = {"--protect-args", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-se.LsfxCIvu", NULL},
		.dest = {"rsync", "--server", "-se.LsfxCIvu", NULL},
		.src_sec = {"rsync", "--checksum-seed=5", ".", "/src/", NULL},
		.dest_sec = {"rsync", "--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"--secluded-args", "--iconv=utf8,latin1", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-se.LsfxCIvu", "--iconv=latin1", NULL},
		.dest = {"rsync", "--server", "-se.LsfxCIvu", "--iconv=latin1", NULL},
		.src_sec = {"rsync", "--checksum-seed=5", ".", "/src/", NULL},
		.dest_sec = {"rsync", "--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"-a", "--del", "--delete-excluded", "h:/src/", "g:/dst/", NULL},
		.seed = 5,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=5", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--delete-during",
			"--delete-excluded", "--checksum-seed=5", ".", "/dst/", NULL},
	},
	{
		.argv = {"-aHAXz", "--delete-after", "--backup-dir=b", "--partial-dir=.p", "-s",
			"h:/src/", "g:/dst/", NULL},
		.seed = 77,
		.src = {"rsync", "--server", "--sender", "-sblHogDtpAXrze.LsfxCIvu", NULL},
		.dest = {"rsync", "--server", "-sblHogDtpAXrze.iLsfxCIvu", NULL},
		.src_sec = {"rsync", "--backup-dir", "b", "--checksum-seed=77", ".", "/src/",
			NULL},
		.dest_sec = {"rsync", "--backup-dir", "b", "--delete-after",
			"--checksum-seed=77", "--partial-dir", ".p", ".", "/dst/", NULL},
	},
	{
		.argv = {"-aHAXz", "--delete-after", "--backup-dir=b", "--partial-dir=.p",
			"h:/src/", "g:/dst/", NULL},
		.seed = 77,
		.src = {"rsync", "--server", "--sender", "-blHogDtpAXrze.LsfxCIvu",
			"--backup-dir", "b", "--checksum-seed=77", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-blHogDtpAXrze.iLsfxCIvu", "--backup-dir", "b",
			"--delete-after", "--checksum-seed=77", "--partial-dir", ".p", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-avzcHxuIW", "--delete", "--numeric-ids", "--bwlimit=2m",
			"--timeout=60", "h:/src/", "g:/dst/", NULL},
		.seed = 12345,
		.src = {"rsync", "--server", "--sender", "-vulWHogDtprcIxze.iLsfxCIvu",
			"--timeout=60", "--bwlimit=2048", "--checksum-seed=12345",
			"--numeric-ids", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-vulWHogDtprcIxze.iLsfxCIvu", "--timeout=60",
			"--bwlimit=2048", "--delete", "--checksum-seed=12345", "--numeric-ids",
			".", "/dst/", NULL},
	},
	{
		.argv = {"-ab", "--delete", "h:/src/", "g:/dst/", NULL},
		.seed = 3,
		.src = {"rsync", "--server", "--sender", "-blogDtpre.iLsfxCIvu",
			"--checksum-seed=3", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-blogDtpre.iLsfxCIvu", "--delete",
			"--checksum-seed=3", ".", "/dst/", NULL},
	},
	{
		.argv = {"-a", "--inplace", "--append-verify", "h:/src/", "g:/dst/", NULL},
		.seed = 3,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=3", "--append", "--append", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--checksum-seed=3",
			"--append", "--append", ".", "/dst/", NULL},
	},
	{
		.argv = {"-a", "--link-dest=/a b", "--link-dest=x*", "-yy", "-T", "/t/$x",
			"h:/src/", "g:/dst/", NULL},
		.seed = 3,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=3", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-lyyogDtpre.iLsfxCIvu", "--checksum-seed=3",
			"--temp-dir", "/t/\\$x", "--link-dest", "/a\\ b", "--link-dest", "x\\*",
			".", "/dst/", NULL},
	},
	{
		.argv = {"-rltDR", "--no-implied-dirs", "--protocol=29", "h:/src/", "g:/dst/",
			NULL},
		.seed = 3,
		.src = {"rsync", "--server", "--sender", "-lDtrR", "--checksum-seed=3",
			"--no-implied-dirs", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-lDtrR", "--checksum-seed=3", ".", "/dst/", NULL},
	},
	{
		.argv = {"-aUU", "-O", "-J", "-m", "-K", "-k", "-L", "-E", "h:/src/", "g:/dst/",
			NULL},
		.seed = 3,
		.src = {"rsync", "--server", "--sender", "-lLkogDtUUpre.LsfxCIvu",
			"--checksum-seed=3", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-lKmOJogDtUUpre.iLsfxCIvu", "--checksum-seed=3",
			".", "/dst/", NULL},
	},
	{
		.argv = {"-a", "-s", "--iconv=utf8,latin1", "--backup-dir=a b", "-M-x y",
			"h:a b", ":-c", "g:~x", NULL},
		.seed = 3,
		.src = {"rsync", "--server", "--sender", "-sblogDtpre.iLsfxCIvu",
			"--iconv=latin1", NULL},
		.dest = {"rsync", "--server", "-sblogDtpre.iLsfxCIvu", "--iconv=latin1", NULL},
		.src_sec = {"rsync", "--backup-dir", "a b", "--checksum-seed=3", "-x y", ".",
			"a b", "./-c", NULL},
		.dest_sec = {"rsync", "--backup-dir", "a b", "--checksum-seed=3", "-x y", ".",
			"~x", NULL},
	},
	{
		.argv = {"-a", "--old-args", "h:a b", ":x*y", ":~", "g:a b", NULL},
		.seed = 3,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=3", ".", "a b", "x*y", "~", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--checksum-seed=3", ".",
			"a b", NULL},
	},
	{
		.argv = {"-a", "--old-args", "--old-args", "-M-x y", "--suffix=a b", "h:a b",
			"g:a b", NULL},
		.seed = 3,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu", "--suffix=a b",
			"--checksum-seed=3", "-x y", ".", "a b", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--suffix=a b",
			"--checksum-seed=3", "-x y", ".", "a b", NULL},
	},
	{
		.argv = {"-a", "-M-x y", "--suffix=a b", "--chown=a b:c*", "h:a b", "g:a b",
			NULL},
		.seed = 3,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--suffix=a\\ b", "--checksum-seed=3", "-x\\ y", ".", "a\\ b", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--suffix=a\\ b",
			"--checksum-seed=3", "--usermap=\\*:a\\ b", "--groupmap=\\*:c\\*",
			"-x\\ y", ".", "a\\ b", NULL},
	},
	{
		.argv = {"-aR", "h:~/a", ":~/./b", ":~", "g:~", NULL},
		.seed = 3,
		.src = {"rsync", "--server", "--sender", "-logDtprRe.iLsfxCIvu",
			"--checksum-seed=3", ".", "\\~/a", "~/./b", "\\~", NULL},
		.dest = {"rsync", "--server", "-logDtprRe.iLsfxCIvu", "--checksum-seed=3", ".",
			"~", NULL},
	},
	{
		.argv = {"-a", "--trust-sender", "h:~", ":~u", "g:~", NULL},
		.seed = 3,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=3", ".", "~", "~u", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--checksum-seed=3", ".",
			"~", NULL},
	},
	{
		.argv = {"-a", "-s", "h:", ":-x", ":~", "g:", NULL},
		.seed = 3,
		.src = {"rsync", "--server", "--sender", "-slogDtpre.iLsfxCIvu", NULL},
		.dest = {"rsync", "--server", "-slogDtpre.iLsfxCIvu", NULL},
		.src_sec = {"rsync", "--checksum-seed=3", ".", ".", "./-x", "~", NULL},
		.dest_sec = {"rsync", "--checksum-seed=3", ".", ".", NULL},
	},
	{
		.argv = {"--files-from=list", "-a", "h:/src/", "g:/dst/", NULL},
		.seed = 4,
		.src = {"rsync", "--server", "--sender", "-logDtpRe.LsfxCIvu",
			"--checksum-seed=4", "--files-from=-", "--from0", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtpRe.LsfxCIvu", "--checksum-seed=4", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"--files-from=list", "-ar", "h:/src/", "g:/dst/", NULL},
		.seed = 4,
		.src = {"rsync", "--server", "--sender", "-logDtprRe.iLsfxCIvu",
			"--checksum-seed=4", "--files-from=-", "--from0", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtprRe.iLsfxCIvu", "--checksum-seed=4", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"--files-from=list", "-a", "--no-R", "h:/src/", "g:/dst/", NULL},
		.seed = 4,
		.src = {"rsync", "--server", "--sender", "-logDtpe.LsfxCIvu",
			"--checksum-seed=4", "--files-from=-", "--from0", "--no-relative", ".",
			"/src/", NULL},
		.dest = {"rsync", "--server", "-logDtpe.LsfxCIvu", "--checksum-seed=4", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"--files-from=list", "-a", "--no-R", "--delete", "h:/src/", "g:/dst/",
			NULL},
		.seed = 4,
		.src = {"rsync", "--server", "--sender", "-logDtpe.LsfxCIvu",
			"--checksum-seed=4", "--files-from=-", "--from0", "--no-relative", ".",
			"/src/", NULL},
		.dest = {"rsync", "--server", "-ldogDtpe.LsfxCIvu", "--no-r", "--delete",
			"--checksum-seed=4", ".", "/dst/", NULL},
	},
	{
		.argv = {"--files-from=list", "-0", "-a", "--delete", "h:/src/", "g:/dst/",
			NULL},
		.seed = 4,
		.src = {"rsync", "--server", "--sender", "-logDtpRe.LsfxCIvu",
			"--checksum-seed=4", "--files-from=-", "--from0", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-ldogDtpRe.LsfxCIvu", "--no-r", "--delete",
			"--checksum-seed=4", ".", "/dst/", NULL},
	},
	{
		.argv = {"--files-from=-", "-a", "h:/src/", "g:/dst/", NULL},
		.seed = 4,
		.src = {"rsync", "--server", "--sender", "-logDtpRe.LsfxCIvu",
			"--checksum-seed=4", "--files-from=-", "--from0", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtpRe.LsfxCIvu", "--checksum-seed=4", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"--files-from=h:/the list", "-a", "h:/src/", "g:/dst/", NULL},
		.seed = 4,
		.src = {"rsync", "--server", "--sender", "-logDtpRe.LsfxCIvu",
			"--checksum-seed=4", "--files-from", "/the\\ list", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtpRe.LsfxCIvu", "--checksum-seed=4", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"--files-from=h:/l", "-0", "-a", "h:/src/", "g:/dst/", NULL},
		.seed = 4,
		.src = {"rsync", "--server", "--sender", "-logDtpRe.LsfxCIvu",
			"--checksum-seed=4", "--files-from", "/l", "--from0", ".", "/src/",
			NULL},
		.dest = {"rsync", "--server", "-logDtpRe.LsfxCIvu", "--checksum-seed=4", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"--files-from=:/l", "-a", "--no-relative", "h:/src/", "g:/dst/", NULL},
		.seed = 4,
		.src = {"rsync", "--server", "--sender", "-logDtpe.LsfxCIvu",
			"--checksum-seed=4", "--files-from", "/l", "--no-relative", ".",
			"/src/", NULL},
		.dest = {"rsync", "--server", "-logDtpe.LsfxCIvu", "--checksum-seed=4", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"--files-from=h:/l", "-s", "h:/src/", "g:/dst/", NULL},
		.seed = 4,
		.src = {"rsync", "--server", "--sender", "-sRe.LsfxCIvu", NULL},
		.dest = {"rsync", "--server", "-sRe.LsfxCIvu", NULL},
		.src_sec = {"rsync", "--checksum-seed=4", "--files-from", "/l", ".", "/src/",
			NULL},
		.dest_sec = {"rsync", "--checksum-seed=4", ".", "/dst/", NULL},
	},
	{
		.argv = {"-a", "h:a b", "g:/dst/", NULL},
		.env = {"RSYNC_OLD_ARGS", "1"},
		.seed = 6,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=6", ".", "a b", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--checksum-seed=6", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-a", "h:/src/", "g:/dst/", NULL},
		.env = {"RSYNC_PROTECT_ARGS", "1"},
		.seed = 6,
		.src = {"rsync", "--server", "--sender", "-slogDtpre.iLsfxCIvu", NULL},
		.dest = {"rsync", "--server", "-slogDtpre.iLsfxCIvu", NULL},
		.src_sec = {"rsync", "--checksum-seed=6", ".", "/src/", NULL},
		.dest_sec = {"rsync", "--checksum-seed=6", ".", "/dst/", NULL},
	},
	{
		.argv = {"-a", "-s", "h:a b", "g:/dst/", NULL},
		.env = {"RSYNC_OLD_ARGS", "2"},
		.seed = 6,
		.src = {"rsync", "--server", "--sender", "-slogDtpre.iLsfxCIvu", NULL},
		.dest = {"rsync", "--server", "-slogDtpre.iLsfxCIvu", NULL},
		.src_sec = {"rsync", "--checksum-seed=6", ".", "a b", NULL},
		.dest_sec = {"rsync", "--checksum-seed=6", ".", "/dst/", NULL},
	},
	{
		.argv = {"-a", "--old-args", "h:a b", "g:/dst/", NULL},
		.env = {"RSYNC_PROTECT_ARGS", "1"},
		.seed = 6,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=6", ".", "a b", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--checksum-seed=6", ".",
			"/dst/", NULL},
	},
	{
		.argv = {"-a", "--partial", "h:/src/", "g:/dst/", NULL},
		.env = {"RSYNC_PARTIAL_DIR", ".pp/"},
		.seed = 6,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=6", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--checksum-seed=6",
			"--partial-dir", ".pp", ".", "/dst/", NULL},
	},
	{
		.argv = {"-a", "--inplace", "--partial", "h:/src/", "g:/dst/", NULL},
		.env = {"RSYNC_PARTIAL_DIR", ".pp"},
		.seed = 6,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=6", "--inplace", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--checksum-seed=6",
			"--inplace", ".", "/dst/", NULL},
	},
	{
		.argv = {"-a", "h:/src/", "g:/dst/", NULL},
		.env = {"RSYNC_MAX_ALLOC", "2g"},
		.seed = 6,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--max-alloc=2g", "--checksum-seed=6", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--max-alloc=2g",
			"--checksum-seed=6", ".", "/dst/", NULL},
	},
	{
		.argv = {"-a", "h:/src/", "g:/dst/", NULL},
		.env = {"RSYNC_ICONV", "utf8,latin1"},
		.seed = 6,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--iconv=latin1", "--checksum-seed=6", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--iconv=latin1",
			"--checksum-seed=6", ".", "/dst/", NULL},
	},
	{
		.argv = {"-a", "--no-iconv", "h:/src/", "g:/dst/", NULL},
		.env = {"RSYNC_ICONV", "utf8,latin1"},
		.seed = 6,
		.src = {"rsync", "--server", "--sender", "-logDtpre.iLsfxCIvu",
			"--checksum-seed=6", ".", "/src/", NULL},
		.dest = {"rsync", "--server", "-logDtpre.iLsfxCIvu", "--checksum-seed=6", ".",
			"/dst/", NULL},
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
	return plan_build(&b->p, &b->o, &b->ops, (const int32_t[2]){ seed, seed }, interactive, PLAN_CAPS, b->err,
			  sizeof b->err);
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
		ck_assert_int_eq(b.p.seed[0], c->seed);
		ck_assert_int_eq(b.p.seed[1], c->seed);
		/* 'i' is in both lines exactly when incremental recursion is on */
		ck_assert_int_eq(b.p.inc_recurse, strstr(c->src[3], "e.i") != NULL);
		ck_assert_int_eq(b.p.inc_recurse, b.o.recurse);
		built_free(&b);
	}
}
END_TEST

/* Each side gets its own seed (seed.h): none for a server that refuses
 * the option, the seed the other announced for the other. */
static int has_word(const struct strv *v, const char *w)
{
	for (int i = 0; i < v->n; i++)
		if (strcmp(v->v[i], w) == 0)
			return 1;
	return 0;
}

START_TEST(test_seed_per_side)
{
	struct built b;
	const char *argv[] = { "-a", "h:src/", "g:dst/", NULL };
	char err[256];
	struct plan p;

	ck_assert_int_eq(build(&b, argv, NULL, 1, 0), 0);
	plan_free(&b.p);
	ck_assert_int_eq(plan_build(&p, &b.o, &b.ops, (const int32_t[2]){ 0, 4242 }, 0, NULL, err,
				    sizeof err), 0);
	ck_assert(!has_word(&p.src_argv, "--checksum-seed=0"));
	for (int i = p.src_cmd_at; i < p.src_argv.n; i++)
		ck_assert_msg(strncmp(p.src_argv.v[i], "--checksum-seed", 15) != 0, "%s",
			      p.src_argv.v[i]);
	ck_assert(has_word(&p.dest_argv, "--checksum-seed=4242"));
	plan_free(&p);
	ck_assert_int_eq(plan_build(&p, &b.o, &b.ops, (const int32_t[2]){ 99, 0 }, 0, NULL, err,
				    sizeof err), 0);
	ck_assert(has_word(&p.src_argv, "--checksum-seed=99"));
	for (int i = p.dest_cmd_at; i < p.dest_argv.n; i++)
		ck_assert_msg(strncmp(p.dest_argv.v[i], "--checksum-seed", 15) != 0, "%s",
			      p.dest_argv.v[i]);
	plan_free(&p);
	memset(&b.p, 0, sizeof b.p);	/* freed above */
	built_free(&b);
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

/* The "-...e.FLAGS" word among the first words of a command, or NULL. */
static int letters_index(const char *const *w)
{
	for (int k = 0; k < 4 && w[k]; k++)
		if (w[k][0] == '-' && w[k][1] != '-' && strstr(w[k], "e."))
			return k;
	return -1;
}

static void expect_secluded(const char *what, size_t ci, const struct strv *v,
			    const char *const *want)
{
	if (!want[0]) {
		ck_assert_msg(v->n == 0, "case %zu, %s: %d secluded words without -s", ci, what,
			      v->n);
		return;
	}
	ck_assert_msg(v->n > 0, "case %zu, %s: no secluded words", ci, what);
	expect_words(what, ci, v, 0, want);
}

START_TEST(test_recorded_options)
{
	for (size_t i = 0; i < ARRAY_LEN(rec_cases); i++) {
		const struct rec_case *c = &rec_cases[i];
		const char *dest[REC_WORDS];
		char fixed[160], what[96];
		int si = letters_index(c->src), di = letters_index(c->dest);
		int src_i = si >= 0 && strstr(c->src[si], "e.i") != NULL;
		struct built b;

		memcpy(dest, c->dest, sizeof dest);
		if (di >= 0 && !src_i && strstr(dest[di], "e.i")) {
			const char *e = strstr(dest[di], "e.i");

			snprintf(fixed, sizeof fixed, "%.*se.%s", (int)(e - dest[di]), dest[di], e + 3);
			dest[di] = fixed;
		}
		if (c->env[0])
			setenv(c->env[0], c->env[1], 1);
		ck_assert_msg(build(&b, c->argv, NULL, c->seed, 0) == 0, "case %zu (%s): %s", i,
			      c->argv[0], b.err);
		if (c->env[0])
			unsetenv(c->env[0]);
		snprintf(what, sizeof what, "%s ... source", c->argv[0]);
		expect_words(what, i, &b.p.src_argv, b.p.src_cmd_at, c->src);
		snprintf(what, sizeof what, "%s ... destination", c->argv[0]);
		expect_words(what, i, &b.p.dest_argv, b.p.dest_cmd_at, dest);
		snprintf(what, sizeof what, "%s ... source stdin", c->argv[0]);
		expect_secluded(what, i, &b.p.src_secluded, c->src_sec);
		snprintf(what, sizeof what, "%s ... destination stdin", c->argv[0]);
		expect_secluded(what, i, &b.p.dest_secluded, c->dest_sec);
		ck_assert_msg(b.p.inc_recurse == src_i, "case %zu (%s): inc_recurse %d", i,
			      c->argv[0], b.p.inc_recurse);
		built_free(&b);
	}
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

/* -4 / -6 go to ssh after "-l USER", right before the host, as rsync
 * 3.5.0 puts them (recorded with a printing shell named "ssh"); other
 * shells do not get them. */
START_TEST(test_ip_version_for_ssh)
{
	static const char *const w4[] = {"-4", "-e", "ssh -p 22", "u@h:/src/", "[::1]:/dst/",
					 NULL};
	static const char *const w6[] = {"--ipv6", "-e", "./fake", "h:/s", "g:/d", NULL};
	struct built b;

	ck_assert_int_eq(build(&b, w4, NULL, 1, 1), 0);
	ck_assert_str_eq(b.p.src_argv.v[b.p.src_cmd_at - 1], "h");
	ck_assert_str_eq(b.p.src_argv.v[b.p.src_cmd_at - 2], "-4");
	ck_assert_str_eq(b.p.src_argv.v[b.p.src_cmd_at - 3], "u");
	ck_assert_str_eq(b.p.src_argv.v[b.p.src_cmd_at - 4], "-l");
	ck_assert_str_eq(b.p.dest_argv.v[b.p.dest_cmd_at - 1], "::1");
	ck_assert_str_eq(b.p.dest_argv.v[b.p.dest_cmd_at - 2], "-4");
	ck_assert_str_eq(b.p.src_argv.v[0], "ssh");
	ck_assert_str_eq(b.p.src_argv.v[1], "-p");
	built_free(&b);

	ck_assert_int_eq(build(&b, w6, NULL, 1, 1), 0);
	ck_assert_int_eq(b.p.src_cmd_at, 2);
	ck_assert_str_eq(b.p.src_argv.v[0], "./fake");
	ck_assert_str_eq(b.p.src_argv.v[1], "h");
	built_free(&b);
}
END_TEST

/* --src-rsh / --dest-rsh and --src-rsync-path / --dest-rsync-path replace
 * -e (or RSYNC_RSH) and --rsync-path for one side. */
START_TEST(test_per_side_transport)
{
	static const char *const words[] = {"-r", "-e", "rsh -x", "--src-rsh=ssh -p 2222",
					    "--rsync-path=/opt/rsync",
					    "--dest-rsync-path=sudo rsync", "h:/s", "g:/d", NULL};
	static const char *const src_shell[] = {"ssh", "-p", "2222", NULL};
	static const char *const dest_shell[] = {"rsh", "-x", NULL};
	static const char *const by_env[] = {"--dest-rsh=./other", "h:/s", "g:/d", NULL};
	static const char *const env_shell[] = {"myssh", NULL};
	static const char *const other_shell[] = {"./other", NULL};
	struct built b;

	ck_assert_int_eq(build(&b, words, NULL, 1, 0), 0);
	expect_shell("source", &b.p.src_argv, b.p.src_cmd_at, src_shell, NULL, "h", 1, 0);
	expect_shell("destination", &b.p.dest_argv, b.p.dest_cmd_at, dest_shell, NULL, "g", 0,
		     0);
	ck_assert_str_eq(b.p.src_argv.v[b.p.src_cmd_at], "/opt/rsync");
	ck_assert_str_eq(b.p.dest_argv.v[b.p.dest_cmd_at], "sudo rsync");
	ck_assert_str_eq(b.p.dest_argv.v[b.p.dest_cmd_at + 1], "--server");
	built_free(&b);

	ck_assert_int_eq(build(&b, by_env, "myssh", 1, 0), 0);
	expect_shell("source", &b.p.src_argv, b.p.src_cmd_at, env_shell, NULL, "h", 0, 0);
	expect_shell("destination", &b.p.dest_argv, b.p.dest_cmd_at, other_shell, NULL, "g", 0,
		     0);
	ck_assert_str_eq(b.p.src_argv.v[b.p.src_cmd_at], "rsync");
	built_free(&b);

	/* a bad per-side shell is named in the message */
	{
		static const char *const bad[] = {"--dest-rsh=ssh 'x", "h:/s", "g:/d", NULL};

		ck_assert_int_eq(build(&b, bad, NULL, 1, 0), -1);
		ck_assert_str_eq(b.err, "Failed to parse remote shell command: ssh 'x");
		built_free(&b);
	}
}
END_TEST

/* The letters after "e." come from the caller; an 'i' among them only
 * permits incremental recursion, which the plan offers by rsync's rule. */
START_TEST(test_caps_from_caller)
{
	static const char *const rec[] = {"-a", "h:/s", "g:/d", NULL};
	static const char *const after[] = {"-a", "--delete-after", "h:/s", "g:/d", NULL};
	struct built b;
	struct plan p;
	char err[256];

	ck_assert_int_eq(build(&b, rec, NULL, 7, 0), 0);
	ck_assert_str_eq(b.p.src_argv.v[b.p.src_cmd_at + 3], "-logDtpre.iLsfxCIvu");
	ck_assert_int_eq(b.p.inc_recurse, 1);

	/* fewer letters, 'i' still permitted (and put first) */
	ck_assert_int_eq(plan_build(&p, &b.o, &b.ops, (const int32_t[2]){ 7, 7 }, 0, "LfxCIiv", err, sizeof err), 0);
	ck_assert_str_eq(p.src_argv.v[p.src_cmd_at + 3], "-logDtpre.iLfxCIv");
	ck_assert_str_eq(p.dest_argv.v[p.dest_cmd_at + 2], "-logDtpre.iLfxCIv");
	ck_assert_int_eq(p.inc_recurse, 1);
	plan_free(&p);

	/* NULL: PLAN_CAPS */
	ck_assert_int_eq(plan_build(&p, &b.o, &b.ops, (const int32_t[2]){ 7, 7 }, 0, NULL, err, sizeof err), 0);
	ck_assert_str_eq(p.dest_argv.v[p.dest_cmd_at + 2], "-logDtpre.iLsfxCIvu");
	plan_free(&p);

	/* without 'i': both servers start without incremental recursion */
	ck_assert_int_eq(plan_build(&p, &b.o, &b.ops, (const int32_t[2]){ 7, 7 }, 0, "LsfxCIvu", err, sizeof err), 0);
	ck_assert_str_eq(p.src_argv.v[p.src_cmd_at + 3], "-logDtpre.LsfxCIvu");
	ck_assert_str_eq(p.dest_argv.v[p.dest_cmd_at + 2], "-logDtpre.LsfxCIvu");
	ck_assert_int_eq(p.inc_recurse, 0);
	plan_free(&p);

	/* an empty set still sends "e." */
	ck_assert_int_eq(plan_build(&p, &b.o, &b.ops, (const int32_t[2]){ 7, 7 }, 0, "", err, sizeof err), 0);
	ck_assert_str_eq(p.src_argv.v[p.src_cmd_at + 3], "-logDtpre.");
	plan_free(&p);
	built_free(&b);

	/* 'i' permitted, but rsync's rule says no */
	ck_assert_int_eq(build(&b, after, NULL, 7, 0), 0);
	ck_assert_str_eq(b.p.src_argv.v[b.p.src_cmd_at + 3], "-logDtpre.LsfxCIvu");
	ck_assert_int_eq(b.p.inc_recurse, 0);
	built_free(&b);
}
END_TEST

/* A list on a host must be on the source host, as named there. */
START_TEST(test_files_from_host)
{
	static const struct {
		const char *w[4];
		int ok;
	} vec[] = {
		{{"--files-from=h:/l", "h:/s", "g:/d"}, 1},
		{{"--files-from=:/l", "u@h:/s", "g:/d"}, 1},
		{{"--files-from=u@h:/l", "u@h:/s", "g:/d"}, 1},
		{{"--files-from=[::1]:/l", "[::1]:/s", "g:/d"}, 1},
		{{"--files-from=local", "h:/s", "g:/d"}, 1},
		{{"--files-from=g:/l", "h:/s", "g:/d"}, 0},
		{{"--files-from=h:/l", "u@h:/s", "g:/d"}, 0},
		{{"--files-from=u@h:/l", "h:/s", "g:/d"}, 0},
		{{"--files-from=v@h:/l", "u@h:/s", "g:/d"}, 0},
		{{"--files-from=[::2]:/l", "[::1]:/s", "g:/d"}, 0},
	};

	for (size_t i = 0; i < ARRAY_LEN(vec); i++) {
		struct built b;
		int r = build(&b, vec[i].w, NULL, 1, 0);

		if (vec[i].ok)
			ck_assert_msg(r == 0, "%s: %s", vec[i].w[0], b.err);
		else {
			ck_assert_msg(r == -1, "%s with %s accepted", vec[i].w[0], vec[i].w[1]);
			ck_assert_str_eq(b.err,
					 "--files-from hostname is not the same as the source hostname");
		}
		built_free(&b);
	}
}
END_TEST

/* -N: this rsync build has no create times, so its client refuses -N and
 * nothing could be recorded; the letter goes where rsync's server_options()
 * puts it, after the 'U' letters and before 'p'. */
START_TEST(test_crtimes_letter)
{
	static const char *const words[] = {"-aUN", "h:/s", "g:/d", NULL};
	struct built b;

	ck_assert_int_eq(build(&b, words, NULL, 1, 0), 0);
	ck_assert_str_eq(b.p.src_argv.v[b.p.src_cmd_at + 3], "-logDtUNpre.iLsfxCIvu");
	ck_assert_str_eq(b.p.dest_argv.v[b.p.dest_cmd_at + 2], "-logDtUNpre.iLsfxCIvu");
	built_free(&b);
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

/* --print-server-commands: the words after the host, joined by spaces,
 * with the seed only when one is given; the shell's words never show. */
START_TEST(test_remote_command)
{
	static const char *const words[] = {"-a", "--delete", "-e", "ssh -p 2222 -i k",
					    "u@h:/a b/", "g:/d", NULL};
	struct built b;
	char *src, *dest;

	ck_assert_int_eq(build(&b, words, NULL, 0, 1), 0);
	src = plan_remote_command(&b.p.src_argv, b.p.src_cmd_at);
	dest = plan_remote_command(&b.p.dest_argv, b.p.dest_cmd_at);
	ck_assert_str_eq(src, "rsync --server --sender -logDtpre.iLsfxCIvu . /a\\ b/");
	ck_assert_str_eq(dest, "rsync --server -logDtpre.iLsfxCIvu --delete . /d");
	free(src);
	free(dest);
	built_free(&b);

	ck_assert_int_eq(build(&b, words, NULL, 12345, 0), 0);
	src = plan_remote_command(&b.p.src_argv, b.p.src_cmd_at);
	ck_assert_str_eq(src, "rsync --server --sender -logDtpre.iLsfxCIvu --checksum-seed=12345 "
			      ". /a\\ b/");
	free(src);
	/* no words at all: an empty command, not a crash */
	src = plan_remote_command(&b.p.src_argv, b.p.src_argv.n);
	ck_assert_str_eq(src, "");
	free(src);
	built_free(&b);
}
END_TEST

Suite *plan_suite(void)
{
	Suite *s = suite_create("plan");
	TCase *tc = tcase_create("server_command");
	TCase *ts = tcase_create("remote_shell");
	TCase *tq = tcase_create("quoting");

	tcase_add_test(tc, test_server_commands_match_rsync);
	tcase_add_test(tc, test_seed_per_side);
	tcase_add_test(tc, test_server_command_independent_of_shell);
	tcase_add_test(tc, test_rsync_path_word);
	tcase_add_test(tc, test_recorded_options);
	suite_add_tcase(s, tc);

	tcase_add_test(ts, test_default_ssh_hardened);
	tcase_add_test(ts, test_user_ssh_words_first);
	tcase_add_test(ts, test_ssh_by_path_and_env);
	tcase_add_test(ts, test_other_shell_untouched);
	tcase_add_test(ts, test_login_before_host);
	tcase_add_test(ts, test_bad_rsh);
	tcase_add_test(ts, test_ip_version_for_ssh);
	tcase_add_test(ts, test_per_side_transport);
	tcase_add_test(tc, test_caps_from_caller);
	tcase_add_test(tc, test_files_from_host);
	tcase_add_test(tc, test_crtimes_letter);
	tcase_add_test(tc, test_remote_command);
	suite_add_tcase(s, ts);

	tcase_add_test(tq, test_split_rsh);
	tcase_add_test(tq, test_split_rsh_bad);
	tcase_add_test(tq, test_quote_path);
	tcase_add_test(tq, test_quote_path_worst_case);
	tcase_add_test(tq, test_strv);
	suite_add_tcase(s, tq);
	return s;
}
