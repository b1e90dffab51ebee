//! `bytes` and `bytearray`: one layout (a byte vector) for both; only
//! bytearray's methods mutate it.
//!
//! The methods follow CPython 3.10's `Objects/bytesobject.c`,
//! `Objects/bytearrayobject.c`, `Objects/bytes_methods.c` and the `stringlib`
//! templates, including their argument parsing: which arguments are
//! positional-only, the exact wording of each error (Argument Clinic's
//! "center expected at least 1 argument, got 0", `PyArg_ParseTuple`'s
//! "find() takes at least 1 argument (0 given)", the method wrappers'
//! "bytes.upper() takes no arguments (1 given)"), and the order in which
//! arguments are converted.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use num_bigint::BigInt;

use crate::args::Args;
use crate::error::{PyErr, PyResult};
use crate::format::{self as fmt, FormatError, FormatErrorKind, PercentPiece};
use crate::objects::function::NativeFn;
use crate::objects::int::as_int;
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
            self.hash
                .set(pyvm_loader::hash::hash_bytes(&self.data.borrow()));
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

// ----- helpers -----

/// `Py_ISSPACE`: the bytes whitespace set (no \x1c-\x1f, unlike str).
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn data(args: &Args) -> Vec<u8> {
    match args.values.first() {
        Some(Value::Bytes(b) | Value::ByteArray(b)) => b.to_vec(),
        _ => Vec::new(),
    }
}

fn obj(args: &Args) -> Rc<BytesObject> {
    match args.values.first() {
        Some(Value::Bytes(b) | Value::ByteArray(b)) => b.clone(),
        _ => BytesObject::new(Vec::new()),
    }
}

/// `self` of a bytearray-only method; the unbound method applied to another
/// type (`bytearray.pop(b"x")`) must not mutate it.
fn bytearray_self(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Rc<BytesObject>> {
    match args.values.first() {
        Some(Value::ByteArray(b)) => Ok(b.clone()),
        Some(other) => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!(
                "descriptor '{name}' for 'bytearray' objects doesn't apply to a '{t}' object"
            )))
        }
        None => Err(vm.type_error(format!(
            "unbound method bytearray.{name}() needs an argument"
        ))),
    }
}

fn self_is_bytearray(args: &Args) -> bool {
    matches!(args.values.first(), Some(Value::ByteArray(_)))
}

/// The qualified method name the method wrappers put in their errors
/// ("bytes.zfill", "bytearray.zfill").
fn qual(args: &Args, name: &str) -> String {
    let t = if self_is_bytearray(args) {
        "bytearray"
    } else {
        "bytes"
    };
    format!("{t}.{name}")
}

/// Wrap a result as the same type as `self`.
fn like(args: &Args, v: Vec<u8>) -> Value {
    if self_is_bytearray(args) {
        Value::ByteArray(BytesObject::new(v))
    } else {
        Value::Bytes(BytesObject::new(v))
    }
}

/// `self` unchanged: the very object for bytes (CPython's `return_self`), a
/// copy for bytearray.
fn unchanged(args: &Args) -> Value {
    match &args.values[0] {
        Value::ByteArray(b) => Value::ByteArray(BytesObject::new(b.to_vec())),
        other => other.clone(),
    }
}

fn memory_error(vm: &Vm) -> PyErr {
    vm.new_error("MemoryError", "")
}

/// A result buffer of `n` bytes' capacity, or MemoryError like CPython when
/// the size cannot be allocated.
fn buffer_of(vm: &Vm, n: usize) -> PyResult<Vec<u8>> {
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| memory_error(vm))?;
    Ok(v)
}

/// Argument Clinic's positional-only parsing (`_PyArg_CheckPositional`):
/// "center expected at least 1 argument, got 0"; keywords are rejected by
/// the method wrapper with the qualified name.
fn positional<'a>(
    vm: &mut Vm,
    args: &Args<'a>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    let a = args.skip_self();
    if a.has_kwargs() {
        let q = qual(args, name);
        return Err(vm.type_error(format!("{q}() takes no keyword arguments")));
    }
    let n = a.values.len();
    if n < min || n > max {
        let (how, lim) = if min == max {
            ("", min)
        } else if n < min {
            ("at least ", min)
        } else {
            ("at most ", max)
        };
        let s = if lim == 1 { "" } else { "s" };
        return Err(vm.type_error(format!("{name} expected {how}{lim} argument{s}, got {n}")));
    }
    Ok(a.values)
}

/// `METH_NOARGS`.
fn noargs(vm: &mut Vm, args: &Args, name: &str) -> PyResult<()> {
    let q = qual(args, name);
    args.skip_self().none(vm, &q)
}

/// `METH_O`.
fn onearg<'a>(vm: &mut Vm, args: &Args<'a>, name: &str) -> PyResult<&'a Value> {
    let q = qual(args, name);
    args.skip_self().one(vm, &q)
}

/// Argument Clinic's `_PyArg_UnpackKeywords` (CPython 3.10) for methods
/// whose first `posonly` parameters are positional-only and of which the
/// first `minpos` are required; one slot per name.
/// `a` excludes `self`.
fn unpack_kw<const N: usize>(
    vm: &mut Vm,
    a: Args,
    fname: &str,
    names: [&str; N],
    posonly: usize,
    minpos: usize,
) -> PyResult<[Option<Value>; N]> {
    let nargs = a.n_pos();
    let nkwargs = a.kwnames.len();
    let mut out: [Option<Value>; N] = std::array::from_fn(|_| None);
    for (slot, v) in out.iter_mut().zip(a.pos()) {
        *slot = Some(v.clone());
    }
    if nkwargs == 0 && minpos <= nargs && nargs <= N {
        return Ok(out);
    }
    let s = |n: usize| if n == 1 { "" } else { "s" };
    if nargs + nkwargs > N {
        let kw = if nargs == 0 { "keyword " } else { "" };
        return Err(vm.type_error(format!(
            "{fname}() takes at most {N} {kw}argument{} ({} given)",
            s(N),
            nargs + nkwargs
        )));
    }
    let minposonly = posonly.min(minpos);
    if nargs < minposonly {
        let how = if minposonly < N {
            "at least"
        } else {
            "exactly"
        };
        return Err(vm.type_error(format!(
            "{fname}() takes {how} {minposonly} positional argument{} ({nargs} given)",
            s(minposonly)
        )));
    }
    let mut left = nkwargs;
    for i in nargs.max(posonly)..N {
        if left == 0 && i >= minpos {
            break;
        }
        let found = a.kwarg(names[i]).cloned();
        if found.is_some() {
            left -= 1;
        } else if i < minpos {
            return Err(vm.type_error(format!(
                "{fname}() missing required argument '{}' (pos {})",
                names[i],
                i + 1
            )));
        }
        out[i] = found;
    }
    if left > 0 {
        for (i, name) in names.iter().enumerate().take(nargs).skip(posonly) {
            if a.kwarg(name).is_some() {
                return Err(vm.type_error(format!(
                    "argument for {fname}() given by name ('{name}') and position ({})",
                    i + 1
                )));
            }
        }
        for (k, _) in a.kwargs() {
            if !names[posonly..].iter().any(|n| k.eq_ascii(n)) {
                return Err(vm.type_error(format!(
                    "'{k}' is an invalid keyword argument for {fname}()"
                )));
            }
        }
    }
    Ok(out)
}

/// The bytes of a bytes-like argument ("a bytes-like object is required, not 'str'").
fn buffer(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    vm.bytes_of(v)
}

/// Argument Clinic's `int` converter (`_PyLong_AsInt`).
fn c_int(vm: &mut Vm, v: &Value) -> PyResult<i32> {
    let i = match v {
        Value::BigInt(_) => None,
        _ => Some(vm.index_value(v)?),
    };
    i.and_then(|i| i32::try_from(i).ok())
        .ok_or_else(|| vm.overflow_error("Python int too large to convert to C int"))
}

/// `_getbytevalue`: an int in range(256).
fn byte_value(vm: &mut Vm, v: &Value) -> PyResult<u8> {
    let i = match v {
        Value::BigInt(_) => None,
        _ => Some(vm.index_value(v)?),
    };
    i.and_then(|i| u8::try_from(i).ok())
        .ok_or_else(|| vm.value_error("byte must be in range(0, 256)"))
}

