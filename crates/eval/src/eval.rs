//! The instruction loop, modelled on CPython 3.10's `ceval.c`: one match over
//! pyvm instructions, each arm a few lines that pop operands, call into the
//! object layer and push the result.
//!
//! Python-to-Python calls do not recurse on the Rust stack: a call pushes a
//! frame onto this invocation's frame stack and the loop continues in it;
//! `RETURN_VALUE` pops back. Native code calling Python (a `key=` function)
//! re-enters `run_frame`, which counts against the recursion limit and grows
//! the Rust stack on demand.

use std::rc::Rc;

use pyvm_loader::instruction::{make_function as mf, Conversion, Instruction as I};

use crate::args::Args;
use crate::attr::MethodLookup;
use crate::consumers::Fed;
use crate::error::{PyErr, PyResult};
use crate::frame::{bind_call, Block, BlockKind, Frame, ReturnHook};
use crate::objects::function::{CellObject, FunctionObject};
use crate::objects::generator::{self, GenKind, GenStep};
use crate::objects::{DictObject, SliceObject, StrObject, TupleObject};
use crate::pattern;
use crate::slots::Special;
use crate::value::Value;
use crate::vm::Vm;
use pyvm_loader::code::flags as code_flags;

/// How a frame's execution stopped.
enum Exit {
    Return(Value),
    /// A generator frame yielded this value.
    Yield(Value),
    Error(PyErr),
}

/// How to resume a frame.
pub enum Resume {
    Start,
    /// A callee returned this value.
    Value(Value),
    /// A callee raised: handle it at the caller's current instruction.
    Error(PyErr),
}

/// How a run of a frame ended.
pub enum Finished {
    Return(Value),
    /// The (generator) frame yielded; here it is, ready to be resumed.
    Yield(Value, Box<Frame>),
}

/// Run `frame` to completion (including any Python frames it calls).
pub fn run_frame(vm: &mut Vm, frame: Box<Frame>) -> PyResult<Value> {
    match resume_frame(vm, frame, Resume::Start)? {
        Finished::Return(v) => Ok(v),
        Finished::Yield(..) => Err(vm.system_error("a non-generator frame yielded")),
    }
}

/// Run a frame from `resume` until it returns or (if a generator) yields.
pub fn resume_frame(vm: &mut Vm, frame: Box<Frame>, resume: Resume) -> PyResult<Finished> {
    vm.enter_recursion("")?;
    // The first nested runs fit in any thread's stack; checking the stack
    // (stacker reads the thread's limits from /proc on first use) only pays
    // once recursion is deep, and skipping it keeps it out of start-up.
    if vm.depth < SHALLOW_DEPTH {
        return run_stack(vm, frame, resume);
    }
    stacker::maybe_grow(128 * 1024, 2 * 1024 * 1024, || run_stack(vm, frame, resume))
}

/// Recursion depth (frames plus native calls) below which nested runs do not
/// check for stack room: 32 runs of the eval loop need well under the
/// 128 KiB red zone `maybe_grow` keeps, and under any thread's stack.
const SHALLOW_DEPTH: usize = 32;

fn run_stack(vm: &mut Vm, frame: Box<Frame>, resume: Resume) -> PyResult<Finished> {
    // Frame stacks are reused: resuming a generator allocates nothing.
    let mut frames = vm.frame_stacks.pop().unwrap_or_default();
    let records = vm.call_records.len();
    vm.call_records.push(crate::frame::CallRecord::of(&frame));
    frames.push(frame);
    let result = run_frames(vm, &mut frames, resume);
    // Normally both are already back where they were: skip the drop glue.
    if vm.call_records.len() > records {
        vm.call_records.truncate(records);
    }
    if !frames.is_empty() {
        frames.clear();
    }
    vm.frame_stacks.push(frames);
    result
}

// Frames stay boxed: a generator takes its frame out of the stack (and a
// callee's is pushed) by moving one pointer.
#[allow(clippy::vec_box)]
fn run_frames(vm: &mut Vm, frames: &mut Vec<Box<Frame>>, resume: Resume) -> PyResult<Finished> {
    // Calls, returns and exceptions between the frames of this run are
    // handled inside `execute`; what comes back concerns the bottom frame.
    #[cfg(feature = "trace")]
    let exit = if vm.trace {
        execute::<true>(vm, frames, resume)
    } else {
        execute::<false>(vm, frames, resume)
    };
    #[cfg(not(feature = "trace"))]
    let exit = execute::<false>(vm, frames, resume);
    let Some(frame) = frames.pop() else {
        return Err(vm.system_error("frame stack underflow"));
    };
    vm.call_records.pop();
    vm.leave_recursion();
    match exit {
        Exit::Return(v) => {
            Frame::recycle(vm, frame);
            if crate::finalize::pending() {
                crate::finalize::run(vm, None);
            }
            Ok(Finished::Return(v))
        }
        // Only a generator frame yields, and it is the bottom frame of its
        // own run (a yield in a called frame is corrupt bytecode).
        Exit::Yield(v) if frames.is_empty() => Ok(Finished::Yield(v, frame)),
        Exit::Yield(_) => {
            while frames.pop().is_some() {
                vm.call_records.pop();
                vm.leave_recursion();
            }
            Err(vm.system_error("yield from a nested frame"))
        }
        Exit::Error(e) => Err(e),
    }
}

/// The top frame, a generator consumed by a built-in, yielded a value that
/// decides the result or that the consumer cannot take without running
/// Python code: suspend the generator, as a yield to the caller would, and
/// compute the call's result (the caller is then the top frame).
#[allow(clippy::vec_box)]
fn finish_consumer(
    vm: &mut Vm,
    frames: &mut Vec<Box<Frame>>,
    fed: crate::consumers::Fed,
) -> PyResult<Value> {
    let Some(mut done) = frames.pop() else {
        return Err(vm.system_error("frame stack underflow"));
    };
    let ReturnHook::Consume(c) = std::mem::take(&mut done.on_return) else {
        return Err(vm.system_error("consumer frame without its consumer"));
    };
    vm.call_records.pop();
    vm.leave_recursion();
    c.gen.suspend_inline(vm, done);
    match fed {
        Fed::Decided(r) => Ok(r),
        Fed::Deferred(v) => c.finish_native(vm, v),
        Fed::Absorbed => Err(vm.system_error("absorbed value finishing a consumer")),
    }
}

/// Push a traceback entry for the frame's current instruction.
fn add_traceback(frame: &Frame, e: &PyErr) {
    e.push_traceback(frame.code.clone(), frame.globals.clone(), frame.lasti);
}

/// Set `__context__` of a newly raised exception to the one being handled,
/// breaking cycles as CPython's `_PyErr_SetObject` does.
pub fn chain_context(vm: &Vm, e: &PyErr) {
    if let Some(handled) = vm.topmost_handled() {
        chain_context_to(handled, e);
    }
}

/// Make `handled` the context of `e` (unless that would make a cycle).
pub fn chain_context_to(handled: &Value, e: &PyErr) {
    let Value::Exception(handled) = handled else {
        return;
    };
    if Rc::ptr_eq(handled, e) {
        return;
    }
    let mut o = handled.clone();
    let mut steps = 0;
    loop {
        let next = match &*o.context.borrow() {
            Some(Value::Exception(c)) => c.clone(),
            _ => break,
        };
        if Rc::ptr_eq(&next, e) {
            *o.context.borrow_mut() = None;
            break;
        }
        o = next;
        steps += 1;
        if steps > 10_000 {
            break;
        }
    }
    *e.context.borrow_mut() = Some(Value::Exception(handled.clone()));
}

fn exc_type_value(e: &PyErr) -> Value {
    Value::Type(e.class.clone())
}

fn name_error(vm: &mut Vm, name: &StrObject) -> PyErr {
    let e = vm.name_error(format!("name '{name}' is not defined"));
    e.set_attr("name", Value::str(&name.to_string()));
    e
}

/// `locals()`, `globals()`, `vars()` and `dir()` without arguments read the
/// calling frame, so the loop answers them itself.
#[inline(always)]
fn frame_introspection(f: &Frame, func: &Value, argc: u32) -> Option<Value> {
    // Inline: every call passes here, and only zero-argument builtins qualify.
    match func {
        Value::Builtin(b) if argc == 0 => frame_introspection_builtin(f, b),
        _ => None,
    }
}

fn frame_introspection_builtin(
    f: &Frame,
    b: &crate::objects::function::BuiltinFunction,
) -> Option<Value> {
    if b.bound.is_some() || b.kind != crate::objects::function::NativeKind::Function {
        return None;
    }
    let locals = || f.locals_dict();
    match b.name {
        "globals" => Some(Value::Dict(f.globals.clone())),
        "locals" | "vars" => match &f.locals_mapping {
            Some(m) => Some(m.clone()),
            None => Some(Value::Dict(locals())),
        },
        "dir" => {
            let mut names: Vec<Rc<StrObject>> = locals()
                .keys()
                .into_iter()
                .filter_map(|k| k.as_str().cloned())
                .collect();
            names.sort_by(|a, b| a.cmp_str(b));
            Some(Value::list(names.into_iter().map(Value::Str).collect()))
        }
        _ => None,
    }
}

/// `super()` in a method: the class from the `__class__` cell the compiler
/// created, and the method's first argument.
fn zero_arg_super(vm: &mut Vm, f: &Frame) -> PyResult<Value> {
    if f.code.raw.argcount == 0 && f.code.raw.flags & 0x04 == 0 {
        return Err(vm.runtime_error("super(): no arguments"));
    }
    let first_name = f.code.varnames.first().cloned();
    let mut first = f.fast.first().cloned().flatten();
    if first.is_none() {
        // The first argument may live in a cell (captured by a closure).
        if let Some(n) = &first_name {
            if let Some(i) = f.code.derefs.iter().position(|d| d.eq_str(n)) {
                first = f.cells.get(i).and_then(|c| c.get());
            }
        }
    }
    let Some(obj) = first else {
        return Err(vm.runtime_error("super(): arg[0] deleted"));
    };
    let class_cell = f
        .code
        .derefs
        .iter()
        .enumerate()
        .skip(f.code.n_cells())
        .find(|(_, d)| d.eq_ascii("__class__"))
        .and_then(|(i, _)| f.cells.get(i));
    let Some(cell) = class_cell else {
        return Err(vm.runtime_error("super(): __class__ cell not found"));
    };
    let Some(cls) = cell.get() else {
        return Err(vm.runtime_error("super(): empty __class__ cell"));
    };
    if !matches!(cls, Value::Type(_)) {
        return Err(vm.runtime_error("super(): __class__ is not a type"));
    }
    crate::builtins::classes::make_super(vm, &cls, &obj)
}

/// An instruction of frame `f` raised `err` (or a callee did): chain it to
/// the exception being handled, record the frame in its traceback and unwind
/// to a handler. `Err` means the frame has none.
fn raise_in_frame(vm: &mut Vm, f: &mut Frame, err: PyErr) -> Result<(), PyErr> {
    if err.traceback.borrow().is_none() && err.context.borrow().is_none() {
        chain_context(vm, &err);
    }
    add_traceback(f, &err);
    unwind(vm, f, err)
}

