"""Heap queue algorithm (pyvm's implementation of the heapq module).

Provides heappush, heappop, heapify, heapreplace, heappushpop, merge,
nlargest and nsmallest (and the private max-heap helpers that CPython's
heapq exposes) with CPython 3.10's algorithms, so results, tie behaviour,
the sequence of '<' comparisons and the error messages are the same.
"""

__all__ = ['heappush', 'heappop', 'heapify', 'heapreplace', 'merge',
           'nlargest', 'nsmallest', 'heappushpop']


def _check_list(heap, func, first=True):
    if not isinstance(heap, list):
        raise TypeError('%s() argument%s must be list, not %s'
                        % (func, ' 1' if first else '', type(heap).__name__))


def _siftdown(heap, startpos, pos):
    """Move heap[pos] up towards startpos while it is smaller than its parent."""
    newitem = heap[pos]
    size = len(heap)
    while pos > startpos:
        parentpos = (pos - 1) >> 1
        parent = heap[parentpos]
        smaller = newitem < parent
        if size != len(heap):
            raise RuntimeError('list changed size during iteration')
        if not smaller:
            break
        newitem = heap[pos]
        parent = heap[parentpos]
        heap[parentpos] = newitem
        heap[pos] = parent
        pos = parentpos


def _siftup(heap, pos):
    """Move the smaller child up until heap[pos] reaches a leaf, then sift
    the item placed there back down (CPython's siftup)."""
    endpos = len(heap)
    startpos = pos
    limit = endpos >> 1
    while pos < limit:
        childpos = 2 * pos + 1
        if childpos + 1 < endpos:
            smaller = heap[childpos] < heap[childpos + 1]
            if endpos != len(heap):
                raise RuntimeError('list changed size during iteration')
            if not smaller:
                childpos += 1
        tmp = heap[childpos]
        heap[childpos] = heap[pos]
        heap[pos] = tmp
        pos = childpos
    _siftdown(heap, startpos, pos)


def _siftdown_max(heap, startpos, pos):
    newitem = heap[pos]
    size = len(heap)
    while pos > startpos:
        parentpos = (pos - 1) >> 1
        parent = heap[parentpos]
        larger = parent < newitem
        if size != len(heap):
            raise RuntimeError('list changed size during iteration')
        if not larger:
            break
        newitem = heap[pos]
        parent = heap[parentpos]
        heap[parentpos] = newitem
        heap[pos] = parent
        pos = parentpos


def _siftup_max(heap, pos):
    endpos = len(heap)
    startpos = pos
    limit = endpos >> 1
    while pos < limit:
        childpos = 2 * pos + 1
        if childpos + 1 < endpos:
            larger = heap[childpos + 1] < heap[childpos]
            if endpos != len(heap):
                raise RuntimeError('list changed size during iteration')
            if not larger:
                childpos += 1
        tmp = heap[childpos]
        heap[childpos] = heap[pos]
        heap[pos] = tmp
        pos = childpos
    _siftdown_max(heap, startpos, pos)


def heappush(heap, item):
    """Push item onto heap, maintaining the heap invariant."""
    _check_list(heap, 'heappush')
    heap.append(item)
    _siftdown(heap, 0, len(heap) - 1)


def heappop(heap):
    """Pop the smallest item off the heap, maintaining the heap invariant."""
    _check_list(heap, 'heappop', False)
    if not heap:
        raise IndexError('index out of range')
    lastelt = heap.pop()
    if heap:
        returnitem = heap[0]
        heap[0] = lastelt
        _siftup(heap, 0)
        return returnitem
    return lastelt


def heapreplace(heap, item):
    """Pop and return the current smallest value, and add the new item.

    This is more efficient than heappop() followed by heappush(), and can be
    more appropriate when using a fixed-size heap.  Note that the value
    returned may be larger than item!  That constrains reasonable uses of
    this routine unless written as part of a conditional replacement:

        if item > heap[0]:
            item = heapreplace(heap, item)
    """
    _check_list(heap, 'heapreplace')
    if not heap:
        raise IndexError('index out of range')
    returnitem = heap[0]
    heap[0] = item
    _siftup(heap, 0)
    return returnitem


def heappushpop(heap, item):
    """Fast version of a heappush followed by a heappop."""
    _check_list(heap, 'heappushpop')
    if not heap:
        return item
    if not heap[0] < item:
        return item
    if not heap:
        raise IndexError('index out of range')
    returnitem = heap[0]
    heap[0] = item
    _siftup(heap, 0)
    return returnitem


def _heapify_with(heap, siftup):
    n = len(heap)
    if n <= 2500:
        for i in range((n >> 1) - 1, -1, -1):
            siftup(heap, i)
        return
    # CPython's cache-friendly order: each subtree is finished before its
    # parent (the resulting heap is the same as the simple order's).
    m = n >> 1
    leftmost = (1 << ((m + 1).bit_length() - 1)) - 1
    mhalf = m >> 1
    for i in range(leftmost - 1, mhalf - 1, -1):
        j = i
        while True:
            siftup(heap, j)
            if not j & 1:
                break
            j >>= 1
    for i in range(m - 1, leftmost - 1, -1):
        j = i
        while True:
            siftup(heap, j)
            if not j & 1:
                break
            j >>= 1


def heapify(x):
    """Transform list into a heap, in-place, in O(len(x)) time."""
    _check_list(x, 'heapify', False)
    _heapify_with(x, _siftup)