/// `_PyEval_SliceIndex`: huge values clamp.
fn slice_index(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(i64::from(*b)),
        Value::BigInt(b) => Ok(if num_traits::Signed::is_negative(&**b) {
            i64::MIN
        } else {
            i64::MAX
        }),
        _ => {
            Err(vm.type_error("slice indices must be integers or None or have an __index__ method"))
        }
    }
}

/// stringlib's `ADJUST_INDICES`.
fn adjust_indices(start: i64, end: i64, len: usize) -> (i64, i64) {
    let len = len as i64;
    let end = if end > len {
        len
    } else if end < 0 {
        (end.saturating_add(len)).max(0)
    } else {
        end
    };
    let start = if start < 0 {
        (start.saturating_add(len)).max(0)
    } else {
        start
    };
    (start, end)
}

// ----- decode / hex / fromhex -----

/// Argument Clinic's `str` converter (for encoding/errors): "decode()
/// argument 'encoding' must be str, not int", no NUL allowed.
fn str_arg(vm: &mut Vm, v: Option<&Value>, fname: &str, what: &str) -> PyResult<Option<String>> {
    match v {
        None => Ok(None),
        Some(Value::Str(s)) => {
            let s = s.to_string();
            if s.contains('\0') {
                return Err(vm.value_error("embedded null character"));
            }
            Ok(Some(s))
        }
        Some(other) => {
            let t = vm.arg_type_name(other);
            Err(vm.type_error(format!("{fname}() argument '{what}' must be str, not {t}")))
        }
    }
}

fn decode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = data(&args);
    let [encoding, errors] =
        unpack_kw(vm, args.skip_self(), "decode", ["encoding", "errors"], 0, 0)?;
    let enc =
        str_arg(vm, encoding.as_ref(), "decode", "encoding")?.unwrap_or_else(|| "utf-8".into());
    let errors =
        str_arg(vm, errors.as_ref(), "decode", "errors")?.unwrap_or_else(|| "strict".into());
    let enc = enc.to_ascii_lowercase().replace('_', "-");
    crate::objects::strmethods::decode_bytes(vm, &d, &enc, &errors)
}

/// `_Py_strhex_with_sep`: hex digits, with `sep` every `bytes_per_sep` bytes
/// counted from the right (from the left when negative).
fn hex_with_sep(data: &[u8], sep: Option<u8>, bytes_per_sep: i32) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let group = bytes_per_sep.unsigned_abs() as usize;
    let mut out = String::with_capacity(data.len() * 3);
    let push = |out: &mut String, b: u8| {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0x0f)] as char);
    };
    let sep = match sep {
        Some(s) if group != 0 && group < data.len() => s as char,
        _ => {
            for &b in data {
                push(&mut out, b);
            }
            return out;
        }
    };
    // Groups start at the left edge for a negative count, else the leftover
    // short group is the leftmost.
    let first = if bytes_per_sep < 0 {
        group
    } else {
        match data.len() % group {
            0 => group,
            r => r,
        }
    };
    for (i, &b) in data.iter().enumerate() {
        if i > 0 && (i == first || (i > first && (i - first) % group == 0)) {
            out.push(sep);
        }
        push(&mut out, b);
    }
    out
}

fn hex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = data(&args);
    let [sep, per] = unpack_kw(vm, args.skip_self(), "hex", ["sep", "bytes_per_sep"], 0, 0)?;
    let per = match &per {
        Some(v) => c_int(vm, v)?,
        None => 1,
    };
    let sep = match &sep {
        None => None,
        Some(s) => {
            let n = vm.len(s)?;
            if n != 1 {
                return Err(vm.value_error("sep must be length 1."));
            }
            let c = match s {
                Value::Str(s) => s.char_at(0),
                Value::Bytes(b) => u32::from(b.data.borrow()[0]),
                _ => return Err(vm.type_error("sep must be str or bytes.")),
            };
            if c > 127 {
                return Err(vm.value_error("sep must be ASCII."));
            }
            Some(c as u8)
        }
    };
    Ok(Value::str(&hex_with_sep(&d, sep, per)))
}

/// The class a class method was called on (an instance of it when bound
/// through one).
fn class_name(v: &Value) -> String {
    match v {
        Value::Type(t) => t.name.borrow().clone(),
        Value::ByteArray(_) => "bytearray".to_string(),
        _ => "bytes".to_string(),
    }
}

fn fromhex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let type_name = class_name(&args.values[0]);
    let s = args.skip_self().one(vm, &format!("{type_name}.fromhex"))?;
    let cps = match s {
        Value::Str(s) => s.code_points(),
        other => {
            let t = vm.arg_type_name(other);
            return Err(vm.type_error(format!("fromhex() argument must be str, not {t}")));
        }
    };
    let bad = |vm: &mut Vm, pos: usize| {
        vm.value_error(format!(
            "non-hexadecimal number found in fromhex() arg at position {pos}"
        ))
    };
    if let Some(pos) = cps.iter().position(|&c| c >= 128) {
        return Err(bad(vm, pos));
    }
    let digit = |i: usize| {
        cps.get(i)
            .and_then(|&c| char::from_u32(c))
            .and_then(|c| c.to_digit(16))
    };
    let mut out = Vec::with_capacity(cps.len() / 2);
    let mut i = 0;
    while i < cps.len() {
        if cps[i] < 128 && is_space(cps[i] as u8) {
            i += 1;
            continue;
        }
        let Some(hi) = digit(i) else {
            return Err(bad(vm, i));
        };
        let Some(lo) = digit(i + 1) else {
            return Err(bad(vm, i + 1));
        };
        out.push((hi * 16 + lo) as u8);
        i += 2;
    }
    Ok(if type_name == "bytearray" {
        Value::ByteArray(BytesObject::new(out))
    } else {
        Value::Bytes(BytesObject::new(out))
    })
}

// ----- searching -----

fn find_in(h: &[u8], n: &[u8], start: usize, end: usize) -> Option<usize> {
    if start > end || end > h.len() || end - start < n.len() {
        return None;
    }
    if n.is_empty() {
        return Some(start);
    }
    h[start..end]
        .windows(n.len())
        .position(|w| w == n)
        .map(|i| i + start)
}

fn rfind_in(h: &[u8], n: &[u8], start: usize, end: usize) -> Option<usize> {
    if start > end || end > h.len() || end - start < n.len() {
        return None;
    }
    if n.is_empty() {
        return Some(end);
    }
    h[start..end]
        .windows(n.len())
        .rposition(|w| w == n)
        .map(|i| i + start)
}

/// `stringlib_parse_args_finds`: `PyArg_ParseTuple(args, "O|OO:name")` plus
/// the optional slice indices.
fn parse_finds<'a>(vm: &mut Vm, args: &Args<'a>, name: &str) -> PyResult<(&'a Value, i64, i64)> {
    let a = args.skip_self();
    if a.has_kwargs() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    let n = a.values.len();
    if n == 0 {
        return Err(vm.type_error(format!("{name}() takes at least 1 argument (0 given)")));
    }
    if n > 3 {
        return Err(vm.type_error(format!("{name}() takes at most 3 arguments ({n} given)")));
    }
    let start = match a.values.get(1) {
        None | Some(Value::None) => 0,
        Some(v) => slice_index(vm, v)?,
    };
    let end = match a.values.get(2) {
        None | Some(Value::None) => i64::MAX,
        Some(v) => slice_index(vm, v)?,
    };
    Ok((&a.values[0], start, end))
}

/// The needle of count/find/index/rfind/rindex: bytes-like or an int in range(256).
fn needle(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    match v {
        Value::Bytes(b) | Value::ByteArray(b) => Ok(b.to_vec()),
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            let i = match v {
                Value::BigInt(_) => -1,
                _ => vm.index_value(v)?,
            };
            match u8::try_from(i) {
                Ok(b) => Ok(vec![b]),
                Err(_) => Err(vm.value_error("byte must be in range(0, 256)")),
            }
        }
        other => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!(
                "argument should be integer or bytes-like object, not '{t}'"
            )))
        }
    }
}

