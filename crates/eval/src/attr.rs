//! Attribute access (`getattr`, `setattr`, `delattr`, and the method lookup
//! behind `LOAD_METHOD`): per-object special attributes first, then the type's
//! MRO, binding built-in methods to their receiver.

use std::rc::Rc;

use crate::error::PyResult;
use crate::objects::function::{BoundMethod, BuiltinFunction, NativeKind};
use crate::objects::{DictObject, StrObject};
use crate::value::Value;
use crate::vm::Vm;

/// What `LOAD_METHOD` found.
pub enum MethodLookup {
    /// An unbound function/descriptor to call with the receiver prepended.
    Unbound(Value),
    /// Any other attribute value, called as is.
    Plain(Value),
}

impl Vm {
    pub fn get_attr(&mut self, obj: &Value, name: &Rc<StrObject>) -> PyResult<Value> {
        match self.get_attr_inner(obj, name)? {
            Some(v) => Ok(v),
            None => Err(self.no_attribute(obj, name)),
        }
    }

    pub fn get_attr_opt(&mut self, obj: &Value, name: &str) -> PyResult<Option<Value>> {
        let n = self.intern(name);
        self.get_attr_inner(obj, &n)
    }

    pub fn no_attribute(&mut self, obj: &Value, name: &StrObject) -> crate::error::PyErr {
        let e = self.no_attribute_inner(obj, name);
        // What CPython 3.10 records for "Did you mean" suggestions.
        e.set_attr("name", Value::str(&name.to_string()));
        e.set_attr("obj", obj.clone());
        e
    }

    fn no_attribute_inner(&mut self, obj: &Value, name: &StrObject) -> crate::error::PyErr {
        match obj {
            Value::Module(m) => {
                self.attribute_error(format!("module '{}' has no attribute '{name}'", m.name))
            }
            Value::Type(t) => self.attribute_error(format!(
                "type object '{}' has no attribute '{name}'",
                t.name
            )),
            _ => {
                let t = self.type_name(obj);
                self.attribute_error(format!("'{t}' object has no attribute '{name}'"))
            }
        }
    }

    fn get_attr_inner(&mut self, obj: &Value, name: &Rc<StrObject>) -> PyResult<Option<Value>> {
        if let Some(v) = self.special_attr(obj, name)? {
            return Ok(Some(v));
        }
        if let Value::Type(t) = obj {
            return Ok(t.lookup(name).map(|v| bind_class_attr(v, obj)));
        }
        let class = self.type_of(obj).clone();
        let found = class.lookup(name);
        Ok(found.map(|v| bind(v, obj, &class)))
    }

    /// `LOAD_METHOD`: avoid creating a bound method for method calls.
    pub fn load_method(&mut self, obj: &Value, name: &Rc<StrObject>) -> PyResult<MethodLookup> {
        let instance_attr = matches!(
            obj,
            Value::Type(_) | Value::Module(_) | Value::Function(_) | Value::Exception(_)
        );
        if !instance_attr {
            if let Some(v) = self.type_of(obj).lookup(name) {
                if let Value::Builtin(b) = &v {
                    if b.kind == NativeKind::Method && b.bound.is_none() {
                        return Ok(MethodLookup::Unbound(v));
                    }
                }
            }
        }
        Ok(MethodLookup::Plain(self.get_attr(obj, name)?))
    }

