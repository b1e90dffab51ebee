//! Built-in exceptions whose arguments have structure, as CPython's
//! `Objects/exceptions.c` parses them: `OSError` (errno, strerror, filename,
//! winerror, filename2), the `UnicodeError` family (encoding, object, start,
//! end, reason) and `SyntaxError` (msg and a (filename, lineno, offset,
//! text[, end_lineno, end_offset]) tuple). The parsed fields become the
//! exception's attributes, and `str()` is built from them.

use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::objects::{BytesObject, ExceptionObject, TupleObject};
use crate::value::Value;
use crate::vm::Vm;

fn is(vm: &Vm, e: &ExceptionObject, name: &str) -> bool {
    e.class.is_subtype(&vm.exception_type(name))
}

/// Parse `args` into `e`'s attributes (from `__new__` and `__init__`).
pub fn init(vm: &mut Vm, e: &ExceptionObject, args: &[Value]) -> PyResult<()> {
    // Most exceptions have no structured fields: one walk over the MRO
    // instead of three lookups by name (this runs for every exception).
    let structured = std::iter::once(&e.class)
        .chain(e.class.mro_rest.borrow().iter())
        .any(|t| {
            !t.heap
                && matches!(
                    t.name.borrow().as_str(),
                    "OSError" | "SyntaxError" | "UnicodeError"
                )
        });
    if !structured {
        return Ok(());
    }
    if is(vm, e, "OSError") {
        init_os_error(e, args);
    } else if is(vm, e, "SyntaxError") {
        init_syntax_error(vm, e, args)?;
    } else if !is(vm, e, "UnicodeError") {
    } else if is(vm, e, "UnicodeDecodeError") {
        init_unicode_error(vm, e, args, "UnicodeDecodeError", true)?;
    } else if is(vm, e, "UnicodeEncodeError") {
        init_unicode_error(vm, e, args, "UnicodeEncodeError", true)?;
    } else if is(vm, e, "UnicodeTranslateError") {
        init_unicode_error(vm, e, args, "UnicodeTranslateError", false)?;
    }
    Ok(())
}

/// `OSError(errno, strerror[, filename[, winerror[, filename2]]])`: with a
/// filename, `args` keeps only (errno, strerror), as CPython does.
fn init_os_error(e: &ExceptionObject, args: &[Value]) {
    if !(2..=5).contains(&args.len()) {
        return;
    }
    e.set_attr("errno", args[0].clone());
    e.set_attr("strerror", args[1].clone());
    match args.get(2) {
        Some(filename) if !filename.is_none() => {
            e.set_attr("filename", filename.clone());
            if let Some(f2) = args.get(4).filter(|f| !f.is_none()) {
                e.set_attr("filename2", f2.clone());
            }
            *e.args.borrow_mut() = TupleObject::new(args[..2].to_vec());
        }
        _ => {}
    }
}

/// `str()` of an OSError: `[Errno 2] msg: 'a' -> 'b'`; `None` means the
/// plain `BaseException` form.
pub fn os_error_str(vm: &mut Vm, e: &ExceptionObject) -> Option<PyResult<String>> {
    if !is(vm, e, "OSError") {
        return None;
    }
    let get = |n: &str| e.get_attr(n).filter(|v| !v.is_none());
    let (errno, strerror) = (get("errno"), get("strerror"));
    let render = |vm: &mut Vm| -> PyResult<Option<String>> {
        let errno_s = match &errno {
            Some(v) => vm.str(v)?,
            None => "None".to_string(),
        };
        let strerror_s = match &strerror {
            Some(v) => vm.str(v)?,
            None => "None".to_string(),
        };
        Ok(match (get("filename"), get("filename2")) {
            (Some(f), Some(f2)) => Some(format!(
                "[Errno {errno_s}] {strerror_s}: {} -> {}",
                vm.repr(&f)?,
                vm.repr(&f2)?
            )),
            (Some(f), None) => Some(format!("[Errno {errno_s}] {strerror_s}: {}", vm.repr(&f)?)),
            _ if errno.is_some() && strerror.is_some() => {
                Some(format!("[Errno {errno_s}] {strerror_s}"))
            }
            _ => None,
        })
    };
    render(vm).transpose()
}

/// `SyntaxError(msg, (filename, lineno, offset, text[, end_lineno, end_offset]))`.
fn init_syntax_error(vm: &mut Vm, e: &ExceptionObject, args: &[Value]) -> PyResult<()> {
    for field in [
        "msg",
        "filename",
        "lineno",
        "offset",
        "text",
        "end_lineno",
        "end_offset",
        "print_file_and_line",
    ] {
        e.set_attr(field, Value::None);
    }
    if let Some(msg) = args.first() {
        e.set_attr("msg", msg.clone());
    }
    if args.len() == 2 {
        let info = match &args[1] {
            Value::Tuple(t) => t.items.to_vec(),
            other => vm.collect(other)?,
        };
        if !(4..=6).contains(&info.len()) {
            return Err(vm.index_error("tuple index out of range"));
        }
        let fields = [
            "filename",
            "lineno",
            "offset",
            "text",
            "end_lineno",
            "end_offset",
        ];
        for (field, value) in fields.iter().zip(info) {
            e.set_attr(field, value);
        }
    }
    Ok(())
}

