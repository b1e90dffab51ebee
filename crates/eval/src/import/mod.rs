//! The import system: `IMPORT_NAME`, `IMPORT_FROM`, `IMPORT_STAR` and
//! `__import__`, following `importlib._bootstrap` (`_gcd_import`,
//! `_find_and_load`, `_handle_fromlist`) and `ceval.c`'s `import_from` /
//! `import_all_from`, with CPython's error messages.
//!
//! Modules are found (`finder.rs`) among the native modules (`sys`, `math`…,
//! in `crate::modules`), then along `sys.path` (or a package's `__path__`):
//! directories holding `.pyc` files (next to the source or in
//! `__pycache__`), zip archives, and pyvm's own library (`pylib/`, frozen
//! into the binary).

pub mod finder;
pub mod frozen;
pub mod zip;

use std::rc::Rc;

use crate::error::{PyErr, PyResult};
use crate::objects::{DictObject, ModuleObject, StrObject};
use crate::value::Value;
use crate::vm::Vm;

use finder::Found;

/// `ModuleNotFoundError: No module named 'x'` (with its `name` attribute).
fn not_found(vm: &Vm, msg: String, name: &str) -> PyErr {
    let e = vm.new_error("ModuleNotFoundError", msg);
    e.set_attr("name", Value::str(name));
    e
}

fn import_error(vm: &Vm, msg: String, name: Option<&str>, path: Option<Value>) -> PyErr {
    let e = vm.new_error("ImportError", msg);
    e.set_attr("name", name.map_or(Value::None, Value::str));
    e.set_attr("path", path.unwrap_or_default());
    e
}

impl Vm {
    /// `sys.modules`.
    pub fn sys_modules(&self) -> Rc<DictObject> {
        self.sys_modules.clone()
    }

    fn module_in_cache(&mut self, name: &str) -> PyResult<Option<Value>> {
        let key = self.intern(name);
        match self.sys_modules.get_str(&key) {
            Some(Value::None) => Err(not_found(
                self,
                format!("import of {name} halted; None in sys.modules"),
                name,
            )),
            other => Ok(other),
        }
    }

    /// `importlib._bootstrap._gcd_import`: the module called `name`
    /// (absolute), importing it and its parents if needed.
    pub fn import_absolute(&mut self, name: &str) -> PyResult<Value> {
        if let Some(m) = self.module_in_cache(name)? {
            return Ok(m);
        }
        self.find_and_load(name)
    }

    fn find_and_load(&mut self, name: &str) -> PyResult<Value> {
        let (parent, child) = match name.rfind('.') {
            Some(i) => (&name[..i], &name[i + 1..]),
            None => ("", name),
        };
        let mut search_path = None;
        let mut parent_module = None;
        if !parent.is_empty() {
            let pm = self.import_absolute(parent)?;
            if let Some(m) = self.module_in_cache(name)? {
                return Ok(m);
            }
            match self.get_attr_opt(&pm, "__path__")? {
                Some(p) => search_path = Some(p),
                None => {
                    return Err(not_found(
                        self,
                        format!("No module named '{name}'; '{parent}' is not a package"),
                        name,
                    ))
                }
            }
            parent_module = Some(pm);
        }
        #[cfg(feature = "trace")]
        let _span = tracing::debug_span!(target: "pyvm::import", "import", module = name).entered();
        #[cfg(feature = "trace")]
        let start = tracing::enabled!(target: "pyvm::import", tracing::Level::DEBUG)
            .then(std::time::Instant::now);
        let Some(found) = finder::find(self, name, search_path.as_ref())? else {
            return Err(not_found(self, format!("No module named '{name}'"), name));
        };
        #[cfg(feature = "trace")]
        let origin = found.describe();
        let module = self.load(name, found)?;
        #[cfg(feature = "trace")]
        if let Some(start) = start {
            tracing::debug!(
                target: "pyvm::import",
                "loaded {name} from {origin} in {:.3} ms",
                start.elapsed().as_secs_f64() * 1e3
            );
        }
        let module = match self.module_in_cache(name)? {
            Some(m) => m,
            None => module,
        };
        if let Some(pm) = parent_module {
            let key = self.intern(child);
            self.set_attr(&pm, &key, module.clone())?;
        }
        Ok(module)
    }

