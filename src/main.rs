//! The `pyvm` command: `pyvm dis FILE.pyc` today; running scripts and the REPL
//! arrive with the eval issues.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit status for usage and load errors (as CPython uses 2 for usage errors).
const EXIT_USAGE: u8 = 2;

const USAGE: &str = "\
usage: pyvm FILE.pyc [ARGS...]   run a compiled Python 3.10 program
       pyvm dis FILE.pyc         print its disassembly, as dis.dis() does
       pyvm --help | --version";

enum Command {
    Run { file: PathBuf, args: Vec<OsString> },
    Dis { file: PathBuf },
    Help,
    Version,
}

fn parse_args() -> Result<Command, lexopt::Error> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_env();
    match parser.next()? {
        Some(Long("help")) | Some(Short('h')) => Ok(Command::Help),
        Some(Long("version")) | Some(Short('V')) => Ok(Command::Version),
        Some(Value(v)) if v == "dis" => {
            let file = parser.value()?.into();
            if let Some(extra) = parser.next()? {
                return Err(extra.unexpected());
            }
            Ok(Command::Dis { file })
        }
        Some(Value(file)) => Ok(Command::Run {
            file: file.into(),
            args: parser.raw_args()?.collect(),
        }),
        Some(other) => Err(other.unexpected()),
        None => Ok(Command::Help),
    }
}

fn main() -> ExitCode {
    let command = match parse_args() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("pyvm: {e}\n{USAGE}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    match command {
        Command::Help => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Command::Version => {
            println!("pyvm {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Command::Dis { file } => dis(&file),
        Command::Run { file, args } => run(&file, args),
    }
}

/// Read and load a `.pyc`, printing a one-line error naming the file on failure.
fn load(file: &Path) -> Result<pyvm_loader::Pyc, ExitCode> {
    let fail = |msg: String| {
        eprintln!("pyvm: {}: {msg}", file.display());
        ExitCode::from(EXIT_USAGE)
    };
    let data = std::fs::read(file).map_err(|e| fail(format!("cannot read file: {e}")))?;
    let pyc = pyvm_loader::load_pyc(&data).map_err(|e| fail(e.to_string()))?;
    pyc.code.decode_all().map_err(|e| fail(e.to_string()))?;
    Ok(pyc)
}

/// `pyvm FILE.pyc ARGS...`: run it as `__main__`.
fn run(file: &Path, args: Vec<OsString>) -> ExitCode {
    let pyc = match load(file) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let mut argv = vec![file.display().to_string()];
    argv.extend(args.iter().map(|a| a.to_string_lossy().into_owned()));
    let mut vm = pyvm_eval::Vm::new(argv);
    // Tracebacks show source lines from the .py next to the .pyc as well as
    // from the compile-time path.
    if let Some(dir) = file.parent() {
        vm.source_dirs.push(dir.to_path_buf());
    }
    let status = pyvm_eval::run_main(&mut vm, pyc.code, &file.display().to_string());
    ExitCode::from(status.clamp(0, 255) as u8)
}

fn dis(file: &Path) -> ExitCode {
    let pyc = match load(file) {
        Ok(p) => p,
        Err(code) => return code,
    };
    match pyvm_loader::dis::dis(&pyc.code) {
        Ok(text) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`pyvm dis x | head`) is not an error worth reporting.
            let _ = stdout.write_all(text.as_bytes());
            let _ = stdout.flush();
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("pyvm: {}: {e}", file.display());
            ExitCode::from(EXIT_USAGE)
        }
    }
}
