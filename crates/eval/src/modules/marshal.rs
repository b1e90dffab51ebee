//! `marshal`: `loads`/`load` through the loader's reader (the same code
//! that reads `.pyc` files) and `dumps`/`dump` of the value types it reads.
//! `dumps` follows CPython's `w_ref`: an object referenced from elsewhere
//! is flagged so a second occurrence is written as a back-reference. pyvm
//! knows the reference counts of heap objects; unboxed numbers are treated
//! as shared (as literals are in CPython), so for numbers computed on the
//! fly the bytes can differ from CPython's, though they read back the same.

use std::rc::Rc;

use num_bigint::Sign;
use pyvm_loader::error::MarshalErrorKind;
use pyvm_loader::PyVersion;

use crate::args::Args;
use crate::error::PyResult;
use crate::objects::function::NativeFn;
use crate::objects::{BytesObject, ModuleObject};
use crate::value::Value;
use crate::vm::Vm;

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("dumps", dumps),
    ("loads", loads),
    ("dump", dump),
    ("load", load),
];

pub fn module(vm: &mut Vm) -> PyResult<Rc<ModuleObject>> {
    Ok(super::make_module(
        vm,
        "marshal",
        "This module contains functions that can read and write Python values in\na binary format.",
        FUNCTIONS,
        vec![("version", Value::Int(4))],
    ))
}

fn loads_bytes(vm: &mut Vm, data: &[u8]) -> PyResult<Value> {
    match pyvm_loader::marshal::loads(data, PyVersion::V3_10) {
        Ok(c) => crate::objects::code::constant_to_value(vm, &c),
        Err(e) => Err(match e.kind {
            MarshalErrorKind::Eof if e.offset >= data.len() => {
                vm.new_error("EOFError", "EOF read where object expected")
            }
            MarshalErrorKind::Eof => vm.new_error("EOFError", "marshal data too short"),
            MarshalErrorKind::UnknownType(_) => {
                vm.value_error("bad marshal data (unknown type code)")
            }
            other => vm.value_error(format!("bad marshal data ({other})")),
        }),
    }
}

fn loads(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one(vm, "loads")?;
    let data = match v {
        Value::Bytes(b) | Value::ByteArray(b) => b.to_vec(),
        other => {
            let t = vm.type_name(other);
            return Err(vm.type_error(format!("a bytes-like object is required, not '{t}'")));
        }
    };
    loads_bytes(vm, &data)
}

fn load(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let f = args.one(vm, "load")?.clone();
    let read = vm.intern("read");
    let read = vm.get_attr(&f, &read)?;
    let data = vm.call(&read, &[])?;
    match data {
        Value::Bytes(b) | Value::ByteArray(b) => loads_bytes(vm, &b.to_vec()),
        other => {
            let t = vm.type_name(&other);
            Err(vm.type_error(format!("file.read() returned not bytes but {t}")))
        }
    }
}

fn version_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<i64> {
    match v {
        None => Ok(4),
        Some(v) => vm.index_value(v),
    }
}

fn dumps(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.unpack(vm, "dumps", 1, 2)?;
    let version = version_arg(vm, a.get(1))?;
    let mut w = Writer::new(version);
    w.value(vm, &a[0], 0)?;
    Ok(Value::Bytes(BytesObject::new(w.out)))
}

fn dump(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.unpack(vm, "dump", 2, 3)?;
    let version = version_arg(vm, a.get(2))?;
    let mut w = Writer::new(version);
    w.value(vm, &a[0], 0)?;
    let write = vm.intern("write");
    let write = vm.get_attr(&a[1], &write)?;
    vm.call(&write, &[Value::Bytes(BytesObject::new(w.out))])?;
    Ok(Value::None)
}

const FLAG_REF: u8 = 0x80;

fn write_len(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&(n as u32).to_le_bytes());
}

struct Writer {
    out: Vec<u8>,
    version: i64,
    /// Objects already written with FLAG_REF, by identity, and their index.
    refs: std::collections::HashMap<RefKey, u32>,
    next_ref: u32,
}

#[derive(Hash, PartialEq, Eq)]
enum RefKey {
    Heap(usize),
    /// CPython's cached small ints are one object per value.
    SmallInt(i64),
}

impl Writer {
    fn new(version: i64) -> Writer {
        Writer {
            out: Vec::new(),
            version,
            refs: Default::default(),
            next_ref: 0,
        }
    }

    /// `w_ref`: a back-reference if `v` was written before (true), else
    /// whether to flag the type code about to be written.
    fn reference(&mut self, v: &Value) -> Option<u8> {
        if self.version < 3 {
            return Some(0);
        }
        let key = match v {
            Value::None | Value::Bool(_) | Value::Ellipsis => return Some(0),
            Value::Int(i) if (-5..=256).contains(i) => Some(RefKey::SmallInt(*i)),
            Value::Int(_) | Value::Float(_) => None,
            Value::Type(_) => return Some(0),
            other => {
                if other.ref_count() <= 1 {
                    return Some(0);
                }
                other.heap_ptr().map(RefKey::Heap)
            }
        };
        if let Some(key) = key {
            if let Some(idx) = self.refs.get(&key) {
                self.out.push(b'r');
                self.out.extend_from_slice(&idx.to_le_bytes());
                return None;
            }
            self.refs.insert(key, self.next_ref);
        }
        self.next_ref += 1;
        Some(FLAG_REF)
    }

