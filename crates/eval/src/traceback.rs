//! Printing an uncaught exception the way CPython 3.10's `PyErr_Display`
//! does: the chain of causes and contexts, each with "Traceback (most recent
//! call last):", one entry per frame with its source line when the file can be
//! found, repeated entries folded, and the final `Type: message` line.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::rc::Rc;

use crate::objects::ExceptionObject;
use crate::value::Value;
use crate::vm::Vm;

/// CPython's `TB_RECURSIVE_CUTOFF`: identical entries beyond this are folded.
const RECURSIVE_CUTOFF: usize = 3;

#[derive(Default)]
pub struct SourceCache {
    files: HashMap<String, Option<Vec<String>>>,
}

impl SourceCache {
    fn line(&mut self, vm: &Vm, filename: &str, lineno: i32) -> Option<String> {
        if lineno < 1 {
            return None;
        }
        let lines = self.files.entry(filename.to_string()).or_insert_with(|| {
            let mut candidates = vec![PathBuf::from(filename)];
            for dir in &vm.source_dirs {
                candidates.push(dir.join(filename));
                if let Some(name) = std::path::Path::new(filename).file_name() {
                    candidates.push(dir.join(name));
                }
            }
            candidates
                .iter()
                .find_map(|p| std::fs::read(p).ok())
                .map(|bytes| {
                    String::from_utf8_lossy(&bytes)
                        .lines()
                        .map(str::to_string)
                        .collect()
                })
        });
        lines.as_ref()?.get(lineno as usize - 1).cloned()
    }
}

/// The full text CPython prints for an uncaught exception.
pub fn format_exception(vm: &mut Vm, e: &Rc<ExceptionObject>) -> String {
    let mut out = String::new();
    let mut cache = SourceCache::default();
    let mut seen = Vec::new();
    format_chain(vm, e, &mut out, &mut cache, &mut seen);
    out
}

fn format_chain(
    vm: &mut Vm,
    e: &Rc<ExceptionObject>,
    out: &mut String,
    cache: &mut SourceCache,
    seen: &mut Vec<*const ExceptionObject>,
) {
    seen.push(Rc::as_ptr(e));
    let cause = e.cause.borrow().clone();
    let context = e.context.borrow().clone();
    if let Some(Value::Exception(c)) = &cause {
        if !seen.contains(&Rc::as_ptr(c)) {
            format_chain(vm, c, out, cache, seen);
            out.push_str(
                "\nThe above exception was the direct cause of the following exception:\n\n",
            );
        }
    } else if let (Some(Value::Exception(c)), false) = (&context, e.suppress_context.get()) {
        if !seen.contains(&Rc::as_ptr(c)) {
            format_chain(vm, c, out, cache, seen);
            out.push_str(
                "\nDuring handling of the above exception, another exception occurred:\n\n",
            );
        }
    }
    format_one(vm, e, out, cache);
}

fn format_one(vm: &mut Vm, e: &Rc<ExceptionObject>, out: &mut String, cache: &mut SourceCache) {
    let mut entries = Vec::new();
    let mut tb = e.traceback.borrow().clone();
    while let Some(t) = tb {
        entries.push((
            t.code.filename.to_string(),
            t.lineno,
            t.code.name.to_string(),
        ));
        tb = t.next.clone();
    }
    if !entries.is_empty() {
        out.push_str("Traceback (most recent call last):\n");
        let mut last: Option<(String, Option<i32>, String)> = None;
        let mut count = 0;
        for entry in entries {
            if last.as_ref() == Some(&entry) {
                count += 1;
                if count > RECURSIVE_CUTOFF {
                    continue;
                }
            } else {
                flush_repeats(out, count);
                last = Some(entry.clone());
                count = 1;
            }
            let (file, line, name) = &entry;
            let shown = line.map_or("-1".to_string(), |l| l.to_string());
            let _ = writeln!(out, "  File \"{file}\", line {shown}, in {name}");
            if let Some(text) = line.and_then(|l| cache.line(vm, file, l)) {
                let trimmed = text.trim();
                if !trimmed.is_empty() {
                    let _ = writeln!(out, "    {trimmed}");
                }
            }
        }
        flush_repeats(out, count);
    }
    out.push_str(&exception_line(vm, e));
    out.push('\n');
}

fn flush_repeats(out: &mut String, count: usize) {
    if count > RECURSIVE_CUTOFF {
        let n = count - RECURSIVE_CUTOFF;
        let _ = writeln!(
            out,
            "  [Previous line repeated {n} more time{}]",
            if n > 1 { "s" } else { "" }
        );
    }
}

/// `Type: message`, with the module prefix for non-builtin classes.
pub fn exception_line(vm: &mut Vm, e: &Rc<ExceptionObject>) -> String {
    let module = e.class.module_name();
    let name = e.class.qualname.borrow().clone();
    let qual = if module == "builtins" {
        name
    } else {
        format!("{module}.{name}")
    };
    let mut msg = match vm.str(&Value::Exception(e.clone())) {
        Ok(m) => m,
        Err(_) => "<exception str() failed>".to_string(),
    };
    if let Some(s) = crate::suggestions::suggest(vm, e) {
        msg.push_str(&format!(". Did you mean: '{s}'?"));
    }
    if msg.is_empty() {
        qual
    } else {
        format!("{qual}: {msg}")
    }
}
