/* posix_only.h - a build that names a POSIX level gets that level alone.
 *
 * config.h turns on every system's extensions (_GNU_SOURCE, _DARWIN_C_SOURCE
 * and the like), under which glibc declares far more than POSIX.  When the
 * build names a POSIX level itself (CFLAGS=-D_POSIX_C_SOURCE=200809L), this
 * header, read right after config.h and before any system header, turns
 * those extensions off again (not the __STDC_WANT_ ones of ISO C's technical
 * specifications, which C does not let a program undefine), so that such a
 * build fails to compile where the code strays beyond POSIX and C11.  configure leaves the Linux-only
 * calls out of such a build (see --disable-linux-calls). */
#ifndef RELAY_POSIX_ONLY_H
#define RELAY_POSIX_ONLY_H

#ifdef _POSIX_C_SOURCE
#undef _ALL_SOURCE
#undef _DARWIN_C_SOURCE
#undef __EXTENSIONS__
#undef _GNU_SOURCE
#undef _NETBSD_SOURCE
#undef _OPENBSD_SOURCE
#undef _TANDEM_SOURCE
#endif

#endif
