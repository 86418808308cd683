//! CloudFormation templates (YAML or JSON): resources and their line ranges.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = threatboard::evidence::Template::parse(&text, std::path::Path::new("fuzz.yaml"));
});
