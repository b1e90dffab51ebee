#!/usr/bin/env python3
"""Write benches/data/big_module.py, a large synthetic module of varied code, and
compile it with CPython 3.10 to benches/data/big_module.pyc (committed, so the
benchmark needs no CPython). Deterministic: same output every run.

    python3 benches/make_big_module.py
"""

import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "scripts"))
from pythons import find_python  # noqa: E402

rng = random.Random(1234)
WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
         "iota", "kappa", "lambda_", "mu", "nu", "xi", "omicron", "pi", "rho"]


def word():
    return rng.choice(WORDS) + str(rng.randrange(100))


def function(i):
    a, b, c = (w + suffix for w, suffix in zip((word(), word(), word()), "abc"))
    return f'''
def func_{i}({a}, {b}=({i}, {rng.random()!r}, "d{i}"), *args, key_{i}=None, **kw):
    """Function number {i}: computes something about {a} and {b}."""
    total = {rng.randrange(-10**6, 10**6)}
    big = {rng.randrange(10**30, 10**40)}
    for {c} in range(len(args)):
        if {c} % {rng.randrange(2, 9)} == 0 and {a} is not None:
            total += {c} * {rng.random()!r}
        elif {c} in {{{rng.randrange(100)}, {rng.randrange(100)}, {rng.randrange(100)}}}:
            total -= big // ({c} + 1)
        else:
            try:
                total ^= hash(({a}, {c}, "{word()}"))
            except (TypeError, ValueError) as exc:
                raise RuntimeError(f"failed at {{{c}!r}}: {{exc}}") from exc
    values = [x * {i} for x in range(10) if x % 3]
    mapping = {{"{word()}": {a}, "{word()}": {b}, "name": "{word()}_{i}", "ratio": {rng.random()!r}}}
    return total, values, mapping, kw.get("{word()}", b"bytes-{i}\\x00\\xff")
'''


def klass(i):
    return f'''
class Class_{i}(object):
    """A class with a few methods ({i})."""
    limit = {rng.randrange(1000)}
    label = "{word()} {word()} {word()}"

    def __init__(self, x, y=0.5):
        self.x = x
        self.y = y
        self.items = []

    def add(self, item):
        if len(self.items) >= self.limit:
            raise OverflowError("class {i} is full")
        self.items.append(item)
        return self

    @property
    def size(self):
        return len(self.items) + self.x * self.y

    def __repr__(self):
        return f"Class_{i}(x={{self.x!r}}, y={{self.y!r}}, n={{len(self.items)}})"
'''


def main():
    parts = ['"""A big generated module for the unmarshal benchmark."""\n',
             "import os\nimport sys\n"]
    for i in range(1200):
        parts.append(function(i))
        if i % 4 == 0:
            parts.append(klass(i))
    parts.append("\nTABLE = {\n" + "".join(
        f"    {rng.randrange(10**9)}: ({rng.random()!r}, '{word()}', {rng.randrange(-99, 99)}),\n"
        for _ in range(2000)) + "}\n")
    src = os.path.join(HERE, "data", "big_module.py")
    with open(src, "w") as f:
        f.write("".join(parts))
    py310 = find_python("3.10")
    code = (
        "import importlib.util, sys\n"
        "from importlib._bootstrap_external import _code_to_hash_pyc\n"
        "src = open(sys.argv[1], 'rb').read()\n"
        "code = compile(src, 'benches/data/big_module.py', 'exec', dont_inherit=True)\n"
        "open(sys.argv[2], 'wb').write(_code_to_hash_pyc(code, importlib.util.source_hash(src), True))\n"
    )
    out = os.path.join(HERE, "data", "big_module.pyc")
    subprocess.run([py310, "-c", code, src, out], check=True)
    print(f"wrote {out} ({os.path.getsize(out)} bytes)")


if __name__ == "__main__":
    main()
