/* Unit tests of the command line (options.h) and the operands (operands.h).
 *
 * The expected messages and results are those of rsync 3.5.0's own client
 * given the same command line, where rsync accepts the syntax too.
 */
#include "suites.h"
#include "operands.h"
#include "options.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_ARGS 24

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

/* options_parse() keeps pointers into argv, so each call gets its own
 * writable copy that lives until the test frees it. */
struct cmdline {
	char *argv[MAX_ARGS + 2];
	int argc;
};

static void cmdline_init(struct cmdline *c, const char *const *words)
{
	c->argc = 0;
	c->argv[c->argc++] = strdup("rsync-relay");
	for (; *words; words++) {
		ck_assert_int_lt(c->argc, MAX_ARGS);
		c->argv[c->argc++] = strdup(*words);
	}
	c->argv[c->argc] = NULL;
}

static void cmdline_free(struct cmdline *c)
{
	for (int i = 0; i < c->argc; i++)
		free(c->argv[i]);
	c->argc = 0;
}

/* Parses words (NULL-terminated) into o; the caller frees o->args and c. */
static int parse(struct options *o, struct cmdline *c, const char *env_rsh, char *err,
		 size_t errlen, const char *const *words)
{
	cmdline_init(c, words);
	err[0] = '\0';
	return options_parse(o, c->argc, c->argv, env_rsh, err, errlen);
}

#define PARSE_OK(o, c, env, ...)                                                   \
	do {                                                                        \
		static const char *const w_[] = {__VA_ARGS__, NULL};                 \
		char e_[256];                                                       \
		int r_ = parse((o), (c), (env), e_, sizeof e_, w_);                  \
		ck_assert_msg(r_ == 0, "options_parse failed: %s", e_);             \
	} while (0)

/* Expects -1 and exactly msg. */
static void expect_usage_error(const char *const *words, const char *msg)
{
	struct options o;
	struct cmdline c;
	char err[256];
	int r = parse(&o, &c, NULL, err, sizeof err, words);

	ck_assert_msg(r == -1, "expected -1 for \"%s\", got %d", words[0], r);
	ck_assert_str_eq(err, msg);
	free(o.args);
	cmdline_free(&c);
}

#define EXPECT_USAGE_ERROR(msg, ...)                                   \
	do {                                                            \
		static const char *const w_[] = {__VA_ARGS__, NULL};     \
		expect_usage_error(w_, (msg));                           \
	} while (0)

/* The transfer options as one comparable record. */
struct xfer_opts {
	int v[20];
};

static struct xfer_opts xfer_of(const struct options *o)
{
	struct xfer_opts x = {{
		o->recurse, o->preserve_links, o->copy_links, o->preserve_perms,
		o->preserve_mtimes, o->preserve_uid, o->preserve_gid, o->preserve_devices,
		o->preserve_specials, o->verbose, o->quiet, o->dry_run, o->always_checksum,
		o->compress, o->preserve_hard_links, o->one_file_system, o->update_only,
		o->ignore_times, o->whole_file, o->delete_mode,
	}};
	return x;
}

static void expect_args(const struct options *o, const char *const *want)
{
	int n = 0;

	for (; want[n]; n++) {
		ck_assert_int_lt(n, o->nargs);
		ck_assert_str_eq(o->args[n], want[n]);
	}
	ck_assert_int_eq(o->nargs, n);
	ck_assert_ptr_null(o->args[n]);
}

#define EXPECT_ARGS(o, ...)                                      \
	do {                                                      \
		static const char *const w_[] = {__VA_ARGS__, NULL}; \
		expect_args((o), w_);                              \
	} while (0)

/* ------------------------------------------------------------------ */
/* options_parse                                                       */
/* ------------------------------------------------------------------ */

