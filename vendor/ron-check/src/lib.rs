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

    /// Field, variant and struct names as serde passes them (`&'static str`), including
    /// ones that must be written `r#name` and ones that cannot be written at all.
    #[derive(serde::Serialize, Clone, Debug)]
    enum Kind {
        Plain,
        #[serde(rename = "true")]
        True,
        #[serde(rename = "NaNf32")]
        NaN32,
        #[serde(rename = "a.b")]
        Dotted,
        Tuple(u8, String),
        Struct { inner: Option<Box<Named>>, #[serde(rename = "Some")] some: bool },
    }

    #[derive(serde::Serialize, Clone, Debug)]
    #[serde(rename = "Named")]
    struct Named {
        id: String,
        #[serde(rename = "false")]
        f: bool,
        #[serde(rename = "inf")]
        inf: f32,
        #[serde(rename = "1st")]
        first: u32,
        #[serde(rename = "_under")]
        under: i64,
        #[serde(rename = "a-b+c")]
        punct: Vec<Kind>,
        #[serde(rename = "é日本")]
        unicode: (u8, u8),
        #[serde(rename = "x\u{301}")]
        combining: Option<String>,
        kind: Kind,
        children: Vec<Named>,
    }

    #[derive(serde::Serialize)]
    struct Bad {
        #[serde(rename = "has space")]
        field: u8,
    }

    #[derive(serde::Serialize)]
    enum BadVariant {
        #[serde(rename = "")]
        Empty,
    }

    fn kind() -> impl Strategy<Value = Kind> {
        prop_oneof![
            Just(Kind::Plain),
            Just(Kind::True),
            Just(Kind::NaN32),
            Just(Kind::Dotted),
            (any::<u8>(), "\\PC{0,8}").prop_map(|(a, b)| Kind::Tuple(a, b)),
            any::<bool>().prop_map(|some| Kind::Struct { inner: None, some }),
        ]
    }

    fn named() -> impl Strategy<Value = Named> {
        let leaf = (
            "\\PC{0,6}",
            any::<bool>(),
            any::<f32>(),
            any::<u32>(),
            any::<i64>(),
            prop::collection::vec(kind(), 0..3),
            any::<(u8, u8)>(),
            prop::option::of("\\PC{0,4}"),
            kind(),
        )
            .prop_map(|(id, f, inf, first, under, punct, unicode, combining, kind)| Named {
                id, f, inf, first, under, punct, unicode, combining, kind, children: vec![],
            });
        leaf.prop_recursive(3, 12, 3, |inner| {
            (inner.clone(), prop::collection::vec(inner.clone(), 0..3), prop::option::of(inner))
                .prop_map(|(mut n, children, boxed)| {
                    n.children = children;
                    if let Some(b) = boxed {
                        n.kind = Kind::Struct { inner: Some(Box::new(b)), some: true };
                    }
                    n
                })
        })
    }

    /// The same `PrettyConfig` for both crates, from the generated knobs.
    macro_rules! config {
        ($krate:ident, $k:expr) => {{
            let (indentor, struct_names, depth, compact, separate) = $k;
            $krate::ser::PrettyConfig::new()
                .indentor(["    ", "\t", "", "  ", " \t"][indentor as usize % 5])
                .new_line("\n")
                .struct_names(struct_names)
                .depth_limit([usize::MAX, 0, 1, 2, 5][depth as usize % 5])
                .compact_structs(compact)
                .separate_tuple_members(separate)
        }};
    }

    #[test]
    fn names_that_cannot_be_written_fail_the_same() {
        for pretty in [false, true] {
            let (a, b) = if pretty {
                (
                    published::ser::to_string_pretty(&Bad { field: 1 }, Default::default()),
                    vendored::ser::to_string_pretty(&Bad { field: 1 }, Default::default()),
                )
            } else {
                (published::to_string(&Bad { field: 1 }), vendored::to_string(&Bad { field: 1 }))
            };
            assert_eq!(a.map_err(|e| e.to_string()), b.map_err(|e| e.to_string()));
            let (a, b) = (published::to_string(&BadVariant::Empty), vendored::to_string(&BadVariant::Empty));
            assert!(a.is_err());
            assert_eq!(a.map_err(|e| e.to_string()), b.map_err(|e| e.to_string()));
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
        fn derived_types_are_written_the_same(
            value in named(),
            knobs in (0..5u8, any::<bool>(), 0..5u8, any::<bool>(), any::<bool>()),
        ) {
            let a = published::ser::to_string_pretty(&value, config!(published, knobs));
            let b = vendored::ser::to_string_pretty(&value, config!(vendored, knobs));
            prop_assert_eq!(a.map_err(|e| e.to_string()), b.map_err(|e| e.to_string()));
            prop_assert_eq!(
                published::to_string(&value).map_err(|e| e.to_string()),
                vendored::to_string(&value).map_err(|e| e.to_string())
            );
        }

        #[test]
        fn any_string_is_written_the_same(s in any::<String>()) {
            prop_assert_eq!(published::to_string(&s).unwrap(), vendored::to_string(&s).unwrap());
        }
    }
}
