//! The review side of the app: sign-off, "changed since sign-off", comparing the model with
//! its last sign-off, a file or a git revision, and settling merge conflicts.
//!
//! The sub-state `Review` owns the comparison (making it, keeping it up to date) and the
//! sign-off's state per revision; `SignOffForm` makes the record it describes. The app's
//! methods here join them to the tabs, the status line and the dialogs.

use egui::{Color32, Key};

use super::{Document, Modal, RightTab, ThreatboardApp};
use crate::edit::Edit;
use crate::gui::changes::{self, Compare};
use crate::history::{self, Source, merge};

/// The sign-off dialog's fields.
#[derive(Debug)]
pub struct SignOffForm {
    pub reviewer: String,
    pub role: String,
    pub note: String,
    /// An OpenSSH private key to sign with (empty: an unsigned record) …
    pub key: String,
    /// … and its passphrase when it is encrypted (else THREATBOARD_KEY_PASSPHRASE).
    pub passphrase: String,
    /// Why the last attempt to sign failed.
    pub error: Option<String>,
    /// The model's hash and what signing it accepts (`history::accepts`, the sentence
    /// `sign-off` prints and the report states), taken once when the dialog opens (no edit
    /// can happen while it is open).
    hash: String,
    accepts: String,
}

/// What the review keeps between frames: the comparison shown on the canvas and in the
/// Changes tab, and the latest sign-off's state, each worked out once per revision.
#[derive(Default)]
pub(super) struct Review {
    pub compare: Option<Compare>,
    /// Whether the model changed since its sign-off, for the revision it was computed at.
    signoff_state: Option<(u64, Option<bool>)>,
    /// The latest sign-off's signature check, per revision.
    signoff_check: Option<(u64, Option<history::signing::SignatureCheck>)>,
}

impl SignOffForm {
    /// The sign-off record the dialog describes, signed when it names a key.
    fn signed_record(
        &self,
        doc: &Document,
        analysis: &crate::analysis::Analysis,
    ) -> Result<crate::model::SignOff, String> {
        let form = self;
        let key_path = expand_home(form.key.trim());
        let key = match &key_path {
            None => None,
            Some(path) => {
                let typed = form.passphrase.clone();
                Some(
                    history::signing::load_private_key(path, move || {
                        if typed.is_empty() {
                            std::env::var("THREATBOARD_KEY_PASSPHRASE").ok()
                        } else {
                            Some(typed)
                        }
                    })
                    .map_err(|e| e.to_string())?,
                )
            }
        };
        // As `threatboard sign-off` does: a model changed since its signed version gets a
        // new version label before it is signed (the label is part of the hash).
        let relabelled = history::next_version_label(&doc.project).map(|label| {
            let mut p = doc.project.clone();
            p.meta.version_label = label;
            p
        });
        let project = relabelled.as_ref().unwrap_or(&doc.project);
        let mut record = history::sign_off(
            project,
            analysis,
            &form.reviewer,
            &form.role,
            &form.note,
            &crate::report::now_iso(),
        )
        .map_err(|e| e.to_string())?;
        if let (Some(key), Some(path)) = (&key, &key_path) {
            history::signing::sign(&mut record, analysis, key, path).map_err(|e| e.to_string())?;
        }
        Ok(record)
    }
}

