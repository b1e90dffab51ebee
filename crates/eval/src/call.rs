//! Calling any callable from native code: Python functions (a nested run of
//! the eval loop), bound methods, built-in functions and methods, and types
//! (constructors).

use crate::args::Args;
use crate::error::PyResult;
use crate::objects::function::NativeKind;
use crate::value::Value;
use crate::vm::Vm;

/// `receiver` followed by `args`, on the stack for the usual few arguments:
/// a bound method's call allocates nothing for its argument list.
pub fn with_receiver(receiver: &Value, args: &[Value]) -> smallvec::SmallVec<[Value; 6]> {
    // Pushes, not `with_capacity` + `extend`: smallvec's generic extend cost
    // about 180 instructions per call here (callgrind, deque_queues).
    let mut all = smallvec::SmallVec::new();
    if args.len() >= 6 {
        all.reserve_exact(args.len() + 1);
    }
    all.push(receiver.clone());
    for a in args {
        all.push(a.clone());
    }
    all
}

impl Vm {
    /// `callable(*args)`.
    pub fn call(&mut self, callable: &Value, args: &[Value]) -> PyResult<Value> {
        self.call_args(callable, Args::new(args))
    }

    pub fn call_args(&mut self, callable: &Value, args: Args) -> PyResult<Value> {
        match callable {
            Value::Function(f) => crate::eval::call_function(self, f, args),
            Value::Builtin(b) => match &b.bound {
                Some(recv) => {
                    let all = with_receiver(recv, args.values);
                    (b.func)(self, Args::with_kwargs(&all, args.kwnames))
                }
                None => {
                    if b.kind == NativeKind::Method && args.values.is_empty() {
                        let owner = b.owner.unwrap_or("object");
                        return Err(self.type_error(format!(
                            "unbound method {owner}.{}() needs an argument",
                            b.name
                        )));
                    }
                    if b.kind == NativeKind::Method {
                        if let Some(r) = self.call_unbound_method(b, args)? {
                            return Ok(r);
                        }
                    }
                    (b.func)(self, args)
                }
            },
            Value::Method(m) => {
                let all = with_receiver(&m.receiver, args.values);
                self.call_args(&m.func.clone(), Args::with_kwargs(&all, args.kwnames))
            }
            Value::Type(t) => crate::builtins::types::construct(self, t.clone(), args),
            Value::Instance(_) => self.user_call(callable, args),
            // Static methods are callable since 3.10.
            Value::Descriptor(d) => match &d.kind {
                crate::objects::descriptor::DescriptorKind::StaticMethod(f) => {
                    self.call_args(&f.clone(), args)
                }
                _ => {
                    let t = self.type_name(callable);
                    Err(self.type_error(format!("'{t}' object is not callable")))
                }
            },
            _ => {
                let t = self.type_name(callable);
                Err(self.type_error(format!("'{t}' object is not callable")))
            }
        }
    }

    /// `list.append(obj, x)`: check that `obj` is a list (CPython's
    /// descriptor check), and pass a list subclass instance's list value.
    /// `None` means "call the native with the arguments as they are".
    /// Whether native method `b` may take `receiver` as it is: its type
    /// is the method's owner or a subclass of it (an exception class calling
    /// `BaseException.__init__`), found on the MRO without interning the
    /// owner's name for a builtins lookup.
    pub fn owns_method(&self, b: &crate::objects::BuiltinFunction, receiver: &Value) -> bool {
        let Some(owner) = b.owner else {
            return false;
        };
        let t = self.type_of(receiver);
        t.name.borrow().as_str() == owner
            || t.mro_rest
                .borrow()
                .iter()
                .any(|c| !c.heap && c.name.borrow().as_str() == owner)
    }

    fn call_unbound_method(
        &mut self,
        b: &crate::objects::BuiltinFunction,
        args: Args,
    ) -> PyResult<Option<Value>> {
        let Some(owner) = b.owner.filter(|o| *o != "object") else {
            return Ok(None);
        };
        let Some(receiver) = args.values.first() else {
            return Ok(None);
        };
        // The usual case, a method called on its own type's value (or a
        // native class's instance): nothing to check or unwrap.
        if !crate::slots::extends_builtin(receiver) && self.owns_method(b, receiver) {
            return Ok(None);
        }
        let owner_key = self.intern(owner);
        let Some(Value::Type(owner_type)) = self.builtins.get_str(&owner_key) else {
            return Ok(None);
        };
        if !self.type_of(receiver).is_subtype(&owner_type) {
            let t = self.type_name(receiver);
            let name = b.name;
            return Err(self.type_error(if name.starts_with("__") {
                format!("descriptor '{name}' requires a '{owner}' object but received a '{t}'")
            } else {
                format!("descriptor '{name}' for '{owner}' objects doesn't apply to a '{t}' object")
            }));
        }
        match crate::slots::instance_base(receiver) {
            Some(base) => {
                let mut all = args.values.to_vec();
                all[0] = base;
                (b.func)(self, Args::with_kwargs(&all, args.kwnames)).map(Some)
            }
            None => Ok(None),
        }
    }

    pub fn is_callable(&self, v: &Value) -> bool {
        match v {
            Value::Function(_) | Value::Builtin(_) | Value::Method(_) | Value::Type(_) => true,
            Value::Descriptor(d) => matches!(
                d.kind,
                crate::objects::descriptor::DescriptorKind::StaticMethod(_)
            ),
            Value::Instance(i) => {
                i.class.heap
                    && i.class
                        .lookup(&self.special_names[crate::slots::Special::__call__ as usize])
                        .is_some()
            }
            _ => false,
        }
    }
}
