/* Unit tests of the pattern matcher (wildmatch.h).
 *
 * The cases are our own.  Each expected answer was checked against rsync
 * 3.5.0's matcher (its wildmatch, wildmatch_array and litmatch_array,
 * built apart from this project), and the ones that depend on the way a
 * filter rule uses it against "rsync -r --dry-run -i --filter=RULE" over
 * a scratch tree.
 */
#include "suites.h"
#include "wildmatch.h"

#include <string.h>

struct wm_case {
	const char *pattern;
	const char *text;
	int want;
};

/* Plain literals, '?', '*' and "**". */
static const struct wm_case basic_cases[] = {
	{"", "", 1},
	{"", "x", 0},
	{"x", "", 0},
	{"foo", "foo", 1},
	{"foo", "fo", 0},
	{"foo", "foox", 0},
	{"foo", "Foo", 0},
	{"f?o", "fxo", 1},
	{"f?o", "f/o", 0},
	{"f?o", "fo", 0},
	{"??", "ab", 1},
	{"??", "a", 0},
	{"?", "", 0},
	{"*", "", 1},
	{"*", "anything", 1},
	{"*", "a/b", 0},
	{"*", "/", 0},
	{"x*", "x", 1},
	{"*x", "x", 1},
	{"x*z", "xyyz", 1},
	{"x*z", "xy/z", 0},
	{"x*z", "xz/z", 0},
	{"*.c", "main.c", 1},
	{"*.c", "src/main.c", 0},
	{"*.c", "main.h", 0},
	{"*/main.c", "src/main.c", 1},
	{"*/main.c", "a/src/main.c", 0},
	{"p*q*r", "pXqYr", 1},
	{"p*q*r", "pXrYq", 0},
	{"*q*q", "qqq", 1},
	{"**", "", 1},
	{"**", "a/b/c", 1},
	{"***", "a/b", 1},
	{"x**z", "x/y/z", 1},
	{"x**", "x/", 1},
	{"**/z", "x/y/z", 1},
	{"**/z", "z", 0},
	{"**z", "z", 1},
	{"x/**/z", "x/z", 0},
	{"x/**/z", "x/y/z", 1},
	{"x/**/z", "x/y/w/z", 1},
	{"x/**/z", "x/y/w/z/q", 0},
	{"x***z", "x/q/z", 1},
	{"**a**b", "xa/yb", 1},
	{"**a**b", "xb/ya", 0},
	/* A trailing "*" takes no '/'; a trailing "**" does. */
	{"d/*", "d/", 1},
	{"d/*", "d/f", 1},
	{"d/*", "d/f/g", 0},
	{"d/**", "d/f/g", 1},
	{"d*", "d/", 0},
	{"d**", "d/", 1},
	{"*/*", "a/b", 1},
	{"*/*", "a/b/", 0},
	{"**/*", "a/b/c", 1},
	{"**/*", "a/b/c/", 1},
	{"**/*", "a/b/c/d/", 1},
	{"*/*", "a/b/c", 0},
};

/* Escapes outside classes. */
static const struct wm_case escape_cases[] = {
	{"\\*", "*", 1},
	{"\\*", "x", 0},
	{"\\?", "?", 1},
	{"\\?", "x", 0},
	{"\\[x]", "[x]", 1},
	{"\\[x]", "x", 0},
	{"\\\\", "\\", 1},
	{"\\q", "q", 1},
	{"\\/", "/", 1},
	{"*\\*", "abc*", 1},
	{"*\\*", "abc", 0},
	{"x\\", "x", 0},	/* a '\' at the end matches nothing */
	{"x\\", "x\\", 0},
	{"x\\", "xy", 0},
};

