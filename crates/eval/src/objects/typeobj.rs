//! Type objects: built-in types and (later) classes. A type owns a dict of
//! attributes (methods for built-in types), its bases and its MRO.

use std::cell::RefCell;
use std::rc::Rc;

use crate::objects::{DictObject, StrObject};
use crate::value::Value;

/// The instance layout a type uses: which `Value` variant its instances are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeKind {
    Object,
    NoneType,
    NotImplementedType,
    Ellipsis,
    Bool,
    Int,
    Float,
    Complex,
    Str,
    Bytes,
    ByteArray,
    Tuple,
    List,
    Dict,
    Set,
    FrozenSet,
    Range,
    Slice,
    Function,
    Builtin,
    Method,
    Cell,
    Code,
    Module,
    Type,
    Exception,
    Iterator,
    Traceback,
    File,
}

pub struct TypeObject {
    pub name: String,
    pub qualname: RefCell<String>,
    pub module: RefCell<Value>,
    pub bases: RefCell<Vec<Rc<TypeObject>>>,
    /// The MRO after this type itself (so a type does not own itself).
    pub mro_rest: RefCell<Vec<Rc<TypeObject>>>,
    pub dict: Rc<DictObject>,
    pub kind: TypeKind,
    /// Whether user code may subclass it (bool, NoneType... may not).
    pub base_allowed: bool,
}

impl TypeObject {
    pub fn new(
        name: &str,
        bases: Vec<Rc<TypeObject>>,
        kind: TypeKind,
        dict: Rc<DictObject>,
    ) -> Rc<TypeObject> {
        let mut mro_rest = Vec::new();
        // Single inheritance for built-in types: base, then the base's MRO.
        if let Some(base) = bases.first() {
            mro_rest.push(base.clone());
            mro_rest.extend(base.mro_rest.borrow().iter().cloned());
        }
        Rc::new(TypeObject {
            name: name.to_string(),
            qualname: RefCell::new(name.to_string()),
            module: RefCell::new(Value::str("builtins")),
            bases: RefCell::new(bases),
            mro_rest: RefCell::new(mro_rest),
            dict,
            kind,
            base_allowed: true,
        })
    }

    /// The MRO, this type first.
    pub fn mro(self: &Rc<Self>) -> Vec<Rc<TypeObject>> {
        let mut v = vec![self.clone()];
        v.extend(self.mro_rest.borrow().iter().cloned());
        v
    }

    /// Find an attribute along the MRO (`_PyType_Lookup`).
    pub fn lookup(&self, name: &StrObject) -> Option<Value> {
        if let Some(v) = self.dict.get_str(name) {
            return Some(v);
        }
        for t in self.mro_rest.borrow().iter() {
            if let Some(v) = t.dict.get_str(name) {
                return Some(v);
            }
        }
        None
    }

    /// `issubclass(self, other)` by identity along the MRO.
    pub fn is_subtype(&self, other: &TypeObject) -> bool {
        std::ptr::eq(self, other)
            || self
                .mro_rest
                .borrow()
                .iter()
                .any(|t| std::ptr::eq(Rc::as_ptr(t), other))
    }

    pub fn module_name(&self) -> String {
        match &*self.module.borrow() {
            Value::Str(s) => s.to_string(),
            _ => "builtins".to_string(),
        }
    }

    /// `repr(cls)`: `<class 'int'>`, `<class '__main__.Point'>`.
    pub fn repr(&self) -> String {
        let module = self.module_name();
        if module == "builtins" {
            format!("<class '{}'>", self.qualname.borrow())
        } else {
            format!("<class '{}.{}'>", module, self.qualname.borrow())
        }
    }
}
