//! The special methods of built-in types (`int.__add__`, `list.__len__`,
//! `str.__contains__`...), each a thin native that calls the same protocol
//! function the eval loop uses, so `(5).__add__(3)` and `5 + 3` cannot drift.

use pyvm_loader::instruction::{BinaryOp, CompareOp, UnaryOp};

use crate::args::Args;
use crate::error::PyResult;
use crate::objects::function::{NativeFn, NativeKind};
use crate::objects::TypeObject;
use crate::value::Value;
use crate::vm::Vm;

fn two<'a>(vm: &mut Vm, args: &Args<'a>, name: &str) -> PyResult<(&'a Value, &'a Value)> {
    args.no_kwargs(vm, name)?;
    match args.values {
        [a, b] => Ok((a, b)),
        _ => Err(vm.type_error(format!(
            "expected 1 argument, got {}",
            args.values.len().saturating_sub(1)
        ))),
    }
}

/// Whether `self`'s own slot accepts `other` (else NotImplemented): an int's
/// `__add__` takes only ints, a float's ints and floats, as in CPython.
fn accepts(a: &Value, b: &Value) -> bool {
    let int_like = |v: &Value| matches!(v, Value::Int(_) | Value::Bool(_) | Value::BigInt(_));
    match a {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => int_like(b),
        Value::Float(_) => int_like(b) || matches!(b, Value::Float(_)),
        Value::Complex(_) => int_like(b) || matches!(b, Value::Float(_) | Value::Complex(_)),
        _ => true,
    }
}

macro_rules! binary {
    ($($name:ident, $rname:ident, $op:expr);* $(;)?) => {
        $(
            fn $name(vm: &mut Vm, args: Args) -> PyResult<Value> {
                let (a, b) = two(vm, &args, stringify!($name))?;
                if !accepts(a, b) {
                    return Ok(Value::NotImplemented);
                }
                vm.builtin_binary($op, a, b)
            }
            fn $rname(vm: &mut Vm, args: Args) -> PyResult<Value> {
                let (a, b) = two(vm, &args, stringify!($rname))?;
                if !accepts(a, b) {
                    return Ok(Value::NotImplemented);
                }
                vm.builtin_binary($op, b, a)
            }
        )*
    };
}

binary! {
    add, radd, BinaryOp::Add;
    sub, rsub, BinaryOp::Subtract;
    mul, rmul, BinaryOp::Multiply;
    truediv, rtruediv, BinaryOp::TrueDivide;
    floordiv, rfloordiv, BinaryOp::FloorDivide;
    mod_, rmod, BinaryOp::Modulo;
    pow2, rpow, BinaryOp::Power;
    lshift, rlshift, BinaryOp::LShift;
    rshift, rrshift, BinaryOp::RShift;
    and, rand, BinaryOp::And;
    or, ror, BinaryOp::Or;
    xor, rxor, BinaryOp::Xor;
}

/// `__pow__(exp, mod=None)`.
fn pow_(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.values.len() == 3 {
        if !args.values[2].is_none() {
            let key = vm.intern("pow");
            let f = vm.builtins.get_str(&key).unwrap_or_default();
            return vm.call(&f, args.values);
        }
        return pow2(vm, Args::new(&args.values[..2]));
    }
    pow2(vm, args)
}

fn divmod_(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (a, b) = two(vm, &args, "__divmod__")?;
    if !accepts(a, b) {
        return Ok(Value::NotImplemented);
    }
    let key = vm.intern("divmod");
    let f = vm.builtins.get_str(&key).unwrap_or_default();
    vm.call(&f, &[a.clone(), b.clone()])
}

fn rdivmod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (a, b) = two(vm, &args, "__rdivmod__")?;
    if !accepts(a, b) {
        return Ok(Value::NotImplemented);
    }
    let key = vm.intern("divmod");
    let f = vm.builtins.get_str(&key).unwrap_or_default();
    vm.call(&f, &[b.clone(), a.clone()])
}

