"""Micro-benchmark: calling a Python function with two positional arguments."""

N = 10000


def f(a, b):
    return a


def bench():
    g = f
    for i in range(N):
        g(i, 2)


def baseline():
    g = f
    for i in range(N):
        pass
