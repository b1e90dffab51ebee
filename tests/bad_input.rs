//! Corrupt, truncated and hostile `.pyc` input: always a clean error, never a
//! panic, a stack overflow or an allocation the input does not justify.

mod common;

use std::path::PathBuf;

use common::*;
use pyvm_loader::error::MarshalErrorKind;
use pyvm_loader::{load_pyc, marshal, PyVersion};

/// Load, decode everything and disassemble, as `pyvm dis` does.
fn full_load(data: &[u8]) -> Result<String, String> {
    let pyc = load_pyc(data).map_err(|e| e.to_string())?;
    pyc.code.decode_all().map_err(|e| e.to_string())?;
    pyvm_loader::dis::dis(&pyc.code).map_err(|e| e.to_string())
}

fn sample_pycs() -> Vec<(PathBuf, Vec<u8>)> {
    [
        "01_arith",
        "10_const_frozensets",
        "19_try_except",
        "27_closures",
        "38_match_literal",
    ]
    .iter()
    .map(|n| {
        let p = fixtures_dir("dis").join(format!("{n}.pyc"));
        let data = std::fs::read(&p).unwrap();
        (p, data)
    })
    .collect()
}

#[test]
fn every_truncation_is_an_error() {
    for (path, data) in sample_pycs() {
        assert!(full_load(&data).is_ok(), "{} should load", path.display());
        for len in 0..data.len() {
            assert!(
                full_load(&data[..len]).is_err(),
                "{} truncated to {len} bytes loaded",
                path.display()
            );
        }
    }
}

#[test]
fn flipped_bytes_never_panic() {
    for (_, data) in sample_pycs() {
        let mut copy = data.clone();
        for i in 0..data.len() {
            for mask in [0x01u8, 0x10, 0x80, 0xff] {
                copy[i] = data[i] ^ mask;
                let _ = full_load(&copy);
            }
            copy[i] = data[i];
        }
    }
}

fn header(magic: u16) -> Vec<u8> {
    let mut h = magic.to_le_bytes().to_vec();
    h.extend_from_slice(b"\r\n");
    h.extend_from_slice(&[0; 12]);
    h
}

fn marshal_err(data: &[u8]) -> MarshalErrorKind {
    marshal::loads(data, PyVersion::V3_10).unwrap_err().kind
}

#[test]
fn wrong_versions_are_named() {
    let msg = |magic| load_pyc(&header(magic)).unwrap_err().to_string();
    assert!(msg(3495).contains("CPython 3.11"), "{}", msg(3495));
    assert!(msg(3495).contains("supports CPython 3.10"));
    assert!(msg(3413).contains("CPython 3.8"));
    assert!(msg(3394).contains("3.7 or older"));
    assert!(msg(3900).contains("unknown magic number 3900"));
    assert!(msg(3435).contains("pre-release of CPython 3.10"));
    let mut not_pyc = header(3439);
    not_pyc[2] = b'X';
    assert!(load_pyc(&not_pyc)
        .unwrap_err()
        .to_string()
        .contains("not a .pyc"));
    let mut bad_flags = header(3439);
    bad_flags[4] = 4;
    assert!(load_pyc(&bad_flags)
        .unwrap_err()
        .to_string()
        .contains("flags"));
}

#[test]
fn absurd_lengths_are_refused_before_allocating() {
    // Each claims ~2**31 items or bytes but holds none.
    for code in [b'(', b'[', b'<', b'>', b's', b'u', b'a', b'l'] {
        let mut data = vec![code];
        data.extend_from_slice(&i32::MAX.to_le_bytes());
        assert!(
            matches!(marshal_err(&data), MarshalErrorKind::SizeOutOfRange { .. }),
            "type {}",
            code as char
        );
    }
    let mut negative = vec![b'('];
    negative.extend_from_slice(&(-1i32).to_le_bytes());
    assert!(matches!(
        marshal_err(&negative),
        MarshalErrorKind::SizeOutOfRange { .. }
    ));
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    // 100,000 nested one-element tuples.
    let mut data = Vec::new();
    for _ in 0..100_000 {
        data.extend_from_slice(b")\x01");
    }
    data.push(b'N');
    assert!(matches!(marshal_err(&data), MarshalErrorKind::TooDeep(_)));
}

