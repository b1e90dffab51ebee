"""Data classes (pyvm's implementation of the dataclasses module).

Provides dataclass, field, Field, fields, asdict, astuple, replace,
is_dataclass, make_dataclass, InitVar, KW_ONLY, MISSING and
FrozenInstanceError with CPython 3.10's behaviour and messages.

CPython writes the generated methods as source text and exec()s it; pyvm
has no compiler, so here they are closures. They behave the same, have the
same names and qualified names (Point.__init__), and __init__ binds its
arguments exactly as a function with the real signature would, with the
same error messages; but inspect sees (self, *args, **kwargs). The class
docstring (the signature text) is computed here too. ClassVar fields are
recognised only when a typing module is loaded (as in CPython); a
typing.ClassVar annotation given as a string needs one too.
"""

import sys
import abc
import keyword

__all__ = ['dataclass',
           'field',
           'Field',
           'FrozenInstanceError',
           'InitVar',
           'KW_ONLY',
           'MISSING',

           # Helper functions.
           'fields',
           'asdict',
           'astuple',
           'make_dataclass',
           'replace',
           'is_dataclass',
           ]


class FrozenInstanceError(AttributeError):
    pass


class _HAS_DEFAULT_FACTORY_CLASS:
    def __repr__(self):
        return '<factory>'


_HAS_DEFAULT_FACTORY = _HAS_DEFAULT_FACTORY_CLASS()


class _MISSING_TYPE:
    pass


MISSING = _MISSING_TYPE()


class _KW_ONLY_TYPE:
    pass


KW_ONLY = _KW_ONLY_TYPE()


class _EmptyMapping:
    """A read-only mapping (Field.metadata; CPython uses a mappingproxy)."""

    __slots__ = ('_mapping',)

    def __init__(self, mapping):
        object.__setattr__(self, '_mapping', mapping)

    def __getitem__(self, key):
        return self._mapping[key]

    def __iter__(self):
        return iter(self._mapping)

    def __len__(self):
        return len(self._mapping)

    def __contains__(self, key):
        return key in self._mapping

    def __eq__(self, other):
        return self._mapping == other

    __hash__ = None

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

    def __repr__(self):
        return 'mappingproxy(%r)' % (self._mapping,)

    def __str__(self):
        return str(self._mapping)

    def __setattr__(self, name, value):
        raise AttributeError("'mappingproxy' object has no attribute %r" % name)


_EmptyMapping.__name__ = _EmptyMapping.__qualname__ = 'mappingproxy'
_EmptyMapping.__module__ = 'builtins'
_EMPTY_METADATA = _EmptyMapping({})


class _FIELD_BASE:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


_FIELD = _FIELD_BASE('_FIELD')
_FIELD_CLASSVAR = _FIELD_BASE('_FIELD_CLASSVAR')
_FIELD_INITVAR = _FIELD_BASE('_FIELD_INITVAR')

# The class attributes where a dataclass keeps its fields and parameters.
_FIELDS = '__dataclass_fields__'
_PARAMS = '__dataclass_params__'
_POST_INIT_NAME = '__post_init__'


def _recursive_repr(user_function):
    # A __repr__ that shows '...' for an object already being repr'd.
    repr_running = set()

    def wrapper(self):
        key = id(self)
        if key in repr_running:
            return '...'
        repr_running.add(key)
        try:
            result = user_function(self)
        finally:
            repr_running.discard(key)
        return result
    wrapper.__name__ = user_function.__name__
    wrapper.__qualname__ = user_function.__qualname__
    wrapper.__module__ = user_function.__module__
    wrapper.__doc__ = user_function.__doc__
    wrapper.__wrapped__ = user_function
    return wrapper


class InitVar:
    """InitVar[T]: a pseudo-field passed to __init__ and __post_init__ but
    not stored."""

    __slots__ = ('type', )

    def __init__(self, type):
        self.type = type

    def __repr__(self):
        if isinstance(self.type, type):
            type_name = self.type.__name__
        else:
            type_name = repr(self.type)
        return f'dataclasses.InitVar[{type_name}]'

    def __class_getitem__(cls, type):
        return InitVar(type)


