/* Unit tests of the rsync daemon client's pure parts (daemon.h), the
 * password file's first line (password.h) and --sockopts words
 * (netconnect.h).  Expected texts are rsync 3.5.0's client's. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "daemon.h"
#include "netconnect.h"
#include "resolve.h"
#include "operands.h"
#include "password.h"
#include "suites.h"

START_TEST(test_greeting)
{
	struct daemon_greeting g;
	char err[256];

	ck_assert_int_eq(daemon_parse_greeting("@RSYNCD: 32.0 sha512 sha256 sha1 md5 md4", &g, err,
					       sizeof err), 0);
	ck_assert_int_eq(g.protocol, 32);
	ck_assert_int_eq(g.sub, 0);
	ck_assert_str_eq(g.digests, "sha512 sha256 sha1 md5 md4");
	ck_assert_int_eq(daemon_parse_greeting("@RSYNCD: 30.0", &g, err, sizeof err), 0);
	ck_assert_str_eq(g.digests, "");
	ck_assert_int_eq(daemon_parse_greeting("@RSYNCD: 29", &g, err, sizeof err), 0);
	ck_assert_int_eq(g.protocol, 29);
	ck_assert_int_eq(g.sub, 0);

	ck_assert_int_eq(daemon_parse_greeting("SSH-2.0-OpenSSH", &g, err, sizeof err), -1);
	ck_assert_str_eq(err, "rsync: server sent \"SSH-2.0-OpenSSH\" rather than greeting");
	ck_assert_int_eq(daemon_parse_greeting("@RSYNCD: x", &g, err, sizeof err), -1);
	ck_assert_int_eq(daemon_parse_greeting("@RSYNCD: 31", &g, err, sizeof err), -1);
	ck_assert_str_eq(err, "rsync: the server omitted the subprotocol value: @RSYNCD: 31");
	ck_assert_int_eq(daemon_parse_greeting("@RSYNCD: 32.0", &g, err, sizeof err), -1);
	ck_assert_str_eq(err, "rsync: the server omitted the digest name list: @RSYNCD: 32.0");
	ck_assert_int_eq(daemon_parse_greeting("@RSYNCD: 99999999999999999999.0 md5", &g, err,
					       sizeof err), -1);
}
END_TEST

START_TEST(test_protocol)
{
	struct daemon_greeting g = { .protocol = 32, .sub = 0 };

	ck_assert_int_eq(daemon_protocol(32, &g), 32);
	ck_assert_int_eq(daemon_protocol(30, &g), 30);
	g.protocol = 29;
	ck_assert_int_eq(daemon_protocol(32, &g), 29);
	g.sub = 1;	/* a pre-release daemon is one short */
	ck_assert_int_eq(daemon_protocol(32, &g), 28);
	ck_assert_int_eq(daemon_protocol(29, &g), 28);
	ck_assert_int_eq(daemon_protocol(27, &g), 27);
}
END_TEST

START_TEST(test_lines)
{
	const char *ch = NULL;

	ck_assert_int_eq(daemon_line_kind("@RSYNCD: OK", &ch), DL_OK);
	ck_assert_int_eq(daemon_line_kind("@RSYNCD: EXIT", &ch), DL_EXIT);
	ck_assert_int_eq(daemon_line_kind("@ERROR: Unknown module 'x'", &ch), DL_ERROR);
	ck_assert_int_eq(daemon_line_kind("@RSYNCD: AUTHREQD abc+/9", &ch), DL_AUTHREQD);
	ck_assert_str_eq(ch, "abc+/9");
	ck_assert_int_eq(daemon_line_kind("@RSYNCD: OKAY", &ch), DL_TEXT);
	ck_assert_int_eq(daemon_line_kind("welcome", &ch), DL_TEXT);
	ck_assert_int_eq(daemon_line_kind("", &ch), DL_TEXT);
}
END_TEST

