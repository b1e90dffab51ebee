//! Callables: Python functions (code + globals + defaults + closure), native
//! built-in functions and methods, bound methods, and closure cells.

use std::cell::RefCell;
use std::rc::Rc;

use crate::args::Args;
use crate::error::PyResult;
use crate::objects::{CodeObject, DictObject, StrObject, TupleObject};
use crate::value::Value;
use crate::vm::Vm;

/// A function implemented in Rust. Methods receive `self` as `args.values[0]`.
pub type NativeFn = fn(&mut Vm, Args) -> PyResult<Value>;

pub struct FunctionObject {
    pub code: Rc<CodeObject>,
    pub globals: Rc<DictObject>,
    pub name: RefCell<Rc<StrObject>>,
    pub qualname: RefCell<Rc<StrObject>>,
    pub defaults: RefCell<Option<Rc<TupleObject>>>,
    pub kwdefaults: RefCell<Option<Rc<DictObject>>>,
    /// One cell per free variable of the code.
    pub closure: Option<Rc<TupleObject>>,
    pub annotations: RefCell<Option<Value>>,
    pub doc: RefCell<Value>,
    pub module: RefCell<Value>,
    /// Arbitrary attributes (`f.calls = 0`).
    pub dict: RefCell<Option<Rc<DictObject>>>,
}

/// How a native callable binds when looked up on an object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NativeKind {
    /// A module-level function (`len`): never binds.
    Function,
    /// A method of a built-in type (`list.append`): binds the instance.
    Method,
    /// A class method (`dict.fromkeys`): binds the class.
    ClassMethod,
}

pub struct BuiltinFunction {
    pub name: &'static str,
    pub func: NativeFn,
    pub kind: NativeKind,
    /// For methods: the name of the type that defines them, for reprs.
    pub owner: Option<&'static str>,
    /// Already-bound receiver (`[].append` as a value), if any.
    pub bound: Option<Value>,
}

impl BuiltinFunction {
    /// Whether CPython implements this method as a type slot (its objects
    /// are `wrapper_descriptor`/`method-wrapper`, not `method_descriptor`).
    pub fn is_slot_wrapper(&self) -> bool {
        let n = self.name;
        self.kind == NativeKind::Method
            && n.len() > 4
            && n.starts_with("__")
            && n.ends_with("__")
            && !matches!(
                n,
                "__format__"
                    | "__dir__"
                    | "__reduce__"
                    | "__reduce_ex__"
                    | "__sizeof__"
                    | "__reversed__"
                    | "__subclasses__"
                    | "__instancecheck__"
                    | "__subclasscheck__"
                    | "__round__"
                    | "__trunc__"
                    | "__floor__"
                    | "__ceil__"
                    | "__getnewargs__"
                    | "__enter__"
                    | "__exit__"
                    | "__copy__"
                    | "__deepcopy__"
            )
            && !(self.owner == Some("dict") && matches!(n, "__getitem__" | "__contains__"))
    }

    pub fn new(name: &'static str, func: NativeFn) -> Rc<BuiltinFunction> {
        Rc::new(BuiltinFunction {
            name,
            func,
            kind: NativeKind::Function,
            owner: None,
            bound: None,
        })
    }
}

/// A Python function or other callable bound to `self`.
pub struct BoundMethod {
    pub func: Value,
    pub receiver: Value,
}

pub struct CellObject {
    pub value: RefCell<Option<Value>>,
}

impl Drop for CellObject {
    fn drop(&mut self) {
        crate::objects::trashcan::release(self.value.get_mut().take());
    }
}

impl CellObject {
    pub fn new(value: Option<Value>) -> Rc<CellObject> {
        Rc::new(CellObject {
            value: RefCell::new(value),
        })
    }

    pub fn get(&self) -> Option<Value> {
        self.value.borrow().clone()
    }

    pub fn set(&self, v: Option<Value>) {
        let old = self.value.replace(v);
        drop(old);
    }
}
