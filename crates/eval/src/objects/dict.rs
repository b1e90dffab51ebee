//! `dict`: CPython's compact, insertion-ordered hash table — an index table of
//! slots pointing into a dense entry array — and the dict methods.
//!
//! Keys compare with Python `==`, which for user objects runs Python code that
//! may even mutate this dict; the lookup therefore never holds a borrow across
//! such a call and restarts if the table changed meanwhile (as CPython does).
//! `str` and `int` keys never need the VM.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::args::Args;
use crate::error::PyResult;
use crate::objects::function::NativeFn;
use crate::objects::StrObject;
use crate::value::Value;
use crate::vm::Vm;

const EMPTY: u32 = u32::MAX;
const DUMMY: u32 = u32::MAX - 1;
const MIN_SIZE: usize = 8;

#[derive(Clone)]
pub struct Entry {
    pub hash: i64,
    pub key: Value,
    pub value: Value,
}

#[derive(Default)]
pub struct DictTable {
    indices: Vec<u32>,
    entries: Vec<Option<Entry>>,
    used: usize,
}

pub struct DictObject {
    table: RefCell<DictTable>,
    /// Bumped on every structural change, so a lookup that ran Python code can
    /// tell that the table moved under it.
    version: Cell<u64>,
}

impl Drop for DictObject {
    fn drop(&mut self) {
        crate::objects::trashcan::release(std::mem::take(self.table.get_mut()));
    }
}

fn next_version() -> u64 {
    thread_local! {
        static NEXT: Cell<u64> = const { Cell::new(1) };
    }
    NEXT.with(|n| {
        let v = n.get();
        n.set(v + 1);
        v
    })
}

/// Equality that needs no VM: `Some(answer)` for built-in scalars and strings.
pub fn simple_eq(a: &Value, b: &Value) -> Option<bool> {
    use Value::*;
    Some(match (a, b) {
        (Str(x), Str(y)) => x.eq_str(y),
        (Int(x), Int(y)) => x == y,
        (Bool(x), Bool(y)) => x == y,
        (Int(x), Bool(y)) | (Bool(y), Int(x)) => *x == i64::from(*y),
        (Float(x), Float(y)) => x == y,
        (Int(x), Float(y)) | (Float(y), Int(x)) => crate::objects::float::int_float_eq(*x, *y),
        (None, None) => true,
        (BigInt(x), BigInt(y)) => x == y,
        (Bytes(x), Bytes(y)) => x.data.borrow()[..] == y.data.borrow()[..],
        (Str(_), Int(_) | Float(_) | Bool(_) | None | Bytes(_) | Tuple(_))
        | (Int(_) | Float(_) | Bool(_) | None | Bytes(_) | Tuple(_), Str(_)) => false,
        _ => return Option::None,
    })
}

enum Probe {
    Found(usize),
    /// Not present; the slot where it would go.
    Missing(usize),
    /// Python-level equality needed against the entry at this index.
    NeedsEq(usize, Value),
}

/// CPython's open-addressing probe sequence (`dictobject.c`): the index
/// slots to try for `hash`, in order, in a table of `mask + 1` slots.
#[inline]
fn probe_slots(hash: i64, mask: usize) -> impl Iterator<Item = usize> {
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    std::iter::once(i).chain(std::iter::from_fn(move || {
        perturb >>= 5;
        i = (i
            .wrapping_mul(5)
            .wrapping_add(perturb as usize)
            .wrapping_add(1))
            & mask;
        Some(i)
    }))
}

impl DictTable {
    fn mask(&self) -> usize {
        self.indices.len() - 1
    }

    /// Probe for `key`, skipping the first `skip` undecided candidates.
    fn probe(&self, hash: i64, key: &Value, skip: usize) -> Probe {
        if self.indices.is_empty() {
            return Probe::Missing(usize::MAX);
        }
        let mut free = None;
        let mut skipped = 0;
        for i in probe_slots(hash, self.mask()) {
            match self.indices[i] {
                EMPTY => return Probe::Missing(free.unwrap_or(i)),
                DUMMY => {
                    free.get_or_insert(i);
                }
                ix => {
                    if let Some(e) = &self.entries[ix as usize] {
                        if e.hash == hash {
                            if e.key.is(key) {
                                return Probe::Found(ix as usize);
                            }
                            match simple_eq(&e.key, key) {
                                Some(true) => return Probe::Found(ix as usize),
                                Some(false) => {}
                                None => {
                                    if skipped == skip {
                                        return Probe::NeedsEq(ix as usize, e.key.clone());
                                    }
                                    skipped += 1;
                                }
                            }
                        }
                    }
                }
            }
        }
        // The table always keeps an empty slot, so the probe never gets here.
        Probe::Missing(usize::MAX)
    }

