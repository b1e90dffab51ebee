"""importlib: the parts of CPython's importlib that pyvm supports.

`import_module` resolves relative names as CPython does and imports through
the VM's import system (`__import__`). `invalidate_caches` has nothing to
clear. `reload` is not supported: it raises NotImplementedError.
"""

import sys

__all__ = ['import_module', 'invalidate_caches', 'reload']


def _resolve_name(name, package, level):
    bits = package.rsplit('.', level - 1)
    if len(bits) < level:
        raise ImportError('attempted relative import beyond top-level package')
    base = bits[0]
    return '{}.{}'.format(base, name) if name else base


def import_module(name, package=None):
    """Import a module; a name starting with dots is relative to `package`."""
    level = 0
    if name.startswith('.'):
        if not package:
            raise TypeError("the 'package' argument is required to perform a "
                            "relative import for {!r}".format(name))
        for character in name:
            if character != '.':
                break
            level += 1
    name = name[level:]
    if not isinstance(name, str):
        raise TypeError('module name must be str, not {}'.format(type(name)))
    if level < 0:
        raise ValueError('level must be >= 0')
    if level > 0:
        if not isinstance(package, str):
            raise TypeError('__package__ not set to a string')
        elif not package:
            raise ImportError('attempted relative import with no known parent package')
        name = _resolve_name(name, package, level)
    if not name and level == 0:
        raise ValueError('Empty module name')
    module = sys.modules.get(name)
    if module is None:
        __import__(name)
        module = sys.modules[name]
    return module


def invalidate_caches():
    """Nothing to do: pyvm's finders keep no caches that can go stale."""


def reload(module):
    raise NotImplementedError('importlib.reload is not supported by pyvm')
