//! The object side of string formatting: `format(value, spec)` for the
//! built-in types, the `str.format` field grammar, and `str % args` argument
//! handling. The text rendering itself is `crate::format`'s.

use num_bigint::BigInt;

use crate::error::{PyErr, PyResult};
use crate::format::{self as fmt, FormatError, FormatErrorKind, FormatSpec, PercentPiece};
use crate::objects::int::as_int;
use crate::objects::StrObject;
use crate::value::Value;
use crate::vm::Vm;

fn raise(vm: &mut Vm, e: FormatError) -> PyErr {
    match e.kind {
        FormatErrorKind::ValueError => vm.value_error(e.message),
        FormatErrorKind::TypeError => vm.type_error(e.message),
        FormatErrorKind::OverflowError => vm.overflow_error(e.message),
        FormatErrorKind::MemoryError => vm.new_error("MemoryError", ""),
    }
}

/// `ascii()` applied to a repr: escape every non-ASCII character.
pub fn ascii_of(repr: &str) -> String {
    let mut out = String::with_capacity(repr.len());
    for c in repr.chars() {
        let cp = c as u32;
        if cp < 0x80 {
            out.push(c);
        } else if cp < 0x100 {
            out.push_str(&format!("\\x{cp:02x}"));
        } else if cp < 0x10000 {
            out.push_str(&format!("\\u{cp:04x}"));
        } else {
            out.push_str(&format!("\\U{cp:08x}"));
        }
    }
    out
}

impl Vm {
    /// `format(value, spec)`.
    pub fn format(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        if let Value::Instance(_) | Value::Exception(_) = v {
            if let Some(r) =
                self.call_user_special(v, crate::slots::Special::__format__, &[Value::str(spec)])?
            {
                return match r {
                    Value::Str(s) => Ok(s.to_string()),
                    other => {
                        let t = self.type_name(&other);
                        Err(self.type_error(format!("__format__ must return a str, not {t}")))
                    }
                };
            }
            // The built-in __format__ with an empty spec is str(self).
            if spec.is_empty() {
                return self.str(v);
            }
            if let Some(b) = crate::slots::instance_base(v) {
                return self.format(&b, spec);
            }
        }
        let parsed = |vm: &mut Vm| FormatSpec::parse(spec).map_err(|e| raise(vm, e));
        match v {
            Value::Int(i) => {
                if spec.is_empty() {
                    return Ok(i.to_string());
                }
                let s = parsed(self)?;
                fmt::format_i64(*i, &s).map_err(|e| raise(self, e))
            }
            Value::BigInt(b) => {
                let s = parsed(self)?;
                fmt::format_int(b, &s).map_err(|e| raise(self, e))
            }
            Value::Bool(b) => {
                if spec.is_empty() {
                    return Ok(if *b { "True".into() } else { "False".into() });
                }
                let s = parsed(self)?;
                fmt::format_int_ctx(
                    &BigInt::from(i64::from(*b)),
                    &s,
                    &fmt::IntFormatContext {
                        type_name: "bool",
                        ..Default::default()
                    },
                )
                .map_err(|e| raise(self, e))
            }
            Value::Float(f) => {
                if spec.is_empty() {
                    return Ok(crate::objects::float::float_repr(*f));
                }
                let s = parsed(self)?;
                fmt::format_float(*f, &s).map_err(|e| raise(self, e))
            }
            Value::Complex(c) => {
                if spec.is_empty() {
                    return Ok(crate::objects::complex::complex_repr(**c));
                }
                let s = parsed(self)?;
                fmt::format_complex(c.0, c.1, &s).map_err(|e| raise(self, e))
            }
            Value::Str(st) => {
                if spec.is_empty() {
                    return Ok(st.to_string());
                }
                let s = parsed(self)?;
                fmt::format_str(&st.to_string(), &s).map_err(|e| raise(self, e))
            }
            _ => {
                if spec.is_empty() {
                    return self.str(v);
                }
                let t = self.type_name(v);
                Err(self.type_error(format!(
                    "unsupported format string passed to {t}.__format__"
                )))
            }
        }
    }
}

