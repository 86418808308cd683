//! `threatboard check`, the CI gate: open threats at or above a severity, validation
//! errors, decisions past or too far from their review date, and — with `--since` — only
//! what a change brings, including decisions it adds that lower a gated threat; with
//! `--allowed-signers`, only signed decisions count. Its own file because the gate is the
//! part a hostile pull request aims at (docs/security.md).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use threatboard::analysis;
use threatboard::foundation::escape;
use threatboard::model::Severity;

use super::{EXIT_FINDINGS, EXIT_UNREADABLE, RuleArgs, cli_history, load_and_analyze, report};

pub(crate) fn check(
    path: &Path,
    (fail_on, imported_generated): (Severity, bool),
    (allow_expired, max_review_years): (bool, u16),
    today: Option<String>,
    since: Option<&str>,
    allowed_signers: Option<&Path>,
    rules: &RuleArgs,
) -> ExitCode {
    let Ok(allowed) = cli_history::load_allowed_signers(allowed_signers) else {
        return ExitCode::from(EXIT_UNREADABLE);
    };
    let today = match today {
        Some(t) => match report::check_given_date("--today", &t) {
            Ok(()) => t,
            Err(e) => {
                err!("error: {e}");
                return ExitCode::from(EXIT_UNREADABLE);
            }
        },
        None => report::today(),
    };
    let Some((project, result)) = load_and_analyze(path, rules) else {
        return ExitCode::from(EXIT_UNREADABLE);
    };
    let base = match since {
        None => None,
        Some(s) => match cli_history::analyze_source(s, rules) {
            Some((_, a)) => Some(a),
            None => return ExitCode::from(EXIT_UNREADABLE),
        },
    };
    // One write at the end rather than one per line: a failing gate on a big model prints
    // hundreds of lines. Written on return; a closed pipe is ignored, as `out!` does.
    let mut o = std::io::BufWriter::new(std::io::stdout().lock());
    macro_rules! out {
        ($($arg:tt)*) => {{
            let _ = writeln!(o, "{}", escape::line(&format!($($arg)*)));
        }};
    }
    // Decisions that lower risk count only when an allowed signer signed them unchanged.
    let result = cli_history::judge_decisions(path, &project, result, allowed.as_ref(), &mut o);
    // Before the verdict: a reviewer reading the CI log sees that the gate was changed.
    if let Some(changes) = result.rule_changes_text() {
        out!("{}: warning: {changes}", path.display());
    }
    if let Some(note) = result.imported_generated_note(imported_generated) {
        out!("{}: {note}", path.display());
    }
    let mut failing: Vec<_> = result
        .open_at_or_above_with(fail_on, imported_generated)
        .collect();
    let mut errors: Vec<_> = result.errors().collect();
    // Decisions a pull request adds that lower a threat at or above the gate: the author
    // of the change wrote them, so they are listed and gated like the open threat.
    let mut new_decisions: Vec<&analysis::Finding> = Vec::new();
    if let Some(base) = &base {
        // A pull request answers for what it brings, not for what was there before: a
        // threat already failing the gate in BASE is not counted again; one that is new,
        // re-opened or raised into the gate is.
        let failing_before: std::collections::HashSet<&_> = base
            .open_at_or_above_with(fail_on, imported_generated)
            .map(|f| &f.key)
            .collect();
        let decided_before: std::collections::HashMap<&_, &analysis::Finding> = base
            .threats()
            .filter(|f| f.decision_lowers_risk())
            .map(|f| (&f.key, f))
            .collect();
        let errors_before: std::collections::HashSet<(analysis::Code, &analysis::Subject, &str)> =
            base.errors()
                .map(|m| (m.code, &m.subject, m.message.as_str()))
                .collect();
        let (before, after) = (failing.len(), errors.len());
        failing.retain(|f| !failing_before.contains(&f.key));
        errors.retain(|m| !errors_before.contains(&(m.code, &m.subject, m.message.as_str())));
        // With --allowed-signers the signatures already decided which decisions count.
        new_decisions = result
            .threats()
            .filter(|_| allowed.is_none())
            .filter(|f| f.decision_lowers_risk() && f.undecided_severity() >= fail_on)
            .filter(|f| imported_generated || f.generated_by().is_none())
            .filter(|f| {
                decided_before
                    .get(&f.key)
                    .is_none_or(|old| !same_decision(&old.record, &f.record))
            })
            .collect();
        out!(
            "{}: since {}: {} open threat(s) at or above {} and {} validation error(s) were there before and are not counted",
            path.display(),
            since.unwrap_or_default(),
            before - failing.len(),
            fail_on.label(),
            after - errors.len()
        );
    }
    for f in &failing {
        out!(
            "{}: open {} threat {}: {} ({})",
            path.display(),
            f.severity.label(),
            f.key,
            f.title,
            f.subject_name()
        );
    }
    // Review dates too far ahead: the decision is never looked at again. With --since,
    // only those the change wrote.
    let far: Vec<&analysis::Finding> = result
        .threats()
        .filter(|f| review_too_far(&f.record.review_by, &today, max_review_years))
        .filter(|f| {
            base.as_ref().is_none_or(|b| {
                !b.threats()
                    .any(|old| old.key == f.key && old.record.review_by == f.record.review_by)
            })
        })
        .collect();
    for f in &far {
        out!(
            "{}: error: threat {} ({}) is to be reviewed on {}, more than {max_review_years} years after {today} (--max-review-years)",
            path.display(),
            f.key,
            f.subject_name(),
            f.record.review_by.trim()
        );
    }
    let errors_total = errors.len() + far.len();
    for f in &new_decisions {
        out!(
            "{}: decision added or changed since {} lowers a {} threat: {} {}: {} ({}); counted as open",
            path.display(),
            since.unwrap_or_default(),
            f.undecided_severity().label(),
            f.status().label().to_lowercase(),
            f.key,
            f.title,
            f.subject_name()
        );
    }
    for m in &errors {
        out!("{}: {}", path.display(), report::message_line(m));
    }
    // Decisions past their review date: "accepted until …" has run out.
    let expired: Vec<_> = result.due_for_review(&today).collect();
    for f in &expired {
        out!(
            "{}: {} decision due for review since {}: {}: {} ({})",
            path.display(),
            f.status().label().to_lowercase(),
            f.record.review_by.trim(),
            f.key,
            f.title,
            f.subject_name()
        );
    }
    let expired_fail = !allow_expired && !expired.is_empty();
    if failing.is_empty() && errors_total == 0 && new_decisions.is_empty() && !expired_fail {
        out!(
            "{}: ok: no {}open threat at or above {}, no {}validation errors ({} threats, {} open)",
            path.display(),
            if base.is_some() {
                "new, re-opened or raised "
            } else {
                ""
            },
            fail_on.label(),
            if base.is_some() { "new " } else { "" },
            result.summary.total,
            result.summary.open
        );
        ExitCode::SUCCESS
    } else {
        out!(
            "{}: failed: {} {}open threat(s) at or above {}, {} validation error(s){}{}",
            path.display(),
            failing.len(),
            if base.is_some() {
                "new, re-opened or raised "
            } else {
                ""
            },
            fail_on.label(),
            errors_total,
            if new_decisions.is_empty() {
                String::new()
            } else {
                format!(
                    ", {} lowering risk added since the base",
                    threatboard::edit::count(new_decisions.len(), "decision", "decisions")
                )
            },
            if expired_fail {
                format!(
                    ", {} due for review (--allow-expired to pass)",
                    threatboard::edit::count(expired.len(), "decision", "decisions")
                )
            } else {
                String::new()
            }
        );
        ExitCode::from(EXIT_FINDINGS)
    }
}

/// Whether `review_by` (YYYY-MM-DD) lies more than `years` after `today`.
fn review_too_far(review_by: &str, today: &str, years: u16) -> bool {
    let (Some(review), Some((y, m, d))) = (
        threatboard::model::parse_date(review_by),
        threatboard::model::parse_date(today),
    ) else {
        return false;
    };
    review > (y.saturating_add(i32::from(years)), m, d)
}

/// Whether two records make the same decision: status, severity and the words behind them.
fn same_decision(
    a: &threatboard::model::ThreatRecord,
    b: &threatboard::model::ThreatRecord,
) -> bool {
    a.status == b.status
        && a.severity == b.severity
        && a.mitigation == b.mitigation
        && a.justification == b.justification
}