START_TEST(test_defaults)
{
	struct options o;
	struct cmdline c;

	PARSE_OK(&o, &c, NULL, "h:a", "g:b");
	ck_assert_int_eq(o.recurse, 0);
	ck_assert_int_eq(o.verbose, 0);
	ck_assert_int_eq(o.whole_file, -1);
	ck_assert_int_eq(o.checksum_seed, 0);
	ck_assert_ptr_null(o.rsh);
	ck_assert_str_eq(o.rsync_path, "rsync");
	ck_assert_int_eq(o.show_help, 0);
	ck_assert_int_eq(o.show_version, 0);
	EXPECT_ARGS(&o, "h:a", "g:b");
	free(o.args);
	cmdline_free(&c);
}
END_TEST

START_TEST(test_bundle_avz)
{
	struct options o;
	struct cmdline c;

	PARSE_OK(&o, &c, NULL, "-avz", "h:a", "g:b");
	ck_assert_int_eq(o.recurse, 1);
	ck_assert_int_eq(o.preserve_links, 1);
	ck_assert_int_eq(o.preserve_perms, 1);
	ck_assert_int_eq(o.preserve_mtimes, 1);
	ck_assert_int_eq(o.preserve_uid, 1);
	ck_assert_int_eq(o.preserve_gid, 1);
	ck_assert_int_eq(o.preserve_devices, 1);
	ck_assert_int_eq(o.preserve_specials, 1);
	ck_assert_int_eq(o.verbose, 1);
	ck_assert_int_eq(o.compress, 1);
	ck_assert_int_eq(o.preserve_hard_links, 0);
	ck_assert_int_eq(o.copy_links, 0);
	ck_assert_int_eq(o.always_checksum, 0);
	EXPECT_ARGS(&o, "h:a", "g:b");
	free(o.args);
	cmdline_free(&c);
}
END_TEST

START_TEST(test_bundle_aHv)
{
	struct options o;
	struct cmdline c;

	PARSE_OK(&o, &c, NULL, "-aHv", "h:a", "g:b");
	ck_assert_int_eq(o.recurse, 1);
	ck_assert_int_eq(o.preserve_hard_links, 1);
	ck_assert_int_eq(o.verbose, 1);
	ck_assert_int_eq(o.compress, 0);
	free(o.args);
	cmdline_free(&c);
}
END_TEST

START_TEST(test_archive_expands)
{
	struct options a, b;
	struct cmdline ca, cb;
	struct xfer_opts xa, xb;

	PARSE_OK(&a, &ca, NULL, "-a", "h:a", "g:b");
	PARSE_OK(&b, &cb, NULL, "-rlptgoD", "h:a", "g:b");
	xa = xfer_of(&a);
	xb = xfer_of(&b);
	for (size_t i = 0; i < ARRAY_LEN(xa.v); i++)
		ck_assert_msg(xa.v[i] == xb.v[i], "field %zu: -a gives %d, -rlptgoD %d", i,
			      xa.v[i], xb.v[i]);
	/* and the long form */
	free(b.args);
	cmdline_free(&cb);
	PARSE_OK(&b, &cb, NULL, "--archive", "h:a", "g:b");
	xb = xfer_of(&b);
	ck_assert_int_eq(memcmp(&xa, &xb, sizeof xa), 0);
	free(a.args);
	free(b.args);
	cmdline_free(&ca);
	cmdline_free(&cb);
}
END_TEST

