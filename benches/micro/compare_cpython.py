#!/usr/bin/env python3
"""Time the micro-benchmark cases under CPython 3.10 and compare with pyvm.

    python3 benches/micro/compare_cpython.py [--repeat R] [CASE ...]

For each benches/micro/NAME.pyc (the same bytecode pyvm runs in
benches/eval_hot_paths.rs) this runs the module, then times its `bench()` and
`baseline()` with timeit (R repeats of 0.1-0.2 s each) and prints
per-iteration times: `bench` / N, and net = (bench - baseline) / N, the cost
of the loop body alone. Times are medians; the last column compares the
fastest run of each VM instead, which is steadier on a busy machine.

If `cargo bench --bench eval_hot_paths` has been run, criterion's medians and
samples are read from target/criterion (or $CARGO_TARGET_DIR/criterion), and
pyvm's times and the ratios pyvm / CPython are printed beside them. pyvm's baseline is
measured once (dispatch/baseline): the empty loop is the same in every case
(twice over in generator_resume, whose baseline has two loops).

The output is a Markdown table. Runs itself under CPython 3.10 (found as
scripts/pythons.py describes) when started by another Python.
"""

import argparse
import json
import os
import statistics
import sys
import timeit

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# The order of benches/eval_hot_paths.rs.
CASES = [
    "dispatch",
    "call_positional",
    "call_keyword",
    "call_method",
    "attribute_load",
    "attribute_store",
    "global_load",
    "dict_get_set",
    "int_arith",
    "float_arith",
    "str_concat",
    "str_format",
    "generator_resume",
]
# How many empty `for i in range(N)` loops each case's baseline() runs.
LOOPS = {"generator_resume": 2}


def ensure_310():
    if sys.version_info[:2] == (3, 10):
        return
    sys.path.insert(0, os.path.join(ROOT, "scripts"))
    from pythons import find_python

    py310 = find_python("3.10")
    os.execv(py310, [py310, os.path.abspath(__file__)] + sys.argv[1:])


def load(name):
    import marshal

    with open(os.path.join(HERE, name + ".pyc"), "rb") as f:
        code = marshal.loads(f.read()[16:])
    namespace = {"__name__": "__main__", "__builtins__": __builtins__}
    exec(code, namespace)
    return namespace


def time_call(func, repeat):
    """(median, best) seconds per call of func(), over `repeat` runs of 0.1-0.2 s."""
    timer = timeit.Timer(func)
    number, _ = timer.autorange()  # calls per run, so that a run takes >= 0.2 s
    number = max(1, number // 2)
    runs = [t / number for t in timer.repeat(repeat=repeat, number=number)]
    return statistics.median(runs), min(runs)


def criterion_times(case, function):
    """pyvm's (median, best) seconds per call from criterion's saved results, or None."""
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(ROOT, "target")
    base = os.path.join(target, "criterion", case, function, "new")
    try:
        with open(os.path.join(base, "estimates.json")) as f:
            median = json.load(f)["median"]["point_estimate"] * 1e-9
        with open(os.path.join(base, "sample.json")) as f:
            sample = json.load(f)
        best = min(t / n for t, n in zip(sample["times"], sample["iters"])) * 1e-9
    except (OSError, KeyError, ValueError):
        return None
    return median, best


def main():
    ensure_310()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=10, help="timeit repeats per function (default 10)")
    ap.add_argument("cases", nargs="*", default=CASES)
    args = ap.parse_args()

    vm_loop = criterion_times("dispatch", "baseline")
    print(f"CPython {sys.version.split()[0]}; ns per loop iteration, medians (best-of ratio: fastest run each)")
    print()
    print("| case | CPython | pyvm | pyvm / CPython | CPython net | pyvm net | net ratio | best-of ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    rows = list(args.cases) + (["(empty loop)"] if vm_loop else [])
    for name in rows:
        if name == "(empty loop)":
            ns = load("dispatch")
            funcs, vm = [ns["baseline"]], vm_loop
        else:
            ns = load(name)
            funcs, vm = [ns["bench"], ns["baseline"]], criterion_times(name, "bench")
        n = ns["N"]
        cp, cp_best = (t / n for t in time_call(funcs[0], args.repeat))
        cells = [name, f"{cp * 1e9:.1f}"]
        cells += [""] * 6
        if vm is not None:
            vm_med, vm_best = (t / n for t in vm)
            cells[2:4] = [f"{vm_med * 1e9:.1f}", f"{vm_med / cp:.2f}"]
            cells[7] = f"{vm_best / cp_best:.2f}"
        if len(funcs) > 1:
            cp_net = cp - time_call(funcs[1], args.repeat)[0] / n
            cells[4] = f"{cp_net * 1e9:.1f}"
            if vm is not None and vm_loop is not None:
                vm_net = vm_med - LOOPS.get(name, 1) * vm_loop[0] / n
                cells[5] = f"{vm_net * 1e9:.1f}"
                cells[6] = f"{vm_net / cp_net:.2f}" if cp_net > 0 else ""
        print("| " + " | ".join(cells) + " |")
        sys.stdout.flush()

if __name__ == "__main__":
    main()
