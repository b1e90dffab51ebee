"""Big-integer arithmetic: factorials, powers, series digits and conversions.

Computes digits of pi (Machin's formula) and e with scaled integers, exact
harmonic numbers as reduced fractions (gcd), factorials and their digit sums,
binomials, Fibonacci numbers (iterative and by fast doubling), a Miller-Rabin
search for 256-bit primes (three-argument pow), and int <-> str round trips
of numbers with a few thousand digits (below CPython 3.10's 4300-digit limit).
"""
import math


def arctan_inv(x, scale):
    """arctan(1/x) * scale, summed with integers only."""
    total = term = scale // x
    x2 = x * x
    n = 3
    sign = -1
    while term:
        term //= x2
        total += sign * (term // n)
        sign = -sign
        n += 2
    return total


def pi_digits(digits):
    guard = 10
    scale = 10 ** (digits + guard)
    pi = 4 * (4 * arctan_inv(5, scale) - arctan_inv(239, scale))
    return pi // 10 ** guard


def e_digits(digits):
    guard = 10
    scale = 10 ** (digits + guard)
    total = 0
    term = scale
    k = 1
    while term:
        total += term
        term //= k
        k += 1
    return total // 10 ** guard


def harmonic(n):
    """H(n) = 1 + 1/2 + ... + 1/n as a reduced fraction (num, den)."""
    num, den = 0, 1
    for k in range(1, n + 1):
        num = num * k + den
        den *= k
        g = math.gcd(num, den)
        if g > 1:
            num //= g
            den //= g
    return num, den


def factorial(n):
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result


def binomial(n, k):
    k = min(k, n - k)
    result = 1
    for i in range(1, k + 1):
        result = result * (n - k + i) // i
    return result


def fib_pair(n):
    """(F(n), F(n+1)) by fast doubling."""
    if n == 0:
        return 0, 1
    a, b = fib_pair(n >> 1)
    c = a * (2 * b - a)
    d = a * a + b * b
    if n & 1:
        return d, c + d
    return c, d


def fib_iter(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def is_probable_prime(n, bases=(2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37)):
    if n < 2:
        return False
    for p in bases:
        if n % p == 0:
            return n == p
    d = n - 1
    s = 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for a in bases:
        x = pow(a, d, n)
        if x == 1 or x == n - 1:
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def next_prime(n):
    n |= 1
    while not is_probable_prime(n):
        n += 2
    return n


def digit_sum(n):
    return sum(int(ch) for ch in str(n))


def main():
    checksum = 0
    for digits in range(250, 4001, 250):
        pi = pi_digits(digits)
        text = str(pi)
        if digits % 1000 == 0:
            print(f"pi[{digits}]: {text[:12]}...{text[-12:]} sum={digit_sum(pi)}")
        checksum += int(text[-50:])
    e = e_digits(4000)
    print("e:", str(e)[:12], str(e)[-12:])
    checksum += e % 1_000_000_007

    num, den = harmonic(6000)
    print("H(6000):", len(str(num)), "/", len(str(den)), "digits; num mod 1e9+7 =", num % 1_000_000_007)
    checksum += num % den

    sums = []
    for n in range(100, 1500, 2):
        f = factorial(n)
        sums.append(digit_sum(f))
    print("factorial digit sums:", sums[:5], sums[-3:], sum(sums))
    f = factorial(1400)
    s = str(f)
    print("1400! digits:", len(s), "trailing zeros:", len(s) - len(s.rstrip("0")))
    print("1400! == math.factorial:", f == math.factorial(1400), int(s) == f)
    c = binomial(3000, 1500)
    print("C(3000,1500) digits:", len(str(c)), "mod 1e9+7:", c % 1_000_000_007)
    print("gcd(1400!, C(3000,1500)) digits:", len(str(math.gcd(f, c))))

    total = 0
    for n in range(2000, 12000, 50):
        a, b = fib_pair(n)
        total += math.gcd(a, b) + a % 998244353
    f20k = fib_iter(20000)
    print("fib checksum:", total, f20k == fib_pair(20000)[0], len(str(f20k)))

    primes = []
    start = 1 << 255
    for i in range(160):
        p = next_prime(start + i * 10 ** 70)
        primes.append(p - start - i * 10 ** 70)
    print("prime offsets:", primes[:12], sum(primes))

    # Round trips through str of numbers with thousands of digits.
    x = 7 ** 4000
    trips = 0
    for i in range(1600):
        y = int(str(x + i))
        trips += y % 1000
        x = (x * 3 + i) % 10 ** 4200
    print("round trips:", trips, len(str(x)))
    p = pow(3, 8000)
    q = pow(7, 5000)
    print("3^8000 % 7^5000 digits:", len(str(p % q)))
    checksum += total + trips + sum(primes)
    print("checksum", checksum % 10 ** 30)


main()
