//! Commands and where they are reached: running a command, keyboard shortcuts, the menu bar, the tool palette, diagram tabs and their menu.

use super::*;
use crate::gui::action::{Actions, AppAction};

impl ThreatboardApp {
    /// Runs a command from a menu, a shortcut or the palette.
    pub fn run(&mut self, command: Command, ctx: &egui::Context) {
        let shift = ctx.input(|i| i.modifiers.shift);
        let step = if shift { 10.0 } else { 1.0 };
        match command {
            Command::New => self.guard(Pending::New),
            Command::Open => self.guard(Pending::Open(None)),
            Command::OpenPath => {
                self.modal = Some(Modal::Path {
                    mode: PathMode::Open,
                    text: String::new(),
                    note: String::new(),
                })
            }
            Command::Save => {
                self.save();
            }
            Command::SaveAs => self.save_as(),
            Command::ExportPdf => self.export_dialog(),
            Command::Quit => self.guard(Pending::Quit),
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::Copy => self.copy(),
            Command::Cut => {
                self.copy();
                self.request_delete();
            }
            Command::Paste => self.paste(),
            Command::Duplicate => {
                self.copy();
                self.paste();
            }
            Command::Delete => self.request_delete(),
            Command::SelectAll => self.select_all(),
            Command::Rename => {
                if let Some(item) = self.selection.0.iter().next().cloned() {
                    self.canvas.start_rename(item, &self.doc.project);
                }
            }
            Command::Escape => {
                if self.palette.take().is_some() || self.canvas.cancel() {
                } else if self.tool != Tool::Select {
                    self.tool = Tool::Select;
                } else {
                    self.selection = Selection::default();
                }
            }
            Command::ZoomToFit => self.canvas.request_fit(),
            Command::ZoomIn => canvas::zoom_view(ctx, self.canvas_size(ctx), 1.25),
            Command::ZoomOut => canvas::zoom_view(ctx, self.canvas_size(ctx), 0.8),
            Command::ToggleSnap => {
                self.prefs.snap = !self.prefs.snap;
                self.status = format!(
                    "Snap to grid {}",
                    if self.prefs.snap { "on" } else { "off" }
                );
            }
            Command::NewDiagram => self.new_diagram(),
            Command::Present => self.enter_presentation(),
            Command::Import => self.guard(Pending::Import),
            Command::LoadEvidence => self.evidence_dialog(),
            Command::ClearEvidence => self.clear_evidence(),
            Command::AddBlockLibrary => self.add_library_dialog(),
            Command::UpdateBlocks => self.update_blocks(&[]),
            Command::ExportAs(kind) => self.export_dialog_for(kind),
            Command::SetTheme(theme) => self.prefs.theme = theme,
            Command::RenameDiagram
            | Command::DuplicateDiagram
            | Command::MoveDiagramLeft
            | Command::MoveDiagramRight
            | Command::DeleteDiagram => self.diagram_command(command),
            Command::OpenRecent(i) => {
                if let Some(path) = self.prefs.recent.get(usize::from(i)).cloned() {
                    self.guard(Pending::Open(Some(path)));
                }
            }
            Command::SignOff => self.start_sign_off(),
            Command::CompareSignOff => self.compare_with_signoff(),
            Command::CompareWith => {
                let name = self
                    .doc
                    .path
                    .as_deref()
                    .and_then(Path::file_name)
                    .map_or_else(
                        || "model.ron".to_owned(),
                        |n| n.to_string_lossy().into_owned(),
                    );
                self.modal = Some(Modal::Path {
                    mode: PathMode::Compare,
                    text: format!("git:HEAD:./{name}"),
                    note: "A project file, or git:REVISION:PATH (read in the project's folder), e.g. git:main:./model.ron".into(),
                });
            }
            Command::StopCompare => {
                self.review.compare = None;
                self.threats.filters.only_new = None;
                if self.right_tab == RightTab::Changes {
                    self.right_tab = RightTab::Threats;
                }
            }
            Command::TrustedFolders => {
                let text = self
                    .prefs
                    .trusted_folders
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join("\n");
                self.modal = Some(Modal::TrustedFolders { text });
            }
            Command::UiScaleUp => self.prefs.ui_scale = (self.prefs.scale() + 0.25).min(3.0),
            Command::UiScaleDown => self.prefs.ui_scale = (self.prefs.scale() - 0.25).max(0.5),
            Command::CommandPalette => self.palette = Some(Default::default()),
            Command::NudgeLeft => self.nudge(-step, 0.0),
            Command::NudgeRight => self.nudge(step, 0.0),
            Command::NudgeUp => self.nudge(0.0, -step),
            Command::NudgeDown => self.nudge(0.0, step),
            Command::Tool(t) => self.tool = t,
        }
    }

