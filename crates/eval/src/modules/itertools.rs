//! `itertools`: the iterator building blocks of CPython 3.10's
//! `Modules/itertoolsmodule.c`, native as in CPython.
//!
//! Each iterator type is a native class (`objects/native.rs`) whose state
//! lives in `Cell`/`RefCell` fields and whose instances carry a `next` hook,
//! so `for` loops, `next()` and the native consumers (`list`, `sum`,
//! `Counter`...) step them without a method call or a StopIteration object.
//! Python subclasses work as in CPython: their instances hold the same state
//! and go through `__next__`.
//!
//! No `RefCell` borrow is held while Python code runs (an iterator's
//! `__next__`, a key or predicate function, `==`): the values a step needs
//! are cloned out first and the state is written back afterwards, so
//! re-entrant use behaves as it does in C.
//!
//! The combinatoric iterators reuse their result tuple when nobody else holds
//! it, as CPython does, so `for a, b in combinations(...)` allocates nothing
//! per item.
//!
//! Missing: pickling (`__reduce__` of all types but `count` and `repeat`
//! raises NotImplementedError), `__setstate__`, `__sizeof__`, and
//! `chain[int]`-style class subscription.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use pyvm_loader::instruction::BinaryOp;

use crate::args::Args;
use crate::error::PyResult;
use crate::objects::function::{BuiltinFunction, NativeFn, NativeKind};
use crate::objects::native::{self, NativePayload};
use crate::objects::{ModuleObject, TupleObject, TypeObject};
use crate::value::Value;
use crate::vm::Vm;

/// The classes the module's functions create instances of without being
/// handed the class (`groupby` makes `_grouper`s, `tee()` makes `_tee`s).
pub struct Classes {
    grouper: Rc<TypeObject>,
    tee: Rc<TypeObject>,
}

/// One iterator type's state: its step.
trait Step: 'static {
    /// The next item, `None` when exhausted.
    fn step(&self, vm: &mut Vm) -> PyResult<Option<Value>>;
}

/// The `next` hook of a native instance holding a `T`.
fn hook<T: Step>(vm: &mut Vm, _this: &Value, p: &NativePayload) -> PyResult<Option<Value>> {
    match p.downcast::<T>() {
        Some(s) => s.step(vm),
        None => Ok(None),
    }
}

fn make<T: Step>(cls: Rc<TypeObject>, state: T) -> Value {
    native::new_iterator(cls, state, hook::<T>)
}

// ----- argument parsing shared by the constructors -----

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The class a `__new__` builds and the arguments after it.
fn new_args<'a>(vm: &mut Vm, args: &Args<'a>, name: &str) -> PyResult<(Rc<TypeObject>, Args<'a>)> {
    let cls = native::new_target(vm, args, &format!("itertools.{name}"))?;
    Ok((cls, args.skip_self()))
}

/// Positional-only constructor arguments, `min..=max` of them. As in
/// Argument Clinic's code, keywords are refused only for the exact type
/// (a subclass's `__init__` may take them).
fn positional<'a>(
    vm: &mut Vm,
    cls: &TypeObject,
    args: &Args<'a>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    if cls.heap {
        Args::new(args.pos()).unpack(vm, name, min, max)
    } else {
        args.unpack(vm, name, min, max)
    }
}

/// Arguments that may be given by keyword, bound as `_PyArg_UnpackKeywords`
/// binds them (with its messages): `names[..required]` are mandatory and at
/// most `maxpos` may be positional.
fn parse<const N: usize>(
    vm: &mut Vm,
    args: &Args,
    name: &str,
    names: [&str; N],
    required: usize,
    maxpos: usize,
) -> PyResult<[Option<Value>; N]> {
    let pos = args.pos();
    let nkw = args.kwnames.len();
    let total = pos.len() + nkw;
    if total > N {
        let kw = if pos.is_empty() { "keyword " } else { "" };
        return Err(vm.type_error(format!(
            "{name}() takes at most {N} {kw}argument{} ({total} given)",
            plural(N)
        )));
    }
    if pos.len() > maxpos {
        return Err(vm.type_error(format!(
            "{name}() takes at most {maxpos} positional argument{} ({} given)",
            plural(maxpos),
            pos.len()
        )));
    }
    let mut out: [Option<Value>; N] = std::array::from_fn(|_| None);
    for (slot, v) in out.iter_mut().zip(pos) {
        *slot = Some(v.clone());
    }
    let mut left = nkw;
    for (i, key) in names.iter().enumerate().skip(pos.len()) {
        match args.kwarg(key) {
            Some(v) => {
                out[i] = Some(v.clone());
                left -= 1;
            }
            None if i < required => {
                return Err(vm.type_error(format!(
                    "{name}() missing required argument '{key}' (pos {})",
                    i + 1
                )))
            }
            None => {}
        }
    }
    if left > 0 {
        for (i, key) in names.iter().enumerate().take(pos.len()) {
            if args.kwarg(key).is_some() {
                return Err(vm.type_error(format!(
                    "argument for {name}() given by name ('{key}') and position ({})",
                    i + 1
                )));
            }
        }
        for (k, _) in args.kwargs() {
            if !names.iter().any(|n| k.eq_ascii(n)) {
                return Err(
                    vm.type_error(format!("'{k}' is an invalid keyword argument for {name}()"))
                );
            }
        }
    }
    Ok(out)
}

/// `r` of the combinatoric iterators: a non-negative `Py_ssize_t`.
fn r_arg(vm: &mut Vm, v: &Value) -> PyResult<usize> {
    let r = vm.as_ssize(v)?;
    usize::try_from(r).map_err(|_| vm.value_error("r must be non-negative"))
}

/// `PyNumber_Check`: what `count` accepts.
fn is_number(vm: &mut Vm, v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Float(_) | Value::Complex(_) => {
            true
        }
        _ => {
            let cls = vm.type_of(v).clone();
            for name in ["__index__", "__int__", "__float__"] {
                let key = vm.intern(name);
                if vm.lookup_type(&cls, &key).is_some() {
                    return true;
                }
            }
            let complex = vm.types.complex.clone();
            cls.is_subtype(&complex)
        }
    }
}

