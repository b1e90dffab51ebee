//! `_random`: the Mersenne Twister core under `pylib/random.py`, as
//! CPython's `Modules/_randommodule.c` defines it. The generator, the
//! seeding from an int (its absolute value as little-endian 32-bit words
//! fed to `init_by_array`), `random()`'s 53-bit construction and
//! `getrandbits` are the same, so a seed gives CPython's numbers.

use std::cell::RefCell;
use std::rc::Rc;

use num_bigint::{BigInt, Sign};
use num_traits::Signed;

use crate::args::Args;
use crate::error::PyResult;
use crate::objects::int::to_bigint;
use crate::objects::native;
use crate::objects::ModuleObject;
use crate::value::Value;
use crate::vm::Vm;

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// MT19937 state: 624 words and the position of the next one.
pub struct Mt19937 {
    mt: [u32; N],
    index: usize,
}

impl Mt19937 {
    fn new() -> Mt19937 {
        // An unseeded generator is all zeros, like CPython's tp_alloc'd one.
        Mt19937 {
            mt: [0; N],
            index: 0,
        }
    }

    fn init_genrand(&mut self, s: u32) {
        self.mt[0] = s;
        for i in 1..N {
            let prev = self.mt[i - 1];
            self.mt[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19_650_218);
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            let prev = self.mt[i - 1];
            self.mt[i] = (self.mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                self.mt[0] = self.mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = self.mt[i - 1];
            self.mt[i] = (self.mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                self.mt[0] = self.mt[N - 1];
                i = 1;
            }
        }
        // MSB is 1, assuring a non-zero initial array.
        self.mt[0] = 0x8000_0000;
    }

    fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            let mag = |y: u32| if y & 1 == 0 { 0 } else { MATRIX_A };
            for kk in 0..N - M {
                let y = (self.mt[kk] & UPPER_MASK) | (self.mt[kk + 1] & LOWER_MASK);
                self.mt[kk] = self.mt[kk + M] ^ (y >> 1) ^ mag(y);
            }
            for kk in N - M..N - 1 {
                let y = (self.mt[kk] & UPPER_MASK) | (self.mt[kk + 1] & LOWER_MASK);
                self.mt[kk] = self.mt[kk + M - N] ^ (y >> 1) ^ mag(y);
            }
            let y = (self.mt[N - 1] & UPPER_MASK) | (self.mt[0] & LOWER_MASK);
            self.mt[N - 1] = self.mt[M - 1] ^ (y >> 1) ^ mag(y);
            self.index = 0;
        }
        let mut y = self.mt[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// A float in [0, 1) from 53 random bits (`random_random`).
    pub fn next_f64(&mut self) -> f64 {
        let a = self.next_u32() >> 5;
        let b = self.next_u32() >> 6;
        (f64::from(a) * 67_108_864.0 + f64::from(b)) * (1.0 / 9_007_199_254_740_992.0)
    }
}

type State = RefCell<Box<Mt19937>>;

pub fn module(vm: &mut Vm) -> PyResult<Rc<ModuleObject>> {
    let cls = native::new_class(
        vm,
        "_random",
        "Random",
        native::ClassSpec {
            methods: &[
                ("seed", random_seed),
                ("random", random_random),
                ("getrandbits", random_getrandbits),
                ("getstate", random_getstate),
                ("setstate", random_setstate),
            ],
            statics: &[("__new__", random_new)],
            getters: &[],
        },
    );
    Ok(super::make_module(
        vm,
        "_random",
        "Module implements the Mersenne Twister random number generator.",
        &[],
        vec![("Random", Value::Type(cls))],
    ))
}

fn state<'a>(vm: &mut Vm, args: &Args<'a>, what: &str) -> PyResult<&'a State> {
    native::self_state::<State>(vm, args, what)
}

/// `Random(x)`: CPython 3.10 seeds in `__new__` (there is no `__init__`),
/// checking the arguments even for subclasses.
fn random_new(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let cls = native::new_target(vm, &args, "Random")?;
    if args.has_kwargs() && !cls.heap {
        return Err(vm.type_error("Random() takes no keyword arguments"));
    }
    let pos = &args.pos()[1..];
    if pos.len() > 1 {
        return Err(vm.type_error("Random() requires 0 or 1 argument"));
    }
    let obj = native::new_instance::<State>(cls, RefCell::new(Box::new(Mt19937::new())));
    let mut seed_args = vec![obj.clone()];
    seed_args.extend(pos.iter().cloned());
    random_seed(vm, Args::new(&seed_args))?;
    Ok(obj)
}

