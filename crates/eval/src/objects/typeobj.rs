//! Type objects: built-in types and classes. A type owns a dict of
//! attributes (methods for built-in types), its bases and its MRO.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

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
    Descriptor,
    Super,
    /// A native class (`objects/native.rs`): instances hold Rust state.
    Native,
}

pub struct TypeObject {
    /// `__name__` (assignable on classes).
    pub name: RefCell<String>,
    pub qualname: RefCell<String>,
    pub module: RefCell<Value>,
    pub bases: RefCell<Vec<Rc<TypeObject>>>,
    /// The MRO after this type itself (so a type does not own itself).
    pub mro_rest: RefCell<Vec<Rc<TypeObject>>>,
    pub dict: Rc<DictObject>,
    pub kind: TypeKind,
    /// Whether user code may subclass it (bool, NoneType... may not).
    pub base_allowed: bool,
    /// Defined by a `class` statement or `type(name, bases, ns)`: its special
    /// methods are Python code that the protocols must dispatch to.
    pub heap: bool,
    /// The metaclass (`type` unless a class says otherwise).
    pub metaclass: Option<Rc<TypeObject>>,
    /// Changes whenever this type's or a base's attributes change (the key
    /// of the attribute cache, `typecache.rs`).
    pub version: Cell<u64>,
    /// Direct subclasses, for `__subclasses__()` and cache invalidation.
    pub subclasses: RefCell<Vec<Weak<TypeObject>>>,
    /// Which attribute-access hooks (`__getattribute__`, `__getattr__`,
    /// `__setattr__`, `__delattr__`) the class defines in Python, and the
    /// version they were computed for (see `Vm::attr_hooks`).
    pub attr_hooks: Cell<(u64, u8)>,
    /// How many `__slots__` entries instances store (this class and bases).
    pub slot_count: Cell<usize>,
    /// Instances have no `__dict__` (`__slots__` without `'__dict__'`).
    pub dictless: Cell<bool>,
    /// `Py_TPFLAGS_IS_ABSTRACT`: `__abstractmethods__` was last assigned a true
    /// value on this very class, so `object.__new__` refuses it.
    pub is_abstract: Cell<bool>,
    /// `Py_TPFLAGS_SEQUENCE`/`Py_TPFLAGS_MAPPING` (`COLLECTION_*`): what a
    /// `match` sequence or mapping pattern accepts.
    pub collection_flags: Cell<u8>,
}

