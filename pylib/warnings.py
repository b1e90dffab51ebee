"""Warning control (pyvm's warnings module).

warn, warn_explicit, showwarning, formatwarning, filterwarnings,
simplefilter, resetwarnings, catch_warnings and WarningMessage, with the
semantics of CPython 3.10's C accelerator _warnings (what CPython actually
runs): the default filters (DeprecationWarning shown only in __main__;
PendingDeprecationWarning, ImportWarning and ResourceWarning ignored), the
actions default/error/ignore/always/module/once, the per-module
__warningregistry__ with its filters version, and the same messages.
Warnings are written to sys.stderr as
`{filename}:{lineno}: {category}: {message}` plus the source line, read
through linecache.

The warning's location comes from sys._getframe(); on a VM without it,
every warning is attributed to ('sys', line 1), as CPython does when there
is no frame at the requested stack level.
"""

import sys

__all__ = ["warn", "warn_explicit", "showwarning",
           "formatwarning", "filterwarnings", "simplefilter",
           "resetwarnings", "catch_warnings"]


# --- showing ------------------------------------------------------------------

def showwarning(message, category, filename, lineno, file=None, line=None):
    """Hook to write a warning to a file; replace if you like."""
    _showwarnmsg_impl(WarningMessage(message, category, filename, lineno, file, line))


def formatwarning(message, category, filename, lineno, line=None):
    """Function to format a warning the standard way."""
    return _formatwarnmsg_impl(WarningMessage(message, category, filename, lineno,
                                              None, line))


def _showwarnmsg_impl(msg):
    file = msg.file
    if file is None:
        file = sys.stderr
        if file is None:
            return
    text = _formatwarnmsg(msg)
    try:
        file.write(text)
    except OSError:
        pass


def _formatwarnmsg_impl(msg):
    category = msg.category.__name__
    s = "%s:%s: %s: %s\n" % (msg.filename, msg.lineno, category, msg.message)
    line = msg.line
    if line is None:
        try:
            import linecache
            line = linecache.getline(msg.filename, msg.lineno)
        except Exception:
            line = None
    if line:
        s += "  %s\n" % line.strip()
    if msg.source is not None:
        # pyvm has no tracemalloc: say what CPython says when it is not
        # tracing.
        s += "%s: Enable tracemalloc to get the object allocation traceback\n" % category
    return s


_showwarning_orig = showwarning
_formatwarning_orig = formatwarning


def _showwarnmsg(msg):
    """Show a WarningMessage: through a replaced showwarning() if there is
    one, else _showwarnmsg_impl."""
    sw = showwarning
    if sw is not _showwarning_orig:
        if not callable(sw):
            raise TypeError("warnings.showwarning() must be set to a "
                            "function or method")
        sw(msg.message, msg.category, msg.filename, msg.lineno, msg.file, msg.line)
        return
    _showwarnmsg_impl(msg)


def _formatwarnmsg(msg):
    """Format a WarningMessage: through a replaced formatwarning() if there
    is one."""
    fw = formatwarning
    if fw is not _formatwarning_orig:
        return fw(msg.message, msg.category, msg.filename, msg.lineno, msg.line)
    return _formatwarnmsg_impl(msg)


# --- filters ------------------------------------------------------------------

_ACTIONS = ("error", "ignore", "always", "default", "module", "once")


def filterwarnings(action, message="", category=Warning, module="", lineno=0,
                   append=False):
    """Insert an entry into the list of warnings filters (at the front).

    'action' -- one of "error", "ignore", "always", "default", "module",
                or "once"
    'message' -- a regex that the warning message must match
    'category' -- a class that the warning must be a subclass of
    'module' -- a regex that the module name must match
    'lineno' -- an integer line number, 0 matches all warnings
    'append' -- if true, append to the list of filters
    """
    assert action in _ACTIONS, "invalid action: %r" % (action,)
    assert isinstance(message, str), "message must be a string"
    assert isinstance(category, type), "category must be a class"
    assert issubclass(category, Warning), "category must be a Warning subclass"
    assert isinstance(module, str), "module must be a string"
    assert isinstance(lineno, int) and lineno >= 0, "lineno must be an int >= 0"
    if message or module:
        import re
    message = re.compile(message, re.I) if message else None
    module = re.compile(module) if module else None
    _add_filter(action, message, category, module, lineno, append=append)


