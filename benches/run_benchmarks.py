#!/usr/bin/env python3
"""Whole-program benchmarks: pyvm against CPython 3.10 on the same .pyc.

    cargo build --release
    python3 benches/run_benchmarks.py [--runs 3] [--pyvm target/release/pyvm] [NAME ...]

Each benches/programs/NAME.py is compiled once with CPython 3.10 (to
benches/programs/__pycache__/, not committed); then the .pyc is run under
`python3.10` and under `pyvm`, alternating, `--runs` times each. Outputs must
be identical (a mismatch is reported and fails the run). The table shows the
best wall time of each, their ratio (pyvm / CPython; below 1 means pyvm is
faster) and the peak RSS of each, then the geometric mean of the ratios.
Start-up is measured the same way on a hello-world program, then the import
of ten library modules, and the unmarshal of a large .pyc (marshal.loads on
benches/data/big_module.pyc, timed inside each runtime).
"""

import argparse
import math
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PROGRAMS = os.path.join(HERE, "programs")
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from pythons import find_python  # noqa: E402

def compile_all(py310, sources):
    out = {}
    for src in sources:
        name = os.path.splitext(os.path.basename(src))[0]
        cfile = os.path.join(PROGRAMS, "__pycache__", name + ".cpython-310.pyc")
        os.makedirs(os.path.dirname(cfile), exist_ok=True)
        code = "import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)"
        subprocess.run([py310, "-c", code, src, cfile], check=True)
        out[name] = cfile
    return out


def run_with_rss(cmd):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # Read output before reaping so wait4 gives this child's own rusage.
    stdout = proc.stdout.read()
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({code}):\n{stderr.decode(errors='replace')}")
    return elapsed, usage.ru_maxrss, stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--pyvm", default=os.path.join(ROOT, "target", "release", "pyvm"))
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()
    py310 = find_python("3.10")
    sources = sorted(
        os.path.join(PROGRAMS, f) for f in os.listdir(PROGRAMS)
        if f.endswith(".py") and (not args.names or f[:-3] in args.names)
    )
    pycs = compile_all(py310, sources)
    env_note = "PYTHONHASHSEED=0"
    os.environ["PYTHONHASHSEED"] = "0"
    rows = []
    failed = False
    for name, pyc in pycs.items():
        best = {"cpython": (math.inf, 0), "pyvm": (math.inf, 0)}
        outputs = {}
        for _ in range(args.runs):
            for who, cmd in (("cpython", [py310, pyc]), ("pyvm", [args.pyvm, pyc])):
                t, rss, out = run_with_rss(cmd)
                outputs[who] = out
                if t < best[who][0]:
                    best[who] = (t, max(rss, best[who][1]))
                else:
                    best[who] = (best[who][0], max(rss, best[who][1]))
        same = outputs["cpython"] == outputs["pyvm"]
        failed |= not same
        ratio = best["pyvm"][0] / best["cpython"][0]
        rows.append((name, best["cpython"], best["pyvm"], ratio, same))

    print(f"{'benchmark':22} {'CPython s':>10} {'pyvm s':>10} {'ratio':>7} {'CPy RSS':>10} {'pyvm RSS':>10}  output")
    for name, c, p, ratio, same in rows:
        print(f"{name:22} {c[0]:10.3f} {p[0]:10.3f} {ratio:7.2f} {c[1]/1024:8.1f}MB {p[1]/1024:8.1f}MB  {'same' if same else 'DIFFERENT'}")
    if rows:
        geo = math.exp(sum(math.log(r[3]) for r in rows) / len(rows))
        print(f"{'geometric mean':22} {'':10} {'':10} {geo:7.2f}")
    # Start-up: a hello-world program.
    hello = os.path.join(ROOT, "benches", "programs", "__pycache__", "hello.cpython-310.pyc")
    src = os.path.join(ROOT, "benches", "hello.py")
    with open(src, "w") as f:
        f.write('print("hello")\n')
    code = "import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)"
    subprocess.run([py310, "-c", code, src, hello], check=True)
    os.remove(src)
    n = 20
    c = min(run_with_rss([py310, "-S", "-I", hello])[0] for _ in range(n))
    p = min(run_with_rss([args.pyvm, hello])[0] for _ in range(n))
    print(f"{'start-up (hello)':22} {c:10.4f} {p:10.4f} {p / c:7.2f}   (python3.10 -S -I vs pyvm, best of {n})")
    # Import time: ten library modules, whole process and net of start-up.
    ten = os.path.join(ROOT, "benches", "programs", "__pycache__", "import_ten.cpython-310.pyc")
    subprocess.run([py310, "-c", code, os.path.join(HERE, "import_ten.py"), ten], check=True)
    c_out = run_with_rss([py310, "-S", "-I", ten])[2]
    p_out = run_with_rss([args.pyvm, ten])[2]
    if c_out != p_out:
        print("import_ten: OUTPUT DIFFERS")
        failed = True
    ci = min(run_with_rss([py310, "-S", "-I", ten])[0] for _ in range(n))
    pi = min(run_with_rss([args.pyvm, ten])[0] for _ in range(n))
    print(f"{'import ten modules':22} {ci:10.4f} {pi:10.4f} {pi / ci:7.2f}   (whole process, best of {n})")
    print(f"{'  net of start-up':22} {ci - c:10.4f} {pi - p:10.4f} {(pi - p) / (ci - c):7.2f}")
    # Unmarshal of a large .pyc: marshal.loads timed inside each runtime.
    timing = os.path.join(ROOT, "benches", "programs", "__pycache__", "unmarshal_timing.cpython-310.pyc")
    subprocess.run([py310, "-c", code, os.path.join(HERE, "unmarshal_timing.py"), timing], check=True)
    big = os.path.join(HERE, "data", "big_module.pyc")
    c_out = run_with_rss([py310, timing, big])[2].split()
    p_out = run_with_rss([args.pyvm, timing, big])[2].split()
    if c_out[1:] != p_out[1:]:
        print("unmarshal: LOADED DIFFERENT CODE")
        failed = True
    cu, pu = float(c_out[0]), float(p_out[0])
    print(f"{'unmarshal big .pyc':22} {cu:10.4f} {pu:10.4f} {pu / cu:7.2f}   (marshal.loads, {os.path.getsize(big)} bytes, best of 15)")
    print(f"({env_note}; best of {args.runs} alternating runs)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
