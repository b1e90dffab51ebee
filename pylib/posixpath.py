"""posixpath: path manipulation for POSIX paths (what os.path is on pyvm).

Pure string operations (join, split, normpath, relpath...) follow CPython
3.10's results exactly; the queries (exists, isdir, getsize...) go through
posix.stat. Paths are str; bytes paths are not supported.
"""

import posix as _posix

__all__ = ['normcase', 'isabs', 'join', 'splitdrive', 'split', 'splitext',
           'basename', 'dirname', 'commonprefix', 'getsize', 'getmtime',
           'getatime', 'getctime', 'islink', 'exists', 'lexists', 'isdir',
           'isfile', 'ismount', 'expanduser', 'expandvars', 'normpath',
           'abspath', 'samefile', 'sameopenfile', 'samestat', 'curdir',
           'pardir', 'sep', 'pathsep', 'defpath', 'altsep', 'extsep',
           'devnull', 'realpath', 'supports_unicode_filenames', 'relpath',
           'commonpath']

curdir = '.'
pardir = '..'
extsep = '.'
sep = '/'
pathsep = ':'
defpath = '/bin:/usr/bin'
altsep = None
devnull = '/dev/null'
supports_unicode_filenames = False

_S_IFMT = 0o170000
_S_IFDIR = 0o040000
_S_IFREG = 0o100000
_S_IFLNK = 0o120000


def _fspath(p):
    if isinstance(p, str):
        return p
    if isinstance(p, (bytes, bytearray)):
        raise NotImplementedError('bytes paths are not supported by pyvm')
    f = getattr(type(p), '__fspath__', None)
    if f is None:
        raise TypeError('expected str, bytes or os.PathLike object, not '
                        + type(p).__name__)
    r = f(p)
    if not isinstance(r, str):
        raise TypeError('expected {}.__fspath__() to return str or bytes, not {}'
                        .format(type(p).__name__, type(r).__name__))
    return r


def normcase(s):
    return _fspath(s)


def isabs(s):
    return _fspath(s).startswith(sep)


def join(a, *p):
    a = _fspath(a)
    path = a
    for b in p:
        if not isinstance(b, str):
            if isinstance(b, (bytes, bytearray)) or not hasattr(type(b), '__fspath__'):
                raise TypeError("join() argument must be str, bytes, or os.PathLike "
                                "object, not '{}'".format(type(b).__name__))
            b = _fspath(b)
        if b.startswith(sep):
            path = b
        elif not path or path.endswith(sep):
            path += b
        else:
            path += sep + b
    return path


def split(p):
    p = _fspath(p)
    i = p.rfind(sep) + 1
    head, tail = p[:i], p[i:]
    if head and head != sep * len(head):
        head = head.rstrip(sep)
    return head, tail


def splitext(p):
    p = _fspath(p)
    sep_index = p.rfind(sep)
    dot_index = p.rfind(extsep)
    if dot_index > sep_index:
        # Leading dots of the file name do not start an extension.
        filename_index = sep_index + 1
        while filename_index < dot_index:
            if p[filename_index] != extsep:
                return p[:dot_index], p[dot_index:]
            filename_index += 1
    return p, p[:0]


def splitdrive(p):
    p = _fspath(p)
    return p[:0], p


def basename(p):
    p = _fspath(p)
    return p[p.rfind(sep) + 1:]


def dirname(p):
    p = _fspath(p)
    i = p.rfind(sep) + 1
    head = p[:i]
    if head and head != sep * len(head):
        head = head.rstrip(sep)
    return head


def commonprefix(m):
    if not m:
        return ''
    if not isinstance(m[0], (list, tuple)):
        m = tuple(map(_fspath, m))
    s1 = min(m)
    s2 = max(m)
    for i, c in enumerate(s1):
        if c != s2[i]:
            return s1[:i]
    return s1


def _stat(path):
    try:
        return _posix.stat(path)
    except (OSError, ValueError):
        return None


def exists(path):
    return _stat(path) is not None


def lexists(path):
    try:
        _posix.lstat(path)
    except (OSError, ValueError):
        return False
    return True


def isdir(s):
    st = _stat(s)
    return st is not None and st.st_mode & _S_IFMT == _S_IFDIR


def isfile(path):
    st = _stat(path)
    return st is not None and st.st_mode & _S_IFMT == _S_IFREG


def islink(path):
    try:
        st = _posix.lstat(path)
    except (OSError, ValueError, AttributeError):
        return False
    return st.st_mode & _S_IFMT == _S_IFLNK


def ismount(path):
    try:
        s1 = _posix.lstat(path)
    except (OSError, ValueError):
        return False
    if s1.st_mode & _S_IFMT == _S_IFLNK:
        return False
    parent = realpath(join(_fspath(path), pardir))
    try:
        s2 = _posix.lstat(parent)
    except (OSError, ValueError):
        return False
    return s1.st_dev != s2.st_dev or s1.st_ino == s2.st_ino


