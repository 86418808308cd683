//! The project loader: any bytes give a project or an error naming the place.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = threatboard::io::load_str(text, std::path::Path::new("fuzz.ron"));
    }
});
