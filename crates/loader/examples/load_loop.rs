//! Profiling aid: unmarshal a .pyc N times (`cargo run --release --example load_loop FILE N`).

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("FILE");
    let n: usize = args.next().map_or(100, |s| s.parse().expect("N"));
    let data = std::fs::read(path).expect("readable");
    let start = std::time::Instant::now();
    for _ in 0..n {
        let v = pyvm_loader::marshal::loads(&data[16..], pyvm_loader::PyVersion::V3_10).unwrap();
        std::hint::black_box(v);
    }
    println!(
        "{:.3} ms per load",
        start.elapsed().as_secs_f64() * 1e3 / n as f64
    );
}
