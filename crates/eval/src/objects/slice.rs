//! `slice` objects and the index arithmetic of `PySlice_GetIndicesEx`.

use std::rc::Rc;

use crate::value::Value;

pub struct SliceObject {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

impl SliceObject {
    pub fn new(start: Value, stop: Value, step: Value) -> Rc<SliceObject> {
        Rc::new(SliceObject { start, stop, step })
    }
}

/// Resolved slice bounds for a sequence of `len` items (`slice.indices`).
pub fn adjust_indices(
    start: Option<i64>,
    stop: Option<i64>,
    step: i64,
    len: i64,
) -> (i64, i64, i64, usize) {
    let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
    let fix = |v: Option<i64>, default: i64| -> i64 {
        match v {
            None => default,
            Some(v) if v < 0 => (v + len).max(lower),
            Some(v) => v.min(upper),
        }
    };
    let start = fix(start, if step < 0 { upper } else { lower });
    let stop = fix(stop, if step < 0 { lower } else { upper });
    let count = if step > 0 {
        if stop > start {
            (stop - start - 1) / step + 1
        } else {
            0
        }
    } else if stop < start {
        (start - stop - 1) / (-step) + 1
    } else {
        0
    };
    (start, stop, step, count as usize)
}
