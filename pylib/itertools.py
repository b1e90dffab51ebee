"""Iterator building blocks (pyvm's implementation of the itertools module).

Provides every function of CPython 3.10's itertools, with CPython's output
order, argument checking and error messages, and the reprs of count/repeat.

The iterator classes whose items are produced in hot loops (count, cycle,
chain, product, permutations, ...) keep their state in a generator: `iter(x)`
returns that generator, so `for` loops and builtins run it directly, and
`next(x)` delegates to it.  Hence `iter(x) is x` is False for those types
(CPython: True), and a callback that calls next() on the iterator it is
called from gets "generator already executing".  Missing: pickling and
copying (only count, repeat and tee objects can be copied; the others raise
NotImplementedError) and `chain[int]`-style class subscription.
"""

import sys as _sys

_MAXSIZE = _sys.maxsize
_NULL = object()   # "no value" marker (CPython's NULL)


# ---------------------------------------------------------------- argument helpers

def _plural(n):
    return '' if n == 1 else 's'


def _nokw(name, kw):
    if kw:
        raise TypeError(name + '() takes no keyword arguments')


def _nargs(name, args, lo, hi):
    n = len(args)
    if lo <= n <= hi:
        return
    if lo == hi:
        msg = '%s expected %d argument%s, got %d' % (name, lo, _plural(lo), n)
    elif n < lo:
        msg = '%s expected at least %d argument%s, got %d' % (name, lo, _plural(lo), n)
    else:
        msg = '%s expected at most %d argument%s, got %d' % (name, hi, _plural(hi), n)
    raise TypeError(msg)


def _parse(name, args, kw, names, required, maxpos, defaults):
    """Argument Clinic style parsing: returns the list of values for names."""
    nargs = len(args)
    total = nargs + len(kw)
    maxargs = len(names)
    if total > maxargs:
        raise TypeError('%s() takes at most %d %sargument%s (%d given)' % (
            name, maxargs, 'keyword ' if nargs == 0 else '', _plural(maxargs), total))
    if nargs > maxpos:
        raise TypeError('%s() takes at most %d positional argument%s (%d given)' % (
            name, maxpos, _plural(maxpos), nargs))
    values = list(args)
    left = len(kw)
    for i in range(nargs, maxargs):
        key = names[i]
        if key in kw:
            values.append(kw[key])
            left -= 1
        elif i < required:
            raise TypeError("%s() missing required argument '%s' (pos %d)" % (name, key, i + 1))
        else:
            values.append(defaults[i])
    if left:
        for i in range(nargs):
            if names[i] in kw:
                raise TypeError("argument for %s() given by name ('%s') and position (%d)" % (
                    name, names[i], i + 1))
        for key in kw:
            if key not in names:
                raise TypeError("'%s' is an invalid keyword argument for %s()" % (key, name))
    return values


def _index(x):
    if type(x) is int:
        return x
    try:
        meth = type(x).__index__
    except AttributeError:
        raise TypeError("'%s' object cannot be interpreted as an integer"
                        % type(x).__name__) from None
    return meth(x)


def _ssize(x):
    x = _index(x)
    if x > _MAXSIZE or x < -_MAXSIZE - 1:
        raise OverflowError('Python int too large to convert to C ssize_t')
    return x


def _is_number(x):
    t = type(x)
    if t is int or t is float or t is complex or t is bool:
        return True
    return (hasattr(t, '__index__') or hasattr(t, '__int__') or hasattr(t, '__float__')
            or isinstance(x, complex))


# ---------------------------------------------------------------- count, cycle, repeat

def _count_gen(box, n, step):
    # box[0] is the next value, for repr()
    while True:
        nxt = n + step
        box[0] = nxt
        yield n
        n = nxt