def simplefilter(action, category=Warning, lineno=0, append=False):
    """Insert a simple entry into the list of warnings filters (at the front).

    A simple filter matches all modules and messages.
    'action' -- one of "error", "ignore", "always", "default", "module",
                or "once"
    'category' -- a class that the warning must be a subclass of
    'lineno' -- an integer line number, 0 matches all warnings
    'append' -- if true, append to the list of filters
    """
    assert action in _ACTIONS, "invalid action: %r" % (action,)
    assert isinstance(lineno, int) and lineno >= 0, "lineno must be an int >= 0"
    _add_filter(action, None, category, None, lineno, append=append)


def _add_filter(*item, append):
    # An equal filter already in the list is moved to the front (or, when
    # appending, left where it is).
    if not append:
        try:
            filters.remove(item)
        except ValueError:
            pass
        filters.insert(0, item)
    elif item not in filters:
        filters.append(item)
    _filters_mutated()


def resetwarnings():
    """Clear the list of warning filters, so that no filters are active."""
    filters[:] = []
    _filters_mutated()


_filters_version = 0


def _filters_mutated():
    global _filters_version
    _filters_version += 1


# --- -W options -----------------------------------------------------------------

class _OptionError(Exception):
    """Exception used by option processing helpers."""


def _processoptions(args):
    for arg in args:
        try:
            _setoption(arg)
        except _OptionError as msg:
            print("Invalid -W option ignored:", msg, file=sys.stderr)


def _setoption(arg):
    parts = arg.split(':')
    if len(parts) > 5:
        raise _OptionError("too many fields (max 5): %r" % (arg,))
    parts += [''] * (5 - len(parts))
    action, message, category, module, lineno = [s.strip() for s in parts]
    action = _getaction(action)
    category = _getcategory(category)
    if message or module:
        import re
    if message:
        message = re.escape(message)
    if module:
        module = re.escape(module) + r'\Z'
    if lineno:
        try:
            lineno = int(lineno)
            if lineno < 0:
                raise ValueError
        except (ValueError, OverflowError):
            raise _OptionError("invalid lineno %r" % (lineno,)) from None
    else:
        lineno = 0
    filterwarnings(action, message, category, module, lineno)


def _getaction(action):
    if not action:
        return "default"
    if action == "all":
        return "always"
    for a in ('default', 'always', 'ignore', 'module', 'once', 'error'):
        if a.startswith(action):
            return a
    raise _OptionError("invalid action: %r" % (action,))


def _getcategory(category):
    if not category:
        return Warning
    if '.' not in category:
        import builtins as m
        klass = category
    else:
        modname, _, klass = category.rpartition('.')
        try:
            m = __import__(modname, None, None, [klass])
        except ImportError:
            raise _OptionError("invalid module name: %r" % (modname,)) from None
    try:
        cat = getattr(m, klass)
    except AttributeError:
        raise _OptionError("unknown warning category: %r" % (category,)) from None
    if not issubclass(cat, Warning):
        raise _OptionError("invalid warning category: %r" % (category,))
    return cat


# --- issuing warnings -----------------------------------------------------------

def _is_internal_frame(frame):
    """Whether the frame belongs to the import machinery (skipped when
    counting stack levels)."""
    filename = frame.f_code.co_filename
    return 'importlib' in filename and '_bootstrap' in filename


def _index(value):
    if type(value) is int:
        return value
    return range(value).stop


