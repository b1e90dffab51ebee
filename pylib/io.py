"""In-memory streams and the I/O class hierarchy (pyvm's io module).

Provides StringIO and BytesIO with CPython 3.10's semantics and messages
(StringIO's newline translation and `newlines`, seeking past the end,
truncate, iteration), the base classes IOBase, RawIOBase, BufferedIOBase and
TextIOBase (ABCs over the concrete _IOBase family, as in CPython) with their
default methods, UnsupportedOperation, SEEK_SET/SEEK_CUR/SEEK_END,
DEFAULT_BUFFER_SIZE, IncrementalNewlineDecoder, open (the built-in open) and
TextIOWrapper (the type of the VM's file objects, which open() returns for
every mode).

Missing: BytesIO.getbuffer() (pyvm has no memoryview) raises
NotImplementedError; FileIO, BufferedReader, BufferedWriter, BufferedRandom
and BufferedRWPair exist only as names whose construction raises
NotImplementedError; a StringIO/BytesIO subclass that overrides close() is
not closed when it is garbage-collected (IOBase subclasses are).
"""

import sys
from abc import ABCMeta

__all__ = ["BlockingIOError", "open", "open_code", "IOBase", "RawIOBase",
           "FileIO", "BytesIO", "StringIO", "BufferedIOBase",
           "BufferedReader", "BufferedWriter", "BufferedRWPair",
           "BufferedRandom", "TextIOBase", "TextIOWrapper",
           "UnsupportedOperation", "SEEK_SET", "SEEK_CUR", "SEEK_END"]

SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2
DEFAULT_BUFFER_SIZE = 8192

open = open  # the built-in open(), which is io.open in CPython
TextIOWrapper = type(sys.stdout)
BlockingIOError = BlockingIOError


def open_code(path):
    """Open path for reading as bytes (what the import system uses)."""
    if not isinstance(path, str):
        raise TypeError("open_code() argument 'path' must be str, not %s"
                        % type(path).__name__)
    return open(path, 'rb')


def text_encoding(encoding, stacklevel=2):
    """The encoding to use: encoding itself, or "locale" for None."""
    if encoding is None:
        return "locale"
    return encoding


class UnsupportedOperation(OSError, ValueError):
    pass


UnsupportedOperation.__module__ = 'io'

_CLOSED_MSG = "I/O operation on closed file."


def _size_arg(size):
    """A read/readline/truncate size argument: an index or None (-1)."""
    if size is None:
        return -1
    if type(size) is int:
        return size
    index = getattr(type(size), '__index__', None)
    if index is None:
        raise TypeError("argument should be integer or None, not '%s'"
                        % type(size).__name__)
    return index(size)


def _index(value):
    """operator.index() with its message."""
    if type(value) is int:
        return value
    return range(value).stop


def _no_args(name, args):
    raise TypeError("_IOBase.%s() takes no arguments (%d given)" % (name, len(args)))


# --- the concrete base classes (CPython's _io._IOBase family) ----------------

