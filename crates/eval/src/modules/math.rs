//! `math`: CPython 3.10's math module. Results and errors follow
//! `Modules/mathmodule.c`: libm does the arithmetic (Rust's `f64` methods
//! call the platform libm, as CPython does; the `libm` crate fills in what
//! std lacks), NaN from a non-NaN argument is `ValueError: math domain
//! error`, an infinity from finite arguments is `OverflowError: math range
//! error` where the function can overflow. `gamma`/`lgamma` use CPython's
//! own Lanczos method so their last bits agree, and integer functions
//! (`factorial`, `comb`, `isqrt`, `gcd`...) are exact.

use std::rc::Rc;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::args::Args;
use crate::error::PyResult;
use crate::objects::function::NativeFn;
use crate::objects::int::{as_int, to_bigint};
use crate::objects::ModuleObject;
use crate::value::Value;
use crate::vm::Vm;
use pyvm_loader::instruction::BinaryOp;

pub fn module(vm: &mut Vm) -> PyResult<Rc<ModuleObject>> {
    use std::f64::consts;
    Ok(super::make_module(
        vm,
        "math",
        "This module provides access to the mathematical functions\ndefined by the C standard.",
        FUNCTIONS,
        vec![
            ("pi", Value::Float(consts::PI)),
            ("e", Value::Float(consts::E)),
            ("tau", Value::Float(consts::TAU)),
            ("inf", Value::Float(f64::INFINITY)),
            ("nan", Value::Float(f64::NAN)),
        ],
    ))
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("acos", acos),
    ("acosh", acosh),
    ("asin", asin),
    ("asinh", asinh),
    ("atan", atan),
    ("atan2", atan2),
    ("atanh", atanh),
    ("ceil", ceil),
    ("comb", comb),
    ("copysign", copysign),
    ("cos", cos),
    ("cosh", cosh),
    ("degrees", degrees),
    ("dist", dist),
    ("erf", erf),
    ("erfc", erfc),
    ("exp", exp),
    ("expm1", expm1),
    ("fabs", fabs),
    ("factorial", factorial),
    ("floor", floor),
    ("fmod", fmod),
    ("frexp", frexp),
    ("fsum", fsum),
    ("gamma", gamma),
    ("gcd", gcd),
    ("hypot", hypot),
    ("isclose", isclose),
    ("isfinite", isfinite),
    ("isinf", isinf),
    ("isnan", isnan),
    ("isqrt", isqrt),
    ("lcm", lcm),
    ("ldexp", ldexp),
    ("lgamma", lgamma),
    ("log", log),
    ("log10", log10),
    ("log1p", log1p),
    ("log2", log2),
    ("modf", modf),
    ("nextafter", nextafter),
    ("perm", perm),
    ("pow", pow),
    ("prod", prod),
    ("radians", radians),
    ("remainder", remainder),
    ("sin", sin),
    ("sinh", sinh),
    ("sqrt", sqrt),
    ("tan", tan),
    ("tanh", tanh),
    ("trunc", trunc),
    ("ulp", ulp),
];

// ----- argument conversion -----

/// `PyFloat_AsDouble`: floats, ints, and objects with `__float__` or
/// `__index__` (not strings, unlike `float()`).
pub fn to_f64(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => Ok(*f),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(f64::from(u8::from(*b))),
        Value::BigInt(_) => crate::builtins::types::to_float(vm, v),
        Value::Instance(_) => crate::builtins::types::to_float(vm, v).map_err(|e| {
            if vm.is_instance_of(&e, "TypeError") {
                let t = vm.type_name(v);
                vm.type_error(format!("must be real number, not {t}"))
            } else {
                e
            }
        }),
        _ => {
            let t = vm.type_name(v);
            Err(vm.type_error(format!("must be real number, not {t}")))
        }
    }
}

/// `operator.index(v)` as a BigInt.
fn to_index(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    match vm.as_index(v)? {
        Some(i) => Ok(to_bigint(&i).unwrap_or_default()),
        None => {
            let t = vm.type_name(v);
            Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")))
        }
    }
}

