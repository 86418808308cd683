//! The report a security partner signs, read back with poppler's `pdftotext`: what a
//! sign-off accepts is one thing (the CLI, the record and the PDF agree), every decision is
//! in the body with who answers for it, and evidence stands beside the claim it tests.

use crate::common;

use std::path::Path;

use common::{pdftotext, sample, samples, stderr, stdout, threatboard};
use threatboard::analysis::{self, Analysis, Catalogue};
use threatboard::history::accepts::Accepts;
use threatboard::model::Status;

/// Text with all white space removed: wrapped cells break lines anywhere.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn report(src: &Path, out: &Path, extra: &[&str]) -> String {
    let mut args = vec!["report", s(src), "-o", s(out)];
    args.extend_from_slice(extra);
    let o = threatboard(&args);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    pdftotext(out)
}

/// The body: everything before the appendix's title page.
fn body(text: &str) -> &str {
    text.split("Appendix\nThe ").next().unwrap_or(text)
}

fn analyze(p: &threatboard::model::Project) -> Analysis {
    analysis::analyze(p, &Catalogue::builtin().expect("rules"))
}

#[test]
fn the_sign_off_states_in_the_pdf_what_the_cli_records() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("web-shop.ron");
    std::fs::copy(sample("web-shop.ron"), &path).expect("copy");
    let before = threatboard::io::load(&path).expect("loads");
    let a = analyze(&before);
    let accepts = Accepts::of(&a);
    // The accepted denial-of-service risk on "Payment authorisation" (a checklist
    // question's decision) is part of what is signed.
    assert!(
        accepts
            .decided
            .iter()
            .any(|f| f.status() == Status::Accepted
                && f.subject_name().contains("Payment authorisation")),
        "the accepted decision is accepted by the sign-off"
    );
    let statement = accepts.statement();
    let pdf = dir.path().join("before.pdf");
    let text = report(&path, &pdf, &[]);
    assert!(
        squash(body(&text)).contains(&squash(&statement)),
        "the PDF states {statement:?}"
    );
    let o = threatboard(&["sign-off", s(&path), "--reviewer", "Priya Raman"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).lines().any(|l| l.ends_with(&statement)),
        "sign-off prints the same statement on a line of its own: {}",
        stdout(&o)
    );
    let signed = threatboard::io::load(&path).expect("loads");
    let record = signed.signoffs.last().expect("record");
    let keys: Vec<String> = accepts.all().map(|f| f.key.to_string()).collect();
    let recorded: Vec<&str> = record.accepted.iter().map(|t| t.key.as_str()).collect();
    assert_eq!(recorded, keys, "the record keeps what the statement counts");
}

#[test]
fn every_decision_of_every_sample_is_in_the_body_with_who_answers_for_it() {
    let dir = tempfile::tempdir().expect("tmp");
    for src in samples() {
        let out = dir.path().join("r.pdf");
        let text = report(&src, &out, &[]);
        let body = squash(body(&text));
        let p = threatboard::io::load(&src).expect("sample");
        let a = analyze(&p);
        let mut decisions = 0;
        for f in a.findings.iter().filter(|f| f.generated_by().is_none()) {
            if f.status() == Status::Open {
                continue;
            }
            decisions += 1;
            assert!(
                body.contains(&squash(&f.title)),
                "{}: decision on {:?} missing from the body",
                src.display(),
                f.title
            );
            for link in &f.record.links {
                assert!(
                    body.contains(&squash(link)),
                    "{}: link {link} missing",
                    src.display()
                );
            }
            if !f.record.owner.trim().is_empty() {
                assert!(body.contains(&squash(&f.record.owner)));
            }
        }
        // The accepted count the summary states is the model's.
        let accepted = a
            .findings
            .iter()
            .filter(|f| f.status() == Status::Accepted)
            .count();
        assert!(
            body.contains(&format!("{accepted}accepted")),
            "{}: {accepted} accepted stated",
            src.display()
        );
        assert!(decisions > 0, "{} has decisions", src.display());
    }
}

