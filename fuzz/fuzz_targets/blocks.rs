//! Building-block libraries (RON).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = threatboard::blocks::Library::parse(&text, std::path::Path::new("fuzz.blocks.ron"));
});
