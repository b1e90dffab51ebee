//! Frames: one activation of a code object — its value stack, block stack
//! (CPython 3.10's `SETUP_FINALLY`/`EXCEPT_HANDLER` blocks), fast locals, and
//! cells — plus how a call's arguments are bound into a new frame.

use std::rc::Rc;

use crate::args::Args;
use crate::error::PyResult;
use crate::objects::code::CodeObject;
use crate::objects::function::{CellObject, FunctionObject};
use crate::objects::{DictObject, TupleObject};
use crate::value::Value;
use crate::vm::Vm;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// `SETUP_FINALLY` (also pushed by `SETUP_WITH`): jump to `handler` on error.
    SetupFinally,
    /// Active while an `except`/`finally` handler runs; holds the saved
    /// exception state three slots above `level`.
    ExceptHandler,
}

#[derive(Clone, Copy, Debug)]
pub struct Block {
    pub kind: BlockKind,
    pub handler: u32,
    /// Value-stack depth to unwind to.
    pub level: u32,
}

/// What `sys._getframe` can report about a running frame (one per frame on
/// `Vm::call_records`, innermost last). `lasti` is where the frame last
/// called into Python; the innermost record's is not kept current.
pub struct CallRecord {
    pub code: Rc<CodeObject>,
    pub globals: Rc<DictObject>,
    pub lasti: usize,
}

impl CallRecord {
    // Two reference-count increments per call: about 2.5% of the
    // instructions of a call-bound benchmark (fib), measured with callgrind.
    #[inline]
    pub fn of(f: &Frame) -> CallRecord {
        CallRecord {
            code: f.code.clone(),
            globals: f.globals.clone(),
            lasti: f.lasti,
        }
    }
}

pub struct Frame {
    pub code: Rc<CodeObject>,
    /// Index of the next instruction.
    pub ip: usize,
    /// Index of the instruction executing (or that raised).
    pub lasti: usize,
    pub stack: Vec<Value>,
    pub blocks: Vec<Block>,
    pub fast: Vec<Option<Value>>,
    /// Cell variables, then free variables (the deref index space).
    pub cells: Vec<Rc<CellObject>>,
    pub globals: Rc<DictObject>,
    pub builtins: Rc<DictObject>,
    /// The namespace for `LOAD_NAME`/`STORE_NAME` (module and class bodies).
    pub locals: Option<Rc<DictObject>>,
    /// A class body's namespace when `__prepare__` returned something other
    /// than a dict (a dict subclass, any mapping): `locals` is then `None`
    /// and the name instructions go through the mapping protocol.
    pub locals_mapping: Option<Value>,
    /// What the caller's instruction still has to do with the return value
    /// when the frame runs on its behalf (not a plain call).
    pub on_return: ReturnHook,
}

/// Frames the eval loop runs for an instruction that is not a plain call:
/// what becomes of their return value.
#[derive(Default)]
pub enum ReturnHook {
    /// An ordinary call: the return value is the result.
    #[default]
    None,
    /// `__init__` for a class call (`instance_for_python_init`): the call
    /// evaluates to this new instance once `__init__` returns None.
    InitInstance(Value),
    /// A binary operator's method (`binary_method_frame`): NotImplemented
    /// means the operator is unsupported for these operands.
    BinaryOp(pyvm_loader::instruction::BinaryOp, Value, Value),
    /// A generator's frame resumed by `FOR_ITER` (`start_inline`): a yield
    /// suspends it back into the generator and passes the value to the
    /// loop; a return ends the loop.
    Generator(Rc<crate::objects::GeneratorObject>),
    /// A generator's frame consumed by a built-in (`sum(gen)`,
    /// `list(gen)`...; see `consumers`): yields feed the consumer, and the
    /// return makes the call's result.
    Consume(Box<crate::consumers::Consumer>),
}

impl ReturnHook {
    /// The generator whose frame this is, when the loop runs it inline.
    pub fn inline_generator(&self) -> Option<&Rc<crate::objects::GeneratorObject>> {
        match self {
            ReturnHook::Generator(g) => Some(g),
            ReturnHook::Consume(c) => Some(&c.gen),
            _ => None,
        }
    }

    /// A class call counts one recursion level besides the frame's.
    pub fn counts_call_level(&self) -> bool {
        matches!(self, ReturnHook::InitInstance(_))
    }
}

impl Frame {
    pub fn new(
        code: Rc<CodeObject>,
        globals: Rc<DictObject>,
        builtins: Rc<DictObject>,
        locals: Option<Rc<DictObject>>,
    ) -> Frame {
        let nlocals = code.varnames.len();
        let ncells = code.n_cells();
        let stacksize = code.raw.stacksize as usize;
        Frame {
            ip: 0,
            lasti: 0,
            stack: Vec::with_capacity(stacksize.min(1 << 16)),
            blocks: Vec::new(),
            fast: vec![None; nlocals],
            cells: (0..ncells).map(|_| CellObject::new(None)).collect(),
            code,
            globals,
            builtins,
            locals,
            locals_mapping: None,
            on_return: ReturnHook::None,
        }
    }