class count:
    """Return a count object whose .__next__() method returns consecutive values."""
    __slots__ = ('_box', '_step', '_it')

    def __new__(cls, *args, **kw):
        start, step = _parse('count', args, kw, ('start', 'step'), 0, 2, (0, 1))
        if not _is_number(start) or not _is_number(step):
            raise TypeError('a number is required')
        self = object.__new__(cls)
        self._box = [start]
        self._step = step
        self._it = _count_gen(self._box, start, step)
        return self

    def __iter__(self):
        return self._it

    def __next__(self):
        return next(self._it)

    def __reduce__(self):
        step = self._step
        if type(step) is int and step == 1:
            return (type(self), (self._box[0],))
        return (type(self), (self._box[0], step))

    def __repr__(self):
        step = self._step
        if type(step) is int and step == 1:
            return '%s(%r)' % (type(self).__name__, self._box[0])
        return '%s(%r, %r)' % (type(self).__name__, self._box[0], step)


def _cycle_gen(it):
    saved = []
    for x in it:
        saved.append(x)
        yield x
    if not saved:
        return
    while True:
        yield from saved


class cycle:
    """Return elements from the iterable until it is exhausted, then repeat the sequence."""
    __slots__ = ('_it',)

    def __new__(cls, *args, **kw):
        _nokw('cycle', kw)
        _nargs('cycle', args, 1, 1)
        self = object.__new__(cls)
        self._it = _cycle_gen(iter(args[0]))
        return self

    def __iter__(self):
        return self._it

    def __next__(self):
        return next(self._it)


def _repeat_forever(obj):
    while True:
        yield obj


def _repeat_times(box, obj, n):
    # box[0] is the number of objects still to come
    for left in range(n - 1, -1, -1):
        box[0] = left
        yield obj


class repeat:
    """repeat(object [,times]) -> create an iterator which returns the object
    for the specified number of times.  If not specified, returns the object
    endlessly."""
    __slots__ = ('_obj', '_left', '_it')

    def __new__(cls, *args, **kw):
        obj, times = _parse('repeat', args, kw, ('object', 'times'), 1, 2, (None, _NULL))
        self = object.__new__(cls)
        self._obj = obj
        if times is _NULL:
            self._left = None
            self._it = _repeat_forever(obj)
        else:
            times = _ssize(times)
            if times < 0:
                times = 0
            self._left = [times]
            self._it = _repeat_times(self._left, obj, times)
        return self

    def __iter__(self):
        return self._it

    def __next__(self):
        return next(self._it)

    def __length_hint__(self):
        if self._left is None:
            raise TypeError('len() of unsized object')
        return self._left[0]

    def __reduce__(self):
        if self._left is None:
            return (type(self), (self._obj,))
        return (type(self), (self._obj, self._left[0]))

    def __repr__(self):
        if self._left is None:
            return '%s(%r)' % (type(self).__name__, self._obj)
        return '%s(%r, %d)' % (type(self).__name__, self._obj, self._left[0])


# ---------------------------------------------------------------- generator-backed iterators

class _GenIter:
    """Base of the iterator types whose state lives in the generator self._it."""
    __slots__ = ('_it',)

    def __iter__(self):
        return self._it

    def __next__(self):
        return next(self._it)

    def __reduce__(self):
        raise NotImplementedError('pyvm cannot pickle or copy itertools.%s objects'
                                  % type(self).__name__)


def _new(cls, gen):
    self = object.__new__(cls)
    self._it = gen
    return self


def _accumulate_gen(it, func, initial):
    if initial is None:
        for total in it:
            break
        else:
            return
    else:
        total = initial
    yield total
    if func is None:
        for x in it:
            total = total + x
            yield total
    else:
        for x in it:
            total = func(total, x)
            yield total


class accumulate(_GenIter):
    """Return series of accumulated sums (or other binary function results)."""
    __slots__ = ()

    def __new__(cls, *args, **kw):
        iterable, func, initial = _parse('accumulate', args, kw, ('iterable', 'func', 'initial'),
                                         1, 2, (None, None, None))
        return _new(cls, _accumulate_gen(iter(iterable), func, initial))


