//! `PyOS_double_to_string`: the one float-to-text routine behind `format()`,
//! `%`-formatting and `repr`, rebuilt on Rust's exact float printing (correctly
//! rounded, ties to even, like David Gay's dtoa that CPython uses).

use pyvm_loader::repr::float_repr;

/// The `Py_DTSF_*` flags.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DtoaFlags {
    /// `Py_DTSF_ALT`: keep a trailing '.' and, for 'g', trailing zeros.
    pub alt: bool,
    /// `Py_DTSF_ADD_DOT_0`: integral values in non-exponent form get ".0";
    /// for 'g' this also moves the switch to exponent form one digit earlier.
    pub add_dot_0: bool,
    /// `Py_DTSF_SIGN`: '+' for non-negative values (including inf and nan).
    pub sign: bool,
}

/// Digits (no leading/trailing zeros, "0" for zero) and the decimal point
/// position: the value is `0.DIGITS * 10**decpt`.
type Digits = (Vec<u8>, i64);

/// Splits "123.4500" / "0.0012" into significant digits and point position.
fn split_fixed(text: &str) -> Digits {
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    let mut digits: Vec<u8> = int.bytes().chain(frac.bytes()).collect();
    let mut decpt = int.len() as i64;
    let lead = digits.iter().take_while(|&&d| d == b'0').count();
    digits.drain(..lead);
    decpt -= lead as i64;
    while digits.last() == Some(&b'0') {
        digits.pop();
    }
    if digits.is_empty() {
        return (vec![b'0'], 1);
    }
    (digits, decpt)
}