    /// The entry index of a `str` key (compared as strings).
    fn find_str(&self, key: &StrObject) -> Option<usize> {
        if self.indices.is_empty() {
            return None;
        }
        let hash = key.hash();
        for i in probe_slots(hash, self.mask()) {
            match self.indices[i] {
                EMPTY => return None,
                DUMMY => {}
                ix => {
                    if let Some(e) = &self.entries[ix as usize] {
                        if e.hash == hash && matches!(&e.key, Value::Str(k) if k.eq_str(key)) {
                            return Some(ix as usize);
                        }
                    }
                }
            }
        }
        None
    }

    /// The first empty index slot on `hash`'s probe sequence.
    fn empty_slot(&self, hash: i64) -> usize {
        probe_slots(hash, self.mask())
            .find(|&i| self.indices[i] == EMPTY)
            .unwrap_or(0)
    }

    fn rebuild(&mut self, min_used: usize) {
        let mut size = MIN_SIZE;
        while size * 2 <= min_used * 3 {
            size <<= 1;
        }
        let entries: Vec<Option<Entry>> = std::mem::take(&mut self.entries)
            .into_iter()
            .filter(|e| e.is_some())
            .collect();
        self.indices = vec![EMPTY; size];
        for (ix, e) in entries.iter().enumerate() {
            let i = self.empty_slot(e.as_ref().map_or(0, |e| e.hash));
            self.indices[i] = ix as u32;
        }
        self.entries = entries;
    }

    fn insert_new(&mut self, slot: usize, hash: i64, key: Value, value: Value) {
        if self.indices.is_empty() || (self.entries.len() + 1) * 3 > self.indices.len() * 2 {
            self.rebuild(self.used + 1);
            // Re-find the slot in the new table.
            let i = self.empty_slot(hash);
            self.indices[i] = self.entries.len() as u32;
        } else {
            self.indices[slot] = self.entries.len() as u32;
        }
        self.entries.push(Some(Entry { hash, key, value }));
        self.used += 1;
    }

    fn remove_at(&mut self, ix: usize) -> Option<Entry> {
        let e = self.entries[ix].take()?;
        // Find the index slot pointing at ix and mark it deleted.
        let slot = probe_slots(e.hash, self.mask())
            .find(|&i| self.indices[i] == ix as u32 || self.indices[i] == EMPTY);
        if let Some(i) = slot.filter(|&i| self.indices[i] == ix as u32) {
            self.indices[i] = DUMMY;
        }
        self.used -= 1;
        Some(e)
    }
}

impl DictObject {
    pub fn new() -> Rc<DictObject> {
        Rc::new(DictObject {
            table: RefCell::new(DictTable::default()),
            version: Cell::new(next_version()),
        })
    }

