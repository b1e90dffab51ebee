"""Support for type hints (pyvm's implementation of the typing module).

Provides CPython 3.10's typing: the special forms (Any, NoReturn, Union,
Optional, Literal, Final, ClassVar, Annotated, TypeAlias, Concatenate,
TypeGuard), TypeVar, ParamSpec, Generic, Protocol and runtime_checkable, the
generic aliases of built-in and collections.abc types (List, Dict, Callable,
Tuple, Iterable, ...), NamedTuple, TypedDict, NewType, cast, overload, final,
no_type_check, get_type_hints, get_origin/get_args, the Supports* protocols
and IO/TextIO/BinaryIO, with CPython's reprs and error messages.

Differences from CPython: pyvm has no compiler, so string annotations
(forward references) are evaluated by a small evaluator written here, which
understands names, attributes, subscripts, calls, literals, lists, tuples,
unary minus and `|`; any other expression raises NotImplementedError when
evaluated. Where pyvm has no sys._getframe, TypeVar, ParamSpec, NewType and
the functional NamedTuple/TypedDict assume their caller is '__main__', and
protocol checks tell the abc machinery's nested checks (which CPython lets
through) from the program's own by nesting, not by the calling module: a
non-runtime protocol that subclasses a collections.abc class then makes that
class's failing issubclass() checks raise. ContextManager,
AsyncContextManager, Pattern and Match are made on first use (they import
contextlib and re), so they are not in vars(typing) before. Subscriptions are
cached in unbounded dicts.
"""

from abc import abstractmethod, ABCMeta
import collections
import collections.abc
import sys

__all__ = [
    'Annotated', 'Any', 'Callable', 'ClassVar', 'Concatenate', 'Final',
    'ForwardRef', 'Generic', 'Literal', 'Optional', 'ParamSpec', 'Protocol',
    'Tuple', 'Type', 'TypeVar', 'Union',
    'AbstractSet', 'ByteString', 'Container', 'ContextManager', 'Hashable',
    'ItemsView', 'Iterable', 'Iterator', 'KeysView', 'Mapping', 'MappingView',
    'MutableMapping', 'MutableSequence', 'MutableSet', 'Sequence', 'Sized',
    'ValuesView', 'Awaitable', 'AsyncIterator', 'AsyncIterable', 'Coroutine',
    'Collection', 'AsyncGenerator', 'AsyncContextManager',
    'Reversible', 'SupportsAbs', 'SupportsBytes', 'SupportsComplex',
    'SupportsFloat', 'SupportsIndex', 'SupportsInt', 'SupportsRound',
    'ChainMap', 'Counter', 'Deque', 'Dict', 'DefaultDict', 'List',
    'OrderedDict', 'Set', 'FrozenSet', 'NamedTuple', 'TypedDict', 'Generator',
    'BinaryIO', 'IO', 'Match', 'Pattern', 'TextIO',
    'AnyStr', 'cast', 'final', 'get_args', 'get_origin', 'get_type_hints',
    'is_typeddict', 'NewType', 'no_type_check', 'no_type_check_decorator',
    'NoReturn', 'overload', 'ParamSpecArgs', 'ParamSpecKwargs',
    'runtime_checkable', 'Text', 'TYPE_CHECKING', 'TypeAlias', 'TypeGuard',
]

# The types of builtin objects typing looks at (CPython gets them from types).
_FunctionType = type(lambda: None)
_ModuleType = type(sys)
# types.GenericAlias: in pyvm the alias class of collections.abc.
_GenericAliasType = type(collections.abc.Iterable[int])
try:
    _UnionType = type(int | str)
except TypeError:
    # pyvm has no types.UnionType (X | Y of classes).
    class _UnionType:
        pass


def _is_dunder(name):
    return name.startswith('__') and name.endswith('__')


def _caller(depth=1, default='__main__'):
    """The __name__ of the module `depth` frames above the caller."""
    getframe = getattr(sys, '_getframe', None)
    if getframe is None:
        return default
    try:
        return getframe(depth + 1).f_globals.get('__name__', default)
    except (AttributeError, ValueError):
        return None


# --- helpers -----------------------------------------------------------------

def _type_convert(arg, module=None, *, allow_special_forms=False):
    """None becomes type(None) and a string a ForwardRef."""
    if arg is None:
        return type(None)
    if isinstance(arg, str):
        return ForwardRef(arg, module=module, is_class=allow_special_forms)
    return arg


def _type_check(arg, msg, is_argument=True, module=None, *, allow_special_forms=False):
    """Check that arg can be used as a type argument and return it (None as
    type(None), a string as a ForwardRef); msg starts the error message."""
    if arg is None:
        return type(None)
    if isinstance(arg, str):
        return ForwardRef(arg, module=module, is_class=allow_special_forms)
    if isinstance(arg, _GenericAlias):
        origin = arg.__origin__
        if (origin is Generic or origin is Protocol
                or (not allow_special_forms
                    and (origin is ClassVar or (is_argument and origin is Final)))):
            raise TypeError(f"{arg} is not valid as type argument")
    if arg is Any or arg is NoReturn or arg is Final or arg is TypeAlias:
        return arg
    if isinstance(arg, _SpecialForm) or arg is Generic or arg is Protocol:
        raise TypeError(f"Plain {arg} is not valid as type argument")
    if isinstance(arg, (type, TypeVar, ForwardRef, _UnionType, ParamSpec,
                        ParamSpecArgs, ParamSpecKwargs)):
        return arg
    if not callable(arg):
        raise TypeError(f"{msg} Got {arg!r:.100}.")
    return arg


def _is_param_expr(arg):
    return (arg is ... or isinstance(arg, (tuple, list, ParamSpec,
                                           _ConcatenateGenericAlias)))


def _type_repr(obj):
    """The repr of obj in an alias's repr: module.qualname for classes."""
    if isinstance(obj, _GenericAliasType):
        return repr(obj)
    if isinstance(obj, type):
        if obj.__module__ == 'builtins':
            return obj.__qualname__
        return f'{obj.__module__}.{obj.__qualname__}'
    if obj is ...:
        return '...'
    if isinstance(obj, _FunctionType):
        return obj.__name__
    return repr(obj)


def _collect_type_vars(types, typevar_types=None):
    """The type variables in types and their parameters, in order of first
    appearance, without duplicates."""
    if typevar_types is None:
        typevar_types = TypeVar
    tvars = []
    for t in types:
        if isinstance(t, typevar_types) and t not in tvars:
            tvars.append(t)
        if isinstance(t, (_GenericAlias, _GenericAliasType, _UnionType)):
            for p in getattr(t, '__parameters__', ()):
                if p not in tvars:
                    tvars.append(p)
    return tuple(tvars)


def _check_generic(cls, parameters, elen):
    if not elen:
        raise TypeError(f"{cls} is not a generic class")
    alen = len(parameters)
    if alen != elen:
        raise TypeError(f"Too {'many' if alen > elen else 'few'} arguments for {cls};"
                        f" actual {alen}, expected {elen}")


def _prepare_paramspec_params(cls, params):
    """Parameters of a generic whose parameters include a ParamSpec:
    Z[int, str] means Z[[int, str]] when Z has the single ParamSpec."""
    if (len(cls.__parameters__) == 1
            and params and not _is_param_expr(params[0])):
        return (params,)
    _check_generic(cls, params, len(cls.__parameters__))
    result = []
    for p, tvar in zip(params, cls.__parameters__):
        if isinstance(tvar, ParamSpec) and isinstance(p, list):
            p = tuple(p)
        result.append(p)
    return tuple(result)


def _deduplicate(params):
    """params without repeats (by equality), keeping first occurrences."""
    unique = set(params)
    if len(unique) == len(params):
        return params
    result = []
    for p in params:
        if p in unique:
            result.append(p)
            unique.remove(p)
    return result


def _remove_dups_flatten(parameters):
    """Union arguments: nested unions flattened, then duplicates removed."""
    params = []
    for p in parameters:
        if isinstance(p, (_UnionGenericAlias, _UnionType)):
            params.extend(p.__args__)
        elif isinstance(p, tuple) and len(p) > 0 and p[0] is Union:
            params.extend(p[1:])
        else:
            params.append(p)
    return tuple(_deduplicate(params))


def _flatten_literal_params(parameters):
    params = []
    for p in parameters:
        if isinstance(p, _LiteralGenericAlias):
            params.extend(p.__args__)
        else:
            params.append(p)
    return tuple(params)


_cleanups = []


def _tp_cache(func=None, /, *, typed=False):
    """Cache the results of a __getitem__ by its (hashable) arguments, so that
    List[int] is List[int]; unhashable arguments are not cached."""
    def decorator(func):
        cache = {}
        _cleanups.append(cache.clear)

        def inner(*args):
            key = args + tuple([type(a) for a in args]) if typed else args
            try:
                return cache[key]
            except KeyError:
                pass
            except TypeError:
                return func(*args)
            result = func(*args)
            cache[key] = result
            return result

        inner.__name__ = func.__name__
        inner.__qualname__ = func.__qualname__
        inner.__doc__ = func.__doc__
        inner.__wrapped__ = func
        return inner

    if func is not None:
        return decorator(func)
    return decorator


def _eval_type(t, globalns, localns, recursive_guard=frozenset()):
    """t with its forward references evaluated."""
    if isinstance(t, ForwardRef):
        return t._evaluate(globalns, localns, recursive_guard)
    if isinstance(t, (_GenericAlias, _GenericAliasType, _UnionType)):
        ev_args = tuple([_eval_type(a, globalns, localns, recursive_guard)
                         for a in t.__args__])
        if ev_args == t.__args__:
            return t
        if isinstance(t, _GenericAliasType):
            return _GenericAliasType(t.__origin__, ev_args)
        if isinstance(t, _UnionType):
            result = ev_args[0]
            for a in ev_args[1:]:
                result = result | a
            return result
        return t.copy_with(ev_args)
    return t


