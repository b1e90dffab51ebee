//! `_sre`: the thin layer between pylib's `re` (Pattern, Match, templates,
//! the module functions) and the `pyvm-sre` engine.
//!
//! - `Program(pattern, flags)` compiles a str or bytes pattern. It returns a
//!   `Program` (with `flags`, `groups`, `groupindex` — `(name, index)` pairs
//!   in definition order — and `warnings` — `(category, message)` pairs), or,
//!   for a syntax error, the tuple `(message, position or None)` from which
//!   `re` builds its `re.error`. Other errors raise `OverflowError`,
//!   `ValueError` or `NotImplementedError` directly.
//! - `match(program, string, pos, endpos, mode, must_advance)` runs one match
//!   (`mode`: 0 match, 1 fullmatch, 2 search) and returns `None` or a tuple
//!   `(lastindex, start0, end0, start1, end1, ...)` with -1 for groups that
//!   did not match.
//! - `scan(program, string, pos, endpos, limit, must_advance=False)`: the
//!   list of such tuples for successive matches with `finditer`'s empty-match
//!   rules (at most `limit` when it is positive; `must_advance` resumes a scan
//!   whose last match was empty and ended at `pos`), for `finditer`, `sub`,
//!   `subn` and `split`.
//! - `findall(program, string, pos, endpos)`: `Pattern.findall`'s list.
//!
//! Subjects are matched in place, over the `str`'s own one-, two- or
//! four-byte code units or the bytes' buffer: nothing is converted.

use std::cell::Ref;
use std::rc::Rc;

use pyvm_loader::PyStr;
use pyvm_sre::{ErrorKind, Mode, Regex, Scanner, SreChar};

use crate::args::Args;
use crate::error::PyResult;
use crate::objects::{native, BytesObject, ModuleObject, StrObject};
use crate::value::Value;
use crate::vm::Vm;

struct Program {
    re: Regex,
    is_str: bool,
}

pub fn module(vm: &mut Vm) -> PyResult<Rc<ModuleObject>> {
    let cls = native::new_class(
        vm,
        "_sre",
        "Program",
        native::ClassSpec {
            methods: &[],
            statics: &[("__new__", program_new)],
            getters: &[
                ("flags", program_flags),
                ("groups", program_groups),
                ("groupindex", program_groupindex),
                ("warnings", program_warnings),
            ],
        },
    );
    Ok(super::make_module(
        vm,
        "_sre",
        "The regular expression engine under re (pyvm-sre).",
        &[
            ("match", sre_match),
            ("scan", sre_scan),
            ("findall", sre_findall),
        ],
        vec![
            ("Program", Value::Type(cls)),
            ("MAXREPEAT", Value::Int(pyvm_sre::MAXREPEAT as i64)),
            ("MAXGROUPS", Value::Int(pyvm_sre::MAXGROUPS as i64)),
        ],
    ))
}

/// A str or bytes value, looking through subclasses.
fn text_value(v: &Value) -> Option<&Value> {
    match v {
        Value::Str(_) | Value::Bytes(_) | Value::ByteArray(_) => Some(v),
        Value::Instance(i) => match &i.base {
            Some(b @ (Value::Str(_) | Value::Bytes(_) | Value::ByteArray(_))) => Some(b),
            _ => None,
        },
        _ => None,
    }
}

fn program_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = native::new_target(vm, &args, "Program")?;
    let a = args.skip_self().unpack(vm, "Program", 2, 2)?;
    let (cps, is_str): (Vec<u32>, bool) = match text_value(&a[0]) {
        Some(Value::Str(s)) => (s.code_points(), true),
        Some(Value::Bytes(b)) => (b.data.borrow().iter().map(|&c| c as u32).collect(), false),
        _ => {
            let t = vm.type_name(&a[0]);
            return Err(vm.type_error(format!("expected str or bytes pattern, got '{t}'")));
        }
    };
    let flags = vm.index_value(&a[1])?;
    // The parser and compiler recurse once per nesting level (at most about
    // 500 levels, under 4 MB in a release build): make sure the stack has
    // room for that.
    let compiled = stacker::maybe_grow(4 * 1024 * 1024, 8 * 1024 * 1024, || {
        Regex::compile(&cps, is_str, flags as u32)
    });
    match compiled {
        Ok(re) => Ok(native::new_instance(cls, Program { re, is_str })),
        Err(e) => match e.kind {
            ErrorKind::Re => Ok(Value::tuple(vec![
                Value::str(&e.msg),
                e.pos.map_or(Value::None, |p| Value::Int(p as i64)),
            ])),
            ErrorKind::Overflow => Err(vm.overflow_error(e.msg)),
            ErrorKind::Value => Err(vm.value_error(e.msg)),
            ErrorKind::NotImplemented => Err(vm.not_implemented_error(e.msg)),
            ErrorKind::Recursion => Err(vm.new_error("RecursionError", e.msg)),
        },
    }
}

