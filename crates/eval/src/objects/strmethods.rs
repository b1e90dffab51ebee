//! The methods of `str` (and `%`-formatting, and text decoding for
//! `bytes.decode`). Work is done on code points so that indices mean what
//! they mean in Python; ASCII strings take `&str` fast paths where it pays.

use std::rc::Rc;

use pyvm_loader::unicode;

use crate::args::Args;
use crate::builtins::structured_errors;
use crate::error::PyResult;
use crate::objects::function::NativeFn;
use crate::objects::{DictObject, StrObject};
use crate::value::Value;
use crate::vm::Vm;

fn this(args: &Args) -> Rc<StrObject> {
    match &args.values[0] {
        Value::Str(s) => s.clone(),
        _ => StrObject::new(""),
    }
}

fn new_str(cps: &[u32]) -> Value {
    Value::Str(StrObject::from_code_points(cps))
}

fn str_arg(vm: &mut Vm, v: &Value, fname: &str, what: &str) -> PyResult<Rc<StrObject>> {
    match v {
        Value::Str(s) => Ok(s.clone()),
        other => {
            let t = vm.arg_type_name(other);
            Err(vm.type_error(format!("{fname}{what} must be str, not {t}")))
        }
    }
}

pub fn repeat(s: &StrObject, n: usize) -> Rc<StrObject> {
    if let Some(a) = s.as_ascii() {
        return StrObject::from_string(a.repeat(n));
    }
    let cps = s.code_points();
    let mut out = Vec::with_capacity(cps.len() * n);
    for _ in 0..n {
        out.extend_from_slice(&cps);
    }
    StrObject::from_code_points(&out)
}

pub fn is_space(c: u32) -> bool {
    if c < 128 {
        matches!(c, 0x09..=0x0d | 0x1c..=0x20)
    } else {
        unicode::is_space(c)
    }
}

fn to_upper(c: u32, out: &mut Vec<u32>) {
    match unicode::to_upper(c) {
        Some(m) => out.extend_from_slice(m),
        None => out.push(c),
    }
}

fn to_lower(c: u32, out: &mut Vec<u32>) {
    match unicode::to_lower(c) {
        Some(m) => out.extend_from_slice(m),
        None => out.push(c),
    }
}

/// Characters that do not interrupt a word for the final-sigma rule
/// (Unicode's Case_Ignorable, approximated by common combining marks and
/// apostrophes).
fn is_case_ignorable(c: u32) -> bool {
    matches!(
        c,
        0x27 | 0x2e | 0x3a | 0x5e | 0x60 | 0xa8 | 0xad | 0xaf | 0xb4 | 0xb7 | 0xb8 | 0x2019
    ) || (0x300..0x370).contains(&c)
}

/// Lowercase `cps[i]` with CPython's one context rule: a capital sigma at
/// the end of a word becomes final sigma.
fn lower_at(cps: &[u32], i: usize, out: &mut Vec<u32>) {
    let c = cps[i];
    if c == 0x3a3 {
        let before = cps[..i]
            .iter()
            .rev()
            .find(|&&x| !is_case_ignorable(x))
            .is_some_and(|&x| is_cased(x));
        let after = cps[i + 1..]
            .iter()
            .find(|&&x| !is_case_ignorable(x))
            .is_some_and(|&x| is_cased(x));
        out.push(if before && !after { 0x3c2 } else { 0x3c3 });
    } else {
        to_lower(c, out);
    }
}

fn lower_cps(cps: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(cps.len());
    for i in 0..cps.len() {
        lower_at(cps, i, &mut out);
    }
    out
}

fn is_cased(c: u32) -> bool {
    unicode::is_lower(c) || unicode::is_upper(c) || is_titlecase(c)
}

fn map_case(vm: &mut Vm, args: Args, name: &str, f: fn(&[u32]) -> Vec<u32>) -> PyResult<Value> {
    args.skip_self().none(vm, name)?;
    let s = this(&args);
    Ok(new_str(&f(&s.code_points())))
}

fn upper(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(&args);
    if let Some(a) = s.as_ascii() {
        args.skip_self().none(vm, "upper")?;
        return Ok(Value::Str(StrObject::from_string(a.to_ascii_uppercase())));
    }
    map_case(vm, args, "upper", |cps| {
        let mut out = Vec::with_capacity(cps.len());
        for &c in cps {
            to_upper(c, &mut out);
        }
        out
    })
}

fn lower(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(&args);
    if let Some(a) = s.as_ascii() {
        args.skip_self().none(vm, "lower")?;
        return Ok(Value::Str(StrObject::from_string(a.to_ascii_lowercase())));
    }
    map_case(vm, args, "lower", lower_cps)
}

fn casefold(vm: &mut Vm, args: Args) -> PyResult<Value> {
    map_case(vm, args, "casefold", |cps| {
        let mut out = Vec::with_capacity(cps.len());
        for &c in cps {
            match unicode::case_fold(c) {
                Some(m) => out.extend_from_slice(m),
                None => out.push(c),
            }
        }
        out
    })
}

fn swapcase(vm: &mut Vm, args: Args) -> PyResult<Value> {
    map_case(vm, args, "swapcase", |cps| {
        let mut out = Vec::with_capacity(cps.len());
        for (i, &c) in cps.iter().enumerate() {
            if unicode::is_upper(c) {
                lower_at(cps, i, &mut out);
            } else if unicode::is_lower(c) {
                to_upper(c, &mut out);
            } else {
                out.push(c);
            }
        }
        out
    })
}

