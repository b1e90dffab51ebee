//! Instances of classes: a class pointer and a `__dict__`. Instances of
//! classes that subclass a built-in type other than `object` keep the
//! built-in value they extend in `base` (a `list` subclass's list).

use std::cell::RefCell;
use std::rc::Rc;

use crate::objects::{DictObject, TypeObject};
use crate::value::Value;

pub struct InstanceObject {
    pub class: Rc<TypeObject>,
    pub dict: Rc<DictObject>,
    /// The built-in value this instance extends, for subclasses of built-in
    /// types (`class Stack(list)`): their methods operate on it.
    pub base: RefCell<Option<Value>>,
}

impl InstanceObject {
    pub fn new(class: Rc<TypeObject>) -> Rc<InstanceObject> {
        Rc::new(InstanceObject {
            class,
            dict: DictObject::new(),
            base: RefCell::new(None),
        })
    }

    pub fn class(&self) -> Rc<TypeObject> {
        self.class.clone()
    }
}

impl Drop for InstanceObject {
    fn drop(&mut self) {
        crate::objects::trashcan::release(self.base.get_mut().take());
    }
}
