#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, from real transfers.

Runs the local rsync (RSYNC, default "rsync") between two directories of
a fresh temporary tree, with a remote shell that starts the "remote"
server locally and keeps a copy of everything the server writes.  Pulls
record a sender, pushes a receiver.  Each recording is then cut into
what the targets read (see README for the option bytes in front):

  handshake   a sender's and a receiver's bytes up to and including the
              seed, with a few bytes of the stream after them
  mux         a server's bytes after the handshake (multiplexed frames)
  flist       the sender's data from its first file list on (cut short)
  sendstream  the sender's whole data
  genstream   the sender's data of a pull, then the generator's data
              (what the receiver of the same transfer as a push writes)

Usage: make-corpus.py OUTDIR
(writes OUTDIR/{handshake,mux,flist,sendstream,genstream})
Needs root for the device file and the ownership, setfattr and setfacl
for -X and -A.
"""

import os
import random
import shutil
import struct
import subprocess
import sys
import tempfile

RSYNC = os.environ.get("RSYNC", "rsync")

CF_INC_RECURSE = 1 << 0
CF_SAFE_FLIST = 1 << 3
CF_AVOID_XATTR_OPTIM = 1 << 4
CF_VARINT_FLIST_FLAGS = 1 << 7
CF_ID0_NAMES = 1 << 8

SUM_LENS = {16: 0, 8: 1, 20: 2, 1: 3}   # fuzz.h fuzz_sum_lens
HS_SUMS = [None, "md5", "md4", "xxh128", "xxh3,md5", "none", "sha1,bogus", "bogus"]
HS_ZIPS = [None, "zlib", "none", "zstd"]

# The remote shell: "HOST COMMAND..." runs COMMAND here, its output copied.
WRAPPER = """#!/bin/sh
shift
case " $* " in
*" --sender "*) role=sender ;;
*) role=receiver ;;
esac
sh -c "$*" | tee "$CAPTURE.$role"
"""


def u32(b, i):
    return struct.unpack_from("<I", b, i)[0]


def varint(b, i):
    """rsync's varint: the first byte's high one bits count the bytes after it."""
    first = b[i]
    extra = 0
    while extra < 6 and first & (0x80 >> extra):
        extra += 1
    raw = bytearray(b[i + 1:i + 1 + extra]) + bytes(5)
    if extra:
        raw[extra] = first & ((1 << (8 - extra)) - 1)
    else:
        raw[0] = first
    return struct.unpack_from("<i", bytes(raw), 0)[0], i + 1 + extra


def skip_vstring(b, i):
    n = b[i]
    if n & 0x80:
        return i + 2 + ((n & 0x7F) << 8 | b[i + 1])
    return i + 1 + n


def split_handshake(out, compress, sum_choice, zip_choice):
    """Protocol, compat flags and the handshake's length in a server's output
    (the client speaks protocol 32)."""
    proto = min(u32(out, 0), 32)
    i, compat = 4, 0
    if proto >= 30:
        compat, i = varint(out, i)
    if compat & CF_VARINT_FLIST_FLAGS:
        if not sum_choice:
            i = skip_vstring(out, i)
        if compress and not zip_choice:
            i = skip_vstring(out, i)
    return proto, compat, i + 4


def demux_data(b):
    """The payload of the MSG_DATA frames."""
    data, i = bytearray(), 0
    while i + 4 <= len(b):
        h = u32(b, i)
        n = h & 0xFFFFFF
        if h >> 24 == 7:
            data += b[i + 4:i + 4 + n]
        i += 4 + n
    return bytes(data)


def flist_opt_bytes(proto, compat, f):
    b0 = (proto - 29) & 3
    b0 |= 4 if compat & CF_VARINT_FLIST_FLAGS else 0
    b0 |= 8 if compat & CF_SAFE_FLIST else 0
    b0 |= 16 if compat & CF_ID0_NAMES else 0
    b0 |= 32 if compat & CF_INC_RECURSE else 0
    b0 |= 64 if "numeric" in f else 0
    b0 |= 128 if "R" in f else 0
    a = "a" in f
    b1 = (1 if a else 0) | (2 if a else 0) | (4 if a else 0) | (8 if a else 0)
    b1 |= 16 if a else 0
    b1 |= 32 if "H" in f else 0
    b1 |= 64 if "c" in f else 0
    b1 |= 128 if "U" in f else 0
    b2 = (2 if "A" in f else 0) | (4 if "X" in f else 0)
    b2 |= 8 if "missing" in f else 0
    b2 |= 16 if "iconv" in f else 0
    b2 |= SUM_LENS[f.get("sum", 16)] << 5
    return bytes([b0, b1, b2])


def ss_opt_bytes(proto, compat, f):
    b3 = 0 if "n" in f else 1
    b3 |= 2 if "z" in f else 0
    b3 |= SUM_LENS[f.get("sum", 16)] << 2
    if proto >= 31 and not compat & CF_AVOID_XATTR_OPTIM:
        b3 |= 32
    return flist_opt_bytes(proto, compat, f) + bytes([b3])


def make_tree(root):
    rnd = random.Random(5)
    src = os.path.join(root, "src")
    os.makedirs(os.path.join(src, "sub", "deeper"))
    os.makedirs(os.path.join(src, "emptydir"))

    def put(name, data):
        with open(os.path.join(src, name), "wb") as fh:
            fh.write(data)

    put("hello.txt", b"hello\n")
    put("big.bin", bytes(rnd.getrandbits(8) for _ in range(8000)))
    put("text.txt", b"".join(b"line %d of some text\n" % i for i in range(300)))
    put("sub/nested.txt", b"nested\n")
    put("sub/deeper/x", b"x" * 900)
    put("n" * 200 + "-long-name", b"long\n")
    put("caf\u00e9.txt", b"utf-8 name\n")
    put("hard1", b"linked\n")
    os.link(os.path.join(src, "hard1"), os.path.join(src, "hard2"))
    os.link(os.path.join(src, "hard1"), os.path.join(src, "sub", "hard3"))
    os.symlink("hello.txt", os.path.join(src, "link"))
    os.symlink("nowhere", os.path.join(src, "dangling"))
    os.mkfifo(os.path.join(src, "fifo"))
    try:
        os.mknod(os.path.join(src, "cdev"), 0o20644, os.makedev(1, 3))
    except OSError:
        pass
    xfile = os.path.join(src, "hello.txt")
    subprocess.call(["setfattr", "-n", "user.short", "-v", "v1", xfile])
    subprocess.call(["setfattr", "-n", "user.long", "-v", "L" * 80, xfile])
    subprocess.call(["setfacl", "-m", "u:nobody:r", os.path.join(src, "text.txt")])
    subprocess.call(["setfacl", "-d", "-m", "g:nogroup:rx", os.path.join(src, "sub")])
    for dirpath, dirnames, filenames in os.walk(src):
        for n in dirnames + filenames:
            os.utime(os.path.join(dirpath, n), (1700000000, 1700000000), follow_symlinks=False)
    return src


def old_dest(root, src, name):
    """A destination with older versions of some files, and files to delete."""
    dst = os.path.join(root, name)
    subprocess.check_call(["cp", "-a", src, dst])
    with open(os.path.join(dst, "big.bin"), "r+b") as fh:
        for off in (100, 4000, 7500):
            fh.seek(off)
            fh.write(b"CHANGED")
    with open(os.path.join(dst, "text.txt"), "wb") as fh:
        fh.write(b"".join(b"line %d of some text\n" % i for i in range(300) if i % 50))
    os.remove(os.path.join(dst, "hello.txt"))
    with open(os.path.join(dst, "extra.txt"), "wb") as fh:
        fh.write(b"to delete\n")
    os.makedirs(os.path.join(dst, "extradir"))
    return dst


def run(root, wrapper, capture, args):
    for role in ("sender", "receiver"):
        try:
            os.remove(capture + "." + role)
        except FileNotFoundError:
            pass
    env = dict(os.environ, CAPTURE=capture)
    r = subprocess.run([RSYNC, "-e", wrapper] + args, env=env, cwd=root,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if r.returncode not in (0, 23):
        sys.exit("rsync %s failed (%d): %s" % (" ".join(args), r.returncode,
                                                 r.stderr.decode(errors="replace")))


def choice(opts, name):
    """The value of --NAME=VALUE among opts, or None."""
    for o in opts:
        if o.startswith(name + "="):
            return o.split("=", 1)[1]
    return None


def read(path):
    with open(path, "rb") as fh:
        return fh.read()


def write(outdir, target, name, data):
    with open(os.path.join(outdir, target, name), "wb") as fh:
        fh.write(data)


# name, rsync options, server-only options (-M), option flags for the
# targets, destination ("fresh" or "old"), sources (relative to src/)
RUNS = [
    ("a", ["-a"], [], {"a": 1, "mux-receiver": 1}, "fresh", ["./"]),
    ("a-delta-delete", ["-a", "--delete"], [], {"a": 1, "mux-receiver": 1}, "old", ["./"]),
    ("az-delta", ["-az"], [], {"a": 1, "z": 1}, "old", ["./"]),
    ("aH", ["-aH"], [], {"a": 1, "H": 1}, "fresh", ["./"]),
    ("ac-delta", ["-ac"], [], {"a": 1, "c": 1}, "old", ["./"]),
    ("aXA", ["-aXA"], [], {"a": 1, "X": 1, "A": 1}, "old", ["./"]),
    ("a-p29", ["-aH"], ["--protocol=29"], {"a": 1, "H": 1, "mux-receiver": 1}, "old",
     ["./"]),
    ("a-p30", ["-aH"], ["--protocol=30"], {"a": 1, "H": 1}, "old", ["./"]),
    ("az-p31", ["-az"], ["--protocol=31"], {"a": 1, "z": 1}, "old", ["./"]),
    ("az-zlib-md5", ["-az", "--compress-choice=zlib", "--checksum-choice=md5"], [],
     {"a": 1, "z": 1}, "old", ["./"]),
    ("a-noinc-delete", ["-a", "--no-inc-recursive", "--delete"], [], {"a": 1}, "old",
     ["./"]),
    ("aR-numeric", ["-aR", "--numeric-ids"], [], {"a": 1, "R": 1, "numeric": 1}, "fresh",
     ["./sub", "./hello.txt"]),
    ("t-empty-list", ["-t", "--exclude=hello.txt"], [], {}, "fresh", ["hello.txt"]),
    ("an-dry-delete", ["-an", "--delete"], [], {"a": 1, "n": 1, "mux-receiver": 1}, "old",
     ["./"]),
    ("ac-xxh3", ["-ac", "--checksum-choice=xxh3"], [], {"a": 1, "c": 1, "sum": 8}, "old",
     ["./"]),
    ("aU-sha1", ["-aU", "--checksum-choice=sha1"], [], {"a": 1, "U": 1, "sum": 20}, "old",
     ["./"]),
    ("a-iconv", ["-a", "--iconv=utf8,latin1"], [], {"a": 1, "iconv": 1}, "fresh", ["./"]),
    ("a-missing-args", ["-a", "--delete-missing-args"], [], {"a": 1, "missing": 1}, "old",
     ["hello.txt", "gone.txt", "sub"]),
    ("a-io-error", ["-a"], [], {"a": 1, "mux-receiver": 1}, "fresh", ["./", "gone.txt"]),
]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    outdir = sys.argv[1]
    for t in ("handshake", "mux", "flist", "sendstream", "genstream"):
        os.makedirs(os.path.join(outdir, t), exist_ok=True)
    root = tempfile.mkdtemp(prefix="relay-corpus-")
    try:
        wrapper = os.path.join(root, "rsh")
        with open(wrapper, "w") as fh:
            fh.write(WRAPPER)
        os.chmod(wrapper, 0o755)
        capture = os.path.join(root, "cap")
        src = make_tree(root)
        handshakes = set()
        for k, (name, opts, server, flags, dest, srcs) in enumerate(RUNS):
            m = ["-M" + s for s in server]
            sum_choice = choice(opts, "--checksum-choice")
            zip_choice = choice(opts, "--compress-choice")
            compress = "z" in flags
            # a pull records the sender
            dst = old_dest(root, src, "d-" + name) if dest == "old" else \
                os.path.join(root, "d-" + name)
            os.makedirs(dst, exist_ok=True)
            run(root, wrapper, capture,
                opts + m + ["x:" + os.path.join(src, s) for s in srcs] + [dst + "/"])
            out = read(capture + ".sender")
            proto, compat, hs = split_handshake(out, compress, sum_choice, zip_choice)
            data = demux_data(out[hs:])
            chunk = bytes([(k * 37) & 0xFF])
            opts_ss = ss_opt_bytes(proto, compat, flags)
            write(outdir, "sendstream", name, opts_ss + chunk + data)
            if k % 4 == 0:
                # the same with the client's checks on names (fuzz.h b[2])
                trust = opts_ss[:2] + bytes([opts_ss[2] | 0x80]) + opts_ss[3:]
                write(outdir, "sendstream", name + "-trust", trust + chunk + data)
            write(outdir, "flist", name,
                  flist_opt_bytes(proto, compat, flags) + chunk + data[:3000])
            write(outdir, "mux", name + "-sender", bytes([0, chunk[0], k]) + out[hs:hs + 12000])
            # a push records a receiver, for its handshake and its frames
            dst = old_dest(root, src, "p-" + name) if dest == "old" else \
                os.path.join(root, "p-" + name)
            os.makedirs(dst, exist_ok=True)
            run(root, os.path.join(root, "rsh"), capture,
                opts + m + [os.path.join(src, s) for s in srcs] + ["x:" + dst + "/"])
            rout = read(capture + ".receiver")
            _, _, rhs = split_handshake(rout, compress, sum_choice, zip_choice)
            # the pull's sender lists what the push's generator asks for
            sdata = data[:0xFFFF]
            write(outdir, "genstream", name,
                  ss_opt_bytes(proto, compat, flags) + bytes([0]) + chunk +
                  struct.pack("<H", len(sdata)) + sdata + demux_data(rout[rhs:]))
            if "mux-receiver" in flags:   # receivers say much the same
                write(outdir, "mux", name + "-receiver",
                      bytes([0, chunk[0], k]) + rout[rhs:rhs + 4000])
            if sum_choice not in HS_SUMS or zip_choice not in HS_ZIPS:
                continue    # fuzz_handshake.c has no such choice
            wants = (1 if compress else 0) | HS_ZIPS.index(zip_choice) << 1 | \
                HS_SUMS.index(sum_choice) << 3
            a, b = out[:hs + 8], rout[:rhs + 8]
            # most transfers start alike but for the checksum seed
            key = (wants, a[:hs - 4], b[:rhs - 4])
            if key not in handshakes:
                handshakes.add(key)
                write(outdir, "handshake", name,
                      bytes([wants, 0]) + struct.pack("<H", len(a)) + a + b)
    finally:
        shutil.rmtree(root)


if __name__ == "__main__":
    main()
