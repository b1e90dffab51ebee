//! `pyvm repl` driven in a real (pseudo-)terminal, as a person would use it:
//! a multi-line function, values echoed and kept in `_`, an exception and a
//! syntax error with the session going on, Ctrl-C stopping an infinite loop,
//! Ctrl-C at the prompt, `:dis`, `:trace`, `:load`, `sys.ps1`, `exit(3)`, and
//! Ctrl-D — plus a session with no compiler, where `:load` still works.
//!
//! The REPL compiles entries with a host CPython 3.10. So that this runs on a
//! machine without one, this test binary can also stand in for the compiler:
//! started by pyvm with `PYVM_TEST_REPLAY` set, it answers from
//! `tests/fixtures/repl/compiled.bin`, CPython's recorded replies to the
//! entries in `entries.txt` (`python3 scripts/regen_fixtures.py repl`). When a
//! real CPython 3.10 is found, the same session also runs against it.
//!
//! A custom harness (`harness = false`): the binary's `main` must be able to
//! become the compiler.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, CommandBuilder, PtySize};

const REPLAY_ENV: &str = "PYVM_TEST_REPLAY";
const TIMEOUT: Duration = Duration::from_secs(20);

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn main() {
    if let Some(table) = std::env::var_os(REPLAY_ENV) {
        replay_compiler(Path::new(&table));
        return;
    }
    check_fixture_fresh();
    let mut ran = 0;
    let me = std::env::current_exe().expect("test binary path");
    let table = root().join("tests/fixtures/repl/compiled.bin");

    let replay = [
        ("PYVM_COMPILER", me.display().to_string()),
        (REPLAY_ENV, table.display().to_string()),
    ];
    full_session("recorded compiler", &replay);
    ran += 1;

    no_compiler_session();
    ran += 1;

    piped_program(&replay);
    ran += 1;

    // The same session against a real CPython 3.10, when this machine has one.
    let real = std::env::var("PYVM_PYTHON310")
        .ok()
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(find_python310);
    match real {
        Some(py) => {
            full_session(
                "real CPython 3.10",
                &[("PYVM_COMPILER", py.display().to_string())],
            );
            ran += 1;
        }
        None => println!("note: no CPython 3.10 found; the real-compiler session was not run"),
    }
    println!("test result: ok. {ran} REPL sessions passed");
}

/// `$(pyenv root)/versions/3.10.*/bin/python3.10`, as pyvm itself looks.
fn find_python310() -> Option<PathBuf> {
    let root = std::env::var_os("PYENV_ROOT")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".pyenv")))?;
    let mut found: Vec<PathBuf> = std::fs::read_dir(root.join("versions"))
        .ok()?
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("3.10."))
        .map(|e| e.path().join("bin/python3.10"))
        .filter(|p| p.is_file())
        .collect();
    found.sort();
    found.pop()
}

/// The session of the module doc, step by step.
fn full_session(label: &str, env: &[(&str, String)]) {
    println!("session: {label}");
    let history = std::env::temp_dir().join(format!("pyvm-repl-test-{}.hist", std::process::id()));
    let _ = std::fs::remove_file(&history);
    let mut env = env.to_vec();
    env.push(("PYVM_HISTFILE", history.display().to_string()));
    let mut t = Terminal::start(&["repl"], &env);
    t.expect("Type :help");
    t.expect(">>> ");

    // A multi-line function: continuation prompts until the blank line.
    t.line("def double(n):");
    t.expect("... ");
    t.line("    return n * 2");
    t.expect("... ");
    t.line("");
    t.expect(">>> ");
    t.line("double(21)");
    t.expect("\n42\n>>> ");
    t.line("_ + 1");
    t.expect("\n43\n>>> ");

    // An exception prints CPython's traceback; the session goes on.
    t.line("1/0");
    t.expect(
        "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\n\
         ZeroDivisionError: division by zero\n>>> ",
    );
    t.line("x = = 1");
    t.expect(
        "  File \"<stdin>\", line 1\n    x = = 1\n        ^\nSyntaxError: invalid syntax\n>>> ",
    );

    // Ctrl-C stops an infinite loop with KeyboardInterrupt.
    t.line("while True: pass");
    t.expect("... ");
    t.line("");
    std::thread::sleep(Duration::from_millis(300));
    t.send(b"\x03");
    t.expect("Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\nKeyboardInterrupt\n>>> ");
    t.line("double(5)");
    t.expect("\n10\n>>> ");

    // pyvm's commands.
    t.line(":dis double");
    t.expect("BINARY_MULTIPLY");
    t.expect("RETURN_VALUE\n>>> ");
    t.line(":trace on");
    t.expect(">>> ");
    t.line("1 + 1");
    t.expect("PRINT_EXPR");
    t.expect("\n2\n");
    t.expect(">>> ");
    t.line(":trace off");
    t.expect(">>> ");
    t.line(":load examples/hello.pyc");
    t.expect("Hello from pyvm!\n");
    t.expect("  beta -> 002\n>>> ");
    t.line("fib(10)");
    t.expect("\n55\n>>> ");

    // A class over several lines, reprs through sys.displayhook.
    for l in [
        "class Point:",
        "    def __init__(self, x, y):",
        "        self.x, self.y = x, y",
        "    def __repr__(self):",
        "        return f\"Point({self.x}, {self.y})\"",
    ] {
        t.line(l);
        t.expect("... ");
    }
    t.line("");
    t.expect(">>> ");
    t.line("[Point(i, i * i) for i in range(3)]");
    t.expect("[Point(0, 0), Point(1, 1), Point(2, 4)]\n>>> ");
    t.line("for i in range(3):");
    t.expect("... ");
    t.line("    print(i, end=' ')");
    t.expect("... ");
    t.line("");
    t.expect("0 1 2 ");
    t.expect(">>> ");

    // The prompt comes from sys.ps1; Ctrl-C at the prompt drops the line.
    t.line("import sys; sys.ps1 = 'py> '");
    t.expect("py> ");
    t.send(b"abc");
    t.send(b"\x03");
    t.expect("KeyboardInterrupt\npy> ");

    // exit() ends the session with its status; the history was saved.
    t.line("exit(3)");
    assert_eq!(t.wait(), 3, "exit(3) status\n{}", t.text());
    let saved = std::fs::read_to_string(&history).unwrap_or_default();
    assert!(saved.contains("double(21)"), "history file:\n{saved}");

    // A second session: the history is loaded (Up recalls the last entry),
    // and Ctrl-D exits with status 0.
    let mut t = Terminal::start(&["repl"], &env);
    t.expect(">>> ");
    t.send(b"\x1b[A");
    t.expect("exit(3)");
    t.send(b"\x15"); // Ctrl-U: clear the line
    t.send(b"\x04");
    assert_eq!(t.wait(), 0, "Ctrl-D status\n{}", t.text());
    let _ = std::fs::remove_file(&history);
}