/// A result tuple the iterator may refill in place: CPython reuses its
/// result tuple when the consumer has already let go of it.
fn refill(slot: &RefCell<Option<Rc<TupleObject>>>, fill: impl FnOnce(&mut [Value])) -> Value {
    let mut slot = slot.borrow_mut();
    if let Some(t) = slot.as_mut() {
        if let Some(t) = Rc::get_mut(t) {
            fill(&mut t.items);
            return Value::Tuple(slot.clone().unwrap_or_else(TupleObject::empty));
        }
        let mut items = t.items.to_vec();
        fill(&mut items);
        let t = TupleObject::new(items);
        *slot = Some(t.clone());
        return Value::Tuple(t);
    }
    Value::None
}

// ----- the iterator protocol of every type -----

fn self_iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    match args.values.first() {
        Some(v) if native::next_hook(v).is_some() => Ok(v.clone()),
        _ => Err(vm.type_error("descriptor '__iter__' requires an itertools object")),
    }
}

fn self_next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some((f, p)) = args.values.first().and_then(native::next_hook) else {
        return Err(vm.type_error("descriptor '__next__' requires an itertools object"));
    };
    match f(vm, &args.values[0], p)? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(None)),
    }
}

fn no_reduce(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let name = match args.values.first() {
        Some(v) => vm.type_of(v).name.borrow().clone(),
        None => "itertools".to_string(),
    };
    Err(vm.not_implemented_error(format!(
        "pyvm cannot pickle or copy itertools.{name} objects"
    )))
}

/// The state `T` of method receiver `args[0]`.
fn this<'a, T: 'static>(vm: &mut Vm, args: &Args<'a>, what: &str) -> PyResult<&'a T> {
    native::self_state::<T>(vm, args, what)
}

fn type_name_of(vm: &Vm, v: &Value) -> String {
    vm.type_of(v).name.borrow().clone()
}

// ----- count -----

struct Count {
    /// The next value.
    cnt: RefCell<Value>,
    step: Value,
    /// CPython's fast mode: both ints and step 1 (the repr shows no step).
    fast: bool,
}

impl Step for Count {
    fn step(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let cur = self.cnt.borrow().clone();
        let next = match (&cur, &self.step) {
            (Value::Int(a), Value::Int(b)) if a.checked_add(*b).is_some() => Value::Int(a + b),
            _ => vm.binary_op(BinaryOp::Add, &cur, &self.step)?,
        };
        *self.cnt.borrow_mut() = next;
        Ok(Some(cur))
    }
}

fn is_int_one(v: &Value) -> bool {
    matches!(v, Value::Int(1) | Value::Bool(true))
}

fn count_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, args) = new_args(vm, &args, "count")?;
    let [start, step] = parse(vm, &args, "count", ["start", "step"], 0, 2)?;
    for v in [&start, &step].into_iter().flatten() {
        if !is_number(vm, v) {
            return Err(vm.type_error("a number is required"));
        }
    }
    let step = step.unwrap_or(Value::Int(1));
    let start = start.unwrap_or(Value::Int(0));
    let int_start = match start {
        Value::Bool(b) => Some(Value::Int(i64::from(b))),
        Value::Int(_) => Some(start.clone()),
        _ => None,
    };
    let fast = is_int_one(&step) && int_start.is_some();
    let state = Count {
        cnt: RefCell::new(if fast {
            int_start.unwrap_or(start)
        } else {
            start
        }),
        step: if fast { Value::Int(1) } else { step },
        fast,
    };
    Ok(make(cls, state))
}

fn count_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let c = this::<Count>(vm, &args, "__repr__")?;
    let name = type_name_of(vm, &args.values[0]);
    let cnt = c.cnt.borrow().clone();
    let cnt = vm.repr(&cnt)?;
    if c.fast || is_int_one(&c.step) {
        return Ok(Value::str(&format!("{name}({cnt})")));
    }
    let step = vm.repr(&c.step)?;
    Ok(Value::str(&format!("{name}({cnt}, {step})")))
}

fn count_reduce(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let c = this::<Count>(vm, &args, "__reduce__")?;
    let cls = Value::Type(vm.type_of(&args.values[0]).clone());
    let cnt = c.cnt.borrow().clone();
    let params = if c.fast {
        vec![cnt]
    } else {
        vec![cnt, c.step.clone()]
    };
    Ok(Value::tuple(vec![cls, Value::tuple(params)]))
}

// ----- cycle -----

struct Cycle {
    it: RefCell<Option<Value>>,
    saved: RefCell<Vec<Value>>,
    index: Cell<usize>,
}

impl Step for Cycle {
    fn step(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let it = self.it.borrow().clone();
        if let Some(it) = it {
            if let Some(v) = vm.next(&it)? {
                self.saved.borrow_mut().push(v.clone());
                return Ok(Some(v));
            }
            *self.it.borrow_mut() = None;
        }
        let saved = self.saved.borrow();
        if saved.is_empty() {
            return Ok(None);
        }
        let i = self.index.get();
        let item = saved.get(i).cloned();
        self.index.set(if i + 1 >= saved.len() { 0 } else { i + 1 });
        Ok(item)
    }
}

fn cycle_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, args) = new_args(vm, &args, "cycle")?;
    let a = positional(vm, &cls, &args, "cycle", 1, 1)?;
    let it = vm.iter(&a[0])?;
    let state = Cycle {
        it: RefCell::new(Some(it)),
        saved: RefCell::new(Vec::new()),
        index: Cell::new(0),
    };
    Ok(make(cls, state))
}

// ----- repeat -----

struct Repeat {
    element: Value,
    /// Items still to come; `None` repeats forever.
    left: Cell<Option<i64>>,
}

impl Step for Repeat {
    fn step(&self, _vm: &mut Vm) -> PyResult<Option<Value>> {
        match self.left.get() {
            None => Ok(Some(self.element.clone())),
            Some(0) => Ok(None),
            Some(n) => {
                self.left.set(Some(n - 1));
                Ok(Some(self.element.clone()))
            }
        }
    }
}

fn repeat_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, args) = new_args(vm, &args, "repeat")?;
    let [element, times] = parse(vm, &args, "repeat", ["object", "times"], 1, 2)?;
    let left = match times {
        Some(t) => Some(vm.as_ssize(&t)?.max(0)),
        None => None,
    };
    let state = Repeat {
        element: element.unwrap_or_default(),
        left: Cell::new(left),
    };
    Ok(make(cls, state))
}