class _Final:
    """Mixin forbidding subclasses (other than typing's own)."""

    __slots__ = ('__weakref__',)

    def __init_subclass__(cls, /, *args, **kwds):
        if '_root' not in kwds:
            raise TypeError("Cannot subclass special typing classes")


class _Immutable:
    """Mixin: copies are the object itself."""

    __slots__ = ()

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


# --- special forms -----------------------------------------------------------

class _SpecialForm(_Final, _root=True):
    __slots__ = ('_name', '_getitem')

    def __init__(self, getitem):
        self._getitem = getitem
        self._name = getitem.__name__

    # The docstring of each form is its function's.
    __doc__ = property(lambda self: self._getitem.__doc__)

    def __getattr__(self, item):
        if item == '__name__' or item == '__qualname__':
            return self._name
        raise AttributeError(item)

    def __mro_entries__(self, bases):
        raise TypeError(f"Cannot subclass {self!r}")

    def __repr__(self):
        return 'typing.' + self._name

    def __reduce__(self):
        return self._name

    def __call__(self, *args, **kwds):
        raise TypeError(f"Cannot instantiate {self!r}")

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]

    def __instancecheck__(self, obj):
        raise TypeError(f"{self} cannot be used with isinstance()")

    def __subclasscheck__(self, cls):
        raise TypeError(f"{self} cannot be used with issubclass()")

    @_tp_cache
    def __getitem__(self, parameters):
        return self._getitem(self, parameters)


class _LiteralSpecialForm(_SpecialForm, _root=True):
    __doc__ = _SpecialForm.__dict__['__doc__']

    def __getitem__(self, parameters):
        if not isinstance(parameters, tuple):
            parameters = (parameters,)
        return self._getitem(self, *parameters)


@_SpecialForm
def Any(self, parameters):
    """Special type indicating an unconstrained type.

    - Any is compatible with every type.
    - Any assumed to have all methods.
    - All values assumed to be instances of Any.

    At runtime, Any should not be used with instance or class checks.
    """
    raise TypeError(f"{self} is not subscriptable")


@_SpecialForm
def NoReturn(self, parameters):
    """Special type indicating functions that never return."""
    raise TypeError(f"{self} is not subscriptable")


@_SpecialForm
def ClassVar(self, parameters):
    """Special type construct to mark class variables: ClassVar[int]."""
    item = _type_check(parameters, f'{self} accepts only single type.')
    return _GenericAlias(self, (item,))


@_SpecialForm
def Final(self, parameters):
    """Special typing construct to indicate final names to type checkers."""
    item = _type_check(parameters, f'{self} accepts only single type.')
    return _GenericAlias(self, (item,))


@_SpecialForm
def Union(self, parameters):
    """Union type; Union[X, Y] means either X or Y.

    Unions of unions are flattened, duplicates removed, a union of one type
    is that type, and argument order is ignored when comparing.
    """
    if parameters == ():
        raise TypeError("Cannot take a Union of no types.")
    if not isinstance(parameters, tuple):
        parameters = (parameters,)
    msg = "Union[arg, ...]: each arg must be a type."
    parameters = tuple([_type_check(p, msg) for p in parameters])
    parameters = _remove_dups_flatten(parameters)
    if len(parameters) == 1:
        return parameters[0]
    if len(parameters) == 2 and type(None) in parameters:
        return _UnionGenericAlias(self, parameters, name="Optional")
    return _UnionGenericAlias(self, parameters)


@_SpecialForm
def Optional(self, parameters):
    """Optional type: Optional[X] is equivalent to Union[X, None]."""
    arg = _type_check(parameters, f"{self} requires a single type.")
    return Union[arg, type(None)]


@_LiteralSpecialForm
@_tp_cache(typed=True)
def Literal(self, *parameters):
    """Special typing form to define literal types (a.k.a. value types):
    Literal['r', 'w'] accepts those values only."""
    parameters = _flatten_literal_params(parameters)
    try:
        parameters = tuple([p for p, _ in _deduplicate(list(_value_and_type_iter(parameters)))])
    except TypeError:  # unhashable parameters
        pass
    return _LiteralGenericAlias(self, parameters)


@_SpecialForm
def TypeAlias(self, parameters):
    """Special marker for explicit type alias definitions:
    Predicate: TypeAlias = Callable[..., bool]."""
    raise TypeError(f"{self} is not subscriptable")


@_SpecialForm
def Concatenate(self, parameters):
    """Used with ParamSpec and Callable: Callable[Concatenate[int, P], int]."""
    if parameters == ():
        raise TypeError("Cannot take a Concatenate of no types.")
    if not isinstance(parameters, tuple):
        parameters = (parameters,)
    if not isinstance(parameters[-1], ParamSpec):
        raise TypeError("The last parameter to Concatenate should be a "
                        "ParamSpec variable.")
    msg = "Concatenate[arg, ...]: each arg must be a type."
    parameters = (*[_type_check(p, msg) for p in parameters[:-1]], parameters[-1])
    return _ConcatenateGenericAlias(self, parameters,
                                    _typevar_types=(TypeVar, ParamSpec),
                                    _paramspec_tvars=True)


@_SpecialForm
def TypeGuard(self, parameters):
    """Special typing form for the return type of a user-defined type guard
    function: def is_str(x) -> TypeGuard[str]."""
    item = _type_check(parameters, f'{self} accepts only single type.')
    return _GenericAlias(self, (item,))


# --- forward references --------------------------------------------------------

# pyvm has no compiler, so a forward reference is parsed here into a small
# tree: ('name', id) ('const', value) ('attr', node, name) ('sub', node, index)
# ('call', node, args, kwargs) ('tuple', items) ('list', items)
# ('unary', op, node) ('or', left, right).

_UNSUPPORTED_WORDS = frozenset(['and', 'or', 'not', 'in', 'is', 'if', 'else',
                                'lambda', 'await', 'for', 'async', 'yield'])
_OTHER_KEYWORDS = frozenset(['as', 'assert', 'break', 'class', 'continue', 'def',
                             'del', 'elif', 'except', 'finally', 'from', 'global',
                             'import', 'nonlocal', 'pass', 'raise', 'return',
                             'try', 'while', 'with'])
_ESCAPES = {'n': '\n', 't': '\t', 'r': '\r', '\\': '\\', "'": "'", '"': '"',
            '0': '\0', 'a': '\a', 'b': '\b', 'f': '\f', 'v': '\v', '\n': ''}


_BINARY_OPS = frozenset(['+', '-', '*', '/', '//', '%', '@', '<<', '>>', '&', '^', '**',
                         '<', '>', '<=', '>=', '==', '!='])


class _Unsupported(Exception):
    """A valid Python expression the forward-reference evaluator cannot do."""


def _tokenize(s):
    """The tokens of s: (kind, value) with kind name/num/str/op/end."""
    tokens = []
    i = 0
    n = len(s)
    while i < n:
        c = s[i]
        if c in ' \t\n\r\f':
            i += 1
        elif c.isalpha() or c == '_' or c > '\x7f':
            j = i + 1
            while j < n and (s[j].isalnum() or s[j] == '_' or s[j] > '\x7f'):
                j += 1
            word = s[i:j]
            if j < n and s[j] in '\'"' and word.lower() in ('r', 'b', 'u', 'rb', 'br',
                                                             'f', 'fr', 'rf'):
                j = _scan_string(s, j, word.lower(), tokens)
            elif word in _UNSUPPORTED_WORDS:
                raise _Unsupported(word)
            elif word in _OTHER_KEYWORDS or not word.isidentifier():
                raise SyntaxError(word)
            else:
                tokens.append(('name', word))
            i = j
        elif c.isdigit() or (c == '.' and i + 1 < n and s[i + 1].isdigit()):
            j = i + 1
            hexa = s.startswith(('0x', '0X'), i)
            while j < n and (s[j].isalnum() or s[j] in '._'
                             or (s[j] in '+-' and s[j - 1] in 'eE' and not hexa)):
                j += 1
            text = s[i:j].replace('_', '')
            try:
                if text[-1] in 'jJ':
                    value = complex(text)
                elif not hexa and ('.' in text or 'e' in text or 'E' in text):
                    value = float(text)
                else:
                    value = int(text, 0)
            except ValueError:
                raise SyntaxError(text)
            tokens.append(('num', value))
            i = j
        elif c == '"' or c == "'":
            i = _scan_string(s, i, '', tokens)
        elif s.startswith('...', i):
            tokens.append(('op', '...'))
            i += 3
        elif s.startswith(('**', '//', '<<', '>>', '<=', '>=', '==', '!=', ':='), i):
            tokens.append(('op', s[i:i + 2]))
            i += 2
        elif c in '.[](),|-+~:=*/%@<>&^':
            tokens.append(('op', c))
            i += 1
        elif c in '{}':
            raise _Unsupported(c)
        else:
            raise SyntaxError(c)
    tokens.append(('end', None))
    return tokens