/// Standard input that is not a terminal runs as a script, as `python3 <
/// program.py` does: no banner, prompts or echo; its exit status.
fn piped_program(env: &[(&str, String)]) {
    println!("session: program on a pipe");
    let program = root().join("tests/fixtures/repl/program.py");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pyvm"))
        .current_dir(root())
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .env_remove("PYVM_LOG")
        .stdin(std::fs::File::open(program).expect("program.py"))
        .output()
        .expect("run pyvm");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "[0, 1, 4, 9, 16]\n__main__ <stdin>\n"
    );
    assert_eq!(
        out.status.code(),
        Some(4),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// No compiler anywhere: the REPL says so once and still runs `:load`.
fn no_compiler_session() {
    println!("session: no compiler");
    let env = [
        ("PYVM_COMPILER", "/nonexistent/python3.10".to_string()),
        ("PYVM_HISTFILE", String::new()),
    ];
    let mut t = Terminal::start(&[], &env);
    t.expect("Only ':' commands");
    t.expect(">>> ");
    t.line(":load examples/hello.pyc");
    t.expect("fib(90) = 2880067194370816120\n");
    t.expect(">>> ");
    t.line("fib(10)");
    t.expect("no compiler");
    t.expect(">>> ");
    t.line(":dis fib");
    t.expect("RETURN_VALUE\n>>> ");
    t.line(":help");
    t.expect(":load FILE.pyc");
    t.expect(">>> ");
    t.send(b"\x04");
    assert_eq!(t.wait(), 0, "Ctrl-D status\n{}", t.text());
}

/// pyvm in a pseudo-terminal, with everything it writes collected.
struct Terminal {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    output: Arc<Mutex<Vec<u8>>>,
    /// How much of the cleaned output earlier `expect`s consumed.
    seen: usize,
}

impl Terminal {
    fn start(args: &[&str], env: &[(&str, String)]) -> Terminal {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 50,
                cols: 200,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_pyvm"));
        cmd.args(args);
        cmd.cwd(root());
        cmd.env("TERM", "xterm");
        cmd.env_remove("PYVM_LOG");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).expect("start pyvm");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = Arc::new(Mutex::new(pty.master.take_writer().expect("pty writer")));
        let output = Arc::new(Mutex::new(Vec::new()));
        // Read everything, and answer rustyline's cursor-position queries
        // (ESC [ 6 n) as a terminal at column 1 would.
        let (out, answer) = (output.clone(), writer.clone());
        std::thread::spawn(move || {
            let _master = pty.master;
            let mut buf = [0u8; 4096];
            let mut answered = 0;
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut all = out.lock().unwrap();
                all.extend_from_slice(&buf[..n]);
                let queries = all.windows(4).filter(|w| w == b"\x1b[6n").count();
                while answered < queries {
                    let _ = answer.lock().unwrap().write_all(b"\x1b[1;1R");
                    answered += 1;
                }
            }
        });
        Terminal {
            child,
            writer,
            output,
            seen: 0,
        }
    }

    fn send(&mut self, bytes: &[u8]) {
        let mut w = self.writer.lock().unwrap();
        w.write_all(bytes).expect("write to pty");
        w.flush().expect("flush pty");
    }

    /// Type a line and press Enter.
    fn line(&mut self, text: &str) {
        self.send(text.as_bytes());
        self.send(b"\r");
    }

    /// What the terminal showed, without escape sequences and carriage returns.
    fn text(&self) -> String {
        clean(&self.output.lock().unwrap())
    }

    /// Wait until `want` appears after what earlier expectations matched.
    fn expect(&mut self, want: &str) {
        let start = Instant::now();
        loop {
            let text = self.text();
            if let Some(i) = text[self.seen.min(text.len())..].find(want) {
                self.seen += i + want.len();
                return;
            }
            if start.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                let raw = self.output.lock().unwrap().clone();
                let tail =
                    String::from_utf8_lossy(&raw[raw.len().saturating_sub(300)..]).into_owned();
                panic!(
                    "timed out waiting for {want:?}\n--- terminal after the last match ---\n{}\n--- whole session ---\n{text}\n--- raw tail ---\n{tail:?}",
                    &text[self.seen.min(text.len())..]
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Wait for pyvm to exit; its status.
    fn wait(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.exit_code();
            }
            if start.elapsed() > TIMEOUT {
                let _ = self.child.kill();
                panic!("pyvm did not exit\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// Strip CSI/OSC escape sequences and carriage returns from terminal output.
fn clean(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\x1b' => match chars.next() {
                Some('[') => {
                    // Parameters and intermediates, then one final byte.
                    for c in chars.by_ref() {
                        if ('@'..='~').contains(&c) {
                            break;
                        }
                    }
                }
                Some(']') => {
                    for c in chars.by_ref() {
                        if c == '\x07' {
                            break;
                        }
                    }
                }
                _ => {}
            },
            '\r' | '\x07' => {}
            c => out.push(c),
        }
    }
    out
}

/// entries.txt and the recording made from it must agree.
fn check_fixture_fresh() {
    let dir = root().join("tests/fixtures/repl");
    let entries = std::fs::read(dir.join("entries.txt")).expect("entries.txt");
    let program = std::fs::read(dir.join("program.py")).expect("program.py");
    let table = std::fs::read(dir.join("compiled.bin")).expect("compiled.bin");
    let (recorded_entries, at) = read_blob(&table, 0).unwrap_or_default();
    let (recorded_program, _) = read_blob(&table, at).unwrap_or_default();
    assert!(
        recorded_entries == &entries[..] && recorded_program == &program[..],
        "tests/fixtures/repl/compiled.bin is stale against entries.txt/program.py: \
         run python3 scripts/regen_fixtures.py repl"
    );
}

/// A u32-length-prefixed blob at `at`, and where the next item starts.
fn read_blob(b: &[u8], at: usize) -> Option<(&[u8], usize)> {
    let n = read_u32(b, at)? as usize;
    Some((b.get(at + 4..at + 4 + n)?, at + 4 + n))
}

fn read_u32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// One reply frame: tag, length, payload, returned whole with its end.
fn read_frame(b: &[u8], at: usize) -> Option<(&[u8], usize)> {
    let len = read_u32(b, at + 1)? as usize;
    let end = at + 5 + len;
    Some((b.get(at..end)?, end))
}

/// Stand in for `compile_server.py`: the recorded handshake, then for each
/// request the reply CPython gave to that source.
fn replay_compiler(table: &Path) {
    let data = std::fs::read(table).expect("replay table");
    let (_, at) = read_blob(&data, 0).expect("table header");
    let (_, at) = read_blob(&data, at).expect("table header");
    let (hello, mut at) = read_frame(&data, at).expect("handshake");
    let mut replies: HashMap<(u8, Vec<u8>), Vec<u8>> = HashMap::new();
    while at < data.len() {
        let kind = data[at];
        let (source, end) = read_blob(&data, at + 1).expect("source");
        let (reply, end) = read_frame(&data, end).expect("reply");
        replies.insert((kind, source.to_vec()), reply.to_vec());
        at = end;
    }
    let mut stdout = std::io::stdout().lock();
    let mut stdin = std::io::stdin().lock();
    stdout.write_all(hello).unwrap();
    stdout.flush().unwrap();
    loop {
        let mut head = [0u8; 5];
        if stdin.read_exact(&mut head).is_err() {
            return;
        }
        let mut source = vec![0; u32::from_le_bytes([head[1], head[2], head[3], head[4]]) as usize];
        stdin.read_exact(&mut source).unwrap();
        let key = (head[0], source);
        let source = &key.1;
        let reply = replies.get(&key).cloned().unwrap_or_else(|| {
            let msg = format!(
                "replay compiler: {:?} is not in tests/fixtures/repl/entries.txt\n",
                String::from_utf8_lossy(source)
            );
            let mut frame = vec![b'E'];
            frame.extend_from_slice(&(msg.len() as u32).to_le_bytes());
            frame.extend_from_slice(msg.as_bytes());
            frame
        });
        stdout.write_all(&reply).unwrap();
        stdout.flush().unwrap();
    }
}
