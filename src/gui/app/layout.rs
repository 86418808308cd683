//! The main window's panels around the canvas: the menu bar, the status line, the tool
//! palette, the side pane with its tabs (threats, messages, properties, changes) and the
//! canvas with its diagram tabs. They draw from the app's state and push what the user
//! asks for into the frame's queue; nothing here changes the project.

use super::*;
use crate::gui::action::{Actions, AppAction};

impl ThreatboardApp {
    /// The panels of the editing layout (the presentation has its own).
    pub(super) fn panels(&mut self, ui: &mut egui::Ui, actions: &mut Actions) {
        egui::Panel::top("menu").show(ui, |ui| self.menus(ui, actions));
        self.status_bar(ui);
        egui::Panel::left("palette")
            .resizable(false)
            .exact_size(super::panes::PALETTE_WIDTH)
            .show(ui, |ui| self.palette_panel(ui, actions));
        self.side_panel(ui, actions);
        self.central_panel(ui, actions);
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                if self.export.is_running() {
                    ui.spinner();
                    ui.label("Exporting the PDF report…");
                }
                ui.label(&self.status);
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    self.signoff_chip(ui);
                    if let Some(v) = self.canvas.last_view {
                        ui.weak(format!("{:.0}%", v.zoom * 100.0));
                    }
                    if self.prefs.snap {
                        ui.weak("snap");
                    }
                });
            });
        });
    }

    /// The side pane: the selection's threats and properties, messages, changes.
    fn side_panel(&mut self, ui: &mut egui::Ui, actions: &mut Actions) {
        self.refresh_compare();
        let verification = self.verification();
        self.threats.verification = verification.clone();
        let block_updates = self.block_updates();
        let template_errors = self.evidence.template_errors().to_vec();
        let pane_w = panes::side_default_width(ui.ctx(), "side", ui.available_width());
        egui::Panel::right("side")
            .resizable(true)
            .default_size(pane_w)
            .show(ui, |ui| {
                self.analysis();
                let conflicts = self.doc.project.conflicts.len();
                let (open, messages) = self.analysed.last().map_or((0, 0), |(_, a)| {
                    let shown = a
                        .validation
                        .iter()
                        .filter(|m| m.code != crate::analysis::Code::OrphanedRecord)
                        .count();
                    (
                        a.summary.open,
                        shown + a.orphaned.len() + conflicts + block_updates.len(),
                    )
                });
                ui.horizontal_wrapped(|ui| {
                    ui.selectable_value(
                        &mut self.right_tab,
                        RightTab::Threats,
                        format!("Threats ({open})"),
                    );
                    ui.selectable_value(
                        &mut self.right_tab,
                        RightTab::Messages,
                        format!("Messages ({messages})"),
                    );
                    ui.selectable_value(&mut self.right_tab, RightTab::Properties, "Properties");
                    if let Some(c) = &self.review.compare {
                        ui.selectable_value(
                            &mut self.right_tab,
                            RightTab::Changes,
                            format!("Changes ({})", c.diff.items.len() + c.diff.decisions.len()),
                        );
                    }
                });
                ui.separator();
                if let Some((_, a)) = self.analysed.last() {
                    if threats::rules_banner(ui, a, self.analysed.rules_error.as_deref()) {
                        actions.push(AppAction::Run(Command::TrustedFolders));
                    }
                }
                match self.right_tab {
                    RightTab::Properties => {
                        egui::ScrollArea::vertical().show(ui, |ui| {
                            self.inspector_ui(ui, verification.as_deref(), actions);
                        });
                    }
                    RightTab::Threats => {
                        // The selection's properties above its threats: tick a box, watch
                        // the threats change.
                        if !self.prefs.properties_apart && !self.selection.is_empty() {
                            let h = ui.available_height();
                            // An open threat's decision comes first: the properties
                            // give up height to it.
                            let most = if self.threats.selected.is_some() { 0.3 } else { 0.7 };
                            egui::Panel::top("side-properties")
                                .resizable(true)
                                .default_size((h * 0.4).max(120.0))
                                .max_size(h * most)
                                .min_size(80.0)
                                .show(ui, |ui| {
                                    egui::ScrollArea::vertical()
                                        .id_salt("side-properties-scroll")
                                        .auto_shrink([false, false])
                                        .show(ui, |ui| {
                                            self.inspector_ui(
                                                ui,
                                                verification.as_deref(),
                                                actions,
                                            );
                                        });
                                });
                        }
                        let scope = threats::scope_of(&self.selection);
                        let label = match scope.as_slice() {
                            [] => None,
                            [one] => self.doc.project.subject_name(one).map(|n| format!("“{n}”")),
                            many => Some(format!("{} selected items", many.len())),
                        };
                        if let Some(c) = &self.review.compare {
                            let mut only = self.threats.filters.only_new.is_some();
                            if ui
                                .checkbox(
                                    &mut only,
                                    format!("Only threats new since {}", c.label),
                                )
                                .changed()
                            {
                                self.threats.filters.only_new =
                                    only.then(|| c.new_keys.clone());
                            }
                        }
                        if let Some((rev, a)) = self.analysed.last() {
                            self.threats.show(
                                ui,
                                &self.doc.project,
                                a,
                                rev,
                                &scope,
                                label,
                                actions,
                            );
                        }
                    }
                    RightTab::Messages => {
                        if !block_updates.is_empty() {
                            ui.label(
                                egui::RichText::new("Newer approved building blocks").strong(),
                            );
                            for u in &block_updates {
                                ui.horizontal_wrapped(|ui| {
                                    ui.label(u.describe());
                                    if ui.small_button("Update").clicked() {
                                        actions.push(AppAction::UpdateBlocks(vec![
                                            u.element.clone(),
                                        ]));
                                    }
                                });
                            }
                            if block_updates.len() > 1 && ui.button("Update all").clicked() {
                                actions.push(AppAction::UpdateBlocks(Vec::new()));
                            }
                            ui.separator();
                        }
                        for e in &template_errors {
                            ui.colored_label(ui.visuals().warn_fg_color, e);
                        }
                        if let Some((_, a)) = self.analysed.last() {
                            threats::messages(
                                ui,
                                &self.doc.project,
                                a,
                                &mut self.reattach,
                                actions,
                            );
                        }
                    }
                    RightTab::Changes => match &self.review.compare {
                        Some(c) => {
                            if ui.button("Stop comparing").clicked() {
                                actions.push(AppAction::Run(Command::StopCompare));
                            }
                            crate::gui::changes::list(ui, c, actions);
                        }
                        None => {
                            ui.weak("Nothing is being compared. Review → Show changes since sign-off, or Compare with a file or git revision.");
                        }
                    },
                }
            });
    }

    /// The diagram tabs and the canvas.
    fn central_panel(&mut self, ui: &mut egui::Ui, actions: &mut Actions) {
        egui::CentralPanel::default().show(ui, |ui| {
            self.tabs(ui, actions);
            let revision = self.doc.revision();
            self.refresh_badges();
            // Borrowed, not cloned: a 10,000-element diagram copied every frame cost a
            // tenth of the frame.
            let project = &self.doc.project;
            let diagram = project.diagram_or_first(&self.diagram);
            let badges = &self.badges;
            let badge = |id: &str| badges.get(id);
            let alerts = &self.badges.alerts;
            let alert = |id: &str| alerts.contains(id);
            let overlay = Overlay {
                badge: Some(&badge),
                focus: None,
                key: self.badges.generation(),
                changes: self.review.compare.as_ref().map(|c| &c.marks),
                alert: (!alerts.is_empty()).then_some(&alert as &dyn Fn(&str) -> bool),
            };
            self.canvas.show(
                ui,
                project,
                revision,
                diagram,
                &self.selection,
                self.tool,
                self.prefs.snap,
                &overlay,
                actions,
            );
        });
    }
}
