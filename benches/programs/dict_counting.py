# Dict counting: word frequencies, grouping and lookups.
words = []
seed = 12345
for i in range(300_000):
    seed = (seed * 1103515245 + 12345) % (2 ** 31)
    words.append("w" + str(seed % 5000))

counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
print(len(counts), top)

groups = {}
for i, w in enumerate(words):
    key = len(w)
    if key in groups:
        groups[key].append(i)
    else:
        groups[key] = [i]
print(sorted((k, len(v)) for k, v in groups.items()))

index = {i: i * i for i in range(200_000)}
hits = 0
for i in range(0, 400_000, 3):
    if i in index:
        hits += index[i] % 7
print(hits)
