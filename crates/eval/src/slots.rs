//! Special methods written in Python: how the protocols (`+`, `==`, `len`,
//! `[]`, iteration, `repr`...) reach a class's `__add__`, `__eq__`... for
//! instances of classes, and fall back to the built-in value a subclass of a
//! built-in type extends.
//!
//! Built-in values never get here: `ops.rs` matches their variants first, so
//! this costs the common paths nothing.

use std::rc::Rc;

use pyvm_loader::instruction::{BinaryOp, CompareOp, UnaryOp};

use crate::error::PyResult;
use crate::objects::typeobj::TypeKind;
use crate::objects::TypeObject;
use crate::value::Value;
use crate::vm::Vm;

macro_rules! specials {
    ($($name:ident),* $(,)?) => {
        /// The special methods the protocols look up on classes; their names
        /// are interned once (`Vm::special_names`), so a lookup hashes nothing.
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Special {
            $($name),*
        }

        impl Special {
            pub const ALL: &'static [Special] = &[$(Special::$name),*];

            pub fn name(self) -> &'static str {
                match self {
                    $(Special::$name => stringify!($name)),*
                }
            }
        }
    };
}

specials! {
    __getattribute__, __getattr__, __setattr__, __delattr__,
    __get__, __set__, __delete__,
    __new__, __init__, __call__,
    __repr__, __str__, __format__, __hash__, __bool__, __len__,
    __iter__, __next__, __contains__, __getitem__, __setitem__, __delitem__,
    __index__, __int__, __float__, __abs__, __neg__, __pos__, __invert__,
    __eq__, __ne__, __lt__, __le__, __gt__, __ge__,
    __add__, __radd__, __iadd__, __sub__, __rsub__, __isub__,
    __mul__, __rmul__, __imul__, __matmul__, __rmatmul__, __imatmul__,
    __truediv__, __rtruediv__, __itruediv__, __floordiv__, __rfloordiv__, __ifloordiv__,
    __mod__, __rmod__, __imod__, __pow__, __rpow__, __ipow__,
    __lshift__, __rlshift__, __ilshift__, __rshift__, __rrshift__, __irshift__,
    __and__, __rand__, __iand__, __xor__, __rxor__, __ixor__, __or__, __ror__, __ior__,
    __enter__, __exit__, __del__, __instancecheck__, __subclasscheck__,
    __init_subclass__, __set_name__, __class_getitem__, __reversed__, __round__,
    __divmod__, __rdivmod__, __missing__, __dir__, __complex__, __trunc__, __floor__, __ceil__,
    __await__, __aiter__, __anext__, __aenter__, __aexit__,
}

use Special as S;

pub const HOOK_GETATTRIBUTE: u8 = 1;
pub const HOOK_GETATTR: u8 = 2;
pub const HOOK_SETATTR: u8 = 4;
pub const HOOK_DELATTR: u8 = 8;
/// The class has `__del__` (read by `InstanceObject`'s `Drop`).
pub const HOOK_DEL: u8 = 16;

/// The class whose Python-level special methods apply to `v`, if any: an
/// instance's class, an exception's class, a class's metaclass.
fn heap_class(v: &Value) -> Option<&Rc<TypeObject>> {
    match v {
        Value::Instance(i) => Some(&i.class),
        Value::Exception(e) if e.class.heap => Some(&e.class),
        Value::Type(t) => t.metaclass.as_ref(),
        _ => None,
    }
}

/// Whether the protocols must consult Python-level special methods for `v`.
#[inline]
pub fn dispatches(v: &Value) -> bool {
    match v {
        Value::Instance(_) => true,
        Value::Exception(e) => e.class.heap,
        Value::Type(t) => t.metaclass.is_some(),
        _ => false,
    }
}

/// Whether `b`, found as a special method of `cls`, is a native class's (or
/// struct sequence's) own method rather than the built-in behaviour of the
/// type `cls` extends.
fn is_native_override(b: &crate::objects::BuiltinFunction, cls: &TypeObject) -> bool {
    match b.owner {
        Some(owner) => {
            cls.kind != TypeKind::Exception
                && owner != "object"
                && owner != crate::builtins::types::owner_name(cls)
        }
        None => false,
    }
}