def warn(message, category=None, stacklevel=1, source=None):
    """Issue a warning, or maybe ignore it or raise an exception."""
    stacklevel = _index(stacklevel)
    if isinstance(message, Warning):
        category = type(message)
    elif category is None:
        category = UserWarning
    try:
        ok = issubclass(category, Warning)
    except TypeError:
        ok = False
    if not ok:
        raise TypeError("category must be a Warning subclass, not '%s'"
                        % type(category).__name__)
    # The frame stacklevel levels up (1: warn's caller).
    getframe = getattr(sys, '_getframe', None)
    frame = None
    if getframe is not None:
        try:
            frame = getframe(1)
        except ValueError:
            frame = None
        if frame is None:
            pass
        elif stacklevel <= 0 or _is_internal_frame(frame):
            while stacklevel > 1 and frame is not None:
                frame = frame.f_back
                stacklevel -= 1
        else:
            while stacklevel > 1 and frame is not None:
                frame = frame.f_back
                while frame is not None and _is_internal_frame(frame):
                    frame = frame.f_back
                stacklevel -= 1
    if frame is None:
        globals = sys.__dict__
        filename = "sys"
        lineno = 1
    else:
        globals = frame.f_globals
        filename = frame.f_code.co_filename
        lineno = frame.f_lineno
    if '__warningregistry__' in globals:
        registry = globals['__warningregistry__']
    else:
        registry = globals['__warningregistry__'] = {}
    module = globals.get('__name__', "<string>")
    if module is not None and not isinstance(module, str):
        module = "<string>"
    return _warn_explicit(category, message, filename, lineno, module, registry, source)


_NORMALIZE = object()   # warn_explicit(module=...) not given


def warn_explicit(message, category, filename, lineno, module=_NORMALIZE,
                  registry=None, module_globals=None, source=None):
    """Low-level interface to warnings functionality."""
    if not isinstance(filename, str):
        raise TypeError("warn_explicit() argument 3 must be str, not %s"
                        % type(filename).__name__)
    if type(lineno) is not int:
        lineno = _index(lineno)
    if module_globals is not None:
        if not isinstance(module_globals, dict):
            raise TypeError("module_globals must be a dict, not '%s'"
                            % type(module_globals).__name__)
        try:
            import linecache
            linecache.getlines(filename, module_globals)
        except Exception:
            pass
    return _warn_explicit(category, message, filename, lineno, module, registry, source)


def _already_warned(registry, key, should_set):
    """Whether key is recorded in registry (which is reset first if it was
    filled under other filters); record it when should_set."""
    version = registry.get('version')
    if type(version) is not int or version != _filters_version:
        registry.clear()
        registry['version'] = _filters_version
    elif registry.get(key):
        return True
    if should_set:
        registry[key] = True
    return False


def _match(pattern, text):
    if pattern is None:
        return True
    if type(pattern) is str:
        return pattern == text
    return bool(pattern.match(text))


def _get_filter(category, text, lineno, module):
    flist = filters
    if type(flist) is not list:
        raise ValueError("_warnings.filters must be a list")
    i = 0
    while i < len(flist):
        item = flist[i]
        if type(item) is not tuple or len(item) != 5:
            raise ValueError("_warnings.filters item %d isn't a 5-tuple" % i)
        action, msg, cat, mod, ln = item
        if not isinstance(action, str):
            raise TypeError("action must be a string, not '%s'" % type(action).__name__)
        good_msg = _match(msg, text)
        good_mod = _match(mod, module)
        is_sub = issubclass(category, cat)
        if not isinstance(ln, int):
            raise TypeError("an integer is required")
        if good_msg and is_sub and good_mod and (ln == 0 or lineno == ln):
            return action, item
        i += 1
    action = defaultaction
    if not isinstance(action, str):
        raise TypeError("_warnings.defaultaction must be a string, not '%s'"
                        % type(action).__name__)
    return action, None


