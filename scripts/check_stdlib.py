#!/usr/bin/env python3
"""Load and disassemble every .pyc of CPython 3.10's own standard library with
pyvm, and compare `pyvm dis` with CPython's `dis.dis()` on each one.

    cargo build --release
    python3 scripts/check_stdlib.py [--pyvm target/release/pyvm] [--limit N]

The stdlib's __pycache__ files are written when CPython 3.10 is installed
(compileall), including the opt-1/opt-2 variants and the test suite. Prints one
line per mismatch or load failure and a summary; exits 1 if any file failed.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pythons import find_python  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Runs under CPython 3.10: list the stdlib's pycs and write dis output for each.
WORKER = r'''
import dis, io, marshal, os, sys, sysconfig
stdlib = sysconfig.get_paths()["stdlib"]
out_dir = sys.argv[1]
limit = int(sys.argv[2])
paths = []
for d, _, files in os.walk(stdlib):
    for f in files:
        if f.endswith(".pyc") and ".cpython-310" in f:
            paths.append(os.path.join(d, f))
paths.sort()
if limit:
    paths = paths[:limit]
for i, p in enumerate(paths):
    data = open(p, "rb").read()
    buf = io.StringIO()
    try:
        dis.dis(marshal.loads(data[16:]), file=buf)
        text = buf.getvalue()
    except Exception as e:  # e.g. ints too large to repr
        text = "CPYTHON-ERROR %s\n" % type(e).__name__
    with open(os.path.join(out_dir, "%05d.dis" % i), "w", encoding="utf-8", errors="surrogatepass") as f:
        f.write(text)
    print(p)
'''


def normalize(text):
    return re.sub(r" at 0x[0-9a-f]+", " at 0xADDR", text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pyvm", default=os.path.join(ROOT, "target", "release", "pyvm"))
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    py310 = find_python("3.10")
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8")
    failures = 0
    skipped = 0
    with tempfile.TemporaryDirectory() as tmp:
        listing = subprocess.run(
            [py310, "-c", WORKER, tmp, str(args.limit)],
            env=env, capture_output=True, text=True, check=True,
        ).stdout.splitlines()
        for i, path in enumerate(listing):
            with open(os.path.join(tmp, "%05d.dis" % i), encoding="utf-8", errors="surrogatepass") as f:
                expected = f.read()
            run = subprocess.run([args.pyvm, "dis", path], capture_output=True)
            if run.returncode != 0:
                print(f"LOAD FAILED {path}: {run.stderr.decode(errors='replace').strip()}")
                failures += 1
                continue
            if expected.startswith("CPYTHON-ERROR"):
                skipped += 1
                continue
            actual = run.stdout.decode("utf-8", errors="surrogatepass")
            if normalize(actual) != normalize(expected):
                e_lines, a_lines = normalize(expected).splitlines(), normalize(actual).splitlines()
                where = next((n for n, (x, y) in enumerate(zip(e_lines, a_lines)) if x != y), None)
                if where is None:
                    detail = f"line counts {len(e_lines)} vs {len(a_lines)}"
                else:
                    detail = f"line {where + 1}: expected {e_lines[where]!r} got {a_lines[where]!r}"
                print(f"DIS MISMATCH {path}: {detail}")
                failures += 1
    total = len(listing)
    print(f"{total} stdlib .pyc files: {total - failures} loaded and disassembled identically"
          f" ({skipped} of them CPython itself cannot disassemble), {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
