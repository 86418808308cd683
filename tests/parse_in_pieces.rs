//! Big project files are parsed in pieces on several threads: the project must be exactly
//! the one a whole parse gives, and anything that way cannot vouch for is parsed whole —
//! with the same error, file, line and column as before.

mod common;

use std::path::Path;

use proptest::prelude::*;
use threatboard::io::project_file::{parse_in_pieces, parse_whole};
use threatboard::model::{Project, Status, ThreatKey, ThreatRecord};

fn canonical(project: &Project) -> String {
    threatboard::io::to_canonical_string(project).expect("serialises")
}

/// The samples, a 60-element system, and a project of two diagrams.
fn texts() -> Vec<(String, String)> {
    let mut texts: Vec<(String, String)> = common::samples()
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("reads");
            (p.display().to_string(), text)
        })
        .collect();
    texts.push((
        "synthetic-60".into(),
        canonical(&threatboard::synthetic::project(60)),
    ));
    texts.push(("decided synthetic-60".into(), canonical(&decided(60))));
    let mut two = threatboard::io::load(&common::sample("web-shop.ron")).expect("loads");
    let other = threatboard::io::load(&common::sample("serverless.ron")).expect("loads");
    two.diagrams.extend(other.diagrams);
    texts.push(("two diagrams".into(), canonical(&two)));
    texts
}

/// A synthetic system with a decision on every element (the `threats` map is split too).
fn decided(elements: usize) -> Project {
    let mut project = threatboard::synthetic::project(elements);
    for (i, e) in project.diagrams[0].elements.iter().enumerate() {
        project.threats.insert(
            ThreatKey::new(format!("TB-RULE-{}", i % 7), e.id.as_str()),
            ThreatRecord {
                status: Status::Mitigated,
                mitigation: format!("control {i}: \"quoted\", {{braces}}, (parens)"),
                links: vec![format!("https://tickets.example/{i}")],
                ..ThreatRecord::default()
            },
        );
    }
    project
}

/// `text` parsed in pieces: `None` is allowed only where the whole parse fails or the
/// text is beyond plain RON; a project must be the whole parse's.
fn agrees(text: &str, piece_bytes: usize) -> Result<Option<Project>, String> {
    let pieces = parse_in_pieces(text, piece_bytes);
    match (&pieces, parse_whole(text)) {
        (Some(p), Ok(w)) if *p == w => Ok(pieces),
        (Some(_), Ok(_)) => Err("the pieces give another project than the whole".into()),
        (Some(_), Err(e)) => Err(format!("the pieces parse, the whole does not: {e}")),
        (None, _) => Ok(None),
    }
}

