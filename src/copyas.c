/* --copy-as checked as rsync's client's switch would check it (see
 * copyas.h). */
#include "copyas.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "userdb.h"

static int all_digits(const char *s)
{
	return *s && s[strspn(s, "0123456789")] == '\0';
}

static int user_id(const char *name, uid_t *uid)
{
	gid_t unused;

	if (!*name)
		return -1;
	if (all_digits(name)) {
		*uid = (uid_t)strtoul(name, NULL, 10);
		return 0;
	}
	return userdb_user(name, 0, uid, &unused);
}

static int group_id(const char *name, gid_t *gid)
{
	if (!*name)
		return -1;
	if (all_digits(name)) {
		*gid = (gid_t)strtoul(name, NULL, 10);
		return 0;
	}
	return userdb_group(name, gid);
}

int copyas_resolve(const char *spec, uid_t *uid, gid_t *gid, char *err, size_t errlen)
{
	const char *colon = strchr(spec, ':');
	char user[256];
	uid_t same;

	snprintf(user, sizeof user, "%.*s", colon ? (int)(colon - spec) : (int)strlen(spec), spec);
	if (user_id(user, uid) < 0) {
		snprintf(err, errlen, "Invalid copy-as user: %s", user);
		return -1;
	}
	if (colon) {
		if (group_id(colon + 1, gid) < 0) {
			snprintf(err, errlen, "Invalid copy-as group: %s", colon + 1);
			return -1;
		}
		return 0;
	}
	if (userdb_user(NULL, *uid, &same, gid) < 0) {
		snprintf(err, errlen, "rsync: getpwuid failed: %s (%d)", strerror(errno), errno);
		return -1;
	}
	return 0;
}

int copyas_permitted(uid_t euid, gid_t egid, gid_t rgid, uid_t uid, gid_t gid, char *err,
		     size_t errlen)
{
	const char *call = NULL;

	(void)uid;	/* root may become anyone; anyone else fails before setuid */
	if (euid == 0)
		return 0;
	if (gid != egid && gid != rgid)
		call = "setgid";
	else
		call = "setgroups";	/* needs root whatever the group */
	snprintf(err, errlen, "rsync: %s failed: %s (%d)", call, strerror(EPERM), EPERM);
	return -1;
}

int copyas_check(const char *spec, char *err, size_t errlen)
{
	uid_t uid;
	gid_t gid;

	if (copyas_resolve(spec, &uid, &gid, err, errlen) < 0)
		return -1;
	return copyas_permitted(geteuid(), getegid(), getgid(), uid, gid, err, errlen);
}
