"""Shallow and deep copy operations (pyvm's implementation of the copy module).

Provides copy(), deepcopy() and Error with CPython 3.10's algorithm: the
per-type dispatch tables, __copy__/__deepcopy__, the memo (recursive and
shared structures), and reconstruction from the __reduce_ex__ protocol.

pyvm's built-in types do not implement __reduce_ex__/__reduce__ (pickling),
so this module computes what CPython's object.__reduce_ex__(4) and the
built-in types' __reduce__ methods would return: instances of classes are
rebuilt with cls.__new__(cls, *__getnewargs__()) plus their __dict__ and
__slots__ state (or __getstate__/__setstate__), subclasses of list/dict get
their items, and set/frozenset/bytearray/slice/int/str/tuple/... (and their
subclasses) and exceptions are handled like their C __reduce__. A class
defining __reduce_ex__ or __reduce__ itself is used as is. copyreg's
dispatch_table is not consulted (pyvm has no copyreg).
"""

__all__ = ['Error', 'copy', 'deepcopy']


class Error(Exception):
    pass


error = Error   # backward compatibility


def _func():
    pass


class _C:
    def _m(self):
        pass


_NoneType = type(None)
_EllipsisType = type(Ellipsis)
_NotImplementedType = type(NotImplemented)
_FunctionType = type(_func)
_CodeType = type(_func.__code__)
_BuiltinFunctionType = type(len)
_MethodType = type(_C()._m)
del _func, _C


# ---------------------------------------------------------------- reduction

def __newobj__(cls, *args):
    return cls.__new__(cls, *args)


def __newobj_ex__(cls, args, kwargs):
    return cls.__new__(cls, *args, **kwargs)


def _defines(cls, name):
    """True when a class of cls's MRO other than object defines `name`
    (i.e. the object's own reduction must be used)."""
    for c in cls.__mro__:
        if c is object:
            return False
        if name in c.__dict__:
            return True
    return False


_BUILTIN_VALUE_TYPES = (int, float, complex, str, bytes, tuple)


def _builtin_base(cls):
    """The first built-in class of cls's MRO (object for plain classes)."""
    for c in cls.__mro__:
        if c.__module__ == 'builtins':
            return c
    return object


def _slotnames(cls):
    names = []
    for c in cls.__mro__:
        slots = c.__dict__.get('__slots__')
        if slots is None:
            continue
        if isinstance(slots, str):
            slots = (slots,)
        for name in slots:
            if name in ('__dict__', '__weakref__'):
                continue
            if name.startswith('__') and not name.endswith('__'):
                stripped = c.__name__.lstrip('_')
                if stripped:
                    name = '_%s%s' % (stripped, name)
            names.append(name)
    return names


def _object_state(obj, cls):
    getstate = getattr(obj, '__getstate__', None)
    if getstate is not None and _defines(cls, '__getstate__'):
        return getstate()
    d = getattr(obj, '__dict__', None)
    state = d if d else None
    names = _slotnames(cls)
    if names:
        slots = {}
        for name in names:
            try:
                slots[name] = getattr(obj, name)
            except AttributeError:
                pass
        if slots:
            state = (state, slots)
    return state


def _reduce(obj):
    """What obj.__reduce_ex__(4) returns in CPython."""
    cls = type(obj)
    if _defines(cls, '__reduce_ex__'):
        return obj.__reduce_ex__(4)
    if _defines(cls, '__reduce__'):
        return obj.__reduce__()
    base = _builtin_base(cls)
    if base is set or base is frozenset:
        return cls, (list(obj),), getattr(obj, '__dict__', None) or None
    if base is bytearray:
        return cls, (bytes(obj),), getattr(obj, '__dict__', None) or None
    if base is slice:
        return cls, (obj.start, obj.stop, obj.step)
    if issubclass(base, BaseException):
        return cls, obj.args, getattr(obj, '__dict__', None) or None
    if base is not object and base not in (list, dict) and \
            not issubclass(base, _BUILTIN_VALUE_TYPES):
        raise TypeError("cannot pickle '%s' object" % cls.__name__)

    kwargs = None
    if _defines(cls, '__getnewargs_ex__'):
        result = obj.__getnewargs_ex__()
        if not isinstance(result, tuple):
            raise TypeError('__getnewargs_ex__ should return a tuple, not %r'
                            % type(result).__name__)
        if len(result) != 2:
            raise ValueError('__getnewargs_ex__ should return a tuple of length 2, '
                             'not %d' % len(result))
        args, kwargs = result
        if not isinstance(args, tuple):
            raise TypeError('first item of the tuple returned by __getnewargs_ex__ '
                            'must be a tuple, not %r' % type(args).__name__)
        if not isinstance(kwargs, dict):
            raise TypeError('second item of the tuple returned by __getnewargs_ex__ '
                            'must be a dict, not %r' % type(kwargs).__name__)
    elif _defines(cls, '__getnewargs__'):
        args = obj.__getnewargs__()
        if not isinstance(args, tuple):
            raise TypeError('__getnewargs__ should return a tuple, not %r'
                            % type(args).__name__)
    elif issubclass(base, _BUILTIN_VALUE_TYPES):
        args = (base(obj),)
    else:
        args = ()
    state = _object_state(obj, cls)
    listitems = iter(obj) if isinstance(obj, list) else None
    dictitems = iter(obj.items()) if isinstance(obj, dict) else None
    if kwargs:
        return __newobj_ex__, (cls, args, kwargs), state, listitems, dictitems
    return (__newobj__, (cls,) + args, state, listitems, dictitems)


