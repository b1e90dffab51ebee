//! Importing from zip archives on the path (`PYVMPATH=app.zip`), as
//! CPython's `zipimport` does: `.pyc` files inside the archive (at its root
//! or under a prefix such as `app.zip/lib`), stored or deflated.
//!
//! Only the central directory is read (once per archive and cached); an
//! entry is inflated when its module is imported.

use std::collections::HashMap;
use std::rc::Rc;

use super::finder::{load_code, Found, CACHE_TAG};
use crate::error::PyResult;
use crate::value::Value;
use crate::vm::Vm;

/// One file in an archive's central directory.
#[derive(Clone)]
struct Entry {
    method: u16,
    compressed: u64,
    uncompressed: u64,
    header_offset: u64,
}

/// An archive's entries by name (read once, see `Vm::zip_cache`).
pub struct Archive {
    path: String,
    entries: HashMap<String, Entry>,
}

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?))
}

impl Archive {
    /// Read the central directory; `None` if `data` is not a zip archive.
    fn parse(path: &str, data: &[u8]) -> Option<Archive> {
        // The end-of-central-directory record is in the last 64 KiB + 22.
        let min = data.len().saturating_sub(22 + 65535);
        let eocd = (min..data.len().saturating_sub(21))
            .rev()
            .find(|&i| u32_at(data, i) == Some(0x0605_4b50))?;
        let count = u16_at(data, eocd + 10)? as usize;
        let mut pos = u32_at(data, eocd + 16)? as usize;
        let mut entries = HashMap::new();
        for _ in 0..count {
            if u32_at(data, pos)? != 0x0201_4b50 {
                return None;
            }
            let method = u16_at(data, pos + 10)?;
            let compressed = u64::from(u32_at(data, pos + 20)?);
            let uncompressed = u64::from(u32_at(data, pos + 24)?);
            let name_len = u16_at(data, pos + 28)? as usize;
            let extra_len = u16_at(data, pos + 30)? as usize;
            let comment_len = u16_at(data, pos + 32)? as usize;
            let header_offset = u64::from(u32_at(data, pos + 42)?);
            let name = data.get(pos + 46..pos + 46 + name_len)?;
            entries.insert(
                String::from_utf8_lossy(name).into_owned(),
                Entry {
                    method,
                    compressed,
                    uncompressed,
                    header_offset,
                },
            );
            pos += 46 + name_len + extra_len + comment_len;
        }
        Some(Archive {
            path: path.to_string(),
            entries,
        })
    }

    fn read(&self, e: &Entry) -> Result<Vec<u8>, String> {
        let data = std::fs::read(&self.path).map_err(|err| err.to_string())?;
        let h = e.header_offset as usize;
        let bad = || "bad local file header".to_string();
        if u32_at(&data, h) != Some(0x0403_4b50) {
            return Err(bad());
        }
        let name_len = u16_at(&data, h + 26).ok_or_else(bad)? as usize;
        let extra_len = u16_at(&data, h + 28).ok_or_else(bad)? as usize;
        let start = h + 30 + name_len + extra_len;
        let raw = data
            .get(start..start + e.compressed as usize)
            .ok_or_else(|| "truncated archive".to_string())?;
        match e.method {
            0 => Ok(raw.to_vec()),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(raw, e.uncompressed as usize)
                .map_err(|err| format!("can't decompress data: {err:?}")),
            m => Err(format!("unsupported compression method {m}")),
        }
    }
}

/// The archive at `path`, read once per run.
fn archive(vm: &mut Vm, path: &str) -> Option<Rc<Archive>> {
    if let Some(a) = vm.zip_cache.get(path) {
        return a.clone();
    }
    let parsed = std::fs::read(path)
        .ok()
        .and_then(|data| Archive::parse(path, &data))
        .map(Rc::new);
    vm.zip_cache.insert(path.to_string(), parsed.clone());
    parsed
}

/// Split a path entry such as `app.zip/lib/pkg` into the archive file and
/// the prefix inside it.
fn split_entry(entry: &str) -> Option<(String, String)> {
    let mut archive = std::path::PathBuf::from(entry);
    let mut inner = Vec::new();
    while !archive.is_file() {
        inner.push(archive.file_name()?.to_string_lossy().into_owned());
        if !archive.pop() {
            return None;
        }
    }
    inner.reverse();
    let prefix = if inner.is_empty() {
        String::new()
    } else {
        format!("{}/", inner.join("/"))
    };
    Some((archive.display().to_string(), prefix))
}

/// Find module `name` (last part `tail`) in the archive path entry `entry`.
pub fn find(vm: &mut Vm, name: &str, entry: &str, tail: &str) -> PyResult<Option<Found>> {
    let Some((file, prefix)) = split_entry(entry) else {
        return Ok(None);
    };
    let Some(arch) = archive(vm, &file) else {
        return Ok(None);
    };
    let candidates = [
        (format!("{prefix}{tail}/__init__.pyc"), true),
        (
            format!("{prefix}{tail}/__pycache__/__init__.{CACHE_TAG}.pyc"),
            true,
        ),
        (format!("{prefix}{tail}.pyc"), false),
        (format!("{prefix}__pycache__/{tail}.{CACHE_TAG}.pyc"), false),
    ];
    for (inner, is_package) in candidates {
        let Some(e) = arch.entries.get(&inner) else {
            continue;
        };
        let origin = format!("{file}/{inner}");
        let data = arch.read(e).map_err(|msg| {
            let err = vm.new_error("ZipImportError", msg);
            err.set_attr("name", Value::str(name));
            err
        })?;
        let code = load_code(vm, name, &data, &origin)?;
        let package_path = is_package.then(|| vec![format!("{file}/{prefix}{tail}")]);
        return Ok(Some(Found::Code {
            code,
            origin,
            package_path,
        }));
    }
    if arch.entries.contains_key(&format!("{prefix}{tail}.py"))
        || arch
            .entries
            .contains_key(&format!("{prefix}{tail}/__init__.py"))
    {
        let e = vm.new_error(
            "ImportError",
            format!(
                "module '{name}' is only available as source in {file}; pyvm runs compiled \
                 code: put the .pyc files (python3.10 -m compileall) in the archive"
            ),
        );
        e.set_attr("name", Value::str(name));
        return Err(e);
    }
    Ok(None)
}
