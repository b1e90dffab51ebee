//! Traceback entries: one per frame an exception passed through, linked from
//! the outermost frame to the innermost as CPython's `tb_next` chain.

use std::rc::Rc;

use crate::objects::{CodeObject, DictObject};

pub struct TracebackObject {
    pub code: Rc<CodeObject>,
    /// The frame's globals (for "Did you mean" suggestions).
    pub globals: Rc<DictObject>,
    pub lineno: Option<i32>,
    /// Instruction index, for `tb_lasti`.
    pub ip: usize,
    pub next: Option<Rc<TracebackObject>>,
}

impl Drop for TracebackObject {
    fn drop(&mut self) {
        crate::objects::trashcan::release(self.next.take());
    }
}
