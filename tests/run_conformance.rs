//! `pyvm NAME.pyc` against CPython 3.10 on every program in tests/fixtures/run:
//! stdout, the exit status and the whole of stderr (tracebacks with source
//! lines, chained exceptions) must be identical.
//!
//! tests/fixtures/run/XFAIL.txt lists programs known to differ, one per line
//! as `NAME: reason`. The test fails if any other program differs, and also if
//! a listed one now passes (so the list never hides fixed bugs).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

struct Outcome {
    name: String,
    problem: Option<String>,
}

fn last_line(s: &str) -> &str {
    s.trim_end_matches('\n').rsplit('\n').next().unwrap_or("")
}

fn check(root: &Path, py: &Path) -> Outcome {
    let name = py.file_stem().unwrap().to_string_lossy().to_string();
    if let Err(e) = fresh_pyc(py) {
        return Outcome {
            name,
            problem: Some(e),
        };
    }
    let rel = py
        .with_extension("pyc")
        .strip_prefix(root)
        .unwrap()
        .to_path_buf();
    let out = Command::new(env!("CARGO_BIN_EXE_pyvm"))
        .arg(&rel)
        .current_dir(root)
        .env("PYTHONHASHSEED", "0")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run pyvm");
    let expected_out = std::fs::read(py.with_extension("stdout")).unwrap_or_default();
    let expected_err =
        String::from_utf8_lossy(&std::fs::read(py.with_extension("stderr")).unwrap_or_default())
            .to_string();
    let expected_exit: i32 = std::fs::read_to_string(py.with_extension("exit"))
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0);
    let actual_err = String::from_utf8_lossy(&out.stderr).to_string();
    let mut problems = Vec::new();
    if out.stdout != expected_out {
        let e = String::from_utf8_lossy(&expected_out);
        let a = String::from_utf8_lossy(&out.stdout);
        problems.push(format!("stdout differs, {}", first_difference(&e, &a)));
    }
    // As Python's subprocess reports it: a death by signal N is -N.
    let status = {
        use std::os::unix::process::ExitStatusExt;
        out.status
            .code()
            .or_else(|| out.status.signal().map(|s| -s))
    };
    if status != Some(expected_exit) {
        problems.push(format!("exit status {status:?}, expected {expected_exit}"));
    }
    if actual_err != expected_err {
        problems.push(if last_line(&actual_err) != last_line(&expected_err) {
            format!(
                "last stderr line {:?}, expected {:?}",
                last_line(&actual_err),
                last_line(&expected_err)
            )
        } else {
            format!(
                "stderr differs, {}",
                first_difference(&expected_err, &actual_err)
            )
        });
    }
    Outcome {
        name,
        problem: (!problems.is_empty()).then(|| problems.join("; ")),
    }
}

#[test]
fn programs_match_cpython() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let sources = fixture_sources("run");
    assert!(sources.len() >= 150, "expected at least 150 run fixtures");
    let xfail_text =
        std::fs::read_to_string(fixtures_dir("run").join("XFAIL.txt")).unwrap_or_default();
    let xfail: Vec<&str> = xfail_text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split(':').next().unwrap_or("").trim())
        .collect();

    // Two worker threads: the machine has two cores.
    let chunks: Vec<Vec<PathBuf>> = sources
        .chunks(sources.len().div_ceil(2))
        .map(|c| c.to_vec())
        .collect();
    let outcomes: Vec<Outcome> = std::thread::scope(|s| {
        let handles: Vec<_> = chunks
            .iter()
            .map(|chunk| {
                let root = root.clone();
                s.spawn(move || chunk.iter().map(|py| check(&root, py)).collect::<Vec<_>>())
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });

    let mut unexpected = Vec::new();
    let mut fixed = Vec::new();
    let mut passed = 0;
    for o in &outcomes {
        let listed = xfail.contains(&o.name.as_str());
        match (&o.problem, listed) {
            (None, false) => passed += 1,
            (None, true) => fixed.push(o.name.clone()),
            (Some(p), false) => unexpected.push(format!("{}: {p}", o.name)),
            (Some(_), true) => {}
        }
    }
    eprintln!(
        "{passed} of {} programs match CPython 3.10 ({} listed in XFAIL.txt)",
        outcomes.len(),
        xfail.len()
    );
    assert!(
        unexpected.is_empty() && fixed.is_empty(),
        "{} programs differ from CPython:\n{}\n{} XFAIL programs now pass (remove them from XFAIL.txt): {:?}",
        unexpected.len(),
        unexpected.join("\n"),
        fixed.len(),
        fixed
    );
}
