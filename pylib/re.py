"""Regular expressions with CPython 3.10's syntax and semantics.

pyvm's re: the syntax, matching and error messages come from the native
engine `_sre` (the pyvm-sre crate); this module provides the Python API on
top of it: compile (with a cache), match/fullmatch/search/findall/finditer/
sub/subn/split, Pattern, Match, RegexFlag, error, escape, purge, template,
and the experimental Scanner.

Missing: the DEBUG flag (raises NotImplementedError), \\N{name} escapes
(NotImplementedError: no Unicode name database), pickling of patterns, and
RegexFlag is a small int subclass with IntFlag's reprs rather than an
enum.IntFlag. Pattern.groupindex is a Python stand-in for mappingproxy.
"""

import _sre

__all__ = [
    "match", "fullmatch", "search", "sub", "subn", "split",
    "findall", "finditer", "compile", "purge", "template", "escape",
    "error", "Pattern", "Match", "A", "I", "L", "M", "S", "X", "U",
    "ASCII", "IGNORECASE", "LOCALE", "MULTILINE", "DOTALL", "VERBOSE",
    "UNICODE",
]

__version__ = "2.2.1"

_MAXSIZE = 9223372036854775807
_MAXGROUPS = _sre.MAXGROUPS


# --------------------------------------------------------------------
# flags

# (name, value) in RegexFlag's definition order; aliases map to these.
_FLAG_MEMBERS = (
    ("ASCII", 256), ("IGNORECASE", 2), ("LOCALE", 4), ("UNICODE", 32),
    ("MULTILINE", 8), ("DOTALL", 16), ("VERBOSE", 64), ("TEMPLATE", 1),
    ("DEBUG", 128),
)
_FLAG_NAME = {value: name for name, value in _FLAG_MEMBERS}


class _FlagType(type):
    """RegexFlag's class behaviour as an enum's: iteration over the members,
    lookup by name, __members__, and the repr <enum 'RegexFlag'>."""

    def __iter__(cls):
        return iter([cls._member_map_[name] for name, _ in _FLAG_MEMBERS])

    def __len__(cls):
        return len(_FLAG_MEMBERS)

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __contains__(cls, member):
        return isinstance(member, cls) and int(member) in _FLAG_NAME

    @property
    def __members__(cls):
        return dict(cls._member_map_)

    def __repr__(cls):
        return "<enum %r>" % cls.__name__


class RegexFlag(int, metaclass=_FlagType):
    """The re flags: an int whose repr names the flags (re.IGNORECASE|re.MULTILINE)."""

    __slots__ = ()

    def __repr__(self):
        value = int(self)
        name = _FLAG_NAME.get(value)
        if name is not None:
            return "re." + name
        negative = value < 0
        if negative:
            value = ~value
        names = []
        for name, bit in _FLAG_MEMBERS:
            if value & bit:
                value &= ~bit
                names.append("re." + name)
        if value:
            names.append(hex(value))
        text = "|".join(names)
        if negative:
            return "~(%s)" % text if len(names) > 1 else "~" + text
        return text

    __str__ = __repr__

    def __format__(self, spec):
        if spec:
            return int.__format__(int(self), spec)
        return repr(self)

    @property
    def name(self):
        return _FLAG_NAME.get(int(self))

    @property
    def value(self):
        return int(self)

    def __or__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return RegexFlag(int(self) | int(other))

    __ror__ = __or__

    def __and__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return RegexFlag(int(self) & int(other))

    __rand__ = __and__

    def __xor__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return RegexFlag(int(self) ^ int(other))

    __rxor__ = __xor__

    def __invert__(self):
        return RegexFlag(~int(self))

    def __reduce__(self):
        return RegexFlag, (int(self),)


ASCII = A = RegexFlag(256)
IGNORECASE = I = RegexFlag(2)
LOCALE = L = RegexFlag(4)
UNICODE = U = RegexFlag(32)
MULTILINE = M = RegexFlag(8)
DOTALL = S = RegexFlag(16)
VERBOSE = X = RegexFlag(64)
TEMPLATE = T = RegexFlag(1)
DEBUG = RegexFlag(128)

