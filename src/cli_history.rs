//! The commands that follow a model over time: `diff`, `merge`, `sign-off`, and the
//! base of `check --since`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use threatboard::analysis::{self, Analysis};
use threatboard::history::allowed_signers::AllowedSigners;
use threatboard::history::{self, Source, merge, render, signing};
use threatboard::io as tio;
use threatboard::model::Project;

use super::{DiffFormat, EXIT_FINDINGS, EXIT_UNREADABLE, RuleArgs, report};

/// Loads and analyses a file or `git:REV:PATH`; errors are reported and give `None`. A git
/// version's own rule catalogue is looked up next to the file of that path in the working
/// tree.
pub fn analyze_source(source: &str, rules: &RuleArgs) -> Option<(Project, Analysis)> {
    let source = Source::parse(source);
    let project = match source.load() {
        Ok(p) => p,
        Err(e) => {
            report(&e);
            return None;
        }
    };
    let path = match &source {
        Source::File(p) => p.clone(),
        Source::Git { path, .. } => Path::new(path).to_owned(),
    };
    match threatboard::io::rules::catalogue_for(&project, Some(&path), &rules.sources()) {
        Ok(c) => {
            let a = analysis::analyze(&project, &c);
            Some((project, a))
        }
        Err(e) => {
            err!("error: {}: {e}", source.display());
            None
        }
    }
}

