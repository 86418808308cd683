//! The Microsoft Threat Modeling Tool importer.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = threatboard::io::tm7::import(&text, std::path::Path::new("fuzz.tm7"));
});
