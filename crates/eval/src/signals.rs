//! Ctrl-C. A SIGINT handler only sets a flag; the eval loop polls it on
//! backward jumps and function entry (and `time.sleep` between short
//! slices), and raises `KeyboardInterrupt` there, in Python code, as
//! CPython's eval breaker does. Polling at those points alone bounds the
//! delay: a loop that never jumps back or calls cannot run long.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use crate::error::PyErr;
use crate::vm::Vm;

static INTERRUPTED: OnceLock<Arc<AtomicBool>> = OnceLock::new();

/// Route SIGINT to the flag instead of killing the process. Without this
/// (an embedder's choice) Ctrl-C keeps its default action.
pub fn install_sigint_handler() -> std::io::Result<()> {
    let flag = INTERRUPTED.get_or_init(|| Arc::new(AtomicBool::new(false)));
    signal_hook::flag::register(signal_hook::consts::SIGINT, flag.clone())?;
    Ok(())
}

/// Whether Ctrl-C was pressed since the last call; clears the flag.
#[inline]
pub fn take_interrupt() -> bool {
    match INTERRUPTED.get() {
        Some(flag) => flag.load(Ordering::Relaxed) && flag.swap(false, Ordering::Relaxed),
        None => false,
    }
}

/// Forget a Ctrl-C that arrived while no Python code was running (the REPL
/// calls this before each entry).
pub fn clear_interrupt() {
    take_interrupt();
}

/// The exception a Ctrl-C becomes.
pub fn keyboard_interrupt(vm: &Vm) -> PyErr {
    vm.new_error_args("KeyboardInterrupt", Vec::new())
}
