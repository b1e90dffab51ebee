//! Iterators over built-in containers and the lazy built-ins (`enumerate`,
//! `zip`, `map`, `filter`, `reversed`, `iter(f, sentinel)`), plus dict views.
//! Each kind reports CPython's type name (`list_iterator`, `dict_keys`...).

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::PyResult;
use crate::objects::{DictObject, SetObject, TypeObject};
use crate::value::Value;
use crate::vm::Vm;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewKind {
    Keys,
    Values,
    Items,
}

pub enum IterKind {
    /// list, tuple, str, bytes, bytearray by index.
    Seq {
        seq: Value,
        index: usize,
    },
    Range {
        next: i64,
        step: i64,
        remaining: i64,
    },
    BigRange {
        next: num_bigint::BigInt,
        step: num_bigint::BigInt,
        remaining: num_bigint::BigInt,
    },
    Dict {
        dict: Rc<DictObject>,
        pos: usize,
        len: usize,
        kind: ViewKind,
    },
    Set {
        set: Rc<SetObject>,
        pos: usize,
        len: usize,
    },
    /// The count is an int value: it may start (or grow) beyond i64.
    Enumerate {
        iter: Value,
        count: Value,
    },
    Zip {
        iters: Vec<Value>,
        strict: bool,
    },
    Map {
        func: Value,
        iters: Vec<Value>,
    },
    Filter {
        func: Value,
        iter: Value,
    },
    /// Reverse iteration of an indexable sequence; `index` counts down.
    Reversed {
        seq: Value,
        index: i64,
    },
    Callable {
        func: Value,
        sentinel: Value,
    },
    /// `iter()` of an object with only `__getitem__`: indexes until
    /// IndexError or StopIteration.
    GetItem {
        seq: Value,
        index: i64,
    },
    /// `reversed()` of an object with `__len__` and `__getitem__`.
    ReversedGetItem {
        seq: Value,
        index: i64,
    },
    /// A dict view (not itself an iterator).
    View {
        dict: Rc<DictObject>,
        kind: ViewKind,
    },
    Exhausted,
}

pub struct IteratorObject {
    pub kind: RefCell<IterKind>,
    /// CPython's type name of this iterator.
    pub type_name: &'static str,
}

impl IteratorObject {
    pub fn new(kind: IterKind, type_name: &'static str) -> Rc<IteratorObject> {
        Rc::new(IteratorObject {
            kind: RefCell::new(kind),
            type_name,
        })
    }

