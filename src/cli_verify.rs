//! `threatboard verify`: the controls named on mitigations, checked against the pipeline's
//! evidence (scanners' SARIF, JUnit XML).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use threatboard::evidence::{self, ControlState, Template};

use super::{EXIT_FINDINGS, EXIT_UNREADABLE, RuleArgs, emit, load_and_analyze, report};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum VerifyFormat {
    Text,
    Json,
    /// For a pull-request comment.
    Markdown,
    /// Failing and not-run controls as results on the model, for code-scanning views.
    Sarif,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum VerifyFailOn {
    /// Exit 1 when a control fails.
    Failing,
    /// Exit 1 when a control fails or nothing shows it ran.
    NotRun,
    /// Report only (exit 0 unless something cannot be read).
    Never,
}

pub struct VerifyArgs<'a> {
    pub file: &'a Path,
    pub evidence: &'a [PathBuf],
    pub templates: &'a [PathBuf],
    pub format: VerifyFormat,
    pub fail_on: VerifyFailOn,
    pub today: Option<&'a str>,
    pub rules: &'a RuleArgs,
    pub output: Option<&'a Path>,
}

/// Reads the evidence files, the project's infrastructure templates and the templates
/// given; every problem is reported (naming the file) and gives `None`.
pub fn load_evidence(
    file: &Path,
    project: &threatboard::model::Project,
    evidence: &[PathBuf],
    templates: &[PathBuf],
    rules: &RuleArgs,
) -> Option<(Vec<evidence::EvidenceFile>, Vec<Template>)> {
    let mut files = Vec::new();
    let mut ok = true;
    for path in evidence {
        match evidence::load(path) {
            Ok(f) => files.push(f),
            Err(e) => {
                report(&e);
                ok = false;
            }
        }
    }
    let (mut loaded, errors) = evidence::project_templates(project, Some(file), &rules.trusted);
    for e in errors {
        err!("error: {}: {e}", file.display());
        ok = false;
    }
    for path in templates {
        match Template::load(path) {
            // The project's own template named again on the command line is one template.
            Ok(t) if loaded.iter().any(|l| l.sha256 == t.sha256) => {}
            Ok(t) => loaded.push(t),
            Err(e) => {
                report(&e);
                ok = false;
            }
        }
    }
    ok.then_some((files, loaded))
}

pub fn verify(args: &VerifyArgs<'_>) -> ExitCode {
    let Some((project, analysis)) = load_and_analyze(args.file, args.rules) else {
        return ExitCode::from(EXIT_UNREADABLE);
    };
    let Some((files, templates)) = load_evidence(
        args.file,
        &project,
        args.evidence,
        args.templates,
        args.rules,
    ) else {
        return ExitCode::from(EXIT_UNREADABLE);
    };
    if let Some(t) = args.today
        && let Err(e) = threatboard::report::check_given_date("--today", t)
    {
        err!("error: {e}");
        return ExitCode::from(EXIT_UNREADABLE);
    }
    let today = args
        .today
        .map_or_else(threatboard::report::today, str::to_owned);
    let v = evidence::verify(&project, &analysis, &files, &templates, &today);
    let model_text = crate::reread(args.file);
    let format = match args.format {
        VerifyFormat::Text => evidence::Format::Text,
        VerifyFormat::Json => evidence::Format::Json,
        VerifyFormat::Markdown => evidence::Format::Markdown,
        VerifyFormat::Sarif => evidence::Format::Sarif,
    };
    let text = evidence::render(
        &v,
        format,
        &project.meta.title,
        &args.file.display().to_string(),
        &model_text,
    );
    if let Some(code) = emit(&text, args.output) {
        return code;
    }
    let failing = v.count(ControlState::Failing);
    let not_run = v.count(ControlState::NotRun);
    let fail = match args.fail_on {
        VerifyFailOn::Failing => failing > 0,
        VerifyFailOn::NotRun => failing + not_run > 0,
        VerifyFailOn::Never => false,
    };
    if fail {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}
