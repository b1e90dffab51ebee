//! `posix`: the operating-system calls under `pylib/os.py` (files and
//! directories, the environment, process ids), with CPython's `OSError`
//! subclasses and messages (`FileNotFoundError: [Errno 2] No such file or
//! directory: 'x'`). Paths are str; bytes paths are not supported yet.

use std::rc::Rc;

use crate::args::Args;
use crate::error::{PyErr, PyResult};
use crate::objects::function::NativeFn;
use crate::objects::{structseq, DictObject, ModuleObject, TypeObject};
use crate::value::Value;
use crate::vm::Vm;

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("getcwd", getcwd),
    ("chdir", chdir),
    ("listdir", listdir),
    ("stat", stat),
    ("lstat", lstat),
    ("mkdir", mkdir),
    ("rmdir", rmdir),
    ("unlink", unlink),
    ("remove", unlink),
    ("rename", rename),
    ("replace", rename),
    ("readlink", readlink),
    ("access", access),
    ("getpid", getpid),
    ("getppid", getppid),
    ("getuid", getuid),
    ("urandom", urandom),
    ("cpu_count", cpu_count),
    ("strerror", strerror),
    ("putenv", putenv),
    ("unsetenv", unsetenv),
    ("isatty", isatty),
    ("umask", umask),
    ("_exit", exit_now),
    ("fspath", fspath),
];

pub fn module(vm: &mut Vm) -> PyResult<Rc<ModuleObject>> {
    let stat_result = structseq::new_type(
        vm,
        "os",
        "stat_result",
        &[
            "st_mode",
            "st_ino",
            "st_dev",
            "st_nlink",
            "st_uid",
            "st_gid",
            "st_size",
            "st_atime_int",
            "st_mtime_int",
            "st_ctime_int",
            "st_atime",
            "st_mtime",
            "st_ctime",
            "st_atime_ns",
            "st_mtime_ns",
            "st_ctime_ns",
        ],
        10,
    )?;
    vm.stat_result = Some(stat_result.clone());
    let environ = DictObject::new();
    for (k, v) in std::env::vars_os() {
        let (Some(k), Some(v)) = (k.to_str(), v.to_str()) else {
            continue;
        };
        environ.set(vm, Value::str(k), Value::str(v))?;
    }
    let mut values = vec![
        ("environ", Value::Dict(environ)),
        ("stat_result", Value::Type(stat_result)),
        ("F_OK", Value::Int(i64::from(libc::F_OK))),
        ("R_OK", Value::Int(i64::from(libc::R_OK))),
        ("W_OK", Value::Int(i64::from(libc::W_OK))),
        ("X_OK", Value::Int(i64::from(libc::X_OK))),
    ];
    values.push(("name", Value::str("posix")));
    Ok(super::make_module(
        vm,
        "posix",
        "This module provides access to operating system functionality.",
        FUNCTIONS,
        values,
    ))
}

/// The `OSError` subclass CPython raises for `errno` (`PyErr_SetFromErrno`),
/// with `strerror` and the file name.
pub fn os_error(vm: &mut Vm, errno: i32, filename: Option<&str>) -> PyErr {
    let name = match errno {
        libc::ENOENT => "FileNotFoundError",
        libc::EEXIST => "FileExistsError",
        libc::EACCES | libc::EPERM => "PermissionError",
        libc::ENOTDIR => "NotADirectoryError",
        libc::EISDIR => "IsADirectoryError",
        libc::ESRCH => "ProcessLookupError",
        libc::ECHILD => "ChildProcessError",
        libc::EINTR => "InterruptedError",
        libc::EAGAIN | libc::EALREADY | libc::EINPROGRESS => "BlockingIOError",
        libc::EPIPE | libc::ESHUTDOWN => "BrokenPipeError",
        libc::ECONNABORTED => "ConnectionAbortedError",
        libc::ECONNREFUSED => "ConnectionRefusedError",
        libc::ECONNRESET => "ConnectionResetError",
        libc::ETIMEDOUT => "TimeoutError",
        _ => "OSError",
    };
    let mut args = vec![
        Value::Int(i64::from(errno)),
        Value::str(&strerror_text(errno)),
    ];
    if let Some(f) = filename {
        args.push(Value::str(f));
    }
    let e = vm.new_error_args(name, args.clone());
    // errno, strerror and filename become attributes; args keeps two.
    match crate::builtins::structured_errors::init(vm, &e, &args) {
        Ok(()) => e,
        Err(err) => err,
    }
}

/// An `std::io::Error` as CPython's exception for its errno.
pub fn io_error(vm: &mut Vm, e: &std::io::Error, filename: Option<&str>) -> PyErr {
    match e.raw_os_error() {
        Some(errno) => os_error(vm, errno, filename),
        None => vm.new_error("OSError", e.to_string()),
    }
}

fn strerror_text(errno: i32) -> String {
    // SAFETY: strerror returns a pointer to a NUL-terminated message owned
    // by the C library, valid until the next strerror call; it is copied at
    // once and pyvm is single-threaded.
    unsafe {
        let p = libc::strerror(errno);
        if p.is_null() {
            return format!("Unknown error {errno}");
        }
        std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned()
    }
}

