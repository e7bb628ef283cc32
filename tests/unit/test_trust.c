/* Unit tests for the client's checks on the sender's file list (trust.c).
 * The expected implied rules are what rsync 3.5.0's pulling client lists
 * under --debug=FILTER3 for the same source operands. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "suites.h"
#include "report.h"
#include "trust.h"

struct opts {
	int relative, recurse, xfer_dirs, trust_args, trust_filter, files_from, protocol;
};

static void setup(struct trust *t, const struct opts *op, const char *const *paths,
		  struct filter_list *rules)
{
	struct trust_request rq = {
		.trust_sender_args = op->trust_args,
		.trust_sender_filter = op->trust_filter,
		.relative = op->relative,
		.recurse = op->recurse,
		.xfer_dirs = op->xfer_dirs,
		.files_from = op->files_from,
		.paths = (char **)paths,
		.protocol = op->protocol ? op->protocol : 31,
	};
	struct filter_list none = { 0 }, cvs = { 0 };

	while (paths && paths[rq.npaths])
		rq.npaths++;
	ck_assert_int_eq(trust_init(t, &rq, rules ? rules : &none, &cvs), 0);
}

/* The implied rules as rsync prints them: a directory rule with its '/',
 * separated by spaces. */
static void implied_text(const struct trust *t, char *out, size_t cap)
{
	size_t len = 0;

	out[0] = '\0';
	for (int i = 0; i < t->implied.n; i++) {
		const struct filter_rule *r = &t->implied.rules[i];
		len += (size_t)snprintf(out + len, cap - len, "%s%s%s", i ? " " : "", r->pattern,
					r->rflags & FILTRULE_DIRECTORY ? "/" : "");
		ck_assert_uint_lt(len, cap);
	}
}

static const struct {
	struct opts o;
	const char *paths[3];
	const char *want;
} implied_cases[] = {
	{ { 0 }, { "/tmp/d/a.txt" }, "/a.txt" },
	{ { .recurse = 1, .xfer_dirs = 1 }, { "/tmp/d/sub/" }, "/**" },
	{ { .relative = 1 }, { "/tmp/d/./sub/x" }, "/sub/x /sub/" },
	{ { .relative = 1, .recurse = 1, .xfer_dirs = 1 }, { "/tmp/d/./sub/../a.txt" },
	  "/sub/../a.txt /sub/../ /sub/ /sub/../a.txt/**" },
	{ { .xfer_dirs = 2 }, { "/tmp/d/s*" }, "/s* /s*/*" },
	{ { .recurse = 1, .xfer_dirs = 1 }, { "/tmp/d/a\\b" }, "/a\\b /a\\\\b/**" },
	{ { .recurse = 1, .xfer_dirs = 1 }, { "/tmp/d/a\\b*" }, "/a\\\\b* /a\\\\b*/**" },
	{ { .recurse = 1, .xfer_dirs = 1 }, { "/tmp/d/a\\*b" }, "/a\\*b /a\\*b/**" },
	{ { 0 }, { "/tmp/d/a\\]b" }, "/a]b" },
	{ { .recurse = 1, .xfer_dirs = 1 }, { "/tmp/d/x\\]b*" }, "/x\\]b* /x\\]b*/**" },
	{ { .recurse = 1, .xfer_dirs = 1 }, { "/tmp/d/s[u]b" },
	  "/s[u]b /s\\[u]b /s[u]b/** /s\\[u]b/**" },
	{ { .relative = 1, .recurse = 1, .xfer_dirs = 1 }, { "/tmp/d/./s[u]b/x" },
	  "/s[u]b/x /s\\[u]b/x /s[u]b/ /s\\[u]b/ /s[u]b/x/** /s\\[u]b/x/**" },
	{ { .relative = 1, .recurse = 1, .xfer_dirs = 1 }, { "data/./a/b\\c/d" },
	  "/a/b\\c/d /a/b\\c/ /a/ /a/b\\\\c/d/**" },
	{ { .relative = 1, .xfer_dirs = 2 }, { "./x/./y" }, "/y /y/*" },
	{ { .recurse = 1, .xfer_dirs = 1 }, { "." }, "/**" },
	{ { .recurse = 1, .xfer_dirs = 1 }, { "/" }, "/**" },
	{ { .recurse = 1, .xfer_dirs = 1 }, { "/tmp/d/." }, "/**" },
	{ { .recurse = 1, .xfer_dirs = 1 }, { "/tmp/d/./" }, "/**" },
	{ { .relative = 1, .recurse = 1, .xfer_dirs = 1 }, { "a//b/./c/" }, "/c /c/**" },
	{ { .relative = 1, .recurse = 1, .xfer_dirs = 1 }, { "/tmp/ii/data/a.txt", "/tmp/ii/data/sub" },
	  "/tmp/ii/data/a.txt /tmp/ii/data/ /tmp/ii/ /tmp/ /tmp/ii/data/a.txt/** "
	  "/tmp/ii/data/sub /tmp/ii/data/sub/**" },
	/* what rsync trusts, it does not list */
	{ { .trust_args = 1, .recurse = 1 }, { "/tmp/d/a.txt" }, "" },
};

