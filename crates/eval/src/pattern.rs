//! Structural pattern matching (PEP 634): the semantics behind 3.10's
//! `MATCH_MAPPING`, `MATCH_SEQUENCE`, `MATCH_KEYS`, `COPY_DICT_WITHOUT_KEYS`
//! and `MATCH_CLASS` (`ceval.c`'s `match_keys`/`match_class`). The compiler
//! does the rest (lengths, unpacking, comparisons) with ordinary opcodes.

use crate::builtins::functions::class_matches;
use crate::error::PyResult;
use crate::objects::typeobj::{TypeKind, COLLECTION_MAPPING, COLLECTION_SEQUENCE};
use crate::objects::{DictObject, SetObject, TupleObject};
use crate::value::Value;
use crate::vm::Vm;

/// `Py_TPFLAGS_MAPPING`: dict, its subclasses, and classes that
/// `collections.abc.Mapping` marks.
pub fn is_mapping(vm: &Vm, v: &Value) -> bool {
    vm.type_of(v).collection_flags.get() == COLLECTION_MAPPING
}

/// `Py_TPFLAGS_SEQUENCE`: list, tuple, range, their subclasses, and classes
/// that `collections.abc.Sequence` marks (not str, bytes or bytearray).
pub fn is_sequence(vm: &Vm, v: &Value) -> bool {
    vm.type_of(v).collection_flags.get() == COLLECTION_SEQUENCE
}

/// `_Py_TPFLAGS_MATCH_SELF`: built-in types whose single positional
/// sub-pattern matches the subject itself (`case int(x)`).
fn matches_self(kind: TypeKind) -> bool {
    matches!(
        kind,
        TypeKind::Bool
            | TypeKind::ByteArray
            | TypeKind::Bytes
            | TypeKind::Dict
            | TypeKind::Float
            | TypeKind::FrozenSet
            | TypeKind::Int
            | TypeKind::List
            | TypeKind::Set
            | TypeKind::Str
            | TypeKind::Tuple
    )
}

fn tuple_items(vm: &Vm, v: &Value) -> PyResult<std::rc::Rc<TupleObject>> {
    match v {
        Value::Tuple(t) => Ok(t.clone()),
        _ => Err(vm.system_error("pattern matching expected a tuple of names or keys")),
    }
}

/// The values of `keys` in `map` (through its `get`, so `__missing__` is
/// never triggered), or `None` if one is absent.
pub fn match_keys(vm: &mut Vm, map: &Value, keys: &Value) -> PyResult<Option<Value>> {
    let keys = tuple_items(vm, keys)?;
    if keys.items.is_empty() {
        return Ok(Some(Value::tuple(Vec::new())));
    }
    let name = vm.intern("get");
    let get = vm.get_attr(map, &name)?;
    let seen = SetObject::new();
    let dummy = vm.call(&Value::Type(vm.types.object.clone()), &[])?;
    let mut values = Vec::with_capacity(keys.items.len());
    for key in keys.items.iter() {
        if seen.contains(vm, key)? {
            let r = vm.repr(key)?;
            return Err(vm.value_error(format!("mapping pattern checks duplicate key ({r})")));
        }
        seen.add(vm, key.clone())?;
        let value = vm.call(&get, &[key.clone(), dummy.clone()])?;
        if value.is(&dummy) {
            return Ok(None);
        }
        values.push(value);
    }
    Ok(Some(Value::tuple(values)))
}

/// `**rest`: a dict copy of `map` without `keys`.
pub fn copy_without_keys(vm: &mut Vm, map: &Value, keys: &Value) -> PyResult<Value> {
    let keys = tuple_items(vm, keys)?;
    let rest = DictObject::new();
    crate::objects::dict::merge_from(vm, &rest, map, false)?;
    for key in keys.items.iter() {
        if rest.remove(vm, key)?.is_none() {
            return Err(vm.key_error(key.clone()));
        }
    }
    Ok(Value::Dict(rest))
}

/// `case Cls(p1, p2, k=p3)`: `None` when `subject` is not a `cls` or lacks
/// an attribute; otherwise the attributes to match the sub-patterns against.
pub fn match_class(
    vm: &mut Vm,
    subject: &Value,
    cls: &Value,
    nargs: usize,
    kwnames: &Value,
) -> PyResult<Option<Value>> {
    let Value::Type(t) = cls else {
        return Err(vm.type_error("called match pattern must be a type"));
    };
    let kwnames = tuple_items(vm, kwnames)?;
    if !class_matches(vm, subject, cls, true)? {
        return Ok(None);
    }
    let type_name = t.name.borrow().clone();
    let mut seen: Vec<std::rc::Rc<crate::objects::StrObject>> = Vec::new();
    let mut attrs = Vec::with_capacity(nargs + kwnames.items.len());
    if nargs > 0 {
        let match_args = vm.get_attr_opt(cls, "__match_args__")?;
        let (names, match_self) = match match_args {
            Some(Value::Tuple(names)) => (names.items.to_vec(), false),
            Some(other) => {
                let got = vm.type_name(&other);
                return Err(vm.type_error(format!(
                    "{type_name}.__match_args__ must be a tuple (got {got})"
                )));
            }
            None => (Vec::new(), matches_self(t.kind)),
        };
        let allowed = if match_self { 1 } else { names.len() };
        if allowed < nargs {
            let plural = if allowed == 1 { "" } else { "s" };
            return Err(vm.type_error(format!(
                "{type_name}() accepts {allowed} positional sub-pattern{plural} ({nargs} given)"
            )));
        }
        if match_self {
            attrs.push(subject.clone());
        } else {
            for name in &names[..nargs] {
                let Value::Str(name) = name else {
                    let got = vm.type_name(name);
                    return Err(vm.type_error(format!(
                        "__match_args__ elements must be strings (got {got})"
                    )));
                };
                match class_attr(vm, subject, &type_name, name, &mut seen)? {
                    Some(v) => attrs.push(v),
                    None => return Ok(None),
                }
            }
        }
    }
    for name in kwnames.items.iter() {
        let Value::Str(name) = name else {
            return Err(vm.system_error("MATCH_CLASS keyword names must be strings"));
        };
        match class_attr(vm, subject, &type_name, name, &mut seen)? {
            Some(v) => attrs.push(v),
            None => return Ok(None),
        }
    }
    Ok(Some(Value::tuple(attrs)))
}

/// One attribute for a class pattern; an `AttributeError` means no match.
fn class_attr(
    vm: &mut Vm,
    subject: &Value,
    type_name: &str,
    name: &std::rc::Rc<crate::objects::StrObject>,
    seen: &mut Vec<std::rc::Rc<crate::objects::StrObject>>,
) -> PyResult<Option<Value>> {
    if seen.iter().any(|s| s.eq_str(name)) {
        let r = vm.repr(&Value::Str(name.clone()))?;
        return Err(vm.type_error(format!(
            "{type_name}() got multiple sub-patterns for attribute {r}"
        )));
    }
    seen.push(name.clone());
    match vm.get_attr(subject, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) if vm.is_instance_of(&e, "AttributeError") => Ok(None),
        Err(e) => Err(e),
    }
}
