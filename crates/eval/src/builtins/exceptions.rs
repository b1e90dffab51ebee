//! Exception construction and the attributes particular exception classes
//! derive from their arguments (`SystemExit.code`, `StopIteration.value`...).

use std::rc::Rc;

use crate::args::Args;
use crate::error::PyResult;
use crate::objects::function::NativeFn;
use crate::objects::{ExceptionObject, TupleObject, TypeObject};
use crate::value::Value;
use crate::vm::Vm;

pub fn new_exception(
    vm: &mut Vm,
    class: Rc<TypeObject>,
    args: Args,
) -> PyResult<Rc<ExceptionObject>> {
    if args.has_kwargs() {
        return Err(vm.type_error(format!(
            "{}() takes no keyword arguments",
            class.name.borrow()
        )));
    }
    // OSError(errno, ...) picks the subclass for that errno, as CPython does.
    let mut class = class;
    if Rc::ptr_eq(&class, &vm.exception_type("OSError")) && args.values.len() >= 2 {
        if let Value::Int(errno) = &args.values[0] {
            let sub = match errno {
                1 | 13 => Some("PermissionError"),
                2 => Some("FileNotFoundError"),
                3 => Some("ProcessLookupError"),
                4 => Some("InterruptedError"),
                10 => Some("ChildProcessError"),
                11 | 114 | 115 => Some("BlockingIOError"),
                17 => Some("FileExistsError"),
                20 => Some("NotADirectoryError"),
                21 => Some("IsADirectoryError"),
                32 | 108 => Some("BrokenPipeError"),
                103 => Some("ConnectionAbortedError"),
                104 => Some("ConnectionResetError"),
                110 => Some("TimeoutError"),
                111 => Some("ConnectionRefusedError"),
                _ => None,
            };
            if let Some(sub) = sub {
                class = vm.exception_type(sub);
            }
        }
    }
    let e = ExceptionObject::new(class, TupleObject::new(args.values.to_vec()));
    super::structured_errors::init(vm, &e, args.values)?;
    Ok(e)
}

fn is(vm: &Vm, e: &ExceptionObject, name: &str) -> bool {
    e.class.is_subtype(&vm.exception_type(name))
}

/// Attributes computed from `args`, looked up when not set explicitly.
pub fn derived_attr(e: &ExceptionObject, name: &str) -> Option<Value> {
    let args = e.args();
    let first = || args.items.first().cloned().unwrap_or_default();
    let class_chain: Vec<String> = std::iter::once(e.class.name.borrow().clone())
        .chain(
            e.class
                .mro_rest
                .borrow()
                .iter()
                .map(|t| t.name.borrow().clone()),
        )
        .collect();
    let has = |n: &str| class_chain.iter().any(|c| c == n);
    match name {
        "code" if has("SystemExit") => Some(match args.len() {
            0 => Value::None,
            1 => first(),
            _ => Value::Tuple(args.clone()),
        }),
        "value" if has("StopIteration") => Some(first()),
        "errno" if has("OSError") => Some(if args.len() >= 2 {
            first()
        } else {
            Value::None
        }),
        "strerror" if has("OSError") => Some(if args.len() >= 2 {
            args.items[1].clone()
        } else {
            Value::None
        }),
        "filename" if has("OSError") => Some(args.items.get(2).cloned().unwrap_or_default()),
        "filename2" if has("OSError") => Some(Value::None),
        "msg" if has("SyntaxError") => Some(first()),
        "name" if has("NameError") || has("AttributeError") || has("ImportError") => {
            Some(Value::None)
        }
        "obj" if has("AttributeError") => Some(Value::None),
        _ => None,
    }
}

fn with_traceback(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let tb = args.skip_self().one(vm, "with_traceback")?.clone();
    if let Value::Exception(e) = &args.values[0] {
        *e.traceback.borrow_mut() = match tb {
            Value::Traceback(t) => Some(t),
            _ => None,
        };
    }
    Ok(args.values[0].clone())
}

/// `BaseException.__init__(self, *args)`: the arguments become `args`.
fn exc_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if let Value::Exception(e) = &args.values[0] {
        *e.args.borrow_mut() = crate::objects::TupleObject::new(args.pos()[1..].to_vec());
        super::structured_errors::init(vm, e, &args.pos()[1..])?;
        Ok(Value::None)
    } else {
        Err(vm.type_error("descriptor '__init__' requires a 'BaseException' object"))
    }
}

fn exc_str(vm: &mut Vm, args: Args) -> PyResult<Value> {
    match &args.values[0] {
        Value::Exception(e) => Ok(Value::str(&vm.exception_str(e)?)),
        _ => Err(vm.type_error("descriptor '__str__' requires a 'BaseException' object")),
    }
}

fn exc_repr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    match &args.values[0] {
        Value::Exception(e) => {
            let args = e.args();
            let body = if args.len() == 1 {
                format!("({})", vm.repr(&args.items[0])?)
            } else {
                vm.repr(&Value::Tuple(args))?
            };
            Ok(Value::str(&format!("{}{body}", e.class.name.borrow())))
        }
        _ => Err(vm.type_error("descriptor '__repr__' requires a 'BaseException' object")),
    }
}

pub const METHODS: &[(&str, NativeFn)] = &[
    ("__init__", exc_init),
    ("__repr__", exc_repr),
    ("__str__", exc_str),
    ("with_traceback", with_traceback),
];

/// The process exit status a `SystemExit` asks for, printing its message
/// (if it is not an int) to stderr as CPython does.
pub fn system_exit_status(vm: &mut Vm, e: &ExceptionObject) -> i32 {
    let _ = is(vm, e, "SystemExit");
    let code = derived_attr(e, "code").unwrap_or_default();
    match code {
        Value::None => 0,
        Value::Int(i) => i as i32,
        Value::Bool(b) => i32::from(b),
        other => {
            let msg = vm.str(&other).unwrap_or_default();
            vm.stdout.flush();
            eprintln!("{msg}");
            1
        }
    }
}
