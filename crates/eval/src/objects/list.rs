//! `list`: a mutable sequence and its methods, including the stable `sort`.

use std::cell::RefCell;
use std::rc::Rc;

use crate::args::Args;
use crate::error::PyResult;
use crate::objects::function::NativeFn;
use crate::value::Value;
use crate::vm::Vm;

pub struct ListObject {
    pub items: RefCell<Vec<Value>>,
}

impl Drop for ListObject {
    fn drop(&mut self) {
        let items = std::mem::take(self.items.get_mut());
        crate::objects::trashcan::release(crate::objects::trashcan::LastFirst(items));
    }
}

impl ListObject {
    pub fn new(items: Vec<Value>) -> Rc<ListObject> {
        Rc::new(ListObject {
            items: RefCell::new(items),
        })
    }

    pub fn len(&self) -> usize {
        self.items.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.borrow().is_empty()
    }

    pub fn get(&self, i: usize) -> Option<Value> {
        self.items.borrow().get(i).cloned()
    }

    pub fn push(&self, v: Value) {
        self.items.borrow_mut().push(v);
    }

    /// A snapshot of the items (so callbacks may mutate the list meanwhile).
    pub fn snapshot(&self) -> Vec<Value> {
        self.items.borrow().clone()
    }
}

fn this(args: &Args) -> Rc<ListObject> {
    match &args.values[0] {
        Value::List(l) => l.clone(),
        _ => ListObject::new(Vec::new()),
    }
}

/// Resolve optional `start`/`stop` arguments (after the searched value) of
/// `index`-style methods against a length, with negative indices counted from the end.
pub fn slice_bounds(vm: &mut Vm, a: &[Value], len: usize) -> PyResult<(usize, usize)> {
    let clamp = |vm: &mut Vm, v: Option<&Value>, default: usize| -> PyResult<usize> {
        match v {
            None | Some(Value::None) => Ok(default),
            Some(v) => {
                let i = vm.index_value(v)?;
                let i = if i < 0 { i + len as i64 } else { i };
                Ok(i.clamp(0, len as i64) as usize)
            }
        }
    };
    let start = clamp(vm, a.get(1), 0)?;
    let stop = clamp(vm, a.get(2), len)?;
    Ok((start, stop))
}

fn append(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let l = this(&args);
    let x = args.skip_self().one(vm, "append")?;
    l.push(x.clone());
    Ok(Value::None)
}

fn clear(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let l = this(&args);
    args.skip_self().none(vm, "clear")?;
    let old = std::mem::take(&mut *l.items.borrow_mut());
    // CPython's list_clear releases the items last first.
    old.into_iter().rev().for_each(drop);
    Ok(Value::None)
}

fn copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let l = this(&args);
    args.skip_self().none(vm, "copy")?;
    Ok(Value::List(ListObject::new(l.snapshot())))
}

