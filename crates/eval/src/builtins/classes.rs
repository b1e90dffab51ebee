//! Classes: `__build_class__` (the `class` statement), `type(name, bases,
//! ns)`, instance creation (`__new__`/`__init__`), `super`, and the
//! `staticmethod`/`classmethod`/`property` descriptor types.

use std::rc::Rc;

use crate::args::Args;
use crate::error::PyResult;
use crate::frame::Frame;
use crate::objects::descriptor::{DescriptorKind, DescriptorObject, SuperObject};
use crate::objects::function::NativeFn;
use crate::objects::typeobj::{c3_mro, TypeKind};
use crate::objects::{DictObject, InstanceObject, StrObject, TupleObject, TypeObject};
use crate::slots::Special;
use crate::value::Value;
use crate::vm::Vm;

/// `__build_class__(func, name, *bases, metaclass=None, **kwds)`.
pub fn build_class(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    if pos.len() < 2 {
        return Err(vm.type_error("__build_class__: not enough arguments"));
    }
    let Value::Function(body) = &pos[0] else {
        return Err(vm.type_error("__build_class__: func must be a function"));
    };
    let Value::Str(name) = &pos[1] else {
        return Err(vm.type_error("__build_class__: name is not a string"));
    };
    let orig_bases: Vec<Value> = pos[2..].to_vec();
    let bases = update_bases(vm, &orig_bases)?;
    let mut metaclass: Option<Value> = None;
    let mut kwnames = Vec::new();
    let mut kwvalues = Vec::new();
    for (k, v) in args.kwargs() {
        if k.eq_ascii("metaclass") {
            metaclass = Some(v.clone());
        } else {
            kwnames.push(Value::Str(k.clone()));
            kwvalues.push(v.clone());
        }
    }
    // The metaclass: explicit, else the first base's type; if it is a
    // class, the most derived metaclass among all the bases'.
    let meta = match metaclass {
        Some(m) => m,
        None => match bases.first() {
            Some(b) => Value::Type(vm.type_of(b).clone()),
            None => Value::Type(vm.types.type_.clone()),
        },
    };
    let meta = match &meta {
        Value::Type(m) => Value::Type(calculate_metaclass(vm, m, &bases)?),
        _ => meta,
    };
    // __prepare__ gives the namespace the body runs in.
    let ns = match vm.get_attr_opt(&meta, "__prepare__")? {
        // type.__prepare__ itself just makes a dict.
        Some(prepare) if !is_type_prepare(&prepare) => {
            let mut a = vec![Value::Str(name.clone()), Value::tuple(bases.clone())];
            a.extend(kwvalues.iter().cloned());
            let kn = kwnames.clone();
            vm.call_args(&prepare, Args::with_kwargs(&a, &kn))?
        }
        _ => Value::Dict(DictObject::new()),
    };
    // Run the class body with the namespace as its locals: a dict directly,
    // any other mapping through __getitem__/__setitem__/__delitem__.
    let (ns_dict, ns_mapping) = match &ns {
        Value::Dict(d) => (Some(d.clone()), None),
        other => {
            let t = vm.type_of(other).clone();
            let key = vm.special_name(Special::__getitem__);
            if vm.lookup_type(&t, &key).is_none() {
                let meta_name = match &meta {
                    Value::Type(m) => m.name.borrow().clone(),
                    _ => "<metaclass>".to_string(),
                };
                return Err(vm.type_error(format!(
                    "{meta_name}.__prepare__() must return a mapping, not {}",
                    t.name.borrow()
                )));
            }
            (None, Some(other.clone()))
        }
    };
    let code = body.code.clone();
    let builtins = vm.builtins.clone();
    let mut frame = Frame::boxed(vm, code, body.globals.clone(), builtins, ns_dict);
    frame.locals_mapping = ns_mapping;
    if let Some(closure) = &body.closure {
        for c in closure.items.iter() {
            if let Value::Cell(c) = c {
                frame.cells.push(c.clone());
            }
        }
    }
    let cell = crate::eval::run_frame(vm, frame)?;
    if let Some(orig) = &orig_bases_if_changed(&orig_bases, &bases) {
        let key = Value::Str(vm.intern("__orig_bases__"));
        vm.set_item(&ns, &key, orig.clone())?;
    }
    // Create the class: metaclass(name, bases, ns, **kwds).
    let mut call_args = vec![Value::Str(name.clone()), Value::tuple(bases), ns.clone()];
    call_args.extend(kwvalues);
    let cls = vm.call_args(&meta, Args::with_kwargs(&call_args, &kwnames))?;
    // A body that uses `__class__`/`super()` returned its class cell: fill it.
    if let Value::Cell(c) = &cell {
        c.set(Some(cls.clone()));
    }
    Ok(cls)
}

