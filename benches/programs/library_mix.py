"""Standard-library mix: an order-log analysis using collections, itertools
and functools.

Orders are namedtuples; Counter, defaultdict and deque aggregate them
(most_common, sliding windows); itertools groups, pairs and chains them
(groupby, combinations, permutations for a small routing search, product,
chain, accumulate); functools supplies reduce, lru_cache (a memoised
recursive cost function) and partial.
"""
from collections import Counter, defaultdict, deque, namedtuple
from functools import lru_cache, partial, reduce
from itertools import accumulate, chain, combinations, groupby, permutations, product

Order = namedtuple("Order", "order_id day customer items total")

PRODUCTS = ["apple", "bread", "cheese", "dates", "eggs", "flour", "grapes",
            "honey", "ink", "jam", "kale", "lemon"]
CUSTOMERS = [f"c{i:03d}" for i in range(150)]


def generate_orders(count, seed=7):
    orders = []
    for order_id in range(count):
        seed = (seed * 1103515245 + 12345) % 2147483648
        n_items = 1 + seed % 5
        items = []
        s = seed
        for _ in range(n_items):
            s = (s * 48271) % 2147483647
            product_name = PRODUCTS[s % len(PRODUCTS)]
            if product_name not in items:
                items.append(product_name)
        total = sum(len(p) * 3 + (s >> 7) % 20 for p in items)
        orders.append(Order(order_id, order_id // 100, CUSTOMERS[(seed >> 9) % len(CUSTOMERS)],
                            tuple(items), total))
    return orders


def product_stats(orders):
    counts = Counter(chain.from_iterable(o.items for o in orders))
    pairs = Counter()
    for o in orders:
        pairs.update(combinations(sorted(o.items), 2))
    return counts.most_common(4), pairs.most_common(3)


def customer_totals(orders):
    per_customer = defaultdict(list)
    for o in orders:
        per_customer[o.customer].append(o.total)
    best = sorted(per_customer.items(), key=lambda kv: (-sum(kv[1]), kv[0]))[:3]
    result = []
    for c, totals in best:
        running = list(accumulate(totals))
        half = next(i for i, r in enumerate(running, 1) if 2 * r >= running[-1])
        result.append((c, len(totals), running[-1], half))
    return result


def daily_windows(orders, width):
    by_day = [(day, sum(o.total for o in group))
              for day, group in groupby(orders, key=lambda o: o.day)]
    window = deque(maxlen=width)
    peaks = []
    for day, total in by_day:
        window.append(total)
        if len(window) == width:
            peaks.append(sum(window))
    running = list(accumulate(t for _, t in by_day))
    return len(by_day), max(peaks), running[-1]


DIST = [[abs(i - j) * 3 + (i * j) % 7 for j in range(10)] for i in range(10)]


def route_length(route, start=0):
    stops = (start,) + route + (start,)
    return sum(DIST[a][b] for a, b in zip(stops, stops[1:]))


def best_route(stops):
    return min(permutations(stops), key=route_length)


@lru_cache(maxsize=None)
def packing_cost(remaining, capacity):
    """Cheapest way to cut `remaining` units into boxes of size <= capacity."""
    if remaining == 0:
        return 0
    best = None
    for size in range(1, min(remaining, capacity) + 1):
        cost = size * size % 11 + 1 + packing_cost(remaining - size, capacity)
        if best is None or cost < best:
            best = cost
    return best


def repeat_buyers(orders):
    """Customers who bought the same product on four or more consecutive days."""
    keyed = sorted(((o.customer, p, o.day) for o in orders for p in o.items))
    streaks = Counter()
    for (customer, product_name), group in groupby(keyed, key=lambda t: t[:2]):
        days = sorted({t[2] for t in group})
        run = best = 1
        for a, b in zip(days, days[1:]):
            run = run + 1 if b == a + 1 else 1
            best = max(best, run)
        if best >= 4:
            streaks[customer] += 1
    return len(streaks), streaks.most_common(3)


def discount(rate, threshold, total):
    return total - total * rate // 100 if total >= threshold else total


def grid_score(n):
    return sum(x * y - z for x, y, z in product(range(n), repeat=3) if (x + y + z) % 3 == 0)


def main():
    orders = generate_orders(140_000)
    print(orders[0])
    print(orders[-1].customer, orders[-1].items)
    top_products, top_pairs = product_stats(orders)
    print("top products:", top_products)
    print("top pairs:", top_pairs)
    print("customers:", customer_totals(orders))
    print("days:", daily_windows(orders, 7))

    small_discount = partial(discount, 5, 60)
    big_discount = partial(discount, 15, threshold=90)
    discounted = sum(map(small_discount, (o.total for o in orders)))
    discounted += sum(big_discount(total=o.total) for o in orders if len(o.items) > 3)
    print("discounted:", discounted)
    product_of_days = reduce(lambda acc, o: (acc * 31 + o.total) % 1_000_000_007, orders, 1)
    print("reduce:", product_of_days)

    routes = []
    for first in range(1, 7):
        stops = tuple(s for s in range(1, 10) if s != first)
        route = best_route(stops)
        routes.append((route, route_length(route)))
    print("routes:", routes)

    costs = []
    for cap in (5, 10, 20, 40, 80):
        costs.extend(packing_cost(n, cap) for n in range(100, 901, 100))
        info = packing_cost.cache_info()
        packing_cost.cache_clear()
    print("packing:", costs, info.hits, info.misses)
    print("grid:", grid_score(60))
    print("repeat buyers:", repeat_buyers(orders))
    checksum = sum(costs) + discounted + product_of_days + sum(r[1] for r in routes)
    print("checksum", checksum)


main()
