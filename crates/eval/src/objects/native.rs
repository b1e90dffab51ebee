//! Native classes: Python classes whose state and methods are Rust
//! (`collections.deque`, `_random.Random`, compiled regular expressions...).
//!
//! An instance is an ordinary `Instance` whose `base` is a `Value::Native`
//! holding the Rust state, exactly as `class Stack(list)` instances hold their
//! list. So every operation the VM already routes through a class's
//! dunder methods (`len`, iteration, `repr`, subscripting, comparison) works
//! for native classes without new cases in the eval loop, and Python code can
//! subclass them. The class's dict holds `BuiltinFunction` methods; its
//! `__new__` builds the state (see `classes::object_new_for`).

use std::any::Any;
use std::rc::Rc;

use crate::args::Args;
use crate::error::PyResult;
use crate::objects::descriptor::{DescriptorKind, DescriptorObject};
use crate::objects::function::{BuiltinFunction, NativeFn, NativeKind};
use crate::objects::typeobj::TypeKind;
use crate::objects::{DictObject, InstanceObject, TypeObject};
use crate::value::Value;
use crate::vm::Vm;

/// The Rust state of one native instance. State that changes keeps its own
/// `Cell`/`RefCell` inside `T`: methods see it through a shared reference.
pub struct NativePayload {
    data: Box<dyn Any>,
    /// For iterators: their step, which `next()`, `for` and the native
    /// consumers call directly on instances of the native class itself
    /// (a Python subclass may override `__next__`).
    next: Option<NativeNext>,
}

/// A native iterator's step: the next item of `this`, `None` when exhausted.
pub type NativeNext = fn(&mut Vm, &Value, &NativePayload) -> PyResult<Option<Value>>;

impl NativePayload {
    pub fn downcast<T: 'static>(&self) -> Option<&T> {
        self.data.downcast_ref::<T>()
    }
}

/// What a native class defines: instance methods (dunders included),
/// `__new__` and static functions, and read-only attributes computed by a
/// getter taking the instance.
#[derive(Default)]
pub struct ClassSpec {
    pub methods: &'static [(&'static str, NativeFn)],
    pub statics: &'static [(&'static str, NativeFn)],
    pub getters: &'static [(&'static str, NativeFn)],
}

/// A new native class `module.name`.
pub fn new_class(vm: &mut Vm, module: &str, name: &'static str, spec: ClassSpec) -> Rc<TypeObject> {
    let ClassSpec {
        methods,
        statics,
        getters,
    } = spec;
    let dict = DictObject::new();
    for (kind, table) in [
        (NativeKind::Method, methods),
        (NativeKind::Function, statics),
    ] {
        for (fname, f) in table {
            let b = BuiltinFunction {
                name: fname,
                func: *f,
                kind,
                owner: Some(name),
                bound: None,
            };
            dict.set_item_str(fname, Value::Builtin(Rc::new(b)));
        }
    }
    for (attr, f) in getters {
        let getter = BuiltinFunction {
            name: attr,
            func: *f,
            kind: NativeKind::Function,
            owner: Some(name),
            bound: None,
        };
        let prop = DescriptorObject::new(DescriptorKind::Property {
            fget: Value::Builtin(Rc::new(getter)),
            fset: Value::None,
            fdel: Value::None,
            doc: Value::None,
        });
        dict.set_item_str(attr, Value::Descriptor(prop));
    }
    dict.set_str(vm.intern("__module__"), Value::str(module));
    let object = vm.types.object.clone();
    let t = TypeObject::new(name, vec![object], TypeKind::Native, dict);
    *t.module.borrow_mut() = Value::str(module);
    t
}

/// A new instance of `cls` (a native class or a Python subclass of one)
/// holding `state`: what a native `__new__` returns.
pub fn new_instance<T: 'static>(cls: Rc<TypeObject>, state: T) -> Value {
    let payload = Value::Native(Rc::new(NativePayload {
        data: Box::new(state),
        next: None,
    }));
    Value::Instance(InstanceObject::with_base(cls, payload))
}

/// A new instance of the iterator class `cls` holding `state`, stepped by
/// `next`; its `__iter__` must return the instance itself.
pub fn new_iterator<T: 'static>(cls: Rc<TypeObject>, state: T, next: NativeNext) -> Value {
    let payload = Value::Native(Rc::new(NativePayload {
        data: Box::new(state),
        next: Some(next),
    }));
    Value::Instance(InstanceObject::with_base(cls, payload))
}

/// The step and state of a native iterator (of its class or a subclass).
pub fn next_hook(v: &Value) -> Option<(NativeNext, &NativePayload)> {
    match v {
        Value::Instance(inst) => match &inst.base {
            Some(Value::Native(p)) => p.next.map(|f| (f, &**p)),
            _ => None,
        },
        _ => None,
    }
}

/// The step of `v` if `v` is an instance of a native iterator class itself,
/// which is its own iterator and whose `__next__` nobody has overridden.
#[inline]
pub fn exact_next_hook(v: &Value) -> Option<(NativeNext, &NativePayload)> {
    match v {
        Value::Instance(inst) if !inst.class.heap => next_hook(v),
        _ => None,
    }
}

/// The `T` state of `v`, if `v` is a native instance holding one.
pub fn payload_of<T: 'static>(v: &Value) -> Option<&T> {
    match v {
        Value::Instance(inst) => match &inst.base {
            Some(Value::Native(p)) => p.downcast::<T>(),
            _ => None,
        },
        _ => None,
    }
}

/// The `T` state of `v`, or `TypeError` naming `what` ("descriptor 'append'
/// for 'collections.deque' objects doesn't apply to a 'int' object").
pub fn state<'a, T: 'static>(vm: &mut Vm, v: &'a Value, what: &str) -> PyResult<&'a T> {
    if let Value::Instance(inst) = v {
        if let Some(Value::Native(p)) = &inst.base {
            if let Some(s) = p.downcast::<T>() {
                return Ok(s);
            }
        }
    }
    let t = vm.type_name(v);
    Err(vm.type_error(format!(
        "descriptor '{what}' requires a native object but received a '{t}'"
    )))
}

/// `self` and its `T` state for a method call.
pub fn self_state<'a, T: 'static>(vm: &mut Vm, args: &Args<'a>, what: &str) -> PyResult<&'a T> {
    match args.values.first() {
        Some(v) => state(vm, v, what),
        None => Err(vm.type_error(format!("descriptor '{what}' needs an argument"))),
    }
}

/// The class a native `__new__` was asked to build (its first argument).
pub fn new_target(vm: &mut Vm, args: &Args, owner: &str) -> PyResult<Rc<TypeObject>> {
    match args.values.first() {
        Some(Value::Type(t)) => Ok(t.clone()),
        Some(other) => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!("{owner}.__new__(X): X is not a type object ({t})")))
        }
        None => Err(vm.type_error(format!("{owner}.__new__(): not enough arguments"))),
    }
}