/// A path argument: str or an object with `__fspath__` returning str.
fn path_arg(vm: &mut Vm, v: &Value, func: &str) -> PyResult<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        Value::Bytes(_) | Value::ByteArray(_) => {
            Err(vm.not_implemented_error(format!("{func}: bytes paths are not supported by pyvm")))
        }
        other => {
            let key = vm.intern("__fspath__");
            let cls = vm.type_of(other).clone();
            if let Some(f) = vm.lookup_type(&cls, &key) {
                let r = vm.call_method_value(&f, other, &[])?;
                if let Value::Str(s) = r {
                    return Ok(s.to_string());
                }
            }
            let t = vm.type_name(other);
            Err(vm.type_error(format!(
                "{func}: path should be string, bytes or os.PathLike, not {t}"
            )))
        }
    }
}

fn one_path(vm: &mut Vm, args: &Args, func: &str) -> PyResult<String> {
    let [path] = args.bind(vm, func, ["path"], 0, 1)?;
    path_arg(vm, &path.unwrap_or_default(), func)
}

fn fspath(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let v = args.one(vm, "fspath")?;
    match v {
        Value::Str(_) | Value::Bytes(_) => Ok(v.clone()),
        other => {
            let key = vm.intern("__fspath__");
            let cls = vm.type_of(other).clone();
            match vm.lookup_type(&cls, &key) {
                Some(f) => vm.call_method_value(&f, other, &[]),
                None => {
                    let t = vm.type_name(other);
                    Err(vm.type_error(format!(
                        "expected str, bytes or os.PathLike object, not {t}"
                    )))
                }
            }
        }
    }
}

fn getcwd(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.unpack(vm, "getcwd", 0, 0)?;
    match std::env::current_dir() {
        Ok(p) => Ok(Value::str(&p.to_string_lossy())),
        Err(e) => Err(io_error(vm, &e, None)),
    }
}

fn chdir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = one_path(vm, &args, "chdir")?;
    std::env::set_current_dir(&p).map_err(|e| io_error(vm, &e, Some(&p)))?;
    Ok(Value::None)
}

fn listdir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let [path] = args.bind(vm, "listdir", ["path"], 0, 0)?;
    let p = match path {
        None | Some(Value::None) => ".".to_string(),
        Some(v) => path_arg(vm, &v, "listdir")?,
    };
    let rd = std::fs::read_dir(&p).map_err(|e| io_error(vm, &e, Some(&p)))?;
    let mut names = Vec::new();
    for entry in rd {
        let entry = entry.map_err(|e| io_error(vm, &e, Some(&p)))?;
        names.push(Value::str(&entry.file_name().to_string_lossy()));
    }
    Ok(Value::list(names))
}

fn stat_value(vm: &mut Vm, md: &std::fs::Metadata) -> PyResult<Value> {
    use std::os::unix::fs::MetadataExt;
    let cls: Rc<TypeObject> = match &vm.stat_result {
        Some(t) => t.clone(),
        None => return Err(vm.system_error("os.stat_result is not initialised")),
    };
    let ns = |s: i64, n: i64| Value::from_bigint(num_bigint::BigInt::from(s) * 1_000_000_000 + n);
    let secs = |s: i64, n: i64| Value::Float(s as f64 + n as f64 * 1e-9);
    let values = vec![
        Value::Int(i64::from(md.mode())),
        Value::Int(md.ino() as i64),
        Value::Int(md.dev() as i64),
        Value::Int(md.nlink() as i64),
        Value::Int(i64::from(md.uid())),
        Value::Int(i64::from(md.gid())),
        Value::Int(md.size() as i64),
        Value::Int(md.atime()),
        Value::Int(md.mtime()),
        Value::Int(md.ctime()),
        secs(md.atime(), md.atime_nsec()),
        secs(md.mtime(), md.mtime_nsec()),
        secs(md.ctime(), md.ctime_nsec()),
        ns(md.atime(), md.atime_nsec()),
        ns(md.mtime(), md.mtime_nsec()),
        ns(md.ctime(), md.ctime_nsec()),
    ];
    Ok(structseq::new_value(&cls, values))
}

fn stat(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = one_path(vm, &args, "stat")?;
    let md = std::fs::metadata(&p).map_err(|e| io_error(vm, &e, Some(&p)))?;
    stat_value(vm, &md)
}

fn lstat(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = one_path(vm, &args, "lstat")?;
    let md = std::fs::symlink_metadata(&p).map_err(|e| io_error(vm, &e, Some(&p)))?;
    stat_value(vm, &md)
}

fn mkdir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let [path, mode] = args.bind(vm, "mkdir", ["path", "mode"], 0, 1)?;
    let p = path_arg(vm, &path.unwrap_or_default(), "mkdir")?;
    let mode = match mode {
        Some(m) => vm.index_value(&m)? as u32,
        None => 0o777,
    };
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .mode(mode)
        .create(&p)
        .map_err(|e| io_error(vm, &e, Some(&p)))?;
    Ok(Value::None)
}