class Field:
    """A dataclass field: see field() for the options."""

    __slots__ = ('name',
                 'type',
                 'default',
                 'default_factory',
                 'repr',
                 'hash',
                 'init',
                 'compare',
                 'metadata',
                 'kw_only',
                 '_field_type',
                 )

    def __init__(self, default, default_factory, init, repr, hash, compare,
                 metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = (_EMPTY_METADATA if metadata is None
                         else _EmptyMapping(metadata))
        self.kw_only = kw_only
        self._field_type = None

    @_recursive_repr
    def __repr__(self):
        return ('Field('
                f'name={self.name!r},'
                f'type={self.type!r},'
                f'default={self.default!r},'
                f'default_factory={self.default_factory!r},'
                f'init={self.init!r},'
                f'repr={self.repr!r},'
                f'hash={self.hash!r},'
                f'compare={self.compare!r},'
                f'metadata={self.metadata!r},'
                f'kw_only={self.kw_only!r},'
                f'_field_type={self._field_type}'
                ')')

    def __set_name__(self, owner, name):
        # A descriptor default learns its name too.
        func = getattr(type(self.default), '__set_name__', None)
        if func:
            func(self.default, owner, name)


class _DataclassParams:
    __slots__ = ('init',
                 'repr',
                 'eq',
                 'order',
                 'unsafe_hash',
                 'frozen',
                 )

    def __init__(self, init, repr, eq, order, unsafe_hash, frozen):
        self.init = init
        self.repr = repr
        self.eq = eq
        self.order = order
        self.unsafe_hash = unsafe_hash
        self.frozen = frozen

    def __repr__(self):
        return ('_DataclassParams('
                f'init={self.init!r},'
                f'repr={self.repr!r},'
                f'eq={self.eq!r},'
                f'order={self.order!r},'
                f'unsafe_hash={self.unsafe_hash!r},'
                f'frozen={self.frozen!r}'
                ')')


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True,
          hash=None, compare=True, metadata=None, kw_only=MISSING):
    """Describe a field: default or default_factory (a zero-argument
    callable), whether it is in __init__, __repr__, comparisons and the hash,
    metadata, and whether it is keyword-only."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError('cannot specify both default and default_factory')
    return Field(default, default_factory, init, repr, hash, compare,
                 metadata, kw_only)


def _fields_in_init_order(fields):
    # The positional __init__ parameters, then the keyword-only ones.
    return (tuple(f for f in fields if f.init and not f.kw_only),
            tuple(f for f in fields if f.init and f.kw_only))


# --- the generated methods ---------------------------------------------------

_UNSET = object()


def _names_list(names):
    # 'a' / 'a' and 'b' / 'a', 'b', and 'c', as CPython's missing-argument error.
    r = [repr(n) for n in names]
    if len(r) == 1:
        return r[0]
    if len(r) == 2:
        return f'{r[0]} and {r[1]}'
    return ', '.join(r[:-1]) + ', and ' + r[-1]


def _make_binder(qualname, std, std_defaults, kwonly, kw_defaults):
    """A function (args, kwargs) -> the parameter values in order, binding
    as CPython binds a call to __init__(self, *std, *, *kwonly) (with
    std_defaults for the last positional parameters and kw_defaults for
    keyword-only ones), with the same errors."""
    nstd = len(std)
    names = std + kwonly
    index = {name: i for i, name in enumerate(names)}
    ndef = len(std_defaults)
    first_default = nstd - ndef

    total = len(names)
    # Each parameter's default, _UNSET for the required ones.
    pos_defaults = ((_UNSET,) * first_default + tuple(std_defaults)
                    + tuple(kw_defaults.get(name, _UNSET) for name in kwonly))

    def quick_bind(args, kwargs):
        # The usual call (keywords only for parameters not given by
        # position, nothing missing or unknown); anything else goes to
        # bind() for the exact error.
        n = len(args)
        if n > nstd:
            return bind(args, kwargs)
        values = list(args)
        used = 0
        for k in range(n, total):
            name = names[k]
            if name in kwargs:
                values.append(kwargs[name])
                used += 1
            else:
                value = pos_defaults[k]
                if value is _UNSET:
                    return bind(args, kwargs)
                values.append(value)
        if used != len(kwargs):
            return bind(args, kwargs)
        return values

    def bind(args, kwargs):
        n = len(args)
        values = list(args[:nstd])
        values.extend([_UNSET] * (len(names) - len(values)))
        for key, value in kwargs.items():
            i = index.get(key)
            if i is None:
                raise TypeError(f"{qualname}() got an unexpected keyword argument '{key}'")
            if values[i] is not _UNSET:
                raise TypeError(f"{qualname}() got multiple values for argument '{key}'")
            values[i] = value
        if n > nstd:
            # The counts include self, as CPython's do.
            argcount = nstd + 1
            given = n + 1
            kwonly_given = sum(1 for v in values[nstd:] if v is not _UNSET)
            if ndef:
                sig = f'from {argcount - ndef} to {argcount}'
                plural = True
            else:
                sig = str(argcount)
                plural = argcount != 1
            if kwonly_given:
                kwonly_sig = (f" positional argument{'s' if given != 1 else ''}"
                              f" (and {kwonly_given} keyword-only argument"
                              f"{'s' if kwonly_given != 1 else ''})")
            else:
                kwonly_sig = ''
            raise TypeError(f"{qualname}() takes {sig} positional argument"
                            f"{'s' if plural else ''} but {given}{kwonly_sig} "
                            f"{'was' if given == 1 and not kwonly_given else 'were'} given")
        if n < nstd:
            missing = [std[i] for i in range(n, first_default) if values[i] is _UNSET]
            if missing:
                raise TypeError(f"{qualname}() missing {len(missing)} required positional "
                                f"argument{'s' if len(missing) != 1 else ''}: "
                                f"{_names_list(missing)}")
            for i in range(max(n, first_default), nstd):
                if values[i] is _UNSET:
                    values[i] = std_defaults[i - first_default]
        if kwonly:
            missing = []
            for i in range(nstd, len(names)):
                if values[i] is _UNSET:
                    name = names[i]
                    if name in kw_defaults:
                        values[i] = kw_defaults[name]
                    else:
                        missing.append(name)
            if missing:
                raise TypeError(f"{qualname}() missing {len(missing)} required keyword-only "
                                f"argument{'s' if len(missing) != 1 else ''}: "
                                f"{_names_list(missing)}")
        return values
    return quick_bind


def _init_fn(cls, fields, std_fields, kw_only_fields, frozen, has_post_init, slots):
    # fields holds the real fields and the InitVar pseudo-fields, in
    # definition order: the order the attributes are set in.
    seen_default = False
    for f in std_fields:
        if f.init:
            if not (f.default is MISSING and f.default_factory is MISSING):
                seen_default = True
            elif seen_default:
                raise TypeError(f'non-default argument {f.name!r} '
                                'follows default argument')

    def param_default(f):
        if f.default_factory is not MISSING:
            return _HAS_DEFAULT_FACTORY
        return f.default

    std = tuple(f.name for f in std_fields)
    kwonly = tuple(f.name for f in kw_only_fields)
    # (Only trailing positional parameters have defaults: checked above.)
    std_defaults = [param_default(f) for f in std_fields
                    if param_default(f) is not MISSING]
    kw_defaults = {f.name: param_default(f) for f in kw_only_fields
                   if param_default(f) is not MISSING}
    position = {name: i for i, name in enumerate(std + kwonly)}

    # What to assign, in field order: (name, parameter index or -1,
    # default factory or None, constant for init=False fields with slots).
    actions = []
    for f in fields:
        if f._field_type is _FIELD_INITVAR:
            continue
        factory = f.default_factory if f.default_factory is not MISSING else None
        if f.init:
            actions.append((f.name, position[f.name], factory, None))
        elif factory is not None:
            actions.append((f.name, -1, factory, None))
        elif slots and f.default is not MISSING:
            actions.append((f.name, -1, None, f.default))
    actions = tuple(actions)
    initvar_positions = tuple(position[f.name] for f in fields
                              if f._field_type is _FIELD_INITVAR)

    qualname = f'{cls.__qualname__}.__init__'
    bind = _make_binder(qualname, std, tuple(std_defaults), kwonly, kw_defaults)
    nstd = len(std)
    # The common call: every positional argument given, nothing by keyword.
    fast_tail = None
    if all(name in kw_defaults for name in kwonly):
        fast_tail = tuple(kw_defaults[name] for name in kwonly)
    setter = object.__setattr__ if frozen else setattr
    # When assigning an attribute of an instance of exactly this class can
    # only store it in the instance dict (no __setattr__, no data
    # descriptor, no slots), the values go straight into __dict__; when the
    # parameters are exactly the fields, in order, in one update.
    direct = (not frozen and not slots and '__slots__' not in cls.__dict__
              and getattr(cls, '__setattr__', None) is object.__setattr__
              and not any(_data_descriptor_in_mro(cls, name) for name, _, _, _ in actions))
    names_in_order = None
    if (direct and len(actions) == len(std) + len(kwonly)
            and all(i == k and factory is None and const is None
                    for k, (_, i, factory, const) in enumerate(actions))):
        names_in_order = tuple(name for name, _, _, _ in actions)

    def __init__(__dataclass_self__, *args, **kwargs):
        if fast_tail is not None and not kwargs and len(args) == nstd:
            values = args + fast_tail if fast_tail else args
        else:
            values = bind(args, kwargs)
        if direct and type(__dataclass_self__) is cls:
            if names_in_order is not None:
                __dataclass_self__.__dict__.update(zip(names_in_order, values))
            else:
                d = __dataclass_self__.__dict__
                for name, i, factory, const in actions:
                    if i >= 0:
                        value = values[i]
                        if factory is not None and value is _HAS_DEFAULT_FACTORY:
                            value = factory()
                    elif factory is not None:
                        value = factory()
                    else:
                        value = const
                    d[name] = value
        else:
            for name, i, factory, const in actions:
                if i >= 0:
                    value = values[i]
                    if factory is not None and value is _HAS_DEFAULT_FACTORY:
                        value = factory()
                elif factory is not None:
                    value = factory()
                else:
                    value = const
                setter(__dataclass_self__, name, value)
        if has_post_init:
            __dataclass_self__.__post_init__(*[values[i] for i in initvar_positions])

    annotations = {f.name: f.type for f in std_fields}
    annotations.update({f.name: f.type for f in kw_only_fields})
    annotations['return'] = None
    __init__.__annotations__ = annotations
    # The signature text for the class docstring.
    params = [_param_text(f.name, f.type, param_default(f)) for f in std_fields]
    if kw_only_fields:
        params.append('*')
        params.extend(_param_text(f.name, f.type, param_default(f)) for f in kw_only_fields)
    __init__.__dataclass_signature__ = '(' + ', '.join(params) + ')'
    return __init__


def _data_descriptor_in_mro(cls, name):
    # Whether cls.name (looked up without calling anything) is a data
    # descriptor, which an assignment on an instance would go through.
    for klass in cls.__mro__:
        if name in klass.__dict__:
            t = type(klass.__dict__[name])
            return hasattr(t, '__set__') or hasattr(t, '__delete__')
    return False


def _format_annotation(annotation):
    # inspect.formatannotation
    if getattr(annotation, '__module__', None) == 'typing':
        return repr(annotation).replace('typing.', '')
    if isinstance(annotation, type):
        if annotation.__module__ == 'builtins':
            return annotation.__qualname__
        return annotation.__module__ + '.' + annotation.__qualname__
    return repr(annotation)


def _param_text(name, annotation, default, annotated=True):
    text = name
    if annotated:
        text = f'{text}: {_format_annotation(annotation)}'
    if default is not MISSING:
        text = f'{text} = {default!r}' if annotated else f'{text}={default!r}'
    return text


def _function_signature(func, skip_first):
    """inspect.signature text of a plain Python function, or None."""
    code = getattr(func, '__code__', None)
    if code is None:
        return None
    flags = code.co_flags
    names = code.co_varnames
    nargs = code.co_argcount
    nposonly = getattr(code, 'co_posonlyargcount', 0)
    nkw = code.co_kwonlyargcount
    defaults = func.__defaults__ or ()
    kwdefaults = func.__kwdefaults__ or {}
    annotations = getattr(func, '__annotations__', None) or {}
    params = []
    first_default = nargs - len(defaults)
    for i in range(nargs):
        name = names[i]
        default = defaults[i - first_default] if i >= first_default else MISSING
        params.append(_param_text(name, annotations.get(name), default, name in annotations))
        if nposonly and i == nposonly - 1:
            params.append('/')
    pos = nargs + nkw
    if flags & 0x04:
        name = names[pos]
        params.append('*' + _param_text(name, annotations.get(name), MISSING, name in annotations))
    elif nkw:
        params.append('*')
    for i in range(nargs, nargs + nkw):
        name = names[i]
        params.append(_param_text(name, annotations.get(name),
                                  kwdefaults.get(name, MISSING), name in annotations))
    if flags & 0x08:
        name = names[pos + (1 if flags & 0x04 else 0)]
        params.append('**' + _param_text(name, annotations.get(name), MISSING, name in annotations))
    if skip_first:
        if not params or params[0] in ('/', '*') or params[0].startswith('*'):
            return None
        params = params[1:]
        if params and params[0] == '/':
            params = params[1:]
    text = '(' + ', '.join(params) + ')'
    if 'return' in annotations:
        text += ' -> ' + _format_annotation(annotations['return'])
    return text


def _class_signature(cls):
    """str(inspect.signature(cls)) for what dataclasses produce, or ''."""
    init = getattr(cls, '__init__', None)
    text = getattr(init, '__dataclass_signature__', None)
    if text is not None:
        return text
    if init is object.__init__ and getattr(cls, '__new__', None) is object.__new__:
        return '()'
    text = _function_signature(init, True)
    return '' if text is None else text


def _repr_fn(cls, fields):
    names = tuple(f.name for f in fields)

    def __repr__(self):
        return (self.__class__.__qualname__ + '('
                + ', '.join([f'{name}={getattr(self, name)!r}' for name in names]) + ')')
    __repr__.__qualname__ = f'{cls.__qualname__}.__repr__'
    return _recursive_repr(__repr__)


def _frozen_get_del_attr(cls, fields):
    names = tuple(f.name for f in fields)

    def __setattr__(self, name, value):
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    def __delattr__(self, name):
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)
    return __setattr__, __delattr__


def _cmp_fn(name, op, names):
    def compare(self, other):
        if other.__class__ is self.__class__:
            mine = tuple([getattr(self, n) for n in names])
            theirs = tuple([getattr(other, n) for n in names])
            return op(mine, theirs)
        return NotImplemented
    compare.__name__ = name
    return compare


def _eq_op(a, b):
    return a == b


def _lt_op(a, b):
    return a < b


def _le_op(a, b):
    return a <= b


def _gt_op(a, b):
    return a > b


def _ge_op(a, b):
    return a >= b


def _hash_fn(fields):
    names = tuple(f.name for f in fields)

    def __hash__(self):
        return hash(tuple([getattr(self, n) for n in names]))
    return __hash__


# What to do about __hash__, by (unsafe_hash, eq, frozen, the class defines
# __hash__ itself): nothing (None), set it to None, add one, or refuse.
def _hash_set_none(cls, fields):
    return None


def _hash_add(cls, fields):
    flds = [f for f in fields if (f.compare if f.hash is None else f.hash)]
    return _set_qualname(cls, _hash_fn(flds))


def _hash_exception(cls, fields):
    raise TypeError(f'Cannot overwrite attribute __hash__ '
                    f'in class {cls.__name__}')


_hash_action = {(False, False, False, False): None,
                (False, False, False, True): None,
                (False, False, True, False): None,
                (False, False, True, True): None,
                (False, True, False, False): _hash_set_none,
                (False, True, False, True): None,
                (False, True, True, False): _hash_add,
                (False, True, True, True): None,
                (True, False, False, False): _hash_add,
                (True, False, False, True): _hash_exception,
                (True, False, True, False): _hash_add,
                (True, False, True, True): _hash_exception,
                (True, True, False, False): _hash_add,
                (True, True, False, True): _hash_exception,
                (True, True, True, False): _hash_add,
                (True, True, True, True): _hash_exception,
                }


# --- annotations: ClassVar, InitVar, KW_ONLY ------------------------------------

def _is_classvar(a_type, typing):
    return (a_type is typing.ClassVar
            or (type(a_type) is getattr(typing, '_GenericAlias', None)
                and a_type.__origin__ is typing.ClassVar))


def _is_initvar(a_type, dataclasses):
    return (a_type is dataclasses.InitVar
            or type(a_type) is dataclasses.InitVar)


def _is_kw_only(a_type, dataclasses):
    return a_type is dataclasses.KW_ONLY


def _is_word_char(c):
    return c.isalnum() or c == '_'


def _module_identifier(annotation):
    """(module or None, name) as CPython's ^(?:\\s*(\\w+)\\s*\\.)?\\s*(\\w+)
    matches a string annotation, or None."""
    n = len(annotation)

    def skip_space(i):
        while i < n and annotation[i].isspace():
            i += 1
        return i

    def word(i):
        j = i
        while j < n and _is_word_char(annotation[j]):
            j += 1
        return j

    i = skip_space(0)
    j = word(i)
    if j == i:
        return None
    first = annotation[i:j]
    k = skip_space(j)
    if k < n and annotation[k] == '.':
        m = skip_space(k + 1)
        e = word(m)
        if e > m:
            return first, annotation[m:e]
    return None, first


def _is_type(annotation, cls, a_module, a_type, is_type_predicate):
    # A string annotation naming a_type, directly (as imported into the
    # class's module) or through a_module imported there.
    match = _module_identifier(annotation)
    if match:
        ns = None
        module_name, name = match
        module = sys.modules.get(cls.__module__)
        if not module_name:
            ns = module.__dict__ if module is not None else None
        elif module and module.__dict__.get(module_name) is a_module:
            ns = module.__dict__
        if ns and is_type_predicate(ns.get(name), a_module):
            return True
    return False


class _SlotsProbe:
    __slots__ = ('probe',)


_MemberDescriptorType = type(_SlotsProbe.__dict__['probe'])


def _get_field(cls, a_name, a_type, default_kw_only):
    # The Field for one annotation of the class, its default taken from the
    # class attribute.
    default = getattr(cls, a_name, MISSING)
    if isinstance(default, Field):
        f = default
    else:
        if isinstance(default, _MemberDescriptorType):
            # A __slots__ entry: no default.
            default = MISSING
        f = field(default=default)

    f.name = a_name
    f.type = a_type
    f._field_type = _FIELD

    typing = sys.modules.get('typing')
    if typing:
        if (_is_classvar(a_type, typing)
                or (isinstance(f.type, str)
                    and _is_type(f.type, cls, typing, typing.ClassVar, _is_classvar))):
            f._field_type = _FIELD_CLASSVAR

    if f._field_type is _FIELD:
        dataclasses = sys.modules[__name__]
        if (_is_initvar(a_type, dataclasses)
                or (isinstance(f.type, str)
                    and _is_type(f.type, cls, dataclasses, dataclasses.InitVar, _is_initvar))):
            f._field_type = _FIELD_INITVAR

    if f._field_type in (_FIELD_CLASSVAR, _FIELD_INITVAR):
        if f.default_factory is not MISSING:
            raise TypeError(f'field {f.name} cannot have a '
                            'default factory')

    if f._field_type in (_FIELD, _FIELD_INITVAR):
        if f.kw_only is MISSING:
            f.kw_only = default_kw_only
    else:
        if f.kw_only is not MISSING:
            raise TypeError(f'field {f.name} is a ClassVar but specifies '
                            'kw_only')

    if f._field_type is _FIELD and isinstance(f.default, (list, dict, set)):
        raise ValueError(f'mutable default {type(f.default)} for field '
                         f'{f.name} is not allowed: use default_factory')
    return f


def _set_qualname(cls, value):
    # A generated method is named as if defined in the class.
    if type(value).__name__ == 'function':
        value.__qualname__ = f"{cls.__qualname__}.{value.__name__}"
        try:
            value.__module__ = cls.__module__
        except (AttributeError, TypeError):
            pass
    return value


def _set_new_attribute(cls, name, value):
    # Set a generated method unless the class defines it; True if it did.
    if name in cls.__dict__:
        return True
    _set_qualname(cls, value)
    setattr(cls, name, value)
    return False


# --- the decorator --------------------------------------------------------------

def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen,
                   match_args, kw_only, slots):
    fields = {}
    setattr(cls, _PARAMS, _DataclassParams(init, repr, eq, order,
                                           unsafe_hash, frozen))

    # The bases' fields, the most basic first, so that subclasses override.
    any_frozen_base = False
    has_dataclass_bases = False
    for b in cls.__mro__[-1:0:-1]:
        base_fields = getattr(b, _FIELDS, None)
        if base_fields is not None:
            has_dataclass_bases = True
            for f in base_fields.values():
                fields[f.name] = f
            if getattr(b, _PARAMS).frozen:
                any_frozen_base = True

    cls_annotations = cls.__dict__.get('__annotations__', {})

    cls_fields = []
    KW_ONLY_seen = False
    dataclasses = sys.modules[__name__]
    for name, type in cls_annotations.items():
        if (_is_kw_only(type, dataclasses)
                or (isinstance(type, str)
                    and _is_type(type, cls, dataclasses, dataclasses.KW_ONLY,
                                 _is_kw_only))):
            # A marker: the fields after it are keyword-only.
            if KW_ONLY_seen:
                raise TypeError(f'{name!r} is KW_ONLY, but KW_ONLY '
                                'has already been specified')
            KW_ONLY_seen = True
            kw_only = True
        else:
            cls_fields.append(_get_field(cls, name, type, kw_only))

    for f in cls_fields:
        fields[f.name] = f
        # The class attribute becomes the plain default (or goes).
        if isinstance(getattr(cls, f.name, None), Field):
            if f.default is MISSING:
                delattr(cls, f.name)
            else:
                setattr(cls, f.name, f.default)

    for name, value in cls.__dict__.items():
        if isinstance(value, Field) and not name in cls_annotations:
            raise TypeError(f'{name!r} is a field but has no type annotation')

    if has_dataclass_bases:
        if any_frozen_base and not frozen:
            raise TypeError('cannot inherit non-frozen dataclass from a '
                            'frozen one')
        if not any_frozen_base and frozen:
            raise TypeError('cannot inherit frozen dataclass from a '
                            'non-frozen one')

    setattr(cls, _FIELDS, fields)

    # A __hash__ set to None in a class that defines __eq__ is Python's
    # doing, not the class's.
    class_hash = cls.__dict__.get('__hash__', MISSING)
    has_explicit_hash = not (class_hash is MISSING or
                             (class_hash is None and '__eq__' in cls.__dict__))

    if order and not eq:
        raise ValueError('eq must be true if order is true')

    all_init_fields = [f for f in fields.values()
                       if f._field_type in (_FIELD, _FIELD_INITVAR)]
    (std_init_fields,
     kw_only_init_fields) = _fields_in_init_order(all_init_fields)

    if init:
        has_post_init = hasattr(cls, _POST_INIT_NAME)
        _set_new_attribute(cls, '__init__',
                           _init_fn(cls, all_init_fields, std_init_fields,
                                    kw_only_init_fields, frozen, has_post_init,
                                    slots))

    field_list = [f for f in fields.values() if f._field_type is _FIELD]

    if repr:
        flds = [f for f in field_list if f.repr]
        _set_new_attribute(cls, '__repr__', _repr_fn(cls, flds))

    if eq:
        names = tuple(f.name for f in field_list if f.compare)
        _set_new_attribute(cls, '__eq__', _cmp_fn('__eq__', _eq_op, names))

    if order:
        names = tuple(f.name for f in field_list if f.compare)
        for name, op in [('__lt__', _lt_op),
                         ('__le__', _le_op),
                         ('__gt__', _gt_op),
                         ('__ge__', _ge_op),
                         ]:
            if _set_new_attribute(cls, name, _cmp_fn(name, op, names)):
                raise TypeError(f'Cannot overwrite attribute {name} '
                                f'in class {cls.__name__}. Consider using '
                                'functools.total_ordering')

    if frozen:
        for fn in _frozen_get_del_attr(cls, field_list):
            if _set_new_attribute(cls, fn.__name__, fn):
                raise TypeError(f'Cannot overwrite attribute {fn.__name__} '
                                f'in class {cls.__name__}')

    hash_action = _hash_action[bool(unsafe_hash),
                               bool(eq),
                               bool(frozen),
                               has_explicit_hash]
    if hash_action:
        cls.__hash__ = hash_action(cls, field_list)

    if not getattr(cls, '__doc__'):
        cls.__doc__ = cls.__name__ + _class_signature(cls).replace(' -> None', '')

    if match_args:
        _set_new_attribute(cls, '__match_args__',
                           tuple(f.name for f in std_init_fields))

    if slots:
        cls = _add_slots(cls, frozen)

    abc.update_abstractmethods(cls)
    return cls


def _dataclass_getstate(self):
    return [getattr(self, f.name) for f in fields(self)]


def _dataclass_setstate(self, state):
    for field, value in zip(fields(self), state):
        object.__setattr__(self, field.name, value)


def _add_slots(cls, is_frozen):
    # __slots__ only works when a class is created, so make the class again.
    if '__slots__' in cls.__dict__:
        raise TypeError(f'{cls.__name__} already specifies __slots__')
    cls_dict = dict(cls.__dict__)
    field_names = tuple(f.name for f in fields(cls))
    cls_dict['__slots__'] = field_names
    for field_name in field_names:
        cls_dict.pop(field_name, None)
    cls_dict.pop('__dict__', None)
    cls_dict.pop('__weakref__', None)
    qualname = getattr(cls, '__qualname__', None)
    cls = type(cls)(cls.__name__, cls.__bases__, cls_dict)
    if qualname is not None:
        cls.__qualname__ = qualname
    if is_frozen:
        cls.__getstate__ = _dataclass_getstate
        cls.__setstate__ = _dataclass_setstate
    return cls


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False,
              unsafe_hash=False, frozen=False, match_args=True,
              kw_only=False, slots=False):
    """Add __init__, __repr__, __eq__ and (as asked) ordering, hashing and
    immutability to a class from its annotated fields. Usable as @dataclass
    and @dataclass(...)."""

    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, unsafe_hash,
                              frozen, match_args, kw_only, slots)

    if cls is None:
        return wrap
    return wrap(cls)


def fields(class_or_instance):
    """The Field objects of a dataclass or of one of its instances (not the
    ClassVar and InitVar pseudo-fields)."""
    try:
        fields = getattr(class_or_instance, _FIELDS)
    except AttributeError:
        raise TypeError('must be called with a dataclass type or instance') from None
    return tuple(f for f in fields.values() if f._field_type is _FIELD)


def _is_dataclass_instance(obj):
    return hasattr(type(obj), _FIELDS)


def is_dataclass(obj):
    """Whether obj is a dataclass or an instance of one."""
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, _FIELDS)


def asdict(obj, *, dict_factory=dict):
    """A dataclass instance as a dict of its fields, recursively (other
    values are deep-copied)."""
    if not _is_dataclass_instance(obj):
        raise TypeError("asdict() should be called on dataclass instances")
    return _asdict_inner(obj, dict_factory)


def _asdict_inner(obj, dict_factory):
    if _is_dataclass_instance(obj):
        result = []
        for f in fields(obj):
            value = _asdict_inner(getattr(obj, f.name), dict_factory)
            result.append((f.name, value))
        return dict_factory(result)
    elif isinstance(obj, tuple) and hasattr(obj, '_fields'):
        # A namedtuple is rebuilt from its converted items.
        return type(obj)(*[_asdict_inner(v, dict_factory) for v in obj])
    elif isinstance(obj, (list, tuple)):
        return type(obj)(_asdict_inner(v, dict_factory) for v in obj)
    elif isinstance(obj, dict):
        return type(obj)((_asdict_inner(k, dict_factory),
                          _asdict_inner(v, dict_factory))
                         for k, v in obj.items())
    else:
        import copy
        return copy.deepcopy(obj)


def astuple(obj, *, tuple_factory=tuple):
    """A dataclass instance as a tuple of its fields, recursively."""
    if not _is_dataclass_instance(obj):
        raise TypeError("astuple() should be called on dataclass instances")
    return _astuple_inner(obj, tuple_factory)


def _astuple_inner(obj, tuple_factory):
    if _is_dataclass_instance(obj):
        result = []
        for f in fields(obj):
            value = _astuple_inner(getattr(obj, f.name), tuple_factory)
            result.append(value)
        return tuple_factory(result)
    elif isinstance(obj, tuple) and hasattr(obj, '_fields'):
        return type(obj)(*[_astuple_inner(v, tuple_factory) for v in obj])
    elif isinstance(obj, (list, tuple)):
        return type(obj)(_astuple_inner(v, tuple_factory) for v in obj)
    elif isinstance(obj, dict):
        return type(obj)((_astuple_inner(k, tuple_factory), _astuple_inner(v, tuple_factory))
                         for k, v in obj.items())
    else:
        import copy
        return copy.deepcopy(obj)


def _calculate_meta(meta, bases):
    # The most derived metaclass (types._calculate_meta).
    winner = meta
    for base in bases:
        base_meta = type(base)
        if issubclass(winner, base_meta):
            continue
        if issubclass(base_meta, winner):
            winner = base_meta
            continue
        raise TypeError("metaclass conflict: "
                        "the metaclass of a derived class "
                        "must be a (non-strict) subclass "
                        "of the metaclasses of all its bases")
    return winner


def make_dataclass(cls_name, fields, *, bases=(), namespace=None, init=True,
                   repr=True, eq=True, order=False, unsafe_hash=False,
                   frozen=False, match_args=True, kw_only=False, slots=False):
    """A new dataclass named cls_name with fields given as names, (name,
    type) or (name, type, Field) items; the other arguments are dataclass()'s."""
    if namespace is None:
        namespace = {}

    seen = set()
    annotations = {}
    defaults = {}
    for item in fields:
        if isinstance(item, str):
            name = item
            tp = 'typing.Any'
        elif len(item) == 2:
            name, tp, = item
        elif len(item) == 3:
            name, tp, spec = item
            defaults[name] = spec
        else:
            raise TypeError(f'Invalid field: {item!r}')

        if not isinstance(name, str) or not name.isidentifier():
            raise TypeError(f'Field names must be valid identifiers: {name!r}')
        if keyword.iskeyword(name):
            raise TypeError(f'Field names must not be keywords: {name!r}')
        if name in seen:
            raise TypeError(f'Field name duplicated: {name!r}')

        seen.add(name)
        annotations[name] = tp

    # As types.new_class: resolve the bases and the metaclass, prepare the
    # namespace, fill it, make the class. (CPython's classes made this way
    # say they come from the types module.)
    resolved_bases = []
    for base in bases:
        mro_entries = None if isinstance(base, type) else getattr(base, '__mro_entries__', None)
        if mro_entries is not None:
            resolved_bases.extend(mro_entries(bases))
        else:
            resolved_bases.append(base)
    resolved_bases = tuple(resolved_bases)
    meta = _calculate_meta(type, resolved_bases)
    ns = meta.__prepare__(cls_name, resolved_bases)
    ns['__module__'] = 'types'
    ns.update(namespace)
    ns.update(defaults)
    ns['__annotations__'] = annotations
    if resolved_bases is not bases and resolved_bases != bases:
        ns['__orig_bases__'] = bases
    cls = meta(cls_name, resolved_bases, ns)

    return dataclass(cls, init=init, repr=repr, eq=eq, order=order,
                     unsafe_hash=unsafe_hash, frozen=frozen,
                     match_args=match_args, kw_only=kw_only, slots=slots)


def replace(obj, /, **changes):
    """A new object like obj with the given fields changed (init=False
    fields cannot be; InitVars without defaults must be)."""
    if not _is_dataclass_instance(obj):
        raise TypeError("replace() should be called on dataclass instances")

    for f in getattr(obj, _FIELDS).values():
        if f._field_type is _FIELD_CLASSVAR:
            continue

        if not f.init:
            if f.name in changes:
                raise ValueError(f'field {f.name} is declared with '
                                 'init=False, it cannot be specified with '
                                 'replace()')
            continue

        if f.name not in changes:
            if f._field_type is _FIELD_INITVAR and f.default is MISSING:
                raise ValueError(f"InitVar {f.name!r} "
                                 'must be specified with replace()')
            changes[f.name] = getattr(obj, f.name)

    return obj.__class__(**changes)
