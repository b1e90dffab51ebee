//! `float`: IEEE doubles with CPython's floor-division/modulo sign rules, its
//! `**` special cases, exact `round()`, and the float methods.

use num_bigint::BigInt;
use num_traits::Zero;
use pyvm_loader::instruction::BinaryOp;

use crate::args::Args;
use crate::error::PyResult;
use crate::objects::function::NativeFn;
use crate::value::Value;
use crate::vm::Vm;

/// `int == float` without losing precision for large ints.
pub fn int_float_eq(i: i64, f: f64) -> bool {
    if f.is_nan() || f.is_infinite() {
        return false;
    }
    if f.fract() != 0.0 {
        return false;
    }
    if f.abs() < 9.007_199_254_740_992e15 {
        return i as f64 == f;
    }
    match f64_to_bigint(f) {
        Some(b) => b == BigInt::from(i),
        None => false,
    }
}

/// The exact integer value of an integral float.
pub fn f64_to_bigint(f: f64) -> Option<BigInt> {
    if !f.is_finite() {
        return None;
    }
    let t = f.trunc();
    if t.abs() < 9.2e18 {
        return Some(BigInt::from(t as i64));
    }
    let bits = t.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64 - 1075;
    let mantissa = (bits & ((1 << 52) - 1)) | (1 << 52);
    let m = BigInt::from(mantissa);
    let v = if exp >= 0 {
        m << exp as usize
    } else {
        m >> (-exp) as usize
    };
    Some(if t < 0.0 { -v } else { v })
}

pub fn float_to_int(vm: &Vm, f: f64) -> PyResult<Value> {
    if f.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert float infinity to integer"));
    }
    Ok(Value::from_bigint(f64_to_bigint(f).unwrap_or_default()))
}

/// Floor division and modulo of `_float_div_mod`.
pub fn div_mod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(x / y)
    };
    (floordiv, m)
}

pub fn float_binary(vm: &mut Vm, op: BinaryOp, x: f64, y: f64) -> PyResult<Value> {
    Ok(Value::Float(match op {
        BinaryOp::Add => x + y,
        BinaryOp::Subtract => x - y,
        BinaryOp::Multiply => x * y,
        BinaryOp::TrueDivide => {
            if y == 0.0 {
                return Err(vm.zero_division("float division by zero"));
            }
            x / y
        }
        BinaryOp::FloorDivide => {
            if y == 0.0 {
                return Err(vm.zero_division("float floor division by zero"));
            }
            div_mod(x, y).0
        }
        BinaryOp::Modulo => {
            if y == 0.0 {
                return Err(vm.zero_division("float modulo"));
            }
            div_mod(x, y).1
        }
        BinaryOp::Power => return float_pow(vm, x, y),
        _ => return Ok(Value::NotImplemented),
    }))
}

fn is_odd_integer(f: f64) -> bool {
    f.fract() == 0.0 && (f / 2.0).fract() != 0.0
}

/// `float.__pow__`, following CPython's special cases before `pow()`.
pub fn float_pow(vm: &mut Vm, x: f64, y: f64) -> PyResult<Value> {
    if y == 0.0 {
        return Ok(Value::Float(1.0));
    }
    if x.is_nan() {
        return Ok(Value::Float(x));
    }
    if y.is_nan() {
        return Ok(Value::Float(if x == 1.0 { 1.0 } else { y }));
    }
    if y.is_infinite() {
        let ax = x.abs();
        return Ok(Value::Float(if ax == 1.0 {
            1.0
        } else if (y > 0.0) == (ax > 1.0) {
            f64::INFINITY
        } else {
            0.0
        }));
    }
    if x.is_infinite() {
        let odd = is_odd_integer(y);
        return Ok(Value::Float(if y > 0.0 {
            if odd {
                x
            } else {
                x.abs()
            }
        } else if odd {
            0.0f64.copysign(x)
        } else {
            0.0
        }));
    }
    if x == 0.0 {
        if y < 0.0 {
            return Err(vm.zero_division("0.0 cannot be raised to a negative power"));
        }
        return Ok(Value::Float(if is_odd_integer(y) { x } else { 0.0 }));
    }
    let mut base = x;
    let mut negate = false;
    if x < 0.0 {
        if y != y.floor() {
            return crate::objects::complex::complex_pow(vm, (x, 0.0), (y, 0.0));
        }
        base = -x;
        negate = is_odd_integer(y);
    }
    if base == 1.0 {
        return Ok(Value::Float(if negate { -1.0 } else { 1.0 }));
    }
    let r = base.powf(y);
    if r.is_infinite() {
        return Err(vm.new_error_args(
            "OverflowError",
            vec![Value::Int(34), Value::str("Numerical result out of range")],
        ));
    }
    Ok(Value::Float(if negate { -r } else { r }))
}