def _chain_gen(iterables):
    for iterable in iterables:
        for x in iterable:
            yield x


class chain(_GenIter):
    """Return a chain object whose .__next__() method returns elements from the
    first iterable until it is exhausted, then elements from the next
    iterable, until all of the iterables are exhausted."""
    __slots__ = ()

    def __new__(cls, *args, **kw):
        _nokw(cls.__name__, kw)
        return _new(cls, _chain_gen(args))

    @classmethod
    def from_iterable(cls, *args, **kw):
        """Alternative chain() constructor taking a single iterable argument that evaluates lazily."""
        _nokw('chain.from_iterable', kw)
        if len(args) != 1:
            raise TypeError('chain.from_iterable() takes exactly one argument (%d given)' % len(args))
        return _new(cls, _chain_gen(iter(args[0])))


def _compress_gen(data, selectors):
    for d, s in zip(data, selectors):
        if s:
            yield d


class compress(_GenIter):
    """Return data elements corresponding to true selector elements."""
    __slots__ = ()

    def __new__(cls, *args, **kw):
        data, selectors = _parse('compress', args, kw, ('data', 'selectors'), 2, 2, (None, None))
        return _new(cls, _compress_gen(iter(data), iter(selectors)))


def _dropwhile_gen(pred, it):
    for x in it:
        if not pred(x):
            yield x
            break
    for x in it:
        yield x


class dropwhile(_GenIter):
    """Drop items from the iterable while predicate(item) is true."""
    __slots__ = ()

    def __new__(cls, *args, **kw):
        _nokw('dropwhile', kw)
        _nargs('dropwhile', args, 2, 2)
        return _new(cls, _dropwhile_gen(args[0], iter(args[1])))


def _takewhile_gen(pred, it):
    for x in it:
        if pred(x):
            yield x
        else:
            return


class takewhile(_GenIter):
    """Return successive entries from an iterable as long as the predicate evaluates to true for each entry."""
    __slots__ = ()

    def __new__(cls, *args, **kw):
        _nokw('takewhile', kw)
        _nargs('takewhile', args, 2, 2)
        return _new(cls, _takewhile_gen(args[0], iter(args[1])))


def _filterfalse_gen(pred, it):
    if pred is None or pred is bool:
        for x in it:
            if not x:
                yield x
    else:
        for x in it:
            if not pred(x):
                yield x


class filterfalse(_GenIter):
    """Return those items of iterable for which function(item) is false."""
    __slots__ = ()

    def __new__(cls, *args, **kw):
        _nokw('filterfalse', kw)
        _nargs('filterfalse', args, 2, 2)
        return _new(cls, _filterfalse_gen(args[0], iter(args[1])))


def _starmap_gen(func, it):
    for args in it:
        if type(args) is not tuple:
            args = tuple(args)
        yield func(*args)


class starmap(_GenIter):
    """Return an iterator whose values are returned from the function evaluated with an argument tuple taken from the given sequence."""
    __slots__ = ()

    def __new__(cls, *args, **kw):
        _nokw('starmap', kw)
        _nargs('starmap', args, 2, 2)
        return _new(cls, _starmap_gen(args[0], iter(args[1])))


def _pairwise_gen(it):
    for a in it:
        break
    else:
        return
    for b in it:
        yield (a, b)
        a = b


class pairwise(_GenIter):
    """Return an iterator of overlapping pairs taken from the input iterator."""
    __slots__ = ()

    def __new__(cls, *args, **kw):
        _nokw('pairwise', kw)
        _nargs('pairwise', args, 1, 1)
        return _new(cls, _pairwise_gen(iter(args[0])))


class _ZipLongestDone(Exception):
    pass