fn capitalize(vm: &mut Vm, args: Args) -> PyResult<Value> {
    map_case(vm, args, "capitalize", |cps| {
        let mut out = Vec::with_capacity(cps.len());
        if let Some(&first) = cps.first() {
            to_title(first, &mut out);
            for i in 1..cps.len() {
                lower_at(cps, i, &mut out);
            }
        }
        out
    })
}

fn to_title(c: u32, out: &mut Vec<u32>) {
    match unicode::to_title(c) {
        Some(m) => out.extend_from_slice(m),
        None => out.push(c),
    }
}

fn title(vm: &mut Vm, args: Args) -> PyResult<Value> {
    map_case(vm, args, "title", |cps| {
        let mut out = Vec::with_capacity(cps.len());
        let mut prev_cased = false;
        for (i, &c) in cps.iter().enumerate() {
            if prev_cased {
                lower_at(cps, i, &mut out);
            } else {
                to_title(c, &mut out);
            }
            prev_cased = is_cased(c);
        }
        out
    })
}

fn predicate(vm: &mut Vm, args: Args, name: &str, f: fn(u32) -> bool) -> PyResult<Value> {
    args.skip_self().none(vm, name)?;
    let s = this(&args);
    Ok(Value::Bool(!s.is_empty() && s.chars().all(f)))
}

fn isalpha(vm: &mut Vm, args: Args) -> PyResult<Value> {
    predicate(vm, args, "isalpha", unicode::is_alpha)
}

fn isdecimal(vm: &mut Vm, args: Args) -> PyResult<Value> {
    predicate(vm, args, "isdecimal", unicode::is_decimal)
}

fn isdigit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    predicate(vm, args, "isdigit", unicode::is_digit)
}

fn isnumeric(vm: &mut Vm, args: Args) -> PyResult<Value> {
    predicate(vm, args, "isnumeric", unicode::is_numeric)
}

fn isalnum(vm: &mut Vm, args: Args) -> PyResult<Value> {
    predicate(vm, args, "isalnum", |c| {
        unicode::is_alpha(c)
            || unicode::is_decimal(c)
            || unicode::is_digit(c)
            || unicode::is_numeric(c)
    })
}

fn isspace(vm: &mut Vm, args: Args) -> PyResult<Value> {
    predicate(vm, args, "isspace", is_space)
}

fn isascii(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "isascii")?;
    Ok(Value::Bool(this(&args).is_ascii()))
}

fn isprintable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "isprintable")?;
    Ok(Value::Bool(this(&args).chars().all(unicode::is_printable)))
}

fn islower(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "islower")?;
    let s = this(&args);
    let mut cased = false;
    for c in s.chars() {
        if unicode::is_upper(c) || is_titlecase(c) {
            return Ok(Value::Bool(false));
        }
        if unicode::is_lower(c) {
            cased = true;
        }
    }
    Ok(Value::Bool(cased))
}

fn isupper(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "isupper")?;
    let s = this(&args);
    let mut cased = false;
    for c in s.chars() {
        if unicode::is_lower(c) || is_titlecase(c) {
            return Ok(Value::Bool(false));
        }
        if unicode::is_upper(c) {
            cased = true;
        }
    }
    Ok(Value::Bool(cased))
}

fn is_titlecase(c: u32) -> bool {
    matches!(c, 0x01c5 | 0x01c8 | 0x01cb | 0x01f2) || (0x1f88..=0x1faf).contains(&c) && c % 16 >= 8
}

fn istitle(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "istitle")?;
    let s = this(&args);
    let mut cased = false;
    let mut prev_cased = false;
    for c in s.chars() {
        if unicode::is_upper(c) || is_titlecase(c) {
            if prev_cased {
                return Ok(Value::Bool(false));
            }
            prev_cased = true;
            cased = true;
        } else if unicode::is_lower(c) {
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

fn isidentifier(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "isidentifier")?;
    let s = this(&args);
    let mut chars = s.chars();
    let ok = match chars.next() {
        None => false,
        Some(c) => unicode::is_id_start(c) && chars.all(unicode::is_id_continue),
    };
    Ok(Value::Bool(ok))
}

/// Haystack, needle, start, end, and whether the range is non-empty.
type SearchArgs = (Rc<StrObject>, Rc<StrObject>, usize, usize, bool);

/// Optional `start`/`end` arguments of the search methods.
fn search_args(vm: &mut Vm, args: &Args, name: &str) -> PyResult<SearchArgs> {
    let s = this(args);
    let a = args.skip_self().unpack(vm, name, 1, 3)?;
    let sub = str_arg(
        vm,
        &a[0],
        "",
        &format!("must be str, not {}", vm.type_name(&a[0])),
    )
    .map_err(|_| {
        let t = vm.type_name(&a[0]);
        vm.type_error(format!("must be str, not {t}"))
    })?;
    let len = s.len() as i64;
    let norm = |vm: &mut Vm, v: Option<&Value>, default: i64| -> PyResult<i64> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => {
                let i = match v {
                    Value::BigInt(b) => {
                        if num_traits::Signed::is_negative(&**b) {
                            i64::MIN / 2
                        } else {
                            i64::MAX / 2
                        }
                    }
                    _ => vm.index_value(v).map_err(|_| {
                        vm.type_error(
                            "slice indices must be integers or None or have an __index__ method",
                        )
                    })?,
                };
                Ok(if i < 0 { (i + len).max(0) } else { i })
            }
        }
    };
    let start = norm(vm, a.get(1), 0)?;
    let end = norm(vm, a.get(2), len)?.min(len);
    let valid = start <= end && start <= len;
    Ok((s, sub, start.max(0) as usize, end.max(0) as usize, valid))
}

