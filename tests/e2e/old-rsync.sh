#!/bin/sh
# old-rsync.sh CACHE-DIR - print the path of an older rsync for
# tests/e2e/versions.test, fetching it first when needed.
#
# The older rsync is Debian 12's 3.2.7, unpacked (not installed) below
# CACHE-DIR with "apt-get download" and "dpkg -x", which need no root.
# When the package lists do not have it (never updated, or another
# release), they are fetched into CACHE-DIR as well, not into the
# system's: "apt-get update" on those needs no root either.  Prints the
# path and exits 0, or prints why there is none on stderr and exits 1.
#
# Copyright (C) 2026 The rsync-relay authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u
VERSION=3.2.7-1+deb12u6
[ $# = 1 ] || { echo "usage: $0 CACHE-DIR" >&2; exit 2; }
mkdir -p "$1" && CACHE=$(cd "$1" && pwd) || exit 1
DIR=$CACHE/rsync-$VERSION
BIN=$DIR/usr/bin/rsync

runs() { [ -x "$BIN" ] && "$BIN" --version >/dev/null 2>&1; }

if runs; then
	printf '%s\n' "$BIN"
	exit 0
fi
for p in apt-get dpkg; do
	command -v $p >/dev/null 2>&1 || { echo "no $p here to fetch rsync $VERSION" >&2; exit 1; }
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/old-rsync.XXXXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT
LOG=$TMP/apt.log
# The system's package lists first, then private ones below CACHE-DIR.
PRIVATE="-o Dir::State::Lists=$CACHE/apt/lists -o Dir::Cache=$CACHE/apt/cache"
download() {
	(cd "$TMP" && apt-get -q "$@" download "rsync=$VERSION") >>"$LOG" 2>&1
}
if ! download; then
	mkdir -p "$CACHE/apt/lists/partial" "$CACHE/apt/cache/archives/partial" || exit 1
	# shellcheck disable=SC2086
	apt-get -q $PRIVATE update >>"$LOG" 2>&1
	# shellcheck disable=SC2086
	download $PRIVATE
fi
DEB=
for f in "$TMP"/rsync_*.deb; do
	[ -f "$f" ] && DEB=$f
done
if [ -z "$DEB" ]; then
	echo "apt-get could not download rsync=$VERSION (no network, or no Debian 12 source):" >&2
	grep -E '^(E|W):' "$LOG" | tail -n 3 >&2
	exit 1
fi
rm -rf "$DIR"
if ! mkdir -p "$DIR" || ! dpkg -x "$DEB" "$DIR" || ! runs; then
	rm -rf "$DIR"
	echo "rsync $VERSION from $DEB does not run here" >&2
	exit 1
fi
printf '%s\n' "$BIN"
