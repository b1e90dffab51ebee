//! CPython-compatible hash functions.
//!
//! Two users: `.pyc` source hashes (SipHash-2-4 keyed with the magic number), and
//! the order of frozenset constants, which CPython's `repr` shows in hash-table
//! order. With `PYTHONHASHSEED=0` CPython's str/bytes hash is SipHash-2-4 with an
//! all-zero key, so emulating it here reproduces CPython's printed order exactly.

/// SipHash-2-4 with a 64-bit result, as in CPython's `Python/pyhash.c`.
pub fn siphash24(k0: u64, k1: u64, data: &[u8]) -> u64 {
    siphash::<2, 4>(k0, k1, data)
}

/// SipHash-1-3, which CPython 3.13 uses for `.pyc` source hashes.
pub fn siphash13(k0: u64, k1: u64, data: &[u8]) -> u64 {
    siphash::<1, 3>(k0, k1, data)
}

fn siphash<const C: usize, const D: usize>(k0: u64, k1: u64, data: &[u8]) -> u64 {
    let mut v0 = k0 ^ 0x736f_6d65_7073_6575;
    let mut v1 = k1 ^ 0x646f_7261_6e64_6f6d;
    let mut v2 = k0 ^ 0x6c79_6765_6e65_7261;
    let mut v3 = k1 ^ 0x7465_6462_7974_6573;

    #[inline(always)]
    fn round(v0: &mut u64, v1: &mut u64, v2: &mut u64, v3: &mut u64) {
        *v0 = v0.wrapping_add(*v1);
        *v1 = v1.rotate_left(13);
        *v1 ^= *v0;
        *v0 = v0.rotate_left(32);
        *v2 = v2.wrapping_add(*v3);
        *v3 = v3.rotate_left(16);
        *v3 ^= *v2;
        *v0 = v0.wrapping_add(*v3);
        *v3 = v3.rotate_left(21);
        *v3 ^= *v0;
        *v2 = v2.wrapping_add(*v1);
        *v1 = v1.rotate_left(17);
        *v1 ^= *v2;
        *v2 = v2.rotate_left(32);
    }

    let mut chunks = data.chunks_exact(8);
    for chunk in &mut chunks {
        let m = u64::from_le_bytes(chunk.try_into().expect("8-byte chunk"));
        v3 ^= m;
        for _ in 0..C {
            round(&mut v0, &mut v1, &mut v2, &mut v3);
        }
        v0 ^= m;
    }
    let mut last = (data.len() as u64) << 56;
    for (i, &b) in chunks.remainder().iter().enumerate() {
        last |= u64::from(b) << (8 * i);
    }
    v3 ^= last;
    for _ in 0..C {
        round(&mut v0, &mut v1, &mut v2, &mut v3);
    }
    v0 ^= last;
    v2 ^= 0xff;
    for _ in 0..D {
        round(&mut v0, &mut v1, &mut v2, &mut v3);
    }
    v0 ^ v1 ^ v2 ^ v3
}

/// `_PyHASH_MODULUS`: numeric hashes are reductions modulo the Mersenne prime 2**61 - 1.
pub const HASH_MODULUS: u64 = (1 << 61) - 1;
const HASH_BITS: u32 = 61;
pub const HASH_INF: i64 = 314_159;
const HASH_IMAG: u64 = 1_000_003;

/// CPython maps a hash of -1 (its error marker) to -2.
#[inline]
pub fn fix_minus_one(h: i64) -> i64 {
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `_Py_HashBytes` under `PYTHONHASHSEED=0`; `data` is the object's canonical
/// buffer (for str: its PEP 393 code units).
pub fn hash_bytes(data: &[u8]) -> i64 {
    if data.is_empty() {
        return 0;
    }
    fix_minus_one(siphash24(0, 0, data) as i64)
}

/// `hash(n)` for an int that fits in an i64.
pub fn hash_i64(n: i64) -> i64 {
    let m = (n.unsigned_abs() % HASH_MODULUS) as i64;
    fix_minus_one(if n < 0 { -m } else { m })
}

/// `hash(n)` for an int given by sign and magnitude reduced mod 2**61-1.
pub fn hash_from_reduced(negative: bool, magnitude_mod: u64) -> i64 {
    let m = magnitude_mod as i64;
    fix_minus_one(if negative { -m } else { m })
}

/// `_Py_HashDouble`, except that NaN (hashed by object address in CPython) hashes to 0.
pub fn hash_f64(v: f64) -> i64 {
    if v.is_infinite() {
        return if v > 0.0 { HASH_INF } else { -HASH_INF };
    }
    if v.is_nan() {
        return 0;
    }
    let (mut m, mut e) = frexp(v);
    let mut sign: i64 = 1;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & HASH_MODULUS) | (x >> (HASH_BITS - 28));
        m *= 268_435_456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= HASH_MODULUS {
            x -= HASH_MODULUS;
        }
    }
    let bits = HASH_BITS as i32;
    let e = if e >= 0 {
        e % bits
    } else {
        bits - 1 - ((-1 - e) % bits)
    } as u32;
    x = ((x << e) & HASH_MODULUS) | (x >> (HASH_BITS - e));
    let h = (x as i64).wrapping_mul(sign);
    fix_minus_one(h)
}

