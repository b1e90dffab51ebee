//! Built-in functions that consume a generator (`sum(x for x in ...)`,
//! `list(gen)`, `"".join(gen)`...), run inside the eval loop.
//!
//! Called the ordinary way, such a built-in resumes the generator once per
//! item in a nested run of the loop, several hundred machine instructions a
//! time. Instead, the call instruction runs the generator's frame as a frame
//! of its own loop (`ReturnHook::Consume`), and each yield hands the value to
//! the consumer and goes straight on with the generator: no suspension, no
//! nested run.
//!
//! This must not change what Python code can observe, so a yield is absorbed
//! this way only when taking the value runs no Python code (adding two
//! built-in numbers, collecting into a list, the truth of a built-in value).
//! Any other value makes the loop suspend the generator as an ordinary yield
//! would and finish the call natively (`finish_native`), where `__add__` or
//! `__bool__` run with the generator suspended, as in CPython. Consumers that
//! only collect (`list`, `tuple`, `sorted`, `str.join`) collect first in
//! CPython too, so their work after the last item is no reordering.

use std::rc::Rc;

use pyvm_loader::instruction::BinaryOp;

use crate::args::Args;
use crate::error::PyResult;
use crate::frame::Frame;
use crate::objects::function::NativeKind;
use crate::objects::generator::GenKind;
use crate::objects::GeneratorObject;
use crate::value::Value;
use crate::vm::Vm;

/// What is being computed, with what has been taken so far.
enum Kind {
    Sum(Value),
    Any,
    All,
    List(Vec<Value>),
    Tuple(Vec<Value>),
    Sorted(Vec<Value>),
    /// `sep.join(gen)`: the separator and the items.
    Join(Value, Vec<Value>),
}

/// A built-in call consuming generator `gen`, whose frame the loop runs.
pub struct Consumer {
    pub gen: Rc<GeneratorObject>,
    kind: Kind,
}

/// What became of a yielded value.
pub enum Fed {
    /// Taken: the generator goes on.
    Absorbed,
    /// Taken, and it decides the result (`any` found a true value): the
    /// generator is suspended and the call evaluates to this.
    Decided(Value),
    /// Taking it could run Python code: the generator must be suspended and
    /// the call finished by `finish_native`.
    Deferred(Value),
}

impl Consumer {
    /// Take a value the generator yielded, if that runs no Python code.
    pub fn feed(&mut self, vm: &mut Vm, v: Value) -> Fed {
        match &mut self.kind {
            Kind::List(items) | Kind::Tuple(items) | Kind::Sorted(items) | Kind::Join(_, items) => {
                items.push(v);
                Fed::Absorbed
            }
            Kind::Sum(acc) => {
                if let Some(r) = crate::eval::fast_number_op(BinaryOp::Add, acc, &v) {
                    *acc = r;
                    return Fed::Absorbed;
                }
                if is_builtin_number(acc) && is_builtin_number(&v) {
                    // An error (a float overflow) is raised by `finish_native`.
                    if let Ok(r) = vm.binary_op(BinaryOp::Add, acc, &v) {
                        *acc = r;
                        return Fed::Absorbed;
                    }
                }
                Fed::Deferred(v)
            }
            Kind::Any | Kind::All if crate::slots::dispatches(&v) => Fed::Deferred(v),
            Kind::Any => match vm.truthy(&v) {
                Ok(true) => Fed::Decided(Value::Bool(true)),
                Ok(false) => Fed::Absorbed,
                Err(_) => Fed::Deferred(v),
            },
            Kind::All => match vm.truthy(&v) {
                Ok(false) => Fed::Decided(Value::Bool(false)),
                Ok(true) => Fed::Absorbed,
                Err(_) => Fed::Deferred(v),
            },
        }
    }