RegexFlag._member_map_ = {
    "ASCII": A, "A": A, "IGNORECASE": I, "I": I, "LOCALE": L, "L": L,
    "UNICODE": U, "U": U, "MULTILINE": M, "M": M, "DOTALL": S, "S": S,
    "VERBOSE": X, "X": X, "TEMPLATE": T, "T": T, "DEBUG": DEBUG,
}
for _name, _member in RegexFlag._member_map_.items():
    setattr(RegexFlag, _name, _member)
del _name, _member

# Pattern.__repr__ names flags in _sre's order.
_REPR_FLAGS = (
    ("re.TEMPLATE", 1), ("re.IGNORECASE", 2), ("re.LOCALE", 4),
    ("re.MULTILINE", 8), ("re.DOTALL", 16), ("re.UNICODE", 32),
    ("re.VERBOSE", 64), ("re.DEBUG", 128), ("re.ASCII", 256),
)


# --------------------------------------------------------------------
# errors

class error(Exception):
    """A pattern or replacement template that is not valid.

    msg: the message; pattern: the pattern (or template); pos: the index in
    it where the problem was found; lineno, colno: the same as line and
    column (None when pos is None)."""

    def __init__(self, msg, pattern=None, pos=None):
        self.msg = msg
        self.pattern = pattern
        self.pos = pos
        if pattern is None or pos is None:
            self.lineno = self.colno = None
        else:
            nl = "\n" if isinstance(pattern, str) else b"\n"
            self.lineno = pattern.count(nl, 0, pos) + 1
            self.colno = pos - pattern.rfind(nl, 0, pos)
            msg = "%s at position %d" % (msg, pos)
            if nl in pattern:
                msg = "%s (line %d, column %d)" % (msg, self.lineno, self.colno)
        Exception.__init__(self, msg)


# --------------------------------------------------------------------
# compiled patterns

def _slice(string, start, end):
    """string[start:end] as _sre slices: always an exact str or bytes."""
    cls = type(string)
    if cls is str or cls is bytes:
        return string[start:end]
    if isinstance(string, str):
        return str.__getitem__(string, slice(start, end))
    return bytes(string[start:end])


def _check_subject(pattern, string):
    if isinstance(string, str):
        if not pattern._isstr:
            raise TypeError("cannot use a bytes pattern on a string-like object")
    elif isinstance(string, (bytes, bytearray)):
        if pattern._isstr:
            raise TypeError("cannot use a string pattern on a bytes-like object")
    else:
        raise TypeError("expected string or bytes-like object")


class mappingproxy:
    """A read-only view of a dict (Pattern.groupindex), as CPython's."""

    __module__ = "builtins"
    __slots__ = ("_mapping",)

    def __init__(self, mapping):
        self._mapping = mapping

    def __getitem__(self, key):
        return self._mapping[key]

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

    __hash__ = None

    def __or__(self, other):
        return self._mapping | other

    def __ror__(self, other):
        return other | self._mapping

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
        return "mappingproxy(%r)" % (self._mapping,)

    def __str__(self):
        return str(self._mapping)


