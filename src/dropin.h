/* Drop-in use: a command line that does not join two remote hosts is
 * rsync's own business (a local copy, a push, a pull, a daemon
 * operand), so the relay hands it to the local rsync unchanged and
 * "alias rsync=rsync-relay" is safe. */
#ifndef RELAY_DROPIN_H
#define RELAY_DROPIN_H

/* Whether argv is for the local rsync, judged from its operands as
 * rsync reads them, before any option is checked (the relay refuses
 * options rsync accepts).  Sets *prog to the rsync to run (the
 * --local-rsync program, else "rsync").  A lone remote-shell operand,
 * two remote operands, no operand at all or an option only the relay
 * knows keep the line with the relay. */
int dropin_is_local(int argc, char **argv, const char **prog);

/* Runs prog with argv's arguments less the --local-rsync words, in this
 * process (exit code, output and signals are rsync's own).  Returns only
 * on failure, with errno set. */
void dropin_exec(int argc, char **argv, const char *prog);

#endif