    /// The generator returned: the call's result.
    pub fn finish(self, vm: &mut Vm) -> PyResult<Value> {
        match self.kind {
            Kind::Sum(acc) => Ok(acc),
            Kind::Any => Ok(Value::Bool(false)),
            Kind::All => Ok(Value::Bool(true)),
            Kind::List(items) => Ok(Value::list(items)),
            Kind::Tuple(items) => Ok(Value::tuple(items)),
            Kind::Sorted(items) => {
                match crate::objects::list::sort_values(vm, items, None, false) {
                    Ok(v) => Ok(Value::list(v)),
                    Err((_, e)) => Err(e),
                }
            }
            Kind::Join(sep, items) => {
                crate::objects::strmethods::join(vm, Args::new(&[sep, Value::list(items)]))
            }
        }
    }

    /// The generator is suspended after yielding `v`, which `feed` deferred:
    /// take it and the rest of the generator as the built-in would.
    pub fn finish_native(self, vm: &mut Vm, v: Value) -> PyResult<Value> {
        let gen = Value::Generator(self.gen.clone());
        match self.kind {
            Kind::Sum(mut acc) => {
                let mut next = Some(v);
                while let Some(x) = next {
                    acc = match crate::eval::fast_number_op(BinaryOp::Add, &acc, &x) {
                        Some(r) => r,
                        None => vm.binary_op(BinaryOp::Add, &acc, &x)?,
                    };
                    next = vm.next(&gen)?;
                }
                Ok(acc)
            }
            Kind::Any | Kind::All => {
                let wanted = matches!(self.kind, Kind::Any);
                let mut next = Some(v);
                while let Some(x) = next {
                    if vm.truthy(&x)? == wanted {
                        return Ok(Value::Bool(wanted));
                    }
                    next = vm.next(&gen)?;
                }
                Ok(Value::Bool(!wanted))
            }
            // Collecting never defers.
            kind => Consumer {
                gen: self.gen,
                kind,
            }
            .finish(vm),
        }
    }
}

fn is_builtin_number(v: &Value) -> bool {
    matches!(
        v,
        Value::Int(_) | Value::BigInt(_) | Value::Float(_) | Value::Bool(_) | Value::Complex(_)
    )
}

/// If calling `func` with `args` is a built-in consuming a plain generator
/// that can run in the loop: the consumer and the generator's frame, ready
/// to run (`GeneratorObject::start_inline`).
pub fn for_call(vm: &mut Vm, func: &Value, args: &[Value]) -> Option<(Consumer, Box<Frame>)> {
    let Some(Value::Generator(g)) = args.last() else {
        return None;
    };
    if g.kind != GenKind::Generator {
        return None;
    }
    let kind = match (func, args) {
        (Value::Builtin(b), [_]) if b.bound.is_none() && b.owner.is_none() => match b.name {
            "sum" => Kind::Sum(Value::Int(0)),
            "any" => Kind::Any,
            "all" => Kind::All,
            "sorted" => Kind::Sorted(Vec::new()),
            _ => return None,
        },
        (Value::Builtin(b), [start, _])
            if b.name == "sum"
                && b.bound.is_none()
                && b.owner.is_none()
                && matches!(start, Value::Int(_) | Value::Float(_)) =>
        {
            Kind::Sum(start.clone())
        }
        (Value::Builtin(b), [sep @ Value::Str(_), _])
            if b.name == "join" && b.owner == Some("str") && b.kind == NativeKind::Method =>
        {
            Kind::Join(sep.clone(), Vec::new())
        }
        (Value::Type(t), [_]) if Rc::ptr_eq(t, &vm.types.list) => Kind::List(Vec::new()),
        (Value::Type(t), [_]) if Rc::ptr_eq(t, &vm.types.tuple) => Kind::Tuple(Vec::new()),
        _ => return None,
    };
    if let Value::Builtin(b) = func {
        if b.kind != NativeKind::Function && b.kind != NativeKind::Method {
            return None;
        }
    }
    let frame = g.start_inline(vm)?;
    Some((
        Consumer {
            gen: g.clone(),
            kind,
        },
        frame,
    ))
}
