# lib.sh - harness for the rsync-relay end-to-end tests.
# shellcheck shell=bash disable=SC2034,SC2015
#
# Copyright (C) 2026 The rsync-relay authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Sourced (by bash) from each tests/e2e/*.test script and from tests/demo.sh.
# It starts a private sshd on 127.0.0.1 that only accepts a key generated
# here, and writes an ssh client configuration in which the host aliases
# "src", "dst", "host1" and "host2" all reach that sshd, so that a single
# machine can play both remote hosts.
#
# Environment read (all optional except RELAY for the tests):
#   RELAY   the rsync-relay binary
#   RSYNC   rsync to run locally (default: rsync)
#   SSH     ssh client (default: ssh)
#   SSHD    sshd server (default: sshd from PATH, /usr/sbin or /sbin)
#   E2E_KEEP=1  keep the temporary directory (and print its name) on exit
#
# Variables set:
#   T         fresh temporary directory, removed on exit; write only below it
#   RSH       remote shell command for -e, e.g. "ssh -F $T/ssh_config"
#   SSH_PORT  port of the private sshd
#   DEAD_PORT a port on 127.0.0.1 with nothing listening; the host alias
#             "deadhost" points at it
#   ME        name of the current user
#
# Functions:
#   fail MSG...            print MSG (and the last captured output), exit 1
#   skip MSG...            print MSG, exit 77
#   note MSG...            print a progress line
#   make_varied_tree DIR   fill DIR with a tree exercising many file kinds
#   trees_equal A B        fail unless trees A and B are identical
#   no_servers_left        fail if an "rsync --server" for $T still runs
#   run_relay ARGS...      run "$RELAY" -e "$RSH" ARGS...; sets RC, OUT, ERR
#                          and keeps the output in $T/relay.out, $T/relay.err
#   run_relay_noe ARGS...  the same without -e (to test RSYNC_RSH)
#   run_rsync ARGS...      run "$RSYNC" -e "$RSH" ARGS... (the reference);
#                          sets RRC, ROUT, RERR; $T/rsync.out, $T/rsync.err
#   expect_rc N WHAT       fail unless the last run_relay exited with N
#   vlines FILE            print the lines of FILE before its first empty line
#   bytes_field WHICH FIELD FILE
#                          number from the --stats (or -vv) line "Source
#                          link: sent N bytes  received N bytes" or its
#                          Destination twin (WHICH is source or
#                          destination, FIELD is sent or received), commas
#                          removed
#   run_rsync_noe ARGS...  run "$RSYNC" ARGS... without -e (a pull from or
#                          push to an rsync daemon over TCP); like run_rsync
#   start_daemon           start a private "rsync --daemon" on 127.0.0.1
#                          (see below); sets DAEMON_PORT, DAEMON_PID,
#                          DMN (the modules' directories), DAEMON_CONF,
#                          DAEMON_SSH_CONF and DAEMON_RSYNC_PATH
#
# The daemon of start_daemon reads $T/rsyncd.conf: "use chroot = no"
# (so it works without root), "munge symlinks = no" (symlinks arrive as
# sent, so trees compare equal), the MOTD file $T/rsyncd.motd, its log in
# $T/rsyncd.log, uid and gid of the current user, and the modules (each
# in $DMN/NAME, created empty):
#   ro       read only, the source module
#   wo       write only (read only = no, write only = yes)
#   rw       read and write
#   rw2      read and write, a second destination
#   auth     read and write, "auth users = alice" (password $DAEMON_PW,
#            secrets file $T/rsyncd.secrets, mode 600, strict modes)
#   refuse   read and write, "refuse options = delete checksum"
#   hidden   read only, "list = no" (not in the module listing)
#   early    read only, the ro module's files, with "early exec =
#            $T/early-exec", which stores the client's --early-input in
#            $T/early-input.got
#   early-in the rw module's directory, read and write, the same early exec
# $T/pw holds $DAEMON_PW (mode 600) for --password-file.  The same
# modules (same paths) are served by a single-use daemon over ssh
# ("rsync --server --daemon ." started by the remote shell) when the
# client is given --rsync-path="$DAEMON_RSYNC_PATH", which names the
# config $DAEMON_SSH_CONF (its log is $T/rsyncd-ssh.log).  The daemon is
# stopped by the harness's cleanup; no_servers_left counts the daemon's
# own children (one for each connection) and single-use daemons.
#
# Sourcing this file does the setup (and skips the test, exit 77, when
# ssh-keygen, ssh, sshd or rsync is missing or sshd cannot be started).
# Each command run by run_relay/run_rsync is limited to E2E_TIMEOUT seconds
# (default 30) so that a hung transfer fails the test instead of blocking.

