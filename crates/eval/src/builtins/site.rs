//! The names CPython's `site` module adds to builtins at start-up: `exit`
//! and `quit` (`_sitebuiltins.Quitter`). Programs run by `python3.10 x.pyc`
//! and the REPL both have them, so pyvm installs them in every session.

use crate::args::Args;
use crate::error::PyResult;
use crate::objects::native;
use crate::value::Value;
use crate::vm::Vm;

/// A quitter's state: the name it is bound to.
struct Quitter(&'static str);

pub fn install(vm: &mut Vm) {
    let cls = native::new_class(
        vm,
        "_sitebuiltins",
        "Quitter",
        native::ClassSpec {
            methods: &[("__repr__", quitter_repr), ("__call__", quitter_call)],
            ..Default::default()
        },
    );
    for name in ["exit", "quit"] {
        let key = vm.intern(name);
        vm.builtins
            .set_str(key, native::new_instance(cls.clone(), Quitter(name)));
    }
}

fn quitter_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let q = native::self_state::<Quitter>(vm, &args, "__repr__")?;
    Ok(Value::str(&format!(
        "Use {}() or Ctrl-D (i.e. EOF) to exit",
        q.0
    )))
}

/// `exit(code=None)`: raise `SystemExit(code)`.
fn quitter_call(vm: &mut Vm, args: Args) -> PyResult<Value> {
    native::self_state::<Quitter>(vm, &args, "__call__")?;
    let rest = Args::new(&args.values[1..]);
    let a = rest.unpack(vm, "__call__", 0, 1)?;
    Err(vm.new_error_args("SystemExit", a.to_vec()))
}
