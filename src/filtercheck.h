/* How a filter list judges a name: rsync's rule_matches and check_filter,
 * for checking the file list a (possibly hostile) sender sends against
 * the rules the relay gave it. */
#ifndef RELAY_FILTERCHECK_H
#define RELAY_FILTERCHECK_H

#include "filter.h"

/* 1 if rule r applies to the path name (relative to the transfer root; a
 * leading '/' is ignored), else 0; is_dir: name is a directory.  As
 * rsync's rule_matches:
 *  - a pattern without '/' or "**" matches the name's last element;
 *  - one starting with '/' is anchored at the start of the name; one with
 *    N other '/'s (and no "**") matches the last N+1 elements; one with
 *    "**" but not at its start is tried at the start and after each '/',
 *    one starting with "**" also matches a name with no leading directory;
 *  - a trailing "/" + "***" also matches the directory itself;
 *  - a FILTRULE_DIRECTORY rule fits directories only;
 *  - FILTRULE_NEGATE inverts the answer: a negated directory rule
 *    applies to every non-directory.
 * An empty name and FILTRULE_XATTR rules (they are for xattr names) never
 * match.  Nor do FILTRULE_ABS_PATH rules ('/' modifier): rsync's client
 * prefixes its own working directory to such names, which has no meaning
 * for the relay, so a caller must decide what their presence means. */
int filter_rule_matches(const struct filter_rule *r, const char *name, int is_dir);

/* Whose view of the list filter_check takes: rsync drops the rules meant
 * only for the other side ('s'/hide/show for a sender, 'r'/protect/risk
 * for a receiver; a rule naming both sides is for both). */
enum filter_side {
	FILTER_SIDE_ALL,	/* every rule */
	FILTER_SIDE_SENDER,	/* as a sender applies the list a client sent it:
				 * receiver-only rules are skipped */
	FILTER_SIDE_RECEIVER,	/* sender-only rules are skipped */
};

/* Judges name by the rules of fl in order, the first that matches
 * deciding, as rsync's check_filter: -1 excluded, 1 included, 0 no rule
 * matched.  A "-C" rule (FILTRULE_CVS_IGNORE, not a merge) is judged by
 * the list cvs (filter_assemble's; NULL: it matches nothing), whatever
 * side the rule names, as rsync does.  Merge rules
 * (dir-merge, FILTRULE_MERGE_FILE) are skipped: rsync's client trusts
 * the sender's filtering when there is a dir-merge rule, and the caller
 * decides.  Perishable rules apply: rsync ignores them only while
 * deleting.  Rules filter_wire adds (--partial-dir, -C) are not in fl. */
int filter_check(const struct filter_list *fl, const struct filter_list *cvs,
		 const char *name, int is_dir, enum filter_side side);

#endif