/// Run the top frame of `frames` and, inline, the Python frames it calls:
/// a call pushes the callee and switches to it, a return pops back to the
/// caller, and an exception a frame does not handle unwinds into its caller,
/// all without leaving this loop. Only the bottom frame's return, a yield and
/// an unhandled exception of the bottom frame come back to `run_frames`.
/// `TRACE` selects the instrumented copy of the loop, so that tracing costs
/// nothing when it is off.
#[allow(clippy::vec_box)]
fn execute<const TRACE: bool>(vm: &mut Vm, frames: &mut Vec<Box<Frame>>, resume: Resume) -> Exit {
    let Some(top) = frames.last_mut() else {
        return Exit::Error(vm.system_error("frame stack underflow"));
    };
    let mut f: &mut Frame = top;
    match resume {
        Resume::Start => {
            // Function entry polls for Ctrl-C, so loop-free recursion stops too.
            if crate::signals::take_interrupt() {
                f.lasti = f.ip;
                let e = crate::signals::keyboard_interrupt(vm);
                if let Err(e) = raise_in_frame(vm, f, e) {
                    return Exit::Error(e);
                }
            }
        }
        Resume::Value(v) => f.stack.push(v),
        Resume::Error(e) => {
            // Raised by a callee (already chained) or thrown into a
            // generator (chained to the generator's own state only).
            add_traceback(f, &e);
            if let Err(e) = unwind(vm, f, e) {
                return Exit::Error(e);
            }
        }
    }
    let mut code = f.code.clone();
    let mut ops: &[I] = &code.ops;
    // The value stack is moved out of the frame while the loop runs, so that
    // its pointer and length stay in registers; every exit puts it back.
    let mut stack = std::mem::take(&mut f.stack);

    macro_rules! push {
        ($v:expr) => {
            push_value(&mut stack, $v)
        };
    }
    macro_rules! pop {
        () => {
            pop_value(&mut stack)
        };
    }
    macro_rules! top {
        () => {
            stack.last().cloned().unwrap_or_default()
        };
    }

    // The instruction pointer lives in a register while the frame runs; it is
    // written back to the frame only when control leaves (call, return,
    // yield, error), where `lasti` is also derived from it.
    let mut ip = f.ip;
    macro_rules! save_ip {
        () => {
            f.ip = ip;
            f.lasti = ip.wrapping_sub(1);
            // A swap, not an assignment: no drop glue for the empty Vec.
            std::mem::swap(&mut f.stack, &mut stack);
        };
    }
    // Make the top of `frames` the running frame (after a push or a pop);
    // its value stack is left in the frame.
    macro_rules! switch_to_top {
        () => {
            f = match frames.last_mut() {
                Some(t) => t,
                None => return Exit::Error(vm.system_error("frame stack underflow")),
            };
            code = f.code.clone();
            ops = &code.ops;
        };
    }
    // Continue in the top frame where it left off (after a push, pop or
    // suspension): its instruction pointer and value stack into registers.
    macro_rules! resume_top {
        () => {
            switch_to_top!();
            ip = f.ip;
            std::mem::swap(&mut f.stack, &mut stack);
        };
    }
    // Set by `reraise!`: the error is already traced in this frame.
    let mut reraising = false;
    // Set when Ctrl-C is noticed on entering a frame (`lasti` is then the
    // frame's first instruction, not `ip - 1`).
    let mut interrupted_at_entry = false;
    'run: loop {
        // Re-raise an exception already traced in this frame (`RERAISE`): no new
        // traceback entry, straight to unwinding.
        let err: PyErr = {
            'instr: {
                macro_rules! tri {
                    ($e:expr) => {
                        match $e {
                            Ok(v) => v,
                            Err(e) => break 'instr e,
                        }
                    };
                }
                // A jump that may close a loop polls for Ctrl-C (see `signals`).
                macro_rules! jump {
                    ($t:expr) => {{
                        let t = $t as usize;
                        if t < ip && crate::signals::take_interrupt() {
                            break 'instr crate::signals::keyboard_interrupt(vm);
                        }
                        ip = t;
                    }};
                }
                macro_rules! reraise {
                    ($e:expr) => {{
                        reraising = true;
                        break 'instr $e;
                    }};
                }
                // Run a callee's frame in this loop. The caller's state was saved by
                // `save_ip!`; bookkeeping as CPython's `_PyEval_EvalFrame` entry:
                // recursion depth, the call record for `sys._getframe`, and the Ctrl-C
                // poll at function entry.
                macro_rules! enter_frame {
                    ($callee:expr) => {{
                        let mut callee = $callee;
                        if let Err(e) = vm.enter_recursion("") {
                            let hook = std::mem::take(&mut callee.on_return);
                            if let ReturnHook::InitInstance(_) = hook {
                                vm.leave_recursion();
                            }
                            // As CPython, a generator that cannot be
                            // resumed for lack of stack is finished.
                            if let Some(g) = hook.inline_generator() {
                                drop(g.finish_inline(vm, None));
                            }
                            // Raised at the call, in the caller.
                            std::mem::swap(&mut f.stack, &mut stack);
                            break 'instr e;
                        }
                        if let Some(record) = vm.call_records.last_mut() {
                            record.lasti = f.lasti;
                        }
                        vm.call_records.push(crate::frame::CallRecord::of(&callee));
                        frames.push(callee);
                        resume_top!();
                        if crate::signals::take_interrupt() {
                            f.lasti = f.ip;
                            interrupted_at_entry = true;
                            break 'instr crate::signals::keyboard_interrupt(vm);
                        }
                        continue 'run;
                    }};
                }
                // `GETLOCAL`/`SETLOCAL`: push local `$i` (UnboundLocalError
                // if unset); store into it, releasing the old value.
                macro_rules! load_fast {
                    ($i:expr) => {
                        match &f.fast[$i as usize] {
                            Some(v) => push!(v.clone()),
                            None => break 'instr unbound_local(vm, &code, $i as usize),
                        }
                    };
                }
                macro_rules! store_fast {
                    ($i:expr, $v:expr) => {
                        if let Some(old) = f.fast[$i as usize].replace($v) {
                            old.discard();
                        }
                    };
                }
                // Resume plain generator `$g` as a frame of this loop (sending
                // None), if it can be (`start_inline`); otherwise fall through
                // to the caller's general path.
                macro_rules! resume_generator {
                    ($g:expr) => {{
                        let g = $g;
                        if let Some(mut frame) = g.start_inline(vm) {
                            frame.on_return = ReturnHook::Generator(g);
                            save_ip!();
                            enter_frame!(frame);
                        }
                    }};
                }
                // Run generator frame `$frame` as a frame of this loop for
                // consumer `$c` (`consumers::for_call`).
                macro_rules! consume_generator {
                    ($c:expr, $frame:expr) => {{
                        let mut frame = $frame;
                        frame.on_return = ReturnHook::Consume(Box::new($c));
                        save_ip!();
                        enter_frame!(frame);
                    }};
                }
                // A yield (the frame's state already saved): from the bottom
                // frame back to `run_frames`; from a generator frame that
                // `FOR_ITER` runs here, back into its generator and on to
                // the loop; from one a `yield from` runs here, back into its
                // generator and up through the delegating generator, which
                // suspends to re-run its YIELD_FROM.
                macro_rules! yield_value {
                    ($v:expr) => {{
                        let v = $v;
                        'yield_up: loop {
                            // A generator consumed by a built-in (`sum(gen)`)
                            // goes on unless the value needs Python code.
                            if let ReturnHook::Consume(c) = &mut f.on_return {
                                match c.feed(vm, v) {
                                    Fed::Absorbed => {
                                        // The value the yield evaluates to.
                                        f.stack.push(Value::None);
                                        resume_top!();
                                    }
                                    fed => {
                                        let r = finish_consumer(vm, frames, fed);
                                        resume_top!();
                                        push!(tri!(r));
                                    }
                                }
                                continue 'run;
                            }
                            if frames.len() == 1 {
                                return Exit::Yield(v);
                            }
                            let Some(mut done) = frames.pop() else {
                                return Exit::Error(vm.system_error("frame stack underflow"));
                            };
                            let g = match std::mem::take(&mut done.on_return) {
                                ReturnHook::Generator(g) => g,
                                other => {
                                    // Corrupt bytecode: a yield in a called function.
                                    done.on_return = other;
                                    frames.push(done);
                                    resume_top!();
                                    break 'instr vm
                                        .system_error("yield outside a generator frame");
                                }
                            };
                            vm.call_records.pop();
                            vm.leave_recursion();
                            g.suspend_inline(vm, done);
                            switch_to_top!();
                            if ops.get(f.lasti) == Some(&I::YieldFrom) {
                                f.ip = f.lasti;
                                continue 'yield_up;
                            }
                            ip = f.ip;
                            std::mem::swap(&mut f.stack, &mut stack);
                            push!(v);
                            continue 'run;
                        }
                    }};
                }
                // `LOAD_METHOD`: the method and `obj` (or CPython's NULL
                // marker and the plain attribute).
                macro_rules! load_method {
                    ($obj:expr, $i:expr) => {{
                        let obj = $obj;
                        let name = &code.names[$i as usize];
                        if let Value::Instance(inst) = &obj {
                            let cache = &code.attr_cache[$i as usize];
                            if let Some(m) = vm.cached_instance_method(inst, name, cache) {
                                push!(m);
                                push!(obj);
                                continue 'run;
                            }
                        }
                        match tri!(vm.load_method(&obj, name)) {
                            MethodLookup::Unbound(m) => {
                                push!(m);
                                push!(obj);
                            }
                            MethodLookup::Plain(v) => {
                                // CPython pushes NULL, then the callable.
                                push!(NO_SELF.with(|m| m.clone()));
                                push!(v);
                            }
                        }
                    }};
                }
                // `__del__` of objects released by the previous instruction.
                if crate::finalize::pending() {
                    let site = (&code, &f.globals, ip.saturating_sub(1));
                    crate::finalize::run(vm, Some(site));
                }
                let Some(&instr) = ops.get(ip) else {
                    break 'instr vm.system_error("instruction pointer out of range");
                };
                ip += 1;
                #[cfg(feature = "trace")]
                let instr = if TRACE {
                    crate::trace::instruction(&code, ip - 1, stack.len());
                    // One event per instruction: run superinstructions as
                    // their halves.
                    crate::trace::unfused(&code, ip - 1).unwrap_or(instr)
                } else {
                    instr
                };
                match instr {
                    I::Nop => {}
                    I::PopTop => pop!().discard(),
                    I::RotTwo => {
                        let n = stack.len();
                        if n >= 2 {
                            stack.swap(n - 1, n - 2);
                        }
                    }
                    I::RotThree => rot(&mut stack, 3),
                    I::RotFour => rot(&mut stack, 4),
                    I::RotN(n) => rot(&mut stack, n as usize),
                    I::DupTop => {
                        let v = top!();
                        push!(v);
                    }
                    I::DupTopTwo => {
                        let n = stack.len();
                        if n >= 2 {
                            let (a, b) = (stack[n - 2].clone(), stack[n - 1].clone());
                            push!(a);
                            push!(b);
                        }
                    }

                    I::UnaryOp(op) => {
                        let v = pop!();
                        let r = tri!(vm.unary_op(op, &v));
                        push!(r);
                    }
                    I::BinaryOp(op) => {
                        let b = pop!();
                        let a = pop!();
                        let r = match fast_number_op(op, &a, &b) {
                            Some(v) => {
                                // Unboxed operands own nothing: skip their drop glue.
                                std::mem::forget(a);
                                std::mem::forget(b);
                                v
                            }
                            None => {
                                // A Python `__add__` (...) runs as a frame of this loop.
                                if let Some(frame) = tri!(vm.binary_method_frame(op, &a, &b)) {
                                    save_ip!();
                                    enter_frame!(frame);
                                }
                                tri!(vm.binary_op(op, &a, &b))
                            }
                        };
                        push!(r);
                    }
                    I::InplaceOp(op) => {
                        let b = pop!();
                        let a = pop!();
                        let r = match fast_number_op(op, &a, &b) {
                            Some(v) => {
                                std::mem::forget(a);
                                std::mem::forget(b);
                                v
                            }
                            None => tri!(vm.inplace_op(op, &a, &b)),
                        };
                        push!(r);
                    }
                    I::CompareOp(op) => {
                        let b = pop!();
                        let a = pop!();
                        let r = match (&a, &b) {
                            (Value::Int(x), Value::Int(y)) => {
                                let r = Value::Bool(compare_ord(op, x.cmp(y)));
                                std::mem::forget(a);
                                std::mem::forget(b);
                                r
                            }
                            (Value::Float(x), Value::Float(y)) => {
                                let r = Value::Bool(compare_floats(op, *x, *y));
                                std::mem::forget(a);
                                std::mem::forget(b);
                                r
                            }
                            _ => tri!(vm.compare(&a, &b, op)),
                        };
                        push!(r);
                    }
                    I::IsOp { invert } => {
                        let b = pop!();
                        let a = pop!();
                        push!(Value::Bool(a.is(&b) != invert));
                    }
                    I::ContainsOp { invert } => {
                        let b = pop!();
                        let a = pop!();
                        let r = tri!(vm.contains(&b, &a));
                        push!(Value::Bool(r != invert));
                    }

                    I::BinarySubscr => {
                        let key = pop!();
                        let container = pop!();
                        let fast = match (&container, &key) {
                            (Value::List(l), Value::Int(i)) => {
                                let items = l.items.borrow();
                                seq_slot(*i, items.len()).map(|i| items[i].clone())
                            }
                            (Value::Tuple(t), Value::Int(i)) => {
                                seq_slot(*i, t.items.len()).map(|i| t.items[i].clone())
                            }
                            _ => None,
                        };
                        let r = match fast {
                            Some(v) => v,
                            None => tri!(vm.get_item(&container, &key)),
                        };
                        push!(r);
                    }
                    I::StoreSubscr => {
                        let key = pop!();
                        let container = pop!();
                        let value = pop!();
                        let value = match (&container, &key) {
                            (Value::List(l), Value::Int(i)) => {
                                let mut items = l.items.borrow_mut();
                                match seq_slot(*i, items.len()) {
                                    Some(i) => {
                                        let old = std::mem::replace(&mut items[i], value);
                                        drop(items);
                                        drop(old);
                                        continue 'run;
                                    }
                                    None => value,
                                }
                            }
                            _ => value,
                        };
                        tri!(vm.set_item(&container, &key, value));
                    }
                    I::DeleteSubscr => {
                        let key = pop!();
                        let container = pop!();
                        tri!(vm.del_item(&container, &key));
                    }

                    I::LoadConst(i) => push!(code.consts[i as usize].clone()),
                    I::LoadFast(i) => load_fast!(i),
                    // Superinstructions (`pyvm_loader::superinstructions`):
                    // the first half, then `ip` past the second, which
                    // stays in place for jumps and error locations.
                    I::LoadFastLoadFast(a, b) => {
                        load_fast!(a);
                        ip += 1;
                        load_fast!(b);
                    }
                    I::LoadFastLoadConst(a, c) => {
                        load_fast!(a);
                        ip += 1;
                        push!(code.consts[c as usize].clone());
                    }
                    I::StoreFastLoadFast(a, b) => {
                        store_fast!(a, pop!());
                        ip += 1;
                        load_fast!(b);
                    }
                    I::CompareJumpIfFalse(op, t) => {
                        let b = pop!();
                        let a = pop!();
                        let r = match (&a, &b) {
                            (Value::Int(x), Value::Int(y)) => compare_ord(op, x.cmp(y)),
                            (Value::Float(x), Value::Float(y)) => compare_floats(op, *x, *y),
                            _ => {
                                let r = tri!(vm.compare(&a, &b, op));
                                // The truth test belongs to the jump half.
                                ip += 1;
                                let b = match r {
                                    Value::Bool(b) => b,
                                    other => tri!(vm.truthy(&other)),
                                };
                                ip -= 1;
                                b
                            }
                        };
                        a.discard();
                        b.discard();
                        ip += 1;
                        if !r {
                            jump!(t);
                        }
                    }
                    I::PopTopJump(t) => {
                        pop!().discard();
                        ip += 1;
                        jump!(t);
                    }
                    I::LoadFastLoadAttr(a, n) => {
                        let Some(local) = &f.fast[a as usize] else {
                            break 'instr unbound_local(vm, &code, a as usize);
                        };
                        ip += 1;
                        let name = &code.names[n as usize];
                        if let Value::Instance(inst) = local {
                            let cache = &code.attr_cache[n as usize];
                            if let Some(v) = vm.cached_instance_attr(inst, name, cache) {
                                push!(v);
                                continue 'run;
                            }
                        }
                        let obj = local.clone();
                        let r = tri!(vm.get_attr(&obj, name));
                        push!(r);
                    }
                    I::LoadConstBinaryOp(c, op) => {
                        ip += 1;
                        let a = pop!();
                        let b = &code.consts[c as usize];
                        let r = match fast_number_op(op, &a, b) {
                            Some(v) => {
                                a.discard();
                                v
                            }
                            None => {
                                let b = b.clone();
                                if let Some(frame) = tri!(vm.binary_method_frame(op, &a, &b)) {
                                    save_ip!();
                                    enter_frame!(frame);
                                }
                                tri!(vm.binary_op(op, &a, &b))
                            }
                        };
                        push!(r);
                    }
                    I::ForIterStoreFast(a, t) => {
                        let it = top!();
                        if let Value::Generator(g) = &it {
                            // Resumes at the STORE_FAST half.
                            resume_generator!(g.clone());
                        }
                        match tri!(vm.next(&it)) {
                            Some(v) => {
                                ip += 1;
                                store_fast!(a, v);
                            }
                            None => {
                                pop!().discard();
                                ip = t as usize;
                            }
                        }
                    }
                    I::StoreFast(i) => store_fast!(i, pop!()),
                    I::DeleteFast(i) => {
                        if f.fast[i as usize].take().is_none() {
                            break 'instr unbound_local(vm, &code, i as usize);
                        }
                    }
                    I::LoadName(i) => {
                        let name = &code.names[i as usize];
                        let found = match &f.locals {
                            Some(l) => l.get_str(name),
                            None => match &f.locals_mapping {
                                Some(m) => tri!(mapping_get_name(vm, m, name)),
                                None => None,
                            },
                        };
                        let v = match found
                            .or_else(|| f.globals.get_str(name))
                            .or_else(|| f.builtins.get_str(name))
                        {
                            Some(v) => v,
                            None => break 'instr name_error(vm, name),
                        };
                        push!(v);
                    }
                    I::StoreName(i) => {
                        let v = pop!();
                        let name = code.names[i as usize].clone();
                        match (&f.locals, &f.locals_mapping) {
                            (Some(l), _) => l.set_str(name, v),
                            (None, Some(m)) => tri!(vm.set_item(m, &Value::Str(name), v)),
                            (None, None) => {
                                break 'instr vm
                                    .system_error(format!("no locals found when storing '{name}'"))
                            }
                        }
                    }
                    I::DeleteName(i) => {
                        let name = &code.names[i as usize];
                        let removed = match (&f.locals, &f.locals_mapping) {
                            (Some(l), _) => l.remove_str(name).is_some(),
                            // Any failure to delete is reported as a NameError.
                            (None, Some(m)) => vm.del_item(m, &Value::Str(name.clone())).is_ok(),
                            (None, None) => false,
                        };
                        if !removed {
                            break 'instr name_error(vm, name);
                        }
                    }
                    I::LoadGlobal(i) => {
                        let (gv, bv) = (f.globals.version(), f.builtins.version());
                        let cached = match &code.global_cache.borrow()[i as usize] {
                            Some((g, b, v)) if *g == gv && *b == bv => Some(v.clone()),
                            _ => None,
                        };
                        let v = match cached {
                            Some(v) => v,
                            None => {
                                let name = &code.names[i as usize];
                                let v = match f
                                    .globals
                                    .get_str(name)
                                    .or_else(|| f.builtins.get_str(name))
                                {
                                    Some(v) => v,
                                    None => break 'instr name_error(vm, name),
                                };
                                code.global_cache.borrow_mut()[i as usize] =
                                    Some((gv, bv, v.clone()));
                                v
                            }
                        };
                        push!(v);
                    }
                    I::StoreGlobal(i) => {
                        let v = pop!();
                        f.globals.set_str(code.names[i as usize].clone(), v);
                    }
                    I::DeleteGlobal(i) => {
                        let name = &code.names[i as usize];
                        if f.globals.remove_str(name).is_none() {
                            break 'instr name_error(vm, name);
                        }
                    }
                    I::LoadAttr(i) => {
                        let obj = pop!();
                        let name = &code.names[i as usize];
                        // An instance's own attribute, shadowing nothing on its class.
                        if let Value::Instance(inst) = &obj {
                            let cache = &code.attr_cache[i as usize];
                            if let Some(v) = vm.cached_instance_attr(inst, name, cache) {
                                push!(v);
                                continue 'run;
                            }
                        }
                        let r = tri!(vm.get_attr(&obj, name));
                        push!(r);
                    }
                    I::StoreAttr(i) => {
                        let obj = pop!();
                        let mut v = pop!();
                        let name = &code.names[i as usize];
                        if let Value::Instance(inst) = &obj {
                            let cache = &code.attr_cache[i as usize];
                            match vm.cached_instance_store(inst, name, v, cache) {
                                Ok(()) => continue 'run,
                                Err(back) => v = back,
                            }
                        }
                        tri!(vm.set_attr(&obj, name, v));
                    }
                    I::DeleteAttr(i) => {
                        let obj = pop!();
                        tri!(vm.del_attr(&obj, &code.names[i as usize]));
                    }
                    I::LoadMethod(i) => {
                        let obj = pop!();
                        load_method!(obj, i);
                    }
                    I::LoadFastLoadMethod(a, i) => {
                        let Some(obj) = f.fast[a as usize].clone() else {
                            break 'instr unbound_local(vm, &code, a as usize);
                        };
                        ip += 1;
                        load_method!(obj, i);
                    }
                    I::LoadClosure(i) => push!(Value::Cell(f.cells[i as usize].clone())),
                    I::LoadDeref(i) => match f.cells[i as usize].get() {
                        Some(v) => push!(v),
                        None => break 'instr unbound_deref(vm, &code, i as usize),
                    },
                    I::LoadClassDeref(i) => {
                        let name = &code.derefs[i as usize];
                        let from_locals = match (&f.locals, &f.locals_mapping) {
                            (Some(l), _) => l.get_str(name),
                            (None, Some(m)) => tri!(mapping_get_name(vm, m, name)),
                            (None, None) => None,
                        };
                        match from_locals.or_else(|| f.cells[i as usize].get()) {
                            Some(v) => push!(v),
                            None => break 'instr unbound_deref(vm, &code, i as usize),
                        }
                    }
                    I::StoreDeref(i) => {
                        let v = pop!();
                        f.cells[i as usize].set(Some(v));
                    }
                    I::DeleteDeref(i) => {
                        if f.cells[i as usize].get().is_none() {
                            break 'instr unbound_deref(vm, &code, i as usize);
                        }
                        f.cells[i as usize].set(None);
                    }
                    I::LoadAssertionError => {
                        push!(Value::Type(vm.exception_type("AssertionError")))
                    }
                    I::BuildTuple(n) => {
                        let items = stack.split_off(stack.len() - n as usize);
                        push!(Value::Tuple(TupleObject::new(items)));
                    }
                    I::BuildList(n) => {
                        let items = stack.split_off(stack.len() - n as usize);
                        push!(Value::list(items));
                    }
                    I::BuildSet(n) => {
                        let items = stack.split_off(stack.len() - n as usize);
                        let s = vm.new_set();
                        for item in items {
                            tri!(s.add(vm, item));
                        }
                        push!(Value::Set(s));
                    }
                    I::BuildMap(n) => {
                        let items = stack.split_off(stack.len() - 2 * n as usize);
                        let d = DictObject::new();
                        let mut it = items.into_iter();
                        while let (Some(k), Some(v)) = (it.next(), it.next()) {
                            tri!(d.set(vm, k, v));
                        }
                        push!(Value::Dict(d));
                    }
                    I::BuildConstKeyMap(n) => {
                        let keys = pop!();
                        let values = stack.split_off(stack.len() - n as usize);
                        let d = DictObject::new();
                        if let Value::Tuple(keys) = keys {
                            for (k, v) in keys.items.iter().zip(values) {
                                tri!(d.set(vm, k.clone(), v));
                            }
                        }
                        push!(Value::Dict(d));
                    }
                    I::BuildString(n) => {
                        let parts = stack.split_off(stack.len() - n as usize);
                        push!(Value::Str(build_string(&parts)));
                    }
                    I::BuildSlice(n) => {
                        let step = if n == 3 { pop!() } else { Value::None };
                        let stop = pop!();
                        let start = pop!();
                        push!(Value::Slice(SliceObject::new(start, stop, step)));
                    }
                    I::ListAppend(n) => {
                        let v = pop!();
                        if let Some(Value::List(l)) = stack.get(stack.len() - n as usize) {
                            l.push(v);
                        }
                    }
                    I::SetAdd(n) => {
                        let v = pop!();
                        if let Some(Value::Set(s)) = stack.get(stack.len() - n as usize).cloned() {
                            tri!(s.add(vm, v));
                        }
                    }
                    I::MapAdd(n) => {
                        let v = pop!();
                        let k = pop!();
                        if let Some(Value::Dict(d)) = stack.get(stack.len() - n as usize).cloned() {
                            tri!(d.set(vm, k, v));
                        }
                    }
                    I::ListExtend(n) => {
                        let it = pop!();
                        if let Some(Value::List(l)) = stack.get(stack.len() - n as usize).cloned() {
                            let items = match vm.collect(&it) {
                                Ok(items) => items,
                                Err(e)
                                    if vm.is_instance_of(&e, "TypeError")
                                        && is_not_iterable(vm, &it) =>
                                {
                                    let t = vm.type_name(&it);
                                    break 'instr vm.type_error(format!(
                                        "Value after * must be an iterable, not {t}"
                                    ));
                                }
                                Err(e) => break 'instr e,
                            };
                            l.items.borrow_mut().extend(items);
                        }
                    }
                    I::SetUpdate(n) => {
                        let it = pop!();
                        if let Some(Value::Set(s)) = stack.get(stack.len() - n as usize).cloned() {
                            tri!(s.update(vm, &it));
                        }
                    }
                    I::DictUpdate(n) => {
                        let other = pop!();
                        if let Some(Value::Dict(d)) = stack.get(stack.len() - n as usize).cloned() {
                            if let Err(e) = crate::objects::dict::merge_from(vm, &d, &other, false)
                            {
                                if vm.is_instance_of(&e, "TypeError")
                                    && !matches!(other, Value::Dict(_))
                                {
                                    let t = vm.type_name(&other);
                                    break 'instr vm
                                        .type_error(format!("'{t}' object is not a mapping"));
                                }
                                break 'instr e;
                            }
                        }
                    }
                    I::DictMerge(n) => {
                        let other = pop!();
                        let func = stack.get(stack.len().wrapping_sub(n as usize + 2)).cloned();
                        if let Some(Value::Dict(d)) = stack.get(stack.len() - n as usize).cloned() {
                            tri!(dict_merge(vm, &d, &other, func.as_ref()));
                        }
                    }
                    I::ListToTuple => {
                        let l = pop!();
                        let items = match &l {
                            Value::List(l) => l.snapshot(),
                            _ => Vec::new(),
                        };
                        push!(Value::Tuple(TupleObject::new(items)));
                    }
                    I::UnpackSequence(n) => {
                        let seq = pop!();
                        // Exact-size tuples and lists: straight onto the stack.
                        match &seq {
                            Value::Tuple(t) if t.items.len() == n as usize => {
                                stack.extend(t.items.iter().rev().cloned());
                                continue 'run;
                            }
                            Value::List(l) if l.len() == n as usize => {
                                stack.extend(l.items.borrow().iter().rev().cloned());
                                continue 'run;
                            }
                            _ => {}
                        }
                        let items = tri!(unpack(vm, &seq, n as usize, None));
                        stack.extend(items.into_iter().rev());
                    }
                    I::UnpackEx { before, after } => {
                        let seq = pop!();
                        let items = tri!(unpack(vm, &seq, before as usize, Some(after as usize)));
                        stack.extend(items.into_iter().rev());
                    }
                    I::FormatValue {
                        conversion,
                        with_spec,
                    } => {
                        let spec = if with_spec { Some(pop!()) } else { None };
                        let v = pop!();
                        let v = match conversion {
                            Conversion::None => v,
                            Conversion::Str => Value::str(&tri!(vm.str(&v))),
                            Conversion::Repr => Value::str(&tri!(vm.repr(&v))),
                            Conversion::Ascii => {
                                Value::str(&crate::builtins::ascii_of(&tri!(vm.repr(&v))))
                            }
                        };
                        let r = match (&v, &spec) {
                            (Value::Str(_), None) => v,
                            // format(v, '') may be a class's __format__.
                            (Value::Instance(_), None) => Value::str(&tri!(vm.format(&v, ""))),
                            _ => {
                                let spec = match &spec {
                                    Some(Value::Str(s)) => s.to_string(),
                                    _ => String::new(),
                                };
                                Value::str(&tri!(vm.format(&v, &spec)))
                            }
                        };
                        push!(r);
                    }

                    I::Jump(t) => jump!(t),
                    I::PopJumpIfFalse(t) => {
                        let v = pop!();
                        let b = match v {
                            Value::Bool(b) => {
                                std::mem::forget(v);
                                b
                            }
                            _ => tri!(vm.truthy(&v)),
                        };
                        if !b {
                            jump!(t);
                        }
                    }
                    I::PopJumpIfTrue(t) => {
                        let v = pop!();
                        let b = match v {
                            Value::Bool(b) => {
                                std::mem::forget(v);
                                b
                            }
                            _ => tri!(vm.truthy(&v)),
                        };
                        if b {
                            jump!(t);
                        }
                    }
                    I::JumpIfFalseOrPop(t) => {
                        let v = top!();
                        if !tri!(vm.truthy(&v)) {
                            ip = t as usize;
                        } else {
                            pop!().discard();
                        }
                    }
                    I::JumpIfTrueOrPop(t) => {
                        let v = top!();
                        if tri!(vm.truthy(&v)) {
                            ip = t as usize;
                        } else {
                            pop!().discard();
                        }
                    }
                    I::JumpIfNotExcMatch(t) => {
                        let right = pop!();
                        let left = pop!();
                        if !tri!(exception_matches(vm, &left, &right)) {
                            ip = t as usize;
                        }
                    }
                    I::GetIter => {
                        let v = pop!();
                        let it = tri!(vm.iter(&v));
                        push!(it);
                    }
                    I::ForIter(t) => {
                        let it = top!();
                        // A generator's frame runs as a frame of this loop.
                        if let Value::Generator(g) = &it {
                            resume_generator!(g.clone());
                        }
                        match tri!(vm.next(&it)) {
                            Some(v) => push!(v),
                            None => {
                                pop!();
                                ip = t as usize;
                            }
                        }
                    }

                    I::SetupFinally(t) => f.blocks.push(Block {
                        kind: BlockKind::SetupFinally,
                        handler: t,
                        level: stack.len() as u32,
                    }),
                    I::SetupWith(t) => {
                        let mgr = pop!();
                        let enter = tri!(special_method(vm, &mgr, Special::__enter__));
                        let exit = tri!(special_method(vm, &mgr, Special::__exit__));
                        push!(exit);
                        let r = tri!(vm.call(&enter, &[]));
                        f.blocks.push(Block {
                            kind: BlockKind::SetupFinally,
                            handler: t,
                            level: stack.len() as u32,
                        });
                        push!(r);
                    }
                    I::PopBlock => {
                        f.blocks.pop();
                    }
                    I::PopExcept => {
                        match f.blocks.pop() {
                            Some(b) if b.kind == BlockKind::ExceptHandler => {
                                // Pops exactly the saved state: a `return` value
                                // may sit below it (moved there by ROT_FOUR).
                                restore_exc_state(vm, &mut stack);
                            }
                            _ => {
                                break 'instr vm
                                    .system_error("popped block is not an except handler")
                            }
                        }
                    }
                    I::Reraise { .. } => {
                        let _t = pop!();
                        let value = pop!();
                        let _tb = pop!();
                        match value {
                            Value::Exception(e) => reraise!(e),
                            _ => break 'instr vm.runtime_error("No active exception to reraise"),
                        }
                    }
                    I::WithExceptStart => {
                        // Stack: exit, (saved exc state x3), tb, val, exc
                        let n = stack.len();
                        let exit = stack[n - 7].clone();
                        let args = [
                            stack[n - 1].clone(),
                            stack[n - 2].clone(),
                            stack[n - 3].clone(),
                        ];
                        let r = tri!(vm.call(&exit, &args));
                        push!(r);
                    }
                    I::RaiseVarargs(n) => {
                        let cause = if n == 2 { Some(pop!()) } else { None };
                        let exc = if n >= 1 { Some(pop!()) } else { None };
                        let bare = exc.is_none();
                        match do_raise(vm, exc, cause) {
                            // A bare `raise` resumes the handled exception's
                            // unwinding: no traceback entry for this line (as
                            // CPython's `do_raise` skips `PyTraceBack_Here`).
                            Ok(e) if bare => reraise!(e),
                            Ok(e) | Err(e) => break 'instr e,
                        }
                    }

                    I::CallFunction(argc) => {
                        let base = stack.len() - argc as usize - 1;
                        let func = stack[base].clone();
                        if let Some(v) = frame_introspection(f, &func, argc) {
                            truncate_stack(&mut stack, base);
                            push!(v);
                            continue 'run;
                        }
                        if argc == 0
                            && matches!(&func, Value::Type(t) if Rc::ptr_eq(t, &vm.types.super_))
                        {
                            let s = tri!(zero_arg_super(vm, f));
                            truncate_stack(&mut stack, base);
                            push!(s);
                            continue 'run;
                        }
                        if let Some((c, frame)) =
                            crate::consumers::for_call(vm, &func, &stack[base + 1..])
                        {
                            truncate_stack(&mut stack, base);
                            consume_generator!(c, frame);
                        }
                        let result = call_from_stack(vm, &func, &stack[base + 1..], &[]);
                        truncate_stack(&mut stack, base);
                        match tri!(result) {
                            CallOutcome::Value(v) => push!(v),
                            CallOutcome::Frame(frame) => {
                                save_ip!();
                                enter_frame!(frame);
                            }
                        }
                    }
                    I::CallFunctionKw(argc) => {
                        let names = pop!();
                        let base = stack.len() - argc as usize - 1;
                        let func = stack[base].clone();
                        let kwnames: &[Value] = match &names {
                            Value::Tuple(t) => &t.items,
                            _ => &[],
                        };
                        let result = call_from_stack(vm, &func, &stack[base + 1..], kwnames);
                        truncate_stack(&mut stack, base);
                        match tri!(result) {
                            CallOutcome::Value(v) => push!(v),
                            CallOutcome::Frame(frame) => {
                                save_ip!();
                                enter_frame!(frame);
                            }
                        }
                    }
                    I::CallFunctionEx { with_kwargs } => {
                        let kwargs = if with_kwargs { Some(pop!()) } else { None };
                        let posargs = pop!();
                        let func = pop!();
                        let mut values = match &posargs {
                            Value::Tuple(t) => t.items.to_vec(),
                            other => match vm.collect(other) {
                                Ok(v) => v,
                                Err(e) => {
                                    if vm.is_instance_of(&e, "TypeError")
                                        && is_not_iterable(vm, other)
                                    {
                                        let t = vm.type_name(other);
                                        let fname = callable_name(vm, &func);
                                        break 'instr vm.type_error(format!(
                                            "{fname} argument after * must be an iterable, not {t}"
                                        ));
                                    }
                                    break 'instr e;
                                }
                            },
                        };
                        let mut kwnames = Vec::new();
                        if let Some(Value::Dict(d)) = &kwargs {
                            for e in d.entries() {
                                if !matches!(e.key, Value::Str(_)) {
                                    break 'instr vm.type_error("keywords must be strings");
                                }
                                kwnames.push(e.key);
                                values.push(e.value);
                            }
                        }
                        let result = call_from_stack(vm, &func, &values, &kwnames);
                        match tri!(result) {
                            CallOutcome::Value(v) => push!(v),
                            CallOutcome::Frame(frame) => {
                                save_ip!();
                                enter_frame!(frame);
                            }
                        }
                    }
                    I::CallMethod(argc) => {
                        let base = stack.len() - argc as usize - 2;
                        let (func, first) = if is_no_self_marker(&stack[base]) {
                            (stack[base + 1].clone(), base + 2)
                        } else {
                            (stack[base].clone(), base + 1)
                        };
                        if let Some((c, frame)) =
                            crate::consumers::for_call(vm, &func, &stack[first..])
                        {
                            truncate_stack(&mut stack, base);
                            consume_generator!(c, frame);
                        }
                        if let Some(r) =
                            call_found_method(vm, &func, &stack[first..], first == base + 1)
                        {
                            truncate_stack(&mut stack, base);
                            push!(tri!(r));
                            continue 'run;
                        }
                        let result = call_from_stack(vm, &func, &stack[first..], &[]);
                        truncate_stack(&mut stack, base);
                        match tri!(result) {
                            CallOutcome::Value(v) => push!(v),
                            CallOutcome::Frame(frame) => {
                                save_ip!();
                                enter_frame!(frame);
                            }
                        }
                    }
                    I::MakeFunction(flags) => {
                        let qualname = pop!();
                        let code_v = pop!();
                        let closure = if flags & mf::CLOSURE != 0 {
                            Some(pop!())
                        } else {
                            None
                        };
                        let annotations = if flags & mf::ANNOTATIONS != 0 {
                            Some(pop!())
                        } else {
                            None
                        };
                        let kwdefaults = if flags & mf::KWDEFAULTS != 0 {
                            Some(pop!())
                        } else {
                            None
                        };
                        let defaults = if flags & mf::DEFAULTS != 0 {
                            Some(pop!())
                        } else {
                            None
                        };
                        let Value::Code(fcode) = code_v else {
                            break 'instr vm.system_error("MAKE_FUNCTION without a code object");
                        };
                        let func = make_function(
                            vm,
                            f,
                            fcode,
                            qualname,
                            defaults,
                            kwdefaults,
                            annotations,
                            closure,
                        );
                        push!(Value::Function(func));
                    }
                    I::ReturnValue => {
                        let v = pop!();
                        save_ip!();
                        if frames.len() == 1 {
                            return Exit::Return(v);
                        }
                        // Back to the caller in this loop (see `run_frames`
                        // for the bottom frame's return).
                        vm.call_records.pop();
                        let mut hook = ReturnHook::None;
                        if let Some(mut done) = frames.pop() {
                            hook = std::mem::take(&mut done.on_return);
                            Frame::recycle(vm, done);
                        }
                        switch_to_top!();
                        if crate::finalize::pending() {
                            crate::finalize::run(vm, Some((&code, &f.globals, f.lasti)));
                        }
                        vm.leave_recursion();
                        ip = f.ip;
                        std::mem::swap(&mut f.stack, &mut stack);
                        let v = match hook {
                            ReturnHook::None => v,
                            ReturnHook::InitInstance(obj) => {
                                vm.leave_recursion();
                                if !v.is_none() {
                                    let t = vm.type_name(&v);
                                    break 'instr vm.type_error(format!(
                                        "__init__() should return None, not '{t}'"
                                    ));
                                }
                                obj
                            }
                            ReturnHook::BinaryOp(op, a, b) => {
                                if matches!(v, Value::NotImplemented) {
                                    break 'instr vm.binary_error(op, &a, &b, "");
                                }
                                v
                            }
                            ReturnHook::Consume(c) => {
                                c.gen.finish_inline(vm, None);
                                tri!(c.finish(vm))
                            }
                            ReturnHook::Generator(g) => {
                                g.finish_inline(vm, None);
                                // The caller's FOR_ITER finds it exhausted.
                                match ops.get(f.lasti) {
                                    // The caller's FOR_ITER finds it exhausted.
                                    Some(&I::ForIter(t)) | Some(&I::ForIterStoreFast(_, t)) => {
                                        pop!().discard();
                                        ip = t as usize;
                                    }
                                    // The delegating generator's `yield from`
                                    // evaluates to the return value.
                                    Some(&I::YieldFrom) => {
                                        if let Some(slot) = stack.last_mut() {
                                            *slot = v;
                                        }
                                    }
                                    _ => {
                                        break 'instr vm.system_error(
                                            "generator frame not run by FOR_ITER or YIELD_FROM",
                                        )
                                    }
                                }
                                continue 'run;
                            }
                        };
                        push!(v);
                    }

                    I::GenStart(_) => {
                        // The value sent by the first resume (always None).
                        pop!();
                    }
                    I::YieldValue => {
                        let v = pop!();
                        save_ip!();
                        yield_value!(v);
                    }
                    I::LoadBuildClass => {
                        let key = vm.intern("__build_class__");
                        match f.builtins.get_str(&key) {
                            Some(b) => push!(b),
                            None => {
                                break 'instr vm.new_error("NameError", "__build_class__ not found")
                            }
                        }
                    }
                    I::YieldFrom => {
                        let v = pop!();
                        // `yield from` a plain generator in a plain generator:
                        // the delegate's frame runs as a frame of this loop.
                        if v.is_none() && code.flags() & code_flags::GENERATOR != 0 {
                            let sub = match stack.last() {
                                Some(Value::Generator(g)) => Some(g.clone()),
                                _ => None,
                            };
                            if let Some(g) = sub {
                                resume_generator!(g);
                            }
                        }
                        let receiver = top!();
                        match tri!(generator::iter_send(vm, &receiver, v)) {
                            GenStep::Returned(r) => {
                                if let Some(slot) = stack.last_mut() {
                                    *slot = r;
                                }
                            }
                            GenStep::Yielded(y) | GenStep::Awaiting(y) => {
                                // Re-run this YIELD_FROM when resumed.
                                ip -= 1;
                                save_ip!();
                                yield_value!(y);
                            }
                        }
                    }
                    I::GetYieldFromIter => {
                        let v = top!();
                        match &v {
                            Value::Generator(g) if g.kind == GenKind::Generator => {}
                            Value::Generator(g) if g.kind == GenKind::Coroutine => {
                                if code.flags()
                                    & (code_flags::COROUTINE | code_flags::ITERABLE_COROUTINE)
                                    == 0
                                {
                                    break 'instr vm.type_error(
                                        "cannot 'yield from' a coroutine object in a non-coroutine generator",
                                    );
                                }
                            }
                            _ => {
                                let it = tri!(vm.iter(&v));
                                if let Some(slot) = stack.last_mut() {
                                    *slot = it;
                                }
                            }
                        }
                    }
                    I::GetAwaitable(_) => {
                        let v = pop!();
                        let it = match generator::awaitable_iter(vm, &v) {
                            Ok(it) => it,
                            Err(e) => break 'instr awaitable_error(vm, &v, ops, ip, e),
                        };
                        if let Value::Generator(g) = &it {
                            if g.kind == GenKind::Coroutine && g.delegate().is_some() {
                                break 'instr vm
                                    .runtime_error("coroutine is being awaited already");
                            }
                        }
                        push!(it);
                    }
                    I::GetAiter => {
                        let obj = pop!();
                        let it = tri!(async_iter(vm, &obj));
                        push!(it);
                    }
                    I::GetAnext => {
                        let aiter = top!();
                        let awaitable = tri!(async_next(vm, &aiter));
                        push!(awaitable);
                    }
                    I::EndAsyncFor => {
                        let exc_type = pop!();
                        let stop = vm.exception_type("StopAsyncIteration");
                        if matches!(&exc_type, Value::Type(t) if t.is_subtype(&stop)) {
                            // The loop ended: drop the handler state and the iterator.
                            match f.blocks.pop() {
                                Some(b) if b.kind == BlockKind::ExceptHandler => {
                                    stack.truncate(b.level as usize + 3);
                                    restore_exc_state(vm, &mut stack);
                                    pop!();
                                }
                                _ => {
                                    break 'instr vm
                                        .system_error("popped block is not an except handler")
                                }
                            }
                        } else {
                            let value = pop!();
                            let _tb = pop!();
                            match value {
                                Value::Exception(e) => reraise!(e),
                                _ => {
                                    break 'instr vm
                                        .system_error("END_ASYNC_FOR without an exception")
                                }
                            }
                        }
                    }
                    I::BeforeAsyncWith => {
                        let mgr = pop!();
                        let enter = tri!(special_method(vm, &mgr, Special::__aenter__));
                        let exit = tri!(special_method(vm, &mgr, Special::__aexit__));
                        push!(exit);
                        let r = tri!(vm.call(&enter, &[]));
                        push!(r);
                    }
                    I::SetupAsyncWith(t) => {
                        let r = pop!();
                        f.blocks.push(Block {
                            kind: BlockKind::SetupFinally,
                            handler: t,
                            level: stack.len() as u32,
                        });
                        push!(r);
                    }
                    I::GetLen => {
                        let v = top!();
                        let n = tri!(vm.len(&v));
                        push!(Value::Int(n as i64));
                    }
                    I::MatchMapping => {
                        let is = pattern::is_mapping(vm, &top!());
                        push!(Value::Bool(is));
                    }
                    I::MatchSequence => {
                        let is = pattern::is_sequence(vm, &top!());
                        push!(Value::Bool(is));
                    }
                    I::MatchKeys => {
                        let n = stack.len();
                        let (subject, keys) = (stack[n - 2].clone(), stack[n - 1].clone());
                        match tri!(pattern::match_keys(vm, &subject, &keys)) {
                            Some(values) => {
                                push!(values);
                                push!(Value::Bool(true));
                            }
                            None => {
                                push!(Value::None);
                                push!(Value::Bool(false));
                            }
                        }
                    }
                    I::CopyDictWithoutKeys => {
                        let n = stack.len();
                        let (subject, keys) = (stack[n - 2].clone(), stack[n - 1].clone());
                        let rest = tri!(pattern::copy_without_keys(vm, &subject, &keys));
                        stack[n - 1] = rest;
                    }
                    I::MatchClass(count) => {
                        let names = pop!();
                        let n = stack.len();
                        let (subject, cls) = (stack[n - 2].clone(), stack[n - 1].clone());
                        match tri!(pattern::match_class(
                            vm,
                            &subject,
                            &cls,
                            count as usize,
                            &names
                        )) {
                            Some(attrs) => {
                                stack[n - 2] = attrs;
                                stack[n - 1] = Value::Bool(true);
                            }
                            None => stack[n - 1] = Value::Bool(false),
                        }
                    }
                    I::ImportName(i) => {
                        let fromlist = pop!();
                        let level = pop!();
                        let name = code.names[i as usize].clone();
                        let m = tri!(import_name(vm, f, &name, fromlist, level));
                        push!(m);
                    }
                    I::ImportFrom(i) => {
                        let module = top!();
                        let name = code.names[i as usize].clone();
                        let v = tri!(vm.import_from(&module, &name));
                        push!(v);
                    }
                    I::ImportStar => {
                        let module = pop!();
                        let Some(locals) = f.locals.clone() else {
                            if f.locals_mapping.is_some() {
                                break 'instr vm.not_implemented_error(
                                    "'import *' into a class namespace that is not a dict",
                                );
                            }
                            break 'instr vm.system_error("no locals found during 'import *'");
                        };
                        tri!(vm.import_star(&module, &locals));
                    }
                    I::SetupAnnotations => {
                        if let Some(l) = &f.locals {
                            let key = vm.intern("__annotations__");
                            if l.get_str(&key).is_none() {
                                l.set_str(key, Value::Dict(DictObject::new()));
                            }
                        } else if let Some(m) = f.locals_mapping.clone() {
                            let key = vm.intern("__annotations__");
                            if tri!(mapping_get_name(vm, &m, &key)).is_none() {
                                let empty = Value::Dict(DictObject::new());
                                tri!(vm.set_item(&m, &Value::Str(key), empty));
                            }
                        }
                    }
                    I::PrintExpr => {
                        let v = pop!();
                        let key = vm.intern("displayhook");
                        let Some(hook) = vm.sys.dict.get_str(&key) else {
                            break 'instr vm.new_error("RuntimeError", "lost sys.displayhook");
                        };
                        tri!(vm.call(&hook, &[v]));
                    }
                }
                continue 'run;
            }
        };
        // An instruction of this frame raised `err`.
        save_ip!();
        if std::mem::take(&mut interrupted_at_entry) {
            f.lasti = f.ip;
        }
        let mut outcome = if std::mem::take(&mut reraising) {
            unwind(vm, f, err)
        } else {
            raise_in_frame(vm, f, err)
        };
        // A frame without a handler passes the exception to its caller, which
        // records itself in the traceback and looks for a handler in turn.
        while let Err(mut e) = outcome {
            if frames.len() == 1 {
                return Exit::Error(e);
            }
            if let Some(mut done) = frames.pop() {
                let hook = std::mem::take(&mut done.on_return);
                if let ReturnHook::InitInstance(_) = hook {
                    vm.leave_recursion();
                }
                if let Some(g) = hook.inline_generator() {
                    if let Some(converted) = g.finish_inline(vm, Some(e.clone())) {
                        e = converted;
                    }
                }
            }
            vm.call_records.pop();
            vm.leave_recursion();
            switch_to_top!();
            add_traceback(f, &e);
            outcome = unwind(vm, f, e);
        }
        // Unwinding moved execution to the handler.
        ip = f.ip;
        std::mem::swap(&mut f.stack, &mut stack);
    }
}

