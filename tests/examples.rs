//! The shipped example programs: each `.pyc` is fresh against its `.py`, and
//! `pyvm` prints exactly what CPython 3.10 printed for it.

mod common;

use std::path::Path;
use std::process::Command;

#[test]
fn examples_run_like_cpython() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut count = 0;
    for entry in std::fs::read_dir(root.join("examples")).unwrap() {
        let py = entry.unwrap().path();
        if py.extension().is_none_or(|e| e != "py") {
            continue;
        }
        common::fresh_pyc(&py).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_pyvm"))
            .arg(py.with_extension("pyc").strip_prefix(root).unwrap())
            .current_dir(root)
            .output()
            .unwrap();
        let expected = std::fs::read(py.with_extension("stdout")).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&expected),
            "{}",
            py.display()
        );
        assert!(out.status.success(), "{}", py.display());
        count += 1;
    }
    assert!(count >= 3, "expected at least three examples");
}
