//! `set` and `frozenset`: CPython 3.10's open-addressing set table, reproduced
//! slot for slot (linear probing of 9 slots, then perturbation; growth at 60%
//! fill; dummies on delete), because a set's printed order *is* its table
//! order and programs print sets.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::args::Args;
use crate::error::PyResult;
use crate::objects::dict::simple_eq;
use crate::objects::function::NativeFn;
use crate::value::Value;
use crate::vm::Vm;

const MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

#[derive(Clone)]
enum Slot {
    Empty,
    Dummy,
    Active(i64, Value),
}

#[derive(Clone)]
pub struct SetTable {
    slots: Vec<Slot>,
    fill: usize,
    used: usize,
    finger: usize,
}

impl Default for SetTable {
    fn default() -> Self {
        SetTable {
            slots: vec![Slot::Empty; MIN_SIZE],
            fill: 0,
            used: 0,
            finger: 0,
        }
    }
}

impl SetTable {
    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    fn insert_clean(slots: &mut [Slot], hash: i64, key: Value) {
        let mask = slots.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            if matches!(slots[i], Slot::Empty) {
                slots[i] = Slot::Active(hash, key);
                return;
            }
            if i + LINEAR_PROBES <= mask {
                for j in 1..=LINEAR_PROBES {
                    if matches!(slots[i + j], Slot::Empty) {
                        slots[i + j] = Slot::Active(hash, key);
                        return;
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    fn resize(&mut self, minused: usize) {
        let mut newsize = MIN_SIZE;
        while newsize <= minused {
            newsize <<= 1;
        }
        let old = std::mem::replace(&mut self.slots, vec![Slot::Empty; newsize]);
        self.fill = self.used;
        for slot in old {
            if let Slot::Active(h, k) = slot {
                SetTable::insert_clean(&mut self.slots, h, k);
            }
        }
    }

    pub fn len(&self) -> usize {
        self.used
    }

    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// Items in table order: the order CPython iterates and prints.
    pub fn items(&self) -> Vec<Value> {
        self.slots
            .iter()
            .filter_map(|s| match s {
                Slot::Active(_, k) => Some(k.clone()),
                _ => None,
            })
            .collect()
    }

    pub fn entries(&self) -> Vec<(i64, Value)> {
        self.slots
            .iter()
            .filter_map(|s| match s {
                Slot::Active(h, k) => Some((*h, k.clone())),
                _ => None,
            })
            .collect()
    }

    /// The active entry at or after slot `pos`, for iteration.
    pub fn next_from(&self, pos: usize) -> Option<(usize, Value)> {
        (pos..self.slots.len()).find_map(|i| match &self.slots[i] {
            Slot::Active(_, k) => Some((i + 1, k.clone())),
            _ => None,
        })
    }
}

pub struct SetObject {
    pub table: RefCell<SetTable>,
    /// Cached frozenset hash (-1: not computed).
    hash: Cell<i64>,
}

impl Drop for SetObject {
    fn drop(&mut self) {
        crate::objects::trashcan::release(std::mem::take(self.table.get_mut()));
    }
}

/// What a probe found, or the candidate that needs Python `==`.
enum Probe {
    Found(usize),
    /// Not present: the first empty slot reached, and the first dummy seen.
    Missing {
        empty: usize,
        dummy: Option<usize>,
    },
    NeedsEq(usize, Value),
}

impl SetObject {
    pub fn new() -> Rc<SetObject> {
        Rc::new(SetObject {
            table: RefCell::new(SetTable::default()),
            hash: Cell::new(-1),
        })
    }

    pub fn from_table(table: SetTable) -> Rc<SetObject> {
        Rc::new(SetObject {
            table: RefCell::new(table),
            hash: Cell::new(-1),
        })
    }

    pub fn len(&self) -> usize {
        self.table.borrow().used
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn items(&self) -> Vec<Value> {
        self.table.borrow().items()
    }

    fn probe(&self, hash: i64, key: &Value, skip: usize) -> Probe {
        let t = self.table.borrow();
        let mask = t.mask();
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        let mut dummy = None;
        let mut skipped = 0;
        loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            for j in 0..=probes {
                match &t.slots[i + j] {
                    Slot::Empty => {
                        return Probe::Missing {
                            empty: i + j,
                            dummy,
                        }
                    }
                    Slot::Dummy => {
                        dummy.get_or_insert(i + j);
                    }
                    Slot::Active(h, k) if *h == hash => {
                        if k.is(key) {
                            return Probe::Found(i + j);
                        }
                        match simple_eq(k, key) {
                            Some(true) => return Probe::Found(i + j),
                            Some(false) => {}
                            None => {
                                if skipped == skip {
                                    return Probe::NeedsEq(i + j, k.clone());
                                }
                                skipped += 1;
                            }
                        }
                    }
                    Slot::Active(..) => {}
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    fn find(&self, vm: &mut Vm, hash: i64, key: &Value) -> PyResult<Probe> {
        let mut skip = 0;
        loop {
            match self.probe(hash, key, skip) {
                Probe::NeedsEq(slot, candidate) => {
                    if vm.eq(&candidate, key)? {
                        return Ok(Probe::Found(slot));
                    }
                    skip += 1;
                }
                other => return Ok(other),
            }
        }
    }

    pub fn contains(&self, vm: &mut Vm, key: &Value) -> PyResult<bool> {
        let hash = vm.hash(key)?;
        self.contains_hashed(vm, hash, key)
    }

    pub fn contains_hashed(&self, vm: &mut Vm, hash: i64, key: &Value) -> PyResult<bool> {
        Ok(matches!(self.find(vm, hash, key)?, Probe::Found(_)))
    }

    pub fn add(&self, vm: &mut Vm, key: Value) -> PyResult<()> {
        let hash = vm.hash(&key)?;
        self.add_hashed(vm, hash, key)
    }

    /// `set_add_entry`: reuse the first dummy on the probe path, else take the
    /// empty slot and grow when 60% full.
    pub fn add_hashed(&self, vm: &mut Vm, hash: i64, key: Value) -> PyResult<()> {
        match self.find(vm, hash, &key)? {
            Probe::Found(_) => Ok(()),
            Probe::Missing { empty, dummy } => {
                let mut t = self.table.borrow_mut();
                t.used += 1;
                if let Some(d) = dummy {
                    t.slots[d] = Slot::Active(hash, key);
                    return Ok(());
                }
                t.slots[empty] = Slot::Active(hash, key);
                t.fill += 1;
                let mask = t.mask();
                if t.fill * 5 >= mask * 3 {
                    let minused = if t.used > 50_000 {
                        t.used * 2
                    } else {
                        t.used * 4
                    };
                    t.resize(minused);
                }
                Ok(())
            }
            Probe::NeedsEq(..) => Ok(()),
        }
    }

    pub fn discard(&self, vm: &mut Vm, key: &Value) -> PyResult<bool> {
        let hash = vm.hash(key)?;
        if let Probe::Found(slot) = self.find(vm, hash, key)? {
            let mut t = self.table.borrow_mut();
            t.slots[slot] = Slot::Dummy;
            t.used -= 1;
            return Ok(true);
        }
        Ok(false)
    }

    pub fn clear(&self) {
        let old = std::mem::take(&mut *self.table.borrow_mut());
        drop(old);
    }

    /// `set_merge`: add every item of another set, with CPython's fast paths
    /// (they decide slot positions, hence iteration order).
    pub fn merge(&self, vm: &mut Vm, other: &SetObject) -> PyResult<()> {
        if std::ptr::eq(self, other) || other.is_empty() {
            return Ok(());
        }
        let src = other.table.borrow().clone();
        {
            let mut t = self.table.borrow_mut();
            if (t.fill + src.used) * 5 >= t.mask() * 3 {
                let n = (t.used + src.used) * 2;
                t.resize(n);
            }
            if t.fill == 0 && t.mask() == src.mask() && src.fill == src.used {
                t.slots = src.slots.clone();
                t.fill = src.fill;
                t.used = src.used;
                return Ok(());
            }
            if t.fill == 0 {
                t.fill = src.used;
                t.used = src.used;
                for (h, k) in src.entries() {
                    SetTable::insert_clean(&mut t.slots, h, k);
                }
                return Ok(());
            }
        }
        for (h, k) in src.entries() {
            self.add_hashed(vm, h, k)?;
        }
        Ok(())
    }

    /// `set_update_internal`: from a set, a dict (keys) or any iterable.
    pub fn update(&self, vm: &mut Vm, other: &Value) -> PyResult<()> {
        match other {
            Value::Set(o) | Value::FrozenSet(o) => self.merge(vm, o),
            Value::Dict(d) => {
                let n = d.len();
                {
                    let mut t = self.table.borrow_mut();
                    if (t.fill + n) * 5 >= t.mask() * 3 {
                        let m = (t.used + n) * 2;
                        t.resize(m);
                    }
                }
                for e in d.entries() {
                    self.add_hashed(vm, e.hash, e.key)?;
                }
                Ok(())
            }
            _ => {
                let it = vm.iter(other)?;
                while let Some(x) = vm.next(&it)? {
                    self.add(vm, x)?;
                }
                Ok(())
            }
        }
    }

    pub fn copy(&self, vm: &mut Vm) -> PyResult<Rc<SetObject>> {
        let s = SetObject::new();
        s.merge(vm, self)?;
        Ok(s)
    }

    pub fn pop(&self) -> Option<Value> {
        let mut t = self.table.borrow_mut();
        if t.used == 0 {
            return None;
        }
        let mask = t.mask();
        let mut i = t.finger & mask;
        while !matches!(t.slots[i], Slot::Active(..)) {
            i = if i >= mask { 0 } else { i + 1 };
        }
        let slot = std::mem::replace(&mut t.slots[i], Slot::Dummy);
        t.used -= 1;
        t.finger = i + 1;
        match slot {
            Slot::Active(_, k) => Some(k),
            _ => None,
        }
    }

    /// `hash(frozenset)`: order-independent mix of the entries' hashes.
    pub fn frozen_hash(&self) -> i64 {
        if self.hash.get() != -1 {
            return self.hash.get();
        }
        fn shuffle(h: u64) -> u64 {
            ((h ^ 89_869_747) ^ (h << 16)).wrapping_mul(3_644_798_167)
        }
        let t = self.table.borrow();
        let mut hash: u64 = 0;
        for (h, _) in t.entries() {
            hash ^= shuffle(h as u64);
        }
        hash ^= ((t.used as u64) + 1).wrapping_mul(1_927_868_237);
        hash ^= (hash >> 11) ^ (hash >> 25);
        hash = hash.wrapping_mul(69_069).wrapping_add(907_133_923);
        let h = if hash == u64::MAX {
            590_923_713
        } else {
            hash as i64
        };
        self.hash.set(h);
        h
    }
}

// ----- set algebra, in CPython's iteration orders -----

/// Make a set from any iterable (`make_new_set`).
pub fn set_from(vm: &mut Vm, iterable: &Value) -> PyResult<Rc<SetObject>> {
    let s = SetObject::new();
    s.update(vm, iterable)?;
    Ok(s)
}

fn as_set(vm: &mut Vm, v: &Value) -> PyResult<Rc<SetObject>> {
    match v {
        Value::Set(s) | Value::FrozenSet(s) => Ok(s.clone()),
        _ => set_from(vm, v),
    }
}

pub fn union(vm: &mut Vm, a: &SetObject, others: &[Value]) -> PyResult<Rc<SetObject>> {
    let r = a.copy(vm)?;
    for o in others {
        r.update(vm, o)?;
    }
    Ok(r)
}

pub fn intersection(vm: &mut Vm, a: &Rc<SetObject>, other: &Value) -> PyResult<Rc<SetObject>> {
    let result = SetObject::new();
    match other {
        Value::Set(b) | Value::FrozenSet(b) => {
            let (big, small) = if b.len() > a.len() { (b, a) } else { (a, b) };
            for (h, k) in small.table.borrow().clone().entries() {
                if big.contains_hashed(vm, h, &k)? {
                    result.add_hashed(vm, h, k)?;
                }
            }
        }
        _ => {
            let it = vm.iter(other)?;
            while let Some(k) = vm.next(&it)? {
                let h = vm.hash(&k)?;
                if a.contains_hashed(vm, h, &k)? {
                    result.add_hashed(vm, h, k)?;
                }
            }
        }
    }
    Ok(result)
}

pub fn difference(vm: &mut Vm, a: &Rc<SetObject>, other: &Value) -> PyResult<Rc<SetObject>> {
    let other_size = match other {
        Value::Set(b) | Value::FrozenSet(b) => Some(b.len()),
        Value::Dict(d) => Some(d.len()),
        _ => None,
    };
    match other_size {
        Some(n) if (a.len() >> 2) <= n => {
            let result = SetObject::new();
            for (h, k) in a.table.borrow().clone().entries() {
                let present = match other {
                    Value::Dict(d) => d.get_hashed(vm, h, &k)?.is_some(),
                    Value::Set(b) | Value::FrozenSet(b) => b.contains_hashed(vm, h, &k)?,
                    _ => false,
                };
                if !present {
                    result.add_hashed(vm, h, k)?;
                }
            }
            Ok(result)
        }
        _ => {
            let result = a.copy(vm)?;
            difference_update(vm, &result, other)?;
            Ok(result)
        }
    }
}

pub fn difference_update(vm: &mut Vm, a: &SetObject, other: &Value) -> PyResult<()> {
    if let Value::Set(b) | Value::FrozenSet(b) = other {
        if std::ptr::eq(a, &**b) {
            a.clear();
            return Ok(());
        }
    }
    let it = vm.iter(other)?;
    while let Some(k) = vm.next(&it)? {
        a.discard(vm, &k)?;
    }
    Ok(())
}

pub fn symmetric_difference_update(vm: &mut Vm, a: &SetObject, other: &Value) -> PyResult<()> {
    let b = as_set(vm, other)?;
    if std::ptr::eq(a, &*b) {
        a.clear();
        return Ok(());
    }
    for (h, k) in b.table.borrow().clone().entries() {
        if a.contains_hashed(vm, h, &k)? {
            a.discard(vm, &k)?;
        } else {
            a.add_hashed(vm, h, k)?;
        }
    }
    Ok(())
}

pub fn symmetric_difference(
    vm: &mut Vm,
    a: &Rc<SetObject>,
    other: &Value,
) -> PyResult<Rc<SetObject>> {
    let result = set_from(vm, other)?;
    symmetric_difference_update(vm, &result, &Value::Set(a.clone()))?;
    Ok(result)
}

pub fn is_subset(vm: &mut Vm, a: &SetObject, b: &SetObject) -> PyResult<bool> {
    if a.len() > b.len() {
        return Ok(false);
    }
    for (h, k) in a.table.borrow().clone().entries() {
        if !b.contains_hashed(vm, h, &k)? {
            return Ok(false);
        }
    }
    Ok(true)
}

// ----- methods -----

fn this(args: &Args) -> Rc<SetObject> {
    match &args.values[0] {
        Value::Set(s) | Value::FrozenSet(s) => s.clone(),
        _ => SetObject::new(),
    }
}

fn wrap_like(args: &Args, s: Rc<SetObject>) -> Value {
    match &args.values[0] {
        Value::FrozenSet(_) => Value::FrozenSet(s),
        _ => Value::Set(s),
    }
}

fn add(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(&args);
    let x = args.skip_self().one(vm, "add")?;
    s.add(vm, x.clone())?;
    Ok(Value::None)
}

fn clear(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "clear")?;
    this(&args).clear();
    Ok(Value::None)
}

fn copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "copy")?;
    if let Value::FrozenSet(_) = &args.values[0] {
        return Ok(args.values[0].clone());
    }
    let c = this(&args).copy(vm)?;
    Ok(Value::Set(c))
}

fn discard(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(&args);
    let x = args.skip_self().one(vm, "discard")?;
    s.discard(vm, x)?;
    Ok(Value::None)
}

fn remove(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(&args);
    let x = args.skip_self().one(vm, "remove")?;
    if !s.discard(vm, x)? {
        return Err(vm.key_error(x.clone()));
    }
    Ok(Value::None)
}

fn pop(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "pop")?;
    match this(&args).pop() {
        Some(v) => Ok(v),
        None => Err(vm.new_error("KeyError", "pop from an empty set")),
    }
}

fn union_m(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(&args);
    let a = args.skip_self();
    a.no_kwargs(vm, "union")?;
    let r = union(vm, &s, a.values)?;
    Ok(wrap_like(&args, r))
}

fn update_m(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(&args);
    let a = args.skip_self();
    a.no_kwargs(vm, "update")?;
    for o in a.values {
        s.update(vm, o)?;
    }
    Ok(Value::None)
}

fn intersection_m(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(&args);
    let a = args.skip_self();
    a.no_kwargs(vm, "intersection")?;
    let mut r = s.copy(vm)?;
    for o in a.values {
        r = intersection(vm, &r, o)?;
    }
    Ok(wrap_like(&args, r))
}

fn intersection_update_m(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(&args);
    let a = args.skip_self();
    let mut r = s.copy(vm)?;
    for o in a.values {
        r = intersection(vm, &r, o)?;
    }
    *s.table.borrow_mut() = r.table.borrow().clone();
    Ok(Value::None)
}

fn difference_m(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(&args);
    let a = args.skip_self();
    a.no_kwargs(vm, "difference")?;
    let mut r = s.copy(vm)?;
    for (i, o) in a.values.iter().enumerate() {
        r = if i == 0 {
            difference(vm, &s, o)?
        } else {
            difference(vm, &r, o)?
        };
    }
    Ok(wrap_like(&args, r))
}

fn difference_update_m(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(&args);
    for o in args.skip_self().values {
        difference_update(vm, &s, o)?;
    }
    Ok(Value::None)
}

fn symmetric_difference_m(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(&args);
    let o = args.skip_self().one(vm, "symmetric_difference")?;
    let r = symmetric_difference(vm, &s, o)?;
    Ok(wrap_like(&args, r))
}

fn symmetric_difference_update_m(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(&args);
    let o = args.skip_self().one(vm, "symmetric_difference_update")?;
    symmetric_difference_update(vm, &s, o)?;
    Ok(Value::None)
}

fn issubset_m(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(&args);
    let o = args.skip_self().one(vm, "issubset")?;
    let o = as_set(vm, o)?;
    Ok(Value::Bool(is_subset(vm, &s, &o)?))
}

fn issuperset_m(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(&args);
    let o = args.skip_self().one(vm, "issuperset")?;
    let o = as_set(vm, o)?;
    Ok(Value::Bool(is_subset(vm, &o, &s)?))
}

fn isdisjoint_m(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let s = this(&args);
    let o = args.skip_self().one(vm, "isdisjoint")?;
    let it = vm.iter(o)?;
    while let Some(k) = vm.next(&it)? {
        if s.contains(vm, &k)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

pub const FROZENSET_METHODS: &[(&str, NativeFn)] = &[
    ("copy", copy),
    ("difference", difference_m),
    ("intersection", intersection_m),
    ("isdisjoint", isdisjoint_m),
    ("issubset", issubset_m),
    ("issuperset", issuperset_m),
    ("symmetric_difference", symmetric_difference_m),
    ("union", union_m),
];

pub const SET_METHODS: &[(&str, NativeFn)] = &[
    ("add", add),
    ("clear", clear),
    ("copy", copy),
    ("difference", difference_m),
    ("difference_update", difference_update_m),
    ("discard", discard),
    ("intersection", intersection_m),
    ("intersection_update", intersection_update_m),
    ("isdisjoint", isdisjoint_m),
    ("issubset", issubset_m),
    ("issuperset", issuperset_m),
    ("pop", pop),
    ("remove", remove),
    ("symmetric_difference", symmetric_difference_m),
    ("symmetric_difference_update", symmetric_difference_update_m),
    ("union", union_m),
    ("update", update_m),
];
