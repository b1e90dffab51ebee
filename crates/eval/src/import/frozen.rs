//! pyvm's own library (`pylib/`), compiled ahead of time and embedded in the
//! binary, so that `import collections` reads no file.

include!(concat!(env!("OUT_DIR"), "/frozen_modules.rs"));

/// The compiled module at `path` (`"heapq"`, `"collections/__init__"`).
pub fn get(path: &str) -> Option<&'static [u8]> {
    MODULES
        .binary_search_by(|(name, _)| name.cmp(&path))
        .ok()
        .map(|i| MODULES[i].1)
}
