//! Loader speed on a large `.pyc` (benches/data/big_module.pyc, ~1 MB, made by
//! benches/make_big_module.py). `benches/compare_unmarshal.py` runs this and
//! CPython 3.10's `marshal.loads` on the same bytes and prints the ratio.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use pyvm_loader::{load_pyc, marshal, PyVersion};

// The same allocator as the `pyvm` binary, so the figures are pyvm's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn big_pyc() -> Vec<u8> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/data/big_module.pyc");
    std::fs::read(path).expect("benches/data/big_module.pyc (run benches/make_big_module.py)")
}

fn bench(c: &mut Criterion) {
    let data = big_pyc();
    let body = &data[16..];
    let mut group = c.benchmark_group("loader");
    // Same work as CPython's marshal.loads: bytes -> objects.
    group.bench_function("unmarshal", |b| {
        b.iter(|| marshal::loads(black_box(body), PyVersion::V3_10).unwrap())
    });
    // Everything pyvm does before running: header, unmarshal, decode every code object.
    group.bench_function("load_and_decode", |b| {
        b.iter(|| {
            let pyc = load_pyc(black_box(&data)).unwrap();
            pyc.code.decode_all().unwrap();
            pyc
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
