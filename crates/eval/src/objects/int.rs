//! `int` (and `bool`'s arithmetic): i64 fast paths with overflow promotion to
//! arbitrary precision, Python's floor division and modulo, and the int methods.

use std::rc::Rc;

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use pyvm_loader::instruction::BinaryOp;

use crate::args::Args;
use crate::error::PyResult;
use crate::objects::function::NativeFn;
use crate::value::Value;
use crate::vm::Vm;

/// An int operand, borrowed: small or big.
pub enum IntRef<'a> {
    Small(i64),
    Big(&'a BigInt),
}

impl IntRef<'_> {
    pub fn to_big(&self) -> BigInt {
        match self {
            IntRef::Small(i) => BigInt::from(*i),
            IntRef::Big(b) => (*b).clone(),
        }
    }

    pub fn is_zero(&self) -> bool {
        match self {
            IntRef::Small(i) => *i == 0,
            IntRef::Big(b) => b.is_zero(),
        }
    }

    pub fn is_negative(&self) -> bool {
        match self {
            IntRef::Small(i) => *i < 0,
            IntRef::Big(b) => b.is_negative(),
        }
    }
}

/// The value as an int operand if it is an int or bool.
pub fn as_int(v: &Value) -> Option<IntRef<'_>> {
    match v {
        Value::Int(i) => Some(IntRef::Small(*i)),
        Value::Bool(b) => Some(IntRef::Small(i64::from(*b))),
        Value::BigInt(b) => Some(IntRef::Big(b)),
        // An instance of a subclass of int is that int.
        Value::Instance(i) => i.base.as_ref().and_then(as_int),
        _ => None,
    }
}

pub fn to_bigint(v: &Value) -> Option<BigInt> {
    as_int(v).map(|i| i.to_big())
}

/// `float(int)`, with CPython's OverflowError for huge ints.
pub fn int_to_f64(vm: &Vm, i: &IntRef) -> PyResult<f64> {
    match i {
        IntRef::Small(i) => Ok(*i as f64),
        IntRef::Big(b) => match b.to_f64() {
            Some(f) if f.is_finite() => Ok(f),
            _ => Err(vm.overflow_error("int too large to convert to float")),
        },
    }
}

fn floor_div_i64(a: i64, b: i64) -> Option<i64> {
    let q = a.checked_div(b)?;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        Some(q - 1)
    } else {
        Some(q)
    }
}

fn mod_i64(a: i64, b: i64) -> Option<i64> {
    let r = a.checked_rem(b)?;
    if r != 0 && ((r < 0) != (b < 0)) {
        Some(r + b)
    } else {
        Some(r)
    }
}

/// Binary arithmetic on two ints (`NotImplemented` never arises here).
pub fn int_binary(vm: &mut Vm, op: BinaryOp, a: &IntRef, b: &IntRef) -> PyResult<Value> {
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b) {
        let (x, y) = (*x, *y);
        let fast = match op {
            BinaryOp::Add => x.checked_add(y),
            BinaryOp::Subtract => x.checked_sub(y),
            BinaryOp::Multiply => x.checked_mul(y),
            BinaryOp::FloorDivide if y != 0 => floor_div_i64(x, y),
            BinaryOp::Modulo if y != 0 => mod_i64(x, y),
            BinaryOp::And => Some(x & y),
            BinaryOp::Or => Some(x | y),
            BinaryOp::Xor => Some(x ^ y),
            BinaryOp::LShift if (0..63).contains(&y) => {
                let r = x.checked_shl(y as u32);
                r.filter(|r| r >> y == x)
            }
            BinaryOp::RShift if y >= 0 => Some(if y >= 64 {
                if x < 0 {
                    -1
                } else {
                    0
                }
            } else {
                x >> y
            }),
            _ => None,
        };
        if let Some(r) = fast {
            return Ok(Value::Int(r));
        }
    }
    match op {
        BinaryOp::TrueDivide => true_divide(vm, a, b),
        BinaryOp::Power => int_pow(vm, a, b),
        BinaryOp::FloorDivide | BinaryOp::Modulo if b.is_zero() => {
            Err(vm.zero_division("integer division or modulo by zero"))
        }
        BinaryOp::LShift | BinaryOp::RShift if b.is_negative() => {
            Err(vm.value_error("negative shift count"))
        }
        BinaryOp::MatrixMultiply => Ok(Value::NotImplemented),
        _ => {
            let (x, y) = (a.to_big(), b.to_big());
            let r = match op {
                BinaryOp::Add => x + y,
                BinaryOp::Subtract => x - y,
                BinaryOp::Multiply => x * y,
                BinaryOp::FloorDivide => x.div_floor(&y),
                BinaryOp::Modulo => x.mod_floor(&y),
                BinaryOp::And => x & y,
                BinaryOp::Or => x | y,
                BinaryOp::Xor => x ^ y,
                BinaryOp::LShift => {
                    let n = y
                        .to_usize()
                        .ok_or_else(|| vm.overflow_error("too many digits in integer"))?;
                    if n > 1 << 32 && !x.is_zero() {
                        return Err(vm.new_error("MemoryError", ""));
                    }
                    x << n
                }
                BinaryOp::RShift => match y.to_usize() {
                    Some(n) => x >> n,
                    None => {
                        if x.is_negative() {
                            BigInt::from(-1)
                        } else {
                            BigInt::zero()
                        }
                    }
                },
                _ => return Ok(Value::NotImplemented),
            };
            Ok(Value::from_bigint(r))
        }
    }
}