/* Classes: members, negation, ranges, ']' and '-' in odd places. */
static const struct wm_case class_cases[] = {
	{"[xyz]", "y", 1},
	{"[xyz]", "w", 0},
	{"[xyz]", "", 0},
	{"[xyz]", "xy", 0},
	{"[xyz]*", "xy", 1},
	{"[!xyz]", "w", 1},
	{"[!xyz]", "x", 0},
	{"[^xyz]", "w", 1},
	{"[^xyz]", "z", 0},
	{"[c-f]", "e", 1},
	{"[c-f]", "c", 1},
	{"[c-f]", "f", 1},
	{"[c-f]", "g", 0},
	{"[!c-f]", "g", 1},
	{"[!c-f]", "d", 0},
	{"[f-c]", "d", 0},	/* an empty range */
	{"[0-37-9]", "8", 1},
	{"[0-37-9]", "5", 0},
	/* Never a '/', whatever the class says. */
	{"[/]", "/", 0},
	{"[!q]", "/", 0},
	{"[.-0]", "/", 0},
	{"[.-0]", "0", 1},
	{"*[!q]", "p/", 0},
	/* A ']' first is a member, also after the negation. */
	{"[]]", "]", 1},
	{"[]q]", "q", 1},
	{"[]q]", "r", 0},
	{"[!]]", "]", 0},
	{"[!]]", "r", 1},
	{"[]-a]", "_", 1},	/* the range ']' to 'a' */
	{"[]-a]", "b", 0},
	/* A '-' first or last is a member. */
	{"[-q]", "-", 1},
	{"[q-]", "-", 1},
	{"[q-]", "r", 0},
	{"[!-]", "-", 0},
	/* A range's end starts no other range. */
	{"[a-c-e]", "-", 1},
	{"[a-c-e]", "d", 0},
	/* Escapes inside. */
	{"[\\]]", "]", 1},
	{"[\\]q]", "q", 1},
	{"[\\!q]", "!", 1},	/* an escaped '!' does not negate */
	{"[\\!q]", "r", 0},
	{"[q\\-s]", "-", 1},	/* an escaped '-' is no range */
	{"[q\\-s]", "r", 0},
	{"[\\q-s]", "r", 1},	/* an escaped range end */
	{"[q-\\s]", "r", 1},
	{"[\\\\]", "\\", 1},
	/* Unterminated: never a match. */
	{"[", "[", 0},
	{"[q", "q", 0},
	{"[!q", "r", 0},
	{"x[q-", "xq", 0},
	{"[q\\", "q", 0},
	{"[q\\]", "q", 0},
	{"*[q", "aq", 0},
	{"**[q", "a/q", 0},
	{"q[", "q", 0},
};

