//! The interpreter state shared by everything that runs Python code: the
//! built-in types and exceptions, the builtins namespace, interned names, the
//! recursion counter, the exception being handled, and the output streams.

// aHash: these maps are probed by name on hot paths (interning, exception
// types); SipHash's DoS resistance buys nothing for names the VM chooses.
use ahash::AHashMap as HashMap;
use std::io::{IsTerminal, Write};
use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::objects::exception::ExceptionObject;
use crate::objects::typeobj::TypeKind;
use crate::objects::{DictObject, StrObject, TupleObject, TypeObject};
use crate::value::Value;

/// The built-in types, created once per interpreter.
pub struct Types {
    pub object: Rc<TypeObject>,
    pub type_: Rc<TypeObject>,
    pub none: Rc<TypeObject>,
    pub not_implemented: Rc<TypeObject>,
    pub ellipsis: Rc<TypeObject>,
    pub int: Rc<TypeObject>,
    pub bool_: Rc<TypeObject>,
    pub float: Rc<TypeObject>,
    pub complex: Rc<TypeObject>,
    pub str_: Rc<TypeObject>,
    pub bytes: Rc<TypeObject>,
    pub bytearray: Rc<TypeObject>,
    pub tuple: Rc<TypeObject>,
    pub list: Rc<TypeObject>,
    pub dict: Rc<TypeObject>,
    pub set: Rc<TypeObject>,
    pub frozenset: Rc<TypeObject>,
    pub range: Rc<TypeObject>,
    pub slice: Rc<TypeObject>,
    pub function: Rc<TypeObject>,
    pub builtin_function: Rc<TypeObject>,
    pub method_descriptor: Rc<TypeObject>,
    pub wrapper_descriptor: Rc<TypeObject>,
    pub method_wrapper: Rc<TypeObject>,
    pub method: Rc<TypeObject>,
    pub cell: Rc<TypeObject>,
    pub code: Rc<TypeObject>,
    pub module: Rc<TypeObject>,
    pub traceback: Rc<TypeObject>,
    pub frame: Rc<TypeObject>,
    pub module_spec: Rc<TypeObject>,
    pub generator: Rc<TypeObject>,
    pub coroutine: Rc<TypeObject>,
    pub async_generator: Rc<TypeObject>,
    pub coroutine_wrapper: Rc<TypeObject>,
    pub async_generator_asend: Rc<TypeObject>,
    pub async_generator_athrow: Rc<TypeObject>,
    pub staticmethod: Rc<TypeObject>,
    pub classmethod: Rc<TypeObject>,
    pub property: Rc<TypeObject>,
    pub super_: Rc<TypeObject>,
    pub member_descriptor: Rc<TypeObject>,
    pub tuplegetter: Rc<TypeObject>,
    pub getset_descriptor: Rc<TypeObject>,
    pub file: Rc<TypeObject>,
    /// Iterator types by their CPython names (`list_iterator`, `zip`...).
    pub iterators: HashMap<&'static str, Rc<TypeObject>>,
    /// Every built-in exception class by name.
    pub exceptions: HashMap<&'static str, Rc<TypeObject>>,
}

