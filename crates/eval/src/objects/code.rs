//! Runtime code objects: a loaded `pyvm_loader::CodeObject` plus what the eval
//! loop needs ready to hand — constants as `Value`s, interned names, and the
//! decoded instructions.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use pyvm_loader::instruction::Instruction;
use pyvm_loader::Constant;

use crate::error::PyResult;
use crate::objects::{StrObject, TupleObject};
use crate::value::Value;
use crate::vm::Vm;

pub struct CodeObject {
    pub raw: Rc<pyvm_loader::CodeObject>,
    pub consts: Box<[Value]>,
    pub names: Box<[Rc<StrObject>]>,
    pub varnames: Box<[Rc<StrObject>]>,
    /// Cell variable names then free variable names (deref order).
    pub derefs: Box<[Rc<StrObject>]>,
    /// For each cell variable that is also an argument, its local slot.
    pub cell_args: Box<[Option<usize>]>,
    pub ops: Box<[Instruction]>,
    pub name: Rc<StrObject>,
    pub filename: Rc<StrObject>,
    /// `LOAD_GLOBAL` cache, one slot per name: the value found and the
    /// (globals, builtins) dict versions it is valid for.
    pub global_cache: RefCell<Box<[Option<GlobalCacheEntry>]>>,
    /// Instance attribute caches, one per name (see `AttrCache`).
    pub attr_cache: Box<[AttrCache]>,
    /// Only plain positional parameters (no keyword-only, `*args`,
    /// `**kwargs` or parameters that are cells): calls with exactly that many
    /// positional arguments just copy them into the fast locals.
    pub simple_args: bool,
}

/// (globals version, builtins version, value) of one `LOAD_GLOBAL` name.
pub type GlobalCacheEntry = (u64, u64, Value);

/// What the attribute instructions of one code object learnt about a name
/// on instances, keyed by class version (versions are unique across types
/// and change whenever the class or a base changes, so a match means "the
/// same class, unchanged"; 0 is never a version).
#[derive(Default)]
pub struct AttrCache {
    /// `LOAD_ATTR`: the class has no `__getattribute__` and no attribute of
    /// this name, so the instance dict decides.
    pub load_version: Cell<u64>,
    /// `STORE_ATTR`: the class has no `__setattr__` and no attribute of
    /// this name, and instances have a dict, so the value goes there.
    pub store_version: Cell<u64>,
    /// `LOAD_METHOD`: the class's plain function `method` is what the name
    /// finds unless the instance dict shadows it.
    pub method_version: Cell<u64>,
    pub method: RefCell<Option<Value>>,
    /// Where the name was last found in an instance dict's entries.
    pub hint: Cell<u32>,
}

impl CodeObject {
    /// Convert a loaded code object (and, recursively, the code objects among
    /// its constants). Decoding errors become `SystemError`.
    pub fn new(vm: &mut Vm, raw: Rc<pyvm_loader::CodeObject>) -> PyResult<Rc<CodeObject>> {
        let mut ops: Box<[Instruction]> = match raw.instructions() {
            Ok(instrs) => instrs.ops.clone(),
            Err(e) => return Err(vm.system_error(e.to_string())),
        };
        pyvm_loader::superinstructions::fuse(&mut ops);
        let mut consts = Vec::with_capacity(raw.consts.len());
        for c in raw.consts.iter() {
            consts.push(constant_to_value(vm, c)?);
        }
        let names = raw.names.iter().map(|n| intern(vm, n)).collect();
        let varnames: Box<[Rc<StrObject>]> = raw.varnames.iter().map(|n| intern(vm, n)).collect();
        let derefs: Box<[Rc<StrObject>]> = raw.deref_names().map(|n| intern(vm, n)).collect();
        let cell_args: Box<[Option<usize>]> = raw
            .cellvars
            .iter()
            .map(|c| varnames.iter().position(|v| v.data() == c))
            .collect();
        let name = StrObject::from_pystr(raw.name.clone());
        let filename = StrObject::from_pystr(raw.filename.clone());
        let global_cache = RefCell::new(vec![None; raw.names.len()].into_boxed_slice());
        let var_flags = pyvm_loader::code::flags::VARARGS | pyvm_loader::code::flags::VARKEYWORDS;
        let simple_args = raw.kwonlyargcount == 0
            && raw.flags & var_flags == 0
            && cell_args.iter().all(Option::is_none);
        // Only code with attribute instructions indexes the cache (and
        // `marshal.loads` of a big module builds many code objects).
        let uses_attrs = ops.iter().any(|op| {
            matches!(
                op,
                Instruction::LoadAttr(_)
                    | Instruction::StoreAttr(_)
                    | Instruction::LoadMethod(_)
                    | Instruction::LoadFastLoadAttr(..)
                    | Instruction::LoadFastLoadMethod(..)
            )
        });
        let attr_cache = if uses_attrs {
            (0..raw.names.len()).map(|_| AttrCache::default()).collect()
        } else {
            Box::default()
        };
        Ok(Rc::new(CodeObject {
            simple_args,
            global_cache,
            attr_cache,
            raw,
            consts: consts.into(),
            names,
            varnames,
            derefs,
            cell_args,
            ops,
            name,
            filename,
        }))
    }