fn find(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (s, sub, start, end, valid) = search_args(vm, &args, "find")?;
    if !valid {
        return Ok(Value::Int(-1));
    }
    Ok(Value::Int(
        s.find(&sub, start, end).map_or(-1, |i| i as i64),
    ))
}

fn rfind(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (s, sub, start, end, valid) = search_args(vm, &args, "rfind")?;
    if !valid {
        return Ok(Value::Int(-1));
    }
    Ok(Value::Int(
        s.rfind(&sub, start, end).map_or(-1, |i| i as i64),
    ))
}

fn index(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (s, sub, start, end, valid) = search_args(vm, &args, "index")?;
    match valid.then(|| s.find(&sub, start, end)).flatten() {
        Some(i) => Ok(Value::from(i)),
        None => Err(vm.value_error("substring not found")),
    }
}

fn rindex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (s, sub, start, end, valid) = search_args(vm, &args, "rindex")?;
    match valid.then(|| s.rfind(&sub, start, end)).flatten() {
        Some(i) => Ok(Value::from(i)),
        None => Err(vm.value_error("substring not found")),
    }
}

fn count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (s, sub, start, end, valid) = search_args(vm, &args, "count")?;
    if !valid {
        return Ok(Value::Int(0));
    }
    if sub.is_empty() {
        return Ok(Value::from(end - start + 1));
    }
    let mut n = 0;
    let mut i = start;
    while let Some(p) = s.find(&sub, i, end) {
        n += 1;
        i = p + sub.len();
    }
    Ok(Value::Int(n))
}

