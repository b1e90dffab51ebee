//! The built-in types: their creation at start-up (with their methods in
//! their dicts) and what calling them does (`int("7")`, `list(x)`, ...).

// aHash: these maps are probed by name on hot paths (interning, exception
// types); SipHash's DoS resistance buys nothing for names the VM chooses.
use ahash::AHashMap as HashMap;
use std::rc::Rc;

use crate::args::Args;
use crate::error::PyResult;
use crate::objects::function::{BuiltinFunction, NativeFn, NativeKind};
use crate::objects::iter::{IterKind, IteratorObject};
use crate::objects::typeobj::TypeKind;
use crate::objects::{
    DictObject, ListObject, RangeObject, SetObject, SliceObject, TupleObject, TypeObject,
};
use crate::value::Value;
use crate::vm::{Types, Vm, EXCEPTION_TREE};

fn new_type(name: &str, base: Option<&Rc<TypeObject>>, kind: TypeKind) -> Rc<TypeObject> {
    TypeObject::new(
        name,
        base.into_iter().cloned().collect(),
        kind,
        DictObject::new(),
    )
}

pub fn create_types() -> Types {
    let object = new_type("object", None, TypeKind::Object);
    let o = Some(&object);
    let int = new_type("int", o, TypeKind::Int);
    let mut exceptions: HashMap<&'static str, Rc<TypeObject>> = HashMap::new();
    for (name, base) in EXCEPTION_TREE {
        let base_t = if base.is_empty() {
            object.clone()
        } else {
            exceptions[base].clone()
        };
        exceptions.insert(name, new_type(name, Some(&base_t), TypeKind::Exception));
    }
    let mut iterators = HashMap::new();
    for name in crate::objects::iter::ITERATOR_TYPES {
        iterators.insert(*name, new_type(name, o, TypeKind::Iterator));
    }
    Types {
        type_: new_type("type", o, TypeKind::Type),
        none: new_type("NoneType", o, TypeKind::NoneType),
        not_implemented: new_type("NotImplementedType", o, TypeKind::NotImplementedType),
        ellipsis: new_type("ellipsis", o, TypeKind::Ellipsis),
        bool_: new_type("bool", Some(&int), TypeKind::Bool),
        float: new_type("float", o, TypeKind::Float),
        complex: new_type("complex", o, TypeKind::Complex),
        str_: new_type("str", o, TypeKind::Str),
        bytes: new_type("bytes", o, TypeKind::Bytes),
        bytearray: new_type("bytearray", o, TypeKind::ByteArray),
        tuple: new_type("tuple", o, TypeKind::Tuple),
        list: new_type("list", o, TypeKind::List),
        dict: new_type("dict", o, TypeKind::Dict),
        set: new_type("set", o, TypeKind::Set),
        frozenset: new_type("frozenset", o, TypeKind::FrozenSet),
        range: new_type("range", o, TypeKind::Range),
        slice: new_type("slice", o, TypeKind::Slice),
        function: new_type("function", o, TypeKind::Function),
        builtin_function: new_type("builtin_function_or_method", o, TypeKind::Builtin),
        method_descriptor: new_type("method_descriptor", o, TypeKind::Builtin),
        wrapper_descriptor: new_type("wrapper_descriptor", o, TypeKind::Builtin),
        method_wrapper: new_type("method-wrapper", o, TypeKind::Builtin),
        method: new_type("method", o, TypeKind::Method),
        cell: new_type("cell", o, TypeKind::Cell),
        code: new_type("code", o, TypeKind::Code),
        module: new_type("module", o, TypeKind::Module),
        traceback: new_type("traceback", o, TypeKind::Traceback),
        frame: new_type("frame", o, TypeKind::Traceback),
        module_spec: new_type("ModuleSpec", o, TypeKind::Object),
        generator: new_type("generator", o, TypeKind::Iterator),
        coroutine: new_type("coroutine", o, TypeKind::Iterator),
        async_generator: new_type("async_generator", o, TypeKind::Iterator),
        coroutine_wrapper: new_type("coroutine_wrapper", o, TypeKind::Iterator),
        async_generator_asend: new_type("async_generator_asend", o, TypeKind::Iterator),
        async_generator_athrow: new_type("async_generator_athrow", o, TypeKind::Iterator),
        staticmethod: new_type("staticmethod", o, TypeKind::Descriptor),
        member_descriptor: new_type("member_descriptor", o, TypeKind::Descriptor),
        tuplegetter: new_type("_tuplegetter", o, TypeKind::Descriptor),
        getset_descriptor: new_type("getset_descriptor", o, TypeKind::Descriptor),
        classmethod: new_type("classmethod", o, TypeKind::Descriptor),
        property: new_type("property", o, TypeKind::Descriptor),
        super_: new_type("super", o, TypeKind::Super),
        file: new_type("TextIOWrapper", o, TypeKind::File),
        int,
        object,
        iterators,
        exceptions,
    }
}

