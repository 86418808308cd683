//! The CI gate against a pull request's author: every test here is an attack that once
//! worked (issue: "A pull request from anyone cannot pass the gate, leak a secret, or
//! rewrite what CI posts"). The author controls the model, the files beside it and the
//! revisions named on the command line; the gate must still read only what it should,
//! fail when it should, and never hang.

use crate::common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{sample, stderr, stdout, threatboard};
use threatboard::analysis::{Catalogue, analyze};
use threatboard::model::{Project, Severity, Status, ThreatRecord};

/// A one-word token such as a runner holds; no output of ours may contain it.
const TOKEN: &str = "ghp_R4nn3rT0kenNeverPrinted";

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn web_shop() -> Project {
    threatboard::io::load(&sample("web-shop.ron")).expect("sample")
}

#[cfg(unix)]
#[test]
fn a_model_that_links_to_a_runner_file_never_prints_it() {
    let dir = tempfile::tempdir().expect("dir");
    let secret = dir.path().join("token");
    std::fs::write(&secret, format!("{TOKEN}\n")).expect("write");
    let model = dir.path().join("model.ron");
    std::os::unix::fs::symlink(&secret, &model).expect("symlink");
    let base = dir.path().join("base.ron");
    std::fs::copy(sample("web-shop.ron"), &base).expect("copy");
    for args in [
        vec!["validate", s(&model)],
        vec!["check", s(&model)],
        vec!["analyze", s(&model)],
        vec!["fmt", "--check", s(&model)],
        vec!["diff", s(&base), s(&model)],
        vec!["check", s(&base), "--since", s(&model)],
        vec!["report", s(&model), "-o", "/dev/null"],
    ] {
        let o = threatboard(&args);
        let (out, err) = (stdout(&o), stderr(&o));
        assert_eq!(o.status.code(), Some(2), "{args:?}: {out}{err}");
        assert!(
            !out.contains("ghp_") && !err.contains("ghp_"),
            "{args:?} printed the token: {out}{err}"
        );
        assert!(
            err.contains("not a Threatboard project") && err.contains("content is not shown"),
            "{args:?}: {err}"
        );
    }
}

