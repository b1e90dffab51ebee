"""Text wrapping and filling (pyvm's implementation of textwrap).

Provides TextWrapper, wrap, fill, shorten, dedent and indent with output
identical to CPython 3.10's. The word splitting that CPython does with
regular expressions (TextWrapper.wordsep_re, wordsep_simple_re,
sentence_end_re) is written out by hand here, so those class attributes are
None; a subclass may still set wordsep_re/wordsep_simple_re to compiled
patterns of its own (from the re module), which _split then uses.
"""

__all__ = ['TextWrapper', 'wrap', 'fill', 'dedent', 'indent', 'shorten']

# Only these count as whitespace here, not every str.isspace() character.
_whitespace = '\t\n\x0b\x0c\r '
_WS = frozenset(_whitespace)


def _is_word(c):
    # re's \w for str patterns.
    return c.isalnum() or c == '_'


def _is_letter(c):
    # [^\d\W]: a word character that is not a decimal digit.
    return (c.isalnum() or c == '_') and not c.isdecimal()


def _is_word_punct(c):
    # [\w!"\'&.,?]
    return c in '!"\'&.,?' or c.isalnum() or c == '_'


def _dash_run_then_word(text, p, n):
    # -{2,}(?=\w) at p: two or more dashes followed by a word character.
    k = p
    while k < n and text[k] == '-':
        k += 1
    if k - p >= 2 and k < n and _is_word(text[k]):
        return k
    return -1


def _split_words(text):
    """Chunks of text as CPython's TextWrapper.wordsep_re splits it: runs of
    whitespace, em-dashes between words, and words broken after the hyphens
    of hyphenated words."""
    chunks = []
    n = len(text)
    i = 0
    ws = _WS
    while i < n:
        c = text[i]
        if c in ws:
            k = i + 1
            while k < n and text[k] in ws:
                k += 1
            chunks.append(text[i:k])
            i = k
            continue
        if c == '-' and i > 0 and _is_word_punct(text[i - 1]):
            k = _dash_run_then_word(text, i, n)
            if k >= 0:
                chunks.append(text[i:k])
                i = k
                continue
        # The shortest run of non-whitespace that ends a word: before a
        # hyphen that joins letters (the hyphen included), before
        # whitespace or the end, or before an em-dash.
        p = i + 1
        while True:
            if p >= n or text[p] in ws:
                end = p
                break
            q = text[p]
            if q == '-' and p + 1 < n and _is_letter(text[p + 1]):
                # (?<=lt{2}-) or (?<=lt-lt-), then (?=lt-?lt)
                before = ((p >= 2 and _is_letter(text[p - 1]) and _is_letter(text[p - 2]))
                          or (p >= 3 and _is_letter(text[p - 1]) and text[p - 2] == '-'
                              and _is_letter(text[p - 3])))
                if before:
                    r = p + 2
                    if r < n and (_is_letter(text[r]) or
                                  (text[r] == '-' and r + 1 < n and _is_letter(text[r + 1]))):
                        end = p + 1
                        break
            if q == '-' and _is_word_punct(text[p - 1]) and _dash_run_then_word(text, p, n) >= 0:
                end = p
                break
            p += 1
        chunks.append(text[i:end])
        i = end
    return chunks


def _split_on_whitespace(text):
    # (ws+) splitting: the whitespace runs and the text between them.
    chunks = []
    n = len(text)
    i = 0
    ws = _WS
    while i < n:
        k = i + 1
        if text[i] in ws:
            while k < n and text[k] in ws:
                k += 1
        else:
            while k < n and text[k] not in ws:
                k += 1
        chunks.append(text[i:k])
        i = k
    return chunks


def _ends_sentence(chunk):
    # [a-z][\.\!\?][\"\']?\Z
    n = len(chunk)
    if n >= 2 and chunk[-1] in '.!?' and 'a' <= chunk[-2] <= 'z':
        return True
    return n >= 3 and chunk[-1] in '"\'' and chunk[-2] in '.!?' and 'a' <= chunk[-3] <= 'z'


