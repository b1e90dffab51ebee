"""Names for the built-in types (pyvm's implementation of the types module).

Each type is taken from a real object wherever pyvm has one (type(len),
type(sys), a generator, a traceback, ...). Where pyvm has no such object
the name is still defined, with a stand-in written here:
  - MappingProxyType: a read-only mapping class (pyvm's class __dict__ is a
    plain dict, so type(type.__dict__) cannot be used);
  - SimpleNamespace: a class written here (pyvm's sys.implementation type
    cannot be instantiated);
  - GenericAlias: a class written here (list[int] is not supported by the VM);
    TypeVar substitution works for typing-like TypeVars, `|` is not supported;
  - GetSetDescriptorType, UnionType, and FrameType if the VM has no frames:
    uninstantiable placeholder classes (pyvm has no such objects);
  - ClassMethodDescriptorType is what pyvm gives for dict.__dict__['fromkeys'],
    which is its method_descriptor type;
  - ModuleType, MethodType and FunctionType are the real types, but pyvm
    cannot create instances by calling them;
  - coroutine(): pyvm cannot rewrite a code object's flags (no
    code.replace), so a generator function is wrapped instead of being
    returned with CO_ITERABLE_COROUTINE set.
Also: new_class, prepare_class, resolve_bases, DynamicClassAttribute.
"""

import sys


def _f():
    pass


FunctionType = type(_f)
LambdaType = type(lambda: None)
CodeType = type(_f.__code__)


def _cell_factory():
    a = 1

    def f():
        nonlocal a
    return f.__closure__[0]


CellType = type(_cell_factory())


def _g():
    yield 1


GeneratorType = type(_g())


async def _c():
    pass


_c = _c()
CoroutineType = type(_c)
_c.close()


async def _ag():
    yield


_ag = _ag()
AsyncGeneratorType = type(_ag)


class _C:
    def _m(self):
        pass


MethodType = type(_C()._m)

BuiltinFunctionType = type(len)
BuiltinMethodType = type([].append)

WrapperDescriptorType = type(object.__init__)
MethodWrapperType = type(object().__str__)
MethodDescriptorType = type(str.join)
ClassMethodDescriptorType = type(dict.__dict__['fromkeys'])

ModuleType = type(sys)

EllipsisType = type(Ellipsis)
NoneType = type(None)
NotImplementedType = type(NotImplemented)


def _placeholder(name, module='builtins'):
    """An uninstantiable class standing for a built-in type that pyvm does
    not have (so isinstance() against it is simply False)."""
    def __new__(cls, *args, **kwargs):
        raise TypeError("cannot create '%s' instances" % (
            name if module == 'builtins' else module + '.' + name))
    return type(name, (), {'__new__': __new__, '__module__': module,
                           '__slots__': ()})


try:
    raise TypeError
except TypeError as _e:
    TracebackType = type(_e.__traceback__)
    _tb = _e.__traceback__

_frame = None
try:
    _frame = sys._getframe(0)
except (AttributeError, ValueError):
    try:
        _frame = _tb.tb_frame
    except AttributeError:
        pass
FrameType = type(_frame) if _frame is not None else _placeholder('frame')
del _frame, _tb


class _Slotted:
    __slots__ = ('_x',)


MemberDescriptorType = type(_Slotted.__dict__['_x'])


def _find_getset():
    # CPython's FunctionType.__code__ is a getset descriptor; pyvm may not
    # expose one.
    for owner, name in ((FunctionType, '__code__'), (type, '__dict__'),
                        (BaseException, 'args'), (int, 'real')):
        d = owner.__dict__.get(name)
        if d is not None and type(d).__name__ == 'getset_descriptor':
            return type(d)
    return _placeholder('getset_descriptor')


GetSetDescriptorType = _find_getset()

try:
    UnionType = type(int | str)
except TypeError:
    UnionType = _placeholder('UnionType', 'types')

del _f, _g, _C, _c, _ag, _Slotted, _find_getset, _cell_factory


# --- mappingproxy -------------------------------------------------------------

_mp = type(type.__dict__)
if _mp is not dict:
    MappingProxyType = _mp
