"""Micro-benchmark: LOAD_GLOBAL of a module-level name and of a builtin.

Each iteration does two global loads: G (module globals) and len (builtins).
"""

N = 10000
G = 1


def bench():
    for i in range(N):
        x = G
        y = len


def baseline():
    for i in range(N):
        pass
