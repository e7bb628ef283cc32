/* Unit tests of how filter rules judge names (filtercheck.h) and of the
 * rule facts that judging needs from filter.h (slash counts, the CVS
 * list).
 *
 * The cases are our own.  The answers of filter_rule_matches were checked
 * against rsync 3.5.0's rule_matches (built apart from this project), and
 * the rule shapes a user writes against "rsync -r --dry-run -i
 * --filter=RULE" over a scratch tree.
 */
#include "suites.h"
#include "filter.h"
#include "filtercheck.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A list from --filter rule texts. */
static void build(struct filter_list *fl, const char *const *rules, int n)
{
	struct filter_arg args[8];
	char err[256];
	int i;

	ck_assert(n <= (int)ARRAY_LEN(args));
	for (i = 0; i < n; i++) {
		args[i].kind = FA_FILTER;
		args[i].arg = rules[i];
	}
	ck_assert_msg(filter_build(fl, args, n, 0, err, sizeof err) == 0, "%s", err);
}

/* ------------------------------------------------------------------ */
/* One rule                                                            */
/* ------------------------------------------------------------------ */

struct rule_case {
	const char *rule;	/* as given to --filter */
	const char *name;
	int is_dir;
	int want;
};

static const struct rule_case rule_cases[] = {
	/* No '/': the last element. */
	{"- core", "core", 0, 1},
	{"- core", "a/b/core", 0, 1},
	{"- core", "a/core/b", 0, 0},
	{"- core", "a/xcore", 0, 0},
	{"- core", "/core", 0, 1},	/* a leading '/' is ignored */
	{"- *.o", "lib/x.o", 0, 1},
	{"- *.o", "x.o/y", 0, 0},
	{"- *", "a/b", 0, 1},
	{"- ?", "a/b", 1, 1},
	{"- a*c", "a/b/c", 0, 0},
	{"- [ab]", "x/b", 0, 1},
	{"- \\*", "*", 0, 1},
	{"- \\*", "x", 0, 0},
	/* Anchored: from the start of the name. */
	{"- /core", "core", 0, 1},
	{"- /core", "/core", 0, 1},
	{"- /core", "a/core", 0, 0},
	{"- /a/b", "a/b", 0, 1},
	{"- /a/b", "x/a/b", 0, 0},
	{"- /a/*", "a/x", 0, 1},
	{"- /a/*", "a/x/y", 0, 0},
	{"- /*", "a", 1, 1},
	{"- /*", "a/b", 0, 0},
	/* Inner slashes: as many trailing elements. */
	{"- a/b", "a/b", 0, 1},
	{"- a/b", "x/a/b", 0, 1},
	{"- a/b", "xa/b", 0, 0},
	{"- a/b", "a/b/c", 0, 0},
	{"- a/b", "b", 0, 0},
	{"- a/*", "x/a/y", 0, 1},
	{"- a/*", "a/y/z", 0, 0},
	{"- */b", "x/y/b", 0, 1},
	{"- [xa]/b", "q/a/b", 0, 1},
	{"- a//b", "q/a//b", 0, 1},
	/* "**" inside: from the start or after any '/'. */
	{"- a**b", "a/x/b", 0, 1},
	{"- a**b", "q/a/x/b", 0, 1},
	{"- a**b", "qa/x/b", 0, 0},	/* at the start or after a '/' only */
	{"- a**b", "a/x/bq", 0, 0},
	{"- /a**b", "q/a/x/b", 0, 0},
	{"- /a**b", "a/x/b", 0, 1},
	{"- x/**", "x/y/z", 0, 1},
	{"- x/**", "q/x/y", 0, 1},
	{"- x/**", "x", 1, 0},
	/* "**" first: also with no directory before. */
	{"- **/f", "f", 0, 1},
	{"- **/f", "a/b/f", 0, 1},
	{"- **/f", "af", 0, 0},
	{"- **f", "af", 0, 1},
	{"- **f", "a/f", 0, 1},
	{"- **/f", "/f", 0, 0},	/* rsync adds no "/" before a name that has one */
	{"- **/f", "/a/f", 0, 1},
	/* A trailing "/" + "***": the directory and all below it. */
	{"- d/***", "d", 1, 1},
	{"- d/***", "d", 0, 0},
	{"- d/***", "d/x", 0, 1},
	{"- d/***", "d/x/y", 1, 1},
	{"- d/***", "q/d/x", 0, 1},
	{"- d/***", "q/d", 1, 1},
	{"- d/***", "dd", 1, 0},
	{"- /d/***", "q/d", 1, 0},
	{"- d/**", "d", 1, 0},
	/* Directory rules. */
	{"- d/", "d", 1, 1},
	{"- d/", "d", 0, 0},
	{"- d/", "q/d", 1, 1},
	{"- /d/", "q/d", 1, 0},
	{"- d*/", "dx", 1, 1},
	{"- d*/", "dx", 0, 0},
	/* Negation: the pattern not matching; a negated directory rule
	 * applies to everything that is not a directory. */
	{"-! *.c", "x.c", 0, 0},
	{"-! *.c", "x.h", 0, 1},
	{"-! d/", "d", 1, 0},
	{"-! d/", "e", 1, 1},
	{"-! d/", "d", 0, 1},
	{"-! d/", "e", 0, 1},
	{"+! /a", "b", 0, 1},
	/* Never: an empty name, xattr rules, '/'-modifier rules. */
	{"- *", "", 0, 0},
	{"- *", "/", 1, 0},
	{"-! x", "", 0, 0},
	{"-x core", "core", 0, 0},
	{"-x! core", "x", 0, 0},
	{"-/ core", "core", 0, 0},
	{"-/ /a/b", "a/b", 0, 0},
	/* Other modifiers change nothing here. */
	{"-p core", "core", 0, 1},
	{"-s core", "core", 0, 1},
	{"-r core", "core", 0, 1},
	{"P core", "core", 0, 1},
};