def getsize(filename):
    return _posix.stat(filename).st_size


def getmtime(filename):
    return _posix.stat(filename).st_mtime


def getatime(filename):
    return _posix.stat(filename).st_atime


def getctime(filename):
    return _posix.stat(filename).st_ctime


def samestat(s1, s2):
    return s1.st_ino == s2.st_ino and s1.st_dev == s2.st_dev


def samefile(f1, f2):
    return samestat(_posix.stat(f1), _posix.stat(f2))


def sameopenfile(fp1, fp2):
    raise NotImplementedError('os.path.sameopenfile is not supported by pyvm')


def expanduser(path):
    path = _fspath(path)
    if not path.startswith('~'):
        return path
    i = path.find(sep, 1)
    if i < 0:
        i = len(path)
    if i == 1:
        import os
        userhome = os.environ.get('HOME')
        if userhome is None:
            return path
    else:
        # Other users' homes need the password database.
        return path
    userhome = userhome.rstrip(sep)
    return (userhome + path[i:]) or sep


def expandvars(path):
    path = _fspath(path)
    if '$' not in path:
        return path
    import os
    environ = os.environ
    out = []
    i, n = 0, len(path)
    while i < n:
        c = path[i]
        if c != '$':
            out.append(c)
            i += 1
            continue
        if i + 1 < n and path[i + 1] == '{':
            end = path.find('}', i + 2)
            name = path[i + 2:end] if end >= 0 else ''
            ok = end >= 0 and name and all(ch.isalnum() or ch in '_-' for ch in name)
            if ok and name.isascii():
                value = environ.get(name)
                out.append(path[i:end + 1] if value is None else value)
                i = end + 1
                continue
            out.append(c)
            i += 1
            continue
        j = i + 1
        while j < n and path[j].isascii() and (path[j].isalnum() or path[j] in '_-'):
            j += 1
        name = path[i + 1:j]
        if not name:
            out.append(c)
            i += 1
            continue
        value = environ.get(name)
        out.append(path[i:j] if value is None else value)
        i = j
    return ''.join(out)


def normpath(path):
    path = _fspath(path)
    if path == '':
        return curdir
    initial_slashes = 1 if path.startswith(sep) else 0
    # POSIX allows exactly two leading slashes to mean something special.
    if initial_slashes and path.startswith(sep * 2) and not path.startswith(sep * 3):
        initial_slashes = 2
    new_comps = []
    for comp in path.split(sep):
        if comp in ('', curdir):
            continue
        if (comp != pardir or (not initial_slashes and not new_comps)
                or (new_comps and new_comps[-1] == pardir)):
            new_comps.append(comp)
        elif new_comps:
            new_comps.pop()
    path = sep * initial_slashes + sep.join(new_comps)
    return path or curdir


def abspath(path):
    path = _fspath(path)
    if not isabs(path):
        path = join(_posix.getcwd(), path)
    return normpath(path)


def realpath(filename):
    filename = _fspath(filename)
    path, ok = _joinrealpath(filename[:0], filename, {})
    return abspath(path)


def _joinrealpath(path, rest, seen):
    if isabs(rest):
        rest = rest[1:]
        path = sep
    while rest:
        name, _, rest = rest.partition(sep)
        if not name or name == curdir:
            continue
        if name == pardir:
            if path:
                path, name = split(path)
                if name == pardir:
                    path = join(path, pardir, pardir)
            else:
                path = pardir
            continue
        newpath = join(path, name)
        if not islink(newpath):
            path = newpath
            continue
        if newpath in seen:
            path = seen[newpath]
            if path is not None:
                continue
            return join(newpath, rest), False
        seen[newpath] = None
        path, ok = _joinrealpath(path, _posix.readlink(newpath), seen)
        if not ok:
            return join(path, rest), False
        seen[newpath] = path
    return path, True


def relpath(path, start=None):
    if not path:
        raise ValueError('no path specified')
    path = _fspath(path)
    start = curdir if start is None else _fspath(start)
    start_list = [x for x in abspath(start).split(sep) if x]
    path_list = [x for x in abspath(path).split(sep) if x]
    i = len(commonprefix([start_list, path_list]))
    rel_list = [pardir] * (len(start_list) - i) + path_list[i:]
    if not rel_list:
        return curdir
    return join(*rel_list)


def commonpath(paths):
    if not paths:
        raise ValueError('commonpath() arg is an empty sequence')
    paths = tuple(map(_fspath, paths))
    split_paths = [path.split(sep) for path in paths]
    try:
        isabs_set, = set(p[:1] == sep for p in paths)
    except ValueError:
        raise ValueError("Can't mix absolute and relative paths") from None
    split_paths = [[c for c in s if c and c != curdir] for s in split_paths]
    s1 = min(split_paths)
    s2 = max(split_paths)
    common = s1
    for i, c in enumerate(s1):
        if c != s2[i]:
            common = s1[:i]
            break
    prefix = sep if isabs_set else sep[:0]
    return prefix + sep.join(common)