else:
    class MappingProxyType:
        """A read-only proxy of a mapping (CPython's built-in mappingproxy)."""

        __slots__ = ('_mapping',)

        def __new__(cls, *args, **kwargs):
            total = len(args) + len(kwargs)
            if total > 1:
                raise TypeError('mappingproxy() takes at most 1 %sargument '
                                '(%d given)' % ('' if args else 'keyword ', total))
            if not args:
                if 'mapping' not in kwargs:
                    raise TypeError("mappingproxy() missing required argument "
                                    "'mapping' (pos 1)")
                args = (kwargs['mapping'],)
            mapping = args[0]
            if (not hasattr(type(mapping), '__getitem__')
                    or isinstance(mapping, (list, tuple))):
                raise TypeError("mappingproxy() argument must be a mapping, "
                                "not %s" % type(mapping).__name__)
            self = object.__new__(cls)
            object.__setattr__(self, '_mapping', mapping)
            return self

        def __dir__(self):
            hidden = ('_mapping', '__slots__', '__module__')
            names = set()
            for klass in type(self).__mro__:
                names.update(klass.__dict__)
            names.add('__class__')
            return sorted(n for n in names if n not in hidden)

        def __setattr__(self, name, value):
            raise AttributeError("'mappingproxy' object has no attribute '%s'"
                                 % (name,))

        def __delattr__(self, name):
            raise AttributeError("'mappingproxy' object has no attribute '%s'"
                                 % (name,))

        def __getitem__(self, key):
            return self._mapping[key]

        def get(self, key, default=None):
            return self._mapping.get(key, default)

        def keys(self):
            return self._mapping.keys()

        def values(self):
            return self._mapping.values()

        def items(self):
            return self._mapping.items()

        def copy(self):
            return self._mapping.copy()

        def __contains__(self, key):
            return key in self._mapping

        def __iter__(self):
            return iter(self._mapping)

        def __reversed__(self):
            return reversed(self._mapping)

        def __len__(self):
            return len(self._mapping)

        def __eq__(self, other):
            return self._mapping == other

        def __ne__(self, other):
            return self._mapping != other

        def __lt__(self, other):
            return self._mapping < other

        def __le__(self, other):
            return self._mapping <= other

        def __gt__(self, other):
            return self._mapping > other

        def __ge__(self, other):
            return self._mapping >= other

        __hash__ = None

        def __or__(self, other):
            if isinstance(other, MappingProxyType):
                other = other._mapping
            return self._mapping | other

        def __ror__(self, other):
            if isinstance(other, MappingProxyType):
                other = other._mapping
            return other | self._mapping

        def __ior__(self, other):
            raise TypeError("'|=' is not supported by mappingproxy; "
                            "use '|' instead")

        def __str__(self):
            return str(self._mapping)

        def __repr__(self):
            return 'mappingproxy(%r)' % (self._mapping,)

        def __reduce_ex__(self, protocol):
            raise TypeError("cannot pickle 'mappingproxy' object")

        def __class_getitem__(cls, item):
            return GenericAlias(cls, item)

    MappingProxyType.__name__ = MappingProxyType.__qualname__ = 'mappingproxy'
    MappingProxyType.__module__ = 'builtins'
del _mp


# --- SimpleNamespace ----------------------------------------------------------

_ns_repr_running = set()


class SimpleNamespace:
    """A simple attribute-based namespace.

SimpleNamespace(**kwargs)"""

    def __init__(self, /, *args, **kwargs):
        if args:
            raise TypeError('no positional arguments expected')
        self.__dict__.update(kwargs)

    def __repr__(self):
        name = 'namespace' if type(self) is SimpleNamespace else type(self).__name__
        key = id(self)
        if key in _ns_repr_running:
            return name + '(...)'
        _ns_repr_running.add(key)
        try:
            parts = ['%s=%r' % (k, v) for k, v in self.__dict__.items()
                     if isinstance(k, str) and k]
        finally:
            _ns_repr_running.discard(key)
        return '%s(%s)' % (name, ', '.join(parts))

    def __getattr__(self, name):
        tname = ('types.SimpleNamespace' if type(self) is SimpleNamespace
                 else type(self).__name__)
        raise AttributeError("'%s' object has no attribute '%s'" % (tname, name))

    def __eq__(self, other):
        if isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, SimpleNamespace):
            return self.__dict__ != other.__dict__
        return NotImplemented

    def __lt__(self, other):
        if isinstance(other, SimpleNamespace):
            return self.__dict__ < other.__dict__
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, SimpleNamespace):
            return self.__dict__ <= other.__dict__
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, SimpleNamespace):
            return self.__dict__ > other.__dict__
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, SimpleNamespace):
            return self.__dict__ >= other.__dict__
        return NotImplemented

    __hash__ = None

    def __reduce__(self):
        return (type(self), (), self.__dict__)