fn rmdir(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = one_path(vm, &args, "rmdir")?;
    std::fs::remove_dir(&p).map_err(|e| io_error(vm, &e, Some(&p)))?;
    Ok(Value::None)
}

fn unlink(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = one_path(vm, &args, "remove")?;
    std::fs::remove_file(&p).map_err(|e| io_error(vm, &e, Some(&p)))?;
    Ok(Value::None)
}

fn rename(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let [src, dst] = args.bind(vm, "rename", ["src", "dst"], 0, 2)?;
    let s = path_arg(vm, &src.unwrap_or_default(), "rename")?;
    let d = path_arg(vm, &dst.unwrap_or_default(), "rename")?;
    // CPython's message names both paths: [Errno 2] ...: 'a' -> 'b'.
    std::fs::rename(&s, &d).map_err(|e| {
        let err = io_error(vm, &e, Some(&s));
        err.set_attr("filename2", Value::str(&d));
        err
    })?;
    Ok(Value::None)
}

fn readlink(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let p = one_path(vm, &args, "readlink")?;
    let target = std::fs::read_link(&p).map_err(|e| io_error(vm, &e, Some(&p)))?;
    Ok(Value::str(&target.to_string_lossy()))
}

fn access(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let [path, mode] = args.bind(vm, "access", ["path", "mode"], 0, 2)?;
    let p = path_arg(vm, &path.unwrap_or_default(), "access")?;
    let mode = vm.index_value(&mode.unwrap_or(Value::Int(0)))? as i32;
    let Ok(c) = std::ffi::CString::new(p) else {
        return Err(vm.value_error("access: embedded null character in path"));
    };
    // SAFETY: `c` is a valid NUL-terminated path for the duration of the call.
    let r = unsafe { libc::access(c.as_ptr(), mode) };
    Ok(Value::Bool(r == 0))
}

fn getpid(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.unpack(vm, "getpid", 0, 0)?;
    Ok(Value::Int(i64::from(std::process::id())))
}

fn getppid(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.unpack(vm, "getppid", 0, 0)?;
    // SAFETY: getppid has no arguments and cannot fail.
    Ok(Value::Int(i64::from(unsafe { libc::getppid() })))
}

fn getuid(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.unpack(vm, "getuid", 0, 0)?;
    // SAFETY: getuid has no arguments and cannot fail.
    Ok(Value::Int(i64::from(unsafe { libc::getuid() })))
}

fn urandom(vm: &mut Vm, args: Args) -> PyResult<Value> {
    use std::io::Read;
    let n = args.one(vm, "urandom")?;
    let n = vm.index_value(n)?;
    if n < 0 {
        return Err(vm.value_error("negative argument not allowed"));
    }
    let mut buf = vec![0u8; n as usize];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut buf))
        .map_err(|e| io_error(vm, &e, None))?;
    Ok(Value::Bytes(crate::objects::BytesObject::new(buf)))
}

fn cpu_count(vm: &mut Vm, args: Args) -> PyResult<Value> {
    args.unpack(vm, "cpu_count", 0, 0)?;
    Ok(match std::thread::available_parallelism() {
        Ok(n) => Value::Int(n.get() as i64),
        Err(_) => Value::None,
    })
}

fn strerror(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let code = args.one(vm, "strerror")?;
    let code = vm.index_value(code)?;
    Ok(Value::str(&strerror_text(code as i32)))
}

fn putenv(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let a = args.unpack(vm, "putenv", 2, 2)?;
    let (Value::Str(k), Value::Str(v)) = (&a[0], &a[1]) else {
        return Err(vm.type_error("putenv: arguments must be str"));
    };
    let k = k.to_string();
    if k.is_empty() || k.contains('=') {
        return Err(vm.value_error("illegal environment variable name"));
    }
    std::env::set_var(k, v.to_string());
    Ok(Value::None)
}

fn unsetenv(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let k = args.one(vm, "unsetenv")?;
    let Value::Str(k) = k else {
        return Err(vm.type_error("unsetenv: argument must be str"));
    };
    std::env::remove_var(k.to_string());
    Ok(Value::None)
}

fn isatty(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let fd = args.one(vm, "isatty")?;
    let fd = vm.index_value(fd)?;
    // SAFETY: isatty only inspects the descriptor number.
    Ok(Value::Bool(unsafe { libc::isatty(fd as i32) } == 1))
}

fn umask(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let m = args.one(vm, "umask")?;
    let m = vm.index_value(m)?;
    // SAFETY: umask sets the process mask and returns the old one.
    Ok(Value::Int(i64::from(unsafe {
        libc::umask(m as libc::mode_t)
    })))
}

fn exit_now(vm: &mut Vm, args: Args) -> PyResult<Value> {
    let code = args.one(vm, "_exit")?;
    let code = vm.index_value(code)?;
    vm.stdout.flush();
    std::process::exit(code as i32)
}
