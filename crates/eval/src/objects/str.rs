//! `str` objects: PEP 393 text (`pyvm_loader::PyStr`) plus a cached hash.
//!
//! Length and indexing are O(1) because the data is stored one fixed-width
//! unit per code point. ASCII strings (the common case) expose `&str` directly,
//! so most operations on them are plain Rust string operations.

use std::borrow::Cow;
use std::cell::Cell;
use std::cmp::Ordering;
use std::rc::Rc;

use pyvm_loader::PyStr;

pub struct StrObject {
    /// -1 until computed (CPython never produces -1 as a hash).
    hash: Cell<i64>,
    data: PyStr,
}

impl StrObject {
    pub fn new(s: &str) -> Rc<StrObject> {
        Rc::new(StrObject {
            hash: Cell::new(-1),
            data: PyStr::new(s),
        })
    }

    pub fn from_string(s: String) -> Rc<StrObject> {
        StrObject::new(&s)
    }

    /// A string built from ASCII parts: no second scan for the kind.
    pub fn from_ascii_string(s: &str) -> Rc<StrObject> {
        StrObject::from_pystr(PyStr::from_ascii_str(s))
    }

    pub fn from_pystr(data: PyStr) -> Rc<StrObject> {
        Rc::new(StrObject {
            hash: Cell::new(-1),
            data,
        })
    }

    pub fn from_code_points(cps: &[u32]) -> Rc<StrObject> {
        StrObject::from_pystr(PyStr::from_code_points(cps))
    }

    pub fn from_char(c: u32) -> Rc<StrObject> {
        StrObject::from_code_points(&[c])
    }

    pub fn data(&self) -> &PyStr {
        &self.data
    }

    /// Number of code points.
    pub fn len(&self) -> usize {
        self.data.len()
    }

    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    pub fn is_ascii(&self) -> bool {
        matches!(self.data, PyStr::Ascii(_))
    }

    pub fn as_ascii(&self) -> Option<&str> {
        self.data.as_ascii()
    }

    /// The code point at `i` (must be in range).
    pub fn char_at(&self, i: usize) -> u32 {
        self.data.code_point(i).unwrap_or(0)
    }

    pub fn chars(&self) -> impl Iterator<Item = u32> + '_ {
        self.data.code_points()
    }

    pub fn code_points(&self) -> Vec<u32> {
        self.data.code_points().collect()
    }

    /// The text as Rust UTF-8; lone surrogates become U+FFFD.
    pub fn to_rust(&self) -> Cow<'_, str> {
        self.data.to_string_lossy()
    }

    /// Whether the text has lone surrogates (so `to_rust` would be lossy).
    pub fn has_surrogates(&self) -> bool {
        match &self.data {
            PyStr::Ucs2(u) => u.iter().any(|&c| (0xd800..0xe000).contains(&c)),
            PyStr::Ucs4(u) => u.iter().any(|&c| (0xd800..0xe000).contains(&c)),
            _ => false,
        }
    }

    pub fn hash(&self) -> i64 {
        let h = self.hash.get();
        if h != -1 {
            return h;
        }
        let h = self.data.cpython_hash();
        self.hash.set(h);
        h
    }

    pub fn repr(&self) -> String {
        self.data.repr()
    }

    pub fn eq_str(&self, other: &StrObject) -> bool {
        if std::ptr::eq(self, other) {
            return true;
        }
        if self.len() != other.len() {
            return false;
        }
        let (h1, h2) = (self.hash.get(), other.hash.get());
        if h1 != -1 && h2 != -1 && h1 != h2 {
            return false;
        }
        match (&self.data, &other.data) {
            (PyStr::Ascii(a), PyStr::Ascii(b)) => a == b,
            (PyStr::Latin1(a), PyStr::Latin1(b)) => a == b,
            (PyStr::Ucs2(a), PyStr::Ucs2(b)) => a == b,
            (PyStr::Ucs4(a), PyStr::Ucs4(b)) => a == b,
            // Layouts are canonical (narrowest), so different layouts differ.
            _ => false,
        }
    }

    pub fn eq_ascii(&self, s: &str) -> bool {
        self.as_ascii() == Some(s)
    }

    /// Code-point order, as CPython compares strings.
    pub fn cmp_str(&self, other: &StrObject) -> Ordering {
        if let (Some(a), Some(b)) = (self.as_ascii(), other.as_ascii()) {
            return a.cmp(b);
        }
        self.chars().cmp(other.chars())
    }

    pub fn concat(&self, other: &StrObject) -> Rc<StrObject> {
        if let (Some(a), Some(b)) = (self.as_ascii(), other.as_ascii()) {
            let mut s = String::with_capacity(a.len() + b.len());
            s.push_str(a);
            s.push_str(b);
            return StrObject::from_ascii_string(&s);
        }
        let mut cps = self.code_points();
        cps.extend(other.chars());
        StrObject::from_code_points(&cps)
    }

    /// The substring of code points `start..stop` (clamped by the caller).
    pub fn substring(&self, start: usize, stop: usize) -> Rc<StrObject> {
        if let Some(a) = self.as_ascii() {
            return StrObject::new(&a[start..stop]);
        }
        let cps: Vec<u32> = (start..stop).map(|i| self.char_at(i)).collect();
        StrObject::from_code_points(&cps)
    }

    /// Position (in code points) of `needle` at or after `start`, before `end`.
    pub fn find(&self, needle: &StrObject, start: usize, end: usize) -> Option<usize> {
        if start > end || end > self.len() {
            return None;
        }
        if let (Some(h), Some(n)) = (self.as_ascii(), needle.as_ascii()) {
            return h[start..end].find(n).map(|i| i + start);
        }
        let h: Vec<u32> = (start..end).map(|i| self.char_at(i)).collect();
        let n = needle.code_points();
        if n.is_empty() {
            return Some(start);
        }
        h.windows(n.len())
            .position(|w| w == n.as_slice())
            .map(|i| i + start)
    }

    pub fn rfind(&self, needle: &StrObject, start: usize, end: usize) -> Option<usize> {
        if start > end || end > self.len() {
            return None;
        }
        if let (Some(h), Some(n)) = (self.as_ascii(), needle.as_ascii()) {
            return h[start..end].rfind(n).map(|i| i + start);
        }
        let h: Vec<u32> = (start..end).map(|i| self.char_at(i)).collect();
        let n = needle.code_points();
        if n.is_empty() {
            return Some(end);
        }
        h.windows(n.len())
            .rposition(|w| w == n.as_slice())
            .map(|i| i + start)
    }

    pub fn contains(&self, needle: &StrObject) -> bool {
        self.find(needle, 0, self.len()).is_some()
    }
}

impl std::fmt::Display for StrObject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_rust())
    }
}
