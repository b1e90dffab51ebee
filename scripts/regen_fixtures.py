#!/usr/bin/env python3
"""Regenerate the committed test fixtures from their .py sources with CPython 3.10.

    python3 scripts/regen_fixtures.py            # every fixture directory
    python3 scripts/regen_fixtures.py run        # only the given kinds
    python3 scripts/regen_fixtures.py --check    # only report stale fixtures
    python3 scripts/regen_fixtures.py --only '58*' run   # only matching files

For each tests/fixtures/<kind>/NAME.py this writes NAME.pyc (a checked-hash pyc:
its header carries the SipHash of the source, so `cargo test` can tell when the
.py changed without CPython) and CPython's reference output:

  dis/   NAME.dis       dis.dis() of the module code object, or, when that text
                        is larger than 256 KiB, NAME.dis.hash with a fingerprint
                        of it (see tests/dis_conformance.rs).
  run/   NAME.stdout    what `python3.10 tests/fixtures/run/NAME.pyc` writes to
         NAME.stderr    stdout and stderr (exact bytes) and its exit status
         NAME.exit      (decimal, newline-terminated), run as a user would: cwd =
                        repository root, stdin from /dev/null, 60 s time limit.

The shipped examples/*.py are compiled and run the same way (kind `examples`).
Kind `cli` (programs for tests/cli.rs: the tracer, the import log, Ctrl-C) is
only compiled, and so is kind `micro`: the micro-benchmark programs in
benches/micro/ that benches/eval_hot_paths.rs runs (the scripts there,
compare_cpython.py and callgrind_counts.py, are not cases and are skipped).

Kind `repl`: tests/fixtures/repl/entries.txt lists what the REPL test types
(entries separated by `----` lines); each is sent, line by line as the REPL
sends it, to pyvm's own compile server (src/repl/compile_server.py) running
under CPython 3.10, and the replies are recorded in compiled.bin, so that
tests/repl.rs can stand in for the compiler on a machine without CPython.

co_filename is the fixture's path relative to the repository root, so nothing
machine-specific lands in the files. A source whose first line is
`# pyvm-fixture: mode=single` is compiled in interactive ('single') mode.

CPython 3.10 is found as described in scripts/pythons.py (PYVM_PYTHON310 overrides).
The reference output is produced with PYTHONHASHSEED=0, which pyvm's hashing
reproduces, so frozenset reprs print in the same order, and (for `run`) with
PYTHONIOENCODING=utf-8. A fixture's old outputs are removed before it is
regenerated, so a failed run never leaves stale reference files behind.
"""

import argparse
import fnmatch
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pythons import find_python  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "tests", "fixtures")
BIG_OUTPUT = 256 * 1024
RUN_TIMEOUT = 60  # seconds, per `run` fixture
RUN_OUTPUTS = (".stdout", ".stderr", ".exit")
DEFAULT_KINDS = ["dis", "examples", "run", "imports", "pylib", "repl", "cli", "micro"]

# Runs under CPython 3.10: compile one fixture and write its .pyc and outputs.
WORKER = r'''
import dis, importlib.util, io, marshal, re, sys
from importlib._bootstrap_external import _code_to_hash_pyc

kind, src_path, rel_path, big = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
base = src_path[:-3]
source = open(src_path, "rb").read()
mode = "single" if source.startswith(b"# pyvm-fixture: mode=single") else "exec"
code = compile(source, rel_path, mode, dont_inherit=True)
pyc = _code_to_hash_pyc(code, importlib.util.source_hash(source), checked=True)
with open(base + ".pyc", "wb") as f:
    f.write(pyc)

if kind == "dis":
    out = io.StringIO()
    dis.dis(marshal.loads(pyc[16:]), file=out)
    text = out.getvalue()
    for stale in (base + ".dis", base + ".dis.hash"):
        try:
            import os; os.remove(stale)
        except FileNotFoundError:
            pass
    if len(text.encode()) > big:
        norm = re.sub(r" at 0x[0-9a-f]+", " at 0xADDR", text).encode()
        # hash(bytes) under PYTHONHASHSEED=0 is SipHash-2-4 with a zero key,
        # which the Rust test recomputes with pyvm_loader::hash::hash_bytes.
        with open(base + ".dis.hash", "w") as f:
            f.write("%016x %d\n" % (hash(norm) & (2**64 - 1), len(norm)))
    else:
        with open(base + ".dis", "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
'''


