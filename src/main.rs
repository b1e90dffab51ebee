//! The `pyvm` command: run a `.pyc`, disassemble one, or open the REPL.

mod logging;
mod repl;

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::rc::Rc;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit status for usage and load errors (as CPython uses 2 for usage errors).
const EXIT_USAGE: u8 = 2;

const USAGE: &str = "\
usage: pyvm [--trace] FILE.pyc [ARGS...]     run a compiled Python 3.10 program
       pyvm [--trace] [--compiler PY] [repl] interactive session (the default)
       pyvm dis FILE.pyc                     print its disassembly, as dis.dis() does
       pyvm --help | --version

  --trace          print each executed instruction to stderr
  --compiler PY    the CPython 3.10 that compiles REPL entries (else
                   $PYVM_COMPILER, $(pyenv root)/versions/3.10.*, python3.10)
  PYVM_LOG=FILTER  tracing directives, e.g. pyvm::import=debug";

enum Command {
    Run { file: PathBuf, args: Vec<OsString> },
    Dis { file: PathBuf },
    Repl,
    Help,
    Version,
}

struct Options {
    trace: bool,
    compiler: Option<PathBuf>,
}

fn parse_args() -> Result<(Command, Options), lexopt::Error> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_env();
    let mut options = Options {
        trace: false,
        compiler: None,
    };
    loop {
        let command = match parser.next()? {
            Some(Long("help")) | Some(Short('h')) => Command::Help,
            Some(Long("version")) | Some(Short('V')) => Command::Version,
            Some(Long("trace")) => {
                options.trace = true;
                continue;
            }
            Some(Long("compiler")) => {
                options.compiler = Some(parser.value()?.into());
                continue;
            }
            Some(Value(v)) if v == "dis" => {
                let file = parser.value()?.into();
                if let Some(extra) = parser.next()? {
                    return Err(extra.unexpected());
                }
                Command::Dis { file }
            }
            Some(Value(v)) if v == "repl" => {
                if let Some(extra) = parser.next()? {
                    return Err(extra.unexpected());
                }
                Command::Repl
            }
            Some(Value(file)) => Command::Run {
                file: file.into(),
                args: parser.raw_args()?.collect(),
            },
            Some(other) => return Err(other.unexpected()),
            None => Command::Repl,
        };
        return Ok((command, options));
    }
}

fn main() -> ExitCode {
    let (command, options) = match parse_args() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("pyvm: {e}\n{USAGE}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let interactive = matches!(command, Command::Repl);
    if let Err(e) = logging::init(options.trace, interactive) {
        eprintln!("pyvm: {e}");
        return ExitCode::from(EXIT_USAGE);
    }
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
        Command::Run { file, args } => run(&file, args, options.trace),
        Command::Repl => repl::run(repl::Options {
            compiler: options.compiler,
            trace: options.trace,
        }),
    }
}

/// Read and load a `.pyc`, printing a one-line error naming the file on failure.
fn load(file: &Path) -> Result<Rc<pyvm_loader::CodeObject>, ExitCode> {
    let fail = |msg: String| {
        eprintln!("pyvm: {}: {msg}", file.display());
        ExitCode::from(EXIT_USAGE)
    };
    let data = std::fs::read(file).map_err(|e| fail(format!("cannot read file: {e}")))?;
    pyvm_loader::load_program(&data).map_err(|e| fail(e.to_string()))
}

/// The process's exit for how a program ended. SystemExit's status keeps its
/// low 8 bits, as the C `exit()` CPython calls does; after an uncaught
/// KeyboardInterrupt CPython dies of SIGINT, so the shell sees an
/// interrupted program.
fn exit_for(outcome: pyvm_eval::Outcome) -> ExitCode {
    match outcome {
        pyvm_eval::Outcome::Status(status) => ExitCode::from(status as u8),
        pyvm_eval::Outcome::Interrupted => {
            let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGINT);
            ExitCode::from(130)
        }
    }
}

/// `pyvm FILE.pyc ARGS...`: run it as `__main__`.
fn run(file: &Path, args: Vec<OsString>, trace: bool) -> ExitCode {
    let code = match load(file) {
        Ok(c) => c,
        Err(exit) => return exit,
    };
    let mut argv = vec![file.display().to_string()];
    argv.extend(args.iter().map(|a| a.to_string_lossy().into_owned()));
    // Ctrl-C becomes KeyboardInterrupt in the program, as in CPython.
    let _ = pyvm_eval::signals::install_sigint_handler();
    let mut vm = pyvm_eval::Vm::new(argv);
    vm.trace = trace;
    // Tracebacks show source lines from the .py next to the .pyc as well as
    // from the compile-time path.
    if let Some(dir) = file.parent() {
        vm.source_dirs.push(dir.to_path_buf());
    }
    exit_for(pyvm_eval::run_main(
        &mut vm,
        code,
        &file.display().to_string(),
    ))
}

fn dis(file: &Path) -> ExitCode {
    let code = match load(file) {
        Ok(c) => c,
        Err(exit) => return exit,
    };
    match pyvm_loader::dis::dis(&code) {
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