/// PEP 560: a base that is not a class may stand for others through its
/// `__mro_entries__(orig_bases)` (`class C(List[int])`).
fn update_bases(vm: &mut Vm, orig_bases: &[Value]) -> PyResult<Vec<Value>> {
    let mut bases = Vec::with_capacity(orig_bases.len());
    for b in orig_bases {
        if matches!(b, Value::Type(_)) {
            bases.push(b.clone());
            continue;
        }
        let Some(meth) = vm.get_attr_opt(b, "__mro_entries__")? else {
            bases.push(b.clone());
            continue;
        };
        match vm.call(&meth, &[Value::tuple(orig_bases.to_vec())])? {
            Value::Tuple(t) => bases.extend(t.items.iter().cloned()),
            _ => return Err(vm.type_error("__mro_entries__ must return a tuple")),
        }
    }
    Ok(bases)
}

/// The original bases, if `__mro_entries__` replaced any of them.
fn orig_bases_if_changed(orig: &[Value], bases: &[Value]) -> Option<Value> {
    let same = orig.len() == bases.len() && orig.iter().zip(bases).all(|(a, b)| a.is(b));
    (!same).then(|| Value::tuple(orig.to_vec()))
}

/// `_PyType_CalculateMetaclass`: the most derived of `meta` and the bases'
/// types, which must form a chain.
fn calculate_metaclass(
    vm: &mut Vm,
    meta: &Rc<TypeObject>,
    bases: &[Value],
) -> PyResult<Rc<TypeObject>> {
    let mut winner = meta.clone();
    for b in bases {
        let t = vm.type_of(b).clone();
        if winner.is_subtype(&t) {
            continue;
        }
        if t.is_subtype(&winner) {
            winner = t;
            continue;
        }
        return Err(vm.type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) \
             subclass of the metaclasses of all its bases",
        ));
    }
    Ok(winner)
}

/// The built-in type a class's instances are laid out as.
fn solid_kind(bases: &[Rc<TypeObject>]) -> TypeKind {
    bases
        .iter()
        .map(|b| b.kind)
        .find(|k| *k != TypeKind::Object)
        .unwrap_or(TypeKind::Object)
}

