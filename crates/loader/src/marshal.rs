//! The marshal reader: CPython's `Python/marshal.c` `r_object`, as one switch
//! over type codes with a reference table.
//!
//! Two details matter for compatibility. A type code with the 0x80 flag takes
//! the next slot of the reference table *before* its children are read (CPython
//! reserves the slot for tuples, lists, dicts, sets, frozensets and code objects
//! up front), so back-reference numbers only line up if we do the same. And code
//! objects list `co_freevars` before `co_cellvars`.
//!
//! Every size read from the stream is checked against the bytes that remain
//! before anything is allocated, so a corrupt length cannot make us allocate more
//! than the input justifies.

use std::rc::Rc;

use num_bigint::{BigInt, BigUint, Sign};

use crate::code::{CodeFields, CodeObject};
use crate::constant::{Constant, StrTuple};
use crate::error::{MarshalError, MarshalErrorKind as K};
use crate::pyc::PyVersion;
use crate::pystr::PyStr;

/// CPython's `MAX_MARSHAL_STACK_DEPTH`.
pub const MAX_DEPTH: usize = 2000;

const FLAG_REF: u8 = 0x80;

mod ty {
    pub const NULL: u8 = b'0';
    pub const NONE: u8 = b'N';
    pub const FALSE: u8 = b'F';
    pub const TRUE: u8 = b'T';
    pub const STOPITER: u8 = b'S';
    pub const ELLIPSIS: u8 = b'.';
    pub const INT: u8 = b'i';
    pub const FLOAT: u8 = b'f';
    pub const BINARY_FLOAT: u8 = b'g';
    pub const COMPLEX: u8 = b'x';
    pub const BINARY_COMPLEX: u8 = b'y';
    pub const LONG: u8 = b'l';
    pub const STRING: u8 = b's';
    pub const INTERNED: u8 = b't';
    pub const REF: u8 = b'r';
    pub const TUPLE: u8 = b'(';
    pub const LIST: u8 = b'[';
    pub const DICT: u8 = b'{';
    pub const CODE: u8 = b'c';
    pub const UNICODE: u8 = b'u';
    pub const SET: u8 = b'<';
    pub const FROZENSET: u8 = b'>';
    pub const ASCII: u8 = b'a';
    pub const ASCII_INTERNED: u8 = b'A';
    pub const SMALL_TUPLE: u8 = b')';
    pub const SHORT_ASCII: u8 = b'z';
    pub const SHORT_ASCII_INTERNED: u8 = b'Z';
}

/// Read one object from `data`, as `marshal.loads` does, with code objects laid
/// out as CPython `version` writes them. Trailing bytes are ignored, like CPython.
pub fn loads(data: &[u8], version: PyVersion) -> std::result::Result<Constant, MarshalError> {
    let mut reader = Reader::new(data, version);
    reader.read_object("marshal data").map_err(|e| *e)
}

pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    version: PyVersion,
    /// `None` marks a slot reserved by an object that is still being read.
    refs: Vec<Option<Constant>>,
    depth: usize,
}

/// Errors are boxed so that the `Result`s passed up every level of recursion
/// stay small (a `Constant` plus a tag): a measurable share of load time.
pub type Result<T> = std::result::Result<T, Box<MarshalError>>;

