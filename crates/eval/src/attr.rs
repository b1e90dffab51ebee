//! Attribute access (`getattr`, `setattr`, `delattr`, and the method lookup
//! behind `LOAD_METHOD`): per-object special attributes first, then the type's
//! MRO, binding built-in methods to their receiver.

use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::objects::code::AttrCache;
use crate::objects::descriptor::DescriptorKind;
use crate::objects::function::{BoundMethod, BuiltinFunction, NativeKind};
use crate::objects::{DictObject, StrObject, TypeObject};
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
        let result = match self.get_attr_inner(obj, name) {
            Ok(Some(v)) => return Ok(v),
            Ok(None) => match obj {
                Value::Module(m) => self.module_getattr(m, name),
                _ => return Err(self.no_attribute(obj, name)),
            },
            Err(e) => Err(e),
        };
        result.map_err(|e| self.attribute_error_context(e, obj, name))
    }

    /// An AttributeError escaping a lookup (from a `__getattr__`, a property,
    /// a module hook) records which lookup failed, as CPython 3.10's
    /// `set_attribute_error_context` does, so tracebacks can suggest a name.
    fn attribute_error_context(&mut self, e: PyErr, obj: &Value, name: &StrObject) -> PyErr {
        if self.is_instance_of(&e, "AttributeError") {
            e.set_attr("name", Value::str(&name.to_string()));
            e.set_attr("obj", obj.clone());
        }
        e
    }

    /// A module attribute that is not in its dict: the module's own
    /// `__getattr__` (PEP 562), else AttributeError.
    fn module_getattr(
        &mut self,
        m: &Rc<crate::objects::ModuleObject>,
        name: &Rc<StrObject>,
    ) -> PyResult<Value> {
        let key = self.intern("__getattr__");
        if let Some(hook) = m.dict.get_str(&key) {
            return self.call(&hook, &[Value::Str(name.clone())]);
        }
        Err(self.no_attribute(&Value::Module(m.clone()), name))
    }

    pub fn get_attr_opt(&mut self, obj: &Value, name: &str) -> PyResult<Option<Value>> {
        let n = self.intern(name);
        let found = self.get_attr_inner(obj, &n)?;
        if let (None, Value::Module(m)) = (&found, obj) {
            return match self.module_getattr(m, &n) {
                Ok(v) => Ok(Some(v)),
                Err(e) if self.is_instance_of(&e, "AttributeError") => Ok(None),
                Err(e) => Err(e),
            };
        }
        Ok(found)
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
                let key = self.intern("__name__");
                let mod_name = match m.dict.get_str(&key) {
                    Some(Value::Str(s)) => s.to_string(),
                    _ => m.name.to_string(),
                };
                if self
                    .initializing
                    .iter()
                    .any(|n| n.to_rust() == mod_name.as_str())
                {
                    self.attribute_error(format!(
                        "partially initialized module '{mod_name}' has no attribute '{name}' \
                         (most likely due to a circular import)"
                    ))
                } else {
                    self.attribute_error(format!("module '{mod_name}' has no attribute '{name}'"))
                }
            }
            Value::Type(t) => self.attribute_error(format!(
                "type object '{}' has no attribute '{name}'",
                t.name.borrow()
            )),
            _ => {
                let t = self.type_name(obj);
                self.attribute_error(format!("'{t}' object has no attribute '{name}'"))
            }
        }
    }

    fn get_attr_inner(&mut self, obj: &Value, name: &Rc<StrObject>) -> PyResult<Option<Value>> {
        match obj {
            Value::Instance(i) => {
                let hooks = self.attr_hooks(&i.class);
                if hooks & (crate::slots::HOOK_GETATTRIBUTE | crate::slots::HOOK_GETATTR) == 0 {
                    return generic_get_attr(self, obj, name);
                }
                let cls = i.class.clone();
                return self.instance_get_attr(obj, &cls, name);
            }
            Value::Type(t) => return self.type_get_attr(obj, t, name),
            Value::Super(s) => return self.super_get_attr(s, name),
            _ => {}
        }
        let class = self.type_of(obj).clone();
        if class.heap {
            // A subclass of a built-in type (an exception class): its
            // properties and other data descriptors come first.
            if let Some(d) = self.lookup_type(&class, name) {
                if self.is_data_descriptor(&d) {
                    return self.descr_get(d, Some(obj), &class).map(Some);
                }
            }
            if let Some(ga) = self.class_special(&class, crate::slots::Special::__getattr__) {
                if let Some(v) = generic_get_attr(self, obj, name)? {
                    return Ok(Some(v));
                }
                let f = self.descr_get(ga, Some(obj), &class)?;
                return self.call(&f, &[Value::Str(name.clone())]).map(Some);
            }
        }
        if let Some(v) = self.special_attr(obj, name)? {
            return Ok(Some(v));
        }
        match self.lookup_type(&class, name) {
            Some(v) => self.descr_get(v, Some(obj), &class).map(Some),
            None => Ok(None),
        }
    }

    /// Attribute lookup on an instance of a class: `__getattribute__`
    /// (usually `object`'s), then `__getattr__` for what it does not find.
    fn instance_get_attr(
        &mut self,
        obj: &Value,
        cls: &Rc<TypeObject>,
        name: &Rc<StrObject>,
    ) -> PyResult<Option<Value>> {
        if let Some(ga) = self.class_special(cls, crate::slots::Special::__getattribute__) {
            let f = self.descr_get(ga, Some(obj), cls)?;
            match self.call(&f, &[Value::Str(name.clone())]) {
                Ok(v) => return Ok(Some(v)),
                Err(e) if self.is_instance_of(&e, "AttributeError") => {
                    if self
                        .class_special(cls, crate::slots::Special::__getattr__)
                        .is_none()
                    {
                        return Err(e);
                    }
                }
                Err(e) => return Err(e),
            }
        } else {
            match generic_get_attr(self, obj, name) {
                Ok(Some(v)) => return Ok(Some(v)),
                Ok(None) => {}
                // A property raising AttributeError falls back to __getattr__.
                Err(e)
                    if self.is_instance_of(&e, "AttributeError")
                        && self
                            .class_special(cls, crate::slots::Special::__getattr__)
                            .is_some() => {}
                Err(e) => return Err(e),
            }
        }
        match self.class_special(cls, crate::slots::Special::__getattr__) {
            Some(ga) => {
                let f = self.descr_get(ga, Some(obj), cls)?;
                self.call(&f, &[Value::Str(name.clone())]).map(Some)
            }
            None => Ok(None),
        }
    }

    /// `Class.name`: the metaclass's data descriptors, then the class's MRO
    /// (descriptors bound with no instance), then the metaclass's attributes
    /// bound to the class.
    fn type_get_attr(
        &mut self,
        obj: &Value,
        t: &Rc<TypeObject>,
        name: &Rc<StrObject>,
    ) -> PyResult<Option<Value>> {
        if let Some(v) = self.special_attr(obj, name)? {
            return Ok(Some(v));
        }
        let meta = t
            .metaclass
            .clone()
            .unwrap_or_else(|| self.types.type_.clone());
        let meta_attr = self.lookup_type(&meta, name);
        let meta_data_descr = match &meta_attr {
            Some(d) if meta.heap && self.is_data_descriptor(d) => Some(d.clone()),
            _ => None,
        };
        let found = if let Some(d) = meta_data_descr {
            Some(self.descr_get(d, Some(obj), &meta))
        } else if let Some(v) = self.lookup_type(t, name) {
            Some(self.descr_get(v, None, t))
        } else {
            meta_attr.map(|v| self.descr_get(v, Some(obj), &meta))
        };
        match found {
            Some(Ok(v)) => return Ok(Some(v)),
            Some(Err(e)) if !self.is_instance_of(&e, "AttributeError") => return Err(e),
            _ => {}
        }
        // The metaclass's __getattr__ answers for a missing attribute, and
        // also when a descriptor raised AttributeError (slot_tp_getattr_hook).
        if let Some(ga) = self.class_special(&meta, crate::slots::Special::__getattr__) {
            let f = self.descr_get(ga, Some(obj), &meta)?;
            return self.call(&f, &[Value::Str(name.clone())]).map(Some);
        }
        match found {
            Some(Err(e)) => Err(e),
            _ => Ok(None),
        }
    }

    /// `super().name`: the MRO of the object's type after the class.
    fn super_get_attr(
        &mut self,
        s: &Rc<crate::objects::SuperObject>,
        name: &Rc<StrObject>,
    ) -> PyResult<Option<Value>> {
        // `super().__class__` is the super type, not the object's class.
        if name.eq_ascii("__class__") {
            return Ok(Some(Value::Type(self.types.super_.clone())));
        }
        let mro = s.obj_type.mro();
        let start = mro
            .iter()
            .position(|t| Rc::ptr_eq(t, &s.this_class))
            .map_or(mro.len(), |p| p + 1);
        let obj = match &s.obj {
            Value::Type(o) if Rc::ptr_eq(o, &s.obj_type) => None,
            other => Some(other.clone()),
        };
        for t in &mro[start..] {
            if let Some(v) = t.dict.get_str(name) {
                return self.descr_get(v, obj.as_ref(), &s.obj_type).map(Some);
            }
        }
        if name.eq_ascii("__class__") {
            return Ok(Some(Value::Type(self.types.super_.clone())));
        }
        Ok(None)
    }

    /// Whether a class attribute takes precedence over the instance dict:
    /// a property, or an object whose class defines `__set__`/`__delete__`.
    pub fn is_data_descriptor(&mut self, d: &Value) -> bool {
        match d {
            Value::Descriptor(d) => matches!(
                d.kind,
                DescriptorKind::Property { .. }
                    | DescriptorKind::Member { .. }
                    | DescriptorKind::GetSet { .. }
                    | DescriptorKind::TupleItem { .. }
            ),
            Value::Instance(i) => {
                let cls = i.class.clone();
                self.class_special(&cls, crate::slots::Special::__set__)
                    .is_some()
                    || self
                        .class_special(&cls, crate::slots::Special::__delete__)
                        .is_some()
            }
            _ => false,
        }
    }

    /// The descriptor protocol's `__get__`: what a class attribute `v` found
    /// on `owner` becomes when read through `obj` (or through the class).
    pub fn descr_get(
        &mut self,
        v: Value,
        obj: Option<&Value>,
        owner: &Rc<TypeObject>,
    ) -> PyResult<Value> {
        Ok(match &v {
            Value::Function(_) => match obj {
                Some(o) => Value::Method(Rc::new(BoundMethod {
                    func: v.clone(),
                    receiver: o.clone(),
                })),
                None => v,
            },
            Value::Builtin(b) if b.kind == NativeKind::Method && b.bound.is_none() => match obj {
                Some(o) => {
                    // Methods of the built-in type a class extends work on
                    // the extended value; `object`'s work on the instance.
                    // (Other methods, such as a struct sequence's own
                    // `__repr__`, take the instance.)
                    let receiver = match crate::slots::instance_base(o) {
                        Some(base)
                            if b.owner.is_some_and(|w| {
                                w != "object" && self.type_of(&base).name.borrow().as_str() == w
                            }) =>
                        {
                            base
                        }
                        _ => o.clone(),
                    };
                    bind_builtin(b, receiver)
                }
                None => v,
            },
            Value::Builtin(b) if b.kind == NativeKind::ClassMethod => {
                bind_builtin(b, Value::Type(owner.clone()))
            }
            Value::Descriptor(d) => match &d.kind {
                DescriptorKind::StaticMethod(f) => f.clone(),
                // `owner` is the type the lookup went through: the
                // instance's type, or the class itself.
                // 3.9+: a wrapped descriptor (a property) is itself bound to
                // the class.
                DescriptorKind::ClassMethod(f @ (Value::Descriptor(_) | Value::Instance(_))) => {
                    let cls = Value::Type(owner.clone());
                    let meta = self.type_of(&cls).clone();
                    return self.descr_get(f.clone(), Some(&cls), &meta);
                }
                DescriptorKind::ClassMethod(f) => Value::Method(Rc::new(BoundMethod {
                    func: f.clone(),
                    receiver: Value::Type(owner.clone()),
                })),
                DescriptorKind::GetSet { name, .. } => match (obj, *name) {
                    (Some(o), "__class__") => Value::Type(self.type_of(o).clone()),
                    (Some(Value::Instance(i)), "__dict__") => Value::Dict(i.dict.clone()),
                    (Some(o), "__dict__") => {
                        match self.special_attr(o, &StrObject::new("__dict__"))? {
                            Some(d) => d,
                            None => v.clone(),
                        }
                    }
                    (Some(Value::Instance(_)), _) => Value::None,
                    _ => v.clone(),
                },
                DescriptorKind::TupleItem { index, .. } => match obj {
                    None => v.clone(),
                    Some(o) => return tuple_item(self, o, *index),
                },
                DescriptorKind::Member { name, index, .. } => match obj {
                    Some(Value::Instance(i)) => {
                        let v = i.slots.borrow().get(*index).cloned().flatten();
                        match v {
                            Some(v) => v,
                            None => {
                                return Err(self.no_attribute(obj.unwrap_or(&Value::None), name))
                            }
                        }
                    }
                    _ => v.clone(),
                },
                DescriptorKind::Property { fget, .. } => match obj {
                    None => v.clone(),
                    Some(o) => {
                        if fget.is_none() {
                            return Err(self.attribute_error(property_message(d, "unreadable")));
                        }
                        let fget = fget.clone();
                        self.call(&fget, std::slice::from_ref(o))?
                    }
                },
            },
            Value::Instance(_) => match self.user_special(&v, crate::slots::Special::__get__) {
                Some(get) => {
                    let get = self.descr_get(get, Some(&v), &self.type_of(&v).clone())?;
                    let o = obj.cloned().unwrap_or_default();
                    self.call(&get, &[o, Value::Type(owner.clone())])?
                }
                None => v,
            },
            _ => v,
        })
    }

    /// The fast path of `LOAD_ATTR` on an instance: an attribute in its
    /// `__dict__` that no class attribute or attribute hook can override.
    /// What the class allows is remembered in the instruction's `cache`
    /// (CPython 3.10's `LOAD_ATTR` opcache does the same job).
    #[inline]
    pub fn cached_instance_attr(
        &mut self,
        inst: &crate::objects::InstanceObject,
        name: &Rc<StrObject>,
        cache: &AttrCache,
    ) -> Option<Value> {
        let version = inst.class.version.get();
        if cache.load_version.get() != version {
            if self.attr_hooks(&inst.class) & crate::slots::HOOK_GETATTRIBUTE != 0
                || self.lookup_type(&inst.class, name).is_some()
            {
                return None;
            }
            cache.load_version.set(version);
        }
        inst.dict.get_str_hinted(name, &cache.hint)
    }

    /// The fast path of `STORE_ATTR` on an instance: straight into its
    /// `__dict__` when the class has no `__setattr__` and nothing of that
    /// name (so no data descriptor). Gives the value back otherwise.
    #[inline]
    pub fn cached_instance_store(
        &mut self,
        inst: &crate::objects::InstanceObject,
        name: &Rc<StrObject>,
        value: Value,
        cache: &AttrCache,
    ) -> Result<(), Value> {
        let version = inst.class.version.get();
        if cache.store_version.get() != version {
            if self.attr_hooks(&inst.class) & crate::slots::HOOK_SETATTR != 0
                || inst.class.dictless.get()
                || self.lookup_type(&inst.class, name).is_some()
            {
                return Err(value);
            }
            cache.store_version.set(version);
        }
        inst.dict.set_str_hinted(name, value, &cache.hint);
        Ok(())
    }

    /// The fast path of `LOAD_METHOD` on an instance: a plain function of
    /// its class, not shadowed by the instance dict (checked every time) or
    /// a `__getattribute__`.
    #[inline]
    pub fn cached_instance_method(
        &mut self,
        inst: &crate::objects::InstanceObject,
        name: &Rc<StrObject>,
        cache: &AttrCache,
    ) -> Option<Value> {
        let version = inst.class.version.get();
        if cache.method_version.get() != version {
            let method = self.lookup_type(&inst.class, name)?;
            // Plain functions, and native methods taking the instance itself
            // (a native class's, such as `deque.append`), as `load_method`.
            let unbound = match &method {
                Value::Function(_) => true,
                Value::Builtin(b) => b.kind == NativeKind::Method && b.bound.is_none(),
                _ => false,
            };
            if !unbound || self.attr_hooks(&inst.class) & crate::slots::HOOK_GETATTRIBUTE != 0 {
                return None;
            }
            *cache.method.borrow_mut() = Some(method);
            cache.method_version.set(version);
        }
        if inst.dict.get_str(name).is_some() {
            return None;
        }
        let method = cache.method.borrow().clone()?;
        // An extended built-in value (`class L(list)`) needs its methods
        // bound through `descr_get`, as `load_method` does.
        if matches!(method, Value::Builtin(_)) && crate::slots::extends_builtin_instance(inst) {
            return None;
        }
        Some(method)
    }

    /// `LOAD_METHOD`: avoid creating a bound method for method calls.
    pub fn load_method(&mut self, obj: &Value, name: &Rc<StrObject>) -> PyResult<MethodLookup> {
        match obj {
            Value::Instance(i) => {
                // A plain function on the class, not shadowed by the
                // instance dict or a custom __getattribute__.
                // Also a native method that takes the instance itself (a
                // native class's, or `object`'s): no bound method is built.
                // Methods of an extended built-in type (`class L(list)`) take
                // the extended value instead, so they go through `descr_get`.
                if let Some(v) = self.lookup_type(&i.class, name) {
                    let unbound = match &v {
                        Value::Function(_) => true,
                        Value::Builtin(b) => {
                            b.kind == NativeKind::Method
                                && b.bound.is_none()
                                && !crate::slots::extends_builtin(obj)
                        }
                        _ => false,
                    };
                    if unbound
                        && self.attr_hooks(&i.class) & crate::slots::HOOK_GETATTRIBUTE == 0
                        && i.dict.get_str(name).is_none()
                    {
                        return Ok(MethodLookup::Unbound(v));
                    }
                }
            }
            Value::Type(_)
            | Value::Module(_)
            | Value::Function(_)
            | Value::Exception(_)
            | Value::Super(_) => {}
            _ => {
                let class = self.type_of(obj).clone();
                if let Some(v) = self.lookup_type(&class, name) {
                    if let Value::Builtin(b) = &v {
                        if b.kind == NativeKind::Method && b.bound.is_none() {
                            return Ok(MethodLookup::Unbound(v));
                        }
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
                "__module__" => Some(f.module.borrow().clone()),
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
                "__self__" => Some(b.bound.clone().unwrap_or_default()),
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
                "__cause__" => Some(e.cause.borrow().clone().unwrap_or_default()),
                "__context__" => Some(e.context.borrow().clone().unwrap_or_default()),
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
                "__name__" => Some(Value::str(&t.name.borrow())),
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
                "__doc__" => Some(t.dict.get_str(name).unwrap_or_default()),
                "__dict__" => Some(Value::Dict(t.dict.clone())),
                // A getset of `type` that reads only the class's own dict.
                "__abstractmethods__" => match t.dict.get_str(name) {
                    Some(v) if !Rc::ptr_eq(t, &self.types.type_) => Some(v),
                    _ => return Err(self.attribute_error("__abstractmethods__")),
                },
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
                "tb_lineno" => Some(
                    tb.lineno()
                        .map_or(Value::None, |l| Value::Int(i64::from(l))),
                ),
                "tb_next" => Some(tb.next.clone().map_or(Value::None, Value::Traceback)),
                "tb_lasti" => Some(Value::Int(tb.ip as i64 * 2)),
                // A snapshot of the frame the entry was recorded in: its code,
                // globals and line. Its f_back is None and a function frame's
                // locals are not captured (see `objects/frameobj.rs`).
                "tb_frame" => Some(Value::Frame(Rc::new(
                    crate::objects::FrameObject::Snapshot {
                        code: tb.code.clone(),
                        globals: tb.globals.clone(),
                        builtins: self.builtins.clone(),
                        lineno: tb
                            .lineno()
                            .map_or(i64::from(tb.code.raw.firstlineno), i64::from),
                        back: Value::None,
                    },
                ))),
                _ => None,
            },
            Value::Frame(fr) => fr.attr(n),
            Value::Generator(g) => {
                use crate::objects::generator::GenKind;
                let prefix = match g.kind {
                    GenKind::Generator => "gi_",
                    GenKind::Coroutine => "cr_",
                    GenKind::AsyncGenerator => "ag_",
                };
                match n {
                    "__name__" => Some(Value::Str(g.name.borrow().clone())),
                    "__qualname__" => Some(Value::Str(g.qualname.borrow().clone())),
                    _ => match n.strip_prefix(prefix) {
                        Some("running") if g.kind == GenKind::AsyncGenerator => {
                            Some(Value::Bool(g.running_async.get()))
                        }
                        Some("running") => Some(Value::Bool(g.is_running())),
                        Some("code") => Some(Value::Code(g.code.clone())),
                        Some("yieldfrom") if g.kind == GenKind::Generator => {
                            Some(g.delegate().unwrap_or_default())
                        }
                        Some("await") if g.kind != GenKind::Generator => {
                            Some(g.delegate().unwrap_or_default())
                        }
                        Some("origin") if g.kind == GenKind::Coroutine => Some(Value::None),
                        // pyvm has no frame objects; a finished generator has none.
                        Some("frame") if !g.has_frame() => Some(Value::None),
                        Some("frame") => Some(crate::objects::FrameObject::of_generator(g.clone())),
                        _ => None,
                    },
                }
            }
            Value::Descriptor(d) => {
                let own = d.dict.borrow().as_ref().and_then(|dict| dict.get_str(name));
                if own.is_some() {
                    return Ok(own);
                }
                match (&d.kind, n) {
                    (DescriptorKind::Property { fget, .. }, "fget") => Some(fget.clone()),
                    (DescriptorKind::Property { fset, .. }, "fset") => Some(fset.clone()),
                    (DescriptorKind::Property { fdel, .. }, "fdel") => Some(fdel.clone()),
                    (DescriptorKind::Property { doc, .. }, "__doc__") => Some(doc.clone()),
                    (
                        DescriptorKind::StaticMethod(f) | DescriptorKind::ClassMethod(f),
                        "__func__" | "__wrapped__",
                    ) => Some(f.clone()),
                    (DescriptorKind::StaticMethod(f) | DescriptorKind::ClassMethod(f), _)
                        if matches!(n, "__doc__" | "__name__" | "__qualname__") =>
                    {
                        return self.get_attr_inner(&f.clone(), &StrObject::new(n));
                    }
                    // `_PyObject_IsAbstract` of the wrapped function(s).
                    (_, "__isabstractmethod__") => {
                        let wrapped = match &d.kind {
                            DescriptorKind::Property {
                                fget, fset, fdel, ..
                            } => {
                                vec![fget.clone(), fset.clone(), fdel.clone()]
                            }
                            DescriptorKind::StaticMethod(f) | DescriptorKind::ClassMethod(f) => {
                                vec![f.clone()]
                            }
                            _ => Vec::new(),
                        };
                        for f in &wrapped {
                            if let Some(v) = self.get_attr_opt(f, "__isabstractmethod__")? {
                                if self.truthy(&v)? {
                                    return Ok(Some(Value::Bool(true)));
                                }
                            }
                        }
                        Some(Value::Bool(false))
                    }
                    (DescriptorKind::Member { .. } | DescriptorKind::GetSet { .. }, "__doc__") => {
                        Some(Value::None)
                    }
                    (DescriptorKind::TupleItem { doc, .. }, "__doc__") => Some(doc.clone()),
                    (DescriptorKind::Member { name, .. }, "__name__") => {
                        Some(Value::Str(name.clone()))
                    }
                    (DescriptorKind::GetSet { name, .. }, "__name__") => Some(Value::str(name)),
                    (_, "__dict__") => {
                        let mut dict = d.dict.borrow_mut();
                        Some(Value::Dict(
                            dict.get_or_insert_with(DictObject::new).clone(),
                        ))
                    }
                    _ => None,
                }
            }
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
        self.set_or_del_attr(obj, name, Some(value))
    }

    pub fn del_attr(&mut self, obj: &Value, name: &Rc<StrObject>) -> PyResult<()> {
        self.set_or_del_attr(obj, name, None)
    }

    /// `__setattr__`/`__delattr__` of a class instance, else the generic
    /// protocol; `value` `None` deletes.
    fn set_or_del_attr(
        &mut self,
        obj: &Value,
        name: &Rc<StrObject>,
        value: Option<Value>,
    ) -> PyResult<()> {
        let special = if value.is_some() {
            crate::slots::Special::__setattr__
        } else {
            crate::slots::Special::__delattr__
        };
        if let Value::Instance(i) = obj {
            let hook = if value.is_some() {
                crate::slots::HOOK_SETATTR
            } else {
                crate::slots::HOOK_DELATTR
            };
            if self.attr_hooks(&i.class) & hook == 0 {
                return generic_set_attr(self, obj, name, value);
            }
        }
        if let Some(f) = self.user_special(obj, special) {
            let cls = self.type_of(obj).clone();
            let f = self.descr_get(f, Some(obj), &cls)?;
            let mut args = vec![Value::Str(name.clone())];
            args.extend(value);
            self.call(&f, &args)?;
            return Ok(());
        }
        if let Value::Type(t) = obj {
            if let Some(meta) = t.metaclass.clone() {
                if let Some(f) = self.class_special(&meta, special) {
                    let f = self.descr_get(f, Some(obj), &meta)?;
                    let mut args = vec![Value::Str(name.clone())];
                    args.extend(value);
                    self.call(&f, &args)?;
                    return Ok(());
                }
            }
        }
        generic_set_attr(self, obj, name, value)
    }

    pub fn set_attr_builtin(
        &mut self,
        obj: &Value,
        name: &Rc<StrObject>,
        value: Value,
    ) -> PyResult<()> {
        match obj {
            Value::Generator(g) if matches!(name.as_ascii(), Some("__name__" | "__qualname__")) => {
                let Value::Str(s) = &value else {
                    return Err(self.type_error(format!("{name} must be set to a string object")));
                };
                if name.eq_ascii("__name__") {
                    *g.name.borrow_mut() = s.clone();
                } else {
                    *g.qualname.borrow_mut() = s.clone();
                }
                Ok(())
            }
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
                    Some("__module__") => {
                        *f.module.borrow_mut() = value;
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
            // A namedtuple field's docstring can be replaced, as in CPython.
            Value::Descriptor(d)
                if matches!(d.kind, DescriptorKind::TupleItem { .. })
                    && name.as_ascii() == Some("__doc__") =>
            {
                let mut dict = d.dict.borrow_mut();
                dict.get_or_insert_with(DictObject::new)
                    .set_str(name.clone(), value);
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
            // pyvm's stand-in for the C part of abc: an int sets the
            // collection flag (1 << 5 sequence, 1 << 6 mapping) that `match`
            // reads, on the class and its subclasses (built-in types keep
            // theirs); it is not stored.
            Value::Type(t)
                if name.eq_ascii("__abc_tpflags__") && matches!(value, Value::Int(_)) =>
            {
                let Value::Int(bits) = value else {
                    return Ok(());
                };
                let flag = if bits & (1 << 5) != 0 {
                    crate::objects::typeobj::COLLECTION_SEQUENCE
                } else if bits & (1 << 6) != 0 {
                    crate::objects::typeobj::COLLECTION_MAPPING
                } else {
                    0
                };
                if flag != 0 {
                    t.set_collection_flag_recursive(flag);
                }
                Ok(())
            }
            Value::Type(t) => {
                if !t.heap {
                    return Err(self.type_error(format!(
                        "cannot set '{name}' attribute of immutable type '{}'",
                        t.name.borrow()
                    )));
                }
                match name.as_ascii() {
                    Some(field @ ("__name__" | "__qualname__")) => {
                        let Value::Str(v) = &value else {
                            let vt = self.type_name(&value);
                            return Err(self.type_error(format!(
                                "can only assign string to {}.{field}, not '{vt}'",
                                t.name.borrow()
                            )));
                        };
                        if field == "__name__" {
                            *t.name.borrow_mut() = v.to_string();
                        } else {
                            *t.qualname.borrow_mut() = v.to_string();
                        }
                        return Ok(());
                    }
                    Some("__module__") => {
                        *t.module.borrow_mut() = value.clone();
                    }
                    // type_set_abstractmethods: the flag object.__new__ checks.
                    Some("__abstractmethods__") => {
                        let abstract_ = self.truthy(&value)?;
                        t.dict.set_str(name.clone(), value);
                        t.modified();
                        t.is_abstract.set(abstract_);
                        return Ok(());
                    }
                    _ => {}
                }
                t.dict.set_str(name.clone(), value);
                t.modified();
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

    fn del_attr_builtin(&mut self, obj: &Value, name: &Rc<StrObject>) -> PyResult<()> {
        let removed = match obj {
            Value::Function(f) => f
                .dict
                .borrow()
                .as_ref()
                .and_then(|d| d.remove_str(name))
                .is_some(),
            Value::Module(m) => m.dict.remove_str(name).is_some(),
            Value::Type(t) if t.heap => {
                let removed = t.dict.remove_str(name).is_some();
                t.modified();
                if removed && name.eq_ascii("__abstractmethods__") {
                    t.is_abstract.set(false);
                }
                removed
            }
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
        } else if matches!(obj, Value::Type(t) if t.heap) {
            Err(self.attribute_error(name.to_string()))
        } else if let Value::Type(t) = obj {
            Err(self.type_error(format!(
                "cannot set '{name}' attribute of immutable type '{}'",
                t.name.borrow()
            )))
        } else {
            Err(self.no_attribute(obj, name))
        }
    }
}

/// "can't set attribute 'x'": the name once the property knows it.
fn property_message(p: &crate::objects::DescriptorObject, what: &str) -> String {
    match &*p.name.borrow() {
        Some(n) => format!("{what} attribute '{n}'"),
        None => format!("{what} attribute"),
    }
}

fn bind_builtin(b: &BuiltinFunction, receiver: Value) -> Value {
    Value::Builtin(Rc::new(BuiltinFunction {
        name: b.name,
        func: b.func,
        kind: b.kind,
        owner: b.owner,
        bound: Some(receiver),
    }))
}

/// The function a `staticmethod` wraps (`__new__` is stored as one).
pub fn unwrap_static(v: &Value) -> Value {
    match v {
        Value::Descriptor(d) => match &d.kind {
            DescriptorKind::StaticMethod(f) => f.clone(),
            _ => v.clone(),
        },
        _ => v.clone(),
    }
}

/// `object.__getattribute__`: data descriptors on the type, then the
/// instance's own attributes, then other class attributes.
pub fn generic_get_attr(vm: &mut Vm, obj: &Value, name: &Rc<StrObject>) -> PyResult<Option<Value>> {
    let cls = vm.type_of(obj).clone();
    let found = vm.lookup_type(&cls, name);
    if let Some(d) = &found {
        let readable = match d {
            Value::Instance(_) => vm.user_special(d, crate::slots::Special::__get__).is_some(),
            _ => true,
        };
        if readable && vm.is_data_descriptor(d) {
            return vm.descr_get(d.clone(), Some(obj), &cls).map(Some);
        }
    }
    match obj {
        Value::Instance(i) => {
            if let Some(v) = i.dict.get_str(name) {
                return Ok(Some(v));
            }
            match name.as_ascii() {
                Some("__dict__") if !i.class.dictless.get() => {
                    return Ok(Some(Value::Dict(i.dict.clone())))
                }
                Some("__class__") => return Ok(Some(Value::Type(cls))),
                _ => {}
            }
        }
        _ => {
            if let Some(v) = vm.special_attr(obj, name)? {
                return Ok(Some(v));
            }
        }
    }
    match found {
        Some(v) => vm.descr_get(v, Some(obj), &cls).map(Some),
        None => Ok(None),
    }
}

/// `object.__setattr__`/`object.__delattr__` (`value` `None`): a data
/// descriptor's setter, else the instance dict.
pub fn generic_set_attr(
    vm: &mut Vm,
    obj: &Value,
    name: &Rc<StrObject>,
    value: Option<Value>,
) -> PyResult<()> {
    let cls = vm.type_of(obj).clone();
    if cls.heap || matches!(obj, Value::Instance(_)) {
        if let Some(d) = vm.lookup_type(&cls, name) {
            if vm.is_data_descriptor(&d) {
                return descr_set(vm, &d, obj, value);
            }
        }
    }
    match obj {
        Value::Instance(i) if i.class.dictless.get() => Err(vm.no_attribute(obj, name)),
        Value::Instance(i) => match value {
            Some(v) => {
                i.dict.set_str(name.clone(), v);
                Ok(())
            }
            // CPython's message for deleting a missing attribute is the name.
            None => match i.dict.remove_str(name) {
                Some(_) => Ok(()),
                None => Err(vm.attribute_error(name.to_string())),
            },
        },
        _ => match value {
            Some(v) => vm.set_attr_builtin(obj, name, v),
            None => vm.del_attr_builtin(obj, name),
        },
    }
}

/// `__set__`/`__delete__` of a data descriptor (also `property.__set__`
/// called directly).
pub fn descr_set(vm: &mut Vm, d: &Value, obj: &Value, value: Option<Value>) -> PyResult<()> {
    let setting = value.is_some();
    match d {
        Value::Descriptor(p) if matches!(p.kind, DescriptorKind::TupleItem { .. }) => {
            let what = if setting { "set" } else { "delete" };
            Err(vm.new_error("AttributeError", format!("can't {what} attribute")))
        }
        Value::Descriptor(p)
            if matches!(
                p.kind,
                DescriptorKind::GetSet {
                    name: "__class__",
                    ..
                }
            ) =>
        {
            match value {
                Some(Value::Type(_)) => {
                    Err(vm.not_implemented_error("assigning __class__ is not supported"))
                }
                Some(other) => {
                    let t = vm.type_name(&other);
                    Err(vm.type_error(format!(
                        "__class__ must be set to a class, not '{t}' object"
                    )))
                }
                None => Err(vm.type_error("can't delete __class__ attribute")),
            }
        }
        Value::Descriptor(p) if matches!(p.kind, DescriptorKind::GetSet { .. }) => {
            let (Value::Instance(i), Some(v)) = (obj, value) else {
                return Err(vm.type_error("cannot delete __dict__"));
            };
            // The attributes are copied into the instance's own dict.
            let Value::Dict(new) = &v else {
                let t = vm.type_name(&v);
                return Err(
                    vm.type_error(format!("__dict__ must be set to a dictionary, not a '{t}'"))
                );
            };
            let items = new.entries();
            i.dict.clear();
            for e in items {
                i.dict.set(vm, e.key, e.value)?;
            }
            Ok(())
        }
        Value::Descriptor(p) if matches!(p.kind, DescriptorKind::Member { .. }) => {
            let DescriptorKind::Member {
                name,
                index,
                readonly,
                ..
            } = &p.kind
            else {
                return Ok(());
            };
            if *readonly {
                return Err(vm.new_error("AttributeError", "readonly attribute"));
            }
            let Value::Instance(i) = obj else {
                let t = vm.type_name(obj);
                let DescriptorKind::Member { class_name, .. } = &p.kind else {
                    return Ok(());
                };
                return Err(vm.type_error(format!(
                    "descriptor '{name}' for '{class_name}' objects doesn't apply to a '{t}' object"
                )));
            };
            let mut slots = i.slots.borrow_mut();
            let Some(slot) = slots.get_mut(*index) else {
                return Ok(());
            };
            let missing = slot.is_none();
            *slot = value;
            drop(slots);
            if !setting && missing {
                return Err(vm.no_attribute(obj, name));
            }
            Ok(())
        }
        Value::Descriptor(p) => {
            let DescriptorKind::Property { fset, fdel, .. } = &p.kind else {
                return Ok(());
            };
            match value {
                Some(v) => {
                    if fset.is_none() {
                        return Err(vm.attribute_error(property_message(p, "can't set")));
                    }
                    let f = fset.clone();
                    vm.call(&f, &[obj.clone(), v])?;
                }
                None => {
                    if fdel.is_none() {
                        return Err(vm.attribute_error(property_message(p, "can't delete")));
                    }
                    let f = fdel.clone();
                    vm.call(&f, std::slice::from_ref(obj))?;
                }
            }
            Ok(())
        }
        _ => {
            let r = match value {
                Some(v) => {
                    vm.call_user_special(d, crate::slots::Special::__set__, &[obj.clone(), v])?
                }
                None => vm.call_user_special(
                    d,
                    crate::slots::Special::__delete__,
                    std::slice::from_ref(obj),
                )?,
            };
            if r.is_none() {
                return Err(vm.attribute_error(if setting { "__set__" } else { "__delete__" }));
            }
            Ok(())
        }
    }
}

/// A namedtuple field read through its `_tuplegetter`: the tuple item, with
/// CPython's errors for other objects and short tuples.
fn tuple_item(vm: &mut Vm, obj: &Value, index: usize) -> PyResult<Value> {
    let items = match obj {
        Value::Tuple(t) => Some(t.items.get(index).cloned()),
        Value::Instance(i) => match &i.base {
            Some(Value::Tuple(t)) => Some(t.items.get(index).cloned()),
            _ => None,
        },
        _ => None,
    };
    match items {
        Some(Some(v)) => Ok(v),
        Some(None) => Err(vm.new_error("IndexError", "tuple index out of range")),
        None => {
            let t = vm.type_name(obj);
            Err(vm.type_error(format!(
                "descriptor for index '{index}' for tuple subclasses doesn't apply to '{t}' object"
            )))
        }
    }
}