MICRO_SKIP = {"compare_cpython.py", "callgrind_counts.py"}  # benches/micro scripts, not cases


def fixture_sources(kind):
    # `examples` are the shipped example programs at the top of the repo;
    # `micro` the micro-benchmark programs in benches/micro.
    if kind == "examples":
        d = os.path.join(ROOT, "examples")
    elif kind == "micro":
        d = os.path.join(ROOT, "benches", "micro")
    else:
        d = os.path.join(FIXTURES, kind)
    if not os.path.isdir(d):
        return []
    skip = MICRO_SKIP if kind == "micro" else set()
    return sorted(os.path.join(d, n) for n in os.listdir(d) if n.endswith(".py") and n not in skip)


def remove_run_outputs(src):
    for ext in RUN_OUTPUTS:
        try:
            os.remove(src[:-3] + ext)
        except FileNotFoundError:
            pass


def run_fixture(py310, src, env):
    """Run the freshly compiled NAME.pyc like a user would; write NAME.stdout/.stderr/.exit."""
    base = src[:-3]
    rel_pyc = os.path.relpath(base + ".pyc", ROOT)
    try:
        proc = subprocess.run(
            [py310, rel_pyc],
            env=env,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            timeout=RUN_TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        sys.exit(f"error: {rel_pyc} did not finish within {RUN_TIMEOUT} s")
    with open(base + ".stdout", "wb") as f:
        f.write(proc.stdout)
    with open(base + ".stderr", "wb") as f:
        f.write(proc.stderr)
    with open(base + ".exit", "w", newline="\n") as f:
        f.write(f"{proc.returncode}\n")
    return proc.returncode


def is_stale(py310, src, kind):
    pyc = src[:-3] + ".pyc"
    if not os.path.exists(pyc):
        return True
    if kind in ("run", "examples") and not all(os.path.exists(src[:-3] + ext) for ext in RUN_OUTPUTS):
        return True
    check = (
        "import importlib.util,sys;"
        "s=open(sys.argv[1],'rb').read();p=open(sys.argv[2],'rb').read();"
        "sys.exit(0 if p[8:16]==importlib.util.source_hash(s) else 1)"
    )
    return subprocess.run([py310, "-I", "-c", check, src, pyc]).returncode != 0


# Compile every module of a multi-module tree: `main.py` (an `imports` case)
# to main.pyc beside it, files under `zipsrc/` to NAME.pyc beside them (to be
# zipped), everything else to __pycache__/NAME.cpython-310.pyc, all checked-hash
# pycs whose co_filename is the path relative to the repository root.
COMPILE_TREE = r'''
import importlib.util, os, sys
from importlib._bootstrap_external import _code_to_hash_pyc
top, root = sys.argv[1], sys.argv[2]
for d, dirs, files in os.walk(top):
    dirs[:] = sorted(x for x in dirs if x != "__pycache__")
    for f in sorted(files):
        if not f.endswith(".py"):
            continue
        src = os.path.join(d, f)
        source = open(src, "rb").read()
        code = compile(source, os.path.relpath(src, root), "exec", dont_inherit=True)
        pyc = _code_to_hash_pyc(code, importlib.util.source_hash(source), checked=True)
        rel = os.path.relpath(src, top).split(os.sep)
        if rel == ["main.py"] or "zipsrc" in rel:
            out = src[:-3] + ".pyc"
        else:
            os.makedirs(os.path.join(d, "__pycache__"), exist_ok=True)
            out = os.path.join(d, "__pycache__", f[:-3] + ".cpython-310.pyc")
        with open(out, "wb") as fh:
            fh.write(pyc)
'''


def regen_tree(py310, env, top):
    subprocess.run([py310, "-c", COMPILE_TREE, top, ROOT], env=env, cwd=ROOT, check=True)


def regen_import_case(py310, env, case_dir):
    """An `imports` case: main.py plus modules, packages and (from zipsrc/)
    an app.zip that is put on PYTHONPATH / PYVMPATH."""
    import zipfile

    regen_tree(py310, env, case_dir)
    zipsrc = os.path.join(case_dir, "zipsrc")
    run_env = dict(env)
    if os.path.isdir(zipsrc):
        archive = os.path.join(case_dir, "app.zip")
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
            for d, dirs, files in os.walk(zipsrc):
                dirs.sort()
                for f in sorted(files):
                    if f.endswith(".pyc"):
                        full = os.path.join(d, f)
                        info = zipfile.ZipInfo(os.path.relpath(full, zipsrc), (2020, 1, 1, 0, 0, 0))
                        info.compress_type = zipfile.ZIP_DEFLATED
                        z.writestr(info, open(full, "rb").read())
        run_env["PYTHONPATH"] = os.path.relpath(archive, ROOT)
    main = os.path.join(case_dir, "main.py")
    remove_run_outputs(main)
    status = run_fixture(py310, main, run_env)
    print(f"regenerated {os.path.relpath(case_dir, ROOT)} (exit {status})")


def regen_repl(py310, env):
    """Record the compile server's replies to the REPL test's entries.

    compiled.bin: u32 length + entries.txt and u32 length + program.py (to
    detect staleness), the server's handshake frame, then per request: the
    request tag (C: an entry, X: program.py compiled whole), u32 length +
    source, reply frame (tag byte, u32 length, payload). Integers are
    little-endian."""
    import struct

    base = os.path.join(FIXTURES, "repl")
    entries_text = open(os.path.join(base, "entries.txt"), "rb").read()
    entries = entries_text.split(b"\n----\n")
    server = open(os.path.join(ROOT, "src", "repl", "compile_server.py")).read()
    proc = subprocess.Popen([py310, "-I", "-S", "-c", server], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)

    def read_frame():
        head = proc.stdout.read(5)
        return head + proc.stdout.read(struct.unpack("<I", head[1:])[0])

    program = open(os.path.join(base, "program.py"), "rb").read()
    out = [struct.pack("<I", len(entries_text)), entries_text,
           struct.pack("<I", len(program)), program, read_frame()]

    def request(kind, source):
        proc.stdin.write(kind + struct.pack("<I", len(source)) + source)
        proc.stdin.flush()
        reply = read_frame()
        out.extend([kind, struct.pack("<I", len(source)), source, reply])
        return reply

    for entry in entries:
        lines = entry.split(b"\n")
        for i in range(1, len(lines) + 1):
            if request(b"C", b"\n".join(lines[:i]))[:1] != b"I":
                break
    request(b"X", program)
    proc.stdin.close()
    proc.wait()
    with open(os.path.join(base, "compiled.bin"), "wb") as fh:
        fh.write(b"".join(out))
    print(f"regenerated tests/fixtures/repl/compiled.bin ({len(entries)} entries)")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only list stale fixtures")
    ap.add_argument("--only", metavar="GLOB", help="only fixtures whose file name matches GLOB (e.g. '6*_match_*')")
    ap.add_argument("kinds", nargs="*", default=DEFAULT_KINDS)
    args = ap.parse_args()
    py310 = find_python("3.10")
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8")
    stale = 0
    for kind in args.kinds:
        if kind == "pylib":
            if not args.check:
                regen_tree(py310, env, os.path.join(ROOT, "pylib"))
                print("compiled pylib/")
            continue
        if kind == "repl":
            if not args.check:
                regen_repl(py310, env)
            continue
        if kind == "imports":
            base = os.path.join(FIXTURES, "imports")
            for case in sorted(os.listdir(base)) if os.path.isdir(base) else []:
                if args.only and not fnmatch.fnmatch(case, args.only):
                    continue
                if not args.check:
                    regen_import_case(py310, env, os.path.join(base, case))
            continue
        for src in fixture_sources(kind):
            if args.only and not fnmatch.fnmatch(os.path.basename(src), args.only):
                continue
            rel = os.path.relpath(src, ROOT)
            if args.check:
                if is_stale(py310, src, kind):
                    print(f"stale: {rel}")
                    stale += 1
                continue
            if kind in ("run", "examples"):
                remove_run_outputs(src)
            subprocess.run(
                [py310, "-c", WORKER, kind, src, rel, str(BIG_OUTPUT)],
                env=env,
                cwd=ROOT,
                check=True,
            )
            if kind in ("run", "examples"):
                status = run_fixture(py310, src, env)
                print(f"regenerated {rel} (exit {status})")
            else:
                print(f"regenerated {rel}")
    if args.check and stale:
        sys.exit(1)


if __name__ == "__main__":
    main()