    /// Attributes stored on the object itself or computed per type.
    fn special_attr(&mut self, obj: &Value, name: &StrObject) -> PyResult<Option<Value>> {
        let Some(n) = name.as_ascii() else {
            return Ok(None);
        };
        if n == "__class__" {
            return Ok(Some(Value::Type(self.type_of(obj).clone())));
        }
        Ok(match obj {
            Value::Module(m) => {
                if n == "__dict__" {
                    return Ok(Some(Value::Dict(m.dict.clone())));
                }
                m.dict.get_str(name)
            }
            Value::Function(f) => match n {
                "__name__" => Some(Value::Str(f.name.borrow().clone())),
                "__qualname__" => Some(Value::Str(f.qualname.borrow().clone())),
                "__doc__" => Some(f.doc.borrow().clone()),
                "__module__" => Some(f.module.clone()),
                "__defaults__" => Some(
                    f.defaults
                        .borrow()
                        .clone()
                        .map_or(Value::None, Value::Tuple),
                ),
                "__kwdefaults__" => Some(
                    f.kwdefaults
                        .borrow()
                        .clone()
                        .map_or(Value::None, Value::Dict),
                ),
                "__code__" => Some(Value::Code(f.code.clone())),
                "__globals__" => Some(Value::Dict(f.globals.clone())),
                "__closure__" => Some(f.closure.clone().map_or(Value::None, Value::Tuple)),
                "__annotations__" => {
                    let mut a = f.annotations.borrow_mut();
                    Some(
                        a.get_or_insert_with(|| Value::Dict(DictObject::new()))
                            .clone(),
                    )
                }
                "__dict__" => {
                    let mut d = f.dict.borrow_mut();
                    Some(Value::Dict(d.get_or_insert_with(DictObject::new).clone()))
                }
                _ => f.dict.borrow().as_ref().and_then(|d| d.get_str(name)),
            },
            Value::Builtin(b) => match n {
                "__name__" | "__qualname__" => Some(Value::str(b.name)),
                "__self__" => Some(b.bound.clone().unwrap_or(Value::None)),
                "__doc__" => Some(Value::None),
                _ => None,
            },
            Value::Method(m) => match n {
                "__self__" => Some(m.receiver.clone()),
                "__func__" => Some(m.func.clone()),
                _ => return self.get_attr_inner(&m.func.clone(), &StrObject::new(n)),
            },
            Value::Exception(e) => match n {
                "args" => Some(Value::Tuple(e.args())),
                "__traceback__" => Some(
                    e.traceback
                        .borrow()
                        .clone()
                        .map_or(Value::None, Value::Traceback),
                ),
                "__cause__" => Some(e.cause.borrow().clone().unwrap_or(Value::None)),
                "__context__" => Some(e.context.borrow().clone().unwrap_or(Value::None)),
                "__suppress_context__" => Some(Value::Bool(e.suppress_context.get())),
                "__class__" => Some(Value::Type(e.class.clone())),
                "__dict__" => {
                    let mut d = e.dict.borrow_mut();
                    Some(Value::Dict(d.get_or_insert_with(DictObject::new).clone()))
                }
                _ => e
                    .get_attr(n)
                    .or_else(|| crate::builtins::exceptions::derived_attr(e, n)),
            },
            Value::Type(t) => match n {
                "__name__" => Some(Value::str(&t.name)),
                "__qualname__" => Some(Value::str(&t.qualname.borrow())),
                "__module__" => Some(t.module.borrow().clone()),
                "__mro__" => Some(Value::tuple(t.mro().into_iter().map(Value::Type).collect())),
                "__bases__" => Some(Value::tuple(
                    t.bases.borrow().iter().cloned().map(Value::Type).collect(),
                )),
                "__base__" => Some(
                    t.bases
                        .borrow()
                        .first()
                        .cloned()
                        .map_or(Value::None, Value::Type),
                ),
                "__doc__" => Some(t.dict.get_str(name).unwrap_or(Value::None)),
                _ => None,
            },
            Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => match n {
                "real" | "numerator" => Some(match obj {
                    Value::Bool(b) => Value::Int(i64::from(*b)),
                    _ => obj.clone(),
                }),
                "imag" => Some(Value::Int(0)),
                "denominator" => Some(Value::Int(1)),
                _ => None,
            },
            Value::Float(f) => match n {
                "real" => Some(Value::Float(*f)),
                "imag" => Some(Value::Float(0.0)),
                _ => None,
            },
            Value::Complex(c) => match n {
                "real" => Some(Value::Float(c.0)),
                "imag" => Some(Value::Float(c.1)),
                _ => None,
            },
            Value::Range(r) => {
                let (start, stop, step) = r.parts();
                match n {
                    "start" => Some(Value::from_bigint(start)),
                    "stop" => Some(Value::from_bigint(stop)),
                    "step" => Some(Value::from_bigint(step)),
                    _ => None,
                }
            }
            Value::Slice(s) => match n {
                "start" => Some(s.start.clone()),
                "stop" => Some(s.stop.clone()),
                "step" => Some(s.step.clone()),
                _ => None,
            },
            Value::Code(c) => match n {
                "co_name" => Some(Value::Str(c.name.clone())),
                "co_filename" => Some(Value::Str(c.filename.clone())),
                "co_firstlineno" => Some(Value::Int(i64::from(c.raw.firstlineno))),
                "co_argcount" => Some(Value::Int(i64::from(c.raw.argcount))),
                "co_posonlyargcount" => Some(Value::Int(i64::from(c.raw.posonlyargcount))),
                "co_kwonlyargcount" => Some(Value::Int(i64::from(c.raw.kwonlyargcount))),
                "co_nlocals" => Some(Value::Int(i64::from(c.raw.nlocals))),
                "co_flags" => Some(Value::Int(i64::from(c.raw.flags))),
                "co_varnames" => Some(Value::tuple(
                    c.varnames.iter().cloned().map(Value::Str).collect(),
                )),
                "co_names" => Some(Value::tuple(
                    c.names.iter().cloned().map(Value::Str).collect(),
                )),
                "co_cellvars" => Some(Value::tuple(
                    c.derefs[..c.n_cells()]
                        .iter()
                        .cloned()
                        .map(Value::Str)
                        .collect(),
                )),
                "co_freevars" => Some(Value::tuple(
                    c.derefs[c.n_cells()..]
                        .iter()
                        .cloned()
                        .map(Value::Str)
                        .collect(),
                )),
                "co_stacksize" => Some(Value::Int(i64::from(c.raw.stacksize))),
                "co_consts" => Some(Value::tuple(c.consts.to_vec())),
                "co_code" => Some(Value::Bytes(crate::objects::BytesObject::new(
                    c.raw.code.to_vec(),
                ))),
                _ => None,
            },
            Value::Cell(c) => match n {
                "cell_contents" => match c.get() {
                    Some(v) => Some(v),
                    None => return Err(self.new_error("ValueError", "Cell is empty")),
                },
                _ => None,
            },
            Value::Traceback(tb) => match n {
                "tb_lineno" => Some(tb.lineno.map_or(Value::None, |l| Value::Int(i64::from(l)))),
                "tb_next" => Some(tb.next.clone().map_or(Value::None, Value::Traceback)),
                "tb_lasti" => Some(Value::Int(tb.ip as i64 * 2)),
                _ => None,
            },
            Value::File(f) => match n {
                "name" => Some(Value::str(&f.name)),
                "mode" => Some(Value::str(&f.mode)),
                "closed" => Some(Value::Bool(f.is_closed())),
                _ => None,
            },
            _ => None,
        })
    }