/// Parsed find-family arguments: haystack, needle and the adjusted bounds.
fn search(vm: &mut Vm, args: &Args, name: &str) -> PyResult<(Vec<u8>, Vec<u8>, i64, i64)> {
    let h = data(args);
    let (sub, start, end) = parse_finds(vm, args, name)?;
    let n = needle(vm, sub)?;
    let (start, end) = adjust_indices(start, end, h.len());
    Ok((h, n, start, end))
}

fn find_impl(vm: &mut Vm, args: &Args, name: &str, forward: bool) -> PyResult<Option<usize>> {
    let (h, n, start, end) = search(vm, args, name)?;
    if end - start < n.len() as i64 {
        return Ok(None);
    }
    let (s, e) = (start as usize, end as usize);
    Ok(if forward {
        find_in(&h, &n, s, e)
    } else {
        rfind_in(&h, &n, s, e)
    })
}

fn find(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let r = find_impl(vm, &args, "find", true)?;
    Ok(r.map_or(Value::Int(-1), Value::from))
}

fn rfind(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let r = find_impl(vm, &args, "rfind", false)?;
    Ok(r.map_or(Value::Int(-1), Value::from))
}

fn index(vm: &mut Vm, args: Args) -> PyResult<Value> {
    match find_impl(vm, &args, "index", true)? {
        Some(i) => Ok(Value::from(i)),
        None => Err(vm.value_error("subsection not found")),
    }
}

fn rindex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    match find_impl(vm, &args, "rindex", false)? {
        Some(i) => Ok(Value::from(i)),
        None => Err(vm.value_error("subsection not found")),
    }
}

fn count_in(h: &[u8], n: &[u8]) -> usize {
    if n.is_empty() {
        return h.len() + 1;
    }
    let mut c = 0;
    let mut i = 0;
    while let Some(p) = find_in(h, n, i, h.len()) {
        c += 1;
        i = p + n.len();
    }
    c
}

fn count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (h, n, start, end) = search(vm, &args, "count")?;
    if end - start < n.len() as i64 {
        return Ok(Value::Int(0));
    }
    Ok(Value::from(count_in(&h[start as usize..end as usize], &n)))
}

/// stringlib's `tailmatch`.
fn tailmatch(h: &[u8], sub: &[u8], start: i64, end: i64, prefix: bool) -> bool {
    let (mut start, end) = adjust_indices(start, end, h.len());
    let len = h.len() as i64;
    let slen = sub.len() as i64;
    if prefix {
        if start > len - slen {
            return false;
        }
    } else {
        if end - start < slen || start > len {
            return false;
        }
        if end - slen > start {
            start = end - slen;
        }
    }
    if end - start < slen {
        return false;
    }
    let start = start as usize;
    &h[start..start + sub.len()] == sub
}

fn affix(vm: &mut Vm, args: Args, name: &str, prefix: bool) -> PyResult<Value> {
    let h = data(&args);
    let (sub, start, end) = parse_finds(vm, &args, name)?;
    if let Value::Tuple(t) = sub {
        for item in t.items.iter() {
            let s = buffer(vm, item)?;
            if tailmatch(&h, &s, start, end, prefix) {
                return Ok(Value::Bool(true));
            }
        }
        return Ok(Value::Bool(false));
    }
    let s = match sub {
        Value::Bytes(b) | Value::ByteArray(b) => b.to_vec(),
        other => {
            let t = vm.type_name(other);
            return Err(vm.type_error(format!(
                "{name} first arg must be bytes or a tuple of bytes, not {t}"
            )));
        }
    };
    Ok(Value::Bool(tailmatch(&h, &s, start, end, prefix)))
}

fn startswith(vm: &mut Vm, args: Args) -> PyResult<Value> {
    affix(vm, args, "startswith", true)
}

fn endswith(vm: &mut Vm, args: Args) -> PyResult<Value> {
    affix(vm, args, "endswith", false)
}

// ----- join / strip / split -----