START_TEST(test_single_letters)
{
	static const struct {
		const char *opt;
		size_t field; /* index in struct xfer_opts */
		int value;
	} vec[] = {
		{"-r", 0, 1}, {"--recursive", 0, 1}, {"-l", 1, 1}, {"--links", 1, 1},
		{"-L", 2, 1}, {"--copy-links", 2, 1}, {"-p", 3, 1}, {"--perms", 3, 1},
		{"-t", 4, 1}, {"--times", 4, 1}, {"-o", 5, 1}, {"--owner", 5, 1},
		{"-g", 6, 1}, {"--group", 6, 1}, {"--devices", 7, 1}, {"--specials", 8, 1},
		{"-q", 10, 1}, {"--quiet", 10, 1}, {"-n", 11, 1}, {"--dry-run", 11, 1},
		{"-c", 12, 1}, {"--checksum", 12, 1}, {"-z", 13, 1}, {"--compress", 13, 1},
		{"-H", 14, 1}, {"--hard-links", 14, 1}, {"-x", 15, 1},
		{"--one-file-system", 15, 1}, {"-u", 16, 1}, {"--update", 16, 1},
		{"-I", 17, 1}, {"--ignore-times", 17, 1}, {"-W", 18, 1},
		{"--whole-file", 18, 1}, {"--no-whole-file", 18, 0}, {"--no-W", 18, 0},
		{"--delete", 19, 1}, {"--verbose", 9, 1},
	};

	for (size_t i = 0; i < ARRAY_LEN(vec); i++) {
		const char *words[] = {vec[i].opt, "h:a", "g:b", NULL};
		struct options o;
		struct cmdline c;
		char err[256];
		struct xfer_opts x;

		ck_assert_msg(parse(&o, &c, NULL, err, sizeof err, words) == 0, "%s: %s",
			      vec[i].opt, err);
		x = xfer_of(&o);
		for (size_t f = 0; f < ARRAY_LEN(x.v); f++) {
			int want = f == vec[i].field ? vec[i].value : f == 18 ? -1 : 0;
			ck_assert_msg(x.v[f] == want, "%s: field %zu is %d, expected %d",
				      vec[i].opt, f, x.v[f], want);
		}
		free(o.args);
		cmdline_free(&c);
	}
}
END_TEST

START_TEST(test_D_and_devices)
{
	struct options o;
	struct cmdline c;

	PARSE_OK(&o, &c, NULL, "-D", "h:a", "g:b");
	ck_assert_int_eq(o.preserve_devices, 1);
	ck_assert_int_eq(o.preserve_specials, 1);
	free(o.args);
	cmdline_free(&c);

	PARSE_OK(&o, &c, NULL, "--devices", "h:a", "g:b");
	ck_assert_int_eq(o.preserve_devices, 1);
	ck_assert_int_eq(o.preserve_specials, 0);
	free(o.args);
	cmdline_free(&c);
}
END_TEST

START_TEST(test_whole_file_last_wins)
{
	struct options o;
	struct cmdline c;

	PARSE_OK(&o, &c, NULL, "-W", "--no-W", "h:a", "g:b");
	ck_assert_int_eq(o.whole_file, 0);
	free(o.args);
	cmdline_free(&c);
	PARSE_OK(&o, &c, NULL, "--no-whole-file", "-W", "h:a", "g:b");
	ck_assert_int_eq(o.whole_file, 1);
	free(o.args);
	cmdline_free(&c);
}
END_TEST

START_TEST(test_rsh_forms)
{
	static const struct {
		const char *w[5];
		const char *rsh;
		int verbose;
	} vec[] = {
		{{"-e", "ssh -p 2222", "h:a", "g:b"}, "ssh -p 2222", 0},
		{{"-essh -p 2222", "h:a", "g:b"}, "ssh -p 2222", 0},
		{{"--rsh=ssh -p 2222", "h:a", "g:b"}, "ssh -p 2222", 0},
		{{"--rsh", "ssh -p 2222", "h:a", "g:b"}, "ssh -p 2222", 0},
		/* -e ends a bundle: the rest of the word, or the next word */
		{{"-ve", "myssh", "h:a", "g:b"}, "myssh", 1},
		{{"-vemyssh", "h:a", "g:b"}, "myssh", 1},
		/* an argument that looks like an option is still the argument */
		{{"-e", "-v", "h:a", "g:b"}, "-v", 0},
		{{"--rsh=", "h:a", "g:b"}, "", 0},
	};

	for (size_t i = 0; i < ARRAY_LEN(vec); i++) {
		struct options o;
		struct cmdline c;
		char err[256];

		ck_assert_msg(parse(&o, &c, "envsh", err, sizeof err, vec[i].w) == 0, "case %zu: %s",
			      i, err);
		ck_assert_msg(o.rsh != NULL, "case %zu: no rsh", i);
		ck_assert_str_eq(o.rsh, vec[i].rsh);
		ck_assert_int_eq(o.verbose, vec[i].verbose);
		EXPECT_ARGS(&o, "h:a", "g:b");
		free(o.args);
		cmdline_free(&c);
	}
}
END_TEST