/// `UNWIND_EXCEPT_HANDLER`'s last step: pop the saved exception state
/// (type, value, traceback) an except handler pushed and make it current.
fn restore_exc_state(vm: &mut Vm, stack: &mut Vec<Value>) {
    let _t = stack.pop();
    let value = stack.pop().unwrap_or_default();
    let _tb = stack.pop();
    vm.handled = if value.is_none() { None } else { Some(value) };
}

/// CPython's `exception_unwind`: pop blocks until a `SETUP_FINALLY` handler,
/// push the saved and the new exception state, and jump to the handler.
fn unwind(vm: &mut Vm, f: &mut Frame, e: PyErr) -> Result<(), PyErr> {
    while let Some(b) = f.blocks.pop() {
        if b.kind == BlockKind::ExceptHandler {
            f.stack.truncate(b.level as usize + 3);
            restore_exc_state(vm, &mut f.stack);
            continue;
        }
        f.stack.truncate(b.level as usize);
        f.blocks.push(Block {
            kind: BlockKind::ExceptHandler,
            handler: 0,
            level: f.stack.len() as u32,
        });
        let prev = vm.handled.take();
        let (prev_tb, prev_type) = match &prev {
            Some(Value::Exception(p)) => (
                p.traceback
                    .borrow()
                    .clone()
                    .map_or(Value::None, Value::Traceback),
                Value::Type(p.class.clone()),
            ),
            _ => (Value::None, Value::None),
        };
        f.stack.push(prev_tb);
        f.stack.push(prev.unwrap_or_default());
        f.stack.push(prev_type);
        let tb = e
            .traceback
            .borrow()
            .clone()
            .map_or(Value::None, Value::Traceback);
        f.stack.push(tb);
        f.stack.push(Value::Exception(e.clone()));
        f.stack.push(exc_type_value(&e));
        vm.handled = Some(Value::Exception(e));
        f.ip = b.handler as usize;
        return Ok(());
    }
    Err(e)
}