/// `str()` of a SyntaxError: `msg (file.py, line 3)`, with the file's base name.
pub fn syntax_error_str(vm: &mut Vm, e: &ExceptionObject) -> Option<PyResult<String>> {
    if !is(vm, e, "SyntaxError") {
        return None;
    }
    let msg = e.get_attr("msg")?;
    let render = |vm: &mut Vm| -> PyResult<String> {
        let msg = vm.str(&msg)?;
        let filename = match e.get_attr("filename") {
            Some(Value::Str(s)) => {
                let s = s.to_string();
                Some(s.rsplit('/').next().unwrap_or_default().to_string())
            }
            _ => None,
        };
        let lineno = match e.get_attr("lineno") {
            Some(Value::Int(n)) => Some(n),
            _ => None,
        };
        Ok(match (filename, lineno) {
            (Some(f), Some(l)) => format!("{msg} ({f}, line {l})"),
            (Some(f), None) => format!("{msg} ({f})"),
            (None, Some(l)) => format!("{msg} (line {l})"),
            (None, None) => msg,
        })
    };
    Some(render(vm))
}

/// `UnicodeDecodeError(encoding, object, start, end, reason)` and friends
/// (`UnicodeTranslateError` has no encoding).
fn init_unicode_error(
    vm: &mut Vm,
    e: &ExceptionObject,
    args: &[Value],
    name: &str,
    has_encoding: bool,
) -> PyResult<()> {
    let expected = if has_encoding { 5 } else { 4 };
    if args.len() != expected {
        return Err(vm.type_error(format!(
            "function takes exactly {expected} arguments ({} given)",
            args.len()
        )));
    }
    let (encoding, rest) = if has_encoding {
        (Some(&args[0]), &args[1..])
    } else {
        (None, args)
    };
    let position = |n: usize| n + usize::from(has_encoding) + 1;
    let must_be = |vm: &mut Vm, n: usize, what: &str, v: &Value| {
        let t = vm.type_name(v);
        vm.type_error(format!("argument {} must be {what}, not {t}", position(n)))
    };
    if let Some(enc) = encoding {
        if !matches!(enc, Value::Str(_)) {
            let t = vm.type_name(enc);
            return Err(vm.type_error(format!("argument 1 must be str, not {t}")));
        }
    }
    let object = &rest[0];
    let object_ok = match name {
        "UnicodeDecodeError" => matches!(object, Value::Bytes(_) | Value::ByteArray(_)),
        _ => matches!(object, Value::Str(_)),
    };
    if !object_ok {
        let what = if name == "UnicodeDecodeError" {
            "bytes-like object"
        } else {
            "str"
        };
        return Err(must_be(vm, 0, what, object));
    }
    for v in &rest[1..3] {
        if !matches!(v, Value::Int(_) | Value::Bool(_)) {
            let t = vm.type_name(v);
            return Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")));
        }
    }
    if !matches!(rest[3], Value::Str(_)) {
        return Err(must_be(vm, 3, "str", &rest[3]));
    }
    if let Some(enc) = encoding {
        e.set_attr("encoding", enc.clone());
    }
    let object = match object {
        Value::ByteArray(b) => Value::Bytes(BytesObject::new(b.data.borrow().clone())),
        other => other.clone(),
    };
    e.set_attr("object", object);
    e.set_attr("start", rest[1].clone());
    e.set_attr("end", rest[2].clone());
    e.set_attr("reason", rest[3].clone());
    Ok(())
}

/// `str()` of a Unicode error: "'utf-8' codec can't decode byte 0xff in
/// position 1: invalid start byte" and its variants.
pub fn unicode_error_str(vm: &mut Vm, e: &ExceptionObject) -> Option<PyResult<String>> {
    let kind = [
        "UnicodeDecodeError",
        "UnicodeEncodeError",
        "UnicodeTranslateError",
    ]
    .into_iter()
    .find(|k| is(vm, e, k))?;
    let object = e.get_attr("object")?;
    let as_index = |v: Option<Value>| match v {
        Some(Value::Int(n)) => n,
        Some(Value::Bool(b)) => i64::from(b),
        _ => 0,
    };
    let (start, end) = (as_index(e.get_attr("start")), as_index(e.get_attr("end")));
    let render = |vm: &mut Vm| -> PyResult<String> {
        let reason = vm.str(&e.get_attr("reason").unwrap_or_default())?;
        let encoding = match e.get_attr("encoding") {
            Some(enc) => vm.str(&enc)?,
            None => String::new(),
        };
        let (verb, prefix) = match kind {
            "UnicodeDecodeError" => ("decode", format!("'{encoding}' codec can't ")),
            "UnicodeEncodeError" => ("encode", format!("'{encoding}' codec can't ")),
            _ => ("translate", "can't ".to_string()),
        };
        let single = end == start + 1;
        let one = match (&object, single) {
            (Value::Bytes(b), true) => usize::try_from(start)
                .ok()
                .and_then(|i| b.data.borrow().get(i).copied())
                .map(|byte| format!("byte 0x{byte:02x}")),
            (Value::Str(s), true) => {
                usize::try_from(start)
                    .ok()
                    .filter(|&i| i < s.len())
                    .map(|i| {
                        let c = s.char_at(i);
                        let escaped = if c <= 0xff {
                            format!("\\x{c:02x}")
                        } else if c <= 0xffff {
                            format!("\\u{c:04x}")
                        } else {
                            format!("\\U{c:08x}")
                        };
                        format!("character '{escaped}'")
                    })
            }
            _ => None,
        };
        Ok(match one {
            Some(what) => format!("{prefix}{verb} {what} in position {start}: {reason}"),
            None => {
                let unit = if kind == "UnicodeDecodeError" {
                    "bytes"
                } else {
                    "characters"
                };
                format!(
                    "{prefix}{verb} {unit} in position {start}-{}: {reason}",
                    end - 1
                )
            }
        })
    };
    Some(render(vm))
}