#[test]
fn malformed_streams() {
    assert_eq!(marshal_err(b""), MarshalErrorKind::Eof);
    assert_eq!(marshal_err(b"?"), MarshalErrorKind::UnknownType(b'?'));
    assert_eq!(
        marshal_err(b"r\x05\x00\x00\x00"),
        MarshalErrorKind::InvalidReference(5)
    );
    // A tuple that refers to itself while being read.
    assert_eq!(
        marshal_err(b"\xa9\x01r\x00\x00\x00\x00"),
        MarshalErrorKind::RecursiveReference(0)
    );
    // Long with a zero top digit, and with a digit >= 2**15.
    assert_eq!(
        marshal_err(b"l\x01\x00\x00\x00\x00\x00"),
        MarshalErrorKind::UnnormalizedLong
    );
    assert_eq!(
        marshal_err(b"l\x01\x00\x00\x00\x00\x80"),
        MarshalErrorKind::DigitOutOfRange
    );
    assert_eq!(
        marshal_err(b"u\x01\x00\x00\x00\xff"),
        MarshalErrorKind::BadUtf8
    );
    assert_eq!(marshal_err(b")\x01\x30"), MarshalErrorKind::Null("tuple"));
    assert_eq!(
        marshal_err(b"<\x01\x00\x00\x00[\x00\x00\x00\x00"),
        MarshalErrorKind::Unhashable("list")
    );
}

#[test]
fn references_and_longs_decode() {
    // (x, x) where x = 'ab' flagged for reference; then a 3-digit long.
    let v = marshal::loads(b")\x02\xfa\x02abr\x00\x00\x00\x00", PyVersion::V3_10).unwrap();
    assert_eq!(v.repr(), "('ab', 'ab')");
    // -(1 + 2*2**15 + 3*2**30)
    let v = marshal::loads(
        b"l\xfd\xff\xff\xff\x01\x00\x02\x00\x03\x00",
        PyVersion::V3_10,
    )
    .unwrap();
    assert_eq!(v.repr(), "-3221291009");
    let big = marshal::loads(
        b"l\x05\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x01\x00",
        PyVersion::V3_10,
    )
    .unwrap();
    assert_eq!(big.repr(), "1152921504606846977"); // 2**60 + 1
}

#[test]
fn bad_bytecode_is_reported_with_its_location() {
    let (_, data) = &sample_pycs()[0];
    let pyc = load_pyc(data).unwrap();
    // Rebuild the module's code with an unknown opcode by patching co_code in the file.
    let code = &pyc.code.code;
    let pos = data
        .windows(code.len())
        .position(|w| w == &code[..])
        .expect("co_code is stored verbatim");
    let mut patched = data.clone();
    patched[pos] = 0; // opcode 0 is undefined in 3.10
    let err = load_pyc(&patched).unwrap().code.decode_all().unwrap_err();
    assert!(err.to_string().contains("unknown opcode 0"), "{err}");
    assert!(err.to_string().contains("offset 0"), "{err}");
}

#[test]
fn cli_reports_one_line_and_exit_status_2() {
    let dir = std::env::temp_dir().join(format!("pyvm-bad-input-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.pyc", vec![], "too short"),
        ("py311.pyc", header(3495), "CPython 3.11"),
        ("trunc.pyc", header(3439), "EOF read where object expected"),
    ];
    for (name, bytes, needle) in cases {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        for args in [vec!["dis"], vec![]] {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_pyvm"))
                .args(&args)
                .arg(&path)
                .output()
                .unwrap();
            let stderr = String::from_utf8(out.stderr).unwrap();
            assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
            assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
            assert!(
                stderr.contains(name) && stderr.contains(needle),
                "{name}: {stderr}"
            );
        }
    }
    let missing = std::process::Command::new(env!("CARGO_BIN_EXE_pyvm"))
        .args(["dis", "/nonexistent/x.pyc"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}