START_TEST(test_pick_digest)
{
	struct daemon_greeting g = { .protocol = 32 };
	enum digest_kind k;
	int old;

	strcpy(g.digests, "md4 md5 sha1");	/* the client's order wins */
	ck_assert_int_eq(daemon_pick_digest(&g, 32, &k, &old), 0);
	ck_assert_int_eq(k, DIGEST_SHA1);
	strcpy(g.digests, "sha512 sha256 sha1 md5 md4");
	ck_assert_int_eq(daemon_pick_digest(&g, 32, &k, &old), 0);
	ck_assert_int_eq(k, DIGEST_SHA512);
	strcpy(g.digests, "md5");
	ck_assert_int_eq(daemon_pick_digest(&g, 31, &k, &old), 0);
	ck_assert_int_eq(k, DIGEST_MD5);
	strcpy(g.digests, "md55 xxh3");
	ck_assert_int_eq(daemon_pick_digest(&g, 31, &k, &old), -1);
	g.digests[0] = '\0';	/* no list: the protocol decides */
	ck_assert_int_eq(daemon_pick_digest(&g, 30, &k, &old), 0);
	ck_assert_int_eq(k, DIGEST_MD5);
	ck_assert_int_eq(old, 0);
	ck_assert_int_eq(daemon_pick_digest(&g, 29, &k, &old), 0);
	ck_assert_int_eq(k, DIGEST_MD4);
	ck_assert_int_eq(old, 1);
}
END_TEST

START_TEST(test_auth_reply)
{
	char out[256], want[256], b64[128];
	unsigned char sum[DIGEST_MAX_LEN];
	struct digest_ctx c;

	/* expected values from python3's hashlib and base64, '=' stripped */
	ck_assert_int_gt(daemon_auth_reply(DIGEST_MD5, 0, "alice", "sekrit", "abcDEF123", out,
					   sizeof out), 0);
	ck_assert_str_eq(out, "alice vYvCPl8nwrzl6/q35IzbBQ\n");
	ck_assert_int_gt(daemon_auth_reply(DIGEST_SHA512, 0, "alice", "sekrit", "abcDEF123", out,
					   sizeof out), 0);
	ck_assert_str_eq(out, "alice 6pvf5snzLLSgUkQBC4lDWPwuB3KsYkORy5Q1aR6MOmoY4kW04u5ZA/pAv5X+"
			      "WM1d2wfZ1M5882tjHkXYZ/3wgA\n");
	/* no user: rsync says "nobody" */
	ck_assert_int_gt(daemon_auth_reply(DIGEST_MD5, 0, "", "sekrit", "abcDEF123", out,
					   sizeof out), 0);
	ck_assert_str_eq(out, "nobody vYvCPl8nwrzl6/q35IzbBQ\n");
	/* the old md4 hashes four zero bytes (the seed) first */
	digest_init(&c, DIGEST_MD4);
	digest_update(&c, "\0\0\0\0sekritabc", 13);
	digest_final(&c, sum);
	digest_base64(sum, 16, b64, sizeof b64);
	snprintf(want, sizeof want, "u %s\n", b64);
	ck_assert_int_gt(daemon_auth_reply(DIGEST_MD4, 1, "u", "sekrit", "abc", out, sizeof out), 0);
	ck_assert_str_eq(out, want);
	ck_assert_int_eq(daemon_auth_reply(DIGEST_MD5, 0, "u", "p", "c", out, 8), -1);
}
END_TEST

START_TEST(test_path_args)
{
	static const struct {
		const char *path, *module;
		int old;
		const char *want;
	} v[] = {
		{ "mod", "mod", 0, "mod/" },
		{ "mod/", "mod", 0, "mod/" },
		{ "mod/a b", "mod", 0, "mod/a b" },
		{ "mod/x mod/y", "mod", 0, "mod/x[ ]mod/y" },
		{ "mod/x mod/y", "mod", 1, "mod/x mod/y" },
		{ "-mod/x", "-mod", 0, "./-mod/x" },
		{ "", "", 0, "/" },
	};
	char m[16];

	for (size_t i = 0; i < ARRAY_LEN(v); i++) {
		char *w = daemon_path_arg(v[i].path, v[i].module, v[i].old);
		ck_assert_ptr_nonnull(w);
		ck_assert_msg(strcmp(w, v[i].want) == 0, "%s: \"%s\", rsync: \"%s\"", v[i].path, w,
			      v[i].want);
		free(w);
	}
	ck_assert_int_eq(daemon_module_name("mod/a/b", m, sizeof m), 0);
	ck_assert_str_eq(m, "mod");
	ck_assert_int_eq(daemon_module_name("", m, sizeof m), 0);
	ck_assert_str_eq(m, "");
	ck_assert_int_eq(daemon_module_name("0123456789abcdef/x", m, sizeof m), -1);
}
END_TEST

