//! The RON project file end to end: samples, canonical form, malformed input, atomic save.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{sample, samples, stderr, stdout, threatboard};
use threatboard::io::{self as tio, FileErrorKind};

#[test]
fn there_are_at_least_three_real_looking_samples() {
    let files = samples();
    assert!(files.len() >= 3, "{files:?}");
    for path in &files {
        let p = tio::load(path).unwrap_or_else(|e| panic!("{e}"));
        let elements: usize = p.diagrams.iter().map(|d| d.elements.len()).sum();
        let boundaries: usize = p.diagrams.iter().map(|d| d.boundaries.len()).sum();
        assert!(elements >= 10, "{}: {elements} elements", path.display());
        assert!(
            boundaries >= 2,
            "{}: {boundaries} boundaries",
            path.display()
        );
        assert!(!p.meta.title.is_empty() && !p.meta.owner.is_empty());
    }
}

#[test]
fn every_sample_validates_and_is_canonical() {
    for path in samples() {
        let path = path.to_str().expect("utf-8 path");
        let o = threatboard(&["validate", path]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(stdout(&o).contains(": ok"), "{}", stdout(&o));
        let o = threatboard(&["fmt", "--check", path]);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{path} is not canonical: {}",
            stdout(&o)
        );
    }
}

#[test]
fn load_then_save_gives_the_same_bytes() {
    let dir = tempfile::tempdir().expect("temp dir");
    for path in samples() {
        let original = fs::read(&path).expect("read sample");
        let project = tio::load(&path).expect("sample loads");
        let out = dir.path().join("copy.ron");
        tio::save(&out, &project).expect("save");
        assert_eq!(
            fs::read(&out).expect("read copy"),
            original,
            "{} changed on load→save",
            path.display()
        );
    }
}

#[test]
fn unicode_names_survive_a_round_trip() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("u.ron");
    let title = "Zahlungsdienst Ärger 支付服务 \"quoted\"\nsecond line";
    let o = threatboard(&["new", path.to_str().expect("utf-8"), "--title", title]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let p = tio::load(&path).expect("loads");
    assert_eq!(p.meta.title, title);
    assert!(
        fs::read_to_string(&path)
            .expect("text")
            .contains("支付服务")
    );
}

/// Writes `text` to a file and runs `validate` on it: it must exit 2 with a message that
/// names the file and contains every `expected` fragment.
fn assert_refused(name: &str, text: &[u8], expected: &[&str]) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    fs::write(&path, text).expect("write input");
    let o = threatboard(&["validate", path.to_str().expect("utf-8")]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{name}: {err}");
    assert!(
        err.contains(name),
        "{name}: message does not name the file: {err}"
    );
    for fragment in expected {
        assert!(
            err.contains(fragment),
            "{name}: expected {fragment:?} in: {err}"
        );
    }
    assert!(!err.contains("panicked"), "{err}");
}

fn web_shop() -> String {
    fs::read_to_string(sample("web-shop.ron")).expect("sample")
}

#[test]
fn truncated_file_is_refused_with_a_position() {
    let text = web_shop();
    let cut = &text[..text.len() / 2];
    // The error points at the last token, on the last (or last complete) line.
    let lines = cut.lines().count();
    let at_last = format!("truncated.ron:{lines}:");
    let at_previous = format!("truncated.ron:{}:", lines - 1);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("truncated.ron");
    fs::write(&path, cut).expect("write");
    let o = threatboard(&["validate", path.to_str().expect("utf-8")]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2));
    // Cut inside a value or a field name: either way a syntax error at the cut.
    assert!(
        err.contains("Unexpected end") || err.contains("Expected"),
        "{err}"
    );
    assert!(
        err.contains(&at_last) || err.contains(&at_previous),
        "{err}"
    );
}

#[test]
fn wrong_type_is_refused_with_line_and_column() {
    let text = web_shop().replacen(&current_version(), "version: \"one\",", 1);
    assert_refused(
        "wrong-type.ron",
        text.as_bytes(),
        &["wrong-type.ron:3:", "integer"],
    );
}