/// `PUSH()`: `Vec::push` without the call. In the eval loop LLVM stopped
/// inlining `Vec::push` at most of its 69 sites once the loop grew (63
/// out-of-line calls to `push_mut`; fib(22) went from 74.6M to 75.9M
/// instructions with `push_mut` alone at 11M), so the loop has its own.
#[inline(always)]
fn push_value(stack: &mut Vec<Value>, v: Value) {
    if stack.len() == stack.capacity() {
        grow_stack(stack);
    }
    let len = stack.len();
    // SAFETY: `len < capacity` (checked above, growing if needed), so slot
    // `len` is allocated, uninitialised spare capacity: writing a value
    // there and then counting it in the length is exactly `Vec::push`, and
    // the Vec stays valid at every step (the length covers only written
    // slots).
    unsafe {
        Value::write_words(stack.as_mut_ptr().add(len), v);
        stack.set_len(len + 1);
    }
}

/// `POP()`: `Vec::pop`, reading the value as two words (see
/// `Value::read_words`).
#[inline(always)]
fn pop_value(stack: &mut Vec<Value>) -> Value {
    let len = stack.len();
    if len == 0 {
        return Value::None;
    }
    // SAFETY: slot `len - 1` holds an initialised value; shortening the
    // length first makes the read a move out of spare capacity (exactly
    // `Vec::pop`), and `read_words` reads it as `ptr::read` would.
    unsafe {
        stack.set_len(len - 1);
        Value::read_words(stack.as_ptr().add(len - 1))
    }
}

