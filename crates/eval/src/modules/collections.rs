//! `_collections`: the native `deque` under `pylib/collections`, with the
//! behaviour and messages of CPython 3.10's `Modules/_collectionsmodule.c`.
//!
//! A deque is a native-class instance (`objects/native.rs`) whose state is a
//! `VecDeque`, the optional `maxlen` and CPython's mutation counter
//! (`state`), which its iterators and its searching methods compare to
//! report "deque mutated during iteration". No `RefCell` borrow is held
//! while Python code runs (`==` of items, `repr`, iterating an argument):
//! items are cloned out first and the counter is checked afterwards, as
//! CPython does. Deques match sequence patterns (`Py_TPFLAGS_SEQUENCE`).
//!
//! Missing: `__sizeof__`; messages the VM builds from a type name (unhashable
//! type, unsupported comparison, missing attribute) say 'deque' where
//! CPython says 'collections.deque'; `deque[int]` reaches
//! `__class_getitem__` only on subclasses (the VM subscripts only heap
//! classes). `defaultdict`, `OrderedDict` and the other `_collections`
//! helpers stay Python classes in `pylib/collections`.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use num_bigint::Sign;
use pyvm_loader::instruction::{BinaryOp, CompareOp};

use crate::args::Args;
use crate::error::PyResult;
use crate::objects::descriptor::{DescriptorKind, DescriptorObject};
use crate::objects::function::{BuiltinFunction, NativeKind};
use crate::objects::typeobj::TypeKind;
use crate::objects::{native, ModuleObject, TupleObject, TypeObject};
use crate::slots::Special;
use crate::value::Value;
use crate::vm::Vm;

/// The C type name CPython's messages use.
const TP_NAME: &str = "collections.deque";

/// The iterator classes of one `_collections` module (one per VM).
struct IterClasses {
    forward: Rc<TypeObject>,
    reverse: Rc<TypeObject>,
}

thread_local! {
    /// Each deque class made here, with its iterator classes (a list, as
    /// several VMs may share a thread).
    static REGISTRY: RefCell<Vec<(std::rc::Weak<TypeObject>, Rc<IterClasses>)>> =
        const { RefCell::new(Vec::new()) };
}

/// A deque's state.
pub struct Deque {
    items: RefCell<VecDeque<Value>>,
    maxlen: Cell<Option<usize>>,
    /// Incremented whenever the items move (CPython's `state`).
    state: Cell<u64>,
    classes: Rc<IterClasses>,
}

impl Drop for Deque {
    fn drop(&mut self) {
        let items = std::mem::take(self.items.get_mut());
        crate::objects::trashcan::release(items);
    }
}

impl Deque {
    fn new(classes: Rc<IterClasses>) -> Deque {
        Deque {
            items: RefCell::new(VecDeque::new()),
            maxlen: Cell::new(None),
            state: Cell::new(0),
            classes,
        }
    }

    fn len(&self) -> usize {
        self.items.borrow().len()
    }

    fn bump(&self) {
        self.state.set(self.state.get().wrapping_add(1));
    }

    fn get(&self, i: usize) -> Option<Value> {
        self.items.borrow().get(i).cloned()
    }

    fn snapshot(&self) -> Vec<Value> {
        self.items.borrow().iter().cloned().collect()
    }

    /// `deque_append_internal`: trims the left end past `maxlen`.
    fn push_back(&self, v: Value) {
        let mut items = self.items.borrow_mut();
        items.push_back(v);
        let old = match self.maxlen.get() {
            Some(m) if items.len() > m => items.pop_front(),
            _ => None,
        };
        drop(items);
        self.bump();
        drop(old);
    }

    fn push_front(&self, v: Value) {
        let mut items = self.items.borrow_mut();
        items.push_front(v);
        let old = match self.maxlen.get() {
            Some(m) if items.len() > m => items.pop_back(),
            _ => None,
        };
        drop(items);
        self.bump();
        drop(old);
    }

    /// Many items at the right end, trimming the left end (what appending
    /// them one by one does when no Python code can run in between).
    fn extend_back(&self, new: Vec<Value>) {
        let n = new.len() as u64;
        let mut items = self.items.borrow_mut();
        items.extend(new);
        let excess = match self.maxlen.get() {
            Some(m) if items.len() > m => items.len() - m,
            _ => 0,
        };
        let old: Vec<Value> = items.drain(..excess).collect();
        drop(items);
        self.state.set(self.state.get().wrapping_add(n));
        drop(old);
    }

    fn clear(&self) {
        if self.len() == 0 {
            return;
        }
        let old = std::mem::take(&mut *self.items.borrow_mut());
        self.bump();
        drop(old);
    }

    /// `_deque_rotate`.
    fn rotate(&self, n: i64) {
        let len = self.len() as i64;
        if len <= 1 {
            return;
        }
        let half = len >> 1;
        let mut n = n;
        if n > half || n < -half {
            n %= len;
            if n > half {
                n -= len;
            } else if n < -half {
                n += len;
            }
        }
        self.bump();
        let mut items = self.items.borrow_mut();
        if n > 0 {
            items.rotate_right(n as usize);
        } else if n < 0 {
            items.rotate_left((-n) as usize);
        }
    }

    fn del_item(&self, i: usize) {
        let old = self.items.borrow_mut().remove(i);
        self.bump();
        drop(old);
    }
}