# --- GenericAlias -------------------------------------------------------------

def _is_typevar(obj):
    t = type(obj)
    return t.__name__ in ('TypeVar', 'ParamSpec') and t.__module__ == 'typing'


def _collect_parameters(args):
    params = []
    for t in args:
        if _is_typevar(t):
            if t not in params:
                params.append(t)
        elif not isinstance(t, type):
            sub = getattr(t, '__parameters__', None)
            if type(sub) is tuple:
                for p in sub:
                    if p not in params:
                        params.append(p)
    return tuple(params)


def _ga_repr_item(p):
    if p is Ellipsis:
        return '...'
    try:
        if hasattr(p, '__origin__') and hasattr(p, '__args__'):
            return repr(p)
        qualname = getattr(p, '__qualname__', None)
        module = getattr(p, '__module__', None)
    except Exception:
        return repr(p)
    if qualname is None or module is None:
        return repr(p)
    if module == 'builtins':
        return str(qualname)
    return '%s.%s' % (module, qualname)


# Attributes a GenericAlias answers itself; every other one comes from the
# origin class.
_GA_OWN = frozenset(('__origin__', '__args__', '__parameters__',
                     '__mro_entries__', '__reduce_ex__', '__reduce__',
                     '__copy__', '__deepcopy__'))


class GenericAlias:
    """Represent a PEP 585 generic type

E.g. for t = list[int], t.__origin__ is list and t.__args__ is (int,)."""

    __slots__ = ('_origin', '_args', '_params')

    def __new__(cls, *args, **kwargs):
        if kwargs and cls is GenericAlias:
            raise TypeError('GenericAlias() takes no keyword arguments')
        if len(args) != 2:
            raise TypeError('GenericAlias expected 2 arguments, got %d' % len(args))
        origin, a = args
        if type(a) is not tuple:
            a = (a,)
        self = object.__new__(cls)
        object.__setattr__(self, '_origin', origin)
        object.__setattr__(self, '_args', a)
        object.__setattr__(self, '_params', None)
        return self

    def __getattribute__(self, name):
        if name in _GA_OWN or name[:1] == '_' and name in ('_origin', '_args', '_params'):
            return object.__getattribute__(self, name)
        return getattr(object.__getattribute__(self, '_origin'), name)

    def __setattr__(self, name, value):
        if name in ('__origin__', '__args__', '__parameters__'):
            raise AttributeError('readonly attribute')
        raise AttributeError("'types.GenericAlias' object has no attribute '%s'"
                             % (name,))

    @property
    def __origin__(self):
        return self._origin

    @property
    def __args__(self):
        return self._args

    @property
    def __parameters__(self):
        p = self._params
        if p is None:
            p = _collect_parameters(self._args)
            object.__setattr__(self, '_params', p)
        return p

    def __repr__(self):
        args = self._args
        inner = ', '.join(_ga_repr_item(a) for a in args) if args else '()'
        return '%s[%s]' % (_ga_repr_item(self._origin), inner)

    def __str__(self):
        return GenericAlias.__repr__(self)

    def __eq__(self, other):
        if not isinstance(other, GenericAlias):
            return NotImplemented
        return (self._origin == other._origin and self._args == other._args)

    def __ne__(self, other):
        if not isinstance(other, GenericAlias):
            return NotImplemented
        return not (self._origin == other._origin and self._args == other._args)

    def __hash__(self):
        return hash(self._origin) ^ hash(self._args)

    def __call__(self, *args, **kwargs):
        obj = self._origin(*args, **kwargs)
        try:
            obj.__orig_class__ = self
        except (AttributeError, TypeError):
            pass
        return obj

    def __mro_entries__(self, bases):
        return (self._origin,)

    def __instancecheck__(self, obj):
        raise TypeError('isinstance() argument 2 cannot be a parameterized generic')

    def __subclasscheck__(self, cls):
        raise TypeError('issubclass() argument 2 cannot be a parameterized generic')

    def __reduce__(self):
        return (GenericAlias, (self._origin, self._args))

    def __dir__(self):
        names = set(dir(self._origin))
        names.update(_GA_OWN)
        return sorted(names)

    def __getitem__(self, item):
        params = self.__parameters__
        if not params:
            raise TypeError('There are no type variables left in %r' % (self,))
        items = item if type(item) is tuple else (item,)
        if len(items) != len(params):
            raise TypeError('Too %s arguments for %r'
                            % ('many' if len(items) > len(params) else 'few', self))
        subst = dict(zip(params, items))
        new_args = []
        for arg in self._args:
            if _is_typevar(arg):
                arg = subst[arg]
            elif not isinstance(arg, type):
                sub = getattr(arg, '__parameters__', None)
                if type(sub) is tuple and sub:
                    vals = tuple(subst[p] for p in sub)
                    arg = arg[vals if len(vals) != 1 else vals[0]]
            new_args.append(arg)
        return GenericAlias(self._origin, tuple(new_args))