if [ -z "${BASH_VERSION:-}" ]; then
	echo "lib.sh must be sourced by bash" >&2
	exit 99
fi

RSYNC=${RSYNC:-rsync}
SSH=${SSH:-ssh}
E2E_TIMEOUT=${E2E_TIMEOUT:-30}
ME=$(id -un)
export LC_ALL=C

T=
SSHD_PID=
DAEMON_PID=
DAEMON_PORT=
SSH_PORT=
DEAD_PORT=
RC='' OUT='' ERR=''
RRC='' ROUT='' RERR=''
LAST_CMD=

note() {
	printf '%s\n' "--- $*"
}

# Show what the last captured command printed, to make failures readable.
_show_last() {
	[ -n "$T" ] || return 0
	if [ -n "$LAST_CMD" ]; then
		printf '%s\n' "last command: $LAST_CMD"
	fi
	if [ -f "$T/last.rc" ]; then
		printf '%s\n' "exit code: $(cat "$T/last.rc")"
	fi
	if [ -s "$T/last.out" ]; then
		printf '%s\n' "---- stdout:"
		cat "$T/last.out"
	fi
	if [ -s "$T/last.err" ]; then
		printf '%s\n' "---- stderr:"
		cat "$T/last.err"
	fi
}

fail() {
	printf '%s\n' "FAIL: $*" >&2
	_show_last >&2
	exit 1
}

skip() {
	printf '%s\n' "SKIP: $*" >&2
	exit 77
}

# Hard error in the harness itself (automake counts 99 as ERROR).
_harness_error() {
	printf '%s\n' "ERROR: $*" >&2
	if [ -n "$T" ] && [ -f "$T/sshd.log" ]; then
		printf '%s\n' "---- sshd log:" >&2
		cat "$T/sshd.log" >&2
	fi
	exit 99
}

# Print "PID ARGS" for every process whose command line contains both
# "rsync --server" and this test's temporary directory.
_our_servers() {
	local f pid args words IFS=" "
	for f in /proc/[0-9]*/cmdline; do
		pid=${f#/proc/}
		pid=${pid%/cmdline}
		[ "$pid" = "$$" ] && continue
		[ "$pid" = "$BASHPID" ] && continue
		words=()
		{ mapfile -t -d '' words <"$f"; } 2>/dev/null || continue
		args=${words[*]}
		case $args in
		*"rsync --server"* | *" --server --daemon ."* | *"rsync --daemon "*) ;;
		*) continue ;;
		esac
		# the listening daemon of start_daemon is no left-over server
		[ "$pid" = "${DAEMON_PID:-}" ] && continue
		case $args in
		*"$T"*) printf '%s %s\n' "$pid" "$args" ;;
		esac
	done
}

_cleanup() {
	local rc=$? pid _args
	trap - EXIT HUP INT TERM
	if [ -n "$DAEMON_PID" ]; then
		kill "$DAEMON_PID" 2>/dev/null
		wait "$DAEMON_PID" 2>/dev/null
		DAEMON_PID=
	fi
	if [ -n "$SSHD_PID" ]; then
		kill "$SSHD_PID" 2>/dev/null
		wait "$SSHD_PID" 2>/dev/null
	fi
	if [ -n "$T" ] && [ -d "$T" ]; then
		# Server processes left behind by a failed test would keep
		# their sessions (and files below $T) alive.
		while read -r pid _args; do
			[ -n "$pid" ] && kill "$pid" 2>/dev/null
		done <<EOF
$(_our_servers)
EOF
		if [ "${E2E_KEEP:-0}" = 1 ]; then
			printf '%s\n' "keeping $T" >&2
		else
			chmod -R u+rwx "$T" 2>/dev/null
			rm -rf "$T"
		fi
	fi
	exit "$rc"
}