fn affix(vm: &mut Vm, args: Args, name: &str, prefix: bool) -> PyResult<Value> {
    let s = this(&args);
    let a = args.skip_self().unpack(vm, name, 1, 3)?;
    let len = s.len() as i64;
    let norm = |vm: &mut Vm, v: Option<&Value>, default: i64| -> PyResult<i64> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => {
                let i = vm.index_value(v)?;
                Ok(if i < 0 { (i + len).max(0) } else { i })
            }
        }
    };
    let start = norm(vm, a.get(1), 0)?;
    let end = norm(vm, a.get(2), len)?.min(len);
    let candidates = match &a[0] {
        Value::Tuple(t) => t.items.to_vec(),
        Value::Str(_) => vec![a[0].clone()],
        other => {
            let t = vm.type_name(other);
            return Err(vm.type_error(format!(
                "{name} first arg must be str or a tuple of str, not {t}"
            )));
        }
    };
    if start > len {
        return Ok(Value::Bool(false));
    }
    for c in candidates {
        let Value::Str(c) = &c else {
            let t = vm.type_name(&c);
            return Err(vm.type_error(format!("tuple for {name} must only contain str, not {t}")));
        };
        if start > end {
            continue;
        }
        // Compare in place: O(len(affix)), not O(len(s)).
        let (start, end, m) = (start as usize, end as usize, c.len());
        if m > end - start {
            continue;
        }
        let at = if prefix { start } else { end - m };
        let hit = match (s.as_ascii(), c.as_ascii()) {
            (Some(a), Some(b)) => &a.as_bytes()[at..at + m] == b.as_bytes(),
            _ => (0..m).all(|i| s.char_at(at + i) == c.char_at(i)),
        };
        if hit {
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

fn strip_chars(vm: &mut Vm, args: Args, name: &str, left: bool, right: bool) -> PyResult<Value> {
    let s = this(&args);
    let a = args.skip_self().unpack(vm, name, 0, 1)?;
    let chars: Option<Vec<u32>> = match a.first() {
        None | Some(Value::None) => None,
        Some(Value::Str(c)) => Some(c.code_points()),
        Some(other) => {
            let t = vm.type_name(other);
            let _ = t;
            return Err(vm.type_error(format!("{name} arg must be None or str")));
        }
    };
    if chars.is_none() {
        if let Some(a) = s.as_ascii() {
            let ws = |c: char| matches!(c as u32, 0x09..=0x0d | 0x1c..=0x20);
            let r = match (left, right) {
                (true, true) => a.trim_matches(ws),
                (true, false) => a.trim_start_matches(ws),
                _ => a.trim_end_matches(ws),
            };
            if r.len() == a.len() {
                return Ok(args.values[0].clone());
            }
            return Ok(Value::str(r));
        }
    }
    let cps = s.code_points();
    let strip = |c: u32| match &chars {
        None => is_space(c),
        Some(set) => set.contains(&c),
    };
    let mut i = 0;
    let mut j = cps.len();
    if left {
        while i < j && strip(cps[i]) {
            i += 1;
        }
    }
    if right {
        while j > i && strip(cps[j - 1]) {
            j -= 1;
        }
    }
    Ok(new_str(&cps[i..j]))
}

fn strip(vm: &mut Vm, args: Args) -> PyResult<Value> {
    strip_chars(vm, args, "strip", true, true)
}

fn lstrip(vm: &mut Vm, args: Args) -> PyResult<Value> {
    strip_chars(vm, args, "lstrip", true, false)
}

fn rstrip(vm: &mut Vm, args: Args) -> PyResult<Value> {
    strip_chars(vm, args, "rstrip", false, true)
}

fn maxsplit_arg(vm: &mut Vm, v: Option<Value>) -> PyResult<i64> {
    match v {
        None => Ok(-1),
        Some(v) => vm.index_value(&v),
    }
}

/// Split on runs of whitespace (no separator given).
fn split_whitespace(cps: &[u32], maxsplit: i64, from_right: bool) -> Vec<Vec<u32>> {
    let mut out = Vec::new();
    if !from_right {
        let mut i = 0;
        let n = cps.len();
        let mut splits = 0;
        while i < n {
            while i < n && is_space(cps[i]) {
                i += 1;
            }
            if i == n {
                break;
            }
            if maxsplit >= 0 && splits == maxsplit {
                // The remainder keeps its trailing whitespace.
                out.push(cps[i..n].to_vec());
                break;
            }
            let start = i;
            while i < n && !is_space(cps[i]) {
                i += 1;
            }
            out.push(cps[start..i].to_vec());
            splits += 1;
        }
    } else {
        let mut j = cps.len();
        let mut splits = 0;
        while j > 0 {
            while j > 0 && is_space(cps[j - 1]) {
                j -= 1;
            }
            if j == 0 {
                break;
            }
            if maxsplit >= 0 && splits == maxsplit {
                out.push(cps[..j].to_vec());
                break;
            }
            let end = j;
            while j > 0 && !is_space(cps[j - 1]) {
                j -= 1;
            }
            out.push(cps[j..end].to_vec());
            splits += 1;
        }
        out.reverse();
    }
    out
}

fn split_sep(cps: &[u32], sep: &[u32], maxsplit: i64, from_right: bool) -> Vec<Vec<u32>> {
    let mut out = Vec::new();
    let find = |h: &[u32]| h.windows(sep.len()).position(|w| w == sep);
    let rfind = |h: &[u32]| h.windows(sep.len()).rposition(|w| w == sep);
    let mut rest = cps;
    let mut n = 0;
    if !from_right {
        while maxsplit < 0 || n < maxsplit {
            match find(rest) {
                Some(p) => {
                    out.push(rest[..p].to_vec());
                    rest = &rest[p + sep.len()..];
                    n += 1;
                }
                None => break,
            }
        }
        out.push(rest.to_vec());
    } else {
        while maxsplit < 0 || n < maxsplit {
            match rfind(rest) {
                Some(p) => {
                    out.push(rest[p + sep.len()..].to_vec());
                    rest = &rest[..p];
                    n += 1;
                }
                None => break,
            }
        }
        out.push(rest.to_vec());
        out.reverse();
    }
    out
}

fn split_impl(vm: &mut Vm, args: Args, name: &str, from_right: bool) -> PyResult<Value> {
    let s = this(&args);
    let [sep, maxsplit] = args.skip_self().bind(vm, name, ["sep", "maxsplit"], 0, 0)?;
    let maxsplit = maxsplit_arg(vm, maxsplit)?;
    let sep = match sep {
        None | Some(Value::None) => None,
        Some(Value::Str(s)) => Some(s),
        Some(other) => {
            let t = vm.type_name(&other);
            return Err(vm.type_error(format!("must be str or None, not {t}")));
        }
    };
    if let (Some(a), Some(sep)) = (s.as_ascii(), sep.as_ref().and_then(|x| x.as_ascii())) {
        if sep.is_empty() {
            return Err(vm.value_error("empty separator"));
        }
        if !from_right && maxsplit < 0 {
            let parts: Vec<Value> = a
                .split(sep)
                .map(|p| Value::Str(StrObject::new(p)))
                .collect();
            return Ok(Value::list(parts));
        }
    }
    let cps = s.code_points();
    let parts = match &sep {
        None => split_whitespace(&cps, maxsplit, from_right),
        Some(sep) => {
            if sep.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            split_sep(&cps, &sep.code_points(), maxsplit, from_right)
        }
    };
    Ok(Value::list(parts.iter().map(|p| new_str(p)).collect()))
}

fn split(vm: &mut Vm, args: Args) -> PyResult<Value> {
    split_impl(vm, args, "split", false)
}

fn rsplit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    split_impl(vm, args, "rsplit", true)
}

fn splitlines(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(&args);
    let [keepends] = args
        .skip_self()
        .bind(vm, "splitlines", ["keepends"], 0, 0)?;
    let keep = match keepends {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    let cps = s.code_points();
    let is_break = |c: u32| {
        matches!(
            c,
            0x0a | 0x0b | 0x0c | 0x0d | 0x1c | 0x1d | 0x1e | 0x85 | 0x2028 | 0x2029
        )
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < cps.len() {
        let start = i;
        while i < cps.len() && !is_break(cps[i]) {
            i += 1;
        }
        let mut eol = i;
        if i < cps.len() {
            if cps[i] == 0x0d && cps.get(i + 1) == Some(&0x0a) {
                i += 2;
            } else {
                i += 1;
            }
            if keep {
                eol = i;
            }
        }
        out.push(new_str(&cps[start..eol]));
    }
    Ok(Value::list(out))
}

pub(crate) fn join(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let sep = this(&args);
    let it = args.skip_self().one(vm, "join")?;
    if vm.iter(it).is_err() {
        return Err(vm.type_error("can only join an iterable"));
    }
    // Instances of str subclasses join as their string value.
    let items: Vec<Value> = vm
        .collect(it)?
        .into_iter()
        .map(|v| match crate::slots::instance_base(&v) {
            Some(b @ Value::Str(_)) => b,
            _ => v,
        })
        .collect();
    let mut all_ascii = sep.is_ascii();
    for (i, item) in items.iter().enumerate() {
        match item {
            Value::Str(s) => all_ascii &= s.is_ascii(),
            other => {
                let t = vm.type_name(other);
                return Err(vm.type_error(format!(
                    "sequence item {i}: expected str instance, {t} found"
                )));
            }
        }
    }
    if items.len() == 1 {
        return Ok(items[0].clone());
    }
    if all_ascii {
        let sep = sep.as_ascii().unwrap_or("");
        let mut out = String::new();
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            if let Value::Str(s) = item {
                out.push_str(s.as_ascii().unwrap_or(""));
            }
        }
        return Ok(Value::Str(StrObject::from_string(out)));
    }
    let sep = sep.code_points();
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        if let Value::Str(s) = item {
            out.extend(s.chars());
        }
    }
    Ok(new_str(&out))
}

fn replace(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(&args);
    let a = args.skip_self().unpack(vm, "replace", 2, 3)?;
    let old = str_arg(vm, &a[0], "replace() argument 1", "")?;
    let new = str_arg(vm, &a[1], "replace() argument 2", "")?;
    let count = match a.get(2) {
        Some(v) => vm.index_value(v)?,
        None => -1,
    };
    if let (Some(h), Some(o), Some(n)) = (s.as_ascii(), old.as_ascii(), new.as_ascii()) {
        if !o.is_empty() {
            let r = if count < 0 {
                h.replace(o, n)
            } else {
                h.replacen(o, n, count as usize)
            };
            return Ok(Value::Str(StrObject::from_string(r)));
        }
    }
    let (h, o, n) = (s.code_points(), old.code_points(), new.code_points());
    let mut out = Vec::with_capacity(h.len());
    let mut left = count;
    if o.is_empty() {
        for &c in &h {
            if left != 0 {
                out.extend_from_slice(&n);
                left -= 1;
            }
            out.push(c);
        }
        if left != 0 {
            out.extend_from_slice(&n);
        }
        return Ok(new_str(&out));
    }
    let mut i = 0;
    while i < h.len() {
        if left != 0 && h[i..].starts_with(&o) {
            out.extend_from_slice(&n);
            i += o.len();
            left -= 1;
        } else {
            out.push(h[i]);
            i += 1;
        }
    }
    Ok(new_str(&out))
}

fn pad(vm: &mut Vm, args: Args, name: &str, mode: char) -> PyResult<Value> {
    let s = this(&args);
    let a = args.skip_self().unpack(vm, name, 1, 2)?;
    let width = vm.index_value(&a[0])?;
    let fill = match a.get(1) {
        None => ' ' as u32,
        Some(Value::Str(f)) if f.len() == 1 => f.char_at(0),
        Some(Value::Str(_)) => {
            return Err(vm.type_error("The fill character must be exactly one character long"))
        }
        Some(other) => {
            let t = vm.type_name(other);
            return Err(vm.type_error(format!(
                "{name}() argument 2 must be str of length 1, not {t}"
            )));
        }
    };
    let len = s.len() as i64;
    if width <= len {
        return Ok(args.values[0].clone());
    }
    let total = (width - len) as usize;
    let (left, right) = match mode {
        'l' => (0, total),
        'r' => (total, 0),
        _ => {
            // CPython centres with the odd space on the left when the width is odd.
            let left = total / 2 + (total & width as usize & 1);
            (left, total - left)
        }
    };
    let mut out = vec![fill; left];
    out.extend(s.chars());
    out.extend(std::iter::repeat_n(fill, right));
    Ok(new_str(&out))
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
    let s = this(&args);
    let w = args.skip_self().one(vm, "zfill")?;
    let width = vm.index_value(w)?;
    let cps = s.code_points();
    if width <= cps.len() as i64 {
        return Ok(args.values[0].clone());
    }
    let fill = width as usize - cps.len();
    let mut out = Vec::with_capacity(width as usize);
    let (sign, rest) = match cps.first() {
        Some(&c) if c == '+' as u32 || c == '-' as u32 => (Some(c), &cps[1..]),
        _ => (None, &cps[..]),
    };
    out.extend(sign);
    out.extend(std::iter::repeat_n('0' as u32, fill));
    out.extend_from_slice(rest);
    Ok(new_str(&out))
}

fn expandtabs(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(&args);
    let [tabsize] = args.skip_self().bind(vm, "expandtabs", ["tabsize"], 0, 0)?;
    let tab = match tabsize {
        Some(v) => vm.index_value(&v)?,
        None => 8,
    };
    let mut out = Vec::new();
    let mut col: i64 = 0;
    for c in s.chars() {
        if c == '\t' as u32 {
            if tab > 0 {
                let n = tab - col % tab;
                out.extend(std::iter::repeat_n(' ' as u32, n as usize));
                col += n;
            }
        } else {
            out.push(c);
            col += 1;
            if c == '\n' as u32 || c == '\r' as u32 {
                col = 0;
            }
        }
    }
    Ok(new_str(&out))
}

fn partition_impl(vm: &mut Vm, args: Args, name: &str, right: bool) -> PyResult<Value> {
    let s = this(&args);
    let sep = args.skip_self().one(vm, name)?;
    let sep = str_arg(vm, sep, "", "")
        .map_err(|_| vm.type_error(format!("must be str, not {}", vm.type_name(sep))))?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let found = if right {
        s.rfind(&sep, 0, s.len())
    } else {
        s.find(&sep, 0, s.len())
    };
    let empty = Value::str("");
    Ok(match found {
        Some(i) => Value::tuple(vec![
            Value::Str(s.substring(0, i)),
            Value::Str(sep.clone()),
            Value::Str(s.substring(i + sep.len(), s.len())),
        ]),
        None if right => Value::tuple(vec![empty.clone(), empty, args.values[0].clone()]),
        None => Value::tuple(vec![args.values[0].clone(), empty.clone(), empty]),
    })
}

fn partition(vm: &mut Vm, args: Args) -> PyResult<Value> {
    partition_impl(vm, args, "partition", false)
}

fn rpartition(vm: &mut Vm, args: Args) -> PyResult<Value> {
    partition_impl(vm, args, "rpartition", true)
}

fn removeprefix(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(&args);
    let p = args.skip_self().one(vm, "removeprefix")?;
    let p = str_arg(vm, p, "removeprefix() argument", "")?;
    let cps = s.code_points();
    let pc = p.code_points();
    Ok(if cps.starts_with(&pc) {
        new_str(&cps[pc.len()..])
    } else {
        args.values[0].clone()
    })
}

fn removesuffix(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(&args);
    let p = args.skip_self().one(vm, "removesuffix")?;
    let p = str_arg(vm, p, "removesuffix() argument", "")?;
    let cps = s.code_points();
    let pc = p.code_points();
    Ok(if !pc.is_empty() && cps.ends_with(&pc) {
        new_str(&cps[..cps.len() - pc.len()])
    } else {
        args.values[0].clone()
    })
}

fn encode(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(&args);
    let [encoding, errors] = args
        .skip_self()
        .bind(vm, "encode", ["encoding", "errors"], 0, 0)?;
    let enc = match &encoding {
        Some(Value::Str(e)) => e.to_string().to_ascii_lowercase().replace('_', "-"),
        _ => "utf-8".into(),
    };
    let errors = match &errors {
        Some(Value::Str(e)) => e.to_string(),
        _ => "strict".into(),
    };
    if let Some(r) = encode_wide(&s, &enc) {
        return Ok(Value::Bytes(crate::objects::BytesObject::new(r)));
    }
    let mut out = Vec::new();
    for (i, c) in s.chars().enumerate() {
        let ok = match enc.as_str() {
            "utf-8" | "utf8" => {
                if (0xd800..0xe000).contains(&c) {
                    if errors == "surrogatepass" {
                        out.extend([
                            0xe0 | (c >> 12) as u8,
                            0x80 | ((c >> 6) & 0x3f) as u8,
                            0x80 | (c & 0x3f) as u8,
                        ]);
                        true
                    } else {
                        false
                    }
                } else {
                    let ch = char::from_u32(c).unwrap_or('\u{fffd}');
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                    true
                }
            }
            "ascii" | "us-ascii" => {
                if c < 128 {
                    out.push(c as u8);
                    true
                } else {
                    false
                }
            }
            "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" => {
                if c < 256 {
                    out.push(c as u8);
                    true
                } else {
                    false
                }
            }
            _ => return Err(vm.new_error("LookupError", format!("unknown encoding: {enc}"))),
        };
        if !ok {
            match errors.as_str() {
                "ignore" => {}
                "replace" => out.push(b'?'),
                "backslashreplace" => {
                    let esc = if c < 0x100 {
                        format!("\\x{c:02x}")
                    } else if c < 0x10000 {
                        format!("\\u{c:04x}")
                    } else {
                        format!("\\U{c:08x}")
                    };
                    out.extend_from_slice(esc.as_bytes());
                }
                "xmlcharrefreplace" => out.extend_from_slice(format!("&#{c};").as_bytes()),
                _ => {
                    let codec = match enc.as_str() {
                        "ascii" | "us-ascii" => "ascii",
                        "utf-8" | "utf8" => "utf-8",
                        _ => "latin-1",
                    };
                    let reason = if codec == "utf-8" {
                        "surrogates not allowed"
                    } else {
                        "ordinal not in range(128)"
                    };
                    let reason = if codec == "latin-1" {
                        "ordinal not in range(256)"
                    } else {
                        reason
                    };
                    // The error covers the whole run of unencodable characters.
                    let limit = match codec {
                        "ascii" => 0x80,
                        "latin-1" => 0x100,
                        _ => u32::MAX,
                    };
                    let bad =
                        |c: u32| c >= limit || (codec == "utf-8" && (0xd800..0xe000).contains(&c));
                    let end = i + s.chars().skip(i).take_while(|&c| bad(c)).count();
                    let object = Value::Str(s.clone());
                    return Err(structured_errors::encode_error(
                        vm, codec, object, i, end, reason,
                    ));
                }
            }
        }
    }
    Ok(Value::Bytes(crate::objects::BytesObject::new(out)))
}

/// UTF-16 and UTF-32 encoding (with a little-endian BOM for the plain names,
/// as CPython on little-endian machines).
fn encode_wide(s: &StrObject, enc: &str) -> Option<Vec<u8>> {
    let (wide32, little, bom) = match enc {
        "utf-16" | "utf16" => (false, true, true),
        "utf-16-le" | "utf-16le" => (false, true, false),
        "utf-16-be" | "utf-16be" => (false, false, false),
        "utf-32" | "utf32" => (true, true, true),
        "utf-32-le" | "utf-32le" => (true, true, false),
        "utf-32-be" | "utf-32be" => (true, false, false),
        _ => return None,
    };
    let mut out = Vec::new();
    let unit = |u: u32, out: &mut Vec<u8>| {
        if wide32 {
            out.extend_from_slice(&if little {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            });
        } else {
            let u = u as u16;
            out.extend_from_slice(&if little {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            });
        }
    };
    if bom {
        unit(0xfeff, &mut out);
    }
    for c in s.chars() {
        if !wide32 && c >= 0x10000 {
            let v = c - 0x10000;
            unit(0xd800 | (v >> 10), &mut out);
            unit(0xdc00 | (v & 0x3ff), &mut out);
        } else {
            unit(c, &mut out);
        }
    }
    Some(out)
}

fn decode_wide(data: &[u8], enc: &str) -> Option<Option<Vec<u32>>> {
    let (wide32, mut little, bom) = match enc {
        "utf-16" | "utf16" => (false, true, true),
        "utf-16-le" | "utf-16le" => (false, true, false),
        "utf-16-be" | "utf-16be" => (false, false, false),
        "utf-32" | "utf32" => (true, true, true),
        "utf-32-le" | "utf-32le" => (true, true, false),
        "utf-32-be" | "utf-32be" => (true, false, false),
        _ => return None,
    };
    let size = if wide32 { 4 } else { 2 };
    let mut data = data;
    if !data.len().is_multiple_of(size) {
        return Some(None);
    }
    let read = |b: &[u8], little: bool| -> u32 {
        if wide32 {
            let a: [u8; 4] = [b[0], b[1], b[2], b[3]];
            if little {
                u32::from_le_bytes(a)
            } else {
                u32::from_be_bytes(a)
            }
        } else {
            let a: [u8; 2] = [b[0], b[1]];
            u32::from(if little {
                u16::from_le_bytes(a)
            } else {
                u16::from_be_bytes(a)
            })
        }
    };
    if bom && data.len() >= size {
        if read(&data[..size], true) == 0xfeff {
            data = &data[size..];
        } else if read(&data[..size], false) == 0xfeff {
            little = false;
            data = &data[size..];
        }
    }
    let units: Vec<u32> = data.chunks(size).map(|c| read(c, little)).collect();
    if wide32 {
        return Some(Some(units));
    }
    let mut out = Vec::with_capacity(units.len());
    let mut i = 0;
    while i < units.len() {
        let u = units[i];
        if (0xd800..0xdc00).contains(&u)
            && i + 1 < units.len()
            && (0xdc00..0xe000).contains(&units[i + 1])
        {
            out.push(0x10000 + ((u - 0xd800) << 10) + (units[i + 1] - 0xdc00));
            i += 2;
        } else {
            out.push(u);
            i += 1;
        }
    }
    Some(Some(out))
}

/// The next UTF-8 sequence at `i`: `Ok((code point, length))`, or the
/// length of the undecodable part and CPython's reason.
fn utf8_step(data: &[u8], i: usize) -> Result<(u32, usize), (usize, &'static str)> {
    let b = data[i];
    let (len, min_second, max_second) = match b {
        0x00..=0x7f => return Ok((u32::from(b), 1)),
        0xc2..=0xdf => (2, 0x80, 0xbf),
        0xe0 => (3, 0xa0, 0xbf),
        0xed => (3, 0x80, 0x9f),
        0xe1..=0xef => (3, 0x80, 0xbf),
        0xf0 => (4, 0x90, 0xbf),
        0xf4 => (4, 0x80, 0x8f),
        0xf1..=0xf3 => (4, 0x80, 0xbf),
        _ => return Err((1, "invalid start byte")),
    };
    let mut cp = u32::from(b) & (0x7f >> len);
    for k in 1..len {
        let Some(&c) = data.get(i + k) else {
            return Err((k, "unexpected end of data"));
        };
        let ok = if k == 1 {
            (min_second..=max_second).contains(&c)
        } else {
            (0x80..=0xbf).contains(&c)
        };
        if !ok {
            return Err((k, "invalid continuation byte"));
        }
        cp = (cp << 6) | u32::from(c & 0x3f);
    }
    Ok((cp, len))
}

/// UTF-8 decoding with CPython's error handlers and messages.
fn decode_utf8(vm: &mut Vm, data: &[u8], errors: &str) -> PyResult<Value> {
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        match utf8_step(data, i) {
            Ok((cp, len)) => {
                out.push(cp);
                i += len;
            }
            Err((len, reason)) => {
                let bad = &data[i..i + len];
                match errors {
                    "ignore" => {}
                    "replace" => out.push(0xfffd),
                    "backslashreplace" => {
                        for &b in bad {
                            out.extend(format!("\\x{b:02x}").chars().map(|c| c as u32));
                        }
                    }
                    "surrogateescape" => out.extend(bad.iter().map(|&b| 0xdc00 + u32::from(b))),
                    _ => {
                        return Err(structured_errors::decode_error(
                            vm,
                            "utf-8",
                            data,
                            i,
                            i + len,
                            reason,
                        ));
                    }
                }
                i += len;
            }
        }
    }
    Ok(new_str(&out))
}