#[test]
fn a_failing_control_stands_beside_its_mitigated_claim() {
    let dir = tempfile::tempdir().expect("tmp");
    let ev = |f: &str| sample(&format!("evidence/{f}"));
    let (a, b, c, t) = (
        ev("checkov.sarif"),
        ev("cfn-lint.sarif"),
        ev("checkov.junit.xml"),
        sample("serverless.template.yaml"),
    );
    let text = report(
        &sample("serverless.ron"),
        &dir.path().join("r.pdf"),
        &["--evidence", s(&a), s(&b), s(&c), "--template", s(&t)],
    );
    let body = squash(body(&text));
    assert!(
        body.contains(&squash(
            "Mitigated — evidence failing: checkov CKV_AWS_18 on InvoiceBucket"
        )),
        "{text}"
    );
    assert!(body.contains(&squash("Mitigated — control not run")));
    // The verdict counts the claims the evidence contradicts or did not check.
    assert!(body.contains(&squash("mitigated claims the evidence contradicts")));
}

/// The numbers on a line of `text` starting with `label`, in order.
fn numbers_after(text: &str, label: &str) -> Vec<Vec<usize>> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix(label))
        .map(|rest| {
            rest.split_whitespace()
                .filter_map(|n| n.parse().ok())
                .collect()
        })
        .collect()
}

#[test]
fn scope_comes_first_and_the_summary_tables_agree() {
    let dir = tempfile::tempdir().expect("tmp");
    for src in samples() {
        let text = report(&src, &dir.path().join("r.pdf"), &[]);
        let p = threatboard::io::load(&src).expect("sample");
        let a = analyze(&p);
        // pdftotext starts a page with a form feed.
        let text = text.replace('\u{c}', "\n");
        let summary = text
            .split("\nSummary\n")
            .nth(1)
            .and_then(|t| t.split("Diagram: ").next())
            .expect("a summary page");
        // Scope first: the unanswered questions are counted on the summary page.
        if a.summary.checklist_open > 0 {
            assert!(
                summary.contains(&format!(
                    "{} of {} checklist questions unanswered",
                    a.summary.checklist_open, a.summary.checklist
                )),
                "{}: {summary}",
                src.display()
            );
        }
        for o in &a.out_of_scope {
            assert!(squash(summary).contains(&squash(&o.name)));
        }
        // The category table's totals and the severity table's agree with the summary.
        let rows = numbers_after(summary, "All threats");
        assert_eq!(
            rows.len(),
            2,
            "{}: two total rows: {summary}",
            src.display()
        );
        let (by_category, by_severity) = (&rows[0], &rows[1]);
        let sum: usize = by_category[..by_category.len() - 1].iter().sum();
        assert_eq!(sum, a.summary.total, "{}", src.display());
        assert_eq!(by_category.last(), Some(&a.summary.total));
        assert_eq!(
            by_category[0] + by_category[1],
            a.summary.open,
            "open + needs investigation"
        );
        assert_eq!(by_severity, &vec![a.summary.open, a.summary.total]);
    }
}

