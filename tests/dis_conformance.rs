//! `pyvm dis` against CPython 3.10's `dis.dis()` on every fixture in
//! tests/fixtures/dis, plus a check that the fixtures exercise every opcode.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::*;
use pyvm_loader::opcode::v310::TABLE;
use pyvm_loader::{load_pyc, CodeObject, Constant};

fn check_fixture(py: &Path) -> Result<(), String> {
    let name = py.file_name().unwrap().to_string_lossy().to_string();
    let data = fresh_pyc(py)?;
    let pyc = load_pyc(&data).map_err(|e| format!("{name}: load failed: {e}"))?;
    pyc.code
        .decode_all()
        .map_err(|e| format!("{name}: decode failed: {e}"))?;
    let text = pyvm_loader::dis::dis(&pyc.code).map_err(|e| format!("{name}: {e}"))?;
    let actual = normalize_addresses(&text);
    let dis_path = py.with_extension("dis");
    if dis_path.exists() {
        let expected = normalize_addresses(&std::fs::read_to_string(&dis_path).unwrap());
        if expected != actual {
            return Err(format!("{name}: {}", first_difference(&expected, &actual)));
        }
    } else {
        // Outputs too large to commit are stored as a SipHash fingerprint.
        let hash_path = py.with_extension("dis.hash");
        let want = std::fs::read_to_string(&hash_path)
            .map_err(|e| format!("{name}: no expected output: {e}"))?;
        let got = format!(
            "{:016x} {}",
            pyvm_loader::hash::hash_bytes(actual.as_bytes()) as u64,
            actual.len()
        );
        if want.trim() != got {
            return Err(format!(
                "{name}: output fingerprint {got}, expected {}",
                want.trim()
            ));
        }
    }
    Ok(())
}

#[test]
fn dis_matches_cpython_on_every_fixture() {
    let sources = fixture_sources("dis");
    assert!(sources.len() >= 40, "expected at least 40 dis fixtures");
    let failures: Vec<String> = sources
        .iter()
        .filter_map(|py| check_fixture(py).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} fixtures differ:\n{}",
        failures.len(),
        sources.len(),
        failures.join("\n")
    );
}

fn collect_opcodes(code: &CodeObject, seen: &mut BTreeSet<u8>) {
    for unit in code.code.chunks_exact(2) {
        seen.insert(unit[0]);
    }
    for c in code.consts.iter() {
        if let Constant::Code(inner) = c {
            collect_opcodes(inner, seen);
        }
    }
}

#[test]
fn fixtures_cover_every_opcode() {
    let mut seen = BTreeSet::new();
    for py in fixture_sources("dis") {
        let pyc = load_pyc(&fresh_pyc(&py).unwrap()).unwrap();
        collect_opcodes(&pyc.code, &mut seen);
    }
    let unreachable =
        std::fs::read_to_string(fixtures_dir("dis").join("UNREACHABLE.txt")).unwrap_or_default();
    let missing: Vec<&str> = (0..=255u8)
        .map(|op| TABLE.info(op))
        .filter(|info| info.is_defined())
        .filter(|info| !seen.iter().any(|&op| TABLE.info(op).name == info.name))
        .filter(|info| {
            !unreachable
                .lines()
                .any(|l| l.starts_with(&format!("{}:", info.name)))
        })
        .map(|info| info.name)
        .collect();
    assert!(missing.is_empty(), "opcodes no fixture uses: {missing:?}");
}

#[test]
fn cli_dis_prints_the_same() {
    let py = fixtures_dir("dis").join("01_arith.py");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pyvm"))
        .arg("dis")
        .arg(py.with_extension("pyc"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let expected = std::fs::read_to_string(py.with_extension("dis")).unwrap();
    assert_eq!(
        normalize_addresses(&String::from_utf8(out.stdout).unwrap()),
        normalize_addresses(&expected)
    );
}
