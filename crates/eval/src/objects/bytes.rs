//! `bytes` and `bytearray`: one layout (a byte vector) for both; only
//! bytearray's methods mutate it.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::args::Args;
use crate::error::PyResult;
use crate::objects::function::NativeFn;
use crate::value::Value;
use crate::vm::Vm;

pub struct BytesObject {
    pub data: RefCell<Vec<u8>>,
    hash: Cell<i64>,
}

impl BytesObject {
    pub fn new(data: Vec<u8>) -> Rc<BytesObject> {
        Rc::new(BytesObject {
            data: RefCell::new(data),
            hash: Cell::new(-1),
        })
    }

    pub fn len(&self) -> usize {
        self.data.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn hash(&self) -> i64 {
        if self.hash.get() == -1 {
            self.hash.set(pyvm_loader::hash::hash_bytes(&self.data.borrow()));
        }
        self.hash.get()
    }

    pub fn to_vec(&self) -> Vec<u8> {
        self.data.borrow().clone()
    }
}

pub fn bytes_repr(data: &[u8]) -> String {
    let mut s = String::new();
    pyvm_loader::repr::bytes_repr(data, &mut s);
    s
}

fn data(args: &Args) -> Vec<u8> {
    match &args.values[0] {
        Value::Bytes(b) | Value::ByteArray(b) => b.to_vec(),
        _ => Vec::new(),
    }
}

fn obj(args: &Args) -> Rc<BytesObject> {
    match &args.values[0] {
        Value::Bytes(b) | Value::ByteArray(b) => b.clone(),
        _ => BytesObject::new(Vec::new()),
    }
}

/// Wrap a result as the same type as `self`.
fn like(args: &Args, v: Vec<u8>) -> Value {
    match &args.values[0] {
        Value::ByteArray(_) => Value::ByteArray(BytesObject::new(v)),
        _ => Value::Bytes(BytesObject::new(v)),
    }
}

fn decode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = data(&args);
    let [encoding, errors] = args.skip_self().bind(vm, "decode", ["encoding", "errors"], 0, 0)?;
    let enc = match &encoding {
        Some(Value::Str(s)) => s.to_string().to_ascii_lowercase().replace('_', "-"),
        _ => "utf-8".into(),
    };
    let errors = match &errors {
        Some(Value::Str(s)) => s.to_string(),
        _ => "strict".into(),
    };
    crate::objects::strmethods::decode_bytes(vm, &d, &enc, &errors)
}

fn hex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().unpack(vm, "hex", 0, 2)?;
    let s: String = data(&args).iter().map(|b| format!("{b:02x}")).collect();
    Ok(Value::str(&s))
}

fn fromhex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = args.values[0].clone();
    let s = args.skip_self().one(vm, "fromhex")?;
    let text = match s {
        Value::Str(s) => s.to_string(),
        _ => return Err(vm.type_error("fromhex() argument must be str")),
    };
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let hi = (bytes[i] as char).to_digit(16);
        let lo = bytes.get(i + 1).and_then(|c| (*c as char).to_digit(16));
        match (hi, lo) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            _ => {
                let pos = if hi.is_none() { i } else { i + 1 };
                return Err(vm.value_error(format!(
                    "non-hexadecimal number found in fromhex() arg at position {pos}"
                )));
            }
        }
        i += 2;
    }
    let is_bytearray = matches!(&cls, Value::Type(t) if t.name == "bytearray");
    Ok(if is_bytearray {
        Value::ByteArray(BytesObject::new(out))
    } else {
        Value::Bytes(BytesObject::new(out))
    })
}

fn sub_arg(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    match v {
        Value::Int(i) if (0..256).contains(i) => Ok(vec![*i as u8]),
        Value::Int(_) => Err(vm.value_error("byte must be in range(0, 256)")),
        _ => vm.bytes_of(v),
    }
}

fn find_in(h: &[u8], n: &[u8], start: usize, end: usize) -> Option<usize> {
    if start > end || end > h.len() {
        return None;
    }
    if n.is_empty() {
        return Some(start);
    }
    h[start..end].windows(n.len()).position(|w| w == n).map(|i| i + start)
}

fn rfind_in(h: &[u8], n: &[u8], start: usize, end: usize) -> Option<usize> {
    if start > end || end > h.len() {
        return None;
    }
    if n.is_empty() {
        return Some(end);
    }
    h[start..end].windows(n.len()).rposition(|w| w == n).map(|i| i + start)
}

