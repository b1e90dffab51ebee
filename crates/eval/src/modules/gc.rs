//! `gc`: pyvm frees objects by reference counting alone and has no cycle
//! collector yet, so `collect()` finds nothing (returns 0) and reference
//! cycles are only freed at exit. The rest of the interface is here so
//! programs that tune or query the collector run unchanged.

use std::cell::Cell;
use std::rc::Rc;

use crate::args::Args;
use crate::error::PyResult;
use crate::objects::function::NativeFn;
use crate::objects::ModuleObject;
use crate::value::Value;
use crate::vm::Vm;

thread_local! {
    static ENABLED: Cell<bool> = const { Cell::new(true) };
    static THRESHOLD: Cell<(i64, i64, i64)> = const { Cell::new((700, 10, 10)) };
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("collect", collect),
    ("enable", enable),
    ("disable", disable),
    ("isenabled", isenabled),
    ("get_count", get_count),
    ("get_threshold", get_threshold),
    ("set_threshold", set_threshold),
    ("get_debug", get_debug),
    ("set_debug", set_debug),
    ("is_tracked", is_tracked),
    ("is_finalized", is_finalized),
    ("freeze", no_op),
    ("unfreeze", no_op),
    ("get_freeze_count", get_freeze_count),
    ("get_objects", get_objects),
    ("get_referrers", get_objects),
    ("get_referents", get_objects),
];

pub fn module(vm: &mut Vm) -> PyResult<Rc<ModuleObject>> {
    Ok(super::make_module(
        vm,
        "gc",
        "This module provides access to the garbage collector for reference cycles.",
        FUNCTIONS,
        vec![
            ("garbage", Value::list(Vec::new())),
            ("callbacks", Value::list(Vec::new())),
            ("DEBUG_STATS", Value::Int(1)),
            ("DEBUG_COLLECTABLE", Value::Int(2)),
            ("DEBUG_UNCOLLECTABLE", Value::Int(4)),
            ("DEBUG_SAVEALL", Value::Int(32)),
            ("DEBUG_LEAK", Value::Int(38)),
        ],
    ))
}

fn collect(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let [generation] = args.bind(vm, "collect", ["generation"], 0, 0)?;
    if let Some(g) = generation {
        let g = vm.index_value(&g)?;
        if !(0..=2).contains(&g) {
            return Err(vm.value_error("invalid generation"));
        }
    }
    // Run pending finalizers, as a collection would; no cycles are found.
    crate::finalize::run(vm, None);
    Ok(Value::Int(0))
}

fn enable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.unpack(vm, "enable", 0, 0)?;
    ENABLED.with(|e| e.set(true));
    Ok(Value::None)
}

fn disable(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.unpack(vm, "disable", 0, 0)?;
    ENABLED.with(|e| e.set(false));
    Ok(Value::None)
}

fn isenabled(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.unpack(vm, "isenabled", 0, 0)?;
    Ok(Value::Bool(ENABLED.with(|e| e.get())))
}

fn get_count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.unpack(vm, "get_count", 0, 0)?;
    Ok(Value::tuple(vec![
        Value::Int(0),
        Value::Int(0),
        Value::Int(0),
    ]))
}

fn get_threshold(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.unpack(vm, "get_threshold", 0, 0)?;
    let (a, b, c) = THRESHOLD.with(|t| t.get());
    Ok(Value::tuple(vec![
        Value::Int(a),
        Value::Int(b),
        Value::Int(c),
    ]))
}

fn set_threshold(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.unpack(vm, "set_threshold", 1, 3)?;
    let mut t = THRESHOLD.with(|t| t.get());
    let mut vals = [t.0, t.1, t.2];
    for (slot, v) in vals.iter_mut().zip(a) {
        *slot = vm.index_value(v)?;
    }
    t = (vals[0], vals[1], vals[2]);
    THRESHOLD.with(|c| c.set(t));
    Ok(Value::None)
}

fn get_debug(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.unpack(vm, "get_debug", 0, 0)?;
    Ok(Value::Int(0))
}

fn set_debug(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one(vm, "set_debug")?;
    vm.index_value(v)?;
    Ok(Value::None)
}

/// CPython tracks containers and instances, not atoms such as ints and str.
fn is_tracked(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one(vm, "is_tracked")?;
    Ok(Value::Bool(match v {
        Value::Tuple(t) => t.items.iter().any(|i| {
            !matches!(
                i,
                Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Str(_)
            )
        }),
        Value::Dict(d) => d.entries().iter().any(|e| {
            !matches!(
                e.value,
                Value::None | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Str(_)
            ) || !matches!(e.key, Value::Int(_) | Value::Str(_))
        }),
        Value::None
        | Value::Bool(_)
        | Value::Int(_)
        | Value::BigInt(_)
        | Value::Float(_)
        | Value::Complex(_)
        | Value::Str(_)
        | Value::Bytes(_) => false,
        _ => true,
    }))
}

fn is_finalized(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one(vm, "is_finalized")?;
    Ok(Value::Bool(
        matches!(v, Value::Instance(i) if i.finalized.get()),
    ))
}

fn no_op(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::None)
}

fn get_freeze_count(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Int(0))
}

fn get_objects(vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Err(vm.not_implemented_error("pyvm has no cycle collector, so gc cannot enumerate objects"))
}