#[test]
fn unknown_field_is_named() {
    let text = web_shop().replacen(
        "            name: \"Context and checkout\",",
        "            name: \"Context and checkout\",\n            colour: \"red\",",
        1,
    );
    assert_refused(
        "unknown-field.ron",
        text.as_bytes(),
        &["colour", "unknown-field.ron:36:13", "expected one of"],
    );
}

#[test]
fn newer_version_is_refused_clearly() {
    let text = web_shop().replacen(&current_version(), "version: 99,", 1);
    assert_refused(
        "newer.ron",
        text.as_bytes(),
        &["newer.ron:3:", "version 99", "newer Threatboard"],
    );
}

#[test]
fn duplicate_id_is_refused_at_the_second_use() {
    let text = web_shop();
    let p = tio::load_str(&text, Path::new("x")).expect("sample");
    let first = p.diagrams[0].elements[0].id.to_string();
    let second = p.diagrams[0].elements[1].id.to_string();
    let text = text.replacen(&format!("id: \"{second}\""), &format!("id: \"{first}\""), 1);
    let line = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(&format!("id: \"{first}\"")))
        .nth(1)
        .map(|(i, _)| i + 1)
        .expect("second occurrence");
    assert_refused(
        "duplicate.ron",
        text.as_bytes(),
        &["duplicate id", &first, &format!("duplicate.ron:{line}:")],
    );
}

#[test]
fn dangling_flow_end_is_refused() {
    let text = web_shop();
    let p = tio::load_str(&text, Path::new("x")).expect("sample");
    let target = p.diagrams[0].flows[0].target.to_string();
    let text = text.replacen(
        &format!("target: \"{target}\""),
        "target: \"el_nowhere\"",
        1,
    );
    assert_refused(
        "dangling.ron",
        text.as_bytes(),
        &["el_nowhere", "not an element"],
    );
}

#[test]
fn empty_and_blank_files_are_refused() {
    assert_refused("empty.ron", b"", &["empty"]);
    assert_refused("blank.ron", b"  \n\n ", &["empty"]);
}

#[test]
fn binary_garbage_is_refused() {
    // A PNG header and invalid UTF-8: the message says where the text stops.
    let mut bytes = b"(format: \"threatboard\",\n".to_vec();
    bytes.extend_from_slice(&[0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00, 0x01]);
    assert_refused("garbage.ron", &bytes, &["garbage.ron:2:1", "not UTF-8"]);
    assert_refused(
        "nul.ron",
        b"(format: \"threatboard\"\0)",
        &["not UTF-8 text"],
    );
}

