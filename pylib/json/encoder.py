"""JSON encoder (pyvm's implementation of json.encoder).

Provides JSONEncoder, encode_basestring and encode_basestring_ascii.
JSONEncoder.encode() behaves as CPython 3.10's C encoder (used there when
indent is None) or its Python encoder (indent given), and iterencode() --
which json.dump uses -- yields the same chunks as CPython's Python encoder,
lazily. Float and int text is float.__repr__/int.__repr__ as in CPython.
"""

__all__ = ['JSONEncoder', 'encode_basestring', 'encode_basestring_ascii']

INFINITY = float('inf')

ESCAPE_DCT = {
    '\\': '\\\\',
    '"': '\\"',
    '\b': '\\b',
    '\f': '\\f',
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t',
}
for _i in range(0x20):
    ESCAPE_DCT.setdefault(chr(_i), '\\u%04x' % _i)
del _i

# str.translate tables (code point -> replacement).
_ESCAPE_TABLE = {ord(k): v for k, v in ESCAPE_DCT.items()}
_ESCAPE_ASCII_TABLE = dict(_ESCAPE_TABLE)
_ESCAPE_ASCII_TABLE[0x7f] = '\\u007f'


def encode_basestring(s):
    """Return a JSON representation of a Python string

    """
    return '"' + s.translate(_ESCAPE_TABLE) + '"'


def _escape_char(c):
    n = ord(c)
    if n < 0x10000:
        return '\\u%04x' % n
    n -= 0x10000
    return '\\u%04x\\u%04x' % (0xd800 | ((n >> 10) & 0x3ff), 0xdc00 | (n & 0x3ff))


def encode_basestring_ascii(s):
    """Return an ASCII-only JSON representation of a Python string

    """
    s = s.translate(_ESCAPE_ASCII_TABLE)
    if not s.isascii():
        s = ''.join([c if c < '\x80' else _escape_char(c) for c in s])
    return '"' + s + '"'


def _floatstr_factory(allow_nan, c_message):
    _repr = float.__repr__

    def floatstr(o):
        if o != o:
            text = 'NaN'
        elif o == INFINITY:
            text = 'Infinity'
        elif o == -INFINITY:
            text = '-Infinity'
        else:
            return _repr(o)
        if not allow_nan:
            if c_message:
                raise ValueError('Out of range float values are not JSON compliant')
            raise ValueError('Out of range float values are not JSON compliant: '
                             + repr(o))
        return text
    return floatstr


def _intstr(o):
    # int.__repr__ of an int subclass (IntEnum...) is the plain number.
    return int.__repr__(o) if type(o) is not int else repr(o)


def _key_text(key, floatstr, skipkeys):
    """The JSON text (before quoting) of a dict key, or None to skip it."""
    if isinstance(key, str):
        return key
    if isinstance(key, float):
        return floatstr(key)
    if key is True:
        return 'true'
    if key is False:
        return 'false'
    if key is None:
        return 'null'
    if isinstance(key, int):
        return _intstr(key)
    if skipkeys:
        return None
    raise TypeError('keys must be str, int, float, bool or None, '
                    'not %s' % key.__class__.__name__)