fn join(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let sep = data(&args);
    let it = onearg(vm, &args, "join")?;
    let iter = match vm.iter(it) {
        Ok(i) => i,
        Err(e) if vm.is_instance_of(&e, "TypeError") => {
            return Err(vm.type_error("can only join an iterable"));
        }
        Err(e) => return Err(e),
    };
    let mut items = Vec::new();
    while let Some(x) = vm.next(&iter)? {
        items.push(x);
    }
    if items.len() == 1 && !self_is_bytearray(&args) {
        if let Value::Bytes(_) = &items[0] {
            return Ok(items[0].clone());
        }
    }
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match item {
            Value::Bytes(b) | Value::ByteArray(b) => {
                if i > 0 {
                    out.extend_from_slice(&sep);
                }
                out.extend_from_slice(&b.data.borrow());
            }
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
    let a = positional(vm, &args, name, 0, 1)?;
    let chars: Option<Vec<u8>> = match a.first() {
        None | Some(Value::None) => None,
        Some(v) => Some(buffer(vm, v)?),
    };
    let strip = |c: u8| match &chars {
        None => is_space(c),
        Some(set) => set.contains(&c),
    };
    let mut s = 0;
    let mut e = d.len();
    if left {
        while s < e && strip(d[s]) {
            s += 1;
        }
    }
    if right {
        while e > s && strip(d[e - 1]) {
            e -= 1;
        }
    }
    if s == 0 && e == d.len() {
        return Ok(unchanged(&args));
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

/// Byte ranges of stringlib's `split_whitespace` / `rsplit_whitespace`.
fn split_whitespace(d: &[u8], maxsplit: i64, from_right: bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut left = maxsplit;
    if !from_right {
        let mut i = 0;
        while left > 0 {
            while i < d.len() && is_space(d[i]) {
                i += 1;
            }
            if i == d.len() {
                break;
            }
            let j = i;
            while i < d.len() && !is_space(d[i]) {
                i += 1;
            }
            out.push((j, i));
            left -= 1;
        }
        while i < d.len() && is_space(d[i]) {
            i += 1;
        }
        if i < d.len() {
            out.push((i, d.len()));
        }
    } else {
        let mut i = d.len();
        while left > 0 {
            while i > 0 && is_space(d[i - 1]) {
                i -= 1;
            }
            if i == 0 {
                break;
            }
            let j = i;
            while i > 0 && !is_space(d[i - 1]) {
                i -= 1;
            }
            out.push((i, j));
            left -= 1;
        }
        while i > 0 && is_space(d[i - 1]) {
            i -= 1;
        }
        if i > 0 {
            out.push((0, i));
        }
        out.reverse();
    }
    out
}

/// Byte ranges of a split on a non-empty separator.
fn split_sep(d: &[u8], sep: &[u8], maxsplit: i64, from_right: bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut left = maxsplit;
    if !from_right {
        let mut i = 0;
        while left > 0 {
            let Some(p) = find_in(d, sep, i, d.len()) else {
                break;
            };
            out.push((i, p));
            i = p + sep.len();
            left -= 1;
        }
        out.push((i, d.len()));
    } else {
        let mut j = d.len();
        while left > 0 {
            let Some(p) = rfind_in(d, sep, 0, j) else {
                break;
            };
            out.push((p + sep.len(), j));
            j = p;
            left -= 1;
        }
        out.push((0, j));
        out.reverse();
    }
    out
}

fn split_impl(vm: &mut Vm, args: Args, name: &str, from_right: bool) -> PyResult<Value> {
    let d = data(&args);
    let [sep, maxsplit] = unpack_kw(vm, args.skip_self(), name, ["sep", "maxsplit"], 0, 0)?;
    let sep = match &sep {
        None | Some(Value::None) => None,
        Some(v) => Some(buffer(vm, v)?),
    };
    let maxsplit = match &maxsplit {
        Some(v) => vm.as_ssize(v)?,
        None => -1,
    };
    let maxsplit = if maxsplit < 0 { i64::MAX } else { maxsplit };
    let ranges = match &sep {
        None => split_whitespace(&d, maxsplit, from_right),
        Some(s) if s.is_empty() => return Err(vm.value_error("empty separator")),
        Some(s) => split_sep(&d, s, maxsplit, from_right),
    };
    let whole = !self_is_bytearray(&args) && ranges.len() == 1 && ranges[0] == (0, d.len());
    let parts = ranges
        .into_iter()
        .map(|(s, e)| {
            if whole {
                args.values[0].clone()
            } else {
                like(&args, d[s..e].to_vec())
            }
        })
        .collect();
    Ok(Value::list(parts))
}

fn split(vm: &mut Vm, args: Args) -> PyResult<Value> {
    split_impl(vm, args, "split", false)
}

fn rsplit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    split_impl(vm, args, "rsplit", true)
}

fn splitlines(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = data(&args);
    let [keepends] = unpack_kw(vm, args.skip_self(), "splitlines", ["keepends"], 0, 0)?;
    let keep = match &keepends {
        Some(v) => c_int(vm, v)? != 0,
        None => false,
    };
    let mut ranges = Vec::new();
    let mut i = 0;
    while i < d.len() {
        let start = i;
        while i < d.len() && d[i] != b'\n' && d[i] != b'\r' {
            i += 1;
        }
        let mut eol = i;
        if i < d.len() {
            if d[i] == b'\r' && d.get(i + 1) == Some(&b'\n') {
                i += 2;
            } else {
                i += 1;
            }
            if keep {
                eol = i;
            }
        }
        ranges.push((start, eol));
    }
    let whole = !self_is_bytearray(&args) && ranges.len() == 1 && ranges[0] == (0, d.len());
    let parts = ranges
        .into_iter()
        .map(|(s, e)| {
            if whole {
                args.values[0].clone()
            } else {
                like(&args, d[s..e].to_vec())
            }
        })
        .collect();
    Ok(Value::list(parts))
}

fn partition_impl(vm: &mut Vm, args: Args, name: &str, right: bool) -> PyResult<Value> {
    let d = data(&args);
    let sep_obj = onearg(vm, &args, name)?;
    let sep = buffer(vm, sep_obj)?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let found = if right {
        rfind_in(&d, &sep, 0, d.len())
    } else {
        find_in(&d, &sep, 0, d.len())
    };
    let empty = || like(&args, Vec::new());
    Ok(match found {
        Some(i) => {
            // bytes keeps the separator object itself; bytearray copies it.
            let mid = if self_is_bytearray(&args) {
                like(&args, sep.clone())
            } else {
                sep_obj.clone()
            };
            Value::tuple(vec![
                like(&args, d[..i].to_vec()),
                mid,
                like(&args, d[i + sep.len()..].to_vec()),
            ])
        }
        None if right => Value::tuple(vec![empty(), empty(), unchanged(&args)]),
        None => Value::tuple(vec![unchanged(&args), empty(), empty()]),
    })
}

fn partition(vm: &mut Vm, args: Args) -> PyResult<Value> {
    partition_impl(vm, args, "partition", false)
}

fn rpartition(vm: &mut Vm, args: Args) -> PyResult<Value> {
    partition_impl(vm, args, "rpartition", true)
}

fn removeprefix(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = data(&args);
    let p = onearg(vm, &args, "removeprefix")?;
    let p = buffer(vm, p)?;
    if !p.is_empty() && d.starts_with(&p) {
        return Ok(like(&args, d[p.len()..].to_vec()));
    }
    Ok(unchanged(&args))
}

fn removesuffix(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = data(&args);
    let p = onearg(vm, &args, "removesuffix")?;
    let p = buffer(vm, p)?;
    if !p.is_empty() && d.ends_with(&p) {
        return Ok(like(&args, d[..d.len() - p.len()].to_vec()));
    }
    Ok(unchanged(&args))
}

fn replace(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = data(&args);
    let a = positional(vm, &args, "replace", 2, 3)?;
    let old = buffer(vm, &a[0])?;
    let new = buffer(vm, &a[1])?;
    let count = match a.get(2) {
        Some(v) => vm.as_ssize(v)?,
        None => -1,
    };
    let mut left = if count < 0 { i64::MAX } else { count };
    if d.len() < old.len() || left == 0 || (old.is_empty() && new.is_empty()) {
        return Ok(unchanged(&args));
    }
    let mut out = Vec::new();
    if old.is_empty() {
        for &b in &d {
            if left > 0 {
                out.extend_from_slice(&new);
                left -= 1;
            }
            out.push(b);
        }
        if left > 0 {
            out.extend_from_slice(&new);
        }
        return Ok(like(&args, out));
    }
    let mut i = 0;
    let mut replaced = false;
    while i < d.len() {
        if left > 0 && d[i..].starts_with(&old) {
            out.extend_from_slice(&new);
            i += old.len();
            left -= 1;
            replaced = true;
        } else {
            out.push(d[i]);
            i += 1;
        }
    }
    if !replaced {
        return Ok(unchanged(&args));
    }
    Ok(like(&args, out))
}

// ----- padding -----

/// fillchar of center/ljust/rjust: a bytes or bytearray of length 1.
fn fill_char(vm: &mut Vm, name: &str, v: Option<&Value>) -> PyResult<u8> {
    match v {
        None => Ok(b' '),
        Some(Value::Bytes(b) | Value::ByteArray(b)) if b.len() == 1 => Ok(b.data.borrow()[0]),
        Some(other) => {
            let t = vm.arg_type_name(other);
            Err(vm.type_error(format!(
                "{name}() argument 2 must be a byte string of length 1, not {t}"
            )))
        }
    }
}

fn pad(vm: &mut Vm, args: Args, name: &str, mode: char) -> PyResult<Value> {
    let d = data(&args);
    let a = positional(vm, &args, name, 1, 2)?;
    let width = vm.as_ssize(&a[0])?;
    let fill = fill_char(vm, name, a.get(1))?;
    let len = d.len() as i64;
    if width <= len {
        return Ok(unchanged(&args));
    }
    let marg = (width - len) as usize;
    let (left, right) = match mode {
        'l' => (0, marg),
        'r' => (marg, 0),
        _ => {
            let left = marg / 2 + (marg & width as usize & 1);
            (left, marg - left)
        }
    };
    let mut out = buffer_of(vm, width as usize)?;
    out.resize(left, fill);
    out.extend_from_slice(&d);
    out.resize(width as usize, fill);
    debug_assert_eq!(out.len(), left + d.len() + right);
    Ok(like(&args, out))
}

fn ljust(vm: &mut Vm, args: Args) -> PyResult<Value> {
    pad(vm, args, "ljust", 'l')
}

fn rjust(vm: &mut Vm, args: Args) -> PyResult<Value> {
    pad(vm, args, "rjust", 'r')
}

fn center(vm: &mut Vm, args: Args) -> PyResult<Value> {
    pad(vm, args, "center", 'c')
}

fn zfill(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = data(&args);
    let w = onearg(vm, &args, "zfill")?;
    let width = vm.as_ssize(w)?;
    if width <= d.len() as i64 {
        return Ok(unchanged(&args));
    }
    let fill = width as usize - d.len();
    let mut out = buffer_of(vm, width as usize)?;
    out.resize(fill, b'0');
    out.extend_from_slice(&d);
    if matches!(d.first(), Some(b'+' | b'-')) {
        out[0] = out[fill];
        out[fill] = b'0';
    }
    Ok(like(&args, out))
}

fn expandtabs(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = data(&args);
    let [tabsize] = unpack_kw(vm, args.skip_self(), "expandtabs", ["tabsize"], 0, 0)?;
    let tab = match &tabsize {
        Some(v) => i64::from(c_int(vm, v)?),
        None => 8,
    };
    // First pass: the size, as CPython computes it, for its overflow check.
    let mut total: i64 = 0;
    let mut col: i64 = 0;
    for &c in &d {
        if c == b'\t' {
            if tab > 0 {
                col = col
                    .checked_add(tab - col % tab)
                    .ok_or_else(|| vm.overflow_error("result too long"))?;
            }
        } else {
            col += 1;
            if c == b'\n' || c == b'\r' {
                total = total
                    .checked_add(col)
                    .ok_or_else(|| vm.overflow_error("result too long"))?;
                col = 0;
            }
        }
    }
    let size = total
        .checked_add(col)
        .ok_or_else(|| vm.overflow_error("result too long"))?;
    let mut out = buffer_of(vm, size as usize)?;
    let mut col: i64 = 0;
    for &c in &d {
        if c == b'\t' {
            if tab > 0 {
                let n = tab - col % tab;
                out.resize(out.len() + n as usize, b' ');
                col += n;
            }
        } else {
            out.push(c);
            col += 1;
            if c == b'\n' || c == b'\r' {
                col = 0;
            }
        }
    }
    Ok(like(&args, out))
}

// ----- case -----

fn map_bytes(vm: &mut Vm, args: Args, name: &str, f: fn(&[u8]) -> Vec<u8>) -> PyResult<Value> {
    noargs(vm, &args, name)?;
    Ok(like(&args, f(&data(&args))))
}

fn upper(vm: &mut Vm, args: Args) -> PyResult<Value> {
    map_bytes(vm, args, "upper", |d| d.to_ascii_uppercase())
}

fn lower(vm: &mut Vm, args: Args) -> PyResult<Value> {
    map_bytes(vm, args, "lower", |d| d.to_ascii_lowercase())
}

fn swapcase(vm: &mut Vm, args: Args) -> PyResult<Value> {
    map_bytes(vm, args, "swapcase", |d| {
        d.iter()
            .map(|&c| if c.is_ascii_alphabetic() { c ^ 0x20 } else { c })
            .collect()
    })
}

fn capitalize(vm: &mut Vm, args: Args) -> PyResult<Value> {
    map_bytes(vm, args, "capitalize", |d| {
        d.iter()
            .enumerate()
            .map(|(i, c)| {
                if i == 0 {
                    c.to_ascii_uppercase()
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect()
    })
}

fn title(vm: &mut Vm, args: Args) -> PyResult<Value> {
    map_bytes(vm, args, "title", |d| {
        let mut prev_cased = false;
        d.iter()
            .map(|&c| {
                if c.is_ascii_lowercase() {
                    let r = if prev_cased {
                        c
                    } else {
                        c.to_ascii_uppercase()
                    };
                    prev_cased = true;
                    r
                } else if c.is_ascii_uppercase() {
                    let r = if prev_cased {
                        c.to_ascii_lowercase()
                    } else {
                        c
                    };
                    prev_cased = true;
                    r
                } else {
                    prev_cased = false;
                    c
                }
            })
            .collect()
    })
}

fn test_bytes(vm: &mut Vm, args: Args, name: &str, f: fn(u8) -> bool) -> PyResult<Value> {
    noargs(vm, &args, name)?;
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
    test_bytes(vm, args, "isspace", is_space)
}

fn isascii(vm: &mut Vm, args: Args) -> PyResult<Value> {
    noargs(vm, &args, "isascii")?;
    Ok(Value::Bool(data(&args).is_ascii()))
}

fn islower(vm: &mut Vm, args: Args) -> PyResult<Value> {
    noargs(vm, &args, "islower")?;
    let d = data(&args);
    Ok(Value::Bool(
        d.iter().any(u8::is_ascii_lowercase) && !d.iter().any(u8::is_ascii_uppercase),
    ))
}

fn isupper(vm: &mut Vm, args: Args) -> PyResult<Value> {
    noargs(vm, &args, "isupper")?;
    let d = data(&args);
    Ok(Value::Bool(
        d.iter().any(u8::is_ascii_uppercase) && !d.iter().any(u8::is_ascii_lowercase),
    ))
}

fn istitle(vm: &mut Vm, args: Args) -> PyResult<Value> {
    noargs(vm, &args, "istitle")?;
    let d = data(&args);
    let mut cased = false;
    let mut prev_cased = false;
    for &c in &d {
        if c.is_ascii_uppercase() {
            if prev_cased {
                return Ok(Value::Bool(false));
            }
            prev_cased = true;
            cased = true;
        } else if c.is_ascii_lowercase() {
            if !prev_cased {
                return Ok(Value::Bool(false));
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    Ok(Value::Bool(cased))
}

// ----- translate / maketrans -----

fn translate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = data(&args);
    let [table, delete] = unpack_kw(vm, args.skip_self(), "translate", ["table", "delete"], 1, 1)?;
    let table = match &table {
        None | Some(Value::None) => None,
        Some(v) => Some(buffer(vm, v)?),
    };
    if let Some(t) = &table {
        if t.len() != 256 {
            return Err(vm.value_error("translation table must be 256 characters long"));
        }
    }
    let delete = match &delete {
        None => Vec::new(),
        Some(v) => buffer(vm, v)?,
    };
    let mut deleted = [false; 256];
    for &c in &delete {
        deleted[usize::from(c)] = true;
    }
    let out: Vec<u8> = d
        .iter()
        .filter(|&&c| !deleted[usize::from(c)])
        .map(|&c| table.as_ref().map_or(c, |t| t[usize::from(c)]))
        .collect();
    if out == d {
        return Ok(unchanged(&args));
    }
    Ok(like(&args, out))
}

/// `bytes.maketrans(frm, to)` / `bytearray.maketrans(frm, to)`. A static
/// method in CPython; registered as a class method here, which looks the
/// same from Python (both are "built-in method maketrans of type object")
/// and tells us which type's name goes in the error messages.
fn maketrans(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let type_name = class_name(&args.values[0]);
    let a = args.skip_self();
    if a.has_kwargs() {
        return Err(vm.type_error(format!(
            "{type_name}.maketrans() takes no keyword arguments"
        )));
    }
    let n = a.values.len();
    if n != 2 {
        return Err(vm.type_error(format!("maketrans expected 2 arguments, got {n}")));
    }
    let frm = buffer(vm, &a.values[0])?;
    let to = buffer(vm, &a.values[1])?;
    if frm.len() != to.len() {
        return Err(vm.value_error("maketrans arguments must have same length"));
    }
    let mut table: Vec<u8> = (0..=255).collect();
    for (&f, &t) in frm.iter().zip(&to) {
        table[usize::from(f)] = t;
    }
    Ok(Value::Bytes(BytesObject::new(table)))
}

// ----- bytearray mutators -----

fn append(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bytearray_self(vm, &args, "append")?;
    let x = onearg(vm, &args, "append")?;
    let byte = byte_value(vm, x)?;
    b.data.borrow_mut().push(byte);
    Ok(Value::None)
}

fn extend(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bytearray_self(vm, &args, "extend")?;
    let x = onearg(vm, &args, "extend")?;
    let more = match x {
        Value::Bytes(o) | Value::ByteArray(o) => o.to_vec(),
        _ => {
            let it = match vm.iter(x) {
                Ok(it) => it,
                Err(e) if vm.is_instance_of(&e, "TypeError") => {
                    let t = vm.type_name(x);
                    return Err(vm.type_error(format!("can't extend bytearray with {t}")));
                }
                Err(e) => return Err(e),
            };
            let mut more = Vec::new();
            while let Some(item) = vm.next(&it)? {
                more.push(byte_value(vm, &item)?);
            }
            more
        }
    };
    b.data.borrow_mut().extend(more);
    Ok(Value::None)
}

fn pop(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bytearray_self(vm, &args, "pop")?;
    let a = positional(vm, &args, "pop", 0, 1)?;
    let i = match a.first() {
        Some(v) => vm.as_ssize(v)?,
        None => -1,
    };
    let n = b.len() as i64;
    if n == 0 {
        return Err(vm.index_error("pop from empty bytearray"));
    }
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error("pop index out of range"));
    }
    let v = b.data.borrow_mut().remove(j as usize);
    Ok(Value::Int(i64::from(v)))
}

fn insert(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bytearray_self(vm, &args, "insert")?;
    let a = positional(vm, &args, "insert", 2, 2)?;
    let i = vm.as_ssize(&a[0])?;
    let byte = byte_value(vm, &a[1])?;
    let mut d = b.data.borrow_mut();
    let n = d.len() as i64;
    let i = if i < 0 { (i + n).max(0) } else { i.min(n) };
    d.insert(i as usize, byte);
    Ok(Value::None)
}

fn remove(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bytearray_self(vm, &args, "remove")?;
    let x = onearg(vm, &args, "remove")?;
    let byte = byte_value(vm, x)?;
    let pos = b.data.borrow().iter().position(|&c| c == byte);
    match pos {
        Some(p) => {
            b.data.borrow_mut().remove(p);
            Ok(Value::None)
        }
        None => Err(vm.value_error("value not found in bytearray")),
    }
}

fn reverse(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bytearray_self(vm, &args, "reverse")?;
    noargs(vm, &args, "reverse")?;
    b.data.borrow_mut().reverse();
    Ok(Value::None)
}

fn clear(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bytearray_self(vm, &args, "clear")?;
    noargs(vm, &args, "clear")?;
    b.data.borrow_mut().clear();
    Ok(Value::None)
}

fn copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bytearray_self(vm, &args, "copy")?;
    noargs(vm, &args, "copy")?;
    Ok(Value::ByteArray(BytesObject::new(b.to_vec())))
}

/// `bytearray.__iadd__`: extend in place by a bytes-like object.
fn iadd(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bytearray_self(vm, &args, "__iadd__")?;
    let other = slot_arg(vm, &args, "__iadd__")?;
    match other {
        Value::Bytes(o) | Value::ByteArray(o) => {
            let more = o.to_vec();
            b.data.borrow_mut().extend(more);
            Ok(args.values[0].clone())
        }
        _ => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!("can't concat {t} to bytearray")))
        }
    }
}

/// `bytearray.__imul__`: repeat in place (a negative count empties it).
fn imul(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let b = bytearray_self(vm, &args, "__imul__")?;
    let n = slot_arg(vm, &args, "__imul__")?;
    let n = match n {
        Value::BigInt(_) => {
            return Err(vm.overflow_error("cannot fit 'int' into an index-sized integer"))
        }
        other => vm.index_value(other)?.max(0) as usize,
    };
    let len = b.len();
    if n == 0 || len == 0 {
        b.data.borrow_mut().clear();
        return Ok(args.values[0].clone());
    }
    let total = len
        .checked_mul(n)
        .filter(|&t| t <= isize::MAX as usize)
        .ok_or_else(|| memory_error(vm))?;
    let mut out = buffer_of(vm, total)?;
    let d = b.to_vec();
    for _ in 0..n {
        out.extend_from_slice(&d);
    }
    *b.data.borrow_mut() = out;
    Ok(args.values[0].clone())
}

/// `__sizeof__`: CPython's object size on a 64-bit build. Exact for bytes
/// (header + length + NUL); for bytearray the header plus the allocation a
/// freshly built bytearray has (length + 1), since over-allocation after
/// growth is not tracked.
fn sizeof(vm: &mut Vm, args: Args) -> PyResult<Value> {
    noargs(vm, &args, "__sizeof__")?;
    let n = obj(&args).len();
    Ok(Value::from(if self_is_bytearray(&args) {
        56 + if n == 0 { 0 } else { n + 1 }
    } else {
        33 + n
    }))
}

/// `item in data` for bytes and bytearray (`_Py_bytes_contains`): an int
/// (or bool) in range(256) is a byte value, anything else must be bytes-like.
pub fn bytes_contains(vm: &mut Vm, data: &[u8], item: &Value) -> PyResult<bool> {
    match item {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            let i = match item {
                Value::BigInt(_) => -1,
                _ => vm.index_value(item)?,
            };
            match u8::try_from(i) {
                Ok(b) => Ok(data.contains(&b)),
                Err(_) => Err(vm.value_error("byte must be in range(0, 256)")),
            }
        }
        _ => {
            let n = buffer(vm, item)?;
            Ok(n.is_empty() || data.windows(n.len()).any(|w| w == &n[..]))
        }
    }
}

