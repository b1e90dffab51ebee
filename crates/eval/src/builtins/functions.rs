//! The built-in functions of CPython 3.10 that need no compiler or import
//! system (`print`, `len`, `sorted`, `min`, ...), plus small methods of
//! `range`, `slice`, `complex` and dict views.

use num_bigint::BigInt;
use num_traits::Signed;
use pyvm_loader::instruction::{BinaryOp, CompareOp};
use std::rc::Rc;

use crate::args::Args;
use crate::error::PyResult;
use crate::objects::function::NativeFn;
use crate::objects::int::as_int;
use crate::objects::iter::{IterKind, IteratorObject};
use crate::slots::Special;
use crate::value::Value;
use crate::vm::Vm;

pub(crate) fn print(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut sep = " ".to_string();
    let mut end = "\n".to_string();
    let mut file = Value::None;
    let mut flush = false;
    for (k, v) in args.kwargs() {
        match k.as_ascii() {
            Some("sep") => match v {
                Value::None => {}
                Value::Str(s) => sep = s.to_string(),
                other => {
                    let t = vm.type_name(other);
                    return Err(vm.type_error(format!("sep must be None or a string, not {t}")));
                }
            },
            Some("end") => match v {
                Value::None => {}
                Value::Str(s) => end = s.to_string(),
                other => {
                    let t = vm.type_name(other);
                    return Err(vm.type_error(format!("end must be None or a string, not {t}")));
                }
            },
            Some("file") => file = v.clone(),
            Some("flush") => flush = vm.truthy(v)?,
            _ => {
                return Err(
                    vm.type_error(format!("'{k}' is an invalid keyword argument for print()"))
                )
            }
        }
    }
    if file.is_none() {
        // `sys.stdout`, which a program may have replaced (CPython looks it
        // up on every call too).
        let key = vm.intern("stdout");
        file = match vm.sys.dict.get_str(&key) {
            Some(Value::None) => return Ok(Value::None),
            Some(f) => f,
            None => return Err(vm.new_error("RuntimeError", "lost sys.stdout")),
        };
    }
    let to_stdout = matches!(&file, Value::File(f)
        if matches!(*f.handle.borrow(), crate::objects::file::FileHandle::Stdout));
    if !to_stdout && !matches!(file, Value::File(_)) {
        // A Python object: one write() per piece, as CPython makes them.
        let write = vm.intern("write");
        let w = vm.get_attr(&file, &write)?;
        for (i, v) in args.pos().iter().enumerate() {
            if i > 0 {
                vm.call(&w, &[Value::str(&sep)])?;
            }
            let piece = vm.str(v)?;
            vm.call(&w, &[Value::str(&piece)])?;
        }
        vm.call(&w, &[Value::str(&end)])?;
        if flush {
            let name = vm.intern("flush");
            let f = vm.get_attr(&file, &name)?;
            vm.call(&f, &[])?;
        }
        return Ok(Value::None);
    }
    let mut text = String::new();
    for (i, v) in args.pos().iter().enumerate() {
        if i > 0 {
            text.push_str(&sep);
        }
        match v {
            Value::Str(s) => match s.as_ascii() {
                Some(a) => text.push_str(a),
                None => text.push_str(&s.to_rust()),
            },
            Value::Int(n) => {
                use std::fmt::Write;
                let _ = write!(text, "{n}");
            }
            other => text.push_str(&vm.str(other)?),
        }
    }
    text.push_str(&end);
    if to_stdout {
        vm.stdout.write_str(&text);
        if flush {
            vm.stdout.flush();
        }
    } else if let Value::File(f) = &file {
        crate::builtins::file::write_text(vm, f, &text)?;
        if flush {
            crate::builtins::file::flush_file(vm, f)?;
        }
    }
    Ok(Value::None)
}

fn len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one(vm, "len")?;
    Ok(Value::from(vm.len(v)?))
}

fn repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one(vm, "repr")?;
    Ok(Value::str(&vm.repr(v)?))
}

fn ascii(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one(vm, "ascii")?;
    let r = vm.repr(v)?;
    Ok(Value::str(&crate::builtins::format::ascii_of(&r)))
}

fn abs(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one(vm, "abs")?;
    Ok(match v {
        Value::Int(i) => match i.checked_abs() {
            Some(a) => Value::Int(a),
            None => Value::from_bigint(BigInt::from(*i).abs()),
        },
        Value::Bool(b) => Value::Int(i64::from(*b)),
        Value::BigInt(b) => Value::from_bigint(b.abs()),
        Value::Float(f) => Value::Float(f.abs()),
        Value::Complex(c) => {
            let r = c.0.hypot(c.1);
            if r.is_infinite() && c.0.is_finite() && c.1.is_finite() {
                return Err(vm.overflow_error("absolute value too large"));
            }
            Value::Float(r)
        }
        other => {
            if let Some(r) = vm.call_user_special(other, Special::__abs__, &[])? {
                return Ok(r);
            }
            if let Some(b) = crate::slots::instance_base(other) {
                return abs(vm, Args::new(&[b]));
            }
            let t = vm.type_name(other);
            return Err(vm.type_error(format!("bad operand type for abs(): '{t}'")));
        }
    })
}

