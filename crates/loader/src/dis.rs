//! The disassembler: `dis.dis(code)` of CPython 3.8–3.10, byte for byte.
//!
//! It reads the raw `co_code` with the version's generated opcode table (not
//! pyvm's decoded instructions) because `dis` shows what CPython sees:
//! `EXTENDED_ARG` lines, byte offsets, and arguments as CPython renders them.
//! Only code-object addresses differ from CPython's output.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use crate::code::CodeObject;
use crate::constant::{Constant, StrTuple};
use crate::opcode::{table_for, ArgKind, JumpKind, OpcodeTable};
use crate::pyc::PyVersion;
use crate::pystr::PyStr;

/// `dis._OPNAME_WIDTH` and `dis._OPARG_WIDTH`.
const OPNAME_WIDTH: usize = 20;
const OPARG_WIDTH: usize = 5;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisError(pub String);

impl std::fmt::Display for DisError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DisError {}

/// `dis.dis(code)`: this code object, then each nested code object in
/// `co_consts`, recursively, each introduced by a "Disassembly of" header.
pub fn dis(code: &CodeObject) -> Result<String, DisError> {
    let mut out = String::new();
    dis_recursive(code, &mut out)?;
    Ok(out)
}

fn dis_recursive(code: &CodeObject, out: &mut String) -> Result<(), DisError> {
    disassemble(code, out)?;
    for c in code.consts.iter() {
        if let Constant::Code(inner) = c {
            out.push('\n');
            out.push_str("Disassembly of ");
            inner.write_repr(out);
            out.push_str(":\n");
            dis_recursive(inner, out)?;
        }
    }
    Ok(())
}

/// The 3.10 `wordcode` argument unpacking of `dis._unpack_opargs`: yields
/// `(offset, opcode, arg)`, with `EXTENDED_ARG` lines carrying the running value.
fn unpack_opargs(code: &[u8], table: &OpcodeTable) -> Vec<(usize, u8, Option<u32>)> {
    let mut out = Vec::with_capacity(code.len() / 2);
    let mut extended: u32 = 0;
    for (i, unit) in code.chunks(2).enumerate() {
        let op = unit[0];
        let byte = u32::from(*unit.get(1).unwrap_or(&0));
        let arg = if op >= table.have_argument {
            let arg = byte | extended;
            extended = if op == table.extended_arg {
                arg.wrapping_shl(8)
            } else {
                0
            };
            Some(arg)
        } else {
            extended = 0;
            None
        };
        out.push((i * 2, op, arg));
    }
    out
}

/// Where a jump goes, as `dis` computes it (bytes in 3.8/3.9, units in 3.10).
fn jump_target(version: PyVersion, kind: JumpKind, offset: usize, arg: u32) -> u64 {
    let scale = if version >= PyVersion::V3_10 { 2 } else { 1 };
    match kind {
        JumpKind::Absolute => u64::from(arg) * scale,
        JumpKind::Forward => offset as u64 + 2 + u64::from(arg) * scale,
        JumpKind::Backward => (offset as u64 + 2).saturating_sub(u64::from(arg) * scale),
    }
}

