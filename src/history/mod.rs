//! The model over time: one hash for "the model that was signed", sign-off records,
//! semantic diffs between two versions and a three-way merge for git.

pub mod accepts;
pub mod allowed_signers;
pub mod diff;
pub mod merge;
pub mod render;
pub mod signing;

use std::path::{Path, PathBuf};

use crate::analysis::Analysis;
use crate::io::{FileError, FileErrorKind};
use crate::model::{Project, SignOff};

/// The SHA-256 (hex) of the canonical model content: the canonical RON text of the project
/// without its layout, format version, sign-off records and merge conflicts. The one
/// definition used by `threatboard sign-off`, the app's status bar and the PDF cover:
/// moving a box does not void a sign-off, any change of meaning does.
/// `Err` when the model cannot be written as text: never the hash of an empty text.
pub fn model_hash(project: &Project) -> Result<String, HashError> {
    let mut content = Project {
        format: project.format.clone(),
        version: 0,
        meta: project.meta.clone(),
        catalogue: project.catalogue.clone(),
        libraries: project.libraries.clone(),
        infrastructure: project.infrastructure.clone(),
        diagrams: project.diagrams.clone(),
        threats: project.threats.clone(),
        manual_threats: project.manual_threats.clone(),
        sessions: project.sessions.clone(),
        signoffs: Vec::new(),
        conflicts: Vec::new(),
        layout: Default::default(),
    };
    content.format.clear();
    canonical_hash(&content)
}

/// The model could not be written as canonical text, so it has no hash.
#[derive(Debug, thiserror::Error)]
#[error("the model cannot be written as text to hash it: {0}")]
pub struct HashError(#[from] ron::Error);

/// The SHA-256 of a value's canonical RON text.
fn canonical_hash<T: serde::Serialize>(value: &T) -> Result<String, HashError> {
    let text = crate::io::to_canonical_string(value)?;
    Ok(crate::foundation::hash::sha256_hex(text.as_bytes()))
}

/// The latest sign-off, if the model was ever signed.
pub fn last_signoff(project: &Project) -> Option<&SignOff> {
    project.signoffs.last()
}

/// Whether the model changed (in meaning) since its latest sign-off; `None` when it was
/// never signed. A signed record whose signature no longer verifies counts as changed: it
/// cannot vouch for "unchanged".
pub fn changed_since_signoff(project: &Project) -> Option<bool> {
    signing::changed_since_signoff(project)
}

/// The project as it was at its latest sign-off, when the record kept it.
pub fn signed_snapshot(project: &Project) -> Option<&Project> {
    last_signoff(project).and_then(|s| s.snapshot.as_deref())
}

/// A sign-off record of the project as it stands: its hash, what the reviewer accepts
/// ([`accepts::Accepts`]), and a snapshot of the model (which replaces the snapshots of earlier records).
pub fn sign_off(
    project: &Project,
    analysis: &Analysis,
    reviewer: &str,
    role: &str,
    note: &str,
    at: &str,
) -> Result<SignOff, HashError> {
    let accepted = accepts::Accepts::of(analysis).records();
    let mut snapshot = project.clone();
    snapshot.signoffs.clear();
    snapshot.conflicts.clear();
    Ok(SignOff {
        reviewer: reviewer.trim().to_owned(),
        role: role.trim().to_owned(),
        at: at.to_owned(),
        version_label: project.meta.version_label.trim().to_owned(),
        model_sha256: model_hash(project)?,
        note: note.trim().to_owned(),
        accepted,
        snapshot: Some(Box::new(snapshot)),
        ..SignOff::default()
    })
}

/// The version label a new sign-off should carry when the model changed since the last
/// signed version but still carries that version's label ("2026.11" → "2026.11-r2",
/// "2026.11-r2" → "2026.11-r3"; no label → "r2"); `None` when the label is new or
/// nothing changed. Two different models never go out under one label.
pub fn next_version_label(project: &Project) -> Option<String> {
    let last = last_signoff(project)?;
    let label = project.meta.version_label.trim();
    if last.version_label.trim() != label
        || model_hash(project).is_ok_and(|h| h == last.model_sha256)
    {
        return None;
    }
    let (base, n) = match label.rsplit_once("-r") {
        Some((base, n)) if n.parse::<u32>().is_ok() => (base, n.parse::<u32>().unwrap_or(1)),
        _ => (label, 1),
    };
    Some(if base.is_empty() {
        format!("r{}", n + 1)
    } else {
        format!("{base}-r{}", n + 1)
    })
}

/// The sign-off list with `record` appended; earlier records keep their hash but drop
/// their snapshot (only the latest is needed to show what changed).
pub fn with_signoff(project: &Project, record: SignOff) -> Vec<SignOff> {
    let mut list: Vec<SignOff> = project
        .signoffs
        .iter()
        .cloned()
        .map(|mut s| {
            s.snapshot = None;
            s
        })
        .collect();
    list.push(record);
    list
}

/// Where a version of a model comes from: a file, or `git:REV:PATH` (read with `git show`,
/// relative to the current folder's repository).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    Git { rev: String, path: String },
}