/// `type.__new__(meta, name, bases, ns, **kwds)`: create a class.
pub fn new_class(
    vm: &mut Vm,
    meta: Option<Rc<TypeObject>>,
    name: &StrObject,
    bases_v: &Value,
    ns: &Rc<DictObject>,
    kwargs: &[(Rc<StrObject>, Value)],
) -> PyResult<Value> {
    let mut bases = Vec::new();
    for b in vm.collect(bases_v)? {
        match b {
            Value::Type(t) => {
                if !t.base_allowed {
                    return Err(vm.type_error(format!(
                        "type '{}' is not an acceptable base type",
                        t.name.borrow()
                    )));
                }
                bases.push(t)
            }
            other => {
                let t = vm.type_name(&other);
                return Err(vm.type_error(format!("bases must be types, not {t}")));
            }
        }
    }
    if bases.is_empty() {
        bases.push(vm.types.object.clone());
    }
    for (i, b) in bases.iter().enumerate() {
        if bases[..i].iter().any(|x| Rc::ptr_eq(x, b)) {
            return Err(vm.type_error(format!("duplicate base class {}", b.name.borrow())));
        }
    }
    let mut mro = match c3_mro(&bases) {
        Ok(m) => m,
        Err(heads) => {
            let names: Vec<String> = heads.iter().map(|b| b.name.borrow().clone()).collect();
            return Err(vm.type_error(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            )));
        }
    };
    // `object` last, as CPython's MRO always ends with it.
    if !mro.iter().any(|t| Rc::ptr_eq(t, &vm.types.object)) {
        mro.push(vm.types.object.clone());
    }
    let kinds: Vec<TypeKind> = bases
        .iter()
        .map(|b| b.kind)
        .filter(|k| *k != TypeKind::Object)
        .collect();
    if kinds.windows(2).any(|w| {
        w[0] != w[1]
            && !(matches!(w[0], TypeKind::Exception) && matches!(w[1], TypeKind::Exception))
    }) {
        return Err(vm.type_error("multiple bases have instance lay-out conflict"));
    }
    let dict = ns.copy();
    let qualname = match dict.remove_str(&StrObject::new("__qualname__")) {
        Some(Value::Str(q)) => q.to_string(),
        _ => name.to_string(),
    };
    let cell = dict.remove_str(&StrObject::new("__classcell__"));
    let module = dict
        .get_str(&StrObject::new("__module__"))
        .unwrap_or_else(|| {
            // The calling Python frame's module (type() called from a
            // function of another module names that module).
            vm.call_records
                .last()
                .map(|r| r.globals.clone())
                .or_else(|| vm.current_globals.clone())
                .and_then(|g| g.get_str(&StrObject::new("__name__")))
                .unwrap_or_default()
        });
    if dict.get_str(&StrObject::new("__doc__")).is_none() {
        dict.set_item_str("__doc__", Value::None);
    }
    // __eq__ without __hash__ makes instances unhashable.
    if dict.get_str(&StrObject::new("__eq__")).is_some()
        && dict.get_str(&StrObject::new("__hash__")).is_none()
    {
        dict.set_item_str("__hash__", Value::None);
    }
    // __init_subclass__ and __class_getitem__ are implicitly class methods.
    for implicit in ["__init_subclass__", "__class_getitem__"] {
        if let Some(Value::Function(f)) = dict.get_str(&StrObject::new(implicit)) {
            dict.set_item_str(
                implicit,
                Value::Descriptor(DescriptorObject::new(DescriptorKind::ClassMethod(
                    Value::Function(f),
                ))),
            );
        }
    }
    if let Some(Value::Function(f)) = dict.get_str(&StrObject::new("__new__")) {
        dict.set_item_str(
            "__new__",
            Value::Descriptor(DescriptorObject::new(DescriptorKind::StaticMethod(
                Value::Function(f),
            ))),
        );
    }
    let (slot_count, dictless) = make_slots(vm, name, &bases, &dict)?;
    let cls = TypeObject::new_class(
        &name.to_string(),
        &qualname,
        bases.clone(),
        mro,
        solid_kind(&bases),
        dict.clone(),
        module,
        meta,
    );
    cls.slot_count.set(slot_count);
    cls.dictless.set(dictless);
    // Member descriptors know their class (`__objclass__`).
    for e in dict.entries() {
        if let Value::Descriptor(d) = &e.value {
            if matches!(d.kind, DescriptorKind::Member { .. }) {
                let own = DictObject::new();
                own.set_item_str("__objclass__", Value::Type(cls.clone()));
                *d.dict.borrow_mut() = Some(own);
            }
        }
    }
    // The first class in a line to have instance dicts gets the
    // `__dict__`/`__weakref__` descriptors.
    if !dictless && bases.iter().all(|b| b.dictless.get()) {
        for name in ["__dict__", "__weakref__"] {
            let d = DescriptorObject::new(DescriptorKind::GetSet {
                name,
                class_name: cls.name.borrow().clone(),
            });
            if dict.get_str(&StrObject::new(name)).is_none() {
                dict.set_item_str(name, Value::Descriptor(d));
            }
        }
    }
    for b in &bases {
        b.subclasses.borrow_mut().push(Rc::downgrade(&cls));
    }
    let cls_v = Value::Type(cls.clone());
    if let Some(Value::Cell(c)) = cell {
        c.set(Some(cls_v.clone()));
    }
    // __set_name__ on descriptors, then the parent's __init_subclass__.
    for e in dict.entries() {
        match &e.value {
            Value::Instance(_) => {
                let r = vm.call_user_special(
                    &e.value,
                    Special::__set_name__,
                    &[cls_v.clone(), e.key.clone()],
                );
                if let Err(err) = r {
                    // 3.10 wraps the error, keeping it as the cause.
                    let t = vm.type_name(&e.value);
                    let key = vm.repr(&e.key)?;
                    let wrapped = vm.runtime_error(format!(
                        "Error calling __set_name__ on '{t}' instance {key} in '{}'",
                        cls.name.borrow()
                    ));
                    *wrapped.cause.borrow_mut() = Some(Value::Exception(err));
                    wrapped.suppress_context.set(true);
                    return Err(wrapped);
                }
            }
            Value::Descriptor(d) => {
                if let Value::Str(k) = &e.key {
                    *d.name.borrow_mut() = Some(k.clone());
                }
            }
            _ => {}
        }
    }
    let sup = Value::Super(Rc::new(SuperObject {
        this_class: cls.clone(),
        obj: cls_v.clone(),
        obj_type: cls.clone(),
    }));
    if let Some(init_sub) = vm.get_attr_opt(&sup, "__init_subclass__")? {
        let names: Vec<Value> = kwargs.iter().map(|(k, _)| Value::Str(k.clone())).collect();
        let values: Vec<Value> = kwargs.iter().map(|(_, v)| v.clone()).collect();
        vm.call_args(&init_sub, Args::with_kwargs(&values, &names))?;
    }
    Ok(cls_v)
}

/// `type(x)` and `type(name, bases, ns)`, also as `Meta(name, bases, ns)`.
pub fn call_type(vm: &mut Vm, meta: Rc<TypeObject>, args: Args) -> PyResult<Value> {
    if args.values.len() == 1 && !args.has_kwargs() {
        return Ok(Value::Type(vm.type_of(&args.values[0]).clone()));
    }
    if args.pos().len() != 3 {
        return Err(vm.type_error("type() takes 1 or 3 arguments"));
    }
    let mut a = vec![Value::Type(meta)];
    a.extend_from_slice(args.values);
    type_new(vm, Args::with_kwargs(&a, args.kwnames))
}

