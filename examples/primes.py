"""Primes: a sieve, a generator of twin primes, and a formatted table."""


def sieve(limit):
    is_prime = [True] * (limit + 1)
    is_prime[0] = is_prime[1] = False
    for i in range(2, int(limit ** 0.5) + 1):
        if is_prime[i]:
            is_prime[i * i::i] = [False] * len(range(i * i, limit + 1, i))
    return [n for n, p in enumerate(is_prime) if p]


def twins(primes):
    for a, b in zip(primes, primes[1:]):
        if b - a == 2:
            yield a, b


primes = sieve(10_000)
print(f"{len(primes)} primes below 10,000; the last five: {primes[-5:]}")
pairs = list(twins(primes))
print(f"{len(pairs)} twin-prime pairs, e.g. {pairs[:4]}")
for lo in range(0, 10_000, 2_000):
    count = sum(1 for p in primes if lo <= p < lo + 2_000)
    print(f"  [{lo:>5}, {lo + 2000:>5}) {count:4d} {'#' * (count // 10)}")