pub fn module(vm: &mut Vm) -> PyResult<Rc<ModuleObject>> {
    let iter_methods: &'static [(&'static str, crate::objects::function::NativeFn)] = &[
        ("__iter__", iter_iter),
        ("__next__", iter_next),
        ("__length_hint__", iter_length_hint),
        ("__reduce__", iter_reduce),
    ];
    let forward = native::new_class(
        vm,
        "_collections",
        "_deque_iterator",
        native::ClassSpec {
            methods: iter_methods,
            statics: &[("__new__", iter_new)],
            getters: &[],
        },
    );
    let reverse = native::new_class(
        vm,
        "_collections",
        "_deque_reverse_iterator",
        native::ClassSpec {
            methods: iter_methods,
            statics: &[("__new__", reviter_new)],
            getters: &[],
        },
    );
    let cls = native::new_class(
        vm,
        "collections",
        "deque",
        native::ClassSpec {
            methods: &[
                ("__init__", deque_init),
                ("__repr__", deque_repr),
                ("__lt__", deque_lt),
                ("__le__", deque_le),
                ("__eq__", deque_eq),
                ("__ne__", deque_ne),
                ("__gt__", deque_gt),
                ("__ge__", deque_ge),
                ("__iter__", deque_iter),
                ("__bool__", deque_bool),
                ("__len__", deque_len),
                ("__add__", deque_add),
                ("__mul__", deque_mul),
                ("__rmul__", deque_rmul),
                ("__getitem__", deque_getitem),
                ("__setitem__", deque_setitem),
                ("__delitem__", deque_delitem),
                ("__contains__", deque_contains),
                ("__iadd__", deque_iadd),
                ("__imul__", deque_imul),
                ("append", deque_append),
                ("appendleft", deque_appendleft),
                ("clear", deque_clear),
                ("__copy__", deque_dunder_copy),
                ("copy", deque_copy),
                ("count", deque_count),
                ("extend", deque_extend),
                ("extendleft", deque_extendleft),
                ("index", deque_index),
                ("insert", deque_insert),
                ("pop", deque_pop),
                ("popleft", deque_popleft),
                ("__reduce__", deque_reduce),
                ("remove", deque_remove),
                ("__reversed__", deque_reversed),
                ("reverse", deque_reverse),
                ("rotate", deque_rotate),
            ],
            statics: &[("__new__", deque_new)],
            getters: &[],
        },
    );
    let builtin = |name: &'static str, func: crate::objects::function::NativeFn, kind| {
        Value::Builtin(Rc::new(BuiltinFunction {
            name,
            func,
            kind,
            owner: Some("deque"),
            bound: None,
        }))
    };
    let maxlen = DescriptorObject::new(DescriptorKind::Property {
        fget: builtin("maxlen", maxlen_get, NativeKind::Function),
        fset: builtin("maxlen", maxlen_set, NativeKind::Function),
        fdel: builtin("maxlen", maxlen_del, NativeKind::Function),
        doc: Value::str("maximum size of a deque or None if unbounded"),
    });
    cls.dict.set_item_str("maxlen", Value::Descriptor(maxlen));
    cls.dict.set_item_str("__hash__", Value::None);
    // `Py_TPFLAGS_SEQUENCE`: a deque matches sequence patterns.
    cls.collection_flags
        .set(crate::objects::typeobj::COLLECTION_SEQUENCE);
    cls.dict.set_item_str(
        "__class_getitem__",
        builtin(
            "__class_getitem__",
            deque_class_getitem,
            NativeKind::ClassMethod,
        ),
    );
    cls.dict.set_item_str(
        "__doc__",
        Value::str(
            "deque([iterable[, maxlen]]) --> deque object\n\n\
             A list-like sequence optimized for data accesses near its endpoints.",
        ),
    );
    let classes = Rc::new(IterClasses {
        forward: forward.clone(),
        reverse: reverse.clone(),
    });
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        r.retain(|(c, _)| c.strong_count() > 0);
        r.push((Rc::downgrade(&cls), classes));
    });
    Ok(super::make_module(
        vm,
        "_collections",
        "High performance data structures.\n\
         - deque:        ordered collection accessible from endpoints only",
        &[("_count_elements", count_elements)],
        vec![
            ("deque", Value::Type(cls)),
            ("_deque_iterator", Value::Type(forward)),
            ("_deque_reverse_iterator", Value::Type(reverse)),
            // namedtuple's field descriptor: reads are one native step.
            ("_tuplegetter", Value::Type(vm.types.tuplegetter.clone())),
        ],
    ))
}

// ----- Counter's tally -----

/// `_count_elements(mapping, iterable)`: `mapping[elem] = mapping.get(elem, 0)
/// + 1` for each element, as CPython's C helper. A dict, or a dict subclass
/// (Counter) that keeps dict's `get` and `__setitem__`, is updated directly.
fn count_elements(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.unpack(vm, "_count_elements", 2, 2)?;
    let (mapping, iterable) = (&a[0], &a[1]);
    let direct = match mapping {
        Value::Dict(d) => Some(d.clone()),
        Value::Instance(i) => match &i.base {
            Some(Value::Dict(d)) if keeps_dict_methods(vm, &i.class) => Some(d.clone()),
            _ => None,
        },
        _ => None,
    };
    let it = vm.iter(iterable)?;
    let one = Value::Int(1);
    match direct {
        Some(d) => {
            while let Some(elem) = vm.next(&it)? {
                let count = match d.get(vm, &elem)? {
                    Some(old) => vm.binary_op(BinaryOp::Add, &old, &one)?,
                    None => one.clone(),
                };
                d.set(vm, elem, count)?;
            }
        }
        None => {
            let get = vm.intern("get");
            let get = vm.get_attr(mapping, &get)?;
            while let Some(elem) = vm.next(&it)? {
                let old = vm.call(&get, &[elem.clone(), Value::Int(0)])?;
                let count = vm.binary_op(BinaryOp::Add, &old, &one)?;
                vm.set_item(mapping, &elem, count)?;
            }
        }
    }
    Ok(Value::None)
}

/// Whether `cls` inherits dict's own `get` and `__setitem__`.
fn keeps_dict_methods(vm: &mut Vm, cls: &Rc<TypeObject>) -> bool {
    ["get", "__setitem__"].iter().all(|name| {
        let key = vm.intern(name);
        matches!(vm.lookup_type(cls, &key), Some(Value::Builtin(b)) if b.owner == Some("dict"))
    })
}

