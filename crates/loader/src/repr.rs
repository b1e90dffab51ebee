//! CPython's `repr()` of constants, character for character: the disassembler
//! prints these, and the eval crate reuses the float and bytes formatting.

use std::fmt::Write as _;

use crate::constant::Constant;

/// The shortest digits that round-trip, and the decimal point position:
/// `v == 0.DIGITS * 10**decpt`. `v` must be finite and non-negative.
fn shortest_digits(v: f64) -> (String, i32) {
    // `{:e}` prints a shortest round-trip digit string, e.g. "1.2345e-5". When
    // several strings of that length round-trip, CPython's dtoa picks the one
    // nearest `v`, ties to even; Rust's shortest mode may pick another
    // (2**-25 -> ...695313e-8 where CPython says ...695312e-08). Rust's
    // fixed-precision mode is exact with ties to even, so redo it at that length.
    let split = |s: &str| -> (String, i32) {
        let (mantissa, exp) = s.split_once('e').unwrap_or((s, "0"));
        let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
        (digits, exp.parse::<i32>().unwrap_or(0) + 1)
    };
    let shortest = format!("{v:e}");
    let (digits, decpt) = split(&shortest);
    let nearest = format!("{v:.*e}", digits.len() - 1);
    if nearest != shortest && nearest.parse::<f64>() == Ok(v) {
        return split(&nearest);
    }
    (digits, decpt)
}

/// `PyOS_double_to_string(v, 'r', 0, flags)`: `add_dot_0` is `Py_DTSF_ADD_DOT_0`
/// (used by float repr), `always_sign` is `Py_DTSF_SIGN` (used for complex imag).
pub fn format_float_repr(v: f64, add_dot_0: bool, always_sign: bool, out: &mut String) {
    if v.is_nan() {
        out.push_str(if always_sign { "+nan" } else { "nan" });
        return;
    }
    if v.is_sign_negative() {
        out.push('-');
    } else if always_sign {
        out.push('+');
    }
    let a = v.abs();
    if a.is_infinite() {
        out.push_str("inf");
        return;
    }
    let (digits, decpt) = shortest_digits(a);
    let n = digits.len() as i32;
    if decpt <= -4 || decpt > 16 {
        out.push_str(&digits[..1]);
        if n > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let exp = decpt - 1;
        let _ = write!(out, "e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    } else if decpt <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-decpt) as usize));
        out.push_str(&digits);
    } else if decpt < n {
        out.push_str(&digits[..decpt as usize]);
        out.push('.');
        out.push_str(&digits[decpt as usize..]);
    } else {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', (decpt - n) as usize));
        if add_dot_0 {
            out.push_str(".0");
        }
    }
}

/// `repr(float)`: `0.1`, `1e+16`, `-0.0`, `inf`.
pub fn float_repr(v: f64) -> String {
    let mut s = String::new();
    format_float_repr(v, true, false, &mut s);
    s
}

/// `repr(complex)`: `2j`, `(1+2j)`, `(-0-1j)`.
pub fn complex_repr(re: f64, im: f64, out: &mut String) {
    if re == 0.0 && re.is_sign_positive() {
        format_float_repr(im, false, false, out);
        out.push('j');
    } else {
        out.push('(');
        format_float_repr(re, false, false, out);
        format_float_repr(im, false, true, out);
        out.push_str("j)");
    }
}

/// `repr(bytes)`: `b'...'`, with CPython's quote choice and `\xhh` escapes.
pub fn bytes_repr(b: &[u8], out: &mut String) {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    out.push('b');
    out.push(quote as char);
    for &c in b {
        match c {
            _ if c == quote || c == b'\\' => {
                out.push('\\');
                out.push(c as char);
            }
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            0x20..=0x7e => out.push(c as char),
            _ => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
    out.push(quote as char);
}

impl Constant {
    pub fn repr(&self) -> String {
        let mut s = String::new();
        self.write_repr(&mut s);
        s
    }

    pub fn write_repr(&self, out: &mut String) {
        match self {
            Constant::None => out.push_str("None"),
            Constant::Ellipsis => out.push_str("Ellipsis"),
            Constant::StopIteration => out.push_str("<class 'StopIteration'>"),
            Constant::Bool(true) => out.push_str("True"),
            Constant::Bool(false) => out.push_str("False"),
            Constant::Int(i) => {
                let _ = write!(out, "{i}");
            }
            Constant::BigInt(b) => {
                let _ = write!(out, "{b}");
            }
            Constant::Float(f) => format_float_repr(*f, true, false, out),
            Constant::Complex { re, im } => complex_repr(*re, *im, out),
            Constant::Str(s) => s.write_repr(out),
            Constant::Bytes(b) => bytes_repr(b, out),
            Constant::Tuple(items) => {
                out.push('(');
                write_items(items.iter(), out);
                if items.len() == 1 {
                    out.push(',');
                }
                out.push(')');
            }
            Constant::List(items) => {
                out.push('[');
                write_items(items.iter(), out);
                out.push(']');
            }
            Constant::Dict(items) => {
                out.push('{');
                for (i, (k, v)) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    k.write_repr(out);
                    out.push_str(": ");
                    v.write_repr(out);
                }
                out.push('}');
            }
            Constant::Set(items) if items.is_empty() => out.push_str("set()"),
            Constant::Set(items) => {
                out.push('{');
                write_items(set_order(items).into_iter(), out);
                out.push('}');
            }
            Constant::FrozenSet(items) if items.is_empty() => out.push_str("frozenset()"),
            Constant::FrozenSet(items) => {
                out.push_str("frozenset({");
                write_items(set_order(items).into_iter(), out);
                out.push_str("})");
            }
            Constant::Code(code) => code.write_repr(out),
        }
    }
}

fn write_items<'a>(items: impl Iterator<Item = &'a Constant>, out: &mut String) {
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        item.write_repr(out);
    }
}

/// Items in the order CPython's set built from them (in marshal order) iterates.
fn set_order(items: &[Constant]) -> Vec<&Constant> {
    let hashes: Vec<i64> = items.iter().map(Constant::cpython_hash).collect();
    crate::hash::set_iteration_order(&hashes, |a, b| items[a].py_eq(&items[b]))
        .into_iter()
        .map(|i| &items[i])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_reprs() {
        let cases = [
            (0.1, "0.1"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (1.5e300, "1.5e+300"),
            (-0.0, "-0.0"),
            (0.0, "0.0"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (123.456, "123.456"),
            (5e-324, "5e-324"),
            (2f64.powi(-25), "2.9802322387695312e-08"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
        ];
        for (v, want) in cases {
            assert_eq!(float_repr(v), want);
        }
    }

    #[test]
    fn complex_reprs() {
        let r = |re, im| {
            let mut s = String::new();
            complex_repr(re, im, &mut s);
            s
        };
        assert_eq!(r(0.0, 2.0), "2j");
        assert_eq!(r(1.0, 2.0), "(1+2j)");
        assert_eq!(r(-1.0, -0.0), "(-1-0j)");
        assert_eq!(r(-0.0, 1.5), "(-0+1.5j)");
        assert_eq!(r(0.0, f64::INFINITY), "infj");
    }

    #[test]
    fn bytes_reprs() {
        let r = |b: &[u8]| {
            let mut s = String::new();
            bytes_repr(b, &mut s);
            s
        };
        assert_eq!(r(b"it's"), "b\"it's\"");
        assert_eq!(r(b"\x00\xff\t'\""), "b'\\x00\\xff\\t\\'\"'");
    }
}
