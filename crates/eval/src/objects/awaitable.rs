//! The helper awaitables of coroutines and async generators
//! (`genobject.c`): `coroutine.__await__()`'s `coroutine_wrapper`, and the
//! `async_generator_asend` / `async_generator_athrow` objects that
//! `__anext__()`, `asend()`, `athrow()` and `aclose()` return.
//!
//! An async generator's frame suspends in two ways: at `yield` (the awaitable
//! completes with that value, as `StopIteration(value)`) and inside an
//! `await` (the value passes through to whoever drives the coroutine).
//! `GenStep::Yielded` and `GenStep::Awaiting` tell them apart.

use std::cell::Cell;
use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::eval::Resume;
use crate::objects::generator::{step_value, GenStep, GeneratorObject, ThrowArgs};
use crate::value::Value;
use crate::vm::Vm;

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Init,
    Iter,
    Closed,
}

pub enum AwaitableKind {
    /// `coro.__await__()`: an iterator over the coroutine.
    CoroutineWrapper,
    /// `agen.asend(value)` (`None` for `__anext__()`).
    ASend(Option<Value>),
    /// `agen.athrow(...)`; `None` for `aclose()`.
    AThrow(Option<ThrowArgs>),
}

pub struct AwaitableObject {
    pub gen: Rc<GeneratorObject>,
    pub kind: AwaitableKind,
    state: Cell<State>,
}

impl AwaitableObject {
    fn make(gen: Rc<GeneratorObject>, kind: AwaitableKind) -> Value {
        Value::Awaitable(Rc::new(AwaitableObject {
            gen,
            kind,
            state: Cell::new(State::Init),
        }))
    }

    pub fn coroutine_wrapper(gen: Rc<GeneratorObject>) -> Value {
        Self::make(gen, AwaitableKind::CoroutineWrapper)
    }

    pub fn asend(gen: Rc<GeneratorObject>, value: Option<Value>) -> Value {
        Self::make(gen, AwaitableKind::ASend(value))
    }

    pub fn athrow(gen: Rc<GeneratorObject>, args: Option<ThrowArgs>) -> Value {
        Self::make(gen, AwaitableKind::AThrow(args))
    }