// ----- helpers -----

/// The deque state of `v` (a deque or an instance of a subclass).
fn deque_of(v: &Value) -> Option<&Deque> {
    match v {
        Value::Instance(i) => match &i.base {
            Some(Value::Native(p)) => p.downcast::<Deque>(),
            _ => None,
        },
        _ => None,
    }
}

/// `self` of a deque method, with CPython's errors for anything else.
fn this<'a>(vm: &mut Vm, args: &Args<'a>, name: &str) -> PyResult<&'a Deque> {
    let Some(v) = args.values.first() else {
        return Err(vm.type_error(format!("unbound method deque.{name}() needs an argument")));
    };
    match deque_of(v) {
        Some(d) => Ok(d),
        None => {
            let t = vm.type_name(v);
            Err(vm.type_error(if name.starts_with("__") {
                format!("descriptor '{name}' requires a '{TP_NAME}' object but received a '{t}'")
            } else {
                format!(
                    "descriptor '{name}' for '{TP_NAME}' objects doesn't apply to a '{t}' object"
                )
            }))
        }
    }
}

/// A `METH_NOARGS` method's receiver.
fn noargs<'a>(vm: &mut Vm, args: &Args<'a>, name: &str) -> PyResult<&'a Deque> {
    let d = this(vm, args, name)?;
    // The qualified name is only formatted for the error.
    if args.values.len() != 1 || args.has_kwargs() {
        args.skip_self().none(vm, &format!("deque.{name}"))?;
    }
    Ok(d)
}

/// A `METH_O` method's receiver and argument.
fn one_arg<'a>(vm: &mut Vm, args: &Args<'a>, name: &str) -> PyResult<(&'a Deque, &'a Value)> {
    let d = this(vm, args, name)?;
    if let ([_, v], false) = (args.values, args.has_kwargs()) {
        return Ok((d, v));
    }
    let v = args.skip_self().one(vm, &format!("deque.{name}"))?;
    Ok((d, v))
}

/// The single argument of a slot wrapper (`d.__getitem__(i)`).
fn slot_arg<'a>(vm: &mut Vm, args: &Args<'a>, name: &str) -> PyResult<(&'a Deque, &'a Value)> {
    let d = this(vm, args, name)?;
    args.no_kwargs(vm, name)?;
    match args.values {
        [_, v] => Ok((d, v)),
        _ => {
            let n = args.values.len() - 1;
            Err(vm.type_error(format!("expected 1 argument, got {n}")))
        }
    }
}

/// An index value: an i64, or the sign of an int too big for one;
/// `None` for objects without `__index__`.
enum Index {
    Small(i64),
    Big(bool),
}

fn as_index(vm: &mut Vm, v: &Value) -> PyResult<Option<Index>> {
    Ok(match vm.as_index(v)? {
        Some(Value::Int(i)) => Some(Index::Small(i)),
        Some(Value::Bool(b)) => Some(Index::Small(i64::from(b))),
        Some(Value::BigInt(b)) => Some(Index::Big(b.sign() == Sign::Minus)),
        _ => None,
    })
}

/// `_PyEval_SliceIndexNotNone`: big ints clamp.
fn slice_index(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match as_index(vm, v)? {
        Some(Index::Small(i)) => Ok(i),
        Some(Index::Big(neg)) => Ok(if neg { i64::MIN } else { i64::MAX }),
        None => Err(vm.type_error("slice indices must be integers or have an __index__ method")),
    }
}

/// A subscript's position in a deque of `len` items (`PyObject_GetItem`
/// on a sequence, then `deque_item`'s range check).
fn item_index(vm: &mut Vm, key: &Value, d: &Deque) -> PyResult<usize> {
    let i = match as_index(vm, key)? {
        Some(Index::Small(i)) => i,
        Some(Index::Big(_)) => {
            return Err(vm.index_error("cannot fit 'int' into an index-sized integer"))
        }
        None => {
            let t = vm.type_name(key);
            return Err(vm.type_error(format!("sequence index must be integer, not '{t}'")));
        }
    };
    let len = d.len() as i64;
    let i = if i < 0 { i + len } else { i };
    if i < 0 || i >= len {
        return Err(vm.index_error("deque index out of range"));
    }
    Ok(i as usize)
}

/// The class of `v`'s `__iter__` is the native deque's (so iterating it
/// runs no Python code and a snapshot of the items is what it yields).
fn native_iter(vm: &mut Vm, v: &Value) -> bool {
    let Value::Instance(i) = v else {
        return false;
    };
    if !i.class.heap {
        return true;
    }
    let key = vm.special_name(Special::__iter__);
    let cls = i.class.clone();
    matches!(vm.lookup_type(&cls, &key),
        Some(Value::Builtin(b)) if b.name == "__iter__" && b.owner == Some("deque"))
}

/// `list(v)` for a deque.
fn as_list(vm: &mut Vm, v: &Value, d: &Deque) -> PyResult<Vec<Value>> {
    if native_iter(vm, v) {
        Ok(d.snapshot())
    } else {
        vm.collect(v)
    }
}

fn runtime_mutated(vm: &mut Vm) -> crate::error::PyErr {
    vm.runtime_error("deque mutated during iteration")
}

/// The iterator classes for a new deque of class `cls`.
fn classes_for(vm: &mut Vm, cls: &Rc<TypeObject>) -> PyResult<Rc<IterClasses>> {
    let found = REGISTRY.with(|r| {
        let r = r.borrow();
        for t in std::iter::once(cls.clone()).chain(cls.mro_rest.borrow().iter().cloned()) {
            if t.heap {
                continue;
            }
            for (c, classes) in r.iter() {
                if std::ptr::eq(c.as_ptr(), Rc::as_ptr(&t)) {
                    return Some(classes.clone());
                }
            }
        }
        None
    });
    match found {
        Some(c) => Ok(c),
        None => {
            let name = cls.name.borrow().clone();
            Err(vm.type_error(format!(
                "{TP_NAME}.__new__({name}): {name} is not a subtype of {TP_NAME}"
            )))
        }
    }
}