/// `bytes.decode(encoding, errors)` for the common codecs.
pub fn decode_bytes(vm: &mut Vm, data: &[u8], enc: &str, errors: &str) -> PyResult<Value> {
    if let Some(r) = decode_wide(data, enc) {
        return match r {
            Some(cps) => Ok(new_str(&cps)),
            None => Err(structured_errors::decode_error(
                vm,
                enc,
                data,
                data.len() - 1,
                data.len(),
                "truncated data",
            )),
        };
    }
    match enc {
        "utf-8" | "utf8" => {
            if let Ok(text) = std::str::from_utf8(data) {
                return Ok(Value::str(text));
            }
            decode_utf8(vm, data, errors)
        }
        "ascii" | "us-ascii" => {
            let mut cps = Vec::with_capacity(data.len());
            for (i, &b) in data.iter().enumerate() {
                if b < 128 {
                    cps.push(u32::from(b));
                } else {
                    match errors {
                        "ignore" => {}
                        "replace" => cps.push(0xfffd),
                        _ => {
                            return Err(structured_errors::decode_error(
                                vm,
                                "ascii",
                                data,
                                i,
                                i + 1,
                                "ordinal not in range(128)",
                            ))
                        }
                    }
                }
            }
            Ok(new_str(&cps))
        }
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" => {
            let cps: Vec<u32> = data.iter().map(|&b| u32::from(b)).collect();
            Ok(new_str(&cps))
        }
        _ => Err(vm.new_error("LookupError", format!("unknown encoding: {enc}"))),
    }
}

