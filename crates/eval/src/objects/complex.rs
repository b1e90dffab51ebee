//! `complex`: arithmetic, CPython's `**` algorithm, and repr.

use std::rc::Rc;

use pyvm_loader::instruction::BinaryOp;

use crate::error::PyResult;
use crate::value::Value;
use crate::vm::Vm;

pub type C = (f64, f64);

pub fn complex(re: f64, im: f64) -> Value {
    Value::Complex(Rc::new((re, im)))
}

fn div(vm: &Vm, a: C, b: C) -> PyResult<C> {
    // CPython's _Py_c_quot (Smith's method).
    let (ar, ai) = a;
    let (br, bi) = b;
    let abs_br = br.abs();
    let abs_bi = bi.abs();
    if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return Err(vm.zero_division("complex division by zero"));
        }
        let ratio = bi / br;
        let denom = br + bi * ratio;
        Ok(((ar + ai * ratio) / denom, (ai - ar * ratio) / denom))
    } else if abs_bi >= abs_br {
        let ratio = br / bi;
        let denom = br * ratio + bi;
        Ok(((ar * ratio + ai) / denom, (ai * ratio - ar) / denom))
    } else {
        Ok((f64::NAN, f64::NAN))
    }
}

pub fn complex_binary(vm: &mut Vm, op: BinaryOp, a: C, b: C) -> PyResult<Value> {
    let (ar, ai) = a;
    let (br, bi) = b;
    let r = match op {
        BinaryOp::Add => (ar + br, ai + bi),
        BinaryOp::Subtract => (ar - br, ai - bi),
        BinaryOp::Multiply => (ar * br - ai * bi, ar * bi + ai * br),
        BinaryOp::TrueDivide => div(vm, a, b)?,
        BinaryOp::Power => return complex_pow(vm, a, b),
        BinaryOp::FloorDivide | BinaryOp::Modulo => {
            let t = if op == BinaryOp::Modulo { "%" } else { "//" };
            return Err(vm.type_error(format!(
                "unsupported operand type(s) for {t}: 'complex' and 'complex'"
            )));
        }
        _ => return Ok(Value::NotImplemented),
    };
    Ok(complex(r.0, r.1))
}

/// `_Py_c_pow` with CPython's integer-exponent shortcut.
pub fn complex_pow(vm: &mut Vm, a: C, b: C) -> PyResult<Value> {
    if b.1 == 0.0 && b.0 == b.0.trunc() && b.0.abs() <= 100.0 {
        let n = b.0 as i64;
        let mut r = (1.0, 0.0);
        let mut base = a;
        let mut e = n.unsigned_abs();
        while e > 0 {
            if e & 1 == 1 {
                r = (r.0 * base.0 - r.1 * base.1, r.0 * base.1 + r.1 * base.0);
            }
            base = (base.0 * base.0 - base.1 * base.1, 2.0 * base.0 * base.1);
            e >>= 1;
        }
        if n < 0 {
            r = div(vm, (1.0, 0.0), r)?;
        }
        return Ok(complex(r.0, r.1));
    }
    if b == (0.0, 0.0) {
        return Ok(complex(1.0, 0.0));
    }
    if a == (0.0, 0.0) {
        if b.1 != 0.0 || b.0 < 0.0 {
            return Err(vm.zero_division("0.0 to a negative or complex power"));
        }
        return Ok(complex(0.0, 0.0));
    }
    let vabs = a.0.hypot(a.1);
    let mut len = vabs.powf(b.0);
    let at = a.1.atan2(a.0);
    let mut phase = at * b.0;
    if b.1 != 0.0 {
        len /= (at * b.1).exp();
        phase += b.1 * vabs.ln();
    }
    Ok(complex(len * phase.cos(), len * phase.sin()))
}

pub fn complex_repr(c: C) -> String {
    let mut s = String::new();
    pyvm_loader::repr::complex_repr(c.0, c.1, &mut s);
    s
}