/// Runs the binary with `args`, killing it after a minute: a hang is a failure, not a
/// test that never ends.
fn run_bounded(args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_threatboard"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    let started = Instant::now();
    loop {
        if child.try_wait().expect("waits").is_some() {
            let o = child.wait_with_output().expect("output");
            return (o.status.code(), stderr(&o));
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("{args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_is_refused_at_once_not_waited_on() {
    let dir = tempfile::tempdir().expect("dir");
    let fifo = dir.path().join("model.ron");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    // Nobody writes to the FIFO: opening it for reading the ordinary way waits forever.
    for args in [
        vec!["check", s(&fifo)],
        vec!["import", s(&fifo), "-o", s(&dir.path().join("out.ron"))],
        vec!["check", s(&sample("web-shop.ron")), "--rules", s(&fifo)],
    ] {
        let (code, err) = run_bounded(&args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(err.contains("FIFO"), "{args:?}: {err}");
    }
    // The gate's own output, read as a model.
    let (code, err) = run_bounded(&["check", "/proc/self/fd/1"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("not a regular file"), "{err}");
}

/// A git repository in `dir` with `m.ron` (the web-shop sample) committed.
fn repo(dir: &Path) {
    let git = |args: &[&str]| {
        let o = Command::new("git")
            .args(["-c", "user.name=T", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(dir)
            .output()
            .expect("git runs");
        assert!(o.status.success(), "git {args:?}: {}", stderr(&o));
    };
    git(&["init", "-q"]);
    std::fs::copy(sample("web-shop.ron"), dir.join("m.ron")).expect("copy");
    std::fs::create_dir(dir.join("sub")).expect("mkdir");
    std::fs::write(dir.join("sub/notes.txt"), "notes").expect("write");
    git(&["add", "m.ron", "sub"]);
    git(&["commit", "-q", "-m", "model"]);
}

fn threatboard_in(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_threatboard"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("runs")
}

#[test]
fn a_git_revision_cannot_be_an_option_of_gits() {
    let dir = tempfile::tempdir().expect("dir");
    let root = dir.path();
    repo(root);
    // The plain case works: the model against itself is unchanged.
    let o = threatboard_in(root, &["diff", "git:HEAD:m.ron", "m.ron"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    // `git show --output=FILE` once wrote a file of the attacker's choosing.
    let target = root.join("written-by-git");
    for rev in [
        format!("git:--output={}:m.ron", target.display()),
        "git:-p:m.ron".to_owned(),
        "git:--end-of-options:m.ron".to_owned(),
    ] {
        for args in [
            vec!["diff", rev.as_str(), "m.ron"],
            vec!["check", "m.ron", "--since", rev.as_str()],
        ] {
            let o = threatboard_in(root, &args);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stdout(&o));
            assert!(
                stderr(&o).contains("look like options are refused"),
                "{args:?}: {}",
                stderr(&o)
            );
        }
    }
    assert!(!target.exists(), "git wrote a file");
    // A tree is not a model.
    let o = threatboard_in(root, &["diff", "git:HEAD:sub", "m.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("is a tree, not a file"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_git_blob_over_the_limit_is_refused_before_it_is_read() {
    use std::io::Write;
    let dir = tempfile::tempdir().expect("dir");
    let root = dir.path();
    repo(root);
    // One byte over the project file limit, stored as a blob (compressed, it is small);
    // git is asked its size first, so none of it is read.
    let mut git = Command::new("git")
        .args(["hash-object", "-w", "--stdin"])
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("git runs");
    {
        let mut input = git.stdin.take().expect("stdin");
        let chunk = vec![b' '; 1 << 20];
        let mut left = threatboard::io::MAX_FILE_BYTES + 1;
        while left > 0 {
            let n = left.min(chunk.len() as u64) as usize;
            input.write_all(&chunk[..n]).expect("write");
            left -= n as u64;
        }
    }
    let blob = stdout(&git.wait_with_output().expect("hash"))
        .trim()
        .to_owned();
    let o = Command::new("git")
        .args([
            "update-index",
            "--add",
            "--cacheinfo",
            &format!("100644,{blob},big.ron"),
        ])
        .current_dir(root)
        .output()
        .expect("git");
    assert!(o.status.success(), "{}", stderr(&o));
    let tree = Command::new("git")
        .arg("write-tree")
        .current_dir(root)
        .output()
        .expect("git");
    let tree = stdout(&tree).trim().to_owned();
    let o = threatboard_in(root, &["diff", &format!("git:{tree}:big.ron"), "m.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("limited to"), "{}", stderr(&o));
}

/// The web-shop sample analysed: a threat of it chosen by `pick`.
fn pick(p: &Project, choose: impl Fn(&threatboard::analysis::Finding) -> bool) -> ThreatKeyOf {
    let a = analyze(p, &Catalogue::builtin().expect("rules"));
    let f = a
        .threats()
        .find(|f| !f.is_manual() && choose(f))
        .expect("the sample has such a threat");
    (f.key.clone(), f.computed_severity)
}

type ThreatKeyOf = (threatboard::model::ThreatKey, Severity);

/// `check new --fail-on high --since base` for the web-shop sample and an edit of it.
fn check_since(edit: impl FnOnce(&mut Project)) -> std::process::Output {
    let dir = tempfile::tempdir().expect("dir");
    let base = dir.path().join("base.ron");
    let new = dir.path().join("new.ron");
    let mut p = web_shop();
    threatboard::io::save(&base, &p).expect("save");
    edit(&mut p);
    threatboard::io::save(&new, &p).expect("save");
    threatboard(&["check", s(&new), "--fail-on", "high", "--since", s(&base)])
}

#[test]
fn check_since_fails_a_change_that_raises_an_open_threat_into_the_gate() {
    let p = web_shop();
    let (key, _) = pick(&p, |f| {
        f.status().is_open() && f.severity == Severity::Medium
    });
    let o = check_since(|p| {
        p.threats.entry(key.clone()).or_default().severity = Some(Severity::High);
    });
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(text.contains(&format!("open high threat {key}")), "{text}");
}

#[test]
fn check_since_fails_decisions_the_change_adds_that_lower_a_gated_threat() {
    let p = web_shop();
    let (closed, _) = pick(&p, |f| f.status().is_open() && f.severity >= Severity::High);
    let (lowered, _) = pick(&p, |f| {
        f.status().is_open() && f.severity >= Severity::High && f.key != closed
    });
    let o = check_since(|p| {
        p.threats.insert(
            closed.clone(),
            ThreatRecord {
                status: Status::Mitigated,
                mitigation: "Fixed, trust me".into(),
                ..ThreatRecord::default()
            },
        );
        p.threats.entry(lowered.clone()).or_default().severity = Some(Severity::Low);
    });
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{text}");
    for key in [&closed, &lowered] {
        assert!(
            text.lines()
                .any(|l| l.contains("decision added or changed since")
                    && l.contains(&key.to_string())),
            "{key}: {text}"
        );
    }
    assert!(text.contains("2 decisions lowering risk"), "{text}");
    // The same decisions already in the base are not the change's: the gate passes.
    let dir = tempfile::tempdir().expect("dir");
    let both = dir.path().join("m.ron");
    let mut q = web_shop();
    q.threats.insert(
        closed.clone(),
        ThreatRecord {
            status: Status::Mitigated,
            mitigation: "Fixed in the last release".into(),
            ..ThreatRecord::default()
        },
    );
    threatboard::io::save(&both, &q).expect("save");
    let o = threatboard(&["check", s(&both), "--fail-on", "high", "--since", s(&both)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[cfg(unix)]
#[test]
fn an_output_written_over_a_setuid_file_is_not_setuid() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("out.json");
    std::fs::write(&out, "#!/bin/sh\n").expect("write");
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o6755)).expect("chmod");
    let o = threatboard(&[
        "analyze",
        s(&sample("web-shop.ron")),
        "--format",
        "json",
        "-o",
        s(&out),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mode = std::fs::metadata(&out).expect("meta").permissions().mode();
    assert_eq!(mode & 0o7000, 0, "mode {mode:o}");
    assert_eq!(mode & 0o777, 0o755, "the ordinary bits are kept: {mode:o}");
}

/// `check` of the web-shop sample with one open high threat decided by `record`, with
/// `extra` arguments; gives the output.
fn check_decided(record: ThreatRecord, extra: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().expect("dir");
    let model = dir.path().join("m.ron");
    let mut p = web_shop();
    let (key, _) = pick(&p, |f| f.status().is_open() && f.severity >= Severity::High);
    p.threats.insert(key, record);
    threatboard::io::save(&model, &p).expect("save");
    let mut args = vec![
        "check",
        s(&model),
        "--fail-on",
        "critical",
        "--today",
        "2026-12-01",
    ];
    args.extend_from_slice(extra);
    threatboard(&args)
}

#[test]
fn a_decision_needs_words_not_spaces_or_invisible_characters() {
    for (status, text) in [
        (Status::Accepted, ""),
        (Status::Accepted, "\u{200b}\u{200b}"),
        (Status::NotApplicable, " \u{00a0}\t"),
        (Status::Transferred, "-- 42 --"),
        (Status::Mitigated, "\u{2060}"),
    ] {
        let record = ThreatRecord {
            status,
            justification: text.into(),
            mitigation: text.into(),
            ..ThreatRecord::default()
        };
        let o = check_decided(record, &[]);
        let out = stdout(&o);
        assert_eq!(o.status.code(), Some(1), "{status:?} {text:?}: {out}");
        assert!(out.contains("in words"), "{status:?} {text:?}: {out}");
    }
    // A reason in any script is a reason.
    let record = ThreatRecord {
        status: Status::Accepted,
        justification: "Risque accepté par le métier".into(),
        ..ThreatRecord::default()
    };
    let o = check_decided(record, &[]);
    assert!(!stdout(&o).contains("in words"), "{}", stdout(&o));
}

#[test]
fn a_review_date_years_ahead_fails_the_gate() {
    let far = |review_by: &str| ThreatRecord {
        status: Status::Accepted,
        justification: "The provider contract covers it".into(),
        review_by: review_by.into(),
        ..ThreatRecord::default()
    };
    let o = check_decided(far("9999-12-31"), &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("more than 3 years"), "{}", stdout(&o));
    let o = check_decided(far("2029-11-30"), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = check_decided(far("2029-12-02"), &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let o = check_decided(far("2029-12-02"), &["--max-review-years", "5"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn a_pinned_date_outside_1970_to_2200_is_an_error() {
    let model = sample("web-shop.ron");
    for epoch in ["99999999999", "-1", "soon", "1e9"] {
        let o = Command::new(env!("CARGO_BIN_EXE_threatboard"))
            .args(["check", s(&model)])
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .expect("runs");
        assert_eq!(o.status.code(), Some(2), "{epoch}: {}", stdout(&o));
        assert!(stderr(&o).contains("SOURCE_DATE_EPOCH"), "{}", stderr(&o));
    }
    let o = Command::new(env!("CARGO_BIN_EXE_threatboard"))
        .args(["check", s(&model), "--fail-on", "critical"])
        .env("SOURCE_DATE_EPOCH", "1764547200")
        .output()
        .expect("runs");
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
    for today in ["1969-12-31", "2201-01-01", "9999-12-31"] {
        let o = threatboard(&["check", s(&model), "--today", today]);
        assert_eq!(o.status.code(), Some(2), "{today}");
        assert!(stderr(&o).contains("outside the years"), "{}", stderr(&o));
    }
}

#[test]
fn a_library_named_by_the_model_that_is_not_one_is_never_quoted() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("token.txt"), format!("{TOKEN}\n")).expect("write");
    let model = dir.path().join("m.ron");
    let mut p = web_shop();
    p.libraries = vec!["token.txt".into()];
    threatboard::io::save(&model, &p).expect("save");
    let (_, errors) = threatboard::blocks::for_project(&p, Some(&model), &[]);
    let all = errors.join("\n");
    assert!(all.contains("token.txt"), "{all}");
    assert!(!all.contains("ghp_"), "{all}");
    assert!(all.contains("not a block library"), "{all}");
}

#[test]
fn a_model_too_big_for_one_report_is_refused_before_it_is_drawn() {
    use threatboard::report::pdf::budget;
    let dir = tempfile::tempdir().expect("dir");
    let model = dir.path().join("big.ron");
    let out = dir.path().join("big.pdf");
    let mut p = threatboard::synthetic::project(budget::MAX_ELEMENTS + 1);
    threatboard::io::save(&model, &p).expect("save");
    let o = threatboard(&["report", s(&model), "-o", s(&out)]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("too big for one PDF report"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
    // Few elements with long names: the names' text is what the report repeats.
    p = threatboard::synthetic::project(1_200);
    for e in &mut p.diagrams[0].elements {
        e.name = format!("{} {}", e.name, "x".repeat(900));
    }
    assert!(threatboard::report::pdf::check_budget(&p).is_err());
    p.diagrams[0].elements.truncate(100);
    p.diagrams[0].flows.clear();
    assert!(threatboard::report::pdf::check_budget(&p).is_ok());
}

#[test]
fn deeply_nested_otm_yaml_is_refused_at_once() {
    let dir = tempfile::tempdir().expect("dir");
    let model = dir.path().join("deep.otm.yaml");
    // 600 KB of `[`: serde_yaml once took 160 s on it; the streaming nesting check stops at
    // the 65th level.
    std::fs::write(
        &model,
        format!(
            "otmVersion: 0.2.0\nproject:\n  name: x\n  id: x\ncomponents: {}\n",
            "[".repeat(600_000)
        ),
    )
    .expect("write");
    let out = dir.path().join("out.ron");
    let (code, err) = run_bounded(&["import", s(&model), "-o", s(&out)]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("levels deep") || err.contains("recursion limit"),
        "{err}"
    );
    assert!(
        err.contains("deep.otm.yaml:5:"),
        "names the file and the line: {err}"
    );
    assert!(!out.exists());
}