class TextWrapper:
    """Wraps paragraphs of text to a width: see the keyword arguments of
    __init__ (the same as CPython's) for the options."""

    unicode_whitespace_trans = {}
    uspace = ord(' ')
    for x in _whitespace:
        unicode_whitespace_trans[ord(x)] = uspace
    del x

    # CPython's regular expressions; see the module docstring.
    wordsep_re = None
    wordsep_simple_re = None
    sentence_end_re = None

    def __init__(self,
                 width=70,
                 initial_indent="",
                 subsequent_indent="",
                 expand_tabs=True,
                 replace_whitespace=True,
                 fix_sentence_endings=False,
                 break_long_words=True,
                 drop_whitespace=True,
                 break_on_hyphens=True,
                 tabsize=8,
                 *,
                 max_lines=None,
                 placeholder=' [...]'):
        self.width = width
        self.initial_indent = initial_indent
        self.subsequent_indent = subsequent_indent
        self.expand_tabs = expand_tabs
        self.replace_whitespace = replace_whitespace
        self.fix_sentence_endings = fix_sentence_endings
        self.break_long_words = break_long_words
        self.drop_whitespace = drop_whitespace
        self.break_on_hyphens = break_on_hyphens
        self.tabsize = tabsize
        self.max_lines = max_lines
        self.placeholder = placeholder

    def _munge_whitespace(self, text):
        """Expand tabs and turn each whitespace character into a space, as the
        options say."""
        if self.expand_tabs:
            text = text.expandtabs(self.tabsize)
        if self.replace_whitespace:
            text = text.translate(self.unicode_whitespace_trans)
        return text

    def _split(self, text):
        """Split text into words and whitespace runs (and, with
        break_on_hyphens, hyphenated words after their hyphens)."""
        if self.break_on_hyphens is True:
            if self.wordsep_re is not None:
                return [c for c in self.wordsep_re.split(text) if c]
            return _split_words(text)
        if self.wordsep_simple_re is not None:
            return [c for c in self.wordsep_simple_re.split(text) if c]
        return _split_on_whitespace(text)

    def _fix_sentence_endings(self, chunks):
        """Two spaces after a sentence end (a lowercase letter, then . ! or ?,
        then maybe a quote)."""
        i = 0
        if self.sentence_end_re is not None:
            ends = self.sentence_end_re.search
        else:
            ends = _ends_sentence
        while i < len(chunks) - 1:
            if chunks[i + 1] == " " and ends(chunks[i]):
                chunks[i + 1] = "  "
                i += 2
            else:
                i += 1

    def _handle_long_word(self, reversed_chunks, cur_line, cur_len, width):
        """Break (or, without break_long_words, place) a chunk too long for a
        line."""
        if width < 1:
            space_left = 1
        else:
            space_left = width - cur_len
        if self.break_long_words:
            end = space_left
            chunk = reversed_chunks[-1]
            if self.break_on_hyphens and len(chunk) > space_left:
                # Prefer breaking after the last hyphen that fits, unless the
                # chunk is nothing but hyphens up to there.
                hyphen = chunk.rfind('-', 0, space_left)
                if hyphen > 0 and any(c != '-' for c in chunk[:hyphen]):
                    end = hyphen + 1
            cur_line.append(chunk[:end])
            reversed_chunks[-1] = chunk[end:]
        elif not cur_line:
            cur_line.append(reversed_chunks.pop())

    def _wrap_chunks(self, chunks):
        """Lay chunks out in lines of at most width characters (indents
        included)."""
        lines = []
        if self.width <= 0:
            raise ValueError("invalid width %r (must be > 0)" % self.width)
        if self.max_lines is not None:
            if self.max_lines > 1:
                indent = self.subsequent_indent
            else:
                indent = self.initial_indent
            if len(indent) + len(self.placeholder.lstrip()) > self.width:
                raise ValueError("placeholder too large for max width")

        chunks.reverse()  # so that pop() takes the next chunk
        while chunks:
            cur_line = []
            cur_len = 0
            if lines:
                indent = self.subsequent_indent
            else:
                indent = self.initial_indent
            width = self.width - len(indent)

            # Whitespace at the start of a line (other than the first) goes.
            if self.drop_whitespace and chunks[-1].strip() == '' and lines:
                del chunks[-1]

            while chunks:
                length = len(chunks[-1])
                if cur_len + length <= width:
                    cur_line.append(chunks.pop())
                    cur_len += length
                else:
                    break

            if chunks and len(chunks[-1]) > width:
                self._handle_long_word(chunks, cur_line, cur_len, width)
                cur_len = sum(map(len, cur_line))

            if self.drop_whitespace and cur_line and cur_line[-1].strip() == '':
                cur_len -= len(cur_line[-1])
                del cur_line[-1]

            if cur_line:
                if (self.max_lines is None or
                        len(lines) + 1 < self.max_lines or
                        (not chunks or
                         self.drop_whitespace and
                         len(chunks) == 1 and
                         not chunks[0].strip()) and cur_len <= width):
                    lines.append(indent + ''.join(cur_line))
                else:
                    # The last allowed line: end it with the placeholder.
                    while cur_line:
                        if (cur_line[-1].strip() and
                                cur_len + len(self.placeholder) <= width):
                            cur_line.append(self.placeholder)
                            lines.append(indent + ''.join(cur_line))
                            break
                        cur_len -= len(cur_line[-1])
                        del cur_line[-1]
                    else:
                        if lines:
                            prev_line = lines[-1].rstrip()
                            if (len(prev_line) + len(self.placeholder) <=
                                    self.width):
                                lines[-1] = prev_line + self.placeholder
                                break
                        lines.append(indent + self.placeholder.lstrip())
                    break
        return lines

    def _split_chunks(self, text):
        text = self._munge_whitespace(text)
        return self._split(text)

    def wrap(self, text):
        """The lines of text wrapped to self.width, without newlines."""
        chunks = self._split_chunks(text)
        if self.fix_sentence_endings:
            self._fix_sentence_endings(chunks)
        return self._wrap_chunks(chunks)

    def fill(self, text):
        """text wrapped to self.width, as one string."""
        return "\n".join(self.wrap(text))