    pub(super) fn canvas_size(&self, ctx: &egui::Context) -> egui::Vec2 {
        self.canvas
            .last_view
            .map_or(ctx.content_rect().size(), |_| {
                ctx.content_rect().size() * 0.6
            })
    }

    /// The keys of the frame: the walkthrough's first when presenting, then the shortcuts.
    pub(super) fn keys(&mut self, ctx: &egui::Context, actions: &mut Actions) {
        if self.walk.is_some() && self.modal.is_none() {
            let analysis = self.shared_analysis();
            if let Some(w) = self.walk.as_mut() {
                w.keys(ctx, &analysis, actions);
            }
        }
        self.shortcuts(ctx, actions);
    }

    fn shortcuts(&mut self, ctx: &egui::Context, actions: &mut Actions) {
        if self.modal.is_some() {
            return;
        }
        // Only a text field takes keys away from the canvas; a focused button does not.
        let typing =
            ctx.text_edit_focused() || self.canvas.rename.is_some() || self.palette.is_some();
        let presenting = self.walk.is_some();
        // Escape closes an open drop-down or menu, and only that.
        let popup_open = egui::Popup::is_any_open(ctx);
        let mut keys: Vec<(Command, egui::KeyboardShortcut)> = Command::all()
            .into_iter()
            .flat_map(|c| c.shortcuts().into_iter().map(move |s| (c, s)))
            .collect();
        // Most specific first: Ctrl+Shift+Z before Ctrl+Z (egui ignores extra Shift).
        keys.sort_by_key(|(_, s)| {
            let m = s.modifiers;
            std::cmp::Reverse(u8::from(m.command) + u8::from(m.shift) + u8::from(m.alt))
        });
        let mut fired = Vec::new();
        ctx.input_mut(|i| {
            for (c, s) in keys {
                if typing && c.is_canvas_key() {
                    continue;
                }
                if (typing || popup_open) && c == Command::Escape {
                    continue;
                }
                // Presenting: the walkthrough owns arrows, letters and Escape.
                if presenting
                    && (matches!(c, Command::Tool(_) | Command::Escape | Command::Present)
                        || c.is_canvas_key() && !matches!(c, Command::Undo | Command::Redo))
                {
                    continue;
                }
                // Plain-key tool shortcuts must not fire with Ctrl held (Ctrl+D, Ctrl+V…).
                if s.modifiers == Modifiers::NONE && (i.modifiers.command || i.modifiers.alt) {
                    continue;
                }
                if i.consume_shortcut(&s) || consume_shifted_digit(i, &s) {
                    fired.push(c);
                }
            }
        });
        actions.extend(fired.into_iter().map(AppAction::Run));
    }