pub fn float_repr(f: f64) -> String {
    pyvm_loader::repr::float_repr(f)
}

pub fn float_hash(f: f64) -> i64 {
    pyvm_loader::hash::hash_f64(f)
}

/// A NaN distinct from every other NaN made so far. Floats are unboxed, so
/// identity (`is`, and the identity shortcut of container equality) compares
/// bits; giving each `float('nan')` its own payload makes two of them two
/// objects, as in CPython, while copies of one stay the same object.
pub fn fresh_nan(negative: bool) -> f64 {
    thread_local! {
        static NEXT: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
    }
    let payload = NEXT.with(|n| {
        let v = n.get();
        n.set(v.wrapping_add(1) & ((1 << 51) - 1));
        v
    });
    // Quiet NaN: exponent all ones, top mantissa bit set, payload below it.
    let bits = (0x7ffu64 << 52) | (1 << 51) | payload;
    let f = f64::from_bits(bits);
    if negative {
        -f
    } else {
        f
    }
}

/// `float(text)`: CPython's accepted syntax (whitespace, underscores between
/// digits, inf/nan spellings).
pub fn parse_float(text: &str) -> Option<f64> {
    let s = text.trim();
    if s.is_empty() {
        return None;
    }
    let lower = s.to_ascii_lowercase();
    let body = lower.trim_start_matches(['+', '-']);
    if body.len() + 1 < lower.len() {
        return None; // more than one sign
    }
    if body == "nan" {
        return Some(fresh_nan(lower.starts_with('-')));
    }
    if matches!(body, "inf" | "infinity") {
        return lower.parse::<f64>().ok();
    }
    if !body
        .bytes()
        .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'_' | b'+' | b'-'))
    {
        return None;
    }
    let cleaned = if lower.contains('_') {
        let b = lower.as_bytes();
        for (i, &c) in b.iter().enumerate() {
            if c == b'_' {
                let ok = i > 0
                    && b[i - 1].is_ascii_digit()
                    && b.get(i + 1).is_some_and(|n| n.is_ascii_digit());
                if !ok {
                    return None;
                }
            }
        }
        lower.replace('_', "")
    } else {
        lower
    };
    cleaned.parse::<f64>().ok()
}

/// `round(x, n)`: the decimal nearest to `x` with `n` digits after the point
/// (ties to even on the exact binary value), as CPython's dtoa-based rounding.
pub fn round_float(x: f64, ndigits: i64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    if ndigits > 400 {
        return x;
    }
    if ndigits < -400 {
        return 0.0f64.copysign(x);
    }
    if ndigits >= 0 {
        let s = format!("{:.*}", ndigits as usize, x);
        return s.parse::<f64>().unwrap_or(x);
    }
    // Negative ndigits: round the exact value to a multiple of 10**-ndigits.
    let (m, e) = exact_parts(x);
    let scale = num_traits::pow(BigInt::from(10), (-ndigits) as usize);
    // value = m * 2**e; q = value / scale rounded half-even.
    let (num, den) = if e >= 0 {
        (m << e as usize, scale)
    } else {
        (m, scale << (-e) as usize)
    };
    let q = div_round_half_even(&num, &den);
    let r = format!("{}e{}", q, -ndigits).parse::<f64>().unwrap_or(x);
    if r == 0.0 {
        0.0f64.copysign(x)
    } else {
        r
    }
}

/// `x == m * 2**e` exactly.
pub fn exact_parts(x: f64) -> (BigInt, i64) {
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (mant, e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), exp - 1075)
    };
    let m = BigInt::from(mant);
    (if x < 0.0 { -m } else { m }, e)
}

fn div_round_half_even(num: &BigInt, den: &BigInt) -> BigInt {
    use num_integer::Integer;
    let (q, r) = num.div_mod_floor(den);
    let twice: BigInt = &r * 2;
    match twice.cmp(den) {
        std::cmp::Ordering::Greater => q + 1,
        std::cmp::Ordering::Less => q,
        std::cmp::Ordering::Equal => {
            if q.is_odd() {
                q + 1
            } else {
                q
            }
        }
    }
}