def _scan_string(s, i, prefix, tokens):
    """Scan the string literal whose quote is s[i] and return the index after
    it; adjacent literals are concatenated."""
    if 'f' in prefix:
        raise _Unsupported('f-string')
    q = s[i]
    if s.startswith(q * 3, i):
        q = q * 3
    j = i + len(q)
    chars = []
    raw = 'r' in prefix
    n = len(s)
    while True:
        if j >= n:
            raise SyntaxError('unterminated string')
        if s.startswith(q, j):
            j += len(q)
            break
        c = s[j]
        if c == '\n' and len(q) == 1:
            raise SyntaxError('unterminated string')
        if c == '\\' and j + 1 < n:
            nxt = s[j + 1]
            if raw:
                chars.append(c + nxt)
            elif nxt in _ESCAPES:
                chars.append(_ESCAPES[nxt])
            elif nxt in 'xuU':
                width = 2 if nxt == 'x' else 4 if nxt == 'u' else 8
                try:
                    chars.append(chr(int(s[j + 2:j + 2 + width], 16)))
                except ValueError:
                    raise SyntaxError('bad escape')
                j += width
            else:
                chars.append(c + nxt)
            j += 2
            continue
        chars.append(c)
        j += 1
    value = ''.join(chars)
    if 'b' in prefix:
        value = value.encode('latin-1')
    if tokens and tokens[-1][0] == 'str' and type(tokens[-1][1]) is type(value):
        tokens[-1] = ('str', tokens[-1][1] + value)
    else:
        tokens.append(('str', value))
    return j


class _Parser:
    """Recursive descent over the tokens of a forward reference."""

    def __init__(self, text):
        self.tokens = _tokenize(text)
        self.pos = 0

    def at(self, op):
        return self.tokens[self.pos] == ('op', op)

    def take(self, op=None):
        tok = self.tokens[self.pos]
        if op is not None and tok != ('op', op):
            raise SyntaxError(f'expected {op!r}')
        self.pos += 1
        return tok

    def parse(self):
        self.unsupported = None
        node = self.exprlist(None)
        if self.tokens[self.pos][0] != 'end':
            raise SyntaxError('invalid syntax')
        if self.unsupported:
            raise _Unsupported(self.unsupported)
        return node

    def exprlist(self, closer):
        """expr (',' expr)* [','] : a tuple when there is a comma."""
        first = self.expr()
        if not self.at(','):
            return first
        items = [first]
        while self.at(','):
            self.take()
            if (closer is not None and self.at(closer)) or self.tokens[self.pos][0] == 'end':
                break
            items.append(self.expr())
        return ('tuple', items)

    def expr(self):
        node = self.unary()
        while True:
            tok = self.tokens[self.pos]
            if tok == ('op', '|'):
                self.take()
                node = ('or', node, self.unary())
            elif tok[0] == 'op' and tok[1] in _BINARY_OPS:
                # Valid, but not evaluated here: parsed for its syntax.
                self.take()
                self.unary()
                self.unsupported = tok[1]
            else:
                break
        if self.at(':'):
            raise _Unsupported(':')
        return node

    def unary(self):
        if self.at('-') or self.at('+') or self.at('~'):
            op = self.take()[1]
            return ('unary', op, self.unary())
        return self.postfix()

    def postfix(self):
        node = self.atom()
        while True:
            if self.at('.'):
                self.take()
                kind, name = self.take()
                if kind != 'name':
                    raise SyntaxError('invalid syntax')
                node = ('attr', node, name)
            elif self.at('['):
                self.take()
                index = self.exprlist(']')
                self.take(']')
                node = ('sub', node, index)
            elif self.at('('):
                self.take()
                args = []
                kwargs = []
                while not self.at(')'):
                    tok = self.tokens[self.pos]
                    if tok[0] == 'name' and self.tokens[self.pos + 1] == ('op', '='):
                        self.pos += 2
                        kwargs.append((tok[1], self.expr()))
                    elif kwargs:
                        raise SyntaxError('positional argument follows keyword argument')
                    else:
                        args.append(self.expr())
                    if not self.at(')'):
                        self.take(',')
                self.take(')')
                node = ('call', node, args, kwargs)
            else:
                return node

    def atom(self):
        kind, value = self.take()
        if kind == 'name':
            if value == 'None':
                return ('const', None)
            if value == 'True':
                return ('const', True)
            if value == 'False':
                return ('const', False)
            return ('name', value)
        if kind == 'num' or kind == 'str':
            return ('const', value)
        if kind == 'op':
            if value == '...':
                return ('const', ...)
            if value == '(':
                if self.at(')'):
                    self.take()
                    return ('tuple', [])
                node = self.exprlist(')')
                self.take(')')
                return node
            if value == '[':
                items = []
                while not self.at(']'):
                    items.append(self.expr())
                    if not self.at(']'):
                        self.take(',')
                self.take(']')
                return ('list', items)
        raise SyntaxError('invalid syntax')


def _evaluate_node(node, globalns, localns):
    kind = node[0]
    if kind == 'name':
        name = node[1]
        if name in localns:
            return localns[name]
        if name in globalns:
            return globalns[name]
        builtins = globalns.get('__builtins__')
        if builtins is None:
            import builtins
        if not isinstance(builtins, dict):
            builtins = builtins.__dict__
        if name in builtins:
            return builtins[name]
        raise NameError(f"name '{name}' is not defined")
    if kind == 'const':
        return node[1]
    if kind == 'attr':
        return getattr(_evaluate_node(node[1], globalns, localns), node[2])
    if kind == 'sub':
        obj = _evaluate_node(node[1], globalns, localns)
        return obj[_evaluate_node(node[2], globalns, localns)]
    if kind == 'tuple':
        return tuple([_evaluate_node(n, globalns, localns) for n in node[1]])
    if kind == 'list':
        return [_evaluate_node(n, globalns, localns) for n in node[1]]
    if kind == 'or':
        return (_evaluate_node(node[1], globalns, localns)
                | _evaluate_node(node[2], globalns, localns))
    if kind == 'unary':
        value = _evaluate_node(node[2], globalns, localns)
        op = node[1]
        return -value if op == '-' else +value if op == '+' else ~value
    # a call
    func = _evaluate_node(node[1], globalns, localns)
    args = [_evaluate_node(n, globalns, localns) for n in node[2]]
    kwargs = {k: _evaluate_node(n, globalns, localns) for k, n in node[3]}
    return func(*args, **kwargs)


def _parse_forward_ref(arg):
    """The parsed form of a forward reference, or the _Unsupported error."""
    try:
        return _Parser(arg).parse()
    except _Unsupported as e:
        return e
    except (SyntaxError, IndexError):
        pass
    raise SyntaxError(f"Forward reference must be an expression -- got {arg!r}")


class ForwardRef(_Final, _root=True):
    """Internal wrapper to hold a forward reference."""

    __slots__ = ('__forward_arg__', '__forward_code__',
                 '__forward_evaluated__', '__forward_value__',
                 '__forward_is_argument__', '__forward_is_class__',
                 '__forward_module__')

    def __init__(self, arg, is_argument=True, module=None, *, is_class=False):
        if not isinstance(arg, str):
            raise TypeError(f"Forward reference must be a string -- got {arg!r}")
        self.__forward_arg__ = arg
        self.__forward_code__ = _parse_forward_ref(arg)
        self.__forward_evaluated__ = False
        self.__forward_value__ = None
        self.__forward_is_argument__ = is_argument
        self.__forward_is_class__ = is_class
        self.__forward_module__ = module

    def _evaluate(self, globalns, localns, recursive_guard):
        if self.__forward_arg__ in recursive_guard:
            return self
        if not self.__forward_evaluated__ or localns is not globalns:
            if globalns is None and localns is None:
                globalns = localns = {}
            elif globalns is None:
                globalns = localns
            elif localns is None:
                localns = globalns
            if self.__forward_module__ is not None:
                globalns = getattr(sys.modules.get(self.__forward_module__, None),
                                   '__dict__', globalns)
            code = self.__forward_code__
            if isinstance(code, _Unsupported):
                raise NotImplementedError(
                    f"pyvm cannot evaluate the forward reference {self.__forward_arg__!r}: "
                    f"it has no compiler, and typing's evaluator only knows names, "
                    f"attributes, subscripts, calls, literals and |")
            type_ = _type_check(
                _evaluate_node(code, globalns, localns),
                "Forward references must evaluate to types.",
                is_argument=self.__forward_is_argument__,
                allow_special_forms=self.__forward_is_class__,
            )
            self.__forward_value__ = _eval_type(
                type_, globalns, localns, recursive_guard | {self.__forward_arg__})
            self.__forward_evaluated__ = True
        return self.__forward_value__

    def __eq__(self, other):
        if not isinstance(other, ForwardRef):
            return NotImplemented
        if self.__forward_evaluated__ and other.__forward_evaluated__:
            return (self.__forward_arg__ == other.__forward_arg__ and
                    self.__forward_value__ == other.__forward_value__)
        return (self.__forward_arg__ == other.__forward_arg__ and
                self.__forward_module__ == other.__forward_module__)

    def __hash__(self):
        return hash((self.__forward_arg__, self.__forward_module__))

    def __repr__(self):
        return f'ForwardRef({self.__forward_arg__!r})'


# --- type variables ------------------------------------------------------------

class _TypeVarLike:
    """Mixin of TypeVar and ParamSpec: variance, bound, repr, |."""

    def _setup(self, bound, covariant, contravariant):
        if covariant and contravariant:
            raise ValueError("Bivariant types are not supported.")
        self.__covariant__ = bool(covariant)
        self.__contravariant__ = bool(contravariant)
        if bound:
            self.__bound__ = _type_check(bound, "Bound must be a type.")
        else:
            self.__bound__ = None

    def __or__(self, right):
        return Union[self, right]

    def __ror__(self, left):
        return Union[left, self]

    def __repr__(self):
        if self.__covariant__:
            prefix = '+'
        elif self.__contravariant__:
            prefix = '-'
        else:
            prefix = '~'
        return prefix + self.__name__

    def __reduce__(self):
        return self.__name__