fn search(vm: &mut Vm, args: &Args, name: &str) -> PyResult<(Vec<u8>, Vec<u8>, usize, usize)> {
    let h = data(args);
    let a = args.skip_self().unpack(vm, name, 1, 3)?;
    let n = sub_arg(vm, &a[0])?;
    let (start, end) = crate::objects::list::slice_bounds(vm, a, h.len())?;
    Ok((h, n, start, end))
}

fn find(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (h, n, s, e) = search(vm, &args, "find")?;
    Ok(Value::Int(find_in(&h, &n, s, e).map_or(-1, |i| i as i64)))
}

fn rfind(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (h, n, s, e) = search(vm, &args, "rfind")?;
    Ok(Value::Int(rfind_in(&h, &n, s, e).map_or(-1, |i| i as i64)))
}

fn index(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (h, n, s, e) = search(vm, &args, "index")?;
    find_in(&h, &n, s, e)
        .map(Value::from)
        .ok_or_else(|| vm.value_error("subsection not found"))
}

fn rindex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (h, n, s, e) = search(vm, &args, "rindex")?;
    rfind_in(&h, &n, s, e)
        .map(Value::from)
        .ok_or_else(|| vm.value_error("subsection not found"))
}

fn count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (h, n, s, e) = search(vm, &args, "count")?;
    if s > e || e > h.len() {
        return Ok(Value::Int(0));
    }
    if n.is_empty() {
        return Ok(Value::from(e - s + 1));
    }
    let mut c = 0;
    let mut i = s;
    while let Some(p) = find_in(&h, &n, i, e) {
        c += 1;
        i = p + n.len();
    }
    Ok(Value::Int(c))
}