    /// Create, register and execute a module.
    fn load(&mut self, name: &str, found: Found) -> PyResult<Value> {
        let key = self.intern(name);
        let (code, origin, package_path) = match found {
            Found::Native(init) => {
                let module = init(self)?;
                self.sys_modules
                    .set_str(key.clone(), Value::Module(module.clone()));
                return Ok(Value::Module(module));
            }
            Found::Code {
                code,
                origin,
                package_path,
            } => (code, origin, package_path),
            Found::Namespace(paths) => {
                let dict = self.new_module_dict(name, None, Some(paths), true);
                let module = ModuleObject::new(name, dict);
                self.sys_modules
                    .set_str(key.clone(), Value::Module(module.clone()));
                return Ok(Value::Module(module));
            }
        };
        let is_package = package_path.is_some();
        let dict = self.new_module_dict(name, Some(&origin), package_path, is_package);
        let module = Value::Module(ModuleObject::new(name, dict.clone()));
        self.sys_modules.set_str(key.clone(), module.clone());
        self.initializing.push(key.clone());
        let result = crate::objects::CodeObject::new(self, code).and_then(|code| {
            let builtins = self.builtins.clone();
            let frame = crate::frame::Frame::boxed(self, code, dict.clone(), builtins, Some(dict));
            crate::eval::run_frame(self, frame)
        });
        self.initializing.retain(|n| !Rc::ptr_eq(n, &key));
        if let Err(e) = result {
            self.sys_modules.remove_str(&key);
            return Err(e);
        }
        Ok(module)
    }

    fn new_module_dict(
        &mut self,
        name: &str,
        origin: Option<&str>,
        package_path: Option<Vec<String>>,
        is_package: bool,
    ) -> Rc<DictObject> {
        let dict = DictObject::new();
        let package = if is_package {
            name.to_string()
        } else {
            name.rsplit_once('.').map_or("", |(p, _)| p).to_string()
        };
        let spec = self.module_spec(name, origin, package_path.as_deref(), &package);
        let mut entries = vec![
            ("__name__", Value::str(name)),
            ("__doc__", Value::None),
            ("__package__", Value::str(&package)),
            ("__loader__", Value::None),
            ("__spec__", spec),
        ];
        if let Some(p) = &package_path {
            entries.push((
                "__path__",
                Value::list(p.iter().map(|s| Value::str(s)).collect()),
            ));
        }
        if let Some(o) = origin {
            entries.push(("__file__", Value::str(o)));
            entries.push(("__cached__", Value::str(o)));
        }
        entries.push((
            "__builtins__",
            Value::Module(ModuleObject::new("builtins", self.builtins.clone())),
        ));
        for (k, v) in entries {
            dict.set_str(self.intern(k), v);
        }
        dict
    }

    /// A minimal `importlib.machinery.ModuleSpec`.
    fn module_spec(
        &mut self,
        name: &str,
        origin: Option<&str>,
        search: Option<&[String]>,
        parent: &str,
    ) -> Value {
        let spec = crate::objects::InstanceObject::new(self.types.module_spec.clone());
        let locations = search.map_or(Value::None, |p| {
            Value::list(p.iter().map(|s| Value::str(s)).collect())
        });
        for (k, v) in [
            ("name", Value::str(name)),
            ("loader", Value::None),
            ("origin", origin.map_or(Value::None, Value::str)),
            ("submodule_search_locations", locations),
            ("cached", origin.map_or(Value::None, Value::str)),
            ("parent", Value::str(parent)),
            ("has_location", Value::Bool(origin.is_some())),
        ] {
            spec.dict.set_str(self.intern(k), v);
        }
        Value::Instance(spec)
    }

