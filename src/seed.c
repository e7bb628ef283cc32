/* One checksum seed for both servers (see seed.h). */
#include "seed.h"

#include <stdio.h>
#include <string.h>

/* the first place needle occurs in [h, h+len), or NULL */
static const char *find(const char *h, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = 0; n <= len && i <= len - n; i++)
		if (memcmp(h + i, needle, n) == 0)
			return h + i;
	return NULL;
}

int seed_refusal_line(const char *line, size_t len)
{
	static const char *const words[] = {
		"unrecognized option", "unknown option", "illegal option",
	};
	const char *at = NULL;

	for (size_t i = 0; !at && i < sizeof words / sizeof *words; i++)
		at = find(line, len, words[i]);
	/* getopt names the program first ("rsync: "); OpenSSH's own
	 * complaint about its options does not */
	if (!at || !find(line, (size_t)(at - line), ": "))
		return SEED_LINE_OTHER;
	/* the option's name follows the words */
	len -= (size_t)(at - line);
	return find(at, len, "checksum-seed") ? SEED_LINE_SEED : SEED_LINE_OPTION;
}

void seed_plan_init(struct seed_plan *sp, int32_t seed)
{
	sp->seed[0] = sp->seed[1] = seed;
	sp->refused[0] = sp->refused[1] = 0;
	sp->first = -1;
}

void seed_plan_refused(struct seed_plan *sp, int side, int lone)
{
	sp->refused[side] = 1;
	sp->seed[side] = 0;
	if (lone || sp->refused[!side]) {
		sp->seed[!side] = 0;
		sp->first = -1;
	} else
		sp->first = side;
}

int seed_plan_none(const struct seed_plan *sp)
{
	return sp->refused[0] && sp->refused[1];
}

int seed_follows_version(int32_t offer, int32_t v)
{
	return (offer < v ? offer : v) < 30;
}

int seed_verdict(int protocol, const char *checksum, int compressed, int32_t a, int32_t b,
		 int none, char *msg, size_t msglen)
{
	static const char literal[] = "so blocks match only by chance and nearly every byte is "
				      "sent as literal data";
	char why[160];

	if (a == b)
		return SEED_SAME;
	if (none)
		snprintf(why, sizeof why, "neither server takes --checksum-seed");
	else
		snprintf(why, sizeof why, "the servers chose different checksum seeds (%d and %d)",
			 (int)a, (int)b);
	if (protocol >= 30 || strcmp(checksum, "md4") != 0) {
		snprintf(msg, msglen, "%s, %s%s", why, literal,
			 none ? "" : "; give both server commands the same --checksum-seed");
		return SEED_WARN;
	}
	if (compressed) {
		snprintf(msg, msglen, "%s, and below protocol 30 every file's checksum depends on "
			 "it: with compressed data, which the relay does not unpack, no file "
			 "would verify%s", why,
			 none ? "" : "; give both server commands the same --checksum-seed");
		return SEED_FATAL;
	}
	snprintf(msg, msglen, "%s, %s (the relay makes each file's checksum again for the "
		 "receiver)%s", why, literal,
		 none ? "" : "; give both server commands the same --checksum-seed");
	return SEED_RESIGN;
}

/* md4 begun with a seed, as rsync's checksum below protocol 30 */
static void seeded(struct digest_ctx *c, int32_t seed)
{
	unsigned char b[4] = { (unsigned char)seed, (unsigned char)((uint32_t)seed >> 8),
			       (unsigned char)((uint32_t)seed >> 16),
			       (unsigned char)((uint32_t)seed >> 24) };

	digest_init(c, DIGEST_MD4);
	digest_update(c, b, sizeof b);
}

void seed_resign_init(struct seed_resign *rs, int32_t seed_src, int32_t seed_dest)
{
	memset(rs, 0, sizeof *rs);
	rs->seed_src = seed_src;
	rs->seed_dest = seed_dest;
	seed_resign_start(rs);
}

void seed_resign_start(struct seed_resign *rs)
{
	seeded(&rs->src, rs->seed_src);
	seeded(&rs->dest, rs->seed_dest);
	rs->unseen = 0;
}

void seed_resign_data(struct seed_resign *rs, const unsigned char *p, size_t n)
{
	digest_update(&rs->src, p, n);
	digest_update(&rs->dest, p, n);
}

void seed_resign_match(struct seed_resign *rs)
{
	rs->unseen = 1;
}

int seed_resign_sum(struct seed_resign *rs, const unsigned char sum[16], unsigned char out[16])
{
	unsigned char mine[DIGEST_MAX_LEN], theirs[DIGEST_MAX_LEN];

	if (rs->unseen)
		return 0;
	digest_final(&rs->src, mine);
	digest_final(&rs->dest, theirs);
	if (memcmp(mine, sum, 16) != 0)
		return 0;
	memcpy(out, theirs, 16);
	return 1;
}
