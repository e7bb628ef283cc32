/* Unit tests of drop-in use (dropin.h) and of copies on one login
 * (samehost.h): which command lines go to the local rsync, which stay
 * on one host, and the command that host runs. */
#include "suites.h"
#include "dropin.h"
#include "operands.h"
#include "options.h"
#include "samehost.h"

#include <stdlib.h>
#include <string.h>

#define MAX_WORDS 12

struct local_case {
	const char *argv[MAX_WORDS];	/* after the program name */
	int local;			/* dropin_is_local() */
	const char *prog;
};

static const struct local_case local_cases[] = {
	{ {"-a", "a/", "b/"}, 1, "rsync" },			/* local copy */
	{ {"-a", "a/", "h:b/"}, 1, "rsync" },			/* push */
	{ {"-a", "h:a/", "b/"}, 1, "rsync" },			/* pull */
	{ {"-a", "h:a/", "g:b/"}, 0, "rsync" },			/* relayed */
	{ {"h:a/"}, 0, "rsync" },				/* listed by the relay */
	{ {"a/"}, 1, "rsync" },					/* rsync lists it */
	{ {"-a"}, 0, "rsync" },					/* no operand */
	{ {"--help"}, 0, "rsync" },
	{ {"h::mod/", "b/"}, 1, "rsync" },			/* daemon pull */
	{ {"a/", "rsync://h/mod/"}, 1, "rsync" },
	{ {"h::"}, 0, "rsync" },				/* modules listed by the relay */
	{ {"rsync://h/mod/"}, 0, "rsync" },
	{ {"h::mod/", "g:b/"}, 0, "rsync" },			/* relayed */
	{ {"h:a/", "rsync://g/mod/"}, 0, "rsync" },
	{ {"./x:y", "h:b/"}, 1, "rsync" },			/* a slash first: local */
	{ {"-e", "h:x", "a/", "h:b/"}, 1, "rsync" },		/* -e takes "h:x" */
	{ {"-essh", "h:a", "g:b"}, 0, "rsync" },
	{ {"--exclude", "g:x", "h:a", "b"}, 1, "rsync" },
	{ {"-s", "h:a", "g:b"}, 0, "rsync" },
	{ {"--", "-a", "h:b"}, 1, "rsync" },			/* "-a" is a file */
	{ {"h:a", ":b"}, 1, "rsync" },				/* two sources, listed */
	{ {"--copy-as=u", "h:a", "b"}, 1, "rsync" },		/* an option of rsync's own */
	{ {"--frobnicate", "h:a", "g:b"}, 1, "rsync" },		/* rsync's error to give */
	{ {"-a", "h:a", "--exclude"}, 1, "rsync" },		/* missing argument */
	{ {"--src-rsh=x", "a", "b"}, 0, "rsync" },		/* the relay's own option */
	{ {"--local-rsync=/x/rs", "a", "h:b"}, 1, "/x/rs" },
	{ {"--local-rsync", "/x/rs", "a", "b"}, 1, "/x/rs" },
};

static int count(const char *const *w)
{
	int n = 0;
	while (n < MAX_WORDS && w[n])
		n++;
	return n;
}

START_TEST(test_is_local)
{
	const struct local_case *c = &local_cases[_i];
	char *argv[MAX_WORDS + 1] = { "rsync-relay" };
	int n = count(c->argv);
	const char *prog;

	memcpy(argv + 1, c->argv, (size_t)n * sizeof *argv);
	ck_assert_int_eq(dropin_is_local(n + 1, argv, &prog), c->local);
	ck_assert_str_eq(prog, c->prog);
}
END_TEST

START_TEST(test_scan_words)
{
	char *argv[] = { "rsync-relay", "-av", "--src-rsh", "ssh", "-e", "ssh -p 2",
			 "h:a", "--relay", "--local-rsync=x", "--exclude", "*.o", "g:b", NULL };
	const char *words[16];
	struct argv_scan sc = { .words = words };

	ck_assert_int_eq(options_scan(12, argv, &sc), 0);
	ck_assert_int_eq(sc.nops, 2);
	ck_assert_str_eq(sc.first, "h:a");
	ck_assert_str_eq(sc.last, "g:b");
	ck_assert_int_eq(sc.relay_only, 1);
	ck_assert_int_eq(sc.nwords, 5);
	ck_assert_str_eq(words[0], "-av");
	ck_assert_str_eq(words[1], "-e");
	ck_assert_str_eq(words[2], "ssh -p 2");
	ck_assert_str_eq(words[3], "--exclude");
	ck_assert_str_eq(words[4], "*.o");
}
END_TEST

