//! Decisions that expire: review dates, `check` on a fixed day, `--allow-expired`.

use crate::common;

use common::{sample, stdout, threatboard};
use threatboard::model::*;

/// web-shop with its transferred decision to be reviewed on `review_by`; the path.
fn with_review(dir: &std::path::Path, review_by: &str) -> std::path::PathBuf {
    let mut p = threatboard::io::load(&sample("web-shop.ron")).expect("sample");
    let (_, record) = p
        .threats
        .iter_mut()
        .find(|(_, r)| r.status == Status::Transferred)
        .expect("web-shop has a transferred decision");
    record.review_by = review_by.to_owned();
    let path = dir.join("shop.ron");
    threatboard::io::save(&path, &p).expect("save");
    path
}

fn check(path: &std::path::Path, extra: &[&str]) -> (Option<i32>, String) {
    let mut args = vec![
        "check",
        path.to_str().unwrap_or(""),
        "--fail-on",
        "critical",
    ];
    args.extend_from_slice(extra);
    let o = threatboard(&args);
    (o.status.code(), stdout(&o))
}

#[test]
fn check_fails_on_a_decision_past_its_review_date() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = with_review(dir.path(), "2026-06-30");
    // Before and on the date: nothing due (web-shop has no open critical threat).
    for day in ["2026-01-15", "2026-06-30"] {
        let (code, out) = check(&path, &["--today", day]);
        assert_eq!(code, Some(0), "{day}: {out}");
        assert!(!out.contains("due for review"), "{out}");
    }
    // The day after: due, named, and the pipeline fails.
    let (code, out) = check(&path, &["--today", "2026-07-01"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("transferred decision due for review since 2026-06-30"),
        "{out}"
    );
    assert!(
        out.contains("1 decision due for review (--allow-expired to pass)"),
        "{out}"
    );
    // Allowed: still listed, not failing.
    let (code, out) = check(&path, &["--today", "2026-07-01", "--allow-expired"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("due for review since 2026-06-30"), "{out}");
    // SOURCE_DATE_EPOCH pins "today" when --today is not given (2026-07-01 00:00 UTC).
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_threatboard"))
        .args([
            "check",
            path.to_str().unwrap_or(""),
            "--fail-on",
            "critical",
        ])
        .env("SOURCE_DATE_EPOCH", "1782864000")
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    // A --today that is not a date is refused.
    let (code, _) = check(&path, &["--today", "next week"]);
    assert_eq!(code, Some(2));
}

#[test]
fn a_review_date_that_is_not_a_date_is_a_validation_error() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = with_review(dir.path(), "end of Q3");
    let (code, out) = check(&path, &["--today", "2026-01-01"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("review-date-invalid"), "{out}");
    assert!(out.contains("\"end of Q3\""), "{out}");
    // The JSON output carries the date as written.
    let o = threatboard(&["analyze", path.to_str().unwrap_or(""), "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let found = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .any(|f| f["review_by"] == "end of Q3");
    assert!(found);
}

#[test]
fn dates_are_real_calendar_dates() {
    assert_eq!(parse_date("2028-02-29"), Some((2028, 2, 29)));
    assert_eq!(parse_date("2026-02-29"), None);
    assert_eq!(parse_date("2100-02-29"), None);
    assert_eq!(parse_date("2026-04-31"), None);
    assert_eq!(parse_date("2026-12-02T10:00:00Z"), Some((2026, 12, 2)));
    assert_eq!(parse_date("2026-1-2"), None);
    let decided = ThreatRecord {
        status: Status::Accepted,
        review_by: "2026-06-30".into(),
        ..ThreatRecord::default()
    };
    assert!(decided.due_for_review("2026-07-01"));
    assert!(!decided.due_for_review("2026-06-30"));
    // An open threat has no decision to review.
    let open = ThreatRecord {
        status: Status::Open,
        ..decided.clone()
    };
    assert!(!open.due_for_review("2027-01-01"));
}

/// `analyze` says which decisions are due (JSON and CSV), and the CSV carries the
/// residual-risk register as a column.
#[test]
fn analyze_outputs_due_decisions_and_the_register() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = with_review(dir.path(), "2026-06-30");
    let run = |format: &str| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_threatboard"))
            .args(["analyze", path.to_str().unwrap_or(""), "--format", format])
            .env("SOURCE_DATE_EPOCH", "1782864000") // 2026-07-01
            .output()
            .expect("runs");
        stdout(&o)
    };
    let doc: serde_json::Value = serde_json::from_str(&run("json")).expect("json");
    let due: Vec<&serde_json::Value> = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["due_for_review"] == true)
        .collect();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0]["status"], "transferred");
    let csv = run("csv");
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().expect("headers").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (due_col, register_col) = (col("due_for_review"), col("residual_risk"));
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.iter().filter(|r| &r[due_col] == "true").count(), 1);
    let project = threatboard::io::load(&path).expect("load");
    let a = threatboard::analysis::analyze(
        &project,
        &threatboard::analysis::Catalogue::builtin().expect("rules"),
    );
    assert_eq!(
        rows.iter().filter(|r| &r[register_col] == "true").count(),
        threatboard::report::residual_register(&a).len()
    );
}

/// A decision time that is not ASCII where a date would end (hand-edited, or crafted to
/// crash a CI gate) is compared safely: `check` reports, it does not panic.
#[test]
fn a_non_ascii_decision_time_does_not_crash_check() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = with_review(dir.path(), "2026-06-30");
    let mut p = threatboard::io::load(&path).expect("loads");
    for r in p.threats.values_mut() {
        r.decided_at = "2026-12-0日本".into();
    }
    threatboard::io::save(&path, &p).expect("save");
    let (code, out) = check(&path, &["--today", "2026-01-01"]);
    assert!(matches!(code, Some(0 | 1)), "exit {code:?}: {out}");
}
