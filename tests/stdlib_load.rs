//! Every `.pyc` in CPython 3.10's own standard library loads and decodes.
//!
//! Needs an installed CPython 3.10 (found via `PYVM_STDLIB310`, or
//! `$PYENV_ROOT`/`~/.pyenv` `versions/3.10.*`); on a machine without one the
//! test says so and passes. `scripts/check_stdlib.py` goes further and compares
//! `pyvm dis` with CPython's `dis` on all of them.

use std::path::{Path, PathBuf};

fn stdlib_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("PYVM_STDLIB310") {
        return Some(dir.into());
    }
    let root = std::env::var_os("PYENV_ROOT")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".pyenv")))?;
    let mut versions: Vec<PathBuf> = std::fs::read_dir(root.join("versions"))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("3.10."))
        })
        .collect();
    versions.sort();
    let dir = versions.pop()?.join("lib").join("python3.10");
    dir.is_dir().then_some(dir)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name();
        let name = name.to_string_lossy();
        if p.is_dir() {
            if name != "site-packages" {
                collect(&p, out);
            }
        } else if name.contains(".cpython-310") && name.ends_with(".pyc") {
            out.push(p);
        }
    }
}

#[test]
fn every_stdlib_pyc_loads() {
    let Some(dir) = stdlib_dir() else {
        eprintln!("skipped: no CPython 3.10 standard library found (set PYVM_STDLIB310)");
        return;
    };
    let mut files = Vec::new();
    collect(&dir, &mut files);
    assert!(
        files.len() > 500,
        "only {} .pyc files under {}",
        files.len(),
        dir.display()
    );
    let mut failures = Vec::new();
    for f in &files {
        let data = std::fs::read(f).unwrap();
        let result = pyvm_loader::load_pyc(&data)
            .map_err(|e| e.to_string())
            .and_then(|pyc| pyc.code.decode_all().map_err(|e| e.to_string()));
        if let Err(e) = result {
            failures.push(format!("{}: {e}", f.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
    eprintln!("{} stdlib .pyc files loaded and decoded", files.len());
}