/// `type.__new__(meta, name, bases, ns, **kwds)`: create a class.
fn type_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let pos = args.pos();
    let Some(Value::Type(meta)) = pos.first() else {
        return Err(vm.type_error("type.__new__(X): X is not a type object"));
    };
    if pos.len() != 4 {
        return Err(vm.type_error("type.__new__() takes exactly 3 arguments"));
    }
    let Value::Str(name) = &pos[1] else {
        let t = vm.type_name(&pos[1]);
        return Err(vm.type_error(format!("type.__new__() argument 1 must be str, not {t}")));
    };
    if !matches!(pos[2], Value::Tuple(_)) {
        let t = vm.type_name(&pos[2]);
        return Err(vm.type_error(format!("type.__new__() argument 2 must be tuple, not {t}")));
    }
    // A dict subclass (an enum namespace, say) is read as the dict it extends.
    let ns = match &pos[3] {
        Value::Dict(ns) => ns.clone(),
        other => match crate::slots::instance_base(other) {
            Some(Value::Dict(ns)) => ns,
            _ => {
                let t = vm.type_name(other);
                return Err(
                    vm.type_error(format!("type.__new__() argument 3 must be dict, not {t}"))
                );
            }
        },
    };
    let kwargs: Vec<(Rc<StrObject>, Value)> =
        args.kwargs().map(|(k, v)| (k.clone(), v.clone())).collect();
    let bases = vm.collect(&pos[2])?;
    let meta = calculate_metaclass(vm, meta, &bases)?;
    let meta = (!Rc::ptr_eq(&meta, &vm.types.type_)).then_some(meta);
    new_class(vm, meta, name, &pos[2], &ns, &kwargs)
}

fn type_init(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::None)
}

fn type_mro(vm: &mut Vm, args: Args) -> PyResult<Value> {
    match &args.values[0] {
        Value::Type(t) => Ok(Value::list(t.mro().into_iter().map(Value::Type).collect())),
        other => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!(
                "descriptor 'mro' requires a 'type' object but received '{t}'"
            )))
        }
    }
}

fn type_subclasses(vm: &mut Vm, args: Args) -> PyResult<Value> {
    match &args.values[0] {
        Value::Type(t) => Ok(Value::list(
            t.live_subclasses().into_iter().map(Value::Type).collect(),
        )),
        other => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!(
                "descriptor '__subclasses__' requires a 'type' object but received '{t}'"
            )))
        }
    }
}

fn type_instancecheck(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (Value::Type(t), Some(obj)) = (&args.values[0], args.values.get(1)) else {
        return Err(vm.type_error("__instancecheck__ expects a type and an object"));
    };
    Ok(Value::Bool(vm.type_of(obj).is_subtype(t)))
}

fn type_subclasscheck(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (Value::Type(t), Some(Value::Type(c))) = (&args.values[0], args.values.get(1)) else {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    };
    Ok(Value::Bool(c.is_subtype(t)))
}

/// `type.__getattribute__(cls, name)`: the class attribute lookup.
fn type_getattribute(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let [cls @ Value::Type(_), Value::Str(name)] = args.values else {
        return Err(vm.type_error("type.__getattribute__ expects a type and a name"));
    };
    let name = vm.intern_obj(name);
    vm.get_attr(cls, &name)
}

pub const TYPE_METHODS: &[(&str, NativeFn)] = &[
    ("__call__", type_call),
    ("__getattribute__", type_getattribute),
    ("__init__", type_init),
    ("__instancecheck__", type_instancecheck),
    ("__subclasscheck__", type_subclasscheck),
    ("__subclasses__", type_subclasses),
    ("mro", type_mro),
];

pub const TYPE_STATIC: &[(&str, NativeFn)] = &[("__new__", type_new)];

fn is_type_prepare(v: &Value) -> bool {
    matches!(v, Value::Builtin(b) if b.name == "__prepare__" && b.owner == Some("type"))
}

/// `type.__prepare__(name, bases, **kwds)`: the default namespace, a new dict.
fn type_prepare(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Dict(DictObject::new()))
}

pub const TYPE_CLASSMETHODS: &[(&str, NativeFn)] = &[("__prepare__", type_prepare)];

/// Calling a class: `cls.__new__(cls, ...)` then `__init__` on the result.
pub fn construct_instance(vm: &mut Vm, cls: Rc<TypeObject>, args: Args) -> PyResult<Value> {
    // A metaclass __call__ overrides the whole protocol.
    if let Some(meta) = cls.metaclass.clone() {
        if let Some(call) = vm.class_special(&meta, Special::__call__) {
            {
                let mut a = vec![Value::Type(cls.clone())];
                a.extend_from_slice(args.values);
                return vm.call_args(&call, Args::with_kwargs(&a, args.kwnames));
            }
        }
    }
    instantiate(vm, cls, args)
}

/// The common case of calling a class, prepared for the eval loop to run
/// `__init__` as an ordinary frame: a plain class or an exception class, no
/// metaclass `__call__`, the built-in `__new__`, and a Python
/// (non-generator) `__init__`. Returns the new bare
/// instance and the `__init__` function, or `None` for every other class
/// (which then goes through `construct_instance`).
pub fn instance_for_python_init(
    vm: &mut Vm,
    cls: &Rc<TypeObject>,
    args: Args,
) -> PyResult<Option<(Value, Rc<crate::objects::FunctionObject>)>> {
    if !matches!(cls.kind, TypeKind::Object | TypeKind::Exception) {
        return Ok(None);
    }
    if let Some(meta) = &cls.metaclass {
        if vm.class_special(meta, Special::__call__).is_some() {
            return Ok(None);
        }
    }
    let key = vm.special_name(Special::__new__);
    match vm.lookup_type(cls, &key) {
        Some(n) if !is_builtin_new(&n) => return Ok(None),
        _ => {}
    }
    let key = vm.special_name(Special::__init__);
    let init = match vm.lookup_type(cls, &key) {
        Some(Value::Function(f)) if !f.code.is_generator_like() => f,
        _ => return Ok(None),
    };
    let obj = object_new_for(vm, cls, args)?;
    Ok(Some((obj, init)))
}