class _IOBase:
    """The base class of all I/O classes: closing, context management,
    iteration over lines and the default (unsupported) operations."""

    def seek(self, *args):
        raise UnsupportedOperation("seek")

    def tell(self):
        return self.seek(0, 1)

    def truncate(self, *args):
        raise UnsupportedOperation("truncate")

    def flush(self):
        if '__IOBase_closed' in self.__dict__:
            raise ValueError(_CLOSED_MSG)

    def close(self):
        d = self.__dict__
        if '__IOBase_closed' in d:
            return
        try:
            self.flush()
        finally:
            d['__IOBase_closed'] = True

    @property
    def closed(self):
        return '__IOBase_closed' in self.__dict__

    def seekable(self):
        return False

    def readable(self):
        return False

    def writable(self):
        return False

    def _checkClosed(self, *args):
        if args:
            _no_args('_checkClosed', args)
        if self.closed:
            raise ValueError(_CLOSED_MSG)

    def _checkSeekable(self, *args):
        if args:
            _no_args('_checkSeekable', args)
        if self.seekable() is not True:
            raise UnsupportedOperation("File or stream is not seekable.")

    def _checkReadable(self, *args):
        if args:
            _no_args('_checkReadable', args)
        if self.readable() is not True:
            raise UnsupportedOperation("File or stream is not readable.")

    def _checkWritable(self, *args):
        if args:
            _no_args('_checkWritable', args)
        if self.writable() is not True:
            raise UnsupportedOperation("File or stream is not writable.")

    def __enter__(self):
        if self.closed:
            raise ValueError(_CLOSED_MSG)
        return self

    def __exit__(self, *args):
        return self.close()

    def fileno(self):
        raise UnsupportedOperation("fileno")

    def isatty(self):
        if self.closed:
            raise ValueError(_CLOSED_MSG)
        return False

    def readline(self, size=-1):
        limit = _size_arg(size)
        peek = getattr(self, 'peek', None)
        res = bytearray()
        while limit < 0 or len(res) < limit:
            nread = 1
            if peek is not None:
                ahead = peek(1)
                if not isinstance(ahead, bytes):
                    raise OSError("peek() should have returned a bytes object, "
                                  "not '%s'" % type(ahead).__name__)
                if ahead:
                    n = ahead.find(b'\n') + 1 or len(ahead)
                    nread = n if limit < 0 else min(n, limit - len(res))
            b = self.read(nread)
            if not isinstance(b, bytes):
                raise OSError("read() should have returned a bytes object, "
                              "not '%s'" % type(b).__name__)
            if not b:
                break
            res += b
            if res.endswith(b'\n'):
                break
        return bytes(res)

    def __iter__(self):
        if self.closed:
            raise ValueError(_CLOSED_MSG)
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def readlines(self, hint=None):
        hint = _size_arg(hint)
        if hint <= 0:
            return list(self)
        lines = []
        total = 0
        for line in self:
            lines.append(line)
            total += len(line)
            if total > hint:
                break
        return lines

    def writelines(self, lines):
        if self.closed:
            raise ValueError(_CLOSED_MSG)
        write = self.write
        for line in lines:
            write(line)


class _RawIOBase(_IOBase):
    """Base class for raw binary I/O."""

    def read(self, size=-1):
        size = _size_arg(size)
        if size < 0:
            return self.readall()
        b = bytearray(size)
        n = self.readinto(b)
        if n is None:
            return None
        del b[n:]
        return bytes(b)

    def readall(self):
        chunks = bytearray()
        while True:
            data = self.read(DEFAULT_BUFFER_SIZE)
            if data is None:
                return None if not chunks else bytes(chunks)
            if not data:
                break
            chunks += data
        return bytes(chunks)

    def readinto(self, *args):
        raise NotImplementedError

    def write(self, *args):
        raise NotImplementedError


def _buffered_readinto(name, args, read):
    if len(args) != 1:
        raise TypeError("_BufferedIOBase.%s() takes exactly one argument (%d given)"
                        % (name, len(args)))
    b = args[0]
    if not isinstance(b, bytearray):
        raise TypeError("%s() argument must be read-write bytes-like "
                        "object, not %s" % (name, type(b).__name__))
    data = read(len(b))
    n = len(data)
    b[:n] = data
    return n


class _BufferedIOBase(_IOBase):
    """Base class for buffered binary I/O."""

    def read(self, *args):
        raise UnsupportedOperation("read")

    def read1(self, *args):
        raise UnsupportedOperation("read1")

    def write(self, *args):
        raise UnsupportedOperation("write")

    def detach(self):
        raise UnsupportedOperation("detach")

    def readinto(self, *args):
        return _buffered_readinto('readinto', args, self.read)

    def readinto1(self, *args):
        return _buffered_readinto('readinto1', args, self.read1)


class _TextIOBase(_IOBase):
    """Base class for text I/O."""

    def read(self, *args):
        raise UnsupportedOperation("read")

    def readline(self, *args):
        raise UnsupportedOperation("readline")

    def write(self, *args):
        raise UnsupportedOperation("write")

    def detach(self):
        raise UnsupportedOperation("detach")

    @property
    def encoding(self):
        return None

    @property
    def newlines(self):
        return None

    @property
    def errors(self):
        return None


for _cls in (_IOBase, _RawIOBase, _BufferedIOBase, _TextIOBase):
    _cls.__module__ = '_io'


# --- the public ABCs ----------------------------------------------------------

class IOBase(_IOBase, metaclass=ABCMeta):
    """The abstract base class for all I/O classes."""

    def __del__(self):
        # What CPython's finalizer does: close an open stream, silently.
        try:
            closed = self.closed
        except Exception:
            return
        if not closed:
            try:
                self._finalizing = True
            except Exception:
                pass
            try:
                self.close()
            except Exception:
                pass