START_TEST(test_encode_args)
{
	char *words[] = { "--server", "-vre.iLsfxCIvu", ".", "mod/" };
	size_t len;
	unsigned char *b = daemon_encode_args(words, 4, 1, &len);

	ck_assert_ptr_nonnull(b);
	ck_assert_uint_eq(len, 9 + 15 + 2 + 5 + 1);
	ck_assert(memcmp(b, "--server\0-vre.iLsfxCIvu\0.\0mod/\0\0", len) == 0);
	free(b);
	b = daemon_encode_args(words, 4, 0, &len);
	ck_assert(memcmp(b, "--server\n-vre.iLsfxCIvu\n.\nmod/\n\n", len) == 0);
	free(b);
}
END_TEST

START_TEST(test_password_line)
{
	char out[16];

	ck_assert_int_eq(password_first_line("pw\nsecond\n", 10, out, sizeof out), 0);
	ck_assert_str_eq(out, "pw");
	ck_assert_int_eq(password_first_line("\r\n\npw2\r\n", 8, out, sizeof out), 0);
	ck_assert_str_eq(out, "pw2");
	ck_assert_int_eq(password_first_line("\n\n", 2, out, sizeof out), -1);
	ck_assert_int_eq(password_first_line("0123456789abcdefg", 17, out, sizeof out), -1);
	ck_assert_int_eq(password_first_line("a b", 3, out, sizeof out), 0);
	ck_assert_str_eq(out, "a b");
}
END_TEST

START_TEST(test_sockopts)
{
	struct sockopt_val v;
	char err[128];

	ck_assert_int_eq(net_sockopt_parse("SO_KEEPALIVE", 12, &v, err, sizeof err), 0);
	ck_assert_int_eq(v.value, 1);
	ck_assert_int_eq(net_sockopt_parse("SO_SNDBUF=65536,x", 15, &v, err, sizeof err), 0);
	ck_assert_int_eq(v.value, 65536);
	ck_assert_int_eq(net_sockopt_parse("SO_BOGUS", 8, &v, err, sizeof err), -1);
	ck_assert_str_eq(err, "Unknown socket option SO_BOGUS");
}
END_TEST

/* The daemon operands, split as rsync's check_for_hostspec splits them. */
START_TEST(test_operands)
{
	static const struct {
		const char *arg;
		const char *user, *host, *path;
		int daemon, port;
	} v[] = {
		{ "h::mod/p", NULL, "h", "mod/p", 1, 0 },
		{ "u@h::mod", "u", "h", "mod", 1, 0 },
		{ "h::", NULL, "h", "", 1, 0 },
		{ "[::1]::m/x", NULL, "::1", "m/x", 1, 0 },
		{ "rsync://h/mod/p", NULL, "h", "mod/p", 1, 0 },
		{ "RSYNC://u@h:8873/mod/", "u", "h", "mod/", 1, 8873 },
		{ "rsync://h", NULL, "h", "", 1, 0 },
		{ "rsync://h:99", NULL, "h", "", 1, 99 },
		{ "rsync://u@[fe80::1]:7/m", "u", "fe80::1", "m", 1, 7 },
		{ "h:p", NULL, "h", "p", 0, 0 },
		/* not a URL after all: a host named "rsync" */
		{ "rsync://h:x/m", NULL, "rsync", "//h:x/m", 0, 0 },
	};
	char err[256];

	for (size_t i = 0; i < ARRAY_LEN(v); i++) {
		char *args[] = { (char *)v[i].arg, NULL };
		struct operands ops;

		ck_assert_msg(operands_parse(&ops, args, 1, err, sizeof err) == 0, "%s: %s",
			      v[i].arg, err);
		ck_assert_msg((v[i].user == NULL) == (ops.src.user == NULL), "%s: user", v[i].arg);
		if (v[i].user)
			ck_assert_str_eq(ops.src.user, v[i].user);
		ck_assert_str_eq(ops.src.host, v[i].host);
		ck_assert_str_eq(ops.src.paths[0], v[i].path);
		ck_assert_msg(ops.src.daemon == v[i].daemon, "%s: daemon %d", v[i].arg,
			      ops.src.daemon);
		ck_assert_int_eq(ops.src.port, v[i].port);
		operands_free(&ops);
	}
	{
		char *args[] = { "h::m/a", "::m/b", "h::m/c", "g::w/" };
		struct operands ops;

		ck_assert_int_eq(operands_parse(&ops, args, 4, err, sizeof err), 0);
		ck_assert_int_eq(ops.src.npaths, 3);
		ck_assert_str_eq(ops.src.paths[1], "m/b");
		ck_assert(ops.dest.daemon);
		ck_assert_str_eq(ops.dest.paths[0], "w/");
		operands_free(&ops);
	}
	{
		/* an empty daemon host is rsync's to fail on when it connects;
		 * an empty ssh host is no host at all */
		char *daemon[] = { "rsync:///m/", "::n/", "h:d/" }, *shell[] = { ":p", "h:d/" };
		struct operands ops;

		ck_assert_int_eq(operands_parse(&ops, daemon, 1, err, sizeof err), 0);
		ck_assert_str_eq(ops.src.host, "");
		ck_assert(ops.src.daemon);
		operands_free(&ops);
		ck_assert_int_eq(operands_parse(&ops, daemon + 1, 2, err, sizeof err), 0);
		ck_assert_str_eq(ops.src.host, "");
		operands_free(&ops);
		ck_assert_int_eq(operands_parse(&ops, shell, 2, err, sizeof err), -1);
		operands_free(&ops);
	}
}
END_TEST

