//! The evaluation layer: runtime objects, frames, and the instruction loop
//! that runs code objects produced by `pyvm-loader`.
//!
//! Layout: `value.rs` (the 16-byte `Value`), `objects/` (one module per
//! built-in type, holding its layout and behaviour), `ops.rs`/`attr.rs`/
//! `repr.rs`/`call.rs` (the abstract object protocol), `frame.rs` and
//! `eval.rs` (frames and the loop), `builtins/` (the builtins namespace),
//! `format/` (string-formatting renderers), `traceback.rs` (uncaught-error
//! display).

pub mod args;
pub mod attr;
pub mod builtins;
pub mod call;
pub mod consumers;
pub mod error;
pub mod eval;
pub mod finalize;
pub mod format;
pub mod frame;
pub mod import;
pub mod modules;
pub mod objects;
pub mod ops;
pub mod pattern;
pub mod repr;
pub mod signals;
pub mod slots;
pub mod suggestions;
#[cfg(feature = "trace")]
pub mod trace;
pub mod traceback;
pub mod value;
pub mod vm;

use std::rc::Rc;

pub use pyvm_loader as loader;

use crate::objects::{CodeObject, DictObject, ModuleObject};
use crate::value::Value;
pub use crate::vm::Vm;

/// How a program ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Exit with this status (0, 1 after a traceback, or `SystemExit`'s code).
    Status(i32),
    /// An uncaught `KeyboardInterrupt`: its traceback was printed, and the
    /// process should now die of SIGINT, as CPython does.
    Interrupted,
}

/// Run a module's code object as `__main__`, the way `python file.pyc` does,
/// printing any uncaught exception's traceback to stderr.
pub fn run_main(vm: &mut Vm, code: Rc<loader::CodeObject>, file: &str) -> Outcome {
    let globals = main_namespace(vm, Some(file));
    let outcome = match exec_code(vm, code, &globals) {
        Ok(()) => Outcome::Status(0),
        Err(e) => report_uncaught(vm, &e),
    };
    teardown_main(vm);
    outcome
}

/// A fresh `__main__` module, registered in `sys.modules`, and its globals.
/// `file` is its `__file__` (the REPL has none).
pub fn main_namespace(vm: &mut Vm, file: Option<&str>) -> Rc<DictObject> {
    let globals = DictObject::new();
    for (k, v) in [
        ("__name__", Value::str("__main__")),
        ("__doc__", Value::None),
        ("__package__", Value::None),
        ("__loader__", Value::None),
        ("__spec__", Value::None),
    ] {
        globals.set_str(vm.intern(k), v);
    }
    let builtins_module = ModuleObject::new("builtins", vm.builtins.clone());
    globals.set_str(vm.intern("__builtins__"), Value::Module(builtins_module));
    if let Some(file) = file {
        globals.set_str(vm.intern("__file__"), Value::str(file));
        globals.set_str(vm.intern("__cached__"), Value::None);
    }
    vm.current_globals = Some(globals.clone());
    let main_module = Value::Module(ModuleObject::new("__main__", globals.clone()));
    let key = vm.intern("__main__");
    vm.sys_modules.set_str(key, main_module);
    globals
}

/// Run a module-level code object (a program, a `:load`ed file, one REPL
/// entry) with `globals` as its globals and locals.
pub fn exec_code(
    vm: &mut Vm,
    code: Rc<loader::CodeObject>,
    globals: &Rc<DictObject>,
) -> Result<(), error::PyErr> {
    let code = CodeObject::new(vm, code)?;
    let builtins = vm.builtins.clone();
    let frame = frame::Frame::boxed(vm, code, globals.clone(), builtins, Some(globals.clone()));
    let result = eval::run_frame(vm, frame).map(drop);
    vm.stdout.flush();
    result
}

/// What `python` does with an exception that reached the top: `SystemExit`
/// becomes the exit status; anything else prints its traceback to stderr
/// (after flushing stdout) and is kept in `sys.last_type`/`last_value`/
/// `last_traceback` for post-mortem inspection.
pub fn report_uncaught(vm: &mut Vm, e: &error::PyErr) -> Outcome {
    if vm.is_instance_of(e, "SystemExit") {
        return Outcome::Status(crate::builtins::exceptions::system_exit_status(vm, e));
    }
    vm.stdout.flush();
    traceback::print_uncaught(vm, e);
    let traceback = e.traceback.borrow().clone();
    let last = [
        ("last_type", Value::Type(e.class.clone())),
        ("last_value", Value::Exception(e.clone())),
        (
            "last_traceback",
            traceback.map_or(Value::None, Value::Traceback),
        ),
    ];
    for (k, v) in last {
        let key = vm.intern(k);
        vm.sys.dict.set_str(key, v);
    }
    if vm.is_instance_of(e, "KeyboardInterrupt") {
        Outcome::Interrupted
    } else {
        Outcome::Status(1)
    }
}

/// Module teardown at exit: CPython clears `__main__`'s globals (names
/// starting with one underscore first), which runs remaining finalizers.
pub fn teardown_main(vm: &mut Vm) {
    let entries = globals_for_teardown(vm);
    for key in entries {
        if let Some(g) = &vm.current_globals {
            if let Some(k) = key.as_str() {
                g.set_str(k.clone(), Value::None);
            }
        }
        if crate::finalize::pending() {
            crate::finalize::run(vm, None);
        }
    }
    vm.stdout.flush();
}

/// The code object behind a function, bound method or code object, for
/// disassembly (the REPL's `:dis`).
pub fn code_of(value: &Value) -> Option<Rc<loader::CodeObject>> {
    match value {
        Value::Function(f) => Some(f.code.raw.clone()),
        Value::Code(c) => Some(c.raw.clone()),
        Value::Method(m) => code_of(&m.func),
        _ => None,
    }
}

/// The `__main__` names to clear at exit, in CPython's order.
fn globals_for_teardown(vm: &Vm) -> Vec<Value> {
    let Some(g) = &vm.current_globals else {
        return Vec::new();
    };
    let keys = g.keys();
    let is_str =
        |k: &Value, f: &dyn Fn(&str) -> bool| k.as_str().is_some_and(|s| f(&s.to_string()));
    let mut out: Vec<Value> = keys
        .iter()
        .filter(|k| is_str(k, &|s| s.starts_with('_') && !s.starts_with("__")))
        .cloned()
        .collect();
    out.extend(
        keys.iter()
            .filter(|k| {
                is_str(k, &|s| {
                    !s.starts_with('_') || (s.starts_with("__") && s != "__builtins__")
                })
            })
            .cloned(),
    );
    out
}