def _warn_explicit(category, message, filename, lineno, module, registry, source):
    if module is None:
        # What CPython does late at shutdown, when modules are gone.
        return None
    if registry is not None and not isinstance(registry, dict):
        raise TypeError("'registry' must be a dict or None")
    if module is _NORMALIZE:
        if not filename:
            module = "<unknown>"
        else:
            module = filename[:-3] if filename.endswith('.py') else filename
    if isinstance(message, Warning):
        text = str(message)
        category = type(message)
    else:
        text = message
        message = category(message)
    key = (text, category, lineno)
    if registry is not None and _already_warned(registry, key, False):
        return None
    action, item = _get_filter(category, text, lineno, module)
    if action == "error":
        raise message
    if action == "ignore":
        return None
    if action != "always":
        if registry is not None:
            registry[key] = True
        if action == "once":
            reg = registry
            if reg is None:
                reg = onceregistry
                if not isinstance(reg, dict):
                    raise TypeError("_warnings.onceregistry must be a dict, not '%s'"
                                    % type(reg).__name__)
            if _already_warned(reg, (text, category), True):
                return None
        elif action == "module":
            if registry is not None and _already_warned(registry, (text, category), True):
                return None
        elif action != "default":
            raise RuntimeError("Unrecognized action (%r) in warnings.filters:\n %r"
                               % (action, item))
    show = _showwarnmsg
    if not callable(show):
        raise TypeError("warnings._showwarnmsg() must be set to a callable")
    show(WarningMessage(message, category, filename, lineno, None, None, source))
    return None


class WarningMessage(object):

    _WARNING_DETAILS = ("message", "category", "filename", "lineno", "file",
                        "line", "source")

    def __init__(self, message, category, filename, lineno, file=None,
                 line=None, source=None):
        self.message = message
        self.category = category
        self.filename = filename
        self.lineno = lineno
        self.file = file
        self.line = line
        self.source = source
        self._category_name = category.__name__ if category else None

    def __str__(self):
        return ("{message : %r, category : %r, filename : %r, lineno : %s, "
                "line : %r}" % (self.message, self._category_name,
                                self.filename, self.lineno, self.line))


class catch_warnings(object):
    """A context manager that copies and restores the warnings filter upon
    exiting the context.

    With record=True, warnings are not shown but appended, as WarningMessage
    objects, to the list that __enter__ returns. module= names a module to
    use instead of sys.modules['warnings'].
    """

    def __init__(self, *, record=False, module=None):
        self._record = record
        self._module = sys.modules['warnings'] if module is None else module
        self._entered = False

    def __repr__(self):
        args = []
        if self._record:
            args.append("record=True")
        if self._module is not sys.modules['warnings']:
            args.append("module=%r" % self._module)
        return "%s(%s)" % (type(self).__name__, ", ".join(args))

    def __enter__(self):
        if self._entered:
            raise RuntimeError("Cannot enter %r twice" % self)
        self._entered = True
        mod = self._module
        self._filters = mod.filters
        mod.filters = self._filters[:]
        mod._filters_mutated()
        self._showwarning = mod.showwarning
        self._showwarnmsg_impl = mod._showwarnmsg_impl
        if self._record:
            log = []
            mod._showwarnmsg_impl = log.append
            # showwarning() must be the default one for _showwarnmsg() to
            # reach _showwarnmsg_impl.
            mod.showwarning = mod._showwarning_orig
            return log
        return None

    def __exit__(self, *exc_info):
        if not self._entered:
            raise RuntimeError("Cannot exit %r without entering first" % self)
        mod = self._module
        mod.filters = self._filters
        mod._filters_mutated()
        mod.showwarning = self._showwarning
        mod._showwarnmsg_impl = self._showwarnmsg_impl


def _warn_unawaited_coroutine(coro):
    """What CPython calls for a coroutine that was never awaited."""
    msg = "coroutine '%s' was never awaited" % (coro.__qualname__,)
    warn(msg, category=RuntimeWarning, stacklevel=2, source=coro)


# The filters: (action, message regex or None, category, module regex or
# None, lineno) tuples, searched first to last. These are CPython's
# defaults for a release build (the module of the first one is a plain
# string, matched exactly, as the C module's own filters are).
filters = [
    ('default', None, DeprecationWarning, '__main__', 0),
    ('ignore', None, DeprecationWarning, None, 0),
    ('ignore', None, PendingDeprecationWarning, None, 0),
    ('ignore', None, ImportWarning, None, 0),
    ('ignore', None, ResourceWarning, None, 0),
]
defaultaction = _defaultaction = "default"
onceregistry = _onceregistry = {}

_processoptions(getattr(sys, 'warnoptions', ()))
