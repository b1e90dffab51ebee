"""List permutations: the fannkuch-redux kernel.

Every permutation of range(n) is generated in place (the counting-based order
of the classic benchmark); for each one, the prefix headed by the first
element is reversed with slice assignment until 0 comes first. The program
reports the maximum number of flips and a sign-alternating checksum.
"""


def fannkuch(n):
    perm1 = list(range(n))
    count = [0] * n
    max_flips = 0
    checksum = 0
    perm_index = 0
    r = n
    while True:
        while r != 1:
            count[r - 1] = r
            r -= 1
        perm = perm1[:]
        flips = 0
        k = perm[0]
        while k:
            perm[:k + 1] = perm[k::-1]
            flips += 1
            k = perm[0]
        if flips > max_flips:
            max_flips = flips
        checksum += flips if perm_index % 2 == 0 else -flips
        # Rotate the prefix and advance the counters to the next permutation.
        while True:
            if r == n:
                return checksum, max_flips, perm_index + 1
            first = perm1[0]
            perm1[:r] = perm1[1:r + 1]
            perm1[r] = first
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1
        perm_index += 1


ROUNDS = 3


def main():
    total = 0
    for round_no in range(ROUNDS):
        for n in range(4, 10):
            checksum, max_flips, seen = fannkuch(n)
            if round_no == 0:
                print(f"n={n}: checksum={checksum} max_flips={max_flips} permutations={seen}")
            total += checksum * n + max_flips
    print("total", total)


main()
