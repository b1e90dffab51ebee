"""Float math: the spectral norm of an infinite matrix.

The matrix is A[i][j] = 1 / ((i + j) * (i + j + 1) / 2 + i + 1). The norm is
estimated with the power method on A^T A, using plain lists of floats, nested
loops, generator expressions with zip and sum, and math.sqrt.
"""
import math


def a_entry(i, j):
    ij = i + j
    return 1.0 / (ij * (ij + 1) // 2 + i + 1)


def build_rows(n):
    # Precompute the matrix row by row: each row is a list of floats.
    return [[a_entry(i, j) for j in range(n)] for i in range(n)]


def mult_av(rows, v):
    return [sum(a * x for a, x in zip(row, v)) for row in rows]


def mult_atv(n, v):
    out = []
    for i in range(n):
        total = 0.0
        for j in range(n):
            total += a_entry(j, i) * v[j]
        out.append(total)
    return out


def mult_atav(rows, n, v):
    return mult_atv(n, mult_av(rows, v))


def spectral_norm(n, iterations):
    rows = build_rows(n)
    u = [1.0] * n
    v = u
    for _ in range(iterations):
        v = mult_atav(rows, n, u)
        u = mult_atav(rows, n, v)
    vbv = 0.0
    vv = 0.0
    for ue, ve in zip(u, v):
        vbv += ue * ve
        vv += ve * ve
    return math.sqrt(vbv / vv), u, v


def main():
    results = []
    for n in (100, 200, 300, 350):
        norm, u, v = spectral_norm(n, 10)
        results.append(norm)
        print(f"n={n}: {norm:.9f} u[0]={u[0]:.6f} v[-1]={v[-1]:.6e}")
    print("checksum", round(sum(results), 9))


main()
