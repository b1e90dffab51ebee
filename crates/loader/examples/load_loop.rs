//! Profiling aid: load a .pyc N times, optionally decoding every code object:
//! `cargo run --release -p pyvm-loader --example load_loop FILE N [decode]`.
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("FILE");
    let n: usize = args.next().map_or(100, |s| s.parse().expect("N"));
    let decode = args.next().is_some_and(|a| a == "decode");
    let data = std::fs::read(path).expect("readable");
    let start = std::time::Instant::now();
    for _ in 0..n {
        let pyc = pyvm_loader::load_pyc(&data).unwrap();
        if decode {
            pyc.code.decode_all().unwrap();
        }
        std::hint::black_box(pyc);
    }
    println!(
        "{:.3} ms per load",
        start.elapsed().as_secs_f64() * 1e3 / n as f64
    );
}
