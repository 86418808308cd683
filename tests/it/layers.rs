//! The layers point only down: no module names a layer above it (`crate::…` in its code,
//! `use` or inline). The order, lowest first, is the one ARCHITECTURE.md describes:
//! foundation → model → edit → analysis/scene → io → history/evidence/blocks → report →
//! gui/cli. A module may use its own layer and any below.
//!
//! Also here, as it reads the same files: no file in `src/` is over 800 lines unless its
//! `//!` header says why it is one file (issue #30's "done when").

use std::path::{Path, PathBuf};

/// Each top-level module of `src/` and its layer (a higher number is a higher layer).
fn layer(module: &str) -> Option<u32> {
    Some(match module {
        "foundation" | "parallel" => 0,
        "model" => 1,
        "edit" | "clipboard" => 2,
        "analysis" | "scene" => 3,
        "io" | "synthetic" => 4,
        "history" | "evidence" | "blocks" => 5,
        "report" => 6,
        "gui" | "main" | "lib" | "cli_check" | "cli_history" | "cli_verify" | "cli_sync" => 7,
        _ => return None,
    })
}

/// Pairs the order alone would allow but that are kept apart: the analysis takes text,
/// not files, and needs no editing; importers need no analysis; building blocks and the
/// evidence are independent of each other.
const APART: &[(&str, &str)] = &[
    ("analysis", "edit"),
    ("analysis", "io"),
    ("io", "analysis"),
    ("blocks", "evidence"),
    ("evidence", "blocks"),
];

/// Allowed exceptions: a file (or a folder, ending in `/`) and what its line names, each
/// with the reason.
const EXCEPTIONS: &[(&str, &str)] = &[
    // Rule catalogue files are found and read by io, which hands their text to the
    // analysis (`Catalogue::merged`).
    (
        "io/rules.rs",
        "crate::analysis::{Catalogue, CatalogueError}",
    ),
    // Known debt, in files being rewritten as this was written (issue #30): corpus
    // evaluation (`evaluate_file`/`evaluate_dir`) imports models and belongs in io; the
    // importers read a flow's protocol with the analysis's vocabulary (`vocab::protocol`),
    // which belongs in model.
    ("analysis/eval.rs", "crate::io::"),
    ("io/", "crate::analysis::vocab::protocol("),
    // A template's resources are matched to the starter building blocks as they are
    // imported (`io::template::match_blocks`); the block library belongs below io.
    ("io/template/mod.rs", "crate::blocks::"),
];

fn excepted(file: &str, line: &str) -> bool {
    EXCEPTIONS.iter().any(|(f, named)| {
        (file == *f || (f.ends_with('/') && file.starts_with(f))) && line.contains(named)
    })
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules a file's code names as `crate::NAME`, with the line number and
/// text (comments and the file's tests left out: a test may build whatever it needs; a
/// file `tests.rs` is skipped whole by the caller).
fn named_modules(text: &str) -> Vec<(usize, String, &str)> {
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            let after = &rest[at + "crate::".len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.push((i + 1, name, code));
            }
            rest = after;
        }
        // `use crate::{a, b}` names several.
        if let Some(at) = code.find("crate::{") {
            let inner = &code[at + "crate::{".len()..];
            for name in inner.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
                if layer(name).is_some() {
                    found.push((i + 1, name.to_owned(), code));
                }
            }
        }
    }
    found
}

#[test]
fn no_module_names_a_layer_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut wrong = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).expect("under src");
        let top = rel
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .map(|s| s.trim_end_matches(".rs"))
            .unwrap_or("");
        let Some(own) = layer(top) else {
            wrong.push(format!(
                "{}: module {top:?} has no layer in tests/it/layers.rs",
                rel.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).expect("readable");
        let file_name = rel.to_string_lossy().replace('\\', "/");
        // A `tests.rs` is a `#[cfg(test)] mod tests;` kept in its own file: all test code.
        if file_name.ends_with("/tests.rs") {
            continue;
        }
        for (line, name, code) in named_modules(&text) {
            if excepted(&file_name, code) {
                continue;
            }
            match layer(&name) {
                Some(l) if l > own => wrong.push(format!(
                    "{}:{line}: {top} names crate::{name}, a layer above it",
                    rel.display()
                )),
                _ if APART.contains(&(top, name.as_str())) => wrong.push(format!(
                    "{}:{line}: {top} names crate::{name}; the two are kept apart",
                    rel.display()
                )),
                _ => {}
            }
        }
        // Inside the GUI: the command list is data the app reads, never the other way.
        if file_name == "gui/commands.rs" && text.contains("super::app") {
            wrong.push("gui/commands.rs names super::app".to_owned());
        }
    }
    assert!(
        wrong.is_empty(),
        "{} upward imports:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// How long a file in `src/` may be before its `//!` header has to say why it is one file.
const MAX_LINES: usize = 800;

/// The words that start that reason in the header ("One file, over 800 lines: …").
const LONG_FILE_REASON: &str = "over 800 lines:";

/// The reason a long file gives at its top, if any: the `//!` line that holds
/// [`LONG_FILE_REASON`] and the text after it (which must say something).
fn long_file_reason(text: &str) -> Option<String> {
    let header: Vec<&str> = text
        .lines()
        .take_while(|l| l.starts_with("//!"))
        .map(|l| l.trim_start_matches("//!").trim())
        .collect();
    let joined = header.join(" ");
    let at = joined.to_lowercase().find(LONG_FILE_REASON)?;
    let reason = joined[at + LONG_FILE_REASON.len()..].trim();
    (reason.split_whitespace().count() >= 5).then(|| reason.to_owned())
}

#[test]
fn a_file_over_800_lines_says_why_at_its_top() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut unexplained = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable");
        let lines = text.lines().count();
        if lines > MAX_LINES && long_file_reason(&text).is_none() {
            let rel = file.strip_prefix(&src).expect("under src");
            unexplained.push(format!("src/{} ({lines} lines)", rel.display()));
        }
    }
    assert!(
        unexplained.is_empty(),
        "files over {MAX_LINES} lines whose `//!` header gives no reason (a line \
         \"One file, {LONG_FILE_REASON} WHY\"); split them or say why:\n{}",
        unexplained.join("\n")
    );
}

#[test]
fn a_long_file_reason_has_to_say_something() {
    assert!(long_file_reason("//! Parses X.\n//!\n//! One file, over 800 lines: the lexer and the parser share one token type.\n\nfn f() {}").is_some());
    assert_eq!(
        long_file_reason("//! Parses X.\n//! Over 800 lines: yes.\n"),
        None
    );
    assert_eq!(
        long_file_reason(
            "//! Parses X.\n\n// over 800 lines: the lexer and the parser share one type.\n"
        ),
        None
    );
}