class Pattern:
    """A compiled regular expression (what re.compile returns)."""

    __slots__ = ("_pattern", "_flags", "_groups", "_groupindex", "_indexgroup",
                 "_code", "_isstr")

    def __init__(self, pattern, code):
        self._pattern = pattern
        self._code = code
        self._flags = code.flags
        self._groups = code.groups
        names = code.groupindex
        self._groupindex = dict(names)
        indexgroup = [None] * (self._groups + 1)
        for name, index in names:
            indexgroup[index] = name
        self._indexgroup = indexgroup
        self._isstr = isinstance(pattern, str)

    @property
    def pattern(self):
        return self._pattern

    @property
    def flags(self):
        return self._flags

    @property
    def groups(self):
        return self._groups

    @property
    def groupindex(self):
        return mappingproxy(self._groupindex)

    def _new_match(self, string, pos, endpos, regs):
        if regs is None:
            return None
        return Match(self, string, pos, endpos, regs)

    def match(self, string, pos=0, endpos=_MAXSIZE):
        """Match at the start of the string (or at pos); a Match or None."""
        regs = _sre.match(self._code, string, pos, endpos, 0, False)
        if regs is None:
            return None
        return Match(self, string, pos, endpos, regs)

    def fullmatch(self, string, pos=0, endpos=_MAXSIZE):
        """Match the whole string (or string[pos:endpos]); a Match or None."""
        regs = _sre.match(self._code, string, pos, endpos, 1, False)
        if regs is None:
            return None
        return Match(self, string, pos, endpos, regs)

    def search(self, string, pos=0, endpos=_MAXSIZE):
        """The first match anywhere in the string; a Match or None."""
        regs = _sre.match(self._code, string, pos, endpos, 2, False)
        if regs is None:
            return None
        return Match(self, string, pos, endpos, regs)

    def findall(self, string, pos=0, endpos=_MAXSIZE):
        """All non-overlapping matches: strings, or groups when there are groups."""
        return _sre.findall(self._code, string, pos, endpos)

    def finditer(self, string, pos=0, endpos=_MAXSIZE):
        """An iterator of Match objects over all non-overlapping matches."""
        _check_subject(self, string)
        return _finditer(self, string, pos, endpos)

    def scanner(self, string, pos=0, endpos=_MAXSIZE):
        _check_subject(self, string)
        return SREScanner(self, string, pos, endpos)

    def split(self, string, maxsplit=0):
        """Split string by the matches; groups are included in the result."""
        found = _sre.scan(self._code, string, 0, _MAXSIZE, maxsplit, False)
        result = []
        append = result.append
        groups = self._groups
        last = 0
        cls = type(string)
        if cls is not str and cls is not bytes:
            for regs in found:
                append(_slice(string, last, regs[1]))
                for g in range(3, 2 * groups + 3, 2):
                    start = regs[g]
                    append(None if start < 0 else _slice(string, start, regs[g + 1]))
                last = regs[2]
            append(_slice(string, last, len(string)))
        elif groups:
            for regs in found:
                append(string[last:regs[1]])
                for g in range(3, 2 * groups + 3, 2):
                    start = regs[g]
                    append(None if start < 0 else string[start:regs[g + 1]])
                last = regs[2]
            append(string[last:])
        else:
            for regs in found:
                append(string[last:regs[1]])
                last = regs[2]
            append(string[last:])
        return result

    def sub(self, repl, string, count=0):
        """string with matches replaced by repl (a template or a callable)."""
        return self._subx(repl, string, count)[0]

    def subn(self, repl, string, count=0):
        """(new string, number of substitutions)."""
        return self._subx(repl, string, count)

    def _subx(self, repl, string, count):
        literal = template = None
        if callable(repl):
            filter = repl
        else:
            filter = None
            if isinstance(repl, (str, bytes, bytearray)) and (
                    "\\" if isinstance(repl, str) else b"\\") not in repl:
                literal = repl
            else:
                template = _compile_template(self, repl)
                if len(template) == 1 and type(template[0]) is not int:
                    literal = template[0]
        found = _sre.scan(self._code, string, 0, _MAXSIZE, count, False)
        if isinstance(string, str):
            empty = ""
            exact = type(string) is str
        else:
            empty = b""
            exact = type(string) is bytes
        pieces = []
        append = pieces.append
        last = 0
        n = len(string)
        for regs in found:
            start = regs[1]
            if last < start:
                append(string[last:start] if exact else _slice(string, last, start))
            if literal is not None:
                append(literal)
            elif filter is not None:
                item = filter(Match(self, string, 0, n, regs))
                if item is not None:
                    append(item)
            else:
                for item in template:
                    if type(item) is int:
                        s = regs[2 * item + 1]
                        if s >= 0:
                            e = regs[2 * item + 2]
                            append(string[s:e] if exact else _slice(string, s, e))
                    else:
                        append(item)
            last = regs[2]
        if last < n:
            append(string[last:] if exact else _slice(string, last, n))
        return empty.join(pieces), len(found)

    def __repr__(self):
        flags = self._flags
        if self._isstr and flags & (4 | 32 | 256) == 32:
            flags &= ~32
        names = []
        for name, bit in _REPR_FLAGS:
            if flags & bit:
                names.append(name)
                flags &= ~bit
        if flags:
            names.append("0x%x" % flags)
        text = repr(self._pattern)[:200]
        if names:
            return "re.compile(%s, %s)" % (text, "|".join(names))
        return "re.compile(%s)" % text

    def __eq__(self, other):
        if type(other) is not Pattern:
            return NotImplemented
        return (self._flags == other._flags and self._isstr == other._isstr
                and self._pattern == other._pattern)

    def __ne__(self, other):
        if type(other) is not Pattern:
            return NotImplemented
        return not self.__eq__(other)

    def __hash__(self):
        return hash(self._pattern) ^ hash(self._flags)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __class_getitem__(cls, item):
        return cls


