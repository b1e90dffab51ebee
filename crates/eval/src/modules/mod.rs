//! Native modules, written in Rust: `sys`, `math`, `time`, `marshal`, `gc`,
//! `errno` and `builtins`. The import system asks here first, as CPython's
//! `BuiltinImporter` comes before the path finders.

pub mod collections;
pub mod errno;
pub mod gc;
pub mod itertools;
pub mod marshal;
pub mod math;
pub mod posix;
pub mod random;
pub mod sha512;
pub mod sre;
pub mod sys;
pub mod time;

use std::rc::Rc;

use crate::error::PyResult;
use crate::import::finder::NativeInit;
use crate::objects::function::{BuiltinFunction, NativeFn};
use crate::objects::{DictObject, ModuleObject};
use crate::value::Value;
use crate::vm::Vm;

/// The native modules, by name.
pub const NATIVE: &[(&str, NativeInit)] = &[
    ("_collections", collections::module),
    ("_random", random::module),
    ("_sha512", sha512::module),
    ("_sre", sre::module),
    ("builtins", builtins_module),
    ("errno", errno::module),
    ("gc", gc::module),
    ("itertools", itertools::module),
    ("marshal", marshal::module),
    ("math", math::module),
    ("posix", posix::module),
    ("sys", sys::module),
    ("time", time::module),
];

pub fn native(name: &str) -> Option<NativeInit> {
    NATIVE.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

/// A module named `name` holding `functions` and `values`.
pub fn make_module(
    vm: &mut Vm,
    name: &str,
    doc: &str,
    functions: &[(&'static str, NativeFn)],
    values: Vec<(&str, Value)>,
) -> Rc<ModuleObject> {
    let dict = DictObject::new();
    dict.set_str(vm.intern("__name__"), Value::str(name));
    dict.set_str(vm.intern("__doc__"), Value::str(doc));
    dict.set_str(vm.intern("__package__"), Value::str(""));
    dict.set_str(vm.intern("__loader__"), Value::None);
    dict.set_str(vm.intern("__spec__"), Value::None);
    for (fname, f) in functions {
        dict.set_str(
            vm.intern(fname),
            Value::Builtin(BuiltinFunction::new(fname, *f)),
        );
    }
    for (k, v) in values {
        dict.set_str(vm.intern(k), v);
    }
    ModuleObject::new(name, dict)
}

fn builtins_module(vm: &mut Vm) -> PyResult<Rc<ModuleObject>> {
    Ok(ModuleObject::new("builtins", vm.builtins.clone()))
}