#[test]
fn deeply_nested_brackets_do_not_overflow_the_stack() {
    let depth = 200_000;
    let text = format!(
        "(format: \"threatboard\", version: 1, x: {}{})",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    assert_refused(
        "nested.ron",
        text.as_bytes(),
        &["nested.ron:1:", "recursion"],
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_reading() {
    // A sparse file: its size is what is judged, before a byte is read.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge.ron");
    fs::File::create(&path)
        .and_then(|f| f.set_len(tio::MAX_FILE_BYTES + 1))
        .expect("a sparse file");
    let o = threatboard(&["validate", path.to_str().expect("utf-8")]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("huge.ron") && err.contains("limited to"),
        "{err}"
    );
}

#[test]
fn other_formats_and_missing_parts_are_refused() {
    assert_refused(
        "json.json",
        b"{\"format\": \"threatboard\"}",
        &["json.json:1:1"],
    );
    let text = web_shop().replacen("format: \"threatboard\"", "format: \"drawio\"", 1);
    assert_refused(
        "other.ron",
        text.as_bytes(),
        &["other.ron:2:", "not a Threatboard project"],
    );
    let text = web_shop().replacen(&current_version(), "", 1);
    assert_refused("noversion.ron", text.as_bytes(), &["version"]);
    let text = web_shop().replacen(&current_version(), "version: 0,", 1);
    assert_refused("v0.ron", text.as_bytes(), &["version 0"]);
}

#[test]
fn broken_layout_is_refused() {
    let text = web_shop();
    let p = tio::load_str(&text, Path::new("x")).expect("sample");
    let id = p.diagrams[0].elements[0].id.to_string();
    let (x, y) = {
        let r = p.layout.elements[&p.diagrams[0].elements[0].id];
        (r.x, r.y)
    };
    let entry = format!("\"{id}\": ({x:?}, {y:?},");
    assert!(text.contains(&entry), "{entry}");
    let nan = text.replacen(&entry, &format!("\"{id}\": (NaN, {y:?},"), 1);
    assert_refused("nan.ron", nan.as_bytes(), &["finite"]);
    let missing = text.replacen(&format!("\"{id}\": ("), "\"el_ghost\": (", 1);
    assert_refused("missing.ron", missing.as_bytes(), &[&id, "has no position"]);
    let ghost = text.replacen(
        &entry,
        &format!("\"el_ghost\": (1.0, 2.0, 3.0, 4.0),\n{entry}"),
        1,
    );
    assert_refused(
        "ghost.ron",
        ghost.as_bytes(),
        &["el_ghost", "not in the model"],
    );
}

#[test]
fn missing_and_directory_paths_are_refused() {
    let o = threatboard(&["validate", "/nonexistent/model.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("/nonexistent/model.ron: cannot read"),
        "{}",
        stderr(&o)
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let o = threatboard(&["validate", dir.path().to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn validate_reports_every_file_and_fails_if_any_fails() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.ron");
    fs::write(&bad, "(").expect("write");
    let good = sample("serverless.ron");
    let o = threatboard(&[
        "validate",
        good.to_str().expect("utf-8"),
        bad.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stdout(&o).contains("serverless.ron: ok"));
    assert!(stderr(&o).contains("bad.ron:1:"), "{}", stderr(&o));
}

#[test]
fn fmt_rewrites_and_check_reports_non_canonical_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("m.ron");
    // Same project, squashed onto few lines.
    let squashed: String = web_shop()
        .lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    fs::write(&path, &squashed).expect("write");
    let p = path.to_str().expect("utf-8");
    let o = threatboard(&["fmt", "--check", p]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("not in canonical form"));
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        squashed,
        "--check must not write"
    );
    let o = threatboard(&["fmt", p]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&path).expect("read"), web_shop());
    assert_eq!(threatboard(&["fmt", "--check", p]).status.code(), Some(0));
}

#[test]
fn new_creates_a_valid_project_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("n.ron");
    let p = path.to_str().expect("utf-8");
    assert_eq!(
        threatboard(&["new", p, "--title", "Payments"])
            .status
            .code(),
        Some(0)
    );
    let project = tio::load(&path).expect("loads");
    assert_eq!(project.meta.title, "Payments");
    assert_eq!(project.diagrams.len(), 1);
    let o = threatboard(&["new", p, "--title", "Other"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("already exists"));
    assert_eq!(tio::load(&path).expect("loads").meta.title, "Payments");
}

#[test]
fn save_keeps_a_backup_and_a_failed_save_leaves_the_old_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("m.ron");
    let mut project = tio::load(&sample("web-shop.ron")).expect("sample");
    tio::save(&path, &project).expect("first save");
    let first = fs::read(&path).expect("read");
    project.meta.title = "Renamed".into();
    tio::save(&path, &project).expect("second save");
    assert_eq!(
        fs::read(dir.path().join("m.ron.bak")).expect("backup"),
        first
    );
    assert_eq!(tio::load(&path).expect("loads").meta.title, "Renamed");

    // Saving over a directory fails: the directory and the folder are as they were,
    // with no temporary file left behind.
    let blocked = dir.path().join("blocked.ron");
    fs::create_dir(&blocked).expect("mkdir");
    let err = tio::save(&blocked, &project).expect_err("cannot replace a directory");
    assert!(matches!(err.kind, FileErrorKind::Write(_)), "{err}");
    assert!(err.to_string().contains("blocked.ron"), "{err}");
    assert!(blocked.is_dir());
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["blocked.ron", "m.ron", "m.ron.bak"]);
}

#[test]
fn help_lists_the_commands_and_bad_flags_exit_2() {
    // Without a subcommand `threatboard` opens the GUI, so the help is asked for here.
    let o = threatboard(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("validate"), "{}", stdout(&o));
    let o = threatboard(&["--no-such-flag"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_documented_example_is_a_valid_canonical_project() {
    let doc = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/file-format.md"))
        .expect("docs/file-format.md");
    let example: String = doc
        .split("```ron\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("the doc has a ron example")
        .to_owned();
    let p = tio::load_str(&example, Path::new("file-format.md")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.diagrams[0].elements.len(), 2);
    assert_eq!(p.threats.len(), 1);
}

#[test]
fn older_files_are_migrated_to_the_current_version() {
    // Version 1 had no decision provenance and no workshop sessions, version 2 no review
    // dates, version 3 no sign-offs or merge conflicts; all load and save as the current
    // version with nothing else changed.
    for old in ["version: 1,", "version: 2,", "version: 3,"] {
        let text = web_shop().replacen(&current_version(), old, 1);
        let p = tio::load_str(&text, Path::new("old.ron")).expect("an older file loads");
        assert_eq!(p.version, threatboard::model::FORMAT_VERSION);
        let saved = tio::to_canonical_string(&p).expect("text");
        assert_eq!(saved, web_shop(), "{old}: nothing else changes");
    }
    let v1 = web_shop().replacen(&current_version(), "version: 1,", 1);
    let p = tio::load_str(&v1, Path::new("old.ron")).expect("a version 1 file loads");
    assert_eq!(p.version, threatboard::model::FORMAT_VERSION);
    assert!(p.sessions.is_empty());
    assert!(p.threats.values().all(|r| r.decided_by.is_empty()));
    let saved = tio::to_canonical_string(&p).expect("text");
    assert!(saved.contains(&current_version()));
    assert_eq!(saved, web_shop(), "nothing else changes");
}

/// The version line the samples are written with.
fn current_version() -> String {
    format!("version: {},", threatboard::model::FORMAT_VERSION)
}

/// New project files get 0666 less the user's umask, like any program's new files: a
/// team that keeps threat models private (umask 077) gets 0600, not a forced 0644.
#[cfg(unix)]
#[test]
fn new_files_follow_the_umask_and_saved_files_keep_their_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("dir");
    for (umask, mode) in [("077", 0o600), ("022", 0o644)] {
        let path = dir.path().join(format!("m{umask}.ron"));
        let o = Command::new("sh")
            .arg("-c")
            .arg(format!("umask {umask} && exec \"$0\" new \"$1\" --title T",))
            .arg(env!("CARGO_BIN_EXE_threatboard"))
            .arg(&path)
            .output()
            .expect("sh runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let got = fs::metadata(&path).expect("written").permissions().mode() & 0o777;
        assert_eq!(got, mode, "umask {umask}");
    }
    // A file the user made group-readable stays so when saved again.
    let path = dir.path().join("m077.ron");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
    let p = tio::load(&path).expect("loads");
    tio::save(&path, &p).expect("saves");
    assert_eq!(
        fs::metadata(&path).expect("there").permissions().mode() & 0o777,
        0o640
    );
}

/// Current files are parsed once (their header read from the first lines); a file whose
/// header is not first still loads the same, and a newer version anywhere is still refused
/// clearly.
#[test]
fn the_header_is_found_wherever_it_is() {
    let canonical = web_shop();
    let p = tio::load_str(&canonical, Path::new("w.ron")).expect("loads");
    // The same file with the header after the metadata.
    let version_line = current_version();
    let reordered = canonical
        .replacen("    format: \"threatboard\",\n", "", 1)
        .replacen(&format!("    {version_line}\n"), "", 1)
        .replacen(
            "    diagrams: [",
            &format!("    format: \"threatboard\",\n    {version_line}\n    diagrams: ["),
            1,
        );
    assert_ne!(reordered, canonical);
    let q = tio::load_str(&reordered, Path::new("r.ron")).expect("a reordered file loads");
    assert_eq!(p, q);
    let newer = reordered.replacen(&version_line, "version: 99,", 1);
    let e = tio::load_str(&newer, Path::new("n.ron")).expect_err("refused");
    assert!(matches!(e.kind, FileErrorKind::TooNew { found: 99 }), "{e}");
}

/// Non-ASCII text anywhere near the start of a file loads: a description in Japanese, an
/// emoji or an accented name straddling byte 512 made the header's quick look slice
/// inside a character and panic (found by fuzzing the Threat Dragon importer; its input
/// is kept in tests/fixtures/fuzz/).
#[test]
fn multibyte_text_at_the_start_of_a_file_loads() {
    for filler in ["é", "日本語の説明", "🔐", "x"] {
        for pad in 0..8 {
            let mut p = threatboard::model::Project::new("Ordering");
            p.meta.description = format!("{}{}", "a".repeat(380 + pad), filler.repeat(40));
            let text = threatboard::io::to_canonical_string(&p).expect("serialises");
            let back = threatboard::io::load_str(&text, Path::new("intl.ron")).expect("loads");
            assert_eq!(back.meta.description, p.meta.description);
        }
    }
    let fuzzed = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz/threat-dragon-multibyte-at-512.json");
    let text = std::fs::read(&fuzzed).expect("reads");
    let text = String::from_utf8_lossy(&text);
    // Imported or refused; never a panic.
    let _ = threatboard::io::import::import(&text, &fuzzed);
}

/// A model within the element limit fits in a file Threatboard opens: a 1,000-element
/// system with a decision on every finding, times the element limit over 1,000, is under
/// the file limit (before, a 10,000-element model with its decisions saved to a file the
/// app then refused to open).
#[test]
fn a_model_within_the_limits_fits_in_a_file_that_opens() {
    use threatboard::io::project_file::limits::MAX_ELEMENTS;
    let mut project = threatboard::synthetic::project(1_000);
    let catalogue = threatboard::analysis::Catalogue::builtin().expect("built-in catalogue");
    for f in threatboard::analysis::analyze(&project, &catalogue).findings {
        project.threats.insert(
            f.key.clone(),
            threatboard::model::ThreatRecord {
                status: threatboard::model::Status::Mitigated,
                mitigation: "Checked in the pipeline (control CTL-12).".into(),
                owner: "Dana Whitfield".into(),
                ..threatboard::model::ThreatRecord::default()
            },
        );
    }
    let bytes = tio::to_canonical_string(&project).expect("text").len() as u64;
    let at_the_limit = bytes * (MAX_ELEMENTS as u64 / 1_000);
    assert!(
        at_the_limit < tio::MAX_FILE_BYTES,
        "{bytes} bytes for 1,000 elements: {at_the_limit} at the element limit"
    );
}

/// Issue #31: `validate` takes every kind of Threatboard file and says which it is (a
/// building-block library used to be refused as a broken project).
#[test]
fn validate_accepts_every_kind_of_threatboard_file_and_names_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let rules = dir.path().join("org-rules.ron");
    fs::write(
        &rules,
        "(\n    format: \"threatboard-rules\",\n    version: 1,\n    disable: [\"sql-injection\"],\n    rules: [\n        (\n            id: \"org.grpc-without-mtls\",\n            category: Spoofing,\n            targets: [Flow],\n            when: \"flow.protocol contains \\\"grpc\\\"\",\n            title: \"{flow} uses gRPC without mTLS\",\n            description: \"Our platform standard requires mTLS for gRPC.\",\n            severity: High,\n        ),\n    ],\n)\n",
    )
    .expect("write");
    let library = sample("aws-serverless.blocks.ron");
    let project = sample("web-shop.ron");
    let args = [&library, &rules, &project].map(|p| p.to_str().expect("utf-8"));
    let o = threatboard(&["validate", args[0], args[1], args[2]]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{}{out}", stderr(&o));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0]
            .contains("aws-serverless.blocks.ron: ok (building-block library \"aws-serverless\", ")
            && lines[0].contains(" blocks)"),
        "{out}"
    );
    assert!(
        lines[1].ends_with("org-rules.ron: ok (rule catalogue: 1 added, 0 overridden, 1 disabled)"),
        "{out}"
    );
    assert!(lines[2].contains("web-shop.ron: ok (project: "), "{out}");

    // A broken library is still an error, named as the library's.
    let broken = dir.path().join("broken.blocks.ron");
    fs::write(
        &broken,
        "(\n    format: \"threatboard-blocks\",\n    version: 1,\n    name: \"x\",\n    blocks: [ (id: ) ],\n)\n",
    )
    .expect("write");
    let o = threatboard(&["validate", broken.to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stderr(&o).contains("broken.blocks.ron:5:"),
        "{}",
        stderr(&o)
    );
}
