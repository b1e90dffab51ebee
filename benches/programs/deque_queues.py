# collections.deque workloads: a FIFO (append + popleft), bulk appends through
# a bound method, iteration, a BFS over a grid, and a sliding-window maximum
# with a monotonic deque.
from collections import deque


def fifo(n):
    d = deque()
    for i in range(n):
        d.append(i)
    total = 0
    while d:
        total += d.popleft()
    return total


def appends(n):
    d = deque()
    app = d.append
    for i in range(n):
        app(i)
    return d


def iterate(d):
    s = 0
    for x in d:
        s += x
    return s


def bfs(n):
    seen = {(0, 0)}
    q = deque([(0, 0, 0)])
    far = 0
    while q:
        x, y, dist = q.popleft()
        far = dist
        for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
            if 0 <= nx < n and 0 <= ny < n and (nx, ny) not in seen and (nx * ny) % 7 != 3:
                seen.add((nx, ny))
                q.append((nx, ny, dist + 1))
    return far, len(seen)


def window_max(xs, k):
    q = deque()
    out = 0
    for i, x in enumerate(xs):
        while q and xs[q[-1]] <= x:
            q.pop()
        q.append(i)
        if q[0] <= i - k:
            q.popleft()
        if i >= k - 1:
            out += xs[q[0]]
    return out


print(fifo(200000))
d = appends(500000)
print(len(d), iterate(d), iterate(reversed(d)))
print(bfs(250))
xs = [(i * 7919) % 10007 for i in range(200000)]
print(window_max(xs, 50))
