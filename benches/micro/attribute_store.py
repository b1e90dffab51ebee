"""Micro-benchmark: storing an instance attribute (STORE_ATTR)."""

N = 10000


class C:
    def __init__(self):
        self.x = 1


def bench():
    o = C()
    for i in range(N):
        o.x = i


def baseline():
    o = C()
    for i in range(N):
        pass