    pub fn set_attr(&mut self, obj: &Value, name: &Rc<StrObject>, value: Value) -> PyResult<()> {
        match obj {
            Value::Function(f) => {
                match name.as_ascii() {
                    Some("__name__") => {
                        if let Value::Str(s) = &value {
                            *f.name.borrow_mut() = s.clone();
                            return Ok(());
                        }
                        return Err(self.type_error("__name__ must be set to a string object"));
                    }
                    Some("__qualname__") => {
                        if let Value::Str(s) = &value {
                            *f.qualname.borrow_mut() = s.clone();
                            return Ok(());
                        }
                        return Err(self.type_error("__qualname__ must be set to a string object"));
                    }
                    Some("__doc__") => {
                        *f.doc.borrow_mut() = value;
                        return Ok(());
                    }
                    Some("__defaults__") => {
                        *f.defaults.borrow_mut() = match value {
                            Value::Tuple(t) => Some(t),
                            Value::None => None,
                            _ => {
                                return Err(
                                    self.type_error("__defaults__ must be set to a tuple object")
                                )
                            }
                        };
                        return Ok(());
                    }
                    Some("__kwdefaults__") => {
                        *f.kwdefaults.borrow_mut() = match value {
                            Value::Dict(d) => Some(d),
                            Value::None => None,
                            _ => {
                                return Err(
                                    self.type_error("__kwdefaults__ must be set to a dict object")
                                )
                            }
                        };
                        return Ok(());
                    }
                    Some("__annotations__") => {
                        *f.annotations.borrow_mut() = Some(value);
                        return Ok(());
                    }
                    _ => {}
                }
                let mut d = f.dict.borrow_mut();
                d.get_or_insert_with(DictObject::new)
                    .set_str(name.clone(), value);
                Ok(())
            }
            Value::Module(m) => {
                m.dict.set_str(name.clone(), value);
                Ok(())
            }
            Value::Exception(e) => {
                match name.as_ascii() {
                    Some("args") => {
                        let items = self.collect(&value)?;
                        *e.args.borrow_mut() = crate::objects::TupleObject::new(items);
                    }
                    Some("__cause__") => {
                        *e.cause.borrow_mut() = (!value.is_none()).then_some(value);
                        e.suppress_context.set(true);
                    }
                    Some("__context__") => {
                        *e.context.borrow_mut() = (!value.is_none()).then_some(value)
                    }
                    Some("__suppress_context__") => {
                        let b = self.truthy(&value)?;
                        e.suppress_context.set(b);
                    }
                    Some("__traceback__") => {
                        *e.traceback.borrow_mut() = match value {
                            Value::Traceback(t) => Some(t),
                            _ => None,
                        };
                    }
                    _ => e.set_attr(&name.to_string(), value),
                }
                Ok(())
            }
            Value::Type(t) => {
                if t.module_name() == "builtins" {
                    return Err(self.type_error(format!(
                        "cannot set '{name}' attribute of immutable type '{}'",
                        t.name
                    )));
                }
                t.dict.set_str(name.clone(), value);
                Ok(())
            }
            _ => {
                let computed = self.special_attr(obj, name)?.is_some();
                let has = self.type_of(obj).lookup(name).is_some();
                let t = self.type_name(obj);
                if computed {
                    Err(self.attribute_error(format!(
                        "attribute '{name}' of '{t}' objects is not writable"
                    )))
                } else if has {
                    Err(self
                        .attribute_error(format!("'{t}' object attribute '{name}' is read-only")))
                } else {
                    Err(self.attribute_error(format!("'{t}' object has no attribute '{name}'")))
                }
            }
        }
    }

