//! Generators, coroutines and async generators: one object holding a
//! suspended frame, as CPython's `PyGenObject` family does (`genobject.c`).
//!
//! Resuming moves the frame out, runs it until its next `YIELD_VALUE` (or a
//! `YIELD_FROM` that passes a value up), and puts it back, so a generator
//! owns exactly one frame for its life. While it runs, the generator's own
//! "exception being handled" is the VM's (`gi_exc_state`): an `except` block
//! that yields keeps its exception across the suspension.
//!
//! A suspended frame whose next instruction is `YIELD_FROM` is delegating to
//! the object on top of its stack (`gi_yieldfrom`/`cr_await`): `throw()` and
//! `close()` go to that object first, as `_gen_throw` and `gen_close` do.
//!
//! Releasing a started, unfinished generator closes it (so its `finally`
//! blocks run), through the same finalizer queue as `__del__`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use pyvm_loader::code::flags;

use crate::error::{PyErr, PyResult};
use crate::eval::{resume_frame, Finished, Resume};
use crate::frame::Frame;
use crate::objects::{CodeObject, FunctionObject, StrObject};
use crate::value::Value;
use crate::vm::Vm;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenKind {
    Generator,
    Coroutine,
    AsyncGenerator,
}

impl GenKind {
    /// How error messages name it ("coroutine already executing").
    pub fn noun(self) -> &'static str {
        match self {
            GenKind::Generator => "generator",
            GenKind::Coroutine => "coroutine",
            GenKind::AsyncGenerator => "async generator",
        }
    }
}

/// What one resumption of a generator produced.
pub enum GenStep {
    /// Suspended at a `yield` with this value.
    Yielded(Value),
    /// An async generator suspended inside an `await`: the value the awaited
    /// object yielded, on its way to whoever drives the coroutine (CPython
    /// tells these apart from async yields by wrapping the latter).
    Awaiting(Value),
    /// Finished with this return value.
    Returned(Value),
}

/// `throw(typ[, val[, tb]])` exactly as given: delegation passes the same
/// arguments on, and only the generator that raises normalizes them.
#[derive(Clone)]
pub struct ThrowArgs {
    pub typ: Value,
    pub val: Option<Value>,
    pub tb: Option<Value>,
}

impl ThrowArgs {
    pub fn from_error(e: PyErr) -> ThrowArgs {
        ThrowArgs {
            typ: Value::Exception(e),
            val: None,
            tb: None,
        }
    }

    pub fn parse(vm: &mut Vm, args: &[Value], fname: &str) -> PyResult<ThrowArgs> {
        if args.is_empty() || args.len() > 3 {
            return Err(vm.type_error(format!(
                "{fname} expected at least 1 argument, got {}",
                args.len()
            )));
        }
        Ok(ThrowArgs {
            typ: args[0].clone(),
            val: args.get(1).cloned(),
            tb: args.get(2).cloned(),
        })
    }

    /// The arguments for calling a delegate's own `throw` method.
    fn to_vec(&self) -> Vec<Value> {
        let mut v = vec![self.typ.clone()];
        if let Some(val) = &self.val {
            v.push(val.clone());
            if let Some(tb) = &self.tb {
                v.push(tb.clone());
            }
        }
        v
    }

    fn is_generator_exit(&self, vm: &Vm) -> bool {
        let ge = vm.exception_type("GeneratorExit");
        match &self.typ {
            Value::Exception(e) => e.class.is_subtype(&ge),
            Value::Type(t) => t.is_subtype(&ge),
            _ => false,
        }
    }

