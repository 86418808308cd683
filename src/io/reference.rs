//! Paths that a project file names (its custom rule catalogue today; block libraries and
//! evidence files later) are confined to the project's folder, or to folders the user
//! trusts (a CLI flag or an app setting, never the project file itself).
//!
//! A project file is other people's input: it arrives in a pull request, from a fork, as
//! an attachment. If it could name `/etc/passwd` or `../../../secrets/token`, opening it —
//! or running `threatboard check` on it in CI — would read that file, and a parse error
//! would print its first line into a log. So a reference is refused before anything is
//! read unless it stays inside the folder, both as written (`..`) and once symbolic links
//! are followed; and the error names the reference, never the target's content.

use std::path::{Component, Path, PathBuf};

/// Why a reference in a project file was refused. Every message names the reference as
/// written in the project file, and the project's folder, and nothing read from a target.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReferenceError {
    #[error("{what} {reference:?} is empty")]
    Empty {
        what: &'static str,
        reference: String,
    },
    #[error(
        "{what} {reference:?} is an absolute path; a project names files relative to its own folder"
    )]
    Absolute {
        what: &'static str,
        reference: String,
    },
    #[error(
        "{what} {reference:?} leads outside the project's folder {folder}; only files inside it, or inside a folder you trust (--trust DIR, or View > Trusted folders… in the app), are read"
    )]
    Outside {
        what: &'static str,
        reference: String,
        folder: String,
    },
    #[error("{what} {reference:?} was not found in the project's folder {folder}")]
    NotFound {
        what: &'static str,
        reference: String,
        folder: String,
    },
    #[error("{what} {reference:?} cannot be used: the project has not been saved to a folder yet")]
    Unsaved {
        what: &'static str,
        reference: String,
    },
}

/// Resolves `reference`, a path named by the project file at `project_path`, to a file
/// inside the project's folder or inside one of `trusted` folders (given by the user).
///
/// Checked twice: lexically, before the file system is touched (so a refused reference
/// learns nothing about what exists outside), and again after symbolic links are
/// followed (so a link inside the folder cannot lead out of it).
pub fn resolve(
    what: &'static str,
    reference: &str,
    project_path: Option<&Path>,
    trusted: &[PathBuf],
) -> Result<PathBuf, ReferenceError> {
    let named = || reference.to_owned();
    if reference.trim().is_empty() {
        return Err(ReferenceError::Empty {
            what,
            reference: named(),
        });
    }
    let relative = Path::new(reference);
    if relative.has_root()
        || relative
            .components()
            .any(|c| matches!(c, Component::Prefix(_) | Component::RootDir))
        || reference.contains('\0')
    {
        return Err(ReferenceError::Absolute {
            what,
            reference: named(),
        });
    }
    let Some(project_path) = project_path else {
        return Err(ReferenceError::Unsaved {
            what,
            reference: named(),
        });
    };
    let folder = match project_path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    let folder_canonical = folder.canonicalize().unwrap_or_else(|_| folder.clone());
    let shown_folder = folder_canonical.display().to_string();
    let outside = || ReferenceError::Outside {
        what,
        reference: named(),
        folder: shown_folder.clone(),
    };
    let trusted: Vec<PathBuf> = trusted
        .iter()
        .filter_map(|t| t.canonicalize().ok())
        .collect();
    let allowed =
        |p: &Path| p.starts_with(&folder_canonical) || trusted.iter().any(|t| p.starts_with(t));

    let lexical = normalize(&folder_canonical.join(relative));
    if !allowed(&lexical) {
        return Err(outside());
    }
    let real = match lexical.canonicalize() {
        Ok(p) => p,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(ReferenceError::NotFound {
                what,
                reference: named(),
                folder: shown_folder,
            });
        }
        // Permission denied and the like: the same answer as "outside", so a refused
        // path says nothing about the target.
        Err(_) => return Err(outside()),
    };
    if !allowed(&real) {
        return Err(outside());
    }
    Ok(real)
}

/// `a/b/../c/./d` → `a/c/d`, without touching the file system. A `..` above the root
/// stays at the root, which is outside any project folder anyway.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project_in(dir: &Path) -> PathBuf {
        dir.join("model.ron")
    }

    #[test]
    fn a_file_in_the_folder_or_below_resolves() {
        let dir = tempfile::tempdir().expect("test set-up");
        std::fs::create_dir(dir.path().join("rules")).expect("test set-up");
        std::fs::write(dir.path().join("rules/org.ron"), "x").expect("test set-up");
        let p = project_in(dir.path());
        let got = resolve("catalogue", "rules/org.ron", Some(&p), &[]).expect("test set-up");
        assert!(got.ends_with("rules/org.ron"));
        // A detour that comes back inside is fine.
        assert!(resolve("catalogue", "rules/../rules/./org.ron", Some(&p), &[]).is_ok());
    }

    #[test]
    fn absolute_and_escaping_references_are_refused_before_reading() {
        let dir = tempfile::tempdir().expect("test set-up");
        let p = project_in(dir.path());
        for r in [
            "/etc/passwd",
            "../../../../etc/hostname",
            "rules/../../x.ron",
        ] {
            let e = resolve("catalogue", r, Some(&p), &[]).expect_err("refused");
            assert!(
                matches!(
                    e,
                    ReferenceError::Absolute { .. } | ReferenceError::Outside { .. }
                ),
                "{r}: {e}"
            );
            assert!(
                e.to_string().contains(r),
                "the message names the reference: {e}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_leading_out_is_refused() {
        let outside = tempfile::tempdir().expect("test set-up");
        std::fs::write(outside.path().join("secret"), "token").expect("test set-up");
        let dir = tempfile::tempdir().expect("test set-up");
        std::os::unix::fs::symlink(outside.path().join("secret"), dir.path().join("rules.ron"))
            .expect("test set-up");
        let p = project_in(dir.path());
        let e = resolve("catalogue", "rules.ron", Some(&p), &[]).expect_err("refused");
        assert!(matches!(e, ReferenceError::Outside { .. }), "{e}");
        // Unless the user trusts the folder it leads to.
        let trusted = [outside.path().to_owned()];
        assert!(resolve("catalogue", "rules.ron", Some(&p), &trusted).is_ok());
    }

    #[test]
    fn a_trusted_folder_next_to_the_project_can_be_named() {
        let root = tempfile::tempdir().expect("test set-up");
        std::fs::create_dir_all(root.path().join("models")).expect("test set-up");
        std::fs::create_dir_all(root.path().join("org-rules")).expect("test set-up");
        std::fs::write(root.path().join("org-rules/org.ron"), "x").expect("test set-up");
        let p = root.path().join("models/model.ron");
        let r = "../org-rules/org.ron";
        assert!(matches!(
            resolve("catalogue", r, Some(&p), &[]),
            Err(ReferenceError::Outside { .. })
        ));
        let trusted = [root.path().join("org-rules")];
        assert!(resolve("catalogue", r, Some(&p), &trusted).is_ok());
    }

    #[test]
    fn a_missing_file_and_an_unsaved_project_say_so() {
        let dir = tempfile::tempdir().expect("test set-up");
        let p = project_in(dir.path());
        assert!(matches!(
            resolve("catalogue", "nope.ron", Some(&p), &[]),
            Err(ReferenceError::NotFound { .. })
        ));
        assert!(matches!(
            resolve("catalogue", "nope.ron", None, &[]),
            Err(ReferenceError::Unsaved { .. })
        ));
    }
}