    pub fn del_attr(&mut self, obj: &Value, name: &Rc<StrObject>) -> PyResult<()> {
        let removed = match obj {
            Value::Function(f) => f
                .dict
                .borrow()
                .as_ref()
                .and_then(|d| d.remove_str(name))
                .is_some(),
            Value::Module(m) => m.dict.remove_str(name).is_some(),
            Value::Exception(e) => e
                .dict
                .borrow()
                .as_ref()
                .and_then(|d| d.remove_str(name))
                .is_some(),
            _ => false,
        };
        if removed {
            Ok(())
        } else {
            Err(self.no_attribute(obj, name))
        }
    }
}

/// Bind a type attribute found for an instance.
/// Bind a type attribute found for an instance (class methods bind its class).
fn bind(v: Value, receiver: &Value, class_of: &Rc<crate::objects::TypeObject>) -> Value {
    match &v {
        Value::Builtin(b) if b.kind == NativeKind::Method && b.bound.is_none() => {
            Value::Builtin(Rc::new(BuiltinFunction {
                name: b.name,
                func: b.func,
                kind: b.kind,
                owner: b.owner,
                bound: Some(receiver.clone()),
            }))
        }
        Value::Builtin(b) if b.kind == NativeKind::ClassMethod => {
            Value::Builtin(Rc::new(BuiltinFunction {
                name: b.name,
                func: b.func,
                kind: b.kind,
                owner: b.owner,
                bound: Some(Value::Type(class_of.clone())),
            }))
        }
        Value::Function(_) => Value::Method(Rc::new(BoundMethod {
            func: v.clone(),
            receiver: receiver.clone(),
        })),
        _ => v,
    }
}

/// Bind a type attribute looked up on the class itself: only class methods bind.
fn bind_class_attr(v: Value, class: &Value) -> Value {
    match &v {
        Value::Builtin(b) if b.kind == NativeKind::ClassMethod => {
            Value::Builtin(Rc::new(BuiltinFunction {
                name: b.name,
                func: b.func,
                kind: b.kind,
                owner: b.owner,
                bound: Some(class.clone()),
            }))
        }
        _ => v,
    }
}
