/* --copy-as=USER[:GROUP] for a client with no local files.  rsync's
 * pulling client takes on that identity once connected, before it
 * writes any file; the relay writes none, so it only makes the checks
 * that switch would make, with rsync's messages and exit code, and keeps
 * its identity (it must still be able to stop its remote shells). */
#ifndef RELAY_COPYAS_H
#define RELAY_COPYAS_H

#include <stddef.h>
#include <sys/types.h>

/* The identity a spec names, as rsync reads it (a number or a name for
 * each part; without a group, the user's own).  Returns 0, or -1 with
 * rsync's message in err (the line rsync prints, without a prefix when
 * rsync gives none). */
int copyas_resolve(const char *spec, uid_t *uid, gid_t *gid, char *err, size_t errlen);

/* Whether a process with effective ids euid, egid and real gid rgid
 * could take on uid/gid as rsync does (setgid, setgroups, setuid):
 * returns 0, or -1 with rsync's message for the first call that fails. */
int copyas_permitted(uid_t euid, gid_t egid, gid_t rgid, uid_t uid, gid_t gid, char *err,
		     size_t errlen);

/* Both, for this process.  Returns 0, or -1 with the message in err. */
int copyas_check(const char *spec, char *err, size_t errlen);

#endif