    pub fn len(&self) -> usize {
        self.table.borrow().used
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Give the dict a version no dict has had before (CPython's
    /// `ma_version_tag`): a cache keyed by versions can never confuse two dicts
    /// or two states of one dict.
    fn bump(&self) {
        self.version.set(next_version());
    }

    pub fn version(&self) -> u64 {
        self.version.get()
    }

    /// Find `key`'s entry index, running Python `==` where needed.
    fn find(&self, vm: &mut Vm, hash: i64, key: &Value) -> PyResult<Result<usize, usize>> {
        'restart: loop {
            let mut skip = 0;
            loop {
                let probe = self.table.borrow().probe(hash, key, skip);
                match probe {
                    Probe::Found(ix) => return Ok(Ok(ix)),
                    Probe::Missing(slot) => return Ok(Err(slot)),
                    Probe::NeedsEq(ix, candidate) => {
                        let version = self.version.get();
                        let equal = vm.eq(&candidate, key)?;
                        if self.version.get() != version {
                            continue 'restart;
                        }
                        if equal {
                            return Ok(Ok(ix));
                        }
                        skip += 1;
                    }
                }
            }
        }
    }

    pub fn get(&self, vm: &mut Vm, key: &Value) -> PyResult<Option<Value>> {
        let hash = vm.hash(key)?;
        self.get_hashed(vm, hash, key)
    }

    pub fn get_hashed(&self, vm: &mut Vm, hash: i64, key: &Value) -> PyResult<Option<Value>> {
        Ok(match self.find(vm, hash, key)? {
            Ok(ix) => self.table.borrow().entries[ix]
                .as_ref()
                .map(|e| e.value.clone()),
            Err(_) => None,
        })
    }

    pub fn contains(&self, vm: &mut Vm, key: &Value) -> PyResult<bool> {
        Ok(self.get(vm, key)?.is_some())
    }

    pub fn set(&self, vm: &mut Vm, key: Value, value: Value) -> PyResult<()> {
        let hash = vm.hash(&key)?;
        self.set_hashed(vm, hash, key, value)
    }

    pub fn set_hashed(&self, vm: &mut Vm, hash: i64, key: Value, value: Value) -> PyResult<()> {
        match self.find(vm, hash, &key)? {
            Ok(ix) => {
                let old = {
                    let mut t = self.table.borrow_mut();
                    t.entries[ix]
                        .as_mut()
                        .map(|e| std::mem::replace(&mut e.value, value))
                };
                self.bump();
                drop(old);
            }
            Err(slot) => {
                self.table.borrow_mut().insert_new(slot, hash, key, value);
                self.bump();
            }
        }
        Ok(())
    }

    /// Look up a `str` key without the VM (names in namespaces).
    pub fn get_str(&self, key: &StrObject) -> Option<Value> {
        let t = self.table.borrow();
        let ix = t.find_str(key)?;
        t.entries[ix].as_ref().map(|e| e.value.clone())
    }

    /// `get_str` for the attribute caches: first tries the entry at `hint`
    /// (where this name was found last time, usually the same slot in every
    /// instance of a class), and records where the key was found.
    #[inline]
    pub fn get_str_hinted(&self, key: &Rc<StrObject>, hint: &Cell<u32>) -> Option<Value> {
        let t = self.table.borrow();
        if let Some(Some(e)) = t.entries.get(hint.get() as usize) {
            if matches!(&e.key, Value::Str(k) if Rc::ptr_eq(k, key)) {
                return Some(e.value.clone());
            }
        }
        let ix = t.find_str(key)?;
        hint.set(ix as u32);
        t.entries[ix].as_ref().map(|e| e.value.clone())
    }

    /// `set_str` for the attribute caches (see `get_str_hinted`).
    #[inline]
    pub fn set_str_hinted(&self, key: &Rc<StrObject>, value: Value, hint: &Cell<u32>) {
        let old = {
            let mut t = self.table.borrow_mut();
            match t.entries.get_mut(hint.get() as usize) {
                Some(Some(e)) if matches!(&e.key, Value::Str(k) if Rc::ptr_eq(k, key)) => {
                    std::mem::replace(&mut e.value, value)
                }
                _ => {
                    drop(t);
                    self.set_str(key.clone(), value);
                    if let Some(ix) = self.table.borrow().find_str(key) {
                        hint.set(ix as u32);
                    }
                    return;
                }
            }
        };
        self.bump();
        old.discard();
    }

    /// Set a `str` key without the VM.
    pub fn set_str(&self, key: Rc<StrObject>, value: Value) {
        let hash = key.hash();
        let key = Value::Str(key);
        let probe = self.table.borrow().probe(hash, &key, usize::MAX);
        match probe {
            Probe::Found(ix) => {
                let old = {
                    let mut t = self.table.borrow_mut();
                    t.entries[ix]
                        .as_mut()
                        .map(|e| std::mem::replace(&mut e.value, value))
                };
                self.bump();
                drop(old);
            }
            Probe::Missing(slot) | Probe::NeedsEq(slot, _) => {
                self.table.borrow_mut().insert_new(slot, hash, key, value);
                self.bump();
            }
        }
    }

    pub fn set_item_str(&self, key: &str, value: Value) {
        self.set_str(StrObject::new(key), value);
    }

    pub fn remove(&self, vm: &mut Vm, key: &Value) -> PyResult<Option<Value>> {
        let hash = vm.hash(key)?;
        match self.find(vm, hash, key)? {
            Ok(ix) => {
                let e = self.table.borrow_mut().remove_at(ix);
                self.bump();
                Ok(e.map(|e| e.value))
            }
            Err(_) => Ok(None),
        }
    }

    pub fn remove_str(&self, key: &StrObject) -> Option<Value> {
        let k = Value::Str(StrObject::from_pystr(key.data().clone()));
        let probe = self.table.borrow().probe(key.hash(), &k, usize::MAX);
        if let Probe::Found(ix) = probe {
            let e = self.table.borrow_mut().remove_at(ix);
            self.bump();
            return e.map(|e| e.value);
        }
        None
    }

    pub fn clear(&self) {
        let old = std::mem::take(&mut *self.table.borrow_mut());
        self.bump();
        drop(old);
    }

    /// The live entry at or after position `pos` of the entry array, and the
    /// position after it: the iteration protocol.
    pub fn next_entry(&self, pos: usize) -> Option<(usize, Entry)> {
        let t = self.table.borrow();
        let mut p = pos;
        while p < t.entries.len() {
            if let Some(e) = &t.entries[p] {
                return Some((p + 1, e.clone()));
            }
            p += 1;
        }
        None
    }

    pub fn entries(&self) -> Vec<Entry> {
        self.table
            .borrow()
            .entries
            .iter()
            .flatten()
            .cloned()
            .collect()
    }

    pub fn keys(&self) -> Vec<Value> {
        self.table
            .borrow()
            .entries
            .iter()
            .flatten()
            .map(|e| e.key.clone())
            .collect()
    }

    pub fn values(&self) -> Vec<Value> {
        self.table
            .borrow()
            .entries
            .iter()
            .flatten()
            .map(|e| e.value.clone())
            .collect()
    }

    pub fn pop_last(&self) -> Option<Entry> {
        let mut t = self.table.borrow_mut();
        let ix = t.entries.iter().rposition(|e| e.is_some())?;
        let e = t.remove_at(ix);
        // Trailing removed entries can go: keeps popitem() O(1) amortised.
        while matches!(t.entries.last(), Some(None)) {
            t.entries.pop();
        }
        drop(t);
        self.bump();
        e
    }

    pub fn copy(&self) -> Rc<DictObject> {
        let d = DictObject::new();
        {
            let src = self.table.borrow();
            let mut dst = d.table.borrow_mut();
            let live: Vec<Option<Entry>> = src
                .entries
                .iter()
                .filter(|e| e.is_some())
                .cloned()
                .collect();
            dst.entries = live;
            dst.used = src.used;
            dst.rebuild(src.used);
        }
        d
    }

    /// Insert every entry of `other` (no Python `==` needed for new keys'
    /// hashes, but equal keys still merge).
    pub fn update_from(&self, vm: &mut Vm, other: &DictObject) -> PyResult<()> {
        for e in other.entries() {
            self.set_hashed(vm, e.hash, e.key, e.value)?;
        }
        Ok(())
    }
}

fn this(args: &Args) -> Rc<DictObject> {
    match &args.values[0] {
        Value::Dict(d) => d.clone(),
        _ => DictObject::new(),
    }
}

fn get(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = this(&args);
    let a = args.skip_self().unpack(vm, "get", 1, 2)?;
    Ok(d.get(vm, &a[0])?
        .unwrap_or_else(|| a.get(1).cloned().unwrap_or_default()))
}

fn setdefault(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = this(&args);
    let a = args.skip_self().unpack(vm, "setdefault", 1, 2)?;
    if let Some(v) = d.get(vm, &a[0])? {
        return Ok(v);
    }
    let v = a.get(1).cloned().unwrap_or_default();
    d.set(vm, a[0].clone(), v.clone())?;
    Ok(v)
}

fn pop(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = this(&args);
    let a = args.skip_self().unpack(vm, "pop", 1, 2)?;
    match d.remove(vm, &a[0])? {
        Some(v) => Ok(v),
        None => match a.get(1) {
            Some(default) => Ok(default.clone()),
            None => Err(vm.key_error(a[0].clone())),
        },
    }
}

fn popitem(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = this(&args);
    args.skip_self().none(vm, "popitem")?;
    match d.pop_last() {
        Some(e) => Ok(Value::tuple(vec![e.key, e.value])),
        None => Err(vm.key_error(Value::str("popitem(): dictionary is empty"))),
    }
}

fn keys(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "keys")?;
    Ok(crate::objects::iter::dict_view(
        this(&args),
        crate::objects::iter::ViewKind::Keys,
    ))
}

