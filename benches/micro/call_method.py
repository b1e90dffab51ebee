"""Micro-benchmark: calling a method of an instance (LOAD_METHOD/CALL_METHOD)."""

N = 10000


class C:
    def m(self, x):
        return x


def bench():
    o = C()
    for i in range(N):
        o.m(i)


def baseline():
    o = C()
    for i in range(N):
        pass
