#include "dropin.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "operands.h"
#include "options.h"

int dropin_is_local(int argc, char **argv, const char **prog)
{
	struct argv_scan sc = { .words = NULL };
	int first, last;

	*prog = "rsync";
	if (options_scan(argc, argv, &sc) < 0)
		return 1;	/* rsync's own syntax error to report */
	if (sc.local_rsync)
		*prog = sc.local_rsync;
	if (sc.relay_only || sc.nops == 0)
		return 0;
	first = operands_kind(sc.first);
	if (sc.nops == 1)	/* a listing: the relay's own */
		return first != OPERAND_SHELL && first != OPERAND_DAEMON;
	/* rsync looks at the first source and the destination only; a
	 * ":PATH" destination would be one more source to list */
	last = operands_kind(sc.last);
	return first == OPERAND_LOCAL || first == OPERAND_CONTINUED ||
	       last == OPERAND_LOCAL || last == OPERAND_CONTINUED;
}

void dropin_exec(int argc, char **argv, const char *prog)
{
	char **v = calloc((size_t)argc + 1, sizeof *v);
	int n = 0, opts = 1;

	if (!v)
		return;
	v[n++] = (char *)prog;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (opts && strcmp(a, "--") == 0)
			opts = 0;
		if (opts && strncmp(a, "--local-rsync", 13) == 0) {
			if (a[13] == '\0')
				i++;	/* its value is the next word */
			if (a[13] == '\0' || a[13] == '=')
				continue;
		}
		v[n++] = argv[i];
	}
	v[n] = NULL;
	execvp(prog, v);
	free(v);
}