START_TEST(test_rule_matches)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(rule_cases); i++) {
		const struct rule_case *c = &rule_cases[i];
		const char *rules[1] = {c->rule};
		struct filter_list fl;
		int got;

		build(&fl, rules, 1);
		ck_assert_int_eq(fl.n, 1);
		got = filter_rule_matches(&fl.rules[0], c->name, c->is_dir);
		REQUIRE(got == c->want, "\"%s\" on \"%s\"%s = %d, want %d", c->rule, c->name,
			c->is_dir ? " (dir)" : "", got, c->want);
		filter_free(&fl);
	}
}
END_TEST

/* Rules made by hand, as a caller makes the rules rsync implies from the
 * source arguments; their flags say how they match, not their text. */
START_TEST(test_rule_shapes)
{
	struct filter_rule dir = {FILTRULE_INCLUDE | FILTRULE_DIRECTORY, "/a/b", 2};
	struct filter_rule star = {FILTRULE_INCLUDE | FILTRULE_WILD, "/a/*", 2};
	struct filter_rule all = {FILTRULE_INCLUDE | FILTRULE_WILD | FILTRULE_WILD2, "/a/**", 2};
	struct filter_rule root = {FILTRULE_INCLUDE | FILTRULE_WILD, "/**", 1};
	struct filter_rule lit = {FILTRULE_WILD3_SUFFIX, "/d/", 2};

	ck_assert_int_eq(filter_rule_matches(&dir, "a/b", 1), 1);
	ck_assert_int_eq(filter_rule_matches(&dir, "a/b", 0), 0);
	ck_assert_int_eq(filter_rule_matches(&dir, "x/a/b", 1), 0);
	ck_assert_int_eq(filter_rule_matches(&star, "a/x", 0), 1);
	ck_assert_int_eq(filter_rule_matches(&star, "a/x/y", 0), 0);
	ck_assert_int_eq(filter_rule_matches(&all, "a/x/y", 0), 1);
	ck_assert_int_eq(filter_rule_matches(&all, "a", 1), 0);
	ck_assert_int_eq(filter_rule_matches(&all, "b/x", 0), 0);
	ck_assert_int_eq(filter_rule_matches(&root, "x/y", 0), 1);
	/* A literal pattern is also compared with the joined text. */
	ck_assert_int_eq(filter_rule_matches(&lit, "d", 1), 1);
	ck_assert_int_eq(filter_rule_matches(&lit, "d", 0), 0);
}
END_TEST