def _reconstruct(x, memo, func, args, state=None, listiter=None, dictiter=None,
                 *, deepcopy=None):
    deep = memo is not None
    if deep and args:
        args = deepcopy(args, memo)
    y = func(*args)
    if deep:
        memo[id(x)] = y

    if state is not None:
        if deep:
            state = deepcopy(state, memo)
        setstate = getattr(y, '__setstate__', None)
        if setstate is not None:
            setstate(state)
        else:
            if isinstance(state, tuple) and len(state) == 2:
                state, slotstate = state
            else:
                slotstate = None
            if state is not None:
                y.__dict__.update(state)
            if slotstate is not None:
                for key, value in slotstate.items():
                    setattr(y, key, value)

    if listiter is not None:
        if deep:
            for item in listiter:
                y.append(deepcopy(item, memo))
        else:
            for item in listiter:
                y.append(item)
    if dictiter is not None:
        if deep:
            for key, value in dictiter:
                key = deepcopy(key, memo)
                value = deepcopy(value, memo)
                y[key] = value
        else:
            for key, value in dictiter:
                y[key] = value
    return y


# ---------------------------------------------------------------- copy

def _copy_immutable(x):
    return x


_copy_dispatch = {}
for _t in (_NoneType, int, float, bool, complex, str, tuple, bytes, frozenset,
           type, range, slice, property, _BuiltinFunctionType, _EllipsisType,
           _NotImplementedType, _FunctionType, _CodeType):
    _copy_dispatch[_t] = _copy_immutable
_copy_dispatch[list] = list.copy
_copy_dispatch[dict] = dict.copy
_copy_dispatch[set] = set.copy
_copy_dispatch[bytearray] = bytearray.copy
del _t


def copy(x):
    """Shallow copy operation on arbitrary Python objects.

    See the module's __doc__ string for more info.
    """
    cls = type(x)
    copier = _copy_dispatch.get(cls)
    if copier:
        return copier(x)
    if issubclass(cls, type):
        return x
    copier = getattr(cls, '__copy__', None)
    if copier is not None:
        return copier(x)
    rv = _reduce(x)
    if isinstance(rv, str):
        return x
    return _reconstruct(x, None, *rv)


# ---------------------------------------------------------------- deepcopy

def _deepcopy_atomic(x, memo):
    return x


def _deepcopy_list(x, memo):
    y = []
    memo[id(x)] = y
    append = y.append
    for a in x:
        append(deepcopy(a, memo))
    return y


def _deepcopy_tuple(x, memo):
    y = [deepcopy(a, memo) for a in x]
    # A tuple can reach itself through a mutable member: then the copy was
    # already made while copying the members.
    try:
        return memo[id(x)]
    except KeyError:
        pass
    for k, j in zip(x, y):
        if k is not j:
            return tuple(y)
    return x


def _deepcopy_dict(x, memo):
    y = {}
    memo[id(x)] = y
    for key, value in x.items():
        y[deepcopy(key, memo)] = deepcopy(value, memo)
    return y


def _deepcopy_method(x, memo):
    func = x.__func__
    obj = deepcopy(x.__self__, memo)
    get = getattr(type(func), '__get__', None)
    if get is not None:
        return get(func, obj, type(obj))
    return type(x)(func, obj)


_deepcopy_dispatch = {}
for _t in (_NoneType, _EllipsisType, _NotImplementedType, int, float, bool,
           complex, bytes, str, _CodeType, type, range, _BuiltinFunctionType,
           _FunctionType, property):
    _deepcopy_dispatch[_t] = _deepcopy_atomic
_deepcopy_dispatch[list] = _deepcopy_list
_deepcopy_dispatch[tuple] = _deepcopy_tuple
_deepcopy_dispatch[dict] = _deepcopy_dict
_deepcopy_dispatch[_MethodType] = _deepcopy_method
del _t


def _keep_alive(x, memo):
    """Keeps a reference to the object x in the memo, so that the ids of
    the originals stay valid while the copy runs."""
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


def deepcopy(x, memo=None, _nil=[]):
    """Deep copy operation on arbitrary Python objects.

    See the module's __doc__ string for more info.
    """
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y

    cls = type(x)
    copier = _deepcopy_dispatch.get(cls)
    if copier is not None:
        y = copier(x, memo)
    elif issubclass(cls, type):
        y = x
    else:
        copier = getattr(x, '__deepcopy__', None)
        if copier is not None:
            y = copier(memo)
        else:
            rv = _reduce(x)
            if isinstance(rv, str):
                y = x
            else:
                y = _reconstruct(x, memo, *rv, deepcopy=deepcopy)
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y