/* Parses argv (after the program name) into o and ops. */
static void parse(struct options *o, struct operands *ops, const char *const *words)
{
	char *argv[MAX_WORDS + 1] = { "rsync-relay" };
	int n = count(words);
	char err[256];

	memcpy(argv + 1, words, (size_t)n * sizeof *argv);
	ck_assert_msg(options_parse(o, n + 1, argv, NULL, err, sizeof err) == 0, "%s", err);
	ck_assert_msg(operands_parse(ops, o->args, o->nargs, err, sizeof err) == 0, "%s", err);
}

struct login_case {
	const char *argv[MAX_WORDS];
	int same;
	int obstacle;
};

static const struct login_case login_cases[] = {
	{ {"h:a", "h:b"}, 1, 0 },
	{ {"u@h:a", "u@h:b"}, 1, 0 },
	{ {"h:a", ":c", "h:b"}, 1, 0 },
	{ {"u@h:a", "h:b"}, 0, 0 },
	{ {"u@h:a", "v@h:b"}, 0, 0 },
	{ {"h:a", "g:b"}, 0, 0 },
	{ {"--dest-rsh=ssh -p 2", "h:a", "h:b"}, 0, 0 },
	{ {"--src-rsh=ssh -p 2", "--dest-rsh=ssh -p 2", "h:a", "h:b"}, 1, 0 },
	{ {"--dest-rsync-path=sudo rsync", "h:a", "h:b"}, 0, 0 },
	{ {"--files-from=list", "h:a", "h:b"}, 1, 1 },
	{ {"--exclude-from=list", "h:a", "h:b"}, 1, 1 },
	{ {"--filter=merge list", "h:a", "h:b"}, 1, 1 },
	{ {"--filter=. list", "h:a", "h:b"}, 1, 1 },
	{ {"--filter=dir-merge .f", "h:a", "h:b"}, 1, 0 },
	{ {"-C", "h:a", "h:b"}, 1, 1 },
	{ {"-M--fake-super", "h:a", "h:b"}, 1, 1 },
	{ {"h:a"}, 0, 0 },
};

START_TEST(test_same_login)
{
	const struct login_case *c = &login_cases[_i];
	struct options o;
	struct operands ops;

	parse(&o, &ops, c->argv);
	ck_assert_int_eq(samehost_same_login(&o, &ops), c->same);
	ck_assert_int_eq(samehost_obstacle(&o) != NULL, c->obstacle);
	operands_free(&ops);
	options_free(&o);
}
END_TEST

START_TEST(test_command)
{
	static const char *const argv[] = { "-a", "--exclude", "it's *.o",
					    "h:/d ir/*.c", ":-x", "h:$HOME/", NULL };
	const char *words[] = { "-a", "--exclude", "it's *.o" };
	struct options o;
	struct operands ops;
	char *cmd;

	parse(&o, &ops, argv);
	cmd = samehost_command(&o, &ops, words, 3);
	ck_assert_ptr_nonnull(cmd);
	/* the copy, run in the background under a watcher of stdin */
	ck_assert_str_eq(cmd, "exec 3<&0; "
			 "rsync '-a' '--exclude' 'it'\\''s *.o' /d\\ ir/*.c ./-x \\$HOME/"
			 " </dev/null 3<&- & p=$!; (read _ <&3; kill $p) >/dev/null 2>&1 & w=$!; "
			 "exec 3<&-; wait $p; s=$?; kill $w 2>/dev/null; exit $s");
	free(cmd);
	operands_free(&ops);
	options_free(&o);
}
END_TEST

Suite *dropin_suite(void)
{
	Suite *s = suite_create("dropin");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_is_local, 0, (int)ARRAY_LEN(local_cases));
	tcase_add_test(tc, test_scan_words);
	tcase_add_loop_test(tc, test_same_login, 0, (int)ARRAY_LEN(login_cases));
	tcase_add_test(tc, test_command);
	suite_add_tcase(s, tc);
	return s;
}