/// A new deque of class `cls` holding `items`.
fn new_deque(
    cls: Rc<TypeObject>,
    classes: Rc<IterClasses>,
    maxlen: Option<usize>,
    items: VecDeque<Value>,
) -> Value {
    let d = Deque::new(classes);
    d.maxlen.set(maxlen);
    *d.items.borrow_mut() = items;
    native::new_instance::<Deque>(cls, d)
}

// ----- construction -----

fn deque_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = match args.values.first() {
        Some(Value::Type(t)) => t.clone(),
        Some(other) => {
            let t = vm.type_name(other);
            return Err(vm.type_error(format!(
                "{TP_NAME}.__new__(X): X is not a type object ({t})"
            )));
        }
        None => return Err(vm.type_error(format!("{TP_NAME}.__new__(): not enough arguments"))),
    };
    if cls.kind != TypeKind::Native {
        let name = cls.name.borrow().clone();
        return Err(vm.type_error(format!(
            "{TP_NAME}.__new__({name}): {name} is not a subtype of {TP_NAME}"
        )));
    }
    let classes = classes_for(vm, &cls)?;
    Ok(native::new_instance::<Deque>(cls, Deque::new(classes)))
}

fn deque_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = this(vm, &args, "__init__")?;
    let this_v = args.values[0].clone();
    let rest = args.skip_self();
    let pos = rest.pos();
    let total = rest.values.len();
    if total > 2 {
        return Err(vm.type_error(format!("deque() takes at most 2 arguments ({total} given)")));
    }
    let mut iterable = pos.first().cloned();
    let mut maxlen_obj = pos.get(1).cloned();
    for (i, name) in ["iterable", "maxlen"].iter().enumerate() {
        if let Some(v) = rest.kwarg(name) {
            if i < pos.len() {
                return Err(vm.type_error(format!(
                    "argument for deque() given by name ('{name}') and position ({})",
                    i + 1
                )));
            }
            if i == 0 {
                iterable = Some(v.clone());
            } else {
                maxlen_obj = Some(v.clone());
            }
        }
    }
    for (k, _) in rest.kwargs() {
        if !k.eq_ascii("iterable") && !k.eq_ascii("maxlen") {
            return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for deque()")));
        }
    }
    let maxlen = match maxlen_obj {
        None | Some(Value::None) => None,
        Some(v) => {
            let base = crate::slots::instance_base(&v).unwrap_or(v);
            let n = match base {
                Value::Int(i) => i,
                Value::Bool(b) => i64::from(b),
                Value::BigInt(_) => {
                    return Err(vm.overflow_error("Python int too large to convert to C ssize_t"))
                }
                _ => return Err(vm.type_error("an integer is required")),
            };
            if n < 0 {
                return Err(vm.value_error("maxlen must be non-negative"));
            }
            Some(n as usize)
        }
    };
    d.maxlen.set(maxlen);
    d.clear();
    if let Some(it) = iterable {
        extend(vm, &this_v, d, &it, false)?;
    }
    Ok(Value::None)
}

// ----- adding and removing -----

fn deque_append(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (d, v) = one_arg(vm, &args, "append")?;
    d.push_back(v.clone());
    Ok(Value::None)
}

fn deque_appendleft(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (d, v) = one_arg(vm, &args, "appendleft")?;
    d.push_front(v.clone());
    Ok(Value::None)
}

fn deque_pop(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = noargs(vm, &args, "pop")?;
    let item = d.items.borrow_mut().pop_back();
    match item {
        Some(v) => {
            d.bump();
            Ok(v)
        }
        None => Err(vm.index_error("pop from an empty deque")),
    }
}

fn deque_popleft(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = noargs(vm, &args, "popleft")?;
    let item = d.items.borrow_mut().pop_front();
    match item {
        Some(v) => {
            d.bump();
            Ok(v)
        }
        None => Err(vm.index_error("pop from an empty deque")),
    }
}

/// `deque_extend`/`deque_extendleft`.
fn extend(vm: &mut Vm, this_v: &Value, d: &Deque, iterable: &Value, left: bool) -> PyResult<()> {
    // Items known without running Python code.
    let known: Option<Vec<Value>> = if iterable.is(this_v) {
        Some(as_list(vm, iterable, d)?)
    } else {
        match iterable {
            Value::List(l) => Some(l.snapshot()),
            Value::Tuple(t) => Some(t.items.to_vec()),
            v => match deque_of(v) {
                Some(other) if native_iter(vm, v) => Some(other.snapshot()),
                _ => None,
            },
        }
    };
    if let Some(items) = known {
        if d.maxlen.get() == Some(0) {
            return Ok(());
        }
        if left {
            for x in items {
                d.push_front(x);
            }
        } else {
            d.extend_back(items);
        }
        return Ok(());
    }
    let it = vm.iter(iterable)?;
    if d.maxlen.get() == Some(0) {
        while vm.next(&it)?.is_some() {}
        return Ok(());
    }
    while let Some(x) = vm.next(&it)? {
        if left {
            d.push_front(x);
        } else {
            d.push_back(x);
        }
    }
    Ok(())
}

fn deque_extend(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (d, v) = one_arg(vm, &args, "extend")?;
    extend(vm, &args.values[0], d, v, false)?;
    Ok(Value::None)
}

fn deque_extendleft(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (d, v) = one_arg(vm, &args, "extendleft")?;
    extend(vm, &args.values[0], d, v, true)?;
    Ok(Value::None)
}

fn deque_clear(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = noargs(vm, &args, "clear")?;
    d.clear();
    Ok(Value::None)
}