/// `str.format(*args, **kwargs)`: `lookup` resolves keyword field names.
pub fn str_format(
    vm: &mut Vm,
    template: &StrObject,
    args: &[Value],
    lookup: &mut dyn FnMut(&mut Vm, &str) -> PyResult<Value>,
) -> PyResult<String> {
    let text: Vec<char> = template.to_string().chars().collect();
    let mut auto = 0usize;
    let mut numbering = None::<bool>; // Some(true): automatic, Some(false): manual
    format_inner(vm, &text, Some(args), lookup, &mut auto, &mut numbering, 2)
}

/// `str.format_map(mapping)`: like `format`, but positional fields are an error.
pub fn str_format_map(
    vm: &mut Vm,
    template: &StrObject,
    lookup: &mut dyn FnMut(&mut Vm, &str) -> PyResult<Value>,
) -> PyResult<String> {
    let text: Vec<char> = template.to_string().chars().collect();
    let mut auto = 0usize;
    let mut numbering = None::<bool>;
    format_inner(vm, &text, None, lookup, &mut auto, &mut numbering, 2)
}

fn format_inner(
    vm: &mut Vm,
    text: &[char],
    args: Option<&[Value]>,
    lookup: &mut dyn FnMut(&mut Vm, &str) -> PyResult<Value>,
    auto: &mut usize,
    numbering: &mut Option<bool>,
    depth: usize,
) -> PyResult<String> {
    let mut out = String::new();
    let mut i = 0;
    while i < text.len() {
        let c = text[i];
        if c == '{' {
            if text.get(i + 1) == Some(&'{') {
                out.push('{');
                i += 2;
                continue;
            }
            // Find the matching '}' (nested braces allowed in the spec).
            let mut level = 1;
            let mut j = i + 1;
            while j < text.len() {
                match text[j] {
                    '{' => level += 1,
                    '}' => {
                        level -= 1;
                        if level == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            if j >= text.len() {
                return Err(vm.value_error(if level > 1 {
                    "unmatched '{' in format spec"
                } else {
                    "Single '{' encountered in format string"
                }));
            }
            let field: String = text[i + 1..j].iter().collect();
            if depth == 0 {
                return Err(vm.value_error("Max string recursion exceeded"));
            }
            let rendered = render_field(vm, &field, args, lookup, auto, numbering, depth)?;
            out.push_str(&rendered);
            i = j + 1;
        } else if c == '}' {
            if text.get(i + 1) == Some(&'}') {
                out.push('}');
                i += 2;
                continue;
            }
            return Err(vm.value_error("Single '}' encountered in format string"));
        } else {
            out.push(c);
            i += 1;
        }
    }
    Ok(out)
}

fn render_field(
    vm: &mut Vm,
    field: &str,
    args: Option<&[Value]>,
    lookup: &mut dyn FnMut(&mut Vm, &str) -> PyResult<Value>,
    auto: &mut usize,
    numbering: &mut Option<bool>,
    depth: usize,
) -> PyResult<String> {
    // field_name[!conversion][:format_spec]
    let (head, spec) = split_top(field, ':');
    let (name, conversion) = match head.find('!') {
        Some(p) => (&head[..p], Some(&head[p + 1..])),
        None => (head, None),
    };
    // First part of the name: index or keyword, then .attr / [key] accessors.
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let first = &name[..first_end];
    let positional = first.is_empty() || first.bytes().all(|b| b.is_ascii_digit());
    let args = match (args, positional) {
        (Some(a), _) => a,
        (None, true) => return Err(vm.value_error("Format string contains positional fields")),
        (None, false) => &[],
    };
    let mut value = if first.is_empty() {
        if *numbering == Some(false) {
            return Err(vm.value_error(
                "cannot switch from manual field specification to automatic field numbering",
            ));
        }
        *numbering = Some(true);
        let idx = *auto;
        *auto += 1;
        match args.get(idx) {
            Some(v) => v.clone(),
            None => {
                return Err(vm.index_error(format!(
                    "Replacement index {idx} out of range for positional args tuple"
                )))
            }
        }
    } else if first.bytes().all(|b| b.is_ascii_digit()) {
        if *numbering == Some(true) {
            return Err(vm.value_error(
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
        *numbering = Some(false);
        let idx: usize = first.parse().unwrap_or(usize::MAX);
        match args.get(idx) {
            Some(v) => v.clone(),
            None => {
                return Err(vm.index_error(format!(
                    "Replacement index {idx} out of range for positional args tuple"
                )))
            }
        }
    } else {
        lookup(vm, first)?
    };
    let mut rest = &name[first_end..];
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            let attr = vm.intern(&r[..end]);
            value = vm.get_attr(&value, &attr)?;
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r
                .find(']')
                .ok_or_else(|| vm.value_error("Missing ']' in format string"))?;
            let key = &r[..end];
            let k = if !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()) {
                Value::Int(key.parse().unwrap_or(0))
            } else {
                Value::str(key)
            };
            value = vm.get_item(&value, &k)?;
            rest = &r[end + 1..];
        } else {
            return Err(vm.value_error("Only '.' or '[' may follow ']' in format field specifier"));
        }
    }
    let value = match conversion {
        None => value,
        Some("r") => Value::str(&vm.repr(&value)?),
        Some("s") => Value::str(&vm.str(&value)?),
        Some("a") => Value::str(&ascii_of(&vm.repr(&value)?)),
        Some(c) if c.chars().count() == 1 => {
            return Err(vm.value_error(format!("Unknown conversion specifier {c}")))
        }
        Some(_) => return Err(vm.value_error("expected ':' after conversion specifier")),
    };
    let spec_text: Vec<char> = spec.chars().collect();
    let spec = if spec.contains('{') {
        let outer = if positional || !args.is_empty() {
            Some(args)
        } else {
            None
        };
        format_inner(vm, &spec_text, outer, lookup, auto, numbering, depth - 1)?
    } else {
        spec.to_string()
    };
    vm.format(&value, &spec)
}

/// Split at the first `sep` that is not inside brackets.
fn split_top(s: &str, sep: char) -> (&str, &str) {
    let mut depth = 0;
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            c if c == sep && depth == 0 => return (&s[..i], &s[i + 1..]),
            _ => {}
        }
    }
    (s, "")
}

/// `str % args`.
pub fn percent_format(vm: &mut Vm, template: &StrObject, args: &Value) -> PyResult<Value> {
    let fmt_text = template.to_string();
    let pieces = fmt::parse_percent(&fmt_text).map_err(|e| raise(vm, e))?;
    // CPython treats any non-tuple, non-str argument with `__getitem__` as a
    // mapping: no "not all arguments converted" check for it.
    let is_mapping = matches!(
        args,
        Value::Dict(_) | Value::List(_) | Value::Bytes(_) | Value::ByteArray(_) | Value::Range(_)
    ) || (crate::slots::dispatches(args)
        && (vm
            .user_special(args, crate::slots::Special::__getitem__)
            .is_some()
            || matches!(
                crate::slots::instance_base(args),
                Some(Value::Dict(_) | Value::List(_))
            )));
    let tuple_args: Vec<Value> = match args {
        Value::Tuple(t) => t.items.to_vec(),
        // A tuple subclass supplies its items too.
        other => match crate::slots::instance_base(other) {
            Some(Value::Tuple(t)) => t.items.to_vec(),
            _ => vec![other.clone()],
        },
    };
    let mut next = 0usize;
    let mut out = String::with_capacity(fmt_text.len());
    let mut used_mapping = false;
    for piece in pieces {
        match piece {
            PercentPiece::Literal(r) => out.push_str(&fmt_text[r]),
            PercentPiece::Conversion(mut conv) => {
                let mut take = |vm: &mut Vm| -> PyResult<Value> {
                    match tuple_args.get(next) {
                        Some(v) => {
                            next += 1;
                            Ok(v.clone())
                        }
                        None => Err(vm.type_error("not enough arguments for format string")),
                    }
                };
                let value = if let Some(key) = conv.key_in(&fmt_text) {
                    if !is_mapping {
                        return Err(vm.type_error("format requires a mapping"));
                    }
                    used_mapping = true;
                    vm.get_item(args, &Value::str(key))?
                } else if used_mapping {
                    return Err(vm.type_error("not enough arguments for format string"));
                } else {
                    if conv.width_from_args {
                        let w = take(vm)?;
                        let Some(w) = as_int(&w).map(|i| i.to_big()) else {
                            return Err(vm.type_error("* wants int"));
                        };
                        conv.spec.set_star_width(&w).map_err(|e| raise(vm, e))?;
                    }
                    if conv.precision_from_args {
                        let p = take(vm)?;
                        let Some(p) = as_int(&p).map(|i| i.to_big()) else {
                            return Err(vm.type_error("* wants int"));
                        };
                        conv.spec.set_star_precision(&p).map_err(|e| raise(vm, e))?;
                    }
                    take(vm)?
                };
                conv.check_conversion().map_err(|e| raise(vm, e))?;
                let rendered = render_percent(vm, conv.conv, &conv.spec, &value)?;
                out.push_str(&rendered);
            }
        }
    }
    if !is_mapping && next < tuple_args.len() && !matches!(args, Value::Dict(_)) {
        return Err(vm.type_error("not all arguments converted during string formatting"));
    }
    let _ = used_mapping;
    Ok(Value::str(&out))
}

fn render_percent(
    vm: &mut Vm,
    conv: char,
    spec: &fmt::PercentSpec,
    value: &Value,
) -> PyResult<String> {
    // Integer conversions of class instances: int() for %d, __index__ for
    // the others; a TypeError there is the usual "required" message.
    if matches!(conv, 'c' | 'd' | 'i' | 'u' | 'o' | 'x' | 'X') && crate::slots::dispatches(value) {
        let converted = if matches!(conv, 'd' | 'i' | 'u') {
            let int_type = Value::Type(vm.types.int.clone());
            vm.call(&int_type, std::slice::from_ref(value)).map(Some)
        } else {
            vm.user_index(value)
        };
        match converted {
            Ok(Some(i)) => return render_percent(vm, conv, spec, &i),
            Ok(None) => {}
            Err(e) if vm.is_instance_of(&e, "TypeError") && conv != 'c' => {
                let t = vm.type_name(value);
                return Err(vm.type_error(if matches!(conv, 'd' | 'i' | 'u') {
                    format!("%{conv} format: a real number is required, not {t}")
                } else {
                    format!("%{conv} format: an integer is required, not {t}")
                }));
            }
            Err(e) => return Err(e),
        }
    }
    match conv {
        's' => {
            let s = vm.str(value)?;
            fmt::percent_str_pad(&s, spec).map_err(|e| raise(vm, e))
        }
        'r' => {
            let s = vm.repr(value)?;
            fmt::percent_str_pad(&s, spec).map_err(|e| raise(vm, e))
        }
        'a' => {
            let s = ascii_of(&vm.repr(value)?);
            fmt::percent_str_pad(&s, spec).map_err(|e| raise(vm, e))
        }
        'c' => {
            let c = match value {
                Value::Str(s) if s.len() == 1 => s.char_at(0),
                Value::Str(_) => return Err(vm.type_error("%c requires int or char")),
                other => match as_int(other) {
                    Some(i) => fmt::percent_char_from_int(&i.to_big()).map_err(|e| raise(vm, e))?,
                    None => return Err(vm.type_error("%c requires int or char")),
                },
            };
            let ch = char::from_u32(c).unwrap_or('\u{fffd}');
            fmt::percent_char(ch, spec).map_err(|e| raise(vm, e))
        }
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
            let n: BigInt = match value {
                Value::Float(f) if matches!(conv, 'd' | 'i' | 'u') => {
                    match crate::objects::float::float_to_int(vm, *f)? {
                        Value::Int(i) => BigInt::from(i),
                        Value::BigInt(b) => (*b).clone(),
                        _ => BigInt::from(0),
                    }
                }
                other => match as_int(other) {
                    Some(i) => i.to_big(),
                    None => {
                        let t = vm.type_name(other);
                        return Err(vm.type_error(if matches!(conv, 'd' | 'i' | 'u') {
                            format!("%{conv} format: a real number is required, not {t}")
                        } else {
                            format!("%{conv} format: an integer is required, not {t}")
                        }));
                    }
                },
            };
            fmt::percent_int(&n, conv, spec).map_err(|e| raise(vm, e))
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let f = match value {
                Value::Float(f) => *f,
                other => match as_int(other) {
                    Some(i) => crate::objects::int::int_to_f64(vm, &i)?,
                    None => {
                        let t = vm.type_name(other);
                        return Err(vm.type_error(format!("must be real number, not {t}")));
                    }
                },
            };
            fmt::percent_float(f, conv, spec).map_err(|e| raise(vm, e))
        }
        other => Err(vm.value_error(format!("unsupported format character '{other}'"))),
    }
}