fn maketrans(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.unpack(vm, "maketrans", 1, 3)?;
    let d = DictObject::new();
    if a.len() == 1 {
        let Value::Dict(src) = &a[0] else {
            return Err(
                vm.type_error("if you give only one argument to maketrans it must be a dict")
            );
        };
        for e in src.entries() {
            let key = match &e.key {
                Value::Str(s) if s.len() == 1 => Value::Int(i64::from(s.char_at(0))),
                Value::Str(_) => {
                    return Err(vm.value_error("string keys in translate table must be of length 1"))
                }
                Value::Int(_) => e.key.clone(),
                _ => {
                    return Err(vm.type_error("keys in translate table must be strings or integers"))
                }
            };
            d.set(vm, key, e.value)?;
        }
        return Ok(Value::Dict(d));
    }
    let (Value::Str(x), Value::Str(y)) = (&a[0], &a[1]) else {
        return Err(vm.type_error("maketrans() arguments must be str"));
    };
    if x.len() != y.len() {
        return Err(vm.value_error("the first two maketrans arguments must have equal length"));
    }
    for (c, r) in x.chars().zip(y.chars()) {
        d.set(vm, Value::Int(i64::from(c)), Value::Int(i64::from(r)))?;
    }
    if let Some(Value::Str(z)) = a.get(2) {
        for c in z.chars() {
            d.set(vm, Value::Int(i64::from(c)), Value::None)?;
        }
    }
    Ok(Value::Dict(d))
}