pub fn diff(
    old: &str,
    new: &str,
    format: DiffFormat,
    rules: &RuleArgs,
    output: Option<&Path>,
) -> ExitCode {
    let Some((old_p, old_a)) = analyze_source(old, rules) else {
        return ExitCode::from(EXIT_UNREADABLE);
    };
    let Some((new_p, new_a)) = analyze_source(new, rules) else {
        return ExitCode::from(EXIT_UNREADABLE);
    };
    let d = history::diff::diff(&old_p, &new_p, &old_a, &new_a);
    let sides = render::Sides { old, new };
    let text = match format {
        DiffFormat::Text => render::text(&d, &sides),
        DiffFormat::Markdown => render::markdown(&d, &sides, &new_p.meta.title),
        DiffFormat::Json => render::json(&d, &sides),
    };
    if let Some(failed) = super::emit(&text, output) {
        return failed;
    }
    if d.is_semantic() {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}

pub fn merge(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    output: &Path,
    name: Option<&str>,
) -> ExitCode {
    // git hands the driver temporary files; %P is the name people know.
    let shown = name.map_or_else(|| output.display().to_string(), str::to_owned);
    let loaded: Vec<Result<Project, tio::FileError>> =
        [base, ours, theirs].iter().map(|p| tio::load(p)).collect();
    // A merge driver set for `*.ron` also sees rule catalogues and other RON files: those
    // get git's own line merge.
    if loaded.iter().all(|r| {
        matches!(
            r,
            Err(e) if matches!(e.kind, tio::FileErrorKind::WrongFormat(_) | tio::FileErrorKind::NotAProject | tio::FileErrorKind::Syntax(_))
        )
    }) {
        return text_merge(base, ours, theirs, output);
    }
    let mut projects = Vec::new();
    for r in loaded {
        match r {
            Ok(p) => projects.push(p),
            Err(e) => {
                report(&e);
                return ExitCode::from(EXIT_UNREADABLE);
            }
        }
    }
    let merged = match merge::merge(&projects[0], &projects[1], &projects[2]) {
        Ok(m) => m,
        Err(e) => {
            err!("error: {shown}: {e}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    // No `.bak` here: git keeps every side.
    let written = tio::to_canonical_string(&merged.project)
        .map_err(|e| e.to_string())
        .and_then(|text| {
            tio::write_atomic(output, text.as_bytes(), false).map_err(|e| e.to_string())
        });
    if let Err(e) = written {
        err!("error: {shown}: {e}");
        return ExitCode::from(EXIT_UNREADABLE);
    }
    if merged.conflicts.is_empty() {
        out!("{shown}: merged cleanly");
        ExitCode::SUCCESS
    } else {
        for c in &merged.conflicts {
            out!("{shown}: conflict: {}", c.describe());
        }
        out!(
            "{shown}: {} recorded in the model (ours kept); it opens, and the app lists them under Messages to pick a side",
            threatboard::edit::count(merged.conflicts.len(), "conflict", "conflicts")
        );
        ExitCode::from(EXIT_FINDINGS)
    }
}

/// git's line merge, for RON files that are not Threatboard projects.
fn text_merge(base: &Path, ours: &Path, theirs: &Path, output: &Path) -> ExitCode {
    let result = std::process::Command::new("git")
        .arg("merge-file")
        .arg("-p")
        .args(["-L", "ours", "-L", "base", "-L", "theirs"])
        .args([ours, base, theirs])
        .output();
    match result {
        Ok(o) if o.status.code().is_some_and(|c| c >= 0) => {
            if let Err(e) = tio::write_atomic(output, &o.stdout, false) {
                report(&e);
                return ExitCode::from(EXIT_UNREADABLE);
            }
            if o.status.success() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(EXIT_FINDINGS)
            }
        }
        Ok(o) => {
            err!(
                "error: git merge-file failed: {}",
                String::from_utf8_lossy(&o.stderr).trim()
            );
            ExitCode::from(EXIT_UNREADABLE)
        }
        Err(e) => {
            err!("error: not a Threatboard model, and git merge-file cannot run: {e}");
            ExitCode::from(EXIT_UNREADABLE)
        }
    }
}

pub fn sign_off(
    path: &Path,
    (reviewer, role, note): (&str, &str, &str),
    key: Option<&Path>,
    rules: &RuleArgs,
) -> ExitCode {
    if reviewer.trim().is_empty() {
        err!("error: --reviewer needs a name");
        return ExitCode::from(EXIT_UNREADABLE);
    }
    let key_path = key;
    let Some((project, result)) = analyze_source(&path.display().to_string(), rules) else {
        return ExitCode::from(EXIT_UNREADABLE);
    };
    if !project.conflicts.is_empty() {
        err!(
            "error: {}: {} from a merge not settled yet; settle them (Messages in the app) before signing off",
            path.display(),
            threatboard::edit::count(project.conflicts.len(), "conflict", "conflicts")
        );
        return ExitCode::from(EXIT_FINDINGS);
    }
    // The key first: a wrong passphrase must not leave an unsigned record behind.
    let key = match key.map(|k| signing::load_private_key(k, passphrase)) {
        None => None,
        Some(Ok(k)) => Some(k),
        Some(Err(e)) => {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    // A changed model does not go out under the label of the version signed before it.
    let mut project = project;
    let relabelled = history::next_version_label(&project).map(|label| {
        let old = std::mem::replace(&mut project.meta.version_label, label.clone());
        format!(
            "version label {} → {label}: the model changed since version {} was signed",
            if old.trim().is_empty() {
                "(none)"
            } else {
                old.trim()
            },
            if old.trim().is_empty() {
                "(none)"
            } else {
                old.trim()
            }
        )
    });
    let mut record = match history::sign_off(
        &project,
        &result,
        reviewer,
        role,
        note,
        &threatboard::report::now_iso(),
    ) {
        Ok(record) => record,
        Err(e) => {
            eprintln!("error: {}: {e}", path.display());
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    if let (Some(k), Some(key_path)) = (&key, key_path) {
        if let Err(e) = signing::sign(&mut record, &result, k, key_path) {
            eprintln!("error: {e}");
            return ExitCode::from(EXIT_UNREADABLE);
        }
    }
    let signed_with = key.as_ref().map(|k| {
        format!(
            "; signed with {}",
            k.public_key().fingerprint(ssh_key::HashAlg::Sha256)
        )
    });
    let (hash, accepted) = (
        record.model_sha256.clone(),
        history::accepts::Accepts::of(&result).statement(),
    );
    let mut signed = project;
    signed.signoffs = history::with_signoff(&signed, record);
    if let Err(e) = tio::save(path, &signed) {
        report(&e);
        return ExitCode::from(EXIT_UNREADABLE);
    }
    out!(
        "{}: signed off by {} (model SHA-256 {hash}{})",
        path.display(),
        reviewer.trim(),
        signed_with.unwrap_or_default(),
    );
    // One line each: `out!` makes every line inert.
    if let Some(r) = relabelled {
        out!("{}: {r}", path.display());
    }
    out!("{}: {accepted}", path.display());
    ExitCode::SUCCESS
}

/// An encrypted key's passphrase: `THREATBOARD_KEY_PASSPHRASE`, else asked on the terminal
/// (never echoed); `None` without either.
fn passphrase() -> Option<String> {
    use std::io::IsTerminal as _;
    if let Ok(p) = std::env::var("THREATBOARD_KEY_PASSPHRASE") {
        return Some(p);
    }
    if !std::io::stdin().is_terminal() {
        return None;
    }
    rpassword::prompt_password("Passphrase for the key: ").ok()
}

/// Reads `--allowed-signers`; an unreadable file is reported (file:line) and gives `Err`.
pub fn load_allowed_signers(path: Option<&Path>) -> Result<Option<AllowedSigners>, ExitCode> {
    match path.map(AllowedSigners::load) {
        None => Ok(None),
        Some(Ok(a)) => Ok(Some(a)),
        Some(Err(e)) => {
            eprintln!("error: {e}");
            Err(ExitCode::from(EXIT_UNREADABLE))
        }
    }
}

/// The part of `check` that judges decisions by their signatures: lists every lowered
/// severity, and with an allowed_signers file each sign-off that does not count and each
/// risk-lowering decision no allowed signature covers unchanged; returns the analysis the
/// gate goes by (those decisions open again, at their unlowered severity).
pub fn judge_decisions(
    path: &Path,
    project: &Project,
    result: Analysis,
    allowed: Option<&AllowedSigners>,
    o: &mut impl Write,
) -> Analysis {
    // Names and texts come from the model file, which the pull request controls: one
    // line each, so none can forge a line of the gate's output.
    fn say(o: &mut impl Write, line: std::fmt::Arguments<'_>) {
        let line = line.to_string().replace(char::is_control, " ");
        let _ = writeln!(o, "{line}");
    }
    let trust = signing::judge(project, &result, allowed);
    let shown = path.display();
    if let Some(a) = allowed {
        for (s, c) in project.signoffs.iter().zip(&trust.records) {
            if !matches!(c, signing::SignatureCheck::Allowed { .. }) {
                say(
                    o,
                    format_args!(
                        "{shown}: sign-off by {} at {} does not count: {}",
                        s.reviewer,
                        s.at,
                        c.label()
                    ),
                );
            }
        }
        if let Some(i) = trust.trusted {
            let s = &project.signoffs[i];
            say(
                o,
                format_args!(
                    "{shown}: decisions signed by {} at {} count when unchanged (key allowed by {})",
                    s.reviewer,
                    s.at,
                    a.path.display()
                ),
            );
        }
    }
    for l in &trust.lowered {
        say(
            o,
            format_args!(
                "{shown}: severity lowered from {} to {} in the model: {}: {} ({}){}",
                l.from.label(),
                l.to.label(),
                l.key,
                l.title,
                l.subject,
                match l.trusted {
                    None => "; signatures not checked (no --allowed-signers)",
                    Some(true) => "; signed",
                    Some(false) => "; not signed by an allowed signer: counted as open",
                }
            ),
        );
    }
    let findings: std::collections::HashMap<String, &analysis::Finding> =
        result.threats().map(|f| (f.key.to_string(), f)).collect();
    for u in &trust.untrusted {
        if let Some(f) = findings.get(&u.key) {
            say(
                o,
                format_args!(
                    "{shown}: {} decision counted as open ({}): {}: {} ({})",
                    f.status().label().to_lowercase(),
                    u.reason,
                    u.key,
                    f.title,
                    f.subject_name()
                ),
            );
        }
    }
    signing::reopen_untrusted(result, &trust)
}
