//! Big project files are parsed in pieces on several threads: whenever that gives a
//! project, it is the one the whole parse gives (differential).
#![no_main]
use libfuzzer_sys::fuzz_target;
use threatboard::io::project_file::{parse_in_pieces, parse_whole};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Pieces from one item each to whole lists, varying with the input.
    let piece_bytes = 1 + (data.len() * 7919) % 4096;
    if let Some(pieces) = parse_in_pieces(text, piece_bytes) {
        match parse_whole(text) {
            Ok(whole) => assert!(pieces == whole, "the pieces give another project"),
            Err(e) => panic!("the pieces parse, the whole does not: {e}"),
        }
    }
});