fn repeat_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let r = this::<Repeat>(vm, &args, "__repr__")?;
    let name = type_name_of(vm, &args.values[0]);
    let element = vm.repr(&r.element)?;
    Ok(Value::str(&match r.left.get() {
        None => format!("{name}({element})"),
        Some(n) => format!("{name}({element}, {n})"),
    }))
}

fn repeat_length_hint(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let r = this::<Repeat>(vm, &args, "__length_hint__")?;
    match r.left.get() {
        None => Err(vm.type_error("len() of unsized object")),
        Some(n) => Ok(Value::Int(n)),
    }
}

fn repeat_reduce(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let r = this::<Repeat>(vm, &args, "__reduce__")?;
    let cls = Value::Type(vm.type_of(&args.values[0]).clone());
    let mut params = vec![r.element.clone()];
    if let Some(n) = r.left.get() {
        params.push(Value::Int(n));
    }
    Ok(Value::tuple(vec![cls, Value::tuple(params)]))
}

// ----- accumulate -----

struct Accumulate {
    it: Value,
    func: Value,
    total: RefCell<Option<Value>>,
    initial: RefCell<Option<Value>>,
}

impl Step for Accumulate {
    fn step(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        if let Some(first) = self.initial.borrow_mut().take() {
            *self.total.borrow_mut() = Some(first.clone());
            return Ok(Some(first));
        }
        let Some(v) = vm.next(&self.it)? else {
            return Ok(None);
        };
        let total = self.total.borrow().clone();
        let new = match total {
            None => v,
            Some(t) if self.func.is_none() => vm.binary_op(BinaryOp::Add, &t, &v)?,
            Some(t) => vm.call(&self.func, &[t, v])?,
        };
        *self.total.borrow_mut() = Some(new.clone());
        Ok(Some(new))
    }
}

fn accumulate_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, args) = new_args(vm, &args, "accumulate")?;
    let [iterable, func, initial] = parse(
        vm,
        &args,
        "accumulate",
        ["iterable", "func", "initial"],
        1,
        2,
    )?;
    let it = vm.iter(&iterable.unwrap_or_default())?;
    let state = Accumulate {
        it,
        func: func.unwrap_or_default(),
        total: RefCell::new(None),
        initial: RefCell::new(initial.filter(|v| !v.is_none())),
    };
    Ok(make(cls, state))
}

// ----- chain -----

struct Chain {
    /// The iterator over the iterables, `None` once exhausted.
    source: RefCell<Option<Value>>,
    active: RefCell<Option<Value>>,
}

impl Step for Chain {
    fn step(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        loop {
            let active = self.active.borrow().clone();
            let active = match active {
                Some(a) => a,
                None => {
                    let Some(source) = self.source.borrow().clone() else {
                        return Ok(None);
                    };
                    let next = vm.next(&source).and_then(|n| match n {
                        Some(iterable) => vm.iter(&iterable).map(Some),
                        None => Ok(None),
                    });
                    match next {
                        Ok(Some(a)) => {
                            *self.active.borrow_mut() = Some(a.clone());
                            a
                        }
                        Ok(None) => {
                            *self.source.borrow_mut() = None;
                            return Ok(None);
                        }
                        Err(e) => {
                            *self.source.borrow_mut() = None;
                            return Err(e);
                        }
                    }
                }
            };
            if let Some(v) = vm.next(&active)? {
                return Ok(Some(v));
            }
            *self.active.borrow_mut() = None;
        }
    }
}

fn chain_of(cls: Rc<TypeObject>, source: Value) -> Value {
    let state = Chain {
        source: RefCell::new(Some(source)),
        active: RefCell::new(None),
    };
    make(cls, state)
}

fn chain_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, args) = new_args(vm, &args, "chain")?;
    if !cls.heap {
        args.no_kwargs(vm, "chain")?;
    }
    let source = vm.iter(&Value::tuple(args.pos().to_vec()))?;
    Ok(chain_of(cls, source))
}

fn chain_from_iterable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = match args.values.first() {
        Some(Value::Type(t)) => t.clone(),
        _ => return Err(vm.type_error("from_iterable() needs a class")),
    };
    let a = args.skip_self().one(vm, "chain.from_iterable")?;
    let source = vm.iter(a)?;
    Ok(chain_of(cls, source))
}

// ----- compress, dropwhile, takewhile, filterfalse, starmap -----

struct Compress {
    data: Value,
    selectors: Value,
}

impl Step for Compress {
    fn step(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        loop {
            let Some(datum) = vm.next(&self.data)? else {
                return Ok(None);
            };
            let Some(selector) = vm.next(&self.selectors)? else {
                return Ok(None);
            };
            if vm.truthy(&selector)? {
                return Ok(Some(datum));
            }
        }
    }
}

fn compress_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, args) = new_args(vm, &args, "compress")?;
    let [data, selectors] = parse(vm, &args, "compress", ["data", "selectors"], 2, 2)?;
    let data = vm.iter(&data.unwrap_or_default())?;
    let selectors = vm.iter(&selectors.unwrap_or_default())?;
    Ok(make(cls, Compress { data, selectors }))
}

/// `func(item)` as a truth value; `None` (and `bool`, for filterfalse) test
/// the item itself.
fn predicate(vm: &mut Vm, func: &Value, item: &Value, bool_is_identity: bool) -> PyResult<bool> {
    if func.is_none()
        || (bool_is_identity && matches!(func, Value::Type(t) if Rc::ptr_eq(t, &vm.types.bool_)))
    {
        return vm.truthy(item);
    }
    let r = vm.call(func, std::slice::from_ref(item))?;
    vm.truthy(&r)
}

struct DropWhile {
    func: Value,
    it: Value,
    started: Cell<bool>,
}

impl Step for DropWhile {
    fn step(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        loop {
            let Some(item) = vm.next(&self.it)? else {
                return Ok(None);
            };
            if self.started.get() {
                return Ok(Some(item));
            }
            let r = vm.call(&self.func, std::slice::from_ref(&item))?;
            if !vm.truthy(&r)? {
                self.started.set(true);
                return Ok(Some(item));
            }
        }
    }
}