class TypeVar(_Final, _Immutable, _TypeVarLike, _root=True):
    """Type variable.

    Usage::

      T = TypeVar('T')  # Can be anything
      A = TypeVar('A', str, bytes)  # Must be str or bytes

    At runtime, isinstance(x, T) and issubclass(C, T) raise TypeError.
    """

    # (CPython also lists '__dict__', which _TypeVarLike gives anyway; pyvm
    # refuses a '__dict__' slot when a base has a dict.)
    __slots__ = ('__name__', '__bound__', '__constraints__',
                 '__covariant__', '__contravariant__')

    def __init__(self, name, *constraints, bound=None,
                 covariant=False, contravariant=False):
        self.__name__ = name
        self._setup(bound, covariant, contravariant)
        if constraints and bound is not None:
            raise TypeError("Constraints cannot be combined with bound=...")
        if constraints and len(constraints) == 1:
            raise TypeError("A single constraint is not allowed")
        msg = "TypeVar(name, constraint, ...): constraints must be types."
        self.__constraints__ = tuple([_type_check(t, msg) for t in constraints])
        def_mod = _caller()
        if def_mod != 'typing':
            self.__module__ = def_mod


class ParamSpecArgs(_Final, _Immutable, _root=True):
    """The args of a ParamSpec P: P.args, with P.args.__origin__ is P."""

    def __init__(self, origin):
        self.__origin__ = origin

    def __repr__(self):
        return f"{self.__origin__.__name__}.args"

    def __eq__(self, other):
        if not isinstance(other, ParamSpecArgs):
            return NotImplemented
        return self.__origin__ == other.__origin__


class ParamSpecKwargs(_Final, _Immutable, _root=True):
    """The kwargs of a ParamSpec P: P.kwargs, with P.kwargs.__origin__ is P."""

    def __init__(self, origin):
        self.__origin__ = origin

    def __repr__(self):
        return f"{self.__origin__.__name__}.kwargs"

    def __eq__(self, other):
        if not isinstance(other, ParamSpecKwargs):
            return NotImplemented
        return self.__origin__ == other.__origin__


class ParamSpec(_Final, _Immutable, _TypeVarLike, _root=True):
    """Parameter specification variable: P = ParamSpec('P'), used as
    Callable[P, T], with P.args and P.kwargs for *args and **kwargs."""

    __slots__ = ('__name__', '__bound__', '__covariant__', '__contravariant__')

    @property
    def args(self):
        return ParamSpecArgs(self)

    @property
    def kwargs(self):
        return ParamSpecKwargs(self)

    def __init__(self, name, *, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self._setup(bound, covariant, contravariant)
        def_mod = _caller()
        if def_mod != 'typing':
            self.__module__ = def_mod


# --- generic aliases -------------------------------------------------------------

class _BaseGenericAlias(_Final, _root=True):
    """A generic version of a class (`origin`), subscripted or not."""

    def __init__(self, origin, *, inst=True, name=None):
        self._inst = inst
        self._name = name
        self.__origin__ = origin

    def __call__(self, *args, **kwargs):
        if not self._inst:
            raise TypeError(f"Type {self._name} cannot be instantiated; "
                            f"use {self.__origin__.__name__}() instead")
        result = self.__origin__(*args, **kwargs)
        try:
            result.__orig_class__ = self
        except AttributeError:
            pass
        return result

    def __mro_entries__(self, bases):
        res = []
        if self.__origin__ not in bases:
            res.append(self.__origin__)
        i = bases.index(self)
        for b in bases[i + 1:]:
            if isinstance(b, _BaseGenericAlias) or issubclass(b, Generic):
                break
        else:
            res.append(Generic)
        return tuple(res)

    def __getattr__(self, attr):
        if attr == '__name__' or attr == '__qualname__':
            return self._name or self.__origin__.__name__
        # Dunders are not relayed to the origin (copy and pickle look for
        # them on the alias).
        if '__origin__' in self.__dict__ and not _is_dunder(attr):
            return getattr(self.__origin__, attr)
        raise AttributeError(attr)

    def __setattr__(self, attr, val):
        if _is_dunder(attr) or attr in ('_name', '_inst', '_nparams',
                                        '_typevar_types', '_paramspec_tvars'):
            object.__setattr__(self, attr, val)
        else:
            setattr(self.__origin__, attr, val)

    def __instancecheck__(self, obj):
        return self.__subclasscheck__(type(obj))

    def __subclasscheck__(self, cls):
        raise TypeError("Subscripted generics cannot be used with"
                        " class and instance checks")

    def __dir__(self):
        # object.__dir__(self), written out: pyvm's calls back into this
        # method.
        names = set(dir(type(self)))
        names.update(self.__dict__)
        names.update([attr for attr in dir(self.__origin__) if not _is_dunder(attr)])
        return list(names)


class _GenericAlias(_BaseGenericAlias, _root=True):
    """A subscripted generic: List[int], Union[int, str], Box[T]..."""

    def __init__(self, origin, params, *, inst=True, name=None,
                 _typevar_types=TypeVar, _paramspec_tvars=False):
        _BaseGenericAlias.__init__(self, origin, inst=inst, name=name)
        if not isinstance(params, tuple):
            params = (params,)
        self.__args__ = tuple([... if a is _TypingEllipsis else
                               () if a is _TypingEmpty else
                               a for a in params])
        self.__parameters__ = _collect_type_vars(params, typevar_types=_typevar_types)
        self._typevar_types = _typevar_types
        self._paramspec_tvars = _paramspec_tvars
        if not name:
            self.__module__ = origin.__module__

    def __eq__(self, other):
        if not isinstance(other, _GenericAlias):
            return NotImplemented
        return (self.__origin__ == other.__origin__
                and self.__args__ == other.__args__)

    def __hash__(self):
        return hash((self.__origin__, self.__args__))

    def __or__(self, right):
        return Union[self, right]

    def __ror__(self, left):
        return Union[left, self]

    @_tp_cache
    def __getitem__(self, params):
        if self.__origin__ is Generic or self.__origin__ is Protocol:
            raise TypeError(f"Cannot subscript already-subscripted {self}")
        if not isinstance(params, tuple):
            params = (params,)
        params = tuple([_type_convert(p) for p in params])
        if (self._paramspec_tvars
                and any(isinstance(t, ParamSpec) for t in self.__parameters__)):
            params = _prepare_paramspec_params(self, params)
        else:
            _check_generic(self, params, len(self.__parameters__))

        subst = dict(zip(self.__parameters__, params))
        new_args = []
        is_callable = self.__origin__ == collections.abc.Callable
        for arg in self.__args__:
            if isinstance(arg, self._typevar_types):
                if isinstance(arg, ParamSpec):
                    arg = subst[arg]
                    if not _is_param_expr(arg):
                        raise TypeError(f"Expected a list of types, an ellipsis, "
                                        f"ParamSpec, or Concatenate. Got {arg}")
                else:
                    arg = subst[arg]
            elif isinstance(arg, (_GenericAlias, _GenericAliasType, _UnionType)):
                subparams = getattr(arg, '__parameters__', ())
                if subparams:
                    arg = arg[tuple([subst[x] for x in subparams])]
            # Callable's argument list is flattened into its args.
            if is_callable and isinstance(arg, tuple):
                new_args.extend(arg)
            else:
                new_args.append(arg)
        return self.copy_with(tuple(new_args))

    def copy_with(self, params):
        return self.__class__(self.__origin__, params, name=self._name, inst=self._inst,
                              _typevar_types=self._typevar_types,
                              _paramspec_tvars=self._paramspec_tvars)

    def __repr__(self):
        if self._name:
            name = 'typing.' + self._name
        else:
            name = _type_repr(self.__origin__)
        args = ", ".join([_type_repr(a) for a in self.__args__])
        return f'{name}[{args}]'

    def __reduce__(self):
        import operator
        if self._name:
            origin = globals()[self._name]
        else:
            origin = self.__origin__
        args = tuple(self.__args__)
        if len(args) == 1 and (not isinstance(args[0], tuple) or
                               origin is Tuple and not args[0]):
            args, = args
        return operator.getitem, (origin, args)

    def __mro_entries__(self, bases):
        if isinstance(self.__origin__, _SpecialForm):
            raise TypeError(f"Cannot subclass {self!r}")
        if self._name:  # the generic version of an ABC or built-in class
            return _BaseGenericAlias.__mro_entries__(self, bases)
        if self.__origin__ is Generic:
            if Protocol in bases:
                return ()
            i = bases.index(self)
            for b in bases[i + 1:]:
                if isinstance(b, _BaseGenericAlias) and b is not self:
                    return ()
        return (self.__origin__,)


class _SpecialGenericAlias(_BaseGenericAlias, _root=True):
    """An unsubscripted alias of a built-in or collections class: List,
    Iterable...; _nparams is how many parameters it takes."""

    def __init__(self, origin, nparams, *, inst=True, name=None):
        if name is None:
            name = origin.__name__
        _BaseGenericAlias.__init__(self, origin, inst=inst, name=name)
        self._nparams = nparams
        if origin.__module__ == 'builtins':
            self.__doc__ = f'A generic version of {origin.__qualname__}.'
        else:
            self.__doc__ = f'A generic version of {origin.__module__}.{origin.__qualname__}.'

    @_tp_cache
    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        msg = "Parameters to generic types must be types."
        params = tuple([_type_check(p, msg) for p in params])
        _check_generic(self, params, self._nparams)
        return self.copy_with(params)

    def copy_with(self, params):
        return _GenericAlias(self.__origin__, params,
                             name=self._name, inst=self._inst)

    def __repr__(self):
        return 'typing.' + self._name

    def __subclasscheck__(self, cls):
        if isinstance(cls, _SpecialGenericAlias):
            return issubclass(cls.__origin__, self.__origin__)
        if not isinstance(cls, _GenericAlias):
            return issubclass(cls, self.__origin__)
        return _BaseGenericAlias.__subclasscheck__(self, cls)

    def __reduce__(self):
        return self._name

    def __or__(self, right):
        return Union[self, right]

    def __ror__(self, left):
        return Union[left, self]


class _CallableGenericAlias(_GenericAlias, _root=True):
    def __repr__(self):
        args = self.__args__
        if len(args) == 2 and _is_param_expr(args[0]):
            return _GenericAlias.__repr__(self)
        params = ", ".join([_type_repr(a) for a in args[:-1]])
        return f'typing.Callable[[{params}], {_type_repr(args[-1])}]'

    def __reduce__(self):
        import operator
        args = self.__args__
        if not (len(args) == 2 and _is_param_expr(args[0])):
            args = list(args[:-1]), args[-1]
        return operator.getitem, (Callable, args)


class _CallableType(_SpecialGenericAlias, _root=True):
    def copy_with(self, params):
        return _CallableGenericAlias(self.__origin__, params,
                                     name=self._name, inst=self._inst,
                                     _typevar_types=(TypeVar, ParamSpec),
                                     _paramspec_tvars=True)

    def __getitem__(self, params):
        if not isinstance(params, tuple) or len(params) != 2:
            raise TypeError("Callable must be used as "
                            "Callable[[arg, ...], result].")
        args, result = params
        # Any argument list is accepted (ParamSpec, Concatenate...).
        if isinstance(args, list):
            params = (tuple(args), result)
        else:
            params = (args, result)
        return self.__getitem_inner__(params)

    @_tp_cache
    def __getitem_inner__(self, params):
        args, result = params
        msg = "Callable[args, result]: result must be a type."
        result = _type_check(result, msg)
        if args is Ellipsis:
            return self.copy_with((_TypingEllipsis, result))
        if not isinstance(args, tuple):
            args = (args,)
        args = tuple([_type_convert(arg) for arg in args])
        return self.copy_with(args + (result,))


class _TupleType(_SpecialGenericAlias, _root=True):
    @_tp_cache
    def __getitem__(self, params):
        if params == ():
            return self.copy_with((_TypingEmpty,))
        if not isinstance(params, tuple):
            params = (params,)
        if len(params) == 2 and params[1] is ...:
            msg = "Tuple[t, ...]: t must be a type."
            p = _type_check(params[0], msg)
            return self.copy_with((p, _TypingEllipsis))
        msg = "Tuple[t0, t1, ...]: each t must be a type."
        params = tuple([_type_check(p, msg) for p in params])
        return self.copy_with(params)


class _UnionGenericAlias(_GenericAlias, _root=True):
    def copy_with(self, params):
        return Union[params]

    def __eq__(self, other):
        if not isinstance(other, (_UnionGenericAlias, _UnionType)):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))

    def __repr__(self):
        args = self.__args__
        if len(args) == 2:
            if args[0] is type(None):
                return f'typing.Optional[{_type_repr(args[1])}]'
            elif args[1] is type(None):
                return f'typing.Optional[{_type_repr(args[0])}]'
        return _GenericAlias.__repr__(self)

    def __instancecheck__(self, obj):
        return self.__subclasscheck__(type(obj))

    def __subclasscheck__(self, cls):
        for arg in self.__args__:
            if issubclass(cls, arg):
                return True

    def __reduce__(self):
        func, (origin, args) = _GenericAlias.__reduce__(self)
        return func, (Union, args)


