//! Diagnostics through `tracing`: `--trace` (every executed instruction, as
//! `pyvm::eval` TRACE events) and `PYVM_LOG`, a filter of `target=level`
//! directives such as `pyvm::import=debug` (each module load with its path
//! and time). Events go to stderr.
//!
//! No subscriber is installed unless one of them asks for it, so a plain run
//! pays nothing at start-up; the eval loop's own switch is `Vm::trace`.

/// Install the subscriber if `--trace`, the REPL (whose `:trace on` needs it)
/// or `PYVM_LOG` wants one. `Err` is a malformed `PYVM_LOG`.
#[cfg(feature = "trace")]
pub fn init(trace: bool, interactive: bool) -> Result<(), String> {
    use tracing_subscriber::filter::{LevelFilter, Targets};
    use tracing_subscriber::prelude::*;

    let from_env = std::env::var("PYVM_LOG").ok().filter(|s| !s.is_empty());
    if from_env.is_none() && !trace && !interactive {
        return Ok(());
    }
    let mut filter = match &from_env {
        Some(spec) => spec
            .parse::<Targets>()
            .map_err(|e| format!("invalid PYVM_LOG '{spec}': {e}"))?,
        None => Targets::new(),
    };
    if trace || interactive {
        filter = filter.with_target("pyvm::eval", LevelFilter::TRACE);
    }
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .without_time();
    // Fails only if a subscriber is already set, which cannot happen here.
    let _ = tracing_subscriber::registry()
        .with(layer.with_filter(filter))
        .try_init();
    Ok(())
}

#[cfg(not(feature = "trace"))]
pub fn init(trace: bool, _interactive: bool) -> Result<(), String> {
    if trace || std::env::var_os("PYVM_LOG").is_some_and(|s| !s.is_empty()) {
        return Err("this build has no tracing (built without the 'trace' feature)".to_string());
    }
    Ok(())
}
