//! `_sha512`: SHA-512 and SHA-384 (FIPS 180-4), as CPython's module of the
//! same name provides them. `random.seed(str)` hashes its seed with it.

use std::cell::RefCell;
use std::rc::Rc;

use crate::args::Args;
use crate::error::PyResult;
use crate::objects::native;
use crate::objects::ModuleObject;
use crate::value::Value;
use crate::vm::Vm;

const K: [u64; 80] = [
    0x428a2f98d728ae22,
    0x7137449123ef65cd,
    0xb5c0fbcfec4d3b2f,
    0xe9b5dba58189dbbc,
    0x3956c25bf348b538,
    0x59f111f1b605d019,
    0x923f82a4af194f9b,
    0xab1c5ed5da6d8118,
    0xd807aa98a3030242,
    0x12835b0145706fbe,
    0x243185be4ee4b28c,
    0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f,
    0x80deb1fe3b1696b1,
    0x9bdc06a725c71235,
    0xc19bf174cf692694,
    0xe49b69c19ef14ad2,
    0xefbe4786384f25e3,
    0x0fc19dc68b8cd5b5,
    0x240ca1cc77ac9c65,
    0x2de92c6f592b0275,
    0x4a7484aa6ea6e483,
    0x5cb0a9dcbd41fbd4,
    0x76f988da831153b5,
    0x983e5152ee66dfab,
    0xa831c66d2db43210,
    0xb00327c898fb213f,
    0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2,
    0xd5a79147930aa725,
    0x06ca6351e003826f,
    0x142929670a0e6e70,
    0x27b70a8546d22ffc,
    0x2e1b21385c26c926,
    0x4d2c6dfc5ac42aed,
    0x53380d139d95b3df,
    0x650a73548baf63de,
    0x766a0abb3c77b2a8,
    0x81c2c92e47edaee6,
    0x92722c851482353b,
    0xa2bfe8a14cf10364,
    0xa81a664bbc423001,
    0xc24b8b70d0f89791,
    0xc76c51a30654be30,
    0xd192e819d6ef5218,
    0xd69906245565a910,
    0xf40e35855771202a,
    0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8,
    0x1e376c085141ab53,
    0x2748774cdf8eeb99,
    0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63,
    0x4ed8aa4ae3418acb,
    0x5b9cca4f7763e373,
    0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc,
    0x78a5636f43172f60,
    0x84c87814a1f0ab72,
    0x8cc702081a6439ec,
    0x90befffa23631e28,
    0xa4506cebde82bde9,
    0xbef9a3f7b2c67915,
    0xc67178f2e372532b,
    0xca273eceea26619c,
    0xd186b8c721c0c207,
    0xeada7dd6cde0eb1e,
    0xf57d4f7fee6ed178,
    0x06f067aa72176fba,
    0x0a637dc5a2c898a6,
    0x113f9804bef90dae,
    0x1b710b35131c471b,
    0x28db77f523047d84,
    0x32caab7b40c72493,
    0x3c9ebe0a15c9bebc,
    0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6,
    0x597f299cfc657e2a,
    0x5fcb6fab3ad6faec,
    0x6c44198c4a475817,
];

const IV_512: [u64; 8] = [
    0x6a09e667f3bcc908,
    0xbb67ae8584caa73b,
    0x3c6ef372fe94f82b,
    0xa54ff53a5f1d36f1,
    0x510e527fade682d1,
    0x9b05688c2b3e6c1f,
    0x1f83d9abfb41bd6b,
    0x5be0cd19137e2179,
];

const IV_384: [u64; 8] = [
    0xcbbb9d5dc1059ed8,
    0x629a292a367cd507,
    0x9159015a3070dd17,
    0x152fecd8f70e5939,
    0x67332667ffc00b31,
    0x8eb44a8768581511,
    0xdb0c2e0d64f98fa7,
    0x47b5481dbefa4fa4,
];

/// A running hash: state, the unprocessed tail and the total length.
#[derive(Clone)]
pub struct Sha512 {
    h: [u64; 8],
    buf: Vec<u8>,
    len: u128,
    digest_size: usize,
}

impl Sha512 {
    pub fn new(digest_size: usize) -> Sha512 {
        Sha512 {
            h: if digest_size == 48 { IV_384 } else { IV_512 },
            buf: Vec::with_capacity(128),
            len: 0,
            digest_size,
        }
    }

    pub fn update(&mut self, mut data: &[u8]) {
        self.len += data.len() as u128;
        if !self.buf.is_empty() {
            let take = (128 - self.buf.len()).min(data.len());
            self.buf.extend_from_slice(&data[..take]);
            data = &data[take..];
            if self.buf.len() == 128 {
                let block = std::mem::take(&mut self.buf);
                self.compress(&block);
                self.buf = block;
                self.buf.clear();
            }
        }
        let mut chunks = data.chunks_exact(128);
        for block in &mut chunks {
            self.compress(block);
        }
        self.buf.extend_from_slice(chunks.remainder());
    }

