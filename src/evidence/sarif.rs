//! SARIF 2.1.0 as infrastructure scanners write it.
//!
//! Read as JSON values, not a strict schema: real logs leave out `version` (cfn-lint via
//! ASH), give rules by index only, put the file in `run.artifacts`, and write the resource
//! in a logical location (cfn_nag), in the message (cfn-guard, cfn-lint) or only as a line
//! range (checkov, KICS, trivy).

use std::path::Path;

use serde_json::Value;

use super::{MAX_MESSAGE_CHARS, MAX_RESULTS, RuleInfo, ScanResult, ScanRun, clip};
use crate::io::{FileError, FileErrorKind};

/// The runs of a SARIF log and the latest end time any invocation gives.
pub(super) fn parse(text: &str, path: &Path) -> Result<(Vec<ScanRun>, String), FileError> {
    let root: Value = serde_json::from_str(text).map_err(|e| FileError {
        path: path.to_owned(),
        position: (e.line() > 0).then(|| (e.line(), e.column())),
        kind: FileErrorKind::Syntax(format!("not valid JSON: {e}")),
    })?;
    let invalid = |m: String| FileError::new(path, FileErrorKind::Invalid(m));
    let Some(obj) = root.as_object() else {
        return Err(invalid(
            "not a SARIF log: the top level is not an object".into(),
        ));
    };
    match obj.get("version").and_then(Value::as_str) {
        None | Some("2.1.0") => {}
        Some(v) => {
            return Err(invalid(format!(
                "SARIF version {v:?}; Threatboard reads SARIF 2.1.0"
            )));
        }
    }
    let Some(runs) = obj.get("runs").and_then(Value::as_array) else {
        return Err(invalid(
            "not a SARIF log: it has no \"runs\" (a JSON file, but not SARIF 2.1.0)".into(),
        ));
    };
    let mut out = Vec::with_capacity(runs.len());
    let mut date = String::new();
    let mut total = 0usize;
    for (i, run) in runs.iter().enumerate() {
        let driver = run.pointer("/tool/driver");
        let Some(name) = driver.and_then(|d| d.get("name")).and_then(Value::as_str) else {
            return Err(invalid(format!(
                "run {} has no tool.driver.name: which scanner wrote it?",
                i + 1
            )));
        };
        let version = ["semanticVersion", "version"]
            .iter()
            .find_map(|k| driver.and_then(|d| d.get(*k)).and_then(Value::as_str))
            .unwrap_or("");
        let rules: Vec<RuleInfo> = driver
            .and_then(|d| d.get("rules"))
            .and_then(Value::as_array)
            .map(|rules| {
                rules
                    .iter()
                    .map(|r| RuleInfo {
                        id: str_at(r, "/id"),
                        text: ["/shortDescription/text", "/name", "/fullDescription/text"]
                            .iter()
                            .map(|p| str_at(r, p))
                            .find(|s| !s.is_empty())
                            .map(|s| clip(&s, 200))
                            .unwrap_or_default(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let artifacts: Vec<String> = run
            .get("artifacts")
            .and_then(Value::as_array)
            .map(|a| a.iter().map(|a| str_at(a, "/location/uri")).collect())
            .unwrap_or_default();
        let logical_table: Vec<String> = run
            .get("logicalLocations")
            .and_then(Value::as_array)
            .map(|a| a.iter().map(logical_name).collect())
            .unwrap_or_default();
        let mut succeeded = true;
        let mut disabled = Vec::new();
        for inv in run
            .get("invocations")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if inv.get("executionSuccessful").and_then(Value::as_bool) == Some(false) {
                succeeded = false;
            }
            for t in ["endTimeUtc", "startTimeUtc"] {
                if let Some(t) = inv.get(t).and_then(Value::as_str)
                    && crate::model::time_key(t) > crate::model::time_key(&date)
                {
                    date = t.to_owned();
                    break;
                }
            }
            for o in inv
                .get("ruleConfigurationOverrides")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if o.pointer("/configuration/enabled").and_then(Value::as_bool) == Some(false) {
                    disabled.push(str_at(o, "/descriptor/id"));
                }
            }
        }
        let mut results = Vec::new();
        for r in run
            .get("results")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            total += 1;
            if total > MAX_RESULTS {
                return Err(invalid(format!(
                    "more than {MAX_RESULTS} results; split the scan or raise its severity threshold"
                )));
            }
            results.push(result(r, &rules, &artifacts, &logical_table));
        }
        out.push(ScanRun {
            tool: name.trim().to_lowercase(),
            tool_version: version.to_owned(),
            rules,
            disabled,
            succeeded,
            results,
        });
    }
    Ok((out, date))
}

fn result(r: &Value, rules: &[RuleInfo], artifacts: &[String], logical: &[String]) -> ScanResult {
    let by_index = r
        .get("ruleIndex")
        .and_then(Value::as_u64)
        .and_then(|i| rules.get(i as usize))
        .map(|r| r.id.clone());
    let rule = [str_at(r, "/ruleId"), str_at(r, "/rule/id")]
        .into_iter()
        .find(|s| !s.is_empty())
        .or(by_index)
        .unwrap_or_default();
    let mut message = str_at(r, "/message/text");
    if message.is_empty() {
        message = str_at(r, "/message/markdown");
    }
    let mut out = ScanResult {
        rule: clip(&rule, 200),
        level: str_at(r, "/level"),
        kind: str_at(r, "/kind"),
        message: clip(message.trim(), MAX_MESSAGE_CHARS),
        ..ScanResult::default()
    };
    if let Some(loc) = r
        .get("locations")
        .and_then(Value::as_array)
        .and_then(|l| l.first())
    {
        let phys = loc.get("physicalLocation");
        let art = phys.and_then(|p| p.get("artifactLocation"));
        out.uri = art
            .map(|a| str_at(a, "/uri"))
            .filter(|u| !u.is_empty())
            .or_else(|| {
                art.and_then(|a| a.get("index"))
                    .and_then(Value::as_u64)
                    .and_then(|i| artifacts.get(i as usize).cloned())
            })
            .map(|u| clip(&u, 1_000))
            .unwrap_or_default();
        let line = |k: &str| {
            phys.and_then(|p| p.pointer(&format!("/region/{k}")))
                .and_then(Value::as_u64)
                .and_then(|l| u32::try_from(l).ok())
        };
        out.start_line = line("startLine");
        if let Some(snippet) = phys
            .and_then(|p| p.pointer("/region/snippet/text"))
            .and_then(Value::as_str)
        {
            out.snippet_key = snippet_key(snippet);
        }
        out.end_line = line("endLine").or(out.start_line);
        for l in loc
            .get("logicalLocations")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .take(16)
        {
            let name = logical_name(l);
            let name = if name.is_empty() {
                l.get("index")
                    .and_then(Value::as_u64)
                    .and_then(|i| logical.get(i as usize).cloned())
                    .unwrap_or_default()
            } else {
                name
            };
            if !name.is_empty() {
                out.logical.push(clip(&name, 500));
            }
        }
    }
    if let Some(s) = r
        .get("suppressions")
        .and_then(Value::as_array)
        .filter(|s| !s.is_empty())
    {
        let why = s
            .iter()
            .map(|s| str_at(s, "/justification"))
            .find(|j| !j.is_empty())
            .unwrap_or_default();
        out.suppressed = Some(clip(&why, 500));
    }
    out
}

/// `  InvoiceBucket:` or `"InvoiceBucket": {` → "InvoiceBucket".
fn snippet_key(snippet: &str) -> String {
    let first = snippet.lines().next().unwrap_or("").trim();
    let key = first
        .trim_end_matches('{')
        .trim_end()
        .strip_suffix(':')
        .unwrap_or("")
        .trim()
        .trim_matches('"');
    if !key.is_empty() && key.len() <= 255 && key.chars().all(|c| c.is_ascii_alphanumeric()) {
        key.to_owned()
    } else {
        String::new()
    }
}

fn logical_name(l: &Value) -> String {
    ["/name", "/fullyQualifiedName"]
        .iter()
        .map(|p| str_at(l, p))
        .find(|s| !s.is_empty())
        .unwrap_or_default()
}

fn str_at(v: &Value, pointer: &str) -> String {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned()
}
