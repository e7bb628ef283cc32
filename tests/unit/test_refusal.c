/* Unit tests of what the relay reads from a daemon that refused its
 * arguments (refusal.h): its messages printed as they come whole, its
 * error exit's code, the raw 0 a receiver told of --files-from writes
 * first, and a frame rsync's client would not take. */
#include "suites.h"
#include "refusal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *err_buf, *out_buf;
static size_t err_len, out_len;
static struct report rep;

static void setup(void)
{
	FILE *out = open_memstream(&out_buf, &out_len);
	FILE *err = open_memstream(&err_buf, &err_len);

	ck_assert_ptr_nonnull(out);
	ck_assert_ptr_nonnull(err);
	report_init(&rep, out, err, 0);
}

static void teardown(void)
{
	fclose(rep.out);
	fclose(rep.err);
	free(out_buf);
	free(err_buf);
}

/* One frame: the header ((MPLEX_BASE + tag) << 24 | length, little
 * endian) and its payload; returns the bytes put at p. */
static size_t frame(unsigned char *p, int tag, const void *payload, size_t len)
{
	wire_write_mux_header(p, tag, (uint32_t)len);
	memcpy(p + 4, payload, len);
	return 4 + len;
}

START_TEST(messages_and_error_exit)
{
	static const char refused[] = "rsync: The server is configured to refuse --delete\n";
	static const char why[] = "rsync error: requested action not supported (code 4) at "
				  "clientserver.c(1267) [Receiver=3.5.0]\n";
	unsigned char buf[512], code[4];
	struct refusal_in in = { .exit_code = -1 };
	size_t n = 0;

	n += frame(buf + n, MSG_ERROR, refused, strlen(refused));
	n += frame(buf + n, MSG_ERROR, why, strlen(why));
	wire_put_u32(code, 4);
	n += frame(buf + n, MSG_ERROR_EXIT, code, 4);
	/* a message cut short is left for more */
	ck_assert_int_eq(refusal_take(&in, buf, 10, "d", &rep), 0);
	ck_assert_int_eq(in.exit_code, -1);
	ck_assert_int_eq(refusal_take(&in, buf, n, "d", &rep), (ptrdiff_t)n);
	ck_assert_int_eq(in.exit_code, 4);
	ck_assert_int_eq(rep.fatal, 0);
	fflush(rep.err);
	ck_assert_ptr_nonnull(strstr(err_buf, refused));
	ck_assert_ptr_nonnull(strstr(err_buf, why));
}
END_TEST

START_TEST(files_from_zero_first)
{
	static const char refused[] = "rsync: The server is configured to refuse --delete\n";
	unsigned char buf[128];
	struct refusal_in in = { .exit_code = -1, .skip_zero = 1 };
	size_t n = 1;

	buf[0] = 0;
	n += frame(buf + n, MSG_ERROR, refused, strlen(refused));
	ck_assert_int_eq(refusal_take(&in, buf, n, "d", &rep), (ptrdiff_t)n);
	ck_assert_int_eq(rep.fatal, 0);
	fflush(rep.err);
	ck_assert_ptr_nonnull(strstr(err_buf, refused));
}
END_TEST

START_TEST(bad_frame)
{
	static const unsigned char junk[] = { 0x01, 0x00, 0x00, 0x02, 'x' };
	struct refusal_in in = { .exit_code = -1 };

	ck_assert_int_eq(refusal_take(&in, junk, sizeof junk, "source h::m", &rep), -1);
	ck_assert_int_eq(rep.fatal, RERR_STREAMIO);
}
END_TEST

Suite *refusal_suite(void)
{
	Suite *s = suite_create("refusal");
	TCase *tc = tcase_create("refusal");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, messages_and_error_exit);
	tcase_add_test(tc, files_from_zero_first);
	tcase_add_test(tc, bad_frame);
	suite_add_tcase(s, tc);
	return s;
}
