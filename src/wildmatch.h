/* Shell-style pattern matching with rsync's rules for '/', the matcher
 * behind filter rules (rsync's lib/wildmatch.c semantics).
 *
 *   ?        any one byte but '/'
 *   *        any run of bytes without a '/'
 *   **       (two stars or more) any run of bytes, '/' included
 *   [...]    one byte of a class, never '/': "!" or "^" first negates,
 *            "a-z" is a range, "\" escapes, a ']' first is a member,
 *            "[:alpha:]" and the other POSIX names work (by LC_CTYPE); a
 *            class without its ']' or with an unknown name never matches
 *   \c       the byte c itself
 *
 * A trailing "*" matches only if no '/' is left in the text.  The text may
 * be hostile: the work stays polynomial in its length, as rsync's does, by
 * giving up early where no later start of a '*' can succeed. */
#ifndef RELAY_WILDMATCH_H
#define RELAY_WILDMATCH_H

/* Where in a path a pattern is tried (rsync's slash_handling):
 *   0       the whole text, from its start
 *   < 0     from the start, then after each '/' in turn
 *   N > 0   the last N '/'-separated elements only: from just after the
 *           N-th '/' from the end, or from the start when the text has
 *           exactly N-1; a text with fewer never matches */
#define WILDMATCH_WHOLE 0
#define WILDMATCH_ANY_SLASH (-1)

/* 1 if pattern matches all of text, else 0. */
int wildmatch(const char *pattern, const char *text);

/* wildmatch, tried where "how" says (see above). */
int wildmatch_tail(const char *pattern, const char *text, int how);

/* wildmatch_tail on the texts of parts (ended by a NULL) read as one
 * string; a filter rule matches "/" + name or name + "/" this way. */
int wildmatch_join(const char *pattern, const char *const *parts, int how);

/* 1 if literal equals the joined parts, or their last "how" elements when
 * how > 0 (how < 0 is taken as 0, as rsync's literal matching does). */
int litmatch_join(const char *literal, const char *const *parts, int how);

#endif
