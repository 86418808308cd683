//! Files and recovery: the unsaved-changes guard, opening, saving, recent files, the recovery file written every few seconds, the window title.

use super::*;
use crate::gui::action::{Actions, AppAction};

impl ThreatboardApp {
    pub(super) fn guard(&mut self, pending: Pending) {
        if self.doc.is_dirty() {
            self.modal = Some(Modal::Unsaved(pending));
        } else {
            self.proceed(pending);
        }
    }

    pub(super) fn proceed(&mut self, pending: Pending) {
        match pending {
            Pending::New => {
                self.replace_document(Document::new(Project::new("Untitled threat model"), None));
                self.status = "New project".into();
            }
            Pending::Open(Some(path)) => self.open_path(&path),
            Pending::Open(None) => self.open_dialog(),
            Pending::Import => self.import_dialog(),
            Pending::Quit => {
                self.allow_close = true;
                self.remove_recovery();
                self.close_requested = true;
            }
        }
    }

    pub(super) fn replace_document(&mut self, doc: Document) {
        self.diagram = doc.project.diagrams[0].id.clone();
        self.doc = doc;
        self.selection = Selection::default();
        self.tool = Tool::Select;
        self.canvas = Canvas::default();
        self.analysis = None;
        self.autosaved_revision = self.doc.revision();
        self.load_project_catalogue();
    }

    pub(super) fn load_project_catalogue(&mut self) {
        let base = match Catalogue::builtin() {
            Ok(c) => c,
            Err(e) => {
                self.rules_error = Some(format!(
                    "The built-in rules could not be read, so no threats are generated: {e}"
                ));
                self.catalogue = Catalogue::default();
                self.analysis = None;
                return;
            }
        };
        let sources = tio::rules::RuleSources {
            trusted: &self.prefs.trusted_folders,
            ..Default::default()
        };
        self.analysis = None;
        self.rules_error = None;
        self.catalogue = match tio::rules::catalogue_for(
            &self.doc.project,
            self.doc.path.as_deref(),
            &sources,
        ) {
            Ok(c) => c,
            Err(e) => {
                self.status = format!("Custom rules not loaded: {e}");
                self.rules_error = Some(e.to_string());
                base
            }
        };
    }

    pub fn open_path(&mut self, path: &Path) {
        match tio::load(path) {
            Ok(project) => {
                self.replace_document(Document::new(project, Some(path.to_owned())));
                self.remember_recent(path);
                self.status = format!("Opened {}", self.doc.display_name());
            }
            // Another tool's model opened (or dropped on the window): import it.
            Err(_) if tio::import::is_importable(path) => self.import_model(path),
            Err(e) => {
                self.modal = Some(Modal::Error {
                    title: format!(
                        "Cannot open {}",
                        path.file_name().map_or_else(
                            || path.display().to_string(),
                            |n| n.to_string_lossy().into_owned()
                        )
                    ),
                    message: e.to_string(),
                });
            }
        }
    }

