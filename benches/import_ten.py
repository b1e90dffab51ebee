# Import time: ten standard-library modules (pyvm's pylib, CPython's stdlib),
# then a small checksum so the imports are used.
import collections
import functools
import itertools
import operator
import heapq
import json
import re
import random
import string
import textwrap

random.seed(1)
data = [random.randint(0, 99) for _ in range(50)]
c = collections.Counter(data)
print(len(c), functools.reduce(operator.add, data), heapq.nsmallest(3, data),
      list(itertools.islice(itertools.count(), 3)), json.dumps({"a": 1}),
      re.findall(r"\d+", "a1b22"), string.ascii_lowercase[:3], textwrap.shorten("hello world", 8))