def _finditer(pattern, string, pos, endpos):
    # Matches are found in batches of growing size (one native call each);
    # the scan resumes where the last match ended, with _sre's rule that an
    # empty match may not follow an empty match at the same place.
    code = pattern._code
    scan = _sre.scan
    start = pos
    must_advance = False
    batch = 1
    while True:
        found = scan(code, string, start, endpos, batch, must_advance)
        for regs in found:
            yield Match(pattern, string, pos, endpos, regs)
        if len(found) < batch:
            return
        regs = found[-1]
        start = regs[2]
        must_advance = regs[1] == start
        if batch < 256:
            batch *= 2


class SREScanner:
    """Pattern.scanner(string): successive matches by match() or search()."""

    __slots__ = ("pattern", "_string", "_pos", "_endpos", "_next", "_must_advance")

    def __init__(self, pattern, string, pos, endpos):
        self.pattern = pattern
        self._string = string
        n = len(string)
        pos = 0 if pos < 0 else (n if pos > n else pos)
        endpos = 0 if endpos < 0 else (n if endpos > n else endpos)
        self._pos = pos
        self._endpos = endpos
        self._next = pos
        self._must_advance = False

    def _run(self, mode):
        start = self._next
        if start is None:
            return None
        p = self.pattern
        regs = _sre.match(p._code, self._string, start, self._endpos, mode,
                          self._must_advance)
        if regs is None:
            self._next = None
            return None
        self._must_advance = regs[2] == regs[1]
        self._next = regs[2]
        return Match(p, self._string, self._pos, self._endpos, regs)

    def match(self):
        return self._run(0)

    def search(self):
        return self._run(2)


