//! Generators: a suspended frame plus its state. Resuming runs the frame
//! until its next `YIELD_VALUE` (the frame is moved out while it runs and put
//! back when it yields, so a generator owns exactly one frame for its life —
//! no new frame per `next()`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::error::PyResult;
use crate::eval::{resume_frame, Finished, Resume};
use crate::frame::Frame;
use crate::objects::{FunctionObject, StrObject};
use crate::value::Value;
use crate::vm::Vm;

pub struct GeneratorObject {
    frame: RefCell<Option<Box<Frame>>>,
    running: Cell<bool>,
    /// Never resumed yet (only `None` may be sent).
    fresh: Cell<bool>,
    pub name: Rc<StrObject>,
    pub qualname: Rc<StrObject>,
    pub code: Rc<crate::objects::CodeObject>,
}

/// A generator function's call returns a generator instead of running.
pub fn maybe_generator(func: &FunctionObject, frame: Box<Frame>) -> Result<Value, Box<Frame>> {
    if func.code.flags() & pyvm_loader::code::flags::GENERATOR == 0 {
        return Err(frame);
    }
    Ok(Value::Generator(Rc::new(GeneratorObject {
        frame: RefCell::new(Some(frame)),
        running: Cell::new(false),
        fresh: Cell::new(true),
        name: func.name.borrow().clone(),
        qualname: func.qualname.borrow().clone(),
        code: func.code.clone(),
    })))
}

impl GeneratorObject {
    pub fn is_running(&self) -> bool {
        self.running.get()
    }

    pub fn is_finished(&self) -> bool {
        !self.running.get() && self.frame.borrow().is_none()
    }

    /// Resume with `sent` (or by raising `throw` at the yield). `Ok(None)`
    /// means the generator returned; its return value is in the second part.
    pub fn resume(&self, vm: &mut Vm, input: Resume) -> PyResult<Result<Value, Value>> {
        if self.running.get() {
            return Err(vm.value_error("generator already executing"));
        }
        let Some(frame) = self.frame.borrow_mut().take() else {
            return match input {
                Resume::Error(e) => Err(e),
                _ => Ok(Err(Value::None)),
            };
        };
        let input = match input {
            Resume::Start => Resume::Value(Value::None),
            Resume::Value(v) if self.fresh.get() && !v.is_none() => {
                *self.frame.borrow_mut() = Some(frame);
                return Err(vm.type_error("can't send non-None value to a just-started generator"));
            }
            other => other,
        };
        self.fresh.set(false);
        self.running.set(true);
        let result = resume_frame(vm, frame, input);
        self.running.set(false);
        match result {
            Ok(Finished::Yield(v, frame)) => {
                *self.frame.borrow_mut() = Some(frame);
                Ok(Ok(v))
            }
            Ok(Finished::Return(v)) => Ok(Err(v)),
            Err(e) => {
                // PEP 479: StopIteration escaping a generator becomes RuntimeError.
                if vm.is_instance_of(&e, "StopIteration") {
                    let r = vm.runtime_error("generator raised StopIteration");
                    *r.cause.borrow_mut() = Some(Value::Exception(e.clone()));
                    *r.context.borrow_mut() = Some(Value::Exception(e));
                    r.suppress_context.set(true);
                    return Err(r);
                }
                Err(e)
            }
        }
    }

    /// `next(gen)`: `None` when exhausted.
    pub fn next(&self, vm: &mut Vm) -> PyResult<Option<Value>> {
        Ok(self.resume(vm, Resume::Start)?.ok())
    }

    /// `gen.close()`: raise GeneratorExit at the yield point.
    pub fn close(&self, vm: &mut Vm) -> PyResult<()> {
        if self.frame.borrow().is_none() || self.fresh.get() {
            *self.frame.borrow_mut() = None;
            return Ok(());
        }
        let exit = vm.new_error_args("GeneratorExit", vec![]);
        match self.resume(vm, Resume::Error(exit)) {
            Ok(Ok(_)) => Err(vm.runtime_error("generator ignored GeneratorExit")),
            Ok(Err(_)) => Ok(()),
            Err(e)
                if vm.is_instance_of(&e, "GeneratorExit")
                    || vm.is_instance_of(&e, "StopIteration") =>
            {
                Ok(())
            }
            Err(e) => Err(e),
        }
    }
}

fn this(args: &crate::args::Args) -> Option<Rc<GeneratorObject>> {
    match &args.values[0] {
        Value::Generator(g) => Some(g.clone()),
        _ => None,
    }
}

fn send(vm: &mut Vm, args: crate::args::Args) -> PyResult<Value> {
    let Some(g) = this(&args) else {
        return Ok(Value::None);
    };
    let v = args.skip_self().one(vm, "send")?.clone();
    match g.resume(vm, Resume::Value(v))? {
        Ok(v) => Ok(v),
        Err(ret) => Err(vm.stop_iteration((!ret.is_none()).then_some(ret))),
    }
}

fn throw(vm: &mut Vm, args: crate::args::Args) -> PyResult<Value> {
    let Some(g) = this(&args) else {
        return Ok(Value::None);
    };
    let a = args.skip_self().unpack(vm, "throw", 1, 3)?;
    let exc = match &a[0] {
        Value::Exception(e) => e.clone(),
        Value::Type(t) => match vm.call(&Value::Type(t.clone()), &a[1..a.len().min(2)])? {
            Value::Exception(e) => e,
            _ => return Err(vm.type_error("exceptions must derive from BaseException")),
        },
        _ => {
            return Err(vm.type_error(
                "exceptions must be classes or instances deriving from BaseException, not str",
            ))
        }
    };
    if g.fresh.get() {
        *g.frame.borrow_mut() = None;
        return Err(exc);
    }
    match g.resume(vm, Resume::Error(exc))? {
        Ok(v) => Ok(v),
        Err(ret) => Err(vm.stop_iteration((!ret.is_none()).then_some(ret))),
    }
}

fn close(vm: &mut Vm, args: crate::args::Args) -> PyResult<Value> {
    if let Some(g) = this(&args) {
        g.close(vm)?;
    }
    Ok(Value::None)
}

pub const METHODS: &[(&str, crate::objects::function::NativeFn)] =
    &[("close", close), ("send", send), ("throw", throw)];