struct TakeWhile {
    func: Value,
    it: Value,
    stopped: Cell<bool>,
}

impl Step for TakeWhile {
    fn step(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        if self.stopped.get() {
            return Ok(None);
        }
        let Some(item) = vm.next(&self.it)? else {
            return Ok(None);
        };
        let r = vm.call(&self.func, std::slice::from_ref(&item))?;
        if vm.truthy(&r)? {
            return Ok(Some(item));
        }
        self.stopped.set(true);
        Ok(None)
    }
}

struct FilterFalse {
    func: Value,
    it: Value,
}

impl Step for FilterFalse {
    fn step(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        loop {
            let Some(item) = vm.next(&self.it)? else {
                return Ok(None);
            };
            if !predicate(vm, &self.func, &item, true)? {
                return Ok(Some(item));
            }
        }
    }
}

struct StarMap {
    func: Value,
    it: Value,
}

impl Step for StarMap {
    fn step(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let Some(args) = vm.next(&self.it)? else {
            return Ok(None);
        };
        let items = match &args {
            Value::Tuple(t) => t.items.to_vec(),
            other => vm.collect(other)?,
        };
        vm.call(&self.func, &items).map(Some)
    }
}

/// The constructors taking `(function, iterable)` positionally.
fn func_and_iter(vm: &mut Vm, args: Args, name: &str) -> PyResult<(Rc<TypeObject>, Value, Value)> {
    let (cls, args) = new_args(vm, &args, name)?;
    let a = positional(vm, &cls, &args, name, 2, 2)?;
    let it = vm.iter(&a[1])?;
    Ok((cls, a[0].clone(), it))
}

fn dropwhile_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, func, it) = func_and_iter(vm, args, "dropwhile")?;
    let state = DropWhile {
        func,
        it,
        started: Cell::new(false),
    };
    Ok(make(cls, state))
}

fn takewhile_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, func, it) = func_and_iter(vm, args, "takewhile")?;
    let state = TakeWhile {
        func,
        it,
        stopped: Cell::new(false),
    };
    Ok(make(cls, state))
}

fn filterfalse_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, func, it) = func_and_iter(vm, args, "filterfalse")?;
    Ok(make(cls, FilterFalse { func, it }))
}

fn starmap_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, func, it) = func_and_iter(vm, args, "starmap")?;
    Ok(make(cls, StarMap { func, it }))
}

// ----- pairwise, zip_longest -----

struct Pairwise {
    it: RefCell<Option<Value>>,
    old: RefCell<Option<Value>>,
}

impl Step for Pairwise {
    fn step(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let Some(it) = self.it.borrow().clone() else {
            return Ok(None);
        };
        let old = self.old.borrow().clone();
        let old = match old {
            Some(o) => o,
            None => match vm.next(&it)? {
                Some(o) => {
                    *self.old.borrow_mut() = Some(o.clone());
                    o
                }
                None => {
                    *self.it.borrow_mut() = None;
                    return Ok(None);
                }
            },
        };
        match vm.next(&it)? {
            Some(new) => {
                *self.old.borrow_mut() = Some(new.clone());
                Ok(Some(Value::tuple(vec![old, new])))
            }
            None => {
                *self.it.borrow_mut() = None;
                *self.old.borrow_mut() = None;
                Ok(None)
            }
        }
    }
}

fn pairwise_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, args) = new_args(vm, &args, "pairwise")?;
    let a = positional(vm, &cls, &args, "pairwise", 1, 1)?;
    let it = vm.iter(&a[0])?;
    let state = Pairwise {
        it: RefCell::new(Some(it)),
        old: RefCell::new(None),
    };
    Ok(make(cls, state))
}

struct ZipLongest {
    /// One slot per argument; `None` once that iterator is exhausted.
    iters: RefCell<Vec<Option<Value>>>,
    active: Cell<usize>,
    fill: Value,
}

impl Step for ZipLongest {
    fn step(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let n = self.iters.borrow().len();
        if n == 0 || self.active.get() == 0 {
            return Ok(None);
        }
        let mut items = Vec::with_capacity(n);
        for i in 0..n {
            let it = self.iters.borrow().get(i).cloned().flatten();
            let Some(it) = it else {
                items.push(self.fill.clone());
                continue;
            };
            match vm.next(&it) {
                Ok(Some(v)) => items.push(v),
                Ok(None) => {
                    let left = self.active.get() - 1;
                    self.active.set(left);
                    if left == 0 {
                        return Ok(None);
                    }
                    items.push(self.fill.clone());
                    if let Some(slot) = self.iters.borrow_mut().get_mut(i) {
                        *slot = None;
                    }
                }
                Err(e) => {
                    self.active.set(0);
                    return Err(e);
                }
            }
        }
        Ok(Some(Value::tuple(items)))
    }
}

fn zip_longest_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, args) = new_args(vm, &args, "zip_longest")?;
    let mut fill = Value::None;
    if args.has_kwargs() {
        match args.kwarg("fillvalue") {
            Some(v) if args.kwnames.len() == 1 => fill = v.clone(),
            _ => return Err(vm.type_error("zip_longest() got an unexpected keyword argument")),
        }
    }
    let mut iters = Vec::with_capacity(args.n_pos());
    for a in args.pos() {
        iters.push(Some(vm.iter(a)?));
    }
    let state = ZipLongest {
        active: Cell::new(iters.len()),
        iters: RefCell::new(iters),
        fill,
    };
    Ok(make(cls, state))
}

// ----- islice -----

struct ISlice {
    it: RefCell<Option<Value>>,
    /// Items consumed from `it` so far.
    cnt: Cell<i64>,
    /// Index of the next item to return.
    next: Cell<i64>,
    /// -1 for no stop.
    stop: i64,
    step: i64,
}

impl ISlice {
    fn next_raw(&self, vm: &mut Vm, it: &Value) -> PyResult<Option<Value>> {
        let r = vm.next(it);
        if !matches!(r, Ok(Some(_))) {
            *self.it.borrow_mut() = None;
        }
        r
    }
}