fn values(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "values")?;
    Ok(crate::objects::iter::dict_view(
        this(&args),
        crate::objects::iter::ViewKind::Values,
    ))
}

fn items(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "items")?;
    Ok(crate::objects::iter::dict_view(
        this(&args),
        crate::objects::iter::ViewKind::Items,
    ))
}

fn clear(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "clear")?;
    this(&args).clear();
    Ok(Value::None)
}

fn copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.skip_self().none(vm, "copy")?;
    Ok(Value::Dict(this(&args).copy()))
}

/// `dict.update(other=(), **kw)` and the dict constructor's argument handling.
pub fn update_with(vm: &mut Vm, d: &DictObject, args: Args, name: &str) -> PyResult<()> {
    let pos = args.pos();
    if pos.len() > 1 {
        return Err(vm.type_error(format!(
            "{name} expected at most 1 argument, got {}",
            pos.len()
        )));
    }
    if let Some(src) = pos.first() {
        merge_from(vm, d, src, true)?;
    }
    for (k, v) in args.kwargs() {
        d.set(vm, Value::Str(k.clone()), v.clone())?;
    }
    Ok(())
}

/// Merge a mapping or an iterable of pairs into `d` (`dict.update` semantics).
pub fn merge_from(vm: &mut Vm, d: &DictObject, src: &Value, pairs_ok: bool) -> PyResult<()> {
    if let Value::Dict(other) = src {
        return d.update_from(vm, other);
    }
    // A dict subclass that keeps dict's iteration is merged directly, without
    // calling its `keys`/`__getitem__` (as `PyDict_Merge` does).
    if let Some(Value::Dict(other)) = crate::slots::instance_base(src) {
        let cls = vm.type_of(src).clone();
        if vm
            .class_special(&cls, crate::slots::Special::__iter__)
            .is_none()
        {
            return d.update_from(vm, &other);
        }
    }
    if let Some(keys) = vm.get_attr_opt(src, "keys")? {
        let keys = vm.call(&keys, &[])?;
        for k in vm.collect(&keys)? {
            let v = vm.get_item(src, &k)?;
            d.set(vm, k, v)?;
        }
        return Ok(());
    }
    if !pairs_ok {
        let t = vm.type_name(src);
        return Err(vm.type_error(format!("'{t}' object is not a mapping")));
    }
    for (i, item) in vm.collect(src)?.into_iter().enumerate() {
        let pair = match vm.collect(&item) {
            Ok(p) => p,
            Err(e) if vm.is_instance_of(&e, "TypeError") => {
                return Err(vm.type_error(format!(
                    "cannot convert dictionary update sequence element #{i} to a sequence"
                )));
            }
            Err(e) => return Err(e),
        };
        if pair.len() != 2 {
            return Err(vm.value_error(format!(
                "dictionary update sequence element #{i} has length {}; 2 is required",
                pair.len()
            )));
        }
        let mut it = pair.into_iter();
        let (k, v) = (it.next().unwrap_or_default(), it.next().unwrap_or_default());
        d.set(vm, k, v)?;
    }
    Ok(())
}

