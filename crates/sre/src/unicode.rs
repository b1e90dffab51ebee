//! Character predicates and case mappings as CPython's `_sre` computes them.
//! The `str` predicates are the loader's Unicode tables (the ones `str`'s
//! methods use, generated from the same CPython); only `_sre`'s simple case
//! mappings are tables of this crate (`tables.rs`).

use crate::tables;
use pyvm_loader::unicode;

fn mapped(table: &[(u32, u32)], c: u32) -> u32 {
    match table.binary_search_by_key(&c, |&(k, _)| k) {
        Ok(i) => table[i].1,
        Err(_) => c,
    }
}

/// `\d` for str patterns: `str.isdecimal`.
pub fn is_decimal(c: u32) -> bool {
    if c < 0x80 {
        return (b'0' as u32..=b'9' as u32).contains(&c);
    }
    unicode::is_decimal(c)
}

/// `\s` for str patterns: `str.isspace`.
pub fn is_space(c: u32) -> bool {
    if c < 0x80 {
        return matches!(c, 0x09..=0x0D | 0x1C..=0x20);
    }
    unicode::is_space(c)
}

/// `str.isalnum`: alphabetic, decimal, digit or numeric.
pub fn is_alnum(c: u32) -> bool {
    if c < 0x80 {
        return (c as u8).is_ascii_alphanumeric();
    }
    unicode::is_alpha(c) || unicode::is_decimal(c) || unicode::is_digit(c) || unicode::is_numeric(c)
}

/// `\w` for str patterns: alphanumeric or underscore.
pub fn is_word(c: u32) -> bool {
    c == b'_' as u32 || is_alnum(c)
}

/// `str.isalpha`.
pub fn is_alpha(c: u32) -> bool {
    if c < 0x80 {
        return (c as u8).is_ascii_alphabetic();
    }
    unicode::is_alpha(c)
}

/// `str.isprintable` for one character.
pub fn is_printable(c: u32) -> bool {
    if c < 0x80 {
        return (0x20..0x7F).contains(&c);
    }
    unicode::is_printable(c)
}

/// `_sre.unicode_tolower`: the simple lowercase mapping (first character of
/// the special-casing mapping where there is one).
pub fn lower(c: u32) -> u32 {
    if c < 0x80 {
        return (c as u8).to_ascii_lowercase() as u32;
    }
    mapped(tables::LOWER_MAP, c)
}

/// The simple uppercase mapping `_sre` uses.
pub fn upper(c: u32) -> u32 {
    if c < 0x80 {
        return (c as u8).to_ascii_uppercase() as u32;
    }
    mapped(tables::UPPER_MAP, c)
}

/// `_sre.unicode_iscased`.
pub fn is_cased(c: u32) -> bool {
    lower(c) != c || upper(c) != c
}

/// `_sre.ascii_tolower`.
pub fn ascii_lower(c: u32) -> u32 {
    if c < 0x80 {
        (c as u8).to_ascii_lowercase() as u32
    } else {
        c
    }
}

/// `_sre.ascii_iscased`.
pub fn ascii_is_cased(c: u32) -> bool {
    c < 0x80 && (c as u8).is_ascii_alphabetic()
}

/// Upper-casing in the C locale (used by the LOCALE flag for bytes).
pub fn ascii_upper(c: u32) -> u32 {
    if c < 0x80 {
        (c as u8).to_ascii_uppercase() as u32
    } else {
        c
    }
}

/// `\w` for bytes patterns and the ASCII flag.
pub fn ascii_is_word(c: u32) -> bool {
    c < 0x80 && ((c as u8).is_ascii_alphanumeric() || c == b'_' as u32)
}

/// `\d` for bytes patterns and the ASCII flag.
pub fn ascii_is_digit(c: u32) -> bool {
    (b'0' as u32..=b'9' as u32).contains(&c)
}

/// `\s` for bytes patterns and the ASCII flag.
pub fn ascii_is_space(c: u32) -> bool {
    matches!(c, 0x09..=0x0D | 0x20)
}

/// `str.isidentifier` over code points.
pub fn is_identifier(s: &[u32]) -> bool {
    let Some((&first, rest)) = s.split_first() else {
        return false;
    };
    (first == b'_' as u32 || unicode::is_id_start(first))
        && rest.iter().all(|&c| unicode::is_id_continue(c))
}

/// The value of a decimal digit of any script (decimal digits come in runs of
/// ten consecutive code points starting at zero).
pub fn decimal_value(c: u32) -> Option<u32> {
    unicode::decimal_value(c)
}

/// `repr()` of a str given as code points, as CPython writes it.
pub fn repr_str(s: &[u32]) -> String {
    let has_single = s.contains(&(b'\'' as u32));
    let has_double = s.contains(&(b'"' as u32));
    let quote = if has_single && !has_double { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for &c in s {
        match c {
            0x5C => out.push_str("\\\\"),
            0x09 => out.push_str("\\t"),
            0x0A => out.push_str("\\n"),
            0x0D => out.push_str("\\r"),
            _ if c == quote as u32 => {
                out.push('\\');
                out.push(quote);
            }
            _ if c < 0x20 || c == 0x7F => out.push_str(&format!("\\x{c:02x}")),
            _ if c < 0x80 => out.push(c as u8 as char),
            _ if is_printable(c) => out.push(char::from_u32(c).unwrap_or('\u{FFFD}')),
            _ if c < 0x100 => out.push_str(&format!("\\x{c:02x}")),
            _ if c < 0x10000 => out.push_str(&format!("\\u{c:04x}")),
            _ => out.push_str(&format!("\\U{c:08x}")),
        }
    }
    out.push(quote);
    out
}

/// `repr()` of a bytes object given as byte values.
pub fn repr_bytes(s: &[u32]) -> String {
    let has_single = s.contains(&(b'\'' as u32));
    let has_double = s.contains(&(b'"' as u32));
    let quote = if has_single && !has_double { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 3);
    out.push('b');
    out.push(quote);
    for &c in s {
        match c {
            0x5C => out.push_str("\\\\"),
            0x09 => out.push_str("\\t"),
            0x0A => out.push_str("\\n"),
            0x0D => out.push_str("\\r"),
            _ if c == quote as u32 => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7E => out.push(c as u8 as char),
            _ => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out
}

/// Code points as a Rust string (lone surrogates become U+FFFD).
pub fn to_string(s: &[u32]) -> String {
    s.iter()
        .map(|&c| char::from_u32(c).unwrap_or('\u{FFFD}'))
        .collect()
}
