//! Arbitrary bytes after a valid 3.10 header: the whole `pyvm dis` path.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut file = vec![0x6f, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    file.extend_from_slice(data);
    if let Ok(pyc) = pyvm_loader::load_pyc(&file) {
        let _ = pyc.code.decode_all();
        let _ = pyvm_loader::dis::dis(&pyc.code);
    }
});
