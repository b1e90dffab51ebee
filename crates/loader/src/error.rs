//! Everything that can go wrong turning bytes into code objects. Each variant's
//! message is a complete sentence fragment; the CLI prefixes the file name.

use thiserror::Error;

use crate::pyc::PyVersion;

#[derive(Debug, Error)]
pub enum LoadError {
    #[error(transparent)]
    Pyc(#[from] PycError),
    #[error(transparent)]
    Marshal(#[from] MarshalError),
    #[error(transparent)]
    Decode(#[from] DecodeError),
}

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum PycError {
    #[error("file too short to be a .pyc ({len} bytes; the header alone is 16)")]
    TooShort { len: usize },
    #[error("not a .pyc file (bad magic number)")]
    NotPyc,
    #[error("compiled for a pre-release of CPython {version} (magic number {magic}); pyvm supports CPython {supported}")]
    PreRelease {
        magic: u16,
        version: PyVersion,
        supported: String,
    },
    #[error("compiled for CPython 3.7 or older (magic number {magic}); pyvm supports CPython {supported}")]
    TooOld { magic: u16, supported: String },
    #[error("unknown magic number {magic} (a CPython newer than pyvm knows?); pyvm supports CPython {supported}")]
    UnknownMagic { magic: u16, supported: String },
    #[error("compiled for CPython {version} (magic number {magic}), which pyvm cannot run yet; pyvm supports CPython {supported}")]
    UnsupportedVersion {
        magic: u16,
        version: PyVersion,
        supported: String,
    },
    #[error("invalid .pyc flags {flags:#x}")]
    BadFlags { flags: u32 },
}

/// A malformed marshal stream, with the byte offset (within the marshal data)
/// where reading failed.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[error("bad marshal data at offset {offset}: {kind}")]
pub struct MarshalError {
    pub offset: usize,
    pub kind: MarshalErrorKind,
}

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum MarshalErrorKind {
    #[error("EOF read where object expected")]
    Eof,
    #[error("unknown type code {0:#04x}")]
    UnknownType(u8),
    #[error("{what} size {size} out of range")]
    SizeOutOfRange { what: &'static str, size: i64 },
    #[error("invalid reference {0}")]
    InvalidReference(i64),
    #[error("reference {0} to an object that is still being read")]
    RecursiveReference(i64),
    #[error("digit out of range in long")]
    DigitOutOfRange,
    #[error("unnormalized long data")]
    UnnormalizedLong,
    #[error("invalid UTF-8 in string")]
    BadUtf8,
    #[error("non-ASCII byte in ASCII string")]
    NotAscii,
    #[error("invalid float literal")]
    BadFloat,
    #[error("nesting deeper than {0} levels")]
    TooDeep(usize),
    #[error("NULL object in {0}")]
    Null(&'static str),
    #[error("unhashable {0} as dict key or set element")]
    Unhashable(&'static str),
    #[error("code object field {field} must be {expected}, not {found}")]
    BadCodeField {
        field: &'static str,
        expected: &'static str,
        found: &'static str,
    },
    #[error("code object field {field} is negative ({value})")]
    NegativeCodeField { field: &'static str, value: i32 },
    #[error("marshal data for CPython {0} code objects is not supported")]
    CodeLayout(PyVersion),
}

/// Bytecode that cannot be turned into pyvm instructions.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[error("bad bytecode in code object '{code_name}' at offset {offset}: {kind}")]
pub struct DecodeError {
    pub code_name: String,
    pub offset: usize,
    pub kind: DecodeErrorKind,
}

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum DecodeErrorKind {
    #[error("bytecode length {0} is odd")]
    OddLength(usize),
    #[error("unknown opcode {0}")]
    UnknownOpcode(u8),
    #[error("{name} argument {arg} out of range (table has {len} entries)")]
    ArgOutOfRange {
        name: &'static str,
        arg: u32,
        len: usize,
    },
    #[error("{name} jumps to offset {target}, outside the code or inside an instruction")]
    BadJumpTarget { name: &'static str, target: u64 },
    #[error("{name} argument {arg} is invalid")]
    BadArg { name: &'static str, arg: u32 },
    #[error("EXTENDED_ARG at the end of the code")]
    DanglingExtendedArg,
    #[error("no decoder for CPython {0} bytecode")]
    NoDecoder(PyVersion),
}
