//! Instances of classes: a class pointer and a `__dict__`. Instances of
//! classes that subclass a built-in type other than `object` keep the
//! built-in value they extend in `base` (a `list` subclass's list).
//!
//! `__del__`: `Drop` cannot run Python code (the VM is busy), so an instance
//! whose class has a finalizer is resurrected into a queue that the eval
//! loop drains before its next instruction — immediately after the last
//! reference went away, as with CPython's reference counting.

use std::rc::Rc;

use crate::objects::{DictObject, TypeObject};
use crate::slots::{Special, HOOK_DEL};
use crate::value::Value;
use crate::vm::Vm;

pub struct InstanceObject {
    pub class: Rc<TypeObject>,
    pub dict: Rc<DictObject>,
    /// The built-in value this instance extends, for subclasses of built-in
    /// types (`class Stack(list)`): their methods operate on it.
    pub base: Option<Value>,
    /// `__slots__` storage (empty for classes without slots).
    pub slots: std::cell::RefCell<Vec<Option<Value>>>,
    /// `__del__` has run (or is queued): it runs at most once (PEP 442).
    pub finalized: std::cell::Cell<bool>,
}

thread_local! {
    static FINALIZE: std::cell::RefCell<std::collections::VecDeque<Value>> =
        const { std::cell::RefCell::new(std::collections::VecDeque::new()) };
}

/// Set when an instance is queued for `__del__`; the eval loop checks it.
pub static FINALIZERS_PENDING: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// Whether `__del__` calls are waiting.
#[inline(always)]
pub fn finalizers_pending() -> bool {
    FINALIZERS_PENDING.load(std::sync::atomic::Ordering::Relaxed)
}

/// Run the queued `__del__` methods (errors are reported, not raised, as
/// CPython's "Exception ignored in" messages).
pub fn run_finalizers(vm: &mut Vm) {
    FINALIZERS_PENDING.store(false, std::sync::atomic::Ordering::Relaxed);
    let handled = vm.handled.take();
    while let Some(obj) = FINALIZE.with(|q| q.borrow_mut().pop_front()) {
        if let Err(e) = vm.call_user_special(&obj, Special::__del__, &[]) {
            vm.stdout.flush();
            let func = match vm.user_special(&obj, Special::__del__) {
                Some(f) => vm.repr(&f).unwrap_or_default(),
                None => String::from("__del__"),
            };
            let text = crate::traceback::format_exception(vm, &e);
            eprint!("Exception ignored in: {func}\n{text}");
        }
    }
    vm.handled = handled;
}

impl InstanceObject {
    pub fn new(class: Rc<TypeObject>) -> Rc<InstanceObject> {
        Rc::new(InstanceObject {
            slots: std::cell::RefCell::new(vec![None; class.slot_count.get()]),
            dict: DictObject::new(),
            base: None,
            finalized: std::cell::Cell::new(false),
            class,
        })
    }

    /// An instance of a subclass of a built-in type, extending `base`.
    pub fn with_base(class: Rc<TypeObject>, base: Value) -> Rc<InstanceObject> {
        Rc::new(InstanceObject {
            slots: std::cell::RefCell::new(vec![None; class.slot_count.get()]),
            dict: DictObject::new(),
            base: Some(base),
            finalized: std::cell::Cell::new(false),
            class,
        })
    }
}

impl Drop for InstanceObject {
    fn drop(&mut self) {
        if !self.finalized.get() && self.class.attr_hooks.get().1 & HOOK_DEL != 0 {
            // Resurrect into the finalizer queue (see the module comment).
            let revived = InstanceObject {
                class: self.class.clone(),
                dict: self.dict.clone(),
                base: self.base.take(),
                slots: std::cell::RefCell::new(std::mem::take(self.slots.get_mut())),
                finalized: std::cell::Cell::new(true),
            };
            let queued = FINALIZE
                .try_with(|q| q.borrow_mut().push_back(Value::Instance(Rc::new(revived))))
                .is_ok();
            if queued {
                FINALIZERS_PENDING.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            return;
        }
        crate::objects::trashcan::release(self.base.take());
        for v in self.slots.get_mut().drain(..) {
            crate::objects::trashcan::release(v);
        }
    }
}
