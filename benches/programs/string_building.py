# String building: concatenation, join, formatting, slicing and methods.
parts = []
for i in range(200_000):
    parts.append(str(i))
s = ",".join(parts)
print(len(s), s[:20], s[-20:])

out = ""
for i in range(50_000):
    out += chr(97 + i % 26)
print(len(out), out[:30])

lines = []
for i in range(100_000):
    lines.append(f"{i:06d}|{i * 1.5:.2f}|{'x' * (i % 5)}")
text = "\n".join(lines)
total = 0
for line in text.split("\n"):
    a, b, c = line.split("|")
    total += int(a) + len(c) + int(float(b))
print(total)
print(text.upper().count("X"), text.replace("|", "::")[:40])
