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
pub mod slots;
pub mod suggestions;
pub mod traceback;
pub mod value;
pub mod vm;

use std::rc::Rc;

pub use pyvm_loader as loader;

use crate::objects::{CodeObject, DictObject, ModuleObject};
use crate::value::Value;
pub use crate::vm::Vm;

/// Run a module's code object as `__main__`, the way `python file.pyc` does,
/// and return the process exit status (printing any uncaught exception's
/// traceback to stderr).
pub fn run_main(vm: &mut Vm, code: Rc<loader::CodeObject>, file: &str) -> i32 {
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
    globals.set_str(vm.intern("__file__"), Value::str(file));
    globals.set_str(vm.intern("__cached__"), Value::None);
    vm.current_globals = Some(globals.clone());
    let main_module = Value::Module(ModuleObject::new("__main__", globals.clone()));
    let key = vm.intern("__main__");
    vm.sys_modules.set_str(key, main_module);
    let result = CodeObject::new(vm, code).and_then(|code| {
        let builtins = vm.builtins.clone();
        let frame = frame::Frame::boxed(vm, code, globals.clone(), builtins, Some(globals));
        eval::run_frame(vm, frame)
    });
    let status = match result {
        Ok(_) => 0,
        Err(e) => {
            if vm.is_instance_of(&e, "SystemExit") {
                crate::builtins::exceptions::system_exit_status(vm, &e)
            } else {
                vm.stdout.flush();
                let text = traceback::format_exception(vm, &e);
                eprint!("{text}");
                1
            }
        }
    };
    // Module teardown: CPython clears `__main__`'s globals (names starting
    // with one underscore first), which runs remaining finalizers.
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
    status
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