/// The type name a built-in method reports as its owner (and that decides
/// whether it works on the built-in value a class instance extends).
pub fn owner_name(t: &TypeObject) -> &'static str {
    match t.kind {
        TypeKind::List => "list",
        TypeKind::Dict => "dict",
        TypeKind::Str => "str",
        TypeKind::Tuple => "tuple",
        TypeKind::Set => "set",
        TypeKind::FrozenSet => "frozenset",
        TypeKind::Int => "int",
        TypeKind::Float => "float",
        TypeKind::Bytes => "bytes",
        TypeKind::ByteArray => "bytearray",
        TypeKind::File => "TextIOWrapper",
        TypeKind::Exception => "BaseException",
        TypeKind::Type => "type",
        TypeKind::Complex => "complex",
        TypeKind::Range => "range",
        TypeKind::Descriptor => match t.name.borrow().as_str() {
            "property" => "property",
            "staticmethod" => "staticmethod",
            "classmethod" => "classmethod",
            _ => "object",
        },
        _ => "object",
    }
}

fn add_methods(t: &TypeObject, methods: &[(&'static str, NativeFn)], kind: NativeKind) {
    for (name, func) in methods {
        let owner = owner_name(t);
        let f = BuiltinFunction {
            name,
            func: *func,
            kind,
            owner: Some(owner),
            bound: None,
        };
        t.dict.set_item_str(name, Value::Builtin(Rc::new(f)));
    }
}

/// Fill the built-in types' dicts with their methods.
pub fn populate_type_dicts(vm: &mut Vm) {
    use crate::objects::*;
    let t = &vm.types;
    add_methods(&t.list, list::METHODS, NativeKind::Method);
    add_methods(&t.tuple, tuple::METHODS, NativeKind::Method);
    add_methods(&t.dict, dict::METHODS, NativeKind::Method);
    add_methods(&t.dict, dict::CLASS_METHODS, NativeKind::ClassMethod);
    add_methods(&t.str_, strmethods::METHODS, NativeKind::Method);
    add_methods(&t.str_, strmethods::STATIC_METHODS, NativeKind::Function);
    add_methods(&t.set, set::SET_METHODS, NativeKind::Method);
    add_methods(&t.frozenset, set::FROZENSET_METHODS, NativeKind::Method);
    add_methods(&t.int, int::METHODS, NativeKind::Method);
    add_methods(&t.int, int::CLASS_METHODS, NativeKind::ClassMethod);
    add_methods(&t.float, float::METHODS, NativeKind::Method);
    add_methods(&t.float, float::CLASS_METHODS, NativeKind::ClassMethod);
    add_methods(&t.bytes, bytes::BYTES_METHODS, NativeKind::Method);
    add_methods(&t.bytes, bytes::CLASS_METHODS, NativeKind::ClassMethod);
    add_methods(&t.bytearray, bytes::BYTES_METHODS, NativeKind::Method);
    add_methods(&t.bytearray, bytes::BYTEARRAY_METHODS, NativeKind::Method);
    add_methods(&t.bytearray, bytes::CLASS_METHODS, NativeKind::ClassMethod);
    add_methods(&t.file, crate::builtins::file::METHODS, NativeKind::Method);
    {
        use crate::objects::{awaitable, generator};
        add_methods(
            &t.generator,
            generator::GENERATOR_METHODS,
            NativeKind::Method,
        );
        add_methods(
            &t.coroutine,
            generator::COROUTINE_METHODS,
            NativeKind::Method,
        );
        add_methods(
            &t.async_generator,
            generator::ASYNC_GENERATOR_METHODS,
            NativeKind::Method,
        );
        add_methods(
            &t.coroutine_wrapper,
            awaitable::WRAPPER_METHODS,
            NativeKind::Method,
        );
        add_methods(
            &t.async_generator_asend,
            awaitable::METHODS,
            NativeKind::Method,
        );
        add_methods(
            &t.async_generator_athrow,
            awaitable::METHODS,
            NativeKind::Method,
        );
    }
    add_methods(
        &t.exceptions["BaseException"],
        crate::builtins::exceptions::METHODS,
        NativeKind::Method,
    );
    add_methods(
        &t.range,
        crate::builtins::functions::RANGE_METHODS,
        NativeKind::Method,
    );
    add_methods(
        &t.slice,
        crate::builtins::functions::SLICE_METHODS,
        NativeKind::Method,
    );
    add_methods(
        &t.complex,
        crate::builtins::functions::COMPLEX_METHODS,
        NativeKind::Method,
    );
    for name in crate::objects::iter::LENGTH_HINT_TYPES {
        add_methods(
            &t.iterators[name],
            &[("__length_hint__", crate::objects::iter::length_hint)],
            NativeKind::Method,
        );
    }
    for name in ["dict_keys", "dict_values", "dict_items"] {
        add_methods(
            &t.iterators[name],
            crate::builtins::functions::VIEW_METHODS,
            NativeKind::Method,
        );
    }
    {
        use crate::builtins::classes as c;
        add_methods(&t.object, c::OBJECT_METHODS, NativeKind::Method);
        add_methods(&t.object, c::OBJECT_STATIC, NativeKind::Function);
        add_methods(&t.object, c::OBJECT_CLASSMETHODS, NativeKind::ClassMethod);
        t.object.dict.set_item_str(
            "__doc__",
            Value::str(
                "The base class of the class hierarchy.\n\nWhen called, it accepts no arguments \
                 and returns a new featureless\ninstance that has no instance attributes and \
                 cannot be given any.\n",
            ),
        );
        t.object.dict.set_item_str(
            "__class__",
            Value::Descriptor(crate::objects::DescriptorObject::new(
                crate::objects::descriptor::DescriptorKind::GetSet {
                    name: "__class__",
                    class_name: "object".into(),
                },
            )),
        );
        add_methods(&t.type_, c::TYPE_METHODS, NativeKind::Method);
        add_methods(&t.type_, c::TYPE_STATIC, NativeKind::Function);
        add_methods(&t.type_, c::TYPE_CLASSMETHODS, NativeKind::ClassMethod);
        add_methods(&t.property, c::PROPERTY_METHODS, NativeKind::Method);
        add_methods(&t.staticmethod, c::DESCRIPTOR_METHODS, NativeKind::Method);
        add_methods(&t.classmethod, c::DESCRIPTOR_METHODS, NativeKind::Method);
        add_methods(&t.function, c::DESCRIPTOR_METHODS, NativeKind::Method);
        add_methods(
            &t.member_descriptor,
            c::PROPERTY_METHODS,
            NativeKind::Method,
        );
        add_methods(&t.tuplegetter, c::PROPERTY_METHODS, NativeKind::Method);
        *t.tuplegetter.module.borrow_mut() = Value::str("_collections");
        let by_name = [
            &t.int,
            &t.float,
            &t.complex,
            &t.str_,
            &t.bytes,
            &t.tuple,
            &t.frozenset,
            &t.list,
            &t.dict,
            &t.set,
            &t.bytearray,
            &t.exceptions["BaseException"],
        ];
        for (owner, new) in c::BUILTIN_NEWS {
            if let Some(ty) = by_name.iter().find(|ty| *ty.name.borrow() == *owner) {
                add_methods(ty, &[("__new__", *new)], NativeKind::Function);
            }
        }
        // Built-in types document themselves or not at all: they must not
        // inherit object's docstring.
        for ty in by_name {
            ty.dict.set_item_str("__doc__", Value::None);
        }
    }
    crate::builtins::dunders::install_all(vm);
    // Mutable containers are unhashable: CPython sets their __hash__ to None.
    for ty in [&t.list, &t.dict, &t.set, &t.bytearray] {
        ty.dict.set_item_str("__hash__", Value::None);
    }
}

fn one_arg<'a>(vm: &mut Vm, args: &Args<'a>, name: &str) -> PyResult<Option<&'a Value>> {
    if args.has_kwargs() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    match args.values.len() {
        0 => Ok(None),
        1 => Ok(Some(&args.values[0])),
        n => Err(vm.type_error(format!("{name} expected at most 1 argument, got {n}"))),
    }
}