/// Whether `a`'s rich comparison handles `b` at all (else NotImplemented).
fn compare_accepts(a: &Value, b: &Value) -> bool {
    use Value::*;
    let int_like = |v: &Value| matches!(v, Int(_) | Bool(_) | BigInt(_));
    match a {
        Int(_) | Bool(_) | BigInt(_) => int_like(b),
        Float(_) => int_like(b) || matches!(b, Float(_)),
        Complex(_) => int_like(b) || matches!(b, Float(_) | Complex(_)),
        Str(_) => matches!(b, Str(_)),
        Bytes(_) | ByteArray(_) => matches!(b, Bytes(_) | ByteArray(_)),
        Tuple(_) => matches!(b, Tuple(_)),
        List(_) => matches!(b, List(_)),
        Set(_) | FrozenSet(_) => matches!(b, Set(_) | FrozenSet(_)),
        Dict(_) => matches!(b, Dict(_)),
        Range(_) => matches!(b, Range(_)),
        _ => a.is(b),
    }
}

macro_rules! compare {
    ($($name:ident, $op:expr);* $(;)?) => {
        $(
            fn $name(vm: &mut Vm, args: Args) -> PyResult<Value> {
                let (a, b) = two(vm, &args, stringify!($name))?;
                if crate::slots::dispatches(a) {
                    // object's comparison: identity for ==/!=, else unsupported.
                    return Ok(match $op {
                        CompareOp::Eq if a.is(b) => Value::Bool(true),
                        CompareOp::Ne if a.is(b) => Value::Bool(false),
                        _ => Value::NotImplemented,
                    });
                }
                if !compare_accepts(a, b) {
                    return Ok(Value::NotImplemented);
                }
                match vm.compare(a, b, $op) {
                    Ok(v) => Ok(v),
                    Err(e) if vm.is_instance_of(&e, "TypeError") => Ok(Value::NotImplemented),
                    Err(e) => Err(e),
                }
            }
        )*
    };
}

compare! {
    eq, CompareOp::Eq;
    ne, CompareOp::Ne;
    lt, CompareOp::Lt;
    le, CompareOp::Le;
    gt, CompareOp::Gt;
    ge, CompareOp::Ge;
}

macro_rules! unary {
    ($($name:ident, $op:expr);* $(;)?) => {
        $(
            fn $name(vm: &mut Vm, args: Args) -> PyResult<Value> {
                args.skip_self().none(vm, stringify!($name))?;
                vm.unary_op($op, &args.values[0])
            }
        )*
    };
}

unary! {
    neg, UnaryOp::Negative;
    pos, UnaryOp::Positive;
    invert, UnaryOp::Invert;
}

fn abs_(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "__abs__")?;
    let key = vm.intern("abs");
    let f = vm.builtins.get_str(&key).unwrap_or_default();
    vm.call(&f, &args.values[..1])
}

fn bool_(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "__bool__")?;
    Ok(Value::Bool(vm.truthy(&args.values[0])?))
}

fn int_(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "__int__")?;
    let t = vm.types.int.clone();
    crate::builtins::types::construct(vm, t, Args::new(&args.values[..1]))
}

fn float_(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "__float__")?;
    Ok(Value::Float(crate::builtins::types::to_float(
        vm,
        &args.values[0],
    )?))
}

fn index_(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "__index__")?;
    match &args.values[0] {
        Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
        v => Ok(v.clone()),
    }
}

fn round_(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let key = vm.intern("round");
    let f = vm.builtins.get_str(&key).unwrap_or_default();
    vm.call(&f, args.values)
}

fn trunc(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "__trunc__")?;
    match &args.values[0] {
        Value::Float(f) => crate::objects::float::float_to_int(vm, f.trunc()),
        v => index_(vm, Args::new(std::slice::from_ref(v))),
    }
}

fn floor(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "__floor__")?;
    match &args.values[0] {
        Value::Float(f) => crate::objects::float::float_to_int(vm, f.floor()),
        v => index_(vm, Args::new(std::slice::from_ref(v))),
    }
}

fn ceil(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "__ceil__")?;
    match &args.values[0] {
        Value::Float(f) => crate::objects::float::float_to_int(vm, f.ceil()),
        v => index_(vm, Args::new(std::slice::from_ref(v))),
    }
}