/// `type.__call__(cls, *args, **kw)`.
pub fn instantiate(vm: &mut Vm, cls: Rc<TypeObject>, args: Args) -> PyResult<Value> {
    let cls_v = Value::Type(cls.clone());
    let key = vm.special_name(Special::__new__);
    let new = vm.lookup_type(&cls, &key);
    let obj = match &new {
        Some(n) if !is_builtin_new(n) => {
            let f = crate::attr::unwrap_static(n);
            let mut a = vec![cls_v.clone()];
            a.extend_from_slice(args.values);
            vm.call_args(&f, Args::with_kwargs(&a, args.kwnames))?
        }
        _ => object_new_for(vm, &cls, args)?,
    };
    if !vm.type_of(&obj).is_subtype(&cls) {
        return Ok(obj);
    }
    let key = vm.special_name(Special::__init__);
    match vm.lookup_type(&cls, &key) {
        Some(init) if !is_object_init(&init) => {
            let r = if args.kwnames.is_empty() {
                vm.call_method_value(&init, &obj, args.values)?
            } else {
                let f = vm.descr_get(init, Some(&obj), &cls)?;
                vm.call_args(&f, args)?
            };
            if !r.is_none() {
                let t = vm.type_name(&r);
                return Err(vm.type_error(format!("__init__() should return None, not '{t}'")));
            }
        }
        _ => {
            // object.__init__ takes no arguments unless __new__ was overridden.
            let overrides_new = new.as_ref().is_some_and(|n| !is_builtin_new(n));
            if !args.values.is_empty() && cls.kind == TypeKind::Object && !overrides_new {
                return Err(vm.type_error(format!("{}() takes no arguments", cls.name.borrow())));
            }
        }
    }
    Ok(obj)
}

fn is_builtin_new(v: &Value) -> bool {
    // The core types' own `__new__`s; a native class's or struct
    // sequence's `__new__` is called like a Python one.
    matches!(v, Value::Builtin(b) if b.name == "__new__"
        && b.owner.is_none_or(|o| matches!(o, "object" | "type")
            || BUILTIN_NEWS.iter().any(|(n, _)| *n == o)))
}

/// `object.__init__`/`type.__init__`, which do nothing.
fn is_object_init(v: &Value) -> bool {
    matches!(v, Value::Builtin(b) if b.name == "__init__" && matches!(b.owner, Some("object" | "type")))
}

/// The bare object for a class: an instance, or the built-in value the class
/// extends (an exception, a list...) built from the arguments.
pub fn object_new_for(vm: &mut Vm, cls: &Rc<TypeObject>, args: Args) -> PyResult<Value> {
    // Computes (and caches) whether instances need a finalizer.
    vm.attr_hooks(cls);
    match cls.kind {
        TypeKind::Object => {
            if cls.is_abstract.get() {
                check_not_abstract(vm, cls)?;
            }
            Ok(Value::Instance(InstanceObject::new(cls.clone())))
        }
        // A metaclass without its own __new__: type.__new__(cls, name, bases, ns).
        TypeKind::Type => {
            let mut a = vec![Value::Type(cls.clone())];
            a.extend_from_slice(args.values);
            type_new(vm, Args::with_kwargs(&a, args.kwnames))
        }
        TypeKind::Native => {
            // The native class's own `__new__` builds the Rust state.
            let native = cls
                .mro()
                .into_iter()
                .find(|t| !t.heap)
                .unwrap_or_else(|| vm.types.object.clone());
            match native
                .dict
                .get_str(&crate::objects::StrObject::new("__new__"))
            {
                Some(Value::Builtin(b)) => {
                    let mut a = vec![Value::Type(cls.clone())];
                    a.extend_from_slice(args.values);
                    (b.func)(vm, Args::with_kwargs(&a, args.kwnames))
                }
                _ => Err(vm.system_error(format!(
                    "native class {} has no __new__",
                    native.name.borrow()
                ))),
            }
        }
        TypeKind::Exception => {
            let e = crate::objects::ExceptionObject::new(
                cls.clone(),
                TupleObject::new(args.pos().to_vec()),
            );
            Ok(Value::Exception(e))
        }
        _ => {
            // Find the built-in base and build its value from the arguments.
            let base = cls
                .mro()
                .into_iter()
                .find(|t| !t.heap)
                .unwrap_or_else(|| vm.types.object.clone());
            let value = match base.kind {
                // Mutable containers are filled by __init__, not __new__.
                TypeKind::List | TypeKind::Dict | TypeKind::Set | TypeKind::ByteArray => {
                    crate::builtins::types::construct(vm, base, Args::new(&[]))?
                }
                _ => crate::builtins::types::construct(vm, base, args)?,
            };
            let inst = InstanceObject::with_base(cls.clone(), value);
            Ok(Value::Instance(inst))
        }
    }
}

