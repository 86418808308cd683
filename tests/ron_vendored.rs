//! The vendored ron (`vendor/ron`, see its PATCHES.md) scans ASCII a byte at a time and
//! writes strings by runs; these properties pin it to what ron 0.12.3 as published does:
//! the same bytes out, the same values back, whatever the characters and the whitespace.

use proptest::prelude::*;
use serde::{Deserialize, Serialize};

/// What ron 0.12.3 writes for a string: each character through `escape_debug`.
fn published_escaping(s: &str) -> String {
    format!(
        "\"{}\"",
        s.chars().flat_map(char::escape_debug).collect::<String>()
    )
}

/// Strings with what escaping treats specially: quotes, backslashes, controls, combining
/// marks, non-printing and astral characters, among plain ASCII.
fn tricky_string() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "Z",
        "0",
        " ",
        "'",
        "\"",
        "\\",
        "\n",
        "\r",
        "\t",
        "\0",
        "\u{7f}",
        "\u{1b}",
        "é",
        "e\u{301}",
        "\u{301}",
        "\u{200b}",
        "\u{2028}",
        "\u{85}",
        "\u{feff}",
        "—",
        "日本",
        "🔥",
        "\u{1F3F4}\u{E0067}\u{E0062}",
        "#",
        "r#\"",
        "/*",
        "//",
    ]);
    prop::collection::vec(
        prop_oneof![pieces.prop_map(String::from), any::<String>()],
        0..12,
    )
    .prop_map(|v| v.concat())
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Sample {
    name: String,
    #[serde(rename = "true")]
    keyword: bool,
    #[serde(rename = "a.b-c+d")]
    raw: u32,
    #[serde(rename = "données")]
    unicode: Vec<f32>,
    kind: Kind,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
enum Kind {
    Plain,
    Tuple(i64, String),
    Struct { br: bool, r: u8 },
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn strings_are_written_as_published_ron_writes_them_and_read_back(s in tricky_string()) {
        let written = ron::to_string(&s).expect("writes");
        prop_assert_eq!(&written, &published_escaping(&s));
        prop_assert_eq!(ron::from_str::<String>(&written).expect("reads back"), s);
    }

    #[test]
    fn any_whitespace_and_comments_between_tokens_read_the_same(
        gaps in prop::collection::vec(
            prop::collection::vec(
                prop::sample::select(vec![
                    " ", "        ", "    ", "\t", "\n", "\r\n", "\u{b}", "\u{c}", "\u{85}",
                    "\u{200e}", "\u{200f}", "\u{2028}", "\u{2029}", "// note\n", "/* a /* b */ */",
                ]),
                0..6,
            ).prop_map(|v| v.concat()),
            16,
        ),
        name in tricky_string(),
    ) {
        let value = Sample {
            name,
            keyword: true,
            raw: 7,
            unicode: vec![1.5, -2.0],
            kind: Kind::Struct { br: false, r: 3 },
        };
        let tokens = [
            "(", "name:", &ron::to_string(&value.name).expect("writes"), ",", "r#true:", "true", ",",
            "r#a.b-c+d:", "7", ",", "données:", "[1.5,-2.0]", ",", "kind:", "Struct(br:false,r:3)",
            ")",
        ];
        let text: String = tokens
            .iter()
            .zip(&gaps)
            .flat_map(|(t, g)| [g.as_str(), *t])
            .collect();
        prop_assert_eq!(ron::from_str::<Sample>(&text).expect("reads"), value);
    }
}

#[test]
fn identifiers_that_need_the_raw_form_are_written_raw_and_read_back() {
    let value = Sample {
        name: "x".into(),
        keyword: false,
        raw: 1,
        unicode: vec![],
        kind: Kind::Tuple(-3, "r\"#".into()),
    };
    let text = ron::to_string(&value).expect("writes");
    assert!(text.contains("r#true:"), "{text}");
    assert!(text.contains("r#a.b-c+d:"), "{text}");
    assert!(text.contains("données:"), "{text}");
    assert_eq!(ron::from_str::<Sample>(&text).expect("reads"), value);
    assert_eq!(
        ron::from_str::<Sample>(
            "(name: \"x\", r#true: false, r#a.b-c+d: 1, données: [], kind: Plain)"
        )
        .expect("reads")
        .kind,
        Kind::Plain
    );
}

#[test]
fn what_published_ron_refuses_is_still_refused_at_the_same_place() {
    // Positions and messages as ron 0.12.3 gives them (vendor/ron-check compares the two
    // crates on many more inputs).
    for (text, line, col, message) in [
        (
            "(name: \"x\", a.b-c+d: 1)",
            1,
            13,
            "try the raw identifier `r#a.b-c+d`",
        ),
        ("(b\"name\": 1)", 1, 2, "Expected identifier"),
        ("(r\"name\": 1)", 1, 2, "Expected identifier"),
        ("(name: /* \"x\")", 1, 10, "Unclosed block comment"),
    ] {
        let e = ron::from_str::<Sample>(text).expect_err("refused");
        assert_eq!(
            (e.span.start.line, e.span.start.col),
            (line, col),
            "{text}: {e}"
        );
        assert!(e.to_string().contains(message), "{text}: {e}");
    }
}

/// Field names are checked once per serializer and then remembered (PATCHES.md): the
/// hundredth `r#true` is written like the first, a name that cannot be written is refused
/// every time, and pretty text is indented one indentor per level whatever the indentor.
#[test]
fn repeated_names_and_indentation_are_written_as_published() {
    let many: Vec<Sample> = (0..100)
        .map(|i| Sample {
            name: format!("n{i}"),
            keyword: i % 2 == 0,
            raw: i,
            unicode: vec![],
            kind: Kind::Struct { br: true, r: 1 },
        })
        .collect();
    let text = ron::to_string(&many).expect("writes");
    assert_eq!(text.matches("r#true:").count(), 100, "{text}");
    assert_eq!(text.matches("r#a.b-c+d:").count(), 100, "{text}");
    assert_eq!(ron::from_str::<Vec<Sample>>(&text).expect("reads"), many);

    #[derive(Serialize)]
    struct Bad {
        #[serde(rename = "has space")]
        field: u8,
    }
    for _ in 0..2 {
        let err = ron::to_string(&[Bad { field: 1 }, Bad { field: 2 }])
            .expect_err("a field name with a space cannot be written");
        assert!(err.to_string().contains("has space"), "{err}");
    }

    let nested = vec![Sample {
        name: "x".into(),
        keyword: true,
        raw: 2,
        unicode: vec![1.5],
        kind: Kind::Struct { br: false, r: 7 },
    }];
    let config = |indentor: &str| {
        ron::ser::PrettyConfig::new()
            .indentor(indentor.to_owned())
            .new_line("\n")
    };
    let four = ron::ser::to_string_pretty(&nested, config("    ")).expect("writes");
    assert_eq!(
        four,
        "[\n    (\n        name: \"x\",\n        r#true: true,\n        r#a.b-c+d: 2,\n        données: [\n            1.5,\n        ],\n        kind: Struct(\n            br: false,\n            r: 7,\n        ),\n    ),\n]"
    );
    let tabs = ron::ser::to_string_pretty(&nested, config("\t")).expect("writes");
    assert_eq!(tabs, four.replace("    ", "\t"));
    // Deeper than the 64 spaces written in one piece: 20 levels of four.
    let deep = (0..20).fold(ron::Value::Number(1.into()), |v, _| {
        ron::Value::Seq(vec![v])
    });
    let text = ron::ser::to_string_pretty(&deep, config("    ")).expect("writes");
    let widest = text.lines().map(|l| l.len() - l.trim_start().len()).max();
    assert_eq!(widest, Some(80), "{text}");
}
