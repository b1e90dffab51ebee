//! The REPL's own commands, typed at the primary prompt after a colon.

use super::Session;

const HELP: &str = "\
pyvm commands (Python code is typed as usual):
  :load FILE.pyc    run a compiled file in this session's namespace
  :dis NAME         disassemble a function, method or code object (NAME may be dotted)
  :trace on|off     print every executed instruction to stderr
  :help             this list
Ctrl-C interrupts running code; Ctrl-D (or exit()) ends the session.";

/// Run `command` (the text after the colon). `Some(status)` ends the session.
pub fn run(session: &mut Session, command: &str) -> Option<i32> {
    let command = command.trim();
    let (name, arg) = match command.split_once(char::is_whitespace) {
        Some((n, a)) => (n, a.trim()),
        None => (command, ""),
    };
    match (name, arg) {
        ("help", _) => println!("{HELP}"),
        ("load", "") => eprintln!("usage: :load FILE.pyc"),
        ("load", file) => match std::fs::read(file) {
            Ok(data) => return session.run_pyc(&data, file),
            Err(e) => eprintln!("pyvm: {file}: cannot read file: {e}"),
        },
        ("dis", "") => eprintln!("usage: :dis NAME"),
        ("dis", target) => dis(session, target),
        ("trace", "on") | ("trace", "off") => set_trace(session, arg == "on"),
        ("trace", _) => eprintln!("usage: :trace on|off"),
        _ => eprintln!("pyvm: unknown command ':{name}' (:help lists the commands)"),
    }
    None
}

fn set_trace(session: &mut Session, on: bool) {
    if cfg!(feature = "trace") {
        session.vm.trace = on;
    } else {
        eprintln!("pyvm: this build has no instruction tracer (built without the 'trace' feature)");
    }
}

/// `:dis NAME`: look NAME up in `__main__` (then builtins), following dots.
fn dis(session: &mut Session, target: &str) {
    let vm = &mut session.vm;
    let mut parts = target.split('.');
    let first = parts.next().unwrap_or_default();
    let key = vm.intern(first);
    let Some(mut value) = session
        .globals
        .get_str(&key)
        .or_else(|| vm.builtins.get_str(&key))
    else {
        eprintln!("pyvm: name '{first}' is not defined");
        return;
    };
    for part in parts {
        let key = vm.intern(part);
        value = match vm.get_attr(&value, &key) {
            Ok(v) => v,
            Err(e) => {
                let message = pyvm_eval::traceback::exception_line(vm, &e);
                eprintln!("pyvm: {message}");
                return;
            }
        };
    }
    let Some(code) = pyvm_eval::code_of(&value) else {
        let kind = vm.type_name(&value);
        eprintln!("pyvm: cannot disassemble a '{kind}' object (a function, method or code object is needed)");
        return;
    };
    match pyvm_loader::dis::dis(&code) {
        Ok(text) => print!("{text}"),
        Err(e) => eprintln!("pyvm: {e}"),
    }
}
