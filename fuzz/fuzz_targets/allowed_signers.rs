//! OpenSSH allowed_signers files (`check --allowed-signers`): read or refused with the line.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let path = std::path::Path::new("allowed_signers");
    match threatboard::history::allowed_signers::AllowedSigners::parse(&text, path) {
        Ok(a) => {
            // Matching never panics either, whatever the patterns.
            for e in &a.entries {
                let _ = a.allows(&e.principals, e.key.key_data(), "threatboard-signoff", &text);
            }
        }
        Err(e) => assert!(e.to_string().starts_with("allowed_signers:")),
    }
});
