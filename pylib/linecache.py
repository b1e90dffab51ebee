"""Cache of the lines of source files (pyvm's linecache module).

getline, getlines, clearcache, checkcache, updatecache and lazycache over
plain file reading, with CPython 3.10's behaviour: relative names are also
looked up along sys.path, `<...>` names are never read, a missing last
newline is added, lines come from a module's __loader__.get_source() when
the file cannot be found, and checkcache drops entries whose file changed
(size or modification time, through os.stat).

Source files are decoded as UTF-8 (a BOM is skipped) or as Latin-1 when a
coding cookie asks for it; other encodings are not supported (such files
give no lines).
"""

import sys

try:
    import os as _os
except ImportError:        # no os module: no stat, files are only re-read
    _os = None

__all__ = ["getline", "clearcache", "checkcache", "lazycache"]

# filename -> (size, mtime, lines, fullname), or (get_lines,) for a lazy
# entry whose lines a loader can provide.
cache = {}


def clearcache():
    """Clear the cache entirely."""
    cache.clear()


def getline(filename, lineno, module_globals=None):
    """Get a line for a Python source file from the cache.
    Update the cache if it doesn't contain an entry for this file already."""
    lines = getlines(filename, module_globals)
    if 1 <= lineno <= len(lines):
        return lines[lineno - 1]
    return ''


def getlines(filename, module_globals=None):
    """Get the lines for a Python source file from the cache.
    Update the cache if it doesn't contain an entry for this file already."""
    entry = cache.get(filename)
    if entry is not None and len(entry) != 1:
        return entry[2]
    try:
        return updatecache(filename, module_globals)
    except MemoryError:
        clearcache()
        return []


def _stat(path):
    """(size, mtime) of path; raises OSError if it cannot be stat'ed."""
    if _os is not None:
        st = _os.stat(path)
        return st.st_size, st.st_mtime
    with open(path, 'rb') as f:
        data = f.read()
    return len(data), hash(data)


def checkcache(filename=None):
    """Discard cache entries that are out of date.
    (This is not checked upon each call!)"""
    if filename is None:
        filenames = list(cache)
    elif filename in cache:
        filenames = [filename]
    else:
        return
    for filename in filenames:
        entry = cache[filename]
        if len(entry) == 1:
            continue            # lazy entry, nothing read yet
        size, mtime, lines, fullname = entry
        if mtime is None:
            continue            # registered by hand: never invalidated
        try:
            current = _stat(fullname)
        except (OSError, ValueError):
            cache.pop(filename, None)
            continue
        if current != (size, mtime):
            cache.pop(filename, None)


def _cookie(line):
    """The encoding named by a coding cookie in a line (bytes), or None."""
    s = line.lstrip(b' \t\f')
    if not s.startswith(b'#'):
        return None
    i = s.find(b'coding')
    while i >= 0:
        if s[i + 6:i + 7] in (b':', b'='):
            rest = s[i + 7:].lstrip(b' \t')
            j = 0
            while j < len(rest) and (rest[j:j + 1].isalnum() or rest[j:j + 1] in b'-_.'):
                j += 1
            if j:
                return rest[:j].decode('ascii')
        i = s.find(b'coding', i + 1)
    return None


def _decode(data):
    """The text of a source file as tokenize.open() reads it (BOM, coding
    cookie in the first two lines), or None if it cannot be decoded."""
    bom = data.startswith(b'\xef\xbb\xbf')
    if bom:
        data = data[3:]
    lines = data.split(b'\n', 2)
    name = _cookie(lines[0])
    if name is None and len(lines) > 1:
        first = lines[0].lstrip(b' \t\f')
        if not first or first[:1] in (b'#', b'\r'):
            name = _cookie(lines[1])
    encoding = 'utf-8'
    if name is not None:
        enc = name[:12].lower().replace('_', '-')
        if enc == 'utf-8' or enc.startswith('utf-8-'):
            encoding = 'utf-8'
        elif enc in ('latin-1', 'iso-8859-1', 'iso-latin-1') or \
                enc.startswith(('latin-1-', 'iso-8859-1-', 'iso-latin-1-')):
            encoding = 'latin-1'
        elif bom:
            return None
        else:
            encoding = name
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _split(text):
    """readlines() of text read with universal newlines."""
    if '\r' in text:
        text = text.replace('\r\n', '\n').replace('\r', '\n')
    lines = text.split('\n')
    last = lines.pop()
    lines = [line + '\n' for line in lines]
    if last:
        lines.append(last + '\n')
    return lines


def updatecache(filename, module_globals=None):
    """Update a cache entry and return its list of lines.
    If something's wrong, print a message, discard the cache entry,
    and return an empty list."""
    entry = cache.get(filename)
    if entry is not None and len(entry) != 1:
        del cache[filename]
    if not filename or (filename.startswith('<') and filename.endswith('>')):
        return []

    fullname = filename
    try:
        stat = _stat(fullname)
    except (OSError, ValueError, TypeError):
        basename = filename
        # A module whose loader can give its source.
        if lazycache(filename, module_globals):
            try:
                data = cache[filename][0]()
            except (ImportError, OSError):
                pass
            else:
                if data is None:
                    return []
                cache[filename] = (len(data), None,
                                   [line + '\n' for line in data.splitlines()],
                                   fullname)
                return cache[filename][2]
        # A relative name: try it against each sys.path entry.
        if filename.startswith('/'):
            return []
        for dirname in sys.path:
            if not isinstance(dirname, str):
                continue
            if not dirname:
                fullname = basename
            elif dirname.endswith('/'):
                fullname = dirname + basename
            else:
                fullname = dirname + '/' + basename
            try:
                stat = _stat(fullname)
                break
            except (OSError, ValueError):
                pass
        else:
            return []
    try:
        with open(fullname, 'rb') as f:
            data = f.read()
    except (OSError, ValueError):
        return []
    text = _decode(data)
    if text is None:
        return []
    lines = _split(text)
    size, mtime = stat
    cache[filename] = size, mtime, lines, fullname
    return lines


def lazycache(filename, module_globals):
    """Seed the cache for filename with module_globals.

    The module loader will be asked for the source only when getlines is
    called, not immediately.

    If there is an entry in the cache already, it is not altered.

    :return: True if a lazy load is registered in the cache,
        otherwise False. To register such a load a module loader with a
        get_source method must be found, the filename must be a cacheable
        filename, and the filename must not be already cached.
    """
    if filename in cache:
        return len(cache[filename]) == 1
    if not filename or (filename.startswith('<') and filename.endswith('>')):
        return False
    if module_globals and '__loader__' in module_globals:
        name = module_globals.get('__name__')
        loader = module_globals['__loader__']
        get_source = getattr(loader, 'get_source', None)
        if name and get_source:
            def get_lines(get_source=get_source, name=name):
                return get_source(name)
            cache[filename] = (get_lines,)
            return True
    return False