class JSONEncoder(object):
    """Extensible JSON <https://json.org> encoder for Python data structures.

    Supports the following objects and types by default:

    +-------------------+---------------+
    | Python            | JSON          |
    +===================+===============+
    | dict              | object        |
    +-------------------+---------------+
    | list, tuple       | array         |
    +-------------------+---------------+
    | str               | string        |
    +-------------------+---------------+
    | int, float        | number        |
    +-------------------+---------------+
    | True              | true          |
    +-------------------+---------------+
    | False             | false         |
    +-------------------+---------------+
    | None              | null          |
    +-------------------+---------------+

    To extend this to recognize other objects, subclass and implement a
    ``.default()`` method with another method that returns a serializable
    object for ``o`` if possible, otherwise it should call the superclass
    implementation (to raise ``TypeError``).

    """
    item_separator = ', '
    key_separator = ': '

    def __init__(self, *, skipkeys=False, ensure_ascii=True,
                 check_circular=True, allow_nan=True, sort_keys=False,
                 indent=None, separators=None, default=None):
        self.skipkeys = skipkeys
        self.ensure_ascii = ensure_ascii
        self.check_circular = check_circular
        self.allow_nan = allow_nan
        self.sort_keys = sort_keys
        self.indent = indent
        if separators is not None:
            self.item_separator, self.key_separator = separators
        elif indent is not None:
            self.item_separator = ','
        if default is not None:
            self.default = default

    def default(self, o):
        """Implement this method in a subclass such that it returns
        a serializable object for ``o``, or calls the base implementation
        (to raise a ``TypeError``).
        """
        raise TypeError('Object of type %s is not JSON serializable'
                        % o.__class__.__name__)

    def encode(self, o):
        """Return a JSON string representation of a Python data structure.

        >>> from json.encoder import JSONEncoder
        >>> JSONEncoder().encode({"foo": ["bar", "baz"]})
        '{"foo": ["bar", "baz"]}'

        """
        if isinstance(o, str):
            if self.ensure_ascii:
                return encode_basestring_ascii(o)
            return encode_basestring(o)
        chunks = self.iterencode(o, _one_shot=True)
        if not isinstance(chunks, (list, tuple)):
            chunks = list(chunks)
        return ''.join(chunks)

    def iterencode(self, o, _one_shot=False):
        """Encode the given object and yield each string
        representation as available.

        For example::

            for chunk in JSONEncoder().iterencode(bigobject):
                mysocket.write(chunk)

        """
        if _one_shot:
            chunks = []
            _Encoder(self, self.indent is None).encode(o, chunks, 0)
            return chunks
        return _Encoder(self, False).iterencode(o, 0)