impl<'a> Reader<'a> {
    pub fn new(data: &'a [u8], version: PyVersion) -> Reader<'a> {
        Reader {
            data,
            pos: 0,
            version,
            refs: Vec::new(),
            depth: 0,
        }
    }

    /// Bytes consumed so far.
    pub fn position(&self) -> usize {
        self.pos
    }

    fn err(&self, kind: K) -> Box<MarshalError> {
        Box::new(MarshalError {
            offset: self.pos,
            kind,
        })
    }

    fn remaining(&self) -> usize {
        self.data.len() - self.pos
    }

    #[inline]
    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        if n > self.remaining() {
            return Err(self.err(K::Eof));
        }
        let s = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    #[inline]
    fn byte(&mut self) -> Result<u8> {
        let b = *self.data.get(self.pos).ok_or_else(|| self.err(K::Eof))?;
        self.pos += 1;
        Ok(b)
    }

    #[inline]
    fn long(&mut self) -> Result<i32> {
        let b = self.take(4)?;
        Ok(i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn f64(&mut self) -> Result<f64> {
        let b = self.take(8)?;
        Ok(f64::from_le_bytes(b.try_into().expect("8 bytes")))
    }

    /// A 32-bit length that must be non-negative and, at `unit` bytes per item,
    /// fit in what is left of the input.
    fn size(&mut self, what: &'static str, unit: usize) -> Result<usize> {
        let n = self.long()?;
        if n < 0 || (n as usize).saturating_mul(unit) > self.remaining() {
            return Err(self.err(K::SizeOutOfRange {
                what,
                size: i64::from(n),
            }));
        }
        Ok(n as usize)
    }

    /// Read an object; a NULL (type `0`) is an error naming `context`.
    pub fn read_object(&mut self, context: &'static str) -> Result<Constant> {
        self.read_object_or_null()?
            .ok_or_else(|| self.err(K::Null(context)))
    }

    /// `r_object`: `Ok(None)` is marshal's NULL, which ends a dict.
    pub fn read_object_or_null(&mut self) -> Result<Option<Constant>> {
        if self.depth >= MAX_DEPTH {
            return Err(self.err(K::TooDeep(MAX_DEPTH)));
        }
        self.depth += 1;
        // Recursion is bounded by MAX_DEPTH; stacker makes sure the thread's
        // stack can actually hold that many levels. Asking it costs ~25% of
        // load time if done per object, so ask every 16 levels (16 levels take
        // well under the 128 KiB red zone, even in debug builds).
        let result = if self.depth.is_multiple_of(16) {
            stacker::maybe_grow(128 * 1024, 1024 * 1024, || self.read_inner())
        } else {
            self.read_inner()
        };
        self.depth -= 1;
        result
    }

    fn read_inner(&mut self) -> Result<Option<Constant>> {
        let start = self.pos;
        let code = self.byte()?;
        let flag = code & FLAG_REF != 0;
        let t = code & !FLAG_REF;
        // Singletons and NULL never take a reference slot, even when flagged.
        let value = match t {
            ty::NULL => return Ok(None),
            ty::NONE => return Ok(Some(Constant::None)),
            ty::FALSE => return Ok(Some(Constant::Bool(false))),
            ty::TRUE => return Ok(Some(Constant::Bool(true))),
            ty::STOPITER => return Ok(Some(Constant::StopIteration)),
            ty::ELLIPSIS => return Ok(Some(Constant::Ellipsis)),
            ty::REF => {
                let n = self.long()?;
                return match self.refs.get(n as usize) {
                    _ if n < 0 => Err(self.err(K::InvalidReference(i64::from(n)))),
                    Some(Some(v)) => Ok(Some(v.clone())),
                    Some(None) => Err(self.err(K::RecursiveReference(i64::from(n)))),
                    None => Err(self.err(K::InvalidReference(i64::from(n)))),
                };
            }
            _ => {
                let slot = if flag {
                    self.refs.push(None);
                    Some(self.refs.len() - 1)
                } else {
                    None
                };
                let value = match self.read_value(t) {
                    Ok(v) => v,
                    Err(mut e) => {
                        if let K::UnknownType(_) = e.kind {
                            e.offset = start;
                        }
                        return Err(e);
                    }
                };
                if let Some(slot) = slot {
                    self.refs[slot] = Some(value.clone());
                }
                value
            }
        };
        Ok(Some(value))
    }

    /// Containers recurse through here, so this frame stays small: atoms and
    /// code objects are read by out-of-line helpers. (At ~1.2 KB per nesting
    /// level before this split, 2000 levels overflowed a 2 MB thread stack.)
    fn read_value(&mut self, t: u8) -> Result<Constant> {
        match t {
            ty::TUPLE => {
                let n = self.size("tuple", 1)?;
                Ok(Constant::Tuple(self.read_items(n, "tuple")?))
            }
            ty::SMALL_TUPLE => {
                let n = self.byte()? as usize;
                Ok(Constant::Tuple(self.read_items(n, "tuple")?))
            }
            ty::LIST => {
                let n = self.size("list", 1)?;
                Ok(Constant::List(self.read_items(n, "list")?))
            }
            ty::SET | ty::FROZENSET => self.read_set(t),
            ty::DICT => self.read_dict(),
            ty::CODE => Ok(Constant::Code(self.read_code()?)),
            _ => self.read_atom(t),
        }
    }

    #[inline(never)]
    fn read_atom(&mut self, t: u8) -> Result<Constant> {
        Ok(match t {
            ty::INT => Constant::Int(i64::from(self.long()?)),
            ty::LONG => self.read_long()?,
            ty::BINARY_FLOAT => Constant::Float(self.f64()?),
            ty::FLOAT => Constant::Float(self.text_float()?),
            ty::BINARY_COMPLEX => {
                let re = self.f64()?;
                let im = self.f64()?;
                Constant::Complex { re, im }
            }
            ty::COMPLEX => {
                let re = self.text_float()?;
                let im = self.text_float()?;
                Constant::Complex { re, im }
            }
            ty::STRING => {
                let n = self.size("bytes", 1)?;
                Constant::Bytes(Rc::from(self.take(n)?))
            }
            ty::UNICODE | ty::INTERNED => {
                let n = self.size("string", 1)?;
                let bytes = self.take(n)?;
                let s = PyStr::from_utf8_surrogatepass(bytes).map_err(|e| {
                    Box::new(MarshalError {
                        offset: self.pos - n + e.offset,
                        kind: K::BadUtf8,
                    })
                })?;
                Constant::Str(s)
            }
            ty::ASCII | ty::ASCII_INTERNED => {
                let n = self.size("string", 1)?;
                Constant::Str(latin1(self.take(n)?))
            }
            ty::SHORT_ASCII | ty::SHORT_ASCII_INTERNED => {
                let n = self.byte()? as usize;
                Constant::Str(latin1(self.take(n)?))
            }
            other => return Err(self.err(K::UnknownType(other))),
        })
    }

    fn read_set(&mut self, t: u8) -> Result<Constant> {
        let n = self.size("set", 1)?;
        let items = self.read_items(n, "set")?;
        if let Some(bad) = items.iter().find(|c| !is_hashable(c)) {
            return Err(self.err(K::Unhashable(bad.type_name())));
        }
        Ok(if t == ty::SET {
            Constant::Set(items)
        } else {
            Constant::FrozenSet(items)
        })
    }

    fn read_dict(&mut self) -> Result<Constant> {
        let mut items = Vec::new();
        while let Some(key) = self.read_object_or_null()? {
            if !is_hashable(&key) {
                return Err(self.err(K::Unhashable(key.type_name())));
            }
            let value = self.read_object("dict")?;
            items.push((key, value));
        }
        Ok(Constant::Dict(Rc::from(items)))
    }

    fn read_items(&mut self, n: usize, context: &'static str) -> Result<Rc<[Constant]>> {
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            items.push(self.read_object(context)?);
        }
        Ok(Rc::from(items))
    }

    fn text_float(&mut self) -> Result<f64> {
        let n = self.byte()? as usize;
        let text = self.take(n)?;
        std::str::from_utf8(text)
            .ok()
            .and_then(|s| s.parse::<f64>().ok())
            .ok_or_else(|| self.err(K::BadFloat))
    }

    #[inline(never)]
    /// `TYPE_LONG`: a signed count of 15-bit digits, least significant first.
    fn read_long(&mut self) -> Result<Constant> {
        let n = self.long()?;
        let count = n.unsigned_abs() as usize;
        if count.saturating_mul(2) > self.remaining() {
            return Err(self.err(K::SizeOutOfRange {
                what: "long",
                size: i64::from(n),
            }));
        }
        let raw = self.take(count * 2)?;
        let digits = raw
            .chunks_exact(2)
            .map(|d| u16::from_le_bytes([d[0], d[1]]));
        let mut words: Vec<u32> = Vec::with_capacity(count * 15 / 32 + 1);
        let (mut acc, mut bits) = (0u64, 0u32);
        for (i, d) in digits.enumerate() {
            if d > 0x7fff {
                return Err(self.err(K::DigitOutOfRange));
            }
            if d == 0 && i == count - 1 {
                return Err(self.err(K::UnnormalizedLong));
            }
            acc |= u64::from(d) << bits;
            bits += 15;
            if bits >= 32 {
                words.push(acc as u32);
                acc >>= 32;
                bits -= 32;
            }
        }
        if bits > 0 {
            words.push(acc as u32);
        }
        let magnitude = BigUint::from_slice(&words);
        let sign = if n < 0 { Sign::Minus } else { Sign::Plus };
        let value = BigInt::from_biguint(sign, magnitude);
        Ok(match i64::try_from(&value) {
            Ok(small) => Constant::Int(small),
            Err(_) => Constant::BigInt(Rc::new(value)),
        })
    }

    fn code_int(&mut self, field: &'static str) -> Result<u32> {
        let v = self.long()?;
        u32::try_from(v).map_err(|_| self.err(K::NegativeCodeField { field, value: v }))
    }

    /// `TYPE_CODE`, in the field order of the stream's CPython version.
    /// Kept out of line: its many locals would otherwise bloat the frame of
    /// every recursive `read_value` call and limit how deep we can nest.
    #[inline(never)]
    fn read_code(&mut self) -> Result<Rc<CodeObject>> {
        let v = self.version;
        if !(PyVersion::V3_8..=PyVersion::V3_13).contains(&v) {
            return Err(self.err(K::CodeLayout(v)));
        }
        let pre311 = v < PyVersion::V3_11;
        let argcount = self.code_int("co_argcount")?;
        let posonlyargcount = self.code_int("co_posonlyargcount")?;
        let kwonlyargcount = self.code_int("co_kwonlyargcount")?;
        let nlocals = if pre311 {
            Some(self.code_int("co_nlocals")?)
        } else {
            None
        };
        let stacksize = self.code_int("co_stacksize")?;
        let flags = self.code_int("co_flags")?;
        let code = self.field_bytes("co_code")?;
        let consts = self.field_tuple("co_consts")?;
        let names = self.field_strs("co_names")?;
        let (varnames, freevars, cellvars, localsplus_kinds) = if pre311 {
            let varnames = self.field_strs("co_varnames")?;
            let freevars = self.field_strs("co_freevars")?;
            let cellvars = self.field_strs("co_cellvars")?;
            (varnames, freevars, cellvars, None)
        } else {
            let names = self.field_strs("co_localsplusnames")?;
            let kinds = self.field_bytes("co_localspluskinds")?;
            if kinds.len() != names.len() {
                return Err(self.err(K::BadCodeField {
                    field: "co_localspluskinds",
                    expected: "as long as co_localsplusnames",
                    found: "bytes of another length",
                }));
            }
            let pick = |mask: u8| {
                StrTuple::from_strs(
                    names
                        .iter()
                        .zip(kinds.iter())
                        .filter(|(_, k)| **k & mask != 0)
                        .map(|(n, _)| n.clone()),
                )
            };
            (pick(0x20), pick(0x80), pick(0x40), Some(kinds))
        };
        let filename = self.field_str("co_filename")?;
        let name = self.field_str("co_name")?;
        let qualname = if pre311 {
            name.clone()
        } else {
            self.field_str("co_qualname")?
        };
        let firstlineno = self.long()?;
        let linetable = self.field_bytes(if pre311 && v < PyVersion::V3_10 {
            "co_lnotab"
        } else {
            "co_linetable"
        })?;
        let exceptiontable = if pre311 {
            Rc::from(&[][..])
        } else {
            self.field_bytes("co_exceptiontable")?
        };
        if posonlyargcount > argcount {
            return Err(self.err(K::BadCodeField {
                field: "co_posonlyargcount",
                expected: "at most co_argcount",
                found: "a larger number",
            }));
        }
        Ok(Rc::new(CodeObject::new(CodeFields {
            version: v,
            argcount,
            posonlyargcount,
            kwonlyargcount,
            nlocals: nlocals.unwrap_or(varnames.len() as u32),
            stacksize,
            flags,
            code,
            consts,
            names,
            varnames,
            freevars,
            cellvars,
            localsplus_kinds,
            filename,
            name,
            qualname,
            firstlineno,
            linetable,
            exceptiontable,
        })))
    }

    fn field(&mut self, field: &'static str) -> Result<Constant> {
        self.read_object(field)
    }

    fn field_bytes(&mut self, field: &'static str) -> Result<Rc<[u8]>> {
        match self.field(field)? {
            Constant::Bytes(b) => Ok(b),
            other => Err(self.bad_field(field, "bytes", &other)),
        }
    }

    fn field_tuple(&mut self, field: &'static str) -> Result<Rc<[Constant]>> {
        match self.field(field)? {
            Constant::Tuple(t) => Ok(t),
            other => Err(self.bad_field(field, "tuple", &other)),
        }
    }

    fn field_str(&mut self, field: &'static str) -> Result<PyStr> {
        match self.field(field)? {
            Constant::Str(s) => Ok(s),
            other => Err(self.bad_field(field, "str", &other)),
        }
    }

    fn field_strs(&mut self, field: &'static str) -> Result<StrTuple> {
        let items = self.field_tuple(field)?;
        StrTuple::new(items).map_err(|found| {
            self.err(K::BadCodeField {
                field,
                expected: "a tuple of str",
                found,
            })
        })
    }

    fn bad_field(
        &self,
        field: &'static str,
        expected: &'static str,
        found: &Constant,
    ) -> Box<MarshalError> {
        self.err(K::BadCodeField {
            field,
            expected,
            found: found.type_name(),
        })
    }
}

/// Marshal's ASCII string types are read as Latin-1 by CPython (no check).
fn latin1(bytes: &[u8]) -> PyStr {
    PyStr::from_ascii_bytes(bytes).unwrap_or_else(|| PyStr::Latin1(Rc::from(bytes)))
}

fn is_hashable(c: &Constant) -> bool {
    match c {
        Constant::List(_) | Constant::Dict(_) | Constant::Set(_) => false,
        Constant::Tuple(items) => items.iter().all(is_hashable),
        _ => true,
    }
}
