//! Multi-module programs (tests/fixtures/imports/CASE/main.py with its
//! modules, packages and optional app.zip): `pyvm main.pyc` must print what
//! CPython 3.10 printed (stdout, stderr, exit status), with the archive on
//! PYVMPATH as it was on PYTHONPATH for CPython. Every module's compiled form
//! must be fresh against its source.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

/// Every `.py` under `dir` with the compiled file the regeneration script wrote.
fn sources_and_pycs(dir: &Path, top: &Path, out: &mut Vec<(PathBuf, PathBuf)>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("readable case directory")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if p.is_dir() {
            if name != "__pycache__" {
                sources_and_pycs(&p, top, out);
            }
        } else if let Some(stem) = name.strip_suffix(".py") {
            let beside = p.with_extension("pyc");
            let in_zipsrc = p.strip_prefix(top).unwrap().starts_with("zipsrc");
            let pyc = if (dir == top && stem == "main") || in_zipsrc {
                beside
            } else {
                dir.join("__pycache__")
                    .join(format!("{stem}.cpython-310.pyc"))
            };
            out.push((p, pyc));
        }
    }
}

fn fresh(py: &Path, pyc: &Path) -> Result<(), String> {
    let source = std::fs::read(py).map_err(|e| e.to_string())?;
    let data = std::fs::read(pyc).map_err(|e| format!("{}: {e}", pyc.display()))?;
    let want = pyvm_loader::pyc::source_hash(pyvm_loader::PyVersion::V3_10, &source);
    if data.len() < 16 || want.map(|h| h.to_vec()) != Some(data[8..16].to_vec()) {
        return Err(format!(
            "{} is stale: run `python3 scripts/regen_fixtures.py imports`",
            pyc.display()
        ));
    }
    Ok(())
}

#[test]
fn multi_module_programs_match_cpython() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let base = fixtures_dir("imports");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&base)
        .expect("tests/fixtures/imports exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 2, "expected import cases");
    let mut problems = Vec::new();
    for case in &cases {
        let mut files = Vec::new();
        sources_and_pycs(case, case, &mut files);
        for (py, pyc) in &files {
            if let Err(e) = fresh(py, pyc) {
                problems.push(e);
            }
        }
        let main = case.join("main.pyc");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_pyvm"));
        cmd.arg(main.strip_prefix(&root).unwrap())
            .current_dir(&root)
            .env_remove("PYVMPATH")
            .stdin(std::process::Stdio::null());
        let archive = case.join("app.zip");
        if archive.is_file() {
            cmd.env("PYVMPATH", archive.strip_prefix(&root).unwrap());
        }
        let out = cmd.output().expect("run pyvm");
        let read = |ext: &str| std::fs::read(case.join(format!("main.{ext}"))).unwrap_or_default();
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        if out.stdout != read("stdout") {
            problems.push(format!(
                "{name}: stdout differs, {}",
                first_difference(
                    &String::from_utf8_lossy(&read("stdout")),
                    &String::from_utf8_lossy(&out.stdout)
                )
            ));
        }
        if out.stderr != read("stderr") {
            problems.push(format!(
                "{name}: stderr differs, {}",
                first_difference(
                    &String::from_utf8_lossy(&read("stderr")),
                    &String::from_utf8_lossy(&out.stderr)
                )
            ));
        }
        let exit: i32 = String::from_utf8_lossy(&read("exit"))
            .trim()
            .parse()
            .unwrap_or(0);
        if out.status.code() != Some(exit) {
            problems.push(format!(
                "{name}: exit {:?}, expected {exit}",
                out.status.code()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// pyvm's frozen library must be compiled from its current sources (the
/// binary embeds `pylib/**/__pycache__/*.cpython-310.pyc`).
#[test]
fn pylib_is_compiled_from_current_sources() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("pylib");
    let mut files = Vec::new();
    sources_and_pycs(&root, &root, &mut files);
    let stale: Vec<String> = files
        .iter()
        .filter_map(|(py, pyc)| fresh(py, pyc).err())
        .map(|e| e.replace("imports`", "pylib`"))
        .collect();
    assert!(stale.is_empty(), "{}", stale.join("\n"));
}