fn len(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "__len__")?;
    Ok(Value::from(vm.len(&args.values[0])?))
}

fn getitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (a, b) = two(vm, &args, "__getitem__")?;
    vm.get_item(a, b)
}

fn setitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_kwargs(vm, "__setitem__")?;
    let [c, k, v] = args.values else {
        return Err(vm.type_error(format!(
            "expected 2 arguments, got {}",
            args.values.len().saturating_sub(1)
        )));
    };
    vm.set_item(c, k, v.clone())?;
    Ok(Value::None)
}

fn delitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (a, b) = two(vm, &args, "__delitem__")?;
    vm.del_item(a, b)?;
    Ok(Value::None)
}

fn contains(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (a, b) = two(vm, &args, "__contains__")?;
    Ok(Value::Bool(vm.contains(a, b)?))
}

fn iter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "__iter__")?;
    vm.iter(&args.values[0])
}

fn next(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "__next__")?;
    match vm.next(&args.values[0])? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(None)),
    }
}

fn reversed(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "__reversed__")?;
    crate::builtins::functions::reversed_of(vm, &args.values[0])
}

/// `f.__call__(*args, **kwargs)` of the built-in callable types.
fn call(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some((f, rest)) = args.values.split_first() else {
        return Err(vm.type_error("descriptor '__call__' needs an argument"));
    };
    vm.call_args(f, Args::with_kwargs(rest, args.kwnames))
}

fn repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "__repr__")?;
    let v = &args.values[0];
    if matches!(v, Value::Instance(_)) {
        return Ok(Value::str(&vm.default_repr(v)));
    }
    Ok(Value::str(&vm.repr(v)?))
}

fn str_(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "__str__")?;
    // object.__str__ is repr(self), which may be the class's __repr__.
    let v = &args.values[0];
    if matches!(v, Value::Instance(_)) {
        return Ok(Value::str(&vm.repr(v)?));
    }
    Ok(Value::str(&vm.str(v)?))
}

fn hash(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "__hash__")?;
    let v = &args.values[0];
    if crate::slots::dispatches(v) {
        return Ok(Value::Int(crate::ops::identity_hash(v)));
    }
    Ok(Value::Int(vm.hash(v)?))
}

fn format(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (a, spec) = two(vm, &args, "__format__")?;
    let Value::Str(spec) = spec else {
        let t = vm.type_name(spec);
        return Err(vm.type_error(format!("__format__() argument must be str, not {t}")));
    };
    if matches!(a, Value::Instance(_)) {
        // object.__format__: str(self), and only for an empty spec.
        if !spec.is_empty() {
            let t = vm.type_name(a);
            return Err(vm.type_error(format!(
                "unsupported format string passed to {t}.__format__"
            )));
        }
        return Ok(Value::str(&vm.str(a)?));
    }
    Ok(Value::str(&vm.format(a, &spec.to_string())?))
}

fn iadd(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (a, b) = two(vm, &args, "__iadd__")?;
    vm.inplace_op(BinaryOp::Add, a, b)
}

fn imul(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (a, b) = two(vm, &args, "__imul__")?;
    vm.inplace_op(BinaryOp::Multiply, a, b)
}

fn sizeof(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "__sizeof__")?;
    // CPython's basic size of the type's instances; ours are smaller.
    Ok(Value::Int(match &args.values[0] {
        Value::Instance(i) => 16 + 8 * i.slots.borrow().len() as i64,
        _ => 16,
    }))
}

fn reduce(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(vm.not_implemented_error("pickling (__reduce__) is not supported"))
}

const OBJECT: &[(&str, NativeFn)] = &[
    ("__eq__", eq),
    ("__ne__", ne),
    ("__lt__", lt),
    ("__le__", le),
    ("__gt__", gt),
    ("__ge__", ge),
    ("__sizeof__", sizeof),
    ("__reduce__", reduce),
    ("__repr__", repr),
    ("__str__", str_),
    ("__hash__", hash),
    ("__format__", format),
];

