//! Bytecode decoders: one module per CPython version, each turning that
//! version's wordcode into pyvm [`Instruction`]s. Adding a version means adding
//! a decoder here, not a new VM.

mod v310;

use crate::code::CodeObject;
use crate::error::{DecodeError, DecodeErrorKind};
use crate::instruction::Instruction;
use crate::pyc::PyVersion;

/// A code object's decoded instructions.
#[derive(Debug, Clone)]
pub struct Instructions {
    pub ops: Box<[Instruction]>,
    /// For each instruction, the byte offset of its opcode in `co_code` (after
    /// any `EXTENDED_ARG` prefixes): CPython's `f_lasti * 2` while it runs.
    pub offsets: Box<[u32]>,
}

impl Instructions {
    /// The instruction whose opcode sits at byte `offset`.
    pub fn index_of_offset(&self, offset: u32) -> Option<usize> {
        self.offsets.binary_search(&offset).ok()
    }
}

pub fn decode(code: &CodeObject) -> Result<Instructions, DecodeError> {
    match code.version {
        PyVersion::V3_10 => v310::decode(code),
        other => Err(DecodeError {
            code_name: code.name.to_string(),
            offset: 0,
            kind: DecodeErrorKind::NoDecoder(other),
        }),
    }
}

/// One wordcode instruction with its `EXTENDED_ARG` prefixes folded in.
#[derive(Clone, Copy, Debug)]
pub struct RawInstruction {
    /// Byte offset of the first prefix (what jumps target).
    pub start: u32,
    /// Byte offset of the opcode itself.
    pub offset: u32,
    pub opcode: u8,
    pub arg: u32,
}

/// Split 3.6–3.10 wordcode into instructions, folding `EXTENDED_ARG` as
/// CPython's eval loop does (`arg = (prefix << 8) | byte`).
pub fn unpack_wordcode(
    code: &[u8],
    extended_arg: u8,
    code_name: &dyn Fn() -> String,
) -> Result<Vec<RawInstruction>, DecodeError> {
    if !code.len().is_multiple_of(2) {
        return Err(DecodeError {
            code_name: code_name(),
            offset: code.len(),
            kind: DecodeErrorKind::OddLength(code.len()),
        });
    }
    let mut out = Vec::with_capacity(code.len() / 2);
    let mut prefix: u32 = 0;
    let mut start = None;
    for (i, unit) in code.chunks_exact(2).enumerate() {
        let offset = (i * 2) as u32;
        let (op, byte) = (unit[0], u32::from(unit[1]));
        let arg = (prefix << 8) | byte;
        if op == extended_arg {
            start.get_or_insert(offset);
            prefix = arg;
            continue;
        }
        out.push(RawInstruction {
            start: start.take().unwrap_or(offset),
            offset,
            opcode: op,
            arg,
        });
        prefix = 0;
    }
    if start.is_some() {
        return Err(DecodeError {
            code_name: code_name(),
            offset: code.len(),
            kind: DecodeErrorKind::DanglingExtendedArg,
        });
    }
    Ok(out)
}
