//! `Value`: what the value stack, locals, containers and arguments hold.
//!
//! Sixteen bytes: a tag plus either an unboxed scalar (None, bools, ints that
//! fit in 64 bits, floats) or one `Rc` to a heap object of a known kind. Small
//! ints and floats therefore cost no allocation and no refcount traffic, and
//! matching on the tag is the type dispatch for every built-in type.

use std::mem::MaybeUninit;
use std::rc::Rc;

use num_bigint::BigInt;

use crate::objects::native::NativePayload;
use crate::objects::{
    AwaitableObject, BoundMethod, BuiltinFunction, BytesObject, CellObject, CodeObject,
    DescriptorObject, DictObject, ExceptionObject, FileObject, FrameObject, FunctionObject,
    GeneratorObject, InstanceObject, IteratorObject, ListObject, ModuleObject, RangeObject,
    SetObject, SliceObject, StrObject, SuperObject, TracebackObject, TupleObject, TypeObject,
};

// `repr(u64)`: the tag is a whole word and every payload (a `bool` too)
// starts at byte 8, so a `Value` moves as two 8-byte words. With the default
// layout a `Bool` sits at byte 1 and LLVM copies a `Value` as a tag byte, 7
// bytes in two overlapping loads and a word: loads spanning several earlier
// stores, which defeat store-to-load forwarding and stalled `Vm::next` and
// the eval loop (spectral_norm: measured in the commit that added this).
#[repr(u64)]
pub enum Value {
    None,
    NotImplemented,
    Ellipsis,
    Bool(bool),
    /// An int in i64 range; anything larger is `BigInt`, never both.
    Int(i64),
    Float(f64),
    BigInt(Rc<BigInt>),
    Complex(Rc<(f64, f64)>),
    Str(Rc<StrObject>),
    Bytes(Rc<BytesObject>),
    ByteArray(Rc<BytesObject>),
    Tuple(Rc<TupleObject>),
    List(Rc<ListObject>),
    Dict(Rc<DictObject>),
    Set(Rc<SetObject>),
    FrozenSet(Rc<SetObject>),
    Range(Rc<RangeObject>),
    Slice(Rc<SliceObject>),
    Function(Rc<FunctionObject>),
    Builtin(Rc<BuiltinFunction>),
    Method(Rc<BoundMethod>),
    Cell(Rc<CellObject>),
    Code(Rc<CodeObject>),
    Module(Rc<ModuleObject>),
    Type(Rc<TypeObject>),
    Exception(Rc<ExceptionObject>),
    Iterator(Rc<IteratorObject>),
    /// Generators, coroutines and async generators.
    Generator(Rc<GeneratorObject>),
    /// `coroutine_wrapper`, `async_generator_asend`, `async_generator_athrow`.
    Awaitable(Rc<AwaitableObject>),
    /// A generator's frame as Python sees it (`gi_frame`).
    Frame(Rc<FrameObject>),
    /// An instance of a class.
    Instance(Rc<InstanceObject>),
    /// `staticmethod`, `classmethod` and `property` objects.
    Descriptor(Rc<DescriptorObject>),
    Super(Rc<SuperObject>),
    Traceback(Rc<TracebackObject>),
    File(Rc<FileObject>),
    /// The Rust state of an instance of a native class (`deque`, a compiled
    /// regular expression...). Never on the value stack: it is the `base` of
    /// the `Instance` that Python code sees (see `objects/native.rs`).
    Native(Rc<NativePayload>),
}

impl Clone for Value {
    /// Inlined: the eval loop clones on every load, and most clones are of
    /// unboxed values that need no refcount change.
    #[inline(always)]
    fn clone(&self) -> Value {
        if self.is_unboxed() {
            // SAFETY: the unboxed variants (`is_unboxed`) hold only `Copy`
            // data (nothing, a bool, an i64 or an f64) and own no resource,
            // so a bitwise copy is a complete clone that duplicates no
            // ownership. Measured: a variant-by-variant match compiled to a
            // jump table, one extra indirect branch on every LOAD_FAST and
            // LOAD_CONST (see the commit message for the figures).
            return unsafe { std::ptr::read(self) };
        }
        self.clone_heap()
    }
}

