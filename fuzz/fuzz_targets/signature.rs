//! The armored SSH signature a sign-off record carries (`signature:` in a model file, which
//! a pull request's author controls): read and checked, or "signature invalid".
#![no_main]
use libfuzzer_sys::fuzz_target;
use threatboard::history::signing;
use threatboard::model::SignOff;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = signing::read_signature(&text);
    let record = SignOff {
        reviewer: "Test Reviewer <test@example.com>".into(),
        signature: text.into_owned(),
        ..SignOff::default()
    };
    let check = signing::check_record(&record, None);
    assert!(!check.label().is_empty());
});