START_TEST(test_implied_rules)
{
	struct trust t;
	char got[1024];

	for (size_t i = 0; i < ARRAY_LEN(implied_cases); i++) {
		setup(&t, &implied_cases[i].o, implied_cases[i].paths, NULL);
		implied_text(&t, got, sizeof got);
		REQUIRE(strcmp(got, implied_cases[i].want) == 0, "case %zu: got \"%s\", want \"%s\"",
			i, got, implied_cases[i].want);
		trust_free(&t);
	}
}
END_TEST

/* --files-from names arrive in pieces, NUL-terminated. */
START_TEST(test_files_from_pieces)
{
	struct opts o = { .relative = 1, .files_from = 1 };
	const char *paths[] = { "/srv", NULL };
	static const unsigned char a[] = "sub/x\0\0y", b[] = "z";
	struct trust t;
	char got[256];

	setup(&t, &o, paths, NULL);
	ck_assert_int_eq(t.implied.n, 0);
	ck_assert_int_eq(trust_add_request_bytes(&t, a, sizeof a - 1, 0), 0);
	implied_text(&t, got, sizeof got);
	ck_assert_str_eq(got, "/sub/x /sub/");
	ck_assert_int_eq(trust_add_request_bytes(&t, b, 1, 0), 0);
	ck_assert_int_eq(trust_add_request_bytes(&t, b, 0, 1), 0);
	implied_text(&t, got, sizeof got);
	ck_assert_str_eq(got, "/sub/x /sub/ /yz");
	trust_free(&t);
}
END_TEST

static const struct {
	const char *in, *out;
} clean_cases[] = {
	{ "", "." }, { ".", "." }, { "./", "." }, { "a//b", "a/b" }, { "./a/./b/", "a/b" },
	{ "/.", "/." }, { "//a", "/a" }, { "a/.", "a/." }, { "/", "/" }, { "a/", "a" },
};

START_TEST(test_clean_name)
{
	char out[64];

	for (size_t i = 0; i < ARRAY_LEN(clean_cases); i++) {
		snprintf(out, sizeof out, "%s", clean_cases[i].in);
		flist_clean_name(out);
		REQUIRE(strcmp(out, clean_cases[i].out) == 0, "\"%s\" cleaned to \"%s\"",
			clean_cases[i].in, out);
	}
}
END_TEST

/* check NAME against the request; returns the code, *xf the flags after */
static int verdict(const struct trust *t, const char *name, uint32_t mode, uint32_t *xf,
		   char *msg)
{
	return trust_check_entry(t, name, mode, xf, msg, 256);
}