impl Review {
    /// Compares with the latest sign-off's copy of the model; why not, when it cannot.
    pub fn compare_with_signoff(
        &mut self,
        project: &crate::model::Project,
        catalogue: &crate::analysis::Catalogue,
    ) -> Result<(), &'static str> {
        let Some(last) = project.signoffs.last() else {
            return Err("The model has not been signed off yet");
        };
        let Some(snapshot) = last.snapshot.as_deref() else {
            return Err(
                "The sign-off kept no copy of the signed model; compare with a file or git revision instead",
            );
        };
        let label = format!(
            "the sign-off by {} ({})",
            last.reviewer,
            crate::report::human_time(&last.at)
        );
        self.compare = Some(Compare::new(label, snapshot.clone(), catalogue));
        Ok(())
    }

    /// Brings the comparison up to date with the project at revision `rev` and its
    /// analysis; gives the keys of the threats new since the compared version.
    pub fn refresh(
        &mut self,
        project: &crate::model::Project,
        analysis: &crate::analysis::Analysis,
        rev: u64,
    ) -> Option<std::sync::Arc<std::collections::BTreeSet<String>>> {
        let c = self.compare.as_mut()?;
        c.refresh(project, analysis, rev);
        Some(c.new_keys.clone())
    }

    /// Compares with a file, or `git:REV:PATH` read in the project's folder.
    pub fn compare_with(
        &mut self,
        text: &str,
        doc: &Document,
        catalogue: &crate::analysis::Catalogue,
    ) -> Result<(), String> {
        let source = Source::parse(text.trim());
        let dir = doc.path.as_deref().and_then(std::path::Path::parent);
        let base = source.load_in(dir).map_err(|e| e.to_string())?;
        self.compare = Some(Compare::new(source.display(), base, catalogue));
        Ok(())
    }

    /// Whether the model changed since its latest sign-off (`None`: never signed), computed
    /// once per revision.
    pub fn changed_since_signoff(&mut self, doc: &Document) -> Option<bool> {
        let rev = doc.revision();
        if let Some((r, state)) = self.signoff_state {
            if r == rev {
                return state;
            }
        }
        let state = history::changed_since_signoff(&doc.project);
        self.signoff_state = Some((rev, state));
        state
    }

    /// What the latest sign-off's signature is worth (no allowed_signers file in the app:
    /// signed, unsigned or invalid), computed once per revision.
    pub fn signoff_signature(
        &mut self,
        doc: &Document,
    ) -> Option<history::signing::SignatureCheck> {
        let rev = doc.revision();
        if let Some((r, check)) = &self.signoff_check {
            if *r == rev {
                return check.clone();
            }
        }
        let check = doc
            .project
            .signoffs
            .last()
            .map(|s| history::signing::check_record(s, None));
        self.signoff_check = Some((rev, check.clone()));
        check
    }
}

impl ThreatboardApp {
    /// The comparison being shown, if any.
    pub fn comparison(&self) -> Option<&Compare> {
        self.review.compare.as_ref()
    }

    /// Whether the model changed since its latest sign-off (`None`: never signed), computed
    /// once per revision.
    pub fn changed_since_signoff(&mut self) -> Option<bool> {
        self.review.changed_since_signoff(&self.doc)
    }

    /// What the latest sign-off's signature is worth (no allowed_signers file in the app:
    /// signed, unsigned or invalid), computed once per revision.
    pub fn signoff_signature(&mut self) -> Option<history::signing::SignatureCheck> {
        self.review.signoff_signature(&self.doc)
    }

    /// The status bar's sign-off chip; clicking "changed" shows what changed.
    pub(super) fn signoff_chip(&mut self, ui: &mut egui::Ui) {
        let conflicts = self.doc.project.conflicts.len();
        if conflicts > 0 {
            let chip = ui
                .add(
                    egui::Button::new(
                        egui::RichText::new(format!(
                            "⚠ {}",
                            crate::edit::count(conflicts, "merge conflict", "merge conflicts")
                        ))
                        .color(Color32::WHITE),
                    )
                    .fill(crate::gui::style::severity_color(
                        crate::model::Severity::Critical,
                    )),
                )
                .on_hover_text("A merge left these for you to settle: see Messages");
            if chip.clicked() {
                self.right_tab = RightTab::Messages;
            }
        }
        // Only the names: the record holds a copy of the whole signed model.
        let Some((reviewer, at)) = self
            .doc
            .project
            .signoffs
            .last()
            .map(|s| (s.reviewer.clone(), s.at.clone()))
        else {
            return;
        };
        let who = format!("{reviewer} on {}", crate::report::human_time(&at));
        let check = self.signoff_signature();
        let (signature, short, invalid) = check.as_ref().map_or_else(
            || (String::new(), "", false),
            |c| {
                (
                    c.label(),
                    c.short(),
                    matches!(c, history::signing::SignatureCheck::Invalid { .. }),
                )
            },
        );
        let who = format!("{who} ({signature})");
        match self.changed_since_signoff() {
            Some(true) => {
                let text = if invalid {
                    "⚠ Sign-off signature invalid"
                } else {
                    "Changed since sign-off"
                };
                let chip = ui
                    .add(egui::Button::new(
                        egui::RichText::new(text).color(Color32::BLACK),
                    ).fill(changes::CHANGED))
                    .on_hover_text(format!("Signed off by {who}; the model has changed since. Click to see what changed."));
                if chip.clicked() {
                    self.compare_with_signoff();
                }
            }
            _ => {
                ui.add(egui::Label::new(
                    egui::RichText::new(format!("✔ Signed off by {reviewer} · {short}"))
                        .color(changes::ADDED),
                ))
                .on_hover_text(format!("Signed off by {who}; unchanged since"));
            }
        }
    }

