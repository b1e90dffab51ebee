#!/usr/bin/env python3
"""Loader speed against CPython 3.10's marshal.loads, in one run.

    python3 benches/compare_unmarshal.py

Runs the criterion benchmark `unmarshal` (pyvm) and then times CPython 3.10's
`marshal.loads` on the very same bytes (benches/data/big_module.pyc minus its
16-byte header) with timeit, and prints both with their ratio.
"""

import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from pythons import find_python  # noqa: E402

TIMER = r"""
import marshal, sys, timeit
data = open(sys.argv[1], "rb").read()[16:]
t = timeit.Timer(lambda: marshal.loads(data))
n, _ = t.autorange()
best = min(t.repeat(repeat=15, number=n)) / n
print(best)
"""


def criterion_estimate(name):
    path = os.path.join(ROOT, "target", "criterion", "loader", name, "new", "estimates.json")
    with open(path) as f:
        est = json.load(f)
    # Median is robust to the noise of a shared 2-core machine.
    return est["median"]["point_estimate"] / 1e9


def main():
    subprocess.run(["cargo", "bench", "--bench", "unmarshal", "--", "--noplot"], cwd=ROOT, check=True)
    pyc = os.path.join(HERE, "data", "big_module.pyc")
    py310 = find_python("3.10")
    cpython = float(subprocess.run([py310, "-c", TIMER, pyc], capture_output=True, text=True,
                                   check=True).stdout)
    unmarshal = criterion_estimate("unmarshal")
    full = criterion_estimate("load_and_decode")
    size = os.path.getsize(pyc)
    print()
    print(f"input: {size} bytes ({os.path.relpath(pyc, ROOT)})")
    print(f"{'':28} {'time':>10} {'vs CPython':>10}")
    print(f"{'CPython 3.10 marshal.loads':28} {cpython * 1e3:8.2f}ms {1.0:10.2f}")
    print(f"{'pyvm unmarshal':28} {unmarshal * 1e3:8.2f}ms {unmarshal / cpython:10.2f}")
    print(f"{'pyvm unmarshal + decode':28} {full * 1e3:8.2f}ms {full / cpython:10.2f}")


if __name__ == "__main__":
    main()