/// `dis.disassemble(code)` for one code object.
pub fn disassemble(code: &CodeObject, out: &mut String) -> Result<(), DisError> {
    let version = code.version;
    if version > PyVersion::V3_10 {
        return Err(DisError(format!(
            "disassembling CPython {version} bytecode is not supported yet"
        )));
    }
    let table = table_for((version.major, version.minor))
        .ok_or_else(|| DisError(format!("no opcode table for CPython {version}")))?;
    let bytes = &code.code[..];
    let ops = unpack_opargs(bytes, table);

    let mut labels = HashSet::new();
    for &(offset, op, arg) in &ops {
        if let (ArgKind::Jump(kind), Some(arg)) = (table.info(op).arg, arg) {
            labels.insert(jump_target(version, kind, offset, arg));
        }
    }

    let line_starts: HashMap<u32, i32> = code
        .linetable
        .line_starts(bytes.len())
        .into_iter()
        .collect();
    let lineno_width = match line_starts.values().max() {
        None => 0,
        Some(&max) if max >= 1000 => max.to_string().len(),
        Some(_) => 3,
    };
    let max_offset = bytes.len() as i64 - 2;
    let offset_width = if max_offset >= 10000 {
        max_offset.to_string().len()
    } else {
        4
    };
    let cells: Vec<&PyStr> = code.deref_names().collect();

    let mut line = String::new();
    for &(offset, op, arg) in &ops {
        line.clear();
        let starts_line = line_starts.get(&(offset as u32));
        if lineno_width > 0 && starts_line.is_some() && offset > 0 {
            out.push('\n');
        }
        if lineno_width > 0 {
            match starts_line {
                Some(l) => {
                    let _ = write!(line, "{l:>lineno_width$}");
                }
                None => line.extend(std::iter::repeat_n(' ', lineno_width)),
            }
            line.push(' ');
        }
        line.push_str("   ");
        line.push(' ');
        line.push_str(if labels.contains(&(offset as u64)) {
            ">>"
        } else {
            "  "
        });
        line.push(' ');
        let _ = write!(line, "{offset:>offset_width$}");
        line.push(' ');
        let info = table.info(op);
        let name = if info.is_defined() {
            info.name.to_string()
        } else {
            format!("<{op}>")
        };
        let _ = write!(line, "{name:<OPNAME_WIDTH$}");
        if let Some(arg) = arg {
            let _ = write!(line, " {arg:>OPARG_WIDTH$}");
            let argrepr = arg_repr(code, table, version, &cells, offset, op, arg)?;
            if !argrepr.is_empty() {
                line.push_str(" (");
                line.push_str(&argrepr);
                line.push(')');
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    Ok(())
}

/// One instruction as a `dis` line shows it, without the columns:
/// `LOAD_GLOBAL 0 (print)`. `offset` is the byte offset of its opcode (after
/// any `EXTENDED_ARG` prefixes, whose bytes are folded into the argument).
/// For the instruction tracer, which describes instructions one at a time.
pub fn describe_instruction(code: &CodeObject, offset: usize) -> String {
    let version = code.version;
    let Some(table) = table_for((version.major, version.minor)) else {
        return format!("<no opcode table for CPython {version}>");
    };
    let bytes = &code.code[..];
    let Some(&op) = bytes.get(offset) else {
        return format!("<offset {offset} out of range>");
    };
    let info = table.info(op);
    let name = if info.is_defined() {
        info.name.to_string()
    } else {
        format!("<{op}>")
    };
    if op < table.have_argument {
        return name;
    }
    let mut arg = u32::from(*bytes.get(offset + 1).unwrap_or(&0));
    let mut prefix = offset;
    let mut shift = 8;
    while prefix >= 2 && bytes[prefix - 2] == table.extended_arg && shift < 32 {
        prefix -= 2;
        arg |= u32::from(bytes[prefix + 1]) << shift;
        shift += 8;
    }
    let cells: Vec<&PyStr> = code.deref_names().collect();
    match arg_repr(code, table, version, &cells, offset, op, arg) {
        Ok(r) if !r.is_empty() => format!("{name} {arg} ({r})"),
        Ok(_) => format!("{name} {arg}"),
        Err(e) => format!("{name} {arg} <{e}>"),
    }
}

/// The parenthesised detail `dis` prints after an argument.
fn arg_repr(
    code: &CodeObject,
    table: &OpcodeTable,
    version: PyVersion,
    cells: &[&PyStr],
    offset: usize,
    op: u8,
    arg: u32,
) -> Result<String, DisError> {
    let index = arg as usize;
    // CPython raises IndexError for out-of-range arguments; say so instead.
    let out_of_range = |what: &str| {
        DisError(format!(
            "{what} index {arg} out of range at offset {offset}"
        ))
    };
    let name_of = |list: &StrTuple, what: &str| {
        list.get(index)
            .map(|s| s.to_string())
            .ok_or_else(|| out_of_range(what))
    };
    Ok(match table.info(op).arg {
        ArgKind::Const => code
            .consts
            .get(index)
            .map(Constant::repr)
            .ok_or_else(|| out_of_range("constant"))?,
        ArgKind::Name => name_of(&code.names, "name")?,
        ArgKind::Jump(kind) => format!("to {}", jump_target(version, kind, offset, arg)),
        ArgKind::Local => name_of(&code.varnames, "local variable")?,
        ArgKind::Compare => table
            .cmp_op
            .get(index)
            .map(|s| s.to_string())
            .ok_or_else(|| out_of_range("comparison"))?,
        ArgKind::Free => cells
            .get(index)
            .map(|s| s.to_string())
            .ok_or_else(|| out_of_range("cell"))?,
        ArgKind::Plain => match table.info(op).name {
            "FORMAT_VALUE" => {
                let mut s = ["", "str", "repr", "ascii"][index & 3].to_string();
                if arg & 4 != 0 {
                    if !s.is_empty() {
                        s.push_str(", ");
                    }
                    s.push_str("with format");
                }
                s
            }
            "MAKE_FUNCTION" => ["defaults", "kwdefaults", "annotations", "closure"]
                .iter()
                .enumerate()
                .filter(|(i, _)| arg & (1 << i) != 0)
                .map(|(_, s)| *s)
                .collect::<Vec<_>>()
                .join(", "),
            _ => String::new(),
        },
    })
}
