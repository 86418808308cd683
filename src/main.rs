//! The `threatboard` command: a thin clap CLI over the library.
//!
//! One file, over 800 lines: one function per subcommand and the clap definitions they
//! read; the history commands live in `cli_history.rs`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[cfg(not(feature = "gui"))]
use clap::CommandFactory;
use clap::{Args, Parser, Subcommand};

use threatboard::analysis::{self, Analysis};
use threatboard::io::{self as tio, FileError};
use threatboard::model::{Project, Severity};
use threatboard::report;

/// Prints to stdout, ignoring a closed pipe (`threatboard … | head` must not panic).
macro_rules! out {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

mod cli_history;
mod cli_verify;

// The analysis makes and drops tens of thousands of small values per run (one per
// finding); mimalloc does that about a third faster than the system allocator
// (benches/analysis.rs uses the same one, so its figures are the application's).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Offline threat modeling: data-flow diagrams, STRIDE analysis, reports.
#[derive(Parser)]
#[command(name = "threatboard", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A project file to open in the GUI.
    file: Option<PathBuf>,
    /// Verification results (SARIF, JUnit XML) to load with it (repeatable).
    #[arg(long, value_name = "FILE", num_args = 1..)]
    evidence: Vec<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Load and check project files; exit 2 if one cannot be read.
    Validate {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Rewrite project files in canonical form.
    Fmt {
        /// Only check: exit 1 when a file is not in canonical form.
        #[arg(long)]
        check: bool,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Analyse a project: STRIDE threats and validation messages.
    Analyze {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        #[command(flatten)]
        rules: RuleArgs,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// The CI gate: exit 1 when an open threat is at or above a severity, or on
    /// validation errors; 0 otherwise; 2 when the input cannot be read.
    Check {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = FailOn::High)]
        fail_on: FailOn,
        /// Do not fail on decisions past their review date (they are still listed).
        #[arg(long)]
        allow_expired: bool,
        /// The date review dates are compared with (YYYY-MM-DD); default: today, or
        /// SOURCE_DATE_EPOCH when set.
        #[arg(long)]
        today: Option<String>,
        /// Gate only on what is new since this version (a file or `git:REV:PATH`): open
        /// threats that are new or re-opened, validation errors that are new.
        #[arg(long, value_name = "BASE")]
        since: Option<String>,
        /// An OpenSSH allowed_signers file (as git's gpg.ssh.allowedSignersFile): a
        /// decision that lowers risk counts only when a sign-off signed by a key it allows
        /// for the reviewer covers it unchanged; the others are gated as open. Keep it
        /// outside the pull request's reach (docs/security.md).
        #[arg(long, value_name = "FILE")]
        allowed_signers: Option<PathBuf>,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Write the PDF report for security sign-off.
    Report {
        file: PathBuf,
        /// Where to write the PDF.
        #[arg(short, long)]
        output: PathBuf,
        /// Leave mitigated threats out.
        #[arg(long)]
        no_mitigated: bool,
        /// Leave the element inventory out.
        #[arg(long)]
        no_inventory: bool,
        /// The per-element listing in the appendix: all threats, open ones only, or none
        /// (default: full up to 300 threats, open beyond).
        #[arg(long, value_enum)]
        appendix: Option<AppendixArg>,
        /// Verification results (SARIF, JUnit XML): adds a "Verification" section with each
        /// control's result and each file's date and SHA-256.
        #[arg(long, num_args = 1..)]
        evidence: Vec<PathBuf>,
        /// A CloudFormation template mapping scanners' lines to resources (repeatable).
        #[arg(long = "template")]
        templates: Vec<PathBuf>,
        /// An OpenSSH allowed_signers file: each recorded sign-off is shown as signed by
        /// an allowed key, unsigned, or its signature invalid.
        #[arg(long, value_name = "FILE")]
        allowed_signers: Option<PathBuf>,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Import another tool's model as a Threatboard project: OWASP Threat Dragon (JSON),
    /// Microsoft Threat Modeling Tool (.tm7) or Open Threat Model (JSON or YAML); the format
    /// is read from the content.
    Import {
        file: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
        /// Overwrite an existing output file.
        #[arg(long)]
        force: bool,
    },
    /// Export a project: a Threat Dragon v2 model, or a diagram as SVG or PNG.
    Export {
        file: PathBuf,
        #[arg(long, value_enum)]
        format: ExportFormat,
        #[arg(short, long)]
        output: PathBuf,
        /// The diagram to draw (SVG, PNG); the first one when left out.
        #[arg(long)]
        diagram: Option<String>,
        /// Pixels per canvas unit for PNG.
        #[arg(long, default_value_t = 2.0)]
        scale: f32,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// What changed between two versions of a model, in meaning: things added, removed,
    /// renamed, moved between trust boundaries or changed; threats that appeared or went
    /// away; decisions changed. OLD and NEW are files or `git:REV:PATH`. Exit 0 when nothing
    /// but the layout changed, 1 when something did, 2 on an error.
    Diff {
        old: String,
        new: String,
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        #[command(flatten)]
        rules: RuleArgs,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Three-way merge of two versions of a model by id (a git merge driver: see the
    /// README). Exit 0 when clean, 1 when conflicts were recorded in the merged model (it
    /// still opens; the app lists them under Messages), 2 on an error.
    Merge {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
        /// Where to write the merged model (may be OURS, as git asks).
        #[arg(short, long)]
        output: PathBuf,
        /// The model's name in messages (git's `%P`; it hands the driver temporary files).
        #[arg(long)]
        name: Option<String>,
    },
    /// Record a security reviewer's sign-off of the model as it stands: who, when, the
    /// model's hash and the open threats accepted; with --key, signed with the reviewer's
    /// SSH key so `check --allowed-signers` trusts its decisions.
    SignOff {
        file: PathBuf,
        /// Who signs: `Name <address>`; the address (else the whole name) is the principal
        /// matched in allowed_signers.
        #[arg(long)]
        reviewer: String,
        #[arg(long, default_value = "")]
        role: String,
        #[arg(long, default_value = "")]
        note: String,
        /// An OpenSSH private key (e.g. ~/.ssh/id_ed25519) to sign the sign-off with; an
        /// encrypted key's passphrase comes from THREATBOARD_KEY_PASSPHRASE or a prompt.
        #[arg(long, value_name = "FILE")]
        key: Option<PathBuf>,
        #[command(flatten)]
        rules: RuleArgs,
    },
    /// Check the controls named on mitigations against the pipeline's evidence: scanners'
    /// SARIF 2.1.0 (cfn-lint, cfn_nag, checkov, cfn-guard, KICS …) and JUnit XML. Reports
    /// each control as passing, failing or not run, and scanner findings on the model's
    /// resources that no control covers. Exit 1 per --fail-on, 2 when a file cannot be read.
    Verify {
        file: PathBuf,
        /// SARIF or JUnit XML files (repeatable).
        #[arg(long, required = true, num_args = 1..)]
        evidence: Vec<PathBuf>,
        /// A CloudFormation template (YAML or JSON) to map scanners' line numbers to
        /// resources (repeatable; the project's own `infrastructure` templates are read too).
        #[arg(long = "template")]
        templates: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = cli_verify::VerifyFormat::Text)]
        format: cli_verify::VerifyFormat,
        #[arg(long, value_enum, default_value_t = cli_verify::VerifyFailOn::Never)]
        fail_on: cli_verify::VerifyFailOn,
        /// The date manual checks are dated against (YYYY-MM-DD); default today.
        #[arg(long)]
        today: Option<String>,
        #[command(flatten)]
        rules: RuleArgs,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Create a new, empty project.
    New {
        file: PathBuf,
        #[arg(long)]
        title: String,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
}

/// Where the rules come from, for every command that analyses.
#[derive(Args)]
struct RuleArgs {
    /// A rule catalogue applied on top of the built-in one (and the project's own).
    #[arg(long)]
    rules: Option<PathBuf>,
    /// Ignore the project's own rule catalogue: the built-in rules (and --rules) only.
    /// For CI on pull requests whose model nobody has reviewed yet.
    #[arg(long)]
    builtin_rules_only: bool,
    /// A folder outside the project's folder whose files the project may name (its rule
    /// catalogue); repeatable. A project file can never widen this itself.
    #[arg(long = "trust", value_name = "DIR")]
    trusted: Vec<PathBuf>,
}

impl RuleArgs {
    fn sources(&self) -> analysis::RuleSources<'_> {
        analysis::RuleSources {
            extra: self.rules.as_deref(),
            ignore_project_catalogue: self.builtin_rules_only,
            trusted: &self.trusted,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Table,
    Json,
    Csv,
    Markdown,
    Sarif,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum DiffFormat {
    Text,
    /// For a pull-request comment.
    Markdown,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum ExportFormat {
    ThreatDragon,
    /// Open Threat Model 0.2.0 JSON (IriusRisk, Threat Dragon, startleft).
    Otm,
    /// AWS Threat Composer workspace (.tc.json): threats as statements, with mitigations.
    ThreatComposer,
    Svg,
    Png,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum AppendixArg {
    Full,
    Open,
    None,
}

impl From<AppendixArg> for report::Appendix {
    fn from(a: AppendixArg) -> Self {
        match a {
            AppendixArg::Full => report::Appendix::Full,
            AppendixArg::Open => report::Appendix::Open,
            AppendixArg::None => report::Appendix::None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum FailOn {
    Low,
    Medium,
    High,
    Critical,
}

impl From<FailOn> for Severity {
    fn from(f: FailOn) -> Self {
        match f {
            FailOn::Low => Severity::Low,
            FailOn::Medium => Severity::Medium,
            FailOn::High => Severity::High,
            FailOn::Critical => Severity::Critical,
        }
    }
}

/// Exit codes, the same for every subcommand.
const EXIT_FINDINGS: u8 = 1;
const EXIT_UNREADABLE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => open_gui(cli.file, cli.evidence),
        Some(Command::Validate { files }) => validate(&files),
        Some(Command::Fmt { check, files }) => fmt(&files, check),
        Some(Command::New { file, title, force }) => new(&file, &title, force),
        Some(Command::Analyze {
            file,
            format,
            rules,
            output,
        }) => analyze(&file, format, &rules, output.as_deref()),
        Some(Command::Report {
            file,
            output,
            no_mitigated,
            no_inventory,
            appendix,
            evidence,
            templates,
            allowed_signers,
            rules,
        }) => report_pdf(
            &file,
            &output,
            !no_mitigated,
            !no_inventory,
            appendix.map(Into::into),
            (&evidence, &templates, allowed_signers.as_deref()),
            &rules,
        ),
        Some(Command::Import {
            file,
            output,
            force,
        }) => import(&file, &output, force),
        Some(Command::Export {
            file,
            format,
            output,
            diagram,
            scale,
            rules,
        }) => export(&file, format, &output, diagram.as_deref(), scale, &rules),
        Some(Command::Check {
            file,
            fail_on,
            allow_expired,
            today,
            since,
            allowed_signers,
            rules,
        }) => check(
            &file,
            fail_on.into(),
            allow_expired,
            today,
            since.as_deref(),
            allowed_signers.as_deref(),
            &rules,
        ),
        Some(Command::Diff {
            old,
            new,
            format,
            rules,
            output,
        }) => cli_history::diff(&old, &new, format, &rules, output.as_deref()),
        Some(Command::Merge {
            base,
            ours,
            theirs,
            output,
            name,
        }) => cli_history::merge(&base, &ours, &theirs, &output, name.as_deref()),
        Some(Command::Verify {
            file,
            evidence,
            templates,
            format,
            fail_on,
            today,
            rules,
            output,
        }) => cli_verify::verify(&cli_verify::VerifyArgs {
            file: &file,
            evidence: &evidence,
            templates: &templates,
            format,
            fail_on,
            today: today.as_deref(),
            rules: &rules,
            output: output.as_deref(),
        }),
        Some(Command::SignOff {
            file,
            reviewer,
            role,
            note,
            key,
            rules,
        }) => cli_history::sign_off(&file, (&reviewer, &role, &note), key.as_deref(), &rules),
    }
}

#[cfg(feature = "gui")]
fn open_gui(file: Option<PathBuf>, evidence: Vec<PathBuf>) -> ExitCode {
    match threatboard::gui::run(file, evidence) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(EXIT_UNREADABLE)
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_gui(file: Option<PathBuf>, _evidence: Vec<PathBuf>) -> ExitCode {
    let _ = Cli::command().print_help();
    if let Some(file) = file {
        eprintln!(
            "\nthreatboard: this build has no GUI (built without the `gui` feature); check {} with `threatboard validate`",
            file.display()
        );
        return ExitCode::from(EXIT_UNREADABLE);
    }
    ExitCode::SUCCESS
}

/// Writes a command's output file atomically and says so; made from `source`.
fn write_output(source: &Path, output: &Path, bytes: &[u8]) -> ExitCode {
    if let Err(e) = tio::write_atomic(output, bytes, false) {
        report(&e);
        return ExitCode::from(EXIT_UNREADABLE);
    }
    out!(
        "{}: wrote {} ({} bytes)",
        source.display(),
        output.display(),
        bytes.len()
    );
    ExitCode::SUCCESS
}

fn load_reporting(path: &Path) -> Option<Project> {
    match tio::load(path) {
        Ok(p) => Some(p),
        Err(e) => {
            report(&e);
            None
        }
    }
}

fn report(e: &FileError) {
    eprintln!("error: {e}");
}

fn validate(files: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for path in files {
        let Some(p) = load_reporting(path) else {
            failed = true;
            continue;
        };
        let elements: usize = p.diagrams.iter().map(|d| d.elements.len()).sum();
        let flows: usize = p.diagrams.iter().map(|d| d.flows.len()).sum();
        let boundaries: usize = p.diagrams.iter().map(|d| d.boundaries.len()).sum();
        out!(
            "{}: ok ({} diagram(s), {elements} elements, {flows} flows, {boundaries} trust boundaries)",
            path.display(),
            p.diagrams.len()
        );
    }
    if failed {
        ExitCode::from(EXIT_UNREADABLE)
    } else {
        ExitCode::SUCCESS
    }
}

fn fmt(files: &[PathBuf], check: bool) -> ExitCode {
    let mut unreadable = false;
    let mut not_canonical = false;
    for path in files {
        let Some(p) = load_reporting(path) else {
            unreadable = true;
            continue;
        };
        let canonical = match tio::to_canonical_string(&p) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("error: {}: cannot format: {e}", path.display());
                unreadable = true;
                continue;
            }
        };
        // The file was just read successfully, so a second read failing is a real error.
        let current = std::fs::read_to_string(path).unwrap_or_default();
        if current == canonical {
            continue;
        }
        if check {
            out!(
                "{}: not in canonical form (run `threatboard fmt`)",
                path.display()
            );
            not_canonical = true;
        } else if let Err(e) = tio::write_atomic(path, canonical.as_bytes(), false) {
            report(&e);
            unreadable = true;
        } else {
            out!("{}: formatted", path.display());
        }
    }
    if unreadable {
        ExitCode::from(EXIT_UNREADABLE)
    } else if not_canonical {
        ExitCode::from(EXIT_FINDINGS)
    } else {
        ExitCode::SUCCESS
    }
}

fn new(path: &Path, title: &str, force: bool) -> ExitCode {
    if path.exists() && !force {
        eprintln!(
            "error: {}: already exists; use --force to overwrite it",
            path.display()
        );
        return ExitCode::from(EXIT_UNREADABLE);
    }
    match tio::save(path, &Project::new(title)) {
        Ok(()) => {
            out!("{}: created", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            report(&e);
            ExitCode::from(EXIT_UNREADABLE)
        }
    }
}

/// Loads a project and analyses it; errors are reported and give `None`.
fn load_and_analyze(path: &Path, rules: &RuleArgs) -> Option<(Project, Analysis)> {
    load_with_rules(path, rules).map(|(p, _, a)| (p, a))
}

/// Loads a project, puts its rules together and analyses it.
fn load_with_rules(
    path: &Path,
    rules: &RuleArgs,
) -> Option<(Project, analysis::Catalogue, Analysis)> {
    let project = load_reporting(path)?;
    let catalogue = match analysis::catalogue_for(&project, Some(path), &rules.sources()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return None;
        }
    };
    let result = analysis::analyze(&project, &catalogue);
    Some((project, catalogue, result))
}

fn analyze(path: &Path, format: Format, rules: &RuleArgs, output: Option<&Path>) -> ExitCode {
    let Some((project, result)) = load_and_analyze(path, rules) else {
        return ExitCode::from(EXIT_UNREADABLE);
    };
    let text = match format {
        Format::Table => report::table(&project, &result),
        Format::Json => report::json(&project, &result),
        Format::Markdown => report::markdown(&project, &result),
        Format::Csv => match report::csv(&result) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("error: cannot write CSV: {e}");
                return ExitCode::from(EXIT_UNREADABLE);
            }
        },
        Format::Sarif => {
            let source = std::fs::read_to_string(path).unwrap_or_default();
            let uri = path.to_string_lossy().replace('\\', "/");
            report::sarif(&project, &result, &uri, &source, env!("CARGO_PKG_VERSION"))
        }
    };
    emit(&text, output).unwrap_or(ExitCode::SUCCESS)
}

/// Writes a command's text to `output` (atomically) or standard output; the exit code
/// when the file cannot be written.
fn emit(text: &str, output: Option<&Path>) -> Option<ExitCode> {
    match output {
        Some(out) => {
            if let Err(e) = tio::write_atomic(out, text.as_bytes(), false) {
                report(&e);
                return Some(ExitCode::from(EXIT_UNREADABLE));
            }
        }
        None => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
        }
    }
    None
}

fn check(
    path: &Path,
    fail_on: Severity,
    allow_expired: bool,
    today: Option<String>,
    since: Option<&str>,
    allowed_signers: Option<&Path>,
    rules: &RuleArgs,
) -> ExitCode {
    let Ok(allowed) = cli_history::load_allowed_signers(allowed_signers) else {
        return ExitCode::from(EXIT_UNREADABLE);
    };
    let today = match today {
        Some(t) if threatboard::model::parse_date(&t).is_none() => {
            eprintln!("error: --today {t:?} is not a date (YYYY-MM-DD)");
            return ExitCode::from(EXIT_UNREADABLE);
        }
        Some(t) => t,
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
            let _ = writeln!(o, $($arg)*);
        }};
    }
    // Decisions that lower risk count only when an allowed signer signed them unchanged.
    let result = cli_history::judge_decisions(path, &project, result, allowed.as_ref(), &mut o);
    // Before the verdict: a reviewer reading the CI log sees that the gate was changed.
    if let Some(changes) = result.rule_changes_text() {
        out!("{}: warning: {changes}", path.display());
    }
    let mut failing: Vec<_> = result.open_at_or_above(fail_on).collect();
    let mut errors: Vec<_> = result.errors().collect();
    if let Some(base) = &base {
        // A pull request answers for what it brings, not for what was there before.
        let open_before: std::collections::HashSet<&_> = base
            .threats()
            .filter(|f| f.status().is_open())
            .map(|f| &f.key)
            .collect();
        let errors_before: std::collections::HashSet<(analysis::Code, &analysis::Subject, &str)> =
            base.errors()
                .map(|m| (m.code, &m.subject, m.message.as_str()))
                .collect();
        let (before, after) = (failing.len(), errors.len());
        failing.retain(|f| !open_before.contains(&f.key));
        errors.retain(|m| !errors_before.contains(&(m.code, &m.subject, m.message.as_str())));
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
    if failing.is_empty() && errors.is_empty() && !expired_fail {
        out!(
            "{}: ok: no {}open threat at or above {}, no {}validation errors ({} threats, {} open)",
            path.display(),
            if base.is_some() {
                "new or re-opened "
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
            "{}: failed: {} {}open threat(s) at or above {}, {} validation error(s){}",
            path.display(),
            failing.len(),
            if base.is_some() {
                "new or re-opened "
            } else {
                ""
            },
            fail_on.label(),
            errors.len(),
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

fn report_pdf(
    path: &Path,
    output: &Path,
    mitigated: bool,
    inventory: bool,
    appendix: Option<report::Appendix>,
    (evidence, templates, allowed_signers): (&[PathBuf], &[PathBuf], Option<&Path>),
    rules: &RuleArgs,
) -> ExitCode {
    let Ok(allowed) = cli_history::load_allowed_signers(allowed_signers) else {
        return ExitCode::from(EXIT_UNREADABLE);
    };
    let Some((project, catalogue, result)) = load_with_rules(path, rules) else {
        return ExitCode::from(EXIT_UNREADABLE);
    };
    let verification = if evidence.is_empty() {
        None
    } else {
        let Some((files, templates)) =
            cli_verify::load_evidence(path, &project, evidence, templates, rules)
        else {
            return ExitCode::from(EXIT_UNREADABLE);
        };
        Some(threatboard::evidence::verify(
            &project,
            &result,
            &files,
            &templates,
            &report::today(),
        ))
    };
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let pdf = match report::pdf_with_verification(
        &project,
        &result,
        &catalogue,
        &name,
        mitigated,
        inventory,
        appendix,
        verification.as_ref(),
        allowed.as_ref(),
    ) {
        Ok(pdf) => pdf,
        Err(e) => {
            eprintln!("error: {}: {e}", path.display());
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    write_output(path, output, &pdf)
}

fn import(path: &Path, output: &Path, force: bool) -> ExitCode {
    if output.exists() && !force {
        eprintln!(
            "error: {}: already exists; use --force to overwrite it",
            output.display()
        );
        return ExitCode::from(EXIT_UNREADABLE);
    }
    let (project, rep) = match tio::import::read(path) {
        Ok(r) => r,
        Err(e) => {
            report(&e);
            return ExitCode::from(EXIT_UNREADABLE);
        }
    };
    if let Err(e) = tio::save(output, &project) {
        report(&e);
        return ExitCode::from(EXIT_UNREADABLE);
    }
    out!(
        "{}: imported ({}) {} diagram(s), {} elements, {} flows, {} trust boundaries, {} notes, {} threats into {}",
        path.display(),
        rep.source,
        rep.diagrams,
        rep.elements,
        rep.flows,
        rep.boundaries,
        rep.notes,
        rep.threats,
        output.display()
    );
    for k in &rep.kept {
        out!("  kept: {k}");
    }
    ExitCode::SUCCESS
}

fn export(
    path: &Path,
    format: ExportFormat,
    output: &Path,
    diagram: Option<&str>,
    scale: f32,
    rules: &RuleArgs,
) -> ExitCode {
    let Some(project) = load_reporting(path) else {
        return ExitCode::from(EXIT_UNREADABLE);
    };
    let bytes: Vec<u8> = match format {
        ExportFormat::ThreatDragon => {
            let records = project.threats.len();
            if records > 0 {
                eprintln!(
                    "note: {records} decision(s) on generated threats are not exported: Threat Dragon has no generated threats"
                );
            }
            let mut text = serde_json::to_string_pretty(&tio::threat_dragon::export(&project))
                .unwrap_or_default();
            text.push('\n');
            text.into_bytes()
        }
        ExportFormat::Otm => {
            let records = project.threats.len();
            if records > 0 {
                eprintln!(
                    "note: {records} decision(s) on generated threats are not exported: OTM carries the team's own threats"
                );
            }
            let mut text =
                serde_json::to_string_pretty(&tio::otm::export(&project)).unwrap_or_default();
            text.push('\n');
            text.into_bytes()
        }
        ExportFormat::ThreatComposer => {
            let catalogue = match analysis::catalogue_for(&project, Some(path), &rules.sources()) {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(EXIT_UNREADABLE);
                }
            };
            let analysis = analysis::analyze(&project, &catalogue);
            // The first diagram as the data flow image (left out when it cannot be drawn).
            let png = report::svg::svg_to_png(
                &report::svg::diagram_svg(&project, &project.diagrams[0], Some(&analysis)),
                1.0,
            )
            .ok();
            let v = tio::threat_composer::export(&project, &analysis, png.as_deref());
            let mut text = serde_json::to_string_pretty(&v).unwrap_or_default();
            text.push('\n');
            text.into_bytes()
        }
        ExportFormat::Svg | ExportFormat::Png => {
            let d = match diagram {
                None => &project.diagrams[0],
                Some(name) => match project
                    .diagrams
                    .iter()
                    .find(|d| d.name == name || d.id.as_str() == name)
                {
                    Some(d) => d,
                    None => {
                        let names: Vec<&str> =
                            project.diagrams.iter().map(|d| d.name.as_str()).collect();
                        eprintln!(
                            "error: {}: no diagram {name:?}; diagrams: {}",
                            path.display(),
                            names.join(", ")
                        );
                        return ExitCode::from(EXIT_UNREADABLE);
                    }
                },
            };
            let analysis = match analysis::catalogue_for(&project, Some(path), &rules.sources()) {
                Ok(c) => Some(analysis::analyze(&project, &c)),
                Err(e) => {
                    eprintln!("warning: threat badges left out: {e}");
                    None
                }
            };
            let svg = report::svg::diagram_svg(&project, d, analysis.as_ref());
            if format == ExportFormat::Svg {
                svg.into_bytes()
            } else if !(0.1..=8.0).contains(&scale) {
                eprintln!("error: --scale must be between 0.1 and 8");
                return ExitCode::from(EXIT_UNREADABLE);
            } else {
                match report::svg::svg_to_png(&svg, scale) {
                    Ok(png) => png,
                    Err(e) => {
                        eprintln!("error: {}: {e}", path.display());
                        return ExitCode::from(EXIT_UNREADABLE);
                    }
                }
            }
        }
    };
    write_output(path, output, &bytes)
}