_find_sshd() {
	local d
	if [ -n "${SSHD:-}" ]; then
		case $SSHD in
		/*) [ -x "$SSHD" ] && return 0 ;;
		*)
			SSHD=$(command -v "$SSHD" 2>/dev/null) && return 0
			;;
		esac
		return 1
	fi
	SSHD=$(command -v sshd 2>/dev/null) && return 0
	for d in /usr/sbin /sbin /usr/local/sbin; do
		if [ -x "$d/sshd" ]; then
			SSHD=$d/sshd
			return 0
		fi
	done
	return 1
}

# A pseudo-random port in 20000..59999.
_random_port() {
	echo $((20000 + (RANDOM * 32768 + RANDOM) % 40000))
}

# True when something accepts TCP connections on 127.0.0.1:$1.
_port_open() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

_write_sshd_config() {
	cat >"$T/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $1
HostKey $T/host_ed25519
PidFile $T/sshd.pid
AuthorizedKeysFile $T/authorized_keys
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
PermitRootLogin prohibit-password
AllowAgentForwarding no
AllowTcpForwarding no
X11Forwarding no
PermitTTY no
PrintMotd no
PrintLastLog no
UseDNS no
MaxStartups 64
# bash skips ~/.bashrc for ssh commands when it is not the first shell
# level: keeps the tests fast and independent of the user's start-up files.
SetEnv SHLVL=1
Subsystem sftp /usr/lib/openssh/sftp-server
LogLevel ERROR
EOF
}

_write_ssh_config() {
	cat >"$T/ssh_config" <<EOF
Host src dst host1 host2
	HostName 127.0.0.1
	Port $SSH_PORT

Host deadhost
	HostName 127.0.0.1
	Port $DEAD_PORT

Host *
	Port $SSH_PORT
	User $ME
	IdentityFile $T/user_ed25519
	IdentitiesOnly yes
	UserKnownHostsFile $T/known_hosts
	GlobalKnownHostsFile /dev/null
	StrictHostKeyChecking yes
	CheckHostIP no
	KexAlgorithms curve25519-sha256,curve25519-sha256@libssh.org,sntrup761x25519-sha512@openssh.com
	BatchMode yes
	PasswordAuthentication no
	KbdInteractiveAuthentication no
	ForwardAgent no
	ForwardX11 no
	ControlMaster no
	ControlPath none
	ConnectTimeout 10
	ServerAliveInterval 15
	LogLevel ERROR
EOF
	local key
	key=$(cut -d' ' -f1,2 "$T/host_ed25519.pub")
	printf '[127.0.0.1]:%s %s\n' "$SSH_PORT" "$key" >"$T/known_hosts"
}

# Start sshd on a free port, retrying on bind failures; wait until a
# login works.
_start_sshd() {
	local _attempt port i
	for _attempt in 1 2 3 4 5 6 7 8 9 10; do
		port=$(_random_port)
		_port_open "$port" && continue
		SSH_PORT=$port
		_write_sshd_config "$port"
		_write_ssh_config
		: >"$T/sshd.log"
		"$SSHD" -D -e -f "$T/sshd_config" </dev/null >>"$T/sshd.log" 2>&1 &
		SSHD_PID=$!
		# Up to 10 seconds for sshd to listen and let us in.
		for i in $(seq 1 50); do
			if ! kill -0 "$SSHD_PID" 2>/dev/null; then
				wait "$SSHD_PID" 2>/dev/null
				SSHD_PID=
				break
			fi
			if $SSH -F "$T/ssh_config" src true </dev/null \
				>"$T/login.out" 2>&1; then
				return 0
			fi
			sleep 0.2
		done
		if [ -n "$SSHD_PID" ]; then
			# Running but not letting us in: not a port clash.
			cat "$T/login.out" >>"$T/sshd.log"
			return 1
		fi
		if grep -qi 'bind\|address already in use' "$T/sshd.log"; then
			continue
		fi
		return 1
	done
	return 1
}

_setup() {
	command -v ssh-keygen >/dev/null 2>&1 || skip "ssh-keygen not found"
	_find_sshd || skip "sshd not found (${SSHD:-sshd})"
	command -v "${SSH%% *}" >/dev/null 2>&1 || skip "ssh client not found ($SSH)"
	command -v "$RSYNC" >/dev/null 2>&1 || skip "rsync not found ($RSYNC)"

	T=$(mktemp -d "${TMPDIR:-/tmp}/rsync-relay-e2e.XXXXXXXX") ||
		_harness_error "mktemp failed"
	T=$(cd "$T" && pwd -P)
	trap _cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	trap 'exit 129' HUP

	ssh-keygen -q -t ed25519 -N '' -C rsync-relay-test-host \
		-f "$T/host_ed25519" </dev/null ||
		_harness_error "ssh-keygen (host key) failed"
	ssh-keygen -q -t ed25519 -N '' -C rsync-relay-test-user \
		-f "$T/user_ed25519" </dev/null ||
		_harness_error "ssh-keygen (user key) failed"
	cp "$T/user_ed25519.pub" "$T/authorized_keys"

	if [ "$(id -u)" = 0 ] && [ ! -d /run/sshd ]; then
		mkdir -p /run/sshd && chmod 0755 /run/sshd ||
			skip "cannot create /run/sshd"
	fi

	# A port with nothing behind it, for the unreachable-host tests.
	local i
	for i in 1 2 3 4 5 6 7 8 9 10; do
		DEAD_PORT=$(_random_port)
		_port_open "$DEAD_PORT" || break
	done

	_start_sshd || skip "could not start a private sshd ($SSHD)$(
		printf '\n'
		cat "$T/sshd.log" 2>/dev/null
	)"

	RSH="$SSH -F $T/ssh_config"
	export RSH
	# Keep the user's own RSYNC_RSH from leaking into the tests.
	unset RSYNC_RSH
}

_capture() {
	LAST_CMD=$(printf '%q ' "$@")
	local rc
	# No controlling terminal, as in CI, even when "make check" runs in
	# one: the relay lets ssh prompt (and announces logins) when
	# /dev/tty opens.  Terminal cases use script(1) or tmux.
	if command -v setsid >/dev/null 2>&1; then
		set -- setsid -w "$@"
	fi
	if command -v timeout >/dev/null 2>&1; then
		timeout -k 5 "$E2E_TIMEOUT" "$@" </dev/null >"$T/last.out" 2>"$T/last.err"
	else
		"$@" </dev/null >"$T/last.out" 2>"$T/last.err"
	fi
	rc=$?
	echo "$rc" >"$T/last.rc"
	if [ "$rc" = 124 ] && command -v timeout >/dev/null 2>&1; then
		fail "timed out after ${E2E_TIMEOUT}s"
	fi
	return "$rc"
}

run_relay() {
	run_relay_noe -e "$RSH" "$@"
}

run_relay_noe() {
	[ -n "${RELAY:-}" ] || _harness_error "RELAY is not set"
	[ -x "$RELAY" ] || fail "RELAY is not executable: $RELAY"
	_capture "$RELAY" "$@"
	RC=$?
	OUT=$(cat "$T/last.out")
	ERR=$(cat "$T/last.err")
	cp "$T/last.out" "$T/relay.out"
	cp "$T/last.err" "$T/relay.err"
	return 0
}

run_rsync() {
	run_rsync_noe -e "$RSH" "$@"
}

run_rsync_noe() {
	_capture "$RSYNC" "$@"
	RRC=$?
	ROUT=$(cat "$T/last.out")
	RERR=$(cat "$T/last.err")
	cp "$T/last.out" "$T/rsync.out"
	cp "$T/last.err" "$T/rsync.err"
	return 0
}

# expect_rc N WHAT: the last run_relay must have exited with N.
expect_rc() {
	[ "$RC" = "$1" ] || fail "$2: expected exit code $1, got $RC"
}

# Lines before the first empty line (the file-name part of -v output).
vlines() {
	sed '/^$/,$d' "$1"
}

# bytes_field source|destination sent|received FILE
bytes_field() {
	local line n
	local label
	case $1 in
	source) label=Source ;;
	destination) label=Destination ;;
	*) return 1 ;;
	esac
	line=$(grep -E "^$label link: sent [0-9,]+ bytes +received [0-9,]+ bytes" "$3" | tail -n 1)
	[ -n "$line" ] || return 1
	case $2 in
	sent) n=$(printf '%s\n' "$line" | sed -E 's/^[A-Za-z]+ link: sent ([0-9,]+) bytes.*/\1/') ;;
	received) n=$(printf '%s\n' "$line" | sed -E 's/.* received ([0-9,]+) bytes.*/\1/') ;;
	*) return 1 ;;
	esac
	printf '%s\n' "${n//,/}"
}