/// `object_new`'s refusal of a class flagged abstract (its own
/// `__abstractmethods__` was set to a true value, as `abc.ABCMeta` does):
/// "Can't instantiate abstract class X with abstract methods a, b".
fn check_not_abstract(vm: &mut Vm, cls: &Rc<TypeObject>) -> PyResult<()> {
    let key = vm.intern("__abstractmethods__");
    let Some(methods) = cls.dict.get_str(&key) else {
        return Ok(());
    };
    if !vm.truthy(&methods)? {
        return Ok(());
    }
    let items = vm.collect(&methods)?;
    let items = crate::objects::list::sort_values(vm, items, None, false).map_err(|(_, e)| e)?;
    let mut names = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let Value::Str(s) = item else {
            let t = vm.type_name(item);
            return Err(vm.type_error(format!(
                "sequence item {i}: expected str instance, {t} found"
            )));
        };
        names.push(s.to_string());
    }
    Err(vm.type_error(format!(
        "Can't instantiate abstract class {} with abstract method{} {}",
        cls.name.borrow(),
        if names.len() > 1 { "s" } else { "" },
        names.join(", ")
    )))
}

/// `object.__new__(cls, *args)`.
fn object_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    match args.values.first() {
        Some(Value::Type(cls)) => {
            let cls = cls.clone();
            if cls.kind != TypeKind::Object {
                let solid = cls
                    .mro()
                    .into_iter()
                    .find(|t| !t.heap)
                    .map(|t| t.name.borrow().clone());
                return Err(vm.type_error(format!(
                    "object.__new__({}) is not safe, use {}.__new__()",
                    cls.name.borrow(),
                    solid.unwrap_or_default()
                )));
            }
            object_new_for(vm, &cls, Args::new(&[]))
        }
        Some(other) => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!("object.__new__(X): X is not a type object ({t})")))
        }
        None => Err(vm.type_error("object.__new__(): not enough arguments")),
    }
}

/// `int.__new__(cls, *args)` and the other built-in types' `__new__`.
fn builtin_new(vm: &mut Vm, args: Args, owner: &str) -> PyResult<Value> {
    let Some(first) = args.values.first() else {
        return Err(vm.type_error(format!("{owner}.__new__(): not enough arguments")));
    };
    let Value::Type(cls) = first else {
        let t = vm.type_name(first);
        return Err(vm.type_error(format!("{owner}.__new__(X): X is not a type object ({t})")));
    };
    let owner_type = cls
        .mro()
        .into_iter()
        .find(|t| !t.heap && *t.name.borrow() == owner);
    if owner_type.is_none() {
        return Err(vm.type_error(format!(
            "{owner}.__new__({}): {} is not a subtype of {owner}",
            cls.name.borrow(),
            cls.name.borrow()
        )));
    }
    let cls = cls.clone();
    let rest = Args::with_kwargs(&args.values[1..], args.kwnames);
    if cls.heap {
        object_new_for(vm, &cls, rest)
    } else {
        crate::builtins::types::construct(vm, cls, rest)
    }
}

macro_rules! builtin_news {
    ($($fn_name:ident => $owner:literal),* $(,)?) => {
        $(
            fn $fn_name(vm: &mut Vm, args: Args) -> PyResult<Value> {
                builtin_new(vm, args, $owner)
            }
        )*
        /// The `__new__` of each built-in type a class may extend.
        pub const BUILTIN_NEWS: &[(&str, NativeFn)] = &[$(($owner, $fn_name)),*];
    };
}

builtin_news! {
    int_new => "int",
    float_new => "float",
    complex_new => "complex",
    str_new => "str",
    bytes_new => "bytes",
    tuple_new => "tuple",
    frozenset_new => "frozenset",
    list_new => "list",
    dict_new => "dict",
    set_new => "set",
    bytearray_new => "bytearray",
    exception_new => "BaseException",
}

/// `object.__init__(self, *args)`: extra arguments are an error, as in
/// CPython's `object_init`.
fn object_init(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.values.len() > 1 {
        let cls = vm.type_of(&args.values[0]).clone();
        if vm.class_special(&cls, Special::__init__).is_some() {
            return Err(vm.type_error(
                "object.__init__() takes exactly one argument (the instance to initialize)",
            ));
        }
        // Only a class whose __new__ is object's refuses them (a str or int
        // subclass has its base's __new__).
        let key = vm.special_name(Special::__new__);
        let new = vm.lookup_type(&cls, &key);
        if new.is_none_or(|n| matches!(&n, Value::Builtin(b) if b.owner == Some("object"))) {
            return Err(vm.type_error(format!(
                "{}.__init__() takes exactly one argument (the instance to initialize)",
                cls.name.borrow()
            )));
        }
    }
    Ok(Value::None)
}

fn object_setattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let [obj, name, value] = args.values else {
        return Err(vm.type_error("__setattr__ expected 2 arguments"));
    };
    let Value::Str(name) = name else {
        return Err(vm.type_error("attribute name must be string"));
    };
    let name = vm.intern_obj(name);
    crate::attr::generic_set_attr(vm, obj, &name, Some(value.clone()))?;
    Ok(Value::None)
}

