//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn samples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("samples/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

pub fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name)
}

/// Runs the real binary.
pub fn threatboard(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_threatboard"))
        .args(args)
        .output()
        .expect("the threatboard binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The text of a PDF, read back with poppler's `pdftotext` (installed by `.ci/run`).
pub fn pdftotext(pdf: &Path) -> String {
    let o = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (apt-get install poppler-utils)");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Imports `content` written to a file called `name`, expecting a refusal: exit 2, no
/// output file, an error naming the file. Returns the error text.
pub fn import_refused(name: &str, content: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join(name);
    std::fs::write(&input, content).expect("write");
    let out = dir.path().join("out.ron");
    let o = threatboard(&[
        "import",
        input.to_str().unwrap_or(""),
        "-o",
        out.to_str().unwrap_or(""),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(!out.exists(), "nothing is written");
    let err = stderr(&o);
    assert!(err.contains(name), "the error names the file: {err}");
    err
}

/// `text` with the part between the fractions `cut` and `at` of `end` bytes (in either
/// order, snapped to character boundaries) replaced by `junk`: the mutation the
/// never-panic property tests feed to every reader.
pub fn splice(text: &str, end: usize, cut: f64, at: f64, junk: &str) -> String {
    let pos = |f: f64| {
        let mut i = ((end as f64) * f) as usize;
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (a, b) = (pos(at.min(cut)), pos(at.max(cut)));
    format!("{}{junk}{}", &text[..a], &text[b..])
}
