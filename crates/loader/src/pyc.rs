//! The 16-byte `.pyc` header (PEP 552): magic number, flags word, and either the
//! source's mtime and size or a SipHash of the source.
//!
//! The magic number is the only thing that says which bytecode dialect follows,
//! so it is mapped to a CPython version here and everything downstream is chosen
//! from that version.

use crate::error::PycError;
use crate::hash::{siphash13, siphash24};

/// A CPython release line, e.g. `PyVersion { major: 3, minor: 10 }`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PyVersion {
    pub major: u8,
    pub minor: u8,
}

impl PyVersion {
    pub const V3_8: PyVersion = PyVersion::new(3, 8);
    pub const V3_9: PyVersion = PyVersion::new(3, 9);
    pub const V3_10: PyVersion = PyVersion::new(3, 10);
    pub const V3_11: PyVersion = PyVersion::new(3, 11);
    pub const V3_12: PyVersion = PyVersion::new(3, 12);
    pub const V3_13: PyVersion = PyVersion::new(3, 13);

    pub const fn new(major: u8, minor: u8) -> PyVersion {
        PyVersion { major, minor }
    }

    /// The `cpython-3XX` cache tag used in `__pycache__` file names.
    pub fn cache_tag(self) -> String {
        format!("cpython-{}{}", self.major, self.minor)
    }
}

impl std::fmt::Display for PyVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// Versions whose bytecode pyvm can decode and run.
pub const SUPPORTED_VERSIONS: &[PyVersion] = &[PyVersion::V3_10];

/// The magic number of each final release line, and the range of magic numbers
/// its alphas and betas used (from CPython's `importlib/_bootstrap_external.py`).
const MAGIC_TABLE: &[(PyVersion, u16, std::ops::RangeInclusive<u16>)] = &[
    (PyVersion::V3_8, 3413, 3400..=3413),
    (PyVersion::V3_9, 3425, 3420..=3425),
    (PyVersion::V3_10, 3439, 3430..=3439),
    (PyVersion::V3_11, 3495, 3450..=3495),
    (PyVersion::V3_12, 3531, 3500..=3531),
    (PyVersion::V3_13, 3571, 3550..=3571),
];

/// What a magic number identifies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MagicVersion {
    /// The final magic of a release line.
    Release(PyVersion),
    /// A magic from an alpha/beta of that release line: its bytecode may differ.
    PreRelease(PyVersion),
    /// Older than every line pyvm knows (3.7 and before use magics below 3400).
    Older,
    Unknown,
}

pub fn identify_magic(magic: u16) -> MagicVersion {
    for (version, release, range) in MAGIC_TABLE {
        if magic == *release {
            return MagicVersion::Release(*version);
        }
        if range.contains(&magic) {
            return MagicVersion::PreRelease(*version);
        }
    }
    if !(3400..20000).contains(&magic) {
        // 3.0-3.7 used magics below 3400; 2.x used 20121-62211.
        MagicVersion::Older
    } else {
        MagicVersion::Unknown
    }
}

/// The magic number CPython writes for a release line, if known.
pub fn magic_for(version: PyVersion) -> Option<u16> {
    MAGIC_TABLE
        .iter()
        .find(|(v, _, _)| *v == version)
        .map(|(_, m, _)| *m)
}

/// How the `.pyc` records the source it was compiled from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceStamp {
    /// The default: source mtime and size (both truncated to 32 bits).
    Timestamp { mtime: u32, size: u32 },
    /// `--invalidation-mode checked-hash/unchecked-hash`: SipHash of the source bytes.
    Hash { hash: [u8; 8], check_source: bool },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PycHeader {
    pub magic: u16,
    pub version: PyVersion,
    pub stamp: SourceStamp,
}

pub const HEADER_LEN: usize = 16;

