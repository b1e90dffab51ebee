"""Generators: solving the n-queens puzzle with recursive generators.

Solutions are produced lazily by a recursive generator that delegates with
`yield from`; a second solver walks the board with bit masks; generator
expressions, a generator pipeline (filter/transform stages) and a generator
consumed partly by next() and then by a for loop round it out.
"""


def place(n, row, cols, diag1, diag2, board):
    if row == n:
        yield tuple(board)
        return
    for col in range(n):
        if col in cols or (row + col) in diag1 or (row - col) in diag2:
            continue
        cols.add(col)
        diag1.add(row + col)
        diag2.add(row - col)
        board.append(col)
        yield from place(n, row + 1, cols, diag1, diag2, board)
        board.pop()
        cols.discard(col)
        diag1.discard(row + col)
        diag2.discard(row - col)


def solutions(n):
    yield from place(n, 0, set(), set(), set(), [])


def bit_solutions(n, row=0, cols=0, left=0, right=0):
    """Bit-mask variant: yields the column chosen on each row as a tuple."""
    full = (1 << n) - 1
    if row == n:
        yield ()
        return
    free = full & ~(cols | left | right)
    while free:
        bit = free & -free
        free ^= bit
        for rest in bit_solutions(n, row + 1, cols | bit,
                                  ((left | bit) << 1) & full, (right | bit) >> 1):
            yield (bit.bit_length() - 1,) + rest


def mirrored(sols, n):
    for s in sols:
        yield tuple(n - 1 - c for c in s)


def symmetric_only(sols, n):
    for s in sols:
        if s == tuple(reversed([n - 1 - c for c in s])) or s[::-1] == s:
            yield s


def signature(sol):
    return sum((i + 1) * (c + 1) for i, c in enumerate(sol))


def main():
    total = 0
    for n in range(4, 12):
        sols = list(solutions(n))
        bits = list(bit_solutions(n))
        assert sorted(sols) == sorted(bits), n
        mirror = sorted(mirrored(sols, n))
        same = mirror == sorted(sols)
        sym = sum(1 for _ in symmetric_only(iter(sols), n))
        sig = sum(signature(s) for s in sols)
        print(f"n={n}: {len(sols)} solutions, first={sols[0] if sols else None}, "
              f"mirror-closed={same}, symmetric={sym}, signature={sig}")
        total += sig
    # A partly consumed generator: take the first two with next(), then the rest.
    gen = solutions(8)
    first = next(gen)
    second = next(gen)
    rest = sum(1 for _ in gen)
    print("8-queens:", first, second, rest + 2)
    # Largest board: only count, streaming.
    count = 0
    best = None
    for sol in solutions(12):
        count += 1
        sig = signature(sol)
        if best is None or sig > best[0]:
            best = (sig, sol)
    print("12-queens:", count, best)
    print("checksum", total + count)


main()