    /// A frame for `code`, reusing a finished frame's allocations when the
    /// VM has one pooled: a call then allocates nothing.
    pub fn boxed(
        vm: &mut Vm,
        code: Rc<CodeObject>,
        globals: Rc<DictObject>,
        builtins: Rc<DictObject>,
        locals: Option<Rc<DictObject>>,
    ) -> Box<Frame> {
        let Some(mut f) = vm.frame_pool.pop() else {
            return Box::new(Frame::new(code, globals, builtins, locals));
        };
        let nlocals = code.varnames.len();
        let ncells = code.n_cells();
        let stacksize = code.raw.stacksize as usize;
        f.ip = 0;
        f.lasti = 0;
        f.stack.reserve(stacksize.min(1 << 16));
        f.fast.resize_with(nlocals, || None);
        if ncells > 0 {
            f.cells.extend((0..ncells).map(|_| CellObject::new(None)));
        }
        f.code = code;
        f.globals = globals;
        f.builtins = builtins;
        f.locals = locals;
        f
    }

    /// Return a finished frame's allocations to the pool.
    pub fn recycle(vm: &mut Vm, mut f: Box<Frame>) {
        // Dropped one by one so that unboxed values skip the drop glue.
        while let Some(v) = f.stack.pop() {
            v.discard();
        }
        f.blocks.clear();
        // First to last, as CPython's frame deallocation releases locals
        // (visible in `__del__` order).
        for slot in f.fast.iter_mut() {
            if let Some(v) = slot.take() {
                v.discard();
            }
        }
        f.fast.clear();
        f.cells.clear();
        f.locals = None;
        f.locals_mapping = None;
        f.on_return = ReturnHook::None;
        if vm.frame_pool.len() < 64 && f.stack.capacity() <= 1024 && f.fast.capacity() <= 1024 {
            vm.frame_pool.push(f);
        }
    }

    /// `locals()`: the namespace of a module or class body, or a snapshot of
    /// a function's fast locals and cells.
    pub fn locals_dict(&self) -> Rc<DictObject> {
        if let Some(l) = &self.locals {
            return l.clone();
        }
        let d = DictObject::new();
        for (name, v) in self.code.varnames.iter().zip(self.fast.iter()) {
            if let Some(v) = v {
                d.set_str(name.clone(), v.clone());
            }
        }
        for (name, cell) in self.code.derefs.iter().zip(self.cells.iter()) {
            if let Some(v) = cell.get() {
                d.set_str(name.clone(), v);
            }
        }
        d
    }

    /// Suspended in a `yield from`/`await`: the next instruction is the
    /// `YIELD_FROM` to re-run, and the delegate is on top of the stack.
    pub fn at_yield_from(&self) -> bool {
        matches!(
            self.code.ops.get(self.ip),
            Some(pyvm_loader::instruction::Instruction::YieldFrom)
        )
    }