    /// `PyErr_NormalizeException` plus `throw()`'s argument checks.
    fn normalize(self, vm: &mut Vm) -> PyResult<PyErr> {
        let tb = match self.tb {
            None | Some(Value::None) => None,
            Some(Value::Traceback(t)) => Some(t),
            Some(_) => {
                return Err(vm.type_error("throw() third argument must be a traceback object"))
            }
        };
        let base = vm.exception_type("BaseException");
        let e = match self.typ {
            Value::Type(t) if t.is_subtype(&base) => {
                let made = match self.val {
                    Some(Value::Exception(e)) if e.class.is_subtype(&t) => Value::Exception(e),
                    None | Some(Value::None) => vm.call(&Value::Type(t.clone()), &[])?,
                    Some(Value::Tuple(args)) => vm.call(&Value::Type(t.clone()), &args.items)?,
                    Some(v) => vm.call(&Value::Type(t.clone()), &[v])?,
                };
                match made {
                    Value::Exception(e) => e,
                    other => {
                        let got = vm.type_name(&other);
                        return Err(vm.type_error(format!(
                            "calling {} should have returned an instance of BaseException, not {got}",
                            t.name.borrow()
                        )));
                    }
                }
            }
            Value::Exception(e) => {
                if matches!(&self.val, Some(v) if !v.is_none()) {
                    return Err(vm.type_error("instance exception may not have a separate value"));
                }
                e
            }
            other => {
                let t = vm.type_name(&other);
                return Err(vm.type_error(format!(
                    "exceptions must be classes or instances deriving from BaseException, not {t}"
                )));
            }
        };
        if let Some(tb) = tb {
            *e.traceback.borrow_mut() = Some(tb);
        }
        Ok(e)
    }
}

pub struct GeneratorObject {
    frame: RefCell<Option<Box<Frame>>>,
    running: Cell<bool>,
    /// Resumed at least once (until then only `None` may be sent, and
    /// closing needs no run).
    started: Cell<bool>,
    pub kind: GenKind,
    pub name: RefCell<Rc<StrObject>>,
    pub qualname: RefCell<Rc<StrObject>>,
    pub code: Rc<CodeObject>,
    /// The exception being handled inside the generator while it is
    /// suspended (CPython's `gi_exc_state`).
    exc_state: RefCell<Option<Value>>,
    /// Async generators: an `asend`/`athrow` awaitable is driving it
    /// (`ag_running`).
    pub running_async: Cell<bool>,
    /// Async generators: closed by `aclose()` or exhausted (`ag_closed`).
    pub closed: Cell<bool>,
    /// Closing on release is done or queued (it happens at most once).
    finalized: Cell<bool>,
}

/// A call of a generator, coroutine or async generator function returns the
/// object holding its frame instead of running it.
#[inline(always)]
pub fn maybe_generator(func: &FunctionObject, frame: Box<Frame>) -> Result<Value, Box<Frame>> {
    // Checked inline on every call; building a generator is the rare case.
    if !func.code.is_generator_like() {
        return Err(frame);
    }
    Ok(new_generator(func, frame))
}

#[cold]
fn new_generator(func: &FunctionObject, frame: Box<Frame>) -> Value {
    let f = func.code.flags();
    let kind = if f & flags::GENERATOR != 0 {
        GenKind::Generator
    } else if f & flags::COROUTINE != 0 {
        GenKind::Coroutine
    } else {
        GenKind::AsyncGenerator
    };
    Value::Generator(Rc::new(GeneratorObject {
        frame: RefCell::new(Some(frame)),
        running: Cell::new(false),
        started: Cell::new(false),
        kind,
        name: RefCell::new(func.name.borrow().clone()),
        qualname: RefCell::new(func.qualname.borrow().clone()),
        code: func.code.clone(),
        exc_state: RefCell::new(None),
        running_async: Cell::new(false),
        closed: Cell::new(false),
        finalized: Cell::new(false),
    }))
}

/// The `value` of a `StopIteration` (its first argument unless reassigned).
pub fn stop_iteration_value(e: &PyErr) -> Value {
    if let Some(d) = e.dict.borrow().as_ref() {
        if let Some(v) = d.get_str(&StrObject::new("value")) {
            return v;
        }
    }
    e.args().items.first().cloned().unwrap_or_default()
}

impl GeneratorObject {
    pub fn is_running(&self) -> bool {
        self.running.get()
    }

