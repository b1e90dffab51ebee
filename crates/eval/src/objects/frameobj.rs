//! Frame objects as Python sees them (`gen.gi_frame`, `coro.cr_frame`).
//!
//! pyvm's execution frames are not Python objects; this is a view of the
//! frame a generator holds, answering the attributes programs commonly
//! read (`f_code`, `f_lineno`, `f_locals`, `f_globals`...). There is no
//! `f_back`: a suspended generator's frame has no caller.

use std::rc::Rc;

use crate::objects::GeneratorObject;
use crate::value::Value;

pub struct FrameObject {
    pub gen: Rc<GeneratorObject>,
}

impl FrameObject {
    pub fn of_generator(gen: Rc<GeneratorObject>) -> Value {
        Value::Frame(Rc::new(FrameObject { gen }))
    }

    /// The frame's current line: where it is suspended, or the first line
    /// before it starts.
    pub fn lineno(&self) -> i64 {
        let first = i64::from(self.gen.code.raw.firstlineno);
        self.gen
            .with_frame(|f| f.line().map(i64::from))
            .flatten()
            .unwrap_or(first)
    }

    pub fn attr(&self, name: &str) -> Option<Value> {
        Some(match name {
            "f_code" => Value::Code(self.gen.code.clone()),
            "f_lineno" => Value::Int(self.lineno()),
            "f_lasti" => Value::Int(self.gen.with_frame(|f| f.lasti as i64 * 2).unwrap_or(-1)),
            "f_locals" => self
                .gen
                .with_frame(|f| Value::Dict(f.locals_dict()))
                .unwrap_or_else(|| Value::Dict(crate::objects::DictObject::new())),
            "f_globals" => self.gen.with_frame(|f| Value::Dict(f.globals.clone()))?,
            "f_builtins" => self.gen.with_frame(|f| Value::Dict(f.builtins.clone()))?,
            "f_back" | "f_trace" => Value::None,
            "f_trace_lines" => Value::Bool(true),
            "f_trace_opcodes" => Value::Bool(false),
            _ => return None,
        })
    }
}
