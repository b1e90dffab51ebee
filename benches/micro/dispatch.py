"""Micro-benchmark: plain instruction dispatch.

Each iteration runs 16 cheap stack instructions (LOAD_FAST, STORE_FAST,
POP_TOP) besides the loop's own FOR_ITER/STORE_FAST/JUMP_ABSOLUTE.
"""

N = 10000


def bench():
    a = 1
    b = 2
    for i in range(N):
        a; b; x = a; y = b; a; b; x = y; y = x


def baseline():
    a = 1
    b = 2
    for i in range(N):
        pass
