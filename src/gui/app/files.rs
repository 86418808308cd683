//! Files: the unsaved-changes guard, opening, saving, recent files, files dropped on the window; and what the app does with the recovery file (`recovery.rs`) and the window (`window.rs`).

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
                self.remove_recovery();
                self.window.close();
            }
        }
    }

    pub(super) fn replace_document(&mut self, doc: Document) {
        self.diagram = doc.project.diagrams[0].id.clone();
        self.doc = doc;
        self.selection = Selection::default();
        self.tool = Tool::Select;
        self.canvas = Canvas::default();
        self.analysed.forget();
        self.recovery.opened(&self.doc);
        self.load_project_catalogue();
    }

    pub(super) fn load_project_catalogue(&mut self) {
        if let Some(message) = self
            .analysed
            .load_for(&self.doc, &self.prefs.trusted_folders)
        {
            self.status = message;
        }
    }

    pub fn open_path(&mut self, path: &Path) {
        match tio::load(path) {
            Ok(project) => {
                self.replace_document(Document::new(project, Some(path.to_owned())));
                self.prefs.remember_recent(path);
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

    pub(super) fn open_dialog(&mut self) {
        let picked = self.pick_path(PathMode::Open, String::new(), || {
            rfd::FileDialog::new()
                .add_filter("Threatboard project", &["ron"])
                .set_title("Open threat model")
                .pick_file()
        });
        if let Some(path) = picked {
            self.open_path(&path);
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
                self.prefs.remember_recent(path);
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
        let name = self.doc.display_name();
        let picked = self.pick_path(PathMode::SaveAs, suggested, || {
            rfd::FileDialog::new()
                .add_filter("Threatboard project", &["ron"])
                .set_title("Save threat model")
                .set_file_name(name)
                .save_file()
        });
        if let Some(path) = picked {
            let path = if path.extension().is_none() {
                path.with_extension("ron")
            } else {
                path
            };
            self.save_to(&path);
        }
    }

    /// Offers back the work a session that did not end well left in the recovery file.
    pub(super) fn check_recovery(&mut self) {
        match self.recovery.read() {
            Some(Ok((project, original))) => {
                self.modal = Some(Modal::Recovery {
                    project: Box::new(project),
                    original,
                });
            }
            Some(Err(message)) => self.status = message,
            None => {}
        }
    }

    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        if !self.recovery.autosave(ctx, &self.doc) {
            self.status = "Could not write the recovery file".into();
        }
    }

    /// Writes unsaved work to the recovery file now.
    pub fn write_recovery(&mut self) {
        if !self.recovery.write(&self.doc) {
            self.status = "Could not write the recovery file".into();
        }
    }

    pub(super) fn remove_recovery(&mut self) {
        self.recovery.remove();
    }

    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        self.window.update_title(ctx, &self.doc);
    }

    pub fn window_title(&self) -> &str {
        self.window.title()
    }

    /// Closing the window with unsaved work asks first.
    pub(super) fn close_request(&mut self, ctx: &egui::Context) {
        if self.window.close_asked(ctx) {
            if self.doc.is_dirty() {
                ctx.send_viewport_cmd(ViewportCommand::CancelClose);
                self.modal = Some(Modal::Unsaved(Pending::Quit));
            } else {
                self.remove_recovery();
            }
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
