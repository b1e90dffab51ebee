//! Micro-benchmarks of the eval loop's hot paths (the performance issue):
//! dispatch, calls, attribute and global lookup, dict subscripts, int/float
//! arithmetic, string concatenation and formatting, generator resume.
//!
//! Each case is a small program `benches/micro/NAME.py`, compiled by CPython
//! 3.10 to the committed `NAME.pyc` (`python3 scripts/regen_fixtures.py micro`),
//! so no CPython is needed here. It defines `bench()`, a loop of `N`
//! iterations of one operation, and `baseline()`, the same loop with an empty
//! body. The module is run once to define them; then `bench` is called
//! repeatedly. Criterion's throughput is iterations of that loop, so
//! `time / N` is the per-iteration cost. `benches/micro/compare_cpython.py`
//! times the same functions under CPython 3.10 and prints the ratios.
//! Run with `cargo bench --bench eval_hot_paths` (add `-- CASE` for one case).

use std::time::Duration;

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use pyvm_eval::value::Value;
use pyvm_eval::Vm;

// The same allocator as the `pyvm` binary, so the figures are pyvm's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The programs in benches/micro, in the order they are reported.
const CASES: &[&str] = &[
    "dispatch",
    "call_positional",
    "call_keyword",
    "call_method",
    "attribute_load",
    "attribute_store",
    "global_load",
    "dict_get_set",
    "int_arith",
    "float_arith",
    "str_concat",
    "str_format",
    "generator_resume",
];

/// Cases whose `baseline()` (the empty loop) is benchmarked too. The loop is
/// the same `for i in range(N)` everywhere, so one measurement of it is
/// enough to subtract loop overhead from any case.
const WITH_BASELINE: &[&str] = &["dispatch"];

/// A loaded case: its two functions and the loop's iteration count.
struct Case {
    bench: Value,
    baseline: Value,
    iterations: u64,
}

/// Print a Python exception's traceback, then stop the benchmark.
fn fail(vm: &mut Vm, what: &str, e: &pyvm_eval::error::PyErr) -> ! {
    pyvm_eval::report_uncaught(vm, e);
    panic!("{what} raised an exception");
}

/// Load `benches/micro/NAME.pyc`, run it as `__main__` to define its
/// functions, and fetch `bench`, `baseline` and `N` from its globals.
fn load_case(vm: &mut Vm, name: &str) -> Case {
    let path = format!("{}/benches/micro/{name}.pyc", env!("CARGO_MANIFEST_DIR"));
    let data = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{path}: {e} (run scripts/regen_fixtures.py micro)"));
    let pyc = pyvm_loader::load_pyc(&data).unwrap_or_else(|e| panic!("{path}: {e}"));
    pyc.code
        .decode_all()
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    let globals = pyvm_eval::main_namespace(vm, Some(&path));
    if let Err(e) = pyvm_eval::exec_code(vm, pyc.code, &globals) {
        fail(vm, &path, &e);
    }
    let mut global = |var: &str| {
        let key = vm.intern(var);
        globals
            .get_str(&key)
            .unwrap_or_else(|| panic!("{path} defines no {var}"))
    };
    let bench = global("bench");
    let baseline = global("baseline");
    let iterations = match global("N") {
        Value::Int(n) if n > 0 => n as u64,
        _ => panic!("{path}: N is not a positive int"),
    };
    Case {
        bench,
        baseline,
        iterations,
    }
}

/// `func()`, failing the benchmark if it raises.
fn call(vm: &mut Vm, func: &Value) -> Value {
    match vm.call(func, &[]) {
        Ok(v) => v,
        Err(e) => fail(vm, "bench()", &e),
    }
}

fn eval_hot_paths(c: &mut Criterion) {
    let mut vm = Vm::new(vec!["bench".into()]);
    for &name in CASES {
        let case = load_case(&mut vm, name);
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Elements(case.iterations));
        group.bench_function("bench", |b| {
            b.iter(|| black_box(call(&mut vm, black_box(&case.bench))))
        });
        if WITH_BASELINE.contains(&name) {
            group.bench_function("baseline", |b| {
                b.iter(|| black_box(call(&mut vm, black_box(&case.baseline))))
            });
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    // Quick by default (about a minute for all cases); criterion's command-line
    // options (`--sample-size`, `--measurement-time`) override this.
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(2));
    targets = eval_hot_paths
}
criterion_main!(benches);
