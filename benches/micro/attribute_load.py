"""Micro-benchmark: loading an instance attribute (LOAD_ATTR)."""

N = 10000


class C:
    def __init__(self):
        self.x = 1


def bench():
    o = C()
    for i in range(N):
        y = o.x


def baseline():
    o = C()
    for i in range(N):
        pass
