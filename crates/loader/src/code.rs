//! Code objects: what CPython calls `PyCodeObject`, in a version-neutral shape.
//!
//! The raw `co_code` bytes are kept for `dis` and `co_code`; the decoded pyvm
//! instructions are produced once, on first use, by the decoder for the code
//! object's bytecode version (so a module's never-called functions cost nothing
//! to decode).

use std::cell::OnceCell;
use std::fmt::Write as _;
use std::rc::Rc;

use crate::constant::{Constant, StrTuple};
use crate::decode::{self, Instructions};
use crate::error::DecodeError;
use crate::linetable::LineTable;
use crate::pyc::PyVersion;
use crate::pystr::PyStr;

/// `co_flags` bits (the same numbers in every supported version).
pub mod flags {
    pub const OPTIMIZED: u32 = 0x0001;
    pub const NEWLOCALS: u32 = 0x0002;
    pub const VARARGS: u32 = 0x0004;
    pub const VARKEYWORDS: u32 = 0x0008;
    pub const NESTED: u32 = 0x0010;
    pub const GENERATOR: u32 = 0x0020;
    pub const NOFREE: u32 = 0x0040;
    pub const COROUTINE: u32 = 0x0080;
    pub const ITERABLE_COROUTINE: u32 = 0x0100;
    pub const ASYNC_GENERATOR: u32 = 0x0200;
}

/// Everything marshal reads for a code object, before it becomes one.
pub struct CodeFields {
    pub version: PyVersion,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub nlocals: u32,
    pub stacksize: u32,
    pub flags: u32,
    pub code: Rc<[u8]>,
    pub consts: Rc<[Constant]>,
    pub names: StrTuple,
    pub varnames: StrTuple,
    pub freevars: StrTuple,
    pub cellvars: StrTuple,
    pub localsplus_kinds: Option<Rc<[u8]>>,
    pub filename: PyStr,
    pub name: PyStr,
    pub qualname: PyStr,
    pub firstlineno: i32,
    pub linetable: Rc<[u8]>,
    pub exceptiontable: Rc<[u8]>,
}

pub struct CodeObject {
    pub version: PyVersion,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub nlocals: u32,
    pub stacksize: u32,
    pub flags: u32,
    /// `co_code`, exactly as marshalled.
    pub code: Rc<[u8]>,
    pub consts: Rc<[Constant]>,
    pub names: StrTuple,
    pub varnames: StrTuple,
    /// Listed after `cellvars` in the deref index space, though marshal stores them first.
    pub freevars: StrTuple,
    pub cellvars: StrTuple,
    /// 3.11+: the kind byte of each `co_localsplusnames` entry.
    pub localsplus_kinds: Option<Rc<[u8]>>,
    pub filename: PyStr,
    pub name: PyStr,
    /// `co_qualname` (3.11+); `co_name` for older versions, which lack it.
    pub qualname: PyStr,
    pub firstlineno: i32,
    pub linetable: LineTable,
    /// 3.11+ `co_exceptiontable`; empty before.
    pub exceptiontable: Rc<[u8]>,
    instructions: OnceCell<Result<Instructions, DecodeError>>,
}

impl std::fmt::Debug for CodeObject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<code object {}>", self.name)
    }
}

impl CodeObject {
    pub fn new(f: CodeFields) -> CodeObject {
        CodeObject {
            linetable: LineTable::new(f.version, f.linetable, f.firstlineno),
            version: f.version,
            argcount: f.argcount,
            posonlyargcount: f.posonlyargcount,
            kwonlyargcount: f.kwonlyargcount,
            nlocals: f.nlocals,
            stacksize: f.stacksize,
            flags: f.flags,
            code: f.code,
            consts: f.consts,
            names: f.names,
            varnames: f.varnames,
            freevars: f.freevars,
            cellvars: f.cellvars,
            localsplus_kinds: f.localsplus_kinds,
            filename: f.filename,
            name: f.name,
            qualname: f.qualname,
            firstlineno: f.firstlineno,
            exceptiontable: f.exceptiontable,
            instructions: OnceCell::new(),
        }
    }

    /// The pyvm instructions for this code, decoded on first call.
    pub fn instructions(&self) -> Result<&Instructions, &DecodeError> {
        self.instructions
            .get_or_init(|| decode::decode(self))
            .as_ref()
    }

    /// Decode this code object and every code object nested in its constants,
    /// reporting the first failure. Used to validate a whole file up front.
    pub fn decode_all(&self) -> Result<(), DecodeError> {
        self.instructions().map_err(Clone::clone)?;
        for c in self.consts.iter() {
            if let Constant::Code(inner) = c {
                inner.decode_all()?;
            }
        }
        Ok(())
    }

    /// Cell and free variable names in deref-index order: cells first.
    pub fn deref_names(&self) -> impl Iterator<Item = &PyStr> {
        self.cellvars.iter().chain(self.freevars.iter())
    }

    pub fn n_derefs(&self) -> usize {
        self.cellvars.len() + self.freevars.len()
    }

    /// CPython's `repr(code)`; the address is this object's, not CPython's.
    pub fn write_repr(&self, out: &mut String) {
        let lineno = if self.firstlineno != 0 {
            self.firstlineno
        } else {
            -1
        };
        let _ = write!(
            out,
            "<code object {} at {:#x}, file \"{}\", line {}>",
            self.name, self as *const CodeObject as usize, self.filename, lineno
        );
    }
}