def _zip_longest_gen(its, fillvalue):
    if not its:
        return
    active = [len(its)]

    def padded(it):
        for x in it:
            yield x
        active[0] -= 1
        if not active[0]:
            raise _ZipLongestDone
        while True:
            yield fillvalue

    try:
        for values in zip(*[padded(it) for it in its]):
            yield values
    except _ZipLongestDone:
        return


class zip_longest(_GenIter):
    """Return a zip_longest object whose .__next__() method returns a tuple where the i-th element
    comes from the i-th iterable argument, missing values being filled with fillvalue."""
    __slots__ = ()

    def __new__(cls, *args, **kw):
        fillvalue = None
        if kw:
            if len(kw) != 1 or 'fillvalue' not in kw:
                raise TypeError('zip_longest() got an unexpected keyword argument')
            fillvalue = kw['fillvalue']
        return _new(cls, _zip_longest_gen(tuple([iter(a) for a in args]), fillvalue))


# ---------------------------------------------------------------- islice

_STOP_MSG = 'Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.'
_INDEX_MSG = 'Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.'
_STEP_MSG = 'Step for islice() must be a positive integer or None.'


def _islice_arg(x):
    # PyNumber_AsSsize_t with the error cleared: -1 for anything unusable
    try:
        x = _index(x)
    except TypeError:
        return -1
    if x > _MAXSIZE or x < -_MAXSIZE - 1:
        return -1
    return x


def _islice_stop_gen(it, stop):
    for _, x in zip(range(stop), it):
        yield x


def _islice_gen(it, start, stop, step):
    # as CPython: the first `start` items are skipped even when stop < start,
    # and at most `stop` items are consumed from `it` in all.
    if start:
        skipped = 0
        for skipped, _ in zip(range(1, start + 1), it):
            pass
        if skipped < start:
            return
    if stop is None:
        stop = _MAXSIZE     # CPython counts in a Py_ssize_t as well
    elif stop <= start:
        return
    nxt = start
    for i, x in zip(range(start, stop), it):
        if i == nxt:
            nxt += step
            yield x


class islice(_GenIter):
    """islice(iterable, stop) --> islice object
    islice(iterable, start, stop[, step]) --> islice object"""
    __slots__ = ()

    def __new__(cls, *args, **kw):
        _nokw('islice', kw)
        _nargs('islice', args, 2, 4)
        n = len(args)
        start = 0
        stop = -1
        step = 1
        if n == 2:
            if args[1] is not None:
                stop = _islice_arg(args[1])
                if stop == -1:
                    raise ValueError(_STOP_MSG)
        else:
            if args[1] is not None:
                start = _islice_arg(args[1])
            if args[2] is not None:
                stop = _islice_arg(args[2])
                if stop == -1:
                    raise ValueError(_STOP_MSG)
        if start < 0 or stop < -1:
            raise ValueError(_INDEX_MSG)
        if n == 4 and args[3] is not None:
            step = _islice_arg(args[3])
            if step < 1:
                raise ValueError(_STEP_MSG)
        if stop == -1:
            stop = None
        it = iter(args[0])
        if start == 0 and step == 1:
            if stop is None:
                gen = _chain_gen((it,))
            else:
                gen = _islice_stop_gen(it, stop)
        else:
            gen = _islice_gen(it, start, stop, step)
        return _new(cls, gen)


# ---------------------------------------------------------------- groupby

def _groupby_gen(it, keyfunc):
    # The state CPython keeps in the groupby object lives in this frame; the
    # groupers (generators defined below) share it through closure cells.
    # current: the _grouper object that may still produce items.
    currkey = currvalue = tgtkey = _NULL
    current = None

    def grouper_gen(token, tgt):
        nonlocal currkey, currvalue
        while current is token:
            if currvalue is _NULL:
                for value in it:
                    break
                else:
                    return
                currkey = value if keyfunc is None else keyfunc(value)
                currvalue = value
            key = currkey
            if not (tgt is key or tgt == key):
                return
            value = currvalue
            currvalue = currkey = _NULL
            yield value

    while True:
        current = None
        key = currkey
        while key is _NULL or not (tgtkey is _NULL or not (tgtkey is key or tgtkey == key)):
            for value in it:
                break
            else:
                return
            key = value if keyfunc is None else keyfunc(value)
            currvalue = value
            currkey = key
        tgtkey = key
        token = object.__new__(_grouper)
        token._it = grouper_gen(token, key)
        current = token
        yield (key, token)