/* Named classes. */
static const struct wm_case named_cases[] = {
	{"[[:alpha:]]", "k", 1},
	{"[[:alpha:]]", "K", 1},
	{"[[:alpha:]]", "7", 0},
	{"[[:digit:]]", "7", 1},
	{"[[:digit:]]", "k", 0},
	{"[[:alnum:]]", "7", 1},
	{"[[:alnum:]]", "_", 0},
	{"[[:upper:]]", "K", 1},
	{"[[:upper:]]", "k", 0},
	{"[[:lower:]]", "k", 1},
	{"[[:lower:]]", "K", 0},
	{"[[:space:]]", " ", 1},
	{"[[:space:]]", "\n", 1},
	{"[[:space:]]", "_", 0},
	{"[[:blank:]]", "\t", 1},
	{"[[:blank:]]", "\n", 0},
	{"[[:punct:]]", "_", 1},
	{"[[:punct:]]", "k", 0},
	{"[[:punct:]]", "/", 0},	/* punctuation, but a '/' */
	{"[[:xdigit:]]", "e", 1},
	{"[[:xdigit:]]", "E", 1},
	{"[[:xdigit:]]", "g", 0},
	{"[[:cntrl:]]", "\001", 1},
	{"[[:cntrl:]]", " ", 0},
	{"[[:print:]]", " ", 1},
	{"[[:print:]]", "\001", 0},
	{"[[:graph:]]", "k", 1},
	{"[[:graph:]]", " ", 0},
	{"[![:digit:]]", "k", 1},
	{"[![:digit:]]", "7", 0},
	{"[[:digit:][:upper:]]", "K", 1},
	{"[[:digit:][:upper:]]", "7", 1},
	{"[[:digit:][:upper:]]", "k", 0},
	{"[q[:digit:]]", "q", 1},
	{"[[:digit:]q]", "q", 1},
	/* A named class ends no range and starts none. */
	{"[[:digit:]-z]", "-", 1},
	{"[[:digit:]-z]", "m", 0},
	/* Unknown names never match, even negated or after a match. */
	{"[[:vowel:]]", "a", 0},
	{"[![:vowel:]]", "a", 0},
	{"[a[:vowel:]]", "a", 0},
	{"[[::]]", ":", 0},
	/* No ':' before the ']': the '[' is a plain member. */
	{"[[:digit]]", "t]", 1},
	{"[[:digit]]", ":]", 1},
	{"[[:digit]]", "[]", 1},
	{"[[:digit]]", "7]", 0},
	{"[[:]]", ":]", 1},
	{"[[:]]", "[]", 1},
	/* A named class with no ']' for the whole class. */
	{"[[:digit:]", "7", 0},
	{"[[:digit:", "7", 0},
	{"*[[:digit:]]", "abc7", 1},
	{"*[[:digit:]]", "abc/7", 0},
};

/* Where a pattern is tried along a path. */
struct tail_case {
	const char *pattern;
	const char *text;
	int how;
	int want;
};

static const struct tail_case tail_cases[] = {
	{"b/c", "a/b/c", 0, 0},
	{"b/c", "a/b/c", 2, 1},
	{"b/c", "b/c", 2, 1},
	{"b/c", "c", 2, 0},	/* fewer elements than asked for */
	{"b/c", "a/b/c", 3, 0},
	{"a/b/c", "a/b/c", 3, 1},
	{"c", "a/b/c", 1, 1},
	{"c", "c", 1, 1},
	{"c", "", 1, 0},
	{"", "", 1, 1},
	{"", "a/", 1, 1},
	{"*", "a/b/c", 1, 1},
	{"x/*", "q/x/y", 2, 1},
	{"x/*", "q/x/y/z", 2, 0},
	{"x*/y", "q/xx/y", 2, 1},
	{"b/**", "a/b/c/d", -1, 1},
	{"b/**", "a/b/c/d", 0, 0},
	{"b/**", "ab/c", -1, 0},
	{"c/**", "a/b/c/d", -1, 1},
	{"x/**/y", "a/x/q/y", -1, 1},
	{"x/**/y", "a/x/q/y/z", -1, 0},
	{"b*", "x/by/z", -1, 0},
	{"b**", "x/by/z", -1, 1},
	{"**b", "x/by/z", -1, 0},
	{"**b/*", "x/by/b/z", -1, 1},
	{"y/*", "x/y/z/", -1, 0},
	{"a/b/c/**/z", "a/b", -1, 0},
	{"*/q**", "a/b/q/x", -1, 1},
	{"z", "a/b/z", -1, 1},
	{"z", "a/b/zz", -1, 0},
};

static void check_cases(const struct wm_case *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int got = wildmatch(c[i].pattern, c[i].text);

		REQUIRE(got == c[i].want, "wildmatch(\"%s\", \"%s\") = %d, want %d",
			c[i].pattern, c[i].text, got, c[i].want);
		got = wildmatch_tail(c[i].pattern, c[i].text, WILDMATCH_WHOLE);
		REQUIRE(got == c[i].want, "wildmatch_tail(\"%s\", \"%s\", 0) = %d",
			c[i].pattern, c[i].text, got);
	}
}

START_TEST(test_basic)
{
	check_cases(basic_cases, ARRAY_LEN(basic_cases));
}
END_TEST

