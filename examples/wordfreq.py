"""Word frequencies of a small text, with a try/except for bad input."""

TEXT = """
It was the best of times, it was the worst of times, it was the age of
wisdom, it was the age of foolishness, it was the epoch of belief, it was
the epoch of incredulity, it was the season of Light, it was the season of
Darkness, it was the spring of hope, it was the winter of despair.
"""


def words(text):
    for raw in text.split():
        word = raw.strip(".,;:!?").lower()
        if word:
            yield word


counts = {}
for w in words(TEXT):
    counts[w] = counts.get(w, 0) + 1

top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:6]
width = max(len(w) for w, _ in top)
for word, n in top:
    print(f"{word:<{width}} {n:2d} {'*' * n}")

try:
    print(counts["tale"])
except KeyError as e:
    print("not in the text:", e)