/* The slash count: after a directory rule's '/' is taken off. */
START_TEST(test_slash_cnt)
{
	static const struct {
		const char *rule;
		int want;
	} cases[] = {
		{"- x", 0}, {"- x/", 0}, {"- /x", 1}, {"- /x/", 1}, {"- a/b/c/", 2},
		{"- a//b", 2}, {"- /", 1}, {"- **/x/***", 2}, {"- [/]", 1},
		{"-! a/b/", 1},
	};
	size_t i;

	for (i = 0; i < ARRAY_LEN(cases); i++) {
		const char *rules[1] = {cases[i].rule};
		struct filter_list fl;

		build(&fl, rules, 1);
		ck_assert_int_eq(fl.n, 1);
		REQUIRE(fl.rules[0].slash_cnt == cases[i].want, "\"%s\": %d, want %d",
			cases[i].rule, fl.rules[0].slash_cnt, cases[i].want);
		filter_free(&fl);
	}
}
END_TEST

/* ------------------------------------------------------------------ */
/* Lists                                                               */
/* ------------------------------------------------------------------ */

START_TEST(test_check_order)
{
	const char *rules[] = {"+ keep.o", "- *.o", "+ */", "- /tmp", "+ *.c", "- *"};
	struct filter_list fl;

	build(&fl, rules, (int)ARRAY_LEN(rules));
	ck_assert_int_eq(filter_check(&fl, NULL, "a/keep.o", 0, FILTER_SIDE_SENDER), 1);
	ck_assert_int_eq(filter_check(&fl, NULL, "a/other.o", 0, FILTER_SIDE_SENDER), -1);
	ck_assert_int_eq(filter_check(&fl, NULL, "a/x.o", 1, FILTER_SIDE_SENDER), -1);
	ck_assert_int_eq(filter_check(&fl, NULL, "tmp", 1, FILTER_SIDE_SENDER), 1);
	ck_assert_int_eq(filter_check(&fl, NULL, "tmp", 0, FILTER_SIDE_SENDER), -1);
	ck_assert_int_eq(filter_check(&fl, NULL, "a/m.c", 0, FILTER_SIDE_SENDER), 1);
	ck_assert_int_eq(filter_check(&fl, NULL, "a/m.h", 0, FILTER_SIDE_SENDER), -1);
	ck_assert_int_eq(filter_check(&fl, NULL, "", 0, FILTER_SIDE_SENDER), 0);
	filter_free(&fl);

	memset(&fl, 0, sizeof fl);
	ck_assert_int_eq(filter_check(&fl, NULL, "x", 0, FILTER_SIDE_ALL), 0);
}
END_TEST

START_TEST(test_check_no_match)
{
	const char *rules[] = {"- *.o", "+ /src/"};
	struct filter_list fl;

	build(&fl, rules, (int)ARRAY_LEN(rules));
	ck_assert_int_eq(filter_check(&fl, NULL, "x.c", 0, FILTER_SIDE_SENDER), 0);
	ck_assert_int_eq(filter_check(&fl, NULL, "src", 0, FILTER_SIDE_SENDER), 0);
	ck_assert_int_eq(filter_check(&fl, NULL, "src", 1, FILTER_SIDE_SENDER), 1);
	filter_free(&fl);
}
END_TEST

/* A sender never sees the rules for the receiver only, and the other way
 * round; a rule for both sides is seen by both. */