START_TEST(test_rsync_rsh_env)
{
	struct options o;
	struct cmdline c;

	/* RSYNC_RSH when no -e */
	PARSE_OK(&o, &c, "ssh -i key", "-a", "h:a", "g:b");
	ck_assert_ptr_nonnull(o.rsh);
	ck_assert_str_eq(o.rsh, "ssh -i key");
	free(o.args);
	cmdline_free(&c);

	/* -e wins over RSYNC_RSH, wherever it is */
	PARSE_OK(&o, &c, "ssh -i key", "h:a", "-e", "rsh", "g:b");
	ck_assert_str_eq(o.rsh, "rsh");
	free(o.args);
	cmdline_free(&c);

	/* an empty RSYNC_RSH is ignored */
	PARSE_OK(&o, &c, "", "h:a", "g:b");
	ck_assert_ptr_null(o.rsh);
	free(o.args);
	cmdline_free(&c);
}
END_TEST

START_TEST(test_rsync_path)
{
	struct options o;
	struct cmdline c;

	PARSE_OK(&o, &c, NULL, "--rsync-path=/opt/bin/rsync", "h:a", "g:b");
	ck_assert_str_eq(o.rsync_path, "/opt/bin/rsync");
	free(o.args);
	cmdline_free(&c);

	PARSE_OK(&o, &c, NULL, "--rsync-path", "sudo rsync", "h:a", "g:b");
	ck_assert_str_eq(o.rsync_path, "sudo rsync");
	EXPECT_ARGS(&o, "h:a", "g:b");
	free(o.args);
	cmdline_free(&c);
}
END_TEST

START_TEST(test_checksum_seed)
{
	static const struct {
		const char *w;
		int32_t seed;
	} ok[] = {
		{"--checksum-seed=12345", 12345},
		{"--checksum-seed=0", 0},
		{"--checksum-seed=-5", -5},
		{"--checksum-seed=2147483647", INT32_MAX},
		{"--checksum-seed=-2147483648", INT32_MIN},
	};

	for (size_t i = 0; i < ARRAY_LEN(ok); i++) {
		const char *words[] = {ok[i].w, "h:a", "g:b", NULL};
		struct options o;
		struct cmdline c;
		char err[256];

		ck_assert_msg(parse(&o, &c, NULL, err, sizeof err, words) == 0, "%s: %s", ok[i].w,
			      err);
		ck_assert_int_eq(o.checksum_seed, ok[i].seed);
		free(o.args);
		cmdline_free(&c);
	}

	/* the separate-word form */
	{
		const char *words[] = {"--checksum-seed", "77", "h:a", "g:b", NULL};
		struct options o;
		struct cmdline c;
		char err[256];

		ck_assert_int_eq(parse(&o, &c, NULL, err, sizeof err, words), 0);
		ck_assert_int_eq(o.checksum_seed, 77);
		EXPECT_ARGS(&o, "h:a", "g:b");
		free(o.args);
		cmdline_free(&c);
	}
}
END_TEST

START_TEST(test_checksum_seed_invalid)
{
	static const char *const bad[][3] = {
		{"--checksum-seed=abc", NULL, "abc"},
		{"--checksum-seed=12x", NULL, "12x"},
		{"--checksum-seed=99999999999", NULL, "99999999999"},
		{"--checksum-seed=2147483648", NULL, "2147483648"},
		{"--checksum-seed=-2147483649", NULL, "-2147483649"},
		{"--checksum-seed", "5x", "5x"},
	};

	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		const char *words[5];
		struct options o;
		struct cmdline c;
		char err[256];
		int n = 0;

		words[n++] = bad[i][0];
		if (bad[i][1])
			words[n++] = bad[i][1];
		words[n++] = "h:a";
		words[n++] = "g:b";
		words[n] = NULL;
		ck_assert_msg(parse(&o, &c, NULL, err, sizeof err, words) == -1,
			      "%s accepted", bad[i][2]);
		ck_assert_msg(strstr(err, "--checksum-seed") != NULL,
			      "message \"%s\" does not name the option", err);
		ck_assert_msg(strstr(err, bad[i][2]) != NULL,
			      "message \"%s\" does not show the value", err);
		free(o.args);
		cmdline_free(&c);
	}
}
END_TEST

