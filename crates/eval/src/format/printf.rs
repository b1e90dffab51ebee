//! `%`-formatting (`str % args`, `bytes % args`): the format-string parser and
//! the per-conversion renderers. Fetching arguments, calling `str()`/`repr()`
//! and the "not all arguments converted" check belong to the caller.
//!
//! Caller contract, matching the order in which CPython 3.10 raises errors:
//!
//! 1. Pull pieces from [`PercentParser`] one at a time (a syntax error is only
//!    reported when the parser reaches it, after earlier conversions ran).
//! 2. For a [`PercentConv`]: if `key` is set, look it up in the mapping (the
//!    looked-up value replaces the argument tuple, as in CPython: a following
//!    `*` or the value itself is then taken from it); for `width_from_args`
//!    then `precision_from_args` take the next argument, raise
//!    `TypeError("* wants int")` unless it is an int, and pass it to
//!    [`PercentSpec::set_star_width`] / [`PercentSpec::set_star_precision`];
//!    then take the value argument ("not enough arguments for format string"),
//!    then call [`PercentConv::check_conversion`], then convert and render.
//!    With a mapping, "not all arguments converted" is checked after every
//!    conversion; with a tuple, once at the end.
//! 3. A [`PercentParseError`] says which of these steps CPython had already
//!    done when it hit the syntax error (`mapping`, `key`, `star_args`): do
//!    them first, since their errors win ("format requires a mapping",
//!    KeyError, "* wants int", "not enough arguments for format string").
//!
//! The tests' `Driver` is a complete reference caller.

use std::ops::Range;

use num_bigint::{BigInt, Sign as BigSign};
use num_traits::ToPrimitive;

use super::dtoa::{double_to_string, DtoaFlags};
use super::number::{abs_digits, DEFAULT_MAX_STR_DIGITS};
use super::{reserve, reserve_str, FormatError};

/// Flags, width and precision of one conversion, with any `*` resolved.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PercentSpec {
    /// `-`
    pub left: bool,
    /// `+`
    pub plus: bool,
    /// ` `
    pub space: bool,
    /// `#`
    pub alt: bool,
    /// `0`
    pub zero: bool,
    pub width: Option<usize>,
    pub precision: Option<usize>,
}

impl PercentSpec {
    /// Applies a `*` width argument (already known to be an int): negative
    /// means left-justify, as in C.
    pub fn set_star_width(&mut self, v: &BigInt) -> Result<(), FormatError> {
        let w = v
            .to_i64()
            .ok_or_else(|| FormatError::overflow("Python int too large to convert to C ssize_t"))?;
        if w < 0 {
            self.left = true;
        }
        // -(-2**63) wraps to itself in CPython and then acts as "no width".
        self.width = Some(w.checked_abs().unwrap_or(0) as usize);
        Ok(())
    }

    /// Applies a `*` precision argument (already known to be an int): a
    /// negative one counts as 0.
    pub fn set_star_precision(&mut self, v: &BigInt) -> Result<(), FormatError> {
        let p = v
            .to_i32()
            .ok_or_else(|| FormatError::overflow("Python int too large to convert to C int"))?;
        self.precision = Some(p.max(0) as usize);
        Ok(())
    }
}

/// One conversion (`%(key)-#08.3x`) of a format string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PercentConv {
    /// Byte range of the mapping key inside the format string (`%(key)s`).
    pub key: Option<Range<usize>>,
    pub spec: PercentSpec,
    /// `*` width: take it from the arguments.
    pub width_from_args: bool,
    /// `.*` precision: take it from the arguments.
    pub precision_from_args: bool,
    /// The conversion character; may be unsupported, see `check_conversion`.
    pub conv: char,
    /// Position of `conv` for error messages: code points for str, bytes for bytes.
    pub index: usize,
    bytes: bool,
    /// Bytes only: `conv` was read by a width/precision digit loop, where
    /// CPython 3.10 reads it as unsigned (see `check_conversion`).
    unsigned: bool,
}

impl PercentConv {
    /// The "unsupported format character" error, which CPython raises only
    /// after fetching the value argument.
    pub fn check_conversion(&self) -> Result<(), FormatError> {
        let supported = if self.bytes {
            "bsraidouxXeEfFgGc"
        } else {
            "sraidouxXeEfFgGc"
        };
        if supported.contains(self.conv) {
            return Ok(());
        }
        let code = self.conv as u32;
        let shown = if self.bytes {
            if code >= 0x80 && !self.unsigned {
                // CPython 3.10 holds the byte in a signed char here, fails
                // while building the message and raises a bare ValueError().
                return Err(FormatError::value(""));
            }
            self.conv
        } else if (31..=126).contains(&code) {
            self.conv
        } else {
            '?'
        };
        Err(FormatError::value(format!(
            "unsupported format character '{shown}' (0x{code:x}) at index {}",
            self.index
        )))
    }

    /// The mapping key as text, for a str format string.
    pub fn key_in<'a>(&self, fmt: &'a str) -> Option<&'a str> {
        self.key.clone().map(|r| &fmt[r])
    }
}

/// A piece of a format string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PercentPiece {
    /// Text copied as is: a byte range of the format string. `%%` yields the
    /// range of its second '%'.
    Literal(Range<usize>),
    Conversion(PercentConv),
}

/// A syntax error, with what CPython had done before detecting it: checked
/// that the arguments are a mapping (`mapping`, set once a `%(` was seen),
/// looked up `key` in it and fetched `star_args` `*` arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PercentParseError {
    pub error: FormatError,
    pub mapping: bool,
    pub key: Option<Range<usize>>,
    pub star_args: usize,
}

#[derive(Clone, Copy)]
enum Source<'a> {
    Str(&'a str),
    Bytes(&'a [u8]),
}

impl Source<'_> {
    fn len(&self) -> usize {
        match self {
            Source::Str(s) => s.len(),
            Source::Bytes(b) => b.len(),
        }
    }

    /// The unit at byte offset `pos` and its length in bytes.
    fn at(&self, pos: usize) -> Option<(char, usize)> {
        match self {
            Source::Str(s) => s.get(pos..)?.chars().next().map(|c| (c, c.len_utf8())),
            Source::Bytes(b) => b.get(pos).map(|&c| (c as char, 1)),
        }
    }
}

/// Splits a format string into pieces lazily; see the module docs for why
/// laziness matters. Stops after the first error.
pub struct PercentParser<'a> {
    src: Source<'a>,
    /// Byte offset.
    pos: usize,
    /// Code point (or byte) index of `pos`.
    index: usize,
    done: bool,
    /// The last unit was read by a digit loop.
    in_digits: bool,
}

impl<'a> PercentParser<'a> {
    pub fn new(fmt: &'a str) -> Self {
        PercentParser {
            src: Source::Str(fmt),
            pos: 0,
            index: 0,
            done: false,
            in_digits: false,
        }
    }

    /// For `bytes % args`: '%b' is accepted and one byte is one unit.
    pub fn new_bytes(fmt: &'a [u8]) -> Self {
        PercentParser {
            src: Source::Bytes(fmt),
            pos: 0,
            index: 0,
            done: false,
            in_digits: false,
        }
    }

    fn is_bytes(&self) -> bool {
        matches!(self.src, Source::Bytes(_))
    }

    /// Reads one unit into `ch`; false (leaving `ch` alone) at the end.
    fn read(&mut self, ch: &mut char) -> bool {
        self.in_digits = false;
        match self.src.at(self.pos) {
            Some((c, n)) => {
                *ch = c;
                self.pos += n;
                self.index += 1;
                true
            }
            None => false,
        }
    }

    /// Parses what follows a '%' that is not "%%".
    fn conversion(&mut self) -> Result<PercentConv, PercentParseError> {
        let mut key = None;
        let mut stars = 0;
        let fail = |msg: &str, key: &Option<Range<usize>>, stars| PercentParseError {
            error: FormatError::value(msg),
            mapping: key.is_some(),
            key: key.clone(),
            star_args: stars,
        };
        // CPython looks at the NUL terminator when the string ends here.
        let mut ch = self.src.at(self.pos).map_or('\0', |(c, _)| c);

        if ch == '(' {
            self.pos += 1;
            self.index += 1;
            let start = self.pos;
            let mut depth = 1;
            while depth > 0 {
                if !self.read(&mut ch) {
                    let mut e = fail("incomplete format key", &None, 0);
                    e.mapping = true;
                    return Err(e);
                }
                match ch {
                    ')' => depth -= 1,
                    '(' => depth += 1,
                    _ => {}
                }
            }
            key = Some(start..self.pos - 1);
        }

        let mut spec = PercentSpec::default();
        let mut more;
        loop {
            more = self.read(&mut ch);
            if !more {
                break;
            }
            match ch {
                '-' => spec.left = true,
                '+' => spec.plus = true,
                ' ' => spec.space = true,
                '#' => spec.alt = true,
                '0' => spec.zero = true,
                _ => break,
            }
        }

        let mut width_from_args = false;
        if ch == '*' {
            width_from_args = true;
            stars += 1;
            more = self.read(&mut ch);
        } else if ch.is_ascii_digit() {
            let mut width = ch as usize - '0' as usize;
            loop {
                more = self.read(&mut ch);
                self.in_digits = true;
                if !more || !ch.is_ascii_digit() {
                    break;
                }
                let d = ch as usize - '0' as usize;
                if width > (isize::MAX as usize - d) / 10 {
                    return Err(fail("width too big", &key, stars));
                }
                width = width * 10 + d;
            }
            spec.width = Some(width);
        }

        let mut precision_from_args = false;
        if ch == '.' {
            spec.precision = Some(0);
            // Once the string is exhausted `ch` stays '.', which matches nothing below.
            more = self.read(&mut ch);
            if ch == '*' && more {
                precision_from_args = true;
                stars += 1;
                more = self.read(&mut ch);
            } else if ch.is_ascii_digit() && more {
                let mut prec = ch as usize - '0' as usize;
                loop {
                    more = self.read(&mut ch);
                    self.in_digits = true;
                    if !more || !ch.is_ascii_digit() {
                        break;
                    }
                    let d = ch as usize - '0' as usize;
                    if prec > (i32::MAX as usize - d) / 10 {
                        let msg = if self.is_bytes() {
                            "prec too big"
                        } else {
                            "precision too big"
                        };
                        return Err(fail(msg, &key, stars));
                    }
                    prec = prec * 10 + d;
                }
                spec.precision = Some(prec);
            }
        }

        // Length modifiers are accepted and ignored ("%ld").
        if more && matches!(ch, 'h' | 'l' | 'L') {
            more = self.read(&mut ch);
        }
        if !more {
            return Err(fail("incomplete format", &key, stars));
        }
        Ok(PercentConv {
            key,
            spec,
            width_from_args,
            precision_from_args,
            conv: ch,
            index: self.index - 1,
            bytes: self.is_bytes(),
            unsigned: self.in_digits,
        })
    }
}