def _value_and_type_iter(parameters):
    return ((p, type(p)) for p in parameters)


class _LiteralGenericAlias(_GenericAlias, _root=True):
    def __eq__(self, other):
        if not isinstance(other, _LiteralGenericAlias):
            return NotImplemented
        return (set(_value_and_type_iter(self.__args__))
                == set(_value_and_type_iter(other.__args__)))

    def __hash__(self):
        return hash(frozenset(_value_and_type_iter(self.__args__)))


class _ConcatenateGenericAlias(_GenericAlias, _root=True):
    def copy_with(self, params):
        if isinstance(params[-1], (list, tuple)):
            return (*params[:-1], *params[-1])
        if isinstance(params[-1], _ConcatenateGenericAlias):
            params = (*params[:-1], *params[-1].__args__)
        elif not isinstance(params[-1], ParamSpec):
            raise TypeError("The last parameter to Concatenate should be a "
                            "ParamSpec variable.")
        return _GenericAlias.copy_with(self, params)


# --- Generic and Protocol ----------------------------------------------------------

class Generic:
    """Abstract base class for generic types.

    A generic type is declared by inheriting from this class parameterized
    with one or more type variables::

      class Mapping(Generic[KT, VT]):
          def __getitem__(self, key: KT) -> VT:
              ...
    """

    __slots__ = ()
    _is_protocol = False

    @_tp_cache
    def __class_getitem__(cls, params):
        if not isinstance(params, tuple):
            params = (params,)
        if not params and cls is not Tuple:
            raise TypeError(
                f"Parameter list to {cls.__qualname__}[...] cannot be empty")
        params = tuple([_type_convert(p) for p in params])
        if cls is Generic or cls is Protocol:
            for p in params:
                if not isinstance(p, (TypeVar, ParamSpec)):
                    raise TypeError(
                        f"Parameters to {cls.__name__}[...] must all be type variables "
                        f"or parameter specification variables.")
            if len(set(params)) != len(params):
                raise TypeError(
                    f"Parameters to {cls.__name__}[...] must all be unique")
        else:
            if any(isinstance(t, ParamSpec) for t in cls.__parameters__):
                params = _prepare_paramspec_params(cls, params)
            else:
                _check_generic(cls, params, len(cls.__parameters__))
        return _GenericAlias(cls, params,
                             _typevar_types=(TypeVar, ParamSpec),
                             _paramspec_tvars=True)

    def __init_subclass__(cls, *args, **kwargs):
        super().__init_subclass__(*args, **kwargs)
        tvars = []
        own = cls.__dict__
        if '__orig_bases__' in own:
            error = Generic in cls.__orig_bases__
        else:
            error = Generic in cls.__bases__ and cls.__name__ != 'Protocol'
        if error:
            raise TypeError("Cannot inherit from plain Generic")
        if '__orig_bases__' in own:
            tvars = _collect_type_vars(cls.__orig_bases__, (TypeVar, ParamSpec))
            # With a Generic[...] base, every type variable must be listed
            # in it, and it gives their order.
            gvars = None
            for base in cls.__orig_bases__:
                if isinstance(base, _GenericAlias) and base.__origin__ is Generic:
                    if gvars is not None:
                        raise TypeError(
                            "Cannot inherit from Generic[...] multiple types.")
                    gvars = base.__parameters__
            if gvars is not None:
                gvarset = set(gvars)
                if not set(tvars) <= gvarset:
                    s_vars = ', '.join([str(t) for t in tvars if t not in gvarset])
                    s_args = ', '.join([str(g) for g in gvars])
                    raise TypeError(f"Some type variables ({s_vars}) are"
                                    f" not listed in Generic[{s_args}]")
                tvars = gvars
        cls.__parameters__ = tuple(tvars)


class _TypingEmpty:
    """Placeholder for () in Tuple[()]."""


class _TypingEllipsis:
    """Placeholder for ... in Tuple[int, ...] and Callable[..., int]."""


_TYPING_INTERNALS = ['__parameters__', '__orig_bases__', '__orig_class__',
                     '_is_protocol', '_is_runtime_protocol']

_SPECIAL_NAMES = ['__abstractmethods__', '__annotations__', '__dict__', '__doc__',
                  '__init__', '__module__', '__new__', '__slots__',
                  '__subclasshook__', '__weakref__', '__class_getitem__']

# Attributes that are not protocol members.
EXCLUDED_ATTRIBUTES = _TYPING_INTERNALS + _SPECIAL_NAMES + ['_MutableMapping__marker']
# pyvm's classes may also hold these.
_EXCLUDED = frozenset(EXCLUDED_ATTRIBUTES + ['__qualname__', '_abc_impl'])


def _get_protocol_attrs(cls):
    """The members of a protocol: names defined or annotated in its classes."""
    attrs = set()
    for base in cls.__mro__[:-1]:  # without object
        if base.__name__ in ('Protocol', 'Generic'):
            continue
        annotations = getattr(base, '__annotations__', {})
        for attr in list(base.__dict__.keys()) + list(annotations.keys()):
            if not attr.startswith('_abc_') and attr not in _EXCLUDED:
                attrs.add(attr)
    return attrs


def _is_callable_members_only(cls):
    return all(callable(getattr(cls, attr, None)) for attr in _get_protocol_attrs(cls))


def _no_init_or_replace_init(self, *args, **kwargs):
    cls = type(self)
    if cls._is_protocol:
        raise TypeError('Protocols cannot be instantiated')
    # A concrete subclass: find the real __init__ once and install it.
    if cls.__init__ is not _no_init_or_replace_init:
        return
    for base in cls.__mro__:
        init = base.__dict__.get('__init__', _no_init_or_replace_init)
        if init is not _no_init_or_replace_init:
            cls.__init__ = init
            break
    else:
        cls.__init__ = object.__init__
    cls.__init__(self, *args, **kwargs)


# How many protocol instance/subclass checks are running: without
# sys._getframe, a check made while another one runs is taken to come from
# the abc machinery (its recursion over registries and subclasses).
_check_depth = 0


def _allow_reckless_class_checks(depth=3):
    """Whether the caller is the abc or functools module, which call
    isinstance()/issubclass() on whole MROs that may contain protocols."""
    getframe = getattr(sys, '_getframe', None)
    if getframe is None:
        # depth 2: from __instancecheck__ (not counted yet); 3: from the
        # subclass hook, under the __subclasscheck__ that counted itself.
        return _check_depth > depth - 2
    try:
        return getframe(depth).f_globals['__name__'] in ('abc', 'functools')
    except (AttributeError, ValueError):
        return True