fn all(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one(vm, "all")?;
    let it = vm.iter(v)?;
    while let Some(x) = vm.next(&it)? {
        if !vm.truthy(&x)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn any(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one(vm, "any")?;
    let it = vm.iter(v)?;
    while let Some(x) = vm.next(&it)? {
        if vm.truthy(&x)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn int_text(vm: &mut Vm, v: &Value, radix: u32, prefix: &str) -> PyResult<Value> {
    let index = vm.as_index(v)?;
    let n = match index.as_ref().and_then(as_int) {
        Some(i) => i.to_big(),
        None => {
            let t = vm.type_name(v);
            return Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")));
        }
    };
    let digits = n.abs().to_str_radix(radix);
    let sign = if n.is_negative() { "-" } else { "" };
    Ok(Value::str(&format!("{sign}{prefix}{digits}")))
}

fn bin(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one(vm, "bin")?;
    int_text(vm, v, 2, "0b")
}

fn oct(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one(vm, "oct")?;
    int_text(vm, v, 8, "0o")
}

fn hex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one(vm, "hex")?;
    int_text(vm, v, 16, "0x")
}

fn callable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one(vm, "callable")?;
    Ok(Value::Bool(vm.is_callable(v)))
}

fn chr_(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one(vm, "chr")?;
    let i = match v {
        Value::Int(i) => *i,
        Value::Bool(b) => i64::from(*b),
        Value::BigInt(_) => {
            return Err(vm.overflow_error("Python int too large to convert to C int"))
        }
        other if crate::slots::dispatches(other) => match vm.user_index(other)? {
            Some(Value::Int(i)) => i,
            Some(Value::Bool(b)) => i64::from(b),
            Some(_) => return Err(vm.overflow_error("Python int too large to convert to C int")),
            None => {
                let t = vm.type_name(other);
                return Err(
                    vm.type_error(format!("'{t}' object cannot be interpreted as an integer"))
                );
            }
        },
        other => {
            let t = vm.type_name(other);
            return Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")));
        }
    };
    if !(0..=0x10ffff).contains(&i) {
        return Err(vm.value_error("chr() arg not in range(0x110000)"));
    }
    Ok(Value::Str(vm.char_str(i as u32)))
}

fn ord(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one(vm, "ord")?;
    match v {
        Value::Str(s) if s.len() == 1 => Ok(Value::Int(i64::from(s.char_at(0)))),
        Value::Str(s) => Err(vm.type_error(format!(
            "ord() expected a character, but string of length {} found",
            s.len()
        ))),
        Value::Bytes(b) | Value::ByteArray(b) if b.len() == 1 => {
            Ok(Value::Int(i64::from(b.data.borrow()[0])))
        }
        Value::Bytes(b) | Value::ByteArray(b) => Err(vm.type_error(format!(
            "ord() expected a character, but string of length {} found",
            b.len()
        ))),
        other => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!("ord() expected string of length 1, but {t} found")))
        }
    }
}

fn divmod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.unpack(vm, "divmod", 2, 2)?;
    let (x, y) = (&a[0], &a[1]);
    if matches!(x, Value::Instance(_)) || matches!(y, Value::Instance(_)) {
        if let Some(r) = vm.user_divmod(x, y)? {
            return Ok(r);
        }
    }
    if let (Value::Float(_), _) | (_, Value::Float(_)) = (x, y) {
        let fx = crate::builtins::types::to_float(vm, x);
        let fy = crate::builtins::types::to_float(vm, y);
        if let (Ok(fx), Ok(fy)) = (fx, fy) {
            if fy == 0.0 {
                return Err(vm.zero_division("float divmod()"));
            }
            let (q, r) = crate::objects::float::div_mod(fx, fy);
            return Ok(Value::tuple(vec![Value::Float(q), Value::Float(r)]));
        }
    }
    if let (Some(_), Some(_)) = (as_int(x), as_int(y)) {
        let q = vm.binary_op(BinaryOp::FloorDivide, x, y)?;
        let r = vm.binary_op(BinaryOp::Modulo, x, y)?;
        return Ok(Value::tuple(vec![q, r]));
    }
    let (tx, ty) = (vm.type_name(x), vm.type_name(y));
    Err(vm.type_error(format!(
        "unsupported operand type(s) for divmod(): '{tx}' and '{ty}'"
    )))
}

