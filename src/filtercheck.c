/* Filter rules applied to names, as rsync applies them (exclude.c's
 * rule_matches and check_filter).  The pattern work is wildmatch's; here
 * is which part of the name a rule looks at, and which rule decides. */
#include "filtercheck.h"

#include <string.h>

#include "wildmatch.h"

/* Where in the name a rule's pattern is tried (wildmatch.h's "how"). */
static int rule_how(const struct filter_rule *r, int anchored)
{
	unsigned rf = r->rflags;

	if (anchored)
		return WILDMATCH_WHOLE;
	/* Slashes but no "**": as many trailing elements as the pattern has. */
	if (r->slash_cnt && !(rf & FILTRULE_WILD2))
		return r->slash_cnt + 1;
	/* A "**" inside may start its match at any directory. */
	if ((rf & FILTRULE_WILD2) && !(rf & FILTRULE_WILD2_PREFIX))
		return WILDMATCH_ANY_SLASH;
	return WILDMATCH_WHOLE;
}

/* A literal pattern against one name: anchored, equal; otherwise equal to
 * a whole number of trailing elements. */
static int literal_matches(const char *pat, const char *name, int anchored)
{
	size_t nl = strlen(name), pl = strlen(pat);

	if (anchored)
		return strcmp(name, pat) == 0;
	return pl <= nl && strcmp(name + nl - pl, pat) == 0
	       && (pl == nl || name[nl - pl - 1] == '/');
}

int filter_rule_matches(const struct filter_rule *r, const char *fname, int is_dir)
{
	unsigned rf = r->rflags;
	int hit = !(rf & FILTRULE_NEGATE);	/* the answer when the pattern fits */
	const char *name = fname + (*fname == '/');
	const char *pat = r->pattern, *parts[4];
	int n = 0, anchored, how, fits;

	if (!*name || (rf & (FILTRULE_XATTR | FILTRULE_ABS_PATH)))
		return 0;

	if (!r->slash_cnt && !(rf & FILTRULE_WILD2)) {
		const char *base = strrchr(name, '/');

		if (base)
			name = base + 1;
	} else if ((rf & FILTRULE_WILD2_PREFIX) && *fname != '/') {
		parts[n++] = "/";	/* so "**" + "/" fits at the start too */
	}
	parts[n++] = name;
	if (is_dir) {
		if (rf & FILTRULE_WILD3_SUFFIX)
			parts[n++] = "/";	/* so "/" + "***" fits the dir itself */
	} else if (rf & FILTRULE_DIRECTORY) {
		return !hit;
	}
	parts[n] = NULL;

	anchored = *pat == '/';
	pat += anchored;
	how = rule_how(r, anchored);

	if (rf & FILTRULE_WILD)
		fits = wildmatch_join(pat, parts, how);
	else if (n > 1)
		fits = litmatch_join(pat, parts, how);
	else
		fits = literal_matches(pat, name, anchored);
	return fits ? hit : !hit;
}

/* Whether side drops rule flags rf (see enum filter_side). */
static int other_side(unsigned rf, enum filter_side side)
{
	switch (side) {
	case FILTER_SIDE_SENDER:
		return (rf & FILTRULES_SIDES) == FILTRULE_RECEIVER_SIDE;
	case FILTER_SIDE_RECEIVER:
		return (rf & FILTRULES_SIDES) == FILTRULE_SENDER_SIDE;
	case FILTER_SIDE_ALL:
		break;
	}
	return 0;
}

int filter_check(const struct filter_list *fl, const struct filter_list *cvs,
		 const char *name, int is_dir, enum filter_side side)
{
	int i;

	for (i = 0; i < fl->n; i++) {
		const struct filter_rule *r = &fl->rules[i];
		unsigned rf = r->rflags;

		if (rf & (FILTRULE_MERGE_FILE | FILTRULE_PERDIR_MERGE))
			continue;
		if (rf & FILTRULE_CVS_IGNORE) {
			/* rsync judges by the CVS list whatever side its "-C"
			 * names, and the list's words for both sides: a
			 * receiver-only "-C" is never sent, so its words are
			 * never marked as the other side's.  (The CVS list
			 * has no "-C" of its own: no cvs below.) */
			int rc = cvs ? filter_check(cvs, NULL, name, is_dir, FILTER_SIDE_ALL) : 0;

			if (rc)
				return rc;
			continue;
		}
		if (other_side(rf, side))
			continue;
		if (filter_rule_matches(r, name, is_dir))
			return rf & FILTRULE_INCLUDE ? 1 : -1;
	}
	return 0;
}