_PROTO_ALLOWLIST = {
    'collections.abc': [
        'Callable', 'Awaitable', 'Iterable', 'Iterator', 'AsyncIterable',
        'Hashable', 'Sized', 'Container', 'Collection', 'Reversible',
    ],
    'contextlib': ['AbstractContextManager', 'AbstractAsyncContextManager'],
}


class _ProtocolMeta(ABCMeta):
    # Instance checks: attributes set in __init__ count as members.
    def __instancecheck__(cls, instance):
        global _check_depth
        if (getattr(cls, '_is_protocol', False) and
                not getattr(cls, '_is_runtime_protocol', False) and
                not _allow_reckless_class_checks(depth=2)):
            raise TypeError("Instance and class checks can only be used with"
                            " @runtime_checkable protocols")
        _check_depth += 1
        try:
            if ((not getattr(cls, '_is_protocol', False) or
                    _is_callable_members_only(cls)) and
                    issubclass(instance.__class__, cls)):
                return True
            if cls._is_protocol:
                if all(hasattr(instance, attr) and
                        # Methods can be blocked by setting them to None.
                        (not callable(getattr(cls, attr, None)) or
                         getattr(instance, attr) is not None)
                        for attr in _get_protocol_attrs(cls)):
                    return True
            return ABCMeta.__instancecheck__(cls, instance)
        finally:
            _check_depth -= 1


def _counting_subclasscheck(cls, other):
    global _check_depth
    _check_depth += 1
    try:
        return ABCMeta.__subclasscheck__(cls, other)
    finally:
        _check_depth -= 1


if not hasattr(sys, '_getframe'):
    # Count the subclass checks for _allow_reckless_class_checks.
    _ProtocolMeta.__subclasscheck__ = _counting_subclasscheck


def _make_proto_hook(cls):
    """The __subclasshook__ of a protocol class: a structural check."""
    def _proto_hook(other):
        if not cls.__dict__.get('_is_protocol', False):
            return NotImplemented
        if not getattr(cls, '_is_runtime_protocol', False):
            if _allow_reckless_class_checks():
                return NotImplemented
            raise TypeError("Instance and class checks can only be used with"
                            " @runtime_checkable protocols")
        if not _is_callable_members_only(cls):
            if _allow_reckless_class_checks():
                return NotImplemented
            raise TypeError("Protocols with non-method members"
                            " don't support issubclass()")
        if not isinstance(other, type):
            raise TypeError('issubclass() arg 1 must be a class')
        # Every member must be defined somewhere in other's MRO (and not be
        # None), or annotated in a protocol base.
        for attr in _get_protocol_attrs(cls):
            for base in other.__mro__:
                if attr in base.__dict__:
                    if base.__dict__[attr] is None:
                        return NotImplemented
                    break
                annotations = getattr(base, '__annotations__', {})
                if (isinstance(annotations, collections.abc.Mapping) and
                        attr in annotations and
                        issubclass(other, Generic) and other._is_protocol):
                    break
            else:
                return NotImplemented
        return True
    return _proto_hook


class Protocol(Generic, metaclass=_ProtocolMeta):
    """Base class for protocol classes (structural subtyping, PEP 544)::

        class Proto(Protocol):
            def meth(self) -> int:
                ...

    Protocols decorated with @runtime_checkable can be used with isinstance()
    and issubclass(), which check that the members are present.
    """

    __slots__ = ()
    _is_protocol = True
    _is_runtime_protocol = False

    def __init_subclass__(cls, *args, **kwargs):
        super().__init_subclass__(*args, **kwargs)
        # A protocol, or a concrete class implementing protocols?
        if not cls.__dict__.get('_is_protocol', False):
            cls._is_protocol = any(b is Protocol for b in cls.__bases__)
        if '__subclasshook__' not in cls.__dict__:
            cls.__subclasshook__ = _make_proto_hook(cls)
        if not cls._is_protocol:
            return
        for base in cls.__bases__:
            if not (base in (object, Generic) or
                    base.__module__ in _PROTO_ALLOWLIST and
                    base.__name__ in _PROTO_ALLOWLIST[base.__module__] or
                    issubclass(base, Generic) and base._is_protocol):
                raise TypeError('Protocols can only inherit from other'
                                ' protocols, got %r' % base)
        cls.__init__ = _no_init_or_replace_init


# --- Annotated --------------------------------------------------------------------

class _AnnotatedAlias(_GenericAlias, _root=True):
    """Annotated[T, x, ...]: the type T with metadata (x, ...)."""

    def __init__(self, origin, metadata):
        if isinstance(origin, _AnnotatedAlias):
            metadata = origin.__metadata__ + metadata
            origin = origin.__origin__
        _GenericAlias.__init__(self, origin, origin)
        self.__metadata__ = metadata

    def copy_with(self, params):
        assert len(params) == 1
        return _AnnotatedAlias(params[0], self.__metadata__)

    def __repr__(self):
        return "typing.Annotated[{}, {}]".format(
            _type_repr(self.__origin__),
            ", ".join([repr(a) for a in self.__metadata__]))

    def __reduce__(self):
        import operator
        return operator.getitem, (Annotated, (self.__origin__,) + self.__metadata__)

    def __eq__(self, other):
        if not isinstance(other, _AnnotatedAlias):
            return NotImplemented
        return (self.__origin__ == other.__origin__
                and self.__metadata__ == other.__metadata__)

    def __hash__(self):
        return hash((self.__origin__, self.__metadata__))

    def __getattr__(self, attr):
        if attr == '__name__' or attr == '__qualname__':
            return 'Annotated'
        return _BaseGenericAlias.__getattr__(self, attr)


class Annotated:
    """Add context specific metadata to a type: Annotated[int, Unsigned].

    Nested Annotated are flattened, and instantiating an annotated type
    instantiates the underlying type.
    """

    __slots__ = ()

    def __new__(cls, *args, **kwargs):
        raise TypeError("Type Annotated cannot be instantiated.")

    @_tp_cache
    def __class_getitem__(cls, params):
        if not isinstance(params, tuple) or len(params) < 2:
            raise TypeError("Annotated[...] should be used "
                            "with at least two arguments (a type and an "
                            "annotation).")
        msg = "Annotated[t, ...]: t must be a type."
        origin = _type_check(params[0], msg, allow_special_forms=True)
        return _AnnotatedAlias(origin, tuple(params[1:]))

    def __init_subclass__(cls, *args, **kwargs):
        raise TypeError("Cannot subclass {}.Annotated".format(cls.__module__))


def runtime_checkable(cls):
    """Mark a protocol class as a runtime protocol, usable with isinstance()
    and issubclass() (which only check that the members exist)."""
    if not issubclass(cls, Generic) or not cls._is_protocol:
        raise TypeError('@runtime_checkable can be only applied to protocol classes,'
                        ' got %r' % cls)
    cls._is_runtime_protocol = True
    return cls


def cast(typ, val):
    """Cast a value to a type: returns the value unchanged."""
    return val


def _get_defaults(func):
    """The default values of func's parameters, by name."""
    try:
        code = func.__code__
    except AttributeError:
        return {}
    pos_count = code.co_argcount
    arg_names = code.co_varnames[:pos_count]
    defaults = func.__defaults__ or ()
    kwdefaults = func.__kwdefaults__
    res = dict(kwdefaults) if kwdefaults else {}
    pos_offset = pos_count - len(defaults)
    for name, value in zip(arg_names[pos_offset:], defaults):
        res[name] = value
    return res


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    """Return type hints for an object: its __annotations__ with forward
    references (strings) evaluated, Optional[t] for parameters whose default
    is None, and Annotated[T, ...] replaced by T unless include_extras.
    For classes the annotations of the bases are included.

    Without namespaces, the globals of obj (of its module, for a class) are
    used; one namespace is used as both globals and locals.
    """
    if getattr(obj, '__no_type_check__', None):
        return {}
    if isinstance(obj, type):
        hints = {}
        for base in reversed(obj.__mro__):
            if globalns is None:
                base_globals = getattr(sys.modules.get(base.__module__, None),
                                       '__dict__', {})
            else:
                base_globals = globalns
            ann = base.__dict__.get('__annotations__', {})
            if not isinstance(ann, dict):
                ann = {}
            base_locals = dict(vars(base)) if localns is None else localns
            if localns is None and globalns is None:
                # As CPython: for classes, names are looked up in the
                # module's globals before the class namespace.
                base_globals, base_locals = base_locals, base_globals
            for name, value in ann.items():
                if value is None:
                    value = type(None)
                if isinstance(value, str):
                    value = ForwardRef(value, is_argument=False, is_class=True)
                hints[name] = _eval_type(value, base_globals, base_locals)
        if include_extras:
            return hints
        return {k: _strip_annotations(t) for k, t in hints.items()}

    if globalns is None:
        if isinstance(obj, _ModuleType):
            globalns = obj.__dict__
        else:
            nsobj = obj
            while hasattr(nsobj, '__wrapped__'):
                nsobj = nsobj.__wrapped__
            globalns = getattr(nsobj, '__globals__', {})
        if localns is None:
            localns = globalns
    elif localns is None:
        localns = globalns
    hints = getattr(obj, '__annotations__', None)
    if hints is None:
        # Objects that could have annotations have none.
        # (functions, builtins, methods, modules, slot wrappers, method
        # wrappers, method descriptors)
        if isinstance(obj, (_FunctionType, type(len), type(_Immutable().__copy__),
                            _ModuleType, type(object.__init__),
                            type(object().__str__), type(str.join))):
            return {}
        raise TypeError('{!r} is not a module, class, method, '
                        'or function.'.format(obj))
    defaults = _get_defaults(obj)
    hints = dict(hints)
    is_module = isinstance(obj, _ModuleType)
    for name, value in hints.items():
        if value is None:
            value = type(None)
        if isinstance(value, str):
            value = ForwardRef(value, is_argument=not is_module, is_class=False)
        value = _eval_type(value, globalns, localns)
        if name in defaults and defaults[name] is None:
            value = Optional[value]
        hints[name] = value
    if include_extras:
        return hints
    return {k: _strip_annotations(t) for k, t in hints.items()}


