//! A custom rule catalogue merged onto the built-in one.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static BUILTIN: OnceLock<threatboard::analysis::Catalogue> = OnceLock::new();
    let builtin = BUILTIN.get_or_init(|| {
        threatboard::analysis::Catalogue::builtin().expect("the built-in catalogue loads")
    });
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = builtin.merged(text, std::path::Path::new("fuzz-rules.ron"));
    }
});