fn this(args: &Args) -> f64 {
    match &args.values[0] {
        Value::Float(f) => *f,
        _ => 0.0,
    }
}

fn is_integer(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "is_integer")?;
    let f = this(&args);
    Ok(Value::Bool(f.is_finite() && f.fract() == 0.0))
}

fn as_integer_ratio(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "as_integer_ratio")?;
    let f = this(&args);
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert Infinity to integer ratio"));
    }
    if f.is_nan() {
        return Err(vm.value_error("cannot convert NaN to integer ratio"));
    }
    let (mut m, mut e) = exact_parts(f);
    if m.is_zero() {
        return Ok(Value::tuple(vec![Value::Int(0), Value::Int(1)]));
    }
    while e < 0 && (&m % 2u32).is_zero() {
        m >>= 1;
        e += 1;
    }
    let (num, den) = if e >= 0 {
        (m << e as usize, BigInt::from(1))
    } else {
        (m, BigInt::from(1) << (-e) as usize)
    };
    Ok(Value::tuple(vec![
        Value::from_bigint(num),
        Value::from_bigint(den),
    ]))
}

fn conjugate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "conjugate")?;
    Ok(Value::Float(this(&args)))
}

/// `float.hex()`: `0x1.8000000000000p+1`.
pub fn float_hex(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if f == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (lead, e) = if exp == 0 {
        (0, -1022)
    } else {
        (1, exp - 1023)
    };
    let hex = format!("{frac:013x}");
    format!(
        "{sign}0x{lead}.{hex}p{}{}",
        if e < 0 { "-" } else { "+" },
        e.abs()
    )
}

fn hex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "hex")?;
    Ok(Value::str(&float_hex(this(&args))))
}

fn fromhex(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = args.skip_self().one(vm, "fromhex")?;
    let text = match s {
        Value::Str(s) => s.to_string(),
        _ => return Err(vm.type_error("fromhex() argument must be str")),
    };
    match parse_hex_float(&text) {
        Some(f) if f.is_infinite() && !text.to_ascii_lowercase().contains("inf") => {
            Err(vm.overflow_error("hexadecimal value too large to represent as a float"))
        }
        Some(f) => Ok(Value::Float(f)),
        None => Err(vm.value_error("invalid hexadecimal floating-point string")),
    }
}

fn parse_hex_float(text: &str) -> Option<f64> {
    let s = text.trim().to_ascii_lowercase();
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) => (true, r.to_string()),
        None => (false, s.strip_prefix('+').unwrap_or(&s).to_string()),
    };
    if matches!(s.as_str(), "inf" | "infinity") {
        return Some(if neg {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        });
    }
    if s == "nan" {
        return Some(f64::NAN);
    }
    let s = s.strip_prefix("0x").unwrap_or(&s);
    let (mant, exp) = match s.split_once('p') {
        Some((m, e)) => (m, e.parse::<i64>().ok()?),
        None => (s, 0),
    };
    let (int_part, frac_part) = mant.split_once('.').unwrap_or((mant, ""));
    if int_part.is_empty() && frac_part.is_empty() {
        return None;
    }
    let mut value = BigInt::zero();
    for c in int_part.chars().chain(frac_part.chars()) {
        value = value * 16 + c.to_digit(16)?;
    }
    let e = exp - 4 * frac_part.len() as i64;
    let v = format!("{}", value).parse::<f64>().ok()?;
    // Exact for mantissas up to 2**53; good enough for float.hex() output.
    let r = crate::objects::int::ldexp(v, e);
    Some(if neg { -r } else { r })
}

pub const METHODS: &[(&str, NativeFn)] = &[
    ("as_integer_ratio", as_integer_ratio),
    ("conjugate", conjugate),
    ("hex", hex),
    ("is_integer", is_integer),
];

pub const CLASS_METHODS: &[(&str, NativeFn)] = &[("fromhex", fromhex)];

pub fn f64_to_i64_exact(f: f64) -> Option<i64> {
    if f.fract() == 0.0 && f.abs() < 9.2e18 {
        Some(f as i64)
    } else {
        None
    }
}
