//! `sys`: the interpreter's state as Python sees it. Created with the VM
//! (the import system reads `sys.path` and `sys.modules`), so importing it
//! returns that one module.

use std::rc::Rc;

use crate::args::Args;
use crate::error::PyResult;
use crate::import::finder::FROZEN_ENTRY;
use crate::objects::file::FileHandle;
use crate::objects::{FileObject, ModuleObject};
use crate::value::Value;
use crate::vm::Vm;

/// The version of the bytecode pyvm runs, reported as `sys.version_info`.
const VERSION: (i64, i64, i64) = (3, 10, 13);

pub fn module(vm: &mut Vm) -> PyResult<Rc<ModuleObject>> {
    Ok(vm.sys.clone())
}

fn std_stream(name: &str, mode: &str, handle: FileHandle) -> Value {
    Value::File(FileObject::new(
        name.to_string(),
        mode.to_string(),
        false,
        handle,
    ))
}

/// A `types.SimpleNamespace`-like object with these attributes.
fn namespace(vm: &mut Vm, name: &str, attrs: Vec<(&str, Value)>) -> PyResult<Value> {
    let ty = Value::Type(vm.types.type_.clone());
    let ns = crate::objects::DictObject::new();
    let cls = vm.call(
        &ty,
        &[Value::str(name), Value::tuple(Vec::new()), Value::Dict(ns)],
    )?;
    let obj = vm.call(&cls, &[])?;
    for (k, v) in attrs {
        let key = vm.intern(k);
        vm.set_attr(&obj, &key, v)?;
    }
    Ok(obj)
}

