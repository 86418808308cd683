//! The PDF report, read back with poppler's `pdftotext` (installed by `.ci/run`).

use crate::common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{pdftotext, sample, samples, stderr, threatboard};
use threatboard::analysis::{self, Catalogue};

fn pages(pdf: &Path) -> usize {
    let o = common::poppler("pdfinfo", &[pdf.as_os_str()]);
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .find_map(|l| {
            l.strip_prefix("Pages:")
                .map(|n| n.trim().parse().expect("number"))
        })
        .expect("page count")
}

/// Text with all white space removed: wrapped cells break lines anywhere.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn report(src: &Path, out: &Path, extra: &[&str]) {
    let mut args = vec![
        "report",
        src.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
    ];
    args.extend_from_slice(extra);
    let o = threatboard(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn each_sample_report_holds_every_threat_and_element() {
    let dir = tempfile::tempdir().expect("tmp");
    for src in samples() {
        let out = dir.path().join("r.pdf");
        report(&src, &out, &[]);
        let text = squash(&pdftotext(&out));
        let p = threatboard::io::load(&src).expect("sample");
        let a = analysis::analyze(&p, &Catalogue::builtin().expect("rules"));
        for f in a.threats() {
            assert!(
                text.contains(&squash(&f.title)),
                "{}: missing threat {:?}",
                src.display(),
                f.title
            );
        }
        // The checklist is a section of its own, one row per subject with open questions.
        if a.summary.checklist_open > 0 {
            // Everything after the heading (a continued table repeats it).
            let checklist = text
                .split_once("STRIDEchecklist")
                .map(|(_, rest)| rest)
                .expect("a checklist section");
            for f in a.checklist().filter(|f| f.status().is_open()) {
                // A question asked once for several places names them all; the row may
                // wrap or cut a long list, so its first place is looked for.
                let name = if f.also_raised().is_empty() {
                    f.subject_name()
                } else {
                    f.title.split(", ").next().unwrap_or_default()
                };
                assert!(
                    checklist.contains(&squash(name)),
                    "{}: {} missing from the checklist",
                    src.display(),
                    name
                );
            }
        }
        for e in p.diagrams.iter().flat_map(|d| &d.elements) {
            assert!(
                text.contains(&squash(&e.name)),
                "{}: missing element {:?}",
                src.display(),
                e.name
            );
        }
        for r in &p.meta.reviewers {
            assert!(
                text.contains(&squash(&r.name)),
                "sign-off block for {}",
                r.name
            );
        }
        let n = pages(&out);
        // Cover, summary, one page per diagram, inventory, threats, sign-off: at least
        // six, and not one page per threat.
        assert!(
            n >= 6 && n < a.findings.len(),
            "{}: {n} pages for {} threats",
            src.display(),
            a.findings.len()
        );
        assert!(text.contains(&squash(&format!("page {n} of {n}"))));
        let p = threatboard::io::load(&src).expect("loads");
        assert!(
            text.contains(&threatboard::history::model_hash(&p).expect("hashable")),
            "the cover names the model's SHA-256"
        );
    }
}

#[test]
fn two_exports_are_byte_identical() {
    let dir = tempfile::tempdir().expect("tmp");
    let (a, b) = (dir.path().join("a.pdf"), dir.path().join("b.pdf"));
    report(&sample("web-shop.ron"), &a, &[]);
    report(&sample("web-shop.ron"), &b, &[]);
    assert_eq!(fs::read(&a).expect("a"), fs::read(&b).expect("b"));
    // In one process too (the GUI exports repeatedly).
    let p = threatboard::io::load(&sample("serverless.ron")).expect("sample");
    let rules = Catalogue::builtin().expect("rules");
    let an = analysis::analyze(&p, &rules);
    let one =
        threatboard::report::pdf_for_file(&p, &an, &rules, "serverless.ron", true, true, None)
            .expect("pdf");
    let two =
        threatboard::report::pdf_for_file(&p, &an, &rules, "serverless.ron", true, true, None)
            .expect("pdf");
    assert_eq!(one, two);
}

#[test]
fn non_latin_names_survive() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut p = threatboard::io::load(&sample("web-shop.ron")).expect("sample");
    p.meta.title = "Zahlungsdienst Ärger 支付服务".into();
    p.diagrams[0].elements[0].name = "Zahlungsdienst Ärger".into();
    p.diagrams[0].elements[1].name = "支付服务".into();
    let src = dir.path().join("unicode.ron");
    threatboard::io::save(&src, &p).expect("save");
    let out = dir.path().join("u.pdf");
    report(&src, &out, &[]);
    let text = pdftotext(&out);
    for name in ["Zahlungsdienst Ärger", "支付服务"] {
        assert!(
            squash(&text).contains(&squash(name)),
            "{name} in the report"
        );
    }
}