/// What every built-in value type defines itself, so that `super().__eq__`
/// and friends in a subclass reach the built-in behaviour.
const VALUE: &[(&str, NativeFn)] = &[
    ("__eq__", eq),
    ("__ne__", ne),
    ("__repr__", repr),
    ("__hash__", hash),
];

/// `list.__init__(self, iterable=())`: refill in place.
fn list_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.skip_self().unpack(vm, "list", 0, 1)?;
    let items = match a.first() {
        Some(v) => vm.collect(v)?,
        None => Vec::new(),
    };
    match &args.values[0] {
        Value::List(l) => *l.items.borrow_mut() = items,
        _ => return Err(vm.type_error("descriptor '__init__' requires a 'list' object")),
    }
    Ok(Value::None)
}

/// `dict.__init__(self, *args, **kwargs)`: update in place.
fn dict_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    match &args.values[0] {
        Value::Dict(d) => {
            let d = d.clone();
            crate::objects::dict::update_with(vm, &d, args.skip_self(), "dict")?;
            Ok(Value::None)
        }
        _ => Err(vm.type_error("descriptor '__init__' requires a 'dict' object")),
    }
}

/// `set.__init__(self, iterable=())`: refill in place.
fn set_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.skip_self().unpack(vm, "set", 0, 1)?;
    match &args.values[0] {
        Value::Set(s) => {
            s.clear();
            if let Some(v) = a.first() {
                s.update(vm, v)?;
            }
            Ok(Value::None)
        }
        _ => Err(vm.type_error("descriptor '__init__' requires a 'set' object")),
    }
}

const ORDERING: &[(&str, NativeFn)] = &[
    ("__lt__", lt),
    ("__le__", le),
    ("__gt__", gt),
    ("__ge__", ge),
];

const ARITHMETIC: &[(&str, NativeFn)] = &[
    ("__add__", add),
    ("__radd__", radd),
    ("__sub__", sub),
    ("__rsub__", rsub),
    ("__mul__", mul),
    ("__rmul__", rmul),
    ("__truediv__", truediv),
    ("__rtruediv__", rtruediv),
    ("__floordiv__", floordiv),
    ("__rfloordiv__", rfloordiv),
    ("__mod__", mod_),
    ("__rmod__", rmod),
    ("__pow__", pow_),
    ("__rpow__", rpow),
    ("__divmod__", divmod_),
    ("__rdivmod__", rdivmod),
    ("__neg__", neg),
    ("__pos__", pos),
    ("__abs__", abs_),
    ("__bool__", bool_),
    ("__int__", int_),
    ("__float__", float_),
];

const INTEGER: &[(&str, NativeFn)] = &[
    ("__lshift__", lshift),
    ("__rlshift__", rlshift),
    ("__rshift__", rshift),
    ("__rrshift__", rrshift),
    ("__and__", and),
    ("__rand__", rand),
    ("__or__", or),
    ("__ror__", ror),
    ("__xor__", xor),
    ("__rxor__", rxor),
    ("__invert__", invert),
    ("__index__", index_),
    ("__round__", round_),
    ("__trunc__", trunc),
    ("__floor__", floor),
    ("__ceil__", ceil),
];

const REAL: &[(&str, NativeFn)] = &[
    ("__round__", round_),
    ("__trunc__", trunc),
    ("__floor__", floor),
    ("__ceil__", ceil),
];

const SEQUENCE: &[(&str, NativeFn)] = &[
    ("__len__", len),
    ("__getitem__", getitem),
    ("__contains__", contains),
    ("__iter__", iter),
    ("__add__", add),
    ("__mul__", mul),
    ("__rmul__", rmul),
];

const MUTABLE: &[(&str, NativeFn)] = &[("__setitem__", setitem), ("__delitem__", delitem)];

const SETS: &[(&str, NativeFn)] = &[
    ("__len__", len),
    ("__contains__", contains),
    ("__iter__", iter),
    ("__or__", or),
    ("__ror__", ror),
    ("__and__", and),
    ("__rand__", rand),
    ("__sub__", sub),
    ("__rsub__", rsub),
    ("__xor__", xor),
    ("__rxor__", rxor),
];