fn one_f64(vm: &mut Vm, args: &Args, name: &str) -> PyResult<f64> {
    let v = args.one(vm, name)?;
    to_f64(vm, v)
}

fn two_f64(vm: &mut Vm, args: &Args, name: &str) -> PyResult<(f64, f64)> {
    args.no_kwargs(vm, name)?;
    match args.values {
        [a, b] => {
            let a = to_f64(vm, a)?;
            let b = to_f64(vm, b)?;
            Ok((a, b))
        }
        _ => Err(vm.type_error(format!(
            "{name} expected 2 arguments, got {}",
            args.values.len()
        ))),
    }
}

fn domain_error(vm: &Vm) -> crate::error::PyErr {
    vm.value_error("math domain error")
}

fn range_error(vm: &Vm) -> crate::error::PyErr {
    vm.overflow_error("math range error")
}

/// Functions of the platform's C math library that Rust's std computes
/// differently (`asinh`...) or lacks (`erf`). CPython calls these, and the
/// `libm` crate's versions differ from glibc's in the last bit for some
/// arguments (`erfc(2.0)`), so pyvm calls the same library as CPython.
mod c_libm {
    mod ffi {
        extern "C" {
            pub fn erf(x: f64) -> f64;
            pub fn erfc(x: f64) -> f64;
            pub fn asinh(x: f64) -> f64;
            pub fn acosh(x: f64) -> f64;
            pub fn atanh(x: f64) -> f64;
        }
    }
    macro_rules! wrap {
        ($($name:ident),*) => {
            $(
                pub fn $name(x: f64) -> f64 {
                    // SAFETY: C99 math functions of one double: no pointers,
                    // no global state beyond errno (which pyvm never reads),
                    // defined for every input including NaN and infinities.
                    // The C library is linked into every Rust program on the
                    // platforms pyvm supports (std itself uses it).
                    unsafe { ffi::$name(x) }
                }
            )*
        };
    }
    wrap!(erf, erfc, asinh, acosh, atanh);
}

// ----- the math_1 / math_2 wrappers -----

/// `math_1`: NaN out of non-NaN in is a domain error; an infinity out of a
/// finite argument is a range error if the function can overflow, else a
/// domain error (a pole such as `atanh(1)`).
fn math_1(
    vm: &mut Vm,
    args: Args,
    name: &str,
    f: fn(f64) -> f64,
    can_overflow: bool,
) -> PyResult<Value> {
    let x = one_f64(vm, &args, name)?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow {
            range_error(vm)
        } else {
            domain_error(vm)
        });
    }
    Ok(Value::Float(r))
}

/// `math_2`: the same rules for two arguments.
fn math_2(vm: &mut Vm, args: Args, name: &str, f: fn(f64, f64) -> f64) -> PyResult<Value> {
    let (x, y) = two_f64(vm, &args, name)?;
    let r = f(x, y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error(vm));
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(range_error(vm));
    }
    Ok(Value::Float(r))
}

/// A libm result that reports its own errno (CPython's `math_1a`).
enum Errno {
    None,
    Domain,
    Range,
}

fn math_1a(vm: &mut Vm, args: Args, name: &str, f: fn(f64) -> (f64, Errno)) -> PyResult<Value> {
    let x = one_f64(vm, &args, name)?;
    match f(x) {
        (_, Errno::Domain) => Err(domain_error(vm)),
        // Underflow to a tiny value is not an error (`is_error`).
        (r, Errno::Range) if r.abs() >= 1.5 => Err(range_error(vm)),
        (r, _) => Ok(Value::Float(r)),
    }
}

macro_rules! unary {
    ($($name:ident => $f:expr, $overflow:expr;)*) => {
        $(
            fn $name(vm: &mut Vm, args: Args) -> PyResult<Value> {
                math_1(vm, args, stringify!($name), $f, $overflow)
            }
        )*
    };
}