/// CPython 3.10's built-in exception hierarchy: (name, base).
pub const EXCEPTION_TREE: &[(&str, &str)] = &[
    ("BaseException", ""),
    ("SystemExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("Exception", "BaseException"),
    ("StopIteration", "Exception"),
    ("StopAsyncIteration", "Exception"),
    ("ArithmeticError", "Exception"),
    ("FloatingPointError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("BufferError", "Exception"),
    ("EOFError", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("ZipImportError", "ImportError"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("MemoryError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("OSError", "Exception"),
    ("BlockingIOError", "OSError"),
    ("ChildProcessError", "OSError"),
    ("ConnectionError", "OSError"),
    ("BrokenPipeError", "ConnectionError"),
    ("ConnectionAbortedError", "ConnectionError"),
    ("ConnectionRefusedError", "ConnectionError"),
    ("ConnectionResetError", "ConnectionError"),
    ("FileExistsError", "OSError"),
    ("FileNotFoundError", "OSError"),
    ("InterruptedError", "OSError"),
    ("IsADirectoryError", "OSError"),
    ("NotADirectoryError", "OSError"),
    ("PermissionError", "OSError"),
    ("ProcessLookupError", "OSError"),
    ("TimeoutError", "OSError"),
    ("ReferenceError", "Exception"),
    ("RuntimeError", "Exception"),
    ("NotImplementedError", "RuntimeError"),
    ("RecursionError", "RuntimeError"),
    ("SyntaxError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("TabError", "IndentationError"),
    ("SystemError", "Exception"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("UnicodeDecodeError", "UnicodeError"),
    ("UnicodeEncodeError", "UnicodeError"),
    ("UnicodeTranslateError", "UnicodeError"),
    ("Warning", "Exception"),
    ("DeprecationWarning", "Warning"),
    ("PendingDeprecationWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
    ("SyntaxWarning", "Warning"),
    ("UserWarning", "Warning"),
    ("FutureWarning", "Warning"),
    ("ImportWarning", "Warning"),
    ("UnicodeWarning", "Warning"),
    ("BytesWarning", "Warning"),
    ("ResourceWarning", "Warning"),
    ("EncodingWarning", "Warning"),
];

/// Buffered standard output: block-buffered into a pipe or file, flushed at
/// each newline on a terminal (as CPython's `sys.stdout`).
pub struct Output {
    buf: Vec<u8>,
    line_buffered: bool,
}

impl Output {
    fn stdout() -> Output {
        Output {
            buf: Vec::with_capacity(1 << 16),
            line_buffered: std::io::stdout().is_terminal(),
        }
    }

    pub fn write_str(&mut self, s: &str) {
        self.buf.extend_from_slice(s.as_bytes());
        if self.buf.len() >= (1 << 16) || (self.line_buffered && s.contains('\n')) {
            self.flush();
        }
    }

    pub fn flush(&mut self) {
        if !self.buf.is_empty() {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(&self.buf);
            let _ = out.flush();
            self.buf.clear();
        }
    }
}

pub struct Vm {
    pub types: Types,
    pub builtins: Rc<DictObject>,
    interned: HashMap<Box<str>, Rc<StrObject>>,
    /// Python frames (and native re-entries) currently active.
    pub depth: usize,
    pub recursion_limit: usize,
    /// The exception being handled by the running frame (or generator), if any.
    pub handled: Option<Value>,
    /// The callers' `handled` while generators run (innermost last): an
    /// exception handled further out is still `sys.exc_info()` inside a
    /// generator that handles none itself.
    pub exc_outer: Vec<Option<Value>>,
    pub stdout: Output,
    pub argv: Vec<String>,
    /// Paths where source files are looked up for tracebacks.
    pub source_dirs: Vec<std::path::PathBuf>,
    /// Containers whose repr is being computed (to print `[...]` on cycles).
    pub repr_stack: Vec<usize>,
    /// The globals of the running frame (`globals()`, `exec` defaults).
    pub current_globals: Option<Rc<DictObject>>,
    /// Run the traced copy of the eval loop (`--trace`, `:trace on`): one
    /// `pyvm::eval` event per instruction (see `trace.rs`).
    pub trace: bool,
    /// Finished frames kept for reuse (see `Frame::boxed`).
    pub frame_pool: Vec<Box<crate::frame::Frame>>,
    /// `sys.modules`.
    pub sys_modules: Rc<DictObject>,
    /// The `sys` module.
    pub sys: Rc<crate::objects::ModuleObject>,
    /// Zip archives on the path, read once (`None`: not an archive).
    pub zip_cache: std::collections::HashMap<String, Option<Rc<crate::import::zip::Archive>>>,
    /// `time.struct_time`, once the `time` module has made it.
    pub struct_time: Option<Rc<TypeObject>>,
    /// The running Python frames, innermost last (`sys._getframe`).
    pub call_records: Vec<crate::frame::CallRecord>,
    /// `os.stat_result`, once `posix` has made it.
    pub stat_result: Option<Rc<TypeObject>>,
    /// The `itertools` classes its functions instantiate, once imported.
    pub itertools: Option<Rc<crate::modules::itertools::Classes>>,
    /// Modules whose code is running (for "partially initialized" errors).
    pub initializing: Vec<Rc<StrObject>>,
    /// Emptied frame stacks of finished `run_frame` calls, for reuse.
    pub frame_stacks: Vec<Vec<Box<crate::frame::Frame>>>,
    /// Type attribute lookups by (type version, name).
    pub type_cache: crate::objects::typecache::TypeCache,
    /// The interned names of the special methods, indexed by `Special`.
    pub special_names: Box<[Rc<StrObject>]>,
}

impl Vm {
    pub fn new(argv: Vec<String>) -> Vm {
        let types = crate::builtins::types::create_types();
        let mut vm = Vm {
            types,
            builtins: DictObject::new(),
            interned: HashMap::new(),
            depth: 0,
            recursion_limit: 1000,
            handled: None,
            exc_outer: Vec::new(),
            stdout: Output::stdout(),
            argv,
            source_dirs: Vec::new(),
            repr_stack: Vec::new(),
            current_globals: None,
            trace: false,
            frame_pool: Vec::new(),
            frame_stacks: Vec::new(),
            sys_modules: DictObject::new(),
            sys: crate::objects::ModuleObject::new("sys", DictObject::new()),
            initializing: Vec::new(),
            zip_cache: Default::default(),
            struct_time: None,
            stat_result: None,
            itertools: None,
            call_records: Vec::new(),
            type_cache: Default::default(),
            special_names: Box::new([]),
        };
        vm.special_names = crate::slots::Special::ALL
            .iter()
            .map(|s| vm.intern(s.name()))
            .collect();
        crate::builtins::types::populate_type_dicts(&mut vm);
        crate::builtins::install(&mut vm);
        crate::builtins::site::install(&mut vm);
        let script_dir = vm.argv.first().map(|a| {
            // No script (the REPL, a program on stdin): CPython's '' entry,
            // the current directory as it is at each import.
            if a.is_empty() {
                return String::new();
            }
            let p = std::path::Path::new(a);
            let dir = p.parent().unwrap_or(std::path::Path::new(""));
            let dir = if dir.as_os_str().is_empty() {
                std::path::Path::new(".")
            } else {
                dir
            };
            std::fs::canonicalize(dir)
                .unwrap_or_else(|_| dir.to_path_buf())
                .display()
                .to_string()
        });
        let argv = vm.argv.clone();
        match crate::modules::sys::create(&mut vm, &argv, script_dir.as_deref()) {
            Ok(sys) => vm.sys = sys,
            Err(e) => panic!("creating sys failed: {}", e.class.name.borrow()),
        }
        let sys = Value::Module(vm.sys.clone());
        let key = vm.intern("sys");
        vm.sys_modules.set_str(key, sys);
        let builtins = Value::Module(crate::objects::ModuleObject::new(
            "builtins",
            vm.builtins.clone(),
        ));
        let key = vm.intern("builtins");
        vm.sys_modules.set_str(key, builtins);
        vm
    }

    /// The `sys` module's namespace.
    pub fn sys_dict(&self) -> Rc<DictObject> {
        self.sys.dict.clone()
    }

    /// `_PyErr_GetTopmostException`: the innermost exception being handled,
    /// looking through running generators to their callers.
    pub fn topmost_handled(&self) -> Option<&Value> {
        self.handled
            .as_ref()
            .or_else(|| self.exc_outer.iter().rev().find_map(Option::as_ref))
    }

    /// `_PyType_Lookup`: an attribute along `t`'s MRO, through the cache.
    #[inline]
    pub fn lookup_type(&mut self, t: &TypeObject, name: &Rc<StrObject>) -> Option<Value> {
        self.type_cache.lookup(t, name)
    }

    /// The interned name of a special method.
    #[inline]
    pub fn special_name(&self, s: crate::slots::Special) -> Rc<StrObject> {
        self.special_names[s as usize].clone()
    }

    /// The one shared `str` object for a name (identifiers compare by pointer).
    pub fn intern(&mut self, s: &str) -> Rc<StrObject> {
        if let Some(v) = self.interned.get(s) {
            return v.clone();
        }
        let obj = StrObject::new(s);
        self.interned.insert(s.into(), obj.clone());
        obj
    }

    pub fn intern_obj(&mut self, s: &Rc<StrObject>) -> Rc<StrObject> {
        if let Some(a) = s.as_ascii() {
            if let Some(v) = self.interned.get(a) {
                return v.clone();
            }
            self.interned.insert(a.into(), s.clone());
            return s.clone();
        }
        s.clone()
    }

    /// `type(v)`, borrowed.
    pub fn type_of<'a>(&'a self, v: &'a Value) -> &'a Rc<TypeObject> {
        let t = &self.types;
        match v {
            Value::None => &t.none,
            Value::NotImplemented => &t.not_implemented,
            Value::Ellipsis => &t.ellipsis,
            Value::Bool(_) => &t.bool_,
            Value::Int(_) | Value::BigInt(_) => &t.int,
            Value::Float(_) => &t.float,
            Value::Complex(_) => &t.complex,
            Value::Str(_) => &t.str_,
            Value::Bytes(_) => &t.bytes,
            Value::ByteArray(_) => &t.bytearray,
            Value::Tuple(_) => &t.tuple,
            Value::List(_) => &t.list,
            Value::Dict(_) => &t.dict,
            Value::Set(_) => &t.set,
            Value::FrozenSet(_) => &t.frozenset,
            Value::Range(_) => &t.range,
            Value::Slice(_) => &t.slice,
            Value::Function(_) => &t.function,
            Value::Builtin(b) if b.is_slot_wrapper() => {
                if b.bound.is_none() {
                    &t.wrapper_descriptor
                } else {
                    &t.method_wrapper
                }
            }
            Value::Builtin(b)
                if b.bound.is_none()
                    && b.kind != crate::objects::function::NativeKind::Function =>
            {
                &t.method_descriptor
            }
            Value::Builtin(_) => &t.builtin_function,
            Value::Method(_) => &t.method,
            Value::Cell(_) => &t.cell,
            Value::Code(_) => &t.code,
            Value::Module(_) => &t.module,
            Value::Type(ty) => ty.metaclass.as_ref().unwrap_or(&t.type_),
            Value::Exception(e) => &e.class,
            Value::Iterator(it) => it.type_object(self),
            Value::Generator(g) => match g.kind {
                crate::objects::generator::GenKind::Generator => &t.generator,
                crate::objects::generator::GenKind::Coroutine => &t.coroutine,
                crate::objects::generator::GenKind::AsyncGenerator => &t.async_generator,
            },
            Value::Awaitable(a) => match a.kind {
                crate::objects::awaitable::AwaitableKind::CoroutineWrapper => &t.coroutine_wrapper,
                crate::objects::awaitable::AwaitableKind::ASend(_) => &t.async_generator_asend,
                crate::objects::awaitable::AwaitableKind::AThrow(_) => &t.async_generator_athrow,
            },
            Value::Instance(i) => &i.class,
            Value::Descriptor(d) => match d.kind {
                crate::objects::descriptor::DescriptorKind::StaticMethod(_) => &t.staticmethod,
                crate::objects::descriptor::DescriptorKind::ClassMethod(_) => &t.classmethod,
                crate::objects::descriptor::DescriptorKind::Property { .. } => &t.property,
                crate::objects::descriptor::DescriptorKind::Member { .. } => &t.member_descriptor,
                crate::objects::descriptor::DescriptorKind::GetSet { .. } => &t.getset_descriptor,
                crate::objects::descriptor::DescriptorKind::TupleItem { .. } => &t.tuplegetter,
            },
            Value::Super(_) => &t.super_,
            Value::Traceback(_) => &t.traceback,
            Value::Frame(_) => &t.frame,
            Value::File(_) => &t.file,
            // Only ever the hidden base of a native class's instance.
            Value::Native(_) => &t.object,
        }
    }

    pub fn type_name(&self, v: &Value) -> String {
        self.type_of(v).name.borrow().clone()
    }

    /// The type name as Argument Clinic's "must be X, not Y" messages show
    /// it: `None` for None, the type name otherwise.
    pub fn arg_type_name(&self, v: &Value) -> String {
        if v.is_none() {
            "None".to_string()
        } else {
            self.type_name(v)
        }
    }

    pub fn exception_type(&self, name: &str) -> Rc<TypeObject> {
        self.types
            .exceptions
            .get(name)
            .cloned()
            .unwrap_or_else(|| self.types.exceptions["SystemError"].clone())
    }

    /// A new exception of built-in class `name` with one string argument.
    pub fn new_error(&self, name: &str, msg: impl Into<String>) -> PyErr {
        let class = self.exception_type(name);
        let args = TupleObject::new(vec![Value::str(&msg.into())]);
        ExceptionObject::new(class, args)
    }

    pub fn new_error_args(&self, name: &str, args: Vec<Value>) -> PyErr {
        ExceptionObject::new(self.exception_type(name), TupleObject::new(args))
    }

    pub fn type_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error("TypeError", msg)
    }

    pub fn value_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error("ValueError", msg)
    }

    pub fn index_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error("IndexError", msg)
    }

    pub fn key_error(&self, key: Value) -> PyErr {
        self.new_error_args("KeyError", vec![key])
    }

    pub fn attribute_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error("AttributeError", msg)
    }

    pub fn name_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error("NameError", msg)
    }

    pub fn zero_division(&self, msg: impl Into<String>) -> PyErr {
        self.new_error("ZeroDivisionError", msg)
    }

    pub fn overflow_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error("OverflowError", msg)
    }

    pub fn runtime_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error("RuntimeError", msg)
    }

    pub fn system_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error("SystemError", msg)
    }

    pub fn not_implemented_error(&self, msg: impl Into<String>) -> PyErr {
        self.new_error("NotImplementedError", msg)
    }

    pub fn stop_iteration(&self, value: Option<Value>) -> PyErr {
        self.new_error_args("StopIteration", value.into_iter().collect())
    }

    /// Whether `err` is an instance of the built-in exception class `name`.
    pub fn is_instance_of(&self, err: &PyErr, name: &str) -> bool {
        match self.types.exceptions.get(name) {
            Some(t) => err.class.is_subtype(t),
            None => false,
        }
    }

    /// Enter one level of Python-visible recursion; `RecursionError` past the limit.
    #[inline]
    pub fn enter_recursion(&mut self, context: &str) -> PyResult<()> {
        self.depth += 1;
        if self.depth > self.recursion_limit {
            return Err(self.recursion_error(context));
        }
        Ok(())
    }

    #[cold]
    fn recursion_error(&mut self, context: &str) -> PyErr {
        self.depth -= 1;
        self.new_error(
            "RecursionError",
            format!("maximum recursion depth exceeded{context}"),
        )
    }

    pub fn leave_recursion(&mut self) {
        self.depth -= 1;
    }

    pub fn kind_of(&self, v: &Value) -> TypeKind {
        self.type_of(v).kind
    }
}