START_TEST(test_escapes)
{
	check_cases(escape_cases, ARRAY_LEN(escape_cases));
}
END_TEST

START_TEST(test_classes)
{
	check_cases(class_cases, ARRAY_LEN(class_cases));
}
END_TEST

START_TEST(test_named_classes)
{
	check_cases(named_cases, ARRAY_LEN(named_cases));
}
END_TEST

START_TEST(test_tail)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(tail_cases); i++) {
		const struct tail_case *c = &tail_cases[i];
		int got = wildmatch_tail(c->pattern, c->text, c->how);

		REQUIRE(got == c->want, "wildmatch_tail(\"%s\", \"%s\", %d) = %d, want %d",
			c->pattern, c->text, c->how, got, c->want);
	}
}
END_TEST

/* The parts of a joined text read as one string, also across '*', "**"
 * and the slash counting. */
START_TEST(test_join)
{
	const char *lead[] = {"/", "x", NULL};
	const char *trail[] = {"d", "/", NULL};
	const char *split[] = {"a", "/b", "", "/c", NULL};
	const char *empty[] = {"", NULL};
	const char *none[] = {NULL};

	ck_assert_int_eq(wildmatch_join("**/x", lead, WILDMATCH_WHOLE), 1);
	ck_assert_int_eq(wildmatch_join("*x", lead, WILDMATCH_WHOLE), 0);
	ck_assert_int_eq(wildmatch_join("d/***", trail, WILDMATCH_WHOLE), 1);
	ck_assert_int_eq(wildmatch_join("d*", trail, WILDMATCH_WHOLE), 0);
	ck_assert_int_eq(wildmatch_join("d?", trail, WILDMATCH_WHOLE), 0);
	ck_assert_int_eq(wildmatch_join("a/b/c", split, WILDMATCH_WHOLE), 1);
	ck_assert_int_eq(wildmatch_join("a**c", split, WILDMATCH_WHOLE), 1);
	ck_assert_int_eq(wildmatch_join("a*c", split, WILDMATCH_WHOLE), 0);
	ck_assert_int_eq(wildmatch_join("b/c", split, 2), 1);
	ck_assert_int_eq(wildmatch_join("c", split, 1), 1);
	ck_assert_int_eq(wildmatch_join("c", split, WILDMATCH_ANY_SLASH), 1);
	ck_assert_int_eq(wildmatch_join("b", split, WILDMATCH_ANY_SLASH), 0);
	ck_assert_int_eq(wildmatch_join("*", empty, WILDMATCH_WHOLE), 1);
	ck_assert_int_eq(wildmatch_join("", none, WILDMATCH_WHOLE), 0);
	ck_assert_int_eq(wildmatch_join("*", none, 1), 0);
}
END_TEST

START_TEST(test_literal)
{
	const char *one[] = {"a/b/c", NULL};
	const char *split[] = {"a/", "b", "", "/c", NULL};
	const char *trail[] = {"d", "/", NULL};
	const char *empty[] = {"", NULL};
	const char *none[] = {NULL};

	ck_assert_int_eq(litmatch_join("a/b/c", one, WILDMATCH_WHOLE), 1);
	ck_assert_int_eq(litmatch_join("a/b", one, WILDMATCH_WHOLE), 0);
	ck_assert_int_eq(litmatch_join("a/b/c/", one, WILDMATCH_WHOLE), 0);
	ck_assert_int_eq(litmatch_join("b/c", one, 2), 1);
	ck_assert_int_eq(litmatch_join("c", one, 1), 1);
	ck_assert_int_eq(litmatch_join("c", one, 4), 0);
	ck_assert_int_eq(litmatch_join("a/b/c", split, WILDMATCH_WHOLE), 1);
	ck_assert_int_eq(litmatch_join("b/c", split, 2), 1);
	ck_assert_int_eq(litmatch_join("d/", trail, WILDMATCH_WHOLE), 1);
	ck_assert_int_eq(litmatch_join("", trail, 1), 1);
	/* No wildcards: '*' is itself, and there is no "try after each
	 * slash" (taken as from the start). */
	ck_assert_int_eq(litmatch_join("*", one, WILDMATCH_WHOLE), 0);
	ck_assert_int_eq(litmatch_join("c", one, WILDMATCH_ANY_SLASH), 0);
	ck_assert_int_eq(litmatch_join("a/b/c", one, WILDMATCH_ANY_SLASH), 1);
	ck_assert_int_eq(litmatch_join("", empty, WILDMATCH_WHOLE), 1);
	ck_assert_int_eq(litmatch_join("", none, WILDMATCH_WHOLE), 0);
}
END_TEST

