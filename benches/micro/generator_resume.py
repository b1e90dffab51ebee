"""Micro-benchmark: resuming a generator.

Each iteration resumes a generator twice: once through a `for` loop over it
(FOR_ITER) and once through next(g).
"""

N = 10000


def gen(n):
    for i in range(n):
        yield i


def bench():
    for x in gen(N):
        pass
    g = gen(N)
    nx = next
    for i in range(N):
        nx(g)


def baseline():
    for i in range(N):
        pass
    nx = next
    for i in range(N):
        pass
