//! The type attribute cache (CPython's method cache): `_PyType_Lookup`
//! results keyed by (type version, interned name), so an attribute or
//! special-method lookup does not walk the MRO's dicts every time.
//!
//! Every type carries a version number, unique across all types. Setting or
//! deleting an attribute on a class gives it and all its subclasses fresh
//! versions, which invalidates their entries without touching the table.

use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::objects::{StrObject, TypeObject};
use crate::value::Value;

const SIZE: usize = 4096;

static NEXT_VERSION: AtomicU64 = AtomicU64::new(1);

/// A version no type has had before.
pub fn fresh_version() -> u64 {
    NEXT_VERSION.fetch_add(1, Ordering::Relaxed)
}

struct Entry {
    version: u64,
    /// Held so the name's address cannot be reused by a different string.
    name: Option<Rc<StrObject>>,
    value: Option<Value>,
}

pub struct TypeCache {
    entries: Box<[Entry]>,
}

impl Default for TypeCache {
    fn default() -> Self {
        TypeCache {
            entries: (0..SIZE)
                .map(|_| Entry {
                    version: 0,
                    name: None,
                    value: None,
                })
                .collect(),
        }
    }
}

impl TypeCache {
    /// `t.lookup(name)`, from the cache when `t` has not changed.
    #[inline]
    pub fn lookup(&mut self, t: &TypeObject, name: &Rc<StrObject>) -> Option<Value> {
        let version = t.version.get();
        let slot = ((version as usize).wrapping_mul(0x9E37_79B9)
            ^ (Rc::as_ptr(name) as usize >> 4))
            & (SIZE - 1);
        let e = &mut self.entries[slot];
        if e.version == version && e.name.as_ref().is_some_and(|n| Rc::ptr_eq(n, name)) {
            return e.value.clone();
        }
        let value = t.lookup(name);
        *e = Entry {
            version,
            name: Some(name.clone()),
            value: value.clone(),
        };
        value
    }
}