/// Pop down to `len` (a call's function and arguments), skipping the drop
/// glue for unboxed values (`Vec::truncate` calls it for every slot).
#[inline(always)]
fn truncate_stack(stack: &mut Vec<Value>, len: usize) {
    while stack.len() > len {
        if let Some(v) = stack.pop() {
            v.discard();
        }
    }
}

#[cold]
#[inline(never)]
fn grow_stack(stack: &mut Vec<Value>) {
    stack.reserve(1);
}

fn rot(stack: &mut [Value], n: usize) {
    let len = stack.len();
    if n >= 2 && n <= len {
        stack[len - n..].rotate_right(1);
    }
}

/// Arithmetic on unboxed ints and floats without leaving the loop; `None`
/// sends everything else (overflow, division by zero, other types) to the
/// general protocol.
#[inline(always)]
pub(crate) fn fast_number_op(
    op: pyvm_loader::instruction::BinaryOp,
    a: &Value,
    b: &Value,
) -> Option<Value> {
    use pyvm_loader::instruction::BinaryOp as B;
    let (x, y) = match (a, b) {
        (Value::Int(x), Value::Int(y)) => {
            let (x, y) = (*x, *y);
            return Some(Value::Int(match op {
                B::Add => x.checked_add(y)?,
                B::Subtract => x.checked_sub(y)?,
                B::Multiply => x.checked_mul(y)?,
                B::FloorDivide if y > 0 && x >= 0 => x / y,
                B::Modulo if y > 0 && x >= 0 => x % y,
                B::And => x & y,
                B::Or => x | y,
                B::Xor => x ^ y,
                _ => return None,
            }));
        }
        (Value::Float(x), Value::Float(y)) => (*x, *y),
        // Ints below 2**53 convert to float exactly.
        (Value::Float(x), Value::Int(y)) if y.unsigned_abs() < (1 << 53) => (*x, *y as f64),
        (Value::Int(x), Value::Float(y)) if x.unsigned_abs() < (1 << 53) => (*x as f64, *y),
        _ => return None,
    };
    Some(Value::Float(match op {
        B::Add => x + y,
        B::Subtract => x - y,
        B::Multiply => x * y,
        B::TrueDivide if y != 0.0 => x / y,
        _ => return None,
    }))
}

