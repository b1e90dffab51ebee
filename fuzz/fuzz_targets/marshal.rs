//! Arbitrary bytes as a marshal stream: must return Ok or Err, never panic,
//! and whatever loads must decode (or fail to) and disassemble without panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pyvm_loader::{marshal, Constant, PyVersion};

fuzz_target!(|data: &[u8]| {
    if let Ok(value) = marshal::loads(data, PyVersion::V3_10) {
        let _ = value.repr();
        if let Constant::Code(code) = value {
            let _ = code.decode_all();
            let _ = pyvm_loader::dis::dis(&code);
        }
    }
});