    pub(super) fn menus(&mut self, ui: &mut egui::Ui, actions: &mut Actions) {
        let mut run: Option<Command> = None;
        egui::MenuBar::new().ui(ui, |ui| {
            let item = |ui: &mut egui::Ui, c: Command, enabled: bool, run: &mut Option<Command>| {
                let mut b = egui::Button::new(c.label());
                if let Some(s) = c.shortcut() {
                    b = b.shortcut_text(ui.ctx().format_shortcut(&s));
                }
                if ui.add_enabled(enabled, b).clicked() {
                    *run = Some(c);
                }
            };
            ui.menu_button("File", |ui| {
                item(ui, Command::New, true, &mut run);
                item(ui, Command::Open, true, &mut run);
                item(ui, Command::OpenPath, true, &mut run);
                ui.menu_button("Open recent", |ui| {
                    if self.prefs.recent.is_empty() {
                        ui.weak("No recent files");
                    }
                    for (i, p) in self.prefs.recent.iter().enumerate().take(usize::from(u8::MAX)) {
                        if ui.button(p.display().to_string()).clicked() {
                            run = Some(Command::OpenRecent(i as u8));
                        }
                    }
                });
                ui.separator();
                item(ui, Command::Save, true, &mut run);
                item(ui, Command::SaveAs, true, &mut run);
                ui.separator();
                item(ui, Command::Import, true, &mut run);
                ui.separator();
                item(ui, Command::LoadEvidence, true, &mut run);
                let has_evidence = !self.evidence.files.is_empty();
                item(ui, Command::ClearEvidence, has_evidence, &mut run);
                item(ui, Command::AddBlockLibrary, true, &mut run);
                let updates = !self.block_updates().is_empty();
                item(ui, Command::UpdateBlocks, updates, &mut run);
                ui.separator();
                item(ui, Command::ExportPdf, !self.export.is_running(), &mut run);
                ui.menu_button("Export as", |ui| {
                    for kind in ExportKind::ALL {
                        if ui.button(kind.label()).clicked() {
                            run = Some(Command::ExportAs(kind));
                        }
                    }
                });
                ui.separator();
                item(ui, Command::Quit, true, &mut run);
            });
            ui.menu_button("Edit", |ui| {
                item(ui, Command::Undo, self.doc.can_undo(), &mut run);
                item(ui, Command::Redo, self.doc.can_redo(), &mut run);
                ui.separator();
                let any = !self.selection.is_empty();
                item(ui, Command::Cut, any, &mut run);
                item(ui, Command::Copy, any, &mut run);
                item(ui, Command::Paste, self.clip.has_something(), &mut run);
                item(ui, Command::Duplicate, any, &mut run);
                item(ui, Command::Delete, any, &mut run);
                ui.separator();
                item(ui, Command::SelectAll, true, &mut run);
                item(ui, Command::Rename, any, &mut run);
                ui.separator();
                item(ui, Command::CommandPalette, true, &mut run);
            });
            ui.menu_button("View", |ui| {
                item(ui, Command::ZoomToFit, true, &mut run);
                item(ui, Command::ZoomIn, true, &mut run);
                item(ui, Command::ZoomOut, true, &mut run);
                let mut snap = self.prefs.snap;
                if ui.checkbox(&mut snap, "Snap to grid").clicked() {
                    run = Some(Command::ToggleSnap);
                }
                let mut together = !self.prefs.properties_apart;
                if ui
                    .checkbox(&mut together, "Properties above the threats")
                    .on_hover_text("Show the selection's properties and its threats together, to see a change move the threats")
                    .clicked()
                {
                    self.prefs.properties_apart = !together;
                }
                ui.separator();
                ui.label("Theme");
                if ui
                    .radio(self.prefs.theme.is_none(), "Follow the system")
                    .clicked()
                {
                    run = Some(Command::SetTheme(None));
                }
                for t in Theme::ALL {
                    if ui.radio(self.prefs.theme == Some(t), t.label()).clicked() {
                        run = Some(Command::SetTheme(Some(t)));
                    }
                }
                ui.separator();
                item(ui, Command::UiScaleUp, true, &mut run);
                item(ui, Command::UiScaleDown, true, &mut run);
                ui.separator();
                item(ui, Command::Present, self.walk.is_none(), &mut run);
                ui.separator();
                item(ui, Command::TrustedFolders, true, &mut run);
            });
            ui.menu_button("Review", |ui| {
                item(ui, Command::SignOff, true, &mut run);
                let signed = self
                    .doc
                    .project
                    .signoffs
                    .last()
                    .is_some_and(|s| s.snapshot.is_some());
                item(ui, Command::CompareSignOff, signed, &mut run);
                item(ui, Command::CompareWith, true, &mut run);
                item(ui, Command::StopCompare, self.review.compare.is_some(), &mut run);
                ui.separator();
                // Clicks in the field must not close the menu it is in.
                egui::containers::menu::SubMenuButton::new("Your name…")
                    .config(
                        egui::containers::menu::MenuConfig::new()
                            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside),
                    )
                    .ui(ui, |ui| self.prefs.name_field(ui));
            });
            ui.menu_button("Diagram", |ui| {
                item(ui, Command::NewDiagram, true, &mut run);
                ui.separator();
                let id = self.diagram.clone();
                self.diagram_menu(ui, &id, actions);
            });
        });
        if let Some(c) = run {
            actions.push(AppAction::Run(c));
        }
    }

    pub(super) fn palette_panel(&mut self, ui: &mut egui::Ui, actions: &mut Actions) {
        ui.add_space(4.0);
        ui.strong("Tools");
        for tool in Tool::ALL {
            let selected = self.tool == tool;
            let label = format!("{}  ({})", tool.label(), tool.key().name());
            let id = egui::Id::new(("palette", tool.label()));
            let draggable = matches!(tool, Tool::Element(_) | Tool::Note);
            let button = egui::Button::selectable(selected, label).min_size(egui::vec2(150.0, 0.0));
            let resp = ui.add(button.sense(if draggable {
                egui::Sense::click_and_drag()
            } else {
                egui::Sense::click()
            }));
            // Dragging a kind onto the canvas places it where it is dropped.
            if draggable && resp.drag_started() {
                egui::DragAndDrop::set_payload(ui.ctx(), tool);
            }
            if draggable && resp.dragged() {
                ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
            }
            let _ = id;
            palette_tooltip(&resp, |ui| {
                ui.label(tool.hint());
            });
            if resp.clicked() {
                actions.push(AppAction::SetTool(tool));
            }
        }
        ui.separator();
        self.blocks_palette(ui, actions);
        ui.separator();
        let a = &self.analysis().summary;
        ui.strong("Threats");
        ui.label(format!("{} open of {}", a.open, a.total));
        for sev in Severity::ALL.iter().rev() {
            let n = a.open_of(*sev);
            if n > 0 {
                ui.label(format!("{}: {n}", sev.label()));
            }
        }
        if a.errors + a.warnings > 0 {
            ui.label(format!(
                "{}, {}",
                crate::edit::count(a.errors, "error", "errors"),
                crate::edit::count(a.warnings, "warning", "warnings")
            ));
        }
    }

    pub(super) fn tabs(&mut self, ui: &mut egui::Ui, actions: &mut Actions) {
        ui.horizontal(|ui| {
            let tabs: Vec<(DiagramId, String)> = self
                .doc
                .project
                .diagrams
                .iter()
                .map(|d| (d.id.clone(), d.name.clone()))
                .collect();
            for (id, name) in tabs {
                let r = ui.selectable_label(id == self.diagram, &name);
                if r.clicked() {
                    actions.push(AppAction::SwitchDiagram(id.clone()));
                }
                if r.double_clicked() {
                    // The tab's own diagram, shown first (its click above).
                    actions.push(AppAction::Run(Command::RenameDiagram));
                }
                // Right-click a tab: rename, duplicate, move, delete.
                r.context_menu(|ui| self.diagram_menu(ui, &id, actions));
            }
            if ui.button("+").on_hover_text("New diagram").clicked() {
                actions.push(AppAction::Run(Command::NewDiagram));
            }
        });
    }

    /// Rename, duplicate, move and delete a diagram (the Diagram menu and a tab's context
    /// menu): the commands act on the diagram shown, so a tab's menu shows its diagram
    /// first.
    pub(super) fn diagram_menu(
        &mut self,
        ui: &mut egui::Ui,
        id: &DiagramId,
        actions: &mut Actions,
    ) {
        let count = self.doc.project.diagrams.len();
        let index = self
            .doc
            .project
            .diagrams
            .iter()
            .position(|d| &d.id == id)
            .unwrap_or(0);
        let entries = [
            (Command::RenameDiagram, true, ""),
            (Command::DuplicateDiagram, true, ""),
            (Command::MoveDiagramLeft, index > 0, ""),
            (Command::MoveDiagramRight, index + 1 < count, ""),
            (
                Command::DeleteDiagram,
                count > 1,
                "A project keeps at least one diagram",
            ),
        ];
        for (command, enabled, why_not) in entries {
            let mut r = ui.add_enabled(enabled, egui::Button::new(command.label()));
            if !why_not.is_empty() {
                r = r.on_disabled_hover_text(why_not);
            }
            if r.clicked() {
                actions.push(AppAction::SwitchDiagram(id.clone()));
                actions.push(AppAction::Run(command));
                ui.close();
            }
        }
    }

    /// Runs a diagram command on the diagram shown.
    pub(super) fn diagram_command(&mut self, command: Command) {
        let id = self.diagram.clone();
        let count = self.doc.project.diagrams.len();
        let index = self
            .doc
            .project
            .diagrams
            .iter()
            .position(|d| d.id == id)
            .unwrap_or(0);
        match command {
            Command::RenameDiagram => {
                let text = self.doc.project.diagrams[index].name.clone();
                self.modal = Some(Modal::RenameDiagram { id, text });
            }
            Command::DuplicateDiagram => self.duplicate_diagram(&id),
            Command::MoveDiagramLeft if index > 0 => self.move_diagram(&id, index - 1),
            Command::MoveDiagramRight if index + 1 < count => self.move_diagram(&id, index + 1),
            Command::DeleteDiagram if count > 1 => {
                self.apply(Edit::RemoveDiagram(id));
                self.diagram = self.doc.project.diagrams[index.min(count - 2)].id.clone();
                self.selection = Selection::default();
                self.canvas.request_fit();
            }
            Command::DeleteDiagram => {
                self.status = "A project keeps at least one diagram".into();
            }
            _ => {}
        }
    }

    pub(super) fn move_diagram(&mut self, id: &DiagramId, to: usize) {
        let Some(d) = self.doc.project.diagram(id).cloned() else {
            return;
        };
        let layout = DiagramLayout::of(&d, &self.doc.project.layout);
        let name = d.name.clone();
        self.apply(Edit::Batch(vec![
            Edit::RemoveDiagram(id.clone()),
            Edit::InsertDiagram {
                index: to,
                diagram: Box::new(d),
                layout: Box::new(layout),
            },
        ]));
        self.status = format!("Moved diagram “{name}” to position {}", to + 1);
    }

    /// A copy of the diagram with new ids for everything on it, after the original.
    pub(super) fn duplicate_diagram(&mut self, id: &DiagramId) {
        let project = &self.doc.project;
        let Some(d) = project.diagram(id) else {
            return;
        };
        let index = project
            .diagrams
            .iter()
            .position(|x| &x.id == id)
            .map_or(0, |i| i + 1);
        let (copy, layout) = crate::clipboard::Clip::copy(project, d, |_| true)
            .unwrap_or_default()
            .into_diagram(format!("{} (copy)", d.name));
        let new_id = copy.id.clone();
        self.apply(Edit::InsertDiagram {
            index,
            diagram: Box::new(copy),
            layout: Box::new(layout),
        });
        self.switch_diagram(new_id);
    }
}

