"""Micro-benchmark: int arithmetic (+, *, -) on locals.

Results are beyond CPython's small-int cache, so both VMs make new ints.
"""

N = 10000


def bench():
    a = 12345
    b = 678
    c = 9
    d = 1011
    for i in range(N):
        x = (a + b) * c - d


def baseline():
    a = 12345
    b = 678
    c = 9
    d = 1011
    for i in range(N):
        pass