// ----- bytes % args -----

fn raise(vm: &mut Vm, e: FormatError) -> PyErr {
    match e.kind {
        FormatErrorKind::ValueError => vm.value_error(e.message),
        FormatErrorKind::TypeError => vm.type_error(e.message),
        FormatErrorKind::OverflowError => vm.overflow_error(e.message),
        FormatErrorKind::MemoryError => memory_error(vm),
    }
}

/// `getnextarg` of `_PyBytes_FormatEx`: `arglen`/`argidx` as in CPython
/// (-1/-2 for a single, non-tuple argument).
struct PercentArgs {
    cur: Value,
    arglen: i64,
    argidx: i64,
}

impl PercentArgs {
    fn next(&mut self, vm: &mut Vm) -> PyResult<Value> {
        if self.argidx < self.arglen {
            self.argidx += 1;
            return Ok(match &self.cur {
                Value::Tuple(t) if self.arglen >= 0 => t.items[(self.argidx - 1) as usize].clone(),
                v => v.clone(),
            });
        }
        Err(vm.type_error("not enough arguments for format string"))
    }

    /// A `*` width or precision argument.
    fn star(&mut self, vm: &mut Vm, spec: &mut fmt::PercentSpec, width: bool) -> PyResult<()> {
        let v = self.next(vm)?;
        let Some(n) = as_int(&v).map(|i| i.to_big()) else {
            return Err(vm.type_error("* wants int"));
        };
        let r = if width {
            spec.set_star_width(&n)
        } else {
            spec.set_star_precision(&n)
        };
        r.map_err(|e| raise(vm, e))
    }
}