START_TEST(test_unrequested_and_root)
{
	struct opts o = { .recurse = 1, .xfer_dirs = 1 };
	const char *file[] = { "/data/a.txt", NULL }, *dir[] = { "/data/sub", NULL };
	struct trust t;
	char msg[256];
	uint32_t xf;

	setup(&t, &o, file, NULL);
	xf = 0;
	ck_assert_int_eq(verdict(&t, "a.txt", WIRE_MODE_IFREG, &xf, msg), 0);
	ck_assert_int_eq(verdict(&t, ".ssh/authorized_keys", WIRE_MODE_IFREG, &xf, msg),
			 RERR_UNSUPPORTED);
	ck_assert_str_eq(msg, "ERROR: rejecting unrequested file-list name: .ssh/authorized_keys");
	ck_assert_int_eq(verdict(&t, ".bashrc", WIRE_MODE_IFREG, &xf, msg), RERR_UNSUPPORTED);
	/* a "." the request did not ask for holds nothing to delete */
	xf = XMIT_TOP_DIR;
	ck_assert_int_eq(verdict(&t, ".", WIRE_MODE_IFDIR, &xf, msg), 0);
	ck_assert_uint_eq(xf, XMIT_TOP_DIR | XMIT_NO_CONTENT_DIR);
	ck_assert_int_eq(verdict(&t, ".", WIRE_MODE_IFREG, &xf, msg), RERR_PROTOCOL);
	ck_assert_str_eq(msg, "ERROR: rejecting non-directory transfer-root entry: .");
	trust_free(&t);

	setup(&t, &o, dir, NULL);
	ck_assert_int_eq(verdict(&t, "sub/deep/x", WIRE_MODE_IFREG, &xf, msg), 0);
	ck_assert_int_eq(verdict(&t, "evilhome", WIRE_MODE_IFDIR, &xf, msg), RERR_UNSUPPORTED);
	ck_assert_int_eq(verdict(&t, "subx", WIRE_MODE_IFREG, &xf, msg), RERR_UNSUPPORTED);
	/* names are judged cleaned, as the receiver will use them */
	ck_assert_int_eq(verdict(&t, "./sub//y", WIRE_MODE_IFREG, &xf, msg), 0);
	trust_free(&t);

	o.trust_args = 1;
	setup(&t, &o, file, NULL);
	ck_assert_int_eq(verdict(&t, ".bashrc", WIRE_MODE_IFREG, &xf, msg), 0);
	trust_free(&t);
}
END_TEST

/* Only a request of the root's contents makes "." a content directory:
 * a "*" operand makes the same "/" and star rules but names no root. */
START_TEST(test_root_contents)
{
	struct opts o = { .recurse = 1, .xfer_dirs = 1 };
	const char *star[] = { "/srv/www/*", NULL }, *slash[] = { "/srv/www/", NULL };
	const char *rel[] = { "/srv/./P/*", NULL };
	struct trust t;
	char msg[256];
	uint32_t xf;

	setup(&t, &o, star, NULL);
	xf = XMIT_TOP_DIR;
	ck_assert_int_eq(verdict(&t, ".", WIRE_MODE_IFDIR, &xf, msg), 0);
	ck_assert_uint_eq(xf, XMIT_TOP_DIR | XMIT_NO_CONTENT_DIR);
	/* an empty name is no root */
	ck_assert_int_eq(verdict(&t, "", WIRE_MODE_IFDIR, &xf, msg), RERR_UNSUPPORTED);
	trust_free(&t);

	setup(&t, &o, slash, NULL);
	xf = XMIT_TOP_DIR;
	ck_assert_int_eq(verdict(&t, ".", WIRE_MODE_IFDIR, &xf, msg), 0);
	ck_assert_uint_eq(xf, XMIT_TOP_DIR);
	trust_free(&t);

	/* "P/." stands for the implied parent P */
	o.relative = 1;
	setup(&t, &o, rel, NULL);
	xf = XMIT_TOP_DIR;
	ck_assert_int_eq(verdict(&t, "P/.", WIRE_MODE_IFDIR, &xf, msg), 0);
	ck_assert_uint_eq(xf, XMIT_TOP_DIR | XMIT_NO_CONTENT_DIR);
	trust_free(&t);
}
END_TEST