#[test]
fn options_leave_out_mitigated_threats_and_the_inventory() {
    let dir = tempfile::tempdir().expect("tmp");
    let full = dir.path().join("full.pdf");
    let lean = dir.path().join("lean.pdf");
    report(&sample("web-shop.ron"), &full, &[]);
    report(
        &sample("web-shop.ron"),
        &lean,
        &["--no-mitigated", "--no-inventory"],
    );
    let (full_text, lean_text) = (squash(&pdftotext(&full)), squash(&pdftotext(&lean)));
    // SQL injection from the Shop API is mitigated in the sample.
    let mitigated = squash("SQL injection into Orders database through Shop API");
    assert!(full_text.contains(&mitigated));
    assert!(!lean_text.contains(&mitigated));
    assert!(full_text.contains("Elementinventory") && !lean_text.contains("Elementinventory"));
    assert!(pages(&lean) < pages(&full));
}

/// A diagram too big for one page at a legible size (labels of 7 pt at least) prints as
/// an overview and detail pages: every element's name is on a page of that diagram.
#[test]
fn a_300_element_diagram_prints_as_an_overview_and_legible_details() {
    let dir = tempfile::tempdir().expect("tmp");
    let src = dir.path().join("big.ron");
    threatboard::io::save(&src, &threatboard::synthetic::project(300)).expect("save");
    let out = dir.path().join("big.pdf");
    report(&src, &out, &["--no-inventory"]);
    let text = pdftotext(&out);
    let diagram_pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| p.contains("Diagram: Main"))
        .collect();
    assert!(diagram_pages.len() > 1, "an overview and detail pages");
    assert!(text.contains("Overview: this diagram is too big for one page"));
    let all = squash(&diagram_pages.concat());
    let p = threatboard::io::load(&src).expect("load");
    let d = &p.diagrams[0];
    assert_eq!(d.elements.len(), 300);
    let missing: Vec<_> = d
        .elements
        .iter()
        .filter(|e| !all.contains(&squash(&e.name)))
        .map(|e| e.name.clone())
        .collect();
    assert!(missing.is_empty(), "not on the diagram pages: {missing:?}");
}

#[test]
fn unreadable_input_exits_2() {
    let dir = tempfile::tempdir().expect("tmp");
    let o = threatboard(&[
        "report",
        "/nonexistent.ron",
        "-o",
        dir.path().join("x.pdf").to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!dir.path().join("x.pdf").exists());
}

/// Words are never cut inside table cells ("Transferred", "medium"), the body carries
/// rule ids instead of a column of internal keys, and an undated project's PDF is not
/// dated 1 January 1970.
#[test]
fn tables_read_cleanly_and_the_pdf_has_a_real_date() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("ws.pdf");
    report(&sample("web-shop.ron"), &out, &[]);
    let text = pdftotext(&out);
    let words: Vec<&str> = text.split_whitespace().collect();
    assert!(
        words.contains(&"Transferred") && words.contains(&"Total"),
        "headers apart"
    );
    for cut in ["Transferre", "mediu", "critica"] {
        assert!(!words.contains(&cut), "{cut} is a cut word");
    }
    assert!(text.contains("Rule: secrets-in-configuration"));
    assert!(!text.contains("@el_"), "no internal keys in the body");
    // A project without a date, exported without SOURCE_DATE_EPOCH.
    let undated = dir.path().join("undated.ron");
    let mut p = threatboard::io::load(&sample("web-shop.ron")).expect("sample");
    p.meta.date.clear();
    p.meta.scope.clear();
    p.meta.assumptions.clear();
    threatboard::io::save(&undated, &p).expect("save");
    let out = dir.path().join("undated.pdf");
    let o = Command::new(env!("CARGO_BIN_EXE_threatboard"))
        .args([
            "report",
            undated.to_str().unwrap_or(""),
            "-o",
            out.to_str().unwrap_or(""),
        ])
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", stderr(&o));
    let info = common::poppler("pdfinfo", &[out.as_os_str()]);
    let info = String::from_utf8_lossy(&info.stdout);
    let created = info
        .lines()
        .find(|l| l.starts_with("CreationDate:"))
        .unwrap_or("");
    assert!(!created.contains("1970"), "{created}");
    // The empty scope says so, rather than a heading over nothing.
    assert!(pdftotext(&out).contains("No scope or assumptions were recorded"));
}

/// Where the line that is exactly `line` (spaces aside) starts in `text`.
fn line_at(text: &str, line: &str) -> Option<usize> {
    let mut at = 0;
    for l in text.split_inclusive('\n') {
        if l.trim() == line {
            return Some(at);
        }
        at += l.len();
    }
    None
}