#[test]
fn every_sample_parses_in_pieces_as_it_does_whole() {
    for (name, text) in texts() {
        // One item a piece, a few, and the whole list in one piece.
        for piece_bytes in [1, 700, 5_000, 1 << 30] {
            let project = agrees(&text, piece_bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            let project = project.unwrap_or_else(|| panic!("{name} was not parsed in pieces"));
            assert!(
                project.diagrams.iter().any(|d| d.elements.len() > 2),
                "{name}: elements are missing"
            );
        }
    }
}

/// Text whose strings hold what looks like structure: brackets, `elements: [`, quotes,
/// backslashes, commas, non-ASCII.
#[test]
fn strings_that_look_like_structure_stay_strings() {
    let mut project = threatboard::synthetic::project(12);
    let tricky = [
        "elements: [",
        "), (id: \"el_x\", name: \"fake\"",
        "]], flows: [",
        "a \"quoted\" word",
        "back\\slash\\",
        "\\\"",
        "naïve 日本語 🙂 (",
        "line one\nline two\t)",
        "{}{[(",
    ];
    for (i, e) in project.diagrams[0].elements.iter_mut().enumerate() {
        e.description = tricky[i % tricky.len()].to_owned();
        e.name = format!("{}{}", tricky[(i + 3) % tricky.len()], i);
    }
    for (i, f) in project.diagrams[0].flows.iter_mut().enumerate() {
        f.protocol = tricky[(i + 5) % tricky.len()].to_owned();
    }
    let text = canonical(&project);
    for piece_bytes in [1, 300, 4_000] {
        let parsed = agrees(&text, piece_bytes).expect("agrees");
        assert_eq!(parsed.as_ref(), Some(&project), "piece size {piece_bytes}");
    }
}

/// A decision written twice: the later one counts, in pieces as in the whole parse.
#[test]
fn a_decision_written_twice_counts_as_the_whole_parse_counts_it() {
    let text = canonical(&decided(30));
    let first = text.find("status: Mitigated").expect("a decision");
    // The first decision's entry, from its key to its end, written again with another status.
    let entry_start = text[..first].rfind("\n        \"").expect("entry start") + 1;
    let entry_end = first + text[first..].find("\n        ),\n").expect("entry end") + 11;
    let again = text[entry_start..entry_end].replace("status: Mitigated", "status: Accepted");
    let at = text
        .find("    },\n    manual_threats")
        .expect("end of the decisions");
    let twice = format!("{}{again}{}", &text[..at], &text[at..]);
    let whole = parse_whole(&twice).expect("parses");
    assert!(whole.threats.values().any(|r| r.status == Status::Accepted));
    for piece_bytes in [1, 400, 1 << 20] {
        assert_eq!(
            agrees(&twice, piece_bytes),
            Ok(Some(whole.clone())),
            "{piece_bytes}"
        );
    }
}

/// Files from other editors: Windows line ends, tabs, everything on one line, no
/// trailing commas — the same project, in pieces.
#[test]
fn line_ends_indentation_and_commas_of_other_editors_change_nothing() {
    let project = decided(25);
    let text = canonical(&project);
    let variants = [
        text.replace('\n', "\r\n"),
        text.replace("    ", "\t"),
        text.replace('\n', " "),
        no_trailing_commas(&text),
    ];
    for (i, variant) in variants.iter().enumerate() {
        let whole = parse_whole(variant).unwrap_or_else(|e| panic!("variant {i}: {e}"));
        assert_eq!(whole, project, "variant {i} reads as written");
        for piece_bytes in [1, 900] {
            let pieces = agrees(variant, piece_bytes).unwrap_or_else(|e| panic!("{i}: {e}"));
            assert_eq!(pieces.as_ref(), Some(&project), "variant {i} in pieces");
        }
    }
}

/// `text` without the comma after the last item of every list, map and struct.
fn no_trailing_commas(text: &str) -> String {
    let mut out = text.to_owned();
    for depth in 0..12 {
        let indent = "    ".repeat(depth);
        for close in [')', ']', '}'] {
            out = out.replace(
                &format!(",\n{indent}{close}"),
                &format!("\n{indent}{close}"),
            );
        }
    }
    out
}

/// Comments, raw strings, extensions and the like are parsed whole, as they always were.
#[test]
fn text_beyond_plain_ron_is_parsed_whole() {
    let text = canonical(&threatboard::synthetic::project(8));
    let first_description = "description: \"\",";
    let variants = [
        format!("// a comment\n{text}"),
        text.replacen("elements: [", "elements: [ /* block */", 1),
        text.replacen(first_description, "description: r\"raw\",", 1),
        text.replacen(first_description, "description: r#\"raw \"quoted\"\"#,", 1),
        format!("#![enable(implicit_some)]\n{text}"),
    ];
    for (i, variant) in variants.iter().enumerate() {
        assert!(
            parse_whole(variant).is_ok(),
            "variant {i} is a valid project"
        );
        assert_eq!(agrees(variant, 200), Ok(None), "variant {i}");
        // And the loader still reads it.
        let loaded = threatboard::io::load_str(variant, Path::new("v.ron")).expect("loads");
        assert_eq!(loaded.diagrams[0].elements.len(), 8, "variant {i}");
    }
}

/// Structure the whole parse refuses is refused in pieces too (the pieces give nothing).
#[test]
fn what_the_whole_parse_refuses_gives_no_project_in_pieces() {
    let text = canonical(&threatboard::synthetic::project(10));
    let variants = [
        // The elements twice in one diagram.
        text.replacen("flows: [", "elements: [],\n            flows: [", 1),
        // An item that is not an element.
        text.replacen("elements: [", "elements: [\n42,", 1),
        // Two commas between items.
        text.replacen("\n                ),\n", "\n                ),,\n", 1),
        // A list closed by the wrong bracket.
        text.replacen(
            "            ],\n            flows",
            "            },\n            flows",
            1,
        ),
        // Something after the project.
        format!("{text}\n()"),
        // A project cut short.
        text[..text.len() / 2].to_owned(),
    ];
    for (i, variant) in variants.iter().enumerate() {
        assert!(
            parse_whole(variant).is_err(),
            "variant {i} is refused whole"
        );
        for piece_bytes in [1, 500, 1 << 20] {
            assert_eq!(agrees(variant, piece_bytes), Ok(None), "variant {i}");
        }
    }
}

/// A big file (parsed in pieces when it is right) with a mistake deep inside names the
/// same line and column as the whole parse.
#[test]
fn a_mistake_in_a_big_file_is_reported_where_it_is() {
    let text = canonical(&threatboard::synthetic::project(1_000));
    assert!(text.len() > 2 << 20, "big enough to be parsed in pieces");
    assert!(threatboard::io::load_str(&text, Path::new("big.ron")).is_ok());
    // The 700th element's `out_of_scope: false` misspelt.
    let needle = "out_of_scope: false";
    let at = text.match_indices(needle).nth(700).expect("700 elements").0;
    let broken = format!(
        "{}out_of_scope: flase{}",
        &text[..at],
        &text[at + needle.len()..]
    );
    let line = text[..at].matches('\n').count() + 1;
    let err = threatboard::io::load_str(&broken, Path::new("big.ron")).expect_err("refused");
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("big.ron:{line}:")),
        "{message} (expected line {line})"
    );
    let whole = parse_whole(&broken).expect_err("refused whole");
    assert_eq!(whole.span.start.line, line);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Text cut and spliced anywhere — with brackets, quotes, commas, backslashes — parsed
    /// in pieces of any size gives the whole parse's project or nothing.
    #[test]
    fn spliced_text_in_pieces_gives_the_whole_parse_or_nothing(
        which in 0usize..3,
        cut in 0.0f64..1.0,
        at in 0.0f64..1.0,
        junk in "[()\\[\\]{},:\"\\\\ \na-z0-9_]{0,10}",
        piece_bytes in 1usize..3_000,
    ) {
        let texts = [
            canonical(&threatboard::synthetic::project(20)),
            std::fs::read_to_string(common::sample("web-shop.ron")).expect("reads"),
            std::fs::read_to_string(common::sample("serverless.ron")).expect("reads"),
        ];
        let text = &texts[which];
        // Mostly small splices, so that many mutants still parse.
        let at = cut + (at - 0.5) * 0.002;
        let mutated = common::splice(text, text.len(), cut, at.clamp(0.0, 1.0), &junk);
        prop_assert!(agrees(&mutated, piece_bytes).is_ok(), "{:?}", agrees(&mutated, piece_bytes));
    }
}