class RawIOBase(_RawIOBase, IOBase):
    """Base class for raw binary I/O."""


class BufferedIOBase(_BufferedIOBase, IOBase):
    """Base class for buffered binary I/O."""


class TextIOBase(_TextIOBase, IOBase):
    """Base class for text I/O."""


# --- newline decoding ---------------------------------------------------------

_NEWLINES = (None, "\n", "\r", ("\r", "\n"), "\r\n", ("\n", "\r\n"),
             ("\r", "\r\n"), ("\r", "\n", "\r\n"))


def _seen_newlines(s):
    """The newline kinds in s as bits: 1 LF, 2 CR, 4 CRLF."""
    if '\r' not in s:
        return 1 if '\n' in s else 0
    crlf = s.count('\r\n')
    bits = 4 if crlf else 0
    if s.count('\r') > crlf:
        bits |= 2
    if s.count('\n') > crlf:
        bits |= 1
    return bits


class IncrementalNewlineDecoder:
    """Codec used in universal newline mode: wraps a decoder (or None for
    str input) and translates \\r\\n and \\r to \\n if translate is true,
    recording the kinds of newlines seen."""

    def __init__(self, decoder, translate, errors='strict'):
        self.decoder = decoder
        self.translate = translate
        self.errors = errors
        self._seennl = 0
        self._pendingcr = False

    def decode(self, input, final=False):
        if self.decoder is None:
            output = input
            if not isinstance(output, str):
                raise TypeError("decoder should return a string result, not '%s'"
                                % type(output).__name__)
        else:
            output = self.decoder.decode(input, final=final)
        if self._pendingcr and (output or final):
            output = '\r' + output
            self._pendingcr = False
        if output.endswith('\r') and not final:
            output = output[:-1]
            self._pendingcr = True
        self._seennl |= _seen_newlines(output)
        if self.translate and '\r' in output:
            output = output.replace('\r\n', '\n').replace('\r', '\n')
        return output

    def getstate(self):
        if self.decoder is None:
            buf, flag = b"", 0
        else:
            buf, flag = self.decoder.getstate()
        flag <<= 1
        if self._pendingcr:
            flag |= 1
        return buf, flag

    def setstate(self, state):
        buf, flag = state
        self._pendingcr = bool(flag & 1)
        if self.decoder is not None:
            self.decoder.setstate((buf, flag >> 1))

    def reset(self):
        self._seennl = 0
        self._pendingcr = False
        if self.decoder is not None:
            self.decoder.reset()

    @property
    def newlines(self):
        return _NEWLINES[self._seennl]


# --- StringIO -----------------------------------------------------------------

