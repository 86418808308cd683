//! The `threatboard` command: a thin clap CLI over the library.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use threatboard::io::{self as tio, FileError};
use threatboard::model::Project;

/// Offline threat modeling: data-flow diagrams, STRIDE analysis, reports.
#[derive(Parser)]
#[command(name = "threatboard", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// A project file to open in the GUI.
    file: Option<PathBuf>,
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

/// Exit codes, the same for every subcommand.
const EXIT_FINDINGS: u8 = 1;
const EXIT_UNREADABLE: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => {
            // The desktop GUI lands with the editor; until then say what there is.
            let mut help = Cli::command();
            let _ = help.print_help();
            if let Some(file) = cli.file {
                eprintln!(
                    "\nthreatboard: this build has no GUI yet; check {} with `threatboard validate`",
                    file.display()
                );
                return ExitCode::from(EXIT_UNREADABLE);
            }
            ExitCode::SUCCESS
        }
        Some(Command::Validate { files }) => validate(&files),
        Some(Command::Fmt { check, files }) => fmt(&files, check),
        Some(Command::New { file, title, force }) => new(&file, &title, force),
    }
}

/// Prints to stdout, ignoring a closed pipe (`threatboard … | head` must not panic).
macro_rules! out {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
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