fn object_getattribute(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let [obj, name] = args.values else {
        return Err(vm.type_error("__getattribute__ expected 1 argument"));
    };
    let Value::Str(name) = name else {
        return Err(vm.type_error("attribute name must be string"));
    };
    let name = vm.intern_obj(name);
    match crate::attr::generic_get_attr(vm, obj, &name)? {
        Some(v) => Ok(v),
        None => Err(vm.no_attribute(obj, &name)),
    }
}

fn object_delattr(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let [obj, name] = args.values else {
        return Err(vm.type_error("__delattr__ expected 1 argument"));
    };
    let Value::Str(name) = name else {
        return Err(vm.type_error("attribute name must be string"));
    };
    let name = vm.intern_obj(name);
    crate::attr::generic_set_attr(vm, obj, &name, None)?;
    Ok(Value::None)
}

/// `object.__init_subclass__()`: accepts no keyword arguments.
fn object_init_subclass(vm: &mut Vm, args: Args) -> PyResult<Value> {
    if args.has_kwargs() {
        let name = match args.values.first() {
            Some(Value::Type(t)) => t.qualname.borrow().clone(),
            _ => "object".to_string(),
        };
        return Err(vm.type_error(format!(
            "{name}.__init_subclass__() takes no keyword arguments"
        )));
    }
    Ok(Value::None)
}

/// `_Py_Mangle`: `__x` inside class `C` is `_C__x`.
fn mangle(class_name: &str, name: &str) -> String {
    let owner = class_name.trim_start_matches('_');
    if name.starts_with("__") && !name.ends_with("__") && !owner.is_empty() {
        format!("_{owner}{name}")
    } else {
        name.to_string()
    }
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c == '_' || pyvm_loader::unicode::is_id_start(c as u32) => {}
        _ => return false,
    }
    chars.all(|c| c == '_' || pyvm_loader::unicode::is_id_continue(c as u32))
}

/// Turn `__slots__` into member descriptors in the class dict; returns the
/// instance slot count and whether instances lack a `__dict__`.
fn make_slots(
    vm: &mut Vm,
    class_name: &StrObject,
    bases: &[Rc<TypeObject>],
    dict: &Rc<DictObject>,
) -> PyResult<(usize, bool)> {
    let inherited = bases.iter().map(|b| b.slot_count.get()).max().unwrap_or(0);
    let bases_dictless = bases.iter().all(|b| b.dictless.get());
    let Some(spec) = dict.get_str(&StrObject::new("__slots__")) else {
        return Ok((inherited, false));
    };
    let names = match &spec {
        Value::Str(_) => vec![spec.clone()],
        other => vm.collect(other)?,
    };
    let class_name = class_name.to_string();
    let mut count = inherited;
    let mut wants_dict = false;
    for n in names {
        let Value::Str(s) = &n else {
            let t = vm.type_name(&n);
            return Err(vm.type_error(format!("__slots__ items must be strings, not '{t}'")));
        };
        let raw = s.to_string();
        if !is_identifier(&raw) {
            return Err(vm.type_error("__slots__ must be identifiers"));
        }
        if raw == "__dict__" {
            if wants_dict || !bases_dictless {
                return Err(vm.type_error("__dict__ slot disallowed: we already got one"));
            }
            wants_dict = true;
            continue;
        }
        if raw == "__weakref__" {
            continue;
        }
        let key = vm.intern(&mangle(&class_name, &raw));
        if dict.get_str(&key).is_some() {
            return Err(vm.value_error(format!(
                "'{raw}' in __slots__ conflicts with class variable"
            )));
        }
        let member = DescriptorObject::new(DescriptorKind::Member {
            name: key.clone(),
            index: count,
            class_name: class_name.clone(),
            readonly: false,
        });
        dict.set_str(key, Value::Descriptor(member));
        count += 1;
    }
    Ok((count, bases_dictless && !wants_dict))
}

/// `type.__call__(cls, *args, **kwargs)`: `__new__` then `__init__`.
fn type_call(vm: &mut Vm, args: Args) -> PyResult<Value> {
    match args.values.first() {
        Some(Value::Type(cls)) => {
            let cls = cls.clone();
            let rest = Args::with_kwargs(&args.values[1..], args.kwnames);
            if cls.heap {
                instantiate(vm, cls, rest)
            } else {
                crate::builtins::types::construct(vm, cls, rest)
            }
        }
        _ => Err(vm.type_error("descriptor '__call__' requires a 'type' object")),
    }
}

fn object_reduce_ex(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(vm.not_implemented_error("pickling is not supported"))
}

pub const OBJECT_METHODS: &[(&str, NativeFn)] = &[
    ("__init__", object_init),
    ("__setattr__", object_setattr),
    ("__getattribute__", object_getattribute),
    ("__delattr__", object_delattr),
    ("__dir__", crate::builtins::functions::object_dir),
    ("__reduce_ex__", object_reduce_ex),
];

pub const OBJECT_STATIC: &[(&str, NativeFn)] = &[("__new__", object_new)];