/// Calling a type: construct an instance.
pub fn construct(vm: &mut Vm, t: Rc<TypeObject>, args: Args) -> PyResult<Value> {
    if t.heap {
        return super::classes::construct_instance(vm, t, args);
    }
    match t.kind {
        TypeKind::Type => super::classes::call_type(vm, t, args),
        TypeKind::Object => {
            if !args.values.is_empty() {
                return Err(vm.type_error("object() takes no arguments"));
            }
            Ok(Value::Instance(crate::objects::InstanceObject::new(t)))
        }
        TypeKind::Descriptor => super::classes::construct_descriptor(vm, &t, args),
        TypeKind::Native => super::classes::instantiate(vm, t, args),
        TypeKind::Super => {
            let a = args.unpack(vm, "super", 1, 2)?;
            if a.len() == 1 {
                return Err(vm.not_implemented_error(
                    "unbound super objects (super(type)) are not supported",
                ));
            }
            super::classes::make_super(vm, &a[0], &a[1])
        }
        TypeKind::Int => construct_int(vm, args),
        TypeKind::Bool => {
            let v = one_arg(vm, &args, "bool")?;
            Ok(Value::Bool(match v {
                Some(v) => vm.truthy(v)?,
                None => false,
            }))
        }
        TypeKind::Float => {
            let v = one_arg(vm, &args, "float")?;
            match v {
                None => Ok(Value::Float(0.0)),
                Some(v) => to_float(vm, v).map(Value::Float),
            }
        }
        TypeKind::Complex => construct_complex(vm, args),
        TypeKind::Str => construct_str(vm, args),
        TypeKind::Bytes | TypeKind::ByteArray => {
            crate::objects::bytes::construct_bytes(vm, args, t.kind == TypeKind::ByteArray)
        }
        TypeKind::Tuple => {
            let v = one_arg(vm, &args, "tuple")?;
            Ok(match v {
                None => Value::Tuple(TupleObject::empty()),
                Some(Value::Tuple(_)) => v.cloned().unwrap_or_default(),
                Some(v) => Value::Tuple(TupleObject::new(vm.collect(v)?)),
            })
        }
        TypeKind::List => {
            let v = one_arg(vm, &args, "list")?;
            Ok(Value::List(ListObject::new(match v {
                None => Vec::new(),
                Some(v) => vm.collect(v)?,
            })))
        }
        TypeKind::Dict => {
            let d = DictObject::new();
            crate::objects::dict::update_with(vm, &d, args, "dict")?;
            Ok(Value::Dict(d))
        }
        TypeKind::Set | TypeKind::FrozenSet => {
            let name = if t.kind == TypeKind::Set {
                "set"
            } else {
                "frozenset"
            };
            let v = one_arg(vm, &args, name)?;
            let s = match v {
                None => SetObject::new(),
                Some(Value::FrozenSet(f)) if t.kind == TypeKind::FrozenSet => {
                    return Ok(Value::FrozenSet(f.clone()))
                }
                Some(v) => crate::objects::set::set_from(vm, v)?,
            };
            Ok(if t.kind == TypeKind::Set {
                Value::Set(s)
            } else {
                Value::FrozenSet(s)
            })
        }
        TypeKind::Range => construct_range(vm, args),
        TypeKind::Slice => {
            let a = args.unpack(vm, "slice", 1, 3)?;
            Ok(Value::Slice(match a.len() {
                1 => SliceObject::new(Value::None, a[0].clone(), Value::None),
                2 => SliceObject::new(a[0].clone(), a[1].clone(), Value::None),
                _ => SliceObject::new(a[0].clone(), a[1].clone(), a[2].clone()),
            }))
        }
        TypeKind::Exception => Ok(Value::Exception(
            crate::builtins::exceptions::new_exception(vm, t, args)?,
        )),
        TypeKind::Iterator => construct_iterator(vm, &t, args),
        TypeKind::NoneType => Ok(Value::None),
        _ => Err(vm.type_error(format!("cannot create '{}' instances", t.name.borrow()))),
    }
}

