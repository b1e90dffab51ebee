//! The `builtins` namespace: built-in functions, types and exceptions.

pub mod classes;
pub mod dunders;
pub mod exceptions;
pub mod file;
pub mod format;
pub mod functions;
pub mod site;
pub mod structured_errors;
pub mod types;

use std::rc::Rc;

use crate::objects::function::BuiltinFunction;
use crate::value::Value;
use crate::vm::Vm;

pub use format::ascii_of;

/// Fill `vm.builtins`.
pub fn install(vm: &mut Vm) {
    let b = vm.builtins.clone();
    for (name, func) in functions::FUNCTIONS {
        b.set_str(
            vm.intern(name),
            Value::Builtin(BuiltinFunction::new(name, *func)),
        );
    }
    b.set_str(
        vm.intern("__build_class__"),
        Value::Builtin(BuiltinFunction::new(
            "__build_class__",
            classes::build_class,
        )),
    );
    b.set_str(
        vm.intern("open"),
        Value::Builtin(BuiltinFunction::new("open", file::open)),
    );
    let t = &vm.types;
    let types: Vec<(&str, Rc<crate::objects::TypeObject>)> = vec![
        ("object", t.object.clone()),
        ("staticmethod", t.staticmethod.clone()),
        ("classmethod", t.classmethod.clone()),
        ("property", t.property.clone()),
        ("super", t.super_.clone()),
        ("type", t.type_.clone()),
        ("int", t.int.clone()),
        ("bool", t.bool_.clone()),
        ("float", t.float.clone()),
        ("complex", t.complex.clone()),
        ("str", t.str_.clone()),
        ("bytes", t.bytes.clone()),
        ("bytearray", t.bytearray.clone()),
        ("tuple", t.tuple.clone()),
        ("list", t.list.clone()),
        ("dict", t.dict.clone()),
        ("set", t.set.clone()),
        ("frozenset", t.frozenset.clone()),
        ("range", t.range.clone()),
        ("slice", t.slice.clone()),
        ("enumerate", t.iterators["enumerate"].clone()),
        ("zip", t.iterators["zip"].clone()),
        ("map", t.iterators["map"].clone()),
        ("filter", t.iterators["filter"].clone()),
        ("reversed", t.iterators["reversed"].clone()),
    ];
    for (name, ty) in types {
        b.set_str(vm.intern(name), Value::Type(ty));
    }
    let excs: Vec<(&'static str, Rc<crate::objects::TypeObject>)> = vm
        .types
        .exceptions
        .iter()
        .map(|(k, v)| (*k, v.clone()))
        .collect();
    for (name, ty) in excs {
        b.set_str(vm.intern(name), Value::Type(ty));
    }
    let oserror = vm.exception_type("OSError");
    b.set_str(vm.intern("EnvironmentError"), Value::Type(oserror.clone()));
    b.set_str(vm.intern("IOError"), Value::Type(oserror));
    b.set_str(vm.intern("None"), Value::None);
    b.set_str(vm.intern("Ellipsis"), Value::Ellipsis);
    b.set_str(vm.intern("NotImplemented"), Value::NotImplemented);
    b.set_str(vm.intern("True"), Value::Bool(true));
    b.set_str(vm.intern("False"), Value::Bool(false));
    b.set_str(vm.intern("__debug__"), Value::Bool(true));
    b.set_str(vm.intern("__name__"), Value::str("builtins"));
}
