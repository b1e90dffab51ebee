//! The abstract object protocol (CPython's `Objects/abstract.c` and
//! `object.c`): truth, equality and ordering, hashing, arithmetic dispatch,
//! subscripts, iteration, length. The eval loop and the built-ins call these;
//! the per-type arithmetic lives in `objects/`.

use std::rc::Rc;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use pyvm_loader::instruction::{BinaryOp, CompareOp, UnaryOp};

use crate::error::PyResult;
use crate::objects::complex::{complex, complex_binary};
use crate::objects::float::{float_binary, int_float_eq};
use crate::objects::int::{as_int, int_binary, int_to_f64, IntRef};
use crate::objects::iter::{IterKind, IteratorObject, ViewKind};
use crate::objects::slice::adjust_indices;
use crate::objects::{BytesObject, ListObject, SetObject, StrObject, TupleObject};
use crate::value::Value;
use crate::vm::Vm;

pub fn compare_symbol(op: CompareOp) -> &'static str {
    match op {
        CompareOp::Lt => "<",
        CompareOp::Le => "<=",
        CompareOp::Eq => "==",
        CompareOp::Ne => "!=",
        CompareOp::Gt => ">",
        CompareOp::Ge => ">=",
    }
}

fn ordering_matches(op: CompareOp, o: std::cmp::Ordering) -> bool {
    use std::cmp::Ordering::*;
    match op {
        CompareOp::Lt => o == Less,
        CompareOp::Le => o != Greater,
        CompareOp::Eq => o == Equal,
        CompareOp::Ne => o != Equal,
        CompareOp::Gt => o == Greater,
        CompareOp::Ge => o != Less,
    }
}

/// A real number operand for mixed int/float comparisons.
enum Real<'a> {
    Int(IntRef<'a>),
    Float(f64),
}

fn as_real(v: &Value) -> Option<Real<'_>> {
    match v {
        Value::Float(f) => Some(Real::Float(*f)),
        _ => as_int(v).map(Real::Int),
    }
}

/// Exact comparison of an int with a float (CPython's `float_richcompare`).
fn cmp_int_float(i: &IntRef, f: f64) -> Option<std::cmp::Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            std::cmp::Ordering::Less
        } else {
            std::cmp::Ordering::Greater
        });
    }
    let fi = f.floor();
    let big = i.to_big();
    let fb = crate::objects::float::f64_to_bigint(fi).unwrap_or_default();
    match big.cmp(&fb) {
        std::cmp::Ordering::Equal => {
            if f > fi {
                Some(std::cmp::Ordering::Less)
            } else {
                Some(std::cmp::Ordering::Equal)
            }
        }
        o => Some(o),
    }
}

fn cmp_reals(a: &Real, b: &Real) -> Option<std::cmp::Ordering> {
    match (a, b) {
        (Real::Int(IntRef::Small(x)), Real::Int(IntRef::Small(y))) => Some(x.cmp(y)),
        (Real::Int(x), Real::Int(y)) => Some(x.to_big().cmp(&y.to_big())),
        (Real::Float(x), Real::Float(y)) => x.partial_cmp(y),
        (Real::Int(i), Real::Float(f)) => cmp_int_float(i, *f),
        (Real::Float(f), Real::Int(i)) => cmp_int_float(i, *f).map(|o| o.reverse()),
    }
}