impl Source {
    pub fn parse(s: &str) -> Self {
        if let Some(rest) = s.strip_prefix("git:") {
            if let Some((rev, path)) = rest.split_once(':') {
                if !rev.is_empty() && !path.is_empty() {
                    return Self::Git {
                        rev: rev.to_owned(),
                        path: path.to_owned(),
                    };
                }
            }
        }
        Self::File(PathBuf::from(s))
    }

    /// How messages name it.
    pub fn display(&self) -> String {
        match self {
            Self::File(p) => p.display().to_string(),
            Self::Git { rev, path } => format!("git:{rev}:{path}"),
        }
    }

    /// The file on disk, when it is one (catalogues are resolved next to it).
    pub fn path(&self) -> Option<&Path> {
        match self {
            Self::File(p) => Some(p),
            Self::Git { .. } => None,
        }
    }

    /// Loads the project. A git source is read with `git show REV:PATH`; a path that does
    /// not start with `./` is taken relative to the repository's root, as git does.
    pub fn load(&self) -> Result<Project, FileError> {
        self.load_in(None)
    }

    /// Loads the project; git runs in `dir` (a file path is taken relative to it too).
    pub fn load_in(&self, dir: Option<&Path>) -> Result<Project, FileError> {
        match self {
            Self::File(p) => crate::io::load(&match dir {
                Some(d) if p.is_relative() => d.join(p),
                _ => p.clone(),
            }),
            Self::Git { rev, path } => {
                let name = PathBuf::from(self.display());
                let bytes = git_blob(rev, path, dir)
                    .map_err(|why| FileError::new(&name, FileErrorKind::Read(why)))?;
                let text = String::from_utf8(bytes)
                    .map_err(|_| FileError::new(&name, FileErrorKind::NotText))?;
                crate::io::load_str(&text, &name)
            }
        }
    }
}

/// The blob `REV:PATH` of the repository at `dir` (or the current folder), read with
/// `git cat-file`, never larger than a project file may be.
///
/// The revision and path come from a pull request's author in CI, so neither can become
/// an option of git's (`git:--output=/tmp/x:m.ron` once made `git show` write a file): a
/// revision starting with `-` is refused, and `--end-of-options` ends git's options in
/// any case. The object's type and size are asked first, so a huge blob is refused before
/// any of it is read, and the blob is read raw (no textconv or filter driver runs).
fn git_blob(rev: &str, path: &str, dir: Option<&Path>) -> Result<Vec<u8>, std::io::Error> {
    use std::io::Read;
    if rev.starts_with('-') {
        return Err(std::io::Error::other(format!(
            "the revision {rev:?} starts with `-`: revisions that look like options are refused"
        )));
    }
    let spec = format!("{rev}:{path}");
    let git = |args: &[&str]| {
        let mut command = std::process::Command::new("git");
        if let Some(dir) = dir {
            command.current_dir(dir);
        }
        command
            .args(args)
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped());
        command
    };
    let ask = |what: &str| -> Result<String, std::io::Error> {
        let output = git(&["cat-file", what, "--end-of-options", &spec])
            .output()
            .map_err(|e| std::io::Error::other(format!("cannot run git: {e}")))?;
        if !output.status.success() {
            let why = String::from_utf8_lossy(&output.stderr).trim().to_owned();
            return Err(std::io::Error::other(format!(
                "git cannot read {spec}: {why}"
            )));
        }
        Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
    };
    let kind = ask("-t")?;
    if kind != "blob" {
        return Err(std::io::Error::other(format!(
            "{spec} is a {kind}, not a file"
        )));
    }
    let size: u64 = ask("-s")?
        .parse()
        .map_err(|_| std::io::Error::other("git gave no size"))?;
    if size > crate::io::MAX_FILE_BYTES {
        return Err(std::io::Error::other(format!(
            "the file is {size} bytes; project files are limited to {} bytes",
            crate::io::MAX_FILE_BYTES
        )));
    }
    let mut child = git(&["cat-file", "blob", "--end-of-options", &spec])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| std::io::Error::other(format!("cannot run git: {e}")))?;
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    if let Some(out) = child.stdout.take() {
        out.take(crate::io::MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)?;
    }
    let output = child.wait_with_output()?;
    if !output.status.success() || bytes.len() as u64 > crate::io::MAX_FILE_BYTES {
        let why = String::from_utf8_lossy(&output.stderr).trim().to_owned();
        return Err(std::io::Error::other(format!(
            "git cat-file {spec} failed: {why}"
        )));
    }
    Ok(bytes)
}

#[cfg(test)]
mod hash_tests {
    use super::*;

    /// Something serde cannot write, as a model whose writing fails would be.
    struct Unwritable;

    impl serde::Serialize for Unwritable {
        fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("cannot be written"))
        }
    }

    #[test]
    fn what_cannot_be_written_has_no_hash() {
        // Not the hash of an empty text, which a sign-off would then record.
        assert!(canonical_hash(&Unwritable).is_err());
        assert_ne!(
            canonical_hash(&Project::new("x")).expect("hashable"),
            crate::foundation::hash::sha256_hex(b"")
        );
    }
}