unary! {
    acos => f64::acos, false;
    acosh => c_libm::acosh, false;
    asin => f64::asin, false;
    asinh => c_libm::asinh, false;
    atan => f64::atan, false;
    atanh => c_libm::atanh, false;
    cos => f64::cos, false;
    cosh => f64::cosh, true;
    erf => c_libm::erf, false;
    erfc => c_libm::erfc, false;
    exp => f64::exp, true;
    expm1 => f64::exp_m1, true;
    fabs => f64::abs, false;
    log1p => f64::ln_1p, false;
    sin => f64::sin, false;
    sinh => f64::sinh, true;
    sqrt => f64::sqrt, false;
    tan => f64::tan, false;
    tanh => f64::tanh, false;
}

fn atan2(vm: &mut Vm, args: Args) -> PyResult<Value> {
    math_2(vm, args, "atan2", f64::atan2)
}

fn copysign(vm: &mut Vm, args: Args) -> PyResult<Value> {
    math_2(vm, args, "copysign", f64::copysign)
}

fn remainder(vm: &mut Vm, args: Args) -> PyResult<Value> {
    math_2(vm, args, "remainder", libm::remainder)
}

fn fmod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two_f64(vm, &args, "fmod")?;
    // fmod(x, ±inf) is x for finite x.
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::Float(x));
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error(vm));
    }
    Ok(Value::Float(r))
}

fn degrees(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = one_f64(vm, &args, "degrees")?;
    Ok(Value::Float(x * (180.0 / std::f64::consts::PI)))
}

fn radians(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = one_f64(vm, &args, "radians")?;
    Ok(Value::Float(x * (std::f64::consts::PI / 180.0)))
}

fn isfinite(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(one_f64(vm, &args, "isfinite")?.is_finite()))
}

fn isinf(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(one_f64(vm, &args, "isinf")?.is_infinite()))
}

fn isnan(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(one_f64(vm, &args, "isnan")?.is_nan()))
}