START_TEST(test_check_sides)
{
	const char *rules[] = {"-r r1", "P r2", "-s s1", "H s2", "R s3", "-sr b1", "S s4",
			       "- *"};
	static const struct {
		const char *name;
		int all, sender, receiver;
	} cases[] = {
		{"r1", -1, -1, -1}, {"r2", -1, -1, -1}, {"s1", -1, -1, -1},
		{"s2", -1, -1, -1}, {"s3", 1, -1, 1}, {"b1", -1, -1, -1},
		{"s4", 1, 1, -1}, {"zz", -1, -1, -1},
	};
	struct filter_list fl;
	size_t i;

	/* Without the final "- *", skipped rules show as no match. */
	build(&fl, rules, (int)ARRAY_LEN(rules) - 1);
	ck_assert_int_eq(filter_check(&fl, NULL, "r1", 0, FILTER_SIDE_SENDER), 0);
	ck_assert_int_eq(filter_check(&fl, NULL, "r2", 0, FILTER_SIDE_SENDER), 0);
	ck_assert_int_eq(filter_check(&fl, NULL, "r1", 0, FILTER_SIDE_RECEIVER), -1);
	ck_assert_int_eq(filter_check(&fl, NULL, "s1", 0, FILTER_SIDE_SENDER), -1);
	ck_assert_int_eq(filter_check(&fl, NULL, "s1", 0, FILTER_SIDE_RECEIVER), 0);
	ck_assert_int_eq(filter_check(&fl, NULL, "b1", 0, FILTER_SIDE_SENDER), -1);
	ck_assert_int_eq(filter_check(&fl, NULL, "b1", 0, FILTER_SIDE_RECEIVER), -1);
	ck_assert_int_eq(filter_check(&fl, NULL, "r1", 0, FILTER_SIDE_ALL), -1);
	filter_free(&fl);

	build(&fl, rules, (int)ARRAY_LEN(rules));
	for (i = 0; i < ARRAY_LEN(cases); i++) {
		const char *n = cases[i].name;

		REQUIRE(filter_check(&fl, NULL, n, 0, FILTER_SIDE_ALL) == cases[i].all, "%s all", n);
		REQUIRE(filter_check(&fl, NULL, n, 0, FILTER_SIDE_SENDER) == cases[i].sender,
			"%s sender", n);
		REQUIRE(filter_check(&fl, NULL, n, 0, FILTER_SIDE_RECEIVER) == cases[i].receiver,
			"%s receiver", n);
	}
	filter_free(&fl);
}
END_TEST

/* A --delete-excluded list: its rules are for the sender. */
START_TEST(test_check_delete_excluded)
{
	struct filter_arg args[] = {{FA_DELETE_EXCLUDED, NULL}, {FA_EXCLUDE, "*.o"}};
	struct filter_list fl;
	char err[256];

	ck_assert(filter_build(&fl, args, 2, 0, err, sizeof err) == 0);
	ck_assert_int_eq(filter_check(&fl, NULL, "x.o", 0, FILTER_SIDE_SENDER), -1);
	ck_assert_int_eq(filter_check(&fl, NULL, "x.o", 0, FILTER_SIDE_RECEIVER), 0);
	filter_free(&fl);
}
END_TEST

/* Merge rules are left to the caller; the exclude an 'e' adds is not. */
START_TEST(test_check_merges)
{
	const char *rules[] = {": .f1", "dir-merge,e .f2", "- x"};
	struct filter_list fl;

	build(&fl, rules, (int)ARRAY_LEN(rules));
	ck_assert_int_eq(filter_check(&fl, NULL, ".f1", 0, FILTER_SIDE_SENDER), 0);
	ck_assert_int_eq(filter_check(&fl, NULL, "d/.f2", 0, FILTER_SIDE_SENDER), -1);
	ck_assert_int_eq(filter_check(&fl, NULL, "x", 0, FILTER_SIDE_SENDER), -1);
	filter_free(&fl);
}
END_TEST

