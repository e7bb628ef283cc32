/* Users and groups by name or number, for --copy-as.
 *
 * getpwnam() and friends wherever they work; a static glibc build (where
 * they need shared libraries at run time, see configure) reads
 * /etc/passwd and /etc/group itself. */
#ifndef RELAY_USERDB_H
#define RELAY_USERDB_H

#include <stddef.h>
#include <sys/types.h>

/* The user named name (or, with name NULL, numbered by_uid): 0 with
 * *uid and *gid set, or -1 (errno 0 when there is no such user). */
int userdb_user(const char *name, uid_t by_uid, uid_t *uid, gid_t *gid);

/* The group named name: 0 with *gid set, or -1. */
int userdb_group(const char *name, gid_t *gid);

/* The entry of a passwd or group text (len bytes) named name (or, with
 * name NULL, whose third field is id): 0 with its third field in *id3
 * and its fourth (0 when absent) in *id4, or -1.  Pure; the unit tests
 * and the static build share it. */
int userdb_find_text(const char *text, size_t len, const char *name, unsigned long id,
		     unsigned long *id3, unsigned long *id4);

#endif
