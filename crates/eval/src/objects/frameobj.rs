//! Frame objects as Python sees them (`gen.gi_frame`, `sys._getframe()`).
//!
//! pyvm's execution frames are not Python objects. A frame object is either
//! a view of the frame a generator holds (`f_back` is None: a suspended
//! generator has no caller) or a snapshot of a running frame taken by
//! `sys._getframe` from the VM's call records (`Vm::call_records`): its
//! code, globals and line at that moment, and its caller's snapshot.

use std::rc::Rc;

use crate::objects::{CodeObject, DictObject, GeneratorObject};
use crate::value::Value;

pub enum FrameObject {
    Generator(Rc<GeneratorObject>),
    Snapshot {
        code: Rc<CodeObject>,
        globals: Rc<DictObject>,
        builtins: Rc<DictObject>,
        lineno: i64,
        back: Value,
    },
}

impl FrameObject {
    pub fn of_generator(gen: Rc<GeneratorObject>) -> Value {
        Value::Frame(Rc::new(FrameObject::Generator(gen)))
    }

    pub fn code(&self) -> &Rc<CodeObject> {
        match self {
            FrameObject::Generator(gen) => &gen.code,
            FrameObject::Snapshot { code, .. } => code,
        }
    }

    /// The frame's current line: where it is suspended, or the first line
    /// before it starts.
    pub fn lineno(&self) -> i64 {
        match self {
            FrameObject::Generator(gen) => {
                let first = i64::from(gen.code.raw.firstlineno);
                gen.with_frame(|f| f.line().map(i64::from))
                    .flatten()
                    .unwrap_or(first)
            }
            FrameObject::Snapshot { lineno, .. } => *lineno,
        }
    }

    pub fn attr(&self, name: &str) -> Option<Value> {
        let gen = match self {
            FrameObject::Generator(gen) => gen,
            FrameObject::Snapshot {
                code,
                globals,
                builtins,
                lineno,
                back,
            } => {
                return Some(match name {
                    "f_code" => Value::Code(code.clone()),
                    "f_lineno" => Value::Int(*lineno),
                    "f_globals" => Value::Dict(globals.clone()),
                    "f_builtins" => Value::Dict(builtins.clone()),
                    // Locals are not captured: module frames see their globals.
                    "f_locals" => Value::Dict(if code.raw.flags & 0x2 == 0 {
                        globals.clone()
                    } else {
                        DictObject::new()
                    }),
                    "f_back" => back.clone(),
                    "f_lasti" => Value::Int(-1),
                    "f_trace" => Value::None,
                    "f_trace_lines" => Value::Bool(true),
                    "f_trace_opcodes" => Value::Bool(false),
                    _ => return None,
                });
            }
        };
        let this = self;
        Some(match name {
            "f_code" => Value::Code(gen.code.clone()),
            "f_lineno" => Value::Int(this.lineno()),
            "f_lasti" => Value::Int(gen.with_frame(|f| f.lasti as i64 * 2).unwrap_or(-1)),
            "f_locals" => gen
                .with_frame(|f| Value::Dict(f.locals_dict()))
                .unwrap_or_else(|| Value::Dict(crate::objects::DictObject::new())),
            "f_globals" => gen.with_frame(|f| Value::Dict(f.globals.clone()))?,
            "f_builtins" => gen.with_frame(|f| Value::Dict(f.builtins.clone()))?,
            "f_back" | "f_trace" => Value::None,
            "f_trace_lines" => Value::Bool(true),
            "f_trace_opcodes" => Value::Bool(false),
            _ => return None,
        })
    }
}