/* The static build's resolver: numeric forms, and /etc/hosts with its
 * comments, aliases, case and the family asked for. */
START_TEST(test_resolve_text)
{
	static const char hosts[] =
		"# comment mirror\n"
		"127.0.0.1\tlocalhost\n"
		"10.0.0.7  Mirror.example mirror # the mirror\n"
		"fd00::7   mirror\n"
		"192.0.2.1 other#mirror\n"
		"999.0.0.1 mirror\n"
		"   10.0.0.8\tmirror";
	struct net_addr a[4];
	char buf[64];

	ck_assert_int_eq(resolve_hosts_text(hosts, sizeof hosts - 1, "MIRROR", AF_UNSPEC, 873,
					    a, 4), 3);
	resolve_ntop(&a[0], buf, sizeof buf);
	ck_assert_str_eq(buf, "10.0.0.7");
	ck_assert_int_eq(ntohs(((struct sockaddr_in *)&a[0].sa)->sin_port), 873);
	resolve_ntop(&a[1], buf, sizeof buf);
	ck_assert_str_eq(buf, "fd00::7");
	resolve_ntop(&a[2], buf, sizeof buf);
	ck_assert_str_eq(buf, "10.0.0.8");
	ck_assert_int_eq(resolve_hosts_text(hosts, sizeof hosts - 1, "mirror", AF_INET6, 1, a, 4),
			 1);
	ck_assert_int_eq(a[0].family, AF_INET6);
	ck_assert_int_eq(resolve_hosts_text(hosts, sizeof hosts - 1, "mirror", AF_INET, 1, a, 1),
			 1);
	ck_assert_int_eq(resolve_hosts_text(hosts, sizeof hosts - 1, "comment", AF_UNSPEC, 1, a,
					    4), 0);
	ck_assert_int_eq(resolve_hosts_text(hosts, sizeof hosts - 1, "mirro", AF_UNSPEC, 1, a,
					    4), 0);
	ck_assert_int_eq(resolve_hosts_text(hosts, sizeof hosts - 1, "", AF_UNSPEC, 1, a, 4), 0);

	ck_assert_int_eq(resolve_numeric("::1", AF_UNSPEC, 22, a), 1);
	ck_assert_int_eq(a[0].family, AF_INET6);
	ck_assert_int_eq(resolve_numeric("::1", AF_INET, 22, a), 0);
	ck_assert_int_eq(resolve_numeric("127.0.0.1", AF_INET6, 22, a), 0);
	ck_assert_int_eq(resolve_numeric("host", AF_UNSPEC, 22, a), 0);
	ck_assert_int_eq(resolve_host("127.0.0.1", 873, AF_UNSPEC, 0, a, 4, buf, sizeof buf), 1);
	resolve_ntop(&a[0], buf, sizeof buf);
	ck_assert_str_eq(buf, "127.0.0.1");
}
END_TEST

Suite *daemon_suite(void)
{
	Suite *s = suite_create("daemon");
	TCase *tc = tcase_create("daemon");

	tcase_add_test(tc, test_greeting);
	tcase_add_test(tc, test_protocol);
	tcase_add_test(tc, test_lines);
	tcase_add_test(tc, test_pick_digest);
	tcase_add_test(tc, test_auth_reply);
	tcase_add_test(tc, test_path_args);
	tcase_add_test(tc, test_encode_args);
	tcase_add_test(tc, test_password_line);
	tcase_add_test(tc, test_sockopts);
	tcase_add_test(tc, test_operands);
	tcase_add_test(tc, test_resolve_text);
	suite_add_tcase(s, tc);
	return s;
}
