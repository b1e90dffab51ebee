//! `tuple`: an immutable sequence. Also the argument and result carrier of
//! many protocols (`*args`, `divmod`, `dict.items()`).

use std::rc::Rc;

use crate::args::Args;
use crate::error::PyResult;
use crate::objects::function::NativeFn;
use crate::value::Value;
use crate::vm::Vm;

pub struct TupleObject {
    pub items: Box<[Value]>,
}

impl Drop for TupleObject {
    fn drop(&mut self) {
        let items = std::mem::take(&mut self.items).into_vec();
        crate::objects::trashcan::release(crate::objects::trashcan::LastFirst(items));
    }
}

impl TupleObject {
    pub fn new(items: Vec<Value>) -> Rc<TupleObject> {
        if items.is_empty() {
            return TupleObject::empty();
        }
        Rc::new(TupleObject {
            items: items.into_boxed_slice(),
        })
    }

    /// The shared empty tuple (`() is ()` in CPython).
    pub fn empty() -> Rc<TupleObject> {
        thread_local! {
            static EMPTY: Rc<TupleObject> = Rc::new(TupleObject { items: Box::new([]) });
        }
        EMPTY.with(|e| e.clone())
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

fn this(args: &Args) -> Rc<TupleObject> {
    match &args.values[0] {
        Value::Tuple(t) => t.clone(),
        _ => TupleObject::empty(),
    }
}

fn count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let t = this(&args);
    let x = args.skip_self().one(vm, "count")?;
    let mut n = 0;
    for item in t.items.iter() {
        if vm.eq(item, x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn index(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let t = this(&args);
    let a = args.skip_self().unpack(vm, "index", 1, 3)?;
    let (start, stop) = crate::objects::list::slice_bounds(vm, a, t.len())?;
    for i in start..stop.min(t.len()) {
        if vm.eq(&t.items[i], &a[0])? {
            return Ok(Value::from(i));
        }
    }
    Err(vm.value_error("tuple.index(x): x not in tuple"))
}

pub const METHODS: &[(&str, NativeFn)] = &[("count", count), ("index", index)];