def _strip_annotations(t):
    """t with every Annotated[T, ...] replaced by T."""
    if isinstance(t, _AnnotatedAlias):
        return _strip_annotations(t.__origin__)
    if isinstance(t, (_GenericAlias, _GenericAliasType, _UnionType)):
        stripped = tuple([_strip_annotations(a) for a in t.__args__])
        if stripped == t.__args__:
            return t
        if isinstance(t, _GenericAlias):
            return t.copy_with(stripped)
        if isinstance(t, _GenericAliasType):
            return _GenericAliasType(t.__origin__, stripped)
        result = stripped[0]
        for a in stripped[1:]:
            result = result | a
        return result
    return t


def get_origin(tp):
    """The unsubscripted version of a type: get_origin(List[int]) is list,
    get_origin(Literal[42]) is Literal, get_origin(int) is None."""
    if isinstance(tp, _AnnotatedAlias):
        return Annotated
    if isinstance(tp, (_BaseGenericAlias, _GenericAliasType,
                       ParamSpecArgs, ParamSpecKwargs)):
        return tp.__origin__
    if tp is Generic:
        return Generic
    if isinstance(tp, _UnionType):
        return _UnionType
    return None


def get_args(tp):
    """The type arguments of a type, with substitutions performed:
    get_args(Dict[str, int]) == (str, int), get_args(int) == (),
    get_args(Callable[[], T][int]) == ([], int)."""
    if isinstance(tp, _AnnotatedAlias):
        return (tp.__origin__,) + tp.__metadata__
    if isinstance(tp, (_GenericAlias, _GenericAliasType)):
        res = tp.__args__
        if (tp.__origin__ is collections.abc.Callable
                and not (len(res) == 2 and _is_param_expr(res[0]))):
            res = (list(res[:-1]), res[-1])
        return res
    if isinstance(tp, _UnionType):
        return tp.__args__
    return ()


def is_typeddict(tp):
    """Whether tp is a TypedDict class."""
    return isinstance(tp, _TypedDictMeta)


def no_type_check(arg):
    """Decorator: the annotations of a function or class (and the methods and
    classes defined in it) are not type hints."""
    if isinstance(arg, type):
        arg_attrs = arg.__dict__.copy()
        for attr, val in arg.__dict__.items():
            if val in arg.__bases__ + (arg,):
                arg_attrs.pop(attr)
        for obj in arg_attrs.values():
            if isinstance(obj, _FunctionType):
                obj.__no_type_check__ = True
            if isinstance(obj, type):
                no_type_check(obj)
    try:
        arg.__no_type_check__ = True
    except TypeError:  # built-in classes
        pass
    return arg


def no_type_check_decorator(decorator):
    """Give another decorator the @no_type_check effect."""
    import functools

    @functools.wraps(decorator)
    def wrapped_decorator(*args, **kwds):
        return no_type_check(decorator(*args, **kwds))
    return wrapped_decorator


def _overload_dummy(*args, **kwds):
    """Helper for @overload to raise when called."""
    raise NotImplementedError(
        "You should not call an overloaded function. "
        "A series of @overload-decorated functions "
        "outside a stub module should always be followed "
        "by an implementation that is not @overload-ed.")


def overload(func):
    """Decorator for overloaded functions/methods: the @overload variants are
    replaced by a function that raises, and must be followed by the real
    implementation."""
    return _overload_dummy


def final(f):
    """Decorator marking final methods and classes for type checkers (no
    runtime effect)."""
    return f


# Type variables used by the aliases below (only AnyStr is exported).
T = TypeVar('T')
KT = TypeVar('KT')
VT = TypeVar('VT')
T_co = TypeVar('T_co', covariant=True)
V_co = TypeVar('V_co', covariant=True)
VT_co = TypeVar('VT_co', covariant=True)
T_contra = TypeVar('T_contra', contravariant=True)
CT_co = TypeVar('CT_co', covariant=True, bound=type)
AnyStr = TypeVar('AnyStr', bytes, str)
# They belong to typing (without sys._getframe, TypeVar cannot tell).
for _tv in (T, KT, VT, T_co, V_co, VT_co, T_contra, CT_co, AnyStr):
    _tv.__dict__.pop('__module__', None)
del _tv


# --- aliases of built-in and collections classes ---------------------------------

_abc = collections.abc
_alias = _SpecialGenericAlias

Hashable = _alias(_abc.Hashable, 0)
Awaitable = _alias(_abc.Awaitable, 1)
Coroutine = _alias(_abc.Coroutine, 3)
AsyncIterable = _alias(_abc.AsyncIterable, 1)
AsyncIterator = _alias(_abc.AsyncIterator, 1)
Iterable = _alias(_abc.Iterable, 1)
Iterator = _alias(_abc.Iterator, 1)
Reversible = _alias(_abc.Reversible, 1)
Sized = _alias(_abc.Sized, 0)
Container = _alias(_abc.Container, 1)
Collection = _alias(_abc.Collection, 1)
Callable = _CallableType(_abc.Callable, 2)
Callable.__doc__ = """Callable type; Callable[[int], str] is a function of (int) -> str.

    The subscription syntax must always be used with exactly two
    values: the argument list and the return type.  The argument list
    must be a list of types or ellipsis; the return type must be a single type.
    """
AbstractSet = _alias(_abc.Set, 1, name='AbstractSet')
MutableSet = _alias(_abc.MutableSet, 1)
Mapping = _alias(_abc.Mapping, 2)
MutableMapping = _alias(_abc.MutableMapping, 2)
Sequence = _alias(_abc.Sequence, 1)
MutableSequence = _alias(_abc.MutableSequence, 1)
ByteString = _alias(_abc.ByteString, 0)
Tuple = _TupleType(tuple, -1, inst=False, name='Tuple')
Tuple.__doc__ = """Tuple type; Tuple[X, Y] is the cross-product type of X and Y.

    To specify a variable-length tuple of homogeneous type, use Tuple[T, ...].
    """
List = _alias(list, 1, inst=False, name='List')
Deque = _alias(collections.deque, 1, name='Deque')
Set = _alias(set, 1, inst=False, name='Set')
FrozenSet = _alias(frozenset, 1, inst=False, name='FrozenSet')
MappingView = _alias(_abc.MappingView, 1)
KeysView = _alias(_abc.KeysView, 1)
ItemsView = _alias(_abc.ItemsView, 2)
ValuesView = _alias(_abc.ValuesView, 1)
Dict = _alias(dict, 2, inst=False, name='Dict')
DefaultDict = _alias(collections.defaultdict, 2, name='DefaultDict')
OrderedDict = _alias(collections.OrderedDict, 2)
Counter = _alias(collections.Counter, 1)
ChainMap = _alias(collections.ChainMap, 2)
Generator = _alias(_abc.Generator, 3)
AsyncGenerator = _alias(_abc.AsyncGenerator, 2)
Type = _alias(type, 1, inst=False, name='Type')
Type.__doc__ = """A special construct usable to annotate class objects:
    Type[U] is U or a subclass of U.
    """


# --- protocols of the special methods ------------------------------------------------
# A class with a subscripted base (Protocol[T_co]) is written here with the
# plain base and the __orig_bases__ that class creation would record from
# the subscripted one: the class is the same.

@runtime_checkable
class SupportsInt(Protocol):
    """An ABC with one abstract method __int__."""
    __slots__ = ()

    @abstractmethod
    def __int__(self) -> int:
        pass


@runtime_checkable
class SupportsFloat(Protocol):
    """An ABC with one abstract method __float__."""
    __slots__ = ()

    @abstractmethod
    def __float__(self) -> float:
        pass


@runtime_checkable
class SupportsComplex(Protocol):
    """An ABC with one abstract method __complex__."""
    __slots__ = ()

    @abstractmethod
    def __complex__(self) -> complex:
        pass


@runtime_checkable
class SupportsBytes(Protocol):
    """An ABC with one abstract method __bytes__."""
    __slots__ = ()

    @abstractmethod
    def __bytes__(self) -> bytes:
        pass


@runtime_checkable
class SupportsIndex(Protocol):
    """An ABC with one abstract method __index__."""
    __slots__ = ()

    @abstractmethod
    def __index__(self) -> int:
        pass


@runtime_checkable
class SupportsAbs(Protocol):
    """An ABC with one abstract method __abs__ that is covariant in its return type."""
    __slots__ = ()
    __orig_bases__ = (Protocol[T_co],)

    @abstractmethod
    def __abs__(self) -> T_co:
        pass


@runtime_checkable
class SupportsRound(Protocol):
    """An ABC with one abstract method __round__ that is covariant in its return type."""
    __slots__ = ()
    __orig_bases__ = (Protocol[T_co],)

    @abstractmethod
    def __round__(self, ndigits: int = 0) -> T_co:
        pass


# --- NamedTuple, TypedDict, NewType ------------------------------------------------------

def _make_nmtuple(name, types, module, defaults=()):
    fields = [n for n, t in types]
    types = {n: _type_check(t, f"field {n} annotation must be a type")
             for n, t in types}
    nm_tpl = collections.namedtuple(name, fields, defaults=defaults, module=module)
    nm_tpl.__annotations__ = nm_tpl.__new__.__annotations__ = types
    return nm_tpl


# Attributes a NamedTuple class body may not set.
_prohibited = frozenset({'__new__', '__init__', '__slots__', '__getnewargs__',
                         '_fields', '_field_defaults',
                         '_make', '_replace', '_asdict', '_source'})