class StringIO(_TextIOBase):
    """Text I/O implementation using an in-memory buffer.

The initial_value argument sets the value of object.  The newline
argument is like the one of TextIOWrapper's constructor."""

    # The text is the concatenation of _chunks: a write at the end only
    # appends a chunk, and whatever needs the whole text joins them first.
    # _atend is true while the stream is open, needs no newline translation
    # and is positioned at its end: then _pos is not kept up to date (the
    # position is _len), which is what makes write() cheap.

    def __init__(self, initial_value='', newline='\n'):
        if newline is not None and not isinstance(newline, str):
            raise TypeError("newline must be str or None, not %s"
                            % type(newline).__name__)
        if newline not in (None, '', '\n', '\r', '\r\n'):
            raise ValueError("illegal newline value: %r" % (newline,))
        if initial_value is not None and not isinstance(initial_value, str):
            raise TypeError("initial_value must be str or None, not %s"
                            % type(initial_value).__name__)
        self._closed = False
        self._chunks = []
        self._pos = 0
        self._len = 0
        # _univ: lines end at any of \r, \n, \r\n (newline None or ''),
        # and the kinds of newlines written are recorded in _seennl;
        # _wnl: what '\n' becomes when written (newline '\r' or '\r\n').
        self._newline = newline
        self._univ = newline is None or newline == ''
        self._seennl = 0
        self._wnl = newline if newline in ('\r', '\r\n') else None
        self._plain = not self._univ and self._wnl is None
        self._atend = self._plain
        # _nl: the line ending readline() looks for (None: any of them).
        self._nl = None if newline == '' else (self._wnl or '\n')
        if initial_value:
            self.write(initial_value)
            self._pos = 0
            self._atend = False

    def __getattr__(self, name):
        raise AttributeError("'%s' object has no attribute '%s'" % (
            '_io.StringIO' if type(self) is StringIO else type(self).__name__, name))

    def _text(self):
        chunks = self._chunks
        if len(chunks) == 1:
            return chunks[0]
        if not chunks:
            return ''
        text = ''.join(chunks)
        self._chunks = [text]
        return text

    def _check(self):
        """Raise if closed; make _pos valid."""
        if self._closed:
            raise ValueError("I/O operation on closed file")
        if self._atend:
            self._pos = self._len

    def _moved(self, pos):
        self._pos = pos
        self._atend = self._plain and pos == self._len

    def write(self, s):
        if self._atend and s.__class__ is str:
            self._chunks.append(s)
            n = len(s)
            self._len += n
            return n
        self._check()
        if not isinstance(s, str):
            raise TypeError("string argument expected, got '%s'" % type(s).__name__)
        n = len(s)
        if not n:
            return 0
        if not self._plain:
            if self._univ:
                self._seennl |= _seen_newlines(s)
                if self._newline is None and '\r' in s:
                    s = s.replace('\r\n', '\n').replace('\r', '\n')
            elif '\n' in s:
                s = s.replace('\n', self._wnl)
        pos = self._pos
        size = len(s)
        if pos == self._len:
            self._chunks.append(s)
            self._len = pos + size
        else:
            text = self._text()
            if pos > self._len:
                text = text + '\0' * (pos - self._len) + s
            else:
                text = text[:pos] + s + text[pos + size:]
            self._chunks = [text]
            self._len = len(text)
        self._moved(pos + size)
        return n

    def getvalue(self):
        if self._closed:
            raise ValueError("I/O operation on closed file")
        return self._text()

    def read(self, size=-1):
        size = _size_arg(size)
        self._check()
        pos = self._pos
        n = self._len
        if pos >= n:
            return ''
        text = self._text()
        end = n if size < 0 or pos + size > n else pos + size
        self._moved(end)
        return text[pos:end] if pos or end != n else text

    def _readline(self, limit):
        pos = self._pos
        n = self._len
        if pos >= n:
            return ''
        text = self._text()
        end = n if limit < 0 or pos + limit > n else pos + limit
        nl = self._nl
        if nl is None:
            i = text.find('\n', pos, end)
            j = text.find('\r', pos, end)
            if j >= 0 and (i < 0 or j < i):
                i = j + 2 if j + 1 < end and text[j + 1] == '\n' else j + 1
            elif i >= 0:
                i += 1
            else:
                i = end
        else:
            i = text.find(nl, pos, end)
            i = end if i < 0 else i + len(nl)
        self._moved(i)
        return text[pos:i]

    def readline(self, size=-1):
        size = _size_arg(size)
        self._check()
        return self._readline(size)

    def __next__(self):
        if self.__class__ is StringIO:
            nl = self._nl
            if nl is not None and not self._closed:
                # The common case, inline: the next line of a plain stream.
                n = self._len
                pos = n if self._atend else self._pos
                if pos >= n:
                    raise StopIteration
                chunks = self._chunks
                text = chunks[0] if len(chunks) == 1 else self._text()
                i = text.find(nl, pos)
                i = n if i < 0 else i + len(nl)
                self._pos = i
                self._atend = self._plain and i == n
                return text[pos:i]
            self._check()
            line = self._readline(-1)
        else:
            if self._closed:
                raise ValueError("I/O operation on closed file")
            line = self.readline()
            if not isinstance(line, str):
                raise OSError("readline() should have returned a str object, "
                              "not '%s'" % type(line).__name__)
        if not line:
            raise StopIteration
        return line

    def readlines(self, hint=None):
        if type(self) is not StringIO:
            return _IOBase.readlines(self, hint)
        hint = _size_arg(hint)
        if self._closed:
            raise ValueError(_CLOSED_MSG)
        self._check()
        lines = []
        total = 0
        readline = self._readline
        while True:
            line = readline(-1)
            if not line:
                break
            lines.append(line)
            total += len(line)
            if 0 < hint < total:
                break
        return lines

    def tell(self):
        self._check()
        return self._pos

    def seek(self, pos, whence=0):
        pos = _index(pos)
        whence = _index(whence)
        self._check()
        if whence != 0 and whence != 1 and whence != 2:
            raise ValueError("Invalid whence (%d, should be 0, 1 or 2)" % whence)
        if pos < 0 and whence == 0:
            raise ValueError("Negative seek position %d" % pos)
        if whence != 0 and pos != 0:
            raise OSError("Can't do nonzero cur-relative seeks")
        if whence == 1:
            pos = self._pos
        elif whence == 2:
            pos = self._len
        self._moved(pos)
        return pos

    def truncate(self, pos=None):
        size = _size_arg(pos)
        self._check()
        if pos is None:
            size = self._pos
        if size < 0:
            raise ValueError("Negative size value %d" % size)
        if size < self._len:
            self._chunks = [self._text()[:size]]
            self._len = size
        self._moved(self._pos)
        return size

    def readable(self):
        if self._closed:
            raise ValueError("I/O operation on closed file")
        return True

    def writable(self):
        if self._closed:
            raise ValueError("I/O operation on closed file")
        return True

    def seekable(self):
        if self._closed:
            raise ValueError("I/O operation on closed file")
        return True

    def close(self):
        self._closed = True
        self._atend = False
        self._chunks = []

    @property
    def closed(self):
        return self._closed

    @property
    def line_buffering(self):
        if self._closed:
            raise ValueError("I/O operation on closed file")
        return False

    @property
    def newlines(self):
        if self._closed:
            raise ValueError("I/O operation on closed file")
        if not self._univ:
            return None
        return _NEWLINES[self._seennl]

    def __getstate__(self):
        self._check()
        d = dict(self.__dict__)
        for k in _STRINGIO_STATE:
            d.pop(k, None)
        return (self._text(), self._newline, self._pos, d or None)

    def __setstate__(self, state):
        value, newline, pos, d = state
        self.__init__(None, newline)
        self._chunks = [value] if value else []
        self._len = len(value)
        self._moved(pos)
        if d:
            self.__dict__.update(d)