    /// `__import__(name, globals, locals, fromlist, level)`.
    pub fn import_module_level(
        &mut self,
        name: &StrObject,
        globals: Option<&Rc<DictObject>>,
        fromlist: &Value,
        level: i64,
    ) -> PyResult<Value> {
        if level < 0 {
            return Err(self.value_error("level must be >= 0"));
        }
        let name = name.to_rust().into_owned();
        let absolute = if level > 0 {
            let package = self.calc_package(globals)?;
            if package.is_empty() {
                return Err(import_error(
                    self,
                    "attempted relative import with no known parent package".into(),
                    None,
                    None,
                ));
            }
            let bits: Vec<&str> = package.rsplitn(level as usize, '.').collect();
            if bits.len() < level as usize {
                return Err(import_error(
                    self,
                    "attempted relative import beyond top-level package".into(),
                    None,
                    None,
                ));
            }
            let base = bits[bits.len() - 1];
            if name.is_empty() {
                base.to_string()
            } else {
                format!("{base}.{name}")
            }
        } else {
            if name.is_empty() {
                return Err(self.value_error("Empty module name"));
            }
            name.clone()
        };
        let module = self.import_absolute(&absolute)?;
        let has_fromlist = match fromlist {
            Value::None => false,
            other => self.truthy(other)?,
        };
        if !has_fromlist {
            if level == 0 {
                let first = name.split('.').next().unwrap_or(&name);
                return self.import_absolute(first);
            }
            if name.is_empty() {
                return Ok(module);
            }
            // `from . import a.b` is not valid syntax, but `__import__('a.b',
            // level=1)` returns the top package relative to the base.
            let cut = name.len() - name.split('.').next().unwrap_or(&name).len();
            let top = &absolute[..absolute.len() - cut];
            return self.import_absolute(top);
        }
        if self.get_attr_opt(&module, "__path__")?.is_some() {
            self.handle_fromlist(&module, fromlist, false)?;
        }
        Ok(module)
    }

    /// `_calc___package__`.
    fn calc_package(&mut self, globals: Option<&Rc<DictObject>>) -> PyResult<String> {
        let Some(g) = globals else {
            return Err(self.key_error(Value::str("'__name__' not in globals")));
        };
        let get = |vm: &mut Vm, k: &str| {
            let key = vm.intern(k);
            g.get_str(&key)
        };
        match get(self, "__package__") {
            Some(Value::Str(p)) => return Ok(p.to_string()),
            Some(Value::None) | None => {}
            Some(_) => return Err(self.type_error("package must be a string")),
        }
        if let Some(spec @ Value::Instance(_)) = get(self, "__spec__") {
            if let Some(Value::Str(p)) = self.get_attr_opt(&spec, "parent")? {
                return Ok(p.to_string());
            }
        }
        let Some(Value::Str(name)) = get(self, "__name__") else {
            return Err(self.key_error(Value::str("__name__")));
        };
        let name = name.to_string();
        if get(self, "__path__").is_some() {
            return Ok(name);
        }
        Ok(name.rsplit_once('.').map_or("", |(p, _)| p).to_string())
    }

