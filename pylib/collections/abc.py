"""Abstract Base Classes for containers: the public face of _collections_abc
(pyvm's implementation, see there for what is missing)."""

from _collections_abc import *
from _collections_abc import __all__
from _collections_abc import _CallableGenericAlias


def _register_collections():
    # CPython's collections classes derive from (or are registered with)
    # these ABCs; pyvm's collections package does not import them (to start
    # faster), so the link is made here, when the ABCs are first needed.
    import collections
    pairs = (('deque', MutableSequence), ('UserList', MutableSequence),
             ('UserString', Sequence), ('ChainMap', MutableMapping),
             ('UserDict', MutableMapping), ('odict_keys', KeysView),
             ('odict_items', ItemsView), ('odict_values', ValuesView))
    for name, abc in pairs:
        cls = getattr(collections, name, None)
        if isinstance(cls, type):
            abc.register(cls)


_register_collections()
del _register_collections