#[inline]
fn compare_ord(op: pyvm_loader::instruction::CompareOp, o: std::cmp::Ordering) -> bool {
    use pyvm_loader::instruction::CompareOp as C;
    use std::cmp::Ordering::*;
    match op {
        C::Lt => o == Less,
        C::Le => o != Greater,
        C::Eq => o == Equal,
        C::Ne => o != Equal,
        C::Gt => o == Greater,
        C::Ge => o != Less,
    }
}

#[inline]
fn compare_floats(op: pyvm_loader::instruction::CompareOp, x: f64, y: f64) -> bool {
    use pyvm_loader::instruction::CompareOp as C;
    match op {
        C::Lt => x < y,
        C::Le => x <= y,
        C::Eq => x == y,
        C::Ne => x != y,
        C::Gt => x > y,
        C::Ge => x >= y,
    }
}

/// A Python index into a sequence of `len` items, if in range.
#[inline]
fn seq_slot(i: i64, len: usize) -> Option<usize> {
    let i = if i < 0 { i + len as i64 } else { i };
    (0..len as i64).contains(&i).then_some(i as usize)
}

fn unbound_local(vm: &mut Vm, code: &crate::objects::CodeObject, i: usize) -> PyErr {
    let name = &code.varnames[i];
    vm.new_error(
        "UnboundLocalError",
        format!("local variable '{name}' referenced before assignment"),
    )
}