impl Step for ISlice {
    fn step(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let Some(it) = self.it.borrow().clone() else {
            return Ok(None);
        };
        while self.cnt.get() < self.next.get() {
            if self.next_raw(vm, &it)?.is_none() {
                return Ok(None);
            }
            self.cnt.set(self.cnt.get() + 1);
        }
        if self.stop != -1 && self.cnt.get() >= self.stop {
            *self.it.borrow_mut() = None;
            return Ok(None);
        }
        let Some(item) = self.next_raw(vm, &it)? else {
            return Ok(None);
        };
        self.cnt.set(self.cnt.get() + 1);
        let old = self.next.get();
        let mut next = old.wrapping_add(self.step);
        if next < old || (self.stop != -1 && next > self.stop) {
            next = self.stop;
        }
        self.next.set(next);
        Ok(Some(item))
    }
}

/// `PyNumber_AsSsize_t(v, NULL)` with the error cleared: -1 for anything
/// that is not an index in range.
fn islice_arg(vm: &mut Vm, v: &Value) -> i64 {
    vm.as_ssize(v).unwrap_or(-1)
}

fn islice_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    const STOP: &str =
        "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    let (cls, args) = new_args(vm, &args, "islice")?;
    let a = positional(vm, &cls, &args, "islice", 2, 4)?;
    let (mut start, mut stop, mut step) = (0, -1, 1);
    if a.len() == 2 {
        if !a[1].is_none() {
            stop = islice_arg(vm, &a[1]);
            if stop == -1 {
                return Err(vm.value_error(STOP));
            }
        }
    } else {
        if !a[1].is_none() {
            start = islice_arg(vm, &a[1]);
        }
        if !a[2].is_none() {
            stop = islice_arg(vm, &a[2]);
            if stop == -1 {
                return Err(vm.value_error(STOP));
            }
        }
    }
    if start < 0 || stop < -1 {
        return Err(vm.value_error(
            "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
        ));
    }
    if let Some(s) = a.get(3) {
        if !s.is_none() {
            step = islice_arg(vm, s);
        }
    }
    if step < 1 {
        return Err(vm.value_error("Step for islice() must be a positive integer or None."));
    }
    let it = vm.iter(&a[0])?;
    let state = ISlice {
        it: RefCell::new(Some(it)),
        cnt: Cell::new(0),
        next: Cell::new(start),
        stop,
        step,
    };
    Ok(make(cls, state))
}

// ----- groupby -----

struct GroupBy {
    it: Value,
    keyfunc: Value,
    tgtkey: RefCell<Option<Value>>,
    currkey: RefCell<Option<Value>>,
    currvalue: RefCell<Option<Value>>,
    /// The token of the grouper that may still produce items (CPython keeps
    /// a borrowed pointer to it); 0 for none.
    current: Cell<u64>,
    tokens: Cell<u64>,
    grouper_class: Rc<TypeObject>,
}

impl GroupBy {
    /// `groupby_step`: the next value and its key; `false` when exhausted.
    fn advance(&self, vm: &mut Vm) -> PyResult<bool> {
        let Some(value) = vm.next(&self.it)? else {
            return Ok(false);
        };
        let key = if self.keyfunc.is_none() {
            value.clone()
        } else {
            vm.call(&self.keyfunc, std::slice::from_ref(&value))?
        };
        let old = self.currvalue.replace(Some(value));
        let old_key = self.currkey.replace(Some(key));
        drop((old, old_key));
        Ok(true)
    }
}

/// `PyObject_RichCompareBool(a, b, Py_EQ)`.
fn same_key(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    vm.eq(a, b)
}

struct Grouper {
    parent: Value,
    token: u64,
    tgtkey: Value,
}

impl Step for Grouper {
    fn step(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let Some(g) = native::payload_of::<GroupBy>(&self.parent) else {
            return Ok(None);
        };
        if g.current.get() != self.token {
            return Ok(None);
        }
        if g.currvalue.borrow().is_none() && !g.advance(vm)? {
            return Ok(None);
        }
        let key = g.currkey.borrow().clone().unwrap_or_default();
        if !same_key(vm, &self.tgtkey, &key)? {
            return Ok(None);
        }
        let r = g.currvalue.borrow_mut().take();
        let old_key = g.currkey.borrow_mut().take();
        drop(old_key);
        Ok(r)
    }
}

/// `groupby_next`, which needs the groupby value to hand to its groupers.
fn groupby_step(vm: &mut Vm, this: &Value, g: &GroupBy) -> PyResult<Option<Value>> {
    g.current.set(0);
    loop {
        let currkey = g.currkey.borrow().clone();
        if let Some(currkey) = currkey {
            let tgtkey = g.tgtkey.borrow().clone();
            match tgtkey {
                None => break,
                Some(t) => {
                    if !same_key(vm, &t, &currkey)? {
                        break;
                    }
                }
            }
        }
        if !g.advance(vm)? {
            return Ok(None);
        }
    }
    let key = g.currkey.borrow().clone().unwrap_or_default();
    *g.tgtkey.borrow_mut() = Some(key.clone());
    let token = g.tokens.get() + 1;
    g.tokens.set(token);
    g.current.set(token);
    let grouper = Grouper {
        parent: this.clone(),
        token,
        tgtkey: key.clone(),
    };
    let grouper = make(g.grouper_class.clone(), grouper);
    Ok(Some(Value::tuple(vec![key, grouper])))
}

fn groupby_hook(vm: &mut Vm, this: &Value, p: &NativePayload) -> PyResult<Option<Value>> {
    match p.downcast::<GroupBy>() {
        Some(g) => groupby_step(vm, this, g),
        None => Ok(None),
    }
}

fn groupby_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, args) = new_args(vm, &args, "groupby")?;
    let [iterable, key] = parse(vm, &args, "groupby", ["iterable", "key"], 1, 2)?;
    let it = vm.iter(&iterable.unwrap_or_default())?;
    let grouper_class = classes(vm)?.grouper.clone();
    let state = GroupBy {
        it,
        keyfunc: key.unwrap_or_default(),
        tgtkey: RefCell::new(None),
        currkey: RefCell::new(None),
        currvalue: RefCell::new(None),
        current: Cell::new(0),
        tokens: Cell::new(0),
        grouper_class,
    };
    Ok(native::new_iterator(cls, state, groupby_hook))
}

fn grouper_new(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(vm.type_error("cannot create 'itertools._grouper' instances"))
}