_special = frozenset({'__module__', '__name__', '__annotations__'})


class NamedTupleMeta(type):
    def __new__(cls, typename, bases, ns):
        assert bases[0] is _NamedTuple
        types = ns.get('__annotations__', {})
        default_names = []
        for field_name in types:
            if field_name in ns:
                default_names.append(field_name)
            elif default_names:
                raise TypeError(f"Non-default namedtuple field {field_name} "
                                f"cannot follow default field"
                                f"{'s' if len(default_names) > 1 else ''} "
                                f"{', '.join(default_names)}")
        nm_tpl = _make_nmtuple(typename, types.items(),
                               defaults=[ns[n] for n in default_names],
                               module=ns['__module__'])
        # The rest of the class body, without replacing namedtuple's own.
        for key in ns:
            if key in _prohibited:
                raise AttributeError("Cannot overwrite NamedTuple attribute " + key)
            elif key not in _special and key not in nm_tpl._fields:
                setattr(nm_tpl, key, ns[key])
        return nm_tpl


def NamedTuple(typename, fields=None, /, **kwargs):
    """Typed version of namedtuple::

        class Employee(NamedTuple):
            name: str
            id: int

    is equivalent to collections.namedtuple('Employee', ['name', 'id']) with
    an __annotations__ dict. Also NamedTuple('Employee', name=str, id=int)
    and NamedTuple('Employee', [('name', str), ('id', int)]).
    """
    if fields is None:
        fields = kwargs.items()
    elif kwargs:
        raise TypeError("Either list of fields or keywords"
                        " can be provided to NamedTuple, not both")
    return _make_nmtuple(typename, fields, module=_caller())


_NamedTuple = type.__new__(NamedTupleMeta, 'NamedTuple', (), {})


def _namedtuple_mro_entries(bases):
    if len(bases) > 1:
        raise TypeError("Multiple inheritance with NamedTuple is not supported")
    assert bases[0] is NamedTuple
    return (_NamedTuple,)


NamedTuple.__mro_entries__ = _namedtuple_mro_entries


class _TypedDictMeta(type):
    def __new__(cls, name, bases, ns, total=True):
        """Create a TypedDict class: subclasses of TypedDict and the
        functional form both come here; instances are plain dicts."""
        for base in bases:
            if type(base) is not _TypedDictMeta:
                raise TypeError('cannot inherit from both a TypedDict type '
                                'and a non-TypedDict base class')
        tp_dict = type.__new__(_TypedDictMeta, name, (dict,), ns)

        annotations = {}
        own_annotations = ns.get('__annotations__', {})
        own_annotation_keys = set(own_annotations.keys())
        msg = "TypedDict('Name', {f0: t0, f1: t1, ...}); each t must be a type"
        own_annotations = {
            n: _type_check(tp, msg, module=tp_dict.__module__)
            for n, tp in own_annotations.items()
        }
        required_keys = set()
        optional_keys = set()
        for base in bases:
            annotations.update(base.__dict__.get('__annotations__', {}))
            required_keys.update(base.__dict__.get('__required_keys__', ()))
            optional_keys.update(base.__dict__.get('__optional_keys__', ()))
        annotations.update(own_annotations)
        if total:
            required_keys.update(own_annotation_keys)
        else:
            optional_keys.update(own_annotation_keys)

        tp_dict.__annotations__ = annotations
        tp_dict.__required_keys__ = frozenset(required_keys)
        tp_dict.__optional_keys__ = frozenset(optional_keys)
        if not hasattr(tp_dict, '__total__'):
            tp_dict.__total__ = total
        return tp_dict

    # Calling a TypedDict class makes a dict. (CPython writes __call__ = dict;
    # pyvm would pass the class to dict as its first argument.)
    def __call__(cls, /, *args, **kwargs):
        return dict(*args, **kwargs)

    def __subclasscheck__(cls, other):
        # TypedDicts are only for static structural subtyping.
        raise TypeError('TypedDict does not support instance and class checks')

    __instancecheck__ = __subclasscheck__


def TypedDict(typename, fields=None, /, *, total=True, **kwargs):
    """A simple typed namespace; at runtime a plain dict::

        class Point2D(TypedDict):
            x: int
            y: int

    or Point2D = TypedDict('Point2D', x=int, y=int), or
    TypedDict('Point2D', {'x': int, 'y': int}). With total=False keys may be
    omitted. __required_keys__ and __optional_keys__ list the keys.
    """
    if fields is None:
        fields = kwargs
    elif kwargs:
        raise TypeError("TypedDict takes either a dict or keyword arguments,"
                        " but not both")
    ns = {'__annotations__': dict(fields)}
    module = _caller()
    if module is not None:
        ns['__module__'] = module
    return _TypedDictMeta(typename, (), ns, total=total)


_TypedDict = type.__new__(_TypedDictMeta, 'TypedDict', (), {})
TypedDict.__mro_entries__ = lambda bases: (_TypedDict,)


class NewType:
    """NewType('UserId', int) is a distinct subtype of int for type
    checkers; at runtime it is a callable returning its argument."""

    def __init__(self, name, tp):
        self.__qualname__ = name
        if '.' in name:
            name = name.rpartition('.')[-1]
        self.__name__ = name
        self.__supertype__ = tp
        def_mod = _caller()
        if def_mod != 'typing':
            self.__module__ = def_mod

    def __repr__(self):
        return f'{self.__module__}.{self.__qualname__}'

    def __call__(self, x):
        return x

    def __reduce__(self):
        return self.__qualname__

    def __or__(self, other):
        return Union[self, other]

    def __ror__(self, other):
        return Union[other, self]


Text = str

# True for type checkers only.
TYPE_CHECKING = False


# --- IO types -------------------------------------------------------------------------

class IO(Generic):
    """Generic base class for TextIO and BinaryIO: an abstract, generic
    version of the return of open()."""

    __slots__ = ()
    __orig_bases__ = (Generic[AnyStr],)

    @property
    @abstractmethod
    def mode(self) -> str:
        pass

    @property
    @abstractmethod
    def name(self) -> str:
        pass

    @abstractmethod
    def close(self) -> None:
        pass

    @property
    @abstractmethod
    def closed(self) -> bool:
        pass

    @abstractmethod
    def fileno(self) -> int:
        pass

    @abstractmethod
    def flush(self) -> None:
        pass

    @abstractmethod
    def isatty(self) -> bool:
        pass

    @abstractmethod
    def read(self, n: int = -1) -> AnyStr:
        pass

    @abstractmethod
    def readable(self) -> bool:
        pass

    @abstractmethod
    def readline(self, limit: int = -1) -> AnyStr:
        pass

    @abstractmethod
    def readlines(self, hint: int = -1) -> List[AnyStr]:
        pass

    @abstractmethod
    def seek(self, offset: int, whence: int = 0) -> int:
        pass

    @abstractmethod
    def seekable(self) -> bool:
        pass

    @abstractmethod
    def tell(self) -> int:
        pass

    @abstractmethod
    def truncate(self, size: int = None) -> int:
        pass

    @abstractmethod
    def writable(self) -> bool:
        pass

    @abstractmethod
    def write(self, s: AnyStr) -> int:
        pass

    @abstractmethod
    def writelines(self, lines: List[AnyStr]) -> None:
        pass

    @abstractmethod
    def __enter__(self) -> 'IO[AnyStr]':
        pass

    @abstractmethod
    def __exit__(self, type, value, traceback) -> None:
        pass


class BinaryIO(IO):
    """Typed version of the return of open() in binary mode."""

    __slots__ = ()
    __orig_bases__ = (IO[bytes],)

    @abstractmethod
    def write(self, s: Union[bytes, bytearray]) -> int:
        pass

    @abstractmethod
    def __enter__(self) -> 'BinaryIO':
        pass


class TextIO(IO):
    """Typed version of the return of open() in text mode."""

    __slots__ = ()
    __orig_bases__ = (IO[str],)

    @property
    @abstractmethod
    def buffer(self) -> BinaryIO:
        pass

    @property
    @abstractmethod
    def encoding(self) -> str:
        pass

    @property
    @abstractmethod
    def errors(self) -> Optional[str]:
        pass

    @property
    @abstractmethod
    def line_buffering(self) -> bool:
        pass

    @property
    @abstractmethod
    def newlines(self) -> Any:
        pass

    @abstractmethod
    def __enter__(self) -> 'TextIO':
        pass


class io:
    """Wrapper namespace for IO generic classes."""

    __all__ = ['IO', 'TextIO', 'BinaryIO']
    IO = IO
    TextIO = TextIO
    BinaryIO = BinaryIO


io.__name__ = __name__ + '.io'
sys.modules[io.__name__] = io


class _ReNamespace(type):
    # typing.re.Pattern and typing.re.Match are made on first use.
    def __getattr__(cls, name):
        if name == 'Pattern' or name == 'Match':
            return globals()['__getattr__'](name)
        raise AttributeError(f"type object 're' has no attribute '{name}'")


class re(metaclass=_ReNamespace):
    """Wrapper namespace for re type aliases."""

    __all__ = ['Pattern', 'Match']


re.__name__ = __name__ + '.re'
sys.modules[re.__name__] = re


def __getattr__(name):
    # Made on first use: Pattern and Match import re, ContextManager and
    # AsyncContextManager need contextlib.
    if name == 'Pattern' or name == 'Match':
        import re as stdlib_re
        value = _alias(getattr(stdlib_re, name), 1)
        type.__setattr__(re, name, value)
    elif name == 'ContextManager' or name == 'AsyncContextManager':
        import contextlib
        origin = (contextlib.AbstractContextManager if name == 'ContextManager'
                  else contextlib.AbstractAsyncContextManager)
        value = _alias(origin, 1, name=name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value

