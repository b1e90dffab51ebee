//! Python `str` data in CPython's PEP 393 layout: one, two or four bytes per code
//! point, chosen by the widest character.
//!
//! Why not Rust's `String`: Python strings index by code point in O(1), may hold
//! lone surrogates (marshal writes them with `surrogatepass`), and hash over their
//! code units; all three fall out of this layout. ASCII strings — nearly all
//! names and most literals — are kept as `str` so they print and compare at
//! Rust speed.

use std::fmt::Write as _;
use std::rc::Rc;

#[derive(Clone, PartialEq, Eq, Hash)]
pub enum PyStr {
    /// Every code point < 0x80.
    Ascii(Rc<str>),
    /// Code points < 0x100, at least one >= 0x80.
    Latin1(Rc<[u8]>),
    /// Code points < 0x10000, at least one >= 0x100.
    Ucs2(Rc<[u16]>),
    /// At least one code point >= 0x10000.
    Ucs4(Rc<[u32]>),
}

/// Why bytes could not be decoded as UTF-8 (with `surrogatepass`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Utf8Error {
    pub offset: usize,
}

impl PyStr {
    pub fn from_ascii_str(s: &str) -> PyStr {
        debug_assert!(s.is_ascii());
        PyStr::Ascii(Rc::from(s))
    }

    /// Build from bytes if they are all ASCII. This is the loader's hottest
    /// path (nearly every name and most string constants), so it validates
    /// once with `is_ascii` rather than again with `str::from_utf8`: that
    /// second scan cost ~4% of unmarshal time in callgrind.
    pub fn from_ascii_bytes(bytes: &[u8]) -> Option<PyStr> {
        if !bytes.is_ascii() {
            return None;
        }
        // SAFETY: every byte is < 0x80, and a sequence of ASCII bytes is valid UTF-8.
        let s = unsafe { std::str::from_utf8_unchecked(bytes) };
        Some(PyStr::Ascii(Rc::from(s)))
    }

    /// Build from code points, picking the narrowest layout.
    pub fn from_code_points(cps: &[u32]) -> PyStr {
        let max = cps.iter().copied().max().unwrap_or(0);
        if max < 0x80 {
            let s: String = cps.iter().map(|&c| c as u8 as char).collect();
            PyStr::Ascii(Rc::from(s))
        } else if max < 0x100 {
            PyStr::Latin1(cps.iter().map(|&c| c as u8).collect())
        } else if max < 0x10000 {
            PyStr::Ucs2(cps.iter().map(|&c| c as u16).collect())
        } else {
            PyStr::Ucs4(Rc::from(cps))
        }
    }

    /// Build from Rust text (which cannot contain surrogates).
    pub fn new(s: &str) -> PyStr {
        if s.is_ascii() {
            PyStr::Ascii(Rc::from(s))
        } else {
            let cps: Vec<u32> = s.chars().map(|c| c as u32).collect();
            PyStr::from_code_points(&cps)
        }
    }

    /// Decode UTF-8, accepting encoded surrogates (CPython's `surrogatepass`).
    pub fn from_utf8_surrogatepass(bytes: &[u8]) -> Result<PyStr, Utf8Error> {
        if let Some(s) = PyStr::from_ascii_bytes(bytes) {
            return Ok(s);
        }
        if let Ok(s) = std::str::from_utf8(bytes) {
            return Ok(PyStr::new(s));
        }
        let cps = decode_utf8_surrogatepass(bytes)?;
        Ok(PyStr::from_code_points(&cps))
    }

    /// Number of code points: O(1).
    pub fn len(&self) -> usize {
        match self {
            PyStr::Ascii(s) => s.len(),
            PyStr::Latin1(s) => s.len(),
            PyStr::Ucs2(s) => s.len(),
            PyStr::Ucs4(s) => s.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The code point at `index`: O(1).
    pub fn code_point(&self, index: usize) -> Option<u32> {
        match self {
            PyStr::Ascii(s) => s.as_bytes().get(index).map(|&b| u32::from(b)),
            PyStr::Latin1(s) => s.get(index).map(|&b| u32::from(b)),
            PyStr::Ucs2(s) => s.get(index).map(|&c| u32::from(c)),
            PyStr::Ucs4(s) => s.get(index).copied(),
        }
    }

    pub fn code_points(&self) -> impl Iterator<Item = u32> + '_ {
        (0..self.len()).map(move |i| self.code_point(i).unwrap_or(0))
    }

    /// The text if it is ASCII, without copying.
    pub fn as_ascii(&self) -> Option<&str> {
        match self {
            PyStr::Ascii(s) => Some(s),
            _ => None,
        }
    }

    /// UTF-8 text; lone surrogates become U+FFFD (they cannot be printed as UTF-8).
    pub fn to_string_lossy(&self) -> std::borrow::Cow<'_, str> {
        match self {
            PyStr::Ascii(s) => std::borrow::Cow::Borrowed(s),
            _ => std::borrow::Cow::Owned(
                self.code_points()
                    .map(|c| char::from_u32(c).unwrap_or('\u{fffd}'))
                    .collect(),
            ),
        }
    }

