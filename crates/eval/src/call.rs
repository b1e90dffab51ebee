//! Calling any callable from native code: Python functions (a nested run of
//! the eval loop), bound methods, built-in functions and methods, and types
//! (constructors).

use crate::args::Args;
use crate::error::PyResult;
use crate::objects::function::NativeKind;
use crate::value::Value;
use crate::vm::Vm;

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
                    let mut all = Vec::with_capacity(args.values.len() + 1);
                    all.push(recv.clone());
                    all.extend_from_slice(args.values);
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
                    (b.func)(self, args)
                }
            },
            Value::Method(m) => {
                let mut all = Vec::with_capacity(args.values.len() + 1);
                all.push(m.receiver.clone());
                all.extend_from_slice(args.values);
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
