"""Times marshal.loads on benches/data/big_module.pyc (minus its 16-byte
header): run by benches/run_benchmarks.py under CPython 3.10 and under pyvm,
on the same .pyc of this script. Prints the best time of a few rounds, in
seconds, and the number of objects in the loaded code's constants as a check."""
import marshal
import sys
import time


def main():
    with open(sys.argv[1], "rb") as f:
        data = f.read()[16:]
    best = None
    for _ in range(15):
        start = time.perf_counter()
        code = marshal.loads(data)
        elapsed = time.perf_counter() - start
        if best is None or elapsed < best:
            best = elapsed
    print(best, len(code.co_consts))


main()
