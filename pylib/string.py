"""Common string constants and classes (pyvm's implementation of string).

Provides the constants (ascii_letters, digits, punctuation...), capwords,
Template (substitute/safe_substitute with CPython 3.10's errors) and
Formatter (with Python versions of _string.formatter_parser and
formatter_field_name_split). Template scans for placeholders itself when a
subclass changes only `delimiter`; a subclass that overrides `pattern`,
`idpattern`, `braceidpattern` or `flags` needs the re module, and so does
reading Template.pattern.
"""

__all__ = ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords",
           "digits", "hexdigits", "octdigits", "printable", "punctuation",
           "whitespace", "Formatter", "Template"]

whitespace = ' \t\n\r\v\f'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    """Split s on sep (whitespace runs by default), capitalize each word and
    join them with sep (a single space by default)."""
    return (sep or ' ').join(map(str.capitalize, s.split(sep)))


# --- Template ---------------------------------------------------------------

_DEFAULT_IDPATTERN = r'(?a:[_a-z][_a-z0-9]*)'
_RE_IGNORECASE = 2  # re.IGNORECASE
_RE_VERBOSE = 64    # re.VERBOSE
_ID_START = frozenset('_' + ascii_letters)
_ID_CHARS = frozenset('_' + ascii_letters + digits)


class _ChainedLookup:
    """mapping lookups that try the keyword arguments first (what CPython
    does with a collections.ChainMap)."""

    __slots__ = ('first', 'second')

    def __init__(self, first, second):
        self.first = first
        self.second = second

    def __getitem__(self, key):
        try:
            return self.first[key]
        except KeyError:
            pass
        try:
            return self.second[key]
        except KeyError:
            pass
        raise KeyError(key)


class _PatternAttribute:
    """Template.pattern: the compiled regular expression, built with the re
    module on first access (the scanner does not need it)."""

    def __get__(self, obj, cls):
        if cls is None:
            cls = type(obj)
        compiled = cls.__dict__.get('_compiled_pattern')
        if compiled is None:
            compiled = _compile_pattern(cls, None)
            cls._compiled_pattern = compiled
        return compiled


def _compile_pattern(cls, source):
    try:
        import re
    except ImportError:
        raise NotImplementedError(
            'string.Template: a custom pattern, idpattern, braceidpattern or '
            'flags needs the re module, which pyvm does not have yet') from None
    if source is None:
        delim = re.escape(cls.delimiter)
        ident = cls.idpattern
        bident = cls.braceidpattern or cls.idpattern
        source = fr"""
        {delim}(?:
          (?P<escaped>{delim})  |
          (?P<named>{ident})    |
          {{(?P<braced>{bident})}} |
          (?P<invalid>)
        )
        """
    return re.compile(source, cls.flags | _RE_VERBOSE)