class Match:
    """The result of a successful match."""

    __slots__ = ("_re", "_string", "_pos", "_endpos", "_regs")

    def __init__(self, pattern, string, pos, endpos, regs):
        # pos and endpos as given; clamped to the string when read.
        self._re = pattern
        self._string = string
        self._pos = pos
        self._endpos = endpos
        self._regs = regs

    @property
    def re(self):
        return self._re

    @property
    def string(self):
        return self._string

    @property
    def pos(self):
        pos = self._pos
        if pos <= 0:
            return 0
        n = len(self._string)
        return n if pos > n else pos

    @property
    def endpos(self):
        endpos = self._endpos
        if endpos <= 0:
            return 0
        n = len(self._string)
        return n if endpos > n else endpos

    @property
    def lastindex(self):
        return self._regs[0]

    @property
    def lastgroup(self):
        i = self._regs[0]
        if i is None:
            return None
        return self._re._indexgroup[i]

    @property
    def regs(self):
        r = self._regs
        return tuple([(r[i], r[i + 1]) for i in range(1, len(r), 2)])

    def _index(self, group):
        if type(group) is int:
            i = group
        elif isinstance(group, int) or hasattr(type(group), "__index__"):
            i = group.__index__()
        else:
            # Like _sre, look names up only when the pattern has named groups
            # (so an unhashable index is a TypeError only then).
            groupindex = self._re._groupindex
            i = groupindex.get(group, -1) if groupindex else -1
        if i < 0 or i > self._re._groups:
            raise IndexError("no such group")
        return i

    def _get(self, i, default=None):
        r = self._regs
        start = r[2 * i + 1]
        if start < 0:
            return default
        return _slice(self._string, start, r[2 * i + 2])

    def group(self, *args):
        """One group (default 0, the whole match), or a tuple of several."""
        r = self._regs
        if len(args) == 1:
            g = args[0]
            if type(g) is not int or g < 0 or 2 * g + 2 >= len(r):
                g = self._index(g)
        elif not args:
            g = 0
        else:
            return tuple([self._get(self._index(g)) for g in args])
        start = r[2 * g + 1]
        if start < 0:
            return None
        string = self._string
        if type(string) is str:
            return string[start:r[2 * g + 2]]
        return _slice(string, start, r[2 * g + 2])

    def __getitem__(self, g):
        r = self._regs
        if type(g) is not int or g < 0 or 2 * g + 2 >= len(r):
            g = self._index(g)
        start = r[2 * g + 1]
        if start < 0:
            return None
        string = self._string
        if type(string) is str:
            return string[start:r[2 * g + 2]]
        return _slice(string, start, r[2 * g + 2])

    def groups(self, default=None):
        """All groups from 1 up, with default for those that did not match."""
        return tuple([self._get(i, default) for i in range(1, self._re._groups + 1)])

    def groupdict(self, default=None):
        """The named groups, by name."""
        return {name: self._get(i, default) for name, i in self._re._groupindex.items()}

    def start(self, group=0, /):
        return self._regs[2 * self._index(group) + 1]

    def end(self, group=0, /):
        return self._regs[2 * self._index(group) + 2]

    def span(self, group=0, /):
        i = 2 * self._index(group)
        r = self._regs
        return (r[i + 1], r[i + 2])

    def expand(self, template):
        """template with its group references replaced by this match's groups."""
        items = _parse_template(self._re, template)
        pieces = []
        empty = "" if isinstance(self._string, str) else b""
        for item in items:
            if type(item) is int:
                pieces.append(self._get(item) or empty)
            else:
                pieces.append(item)
        return empty.join(pieces)

    def __repr__(self):
        r = self._regs
        return "<re.Match object; span=(%d, %d), match=%s>" % (
            r[1], r[2], repr(_slice(self._string, r[1], r[2]))[:50])

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __class_getitem__(cls, item):
        return cls


# --------------------------------------------------------------------
# replacement templates

_DIGITS = frozenset("0123456789")
_OCTDIGITS = frozenset("01234567")
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_TEMPLATE_ESCAPES = {
    "\\a": "\a", "\\b": "\b", "\\f": "\f", "\\n": "\n", "\\r": "\r",
    "\\t": "\t", "\\v": "\v", "\\\\": "\\",
}


class _Tokens:
    """A template as characters and backslash pairs, reading one ahead (so
    a trailing backslash is reported as soon as the token before it is read,
    where CPython reports it)."""

    __slots__ = ("text", "source", "index", "next")

    def __init__(self, text, source):
        self.text = text
        self.source = source
        self.index = 0
        self._advance()

    def _advance(self):
        i = self.index
        text = self.text
        if i >= len(text):
            self.next = None
            return
        c = text[i]
        if c == "\\":
            if i + 1 >= len(text):
                raise error("bad escape (end of pattern)", self.source, len(text) - 1)
            c = text[i:i + 2]
            i += 2
        else:
            i += 1
        self.index = i
        self.next = c

    def get(self):
        this = self.next
        self._advance()
        return this

    def match(self, c):
        if self.next == c:
            self._advance()
            return True
        return False

    def tell(self):
        return self.index - len(self.next or "")

    def error(self, msg, offset=0):
        return error(msg, self.source, self.tell() - offset)

    def getuntil(self, terminator, name):
        result = ""
        while True:
            c = self.next
            self._advance()
            if c is None:
                if not result:
                    raise self.error("missing " + name)
                raise self.error("missing %s, unterminated name" % terminator, len(result))
            if c == terminator:
                if not result:
                    raise self.error("missing " + name, 1)
                return result
            result += c


