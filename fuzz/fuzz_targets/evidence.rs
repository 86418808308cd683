//! The evidence readers: SARIF 2.1.0 and JUnit XML (told apart by their content).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = threatboard::evidence::parse(data, std::path::Path::new("fuzz.sarif"), "");
});