/// Whether each `*` of the conversion starting at `fmt[start]` ('%') is a
/// width (true) or a precision (false).
fn star_kinds(fmt: &[u8], start: usize) -> Vec<bool> {
    let mut kinds = Vec::new();
    let mut i = start + 1;
    if fmt.get(i) == Some(&b'(') {
        let mut depth = 0;
        while let Some(&c) = fmt.get(i) {
            i += 1;
            match c {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    while matches!(fmt.get(i), Some(b'-' | b'+' | b' ' | b'#' | b'0')) {
        i += 1;
    }
    if fmt.get(i) == Some(&b'*') {
        kinds.push(true);
        i += 1;
    } else {
        while fmt.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
    }
    if fmt.get(i) == Some(&b'.') && fmt.get(i + 1) == Some(&b'*') {
        kinds.push(false);
    }
    kinds
}

/// `format_obj`: the bytes for `%b`/`%s`.
fn percent_b_source(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    match v {
        Value::Bytes(b) | Value::ByteArray(b) => Ok(b.to_vec()),
        _ => {
            let name = vm.intern("__bytes__");
            if let Some(f) = vm.type_of(v).lookup(&name) {
                let r = vm.call(&f, std::slice::from_ref(v))?;
                return match r {
                    Value::Bytes(b) => Ok(b.to_vec()),
                    other => {
                        let t = vm.type_name(&other);
                        Err(vm.type_error(format!("__bytes__ returned non-bytes (type {t})")))
                    }
                };
            }
            let t = vm.type_name(v);
            Err(vm.type_error(format!(
                "%b requires a bytes-like object, or an object that implements __bytes__, not '{t}'"
            )))
        }
    }
}

fn render_percent(
    vm: &mut Vm,
    conv: char,
    spec: &fmt::PercentSpec,
    v: &Value,
) -> PyResult<Vec<u8>> {
    let r = match conv {
        'r' | 'a' => {
            let text = crate::builtins::format::ascii_of(&vm.repr(v)?);
            fmt::percent_bytes_pad(text.as_bytes(), conv as u8, spec)
        }
        's' | 'b' => {
            let b = percent_b_source(vm, v)?;
            fmt::percent_bytes_pad(&b, conv as u8, spec)
        }
        'i' | 'd' | 'u' | 'o' | 'x' | 'X' => {
            let integral = matches!(conv, 'o' | 'x' | 'X');
            let n: Option<BigInt> = match v {
                Value::Float(f) if !integral => {
                    match crate::objects::float::float_to_int(vm, *f)? {
                        Value::Int(i) => Some(BigInt::from(i)),
                        Value::BigInt(b) => Some((*b).clone()),
                        _ => None,
                    }
                }
                other => as_int(other).map(|i| i.to_big()),
            };
            let Some(n) = n else {
                let t = vm.type_name(v);
                let c = if conv == 'i' { 'd' } else { conv };
                let what = if integral {
                    "an integer"
                } else {
                    "a real number"
                };
                return Err(vm.type_error(format!("%{c} format: {what} is required, not {t}")));
            };
            fmt::percent_int(&n, conv, spec).map(String::into_bytes)
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let f = match v {
                Value::Float(f) => Some(*f),
                other => as_int(other).and_then(|i| crate::objects::int::int_to_f64(vm, &i).ok()),
            };
            let Some(f) = f else {
                let t = vm.type_name(v);
                return Err(vm.type_error(format!("float argument required, not {t}")));
            };
            fmt::percent_float(f, conv, spec).map(String::into_bytes)
        }
        'c' => {
            let byte = match v {
                Value::Bytes(b) | Value::ByteArray(b) if b.len() == 1 => b.data.borrow()[0],
                other => match as_int(other) {
                    Some(i) => fmt::percent_byte_from_int(&i.to_big()).map_err(|e| raise(vm, e))?,
                    None => {
                        return Err(
                            vm.type_error("%c requires an integer in range(256) or a single byte")
                        );
                    }
                },
            };
            fmt::percent_bytes_pad(&[byte], b'c', spec)
        }
        other => return Err(vm.value_error(format!("unsupported format character '{other}'"))),
    };
    r.map_err(|e| raise(vm, e))
}

/// Whether `bytes % args` treats `args` as a mapping: anything but a tuple,
/// bytes, bytearray or str whose type has `__getitem__`.
fn is_percent_mapping(vm: &mut Vm, args: &Value) -> bool {
    match args {
        Value::Tuple(_) | Value::Bytes(_) | Value::ByteArray(_) | Value::Str(_) => false,
        Value::Dict(_) | Value::List(_) | Value::Range(_) => true,
        other => {
            let name = vm.intern("__getitem__");
            vm.type_of(other).lookup(&name).is_some()
        }
    }
}

/// `bytes % args` (and `bytearray % args`): CPython 3.10's
/// `_PyBytes_FormatEx`, returning the formatted bytes.
pub fn percent_format_bytes(vm: &mut Vm, fmt_bytes: &[u8], args: &Value) -> PyResult<Vec<u8>> {
    let is_mapping = is_percent_mapping(vm, args);
    let (arglen, argidx) = match args {
        Value::Tuple(t) => (t.items.len() as i64, 0),
        _ => (-1, -2),
    };
    let mut st = PercentArgs {
        cur: args.clone(),
        arglen,
        argidx,
    };
    let mut out = Vec::with_capacity(fmt_bytes.len());
    let mut piece_start = 0usize;
    let lookup = |vm: &mut Vm, st: &mut PercentArgs, key: std::ops::Range<usize>| -> PyResult<()> {
        let key = Value::Bytes(BytesObject::new(fmt_bytes[key].to_vec()));
        st.cur = vm.get_item(args, &key)?;
        st.arglen = -1;
        st.argidx = -2;
        Ok(())
    };
    for piece in fmt::PercentParser::new_bytes(fmt_bytes) {
        match piece {
            Ok(PercentPiece::Literal(r)) => {
                piece_start = r.end;
                out.extend_from_slice(&fmt_bytes[r]);
            }
            Ok(PercentPiece::Conversion(mut conv)) => {
                piece_start = conv.index + 1;
                if let Some(k) = conv.key.clone() {
                    if !is_mapping {
                        return Err(vm.type_error("format requires a mapping"));
                    }
                    lookup(vm, &mut st, k)?;
                }
                if conv.width_from_args {
                    st.star(vm, &mut conv.spec, true)?;
                }
                if conv.precision_from_args {
                    st.star(vm, &mut conv.spec, false)?;
                }
                let v = st.next(vm)?;
                conv.check_conversion().map_err(|e| raise(vm, e))?;
                let rendered = render_percent(vm, conv.conv, &conv.spec, &v)?;
                out.extend_from_slice(&rendered);
                if is_mapping && st.argidx < st.arglen {
                    return Err(
                        vm.type_error("not all arguments converted during bytes formatting")
                    );
                }
            }
            Err(e) => {
                // Do what CPython had done before it noticed the syntax error.
                if e.mapping && !is_mapping {
                    return Err(vm.type_error("format requires a mapping"));
                }
                if let Some(k) = e.key.clone() {
                    lookup(vm, &mut st, k)?;
                }
                let mut spec = fmt::PercentSpec::default();
                for width in star_kinds(fmt_bytes, piece_start)
                    .into_iter()
                    .take(e.star_args)
                {
                    st.star(vm, &mut spec, width)?;
                }
                return Err(raise(vm, e.error));
            }
        }
    }
    if st.argidx < st.arglen && !is_mapping {
        return Err(vm.type_error("not all arguments converted during bytes formatting"));
    }
    Ok(out)
}

/// The argument of a binary slot wrapper (`wrap_binaryfunc`).
fn slot_arg<'a>(vm: &mut Vm, args: &Args<'a>, name: &str) -> PyResult<&'a Value> {
    let a = args.skip_self();
    if a.has_kwargs() {
        return Err(vm.type_error(format!("wrapper {name}() takes no keyword arguments")));
    }
    match a.values {
        [v] => Ok(v),
        other => Err(vm.type_error(format!("expected 1 argument, got {}", other.len()))),
    }
}

/// `bytes.__mod__` / `bytearray.__mod__`.
fn mod_(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = data(&args);
    let other = slot_arg(vm, &args, "__mod__")?;
    let out = percent_format_bytes(vm, &d, other)?;
    Ok(like(&args, out))
}

/// `__rmod__`: `x % self` only formats when `x` is bytes-like, which the
/// operator would already have handled, so it is always NotImplemented.
fn rmod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    slot_arg(vm, &args, "__rmod__")?;
    Ok(Value::NotImplemented)
}