fn unbound_deref(vm: &mut Vm, code: &crate::objects::CodeObject, i: usize) -> PyErr {
    let name = &code.derefs[i];
    if i < code.n_cells() {
        vm.new_error(
            "UnboundLocalError",
            format!("local variable '{name}' referenced before assignment"),
        )
    } else {
        vm.name_error(format!(
            "free variable '{name}' referenced before assignment in enclosing scope"
        ))
    }
}

fn is_not_iterable(vm: &mut Vm, v: &Value) -> bool {
    vm.iter(v).is_err()
}

/// `mapping[name]` for the name instructions over a non-dict namespace: a
/// KeyError means "not here" (look further), other errors propagate.
fn mapping_get_name(vm: &mut Vm, m: &Value, name: &Rc<StrObject>) -> PyResult<Option<Value>> {
    match vm.get_item(m, &Value::Str(name.clone())) {
        Ok(v) => Ok(Some(v)),
        Err(e) if vm.is_instance_of(&e, "KeyError") => Ok(None),
        Err(e) => Err(e),
    }
}

/// `_PyObject_FunctionStr`: `module.qualname()` for functions outside builtins.
fn callable_name(vm: &mut Vm, func: &Value) -> String {
    match func {
        Value::Function(f) => match &*f.module.borrow() {
            Value::Str(m) if !m.eq_ascii("builtins") => format!("{m}.{}()", f.qualname.borrow()),
            _ => format!("{}()", f.qualname.borrow()),
        },
        Value::Builtin(b) => format!("{}()", b.name),
        Value::Type(t) => match &*t.module.borrow() {
            Value::Str(m) if !m.eq_ascii("builtins") => format!("{m}.{}()", t.qualname.borrow()),
            _ => format!("{}()", t.qualname.borrow()),
        },
        other => {
            let t = vm.type_name(other);
            format!("{t} object")
        }
    }
}

fn build_string(parts: &[Value]) -> Rc<StrObject> {
    if parts
        .iter()
        .all(|p| matches!(p, Value::Str(s) if s.is_ascii()))
    {
        let ascii = || parts.iter().filter_map(|p| p.as_str()?.as_ascii());
        let mut s = String::with_capacity(ascii().map(str::len).sum());
        for x in ascii() {
            s.push_str(x);
        }
        return StrObject::from_ascii_string(&s);
    }
    let mut cps = Vec::new();
    for p in parts {
        if let Value::Str(x) = p {
            cps.extend(x.chars());
        }
    }
    StrObject::from_code_points(&cps)
}

/// Unpack exactly `before` items (and, with a star target, a list of the
/// middle and `after` trailing items), in source order.
fn unpack(vm: &mut Vm, seq: &Value, before: usize, after: Option<usize>) -> PyResult<Vec<Value>> {
    let items = match seq {
        Value::Tuple(t) => t.items.to_vec(),
        Value::List(l) => l.snapshot(),
        other => {
            let it = match vm.iter(other) {
                Ok(it) => it,
                Err(e) => {
                    if vm.is_instance_of(&e, "TypeError") {
                        let t = vm.type_name(other);
                        return Err(vm.type_error(format!("cannot unpack non-iterable {t} object")));
                    }
                    return Err(e);
                }
            };
            let mut v = Vec::new();
            while let Some(x) = vm.next(&it)? {
                v.push(x);
                if after.is_none() && v.len() > before {
                    break;
                }
            }
            v
        }
    };
    match after {
        None => {
            if items.len() < before {
                return Err(vm.value_error(format!(
                    "not enough values to unpack (expected {before}, got {})",
                    items.len()
                )));
            }
            if items.len() > before {
                return Err(
                    vm.value_error(format!("too many values to unpack (expected {before})"))
                );
            }
            Ok(items)
        }
        Some(after) => {
            if items.len() < before + after {
                return Err(vm.value_error(format!(
                    "not enough values to unpack (expected at least {}, got {})",
                    before + after,
                    items.len()
                )));
            }
            let mut out = Vec::with_capacity(before + after + 1);
            let mid_end = items.len() - after;
            let mut it = items.into_iter();
            for _ in 0..before {
                out.push(it.next().unwrap_or_default());
            }
            let middle: Vec<Value> = (&mut it).take(mid_end - before).collect();
            out.push(Value::list(middle));
            out.extend(it);
            Ok(out)
        }
    }
}

fn dict_merge(vm: &mut Vm, d: &DictObject, other: &Value, func: Option<&Value>) -> PyResult<()> {
    let fname = match func {
        Some(f) => callable_name(vm, f),
        None => "function".to_string(),
    };
    let entries: Vec<(Value, Value)> = match other {
        Value::Dict(o) => o.entries().into_iter().map(|e| (e.key, e.value)).collect(),
        _ => {
            let keys = match vm.get_attr_opt(other, "keys")? {
                Some(k) => vm.call(&k, &[])?,
                None => {
                    let t = vm.type_name(other);
                    return Err(vm.type_error(format!(
                        "{fname} argument after ** must be a mapping, not {t}"
                    )));
                }
            };
            let mut out = Vec::new();
            for k in vm.collect(&keys)? {
                let v = vm.get_item(other, &k)?;
                out.push((k, v));
            }
            out
        }
    };
    for (k, v) in entries {
        // Non-string keys are rejected later, by the call itself.
        if d.contains(vm, &k)? {
            let ks = vm.str(&k)?;
            return Err(vm.type_error(format!(
                "{fname} got multiple values for keyword argument '{ks}'"
            )));
        }
        d.set(vm, k, v)?;
    }
    Ok(())
}