fn construct_iterator(vm: &mut Vm, t: &TypeObject, args: Args) -> PyResult<Value> {
    let (kind, name) = match t.name.borrow().as_str() {
        "enumerate" => {
            let [iterable, start] = args.bind(vm, "enumerate", ["iterable", "start"], 0, 1)?;
            let it = vm.iter(&iterable.unwrap_or_default())?;
            let count = match start {
                Some(v @ (Value::Int(_) | Value::BigInt(_))) => v,
                Some(Value::Bool(b)) => Value::Int(i64::from(b)),
                Some(v) => {
                    let t = vm.type_name(&v);
                    return Err(
                        vm.type_error(format!("'{t}' object cannot be interpreted as an integer"))
                    );
                }
                None => Value::Int(0),
            };
            (IterKind::Enumerate { iter: it, count }, "enumerate")
        }
        "zip" => {
            let mut strict = false;
            for (k, v) in args.kwargs() {
                if k.eq_ascii("strict") {
                    strict = vm.truthy(v)?;
                } else {
                    return Err(
                        vm.type_error(format!("zip() got an unexpected keyword argument '{k}'"))
                    );
                }
            }
            let mut iters = Vec::new();
            for (i, a) in args.pos().iter().enumerate() {
                match vm.iter(a) {
                    Ok(it) => iters.push(it),
                    Err(_) => {
                        return Err(vm.type_error(format!(
                            "zip argument #{} must support iteration",
                            i + 1
                        )));
                    }
                }
            }
            (IterKind::Zip { iters, strict }, "zip")
        }
        "map" => {
            args.no_kwargs(vm, "map")?;
            if args.values.len() < 2 {
                return Err(vm.type_error("map() must have at least two arguments."));
            }
            let func = args.values[0].clone();
            let mut iters = Vec::new();
            for a in &args.values[1..] {
                iters.push(vm.iter(a)?);
            }
            (IterKind::Map { func, iters }, "map")
        }
        "filter" => {
            let a = args.unpack(vm, "filter", 2, 2)?;
            let it = vm.iter(&a[1])?;
            (
                IterKind::Filter {
                    func: a[0].clone(),
                    iter: it,
                },
                "filter",
            )
        }
        "reversed" => {
            let a = args.unpack(vm, "reversed", 1, 1)?;
            return crate::builtins::functions::reversed_of(vm, &a[0]);
        }
        other => return Err(vm.type_error(format!("cannot create '{other}' instances"))),
    };
    Ok(Value::Iterator(IteratorObject::new(kind, name)))
}