/// The built-in value an instance of a subclass of a built-in type extends.
/// A native class's Rust state is not such a value: its methods take the
/// instance itself.
pub fn instance_base(v: &Value) -> Option<Value> {
    match v {
        Value::Instance(i) => match &i.base {
            Some(Value::Native(_)) => None,
            b => b.clone(),
        },
        _ => None,
    }
}

/// Whether `v` is an instance extending a built-in value (`instance_base`
/// would return one), without cloning it.
pub fn extends_builtin(v: &Value) -> bool {
    matches!(v, Value::Instance(i) if extends_builtin_instance(i))
}

/// `extends_builtin` for an instance.
pub fn extends_builtin_instance(i: &crate::objects::InstanceObject) -> bool {
    matches!(&i.base, Some(b) if !matches!(b, Value::Native(_)))
}

/// `(forward, reflected, in-place)` special method names of an operator.
pub fn binary_names(op: BinaryOp) -> (Special, Special, Special) {
    match op {
        BinaryOp::Add => (S::__add__, S::__radd__, S::__iadd__),
        BinaryOp::Subtract => (S::__sub__, S::__rsub__, S::__isub__),
        BinaryOp::Multiply => (S::__mul__, S::__rmul__, S::__imul__),
        BinaryOp::MatrixMultiply => (S::__matmul__, S::__rmatmul__, S::__imatmul__),
        BinaryOp::TrueDivide => (S::__truediv__, S::__rtruediv__, S::__itruediv__),
        BinaryOp::FloorDivide => (S::__floordiv__, S::__rfloordiv__, S::__ifloordiv__),
        BinaryOp::Modulo => (S::__mod__, S::__rmod__, S::__imod__),
        BinaryOp::Power => (S::__pow__, S::__rpow__, S::__ipow__),
        BinaryOp::LShift => (S::__lshift__, S::__rlshift__, S::__ilshift__),
        BinaryOp::RShift => (S::__rshift__, S::__rrshift__, S::__irshift__),
        BinaryOp::And => (S::__and__, S::__rand__, S::__iand__),
        BinaryOp::Xor => (S::__xor__, S::__rxor__, S::__ixor__),
        BinaryOp::Or => (S::__or__, S::__ror__, S::__ior__),
    }
}

fn compare_names(op: CompareOp) -> (Special, Special) {
    match op {
        CompareOp::Lt => (S::__lt__, S::__gt__),
        CompareOp::Le => (S::__le__, S::__ge__),
        CompareOp::Eq => (S::__eq__, S::__eq__),
        CompareOp::Ne => (S::__ne__, S::__ne__),
        CompareOp::Gt => (S::__gt__, S::__lt__),
        CompareOp::Ge => (S::__ge__, S::__le__),
    }
}

impl Vm {
    /// The special method `name` that a class in `cls`'s MRO defines in
    /// Python, if it comes before any built-in type's version.
    ///
    /// A built-in type's version (a native) counts as absent: the protocol
    /// then runs the built-in behaviour directly, which is what the native
    /// would do.
    #[inline]
    pub fn class_special(&mut self, cls: &TypeObject, s: Special) -> Option<Value> {
        if !cls.heap && cls.kind != TypeKind::Native {
            return None;
        }
        match self.type_cache.lookup(cls, &self.special_names[s as usize]) {
            // The built-in type's own implementation of this very method; a
            // native stored under another name (`__getattr__ =
            // dict.__getitem__`) is a real override, and so are the methods
            // of native classes and struct sequences (owned by neither the
            // extended built-in type nor `object`).
            Some(Value::Builtin(b)) if b.name == s.name() && !is_native_override(&b, cls) => None,
            None => None,
            found => found,
        }
    }

    /// Which attribute hooks `cls` overrides in Python (`HOOK_*` bits),
    /// recomputed only when the class changes.
    #[inline]
    pub fn attr_hooks(&mut self, cls: &TypeObject) -> u8 {
        let (version, hooks) = cls.attr_hooks.get();
        if version == cls.version.get() {
            return hooks;
        }
        let mut hooks = 0;
        for (bit, s) in [
            (HOOK_GETATTRIBUTE, S::__getattribute__),
            (HOOK_GETATTR, S::__getattr__),
            (HOOK_SETATTR, S::__setattr__),
            (HOOK_DELATTR, S::__delattr__),
            (HOOK_DEL, S::__del__),
        ] {
            if self.class_special(cls, s).is_some() {
                hooks |= bit;
            }
        }
        cls.attr_hooks.set((cls.version.get(), hooks));
        hooks
    }