def wrap(text, width=70, **kwargs):
    """The lines of text wrapped to width (see TextWrapper for the
    options)."""
    return TextWrapper(width=width, **kwargs).wrap(text)


def fill(text, width=70, **kwargs):
    """text wrapped to width, as one string (see TextWrapper)."""
    return TextWrapper(width=width, **kwargs).fill(text)


def shorten(text, width, **kwargs):
    """text with its whitespace collapsed, cut to fit width with a
    placeholder at the end when it does not fit."""
    w = TextWrapper(width=width, max_lines=1, **kwargs)
    return w.fill(' '.join(text.strip().split()))


def _only_blanks(line):
    # ^[ \t]+$ for one line
    if not line:
        return False
    for c in line:
        if c != ' ' and c != '\t':
            return False
    return True


def dedent(text):
    """Remove the whitespace prefix common to all lines that have content;
    lines of only spaces and tabs become empty."""
    lines = text.split('\n')
    margin = None
    for idx, line in enumerate(lines):
        if _only_blanks(line):
            lines[idx] = ''
            continue
        k = 0
        n = len(line)
        while k < n and (line[k] == ' ' or line[k] == '\t'):
            k += 1
        if k == n:
            continue  # an empty line
        indent = line[:k]
        if margin is None:
            margin = indent
        elif indent.startswith(margin):
            pass
        elif margin.startswith(indent):
            margin = indent
        else:
            for i, (x, y) in enumerate(zip(margin, indent)):
                if x != y:
                    margin = margin[:i]
                    break
    if margin:
        cut = len(margin)
        lines = [line[cut:] if line.startswith(margin) else line for line in lines]
    return '\n'.join(lines)


def indent(text, prefix, predicate=None):
    """Add prefix to the lines of text for which predicate is true (by
    default, lines that are not only whitespace)."""
    if predicate is None:
        def predicate(line):
            return line.strip()

    def prefixed_lines():
        for line in text.splitlines(True):
            yield (prefix + line if predicate(line) else line)
    return ''.join(prefixed_lines())