    /// Opens the sign-off dialog, the reviewer's name remembered from last time.
    pub fn start_sign_off(&mut self) {
        if !self.doc.project.conflicts.is_empty() {
            self.status = "Settle the merge conflicts (Messages) before signing off".into();
            self.right_tab = RightTab::Messages;
            return;
        }
        let mut accepts = history::accepts::Accepts::of(self.analysis()).statement();
        if let Some(label) = history::next_version_label(&self.doc.project) {
            accepts.push_str(&format!(
                " The model changed since version {} was signed: it is signed as version {label}.",
                self.doc.project.meta.version_label.trim()
            ));
        }
        self.modal = Some(Modal::SignOff(SignOffForm {
            reviewer: self.prefs.reviewer.clone(),
            role: self.prefs.reviewer_role.clone(),
            note: String::new(),
            key: self.prefs.signing_key.clone(),
            passphrase: String::new(),
            error: None,
            hash: history::model_hash(&self.doc.project).unwrap_or_else(|e| e.to_string()),
            accepts,
        }));
    }

    /// The sign-off dialog; returns whether it stays open.
    pub(super) fn sign_off_modal(&mut self, ctx: &egui::Context, form: &mut SignOffForm) -> bool {
        let mut keep = true;
        let (accepts, hash) = (form.accepts.clone(), form.hash.clone());
        egui::Modal::new(egui::Id::new("sign-off")).show(ctx, |ui| {
            ui.heading("Sign off this model");
            ui.label(accepts);
            ui.label("Records who signed which version, when, and what it accepts. A later change to the model shows as \"changed since sign-off\".");
            ui.weak(format!("Model SHA-256 {hash}"));
            egui::Grid::new("sign-off-form").num_columns(2).show(ui, |ui| {
                let l = ui.label("Reviewer");
                let r = ui
                    .add(egui::TextEdit::singleline(&mut form.reviewer).desired_width(280.0))
                    .labelled_by(l.id);
                if form.reviewer.is_empty() {
                    r.request_focus();
                }
                ui.end_row();
                let l = ui.label("Role");
                ui.add(egui::TextEdit::singleline(&mut form.role).desired_width(280.0))
                    .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("Note");
                ui.add(egui::TextEdit::multiline(&mut form.note).desired_rows(2).desired_width(280.0))
                    .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("SSH key");
                ui.horizontal(|ui| {
                    ui.add(
                        egui::TextEdit::singleline(&mut form.key)
                            .hint_text("optional: ~/.ssh/id_ed25519")
                            .desired_width(200.0),
                    )
                    .labelled_by(l.id)
                    .on_hover_text("Sign the sign-off with this private key, so a CI gate with an allowed_signers file trusts its decisions");
                    if self.options.native_dialogs && ui.button("Browse…").clicked() {
                        let mut dialog = rfd::FileDialog::new().set_title("SSH private key");
                        if let Some(home) = std::env::var_os("HOME") {
                            dialog = dialog.set_directory(std::path::Path::new(&home).join(".ssh"));
                        }
                        if let Some(picked) = dialog.pick_file() {
                            form.key = picked.display().to_string();
                        }
                    }
                });
                ui.end_row();
                if !form.key.trim().is_empty() {
                    let l = ui.label("Passphrase");
                    ui.add(
                        egui::TextEdit::singleline(&mut form.passphrase)
                            .password(true)
                            .hint_text("if the key has one")
                            .desired_width(280.0),
                    )
                    .labelled_by(l.id);
                    ui.end_row();
                }
            });
            if let Some(e) = &form.error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            ui.horizontal(|ui| {
                let ready = !form.reviewer.trim().is_empty();
                if ui.add_enabled(ready, egui::Button::new("Sign off")).clicked() {
                    let analysis = self.shared_analysis();
                    match form.signed_record(&self.doc, &analysis) {
                        Ok(record) => {
                            keep = false;
                            self.prefs.reviewer = form.reviewer.trim().to_owned();
                            self.prefs.reviewer_role = form.role.trim().to_owned();
                            self.prefs.signing_key = form.key.trim().to_owned();
                            let label = record.version_label.clone();
                            let list = history::with_signoff(&self.doc.project, record);
                            // The new version label (when one was derived) and the record
                            // are one step: the record's hash covers the label.
                            if label != self.doc.project.meta.version_label.trim() {
                                let mut meta = self.doc.project.meta.clone();
                                meta.version_label = label;
                                self.apply(Edit::Batch(vec![
                                    Edit::SetMeta(Box::new(meta)),
                                    Edit::SetSignOffs(list),
                                ]));
                            } else {
                                self.apply(Edit::SetSignOffs(list));
                            }
                            self.review.compare = None;
                        }
                        Err(e) => form.error = Some(e),
                    }
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                    keep = false;
                }
            });
        });
        keep
    }