    /// `v`'s Python-level special method `name`.
    pub fn user_special(&mut self, v: &Value, name: Special) -> Option<Value> {
        let cls = heap_class(v)?.clone();
        self.class_special(&cls, name)
    }

    /// Call `v.name(*args)` if `v`'s class defines it in Python.
    pub fn call_user_special(
        &mut self,
        v: &Value,
        name: Special,
        args: &[Value],
    ) -> PyResult<Option<Value>> {
        let Some(f) = self.user_special(v, name) else {
            return Ok(None);
        };
        self.call_method_value(&f, v, args).map(Some)
    }

    /// Call `f` (found on `v`'s class) as a method of `v`: plain functions
    /// get `v` prepended without creating a bound method.
    pub fn call_method_value(&mut self, f: &Value, v: &Value, args: &[Value]) -> PyResult<Value> {
        if let Value::Function(func) = f {
            return match args {
                [] => crate::eval::call_function(
                    self,
                    func,
                    crate::args::Args::new(std::slice::from_ref(v)),
                ),
                [a] => crate::eval::call_function(
                    self,
                    func,
                    crate::args::Args::new(&[v.clone(), a.clone()]),
                ),
                _ => {
                    let mut all = Vec::with_capacity(args.len() + 1);
                    all.push(v.clone());
                    all.extend(args.iter().cloned());
                    crate::eval::call_function(self, func, crate::args::Args::new(&all))
                }
            };
        }
        // A native method taking `v` itself (not an extended built-in value):
        // call it with `v` first instead of building a bound method. When
        // `v` is an instance of its owner, the unbound-method check of
        // `call` has nothing more to do.
        if let Value::Builtin(b) = f {
            if b.kind == crate::objects::function::NativeKind::Method
                && b.bound.is_none()
                && !extends_builtin(v)
            {
                if !self.owns_method(b, v) {
                    let all = crate::call::with_receiver(v, args);
                    return self.call(f, &all);
                }
                return match args {
                    [] => (b.func)(self, crate::args::Args::new(std::slice::from_ref(v))),
                    [a] => (b.func)(self, crate::args::Args::new(&[v.clone(), a.clone()])),
                    _ => {
                        let all = crate::call::with_receiver(v, args);
                        (b.func)(self, crate::args::Args::new(&all))
                    }
                };
            }
        }
        let f = self.bind_special(f.clone(), v)?;
        self.call(&f, args)
    }

    /// Bind a special method found on `v`'s class to `v` (functions,
    /// static/class methods and other descriptors).
    fn bind_special(&mut self, f: Value, v: &Value) -> PyResult<Value> {
        let cls = self.type_of(v).clone();
        self.descr_get(f, Some(v), &cls)
    }

