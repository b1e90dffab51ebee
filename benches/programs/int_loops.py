# Integer loops: nested loops with arithmetic, a sieve and a collatz search.
def sieve(n):
    flags = [True] * (n + 1)
    flags[0] = flags[1] = False
    i = 2
    while i * i <= n:
        if flags[i]:
            for j in range(i * i, n + 1, i):
                flags[j] = False
        i += 1
    return sum(1 for f in flags if f)


def collatz_longest(limit):
    best, best_n = 0, 0
    for n in range(1, limit):
        steps = 0
        x = n
        while x != 1:
            if x % 2 == 0:
                x //= 2
            else:
                x = 3 * x + 1
            steps += 1
        if steps > best:
            best, best_n = steps, n
    return best_n, best


total = 0
for i in range(300):
    for j in range(300):
        total += (i * j) % 7 - (i ^ j) & 15
print(total)
print(sieve(2_000_000))
print(collatz_longest(120_000))
