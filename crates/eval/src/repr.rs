//! `repr()` and `str()` of every built-in type, with CPython's formats,
//! including `[...]` for self-containing containers and RecursionError for
//! pathologically deep nesting.

use std::fmt::Write as _;

use crate::error::PyResult;
use crate::objects::function::NativeKind;
use crate::objects::iter::{IterKind, ViewKind};
use crate::value::Value;
use crate::vm::Vm;

fn addr(v: &Value) -> String {
    format!("{:#x}", v.heap_ptr().unwrap_or(0))
}

impl Vm {
    pub fn repr(&mut self, v: &Value) -> PyResult<String> {
        let mut s = String::new();
        self.repr_into(v, &mut s)?;
        Ok(s)
    }

    /// `str(v)`.
    pub fn str(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::Str(s) => Ok(s.to_string()),
            Value::Instance(_) | Value::Type(_) => match self.user_str(v)? {
                Some(s) => Ok(s),
                None => self.repr(v),
            },
            Value::Exception(e)
                if e.class.heap
                    && self
                        .user_special(v, crate::slots::Special::__str__)
                        .is_some() =>
            {
                Ok(self.user_str(v)?.unwrap_or_default())
            }
            Value::Exception(e) => self.exception_str(e),
            _ => self.repr(v),
        }
    }

    /// `BaseException.__str__`: the message from `args`.
    pub fn exception_str(
        &mut self,
        e: &std::rc::Rc<crate::objects::ExceptionObject>,
    ) -> PyResult<String> {
        use crate::builtins::structured_errors as structured;
        if let Some(s) = structured::os_error_str(self, e)
            .or_else(|| structured::syntax_error_str(self, e))
            .or_else(|| structured::unicode_error_str(self, e))
        {
            return s;
        }
        let args = e.args();
        // KeyError shows the repr of its key.
        if args.len() == 1 && e.class.is_subtype(&self.exception_type("KeyError")) {
            return self.repr(&args.items[0]);
        }
        match args.len() {
            0 => Ok(String::new()),
            1 => self.str(&args.items[0]),
            _ => self.repr(&Value::Tuple(args)),
        }
    }

    fn repr_into(&mut self, v: &Value, out: &mut String) -> PyResult<()> {
        match v {
            Value::None => out.push_str("None"),
            Value::NotImplemented => out.push_str("NotImplemented"),
            Value::Ellipsis => out.push_str("Ellipsis"),
            Value::Bool(true) => out.push_str("True"),
            Value::Bool(false) => out.push_str("False"),
            Value::Int(i) => {
                let _ = write!(out, "{i}");
            }
            Value::BigInt(b) => {
                let digits = b.bits() as f64 * std::f64::consts::LOG10_2;
                if digits > 4300.0 {
                    let s = b.to_string();
                    let n = s.trim_start_matches('-').len();
                    if n > 4300 {
                        return Err(self.value_error(
                            "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
                        ));
                    }
                    out.push_str(&s);
                } else {
                    let _ = write!(out, "{b}");
                }
            }
            Value::Float(f) => pyvm_loader::repr::format_float_repr(*f, true, false, out),
            Value::Complex(c) => pyvm_loader::repr::complex_repr(c.0, c.1, out),
            Value::Str(s) => s.data().write_repr(out),
            Value::Bytes(b) => pyvm_loader::repr::bytes_repr(&b.data.borrow(), out),
            Value::ByteArray(b) => {
                crate::objects::bytes::bytearray_repr("bytearray", &b.data.borrow(), out)
            }
            Value::Tuple(t) => {
                if t.is_empty() {
                    out.push_str("()");
                    return Ok(());
                }
                let items = t.items.to_vec();
                self.nested(v, out, "(...)", |vm, out| {
                    out.push('(');
                    vm.repr_items(&items, out)?;
                    if items.len() == 1 {
                        out.push(',');
                    }
                    out.push(')');
                    Ok(())
                })?;
            }
            Value::List(l) => {
                let items = l.snapshot();
                self.nested(v, out, "[...]", |vm, out| {
                    out.push('[');
                    vm.repr_items(&items, out)?;
                    out.push(']');
                    Ok(())
                })?;
            }
            Value::Dict(d) => {
                let entries = d.entries();
                self.nested(v, out, "{...}", |vm, out| {
                    out.push('{');
                    for (i, e) in entries.iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        vm.repr_into(&e.key, out)?;
                        out.push_str(": ");
                        vm.repr_into(&e.value, out)?;
                    }
                    out.push('}');
                    Ok(())
                })?;
            }
            Value::Set(s) => {
                let items = s.items();
                if items.is_empty() {
                    out.push_str("set()");
                } else {
                    self.nested(v, out, "set(...)", |vm, out| {
                        out.push('{');
                        vm.repr_items(&items, out)?;
                        out.push('}');
                        Ok(())
                    })?;
                }
            }
            Value::FrozenSet(s) => {
                let items = s.items();
                if items.is_empty() {
                    out.push_str("frozenset()");
                } else {
                    self.nested(v, out, "frozenset(...)", |vm, out| {
                        out.push_str("frozenset({");
                        vm.repr_items(&items, out)?;
                        out.push_str("})");
                        Ok(())
                    })?;
                }
            }
            Value::Range(r) => {
                let (start, stop, step) = r.parts();
                if step == num_bigint::BigInt::from(1) {
                    let _ = write!(out, "range({start}, {stop})");
                } else {
                    let _ = write!(out, "range({start}, {stop}, {step})");
                }
            }
            Value::Slice(s) => {
                out.push_str("slice(");
                self.repr_into(&s.start, out)?;
                out.push_str(", ");
                self.repr_into(&s.stop, out)?;
                out.push_str(", ");
                self.repr_into(&s.step, out)?;
                out.push(')');
            }
            Value::Function(f) => {
                let _ = write!(out, "<function {} at {}>", f.qualname.borrow(), addr(v));
            }
            Value::Builtin(b) => match (&b.bound, b.kind) {
                (Some(recv), _) if b.is_slot_wrapper() => {
                    let t = self.type_name(recv);
                    let _ = write!(
                        out,
                        "<method-wrapper '{}' of {} object at {}>",
                        b.name,
                        t,
                        addr(recv)
                    );
                }
                (None, NativeKind::Method) if b.is_slot_wrapper() => {
                    let _ = write!(
                        out,
                        "<slot wrapper '{}' of '{}' objects>",
                        b.name,
                        b.owner.unwrap_or("object")
                    );
                }
                (Some(recv), _) => {
                    let t = self.type_name(recv);
                    let _ = write!(
                        out,
                        "<built-in method {} of {} object at {}>",
                        b.name,
                        t,
                        addr(recv)
                    );
                }
                (None, NativeKind::Method) => {
                    let _ = write!(
                        out,
                        "<method '{}' of '{}' objects>",
                        b.name,
                        b.owner.unwrap_or("object")
                    );
                }
                _ => {
                    let _ = write!(out, "<built-in function {}>", b.name);
                }
            },
            Value::Method(m) => {
                let name = match &m.func {
                    Value::Function(f) => f.qualname.borrow().to_string(),
                    Value::Builtin(b) => b.name.to_string(),
                    _ => "?".to_string(),
                };
                out.push_str("<bound method ");
                out.push_str(&name);
                out.push_str(" of ");
                self.repr_into(&m.receiver, out)?;
                out.push('>');
            }
            Value::Cell(c) => match c.get() {
                Some(inner) => {
                    let t = self.type_name(&inner);
                    let _ = write!(
                        out,
                        "<cell at {}: {} object at {}>",
                        addr(v),
                        t,
                        addr(&inner)
                    );
                }
                None => {
                    let _ = write!(out, "<cell at {}: empty>", addr(v));
                }
            },
            Value::Code(c) => {
                c.raw.write_repr(out);
            }
            Value::Module(m) => {
                // `module_repr`: the name from `__name__`, then where it came from.
                let name = match m.dict.get_str(&self.intern("__name__")) {
                    Some(Value::Str(s)) => s.to_string(),
                    _ => m.name.clone(),
                };
                let file = m.dict.get_str(&self.intern("__file__"));
                match file {
                    Some(f) => {
                        let f = self.repr(&f)?;
                        let _ = write!(out, "<module '{name}' from {f}>");
                    }
                    None if crate::modules::native(&name).is_some() => {
                        let _ = write!(out, "<module '{name}' (built-in)>");
                    }
                    None => {
                        let _ = write!(out, "<module '{name}'>");
                    }
                }
            }
            Value::Type(t) if t.metaclass.is_some() => {
                let s = self.user_repr(v)?;
                out.push_str(&s);
            }
            Value::Type(t) => out.push_str(&t.repr()),
            Value::Exception(e)
                if e.class.heap
                    && self
                        .user_special(v, crate::slots::Special::__repr__)
                        .is_some() =>
            {
                out.push_str(&self.user_repr(v)?);
            }
            Value::Instance(_) => {
                let s = self.user_repr(v)?;
                out.push_str(&s);
            }
            Value::Descriptor(d) => match &d.kind {
                crate::objects::descriptor::DescriptorKind::Member {
                    name, class_name, ..
                } => {
                    let _ = write!(out, "<member '{name}' of '{class_name}' objects>");
                }
                crate::objects::descriptor::DescriptorKind::GetSet { name, class_name } => {
                    let _ = write!(out, "<attribute '{name}' of '{class_name}' objects>");
                }
                crate::objects::descriptor::DescriptorKind::TupleItem { index, .. } => {
                    // `__doc__` as attribute lookup sees it (it can be replaced).
                    let doc = self.get_attr_opt(v, "__doc__")?.unwrap_or_default();
                    let doc = self.repr(&doc)?;
                    let _ = write!(out, "_tuplegetter({index}, {doc})");
                }
                crate::objects::descriptor::DescriptorKind::Property { .. } => {
                    let _ = write!(out, "<property object at {}>", addr(v));
                }
                crate::objects::descriptor::DescriptorKind::StaticMethod(f)
                | crate::objects::descriptor::DescriptorKind::ClassMethod(f) => {
                    let _ = write!(out, "<{}(", d.type_name());
                    self.repr_into(f, out)?;
                    out.push_str(")>");
                }
            },
            Value::Super(s) => {
                let _ = write!(
                    out,
                    "<super: <class '{}'>, <{} object>>",
                    s.this_class.name.borrow(),
                    s.obj_type.name.borrow()
                );
            }
            Value::Exception(e) => {
                let args = e.args();
                out.push_str(&e.class.name.borrow());
                if args.len() == 1 {
                    out.push('(');
                    self.repr_into(&args.items[0], out)?;
                    out.push(')');
                } else {
                    self.repr_into(&Value::Tuple(args), out)?;
                }
            }
            Value::Iterator(it) => {
                let view = match &*it.kind.borrow() {
                    IterKind::View { dict, kind } => Some((dict.clone(), *kind)),
                    _ => None,
                };
                match view {
                    Some((d, kind)) => {
                        out.push_str(it.type_name);
                        out.push('(');
                        let items: Vec<Value> = match kind {
                            ViewKind::Keys => d.keys(),
                            ViewKind::Values => d.values(),
                            ViewKind::Items => d
                                .entries()
                                .into_iter()
                                .map(|e| Value::tuple(vec![e.key, e.value]))
                                .collect(),
                        };
                        self.repr_into(&Value::list(items), out)?;
                        out.push(')');
                    }
                    None => {
                        let _ = write!(out, "<{} object at {}>", it.type_name, addr(v));
                    }
                }
            }
            Value::Generator(g) => {
                let kind = match g.kind {
                    crate::objects::generator::GenKind::Generator => "generator",
                    crate::objects::generator::GenKind::Coroutine => "coroutine",
                    crate::objects::generator::GenKind::AsyncGenerator => "async_generator",
                };
                let _ = write!(
                    out,
                    "<{kind} object {} at {}>",
                    g.qualname.borrow(),
                    addr(v)
                );
            }
            Value::Frame(fr) => {
                let code = fr.code();
                let _ = write!(
                    out,
                    "<frame at {}, file '{}', line {}, code {}>",
                    addr(v),
                    code.filename,
                    fr.lineno(),
                    code.name
                );
            }
            Value::Awaitable(a) => {
                let _ = write!(out, "<{} object at {}>", a.type_name(), addr(v));
            }
            Value::Traceback(_) => {
                let _ = write!(out, "<traceback object at {}>", addr(v));
            }
            Value::Native(_) => {
                let _ = write!(out, "<native state at {}>", addr(v));
            }
            Value::File(f) => {
                if f.binary {
                    let kind = if f.mode.contains('r') && !f.mode.contains('+') {
                        "BufferedReader"
                    } else {
                        "BufferedWriter"
                    };
                    let _ = write!(out, "<_io.{kind} name='{}'>", f.name);
                } else {
                    let _ = write!(
                        out,
                        "<_io.TextIOWrapper name='{}' mode='{}' encoding='UTF-8'>",
                        f.name, f.mode
                    );
                }
            }
        }
        Ok(())
    }

    fn repr_items(&mut self, items: &[Value], out: &mut String) -> PyResult<()> {
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            self.repr_into(item, out)?;
        }
        Ok(())
    }

    /// Run a container's repr with recursion protection: `marker` if this
    /// container is already being printed further up, RecursionError if the
    /// nesting is too deep, and never a Rust stack overflow.
    fn nested(
        &mut self,
        v: &Value,
        out: &mut String,
        marker: &str,
        body: impl FnOnce(&mut Vm, &mut String) -> PyResult<()>,
    ) -> PyResult<()> {
        let p = v.heap_ptr().unwrap_or(0);
        if self.repr_stack.contains(&p) {
            out.push_str(marker);
            return Ok(());
        }
        self.enter_recursion(" while getting the repr of an object")?;
        self.repr_stack.push(p);
        let r = stacker::maybe_grow(64 * 1024, 1024 * 1024, || body(self, out));
        self.repr_stack.pop();
        self.leave_recursion();
        r
    }
}
