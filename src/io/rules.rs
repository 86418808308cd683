//! Rule catalogue files: found (the project's own, confined to its folder or a trusted
//! one; one the user names) and read here, with a size limit; the analysis receives their
//! text (`Catalogue::merged`) and never touches the file system.

use std::path::Path;

use crate::analysis::{Catalogue, CatalogueError};
use crate::model::Project;

/// Catalogue files larger than this are refused.
const MAX_CATALOGUE_BYTES: u64 = 4 * 1024 * 1024;

/// `base` with a custom catalogue file applied on top.
pub fn read_catalogue(base: &Catalogue, path: &Path) -> Result<Catalogue, CatalogueError> {
    let err = |message: String| CatalogueError {
        path: path.to_owned(),
        position: None,
        rule: None,
        message,
    };
    let bytes = crate::foundation::read::bounded(path, MAX_CATALOGUE_BYTES).map_err(|e| {
        err(match e {
            crate::foundation::read::ReadError::TooLarge { size, .. } => format!(
                "the file is {size} bytes; rule catalogues are limited to {MAX_CATALOGUE_BYTES} bytes"
            ),
            other => other.to_string(),
        })
    })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| err("not UTF-8 text (its content is not shown)".into()))?;
    base.merged(&text, path)
}

/// Where the rules come from besides the built-in catalogue.
#[derive(Clone, Debug, Default)]
pub struct RuleSources<'a> {
    /// A catalogue the user named (`--rules`): trusted, as the user chose it.
    pub extra: Option<&'a Path>,
    /// Leave the project's own catalogue out (`--builtin-rules-only`, for CI on pull
    /// requests nobody has reviewed yet).
    pub ignore_project_catalogue: bool,
    /// Folders outside the project's folder that a project may name files in; from the
    /// user (a CLI flag, the app's settings), never from the project file.
    pub trusted: &'a [std::path::PathBuf],
}

/// Why the rules for a project could not be put together.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RulesError {
    #[error("{0}")]
    Catalogue(#[from] CatalogueError),
    #[error("{project}: {error}")]
    Reference {
        project: String,
        error: super::ReferenceError,
    },
}

/// The catalogue for a project: the built-in rules, the project's own catalogue (a path
/// relative to the project file, confined to its folder or a trusted one) and an extra
/// file given by the user, in that order.
pub fn catalogue_for(
    project: &Project,
    project_path: Option<&Path>,
    sources: &RuleSources<'_>,
) -> Result<Catalogue, RulesError> {
    let mut catalogue = Catalogue::builtin()?;
    if let Some(reference) = project
        .catalogue
        .as_deref()
        .filter(|_| !sources.ignore_project_catalogue)
    {
        let path = super::reference::resolve("catalogue", reference, project_path, sources.trusted)
            .map_err(|error| RulesError::Reference {
                project: project_path.map_or_else(
                    || "(unsaved project)".to_owned(),
                    |p| p.display().to_string(),
                ),
                error,
            })?;
        catalogue = read_catalogue(&catalogue, &path)?;
    }
    if let Some(extra) = sources.extra {
        catalogue = read_catalogue(&catalogue, extra)?;
    }
    Ok(catalogue)
}