fn deque_insert(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = this(vm, &args, "insert")?;
    args.no_kwargs(vm, "deque.insert")?;
    let [_, index, value] = args.values else {
        return Err(vm.type_error(format!(
            "insert() takes exactly 2 arguments ({} given)",
            args.values.len() - 1
        )));
    };
    let index = vm.as_ssize(index)?;
    let n = d.len() as i64;
    if d.maxlen.get() == Some(n as usize) {
        return Err(vm.index_error("deque already at its maximum size"));
    }
    if index >= n {
        d.push_back(value.clone());
    } else if index <= -n || index == 0 {
        d.push_front(value.clone());
    } else {
        let pos = if index < 0 { index + n } else { index };
        d.items.borrow_mut().insert(pos as usize, value.clone());
        d.bump();
    }
    Ok(Value::None)
}

fn deque_remove(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (d, value) = one_arg(vm, &args, "remove")?;
    let n = d.len();
    let start = d.state.get();
    for i in 0..n {
        let Some(item) = d.get(i) else { break };
        let found = vm.eq(&item, value)?;
        if d.state.get() != start {
            return Err(vm.index_error("deque mutated during iteration"));
        }
        if found {
            d.del_item(i);
            return Ok(Value::None);
        }
    }
    let r = vm.repr(value)?;
    Err(vm.value_error(format!("{r} is not in deque")))
}

fn deque_rotate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = this(vm, &args, "rotate")?;
    args.no_kwargs(vm, "deque.rotate")?;
    let n = match args.values {
        [_] => 1,
        [_, n] => vm.as_ssize(n)?,
        _ => {
            return Err(vm.type_error(format!(
                "deque.rotate expected at most 1 argument, got {}",
                args.values.len() - 1
            )))
        }
    };
    d.rotate(n);
    Ok(Value::None)
}

fn deque_reverse(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = noargs(vm, &args, "reverse")?;
    d.items.borrow_mut().make_contiguous().reverse();
    Ok(Value::None)
}

// ----- searching -----

fn deque_count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (d, value) = one_arg(vm, &args, "count")?;
    let n = d.len();
    let start = d.state.get();
    let mut count = 0i64;
    for i in 0..n {
        let Some(item) = d.get(i) else { break };
        if vm.eq(&item, value)? {
            count += 1;
        }
        if d.state.get() != start {
            return Err(runtime_mutated(vm));
        }
    }
    Ok(Value::Int(count))
}

fn deque_contains(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (d, value) = slot_arg(vm, &args, "__contains__")?;
    let n = d.len();
    let start = d.state.get();
    for i in 0..n {
        let Some(item) = d.get(i) else { break };
        if vm.eq(&item, value)? {
            return Ok(Value::Bool(true));
        }
        if d.state.get() != start {
            return Err(runtime_mutated(vm));
        }
    }
    Ok(Value::Bool(false))
}

fn deque_index(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = this(vm, &args, "index")?;
    let start_state = d.state.get();
    let default_stop = d.len() as i64;
    args.no_kwargs(vm, "deque.index")?;
    let rest = &args.values[1..];
    if rest.is_empty() {
        return Err(vm.type_error("index() takes at least 1 argument (0 given)"));
    }
    if rest.len() > 3 {
        return Err(vm.type_error(format!(
            "index() takes at most 3 arguments ({} given)",
            rest.len()
        )));
    }
    let value = &rest[0];
    let mut start = match rest.get(1) {
        Some(v) => slice_index(vm, v)?,
        None => 0,
    };
    let mut stop = match rest.get(2) {
        Some(v) => slice_index(vm, v)?,
        None => default_stop,
    };
    let len = d.len() as i64;
    if start < 0 {
        start = start.saturating_add(len).max(0);
    }
    if stop < 0 {
        stop = stop.saturating_add(len).max(0);
    }
    stop = stop.min(len);
    start = start.min(stop);
    for i in start..stop {
        let Some(item) = d.get(i as usize) else {
            return Err(runtime_mutated(vm));
        };
        if vm.eq(&item, value)? {
            return Ok(Value::Int(i));
        }
        if d.state.get() != start_state {
            return Err(runtime_mutated(vm));
        }
    }
    let r = vm.repr(value)?;
    Err(vm.value_error(format!("{r} is not in deque")))
}

// ----- sequence protocol -----

fn deque_len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = this(vm, &args, "__len__")?;
    if args.values.len() != 1 {
        return Err(vm.type_error(format!(
            "expected 0 arguments, got {}",
            args.values.len() - 1
        )));
    }
    Ok(Value::Int(d.len() as i64))
}

fn deque_bool(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = this(vm, &args, "__bool__")?;
    if args.values.len() != 1 {
        return Err(vm.type_error(format!(
            "expected 0 arguments, got {}",
            args.values.len() - 1
        )));
    }
    Ok(Value::Bool(d.len() != 0))
}

fn deque_getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (d, key) = slot_arg(vm, &args, "__getitem__")?;
    if let Value::Int(i) = key {
        // The common case, without the general index conversion.
        let items = d.items.borrow();
        let n = items.len() as i64;
        let j = if *i < 0 { i + n } else { *i };
        if (0..n).contains(&j) {
            return Ok(items[j as usize].clone());
        }
    }
    let i = item_index(vm, key, d)?;
    Ok(d.get(i).unwrap_or_default())
}

fn deque_setitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = this(vm, &args, "__setitem__")?;
    args.no_kwargs(vm, "__setitem__")?;
    let [_, key, value] = args.values else {
        return Err(vm.type_error(format!(
            "expected 2 arguments, got {}",
            args.values.len() - 1
        )));
    };
    let i = item_index(vm, key, d)?;
    let old = d
        .items
        .borrow_mut()
        .get_mut(i)
        .map(|slot| std::mem::replace(slot, value.clone()));
    drop(old);
    Ok(Value::None)
}

fn deque_delitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (d, key) = slot_arg(vm, &args, "__delitem__")?;
    let i = item_index(vm, key, d)?;
    if i < d.len() {
        d.del_item(i);
    }
    Ok(Value::None)
}

