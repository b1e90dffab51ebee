//! Python's regular expressions with CPython 3.10's semantics: the syntax of
//! `sre_parse` (with its error messages and positions), the compilation
//! choices of `sre_compile`, and the matching rules of `_sre` (backtracking
//! order, capture-group bookkeeping, empty-match rules of `finditer`).
//!
//! One engine serves `str` and `bytes`: patterns are given as code points (a
//! bytes pattern's bytes are its code points), and subjects as slices of any
//! [`SreChar`] width (`u8` for bytes and Latin-1 strings, `u16`, `u32`).
//!
//! ```
//! use pyvm_sre::{Regex, Mode};
//! let cps: Vec<u32> = r"(\w+)@(\w+)".chars().map(|c| c as u32).collect();
//! let re = Regex::compile(&cps, true, 0).unwrap();
//! let text: Vec<u8> = b"mail bob@example now".to_vec();
//! let m = re.match_at(&text, 0, text.len(), Mode::Search).unwrap();
//! assert_eq!(m.span(0), Some((5, 16)));
//! assert_eq!(m.span(2), Some((9, 16)));
//! ```
//!
//! Layout: `parser` (pattern text → [`parser::Node`] tree, `re.error`s),
//! `compiler` (tree → program of [`compiler::Op`]s), `matcher` (the
//! backtracking machine, driven by an explicit stack), `unicode`/`tables`
//! (character classes and case mappings generated from CPython 3.10).

mod compiler;
mod matcher;
mod parser;
mod tables;
pub mod unicode;

pub use matcher::{Captures, Mode, Scanner, SreChar};
pub use parser::NameLookup;

/// `re.TEMPLATE`
pub const FLAG_TEMPLATE: u32 = 1;
/// `re.IGNORECASE`
pub const FLAG_IGNORECASE: u32 = 2;
/// `re.LOCALE`
pub const FLAG_LOCALE: u32 = 4;
/// `re.MULTILINE`
pub const FLAG_MULTILINE: u32 = 8;
/// `re.DOTALL`
pub const FLAG_DOTALL: u32 = 16;
/// `re.UNICODE`
pub const FLAG_UNICODE: u32 = 32;
/// `re.VERBOSE`
pub const FLAG_VERBOSE: u32 = 64;
/// `re.DEBUG`
pub const FLAG_DEBUG: u32 = 128;
/// `re.ASCII`
pub const FLAG_ASCII: u32 = 256;

/// `_sre.MAXREPEAT`: the "unbounded" repeat count.
pub const MAXREPEAT: u32 = u32::MAX;
/// `_sre.MAXGROUPS`.
pub const MAXGROUPS: usize = 2_147_483_647;

/// Which Python exception a compile error is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// `re.error`
    Re,
    /// `OverflowError` (a repeat count too large)
    Overflow,
    /// `ValueError` (incompatible flags)
    Value,
    /// Not implemented by this engine (`\N{...}` names, the DEBUG flag).
    NotImplemented,
    /// `RecursionError`: groups nested too deeply.
    Recursion,
}

/// A compile error: the message without the position suffix, and the
/// position in the pattern when CPython reports one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub msg: String,
    pub pos: Option<usize>,
}

impl Error {
    pub(crate) fn re(msg: impl Into<String>, pos: usize) -> Error {
        Error {
            kind: ErrorKind::Re,
            msg: msg.into(),
            pos: Some(pos),
        }
    }
    pub(crate) fn re_nopos(msg: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Re,
            msg: msg.into(),
            pos: None,
        }
    }
    pub(crate) fn other(kind: ErrorKind, msg: impl Into<String>) -> Error {
        Error {
            kind,
            msg: msg.into(),
            pos: None,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.pos {
            Some(p) => write!(f, "{} at position {}", self.msg, p),
            None => f.write_str(&self.msg),
        }
    }
}

impl std::error::Error for Error {}

/// A warning CPython's parser issues (`warnings.warn(message, category)`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// "DeprecationWarning" or "FutureWarning".
    pub category: &'static str,
    pub message: String,
}

/// A compiled pattern.
#[derive(Debug)]
pub struct Regex {
    prog: compiler::Program,
    flags: u32,
    groups: usize,
    group_names: Vec<(String, usize)>,
    warnings: Vec<Warning>,
}

impl Regex {
    /// Compile `pattern` (code points; a bytes pattern's byte values when
    /// `is_str` is false) with `flags`, as `re.compile` does.
    pub fn compile(pattern: &[u32], is_str: bool, flags: u32) -> Result<Regex, Error> {
        Regex::compile_with_names(pattern, is_str, flags, None)
    }

    /// `compile`, resolving `\N{name}` escapes with `names` (without it they
    /// are an `ErrorKind::NotImplemented` error).
    pub fn compile_with_names(
        pattern: &[u32],
        is_str: bool,
        flags: u32,
        names: Option<NameLookup>,
    ) -> Result<Regex, Error> {
        let parsed = parser::parse(pattern, is_str, flags, names)?;
        let prog = compiler::compile(&parsed)?;
        Ok(Regex {
            prog,
            flags: parsed.flags,
            groups: parsed.groups,
            group_names: parsed.group_names,
            warnings: parsed.warnings,
        })
    }

    /// `Pattern.flags`: the given flags, the global inline flags, and
    /// `re.UNICODE` for str patterns that are not ASCII.
    pub fn flags(&self) -> u32 {
        self.flags
    }

    /// `Pattern.groups`: the number of capturing groups.
    pub fn groups(&self) -> usize {
        self.groups
    }

    /// `Pattern.groupindex`, in definition order.
    pub fn group_names(&self) -> &[(String, usize)] {
        &self.group_names
    }

    /// Warnings the parser issued (nested sets, misplaced global flags).
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// Match at `pos` (anchored or fullmatch) or search from `pos`, looking at
    /// `text[..endpos]` (lookbehind and `\b` still see what lies before `pos`).
    /// `pos` and `endpos` are clamped to the text as CPython does.
    pub fn match_at<C: SreChar>(
        &self,
        text: &[C],
        pos: usize,
        endpos: usize,
        mode: Mode,
    ) -> Option<Captures> {
        let mut sc = Scanner::new(&self.prog, text, pos, endpos);
        if sc.run(mode, false) {
            Some(sc.captures())
        } else {
            None
        }
    }

    /// A scanner over `text[pos..endpos]` for successive matches with the
    /// rules of `finditer`, `findall`, `sub` and `split`.
    pub fn scanner<'r, 't, C: SreChar>(
        &'r self,
        text: &'t [C],
        pos: usize,
        endpos: usize,
    ) -> Scanner<'r, 't, C> {
        Scanner::new(&self.prog, text, pos, endpos)
    }

    /// All matches of a search through `text[pos..endpos]` (at most `limit`
    /// when it is not zero), with Python 3.7+'s empty-match rules: an empty
    /// match may follow a non-empty one, but never lies where the previous
    /// match ended empty.
    pub fn find_all<C: SreChar>(
        &self,
        text: &[C],
        pos: usize,
        endpos: usize,
        limit: usize,
    ) -> Vec<Captures> {
        let mut sc = self.scanner(text, pos, endpos);
        let mut out = Vec::new();
        while limit == 0 || out.len() < limit {
            match sc.next_match() {
                Some(c) => out.push(c),
                None => break,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
