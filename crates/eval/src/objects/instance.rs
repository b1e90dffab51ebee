//! Instances of classes: a class pointer and a `__dict__`. Instances of
//! classes that subclass a built-in type other than `object` keep the
//! built-in value they extend in `base` (a `list` subclass's list).

use std::rc::Rc;

use crate::objects::{DictObject, TypeObject};
use crate::value::Value;

pub struct InstanceObject {
    pub class: Rc<TypeObject>,
    pub dict: Rc<DictObject>,
    /// The built-in value this instance extends, for subclasses of built-in
    /// types (`class Stack(list)`): their methods operate on it.
    pub base: Option<Value>,
    /// `__slots__` storage (empty for classes without slots).
    pub slots: std::cell::RefCell<Vec<Option<Value>>>,
}

impl InstanceObject {
    pub fn new(class: Rc<TypeObject>) -> Rc<InstanceObject> {
        Rc::new(InstanceObject {
            slots: std::cell::RefCell::new(vec![None; class.slot_count.get()]),
            dict: DictObject::new(),
            base: None,
            class,
        })
    }

    /// An instance of a subclass of a built-in type, extending `base`.
    pub fn with_base(class: Rc<TypeObject>, base: Value) -> Rc<InstanceObject> {
        Rc::new(InstanceObject {
            slots: std::cell::RefCell::new(vec![None; class.slot_count.get()]),
            dict: DictObject::new(),
            base: Some(base),
            class,
        })
    }

    pub fn class(&self) -> Rc<TypeObject> {
        self.class.clone()
    }
}

impl Drop for InstanceObject {
    fn drop(&mut self) {
        crate::objects::trashcan::release(self.base.take());
        for v in self.slots.get_mut().drain(..) {
            crate::objects::trashcan::release(v);
        }
    }
}