// ----- iteration -----

/// The state of a deque iterator.
struct DequeIter {
    deque: Value,
    state: u64,
    /// Items not yet produced.
    counter: Cell<usize>,
    /// The deque's length when iteration started: with the state
    /// unchanged, the next forward position is `len - counter`.
    len: usize,
    reverse: bool,
}

impl DequeIter {
    fn new(deque: &Value, d: &Deque, reverse: bool) -> DequeIter {
        let len = d.len();
        DequeIter {
            deque: deque.clone(),
            state: d.state.get(),
            counter: Cell::new(len),
            len,
            reverse,
        }
    }

    /// `dequeiter_next`/`dequereviter_next`: the forward iterator checks
    /// the state before exhaustion, the reverse one after.
    fn next(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let Some(d) = deque_of(&self.deque) else {
            return Ok(None);
        };
        if self.reverse && self.counter.get() == 0 {
            return Ok(None);
        }
        if d.state.get() != self.state {
            self.counter.set(0);
            return Err(runtime_mutated(vm));
        }
        let c = self.counter.get();
        if c == 0 {
            return Ok(None);
        }
        let pos = if self.reverse { c - 1 } else { self.len - c };
        let item = d.get(pos);
        self.counter.set(c - 1);
        Ok(item)
    }
}

fn new_iter(d: &Deque, deque: &Value, reverse: bool) -> Value {
    let cls = if reverse {
        d.classes.reverse.clone()
    } else {
        d.classes.forward.clone()
    };
    native::new_iterator::<DequeIter>(cls, DequeIter::new(deque, d, reverse), deque_iter_next)
}

/// The iterators' step, which `for` loops and `next()` call directly.
fn deque_iter_next(
    vm: &mut Vm,
    _this: &Value,
    p: &native::NativePayload,
) -> PyResult<Option<Value>> {
    match p.downcast::<DequeIter>() {
        Some(it) => it.next(vm),
        None => Ok(None),
    }
}

fn deque_iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = this(vm, &args, "__iter__")?;
    if args.values.len() != 1 {
        return Err(vm.type_error(format!(
            "expected 0 arguments, got {}",
            args.values.len() - 1
        )));
    }
    Ok(new_iter(d, &args.values[0], false))
}

fn deque_reversed(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = noargs(vm, &args, "__reversed__")?;
    Ok(new_iter(d, &args.values[0], true))
}

fn iter_state<'a>(vm: &mut Vm, args: &Args<'a>, name: &str) -> PyResult<&'a DequeIter> {
    if let Some(Value::Instance(i)) = args.values.first() {
        if let Some(Value::Native(p)) = &i.base {
            if let Some(s) = p.downcast::<DequeIter>() {
                return Ok(s);
            }
        }
    }
    match args.values.first() {
        Some(v) => {
            let t = vm.type_name(v);
            Err(vm.type_error(format!(
                "descriptor '{name}' requires a '_collections._deque_iterator' object but received a '{t}'"
            )))
        }
        None => Err(vm.type_error(format!(
            "unbound method _deque_iterator.{name}() needs an argument"
        ))),
    }
}

fn iter_iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    iter_state(vm, &args, "__iter__")?;
    Ok(args.values[0].clone())
}

fn iter_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let it = iter_state(vm, &args, "__next__")?;
    match it.next(vm)? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(None)),
    }
}

fn iter_length_hint(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let it = iter_state(vm, &args, "__length_hint__")?;
    Ok(Value::Int(it.counter.get() as i64))
}

fn iter_reduce(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let it = iter_state(vm, &args, "__reduce__")?;
    let len = deque_of(&it.deque).map_or(0, |d| d.len()) as i64;
    let cls = vm.type_of(&args.values[0]).clone();
    let inner = TupleObject::new(vec![
        it.deque.clone(),
        Value::Int(len - it.counter.get() as i64),
    ]);
    Ok(Value::Tuple(TupleObject::new(vec![
        Value::Type(cls),
        Value::Tuple(inner),
    ])))
}

/// `_deque_iterator(deque, index=0)`: an iterator advanced by `index`.
fn iter_new_common(vm: &mut Vm, args: Args, reverse: bool) -> PyResult<Value> {
    let pos = args.pos();
    let n = pos.len().saturating_sub(1);
    if n == 0 {
        return Err(vm.type_error("function takes at least 1 argument (0 given)"));
    }
    if n > 2 {
        return Err(vm.type_error(format!("function takes at most 2 arguments ({n} given)")));
    }
    let deque = &pos[1];
    let Some(d) = deque_of(deque) else {
        let t = vm.arg_type_name(deque);
        return Err(vm.type_error(format!("argument 1 must be {TP_NAME}, not {t}")));
    };
    let index = match pos.get(2) {
        Some(v) => vm.as_ssize(v)?,
        None => 0,
    };
    let it = new_iter(d, deque, reverse);
    if let Value::Instance(i) = &it {
        if let Some(Value::Native(p)) = &i.base {
            if let Some(s) = p.downcast::<DequeIter>() {
                for _ in 0..index.max(0) {
                    if s.next(vm)?.is_none() {
                        break;
                    }
                }
            }
        }
    }
    Ok(it)
}

fn iter_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    iter_new_common(vm, args, false)
}

fn reviter_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    iter_new_common(vm, args, true)
}

// ----- copying, repr, pickling -----

/// `deque_copy`: a plain deque copies itself; a subclass is called with
/// the deque (and its maxlen).
fn copy_of(vm: &mut Vm, v: &Value, d: &Deque) -> PyResult<Value> {
    let Value::Instance(inst) = v else {
        return Err(vm.type_error("deque expected"));
    };
    if !inst.class.heap {
        let items = d.items.borrow().clone();
        return Ok(new_deque(
            inst.class.clone(),
            d.classes.clone(),
            d.maxlen.get(),
            items,
        ));
    }
    let cls = Value::Type(inst.class.clone());
    let result = match d.maxlen.get() {
        None => vm.call(&cls, std::slice::from_ref(v))?,
        Some(m) => vm.call(&cls, &[v.clone(), Value::Int(m as i64)])?,
    };
    if deque_of(&result).is_none() {
        let name = inst.class.name.borrow().clone();
        let t = vm.type_name(&result);
        return Err(vm.type_error(format!("{name}() must return a deque, not {t}")));
    }
    Ok(result)
}