START_TEST(test_implied_parents)
{
	struct opts o = { .relative = 1, .recurse = 1, .xfer_dirs = 1, .protocol = 31 };
	const char *leaf[] = { "/data/./a/b/file", NULL };
	struct trust t;
	char msg[256];
	uint32_t xf;

	setup(&t, &o, leaf, NULL);
	xf = XMIT_TOP_DIR;	/* a content directory: what a hostile sender claims */
	ck_assert_int_eq(verdict(&t, "a", WIRE_MODE_IFDIR, &xf, msg), 0);
	ck_assert_uint_eq(xf, XMIT_TOP_DIR | XMIT_NO_CONTENT_DIR);
	xf = XMIT_TOP_DIR | XMIT_NO_CONTENT_DIR | XMIT_SAME_UID;	/* honest */
	ck_assert_int_eq(verdict(&t, "a/b", WIRE_MODE_IFDIR, &xf, msg), 0);
	ck_assert_uint_eq(xf, XMIT_TOP_DIR | XMIT_NO_CONTENT_DIR | XMIT_SAME_UID);
	ck_assert_int_eq(verdict(&t, "a/zzz", WIRE_MODE_IFREG, &xf, msg), RERR_UNSUPPORTED);
	ck_assert_int_eq(verdict(&t, "a/b/file/below", WIRE_MODE_IFREG, &xf, msg), 0);
	xf = 0;		/* the leaf itself is no implied parent */
	ck_assert_int_eq(verdict(&t, "a/b/file", WIRE_MODE_IFDIR, &xf, msg), 0);
	ck_assert_uint_eq(xf, 0);
	trust_free(&t);

	/* before protocol 30 a top directory's contents count, and so do
	 * those of one whose name follows a top directory's: the name goes
	 * whole */
	o.protocol = 29;
	setup(&t, &o, leaf, NULL);
	xf = XMIT_TOP_DIR | XMIT_SAME_UID | XMIT_SAME_NAME;
	ck_assert_int_eq(verdict(&t, "a", WIRE_MODE_IFDIR, &xf, msg), 0);
	ck_assert_uint_eq(xf, XMIT_SAME_UID);
	trust_free(&t);
}
END_TEST

static void rules(struct filter_list *fl, const char *const *texts)
{
	struct filter_arg args[8];
	int n = 0;
	char err[256];

	for (; texts[n]; n++)
		args[n] = (struct filter_arg){ FA_FILTER, texts[n] };
	ck_assert_int_eq(filter_build(fl, args, n, 0, err, sizeof err), 0);
}

START_TEST(test_excluded)
{
	struct opts o = { .recurse = 1, .xfer_dirs = 1 };
	const char *dir[] = { "/data/sub/", NULL };
	const char *excl[] = { "- *.key", "P keep", "+ z.key", NULL };
	const char *merge[] = { "- *.key", ": .rules", NULL };
	const char *abs[] = { "- *.key", "-/ /etc", NULL };
	struct filter_list fl;
	struct trust t;
	char msg[256];
	uint32_t xf = 0;

	rules(&fl, excl);
	setup(&t, &o, dir, &fl);
	ck_assert_int_eq(verdict(&t, "x.key", WIRE_MODE_IFREG, &xf, msg), RERR_UNSUPPORTED);
	ck_assert_str_eq(msg, "ERROR: rejecting excluded file-list name: x.key");
	ck_assert_int_eq(verdict(&t, "deep/y.key", WIRE_MODE_IFREG, &xf, msg), RERR_UNSUPPORTED);
	/* a receiver-side rule is not the sender's business */
	ck_assert_int_eq(verdict(&t, "keep", WIRE_MODE_IFREG, &xf, msg), 0);
	ck_assert_int_eq(verdict(&t, "x.txt", WIRE_MODE_IFREG, &xf, msg), 0);
	trust_free(&t);

	/* the sender's per-directory rules cannot be judged here */
	rules(&fl, merge);
	setup(&t, &o, dir, &fl);
	ck_assert_int_eq(verdict(&t, "x.key", WIRE_MODE_IFREG, &xf, msg), 0);
	trust_free(&t);
	rules(&fl, abs);
	setup(&t, &o, dir, &fl);
	ck_assert_int_eq(verdict(&t, "x.key", WIRE_MODE_IFREG, &xf, msg), 0);
	trust_free(&t);

	/* --trust-sender */
	rules(&fl, excl);
	o.trust_filter = o.trust_args = 1;
	setup(&t, &o, dir, &fl);
	ck_assert_int_eq(verdict(&t, "x.key", WIRE_MODE_IFREG, &xf, msg), 0);
	trust_free(&t);
}
END_TEST

