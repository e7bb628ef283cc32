#!/bin/sh
# shellcheck shell=bash
# demo.sh - watch rsync-relay copy a small tree from one ssh host to another.
#
# Run from the build directory after "make":   sh tests/demo.sh
# RELAY may name another rsync-relay binary (default: src/rsync-relay).
#
# The two "hosts" are this machine, reached through a private sshd on
# 127.0.0.1 under the names "src" and "dst"; nothing outside a temporary
# directory is touched and everything is removed at the end.
#
# Copyright (C) 2026 The rsync-relay authors
# SPDX-License-Identifier: GPL-3.0-or-later

[ -n "$BASH_VERSION" ] || exec bash "$0" "$@"

here=$(cd "$(dirname "$0")" && pwd) || exit 1
RELAY=${RELAY:-src/rsync-relay}
case $RELAY in
/*) ;;
*) RELAY=$PWD/$RELAY ;;
esac
if [ ! -x "$RELAY" ]; then
	echo "demo: $RELAY not found; build it first (./configure && make)" >&2
	exit 1
fi

# shellcheck source=tests/e2e/lib.sh
. "$here/e2e/lib.sh"

say() {
	printf '\n== %s\n' "$*"
}

say "A private sshd listens on 127.0.0.1:$SSH_PORT."
echo "   The ssh names 'src' and 'dst' both lead to it, so this machine"
echo "   plays both remote hosts. Remote shell: $RSH"

A=$T/host-src/data
B=$T/host-dst/backup
mkdir -p "$A/photos" "$A/notes" "$T/host-dst" || fail "mkdir failed"
printf 'Sample data for the rsync-relay demo.\n' >"$A/README.txt"
head -c 300000 /dev/urandom >"$A/photos/beach.jpg"
head -c 200000 /dev/urandom >"$A/photos/mountain.jpg"
printf 'buy milk\nwrite tests\n' >"$A/notes/todo.txt"
ln -s notes/todo.txt "$A/todo"
chmod 0600 "$A/notes/todo.txt"

say "Source tree on src:"
(cd "$A" && ls -lR .)

say "\$ rsync-relay -av src:$A/ dst:$B/"
"$RELAY" -av -e "$RSH" "src:$A/" "dst:$B/" </dev/null
rc=$?
[ "$rc" = 0 ] || fail "rsync-relay exited with $rc"

say "Destination tree on dst:"
(cd "$B" && ls -lR .)

trees_equal "$A" "$B"
say "The trees are identical (names, contents, links, modes, times)."

say "Change one file and run again: only it is transferred."
printf 'call the plumber\n' >>"$A/notes/todo.txt"
echo "\$ rsync-relay -av src:$A/ dst:$B/"
"$RELAY" -av -e "$RSH" "src:$A/" "dst:$B/" </dev/null
rc=$?
[ "$rc" = 0 ] || fail "rsync-relay exited with $rc"
trees_equal "$A" "$B"
no_servers_left

say "Demo finished: rsync-relay works."
exit 0
