"""Micro-benchmark: float arithmetic (+, *, -) on locals."""

N = 10000


def bench():
    a = 1.5
    b = 2.25
    c = 0.75
    d = 3.125
    for i in range(N):
        x = (a + b) * c - d


def baseline():
    a = 1.5
    b = 2.25
    c = 0.75
    d = 3.125
    for i in range(N):
        pass