// ----- constructors -----

/// `bytes(source, encoding, errors)` / `bytearray(...)` (`args` without the
/// class): CPython 3.10's `bytes_new` and `bytearray___init__`.
pub fn construct_bytes(vm: &mut Vm, args: Args, mutable: bool) -> PyResult<Value> {
    let name = if mutable { "bytearray" } else { "bytes" };
    let [source, encoding, errors] =
        unpack_kw(vm, args, name, ["source", "encoding", "errors"], 0, 0)?;
    let encoding = str_arg(vm, encoding.as_ref(), name, "encoding")?;
    let errors = str_arg(vm, errors.as_ref(), name, "errors")?;
    let wrap = |d: Vec<u8>| {
        if mutable {
            Value::ByteArray(BytesObject::new(d))
        } else {
            Value::Bytes(BytesObject::new(d))
        }
    };
    let without_string = |vm: &mut Vm| {
        vm.type_error(if encoding.is_some() {
            "encoding without a string argument"
        } else {
            "errors without a string argument"
        })
    };
    let Some(x) = source else {
        if encoding.is_some() || errors.is_some() {
            return Err(without_string(vm));
        }
        return Ok(wrap(Vec::new()));
    };
    if let Value::Str(s) = &x {
        let Some(enc) = encoding.clone() else {
            return Err(vm.type_error("string argument without an encoding"));
        };
        let mut call_args = vec![Value::str(&enc)];
        if let Some(e) = &errors {
            call_args.push(Value::str(e));
        }
        let encode = vm.intern("encode");
        let m = vm.get_attr(&Value::Str(s.clone()), &encode)?;
        return match vm.call(&m, &call_args)? {
            Value::Bytes(b) if mutable => Ok(wrap(b.to_vec())),
            Value::Bytes(b) => Ok(Value::Bytes(b)),
            other => {
                let t = vm.type_name(&other);
                Err(vm.type_error(format!("encoder did not return a bytes object (type={t})")))
            }
        };
    }
    if encoding.is_some() || errors.is_some() {
        return Err(without_string(vm));
    }
    if !mutable {
        let name = vm.intern("__bytes__");
        if let Some(f) = vm.type_of(&x).lookup(&name) {
            return match vm.call(&f, std::slice::from_ref(&x))? {
                b @ Value::Bytes(_) => Ok(b),
                other => {
                    let t = vm.type_name(&other);
                    Err(vm.type_error(format!("__bytes__ returned non-bytes (type {t})")))
                }
            };
        }
    }
    // An object with __index__ is a count.
    let x = if crate::slots::dispatches(&x) {
        vm.user_index(&x)?.unwrap_or(x)
    } else {
        x
    };
    match &x {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            let n = vm.index_value(&x).map_err(|e| {
                if vm.is_instance_of(&e, "IndexError") {
                    vm.overflow_error("cannot fit 'int' into an index-sized integer")
                } else {
                    e
                }
            })?;
            if n < 0 {
                return Err(vm.value_error("negative count"));
            }
            let mut d = buffer_of(vm, n as usize)?;
            d.resize(n as usize, 0);
            return Ok(wrap(d));
        }
        Value::Bytes(_) if !mutable => return Ok(x.clone()),
        Value::Bytes(b) | Value::ByteArray(b) => return Ok(wrap(b.to_vec())),
        _ => {}
    }
    let it = match vm.iter(&x) {
        Ok(it) => it,
        Err(e) if vm.is_instance_of(&e, "TypeError") => {
            let t = vm.type_name(&x);
            return Err(vm.type_error(format!("cannot convert '{t}' object to {name}")));
        }
        Err(e) => return Err(e),
    };
    let mut d = Vec::new();
    while let Some(item) = vm.next(&it)? {
        let b = if mutable {
            byte_value(vm, &item)?
        } else {
            // PyNumber_AsSsize_t(item, NULL): huge ints clip, then fail the range check.
            let i = match &item {
                Value::BigInt(_) => -1,
                _ => vm.index_value(&item)?,
            };
            u8::try_from(i).map_err(|_| vm.value_error("bytes must be in range(0, 256)"))?
        };
        d.push(b);
    }
    Ok(wrap(d))
}

