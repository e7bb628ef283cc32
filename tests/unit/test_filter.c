/* Unit tests of the filter rules (filter.h).
 *
 * The expected lists were recorded from rsync 3.5.0's own client.  Its
 * remote shell was a script that saves what the client writes and runs
 * the server command it is given:
 *
 *     shift; mkfifo F; tee -a LOG <&0 >F & rsync-server-command... <F
 *
 * run as "rsync -a [--protocol=N] OPTIONS -e ./spy h:SRC/ DST/" (a pull:
 * the list a client sends to a sender) and "rsync -a --delete
 * [--protocol=N] OPTIONS -e ./spy SRC/ h:DST/" (a push: the list a client
 * sends to a receiver), for protocols 32 to 28.  The list follows the
 * handshake (the protocol number and, from protocol 30, the checksum
 * name), inside MSG_DATA frames where the client multiplexes.  The merge
 * files below were in the client's working directory, HOME pointed at the
 * "home" directory and CVSIGNORE was unset unless a case says otherwise.
 * rsync's messages and exit codes for the errors were recorded the same
 * way.  --delete-excluded is an FA_DELETE_EXCLUDED entry at its place and
 * sets filter_wire_opts.delete_excluded; -C and --partial-dir are
 * filter_wire options.
 *
 * Every rule text is given to filter_build in a heap block of exactly its
 * size, so that a read past it is caught when the tests run under
 * AddressSanitizer; so is every prefix of a set of rules, and a sweep of
 * generated rules.
 */
#include "suites.h"
#include "filter.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


#define TOO_MODERN "filter rules are too modern for remote rsync."

/* ------------------------------------------------------------------ */
/* Merge files                                                         */
/* ------------------------------------------------------------------ */

struct fixture_file {
	const char *name;
	const char *data;
	size_t len;
};

/* The files the recordings read, byte for byte. */
static const struct fixture_file fixture_files[] = {
	{"ex1", "# comment\n; comment2\n- a\n+ b\nc/\n!x\n\nd e\n- \\#h\n", 46},
	{"z0", "a\000- b\000+ c\000#d\000e\nf\000", 17},
	{"crlf", "a\r\nb\rc\n\r\nd", 10},
	{"m1", "- x\n+ y/\nP p\nH h\ndir-merge .pf\nmerge m2\n# c\nexclude,s sx\n", 57},
	{"m2", "- fromm2\n", 9},
	{"mw", "a b  c\td\n-  e\n", 14},
	{"mnp", "- x\n+ y\n!\nz\n#k\n", 15},
	{"mc", "a b ! c d\n", 10},
	{"home/.cvsignore", "h1 h2\n", 6},
	{"home2/.cvsignore", "h1 ! h3\n", 8},
	{"mclr", "- one\n!\n- two\n", 14},
	{"inc1", "+ inc/\n*\n", 9},
	{"bad1", "- a\nbogus\n", 10},
	{"bad2", "merge nothere\n", 14},
	{"bad3", "merge bad2\n", 11},
	{"bad4", "+ a\n-z b\n", 9},
	{"bad5w", "a b\n-z c\n", 9},
	{"bad6", "merge,w bad5w\n", 14},
	{"bad7", "-s x\n", 5},
	{"bad7x", "-,s x\n", 6},
	{"bad8", "- ok\nmerge bad7x\n", 17},
	{"bad9", "- \n", 3},
	{"bad10", "x\000bogus\000", 8},
	{"self", "merge self\n", 11},
	{"clr1", "!\n", 2},
	{"clr2", "- a\n!foo\n!\n- b\n", 15},
	{"sub/ms", "- insub\n", 8},
	{"dm", "dir-merge,e .x\n: .y\n", 20},
	{"crw", "a\r\nb\rc \r", 8},
	{"cr0", "x\ry\000z\r\n\000", 8},
};

static const char *const fixture_dirs[] = {"home", "home2", "sub"};

static char fixdir[PATH_MAX];
static char olddir[PATH_MAX];

static void write_file(const char *name, const void *data, size_t len)
{
	FILE *f = fopen(name, "wb");

	ck_assert_msg(f != NULL, "%s: %s", name, strerror(errno));
	ck_assert(fwrite(data, 1, len, f) == len);
	ck_assert(fclose(f) == 0);
}

static void set_home(const char *sub)
{
	char path[PATH_MAX + 32];

	snprintf(path, sizeof path, "%s/%s", fixdir, sub);
	ck_assert(setenv("HOME", path, 1) == 0);
}

/* Standard input for "-": the given bytes, or nothing. */
static void set_stdin(const char *data, size_t len)
{
	if (data) {
		write_file("stdin.dat", data, len);
		ck_assert(freopen("stdin.dat", "rb", stdin) != NULL);
	} else {
		ck_assert(freopen("/dev/null", "rb", stdin) != NULL);
	}
}