/// `float(x)`.
pub fn to_float(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => Ok(*f),
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            let i = crate::objects::int::as_int(v).unwrap_or(crate::objects::int::IntRef::Small(0));
            crate::objects::int::int_to_f64(vm, &i)
        }
        Value::Str(s) => {
            let text = s.to_string();
            let ascii: String = text
                .chars()
                .map(|c| match pyvm_loader::unicode::decimal_value(c as u32) {
                    Some(d) if !c.is_ascii() => char::from_digit(d, 10).unwrap_or(c),
                    _ => c,
                })
                .collect();
            crate::objects::float::parse_float(&ascii).ok_or_else(|| {
                vm.value_error(format!("could not convert string to float: {}", s.repr()))
            })
        }
        Value::Bytes(b) | Value::ByteArray(b) => {
            let text = String::from_utf8_lossy(&b.data.borrow()).to_string();
            crate::objects::float::parse_float(&text).ok_or_else(|| {
                let r = crate::objects::bytes::bytes_repr(&b.data.borrow());
                vm.value_error(format!("could not convert string to float: {r}"))
            })
        }
        Value::Instance(_) => {
            use crate::slots::Special;
            if let Some(r) = vm.call_user_special(v, Special::__float__, &[])? {
                return match crate::slots::instance_base(&r).unwrap_or(r) {
                    Value::Float(f) => Ok(f),
                    other => {
                        let (t, rt) = (vm.type_name(v), vm.type_name(&other));
                        Err(vm.type_error(format!("{t}.__float__ returned non-float (type {rt})")))
                    }
                };
            }
            if let Some(i) = vm.user_index(v)? {
                return to_float(vm, &i);
            }
            if let Some(b) = crate::slots::instance_base(v) {
                return to_float(vm, &b);
            }
            let t = vm.type_name(v);
            Err(vm.type_error(format!(
                "float() argument must be a string or a real number, not '{t}'"
            )))
        }
        _ => {
            let t = vm.type_name(v);
            Err(vm.type_error(format!(
                "float() argument must be a string or a real number, not '{t}'"
            )))
        }
    }
}