// ----- tee -----

/// One value a set of tees has read, and the link to the next.
struct Link {
    value: Value,
    next: RefCell<Option<Rc<Link>>>,
}

/// What the tees of one source share.
struct TeeData {
    it: Value,
    running: Cell<bool>,
}

struct Tee {
    data: Rc<TeeData>,
    /// The last link this tee returned (a dummy before the first).
    at: RefCell<Rc<Link>>,
}

impl Step for Tee {
    fn step(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        let at = self.at.borrow().clone();
        let next = at.next.borrow().clone();
        let node = match next {
            Some(n) => n,
            None => {
                if self.data.running.get() {
                    return Err(vm.runtime_error("cannot re-enter the tee iterator"));
                }
                self.data.running.set(true);
                let r = vm.next(&self.data.it);
                self.data.running.set(false);
                let Some(value) = r? else {
                    return Ok(None);
                };
                // Another tee may have linked a value while this one ran.
                let linked = at.next.borrow().clone();
                match linked {
                    Some(n) => n,
                    None => {
                        let n = Rc::new(Link {
                            value,
                            next: RefCell::new(None),
                        });
                        *at.next.borrow_mut() = Some(n.clone());
                        n
                    }
                }
            }
        };
        let value = node.value.clone();
        *self.at.borrow_mut() = node;
        Ok(Some(value))
    }
}

fn new_tee(cls: Rc<TypeObject>, data: Rc<TeeData>, at: Rc<Link>) -> Value {
    make(
        cls,
        Tee {
            data,
            at: RefCell::new(at),
        },
    )
}

/// `tee_fromiterable`: a tee over `iterable`, or a copy of it if it is one.
fn tee_from(vm: &mut Vm, cls: Rc<TypeObject>, iterable: &Value) -> PyResult<Value> {
    let it = vm.iter(iterable)?;
    if let Some(t) = native::payload_of::<Tee>(&it) {
        return Ok(new_tee(cls, t.data.clone(), t.at.borrow().clone()));
    }
    let data = Rc::new(TeeData {
        it,
        running: Cell::new(false),
    });
    let start = Rc::new(Link {
        value: Value::None,
        next: RefCell::new(None),
    });
    Ok(new_tee(cls, data, start))
}

fn tee_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, args) = new_args(vm, &args, "_tee")?;
    let a = positional(vm, &cls, &args, "_tee", 1, 1)?;
    tee_from(vm, cls, &a[0])
}

fn tee_copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let t = this::<Tee>(vm, &args, "__copy__")?;
    let cls = vm.type_of(&args.values[0]).clone();
    Ok(new_tee(cls, t.data.clone(), t.at.borrow().clone()))
}

fn tee(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_kwargs(vm, "itertools.tee")?;
    let a = args.unpack(vm, "tee", 1, 2)?;
    let n = match a.get(1) {
        Some(v) => vm.as_ssize(v)?,
        None => 2,
    };
    if n < 0 {
        return Err(vm.value_error("n must be >= 0"));
    }
    if n == 0 {
        return Ok(Value::Tuple(TupleObject::empty()));
    }
    let it = vm.iter(&a[0])?;
    let copy_name = vm.intern("__copy__");
    let (first, copy) = match vm.get_attr_opt(&it, "__copy__")? {
        Some(f) => (it, f),
        None => {
            let cls = classes(vm)?.tee.clone();
            let t = tee_from(vm, cls, &it)?;
            let f = vm.get_attr(&t, &copy_name)?;
            (t, f)
        }
    };
    let mut out = vec![first];
    for _ in 1..n {
        out.push(vm.call(&copy, &[])?);
    }
    Ok(Value::tuple(out))
}

// ----- product -----

struct Product {
    pools: Vec<Rc<TupleObject>>,
    indices: RefCell<Vec<usize>>,
    result: RefCell<Option<Rc<TupleObject>>>,
    stopped: Cell<bool>,
}

impl Step for Product {
    fn step(&self, _vm: &mut Vm) -> PyResult<Option<Value>> {
        if self.stopped.get() {
            return Ok(None);
        }
        if self.result.borrow().is_none() {
            let mut first = Vec::with_capacity(self.pools.len());
            for p in &self.pools {
                match p.items.first() {
                    Some(v) => first.push(v.clone()),
                    None => {
                        self.stopped.set(true);
                        return Ok(None);
                    }
                }
            }
            let t = TupleObject::new(first);
            *self.result.borrow_mut() = Some(t.clone());
            return Ok(Some(Value::Tuple(t)));
        }
        let mut indices = self.indices.borrow_mut();
        // Advance right to left; a pool that rolls over moves the next one.
        let mut changed = None;
        for i in (0..self.pools.len()).rev() {
            indices[i] += 1;
            if indices[i] == self.pools[i].len() {
                indices[i] = 0;
            } else {
                changed = Some(i);
                break;
            }
        }
        let Some(from) = changed else {
            self.stopped.set(true);
            *self.result.borrow_mut() = None;
            return Ok(None);
        };
        let pools = &self.pools;
        Ok(Some(refill(&self.result, |items| {
            for (i, slot) in items.iter_mut().enumerate().skip(from) {
                *slot = pools[i].items[indices[i]].clone();
            }
        })))
    }
}

fn product_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, args) = new_args(vm, &args, "product")?;
    let mut repeat = 1;
    if args.has_kwargs() {
        if args.kwnames.len() > 1 {
            return Err(vm.type_error(format!(
                "product() takes at most 1 keyword argument ({} given)",
                args.kwnames.len()
            )));
        }
        match args.kwarg("repeat") {
            Some(r) => repeat = vm.as_ssize(r)?,
            None => {
                let k = args.kwargs().next().map(|(k, _)| k.to_string());
                let k = k.unwrap_or_default();
                return Err(vm.type_error(format!(
                    "'{k}' is an invalid keyword argument for product()"
                )));
            }
        }
        if repeat < 0 {
            return Err(vm.value_error("repeat argument cannot be negative"));
        }
    }
    let mut base = Vec::with_capacity(args.n_pos());
    if repeat > 0 {
        for a in args.pos() {
            let items = vm.collect(a)?;
            base.push(TupleObject::new(items));
        }
    }
    let npools = base.len().saturating_mul(repeat as usize);
    if npools > (1 << 28) {
        return Err(vm.overflow_error("repeat argument too large"));
    }
    let mut pools = Vec::with_capacity(npools);
    if !base.is_empty() {
        for _ in 0..repeat {
            pools.extend(base.iter().cloned());
        }
    }
    let state = Product {
        indices: RefCell::new(vec![0; pools.len()]),
        pools,
        result: RefCell::new(None),
        stopped: Cell::new(false),
    };
    Ok(make(cls, state))
}

