//! Finding a module: native modules first, then each entry of the search
//! path (a package's `__path__`, or `sys.path`): a directory, a zip archive,
//! or pyvm's frozen library. In a directory, a package (`name/__init__`)
//! wins over a module, and a compiled file is looked for next to the source
//! (`name.pyc`) and in `__pycache__/name.cpython-310.pyc` (PEP 3147). A
//! directory without `__init__` is a namespace-package portion, used only
//! if nothing else is found (PEP 420).

use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::error::PyResult;
use crate::objects::ModuleObject;
use crate::value::Value;
use crate::vm::Vm;

/// The `sys.path` entry that stands for pyvm's frozen library.
pub const FROZEN_ENTRY: &str = "<pyvm>/lib";

/// The tag in `__pycache__` file names for the bytecode pyvm runs.
pub const CACHE_TAG: &str = "cpython-310";

pub type NativeInit = fn(&mut Vm) -> PyResult<Rc<ModuleObject>>;

pub enum Found {
    Native(NativeInit),
    Code {
        code: Rc<pyvm_loader::CodeObject>,
        /// `__file__`.
        origin: String,
        /// `__path__` for a package.
        package_path: Option<Vec<String>>,
    },
    Namespace(Vec<String>),
}

impl Found {
    /// Where the module comes from, for the import log.
    pub fn describe(&self) -> String {
        match self {
            Found::Native(_) => "built-in".to_string(),
            Found::Code { origin, .. } => origin.clone(),
            Found::Namespace(paths) => format!("namespace {}", paths.join(", ")),
        }
    }
}

/// Find `name` (absolute, dotted) on `path` (`None`: top level, `sys.path`).
pub fn find(vm: &mut Vm, name: &str, path: Option<&Value>) -> PyResult<Option<Found>> {
    if path.is_none() {
        if let Some(init) = crate::modules::native(name) {
            return Ok(Some(Found::Native(init)));
        }
    }
    let entries = match path {
        Some(p) => vm.collect(p)?,
        None => {
            let key = vm.intern("path");
            match vm.sys_dict().get_str(&key) {
                Some(p) => vm.collect(&p)?,
                None => Vec::new(),
            }
        }
    };
    let tail = name.rsplit('.').next().unwrap_or(name);
    let mut namespace = Vec::new();
    for entry in entries {
        let Value::Str(entry) = entry else { continue };
        let entry = entry.to_string();
        let found = if let Some(rest) = entry.strip_prefix(FROZEN_ENTRY) {
            find_frozen(vm, name, rest.trim_start_matches('/'), tail)?
        } else {
            // '' is the current directory, made absolute as importlib does,
            // so that modules found there get absolute `__file__`s.
            let cwd;
            let dir = if entry.is_empty() {
                cwd = std::env::current_dir().unwrap_or_else(|_| ".".into());
                cwd.as_path()
            } else {
                Path::new(entry.as_str())
            };
            let p = dir;
            if p.is_dir() {
                find_in_dir(vm, name, p, tail, &mut namespace)?
            } else {
                // An archive, or a directory inside one (`app.zip/pkg`).
                super::zip::find(vm, name, &entry, tail)?
            }
        };
        if found.is_some() {
            return Ok(found);
        }
    }
    if !namespace.is_empty() {
        return Ok(Some(Found::Namespace(namespace)));
    }
    Ok(None)
}

fn find_frozen(vm: &mut Vm, name: &str, dir: &str, tail: &str) -> PyResult<Option<Found>> {
    let prefix = if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    };
    let package = format!("{prefix}{tail}/__init__");
    if let Some(bytes) = super::frozen::get(&package) {
        let origin = format!("{FROZEN_ENTRY}/{package}.py");
        let code = load_code(vm, name, bytes, &origin)?;
        return Ok(Some(Found::Code {
            code,
            origin,
            package_path: Some(vec![format!("{FROZEN_ENTRY}/{prefix}{tail}")]),
        }));
    }
    let module = format!("{prefix}{tail}");
    if let Some(bytes) = super::frozen::get(&module) {
        let origin = format!("{FROZEN_ENTRY}/{module}.py");
        let code = load_code(vm, name, bytes, &origin)?;
        return Ok(Some(Found::Code {
            code,
            origin,
            package_path: None,
        }));
    }
    Ok(None)
}