/// `int(obj)` through `__int__`, `__index__` or `__trunc__`.
fn int_protocol(vm: &mut Vm, x: &Value) -> PyResult<Option<Value>> {
    use crate::slots::Special;
    for (s, name) in [
        (Special::__int__, "__int__"),
        (Special::__index__, "__index__"),
        (Special::__trunc__, "__trunc__"),
    ] {
        if let Some(r) = vm.call_user_special(x, s, &[])? {
            let r = match r {
                Value::Instance(_) => crate::slots::instance_base(&r).unwrap_or(r),
                r => r,
            };
            return match r {
                Value::Int(_) | Value::BigInt(_) => Ok(Some(r)),
                Value::Bool(b) => Ok(Some(Value::Int(i64::from(b)))),
                other if s == Special::__trunc__ => {
                    construct_int(vm, Args::new(&[other])).map(Some)
                }
                other => {
                    let t = vm.type_name(&other);
                    Err(vm.type_error(format!("{name} returned non-int (type {t})")))
                }
            };
        }
    }
    Ok(None)
}

fn construct_int(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let [x, base] = args.bind(vm, "int", ["x", "base"], 1, 0)?;
    let Some(x) = x else {
        if base.is_some() {
            return Err(vm.type_error("int() missing string argument"));
        }
        return Ok(Value::Int(0));
    };
    if let Some(base) = base {
        let b = vm.index_value(&base)?;
        if b != 0 && !(2..=36).contains(&b) {
            return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0"));
        }
        let text = match &x {
            Value::Str(s) => s.to_string(),
            Value::Bytes(bb) | Value::ByteArray(bb) => {
                String::from_utf8_lossy(&bb.data.borrow()).to_string()
            }
            _ => return Err(vm.type_error("int() can't convert non-string with explicit base")),
        };
        return parse_int_value(vm, &text, b as u32, &x);
    }
    match &x {
        Value::Int(_) | Value::BigInt(_) => Ok(x.clone()),
        Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
        Value::Float(f) => crate::objects::float::float_to_int(vm, *f),
        Value::Str(s) => {
            let text = s.to_string();
            parse_int_value(vm, &text, 10, &x)
        }
        Value::Bytes(b) | Value::ByteArray(b) => {
            let text = String::from_utf8_lossy(&b.data.borrow()).to_string();
            parse_int_value(vm, &text, 10, &x)
        }
        Value::Instance(_) => match int_protocol(vm, &x)? {
            Some(v) => Ok(v),
            None => match crate::slots::instance_base(&x) {
                Some(b) => construct_int(vm, Args::new(&[b])),
                None => {
                    let t = vm.type_name(&x);
                    Err(vm.type_error(format!(
                        "int() argument must be a string, a bytes-like object or a real number, not '{t}'"
                    )))
                }
            },
        },
        _ => {
            let t = vm.type_name(&x);
            Err(vm.type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{t}'"
            )))
        }
    }
}