/// Shift+digit shortcuts by the key's place, not its character: Shift+1 types "!" on a US
/// keyboard and "!" on a German one too, but "1" only on neither, so egui's logical match
/// never fires. The physical key is the digit on every layout.
fn consume_shifted_digit(i: &mut egui::InputState, s: &egui::KeyboardShortcut) -> bool {
    use egui::Key::*;
    let digit = matches!(
        s.logical_key,
        Num0 | Num1 | Num2 | Num3 | Num4 | Num5 | Num6 | Num7 | Num8 | Num9
    );
    if !digit || !s.modifiers.shift {
        return false;
    }
    let mut hit = false;
    i.events.retain(|e| {
        let is = matches!(
            e,
            egui::Event::Key { physical_key: Some(k), pressed: true, modifiers, .. }
                if *k == s.logical_key && modifiers.matches_logically(s.modifiers)
        );
        hit |= is;
        !is
    });
    hit
}

/// A palette entry's tooltip: to the right, over the canvas, not over the next entry.
pub(super) fn palette_tooltip(resp: &egui::Response, add: impl FnOnce(&mut egui::Ui)) {
    if resp.hovered() && !resp.dragged() {
        egui::Popup::from_response(resp)
            .kind(egui::PopupKind::Tooltip)
            .align(egui::RectAlign::RIGHT_START)
            .gap(6.0)
            .open(true)
            .show(add);
    }
}