const ITERATOR: &[(&str, NativeFn)] = &[("__iter__", iter), ("__next__", next)];

fn install(t: &TypeObject, methods: &[(&'static str, NativeFn)]) {
    for (name, func) in methods {
        let f = crate::objects::BuiltinFunction {
            name,
            func: *func,
            kind: NativeKind::Method,
            owner: Some(crate::builtins::types::owner_name(t)),
            bound: None,
        };
        t.dict
            .set_item_str(name, Value::Builtin(std::rc::Rc::new(f)));
    }
}

/// Give each built-in type the special methods CPython's has.
pub fn install_all(vm: &Vm) {
    let t = &vm.types;
    install(&t.object, OBJECT);
    for ty in [
        &t.int,
        &t.float,
        &t.complex,
        &t.str_,
        &t.bytes,
        &t.bytearray,
        &t.tuple,
        &t.list,
        &t.dict,
        &t.set,
        &t.frozenset,
        &t.range,
    ] {
        install(ty, VALUE);
    }
    install(&t.list, &[("__init__", list_init)]);
    install(&t.dict, &[("__init__", dict_init)]);
    install(&t.set, &[("__init__", set_init)]);
    for ty in [
        &t.int,
        &t.float,
        &t.str_,
        &t.bytes,
        &t.bytearray,
        &t.tuple,
        &t.list,
        &t.set,
        &t.frozenset,
    ] {
        install(ty, ORDERING);
    }
    for ty in [&t.int, &t.float, &t.complex] {
        install(ty, ARITHMETIC);
    }
    install(&t.int, INTEGER);
    install(&t.float, REAL);
    for ty in [&t.str_, &t.bytes, &t.bytearray, &t.tuple, &t.list] {
        install(ty, SEQUENCE);
    }
    install(&t.str_, &[("__mod__", mod_), ("__rmod__", rmod)]);
    install(
        &t.range,
        &[
            ("__len__", len),
            ("__getitem__", getitem),
            ("__contains__", contains),
            ("__iter__", iter),
            ("__reversed__", reversed),
        ],
    );
    for ty in [&t.list, &t.bytearray] {
        install(ty, MUTABLE);
    }
    install(
        &t.list,
        &[
            ("__iadd__", iadd),
            ("__imul__", imul),
            ("__reversed__", reversed),
        ],
    );
    install(
        &t.dict,
        &[
            ("__len__", len),
            ("__getitem__", getitem),
            ("__setitem__", setitem),
            ("__delitem__", delitem),
            ("__contains__", contains),
            ("__iter__", iter),
            ("__or__", or),
            ("__ror__", ror),
            ("__reversed__", reversed),
        ],
    );
    for ty in [&t.set, &t.frozenset] {
        install(ty, SETS);
    }
    for ty in t.iterators.values().filter(|ty| {
        !ty.name.borrow().starts_with("dict_") || ty.name.borrow().ends_with("iterator")
    }) {
        install(ty, ITERATOR);
    }
    for name in ["dict_keys", "dict_values", "dict_items"] {
        install(
            &t.iterators[name],
            &[
                ("__len__", len),
                ("__iter__", iter),
                ("__reversed__", reversed),
            ],
        );
    }
    // The set-like views test membership themselves and are unhashable
    // (dict_values searches by iteration and keeps object's hash).
    for name in ["dict_keys", "dict_items"] {
        install(&t.iterators[name], &[("__contains__", contains)]);
        t.iterators[name].dict.set_item_str("__hash__", Value::None);
    }
    // Callables that are not classes: `'__call__' in type(f).__dict__`, which
    // collections.abc.Callable checks.
    for ty in [
        &t.function,
        &t.builtin_function,
        &t.method_descriptor,
        &t.wrapper_descriptor,
        &t.method_wrapper,
        &t.method,
        &t.staticmethod,
    ] {
        install(ty, &[("__call__", call)]);
    }
    for ty in [&t.builtin_function, &t.method] {
        install(ty, &[("__hash__", hash)]);
    }
    install(&t.file, ITERATOR);
}