class groupby(_GenIter):
    """make an iterator that returns consecutive keys and groups from the iterable"""
    __slots__ = ()

    def __new__(cls, *args, **kw):
        iterable, key = _parse('groupby', args, kw, ('iterable', 'key'), 1, 2, (None, None))
        return _new(cls, _groupby_gen(iter(iterable), key))


class _grouper(_GenIter):
    __slots__ = ()


# ---------------------------------------------------------------- tee

class _teedata:
    """What a set of tee iterators share: the source and a running flag."""
    __slots__ = ('it', 'running')


def _tee_gen(self, data):
    # self._link is the last node this iterator returned: a list
    # [value, next node or None]; it is kept current for __copy__.
    link = self._link
    while True:
        node = link[1]
        if node is None:
            if data.running:
                raise RuntimeError('cannot re-enter the tee iterator')
            data.running = True
            try:
                for value in data.it:
                    break
                else:
                    return
            finally:
                data.running = False
            node = link[1]
            if node is None:
                node = [value, None]
                link[1] = node
        self._link = link = node
        yield node[0]


class _tee(_GenIter):
    """Iterator wrapped to make it copyable."""
    __slots__ = ('_data', '_link')

    def __new__(cls, iterable):
        if isinstance(iterable, _tee):    # iter() of a _tee is itself in CPython
            return iterable.__copy__()
        it = iter(iterable)
        data = _teedata()
        data.it = it
        data.running = False
        self = object.__new__(cls)
        self._data = data
        self._link = [None, None]
        self._it = _tee_gen(self, data)
        return self

    def __copy__(self):
        new = object.__new__(type(self))
        new._data = self._data
        new._link = self._link
        new._it = _tee_gen(new, self._data)
        return new


def tee(*args, **kw):
    """Returns a tuple of n independent iterators."""
    _nokw('itertools.tee', kw)
    _nargs('tee', args, 1, 2)
    n = _ssize(args[1]) if len(args) == 2 else 2
    if n < 0:
        raise ValueError('n must be >= 0')
    if n == 0:
        return ()
    it = args[0]
    if not isinstance(it, _tee):    # iter() of a _tee is itself in CPython
        it = iter(it)
        if getattr(it, '__copy__', None) is None:
            it = _tee(it)
    result = [it]
    for _ in range(n - 1):
        it = it.__copy__()
        result.append(it)
    return tuple(result)


# ---------------------------------------------------------------- combinatorics

_PAIR_LIMIT = 250000    # most tuples the combinatoric generators precompute


def _odometer(pools):
    """Product of the non-empty tuples in pools, in lexicographic order."""
    n = len(pools)
    idx = [0] * n
    cur = [p[0] for p in pools]
    yield tuple(cur)
    while True:
        i = n - 1
        while i >= 0:
            pool = pools[i]
            j = idx[i] + 1
            if j < len(pool):
                idx[i] = j
                cur[i] = pool[j]
                break
            idx[i] = 0
            cur[i] = pool[0]
            i -= 1
        else:
            return
        yield tuple(cur)


def _product_gen(pools):
    if not pools:
        yield ()
        return
    for p in pools:
        if not p:
            return
    # the last pools' product is precomputed once (at least 64 tuples when
    # the pools allow), the other pools advance as an odometer
    k = len(pools) - 1
    size = len(pools[k])
    while k > 0 and size < 64:
        k -= 1
        size *= len(pools[k])
    if size > _PAIR_LIMIT:
        # too big to precompute: only the last pool varies in the inner loop
        last = pools[-1]
        if len(pools) == 1:
            for x in last:
                yield (x,)
            return
        for prefix in _odometer(pools[:-1]):
            for x in last:
                yield prefix + (x,)
        return
    tails = list(_odometer(pools[k:]))
    if k == 0:
        yield from tails
        return
    for prefix in _odometer(pools[:k]):
        for t in tails:
            yield prefix + t