    pub fn user_binary(
        &mut self,
        op: BinaryOp,
        a: &Value,
        b: &Value,
        inplace: bool,
    ) -> PyResult<Value> {
        let (fwd, refl, iop) = binary_names(op);
        if inplace {
            if let Some(r) = self.call_user_special(a, iop, std::slice::from_ref(b))? {
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
        }
        if let Some(r) = self.binary_specials(a, b, fwd, refl)? {
            return Ok(r);
        }
        // The built-in operator, on the values that subclasses of built-in
        // types extend (`str % obj` formats, `MyList + [1]` concatenates).
        let x = instance_base(a).unwrap_or_else(|| a.clone());
        // `str % obj` formats the object itself (its __str__, __index__...).
        let y = if op == BinaryOp::Modulo && matches!(x, Value::Str(_) | Value::Bytes(_)) {
            b.clone()
        } else {
            instance_base(b).unwrap_or_else(|| b.clone())
        };
        if matches!(x, Value::Instance(_)) && matches!(y, Value::Instance(_)) {
            return Ok(Value::NotImplemented);
        }
        // `seq * n` with an object that has __index__.
        let is_seq = |v: &Value| {
            matches!(
                v,
                Value::Str(_)
                    | Value::List(_)
                    | Value::Tuple(_)
                    | Value::Bytes(_)
                    | Value::ByteArray(_)
            )
        };
        if op == BinaryOp::Multiply && (is_seq(&x) || is_seq(&y)) {
            let (seq, n) = if is_seq(&x) { (&x, &y) } else { (&y, &x) };
            if let Some(n) = self.as_index(n)? {
                return if inplace {
                    self.builtin_inplace(op, seq, &n)
                } else {
                    self.builtin_binary(op, seq, &n)
                };
            }
        }
        if inplace && !matches!(x, Value::Instance(_)) {
            let r = self.builtin_inplace(op, &x, &y);
            return match r {
                Ok(r) if r.is(&x) => Ok(a.clone()),
                Err(e) if self.is_instance_of(&e, "TypeError") => Ok(Value::NotImplemented),
                r => r,
            };
        }
        self.builtin_binary(op, &x, &y)
    }

    /// The frame of the Python method that alone decides `a op b`, for the
    /// eval loop to run in place: `a` an instance of a class with no built-in
    /// base and `b` of the same class or an unboxed number. Then no reflected
    /// method can go first or next (`binary_specials`) and there is no
    /// built-in operator to fall back to, so NotImplemented from the method
    /// means TypeError (`ReturnHook::BinaryOp`). `None` for everything else.
    #[inline(always)]
    pub fn binary_method_frame(
        &mut self,
        op: BinaryOp,
        a: &Value,
        b: &Value,
    ) -> PyResult<Option<Box<crate::frame::Frame>>> {
        // Inline: every binary operation the loop cannot do on unboxed
        // numbers asks (`str + str` too); only instances go further.
        let Value::Instance(ia) = a else {
            return Ok(None);
        };
        self.instance_binary_method_frame(op, ia, a, b)
    }

    fn instance_binary_method_frame(
        &mut self,
        op: BinaryOp,
        ia: &crate::objects::InstanceObject,
        a: &Value,
        b: &Value,
    ) -> PyResult<Option<Box<crate::frame::Frame>>> {
        if ia.class.kind != TypeKind::Object {
            return Ok(None);
        }
        match b {
            Value::Instance(ib) if Rc::ptr_eq(&ib.class, &ia.class) => {}
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => {}
            _ => return Ok(None),
        }
        let (fwd, _, _) = binary_names(op);
        let func = match self.user_special(a, fwd) {
            Some(Value::Function(func)) if !func.code.is_generator_like() => func,
            _ => return Ok(None),
        };
        let mut frame =
            crate::frame::bind_call(self, &func, crate::args::Args::new(&[a.clone(), b.clone()]))?;
        frame.on_return = crate::frame::ReturnHook::BinaryOp(op, a.clone(), b.clone());
        Ok(Some(frame))
    }

    /// `a.fwd(b)`, then `b.refl(a)` (first if `b`'s class is a subclass of
    /// `a`'s): `binary_op1` for methods written in Python. `None` when
    /// neither exists or both return NotImplemented.
    pub fn binary_specials(
        &mut self,
        a: &Value,
        b: &Value,
        fwd: Special,
        refl: Special,
    ) -> PyResult<Option<Value>> {
        let fa = self.user_special(a, fwd);
        let same = Rc::ptr_eq(self.type_of(a), self.type_of(b));
        let fb = if same {
            None
        } else {
            self.user_special(b, refl)
        };
        // A subclass's reflected method goes first (`int + MyInt`), if the
        // subclass overrides it.
        let b_first = match &fb {
            Some(f) => {
                let (ta, tb) = (self.type_of(a).clone(), self.type_of(b).clone());
                tb.is_subtype(&ta) && !self.class_special(&ta, refl).is_some_and(|g| g.is(f))
            }
            None => false,
        };
        if b_first {
            if let Some(f) = &fb {
                let r = self.call_method_value(f, b, std::slice::from_ref(a))?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(Some(r));
                }
            }
        }
        if let Some(f) = &fa {
            let r = self.call_method_value(f, a, std::slice::from_ref(b))?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(Some(r));
            }
        }
        if let (Some(f), false) = (&fb, b_first) {
            let r = self.call_method_value(f, b, std::slice::from_ref(a))?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(Some(r));
            }
        }
        Ok(None)
    }

    /// `divmod(a, b)` when either is a class instance; `None` if unsupported.
    pub fn user_divmod(&mut self, a: &Value, b: &Value) -> PyResult<Option<Value>> {
        if let Some(r) = self.binary_specials(a, b, S::__divmod__, S::__rdivmod__)? {
            return Ok(Some(r));
        }
        let (x, y) = (instance_base(a), instance_base(b));
        if x.is_none() && y.is_none() {
            return Ok(None);
        }
        let x = x.unwrap_or_else(|| a.clone());
        let y = y.unwrap_or_else(|| b.clone());
        let key = self.intern("divmod");
        match self.builtins.get_str(&key) {
            Some(f) => self.call(&f, &[x, y]).map(Some),
            None => Ok(None),
        }
    }

    /// Rich comparison when either side is a class instance (`do_richcompare`).
    pub fn user_compare(&mut self, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
        let (fwd, refl) = compare_names(op);
        let (ta, tb) = (self.type_of(a).clone(), self.type_of(b).clone());
        let same = Rc::ptr_eq(&ta, &tb);
        let b_first = !same && tb.is_subtype(&ta) && self.user_special(b, refl).is_some();
        if b_first {
            if let Some(r) = self.call_user_special(b, refl, std::slice::from_ref(a))? {
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
        }
        if let Some(r) = self.call_user_special(a, fwd, std::slice::from_ref(b))? {
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        } else if op == CompareOp::Ne {
            // object.__ne__ inverts __eq__.
            if let Some(r) = self.call_user_special(a, S::__eq__, std::slice::from_ref(b))? {
                if !matches!(r, Value::NotImplemented) {
                    return Ok(Value::Bool(!self.truthy(&r)?));
                }
            }
        }
        if !b_first {
            if let Some(r) = self.call_user_special(b, refl, std::slice::from_ref(a))? {
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
        }
        let (ba, bb) = (instance_base(a), instance_base(b));
        if ba.is_some() || bb.is_some() {
            let x = ba.unwrap_or_else(|| a.clone());
            let y = bb.unwrap_or_else(|| b.clone());
            let r = self.compare(&x, &y, op);
            // The built-in comparison's "not supported" error names the
            // operands' own types (`'D' and 'dict'`), as CPython's does.
            if let Err(e) = &r {
                let sym = crate::ops::compare_symbol(op);
                let base_msg = format!(
                    "'{sym}' not supported between instances of '{}' and '{}'",
                    self.type_name(&x),
                    self.type_name(&y)
                );
                let args = e.args();
                let same = matches!(args.items.as_ref(), [Value::Str(m)] if m.to_rust() == base_msg.as_str());
                if self.is_instance_of(e, "TypeError") && same {
                    let (na, nb) = (self.type_name(a), self.type_name(b));
                    return Err(self.type_error(format!(
                        "'{sym}' not supported between instances of '{na}' and '{nb}'"
                    )));
                }
            }
            return r;
        }
        match op {
            CompareOp::Eq => Ok(Value::Bool(a.is(b))),
            CompareOp::Ne => Ok(Value::Bool(!a.is(b))),
            _ => {
                let (na, nb) = (self.type_name(a), self.type_name(b));
                Err(self.type_error(format!(
                    "'{}' not supported between instances of '{na}' and '{nb}'",
                    crate::ops::compare_symbol(op)
                )))
            }
        }
    }

    pub fn user_unary(&mut self, op: UnaryOp, v: &Value) -> PyResult<Option<Value>> {
        let name = match op {
            UnaryOp::Negative => S::__neg__,
            UnaryOp::Positive => S::__pos__,
            UnaryOp::Invert => S::__invert__,
            UnaryOp::Not => return Ok(None),
        };
        if let Some(r) = self.call_user_special(v, name, &[])? {
            return Ok(Some(r));
        }
        match instance_base(v) {
            Some(b) => self.unary_op(op, &b).map(Some),
            None => Ok(None),
        }
    }

    /// `bool(v)` for an instance: `__bool__`, then `__len__`.
    pub fn user_truthy(&mut self, v: &Value) -> PyResult<bool> {
        if let Some(r) = self.call_user_special(v, S::__bool__, &[])? {
            return match r {
                Value::Bool(b) => Ok(b),
                other => {
                    let t = self.type_name(&other);
                    Err(self.type_error(format!("__bool__ should return bool, returned {t}")))
                }
            };
        }
        if self.user_special(v, S::__len__).is_some() {
            return Ok(self.len(v)? != 0);
        }
        match instance_base(v) {
            Some(b) => self.truthy(&b),
            None => Ok(true),
        }
    }

    pub fn user_len(&mut self, v: &Value) -> PyResult<usize> {
        if let Some(r) = self.call_user_special(v, S::__len__, &[])? {
            let r = match &r {
                Value::Instance(_) => self.user_index(&r)?.unwrap_or(r),
                _ => r,
            };
            let n = match &r {
                Value::Int(i) => *i,
                Value::Bool(b) => i64::from(*b),
                Value::BigInt(b) if b.sign() == num_bigint::Sign::Minus => -1,
                Value::BigInt(_) => {
                    return Err(self.overflow_error("cannot fit 'int' into an index-sized integer"))
                }
                other => {
                    let t = self.type_name(other);
                    return Err(self
                        .type_error(format!("'{t}' object cannot be interpreted as an integer")));
                }
            };
            if n < 0 {
                return Err(self.new_error("ValueError", "__len__() should return >= 0"));
            }
            return Ok(n as usize);
        }
        match instance_base(v) {
            Some(b) => self.len(&b),
            None => {
                let t = self.type_name(v);
                Err(self.type_error(format!("object of type '{t}' has no len()")))
            }
        }
    }

    /// `hash(v)` for an instance; `__hash__ = None` makes it unhashable.
    pub fn user_hash(&mut self, v: &Value) -> PyResult<Option<i64>> {
        let Some(cls) = heap_class(v).cloned() else {
            return Ok(None);
        };
        match self.class_special(&cls, S::__hash__) {
            Some(Value::None) => {
                let t = self.type_name(v);
                Err(self.type_error(format!("unhashable type: '{t}'")))
            }
            Some(f) => {
                let f = self.bind_special(f, v)?;
                let r = self.call(&f, &[])?;
                match instance_base(&r).unwrap_or(r) {
                    Value::Int(i) => Ok(Some(if i == -1 { -2 } else { i })),
                    Value::Bool(b) => Ok(Some(i64::from(b))),
                    big @ Value::BigInt(_) => self.hash(&big).map(Some),
                    _ => Err(self.type_error("__hash__ method should return an integer")),
                }
            }
            None => match instance_base(v) {
                Some(b) => self.hash(&b).map(Some),
                None => Ok(None),
            },
        }
    }

    /// `x in v` for an instance: `__contains__`, else iteration.
    pub fn user_contains(&mut self, v: &Value, item: &Value) -> PyResult<bool> {
        if matches!(self.user_special(v, S::__contains__), Some(Value::None)) {
            let t = self.type_name(v);
            return Err(self.type_error(format!("'{t}' object is not a container")));
        }
        let iterable = self.user_special(v, S::__iter__).is_some()
            || self.user_special(v, S::__getitem__).is_some();
        if !iterable
            && instance_base(v).is_none()
            && self.user_special(v, S::__contains__).is_none()
        {
            let t = self.type_name(v);
            return Err(self.type_error(format!("argument of type '{t}' is not iterable")));
        }
        if let Some(r) = self.call_user_special(v, S::__contains__, std::slice::from_ref(item))? {
            return self.truthy(&r);
        }
        if self.user_special(v, S::__iter__).is_none()
            && self.user_special(v, S::__getitem__).is_none()
        {
            if let Some(b) = instance_base(v) {
                return self.contains(&b, item);
            }
        }
        let it = self.iter(v)?;
        while let Some(x) = self.next(&it)? {
            if self.eq(&x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// `iter(v)` for an instance: `__iter__`, else the `__getitem__` protocol.
    pub fn user_iter(&mut self, v: &Value) -> PyResult<Value> {
        if matches!(self.user_special(v, S::__iter__), Some(Value::None)) {
            let t = self.type_name(v);
            return Err(self.type_error(format!("'{t}' object is not iterable")));
        }
        if let Some(it) = self.call_user_special(v, S::__iter__, &[])? {
            let is_iter = match &it {
                Value::Iterator(_) | Value::Generator(_) => true,
                other => self.has_next(other),
            };
            if !is_iter {
                let t = self.type_name(&it);
                return Err(self.type_error(format!("iter() returned non-iterator of type '{t}'")));
            }
            return Ok(it);
        }
        // A subclass of a built-in type iterates as its base does, even
        // when it overrides __getitem__.
        if let Some(b) = instance_base(v) {
            return self.iter(&b);
        }
        if self.user_special(v, S::__getitem__).is_some() {
            return Ok(crate::objects::iter::sequence_iter(self, v.clone()));
        }
        match instance_base(v) {
            Some(b) => self.iter(&b),
            None => {
                let t = self.type_name(v);
                Err(self.type_error(format!("'{t}' object is not iterable")))
            }
        }
    }

    /// Whether `v` is an iterator (its class has `__next__`).
    fn has_next(&mut self, v: &Value) -> bool {
        let cls = self.type_of(v).clone();
        let key = self.special_name(S::__next__);
        self.lookup_type(&cls, &key).is_some()
    }

    /// `next(v)` for an instance; `None` when it raised StopIteration.
    pub fn user_next(&mut self, v: &Value) -> PyResult<Option<Value>> {
        match self.call_user_special(v, S::__next__, &[]) {
            Ok(Some(x)) => Ok(Some(x)),
            Ok(None) => {
                let t = self.type_name(v);
                Err(self.type_error(format!("'{t}' object is not an iterator")))
            }
            Err(e) if self.is_instance_of(&e, "StopIteration") => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub fn user_get_item(&mut self, v: &Value, key: &Value) -> PyResult<Value> {
        if let Some(r) = self.call_user_special(v, S::__getitem__, std::slice::from_ref(key))? {
            return Ok(r);
        }
        match instance_base(v) {
            // A dict subclass's __missing__ answers for absent keys.
            Some(Value::Dict(d)) => match d.get(self, key)? {
                Some(x) => Ok(x),
                None => {
                    match self.call_user_special(v, S::__missing__, std::slice::from_ref(key))? {
                        Some(x) => Ok(x),
                        None => Err(self.key_error(key.clone())),
                    }
                }
            },
            Some(b) => self.get_item(&b, key),
            None => {
                let t = self.type_name(v);
                Err(self.type_error(format!("'{t}' object is not subscriptable")))
            }
        }
    }

    pub fn user_set_item(&mut self, v: &Value, key: &Value, value: Value) -> PyResult<()> {
        if let Some(f) = self.user_special(v, S::__setitem__) {
            let f = self.bind_special(f, v)?;
            self.call(&f, &[key.clone(), value])?;
            return Ok(());
        }
        match instance_base(v) {
            Some(b) => self.set_item(&b, key, value),
            None => {
                let t = self.type_name(v);
                Err(self.type_error(format!("'{t}' object does not support item assignment")))
            }
        }
    }

    pub fn user_del_item(&mut self, v: &Value, key: &Value) -> PyResult<()> {
        if self
            .call_user_special(v, S::__delitem__, std::slice::from_ref(key))?
            .is_some()
        {
            return Ok(());
        }
        match instance_base(v) {
            Some(b) => self.del_item(&b, key),
            None => Err(self.no_item_deletion(v, key)),
        }
    }

    /// `PyObject_DelItem`'s error for an object without `__delitem__`: an
    /// index key goes the sequence way ("doesn't"), any other the mapping
    /// way ("does not").
    pub fn no_item_deletion(&mut self, v: &Value, key: &Value) -> crate::error::PyErr {
        let t = self.type_name(v);
        let index_like = match key {
            Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => true,
            Value::Instance(_) => self.user_special(key, S::__index__).is_some(),
            _ => false,
        };
        if index_like {
            self.type_error(format!("'{t}' object doesn't support item deletion"))
        } else {
            self.type_error(format!("'{t}' object does not support item deletion"))
        }
    }

    /// `operator.index(v)` for an instance: `__index__`.
    pub fn user_index(&mut self, v: &Value) -> PyResult<Option<Value>> {
        if let Some(r) = self.call_user_special(v, S::__index__, &[])? {
            if !matches!(r, Value::Int(_) | Value::BigInt(_) | Value::Bool(_)) {
                let t = self.type_name(&r);
                return Err(self.type_error(format!("__index__ returned non-int (type {t})")));
            }
            return Ok(Some(r));
        }
        Ok(instance_base(v)
            .filter(|b| matches!(b, Value::Int(_) | Value::BigInt(_) | Value::Bool(_))))
    }

    /// `operator.index(v)` as an int value, `None` if `v` has no `__index__`.
    pub fn as_index(&mut self, v: &Value) -> PyResult<Option<Value>> {
        match v {
            Value::Int(_) | Value::BigInt(_) => Ok(Some(v.clone())),
            Value::Bool(b) => Ok(Some(Value::Int(i64::from(*b)))),
            v if dispatches(v) => self.user_index(v),
            _ => Ok(None),
        }
    }

    /// `repr(v)` for an instance: `__repr__`, else the extended built-in
    /// value's repr, else `<module.Class object at 0x...>`.
    pub fn user_repr(&mut self, v: &Value) -> PyResult<String> {
        // PyObject_Repr's own recursion check.
        self.enter_recursion(" while getting the repr of an object")?;
        let r = self.call_user_special(v, S::__repr__, &[]);
        self.leave_recursion();
        if let Some(r) = r? {
            return match instance_base(&r).unwrap_or(r) {
                Value::Str(s) => Ok(s.to_string()),
                other => {
                    let t = self.type_name(&other);
                    Err(self.type_error(format!("__repr__ returned non-string (type {t})")))
                }
            };
        }
        match (instance_base(v), v) {
            // set_repr names a subclass: `S({1})`, `S()`.
            (Some(b @ (Value::Set(_) | Value::FrozenSet(_))), _) => {
                let name = self.type_of(v).name.borrow().clone();
                let inner = self.repr(&b)?;
                let body = match inner.find('{') {
                    Some(i) => inner[i..].trim_end_matches(')').to_string(),
                    None => String::new(),
                };
                Ok(format!("{name}({body})"))
            }
            (Some(b), _) => self.repr(&b),
            (None, Value::Type(t)) => Ok(t.repr()),
            (None, _) => Ok(self.default_repr(v)),
        }
    }

    /// `object.__repr__`: `<__main__.Point object at 0x7f...>`.
    pub fn default_repr(&self, v: &Value) -> String {
        let t = self.type_of(v);
        let module = t.module_name();
        let qual = t.qualname.borrow();
        let addr = v.heap_ptr().unwrap_or(0);
        if module == "builtins" {
            format!("<{qual} object at {addr:#x}>")
        } else {
            format!("<{module}.{qual} object at {addr:#x}>")
        }
    }

    /// `str(v)` for an instance: `__str__`, else `repr`.
    pub fn user_str(&mut self, v: &Value) -> PyResult<Option<String>> {
        if let Some(r) = self.call_user_special(v, S::__str__, &[])? {
            return match instance_base(&r).unwrap_or(r) {
                Value::Str(s) => Ok(Some(s.to_string())),
                other => {
                    let t = self.type_name(&other);
                    Err(self.type_error(format!("__str__ returned non-string (type {t})")))
                }
            };
        }
        if self.user_special(v, S::__repr__).is_some() {
            return self.user_repr(v).map(Some);
        }
        match instance_base(v) {
            // A set's str is its repr, which names the subclass.
            Some(Value::Set(_) | Value::FrozenSet(_)) => self.user_repr(v).map(Some),
            Some(b) => self.str(&b).map(Some),
            None => Ok(None),
        }
    }

    /// `v(*args)` for an instance: `__call__`.
    pub fn user_call(&mut self, v: &Value, args: crate::args::Args) -> PyResult<Value> {
        match self.user_special(v, S::__call__) {
            Some(f) => {
                let f = self.bind_special(f, v)?;
                self.call_args(&f, args)
            }
            None => {
                let t = self.type_name(v);
                Err(self.type_error(format!("'{t}' object is not callable")))
            }
        }
    }
}