// ----- permutations, combinations, combinations_with_replacement -----

struct Permutations {
    pool: Rc<TupleObject>,
    r: usize,
    indices: RefCell<Vec<usize>>,
    cycles: RefCell<Vec<usize>>,
    result: RefCell<Option<Rc<TupleObject>>>,
    stopped: Cell<bool>,
}

impl Step for Permutations {
    fn step(&self, _vm: &mut Vm) -> PyResult<Option<Value>> {
        if self.stopped.get() {
            return Ok(None);
        }
        let pool = &self.pool.items;
        let (n, r) = (pool.len(), self.r);
        let mut indices = self.indices.borrow_mut();
        if self.result.borrow().is_none() {
            let t = TupleObject::new(indices[..r].iter().map(|&i| pool[i].clone()).collect());
            *self.result.borrow_mut() = Some(t.clone());
            return Ok(Some(Value::Tuple(t)));
        }
        if n == 0 {
            self.stopped.set(true);
            return Ok(None);
        }
        let mut cycles = self.cycles.borrow_mut();
        // Decrement the rightmost cycle, moving left on each roll-over.
        let mut changed = None;
        for i in (0..r).rev() {
            cycles[i] -= 1;
            if cycles[i] == 0 {
                indices[i..].rotate_left(1);
                cycles[i] = n - i;
            } else {
                let j = cycles[i];
                indices.swap(i, n - j);
                changed = Some(i);
                break;
            }
        }
        let Some(from) = changed else {
            self.stopped.set(true);
            *self.result.borrow_mut() = None;
            return Ok(None);
        };
        Ok(Some(refill(&self.result, |items| {
            for k in from..r {
                items[k] = pool[indices[k]].clone();
            }
        })))
    }
}

fn permutations_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (cls, args) = new_args(vm, &args, "permutations")?;
    let [iterable, r] = parse(vm, &args, "permutations", ["iterable", "r"], 1, 2)?;
    let pool = TupleObject::new(vm.collect(&iterable.unwrap_or_default())?);
    let n = pool.len();
    let r = match r {
        None | Some(Value::None) => n,
        Some(v @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_))) => r_arg(vm, &v)?,
        Some(v)
            if crate::slots::instance_base(&v)
                .is_some_and(|b| matches!(b, Value::Int(_) | Value::BigInt(_))) =>
        {
            r_arg(vm, &v)?
        }
        Some(_) => return Err(vm.type_error("Expected int as r")),
    };
    let state = Permutations {
        pool,
        r,
        indices: RefCell::new((0..n).collect()),
        cycles: RefCell::new((0..r.min(n)).map(|i| n - i).collect()),
        result: RefCell::new(None),
        stopped: Cell::new(r > n),
    };
    Ok(make(cls, state))
}

struct Combinations {
    pool: Rc<TupleObject>,
    r: usize,
    indices: RefCell<Vec<usize>>,
    result: RefCell<Option<Rc<TupleObject>>>,
    stopped: Cell<bool>,
    /// With replacement: indices are non-decreasing rather than increasing.
    replace: bool,
}

impl Step for Combinations {
    fn step(&self, _vm: &mut Vm) -> PyResult<Option<Value>> {
        if self.stopped.get() {
            return Ok(None);
        }
        let pool = &self.pool.items;
        let (n, r) = (pool.len(), self.r);
        let mut indices = self.indices.borrow_mut();
        if self.result.borrow().is_none() {
            let t = TupleObject::new(indices.iter().map(|&i| pool[i].clone()).collect());
            *self.result.borrow_mut() = Some(t.clone());
            return Ok(Some(Value::Tuple(t)));
        }
        // The rightmost index not at its maximum.
        let at_max = |i: usize, v: usize| {
            if self.replace {
                v == n - 1
            } else {
                v == i + n - r
            }
        };
        let Some(i) = (0..r).rev().find(|&i| !at_max(i, indices[i])) else {
            self.stopped.set(true);
            *self.result.borrow_mut() = None;
            return Ok(None);
        };
        indices[i] += 1;
        for j in i + 1..r {
            indices[j] = if self.replace {
                indices[i]
            } else {
                indices[j - 1] + 1
            };
        }
        Ok(Some(refill(&self.result, |items| {
            for k in i..r {
                items[k] = pool[indices[k]].clone();
            }
        })))
    }
}

fn combinations_common(vm: &mut Vm, args: Args, name: &str, replace: bool) -> PyResult<Value> {
    let (cls, args) = new_args(vm, &args, name)?;
    let [iterable, r] = parse(vm, &args, name, ["iterable", "r"], 2, 2)?;
    let pool = TupleObject::new(vm.collect(&iterable.unwrap_or_default())?);
    let r = r_arg(vm, &r.unwrap_or_default())?;
    let n = pool.len();
    let (indices, stopped) = if replace {
        (vec![0; r], n == 0 && r > 0)
    } else {
        ((0..r).collect(), r > n)
    };
    let state = Combinations {
        pool,
        r,
        indices: RefCell::new(if stopped { Vec::new() } else { indices }),
        result: RefCell::new(None),
        stopped: Cell::new(stopped),
        replace,
    };
    Ok(make(cls, state))
}

fn combinations_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    combinations_common(vm, args, "combinations", false)
}

fn cwr_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    combinations_common(vm, args, "combinations_with_replacement", true)
}

// ----- the module -----

fn classes(vm: &mut Vm) -> PyResult<Rc<Classes>> {
    match &vm.itertools {
        Some(c) => Ok(c.clone()),
        None => Err(vm.system_error("itertools is not initialised")),
    }
}

type Methods = &'static [(&'static str, NativeFn)];

const ITER: Methods = &[
    ("__iter__", self_iter),
    ("__next__", self_next),
    ("__reduce__", no_reduce),
];