fn object_subclasshook(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::NotImplemented)
}

pub const OBJECT_CLASSMETHODS: &[(&str, NativeFn)] = &[
    ("__init_subclass__", object_init_subclass),
    ("__subclasshook__", object_subclasshook),
];

// ----- staticmethod, classmethod, property -----

pub fn construct_descriptor(vm: &mut Vm, t: &TypeObject, args: Args) -> PyResult<Value> {
    let kind = match t.name.borrow().as_str() {
        "staticmethod" => DescriptorKind::StaticMethod(args.one(vm, "staticmethod")?.clone()),
        "classmethod" => DescriptorKind::ClassMethod(args.one(vm, "classmethod")?.clone()),
        "_tuplegetter" => {
            let a = args.unpack(vm, "_tuplegetter", 2, 2)?;
            let index = vm.index_value(&a[0])?;
            let index =
                usize::try_from(index).map_err(|_| vm.index_error("tuple index out of range"))?;
            DescriptorKind::TupleItem {
                index,
                doc: a[1].clone(),
            }
        }
        _ => {
            let [fget, fset, fdel, doc] =
                args.bind(vm, "property", ["fget", "fset", "fdel", "doc"], 0, 0)?;
            let fget = fget.unwrap_or_default();
            let doc = match doc {
                Some(d) if !d.is_none() => d,
                _ => match &fget {
                    Value::Function(f) => f.doc.borrow().clone(),
                    _ => Value::None,
                },
            };
            DescriptorKind::Property {
                fget,
                fset: fset.unwrap_or_default(),
                fdel: fdel.unwrap_or_default(),
                doc,
            }
        }
    };
    Ok(Value::Descriptor(DescriptorObject::new(kind)))
}

fn property_with(vm: &mut Vm, args: Args, which: usize) -> PyResult<Value> {
    let Value::Descriptor(d) = &args.values[0] else {
        return Err(vm.type_error("descriptor requires a 'property' object"));
    };
    let f = args
        .skip_self()
        .one(vm, ["getter", "setter", "deleter"][which])?
        .clone();
    let DescriptorKind::Property {
        fget,
        fset,
        fdel,
        doc,
    } = &d.kind
    else {
        return Err(vm.type_error("descriptor requires a 'property' object"));
    };
    let (mut g, mut s, mut dl) = (fget.clone(), fset.clone(), fdel.clone());
    match which {
        0 => g = f,
        1 => s = f,
        _ => dl = f,
    }
    Ok(Value::Descriptor(DescriptorObject::new(
        DescriptorKind::Property {
            fget: g,
            fset: s,
            fdel: dl,
            doc: doc.clone(),
        },
    )))
}

fn property_getter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    property_with(vm, args, 0)
}

fn property_setter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    property_with(vm, args, 1)
}

fn property_deleter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    property_with(vm, args, 2)
}

/// `descr.__get__(obj, type=None)` for the built-in descriptors.
fn descriptor_get(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.unpack(vm, "__get__", 2, 3)?;
    let obj = (!a[1].is_none()).then(|| a[1].clone());
    let owner = match (a.get(2), &obj) {
        (Some(Value::Type(t)), _) => t.clone(),
        (_, Some(o)) => vm.type_of(o).clone(),
        _ => return Err(vm.type_error("__get__(None, None) is invalid")),
    };
    vm.descr_get(a[0].clone(), obj.as_ref(), &owner)
}

fn property_set(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.unpack(vm, "__set__", 3, 3)?;
    crate::attr::descr_set(vm, &a[0], &a[1], Some(a[2].clone()))?;
    Ok(Value::None)
}

fn property_delete(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.unpack(vm, "__delete__", 2, 2)?;
    crate::attr::descr_set(vm, &a[0], &a[1], None)?;
    Ok(Value::None)
}

pub const DESCRIPTOR_METHODS: &[(&str, NativeFn)] = &[("__get__", descriptor_get)];

pub const PROPERTY_METHODS: &[(&str, NativeFn)] = &[
    ("__delete__", property_delete),
    ("__get__", descriptor_get),
    ("__set__", property_set),
    ("deleter", property_deleter),
    ("getter", property_getter),
    ("setter", property_setter),
];

/// `super(type, obj)` with explicit arguments (the eval loop fills them in
/// for the zero-argument form).
pub fn make_super(vm: &mut Vm, this_class: &Value, obj: &Value) -> PyResult<Value> {
    let Value::Type(cls) = this_class else {
        let t = vm.type_name(this_class);
        return Err(vm.type_error(format!("super() argument 1 must be type, not {t}")));
    };
    let obj_type = match obj {
        Value::Type(t) if t.is_subtype(cls) => t.clone(),
        other => {
            let t = vm.type_of(other).clone();
            if !t.is_subtype(cls) {
                return Err(
                    vm.type_error("super(type, obj): obj must be an instance or subtype of type")
                );
            }
            t
        }
    };
    Ok(Value::Super(Rc::new(SuperObject {
        this_class: cls.clone(),
        obj: obj.clone(),
        obj_type,
    })))
}