/// A `UnicodeDecodeError` as the codecs raise it.
pub fn decode_error(
    vm: &mut Vm,
    encoding: &str,
    object: &[u8],
    start: usize,
    end: usize,
    reason: &str,
) -> PyErr {
    unicode_error(
        vm,
        "UnicodeDecodeError",
        vec![
            Value::str(encoding),
            Value::Bytes(BytesObject::new(object.to_vec())),
            Value::Int(start as i64),
            Value::Int(end as i64),
            Value::str(reason),
        ],
    )
}

/// A `UnicodeEncodeError` as the codecs raise it.
pub fn encode_error(
    vm: &mut Vm,
    encoding: &str,
    object: Value,
    start: usize,
    end: usize,
    reason: &str,
) -> PyErr {
    unicode_error(
        vm,
        "UnicodeEncodeError",
        vec![
            Value::str(encoding),
            object,
            Value::Int(start as i64),
            Value::Int(end as i64),
            Value::str(reason),
        ],
    )
}

fn unicode_error(vm: &mut Vm, kind: &str, args: Vec<Value>) -> PyErr {
    let e = ExceptionObject::new(vm.exception_type(kind), TupleObject::new(args.clone()));
    match init(vm, &e, &args) {
        Ok(()) => e,
        Err(err) => err,
    }
}

/// The block CPython prints for an uncaught SyntaxError in place of the
/// usual last line: `  File "f.py", line 2`, the source text with a caret
/// line, then `SyntaxError: msg`. `None` when the exception lacks the
/// fields (then it prints like any other exception).
pub fn syntax_error_display(
    vm: &mut Vm,
    e: &Rc<ExceptionObject>,
    qualname: &str,
) -> Option<String> {
    if !is(vm, e, "SyntaxError") {
        return None;
    }
    let lineno = match e.get_attr("lineno")? {
        Value::Int(n) => n,
        Value::Bool(b) => i64::from(b),
        _ => return None,
    };
    let filename = match e.get_attr("filename") {
        Some(Value::Str(s)) => s.to_string(),
        _ => "<string>".to_string(),
    };
    let int_or = |v: Option<Value>, default: i64| match v {
        Some(Value::Int(n)) => n,
        Some(Value::Bool(b)) => i64::from(b),
        _ => default,
    };
    let offset = int_or(e.get_attr("offset"), 0);
    let end_offset = int_or(e.get_attr("end_offset"), -1);
    let mut out = format!("  File \"{filename}\", line {lineno}\n");
    if let Some(Value::Str(text)) = e.get_attr("text") {
        out.push_str(&error_text(&text.to_string(), offset, end_offset));
    }
    let msg = match e.get_attr("msg") {
        Some(m) => vm.str(&m).unwrap_or_default(),
        None => String::new(),
    };
    out.push_str(qualname);
    if !msg.is_empty() {
        out.push_str(": ");
        out.push_str(&msg);
    }
    Some(out)
}

/// The source line and caret(s) of a SyntaxError, as 3.10's
/// `print_error_text`: indentation stripped (moving the caret with it),
/// the offset clipped to the line, embedded newlines skipped, and carets
/// from `offset` up to `end_offset`.
fn error_text(text: &str, offset: i64, end_offset: i64) -> String {
    let mut col = offset - 1;
    let stripped = text.trim_start_matches([' ', '\t', '\x0c']);
    col -= (text.len() - stripped.len()) as i64;
    let mut text = stripped;
    let len = text.strip_suffix('\n').unwrap_or(text).len() as i64;
    col = col.min(len);
    while let Some(nl) = text.find('\n') {
        if nl as i64 >= col {
            break;
        }
        text = &text[nl + 1..];
        col -= nl as i64 + 1;
    }
    let mut out = format!("    {text}");
    if !text.ends_with('\n') {
        out.push('\n');
    }
    if col < 0 {
        return out;
    }
    let carets = if end_offset > offset {
        end_offset - offset
    } else {
        1
    };
    out.push_str("    ");
    out.extend(std::iter::repeat_n(' ', col as usize));
    out.extend(std::iter::repeat_n('^', carets as usize));
    out.push('\n');
    out
}