def _parse_template(pattern, template):
    """A replacement template as a list of literals and group numbers."""
    if isinstance(template, str):
        text = template
    else:
        text = str(template, "latin1")
    tokens = _Tokens(text, template)
    groups = pattern._groups
    groupindex = pattern._groupindex
    items = []
    literal = []

    def add_group(index, offset):
        if index > groups:
            raise tokens.error("invalid group reference %d" % index, offset)
        if literal:
            items.append("".join(literal))
            del literal[:]
        items.append(index)

    while True:
        this = tokens.get()
        if this is None:
            break
        if this[0] != "\\":
            literal.append(this)
            continue
        c = this[1]
        if c == "g":
            if not tokens.match("<"):
                raise tokens.error("missing <")
            name = tokens.getuntil(">", "group name")
            if name.isidentifier():
                index = groupindex.get(name)
                if index is None:
                    raise IndexError("unknown group name %r" % name)
            else:
                try:
                    index = int(name)
                    if index < 0:
                        raise ValueError
                except ValueError:
                    raise tokens.error("bad character in group name %r" % name,
                                       len(name) + 1) from None
                if index >= _MAXGROUPS:
                    raise tokens.error("invalid group reference %d" % index, len(name) + 1)
            add_group(index, len(name) + 1)
        elif c == "0":
            if tokens.next in _OCTDIGITS:
                this += tokens.get()
                if tokens.next in _OCTDIGITS:
                    this += tokens.get()
            literal.append(chr(int(this[1:], 8) & 0xff))
        elif c in _DIGITS:
            isoctal = False
            if tokens.next in _DIGITS:
                this += tokens.get()
                if c in _OCTDIGITS and this[2] in _OCTDIGITS and tokens.next in _OCTDIGITS:
                    this += tokens.get()
                    isoctal = True
                    value = int(this[1:], 8)
                    if value > 0o377:
                        raise tokens.error("octal escape value %s outside of range 0-0o377"
                                           % this, len(this))
                    literal.append(chr(value))
            if not isoctal:
                add_group(int(this[1:]), len(this) - 1)
        else:
            escaped = _TEMPLATE_ESCAPES.get(this)
            if escaped is not None:
                literal.append(escaped)
            else:
                if c in _ASCII_LETTERS:
                    raise tokens.error("bad escape %s" % this, len(this))
                literal.append(this)
    if literal:
        items.append("".join(literal))
    if not isinstance(template, str):
        items = [item if type(item) is int else item.encode("latin1") for item in items]
    return items


_template_cache = {}


def _compile_template(pattern, template):
    key = (type(template), template, pattern)
    try:
        return _template_cache[key]
    except KeyError:
        pass
    items = _parse_template(pattern, template)
    if len(_template_cache) >= _MAXCACHE:
        del _template_cache[next(iter(_template_cache))]
    _template_cache[key] = items
    return items


# --------------------------------------------------------------------
# the module interface

_cache = {}
_MAXCACHE = 512


def _compile(pattern, flags):
    if isinstance(flags, RegexFlag):
        flags = int(flags)
    try:
        return _cache[type(pattern), pattern, flags]
    except KeyError:
        pass
    if isinstance(pattern, Pattern):
        if flags:
            raise ValueError("cannot process flags argument with a compiled pattern")
        return pattern
    if not isinstance(pattern, (str, bytes)):
        raise TypeError("first argument must be string or compiled pattern")
    if flags & 128:
        raise NotImplementedError("re.DEBUG is not supported by pyvm's re")
    code = _sre.Program(pattern, flags)
    if type(code) is tuple:
        # Errors found after parsing (look-behind width) have no position
        # and, as in CPython, no pattern.
        pos = code[1]
        raise error(code[0], None if pos is None else pattern, pos)
    if code.warnings:
        _warn(code.warnings)
    p = Pattern(pattern, code)
    if len(_cache) >= _MAXCACHE:
        del _cache[next(iter(_cache))]
    _cache[type(pattern), pattern, flags] = p
    return p