START_TEST(test_check_perishable)
{
	const char *rules[] = {"-p scratch", "+ *"};
	struct filter_list fl;

	build(&fl, rules, (int)ARRAY_LEN(rules));
	ck_assert_int_eq(filter_check(&fl, NULL, "a/scratch", 0, FILTER_SIDE_SENDER), -1);
	ck_assert_int_eq(filter_check(&fl, NULL, "a/other", 0, FILTER_SIDE_SENDER), 1);
	filter_free(&fl);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The CVS list                                                        */
/* ------------------------------------------------------------------ */

static char home[PATH_MAX];

/* A HOME of our own, with a .cvsignore when data is not NULL. */
static void cvs_home(const char *data)
{
	const char *tmp = getenv("TMPDIR");
	char path[PATH_MAX + 16];

	snprintf(home, sizeof home, "%s/relay-fcheck.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	ck_assert(mkdtemp(home) != NULL);
	ck_assert(setenv("HOME", home, 1) == 0);
	unsetenv("CVSIGNORE");
	if (data) {
		FILE *f;

		snprintf(path, sizeof path, "%s/.cvsignore", home);
		f = fopen(path, "w");
		ck_assert_msg(f != NULL, "%s", strerror(errno));
		ck_assert(fputs(data, f) >= 0);
		ck_assert(fclose(f) == 0);
	}
}

static void cvs_home_done(void)
{
	char path[PATH_MAX + 16];

	snprintf(path, sizeof path, "%s/.cvsignore", home);
	unlink(path);
	rmdir(home);
}

/* The rule in cvs with this pattern, or NULL. */
static const struct filter_rule *find_rule(const struct filter_list *l, const char *pat)
{
	int i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->rules[i].pattern, pat) == 0)
			return &l->rules[i];
	return NULL;
}

/* The CVS list a "-C" in fl stands for, as filter_assemble makes it for
 * the sender's list. */
static int cvs_of(const struct filter_list *fl, int protocol, struct filter_list *cvs)
{
	struct filter_wire_opts o = { .protocol = protocol };
	struct filter_list list;
	char err[256];
	int rc = filter_assemble(fl, 1, &o, &list, cvs, err, sizeof err);

	filter_free(&list);
	return rc;
}

START_TEST(test_cvs_list)
{
	const char *rules[] = {"+ keep.o", "-C", "- last"};
	struct filter_list fl, cvs;
	const struct filter_rule *r;

	cvs_home("secret\n");
	ck_assert(setenv("CVSIGNORE", "*.tmp", 1) == 0);
	build(&fl, rules, (int)ARRAY_LEN(rules));
	ck_assert_int_eq(cvs_of(&fl, 31, &cvs), 0);

	/* rsync's defaults are perishable from protocol 30 on; the user's
	 * words are not.  None is itself a "-C". */
	r = find_rule(&cvs, "*.o");
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(r->rflags & (FILTRULE_PERISHABLE | FILTRULE_CVS_IGNORE),
			  FILTRULE_PERISHABLE);
	r = find_rule(&cvs, ".git");
	ck_assert_ptr_nonnull(r);
	ck_assert(r->rflags & FILTRULE_DIRECTORY);
	ck_assert_int_eq(r->slash_cnt, 0);
	r = find_rule(&cvs, "secret");
	ck_assert_ptr_nonnull(r);
	ck_assert(!(r->rflags & FILTRULE_PERISHABLE));
	ck_assert_ptr_nonnull(find_rule(&cvs, "*.tmp"));

	ck_assert_int_eq(filter_check(&fl, &cvs, "a/keep.o", 0, FILTER_SIDE_SENDER), 1);
	ck_assert_int_eq(filter_check(&fl, &cvs, "a/x.o", 0, FILTER_SIDE_SENDER), -1);
	ck_assert_int_eq(filter_check(&fl, &cvs, "core", 0, FILTER_SIDE_SENDER), -1);
	ck_assert_int_eq(filter_check(&fl, &cvs, "d/.git", 1, FILTER_SIDE_SENDER), -1);
	ck_assert_int_eq(filter_check(&fl, &cvs, "d/.git", 0, FILTER_SIDE_SENDER), 0);
	ck_assert_int_eq(filter_check(&fl, &cvs, "secret", 0, FILTER_SIDE_SENDER), -1);
	ck_assert_int_eq(filter_check(&fl, &cvs, "x.tmp", 0, FILTER_SIDE_SENDER), -1);
	ck_assert_int_eq(filter_check(&fl, &cvs, "last", 0, FILTER_SIDE_SENDER), -1);
	ck_assert_int_eq(filter_check(&fl, &cvs, "m.c", 0, FILTER_SIDE_SENDER), 0);
	/* Without the list, "-C" matches nothing. */
	ck_assert_int_eq(filter_check(&fl, NULL, "a/x.o", 0, FILTER_SIDE_SENDER), 0);
	filter_free(&cvs);

	ck_assert_int_eq(cvs_of(&fl, 29, &cvs), 0);
	r = find_rule(&cvs, "*.o");
	ck_assert_ptr_nonnull(r);
	ck_assert(!(r->rflags & FILTRULE_PERISHABLE));
	filter_free(&cvs);
	filter_free(&fl);
	cvs_home_done();
}
END_TEST