    pub fn line(&self) -> Option<i32> {
        self.code.line_of(self.lasti)
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// "'a'", "'a' and 'b'", "'a', 'b', and 'c'" as CPython lists missing names.
fn name_list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

/// Create the frame for calling `func` with `args`, binding parameters as
/// CPython 3.10's `initialize_locals` does, with its error messages.
pub fn bind_call(vm: &mut Vm, func: &Rc<FunctionObject>, args: Args) -> PyResult<Box<Frame>> {
    let code = &func.code;
    let raw = &code.raw;
    let flags = raw.flags;
    let argcount = raw.argcount as usize;
    let posonly = raw.posonlyargcount as usize;
    let kwonly = raw.kwonlyargcount as usize;
    let total = argcount + kwonly;
    let has_varargs = flags & pyvm_loader::code::flags::VARARGS != 0;
    let has_varkw = flags & pyvm_loader::code::flags::VARKEYWORDS != 0;
    // Only error messages need the name; fetch it lazily.
    let qualname = || func.qualname.borrow().to_string();

    let mut frame = Frame::boxed(
        vm,
        code.clone(),
        func.globals.clone(),
        vm.builtins.clone(),
        None,
    );
    let pos = args.pos();

    // The common case: exactly the positional parameters, nothing else.
    if code.simple_args && pos.len() == argcount && !args.has_kwargs() && func.closure.is_none() {
        for (slot, v) in frame.fast.iter_mut().zip(pos) {
            *slot = Some(v.clone());
        }
        return Ok(frame);
    }

    let kwdict = if has_varkw {
        let d = DictObject::new();
        let idx = total + usize::from(has_varargs);
        if idx < frame.fast.len() {
            frame.fast[idx] = Some(Value::Dict(d.clone()));
        }
        Some(d)
    } else {
        None
    };

    let n = pos.len().min(argcount);
    for (slot, v) in frame.fast.iter_mut().zip(pos[..n].iter()) {
        *slot = Some(v.clone());
    }
    if has_varargs {
        let rest = if pos.len() > n {
            pos[n..].to_vec()
        } else {
            Vec::new()
        };
        if total < frame.fast.len() {
            frame.fast[total] = Some(Value::Tuple(TupleObject::new(rest)));
        }
    }

    let mut posonly_as_kw = Vec::new();
    for (name, value) in args.kwargs() {
        let j = code.varnames[..total]
            .iter()
            .position(|v| Rc::ptr_eq(v, name) || v.eq_str(name));
        match j {
            Some(j) if j >= posonly => {
                if frame.fast[j].is_some() {
                    return Err(vm.type_error(format!(
                        "{}() got multiple values for argument '{name}'",
                        qualname()
                    )));
                }
                frame.fast[j] = Some(value.clone());
            }
            _ => match &kwdict {
                Some(d) => d.set(vm, Value::Str(name.clone()), value.clone())?,
                None => {
                    if j.is_some() {
                        posonly_as_kw.push(name.to_string());
                        continue;
                    }
                    return Err(vm.type_error(format!(
                        "{}() got an unexpected keyword argument '{name}'",
                        qualname()
                    )));
                }
            },
        }
    }

    if !posonly_as_kw.is_empty() {
        return Err(vm.type_error(format!(
            "{}() got some positional-only arguments passed as keyword arguments: '{}'",
            qualname(),
            posonly_as_kw.join(", ")
        )));
    }

    if pos.len() > argcount && !has_varargs {
        let defaults = func.defaults.borrow().as_ref().map_or(0, |d| d.len());
        let kwonly_given = (argcount..total)
            .filter(|&i| frame.fast[i].is_some())
            .count();
        let takes = if defaults > 0 {
            format!(
                "from {} to {} positional arguments",
                argcount - defaults,
                argcount
            )
        } else {
            plural(argcount, "positional argument")
        };
        let given = if kwonly_given > 0 {
            format!(
                "{} (and {}) were given",
                plural(pos.len(), "positional argument"),
                plural(kwonly_given, "keyword-only argument")
            )
        } else if pos.len() == 1 {
            "1 was given".to_string()
        } else {
            format!("{} were given", pos.len())
        };
        return Err(vm.type_error(format!("{}() takes {takes} but {given}", qualname())));
    }

    if pos.len() < argcount {
        let defaults = func.defaults.borrow().clone();
        let ndef = defaults.as_ref().map_or(0, |d| d.len());
        let first_default = argcount - ndef.min(argcount);
        let mut missing = Vec::new();
        for i in pos.len()..argcount {
            if frame.fast[i].is_none() {
                if i >= first_default {
                    if let Some(d) = &defaults {
                        frame.fast[i] = Some(d.items[i - first_default].clone());
                    }
                } else {
                    missing.push(code.varnames[i].to_string());
                }
            }
        }
        if !missing.is_empty() {
            return Err(vm.type_error(format!(
                "{}() missing {} {}: {}",
                qualname(),
                missing.len(),
                if missing.len() == 1 {
                    "required positional argument"
                } else {
                    "required positional arguments"
                },
                name_list(&missing)
            )));
        }
    }

    if kwonly > 0 {
        let kwdefaults = func.kwdefaults.borrow().clone();
        let mut missing = Vec::new();
        for i in argcount..total {
            if frame.fast[i].is_none() {
                let default = kwdefaults
                    .as_ref()
                    .and_then(|d| d.get_str(&code.varnames[i]));
                match default {
                    Some(v) => frame.fast[i] = Some(v),
                    None => missing.push(code.varnames[i].to_string()),
                }
            }
        }
        if !missing.is_empty() {
            return Err(vm.type_error(format!(
                "{}() missing {} {}: {}",
                qualname(),
                missing.len(),
                if missing.len() == 1 {
                    "required keyword-only argument"
                } else {
                    "required keyword-only arguments"
                },
                name_list(&missing)
            )));
        }
    }

    // Arguments captured by inner functions live in cells.
    for (cell, arg) in frame.cells.iter().zip(code.cell_args.iter()) {
        if let Some(i) = arg {
            cell.set(frame.fast[*i].take());
        }
    }
    if let Some(closure) = &func.closure {
        for c in closure.items.iter() {
            if let Value::Cell(c) = c {
                frame.cells.push(c.clone());
            }
        }
    }
    Ok(frame)
}
