"""Micro-benchmark: calling a Python function with a keyword argument."""

N = 10000


def f(a, b):
    return a


def bench():
    g = f
    for i in range(N):
        g(i, b=2)


def baseline():
    g = f
    for i in range(N):
        pass