class _Encoder:
    """One encoding run: the encoder's settings, and the markers of the
    containers being encoded (to detect circular references)."""

    def __init__(self, encoder, c_mode):
        self.markers = {} if encoder.check_circular else None
        self.default = encoder.default
        self.string = encode_basestring_ascii if encoder.ensure_ascii else encode_basestring
        indent = encoder.indent
        if indent is not None and not isinstance(indent, str):
            indent = ' ' * indent
        self.indent = indent
        self.floatstr = _floatstr_factory(encoder.allow_nan, c_mode)
        self.key_separator = encoder.key_separator
        self.item_separator = encoder.item_separator
        self.sort_keys = encoder.sort_keys
        self.skipkeys = encoder.skipkeys

    def _enter(self, o):
        markers = self.markers
        if markers is None:
            return None
        markerid = id(o)
        if markerid in markers:
            raise ValueError('Circular reference detected')
        markers[markerid] = o
        return markerid

    # -- all at once, into a list of chunks (encode)

    def encode(self, o, out, level):
        if isinstance(o, str):
            out.append(self.string(o))
        elif o is None:
            out.append('null')
        elif o is True:
            out.append('true')
        elif o is False:
            out.append('false')
        elif isinstance(o, int):
            out.append(_intstr(o))
        elif isinstance(o, float):
            out.append(self.floatstr(o))
        elif isinstance(o, (list, tuple)):
            self.encode_list(o, out, level)
        elif isinstance(o, dict):
            self.encode_dict(o, out, level)
        else:
            markerid = self._enter(o)
            self.encode(self.default(o), out, level)
            if markerid is not None:
                del self.markers[markerid]

    def encode_list(self, lst, out, level):
        if not lst:
            out.append('[]')
            return
        markerid = self._enter(lst)
        indent = self.indent
        if indent is not None:
            level += 1
            newline_indent = '\n' + indent * level
            separator = self.item_separator + newline_indent
            out.append('[' + newline_indent)
        else:
            separator = self.item_separator
            out.append('[')
        string = self.string
        append = out.append
        first = True
        for value in lst:
            if first:
                first = False
            else:
                append(separator)
            if isinstance(value, str):
                append(string(value))
            elif value is None:
                append('null')
            elif value is True:
                append('true')
            elif value is False:
                append('false')
            elif isinstance(value, int):
                append(_intstr(value))
            elif isinstance(value, float):
                append(self.floatstr(value))
            elif isinstance(value, (list, tuple)):
                self.encode_list(value, out, level)
            elif isinstance(value, dict):
                self.encode_dict(value, out, level)
            else:
                self.encode(value, out, level)
        if indent is not None:
            append('\n' + indent * (level - 1))
        append(']')
        if markerid is not None:
            del self.markers[markerid]

    def encode_dict(self, dct, out, level):
        if not dct:
            out.append('{}')
            return
        markerid = self._enter(dct)
        indent = self.indent
        if indent is not None:
            level += 1
            newline_indent = '\n' + indent * level
            item_separator = self.item_separator + newline_indent
            out.append('{' + newline_indent)
        else:
            item_separator = self.item_separator
            out.append('{')
        items = sorted(dct.items()) if self.sort_keys else dct.items()
        string = self.string
        append = out.append
        key_separator = self.key_separator
        floatstr = self.floatstr
        skipkeys = self.skipkeys
        first = True
        for key, value in items:
            if not isinstance(key, str):
                key = _key_text(key, floatstr, skipkeys)
                if key is None:
                    continue
            if first:
                first = False
            else:
                append(item_separator)
            append(string(key))
            append(key_separator)
            if isinstance(value, str):
                append(string(value))
            elif value is None:
                append('null')
            elif value is True:
                append('true')
            elif value is False:
                append('false')
            elif isinstance(value, int):
                append(_intstr(value))
            elif isinstance(value, float):
                append(floatstr(value))
            elif isinstance(value, (list, tuple)):
                self.encode_list(value, out, level)
            elif isinstance(value, dict):
                self.encode_dict(value, out, level)
            else:
                self.encode(value, out, level)
        if indent is not None:
            append('\n' + indent * (level - 1))
        append('}')
        if markerid is not None:
            del self.markers[markerid]

    # -- lazily, chunk by chunk (iterencode), as CPython's Python encoder

    def iterencode(self, o, level):
        if isinstance(o, str):
            yield self.string(o)
        elif o is None:
            yield 'null'
        elif o is True:
            yield 'true'
        elif o is False:
            yield 'false'
        elif isinstance(o, int):
            yield _intstr(o)
        elif isinstance(o, float):
            yield self.floatstr(o)
        elif isinstance(o, (list, tuple)):
            yield from self.iterencode_list(o, level)
        elif isinstance(o, dict):
            yield from self.iterencode_dict(o, level)
        else:
            markerid = self._enter(o)
            o = self.default(o)
            yield from self.iterencode(o, level)
            if markerid is not None:
                del self.markers[markerid]

    def iterencode_list(self, lst, level):
        if not lst:
            yield '[]'
            return
        markerid = self._enter(lst)
        buf = '['
        indent = self.indent
        if indent is not None:
            level += 1
            newline_indent = '\n' + indent * level
            separator = self.item_separator + newline_indent
            buf += newline_indent
        else:
            newline_indent = None
            separator = self.item_separator
        first = True
        for value in lst:
            if first:
                first = False
            else:
                buf = separator
            if isinstance(value, str):
                yield buf + self.string(value)
            elif value is None:
                yield buf + 'null'
            elif value is True:
                yield buf + 'true'
            elif value is False:
                yield buf + 'false'
            elif isinstance(value, int):
                yield buf + _intstr(value)
            elif isinstance(value, float):
                yield buf + self.floatstr(value)
            else:
                yield buf
                if isinstance(value, (list, tuple)):
                    yield from self.iterencode_list(value, level)
                elif isinstance(value, dict):
                    yield from self.iterencode_dict(value, level)
                else:
                    yield from self.iterencode(value, level)
        if newline_indent is not None:
            level -= 1
            yield '\n' + indent * level
        yield ']'
        if markerid is not None:
            del self.markers[markerid]

    def iterencode_dict(self, dct, level):
        if not dct:
            yield '{}'
            return
        markerid = self._enter(dct)
        yield '{'
        indent = self.indent
        if indent is not None:
            level += 1
            newline_indent = '\n' + indent * level
            item_separator = self.item_separator + newline_indent
            yield newline_indent
        else:
            newline_indent = None
            item_separator = self.item_separator
        items = sorted(dct.items()) if self.sort_keys else dct.items()
        first = True
        for key, value in items:
            if not isinstance(key, str):
                key = _key_text(key, self.floatstr, self.skipkeys)
                if key is None:
                    continue
            if first:
                first = False
            else:
                yield item_separator
            yield self.string(key)
            yield self.key_separator
            if isinstance(value, str):
                yield self.string(value)
            elif value is None:
                yield 'null'
            elif value is True:
                yield 'true'
            elif value is False:
                yield 'false'
            elif isinstance(value, int):
                yield _intstr(value)
            elif isinstance(value, float):
                yield self.floatstr(value)
            elif isinstance(value, (list, tuple)):
                yield from self.iterencode_list(value, level)
            elif isinstance(value, dict):
                yield from self.iterencode_dict(value, level)
            else:
                yield from self.iterencode(value, level)
        if newline_indent is not None:
            level -= 1
            yield '\n' + indent * level
        yield '}'
        if markerid is not None:
            del self.markers[markerid]
