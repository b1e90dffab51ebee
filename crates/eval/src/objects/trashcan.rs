//! Deallocation without deep recursion (CPython's "trashcan").
//!
//! Dropping a list nested 100,000 deep would drop each level from inside the
//! previous one and overflow the Rust stack. Container `Drop`s hand their
//! contents to `release`, which drops them directly while the nesting is
//! shallow and, past a depth limit, parks them to be dropped iteratively by
//! the outermost `release` call.

use std::any::Any;
use std::cell::{Cell, RefCell};

const MAX_DEPTH: u32 = 64;

thread_local! {
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    static PENDING: RefCell<Vec<Box<dyn Any>>> = const { RefCell::new(Vec::new()) };
}

/// Items dropped last-first, as CPython's list and tuple deallocators do
/// (visible through `__del__` order).
pub struct LastFirst<T>(pub Vec<T>);

impl<T> Drop for LastFirst<T> {
    fn drop(&mut self) {
        while let Some(x) = self.0.pop() {
            drop(x);
        }
    }
}

/// Drop `payload` (a container's contents) without unbounded recursion.
pub fn release<T: 'static>(payload: T) {
    // During thread teardown the thread-locals may be gone: just drop.
    let Ok(depth) = DEPTH.try_with(Cell::get) else {
        drop(payload);
        return;
    };
    if depth >= MAX_DEPTH {
        let mut parked = Some(payload);
        let _ = PENDING.try_with(|p| {
            if let Ok(mut p) = p.try_borrow_mut() {
                if let Some(x) = parked.take() {
                    p.push(Box::new(x));
                }
            }
        });
        drop(parked);
        return;
    }
    DEPTH.with(|d| d.set(depth + 1));
    drop(payload);
    if depth == 0 {
        // The outermost release drains what deeper levels parked.
        while let Some(next) = PENDING.try_with(|p| p.borrow_mut().pop()).ok().flatten() {
            drop(next);
        }
    }
    DEPTH.with(|d| d.set(depth));
}