    pub fn type_object<'a>(&self, vm: &'a Vm) -> &'a Rc<TypeObject> {
        vm.types
            .iterators
            .get(self.type_name)
            .unwrap_or(&vm.types.object)
    }

    /// The next item of the iterators `for` loops spend their time in
    /// (range, list, tuple), without `next`'s general machinery: `None` for
    /// every other kind. Exhaustion is left to `next`.
    #[inline]
    pub fn next_simple(&self) -> Option<Value> {
        let mut k = self.kind.borrow_mut();
        match &mut *k {
            IterKind::Range {
                next,
                step,
                remaining,
            } if *remaining > 0 => {
                let v = *next;
                *remaining -= 1;
                *next = next.wrapping_add(*step);
                Some(Value::Int(v))
            }
            IterKind::Seq {
                seq: Value::List(l),
                index,
            } => {
                let item = l.get(*index)?;
                *index += 1;
                Some(item)
            }
            IterKind::Seq {
                seq: Value::Tuple(t),
                index,
            } => {
                let item = t.items.get(*index)?.clone();
                *index += 1;
                Some(item)
            }
            _ => None,
        }
    }

    pub fn is_view(&self) -> bool {
        matches!(*self.kind.borrow(), IterKind::View { .. })
    }

    pub fn is_values_view(&self) -> bool {
        matches!(
            *self.kind.borrow(),
            IterKind::View {
                kind: ViewKind::Values,
                ..
            }
        )
    }

    /// The next item, `None` when exhausted.
    pub fn next(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        // Kinds that call back into Python take what they need out of the
        // RefCell first so that re-entrant use cannot double-borrow it.
        enum Step {
            Done(Option<Value>),
            Enumerate(Value, Value),
            Zip(Vec<Value>, bool),
            Map(Value, Vec<Value>),
            Filter(Value, Value),
            Callable(Value, Value),
            GetItem(Value, i64),
        }
        let step = {
            let mut k = self.kind.borrow_mut();
            match &mut *k {
                IterKind::Seq { seq, index } => {
                    let item = seq_item(seq, *index);
                    if item.is_some() {
                        *index += 1;
                    } else {
                        *k = IterKind::Exhausted;
                    }
                    Step::Done(item)
                }
                IterKind::Range {
                    next,
                    step,
                    remaining,
                } => {
                    if *remaining <= 0 {
                        Step::Done(None)
                    } else {
                        let v = *next;
                        *remaining -= 1;
                        *next = next.wrapping_add(*step);
                        Step::Done(Some(Value::Int(v)))
                    }
                }
                IterKind::Dict {
                    dict,
                    pos,
                    len,
                    kind,
                } => {
                    if dict.len() != *len {
                        let d = dict.clone();
                        *len = usize::MAX;
                        drop(d);
                        drop(k);
                        return Err(vm.runtime_error("dictionary changed size during iteration"));
                    }
                    match dict.next_entry(*pos) {
                        Some((p, e)) => {
                            *pos = p;
                            Step::Done(Some(match kind {
                                ViewKind::Keys => e.key,
                                ViewKind::Values => e.value,
                                ViewKind::Items => Value::tuple(vec![e.key, e.value]),
                            }))
                        }
                        None => Step::Done(None),
                    }
                }
                IterKind::Set { set, pos, len } => {
                    if set.len() != *len {
                        *len = usize::MAX;
                        drop(k);
                        return Err(vm.runtime_error("Set changed size during iteration"));
                    }
                    let next = set.table.borrow().next_from(*pos);
                    match next {
                        Some((p, v)) => {
                            *pos = p;
                            Step::Done(Some(v))
                        }
                        None => Step::Done(None),
                    }
                }
                IterKind::BigRange {
                    next,
                    step,
                    remaining,
                } => {
                    if num_traits::Signed::is_positive(remaining) {
                        let v = next.clone();
                        *remaining -= 1u32;
                        *next += &*step;
                        Step::Done(Some(Value::from_bigint(v)))
                    } else {
                        Step::Done(None)
                    }
                }
                IterKind::Reversed { seq, index } => {
                    if *index < 0 {
                        Step::Done(None)
                    } else {
                        let item = seq_item(seq, *index as usize);
                        *index -= 1;
                        if item.is_none() {
                            *index = -1;
                        }
                        Step::Done(item)
                    }
                }
                IterKind::Enumerate { iter, count } => {
                    let c = count.clone();
                    let next = match &c {
                        Value::Int(i) if *i < i64::MAX => Value::Int(*i + 1),
                        other => {
                            let n = crate::objects::int::to_bigint(other).unwrap_or_default();
                            Value::from_bigint(n + 1)
                        }
                    };
                    *count = next;
                    Step::Enumerate(iter.clone(), c)
                }
                IterKind::Zip { iters, strict } => Step::Zip(iters.clone(), *strict),
                IterKind::Map { func, iters } => Step::Map(func.clone(), iters.clone()),
                IterKind::Filter { func, iter } => Step::Filter(func.clone(), iter.clone()),
                IterKind::Callable { func, sentinel } => {
                    Step::Callable(func.clone(), sentinel.clone())
                }
                IterKind::GetItem { seq, index } => {
                    let i = *index;
                    *index += 1;
                    Step::GetItem(seq.clone(), i)
                }
                IterKind::ReversedGetItem { seq, index } => {
                    let i = *index;
                    if i < 0 {
                        Step::Done(None)
                    } else {
                        *index -= 1;
                        Step::GetItem(seq.clone(), i)
                    }
                }
                IterKind::View { .. } => Step::Done(None),
                IterKind::Exhausted => Step::Done(None),
            }
        };
        match step {
            Step::Done(v) => Ok(v),
            Step::GetItem(seq, i) => match vm.get_item(&seq, &Value::Int(i)) {
                Ok(v) => Ok(Some(v)),
                Err(e)
                    if vm.is_instance_of(&e, "IndexError")
                        || vm.is_instance_of(&e, "StopIteration") =>
                {
                    *self.kind.borrow_mut() = IterKind::Exhausted;
                    Ok(None)
                }
                Err(e) => Err(e),
            },
            Step::Enumerate(it, c) => match vm.next(&it)? {
                Some(v) => Ok(Some(Value::tuple(vec![c, v]))),
                None => Ok(None),
            },
            Step::Zip(iters, strict) => {
                if iters.is_empty() {
                    return Ok(None);
                }
                let mut items = Vec::with_capacity(iters.len());
                for (i, it) in iters.iter().enumerate() {
                    match vm.next(it)? {
                        Some(v) => items.push(v),
                        None => {
                            *self.kind.borrow_mut() = IterKind::Exhausted;
                            if strict {
                                if i > 0 {
                                    let plural = if i == 1 { " " } else { "s 1-" };
                                    return Err(vm.value_error(format!(
                                        "zip() argument {} is shorter than argument{plural}{i}",
                                        i + 1
                                    )));
                                }
                                for (j, other) in iters.iter().enumerate().skip(1) {
                                    if vm.next(other)?.is_some() {
                                        let plural = if j == 1 { " " } else { "s 1-" };
                                        return Err(vm.value_error(format!(
                                            "zip() argument {} is longer than argument{plural}{j}",
                                            j + 1
                                        )));
                                    }
                                }
                            }
                            return Ok(None);
                        }
                    }
                }
                Ok(Some(Value::tuple(items)))
            }
            Step::Map(func, iters) => {
                let mut args = Vec::with_capacity(iters.len());
                for it in &iters {
                    match vm.next(it)? {
                        Some(v) => args.push(v),
                        None => return Ok(None),
                    }
                }
                Ok(Some(vm.call(&func, &args)?))
            }
            Step::Filter(func, iter) => loop {
                let Some(v) = vm.next(&iter)? else {
                    return Ok(None);
                };
                let keep = if func.is_none() {
                    vm.truthy(&v)?
                } else {
                    let r = vm.call(&func, std::slice::from_ref(&v))?;
                    vm.truthy(&r)?
                };
                if keep {
                    return Ok(Some(v));
                }
            },
            Step::Callable(func, sentinel) => {
                let v = vm.call(&func, &[])?;
                if vm.eq(&v, &sentinel)? {
                    *self.kind.borrow_mut() = IterKind::Exhausted;
                    return Ok(None);
                }
                Ok(Some(v))
            }
        }
    }
}