/// `except E:` matching: `E` may be a class or a tuple of classes.
fn exception_matches(vm: &mut Vm, exc_type: &Value, pattern: &Value) -> PyResult<bool> {
    let check = |vm: &mut Vm, p: &Value| -> PyResult<bool> {
        match p {
            Value::Type(t) if t.is_subtype(&vm.exception_type("BaseException")) => match exc_type {
                Value::Type(e) => Ok(e.is_subtype(t)),
                _ => Ok(false),
            },
            _ => Err(vm.type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    };
    match pattern {
        Value::Tuple(t) => {
            for p in t.items.iter() {
                if check(vm, p)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        p => check(vm, p),
    }
}

/// `raise`, `raise exc`, `raise exc from cause`: the exception to propagate.
fn do_raise(vm: &mut Vm, exc: Option<Value>, cause: Option<Value>) -> PyResult<PyErr> {
    let Some(exc) = exc else {
        // Bare `raise`: re-raise the exception being handled.
        return match vm.topmost_handled() {
            Some(Value::Exception(e)) => Ok(e.clone()),
            _ => Err(vm.runtime_error("No active exception to reraise")),
        };
    };
    let e = match exc {
        Value::Exception(e) => e,
        Value::Type(t) if t.is_subtype(&vm.exception_type("BaseException")) => {
            match vm.call(&Value::Type(t.clone()), &[])? {
                Value::Exception(e) => e,
                _ => {
                    return Err(
                        vm.type_error("calling the exception class did not return an exception")
                    )
                }
            }
        }
        _ => return Err(vm.type_error("exceptions must derive from BaseException")),
    };
    if let Some(cause) = cause {
        let cause = match cause {
            Value::None => None,
            Value::Exception(c) => Some(Value::Exception(c)),
            Value::Type(t) if t.is_subtype(&vm.exception_type("BaseException")) => {
                Some(vm.call(&Value::Type(t.clone()), &[])?)
            }
            _ => return Err(vm.type_error("exception causes must derive from BaseException")),
        };
        *e.cause.borrow_mut() = cause;
        e.suppress_context.set(true);
    }
    // The exception being handled (if any) becomes the context; without one,
    // a context set earlier (by hand, or by an earlier raise) stays.
    chain_context(vm, &e);
    Ok(e)
}

/// Look up `__enter__`/`__exit__` on a context manager's type.
/// A special method as the `with` statement finds it: on the type, bound
/// to the object (an instance attribute of the same name does not count).
fn special_method(vm: &mut Vm, obj: &Value, name: Special) -> PyResult<Value> {
    let key = vm.special_name(name);
    let cls = vm.type_of(obj).clone();
    match vm.lookup_type(&cls, &key) {
        Some(m) => vm.descr_get(m, Some(obj), &cls),
        None => Err(vm.attribute_error(name.name())),
    }
}

#[allow(clippy::too_many_arguments)]
fn make_function(
    vm: &mut Vm,
    f: &Frame,
    code: Rc<crate::objects::CodeObject>,
    qualname: Value,
    defaults: Option<Value>,
    kwdefaults: Option<Value>,
    annotations: Option<Value>,
    closure: Option<Value>,
) -> Rc<FunctionObject> {
    let name = code.name.clone();
    let qualname = match qualname {
        Value::Str(s) => s,
        _ => name.clone(),
    };
    // 3.10 puts the docstring (or None) first among a function's constants.
    let doc = match code.consts.first() {
        Some(Value::Str(s)) => Value::Str(s.clone()),
        _ => Value::None,
    };
    let module = f
        .globals
        .get_str(&vm.intern("__name__"))
        .unwrap_or_default();
    let annotations = annotations.map(|a| match a {
        Value::Tuple(t) => {
            // 3.10 passes annotations as a flat (name, value, ...) tuple.
            let d = DictObject::new();
            let mut it = t.items.iter();
            while let (Some(Value::Str(k)), Some(v)) = (it.next(), it.next()) {
                d.set_str(k.clone(), v.clone());
            }
            Value::Dict(d)
        }
        other => other,
    });
    Rc::new(FunctionObject {
        code,
        globals: f.globals.clone(),
        name: std::cell::RefCell::new(name),
        qualname: std::cell::RefCell::new(qualname),
        defaults: std::cell::RefCell::new(match defaults {
            Some(Value::Tuple(t)) => Some(t),
            _ => None,
        }),
        kwdefaults: std::cell::RefCell::new(match kwdefaults {
            Some(Value::Dict(d)) => Some(d),
            _ => None,
        }),
        closure: match closure {
            Some(Value::Tuple(t)) => Some(t),
            _ => None,
        },
        annotations: std::cell::RefCell::new(annotations),
        doc: std::cell::RefCell::new(doc),
        module: std::cell::RefCell::new(module),
        dict: std::cell::RefCell::new(None),
    })
}

pub enum CallOutcome {
    Value(Value),
    Frame(Box<Frame>),
}

/// Call from the eval loop: Python functions become frames (no Rust recursion).
fn call_from_stack(
    vm: &mut Vm,
    func: &Value,
    values: &[Value],
    kwnames: &[Value],
) -> PyResult<CallOutcome> {
    let args = Args::with_kwargs(values, kwnames);
    match func {
        Value::Function(fo) => {
            let frame = bind_call(vm, fo, args)?;
            Ok(
                match crate::objects::generator::maybe_generator(fo, frame) {
                    Ok(generator) => CallOutcome::Value(generator),
                    Err(frame) => CallOutcome::Frame(frame),
                },
            )
        }
        Value::Method(m) => {
            if let Value::Function(fo) = &m.func {
                let all = crate::call::with_receiver(&m.receiver, values);
                let frame = bind_call(vm, fo, Args::with_kwargs(&all, kwnames))?;
                return Ok(
                    match crate::objects::generator::maybe_generator(fo, frame) {
                        Ok(generator) => CallOutcome::Value(generator),
                        Err(frame) => CallOutcome::Frame(frame),
                    },
                );
            }
            Ok(CallOutcome::Value(call_native(vm, func, args)?))
        }
        Value::Type(cls) if cls.heap => {
            // A class call counts a level for the call of the class (as
            // CPython's `_PyObject_MakeTpCall`) and one for `__init__`'s frame.
            vm.enter_recursion(" while calling a Python object")?;
            let prepared = crate::builtins::classes::instance_for_python_init(vm, cls, args);
            let (obj, init) = match prepared {
                Ok(Some(p)) => p,
                Ok(None) => {
                    let r = vm.call_args(func, args);
                    vm.leave_recursion();
                    return Ok(CallOutcome::Value(r?));
                }
                Err(e) => {
                    vm.leave_recursion();
                    return Err(e);
                }
            };
            let all = crate::call::with_receiver(&obj, values);
            match bind_call(vm, &init, Args::with_kwargs(&all, kwnames)) {
                Ok(mut frame) => {
                    frame.on_return = ReturnHook::InitInstance(obj);
                    Ok(CallOutcome::Frame(frame))
                }
                Err(e) => {
                    vm.leave_recursion();
                    Err(e)
                }
            }
        }
        _ => Ok(CallOutcome::Value(call_native(vm, func, args)?)),
    }
}

/// `CALL_METHOD` of a native method that `LOAD_METHOD` found on the
/// receiver's class (`d.append(x)`), called directly when the receiver is
/// an instance of the method's owner (what the general call checks).
/// `None` for every other call.
fn call_found_method(
    vm: &mut Vm,
    func: &Value,
    values: &[Value],
    with_self: bool,
) -> Option<PyResult<Value>> {
    let Value::Builtin(b) = func else {
        return None;
    };
    let receiver = values.first()?;
    if !with_self
        || b.kind != crate::objects::function::NativeKind::Method
        || b.bound.is_some()
        || crate::slots::extends_builtin(receiver)
        || !vm.owns_method(b, receiver)
    {
        return None;
    }
    if let Err(e) = vm.enter_recursion(" while calling a Python object") {
        return Some(Err(e));
    }
    let r = (b.func)(vm, Args::new(values));
    vm.leave_recursion();
    Some(r)
}

/// A call of anything but a Python function counts toward the recursion
/// limit, as CPython's C-level calls do (so recursion through `len()`, a
/// class call or a special method costs two levels per step, as there).
fn call_native(vm: &mut Vm, func: &Value, args: Args) -> PyResult<Value> {
    vm.enter_recursion(" while calling a Python object")?;
    let r = vm.call_args(func, args);
    vm.leave_recursion();
    r
}

thread_local! {
    /// Marks "no self" in the `LOAD_METHOD`/`CALL_METHOD` protocol (CPython
    /// pushes NULL); a private object so no user value can be mistaken for it.
    static NO_SELF: Value = Value::Cell(CellObject::new(None));
}

fn is_no_self_marker(v: &Value) -> bool {
    NO_SELF.with(|m| m.is(v))
}

/// Run a function object called from native code.
pub fn call_function(vm: &mut Vm, func: &Rc<FunctionObject>, args: Args) -> PyResult<Value> {
    let frame = bind_call(vm, func, args)?;
    match crate::objects::generator::maybe_generator(func, frame) {
        Ok(generator) => Ok(generator),
        Err(frame) => run_frame(vm, frame),
    }
}

/// `await`'s error for an object with no `__await__`, reworded when the
/// object came from an `async with`'s `__aenter__`/`__aexit__`
/// (`format_awaitable_error`, which looks at the preceding instructions).
fn awaitable_error(vm: &mut Vm, obj: &Value, ops: &[I], ip: usize, e: PyErr) -> PyErr {
    let prev = ip.checked_sub(2).and_then(|i| ops.get(i));
    let prevprev = ip.checked_sub(3).and_then(|i| ops.get(i));
    let which = match (prevprev, prev) {
        (_, Some(I::BeforeAsyncWith)) => "__aenter__",
        (_, Some(I::WithExceptStart)) | (Some(I::DupTop), Some(I::CallFunction(_))) => "__aexit__",
        _ => return e,
    };
    let key = vm.special_name(Special::__await__);
    let cls = vm.type_of(obj).clone();
    if vm.lookup_type(&cls, &key).is_some() {
        return e;
    }
    let t = cls.name.borrow().clone();
    vm.type_error(format!(
        "'async with' received an object from {which} that does not implement __await__: {t}"
    ))
}

/// `GET_AITER`: `obj.__aiter__()`, which must have `__anext__`.
fn async_iter(vm: &mut Vm, obj: &Value) -> PyResult<Value> {
    let cls = vm.type_of(obj).clone();
    let key = vm.special_name(Special::__aiter__);
    let Some(m) = vm.lookup_type(&cls, &key) else {
        let t = cls.name.borrow().clone();
        return Err(vm.type_error(format!(
            "'async for' requires an object with __aiter__ method, got {t}"
        )));
    };
    let it = vm.call_method_value(&m, obj, &[])?;
    let it_cls = vm.type_of(&it).clone();
    let key = vm.special_name(Special::__anext__);
    if vm.lookup_type(&it_cls, &key).is_none() {
        let t = it_cls.name.borrow().clone();
        return Err(vm.type_error(format!(
            "'async for' received an object from __aiter__ that does not implement __anext__: {t}"
        )));
    }
    Ok(it)
}

/// `GET_ANEXT`: the awaitable for the next step of an `async for`.
fn async_next(vm: &mut Vm, aiter: &Value) -> PyResult<Value> {
    if let Value::Generator(g) = aiter {
        if g.kind == GenKind::AsyncGenerator {
            return Ok(crate::objects::AwaitableObject::asend(g.clone(), None));
        }
    }
    let cls = vm.type_of(aiter).clone();
    let key = vm.special_name(Special::__anext__);
    let Some(m) = vm.lookup_type(&cls, &key) else {
        let t = cls.name.borrow().clone();
        return Err(vm.type_error(format!(
            "'async for' requires an iterator with __anext__ method, got {t}"
        )));
    };
    let next = vm.call_method_value(&m, aiter, &[])?;
    match generator::awaitable_iter(vm, &next) {
        Ok(a) => Ok(a),
        Err(cause) => {
            let t = vm.type_name(&next);
            let e = vm.type_error(format!(
                "'async for' received an invalid object from __anext__: {t}"
            ));
            *e.cause.borrow_mut() = Some(Value::Exception(cause.clone()));
            *e.context.borrow_mut() = Some(Value::Exception(cause));
            e.suppress_context.set(true);
            Err(e)
        }
    }
}

/// `IMPORT_NAME`: `__import__(name, globals, locals, fromlist, level)`,
/// straight to the import system unless a program replaced `__import__`.
fn import_name(
    vm: &mut Vm,
    f: &Frame,
    name: &Rc<StrObject>,
    fromlist: Value,
    level: Value,
) -> PyResult<Value> {
    let key = vm.intern("__import__");
    let Some(import) = f.builtins.get_str(&key) else {
        return Err(vm.new_error("ImportError", "__import__ not found"));
    };
    let level_n = match &level {
        Value::Int(n) => *n,
        _ => 0,
    };
    if matches!(&import, Value::Builtin(b) if b.name == "__import__") {
        return vm.import_module_level(name, Some(&f.globals), &fromlist, level_n);
    }
    let locals = f.locals.clone().map_or(Value::None, Value::Dict);
    vm.call(
        &import,
        &[
            Value::Str(name.clone()),
            Value::Dict(f.globals.clone()),
            locals,
            fromlist,
            level,
        ],
    )
}
