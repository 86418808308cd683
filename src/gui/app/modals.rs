//! The modal dialogs (facilitator, justification, unsaved changes, paths, errors, recovery, sign-off…), and where the command palette (`palette.rs`) is shown.

use super::*;
use crate::gui::action::{Actions, AppAction};
use palette::PaletteOutcome;

impl ThreatboardApp {
    /// The open dialog, if any. What it confirms that the queue knows how to do goes into
    /// `actions` (applied once it has drawn); file operations and preferences it does
    /// itself.
    pub(super) fn modal_ui(&mut self, ctx: &egui::Context, actions: &mut Actions) {
        let Some(modal) = self.modal.take() else {
            return;
        };
        let mut keep = true;
        let mut then: Option<Pending> = None;
        let name = self.doc.display_name();
        let mut next_modal: Option<Modal> = None;
        let modal = match modal {
            Modal::Facilitator { mut text } => {
                egui::Modal::new(egui::Id::new("facilitator")).show(ctx, |ui| {
                    ui.heading("Who is facilitating?");
                    ui.label("Decisions recorded in the workshop carry this name and the time. It is asked once.");
                    let l = ui.label("Facilitator");
                    let r = ui.add(egui::TextEdit::singleline(&mut text).desired_width(300.0)).labelled_by(l.id);
                    r.request_focus();
                    ui.horizontal(|ui| {
                        let go = ui.add_enabled(!text.trim().is_empty(), egui::Button::new("Start")).clicked()
                            || (ui.input(|i| i.key_pressed(Key::Enter)) && !text.trim().is_empty());
                        if go {
                            keep = false;
                            self.prefs.facilitator = text.trim().to_owned();
                            actions.push(AppAction::Run(Command::Present));
                        }
                        if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                            keep = false;
                        }
                    });
                });
                Modal::Facilitator { text }
            }
            Modal::Summary { session } => {
                let analysis = self.shared_analysis();
                let project = self.doc.project.clone();
                egui::Modal::new(egui::Id::new("summary")).show(ctx, |ui| {
                    ui.heading("Workshop summary");
                    if let Some(s) = project.sessions.get(session) {
                        let decided = crate::report::session_decisions(&project, &analysis, s);
                        ui.label(format!(
                            "{}, facilitated by {}",
                            crate::report::human_span(&s.started, &s.ended),
                            s.facilitator
                        ));
                        if !s.participants.is_empty() {
                            ui.label(format!("Participants: {}", s.participants.join(", ")));
                        }
                        ui.label(format!(
                            "{} recorded; {}.",
                            crate::edit::count(decided.len(), "decision", "decisions"),
                            crate::report::still_open(&analysis)
                        ));
                        egui::ScrollArea::vertical()
                            .max_height(260.0)
                            .show(ui, |ui| {
                                for f in decided {
                                    ui.label(format!(
                                        "{} — {} ({})",
                                        f.status().label(),
                                        f.title,
                                        f.subject_name()
                                    ));
                                }
                            });
                    }
                    ui.horizontal(|ui| {
                        if ui.button("Export as Markdown…").clicked() {
                            keep = false;
                            actions.push(AppAction::Run(Command::ExportAs(ExportKind::Session)));
                        }
                        if ui.button("Close").clicked() || ui.input(|i| i.key_pressed(Key::Escape))
                        {
                            keep = false;
                        }
                    });
                });
                Modal::Summary { session }
            }
            Modal::Justification {
                key,
                status,
                mut text,
            } => {
                egui::Modal::new(egui::Id::new("justification")).show(ctx, |ui| {
                    ui.heading(format!("Why is this threat {}?", status.label().to_lowercase()));
                    ui.label("Accepting a risk or marking a threat not applicable needs a justification a reviewer can read.");
                    let l = ui.label("Reason for the decision");
                    // Enter saves, as in any dialog; Shift+Enter starts a new line.
                    let r = ui
                        .add(
                            egui::TextEdit::multiline(&mut text)
                                .desired_rows(3)
                                .desired_width(420.0)
                                .return_key(Some(egui::KeyboardShortcut::new(Modifiers::SHIFT, Key::Enter))),
                        )
                        .labelled_by(l.id);
                    r.request_focus();
                    ui.weak("Enter saves · Shift+Enter for a new line");
                    let enter = ui.input(|i| i.key_pressed(Key::Enter) && !i.modifiers.shift);
                    ui.horizontal(|ui| {
                        let ok = !text.trim().is_empty();
                        if ui.add_enabled(ok, egui::Button::new("Save")).clicked() || (ok && enter) {
                            keep = false;
                            let finding = self.analysis().findings.iter().find(|f| f.key == key).cloned();
                            if let Some(f) = finding {
                                let record = ThreatRecord { status, justification: text.trim().to_owned(), ..(*f.record).clone() };
                                if let Some(edit) = threats::record_edit(&self.doc.project, &f, record) {
                                    actions.push(AppAction::Apply(self.stamp_decision(edit)));
                                }
                            }
                        }
                        if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                            keep = false;
                        }
                    });
                });
                Modal::Justification { key, status, text }
            }
            Modal::ConfirmDelete { records } => {
                egui::Modal::new(egui::Id::new("confirm-delete")).show(ctx, |ui| {
                    ui.heading("Delete items with recorded decisions?");
                    ui.label(format!(
                        "The selection has {}. They are kept as orphaned decisions (see Messages) and come back with Undo.",
                        crate::edit::count(records, "recorded threat decision", "recorded threat decisions")
                    ));
                    ui.horizontal(|ui| {
                        if ui.button("Delete").clicked() {
                            keep = false;
                            actions.push(AppAction::DeleteSelection);
                        }
                        if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                            keep = false;
                        }
                    });
                });
                Modal::ConfirmDelete { records }
            }
            Modal::Unsaved(pending) => {
                egui::Modal::new(egui::Id::new("unsaved")).show(ctx, |ui| {
                    ui.heading("Unsaved changes");
                    ui.label(format!("Save the changes to {name} before closing it?"));
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            keep = false;
                            if self.save() {
                                then = Some(pending.clone());
                            }
                        }
                        if ui.button("Don't save").clicked() {
                            keep = false;
                            self.remove_recovery();
                            self.doc.mark_clean();
                            then = Some(pending.clone());
                        }
                        if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape))
                        {
                            keep = false;
                        }
                    });
                });
                Modal::Unsaved(pending)
            }
            Modal::RenameDiagram { id, mut text } => {
                egui::Modal::new(egui::Id::new("rename-diagram")).show(ctx, |ui| {
                    ui.heading("Rename diagram");
                    let l = ui.label("Name");
                    let r = ui
                        .add(egui::TextEdit::singleline(&mut text).desired_width(300.0))
                        .labelled_by(l.id);
                    r.request_focus();
                    ui.horizontal(|ui| {
                        let ok = !text.trim().is_empty();
                        if ui.add_enabled(ok, egui::Button::new("Rename")).clicked()
                            || (ok && ui.input(|i| i.key_pressed(Key::Enter)))
                        {
                            keep = false;
                            actions.push(AppAction::Apply(Edit::RenameDiagram {
                                id: id.clone(),
                                name: text.trim().to_owned(),
                            }));
                        }
                        if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape))
                        {
                            keep = false;
                        }
                    });
                });
                Modal::RenameDiagram { id, text }
            }
            Modal::SignOff(mut form) => {
                keep = self.sign_off_modal(ctx, &mut form);
                Modal::SignOff(form)
            }
            Modal::Error { title, message } => {
                egui::Modal::new(egui::Id::new("error")).show(ctx, |ui| {
                    ui.heading(&title);
                    ui.add(egui::Label::new(egui::RichText::new(&message).monospace()).wrap());
                    if ui.button("OK").clicked()
                        || ui.input(|i| i.key_pressed(Key::Enter) || i.key_pressed(Key::Escape))
                    {
                        keep = false;
                    }
                });
                Modal::Error { title, message }
            }
            Modal::Notice { title, message } => {
                egui::Modal::new(egui::Id::new("notice")).show(ctx, |ui| {
                    ui.heading(format!("✔ {title}"));
                    ui.add(egui::Label::new(&message).wrap());
                    if ui.button("OK").clicked()
                        || ui.input(|i| i.key_pressed(Key::Enter) || i.key_pressed(Key::Escape))
                    {
                        keep = false;
                    }
                });
                Modal::Notice { title, message }
            }
            Modal::Path {
                mode,
                mut text,
                note,
            } => {
                egui::Modal::new(egui::Id::new("path")).show(ctx, |ui| {
                    ui.heading(match mode {
                        PathMode::Open => "Open a project by path",
                        PathMode::SaveAs => "Save the project as",
                        PathMode::ExportPdf => "Export the PDF report to",
                        PathMode::Import => {
                            "Import a Threat Dragon, Threat Modeling Tool or OTM model"
                        }
                        PathMode::Export(_) => "Export to",
                        PathMode::Compare => "Compare the model with",
                        PathMode::Evidence => "Load verification results from",
                        PathMode::Library => "Add the building-block library",
                    });
                    if !note.is_empty() {
                        ui.label(&note);
                    }
                    let label = ui.label("File path");
                    let r = ui
                        .add(egui::TextEdit::singleline(&mut text).desired_width(420.0))
                        .labelled_by(label.id);
                    r.request_focus();
                    ui.horizontal(|ui| {
                        let go = ui
                            .button(match mode {
                                PathMode::Open => "Open",
                                PathMode::SaveAs => "Save",
                                PathMode::Import => "Import",
                                PathMode::ExportPdf | PathMode::Export(_) => "Export",
                                PathMode::Compare => "Compare",
                                PathMode::Evidence => "Load",
                                PathMode::Library => "Add",
                            })
                            .clicked()
                            || ui.input(|i| i.key_pressed(Key::Enter));
                        if go && !text.trim().is_empty() {
                            keep = false;
                            let path = PathBuf::from(text.trim());
                            match mode {
                                PathMode::Open => self.open_path(&path),
                                PathMode::SaveAs => {
                                    let path = if path.extension().is_none() {
                                        path.with_extension("ron")
                                    } else {
                                        path
                                    };
                                    self.save_to(&path);
                                }
                                PathMode::ExportPdf => {
                                    let path = if path.extension().is_none() {
                                        path.with_extension("pdf")
                                    } else {
                                        path
                                    };
                                    self.start_export(path);
                                }
                                PathMode::Import => self.import_model(&path),
                                PathMode::Export(kind) => self.export_as(kind, path),
                                PathMode::Compare => self.compare_with(text.trim()),
                                PathMode::Evidence => self.load_evidence(&[path]),
                                PathMode::Library => {
                                    if let Some(project) = self.doc.path.clone() {
                                        self.add_library(&project, &path);
                                    }
                                }
                            }
                        }
                        if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape))
                        {
                            keep = false;
                        }
                    });
                });
                Modal::Path { mode, text, note }
            }
            Modal::TrustedFolders { mut text } => {
                egui::Modal::new(egui::Id::new("trusted-folders")).show(ctx, |ui| {
                    ui.heading("Trusted folders");
                    ui.label(
                        "A project may name files (its custom rule catalogue) only inside its own folder, \
                         so that opening someone else's model cannot read your files. \
                         Files in these folders may be named too. One folder per line.",
                    );
                    let label = ui.label("Folders");
                    ui.add(
                        egui::TextEdit::multiline(&mut text)
                            .desired_rows(4)
                            .desired_width(460.0),
                    )
                    .labelled_by(label.id);
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            keep = false;
                            self.prefs.trusted_folders = text
                                .lines()
                                .map(str::trim)
                                .filter(|l| !l.is_empty())
                                .map(PathBuf::from)
                                .collect();
                            self.load_project_catalogue();
                            if self.analysed.rules_error.is_none() {
                                self.status = "Trusted folders saved".into();
                            }
                        }
                        if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape))
                        {
                            keep = false;
                        }
                    });
                });
                Modal::TrustedFolders { text }
            }
            Modal::Recovery { project, original } => {
                egui::Modal::new(egui::Id::new("recovery")).show(ctx, |ui| {
                    ui.heading("Recover unsaved work?");
                    ui.label(format!(
                        "Threatboard closed without saving changes to {}. Restore them?",
                        original.as_ref().map_or_else(
                            || "a new project".to_owned(),
                            |p| p.display().to_string()
                        )
                    ));
                    ui.horizontal(|ui| {
                        if ui.button("Restore").clicked() {
                            keep = false;
                            let mut doc = Document::new((*project).clone(), original.clone());
                            doc.mark_dirty();
                            self.replace_document(doc);
                            self.status = "Restored unsaved work; save it to keep it".into();
                        }
                        if ui.button("Discard").clicked() {
                            keep = false;
                            self.remove_recovery();
                        }
                    });
                });
                Modal::Recovery { project, original }
            }
        };
        if keep && self.modal.is_none() {
            self.modal = Some(modal);
        } else if let Some(m) = next_modal.take() {
            self.modal = Some(m);
        }
        if let Some(p) = then {
            self.proceed(p);
        }
    }

    pub(super) fn command_palette(&mut self, ctx: &egui::Context, actions: &mut Actions) {
        let Some(mut palette) = self.palette.take() else {
            return;
        };
        match palette.show(ctx) {
            PaletteOutcome::Run(c) => actions.push(AppAction::Run(c)),
            PaletteOutcome::Closed => {}
            PaletteOutcome::Open => self.palette = Some(palette),
        }
    }
}