/// Splits "1.2300e-5" into significant digits and point position.
fn split_exp(text: &str) -> Digits {
    let (mantissa, exp) = text.split_once('e').unwrap_or((text, "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let (digits, decpt) = split_fixed(mantissa);
    if digits == [b'0'] {
        return (digits, 1);
    }
    (digits, decpt + exp)
}

/// dtoa mode 0: the shortest digits that round-trip (taken from `repr`).
fn shortest(a: f64) -> Digits {
    let r = float_repr(a);
    if r.contains('e') {
        split_exp(&r)
    } else {
        split_fixed(&r)
    }
}

/// dtoa mode 2: `n >= 1` significant digits, correctly rounded.
fn significant(a: f64, n: usize) -> Digits {
    split_exp(&format!("{:.*e}", n - 1, a))
}

/// dtoa mode 3: digits up to `n` places after the point, correctly rounded.
fn fixed(a: f64, n: usize) -> Digits {
    split_fixed(&format!("{a:.n$}"))
}

/// `PyOS_double_to_string(val, code, precision, flags)` for `code` in
/// `e E f F g G r` ('r' = repr digits; `precision` is then ignored).
///
/// Upper-case codes upper-case only "INF", "NAN" and the 'E'; a nan never
/// shows a '-' (its sign bit is ignored, as in CPython).
pub fn double_to_string(val: f64, code: char, precision: usize, flags: DtoaFlags) -> String {
    let upper = code.is_ascii_uppercase();
    let code = code.to_ascii_lowercase();
    let mut out = String::new();

    if val.is_nan() {
        if flags.sign {
            out.push('+');
        }
        out.push_str(if upper { "NAN" } else { "nan" });
        return out;
    }
    if val.is_sign_negative() {
        out.push('-');
    } else if flags.sign {
        out.push('+');
    }
    let a = val.abs();
    if a.is_infinite() {
        out.push_str(if upper { "INF" } else { "inf" });
        return out;
    }

    // `precision` as dtoa sees it: 'e' counts the leading digit, and a 'g'
    // precision of 0 means 1.
    let (digits, mut decpt) = match code {
        'e' => significant(a, precision + 1),
        'f' => fixed(a, precision),
        'g' => significant(a, precision.max(1)),
        _ => shortest(a),
    };
    let precision = match code {
        'e' => precision as i64 + 1,
        'g' => precision.max(1) as i64,
        _ => precision as i64,
    };
    let ndigits = digits.len() as i64;

    // The output is the slice [start, end) of the digit string padded with
    // zeros on both sides, with the point inserted at `decpt`.
    let mut end = ndigits;
    let mut use_exp = false;
    match code {
        'e' => {
            use_exp = true;
            end = precision;
        }
        'f' => end = decpt + precision,
        'g' => {
            let limit = if flags.add_dot_0 {
                precision - 1
            } else {
                precision
            };
            use_exp = decpt <= -4 || decpt > limit;
            if flags.alt {
                end = precision;
            }
        }
        _ => use_exp = decpt <= -4 || decpt > 16,
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let start = if decpt <= 0 { decpt - 1 } else { 0 };
    end = if !use_exp && flags.add_dot_0 {
        end.max(decpt + 1)
    } else {
        end.max(decpt)
    };

    let digit_at = |i: i64| -> char {
        if (0..ndigits).contains(&i) {
            digits[i as usize] as char
        } else {
            '0'
        }
    };
    out.reserve((end - start) as usize + 8);
    for i in start..decpt {
        out.push(digit_at(i));
    }
    out.push('.');
    for i in decpt..end {
        out.push(digit_at(i));
    }
    if out.ends_with('.') && !flags.alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        out.push(if exp < 0 { '-' } else { '+' });
        let e = exp.unsigned_abs();
        if e < 10 {
            out.push('0');
        }
        out.push_str(&e.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NONE: DtoaFlags = DtoaFlags {
        alt: false,
        add_dot_0: false,
        sign: false,
    };
    const ALT: DtoaFlags = DtoaFlags {
        alt: true,
        add_dot_0: false,
        sign: false,
    };
    const DOT0: DtoaFlags = DtoaFlags {
        alt: false,
        add_dot_0: true,
        sign: false,
    };
    const SIGN: DtoaFlags = DtoaFlags {
        alt: false,
        add_dot_0: false,
        sign: true,
    };

    #[test]
    fn digit_splitting() {
        assert_eq!(split_fixed("0.00"), (b"0".to_vec(), 1));
        assert_eq!(split_fixed("0.0012"), (b"12".to_vec(), -2));
        assert_eq!(split_fixed("120.50"), (b"1205".to_vec(), 3));
        assert_eq!(split_exp("1.2300e-5"), (b"123".to_vec(), -4));
        assert_eq!(split_exp("0.000e0"), (b"0".to_vec(), 1));
        assert_eq!(shortest(1e16), (b"1".to_vec(), 17));
        assert_eq!(shortest(0.0), (b"0".to_vec(), 1));
        assert_eq!(shortest(123.0), (b"123".to_vec(), 3));
    }

    #[test]
    fn against_cpython() {
        // (value, code, precision, flags, PyOS_double_to_string result), taken from
        // CPython 3.10 via '%'-formatting ('#' = ALT), repr (DOT0) and complex.
        let cases: &[(f64, char, usize, DtoaFlags, &str)] = &[
            (0.0, 'r', 0, DOT0, "0.0"),
            (-0.0, 'r', 0, DOT0, "-0.0"),
            (1e16, 'r', 0, DOT0, "1e+16"),
            (1e16, 'r', 0, ALT, "1.e+16"),
            (123.0, 'r', 0, NONE, "123"),
            (123.0, 'r', 0, ALT, "123."),
            (0.0001, 'r', 0, NONE, "0.0001"),
            (0.00001, 'r', 0, NONE, "1e-05"),
            (2.0, 'r', 0, SIGN, "+2"),
            (f64::NAN, 'r', 0, SIGN, "+nan"),
            (-f64::NAN, 'r', 0, NONE, "nan"),
            (f64::NEG_INFINITY, 'r', 0, SIGN, "-inf"),
            (f64::INFINITY, 'F', 3, NONE, "INF"),
            (1.5, 'e', 0, NONE, "2e+00"),
            (2.5, 'e', 0, NONE, "2e+00"),
            (2.5, 'e', 0, ALT, "2.e+00"),
            (1e-300, 'E', 3, NONE, "1.000E-300"),
            (123.456, 'e', 6, NONE, "1.234560e+02"),
            (0.5, 'f', 0, NONE, "0"),
            (1.5, 'f', 0, NONE, "2"),
            (1.5, 'f', 0, ALT, "2."),
            (2.675, 'f', 2, NONE, "2.67"),
            (-0.0001, 'f', 2, NONE, "-0.00"),
            (0.006, 'f', 2, NONE, "0.01"),
            (0.0, 'f', 0, ALT, "0."),
            (1e22, 'f', 1, NONE, "10000000000000000000000.0"),
            (100.0, 'g', 3, DOT0, "1e+02"),
            (10.0, 'g', 3, DOT0, "10.0"),
            (100.0, 'g', 3, NONE, "100"),
            (1.5, 'g', 6, ALT, "1.50000"),
            (1.5, 'g', 0, NONE, "2"),
            (0.0001, 'g', 6, NONE, "0.0001"),
            (0.00001, 'g', 6, NONE, "1e-05"),
            (123456789.0, 'G', 4, NONE, "1.235E+08"),
            (0.0, 'g', 3, ALT, "0.00"),
            (0.0, 'e', 2, NONE, "0.00e+00"),
        ];
        for &(v, code, prec, flags, want) in cases {
            assert_eq!(
                double_to_string(v, code, prec, flags),
                want,
                "{v:?} {code} {prec} {flags:?}"
            );
        }
    }
}
