//! `verify`'s output: text for people, JSON for tools, Markdown for a pull-request comment
//! and SARIF (failing and not-run controls as results pointing at the model) for
//! code-scanning views.

use std::fmt::Write as _;

use serde_json::json;

use super::{ControlState, Verification};
use crate::foundation::escape;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Markdown,
    Sarif,
}

/// Renders a verification. `model_path` and `model_text` let SARIF results point at the
/// line of the model where the threat's subject is defined.
pub fn render(
    v: &Verification,
    format: Format,
    title: &str,
    model_path: &str,
    model_text: &str,
) -> String {
    match format {
        Format::Text => text(v, title),
        Format::Json => {
            escape::json_for_log(serde_json::to_string_pretty(v).unwrap_or_default()) + "\n"
        }
        Format::Markdown => markdown(v, title),
        Format::Sarif => sarif(v, model_path, model_text),
    }
}

/// Controls in the order people act on them: failing, not run, passing.
fn ordered(v: &Verification) -> Vec<(&super::ThreatVerification, &super::ControlResult)> {
    let mut all: Vec<_> = v.controls().collect();
    all.sort_by_key(|(_, c)| std::cmp::Reverse(c.state));
    all
}

fn text(v: &Verification, title: &str) -> String {
    let mut s = String::new();
    // Every line that carries text from the model or a scanner's file is one line, escaped.
    macro_rules! line {
        ($($arg:tt)*) => {{
            let _ = writeln!(s, "{}", escape::line(&format!($($arg)*)));
        }};
    }
    line!("Verification of {title:?}");
    for e in &v.evidence {
        line!(
            "  evidence {} — {}, {}, sha256 {}",
            e.path,
            e.summary,
            if e.date.is_empty() {
                "undated"
            } else {
                &e.date
            },
            &e.sha256[..e.sha256.len().min(12)]
        );
    }
    if v.threats.is_empty() {
        let _ = writeln!(
            s,
            "\nNo decision names a control yet: add controls to mitigations (in the app's threat pane, or `controls: [Scanner(tool: \"checkov\", rule: \"CKV_AWS_18\")]` in the file)."
        );
    }
    s.push('\n');
    for (t, c) in ordered(v) {
        line!(
            "{} {:<8} {:<28} {} — {}",
            c.state.symbol(),
            c.state.label(),
            c.control,
            t.subject_name,
            t.title
        );
        line!("    {}", c.detail);
        for f in &c.failures {
            let on = if f.resource.is_empty() {
                String::new()
            } else {
                format!("{}: ", f.resource)
            };
            line!("    {on}{} ({})", one_line(&f.message), f.place);
        }
    }
    if !v.findings.is_empty() {
        let _ = writeln!(
            s,
            "\nImplementation findings (scanner results no control covers):"
        );
        for f in &v.findings {
            line!(
                "  {} ({}): {} {} {} ({})",
                f.element_name,
                f.resource,
                f.tool,
                f.rule,
                one_line(&f.message),
                f.place
            );
        }
    }
    if !v.unmapped.is_empty() {
        let list: Vec<String> = v
            .unmapped
            .iter()
            .map(|(r, n)| format!("{r} ({n})"))
            .collect();
        s.push('\n');
        line!("Results on resources no element names: {}", list.join(", "));
    }
    if v.unplaced > 0 {
        let _ = writeln!(
            s,
            "{} result{} could not be placed on a resource (give the template with --template)",
            v.unplaced,
            if v.unplaced == 1 { "" } else { "s" }
        );
    }
    s.push('\n');
    line!("{}", v.headline());
    s
}

fn one_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or("").trim();
    super::clip(line, 200)
}

/// Text for a Markdown table cell: its first line, clipped, made inert.
fn md_cell(s: &str) -> String {
    escape::md_inline(&one_line(s))
}

