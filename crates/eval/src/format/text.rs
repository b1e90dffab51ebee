//! `str.__format__`: truncation by precision and padding, both counted in code
//! points. A code-point variant exists because Python strings may hold lone
//! surrogates, which a Rust `String` cannot.

use super::spec::{check_grouping, unknown_format_code, Align, FormatSpec, Sign};
use super::{push_n, reserve, FormatError};

/// The checks `format_string_internal` makes, in CPython's order; returns the
/// alignment to use.
fn check(spec: &FormatSpec, type_name: &str) -> Result<Align, FormatError> {
    if spec.ty.is_none() {
        check_grouping(spec.grouping, 's')?;
    }
    if let Some(ty) = spec.ty {
        if ty != 's' {
            return Err(unknown_format_code(ty, type_name));
        }
    }
    match spec.sign {
        Some(Sign::Space) => {
            return Err(FormatError::value(
                "Space not allowed in string format specifier",
            ));
        }
        Some(_) => {
            return Err(FormatError::value(
                "Sign not allowed in string format specifier",
            ))
        }
        None => {}
    }
    if spec.alternate {
        return Err(FormatError::value(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    if spec.align == Some(Align::AfterSign) {
        return Err(FormatError::value(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    // 3.10: a leading '0' sets the fill but not '=' for strings.
    Ok(spec.align.unwrap_or(Align::Left))
}

/// (left, kept, right): padding and how many code points of the value survive.
fn plan(len: usize, spec: &FormatSpec, align: Align) -> (usize, usize, usize) {
    let kept = spec.precision.map_or(len, |p| p.min(len));
    let total = spec.width.map_or(kept, |w| w.max(kept));
    let left = match align {
        Align::Right => total - kept,
        Align::Center => (total - kept) / 2,
        Align::Left | Align::AfterSign => 0,
    };
    (left, kept, total - kept - left)
}

/// `format(s, spec)` for a `str` (an empty spec is `str(s)`, i.e. `s`).
pub fn format_str(s: &str, spec: &FormatSpec) -> Result<String, FormatError> {
    format_str_as(s, spec, "str")
}

/// `format_str`, naming `type_name` in "Unknown format code" errors.
pub fn format_str_as(s: &str, spec: &FormatSpec, type_name: &str) -> Result<String, FormatError> {
    let align = check(spec, type_name)?;
    let (left, kept, right) = plan(s.chars().count(), spec, align);
    let body = match s.char_indices().nth(kept) {
        Some((i, _)) => &s[..i],
        None => s,
    };
    let mut out = String::new();
    push_n(&mut out, spec.fill, left)?;
    out.push_str(body);
    push_n(&mut out, spec.fill, right)?;
    Ok(out)
}

/// `format_str` over code points, for strings holding lone surrogates.
pub fn format_str_code_points(
    s: &[u32],
    spec: &FormatSpec,
    type_name: &str,
) -> Result<Vec<u32>, FormatError> {
    let align = check(spec, type_name)?;
    let (left, kept, right) = plan(s.len(), spec, align);
    let fill = spec.fill as u32;
    let mut out = Vec::new();
    reserve(&mut out, left.saturating_add(kept).saturating_add(right))?;
    out.extend(std::iter::repeat_n(fill, left));
    out.extend_from_slice(&s[..kept]);
    out.extend(std::iter::repeat_n(fill, right));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::testutil::{check, Expect};

    #[test]
    fn strings_match_cpython() {
        for (v, spec, want) in STR_CASES {
            let got = FormatSpec::parse(spec).and_then(|s| format_str(v, &s));
            check(got, want, &format!("format({v:?}, {spec:?})"));
        }
    }

    #[test]
    fn code_points_agree() {
        for (v, spec, _) in STR_CASES {
            let Ok(spec) = FormatSpec::parse(spec) else {
                continue;
            };
            let cps: Vec<u32> = v.chars().map(|c| c as u32).collect();
            let got = format_str_code_points(&cps, &spec, "str").map(|cps| {
                cps.into_iter()
                    .filter_map(char::from_u32)
                    .collect::<String>()
            });
            assert_eq!(got, format_str(v, &spec), "{v:?} {spec:?}");
        }
        // A lone surrogate survives padding and truncation.
        let spec = FormatSpec::parse("*^5.2").unwrap();
        assert_eq!(
            format_str_code_points(&[0xD800, 0x61, 0x62], &spec, "str"),
            Ok(vec![0x2A, 0xD800, 0x61, 0x2A, 0x2A])
        );
    }

    #[test]
    fn subclass_name() {
        let spec = FormatSpec::parse("d").unwrap();
        assert_eq!(
            format_str_as("x", &spec, "MyStr"),
            Err(FormatError::value(
                "Unknown format code 'd' for object of type 'MyStr'"
            ))
        );
    }

    const STR_CASES: &[(&str, &str, Expect)] = &[
        ("abc", "", Ok("abc")),
        ("abc", "s", Ok("abc")),
        ("abc", "5", Ok("abc  ")),
        ("abc", "<5", Ok("abc  ")),
        ("abc", ">5", Ok("  abc")),
        ("abc", "^5", Ok(" abc ")),
        ("abc", "^6", Ok(" abc  ")),
        ("abc", ".2", Ok("ab")),
        ("abc", "10.3", Ok("abc       ")),
        ("abc", "*^9.2s", Ok("***ab****")),
        ("abc", "05", Ok("abc00")),
        ("abc", "0<5", Ok("abc00")),
        ("abc", "x<05", Ok("abcxx")),
        ("abc", "<05", Ok("abc00")),
        ("abc", "^05", Ok("0abc0")),
        ("abc", "0^6", Ok("0abc00")),
        ("abc", ".0", Ok("")),
        (
            "abc",
            "=5",
            Err((
                "ValueError",
                "'=' alignment not allowed in string format specifier",
            )),
        ),
        (
            "abc",
            "0=5",
            Err((
                "ValueError",
                "'=' alignment not allowed in string format specifier",
            )),
        ),
        (
            "abc",
            "+",
            Err(("ValueError", "Sign not allowed in string format specifier")),
        ),
        (
            "abc",
            "#",
            Err((
                "ValueError",
                "Alternate form (#) not allowed in string format specifier",
            )),
        ),
        (
            "abc",
            ",",
            Err(("ValueError", "Cannot specify ',' with 's'.")),
        ),
        (
            "abc",
            "_",
            Err(("ValueError", "Cannot specify '_' with 's'.")),
        ),
        (
            "abc",
            "d",
            Err((
                "ValueError",
                "Unknown format code 'd' for object of type 'str'",
            )),
        ),
        (
            "abc",
            ",d",
            Err((
                "ValueError",
                "Unknown format code 'd' for object of type 'str'",
            )),
        ),
        (
            "abc",
            "+d",
            Err((
                "ValueError",
                "Unknown format code 'd' for object of type 'str'",
            )),
        ),
        (
            "abc",
            "-",
            Err(("ValueError", "Sign not allowed in string format specifier")),
        ),
        (
            "abc",
            " ",
            Err(("ValueError", "Space not allowed in string format specifier")),
        ),
        ("abc", "é>7", Ok("ééééabc")),
        ("abc", ".100", Ok("abc")),
        ("abc", "3", Ok("abc")),
        ("abc", "😀^8", Ok("😀😀abc😀😀😀")),
        ("abc", "0", Ok("abc")),
        ("abc", "00", Ok("abc")),
        ("abc", ".1s", Ok("a")),
        (
            "abc",
            ",s",
            Err(("ValueError", "Cannot specify ',' with 's'.")),
        ),
        (
            "abc",
            "_s",
            Err(("ValueError", "Cannot specify '_' with 's'.")),
        ),
        (
            "abc",
            "c",
            Err((
                "ValueError",
                "Unknown format code 'c' for object of type 'str'",
            )),
        ),
        (
            "abc",
            "\u{0}",
            Err((
                "ValueError",
                "Unknown format code '\\x0' for object of type 'str'",
            )),
        ),
        ("abc", "4611686018427387904", Err(("MemoryError", ""))),
        ("abc", ".4611686018427387904", Ok("abc")),
        ("", "", Ok("")),
        ("", "s", Ok("")),
        ("", "5", Ok("     ")),
        ("", "<5", Ok("     ")),
        ("", ">5", Ok("     ")),
        ("", "^5", Ok("     ")),
        ("", "^6", Ok("      ")),
        ("", ".2", Ok("")),
        ("", "10.3", Ok("          ")),
        ("", "*^9.2s", Ok("*********")),
        ("", "05", Ok("00000")),
        ("", "0<5", Ok("00000")),
        ("", "x<05", Ok("xxxxx")),
        ("", "<05", Ok("00000")),
        ("", "^05", Ok("00000")),
        ("", "0^6", Ok("000000")),
        ("", ".0", Ok("")),
        (
            "",
            "=5",
            Err((
                "ValueError",
                "'=' alignment not allowed in string format specifier",
            )),
        ),
        (
            "",
            "0=5",
            Err((
                "ValueError",
                "'=' alignment not allowed in string format specifier",
            )),
        ),
        (
            "",
            "+",
            Err(("ValueError", "Sign not allowed in string format specifier")),
        ),
        (
            "",
            "#",
            Err((
                "ValueError",
                "Alternate form (#) not allowed in string format specifier",
            )),
        ),
        ("", ",", Err(("ValueError", "Cannot specify ',' with 's'."))),
        ("", "_", Err(("ValueError", "Cannot specify '_' with 's'."))),
        (
            "",
            "d",
            Err((
                "ValueError",
                "Unknown format code 'd' for object of type 'str'",
            )),
        ),
        (
            "",
            ",d",
            Err((
                "ValueError",
                "Unknown format code 'd' for object of type 'str'",
            )),
        ),
        (
            "",
            "+d",
            Err((
                "ValueError",
                "Unknown format code 'd' for object of type 'str'",
            )),
        ),
        (
            "",
            "-",
            Err(("ValueError", "Sign not allowed in string format specifier")),
        ),
        (
            "",
            " ",
            Err(("ValueError", "Space not allowed in string format specifier")),
        ),
        ("", "é>7", Ok("ééééééé")),
        ("", ".100", Ok("")),
        ("", "3", Ok("   ")),
        ("", "😀^8", Ok("😀😀😀😀😀😀😀😀")),
        ("", "0", Ok("")),
        ("", "00", Ok("")),
        ("", ".1s", Ok("")),
        (
            "",
            ",s",
            Err(("ValueError", "Cannot specify ',' with 's'.")),
        ),
        (
            "",
            "_s",
            Err(("ValueError", "Cannot specify '_' with 's'.")),
        ),
        (
            "",
            "c",
            Err((
                "ValueError",
                "Unknown format code 'c' for object of type 'str'",
            )),
        ),
        (
            "",
            "\u{0}",
            Err((
                "ValueError",
                "Unknown format code '\\x0' for object of type 'str'",
            )),
        ),
        ("", "4611686018427387904", Err(("MemoryError", ""))),
        ("", ".4611686018427387904", Ok("")),
        ("é", "", Ok("é")),
        ("é", "s", Ok("é")),
        ("é", "5", Ok("é    ")),
        ("é", "<5", Ok("é    ")),
        ("é", ">5", Ok("    é")),
        ("é", "^5", Ok("  é  ")),
        ("é", "^6", Ok("  é   ")),
        ("é", ".2", Ok("é")),
        ("é", "10.3", Ok("é         ")),
        ("é", "*^9.2s", Ok("****é****")),
        ("é", "05", Ok("é0000")),
        ("é", "0<5", Ok("é0000")),
        ("é", "x<05", Ok("éxxxx")),
        ("é", "<05", Ok("é0000")),
        ("é", "^05", Ok("00é00")),
        ("é", "0^6", Ok("00é000")),
        ("é", ".0", Ok("")),
        (
            "é",
            "=5",
            Err((
                "ValueError",
                "'=' alignment not allowed in string format specifier",
            )),
        ),
        (
            "é",
            "0=5",
            Err((
                "ValueError",
                "'=' alignment not allowed in string format specifier",
            )),
        ),
        (
            "é",
            "+",
            Err(("ValueError", "Sign not allowed in string format specifier")),
        ),
        (
            "é",
            "#",
            Err((
                "ValueError",
                "Alternate form (#) not allowed in string format specifier",
            )),
        ),
        (
            "é",
            ",",
            Err(("ValueError", "Cannot specify ',' with 's'.")),
        ),
        (
            "é",
            "_",
            Err(("ValueError", "Cannot specify '_' with 's'.")),
        ),
        (
            "é",
            "d",
            Err((
                "ValueError",
                "Unknown format code 'd' for object of type 'str'",
            )),
        ),
        (
            "é",
            ",d",
            Err((
                "ValueError",
                "Unknown format code 'd' for object of type 'str'",
            )),
        ),
        (
            "é",
            "+d",
            Err((
                "ValueError",
                "Unknown format code 'd' for object of type 'str'",
            )),
        ),
        (
            "é",
            "-",
            Err(("ValueError", "Sign not allowed in string format specifier")),
        ),
        (
            "é",
            " ",
            Err(("ValueError", "Space not allowed in string format specifier")),
        ),
        ("é", "é>7", Ok("ééééééé")),
        ("é", ".100", Ok("é")),
        ("é", "3", Ok("é  ")),
        ("é", "😀^8", Ok("😀😀😀é😀😀😀😀")),
        ("é", "0", Ok("é")),
        ("é", "00", Ok("é")),
        ("é", ".1s", Ok("é")),
        (
            "é",
            ",s",
            Err(("ValueError", "Cannot specify ',' with 's'.")),
        ),
        (
            "é",
            "_s",
            Err(("ValueError", "Cannot specify '_' with 's'.")),
        ),
        (
            "é",
            "c",
            Err((
                "ValueError",
                "Unknown format code 'c' for object of type 'str'",
            )),
        ),
        (
            "é",
            "\u{0}",
            Err((
                "ValueError",
                "Unknown format code '\\x0' for object of type 'str'",
            )),
        ),
        ("é", "4611686018427387904", Err(("MemoryError", ""))),
        ("é", ".4611686018427387904", Ok("é")),
        ("ß日本", "", Ok("ß日本")),
        ("ß日本", "s", Ok("ß日本")),
        ("ß日本", "5", Ok("ß日本  ")),
        ("ß日本", "<5", Ok("ß日本  ")),
        ("ß日本", ">5", Ok("  ß日本")),
        ("ß日本", "^5", Ok(" ß日本 ")),
        ("ß日本", "^6", Ok(" ß日本  ")),
        ("ß日本", ".2", Ok("ß日")),
        ("ß日本", "10.3", Ok("ß日本       ")),
        ("ß日本", "*^9.2s", Ok("***ß日****")),
        ("ß日本", "05", Ok("ß日本00")),
        ("ß日本", "0<5", Ok("ß日本00")),
        ("ß日本", "x<05", Ok("ß日本xx")),
        ("ß日本", "<05", Ok("ß日本00")),
        ("ß日本", "^05", Ok("0ß日本0")),
        ("ß日本", "0^6", Ok("0ß日本00")),
        ("ß日本", ".0", Ok("")),
        (
            "ß日本",
            "=5",
            Err((
                "ValueError",
                "'=' alignment not allowed in string format specifier",
            )),
        ),
        (
            "ß日本",
            "0=5",
            Err((
                "ValueError",
                "'=' alignment not allowed in string format specifier",
            )),
        ),
        (
            "ß日本",
            "+",
            Err(("ValueError", "Sign not allowed in string format specifier")),
        ),
        (
            "ß日本",
            "#",
            Err((
                "ValueError",
                "Alternate form (#) not allowed in string format specifier",
            )),
        ),
        (
            "ß日本",
            ",",
            Err(("ValueError", "Cannot specify ',' with 's'.")),
        ),
        (
            "ß日本",
            "_",
            Err(("ValueError", "Cannot specify '_' with 's'.")),
        ),
        (
            "ß日本",
            "d",
            Err((
                "ValueError",
                "Unknown format code 'd' for object of type 'str'",
            )),
        ),
        (
            "ß日本",
            ",d",
            Err((
                "ValueError",
                "Unknown format code 'd' for object of type 'str'",
            )),
        ),
        (
            "ß日本",
            "+d",
            Err((
                "ValueError",
                "Unknown format code 'd' for object of type 'str'",
            )),
        ),
        (
            "ß日本",
            "-",
            Err(("ValueError", "Sign not allowed in string format specifier")),
        ),
        (
            "ß日本",
            " ",
            Err(("ValueError", "Space not allowed in string format specifier")),
        ),
        ("ß日本", "é>7", Ok("ééééß日本")),
        ("ß日本", ".100", Ok("ß日本")),
        ("ß日本", "3", Ok("ß日本")),
        ("ß日本", "😀^8", Ok("😀😀ß日本😀😀😀")),
        ("ß日本", "0", Ok("ß日本")),
        ("ß日本", "00", Ok("ß日本")),
        ("ß日本", ".1s", Ok("ß")),
        (
            "ß日本",
            ",s",
            Err(("ValueError", "Cannot specify ',' with 's'.")),
        ),
        (
            "ß日本",
            "_s",
            Err(("ValueError", "Cannot specify '_' with 's'.")),
        ),
        (
            "ß日本",
            "c",
            Err((
                "ValueError",
                "Unknown format code 'c' for object of type 'str'",
            )),
        ),
        (
            "ß日本",
            "\u{0}",
            Err((
                "ValueError",
                "Unknown format code '\\x0' for object of type 'str'",
            )),
        ),
        ("ß日本", "4611686018427387904", Err(("MemoryError", ""))),
        ("ß日本", ".4611686018427387904", Ok("ß日本")),
        ("hello world", "", Ok("hello world")),
        ("hello world", "s", Ok("hello world")),
        ("hello world", "5", Ok("hello world")),
        ("hello world", "<5", Ok("hello world")),
        ("hello world", ">5", Ok("hello world")),
        ("hello world", "^5", Ok("hello world")),
        ("hello world", "^6", Ok("hello world")),
        ("hello world", ".2", Ok("he")),
        ("hello world", "10.3", Ok("hel       ")),
        ("hello world", "*^9.2s", Ok("***he****")),
        ("hello world", "05", Ok("hello world")),
        ("hello world", "0<5", Ok("hello world")),
        ("hello world", "x<05", Ok("hello world")),
        ("hello world", "<05", Ok("hello world")),
        ("hello world", "^05", Ok("hello world")),
        ("hello world", "0^6", Ok("hello world")),
        ("hello world", ".0", Ok("")),
        (
            "hello world",
            "=5",
            Err((
                "ValueError",
                "'=' alignment not allowed in string format specifier",
            )),
        ),
        (
            "hello world",
            "0=5",
            Err((
                "ValueError",
                "'=' alignment not allowed in string format specifier",
            )),
        ),
        (
            "hello world",
            "+",
            Err(("ValueError", "Sign not allowed in string format specifier")),
        ),
        (
            "hello world",
            "#",
            Err((
                "ValueError",
                "Alternate form (#) not allowed in string format specifier",
            )),
        ),
        (
            "hello world",
            ",",
            Err(("ValueError", "Cannot specify ',' with 's'.")),
        ),
        (
            "hello world",
            "_",
            Err(("ValueError", "Cannot specify '_' with 's'.")),
        ),
        (
            "hello world",
            "d",
            Err((
                "ValueError",
                "Unknown format code 'd' for object of type 'str'",
            )),
        ),
        (
            "hello world",
            ",d",
            Err((
                "ValueError",
                "Unknown format code 'd' for object of type 'str'",
            )),
        ),
        (
            "hello world",
            "+d",
            Err((
                "ValueError",
                "Unknown format code 'd' for object of type 'str'",
            )),
        ),
        (
            "hello world",
            "-",
            Err(("ValueError", "Sign not allowed in string format specifier")),
        ),
        (
            "hello world",
            " ",
            Err(("ValueError", "Space not allowed in string format specifier")),
        ),
        ("hello world", "é>7", Ok("hello world")),
        ("hello world", ".100", Ok("hello world")),
        ("hello world", "3", Ok("hello world")),
        ("hello world", "😀^8", Ok("hello world")),
        ("hello world", "0", Ok("hello world")),
        ("hello world", "00", Ok("hello world")),
        ("hello world", ".1s", Ok("h")),
        (
            "hello world",
            ",s",
            Err(("ValueError", "Cannot specify ',' with 's'.")),
        ),
        (
            "hello world",
            "_s",
            Err(("ValueError", "Cannot specify '_' with 's'.")),
        ),
        (
            "hello world",
            "c",
            Err((
                "ValueError",
                "Unknown format code 'c' for object of type 'str'",
            )),
        ),
        (
            "hello world",
            "\u{0}",
            Err((
                "ValueError",
                "Unknown format code '\\x0' for object of type 'str'",
            )),
        ),
        (
            "hello world",
            "4611686018427387904",
            Err(("MemoryError", "")),
        ),
        ("hello world", ".4611686018427387904", Ok("hello world")),
        ("á", "", Ok("á")),
        ("á", "s", Ok("á")),
        ("á", "5", Ok("á   ")),
        ("á", "<5", Ok("á   ")),
        ("á", ">5", Ok("   á")),
        ("á", "^5", Ok(" á  ")),
        ("á", "^6", Ok("  á  ")),
        ("á", ".2", Ok("á")),
        ("á", "10.3", Ok("á        ")),
        ("á", "*^9.2s", Ok("***á****")),
        ("á", "05", Ok("á000")),
        ("á", "0<5", Ok("á000")),
        ("á", "x<05", Ok("áxxx")),
        ("á", "<05", Ok("á000")),
        ("á", "^05", Ok("0á00")),
        ("á", "0^6", Ok("00á00")),
        ("á", ".0", Ok("")),
        (
            "á",
            "=5",
            Err((
                "ValueError",
                "'=' alignment not allowed in string format specifier",
            )),
        ),
        (
            "á",
            "0=5",
            Err((
                "ValueError",
                "'=' alignment not allowed in string format specifier",
            )),
        ),
        (
            "á",
            "+",
            Err(("ValueError", "Sign not allowed in string format specifier")),
        ),
        (
            "á",
            "#",
            Err((
                "ValueError",
                "Alternate form (#) not allowed in string format specifier",
            )),
        ),
        (
            "á",
            ",",
            Err(("ValueError", "Cannot specify ',' with 's'.")),
        ),
        (
            "á",
            "_",
            Err(("ValueError", "Cannot specify '_' with 's'.")),
        ),
        (
            "á",
            "d",
            Err((
                "ValueError",
                "Unknown format code 'd' for object of type 'str'",
            )),
        ),
        (
            "á",
            ",d",
            Err((
                "ValueError",
                "Unknown format code 'd' for object of type 'str'",
            )),
        ),
        (
            "á",
            "+d",
            Err((
                "ValueError",
                "Unknown format code 'd' for object of type 'str'",
            )),
        ),
        (
            "á",
            "-",
            Err(("ValueError", "Sign not allowed in string format specifier")),
        ),
        (
            "á",
            " ",
            Err(("ValueError", "Space not allowed in string format specifier")),
        ),
        ("á", "é>7", Ok("éééééá")),
        ("á", ".100", Ok("á")),
        ("á", "3", Ok("á ")),
        ("á", "😀^8", Ok("😀😀😀á😀😀😀")),
        ("á", "0", Ok("á")),
        ("á", "00", Ok("á")),
        ("á", ".1s", Ok("a")),
        (
            "á",
            ",s",
            Err(("ValueError", "Cannot specify ',' with 's'.")),
        ),
        (
            "á",
            "_s",
            Err(("ValueError", "Cannot specify '_' with 's'.")),
        ),
        (
            "á",
            "c",
            Err((
                "ValueError",
                "Unknown format code 'c' for object of type 'str'",
            )),
        ),
        (
            "á",
            "\u{0}",
            Err((
                "ValueError",
                "Unknown format code '\\x0' for object of type 'str'",
            )),
        ),
        ("á", "4611686018427387904", Err(("MemoryError", ""))),
        ("á", ".4611686018427387904", Ok("á")),
        ("😀x", "", Ok("😀x")),
        ("😀x", "s", Ok("😀x")),
        ("😀x", "5", Ok("😀x   ")),
        ("😀x", "<5", Ok("😀x   ")),
        ("😀x", ">5", Ok("   😀x")),
        ("😀x", "^5", Ok(" 😀x  ")),
        ("😀x", "^6", Ok("  😀x  ")),
        ("😀x", ".2", Ok("😀x")),
        ("😀x", "10.3", Ok("😀x        ")),
        ("😀x", "*^9.2s", Ok("***😀x****")),
        ("😀x", "05", Ok("😀x000")),
        ("😀x", "0<5", Ok("😀x000")),
        ("😀x", "x<05", Ok("😀xxxx")),
        ("😀x", "<05", Ok("😀x000")),
        ("😀x", "^05", Ok("0😀x00")),
        ("😀x", "0^6", Ok("00😀x00")),
        ("😀x", ".0", Ok("")),
        (
            "😀x",
            "=5",
            Err((
                "ValueError",
                "'=' alignment not allowed in string format specifier",
            )),
        ),
        (
            "😀x",
            "0=5",
            Err((
                "ValueError",
                "'=' alignment not allowed in string format specifier",
            )),
        ),
        (
            "😀x",
            "+",
            Err(("ValueError", "Sign not allowed in string format specifier")),
        ),
        (
            "😀x",
            "#",
            Err((
                "ValueError",
                "Alternate form (#) not allowed in string format specifier",
            )),
        ),
        (
            "😀x",
            ",",
            Err(("ValueError", "Cannot specify ',' with 's'.")),
        ),
        (
            "😀x",
            "_",
            Err(("ValueError", "Cannot specify '_' with 's'.")),
        ),
        (
            "😀x",
            "d",
            Err((
                "ValueError",
                "Unknown format code 'd' for object of type 'str'",
            )),
        ),
        (
            "😀x",
            ",d",
            Err((
                "ValueError",
                "Unknown format code 'd' for object of type 'str'",
            )),
        ),
        (
            "😀x",
            "+d",
            Err((
                "ValueError",
                "Unknown format code 'd' for object of type 'str'",
            )),
        ),
        (
            "😀x",
            "-",
            Err(("ValueError", "Sign not allowed in string format specifier")),
        ),
        (
            "😀x",
            " ",
            Err(("ValueError", "Space not allowed in string format specifier")),
        ),
        ("😀x", "é>7", Ok("ééééé😀x")),
        ("😀x", ".100", Ok("😀x")),
        ("😀x", "3", Ok("😀x ")),
        ("😀x", "😀^8", Ok("😀😀😀😀x😀😀😀")),
        ("😀x", "0", Ok("😀x")),
        ("😀x", "00", Ok("😀x")),
        ("😀x", ".1s", Ok("😀")),
        (
            "😀x",
            ",s",
            Err(("ValueError", "Cannot specify ',' with 's'.")),
        ),
        (
            "😀x",
            "_s",
            Err(("ValueError", "Cannot specify '_' with 's'.")),
        ),
        (
            "😀x",
            "c",
            Err((
                "ValueError",
                "Unknown format code 'c' for object of type 'str'",
            )),
        ),
        (
            "😀x",
            "\u{0}",
            Err((
                "ValueError",
                "Unknown format code '\\x0' for object of type 'str'",
            )),
        ),
        ("😀x", "4611686018427387904", Err(("MemoryError", ""))),
        ("😀x", ".4611686018427387904", Ok("😀x")),
    ];
}