/// Build `sys` for a program run with `argv` whose directory is `script_dir`.
pub fn create(
    vm: &mut Vm,
    argv: &[String],
    script_dir: Option<&str>,
) -> PyResult<Rc<ModuleObject>> {
    let mut path = Vec::new();
    if let Some(d) = script_dir {
        path.push(Value::str(d));
    }
    if let Some(extra) = std::env::var_os("PYVMPATH") {
        for p in std::env::split_paths(&extra) {
            if !p.as_os_str().is_empty() {
                path.push(Value::str(&p.display().to_string()));
            }
        }
    }
    path.push(Value::str(FROZEN_ENTRY));
    let (major, minor, micro) = VERSION;
    let version = format!(
        "{major}.{minor}.{micro} (pyvm {})",
        env!("CARGO_PKG_VERSION")
    );
    use crate::objects::structseq;
    let version_info_type = structseq::new_type(
        vm,
        "sys",
        "version_info",
        &["major", "minor", "micro", "releaselevel", "serial"],
        5,
    )?;
    let version_info = structseq::new_value(
        &version_info_type,
        vec![
            Value::Int(major),
            Value::Int(minor),
            Value::Int(micro),
            Value::str("final"),
            Value::Int(0),
        ],
    );
    let float_info_type = structseq::new_type(
        vm,
        "sys",
        "float_info",
        &[
            "max",
            "max_exp",
            "max_10_exp",
            "min",
            "min_exp",
            "min_10_exp",
            "dig",
            "mant_dig",
            "epsilon",
            "radix",
            "rounds",
        ],
        11,
    )?;
    let hash_info_type = structseq::new_type(
        vm,
        "sys",
        "hash_info",
        &[
            "width",
            "modulus",
            "inf",
            "nan",
            "imag",
            "algorithm",
            "hash_bits",
            "seed_bits",
            "cutoff",
        ],
        9,
    )?;
    // pyvm hashes as a 64-bit CPython does (SipHash-2-4 for str and bytes).
    let hash_info = structseq::new_value(
        &hash_info_type,
        vec![
            Value::Int(64),
            Value::Int((1 << 61) - 1),
            Value::Int(314_159),
            Value::Int(0),
            Value::Int(1_000_003),
            Value::str("siphash24"),
            Value::Int(64),
            Value::Int(128),
            Value::Int(0),
        ],
    );
    let float_info = structseq::new_value(
        &float_info_type,
        vec![
            Value::Float(f64::MAX),
            Value::Int(f64::MAX_EXP as i64),
            Value::Int(f64::MAX_10_EXP as i64),
            Value::Float(f64::MIN_POSITIVE),
            Value::Int(f64::MIN_EXP as i64),
            Value::Int(f64::MIN_10_EXP as i64),
            Value::Int(f64::DIGITS as i64),
            Value::Int(f64::MANTISSA_DIGITS as i64),
            Value::Float(f64::EPSILON),
            Value::Int(f64::RADIX as i64),
            Value::Int(1),
        ],
    );
    let implementation = namespace(
        vm,
        "SimpleNamespace",
        vec![
            ("name", Value::str("pyvm")),
            ("cache_tag", Value::str(crate::import::finder::CACHE_TAG)),
            ("version", version_info.clone()),
            (
                "hexversion",
                Value::Int((major << 24) | (minor << 16) | (micro << 8) | 0xf0),
            ),
        ],
    )?;
    let builtin_names: Vec<Value> = crate::modules::NATIVE
        .iter()
        .map(|(n, _)| Value::str(n))
        .collect();
    let executable = std::env::current_exe()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let stdout = std_stream("<stdout>", "w", FileHandle::Stdout);
    let stderr = std_stream("<stderr>", "w", FileHandle::Stderr);
    let stdin = std_stream("<stdin>", "r", FileHandle::Stdin);
    let values = vec![
        (
            "argv",
            Value::list(argv.iter().map(|a| Value::str(a)).collect()),
        ),
        (
            "orig_argv",
            Value::list(argv.iter().map(|a| Value::str(a)).collect()),
        ),
        ("path", Value::list(path)),
        ("modules", Value::Dict(vm.sys_modules.clone())),
        ("stdout", stdout.clone()),
        ("stderr", stderr.clone()),
        ("stdin", stdin.clone()),
        ("__stdout__", stdout),
        ("__stderr__", stderr),
        ("__stdin__", stdin),
        ("version", Value::str(&version)),
        ("version_info", version_info),
        ("float_info", float_info),
        ("hash_info", hash_info),
        (
            "hexversion",
            Value::Int((major << 24) | (minor << 16) | (micro << 8) | 0xf0),
        ),
        ("implementation", implementation),
        ("maxsize", Value::Int(i64::MAX)),
        ("maxunicode", Value::Int(0x10ffff)),
        (
            "byteorder",
            Value::str(if cfg!(target_endian = "little") {
                "little"
            } else {
                "big"
            }),
        ),
        ("platform", Value::str(std::env::consts::OS)),
        ("executable", Value::str(&executable)),
        ("builtin_module_names", Value::tuple(builtin_names)),
        ("dont_write_bytecode", Value::Bool(true)),
        ("meta_path", Value::list(Vec::new())),
        ("path_hooks", Value::list(Vec::new())),
        (
            "path_importer_cache",
            Value::Dict(crate::objects::DictObject::new()),
        ),
        ("prefix", Value::str("")),
        ("exec_prefix", Value::str("")),
        ("api_version", Value::Int(1013)),
    ];
    let module = crate::modules::make_module(
        vm,
        "sys",
        "This module provides access to some objects used or maintained by the\ninterpreter and to functions that interact strongly with the interpreter.",
        FUNCTIONS,
        values,
    );
    // The original hooks stay reachable after a program replaces them.
    for (hook, original) in [
        ("displayhook", "__displayhook__"),
        ("excepthook", "__excepthook__"),
    ] {
        let key = vm.intern(hook);
        if let Some(f) = module.dict.get_str(&key) {
            module.dict.set_str(vm.intern(original), f);
        }
    }
    Ok(module)
}

/// `sys.displayhook(value)`: what the REPL (through `PRINT_EXPR`) does with
/// an expression statement's value — print its repr to `sys.stdout` and keep
/// it in `builtins._`. `_` is cleared first, as CPython does, so a repr that
/// reads `_` sees None.
fn displayhook(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.unpack(vm, "displayhook", 1, 1)?;
    let value = a[0].clone();
    if value.is_none() {
        return Ok(Value::None);
    }
    let underscore = vm.intern("_");
    vm.builtins.set_str(underscore.clone(), Value::None);
    let text = vm.repr(&value)?;
    crate::builtins::functions::print(vm, Args::new(&[Value::str(&text)]))?;
    vm.builtins.set_str(underscore, value);
    Ok(Value::None)
}