# make_varied_tree DIR: regular, empty, big and read-only files, nested
# and empty directories, symlinks (to a file, to a directory, dangling),
# hard-link groups of two and three names, awkward names, assorted modes
# and old modification times.
make_varied_tree() {
	local d=$1
	mkdir -p "$d" || fail "cannot create $d"
	(
		set -e
		cd "$d"
		: >empty
		head -c 3145728 /dev/urandom >big.bin
		printf 'hello, world\n' >hello.txt
		printf 'line one\nline two\nline three\n' >lines.txt
		mkdir -p dir1/sub/deep emptydir "nested dir/with space"
		printf 'notes\n' >dir1/notes.txt
		printf 'deep\n' >dir1/sub/deep/file.txt
		seq 1 2000 >dir1/sub/numbers.txt
		printf 'inner\n' >"nested dir/with space/inner file"

		ln -s hello.txt link-to-file
		ln -s does/not/exist dangling
		ln -s dir1 link-to-dir
		ln -s ../hello.txt dir1/up-link

		printf 'two names\n' >hard-a
		ln hard-a hard-b
		printf 'three names\n' >tri-1
		ln tri-1 dir1/tri-2
		ln tri-1 dir1/sub/tri-3

		printf 'space\n' >"with space.txt"
		printf 'dash\n' >-leading-dash
		printf 'unicode\n' >"$(printf 'unicod\303\251-\346\227\245\346\234\254.txt')"
		printf 'newline\n' >"$(printf 'new\nline')"
		printf 'backslash\n' >'back\slash'
		printf 'glob\n' >'star*quest?'

		printf 'secret\n' >private-0600
		chmod 0600 private-0600
		printf '#!/bin/sh\necho hi\n' >script-0755
		chmod 0755 script-0755
		printf 'read only\n' >readonly-0444
		chmod 0444 readonly-0444
		mkdir private-dir
		printf 'inside\n' >private-dir/inside.txt
		chmod 0700 private-dir

		touch -h -d '2001-02-03 04:05:06' -- * dir1/* dir1/sub/* \
			dir1/sub/deep/* "nested dir/with space/"* private-dir/*
		touch -d '2010-10-10 10:10:10' big.bin
		touch -d '1999-12-31 23:59:59' readonly-0444
		touch -d '2005-05-05 05:05:05' dir1/sub/deep dir1/sub dir1 \
			"nested dir/with space" "nested dir" emptydir private-dir
		touch -d '2015-01-02 03:04:05' .
	) || fail "make_varied_tree $d failed"
}

# trees_equal A B: identical names, types, contents, link targets, hard
# links, modes, owners and times.
trees_equal() {
	local a=$1 b=$2 diffs
	[ -d "$a" ] || fail "trees_equal: $a is not a directory"
	[ -d "$b" ] || fail "trees_equal: $b is not a directory"
	diffs=$("$RSYNC" -anicH --delete -- "$a/" "$b/" 2>&1) ||
		fail "trees_equal: local rsync failed comparing $a and $b: $diffs"
	if [ -n "$diffs" ]; then
		fail "trees differ: $a vs $b$(printf '\n%s' "$diffs")"
	fi
	diffs=$(diff -r --no-dereference -- "$a" "$b" 2>&1) ||
		fail "trees differ (diff -r): $a vs $b$(printf '\n%s' "$diffs")"
	return 0
}

# no_servers_left: no "rsync --server" started for this test's directory
# may outlive the relay (waits up to 5 seconds for them to finish).
no_servers_left() {
	local _i left
	for _i in $(seq 1 25); do
		left=$(_our_servers)
		[ -z "$left" ] && return 0
		sleep 0.2
	done
	fail "rsync server processes left running:$(printf '\n%s' "$left")"
}

# _write_rsyncd_conf FILE LOG: the modules of start_daemon, the globals
# every daemon of the tests has, and the log file LOG.
_write_rsyncd_conf() {
	local m
	cat >"$1" <<EOF
# rsyncd.conf of the end-to-end tests
use chroot = no
munge symlinks = no
reverse lookup = no
uid = $ME
gid = $(id -gn)
motd file = $T/rsyncd.motd
log file = $2

[ro]
	comment = read-only source module
	path = $DMN/ro
	read only = yes

[wo]
	comment = write-only module
	path = $DMN/wo
	read only = no
	write only = yes

[rw]
	comment = read-write module
	path = $DMN/rw
	read only = no

[rw2]
	comment = second read-write module
	path = $DMN/rw2
	read only = no

[auth]
	comment = needs a password
	path = $DMN/auth
	read only = no
	auth users = alice
	secrets file = $T/rsyncd.secrets
	strict modes = yes

[refuse]
	comment = refuses --delete and --checksum
	path = $DMN/refuse
	read only = no
	refuse options = delete checksum

[hidden]
	comment = not listed
	path = $DMN/hidden
	read only = yes
	list = no

[early]
	comment = runs an early exec with the client's early input
	path = $DMN/ro
	read only = yes
	early exec = $T/early-exec

[early-in]
	comment = a destination with the same early exec
	path = $DMN/rw
	read only = no
	early exec = $T/early-exec
EOF
	printf '#!/bin/sh\ncat >%q\n' "$T/early-input.got" >"$T/early-exec" &&
		chmod +x "$T/early-exec" || return 1
	for m in ro wo rw rw2 auth refuse hidden; do
		mkdir -p "$DMN/$m" || return 1
	done
}

# start_daemon: the private rsync daemon described at the top; at most
# one a test.  Waits until it accepts connections.
start_daemon() {
	local _attempt port i
	[ -z "$DAEMON_PID" ] || fail "start_daemon: a daemon already runs"
	DMN=$T/daemon
	DAEMON_CONF=$T/rsyncd.conf
	DAEMON_SSH_CONF=$T/rsyncd-ssh.conf
	DAEMON_PW=daemon-secret-42
	DAEMON_RSYNC_PATH="$(command -v "$RSYNC") --config=$DAEMON_SSH_CONF"
	mkdir -p "$DMN" || fail "cannot create $DMN"
	printf 'Welcome to the test daemon.\nSecond line of the MOTD.\n' \
		>"$T/rsyncd.motd" || fail "cannot write the MOTD"
	printf 'alice:%s\nbob:%s\n' "$DAEMON_PW" "$DAEMON_PW" >"$T/rsyncd.secrets" &&
		chmod 600 "$T/rsyncd.secrets" || fail "cannot write the secrets file"
	printf '%s\n' "$DAEMON_PW" >"$T/pw" && chmod 600 "$T/pw" ||
		fail "cannot write the password file"
	_write_rsyncd_conf "$DAEMON_CONF" "$T/rsyncd.log" &&
		_write_rsyncd_conf "$DAEMON_SSH_CONF" "$T/rsyncd-ssh.log" ||
		fail "cannot write the daemon's configuration"
	for _attempt in 1 2 3 4 5 6 7 8 9 10; do
		port=$(_random_port)
		_port_open "$port" && continue
		: >"$T/rsyncd.out"
		"$RSYNC" --daemon --no-detach --config="$DAEMON_CONF" \
			--port="$port" --address=127.0.0.1 </dev/null \
			>>"$T/rsyncd.out" 2>&1 &
		DAEMON_PID=$!
		for i in $(seq 1 50); do
			if ! kill -0 "$DAEMON_PID" 2>/dev/null; then
				wait "$DAEMON_PID" 2>/dev/null
				DAEMON_PID=
				break
			fi
			if _port_open "$port"; then
				DAEMON_PORT=$port
				return 0
			fi
			sleep 0.1
		done
		if [ -n "$DAEMON_PID" ]; then
			kill "$DAEMON_PID" 2>/dev/null
			wait "$DAEMON_PID" 2>/dev/null
			DAEMON_PID=
			break
		fi
		# lost a race for the port: another one
		grep -qi 'address already in use' "$T/rsyncd.out" "$T/rsyncd.log" \
			2>/dev/null || break
	done
	fail "could not start rsync --daemon$(printf '\n')$(cat "$T/rsyncd.out" "$T/rsyncd.log" 2>/dev/null)"
}

_setup
