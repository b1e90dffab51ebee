#!/usr/bin/env python3
"""Does the instruction tracer cost anything when it is off?

    python3 benches/tracing_overhead.py [--runs 5] [NAME ...]

Builds pyvm twice: as shipped (feature `trace`: the traced copy of the eval
loop, `--trace`, `PYVM_LOG`) and with `--no-default-features` (no tracing code
at all, in target/notrace/). Then runs the whole-program benchmarks under
CPython 3.10 and both builds, alternating, and prints each build's ratio to
CPython and the traced/untraced ratio. The claim holds when that last column
is 1.00 within run-to-run noise (a few percent on these machines).
"""

import argparse
import math
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from pythons import find_python  # noqa: E402
from run_benchmarks import PROGRAMS, compile_all, run_with_rss  # noqa: E402


def build():
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--no-default-features",
         "--target-dir", os.path.join(ROOT, "target", "notrace")],
        cwd=ROOT, check=True,
    )
    return (os.path.join(ROOT, "target", "release", "pyvm"),
            os.path.join(ROOT, "target", "notrace", "release", "pyvm"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()
    traced, untraced = build()
    py310 = find_python("3.10")
    sources = sorted(
        os.path.join(PROGRAMS, f) for f in os.listdir(PROGRAMS)
        if f.endswith(".py") and (not args.names or f[:-3] in args.names)
    )
    os.environ["PYTHONHASHSEED"] = "0"
    print(f"{'benchmark':22} {'CPython s':>10} {'traced':>8} {'untraced':>9} {'traced/untraced':>16}")
    logs = []
    for name, pyc in compile_all(py310, sources).items():
        best = {}
        for _ in range(args.runs):
            for who, cmd in (("cpython", [py310, pyc]), ("traced", [traced, pyc]), ("untraced", [untraced, pyc])):
                best[who] = min(best.get(who, math.inf), run_with_rss(cmd)[0])
        rt, ru = best["traced"] / best["cpython"], best["untraced"] / best["cpython"]
        logs.append(math.log(rt / ru))
        print(f"{name:22} {best['cpython']:10.3f} {rt:8.2f} {ru:9.2f} {rt / ru:16.3f}")
    if logs:
        print(f"{'geometric mean':22} {'':10} {'':8} {'':9} {math.exp(sum(logs) / len(logs)):16.3f}")
    print(f"(ratios are pyvm / CPython 3.10, best of {args.runs} alternating runs)")


if __name__ == "__main__":
    main()