class product(_GenIter):
    """Cartesian product of input iterables.  Equivalent to nested for-loops."""
    __slots__ = ()

    def __new__(cls, *args, **kw):
        repeat = 1
        if kw:
            if len(kw) > 1:
                raise TypeError('product() takes at most 1 keyword argument (%d given)' % len(kw))
            if 'repeat' not in kw:
                raise TypeError("'%s' is an invalid keyword argument for product()" % list(kw)[0])
            repeat = _ssize(kw['repeat'])
            if repeat < 0:
                raise ValueError('repeat argument cannot be negative')
        pools = [tuple(a) for a in args]
        if repeat != 1:
            pools = pools * repeat if pools else []
        return _new(cls, _product_gen(pools))


def _check_r(r):
    r = _ssize(r)
    if r < 0:
        raise ValueError('r must be non-negative')
    return r


def _perm_count(n, k):
    c = 1
    for i in range(n - k + 1, n + 1):
        c *= i
    return c


def _suffixes(singles, rest, d):
    """The d-permutations of the items at indices `rest` (increasing), as
    tuples, in lexicographic order of indices."""
    if d == 1:
        return [singles[i] for i in rest]
    out = []
    for k in range(len(rest)):
        head = singles[rest[k]]
        for tail in _suffixes(singles, rest[:k] + rest[k + 1:], d - 1):
            out.append(head + tail)
    return out


def _permutations_gen(pool, r):
    n = len(pool)
    if r > n:
        return
    if r == 0:
        yield ()
        return
    singles = [(x,) for x in pool]
    # Positions 0..m-1 (the prefix) follow CPython's index algorithm, i.e.
    # lexicographic order of indices; the last d positions are the
    # d-permutations of the remaining indices taken in increasing order, so
    # the whole output stays lexicographic.  d is chosen so that each prefix
    # has a batch of suffixes; batches are cached per set of remaining
    # indices when they all fit in a modest amount of memory.
    d = 1
    while d < r and _perm_count(n - r + d, d) < 16:
        d += 1
    m = r - d
    if m == 0:
        yield from _suffixes(singles, tuple(range(n)), d)
        return
    per = _perm_count(n - m, d)
    cache = {} if _perm_count(n, m) // _perm_count(m, m) * per <= 50000 else None
    indices = list(range(n))
    cycles = list(range(n, n - m, -1))
    while True:
        prefix = tuple([pool[i] for i in indices[:m]])
        rest = tuple(sorted(indices[m:]))
        if cache is None:
            batch = _suffixes(singles, rest, d)
        else:
            batch = cache.get(rest)
            if batch is None:
                batch = cache[rest] = _suffixes(singles, rest, d)
        for tail in batch:
            yield prefix + tail
        i = m - 1
        while i >= 0:
            c = cycles[i] - 1
            if c == 0:
                indices[i:] = indices[i + 1:] + indices[i:i + 1]
                cycles[i] = n - i
                i -= 1
            else:
                cycles[i] = c
                j = n - c
                indices[i], indices[j] = indices[j], indices[i]
                break
        else:
            return


class permutations(_GenIter):
    """Return successive r-length permutations of elements in the iterable."""
    __slots__ = ()

    def __new__(cls, *args, **kw):
        iterable, r = _parse('permutations', args, kw, ('iterable', 'r'), 1, 2, (None, None))
        pool = tuple(iterable)
        if r is None:
            r = len(pool)
        else:
            if not isinstance(r, int):
                raise TypeError('Expected int as r')
            r = _check_r(r)
        return _new(cls, _permutations_gen(pool, r))