    fn value(&mut self, vm: &mut Vm, v: &Value, depth: usize) -> PyResult<()> {
        // CPython's MAX_MARSHAL_STACK_DEPTH.
        if depth > 2000 {
            return Err(vm.value_error("object too deeply nested to marshal"));
        }
        let Some(flag) = self.reference(v) else {
            return Ok(());
        };
        let start = self.out.len();
        self.value_body(vm, v, depth)?;
        if let Some(code) = self.out.get_mut(start) {
            *code |= flag;
        }
        Ok(())
    }

    fn value_body(&mut self, vm: &mut Vm, v: &Value, depth: usize) -> PyResult<()> {
        let version = self.version;
        match v {
            Value::None => self.out.push(b'N'),
            Value::Bool(false) => self.out.push(b'F'),
            Value::Bool(true) => self.out.push(b'T'),
            Value::Ellipsis => self.out.push(b'.'),
            Value::Int(i) if i32::try_from(*i).is_ok() => {
                self.out.push(b'i');
                self.out.extend_from_slice(&(*i as i32).to_le_bytes());
            }
            Value::Int(_) | Value::BigInt(_) => {
                let b = crate::objects::int::to_bigint(v).unwrap_or_default();
                let (sign, mag) = b.to_u32_digits();
                // 15-bit digits, least significant first; the count carries the sign.
                let mut digits = Vec::new();
                let mut acc: u64 = 0;
                let mut bits = 0;
                for word in mag {
                    acc |= u64::from(word) << bits;
                    bits += 32;
                    while bits >= 15 {
                        digits.push((acc & 0x7fff) as u16);
                        acc >>= 15;
                        bits -= 15;
                    }
                }
                if bits > 0 {
                    digits.push((acc & 0x7fff) as u16);
                }
                while digits.last() == Some(&0) {
                    digits.pop();
                }
                self.out.push(b'l');
                let n = digits.len() as i32;
                self.out
                    .extend_from_slice(&(if sign == Sign::Minus { -n } else { n }).to_le_bytes());
                for d in digits {
                    self.out.extend_from_slice(&d.to_le_bytes());
                }
            }
            Value::Float(f) => {
                self.out.push(b'g');
                self.out.extend_from_slice(&f.to_le_bytes());
            }
            Value::Complex(c) => {
                self.out.push(b'y');
                self.out.extend_from_slice(&c.0.to_le_bytes());
                self.out.extend_from_slice(&c.1.to_le_bytes());
            }
            Value::Str(s) => match s.as_ascii() {
                Some(a) if version >= 4 && a.len() < 256 => {
                    self.out.push(b'z');
                    self.out.push(a.len() as u8);
                    self.out.extend_from_slice(a.as_bytes());
                }
                Some(a) if version >= 4 => {
                    self.out.push(b'a');
                    write_len(&mut self.out, a.len());
                    self.out.extend_from_slice(a.as_bytes());
                }
                _ => {
                    // UTF-8 with surrogates passed through, as CPython writes it.
                    let mut bytes = Vec::new();
                    for cp in s.chars() {
                        let mut buf = [0u8; 4];
                        match char::from_u32(cp) {
                            Some(c) => bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes()),
                            None => bytes.extend_from_slice(&[
                                0xe0 | (cp >> 12) as u8,
                                0x80 | ((cp >> 6) & 0x3f) as u8,
                                0x80 | (cp & 0x3f) as u8,
                            ]),
                        }
                    }
                    self.out.push(b'u');
                    write_len(&mut self.out, bytes.len());
                    self.out.extend_from_slice(&bytes);
                }
            },
            Value::Bytes(b) | Value::ByteArray(b) => {
                let data = b.to_vec();
                self.out.push(b's');
                write_len(&mut self.out, data.len());
                self.out.extend_from_slice(&data);
            }
            Value::Tuple(t) => {
                if version >= 4 && t.items.len() < 256 {
                    self.out.push(b')');
                    self.out.push(t.items.len() as u8);
                } else {
                    self.out.push(b'(');
                    write_len(&mut self.out, t.items.len());
                }
                for item in t.items.iter() {
                    self.value(vm, item, depth + 1)?;
                }
            }
            Value::List(l) => {
                let items = l.items.borrow().clone();
                self.out.push(b'[');
                write_len(&mut self.out, items.len());
                for item in &items {
                    self.value(vm, item, depth + 1)?;
                }
            }
            Value::Dict(d) => {
                self.out.push(b'{');
                for e in d.entries() {
                    self.value(vm, &e.key, depth + 1)?;
                    self.value(vm, &e.value, depth + 1)?;
                }
                self.out.push(b'0');
            }
            Value::Set(s) | Value::FrozenSet(s) => {
                let items = s.items();
                self.out.push(if matches!(v, Value::Set(_)) {
                    b'<'
                } else {
                    b'>'
                });
                write_len(&mut self.out, items.len());
                for item in &items {
                    self.value(vm, item, depth + 1)?;
                }
            }
            Value::Type(t) if t.name.borrow().as_str() == "StopIteration" && !t.heap => {
                self.out.push(b'S')
            }
            _ => return Err(vm.value_error("unmarshallable object")),
        }
        Ok(())
    }
}
