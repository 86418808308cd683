//! Differential check: the vendored ron and ron 0.12.3 as published give the same values,
//! the same errors at the same places and the same bytes out, on Threatboard's files and on
//! mutations of them. Run: `cargo test --release` in this folder.

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// Every RON file in the repository's samples and test fixtures (read once).
    fn corpus() -> &'static [String] {
        static CORPUS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        CORPUS.get_or_init(read_corpus)
    }

    fn read_corpus() -> Vec<String> {
        let mut out = Vec::new();
        for dir in ["../../samples", "../../tests/fixtures", "../../assets/rules"] {
            let Ok(entries) = std::fs::read_dir(dir) else { continue };
            for e in entries.flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "ron") {
                    if let Ok(t) = std::fs::read_to_string(&p) {
                        out.push(t);
                    }
                }
            }
        }
        assert!(out.len() >= 4, "no corpus found: run from vendor/ron-check");
        out
    }

    fn both(text: &str) {
        let a = published::from_str::<published::Value>(text);
        let b = vendored::from_str::<vendored::Value>(text);
        match (a, b) {
            (Ok(a), Ok(b)) => {
                // Values compared through their canonical text, written by each crate.
                let config_a = published::ser::PrettyConfig::new();
                let config_b = vendored::ser::PrettyConfig::new();
                let ta = published::ser::to_string_pretty(&a, config_a);
                let tb = vendored::ser::to_string_pretty(&b, config_b);
                assert_eq!(ta.map_err(|e| e.to_string()), tb.map_err(|e| e.to_string()));
            }
            (Err(a), Err(b)) => {
                assert_eq!(a.to_string(), b.to_string(), "{text:?}");
            }
            (a, b) => panic!("differ on {text:?}: {a:?} / {b:?}"),
        }
    }

    #[test]
    fn the_corpus_reads_and_writes_the_same() {
        for text in corpus() {
            both(text);
        }
    }

    /// 20,000 cases per property, or `RON_CHECK_CASES`.
    fn cases() -> u32 {
        std::env::var("RON_CHECK_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(20_000)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(cases()))]

        #[test]
        fn mutated_files_read_the_same(
            pick in any::<prop::sample::Index>(),
            at in any::<prop::sample::Index>(),
            cut in any::<prop::sample::Index>(),
            insert in prop::sample::select(vec![
                "", " ", "\u{85}", "\u{2028}", "é", "日", "🔥", "\"", "\\", "'", "r#", "b\"",
                "br#\"", "r##", "//", "/*", "*/", ",", "(", ")", "[", "]", ":", "-", ".", "+",
                "1e", "0x", "inf", "NaN", "Some(", "None", "true", "r#true", "a.b", "\u{301}",
            ]),
            mode in 0..3u8,
        ) {
            let corpus = corpus();
            let text = &corpus[pick.index(corpus.len())];
            let mut bytes = text.as_bytes().to_vec();
            let i = at.index(bytes.len() + 1);
            match mode {
                0 => { bytes.truncate(i); }
                1 => { let j = (i + cut.index(64)).min(bytes.len()); bytes.drain(i..j); }
                _ => { bytes.splice(i..i, insert.bytes()); }
            }
            if let Ok(t) = String::from_utf8(bytes) {
                both(&t);
            }
        }

        #[test]
        fn any_text_reads_the_same(s in "\\PC{0,80}") {
            both(&s);
        }

        #[test]
        fn any_string_is_written_the_same(s in any::<String>()) {
            prop_assert_eq!(published::to_string(&s).unwrap(), vendored::to_string(&s).unwrap());
        }
    }
}
