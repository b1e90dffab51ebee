//! CPython 3.10's string-formatting renderers (`format()`, `str.format` specs and
//! `%`-formatting) as pure functions over plain Rust values, so the object layer
//! only fetches arguments and the byte-exact output rules live in one place.

mod dtoa;
mod number;
mod printf;
mod spec;
mod text;

use std::fmt;

pub use dtoa::{double_to_string, DtoaFlags};
pub use number::{
    format_complex, format_complex_as, format_float, format_float_as, format_i64, format_int,
    format_int_ctx, int_to_float, IntFormatContext, DEFAULT_MAX_STR_DIGITS,
};
pub use printf::{
    parse_percent, parse_percent_bytes, percent_byte_from_int, percent_bytes_pad, percent_char,
    percent_char_from_int, percent_float, percent_int, percent_int_with_limit, percent_str_pad,
    percent_str_pad_code_points, PercentConv, PercentParseError, PercentParser, PercentPiece,
    PercentSpec,
};
pub use spec::{Align, FormatSpec, Grouping, Sign};
pub use text::{format_str, format_str_as, format_str_code_points};

/// The Python exception class a formatting failure maps to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatErrorKind {
    ValueError,
    TypeError,
    OverflowError,
    /// The output would not fit in memory (a width like 10**12); CPython's
    /// `MemoryError()` has no message.
    MemoryError,
}

/// A formatting failure: the exception class plus CPython's exact message, so
/// the caller can raise it without rewording.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatError {
    pub kind: FormatErrorKind,
    pub message: String,
}

impl FormatError {
    pub fn value(message: impl Into<String>) -> Self {
        FormatError {
            kind: FormatErrorKind::ValueError,
            message: message.into(),
        }
    }

    pub fn type_error(message: impl Into<String>) -> Self {
        FormatError {
            kind: FormatErrorKind::TypeError,
            message: message.into(),
        }
    }

    pub fn overflow(message: impl Into<String>) -> Self {
        FormatError {
            kind: FormatErrorKind::OverflowError,
            message: message.into(),
        }
    }

    pub fn memory() -> Self {
        FormatError {
            kind: FormatErrorKind::MemoryError,
            message: String::new(),
        }
    }
}

/// Reserves room for `extra` more units, failing like CPython (MemoryError)
/// rather than aborting when a huge width is asked for.
pub(crate) fn reserve<T>(buf: &mut Vec<T>, extra: usize) -> Result<(), FormatError> {
    buf.try_reserve(extra).map_err(|_| FormatError::memory())
}

/// `reserve` for a `String`, `extra` in bytes.
pub(crate) fn reserve_str(buf: &mut String, extra: usize) -> Result<(), FormatError> {
    buf.try_reserve(extra).map_err(|_| FormatError::memory())
}

/// Appends `n` copies of `c`.
pub(crate) fn push_n(buf: &mut String, c: char, n: usize) -> Result<(), FormatError> {
    reserve_str(
        buf,
        n.checked_mul(c.len_utf8())
            .ok_or_else(FormatError::memory)?,
    )?;
    buf.extend(std::iter::repeat_n(c, n));
    Ok(())
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}: {}", self.kind, self.message)
    }
}

impl std::error::Error for FormatError {}

/// Shared by the unit tests: CPython results are `Ok(text)` or `Err((kind, message))`.
#[cfg(test)]
pub(crate) mod testutil {
    use super::{FormatError, FormatErrorKind};

    pub type Expect = Result<&'static str, (&'static str, &'static str)>;

    pub fn check(got: Result<String, FormatError>, want: &Expect, what: &str) {
        match (got, want) {
            (Ok(g), Ok(w)) => assert_eq!(g, *w, "{what}"),
            (Err(e), Err((k, m))) => {
                let kind = match e.kind {
                    FormatErrorKind::ValueError => "ValueError",
                    FormatErrorKind::TypeError => "TypeError",
                    FormatErrorKind::OverflowError => "OverflowError",
                    FormatErrorKind::MemoryError => "MemoryError",
                };
                assert_eq!((kind, e.message.as_str()), (*k, *m), "{what}");
            }
            (g, w) => panic!("{what}: got {g:?}, want {w:?}"),
        }
    }
}