#[test]
fn imported_tool_threats_say_where_they_come_from_and_what_they_say() {
    let dir = tempfile::tempdir().expect("tmp");
    let tm7 = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/corpus/web-app-google-auth-cloud.tm7");
    let model = dir.path().join("m.ron");
    let o = threatboard(&["import", s(&tm7), "-o", s(&model)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = report(&model, &dir.path().join("r.pdf"), &[]);
    let flat = squash(&text);
    let p = threatboard::io::load(&model).expect("imported");
    let a = analyze(&p);
    let imported: Vec<_> = a.imported_generated().collect();
    assert!(!imported.is_empty());
    // None is passed off as the team's, and the tool's own description is printed.
    assert!(
        !text.contains("(set by the team)"),
        "imported shown as the team's"
    );
    assert!(flat.contains(&squash(
        "Imported: Microsoft Threat Modeling Tool — generated by the tool, not assessed"
    )));
    for f in imported {
        let first_words: String = f.description().split_whitespace().take(8).collect();
        assert!(
            flat.contains(&first_words),
            "description of {:?} missing",
            f.title
        );
    }
    // The readiness banner and the register count no imported threat as open high.
    let accepts = Accepts::of(&a);
    assert!(
        accepts
            .open_at_gate
            .iter()
            .all(|f| f.generated_by().is_none())
    );
    assert!(flat.contains(&squash(&format!(
        "Not ready: {} open high or critical threat",
        accepts.open_at_gate.len()
    ))));
}

#[test]
fn the_template_results_were_mapped_through_is_hashed_with_the_evidence() {
    let dir = tempfile::tempdir().expect("tmp");
    let t = sample("serverless.template.yaml");
    let ev = sample("evidence/checkov.sarif");
    let text = report(
        &sample("serverless.ron"),
        &dir.path().join("r.pdf"),
        &["--evidence", s(&ev), "--template", s(&t)],
    );
    let hash = threatboard::report::sha256_hex(&std::fs::read(&t).expect("template"));
    assert!(
        squash(&text).contains(&hash),
        "template hash {hash} missing"
    );
    // Grouped, four groups a line: no line holds a stray digit.
    assert!(text.contains(&format!("{} {}", &hash[..8], &hash[8..16])));
}

#[test]
fn a_changed_model_is_dated_by_its_export_and_signs_under_a_new_label() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("web-shop.ron");
    std::fs::copy(sample("web-shop.ron"), &path).expect("copy");
    let o = threatboard(&["sign-off", s(&path), "--reviewer", "Sam Signer"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Changed after signing, still labelled 2026.11.
    let mut p = threatboard::io::load(&path).expect("loads");
    p.diagrams[0].elements[0].name.push_str(" v2");
    threatboard::io::save(&path, &p).expect("save");
    let pdf = dir.path().join("r.pdf");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_threatboard"))
        .args(["report", s(&path), "-o", s(&pdf)])
        .env("SOURCE_DATE_EPOCH", "1796342400") // 2026-12-04
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", stderr(&o));
    let text = pdftotext(&pdf);
    assert!(text.contains("Report date 2026-12-04"), "{text}");
    assert!(text.contains("Model dated 2026-11-20"));
    assert!(
        !text.contains("Changes since version 2026.11"),
        "a report of version 2026.11 is not changed since itself"
    );
    assert!(text.contains("Changes since the sign-off of"));
    // The signer has a signature box though not among the project's reviewers.
    let signatures = text.rsplit("\nSign-off\n").next().unwrap_or("");
    assert!(signatures.contains("Name: Sam Signer"), "{signatures}");
    assert!(signatures.contains("Name: Priya Raman"));
    // Signing the changed model gives it a new label, covered by the recorded hash.
    let o = threatboard(&["sign-off", s(&path), "--reviewer", "Priya Raman"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("2026.11 → 2026.11-r2"),
        "{}",
        stdout(&o)
    );
    let p = threatboard::io::load(&path).expect("loads");
    assert_eq!(p.meta.version_label, "2026.11-r2");
    let record = p.signoffs.last().expect("record");
    assert_eq!(record.version_label, "2026.11-r2");
    assert_eq!(
        Ok(record.model_sha256.clone()),
        threatboard::history::model_hash(&p).map_err(|e| e.to_string())
    );
}

/// The font sizes (points) set on each landscape (diagram) page, read from the PDF's
/// content streams.
fn diagram_font_sizes(pdf: &Path) -> Vec<Vec<f32>> {
    let bytes = std::fs::read(pdf).expect("pdf");
    let mut warnings = Vec::new();
    let doc = printpdf::PdfDocument::parse(&bytes, &Default::default(), &mut warnings)
        .expect("the PDF parses");
    doc.pages
        .iter()
        .filter(|p| p.media_box.width.0 > p.media_box.height.0)
        .map(|p| {
            p.ops
                .iter()
                .filter_map(|op| match op {
                    printpdf::Op::SetFont { size, .. } => Some(size.0),
                    _ => None,
                })
                .collect()
        })
        .collect()
}

#[test]
fn no_diagram_text_is_smaller_than_7_pt() {
    let dir = tempfile::tempdir().expect("tmp");
    let tm7 =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus/akri-kubernetes.tm7");
    let imported = dir.path().join("akri.ron");
    let o = threatboard(&["import", s(&tm7), "-o", s(&imported)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut models = samples();
    models.push(imported);
    for src in models {
        let pdf = dir.path().join("r.pdf");
        let text = report(&src, &pdf, &[]);
        let pages = diagram_font_sizes(&pdf);
        assert!(!pages.is_empty(), "{}: diagram pages", src.display());
        for sizes in &pages {
            let min = sizes.iter().copied().fold(f32::MAX, f32::min);
            assert!(
                min >= 6.99,
                "{}: text at {min} pt on a diagram page",
                src.display()
            );
        }
        // An overview names its detail pages, and each detail names its overview.
        if text.contains("— detail D1 of") {
            assert!(text.contains("D1 p."), "{}", src.display());
            assert!(text.contains("(overview on page"));
        }
    }
}

#[test]
fn a_table_continued_on_a_new_page_repeats_its_heading() {
    let dir = tempfile::tempdir().expect("tmp");
    let ev = |f: &str| sample(&format!("evidence/{f}"));
    let (a, b, c) = (
        ev("checkov.sarif"),
        ev("cfn-lint.sarif"),
        ev("checkov.junit.xml"),
    );
    let text = report(
        &sample("serverless.ron"),
        &dir.path().join("r.pdf"),
        &["--evidence", s(&a), s(&b), s(&c)],
    );
    // Every page that starts with a table's header row names what it continues.
    for page in text.split('\u{c}') {
        let lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
        let header = lines.iter().position(|l| {
            l.starts_with("Threat Mitigation Accountability") || l.starts_with("Result Control")
        });
        if let Some(at) = header.filter(|at| *at <= 2) {
            assert!(
                lines[..at]
                    .iter()
                    .any(|l| l.ends_with("(continued)") || l.starts_with("Mitigations promised")),
                "a page starts with a bare table header: {page}"
            );
        }
    }
    // The serverless sample's promised mitigations run over a page: the next page names
    // the table again (its count follows the analysis, so it is not pinned here).
    assert!(
        text.lines()
            .any(|l| l.contains("Mitigations promised (") && l.ends_with(") (continued)")),
        "{text}"
    );
}

/// The risk posture counts decisions on checklist questions apart from the threats the
/// tables below count: web-shop's accepted decision is on a question, so the posture says
/// so rather than "1 accepted" beside an Accepted column of 0.
#[test]
fn the_risk_posture_says_which_decisions_are_on_checklist_questions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = report(&sample("web-shop.ron"), &dir.path().join("r.pdf"), &[]);
    let text = squash(&text);
    assert!(
        text.contains(&squash("1 accepted (a checklist question)"))
            || text.contains(&squash("accepted (one a checklist question)")),
        "{}",
        &text[..text.len().min(3000)]
    );
}

/// Saves `p` in `dir` and reports it; the PDF's text.
fn report_project(dir: &Path, p: &threatboard::model::Project) -> String {
    let src = dir.join("m.ron");
    threatboard::io::save(&src, p).expect("save");
    report(&src, &dir.join("m.pdf"), &[])
}

#[test]
fn a_long_label_breaks_between_words_and_after_slashes_never_inside_a_word() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut shop = threatboard::synthetic::Shop::new();
    let label = "RSA/TOTP/HOTP/WebAuthn";
    let (api, db) = (shop.api.clone(), shop.db.clone());
    shop.project.diagrams[0]
        .elements
        .iter_mut()
        .find(|e| e.id == api)
        .expect("api")
        .name = format!("Sign-in {label}");
    shop.flow(&format!("Check {label} codes"), &api, &db);
    let text = report_project(dir.path(), &shop.project);
    let mut seen = 0;
    for token in text.split_whitespace() {
        // A piece of the long word: it ends where a line may break (after a '/') or is
        // the word's end; "RSA/TOTP/HO" + "TP" would not.
        if token.len() > 1 && label.contains(token) {
            seen += 1;
            assert!(
                token.ends_with('/') || label.ends_with(token),
                "{token:?} cuts a word of {label:?}"
            );
        }
    }
    assert!(seen > 0, "the label is printed");
    assert!(
        text.split_whitespace()
            .any(|t| t.ends_with('/') && label.contains(t)),
        "somewhere the label is too long for its line and breaks after a '/'"
    );
}

#[test]
fn a_property_never_recorded_reads_not_recorded_not_no() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut shop = threatboard::synthetic::Shop::new();
    let (browser, api) = (shop.browser.clone(), shop.api.clone());
    let f = shop.flow("Orders", &browser, &api);
    let flow = shop.flow_mut(&f).expect("flow");
    flow.protocol = "HTTPS".into();
    flow.encrypted = true;
    let raw = report_project(dir.path(), &shop.project);
    let text = squash(&raw);
    let words = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    // Encryption is recorded; the rest of the flow's protection and whether the browser
    // authenticates itself never were (the model's `false` is "not provided").
    assert!(text.contains(&squash(
        "HTTPS; encrypted; not recorded: integrity protected, source authenticated, destination authenticated"
    )));
    assert!(text.contains(&squash("authenticates itself: not recorded")));
    for wrong in [
        "integrity no",
        "authenticated no",
        "authenticates itself: no",
    ] {
        for end in [" ", ",", ";"] {
            assert!(!words.contains(&format!("{wrong}{end}")), "{wrong}");
        }
    }
}

#[test]
fn an_overview_names_its_elements_or_keys_them() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = threatboard::synthetic::project(45);
    let text = report_project(dir.path(), &p);
    let pages: Vec<&str> = text.split('\u{c}').collect();
    let overview = pages
        .iter()
        .find(|p| p.contains("Overview: this diagram is too big"))
        .expect("a diagram this wide prints as an overview");
    let key = pages
        .iter()
        .filter(|p| p.contains("key to the overview") || p.contains("Numbered elements:"))
        .map(|p| squash(p))
        .collect::<String>();
    let overview_text = squash(overview);
    for e in &p.diagrams[0].elements {
        // On the overview in the element, or by its number in the key.
        assert!(
            overview_text.contains(&squash(&e.name)) || key.contains(&squash(&e.name)),
            "{} is neither on the overview nor in its key",
            e.name
        );
    }
}

#[test]
fn an_empty_diagram_gets_a_line_not_a_page() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut shop = threatboard::synthetic::Shop::new();
    shop.project
        .diagrams
        .push(threatboard::model::Diagram::new("Sequence Diagram"));
    let text = report_project(dir.path(), &shop.project);
    assert!(!text.contains("This diagram is empty"), "no page for it");
    assert!(
        squash(body(&text)).contains(&squash("Empty diagram, not printed: Sequence Diagram.")),
        "the signer is told it exists"
    );
}

/// The number in "(N)" right after `heading` in `text` (0 when the table is not there).
fn heading_count(text: &str, heading: &str) -> usize {
    text.find(&format!("{heading} ("))
        .and_then(|i| {
            let rest = &text[i + heading.len() + 2..];
            rest.split(')').next().and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

#[test]
fn the_sign_off_statement_adds_up_with_the_register_tables_under_it() {
    let dir = tempfile::tempdir().expect("tmp");
    for src in samples() {
        let text = report(&src, &dir.path().join("r.pdf"), &[]);
        let words = body(&text).split_whitespace().collect::<Vec<_>>().join(" ");
        let statement = &words[words.find("This sign-off accepts").expect("statement")..];
        let statement = &statement[..statement.find("Not part of it").unwrap_or(statement.len())];
        let numbers: Vec<usize> = statement
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect();
        // "accepts H open threats at or above high, D accepted or transferred decisions,
        // and O other open threats (m medium, l low)".
        let (high, decided, other) = (numbers[0], numbers[1], numbers[2]);
        let what = format!("{}: {statement}", src.display());
        assert_eq!(
            heading_count(&words, "Open threats at or above high"),
            high,
            "{what}"
        );
        assert_eq!(
            heading_count(&words, "Accepted and transferred"),
            decided,
            "{what}"
        );
        assert_eq!(
            heading_count(&words, "Other open threats, below high"),
            other,
            "{what}"
        );
        assert_eq!(numbers[3..].iter().sum::<usize>(), other, "{what}");
    }
}

#[test]
fn changes_since_a_sign_off_print_only_the_detail_areas_holding_a_change() {
    let dir = tempfile::tempdir().expect("tmp");
    let changed = common::signed_then_changed();
    // One change only: the signed model with one element renamed.
    let mut p = threatboard::history::signed_snapshot(&changed)
        .expect("the record keeps the signed model")
        .clone();
    p.signoffs = changed.signoffs.clone();
    let store = p.diagrams[0]
        .elements
        .iter_mut()
        .find(|e| e.name == "Session cache")
        .expect("web-shop's session cache");
    store.name = "Session cache (Redis)".into();
    let text = report_project(dir.path(), &p);
    let count = |heading: &str| text.matches(heading).count();
    let all = count("Diagram: Context and checkout — detail D");
    let changed = count("Changes on diagram: Context and checkout — detail D");
    assert!(all > 1, "the diagram needs detail pages: {all}");
    assert_eq!(changed, 1, "one change, one detail page (of {all})");
    let at = text
        .find("Changes on diagram: Context and checkout — detail D1")
        .expect("a detail page of the change");
    assert!(squash(&text[at..]).contains(&squash("Session cache (Redis)")));
}

#[test]
fn a_detail_page_prints_no_half_name_cut_by_its_edge() {
    let dir = tempfile::tempdir().expect("tmp");
    for src in samples() {
        let p = threatboard::io::load(&src).expect("sample");
        let text = report(&src, &dir.path().join("r.pdf"), &[]);
        // Every word of every name and note on the diagrams.
        let mut words = std::collections::BTreeSet::new();
        for d in &p.diagrams {
            let names = d
                .elements
                .iter()
                .map(|e| e.name.as_str())
                .chain(d.flows.iter().map(|f| f.name.as_str()))
                .chain(d.boundaries.iter().map(|b| b.name.as_str()))
                .chain(d.notes.iter().map(|n| n.text.as_str()));
            for n in names {
                words.extend(n.split_whitespace().map(str::to_owned));
            }
        }
        // And the page's own words: header, heading, legend.
        let own = format!(
            "{} version {} Diagram: detail of overview on page Process Data store External \
             entity Trust boundary Out of scope Badges: Critical High Medium Low A badge \
             counts the threats open or due for review on that element or flow, coloured by \
             the highest severity. Added Changed Removed since sign-off (dashed) Threatboard \
             report",
            p.meta.title, p.meta.version_label
        );
        words.extend(own.split_whitespace().map(str::to_owned));
        for d in &p.diagrams {
            words.extend(d.name.split_whitespace().map(str::to_owned));
        }
        for page in text.split('\u{c}').filter(|p| p.contains(" — detail D")) {
            for token in page.split_whitespace() {
                // A piece of a word that is no word itself: the page's edge cut it.
                let fragment = token.chars().count() >= 3
                    && !token.ends_with('…')
                    && !words.contains(token)
                    && words.iter().any(|w| w.contains(token) && w != token);
                assert!(!fragment, "{}: {token:?} on a detail page", src.display());
            }
        }
    }
}
