/* Unit tests of the client's own --debug lines: clientdebug.h (CMD,
 * CMD2, PROTO, NSTR) and the add_rule lines of filter_build_with. */
#include "suites.h"
#include "clientdebug.h"
#include "filter.h"

#include <stdlib.h>
#include <string.h>

/* what fn wrote, in a static buffer */
#define CAPTURE(buf, call)                                          \
	do {                                                        \
		char *m_ = NULL;                                    \
		size_t l_ = 0;                                      \
		FILE *out = open_memstream(&m_, &l_);               \
		ck_assert_ptr_nonnull(out);                         \
		call;                                               \
		fclose(out);                                        \
		snprintf(buf, sizeof buf, "%s", m_ ? m_ : "");      \
		free(m_);                                           \
	} while (0)

START_TEST(test_compress_level)
{
	static const struct {
		const char *method;
		int given, level, want;
	} vec[] = {
		{"zlib", 0, 0, 6},	{"zlib", 1, -1, 6},	{"zlib", 1, 0, 0},
		{"zlibx", 1, 12, 9},	{"zlib", 1, 3, 3},	{"zstd", 0, 0, 3},
		{"zstd", 1, 0, 3},	{"zstd", 1, 30, 22},	{"zstd", 1, -5, -5},
		{"zstd", 1, -200000, -131072},	{"lz4", 1, 7, 0},	{"lz4", 0, 0, 0},
		{"none", 1, 4, 4},
	};

	for (size_t i = 0; i < ARRAY_LEN(vec); i++)
		REQUIRE(clientdebug_compress_level(vec[i].method, vec[i].given, vec[i].level) ==
				vec[i].want,
			"%s level %d", vec[i].method, vec[i].level);
}
END_TEST

START_TEST(test_nstr)
{
	struct session s = { .protocol = 32, .sum_negotiated = 1, .zip_negotiated = 1 };
	struct clientdebug_names n = { .compress = 1 };
	char buf[256];

	strcpy(s.checksum, "xxh128");
	strcpy(s.compress, "zstd");
	CAPTURE(buf, clientdebug_nstr(out, &s, &n));
	ck_assert_str_eq(buf, "Client negotiated checksum: xxh128\n"
			      "Client negotiated compress: zstd (level 3)\n");

	/* chosen names are shown as given; no compression, no line */
	s.sum_negotiated = s.zip_negotiated = 0;
	strcpy(s.checksum, "xxh3");
	s.compress[0] = '\0';
	n = (struct clientdebug_names){ .checksum_choice = "xxh3,md5" };
	CAPTURE(buf, clientdebug_nstr(out, &s, &n));
	ck_assert_str_eq(buf, "Client checksum: xxh3,md5\n");

	/* --zc=zlib --zl=0: compression is off */
	n = (struct clientdebug_names){ .compress_choice = "zlib", .compress = 1,
					.level = 0, .level_given = 1 };
	strcpy(s.checksum, "md5");
	CAPTURE(buf, clientdebug_nstr(out, &s, &n));
	ck_assert_str_eq(buf, "Client checksum: md5\nClient compress: none (level 0)\n");

	/* --zc=none: no compress line */
	n = (struct clientdebug_names){ .compress_choice = "none", .compress = 1 };
	CAPTURE(buf, clientdebug_nstr(out, &s, &n));
	ck_assert_str_eq(buf, "Client checksum: md5\n");
}
END_TEST

