//! pyvm's loader: from the bytes of a CPython `.pyc` file to code objects whose
//! bytecode is decoded into pyvm's own instruction set.
//!
//! The pipeline, one module per step:
//! `pyc` (header, magic → version) → `marshal` (object stream → [`Constant`]s and
//! [`CodeObject`]s) → `decode` (per-version wordcode → [`Instruction`]s) with
//! `linetable` for offsets → lines. `dis` prints CPython's disassembly from the
//! same data, using the generated per-version `opcode` tables.

pub mod code;
pub mod constant;
pub mod decode;
pub mod dis;
pub mod error;
pub mod hash;
pub mod instruction;
pub mod linetable;
pub mod marshal;
pub mod opcode;
pub mod pyc;
pub mod pystr;
pub mod repr;
pub mod superinstructions;
pub mod unicode;

use std::rc::Rc;

pub use code::CodeObject;
pub use constant::Constant;
pub use decode::Instructions;
pub use error::{DecodeError, LoadError, MarshalError, PycError};
pub use instruction::Instruction;
pub use pyc::{PyVersion, PycHeader};
pub use pystr::PyStr;

/// A loaded `.pyc`: its header and the module's code object.
#[derive(Debug)]
pub struct Pyc {
    pub header: PycHeader,
    pub code: Rc<CodeObject>,
}

/// Load a `.pyc` compiled by a CPython version pyvm supports. Bytecode is
/// decoded lazily, per code object; call [`CodeObject::decode_all`] to
/// validate all of it up front.
pub fn load_pyc(data: &[u8]) -> Result<Pyc, LoadError> {
    let header = pyc::parse_header(data)?;
    pyc::check_supported(&header)?;
    let code = match marshal::loads(&data[pyc::HEADER_LEN..], header.version)? {
        Constant::Code(code) => code,
        other => {
            return Err(MarshalError {
                offset: 0,
                kind: error::MarshalErrorKind::BadCodeField {
                    field: "module",
                    expected: "a code object",
                    found: other.type_name(),
                },
            }
            .into())
        }
    };
    Ok(Pyc { header, code })
}

/// Load a `.pyc` and decode all of its bytecode: what running a program
/// needs, with every decoding error reported before anything runs.
pub fn load_program(data: &[u8]) -> Result<Rc<CodeObject>, LoadError> {
    let pyc = load_pyc(data)?;
    pyc.code.decode_all()?;
    Ok(pyc.code)
}
