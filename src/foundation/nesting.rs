//! Nesting limits checked before a parser recurses.
//!
//! A file somebody else wrote can nest lists and maps as deep as it likes; some parsers
//! recurse once per level (a stack overflow) or rescan per level (600 KB of `[` took
//! serde_yaml 160 s). Each reader that hands text to such a parser first walks it with a
//! streaming event parser that keeps only a depth count, and stops at the first level
//! past the limit.

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::Marker;

/// Where a YAML reader stopped and why: 1-based line and column, and the reason.
pub type YamlError = (usize, usize, String);

/// The next event of a streaming YAML parse, its error as [`YamlError`].
pub fn next_event<T: Iterator<Item = char>>(
    parser: &mut Parser<T>,
) -> Result<(Event, Marker), YamlError> {
    parser.next_token().map_err(|e| {
        let m = e.marker();
        (
            m.line(),
            m.col() + 1,
            format!("not valid YAML: {}", e.info()),
        )
    })
}

/// How deep any file we read may nest; real models and templates stay under 20.
pub const MAX_NESTING: usize = 64;

/// Checks that the YAML `text` nests at most `max` levels; the error gives the 1-based
/// line and column where it went deeper, or where the YAML is not valid.
pub fn check_yaml(text: &str, max: usize) -> Result<(), (usize, usize, String)> {
    let mut parser = Parser::new_from_str(text);
    let mut depth = 0usize;
    loop {
        let (event, mark) = parser.next_token().map_err(|e| {
            let m = e.marker();
            (
                m.line(),
                m.col() + 1,
                format!("not valid YAML: {}", e.info()),
            )
        })?;
        match event {
            Event::StreamEnd => return Ok(()),
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                depth += 1;
                if depth > max {
                    return Err((
                        mark.line(),
                        mark.col() + 1,
                        format!("nested more than {max} levels deep"),
                    ));
                }
            }
            Event::MappingEnd | Event::SequenceEnd => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_yaml_passes_and_deep_yaml_stops_where_it_goes_too_deep() {
        assert!(check_yaml("a:\n  b: [1, {c: d}]\n", 4).is_ok());
        let deep = format!("a: {}", "[".repeat(100_000));
        let (line, col, why) = check_yaml(&deep, 8).expect_err("too deep");
        // Stopped near the start, not after reading all 100,000 levels (the scanner reads
        // a little ahead of the events, and has a limit of its own).
        assert_eq!(line, 1);
        assert!(col < 1_000, "stopped at column {col}");
        assert!(
            why.contains("8 levels") || why.contains("recursion limit"),
            "{why}"
        );
        // The mapping holding `a` is the first level: the eighth `[` (column 11) is the ninth.
        assert!(
            check_yaml(&format!("a: {}", "[".repeat(7)), 8)
                .is_err_and(|(_, _, why)| why.starts_with("not valid"))
        );
        let nine = format!("a: {}", "[".repeat(9));
        let (_, col, why) = check_yaml(&nine, 8).expect_err("nine levels");
        assert!(why.contains("8 levels") && col == 11, "{col} {why}");
    }

    #[test]
    fn broken_yaml_is_an_error_with_its_place() {
        let (line, _, why) = check_yaml("a: b\n  c: [\n", 8).expect_err("broken");
        assert!(
            line >= 1 && why.starts_with("not valid YAML"),
            "{line} {why}"
        );
    }
}