fn pow(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let [base, exp, modulus] = args.bind(vm, "pow", ["base", "exp", "mod"], 0, 2)?;
    let (base, exp) = (base.unwrap_or_default(), exp.unwrap_or_default());
    match modulus {
        None | Some(Value::None) => vm.binary_op(BinaryOp::Power, &base, &exp),
        Some(m) => match (as_int(&base), as_int(&exp), as_int(&m)) {
            (Some(b), Some(e), Some(mo)) => crate::objects::int::int_pow_mod(vm, &b, &e, &mo),
            _ => {
                // Three-argument pow only asks the base (slot_nb_power).
                if let Some(r) =
                    vm.call_user_special(&base, Special::__pow__, &[exp.clone(), m.clone()])?
                {
                    if !matches!(r, Value::NotImplemented) {
                        return Ok(r);
                    }
                }
                if matches!(base, Value::Float(_))
                    || matches!(exp, Value::Float(_))
                    || matches!(m, Value::Float(_))
                {
                    return Err(vm.type_error(
                        "pow() 3rd argument not allowed unless all arguments are integers",
                    ));
                }
                let (a, b, c) = (vm.type_name(&base), vm.type_name(&exp), vm.type_name(&m));
                Err(vm.type_error(format!(
                    "unsupported operand type(s) for ** or pow(): '{a}', '{b}', '{c}'"
                )))
            }
        },
    }
}

fn round(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let [number, ndigits] = args.bind(vm, "round", ["number", "ndigits"], 0, 1)?;
    let number = number.unwrap_or_default();
    let nd = match &ndigits {
        None | Some(Value::None) => None,
        Some(v) => Some(match v {
            Value::BigInt(b) => {
                if b.is_negative() {
                    i64::MIN / 2
                } else {
                    i64::MAX / 2
                }
            }
            _ => vm.index_value(v)?,
        }),
    };
    match &number {
        Value::Float(f) => match nd {
            None => {
                let r = f.round_ties_even();
                crate::objects::float::float_to_int(vm, r)
            }
            Some(n) => {
                let r = crate::objects::float::round_float(*f, n);
                if r.is_infinite() && f.is_finite() {
                    return Err(vm.overflow_error("rounded value too large to represent"));
                }
                Ok(Value::Float(r))
            }
        },
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            let n = as_int(&number).map(|i| i.to_big()).unwrap_or_default();
            match nd {
                None => Ok(Value::from_bigint(n)),
                Some(d) if d >= 0 => Ok(Value::from_bigint(n)),
                Some(d) => {
                    let p = (-d) as u64;
                    if p > 10_000 {
                        return Ok(Value::Int(0));
                    }
                    let scale = num_traits::pow(BigInt::from(10), p as usize);
                    use num_integer::Integer;
                    let (q, r) = n.div_mod_floor(&scale);
                    let twice: BigInt = &r * 2;
                    let q = match twice.cmp(&scale) {
                        std::cmp::Ordering::Greater => q + 1,
                        std::cmp::Ordering::Equal if q.is_odd() => q + 1,
                        _ => q,
                    };
                    Ok(Value::from_bigint(q * scale))
                }
            }
        }
        other => {
            if let Some(f) = vm.user_special(other, Special::__round__) {
                let a: Vec<Value> = ndigits.into_iter().collect();
                return vm.call_method_value(&f, other, &a);
            }
            if let Some(b) = crate::slots::instance_base(other) {
                let mut a = vec![b];
                a.extend(ndigits);
                return round(vm, Args::new(&a));
            }
            let t = vm.type_name(other);
            Err(vm.type_error(format!("type {t} doesn't define __round__ method")))
        }
    }
}

fn hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one(vm, "hash")?;
    Ok(Value::Int(vm.hash(v)?))
}

fn id(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one(vm, "id")?;
    Ok(match v.heap_ptr() {
        Some(p) => Value::from(p),
        // Unboxed values have no address; derive a stable stand-in from the value.
        None => Value::Int(0x7000_0000_0000 + (vm.hash(v)? & 0xffff_ffff) * 16),
    })
}

