"""Micro-benchmark: string formatting.

Each iteration formats one f-string (FORMAT_VALUE/BUILD_STRING) and one
%-format of a tuple (BINARY_MODULO on str).
"""

N = 10000


def bench():
    name = "item"
    r = 0.5
    for i in range(N):
        x = f"{name} {i}: {r:.2f}"
        y = "%s-%d" % (name, i)


def baseline():
    name = "item"
    r = 0.5
    for i in range(N):
        pass