class Template:
    """A string with $-substitutions: $name or ${name} is replaced by the
    mapping's value, $$ by a single $."""

    delimiter = '$'
    idpattern = _DEFAULT_IDPATTERN
    braceidpattern = None
    flags = _RE_IGNORECASE
    pattern = _PatternAttribute()
    # Whether placeholders can be found without re (only the delimiter
    # differs from the defaults, and it has no letters that IGNORECASE
    # would match in either case).
    _scannable = True

    def __init_subclass__(cls):
        super().__init_subclass__()
        custom = ('pattern' in cls.__dict__ or cls.idpattern != _DEFAULT_IDPATTERN
                  or cls.braceidpattern is not None or cls.flags != _RE_IGNORECASE)
        delim = cls.delimiter
        cls._scannable = (not custom and isinstance(delim, str) and delim != ''
                          and delim.lower() == delim.upper())
        if 'pattern' in cls.__dict__:
            cls._compiled_pattern = _compile_pattern(cls, cls.__dict__['pattern'])
            cls.pattern = cls._compiled_pattern
        elif not cls._scannable:
            cls._compiled_pattern = _compile_pattern(cls, None)
        else:
            cls._compiled_pattern = None

    def __init__(self, template):
        self.template = template

    def _invalid(self, i):
        lines = self.template[:i].splitlines(keepends=True)
        if not lines:
            colno = 1
            lineno = 1
        else:
            colno = i - len(''.join(lines[:-1]))
            lineno = len(lines)
        raise ValueError('Invalid placeholder in string: line %d, col %d' %
                         (lineno, colno))

    def _scan(self, mapping, safe):
        # The default pattern, matched by hand: at each delimiter, an
        # escaped delimiter, an identifier, a braced identifier, or else an
        # invalid placeholder.
        s = self.template
        delim = self.delimiter
        dlen = len(delim)
        n = len(s)
        out = []
        pos = 0
        while True:
            i = s.find(delim, pos)
            if i < 0:
                break
            out.append(s[pos:i])
            j = i + dlen
            if s.startswith(delim, j):
                out.append(delim)
                pos = j + dlen
                continue
            name = None
            if j < n and s[j] in _ID_START:
                k = j + 1
                while k < n and s[k] in _ID_CHARS:
                    k += 1
                name = s[j:k]
                end = k
            elif j + 1 < n and s[j] == '{' and s[j + 1] in _ID_START:
                k = j + 2
                while k < n and s[k] in _ID_CHARS:
                    k += 1
                if k < n and s[k] == '}':
                    name = s[j + 1:k]
                    end = k + 1
            if name is None:
                if not safe:
                    self._invalid(j)
                out.append(delim)
                pos = j
                continue
            if safe:
                try:
                    out.append(str(mapping[name]))
                except KeyError:
                    out.append(s[i:end])
            else:
                out.append(str(mapping[name]))
            pos = end
        out.append(s[pos:])
        return ''.join(out)

    def _regex_substitute(self, mapping, safe):
        pattern = type(self)._compiled_pattern
        if pattern is None:
            pattern = self.pattern

        def convert(mo):
            named = mo.group('named') or mo.group('braced')
            if named is not None:
                if safe:
                    try:
                        return str(mapping[named])
                    except KeyError:
                        return mo.group()
                return str(mapping[named])
            if mo.group('escaped') is not None:
                return self.delimiter
            if mo.group('invalid') is not None:
                if safe:
                    return mo.group()
                self._invalid(mo.start('invalid'))
            raise ValueError('Unrecognized named group in pattern', pattern)
        return pattern.sub(convert, self.template)

    def substitute(self, mapping=None, /, **kws):
        """The template with every placeholder replaced (KeyError for a
        missing name, ValueError for an invalid placeholder)."""
        return self._substitute(mapping, kws, False)

    def safe_substitute(self, mapping=None, /, **kws):
        """Like substitute, but missing names and invalid placeholders are
        left as they are."""
        return self._substitute(mapping, kws, True)

    def _substitute(self, mapping, kws, safe):
        if mapping is None:
            mapping = kws
        elif kws:
            mapping = _ChainedLookup(kws, mapping)
        if type(self)._scannable and type(self).__dict__.get('_compiled_pattern') is None:
            return self._scan(mapping, safe)
        return self._regex_substitute(mapping, safe)


# Template's own pattern is compiled lazily, like its subclasses' defaults.
Template._compiled_pattern = None


# --- Formatter --------------------------------------------------------------

def _formatter_parser(s):
    """(literal_text, field_name, format_spec, conversion) for each piece of
    a format string, as _string.formatter_parser."""
    if not isinstance(s, str):
        raise TypeError(f'expected str, got {type(s).__name__}')
    return _parse_format(s)


def _parse_format(s):
    n = len(s)
    pos = 0
    while pos < n:
        start = pos
        c = ''
        markup = False
        while pos < n:
            c = s[pos]
            pos += 1
            if c == '{' or c == '}':
                markup = True
                break
        at_end = pos >= n
        length = pos - start
        if c == '}' and markup and (at_end or s[pos] != '}'):
            raise ValueError("Single '}' encountered in format string")
        if at_end and c == '{' and markup:
            raise ValueError("Single '{' encountered in format string")
        if not at_end and markup:
            if s[pos] == c:
                pos += 1        # an escaped brace: part of the literal
                markup = False
            else:
                length -= 1
        literal = s[start:start + length]
        if not markup:
            yield (literal, None, None, None)
            continue
        # The field: its name ends at '}', ':' or '!' (not inside [...]).
        name_start = pos
        c = ''
        while pos < n:
            c = s[pos]
            pos += 1
            if c == '{':
                raise ValueError("unexpected '{' in field name")
            if c == '[':
                while pos < n and s[pos] != ']':
                    pos += 1
                continue
            if c == '}' or c == ':' or c == '!':
                break
        field_name = s[name_start:pos - 1]
        conversion = None
        if c == '!' or c == ':':
            if c == '!':
                if pos >= n:
                    raise ValueError('end of string while looking for conversion specifier')
                conversion = s[pos]
                pos += 1
                if pos < n:
                    c = s[pos]
                    pos += 1
                    if c == '}':
                        yield (literal, field_name, '', conversion)
                        continue
                    if c != ':':
                        raise ValueError("expected ':' after conversion specifier")
            spec_start = pos
            depth = 1
            while pos < n:
                c = s[pos]
                pos += 1
                if c == '{':
                    depth += 1
                elif c == '}':
                    depth -= 1
                    if depth == 0:
                        break
            if depth:
                raise ValueError("unmatched '{' in format spec")
            yield (literal, field_name, s[spec_start:pos - 1], conversion)
        elif c != '}':
            raise ValueError("expected '}' before end of string")
        else:
            yield (literal, field_name, '', None)