    pub(super) fn remember_recent(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_owned());
        self.prefs.recent.retain(|p| p != &path);
        self.prefs.recent.insert(0, path);
        self.prefs.recent.truncate(RECENT_MAX);
    }

    pub(super) fn open_dialog(&mut self) {
        if !self.options.native_dialogs {
            self.modal = Some(Modal::Path {
                mode: PathMode::Open,
                text: String::new(),
                note: String::new(),
            });
            return;
        }
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .add_filter("Threatboard project", &["ron"])
            .set_title("Open threat model")
            .pick_file();
        match picked {
            Some(path) => self.open_path(&path),
            None if started.elapsed() < Duration::from_millis(300) => {
                // No answer at all: there is no file chooser on this desktop.
                self.modal = Some(Modal::Path {
                    mode: PathMode::Open,
                    text: String::new(),
                    note: "No file chooser is available on this desktop; type the path instead."
                        .into(),
                });
            }
            None => {}
        }
    }

    pub fn save(&mut self) -> bool {
        match self.doc.path.clone() {
            Some(path) => self.save_to(&path),
            None => {
                self.save_as();
                false
            }
        }
    }

    pub(super) fn save_to(&mut self, path: &Path) -> bool {
        match tio::save(path, &self.doc.project) {
            Ok(()) => {
                self.doc.mark_saved(path.to_owned());
                self.remember_recent(path);
                self.remove_recovery();
                self.status = format!("Saved {}", self.doc.display_name());
                true
            }
            Err(e) => {
                self.modal = Some(Modal::Error {
                    title: "The project was not saved".into(),
                    message: format!(
                        "{e}\n\nYour changes are still open here; the previous file is unchanged."
                    ),
                });
                false
            }
        }
    }

    pub(super) fn save_as(&mut self) {
        let suggested = self
            .doc
            .path
            .as_ref()
            .and_then(|p| p.to_str())
            .map(str::to_owned)
            .unwrap_or_else(|| "threat-model.ron".into());
        if !self.options.native_dialogs {
            self.modal = Some(Modal::Path {
                mode: PathMode::SaveAs,
                text: suggested,
                note: String::new(),
            });
            return;
        }
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .add_filter("Threatboard project", &["ron"])
            .set_title("Save threat model")
            .set_file_name(self.doc.display_name())
            .save_file();
        match picked {
            Some(path) => {
                let path = if path.extension().is_none() {
                    path.with_extension("ron")
                } else {
                    path
                };
                self.save_to(&path);
            }
            None if started.elapsed() < Duration::from_millis(300) => {
                self.modal = Some(Modal::Path {
                    mode: PathMode::SaveAs,
                    text: suggested,
                    note: "No file chooser is available on this desktop; type the path instead."
                        .into(),
                });
            }
            None => {}
        }
    }

    pub(super) fn recovery_files(&self) -> Option<(PathBuf, PathBuf)> {
        let dir = self.recovery_dir.as_ref()?;
        Some((dir.join("recovery.ron"), dir.join("recovery-info.ron")))
    }

    pub(super) fn check_recovery(&mut self) {
        let Some((file, info)) = self.recovery_files() else {
            return;
        };
        if !file.exists() {
            return;
        }
        match tio::load(&file) {
            Ok(project) => {
                let original = std::fs::read_to_string(&info)
                    .ok()
                    .and_then(|t| ron::from_str::<RecoveryInfo>(&t).ok())
                    .and_then(|i| i.original);
                self.modal = Some(Modal::Recovery {
                    project: Box::new(project),
                    original,
                });
            }
            Err(e) => self.status = format!("A recovery file could not be read: {e}"),
        }
    }

    /// Writes the recovery file when unsaved work is older than [`AUTOSAVE_EVERY`], and
    /// otherwise asks for a frame when it will be: an idle window draws no frames.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        if !self.doc.is_dirty() || self.doc.revision() == self.autosaved_revision {
            return;
        }
        match AUTOSAVE_EVERY.checked_sub(self.last_autosave.elapsed()) {
            Some(wait) if !wait.is_zero() => ctx.request_repaint_after(wait),
            _ => self.write_recovery(),
        }
    }

    /// Writes unsaved work to the recovery file now.
    pub fn write_recovery(&mut self) {
        let Some((file, info)) = self.recovery_files() else {
            return;
        };
        self.last_autosave = Instant::now();
        self.autosaved_revision = self.doc.revision();
        if let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let meta = ron::to_string(&RecoveryInfo {
            original: self.doc.path.clone(),
        });
        let text = tio::to_canonical_string(&self.doc.project);
        // An empty recovery file would be worse than none: nothing is written then.
        let (Ok(meta), Ok(text)) = (meta, text) else {
            self.status = "Could not write the recovery file".into();
            return;
        };
        if tio::write_atomic(&info, meta.as_bytes(), false).is_err()
            || tio::write_atomic(&file, text.as_bytes(), false).is_err()
        {
            self.status = "Could not write the recovery file".into();
        }
    }

    pub(super) fn remove_recovery(&mut self) {
        if let Some((file, info)) = self.recovery_files() {
            let _ = std::fs::remove_file(file);
            let _ = std::fs::remove_file(info);
        }
    }

    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        let title = format!(
            "{}{} — Threatboard",
            if self.doc.is_dirty() { "● " } else { "" },
            self.doc.display_name()
        );
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    pub fn window_title(&self) -> &str {
        &self.title
    }

    /// Closing the window with unsaved work asks first.
    pub(super) fn close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close {
            if self.doc.is_dirty() {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                self.modal = Some(Modal::Unsaved(Pending::Quit));
            } else {
                self.remove_recovery();
            }
        }
        if self.close_requested {
            self.close_requested = false;
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
    }

    /// Files dropped onto the window: verification results load beside the model;
    /// anything else opens as a model.
    pub(super) fn dropped_files(&mut self, ctx: &egui::Context, actions: &mut Actions) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        let (evidence, models): (Vec<PathBuf>, Vec<PathBuf>) =
            dropped.into_iter().partition(|p| verify::is_evidence(p));
        if !evidence.is_empty() {
            actions.push(AppAction::LoadEvidence(evidence));
        }
        if let Some(path) = models.into_iter().next() {
            actions.push(AppAction::Open(path));
        }
    }
}