/// The class matches sequence patterns (`Py_TPFLAGS_SEQUENCE`).
pub const COLLECTION_SEQUENCE: u8 = 1;
/// The class matches mapping patterns (`Py_TPFLAGS_MAPPING`).
pub const COLLECTION_MAPPING: u8 = 2;

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
            name: RefCell::new(name.to_string()),
            qualname: RefCell::new(name.to_string()),
            module: RefCell::new(Value::str("builtins")),
            bases: RefCell::new(bases),
            mro_rest: RefCell::new(mro_rest),
            dict,
            kind,
            base_allowed: !matches!(
                kind,
                TypeKind::NoneType
                    | TypeKind::NotImplementedType
                    | TypeKind::Ellipsis
                    | TypeKind::Bool
                    | TypeKind::Range
                    | TypeKind::Slice
                    | TypeKind::Function
                    | TypeKind::Builtin
                    | TypeKind::Method
                    | TypeKind::Cell
                    | TypeKind::Code
                    | TypeKind::Traceback
                    | TypeKind::Iterator
                    | TypeKind::Descriptor
                    | TypeKind::Super
            ),
            heap: false,
            metaclass: None,
            version: Cell::new(super::typecache::fresh_version()),
            subclasses: RefCell::new(Vec::new()),
            attr_hooks: Cell::new((0, 0)),
            slot_count: Cell::new(0),
            dictless: Cell::new(true),
            is_abstract: Cell::new(false),
            collection_flags: Cell::new(match kind {
                TypeKind::List | TypeKind::Tuple | TypeKind::Range => COLLECTION_SEQUENCE,
                TypeKind::Dict => COLLECTION_MAPPING,
                _ => 0,
            }),
        })
    }

    /// A class: `type(name, bases, namespace)` once the MRO is known.
    // Each argument is a distinct part of `type(name, bases, ns)`'s result.
    #[allow(clippy::too_many_arguments)]
    pub fn new_class(
        name: &str,
        qualname: &str,
        bases: Vec<Rc<TypeObject>>,
        mro_rest: Vec<Rc<TypeObject>>,
        kind: TypeKind,
        dict: Rc<DictObject>,
        module: Value,
        metaclass: Option<Rc<TypeObject>>,
    ) -> Rc<TypeObject> {
        // Inherited from the first class in the MRO that has them, as
        // CPython's inherit_patma_flags over the MRO.
        let collection_flags = mro_rest
            .iter()
            .map(|t| t.collection_flags.get())
            .find(|f| *f != 0)
            .unwrap_or(0);
        Rc::new(TypeObject {
            name: RefCell::new(name.to_string()),
            qualname: RefCell::new(qualname.to_string()),
            module: RefCell::new(module),
            bases: RefCell::new(bases),
            mro_rest: RefCell::new(mro_rest),
            dict,
            kind,
            base_allowed: true,
            heap: true,
            metaclass,
            version: Cell::new(super::typecache::fresh_version()),
            subclasses: RefCell::new(Vec::new()),
            attr_hooks: Cell::new((0, 0)),
            slot_count: Cell::new(0),
            dictless: Cell::new(false),
            is_abstract: Cell::new(false),
            collection_flags: Cell::new(collection_flags),
        })
    }

    /// `_abc`'s set_collection_flag_recursive: give a class (and its
    /// subclasses) a collection flag; built-in types keep theirs.
    pub fn set_collection_flag_recursive(&self, flag: u8) {
        if !self.heap || self.collection_flags.get() == flag {
            return;
        }
        self.collection_flags.set(flag);
        let subs: Vec<Rc<TypeObject>> = self
            .subclasses
            .borrow()
            .iter()
            .filter_map(Weak::upgrade)
            .collect();
        for s in subs {
            s.set_collection_flag_recursive(flag);
        }
    }

    /// The type's attributes changed: it and its subclasses get new versions.
    pub fn modified(&self) {
        self.version.set(super::typecache::fresh_version());
        let subs: Vec<Rc<TypeObject>> = self
            .subclasses
            .borrow()
            .iter()
            .filter_map(Weak::upgrade)
            .collect();
        for s in subs {
            s.modified();
        }
    }

    /// The live direct subclasses, oldest first.
    pub fn live_subclasses(&self) -> Vec<Rc<TypeObject>> {
        let mut subs = self.subclasses.borrow_mut();
        subs.retain(|w| w.strong_count() > 0);
        subs.iter().filter_map(Weak::upgrade).collect()
    }

    /// The MRO, this type first.
    pub fn mro(self: &Rc<Self>) -> Vec<Rc<TypeObject>> {
        let mut v = vec![self.clone()];
        v.extend(self.mro_rest.borrow().iter().cloned());
        v
    }
}

/// C3 linearisation of `bases`' MROs (without the new class itself); when
/// no consistent order exists, the classes left at the heads (for the error).
pub fn c3_mro(bases: &[Rc<TypeObject>]) -> Result<Vec<Rc<TypeObject>>, Vec<Rc<TypeObject>>> {
    let mut seqs: Vec<Vec<Rc<TypeObject>>> = bases.iter().map(|b| b.mro()).collect();
    seqs.push(bases.to_vec());
    let mut out = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let candidate = seqs.iter().find_map(|s| {
            let head = &s[0];
            let in_tail = seqs
                .iter()
                .any(|t| t[1..].iter().any(|x| Rc::ptr_eq(x, head)));
            (!in_tail).then(|| head.clone())
        });
        let Some(candidate) = candidate else {
            let mut heads: Vec<Rc<TypeObject>> = Vec::new();
            for s in &seqs {
                if !heads.iter().any(|h| Rc::ptr_eq(h, &s[0])) {
                    heads.push(s[0].clone());
                }
            }
            return Err(heads);
        };
        for s in seqs.iter_mut() {
            if Rc::ptr_eq(&s[0], &candidate) {
                s.remove(0);
            }
        }
        out.push(candidate);
    }
}

impl TypeObject {
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
