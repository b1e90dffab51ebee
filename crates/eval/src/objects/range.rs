//! `range`: start/stop/step with O(1) length, indexing and membership.

use std::rc::Rc;

pub struct RangeObject {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl RangeObject {
    pub fn new(start: i64, stop: i64, step: i64) -> Rc<RangeObject> {
        Rc::new(RangeObject { start, stop, step })
    }

    pub fn len(&self) -> i64 {
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

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn item(&self, i: i64) -> i64 {
        self.start + i * self.step
    }

    pub fn contains_int(&self, x: i64) -> bool {
        let (x, start, stop, step) = (x as i128, self.start as i128, self.stop as i128, self.step as i128);
        let in_bounds = if step > 0 { start <= x && x < stop } else { stop < x && x <= start };
        in_bounds && (x - start) % step == 0
    }
}