    /// Returned or raised: no frame left to resume.
    pub fn is_finished(&self) -> bool {
        !self.running.get() && self.frame.borrow().is_none()
    }

    /// `gi_frame`/`cr_frame` would be a live frame object.
    pub fn has_frame(&self) -> bool {
        self.running.get() || self.frame.borrow().is_some()
    }

    /// A coroutine, or a generator marked by `types.coroutine`
    /// (`CO_ITERABLE_COROUTINE`): `await` iterates it directly.
    pub fn is_coroutine(&self) -> bool {
        self.kind == GenKind::Coroutine
            || (self.kind == GenKind::Generator
                && self.code.flags() & flags::ITERABLE_COROUTINE != 0)
    }

    /// Look at the suspended frame (`None` while running or once finished).
    pub fn with_frame<R>(&self, f: impl FnOnce(&Frame) -> R) -> Option<R> {
        self.frame.borrow().as_deref().map(f)
    }

    /// The object a suspended `yield from`/`await` delegates to
    /// (`_PyGen_yf`).
    pub fn delegate(&self) -> Option<Value> {
        if !self.started.get() {
            return None;
        }
        let frame = self.frame.borrow();
        let f = frame.as_ref()?;
        if f.at_yield_from() {
            f.stack.last().cloned()
        } else {
            None
        }
    }

    /// Resume the frame with `input` (`gen_send_ex2`). `closing` is set by
    /// `close()`, which may resume an exhausted coroutine silently.
    pub fn send_ex(&self, vm: &mut Vm, input: Resume, closing: bool) -> PyResult<GenStep> {
        if !self.started.get() && self.frame.borrow().is_some() {
            if let Resume::Value(v) = &input {
                if !v.is_none() {
                    return Err(vm.type_error(format!(
                        "can't send non-None value to a just-started {}",
                        self.kind.noun()
                    )));
                }
            }
        }
        if self.running.get() {
            return Err(vm.value_error(format!("{} already executing", self.kind.noun())));
        }
        let Some(frame) = self.frame.borrow_mut().take() else {
            if self.kind == GenKind::Coroutine && !closing {
                return Err(vm.runtime_error("cannot reuse already awaited coroutine"));
            }
            return match input {
                Resume::Error(e) => Err(e),
                _ => Ok(GenStep::Returned(Value::None)),
            };
        };
        let input = match input {
            Resume::Start => Resume::Value(Value::None),
            other => other,
        };
        self.started.set(true);
        // The generator's exception state becomes the VM's for the run; the
        // caller's stays visible below it (`_PyErr_GetTopmostException`).
        let outer = vm.handled.take();
        vm.exc_outer.push(outer);
        vm.handled = self.exc_state.borrow_mut().take();
        if let (Resume::Error(e), Some(handled)) = (&input, &vm.handled) {
            // `_PyErr_ChainStackItem`: a thrown exception's context is what
            // the generator was handling, never the caller's.
            crate::eval::chain_context_to(handled, e);
        }
        self.running.set(true);
        let result = resume_frame(vm, frame, input);
        self.running.set(false);
        let own = vm.handled.take();
        vm.handled = vm.exc_outer.pop().flatten();
        match result {
            Ok(Finished::Yield(v, frame)) => {
                let awaiting = self.kind == GenKind::AsyncGenerator && frame.at_yield_from();
                *self.exc_state.borrow_mut() = own;
                *self.frame.borrow_mut() = Some(frame);
                Ok(if awaiting {
                    GenStep::Awaiting(v)
                } else {
                    GenStep::Yielded(v)
                })
            }
            Ok(Finished::Return(v)) => Ok(GenStep::Returned(v)),
            Err(e) => Err(self.leaked_stop(vm, e)),
        }
    }

