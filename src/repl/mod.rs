//! `pyvm repl`: an interactive session like `python3.10`'s.
//!
//! Lines are read with rustyline (history in `~/.pyvm_history`, or
//! `PYVM_HISTFILE`). Each entry is compiled by the host CPython behind
//! [`compiler::Compiler`] and run in one persistent `__main__` namespace;
//! expression values reach `sys.displayhook` through `PRINT_EXPR`, as in
//! CPython. Lines starting with `:` at the primary prompt are pyvm commands
//! (`commands.rs`); Python never starts a statement with a colon.

mod commands;
mod compiler;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::rc::Rc;

use pyvm_eval::objects::DictObject;
use pyvm_eval::value::Value;
use pyvm_eval::{Outcome, Vm};
use rustyline::error::ReadlineError;

use compiler::{Compiled, Compiler};

pub struct Options {
    pub compiler: Option<PathBuf>,
    pub trace: bool,
}

/// One interactive session: the VM, its `__main__`, and the compiler if any.
struct Session {
    vm: Vm,
    globals: Rc<DictObject>,
    compiler: Option<Compiler>,
}

pub fn run(options: Options) -> ExitCode {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        return run_stdin(options);
    }
    let mut vm = Vm::new(vec![String::new()]);
    vm.trace = options.trace;
    if let Ok(dir) = std::env::current_dir() {
        vm.source_dirs.push(dir);
    }
    let globals = pyvm_eval::main_namespace(&mut vm, None);
    for (name, prompt) in [("ps1", ">>> "), ("ps2", "... ")] {
        let key = vm.intern(name);
        vm.sys.dict.set_str(key, Value::str(prompt));
    }
    println!(
        "pyvm {} (CPython {} bytecode)\nType :help for pyvm's commands; Ctrl-D exits.",
        env!("CARGO_PKG_VERSION"),
        pyvm_loader::pyc::supported_list()
    );
    let compiler = match Compiler::start(options.compiler.as_deref()) {
        Ok(c) => Some(c),
        Err(e) => {
            eprintln!("pyvm: {e}.\nOnly ':' commands (such as ':load FILE.pyc') are available.");
            None
        }
    };
    let mut session = Session {
        vm,
        globals,
        compiler,
    };
    let mut editor = match rustyline::DefaultEditor::new() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("pyvm: cannot open the line editor: {e}");
            return ExitCode::from(1);
        }
    };
    // After the editor: rustyline sets its own SIGINT action when it is
    // created, and ours must be the one in force (it chains to rustyline's).
    let _ = pyvm_eval::signals::install_sigint_handler();
    let history = history_file();
    if let Some(h) = &history {
        let _ = editor.load_history(h);
    }
    let status = session.read_eval_print(&mut editor);
    if let Some(h) = &history {
        let _ = editor.save_history(h);
    }
    pyvm_eval::teardown_main(&mut session.vm);
    crate::exit_for(Outcome::Status(status))
}

/// Standard input that is not a terminal is a program, as for `python3 <
/// script.py`: compiled whole, run as `__main__` with no prompts or echo.
fn run_stdin(options: Options) -> ExitCode {
    let mut source = String::new();
    if let Err(e) = std::io::Read::read_to_string(&mut std::io::stdin(), &mut source) {
        eprintln!("pyvm: cannot read standard input: {e}");
        return ExitCode::from(1);
    }
    let mut compiler = match Compiler::start(options.compiler.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("pyvm: {e}");
            return ExitCode::from(1);
        }
    };
    let pyc = match compiler.compile_program(&source) {
        Ok(Compiled::Code(pyc)) => pyc,
        Ok(Compiled::SyntaxError(text)) => {
            eprint!("{text}");
            return ExitCode::from(1);
        }
        Ok(Compiled::Incomplete) => return ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("pyvm: {e}");
            return ExitCode::from(1);
        }
    };
    drop(compiler);
    let code = match pyvm_loader::load_program(&pyc) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("pyvm: <stdin>: {e}");
            return ExitCode::from(1);
        }
    };
    let _ = pyvm_eval::signals::install_sigint_handler();
    let mut vm = Vm::new(vec![String::new()]);
    vm.trace = options.trace;
    crate::exit_for(pyvm_eval::run_main(&mut vm, code, "<stdin>"))
}

fn history_file() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PYVM_HISTFILE") {
        return (!p.is_empty()).then(|| PathBuf::from(p));
    }
    std::env::var_os("HOME").map(|h| Path::new(&h).join(".pyvm_history"))
}

impl Session {
    /// The loop; returns the exit status (0 on Ctrl-D, or `SystemExit`'s).
    fn read_eval_print(&mut self, editor: &mut rustyline::DefaultEditor) -> i32 {
        let mut lines: Vec<String> = Vec::new();
        let mut warned_no_compiler = false;
        loop {
            let prompt = self.prompt(if lines.is_empty() { "ps1" } else { "ps2" });
            let line = match editor.readline(&prompt) {
                Ok(line) => line,
                Err(ReadlineError::Interrupted) => {
                    println!("KeyboardInterrupt");
                    lines.clear();
                    continue;
                }
                Err(ReadlineError::Eof) => {
                    println!();
                    return 0;
                }
                Err(e) => {
                    eprintln!("pyvm: {e}");
                    return 1;
                }
            };
            if !line.trim().is_empty() {
                let _ = editor.add_history_entry(line.as_str());
            }
            if lines.is_empty() {
                if line.trim().is_empty() {
                    continue;
                }
                if let Some(command) = line.trim_start().strip_prefix(':') {
                    if let Some(status) = commands::run(self, command) {
                        return status;
                    }
                    continue;
                }
            }
            let Some(compiler) = self.compiler.as_mut() else {
                if !warned_no_compiler {
                    eprintln!("pyvm: no compiler; only ':' commands work (:help lists them)");
                    warned_no_compiler = true;
                }
                continue;
            };
            lines.push(line);
            let source = lines.join("\n");
            match compiler.compile(&source) {
                Ok(Compiled::Incomplete) => continue,
                Ok(Compiled::SyntaxError(text)) => eprint!("{text}"),
                Ok(Compiled::Code(pyc)) => {
                    if let Some(status) = self.run_pyc(&pyc, "<stdin>") {
                        return status;
                    }
                }
                Err(e) => {
                    eprintln!("pyvm: {e}; only ':' commands work from now on");
                    self.compiler = None;
                }
            }
            lines.clear();
        }
    }

    /// `sys.ps1`/`sys.ps2`, which a program may have changed.
    fn prompt(&mut self, name: &str) -> String {
        let key = self.vm.intern(name);
        match self.vm.sys.dict.get_str(&key) {
            Some(v) => self.vm.str(&v).unwrap_or_default(),
            None => String::new(),
        }
    }

    /// Load a `.pyc` image and run it in the session's namespace. `Some`
    /// means the program asked to exit (`SystemExit`) with that status.
    fn run_pyc(&mut self, data: &[u8], name: &str) -> Option<i32> {
        let code = match pyvm_loader::load_program(data) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("pyvm: {name}: {e}");
                return None;
            }
        };
        pyvm_eval::signals::clear_interrupt();
        match pyvm_eval::exec_code(&mut self.vm, code, &self.globals) {
            Ok(()) => None,
            Err(e) => match pyvm_eval::report_uncaught(&mut self.vm, &e) {
                Outcome::Status(status) if self.vm.is_instance_of(&e, "SystemExit") => Some(status),
                _ => None,
            },
        }
    }
}
