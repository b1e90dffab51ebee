//! The instruction tracer behind `pyvm --trace` and the REPL's `:trace on`:
//! one `tracing` event per executed instruction (target `pyvm::eval`, level
//! TRACE) with its frame, file and line, byte offset, opcode, argument and
//! stack depth, in the spirit of CPython's `lltrace`.
//!
//! Only the traced copy of the eval loop (`execute::<true>`) calls this, and
//! only when `Vm::trace` is set; the untraced copy contains no tracing code
//! at all. Building without the `trace` feature removes both.

use crate::objects::CodeObject;

/// The instruction at index `ip` as decoded, before `superinstructions`
/// fused it with the next: the traced loop runs those one at a time.
pub fn unfused(code: &CodeObject, ip: usize) -> Option<pyvm_loader::instruction::Instruction> {
    code.raw.instructions().ok()?.ops.get(ip).copied()
}

/// Report the instruction at index `ip` of `code`, about to run with `depth`
/// values on the stack.
pub fn instruction(code: &CodeObject, ip: usize, depth: usize) {
    let raw = &code.raw;
    let offset = raw
        .instructions()
        .ok()
        .and_then(|i| i.offsets.get(ip).copied())
        .unwrap_or(0);
    let line = raw.linetable.line_for_offset(offset).unwrap_or(-1);
    let text = pyvm_loader::dis::describe_instruction(raw, offset as usize);
    tracing::trace!(
        target: "pyvm::eval",
        "{} {}:{} @{} {} depth={}",
        raw.name,
        raw.filename,
        line,
        offset,
        text,
        depth
    );
}