    pub fn flags(&self) -> u32 {
        self.raw.flags
    }

    /// Whether calling it builds a generator, coroutine or async generator
    /// instead of running it.
    pub fn is_generator_like(&self) -> bool {
        use pyvm_loader::code::flags;
        self.raw.flags & (flags::GENERATOR | flags::COROUTINE | flags::ASYNC_GENERATOR) != 0
    }

    pub fn n_cells(&self) -> usize {
        self.raw.cellvars.len()
    }

    /// Source line of the instruction at index `ip`.
    pub fn line_of(&self, ip: usize) -> Option<i32> {
        let instrs = self.raw.instructions().ok()?;
        let offset = *instrs.offsets.get(ip)?;
        self.raw.linetable.line_for_offset(offset)
    }
}

fn intern(vm: &mut Vm, s: &pyvm_loader::PyStr) -> Rc<StrObject> {
    match s.as_ascii() {
        Some(a) => vm.intern(a),
        None => StrObject::from_pystr(s.clone()),
    }
}

/// A marshalled constant as a runtime value.
pub fn constant_to_value(vm: &mut Vm, c: &Constant) -> PyResult<Value> {
    Ok(match c {
        Constant::None => Value::None,
        Constant::Ellipsis => Value::Ellipsis,
        Constant::StopIteration => Value::Type(vm.exception_type("StopIteration")),
        Constant::Bool(b) => Value::Bool(*b),
        Constant::Int(i) => Value::Int(*i),
        Constant::BigInt(b) => Value::BigInt(Rc::new((**b).clone())),
        Constant::Float(f) => Value::Float(*f),
        Constant::Complex { re, im } => Value::Complex(Rc::new((*re, *im))),
        Constant::Str(s) => match s.as_ascii() {
            // Short identifier-like constants are interned, as CPython does.
            Some(a)
                if a.len() <= 40 && a.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') =>
            {
                Value::Str(vm.intern(a))
            }
            _ => Value::Str(StrObject::from_pystr(s.clone())),
        },
        Constant::Bytes(b) => Value::Bytes(crate::objects::BytesObject::new(b.to_vec())),
        Constant::Tuple(items) => {
            let mut v = Vec::with_capacity(items.len());
            for i in items.iter() {
                v.push(constant_to_value(vm, i)?);
            }
            Value::Tuple(TupleObject::new(v))
        }
        Constant::List(items) => {
            let mut v = Vec::with_capacity(items.len());
            for i in items.iter() {
                v.push(constant_to_value(vm, i)?);
            }
            Value::list(v)
        }
        Constant::Set(items) | Constant::FrozenSet(items) => {
            let s = crate::objects::SetObject::new();
            for i in items.iter() {
                let v = constant_to_value(vm, i)?;
                s.add(vm, v)?;
            }
            if matches!(c, Constant::Set(_)) {
                Value::Set(s)
            } else {
                Value::FrozenSet(s)
            }
        }
        Constant::Dict(items) => {
            let d = crate::objects::DictObject::new();
            for (k, v) in items.iter() {
                let k = constant_to_value(vm, k)?;
                let v = constant_to_value(vm, v)?;
                d.set(vm, k, v)?;
            }
            Value::Dict(d)
        }
        Constant::Code(code) => Value::Code(CodeObject::new(vm, code.clone())?),
    })
}