def _heappop_max(heap):
    """Maxheap version of a heappop."""
    _check_list(heap, '_heappop_max', False)
    if not heap:
        raise IndexError('index out of range')
    lastelt = heap.pop()
    if heap:
        returnitem = heap[0]
        heap[0] = lastelt
        _siftup_max(heap, 0)
        return returnitem
    return lastelt


def _heapreplace_max(heap, item):
    """Maxheap version of a heappop followed by a heappush."""
    _check_list(heap, '_heapreplace_max')
    if not heap:
        raise IndexError('index out of range')
    returnitem = heap[0]
    heap[0] = item
    _siftup_max(heap, 0)
    return returnitem


def _heapify_max(x):
    """Transform list into a maxheap, in-place, in O(len(x)) time."""
    _check_list(x, '_heapify_max', False)
    _heapify_with(x, _siftup_max)


def merge(*iterables, key=None, reverse=False):
    """Merge multiple sorted inputs into a single sorted output.

    Similar to sorted(itertools.chain(*iterables)) but returns a generator,
    does not pull the data into memory all at once, and assumes that each of
    the input streams is already sorted (smallest to largest).

    If *key* is not None, applies a key function to each element to determine
    its sort order.  With *reverse* true, the inputs must be sorted from
    largest to smallest.
    """
    h = []
    if reverse:
        _heapify_ = _heapify_max
        _heappop_ = _heappop_max
        _heapreplace_ = _heapreplace_max
        direction = -1
    else:
        _heapify_ = heapify
        _heappop_ = heappop
        _heapreplace_ = heapreplace
        direction = 1

    # Each heap entry is [value-or-key, input order, (value,) next-function]:
    # equal values come out in the order of their inputs.
    if key is None:
        for order, it in enumerate(map(iter, iterables)):
            nxt = it.__next__
            try:
                h.append([nxt(), order * direction, nxt])
            except StopIteration:
                pass
        _heapify_(h)
        while len(h) > 1:
            try:
                while True:
                    s = h[0]
                    value, order, nxt = s
                    yield value
                    s[0] = nxt()
                    _heapreplace_(h, s)
            except StopIteration:
                _heappop_(h)
        if h:
            value, order, nxt = h[0]
            yield value
            yield from nxt.__self__
        return

    for order, it in enumerate(map(iter, iterables)):
        nxt = it.__next__
        try:
            value = nxt()
            h.append([key(value), order * direction, value, nxt])
        except StopIteration:
            pass
    _heapify_(h)
    while len(h) > 1:
        try:
            while True:
                s = h[0]
                k, order, value, nxt = s
                yield value
                value = nxt()
                s[0] = key(value)
                s[2] = value
                _heapreplace_(h, s)
        except StopIteration:
            _heappop_(h)
    if h:
        k, order, value, nxt = h[0]
        yield value
        yield from nxt.__self__


_sentinel = object()


def nsmallest(n, iterable, key=None):
    """Find the n smallest elements in a dataset.

    Equivalent to:  sorted(iterable, key=key)[:n]
    """
    if n == 1:
        it = iter(iterable)
        if key is None:
            result = min(it, default=_sentinel)
        else:
            result = min(it, default=_sentinel, key=key)
        return [] if result is _sentinel else [result]

    try:
        size = len(iterable)
    except (TypeError, AttributeError):
        pass
    else:
        if n >= size:
            return sorted(iterable, key=key)[:n]

    it = iter(iterable)
    if key is None:
        result = [(elem, i) for i, elem in zip(range(n), it)]
        if not result:
            return result
        _heapify_max(result)
        top = result[0][0]
        order = n
        for elem in it:
            if elem < top:
                _heapreplace_max(result, (elem, order))
                top = result[0][0]
                order += 1
        result.sort()
        return [elem for elem, order in result]

    result = [(key(elem), i, elem) for i, elem in zip(range(n), it)]
    if not result:
        return result
    _heapify_max(result)
    top = result[0][0]
    order = n
    for elem in it:
        k = key(elem)
        if k < top:
            _heapreplace_max(result, (k, order, elem))
            top = result[0][0]
            order += 1
    result.sort()
    return [elem for k, order, elem in result]


def nlargest(n, iterable, key=None):
    """Find the n largest elements in a dataset.

    Equivalent to:  sorted(iterable, key=key, reverse=True)[:n]
    """
    if n == 1:
        it = iter(iterable)
        if key is None:
            result = max(it, default=_sentinel)
        else:
            result = max(it, default=_sentinel, key=key)
        return [] if result is _sentinel else [result]

    try:
        size = len(iterable)
    except (TypeError, AttributeError):
        pass
    else:
        if n >= size:
            return sorted(iterable, key=key, reverse=True)[:n]

    it = iter(iterable)
    if key is None:
        result = [(elem, i) for i, elem in zip(range(0, -n, -1), it)]
        if not result:
            return result
        heapify(result)
        top = result[0][0]
        order = -n
        for elem in it:
            if top < elem:
                heapreplace(result, (elem, order))
                top = result[0][0]
                order -= 1
        result.sort(reverse=True)
        return [elem for elem, order in result]

    result = [(key(elem), i, elem) for i, elem in zip(range(0, -n, -1), it)]
    if not result:
        return result
    heapify(result)
    top = result[0][0]
    order = -n
    for elem in it:
        k = key(elem)
        if top < k:
            heapreplace(result, (k, order, elem))
            top = result[0][0]
            order -= 1
    result.sort(reverse=True)
    return [elem for k, order, elem in result]