_SSIZE_MAX = (1 << 63) - 1


def _field_integer(text):
    """The value of an all-decimal-digit field part, else -1."""
    if not text:
        return -1
    value = 0
    for ch in text:
        if not ch.isdecimal():
            return -1
        digit = int(ch)
        if value > (_SSIZE_MAX - digit) // 10:
            raise ValueError('Too many decimal digits in format string')
        value = value * 10 + digit
    return value


def _field_rest(s, i):
    # The '.attr' and '[key]' parts after the first name.
    n = len(s)
    while i < n:
        c = s[i]
        i += 1
        if c == '.':
            start = i
            while i < n and s[i] != '.' and s[i] != '[':
                i += 1
            name = s[start:i]
            if not name:
                raise ValueError('Empty attribute in format string')
            yield (True, name)
        elif c == '[':
            start = i
            while i < n and s[i] != ']':
                i += 1
            if i >= n:
                raise ValueError("Missing ']' in format string")
            name = s[start:i]
            i += 1
            if not name:
                raise ValueError('Empty attribute in format string')
            index = _field_integer(name)
            yield (False, name if index == -1 else index)
        else:
            raise ValueError("Only '.' or '[' may follow ']' in format field specifier")


def _formatter_field_name_split(s):
    """(first, rest) for a field name, as _string.formatter_field_name_split:
    first is an int or str, rest iterates (is_attribute, key) pairs."""
    if not isinstance(s, str):
        raise TypeError(f'expected str, got {type(s).__name__}')
    i = 0
    n = len(s)
    while i < n and s[i] != '.' and s[i] != '[':
        i += 1
    first = s[:i]
    index = _field_integer(first)
    return (first if index == -1 else index), _field_rest(s, i)


class Formatter:
    """str.format's machinery as overridable methods (parse, get_field,
    get_value, convert_field, format_field, check_unused_args)."""

    def format(self, format_string, /, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        used_args = set()
        result, _ = self._vformat(format_string, args, kwargs, used_args, 2)
        self.check_unused_args(used_args, args, kwargs)
        return result

    def _vformat(self, format_string, args, kwargs, used_args, recursion_depth,
                 auto_arg_index=0):
        if recursion_depth < 0:
            raise ValueError('Max string recursion exceeded')
        result = []
        for literal_text, field_name, format_spec, conversion in self.parse(format_string):
            if literal_text:
                result.append(literal_text)
            if field_name is None:
                continue
            # '' means the next automatic index; numbers disable that.
            if field_name == '':
                if auto_arg_index is False:
                    raise ValueError('cannot switch from manual field '
                                     'specification to automatic field '
                                     'numbering')
                field_name = str(auto_arg_index)
                auto_arg_index += 1
            elif field_name.isdigit():
                if auto_arg_index:
                    raise ValueError('cannot switch from manual field '
                                     'specification to automatic field '
                                     'numbering')
                auto_arg_index = False
            obj, arg_used = self.get_field(field_name, args, kwargs)
            used_args.add(arg_used)
            obj = self.convert_field(obj, conversion)
            format_spec, auto_arg_index = self._vformat(
                format_spec, args, kwargs, used_args, recursion_depth - 1,
                auto_arg_index=auto_arg_index)
            result.append(self.format_field(obj, format_spec))
        return ''.join(result), auto_arg_index

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            return args[key]
        return kwargs[key]

    def check_unused_args(self, used_args, args, kwargs):
        pass

    def format_field(self, value, format_spec):
        return format(value, format_spec)

    def convert_field(self, value, conversion):
        if conversion is None:
            return value
        if conversion == 's':
            return str(value)
        if conversion == 'r':
            return repr(value)
        if conversion == 'a':
            return ascii(value)
        raise ValueError("Unknown conversion specifier {0!s}".format(conversion))

    def parse(self, format_string):
        """(literal_text, field_name, format_spec, conversion) tuples."""
        return _formatter_parser(format_string)

    def get_field(self, field_name, args, kwargs):
        """The object a field name refers to, and the key it was found by."""
        first, rest = _formatter_field_name_split(field_name)
        obj = self.get_value(first, args, kwargs)
        for is_attr, i in rest:
            if is_attr:
                obj = getattr(obj, i)
            else:
                obj = obj[i]
        return obj, first