// The eval loop's value stack moves values as two words (`push_value`,
// `pop_value`). Moved whole, a value built in two registers was spilled as
// two words and reloaded with one 16-byte load, and a slot written as two
// words was popped with one 16-byte load: store-to-load forwarding serves
// neither, and those stalls were the loop's hottest instructions in perf
// profiles (best of 5, same .pyc: fannkuch 2.49 -> 2.09 s, spectral_norm
// 1.65 -> 1.44 s, exceptions_loop 2.47 -> 2.19 s, float_nbody 0.98 ->
// 0.88 s). Cloning through `read_words` too was slower (fannkuch 2.74 s):
// locals are stored whole. The accesses are volatile because LLVM otherwise
// merges the two words of a memory-to-memory move back into one 16-byte
// load (float_nbody 0.79 -> 0.66 s with volatile).
impl Value {
    /// `src.read()` as two word loads.
    ///
    /// # Safety
    /// As `ptr::read`: `src` points to an initialised `Value`, which the
    /// caller then treats as moved out (or which holds only `Copy` data).
    #[inline(always)]
    pub(crate) unsafe fn read_words(src: *const Value) -> Value {
        // SAFETY: `Value` is `repr(u64)`, 16 bytes with alignment 8: two
        // aligned words (valid for volatile access), some of whose bytes (a `Bool`'s padding) may be
        // uninitialised, which `MaybeUninit<u64>` may hold. The words are the
        // bytes of an initialised `Value`, so reassembling them gives it back.
        let src = src.cast::<MaybeUninit<u64>>();
        let words = [src.read_volatile(), src.add(1).read_volatile()];
        std::mem::transmute::<[MaybeUninit<u64>; 2], Value>(words)
    }

    /// `dst.write(v)` as two word stores.
    ///
    /// # Safety
    /// As `ptr::write`: `dst` is valid for writing a `Value`.
    #[inline(always)]
    pub(crate) unsafe fn write_words(dst: *mut Value, v: Value) {
        // SAFETY: as in `read_words`; `v` is moved, not dropped, so its
        // ownership passes to `dst` exactly as with `ptr::write`.
        let words: [MaybeUninit<u64>; 2] = std::mem::transmute(v);
        let dst = dst.cast::<MaybeUninit<u64>>();
        dst.write_volatile(words[0]);
        dst.add(1).write_volatile(words[1]);
    }

    #[inline(never)]
    fn clone_heap(&self) -> Value {
        use Value::*;
        match self {
            BigInt(r) => BigInt(r.clone()),
            Complex(r) => Complex(r.clone()),
            Str(r) => Str(r.clone()),
            Bytes(r) => Bytes(r.clone()),
            ByteArray(r) => ByteArray(r.clone()),
            Tuple(r) => Tuple(r.clone()),
            List(r) => List(r.clone()),
            Dict(r) => Dict(r.clone()),
            Set(r) => Set(r.clone()),
            FrozenSet(r) => FrozenSet(r.clone()),
            Range(r) => Range(r.clone()),
            Slice(r) => Slice(r.clone()),
            Function(r) => Function(r.clone()),
            Builtin(r) => Builtin(r.clone()),
            Method(r) => Method(r.clone()),
            Cell(r) => Cell(r.clone()),
            Code(r) => Code(r.clone()),
            Module(r) => Module(r.clone()),
            Type(r) => Type(r.clone()),
            Exception(r) => Exception(r.clone()),
            Iterator(r) => Iterator(r.clone()),
            Generator(r) => Generator(r.clone()),
            Awaitable(r) => Awaitable(r.clone()),
            Frame(r) => Frame(r.clone()),
            Instance(r) => Instance(r.clone()),
            Descriptor(r) => Descriptor(r.clone()),
            Super(r) => Super(r.clone()),
            Traceback(r) => Traceback(r.clone()),
            File(r) => File(r.clone()),
            Native(r) => Native(r.clone()),
            None => None,
            NotImplemented => NotImplemented,
            Ellipsis => Ellipsis,
            Bool(b) => Bool(*b),
            Int(i) => Int(*i),
            Float(f) => Float(*f),
        }
    }

    /// Whether the value owns no heap object (so dropping it is a no-op).
    #[inline(always)]
    pub fn is_unboxed(&self) -> bool {
        matches!(
            self,
            Value::None
                | Value::NotImplemented
                | Value::Ellipsis
                | Value::Bool(_)
                | Value::Int(_)
                | Value::Float(_)
        )
    }

    /// Drop a value, skipping the drop glue (a jump table over every variant)
    /// when it is unboxed and owns nothing: for the eval loop's pops.
    #[inline(always)]
    pub fn discard(self) {
        if self.is_unboxed() {
            std::mem::forget(self);
        } else {
            drop(self);
        }
    }

    /// Build an int value, choosing the unboxed form when it fits.
    pub fn from_bigint(b: BigInt) -> Value {
        match i64::try_from(&b) {
            Ok(i) => Value::Int(i),
            Err(_) => Value::BigInt(Rc::new(b)),
        }
    }

