//! Traceback entries: one per frame an exception passed through, linked from
//! the outermost frame to the innermost as CPython's `tb_next` chain.

use std::rc::Rc;

use crate::objects::{CodeObject, DictObject};

pub struct TracebackObject {
    pub code: Rc<CodeObject>,
    /// The frame's globals (for "Did you mean" suggestions).
    pub globals: Rc<DictObject>,
    /// Instruction index, for `tb_lasti` and the line.
    pub ip: usize,
    pub next: Option<Rc<TracebackObject>>,
}

impl TracebackObject {
    /// `tb_lineno`, computed when asked (as CPython does): most raised
    /// exceptions are caught without anyone looking at their lines.
    pub fn lineno(&self) -> Option<i32> {
        self.code.line_of(self.ip)
    }
}

impl Drop for TracebackObject {
    fn drop(&mut self) {
        crate::objects::trashcan::release(self.next.take());
    }
}
