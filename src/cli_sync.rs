//! `threatboard sync MODEL --template T [--apply]` and the template drift gate of
//! `check --template T`: the model compared with what its infrastructure template
//! declares now, by logical id or Terraform address.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use threatboard::io::{self as tio, template};

use super::{EXIT_FINDINGS, EXIT_UNREADABLE, report};

fn name(path: &Path) -> String {
    path.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("the template")
        .to_owned()
}

/// Lists what changed; with `apply`, writes it into the model as one change. Exit 0 in
/// sync (or applied), 1 drift, 2 error.
pub(crate) fn sync(model_path: &Path, template_path: &Path, apply: bool) -> ExitCode {
    let mut model = match tio::load(model_path) {
        Ok(m) => m,
        Err(e) => {
            report(&e);
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    let (imported, _) = match template::read(template_path) {
        Ok(r) => r,
        Err(e) => {
            report(&e);
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    let drift = template::sync::compare(&model, &imported);
    if drift.is_empty() {
        out!(
            "{}: in sync with {}",
            model_path.display(),
            template_path.display()
        );
        return ExitCode::SUCCESS;
    }
    for r in &drift.added {
        out!("added: {} ({})", r.id, r.kind);
    }
    for r in &drift.removed {
        out!("removed: {} ({})", r.id, r.kind);
    }
    for c in &drift.changed {
        out!(
            "changed: {} ({}): {}",
            c.resource.id,
            c.resource.kind,
            c.what.join("; ")
        );
    }
    if !apply {
        out!(
            "{}: {} since the model was made; --apply brings them in",
            model_path.display(),
            drift.summary()
        );
        return ExitCode::from(EXIT_FINDINGS);
    }
    let added = template::sync::apply(&mut model, &imported, &name(template_path));
    if let Err(e) = tio::save(model_path, &model) {
        report(&e);
        return ExitCode::from(EXIT_UNREADABLE);
    }
    out!(
        "{}: applied: {added} element(s) added, {} resource(s) removed",
        model_path.display(),
        drift.removed.len()
    );
    ExitCode::SUCCESS
}

/// The drift gate: 1 when an entry point or a resource holding data in a template is in
/// no element of the model, 2 when a file cannot be read, else 0.
pub(crate) fn gate(model_path: &Path, templates: &[PathBuf]) -> u8 {
    if templates.is_empty() {
        return 0;
    }
    let model = match tio::load(model_path) {
        Ok(m) => m,
        Err(e) => {
            report(&e);
            return EXIT_UNREADABLE;
        }
    };
    let mut failed = 0;
    for t in templates {
        let imported = match template::read(t) {
            Ok((p, _)) => p,
            Err(e) => {
                report(&e);
                return EXIT_UNREADABLE;
            }
        };
        let drift = template::sync::compare(&model, &imported);
        for r in drift.missing_data_or_entry() {
            err!(
                "{}: {} ({}) is in {} but in no element of the model (threatboard sync {} --template {} --apply)",
                model_path.display(),
                r.id,
                r.kind,
                t.display(),
                model_path.display(),
                t.display()
            );
            failed = EXIT_FINDINGS;
        }
    }
    failed
}