/// Parse the header. Fails on short input, non-`.pyc` data, unknown magic numbers
/// and invalid flags; an unsupported-but-known version is *not* an error here
/// (the disassembler tables exist for it) — see [`check_supported`].
pub fn parse_header(data: &[u8]) -> Result<PycHeader, PycError> {
    if data.len() < HEADER_LEN {
        return Err(PycError::TooShort { len: data.len() });
    }
    let magic = u16::from_le_bytes([data[0], data[1]]);
    if data[2..4] != *b"\r\n" {
        return Err(PycError::NotPyc);
    }
    let version = match identify_magic(magic) {
        MagicVersion::Release(v) => v,
        MagicVersion::PreRelease(v) => {
            return Err(PycError::PreRelease {
                magic,
                version: v,
                supported: supported_list(),
            })
        }
        MagicVersion::Older => {
            return Err(PycError::TooOld {
                magic,
                supported: supported_list(),
            })
        }
        MagicVersion::Unknown => {
            return Err(PycError::UnknownMagic {
                magic,
                supported: supported_list(),
            })
        }
    };
    let flags = u32::from_le_bytes(data[4..8].try_into().expect("4 bytes"));
    let stamp = match flags {
        0 => SourceStamp::Timestamp {
            mtime: u32::from_le_bytes(data[8..12].try_into().expect("4 bytes")),
            size: u32::from_le_bytes(data[12..16].try_into().expect("4 bytes")),
        },
        1 | 3 => SourceStamp::Hash {
            hash: data[8..16].try_into().expect("8 bytes"),
            check_source: flags == 3,
        },
        _ => return Err(PycError::BadFlags { flags }),
    };
    Ok(PycHeader {
        magic,
        version,
        stamp,
    })
}

/// Refuse versions pyvm cannot run, naming the ones it can.
pub fn check_supported(header: &PycHeader) -> Result<(), PycError> {
    if SUPPORTED_VERSIONS.contains(&header.version) {
        Ok(())
    } else {
        Err(PycError::UnsupportedVersion {
            magic: header.magic,
            version: header.version,
            supported: supported_list(),
        })
    }
}

/// `"3.10"` or `"3.10, 3.11"`, for error messages.
pub fn supported_list() -> String {
    SUPPORTED_VERSIONS
        .iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `importlib.util.source_hash(source)` as computed by CPython `version`:
/// SipHash keyed with the raw magic number (magic plus `\r\n`): SipHash-2-4
/// up to 3.10, SipHash-1-3 from 3.11.
pub fn source_hash(version: PyVersion, source: &[u8]) -> Option<[u8; 8]> {
    let magic = magic_for(version)? as u64;
    let key = magic | (u64::from(b'\r') << 16) | (u64::from(b'\n') << 24);
    let hash = if version >= PyVersion::V3_11 {
        siphash13(key, 0, source)
    } else {
        siphash24(key, 0, source)
    };
    Some(hash.to_le_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_hash_matches_cpython() {
        // importlib.util.source_hash(b'abc') under each CPython.
        let cases = [
            (PyVersion::V3_8, "cdfe194f45691474"),
            (PyVersion::V3_9, "361f0027dbc6db99"),
            (PyVersion::V3_10, "435b6a4bbf3d9415"),
            (PyVersion::V3_11, "c7af82e77c1da4f5"),
            (PyVersion::V3_12, "a00f5731f8bafd32"),
            (PyVersion::V3_13, "c9ff551a534790a0"),
        ];
        for (v, want) in cases {
            let got: String = source_hash(v, b"abc")
                .unwrap()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(got, want, "{v}");
        }
    }

    #[test]
    fn magic_identification() {
        assert_eq!(
            identify_magic(3439),
            MagicVersion::Release(PyVersion::V3_10)
        );
        assert_eq!(
            identify_magic(3435),
            MagicVersion::PreRelease(PyVersion::V3_10)
        );
        assert_eq!(identify_magic(3394), MagicVersion::Older);
        assert_eq!(identify_magic(3999), MagicVersion::Unknown);
    }
}