fn count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let l = this(&args);
    let x = args.skip_self().one(vm, "count")?;
    let mut n = 0;
    for item in l.snapshot() {
        if vm.eq(&item, x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn extend(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let l = this(&args);
    let x = args.skip_self().one(vm, "extend")?;
    let items = vm.collect(x)?;
    l.items.borrow_mut().extend(items);
    Ok(Value::None)
}

fn index(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let l = this(&args);
    let a = args.skip_self().unpack(vm, "index", 1, 3)?;
    let (start, stop) = slice_bounds(vm, a, l.len())?;
    let mut i = start;
    while i < stop {
        let Some(item) = l.get(i) else { break };
        if vm.eq(&item, &a[0])? {
            return Ok(Value::from(i));
        }
        i += 1;
    }
    let r = vm.repr(&a[0])?;
    Err(vm.value_error(format!("{r} is not in list")))
}

fn insert(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let l = this(&args);
    let a = args.skip_self();
    a.no_kwargs(vm, "insert")?;
    if a.values.len() != 2 {
        return Err(vm.type_error(format!(
            "insert expected 2 arguments, got {}",
            a.values.len()
        )));
    }
    let i = vm.index_value(&a.values[0])?;
    let mut items = l.items.borrow_mut();
    let n = items.len() as i64;
    let i = if i < 0 { (i + n).max(0) } else { i.min(n) };
    items.insert(i as usize, a.values[1].clone());
    Ok(Value::None)
}

fn pop(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let l = this(&args);
    let a = args.skip_self().unpack(vm, "pop", 0, 1)?;
    let i = match a.first() {
        Some(v) => vm.index_value(v)?,
        None => -1,
    };
    let mut items = l.items.borrow_mut();
    if items.is_empty() {
        drop(items);
        return Err(vm.index_error("pop from empty list"));
    }
    let n = items.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        drop(items);
        return Err(vm.index_error("pop index out of range"));
    }
    Ok(items.remove(j as usize))
}

fn remove(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let l = this(&args);
    let x = args.skip_self().one(vm, "remove")?;
    let mut i = 0;
    while let Some(item) = l.get(i) {
        if vm.eq(&item, x)? {
            let mut items = l.items.borrow_mut();
            if i < items.len() {
                items.remove(i);
            }
            return Ok(Value::None);
        }
        i += 1;
    }
    Err(vm.value_error("list.remove(x): x not in list"))
}

fn reverse(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let l = this(&args);
    args.skip_self().none(vm, "reverse")?;
    l.items.borrow_mut().reverse();
    Ok(Value::None)
}

fn sort(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let l = this(&args);
    let a = args.skip_self();
    if a.n_pos() > 0 {
        return Err(vm.type_error("sort() takes no positional arguments"));
    }
    let mut key = None;
    let mut reverse = false;
    for (k, v) in a.kwargs() {
        if k.eq_ascii("key") {
            key = (!v.is_none()).then(|| v.clone());
        } else if k.eq_ascii("reverse") {
            reverse = vm.truthy(v)?;
        } else {
            return Err(vm.type_error(format!("sort() got an unexpected keyword argument '{k}'")));
        }
    }
    // Like CPython, the list is empty while sorting so that key functions
    // and comparisons that mutate it are detected.
    let items = std::mem::take(&mut *l.items.borrow_mut());
    let result = sort_values(vm, items, key.as_ref(), reverse);
    let mut slot = l.items.borrow_mut();
    let modified = !slot.is_empty();
    match result {
        Ok(sorted) => {
            *slot = sorted;
            if modified {
                drop(slot);
                return Err(vm.value_error("list modified during sort"));
            }
            Ok(Value::None)
        }
        Err((items, e)) => {
            *slot = items;
            Err(e)
        }
    }
}

/// Stable sort by `<` on the keys. On error, the items come back unsorted
/// (in some order) with the exception.
pub fn sort_values(
    vm: &mut Vm,
    mut items: Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> Result<Vec<Value>, (Vec<Value>, crate::error::PyErr)> {
    if reverse {
        items.reverse();
    }
    let keys = match key {
        Some(f) => {
            let mut keys = Vec::with_capacity(items.len());
            for item in &items {
                match vm.call(f, std::slice::from_ref(item)) {
                    Ok(k) => keys.push(k),
                    Err(e) => return Err((items, e)),
                }
            }
            Some(keys)
        }
        None => None,
    };
    let order = {
        let ks = keys.as_ref().unwrap_or(&items);
        match merge_sort(vm, ks) {
            Ok(order) => order,
            Err(e) => return Err((items, e)),
        }
    };
    let mut slots: Vec<Option<Value>> = items.into_iter().map(Some).collect();
    let mut sorted: Vec<Value> = order.iter().filter_map(|&i| slots[i].take()).collect();
    if reverse {
        sorted.reverse();
    }
    Ok(sorted)
}

/// A stable natural merge sort of indices into `keys` that only asks
/// `keys[b] < keys[a]` (one `__lt__` per comparison, like CPython) and
/// tolerates inconsistent comparisons: Rust's `sort_by` may panic on those,
/// user `__lt__`s can be anything. Like CPython's timsort it finds the runs
/// already in the data (reversing strictly descending ones, which keeps it
/// stable), extends short ones by binary insertion, and merges neighbours,
/// skipping a merge when the two runs are already in order: sorted and
/// reverse-sorted input take n - 1 comparisons.
/// The keys being sorted, with a cache-friendly shortcut for the common
/// shapes. When every key is an ASCII `str`, or every key is a tuple whose
/// first item is one, each key gets a word holding that string's first 8
/// bytes (big-endian, zero-padded): different words order the strings, and
/// so the keys, exactly as comparing them would (the string decides a tuple
/// comparison when it differs), without the four dependent loads (tuple,
/// items, str, bytes) that made sorting big lists of tuples memory-bound.
/// Equal words fall back to the full comparison. Comparing these strings
/// runs no Python code, so taking the shortcut is unobservable.
struct SortKeys<'a> {
    keys: &'a [Value],
    prefixes: Option<Vec<u64>>,
}

impl<'a> SortKeys<'a> {
    fn new(keys: &'a [Value]) -> SortKeys<'a> {
        fn ascii_prefix(v: &Value) -> Option<u64> {
            let Value::Str(s) = v else { return None };
            let a = s.as_ascii()?.as_bytes();
            let mut word = [0u8; 8];
            let n = a.len().min(8);
            word[..n].copy_from_slice(&a[..n]);
            Some(u64::from_be_bytes(word))
        }
        fn tuple_prefix(v: &Value) -> Option<u64> {
            match v {
                Value::Tuple(t) => ascii_prefix(t.items.first()?),
                _ => None,
            }
        }
        let prefixes = match keys.first() {
            Some(Value::Str(_)) => keys.iter().map(ascii_prefix).collect(),
            Some(Value::Tuple(_)) => keys.iter().map(tuple_prefix).collect(),
            _ => None,
        };
        SortKeys { keys, prefixes }
    }

    #[inline]
    fn lt(&self, vm: &mut Vm, a: usize, b: usize) -> PyResult<bool> {
        if let Some(p) = &self.prefixes {
            let (x, y) = (p[a], p[b]);
            if x != y {
                return Ok(x < y);
            }
        }
        vm.lt(&self.keys[a], &self.keys[b])
    }
}

fn merge_sort(vm: &mut Vm, keys: &[Value]) -> PyResult<Vec<usize>> {
    let keys = SortKeys::new(keys);
    let n = keys.keys.len();
    let mut order: Vec<usize> = (0..n).collect();
    const MIN_RUN: usize = 16;
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    while start < n {
        let mut end = start + 1;
        if end < n {
            if keys.lt(vm, order[end], order[start])? {
                end += 1;
                while end < n && keys.lt(vm, order[end], order[end - 1])? {
                    end += 1;
                }
                order[start..end].reverse();
            } else {
                end += 1;
                while end < n && !keys.lt(vm, order[end], order[end - 1])? {
                    end += 1;
                }
            }
        }
        // Binary insertion extends a short run to MIN_RUN items.
        let stop = end.max((start + MIN_RUN).min(n));
        for i in end..stop {
            let x = order[i];
            let (mut lo, mut hi) = (start, i);
            while lo < hi {
                let mid = (lo + hi) / 2;
                if keys.lt(vm, x, order[mid])? {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            order.copy_within(lo..i, lo + 1);
            order[lo] = x;
        }
        runs.push((start, stop));
        start = stop;
    }
    let mut buf = vec![0usize; n];
    while runs.len() > 1 {
        let mut merged = Vec::with_capacity(runs.len().div_ceil(2));
        for pair in runs.chunks(2) {
            let &[(lo, mid), (_, hi)] = pair else {
                merged.push(pair[0]);
                continue;
            };
            merged.push((lo, hi));
            // Already in order: the right run's first is not below the left's last.
            if !keys.lt(vm, order[mid], order[mid - 1])? {
                continue;
            }
            let (mut i, mut j, mut k) = (lo, mid, lo);
            while i < mid && j < hi {
                if keys.lt(vm, order[j], order[i])? {
                    buf[k] = order[j];
                    j += 1;
                } else {
                    buf[k] = order[i];
                    i += 1;
                }
                k += 1;
            }
            buf[k..k + (mid - i)].copy_from_slice(&order[i..mid]);
            k += mid - i;
            buf[k..k + (hi - j)].copy_from_slice(&order[j..hi]);
            order[lo..hi].copy_from_slice(&buf[lo..hi]);
        }
        runs = merged;
    }
    Ok(order)
}

pub const METHODS: &[(&str, NativeFn)] = &[
    ("append", append),
    ("clear", clear),
    ("copy", copy),
    ("count", count),
    ("extend", extend),
    ("index", index),
    ("insert", insert),
    ("pop", pop),
    ("remove", remove),
    ("reverse", reverse),
    ("sort", sort),
];
