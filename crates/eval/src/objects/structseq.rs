//! Struct sequences: the named tuples of native modules
//! (`sys.version_info`, `time.struct_time`, `sys.float_info`), as CPython's
//! `Objects/structseq.c` defines them. A struct sequence type is a subclass
//! of `tuple` whose fields are slot members, so `v.major` and `v[0]` both
//! work; fields past `n_sequence_fields` (`tm_zone`) are attributes only.

use std::rc::Rc;

use crate::args::Args;
use crate::error::PyResult;
use crate::objects::descriptor::{DescriptorKind, DescriptorObject};
use crate::objects::function::{BuiltinFunction, NativeKind};
use crate::objects::{DictObject, InstanceObject, StrObject, TupleObject, TypeObject};
use crate::value::Value;
use crate::vm::Vm;

/// A new struct sequence type `module.name` with `fields`, of which the
/// first `visible` are also tuple items.
pub fn new_type(
    vm: &mut Vm,
    module: &str,
    name: &'static str,
    fields: &[&str],
    visible: usize,
) -> PyResult<Rc<TypeObject>> {
    let ns = DictObject::new();
    ns.set_str(vm.intern("__module__"), Value::str(module));
    let meta = Value::Type(vm.types.type_.clone());
    let bases = Value::tuple(vec![Value::Type(vm.types.tuple.clone())]);
    let cls = match vm.call(&meta, &[Value::str(name), bases, Value::Dict(ns)])? {
        Value::Type(t) => t,
        _ => return Err(vm.system_error("struct sequence type creation failed")),
    };
    for (index, field) in fields.iter().enumerate() {
        let member = DescriptorObject::new(DescriptorKind::Member {
            name: StrObject::new(field),
            index,
            class_name: name.to_string(),
            readonly: true,
        });
        cls.dict
            .set_str(vm.intern(field), Value::Descriptor(member));
    }
    cls.slot_count.set(fields.len());
    let visible_names = fields[..visible].iter().map(|f| Value::str(f)).collect();
    let entries = [
        ("__match_args__", Value::tuple(visible_names)),
        ("n_fields", Value::Int(fields.len() as i64)),
        ("n_sequence_fields", Value::Int(visible as i64)),
        ("n_unnamed_fields", Value::Int(0)),
        ("__repr__", method(name, "__repr__", structseq_repr)),
        ("__new__", method(name, "__new__", structseq_new)),
    ];
    for (k, v) in entries {
        cls.dict.set_str(vm.intern(k), v);
    }
    cls.modified();
    Ok(cls)
}

fn method(
    owner: &'static str,
    name: &'static str,
    func: crate::objects::function::NativeFn,
) -> Value {
    let kind = if name == "__new__" {
        NativeKind::Function
    } else {
        NativeKind::Method
    };
    Value::Builtin(Rc::new(BuiltinFunction {
        name,
        func,
        kind,
        owner: Some(owner),
        bound: None,
    }))
}

/// An instance of struct sequence type `cls` holding `values` (all fields).
pub fn new_value(cls: &Rc<TypeObject>, values: Vec<Value>) -> Value {
    let visible = visible_count(cls).min(values.len());
    let tuple = Value::Tuple(TupleObject::new(values[..visible].to_vec()));
    let inst = InstanceObject::with_base(cls.clone(), tuple);
    {
        let mut slots = inst.slots.borrow_mut();
        for (slot, v) in slots.iter_mut().zip(values) {
            *slot = Some(v);
        }
    }
    Value::Instance(inst)
}

fn visible_count(cls: &TypeObject) -> usize {
    match cls.dict.get_str(&StrObject::new("n_sequence_fields")) {
        Some(Value::Int(n)) => n as usize,
        _ => 0,
    }
}

/// `struct_time((2024, 1, ...))`: from a sequence of n_sequence_fields to
/// n_fields items; missing attribute-only fields are None.
fn structseq_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(Value::Type(cls)) = args.values.first() else {
        return Err(vm.type_error("structseq.__new__(X): X is not a type object"));
    };
    let cls = cls.clone();
    let rest = Args::with_kwargs(&args.values[1..], args.kwnames);
    let [seq, _dict] = rest.bind(vm, "structseq", ["sequence", "dict"], 0, 1)?;
    let items = vm.collect(&seq.unwrap_or_default())?;
    let visible = visible_count(&cls);
    let total = cls.slot_count.get();
    let qual = format!("{}.{}", cls.module_name(), cls.name.borrow());
    if items.len() < visible {
        let what = if visible == total { "a" } else { "an at least" };
        return Err(vm.type_error(format!(
            "{qual}() takes {what} {visible}-sequence ({}-sequence given)",
            items.len()
        )));
    }
    if items.len() > total {
        let what = if visible == total { "a" } else { "an at most" };
        return Err(vm.type_error(format!(
            "{qual}() takes {what} {total}-sequence ({}-sequence given)",
            items.len()
        )));
    }
    let mut values = items;
    values.resize(total, Value::None);
    Ok(new_value(&cls, values))
}

/// `sys.version_info(major=3, minor=10, ...)`: the visible fields only.
fn structseq_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let Some(Value::Instance(inst)) = args.values.first() else {
        return Err(vm.type_error("descriptor '__repr__' requires a struct sequence"));
    };
    let cls = inst.class.clone();
    let names = match cls.dict.get_str(&StrObject::new("__match_args__")) {
        Some(Value::Tuple(t)) => t.items.to_vec(),
        _ => Vec::new(),
    };
    let mut out = format!("{}.{}(", cls.module_name(), cls.name.borrow());
    let values: Vec<Option<Value>> = inst.slots.borrow().clone();
    for (i, (name, v)) in names.iter().zip(values).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&name.as_str().map(|s| s.to_string()).unwrap_or_default());
        out.push('=');
        out.push_str(&vm.repr(&v.unwrap_or_default())?);
    }
    out.push(')');
    Ok(Value::str(&out))
}