def _warn(warnings):
    try:
        import warnings as _warnings
    except ImportError:
        return
    categories = {"DeprecationWarning": DeprecationWarning, "FutureWarning": FutureWarning}
    for category, message in warnings:
        _warnings.warn(message, categories[category], stacklevel=4)


def match(pattern, string, flags=0):
    """Try to apply the pattern at the start of the string, returning
    a Match object, or None if no match was found."""
    return _compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    """Try to apply the pattern to all of the string, returning
    a Match object, or None if no match was found."""
    return _compile(pattern, flags).fullmatch(string)


def search(pattern, string, flags=0):
    """Scan through string looking for a match to the pattern, returning
    a Match object, or None if no match was found."""
    return _compile(pattern, flags).search(string)


def sub(pattern, repl, string, count=0, flags=0):
    """Return the string with the leftmost non-overlapping occurrences of the
    pattern replaced by repl (a template string, or a callable taking the
    Match and returning the replacement)."""
    return _compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    """Like sub, but return (new_string, number_of_substitutions)."""
    return _compile(pattern, flags).subn(repl, string, count)


def split(pattern, string, maxsplit=0, flags=0):
    """Split the string by the occurrences of the pattern; the text of its
    groups, if any, is included in the result."""
    return _compile(pattern, flags).split(string, maxsplit)


def findall(pattern, string, flags=0):
    """Return a list of all non-overlapping matches in the string (of the
    groups, as tuples when there are several, if the pattern has groups)."""
    return _compile(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    """Return an iterator over all non-overlapping matches in the string."""
    return _compile(pattern, flags).finditer(string)


def compile(pattern, flags=0):
    "Compile a regular expression pattern, returning a Pattern object."
    return _compile(pattern, flags)


def purge():
    "Clear the regular expression caches"
    _cache.clear()
    _template_cache.clear()


def template(pattern, flags=0):
    "Compile a template pattern, returning a Pattern object"
    return _compile(pattern, flags | T)


_SPECIAL_CHARS = {i: "\\" + chr(i) for i in b"()[]{}?*+-|^$\\.&~# \t\n\r\v\f"}


def escape(pattern):
    """Escape special characters in a string."""
    if isinstance(pattern, str):
        return pattern.translate(_SPECIAL_CHARS)
    pattern = str(pattern, "latin1")
    return pattern.translate(_SPECIAL_CHARS).encode("latin1")


class Scanner:
    """Experimental tokenizer: lexicon is a list of (phrase, action) pairs;
    scan(string) returns the actions' results and the unscanned rest.

    At each position the phrases are tried in order, as the alternatives of
    CPython's combined pattern are; `self.match`, seen by callable actions,
    is the matching phrase's own Match (so its groups are the phrase's)."""

    def __init__(self, lexicon, flags=0):
        if isinstance(flags, RegexFlag):
            flags = int(flags)
        self.lexicon = lexicon
        self._phrases = [(_compile(phrase, flags), action) for phrase, action in lexicon]
        self.scanner = _compile("|".join(["(" + phrase + ")" for phrase, _ in lexicon]), flags)

    def scan(self, string):
        result = []
        append = result.append
        phrases = self._phrases
        i = 0
        while True:
            for pattern, action in phrases:
                m = pattern.match(string, i)
                if m is not None:
                    break
            else:
                break
            j = m.end()
            if i == j:
                break
            if callable(action):
                self.match = m
                action = action(self, m.group())
            if action is not None:
                append(action)
            i = j
        return result, string[i:]
