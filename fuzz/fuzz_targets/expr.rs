//! The rule condition language: parse, and when it compiles, evaluate on a sample model.
#![no_main]
use libfuzzer_sys::fuzz_target;
use threatboard::analysis::expr::{Subject, compile};

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        let _ = compile(src, Subject::Flow);
        let _ = compile(src, Subject::Element);
    }
});