fn program<'a>(vm: &mut Vm, v: &'a Value, what: &str) -> PyResult<&'a Program> {
    native::state::<Program>(vm, v, what)
}

fn program_flags(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = program(vm, &args.values[0], "flags")?;
    Ok(Value::Int(p.re.flags() as i64))
}

fn program_groups(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = program(vm, &args.values[0], "groups")?;
    Ok(Value::Int(p.re.groups() as i64))
}

fn program_groupindex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = program(vm, &args.values[0], "groupindex")?;
    let items =
        p.re.group_names()
            .iter()
            .map(|(n, g)| Value::tuple(vec![Value::str(n), Value::Int(*g as i64)]))
            .collect();
    Ok(Value::tuple(items))
}

fn program_warnings(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = program(vm, &args.values[0], "warnings")?;
    let items =
        p.re.warnings()
            .iter()
            .map(|w| Value::tuple(vec![Value::str(w.category), Value::str(&w.message)]))
            .collect();
    Ok(Value::tuple(items))
}

/// A subject's characters, borrowed in their storage width.
enum Text<'a> {
    U8(&'a [u8]),
    U16(&'a [u16]),
    U32(&'a [u32]),
    Buf(Ref<'a, Vec<u8>>),
}

/// The subject `v` for `prog`, with CPython's type errors.
fn subject<'a>(vm: &mut Vm, v: &'a Value, prog: &Program) -> PyResult<(Text<'a>, &'a Value)> {
    let Some(tv) = text_value(v) else {
        return Err(vm.type_error("expected string or bytes-like object"));
    };
    let text = match tv {
        Value::Str(s) => {
            if !prog.is_str {
                return Err(vm.type_error("cannot use a bytes pattern on a string-like object"));
            }
            match s.data() {
                PyStr::Ascii(a) => Text::U8(a.as_bytes()),
                PyStr::Latin1(b) => Text::U8(b),
                PyStr::Ucs2(u) => Text::U16(u),
                PyStr::Ucs4(u) => Text::U32(u),
            }
        }
        Value::Bytes(b) | Value::ByteArray(b) => {
            if prog.is_str {
                return Err(vm.type_error("cannot use a string pattern on a bytes-like object"));
            }
            Text::Buf(b.data.borrow())
        }
        _ => unreachable!("text_value returns str or bytes"),
    };
    Ok((text, tv))
}

/// Runs `$body` with `$t` bound to the subject's slice, whatever its width.
macro_rules! with_text {
    ($text:expr, $t:ident => $body:expr) => {
        match &$text {
            Text::U8($t) => {
                let $t: &[u8] = $t;
                $body
            }
            Text::U16($t) => {
                let $t: &[u16] = $t;
                $body
            }
            Text::U32($t) => {
                let $t: &[u32] = $t;
                $body
            }
            Text::Buf(b) => {
                let $t: &[u8] = &b[..];
                $body
            }
        }
    };
}

/// `pos` and `endpos` as `state_init` takes them: negative means 0, and
/// both are clamped to the length by the engine.
fn positions(vm: &mut Vm, pos: &Value, endpos: &Value) -> PyResult<(usize, usize)> {
    let clamp = |vm: &mut Vm, v: &Value| -> PyResult<usize> {
        match v {
            Value::BigInt(b) => Ok(if b.sign() == num_bigint::Sign::Minus {
                0
            } else {
                usize::MAX
            }),
            _ => Ok(vm.index_value(v)?.max(0) as usize),
        }
    };
    Ok((clamp(vm, pos)?, clamp(vm, endpos)?))
}

/// `(lastindex, start0, end0, ...)` of the scanner's current match.
fn spans<C: SreChar>(sc: &Scanner<C>, groups: usize) -> Value {
    let mut items = Vec::with_capacity(2 * groups + 3);
    items.push(sc.lastindex().map_or(Value::None, |i| Value::Int(i as i64)));
    for g in 0..=groups {
        match sc.span(g) {
            Some((s, e)) => {
                items.push(Value::Int(s as i64));
                items.push(Value::Int(e as i64));
            }
            None => {
                items.push(Value::Int(-1));
                items.push(Value::Int(-1));
            }
        }
    }
    Value::tuple(items)
}

fn sre_match(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.unpack(vm, "match", 6, 6)?;
    let prog = program(vm, &a[0], "match")?;
    let (text, _) = subject(vm, &a[1], prog)?;
    let (pos, endpos) = positions(vm, &a[2], &a[3])?;
    let mode = match vm.index_value(&a[4])? {
        0 => Mode::Match,
        1 => Mode::FullMatch,
        _ => Mode::Search,
    };
    let must_advance = vm.truthy(&a[5])?;
    let groups = prog.re.groups();
    Ok(with_text!(text, t => {
        let mut sc = prog.re.scanner(t, pos, endpos);
        if sc.run(mode, must_advance) {
            spans(&sc, groups)
        } else {
            Value::None
        }
    }))
}

fn sre_scan(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.unpack(vm, "scan", 5, 6)?;
    let prog = program(vm, &a[0], "scan")?;
    let (text, _) = subject(vm, &a[1], prog)?;
    let (pos, endpos) = positions(vm, &a[2], &a[3])?;
    let limit = vm.index_value(&a[4])?;
    let must_advance = match a.get(5) {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    if limit < 0 {
        return Ok(Value::list(Vec::new()));
    }
    let limit = limit as usize;
    let groups = prog.re.groups();
    let mut out = Vec::new();
    with_text!(text, t => {
        let mut sc = prog.re.scanner(t, pos, endpos);
        sc.set_must_advance(must_advance);
        while (limit == 0 || out.len() < limit) && sc.advance(Mode::Search) {
            out.push(spans(&sc, groups));
        }
    });
    Ok(Value::list(out))
}

/// `string[s:e]` as `Match.group` builds it: an exact str or bytes.
fn slice(text: &Value, s: usize, e: usize) -> Value {
    match text {
        Value::Str(st) => Value::Str(st.substring(s, e)),
        Value::Bytes(b) | Value::ByteArray(b) => {
            Value::Bytes(BytesObject::new(b.data.borrow()[s..e].to_vec()))
        }
        _ => unreachable!("subjects are str or bytes"),
    }
}

fn empty(text: &Value) -> Value {
    match text {
        Value::Str(_) => Value::Str(StrObject::new("")),
        _ => Value::Bytes(BytesObject::new(Vec::new())),
    }
}

fn sre_findall(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.unpack(vm, "findall", 4, 4)?;
    let prog = program(vm, &a[0], "findall")?;
    let (text, tv) = subject(vm, &a[1], prog)?;
    let (pos, endpos) = positions(vm, &a[2], &a[3])?;
    let groups = prog.re.groups();
    // Collect the spans first: slicing a bytearray borrows it again.
    let mut found: Vec<(usize, usize)> = Vec::new();
    with_text!(text, t => {
        let mut sc = prog.re.scanner(t, pos, endpos);
        while sc.advance(Mode::Search) {
            if groups == 0 {
                found.push(sc.span(0).unwrap_or((0, 0)));
            } else {
                for g in 1..=groups {
                    found.push(sc.span(g).unwrap_or((usize::MAX, usize::MAX)));
                }
            }
        }
    });
    drop(text);
    let item = |span: (usize, usize)| {
        if span.0 == usize::MAX {
            empty(tv)
        } else {
            slice(tv, span.0, span.1)
        }
    };
    let out: Vec<Value> = if groups <= 1 {
        found.into_iter().map(item).collect()
    } else {
        found
            .chunks(groups)
            .map(|c| Value::tuple(c.iter().copied().map(item).collect()))
            .collect()
    };
    Ok(Value::list(out))
}