pub const BYTES_METHODS: &[(&str, NativeFn)] = &[
    ("__mod__", mod_),
    ("__rmod__", rmod),
    ("__sizeof__", sizeof),
    ("capitalize", capitalize),
    ("center", center),
    ("count", count),
    ("decode", decode),
    ("endswith", endswith),
    ("expandtabs", expandtabs),
    ("find", find),
    ("hex", hex),
    ("index", index),
    ("isalnum", isalnum),
    ("isalpha", isalpha),
    ("isascii", isascii),
    ("isdigit", isdigit),
    ("islower", islower),
    ("isspace", isspace),
    ("istitle", istitle),
    ("isupper", isupper),
    ("join", join),
    ("ljust", ljust),
    ("lower", lower),
    ("lstrip", lstrip),
    ("partition", partition),
    ("removeprefix", removeprefix),
    ("removesuffix", removesuffix),
    ("replace", replace),
    ("rfind", rfind),
    ("rindex", rindex),
    ("rjust", rjust),
    ("rpartition", rpartition),
    ("rsplit", rsplit),
    ("rstrip", rstrip),
    ("split", split),
    ("splitlines", splitlines),
    ("startswith", startswith),
    ("strip", strip),
    ("swapcase", swapcase),
    ("title", title),
    ("translate", translate),
    ("upper", upper),
    ("zfill", zfill),
];

pub const BYTEARRAY_METHODS: &[(&str, NativeFn)] = &[
    ("__iadd__", iadd),
    ("__imul__", imul),
    ("append", append),
    ("clear", clear),
    ("copy", copy),
    ("extend", extend),
    ("insert", insert),
    ("pop", pop),
    ("remove", remove),
    ("reverse", reverse),
];

/// Class methods; `maketrans` is static in CPython but ignores its class
/// here except for error messages.
pub const CLASS_METHODS: &[(&str, NativeFn)] = &[("fromhex", fromhex), ("maketrans", maketrans)];

/// `repr(bytearray)`: CPython's `bytearray_repr`, which (unlike bytes')
/// escapes every `'` even inside double quotes. `class_name` is the type's
/// name (subclasses show their own).
pub fn bytearray_repr(class_name: &str, data: &[u8], out: &mut String) {
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    out.push_str(class_name);
    out.push_str("(b");
    out.push(quote);
    for &c in data {
        match c {
            b'\'' | b'\\' => {
                out.push('\\');
                out.push(c as char);
            }
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            0x20..=0x7e => out.push(c as char),
            _ => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out.push(')');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(s: &[u8]) -> Value {
        Value::Bytes(BytesObject::new(s.to_vec()))
    }

    /// `fmt % args` as CPython 3.10 prints it: the bytes, or "Kind: message".
    fn run(vm: &mut Vm, fmt: &[u8], args: Value) -> String {
        match percent_format_bytes(vm, fmt, &args) {
            Ok(out) => bytes_repr(&out),
            Err(e) => {
                let msg = vm.str(&Value::Exception(e.clone())).unwrap_or_default();
                format!("{}: {msg}", e.class.name.borrow())
            }
        }
    }

    #[test]
    fn percent_format_bytes_matches_cpython() {
        let mut vm = Vm::new(Vec::new());
        let vm = &mut vm;
        let t = Value::tuple;
        let cases: Vec<(&[u8], Value, &str)> = vec![
            (
                b"%s %d %x %r %c %c",
                t(vec![b(b"bytes"), Value::Int(42), Value::Int(255), b(b"x"), Value::Int(65), b(b"Z")]),
                r#"b"bytes 42 ff b'x' A Z""#,
            ),
            (b"%5s|%-5s|", t(vec![b(b"ab"), b(b"cd")]), "b'   ab|cd   |'"),
            (b"%%", t(vec![]), "b'%'"),
            (b"%a", Value::str("\u{e9}"), r#"b"'\\xe9'""#),
            (b"%b", Value::ByteArray(BytesObject::new(b"ba".to_vec())), "b'ba'"),
            (b"%i", Value::str("x"), "TypeError: %d format: a real number is required, not str"),
            (b"%x", Value::Float(1.5), "TypeError: %x format: an integer is required, not float"),
            (b"%d", Value::Float(1.5), "b'1'"),
            (b"%f", Value::str("x"), "TypeError: float argument required, not str"),
            (b"%c", Value::Int(256), "OverflowError: %c arg not in range(256)"),
            (b"%c", Value::Float(1.5), "TypeError: %c requires an integer in range(256) or a single byte"),
            (
                b"%s",
                Value::str("x"),
                "TypeError: %b requires a bytes-like object, or an object that implements __bytes__, not 'str'",
            ),
            (b"%s %s", b(b"x"), "TypeError: not enough arguments for format string"),
            (b"abc", b(b"x"), "TypeError: not all arguments converted during bytes formatting"),
            (b"abc", Value::list(vec![]), "b'abc'"),
            (b"%(a)s", t(vec![Value::Int(1)]), "TypeError: format requires a mapping"),
            (b"%y", Value::Int(1), "ValueError: unsupported format character 'y' (0x79) at index 1"),
            (b"%\xff", Value::Int(1), "ValueError: "),
            (b"%5\xff", Value::Int(1), "ValueError: unsupported format character '\u{ff}' (0xff) at index 2"),
            (b"%.*", t(vec![Value::Int(1 << 40)]), "OverflowError: Python int too large to convert to C int"),
            (b"%*", t(vec![Value::Int(1 << 40)]), "ValueError: incomplete format"),
            (b"%d", t(vec![Value::Int(1), Value::Int(2)]), "TypeError: not all arguments converted during bytes formatting"),
        ];
        for (fmt, args, want) in cases {
            assert_eq!(run(vm, fmt, args), want, "{}", bytes_repr(fmt));
        }
    }

    #[test]
    fn hex_grouping() {
        let d = [0u8, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        assert_eq!(hex_with_sep(&d, Some(b'-'), 2), "0001-0203-0405-0607-0809");
        assert_eq!(hex_with_sep(&d, Some(b' '), -2), "0001 0203 0405 0607 0809");
        assert_eq!(hex_with_sep(&d, Some(b'_'), 3), "00_010203_040506_070809");
        assert_eq!(hex_with_sep(&d, Some(b'_'), -3), "000102_030405_060708_09");
        assert_eq!(hex_with_sep(&d, Some(b'_'), 10), "00010203040506070809");
        assert_eq!(hex_with_sep(&d, None, 2), "00010203040506070809");
    }
}