/// `math.pow`, with C99's special values and ValueError for `0.0 ** -1`.
fn pow(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two_f64(vm, &args, "pow")?;
    let r = if !x.is_finite() || !y.is_finite() {
        if x.is_nan() {
            if y == 0.0 {
                1.0
            } else {
                x
            }
        } else if y.is_nan() {
            if x == 1.0 {
                1.0
            } else {
                y
            }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && (y.abs() % 2.0) == 1.0;
            if y > 0.0 {
                if odd_y {
                    x
                } else {
                    x.abs()
                }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0.0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if y > 0.0 && x.abs() > 1.0 {
            y
        } else if y < 0.0 && x.abs() < 1.0 {
            if x == 0.0 {
                return Err(domain_error(vm));
            }
            -y
        } else {
            0.0
        }
    } else {
        let r = x.powf(y);
        if r.is_nan() {
            return Err(domain_error(vm));
        }
        if r.is_infinite() {
            return Err(if x == 0.0 {
                domain_error(vm)
            } else {
                range_error(vm)
            });
        }
        r
    };
    Ok(Value::Float(r))
}

// ----- rounding -----

/// `ceil`/`floor`: the argument's own `__ceil__`/`__floor__` if it has one
/// (ints return themselves), else the float's.
fn round_with(
    vm: &mut Vm,
    args: Args,
    name: &str,
    dunder: &str,
    f: fn(f64) -> f64,
) -> PyResult<Value> {
    let v = args.one(vm, name)?;
    match v {
        Value::Float(x) => return crate::objects::float::float_to_int(vm, f(*x)),
        Value::Int(_) | Value::BigInt(_) => return Ok(v.clone()),
        Value::Bool(b) => return Ok(Value::Int(i64::from(*b))),
        Value::Instance(_) => {
            if let Some(m) = special_method(vm, v, dunder)? {
                return vm.call(&m, &[]);
            }
        }
        _ => {}
    }
    let x = to_f64(vm, v)?;
    crate::objects::float::float_to_int(vm, f(x))
}

/// `type(v).<name>` bound to `v`, if the type defines it.
fn special_method(vm: &mut Vm, v: &Value, name: &str) -> PyResult<Option<Value>> {
    let cls = vm.type_of(v).clone();
    let key = vm.intern(name);
    match vm.lookup_type(&cls, &key) {
        Some(f) => Ok(Some(vm.descr_get(f, Some(v), &cls)?)),
        None => Ok(None),
    }
}

fn ceil(vm: &mut Vm, args: Args) -> PyResult<Value> {
    round_with(vm, args, "ceil", "__ceil__", f64::ceil)
}

fn floor(vm: &mut Vm, args: Args) -> PyResult<Value> {
    round_with(vm, args, "floor", "__floor__", f64::floor)
}

fn trunc(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one(vm, "trunc")?;
    match v {
        Value::Float(x) => crate::objects::float::float_to_int(vm, x.trunc()),
        Value::Int(_) | Value::BigInt(_) => Ok(v.clone()),
        Value::Bool(b) => Ok(Value::Int(i64::from(*b))),
        _ => match special_method(vm, v, "__trunc__")? {
            Some(m) => vm.call(&m, &[]),
            None => {
                let t = vm.type_name(v);
                Err(vm.type_error(format!("type {t} doesn't define __trunc__ method")))
            }
        },
    }
}

// ----- float decomposition -----

fn frexp(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = one_f64(vm, &args, "frexp")?;
    let (m, e) = if x.is_nan() || x.is_infinite() || x == 0.0 {
        (x, 0)
    } else {
        libm::frexp(x)
    };
    Ok(Value::tuple(vec![
        Value::Float(m),
        Value::Int(i64::from(e)),
    ]))
}

fn ldexp(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_kwargs(vm, "ldexp")?;
    let [x, i] = args.values else {
        return Err(vm.type_error(format!(
            "ldexp expected 2 arguments, got {}",
            args.values.len()
        )));
    };
    let x = to_f64(vm, x)?;
    let Some(exp) = as_int(i).map(|i| i.to_big()) else {
        return Err(vm.type_error("Expected an int as second argument to ldexp."));
    };
    let r = if x == 0.0 || !x.is_finite() {
        x
    } else {
        match exp.to_i32() {
            Some(e) => {
                let r = libm::ldexp(x, e);
                if r.is_infinite() {
                    return Err(range_error(vm));
                }
                r
            }
            None if exp.is_positive() => return Err(range_error(vm)),
            None => 0.0f64.copysign(x),
        }
    };
    Ok(Value::Float(r))
}

fn modf(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = one_f64(vm, &args, "modf")?;
    let (frac, int) = if x.is_infinite() {
        (0.0f64.copysign(x), x)
    } else if x.is_nan() {
        (x, x)
    } else {
        let i = x.trunc();
        ((x - i).copysign(x), i)
    };
    Ok(Value::tuple(vec![Value::Float(frac), Value::Float(int)]))
}

fn nextafter(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two_f64(vm, &args, "nextafter")?;
    Ok(Value::Float(libm::nextafter(x, y)))
}

fn ulp(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let x = one_f64(vm, &args, "ulp")?;
    if x.is_nan() {
        return Ok(Value::Float(x));
    }
    let x = x.abs();
    if x.is_infinite() {
        return Ok(Value::Float(x));
    }
    let up = libm::nextafter(x, f64::INFINITY);
    if up.is_infinite() {
        // x is the largest finite float: use the gap below it.
        return Ok(Value::Float(x - libm::nextafter(x, f64::NEG_INFINITY)));
    }
    Ok(Value::Float(up - x))
}

// ----- logarithms -----

/// `loghelper`: ints are handled exactly enough to take the log of ones too
/// big for a float (`log(2**2000)`), and non-positive ints are domain errors.
fn log_of(vm: &mut Vm, v: &Value, f: fn(f64) -> f64) -> PyResult<f64> {
    if let Some(i) = as_int(v) {
        let b = i.to_big();
        if !b.is_positive() {
            return Err(domain_error(vm));
        }
        if let Some(x) = b.to_f64().filter(|x| x.is_finite()) {
            return Ok(f(x));
        }
        // x ≈ m * 2**bits with m in [0.5, 1).
        let bits = b.bits();
        let shift = bits.saturating_sub(60);
        let top = (&b >> shift).to_f64().unwrap_or(0.0);
        let m = top / (2f64).powi(i32::try_from(bits - shift).unwrap_or(0));
        return Ok(f(m) + f(2.0) * bits as f64);
    }
    let x = to_f64(vm, v)?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() || r.is_infinite() && x.is_finite() {
        return Err(domain_error(vm));
    }
    Ok(r)
}

fn log(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_kwargs(vm, "log")?;
    let (x, base) = match args.values {
        [x] => (x, None),
        [x, b] => (x, Some(b)),
        _ => {
            return Err(vm.type_error(format!(
                "log expected 1 or 2 arguments, got {}",
                args.values.len()
            )))
        }
    };
    let num = log_of(vm, x, f64::ln)?;
    match base {
        None => Ok(Value::Float(num)),
        Some(b) => {
            let den = log_of(vm, b, f64::ln)?;
            vm.binary_op(BinaryOp::TrueDivide, &Value::Float(num), &Value::Float(den))
        }
    }
}

fn log2(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one(vm, "log2")?;
    Ok(Value::Float(log_of(vm, v, f64::log2)?))
}

fn log10(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one(vm, "log10")?;
    Ok(Value::Float(log_of(vm, v, f64::log10)?))
}

// ----- gamma functions (CPython's Lanczos approximation) -----

// The constants are written as CPython writes them (both are exact binary
// fractions), so they can be checked against mathmodule.c.
#[allow(clippy::excessive_precision)]
const LANCZOS_G: f64 = 6.024_680_040_776_729_583_740_234_375;
#[allow(clippy::excessive_precision)]
const LANCZOS_G_MINUS_HALF: f64 = 5.524_680_040_776_729_583_740_234_375;
#[allow(clippy::excessive_precision)]
const LANCZOS_NUM: [f64; 13] = [
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
];
const LANCZOS_DEN: [f64; 13] = [
    0.0,
    39916800.0,
    120543840.0,
    150917976.0,
    105258076.0,
    45995730.0,
    13339535.0,
    2637558.0,
    357423.0,
    32670.0,
    1925.0,
    66.0,
    1.0,
];

fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    // Evaluated in 1/x for large x, to avoid overflow.
    if x < 5.0 {
        for i in (0..13).rev() {
            num = num * x + LANCZOS_NUM[i];
            den = den * x + LANCZOS_DEN[i];
        }
    } else {
        for i in 0..13 {
            num = num / x + LANCZOS_NUM[i];
            den = den / x + LANCZOS_DEN[i];
        }
    }
    num / den
}

/// sin(pi * x), exact at integers (for the reflection formula).
fn sin_pi(x: f64) -> f64 {
    use std::f64::consts::PI;
    let y = x.abs() % 2.0;
    let n = (2.0 * y).round() as i32;
    let r = match n {
        0 => (PI * y).sin(),
        1 => (PI * (y - 0.5)).cos(),
        2 => (PI * (1.0 - y)).sin(),
        3 => -(PI * (y - 1.5)).cos(),
        _ => (PI * (y - 2.0)).sin(),
    };
    1.0f64.copysign(x) * r
}

fn tgamma(x: f64) -> (f64, Errno) {
    use std::f64::consts::PI;
    if !x.is_finite() {
        return if x.is_nan() || x > 0.0 {
            (x, Errno::None)
        } else {
            (f64::NAN, Errno::Domain)
        };
    }
    if x == 0.0 {
        return (f64::INFINITY.copysign(x), Errno::Domain);
    }
    if x == x.floor() {
        if x < 0.0 {
            return (f64::NAN, Errno::Domain);
        }
        if x <= 23.0 {
            let mut r = 1.0;
            for k in 2..(x as i64) {
                r *= k as f64;
            }
            return (r, Errno::None);
        }
    }
    let absx = x.abs();
    if absx < 1e-20 {
        let r = 1.0 / x;
        return (
            r,
            if r.is_infinite() {
                Errno::Range
            } else {
                Errno::None
            },
        );
    }
    if absx > 200.0 {
        return if x < 0.0 {
            (0.0 / sin_pi(x), Errno::None)
        } else {
            (f64::INFINITY, Errno::Range)
        };
    }
    let y = absx + LANCZOS_G_MINUS_HALF;
    // The rounding error in y, fed back in as a correction.
    let z = if absx > LANCZOS_G_MINUS_HALF {
        (y - absx) - LANCZOS_G_MINUS_HALF
    } else {
        (y - LANCZOS_G_MINUS_HALF) - absx
    };
    let z = z * LANCZOS_G / y;
    let mut r;
    if x < 0.0 {
        r = -PI / sin_pi(absx) / absx * y.exp() / lanczos_sum(absx);
        r -= z * r;
        if absx < 140.0 {
            r /= y.powf(absx - 0.5);
        } else {
            let sqrtpow = y.powf(absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
    } else {
        r = lanczos_sum(absx) / y.exp();
        r += z * r;
        if absx < 140.0 {
            r *= y.powf(absx - 0.5);
        } else {
            let sqrtpow = y.powf(absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
    }
    (
        r,
        if r.is_infinite() {
            Errno::Range
        } else {
            Errno::None
        },
    )
}

fn lgamma_impl(x: f64) -> (f64, Errno) {
    #[allow(clippy::excessive_precision)]
    const LOG_PI: f64 = 1.144_729_885_849_400_174_143_427_351_353_058_711_647;
    if !x.is_finite() {
        return if x.is_nan() {
            (x, Errno::None)
        } else {
            (f64::INFINITY, Errno::None)
        };
    }
    if x == x.floor() && x <= 2.0 {
        return if x <= 0.0 {
            (f64::INFINITY, Errno::Domain)
        } else {
            (0.0, Errno::None)
        };
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return (-absx.ln(), Errno::None);
    }
    let mut r = lanczos_sum(absx).ln() - LANCZOS_G;
    r += (absx - 0.5) * ((absx + LANCZOS_G - 0.5).ln() - 1.0);
    if x < 0.0 {
        r = LOG_PI - sin_pi(absx).abs().ln() - absx.ln() - r;
    }
    (
        r,
        if r.is_infinite() {
            Errno::Range
        } else {
            Errno::None
        },
    )
}

fn gamma(vm: &mut Vm, args: Args) -> PyResult<Value> {
    math_1a(vm, args, "gamma", tgamma)
}

fn lgamma(vm: &mut Vm, args: Args) -> PyResult<Value> {
    math_1a(vm, args, "lgamma", lgamma_impl)
}

// ----- sums, norms, products -----

/// Shewchuk's exact summation, with `math_fsum`'s handling of infinities,
/// NaNs and intermediate overflow.
fn fsum(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let it = args.one(vm, "fsum")?;
    let it = vm.iter(it)?;
    let mut partials: Vec<f64> = Vec::new();
    let (mut special_sum, mut inf_sum) = (0.0f64, 0.0f64);
    while let Some(item) = vm.next(&it)? {
        let mut x = to_f64(vm, &item)?;
        let xsave = x;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                // A non-finite partial: an inf or nan in the input, or overflow.
                if xsave.is_finite() {
                    return Err(vm.overflow_error("intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                partials.clear();
            } else {
                partials.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return Err(vm.value_error("-inf + inf in fsum"));
        }
        return Ok(Value::Float(special_sum));
    }
    let mut hi = 0.0;
    let mut n = partials.len();
    if n > 0 {
        n -= 1;
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        // Round half-even correctly when the rest of the partials would
        // push the result across a rounding boundary.
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(Value::Float(hi))
}

/// `max * sqrt(sum((x / max) ** 2))` as 3.10 computes it: scaled by a power
/// of two, each square split into exact parts whose rounding errors are
/// summed separately, then one correction step after the square root, so
/// the result is almost always correctly rounded (bpo-41513).
fn vector_norm(vec: &[f64], max: f64, found_nan: bool) -> f64 {
    // 2**27 + 1: multiplying by it splits a double into two 26-bit halves.
    const T27: f64 = 134217729.0;
    fn split(x: f64) -> (f64, f64) {
        let t = x * T27;
        let hi = t - (t - x);
        (hi, x - hi)
    }
    fn add(csum: &mut f64, frac: &mut f64, x: f64) {
        let old = *csum;
        *csum += x;
        *frac += (old - *csum) + x;
    }
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (mut csum, mut frac1, mut frac2, mut frac3) = (1.0f64, 0.0f64, 0.0f64, 0.0f64);
    let (_, max_e) = libm::frexp(max);
    if max_e >= -1023 {
        let scale = libm::ldexp(1.0, -max_e);
        for &v in vec {
            let (hi, lo) = split(v * scale);
            add(&mut csum, &mut frac1, hi * hi);
            add(&mut csum, &mut frac2, 2.0 * hi * lo);
            frac3 += lo * lo;
        }
        let h = (csum - 1.0 + (frac1 + frac2 + frac3)).sqrt();
        let (hi, lo) = split(h);
        add(&mut csum, &mut frac1, -hi * hi);
        add(&mut csum, &mut frac2, -2.0 * hi * lo);
        add(&mut csum, &mut frac3, -lo * lo);
        let x = csum - 1.0 + (frac1 + frac2 + frac3);
        return (h + x / (2.0 * h)) / scale;
    }
    // Scaling would overflow: divide by max instead.
    for &v in vec {
        let x = v / max;
        add(&mut csum, &mut frac1, x * x);
    }
    max * (csum - 1.0 + frac1).sqrt()
}

fn hypot(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_kwargs(vm, "hypot")?;
    let mut coords = Vec::with_capacity(args.values.len());
    let (mut max, mut found_nan) = (0.0f64, false);
    for v in args.values {
        let x = to_f64(vm, v)?.abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        coords.push(x);
    }
    Ok(Value::Float(vector_norm(&coords, max, found_nan)))
}

fn dist(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_kwargs(vm, "dist")?;
    let [p, q] = args.values else {
        return Err(vm.type_error(format!(
            "dist expected 2 arguments, got {}",
            args.values.len()
        )));
    };
    let p = point(vm, p)?;
    let q = point(vm, q)?;
    if p.len() != q.len() {
        return Err(vm.value_error("both points must have the same number of dimensions"));
    }
    let mut diffs = Vec::with_capacity(p.len());
    let (mut max, mut found_nan) = (0.0f64, false);
    for (a, b) in p.iter().zip(&q) {
        let px = to_f64(vm, a)?;
        let qx = to_f64(vm, b)?;
        let x = (px - qx).abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        diffs.push(x);
    }
    Ok(Value::Float(vector_norm(&diffs, max, found_nan)))
}

/// A point for `dist`: a tuple, or any iterable made into one.
fn point(vm: &mut Vm, v: &Value) -> PyResult<Vec<Value>> {
    match v {
        Value::Tuple(t) => Ok(t.items.to_vec()),
        _ => vm.collect(v),
    }
}

fn prod(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let [iterable, start] = args.bind(vm, "prod", ["iterable", "start"], 1, 1)?;
    let mut acc = start.unwrap_or(Value::Int(1));
    let it = vm.iter(&iterable.unwrap_or_default())?;
    while let Some(item) = vm.next(&it)? {
        acc = vm.binary_op(BinaryOp::Multiply, &acc, &item)?;
    }
    Ok(acc)
}

fn isclose(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let [a, b, rel, abs] = args.bind(vm, "isclose", ["a", "b", "rel_tol", "abs_tol"], 2, 2)?;
    if args.n_pos() > 2 {
        return Err(vm.type_error(format!(
            "isclose() takes exactly 2 positional arguments ({} given)",
            args.n_pos()
        )));
    }
    let a = to_f64(vm, &a.unwrap_or_default())?;
    let b = to_f64(vm, &b.unwrap_or_default())?;
    let rel_tol = match rel {
        Some(v) => to_f64(vm, &v)?,
        None => 1e-9,
    };
    let abs_tol = match abs {
        Some(v) => to_f64(vm, &v)?,
        None => 0.0,
    };
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if a == b {
        return Ok(Value::Bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = (b - a).abs();
    Ok(Value::Bool(
        diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol,
    ))
}

// ----- integer functions -----

/// n! by splitting the product in halves, so the big multiplications are
/// balanced (much faster than a running product for large n).
fn factorial_big(n: u64) -> BigInt {
    fn range_product(lo: u64, hi: u64) -> BigInt {
        if hi - lo < 16 {
            let mut acc = BigInt::one();
            for k in lo..=hi {
                acc *= k;
            }
            return acc;
        }
        let mid = lo + (hi - lo) / 2;
        range_product(lo, mid) * range_product(mid + 1, hi)
    }
    if n < 2 {
        return BigInt::one();
    }
    range_product(2, n)
}

fn factorial(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one(vm, "factorial")?;
    let n = to_index(vm, v)?;
    if n.is_negative() {
        return Err(vm.value_error("factorial() not defined for negative values"));
    }
    let Some(n) = n.to_u64().filter(|n| *n <= i64::MAX as u64) else {
        return Err(vm.overflow_error(format!(
            "factorial() argument should not exceed {}",
            i64::MAX
        )));
    };
    Ok(Value::from_bigint(factorial_big(n)))
}

fn gcd(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_kwargs(vm, "gcd")?;
    let mut acc = BigInt::zero();
    for v in args.values {
        let x = to_index(vm, v)?;
        acc = acc.gcd(&x);
    }
    Ok(Value::from_bigint(acc))
}

fn lcm(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_kwargs(vm, "lcm")?;
    let mut acc = BigInt::one();
    for v in args.values {
        let x = to_index(vm, v)?;
        acc = if acc.is_zero() || x.is_zero() {
            BigInt::zero()
        } else {
            acc.lcm(&x)
        };
    }
    Ok(Value::from_bigint(acc.abs()))
}

fn isqrt(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one(vm, "isqrt")?;
    let n = to_index(vm, v)?;
    if n.is_negative() {
        return Err(vm.value_error("isqrt() argument must be nonnegative"));
    }
    Ok(Value::from_bigint(n.sqrt()))
}

/// n * (n-1) * ... * (n-k+1), for k <= n.
fn falling_product(n: &BigInt, k: u64) -> BigInt {
    fn part(n: &BigInt, lo: u64, hi: u64) -> BigInt {
        // Product of (n - j) for j in lo..hi.
        if hi - lo < 16 {
            let mut acc = BigInt::one();
            for j in lo..hi {
                acc *= n - j;
            }
            return acc;
        }
        let mid = lo + (hi - lo) / 2;
        part(n, lo, mid) * part(n, mid, hi)
    }
    part(n, 0, k)
}

fn comb_perm_args(vm: &mut Vm, n: &Value, k: &Value) -> PyResult<(BigInt, BigInt)> {
    let n = to_index(vm, n)?;
    let k = to_index(vm, k)?;
    if n.is_negative() {
        return Err(vm.value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(vm.value_error("k must be a non-negative integer"));
    }
    Ok((n, k))
}

fn k_limit(vm: &mut Vm, k: &BigInt) -> PyResult<u64> {
    k.to_u64()
        .filter(|k| *k <= i64::MAX as u64)
        .ok_or_else(|| vm.overflow_error(format!("k must not exceed {}", i64::MAX)))
}

fn comb(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_kwargs(vm, "comb")?;
    let [n, k] = args.values else {
        return Err(vm.type_error(format!(
            "comb expected 2 arguments, got {}",
            args.values.len()
        )));
    };
    let (n, k) = comb_perm_args(vm, n, k)?;
    if k > n {
        return Ok(Value::Int(0));
    }
    let other = &n - &k;
    let k = if other < k { other } else { k };
    let k = k_limit(vm, &k)?;
    Ok(Value::from_bigint(
        falling_product(&n, k) / factorial_big(k),
    ))
}

fn perm(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.no_kwargs(vm, "perm")?;
    let (n, k) = match args.values {
        [n] => (n, None),
        [n, k] => (n, Some(k)),
        _ => {
            return Err(vm.type_error(format!(
                "perm expected at most 2 arguments, got {}",
                args.values.len()
            )))
        }
    };
    let k = match k {
        None | Some(Value::None) => {
            let nv = to_index(vm, n)?;
            if nv.is_negative() {
                return Err(vm.value_error("n must be a non-negative integer"));
            }
            return factorial(vm, Args::new(std::slice::from_ref(n)));
        }
        Some(k) => k,
    };
    let (n, k) = comb_perm_args(vm, n, k)?;
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = k_limit(vm, &k)?;
    Ok(Value::from_bigint(falling_product(&n, k)))
}