impl Vm {
    // ----- truth -----

    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        Ok(match v {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::BigInt(_) => true,
            Value::Complex(c) => c.0 != 0.0 || c.1 != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Bytes(b) | Value::ByteArray(b) => !b.is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::List(l) => !l.is_empty(),
            Value::Dict(d) => !d.is_empty(),
            Value::Set(s) | Value::FrozenSet(s) => !s.is_empty(),
            Value::Range(r) => !r.is_empty(),
            Value::Iterator(it) if it.is_view() => self.len(v)? != 0,
            v if crate::slots::dispatches(v) => self.user_truthy(v)?,
            _ => true,
        })
    }

    // ----- equality and ordering -----

    /// `a == b` as a bool (identity implies equality, as in CPython's containers).
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        // Identity implies equality in containers (for NaN too: see
        // `float::fresh_nan` for how NaNs keep distinct identities).
        if a.is(b) {
            return Ok(true);
        }
        if let Some(r) = crate::objects::dict::simple_eq(a, b) {
            return Ok(r);
        }
        let r = self.compare(a, b, CompareOp::Eq)?;
        self.truthy(&r)
    }

    pub fn lt(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => return Ok(x < y),
            (Value::Float(x), Value::Float(y)) => return Ok(x < y),
            (Value::Str(x), Value::Str(y)) => return Ok(x.cmp_str(y) == std::cmp::Ordering::Less),
            (Value::Tuple(x), Value::Tuple(y)) => return self.tuple_lt(&x.items, &y.items),
            _ => {}
        }
        let r = self.compare(a, b, CompareOp::Lt)?;
        self.truthy(&r)
    }

    /// `x < y` for two exact tuples, as `tuplerichcompare`: the first pair
    /// of items that are not equal decides, else the shorter is less. Sorting
    /// tuple keys lives on this, so it skips building result objects.
    fn tuple_lt(&mut self, xs: &[Value], ys: &[Value]) -> PyResult<bool> {
        for (a, b) in xs.iter().zip(ys.iter()) {
            let equal = match (a, b) {
                (Value::Int(p), Value::Int(q)) => p == q,
                (Value::Str(p), Value::Str(q)) => Rc::ptr_eq(p, q) || p.eq_str(q),
                _ => a.is(b) || self.eq(a, b)?,
            };
            if !equal {
                return self.lt(a, b);
            }
        }
        Ok(xs.len() < ys.len())
    }

    /// Rich comparison, returning the result object.
    pub fn compare(&mut self, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
        if crate::slots::dispatches(a) || crate::slots::dispatches(b) {
            return self.user_compare(a, b, op);
        }
        if let Some(r) = self.builtin_compare(a, b, op)? {
            return Ok(Value::Bool(r));
        }
        match op {
            CompareOp::Eq => Ok(Value::Bool(a.is(b))),
            CompareOp::Ne => Ok(Value::Bool(!a.is(b))),
            _ => {
                let (ta, tb) = (self.type_name(a), self.type_name(b));
                Err(self.type_error(format!(
                    "'{}' not supported between instances of '{ta}' and '{tb}'",
                    compare_symbol(op)
                )))
            }
        }
    }

    /// Comparison of built-in types; `None` means "not supported" (NotImplemented).
    fn builtin_compare(&mut self, a: &Value, b: &Value, op: CompareOp) -> PyResult<Option<bool>> {
        if let (Some(x), Some(y)) = (as_real(a), as_real(b)) {
            return Ok(Some(match cmp_reals(&x, &y) {
                Some(o) => ordering_matches(op, o),
                None => op == CompareOp::Ne,
            }));
        }
        let eq_only = matches!(op, CompareOp::Eq | CompareOp::Ne);
        Ok(match (a, b) {
            (Value::Str(x), Value::Str(y)) => {
                if eq_only {
                    Some(x.eq_str(y) == (op == CompareOp::Eq))
                } else {
                    Some(ordering_matches(op, x.cmp_str(y)))
                }
            }
            (Value::Bytes(x) | Value::ByteArray(x), Value::Bytes(y) | Value::ByteArray(y)) => {
                let o = x.data.borrow()[..].cmp(&y.data.borrow()[..]);
                Some(ordering_matches(op, o))
            }
            // Tuples cannot change while `__eq__` runs: compare in place.
            (Value::Tuple(x), Value::Tuple(y)) => {
                Some(self.compare_sequences(&x.items, &y.items, op)?)
            }
            (Value::List(x), Value::List(y)) => {
                let (xs, ys) = (x.snapshot(), y.snapshot());
                Some(self.compare_sequences(&xs, &ys, op)?)
            }
            // Bound methods are equal when they bind the same object to
            // the same function.
            (Value::Method(x), Value::Method(y)) if eq_only => {
                let same = x.receiver.is(&y.receiver) && self.eq(&x.func, &y.func)?;
                Some(same == (op == CompareOp::Eq))
            }
            (Value::Complex(x), Value::Complex(y)) if eq_only => {
                Some((x == y) == (op == CompareOp::Eq))
            }
            (Value::Complex(c), other) | (other, Value::Complex(c)) if eq_only => {
                match as_real(other) {
                    Some(Real::Float(f)) => Some((c.1 == 0.0 && c.0 == f) == (op == CompareOp::Eq)),
                    Some(Real::Int(i)) => {
                        let e = c.1 == 0.0
                            && match &i {
                                IntRef::Small(s) => int_float_eq(*s, c.0),
                                IntRef::Big(b) => b.to_f64() == Some(c.0),
                            };
                        Some(e == (op == CompareOp::Eq))
                    }
                    None => None,
                }
            }
            (Value::Set(x) | Value::FrozenSet(x), Value::Set(y) | Value::FrozenSet(y)) => {
                let (x, y) = (x.clone(), y.clone());
                Some(match op {
                    CompareOp::Eq => {
                        x.len() == y.len() && crate::objects::set::is_subset(self, &x, &y)?
                    }
                    CompareOp::Ne => {
                        !(x.len() == y.len() && crate::objects::set::is_subset(self, &x, &y)?)
                    }
                    CompareOp::Le => crate::objects::set::is_subset(self, &x, &y)?,
                    CompareOp::Lt => {
                        x.len() < y.len() && crate::objects::set::is_subset(self, &x, &y)?
                    }
                    CompareOp::Ge => crate::objects::set::is_subset(self, &y, &x)?,
                    CompareOp::Gt => {
                        x.len() > y.len() && crate::objects::set::is_subset(self, &y, &x)?
                    }
                })
            }
            (Value::Dict(x), Value::Dict(y)) if eq_only => {
                let equal = self.dicts_equal(&x.clone(), &y.clone())?;
                Some(equal == (op == CompareOp::Eq))
            }
            (Value::Range(x), Value::Range(y)) if eq_only => {
                let (xs, _, xst) = x.parts();
                let (ys, _, yst) = y.parts();
                let (xl, yl) = (x.len_big(), y.len_big());
                let same = xl == yl
                    && (xl.is_zero() || (xs == ys && (xl == BigInt::from(1) || xst == yst)));
                Some(same == (op == CompareOp::Eq))
            }
            (Value::Iterator(x), _) if x.is_view() && !is_set_like_view(a) => {
                if eq_only {
                    Some(a.is(b) == (op == CompareOp::Eq))
                } else {
                    None
                }
            }
            (Value::Set(_) | Value::FrozenSet(_), Value::Iterator(_)) if is_set_like_view(b) => {
                let ys = self.view_as_set(b)?;
                self.builtin_compare(a, &ys, op)?
            }
            (Value::Iterator(x), _) if x.is_view() => {
                // Keys and items views compare like sets.
                let xs = self.view_as_set(a)?;
                match b {
                    Value::Iterator(y) if y.is_view() => {
                        let ys = self.view_as_set(b)?;
                        self.builtin_compare(&xs, &ys, op)?
                    }
                    Value::Set(_) | Value::FrozenSet(_) => self.builtin_compare(&xs, b, op)?,
                    _ => None,
                }
            }
            (Value::None, Value::None) if eq_only => Some(op == CompareOp::Eq),
            (Value::Exception(_), _) | (_, Value::Exception(_)) if eq_only => {
                Some(a.is(b) == (op == CompareOp::Eq))
            }
            (Value::Slice(x), Value::Slice(y)) => {
                let xs = vec![x.start.clone(), x.stop.clone(), x.step.clone()];
                let ys = vec![y.start.clone(), y.stop.clone(), y.step.clone()];
                Some(self.compare_sequences(&xs, &ys, op)?)
            }
            _ => None,
        })
    }

    fn view_as_set(&mut self, v: &Value) -> PyResult<Value> {
        if let Value::Iterator(it) = v {
            if let IterKind::View {
                kind: ViewKind::Values,
                ..
            } = &*it.kind.borrow()
            {
                return Ok(Value::None);
            }
        }
        Ok(Value::Set(crate::objects::set::set_from(self, v)?))
    }

    fn dicts_equal(
        &mut self,
        x: &crate::objects::DictObject,
        y: &crate::objects::DictObject,
    ) -> PyResult<bool> {
        if x.len() != y.len() {
            return Ok(false);
        }
        self.enter_recursion(" in comparison")?;
        let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || self.dicts_equal_inner(x, y));
        self.leave_recursion();
        r
    }

    fn dicts_equal_inner(
        &mut self,
        x: &crate::objects::DictObject,
        y: &crate::objects::DictObject,
    ) -> PyResult<bool> {
        for e in x.entries() {
            match y.get_hashed(self, e.hash, &e.key)? {
                Some(v) => {
                    if !self.eq(&e.value, &v)? {
                        return Ok(false);
                    }
                }
                None => return Ok(false),
            }
        }
        Ok(true)
    }

    /// Lexicographic comparison: first unequal pair decides. Elements may be
    /// containers themselves, so each level counts against the recursion limit.
    fn compare_sequences(&mut self, xs: &[Value], ys: &[Value], op: CompareOp) -> PyResult<bool> {
        self.enter_recursion(" in comparison")?;
        let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
            self.compare_sequences_inner(xs, ys, op)
        });
        self.leave_recursion();
        r
    }

    fn compare_sequences_inner(
        &mut self,
        xs: &[Value],
        ys: &[Value],
        op: CompareOp,
    ) -> PyResult<bool> {
        if matches!(op, CompareOp::Eq | CompareOp::Ne) && xs.len() != ys.len() {
            return Ok(op == CompareOp::Ne);
        }
        for (x, y) in xs.iter().zip(ys.iter()) {
            if !self.eq(x, y)? {
                return match op {
                    CompareOp::Eq => Ok(false),
                    CompareOp::Ne => Ok(true),
                    _ => {
                        let r = self.compare(x, y, op)?;
                        self.truthy(&r)
                    }
                };
            }
        }
        Ok(ordering_matches(op, xs.len().cmp(&ys.len())))
    }

    // ----- hashing -----

    pub fn hash(&mut self, v: &Value) -> PyResult<i64> {
        Ok(match v {
            Value::Str(s) => s.hash(),
            Value::Int(i) => pyvm_loader::hash::hash_i64(*i),
            Value::Bool(b) => i64::from(*b),
            Value::Float(f) => {
                if f.is_nan() {
                    // CPython hashes NaN by identity; floats are values here.
                    0
                } else {
                    crate::objects::float::float_hash(*f)
                }
            }
            Value::BigInt(b) => crate::objects::int::int_hash(&IntRef::Big(b)),
            Value::Complex(c) => pyvm_loader::hash::hash_complex(c.0, c.1),
            Value::None => 0x5f3a_9c10,
            Value::Bytes(b) => b.hash(),
            Value::Tuple(t) => {
                self.enter_recursion(" while calling a Python object")?;
                let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || -> PyResult<i64> {
                    let mut hashes = Vec::with_capacity(t.len());
                    for item in t.items.iter() {
                        hashes.push(self.hash(item)?);
                    }
                    Ok(pyvm_loader::hash::hash_tuple(hashes.into_iter()))
                });
                self.leave_recursion();
                r?
            }
            Value::FrozenSet(s) => s.frozen_hash(),
            Value::Method(m) => {
                let h = identity_hash(&m.receiver) ^ self.hash(&m.func)?;
                if h == -1 {
                    -2
                } else {
                    h
                }
            }
            Value::Range(r) => {
                // hash((len, start, step)) with None for what the length makes irrelevant.
                let none = self.hash(&Value::None)?;
                let n = r.len_big();
                let (start, _, step) = r.parts();
                let h = |b: &BigInt| crate::objects::int::int_hash(&IntRef::Big(b));
                let parts = if n.is_zero() {
                    [h(&n), none, none]
                } else if n == BigInt::from(1) {
                    [h(&n), h(&start), none]
                } else {
                    [h(&n), h(&start), h(&step)]
                };
                pyvm_loader::hash::hash_tuple(parts.into_iter())
            }
            Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::ByteArray(_) => {
                let t = self.type_name(v);
                return Err(self.type_error(format!("unhashable type: '{t}'")));
            }
            Value::Slice(_) => return Err(self.type_error("unhashable type: 'slice'")),
            // dict_keys and dict_items are set-like, hence unhashable;
            // dict_values hashes by identity.
            Value::Iterator(it) if it.is_view() && !it.is_values_view() => {
                let t = self.type_name(v);
                return Err(self.type_error(format!("unhashable type: '{t}'")));
            }
            // Identity-hashed objects: the address, rotated as `_Py_HashPointer`.
            other => {
                if let Some(h) = self.user_hash(other)? {
                    return Ok(h);
                }
                identity_hash(other)
            }
        })
    }

    // ----- arithmetic -----

    pub fn binary_op(&mut self, op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
        if crate::slots::dispatches(a) || crate::slots::dispatches(b) {
            let r = self.user_binary(op, a, b, false)?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
            return Err(self.binary_error(op, a, b, ""));
        }
        let r = self.builtin_binary(op, a, b)?;
        if !matches!(r, Value::NotImplemented) {
            return Ok(r);
        }
        Err(self.binary_error(op, a, b, ""))
    }

    pub fn inplace_op(&mut self, op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
        if crate::slots::dispatches(a) || crate::slots::dispatches(b) {
            let r = self.user_binary(op, a, b, true)?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
            return Err(self.binary_error(op, a, b, "="));
        }
        self.builtin_inplace(op, a, b)
    }

    /// In-place operators of built-in types (no class dispatch: callers
    /// have done that), falling back to the binary operator.
    pub fn builtin_inplace(&mut self, op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
        // Mutable containers update in place and return themselves.
        match (op, a) {
            (BinaryOp::Add, Value::List(l)) => {
                let items = self.collect(b)?;
                l.items.borrow_mut().extend(items);
                return Ok(a.clone());
            }
            (BinaryOp::Multiply, Value::List(l)) => {
                if let Some(n) = as_int(b) {
                    let n = self.repeat_count(&n)?;
                    let mut items = l.items.borrow_mut();
                    let orig = items.clone();
                    items.clear();
                    for _ in 0..n {
                        items.extend(orig.iter().cloned());
                    }
                    return Ok(a.clone());
                }
            }
            (BinaryOp::Add, Value::ByteArray(x)) => {
                let more = self.bytes_of(b)?;
                x.data.borrow_mut().extend(more);
                return Ok(a.clone());
            }
            (BinaryOp::Or | BinaryOp::And | BinaryOp::Subtract | BinaryOp::Xor, Value::Set(s)) => {
                if let Value::Set(_) | Value::FrozenSet(_) = b {
                    // In place, as CPython's set_ior/isub/ixor: existing
                    // entries keep their slots (and so their print order).
                    match op {
                        BinaryOp::Or => s.update(self, b)?,
                        BinaryOp::Subtract => crate::objects::set::difference_update(self, s, b)?,
                        BinaryOp::Xor => {
                            crate::objects::set::symmetric_difference_update(self, s, b)?
                        }
                        _ => {
                            let r = crate::objects::set::intersection(self, s, b)?;
                            let table = r.table.borrow().clone();
                            *s.table.borrow_mut() = table;
                        }
                    }
                    return Ok(a.clone());
                }
            }
            (BinaryOp::Or, Value::Dict(d)) => {
                crate::objects::dict::merge_from(self, d, b, true)?;
                return Ok(a.clone());
            }
            _ => {}
        }
        let r = self.builtin_binary(op, a, b)?;
        if !matches!(r, Value::NotImplemented) {
            return Ok(r);
        }
        Err(self.binary_error(op, a, b, "="))
    }

    pub fn binary_error(
        &mut self,
        op: BinaryOp,
        a: &Value,
        b: &Value,
        suffix: &str,
    ) -> crate::error::PyErr {
        let (ta, tb) = (self.type_name(a), self.type_name(b));
        match (op, a) {
            (BinaryOp::Add, Value::Str(_)) if suffix.is_empty() || !matches!(b, Value::Str(_)) => {
                return self.type_error(format!("can only concatenate str (not \"{tb}\") to str"));
            }
            (BinaryOp::Add, Value::List(_)) => {
                return self
                    .type_error(format!("can only concatenate list (not \"{tb}\") to list"));
            }
            (BinaryOp::Add, Value::Tuple(_)) => {
                return self.type_error(format!(
                    "can only concatenate tuple (not \"{tb}\") to tuple"
                ));
            }
            (BinaryOp::Add, Value::Bytes(_) | Value::ByteArray(_)) => {
                return self.type_error(format!("can't concat {tb} to {ta}"));
            }
            _ => {}
        }
        let is_seq = |v: &Value| {
            matches!(
                v,
                Value::Str(_)
                    | Value::List(_)
                    | Value::Tuple(_)
                    | Value::Bytes(_)
                    | Value::ByteArray(_)
            )
        };
        if op == BinaryOp::Multiply && (is_seq(a) || is_seq(b)) {
            let other = if is_seq(a) { tb } else { ta };
            return self.type_error(format!(
                "can't multiply sequence by non-int of type '{other}'"
            ));
        }
        let sym = if op == BinaryOp::Power && suffix.is_empty() {
            "** or pow()".to_string()
        } else {
            format!("{}{suffix}", op.symbol())
        };
        self.type_error(format!(
            "unsupported operand type(s) for {sym}: '{ta}' and '{tb}'"
        ))
    }

    fn repeat_count(&mut self, n: &IntRef) -> PyResult<usize> {
        match n {
            IntRef::Small(i) if *i > isize::MAX as i64 => {
                Err(self.overflow_error("cannot fit 'int' into an index-sized integer"))
            }
            IntRef::Small(i) => Ok((*i).max(0) as usize),
            IntRef::Big(b) if b.is_negative() => Ok(0),
            IntRef::Big(_) => {
                Err(self.overflow_error("cannot fit 'int' into an index-sized integer"))
            }
        }
    }

    /// Built-in binary operators; `NotImplemented` if the pair is unsupported.
    pub fn builtin_binary(&mut self, op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
        match (a, b) {
            (
                Value::Int(_) | Value::Bool(_) | Value::BigInt(_),
                Value::Int(_) | Value::Bool(_) | Value::BigInt(_),
            ) => {
                let (Some(x), Some(y)) = (as_int(a), as_int(b)) else {
                    return Ok(Value::NotImplemented);
                };
                if op == BinaryOp::MatrixMultiply {
                    return Ok(Value::NotImplemented);
                }
                return int_binary(self, op, &x, &y);
            }
            (Value::Float(x), Value::Float(y)) => return float_binary(self, op, *x, *y),
            // Before the numeric conversions below, which strings would fail.
            (Value::Str(x), Value::Str(y)) if op == BinaryOp::Add => {
                return Ok(Value::Str(x.concat(y)))
            }
            _ => {}
        }
        if let (Some(x), Some(y)) = (as_real(a), as_real(b)) {
            if op == BinaryOp::MatrixMultiply
                || matches!(
                    op,
                    BinaryOp::LShift
                        | BinaryOp::RShift
                        | BinaryOp::And
                        | BinaryOp::Or
                        | BinaryOp::Xor
                )
            {
                return Ok(Value::NotImplemented);
            }
            let to_f = |vm: &mut Vm, r: &Real| -> PyResult<f64> {
                match r {
                    Real::Float(f) => Ok(*f),
                    Real::Int(i) => int_to_f64(vm, i),
                }
            };
            let (x, y) = (to_f(self, &x)?, to_f(self, &y)?);
            return float_binary(self, op, x, y);
        }
        if let (Some(x), Some(y)) = (self.as_complex(a)?, self.as_complex(b)?) {
            if matches!(a, Value::Complex(_)) || matches!(b, Value::Complex(_)) {
                return complex_binary(self, op, x, y);
            }
        }
        Ok(match (op, a, b) {
            (BinaryOp::Add, Value::Str(x), Value::Str(y)) => Value::Str(x.concat(y)),
            (BinaryOp::Multiply, Value::Str(s), n) | (BinaryOp::Multiply, n, Value::Str(s))
                if as_int(n).is_some() =>
            {
                let count = self.repeat_count(&as_int(n).unwrap_or(IntRef::Small(0)))?;
                if s.len()
                    .checked_mul(count)
                    .is_none_or(|total| total > isize::MAX as usize / 4)
                {
                    return Err(self.overflow_error("repeated string is too long"));
                }
                Value::Str(crate::objects::strmethods::repeat(s, count))
            }
            (BinaryOp::Modulo, Value::Str(s), args) => {
                return crate::objects::strmethods::percent_format(self, s, args);
            }
            (BinaryOp::Add, Value::List(x), Value::List(y)) => {
                let (xs, ys) = (x.items.borrow(), y.items.borrow());
                let mut v = Vec::with_capacity(xs.len() + ys.len());
                v.extend(xs.iter().cloned());
                v.extend(ys.iter().cloned());
                Value::list(v)
            }
            (BinaryOp::Add, Value::Tuple(x), Value::Tuple(y)) => {
                let mut v = x.items.to_vec();
                v.extend(y.items.iter().cloned());
                Value::tuple(v)
            }
            (BinaryOp::Multiply, Value::List(_) | Value::Tuple(_), n)
            | (BinaryOp::Multiply, n, Value::List(_) | Value::Tuple(_))
                if as_int(n).is_some() =>
            {
                let (seq, n) =
                    if as_int(n).is_some() && !matches!(n, Value::List(_) | Value::Tuple(_)) {
                        if matches!(a, Value::List(_) | Value::Tuple(_)) {
                            (a, n)
                        } else {
                            (b, a)
                        }
                    } else {
                        (a, b)
                    };
                let count = self.repeat_count(&as_int(n).unwrap_or(IntRef::Small(0)))?;
                let items = match seq {
                    Value::List(l) => l.snapshot(),
                    Value::Tuple(t) => t.items.to_vec(),
                    _ => Vec::new(),
                };
                if items
                    .len()
                    .checked_mul(count)
                    .is_none_or(|total| total > isize::MAX as usize / 16)
                {
                    return Err(self.new_error("MemoryError", ""));
                }
                let mut out = Vec::with_capacity(items.len() * count);
                for _ in 0..count {
                    out.extend(items.iter().cloned());
                }
                if matches!(seq, Value::List(_)) {
                    Value::list(out)
                } else {
                    Value::tuple(out)
                }
            }
            (
                BinaryOp::Add,
                Value::Bytes(x) | Value::ByteArray(x),
                Value::Bytes(y) | Value::ByteArray(y),
            ) => {
                let mut v = x.to_vec();
                v.extend_from_slice(&y.data.borrow());
                if matches!(a, Value::ByteArray(_)) {
                    Value::ByteArray(BytesObject::new(v))
                } else {
                    Value::Bytes(BytesObject::new(v))
                }
            }
            (BinaryOp::Multiply, Value::Bytes(x) | Value::ByteArray(x), n)
                if as_int(n).is_some() =>
            {
                let count = self.repeat_count(&as_int(n).unwrap_or(IntRef::Small(0)))?;
                if x.len()
                    .checked_mul(count)
                    .is_none_or(|total| total > isize::MAX as usize / 4)
                {
                    return Err(self.overflow_error("repeated bytes are too long"));
                }
                let v = x.data.borrow().repeat(count);
                if matches!(a, Value::ByteArray(_)) {
                    Value::ByteArray(BytesObject::new(v))
                } else {
                    Value::Bytes(BytesObject::new(v))
                }
            }
            (BinaryOp::Multiply, n, Value::Bytes(x) | Value::ByteArray(x))
                if as_int(n).is_some() =>
            {
                let count = self.repeat_count(&as_int(n).unwrap_or(IntRef::Small(0)))?;
                if x.len()
                    .checked_mul(count)
                    .is_none_or(|total| total > isize::MAX as usize / 4)
                {
                    return Err(self.overflow_error("repeated bytes are too long"));
                }
                let v = x.data.borrow().repeat(count);
                Value::Bytes(BytesObject::new(v))
            }
            (BinaryOp::Modulo, Value::Bytes(x), _) => {
                let f = x.to_vec();
                Value::Bytes(BytesObject::new(
                    crate::objects::bytes::percent_format_bytes(self, &f, b)?,
                ))
            }
            (BinaryOp::Modulo, Value::ByteArray(x), _) => {
                let f = x.to_vec();
                Value::ByteArray(BytesObject::new(
                    crate::objects::bytes::percent_format_bytes(self, &f, b)?,
                ))
            }
            (
                BinaryOp::Or | BinaryOp::And | BinaryOp::Subtract | BinaryOp::Xor,
                Value::Set(x) | Value::FrozenSet(x),
                Value::Set(_) | Value::FrozenSet(_),
            ) => {
                let r = match op {
                    BinaryOp::Or => crate::objects::set::union(self, x, std::slice::from_ref(b))?,
                    BinaryOp::And => crate::objects::set::intersection(self, x, b)?,
                    BinaryOp::Subtract => crate::objects::set::difference(self, x, b)?,
                    _ => crate::objects::set::symmetric_difference(self, x, b)?,
                };
                if matches!(a, Value::FrozenSet(_)) {
                    Value::FrozenSet(r)
                } else {
                    Value::Set(r)
                }
            }
            (BinaryOp::Or | BinaryOp::And | BinaryOp::Subtract | BinaryOp::Xor, _, _)
                if is_set_like_view(a) || is_set_like_view(b) =>
            {
                // dictviews_sub & co.: set(left) op right, whichever side the view is on.
                let left = crate::objects::set::set_from(self, a)?;
                let other = match b {
                    Value::Set(_) | Value::FrozenSet(_) => b.clone(),
                    _ => Value::Set(crate::objects::set::set_from(self, b)?),
                };
                Value::Set(match op {
                    BinaryOp::Or => crate::objects::set::union(self, &left, &[other])?,
                    BinaryOp::And => crate::objects::set::intersection(self, &left, &other)?,
                    BinaryOp::Subtract => crate::objects::set::difference(self, &left, &other)?,
                    _ => crate::objects::set::symmetric_difference(self, &left, &other)?,
                })
            }
            (BinaryOp::Or, Value::Dict(x), Value::Dict(y)) => {
                let d = x.copy();
                d.update_from(self, y)?;
                Value::Dict(d)
            }
            _ => Value::NotImplemented,
        })
    }

    fn as_complex(&mut self, v: &Value) -> PyResult<Option<(f64, f64)>> {
        Ok(match v {
            Value::Complex(c) => Some(**c),
            Value::Float(f) => Some((*f, 0.0)),
            _ => match as_int(v) {
                Some(i) => Some((int_to_f64(self, &i)?, 0.0)),
                None => None,
            },
        })
    }

    pub fn unary_op(&mut self, op: UnaryOp, v: &Value) -> PyResult<Value> {
        if op == UnaryOp::Not {
            return Ok(Value::Bool(!self.truthy(v)?));
        }
        let r = match (op, v) {
            (UnaryOp::Negative, Value::Int(i)) => match i.checked_neg() {
                Some(n) => Value::Int(n),
                None => Value::from_bigint(-BigInt::from(*i)),
            },
            (UnaryOp::Negative, Value::Bool(b)) => Value::Int(-i64::from(*b)),
            (UnaryOp::Negative, Value::BigInt(b)) => Value::from_bigint(-(**b).clone()),
            (UnaryOp::Negative, Value::Float(f)) => Value::Float(-f),
            (UnaryOp::Negative, Value::Complex(c)) => complex(-c.0, -c.1),
            (
                UnaryOp::Positive,
                Value::Int(_) | Value::BigInt(_) | Value::Float(_) | Value::Complex(_),
            ) => v.clone(),
            (UnaryOp::Positive, Value::Bool(b)) => Value::Int(i64::from(*b)),
            (UnaryOp::Invert, Value::Int(i)) => Value::Int(!i),
            (UnaryOp::Invert, Value::Bool(b)) => Value::Int(!i64::from(*b)),
            (UnaryOp::Invert, Value::BigInt(b)) => Value::from_bigint(-(**b).clone() - 1),
            _ => {
                if let Some(r) = self.user_unary(op, v)? {
                    return Ok(r);
                }
                let sym = match op {
                    UnaryOp::Negative => "-",
                    UnaryOp::Positive => "+",
                    _ => "~",
                };
                let t = self.type_name(v);
                return Err(self.type_error(format!("bad operand type for unary {sym}: '{t}'")));
            }
        };
        Ok(r)
    }

    // ----- integers as indices -----

    /// `operator.index(v)` as an i64 (`OverflowError`/`IndexError` when it does not fit).
    pub fn index_value(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::Int(i) => Ok(*i),
            Value::Bool(b) => Ok(i64::from(*b)),
            Value::BigInt(_) => {
                Err(self.new_error("IndexError", "cannot fit 'int' into an index-sized integer"))
            }
            _ => {
                if let Some(i) = self.user_index(v)? {
                    return self.index_value(&i);
                }
                let t = self.type_name(v);
                Err(self.type_error(format!("'{t}' object cannot be interpreted as an integer")))
            }
        }
    }

    /// An index that fits in a `Py_ssize_t` (`PyNumber_AsSsize_t` with
    /// OverflowError, the `n` argument format).
    pub fn as_ssize(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::Int(i) => Ok(*i),
            Value::Bool(b) => Ok(i64::from(*b)),
            Value::BigInt(_) => {
                Err(self.overflow_error("Python int too large to convert to C ssize_t"))
            }
            _ => match self.user_index(v)? {
                Some(i) => self.as_ssize(&i),
                None => {
                    let t = self.type_name(v);
                    Err(self
                        .type_error(format!("'{t}' object cannot be interpreted as an integer")))
                }
            },
        }
    }

    /// `bytes(v)` for a bytes-like object or an iterable of ints in range(256)
    /// (what `int.from_bytes` and `bytearray.extend` accept).
    pub fn bytes_from_object(&mut self, v: &Value) -> PyResult<Vec<u8>> {
        match v {
            Value::Bytes(b) | Value::ByteArray(b) => Ok(b.to_vec()),
            Value::Str(_) => Err(self.type_error("cannot convert 'str' object to bytes")),
            other => {
                let mut out = Vec::new();
                for item in self.collect(other)? {
                    let i = match &item {
                        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                            self.index_value(&item).unwrap_or(-1)
                        }
                        Value::Instance(_) if self.user_index(&item)?.is_some() => {
                            self.index_value(&item).unwrap_or(-1)
                        }
                        _ => {
                            let t = self.type_name(&item);
                            return Err(self.type_error(format!(
                                "'{t}' object cannot be interpreted as an integer"
                            )));
                        }
                    };
                    out.push(
                        u8::try_from(i)
                            .map_err(|_| self.value_error("bytes must be in range(0, 256)"))?,
                    );
                }
                Ok(out)
            }
        }
    }

    /// The bytes of a bytes-like object (or an iterable of ints for constructors).
    pub fn bytes_of(&mut self, v: &Value) -> PyResult<Vec<u8>> {
        match v {
            Value::Bytes(b) | Value::ByteArray(b) => Ok(b.to_vec()),
            _ => {
                let t = self.type_name(v);
                Err(self.type_error(format!("a bytes-like object is required, not '{t}'")))
            }
        }
    }

    // ----- containers -----

    pub fn len(&mut self, v: &Value) -> PyResult<usize> {
        Ok(match v {
            Value::Str(s) => s.len(),
            Value::List(l) => l.len(),
            Value::Tuple(t) => t.len(),
            Value::Dict(d) => d.len(),
            Value::Set(s) | Value::FrozenSet(s) => s.len(),
            Value::Bytes(b) | Value::ByteArray(b) => b.len(),
            Value::Range(r) => match r.len_big().to_isize() {
                Some(n) => n as usize,
                None => {
                    return Err(self.overflow_error("Python int too large to convert to C ssize_t"))
                }
            },
            Value::Iterator(it) => match &*it.kind.borrow() {
                IterKind::View { dict, .. } => dict.len(),
                _ => {
                    let t = it.type_name;
                    return Err(self.type_error(format!("object of type '{t}' has no len()")));
                }
            },
            v if crate::slots::dispatches(v) => return self.user_len(v),
            _ => {
                let t = self.type_name(v);
                return Err(self.type_error(format!("object of type '{t}' has no len()")));
            }
        })
    }

    /// `_PySequence_IterSearch`: consume iterator `it` up to an item equal
    /// to `item`.
    fn iter_search(&mut self, it: &Value, item: &Value) -> PyResult<bool> {
        while let Some(x) = self.next(it)? {
            if self.eq(&x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        match container {
            Value::Str(s) => match item {
                Value::Str(n) => Ok(s.contains(n)),
                _ => {
                    let t = self.type_name(item);
                    Err(self.type_error(format!(
                        "'in <string>' requires string as left operand, not {t}"
                    )))
                }
            },
            Value::List(l) => {
                let mut i = 0;
                while let Some(x) = l.get(i) {
                    if self.eq(&x, item)? {
                        return Ok(true);
                    }
                    i += 1;
                }
                Ok(false)
            }
            Value::Tuple(t) => {
                for x in t.items.iter() {
                    if self.eq(x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Dict(d) => d.contains(self, item),
            Value::Set(s) | Value::FrozenSet(s) => match s.contains(self, item) {
                Err(e) if matches!(item, Value::Set(_)) && self.is_instance_of(&e, "TypeError") => {
                    // `set in set` looks up the equivalent frozenset.
                    if let Value::Set(inner) = item {
                        let f = Value::FrozenSet(inner.copy(self)?);
                        return s.contains(self, &f);
                    }
                    Err(e)
                }
                r => r,
            },
            Value::Range(r) => match item {
                Value::Int(i) => Ok(r.contains_int(*i)),
                Value::Bool(b) => Ok(r.contains_int(i64::from(*b))),
                Value::BigInt(b) => Ok(r.contains_big(b)),
                _ => {
                    let it = self.iter(container)?;
                    self.iter_search(&it, item)
                }
            },
            Value::Bytes(b) | Value::ByteArray(b) => {
                let d = b.to_vec();
                crate::objects::bytes::bytes_contains(self, &d, item)
            }
            Value::Iterator(it) => {
                let view = match &*it.kind.borrow() {
                    IterKind::View { dict, kind } => Some((dict.clone(), *kind)),
                    _ => None,
                };
                match view {
                    Some((d, ViewKind::Keys)) => d.contains(self, item),
                    Some((d, ViewKind::Items)) => {
                        let Value::Tuple(t) = item else {
                            return Ok(false);
                        };
                        if t.len() != 2 {
                            return Ok(false);
                        }
                        match d.get(self, &t.items[0])? {
                            Some(v) => self.eq(&v, &t.items[1]),
                            None => Ok(false),
                        }
                    }
                    Some((d, ViewKind::Values)) => {
                        for v in d.values() {
                            if self.eq(&v, item)? {
                                return Ok(true);
                            }
                        }
                        Ok(false)
                    }
                    None => self.iter_search(container, item),
                }
            }
            c if crate::slots::dispatches(c) => self.user_contains(container, item),
            Value::Generator(_) | Value::File(_) | Value::Awaitable(_) => {
                let it = self.iter(container)?;
                self.iter_search(&it, item)
            }
            _ => {
                let t = self.type_name(container);
                Err(self.type_error(format!("argument of type '{t}' is not iterable")))
            }
        }
    }

    // ----- iteration -----

    pub fn iter(&mut self, v: &Value) -> PyResult<Value> {
        let (kind, name) = match v {
            Value::List(_) => (
                IterKind::Seq {
                    seq: v.clone(),
                    index: 0,
                },
                "list_iterator",
            ),
            Value::Tuple(_) => (
                IterKind::Seq {
                    seq: v.clone(),
                    index: 0,
                },
                "tuple_iterator",
            ),
            Value::Str(_) => (
                IterKind::Seq {
                    seq: v.clone(),
                    index: 0,
                },
                "str_iterator",
            ),
            Value::Bytes(_) => (
                IterKind::Seq {
                    seq: v.clone(),
                    index: 0,
                },
                "bytes_iterator",
            ),
            Value::ByteArray(_) => (
                IterKind::Seq {
                    seq: v.clone(),
                    index: 0,
                },
                "bytearray_iterator",
            ),
            Value::Range(r) if r.big.is_some() => {
                let (start, _, step) = r.parts();
                (
                    IterKind::BigRange {
                        next: start,
                        step,
                        remaining: r.len_big(),
                    },
                    "longrange_iterator",
                )
            }
            Value::Range(r) => (
                IterKind::Range {
                    next: r.start,
                    step: r.step,
                    remaining: r.len(),
                },
                "range_iterator",
            ),
            Value::Dict(d) => {
                return Ok(crate::objects::iter::dict_iter(d.clone(), ViewKind::Keys))
            }
            Value::Set(s) | Value::FrozenSet(s) => (
                IterKind::Set {
                    set: s.clone(),
                    pos: 0,
                    len: s.len(),
                },
                "set_iterator",
            ),
            Value::Iterator(it) => {
                let view = match &*it.kind.borrow() {
                    IterKind::View { dict, kind } => Some((dict.clone(), *kind)),
                    _ => None,
                };
                return Ok(match view {
                    Some((d, k)) => crate::objects::iter::dict_iter(d, k),
                    None => v.clone(),
                });
            }
            Value::Generator(g) if g.kind == crate::objects::generator::GenKind::Generator => {
                return Ok(v.clone())
            }
            Value::File(_) | Value::Awaitable(_) => return Ok(v.clone()),
            Value::Instance(_) if crate::objects::native::exact_next_hook(v).is_some() => {
                return Ok(v.clone())
            }
            v if crate::slots::dispatches(v) => return self.user_iter(v),
            _ => {
                let t = self.type_name(v);
                return Err(self.type_error(format!("'{t}' object is not iterable")));
            }
        };
        Ok(Value::Iterator(IteratorObject::new(kind, name)))
    }

    /// Whether `v` is an iterator (has `__next__`, CPython's `PyIter_Check`).
    pub fn is_iterator(&mut self, v: &Value) -> bool {
        match v {
            Value::Iterator(i) => !i.is_view(),
            Value::Generator(g) => g.kind == crate::objects::generator::GenKind::Generator,
            Value::File(_) | Value::Awaitable(_) => true,
            _ => {
                let key = self.special_name(crate::slots::Special::__next__);
                let cls = self.type_of(v).clone();
                self.lookup_type(&cls, &key).is_some()
            }
        }
    }

    /// `next(it)`, `None` at exhaustion.
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        match it {
            Value::Iterator(i) => {
                if let Some(v) = i.next_simple() {
                    return Ok(Some(v));
                }
                if i.is_view() {
                    let t = self.type_name(it);
                    return Err(self.type_error(format!("'{t}' object is not an iterator")));
                }
                i.next(self)
            }
            Value::File(f) => crate::builtins::file::next_line(self, f),
            Value::Generator(g) if g.kind == crate::objects::generator::GenKind::Generator => {
                g.next(self)
            }
            Value::Awaitable(a) => match a.send(self, Value::None) {
                Ok(v) => Ok(Some(v)),
                Err(e) if self.is_instance_of(&e, "StopIteration") => Ok(None),
                Err(e) => Err(e),
            },
            Value::Instance(_) => match crate::objects::native::exact_next_hook(it) {
                Some((f, p)) => f(self, it, p),
                None => self.user_next(it),
            },
            v if crate::slots::dispatches(v) => self.user_next(it),
            _ => {
                let t = self.type_name(it);
                Err(self.type_error(format!("'{t}' object is not an iterator")))
            }
        }
    }

    /// Drain an iterable into a vector (fast paths for built-in sequences).
    pub fn collect(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        match v {
            Value::List(l) => Ok(l.snapshot()),
            Value::Tuple(t) => Ok(t.items.to_vec()),
            _ => {
                let it = self.iter(v)?;
                self.length_hint(&it)?;
                let mut out = Vec::new();
                while let Some(x) = self.next(&it)? {
                    out.push(x);
                }
                Ok(out)
            }
        }
    }

    /// The `__length_hint__` calls CPython's `list(it)` makes that Python
    /// code can observe: a user iterator's own, and `reversed()` over a
    /// user sequence asking its `__len__` again. The value is unused.
    fn length_hint(&mut self, it: &Value) -> PyResult<()> {
        match it {
            Value::Iterator(i) => {
                let seq = match &*i.kind.borrow() {
                    IterKind::ReversedGetItem { seq, index } if *index >= 0 => Some(seq.clone()),
                    _ => None,
                };
                if let Some(seq) = seq {
                    self.len(&seq)?;
                }
            }
            Value::Instance(_) => {
                let key = self.intern("__length_hint__");
                let cls = self.type_of(it).clone();
                if let Some(f) = self.lookup_type(&cls, &key) {
                    if !matches!(f, Value::Builtin(_)) {
                        self.call_method_value(&f, it, &[])?;
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    // ----- subscripts -----

    /// A class instance used as a sequence index: its `__index__` value.
    #[inline]
    fn index_key(&mut self, container: &Value, key: &Value) -> PyResult<Option<Value>> {
        if !matches!(key, Value::Instance(_)) {
            return Ok(None);
        }
        match container {
            Value::List(_)
            | Value::Tuple(_)
            | Value::Str(_)
            | Value::Bytes(_)
            | Value::ByteArray(_)
            | Value::Range(_) => self.user_index(key),
            _ => Ok(None),
        }
    }

    /// Normalise a possibly negative index; `None` if out of range.
    fn seq_index(&mut self, key: &Value, len: usize) -> PyResult<Option<usize>> {
        let i = match key {
            Value::Int(i) => *i,
            Value::Bool(b) => i64::from(*b),
            Value::BigInt(_) => {
                return Err(
                    self.new_error("IndexError", "cannot fit 'int' into an index-sized integer")
                )
            }
            _ => unreachable_index(),
        };
        let i = if i < 0 { i + len as i64 } else { i };
        Ok((0..len as i64).contains(&i).then_some(i as usize))
    }

    /// Resolve a slice against a length: (start, stop, step, count).
    pub fn slice_indices(
        &mut self,
        s: &crate::objects::SliceObject,
        len: usize,
    ) -> PyResult<(i64, i64, i64, usize)> {
        let bound = |vm: &mut Vm, v: &Value| -> PyResult<Option<i64>> {
            let converted;
            let v = match v {
                Value::Instance(_) => match vm.user_index(v)? {
                    Some(i) => {
                        converted = i;
                        &converted
                    }
                    None => v,
                },
                _ => v,
            };
            match v {
                Value::None => Ok(None),
                Value::Int(i) => Ok(Some(*i)),
                Value::Bool(b) => Ok(Some(i64::from(*b))),
                Value::BigInt(b) => Ok(Some(if b.is_negative() {
                    i64::MIN / 2
                } else {
                    i64::MAX / 2
                })),
                _ => Err(vm.type_error(
                    "slice indices must be integers or None or have an __index__ method",
                )),
            }
        };
        // None and small ints (nearly every slice) without the general
        // conversion above.
        let simple = |v: &Value| match v {
            Value::None => Some(None),
            Value::Int(i) => Some(Some(*i)),
            _ => None,
        };
        let step = match simple(&s.step) {
            Some(st) => st,
            None => bound(self, &s.step)?,
        };
        let step = match step {
            None => 1,
            Some(0) => return Err(self.value_error("slice step cannot be zero")),
            Some(st) => st,
        };
        let start = match simple(&s.start) {
            Some(b) => b,
            None => bound(self, &s.start)?,
        };
        let stop = match simple(&s.stop) {
            Some(b) => b,
            None => bound(self, &s.stop)?,
        };
        Ok(adjust_indices(start, stop, step, len as i64))
    }

    fn index_type_error(&mut self, container: &str, key: &Value) -> crate::error::PyErr {
        let t = self.type_name(key);
        self.type_error(format!(
            "{container} indices must be integers or slices, not {t}"
        ))
    }

    pub fn get_item(&mut self, container: &Value, key: &Value) -> PyResult<Value> {
        if let Some(k) = self.index_key(container, key)? {
            return self.get_item(container, &k);
        }
        match container {
            Value::List(l) => match key {
                Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                    let n = l.len();
                    match self.seq_index(key, n)? {
                        Some(i) => Ok(l.get(i).unwrap_or_default()),
                        None => Err(self.index_error("list index out of range")),
                    }
                }
                Value::Slice(s) => {
                    // Only the slice is copied, not the whole list first.
                    let len = l.len();
                    let (start, _, step, n) = self.slice_indices(s, len)?;
                    let items = l.items.borrow();
                    if items.len() == len {
                        return Ok(Value::list(take_slice(&items, start, step, n)));
                    }
                    // An `__index__` resized the list: slice what it is now.
                    drop(items);
                    let items = l.snapshot();
                    let (start, _, step, n) = self.slice_indices(s, items.len())?;
                    Ok(Value::list(take_slice(&items, start, step, n)))
                }
                _ => Err(self.index_type_error("list", key)),
            },
            Value::Tuple(t) => match key {
                Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                    match self.seq_index(key, t.len())? {
                        Some(i) => Ok(t.items[i].clone()),
                        None => Err(self.index_error("tuple index out of range")),
                    }
                }
                Value::Slice(s) => {
                    let (start, _, step, n) = self.slice_indices(s, t.len())?;
                    if start == 0 && step == 1 && n == t.len() {
                        return Ok(container.clone());
                    }
                    Ok(Value::tuple(take_slice(&t.items, start, step, n)))
                }
                _ => Err(self.index_type_error("tuple", key)),
            },
            Value::Str(s) => match key {
                Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                    match self.seq_index(key, s.len())? {
                        Some(i) => Ok(Value::Str(self.char_str(s.char_at(i)))),
                        None => Err(self.index_error("string index out of range")),
                    }
                }
                Value::Slice(sl) => {
                    let (start, _, step, n) = self.slice_indices(sl, s.len())?;
                    if step == 1 {
                        let start = start.max(0) as usize;
                        return Ok(Value::Str(s.substring(start, start + n)));
                    }
                    let cps: Vec<u32> = (0..n)
                        .map(|k| s.char_at((start + k as i64 * step) as usize))
                        .collect();
                    Ok(Value::Str(StrObject::from_code_points(&cps)))
                }
                _ => Err(self.type_error("string indices must be integers")),
            },
            Value::Bytes(b) | Value::ByteArray(b) => match key {
                Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                    match self.seq_index(key, b.len())? {
                        Some(i) => Ok(Value::Int(i64::from(b.data.borrow()[i]))),
                        None => Err(self.index_error(
                            if matches!(container, Value::ByteArray(_)) {
                                "bytearray index out of range"
                            } else {
                                "index out of range"
                            },
                        )),
                    }
                }
                Value::Slice(s) => {
                    let data = b.to_vec();
                    let (start, _, step, n) = self.slice_indices(s, data.len())?;
                    let v: Vec<u8> = (0..n)
                        .map(|k| data[(start + k as i64 * step) as usize])
                        .collect();
                    Ok(if matches!(container, Value::ByteArray(_)) {
                        Value::ByteArray(BytesObject::new(v))
                    } else {
                        Value::Bytes(BytesObject::new(v))
                    })
                }
                _ => {
                    let t = self.type_name(key);
                    let what = if matches!(container, Value::ByteArray(_)) {
                        "bytearray"
                    } else {
                        "byte"
                    };
                    Err(self.type_error(format!(
                        "{what} indices must be integers or slices, not {t}"
                    )))
                }
            },
            Value::Range(r) => match key {
                Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                    let len = r.len_big();
                    let mut i = crate::objects::int::to_bigint(key).unwrap_or_default();
                    if i.is_negative() {
                        i += &len;
                    }
                    if i.is_negative() || i >= len {
                        return Err(self.index_error("range object index out of range"));
                    }
                    Ok(Value::from_bigint(r.item_big(&i)))
                }
                Value::Slice(s) => {
                    let bound = |vm: &mut Vm, v: &Value| -> PyResult<Option<BigInt>> {
                        let index = vm.as_index(v)?;
                        match v {
                            Value::None => Ok(None),
                            other => match crate::objects::int::to_bigint(index.as_ref().unwrap_or(other)) {
                                Some(b) => Ok(Some(b)),
                                None => Err(vm.type_error(
                                    "slice indices must be integers or None or have an __index__ method",
                                )),
                            },
                        }
                    };
                    let step = bound(self, &s.step)?.unwrap_or_else(|| BigInt::from(1));
                    if step.is_zero() {
                        return Err(self.value_error("slice step cannot be zero"));
                    }
                    let start = bound(self, &s.start)?;
                    let stop = bound(self, &s.stop)?;
                    let (a, b, c) =
                        crate::objects::range::big_slice_indices(start, stop, step, &r.len_big());
                    Ok(Value::Range(r.slice(&a, &b, &c)))
                }
                _ => {
                    let t = self.type_name(key);
                    Err(self
                        .type_error(format!("range indices must be integers or slices, not {t}")))
                }
            },
            Value::Dict(d) => match d.get(self, key)? {
                Some(v) => Ok(v),
                None => Err(self.key_error(key.clone())),
            },
            // A class: its metaclass's __getitem__, else __class_getitem__.
            Value::Type(t) if t.heap || t.kind == crate::objects::typeobj::TypeKind::Native => {
                if self
                    .user_special(container, crate::slots::Special::__getitem__)
                    .is_some()
                {
                    return self.user_get_item(container, key);
                }
                let name = self.special_name(crate::slots::Special::__class_getitem__);
                match self.lookup_type(t, &name) {
                    Some(f) => {
                        let f = self.descr_get(f, None, t)?;
                        self.call(&f, std::slice::from_ref(key))
                    }
                    None => {
                        let tn = self.type_name(container);
                        Err(self.type_error(format!("'{tn}' object is not subscriptable")))
                    }
                }
            }
            Value::Type(t)
                if *t.name.borrow() == "type"
                    || matches!(
                        t.kind,
                        crate::objects::typeobj::TypeKind::List
                            | crate::objects::typeobj::TypeKind::Dict
                            | crate::objects::typeobj::TypeKind::Tuple
                    ) =>
            {
                // `list[int]`: generic alias; enough to print and pass around.
                Err(self
                    .not_implemented_error("generic alias types (list[int]) are not supported yet"))
            }
            c if crate::slots::dispatches(c) => self.user_get_item(container, key),
            _ => {
                let t = self.type_name(container);
                Err(self.type_error(format!("'{t}' object is not subscriptable")))
            }
        }
    }

    pub fn set_item(&mut self, container: &Value, key: &Value, value: Value) -> PyResult<()> {
        if let Some(k) = self.index_key(container, key)? {
            return self.set_item(container, &k, value);
        }
        match container {
            Value::List(l) => match key {
                Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                    let n = l.len();
                    match self.seq_index(key, n)? {
                        Some(i) => {
                            let old = std::mem::replace(&mut l.items.borrow_mut()[i], value);
                            drop(old);
                            Ok(())
                        }
                        None => Err(self.index_error("list assignment index out of range")),
                    }
                }
                Value::Slice(s) => {
                    let new = match self.collect(&value) {
                        Ok(v) => v,
                        Err(e)
                            if self.is_instance_of(&e, "TypeError")
                                && self.iter(&value).is_err() =>
                        {
                            return Err(self.type_error("can only assign an iterable"));
                        }
                        Err(e) => return Err(e),
                    };
                    let n = l.len();
                    let (start, stop, step, count) = self.slice_indices(s, n)?;
                    let size = new.len();
                    let r =
                        assign_slice(&mut l.items.borrow_mut(), (start, stop, step, count), new);
                    r.map_err(|count| {
                        self.value_error(format!(
                            "attempt to assign sequence of size {size} to extended slice of size {count}"
                        ))
                    })
                }
                _ => Err(self.index_type_error("list", key)),
            },
            Value::Dict(d) => d.set(self, key.clone(), value),
            Value::ByteArray(b) => match key {
                Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                    let byte = self.index_value(&value)?;
                    if !(0..256).contains(&byte) {
                        return Err(self.value_error("byte must be in range(0, 256)"));
                    }
                    let n = b.len();
                    match self.seq_index(key, n)? {
                        Some(i) => {
                            b.data.borrow_mut()[i] = byte as u8;
                            Ok(())
                        }
                        None => Err(self.index_error("bytearray index out of range")),
                    }
                }
                Value::Slice(s) => {
                    let new = match &value {
                        Value::Bytes(x) | Value::ByteArray(x) => x.to_vec(),
                        other => {
                            let mut v = Vec::new();
                            for item in self.collect(other)? {
                                let i = self.index_value(&item)?;
                                v.push(u8::try_from(i).map_err(|_| {
                                    self.value_error("byte must be in range(0, 256)")
                                })?);
                            }
                            v
                        }
                    };
                    let n = b.len();
                    let (start, stop, step, count) = self.slice_indices(s, n)?;
                    let size = new.len();
                    let r = assign_slice(&mut b.data.borrow_mut(), (start, stop, step, count), new);
                    r.map_err(|count| {
                        self.value_error(format!(
                            "attempt to assign bytes of size {size} to extended slice of size {count}"
                        ))
                    })
                }
                _ => Err(self.index_type_error("bytearray", key)),
            },
            c if crate::slots::dispatches(c) => self.user_set_item(container, key, value),
            _ => {
                let t = self.type_name(container);
                Err(self.type_error(format!("'{t}' object does not support item assignment")))
            }
        }
    }

    pub fn del_item(&mut self, container: &Value, key: &Value) -> PyResult<()> {
        if let Some(k) = self.index_key(container, key)? {
            return self.del_item(container, &k);
        }
        match container {
            Value::List(l) => match key {
                Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                    let n = l.len();
                    match self.seq_index(key, n)? {
                        Some(i) => {
                            let old = l.items.borrow_mut().remove(i);
                            drop(old);
                            Ok(())
                        }
                        None => Err(self.index_error("list assignment index out of range")),
                    }
                }
                Value::Slice(s) => {
                    let n = l.len();
                    let (start, _, step, count) = self.slice_indices(s, n)?;
                    delete_slice(&mut l.items.borrow_mut(), start, step, count);
                    Ok(())
                }
                _ => Err(self.index_type_error("list", key)),
            },
            Value::Dict(d) => match d.remove(self, key)? {
                Some(_) => Ok(()),
                None => Err(self.key_error(key.clone())),
            },
            Value::ByteArray(b) => match key {
                Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                    let n = b.len();
                    match self.seq_index(key, n)? {
                        Some(i) => {
                            b.data.borrow_mut().remove(i);
                            Ok(())
                        }
                        None => Err(self.index_error("bytearray index out of range")),
                    }
                }
                Value::Slice(s) => {
                    let n = b.len();
                    let (start, _, step, count) = self.slice_indices(s, n)?;
                    delete_slice(&mut b.data.borrow_mut(), start, step, count);
                    Ok(())
                }
                _ => Err(self.index_type_error("bytearray", key)),
            },
            c if crate::slots::dispatches(c) => self.user_del_item(container, key),
            _ => Err(self.no_item_deletion(container, key)),
        }
    }

    /// A one-character string, shared for ASCII.
    pub fn char_str(&mut self, c: u32) -> Rc<StrObject> {
        if c < 128 {
            let s = (c as u8 as char).to_string();
            return self.intern(&s);
        }
        StrObject::from_char(c)
    }

    pub fn new_list(&self, items: Vec<Value>) -> Value {
        Value::List(ListObject::new(items))
    }

    pub fn new_tuple(&self, items: Vec<Value>) -> Value {
        Value::Tuple(TupleObject::new(items))
    }

    pub fn new_set(&self) -> Rc<SetObject> {
        SetObject::new()
    }

    pub fn is_zero_int(v: &Value) -> bool {
        matches!(v, Value::Int(0)) || matches!(v, Value::BigInt(b) if b.is_zero())
    }
}