fn affix(vm: &mut Vm, args: Args, name: &str, start: bool) -> PyResult<Value> {
    let h = data(&args);
    let a = args.skip_self().unpack(vm, name, 1, 3)?;
    let (s, e) = crate::objects::list::slice_bounds(vm, a, h.len())?;
    let region = if s <= e { &h[s..e] } else { &h[0..0] };
    let candidates = match &a[0] {
        Value::Tuple(t) => t.items.to_vec(),
        other => vec![other.clone()],
    };
    for c in candidates {
        let c = match &c {
            Value::Bytes(b) | Value::ByteArray(b) => b.to_vec(),
            other => {
                let t = vm.type_name(other);
                return Err(vm.type_error(format!(
                    "{name} first arg must be bytes or a tuple of bytes, not {t}"
                )));
            }
        };
        if s <= e && (if start { region.starts_with(&c) } else { region.ends_with(&c) }) {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn startswith(vm: &mut Vm, args: Args) -> PyResult<Value> {
    affix(vm, args, "startswith", true)
}

fn endswith(vm: &mut Vm, args: Args) -> PyResult<Value> {
    affix(vm, args, "endswith", false)
}

fn join(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let sep = data(&args);
    let it = args.skip_self().one(vm, "join")?;
    let mut out = Vec::new();
    for (i, item) in vm.collect(it)?.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        match item {
            Value::Bytes(b) | Value::ByteArray(b) => out.extend_from_slice(&b.data.borrow()),
            other => {
                let t = vm.type_name(other);
                return Err(vm.type_error(format!(
                    "sequence item {i}: expected a bytes-like object, {t} found"
                )));
            }
        }
    }
    Ok(like(&args, out))
}

fn strip_impl(vm: &mut Vm, args: Args, name: &str, left: bool, right: bool) -> PyResult<Value> {
    let d = data(&args);
    let a = args.skip_self().unpack(vm, name, 0, 1)?;
    let chars: Vec<u8> = match a.first() {
        None | Some(Value::None) => b" \t\n\r\x0b\x0c".to_vec(),
        Some(v) => vm.bytes_of(v)?,
    };
    let mut s = 0;
    let mut e = d.len();
    if left {
        while s < e && chars.contains(&d[s]) {
            s += 1;
        }
    }
    if right {
        while e > s && chars.contains(&d[e - 1]) {
            e -= 1;
        }
    }
    Ok(like(&args, d[s..e].to_vec()))
}

fn strip(vm: &mut Vm, args: Args) -> PyResult<Value> {
    strip_impl(vm, args, "strip", true, true)
}

fn lstrip(vm: &mut Vm, args: Args) -> PyResult<Value> {
    strip_impl(vm, args, "lstrip", true, false)
}

fn rstrip(vm: &mut Vm, args: Args) -> PyResult<Value> {
    strip_impl(vm, args, "rstrip", false, true)
}

fn split_impl(vm: &mut Vm, args: Args, name: &str, from_right: bool) -> PyResult<Value> {
    let d = data(&args);
    let [sep, maxsplit] = args.skip_self().bind(vm, name, ["sep", "maxsplit"], 0, 0)?;
    let maxsplit = match maxsplit {
        Some(v) => vm.index_value(&v)?,
        None => -1,
    };
    let parts: Vec<Vec<u8>> = match sep {
        None | Some(Value::None) => {
            let words: Vec<&[u8]> = d.split(|c| c.is_ascii_whitespace()).filter(|w| !w.is_empty()).collect();
            if maxsplit < 0 || words.len() as i64 <= maxsplit {
                words.into_iter().map(|w| w.to_vec()).collect()
            } else if !from_right {
                let mut out: Vec<Vec<u8>> = Vec::new();
                let mut rest: &[u8] = &d;
                for _ in 0..maxsplit {
                    let start = rest.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(rest.len());
                    rest = &rest[start..];
                    let end = rest.iter().position(|c| c.is_ascii_whitespace()).unwrap_or(rest.len());
                    out.push(rest[..end].to_vec());
                    rest = &rest[end..];
                }
                let start = rest.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(rest.len());
                if start < rest.len() {
                    out.push(rest[start..].to_vec());
                }
                out
            } else {
                let mut out: Vec<Vec<u8>> = Vec::new();
                let mut rest: &[u8] = &d;
                for _ in 0..maxsplit {
                    let end = rest.iter().rposition(|c| !c.is_ascii_whitespace()).map_or(0, |p| p + 1);
                    rest = &rest[..end];
                    let start = rest.iter().rposition(|c| c.is_ascii_whitespace()).map_or(0, |p| p + 1);
                    out.push(rest[start..].to_vec());
                    rest = &rest[..start];
                }
                let end = rest.iter().rposition(|c| !c.is_ascii_whitespace()).map_or(0, |p| p + 1);
                if end > 0 {
                    out.push(rest[..end].to_vec());
                }
                out.reverse();
                out
            }
        }
        Some(sep) => {
            let sep = vm.bytes_of(&sep)?;
            if sep.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            let mut pieces: Vec<Vec<u8>> = Vec::new();
            if !from_right {
                let mut rest: &[u8] = &d;
                let mut n = 0;
                while let Some(p) = find_in(rest, &sep, 0, rest.len()) {
                    if maxsplit >= 0 && n >= maxsplit {
                        break;
                    }
                    pieces.push(rest[..p].to_vec());
                    rest = &rest[p + sep.len()..];
                    n += 1;
                }
                pieces.push(rest.to_vec());
            } else {
                let mut rest: &[u8] = &d;
                let mut n = 0;
                while let Some(p) = rfind_in(rest, &sep, 0, rest.len()) {
                    if maxsplit >= 0 && n >= maxsplit {
                        break;
                    }
                    pieces.push(rest[p + sep.len()..].to_vec());
                    rest = &rest[..p];
                    n += 1;
                }
                pieces.push(rest.to_vec());
                pieces.reverse();
            }
            pieces
        }
    };
    Ok(Value::list(parts.into_iter().map(|p| like(&args, p)).collect()))
}

fn split(vm: &mut Vm, args: Args) -> PyResult<Value> {
    split_impl(vm, args, "split", false)
}

fn rsplit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    split_impl(vm, args, "rsplit", true)
}

fn replace(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = data(&args);
    let a = args.skip_self().unpack(vm, "replace", 2, 3)?;
    let old = vm.bytes_of(&a[0])?;
    let new = vm.bytes_of(&a[1])?;
    let mut count = match a.get(2) {
        Some(v) => vm.index_value(v)?,
        None => -1,
    };
    let mut out = Vec::new();
    let mut i = 0;
    if old.is_empty() {
        for (j, b) in d.iter().enumerate() {
            if count != 0 {
                out.extend_from_slice(&new);
                count -= 1;
            }
            out.push(*b);
            let _ = j;
        }
        if count != 0 {
            out.extend_from_slice(&new);
        }
        return Ok(like(&args, out));
    }
    while i < d.len() {
        if count != 0 && d[i..].starts_with(&old) {
            out.extend_from_slice(&new);
            i += old.len();
            count -= 1;
        } else {
            out.push(d[i]);
            i += 1;
        }
    }
    Ok(like(&args, out))
}

fn map_bytes(vm: &mut Vm, args: Args, name: &str, f: fn(&[u8]) -> Vec<u8>) -> PyResult<Value> {
    args.skip_self().none(vm, name)?;
    Ok(like(&args, f(&data(&args))))
}

fn upper(vm: &mut Vm, args: Args) -> PyResult<Value> {
    map_bytes(vm, args, "upper", |d| d.to_ascii_uppercase())
}

fn lower(vm: &mut Vm, args: Args) -> PyResult<Value> {
    map_bytes(vm, args, "lower", |d| d.to_ascii_lowercase())
}

fn test_bytes(vm: &mut Vm, args: Args, name: &str, f: fn(u8) -> bool) -> PyResult<Value> {
    args.skip_self().none(vm, name)?;
    let d = data(&args);
    Ok(Value::Bool(!d.is_empty() && d.iter().all(|&c| f(c))))
}

fn isdigit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    test_bytes(vm, args, "isdigit", |c| c.is_ascii_digit())
}

