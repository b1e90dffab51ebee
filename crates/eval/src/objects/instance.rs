//! Instances of classes: a class pointer and a `__dict__`. Instances of
//! classes that subclass a built-in type other than `object` keep the
//! built-in value they extend in `base` (a `list` subclass's list).
//!
//! `__del__`: `Drop` cannot run Python code (the VM is busy), so an instance
//! whose class has a finalizer is resurrected into the finalizer queue
//! (`finalize.rs`).

use std::rc::Rc;

use crate::objects::{DictObject, TypeObject};
use crate::slots::HOOK_DEL;
use crate::value::Value;

pub struct InstanceObject {
    pub class: Rc<TypeObject>,
    pub dict: Rc<DictObject>,
    /// The built-in value this instance extends, for subclasses of built-in
    /// types (`class Stack(list)`): their methods operate on it.
    pub base: Option<Value>,
    /// `__slots__` storage (empty for classes without slots).
    pub slots: std::cell::RefCell<Vec<Option<Value>>>,
    /// `__del__` has run (or is queued): it runs at most once (PEP 442).
    pub finalized: std::cell::Cell<bool>,
}

impl InstanceObject {
    pub fn new(class: Rc<TypeObject>) -> Rc<InstanceObject> {
        Rc::new(InstanceObject {
            slots: std::cell::RefCell::new(vec![None; class.slot_count.get()]),
            dict: DictObject::new(),
            base: None,
            finalized: std::cell::Cell::new(false),
            class,
        })
    }

    /// An instance of a subclass of a built-in type, extending `base`.
    pub fn with_base(class: Rc<TypeObject>, base: Value) -> Rc<InstanceObject> {
        Rc::new(InstanceObject {
            slots: std::cell::RefCell::new(vec![None; class.slot_count.get()]),
            dict: DictObject::new(),
            base: Some(base),
            finalized: std::cell::Cell::new(false),
            class,
        })
    }
}

impl Drop for InstanceObject {
    fn drop(&mut self) {
        if !self.finalized.get() && self.class.attr_hooks.get().1 & HOOK_DEL != 0 {
            // Resurrect into the finalizer queue (see the module comment).
            let revived = InstanceObject {
                class: self.class.clone(),
                dict: self.dict.clone(),
                base: self.base.take(),
                slots: std::cell::RefCell::new(std::mem::take(self.slots.get_mut())),
                finalized: std::cell::Cell::new(true),
            };
            crate::finalize::queue(Value::Instance(Rc::new(revived)));
            return;
        }
        crate::objects::trashcan::release(self.base.take());
        for v in self.slots.get_mut().drain(..) {
            crate::objects::trashcan::release(v);
        }
    }
}
