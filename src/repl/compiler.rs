//! The REPL's compiler: a host CPython running `compile_server.py`, started
//! once per session and spoken to over its stdin/stdout (the protocol is
//! described in that file). Keeping one process alive makes an entry cost a
//! pipe round trip (about a millisecond) instead of an interpreter start.
//!
//! Which CPython: `--compiler PATH`, else `PYVM_COMPILER`, else the newest
//! `3.10.*` under `$(pyenv root)/versions`, else `python3.10` on `PATH`. The
//! server reports its magic number first, and a compiler whose bytecode pyvm
//! cannot run is refused with a message naming the versions it can.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

const SERVER: &str = include_str!("compile_server.py");

/// The bytecode version the REPL compiles for: the one the eval loop runs.
const TARGET: &str = "3.10";

/// A compile request's answer.
pub enum Compiled {
    /// A complete entry, as a `.pyc` image.
    Code(Vec<u8>),
    /// The entry needs more lines.
    Incomplete,
    /// A syntax error, formatted as CPython's REPL prints it.
    SyntaxError(String),
}

pub struct Compiler {
    child: Child,
    stdin: ChildStdin,
    stdout: ChildStdout,
    pub path: PathBuf,
}

impl Compiler {
    /// Find a compiler and start it. The error says what was tried.
    pub fn start(explicit: Option<&Path>) -> Result<Compiler, String> {
        let path = find(explicit)?;
        let mut command = Command::new(&path);
        // Its own process group: Ctrl-C at the terminal is for the program
        // pyvm runs, not for the compiler.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let mut child = command
            .args(["-I", "-S", "-c", SERVER])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", path.display()))?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err("compiler pipes unavailable".to_string());
        };
        let mut compiler = Compiler {
            child,
            stdin,
            stdout,
            path,
        };
        let (tag, magic) = compiler.read_frame().map_err(|e| {
            format!(
                "{} did not start the compile server: {e}",
                compiler.path.display()
            )
        })?;
        check_magic(tag, &magic).map_err(|e| format!("{}: {e}", compiler.path.display()))?;
        Ok(compiler)
    }

    /// Compile `source` (the entry's lines joined by newlines) in `'single'`
    /// mode. An `Err` means the compiler process failed and is unusable.
    pub fn compile(&mut self, source: &str) -> Result<Compiled, String> {
        self.request(b'C', source)
    }

    /// Compile a whole program in `'exec'` mode (`pyvm < script.py`).
    pub fn compile_program(&mut self, source: &str) -> Result<Compiled, String> {
        self.request(b'X', source)
    }

    fn request(&mut self, kind: u8, source: &str) -> Result<Compiled, String> {
        let mut frame = Vec::with_capacity(source.len() + 5);
        frame.push(kind);
        frame.extend_from_slice(&(source.len() as u32).to_le_bytes());
        frame.extend_from_slice(source.as_bytes());
        self.stdin
            .write_all(&frame)
            .and_then(|()| self.stdin.flush())
            .map_err(|e| format!("compiler stopped: {e}"))?;
        let (tag, payload) = self
            .read_frame()
            .map_err(|e| format!("compiler stopped: {e}"))?;
        match tag {
            b'K' => Ok(Compiled::Code(payload)),
            b'I' => Ok(Compiled::Incomplete),
            b'E' => Ok(Compiled::SyntaxError(
                String::from_utf8_lossy(&payload).into_owned(),
            )),
            other => Err(format!("compiler sent an unknown reply {other:#04x}")),
        }
    }

    fn read_frame(&mut self) -> std::io::Result<(u8, Vec<u8>)> {
        let mut head = [0u8; 5];
        self.stdout.read_exact(&mut head)?;
        let len = u32::from_le_bytes([head[1], head[2], head[3], head[4]]) as usize;
        // A compiled entry is small; refuse absurd lengths rather than allocate them.
        if len > 256 << 20 {
            return Err(std::io::Error::other(format!("reply of {len} bytes")));
        }
        let mut payload = vec![0; len];
        self.stdout.read_exact(&mut payload)?;
        Ok((head[0], payload))
    }
}

impl Drop for Compiler {
    fn drop(&mut self) {
        // Closing stdin ends the server's loop; don't leave a zombie.
        let _ = self.stdin.flush();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn check_magic(tag: u8, magic: &[u8]) -> Result<(), String> {
    if tag != b'V' || magic.len() != 4 {
        return Err("unexpected handshake from the compile server".to_string());
    }
    let number = u16::from_le_bytes([magic[0], magic[1]]);
    match pyvm_loader::pyc::identify_magic(number) {
        pyvm_loader::pyc::MagicVersion::Release(v)
            if pyvm_loader::pyc::SUPPORTED_VERSIONS.contains(&v) =>
        {
            Ok(())
        }
        pyvm_loader::pyc::MagicVersion::Release(v) => Err(format!(
            "it compiles CPython {v} bytecode, but pyvm runs {}",
            pyvm_loader::pyc::supported_list()
        )),
        _ => Err(format!(
            "magic number {number} is not a CPython release pyvm knows; pyvm runs {}",
            pyvm_loader::pyc::supported_list()
        )),
    }
}

/// The compiler to use, or a message listing where we looked.
fn find(explicit: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(p) = explicit {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("PYVM_COMPILER").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let exe = format!("python{TARGET}");
    if let Some(root) = pyenv_root() {
        let versions = root.join("versions");
        let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir(&versions)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name().into_string().ok()?;
                let patch = name.strip_prefix(&format!("{TARGET}."))?.parse().ok()?;
                let bin = entry.path().join("bin").join(&exe);
                bin.is_file().then_some((patch, bin))
            })
            .collect();
        found.sort();
        if let Some((_, bin)) = found.pop() {
            return Ok(bin);
        }
    }
    if let Some(path) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&path) {
            let bin = dir.join(&exe);
            if bin.is_file() {
                return Ok(bin);
            }
        }
    }
    Err(format!(
        "no CPython {TARGET} found to compile entries (looked for --compiler, \
         PYVM_COMPILER, $(pyenv root)/versions/{TARGET}.*, and {exe} on PATH)"
    ))
}

/// `pyenv root` without running pyenv: `$PYENV_ROOT`, else `~/.pyenv`.
fn pyenv_root() -> Option<PathBuf> {
    if let Some(r) = std::env::var_os("PYENV_ROOT").filter(|r| !r.is_empty()) {
        return Some(PathBuf::from(r));
    }
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".pyenv"))
}
