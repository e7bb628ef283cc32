/* Opening a user-named local file without following another user's
 * symlinks (see safeopen.h). */
#include "safeopen.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

#define MAX_LINKS 40		/* symlinks followed in one open */

/* The walk: a directory descriptor and the part of the path still to go,
 * into which a followed symlink's target is spliced. */
struct walk {
	int dfd;		/* AT_FDCWD or one we own */
	char rest[2 * PATH_MAX];
	int links_left;
	int untrusted;		/* refused for a symlink's owner */
	mode_t mode;		/* of a file O_CREAT makes */
};

static void walk_set_dir(struct walk *w, int fd)
{
	if (w->dfd != AT_FDCWD)
		close(w->dfd);
	w->dfd = fd;
}

/* Drops the leading slashes of w->rest; the walk then starts at "/". */
static int walk_from_root(struct walk *w)
{
	size_t skip = strspn(w->rest, "/");
	int fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	walk_set_dir(w, fd);
	memmove(w->rest, w->rest + skip, strlen(w->rest + skip) + 1);
	return 0;
}

/* Replaces the component comp (at the start of w->rest, tail after it)
 * with the target of the symlink it names, if its owner is trusted. */
static int walk_follow(struct walk *w, const char *comp, const struct stat *st,
		       const char *tail)
{
	char target[PATH_MAX], spliced[sizeof w->rest];
	ssize_t n;

	if (st->st_uid != 0 && st->st_uid != geteuid()) {
		w->untrusted = 1;
		errno = ELOOP;
		return -1;
	}
	if (--w->links_left < 0) {
		errno = ELOOP;
		return -1;
	}
	n = readlinkat(w->dfd, comp, target, sizeof target - 1);
	if (n < 0)
		return -1;
	target[n] = '\0';
	if ((size_t)snprintf(spliced, sizeof spliced, "%s%s", target, tail ? tail : "") >=
	    sizeof spliced) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(w->rest, spliced, strlen(spliced) + 1);
	return target[0] == '/' ? walk_from_root(w) : 0;
}

/* Steps into the directory comp and drops it from w->rest. */
static int walk_descend(struct walk *w, const char *comp, const char *slash)
{
	int fd = openat(w->dfd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0)
		return -1;
	walk_set_dir(w, fd);
	slash += strspn(slash, "/");
	memmove(w->rest, slash, strlen(slash) + 1);
	return 0;
}

/* One component: -1 on error, 0 to go on, 1 with *fd the result. */
static int walk_step(struct walk *w, int flags, int *fd)
{
	char comp[PATH_MAX];
	char *slash = strchr(w->rest, '/');
	size_t len = slash ? (size_t)(slash - w->rest) : strlen(w->rest);
	struct stat st;

	if (len == 0 || len >= sizeof comp) {
		errno = len ? ENAMETOOLONG : EINVAL;
		return -1;
	}
	memcpy(comp, w->rest, len);
	comp[len] = '\0';
	if (fstatat(w->dfd, comp, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		/* a file to create: O_NOFOLLOW still refuses a link put there now */
		if (!slash && errno == ENOENT && (flags & O_CREAT)) {
			*fd = openat(w->dfd, comp, flags | O_NOFOLLOW, w->mode);
			return *fd < 0 ? -1 : 1;
		}
		return -1;
	}
	if (S_ISLNK(st.st_mode))
		return walk_follow(w, comp, &st, slash);
	if (!slash) {
		*fd = openat(w->dfd, comp, flags | O_NOFOLLOW, w->mode);
		return *fd < 0 ? -1 : 1;
	}
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return walk_descend(w, comp, slash);
}

static int walk_path(struct walk *w, const char *path, int flags)
{
	int fd = -1, rc = 0;

	if (!path || !*path) {
		errno = EINVAL;
		return -1;
	}
	if (strlen(path) >= sizeof w->rest) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(w->rest, path, strlen(path) + 1);
	if (w->rest[0] == '/' && walk_from_root(w) < 0)
		return -1;
	while (w->rest[0] && (rc = walk_step(w, flags, &fd)) == 0)
		;
	if (rc < 0)
		return -1;
	if (rc == 1)
		return fd;
	/* the path named a directory (it ended in "/"), already open */
	if (!(flags & O_DIRECTORY)) {
		errno = EISDIR;
		return -1;
	}
	if (w->dfd == AT_FDCWD)
		return open(".", flags);
	fd = w->dfd;
	w->dfd = AT_FDCWD;
	return fd;
}

int safeopen_create(const char *path, int flags, mode_t mode, int insecure, int *untrusted)
{
	struct walk w = { .dfd = AT_FDCWD, .links_left = MAX_LINKS, .mode = mode };
	int fd, e;

	if (untrusted)
		*untrusted = 0;
	if (insecure)
		return open(path, flags, mode);
	fd = walk_path(&w, path, flags);
	e = errno;
	walk_set_dir(&w, AT_FDCWD);
	if (untrusted)
		*untrusted = w.untrusted;
	errno = e;
	return fd;
}

int safeopen_open(const char *path, int flags, int insecure, int *untrusted)
{
	return safeopen_create(path, flags, 0600, insecure, untrusted);
}

int safeopen_no_attacker_symlinks(const char *path, int flags)
{
	return safeopen_open(path, flags, 0, NULL);
}