    /// Shows what changed since the latest sign-off.
    pub fn compare_with_signoff(&mut self) {
        match self
            .review
            .compare_with_signoff(&self.doc.project, &self.analysed.catalogue)
        {
            Ok(()) => self.right_tab = RightTab::Changes,
            Err(why) => self.status = why.into(),
        }
    }

    /// Compares with a file, or `git:REV:PATH` read in the project's folder.
    pub fn compare_with(&mut self, text: &str) {
        match self
            .review
            .compare_with(text, &self.doc, &self.analysed.catalogue)
        {
            Ok(()) => self.right_tab = RightTab::Changes,
            Err(message) => {
                self.modal = Some(Modal::Error {
                    title: "Cannot compare".into(),
                    message,
                });
            }
        }
    }

    /// Brings the comparison up to date with the project.
    pub(super) fn refresh_compare(&mut self) {
        if self.review.compare.is_none() {
            return;
        }
        let rev = self.doc.revision();
        self.analysis();
        let keys = self
            .analysed
            .last()
            .and_then(|(_, a)| self.review.refresh(&self.doc.project, a, rev))
            .or_else(|| self.review.compare.as_ref().map(|c| c.new_keys.clone()));
        // The threats pane's "new since" filter follows the comparison.
        if self.threats.filters.only_new.is_some() {
            self.threats.filters.only_new = keys;
        }
    }

    /// Settles merge conflict `index` on one side, as one undoable step.
    pub fn resolve_conflict(&mut self, index: usize, side: merge::Side) {
        let Some(c) = self.doc.project.conflicts.get(index) else {
            return;
        };
        let what = format!(
            "kept {} for {}",
            match side {
                merge::Side::Ours => "ours",
                merge::Side::Theirs => "theirs",
            },
            c.describe().split(':').next().unwrap_or_default()
        );
        match merge::resolve(&self.doc.project, index, side) {
            Ok(project) => self.apply(Edit::ReplaceProject {
                project: Box::new(project),
                what,
            }),
            Err(e) => {
                self.modal = Some(Modal::Error {
                    title: "The conflict could not be settled this way".into(),
                    message: e.to_string(),
                });
            }
        }
    }
}

/// A typed key path with `~/` taken as the home folder; `None` when empty.
fn expand_home(typed: &str) -> Option<std::path::PathBuf> {
    if typed.is_empty() {
        return None;
    }
    match (typed.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => Some(std::path::Path::new(&home).join(rest)),
        _ => Some(std::path::PathBuf::from(typed)),
    }
}