/* Each test runs in a fresh directory holding the merge files. */
static void setup(void)
{
	const char *tmp = getenv("TMPDIR");
	size_t i;

	ck_assert(getcwd(olddir, sizeof olddir) != NULL);
	snprintf(fixdir, sizeof fixdir, "%s/relay-filter.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	ck_assert(mkdtemp(fixdir) != NULL);
	ck_assert(chdir(fixdir) == 0);
	for (i = 0; i < ARRAY_LEN(fixture_dirs); i++)
		ck_assert(mkdir(fixture_dirs[i], 0700) == 0);
	for (i = 0; i < ARRAY_LEN(fixture_files); i++)
		write_file(fixture_files[i].name, fixture_files[i].data, fixture_files[i].len);
	set_home("home");
	unsetenv("CVSIGNORE");
	set_stdin(NULL, 0);
}

static void teardown(void)
{
	static const char *const extra[] = {"stdin.dat", "long1"};
	size_t i;

	for (i = 0; i < ARRAY_LEN(fixture_files); i++)
		unlink(fixture_files[i].name);
	for (i = 0; i < ARRAY_LEN(extra); i++)
		unlink(extra[i]);
	for (i = 0; i < ARRAY_LEN(fixture_dirs); i++)
		rmdir(fixture_dirs[i]);
	if (chdir(olddir) == 0)
		rmdir(fixdir);
}

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

#define HEX_CAP 96

static void hex_into(char *dst, const unsigned char *p, size_t n)
{
	size_t i, o = 0;

	dst[0] = '\0';
	for (i = 0; i < n && o + 8 < HEX_CAP; i++)
		o += (size_t)snprintf(dst + o, HEX_CAP - o, "%s%02X", i ? " " : "", p[i]);
	if (i < n)
		snprintf(dst + o, HEX_CAP - o, " ...");
}

/* The wire form of a list of rule texts: written out here from the format
 * (int32 little-endian length, the text; int32 0 at the end). */
static unsigned char *serialize(const char *const *rules, size_t *len)
{
	size_t n = 4, i, o = 0;
	unsigned char *b;

	for (i = 0; rules[i]; i++)
		n += 4 + strlen(rules[i]);
	b = malloc(n);
	ck_assert(b != NULL);
	for (i = 0; rules[i]; i++) {
		uint32_t l = (uint32_t)strlen(rules[i]);

		b[o++] = (unsigned char)l;
		b[o++] = (unsigned char)(l >> 8);
		b[o++] = (unsigned char)(l >> 16);
		b[o++] = (unsigned char)(l >> 24);
		memcpy(b + o, rules[i], l);
		o += l;
	}
	memset(b + o, 0, 4);
	*len = n;
	return b;
}

/* The first difference between two wire lists, for a failure message. */
static void describe_diff(char *out, size_t cap, const unsigned char *got, size_t got_len,
			  const unsigned char *exp, size_t exp_len)
{
	size_t i = 0;
	char g[HEX_CAP], e[HEX_CAP];

	while (i < got_len && i < exp_len && got[i] == exp[i])
		i++;
	hex_into(g, got + i, got_len - i);
	hex_into(e, exp + i, exp_len - i);
	snprintf(out, cap, "lengths %zu/%zu, from byte %zu got [%s] expected [%s]", got_len,
		 exp_len, i, g, e);
}

/* Copies of the arguments in exact-size heap blocks. */
struct heap_args {
	struct filter_arg a[24];
	char *s[24];
	int n;
};

static void heap_args_init(struct heap_args *h, const struct filter_arg *args, int n)
{
	int i;

	ck_assert(n <= (int)ARRAY_LEN(h->a));
	h->n = n;
	for (i = 0; i < n; i++) {
		h->a[i].kind = args[i].kind;
		h->s[i] = NULL;
		if (args[i].arg) {
			size_t l = strlen(args[i].arg) + 1;

			h->s[i] = malloc(l);
			ck_assert(h->s[i] != NULL);
			memcpy(h->s[i], args[i].arg, l);
		}
		h->a[i].arg = h->s[i];
	}
}

static void heap_args_free(struct heap_args *h)
{
	int i;

	for (i = 0; i < h->n; i++)
		free(h->s[i]);
}

/* Parses the arguments (copied to the heap) and requires success. */
static void build_ok(struct filter_list *fl, const struct filter_arg *args, int n, int from0)
{
	struct heap_args h;
	char err[1024];

	heap_args_init(&h, args, n);
	REQUIRE(filter_build(fl, h.a, n, from0, err, sizeof err) == 0, "filter_build: %s", err);
	heap_args_free(&h);
}

/* filter_wire's list must be exactly these rules. */
static void expect_wire(const char *what, const struct filter_list *fl, int for_sender,
			const struct filter_wire_opts *o, const char *const *rules)
{
	unsigned char *got, *exp;
	size_t got_len, exp_len;
	char err[1024], diff[400];

	got = filter_wire(fl, for_sender, o, &got_len, err, sizeof err);
	REQUIRE(got != NULL, "%s (%s, protocol %d): filter_wire failed: %s", what,
		for_sender ? "sender" : "receiver", o->protocol, err);
	exp = serialize(rules, &exp_len);
	if (got_len != exp_len || memcmp(got, exp, exp_len) != 0) {
		describe_diff(diff, sizeof diff, got, got_len, exp, exp_len);
		ck_abort_msg("%s (%s, protocol %d): %s", what, for_sender ? "sender" : "receiver",
			     o->protocol, diff);
	}
	free(got);
	free(exp);
}

static void expect_too_modern(const char *what, const struct filter_list *fl, int for_sender,
			      const struct filter_wire_opts *o)
{
	unsigned char *got;
	size_t len = 99;
	char err[1024];

	got = filter_wire(fl, for_sender, o, &len, err, sizeof err);
	REQUIRE(got == NULL, "%s (%s, protocol %d): filter_wire should fail", what,
		for_sender ? "sender" : "receiver", o->protocol);
	REQUIRE(strcmp(err, TOO_MODERN) == 0, "%s: message [%s]", what, err);
}

/* ------------------------------------------------------------------ */
/* The recorded vectors                                                */
/* ------------------------------------------------------------------ */

enum { PULL, PUSH };
#define P28 (1u << 28)
#define P29 (1u << 29)
#define P30 (1u << 30)
#define P31 (1u << 31)
#define P32 (1u << 0)	/* bit 32 would not fit */

static int proto_of_bit(int bit)
{
	return bit == 0 ? 32 : bit;
}

struct want {
	int mode;
	unsigned protos;
	int too_modern;		/* rsync: "filter rules are too modern ..." */
	const char *const *rules;
};

struct vector {
	const char *cmd;	/* the rsync options recorded */
	struct filter_arg args[16];
	int nargs;
	int from0, delete_excluded, cvs_exclude;
	const char *partial_dir;
	const char *cvsignore;	/* $CVSIGNORE */
	const char *home;	/* HOME, under the test directory */
	const char *in;		/* standard input */
	size_t in_len;
	int build_code;		/* filter_build fails: rsync's exit code... */
	const char *build_msg;	/* ...and message */
	struct want want[8];
};

/* rsync's CVS defaults, each with the prefix p. */
#define CVS_DEFAULTS(p)                                                             \
	p "RCS", p "SCCS", p "CVS", p "CVS.adm", p "RCSLOG", p "cvslog.*", p "tags",  \
	p "TAGS", p ".make.state", p ".nse_depinfo", p "*~", p "#*", p ".#*", p ",*", \
	p "_$*", p "*$", p "*.old", p "*.bak", p "*.BAK", p "*.orig", p "*.rej",      \
	p ".del-*", p "*.a", p "*.olb", p "*.o", p "*.obj", p "*.so", p "*.exe",      \
	p "*.Z", p "*.elc", p "*.ln", p "core", p ".svn/", p ".git/", p ".hg/",       \
	p ".bzr/"

static const struct vector vectors[] = {
	{
		.cmd = "'--exclude=*.o' '--filter=P keep'",
		.args = {{FA_EXCLUDE, "*.o"}, {FA_FILTER, "P keep"}},
		.nargs = 2,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- *.o", NULL}},
			{PULL, P28, .rules = (const char *const[]){"*.o", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- *.o", "-r keep", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"*.o", "keep", NULL}},
		},
	},
	{
		.cmd = "'--exclude=*.o' '--include=*.c' '--exclude=- x' '--include=- y' '--exclude=+ z' '--exclude=!x' --exclude=dir/ --exclude=/abs '--exclude=**/deep' '--exclude=a***' --exclude=/ --exclude=- '--exclude=+  q'",
		.args = {{FA_EXCLUDE, "*.o"}, {FA_INCLUDE, "*.c"}, {FA_EXCLUDE, "- x"}, {FA_INCLUDE, "- y"}, {FA_EXCLUDE, "+ z"}, {FA_EXCLUDE, "!x"}, {FA_EXCLUDE, "dir/"}, {FA_EXCLUDE, "/abs"}, {FA_EXCLUDE, "**/deep"}, {FA_EXCLUDE, "a***"}, {FA_EXCLUDE, "/"}, {FA_EXCLUDE, "-"}, {FA_EXCLUDE, "+  q"}},
		.nargs = 13,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- *.o", "+ *.c", "- x", "- y", "+ z", "- !x", "- dir/", "- /abs", "- **/deep", "- a***", "- /", "- -", "+  q", NULL}},
			{PULL, P28, .rules = (const char *const[]){"*.o", "+ *.c", "x", "y", "+ z", "!x", "dir/", "/abs", "**/deep", "a***", "/", "-", "+  q", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- *.o", "+ *.c", "- x", "- y", "+ z", "- !x", "- dir/", "- /abs", "- **/deep", "- a***", "- /", "- -", "+  q", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"*.o", "+ *.c", "x", "y", "+ z", "!x", "dir/", "/abs", "**/deep", "a***", "/", "-", "+  q", NULL}},
		},
	},
	{
		.cmd = "'--include=+ '",
		.args = {{FA_INCLUDE, "+ "}},
		.nargs = 1,
		.build_code = 1, .build_msg = "unexpected end of filter rule: + ",
	},
	{
		.cmd = "--filter=dir-merge",
		.args = {{FA_FILTER, "dir-merge"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "unexpected end of filter rule: dir-merge",
	},
	{
		.cmd = "--filter=:",
		.args = {{FA_FILTER, ":"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "unexpected end of filter rule: :",
	},
	{
		.cmd = "'--filter=exclude a' '--filter=- b' '--filter=include c' '--filter=+ d' '--filter=hide e' '--filter=H f' '--filter=show g' '--filter=S h' '--filter=protect i' '--filter=P j' '--filter=risk k' '--filter=R l' '--filter=dir-merge .m' '--filter=: .n'",
		.args = {{FA_FILTER, "exclude a"}, {FA_FILTER, "- b"}, {FA_FILTER, "include c"}, {FA_FILTER, "+ d"}, {FA_FILTER, "hide e"}, {FA_FILTER, "H f"}, {FA_FILTER, "show g"}, {FA_FILTER, "S h"}, {FA_FILTER, "protect i"}, {FA_FILTER, "P j"}, {FA_FILTER, "risk k"}, {FA_FILTER, "R l"}, {FA_FILTER, "dir-merge .m"}, {FA_FILTER, ": .n"}},
		.nargs = 14,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- a", "- b", "+ c", "+ d", "-s e", "-s f", "+s g", "+s h", ": .m", ": .n", NULL}},
			{PULL, P28, .too_modern = 1},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- a", "- b", "+ c", "+ d", "-r i", "-r j", "+r k", "+r l", ": .m", ": .n", NULL}},
			{PUSH, P28, .too_modern = 1},
		},
	},
	{
		.cmd = "'--filter=-/ a' '--filter=-! b' '--filter=-p c' '--filter=-x d' '--filter=-s e' '--filter=-r f' '--filter=-sr g' '--filter=+/!psrx h' '--filter=exclude,/ i' --filter=-_j --filter=include_k '--filter=-,p l' '--filter=hide,p m' '--filter=P,/ n' '--filter=exclude,sp o/'",
		.args = {{FA_FILTER, "-/ a"}, {FA_FILTER, "-! b"}, {FA_FILTER, "-p c"}, {FA_FILTER, "-x d"}, {FA_FILTER, "-s e"}, {FA_FILTER, "-r f"}, {FA_FILTER, "-sr g"}, {FA_FILTER, "+/!psrx h"}, {FA_FILTER, "exclude,/ i"}, {FA_FILTER, "-_j"}, {FA_FILTER, "include_k"}, {FA_FILTER, "-,p l"}, {FA_FILTER, "hide,p m"}, {FA_FILTER, "P,/ n"}, {FA_FILTER, "exclude,sp o/"}},
		.nargs = 15,
		.want = {
			{PULL, P32|P31|P30, .rules = (const char *const[]){"-/ a", "-! b", "-p c", "-x d", "-s e", "-sr g", "+/!xsrp h", "-/ i", "- j", "+ k", "-p l", "-sp m", "-sp o/", NULL}},
			{PULL, P29, .rules = (const char *const[]){"-/ a", "-! b", "- c", "-x d", "-s e", "-sr g", "+/!xsr h", "-/ i", "- j", "+ k", "- l", "-s m", "-s o/", NULL}},
			{PULL, P28, .too_modern = 1},
			{PUSH, P32|P31|P30, .rules = (const char *const[]){"-/ a", "-! b", "-p c", "-x d", "-r f", "-sr g", "+/!xsrp h", "-/ i", "- j", "+ k", "-p l", "-/r n", NULL}},
			{PUSH, P29|P28, .too_modern = 1},
		},
	},
	{
		.cmd = "'--filter=:n .a' '--filter=:e .b' '--filter=:w .c' '--filter=:- .d' '--filter=:+ .e' --filter=:C '--filter=:Cn .f' '--filter=:en- .g' '--filter=:s .h' '--filter=:r .i' '--filter=dir-merge,/ /x/.j' '--filter=:p .k' '--filter=:x .l' '--filter=:e sub/.q'",
		.args = {{FA_FILTER, ":n .a"}, {FA_FILTER, ":e .b"}, {FA_FILTER, ":w .c"}, {FA_FILTER, ":- .d"}, {FA_FILTER, ":+ .e"}, {FA_FILTER, ":C"}, {FA_FILTER, ":Cn .f"}, {FA_FILTER, ":en- .g"}, {FA_FILTER, ":s .h"}, {FA_FILTER, ":r .i"}, {FA_FILTER, "dir-merge,/ /x/.j"}, {FA_FILTER, ":p .k"}, {FA_FILTER, ":x .l"}, {FA_FILTER, ":e sub/.q"}},
		.nargs = 14,
		.want = {
			{PULL, P32|P31|P30, .rules = (const char *const[]){":n .a", "- .b", ": .b", ":w .c", ":- .d", ":+ .e", ":C .cvsignore", ":C .f", "- .g", ":n- .g", ":s .h", ":/ /x/.j", ":p .k", ":x .l", "- .q", ": sub/.q", NULL}},
			{PULL, P29, .rules = (const char *const[]){":n .a", "- .b", ": .b", ":w .c", ":- .d", ":+ .e", ":C .cvsignore", ":C .f", "- .g", ":n- .g", ":s .h", ":/ /x/.j", ": .k", ":x .l", "- .q", ": sub/.q", NULL}},
			{PULL, P28, .too_modern = 1},
			{PUSH, P32|P31|P30, .rules = (const char *const[]){":n .a", "- .b", ": .b", ":w .c", ":- .d", ":+ .e", ":C .cvsignore", ":C .f", "- .g", ":n- .g", ":r .i", ":/ /x/.j", ":p .k", ":x .l", "- .q", ": sub/.q", NULL}},
			{PUSH, P29|P28, .too_modern = 1},
		},
	},
	{
		.cmd = "'--filter=S a' '--filter=R b' '--filter=show,p c' '--filter=risk,/ d'",
		.args = {{FA_FILTER, "S a"}, {FA_FILTER, "R b"}, {FA_FILTER, "show,p c"}, {FA_FILTER, "risk,/ d"}},
		.nargs = 4,
		.want = {
			{PULL, P32|P31|P30, .rules = (const char *const[]){"+s a", "+sp c", NULL}},
			{PULL, P29, .rules = (const char *const[]){"+s a", "+s c", NULL}},
			{PULL, P28, .rules = (const char *const[]){"+ a", "+ c", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"+r b", "+/r d", NULL}},
			{PUSH, P28, .too_modern = 1},
		},
	},
	{
		.cmd = "'--filter=-! a' '--filter=-/ b' '--filter=+p c' '--filter=-x d'",
		.args = {{FA_FILTER, "-! a"}, {FA_FILTER, "-/ b"}, {FA_FILTER, "+p c"}, {FA_FILTER, "-x d"}},
		.nargs = 4,
		.want = {
			{PULL, P32|P31|P30, .rules = (const char *const[]){"-! a", "-/ b", "+p c", "-x d", NULL}},
			{PULL, P29, .rules = (const char *const[]){"-! a", "-/ b", "+ c", "-x d", NULL}},
			{PULL, P28, .too_modern = 1},
			{PUSH, P32|P31|P30, .rules = (const char *const[]){"-! a", "-/ b", "+p c", "-x d", NULL}},
			{PUSH, P29|P28, .too_modern = 1},
		},
	},
	{
		.cmd = "'--filter=-p a'",
		.args = {{FA_FILTER, "-p a"}},
		.nargs = 1,
		.want = {
			{PULL, P32|P31|P30, .rules = (const char *const[]){"-p a", NULL}},
			{PULL, P29, .rules = (const char *const[]){"- a", NULL}},
			{PULL, P28, .rules = (const char *const[]){"a", NULL}},
			{PUSH, P32|P31|P30, .rules = (const char *const[]){"-p a", NULL}},
			{PUSH, P29|P28, .too_modern = 1},
		},
	},
	{
		.cmd = "'--filter=:w .a'",
		.args = {{FA_FILTER, ":w .a"}},
		.nargs = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){":w .a", NULL}},
			{PULL, P28, .too_modern = 1},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){":w .a", NULL}},
			{PUSH, P28, .too_modern = 1},
		},
	},
	{
		.cmd = "'--exclude=- x' '--exclude=+ y' '--include=- z' --exclude=-x '--filter=- - a' '--filter=- + b' '--filter=+ - c'",
		.args = {{FA_EXCLUDE, "- x"}, {FA_EXCLUDE, "+ y"}, {FA_INCLUDE, "- z"}, {FA_EXCLUDE, "-x"}, {FA_FILTER, "- - a"}, {FA_FILTER, "- + b"}, {FA_FILTER, "+ - c"}},
		.nargs = 7,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- x", "+ y", "- z", "- -x", "- - a", "- + b", "+ - c", NULL}},
			{PULL, P28, .rules = (const char *const[]){"x", "+ y", "z", "-x", "- - a", "- + b", "+ - c", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- x", "+ y", "- z", "- -x", "- - a", "- + b", "+ - c", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"x", "+ y", "z", "-x", "- - a", "- + b", "+ - c", NULL}},
		},
	},
	{
		.cmd = "--exclude=a/ --exclude=/ --exclude=// --exclude=b// '--include=**/' '--exclude=***'",
		.args = {{FA_EXCLUDE, "a/"}, {FA_EXCLUDE, "/"}, {FA_EXCLUDE, "//"}, {FA_EXCLUDE, "b//"}, {FA_INCLUDE, "**/"}, {FA_EXCLUDE, "***"}},
		.nargs = 6,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- a/", "- /", "- //", "- b//", "+ **/", "- ***", NULL}},
			{PULL, P28, .rules = (const char *const[]){"a/", "/", "//", "b//", "+ **/", "***", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- a/", "- /", "- //", "- b//", "+ **/", "- ***", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"a/", "/", "//", "b//", "+ **/", "***", NULL}},
		},
	},
	{
		.cmd = "'--filter=- a b' --filter=exclude_a_b --filter=+_x --filter=:_.f",
		.args = {{FA_FILTER, "- a b"}, {FA_FILTER, "exclude_a_b"}, {FA_FILTER, "+_x"}, {FA_FILTER, ":_.f"}},
		.nargs = 4,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- a b", "- a_b", "+ x", ": .f", NULL}},
			{PULL, P28, .too_modern = 1},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- a b", "- a_b", "+ x", ": .f", NULL}},
			{PUSH, P28, .too_modern = 1},
		},
	},
	{
		.cmd = "--exclude= --filter= --exclude-from= --include= --exclude=x",
		.args = {{FA_EXCLUDE, ""}, {FA_FILTER, ""}, {FA_EXCLUDE_FROM, ""}, {FA_INCLUDE, ""}, {FA_EXCLUDE, "x"}},
		.nargs = 5,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- x", NULL}},
			{PULL, P28, .rules = (const char *const[]){"x", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- x", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"x", NULL}},
		},
	},
	{
		.cmd = "--exclude=a '--filter=!' --exclude=b",
		.args = {{FA_EXCLUDE, "a"}, {FA_FILTER, "!"}, {FA_EXCLUDE, "b"}},
		.nargs = 3,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- b", NULL}},
			{PULL, P28, .rules = (const char *const[]){"b", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- b", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"b", NULL}},
		},
	},
	{
		.cmd = "--exclude=a --filter=clear --exclude=b '--exclude=!' --include=c '--filter=!,'",
		.args = {{FA_EXCLUDE, "a"}, {FA_FILTER, "clear"}, {FA_EXCLUDE, "b"}, {FA_EXCLUDE, "!"}, {FA_INCLUDE, "c"}, {FA_FILTER, "!,"}},
		.nargs = 6,
		.want = {
			{PULL, P32|P31|P30|P29|P28, .rules = (const char *const[]){NULL}},
			{PUSH, P32|P31|P30|P29|P28, .rules = (const char *const[]){NULL}},
		},
	},
	{
		.cmd = "-F",
		.args = {{FA_F, NULL}},
		.nargs = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){": /.rsync-filter", NULL}},
			{PULL, P28, .too_modern = 1},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){": /.rsync-filter", NULL}},
			{PUSH, P28, .too_modern = 1},
		},
	},
	{
		.cmd = "-F -F",
		.args = {{FA_F, NULL}, {FA_F, NULL}},
		.nargs = 2,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){": /.rsync-filter", "- .rsync-filter", NULL}},
			{PULL, P28, .too_modern = 1},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){": /.rsync-filter", "- .rsync-filter", NULL}},
			{PUSH, P28, .too_modern = 1},
		},
	},
	{
		.cmd = "-F -F -F --exclude=x",
		.args = {{FA_F, NULL}, {FA_F, NULL}, {FA_F, NULL}, {FA_EXCLUDE, "x"}},
		.nargs = 4,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){": /.rsync-filter", "- .rsync-filter", "- x", NULL}},
			{PULL, P28, .too_modern = 1},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){": /.rsync-filter", "- .rsync-filter", "- x", NULL}},
			{PUSH, P28, .too_modern = 1},
		},
	},
	{
		.cmd = "-F '--filter=: .rsync-filter' '--filter=dir-merge /a/.rsync-filter' '--filter=: .other'",
		.args = {{FA_F, NULL}, {FA_FILTER, ": .rsync-filter"}, {FA_FILTER, "dir-merge /a/.rsync-filter"}, {FA_FILTER, ": .other"}},
		.nargs = 4,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){": /.rsync-filter", ": .other", NULL}},
			{PULL, P28, .too_modern = 1},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){": /.rsync-filter", ": .other", NULL}},
			{PUSH, P28, .too_modern = 1},
		},
	},
	{
		.cmd = "'--filter=dir-merge,e .x' '--filter=dir-merge,e sub/.x'",
		.args = {{FA_FILTER, "dir-merge,e .x"}, {FA_FILTER, "dir-merge,e sub/.x"}},
		.nargs = 2,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- .x", ": .x", "- .x", NULL}},
			{PULL, P28, .too_modern = 1},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- .x", ": .x", "- .x", NULL}},
			{PUSH, P28, .too_modern = 1},
		},
	},
	{
		.cmd = "--filter=:C --filter=:C -F -F '--filter=: .cvsignore'",
		.args = {{FA_FILTER, ":C"}, {FA_FILTER, ":C"}, {FA_F, NULL}, {FA_F, NULL}, {FA_FILTER, ": .cvsignore"}},
		.nargs = 5,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){":C .cvsignore", ": /.rsync-filter", "- .rsync-filter", NULL}},
			{PULL, P28, .too_modern = 1},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){":C .cvsignore", ": /.rsync-filter", "- .rsync-filter", NULL}},
			{PUSH, P28, .too_modern = 1},
		},
	},
	{
		.cmd = "--delete-excluded --exclude=a --include=b '--filter=P c' '--filter=H d' '--filter=: .e' '--filter=:- .f' '--filter=-r g'",
		.args = {{FA_DELETE_EXCLUDED, NULL}, {FA_EXCLUDE, "a"}, {FA_INCLUDE, "b"}, {FA_FILTER, "P c"}, {FA_FILTER, "H d"}, {FA_FILTER, ": .e"}, {FA_FILTER, ":- .f"}, {FA_FILTER, "-r g"}},
		.nargs = 8,
		.delete_excluded = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"-s a", "+s b", "-s d", ": .e", ":- .f", NULL}},
			{PULL, P28, .too_modern = 1},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"-r c", ": .e", "-r g", NULL}},
		},
	},
	{
		.cmd = "--exclude=a --include=b --delete-excluded '--filter=-r g' '--filter=: .e' '--filter=:+ .f'",
		.args = {{FA_EXCLUDE, "a"}, {FA_INCLUDE, "b"}, {FA_DELETE_EXCLUDED, NULL}, {FA_FILTER, "-r g"}, {FA_FILTER, ": .e"}, {FA_FILTER, ":+ .f"}},
		.nargs = 6,
		.delete_excluded = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- a", "+ b", ": .e", ":+ .f", NULL}},
			{PULL, P28, .too_modern = 1},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"-r g", ": .e", NULL}},
		},
	},
	{
		.cmd = "--delete-excluded -F -F --partial-dir=pd -C --exclude-from=ex1",
		.args = {{FA_DELETE_EXCLUDED, NULL}, {FA_F, NULL}, {FA_F, NULL}, {FA_EXCLUDE_FROM, "ex1"}},
		.nargs = 4,
		.delete_excluded = 1,
		.cvs_exclude = 1,
		.partial_dir = "pd",
		.want = {
			{PULL, P32|P31|P30, .rules = (const char *const[]){": /.rsync-filter", "-s .rsync-filter", "-s a", "+s b", "-s c/", "-s !x", "-s d e", "-s \\#h", "-sp pd/", NULL}},
			{PULL, P29, .rules = (const char *const[]){": /.rsync-filter", "-s .rsync-filter", "-s a", "+s b", "-s c/", "-s !x", "-s d e", "-s \\#h", "-s pd/", NULL}},
			{PULL, P28, .too_modern = 1},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){": /.rsync-filter", NULL}},
		},
	},
	{
		.cmd = "--delete-excluded '--filter=merge m1'",
		.args = {{FA_DELETE_EXCLUDED, NULL}, {FA_FILTER, "merge m1"}},
		.nargs = 2,
		.delete_excluded = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"-s x", "+s y/", "-s h", ": .pf", "-s fromm2", "-s sx", NULL}},
			{PULL, P28, .too_modern = 1},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"-r p", ": .pf", NULL}},
		},
	},
	{
		.cmd = "-C",
		.args = {},
		.nargs = 0,
		.cvs_exclude = 1,
		.want = {
			{PULL, P32|P31|P30|P29|P28, .rules = (const char *const[]){NULL}},
			{PUSH, P32|P31|P30, .rules = (const char *const[]){":C .cvsignore", CVS_DEFAULTS("-p "), "- h1", "- h2", NULL}},
			{PUSH, P29, .rules = (const char *const[]){":C .cvsignore", CVS_DEFAULTS("- "), "- h1", "- h2", NULL}},
			{PUSH, P28, .rules = (const char *const[]){CVS_DEFAULTS(""), "h1", "h2", NULL}},
		},
	},
	{
		.cmd = "-C --exclude=x '--filter=P y'",
		.args = {{FA_EXCLUDE, "x"}, {FA_FILTER, "P y"}},
		.nargs = 2,
		.cvs_exclude = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- x", NULL}},
			{PULL, P28, .rules = (const char *const[]){"x", NULL}},
			{PUSH, P32|P31|P30, .rules = (const char *const[]){"- x", "-r y", ":C .cvsignore", CVS_DEFAULTS("-p "), "- h1", "- h2", NULL}},
			{PUSH, P29, .rules = (const char *const[]){"- x", "-r y", ":C .cvsignore", CVS_DEFAULTS("- "), "- h1", "- h2", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"x", "y", CVS_DEFAULTS(""), "h1", "h2", NULL}},
		},
	},
	{
		.cmd = "--filter=-C --exclude=x",
		.args = {{FA_FILTER, "-C"}, {FA_EXCLUDE, "x"}},
		.nargs = 2,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"-C ", "- x", NULL}},
			{PULL, P28, .rules = (const char *const[]){CVS_DEFAULTS(""), "h1", "h2", "x", NULL}},
			{PUSH, P32|P31|P30, .rules = (const char *const[]){CVS_DEFAULTS("-p "), "- h1", "- h2", "- x", NULL}},
			{PUSH, P29, .rules = (const char *const[]){CVS_DEFAULTS("- "), "- h1", "- h2", "- x", NULL}},
			{PUSH, P28, .rules = (const char *const[]){CVS_DEFAULTS(""), "h1", "h2", "x", NULL}},
		},
	},
	{
		.cmd = "--filter=:C -C",
		.args = {{FA_FILTER, ":C"}},
		.nargs = 1,
		.cvs_exclude = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){":C .cvsignore", NULL}},
			{PULL, P28, .too_modern = 1},
			{PUSH, P32|P31|P30, .rules = (const char *const[]){":C .cvsignore", CVS_DEFAULTS("-p "), "- h1", "- h2", NULL}},
			{PUSH, P29, .rules = (const char *const[]){":C .cvsignore", CVS_DEFAULTS("- "), "- h1", "- h2", NULL}},
			{PUSH, P28, .too_modern = 1},
		},
	},
	{
		.cmd = "CVSIGNORE=e1 e2/  e3 -C",
		.args = {},
		.nargs = 0,
		.cvs_exclude = 1,
		.cvsignore = "e1 e2/  e3",
		.want = {
			{PULL, P32|P31|P30|P29|P28, .rules = (const char *const[]){NULL}},
			{PUSH, P32|P31|P30, .rules = (const char *const[]){":C .cvsignore", CVS_DEFAULTS("-p "), "- h1", "- h2", "- e1", "- e2/", "- e3", NULL}},
			{PUSH, P29, .rules = (const char *const[]){":C .cvsignore", CVS_DEFAULTS("- "), "- h1", "- h2", "- e1", "- e2/", "- e3", NULL}},
			{PUSH, P28, .rules = (const char *const[]){CVS_DEFAULTS(""), "h1", "h2", "e1", "e2/", "e3", NULL}},
		},
	},
	{
		.cmd = "CVSIGNORE=q1 ! q2 !x --filter=-C",
		.args = {{FA_FILTER, "-C"}},
		.nargs = 1,
		.cvsignore = "q1 ! q2 !x",
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"-C ", NULL}},
			{PULL, P28, .rules = (const char *const[]){"q2", "!x", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- q2", "- !x", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"q2", "!x", NULL}},
		},
	},
	{
		.cmd = "HOME=home2 -C",
		.args = {},
		.nargs = 0,
		.cvs_exclude = 1,
		.home = "home2",
		.want = {
			{PULL, P32|P31|P30|P29|P28, .rules = (const char *const[]){NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){":C .cvsignore", "- h3", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"h3", NULL}},
		},
	},
	{
		.cmd = "HOME=nohome -C",
		.args = {},
		.nargs = 0,
		.cvs_exclude = 1,
		.home = "nohome",
		.want = {
			{PULL, P32|P31|P30|P29|P28, .rules = (const char *const[]){NULL}},
			{PUSH, P32|P31|P30, .rules = (const char *const[]){":C .cvsignore", CVS_DEFAULTS("-p "), NULL}},
			{PUSH, P29, .rules = (const char *const[]){":C .cvsignore", CVS_DEFAULTS("- "), NULL}},
			{PUSH, P28, .rules = (const char *const[]){CVS_DEFAULTS(""), NULL}},
		},
	},
	{
		.cmd = "-C --delete-excluded",
		.args = {{FA_DELETE_EXCLUDED, NULL}},
		.nargs = 1,
		.delete_excluded = 1,
		.cvs_exclude = 1,
		.want = {
			{PULL, P32|P31|P30|P29|P28, .rules = (const char *const[]){NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){NULL}},
		},
	},
	{
		.cmd = "--delete-excluded --filter=-C",
		.args = {{FA_DELETE_EXCLUDED, NULL}, {FA_FILTER, "-C"}},
		.nargs = 2,
		.delete_excluded = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"-Cs ", NULL}},
			{PULL, P28, .rules = (const char *const[]){CVS_DEFAULTS(""), "h1", "h2", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){NULL}},
		},
	},
	{
		.cmd = "--filter=-Cr",
		.args = {{FA_FILTER, "-Cr"}},
		.nargs = 1,
		.want = {
			{PULL, P32|P31|P30|P29|P28, .rules = (const char *const[]){NULL}},
			{PUSH, P32|P31|P30, .rules = (const char *const[]){CVS_DEFAULTS("-rp "), "-r h1", "-r h2", NULL}},
			{PUSH, P29, .rules = (const char *const[]){CVS_DEFAULTS("-r "), "-r h1", "-r h2", NULL}},
			{PUSH, P28, .rules = (const char *const[]){CVS_DEFAULTS(""), "h1", "h2", NULL}},
		},
	},
	{
		.cmd = "--filter=-Cs",
		.args = {{FA_FILTER, "-Cs"}},
		.nargs = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"-Cs ", NULL}},
			{PULL, P28, .rules = (const char *const[]){CVS_DEFAULTS(""), "h1", "h2", NULL}},
			{PUSH, P32|P31|P30|P29|P28, .rules = (const char *const[]){NULL}},
		},
	},
	{
		.cmd = "'--filter=-C/!'",
		.args = {{FA_FILTER, "-C/!"}},
		.nargs = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"-/!C ", NULL}},
			{PULL, P28, .too_modern = 1},
			{PUSH, P32|P31|P30, .rules = (const char *const[]){CVS_DEFAULTS("-/!p "), "-/! h1", "-/! h2", NULL}},
			{PUSH, P29, .rules = (const char *const[]){CVS_DEFAULTS("-/! "), "-/! h1", "-/! h2", NULL}},
			{PUSH, P28, .too_modern = 1},
		},
	},
	{
		.cmd = "CVSIGNORE=k --filter=+C",
		.args = {{FA_FILTER, "+C"}},
		.nargs = 1,
		.cvsignore = "k",
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"+C ", NULL}},
			{PULL, P28, .rules = (const char *const[]){CVS_DEFAULTS("+ "), "+ h1", "+ h2", "+ k", NULL}},
			{PUSH, P32|P31|P30, .rules = (const char *const[]){CVS_DEFAULTS("+p "), "+ h1", "+ h2", "+ k", NULL}},
			{PUSH, P29|P28, .rules = (const char *const[]){CVS_DEFAULTS("+ "), "+ h1", "+ h2", "+ k", NULL}},
		},
	},
	{
		.cmd = "--filter=-C --filter=-C -C",
		.args = {{FA_FILTER, "-C"}, {FA_FILTER, "-C"}},
		.nargs = 2,
		.cvs_exclude = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"-C ", "-C ", NULL}},
			{PULL, P28, .rules = (const char *const[]){CVS_DEFAULTS(""), "h1", "h2", CVS_DEFAULTS(""), "h1", "h2", NULL}},
			{PUSH, P32|P31|P30, .rules = (const char *const[]){CVS_DEFAULTS("-p "), "- h1", "- h2", CVS_DEFAULTS("-p "), "- h1", "- h2", ":C .cvsignore", CVS_DEFAULTS("-p "), "- h1", "- h2", NULL}},
			{PUSH, P29, .rules = (const char *const[]){CVS_DEFAULTS("- "), "- h1", "- h2", CVS_DEFAULTS("- "), "- h1", "- h2", ":C .cvsignore", CVS_DEFAULTS("- "), "- h1", "- h2", NULL}},
			{PUSH, P28, .rules = (const char *const[]){CVS_DEFAULTS(""), "h1", "h2", CVS_DEFAULTS(""), "h1", "h2", CVS_DEFAULTS(""), "h1", "h2", NULL}},
		},
	},
	{
		.cmd = "--filter=-C '--filter=!' -C",
		.args = {{FA_FILTER, "-C"}, {FA_FILTER, "!"}},
		.nargs = 2,
		.cvs_exclude = 1,
		.want = {
			{PULL, P32|P31|P30|P29|P28, .rules = (const char *const[]){NULL}},
			{PUSH, P32|P31|P30, .rules = (const char *const[]){":C .cvsignore", CVS_DEFAULTS("-p "), "- h1", "- h2", NULL}},
			{PUSH, P29, .rules = (const char *const[]){":C .cvsignore", CVS_DEFAULTS("- "), "- h1", "- h2", NULL}},
			{PUSH, P28, .rules = (const char *const[]){CVS_DEFAULTS(""), "h1", "h2", NULL}},
		},
	},
	{
		.cmd = "--partial-dir=.p",
		.args = {},
		.nargs = 0,
		.partial_dir = ".p",
		.want = {
			{PULL, P32|P31|P30, .rules = (const char *const[]){"-p .p/", NULL}},
			{PULL, P29, .rules = (const char *const[]){"- .p/", NULL}},
			{PULL, P28, .rules = (const char *const[]){".p/", NULL}},
			{PUSH, P32|P31|P30, .rules = (const char *const[]){"-p .p/", NULL}},
			{PUSH, P29, .rules = (const char *const[]){"- .p/", NULL}},
			{PUSH, P28, .rules = (const char *const[]){".p/", NULL}},
		},
	},
	{
		.cmd = "--partial-dir=.p --delete-excluded",
		.args = {{FA_DELETE_EXCLUDED, NULL}},
		.nargs = 1,
		.delete_excluded = 1,
		.partial_dir = ".p",
		.want = {
			{PULL, P32|P31|P30, .rules = (const char *const[]){"-sp .p/", NULL}},
			{PULL, P29, .rules = (const char *const[]){"-s .p/", NULL}},
			{PULL, P28, .rules = (const char *const[]){".p/", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){NULL}},
		},
	},
	{
		.cmd = "--partial-dir=a/b --exclude=x -C",
		.args = {{FA_EXCLUDE, "x"}},
		.nargs = 1,
		.cvs_exclude = 1,
		.partial_dir = "a/b",
		.want = {
			{PULL, P32|P31|P30, .rules = (const char *const[]){"- x", "-p a/b/", NULL}},
			{PULL, P29, .rules = (const char *const[]){"- x", "- a/b/", NULL}},
			{PULL, P28, .rules = (const char *const[]){"x", "a/b/", NULL}},
			{PUSH, P32|P31|P30, .rules = (const char *const[]){"- x", "-p a/b/", ":C .cvsignore", CVS_DEFAULTS("-p "), "- h1", "- h2", NULL}},
			{PUSH, P29, .rules = (const char *const[]){"- x", "- a/b/", ":C .cvsignore", CVS_DEFAULTS("- "), "- h1", "- h2", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"x", "a/b/", CVS_DEFAULTS(""), "h1", "h2", NULL}},
		},
	},
	{
		.cmd = "--exclude-from=ex1",
		.args = {{FA_EXCLUDE_FROM, "ex1"}},
		.nargs = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- a", "+ b", "- c/", "- !x", "- d e", "- \\#h", NULL}},
			{PULL, P28, .rules = (const char *const[]){"a", "+ b", "c/", "!x", "d e", "\\#h", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- a", "+ b", "- c/", "- !x", "- d e", "- \\#h", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"a", "+ b", "c/", "!x", "d e", "\\#h", NULL}},
		},
	},
	{
		.cmd = "--include-from=ex1",
		.args = {{FA_INCLUDE_FROM, "ex1"}},
		.nargs = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- a", "+ b", "+ c/", "+ !x", "+ d e", "- \\#h", NULL}},
			{PULL, P28, .rules = (const char *const[]){"a", "+ b", "+ c/", "+ !x", "+ d e", "\\#h", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- a", "+ b", "+ c/", "+ !x", "+ d e", "- \\#h", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"a", "+ b", "+ c/", "+ !x", "+ d e", "\\#h", NULL}},
		},
	},
	{
		.cmd = "--include-from=inc1 '--exclude=*'",
		.args = {{FA_INCLUDE_FROM, "inc1"}, {FA_EXCLUDE, "*"}},
		.nargs = 2,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"+ inc/", "+ *", "- *", NULL}},
			{PULL, P28, .rules = (const char *const[]){"+ inc/", "+ *", "*", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"+ inc/", "+ *", "- *", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"+ inc/", "+ *", "*", NULL}},
		},
	},
	{
		.cmd = "--from0 --exclude-from=z0",
		.args = {{FA_EXCLUDE_FROM, "z0"}},
		.nargs = 1,
		.from0 = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- a", "- b", "+ c", "- e\nf", NULL}},
			{PULL, P28, .rules = (const char *const[]){"a", "b", "+ c", "e\nf", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- a", "- b", "+ c", "- e\nf", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"a", "b", "+ c", "e\nf", NULL}},
		},
	},
	{
		.cmd = "--exclude-from=z0",
		.args = {{FA_EXCLUDE_FROM, "z0"}},
		.nargs = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- a", "- f", NULL}},
			{PULL, P28, .rules = (const char *const[]){"a", "f", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- a", "- f", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"a", "f", NULL}},
		},
	},
	{
		.cmd = "--from0 --include-from=crlf",
		.args = {{FA_INCLUDE_FROM, "crlf"}},
		.nargs = 1,
		.from0 = 1,
		.want = {
			{PULL, P32|P31|P30|P29|P28, .rules = (const char *const[]){"+ a\r\nb\rc\n\r\nd", NULL}},
			{PUSH, P32|P31|P30|P29|P28, .rules = (const char *const[]){"+ a\r\nb\rc\n\r\nd", NULL}},
		},
	},
	{
		.cmd = "--exclude-from=crlf",
		.args = {{FA_EXCLUDE_FROM, "crlf"}},
		.nargs = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- a", "- b", "- c", "- d", NULL}},
			{PULL, P28, .rules = (const char *const[]){"a", "b", "c", "d", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- a", "- b", "- c", "- d", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"a", "b", "c", "d", NULL}},
		},
	},
	{
		.cmd = "--exclude-from=crw",
		.args = {{FA_EXCLUDE_FROM, "crw"}},
		.nargs = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- a", "- b", "- c ", NULL}},
			{PULL, P28, .rules = (const char *const[]){"a", "b", "c ", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- a", "- b", "- c ", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"a", "b", "c ", NULL}},
		},
	},
	{
		.cmd = "--from0 --exclude-from=cr0",
		.args = {{FA_EXCLUDE_FROM, "cr0"}},
		.nargs = 1,
		.from0 = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- x\ry", "- z\r\n", NULL}},
			{PULL, P28, .rules = (const char *const[]){"x\ry", "z\r\n", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- x\ry", "- z\r\n", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"x\ry", "z\r\n", NULL}},
		},
	},
	{
		.cmd = "--exclude-from=cr0",
		.args = {{FA_EXCLUDE_FROM, "cr0"}},
		.nargs = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- x", "- y", NULL}},
			{PULL, P28, .rules = (const char *const[]){"x", "y", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- x", "- y", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"x", "y", NULL}},
		},
	},
	{
		.cmd = "'--filter=merge m1'",
		.args = {{FA_FILTER, "merge m1"}},
		.nargs = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- x", "+ y/", "-s h", ": .pf", "- fromm2", "-s sx", NULL}},
			{PULL, P28, .too_modern = 1},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- x", "+ y/", "-r p", ": .pf", "- fromm2", NULL}},
			{PUSH, P28, .too_modern = 1},
		},
	},
	{
		.cmd = "'--filter=. m1' --exclude=after",
		.args = {{FA_FILTER, ". m1"}, {FA_EXCLUDE, "after"}},
		.nargs = 2,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- x", "+ y/", "-s h", ": .pf", "- fromm2", "-s sx", "- after", NULL}},
			{PULL, P28, .too_modern = 1},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- x", "+ y/", "-r p", ": .pf", "- fromm2", "- after", NULL}},
			{PUSH, P28, .too_modern = 1},
		},
	},
	{
		.cmd = "'--filter=merge,s m2'",
		.args = {{FA_FILTER, "merge,s m2"}},
		.nargs = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"-s fromm2", NULL}},
			{PULL, P28, .rules = (const char *const[]){"fromm2", NULL}},
			{PUSH, P32|P31|P30|P29|P28, .rules = (const char *const[]){NULL}},
		},
	},
	{
		.cmd = "'--filter=merge,r m2'",
		.args = {{FA_FILTER, "merge,r m2"}},
		.nargs = 1,
		.want = {
			{PULL, P32|P31|P30|P29|P28, .rules = (const char *const[]){NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"-r fromm2", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"fromm2", NULL}},
		},
	},
	{
		.cmd = "'--filter=merge,p m2'",
		.args = {{FA_FILTER, "merge,p m2"}},
		.nargs = 1,
		.want = {
			{PULL, P32|P31|P30, .rules = (const char *const[]){"-p fromm2", NULL}},
			{PULL, P29, .rules = (const char *const[]){"- fromm2", NULL}},
			{PULL, P28, .rules = (const char *const[]){"fromm2", NULL}},
			{PUSH, P32|P31|P30, .rules = (const char *const[]){"-p fromm2", NULL}},
			{PUSH, P29|P28, .too_modern = 1},
		},
	},
	{
		.cmd = "'--filter=merge,/ m2'",
		.args = {{FA_FILTER, "merge,/ m2"}},
		.nargs = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"-/ fromm2", NULL}},
			{PULL, P28, .too_modern = 1},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"-/ fromm2", NULL}},
			{PUSH, P28, .too_modern = 1},
		},
	},
	{
		.cmd = "'--filter=merge,- mnp'",
		.args = {{FA_FILTER, "merge,- mnp"}},
		.nargs = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- - x", "- + y", "- !", "- z", NULL}},
			{PULL, P28, .rules = (const char *const[]){"- - x", "- + y", "!", "z", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- - x", "- + y", "- !", "- z", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"- - x", "- + y", "!", "z", NULL}},
		},
	},
	{
		.cmd = "'--filter=merge,+ mnp'",
		.args = {{FA_FILTER, "merge,+ mnp"}},
		.nargs = 1,
		.want = {
			{PULL, P32|P31|P30|P29|P28, .rules = (const char *const[]){"+ - x", "+ + y", "+ !", "+ z", NULL}},
			{PUSH, P32|P31|P30|P29|P28, .rules = (const char *const[]){"+ - x", "+ + y", "+ !", "+ z", NULL}},
		},
	},
	{
		.cmd = "'--filter=merge,-w mw'",
		.args = {{FA_FILTER, "merge,-w mw"}},
		.nargs = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- a", "- b", "- c", "- d", "- -", "- e", NULL}},
			{PULL, P28, .rules = (const char *const[]){"a", "b", "c", "d", "-", "e", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- a", "- b", "- c", "- d", "- -", "- e", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"a", "b", "c", "d", "-", "e", NULL}},
		},
	},
	{
		.cmd = "'--filter=merge,C mc'",
		.args = {{FA_FILTER, "merge,C mc"}},
		.nargs = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- c", "- d", NULL}},
			{PULL, P28, .rules = (const char *const[]){"c", "d", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- c", "- d", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"c", "d", NULL}},
		},
	},
	{
		.cmd = "'--filter=.C mc'",
		.args = {{FA_FILTER, ".C mc"}},
		.nargs = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- c", "- d", NULL}},
			{PULL, P28, .rules = (const char *const[]){"c", "d", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- c", "- d", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"c", "d", NULL}},
		},
	},
	{
		.cmd = "'--filter=merge,e m2'",
		.args = {{FA_FILTER, "merge,e m2"}},
		.nargs = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- m2", "- fromm2", NULL}},
			{PULL, P28, .rules = (const char *const[]){"m2", "fromm2", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- m2", "- fromm2", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"m2", "fromm2", NULL}},
		},
	},
	{
		.cmd = "'--filter=merge,e ./sub/ms'",
		.args = {{FA_FILTER, "merge,e ./sub/ms"}},
		.nargs = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- ms", "- insub", NULL}},
			{PULL, P28, .rules = (const char *const[]){"ms", "insub", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- ms", "- insub", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"ms", "insub", NULL}},
		},
	},
	{
		.cmd = "'--filter=merge,n m2'",
		.args = {{FA_FILTER, "merge,n m2"}},
		.nargs = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- fromm2", NULL}},
			{PULL, P28, .rules = (const char *const[]){"fromm2", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- fromm2", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"fromm2", NULL}},
		},
	},
	{
		.cmd = "'--filter=merge,x m2'",
		.args = {{FA_FILTER, "merge,x m2"}},
		.nargs = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- fromm2", NULL}},
			{PULL, P28, .rules = (const char *const[]){"fromm2", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- fromm2", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"fromm2", NULL}},
		},
	},
	{
		.cmd = "'--filter=merge mclr' --exclude=z",
		.args = {{FA_FILTER, "merge mclr"}, {FA_EXCLUDE, "z"}},
		.nargs = 2,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- two", "- z", NULL}},
			{PULL, P28, .rules = (const char *const[]){"two", "z", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- two", "- z", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"two", "z", NULL}},
		},
	},
	{
		.cmd = "--exclude=y --exclude-from=clr1 --exclude=z",
		.args = {{FA_EXCLUDE, "y"}, {FA_EXCLUDE_FROM, "clr1"}, {FA_EXCLUDE, "z"}},
		.nargs = 3,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- z", NULL}},
			{PULL, P28, .rules = (const char *const[]){"z", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- z", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"z", NULL}},
		},
	},
	{
		.cmd = "--exclude-from=clr2",
		.args = {{FA_EXCLUDE_FROM, "clr2"}},
		.nargs = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- b", NULL}},
			{PULL, P28, .rules = (const char *const[]){"b", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- b", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"b", NULL}},
		},
	},
	{
		.cmd = "'--filter=merge dm'",
		.args = {{FA_FILTER, "merge dm"}},
		.nargs = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- .x", ": .x", ": .y", NULL}},
			{PULL, P28, .too_modern = 1},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- .x", ": .x", ": .y", NULL}},
			{PUSH, P28, .too_modern = 1},
		},
	},
	{
		.cmd = "'--filter=merge sub/../sub/./ms'",
		.args = {{FA_FILTER, "merge sub/../sub/./ms"}},
		.nargs = 1,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- insub", NULL}},
			{PULL, P28, .rules = (const char *const[]){"insub", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- insub", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"insub", NULL}},
		},
	},
	{
		.cmd = "--exclude-from=-",
		.args = {{FA_EXCLUDE_FROM, "-"}},
		.nargs = 1,
		.in = "- s1\ns2\n# c\n", .in_len = 12,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- s1", "- s2", NULL}},
			{PULL, P28, .rules = (const char *const[]){"s1", "s2", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- s1", "- s2", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"s1", "s2", NULL}},
		},
	},
	{
		.cmd = "--from0 --include-from=-",
		.args = {{FA_INCLUDE_FROM, "-"}},
		.nargs = 1,
		.from0 = 1,
		.in = "s1\000- s2\000", .in_len = 8,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"+ s1", "- s2", NULL}},
			{PULL, P28, .rules = (const char *const[]){"+ s1", "s2", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"+ s1", "- s2", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"+ s1", "s2", NULL}},
		},
	},
	{
		.cmd = "'--filter=merge -'",
		.args = {{FA_FILTER, "merge -"}},
		.nargs = 1,
		.in = "- s1\n+ s2\nP s3\n", .in_len = 15,
		.want = {
			{PULL, P32|P31|P30|P29, .rules = (const char *const[]){"- s1", "+ s2", NULL}},
			{PULL, P28, .rules = (const char *const[]){"s1", "+ s2", NULL}},
			{PUSH, P32|P31|P30|P29, .rules = (const char *const[]){"- s1", "+ s2", "-r s3", NULL}},
			{PUSH, P28, .rules = (const char *const[]){"s1", "+ s2", "s3", NULL}},
		},
	},
	{
		.cmd = "--exclude-from=nope",
		.args = {{FA_EXCLUDE_FROM, "nope"}},
		.nargs = 1,
		.build_code = 11, .build_msg = "rsync: [client] failed to open exclude file nope: No such file or directory (2)",
	},
	{
		.cmd = "--include-from=nope",
		.args = {{FA_INCLUDE_FROM, "nope"}},
		.nargs = 1,
		.build_code = 11, .build_msg = "rsync: [client] failed to open include file nope: No such file or directory (2)",
	},
	{
		.cmd = "'--filter=merge nope'",
		.args = {{FA_FILTER, "merge nope"}},
		.nargs = 1,
		.build_code = 11, .build_msg = "rsync: [client] failed to open exclude file nope: No such file or directory (2)",
	},
	{
		.cmd = "'--filter=. ./x/../nope'",
		.args = {{FA_FILTER, ". ./x/../nope"}},
		.nargs = 1,
		.build_code = 11, .build_msg = "rsync: [client] failed to open exclude file nope: No such file or directory (2)",
	},
	{
		.cmd = "'--filter=.+ nope'",
		.args = {{FA_FILTER, ".+ nope"}},
		.nargs = 1,
		.build_code = 11, .build_msg = "rsync: [client] failed to open include file nope: No such file or directory (2)",
	},
	{
		.cmd = "'--filter=merge /nonexist/a//b/'",
		.args = {{FA_FILTER, "merge /nonexist/a//b/"}},
		.nargs = 1,
		.build_code = 11, .build_msg = "rsync: [client] failed to open exclude file /nonexist/a/b: No such file or directory (2)",
	},
	{
		.cmd = "--exclude=ok '--filter=merge,- nope2'",
		.args = {{FA_EXCLUDE, "ok"}, {FA_FILTER, "merge,- nope2"}},
		.nargs = 2,
		.build_code = 11, .build_msg = "rsync: [client] failed to open exclude file nope2: No such file or directory (2)",
	},
	{
		.cmd = "--filter=foo",
		.args = {{FA_FILTER, "foo"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "Unknown filter rule: foo",
	},
	{
		.cmd = "'--filter=-z foo'",
		.args = {{FA_FILTER, "-z foo"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "invalid modifier 'z' at position 1 in filter rule: -z foo",
	},
	{
		.cmd = "'--filter=-,z foo'",
		.args = {{FA_FILTER, "-,z foo"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "invalid modifier 'z' at position 2 in filter rule: -,z foo",
	},
	{
		.cmd = "'--filter=- '",
		.args = {{FA_FILTER, "- "}},
		.nargs = 1,
		.build_code = 1, .build_msg = "unexpected end of filter rule: - ",
	},
	{
		.cmd = "'--exclude=- '",
		.args = {{FA_EXCLUDE, "- "}},
		.nargs = 1,
		.build_code = 1, .build_msg = "unexpected end of filter rule: - ",
	},
	{
		.cmd = "'--filter=! x'",
		.args = {{FA_FILTER, "! x"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "'!' rule has trailing characters: ! x",
	},
	{
		.cmd = "'--filter=clear x'",
		.args = {{FA_FILTER, "clear x"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "'!' rule has trailing characters: clear x",
	},
	{
		.cmd = "'--filter=.! x'",
		.args = {{FA_FILTER, ".! x"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "invalid modifier '!' at position 1 in filter rule: .! x",
	},
	{
		.cmd = "'--filter=P,C x'",
		.args = {{FA_FILTER, "P,C x"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "invalid modifier 'C' at position 2 in filter rule: P,C x",
	},
	{
		.cmd = "'--filter=excludes foo'",
		.args = {{FA_FILTER, "excludes foo"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "Unknown filter rule: excludes foo",
	},
	{
		.cmd = "--filter=-",
		.args = {{FA_FILTER, "-"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "unexpected end of filter rule: -",
	},
	{
		.cmd = "'--filter=H,s x'",
		.args = {{FA_FILTER, "H,s x"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "invalid modifier 's' at position 2 in filter rule: H,s x",
	},
	{
		.cmd = "'--filter=P,r x'",
		.args = {{FA_FILTER, "P,r x"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "invalid modifier 'r' at position 2 in filter rule: P,r x",
	},
	{
		.cmd = "'--filter=-e x'",
		.args = {{FA_FILTER, "-e x"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "invalid modifier 'e' at position 1 in filter rule: -e x",
	},
	{
		.cmd = "'--filter=-n x'",
		.args = {{FA_FILTER, "-n x"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "invalid modifier 'n' at position 1 in filter rule: -n x",
	},
	{
		.cmd = "'--filter=-w x'",
		.args = {{FA_FILTER, "-w x"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "invalid modifier 'w' at position 1 in filter rule: -w x",
	},
	{
		.cmd = "'--filter=-- x'",
		.args = {{FA_FILTER, "-- x"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "invalid modifier '-' at position 1 in filter rule: -- x",
	},
	{
		.cmd = "'--filter=:-+ x'",
		.args = {{FA_FILTER, ":-+ x"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "invalid modifier '+' at position 2 in filter rule: :-+ x",
	},
	{
		.cmd = "'--filter=:-C x'",
		.args = {{FA_FILTER, ":-C x"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "invalid modifier 'C' at position 2 in filter rule: :-C x",
	},
	{
		.cmd = "'--filter=exclude<TAB>foo'",
		.args = {{FA_FILTER, "exclude\tfoo"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "invalid modifier '\t' at position 7 in filter rule: exclude\tfoo",
	},
	{
		.cmd = "'--filter=-<TAB>foo'",
		.args = {{FA_FILTER, "-\tfoo"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "invalid modifier '\t' at position 1 in filter rule: -\tfoo",
	},
	{
		.cmd = "'--filter=! '",
		.args = {{FA_FILTER, "! "}},
		.nargs = 1,
		.build_code = 1, .build_msg = "'!' rule has trailing characters: ! ",
	},
	{
		.cmd = "--filter=hide",
		.args = {{FA_FILTER, "hide"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "unexpected end of filter rule: hide",
	},
	{
		.cmd = "--filter=merge",
		.args = {{FA_FILTER, "merge"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "unexpected end of filter rule: merge",
	},
	{
		.cmd = "'--filter=merge bad1'",
		.args = {{FA_FILTER, "merge bad1"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "Unknown filter rule: <rule from bad1 line 2>",
	},
	{
		.cmd = "'--filter=merge bad3'",
		.args = {{FA_FILTER, "merge bad3"}},
		.nargs = 1,
		.build_code = 11, .build_msg = "failed to open exclude file <rule from a file named at bad3 line 1>",
	},
	{
		.cmd = "'--filter=merge bad4'",
		.args = {{FA_FILTER, "merge bad4"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "invalid modifier in filter rule: <rule from bad4 line 2>",
	},
	{
		.cmd = "'--filter=merge bad6'",
		.args = {{FA_FILTER, "merge bad6"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "Unknown filter rule: <rule from a file named at bad6 line 1>",
	},
	{
		.cmd = "'--filter=merge,w bad5w'",
		.args = {{FA_FILTER, "merge,w bad5w"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "Unknown filter rule: <rule from bad5w>",
	},
	{
		.cmd = "'--filter=merge,s bad4'",
		.args = {{FA_FILTER, "merge,s bad4"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "invalid modifier in filter rule: <rule from bad4 line 2>",
	},
	{
		.cmd = "'--filter=merge,r bad7'",
		.args = {{FA_FILTER, "merge,r bad7"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "specified-side merge file contains specified-side filter: <rule from bad7 line 1>",
	},
	{
		.cmd = "'--filter=merge,r bad8'",
		.args = {{FA_FILTER, "merge,r bad8"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "specified-side merge file contains specified-side filter: <rule from a file named at bad8 line 2>",
	},
	{
		.cmd = "'--filter=merge self'",
		.args = {{FA_FILTER, "merge self"}},
		.nargs = 1,
		.build_code = 11, .build_msg = "[client] merge-file include depth limit (32) exceeded at <rule from a file named at a file named at a file named at a file named at a file named at a file named at a file named at a file named at a file named at a file named at a file named at a file named at a file named at a file named at a file named at a file named at a file named at a file named at a file named at a file named at a file named at a file named at a file named at a file named at a file named at a file named at a file named at a file named at a file named at a file named at a file named at self line 1>",
	},
	{
		.cmd = "--exclude-from=bad9",
		.args = {{FA_EXCLUDE_FROM, "bad9"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "unexpected end of filter rule: <rule from bad9 line 1>",
	},
	{
		.cmd = "'--filter=merge bad9'",
		.args = {{FA_FILTER, "merge bad9"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "unexpected end of filter rule: <rule from bad9 line 1>",
	},
	{
		.cmd = "--from0 '--filter=merge bad10'",
		.args = {{FA_FILTER, "merge bad10"}},
		.nargs = 1,
		.from0 = 1,
		.build_code = 1, .build_msg = "Unknown filter rule: <rule from bad10 line 1>",
	},
	{
		.cmd = "'--filter=merge,w mw'",
		.args = {{FA_FILTER, "merge,w mw"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "Unknown filter rule: <rule from mw>",
	},
	{
		.cmd = "'--filter=merge,w crw'",
		.args = {{FA_FILTER, "merge,w crw"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "Unknown filter rule: <rule from crw>",
	},
	{
		.cmd = "'--filter=merge,s m1'",
		.args = {{FA_FILTER, "merge,s m1"}},
		.nargs = 1,
		.build_code = 1, .build_msg = "specified-side merge file contains specified-side filter: <rule from m1 line 3>",
	},
};

static void run_vector(const struct vector *v)
{
	struct filter_list fl;
	struct heap_args h;
	char err[1024];
	int rc, w, bit;

	set_home(v->home ? v->home : "home");
	if (v->cvsignore)
		ck_assert(setenv("CVSIGNORE", v->cvsignore, 1) == 0);
	else
		unsetenv("CVSIGNORE");
	set_stdin(v->in, v->in_len);

	heap_args_init(&h, v->args, v->nargs);
	rc = filter_build(&fl, h.a, v->nargs, v->from0, err, sizeof err);
	heap_args_free(&h);
	if (v->build_code) {
		REQUIRE(rc == -1, "%s: filter_build should fail", v->cmd);
		REQUIRE(fl.exit_code == v->build_code, "%s: exit code %d, expected %d", v->cmd,
			fl.exit_code, v->build_code);
		REQUIRE(strcmp(err, v->build_msg) == 0, "%s: message [%s], expected [%s]", v->cmd,
			err, v->build_msg);
		REQUIRE(fl.n == 0, "%s: a failed build leaves rules", v->cmd);
		filter_free(&fl);
		return;
	}
	REQUIRE(rc == 0, "%s: filter_build: %s", v->cmd, err);

	for (w = 0; w < (int)ARRAY_LEN(v->want) && v->want[w].protos; w++) {
		const struct want *x = &v->want[w];

		for (bit = 0; bit < 32; bit++) {
			struct filter_wire_opts o = {0};

			if (!(x->protos & (1u << bit)))
				continue;
			o.protocol = proto_of_bit(bit);
			o.delete_excluded = v->delete_excluded;
			o.cvs_exclude = v->cvs_exclude;
			o.partial_dir = v->partial_dir;
			if (x->too_modern)
				expect_too_modern(v->cmd, &fl, x->mode == PULL, &o);
			else
				expect_wire(v->cmd, &fl, x->mode == PULL, &o, x->rules);
		}
	}
	filter_free(&fl);
}

START_TEST(test_recorded_vectors)
{
	run_vector(&vectors[_i]);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Bytes written out by hand                                           */
/* ------------------------------------------------------------------ */

START_TEST(test_wire_bytes)
{
	static const struct filter_arg args[] = {
		{FA_EXCLUDE, "*.o"}, {FA_FILTER, "P keep"}, {FA_EXCLUDE, "dir/"},
	};
	static const unsigned char push32[] = {
		0x05, 0x00, 0x00, 0x00, '-', ' ', '*', '.', 'o',
		0x07, 0x00, 0x00, 0x00, '-', 'r', ' ', 'k', 'e', 'e', 'p',
		0x06, 0x00, 0x00, 0x00, '-', ' ', 'd', 'i', 'r', '/',
		0x00, 0x00, 0x00, 0x00,
	};
	static const unsigned char pull28[] = {
		0x03, 0x00, 0x00, 0x00, '*', '.', 'o',
		0x04, 0x00, 0x00, 0x00, 'd', 'i', 'r', '/',
		0x00, 0x00, 0x00, 0x00,
	};
	struct filter_wire_opts o = {.protocol = 32};
	struct filter_list fl;
	unsigned char *w;
	size_t len;
	char err[256];

	build_ok(&fl, args, 3, 0);
	w = filter_wire(&fl, 0, &o, &len, err, sizeof err);
	ck_assert(w != NULL);
	ck_assert_uint_eq(len, sizeof push32);
	ck_assert(memcmp(w, push32, len) == 0);
	free(w);
	o.protocol = 28;
	w = filter_wire(&fl, 1, &o, &len, err, sizeof err);
	ck_assert(w != NULL);
	ck_assert_uint_eq(len, sizeof pull28);
	ck_assert(memcmp(w, pull28, len) == 0);
	free(w);
	filter_free(&fl);

	/* No rules: the final 0 alone. */
	build_ok(&fl, NULL, 0, 0);
	o.protocol = 32;
	w = filter_wire(&fl, 1, &o, &len, err, sizeof err);
	ck_assert(w != NULL);
	ck_assert_uint_eq(len, 4);
	ck_assert(memcmp(w, "\0\0\0\0", 4) == 0);
	free(w);
	filter_free(&fl);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Rules as stored                                                     */
/* ------------------------------------------------------------------ */

START_TEST(test_stored_rules)
{
	static const struct filter_arg args[] = {
		{FA_EXCLUDE, "dir/"},		/* 0 */
		{FA_EXCLUDE, "**/x"},		/* 1 */
		{FA_EXCLUDE, "a***"},		/* 2 */
		{FA_INCLUDE, "[ab]?"},		/* 3 */
		{FA_EXCLUDE, "/"},		/* 4 */
		{FA_FILTER, "P keep"},		/* 5 */
		{FA_FILTER, "dir-merge,n- .x"},	/* 6 */
		{FA_F, NULL},			/* 7 */
		{FA_F, NULL},			/* 8 */
		{FA_DELETE_EXCLUDED, NULL},
		{FA_EXCLUDE, "late"},		/* 9 */
		{FA_FILTER, "-C"},		/* 10 */
	};
	static const struct {
		const char *pattern;
		unsigned rflags;
	} want[] = {
		{"dir", FILTRULE_DIRECTORY},
		{"**/x", FILTRULE_WILD | FILTRULE_WILD2 | FILTRULE_WILD2_PREFIX},
		{"a***", FILTRULE_WILD | FILTRULE_WILD2 | FILTRULE_WILD3_SUFFIX},
		{"[ab]?", FILTRULE_WILD | FILTRULE_INCLUDE},
		{"/", 0},
		{"keep", FILTRULE_RECEIVER_SIDE},
		{".x", FILTRULE_MERGE_FILE | FILTRULE_PERDIR_MERGE | FILTRULE_FINISH_SETUP
			       | FILTRULE_NO_INHERIT | FILTRULE_NO_PREFIXES},
		{"/.rsync-filter", FILTRULE_MERGE_FILE | FILTRULE_PERDIR_MERGE
					   | FILTRULE_FINISH_SETUP},
		{".rsync-filter", 0},
		{"late", FILTRULE_SENDER_SIDE},
		{"", FILTRULE_NO_PREFIXES | FILTRULE_WORD_SPLIT | FILTRULE_NO_INHERIT
			     | FILTRULE_CVS_IGNORE | FILTRULE_SENDER_SIDE},
	};
	struct filter_list fl;
	size_t i;

	build_ok(&fl, args, (int)ARRAY_LEN(args), 0);
	ck_assert_int_eq(fl.n, (int)ARRAY_LEN(want));
	for (i = 0; i < ARRAY_LEN(want); i++) {
		ck_assert_str_eq(fl.rules[i].pattern, want[i].pattern);
		ck_assert_msg(fl.rules[i].rflags == want[i].rflags, "rule %zu: flags %#x, expected %#x",
			      i, fl.rules[i].rflags, want[i].rflags);
	}
	ck_assert(fl.cvs_rflags == want[10].rflags);
	ck_assert_int_eq(fl.cvs_delete_excluded, 1);
	filter_free(&fl);
	filter_free(&fl);	/* twice is harmless */
	filter_free(NULL);
}
END_TEST

/* A rule read from a file carries FILTRULE_FROM_FILE and the merge rule's
 * side and modifiers. */
START_TEST(test_stored_from_file)
{
	static const struct filter_arg args[] = {{FA_FILTER, "merge,p/ m2"}};
	struct filter_list fl;

	build_ok(&fl, args, 1, 0);
	ck_assert_int_eq(fl.n, 1);
	ck_assert_str_eq(fl.rules[0].pattern, "fromm2");
	ck_assert(fl.rules[0].rflags
		  == (FILTRULE_FROM_FILE | FILTRULE_PERISHABLE | FILTRULE_ABS_PATH));
	filter_free(&fl);
}
END_TEST

/* ------------------------------------------------------------------ */
/* More recordings                                                     */
/* ------------------------------------------------------------------ */

/* rsync --filter='merge,e DIR/m2' with DIR absolute: the exclude is of the
 * base name (recorded with the fixture directory's own path). */
START_TEST(test_exclude_self_absolute)
{
	static const char *const rules[] = {"- m2", "- fromm2", NULL};
	struct filter_wire_opts o = {.protocol = 32};
	struct filter_arg a;
	struct filter_list fl;
	char rule[PATH_MAX + 32];

	snprintf(rule, sizeof rule, "merge,e %s/m2", fixdir);
	a.kind = FA_FILTER;
	a.arg = rule;
	build_ok(&fl, &a, 1, 0);
	expect_wire("merge,e absolute", &fl, 1, &o, rules);
	expect_wire("merge,e absolute", &fl, 0, &o, rules);
	filter_free(&fl);
}
END_TEST

/* rsync --exclude=L...(4095) --exclude=ok --exclude=M...(4096): a pattern
 * of 4096 bytes or more is dropped.  rsync --exclude-from=long1, whose
 * lines are "- " + 5117 a's (a pattern too long), 5120 b's (a line too
 * long), "- ok1", "- ok2", "- " + 4094 c's and "- " + 4093 d's. */
START_TEST(test_long_patterns)
{
	char *l4095 = malloc(4096), *m4096 = malloc(4097), *c, *d, *file;
	const char *rules[4];
	struct filter_arg args[3];
	struct filter_wire_opts o = {.protocol = 32};
	struct filter_list fl;
	size_t n = 0;

	ck_assert(l4095 && m4096);
	memset(l4095, 'L', 4095);
	l4095[4095] = '\0';
	memset(m4096, 'M', 4096);
	m4096[4096] = '\0';
	args[0] = (struct filter_arg){FA_EXCLUDE, l4095};
	args[1] = (struct filter_arg){FA_EXCLUDE, "ok"};
	args[2] = (struct filter_arg){FA_EXCLUDE, m4096};
	build_ok(&fl, args, 3, 0);
	ck_assert_int_eq(fl.n, 2);
	c = malloc(4098);
	ck_assert(c != NULL);
	memcpy(c, "- ", 2);
	memcpy(c + 2, l4095, 4096);
	rules[0] = c;
	rules[1] = "- ok";
	rules[2] = NULL;
	expect_wire("long --exclude", &fl, 1, &o, rules);
	filter_free(&fl);
	free(c);

	file = malloc(20000);
	ck_assert(file != NULL);
	memcpy(file + n, "- ", 2), n += 2;
	memset(file + n, 'a', 5117), n += 5117;
	memcpy(file + n, "\n- ok1\n", 7), n += 7;
	memset(file + n, 'b', 5120), n += 5120;
	memcpy(file + n, "\n- ok2\n- ", 9), n += 9;
	memset(file + n, 'c', 4094), n += 4094;
	memcpy(file + n, "\n- ", 3), n += 3;
	memset(file + n, 'd', 4093), n += 4093;
	file[n++] = '\n';
	write_file("long1", file, n);
	free(file);

	args[0] = (struct filter_arg){FA_EXCLUDE_FROM, "long1"};
	build_ok(&fl, args, 1, 0);
	c = malloc(4097);
	d = malloc(4096);
	ck_assert(c && d);
	memcpy(c, "- ", 2);
	memset(c + 2, 'c', 4094);
	c[4096] = '\0';
	memcpy(d, "- ", 2);
	memset(d + 2, 'd', 4093);
	d[4095] = '\0';
	rules[0] = "- ok1";
	rules[1] = "- ok2";
	rules[2] = c;
	rules[3] = d;
	{
		const char *all[] = {rules[0], rules[1], rules[2], rules[3], NULL};

		expect_wire("long lines", &fl, 1, &o, all);
		o.protocol = 28;
		all[0] = "ok1";
		all[1] = "ok2";
		all[2] = c + 2;
		all[3] = d + 2;
		expect_wire("long lines", &fl, 0, &o, all);
	}
	filter_free(&fl);
	free(c);
	free(d);
	free(l4095);
	free(m4096);
}
END_TEST

/* rsync --protocol=29 --delete-excluded --filter='P x' --exclude=y
 * SRC/ h:DST/ sends "-r x": the receiver-side rule and nothing else.
 * rsync --protocol=28 --delete-excluded --filter='P x' fails with "filter
 * rules are too modern for remote rsync." although no list is sent then
 * (the receiver reads none at 28 with --delete-excluded). */
START_TEST(test_delete_excluded_protect_old)
{
	static const struct filter_arg args[] = {
		{FA_DELETE_EXCLUDED, NULL}, {FA_FILTER, "P x"}, {FA_EXCLUDE, "y"},
	};
	static const char *const rules29[] = {"-r x", NULL};
	struct filter_wire_opts o = {.protocol = 29, .delete_excluded = 1};
	struct filter_list fl;

	build_ok(&fl, args, 3, 0);
	expect_wire("P x", &fl, 0, &o, rules29);
	o.protocol = 28;
	expect_too_modern("P x", &fl, 0, &o);
	filter_free(&fl);
}
END_TEST

/* rsync --partial-dir=/abs/p --exclude=x sends "- x" alone both ways; an
 * empty or "." partial dir is none (rsync's options drop it). */
START_TEST(test_partial_dir_absolute)
{
	static const struct filter_arg args[] = {{FA_EXCLUDE, "x"}};
	static const char *const rules[] = {"- x", NULL};
	static const char *const dirs[] = {"/abs/p", "", "."};
	struct filter_list fl;
	size_t i;

	build_ok(&fl, args, 1, 0);
	for (i = 0; i < ARRAY_LEN(dirs); i++) {
		struct filter_wire_opts o = {.protocol = 32, .partial_dir = dirs[i]};

		expect_wire(dirs[i], &fl, 1, &o, rules);
		expect_wire(dirs[i], &fl, 0, &o, rules);
	}
	filter_free(&fl);
}
END_TEST

/* With no HOME, no ~/.cvsignore is read: the list is that of a HOME
 * without one (recorded as rsync -C with HOME=nohome). */
START_TEST(test_cvs_no_home)
{
	static const char *const rules[] = {":C .cvsignore", CVS_DEFAULTS("-p "), NULL};
	struct filter_wire_opts o = {.protocol = 32, .cvs_exclude = 1};
	struct filter_list fl;

	unsetenv("HOME");
	build_ok(&fl, NULL, 0, 0);
	expect_wire("-C without HOME", &fl, 0, &o, rules);
	filter_free(&fl);
}
END_TEST

/* filter_wire leaves the list as it was: the rules it adds for one server
 * do not reach the other. */
START_TEST(test_wire_keeps_list)
{
	static const struct filter_arg args[] = {{FA_EXCLUDE, "x"}};
	static const char *const pull[] = {"- x", "-p .p/", NULL};
	struct filter_wire_opts o = {.protocol = 32, .cvs_exclude = 1, .partial_dir = ".p"};
	struct filter_list fl;
	unsigned char *w;
	size_t len;
	char err[128];

	build_ok(&fl, args, 1, 0);
	w = filter_wire(&fl, 0, &o, &len, err, sizeof err);
	ck_assert(w != NULL);
	free(w);
	ck_assert_int_eq(fl.n, 1);
	expect_wire("after a push list", &fl, 1, &o, pull);
	filter_free(&fl);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Error reporting                                                     */
/* ------------------------------------------------------------------ */

START_TEST(test_error_buffers)
{
	static const struct filter_arg bad[] = {{FA_FILTER, "-z foo"}};
	static const struct filter_arg modern[] = {{FA_FILTER, "-x foo"}};
	struct filter_wire_opts o = {.protocol = 28};
	struct filter_list fl;
	char small[8];
	size_t len;

	/* No buffer at all. */
	ck_assert_int_eq(filter_build(&fl, bad, 1, 0, NULL, 0), -1);
	ck_assert_int_eq(fl.exit_code, FILTER_ERR_SYNTAX);
	filter_free(&fl);

	/* A short one is cut and terminated. */
	memset(small, 'Z', sizeof small);
	ck_assert_int_eq(filter_build(&fl, bad, 1, 0, small, sizeof small), -1);
	ck_assert_str_eq(small, "invalid");
	filter_free(&fl);
	ck_assert_int_eq(filter_build(&fl, bad, 1, 0, small, 1), -1);
	ck_assert_str_eq(small, "");
	filter_free(&fl);

	ck_assert_int_eq(filter_build(&fl, modern, 1, 0, NULL, 0), 0);
	ck_assert(filter_wire(&fl, 1, &o, &len, NULL, 0) == NULL);
	memset(small, 'Z', sizeof small);
	ck_assert(filter_wire(&fl, 1, &o, &len, small, sizeof small) == NULL);
	ck_assert_str_eq(small, "filter ");
	filter_free(&fl);
}
END_TEST

/* A failure after some rules were stored leaves an empty list. */
START_TEST(test_error_frees)
{
	static const struct filter_arg args[] = {
		{FA_EXCLUDE, "a"}, {FA_FILTER, "merge m1"}, {FA_EXCLUDE_FROM, "nope"},
	};
	struct filter_list fl;
	char err[256];

	ck_assert_int_eq(filter_build(&fl, args, 3, 0, err, sizeof err), -1);
	ck_assert_int_eq(fl.exit_code, FILTER_ERR_FILEIO);
	ck_assert_int_eq(fl.n, 0);
	ck_assert_str_eq(err, "rsync: [client] failed to open exclude file nope: "
			      "No such file or directory (2)");
	filter_free(&fl);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Bounds                                                              */
/* ------------------------------------------------------------------ */

/* Every list filter_wire writes must parse back: lengths that add up,
 * no empty rule, a final 0. */
static void check_well_formed(const unsigned char *w, size_t len)
{
	size_t p = 0;

	for (;;) {
		uint32_t n;

		REQUIRE(len - p >= 4, "list cut short at %zu of %zu", p, len);
		n = (uint32_t)w[p] | (uint32_t)w[p + 1] << 8 | (uint32_t)w[p + 2] << 16
		    | (uint32_t)w[p + 3] << 24;
		p += 4;
		if (!n)
			break;
		REQUIRE(n <= len - p, "rule length %u overruns the list", n);
		p += n;
	}
	REQUIRE(p == len, "%zu bytes after the final 0", len - p);
}

/* Builds from one rule text of the given kind and writes every list;
 * any outcome but a crash or a malformed list is fine. */
static void exercise(enum filter_arg_kind kind, const char *text, size_t len)
{
	static const int protos[] = {28, 29, 30, 32};
	char *heap = malloc(len + 1);
	struct filter_arg a;
	struct filter_list fl;
	char err[512];
	size_t i;
	int side, mode;

	ck_assert(heap != NULL);
	memcpy(heap, text, len);
	heap[len] = '\0';
	a.kind = kind;
	a.arg = heap;
	if (filter_build(&fl, &a, 1, 0, err, sizeof err) < 0) {
		REQUIRE(err[0] != '\0', "no message for [%s]", heap);
		REQUIRE(fl.exit_code == FILTER_ERR_SYNTAX || fl.exit_code == FILTER_ERR_FILEIO,
			"[%s]: exit code %d", heap, fl.exit_code);
		REQUIRE(fl.n == 0, "[%s]: rules left after a failure", heap);
		filter_free(&fl);
		free(heap);
		return;
	}
	for (i = 0; i < ARRAY_LEN(protos); i++) {
		for (side = 0; side < 2; side++) {
			for (mode = 0; mode < 4; mode++) {
				struct filter_wire_opts o = {
					.protocol = protos[i],
					.delete_excluded = mode & 1,
					.cvs_exclude = (mode & 2) != 0,
					.partial_dir = mode == 3 ? ".p" : NULL,
				};
				size_t wl;
				unsigned char *w = filter_wire(&fl, side, &o, &wl, err, sizeof err);

				if (w) {
					check_well_formed(w, wl);
					free(w);
				} else {
					REQUIRE(strcmp(err, TOO_MODERN) == 0, "[%s]: [%s]", heap,
						err);
				}
			}
		}
	}
	filter_free(&fl);
	free(heap);
}

/* Each prefix of these rules, in a block of exactly its size. */
START_TEST(test_prefixes_in_bounds)
{
	static const char *const rules[] = {
		"exclude,/!psrx a", "include_b", "dir-merge,en- .x", "merge,w mw",
		"merge,C mc", ":C", "-C", "+C", "clear", "!,", "hide,p h", "show s",
		"protect,/ p", "risk r", "- **/x/", "+ a***", "merge,+ mnp", ".e m2",
		"P,C x", "-,z y", "merge,s m1", "- a\tb",
	};
	static const char *const old[] = {"- x", "+ y", "!", "!x", "-", "+", "- ", "+ /"};
	size_t i, n;

	for (i = 0; i < ARRAY_LEN(rules); i++)
		for (n = 0; n <= strlen(rules[i]); n++)
			exercise(FA_FILTER, rules[i], n);
	for (i = 0; i < ARRAY_LEN(old); i++) {
		for (n = 0; n <= strlen(old[i]); n++) {
			exercise(FA_EXCLUDE, old[i], n);
			exercise(FA_INCLUDE, old[i], n);
		}
	}
}
END_TEST

/* splitmix64: a small seeded generator, so every run sees the same data. */
static uint64_t rng_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9E3779B97F4A7C15u);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

/* Rules made of the characters the parser looks at. */
START_TEST(test_generated_rules)
{
	static const char alphabet[] = "-+.:!,_ \t/*?[HSPRCcdehimnprswx";
	static const char *const words[] = {
		"exclude", "include", "merge", "dir-merge", "hide", "show", "protect",
		"risk", "clear", "m2", "mw", "mc",
	};
	uint64_t seed = 20240229;
	int i;

	for (i = 0; i < 3000; i++) {
		char buf[24];
		size_t n = 0, len = (size_t)(rng_next(&seed) % 12);

		if (rng_next(&seed) % 3 == 0) {
			const char *w = words[rng_next(&seed) % ARRAY_LEN(words)];

			n = strlen(w);
			memcpy(buf, w, n);
		}
		while (len--)
			buf[n++] = alphabet[rng_next(&seed) % (sizeof alphabet - 1)];
		exercise(i % 5 == 0 ? FA_EXCLUDE : FA_FILTER, buf, n);
	}
}
END_TEST

/* Merge files holding the same characters, by lines and by words. */
START_TEST(test_generated_files)
{
	static const char alphabet[] = "-+.:!,_ \t/*\n\r;#HSPRCmergexw";
	static const char *const merges[] = {
		"merge gen", "merge,w gen", "merge,- gen", "merge,C gen", "merge,+w gen",
	};
	uint64_t seed = 7;
	int i;
	size_t m;

	for (i = 0; i < 400; i++) {
		char buf[64];
		size_t n = (size_t)(rng_next(&seed) % sizeof buf), k;

		for (k = 0; k < n; k++)
			buf[k] = alphabet[rng_next(&seed) % (sizeof alphabet - 1)];
		write_file("gen", buf, n);
		for (m = 0; m < ARRAY_LEN(merges); m++)
			exercise(FA_FILTER, merges[m], strlen(merges[m]));
		exercise(FA_EXCLUDE_FROM, "gen", 3);
	}
	unlink("gen");
}
END_TEST

Suite *filter_suite(void)
{
	Suite *s = suite_create("filter");
	TCase *tc = tcase_create("filter");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_recorded_vectors, 0, (int)ARRAY_LEN(vectors));
	tcase_add_test(tc, test_wire_bytes);
	tcase_add_test(tc, test_stored_rules);
	tcase_add_test(tc, test_stored_from_file);
	tcase_add_test(tc, test_exclude_self_absolute);
	tcase_add_test(tc, test_long_patterns);
	tcase_add_test(tc, test_delete_excluded_protect_old);
	tcase_add_test(tc, test_partial_dir_absolute);
	tcase_add_test(tc, test_cvs_no_home);
	tcase_add_test(tc, test_wire_keeps_list);
	tcase_add_test(tc, test_error_buffers);
	tcase_add_test(tc, test_error_frees);
	tcase_add_test(tc, test_prefixes_in_bounds);
	tcase_add_test(tc, test_generated_rules);
	tcase_add_test(tc, test_generated_files);
	suite_add_tcase(s, tc);
	return s;
}
