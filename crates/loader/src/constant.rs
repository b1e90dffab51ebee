//! The values a marshal stream can hold, as the loader hands them on.
//!
//! These are plain immutable data; the eval crate turns them into runtime
//! objects. Containers are `Rc`-shared because marshal back-references make one
//! object appear in many places (a name used by many code objects).

use std::rc::Rc;

use num_bigint::BigInt;

use crate::code::CodeObject;
use crate::pystr::PyStr;

#[derive(Clone, Debug)]
pub enum Constant {
    None,
    Ellipsis,
    StopIteration,
    Bool(bool),
    /// An int that fits in 64 bits.
    Int(i64),
    /// Any other int.
    BigInt(Rc<BigInt>),
    Float(f64),
    Complex {
        re: f64,
        im: f64,
    },
    Str(PyStr),
    Bytes(Rc<[u8]>),
    Tuple(Rc<[Constant]>),
    List(Rc<[Constant]>),
    Dict(Rc<[(Constant, Constant)]>),
    Set(Rc<[Constant]>),
    FrozenSet(Rc<[Constant]>),
    Code(Rc<CodeObject>),
}

impl Constant {
    /// The Python type name, for error messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Constant::None => "NoneType",
            Constant::Ellipsis => "ellipsis",
            Constant::StopIteration => "type",
            Constant::Bool(_) => "bool",
            Constant::Int(_) | Constant::BigInt(_) => "int",
            Constant::Float(_) => "float",
            Constant::Complex { .. } => "complex",
            Constant::Str(_) => "str",
            Constant::Bytes(_) => "bytes",
            Constant::Tuple(_) => "tuple",
            Constant::List(_) => "list",
            Constant::Dict(_) => "dict",
            Constant::Set(_) => "set",
            Constant::FrozenSet(_) => "frozenset",
            Constant::Code(_) => "code",
        }
    }

    pub fn as_str(&self) -> Option<&PyStr> {
        match self {
            Constant::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_code(&self) -> Option<&Rc<CodeObject>> {
        match self {
            Constant::Code(c) => Some(c),
            _ => None,
        }
    }

    /// The value as an f64 if it is a real number (bool, int, float).
    fn as_real(&self) -> Option<f64> {
        match self {
            Constant::Bool(b) => Some(f64::from(u8::from(*b))),
            Constant::Int(i) => Some(*i as f64),
            Constant::Float(f) => Some(*f),
            _ => None,
        }
    }

    /// Python `==` between constants, as far as set building needs it:
    /// numbers compare across bool/int/float, containers element-wise.
    pub fn py_eq(&self, other: &Constant) -> bool {
        use Constant::*;
        match (self, other) {
            (None, None) | (Ellipsis, Ellipsis) | (StopIteration, StopIteration) => true,
            (Int(a), Int(b)) => a == b,
            (BigInt(a), BigInt(b)) => a == b,
            (Complex { re: a, im: b }, Complex { re: c, im: d }) => a == c && b == d,
            (Complex { re, im }, x) | (x, Complex { re, im }) => {
                *im == 0.0 && x.as_real() == Some(*re)
            }
            (Str(a), Str(b)) => a == b,
            (Bytes(a), Bytes(b)) => a == b,
            (Tuple(a), Tuple(b)) | (List(a), List(b)) => {
                a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.py_eq(y))
            }
            (Code(a), Code(b)) => Rc::ptr_eq(a, b),
            (a, b) => match (a.as_real(), b.as_real()) {
                (Some(x), Some(y)) => x == y,
                _ => false,
            },
        }
    }

    /// `hash(value)` as CPython computes it with `PYTHONHASHSEED=0`. Values CPython
    /// hashes by address (None, Ellipsis, code) get a fixed stand-in, and
    /// unhashable ones 0; only the order of printed frozensets depends on this.
    pub fn cpython_hash(&self) -> i64 {
        use crate::hash;
        match self {
            Constant::Bool(b) => i64::from(*b),
            Constant::Int(i) => hash::hash_i64(*i),
            Constant::BigInt(b) => {
                let m = b.magnitude() % num_bigint::BigUint::from(hash::HASH_MODULUS);
                let m = m.iter_u64_digits().next().unwrap_or(0);
                hash::hash_from_reduced(b.sign() == num_bigint::Sign::Minus, m)
            }
            Constant::Float(f) => hash::hash_f64(*f),
            Constant::Complex { re, im } => hash::hash_complex(*re, *im),
            Constant::Str(s) => s.cpython_hash(),
            Constant::Bytes(b) => hash::hash_bytes(b),
            Constant::Tuple(items) => hash::hash_tuple(items.iter().map(|c| c.cpython_hash())),
            Constant::None | Constant::Ellipsis | Constant::StopIteration => 0x1000,
            _ => 0,
        }
    }
}

/// A tuple known to hold only `str`: `co_names`, `co_varnames` and friends.
/// It shares the marshalled tuple instead of copying it out, which keeps code
/// objects cheap to load.
#[derive(Clone, Debug)]
pub struct StrTuple(Rc<[Constant]>);

impl StrTuple {
    /// Accept `items` if every one is a `str`; otherwise return the first
    /// offender's type name.
    pub fn new(items: Rc<[Constant]>) -> Result<StrTuple, &'static str> {
        match items.iter().find(|c| !matches!(c, Constant::Str(_))) {
            Some(bad) => Err(bad.type_name()),
            None => Ok(StrTuple(items)),
        }
    }

    pub fn from_strs(items: impl IntoIterator<Item = PyStr>) -> StrTuple {
        StrTuple(items.into_iter().map(Constant::Str).collect())
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, index: usize) -> Option<&PyStr> {
        self.0.get(index).and_then(Constant::as_str)
    }

    pub fn iter(&self) -> impl Iterator<Item = &PyStr> {
        self.0.iter().filter_map(Constant::as_str)
    }

    /// The tuple as constants (for `co_names` as a Python tuple).
    pub fn as_constants(&self) -> &Rc<[Constant]> {
        &self.0
    }
}
