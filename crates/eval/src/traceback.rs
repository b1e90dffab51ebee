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
                .map(|bytes| decode_source(&bytes).lines().map(str::to_string).collect())
        });
        lines.as_ref()?.get(lineno as usize - 1).cloned()
    }
}

/// A source file's text in its PEP 263 encoding: UTF-8 unless a coding
/// cookie in the first two lines names Latin-1 (the one other encoding seen in
/// practice); undecodable bytes become U+FFFD.
fn decode_source(bytes: &[u8]) -> String {
    let latin1 = bytes
        .split(|&b| b == b'\n')
        .take(2)
        .filter_map(|line| {
            let line = String::from_utf8_lossy(line);
            let hash = line.find('#')?;
            if !line[..hash].trim().is_empty() {
                return None;
            }
            let at = line.find("coding")?;
            let rest = line[at + 6..].strip_prefix([':', '='])?;
            let name: String = rest
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric() || "-_.".contains(*c))
                .collect();
            Some(name.to_ascii_lowercase().replace('_', "-"))
        })
        .next()
        .is_some_and(|name| {
            ["latin-1", "iso-8859-1", "iso8859-1", "latin1", "l1"]
                .iter()
                .any(|n| name == *n || name.starts_with(&format!("{n}-")))
        });
    if latin1 {
        bytes.iter().map(|&b| char::from(b)).collect()
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

/// Write `text` to `sys.stderr` as it currently is: the process's stderr, an
/// open file, or any object with a `write` method. Errors in a replaced
/// stream fall back to the real stderr, as CPython's last-resort printing does.
pub fn write_stderr(vm: &mut Vm, text: &str) {
    let key = vm.intern("stderr");
    let target = vm.sys.dict.get_str(&key);
    let written = match &target {
        Some(Value::File(f)) => crate::builtins::file::write_text(vm, f, text).is_ok(),
        Some(Value::None) | None => false,
        Some(obj) => {
            let write = vm.intern("write");
            vm.get_attr(obj, &write)
                .and_then(|w| vm.call(&w, &[Value::str(text)]))
                .is_ok()
        }
    };
    if !written {
        eprint!("{text}");
    }
}

/// `sys.excepthook(type, value, traceback)` as CPython's default: print the
/// exception and its chain to `sys.stderr`.
pub fn excepthook(vm: &mut Vm, args: crate::args::Args) -> crate::error::PyResult<Value> {
    let a = args.unpack(vm, "excepthook", 3, 3)?;
    match &a[1] {
        Value::Exception(e) => {
            let text = format_exception(vm, e);
            write_stderr(vm, &text);
        }
        other => {
            // CPython: "TypeError: print_exception(): Exception expected for value, X found"
            let t = vm.type_name(other);
            write_stderr(
                vm,
                &format!("TypeError: print_exception(): Exception expected for value, {t} found\n"),
            );
        }
    }
    Ok(Value::None)
}

/// Report an uncaught exception through `sys.excepthook`, handling a hook
/// that is missing or fails as CPython's `_PyErr_PrintEx` does.
pub fn print_uncaught(vm: &mut Vm, e: &Rc<ExceptionObject>) {
    let key = vm.intern("excepthook");
    let hook = vm.sys.dict.get_str(&key);
    let is_default = matches!(&hook, Some(Value::Builtin(b)) if b.name == "excepthook");
    match hook {
        Some(hook) if !is_default => {
            let tb = e
                .traceback
                .borrow()
                .clone()
                .map_or(Value::None, Value::Traceback);
            let args = [
                Value::Type(e.class.clone()),
                Value::Exception(e.clone()),
                tb,
            ];
            if let Err(hook_error) = vm.call(&hook, &args) {
                if vm.is_instance_of(&hook_error, "SystemExit") {
                    return;
                }
                let text = format_exception(vm, &hook_error);
                write_stderr(
                    vm,
                    &format!("Error in sys.excepthook:\n{text}\nOriginal exception was:\n"),
                );
                let text = format_exception(vm, e);
                write_stderr(vm, &text);
            }
        }
        Some(_) => {
            let text = format_exception(vm, e);
            write_stderr(vm, &text);
        }
        None => {
            let text = format_exception(vm, e);
            write_stderr(vm, &format!("sys.excepthook is missing\n{text}"));
        }
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
            t.lineno(),
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
                // `_Py_DisplaySourceLine` drops the indentation only.
                let trimmed = text.trim_start_matches([' ', '\t', '\x0c']);
                if !trimmed.is_empty() {
                    let _ = writeln!(out, "    {trimmed}");
                }
            }
        }
        flush_repeats(out, count);
    }
    let last = match syntax_error_display(vm, e) {
        Some(block) => block,
        None => exception_line(vm, e),
    };
    out.push_str(&last);
    out.push('\n');
}

/// A SyntaxError with a location prints as CPython shows it (file, line,
/// source text, caret) instead of its `str()`.
fn syntax_error_display(vm: &mut Vm, e: &Rc<ExceptionObject>) -> Option<String> {
    let qual = qualified_name(e);
    crate::builtins::structured_errors::syntax_error_display(vm, e, &qual)
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
    let qual = qualified_name(e);
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

/// The exception's class as tracebacks name it: `ValueError`, `__main__.E`.
fn qualified_name(e: &ExceptionObject) -> String {
    let name = e.class.qualname.borrow().clone();
    match &*e.class.module.borrow() {
        Value::Str(m) if m.as_ascii() == Some("builtins") => name,
        Value::Str(m) => format!("{m}.{name}"),
        // A built-in type has no module set; a class whose `__module__` was
        // set to a non-string prints as CPython's "<unknown>".
        _ if !e.class.heap => name,
        _ => format!("<unknown>.{name}"),
    }
}