fn markdown(v: &Verification, title: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "### Threat model controls: {}\n", md_cell(title));
    let _ = writeln!(s, "**{}**\n", escape::md_inline(&v.headline()));
    if !v.threats.is_empty() {
        let _ = writeln!(s, "| | Control | Threat | On | Result |");
        let _ = writeln!(s, "|---|---|---|---|---|");
        for (t, c) in ordered(v) {
            let mut result = c.detail.clone();
            if let Some(f) = c.failures.first() {
                let _ = write!(result, ": {} ({})", f.message, f.place);
            }
            let _ = writeln!(
                s,
                "| {} {} | {} | {} | {} | {} |",
                c.state.symbol(),
                c.state.label(),
                md_cell(&c.control),
                md_cell(&t.title),
                md_cell(&t.subject_name),
                md_cell(&result)
            );
        }
    }
    if !v.findings.is_empty() {
        let _ = writeln!(
            s,
            "\n<details><summary>{} implementation finding{} no control covers</summary>\n",
            v.findings.len(),
            if v.findings.len() == 1 { "" } else { "s" }
        );
        let _ = writeln!(s, "| Element | Resource | Rule | Message | Where |");
        let _ = writeln!(s, "|---|---|---|---|---|");
        for f in &v.findings {
            let _ = writeln!(
                s,
                "| {} | {} | {} {} | {} | {} |",
                md_cell(&f.element_name),
                md_cell(&f.resource),
                md_cell(&f.tool),
                md_cell(&f.rule),
                md_cell(&f.message),
                md_cell(&f.place)
            );
        }
        let _ = writeln!(s, "\n</details>");
    }
    let _ = writeln!(s, "\n<sub>Evidence:");
    for e in &v.evidence {
        let _ = writeln!(
            s,
            " {} ({}, sha256 `{}`)",
            md_cell(&e.path),
            md_cell(&e.summary),
            &e.sha256[..e.sha256.len().min(12)]
        );
    }
    let _ = writeln!(s, "</sub>");
    s
}

/// The 1-based line where `id: "ID"` is written in the model, for a subject.
fn line_of(model_text: &str, id: &str) -> Option<usize> {
    let needle = format!("id: \"{id}\"");
    let at = model_text.find(&needle)?;
    Some(model_text[..at].matches('\n').count() + 1)
}

fn sarif(v: &Verification, model_path: &str, model_text: &str) -> String {
    let results: Vec<serde_json::Value> = ordered(v)
        .into_iter()
        .filter(|(_, c)| c.state != ControlState::Passing)
        .map(|(t, c)| {
            let (rule, level) = match c.state {
                ControlState::Failing => ("control-failing", "error"),
                _ => ("control-not-run", "warning"),
            };
            let mut text = format!(
                "{}: the control {} of the mitigation of \"{}\" on {} — {}",
                c.state.label(),
                c.control,
                t.title,
                t.subject_name,
                c.detail
            );
            if let Some(f) = c.failures.first() {
                let _ = write!(text, ". {} ({})", one_line(&f.message), f.place);
            }
            let mut region = json!({});
            if let Some(line) = line_of(model_text, &t.subject) {
                region = json!({ "startLine": line });
            }
            json!({
                "ruleId": rule,
                "level": level,
                "message": { "text": text },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": model_path },
                        "region": region,
                    },
                    "logicalLocations": [{
                        "name": t.subject_name,
                        "fullyQualifiedName": t.key,
                    }],
                }],
                "partialFingerprints": { "threatboardControl/v1": format!("{}|{}", escape::sarif_id(&t.key.to_string()), escape::sarif_id(&c.control)) },
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "threatboard",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": [
                    { "id": "control-failing", "shortDescription": { "text": "A mitigation's control fails in the pipeline's evidence" } },
                    { "id": "control-not-run", "shortDescription": { "text": "Nothing in the evidence shows a mitigation's control ran" } },
                ],
            }},
            "artifacts": [{ "location": { "uri": model_path } }],
            "results": results,
        }],
    });
    escape::json_for_log(serde_json::to_string_pretty(&log).unwrap_or_default()) + "\n"
}
