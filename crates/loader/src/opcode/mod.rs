//! CPython's opcode tables, one generated module per bytecode version.
//!
//! Each `v3XX.rs` is written by `scripts/gen_opcodes.py` from that version's own
//! `Lib/opcode.py` (run under the real interpreter), so numbers, names and the
//! `has*` argument classes are never typed by hand. The disassembler reads these
//! tables directly; the per-version decoders use their `op::` constants.

pub mod v310;
pub mod v311;
pub mod v312;
pub mod v313;
pub mod v38;
pub mod v39;

/// How a jump opcode's argument becomes a target offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JumpKind {
    /// Target is `arg` code units from the start (3.8–3.11 `hasjabs`).
    Absolute,
    /// Target is `arg` code units after the next instruction.
    Forward,
    /// Target is `arg` code units before the next instruction (3.11+).
    Backward,
}

/// What an opcode's argument refers to (CPython's `has*` lists).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgKind {
    Plain,
    Const,
    Name,
    Local,
    Free,
    Compare,
    Jump(JumpKind),
}

#[derive(Clone, Copy, Debug)]
pub struct OpcodeInfo {
    /// Empty for numbers the version does not define.
    pub name: &'static str,
    pub has_arg: bool,
    pub arg: ArgKind,
    /// Inline cache code units that follow the instruction (3.11+).
    pub cache_entries: u8,
}

impl OpcodeInfo {
    pub fn is_defined(&self) -> bool {
        !self.name.is_empty()
    }
}

#[derive(Debug)]
pub struct OpcodeTable {
    pub version: (u8, u8),
    pub have_argument: u8,
    pub extended_arg: u8,
    pub cmp_op: &'static [&'static str],
    pub ops: [OpcodeInfo; 256],
}

impl OpcodeTable {
    pub fn info(&self, op: u8) -> &OpcodeInfo {
        &self.ops[op as usize]
    }
}

/// The opcode table for a CPython `(major, minor)` version, if pyvm knows it.
pub fn table_for(version: (u8, u8)) -> Option<&'static OpcodeTable> {
    match version {
        (3, 8) => Some(&v38::TABLE),
        (3, 9) => Some(&v39::TABLE),
        (3, 10) => Some(&v310::TABLE),
        (3, 11) => Some(&v311::TABLE),
        (3, 12) => Some(&v312::TABLE),
        (3, 13) => Some(&v313::TABLE),
        _ => None,
    }
}
