"""JSON decoder (pyvm's implementation of json.decoder).

Provides JSONDecoder, JSONDecodeError and scanstring. The scanner follows
CPython 3.10's C scanner (_json.c): the same accepted syntax (NaN, Infinity,
-Infinity as extensions), the same error messages and positions. It is
written without regular expressions. Nesting is parsed recursively, so a
document nested deeper than the recursion limit raises RecursionError with
Python's message rather than the C scanner's.
"""

__all__ = ['JSONDecoder', 'JSONDecodeError']

NaN = float('nan')
PosInf = float('inf')
NegInf = float('-inf')


class JSONDecodeError(ValueError):
    """Subclass of ValueError with the following additional properties:

    msg: The unformatted error message
    doc: The JSON document being parsed
    pos: The start index of doc where parsing failed
    lineno: The line corresponding to pos
    colno: The column corresponding to pos

    """

    def __init__(self, msg, doc, pos):
        lineno = doc.count('\n', 0, pos) + 1
        colno = pos - doc.rfind('\n', 0, pos)
        errmsg = '%s: line %d column %d (char %d)' % (msg, lineno, colno, pos)
        ValueError.__init__(self, errmsg)
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = lineno
        self.colno = colno

    def __reduce__(self):
        return self.__class__, (self.msg, self.doc, self.pos)


_CONSTANTS = {
    '-Infinity': NegInf,
    'Infinity': PosInf,
    'NaN': NaN,
}

_BACKSLASH = {
    '"': '"', '\\': '\\', '/': '/',
    'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t',
}

_HEX = '0123456789abcdefABCDEF'
_DIGITS = '0123456789'
_WS = ' \t\n\r'


def _hex4(s, pos):
    """The value of the 4 hex digits at s[pos:pos+4], or -1."""
    value = 0
    for i in range(pos, pos + 4):
        c = s[i]
        if c not in _HEX:
            return -1
        value = value * 16 + int(c, 16)
    return value


def scanstring(s, end, strict=True):
    """Scan the string s for a JSON string. End is the index of the
    character in s after the quote that started the JSON string.
    Unescapes all valid JSON string escape sequences and raises ValueError
    on attempt to decode an invalid string. If strict is False then literal
    control characters are allowed in the string.

    Returns a tuple of the decoded string and the index of the character in s
    after the end quote."""
    begin = end - 1
    length = len(s)
    quote = s.find('"', end)
    chunks = None
    while True:
        limit = quote if quote >= 0 else length
        backslash = s.find('\\', end, limit)
        if backslash < 0:
            chunk = s[end:limit]
            if strict and not chunk.isprintable():
                _check_controls(s, chunk, end)
            if quote < 0:
                raise JSONDecodeError('Unterminated string starting at', s, begin)
            if chunks is None:
                return chunk, quote + 1
            chunks.append(chunk)
            return ''.join(chunks), quote + 1
        if chunks is None:
            chunks = []
        chunk = s[end:backslash]
        if chunk:
            if strict and not chunk.isprintable():
                _check_controls(s, chunk, end)
            chunks.append(chunk)
        # An escape sequence at `backslash`.
        nxt = backslash + 1
        if nxt == length:
            raise JSONDecodeError('Unterminated string starting at', s, begin)
        c = s[nxt]
        if c != 'u':
            char = _BACKSLASH.get(c)
            if char is None:
                raise JSONDecodeError('Invalid \\escape', s, backslash)
            chunks.append(char)
            end = nxt + 1
        else:
            if nxt + 5 >= length:
                raise JSONDecodeError('Invalid \\uXXXX escape', s, nxt)
            uni = _hex4(s, nxt + 1)
            if uni < 0:
                raise JSONDecodeError('Invalid \\uXXXX escape', s, nxt)
            end = nxt + 5
            if 0xd800 <= uni <= 0xdbff and end + 6 < length and \
                    s[end] == '\\' and s[end + 1] == 'u':
                uni2 = _hex4(s, end + 2)
                if uni2 < 0:
                    raise JSONDecodeError('Invalid \\uXXXX escape', s, end + 1)
                if 0xdc00 <= uni2 <= 0xdfff:
                    uni = 0x10000 + (((uni - 0xd800) << 10) | (uni2 - 0xdc00))
                    end += 6
            chunks.append(chr(uni))
        if 0 <= quote < end:
            # The quote found was escaped: look for the next one.
            quote = s.find('"', end)


def _check_controls(s, chunk, start):
    for i in range(len(chunk)):
        if chunk[i] < ' ':
            raise JSONDecodeError('Invalid control character at', s, start + i)


