/* libFuzzer target: the rsync daemon client's line parsers (daemon.h).
 *
 * Input: one line as a daemon may send it (NUL-free: the reader stops at
 * a NUL).  The greeting parser either fails with a message or gives a
 * protocol and a NUL-terminated digest list; the line classifier's
 * challenge lies inside the line; the digest choice and the auth reply
 * stay within their buffers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "daemon.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char line[DAEMON_LINE_MAX], err[DAEMON_LINE_MAX + 100], reply[DAEMON_LINE_MAX];
	struct daemon_greeting g;
	const char *ch = NULL;
	enum digest_kind k;
	int old;

	if (size >= sizeof line)
		size = sizeof line - 1;
	memcpy(line, data, size);
	line[size] = '\0';
	if (daemon_parse_greeting(line, &g, err, sizeof err) == 0) {
		if (g.protocol <= 0 || g.sub < 0 || strlen(g.digests) >= sizeof g.digests)
			abort();
		if (daemon_pick_digest(&g, daemon_protocol(32, &g), &k, &old) == 0 &&
		    daemon_auth_reply(k, old, "user", line, line, reply, sizeof reply) < -1)
			abort();
	} else if (!err[0]) {
		abort();
	}
	if (daemon_line_kind(line, &ch) == DL_AUTHREQD && (ch < line || ch > line + size))
		abort();
	return 0;
}
