"""Closures and sorting with key functions: a small table-query engine.

Rows of an in-memory table are filtered by predicates built from closures
(factories returning inner functions, nonlocal counters, lambdas composed at
run time) and ordered with sorted()/list.sort() using key functions, tuple
keys, reverse=True and multi-pass stable sorts; min()/max() with key pick
extremes.
"""

CITIES = ["Oslo", "Lima", "Pune", "Kyiv", "Rome", "Baku", "Doha", "Nice", "Bern", "Riga"]
DEPTS = ["sales", "ops", "research", "legal", "support"]


def make_rows(n):
    seed = 99
    rows = []
    for i in range(n):
        seed = (seed * 1664525 + 1013904223) % 4294967296
        rows.append({
            "id": i,
            "name": f"emp{seed % 100000:05d}",
            "city": CITIES[seed % len(CITIES)],
            "dept": DEPTS[(seed >> 8) % len(DEPTS)],
            "age": 20 + (seed >> 12) % 45,
            "salary": 30000 + (seed >> 4) % 90000,
        })
    return rows


def field(name):
    def get(row):
        return row[name]
    return get


def greater_than(name, limit):
    return lambda row: row[name] > limit


def one_of(name, values):
    allowed = set(values)
    return lambda row: row[name] in allowed


def all_of(*preds):
    def check(row):
        for p in preds:
            if not p(row):
                return False
        return True
    return check


def negate(pred):
    return lambda row: not pred(row)


def counter():
    count = 0

    def tick(row):
        nonlocal count
        count += 1
        return count
    def value():
        return count
    return tick, value


def compose_key(*getters):
    return lambda row: tuple(g(row) for g in getters)


def run_queries(rows):
    results = []
    young = negate(greater_than("age", 35))
    rich = greater_than("salary", 80000)
    north = one_of("city", ["Oslo", "Riga", "Kyiv", "Bern"])
    for limit in (40000, 60000, 90000):
        pred = all_of(greater_than("salary", limit), north)
        picked = [r for r in rows if pred(r)]
        picked.sort(key=field("salary"), reverse=True)
        results.append((limit, len(picked), [r["id"] for r in picked[:3]]))
    young_rich = all_of(young, rich)
    group = [r for r in rows if young_rich(r)]
    by_city_age = sorted(group, key=compose_key(field("city"), field("age"), field("id")))
    results.append(("young-rich", len(group), [r["id"] for r in by_city_age[:4]]))
    # Multi-pass stable sort: secondary key first, then primary.
    ordered = sorted(rows, key=lambda r: r["name"])
    ordered.sort(key=lambda r: r["dept"])
    ordered.sort(key=lambda r: r["age"] // 10, reverse=True)
    results.append(("stable", [r["id"] for r in ordered[:5]]))
    oldest = max(rows, key=lambda r: (r["age"], -r["id"]))
    cheapest = min(rows, key=field("salary"))
    results.append(("extremes", oldest["id"], cheapest["id"]))
    return results


def dept_report(rows):
    tick, seen = counter()
    per_dept = {}
    for r in rows:
        tick(r)
        per_dept.setdefault(r["dept"], []).append(r)
    report = []
    for dept in sorted(per_dept, key=lambda d: (-len(per_dept[d]), d)):
        members = per_dept[dept]
        top = sorted(members, key=lambda r: (-r["salary"], r["name"]))[:2]
        median = sorted(r["salary"] for r in members)[len(members) // 2]
        report.append((dept, len(members), median, [r["name"] for r in top]))
    return seen(), report


def sort_words(rows):
    words = [r["name"][::-1] + r["city"].lower() for r in rows]
    by_len = sorted(words, key=len)
    by_last = sorted(words, key=lambda w: (w[-1], w))
    scale = [lambda x, k=k: x * k for k in range(1, 6)]
    scaled = sorted(range(200), key=lambda i: scale[i % 5](i) % 97)
    return by_len[0], by_last[-1], scaled[:8]


def main():
    rows = make_rows(40_000)
    checksum = 0
    for round_no in range(4):
        results = run_queries(rows)
        seen, report = dept_report(rows)
        words = sort_words(rows)
        if round_no == 0:
            for item in results:
                print(item)
            print(seen)
            for line in report:
                print(line)
            print(words)
        checksum += sum(len(str(item)) for item in results) + seen + len(str(report))
        rows.sort(key=lambda r: (r["salary"] * (round_no + 3)) % 1009)
    print("checksum", checksum, rows[0]["id"], rows[-1]["id"])


main()