fn update(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let d = this(&args);
    update_with(vm, &d, args.skip_self(), "update")?;
    Ok(Value::None)
}

fn fromkeys(vm: &mut Vm, args: Args) -> PyResult<Value> {
    // Called on the class: args[0] is the type.
    let a = args.skip_self().unpack(vm, "fromkeys", 1, 2)?;
    let value = a.get(1).cloned().unwrap_or_default();
    // On a subclass, the result is an instance of it (filled by __setitem__).
    if let Some(Value::Type(cls)) = args.values.first() {
        if cls.heap {
            let target = vm.call(&args.values[0], &[])?;
            for k in vm.collect(&a[0])? {
                vm.set_item(&target, &k, value.clone())?;
            }
            return Ok(target);
        }
    }
    let d = DictObject::new();
    for k in vm.collect(&a[0])? {
        d.set(vm, k, value.clone())?;
    }
    Ok(Value::Dict(d))
}

pub const METHODS: &[(&str, NativeFn)] = &[
    ("clear", clear),
    ("copy", copy),
    ("get", get),
    ("items", items),
    ("keys", keys),
    ("pop", pop),
    ("popitem", popitem),
    ("setdefault", setdefault),
    ("update", update),
    ("values", values),
];

pub const CLASS_METHODS: &[(&str, NativeFn)] = &[("fromkeys", fromkeys)];