    pub fn digest(&self) -> Vec<u8> {
        let mut tail = self.clone();
        let bit_len = self.len.wrapping_mul(8);
        let mut pad = vec![0x80u8];
        let used = (self.len % 128) as usize;
        let zeros = if used < 112 { 111 - used } else { 239 - used };
        pad.extend(std::iter::repeat_n(0u8, zeros));
        pad.extend_from_slice(&bit_len.to_be_bytes());
        tail.update(&pad);
        tail.h
            .iter()
            .flat_map(|w| w.to_be_bytes())
            .take(self.digest_size)
            .collect()
    }

    fn compress(&mut self, block: &[u8]) {
        let mut w = [0u64; 80];
        for (i, c) in block.chunks_exact(8).enumerate() {
            w[i] = u64::from_be_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        }
        for i in 16..80 {
            let s0 = w[i - 15].rotate_right(1) ^ w[i - 15].rotate_right(8) ^ (w[i - 15] >> 7);
            let s1 = w[i - 2].rotate_right(19) ^ w[i - 2].rotate_right(61) ^ (w[i - 2] >> 6);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = self.h;
        for i in 0..80 {
            let s1 = e.rotate_right(14) ^ e.rotate_right(18) ^ e.rotate_right(41);
            let ch = (e & f) ^ (!e & g);
            let t1 = h
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(28) ^ a.rotate_right(34) ^ a.rotate_right(39);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            h = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (s, v) in self.h.iter_mut().zip([a, b, c, d, e, f, g, h]) {
            *s = s.wrapping_add(v);
        }
    }
}

type State = RefCell<Sha512>;

const METHODS: &[(&str, crate::objects::function::NativeFn)] = &[
    ("update", sha_update),
    ("digest", sha_digest),
    ("hexdigest", sha_hexdigest),
    ("copy", sha_copy),
];

const GETTERS: &[(&str, crate::objects::function::NativeFn)] = &[
    ("name", sha_name),
    ("digest_size", sha_digest_size),
    ("block_size", sha_block_size),
];

pub fn module(vm: &mut Vm) -> PyResult<Rc<ModuleObject>> {
    let spec = |statics| native::ClassSpec {
        methods: METHODS,
        statics,
        getters: GETTERS,
    };
    let sha512 = native::new_class(vm, "_sha512", "sha512", spec(&[("__new__", new_sha512)]));
    let sha384 = native::new_class(vm, "_sha512", "sha384", spec(&[("__new__", new_sha384)]));
    Ok(super::make_module(
        vm,
        "_sha512",
        "",
        &[],
        vec![
            ("sha512", Value::Type(sha512)),
            ("sha384", Value::Type(sha384)),
        ],
    ))
}

fn construct(vm: &mut Vm, args: Args, digest_size: usize, name: &str) -> PyResult<Value> {
    let cls = native::new_target(vm, &args, name)?;
    let rest = Args::with_kwargs(&args.values[1..], args.kwnames);
    let [data, _usedforsecurity] = rest.bind(vm, name, ["string", "usedforsecurity"], 0, 0)?;
    let mut h = Sha512::new(digest_size);
    if let Some(d) = data {
        h.update(&bytes_arg(vm, &d)?);
    }
    Ok(native::new_instance::<State>(cls, RefCell::new(h)))
}

fn new_sha512(vm: &mut Vm, args: Args) -> PyResult<Value> {
    construct(vm, args, 64, "sha512")
}

fn new_sha384(vm: &mut Vm, args: Args) -> PyResult<Value> {
    construct(vm, args, 48, "sha384")
}

/// Hashing takes bytes-like objects only: "Strings must be encoded before hashing".
fn bytes_arg(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    match v {
        Value::Bytes(b) | Value::ByteArray(b) => Ok(b.to_vec()),
        Value::Str(_) => Err(vm.type_error("Strings must be encoded before hashing")),
        _ => {
            let t = vm.type_name(v);
            Err(vm.type_error(format!(
                "object supporting the buffer API required (got '{t}')"
            )))
        }
    }
}

fn sha_update(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let st = native::self_state::<State>(vm, &args, "update")?;
    let [_, data] = args.values else {
        return Err(vm.type_error("update() takes exactly one argument"));
    };
    let data = bytes_arg(vm, data)?;
    st.borrow_mut().update(&data);
    Ok(Value::None)
}

fn sha_digest(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let st = native::self_state::<State>(vm, &args, "digest")?;
    Ok(Value::Bytes(crate::objects::BytesObject::new(
        st.borrow().digest(),
    )))
}

fn sha_hexdigest(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let st = native::self_state::<State>(vm, &args, "hexdigest")?;
    let hex: String = st
        .borrow()
        .digest()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(Value::str(&hex))
}

fn sha_copy(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let st = native::self_state::<State>(vm, &args, "copy")?;
    let cls = vm.type_of(&args.values[0]).clone();
    let copy = st.borrow().clone();
    Ok(native::new_instance::<State>(cls, RefCell::new(copy)))
}

fn digest_size(vm: &mut Vm, args: &Args) -> PyResult<usize> {
    Ok(native::self_state::<State>(vm, args, "digest_size")?
        .borrow()
        .digest_size)
}

fn sha_name(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let size = digest_size(vm, &args)?;
    Ok(Value::str(if size == 48 { "sha384" } else { "sha512" }))
}

fn sha_digest_size(vm: &mut Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Int(digest_size(vm, &args)? as i64))
}

fn sha_block_size(_vm: &mut Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Int(128))
}