fn deque_copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = noargs(vm, &args, "copy")?;
    copy_of(vm, &args.values[0], d)
}

fn deque_dunder_copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = noargs(vm, &args, "__copy__")?;
    copy_of(vm, &args.values[0], d)
}

fn deque_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = this(vm, &args, "__repr__")?;
    let v = &args.values[0];
    let p = v.heap_ptr().unwrap_or(0);
    if vm.repr_stack.contains(&p) {
        return Ok(Value::str("[...]"));
    }
    vm.repr_stack.push(p);
    let r = (|| -> PyResult<String> {
        let items = as_list(vm, v, d)?;
        let list = vm.new_list(items);
        vm.repr(&list)
    })();
    if let Some(i) = vm.repr_stack.iter().rposition(|x| *x == p) {
        vm.repr_stack.remove(i);
    }
    let items = r?;
    let name = vm.type_of(v).name.borrow().clone();
    Ok(Value::str(&match d.maxlen.get() {
        Some(m) => format!("{name}({items}, maxlen={m})"),
        None => format!("{name}({items})"),
    }))
}

fn deque_reduce(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = noargs(vm, &args, "__reduce__")?;
    let v = &args.values[0];
    let cls = vm.type_of(v).clone();
    let dict = match v {
        Value::Instance(i) if !i.class.dictless.get() => Value::Dict(i.dict.clone()),
        _ => Value::None,
    };
    let it = new_iter(d, v, false);
    let ctor_args = match d.maxlen.get() {
        None => TupleObject::new(vec![]),
        Some(m) => TupleObject::new(vec![
            Value::Tuple(TupleObject::new(vec![])),
            Value::Int(m as i64),
        ]),
    };
    Ok(Value::Tuple(TupleObject::new(vec![
        Value::Type(cls),
        Value::Tuple(ctor_args),
        dict,
        it,
    ])))
}

fn deque_class_getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let [cls, item] = args.values else {
        return Err(vm.type_error(format!(
            "deque.__class_getitem__() takes exactly one argument ({} given)",
            args.values.len().saturating_sub(1)
        )));
    };
    let alias = match vm.import_absolute("types") {
        Ok(m) => vm.get_attr_opt(&m, "GenericAlias")?,
        Err(_) => None,
    };
    match alias {
        Some(ga) => vm.call(&ga, &[cls.clone(), item.clone()]),
        None => Err(vm.not_implemented_error(
            "deque[...] needs types.GenericAlias, which pyvm does not have",
        )),
    }
}

// ----- maxlen -----

fn maxlen_get(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = this(vm, &args, "maxlen")?;
    Ok(match d.maxlen.get() {
        Some(m) => Value::Int(m as i64),
        None => Value::None,
    })
}

fn maxlen_set(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(vm.attribute_error(format!(
        "attribute 'maxlen' of '{TP_NAME}' objects is not writable"
    )))
}

fn maxlen_del(vm: &mut Vm, args: Args) -> PyResult<Value> {
    maxlen_set(vm, args)
}

// ----- comparison -----

/// `deque_richcompare`: both operands iterated (with their iterators'
/// mutation checks) to the first pair of unequal items.
fn richcompare(vm: &mut Vm, args: Args, op: CompareOp, name: &str) -> PyResult<Value> {
    let (_, w) = slot_arg(vm, &args, name)?;
    let v = &args.values[0];
    let (Some(dv), Some(dw)) = (deque_of(v), deque_of(w)) else {
        return Ok(Value::NotImplemented);
    };
    let (vs, ws) = (dv.len(), dw.len());
    match op {
        CompareOp::Eq if v.is(w) => return Ok(Value::Bool(true)),
        CompareOp::Eq if vs != ws => return Ok(Value::Bool(false)),
        CompareOp::Ne if v.is(w) => return Ok(Value::Bool(false)),
        CompareOp::Ne if vs != ws => return Ok(Value::Bool(true)),
        _ => {}
    }
    let it1 = Walker::new(vm, v, dv)?;
    let it2 = Walker::new(vm, w, dw)?;
    // Items may be deques themselves: each level counts against the
    // recursion limit, on a stack that grows as needed.
    vm.enter_recursion(" in comparison")?;
    let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || compare_items(vm, &it1, &it2, op));
    vm.leave_recursion();
    r
}

/// `deque_richcompare`'s loop: the first pair of unequal items decides.
fn compare_items(vm: &mut Vm, it1: &Walker, it2: &Walker, op: CompareOp) -> PyResult<Value> {
    loop {
        let x = it1.next(vm)?;
        let y = it2.next(vm)?;
        let (x, y) = match (x, y) {
            (Some(x), Some(y)) => (x, y),
            (x, y) => {
                // The end of one deque or both.
                let r = match op {
                    CompareOp::Lt => y.is_some(),
                    CompareOp::Le => x.is_none(),
                    CompareOp::Eq => x.is_none() && y.is_none(),
                    CompareOp::Ne => x.is_some() || y.is_some(),
                    CompareOp::Gt => x.is_some(),
                    CompareOp::Ge => y.is_none(),
                };
                return Ok(Value::Bool(r));
            }
        };
        if !vm.eq(&x, &y)? {
            // CPython compares the first unequal pair again with `op`
            // (for == too).
            let r = vm.compare(&x, &y, op)?;
            return Ok(Value::Bool(vm.truthy(&r)?));
        }
    }
}