    pub fn type_name(&self) -> &'static str {
        match self.kind {
            AwaitableKind::CoroutineWrapper => "coroutine_wrapper",
            AwaitableKind::ASend(_) => "async_generator_asend",
            AwaitableKind::AThrow(_) => "async_generator_athrow",
        }
    }

    /// `await` accepts asend/athrow objects themselves (their `am_await`
    /// is "return self"); a coroutine wrapper is only an iterator.
    pub fn is_awaitable(&self) -> bool {
        !matches!(self.kind, AwaitableKind::CoroutineWrapper)
    }

    /// `send(value)`: `Ok` with a value passed up to the driver, or an error
    /// (`StopIteration(result)` when the awaitable completes).
    pub fn send(&self, vm: &mut Vm, arg: Value) -> PyResult<Value> {
        match &self.kind {
            AwaitableKind::CoroutineWrapper => self.gen.send(vm, arg),
            AwaitableKind::ASend(sendval) => self.asend_send(vm, sendval, arg),
            AwaitableKind::AThrow(args) => self.athrow_send(vm, args.is_none(), arg),
        }
    }

    /// `throw(...)`.
    pub fn throw(&self, vm: &mut Vm, args: ThrowArgs) -> PyResult<Value> {
        match &self.kind {
            AwaitableKind::CoroutineWrapper => {
                let step = self.gen.throw(vm, args, true);
                step_value(vm, step)
            }
            AwaitableKind::ASend(_) => {
                if self.state.get() == State::Closed {
                    return Err(reused(vm, "__anext__()/asend()"));
                }
                let step = self.gen.throw(vm, args, true);
                let r = self.unwrap(vm, step);
                if r.is_err() {
                    self.state.set(State::Closed);
                }
                r
            }
            AwaitableKind::AThrow(mode) => {
                if self.state.get() == State::Closed {
                    return Err(reused(vm, "aclose()/athrow()"));
                }
                let step = self.gen.throw(vm, args, true);
                if mode.is_some() {
                    return self.unwrap(vm, step);
                }
                self.aclose_result(vm, step)
            }
        }
    }

    /// `close()`.
    pub fn close(&self, vm: &mut Vm) -> PyResult<()> {
        match &self.kind {
            AwaitableKind::CoroutineWrapper => self.gen.close(vm),
            _ => {
                self.state.set(State::Closed);
                Ok(())
            }
        }
    }

    /// `async_gen_unwrap_value`: an async yield completes the awaitable
    /// with `StopIteration(value)`; the generator finishing is
    /// `StopAsyncIteration`.
    fn unwrap(&self, vm: &mut Vm, step: PyResult<GenStep>) -> PyResult<Value> {
        let agen = &self.gen;
        match step {
            Ok(GenStep::Awaiting(v)) => Ok(v),
            Ok(GenStep::Yielded(v)) => {
                agen.running_async.set(false);
                Err(vm.stop_iteration((!v.is_none()).then_some(v)))
            }
            Ok(GenStep::Returned(_)) => {
                agen.closed.set(true);
                agen.running_async.set(false);
                Err(vm.new_error_args("StopAsyncIteration", vec![]))
            }
            Err(e) => {
                if vm.is_instance_of(&e, "StopAsyncIteration")
                    || vm.is_instance_of(&e, "GeneratorExit")
                {
                    agen.closed.set(true);
                }
                agen.running_async.set(false);
                Err(e)
            }
        }
    }

    fn asend_send(&self, vm: &mut Vm, sendval: &Option<Value>, arg: Value) -> PyResult<Value> {
        let mut arg = arg;
        match self.state.get() {
            State::Closed => return Err(reused(vm, "__anext__()/asend()")),
            State::Init => {
                if self.gen.running_async.get() {
                    return Err(
                        vm.runtime_error("anext(): asynchronous generator is already running")
                    );
                }
                if arg.is_none() {
                    arg = sendval.clone().unwrap_or_default();
                }
                self.state.set(State::Iter);
            }
            State::Iter => {}
        }
        self.gen.running_async.set(true);
        let step = self.gen.send_ex(vm, Resume::Value(arg), false);
        let r = self.unwrap(vm, step);
        if r.is_err() {
            self.state.set(State::Closed);
        }
        r
    }

    fn athrow_send(&self, vm: &mut Vm, aclose: bool, arg: Value) -> PyResult<Value> {
        let agen = self.gen.clone();
        if self.state.get() == State::Closed {
            return Err(reused(vm, "aclose()/athrow()"));
        }
        if agen.is_finished() {
            self.state.set(State::Closed);
            return Err(vm.stop_iteration(None));
        }
        if self.state.get() == State::Init {
            if agen.running_async.get() {
                self.state.set(State::Closed);
                let which = if aclose { "aclose" } else { "athrow" };
                return Err(vm.runtime_error(format!(
                    "{which}(): asynchronous generator is already running"
                )));
            }
            if agen.closed.get() {
                self.state.set(State::Closed);
                return Err(vm.new_error_args("StopAsyncIteration", vec![]));
            }
            if !arg.is_none() {
                return Err(
                    vm.runtime_error("can't send non-None value to a just-started coroutine")
                );
            }
            self.state.set(State::Iter);
            agen.running_async.set(true);
            let r = match &self.kind {
                AwaitableKind::AThrow(Some(args)) => {
                    let step = agen.throw(vm, args.clone(), false);
                    self.unwrap(vm, step)
                }
                _ => {
                    agen.closed.set(true);
                    let exit = vm.new_error_args("GeneratorExit", vec![]);
                    let step = agen.throw(vm, ThrowArgs::from_error(exit), false);
                    return self.aclose_result(vm, step);
                }
            };
            return match r {
                Ok(v) => Ok(v),
                Err(e) => Err(self.check_error(vm, e)),
            };
        }
        let step = agen.send_ex(vm, Resume::Value(arg), false);
        if !aclose {
            return self.unwrap(vm, step);
        }
        self.aclose_result(vm, step)
    }

    /// `aclose()`'s view of a step: yielding a value is ignoring
    /// `GeneratorExit`; finishing completes the awaitable.
    fn aclose_result(&self, vm: &mut Vm, step: PyResult<GenStep>) -> PyResult<Value> {
        match step {
            Ok(GenStep::Awaiting(v)) => Ok(v),
            Ok(GenStep::Yielded(_)) => {
                self.gen.running_async.set(false);
                self.state.set(State::Closed);
                Err(vm.runtime_error("async generator ignored GeneratorExit"))
            }
            Ok(GenStep::Returned(_)) => {
                let e = vm.new_error_args("StopAsyncIteration", vec![]);
                Err(self.check_error(vm, e))
            }
            Err(e) => Err(self.check_error(vm, e)),
        }
    }

    fn check_error(&self, vm: &mut Vm, e: PyErr) -> PyErr {
        self.gen.running_async.set(false);
        self.state.set(State::Closed);
        let aclose = matches!(self.kind, AwaitableKind::AThrow(None));
        if aclose
            && (vm.is_instance_of(&e, "StopAsyncIteration")
                || vm.is_instance_of(&e, "GeneratorExit"))
        {
            return vm.stop_iteration(None);
        }
        e
    }
}

fn reused(vm: &mut Vm, what: &str) -> PyErr {
    vm.runtime_error(format!("cannot reuse already awaited {what}"))
}

fn this(vm: &mut Vm, args: &crate::args::Args) -> PyResult<Rc<AwaitableObject>> {
    match args.values.first() {
        Some(Value::Awaitable(a)) => Ok(a.clone()),
        _ => Err(vm.type_error("descriptor requires an awaitable object")),
    }
}

fn send(vm: &mut Vm, args: crate::args::Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    let v = args.skip_self().one(vm, "send")?.clone();
    a.send(vm, v)
}

fn next(vm: &mut Vm, args: crate::args::Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    a.send(vm, Value::None)
}

fn throw(vm: &mut Vm, args: crate::args::Args) -> PyResult<Value> {
    let a = this(vm, &args)?;
    let t = ThrowArgs::parse(vm, args.skip_self().pos(), "throw")?;
    a.throw(vm, t)
}

fn close(vm: &mut Vm, args: crate::args::Args) -> PyResult<Value> {
    this(vm, &args)?.close(vm)?;
    Ok(Value::None)
}

fn itself(vm: &mut Vm, args: crate::args::Args) -> PyResult<Value> {
    Ok(Value::Awaitable(this(vm, &args)?))
}

/// `coroutine_wrapper`'s methods.
pub const WRAPPER_METHODS: &[(&str, crate::objects::function::NativeFn)] = &[
    ("send", send),
    ("throw", throw),
    ("close", close),
    ("__next__", next),
    ("__iter__", itself),
];

/// `async_generator_asend`'s and `async_generator_athrow`'s methods.
pub const METHODS: &[(&str, crate::objects::function::NativeFn)] = &[
    ("send", send),
    ("throw", throw),
    ("close", close),
    ("__next__", next),
    ("__iter__", itself),
    ("__await__", itself),
];