/// `int / int`: correctly rounded, as CPython's `long_true_divide`.
fn true_divide(vm: &mut Vm, a: &IntRef, b: &IntRef) -> PyResult<Value> {
    if b.is_zero() {
        return Err(vm.zero_division("division by zero"));
    }
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b) {
        // Exact when both fit in a double's 53-bit mantissa.
        if x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) {
            return Ok(Value::Float(*x as f64 / *y as f64));
        }
    }
    let (x, y) = (a.to_big(), b.to_big());
    Ok(Value::Float(big_true_divide(vm, &x, &y)?))
}

/// Correctly rounded big/big division: scale so the quotient has 55+ bits,
/// divide exactly, then let one rounding to f64 happen on a sticky-bit value.
pub fn big_true_divide(vm: &Vm, x: &BigInt, y: &BigInt) -> PyResult<f64> {
    let negative = x.is_negative() != y.is_negative();
    let (x, y) = (x.abs(), y.abs());
    if x.is_zero() {
        return Ok(if negative { -0.0 } else { 0.0 });
    }
    let shift = y.bits() as i64 - x.bits() as i64 + 55;
    let (num, den) = if shift >= 0 {
        (x << shift as usize, y)
    } else {
        (x, y << (-shift) as usize)
    };
    let (q, r) = num.div_rem(&den);
    // q has 55 or 56 bits; fold the remainder into a sticky bit.
    let mut q = q.to_u64().unwrap_or(u64::MAX);
    if !r.is_zero() {
        q |= 1;
    }
    let exp = -shift;
    let mut f = q as f64; // exact only up to 2**53: round manually
    let bits = 64 - q.leading_zeros() as i64;
    if bits > 53 {
        let drop = bits - 53;
        let mut m = q >> drop;
        let rem = q & ((1 << drop) - 1);
        let half = 1u64 << (drop - 1);
        if rem > half || (rem == half && m & 1 == 1) {
            m += 1;
        }
        f = m as f64;
        let e = exp + drop;
        return finish_ldexp(vm, f, e, negative);
    }
    finish_ldexp(vm, f, exp, negative)
}

fn finish_ldexp(vm: &Vm, m: f64, e: i64, negative: bool) -> PyResult<f64> {
    let r = ldexp(m, e);
    if r.is_infinite() {
        return Err(vm.overflow_error("integer division result too large for a float"));
    }
    Ok(if negative { -r } else { r })
}

/// `m * 2**e` without intermediate overflow or double rounding for normal results.
pub fn ldexp(m: f64, e: i64) -> f64 {
    let mut r = m;
    let mut e = e;
    while e > 1000 {
        r *= 2f64.powi(1000);
        e -= 1000;
        if r.is_infinite() {
            return r;
        }
    }
    while e < -1000 {
        r *= 2f64.powi(-1000);
        e += 1000;
        if r == 0.0 {
            return r;
        }
    }
    r * 2f64.powi(e as i32)
}