/// An iterator over a deque: the native one, or the `__iter__` a subclass
/// defines.
enum Walker {
    Native(DequeIter),
    Generic(Value),
}

impl Walker {
    fn new(vm: &mut Vm, v: &Value, d: &Deque) -> PyResult<Walker> {
        Ok(if native_iter(vm, v) {
            Walker::Native(DequeIter::new(v, d, false))
        } else {
            Walker::Generic(vm.iter(v)?)
        })
    }

    fn next(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        match self {
            Walker::Native(it) => it.next(vm),
            Walker::Generic(it) => vm.next(it),
        }
    }
}

fn deque_lt(vm: &mut Vm, args: Args) -> PyResult<Value> {
    richcompare(vm, args, CompareOp::Lt, "__lt__")
}

fn deque_le(vm: &mut Vm, args: Args) -> PyResult<Value> {
    richcompare(vm, args, CompareOp::Le, "__le__")
}

fn deque_eq(vm: &mut Vm, args: Args) -> PyResult<Value> {
    richcompare(vm, args, CompareOp::Eq, "__eq__")
}

fn deque_ne(vm: &mut Vm, args: Args) -> PyResult<Value> {
    richcompare(vm, args, CompareOp::Ne, "__ne__")
}

fn deque_gt(vm: &mut Vm, args: Args) -> PyResult<Value> {
    richcompare(vm, args, CompareOp::Gt, "__gt__")
}

fn deque_ge(vm: &mut Vm, args: Args) -> PyResult<Value> {
    richcompare(vm, args, CompareOp::Ge, "__ge__")
}

// ----- arithmetic -----

fn deque_add(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (d, other) = slot_arg(vm, &args, "__add__")?;
    if deque_of(other).is_none() {
        // `other.__radd__` comes before sequence concatenation.
        if matches!(other, Value::Instance(_))
            && vm.user_special(other, Special::__radd__).is_some()
        {
            return Ok(Value::NotImplemented);
        }
        let t = vm.type_name(other);
        return Err(vm.type_error(format!("can only concatenate deque (not \"{t}\") to deque")));
    }
    let new = copy_of(vm, &args.values[0], d)?;
    if let Some(nd) = deque_of(&new) {
        extend(vm, &new, nd, other, false)?;
    }
    Ok(new)
}

fn deque_iadd(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (d, other) = slot_arg(vm, &args, "__iadd__")?;
    extend(vm, &args.values[0], d, other, false)?;
    Ok(args.values[0].clone())
}

/// The repeat count of `deque * n`; `None` when `n.__rmul__` should answer.
fn repeat_count(vm: &mut Vm, this: &Value, n: &Value, reflected: bool) -> PyResult<Option<i64>> {
    match as_index(vm, n)? {
        Some(Index::Small(i)) => Ok(Some(i)),
        Some(Index::Big(_)) => {
            Err(vm.overflow_error("cannot fit 'int' into an index-sized integer"))
        }
        None => {
            if !reflected
                && matches!(n, Value::Instance(_))
                && deque_of(n).is_none()
                && vm.user_special(n, Special::__rmul__).is_some()
            {
                return Ok(None);
            }
            // `seq * deque` is the left sequence's repetition, whose
            // count is the deque.
            let left_seq = reflected
                && (deque_of(n).is_some()
                    || matches!(
                        crate::slots::instance_base(n).as_ref().unwrap_or(n),
                        Value::Str(_)
                            | Value::Bytes(_)
                            | Value::ByteArray(_)
                            | Value::List(_)
                            | Value::Tuple(_)
                    ));
            let t = vm.type_name(if left_seq { this } else { n });
            Err(vm.type_error(format!("can't multiply sequence by non-int of type '{t}'")))
        }
    }
}

/// `deque_inplace_repeat`.
fn inplace_repeat(vm: &mut Vm, v: &Value, d: &Deque, n: i64) -> PyResult<()> {
    let size = d.len();
    if size == 0 || n == 1 {
        return Ok(());
    }
    if n <= 0 {
        d.clear();
        return Ok(());
    }
    let mut n = n as u64;
    if let Some(m) = d.maxlen.get() {
        if n.saturating_mul(size as u64) > m as u64 {
            n = (m as u64).div_ceil(size as u64);
        }
    }
    let seq = if size == 1 {
        d.snapshot()
    } else {
        as_list(vm, v, d)?
    };
    let extra = (n - 1)
        .checked_mul(seq.len() as u64)
        .and_then(|t| usize::try_from(t).ok());
    let mut all = Vec::new();
    if extra.is_none_or(|t| all.try_reserve_exact(t).is_err()) {
        return Err(vm.new_error_args("MemoryError", vec![]));
    }
    for _ in 1..n {
        all.extend(seq.iter().cloned());
    }
    d.extend_back(all);
    Ok(())
}

fn deque_mul(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (d, n) = slot_arg(vm, &args, "__mul__")?;
    let Some(n) = repeat_count(vm, &args.values[0], n, false)? else {
        return Ok(Value::NotImplemented);
    };
    let new = copy_of(vm, &args.values[0], d)?;
    if let Some(nd) = deque_of(&new) {
        inplace_repeat(vm, &new, nd, n)?;
    }
    Ok(new)
}

fn deque_rmul(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (d, n) = slot_arg(vm, &args, "__rmul__")?;
    let Some(n) = repeat_count(vm, &args.values[0], n, true)? else {
        return Ok(Value::NotImplemented);
    };
    let new = copy_of(vm, &args.values[0], d)?;
    if let Some(nd) = deque_of(&new) {
        inplace_repeat(vm, &new, nd, n)?;
    }
    Ok(new)
}

fn deque_imul(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (d, n) = slot_arg(vm, &args, "__imul__")?;
    let Some(n) = repeat_count(vm, &args.values[0], n, false)? else {
        return Ok(Value::NotImplemented);
    };
    inplace_repeat(vm, &args.values[0], d, n)?;
    Ok(args.values[0].clone())
}