impl Iterator for PercentParser<'_> {
    type Item = Result<PercentPiece, PercentParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done || self.pos >= self.src.len() {
            return None;
        }
        let start = self.pos;
        let mut ch = '\0';
        self.read(&mut ch);
        if ch != '%' {
            while let Some((c, n)) = self.src.at(self.pos) {
                if c == '%' {
                    break;
                }
                self.pos += n;
                self.index += 1;
            }
            return Some(Ok(PercentPiece::Literal(start..self.pos)));
        }
        if let Some(('%', _)) = self.src.at(self.pos) {
            self.read(&mut ch);
            return Some(Ok(PercentPiece::Literal(self.pos - 1..self.pos)));
        }
        match self.conversion() {
            Ok(conv) => Some(Ok(PercentPiece::Conversion(conv))),
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

fn collect(parser: PercentParser) -> Result<Vec<PercentPiece>, FormatError> {
    let mut pieces = Vec::new();
    for piece in parser {
        let piece = piece.map_err(|e| e.error)?;
        if let PercentPiece::Conversion(conv) = &piece {
            conv.check_conversion()?;
        }
        pieces.push(piece);
    }
    Ok(pieces)
}

/// All pieces of a str format string at once, failing on the first syntax
/// error or unsupported conversion. Simpler than [`PercentParser`] but it
/// reports syntax errors before argument errors, which CPython may not.
pub fn parse_percent(fmt: &str) -> Result<Vec<PercentPiece>, FormatError> {
    collect(PercentParser::new(fmt))
}

/// [`parse_percent`] for a bytes format string.
pub fn parse_percent_bytes(fmt: &[u8]) -> Result<Vec<PercentPiece>, FormatError> {
    collect(PercentParser::new_bytes(fmt))
}

/// A unit of output text: `char` for str, `u32` for str with surrogates,
/// `u8` for bytes.
trait Unit: Copy {
    fn ascii(b: u8) -> Self;
    fn is(self, b: u8) -> bool;
}

impl Unit for char {
    fn ascii(b: u8) -> Self {
        b as char
    }
    fn is(self, b: u8) -> bool {
        self == b as char
    }
}

impl Unit for u32 {
    fn ascii(b: u8) -> Self {
        b as u32
    }
    fn is(self, b: u8) -> bool {
        self == b as u32
    }
}

impl Unit for u8 {
    fn ascii(b: u8) -> Self {
        b
    }
    fn is(self, b: u8) -> bool {
        self == b
    }
}

/// Pads and signs a converted value (`unicode_format_arg_output`). `numeric`
/// is true for the number conversions: only they get a sign, the '0' fill and
/// the "0x" kept in front of the zeros.
fn output<T: Unit>(
    text: &[T],
    conv: u8,
    spec: &PercentSpec,
    numeric: bool,
) -> Result<Vec<T>, FormatError> {
    let fill = if numeric && spec.zero { b'0' } else { b' ' };
    let mut len = text.len();
    if matches!(conv, b's' | b'r' | b'a' | b'b') {
        if let Some(p) = spec.precision {
            len = len.min(p);
        }
    }
    let mut start = 0;
    let mut sign = None;
    if numeric {
        if let Some(&c) = text.first().filter(|c| c.is(b'-') || c.is(b'+')) {
            sign = Some(c);
            start = 1;
            len -= 1;
        } else if spec.plus {
            sign = Some(T::ascii(b'+'));
        } else if spec.space {
            sign = Some(T::ascii(b' '));
        }
    }
    let mut width = spec.width.unwrap_or(0).max(len);
    let mut out = Vec::new();
    reserve(&mut out, width.saturating_add(1))?;
    if let Some(s) = sign {
        if fill != b' ' {
            out.push(s);
        }
        if width > len {
            width -= 1;
        }
    }
    let prefix = spec.alt && matches!(conv, b'x' | b'X' | b'o');
    if prefix {
        if fill != b' ' {
            out.push(T::ascii(b'0'));
            out.push(T::ascii(conv));
        }
        start += 2;
        width = width.saturating_sub(2);
        len -= 2;
    }
    if width > len && !spec.left {
        out.extend(std::iter::repeat_n(T::ascii(fill), width - len));
        width = len;
    }
    if fill == b' ' {
        if let Some(s) = sign {
            out.push(s);
        }
        if prefix {
            out.push(T::ascii(b'0'));
            out.push(T::ascii(conv));
        }
    }
    out.extend_from_slice(&text[start..start + len]);
    if width > len {
        out.extend(std::iter::repeat_n(T::ascii(b' '), width - len));
    }
    Ok(out)
}

fn output_ascii(text: &str, conv: char, spec: &PercentSpec) -> Result<String, FormatError> {
    let out = output(text.as_bytes(), conv as u8, spec, true)?;
    // Number conversions produce ASCII only.
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// `%d %i %u %o %x %X` of an int (the caller has already applied `int()` or
/// `__index__` to other numbers), with the default digit limit.
pub fn percent_int(value: &BigInt, conv: char, spec: &PercentSpec) -> Result<String, FormatError> {
    percent_int_with_limit(value, conv, spec, DEFAULT_MAX_STR_DIGITS)
}

/// `percent_int` with the current `sys.set_int_max_str_digits` limit (0 = none).
pub fn percent_int_with_limit(
    value: &BigInt,
    conv: char,
    spec: &PercentSpec,
    max_str_digits: usize,
) -> Result<String, FormatError> {
    let precision = spec.precision.unwrap_or(0);
    if precision > i32::MAX as usize - 3 {
        return Err(FormatError::overflow("precision too large"));
    }
    let (base, prefix) = match conv {
        'o' => (8, "0o"),
        'x' | 'X' => (16, "0x"),
        _ => (10, ""),
    };
    let digits = abs_digits(value, base, max_str_digits)?;
    let mut text = String::new();
    reserve_str(&mut text, digits.len().max(precision) + 3)?;
    if value.sign() == BigSign::Minus {
        text.push('-');
    }
    if spec.alt {
        text.push_str(prefix);
    }
    text.extend(std::iter::repeat_n(
        '0',
        precision.saturating_sub(digits.len()),
    ));
    text.push_str(&digits);
    if conv == 'X' {
        text.make_ascii_uppercase();
    }
    output_ascii(&text, conv, spec)
}

/// `%e %E %f %F %g %G` of a float (precision defaults to 6; '#' keeps the point).
pub fn percent_float(value: f64, conv: char, spec: &PercentSpec) -> Result<String, FormatError> {
    let flags = DtoaFlags {
        alt: spec.alt,
        ..DtoaFlags::default()
    };
    let text = double_to_string(value, conv, spec.precision.unwrap_or(6), flags);
    output_ascii(&text, conv, spec)
}

/// `%s %r %a` once the caller has produced the text: precision truncates (in
/// code points), width pads; '0', '+' and ' ' have no effect.
pub fn percent_str_pad(s: &str, spec: &PercentSpec) -> Result<String, FormatError> {
    let chars: Vec<char> = s.chars().collect();
    let n = chars.len();
    if spec.width.is_none_or(|w| w <= n) && spec.precision.is_none_or(|p| p >= n) {
        return Ok(s.to_string());
    }
    Ok(output(&chars, b's', spec, false)?.into_iter().collect())
}

/// `percent_str_pad` (or `percent_char` with `conv` 'c') over code points,
/// for strings holding lone surrogates.
pub fn percent_str_pad_code_points(
    s: &[u32],
    conv: char,
    spec: &PercentSpec,
) -> Result<Vec<u32>, FormatError> {
    output(s, conv as u8, spec, false)
}

/// `%c` once the caller has the character: width pads, precision is ignored.
pub fn percent_char(c: char, spec: &PercentSpec) -> Result<String, FormatError> {
    Ok(output(&[c], b'c', spec, false)?.into_iter().collect())
}

/// The code point for `'%c' % some_int`.
pub fn percent_char_from_int(v: &BigInt) -> Result<u32, FormatError> {
    match v.to_u32() {
        Some(c) if c <= 0x10ffff => Ok(c),
        _ => Err(FormatError::overflow("%c arg not in range(0x110000)")),
    }
}

/// The byte for `b'%c' % some_int`.
pub fn percent_byte_from_int(v: &BigInt) -> Result<u8, FormatError> {
    v.to_u8()
        .ok_or_else(|| FormatError::overflow("%c arg not in range(256)"))
}

/// `%b %s %r %a %c` of `bytes % args` once the caller has the bytes;
/// `conv` is the conversion byte (truncation applies to all but 'c').
pub fn percent_bytes_pad(b: &[u8], conv: u8, spec: &PercentSpec) -> Result<Vec<u8>, FormatError> {
    output(b, conv, spec, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::number::int_to_float;
    use pyvm_loader::repr::float_repr;

    /// An argument: int, float, str or bytes, by its Python literal text.
    #[derive(Clone, Copy, Debug)]
    enum A {
        I(&'static str),
        F(&'static str),
        S(&'static str),
        B(&'static [u8]),
    }
    use A::*;

    type Expect = Result<&'static str, (&'static str, &'static str)>;
    type BExpect = Result<&'static [u8], (&'static str, &'static str)>;
    type Error = (String, String);

    fn err(kind: &str, msg: &str) -> Error {
        (kind.to_string(), msg.to_string())
    }

    fn fe(e: FormatError) -> Error {
        (format!("{:?}", e.kind), e.message)
    }

    fn int(s: &str) -> BigInt {
        s.parse().unwrap()
    }

    fn type_name(a: A) -> &'static str {
        match a {
            I(_) => "int",
            F(_) => "float",
            S(_) => "str",
            B(_) => "bytes",
        }
    }

    /// The caller side of `%`-formatting, in CPython's order (`args` / `arglen`
    /// / `argidx` as in `PyUnicode_Format`): the reference for the contract in
    /// the module docs.
    struct Driver<'a> {
        tuple: &'a [A],
        map: Option<&'a [(&'a str, A)]>,
        /// The single argument in mapping mode (`None`: the mapping itself).
        single: Option<A>,
        len: isize,
        idx: isize,
    }

    impl<'a> Driver<'a> {
        fn tuple(args: &'a [A]) -> Self {
            Driver {
                tuple: args,
                map: None,
                single: None,
                len: args.len() as isize,
                idx: 0,
            }
        }

        fn mapping(map: &'a [(&'a str, A)]) -> Self {
            Driver {
                tuple: &[],
                map: Some(map),
                single: None,
                len: -1,
                idx: -2,
            }
        }

        fn next(&mut self) -> Result<A, Error> {
            if self.idx < self.len {
                self.idx += 1;
                if self.len < 0 {
                    return Ok(self.single.expect("the mapping itself as a value"));
                }
                return Ok(self.tuple[self.idx as usize - 1]);
            }
            Err(err("TypeError", "not enough arguments for format string"))
        }

        fn require_mapping(&self) -> Result<(), Error> {
            match self.map {
                Some(_) => Ok(()),
                None => Err(err("TypeError", "format requires a mapping")),
            }
        }

        fn lookup(&mut self, key: &str) -> Result<(), Error> {
            self.require_mapping()?;
            let map = self.map.unwrap_or_default();
            let Some((_, v)) = map.iter().find(|(k, _)| *k == key) else {
                return Err(err("KeyError", &format!("'{key}'")));
            };
            self.single = Some(*v);
            self.len = -1;
            self.idx = -2;
            Ok(())
        }

        fn star(&mut self) -> Result<BigInt, Error> {
            match self.next()? {
                I(v) => Ok(int(v)),
                _ => Err(err("TypeError", "* wants int")),
            }
        }

        /// Steps 2 and 3 of the contract; returns the value and final spec.
        fn prepare(
            &mut self,
            key: Option<&str>,
            conv: &PercentConv,
        ) -> Result<(A, PercentSpec), Error> {
            if let Some(k) = key {
                self.lookup(k)?;
            }
            let mut spec = conv.spec.clone();
            if conv.width_from_args {
                spec.set_star_width(&self.star()?).map_err(fe)?;
            }
            if conv.precision_from_args {
                spec.set_star_precision(&self.star()?).map_err(fe)?;
            }
            let value = self.next()?;
            conv.check_conversion().map_err(fe)?;
            Ok((value, spec))
        }

        fn parse_error(&mut self, e: PercentParseError, key: Option<&str>) -> Error {
            let pre = (|| {
                if e.mapping {
                    self.require_mapping()?;
                }
                if let Some(k) = key {
                    self.lookup(k)?;
                }
                for _ in 0..e.star_args {
                    self.star()?;
                }
                Ok(())
            })();
            match pre {
                Err(x) => x,
                Ok(()) => fe(e.error),
            }
        }

        fn check_leftover_mapping(&self) -> Result<(), Error> {
            if self.map.is_some() && self.idx < self.len {
                return Err(err(
                    "TypeError",
                    "not all arguments converted during string formatting",
                ));
            }
            Ok(())
        }

        fn finish(&self, what: &str) -> Result<(), Error> {
            if self.idx < self.len && self.map.is_none() {
                return Err(err(
                    "TypeError",
                    &format!("not all arguments converted during {what} formatting"),
                ));
            }
            Ok(())
        }
    }

    /// Number conversions shared by str and bytes formatting.
    fn number(value: A, conv: char, spec: &PercentSpec) -> Result<String, Error> {
        match (conv, value) {
            ('d' | 'i' | 'u' | 'o' | 'x' | 'X', I(v)) => {
                percent_int(&int(v), conv, spec).map_err(fe)
            }
            ('o' | 'x' | 'X', other) => Err(err(
                "TypeError",
                &format!(
                    "%{conv} format: an integer is required, not {}",
                    type_name(other)
                ),
            )),
            ('d' | 'i' | 'u', other) => Err(err(
                "TypeError",
                &format!(
                    "%{conv} format: a real number is required, not {}",
                    type_name(other)
                ),
            )),
            (_, F(v)) => percent_float(v.parse().unwrap(), conv, spec).map_err(fe),
            (_, I(v)) => percent_float(int_to_float(&int(v)).map_err(fe)?, conv, spec).map_err(fe),
            (_, other) => Err(err(
                "TypeError",
                &format!("must be real number, not {}", type_name(other)),
            )),
        }
    }

    fn run_str(fmt: &str, mut d: Driver) -> Result<String, Error> {
        let mut out = String::new();
        for piece in PercentParser::new(fmt) {
            let conv = match piece {
                Err(e) => {
                    let key = e.key.clone().map(|r| &fmt[r]);
                    return Err(d.parse_error(e, key));
                }
                Ok(PercentPiece::Literal(r)) => {
                    out.push_str(&fmt[r]);
                    continue;
                }
                Ok(PercentPiece::Conversion(c)) => c,
            };
            let (value, spec) = d.prepare(conv.key_in(fmt), &conv)?;
            let text = match (conv.conv, value) {
                ('s', S(v)) => percent_str_pad(v, &spec).map_err(fe)?,
                ('s', I(v)) => percent_str_pad(v, &spec).map_err(fe)?,
                ('s', F(v)) => {
                    percent_str_pad(&float_repr(v.parse().unwrap()), &spec).map_err(fe)?
                }
                ('c', I(v)) => {
                    let c = percent_char_from_int(&int(v)).map_err(fe)?;
                    percent_char(char::from_u32(c).unwrap(), &spec).map_err(fe)?
                }
                ('c', S(v)) if v.chars().count() == 1 => {
                    percent_char(v.chars().next().unwrap(), &spec).map_err(fe)?
                }
                ('c', _) => return Err(err("TypeError", "%c requires int or char")),
                (c, v) => number(v, c, &spec)?,
            };
            out.push_str(&text);
            d.check_leftover_mapping()?;
        }
        d.finish("string")?;
        Ok(out)
    }

    fn run_bytes(fmt: &[u8], mut d: Driver) -> Result<Vec<u8>, Error> {
        let mut out = Vec::new();
        for piece in PercentParser::new_bytes(fmt) {
            let conv = match piece {
                Err(e) => return Err(d.parse_error(e, None)),
                Ok(PercentPiece::Literal(r)) => {
                    out.extend_from_slice(&fmt[r]);
                    continue;
                }
                Ok(PercentPiece::Conversion(c)) => c,
            };
            let (value, spec) = d.prepare(None, &conv)?;
            match (conv.conv, value) {
                ('b' | 's', B(v)) => {
                    out.extend(percent_bytes_pad(v, conv.conv as u8, &spec).map_err(fe)?)
                }
                ('c', I(v)) => {
                    let b = percent_byte_from_int(&int(v)).map_err(fe)?;
                    out.extend(percent_bytes_pad(&[b], b'c', &spec).map_err(fe)?);
                }
                ('c', B(v)) if v.len() == 1 => {
                    out.extend(percent_bytes_pad(v, b'c', &spec).map_err(fe)?)
                }
                ('c', _) => {
                    return Err(err(
                        "TypeError",
                        "%c requires an integer in range(256) or a single byte",
                    ))
                }
                (c, v) => out.extend(number(v, c, &spec)?.into_bytes()),
            }
        }
        d.finish("bytes")?;
        Ok(out)
    }

    fn same<T: PartialEq + std::fmt::Debug>(
        got: Result<T, Error>,
        want: Result<T, (&str, &str)>,
        what: &str,
    ) {
        let want = want.map_err(|(k, m)| err(k, m));
        assert_eq!(got, want, "{what}");
    }

    #[test]
    fn str_formatting_matches_cpython() {
        for (fmt, args, want) in PRINTF_CASES {
            let got = run_str(fmt, Driver::tuple(args));
            same(got, want.map(String::from), &format!("{fmt:?} % {args:?}"));
        }
    }

    #[test]
    fn mapping_formatting_matches_cpython() {
        for (fmt, map, want) in PRINTF_DICT_CASES {
            let got = run_str(fmt, Driver::mapping(map));
            same(got, want.map(String::from), &format!("{fmt:?} % {map:?}"));
        }
    }

    #[test]
    fn bytes_formatting_matches_cpython() {
        for (fmt, args, want) in BYTES_CASES {
            let got = run_bytes(fmt, Driver::tuple(args));
            same(
                got,
                want.map(<[u8]>::to_vec),
                &format!("{:?} % {args:?}", String::from_utf8_lossy(fmt)),
            );
        }
    }

    #[test]
    fn pieces() {
        use PercentPiece::*;
        let fmt = "a%%b%(k)-+ #0*.*lxé%5.2f";
        let pieces = parse_percent(fmt).unwrap();
        assert_eq!(pieces.len(), 6);
        assert_eq!(pieces[0], Literal(0..1));
        assert_eq!(pieces[1], Literal(2..3));
        assert_eq!(pieces[2], Literal(3..4));
        let Conversion(c) = &pieces[3] else { panic!() };
        assert_eq!(c.key_in(fmt), Some("k"));
        assert_eq!(
            c.spec,
            PercentSpec {
                left: true,
                plus: true,
                space: true,
                alt: true,
                zero: true,
                width: None,
                precision: Some(0)
            }
        );
        assert!(c.width_from_args && c.precision_from_args);
        assert_eq!((c.conv, c.index), ('x', 17));
        assert_eq!(pieces[4], Literal(18..20));
        assert_eq!(&fmt[18..20], "é");
        let Conversion(c) = &pieces[5] else { panic!() };
        assert_eq!(
            (c.spec.width, c.spec.precision, c.conv, c.index),
            (Some(5), Some(2), 'f', 23)
        );

        assert_eq!(
            parse_percent("ab%5yz"),
            Err(FormatError::value(
                "unsupported format character 'y' (0x79) at index 4"
            ))
        );
        assert_eq!(
            parse_percent("%s %"),
            Err(FormatError::value("incomplete format"))
        );
        assert_eq!(parse_percent(""), Ok(vec![]));
        assert_eq!(
            parse_percent_bytes(b"%b%s"),
            Ok(vec![
                Conversion(PercentConv {
                    key: None,
                    spec: PercentSpec::default(),
                    width_from_args: false,
                    precision_from_args: false,
                    conv: 'b',
                    index: 1,
                    bytes: true,
                    unsigned: false
                }),
                Conversion(PercentConv {
                    key: None,
                    spec: PercentSpec::default(),
                    width_from_args: false,
                    precision_from_args: false,
                    conv: 's',
                    index: 3,
                    bytes: true,
                    unsigned: false
                }),
            ])
        );
        assert_eq!(
            parse_percent("%b"),
            Err(FormatError::value(
                "unsupported format character 'b' (0x62) at index 1"
            ))
        );
        // Errors carry what CPython did before detecting them.
        let e = PercentParser::new("%(a)*.*").find_map(Result::err).unwrap();
        assert_eq!((e.mapping, e.key, e.star_args), (true, Some(2..3), 2));
        let e = PercentParser::new("%(ab").find_map(Result::err).unwrap();
        assert_eq!(
            (e.mapping, e.key, e.error.message.as_str()),
            (true, None, "incomplete format key")
        );
    }

    #[test]
    fn code_point_padding() {
        let spec = PercentSpec {
            width: Some(4),
            precision: Some(1),
            ..PercentSpec::default()
        };
        assert_eq!(
            percent_str_pad_code_points(&[0xDC80, 0x41], 's', &spec),
            Ok(vec![0x20, 0x20, 0x20, 0xDC80])
        );
        assert_eq!(
            percent_str_pad_code_points(&[0xDC80], 'c', &spec),
            Ok(vec![0x20, 0x20, 0x20, 0xDC80])
        );
        let wide = PercentSpec {
            width: Some(2),
            ..PercentSpec::default()
        };
        assert_eq!(percent_str_pad("é", &wide), Ok(" é".to_string()));
    }

    const PRINTF_CASES: &[(&str, &[A], Expect)] = &[
        ("%d", &[I("0")], Ok("0")),
        ("%d", &[I("1")], Ok("1")),
        ("%d", &[I("-1")], Ok("-1")),
        ("%d", &[I("42")], Ok("42")),
        ("%d", &[I("-42")], Ok("-42")),
        ("%d", &[I("255")], Ok("255")),
        ("%d", &[I("-255")], Ok("-255")),
        ("%d", &[I("18446744073709551616")], Ok("18446744073709551616")),
        ("%d", &[I("-1180591620717411303424")], Ok("-1180591620717411303424")),
        ("%i", &[I("0")], Ok("0")),
        ("%i", &[I("1")], Ok("1")),
        ("%i", &[I("-1")], Ok("-1")),
        ("%i", &[I("42")], Ok("42")),
        ("%i", &[I("-42")], Ok("-42")),
        ("%i", &[I("255")], Ok("255")),
        ("%i", &[I("-255")], Ok("-255")),
        ("%i", &[I("18446744073709551616")], Ok("18446744073709551616")),
        ("%i", &[I("-1180591620717411303424")], Ok("-1180591620717411303424")),
        ("%u", &[I("0")], Ok("0")),
        ("%u", &[I("1")], Ok("1")),
        ("%u", &[I("-1")], Ok("-1")),
        ("%u", &[I("42")], Ok("42")),
        ("%u", &[I("-42")], Ok("-42")),
        ("%u", &[I("255")], Ok("255")),
        ("%u", &[I("-255")], Ok("-255")),
        ("%u", &[I("18446744073709551616")], Ok("18446744073709551616")),
        ("%u", &[I("-1180591620717411303424")], Ok("-1180591620717411303424")),
        ("%o", &[I("0")], Ok("0")),
        ("%o", &[I("1")], Ok("1")),
        ("%o", &[I("-1")], Ok("-1")),
        ("%o", &[I("42")], Ok("52")),
        ("%o", &[I("-42")], Ok("-52")),
        ("%o", &[I("255")], Ok("377")),
        ("%o", &[I("-255")], Ok("-377")),
        ("%o", &[I("18446744073709551616")], Ok("2000000000000000000000")),
        ("%o", &[I("-1180591620717411303424")], Ok("-200000000000000000000000")),
        ("%x", &[I("0")], Ok("0")),
        ("%x", &[I("1")], Ok("1")),
        ("%x", &[I("-1")], Ok("-1")),
        ("%x", &[I("42")], Ok("2a")),
        ("%x", &[I("-42")], Ok("-2a")),
        ("%x", &[I("255")], Ok("ff")),
        ("%x", &[I("-255")], Ok("-ff")),
        ("%x", &[I("18446744073709551616")], Ok("10000000000000000")),
        ("%x", &[I("-1180591620717411303424")], Ok("-400000000000000000")),
        ("%X", &[I("0")], Ok("0")),
        ("%X", &[I("1")], Ok("1")),
        ("%X", &[I("-1")], Ok("-1")),
        ("%X", &[I("42")], Ok("2A")),
        ("%X", &[I("-42")], Ok("-2A")),
        ("%X", &[I("255")], Ok("FF")),
        ("%X", &[I("-255")], Ok("-FF")),
        ("%X", &[I("18446744073709551616")], Ok("10000000000000000")),
        ("%X", &[I("-1180591620717411303424")], Ok("-400000000000000000")),
        ("%#o", &[I("0")], Ok("0o0")),
        ("%#o", &[I("1")], Ok("0o1")),
        ("%#o", &[I("-1")], Ok("-0o1")),
        ("%#o", &[I("42")], Ok("0o52")),
        ("%#o", &[I("-42")], Ok("-0o52")),
        ("%#o", &[I("255")], Ok("0o377")),
        ("%#o", &[I("-255")], Ok("-0o377")),
        ("%#o", &[I("18446744073709551616")], Ok("0o2000000000000000000000")),
        ("%#o", &[I("-1180591620717411303424")], Ok("-0o200000000000000000000000")),
        ("%#x", &[I("0")], Ok("0x0")),
        ("%#x", &[I("1")], Ok("0x1")),
        ("%#x", &[I("-1")], Ok("-0x1")),
        ("%#x", &[I("42")], Ok("0x2a")),
        ("%#x", &[I("-42")], Ok("-0x2a")),
        ("%#x", &[I("255")], Ok("0xff")),
        ("%#x", &[I("-255")], Ok("-0xff")),
        ("%#x", &[I("18446744073709551616")], Ok("0x10000000000000000")),
        ("%#x", &[I("-1180591620717411303424")], Ok("-0x400000000000000000")),
        ("%#X", &[I("0")], Ok("0X0")),
        ("%#X", &[I("1")], Ok("0X1")),
        ("%#X", &[I("-1")], Ok("-0X1")),
        ("%#X", &[I("42")], Ok("0X2A")),
        ("%#X", &[I("-42")], Ok("-0X2A")),
        ("%#X", &[I("255")], Ok("0XFF")),
        ("%#X", &[I("-255")], Ok("-0XFF")),
        ("%#X", &[I("18446744073709551616")], Ok("0X10000000000000000")),
        ("%#X", &[I("-1180591620717411303424")], Ok("-0X400000000000000000")),
        ("%5d", &[I("0")], Ok("    0")),
        ("%5d", &[I("1")], Ok("    1")),
        ("%5d", &[I("-1")], Ok("   -1")),
        ("%5d", &[I("42")], Ok("   42")),
        ("%5d", &[I("-42")], Ok("  -42")),
        ("%5d", &[I("255")], Ok("  255")),
        ("%5d", &[I("-255")], Ok(" -255")),
        ("%5d", &[I("18446744073709551616")], Ok("18446744073709551616")),
        ("%5d", &[I("-1180591620717411303424")], Ok("-1180591620717411303424")),
        ("%-5d|", &[I("0")], Ok("0    |")),
        ("%-5d|", &[I("1")], Ok("1    |")),
        ("%-5d|", &[I("-1")], Ok("-1   |")),
        ("%-5d|", &[I("42")], Ok("42   |")),
        ("%-5d|", &[I("-42")], Ok("-42  |")),
        ("%-5d|", &[I("255")], Ok("255  |")),
        ("%-5d|", &[I("-255")], Ok("-255 |")),
        ("%-5d|", &[I("18446744073709551616")], Ok("18446744073709551616|")),
        ("%-5d|", &[I("-1180591620717411303424")], Ok("-1180591620717411303424|")),
        ("%05d", &[I("0")], Ok("00000")),
        ("%05d", &[I("1")], Ok("00001")),
        ("%05d", &[I("-1")], Ok("-0001")),
        ("%05d", &[I("42")], Ok("00042")),
        ("%05d", &[I("-42")], Ok("-0042")),
        ("%05d", &[I("255")], Ok("00255")),
        ("%05d", &[I("-255")], Ok("-0255")),
        ("%05d", &[I("18446744073709551616")], Ok("18446744073709551616")),
        ("%05d", &[I("-1180591620717411303424")], Ok("-1180591620717411303424")),
        ("%+d", &[I("0")], Ok("+0")),
        ("%+d", &[I("1")], Ok("+1")),
        ("%+d", &[I("-1")], Ok("-1")),
        ("%+d", &[I("42")], Ok("+42")),
        ("%+d", &[I("-42")], Ok("-42")),
        ("%+d", &[I("255")], Ok("+255")),
        ("%+d", &[I("-255")], Ok("-255")),
        ("%+d", &[I("18446744073709551616")], Ok("+18446744073709551616")),
        ("%+d", &[I("-1180591620717411303424")], Ok("-1180591620717411303424")),
        ("% d", &[I("0")], Ok(" 0")),
        ("% d", &[I("1")], Ok(" 1")),
        ("% d", &[I("-1")], Ok("-1")),
        ("% d", &[I("42")], Ok(" 42")),
        ("% d", &[I("-42")], Ok("-42")),
        ("% d", &[I("255")], Ok(" 255")),
        ("% d", &[I("-255")], Ok("-255")),
        ("% d", &[I("18446744073709551616")], Ok(" 18446744073709551616")),
        ("% d", &[I("-1180591620717411303424")], Ok("-1180591620717411303424")),
        ("%+05d", &[I("0")], Ok("+0000")),
        ("%+05d", &[I("1")], Ok("+0001")),
        ("%+05d", &[I("-1")], Ok("-0001")),
        ("%+05d", &[I("42")], Ok("+0042")),
        ("%+05d", &[I("-42")], Ok("-0042")),
        ("%+05d", &[I("255")], Ok("+0255")),
        ("%+05d", &[I("-255")], Ok("-0255")),
        ("%+05d", &[I("18446744073709551616")], Ok("+18446744073709551616")),
        ("%+05d", &[I("-1180591620717411303424")], Ok("-1180591620717411303424")),
        ("%.3d", &[I("0")], Ok("000")),
        ("%.3d", &[I("1")], Ok("001")),
        ("%.3d", &[I("-1")], Ok("-001")),
        ("%.3d", &[I("42")], Ok("042")),
        ("%.3d", &[I("-42")], Ok("-042")),
        ("%.3d", &[I("255")], Ok("255")),
        ("%.3d", &[I("-255")], Ok("-255")),
        ("%.3d", &[I("18446744073709551616")], Ok("18446744073709551616")),
        ("%.3d", &[I("-1180591620717411303424")], Ok("-1180591620717411303424")),
        ("%8.3d", &[I("0")], Ok("     000")),
        ("%8.3d", &[I("1")], Ok("     001")),
        ("%8.3d", &[I("-1")], Ok("    -001")),
        ("%8.3d", &[I("42")], Ok("     042")),
        ("%8.3d", &[I("-42")], Ok("    -042")),
        ("%8.3d", &[I("255")], Ok("     255")),
        ("%8.3d", &[I("-255")], Ok("    -255")),
        ("%8.3d", &[I("18446744073709551616")], Ok("18446744073709551616")),
        ("%8.3d", &[I("-1180591620717411303424")], Ok("-1180591620717411303424")),
        ("%-8.3x|", &[I("0")], Ok("000     |")),
        ("%-8.3x|", &[I("1")], Ok("001     |")),
        ("%-8.3x|", &[I("-1")], Ok("-001    |")),
        ("%-8.3x|", &[I("42")], Ok("02a     |")),
        ("%-8.3x|", &[I("-42")], Ok("-02a    |")),
        ("%-8.3x|", &[I("255")], Ok("0ff     |")),
        ("%-8.3x|", &[I("-255")], Ok("-0ff    |")),
        ("%-8.3x|", &[I("18446744073709551616")], Ok("10000000000000000|")),
        ("%-8.3x|", &[I("-1180591620717411303424")], Ok("-400000000000000000|")),
        ("%#8.3x", &[I("0")], Ok("   0x000")),
        ("%#8.3x", &[I("1")], Ok("   0x001")),
        ("%#8.3x", &[I("-1")], Ok("  -0x001")),
        ("%#8.3x", &[I("42")], Ok("   0x02a")),
        ("%#8.3x", &[I("-42")], Ok("  -0x02a")),
        ("%#8.3x", &[I("255")], Ok("   0x0ff")),
        ("%#8.3x", &[I("-255")], Ok("  -0x0ff")),
        ("%#8.3x", &[I("18446744073709551616")], Ok("0x10000000000000000")),
        ("%#8.3x", &[I("-1180591620717411303424")], Ok("-0x400000000000000000")),
        ("%#08x", &[I("0")], Ok("0x000000")),
        ("%#08x", &[I("1")], Ok("0x000001")),
        ("%#08x", &[I("-1")], Ok("-0x00001")),
        ("%#08x", &[I("42")], Ok("0x00002a")),
        ("%#08x", &[I("-42")], Ok("-0x0002a")),
        ("%#08x", &[I("255")], Ok("0x0000ff")),
        ("%#08x", &[I("-255")], Ok("-0x000ff")),
        ("%#08x", &[I("18446744073709551616")], Ok("0x10000000000000000")),
        ("%#08x", &[I("-1180591620717411303424")], Ok("-0x400000000000000000")),
        ("%#-08x|", &[I("0")], Ok("0x0     |")),
        ("%#-08x|", &[I("1")], Ok("0x1     |")),
        ("%#-08x|", &[I("-1")], Ok("-0x1    |")),
        ("%#-08x|", &[I("42")], Ok("0x2a    |")),
        ("%#-08x|", &[I("-42")], Ok("-0x2a   |")),
        ("%#-08x|", &[I("255")], Ok("0xff    |")),
        ("%#-08x|", &[I("-255")], Ok("-0xff   |")),
        ("%#-08x|", &[I("18446744073709551616")], Ok("0x10000000000000000|")),
        ("%#-08x|", &[I("-1180591620717411303424")], Ok("-0x400000000000000000|")),
        ("%+#x", &[I("0")], Ok("+0x0")),
        ("%+#x", &[I("1")], Ok("+0x1")),
        ("%+#x", &[I("-1")], Ok("-0x1")),
        ("%+#x", &[I("42")], Ok("+0x2a")),
        ("%+#x", &[I("-42")], Ok("-0x2a")),
        ("%+#x", &[I("255")], Ok("+0xff")),
        ("%+#x", &[I("-255")], Ok("-0xff")),
        ("%+#x", &[I("18446744073709551616")], Ok("+0x10000000000000000")),
        ("%+#x", &[I("-1180591620717411303424")], Ok("-0x400000000000000000")),
        ("% #o", &[I("0")], Ok(" 0o0")),
        ("% #o", &[I("1")], Ok(" 0o1")),
        ("% #o", &[I("-1")], Ok("-0o1")),
        ("% #o", &[I("42")], Ok(" 0o52")),
        ("% #o", &[I("-42")], Ok("-0o52")),
        ("% #o", &[I("255")], Ok(" 0o377")),
        ("% #o", &[I("-255")], Ok("-0o377")),
        ("% #o", &[I("18446744073709551616")], Ok(" 0o2000000000000000000000")),
        ("% #o", &[I("-1180591620717411303424")], Ok("-0o200000000000000000000000")),
        ("%ld", &[I("0")], Ok("0")),
        ("%ld", &[I("1")], Ok("1")),
        ("%ld", &[I("-1")], Ok("-1")),
        ("%ld", &[I("42")], Ok("42")),
        ("%ld", &[I("-42")], Ok("-42")),
        ("%ld", &[I("255")], Ok("255")),
        ("%ld", &[I("-255")], Ok("-255")),
        ("%ld", &[I("18446744073709551616")], Ok("18446744073709551616")),
        ("%ld", &[I("-1180591620717411303424")], Ok("-1180591620717411303424")),
        ("%-+6d|", &[I("0")], Ok("+0    |")),
        ("%-+6d|", &[I("1")], Ok("+1    |")),
        ("%-+6d|", &[I("-1")], Ok("-1    |")),
        ("%-+6d|", &[I("42")], Ok("+42   |")),
        ("%-+6d|", &[I("-42")], Ok("-42   |")),
        ("%-+6d|", &[I("255")], Ok("+255  |")),
        ("%-+6d|", &[I("-255")], Ok("-255  |")),
        ("%-+6d|", &[I("18446744073709551616")], Ok("+18446744073709551616|")),
        ("%-+6d|", &[I("-1180591620717411303424")], Ok("-1180591620717411303424|")),
        ("%0-6d|", &[I("0")], Ok("0     |")),
        ("%0-6d|", &[I("1")], Ok("1     |")),
        ("%0-6d|", &[I("-1")], Ok("-1    |")),
        ("%0-6d|", &[I("42")], Ok("42    |")),
        ("%0-6d|", &[I("-42")], Ok("-42   |")),
        ("%0-6d|", &[I("255")], Ok("255   |")),
        ("%0-6d|", &[I("-255")], Ok("-255  |")),
        ("%0-6d|", &[I("18446744073709551616")], Ok("18446744073709551616|")),
        ("%0-6d|", &[I("-1180591620717411303424")], Ok("-1180591620717411303424|")),
        ("%#.0x", &[I("0")], Ok("0x0")),
        ("%#.0x", &[I("1")], Ok("0x1")),
        ("%#.0x", &[I("-1")], Ok("-0x1")),
        ("%#.0x", &[I("42")], Ok("0x2a")),
        ("%#.0x", &[I("-42")], Ok("-0x2a")),
        ("%#.0x", &[I("255")], Ok("0xff")),
        ("%#.0x", &[I("-255")], Ok("-0xff")),
        ("%#.0x", &[I("18446744073709551616")], Ok("0x10000000000000000")),
        ("%#.0x", &[I("-1180591620717411303424")], Ok("-0x400000000000000000")),
        ("%.0d", &[I("0")], Ok("0")),
        ("%.0d", &[I("1")], Ok("1")),
        ("%.0d", &[I("-1")], Ok("-1")),
        ("%.0d", &[I("42")], Ok("42")),
        ("%.0d", &[I("-42")], Ok("-42")),
        ("%.0d", &[I("255")], Ok("255")),
        ("%.0d", &[I("-255")], Ok("-255")),
        ("%.0d", &[I("18446744073709551616")], Ok("18446744073709551616")),
        ("%.0d", &[I("-1180591620717411303424")], Ok("-1180591620717411303424")),
        ("% 08.3X", &[I("0")], Ok(" 0000000")),
        ("% 08.3X", &[I("1")], Ok(" 0000001")),
        ("% 08.3X", &[I("-1")], Ok("-0000001")),
        ("% 08.3X", &[I("42")], Ok(" 000002A")),
        ("% 08.3X", &[I("-42")], Ok("-000002A")),
        ("% 08.3X", &[I("255")], Ok(" 00000FF")),
        ("% 08.3X", &[I("-255")], Ok("-00000FF")),
        ("% 08.3X", &[I("18446744073709551616")], Ok(" 10000000000000000")),
        ("% 08.3X", &[I("-1180591620717411303424")], Ok("-400000000000000000")),
        ("%#3o", &[I("0")], Ok("0o0")),
        ("%#3o", &[I("1")], Ok("0o1")),
        ("%#3o", &[I("-1")], Ok("-0o1")),
        ("%#3o", &[I("42")], Ok("0o52")),
        ("%#3o", &[I("-42")], Ok("-0o52")),
        ("%#3o", &[I("255")], Ok("0o377")),
        ("%#3o", &[I("-255")], Ok("-0o377")),
        ("%#3o", &[I("18446744073709551616")], Ok("0o2000000000000000000000")),
        ("%#3o", &[I("-1180591620717411303424")], Ok("-0o200000000000000000000000")),
        ("%*d", &[I("7"), I("0")], Ok("      0")),
        ("%-*d|", &[I("7"), I("0")], Ok("0      |")),
        ("%*d|", &[I("-7"), I("0")], Ok("0      |")),
        ("%.*d", &[I("5"), I("0")], Ok("00000")),
        ("%.*d", &[I("-5"), I("0")], Ok("0")),
        ("%*.*x", &[I("8"), I("4"), I("0")], Ok("    0000")),
        ("%#*.*x", &[I("-9"), I("4"), I("0")], Ok("0x0000   ")),
        ("%*d", &[I("7"), I("255")], Ok("    255")),
        ("%-*d|", &[I("7"), I("255")], Ok("255    |")),
        ("%*d|", &[I("-7"), I("255")], Ok("255    |")),
        ("%.*d", &[I("5"), I("255")], Ok("00255")),
        ("%.*d", &[I("-5"), I("255")], Ok("255")),
        ("%*.*x", &[I("8"), I("4"), I("255")], Ok("    00ff")),
        ("%#*.*x", &[I("-9"), I("4"), I("255")], Ok("0x00ff   ")),
        ("%*d", &[I("7"), I("-255")], Ok("   -255")),
        ("%-*d|", &[I("7"), I("-255")], Ok("-255   |")),
        ("%*d|", &[I("-7"), I("-255")], Ok("-255   |")),
        ("%.*d", &[I("5"), I("-255")], Ok("-00255")),
        ("%.*d", &[I("-5"), I("-255")], Ok("-255")),
        ("%*.*x", &[I("8"), I("4"), I("-255")], Ok("   -00ff")),
        ("%#*.*x", &[I("-9"), I("4"), I("-255")], Ok("-0x00ff  ")),
        ("%e", &[F("0.0")], Ok("0.000000e+00")),
        ("%e", &[F("-0.0")], Ok("-0.000000e+00")),
        ("%e", &[F("1.5")], Ok("1.500000e+00")),
        ("%e", &[F("-2.5")], Ok("-2.500000e+00")),
        ("%e", &[F("0.5")], Ok("5.000000e-01")),
        ("%e", &[F("2.675")], Ok("2.675000e+00")),
        ("%e", &[F("123.456")], Ok("1.234560e+02")),
        ("%e", &[F("1e+16")], Ok("1.000000e+16")),
        ("%e", &[F("1e-07")], Ok("1.000000e-07")),
        ("%e", &[F("1e+300")], Ok("1.000000e+300")),
        ("%e", &[F("inf")], Ok("inf")),
        ("%e", &[F("-inf")], Ok("-inf")),
        ("%e", &[F("nan")], Ok("nan")),
        ("%E", &[F("0.0")], Ok("0.000000E+00")),
        ("%E", &[F("-0.0")], Ok("-0.000000E+00")),
        ("%E", &[F("1.5")], Ok("1.500000E+00")),
        ("%E", &[F("-2.5")], Ok("-2.500000E+00")),
        ("%E", &[F("0.5")], Ok("5.000000E-01")),
        ("%E", &[F("2.675")], Ok("2.675000E+00")),
        ("%E", &[F("123.456")], Ok("1.234560E+02")),
        ("%E", &[F("1e+16")], Ok("1.000000E+16")),
        ("%E", &[F("1e-07")], Ok("1.000000E-07")),
        ("%E", &[F("1e+300")], Ok("1.000000E+300")),
        ("%E", &[F("inf")], Ok("INF")),
        ("%E", &[F("-inf")], Ok("-INF")),
        ("%E", &[F("nan")], Ok("NAN")),
        ("%f", &[F("0.0")], Ok("0.000000")),
        ("%f", &[F("-0.0")], Ok("-0.000000")),
        ("%f", &[F("1.5")], Ok("1.500000")),
        ("%f", &[F("-2.5")], Ok("-2.500000")),
        ("%f", &[F("0.5")], Ok("0.500000")),
        ("%f", &[F("2.675")], Ok("2.675000")),
        ("%f", &[F("123.456")], Ok("123.456000")),
        ("%f", &[F("1e+16")], Ok("10000000000000000.000000")),
        ("%f", &[F("1e-07")], Ok("0.000000")),
        ("%f", &[F("1e+300")], Ok("1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.000000")),
        ("%f", &[F("inf")], Ok("inf")),
        ("%f", &[F("-inf")], Ok("-inf")),
        ("%f", &[F("nan")], Ok("nan")),
        ("%F", &[F("0.0")], Ok("0.000000")),
        ("%F", &[F("-0.0")], Ok("-0.000000")),
        ("%F", &[F("1.5")], Ok("1.500000")),
        ("%F", &[F("-2.5")], Ok("-2.500000")),
        ("%F", &[F("0.5")], Ok("0.500000")),
        ("%F", &[F("2.675")], Ok("2.675000")),
        ("%F", &[F("123.456")], Ok("123.456000")),
        ("%F", &[F("1e+16")], Ok("10000000000000000.000000")),
        ("%F", &[F("1e-07")], Ok("0.000000")),
        ("%F", &[F("1e+300")], Ok("1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.000000")),
        ("%F", &[F("inf")], Ok("INF")),
        ("%F", &[F("-inf")], Ok("-INF")),
        ("%F", &[F("nan")], Ok("NAN")),
        ("%g", &[F("0.0")], Ok("0")),
        ("%g", &[F("-0.0")], Ok("-0")),
        ("%g", &[F("1.5")], Ok("1.5")),
        ("%g", &[F("-2.5")], Ok("-2.5")),
        ("%g", &[F("0.5")], Ok("0.5")),
        ("%g", &[F("2.675")], Ok("2.675")),
        ("%g", &[F("123.456")], Ok("123.456")),
        ("%g", &[F("1e+16")], Ok("1e+16")),
        ("%g", &[F("1e-07")], Ok("1e-07")),
        ("%g", &[F("1e+300")], Ok("1e+300")),
        ("%g", &[F("inf")], Ok("inf")),
        ("%g", &[F("-inf")], Ok("-inf")),
        ("%g", &[F("nan")], Ok("nan")),
        ("%G", &[F("0.0")], Ok("0")),
        ("%G", &[F("-0.0")], Ok("-0")),
        ("%G", &[F("1.5")], Ok("1.5")),
        ("%G", &[F("-2.5")], Ok("-2.5")),
        ("%G", &[F("0.5")], Ok("0.5")),
        ("%G", &[F("2.675")], Ok("2.675")),
        ("%G", &[F("123.456")], Ok("123.456")),
        ("%G", &[F("1e+16")], Ok("1E+16")),
        ("%G", &[F("1e-07")], Ok("1E-07")),
        ("%G", &[F("1e+300")], Ok("1E+300")),
        ("%G", &[F("inf")], Ok("INF")),
        ("%G", &[F("-inf")], Ok("-INF")),
        ("%G", &[F("nan")], Ok("NAN")),
        ("%.0f", &[F("0.0")], Ok("0")),
        ("%.0f", &[F("-0.0")], Ok("-0")),
        ("%.0f", &[F("1.5")], Ok("2")),
        ("%.0f", &[F("-2.5")], Ok("-2")),
        ("%.0f", &[F("0.5")], Ok("0")),
        ("%.0f", &[F("2.675")], Ok("3")),
        ("%.0f", &[F("123.456")], Ok("123")),
        ("%.0f", &[F("1e+16")], Ok("10000000000000000")),
        ("%.0f", &[F("1e-07")], Ok("0")),
        ("%.0f", &[F("1e+300")], Ok("1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160")),
        ("%.0f", &[F("inf")], Ok("inf")),
        ("%.0f", &[F("-inf")], Ok("-inf")),
        ("%.0f", &[F("nan")], Ok("nan")),
        ("%.0e", &[F("0.0")], Ok("0e+00")),
        ("%.0e", &[F("-0.0")], Ok("-0e+00")),
        ("%.0e", &[F("1.5")], Ok("2e+00")),
        ("%.0e", &[F("-2.5")], Ok("-2e+00")),
        ("%.0e", &[F("0.5")], Ok("5e-01")),
        ("%.0e", &[F("2.675")], Ok("3e+00")),
        ("%.0e", &[F("123.456")], Ok("1e+02")),
        ("%.0e", &[F("1e+16")], Ok("1e+16")),
        ("%.0e", &[F("1e-07")], Ok("1e-07")),
        ("%.0e", &[F("1e+300")], Ok("1e+300")),
        ("%.0e", &[F("inf")], Ok("inf")),
        ("%.0e", &[F("-inf")], Ok("-inf")),
        ("%.0e", &[F("nan")], Ok("nan")),
        ("%.0g", &[F("0.0")], Ok("0")),
        ("%.0g", &[F("-0.0")], Ok("-0")),
        ("%.0g", &[F("1.5")], Ok("2")),
        ("%.0g", &[F("-2.5")], Ok("-2")),
        ("%.0g", &[F("0.5")], Ok("0.5")),
        ("%.0g", &[F("2.675")], Ok("3")),
        ("%.0g", &[F("123.456")], Ok("1e+02")),
        ("%.0g", &[F("1e+16")], Ok("1e+16")),
        ("%.0g", &[F("1e-07")], Ok("1e-07")),
        ("%.0g", &[F("1e+300")], Ok("1e+300")),
        ("%.0g", &[F("inf")], Ok("inf")),
        ("%.0g", &[F("-inf")], Ok("-inf")),
        ("%.0g", &[F("nan")], Ok("nan")),
        ("%#.0f", &[F("0.0")], Ok("0.")),
        ("%#.0f", &[F("-0.0")], Ok("-0.")),
        ("%#.0f", &[F("1.5")], Ok("2.")),
        ("%#.0f", &[F("-2.5")], Ok("-2.")),
        ("%#.0f", &[F("0.5")], Ok("0.")),
        ("%#.0f", &[F("2.675")], Ok("3.")),
        ("%#.0f", &[F("123.456")], Ok("123.")),
        ("%#.0f", &[F("1e+16")], Ok("10000000000000000.")),
        ("%#.0f", &[F("1e-07")], Ok("0.")),
        ("%#.0f", &[F("1e+300")], Ok("1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.")),
        ("%#.0f", &[F("inf")], Ok("inf")),
        ("%#.0f", &[F("-inf")], Ok("-inf")),
        ("%#.0f", &[F("nan")], Ok("nan")),
        ("%#.0e", &[F("0.0")], Ok("0.e+00")),
        ("%#.0e", &[F("-0.0")], Ok("-0.e+00")),
        ("%#.0e", &[F("1.5")], Ok("2.e+00")),
        ("%#.0e", &[F("-2.5")], Ok("-2.e+00")),
        ("%#.0e", &[F("0.5")], Ok("5.e-01")),
        ("%#.0e", &[F("2.675")], Ok("3.e+00")),
        ("%#.0e", &[F("123.456")], Ok("1.e+02")),
        ("%#.0e", &[F("1e+16")], Ok("1.e+16")),
        ("%#.0e", &[F("1e-07")], Ok("1.e-07")),
        ("%#.0e", &[F("1e+300")], Ok("1.e+300")),
        ("%#.0e", &[F("inf")], Ok("inf")),
        ("%#.0e", &[F("-inf")], Ok("-inf")),
        ("%#.0e", &[F("nan")], Ok("nan")),
        ("%#g", &[F("0.0")], Ok("0.00000")),
        ("%#g", &[F("-0.0")], Ok("-0.00000")),
        ("%#g", &[F("1.5")], Ok("1.50000")),
        ("%#g", &[F("-2.5")], Ok("-2.50000")),
        ("%#g", &[F("0.5")], Ok("0.500000")),
        ("%#g", &[F("2.675")], Ok("2.67500")),
        ("%#g", &[F("123.456")], Ok("123.456")),
        ("%#g", &[F("1e+16")], Ok("1.00000e+16")),
        ("%#g", &[F("1e-07")], Ok("1.00000e-07")),
        ("%#g", &[F("1e+300")], Ok("1.00000e+300")),
        ("%#g", &[F("inf")], Ok("inf")),
        ("%#g", &[F("-inf")], Ok("-inf")),
        ("%#g", &[F("nan")], Ok("nan")),
        ("%#.3g", &[F("0.0")], Ok("0.00")),
        ("%#.3g", &[F("-0.0")], Ok("-0.00")),
        ("%#.3g", &[F("1.5")], Ok("1.50")),
        ("%#.3g", &[F("-2.5")], Ok("-2.50")),
        ("%#.3g", &[F("0.5")], Ok("0.500")),
        ("%#.3g", &[F("2.675")], Ok("2.67")),
        ("%#.3g", &[F("123.456")], Ok("123.")),
        ("%#.3g", &[F("1e+16")], Ok("1.00e+16")),
        ("%#.3g", &[F("1e-07")], Ok("1.00e-07")),
        ("%#.3g", &[F("1e+300")], Ok("1.00e+300")),
        ("%#.3g", &[F("inf")], Ok("inf")),
        ("%#.3g", &[F("-inf")], Ok("-inf")),
        ("%#.3g", &[F("nan")], Ok("nan")),
        ("%10.3f", &[F("0.0")], Ok("     0.000")),
        ("%10.3f", &[F("-0.0")], Ok("    -0.000")),
        ("%10.3f", &[F("1.5")], Ok("     1.500")),
        ("%10.3f", &[F("-2.5")], Ok("    -2.500")),
        ("%10.3f", &[F("0.5")], Ok("     0.500")),
        ("%10.3f", &[F("2.675")], Ok("     2.675")),
        ("%10.3f", &[F("123.456")], Ok("   123.456")),
        ("%10.3f", &[F("1e+16")], Ok("10000000000000000.000")),
        ("%10.3f", &[F("1e-07")], Ok("     0.000")),
        ("%10.3f", &[F("1e+300")], Ok("1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.000")),
        ("%10.3f", &[F("inf")], Ok("       inf")),
        ("%10.3f", &[F("-inf")], Ok("      -inf")),
        ("%10.3f", &[F("nan")], Ok("       nan")),
        ("%-10.3f|", &[F("0.0")], Ok("0.000     |")),
        ("%-10.3f|", &[F("-0.0")], Ok("-0.000    |")),
        ("%-10.3f|", &[F("1.5")], Ok("1.500     |")),
        ("%-10.3f|", &[F("-2.5")], Ok("-2.500    |")),
        ("%-10.3f|", &[F("0.5")], Ok("0.500     |")),
        ("%-10.3f|", &[F("2.675")], Ok("2.675     |")),
        ("%-10.3f|", &[F("123.456")], Ok("123.456   |")),
        ("%-10.3f|", &[F("1e+16")], Ok("10000000000000000.000|")),
        ("%-10.3f|", &[F("1e-07")], Ok("0.000     |")),
        ("%-10.3f|", &[F("1e+300")], Ok("1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.000|")),
        ("%-10.3f|", &[F("inf")], Ok("inf       |")),
        ("%-10.3f|", &[F("-inf")], Ok("-inf      |")),
        ("%-10.3f|", &[F("nan")], Ok("nan       |")),
        ("%010.3f", &[F("0.0")], Ok("000000.000")),
        ("%010.3f", &[F("-0.0")], Ok("-00000.000")),
        ("%010.3f", &[F("1.5")], Ok("000001.500")),
        ("%010.3f", &[F("-2.5")], Ok("-00002.500")),
        ("%010.3f", &[F("0.5")], Ok("000000.500")),
        ("%010.3f", &[F("2.675")], Ok("000002.675")),
        ("%010.3f", &[F("123.456")], Ok("000123.456")),
        ("%010.3f", &[F("1e+16")], Ok("10000000000000000.000")),
        ("%010.3f", &[F("1e-07")], Ok("000000.000")),
        ("%010.3f", &[F("1e+300")], Ok("1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.000")),
        ("%010.3f", &[F("inf")], Ok("0000000inf")),
        ("%010.3f", &[F("-inf")], Ok("-000000inf")),
        ("%010.3f", &[F("nan")], Ok("0000000nan")),
        ("%+f", &[F("0.0")], Ok("+0.000000")),
        ("%+f", &[F("-0.0")], Ok("-0.000000")),
        ("%+f", &[F("1.5")], Ok("+1.500000")),
        ("%+f", &[F("-2.5")], Ok("-2.500000")),
        ("%+f", &[F("0.5")], Ok("+0.500000")),
        ("%+f", &[F("2.675")], Ok("+2.675000")),
        ("%+f", &[F("123.456")], Ok("+123.456000")),
        ("%+f", &[F("1e+16")], Ok("+10000000000000000.000000")),
        ("%+f", &[F("1e-07")], Ok("+0.000000")),
        ("%+f", &[F("1e+300")], Ok("+1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.000000")),
        ("%+f", &[F("inf")], Ok("+inf")),
        ("%+f", &[F("-inf")], Ok("-inf")),
        ("%+f", &[F("nan")], Ok("+nan")),
        ("% f", &[F("0.0")], Ok(" 0.000000")),
        ("% f", &[F("-0.0")], Ok("-0.000000")),
        ("% f", &[F("1.5")], Ok(" 1.500000")),
        ("% f", &[F("-2.5")], Ok("-2.500000")),
        ("% f", &[F("0.5")], Ok(" 0.500000")),
        ("% f", &[F("2.675")], Ok(" 2.675000")),
        ("% f", &[F("123.456")], Ok(" 123.456000")),
        ("% f", &[F("1e+16")], Ok(" 10000000000000000.000000")),
        ("% f", &[F("1e-07")], Ok(" 0.000000")),
        ("% f", &[F("1e+300")], Ok(" 1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.000000")),
        ("% f", &[F("inf")], Ok(" inf")),
        ("% f", &[F("-inf")], Ok("-inf")),
        ("% f", &[F("nan")], Ok(" nan")),
        ("%+010.2e", &[F("0.0")], Ok("+00.00e+00")),
        ("%+010.2e", &[F("-0.0")], Ok("-00.00e+00")),
        ("%+010.2e", &[F("1.5")], Ok("+01.50e+00")),
        ("%+010.2e", &[F("-2.5")], Ok("-02.50e+00")),
        ("%+010.2e", &[F("0.5")], Ok("+05.00e-01")),
        ("%+010.2e", &[F("2.675")], Ok("+02.67e+00")),
        ("%+010.2e", &[F("123.456")], Ok("+01.23e+02")),
        ("%+010.2e", &[F("1e+16")], Ok("+01.00e+16")),
        ("%+010.2e", &[F("1e-07")], Ok("+01.00e-07")),
        ("%+010.2e", &[F("1e+300")], Ok("+1.00e+300")),
        ("%+010.2e", &[F("inf")], Ok("+000000inf")),
        ("%+010.2e", &[F("-inf")], Ok("-000000inf")),
        ("%+010.2e", &[F("nan")], Ok("+000000nan")),
        ("%.2f", &[F("0.0")], Ok("0.00")),
        ("%.2f", &[F("-0.0")], Ok("-0.00")),
        ("%.2f", &[F("1.5")], Ok("1.50")),
        ("%.2f", &[F("-2.5")], Ok("-2.50")),
        ("%.2f", &[F("0.5")], Ok("0.50")),
        ("%.2f", &[F("2.675")], Ok("2.67")),
        ("%.2f", &[F("123.456")], Ok("123.46")),
        ("%.2f", &[F("1e+16")], Ok("10000000000000000.00")),
        ("%.2f", &[F("1e-07")], Ok("0.00")),
        ("%.2f", &[F("1e+300")], Ok("1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.00")),
        ("%.2f", &[F("inf")], Ok("inf")),
        ("%.2f", &[F("-inf")], Ok("-inf")),
        ("%.2f", &[F("nan")], Ok("nan")),
        ("%.20f", &[F("0.0")], Ok("0.00000000000000000000")),
        ("%.20f", &[F("-0.0")], Ok("-0.00000000000000000000")),
        ("%.20f", &[F("1.5")], Ok("1.50000000000000000000")),
        ("%.20f", &[F("-2.5")], Ok("-2.50000000000000000000")),
        ("%.20f", &[F("0.5")], Ok("0.50000000000000000000")),
        ("%.20f", &[F("2.675")], Ok("2.67499999999999982236")),
        ("%.20f", &[F("123.456")], Ok("123.45600000000000306954")),
        ("%.20f", &[F("1e+16")], Ok("10000000000000000.00000000000000000000")),
        ("%.20f", &[F("1e-07")], Ok("0.00000010000000000000")),
        ("%.20f", &[F("inf")], Ok("inf")),
        ("%.20f", &[F("-inf")], Ok("-inf")),
        ("%.20f", &[F("nan")], Ok("nan")),
        ("%.15g", &[F("0.0")], Ok("0")),
        ("%.15g", &[F("-0.0")], Ok("-0")),
        ("%.15g", &[F("1.5")], Ok("1.5")),
        ("%.15g", &[F("-2.5")], Ok("-2.5")),
        ("%.15g", &[F("0.5")], Ok("0.5")),
        ("%.15g", &[F("2.675")], Ok("2.675")),
        ("%.15g", &[F("123.456")], Ok("123.456")),
        ("%.15g", &[F("1e+16")], Ok("1e+16")),
        ("%.15g", &[F("1e-07")], Ok("1e-07")),
        ("%.15g", &[F("1e+300")], Ok("1e+300")),
        ("%.15g", &[F("inf")], Ok("inf")),
        ("%.15g", &[F("-inf")], Ok("-inf")),
        ("%.15g", &[F("nan")], Ok("nan")),
        ("%.17g", &[F("0.0")], Ok("0")),
        ("%.17g", &[F("-0.0")], Ok("-0")),
        ("%.17g", &[F("1.5")], Ok("1.5")),
        ("%.17g", &[F("-2.5")], Ok("-2.5")),
        ("%.17g", &[F("0.5")], Ok("0.5")),
        ("%.17g", &[F("2.675")], Ok("2.6749999999999998")),
        ("%.17g", &[F("123.456")], Ok("123.456")),
        ("%.17g", &[F("1e+16")], Ok("10000000000000000")),
        ("%.17g", &[F("1e-07")], Ok("9.9999999999999995e-08")),
        ("%.17g", &[F("1e+300")], Ok("1.0000000000000001e+300")),
        ("%.17g", &[F("inf")], Ok("inf")),
        ("%.17g", &[F("-inf")], Ok("-inf")),
        ("%.17g", &[F("nan")], Ok("nan")),
        ("%#10.1G", &[F("0.0")], Ok("        0.")),
        ("%#10.1G", &[F("-0.0")], Ok("       -0.")),
        ("%#10.1G", &[F("1.5")], Ok("        2.")),
        ("%#10.1G", &[F("-2.5")], Ok("       -2.")),
        ("%#10.1G", &[F("0.5")], Ok("       0.5")),
        ("%#10.1G", &[F("2.675")], Ok("        3.")),
        ("%#10.1G", &[F("123.456")], Ok("    1.E+02")),
        ("%#10.1G", &[F("1e+16")], Ok("    1.E+16")),
        ("%#10.1G", &[F("1e-07")], Ok("    1.E-07")),
        ("%#10.1G", &[F("1e+300")], Ok("   1.E+300")),
        ("%#10.1G", &[F("inf")], Ok("       INF")),
        ("%#10.1G", &[F("-inf")], Ok("      -INF")),
        ("%#10.1G", &[F("nan")], Ok("       NAN")),
        ("%08g", &[F("0.0")], Ok("00000000")),
        ("%08g", &[F("-0.0")], Ok("-0000000")),
        ("%08g", &[F("1.5")], Ok("000001.5")),
        ("%08g", &[F("-2.5")], Ok("-00002.5")),
        ("%08g", &[F("0.5")], Ok("000000.5")),
        ("%08g", &[F("2.675")], Ok("0002.675")),
        ("%08g", &[F("123.456")], Ok("0123.456")),
        ("%08g", &[F("1e+16")], Ok("0001e+16")),
        ("%08g", &[F("1e-07")], Ok("0001e-07")),
        ("%08g", &[F("1e+300")], Ok("001e+300")),
        ("%08g", &[F("inf")], Ok("00000inf")),
        ("%08g", &[F("-inf")], Ok("-0000inf")),
        ("%08g", &[F("nan")], Ok("00000nan")),
        ("%.*f", &[I("3"), F("1.25")], Ok("1.250")),
        ("%.*f", &[I("-3"), F("1.5")], Ok("2")),
        ("%*.*g", &[I("12"), I("4"), F("3.14159")], Ok("       3.142")),
        ("%.*e", &[I("0"), F("2.5")], Ok("2e+00")),
        ("%.*f", &[I("1099511627776"), F("1.0")], Err(("OverflowError", "Python int too large to convert to C int"))),
        ("%*d", &[I("1180591620717411303424"), I("1")], Err(("OverflowError", "Python int too large to convert to C ssize_t"))),
        ("%*d", &[I("-9223372036854775808"), I("1")], Ok("1")),
        ("%.50f", &[F("0.1")], Ok("0.10000000000000000555111512312578270211815834045410")),
        ("%.60e", &[F("0.1")], Ok("1.000000000000000055511151231257827021181583404541015625000000e-01")),
        ("%f", &[F("1e+22")], Ok("10000000000000000000000.000000")),
        ("%.0f", &[F("1e+22")], Ok("10000000000000000000000")),
        ("%d", &[I("7")], Ok("7")),
        ("%e", &[I("10")], Ok("1.000000e+01")),
        ("%f", &[I("1152921504606846976")], Ok("1152921504606846976.000000")),
        ("%g", &[I("-3")], Ok("-3")),
        ("%f", &[I("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216")], Err(("OverflowError", "int too large to convert to float"))),
        ("%.1f", &[I("-7")], Ok("-7.0")),
        ("%s", &[S("abc")], Ok("abc")),
        ("%s", &[S("é日")], Ok("é日")),
        ("%s", &[S("")], Ok("")),
        ("%s", &[S("hello")], Ok("hello")),
        ("%s", &[S("😀")], Ok("😀")),
        ("%5s", &[S("abc")], Ok("  abc")),
        ("%5s", &[S("é日")], Ok("   é日")),
        ("%5s", &[S("")], Ok("     ")),
        ("%5s", &[S("hello")], Ok("hello")),
        ("%5s", &[S("😀")], Ok("    😀")),
        ("%-5s|", &[S("abc")], Ok("abc  |")),
        ("%-5s|", &[S("é日")], Ok("é日   |")),
        ("%-5s|", &[S("")], Ok("     |")),
        ("%-5s|", &[S("hello")], Ok("hello|")),
        ("%-5s|", &[S("😀")], Ok("😀    |")),
        ("%.2s", &[S("abc")], Ok("ab")),
        ("%.2s", &[S("é日")], Ok("é日")),
        ("%.2s", &[S("")], Ok("")),
        ("%.2s", &[S("hello")], Ok("he")),
        ("%.2s", &[S("😀")], Ok("😀")),
        ("%5.1s", &[S("abc")], Ok("    a")),
        ("%5.1s", &[S("é日")], Ok("    é")),
        ("%5.1s", &[S("")], Ok("     ")),
        ("%5.1s", &[S("hello")], Ok("    h")),
        ("%5.1s", &[S("😀")], Ok("    😀")),
        ("%05s", &[S("abc")], Ok("  abc")),
        ("%05s", &[S("é日")], Ok("   é日")),
        ("%05s", &[S("")], Ok("     ")),
        ("%05s", &[S("hello")], Ok("hello")),
        ("%05s", &[S("😀")], Ok("    😀")),
        ("%+s", &[S("abc")], Ok("abc")),
        ("%+s", &[S("é日")], Ok("é日")),
        ("%+s", &[S("")], Ok("")),
        ("%+s", &[S("hello")], Ok("hello")),
        ("%+s", &[S("😀")], Ok("😀")),
        ("% s", &[S("abc")], Ok("abc")),
        ("% s", &[S("é日")], Ok("é日")),
        ("% s", &[S("")], Ok("")),
        ("% s", &[S("hello")], Ok("hello")),
        ("% s", &[S("😀")], Ok("😀")),
        ("%#s", &[S("abc")], Ok("abc")),
        ("%#s", &[S("é日")], Ok("é日")),
        ("%#s", &[S("")], Ok("")),
        ("%#s", &[S("hello")], Ok("hello")),
        ("%#s", &[S("😀")], Ok("😀")),
        ("%-05.2s|", &[S("abc")], Ok("ab   |")),
        ("%-05.2s|", &[S("é日")], Ok("é日   |")),
        ("%-05.2s|", &[S("")], Ok("     |")),
        ("%-05.2s|", &[S("hello")], Ok("he   |")),
        ("%-05.2s|", &[S("😀")], Ok("😀    |")),
        ("%.0s|", &[S("abc")], Ok("|")),
        ("%.0s|", &[S("é日")], Ok("|")),
        ("%.0s|", &[S("")], Ok("|")),
        ("%.0s|", &[S("hello")], Ok("|")),
        ("%.0s|", &[S("😀")], Ok("|")),
        ("%3s", &[S("abc")], Ok("abc")),
        ("%3s", &[S("é日")], Ok(" é日")),
        ("%3s", &[S("")], Ok("   ")),
        ("%3s", &[S("hello")], Ok("hello")),
        ("%3s", &[S("😀")], Ok("  😀")),
        ("%-*s|", &[I("6"), S("ab")], Ok("ab    |")),
        ("%.*s", &[I("1"), S("xyz")], Ok("x")),
        ("%*.*s|", &[I("-5"), I("2"), S("xyz")], Ok("xy   |")),
        ("%s", &[I("5")], Ok("5")),
        ("%5s", &[I("-5")], Ok("   -5")),
        ("%s", &[F("1.5")], Ok("1.5")),
        ("%.2s", &[I("12345")], Ok("12")),
        ("%s", &[F("1e+16")], Ok("1e+16")),
        ("%+s", &[S("-5")], Ok("-5")),
        ("%c", &[I("65")], Ok("A")),
        ("%c", &[I("233")], Ok("é")),
        ("%c", &[I("128512")], Ok("😀")),
        ("%c", &[S("x")], Ok("x")),
        ("%c", &[S("é")], Ok("é")),
        ("%5c", &[I("65")], Ok("    A")),
        ("%5c", &[I("233")], Ok("    é")),
        ("%5c", &[I("128512")], Ok("    😀")),
        ("%5c", &[S("x")], Ok("    x")),
        ("%5c", &[S("é")], Ok("    é")),
        ("%-3c|", &[I("65")], Ok("A  |")),
        ("%-3c|", &[I("233")], Ok("é  |")),
        ("%-3c|", &[I("128512")], Ok("😀  |")),
        ("%-3c|", &[S("x")], Ok("x  |")),
        ("%-3c|", &[S("é")], Ok("é  |")),
        ("%.0c", &[I("65")], Ok("A")),
        ("%.0c", &[I("233")], Ok("é")),
        ("%.0c", &[I("128512")], Ok("😀")),
        ("%.0c", &[S("x")], Ok("x")),
        ("%.0c", &[S("é")], Ok("é")),
        ("%05c", &[I("65")], Ok("    A")),
        ("%05c", &[I("233")], Ok("    é")),
        ("%05c", &[I("128512")], Ok("    😀")),
        ("%05c", &[S("x")], Ok("    x")),
        ("%05c", &[S("é")], Ok("    é")),
        ("%+c", &[I("65")], Ok("A")),
        ("%+c", &[I("233")], Ok("é")),
        ("%+c", &[I("128512")], Ok("😀")),
        ("%+c", &[S("x")], Ok("x")),
        ("%+c", &[S("é")], Ok("é")),
        ("%c", &[I("1114112")], Err(("OverflowError", "%c arg not in range(0x110000)"))),
        ("%c", &[I("-1")], Err(("OverflowError", "%c arg not in range(0x110000)"))),
        ("%c", &[I("1180591620717411303424")], Err(("OverflowError", "%c arg not in range(0x110000)"))),
        ("%c", &[S("ab")], Err(("TypeError", "%c requires int or char"))),
        ("%c", &[S("")], Err(("TypeError", "%c requires int or char"))),
        ("%s and %d", &[S("a"), I("1")], Ok("a and 1")),
        ("x%%y", &[], Ok("x%y")),
        ("100%% %s", &[S("ok")], Ok("100% ok")),
        ("%s %s", &[I("1")], Err(("TypeError", "not enough arguments for format string"))),
        ("%s", &[I("1"), I("2")], Err(("TypeError", "not all arguments converted during string formatting"))),
        ("", &[], Ok("")),
        ("", &[I("1")], Err(("TypeError", "not all arguments converted during string formatting"))),
        ("abc", &[], Ok("abc")),
        ("%%", &[], Ok("%")),
        ("%d%%%d", &[I("1"), I("2")], Ok("1%2")),
        ("%5%", &[], Err(("TypeError", "not enough arguments for format string"))),
        ("%5%", &[I("1")], Err(("ValueError", "unsupported format character '%' (0x25) at index 2"))),
        ("%y", &[], Err(("TypeError", "not enough arguments for format string"))),
        ("%y", &[I("1")], Err(("ValueError", "unsupported format character 'y' (0x79) at index 1"))),
        ("%*", &[], Err(("TypeError", "not enough arguments for format string"))),
        ("%*", &[I("1")], Err(("ValueError", "incomplete format"))),
        ("%.*", &[I("1"), I("2")], Err(("ValueError", "incomplete format"))),
        ("%l", &[I("5")], Err(("ValueError", "incomplete format"))),
        ("abc %", &[], Err(("ValueError", "incomplete format"))),
        ("%", &[], Err(("ValueError", "incomplete format"))),
        ("%-", &[I("1")], Err(("ValueError", "incomplete format"))),
        ("%0", &[I("1")], Err(("ValueError", "incomplete format"))),
        ("%5", &[I("1")], Err(("ValueError", "incomplete format"))),
        ("%5.", &[I("1")], Err(("ValueError", "incomplete format"))),
        ("%.5", &[I("1")], Err(("ValueError", "incomplete format"))),
        ("%é", &[I("1")], Err(("ValueError", "unsupported format character '?' (0xe9) at index 1"))),
        ("%\u{1}", &[I("1")], Err(("ValueError", "unsupported format character '?' (0x1) at index 1"))),
        ("%\u{7f}", &[I("1")], Err(("ValueError", "unsupported format character '?' (0x7f) at index 1"))),
        ("%\u{1f}", &[I("1")], Err(("ValueError", "unsupported format character '\u{1f}' (0x1f) at index 1"))),
        ("%😀", &[I("1")], Err(("ValueError", "unsupported format character '?' (0x1f600) at index 1"))),
        ("ab%zcd", &[I("1")], Err(("ValueError", "unsupported format character 'z' (0x7a) at index 3"))),
        ("%.2147483647y", &[I("1")], Err(("ValueError", "unsupported format character 'y' (0x79) at index 12"))),
        ("%.2147483648y", &[I("1")], Err(("ValueError", "precision too big"))),
        ("%9223372036854775807y", &[I("1")], Err(("ValueError", "unsupported format character 'y' (0x79) at index 20"))),
        ("%9223372036854775808y", &[I("1")], Err(("ValueError", "width too big"))),
        ("%.2147483646d", &[I("1")], Err(("OverflowError", "precision too large"))),
        ("%s %y %s", &[S("a"), S("b"), S("c")], Err(("ValueError", "unsupported format character 'y' (0x79) at index 4"))),
        ("%s %y", &[S("a")], Err(("TypeError", "not enough arguments for format string"))),
        ("%s %", &[S("a")], Err(("ValueError", "incomplete format"))),
        ("%s %", &[], Err(("TypeError", "not enough arguments for format string"))),
        ("%*d", &[S("x"), I("1")], Err(("TypeError", "* wants int"))),
        ("%.*d", &[F("1.5"), I("1")], Err(("TypeError", "* wants int"))),
        ("%*.*d", &[I("2"), S("x"), I("1")], Err(("TypeError", "* wants int"))),
        ("é%sé%dé", &[S("ü"), I("3")], Ok("éüé3é")),
        ("%4611686018427387904d", &[I("1")], Err(("MemoryError", ""))),
        ("%*s", &[I("4611686018427387904"), S("a")], Err(("MemoryError", ""))),
        ("%-4611686018427387904s", &[S("x")], Err(("MemoryError", ""))),
        ("%.*c", &[I("5"), S("x")], Ok("x")),
        ("%x", &[F("1.5")], Err(("TypeError", "%x format: an integer is required, not float"))),
        ("%d", &[S("7")], Err(("TypeError", "%d format: a real number is required, not str"))),
        ("%f", &[S("x")], Err(("TypeError", "must be real number, not str"))),
        ("%(a)s", &[I("1")], Err(("TypeError", "format requires a mapping"))),
        ("%hd|%Lf", &[I("5"), F("1.5")], Ok("5|1.500000")),
    ];

    type DictCase = (&'static str, &'static [(&'static str, A)], Expect);

    const PRINTF_DICT_CASES: &[DictCase] = &[
        ("%(a)s %(b)d", &[("a", S("x")), ("b", I("2"))], Ok("x 2")),
        ("%(a)s %(a)s", &[("a", S("y"))], Ok("y y")),
        ("%(a)", &[], Err(("KeyError", "'a'"))),
        (
            "%(a)",
            &[("a", I("1"))],
            Err(("ValueError", "incomplete format")),
        ),
        (
            "%(a",
            &[("a", I("1"))],
            Err(("ValueError", "incomplete format key")),
        ),
        ("%(a(b)c)s", &[("a(b)c", I("3"))], Ok("3")),
        (
            "%(a)%",
            &[("a", I("1"))],
            Err((
                "ValueError",
                "unsupported format character '%' (0x25) at index 4",
            )),
        ),
        (
            "%(a)*d",
            &[("a", I("5"))],
            Err(("TypeError", "not enough arguments for format string")),
        ),
        ("%(x)-5d|", &[("x", I("42"))], Ok("42   |")),
        (
            "%(x)y",
            &[("x", I("1"))],
            Err((
                "ValueError",
                "unsupported format character 'y' (0x79) at index 4",
            )),
        ),
        ("%(é)s", &[("é", S("ü"))], Ok("ü")),
        ("%()s", &[("", S("empty"))], Ok("empty")),
        ("%(a)s", &[], Err(("KeyError", "'a'"))),
        ("%(a)5.1f", &[("a", F("2.25"))], Ok("  2.2")),
        (
            "%(a)*",
            &[("a", I("1"))],
            Err(("ValueError", "incomplete format")),
        ),
    ];

    type BytesCase = (&'static [u8], &'static [A], BExpect);

    const BYTES_CASES: &[BytesCase] = &[
        (b"%d", &[I("0")], Ok(b"0")),
        (b"%d", &[I("-42")], Ok(b"-42")),
        (b"%d", &[I("255")], Ok(b"255")),
        (b"%5d", &[I("0")], Ok(b"    0")),
        (b"%5d", &[I("-42")], Ok(b"  -42")),
        (b"%5d", &[I("255")], Ok(b"  255")),
        (b"%-#6x|", &[I("0")], Ok(b"0x0   |")),
        (b"%-#6x|", &[I("-42")], Ok(b"-0x2a |")),
        (b"%-#6x|", &[I("255")], Ok(b"0xff  |")),
        (b"%+.3d", &[I("0")], Ok(b"+000")),
        (b"%+.3d", &[I("-42")], Ok(b"-042")),
        (b"%+.3d", &[I("255")], Ok(b"+255")),
        (b"%#o", &[I("0")], Ok(b"0o0")),
        (b"%#o", &[I("-42")], Ok(b"-0o52")),
        (b"%#o", &[I("255")], Ok(b"0o377")),
        (b"%X", &[I("0")], Ok(b"0")),
        (b"%X", &[I("-42")], Ok(b"-2A")),
        (b"%X", &[I("255")], Ok(b"FF")),
        (b"%f", &[F("2.5")], Ok(b"2.500000")),
        (b"%f", &[F("-1e-07")], Ok(b"-0.000000")),
        (b"%f", &[F("inf")], Ok(b"inf")),
        (b"%010.2e", &[F("2.5")], Ok(b"002.50e+00")),
        (b"%010.2e", &[F("-1e-07")], Ok(b"-01.00e-07")),
        (b"%010.2e", &[F("inf")], Ok(b"0000000inf")),
        (b"%#g", &[F("2.5")], Ok(b"2.50000")),
        (b"%#g", &[F("-1e-07")], Ok(b"-1.00000e-07")),
        (b"%#g", &[F("inf")], Ok(b"inf")),
        (b"%.0f", &[F("2.5")], Ok(b"2")),
        (b"%.0f", &[F("-1e-07")], Ok(b"-0")),
        (b"%.0f", &[F("inf")], Ok(b"inf")),
        (b"%b", &[B(b"xyz")], Ok(b"xyz")),
        (b"%b", &[B(b"")], Ok(b"")),
        (b"%b", &[B(b"\xff\x00")], Ok(b"\xff\x00")),
        (b"%s", &[B(b"xyz")], Ok(b"xyz")),
        (b"%s", &[B(b"")], Ok(b"")),
        (b"%s", &[B(b"\xff\x00")], Ok(b"\xff\x00")),
        (b"%5b", &[B(b"xyz")], Ok(b"  xyz")),
        (b"%5b", &[B(b"")], Ok(b"     ")),
        (b"%5b", &[B(b"\xff\x00")], Ok(b"   \xff\x00")),
        (b"%-5s|", &[B(b"xyz")], Ok(b"xyz  |")),
        (b"%-5s|", &[B(b"")], Ok(b"     |")),
        (b"%-5s|", &[B(b"\xff\x00")], Ok(b"\xff\x00   |")),
        (b"%.1b", &[B(b"xyz")], Ok(b"x")),
        (b"%.1b", &[B(b"")], Ok(b"")),
        (b"%.1b", &[B(b"\xff\x00")], Ok(b"\xff")),
        (b"%5.2s", &[B(b"xyz")], Ok(b"   xy")),
        (b"%5.2s", &[B(b"")], Ok(b"     ")),
        (b"%5.2s", &[B(b"\xff\x00")], Ok(b"   \xff\x00")),
        (b"%05b", &[B(b"xyz")], Ok(b"  xyz")),
        (b"%05b", &[B(b"")], Ok(b"     ")),
        (b"%05b", &[B(b"\xff\x00")], Ok(b"   \xff\x00")),
        (b"%c", &[I("65")], Ok(b"A")),
        (b"%c", &[I("255")], Ok(b"\xff")),
        (
            b"%c",
            &[I("256")],
            Err(("OverflowError", "%c arg not in range(256)")),
        ),
        (
            b"%c",
            &[I("-1")],
            Err(("OverflowError", "%c arg not in range(256)")),
        ),
        (
            b"%c",
            &[I("1180591620717411303424")],
            Err(("OverflowError", "%c arg not in range(256)")),
        ),
        (b"%c", &[B(b"a")], Ok(b"a")),
        (
            b"%c",
            &[B(b"ab")],
            Err((
                "TypeError",
                "%c requires an integer in range(256) or a single byte",
            )),
        ),
        (b"%5c", &[B(b"z")], Ok(b"    z")),
        (b"%.1c", &[I("66")], Ok(b"B")),
        (
            b"%5%",
            &[],
            Err(("TypeError", "not enough arguments for format string")),
        ),
        (
            b"%5%",
            &[I("1")],
            Err((
                "ValueError",
                "unsupported format character '%' (0x25) at index 2",
            )),
        ),
        (
            b"%y",
            &[],
            Err(("TypeError", "not enough arguments for format string")),
        ),
        (
            b"%y",
            &[I("1")],
            Err((
                "ValueError",
                "unsupported format character 'y' (0x79) at index 1",
            )),
        ),
        (b"%\xe9", &[I("1")], Err(("ValueError", ""))),
        (
            b"%\x01",
            &[I("1")],
            Err((
                "ValueError",
                "unsupported format character '\u{1}' (0x1) at index 1",
            )),
        ),
        (
            b"%\x7f",
            &[I("1")],
            Err((
                "ValueError",
                "unsupported format character '\u{7f}' (0x7f) at index 1",
            )),
        ),
        (
            b"%.99999999999999999999d",
            &[I("1")],
            Err(("ValueError", "prec too big")),
        ),
        (
            b"%99999999999999999999d",
            &[I("1")],
            Err(("ValueError", "width too big")),
        ),
        (b"%ld", &[I("5")], Ok(b"5")),
        (b"%l", &[I("5")], Err(("ValueError", "incomplete format"))),
        (b"abc %", &[], Err(("ValueError", "incomplete format"))),
        (b"%(a", &[], Err(("TypeError", "format requires a mapping"))),
        (b"%%", &[], Ok(b"%")),
        (b"a%%b%sc", &[B(b"X")], Ok(b"a%bXc")),
        (b"%.*f", &[I("-3"), F("1.5")], Ok(b"2")),
        (b"%*d", &[I("-5"), I("3")], Ok(b"3    ")),
        (
            b"%s %s",
            &[B(b"a")],
            Err(("TypeError", "not enough arguments for format string")),
        ),
        (
            b"%s",
            &[B(b"a"), B(b"b")],
            Err((
                "TypeError",
                "not all arguments converted during bytes formatting",
            )),
        ),
        (b"\xff%d\xfe", &[I("1")], Ok(b"\xff1\xfe")),
        (
            b"%5\xe9",
            &[I("1")],
            Err((
                "ValueError",
                "unsupported format character 'é' (0xe9) at index 2",
            )),
        ),
        (
            b"%.5\xff",
            &[I("1")],
            Err((
                "ValueError",
                "unsupported format character 'ÿ' (0xff) at index 3",
            )),
        ),
        (b"%*\xe9", &[I("1"), I("1")], Err(("ValueError", ""))),
        (b"%5l\xe9", &[I("1")], Err(("ValueError", ""))),
        (b"%5.\xe9", &[I("1")], Err(("ValueError", ""))),
        (b"%0\xe9", &[I("1")], Err(("ValueError", ""))),
        (
            b"%4611686018427387904b",
            &[B(b"x")],
            Err(("MemoryError", "")),
        ),
        (
            b"%.2147483648y",
            &[I("1")],
            Err(("ValueError", "prec too big")),
        ),
    ];
}
