//! Finalizers: Python code that runs when an object is released (`__del__`
//! of instances, closing of suspended generators).
//!
//! `Drop` cannot run Python code (the VM is busy), so a dying object that
//! needs it is resurrected into a queue that the eval loop drains before its
//! next instruction — immediately after the last reference went away, as
//! with CPython's reference counting. Errors are reported, not raised, as
//! CPython's "Exception ignored in" messages.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::objects::{CodeObject, DictObject};

use crate::slots::Special;
use crate::value::Value;
use crate::vm::Vm;

thread_local! {
    static QUEUE: RefCell<VecDeque<Value>> = const { RefCell::new(VecDeque::new()) };
}

/// Set when an object is queued; the eval loop checks it per instruction.
static PENDING: AtomicBool = AtomicBool::new(false);

/// Whether finalizers are waiting.
#[inline(always)]
pub fn pending() -> bool {
    PENDING.load(Ordering::Relaxed)
}

/// Queue a resurrected object for finalization.
pub fn queue(obj: Value) {
    if QUEUE.try_with(|q| q.borrow_mut().push_back(obj)).is_ok() {
        PENDING.store(true, Ordering::Relaxed);
    }
}

/// Where the finalizers run: the running frame's code, globals and
/// instruction, which an error without a traceback of its own is reported at
/// (as `PyErr_WriteUnraisable` does).
pub type Site<'a> = Option<(&'a Rc<CodeObject>, &'a Rc<DictObject>, usize)>;

/// Run the queued finalizers.
pub fn run(vm: &mut Vm, site: Site) {
    PENDING.store(false, Ordering::Relaxed);
    let handled = vm.handled.take();
    while let Some(obj) = QUEUE.with(|q| q.borrow_mut().pop_front()) {
        let result = match &obj {
            Value::Generator(g) => g.close(vm),
            _ => vm.call_user_special(&obj, Special::__del__, &[]).map(drop),
        };
        if let Err(e) = result {
            // CPython names the generator, or the `__del__` method.
            let what = match &obj {
                Value::Generator(_) => Some(obj.clone()),
                _ => vm.user_special(&obj, Special::__del__),
            };
            let what = match what {
                Some(w) => vm.repr(&w).unwrap_or_default(),
                None => String::from("__del__"),
            };
            report_unraisable(vm, &what, &e, site);
        }
    }
    vm.handled = handled;
}

/// `PyErr_WriteUnraisable`: "Exception ignored in: WHAT" and the traceback,
/// which for an error with none of its own is the running frame's line.
fn report_unraisable(vm: &mut Vm, what: &str, e: &crate::error::PyErr, site: Site) {
    let bare = e.traceback.borrow().is_none();
    if let (Some((code, globals, ip)), true) = (site, bare) {
        e.push_traceback(code.clone(), globals.clone(), ip);
    }
    vm.stdout.flush();
    let text = crate::traceback::format_exception(vm, e);
    eprint!("Exception ignored in: {what}\n{text}");
}