fn int_pow(vm: &mut Vm, a: &IntRef, b: &IntRef) -> PyResult<Value> {
    if b.is_negative() {
        // Negative exponent: a float result (or ZeroDivisionError).
        let x = int_to_f64(vm, a)?;
        let y = int_to_f64(vm, b)?;
        if x == 0.0 {
            return Err(vm.zero_division("0.0 cannot be raised to a negative power"));
        }
        return crate::objects::float::float_pow(vm, x, y);
    }
    if let (IntRef::Small(x), IntRef::Small(y)) = (a, b) {
        if let Ok(y32) = u32::try_from(*y) {
            if let Some(r) = x.checked_pow(y32) {
                return Ok(Value::Int(r));
            }
        }
    }
    let base = a.to_big();
    let exp = b.to_big();
    let Some(e) = exp.to_u32() else {
        // Only 0, 1 and -1 survive astronomically large exponents.
        if base.is_zero() || base.is_one() {
            return Ok(Value::from_bigint(base));
        }
        if base == BigInt::from(-1) {
            return Ok(Value::Int(if exp.is_even() { 1 } else { -1 }));
        }
        return Err(vm.new_error("MemoryError", ""));
    };
    Ok(Value::from_bigint(num_traits::pow(base, e as usize)))
}

/// `pow(a, b, m)` for ints.
pub fn int_pow_mod(vm: &mut Vm, a: &IntRef, b: &IntRef, m: &IntRef) -> PyResult<Value> {
    let (a, b, m) = (a.to_big(), b.to_big(), m.to_big());
    if m.is_zero() {
        return Err(vm.value_error("pow() 3rd argument cannot be 0"));
    }
    let modulus = m.abs();
    let mut base = a.mod_floor(&modulus);
    let mut exp = b;
    if exp.is_negative() {
        // Modular inverse.
        let inv = mod_inverse(&base, &modulus)
            .ok_or_else(|| vm.value_error("base is not invertible for the given modulus"))?;
        base = inv;
        exp = -exp;
    }
    let mut r = base.modpow(&exp, &modulus);
    if m.is_negative() && !r.is_zero() {
        r += &m;
    }
    Ok(Value::from_bigint(r))
}

fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let e = a.extended_gcd(m);
    if !e.gcd.is_one() {
        return None;
    }
    Some(e.x.mod_floor(m))
}

pub fn int_repr(v: &IntRef) -> String {
    match v {
        IntRef::Small(i) => i.to_string(),
        IntRef::Big(b) => b.to_string(),
    }
}

pub fn int_hash(v: &IntRef) -> i64 {
    match v {
        IntRef::Small(i) => pyvm_loader::hash::hash_i64(*i),
        IntRef::Big(b) => {
            let m = b.magnitude() % num_bigint::BigUint::from(pyvm_loader::hash::HASH_MODULUS);
            let m = m.iter_u64_digits().next().unwrap_or(0);
            pyvm_loader::hash::hash_from_reduced(b.sign() == Sign::Minus, m)
        }
    }
}

/// Parse `int(text, base)` as CPython does: whitespace, sign, underscores
/// between digits, `0x`/`0o`/`0b` prefixes with base 0 or the matching base.
pub fn parse_int(text: &str, base: u32) -> Option<BigInt> {
    let s = text.trim_matches(|c: char| c.is_whitespace());
    let (negative, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = s.to_ascii_lowercase();
    let mut base = base;
    let mut digits = lower.as_str();
    let prefix = |d: &str| -> Option<u32> {
        match d.get(..2) {
            Some("0x") => Some(16),
            Some("0o") => Some(8),
            Some("0b") => Some(2),
            _ => None,
        }
    };
    if base == 0 {
        if let Some(b) = prefix(digits) {
            base = b;
            digits = &digits[2..];
            digits = digits.strip_prefix('_').unwrap_or(digits);
        } else {
            base = 10;
            // "010" is not allowed with base 0 (except all zeros).
            if digits.len() > 1
                && digits.starts_with('0')
                && digits.bytes().any(|c| c != b'0' && c != b'_')
            {
                return None;
            }
        }
    } else if prefix(digits) == Some(base) {
        digits = &digits[2..];
        digits = digits.strip_prefix('_').unwrap_or(digits);
    }
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return None;
    }
    let mut value = BigInt::zero();
    let mut chunk: u64 = 0;
    let mut chunk_mul: u64 = 1;
    for c in digits.chars() {
        if c == '_' {
            continue;
        }
        let d = c.to_digit(36).or_else(|| unicode_digit(c))?;
        if d >= base {
            return None;
        }
        chunk = chunk * base as u64 + d as u64;
        chunk_mul *= base as u64;
        if chunk_mul > (1 << 50) {
            value = value * chunk_mul + chunk;
            chunk = 0;
            chunk_mul = 1;
        }
    }
    value = value * chunk_mul + chunk;
    Some(if negative { -value } else { value })
}