/// `sys._getframe(depth=0)`: a snapshot of the running frame `depth` calls
/// out, with its callers reachable through `f_back`.
fn getframe(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.unpack(vm, "_getframe", 0, 1)?;
    let depth = match a.first() {
        Some(v) => vm.index_value(v)?,
        None => 0,
    };
    let n = vm.call_records.len() as i64;
    if depth < 0 || depth >= n {
        if depth < 0 {
            // CPython clamps a negative depth to the current frame.
            return getframe(vm, Args::new(&[]));
        }
        return Err(vm.value_error("call stack is not deep enough"));
    }
    let target = (n - 1 - depth) as usize;
    let mut back = Value::None;
    for r in &vm.call_records[..=target] {
        let lineno = r
            .code
            .line_of(r.lasti)
            .map(i64::from)
            .unwrap_or_else(|| i64::from(r.code.raw.firstlineno));
        back = Value::Frame(Rc::new(crate::objects::FrameObject::Snapshot {
            code: r.code.clone(),
            globals: r.globals.clone(),
            builtins: vm.builtins.clone(),
            lineno,
            back,
        }));
    }
    Ok(back)
}

fn exit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.unpack(vm, "exit", 0, 1)?;
    Err(vm.new_error_args("SystemExit", a.to_vec()))
}

fn getrecursionlimit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.unpack(vm, "getrecursionlimit", 0, 0)?;
    Ok(Value::Int(vm.recursion_limit as i64))
}

fn setrecursionlimit(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one(vm, "setrecursionlimit")?.clone();
    let n = match v {
        Value::Int(n) => n,
        Value::Bool(b) => i64::from(b),
        Value::Float(_) => {
            return Err(vm.type_error("'float' object cannot be interpreted as an integer"))
        }
        other => vm.index_value(&other)?,
    };
    if n < 1 {
        return Err(vm.value_error("recursion limit must be greater or equal than 1"));
    }
    let depth = vm.depth as i64;
    if n <= depth {
        return Err(vm.new_error(
            "RecursionError",
            format!(
                "cannot set the recursion limit to {n} at the recursion depth {depth}: the limit is too low"
            ),
        ));
    }
    vm.recursion_limit = n.min(1 << 30) as usize;
    Ok(Value::None)
}

fn exc_info(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.unpack(vm, "exc_info", 0, 0)?;
    Ok(match vm.topmost_handled() {
        Some(Value::Exception(e)) => Value::tuple(vec![
            Value::Type(e.class.clone()),
            Value::Exception(e.clone()),
            e.traceback
                .borrow()
                .clone()
                .map_or(Value::None, Value::Traceback),
        ]),
        _ => Value::tuple(vec![Value::None, Value::None, Value::None]),
    })
}

fn intern(vm: &mut Vm, args: Args) -> PyResult<Value> {
    match args.one(vm, "intern")? {
        Value::Str(s) => {
            let s = s.clone();
            Ok(Value::Str(vm.intern_obj(&s)))
        }
        other => {
            let t = vm.type_name(other);
            Err(vm.type_error(format!("intern() argument must be str, not {t}")))
        }
    }
}

fn getrefcount(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one(vm, "getrefcount")?;
    // The argument itself holds one reference, as in CPython.
    Ok(Value::Int(v.ref_count() as i64 + 1))
}

fn getdefaultencoding(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.unpack(vm, "getdefaultencoding", 0, 0)?;
    Ok(Value::str("utf-8"))
}

const FUNCTIONS: &[(&str, crate::objects::function::NativeFn)] = &[
    ("exit", exit),
    ("displayhook", displayhook),
    ("excepthook", crate::traceback::excepthook),
    ("_getframe", getframe),
    ("getrecursionlimit", getrecursionlimit),
    ("setrecursionlimit", setrecursionlimit),
    ("exc_info", exc_info),
    ("intern", intern),
    ("getrefcount", getrefcount),
    ("getdefaultencoding", getdefaultencoding),
    ("getfilesystemencoding", getdefaultencoding),
];