    pub fn str(s: &str) -> Value {
        Value::Str(StrObject::new(s))
    }

    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// `a is b`: same object, or the same unboxed scalar. Small ints and floats
    /// are compared by value, as CPython's small-int cache makes them appear.
    pub fn is(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (None, None) | (NotImplemented, NotImplemented) | (Ellipsis, Ellipsis) => true,
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (Float(a), Float(b)) => a.to_bits() == b.to_bits(),
            _ => match (self.heap_ptr(), other.heap_ptr()) {
                (Some(a), Some(b)) => a == b,
                _ => false,
            },
        }
    }

    /// The address of the heap object, if any (for `is` and `id`).
    pub fn heap_ptr(&self) -> Option<usize> {
        use Value::*;
        Some(match self {
            BigInt(r) => Rc::as_ptr(r) as usize,
            Complex(r) => Rc::as_ptr(r) as usize,
            Str(r) => Rc::as_ptr(r) as usize,
            Bytes(r) | ByteArray(r) => Rc::as_ptr(r) as usize,
            Tuple(r) => Rc::as_ptr(r) as usize,
            List(r) => Rc::as_ptr(r) as usize,
            Dict(r) => Rc::as_ptr(r) as usize,
            Set(r) | FrozenSet(r) => Rc::as_ptr(r) as usize,
            Range(r) => Rc::as_ptr(r) as usize,
            Slice(r) => Rc::as_ptr(r) as usize,
            Function(r) => Rc::as_ptr(r) as usize,
            Builtin(r) => Rc::as_ptr(r) as usize,
            Method(r) => Rc::as_ptr(r) as usize,
            Cell(r) => Rc::as_ptr(r) as usize,
            Code(r) => Rc::as_ptr(r) as usize,
            Module(r) => Rc::as_ptr(r) as usize,
            Type(r) => Rc::as_ptr(r) as usize,
            Exception(r) => Rc::as_ptr(r) as usize,
            Iterator(r) => Rc::as_ptr(r) as usize,
            Generator(r) => Rc::as_ptr(r) as usize,
            Awaitable(r) => Rc::as_ptr(r) as usize,
            Frame(r) => Rc::as_ptr(r) as usize,
            Instance(r) => Rc::as_ptr(r) as usize,
            Descriptor(r) => Rc::as_ptr(r) as usize,
            Super(r) => Rc::as_ptr(r) as usize,
            Traceback(r) => Rc::as_ptr(r) as usize,
            File(r) => Rc::as_ptr(r) as usize,
            Native(r) => Rc::as_ptr(r) as usize,
            None | NotImplemented | Ellipsis | Bool(_) | Int(_) | Float(_) => return Option::None,
        })
    }

    /// References to the heap object (`sys.getrefcount` minus one);
    /// unboxed values are immortal and report a large count.
    pub fn ref_count(&self) -> usize {
        use Value::*;
        match self {
            BigInt(r) => Rc::strong_count(r),
            Complex(r) => Rc::strong_count(r),
            Str(r) => Rc::strong_count(r),
            Bytes(r) | ByteArray(r) => Rc::strong_count(r),
            Tuple(r) => Rc::strong_count(r),
            List(r) => Rc::strong_count(r),
            Dict(r) => Rc::strong_count(r),
            Set(r) | FrozenSet(r) => Rc::strong_count(r),
            Range(r) => Rc::strong_count(r),
            Slice(r) => Rc::strong_count(r),
            Function(r) => Rc::strong_count(r),
            Builtin(r) => Rc::strong_count(r),
            Method(r) => Rc::strong_count(r),
            Cell(r) => Rc::strong_count(r),
            Code(r) => Rc::strong_count(r),
            Module(r) => Rc::strong_count(r),
            Type(r) => Rc::strong_count(r),
            Exception(r) => Rc::strong_count(r),
            Iterator(r) => Rc::strong_count(r),
            Generator(r) => Rc::strong_count(r),
            Awaitable(r) => Rc::strong_count(r),
            Frame(r) => Rc::strong_count(r),
            Instance(r) => Rc::strong_count(r),
            Descriptor(r) => Rc::strong_count(r),
            Super(r) => Rc::strong_count(r),
            Traceback(r) => Rc::strong_count(r),
            File(r) => Rc::strong_count(r),
            Native(r) => Rc::strong_count(r),
            None | NotImplemented | Ellipsis | Bool(_) | Int(_) | Float(_) => 1 << 30,
        }
    }

    pub fn as_str(&self) -> Option<&Rc<StrObject>> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(TupleObject::new(items))
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(ListObject::new(items))
    }
}

/// `None`. `unwrap_or_default()` builds it only when needed: the eager
/// `unwrap_or(Value::None)` made every pop of the eval loop call the drop
/// glue on the unused default.
impl Default for Value {
    #[inline(always)]
    fn default() -> Value {
        Value::None
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Int(i)
    }
}

impl From<usize> for Value {
    fn from(i: usize) -> Value {
        match i64::try_from(i) {
            Ok(i) => Value::Int(i),
            Err(_) => Value::from_bigint(BigInt::from(i)),
        }
    }
}

impl From<f64> for Value {
    fn from(f: f64) -> Value {
        Value::Float(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_is_sixteen_bytes() {
        // Every push, pop and local access moves these; keep them two words.
        assert_eq!(std::mem::size_of::<Value>(), 16);
        assert_eq!(std::mem::size_of::<Option<Value>>(), 16);
    }
}