fn translate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(&args);
    let table = args.skip_self().one(vm, "translate")?.clone();
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        match vm.get_item(&table, &Value::Int(i64::from(c))) {
            Ok(Value::None) => {}
            Ok(Value::Int(i)) => out.push(i as u32),
            Ok(Value::Str(r)) => out.extend(r.chars()),
            Ok(_) => {
                return Err(vm.type_error("character mapping must return integer, None or str"))
            }
            Err(e) if vm.is_instance_of(&e, "LookupError") => out.push(c),
            Err(e) => return Err(e),
        }
    }
    Ok(new_str(&out))
}

fn format_m(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(&args);
    let rest = args.skip_self();
    let r =
        crate::builtins::format::str_format(vm, &s, rest.pos(), &mut |vm: &mut Vm, name: &str| {
            Ok(rest
                .kwargs()
                .find(|(k, _)| k.eq_ascii(name) || k.to_string() == name)
                .map(|(_, v)| v.clone())
                .map(Some)
                .unwrap_or_else(|| None))
            .and_then(|v: Option<Value>| v.ok_or_else(|| vm.key_error(Value::str(name))))
        })?;
    Ok(Value::str(&r))
}

fn format_map(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(&args);
    let mapping = args.skip_self().one(vm, "format_map")?.clone();
    let r = crate::builtins::format::str_format_map(vm, &s, &mut |vm: &mut Vm, name: &str| {
        vm.get_item(&mapping, &Value::str(name))
    })?;
    Ok(Value::str(&r))
}

/// `str % args`.
pub fn percent_format(vm: &mut Vm, s: &StrObject, args: &Value) -> PyResult<Value> {
    crate::builtins::format::percent_format(vm, s, args)
}

pub const METHODS: &[(&str, NativeFn)] = &[
    ("capitalize", capitalize),
    ("casefold", casefold),
    ("center", center),
    ("count", count),
    ("encode", encode),
    ("endswith", endswith),
    ("expandtabs", expandtabs),
    ("find", find),
    ("format", format_m),
    ("format_map", format_map),
    ("index", index),
    ("isalnum", isalnum),
    ("isalpha", isalpha),
    ("isascii", isascii),
    ("isdecimal", isdecimal),
    ("isdigit", isdigit),
    ("isidentifier", isidentifier),
    ("islower", islower),
    ("isnumeric", isnumeric),
    ("isprintable", isprintable),
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

pub const STATIC_METHODS: &[(&str, NativeFn)] = &[("maketrans", maketrans)];