def _combinations_gen(pool, r):
    n = len(pool)
    if r > n:
        return
    if r == 0:
        yield ()
        return
    if r == 1:
        for x in pool:
            yield (x,)
        return
    # The first r-d indices (the prefix) advance in CPython's order; the last
    # d positions run over the indices after the prefix's last one, from
    # precomputed tuples: d = 2 (rows[j] holds the pairs (j, k > j)) when
    # those pairs fit in memory, else d = 1.
    if n * (n - 1) // 2 <= _PAIR_LIMIT:
        rows = [[(pool[j], pool[k]) for k in range(j + 1, n)] for j in range(n)]
        if r == 2:
            for row in rows:
                yield from row
            return
        m = r - 2
        top = n - 2     # the prefix is an m-combination of range(n - 2)
        indices = list(range(m))
        while True:
            prefix = tuple([pool[i] for i in indices])
            for row in rows[indices[-1] + 1:]:
                for t in row:
                    yield prefix + t
            i = m - 1
            while i >= 0:
                if indices[i] != i + top - m:
                    break
                i -= 1
            else:
                return
            indices[i] += 1
            for j in range(i + 1, m):
                indices[j] = indices[j - 1] + 1
    m = r - 1
    top = n - 1         # the prefix is an m-combination of range(n - 1)
    indices = list(range(m))
    singles = [(x,) for x in pool] if n <= _PAIR_LIMIT else None
    while True:
        prefix = tuple([pool[i] for i in indices])
        if singles is None:
            for j in range(indices[-1] + 1, n):
                yield prefix + (pool[j],)
        else:
            for x in singles[indices[-1] + 1:]:
                yield prefix + x
        i = m - 1
        while i >= 0:
            if indices[i] != i + top - m:
                break
            i -= 1
        else:
            return
        indices[i] += 1
        for j in range(i + 1, m):
            indices[j] = indices[j - 1] + 1


class combinations(_GenIter):
    """Return successive r-length combinations of elements in the iterable."""
    __slots__ = ()

    def __new__(cls, *args, **kw):
        iterable, r = _parse('combinations', args, kw, ('iterable', 'r'), 2, 2, (None, None))
        pool = tuple(iterable)
        return _new(cls, _combinations_gen(pool, _check_r(r)))


def _cwr_gen(pool, r):
    n = len(pool)
    if r == 0:
        yield ()
        return
    if n == 0:
        return
    if r == 1:
        for x in pool:
            yield (x,)
        return
    # as _combinations_gen: a prefix of non-decreasing indices, then the last
    # d positions from precomputed tuples (rows[j]: the pairs (j, k >= j)).
    if n * (n + 1) // 2 <= _PAIR_LIMIT:
        rows = [[(pool[j], pool[k]) for k in range(j, n)] for j in range(n)]
        if r == 2:
            for row in rows:
                yield from row
            return
        m = r - 2
    else:
        m = r - 1
        rows = None
    indices = [0] * m
    while True:
        prefix = tuple([pool[i] for i in indices])
        if rows is None:
            for j in range(indices[-1], n):
                yield prefix + (pool[j],)
        else:
            for row in rows[indices[-1]:]:
                for t in row:
                    yield prefix + t
        i = m - 1
        while i >= 0:
            if indices[i] != n - 1:
                break
            i -= 1
        else:
            return
        v = indices[i] + 1
        for j in range(i, m):
            indices[j] = v


class combinations_with_replacement(_GenIter):
    """Return successive r-length combinations of elements in the iterable allowing individual elements to have successive repeats."""
    __slots__ = ()

    def __new__(cls, *args, **kw):
        iterable, r = _parse('combinations_with_replacement', args, kw, ('iterable', 'r'),
                             2, 2, (None, None))
        pool = tuple(iterable)
        return _new(cls, _cwr_gen(pool, _check_r(r)))