START_TEST(test_verbose_counted)
{
	struct options o;
	struct cmdline c;

	PARSE_OK(&o, &c, NULL, "-vvv", "h:a", "g:b");
	ck_assert_int_eq(o.verbose, 3);
	free(o.args);
	cmdline_free(&c);

	PARSE_OK(&o, &c, NULL, "-v", "--verbose", "-av", "h:a", "g:b");
	ck_assert_int_eq(o.verbose, 3);
	free(o.args);
	cmdline_free(&c);

	PARSE_OK(&o, &c, NULL, "-xx", "h:a", "g:b");
	ck_assert_int_eq(o.one_file_system, 2);
	free(o.args);
	cmdline_free(&c);
}
END_TEST

START_TEST(test_help_version)
{
	struct options o;
	struct cmdline c;

	PARSE_OK(&o, &c, NULL, "--help");
	ck_assert_int_eq(o.show_help, 1);
	ck_assert_int_eq(o.nargs, 0);
	free(o.args);
	cmdline_free(&c);

	PARSE_OK(&o, &c, NULL, "--version");
	ck_assert_int_eq(o.show_version, 1);
	free(o.args);
	cmdline_free(&c);

	PARSE_OK(&o, &c, NULL, "-V");
	ck_assert_int_eq(o.show_version, 1);
	free(o.args);
	cmdline_free(&c);
}
END_TEST

START_TEST(test_unknown_options)
{
	/* The messages rsync 3.5.0 prints (after its "rsync: " prefix). */
	EXPECT_USAGE_ERROR("--frobnicate: unknown option", "--frobnicate", "h:a", "g:b");
	EXPECT_USAGE_ERROR("-Q: unknown option", "-Q", "h:a", "g:b");
	EXPECT_USAGE_ERROR("--rsh: missing argument", "h:a", "g:b", "--rsh");
	EXPECT_USAGE_ERROR("-e: missing argument", "h:a", "g:b", "-e");
	EXPECT_USAGE_ERROR("--rsync-path: missing argument", "h:a", "g:b", "--rsync-path");
}
END_TEST

/* rsync names an unknown option exactly as it was written: with its
 * "=value" and with the rest of its bundle (rsync 3.5.0's messages). */
START_TEST(test_unknown_long_with_value)
{
	EXPECT_USAGE_ERROR("--frobnicate=3: unknown option", "--frobnicate=3", "h:a", "g:b");
}
END_TEST

START_TEST(test_unknown_short_in_bundle)
{
	EXPECT_USAGE_ERROR("-avQz: unknown option", "-avQz", "h:a", "g:b");
}
END_TEST

START_TEST(test_no_argument_with_value)
{
	EXPECT_USAGE_ERROR("--delete=3: option does not take an argument", "-r", "--delete=3",
			   "h:a", "g:b");
}
END_TEST

START_TEST(test_unknown_option_names_it)
{
	struct options o;
	struct cmdline c;
	char err[256];
	static const char *const w1[] = {"-avQz", "h:a", "g:b", NULL};
	static const char *const w2[] = {"--frobnicate=3", "h:a", "g:b", NULL};

	ck_assert_int_eq(parse(&o, &c, NULL, err, sizeof err, w1), -1);
	ck_assert_msg(strstr(err, "Q") && strstr(err, "unknown option"), "message: %s", err);
	free(o.args);
	cmdline_free(&c);

	ck_assert_int_eq(parse(&o, &c, NULL, err, sizeof err, w2), -1);
	ck_assert_msg(strstr(err, "--frobnicate") && strstr(err, "unknown option"),
		      "message: %s", err);
	free(o.args);
	cmdline_free(&c);
}
END_TEST