fn isalpha(vm: &mut Vm, args: Args) -> PyResult<Value> {
    test_bytes(vm, args, "isalpha", |c| c.is_ascii_alphabetic())
}

fn isalnum(vm: &mut Vm, args: Args) -> PyResult<Value> {
    test_bytes(vm, args, "isalnum", |c| c.is_ascii_alphanumeric())
}

fn isspace(vm: &mut Vm, args: Args) -> PyResult<Value> {
    test_bytes(vm, args, "isspace", |c| b" \t\n\r\x0b\x0c".contains(&c))
}

// ----- bytearray mutators -----

fn byte_value(vm: &mut Vm, v: &Value) -> PyResult<u8> {
    let i = vm.index_value(v)?;
    u8::try_from(i).map_err(|_| vm.value_error("byte must be in range(0, 256)"))
}

fn append(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = obj(&args);
    let x = args.skip_self().one(vm, "append")?;
    let byte = byte_value(vm, x)?;
    b.data.borrow_mut().push(byte);
    Ok(Value::None)
}

fn extend(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = obj(&args);
    let x = args.skip_self().one(vm, "extend")?;
    let more = vm.bytes_of(x)?;
    b.data.borrow_mut().extend(more);
    Ok(Value::None)
}

fn pop(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = obj(&args);
    let a = args.skip_self().unpack(vm, "pop", 0, 1)?;
    let i = match a.first() {
        Some(v) => vm.index_value(v)?,
        None => -1,
    };
    let mut d = b.data.borrow_mut();
    if d.is_empty() {
        drop(d);
        return Err(vm.index_error("pop from empty bytearray"));
    }
    let n = d.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        drop(d);
        return Err(vm.index_error("pop index out of range"));
    }
    Ok(Value::Int(i64::from(d.remove(j as usize))))
}

fn insert(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = obj(&args);
    let a = args.skip_self().unpack(vm, "insert", 2, 2)?;
    let i = vm.index_value(&a[0])?;
    let byte = byte_value(vm, &a[1])?;
    let mut d = b.data.borrow_mut();
    let n = d.len() as i64;
    let i = if i < 0 { (i + n).max(0) } else { i.min(n) };
    d.insert(i as usize, byte);
    Ok(Value::None)
}

fn remove(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = obj(&args);
    let x = args.skip_self().one(vm, "remove")?;
    let byte = byte_value(vm, x)?;
    let mut d = b.data.borrow_mut();
    match d.iter().position(|&c| c == byte) {
        Some(p) => {
            d.remove(p);
            Ok(Value::None)
        }
        None => {
            drop(d);
            Err(vm.value_error("value not found in bytearray"))
        }
    }
}

fn reverse(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "reverse")?;
    obj(&args).data.borrow_mut().reverse();
    Ok(Value::None)
}

fn clear(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "clear")?;
    obj(&args).data.borrow_mut().clear();
    Ok(Value::None)
}

fn copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "copy")?;
    Ok(Value::ByteArray(BytesObject::new(data(&args))))
}

pub const BYTES_METHODS: &[(&str, NativeFn)] = &[
    ("count", count),
    ("decode", decode),
    ("endswith", endswith),
    ("find", find),
    ("hex", hex),
    ("index", index),
    ("isalnum", isalnum),
    ("isalpha", isalpha),
    ("isdigit", isdigit),
    ("isspace", isspace),
    ("join", join),
    ("lower", lower),
    ("lstrip", lstrip),
    ("replace", replace),
    ("rfind", rfind),
    ("rindex", rindex),
    ("rsplit", rsplit),
    ("rstrip", rstrip),
    ("split", split),
    ("startswith", startswith),
    ("strip", strip),
    ("upper", upper),
];

pub const BYTEARRAY_METHODS: &[(&str, NativeFn)] = &[
    ("append", append),
    ("clear", clear),
    ("copy", copy),
    ("extend", extend),
    ("insert", insert),
    ("pop", pop),
    ("remove", remove),
    ("reverse", reverse),
];

pub const CLASS_METHODS: &[(&str, NativeFn)] = &[("fromhex", fromhex)];
