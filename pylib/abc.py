"""Abstract Base Classes (pyvm's implementation of the abc module).

Provides ABCMeta, ABC, abstractmethod, the abstract classmethod/staticmethod/
property helpers, get_cache_token and update_abstractmethods, with CPython
3.10's semantics (those of the C module _abc). The registry and caches hold
strong references (pyvm has no weak references), so a registered or checked
class is never freed. Registering a class does not make it match sequence or
mapping patterns in `match` statements (CPython's Py_TPFLAGS_SEQUENCE/MAPPING).
"""


def abstractmethod(funcobj):
    """Mark a method abstract: a class of ABCMeta with an abstract method that
    is not overridden cannot be instantiated."""
    funcobj.__isabstractmethod__ = True
    return funcobj


# pyvm cannot subclass classmethod, staticmethod or property yet, so these
# three are descriptors that delegate to one (isinstance(x, classmethod) is
# False for them, unlike CPython).
class abstractclassmethod:
    """A classmethod that is also abstract (deprecated: use classmethod over
    abstractmethod)."""

    __isabstractmethod__ = True

    def __init__(self, callable):
        callable.__isabstractmethod__ = True
        self._descr = classmethod(callable)

    @property
    def __func__(self):
        return self._descr.__func__

    def __get__(self, obj, cls=None):
        return self._descr.__get__(obj, cls)


class abstractstaticmethod:
    """A staticmethod that is also abstract (deprecated: use staticmethod over
    abstractmethod)."""

    __isabstractmethod__ = True

    def __init__(self, callable):
        callable.__isabstractmethod__ = True
        self._descr = staticmethod(callable)

    @property
    def __func__(self):
        return self._descr.__func__

    def __get__(self, obj, cls=None):
        return self._descr.__get__(obj, cls)

    def __call__(self, *args, **kwargs):
        return self._descr.__func__(*args, **kwargs)


class abstractproperty:
    """A property that is abstract (deprecated: use property over
    abstractmethod)."""

    __isabstractmethod__ = True

    def __init__(self, fget=None, fset=None, fdel=None, doc=None):
        self._prop = property(fget, fset, fdel, doc)

    fget = property(lambda self: self._prop.fget)
    fset = property(lambda self: self._prop.fset)
    fdel = property(lambda self: self._prop.fdel)

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        return self._prop.__get__(obj, cls)

    def __set__(self, obj, value):
        self._prop.__set__(obj, value)

    def __delete__(self, obj):
        self._prop.__delete__(obj)

    def getter(self, fget):
        p = self._prop
        return type(self)(fget, p.fset, p.fdel, p.__doc__)

    def setter(self, fset):
        p = self._prop
        return type(self)(p.fget, fset, p.fdel, p.__doc__)

    def deleter(self, fdel):
        p = self._prop
        return type(self)(p.fget, p.fset, fdel, p.__doc__)


# Bumped by every register(); negative caches older than it are stale.
_invalidation_counter = 0


def get_cache_token():
    """The current ABC cache token: it changes with every register() call."""
    return _invalidation_counter


class _abc_data:
    """Per-ABC state: virtual subclasses, positive and negative caches."""

    __slots__ = ('registry', 'cache', 'negative_cache', 'negative_cache_version',
                 'tpflags')

    def __init__(self):
        self.registry = set()
        self.cache = set()
        self.negative_cache = set()
        self.negative_cache_version = _invalidation_counter
        self.tpflags = 0


# Py_TPFLAGS_SEQUENCE | Py_TPFLAGS_MAPPING
_COLLECTION_FLAGS = (1 << 5) | (1 << 6)


def _collection_flags(cls):
    # The collection flag an ABC has or inherits.
    for klass in cls.__mro__:
        impl = klass.__dict__.get('_abc_impl')
        if type(impl) is _abc_data and impl.tpflags:
            return impl.tpflags
    return 0


def _is_abstract(value):
    return bool(getattr(value, '__isabstractmethod__', False))


def _compute_abstract_methods(cls):
    # The names are collected in a list and the frozenset built from it, which
    # adds them one by one in the same order as CPython's C code does, so the
    # set iterates (and prints) in the same order.
    names = [name for name, value in list(cls.__dict__.items()) if _is_abstract(value)]
    bases = cls.__bases__
    if type(bases) is not tuple:
        raise TypeError('__bases__ is not tuple')
    for base in bases:
        try:
            base_abstracts = base.__abstractmethods__
        except AttributeError:
            continue
        for name in base_abstracts:
            try:
                value = getattr(cls, name)
            except AttributeError:
                continue
            if _is_abstract(value):
                names.append(name)
    cls.__abstractmethods__ = frozenset(names)


def _get_impl(cls):
    impl = cls._abc_impl
    if type(impl) is not _abc_data:
        raise TypeError('_abc_impl is set to a wrong type')
    return impl