START_TEST(test_double_dash)
{
	struct options o;
	struct cmdline c;

	PARSE_OK(&o, &c, NULL, "-v", "--", "-a", "h:a", "--delete", "g:b");
	ck_assert_int_eq(o.verbose, 1);
	ck_assert_int_eq(o.recurse, 0);
	ck_assert_int_eq(o.delete_mode, 0);
	EXPECT_ARGS(&o, "-a", "h:a", "--delete", "g:b");
	free(o.args);
	cmdline_free(&c);

	/* a second "--" after the first is an operand */
	PARSE_OK(&o, &c, NULL, "--", "--", "h:a");
	EXPECT_ARGS(&o, "--", "h:a");
	free(o.args);
	cmdline_free(&c);
}
END_TEST

START_TEST(test_operands_in_order)
{
	struct options o;
	struct cmdline c;

	PARSE_OK(&o, &c, NULL, "h:one", "-v", ":two", "--delete", "h:three", "-r", "g:dest");
	EXPECT_ARGS(&o, "h:one", ":two", "h:three", "g:dest");
	ck_assert_int_eq(o.verbose, 1);
	ck_assert_int_eq(o.delete_mode, 1);
	ck_assert_int_eq(o.recurse, 1);
	free(o.args);
	cmdline_free(&c);

	/* a lone "-" is an operand, not an option */
	PARSE_OK(&o, &c, NULL, "-", "g:b");
	EXPECT_ARGS(&o, "-", "g:b");
	free(o.args);
	cmdline_free(&c);
}
END_TEST

/* ------------------------------------------------------------------ */
/* operands_parse                                                      */
/* ------------------------------------------------------------------ */

static int ops_parse(struct operands *ops, const char *const *words, char *err, size_t errlen)
{
	char *args[MAX_ARGS];
	int n = 0;

	for (; words[n]; n++)
		args[n] = (char *)words[n];
	args[n] = NULL;
	err[0] = '\0';
	return operands_parse(ops, args, n, err, errlen);
}

struct ep_want {
	const char *user; /* NULL: none */
	const char *host;
	const char *paths[8];
};

static void expect_endpoint(const char *what, const struct endpoint *e,
			    const struct ep_want *w)
{
	int n;

	if (w->user) {
		ck_assert_msg(e->user != NULL, "%s: no user, expected %s", what, w->user);
		ck_assert_str_eq(e->user, w->user);
	} else
		ck_assert_msg(e->user == NULL, "%s: user \"%s\", expected none", what, e->user);
	ck_assert_msg(e->host != NULL, "%s: no host", what);
	ck_assert_str_eq(e->host, w->host);
	for (n = 0; w->paths[n]; n++) {
		ck_assert_msg(n < e->npaths, "%s: only %d paths", what, e->npaths);
		ck_assert_str_eq(e->paths[n], w->paths[n]);
	}
	ck_assert_msg(e->npaths == n, "%s: %d paths, expected %d", what, e->npaths, n);
}

