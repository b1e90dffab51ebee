//! Shared helpers for the integration tests: fixture discovery and staleness.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use pyvm_loader::pyc::{self, PyVersion, SourceStamp};

pub fn fixtures_dir(kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
        .join(kind)
}

/// The `.py` sources of a fixture directory, sorted.
pub fn fixture_sources(kind: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(fixtures_dir(kind))
        .expect("fixture directory exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    out.sort();
    out
}

/// Read the fixture's `.pyc`, failing if it was not compiled from the current
/// `.py` (its header carries the source's hash).
pub fn fresh_pyc(py: &Path) -> Result<Vec<u8>, String> {
    let regen = "run `python3 scripts/regen_fixtures.py`";
    let source = std::fs::read(py).map_err(|e| format!("{}: {e}", py.display()))?;
    let pyc_path = py.with_extension("pyc");
    let data =
        std::fs::read(&pyc_path).map_err(|e| format!("{}: {e} ({regen})", pyc_path.display()))?;
    let header = pyc::parse_header(&data).map_err(|e| format!("{}: {e}", pyc_path.display()))?;
    let want = pyc::source_hash(PyVersion::V3_10, &source).expect("3.10 magic known");
    match header.stamp {
        SourceStamp::Hash { hash, .. } if hash == want => Ok(data),
        _ => Err(format!(
            "{} is stale against its .py source ({regen})",
            pyc_path.display()
        )),
    }
}

/// Replace code-object addresses (` at 0x7f...`) with a fixed token.
pub fn normalize_addresses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(" at 0x") {
        out.push_str(&rest[..i]);
        out.push_str(" at 0xADDR");
        let after = &rest[i + 6..];
        let hex_len = after
            .find(|c: char| !c.is_ascii_hexdigit())
            .unwrap_or(after.len());
        rest = &after[hex_len..];
    }
    out.push_str(rest);
    out
}

/// Point at the first line where two texts differ.
pub fn first_difference(expected: &str, actual: &str) -> String {
    for (i, (e, a)) in expected.lines().zip(actual.lines()).enumerate() {
        if e != a {
            return format!("line {}:\n  expected: {e:?}\n  actual:   {a:?}", i + 1);
        }
    }
    format!(
        "line counts differ: expected {}, actual {}",
        expected.lines().count(),
        actual.lines().count()
    )
}