fn parse_int_value(vm: &mut Vm, text: &str, base: u32, original: &Value) -> PyResult<Value> {
    let digits: String = text
        .chars()
        .map(|c| match pyvm_loader::unicode::decimal_value(c as u32) {
            Some(d) if !c.is_ascii() => char::from_digit(d, 10).unwrap_or(c),
            _ => c,
        })
        .collect();
    if let Some(n) = crate::objects::int::parse_int(&digits, base) {
        let magnitude_digits = digits.trim().trim_start_matches(['+', '-']).len();
        if base == 10 && magnitude_digits > 4300 {
            return Err(vm.value_error(format!(
                "Exceeds the limit (4300 digits) for integer string conversion: value has {magnitude_digits} digits; use sys.set_int_max_str_digits() to increase the limit"
            )));
        }
        return Ok(Value::from_bigint(n));
    }
    let r = vm.repr(original)?;
    Err(vm.value_error(format!("invalid literal for int() with base {base}: {r}")))
}

fn construct_complex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let [real, imag] = args.bind(vm, "complex", ["real", "imag"], 0, 0)?;
    let part = |vm: &mut Vm, v: &Value| -> PyResult<(f64, f64)> {
        match v {
            Value::Complex(c) => Ok(**c),
            Value::Str(_) => Err(vm.type_error("complex() second arg can't be a string")),
            _ => Ok((to_float(vm, v)?, 0.0)),
        }
    };
    // CPython: result = cr + ci*1j with cr, ci possibly complex; only the
    // parts that exist are added (so complex(1.5, -0.0) keeps the -0.0).
    let (mut re, mut im) = (0.0, 0.0);
    let mut real_is_complex = false;
    if let Some(r) = &real {
        if let Value::Str(s) = r {
            if imag.is_some() {
                return Err(vm.type_error("complex() can't take second arg if first is a string"));
            }
            return parse_complex(vm, &s.to_string());
        }
        let converted = match r {
            Value::Instance(_) => {
                vm.call_user_special(r, crate::slots::Special::__complex__, &[])?
            }
            _ => None,
        };
        match converted.as_ref().unwrap_or(r) {
            Value::Complex(c) => {
                re = c.0;
                im = c.1;
                real_is_complex = true;
            }
            other if converted.is_some() => {
                let t = vm.type_name(other);
                return Err(vm.type_error(format!("__complex__ returned non-complex (type {t})")));
            }
            _ => {
                re = match to_float(vm, r) {
                    Ok(f) => f,
                    Err(e) if vm.is_instance_of(&e, "TypeError") => {
                        let t = vm.type_name(r);
                        return Err(vm.type_error(format!(
                            "complex() first argument must be a string or a number, not '{t}'"
                        )));
                    }
                    Err(e) => return Err(e),
                }
            }
        }
    }
    if let Some(i) = &imag {
        let (a, b) = part(vm, i)?;
        re -= b;
        im = if real_is_complex { im + a } else { a };
    }
    Ok(crate::objects::complex::complex(re, im))
}

