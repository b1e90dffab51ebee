//! Exception instances: the class, `args`, the traceback and the chaining
//! fields of PEP 3134 (`__cause__`, `__context__`, `__suppress_context__`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::objects::{CodeObject, DictObject, TracebackObject, TupleObject, TypeObject};
use crate::value::Value;

pub struct ExceptionObject {
    pub class: Rc<TypeObject>,
    pub args: RefCell<Rc<TupleObject>>,
    pub traceback: RefCell<Option<Rc<TracebackObject>>>,
    pub cause: RefCell<Option<Value>>,
    pub context: RefCell<Option<Value>>,
    pub suppress_context: Cell<bool>,
    /// Other attributes (`e.code` of SystemExit, user attributes...).
    pub dict: RefCell<Option<Rc<DictObject>>>,
}

impl Drop for ExceptionObject {
    fn drop(&mut self) {
        let parts = (
            self.context.get_mut().take(),
            self.cause.get_mut().take(),
            self.traceback.get_mut().take(),
        );
        crate::objects::trashcan::release(parts);
    }
}

impl ExceptionObject {
    pub fn new(class: Rc<TypeObject>, args: Rc<TupleObject>) -> Rc<ExceptionObject> {
        Rc::new(ExceptionObject {
            class,
            args: RefCell::new(args),
            traceback: RefCell::new(None),
            cause: RefCell::new(None),
            context: RefCell::new(None),
            suppress_context: Cell::new(false),
            dict: RefCell::new(None),
        })
    }

    pub fn args(&self) -> Rc<TupleObject> {
        self.args.borrow().clone()
    }

    /// Prepend a traceback entry (the newest frame goes in front).
    pub fn push_traceback(&self, code: Rc<CodeObject>, globals: Rc<DictObject>, ip: usize) {
        let mut tb = self.traceback.borrow_mut();
        let next = tb.take();
        *tb = Some(Rc::new(TracebackObject {
            code,
            globals,
            ip,
            next,
        }));
    }

    pub fn get_attr(&self, name: &str) -> Option<Value> {
        self.dict
            .borrow()
            .as_ref()
            .and_then(|d| d.get_str(&crate::objects::StrObject::new(name)))
    }

    pub fn set_attr(&self, name: &str, v: Value) {
        let mut d = self.dict.borrow_mut();
        d.get_or_insert_with(DictObject::new).set_item_str(name, v);
    }
}