/// Item `i` of a built-in sequence, if in range.
/// The iterator `iter()` makes for an object with only `__getitem__`.
pub fn sequence_iter(_vm: &mut Vm, seq: Value) -> Value {
    Value::Iterator(IteratorObject::new(
        IterKind::GetItem { seq, index: 0 },
        "iterator",
    ))
}

pub fn seq_item(seq: &Value, i: usize) -> Option<Value> {
    match seq {
        Value::List(l) => l.get(i),
        Value::Tuple(t) => t.items.get(i).cloned(),
        Value::Str(s) => {
            (i < s.len()).then(|| Value::Str(crate::objects::StrObject::from_char(s.char_at(i))))
        }
        Value::Bytes(b) | Value::ByteArray(b) => {
            b.data.borrow().get(i).map(|&c| Value::Int(i64::from(c)))
        }
        Value::Range(r) => (i < r.len() as usize).then(|| Value::Int(r.item(i as i64))),
        _ => None,
    }
}

pub fn dict_view(dict: Rc<DictObject>, kind: ViewKind) -> Value {
    let name = match kind {
        ViewKind::Keys => "dict_keys",
        ViewKind::Values => "dict_values",
        ViewKind::Items => "dict_items",
    };
    Value::Iterator(IteratorObject::new(IterKind::View { dict, kind }, name))
}