_STRINGIO_STATE = ('_closed', '_chunks', '_pos', '_len', '_newline', '_univ',
                   '_seennl', '_wnl', '_plain', '_atend', '_nl')


# --- BytesIO ------------------------------------------------------------------

def _bytes_like(b):
    if isinstance(b, (bytes, bytearray)):
        return b
    raise TypeError("a bytes-like object is required, not '%s'" % type(b).__name__)


class BytesIO(_BufferedIOBase):
    """Buffered I/O implementation using an in-memory bytes buffer."""

    def __init__(self, initial_bytes=None):
        self._closed = False
        self._buf = bytearray(_bytes_like(initial_bytes)) if initial_bytes is not None else bytearray()
        self._pos = 0

    def __getattr__(self, name):
        raise AttributeError("'%s' object has no attribute '%s'" % (
            '_io.BytesIO' if type(self) is BytesIO else type(self).__name__, name))

    def getvalue(self):
        if self._closed:
            raise ValueError(_CLOSED_MSG)
        return bytes(self._buf)

    def getbuffer(self):
        if self._closed:
            raise ValueError(_CLOSED_MSG)
        raise NotImplementedError("BytesIO.getbuffer() needs memoryview, "
                                  "which pyvm does not have")

    def write(self, b):
        if self._closed:
            raise ValueError(_CLOSED_MSG)
        b = _bytes_like(b)
        n = len(b)
        if not n:
            return 0
        buf = self._buf
        pos = self._pos
        size = len(buf)
        if pos == size:
            buf += b
        elif pos > size:
            buf += bytes(pos - size)
            buf += b
        else:
            buf[pos:pos + n] = b
        self._pos = pos + n
        return n

    def read(self, size=-1):
        size = _size_arg(size)
        if self._closed:
            raise ValueError(_CLOSED_MSG)
        pos = self._pos
        buf = self._buf
        n = len(buf)
        if pos >= n:
            return b''
        if size < 0 or pos + size > n:
            end = n
        else:
            end = pos + size
        self._pos = end
        return bytes(buf[pos:end])

    def read1(self, size=-1):
        return self.read(size)

    def readinto(self, b):
        if self._closed:
            raise ValueError(_CLOSED_MSG)
        if not isinstance(b, bytearray):
            raise TypeError("readinto() argument must be read-write bytes-like "
                            "object, not %s" % type(b).__name__)
        pos = self._pos
        data = self._buf[pos:pos + len(b)]
        n = len(data)
        b[:n] = data
        self._pos = pos + n
        return n

    readinto1 = readinto

    def _readline(self, limit):
        buf = self._buf
        pos = self._pos
        n = len(buf)
        if pos >= n:
            return b''
        end = n if limit < 0 or pos + limit > n else pos + limit
        i = buf.find(b'\n', pos, end)
        i = end if i < 0 else i + 1
        self._pos = i
        return bytes(buf[pos:i])

    def readline(self, size=-1):
        size = _size_arg(size)
        if self._closed:
            raise ValueError(_CLOSED_MSG)
        return self._readline(size)

    def readlines(self, size=None):
        size = _size_arg(size)
        if self._closed:
            raise ValueError(_CLOSED_MSG)
        lines = []
        total = 0
        while True:
            line = self._readline(-1)
            if not line:
                break
            lines.append(line)
            total += len(line)
            if 0 < size <= total:
                break
        return lines

    def __iter__(self):
        return self

    def __next__(self):
        if self._closed:
            raise ValueError(_CLOSED_MSG)
        line = self._readline(-1)
        if not line:
            raise StopIteration
        return line

    def tell(self):
        if self._closed:
            raise ValueError(_CLOSED_MSG)
        return self._pos

    def seek(self, pos, whence=0):
        pos = _index(pos)
        whence = _index(whence)
        if self._closed:
            raise ValueError(_CLOSED_MSG)
        if pos < 0 and whence == 0:
            raise ValueError("negative seek value %d" % pos)
        if whence == 1:
            pos += self._pos
        elif whence == 2:
            pos += len(self._buf)
        elif whence != 0:
            raise ValueError("invalid whence (%d, should be 0, 1 or 2)" % whence)
        if pos < 0:
            pos = 0
        self._pos = pos
        return pos

    def truncate(self, size=None):
        given = size
        size = _size_arg(size)
        if self._closed:
            raise ValueError(_CLOSED_MSG)
        if given is None:
            size = self._pos
        if size < 0:
            raise ValueError("negative size value %d" % size)
        if size < len(self._buf):
            del self._buf[size:]
        return size

    def readable(self):
        if self._closed:
            raise ValueError(_CLOSED_MSG)
        return True

    def writable(self):
        if self._closed:
            raise ValueError(_CLOSED_MSG)
        return True

    def seekable(self):
        if self._closed:
            raise ValueError(_CLOSED_MSG)
        return True

    def flush(self):
        if self._closed:
            raise ValueError(_CLOSED_MSG)

    def close(self):
        self._closed = True
        self._buf = bytearray()

    @property
    def closed(self):
        return self._closed

    def __getstate__(self):
        if self._closed:
            raise ValueError(_CLOSED_MSG)
        d = dict(self.__dict__)
        for k in ('_closed', '_buf', '_pos'):
            d.pop(k, None)
        return (bytes(self._buf), self._pos, d or None)

    def __setstate__(self, state):
        value, pos, d = state
        self.__init__(value)
        self._pos = pos
        if d:
            self.__dict__.update(d)


StringIO.__module__ = BytesIO.__module__ = '_io'
TextIOBase.register(StringIO)
BufferedIOBase.register(BytesIO)
if TextIOWrapper is not StringIO:
    TextIOBase.register(TextIOWrapper)


# --- file classes pyvm does not have --------------------------------------------

def _missing(name):
    def __init__(self, *args, **kwargs):
        raise NotImplementedError("io.%s is not available in pyvm; use open()" % name)
    return __init__


class FileIO(_RawIOBase):
    __init__ = _missing('FileIO')


class BufferedReader(_BufferedIOBase):
    __init__ = _missing('BufferedReader')


class BufferedWriter(_BufferedIOBase):
    __init__ = _missing('BufferedWriter')


class BufferedRandom(_BufferedIOBase):
    __init__ = _missing('BufferedRandom')


class BufferedRWPair(_BufferedIOBase):
    __init__ = _missing('BufferedRWPair')


for _cls in (FileIO, BufferedReader, BufferedWriter, BufferedRandom, BufferedRWPair):
    _cls.__module__ = '_io'
RawIOBase.register(FileIO)
for _cls in (BufferedReader, BufferedWriter, BufferedRandom, BufferedRWPair):
    BufferedIOBase.register(_cls)
del _cls