START_TEST(test_operands_valid)
{
	static const struct {
		const char *words[8];
		struct ep_want src, dest;
	} vec[] = {
		{{"user@host:path", "h2:d"}, {"user", "host", {"path"}}, {NULL, "h2", {"d"}}},
		{{"host:/abs/dir/", "u@h2:/x"}, {NULL, "host", {"/abs/dir/"}}, {"u", "h2", {"/x"}}},
		{{"[::1]:path", "[::1]:other"}, {NULL, "::1", {"path"}}, {NULL, "::1", {"other"}}},
		{{"u@[fe80::1]:p", "v@[2001:db8::2]:q"},
		 {"u", "fe80::1", {"p"}},
		 {"v", "2001:db8::2", {"q"}}},
		{{"host:", "h2:"}, {NULL, "host", {"."}}, {NULL, "h2", {"."}}},
		/* several sources on one host, with the ":path" short form */
		{{"h:a", ":b", "h:c d", ":", "g:dest"},
		 {NULL, "h", {"a", "b", "c d", "."}},
		 {NULL, "g", {"dest"}}},
		{{"u@h:a", "u@h:b", ":c", "g:d"}, {"u", "h", {"a", "b", "c"}}, {NULL, "g", {"d"}}},
		{{"[::1]:a", ":b", "[::1]:c", "g:d"}, {NULL, "::1", {"a", "b", "c"}}, {NULL, "g", {"d"}}},
		/* ssh takes the last '@' as the separator, and so does rsync */
		{{"u@v@h:a", "g:d"}, {"u@v", "h", {"a"}}, {NULL, "g", {"d"}}},
		/* colons and '@' after the first colon are part of the path */
		{{"h:a:b@c", "g:x:y"}, {NULL, "h", {"a:b@c"}}, {NULL, "g", {"x:y"}}},
		/* source and destination on the same host */
		{{"h:a", "h:b"}, {NULL, "h", {"a"}}, {NULL, "h", {"b"}}},
	};

	for (size_t i = 0; i < ARRAY_LEN(vec); i++) {
		struct operands ops;
		char err[256];
		char what[64];

		ck_assert_msg(ops_parse(&ops, vec[i].words, err, sizeof err) == 0, "case %zu: %s", i,
			      err);
		snprintf(what, sizeof what, "case %zu source", i);
		expect_endpoint(what, &ops.src, &vec[i].src);
		snprintf(what, sizeof what, "case %zu destination", i);
		expect_endpoint(what, &ops.dest, &vec[i].dest);
		operands_free(&ops);
	}
}
END_TEST

/* rsync's own parser stops at the first ':' (or '/'), so brackets and '@'
 * later in the path are file-name characters: rsync 3.5.0 runs the
 * server on host "h" with the path "x@[y]:z" for both of these. */
START_TEST(test_operands_bracket_in_path)
{
	static const struct {
		const char *words[4];
		struct ep_want src, dest;
	} vec[] = {
		{{"h:x@[y]:z", "g:d"}, {NULL, "h", {"x@[y]:z"}}, {NULL, "g", {"d"}}},
		{{"h:a", ":x@[y]:z", "g:d"}, {NULL, "h", {"a", "x@[y]:z"}}, {NULL, "g", {"d"}}},
		{{"h:a", "g:x@[y]:z"}, {NULL, "h", {"a"}}, {NULL, "g", {"x@[y]:z"}}},
	};

	for (size_t i = 0; i < ARRAY_LEN(vec); i++) {
		struct operands ops;
		char err[256];
		char what[64];

		ck_assert_msg(ops_parse(&ops, vec[i].words, err, sizeof err) == 0, "case %zu: %s", i,
			      err);
		snprintf(what, sizeof what, "case %zu source", i);
		expect_endpoint(what, &ops.src, &vec[i].src);
		snprintf(what, sizeof what, "case %zu destination", i);
		expect_endpoint(what, &ops.dest, &vec[i].dest);
		operands_free(&ops);
	}
}
END_TEST

static void expect_ops_error(const char *const *words, const char *contains)
{
	struct operands ops;
	char err[256];
	int r = ops_parse(&ops, words, err, sizeof err);

	ck_assert_msg(r == -1, "\"%s\" ...: expected -1, got %d", words[0] ? words[0] : "", r);
	ck_assert_msg(err[0] != '\0', "no message");
	ck_assert_msg(strstr(err, contains) != NULL, "message \"%s\" lacks \"%s\"", err, contains);
	operands_free(&ops);
}

#define EXPECT_OPS_ERROR(contains, ...)                                  \
	do {                                                              \
		static const char *const w_[] = {__VA_ARGS__, NULL};       \
		expect_ops_error(w_, (contains));                          \
	} while (0)

