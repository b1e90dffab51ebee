//! "Did you mean" hints that CPython 3.10 appends to NameError and
//! AttributeError messages in tracebacks (Python/suggestions.c): the closest
//! candidate name by a Levenshtein distance where case changes cost less.

use crate::objects::ExceptionObject;
use crate::value::Value;
use crate::vm::Vm;

const MAX_CANDIDATE_ITEMS: usize = 750;
const MAX_STRING_SIZE: usize = 40;
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

fn substitution_cost(a: u8, b: u8) -> usize {
    if (a & 31) != (b & 31) {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

fn levenshtein(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    let (mut a, mut b) = (a, b);
    while let (Some(x), Some(y)) = (a.first(), b.first()) {
        if x != y {
            break;
        }
        a = &a[1..];
        b = &b[1..];
    }
    while let (Some(x), Some(y)) = (a.last(), b.last()) {
        if x != y {
            break;
        }
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut buffer: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (bi, &code) in b.iter().enumerate() {
        let mut distance = bi * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (i, &ac) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, ac);
            distance = buffer[i];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            buffer[i] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

fn best_candidate(candidates: &[String], name: &str) -> Option<String> {
    if candidates.len() >= MAX_CANDIDATE_ITEMS {
        return None;
    }
    let mut best: Option<(usize, &String)> = None;
    for c in candidates {
        if c == name {
            continue;
        }
        let mut max_distance = (name.len() + c.len() + 3) * MOVE_COST / 6;
        if let Some((d, _)) = best {
            max_distance = max_distance.min(d.saturating_sub(1));
        }
        let d = levenshtein(name.as_bytes(), c.as_bytes(), max_distance);
        if d > max_distance {
            continue;
        }
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c.clone())
}

fn names_of(v: Vec<Value>) -> Vec<String> {
    v.into_iter()
        .filter_map(|k| k.as_str().map(|s| s.to_string()))
        .collect()
}

/// The suggestion for an uncaught NameError or AttributeError, if any.
pub fn suggest(vm: &mut Vm, e: &ExceptionObject) -> Option<String> {
    let name = match e.get_attr("name") {
        Some(Value::Str(s)) => s.to_string(),
        _ => return None,
    };
    if e.class.is_subtype(&vm.exception_type("NameError")) {
        let mut tb = e.traceback.borrow().clone()?;
        while let Some(next) = tb.next.clone() {
            tb = next;
        }
        let locals: Vec<String> = tb.code.varnames.iter().map(|v| v.to_string()).collect();
        if let Some(s) = best_candidate(&locals, &name) {
            return Some(s);
        }
        if let Some(s) = best_candidate(&names_of(tb.globals.keys()), &name) {
            return Some(s);
        }
        return best_candidate(&names_of(vm.builtins.keys()), &name);
    }
    if e.class.is_subtype(&vm.exception_type("AttributeError")) {
        let obj = e.get_attr("obj")?;
        let key = vm.intern("dir");
        let dir = vm.builtins.get_str(&key)?;
        let listing = vm.call(&dir, &[obj]).ok()?;
        let names = names_of(vm.collect(&listing).ok()?);
        return best_candidate(&names, &name);
    }
    None
}