def _make_scanner(context):
    """The scan_once(s, idx) -> (value, end) function of a decoder,
    raising StopIteration(idx) where no value starts."""
    parse_float = context.parse_float
    parse_int = context.parse_int
    parse_constant = context.parse_constant
    object_hook = context.object_hook
    object_pairs_hook = context.object_pairs_hook
    strict = context.strict
    memo = context.memo
    default_float = parse_float is float
    default_int = parse_int is int

    def parse_object(s, idx, length):
        pairs = []
        append = pairs.append
        while idx < length and s[idx] in _WS:
            idx += 1
        if idx >= length or s[idx] != '}':
            while True:
                if idx >= length or s[idx] != '"':
                    raise JSONDecodeError(
                        'Expecting property name enclosed in double quotes', s, idx)
                key, idx = scanstring(s, idx + 1, strict)
                key = memo.setdefault(key, key)
                while idx < length and s[idx] in _WS:
                    idx += 1
                if idx >= length or s[idx] != ':':
                    raise JSONDecodeError("Expecting ':' delimiter", s, idx)
                idx += 1
                while idx < length and s[idx] in _WS:
                    idx += 1
                value, idx = scan(s, idx, length)
                append((key, value))
                while idx < length and s[idx] in _WS:
                    idx += 1
                if idx < length and s[idx] == '}':
                    break
                if idx >= length or s[idx] != ',':
                    raise JSONDecodeError("Expecting ',' delimiter", s, idx)
                idx += 1
                while idx < length and s[idx] in _WS:
                    idx += 1
        if object_pairs_hook is not None:
            return object_pairs_hook(pairs), idx + 1
        result = dict(pairs)
        if object_hook is not None:
            result = object_hook(result)
        return result, idx + 1

    def parse_array(s, idx, length):
        values = []
        append = values.append
        while idx < length and s[idx] in _WS:
            idx += 1
        if idx >= length or s[idx] != ']':
            while True:
                value, idx = scan(s, idx, length)
                append(value)
                while idx < length and s[idx] in _WS:
                    idx += 1
                if idx < length and s[idx] == ']':
                    break
                if idx >= length or s[idx] != ',':
                    raise JSONDecodeError("Expecting ',' delimiter", s, idx)
                idx += 1
                while idx < length and s[idx] in _WS:
                    idx += 1
        return values, idx + 1

    def parse_number(s, start, length):
        idx = start
        if s[idx] == '-':
            idx += 1
            if idx >= length:
                raise StopIteration(start)
        c = s[idx]
        if '1' <= c <= '9':
            idx += 1
            while idx < length and s[idx] in _DIGITS:
                idx += 1
        elif c == '0':
            idx += 1
        else:
            raise StopIteration(start)
        is_float = False
        if idx + 1 < length and s[idx] == '.' and s[idx + 1] in _DIGITS:
            is_float = True
            idx += 2
            while idx < length and s[idx] in _DIGITS:
                idx += 1
        if idx + 1 < length and (s[idx] == 'e' or s[idx] == 'E'):
            e_start = idx
            idx += 1
            if idx + 1 < length and (s[idx] == '-' or s[idx] == '+'):
                idx += 1
            while idx < length and s[idx] in _DIGITS:
                idx += 1
            if s[idx - 1] in _DIGITS:
                is_float = True
            else:
                idx = e_start
        numstr = s[start:idx]
        if is_float:
            return (float(numstr) if default_float else parse_float(numstr)), idx
        return (int(numstr) if default_int else parse_int(numstr)), idx

    def scan(s, idx, length):
        if idx >= length:
            raise StopIteration(idx)
        c = s[idx]
        if c == '"':
            return scanstring(s, idx + 1, strict)
        if c == '{':
            return parse_object(s, idx + 1, length)
        if c == '[':
            return parse_array(s, idx + 1, length)
        if c == 'n':
            if s[idx:idx + 4] == 'null':
                return None, idx + 4
        elif c == 't':
            if s[idx:idx + 4] == 'true':
                return True, idx + 4
        elif c == 'f':
            if s[idx:idx + 5] == 'false':
                return False, idx + 5
        elif c == 'N':
            if s[idx:idx + 3] == 'NaN':
                return parse_constant('NaN'), idx + 3
        elif c == 'I':
            if s[idx:idx + 8] == 'Infinity':
                return parse_constant('Infinity'), idx + 8
        elif c == '-':
            if s[idx:idx + 9] == '-Infinity':
                return parse_constant('-Infinity'), idx + 9
        return parse_number(s, idx, length)

    def scan_once(s, idx):
        if idx < 0:
            raise ValueError('idx cannot be negative')
        try:
            return scan(s, idx, len(s))
        finally:
            memo.clear()

    return scan_once


def _skip_ws(s, idx):
    length = len(s)
    while idx < length and s[idx] in _WS:
        idx += 1
    return idx


class JSONDecoder(object):
    """Simple JSON <https://json.org> decoder

    Performs the following translations in decoding by default:

    +---------------+-------------------+
    | JSON          | Python            |
    +===============+===================+
    | object        | dict              |
    +---------------+-------------------+
    | array         | list              |
    +---------------+-------------------+
    | string        | str               |
    +---------------+-------------------+
    | number (int)  | int               |
    +---------------+-------------------+
    | number (real) | float             |
    +---------------+-------------------+
    | true          | True              |
    +---------------+-------------------+
    | false         | False             |
    +---------------+-------------------+
    | null          | None              |
    +---------------+-------------------+

    It also understands ``NaN``, ``Infinity``, and ``-Infinity`` as
    their corresponding ``float`` values, which is outside the JSON spec.

    """

    def __init__(self, *, object_hook=None, parse_float=None,
                 parse_int=None, parse_constant=None, strict=True,
                 object_pairs_hook=None):
        self.object_hook = object_hook
        self.parse_float = parse_float or float
        self.parse_int = parse_int or int
        self.parse_constant = parse_constant or _CONSTANTS.__getitem__
        self.strict = strict
        self.object_pairs_hook = object_pairs_hook
        self.parse_string = scanstring
        self.memo = {}
        self.scan_once = _make_scanner(self)

    def decode(self, s, _w=None):
        """Return the Python representation of ``s`` (a ``str`` instance
        containing a JSON document).

        """
        obj, end = self.raw_decode(s, idx=_skip_ws(s, 0))
        end = _skip_ws(s, end)
        if end != len(s):
            raise JSONDecodeError('Extra data', s, end)
        return obj

    def raw_decode(self, s, idx=0):
        """Decode a JSON document from ``s`` (a ``str`` beginning with
        a JSON document) and return a 2-tuple of the Python
        representation and the index in ``s`` where the document ended.

        This can be used to decode a JSON document from a string that may
        have extraneous data at the end.

        """
        try:
            obj, end = self.scan_once(s, idx)
        except StopIteration as err:
            raise JSONDecodeError('Expecting value', s, err.value) from None
        return obj, end
