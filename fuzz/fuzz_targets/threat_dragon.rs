//! The Threat Dragon importer (2.x and 1.x).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = threatboard::io::threat_dragon::import(&text, std::path::Path::new("fuzz.json"));
});
