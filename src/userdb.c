/* Users and groups by name or number (userdb.h). */
#include "config.h"
#include "userdb.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Field i (0-based) of a ':'-separated line [p, end): its start and length. */
static const char *field(const char *p, const char *end, int i, size_t *len)
{
	for (; i > 0; i--) {
		const char *c = memchr(p, ':', (size_t)(end - p));

		if (!c)
			return NULL;
		p = c + 1;
	}
	const char *c = memchr(p, ':', (size_t)(end - p));
	*len = (size_t)((c ? c : end) - p);
	return p;
}

/* A decimal field: 0 with *v, or -1. */
static int number(const char *p, size_t len, unsigned long *v)
{
	if (!len || len > 10)
		return -1;
	*v = 0;
	for (size_t i = 0; i < len; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		*v = *v * 10 + (unsigned long)(p[i] - '0');
	}
	return 0;
}

int userdb_find_text(const char *text, size_t len, const char *name, unsigned long id,
		     unsigned long *id3, unsigned long *id4)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *eol = nl ? nl : end;
		const char *f0, *f2, *f3;
		size_t l0, l2, l3 = 0;

		f0 = field(p, eol, 0, &l0);
		f2 = field(p, eol, 2, &l2);
		f3 = field(p, eol, 3, &l3);
		if (f2 && number(f2, l2, id3) == 0 &&
		    (name ? l0 == strlen(name) && memcmp(f0, name, l0) == 0 : *id3 == id)) {
			*id4 = 0;
			if (f3 && number(f3, l3, id4) < 0)
				*id4 = 0;
			return 0;
		}
		p = nl ? nl + 1 : end;
	}
	return -1;
}

#ifdef HAVE_NAME_SERVICE
int userdb_user(const char *name, uid_t by_uid, uid_t *uid, gid_t *gid)
{
	struct passwd *pw;

	errno = 0;
	pw = name ? getpwnam(name) : getpwuid(by_uid);
	if (!pw)
		return -1;
	*uid = pw->pw_uid;
	*gid = pw->pw_gid;
	return 0;
}

int userdb_group(const char *name, gid_t *gid)
{
	struct group *gr = getgrnam(name);

	if (!gr)
		return -1;
	*gid = gr->gr_gid;
	return 0;
}
#else
/* The entry in file (its first MiB), as userdb_find_text() finds it. */
static int find_in(const char *file, const char *name, unsigned long id, unsigned long *id3,
		   unsigned long *id4)
{
	size_t cap = 1 << 20, n = 0;
	char *buf = malloc(cap);
	int fd = open(file, O_RDONLY | O_CLOEXEC), rc = -1;
	ssize_t got;

	if (buf && fd >= 0) {
		while (n < cap && (got = read(fd, buf + n, cap - n)) > 0)
			n += (size_t)got;
		rc = userdb_find_text(buf, n, name, id, id3, id4);
	}
	if (fd >= 0)
		close(fd);
	free(buf);
	errno = 0;
	return rc;
}

int userdb_user(const char *name, uid_t by_uid, uid_t *uid, gid_t *gid)
{
	unsigned long u, g;

	if (find_in("/etc/passwd", name, (unsigned long)by_uid, &u, &g) < 0)
		return -1;
	*uid = (uid_t)u;
	*gid = (gid_t)g;
	return 0;
}

int userdb_group(const char *name, gid_t *gid)
{
	unsigned long g, unused;

	if (find_in("/etc/group", name, 0, &g, &unused) < 0)
		return -1;
	*gid = (gid_t)g;
	return 0;
}
#endif
