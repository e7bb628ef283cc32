/* Unit tests of the command line (options.h) and the operands (operands.h).
 *
 * The expected messages and results are those of rsync 3.5.0's own client
 * given the same command line, where rsync accepts the syntax too.
 */
#include "suites.h"
#include "operands.h"
#include "options.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

/* --log-file and its format as rsync's client sets them; the time
 * limits as a moment (their parsing: test_timelimit.c). */
START_TEST(test_log_file_and_limits)
{
	struct options o;
	struct cmdline c;
	time_t before = time(NULL);

	PARSE_OK(&o, &c, NULL, "--log-file=/l", "h:a", "g:b");
	ck_assert_str_eq(o.logfile_name, "/l");
	ck_assert_str_eq(o.logfile_format, "%i %n%L");
	ck_assert_int_eq(o.logfile_format_has_i, 1);
	ck_assert_int_eq(o.logfile_format_has_o_or_i, 1);
	ck_assert_int_eq(o.stop_at_utime, 0);
	free(o.args);
	cmdline_free(&c);

	PARSE_OK(&o, &c, NULL, "--log-file-format=%o %n", "--log-file", "/l", "h:a", "g:b");
	ck_assert_str_eq(o.logfile_format, "%o %n");
	ck_assert_int_eq(o.logfile_format_has_i, 0);
	ck_assert_int_eq(o.logfile_format_has_o_or_i, 1);
	free(o.args);
	cmdline_free(&c);

	/* a format without --log-file does nothing */
	PARSE_OK(&o, &c, NULL, "--log-file-format=%i", "h:a", "g:b");
	ck_assert_ptr_null(o.logfile_format);
	free(o.args);
	cmdline_free(&c);

	/* the last limit counts; --time-limit is --stop-after */
	PARSE_OK(&o, &c, NULL, "--stop-at=23:59", "--time-limit=2", "h:a", "g:b");
	ck_assert(o.stop_at_utime >= before + 120 && o.stop_at_utime <= time(NULL) + 120);
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
		{"--verbose", 9, 1},
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
/* rsync's transfer options                                            */
/* ------------------------------------------------------------------ */

/* Parses words followed by "h:a" "g:b"; fails the test on an error. */
static void parse_ok(struct options *o, struct cmdline *c, const char *const *words)
{
	const char *all[MAX_ARGS];
	char err[256];
	int n = 0;

	for (; words[n]; n++) {
		ck_assert_int_lt(n, MAX_ARGS - 3);
		all[n] = words[n];
	}
	all[n++] = "h:a";
	all[n++] = "g:b";
	all[n] = NULL;
	ck_assert_msg(parse(o, c, NULL, err, sizeof err, all) == 0, "%s ...: %s", words[0], err);
}

#define OPTS_OK(o, c, ...)                                              \
	do {                                                             \
		static const char *const w_[] = {__VA_ARGS__, NULL};      \
		parse_ok((o), (c), w_);                                   \
	} while (0)

static void done(struct options *o, struct cmdline *c)
{
	options_free(o);
	cmdline_free(c);
}

/* The messages rsync 3.5.0 prints for the same options (recorded as
 * "rsync OPTIONS -e SHELL h:/src/ DIR", without the "rsync: " prefix). */
static const struct {
	const char *w[6];
	const char *msg;
} rsync_errors[] = {
	{{"--delete"}, "--delete does not work without --recursive (-r) or --dirs (-d)."},
	{{"-r", "--delete-before", "--delete-after"},
	 "You may not combine multiple --delete-WHEN options."},
	{{"--del", "--delete-before", "-r"},
	 "You may not combine multiple --delete-WHEN options."},
	{{"-r", "--delete-delay", "--delete-after"},
	 "You may not combine multiple --delete-WHEN options."},
	{{"--delete-excluded"},
	 "--delete does not work without --recursive (-r) or --dirs (-d)."},
	{{"--suffix=a/b"}, "--suffix cannot contain slashes: a/b"},
	{{"--suffix="}, "--suffix cannot be empty without a --backup-dir"},
	{{"--backup-dir=.", "-b"},
	 "--suffix cannot be empty when --backup-dir is the same as the dest dir"},
	{{"--backup-dir=./", "--suffix="},
	 "--suffix cannot be empty when --backup-dir is the same as the dest dir"},
	{{"-b", "--suffix="}, "--suffix cannot be empty without a --backup-dir"},
	{{"--append", "-W"}, "--append cannot be used with --whole-file"},
	{{"--inplace", "--partial-dir=x"}, "--inplace cannot be used with --partial-dir"},
	{{"--append", "--delay-updates"}, "--append cannot be used with --delay-updates"},
	{{"--inplace", "--delay-updates"}, "--inplace cannot be used with --delay-updates"},
	{{"--write-devices", "--partial-dir=x"}, "--inplace cannot be used with --partial-dir"},
	{{"--append-verify", "--partial-dir=x"}, "--append cannot be used with --partial-dir"},
	{{"--usermap=a", "--usermap=b"}, "You can only specify --usermap once."},
	{{"--chown=a", "--usermap=b"}, "--usermap conflicts with prior --chown."},
	{{"--usermap=a", "--chown=b"}, "--chown conflicts with prior --usermap."},
	{{"--chown=a", "--chown=b"}, "You can only specify a user-affecting --chown once."},
	{{"--groupmap=a", "--groupmap=b"}, "You can only specify --groupmap once."},
	{{"--chown=:a", "--groupmap=b"}, "--groupmap conflicts with prior --chown."},
	{{"--groupmap=a", "--chown=:b"}, "--chown conflicts with prior --groupmap."},
	{{"--chown=:a", "--chown=x:b"}, "You can only specify a group-affecting --chown once."},
	{{"--compare-dest=a", "--link-dest=b"},
	 "ERROR: the --link-dest option conflicts with the --compare-dest option"},
	{{"--link-dest=a", "--copy-dest=b"},
	 "ERROR: the --copy-dest option conflicts with the --link-dest option"},
	{{"--chmod=bad"}, "Invalid argument passed to --chmod (bad)"},
	{{"--chmod=u+x", "--chmod=g=ur"}, "Invalid argument passed to --chmod (g=ur)"},
	{{"--zc=foo"}, "unknown compress name: foo"},
	{{"--cc=foo"}, "unknown checksum name: foo"},
	{{"--cc=md5,foo"}, "unknown checksum name: foo"},
	{{"--cc=foo,md5"}, "unknown checksum name: foo,md5"},
	{{"--fake-super", "-XX"}, "--fake-super conflicts with -XX"},
	{{"--old-args", "-s"}, "--secluded-args conflicts with --old-args."},
	{{"-s", "--old-args"}, "--secluded-args conflicts with --old-args."},
	{{"--max-size=1x"}, "--max-size=1x is invalid"},
	{{"--max-size=-1"}, "--max-size=-1 is too large"},
	{{"--max-size=1,5k"}, "--max-size=1,5k is invalid"},
	{{"--bwlimit=1b"}, "--bwlimit=1b is too small (min: 512 or 0 for unlimited)"},
	{{"--bwlimit=511b"}, "--bwlimit=511b is too small (min: 512 or 0 for unlimited)"},
	{{"--block-size=200000"}, "--block-size=200000 is too large (max: 128.00K)"},
	{{"--protocol=29", "-B", "600m"}, "--block-size=600m is too large (max: 512.00M)"},
	{{"-B", "200000", "--protocol=29"}, "--block-size=200000 is too large (max: 128.00K)"},
	{{"--max-alloc=1k"}, "--max-alloc=1k is too small (min: 1.00M or 0 for unlimited)"},
	{{"--min-size=abc"}, "--min-size=abc is invalid"},
	{{"--max-size=99999P"}, "--max-size=99999P is too large"},
	{{"--max-alloc=zz"}, "--max-alloc=zz is invalid"},
	{{"--timeout=abc"}, "--timeout=abc: invalid numeric value"},
	{{"--timeout=99999999999"}, "--timeout=99999999999: number too large or too small"},
	{{"-@x"}, "-@x: invalid numeric value"},
	{{"-v@x"}, "-v@x: invalid numeric value"},
	{{"--max-delete=1e3"}, "--max-delete=1e3: invalid numeric value"},
	{{"--checksum-seed=abc"}, "--checksum-seed=abc: invalid numeric value"},
	{{"--protocol=x"}, "--protocol=x: invalid numeric value"},
	{{"--compress-level=2x"}, "--compress-level=2x: invalid numeric value"},
	{{"-M", "x"}, "Remote option must start with a dash: x"},
	{{"--remote-option=x"}, "Remote option must start with a dash: x"},
	{{"--files-from=h:-"}, "Invalid --files-from remote filename"},
	{{"--frobnicate"}, "--frobnicate: unknown option"},
	{{"-Q"}, "-Q: unknown option"},
	{{"-v=3"}, "-v=3: option does not take an argument"},
	{{"--delete=x"}, "--delete=x: option does not take an argument"},
	{{"--no-r=1"}, "--no-r=1: option does not take an argument"},
	{{"-avQ"}, "-avQ: unknown option"},
	{{"--contimeout=5"},
	 "The --contimeout option may only be used when connecting to an rsync daemon."},
	{{"--password-file=/etc/x"},
	 "The --password-file option may only be used when accessing an rsync daemon."},
};

START_TEST(test_rsync_errors)
{
	for (size_t i = 0; i < ARRAY_LEN(rsync_errors); i++) {
		const char *words[10];
		struct options o;
		struct cmdline c;
		char err[256];
		int n = 0;

		for (; rsync_errors[i].w[n]; n++)
			words[n] = rsync_errors[i].w[n];
		words[n++] = "h:/src/";
		words[n++] = "g:/dst/";
		words[n] = NULL;
		int rc = parse(&o, &c, NULL, err, sizeof err, words);

		if (rc == 0) {	/* the checks that need the operands */
			struct operands ops;
			ck_assert_int_eq(operands_parse(&ops, o.args, o.nargs, err, sizeof err), 0);
			rc = options_check_daemon(&o, &ops, err, sizeof err);
			operands_free(&ops);
		}
		ck_assert_msg(rc == -1, "%s ... accepted", words[0]);
		ck_assert_msg(strcmp(err, rsync_errors[i].msg) == 0, "%s ...: \"%s\", rsync: \"%s\"",
			      words[0], err, rsync_errors[i].msg);
		done(&o, &c);
	}
}
END_TEST

/* Errors with long or many words, recorded the same way. */
START_TEST(test_rsync_errors_long)
{
	char tmp[4200], bdir[4200];
	const char *words[MAX_ARGS];
	struct options o;
	struct cmdline c;
	char err[256];
	int n = 0;

	/* -T: a path of MAXPATHLEN - 10 is too long, one shorter is not */
	memset(tmp, 'x', 4086);
	tmp[4086] = '\0';
	words[0] = "-T";
	words[1] = tmp;
	words[2] = "h:/s";
	words[3] = "g:/d";
	words[4] = NULL;
	ck_assert_int_eq(parse(&o, &c, NULL, err, sizeof err, words), -1);
	ck_assert_str_eq(err, "the --temp-dir path is WAY too long.");
	done(&o, &c);
	tmp[4085] = '\0';
	ck_assert_int_eq(parse(&o, &c, NULL, err, sizeof err, words), 0);
	done(&o, &c);

	/* --backup-dir: at most MAXPATHLEN - 128 */
	strcpy(bdir, "--backup-dir=");
	memset(bdir + 13, 'y', 3969);
	bdir[13 + 3969] = '\0';
	words[0] = bdir;
	words[1] = "h:/s";
	words[2] = "g:/d";
	words[3] = NULL;
	ck_assert_int_eq(parse(&o, &c, NULL, err, sizeof err, words), -1);
	ck_assert_str_eq(err, "the --backup-dir path is WAY too long.");
	done(&o, &c);
	bdir[13 + 3968] = '\0';
	ck_assert_int_eq(parse(&o, &c, NULL, err, sizeof err, words), 0);
	done(&o, &c);

	/* at most 20 basis directories */
	for (n = 0; n < 20; n++)
		words[n] = "--link-dest=d";
	words[n++] = "h:/s";
	words[n++] = "g:/d";
	words[n] = NULL;
	ck_assert_int_eq(parse(&o, &c, NULL, err, sizeof err, words), 0);
	ck_assert_int_eq(o.basis_dir_cnt, 20);
	done(&o, &c);
	words[20] = "--link-dest=d";
	words[21] = "h:/s";
	words[22] = "g:/d";
	words[23] = NULL;
	ck_assert_int_eq(parse(&o, &c, NULL, err, sizeof err, words), -1);
	ck_assert_str_eq(err, "ERROR: at most 20 --link-dest args may be specified");
	done(&o, &c);
}
END_TEST

/* popt names the word that held a bad number; for a value in its own word
 * the relay names the option too ("--timeout abc" where rsync says "abc"). */
START_TEST(test_numeric_values)
{
	struct options o;
	struct cmdline c;

	EXPECT_USAGE_ERROR("--timeout abc: invalid numeric value", "--timeout", "abc", "h:a",
			   "g:b");
	EXPECT_USAGE_ERROR("-@ 1.5: invalid numeric value", "-@", "1.5", "h:a", "g:b");
	EXPECT_USAGE_ERROR("--max-delete: missing argument", "h:a", "g:b", "--max-delete");
	/* strtoll with base 0: hex, octal, a sign, and "" is 0 */
	OPTS_OK(&o, &c, "--timeout=0x10", "--max-delete=010", "--modify-window=+3");
	ck_assert_int_eq(o.io_timeout, 16);
	ck_assert_int_eq(o.max_delete, 8);
	ck_assert_int_eq(o.modify_window, 3);
	ck_assert_int_eq(o.modify_window_set, 1);
	done(&o, &c);
	OPTS_OK(&o, &c, "--timeout=", "-@-1");
	ck_assert_int_eq(o.io_timeout, 0);
	ck_assert_int_eq(o.modify_window, -1);
	done(&o, &c);
	OPTS_OK(&o, &c, "--timeout", "30", "--no-timeout");
	ck_assert_int_eq(o.io_timeout, 0);
	done(&o, &c);
	/* negative --max-delete means no deletions at all */
	OPTS_OK(&o, &c, "--max-delete=-3");
	ck_assert_int_eq(o.max_delete, 0);
	done(&o, &c);
	OPTS_OK(&o, &c, "-a");
	ck_assert_int_eq(o.max_delete, INT32_MIN);
	ck_assert_int_eq(o.modify_window_set, 0);
	done(&o, &c);
}
END_TEST

/* Short options with an argument: "-xVAL", "-x=VAL", "-x VAL", last in a
 * bundle. */
START_TEST(test_short_arguments)
{
	struct options o;
	struct cmdline c;

	OPTS_OK(&o, &c, "-vT/tmp", "-B=1024", "-M", "--x", "-M=-y", "-f- *.o", "-@", "2");
	ck_assert_int_eq(o.verbose, 1);
	ck_assert_str_eq(o.tmpdir, "/tmp");
	ck_assert_int_eq(o.block_size, 1024);
	ck_assert_int_eq(o.remote_option_cnt, 2);
	ck_assert_str_eq(o.remote_options[0], "--x");
	ck_assert_str_eq(o.remote_options[1], "-y");
	ck_assert_int_eq(o.nfilter_args, 1);
	ck_assert_str_eq(o.filter_args[0].arg, "- *.o");
	ck_assert_int_eq(o.modify_window, 2);
	EXPECT_ARGS(&o, "h:a", "g:b");
	done(&o, &c);

	OPTS_OK(&o, &c, "-e=myssh", "--temp-dir", "x y");
	ck_assert_str_eq(o.rsh, "myssh");
	ck_assert_str_eq(o.tmpdir, "x y");
	done(&o, &c);
	EXPECT_USAGE_ERROR("-avT: missing argument", "h:a", "g:b", "-avT");
}
END_TEST

/* Each option sets what rsync sets, and its --no- form undoes it. */
START_TEST(test_flags_and_negations)
{
	static const struct {
		const char *on, *off;
		size_t field;
		int value;
	} vec[] = {
#define FLD(f) offsetof(struct options, f)
		{"-d", "--no-d", FLD(xfer_dirs), 2},
		{"--dirs", "--no-dirs", FLD(xfer_dirs), 2},
		{"-k", NULL, FLD(copy_dirlinks), 1},
		{"--copy-dirlinks", NULL, FLD(copy_dirlinks), 1},
		{"-K", NULL, FLD(keep_dirlinks), 1},
		{"--keep-dirlinks", NULL, FLD(keep_dirlinks), 1},
		{"-E", NULL, FLD(preserve_executability), 1},
		{"--executability", NULL, FLD(preserve_executability), 1},
		{"-A", "--no-A", FLD(preserve_acls), 1},
		{"--acls", "--no-acls", FLD(preserve_acls), 1},
		{"-X", "--no-X", FLD(preserve_xattrs), 1},
		{"-XX", "--no-xattrs", FLD(preserve_xattrs), 2},
		{"-U", "--no-U", FLD(preserve_atimes), 1},
		{"--atimes", "--no-atimes", FLD(preserve_atimes), 1},
		{"-N", "--no-N", FLD(preserve_crtimes), 1},
		{"--crtimes", "--no-crtimes", FLD(preserve_crtimes), 1},
		{"-O", "--no-O", FLD(omit_dir_times), 1},
		{"--omit-dir-times", "--no-omit-dir-times", FLD(omit_dir_times), 1},
		{"-J", "--no-J", FLD(omit_link_times), 1},
		{"--omit-link-times", "--no-omit-link-times", FLD(omit_link_times), 1},
		{"-S", "--no-S", FLD(sparse_files), 1},
		{"--sparse", "--no-sparse", FLD(sparse_files), 1},
		{"--preallocate", NULL, FLD(preallocate_files), 1},
		{"-R", "--no-R", FLD(relative_paths), 1},
		{"--relative", "--no-relative", FLD(relative_paths), 1},
		{"--size-only", NULL, FLD(size_only), 1},
		{"-m", "--no-m", FLD(prune_empty_dirs), 1},
		{"--prune-empty-dirs", "--no-prune-empty-dirs", FLD(prune_empty_dirs), 1},
		{"-b", "--no-backup", FLD(make_backups), 1},
		{"--backup", "--no-backup", FLD(make_backups), 1},
		{"--inplace", "--no-inplace", FLD(inplace), 1},
		{"--append", "--no-append", FLD(append_mode), 1},
		{"--append-verify", "--no-append", FLD(append_mode), 2},
		{"--partial", "--no-partial", FLD(keep_partial), 1},
		{"-y", "--no-y", FLD(fuzzy_basis), 1},
		{"--fuzzy", "--no-fuzzy", FLD(fuzzy_basis), 1},
		{"--ignore-errors", "--no-ignore-errors", FLD(ignore_errors), 1},
		{"--force", "--no-force", FLD(force_delete), 1},
		{"--existing", NULL, FLD(ignore_non_existing), 1},
		{"--ignore-non-existing", NULL, FLD(ignore_non_existing), 1},
		{"--ignore-existing", NULL, FLD(ignore_existing), 1},
		{"--remove-source-files", NULL, FLD(remove_source_files), 1},
		{"--remove-sent-files", NULL, FLD(remove_source_files), 2},
		{"--numeric-ids", "--no-numeric-ids", FLD(numeric_ids), 1},
		{"--copy-unsafe-links", NULL, FLD(copy_unsafe_links), 1},
		{"--safe-links", NULL, FLD(safe_symlinks), 1},
		{"--munge-links", "--no-munge-links", FLD(munge_symlinks), 1},
		{"--copy-devices", NULL, FLD(copy_devices), 1},
		{"--mkpath", "--no-mkpath", FLD(mkpath_dest_arg), 1},
		{"--ignore-missing-args", NULL, FLD(missing_args), 1},
		{"--delete-missing-args", NULL, FLD(missing_args), 2},
		{"--fsync", NULL, FLD(do_fsync), 1},
		{"--open-noatime", "--no-open-noatime", FLD(open_noatime), 1},
		{"--super", "--no-super", FLD(am_root), 2},
		{"--fake-super", "--no-super", FLD(am_root), -1},
		{"-8", "--no-8", FLD(allow_8bit_chars), 1},
		{"--8-bit-output", "--no-8-bit-output", FLD(allow_8bit_chars), 1},
		{"--trust-sender", NULL, FLD(trust_sender), 1},
		{"-C", NULL, FLD(cvs_exclude), 1},
		{"--cvs-exclude", NULL, FLD(cvs_exclude), 1},
		{"-0", "--no-from0", FLD(eol_nulls), 1},
		{"--from0", "--no-from0", FLD(eol_nulls), 1},
		{"-s", "--no-s", FLD(protect_args), 1},
		{"--secluded-args", "--no-secluded-args", FLD(protect_args), 1},
		{"--protect-args", "--no-protect-args", FLD(protect_args), 1},
		{"--old-args", "--no-old-args", FLD(old_style_args), 1},
		{"--qsort", NULL, FLD(use_qsort), 1},
		{"-4", NULL, FLD(default_af_hint), 4},
		{"--ipv4", NULL, FLD(default_af_hint), 4},
		{"-6", NULL, FLD(default_af_hint), 6},
		{"--ipv6", NULL, FLD(default_af_hint), 6},
		{"-l", "--no-l", FLD(preserve_links), 1},
		{"-p", "--no-p", FLD(preserve_perms), 1},
		{"-t", "--no-t", FLD(preserve_mtimes), 1},
		{"-o", "--no-o", FLD(preserve_uid), 1},
		{"-g", "--no-g", FLD(preserve_gid), 1},
		{"-c", "--no-c", FLD(always_checksum), 1},
		{"-x", "--no-x", FLD(one_file_system), 1},
		{"-H", "--no-H", FLD(preserve_hard_links), 1},
		{"-HH", "--no-hard-links", FLD(preserve_hard_links), 2},
		{"--devices", "--no-devices", FLD(preserve_devices), 1},
		{"--specials", "--no-specials", FLD(preserve_specials), 1},
		{"-r", "--no-r", FLD(recurse), 1},
		{"-r", "--no-recursive", FLD(recurse), 1},
		{"-v", "--no-v", FLD(verbose), 1},
		{"-vv", "--no-verbose", FLD(verbose), 2},
#undef FLD
	};

	for (size_t i = 0; i < ARRAY_LEN(vec); i++) {
		const char *on[] = {vec[i].on, NULL};
		const char *both[] = {vec[i].on, vec[i].off, NULL};
		struct options o, base;
		struct cmdline c, cb;
		int got;

		parse_ok(&base, &cb, (const char *const[]){"-n", NULL});
		parse_ok(&o, &c, on);
		memcpy(&got, (char *)&o + vec[i].field, sizeof got);
		ck_assert_msg(got == vec[i].value, "%s: %d, expected %d", vec[i].on, got,
			      vec[i].value);
		done(&o, &c);
		if (vec[i].off) {
			int before;

			parse_ok(&o, &c, both);
			memcpy(&got, (char *)&o + vec[i].field, sizeof got);
			memcpy(&before, (char *)&base + vec[i].field, sizeof before);
			ck_assert_msg(got == before, "%s %s: %d, expected %d", vec[i].on, vec[i].off,
				      got, before);
			done(&o, &c);
		}
		done(&base, &cb);
	}
}
END_TEST

START_TEST(test_defaults_new)
{
	struct options o;
	struct cmdline c;

	OPTS_OK(&o, &c, "-n");
	ck_assert_int_eq(o.xfer_dirs, 0);
	ck_assert_int_eq(o.relative_paths, 0);
	ck_assert_int_eq(o.implied_dirs, 0);
	ck_assert_int_eq(o.allow_inc_recurse, 1);
	ck_assert_int_eq(o.protect_args, 0);
	ck_assert_int_eq(o.old_style_args, 0);
	ck_assert_int_eq(o.trust_sender_args, 0);
	ck_assert_int_eq(o.protocol_version, 0);
	ck_assert_int_eq(o.do_compression, OPT_CPRES_NONE);
	ck_assert_int_eq(o.do_compression_level, OPT_CLVL_NOT_SPECIFIED);
	ck_assert_ptr_null(o.compress_choice);
	ck_assert_ptr_null(o.checksum_choice);
	ck_assert_str_eq(o.backup_suffix, "~");
	ck_assert_ptr_null(o.backup_dir);
	ck_assert_ptr_null(o.partial_dir);
	ck_assert_int_eq(o.max_size, -1);
	ck_assert_int_eq(o.min_size, -1);
	ck_assert_ptr_null(o.max_size_arg);
	ck_assert_ptr_null(o.max_alloc_arg);
	ck_assert_uint_eq(o.max_alloc, 1024ULL * 1024 * 1024);
	ck_assert_int_eq(o.nfilter_args, 0);
	ck_assert_int_eq(o.remote_option_cnt, 0);
	ck_assert_ptr_null(o.files_from);
	ck_assert_ptr_null(o.filesfrom_host);
	ck_assert_ptr_null(o.iconv_opt);
	ck_assert_ptr_null(o.src_rsh);
	ck_assert_ptr_null(o.dest_rsh);
	ck_assert_ptr_null(o.src_rsync_path);
	ck_assert_ptr_null(o.dest_rsync_path);
	done(&o, &c);
}
END_TEST

START_TEST(test_implications)
{
	struct options o;
	struct cmdline c;

	/* -A implies -p; -UU implies --open-noatime */
	OPTS_OK(&o, &c, "-A", "-UU");
	ck_assert_int_eq(o.preserve_acls, 1);
	ck_assert_int_eq(o.preserve_perms, 1);
	ck_assert_int_eq(o.preserve_atimes, 2);
	ck_assert_int_eq(o.open_noatime, 1);
	done(&o, &c);

	/* --backup-dir implies -b and an empty default suffix; "./" goes */
	OPTS_OK(&o, &c, "--backup-dir=././old/");
	ck_assert_int_eq(o.make_backups, 1);
	ck_assert_str_eq(o.backup_dir, "old/");
	ck_assert_str_eq(o.backup_suffix, "");
	ck_assert_int_eq(o.omit_dir_times, 0);
	done(&o, &c);
	/* -b without a directory implies -O for the receiver only */
	OPTS_OK(&o, &c, "-b", "-O");
	ck_assert_int_eq(o.omit_dir_times, -1);
	done(&o, &c);

	/* every --delete-WHEN and --delete-excluded imply --delete */
	{
		static const char *const when[] = {"--delete-before", "--delete-during", "--del",
						   "--delete-delay", "--delete-after",
						   "--delete-excluded"};

		for (size_t i = 0; i < ARRAY_LEN(when); i++) {
			parse_ok(&o, &c, (const char *const[]){"-r", when[i], NULL});
			ck_assert_msg(o.delete_mode == 1, "%s", when[i]);
			done(&o, &c);
		}
	}
	OPTS_OK(&o, &c, "-r", "--delete-delay");
	ck_assert_int_eq(o.delete_during, 2);
	done(&o, &c);
	/* --delete with -d, and with --files-from (which sends dirs too) */
	OPTS_OK(&o, &c, "-d", "--delete");
	ck_assert_int_eq(o.xfer_dirs, 2);
	ck_assert_int_eq(o.delete_mode, 1);
	done(&o, &c);
	OPTS_OK(&o, &c, "--files-from=list", "--delete");
	ck_assert_int_eq(o.xfer_dirs, 1);
	done(&o, &c);
	/* -r wins over -d */
	OPTS_OK(&o, &c, "-d", "-r");
	ck_assert_int_eq(o.xfer_dirs, 1);
	done(&o, &c);

	/* without -R there are no implied dirs to leave out */
	OPTS_OK(&o, &c, "-R");
	ck_assert_int_eq(o.implied_dirs, 1);
	done(&o, &c);
	OPTS_OK(&o, &c, "-R", "--no-implied-dirs");
	ck_assert_int_eq(o.implied_dirs, 0);
	done(&o, &c);

	/* --append-verify and --write-devices imply --inplace */
	OPTS_OK(&o, &c, "--append-verify");
	ck_assert_int_eq(o.append_mode, 2);
	ck_assert_int_eq(o.inplace, 1);
	done(&o, &c);
	OPTS_OK(&o, &c, "--write-devices");
	ck_assert_int_eq(o.inplace, 1);
	done(&o, &c);
	/* --inplace drops --partial */
	OPTS_OK(&o, &c, "--partial", "--inplace");
	ck_assert_int_eq(o.keep_partial, 0);
	done(&o, &c);

	/* --delay-updates brings its own partial dir, which is never sent */
	OPTS_OK(&o, &c, "--delay-updates");
	ck_assert_str_eq(o.partial_dir, ".~tmp~");
	ck_assert_int_eq(o.partial_dir_implied, 1);
	ck_assert_int_eq(o.keep_partial, 1);
	done(&o, &c);
	OPTS_OK(&o, &c, "--partial-dir=.~tmp~");
	ck_assert_int_eq(o.partial_dir_implied, 0);
	done(&o, &c);

	/* -yy: one more than the basis dirs */
	OPTS_OK(&o, &c, "-yy", "--copy-dest=a", "--copy-dest=b");
	ck_assert_int_eq(o.fuzzy_basis, 3);
	ck_assert_int_eq(o.alt_dest_type, OPT_COPY_DEST);
	ck_assert_int_eq(o.basis_dir_cnt, 2);
	ck_assert_str_eq(o.basis_dir[0], "a");
	ck_assert_str_eq(o.basis_dir[1], "b");
	done(&o, &c);

	/* --cc=none forces whole files */
	OPTS_OK(&o, &c, "--cc=none,md5");
	ck_assert_int_eq(o.whole_file, 1);
	ck_assert_str_eq(o.checksum_choice, "none,md5");
	done(&o, &c);
	OPTS_OK(&o, &c, "--cc=AUTO,auto");
	ck_assert_ptr_null(o.checksum_choice);
	ck_assert_int_eq(o.whole_file, -1);
	done(&o, &c);

	/* --no-i-r and --qsort stop incremental recursion */
	OPTS_OK(&o, &c, "-r", "--no-i-r");
	ck_assert_int_eq(o.allow_inc_recurse, 0);
	done(&o, &c);
	OPTS_OK(&o, &c, "-r", "--no-inc-recursive", "--i-r");
	ck_assert_int_eq(o.allow_inc_recurse, 1);
	done(&o, &c);
}
END_TEST

START_TEST(test_compression)
{
	struct options o;
	struct cmdline c;

	OPTS_OK(&o, &c, "-z");
	ck_assert_int_eq(o.compress, 1);
	ck_assert_int_eq(o.do_compression, OPT_CPRES_ZLIB);
	ck_assert_ptr_null(o.compress_choice);
	done(&o, &c);
	/* -z twice is zlibx */
	OPTS_OK(&o, &c, "-zz");
	ck_assert_int_eq(o.do_compression, OPT_CPRES_ZLIBX);
	ck_assert_str_eq(o.compress_choice, "zlibx");
	done(&o, &c);
	OPTS_OK(&o, &c, "--zc=ZSTD", "-z");
	ck_assert_int_eq(o.do_compression, OPT_CPRES_ZSTD);
	ck_assert_str_eq(o.compress_choice, "ZSTD");
	done(&o, &c);
	OPTS_OK(&o, &c, "--compress-choice=lz4");
	ck_assert_int_eq(o.compress, 1);
	ck_assert_int_eq(o.do_compression, OPT_CPRES_LZ4);
	done(&o, &c);
	OPTS_OK(&o, &c, "-z", "--zc=none");
	ck_assert_int_eq(o.compress, 0);
	ck_assert_str_eq(o.compress_choice, "none");
	done(&o, &c);
	/* a level alone turns compression on, to be negotiated */
	OPTS_OK(&o, &c, "--zl=3");
	ck_assert_int_eq(o.compress, 1);
	ck_assert_int_eq(o.do_compression, OPT_CPRES_AUTO);
	ck_assert_int_eq(o.do_compression_level, 3);
	done(&o, &c);
	OPTS_OK(&o, &c, "-zz", "--no-compress");
	ck_assert_int_eq(o.compress, 0);
	ck_assert_ptr_null(o.compress_choice);
	done(&o, &c);
	OPTS_OK(&o, &c, "--old-compress");
	ck_assert_int_eq(o.do_compression, OPT_CPRES_ZLIB);
	done(&o, &c);
	OPTS_OK(&o, &c, "--new-compress");
	ck_assert_int_eq(o.do_compression, OPT_CPRES_ZLIBX);
	done(&o, &c);
	OPTS_OK(&o, &c, "--zc=auto", "-z", "--skip-compress=gz/zip");
	ck_assert_ptr_null(o.compress_choice);
	ck_assert_int_eq(o.do_compression, OPT_CPRES_ZLIB);
	ck_assert_str_eq(o.skip_compress, "gz/zip");
	done(&o, &c);
}
END_TEST

START_TEST(test_sizes)
{
	struct options o;
	struct cmdline c;

	OPTS_OK(&o, &c, "--max-size=1.5m", "--min-size=1kb-1", "--bwlimit=1.5m", "-B1k",
		"--max-alloc=2g");
	ck_assert_int_eq(o.max_size, 1572864);
	ck_assert_str_eq(o.max_size_arg, "1572864");
	ck_assert_int_eq(o.min_size, 999);
	ck_assert_str_eq(o.min_size_arg, "999");
	ck_assert_int_eq(o.bwlimit, 1536);
	ck_assert_int_eq(o.block_size, 1024);
	ck_assert_str_eq(o.max_alloc_arg, "2g");
	ck_assert_uint_eq(o.max_alloc, 2048ULL * 1024 * 1024);
	done(&o, &c);
	/* units: b, k, m, g, t, p; "b" after the unit is decimal, "ib" binary */
	OPTS_OK(&o, &c, "--max-size=2KiB", "--min-size=3GB", "--bwlimit=0");
	ck_assert_int_eq(o.max_size, 2048);
	ck_assert_int_eq(o.min_size, 3000000000LL);
	ck_assert_int_eq(o.bwlimit, 0);
	done(&o, &c);
	OPTS_OK(&o, &c, "--max-size=1t+1", "--bwlimit=512b");
	ck_assert_int_eq(o.max_size, 1099511627777LL);
	ck_assert_int_eq(o.bwlimit, 1);
	done(&o, &c);
	/* --max-alloc=0: no limit */
	OPTS_OK(&o, &c, "--max-alloc=0");
	ck_assert_uint_eq(o.max_alloc, SIZE_MAX);
	done(&o, &c);
	OPTS_OK(&o, &c, "--bwlimit=100", "--no-bwlimit");
	ck_assert_int_eq(o.bwlimit, 0);
	done(&o, &c);
}
END_TEST

START_TEST(test_partial_dir_cleaned)
{
	/* rsync cleans the name it sends (recorded for each) */
	static const char *const vec[][2] = {
		{"a/../b", "b"}, {"x/./y", "x/y"}, {"//p//", "/p"}, {"./p/", "p"},
		{"a/b/..", "a"}, {"../p", "../p"}, {"/abs/../p", "/p"},
		{"a/b/../../c", "c"}, {"a/b/../c/../d", "a/d"}, {"../../x", "../../x"},
		{"a/../../x", "../x"}, {"/..", "/"}, {"a//b", "a/b"}, {".p", ".p"},
		{"..p", "..p"}, {"a/.../b", "a/.../b"}, {"x/y/../", "x"}, {"/a/b/../../..", "/"},
		{".", NULL}, {"", NULL}, {"a/..", NULL},
	};

	for (size_t i = 0; i < ARRAY_LEN(vec); i++) {
		char opt[64];
		struct options o;
		struct cmdline c;

		snprintf(opt, sizeof opt, "--partial-dir=%s", vec[i][0]);
		parse_ok(&o, &c, (const char *const[]){opt, NULL});
		if (vec[i][1]) {
			ck_assert_msg(o.partial_dir != NULL, "%s: none", opt);
			ck_assert_msg(strcmp(o.partial_dir, vec[i][1]) == 0, "%s: \"%s\", rsync: \"%s\"",
				      opt, o.partial_dir, vec[i][1]);
		} else
			ck_assert_msg(o.partial_dir == NULL, "%s: \"%s\"", opt, o.partial_dir);
		/* a partial dir, even an empty one, means --partial */
		ck_assert_int_eq(o.keep_partial, 1);
		done(&o, &c);
	}
}
END_TEST

START_TEST(test_owner_maps)
{
	struct options o;
	struct cmdline c;

	OPTS_OK(&o, &c, "--chown=alice:staff");
	ck_assert_str_eq(o.usermap, "*:alice");
	ck_assert_str_eq(o.groupmap, "*:staff");
	ck_assert_int_eq(o.preserve_uid, 1);
	ck_assert_int_eq(o.preserve_gid, 1);
	done(&o, &c);
	OPTS_OK(&o, &c, "--chown=bob");
	ck_assert_str_eq(o.usermap, "*:bob");
	ck_assert_ptr_null(o.groupmap);
	ck_assert_int_eq(o.preserve_gid, 0);
	done(&o, &c);
	OPTS_OK(&o, &c, "--chown=:wheel", "--usermap=0:1,*:2");
	ck_assert_str_eq(o.usermap, "0:1,*:2");
	ck_assert_str_eq(o.groupmap, "*:wheel");
	ck_assert_int_eq(o.preserve_uid, 1);
	done(&o, &c);
	OPTS_OK(&o, &c, "--groupmap=a:b");
	ck_assert_int_eq(o.preserve_gid, 1);
	ck_assert_int_eq(o.preserve_uid, 0);
	done(&o, &c);
	/* --chmod: kept as text, several joined in order */
	OPTS_OK(&o, &c, "--chmod=Du+x", "--chmod", "F644", "--chmod=g=u");
	ck_assert_str_eq(o.chmod_modes, "Du+x,F644,g=u");
	done(&o, &c);
}
END_TEST

START_TEST(test_filters_in_order)
{
	struct options o;
	struct cmdline c;
	static const struct filter_arg want[] = {
		{FA_EXCLUDE, "*.o"}, {FA_F, NULL}, {FA_INCLUDE, "keep/"}, {FA_FILTER, "- tmp"},
		{FA_FILTER, ": .rules"}, {FA_EXCLUDE_FROM, "ex"}, {FA_INCLUDE_FROM, "-"},
		{FA_F, NULL}, {FA_F, NULL}, {FA_EXCLUDE, "--not-an-option"},
	};

	OPTS_OK(&o, &c, "--exclude=*.o", "-F", "--include", "keep/", "-f- tmp", "--filter=: .rules",
		"--exclude-from=ex", "--include-from", "-", "-FvF", "--exclude", "--not-an-option",
		"-C");
	ck_assert_int_eq(o.nfilter_args, (int)ARRAY_LEN(want));
	for (size_t i = 0; i < ARRAY_LEN(want); i++) {
		ck_assert_msg(o.filter_args[i].kind == want[i].kind, "rule %zu: kind %d", i,
			      o.filter_args[i].kind);
		if (want[i].arg)
			ck_assert_str_eq(o.filter_args[i].arg, want[i].arg);
		else
			ck_assert_ptr_null(o.filter_args[i].arg);
	}
	ck_assert_int_eq(o.cvs_exclude, 1);
	ck_assert_int_eq(o.verbose, 1);
	EXPECT_ARGS(&o, "h:a", "g:b");
	done(&o, &c);

	/* rules rsync adds itself, after the user's: --old-dirs, and a
	 * protect rule for backups kept next to the files being deleted */
	OPTS_OK(&o, &c, "--exclude=x", "--old-dirs");
	ck_assert_int_eq(o.nfilter_args, 2);
	ck_assert_int_eq(o.filter_args[1].kind, FA_FILTER);
	ck_assert_str_eq(o.filter_args[1].arg, "- /*/*");
	ck_assert_int_eq(o.recurse, 1);
	ck_assert_int_eq(o.xfer_dirs, 1);
	done(&o, &c);
	OPTS_OK(&o, &c, "-rb", "--delete", "--suffix=.bak");
	ck_assert_int_eq(o.nfilter_args, 1);
	ck_assert_int_eq(o.filter_args[0].kind, FA_FILTER);
	ck_assert_str_eq(o.filter_args[0].arg, "P *.bak");
	done(&o, &c);
	/* not with --delete-excluded, nor with a backup dir */
	OPTS_OK(&o, &c, "-rb", "--delete-excluded");
	ck_assert_int_eq(o.nfilter_args, 0);
	done(&o, &c);
	OPTS_OK(&o, &c, "-r", "--backup-dir=b", "--delete");
	ck_assert_int_eq(o.nfilter_args, 0);
	done(&o, &c);
}
END_TEST

START_TEST(test_files_from)
{
	static const struct {
		const char *opt;
		const char *path, *host; /* host NULL: a local list */
	} vec[] = {
		{"--files-from=list", "list", NULL},
		{"--files-from=-", "-", NULL},
		{"--files-from=/abs/list", "/abs/list", NULL},
		{"--files-from=dir/x:y", "dir/x:y", NULL},
		{"--files-from=h:/the list", "/the list", "h"},
		{"--files-from=u@h:l", "l", "u@h"},
		{"--files-from=:/l", "/l", ""},
		{"--files-from=h::l", "l", "h"},
		{"--files-from=[::1]:/l", "/l", "::1"},
		{"--files-from=u@[fe80::1]:/l", "/l", "u@fe80::1"},
		{"--files-from=[x]y:/l", "[x]y:/l", NULL},
	};

	for (size_t i = 0; i < ARRAY_LEN(vec); i++) {
		struct options o;
		struct cmdline c;

		parse_ok(&o, &c, (const char *const[]){vec[i].opt, "-a", NULL});
		ck_assert_str_eq(o.files_from, vec[i].path);
		if (vec[i].host) {
			ck_assert_msg(o.filesfrom_host != NULL, "%s: no host", vec[i].opt);
			ck_assert_str_eq(o.filesfrom_host, vec[i].host);
			ck_assert_int_eq(o.trust_sender_args, 1);
		} else {
			ck_assert_msg(o.filesfrom_host == NULL, "%s: host \"%s\"", vec[i].opt,
				      o.filesfrom_host);
			ck_assert_int_eq(o.trust_sender_args, 0);
		}
		/* -a's recursion is off, -R on, and directories go along */
		ck_assert_int_eq(o.recurse, 0);
		ck_assert_int_eq(o.relative_paths, 1);
		ck_assert_int_eq(o.xfer_dirs, 1);
		done(&o, &c);
	}

	/* an explicit -r stays; --no-R stays */
	{
		struct options o;
		struct cmdline c;

		OPTS_OK(&o, &c, "-a", "-r", "--files-from=l", "--no-R", "-0");
		ck_assert_int_eq(o.recurse, 1);
		ck_assert_int_eq(o.relative_paths, 0);
		ck_assert_int_eq(o.implied_dirs, 0);
		ck_assert_int_eq(o.eol_nulls, 1);
		done(&o, &c);
		OPTS_OK(&o, &c, "-r", "-a", "--files-from=l");
		ck_assert_int_eq(o.recurse, 1);
		done(&o, &c);
		OPTS_OK(&o, &c, "-r", "--no-r", "-a", "--files-from=l");
		ck_assert_int_eq(o.recurse, 0);
		done(&o, &c);
	}

	/* one source (the base directory) and one destination */
	EXPECT_USAGE_ERROR("--files-from needs exactly one source (the base directory) and one "
			   "destination", "--files-from=l", "h:a", ":b", "g:c");
	EXPECT_USAGE_ERROR("--files-from needs exactly one source (the base directory) and one "
			   "destination", "--files-from=l", "h:a");
	EXPECT_USAGE_ERROR("Invalid --files-from remote filename", "--files-from=:-", "h:a",
			   "g:b");
}
END_TEST

START_TEST(test_secluded_and_old_args_env)
{
	struct options o;
	struct cmdline c;

	setenv("RSYNC_PROTECT_ARGS", "1", 1);
	OPTS_OK(&o, &c, "-a");
	ck_assert_int_eq(o.protect_args, 1);
	done(&o, &c);
	OPTS_OK(&o, &c, "--no-s");
	ck_assert_int_eq(o.protect_args, 0);
	done(&o, &c);
	/* --old-args wins over the environment's -s */
	OPTS_OK(&o, &c, "--old-args");
	ck_assert_int_eq(o.protect_args, 0);
	ck_assert_int_eq(o.old_style_args, 1);
	ck_assert_int_eq(o.trust_sender_args, 1);
	done(&o, &c);
	setenv("RSYNC_PROTECT_ARGS", "0", 1);
	OPTS_OK(&o, &c, "-a");
	ck_assert_int_eq(o.protect_args, 0);
	done(&o, &c);
	unsetenv("RSYNC_PROTECT_ARGS");

	setenv("RSYNC_OLD_ARGS", "2", 1);
	OPTS_OK(&o, &c, "-a");
	ck_assert_int_eq(o.old_style_args, 2);
	ck_assert_int_eq(o.protect_args, 0);
	done(&o, &c);
	/* -s, or --no-old-args, makes rsync ignore it */
	OPTS_OK(&o, &c, "-s");
	ck_assert_int_eq(o.old_style_args, 0);
	ck_assert_int_eq(o.protect_args, 1);
	done(&o, &c);
	OPTS_OK(&o, &c, "--no-old-args");
	ck_assert_int_eq(o.old_style_args, 0);
	done(&o, &c);
	unsetenv("RSYNC_OLD_ARGS");

	OPTS_OK(&o, &c, "--old-args", "--old-args");
	ck_assert_int_eq(o.old_style_args, 2);
	done(&o, &c);
	OPTS_OK(&o, &c, "--trust-sender");
	ck_assert_int_eq(o.trust_sender_args, 1);
	ck_assert_int_eq(o.trust_sender_filter, 1);
	done(&o, &c);
}
END_TEST

START_TEST(test_environment_defaults)
{
	struct options o;
	struct cmdline c;

	setenv("RSYNC_ICONV", "utf8,latin1", 1);
	setenv("RSYNC_MAX_ALLOC", "5m", 1);
	setenv("RSYNC_PARTIAL_DIR", ".pp/", 1);
	OPTS_OK(&o, &c, "--partial");
	ck_assert_str_eq(o.iconv_opt, "utf8,latin1");
	ck_assert_str_eq(o.max_alloc_arg, "5m");
	ck_assert_uint_eq(o.max_alloc, 5 * 1024 * 1024);
	ck_assert_str_eq(o.partial_dir, ".pp");
	done(&o, &c);
	/* the command line wins */
	OPTS_OK(&o, &c, "--no-iconv", "--max-alloc=1g", "--partial-dir=x");
	ck_assert_ptr_null(o.iconv_opt);
	ck_assert_str_eq(o.max_alloc_arg, "1g");
	ck_assert_str_eq(o.partial_dir, "x");
	done(&o, &c);
	OPTS_OK(&o, &c, "--iconv=-");
	ck_assert_ptr_null(o.iconv_opt);
	ck_assert_ptr_null(o.partial_dir);	/* no --partial */
	done(&o, &c);
	setenv("RSYNC_MAX_ALLOC", "1k", 1);
	EXPECT_USAGE_ERROR("--max-alloc=1k is too small (min: 1.00M or 0 for unlimited)", "h:a",
			   "g:b");
	unsetenv("RSYNC_ICONV");
	unsetenv("RSYNC_MAX_ALLOC");
	unsetenv("RSYNC_PARTIAL_DIR");
}
END_TEST

START_TEST(test_protocol)
{
	struct options o;
	struct cmdline c;

	OPTS_OK(&o, &c, "--protocol=29");
	ck_assert_int_eq(o.protocol_version, 29);
	done(&o, &c);
	OPTS_OK(&o, &c, "--protocol", "20");
	ck_assert_int_eq(o.protocol_version, 20);
	done(&o, &c);
	/* rsync's messages when it starts (compat.c) */
	EXPECT_USAGE_ERROR("--protocol must be at least 20 on the Client.", "--protocol=19",
			   "h:a", "g:b");
	EXPECT_USAGE_ERROR("--protocol must be at least 20 on the Client.", "--protocol=0",
			   "h:a", "g:b");
	EXPECT_USAGE_ERROR("--protocol must be no more than 32 on the Client.", "--protocol=33",
			   "h:a", "g:b");
}
END_TEST

START_TEST(test_transport_options)
{
	struct options o;
	struct cmdline c;

	PARSE_OK(&o, &c, "envsh", "--src-rsh=ssh -p 2222", "--dest-rsh", "rsh",
		 "--src-rsync-path=/opt/rsync", "--dest-rsync-path", "sudo rsync", "h:a", "g:b");
	ck_assert_str_eq(o.rsh, "envsh");
	ck_assert_str_eq(o.src_rsh, "ssh -p 2222");
	ck_assert_str_eq(o.dest_rsh, "rsh");
	ck_assert_str_eq(o.rsync_path, "rsync");
	ck_assert_str_eq(o.src_rsync_path, "/opt/rsync");
	ck_assert_str_eq(o.dest_rsync_path, "sudo rsync");
	EXPECT_ARGS(&o, "h:a", "g:b");
	done(&o, &c);
	EXPECT_USAGE_ERROR("--src-rsh: missing argument", "h:a", "g:b", "--src-rsh");
}
END_TEST

/* Options that cannot work between two remote ends, or not yet: refused
 * with a message naming the option. */
/* -i and --out-format set the format rsync's client would use. */
START_TEST(test_item_formats)
{
	static const struct {
		const char *w[3];
		const char *fmt;
		int has_i, before;
	} vec[] = {
		{{"-ai"}, "%i %n%L", 1, 1},
		{{"-aii"}, "%i %n%L", 2, 1},
		{{"-av"}, "%n%L", 0, 1},
		{{"-a", "--out-format=%n %b"}, "%n %b", 0, 0},
		{{"-ai", "--out-format=%i%n"}, "%i%n", 1, 1},
		{{"-a", "--log-format=%o %C"}, "%o %C", 0, 0},
		{{"-a"}, NULL, 0, 0},
	};

	for (size_t i = 0; i < ARRAY_LEN(vec); i++) {
		const char *words[6];
		struct options o;
		struct cmdline c;
		char err[256];
		int n = 0;

		for (; n < 3 && vec[i].w[n]; n++)
			words[n] = vec[i].w[n];
		words[n++] = "h:a";
		words[n++] = "g:b";
		words[n] = NULL;
		ck_assert_msg(parse(&o, &c, NULL, err, sizeof err, words) == 0, "%s: %s",
			      words[0], err);
		if (vec[i].fmt)
			ck_assert_str_eq(o.stdout_format, vec[i].fmt);
		else
			ck_assert_ptr_null(o.stdout_format);
		ck_assert_int_eq(o.stdout_format_has_i, vec[i].has_i);
		ck_assert_int_eq(o.log_before_transfer, vec[i].before);
		done(&o, &c);
	}
}
END_TEST

START_TEST(test_refused_options)
{
	static const struct {
		const char *w[3];
		const char *msg;
	} vec[] = {
		{{"--write-batch=f"}, "--write-batch: batch files need a local sender or "
				      "receiver, and rsync-relay has neither"},
		{{"--only-write-batch", "f"}, "--only-write-batch: batch files need a local "
					      "sender or receiver, and rsync-relay has neither"},
		{{"--read-batch=f"}, "--read-batch: batch files need a local sender or receiver, "
				     "and rsync-relay has neither"},
		{{"--daemon"}, "--daemon: rsync-relay is a client; it runs no daemon itself"},
		{{"--server"}, "--server: rsync-relay is a client; it starts both servers itself"},
		{{"--sender"}, "--sender: rsync-relay is a client; it starts both servers itself"},
		/* rsync's own words for bad time limits */
		{{"--stop-after=0"}, "invalid --stop-after value: 0"},
		{{"--time-limit=x"}, "invalid --stop-after value: x"},
		{{"--stop-at=25:00"}, "invalid --stop-at format: 25:00"},
		{{"--stop-at", "2000-01-01T00:00"},
		 "--stop-at time is not in the future: 2000-01-01T00:00"},
	};

	for (size_t i = 0; i < ARRAY_LEN(vec); i++) {
		const char *words[8];
		struct options o;
		struct cmdline c;
		char err[256];
		int n = 0;

		for (; n < 3 && vec[i].w[n]; n++)
			words[n] = vec[i].w[n];
		words[n++] = "h:a";
		words[n++] = "g:b";
		words[n] = NULL;
		ck_assert_msg(parse(&o, &c, NULL, err, sizeof err, words) == -1, "%s accepted",
			      words[0]);
		ck_assert_msg(strcmp(err, vec[i].msg) == 0, "%s: \"%s\"", words[0], err);
		done(&o, &c);
	}

	/* and the rest of that kind, by name */
	{
		static const char *const more[] = {
			"--stderr=all", "--msgs2stderr",
			"--config=x", "--dparam=a=b", "--detach",
			"--blocking-io",
		};

		for (size_t i = 0; i < ARRAY_LEN(more); i++) {
			const char *words[] = {more[i], "h:a", "g:b", NULL};
			struct options o;
			struct cmdline c;
			char err[256], name[64];

			snprintf(name, sizeof name, "%.*s", (int)strcspn(more[i], "="), more[i]);
			ck_assert_msg(parse(&o, &c, NULL, err, sizeof err, words) == -1,
				      "%s accepted", more[i]);
			ck_assert_msg(strncmp(err, name, strlen(name)) == 0 &&
					      strstr(err, "rsync-relay") != NULL,
				      "%s: \"%s\"", more[i], err);
			done(&o, &c);
		}
	}
}
END_TEST

/* The output options: the --info levels rsync's client derives from
 * -v, --stats, --progress and --info (rsync 3.5.0's rules), -h, and
 * listing. */
START_TEST(test_output_levels)
{
	struct options o;
	struct cmdline c;

	OPTS_OK(&o, &c, "-a");
	ck_assert_int_eq(o.info.level[INFO_NONREG], 1);
	ck_assert_int_eq(o.info.level[INFO_NAME], 0);
	ck_assert_int_eq(o.info.level[INFO_STATS], 0);
	ck_assert_int_eq(o.human_readable, 1);
	ck_assert_int_eq(o.list_only, 0);
	ck_assert_ptr_null(o.stdout_format);
	done(&o, &c);

	OPTS_OK(&o, &c, "-vv");
	ck_assert_int_eq(o.info.level[INFO_NAME], 2);
	ck_assert_int_eq(o.info.level[INFO_MISC], 2);
	ck_assert_int_eq(o.info.level[INFO_STATS], 1);
	ck_assert_int_eq(o.info.level[INFO_FLIST], 1);
	ck_assert_int_eq(o.debug.level[DEBUG_FLIST], 1);
	ck_assert_str_eq(o.stdout_format, "%n%L");
	done(&o, &c);

	/* --stats is STATS2, STATS3 with -vv */
	OPTS_OK(&o, &c, "--stats");
	ck_assert_int_eq(o.info.level[INFO_STATS], 2);
	ck_assert_int_eq(o.do_stats, 1);
	done(&o, &c);
	OPTS_OK(&o, &c, "--stats", "-vv");
	ck_assert_int_eq(o.info.level[INFO_STATS], 3);
	done(&o, &c);
	/* the user's word wins over what options imply, in any order */
	OPTS_OK(&o, &c, "--info=stats0", "--stats", "-v");
	ck_assert_int_eq(o.info.level[INFO_STATS], 0);
	done(&o, &c);

	/* --progress: names (unless a format logs before the transfer),
	 * FLIST2, PROGRESS1; -P also keeps partial files */
	OPTS_OK(&o, &c, "--progress");
	ck_assert_int_eq(o.info.level[INFO_PROGRESS], 1);
	ck_assert_int_eq(o.info.level[INFO_FLIST], 2);
	ck_assert_int_eq(o.info.level[INFO_NAME], 1);
	ck_assert_str_eq(o.stdout_format, "%n%L");
	ck_assert_int_eq(o.keep_partial, 0);
	done(&o, &c);
	OPTS_OK(&o, &c, "-P", "-i");
	ck_assert_int_eq(o.info.level[INFO_PROGRESS], 1);
	ck_assert_int_eq(o.info.level[INFO_NAME], 0);
	ck_assert_str_eq(o.stdout_format, "%i %n%L");
	ck_assert_int_eq(o.keep_partial, 1);
	done(&o, &c);
	OPTS_OK(&o, &c, "--info=progress2,name0");
	ck_assert_int_eq(o.info.level[INFO_PROGRESS], 2);
	ck_assert_int_eq(o.info.level[INFO_NAME], 0);
	ck_assert_ptr_null(o.stdout_format);
	done(&o, &c);
	OPTS_OK(&o, &c, "--no-progress", "--info=ALL9,none", "--info=del,Name2");
	ck_assert_int_eq(o.do_progress, 0);
	ck_assert_int_eq(o.info.level[INFO_DEL], 1);
	ck_assert_int_eq(o.info.level[INFO_NAME], 2);
	ck_assert_int_eq(o.info.level[INFO_STATS], 0);
	done(&o, &c);

	/* -h counts up from rsync's default of 1; --no-h is 0 */
	OPTS_OK(&o, &c, "-hh");
	ck_assert_int_eq(o.human_readable, 3);
	done(&o, &c);
	OPTS_OK(&o, &c, "-h", "--no-h");
	ck_assert_int_eq(o.human_readable, 0);
	done(&o, &c);

	/* --info=help and --debug=help ask for the word lists */
	OPTS_OK(&o, &c, "--info=help");
	ck_assert_int_eq(o.show_info_help, 1);
	done(&o, &c);
	OPTS_OK(&o, &c, "--debug=FLIST2,help");
	ck_assert_int_eq(o.show_debug_help, 1);
	done(&o, &c);

	/* --list-only, and a lone operand, list (with -d unless -r) */
	OPTS_OK(&o, &c, "--list-only");
	ck_assert_int_eq(o.list_only, 2);
	ck_assert_int_eq(o.xfer_dirs, 1);
	done(&o, &c);
	PARSE_OK(&o, &c, NULL, "h:a");
	ck_assert_int_eq(o.list_only, 1);
	ck_assert_int_eq(o.xfer_dirs, 1);
	done(&o, &c);

	OPTS_OK(&o, &c, "--outbuf=line");
	ck_assert_str_eq(o.outbuf, "line");
	done(&o, &c);
}
END_TEST

START_TEST(test_output_errors)
{
	static const char *const unknown_info[] = {"--info=name,bogus2", "h:a", "g:b", NULL};
	static const char *const unknown_debug[] = {"--debug=2", "h:a", "g:b", NULL};
	static const char *const outbuf[] = {"--outbuf=X", "h:a", "g:b", NULL};

	expect_usage_error(unknown_info, "Unknown --info item: \"bogus\"");
	expect_usage_error(unknown_debug, "Unknown --debug item: \"2\"");
	expect_usage_error(outbuf, "Invalid --outbuf setting -- specify N, L, or B.");
}
END_TEST

/* outlevels: rsync 3.5.0's --info=help and --debug=help, and the
 * --info option a server gets for sets of words. */
START_TEST(test_outlevels_help)
{
	static const char info_help[] =
		"Use OPT or OPT1 for level 1 output, OPT2 for level 2, etc.; OPT0 silences.\n"
		"\n"
		"BACKUP     Mention files backed up\n"
		"COPY       Mention files copied locally on the receiving side\n"
		"DEL        Mention deletions on the receiving side\n"
		"FLIST      Mention file-list receiving/sending (levels 1-2)\n"
		"MISC       Mention miscellaneous information (levels 1-2)\n"
		"MOUNT      Mention mounts that were found or skipped\n"
		"NAME       Mention 1) updated file/dir names, 2) unchanged names\n"
		"NONREG     Mention skipped non-regular files (default 1, 0 disables)\n"
		"PROGRESS   Mention 1) per-file progress or 2) total transfer progress\n"
		"REMOVE     Mention files removed on the sending side\n"
		"SKIP       Mention files skipped due to transfer overrides (levels 1-2)\n"
		"STATS      Mention statistics at end of run (levels 1-3)\n"
		"SYMSAFE    Mention symlinks that are unsafe\n"
		"\n"
		"ALL        Set all --info options (e.g. all4)\n"
		"NONE       Silence all --info options (same as all0)\n"
		"HELP       Output this help message\n"
		"\n"
		"Options added at each level of verbosity:\n"
		"0) NONREG\n"
		"1) COPY,DEL,FLIST,MISC,NAME,STATS,SYMSAFE\n"
		"2) BACKUP,MISC2,MOUNT,NAME2,REMOVE,SKIP\n";
	static const char debug_help[] =
		"Use OPT or OPT1 for level 1 output, OPT2 for level 2, etc.; OPT0 silences.\n"
		"\n"
		"ACL        Debug extra ACL info\n"
		"BACKUP     Debug backup actions (levels 1-2)\n"
		"BIND       Debug socket bind actions\n"
		"CHDIR      Debug when the current directory changes\n"
		"CONNECT    Debug connection events (levels 1-2)\n"
		"CMD        Debug commands+options that are issued (levels 1-2)\n"
		"DEL        Debug delete actions (levels 1-3)\n"
		"DELTASUM   Debug delta-transfer checksumming (levels 1-4)\n"
		"DUP        Debug weeding of duplicate names\n"
		"EXIT       Debug exit events (levels 1-3)\n"
		"FILTER     Debug filter actions (levels 1-3)\n"
		"FLIST      Debug file-list operations (levels 1-4)\n"
		"FUZZY      Debug fuzzy scoring (levels 1-2)\n"
		"GENR       Debug generator functions\n"
		"HASH       Debug hashtable code\n"
		"HLINK      Debug hard-link actions (levels 1-3)\n"
		"ICONV      Debug iconv character conversions (levels 1-2)\n"
		"IO         Debug I/O routines (levels 1-4)\n"
		"NSTR       Debug negotiation strings\n"
		"OWN        Debug ownership changes in users & groups (levels 1-2)\n"
		"PROTO      Debug protocol information\n"
		"RECV       Debug receiver functions\n"
		"SEND       Debug sender functions\n"
		"TIME       Debug setting of modified times (levels 1-2)\n"
		"\n"
		"ALL        Set all --debug options (e.g. all4)\n"
		"NONE       Silence all --debug options (same as all0)\n"
		"HELP       Output this help message\n"
		"\n"
		"Options added at each level of verbosity:\n"
		"2) BIND,CONNECT,CMD,DEL,DELTASUM,DUP,FILTER,FLIST,ICONV\n"
		"3) ACL,BACKUP,CONNECT2,DEL2,DELTASUM2,EXIT,FILTER2,FLIST2,FUZZY,GENR,OWN,RECV,SEND,TIME\n"
		"4) CMD2,DEL3,DELTASUM3,EXIT2,FLIST3,ICONV2,OWN2,PROTO,TIME2\n"
		"5) CHDIR,DELTASUM4,FLIST4,FUZZY2,HASH,HLINK\n";
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	outlevels_help(OUT_INFO, f);
	fclose(f);
	ck_assert_str_eq(buf, info_help);
	free(buf);
	f = open_memstream(&buf, &len);
	outlevels_help(OUT_DEBUG, f);
	fclose(f);
	ck_assert_str_eq(buf, debug_help);
	free(buf);
}
END_TEST

START_TEST(test_outlevels_option)
{
	static const struct {
		const char *words;
		int where;
		const char *want;	/* NULL: no option */
	} vec[] = {
		{"name2,del", OUT_W_SRV | OUT_W_REC, "--info=DEL,NAME2"},
		{"name2,del", OUT_W_SRV | OUT_W_SND, "--info=NAME2"},
		{"progress2,flist", OUT_W_SRV | OUT_W_SND, NULL},	/* client words */
		{"all4", OUT_W_SRV | OUT_W_REC, "--info=ALL4"},
		{"all,name0", OUT_W_SRV | OUT_W_REC, "--info=ALL,NAME0"},
		{"none", OUT_W_SRV | OUT_W_SND, "--info=NONE"},
		{"STATS3,stats1", OUT_W_SRV | OUT_W_SND, "--info=STATS"},
		{"", OUT_W_SRV | OUT_W_REC, NULL},
	};

	for (size_t i = 0; i < ARRAY_LEN(vec); i++) {
		struct outlevels ol;
		char err[64], *s;
		int oom;

		outlevels_init(&ol, OUT_INFO);
		ck_assert_int_eq(outlevels_parse(&ol, vec[i].words, OUT_PRIO_USER, err, sizeof err), 0);
		s = outlevels_option(&ol, vec[i].where, &oom);
		ck_assert_int_eq(oom, 0);
		if (!vec[i].want)
			ck_assert_msg(s == NULL, "%s: %s", vec[i].words, s);
		else
			ck_assert_msg(s && strcmp(s, vec[i].want) == 0, "%s: %s", vec[i].words,
				      s ? s : "(none)");
		free(s);
	}

	/* words implied by -v are never passed on, and stop the ALL form */
	{
		struct outlevels ol;
		char err[64], *s;
		int oom;

		outlevels_init(&ol, OUT_INFO);
		outlevels_verbosity(&ol, 2, OUT_PRIO_DEFAULT);
		ck_assert_ptr_null(outlevels_option(&ol, OUT_W_SRV | OUT_W_REC, &oom));
		outlevels_parse(&ol, "backup2,copy2,del2,misc2,mount2,name3", OUT_PRIO_USER, err,
				sizeof err);
		s = outlevels_option(&ol, OUT_W_SRV | OUT_W_REC, &oom);
		ck_assert_str_eq(s, "--info=BACKUP2,COPY2,DEL2,MISC2,MOUNT2,NAME3");
		free(s);
	}
}
END_TEST

/* Options rsync's client keeps to its own side: accepted, and checked as
 * rsync checks them. */
START_TEST(test_local_side_options)
{
	static const struct {
		const char *w[3];
		const char *msg;	/* NULL: accepted */
	} vec[] = {
		{{"--insecure-links"}, NULL},
		{{"--insecure-links", "--no-insecure-links"}, NULL},
		{{"--confine-root=/srv/x"}, NULL},
		{{"--confine-root", "/"}, NULL},
		{{"--drop-D"}, NULL},
		{{"--drop-D", "--no-drop-D"}, NULL},
		{{"--compress-threads=2"}, NULL},
		{{"--copy-as=nobody:nogroup"}, NULL},
		{{"--zt", "4"}, NULL},
		{{"--confine-root=srv"}, "--confine-root must be an absolute path"},
		{{"--confine-root=/srv", "--insecure-links"},
		 "--insecure-links cannot be combined with --confine-root"},
	};

	for (size_t i = 0; i < ARRAY_LEN(vec); i++) {
		const char *words[8];
		struct options o;
		struct cmdline c;
		char err[256];
		int n = 0, rc;

		for (; n < 3 && vec[i].w[n]; n++)
			words[n] = vec[i].w[n];
		words[n++] = "h:a";
		words[n++] = "g:b";
		words[n] = NULL;
		rc = parse(&o, &c, NULL, err, sizeof err, words);
		if (!vec[i].msg) {
			ck_assert_msg(rc == 0, "%s: %s", words[0], err);
		} else {
			ck_assert_msg(rc == -1, "%s accepted", words[0]);
			ck_assert_str_eq(err, vec[i].msg);
		}
		if (rc == 0 && i == 0)
			ck_assert_int_eq(o.insecure_links, 1);
		if (rc == 0 && i == 1)
			ck_assert_int_eq(o.insecure_links, 0);
		if (rc == 0 && i == 2)
			ck_assert_str_eq(o.confine_root, "/srv/x");
		done(&o, &c);
	}
}
END_TEST

/* Negations of refused options ask for what the relay does anyway. */
START_TEST(test_harmless_negations)
{
	struct options o;
	struct cmdline c;

	OPTS_OK(&o, &c, "--no-progress", "--no-i", "--no-itemize-changes", "--no-drop-D",
		"--no-insecure-links", "--no-blocking-io", "--contimeout=0", "--no-contimeout");
	ck_assert_int_eq(o.verbose, 0);
	done(&o, &c);
}
END_TEST

/* True when text has "--name" with neither a name character before it
 * nor one after it, so that "--del" is not found inside "--delete". */
static int has_long(const char *text, const char *name)
{
	static const char namechars[] =
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";
	size_t len = strlen(name);

	for (const char *p = strstr(text, "--"); p; p = strstr(p + 1, "--")) {
		if (p > text && strchr(namechars, p[-1]))
			continue;
		if (strncmp(p + 2, name, len) == 0 && (!p[2 + len] || !strchr(namechars, p[2 + len])))
			return 1;
	}
	return 0;
}

/* --help names every option the relay accepts: each long name as
 * "--NAME" and each short letter at the start of a line (" -x," or
 * " -x ").  The --no-NAME negations are the exception: like rsync's own
 * --help, the text covers them with one "--no-OPTION" line, since
 * listing the ninety-odd negations one by one would bury the options
 * they turn off.  Refused options need not be listed. */
START_TEST(test_help_lists_every_option)
{
	char *buf = NULL, shortc, line[8];
	size_t len = 0, i, checked = 0;
	int refused;
	const char *name;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	options_usage(f);
	fclose(f);
	ck_assert(has_long(buf, "no-OPTION"));
	for (i = 0; (name = options_name(i, &shortc, &refused)) != NULL; i++) {
		if (refused)
			continue;
		if (*name && strncmp(name, "no-", 3) != 0) {
			REQUIRE(has_long(buf, name), "--help does not list --%s", name);
			checked++;
		}
		if (shortc) {
			snprintf(line, sizeof line, "\n -%c,", shortc);
			if (!strstr(buf, line)) {
				snprintf(line, sizeof line, "\n -%c ", shortc);
				REQUIRE(strstr(buf, line), "--help does not list -%c", shortc);
			}
		}
	}
	/* the table was walked to its end, and it has more than a handful */
	ck_assert_uint_gt(i, checked);
	ck_assert_uint_gt(checked, 100);
	free(buf);
}
END_TEST

/* "-h" alone is rsync's old way to ask for the help. */
START_TEST(test_h_alone_is_help)
{
	struct options o;
	struct cmdline c;

	PARSE_OK(&o, &c, NULL, "-h");
	ck_assert_int_eq(o.show_help, 1);
	done(&o, &c);
	/* --help stops at once, whatever follows */
	PARSE_OK(&o, &c, NULL, "--help", "--frobnicate");
	ck_assert_int_eq(o.show_help, 1);
	done(&o, &c);
	/* --version skips the checks that follow the words */
	PARSE_OK(&o, &c, NULL, "--version", "--delete");
	ck_assert_int_eq(o.show_version, 1);
	done(&o, &c);
}
END_TEST

START_TEST(test_delete_needs_dirs)
{
	struct options o;
	struct cmdline c;

	EXPECT_USAGE_ERROR("--delete does not work without --recursive (-r) or --dirs (-d).",
			   "--delete", "h:a", "g:b");
	OPTS_OK(&o, &c, "--delete", "-r");
	ck_assert_int_eq(o.delete_mode, 1);
	ck_assert_int_eq(o.recurse, 1);
	done(&o, &c);
	/* one operand: rsync would list, so it does not complain (the
	 * operands are checked later) */
	PARSE_OK(&o, &c, NULL, "--delete", "h:a");
	done(&o, &c);
}
END_TEST

START_TEST(test_many_words_fit)
{
	/* the arena holds joined lists however many words there are */
	const char *words[MAX_ARGS];
	struct options o;
	struct cmdline c;
	char err[256];
	int n = 0;

	while (n < MAX_ARGS - 3)
		words[n++] = "--chmod=ugo+rwX,Dg+s,Fo-w";
	words[n++] = "h:a";
	words[n++] = "g:b";
	words[n] = NULL;
	ck_assert_int_eq(parse(&o, &c, NULL, err, sizeof err, words), 0);
	ck_assert_uint_eq(strlen(o.chmod_modes), (MAX_ARGS - 3) * 18 - 1);
	done(&o, &c);
	n = 0;
	while (n < MAX_ARGS - 3)
		words[n++] = "--chown=a:b";
	words[n++] = "h:a";
	words[n++] = "g:b";
	words[n] = NULL;
	ck_assert_int_eq(parse(&o, &c, NULL, err, sizeof err, words), -1);
	ck_assert_str_eq(err, "You can only specify a user-affecting --chown once.");
	done(&o, &c);
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

	/* the daemon forms, mixed as rsync refuses */
	EXPECT_OPS_ERROR("All source args must use the same hostspec format.", "h::m/a", "h:b",
			 "g:d");
	EXPECT_OPS_ERROR("All source args must use the same hostspec format.", "h:a", "h::m/b",
			 "g:d");
	EXPECT_OPS_ERROR("All source args must use the same port number.", "rsync://h:1/m/a",
			 "rsync://h:2/m/b", "g:d");
	EXPECT_OPS_ERROR(same, "h::m/a", "g::m/b", "g:d");

	/* no operand, one operand */
	{
		static const char *const none[] = {NULL};
		static const char *const one[] = {"h:a", NULL};
		struct operands ops;
		char err[256];

		ck_assert_int_eq(ops_parse(&ops, none, err, sizeof err), -1);
		ck_assert_msg(err[0] != '\0', "no message");
		operands_free(&ops);
		/* one operand: a source to list */
		ck_assert_int_eq(ops_parse(&ops, one, err, sizeof err), 0);
		ck_assert_int_eq(ops.src.npaths, 1);
		ck_assert_str_eq(ops.src.host, "h");
		ck_assert_int_eq(ops.dest.npaths, 0);
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
	TCase *tx = tcase_create("transfer_options");

	tcase_add_test(tc, test_defaults);
	tcase_add_test(tc, test_log_file_and_limits);
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
	tcase_add_test(tm, test_rsync_errors);
	tcase_add_test(tm, test_rsync_errors_long);
	tcase_add_test(tm, test_numeric_values);
	tcase_add_test(tm, test_refused_options);
	tcase_add_test(tm, test_local_side_options);
	tcase_add_test(tm, test_output_levels);
	tcase_add_test(tm, test_output_errors);
	tcase_add_test(tm, test_outlevels_help);
	tcase_add_test(tm, test_outlevels_option);
	tcase_add_test(tm, test_item_formats);
	tcase_add_test(tm, test_delete_needs_dirs);
	suite_add_tcase(s, tm);

	tcase_add_test(tx, test_defaults_new);
	tcase_add_test(tx, test_short_arguments);
	tcase_add_test(tx, test_flags_and_negations);
	tcase_add_test(tx, test_implications);
	tcase_add_test(tx, test_compression);
	tcase_add_test(tx, test_sizes);
	tcase_add_test(tx, test_partial_dir_cleaned);
	tcase_add_test(tx, test_owner_maps);
	tcase_add_test(tx, test_filters_in_order);
	tcase_add_test(tx, test_files_from);
	tcase_add_test(tx, test_secluded_and_old_args_env);
	tcase_add_test(tx, test_environment_defaults);
	tcase_add_test(tx, test_protocol);
	tcase_add_test(tx, test_transport_options);
	tcase_add_test(tx, test_harmless_negations);
	tcase_add_test(tx, test_h_alone_is_help);
	tcase_add_test(tx, test_help_lists_every_option);
	tcase_add_test(tx, test_many_words_fit);
	suite_add_tcase(s, tx);

	tcase_add_test(to, test_operands_valid);
	tcase_add_test(to, test_operands_bracket_in_path);
	tcase_add_test(to, test_operands_errors);
	suite_add_tcase(s, to);
	return s;
}
