#!/usr/bin/env python3
"""Instructions per loop iteration of each micro-benchmark case, pyvm vs CPython 3.10.

    python3 benches/micro/callgrind_counts.py [--pyvm PATH] [CASE ...]

Wall times on a shared machine move by tens of percent with the load;
instruction counts (valgrind's callgrind, `I refs`) do not. For each case this
compiles, with CPython 3.10, the case's source followed by K calls of
`bench()` (or `baseline()`), runs that one .pyc under both VMs for K = 1 and
K = 4, and reports (count(4) - count(1)) / (3 * N): the cost of one iteration
with start-up and first-call work cancelled out. Net is bench minus baseline.
Needs valgrind; pyvm defaults to target/release/pyvm. Prints a Markdown table.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
sys.path.insert(0, HERE)
from compare_cpython import CASES  # noqa: E402
from pythons import find_python  # noqa: E402

COMPILE = r"""
import py_compile, sys
py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)
"""


def instructions(argv):
    proc = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + argv,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    return int(re.search(r"I\s+refs:\s+([\d,]+)", proc.stderr).group(1).replace(",", ""))


def per_iteration(py310, vms, tmp, name, func):
    """{vm: instructions per iteration of `func` in case `name`}."""
    source = open(os.path.join(HERE, name + ".py")).read()
    n = int(re.search(r"^N = (\d+)$", source, re.M).group(1))
    counts = {}
    for k in (1, 4):
        src = os.path.join(tmp, f"{name}_{func}_{k}.py")
        with open(src, "w") as f:
            f.write(f"{source}\n\nfor _ in range({k}):\n    {func}()\n")
        pyc = src + "c"
        subprocess.run([py310, "-c", COMPILE, src, pyc], check=True)
        for vm, argv in vms.items():
            counts[vm, k] = instructions(argv + [pyc])
    return {vm: (counts[vm, 4] - counts[vm, 1]) / (3 * n) for vm in vms}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pyvm", default=os.path.join(ROOT, "target", "release", "pyvm"))
    ap.add_argument("cases", nargs="*", default=CASES)
    args = ap.parse_args()
    py310 = find_python("3.10")
    vms = {"cpython": [py310, "-S", "-I"], "pyvm": [args.pyvm]}
    print("Instructions per loop iteration (callgrind)")
    print()
    print("| case | CPython | pyvm | pyvm / CPython | CPython net | pyvm net | net ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.cases:
            bench = per_iteration(py310, vms, tmp, name, "bench")
            base = per_iteration(py310, vms, tmp, name, "baseline")
            cp, vm = bench["cpython"], bench["pyvm"]
            cp_net, vm_net = cp - base["cpython"], vm - base["pyvm"]
            print(
                f"| {name} | {cp:.0f} | {vm:.0f} | {vm / cp:.2f} "
                f"| {cp_net:.0f} | {vm_net:.0f} | {vm_net / cp_net:.2f} |"
            )
            sys.stdout.flush()


if __name__ == "__main__":
    main()