/// `seed(n)`: the absolute value of an int, the hash of anything else, or
/// fresh OS entropy for `None`.
fn random_seed(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let st = state(vm, &args, "seed")?;
    args.no_kwargs(vm, "seed")?;
    let arg = match args.values {
        [_] => Value::None,
        [_, a] => a.clone(),
        _ => {
            return Err(vm.type_error(format!(
                "seed expected at most 1 argument, got {}",
                args.values.len() - 1
            )))
        }
    };
    let n: BigInt = match &arg {
        Value::None => {
            let key = os_entropy();
            st.borrow_mut().init_by_array(&key);
            return Ok(Value::None);
        }
        v => match to_bigint(v) {
            Some(i) => i.abs(),
            None => {
                // The hash as a C size_t: negative hashes wrap around.
                let h = vm.hash(v)?;
                BigInt::from(h as u64)
            }
        },
    };
    let (_, mut key) = n.to_u32_digits();
    if key.is_empty() {
        key.push(0);
    }
    st.borrow_mut().init_by_array(&key);
    Ok(Value::None)
}

/// 624 words from the OS, or from the clock and process id if the OS has
/// no entropy source to offer.
fn os_entropy() -> Vec<u32> {
    use std::io::Read;
    let mut buf = vec![0u8; N * 4];
    let ok = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .is_ok();
    if !ok {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        return vec![t as u32, (t >> 32) as u32, std::process::id()];
    }
    buf.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

fn random_random(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let st = state(vm, &args, "random")?;
    if args.values.len() > 1 {
        return Err(vm.type_error(format!(
            "Random.random() takes no arguments ({} given)",
            args.values.len() - 1
        )));
    }
    let r = st.borrow_mut().next_f64();
    Ok(Value::Float(r))
}

fn random_getrandbits(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let st = state(vm, &args, "getrandbits")?;
    let [_, k] = args.values else {
        return Err(vm.type_error(format!(
            "getrandbits() takes exactly one argument ({} given)",
            args.values.len().saturating_sub(1)
        )));
    };
    let k = vm.index_value(k)?;
    if i32::try_from(k).is_err() {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    }
    if k < 0 {
        return Err(vm.value_error("number of bits must be non-negative"));
    }
    if k == 0 {
        return Ok(Value::Int(0));
    }
    let mut mt = st.borrow_mut();
    if k <= 32 {
        return Ok(Value::Int(i64::from(mt.next_u32() >> (32 - k))));
    }
    // Fill little-endian 32-bit words; the last one keeps its top bits.
    let mut words = Vec::with_capacity(((k - 1) / 32 + 1) as usize);
    let mut left = k;
    while left > 0 {
        let mut r = mt.next_u32();
        if left < 32 {
            r >>= 32 - left;
        }
        words.push(r);
        left -= 32;
    }
    Ok(Value::from_bigint(BigInt::from_slice(Sign::Plus, &words)))
}

fn random_getstate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let st = state(vm, &args, "getstate")?;
    let mt = st.borrow();
    let mut items: Vec<Value> = mt.mt.iter().map(|w| Value::Int(i64::from(*w))).collect();
    items.push(Value::Int(mt.index as i64));
    Ok(Value::tuple(items))
}

fn random_setstate(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let st = state(vm, &args, "setstate")?;
    let [_, s] = args.values else {
        return Err(vm.type_error("setstate() takes exactly one argument"));
    };
    let Value::Tuple(t) = s else {
        return Err(vm.type_error("state vector must be a tuple"));
    };
    if t.items.len() != N + 1 {
        return Err(vm.value_error("state vector is the wrong size"));
    }
    let mut words = [0u32; N];
    for (w, v) in words.iter_mut().zip(t.items.iter()) {
        *w = to_c_ulong(vm, v)? as u32;
    }
    let index = to_c_long(vm, &t.items[N])?;
    if !(0..=N as i64).contains(&index) {
        return Err(vm.value_error("invalid state"));
    }
    let mut mt = st.borrow_mut();
    mt.mt = words;
    mt.index = index as usize;
    Ok(Value::None)
}

/// `PyLong_AsUnsignedLong`.
fn to_c_ulong(vm: &mut Vm, v: &Value) -> PyResult<u64> {
    let Some(i) = to_bigint(v) else {
        let t = vm.type_name(v);
        return Err(vm.type_error(format!("an integer is required (got type {t})")));
    };
    if i.is_negative() {
        return Err(vm.overflow_error("can't convert negative value to unsigned int"));
    }
    u64::try_from(&i)
        .map_err(|_| vm.overflow_error("Python int too large to convert to C unsigned long"))
}

/// `PyLong_AsLong`.
fn to_c_long(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    let Some(i) = to_bigint(v) else {
        let t = vm.type_name(v);
        return Err(vm.type_error(format!("an integer is required (got type {t})")));
    };
    i64::try_from(&i).map_err(|_| vm.overflow_error("Python int too large to convert to C long"))
}
