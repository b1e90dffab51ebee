//! Module objects: a name and a namespace dict.

use std::rc::Rc;

use crate::objects::DictObject;

pub struct ModuleObject {
    pub name: String,
    pub dict: Rc<DictObject>,
}

impl ModuleObject {
    pub fn new(name: &str, dict: Rc<DictObject>) -> Rc<ModuleObject> {
        Rc::new(ModuleObject {
            name: name.to_string(),
            dict,
        })
    }
}
