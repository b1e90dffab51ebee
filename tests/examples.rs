//! The shipped example programs: each `.pyc` is fresh against its `.py` and loads.

mod common;

use std::path::Path;

#[test]
fn examples_are_fresh_and_load() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let py = entry.unwrap().path();
        if py.extension().is_some_and(|e| e == "py") {
            let data = common::fresh_pyc(&py).unwrap();
            let pyc = pyvm_loader::load_pyc(&data).unwrap();
            pyc.code.decode_all().unwrap();
            count += 1;
        }
    }
    assert!(count > 0, "no examples found");
}