START_TEST(test_sublist_entries)
{
	char msg[256];

	ck_assert_int_eq(trust_check_sublist_entry("", "a", 0, msg, sizeof msg), 0);
	ck_assert_int_eq(trust_check_sublist_entry("a/b", "a/b/c", 0, msg, sizeof msg), 0);
	ck_assert_int_eq(trust_check_sublist_entry("a/b", "a/bc", 0, msg, sizeof msg),
			 RERR_UNSUPPORTED);
	ck_assert_str_eq(msg, "ABORTING due to invalid path from sender: a/bc");
	ck_assert_int_eq(trust_check_sublist_entry("a", "etc/passwd", 0, msg, sizeof msg),
			 RERR_UNSUPPORTED);
	ck_assert_str_eq(msg, "ABORTING due to invalid path from sender: etc/passwd");
	ck_assert_int_eq(trust_check_sublist_entry("", "/data", 1, msg, sizeof msg), 0);
	ck_assert_int_eq(trust_check_sublist_entry("data", "/data/x", 1, msg, sizeof msg), 0);
	ck_assert_int_eq(trust_check_sublist_entry("", "x/y", 0, msg, sizeof msg),
			 RERR_UNSUPPORTED);
}
END_TEST

START_TEST(test_encode_xflags)
{
	unsigned char b[8];

	ck_assert_uint_eq(flist_encode_xflags(XMIT_TOP_DIR, 0, 31, b), 1);
	ck_assert_uint_eq(b[0], XMIT_TOP_DIR);
	ck_assert_uint_eq(flist_encode_xflags(XMIT_TOP_DIR | XMIT_NO_CONTENT_DIR, 0, 30, b), 2);
	ck_assert_uint_eq(b[0], XMIT_TOP_DIR | XMIT_EXTENDED_FLAGS);
	ck_assert_uint_eq(b[1], 1);
	/* the extended bit alone still needs its second byte */
	ck_assert_uint_eq(flist_encode_xflags(XMIT_EXTENDED_FLAGS | XMIT_SAME_UID, 0, 29, b), 2);
	ck_assert_uint_eq(flist_encode_xflags(0, 0, 29, b), 2);
	ck_assert_uint_eq(flist_encode_xflags(0, 0, 27, b), 0);
	ck_assert_uint_eq(flist_encode_xflags(0x10000, 0, 31, b), 0);
	ck_assert_uint_gt(flist_encode_xflags(XMIT_TOP_DIR | XMIT_NO_CONTENT_DIR, 1, 31, b), 1);
}
END_TEST

Suite *trust_suite(void)
{
	Suite *s = suite_create("trust");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_implied_rules);
	tcase_add_test(tc, test_files_from_pieces);
	tcase_add_test(tc, test_clean_name);
	tcase_add_test(tc, test_unrequested_and_root);
	tcase_add_test(tc, test_root_contents);
	tcase_add_test(tc, test_implied_parents);
	tcase_add_test(tc, test_excluded);
	tcase_add_test(tc, test_sublist_entries);
	tcase_add_test(tc, test_encode_xflags);
	suite_add_tcase(s, tc);
	return s;
}
