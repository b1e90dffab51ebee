//! `range`: start/stop/step with O(1) length, indexing and membership. Bounds
//! that fit in i64 (the usual case) use machine arithmetic; others keep
//! BigInt bounds, since CPython's ranges are unbounded (`range(2**70)[-1]`).

use std::rc::Rc;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

pub struct BigRange {
    pub start: BigInt,
    pub stop: BigInt,
    pub step: BigInt,
}

pub struct RangeObject {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
    /// Set when a bound does not fit in i64; the i64 fields are then unused.
    pub big: Option<Box<BigRange>>,
}

impl RangeObject {
    pub fn new(start: i64, stop: i64, step: i64) -> Rc<RangeObject> {
        Rc::new(RangeObject {
            start,
            stop,
            step,
            big: None,
        })
    }

    /// A range from arbitrary int bounds (`step` non-zero).
    pub fn from_bigs(start: BigInt, stop: BigInt, step: BigInt) -> Rc<RangeObject> {
        match (start.to_i64(), stop.to_i64(), step.to_i64()) {
            (Some(a), Some(b), Some(c)) => RangeObject::new(a, b, c),
            _ => Rc::new(RangeObject {
                start: 0,
                stop: 0,
                step: 1,
                big: Some(Box::new(BigRange { start, stop, step })),
            }),
        }
    }

    pub fn parts(&self) -> (BigInt, BigInt, BigInt) {
        match &self.big {
            Some(b) => (b.start.clone(), b.stop.clone(), b.step.clone()),
            None => (
                BigInt::from(self.start),
                BigInt::from(self.stop),
                BigInt::from(self.step),
            ),
        }
    }

    /// Length, saturated at i64::MAX (see `len_big` for the exact value).
    pub fn len(&self) -> i64 {
        if self.big.is_some() {
            return self.len_big().to_i64().unwrap_or(i64::MAX);
        }
        let (lo, hi, step) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if step > 0 && lo < hi {
            (hi - lo - 1) / step + 1
        } else if step < 0 && lo > hi {
            (lo - hi - 1) / (-step) + 1
        } else {
            0
        };
        n.min(i64::MAX as i128) as i64
    }

    pub fn len_big(&self) -> BigInt {
        let (lo, hi, step) = self.parts();
        if step.is_positive() && lo < hi {
            (hi - lo - 1u32).div_floor(&step) + 1u32
        } else if step.is_negative() && lo > hi {
            (lo - hi - 1u32).div_floor(&-step) + 1u32
        } else {
            BigInt::zero()
        }
    }

    pub fn is_empty(&self) -> bool {
        if self.big.is_some() {
            return self.len_big().is_zero();
        }
        self.len() == 0
    }

    pub fn item(&self, i: i64) -> i64 {
        self.start + i * self.step
    }

    pub fn item_big(&self, i: &BigInt) -> BigInt {
        let (start, _, step) = self.parts();
        start + i * step
    }

    pub fn contains_int(&self, x: i64) -> bool {
        if self.big.is_some() {
            return self.contains_big(&BigInt::from(x));
        }
        let (x, start, stop, step) = (
            x as i128,
            self.start as i128,
            self.stop as i128,
            self.step as i128,
        );
        let in_bounds = if step > 0 {
            start <= x && x < stop
        } else {
            stop < x && x <= start
        };
        in_bounds && (x - start) % step == 0
    }

    pub fn contains_big(&self, x: &BigInt) -> bool {
        let (start, stop, step) = self.parts();
        let in_bounds = if step.is_positive() {
            &start <= x && x < &stop
        } else {
            &stop < x && x <= &start
        };
        in_bounds && ((x - &start) % &step).is_zero()
    }

    /// `r.index(x)` for an int in the range.
    pub fn index_of(&self, x: &BigInt) -> Option<BigInt> {
        if !self.contains_big(x) {
            return None;
        }
        let (start, _, step) = self.parts();
        Some((x - start) / step)
    }

    /// The range for `r[slice]`, given the slice's (start, stop, step) indices
    /// resolved against `len_big()`.
    pub fn slice(&self, start: &BigInt, stop: &BigInt, step: &BigInt) -> Rc<RangeObject> {
        let (r_start, _, r_step) = self.parts();
        RangeObject::from_bigs(
            &r_start + start * &r_step,
            &r_start + stop * &r_step,
            r_step * step,
        )
    }
}

/// `slice.indices(len)` over big ints: (start, stop, step) clamped as CPython does.
pub fn big_slice_indices(
    start: Option<BigInt>,
    stop: Option<BigInt>,
    step: BigInt,
    len: &BigInt,
) -> (BigInt, BigInt, BigInt) {
    let neg = step.is_negative();
    let (lower, upper) = if neg {
        (-BigInt::one(), len - 1u32)
    } else {
        (BigInt::zero(), len.clone())
    };
    let fix = |v: Option<BigInt>, default: &BigInt| -> BigInt {
        match v {
            None => default.clone(),
            Some(v) if v.is_negative() => (v + len).max(lower.clone()),
            Some(v) => v.min(upper.clone()),
        }
    };
    let s = fix(start, if neg { &upper } else { &lower });
    let e = fix(stop, if neg { &lower } else { &upper });
    (s, e, step)
}
