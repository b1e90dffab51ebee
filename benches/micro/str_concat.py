"""Micro-benchmark: concatenating two short strings (BINARY_ADD on str)."""

N = 10000


def bench():
    a = "hello, "
    b = "world"
    for i in range(N):
        x = a + b


def baseline():
    a = "hello, "
    b = "world"
    for i in range(N):
        pass