/* rsync compares bytes: no case folding, and the high half is plain. */
START_TEST(test_bytes)
{
	ck_assert_int_eq(wildmatch("\xc3\xa9", "\xc3\xa9"), 1);
	ck_assert_int_eq(wildmatch("?", "\xc3\xa9"), 0);
	ck_assert_int_eq(wildmatch("??", "\xc3\xa9"), 1);
	ck_assert_int_eq(wildmatch("[\x80-\xff]", "\xc3"), 1);
	ck_assert_int_eq(wildmatch("[!\x80-\xff]", "\xc3"), 0);
	ck_assert_int_eq(wildmatch("[[:alpha:]]", "\xc3"), 0);	/* C locale */
	ck_assert_int_eq(wildmatch("*\xa9", "x\xc3\xa9"), 1);
	ck_assert_int_eq(wildmatch("ABC", "abc"), 0);
}
END_TEST

/* A name from a hostile sender may be 4 KiB of whatever makes
 * backtracking slowest; these must simply return. */
START_TEST(test_hostile)
{
	static const char *const patterns[] = {
		"*a*a*a*a*a*a*a*b",
		"**a**a**a**a**a**a**a**b",
		"*a**a*a**a*a**a*a**b",
		"**a*a**a*a**a*a**a*/b",
		"*?*?*?*?*?*?*?*?*?*b",
		"**/**/**/**/**/**/b",
		"*a*a*a*a*a*a*a*",
		"[a]*[a]*[a]*[a]*[a]*[a]*b",
	};
	static const char *const fills[] = {"a", "a/", "aa/", "/"};
	static char text[4097];
	size_t f, i, k, len;
	int how;

	for (f = 0; f < ARRAY_LEN(fills); f++) {
		len = strlen(fills[f]);
		for (k = 0; k < 4096; k++)
			text[k] = fills[f][k % len];
		text[4095] = '/';
		for (i = 0; i < ARRAY_LEN(patterns); i++)
			for (how = -1; how <= 2; how++)
				REQUIRE(wildmatch_tail(patterns[i], text, how) == 0,
					"%s matched fill \"%s\"", patterns[i], fills[f]);
	}
	/* And the match when the text allows it. */
	memset(text, 'a', 4095);
	text[4095] = 'b';
	ck_assert_int_eq(wildmatch("*a*a*a*a*a*a*a*b", text), 1);
	ck_assert_int_eq(wildmatch("**a**a**a**a**a**a**a**b", text), 1);
}
END_TEST

Suite *wildmatch_suite(void)
{
	Suite *s = suite_create("wildmatch");
	TCase *tc = tcase_create("wildmatch");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_basic);
	tcase_add_test(tc, test_escapes);
	tcase_add_test(tc, test_classes);
	tcase_add_test(tc, test_named_classes);
	tcase_add_test(tc, test_tail);
	tcase_add_test(tc, test_join);
	tcase_add_test(tc, test_literal);
	tcase_add_test(tc, test_bytes);
	tcase_add_test(tc, test_hostile);
	suite_add_tcase(s, tc);
	return s;
}