START_TEST(test_proto_cmd)
{
	char *argv[] = {"ssh", "h", "rsync", "--server", NULL};
	char *paths[] = {"/a/"};
	struct endpoint ep = { .user = NULL, .host = "h", .paths = paths, .npaths = 1 };
	char buf[256];

	CAPTURE(buf, clientdebug_proto(out, 31, 30));
	ck_assert_str_eq(buf, "(Client) Protocol versions: remote=31, negotiated=30\n");
	CAPTURE(buf, clientdebug_cmd(out, 0, NULL, &ep, argv));
	ck_assert_str_eq(buf, "cmd=<NULL> machine=h user=<NULL> path=/a/\n"
			      "cmd[0]=ssh cmd[1]=h cmd[2]=rsync cmd[3]=--server \n");
	ep.user = "u";
	CAPTURE(buf, clientdebug_cmd(out, 1, "ssh -p 2", &ep, argv));
	ck_assert_str_eq(buf, "cmd[0]=ssh cmd[1]=h cmd[2]=rsync cmd[3]=--server \n");
	CAPTURE(buf, clientdebug_cmd(out, 0, "ssh -p 2", &ep, argv));
	ck_assert(strncmp(buf, "cmd=ssh -p 2 machine=h user=u path=/a/\n", 39) == 0);
}
END_TEST

/* add_rule lines: level 1 only for trailing white space, level 2 all;
 * each rule at the level in force when it was given. */
START_TEST(test_filter_lines)
{
	const struct filter_arg args[] = {
		{ FA_EXCLUDE, "a " },		/* before --debug: silent */
		{ FA_EXCLUDE, "b " },
		{ FA_INCLUDE, "c/" },		/* level 1: no line */
		{ FA_INCLUDE, "d/" },
		{ FA_FILTER, "-s *.o" },
		{ FA_F, NULL },
		{ FA_FILTER, "- late" },
	};
	const int levels[] = { 0, 1, 1, 2, 2, 2, FILTER_DEBUG_FINAL };
	struct filter_build_opts bo = { .debug_filter = 2, .arg_debug = levels };
	struct filter_list fl;
	char *buf = NULL, err[256];
	size_t len = 0;

	bo.debug_out = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(bo.debug_out);
	ck_assert_int_eq(filter_build_with(&fl, args, (int)ARRAY_LEN(args), &bo, err, sizeof err),
			 0);
	fclose(bo.debug_out);
	ck_assert_str_eq(buf, "[client] add_rule(- b ) -- CAUTION: trailing whitespace!\n"
			      "[client] add_rule(+ d/)\n"
			      "[client] add_rule(-s *.o)\n"
			      "[client] add_rule(: /.rsync-filter)\n"
			      "[client] activating mergelist #0 [per-dir .rsync-filter]\n"
			      "[client] add_rule(- late)\n");
	free(buf);
	filter_free(&fl);
}
END_TEST

/* rsync's print_child_argv: plain words bare, others quoted, the count
 * after two spaces; the hidden word is neither shown nor counted. */
START_TEST(test_argv_line)
{
	char *words[] = { "--server", "--sender", "-vvlogDtpre.iLsfxCIvu", "--checksum-seed=7",
			  ".", "ro/with space", NULL };
	struct report r;
	char buf[512];

	CAPTURE(buf, (report_init(&r, out, stderr, 0),
		      clientdebug_argv(&r, "sending daemon args:", words, "--checksum-seed=7")));
	ck_assert_str_eq(buf, "sending daemon args: --server --sender -vvlogDtpre.iLsfxCIvu . "
			      "\"ro/with space\"  (5 args)\n");
	CAPTURE(buf, (report_init(&r, out, stderr, 0),
		      clientdebug_argv(&r, "opening connection using:", words + 4, NULL)));
	ck_assert_str_eq(buf, "opening connection using: . \"ro/with space\"  (2 args)\n");
	CAPTURE(buf, (report_init(&r, out, stderr, 1),
		      clientdebug_argv(&r, "sending daemon args:", words, NULL)));
	ck_assert_str_eq(buf, "");
}
END_TEST

Suite *clientdebug_suite(void)
{
	Suite *s = suite_create("clientdebug");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_compress_level);
	tcase_add_test(tc, test_nstr);
	tcase_add_test(tc, test_proto_cmd);
	tcase_add_test(tc, test_filter_lines);
	tcase_add_test(tc, test_argv_line);
	suite_add_tcase(s, tc);
	return s;
}