/// Landscape (diagram) pages among the first `n`.
fn landscape_pages(pdf: &Path, n: usize) -> usize {
    let o = common::poppler(
        "pdfinfo",
        &["-f", "1", "-l", &n.to_string()]
            .map(std::ffi::OsStr::new)
            .into_iter()
            .chain([pdf.as_os_str()])
            .collect::<Vec<_>>(),
    );
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
        .filter(|l| l.contains("841.89 x 595.28") || l.contains("841.89 x 595.276"))
        .count()
}

/// Pages before the "Appendix" title page: the body a signer reads.
fn body_pages(pdf: &Path) -> usize {
    (1..=pages(pdf))
        .find(|&i| {
            let page = i.to_string();
            let o = common::poppler(
                "pdftotext",
                &["-f", &page, "-l", &page, "-layout"]
                    .map(std::ffi::OsStr::new)
                    .into_iter()
                    .chain([pdf.as_os_str(), std::ffi::OsStr::new("-")])
                    .collect::<Vec<_>>(),
            );
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .any(|l| l.trim() == "Appendix")
        })
        .map_or(usize::MAX, |i| i - 1)
}

/// The body leads with what a signer signs: the residual-risk register lists exactly the
/// open high/critical threats and the accepted or transferred ones; the appendix option
/// decides how much of the per-element listing follows.
#[test]
fn the_register_comes_first_and_the_appendix_follows_the_option() {
    let dir = tempfile::tempdir().expect("tmp");
    let src = sample("web-shop.ron");
    let project = threatboard::io::load(&src).expect("sample");
    let analysis = analysis::analyze(&project, &Catalogue::builtin().expect("rules"));
    let register = threatboard::report::residual_register(&analysis);
    let expected: Vec<&str> = analysis
        .threats()
        .filter(|f| {
            (f.status().is_open() && f.severity >= threatboard::model::Severity::High)
                || matches!(
                    f.status(),
                    threatboard::model::Status::Accepted | threatboard::model::Status::Transferred
                )
        })
        .map(|f| f.title.as_str())
        .collect();
    assert_eq!(register.len(), expected.len());
    assert!(
        register
            .iter()
            .all(|f| expected.contains(&f.title.as_str()))
    );
    // Markdown has the same register.
    let md = threatboard::report::markdown(&project, &analysis);
    let section = md
        .split("## Residual risk")
        .nth(1)
        .expect("a Residual risk section");
    let section = section.split("\n## ").next().unwrap_or("");
    let rows = section
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Severity"))
        .count();
    assert_eq!(rows, expected.len(), "{section}");
    // PDF: register in the body (before the appendix), body short.
    let full = dir.path().join("full.pdf");
    report(&src, &full, &[]);
    let text = pdftotext(&full);
    let appendix_at = line_at(&text, "Appendix").expect("an appendix");
    let register_at = text.find("Residual risk").expect("a register");
    assert!(register_at < appendix_at);
    assert!(text[appendix_at..].contains("Threats by element"));
    // The diagram's legible detail pages aside (landscape), the body is short.
    let body = body_pages(&full) - landscape_pages(&full, body_pages(&full));
    assert!(body <= 10, "web-shop body: {} pages", body);
    // --appendix none: no per-element listing; open: decided threats left out of it.
    let none = dir.path().join("none.pdf");
    report(&src, &none, &["--appendix", "none"]);
    let text = pdftotext(&none);
    assert!(!text.contains("Threats by element"));
    // Said as a signer reads it: no command-line syntax.
    assert!(
        squash(&text).contains(&squash(
            "The per-element listing is left out of this report"
        )),
        "the choice is printed"
    );
    assert!(!text.contains("--appendix"), "no command-line syntax");
    let open = dir.path().join("open.pdf");
    report(&src, &open, &["--appendix", "open"]);
    let text = pdftotext(&open);
    let appendix = &text[line_at(&text, "Appendix").expect("appendix")..];
    assert!(
        appendix.contains("decided threats are left out"),
        "the choice is printed"
    );
    let decided = analysis
        .threats()
        .find(|f| f.status() == threatboard::model::Status::Mitigated)
        .expect("web-shop has a mitigated threat");
    let listing = &appendix[appendix.find("Threats by element").expect("listing")..];
    assert!(
        !squash(listing).contains(&squash(&decided.title)),
        "{}",
        decided.title
    );
}

/// A 1,000-element model's body stays under 40 pages (the open threats go to the appendix
/// by default for models of this size).
#[test]
fn a_thousand_element_model_has_a_short_body() {
    let dir = tempfile::tempdir().expect("tmp");
    let src = dir.path().join("big.ron");
    threatboard::io::save(&src, &threatboard::synthetic::project(1000)).expect("save");
    let out = dir.path().join("big.pdf");
    report(&src, &out, &[]);
    let body = body_pages(&out);
    assert!(body < 40, "body: {body} pages");
}