/// `hash(complex(re, im))`.
pub fn hash_complex(re: f64, im: f64) -> i64 {
    let h = (hash_f64(re) as u64).wrapping_add(HASH_IMAG.wrapping_mul(hash_f64(im) as u64));
    fix_minus_one(h as i64)
}

/// `tuplehash` (the xxHash-based scheme of CPython 3.8+), given the items' hashes.
pub fn hash_tuple(items: impl ExactSizeIterator<Item = i64>) -> i64 {
    const PRIME_1: u64 = 11_400_714_785_074_694_791;
    const PRIME_2: u64 = 14_029_467_366_897_019_727;
    const PRIME_5: u64 = 2_870_177_450_012_600_261;
    let len = items.len() as u64;
    let mut acc = PRIME_5;
    for lane in items {
        acc = acc.wrapping_add((lane as u64).wrapping_mul(PRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(PRIME_1);
    }
    acc = acc.wrapping_add(len ^ (PRIME_5 ^ 3_527_539));
    if acc == u64::MAX {
        return 1_546_275_796;
    }
    acc as i64
}

/// C's `frexp`: `v == m * 2**e` with `0.5 <= |m| < 1` (or `m == 0`).
pub fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 || !v.is_finite() {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp(v * f64::from_bits(0x4350_0000_0000_0000)); // 2**54
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

/// The order in which CPython's set/frozenset iterates items inserted in the given
/// order, given their hashes; `same(i, j)` says whether two items compare equal.
/// Mirrors `set_add_entry`/`set_table_resize` of `Objects/setobject.c` (3.10):
/// linear probing 9 slots then perturbation, growth when 3/5 full.
/// Returns indices into the input, duplicates dropped.
pub fn set_iteration_order(hashes: &[i64], same: impl Fn(usize, usize) -> bool) -> Vec<usize> {
    const MIN_SIZE: usize = 8;
    const LINEAR_PROBES: usize = 9;
    const PERTURB_SHIFT: u32 = 5;

    fn insert_clean(table: &mut [Option<usize>], hash: i64, item: usize) {
        let mask = table.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        loop {
            if table[i].is_none() {
                table[i] = Some(item);
                return;
            }
            if i + LINEAR_PROBES <= mask {
                for j in 1..=LINEAR_PROBES {
                    if table[i + j].is_none() {
                        table[i + j] = Some(item);
                        return;
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    let mut table: Vec<Option<usize>> = vec![None; MIN_SIZE];
    let mut used = 0usize;
    'items: for (item, &hash) in hashes.iter().enumerate() {
        let mask = table.len() - 1;
        let mut perturb = hash as u64;
        let mut i = (hash as u64 as usize) & mask;
        let slot = loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            let mut found = None;
            for j in 0..=probes {
                match table[i + j] {
                    None => {
                        found = Some(i + j);
                        break;
                    }
                    Some(other) if hashes[other] == hash && same(other, item) => continue 'items,
                    Some(_) => {}
                }
            }
            if let Some(slot) = found {
                break slot;
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        };
        table[slot] = Some(item);
        used += 1;
        // No deletions happen here, so CPython's `fill` equals `used`.
        if used * 5 >= mask * 3 {
            let minused = if used > 50_000 { used * 2 } else { used * 4 };
            let mut newsize = MIN_SIZE;
            while newsize <= minused {
                newsize <<= 1;
            }
            let old = std::mem::replace(&mut table, vec![None; newsize]);
            for entry in old.into_iter().flatten() {
                insert_clean(&mut table, hashes[entry], entry);
            }
        }
    }
    table.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_hashes_match_cpython() {
        assert_eq!(hash_i64(-1), -2);
        assert_eq!(hash_i64(1 << 61), 1);
        assert_eq!(hash_f64(1.0), 1);
        assert_eq!(hash_f64(0.5), 1_152_921_504_606_846_976);
        assert_eq!(hash_f64(-1.5), -1_152_921_504_606_846_977);
        assert_eq!(hash_f64(1e300), 1_224_995_262_755_759_164);
        // hash(()) and hash((1, 2)) under CPython 3.8+.
        assert_eq!(hash_tuple([].into_iter()), 5_740_354_900_026_072_187);
        assert_eq!(
            hash_tuple([1i64, 2].into_iter()),
            -3_550_055_125_485_641_917
        );
    }

    #[test]
    fn str_hash_matches_pythonhashseed_zero() {
        // PYTHONHASHSEED=0 python3.10 -c "print(hash('abc'), hash(b'hello'))"
        assert_eq!(hash_bytes(b"abc"), 4_596_069_200_710_135_518);
        assert_eq!(hash_bytes(b"hello"), -8_304_253_580_878_589_255);
    }

    #[test]
    fn small_int_set_order() {
        // frozenset({10, 1, 9}) iterates as [1, 10, 9] in CPython.
        let order = set_iteration_order(&[10, 1, 9], |a, b| a == b);
        assert_eq!(order, vec![1, 0, 2]);
    }
}