GenericAlias.__module__ = 'types'


# --- dynamic class creation ---------------------------------------------------

def resolve_bases(bases):
    """Resolve MRO entries dynamically as specified by PEP 560."""
    new_bases = None
    for i, base in enumerate(bases):
        if ((isinstance(base, type) and not isinstance(base, GenericAlias))
                or not hasattr(base, '__mro_entries__')):
            if new_bases is not None:
                new_bases.append(base)
            continue
        entries = base.__mro_entries__(bases)
        if not isinstance(entries, tuple):
            raise TypeError('__mro_entries__ must return a tuple')
        if new_bases is None:
            new_bases = list(bases[:i])
        new_bases.extend(entries)
    return bases if new_bases is None else tuple(new_bases)


def _calculate_meta(meta, bases):
    """The most derived metaclass of meta and the metaclasses of bases."""
    winner = meta
    for base in bases:
        base_meta = type(base)
        if issubclass(winner, base_meta):
            continue
        if issubclass(base_meta, winner):
            winner = base_meta
            continue
        raise TypeError('metaclass conflict: the metaclass of a derived class '
                        'must be a (non-strict) subclass of the metaclasses '
                        'of all its bases')
    return winner


def prepare_class(name, bases=(), kwds=None):
    """Call the __prepare__ method of the appropriate metaclass.

    Returns (metaclass, namespace, kwds): kwds is a copy of the given
    keywords without 'metaclass'."""
    kwds = {} if kwds is None else dict(kwds)
    if 'metaclass' in kwds:
        meta = kwds.pop('metaclass')
    elif bases:
        meta = type(bases[0])
    else:
        meta = type
    if isinstance(meta, type):
        meta = _calculate_meta(meta, bases)
    prepare = getattr(meta, '__prepare__', None)
    ns = prepare(name, bases, **kwds) if prepare is not None else {}
    return meta, ns, kwds


def new_class(name, bases=(), kwds=None, exec_body=None):
    """Create a class object dynamically using the appropriate metaclass."""
    resolved = resolve_bases(bases)
    meta, ns, kwds = prepare_class(name, resolved, kwds)
    if exec_body is not None:
        exec_body(ns)
    if resolved is not bases:
        ns['__orig_bases__'] = bases
    return meta(name, resolved, ns, **kwds)


# --- DynamicClassAttribute ----------------------------------------------------

