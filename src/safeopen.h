/* Opening a file the user named on this host (--exclude-from,
 * --include-from, merge files, --files-from, --password-file) the way
 * rsync 3.5.0's client opens it: each component of the path is looked at
 * without following it, and a symlink is followed only when it is owned
 * by root or by the effective user.  Anyone else's symlink on the way is
 * refused with ELOOP, so a user who can write in one of the directories
 * cannot point a privileged run at another file.  --insecure-links turns
 * the walk off (a plain open(2)). */
#ifndef RELAY_SAFEOPEN_H
#define RELAY_SAFEOPEN_H

#include <sys/types.h>

/* rsync's line, printed on stderr (with no prefix) before the message of
 * the open that failed, when the refusal was a symlink's owner. */
#define SAFEOPEN_UNTRUSTED_HINT \
	"refusing to follow a symlink owned by an untrusted user; use --insecure-links " \
	"locally or \"insecure links = yes\" in a daemon module ONLY if every path " \
	"component is trusted"

/* Opens path with flags (O_NOFOLLOW is added to each step; O_CREAT makes
 * a missing last component with mode 0600).  Returns the descriptor, or
 * -1 with errno as rsync sets it: ELOOP for a symlink owned by another
 * user or a chain of more than 40 symlinks, ENOTDIR, EISDIR (a directory
 * without O_DIRECTORY), EINVAL for an empty path, ENAMETOOLONG, or the
 * errno of the failing system call. */
int safeopen_no_attacker_symlinks(const char *path, int flags);

/* The same, with --insecure-links (insecure != 0: a plain open) and
 * *untrusted set to 1 when the refusal was a symlink's owner, so the
 * caller prints SAFEOPEN_UNTRUSTED_HINT as rsync does (untrusted may be
 * NULL). */
int safeopen_open(const char *path, int flags, int insecure, int *untrusted);

/* safeopen_open with the mode a file O_CREAT makes (less the umask). */
int safeopen_create(const char *path, int flags, mode_t mode, int insecure, int *untrusted);

#endif