START_TEST(test_operands_errors)
{
	static const char same[] = "All source args must come from the same machine.";

	/* different hosts, or the same host with a different user */
	EXPECT_OPS_ERROR(same, "h:a", "h2:b", "g:d");
	EXPECT_OPS_ERROR(same, "u@h:a", "h:b", "g:d");
	EXPECT_OPS_ERROR(same, "h:a", "u@h:b", "g:d");
	EXPECT_OPS_ERROR(same, "u@h:a", "v@h:b", "g:d");
	EXPECT_OPS_ERROR(same, "h:a", ":b", "[::2]:c", "g:d");

	/* local source or destination */
	EXPECT_OPS_ERROR("/tmp/a", "/tmp/a", "g:d");
	EXPECT_OPS_ERROR("/tmp/d", "h:a", "/tmp/d");
	EXPECT_OPS_ERROR("rel", "h:a", "rel");
	EXPECT_OPS_ERROR("dir/x:y", "dir/x:y", "g:d");
	EXPECT_OPS_ERROR("local", "h:a", "local", "g:d");
	EXPECT_OPS_ERROR("[::1]", "[::1]", "g:d");
	/* a destination or first source without a host */
	EXPECT_OPS_ERROR(":a", ":a", "g:d");
	EXPECT_OPS_ERROR(":d", "h:a", ":d");

	/* the daemon forms */
	EXPECT_OPS_ERROR("host::module", "host::module", "g:d");
	EXPECT_OPS_ERROR("g::mod/x", "h:a", "g::mod/x");
	EXPECT_OPS_ERROR("rsync://h/m", "rsync://h/m", "g:d");
	EXPECT_OPS_ERROR("rsync://g/m", "h:a", "rsync://g/m");
	EXPECT_OPS_ERROR("[::1]::m", "[::1]::m", "g:d");

	/* fewer than two operands */
	{
		static const char *const none[] = {NULL};
		static const char *const one[] = {"h:a", NULL};
		struct operands ops;
		char err[256];

		ck_assert_int_eq(ops_parse(&ops, none, err, sizeof err), -1);
		ck_assert_msg(err[0] != '\0', "no message");
		operands_free(&ops);
		ck_assert_int_eq(ops_parse(&ops, one, err, sizeof err), -1);
		ck_assert_msg(err[0] != '\0', "no message");
		operands_free(&ops);
	}
}
END_TEST

Suite *options_suite(void)
{
	Suite *s = suite_create("options");
	TCase *tc = tcase_create("options_parse");
	TCase *tm = tcase_create("messages");
	TCase *to = tcase_create("operands_parse");

	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_bundle_avz);
	tcase_add_test(tc, test_bundle_aHv);
	tcase_add_test(tc, test_archive_expands);
	tcase_add_test(tc, test_single_letters);
	tcase_add_test(tc, test_D_and_devices);
	tcase_add_test(tc, test_whole_file_last_wins);
	tcase_add_test(tc, test_rsh_forms);
	tcase_add_test(tc, test_rsync_rsh_env);
	tcase_add_test(tc, test_rsync_path);
	tcase_add_test(tc, test_checksum_seed);
	tcase_add_test(tc, test_checksum_seed_invalid);
	tcase_add_test(tc, test_verbose_counted);
	tcase_add_test(tc, test_help_version);
	tcase_add_test(tc, test_double_dash);
	tcase_add_test(tc, test_operands_in_order);
	suite_add_tcase(s, tc);

	tcase_add_test(tm, test_unknown_options);
	tcase_add_test(tm, test_unknown_option_names_it);
	tcase_add_test(tm, test_unknown_long_with_value);
	tcase_add_test(tm, test_unknown_short_in_bundle);
	tcase_add_test(tm, test_no_argument_with_value);
	suite_add_tcase(s, tm);

	tcase_add_test(to, test_operands_valid);
	tcase_add_test(to, test_operands_bracket_in_path);
	tcase_add_test(to, test_operands_errors);
	suite_add_tcase(s, to);
	return s;
}