pub fn dict_iter(dict: Rc<DictObject>, kind: ViewKind) -> Value {
    let name = match kind {
        ViewKind::Keys => "dict_keyiterator",
        ViewKind::Values => "dict_valueiterator",
        ViewKind::Items => "dict_itemiterator",
    };
    let len = dict.len();
    Value::Iterator(IteratorObject::new(
        IterKind::Dict {
            dict,
            pos: 0,
            len,
            kind,
        },
        name,
    ))
}

/// `__length_hint__` of the sequence and range iterators: how many items
/// are left (`operator.length_hint`, `list(it)` preallocation).
pub fn length_hint(vm: &mut Vm, args: crate::args::Args) -> crate::error::PyResult<Value> {
    let Some(Value::Iterator(it)) = args.values.first() else {
        return Err(vm.type_error("descriptor '__length_hint__' requires an iterator"));
    };
    let it = it.clone();
    let kind = it.kind.borrow();
    let n = match &*kind {
        IterKind::Seq { seq, index } => {
            let seq = seq.clone();
            let index = *index;
            drop(kind);
            let len = vm.len(&seq)?;
            return Ok(Value::Int(len.saturating_sub(index) as i64));
        }
        IterKind::Range { remaining, .. } => (*remaining).max(0),
        IterKind::BigRange { remaining, .. } => {
            return Ok(Value::from_bigint(
                remaining.clone().max(num_bigint::BigInt::from(0)),
            ))
        }
        IterKind::Reversed { index, .. } => (*index + 1).max(0),
        // CPython keeps a count; walking what is left gives the same number.
        IterKind::Dict { dict, pos, len, .. } => {
            if dict.len() != *len {
                0
            } else {
                let (mut p, mut n) = (*pos, 0);
                while let Some((next, _)) = dict.next_entry(p) {
                    p = next;
                    n += 1;
                }
                n
            }
        }
        IterKind::Set { set, pos, len } => {
            if set.len() != *len {
                0
            } else {
                let table = set.table.borrow();
                let (mut p, mut n) = (*pos, 0);
                while let Some((next, _)) = table.next_from(p) {
                    p = next;
                    n += 1;
                }
                n
            }
        }
        _ => return Ok(Value::NotImplemented),
    };
    Ok(Value::Int(n))
}

/// The iterators that have `__length_hint__`.
pub const LENGTH_HINT_TYPES: &[&str] = &[
    "list_iterator",
    "tuple_iterator",
    "str_iterator",
    "bytes_iterator",
    "bytearray_iterator",
    "range_iterator",
    "longrange_iterator",
    "list_reverseiterator",
    "reversed",
    "dict_keyiterator",
    "dict_valueiterator",
    "dict_itemiterator",
    "set_iterator",
];

/// All iterator type names, for creating their type objects.
pub const ITERATOR_TYPES: &[&str] = &[
    "list_iterator",
    "tuple_iterator",
    "str_iterator",
    "bytes_iterator",
    "bytearray_iterator",
    "range_iterator",
    "longrange_iterator",
    "dict_keyiterator",
    "dict_valueiterator",
    "dict_itemiterator",
    "set_iterator",
    "enumerate",
    "zip",
    "map",
    "filter",
    "list_reverseiterator",
    "reversed",
    "callable_iterator",
    "dict_keys",
    "dict_values",
    "dict_items",
    "iterator",
];