    /// `hash(s)` as CPython computes it under `PYTHONHASHSEED=0`.
    pub fn cpython_hash(&self) -> i64 {
        match self {
            PyStr::Ascii(s) => crate::hash::hash_bytes(s.as_bytes()),
            PyStr::Latin1(s) => crate::hash::hash_bytes(s),
            PyStr::Ucs2(s) => {
                let bytes: Vec<u8> = s.iter().flat_map(|c| c.to_le_bytes()).collect();
                crate::hash::hash_bytes(&bytes)
            }
            PyStr::Ucs4(s) => {
                let bytes: Vec<u8> = s.iter().flat_map(|c| c.to_le_bytes()).collect();
                crate::hash::hash_bytes(&bytes)
            }
        }
    }

    /// CPython's `repr(s)`: quotes chosen as CPython does, escapes for
    /// non-printable characters.
    pub fn repr(&self) -> String {
        let mut out = String::with_capacity(self.len() + 2);
        self.write_repr(&mut out);
        out
    }

    pub fn write_repr(&self, out: &mut String) {
        let has_single = self.code_points().any(|c| c == u32::from(b'\''));
        let has_double = self.code_points().any(|c| c == u32::from(b'"'));
        let quote = if has_single && !has_double { '"' } else { '\'' };
        out.push(quote);
        for c in self.code_points() {
            match c {
                _ if c == quote as u32 || c == u32::from(b'\\') => {
                    out.push('\\');
                    out.push(quote_char(c));
                }
                0x09 => out.push_str("\\t"),
                0x0a => out.push_str("\\n"),
                0x0d => out.push_str("\\r"),
                0..=0x1f | 0x7f => {
                    let _ = write!(out, "\\x{c:02x}");
                }
                0x20..=0x7e => out.push(c as u8 as char),
                _ if crate::unicode::is_printable(c) => {
                    out.push(char::from_u32(c).unwrap_or('\u{fffd}'));
                }
                0x80..=0xff => {
                    let _ = write!(out, "\\x{c:02x}");
                }
                0x100..=0xffff => {
                    let _ = write!(out, "\\u{c:04x}");
                }
                _ => {
                    let _ = write!(out, "\\U{c:08x}");
                }
            }
        }
        out.push(quote);
    }
}

fn quote_char(c: u32) -> char {
    char::from_u32(c).unwrap_or('?')
}

impl std::fmt::Debug for PyStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.repr())
    }
}

impl std::fmt::Display for PyStr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_string_lossy())
    }
}

/// UTF-8 decoding that also accepts the 3-byte encodings of U+D800..U+DFFF.
fn decode_utf8_surrogatepass(bytes: &[u8]) -> Result<Vec<u32>, Utf8Error> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    let cont = |i: usize| -> Result<u32, Utf8Error> {
        match bytes.get(i) {
            Some(&b) if b & 0xc0 == 0x80 => Ok(u32::from(b & 0x3f)),
            _ => Err(Utf8Error { offset: i }),
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        let (cp, len) = match b {
            0x00..=0x7f => (u32::from(b), 1),
            0xc2..=0xdf => ((u32::from(b & 0x1f) << 6) | cont(i + 1)?, 2),
            0xe0..=0xef => {
                let cp = (u32::from(b & 0x0f) << 12) | (cont(i + 1)? << 6) | cont(i + 2)?;
                if cp < 0x800 {
                    return Err(Utf8Error { offset: i });
                }
                (cp, 3)
            }
            0xf0..=0xf4 => {
                let cp = (u32::from(b & 0x07) << 18)
                    | (cont(i + 1)? << 12)
                    | (cont(i + 2)? << 6)
                    | cont(i + 3)?;
                if !(0x10000..=0x10ffff).contains(&cp) {
                    return Err(Utf8Error { offset: i });
                }
                (cp, 4)
            }
            _ => return Err(Utf8Error { offset: i }),
        };
        out.push(cp);
        i += len;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_and_indexing() {
        let s = PyStr::new("aé中😀");
        assert!(matches!(s, PyStr::Ucs4(_)));
        assert_eq!(s.len(), 4);
        assert_eq!(s.code_point(2), Some(0x4e2d));
        assert!(matches!(PyStr::new("é"), PyStr::Latin1(_)));
        assert!(matches!(PyStr::new("abc"), PyStr::Ascii(_)));
    }

    #[test]
    fn surrogates_survive() {
        let s = PyStr::from_utf8_surrogatepass(b"a\xed\xa0\x80").unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s.repr(), "'a\\ud800'");
        assert!(PyStr::from_utf8_surrogatepass(b"\xff").is_err());
        assert!(PyStr::from_utf8_surrogatepass(b"\xe0\x80\x80").is_err());
    }

    #[test]
    fn repr_quoting() {
        assert_eq!(PyStr::new("it's").repr(), "\"it's\"");
        assert_eq!(PyStr::new("a'b\"c").repr(), "'a\\'b\"c'");
        assert_eq!(PyStr::new("\t\x00\x7f\\").repr(), "'\\t\\x00\\x7f\\\\'");
        assert_eq!(PyStr::new("\u{85}\u{a0}é").repr(), "'\\x85\\xa0é'");
        assert_eq!(PyStr::new("\u{200b}").repr(), "'\\u200b'");
        assert_eq!(PyStr::new("\u{e0001}😀").repr(), "'\\U000e0001😀'");
    }
}