/// `items[start:stop:step] = new` over resolved slice indices; `Err(count)`
/// when an extended slice is given a sequence of another size.
/// `object.__hash__`: the address, rotated as `_Py_HashPointer`.
pub fn identity_hash(v: &Value) -> i64 {
    let p = v.heap_ptr().unwrap_or(0) as u64;
    let h = p.rotate_right(4) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

fn assign_slice<T>(
    items: &mut Vec<T>,
    indices: (i64, i64, i64, usize),
    new: Vec<T>,
) -> Result<(), usize> {
    let (start, stop, step, count) = indices;
    let mut new = new;
    if step == 1 {
        let start = start.max(0) as usize;
        let stop = (stop.max(start as i64) as usize).min(items.len());
        if stop - start == new.len() {
            // Same length (`a[:k] = a[k-1::-1]`): swap in place, no splice;
            // `new` then holds the replaced items, released last first.
            for (slot, v) in items[start..stop].iter_mut().zip(new.iter_mut()) {
                std::mem::swap(slot, v);
            }
            while let Some(old) = new.pop() {
                drop(old);
            }
            return Ok(());
        }
        // The replaced items are released last first, as list_ass_slice does.
        let removed: Vec<T> = items.splice(start..stop, new).collect();
        removed.into_iter().rev().for_each(drop);
        return Ok(());
    }
    if new.len() != count {
        return Err(count);
    }
    for (k, v) in new.into_iter().enumerate() {
        items[(start + k as i64 * step) as usize] = v;
    }
    Ok(())
}

/// Remove `items[start::step]` (`count` of them), as `del items[slice]`.
fn delete_slice<T>(items: &mut Vec<T>, start: i64, step: i64, count: usize) {
    if count == 0 {
        return;
    }
    // The lowest index deleted and the distance between deleted indices.
    let last = start + (count as i64 - 1) * step;
    let (low, stride) = if step > 0 {
        (start as usize, step as usize)
    } else {
        (last as usize, step.unsigned_abs() as usize)
    };
    if stride == 1 {
        // CPython releases a deleted run last item first.
        let removed: Vec<T> = items.drain(low..low + count).collect();
        removed.into_iter().rev().for_each(drop);
        return;
    }
    // One pass (linear, unlike removing the items one by one); the removed
    // items are released in slice order, as CPython does.
    let mut kept = Vec::with_capacity(items.len() - count);
    let mut removed = Vec::with_capacity(count);
    for (i, item) in std::mem::take(items).into_iter().enumerate() {
        if i >= low && (i - low) % stride == 0 && (i - low) / stride < count {
            removed.push(item);
        } else {
            kept.push(item);
        }
    }
    *items = kept;
    if step < 0 {
        removed.reverse();
    }
    drop(removed);
}

/// A keys or items view (values views are not set-like).
fn is_set_like_view(v: &Value) -> bool {
    match v {
        Value::Iterator(it) => matches!(
            &*it.kind.borrow(),
            IterKind::View {
                kind: ViewKind::Keys | ViewKind::Items,
                ..
            }
        ),
        _ => false,
    }
}

fn unreachable_index() -> i64 {
    0
}

fn take_slice(items: &[Value], start: i64, step: i64, n: usize) -> Vec<Value> {
    if step == 1 {
        let s = start.max(0) as usize;
        return items[s..s + n].to_vec();
    }
    (0..n)
        .map(|k| items[(start + k as i64 * step) as usize].clone())
        .collect()
}