    /// For the eval loop's `FOR_ITER`, which runs a plain generator's frame
    /// as a frame of its own loop instead of a nested run: what `send_ex`
    /// does before running (the frame taken out with the sent None on its
    /// stack, the generator running, its exception state the VM's). `None`
    /// when `next` must do it (coroutines and async generators, a running
    /// or finished generator).
    pub fn start_inline(&self, vm: &mut Vm) -> Option<Box<Frame>> {
        if self.kind != GenKind::Generator || self.running.get() {
            return None;
        }
        let mut frame = self.frame.borrow_mut().take()?;
        frame.stack.push(Value::None);
        self.started.set(true);
        let outer = vm.handled.take();
        vm.exc_outer.push(outer);
        vm.handled = self.exc_state.borrow_mut().take();
        self.running.set(true);
        Some(frame)
    }

    /// The frame run by `start_inline` yielded: keep it for the next resume.
    pub fn suspend_inline(&self, vm: &mut Vm, frame: Box<Frame>) {
        self.running.set(false);
        let own = vm.handled.take();
        vm.handled = vm.exc_outer.pop().flatten();
        *self.exc_state.borrow_mut() = own;
        *self.frame.borrow_mut() = Some(frame);
    }

    /// The frame run by `start_inline` returned (`None`) or raised: the
    /// generator is finished, and the error is what `next` would raise.
    pub fn finish_inline(&self, vm: &mut Vm, err: Option<PyErr>) -> Option<PyErr> {
        self.running.set(false);
        vm.handled = vm.exc_outer.pop().flatten();
        err.map(|e| self.leaked_stop(vm, e))
    }

    /// PEP 479: `StopIteration` (and, from an async generator,
    /// `StopAsyncIteration`) escaping the frame becomes `RuntimeError`.
    fn leaked_stop(&self, vm: &mut Vm, e: PyErr) -> PyErr {
        let what = if vm.is_instance_of(&e, "StopIteration") {
            "StopIteration"
        } else if self.kind == GenKind::AsyncGenerator
            && vm.is_instance_of(&e, "StopAsyncIteration")
        {
            "StopAsyncIteration"
        } else {
            return e;
        };
        let r = vm.runtime_error(format!("{} raised {what}", self.kind.noun()));
        *r.cause.borrow_mut() = Some(Value::Exception(e.clone()));
        *r.context.borrow_mut() = Some(Value::Exception(e));
        r.suppress_context.set(true);
        r
    }

    /// `next(gen)`: `None` when exhausted.
    pub fn next(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        match self.send_ex(vm, Resume::Start, false)? {
            GenStep::Yielded(v) | GenStep::Awaiting(v) => Ok(Some(v)),
            GenStep::Returned(_) => Ok(None),
        }
    }

    /// `gen.send(v)` (and `gen.__next__()` with `None`): a return becomes
    /// `StopIteration(value)`.
    pub fn send(&self, vm: &mut Vm, v: Value) -> PyResult<Value> {
        let step = self.send_ex(vm, Resume::Value(v), false);
        step_value(vm, step)
    }

    /// `throw()` (`_gen_throw`): into the delegate first, if any.
    pub fn throw(&self, vm: &mut Vm, args: ThrowArgs, close_on_genexit: bool) -> PyResult<GenStep> {
        if let Some(yf) = self.delegate() {
            if close_on_genexit && args.is_generator_exit(vm) {
                self.running.set(true);
                let closed = close_iter(vm, &yf);
                self.running.set(false);
                if let Err(e) = closed {
                    return self.send_ex(vm, Resume::Error(e), false);
                }
            } else {
                self.running.set(true);
                let delegated = match &yf {
                    Value::Generator(sub) if sub.kind != GenKind::AsyncGenerator => {
                        Some(sub.throw(vm, args.clone(), close_on_genexit))
                    }
                    _ => match vm.get_attr_opt(&yf, "throw") {
                        Err(e) => {
                            self.running.set(false);
                            return Err(e);
                        }
                        Ok(None) => None,
                        Ok(Some(m)) => Some(vm.call(&m, &args.to_vec()).map(GenStep::Yielded)),
                    },
                };
                self.running.set(false);
                match delegated {
                    None => {}
                    Some(Ok(GenStep::Yielded(v) | GenStep::Awaiting(v))) => {
                        return Ok(self.passed_up(v))
                    }
                    Some(Ok(GenStep::Returned(v))) => return self.end_delegation(vm, Ok(v)),
                    Some(Err(e)) if vm.is_instance_of(&e, "StopIteration") => {
                        let v = stop_iteration_value(&e);
                        return self.end_delegation(vm, Ok(v));
                    }
                    Some(Err(e)) => return self.end_delegation(vm, Err(e)),
                }
            }
        }
        let e = args.normalize(vm)?;
        self.send_ex(vm, Resume::Error(e), false)
    }