class ABCMeta(type):
    """Metaclass for Abstract Base Classes.

    A class whose metaclass is (derived from) ABCMeta cannot be instantiated
    while it has abstract methods; unrelated classes and built-in types can be
    registered as its "virtual subclasses" with register().
    """

    def __new__(mcls, name, bases, namespace, /, **kwargs):
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        _compute_abstract_methods(cls)
        impl = cls._abc_impl = _abc_data()
        # __abc_tpflags__ in the class body (collections.abc.Sequence and
        # Mapping) becomes the class's collection flag, which makes its
        # instances match sequence or mapping patterns; the attribute goes.
        if '__abc_tpflags__' in cls.__dict__:
            flags = cls.__dict__['__abc_tpflags__']
            delattr(cls, '__abc_tpflags__')
            if type(flags) is int:
                if flags & _COLLECTION_FLAGS == _COLLECTION_FLAGS:
                    raise TypeError('__abc_tpflags__ cannot be both '
                                    'Py_TPFLAGS_SEQUENCE and Py_TPFLAGS_MAPPING')
                impl.tpflags = flags & _COLLECTION_FLAGS
                if impl.tpflags:
                    type.__setattr__(cls, '__abc_tpflags__', impl.tpflags)
        return cls

    def register(cls, subclass):
        """Register a virtual subclass of an ABC (returns it, so this can be
        used as a class decorator)."""
        global _invalidation_counter
        if not isinstance(subclass, type):
            raise TypeError('Can only register classes')
        if issubclass(subclass, cls):
            return subclass  # already a subclass
        # Checked after "already a subclass", so X.register(X) is a no-op.
        if issubclass(cls, subclass):
            raise RuntimeError('Refusing to create an inheritance cycle')
        _get_impl(cls).registry.add(subclass)
        _invalidation_counter += 1
        # A virtual subclass of Sequence/Mapping matches their patterns.
        flags = _collection_flags(cls)
        if flags:
            type.__setattr__(subclass, '__abc_tpflags__', flags)
        return subclass

    def __instancecheck__(cls, instance):
        """Override for isinstance(instance, cls)."""
        impl = _get_impl(cls)
        subclass = instance.__class__
        if subclass in impl.cache:
            return True
        subtype = type(instance)
        if subtype is subclass:
            if (impl.negative_cache_version == _invalidation_counter
                    and subclass in impl.negative_cache):
                return False
            return cls.__subclasscheck__(subclass)
        result = cls.__subclasscheck__(subclass)
        if not result:
            result = cls.__subclasscheck__(subtype)
        return result

    def __subclasscheck__(cls, subclass):
        """Override for issubclass(subclass, cls)."""
        if not isinstance(subclass, type):
            raise TypeError('issubclass() arg 1 must be a class')
        impl = _get_impl(cls)
        if subclass in impl.cache:
            return True
        if impl.negative_cache_version < _invalidation_counter:
            impl.negative_cache.clear()
            impl.negative_cache_version = _invalidation_counter
        elif subclass in impl.negative_cache:
            return False
        ok = cls.__subclasshook__(subclass)
        if ok is True:
            impl.cache.add(subclass)
            return True
        if ok is False:
            impl.negative_cache.add(subclass)
            return False
        if ok is not NotImplemented:
            raise AssertionError('__subclasshook__ must return either False, True, or NotImplemented')
        if cls in subclass.__mro__:
            impl.cache.add(subclass)
            return True
        registry = impl.registry
        if subclass in registry:
            return True
        for rcls in list(registry):
            if issubclass(subclass, rcls):
                impl.cache.add(subclass)
                return True
        subclasses = cls.__subclasses__()
        if type(subclasses) is not list and not isinstance(subclasses, list):
            raise TypeError('__subclasses__() must return a list')
        for scls in subclasses:
            if issubclass(subclass, scls):
                impl.cache.add(subclass)
                return True
        impl.negative_cache.add(subclass)
        return False

    def _dump_registry(cls, file=None):
        """Debug helper to print the ABC registry."""
        print(f"Class: {cls.__module__}.{cls.__qualname__}", file=file)
        print(f"Inv. counter: {get_cache_token()}", file=file)
        impl = _get_impl(cls)
        print(f"_abc_registry: {set(impl.registry)!r}", file=file)
        print(f"_abc_cache: {set(impl.cache)!r}", file=file)
        print(f"_abc_negative_cache: {set(impl.negative_cache)!r}", file=file)
        print(f"_abc_negative_cache_version: {impl.negative_cache_version!r}", file=file)

    def _abc_registry_clear(cls):
        """Clear the registry (for debugging or testing)."""
        _get_impl(cls).registry.clear()

    def _abc_caches_clear(cls):
        """Clear the caches (for debugging or testing)."""
        impl = _get_impl(cls)
        impl.cache.clear()
        impl.negative_cache.clear()


def update_abstractmethods(cls):
    """Recompute an ABC's abstract methods after methods were added to it (by
    a class decorator, say). Returns cls."""
    if not hasattr(cls, '__abstractmethods__'):
        # Not an ABC (or an ABC under construction): nothing to do.
        return cls
    abstracts = set()
    for scls in cls.__bases__:
        for name in getattr(scls, '__abstractmethods__', ()):
            value = getattr(cls, name, None)
            if getattr(value, '__isabstractmethod__', False):
                abstracts.add(name)
    for name, value in cls.__dict__.items():
        if getattr(value, '__isabstractmethod__', False):
            abstracts.add(name)
    cls.__abstractmethods__ = frozenset(abstracts)
    return cls


class ABC(metaclass=ABCMeta):
    """Helper class: inherit from ABC to make an abstract base class."""

    __slots__ = ()