/* The list carries the "-C" rule's flags, but rsync's client judges a
 * sender's names by it whatever side the "-C" names: a receiver-only one
 * is never sent, so its words are never marked as the other side's. */
START_TEST(test_cvs_sides)
{
	const char *rules[] = {"-rC"};
	struct filter_list fl, cvs;

	cvs_home(NULL);
	build(&fl, rules, 1);
	ck_assert_int_eq(cvs_of(&fl, 31, &cvs), 0);
	ck_assert_int_gt(cvs.n, 0);
	ck_assert_uint_eq(cvs.rules[0].rflags & FILTRULES_SIDES, FILTRULE_RECEIVER_SIDE);
	ck_assert_int_eq(filter_check(&fl, &cvs, "x.o", 0, FILTER_SIDE_SENDER), -1);
	ck_assert_int_eq(filter_check(&fl, &cvs, "x.o", 0, FILTER_SIDE_RECEIVER), -1);
	filter_free(&cvs);
	filter_free(&fl);
	cvs_home_done();
}
END_TEST

START_TEST(test_cvs_none)
{
	const char *rules[] = {"- x", ":C"};
	struct filter_list fl, cvs;

	build(&fl, rules, (int)ARRAY_LEN(rules));
	ck_assert_int_eq(cvs_of(&fl, 31, &cvs), 0);
	ck_assert_int_eq(cvs.n, 0);
	/* The dir-merge ":C" is the caller's. */
	ck_assert_int_eq(filter_check(&fl, &cvs, "x.o", 0, FILTER_SIDE_SENDER), 0);
	filter_free(&cvs);
	filter_free(&fl);
}
END_TEST

Suite *filtercheck_suite(void)
{
	Suite *s = suite_create("filtercheck");
	TCase *tc = tcase_create("filtercheck");

	tcase_add_test(tc, test_rule_matches);
	tcase_add_test(tc, test_rule_shapes);
	tcase_add_test(tc, test_slash_cnt);
	tcase_add_test(tc, test_check_order);
	tcase_add_test(tc, test_check_no_match);
	tcase_add_test(tc, test_check_sides);
	tcase_add_test(tc, test_check_delete_excluded);
	tcase_add_test(tc, test_check_merges);
	tcase_add_test(tc, test_check_perishable);
	tcase_add_test(tc, test_cvs_list);
	tcase_add_test(tc, test_cvs_sides);
	tcase_add_test(tc, test_cvs_none);
	suite_add_tcase(s, tc);
	return s;
}
