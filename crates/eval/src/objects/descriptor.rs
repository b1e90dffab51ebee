//! The built-in descriptor types: `staticmethod`, `classmethod`, `property`,
//! and bound `super` objects.

use std::cell::RefCell;
use std::rc::Rc;

use crate::objects::TypeObject;
use crate::value::Value;

pub enum DescriptorKind {
    StaticMethod(Value),
    ClassMethod(Value),
    Property {
        fget: Value,
        fset: Value,
        fdel: Value,
        doc: Value,
    },
    /// `__dict__`/`__weakref__` of a class's instances (CPython's
    /// getset descriptors).
    GetSet {
        name: &'static str,
        class_name: String,
    },
    /// A `__slots__` entry: instance storage at `index`.
    Member {
        name: Rc<crate::objects::StrObject>,
        index: usize,
        class_name: String,
        /// A struct sequence's fields cannot be assigned.
        readonly: bool,
    },
    /// A namedtuple field (`_collections._tuplegetter`): item `index` of the
    /// tuple the instance extends, read-only.
    TupleItem {
        index: usize,
        doc: Value,
    },
}

pub struct DescriptorObject {
    pub kind: DescriptorKind,
    /// Attributes set on the descriptor (`__doc__`, `__isabstractmethod__`...).
    pub dict: RefCell<Option<Rc<crate::objects::DictObject>>>,
    /// The attribute name a property was assigned to (`__set_name__`), for
    /// its error messages.
    pub name: RefCell<Option<Rc<crate::objects::StrObject>>>,
}

impl DescriptorObject {
    pub fn new(kind: DescriptorKind) -> Rc<DescriptorObject> {
        Rc::new(DescriptorObject {
            kind,
            dict: RefCell::new(None),
            name: RefCell::new(None),
        })
    }

    pub fn type_name(&self) -> &'static str {
        match self.kind {
            DescriptorKind::StaticMethod(_) => "staticmethod",
            DescriptorKind::ClassMethod(_) => "classmethod",
            DescriptorKind::Property { .. } => "property",
            DescriptorKind::Member { .. } => "member_descriptor",
            DescriptorKind::GetSet { .. } => "getset_descriptor",
            DescriptorKind::TupleItem { .. } => "_tuplegetter",
        }
    }
}

/// `super(cls, obj)`: attribute lookups start after `cls` in `type(obj)`'s MRO.
pub struct SuperObject {
    pub this_class: Rc<TypeObject>,
    /// The instance (or class, for class methods) the lookup binds to.
    pub obj: Value,
    /// The type whose MRO is searched: `type(obj)`, or `obj` itself if it is a class.
    pub obj_type: Rc<TypeObject>,
}