/// The compiled file for module `stem` in `dir`, if there is one.
fn compiled(dir: &Path, stem: &str) -> Option<PathBuf> {
    let cached = dir
        .join("__pycache__")
        .join(format!("{stem}.{CACHE_TAG}.pyc"));
    if cached.is_file() {
        return Some(cached);
    }
    let legacy = dir.join(format!("{stem}.pyc"));
    legacy.is_file().then_some(legacy)
}

fn find_in_dir(
    vm: &mut Vm,
    name: &str,
    dir: &Path,
    tail: &str,
    namespace: &mut Vec<String>,
) -> PyResult<Option<Found>> {
    let pkg_dir = dir.join(tail);
    if pkg_dir.is_dir() {
        if let Some(file) = compiled(&pkg_dir, "__init__") {
            let code = load_file(vm, name, &file)?;
            return Ok(Some(Found::Code {
                code,
                origin: file.display().to_string(),
                package_path: Some(vec![pkg_dir.display().to_string()]),
            }));
        }
        if pkg_dir.join("__init__.py").is_file() {
            return Err(uncompiled(vm, name, &pkg_dir.join("__init__.py")));
        }
        namespace.push(pkg_dir.display().to_string());
    }
    if let Some(file) = compiled(dir, tail) {
        let code = load_file(vm, name, &file)?;
        return Ok(Some(Found::Code {
            code,
            origin: file.display().to_string(),
            package_path: None,
        }));
    }
    let source = dir.join(format!("{tail}.py"));
    if source.is_file() {
        return Err(uncompiled(vm, name, &source));
    }
    Ok(None)
}

/// pyvm has no compiler: a module found only as source cannot be imported.
fn uncompiled(vm: &Vm, name: &str, source: &Path) -> crate::error::PyErr {
    let dir = source.parent().unwrap_or(Path::new("."));
    let e = vm.new_error(
        "ImportError",
        format!(
            "module '{name}' is only available as source ({}); pyvm runs compiled code: \
             compile it with `python3.10 -m compileall {}`",
            source.display(),
            dir.display()
        ),
    );
    e.set_attr("name", Value::str(name));
    e.set_attr("path", Value::str(&source.display().to_string()));
    e
}

fn load_file(vm: &mut Vm, name: &str, file: &Path) -> PyResult<Rc<pyvm_loader::CodeObject>> {
    let origin = file.display().to_string();
    let data = std::fs::read(file).map_err(|e| {
        let err = vm.new_error("ImportError", format!("cannot read {origin}: {e}"));
        err.set_attr("name", Value::str(name));
        err
    })?;
    load_code(vm, name, &data, &origin)
}

/// Unmarshal a `.pyc` for module `name`.
pub fn load_code(
    vm: &mut Vm,
    name: &str,
    data: &[u8],
    origin: &str,
) -> PyResult<Rc<pyvm_loader::CodeObject>> {
    let fail = |vm: &Vm, msg: String| {
        let e = vm.new_error("ImportError", msg);
        e.set_attr("name", Value::str(name));
        e.set_attr("path", Value::str(origin));
        e
    };
    if let Ok(header) = pyvm_loader::pyc::parse_header(data) {
        if pyvm_loader::pyc::check_supported(&header).is_err() {
            let magic = Value::Bytes(crate::objects::BytesObject::new(data[..4].to_vec()));
            let shown = vm.repr(&magic)?;
            return Err(fail(vm, format!("bad magic number in '{name}': {shown}")));
        }
    }
    match pyvm_loader::load_pyc(data) {
        Ok(pyc) => Ok(pyc.code),
        Err(e) => Err(fail(vm, format!("{origin}: {e}"))),
    }
}
