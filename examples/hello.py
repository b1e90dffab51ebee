"""A first example program for pyvm."""


def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def main():
    print("Hello from pyvm!")
    squares = [i * i for i in range(10)]
    print("squares:", squares)
    print("fib(90) =", fib(90))
    words = {"alpha": 1, "beta": 2}
    for name, value in sorted(words.items()):
        print(f"{name:>6} -> {value:03d}")


if __name__ == "__main__":
    main()
