"""Exceptions in hot loops: parsing and validating records.

A small record parser raises custom exception classes (a hierarchy with extra
attributes) from a couple of frames down; the caller catches them by base
class, inspects them, and uses try/except/else/finally in its inner loops.
Also: EAFP dictionary and int() conversions, StopIteration from next(),
re-raising with `raise ... from ...`, and context managers that suppress.
"""


class RecordError(Exception):
    def __init__(self, line_no, message):
        super().__init__(f"line {line_no}: {message}")
        self.line_no = line_no


class FieldCountError(RecordError):
    pass


class ValueRangeError(RecordError):
    def __init__(self, line_no, field, value):
        super().__init__(line_no, f"{field}={value} out of range")
        self.field = field
        self.value = value


class Suppress:
    """A context manager that swallows the given exception types and counts them."""

    def __init__(self, *types):
        self.types = types
        self.swallowed = 0

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is not None and issubclass(exc_type, self.types):
            self.swallowed += 1
            return True
        return False


def make_lines(count):
    seed = 2024
    lines = []
    for i in range(count):
        seed = (seed * 69069 + 1) % 4294967296
        kind = seed % 11
        a = seed % 1000
        b = (seed >> 10) % 200 - 20
        if kind == 0:
            lines.append(f"item{i},{a}")                  # missing a field
        elif kind == 1:
            lines.append(f"item{i},{a},x{b}")             # not an int
        elif kind == 2:
            lines.append(f"item{i},{a},{b},extra")        # too many fields
        else:
            lines.append(f"item{i},{a},{b}")
    return lines


def check_range(line_no, field, value, low, high):
    if not low <= value <= high:
        raise ValueRangeError(line_no, field, value)
    return value


def parse_fields(line_no, line):
    parts = line.split(",")
    if len(parts) != 3:
        raise FieldCountError(line_no, f"expected 3 fields, got {len(parts)}")
    name, a, b = parts
    try:
        qty = int(a)
        delta = int(b)
    except ValueError as e:
        raise RecordError(line_no, "bad integer") from e
    return name, qty, delta


def parse_record(line_no, line):
    name, qty, delta = parse_fields(line_no, line)
    check_range(line_no, "delta", delta, 0, 150)
    return name, qty, delta


def process(lines):
    stats = {"ok": 0, "count": 0, "range": 0, "other": 0, "finally": 0}
    totals = {}
    causes = 0
    for line_no, line in enumerate(lines, 1):
        try:
            name, qty, delta = parse_record(line_no, line)
        except FieldCountError:
            stats["count"] += 1
        except ValueRangeError as e:
            stats["range"] += 1
            if e.value < 0:
                totals["negative"] = totals.get("negative", 0) + e.value
        except RecordError as e:
            stats["other"] += 1
            if isinstance(e.__cause__, ValueError):
                causes += 1
        else:
            stats["ok"] += 1
            bucket = name[-1]
            try:
                totals[bucket] += qty * delta
            except KeyError:
                totals[bucket] = qty * delta
        finally:
            stats["finally"] += 1
    return stats, totals, causes


def safe_ratios(values):
    out = 0.0
    failures = 0
    for i in range(len(values)):
        try:
            out += values[i] / (values[i] % 7 - 3)
        except ZeroDivisionError:
            failures += 1
    return round(out, 6), failures


def drain(iterable):
    it = iter(iterable)
    total = 0
    while True:
        try:
            total += next(it)
        except StopIteration:
            return total


def main():
    lines = make_lines(100_000)
    grand = 0
    for round_no in range(9):
        stats, totals, causes = process(lines)
        grand += sum(totals.values()) + causes
        if round_no == 0:
            print(stats)
            print(sorted(totals.items())[:6], causes)
    values = list(range(1, 300_000))
    print("ratios", safe_ratios(values))
    print("drain", drain(range(500_000)))
    guard = Suppress(KeyError, IndexError)
    data = {i: i for i in range(0, 1000, 3)}
    seen = 0
    for i in range(100_000):
        with guard:
            seen += data[i % 1000]
            seen += [1, 2, 3][i % 5]
    print("suppressed", guard.swallowed, seen)
    try:
        parse_record(7, "a,b")
    except RecordError as e:
        print(type(e).__name__, e, e.line_no)
    print("checksum", grand)


main()