    /// A value yielded by the delegate, passing through this generator.
    fn passed_up(&self, v: Value) -> GenStep {
        if self.kind == GenKind::AsyncGenerator {
            GenStep::Awaiting(v)
        } else {
            GenStep::Yielded(v)
        }
    }

    /// The delegate finished (returned `Ok`, or raised): pop it, step past
    /// the `YIELD_FROM`, and resume with its result.
    fn end_delegation(&self, vm: &mut Vm, result: PyResult<Value>) -> PyResult<GenStep> {
        if let Some(f) = self.frame.borrow_mut().as_mut() {
            f.stack.pop();
            f.ip += 1;
            f.lasti = f.ip - 1;
        }
        match result {
            Ok(v) => self.send_ex(vm, Resume::Value(v), false),
            Err(e) => self.send_ex(vm, Resume::Error(e), false),
        }
    }

    /// `gen.close()`: close the delegate, then raise `GeneratorExit` at the
    /// suspension point.
    pub fn close(&self, vm: &mut Vm) -> PyResult<()> {
        if self.running.get() {
            return Err(vm.value_error(format!("{} already executing", self.kind.noun())));
        }
        if self.frame.borrow().is_none() {
            return Ok(());
        }
        if !self.started.get() {
            self.release_frame();
            return Ok(());
        }
        let mut err = None;
        if let Some(yf) = self.delegate() {
            self.running.set(true);
            err = close_iter(vm, &yf).err();
            self.running.set(false);
        }
        let exc = err.unwrap_or_else(|| vm.new_error_args("GeneratorExit", vec![]));
        match self.send_ex(vm, Resume::Error(exc), true) {
            Ok(GenStep::Yielded(_) | GenStep::Awaiting(_)) => {
                Err(vm.runtime_error(format!("{} ignored GeneratorExit", self.kind.noun())))
            }
            Ok(GenStep::Returned(_)) => Ok(()),
            Err(e)
                if vm.is_instance_of(&e, "GeneratorExit")
                    || vm.is_instance_of(&e, "StopIteration") =>
            {
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    fn release_frame(&self) {
        let frame = self.frame.borrow_mut().take();
        crate::objects::trashcan::release(frame);
    }
}

impl Drop for GeneratorObject {
    fn drop(&mut self) {
        let Some(frame) = self.frame.get_mut().take() else {
            return;
        };
        // A suspended frame with no handler to run and no delegate can be
        // dropped without running it: closing it would be invisible.
        let needs_close = self.started.get()
            && !self.finalized.get()
            && (!frame.blocks.is_empty() || frame.at_yield_from());
        if !needs_close {
            crate::objects::trashcan::release(Some(frame));
            return;
        }
        let revived = GeneratorObject {
            frame: RefCell::new(Some(frame)),
            running: Cell::new(false),
            started: Cell::new(true),
            kind: self.kind,
            name: RefCell::new(self.name.get_mut().clone()),
            qualname: RefCell::new(self.qualname.get_mut().clone()),
            code: self.code.clone(),
            exc_state: RefCell::new(self.exc_state.get_mut().take()),
            running_async: Cell::new(false),
            closed: Cell::new(self.closed.get()),
            finalized: Cell::new(true),
        };
        crate::finalize::queue(Value::Generator(Rc::new(revived)));
    }
}

/// Close what a `yield from`/`await` delegates to (`gen_close_iter`).
fn close_iter(vm: &mut Vm, yf: &Value) -> PyResult<()> {
    match yf {
        Value::Generator(g) if g.kind != GenKind::AsyncGenerator => g.close(vm),
        _ => {
            if let Some(m) = vm.get_attr_opt(yf, "close").ok().flatten() {
                vm.call(&m, &[])?;
            }
            Ok(())
        }
    }
}

/// A send/throw result as a method returns it: a return becomes
/// `StopIteration(value)`.
pub fn step_value(vm: &mut Vm, step: PyResult<GenStep>) -> PyResult<Value> {
    match step? {
        GenStep::Yielded(v) | GenStep::Awaiting(v) => Ok(v),
        GenStep::Returned(v) => Err(vm.stop_iteration((!v.is_none()).then_some(v))),
    }
}

/// `PyIter_Send`, the step of `yield from`/`await`: send `v` into
/// `receiver`; generators and coroutines are resumed directly, iterators
/// advanced when `v` is `None`, anything else gets its `send` method called.
pub fn iter_send(vm: &mut Vm, receiver: &Value, v: Value) -> PyResult<GenStep> {
    let result = match receiver {
        Value::Generator(g) => return g.send_ex(vm, Resume::Value(v), false),
        Value::Awaitable(a) => a.send(vm, v),
        _ if v.is_none() && crate::slots::dispatches(receiver) => {
            match vm.call_user_special(receiver, crate::slots::Special::__next__, &[]) {
                Ok(Some(x)) => Ok(x),
                Ok(None) => call_send(vm, receiver, v),
                Err(e) => Err(e),
            }
        }
        _ if v.is_none() && vm.is_iterator(receiver) => {
            return Ok(match vm.next(receiver)? {
                Some(x) => GenStep::Yielded(x),
                None => GenStep::Returned(Value::None),
            })
        }
        _ => call_send(vm, receiver, v),
    };
    match result {
        Ok(x) => Ok(GenStep::Yielded(x)),
        Err(e) if vm.is_instance_of(&e, "StopIteration") => {
            Ok(GenStep::Returned(stop_iteration_value(&e)))
        }
        Err(e) => Err(e),
    }
}

fn call_send(vm: &mut Vm, receiver: &Value, v: Value) -> PyResult<Value> {
    let name = vm.intern("send");
    let m = vm.get_attr(receiver, &name)?;
    vm.call(&m, &[v])
}

/// `_PyCoro_GetAwaitableIter`: what `await obj` iterates.
pub fn awaitable_iter(vm: &mut Vm, obj: &Value) -> PyResult<Value> {
    match obj {
        Value::Generator(g) if g.is_coroutine() => return Ok(obj.clone()),
        Value::Awaitable(a) if a.is_awaitable() => return Ok(obj.clone()),
        _ => {}
    }
    let key = vm.special_name(crate::slots::Special::__await__);
    let cls = vm.type_of(obj).clone();
    let Some(getter) = vm.lookup_type(&cls, &key) else {
        let t = cls.name.borrow().clone();
        return Err(vm.type_error(format!("object {t} can't be used in 'await' expression")));
    };
    let res = vm.call_method_value(&getter, obj, &[])?;
    match &res {
        Value::Generator(g) if g.is_coroutine() => {
            Err(vm.type_error("__await__() returned a coroutine"))
        }
        r if !vm.is_iterator(r) => {
            let t = vm.type_name(r);
            Err(vm.type_error(format!("__await__() returned non-iterator of type '{t}'")))
        }
        _ => Ok(res),
    }
}

fn this(vm: &mut Vm, args: &crate::args::Args, kind: GenKind) -> PyResult<Rc<GeneratorObject>> {
    match args.values.first() {
        Some(Value::Generator(g)) if g.kind == kind => Ok(g.clone()),
        _ => Err(vm.type_error(format!("descriptor requires a '{}' object", kind.noun()))),
    }
}

fn gen_or_coro(vm: &mut Vm, args: &crate::args::Args) -> PyResult<Rc<GeneratorObject>> {
    match args.values.first() {
        Some(Value::Generator(g)) if g.kind != GenKind::AsyncGenerator => Ok(g.clone()),
        _ => Err(vm.type_error("descriptor requires a 'generator' object")),
    }
}

fn send(vm: &mut Vm, args: crate::args::Args) -> PyResult<Value> {
    let g = gen_or_coro(vm, &args)?;
    let v = args.skip_self().one(vm, "send")?.clone();
    g.send(vm, v)
}

fn throw(vm: &mut Vm, args: crate::args::Args) -> PyResult<Value> {
    let g = gen_or_coro(vm, &args)?;
    let a = ThrowArgs::parse(vm, args.skip_self().pos(), "throw")?;
    let step = g.throw(vm, a, true);
    step_value(vm, step)
}

fn close(vm: &mut Vm, args: crate::args::Args) -> PyResult<Value> {
    gen_or_coro(vm, &args)?.close(vm)?;
    Ok(Value::None)
}

fn gen_next(vm: &mut Vm, args: crate::args::Args) -> PyResult<Value> {
    let g = this(vm, &args, GenKind::Generator)?;
    let step = g.send_ex(vm, Resume::Start, false);
    step_value(vm, step)
}

fn gen_iter(vm: &mut Vm, args: crate::args::Args) -> PyResult<Value> {
    let g = this(vm, &args, GenKind::Generator)?;
    Ok(Value::Generator(g))
}

fn coro_await(vm: &mut Vm, args: crate::args::Args) -> PyResult<Value> {
    let g = this(vm, &args, GenKind::Coroutine)?;
    Ok(crate::objects::awaitable::AwaitableObject::coroutine_wrapper(g))
}

fn agen_aiter(vm: &mut Vm, args: crate::args::Args) -> PyResult<Value> {
    let g = this(vm, &args, GenKind::AsyncGenerator)?;
    Ok(Value::Generator(g))
}

fn agen_anext(vm: &mut Vm, args: crate::args::Args) -> PyResult<Value> {
    let g = this(vm, &args, GenKind::AsyncGenerator)?;
    Ok(crate::objects::awaitable::AwaitableObject::asend(g, None))
}

fn agen_asend(vm: &mut Vm, args: crate::args::Args) -> PyResult<Value> {
    let g = this(vm, &args, GenKind::AsyncGenerator)?;
    let v = args.skip_self().one(vm, "asend")?.clone();
    Ok(crate::objects::awaitable::AwaitableObject::asend(
        g,
        Some(v),
    ))
}

fn agen_athrow(vm: &mut Vm, args: crate::args::Args) -> PyResult<Value> {
    let g = this(vm, &args, GenKind::AsyncGenerator)?;
    let a = ThrowArgs::parse(vm, args.skip_self().pos(), "athrow")?;
    Ok(crate::objects::awaitable::AwaitableObject::athrow(
        g,
        Some(a),
    ))
}

fn agen_aclose(vm: &mut Vm, args: crate::args::Args) -> PyResult<Value> {
    let g = this(vm, &args, GenKind::AsyncGenerator)?;
    Ok(crate::objects::awaitable::AwaitableObject::athrow(g, None))
}

pub const GENERATOR_METHODS: &[(&str, crate::objects::function::NativeFn)] = &[
    ("close", close),
    ("send", send),
    ("throw", throw),
    ("__next__", gen_next),
    ("__iter__", gen_iter),
];

pub const COROUTINE_METHODS: &[(&str, crate::objects::function::NativeFn)] = &[
    ("close", close),
    ("send", send),
    ("throw", throw),
    ("__await__", coro_await),
];

pub const ASYNC_GENERATOR_METHODS: &[(&str, crate::objects::function::NativeFn)] = &[
    ("aclose", agen_aclose),
    ("asend", agen_asend),
    ("athrow", agen_athrow),
    ("__aiter__", agen_aiter),
    ("__anext__", agen_anext),
];