class DynamicClassAttribute:
    """Route attribute access on a class to __getattr__.

    A property on instances; on the class it raises AttributeError, so that
    the metaclass's __getattr__ answers (how Enum members can have `name`
    and `value` attributes while the Enum class has members of those names).
    """

    def __init__(self, fget=None, fset=None, fdel=None, doc=None):
        self.fget = fget
        self.fset = fset
        self.fdel = fdel
        self.__doc__ = doc or fget.__doc__
        self.overwrite_doc = doc is None
        self.__isabstractmethod__ = bool(getattr(fget, '__isabstractmethod__', False))

    def __get__(self, instance, ownerclass=None):
        if instance is None:
            if self.__isabstractmethod__:
                return self
            raise AttributeError()
        if self.fget is None:
            raise AttributeError("unreadable attribute")
        return self.fget(instance)

    def __set__(self, instance, value):
        if self.fset is None:
            raise AttributeError("can't set attribute")
        self.fset(instance, value)

    def __delete__(self, instance):
        if self.fdel is None:
            raise AttributeError("can't delete attribute")
        self.fdel(instance)

    def _copy(self, fget, fset, fdel, doc):
        result = type(self)(fget, fset, fdel, doc)
        result.overwrite_doc = self.overwrite_doc
        return result

    def getter(self, fget):
        fdoc = fget.__doc__ if self.overwrite_doc else None
        return self._copy(fget, self.fset, self.fdel, fdoc or self.__doc__)

    def setter(self, fset):
        return self._copy(self.fget, fset, self.fdel, self.__doc__)

    def deleter(self, fdel):
        return self._copy(self.fget, self.fset, fdel, self.__doc__)


# --- coroutine ----------------------------------------------------------------

_CO_GENERATOR = 0x20
_CO_COROUTINE = 0x80
_CO_ITERABLE_COROUTINE = 0x100


class _GeneratorWrapper:
    """Makes a generator (or generator-like object) awaitable."""

    def __init__(self, gen):
        self.__wrapped = gen
        self.__isgen = gen.__class__ is GeneratorType
        self.__name__ = getattr(gen, '__name__', None)
        self.__qualname__ = getattr(gen, '__qualname__', None)

    def send(self, val):
        return self.__wrapped.send(val)

    def throw(self, tp, *rest):
        return self.__wrapped.throw(tp, *rest)

    def close(self):
        return self.__wrapped.close()

    @property
    def gi_code(self):
        return self.__wrapped.gi_code

    @property
    def gi_frame(self):
        return self.__wrapped.gi_frame

    @property
    def gi_running(self):
        return self.__wrapped.gi_running

    @property
    def gi_yieldfrom(self):
        return self.__wrapped.gi_yieldfrom

    cr_code = gi_code
    cr_frame = gi_frame
    cr_running = gi_running
    cr_await = gi_yieldfrom

    def __next__(self):
        return next(self.__wrapped)

    def __iter__(self):
        return self.__wrapped if self.__isgen else self

    __await__ = __iter__


def coroutine(func):
    """Convert regular generator function to a coroutine."""
    if not callable(func):
        raise TypeError('types.coroutine() expects a callable')
    is_plain = (func.__class__ is FunctionType
                and getattr(func, '__code__', None).__class__ is CodeType)
    if is_plain:
        flags = func.__code__.co_flags
        if flags & (_CO_COROUTINE | _CO_ITERABLE_COROUTINE):
            return func
        if flags & _CO_GENERATOR and hasattr(func.__code__, 'replace'):
            co = func.__code__
            func.__code__ = co.replace(co_flags=co.co_flags | _CO_ITERABLE_COROUTINE)
            return func

    import functools
    import _collections_abc

    @functools.wraps(func)
    def wrapped(*args, **kwargs):
        coro = func(*args, **kwargs)
        cls = coro.__class__
        if (cls is CoroutineType or cls is GeneratorType
                and coro.gi_code.co_flags & _CO_ITERABLE_COROUTINE):
            return coro
        if (isinstance(coro, _collections_abc.Generator)
                and not isinstance(coro, _collections_abc.Coroutine)):
            return _GeneratorWrapper(coro)
        return coro

    return wrapped


del sys
__all__ = [n for n in globals() if n[:1] != '_']