/// One class: its name, `__new__`, doc line and methods beyond the
/// iterator protocol.
struct ClassDef {
    name: &'static str,
    new: NativeFn,
    doc: &'static str,
    methods: Methods,
}

const CLASSES: &[ClassDef] = &[
    ClassDef {
        name: "accumulate",
        new: accumulate_new,
        doc: "Return series of accumulated sums (or other binary function results).",
        methods: ITER,
    },
    ClassDef {
        name: "chain",
        new: chain_new,
        doc: "chain(*iterables) --> chain object\n\nReturn a chain object whose .__next__() method returns elements from the\nfirst iterable until it is exhausted, then elements from the next\niterable, until all of the iterables are exhausted.",
        methods: ITER,
    },
    ClassDef {
        name: "combinations",
        new: combinations_new,
        doc: "Return successive r-length combinations of elements in the iterable.",
        methods: ITER,
    },
    ClassDef {
        name: "combinations_with_replacement",
        new: cwr_new,
        doc: "Return successive r-length combinations of elements in the iterable allowing individual elements to have successive repeats.",
        methods: ITER,
    },
    ClassDef {
        name: "compress",
        new: compress_new,
        doc: "Return data elements corresponding to true selector elements.",
        methods: ITER,
    },
    ClassDef {
        name: "count",
        new: count_new,
        doc: "Return a count object whose .__next__() method returns consecutive values.",
        methods: &[
            ("__iter__", self_iter),
            ("__next__", self_next),
            ("__repr__", count_repr),
            ("__reduce__", count_reduce),
        ],
    },
    ClassDef {
        name: "cycle",
        new: cycle_new,
        doc: "Return elements from the iterable until it is exhausted. Then repeat the sequence indefinitely.",
        methods: ITER,
    },
    ClassDef {
        name: "dropwhile",
        new: dropwhile_new,
        doc: "Drop items from the iterable while predicate(item) is true.",
        methods: ITER,
    },
    ClassDef {
        name: "filterfalse",
        new: filterfalse_new,
        doc: "Return those items of iterable for which function(item) is false.",
        methods: ITER,
    },
    ClassDef {
        name: "groupby",
        new: groupby_new,
        doc: "make an iterator that returns consecutive keys and groups from the iterable",
        methods: ITER,
    },
    ClassDef {
        name: "islice",
        new: islice_new,
        doc: "islice(iterable, stop) --> islice object\nislice(iterable, start, stop[, step]) --> islice object",
        methods: ITER,
    },
    ClassDef {
        name: "pairwise",
        new: pairwise_new,
        doc: "Return an iterator of overlapping pairs taken from the input iterator.",
        methods: ITER,
    },
    ClassDef {
        name: "permutations",
        new: permutations_new,
        doc: "Return successive r-length permutations of elements in the iterable.",
        methods: ITER,
    },
    ClassDef {
        name: "product",
        new: product_new,
        doc: "Cartesian product of input iterables.  Equivalent to nested for-loops.",
        methods: ITER,
    },
    ClassDef {
        name: "repeat",
        new: repeat_new,
        doc: "repeat(object [,times]) -> create an iterator which returns the object\nfor the specified number of times.  If not specified, returns the object\nendlessly.",
        methods: &[
            ("__iter__", self_iter),
            ("__next__", self_next),
            ("__repr__", repeat_repr),
            ("__length_hint__", repeat_length_hint),
            ("__reduce__", repeat_reduce),
        ],
    },
    ClassDef {
        name: "starmap",
        new: starmap_new,
        doc: "Return an iterator whose values are returned from the function evaluated with an argument tuple taken from the given sequence.",
        methods: ITER,
    },
    ClassDef {
        name: "takewhile",
        new: takewhile_new,
        doc: "Return successive entries from an iterable as long as the predicate evaluates to true for each entry.",
        methods: ITER,
    },
    ClassDef {
        name: "zip_longest",
        new: zip_longest_new,
        doc: "zip_longest(iter1 [,iter2 [...]], [fillvalue=None]) --> zip_longest object",
        methods: ITER,
    },
    ClassDef {
        name: "_grouper",
        new: grouper_new,
        doc: "",
        methods: ITER,
    },
    ClassDef {
        name: "_tee",
        new: tee_new,
        doc: "Iterator wrapped to make it copyable.",
        methods: &[
            ("__iter__", self_iter),
            ("__next__", self_next),
            ("__copy__", tee_copy),
            ("__reduce__", no_reduce),
        ],
    },
];

pub fn module(vm: &mut Vm) -> PyResult<Rc<ModuleObject>> {
    let mut values = Vec::new();
    let (mut grouper, mut tee_class) = (None, None);
    for def in CLASSES {
        let cls = native::new_class(
            vm,
            "itertools",
            def.name,
            native::ClassSpec {
                methods: def.methods,
                statics: &[],
                getters: &[],
            },
        );
        cls.dict.set_item_str(
            "__new__",
            Value::Builtin(Rc::new(BuiltinFunction {
                name: "__new__",
                func: def.new,
                kind: NativeKind::Function,
                owner: Some(def.name),
                bound: None,
            })),
        );
        if !def.doc.is_empty() {
            cls.dict.set_item_str("__doc__", Value::str(def.doc));
        }
        match def.name {
            "chain" => cls.dict.set_item_str(
                "from_iterable",
                Value::Builtin(Rc::new(BuiltinFunction {
                    name: "from_iterable",
                    func: chain_from_iterable,
                    kind: NativeKind::ClassMethod,
                    owner: Some("chain"),
                    bound: None,
                })),
            ),
            "_grouper" => grouper = Some(cls.clone()),
            "_tee" => tee_class = Some(cls.clone()),
            _ => {}
        }
        values.push((def.name, Value::Type(cls)));
    }
    let (Some(grouper), Some(tee_class)) = (grouper, tee_class) else {
        return Err(vm.system_error("itertools classes missing"));
    };
    vm.itertools = Some(Rc::new(Classes {
        grouper,
        tee: tee_class,
    }));
    Ok(super::make_module(
        vm,
        "itertools",
        "Functional tools for creating and using iterators.",
        &[("tee", tee)],
        values,
    ))
}