fn iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.unpack(vm, "iter", 1, 2)?;
    if a.len() == 2 {
        if !vm.is_callable(&a[0]) {
            return Err(vm.type_error("iter(v, w): v must be callable"));
        }
        return Ok(Value::Iterator(IteratorObject::new(
            IterKind::Callable {
                func: a[0].clone(),
                sentinel: a[1].clone(),
            },
            "callable_iterator",
        )));
    }
    vm.iter(&a[0])
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`.
fn import(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let mut vals: [Option<Value>; 5] = Default::default();
    const NAMES: [&str; 5] = ["name", "globals", "locals", "fromlist", "level"];
    if args.n_pos() > 5 {
        return Err(vm.type_error(format!(
            "__import__() takes at most 5 arguments ({} given)",
            args.n_pos()
        )));
    }
    for (slot, v) in vals.iter_mut().zip(args.pos()) {
        *slot = Some(v.clone());
    }
    for (k, v) in args.kwargs() {
        match NAMES.iter().position(|n| k.eq_ascii(n)) {
            Some(i) => vals[i] = Some(v.clone()),
            None => {
                return Err(vm.type_error(format!(
                    "'{k}' is an invalid keyword argument for __import__()"
                )))
            }
        }
    }
    let name = match &vals[0] {
        Some(Value::Str(s)) => s.clone(),
        Some(other) => {
            let t = vm.type_name(other);
            return Err(vm.type_error(format!("module name must be str, not {t}")));
        }
        None => return Err(vm.type_error("__import__() missing required argument 'name' (pos 1)")),
    };
    let globals = match &vals[1] {
        Some(Value::Dict(d)) => Some(d.clone()),
        _ => None,
    };
    let fromlist = vals[3].clone().unwrap_or_default();
    let level = match &vals[4] {
        Some(v) => vm.index_value(v)?,
        None => 0,
    };
    vm.import_module_level(&name, globals.as_ref(), &fromlist, level)
}

fn next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    use crate::objects::generator::{step_value, GenKind};
    let a = args.unpack(vm, "next", 1, 2)?;
    let it = &a[0];
    // Generators and `__next__` methods end with their own StopIteration
    // (which may carry a value); it propagates unless a default is given.
    let r = match it {
        Value::Generator(g) if g.kind == GenKind::Generator => {
            let step = g.send_ex(vm, crate::eval::Resume::Start, false);
            step_value(vm, step)
        }
        Value::Awaitable(a) => a.send(vm, Value::None),
        v if crate::slots::dispatches(v) => {
            match vm.call_user_special(v, crate::slots::Special::__next__, &[]) {
                Ok(Some(x)) => Ok(x),
                Ok(None) => match vm.next(it) {
                    Ok(Some(x)) => Ok(x),
                    Ok(None) => Err(vm.stop_iteration(None)),
                    Err(e) => Err(e),
                },
                Err(e) => Err(e),
            }
        }
        _ => match vm.next(it) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => Err(vm.stop_iteration(None)),
            Err(e) => Err(e),
        },
    };
    match (r, a.get(1)) {
        (Err(e), Some(d)) if vm.is_instance_of(&e, "StopIteration") => Ok(d.clone()),
        (r, _) => r,
    }
}

fn min_max(vm: &mut Vm, args: Args, name: &str, want_greater: bool) -> PyResult<Value> {
    let mut key = None;
    let mut default = None;
    for (k, v) in args.kwargs() {
        match k.as_ascii() {
            Some("key") => key = (!v.is_none()).then(|| v.clone()),
            Some("default") => default = Some(v.clone()),
            _ => {
                return Err(
                    vm.type_error(format!("'{k}' is an invalid keyword argument for {name}()"))
                )
            }
        }
    }
    let pos = args.pos();
    let items = match pos.len() {
        0 => return Err(vm.type_error(format!("{name} expected at least 1 argument, got 0"))),
        1 => vm.collect(&pos[0])?,
        _ => {
            if default.is_some() {
                return Err(vm.type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            pos.to_vec()
        }
    };
    let mut best: Option<(Value, Value)> = None;
    for item in items {
        let k = match &key {
            Some(f) => vm.call(f, std::slice::from_ref(&item))?,
            None => item.clone(),
        };
        best = Some(match best {
            None => (item, k),
            Some((bi, bk)) => {
                // CPython asks `item > best` for max and `item < best` for min.
                let op = if want_greater {
                    CompareOp::Gt
                } else {
                    CompareOp::Lt
                };
                let r = vm.compare(&k, &bk, op)?;
                if vm.truthy(&r)? {
                    (item, k)
                } else {
                    (bi, bk)
                }
            }
        });
    }
    match best {
        Some((v, _)) => Ok(v),
        None => match default {
            Some(d) => Ok(d),
            None => Err(vm.value_error(format!("{name}() arg is an empty sequence"))),
        },
    }
}

fn min(vm: &mut Vm, args: Args) -> PyResult<Value> {
    min_max(vm, args, "min", false)
}

fn max(vm: &mut Vm, args: Args) -> PyResult<Value> {
    min_max(vm, args, "max", true)
}

fn sum(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let [iterable, start] = args.bind(vm, "sum", ["iterable", "start"], 1, 1)?;
    let mut acc = start.unwrap_or(Value::Int(0));
    match &acc {
        Value::Str(_) => {
            return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"))
        }
        Value::Bytes(_) => {
            return Err(vm.type_error("sum() can't sum bytes [use b''.join(seq) instead]"))
        }
        Value::ByteArray(_) => {
            return Err(vm.type_error("sum() can't sum bytearray [use b''.join(seq) instead]"))
        }
        _ => {}
    }
    let it = vm.iter(&iterable.unwrap_or_default())?;
    // Float sums use compensated-free left-to-right addition, as CPython does
    // (it only special-cases the types for speed, not for precision).
    while let Some(x) = vm.next(&it)? {
        acc = match crate::eval::fast_number_op(BinaryOp::Add, &acc, &x) {
            Some(v) => v,
            None => vm.binary_op(BinaryOp::Add, &acc, &x)?,
        };
    }
    Ok(acc)
}

fn sorted(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    if pos.len() != 1 {
        return Err(vm.type_error(format!("sorted expected 1 argument, got {}", pos.len())));
    }
    let items = vm.collect(&pos[0])?;
    let mut key = None;
    let mut reverse = false;
    for (k, v) in args.kwargs() {
        match k.as_ascii() {
            Some("key") => key = (!v.is_none()).then(|| v.clone()),
            Some("reverse") => reverse = vm.truthy(v)?,
            _ => {
                return Err(
                    vm.type_error(format!("sort() got an unexpected keyword argument '{k}'"))
                )
            }
        }
    }
    match crate::objects::list::sort_values(vm, items, key.as_ref(), reverse) {
        Ok(v) => Ok(Value::list(v)),
        Err((_, e)) => Err(e),
    }
}

/// `reversed(seq)`.
pub fn reversed_of(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let (n, name) = match v {
        Value::List(l) => (l.len(), "list_reverseiterator"),
        Value::Tuple(t) => (t.len(), "reversed"),
        Value::Str(s) => (s.len(), "reversed"),
        Value::Bytes(b) | Value::ByteArray(b) => (b.len(), "reversed"),
        Value::Range(r) if r.big.is_some() => {
            let (start, _, step) = r.parts();
            let len = r.len_big();
            let last = &start + (&len - 1u32) * &step;
            return Ok(Value::Iterator(IteratorObject::new(
                IterKind::BigRange {
                    next: last,
                    step: -step,
                    remaining: len,
                },
                "longrange_iterator",
            )));
        }
        Value::Range(r) => {
            let len = r.len();
            let last = r.start + (len - 1) * r.step;
            return Ok(Value::Iterator(IteratorObject::new(
                IterKind::Range {
                    next: last,
                    step: -r.step,
                    remaining: len,
                },
                "range_iterator",
            )));
        }
        Value::Dict(d) => {
            let keys: Vec<Value> = d.keys().into_iter().rev().collect();
            return Ok(Value::Iterator(IteratorObject::new(
                IterKind::Seq {
                    seq: Value::list(keys),
                    index: 0,
                },
                "dict_reversekeyiterator",
            )));
        }
        Value::Iterator(it) if it.is_view() => {
            let items = vm.collect(v)?;
            let rev: Vec<Value> = items.into_iter().rev().collect();
            return Ok(Value::Iterator(IteratorObject::new(
                IterKind::Seq {
                    seq: Value::list(rev),
                    index: 0,
                },
                "dict_reversekeyiterator",
            )));
        }
        // Instances, and classes whose metaclass defines the protocol.
        Value::Instance(_) | Value::Type(_) => {
            match vm.user_special(v, Special::__reversed__) {
                Some(Value::None) => {}
                Some(f) => return vm.call_method_value(&f, v, &[]),
                None => {
                    if vm.user_special(v, Special::__getitem__).is_some()
                        && vm.user_special(v, Special::__len__).is_some()
                    {
                        let n = vm.len(v)?;
                        return Ok(Value::Iterator(IteratorObject::new(
                            IterKind::ReversedGetItem {
                                seq: v.clone(),
                                index: n as i64 - 1,
                            },
                            "reversed",
                        )));
                    }
                    if let Some(b) = crate::slots::instance_base(v) {
                        return reversed_of(vm, &b);
                    }
                }
            }
            let t = vm.type_name(v);
            return Err(vm.type_error(format!("'{t}' object is not reversible")));
        }
        _ => {
            let t = vm.type_name(v);
            return Err(vm.type_error(format!("'{t}' object is not reversible")));
        }
    };
    Ok(Value::Iterator(IteratorObject::new(
        IterKind::Reversed {
            seq: v.clone(),
            index: n as i64 - 1,
        },
        name,
    )))
}

fn isinstance(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.unpack(vm, "isinstance", 2, 2)?;
    Ok(Value::Bool(class_matches(vm, &a[0], &a[1], true)?))
}

fn issubclass(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.unpack(vm, "issubclass", 2, 2)?;
    Ok(Value::Bool(class_matches(vm, &a[0], &a[1], false)?))
}

/// `isinstance(subject, spec)` (`instance`) or `issubclass(subject, spec)`:
/// tuples recursively, and a metaclass's `__instancecheck__` /
/// `__subclasscheck__` when it defines one.
pub fn class_matches(vm: &mut Vm, subject: &Value, spec: &Value, instance: bool) -> PyResult<bool> {
    match spec {
        Value::Type(c) => {
            let t = match subject {
                Value::Type(t) if !instance => t.clone(),
                _ if !instance && c.metaclass.is_none() => return Err(not_a_class(vm)),
                _ => vm.type_of(subject).clone(),
            };
            if instance && std::rc::Rc::ptr_eq(&t, c) {
                return Ok(true);
            }
            if let Some(meta) = &c.metaclass {
                let hook = if instance {
                    Special::__instancecheck__
                } else {
                    Special::__subclasscheck__
                };
                if let Some(f) = vm.class_special(meta, hook) {
                    let r = vm.call_method_value(&f, spec, std::slice::from_ref(subject))?;
                    return vm.truthy(&r);
                }
            }
            if !instance && !matches!(subject, Value::Type(_)) {
                return Err(not_a_class(vm));
            }
            if t.is_subtype(c) {
                return Ok(true);
            }
            // object_isinstance: an instance may claim another __class__
            // (proxies do), which counts too.
            if instance && matches!(subject, Value::Instance(_)) {
                if let Some(claimed) = claimed_class(vm, subject, &t)? {
                    return Ok(claimed.is_subtype(c));
                }
            }
            Ok(false)
        }
        Value::Tuple(items) => {
            for item in items.items.iter() {
                if class_matches(vm, subject, item, instance)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        // Any object whose class defines __instancecheck__/__subclasscheck__
        // (PyObject_IsInstance looks the hook up on the spec's type).
        other => {
            let hook = if instance {
                Special::__instancecheck__
            } else {
                Special::__subclasscheck__
            };
            if let Some(f) = vm.user_special(other, hook) {
                let r = vm.call_method_value(&f, other, std::slice::from_ref(subject))?;
                return vm.truthy(&r);
            }
            if !instance && !matches!(subject, Value::Type(_)) {
                return Err(not_a_class(vm));
            }
            Err(vm.type_error(if instance {
                "isinstance() arg 2 must be a type, a tuple of types, or a union"
            } else {
                "issubclass() arg 2 must be a class, a tuple of classes, or a union"
            }))
        }
    }
}

/// The class an instance reports through a `__class__` that its class
/// overrides (a property, say), when that differs from its real type.
fn claimed_class(
    vm: &mut Vm,
    subject: &Value,
    real: &Rc<crate::objects::TypeObject>,
) -> PyResult<Option<Rc<crate::objects::TypeObject>>> {
    let key = vm.intern("__class__");
    let found = match vm.lookup_type(real, &key) {
        Some(Value::Descriptor(d))
            if matches!(
                d.kind,
                crate::objects::descriptor::DescriptorKind::GetSet {
                    name: "__class__",
                    ..
                }
            ) =>
        {
            return Ok(None)
        }
        None => return Ok(None),
        Some(found) => found,
    };
    match vm.descr_get(found, Some(subject), real) {
        Ok(Value::Type(claimed)) if !Rc::ptr_eq(&claimed, real) => Ok(Some(claimed)),
        Ok(_) => Ok(None),
        Err(e) if vm.is_instance_of(&e, "AttributeError") => Ok(None),
        Err(e) => Err(e),
    }
}

/// issubclass() with a first argument that is not a class (checked only
/// where no `__subclasscheck__` hook takes the decision).
fn not_a_class(vm: &mut Vm) -> crate::error::PyErr {
    vm.type_error("issubclass() arg 1 must be a class")
}

/// An attribute name argument: a str, or an instance of a str subclass.
fn attr_name(v: &Value) -> Option<Rc<crate::objects::StrObject>> {
    match v {
        Value::Str(s) => Some(s.clone()),
        other => match crate::slots::instance_base(other) {
            Some(Value::Str(s)) => Some(s),
            _ => None,
        },
    }
}

fn getattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.unpack(vm, "getattr", 2, 3)?;
    let Some(name) = attr_name(&a[1]) else {
        return Err(vm.type_error("getattr(): attribute name must be string"));
    };
    let name = vm.intern_obj(&name);
    match vm.get_attr(&a[0], &name) {
        Ok(v) => Ok(v),
        Err(e) if a.len() == 3 && vm.is_instance_of(&e, "AttributeError") => Ok(a[2].clone()),
        Err(e) => Err(e),
    }
}

fn setattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.unpack(vm, "setattr", 3, 3)?;
    let Some(name) = attr_name(&a[1]) else {
        let t = vm.type_name(&a[1]);
        return Err(vm.type_error(format!("attribute name must be string, not '{t}'")));
    };
    let name = vm.intern_obj(&name);
    vm.set_attr(&a[0], &name, a[2].clone())?;
    Ok(Value::None)
}

fn hasattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.unpack(vm, "hasattr", 2, 2)?;
    let Some(name) = attr_name(&a[1]) else {
        return Err(vm.type_error("hasattr(): attribute name must be string"));
    };
    let name = vm.intern_obj(&name);
    match vm.get_attr(&a[0], &name) {
        Ok(_) => Ok(Value::Bool(true)),
        Err(e) if vm.is_instance_of(&e, "AttributeError") => Ok(Value::Bool(false)),
        Err(e) => Err(e),
    }
}

fn delattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.unpack(vm, "delattr", 2, 2)?;
    let Some(name) = attr_name(&a[1]) else {
        let t = vm.type_name(&a[1]);
        return Err(vm.type_error(format!("attribute name must be string, not '{t}'")));
    };
    let name = vm.intern_obj(&name);
    match vm.del_attr(&a[0], &name) {
        Err(e) if vm.is_instance_of(&e, "AttributeError") && matches!(a[0], Value::Function(_)) => {
            Err(vm.attribute_error(name.to_string()))
        }
        r => r.map(|_| Value::None),
    }
}

fn format_(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.unpack(vm, "format", 1, 2)?;
    let spec = match a.get(1) {
        None => String::new(),
        Some(Value::Str(s)) => s.to_string(),
        Some(other) => {
            let t = vm.type_name(other);
            return Err(vm.type_error(format!("format() argument 2 must be str, not {t}")));
        }
    };
    Ok(Value::str(&vm.format(&a[0], &spec)?))
}

fn globals(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.none(vm, "globals")?;
    match &vm.current_globals {
        Some(g) => Ok(Value::Dict(g.clone())),
        None => Err(vm.system_error("globals(): no current frame")),
    }
}

/// `locals()` at module level; the eval loop answers it itself inside
/// functions, where the locals live in the frame.
pub fn locals(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.none(vm, "locals")?;
    match &vm.current_globals {
        Some(g) => Ok(Value::Dict(g.clone())),
        None => Err(vm.system_error("locals(): no current frame")),
    }
}

fn input(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.unpack(vm, "input", 0, 1)?;
    if let Some(p) = a.first() {
        let s = vm.str(p)?;
        vm.stdout.write_str(&s);
    }
    vm.stdout.flush();
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) => Err(vm.new_error("EOFError", "EOF when reading a line")),
        Ok(_) => {
            if line.ends_with('\n') {
                line.pop();
                if line.ends_with('\r') {
                    line.pop();
                }
            }
            Ok(Value::str(&line))
        }
        Err(e) => Err(vm.new_error("OSError", e.to_string())),
    }
}

fn exec_eval(vm: &mut Vm, args: Args, name: &str) -> PyResult<Value> {
    let a = args.unpack(vm, name, 1, 3)?;
    let code = match &a[0] {
        Value::Code(c) => c.clone(),
        Value::Str(_) | Value::Bytes(_) => {
            return Err(vm.not_implemented_error(format!(
                "{name}() of source code needs a compiler; pyvm has none (pass a code object)"
            )))
        }
        other => {
            let t = vm.type_name(other);
            return Err(vm.type_error(format!(
                "{name}() arg 1 must be a string, bytes or code object, not {t}"
            )));
        }
    };
    let globals = match a.get(1) {
        Some(Value::Dict(d)) => d.clone(),
        _ => vm
            .current_globals
            .clone()
            .unwrap_or_else(crate::objects::DictObject::new),
    };
    let locals = match a.get(2) {
        Some(Value::Dict(d)) => d.clone(),
        _ => globals.clone(),
    };
    let builtins_key = vm.intern("__builtins__");
    if globals.get_str(&builtins_key).is_none() {
        globals.set_str(builtins_key, Value::Dict(vm.builtins.clone()));
    }
    let builtins = vm.builtins.clone();
    let frame = crate::frame::Frame::boxed(vm, code, globals, builtins, Some(locals));
    let r = crate::eval::run_frame(vm, frame)?;
    Ok(if name == "eval" { r } else { Value::None })
}

fn exec(vm: &mut Vm, args: Args) -> PyResult<Value> {
    exec_eval(vm, args, "exec")
}

fn eval(vm: &mut Vm, args: Args) -> PyResult<Value> {
    exec_eval(vm, args, "eval")
}

fn compile(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(vm.not_implemented_error("compile() needs a compiler; pyvm has none"))
}

fn vars(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.unpack(vm, "vars", 0, 1)?;
    match a.first() {
        None => locals(vm, Args::new(&[])),
        Some(v) => {
            let d = vm.intern("__dict__");
            vm.get_attr(v, &d)
                .map_err(|_| vm.type_error("vars() argument must have __dict__ attribute"))
        }
    }
}

fn dir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.unpack(vm, "dir", 0, 1)?;
    let mut names: Vec<String> = match a.first() {
        None => match &vm.current_globals {
            Some(g) => g
                .keys()
                .iter()
                .map(|k| k.as_str().map(|s| s.to_string()).unwrap_or_default())
                .collect(),
            None => Vec::new(),
        },
        Some(v) => {
            // A module's own __dir__ function (PEP 562) decides.
            if let Value::Module(m) = v {
                let key = vm.intern("__dir__");
                if let Some(f) = m.dict.get_str(&key) {
                    let r = vm.call(&f, &[])?;
                    let mut items = vm.collect(&r)?;
                    let mut failed = false;
                    items.sort_by(|a, b| match (a, b) {
                        (Value::Str(x), Value::Str(y)) => x.cmp_str(y),
                        _ => {
                            failed = true;
                            std::cmp::Ordering::Equal
                        }
                    });
                    if failed {
                        return Err(vm.type_error("'<' not supported between instances"));
                    }
                    return Ok(Value::list(items));
                }
            }
            // A class's own __dir__ decides (the result is sorted as a list).
            if let Some(r) = vm.call_user_special(v, Special::__dir__, &[])? {
                let mut items = vm.collect(&r)?;
                let mut err = None;
                items.sort_by(|a, b| match (a, b) {
                    (Value::Str(x), Value::Str(y)) => x.cmp_str(y),
                    _ => {
                        err.get_or_insert(());
                        std::cmp::Ordering::Equal
                    }
                });
                if err.is_some() {
                    return Err(vm.type_error("'<' not supported between instances"));
                }
                return Ok(Value::list(items));
            }
            default_dir_names(vm, v)
        }
    };
    names.sort();
    names.dedup();
    Ok(Value::list(names.iter().map(|n| Value::str(n)).collect()))
}

/// The names `object.__dir__` lists: a module's, a class's and its bases'
/// (not the metaclass's), or an instance's dict plus its class's.
fn default_dir_names(vm: &mut Vm, v: &Value) -> Vec<String> {
    let mut n = Vec::new();
    let mut add_keys = |d: &crate::objects::DictObject| {
        for k in d.keys() {
            if let Value::Str(s) = k {
                n.push(s.to_string());
            }
        }
    };
    match v {
        // A module's names; a class's and its bases' (not the metaclass's).
        Value::Module(m) => add_keys(&m.dict),
        Value::Type(t) => {
            for ty in t.mro() {
                add_keys(&ty.dict);
            }
        }
        _ => {
            if let Value::Instance(i) = v {
                add_keys(&i.dict);
            }
            let t = vm.type_of(v).clone();
            for ty in t.mro() {
                add_keys(&ty.dict);
            }
            n.push("__class__".to_string());
            if matches!(v, Value::Int(_) | Value::Bool(_) | Value::BigInt(_)) {
                for a in ["real", "imag", "numerator", "denominator"] {
                    n.push(a.to_string());
                }
            }
        }
    }
    n
}

/// `object.__dir__(obj)`: the default listing, never the object's own
/// `__dir__` (which may be what is calling it).
pub fn object_dir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(v) = args.values.first() else {
        return Err(vm.type_error("descriptor '__dir__' of 'object' object needs an argument"));
    };
    let mut names = default_dir_names(vm, v);
    names.sort();
    names.dedup();
    Ok(Value::list(names.iter().map(|n| Value::str(n)).collect()))
}

// ----- small methods of other types -----

fn range_count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = args.skip_self().one(vm, "count")?;
    let c = vm.contains(&args.values[0], x)?;
    Ok(Value::Int(i64::from(c)))
}

fn range_index(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = args.skip_self().one(vm, "index")?.clone();
    if let (Value::Range(r), Some(i)) = (&args.values[0], as_int(&x).map(|i| i.to_big())) {
        if let Some(pos) = r.index_of(&i) {
            return Ok(Value::from_bigint(pos));
        }
    }
    let s = vm.repr(&x)?;
    Err(vm.value_error(format!("{s} is not in range")))
}

pub const RANGE_METHODS: &[(&str, NativeFn)] = &[("count", range_count), ("index", range_index)];

fn slice_indices(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let n = args.skip_self().one(vm, "indices")?;
    let len = vm.index_value(n)?;
    if len < 0 {
        return Err(vm.value_error("length should not be negative"));
    }
    let Value::Slice(s) = &args.values[0] else {
        return Ok(Value::None);
    };
    let s = s.clone();
    let (start, stop, step, _) = vm.slice_indices(&s, len as usize)?;
    Ok(Value::tuple(vec![
        Value::Int(start),
        Value::Int(stop),
        Value::Int(step),
    ]))
}

pub const SLICE_METHODS: &[(&str, NativeFn)] = &[("indices", slice_indices)];

fn complex_conjugate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "conjugate")?;
    match &args.values[0] {
        Value::Complex(c) => Ok(crate::objects::complex::complex(c.0, -c.1)),
        other => Ok(other.clone()),
    }
}

pub const COMPLEX_METHODS: &[(&str, NativeFn)] = &[("conjugate", complex_conjugate)];

fn view_isdisjoint(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let other = args.skip_self().one(vm, "isdisjoint")?;
    let it = vm.iter(other)?;
    while let Some(x) = vm.next(&it)? {
        if vm.contains(&args.values[0], &x)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

pub const VIEW_METHODS: &[(&str, NativeFn)] = &[("isdisjoint", view_isdisjoint)];

pub const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("abs", abs),
    ("all", all),
    ("any", any),
    ("ascii", ascii),
    ("bin", bin),
    ("callable", callable),
    ("chr", chr_),
    ("compile", compile),
    ("delattr", delattr),
    ("dir", dir),
    ("divmod", divmod),
    ("eval", eval),
    ("exec", exec),
    ("format", format_),
    ("getattr", getattr),
    ("globals", globals),
    ("hasattr", hasattr),
    ("hash", hash),
    ("hex", hex),
    ("id", id),
    ("input", input),
    ("isinstance", isinstance),
    ("issubclass", issubclass),
    ("iter", iter),
    ("len", len),
    ("locals", locals),
    ("max", max),
    ("min", min),
    ("next", next),
    ("__import__", import),
    ("oct", oct),
    ("ord", ord),
    ("pow", pow),
    ("print", print),
    ("repr", repr),
    ("round", round),
    ("setattr", setattr),
    ("sorted", sorted),
    ("sum", sum),
    ("vars", vars),
];