    /// `_handle_fromlist`: import submodules named in `from pkg import a, b`.
    fn handle_fromlist(
        &mut self,
        module: &Value,
        fromlist: &Value,
        recursive: bool,
    ) -> PyResult<()> {
        let items = self.collect(fromlist)?;
        let pkg_name = match self.get_attr_opt(module, "__name__")? {
            Some(Value::Str(s)) => s.to_string(),
            _ => String::new(),
        };
        for x in items {
            let Value::Str(s) = &x else {
                let t = self.type_name(&x);
                let what = if recursive {
                    format!("Item in {pkg_name}.__all__ must be str, not {t}")
                } else {
                    format!("Item in ``from list'' must be str, not {t}")
                };
                return Err(self.type_error(what));
            };
            if s.eq_ascii("*") {
                if !recursive {
                    if let Some(all) = self.get_attr_opt(module, "__all__")? {
                        self.handle_fromlist(module, &all, true)?;
                    }
                }
                continue;
            }
            if self.get_attr_opt(module, &s.to_string())?.is_some() {
                continue;
            }
            let from_name = format!("{pkg_name}.{s}");
            if let Err(e) = self.import_absolute(&from_name) {
                let missing_is_it = vm_err_name(&e).as_deref() == Some(from_name.as_str());
                let key = self.intern(&from_name);
                let blocked = matches!(self.sys_modules.get_str(&key), Some(Value::None));
                if self.is_instance_of(&e, "ModuleNotFoundError") && missing_is_it && !blocked {
                    continue;
                }
                return Err(e);
            }
        }
        Ok(())
    }

    /// `IMPORT_FROM`: `from module import name`.
    pub fn import_from(&mut self, module: &Value, name: &Rc<StrObject>) -> PyResult<Value> {
        match self.get_attr(module, name) {
            Ok(v) => return Ok(v),
            Err(e) if !self.is_instance_of(&e, "AttributeError") => return Err(e),
            Err(_) => {}
        }
        let pkg_name = match self.get_attr_opt(module, "__name__").ok().flatten() {
            Some(Value::Str(s)) => Some(s.to_string()),
            _ => None,
        };
        if let Some(p) = &pkg_name {
            let key = self.intern(&format!("{p}.{name}"));
            if let Some(m) = self.sys_modules.get_str(&key) {
                return Ok(m);
            }
        }
        let shown = pkg_name
            .clone()
            .unwrap_or_else(|| "<unknown module name>".into());
        let path = self.get_attr_opt(module, "__file__").ok().flatten();
        let msg = match &path {
            Some(Value::Str(p)) => {
                let initializing = self
                    .initializing
                    .iter()
                    .any(|n| n.to_rust() == shown.as_str());
                if initializing {
                    format!(
                        "cannot import name '{name}' from partially initialized module '{shown}' \
                         (most likely due to a circular import) ({p})"
                    )
                } else {
                    format!("cannot import name '{name}' from '{shown}' ({p})")
                }
            }
            _ => format!("cannot import name '{name}' from '{shown}' (unknown location)"),
        };
        Err(import_error(self, msg, pkg_name.as_deref(), path))
    }

    /// `IMPORT_STAR`: copy the public names (or `__all__`) into `locals`.
    pub fn import_star(&mut self, module: &Value, locals: &Rc<DictObject>) -> PyResult<()> {
        let (names, from_all) = match self.get_attr_opt(module, "__all__")? {
            Some(all) => (self.collect(&all)?, true),
            None => {
                let Some(Value::Dict(d)) = self.get_attr_opt(module, "__dict__")? else {
                    return Err(import_error(
                        self,
                        "from-import-* object has no __dict__ and no __all__".into(),
                        None,
                        None,
                    ));
                };
                (d.keys(), false)
            }
        };
        let modname = match self.get_attr_opt(module, "__name__")? {
            Some(Value::Str(s)) => s.to_string(),
            _ => String::from("?"),
        };
        for n in names {
            let Value::Str(s) = &n else {
                let t = self.type_name(&n);
                return Err(self.type_error(if from_all {
                    format!("Item in {modname}.__all__ must be str, not {t}")
                } else {
                    format!("Key in {modname}.__dict__ must be str, not {t}")
                }));
            };
            if !from_all && s.to_rust().starts_with('_') {
                continue;
            }
            let v = self.get_attr(module, s)?;
            locals.set(self, n.clone(), v)?;
        }
        Ok(())
    }
}

fn vm_err_name(e: &PyErr) -> Option<String> {
    match e.get_attr("name") {
        Some(Value::Str(s)) => Some(s.to_string()),
        _ => None,
    }
}
