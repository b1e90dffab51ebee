"""Micro-benchmark: dict subscript store and load with str and int keys.

Each iteration does two stores and two loads (STORE_SUBSCR/BINARY_SUBSCR).
"""

N = 10000


def bench():
    d = {"alpha": 0, "beta": 1, 7: 2, 12345: 3}
    for i in range(N):
        d["alpha"] = i
        x = d["alpha"]
        d[12345] = i
        y = d[12345]


def baseline():
    d = {"alpha": 0, "beta": 1, 7: 2, 12345: 3}
    for i in range(N):
        pass
