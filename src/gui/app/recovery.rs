//! The recovery file: unsaved work written beside the app's data every
//! [`AUTOSAVE_EVERY`] while the project has changes, offered back when the app starts
//! after a crash, removed once the work is saved or discarded.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::Document;
use crate::io as tio;
use crate::model::Project;

/// How often unsaved work is written to the recovery file.
pub(super) const AUTOSAVE_EVERY: Duration = Duration::from_secs(15);

/// What the recovery file's companion records: the file the work came from.
#[derive(Serialize, Deserialize)]
struct RecoveryInfo {
    original: Option<PathBuf>,
}

/// Where the recovery file is and when it was last written.
pub(super) struct Recovery {
    /// The folder of the recovery file; `None` writes none.
    dir: Option<PathBuf>,
    last_autosave: Instant,
    /// The revision last written (or opened): no need to write it again.
    autosaved_revision: u64,
}

impl Recovery {
    pub fn new(dir: Option<PathBuf>) -> Self {
        Self {
            dir,
            last_autosave: Instant::now(),
            autosaved_revision: 1,
        }
    }

    /// The recovery file and its companion.
    fn files(&self) -> Option<(PathBuf, PathBuf)> {
        let dir = self.dir.as_ref()?;
        Some((dir.join("recovery.ron"), dir.join("recovery-info.ron")))
    }

    /// A document just opened or made: nothing of it to recover yet.
    pub fn opened(&mut self, doc: &Document) {
        self.autosaved_revision = doc.revision();
    }

    /// Work left by a session that did not end well, with the file it came from; `None`
    /// when there is none.
    pub fn read(&self) -> Option<Result<(Project, Option<PathBuf>), String>> {
        let (file, info) = self.files()?;
        if !file.exists() {
            return None;
        }
        Some(match tio::load(&file) {
            Ok(project) => {
                let original = std::fs::read_to_string(&info)
                    .ok()
                    .and_then(|t| ron::from_str::<RecoveryInfo>(&t).ok())
                    .and_then(|i| i.original);
                Ok((project, original))
            }
            Err(e) => Err(format!("A recovery file could not be read: {e}")),
        })
    }

    /// Writes the recovery file when unsaved work is older than [`AUTOSAVE_EVERY`], and
    /// otherwise asks for a frame when it will be: an idle window draws no frames. False
    /// when it could not be written.
    pub fn autosave(&mut self, ctx: &egui::Context, doc: &Document) -> bool {
        if !doc.is_dirty() || doc.revision() == self.autosaved_revision {
            return true;
        }
        match AUTOSAVE_EVERY.checked_sub(self.last_autosave.elapsed()) {
            Some(wait) if !wait.is_zero() => {
                ctx.request_repaint_after(wait);
                true
            }
            _ => self.write(doc),
        }
    }

    /// Writes unsaved work to the recovery file now; false when it could not be written.
    pub fn write(&mut self, doc: &Document) -> bool {
        let Some((file, info)) = self.files() else {
            return true;
        };
        self.last_autosave = Instant::now();
        self.autosaved_revision = doc.revision();
        if let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let meta = ron::to_string(&RecoveryInfo {
            original: doc.path.clone(),
        });
        let text = tio::to_canonical_string(&doc.project);
        // An empty recovery file would be worse than none: nothing is written then.
        let (Ok(meta), Ok(text)) = (meta, text) else {
            return false;
        };
        tio::write_atomic(&info, meta.as_bytes(), false).is_ok()
            && tio::write_atomic(&file, text.as_bytes(), false).is_ok()
    }

    /// Removes the recovery file (the work was saved or discarded).
    pub fn remove(&self) {
        if let Some((file, info)) = self.files() {
            let _ = std::fs::remove_file(file);
            let _ = std::fs::remove_file(info);
        }
    }
}