/// Non-ASCII decimal digits (Arabic-Indic, fullwidth...) that `int()` accepts.
fn unicode_digit(c: char) -> Option<u32> {
    let cp = c as u32;
    // Common decimal digit blocks: each is a run of ten code points starting at a zero.
    const ZEROS: &[u32] = &[
        0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xE50,
        0xED0, 0xF20, 0x1040, 0x17E0, 0x1810, 0xFF10,
    ];
    ZEROS
        .iter()
        .find(|&&z| (z..z + 10).contains(&cp))
        .map(|&z| cp - z)
}

// ----- methods -----

fn this(args: &Args) -> BigInt {
    to_bigint(&args.values[0]).unwrap_or_default()
}

fn bit_length(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "bit_length")?;
    Ok(Value::Int(this(&args).bits() as i64))
}

fn bit_count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "bit_count")?;
    let n = this(&args);
    let count: u64 = n
        .magnitude()
        .iter_u64_digits()
        .map(|d| u64::from(d.count_ones()))
        .sum();
    Ok(Value::Int(count as i64))
}

fn conjugate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "conjugate")?;
    Ok(Value::from_bigint(this(&args)))
}

fn as_integer_ratio(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "as_integer_ratio")?;
    Ok(Value::tuple(vec![
        Value::from_bigint(this(&args)),
        Value::Int(1),
    ]))
}

fn byteorder_arg(vm: &mut Vm, v: Option<Value>) -> PyResult<bool> {
    match v {
        Some(Value::Str(s)) if s.eq_ascii("little") => Ok(true),
        Some(Value::Str(s)) if s.eq_ascii("big") => Ok(false),
        Some(Value::Str(_)) => Err(vm.value_error("byteorder must be either 'little' or 'big'")),
        Some(other) => {
            let t = vm.type_name(&other);
            Err(vm.type_error(format!(
                "to_bytes() argument 'byteorder' must be str, not {t}"
            )))
        }
        None => Err(vm.type_error("to_bytes() missing required argument 'byteorder' (pos 2)")),
    }
}

fn to_bytes(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let n = this(&args);
    let [length, byteorder, signed] =
        args.skip_self()
            .bind(vm, "to_bytes", ["length", "byteorder", "signed"], 0, 2)?;
    let length = vm.index_value(&length.unwrap_or(Value::Int(0)))?;
    if length < 0 {
        return Err(vm.value_error("length argument must be non-negative"));
    }
    let little = byteorder_arg(vm, byteorder)?;
    let signed = match signed {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    if !signed && n.is_negative() {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    let mut bytes = if signed {
        n.to_signed_bytes_le()
    } else {
        n.to_bytes_le().1
    };
    if n.is_zero() {
        bytes.clear();
    }
    let length = length as usize;
    if bytes.len() > length {
        // to_signed_bytes_le may add a sign byte that still fits logically.
        return Err(vm.overflow_error("int too big to convert"));
    }
    let fill = if signed && n.is_negative() { 0xff } else { 0 };
    bytes.resize(length, fill);
    if !little {
        bytes.reverse();
    }
    Ok(Value::Bytes(crate::objects::BytesObject::new(bytes)))
}

fn from_bytes(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let [bytes, byteorder, signed] =
        args.skip_self()
            .bind(vm, "from_bytes", ["bytes", "byteorder", "signed"], 0, 2)?;
    let data = vm.bytes_from_object(&bytes.unwrap_or_default())?;
    let little = byteorder_arg(vm, byteorder)?;
    let signed = match signed {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    let n = match (little, signed) {
        (true, true) => BigInt::from_signed_bytes_le(&data),
        (true, false) => BigInt::from_bytes_le(Sign::Plus, &data),
        (false, true) => BigInt::from_signed_bytes_be(&data),
        (false, false) => BigInt::from_bytes_be(Sign::Plus, &data),
    };
    Ok(Value::from_bigint(n))
}

pub const METHODS: &[(&str, NativeFn)] = &[
    ("as_integer_ratio", as_integer_ratio),
    ("bit_count", bit_count),
    ("bit_length", bit_length),
    ("conjugate", conjugate),
    ("to_bytes", to_bytes),
];

pub const CLASS_METHODS: &[(&str, NativeFn)] = &[("from_bytes", from_bytes)];

pub fn rc_big(b: BigInt) -> Rc<BigInt> {
    Rc::new(b)
}