fn parse_complex(vm: &mut Vm, text: &str) -> PyResult<Value> {
    let t = text.trim();
    let t = t
        .strip_prefix('(')
        .and_then(|s| s.strip_suffix(')'))
        .unwrap_or(t)
        .trim();
    let err = || vm.value_error("complex() arg is a malformed string");
    if let Some(body) = t.strip_suffix(['j', 'J']) {
        // Find the split between real and imaginary parts.
        let bytes = body.as_bytes();
        let mut split = None;
        for i in (1..bytes.len()).rev() {
            if (bytes[i] == b'+' || bytes[i] == b'-') && !matches!(bytes[i - 1], b'e' | b'E') {
                split = Some(i);
                break;
            }
        }
        let (re, im) = match split {
            Some(i) => (&body[..i], &body[i..]),
            None => ("", body),
        };
        let im = match im {
            "" | "+" => 1.0,
            "-" => -1.0,
            s => crate::objects::float::parse_float(s).ok_or_else(err)?,
        };
        let re = if re.is_empty() {
            0.0
        } else {
            crate::objects::float::parse_float(re).ok_or_else(err)?
        };
        return Ok(crate::objects::complex::complex(re, im));
    }
    let re = crate::objects::float::parse_float(t).ok_or_else(err)?;
    Ok(crate::objects::complex::complex(re, 0.0))
}

fn construct_str(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let [object, encoding, errors] =
        args.bind(vm, "str", ["object", "encoding", "errors"], 0, 0)?;
    let Some(object) = object else {
        return Ok(Value::str(""));
    };
    if encoding.is_some() || errors.is_some() {
        let data = match &object {
            Value::Bytes(b) | Value::ByteArray(b) => b.to_vec(),
            other => {
                let t = vm.type_name(other);
                return Err(vm.type_error(format!(
                    "decoding to str: need a bytes-like object, {t} found"
                )));
            }
        };
        let enc = match &encoding {
            Some(Value::Str(s)) => s.to_string().to_ascii_lowercase().replace('_', "-"),
            _ => "utf-8".into(),
        };
        let errs = match &errors {
            Some(Value::Str(s)) => s.to_string(),
            _ => "strict".into(),
        };
        return crate::objects::strmethods::decode_bytes(vm, &data, &enc, &errs);
    }
    match &object {
        Value::Str(_) => Ok(object.clone()),
        // A __str__ returning an instance of a str subclass: str() keeps it.
        other if crate::slots::dispatches(other) => {
            match vm.call_user_special(other, crate::slots::Special::__str__, &[])? {
                Some(r @ Value::Str(_)) => Ok(r),
                Some(r) if matches!(crate::slots::instance_base(&r), Some(Value::Str(_))) => Ok(r),
                Some(r) => {
                    let t = vm.type_name(&r);
                    Err(vm.type_error(format!("__str__ returned non-string (type {t})")))
                }
                None => Ok(Value::str(&vm.str(other)?)),
            }
        }
        other => Ok(Value::str(&vm.str(other)?)),
    }
}

fn construct_range(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_kwargs(vm, "range")?;
    let a = args.values;
    let n = a.len();
    if n == 0 {
        return Err(vm.type_error("range expected at least 1 argument, got 0"));
    }
    if n > 3 {
        return Err(vm.type_error(format!("range expected at most 3 arguments, got {n}")));
    }
    let mut vals = Vec::with_capacity(3);
    for v in a {
        let index = vm.as_index(v)?;
        match index.as_ref().and_then(crate::objects::int::to_bigint) {
            Some(b) => vals.push(b),
            None => {
                let t = vm.type_name(v);
                return Err(
                    vm.type_error(format!("'{t}' object cannot be interpreted as an integer"))
                );
            }
        }
    }
    let zero = num_bigint::BigInt::from(0);
    let one = num_bigint::BigInt::from(1);
    let (start, stop, step) = match n {
        1 => (zero, vals[0].clone(), one),
        2 => (vals[0].clone(), vals[1].clone(), one),
        _ => (vals[0].clone(), vals[1].clone(), vals[2].clone()),
    };
    if step == num_bigint::BigInt::from(0) {
        return Err(vm.value_error("range() arg 3 must not be zero"));
    }
    Ok(Value::Range(RangeObject::from_bigs(start, stop, step)))
}
