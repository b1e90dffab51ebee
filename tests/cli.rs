//! The `pyvm` command's diagnostics and signals: `--trace`, `PYVM_LOG`, and
//! Ctrl-C (SIGINT) in a running program. Programs are in tests/fixtures/cli.

mod common;

use std::io::{BufRead, BufReader, Read};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh fixture's path relative to the repository root.
fn fixture(name: &str) -> PathBuf {
    let py = root().join("tests/fixtures/cli").join(name);
    common::fresh_pyc(&py).unwrap();
    py.with_extension("pyc")
        .strip_prefix(root())
        .unwrap()
        .to_path_buf()
}

fn pyvm() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_pyvm"));
    c.current_dir(root()).env_remove("PYVM_LOG");
    c
}

#[test]
fn trace_prints_every_instruction_with_frame_line_offset_and_depth() {
    let out = pyvm()
        .args(["--trace", "examples/hello.pyc"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The program's output is unchanged.
    let expected = std::fs::read_to_string(root().join("examples/hello.stdout")).unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
    for line in [
        "TRACE pyvm::eval: <module> examples/hello.py:1 @0 LOAD_CONST 0 ('A first example program for pyvm.') depth=0",
        "TRACE pyvm::eval: <module> examples/hello.py:4 @10 STORE_NAME 1 (fib) depth=1",
        "TRACE pyvm::eval: fib examples/hello.py:5 @0 LOAD_CONST 1 ((0, 1)) depth=0",
        "TRACE pyvm::eval: fib examples/hello.py:7 @26 BINARY_ADD depth=4",
        "TRACE pyvm::eval: main examples/hello.py:12 @0 LOAD_GLOBAL 0 (print) depth=0",
    ] {
        assert!(stderr.lines().any(|l| l == line), "missing {line:?} in\n{}", &stderr[..2000.min(stderr.len())]);
    }
    // One event per executed instruction: fib(90)'s loop alone runs 90 times.
    let adds = stderr
        .lines()
        .filter(|l| l.contains(" BINARY_ADD "))
        .count();
    assert!(adds >= 90, "{adds} BINARY_ADD events");
}

#[test]
fn without_trace_nothing_is_logged() {
    let out = pyvm().arg("examples/hello.pyc").output().unwrap();
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn pyvm_log_reports_each_module_load() {
    let pyc = fixture("imports.py");
    let out = pyvm()
        .arg(&pyc)
        .env("PYVM_LOG", "pyvm::import=debug")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "{\"kw\": true}\n");
    let stderr = String::from_utf8_lossy(&out.stderr);
    for (module, origin) in [
        ("json", "<pyvm>/lib/json/__init__.py"),
        ("json.decoder", "<pyvm>/lib/json/decoder.py"),
        ("keyword", "<pyvm>/lib/keyword.py"),
    ] {
        let prefix = format!("pyvm::import: loaded {module} from {origin} in ");
        assert!(
            stderr
                .lines()
                .any(|l| l.contains(&prefix) && l.ends_with(" ms")),
            "no load line for {module} in\n{stderr}"
        );
    }
    // No instruction events unless asked for.
    assert!(!stderr.contains("pyvm::eval"));
}

#[test]
fn malformed_pyvm_log_is_a_usage_error() {
    let out = pyvm()
        .arg("examples/hello.pyc")
        .env("PYVM_LOG", "pyvm::import=loud")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .starts_with("pyvm: invalid PYVM_LOG 'pyvm::import=loud'"));
    assert!(out.stdout.is_empty());
}

#[test]
fn ctrl_c_raises_keyboard_interrupt_and_the_process_dies_of_sigint() {
    let pyc = fixture("spin.py");
    let mut child = pyvm()
        .arg(&pyc)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    assert_eq!(line, "spinning\n");
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("pyvm did not stop after SIGINT");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    // CPython 3.10 prints this traceback, then dies of the signal.
    assert_eq!(
        stderr,
        "Traceback (most recent call last):\n  \
         File \"tests/fixtures/cli/spin.py\", line 9, in <module>\n    work(1)\n  \
         File \"tests/fixtures/cli/spin.py\", line 4, in work\n    while True:\nKeyboardInterrupt\n"
    );
    assert_eq!(status.signal(), Some(2), "{status:?}");
}
