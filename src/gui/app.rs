//! The Threatboard desktop app: panels, commands, files and the undo history around the
//! canvas. Widgets return intents; edits are applied after the UI pass, one undo step per
//! user action.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::{Key, Modifiers, ViewportCommand};
use serde::{Deserialize, Serialize};

mod editing;
mod export;
mod files;
mod menus;
mod modals;
mod panes;
mod presentation;
mod review;
mod verify;

use super::canvas::{self, Action, Canvas, Overlay};
use super::commands::{Command, ExportKind, Tool};
use super::document::Document;
use super::inspector;
use super::selection::{Item, Selection};
use super::style::Theme;
use super::threats::{self, PaneAction, ThreatsPane};
use super::workshop::{WalkAction, Walkthrough};
use crate::analysis::{self, Analysis, Catalogue};
use crate::edit::{DiagramLayout, Edit};
use crate::io as tio;
use crate::model::*;

/// How often unsaved work is written to the recovery file.
const AUTOSAVE_EVERY: Duration = Duration::from_secs(15);
const RECENT_MAX: usize = 10;
const PREFS_KEY: &str = "threatboard-prefs";

/// Open threats per subject id and the highest open severity.
type Badges = rustc_hash::FxHashMap<std::sync::Arc<str>, (usize, Severity)>;

/// How the app is started.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// A project to open.
    pub file: Option<PathBuf>,
    /// Where the recovery file lives (defaults to the app's data folder).
    pub recovery_dir: Option<PathBuf>,
    /// Use the native file dialogs (tests turn them off and type paths).
    pub native_dialogs: bool,
}

/// Preferences kept in eframe's storage, never in the project.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
struct Prefs {
    recent: Vec<PathBuf>,
    snap: bool,
    /// The facilitator's name, asked once, recorded with workshop decisions.
    facilitator: String,
    /// The user's own name, set once: recorded with every decision they make (before the
    /// facilitator's and the login name).
    name: String,
    /// Interface scale (Ctrl+= / Ctrl+-).
    ui_scale: f32,
    /// `None` follows the system's light or dark setting.
    theme: Option<Theme>,
    /// Folders outside a project's own folder that its references (a custom rule
    /// catalogue) may name. Set here by the user, never by a project file.
    trusted_folders: Vec<PathBuf>,
    /// Properties only in their own tab, not above the selection's threats.
    properties_apart: bool,
    /// The name and role last used to sign off.
    reviewer: String,
    reviewer_role: String,
    /// The SSH private key file last used to sign a sign-off (the path only).
    signing_key: String,
}

/// Something that must wait until unsaved changes are dealt with.
#[derive(Clone, Debug, PartialEq)]
enum Pending {
    New,
    Open(Option<PathBuf>),
    Import,
    Quit,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum PathMode {
    Open,
    SaveAs,
    ExportPdf,
    Import,
    Export(ExportKind),
    /// A file or `git:REV:PATH` to compare the model with.
    Compare,
    /// Verification results (SARIF, JUnit XML) to load.
    Evidence,
    /// A building-block library to add to the project.
    Library,
}

/// A PDF export running on a worker thread, so the window stays responsive.
struct ExportJob {
    path: PathBuf,
    done: std::sync::mpsc::Receiver<Result<usize, String>>,
    started: Instant,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RightTab {
    Properties,
    Threats,
    Messages,
    /// What changed since the sign-off, file or revision compared with.
    Changes,
}

#[derive(Debug)]
enum Modal {
    Facilitator {
        text: String,
    },
    Summary {
        session: usize,
    },
    Justification {
        key: ThreatKey,
        status: Status,
        text: String,
    },
    ConfirmDelete {
        records: usize,
    },
    Unsaved(Pending),
    RenameDiagram {
        id: DiagramId,
        text: String,
    },
    Error {
        title: String,
        message: String,
    },
    /// Something went well and needs reading (what an import kept where).
    Notice {
        title: String,
        message: String,
    },
    Path {
        mode: PathMode,
        text: String,
        note: String,
    },
    SignOff(review::SignOffForm),
    Recovery {
        project: Box<Project>,
        original: Option<PathBuf>,
    },
    /// One folder per line.
    TrustedFolders {
        text: String,
    },
}

#[derive(Serialize, Deserialize)]
struct RecoveryInfo {
    original: Option<PathBuf>,
}

pub struct ThreatboardApp {
    pub doc: Document,
    diagram: DiagramId,
    pub selection: Selection,
    pub tool: Tool,
    canvas: Canvas,
    prefs: Prefs,
    modal: Option<Modal>,
    /// What was copied, and how many times it was pasted.
    clip: Option<(crate::clipboard::Clip, u32)>,
    status: String,
    palette: Option<(String, usize)>,
    /// The analysis of a revision, shared with the panes, the export thread and the
    /// walkthrough without copying it.
    analysis: Option<(u64, std::sync::Arc<Analysis>)>,
    /// The content revision and layout facts `analysis` was made from: a move that leaves
    /// both as they were keeps it (on a 10,000-element model, re-analysing is a third of
    /// an edit).
    analysed: Option<(u64, analysis::LayoutFacts)>,
    catalogue: Catalogue,
    /// Why the project's own rules were not loaded (shown above the threats).
    rules_error: Option<String>,
    options: Options,
    recovery_dir: Option<PathBuf>,
    last_autosave: Instant,
    autosaved_revision: u64,
    allow_close: bool,
    close_requested: bool,
    title: String,
    pub threats: ThreatsPane,
    pub right_tab: RightTab,
    reattach: Option<(ThreatKey, String)>,
    /// The badges of a revision, and how many times they were worked out (the canvas
    /// draws again when that changes: an edit, or verification results loaded).
    badges: Option<(u64, Badges)>,
    badges_generation: u64,
    export: Option<ExportJob>,
    pub walk: Option<Walkthrough>,
    appearance: Option<(Option<Theme>, f32)>,
    /// The comparison shown on the canvas and in the Changes tab.
    compare: Option<super::changes::Compare>,
    /// Verification results loaded this session, and the model's verification.
    evidence: verify::EvidenceState,
    /// The building-block libraries the project can use.
    libraries: verify::LibraryState,
    /// Whether the model changed since its sign-off, for the revision it was computed at.
    signoff_state: Option<(u64, Option<bool>)>,
    /// The latest sign-off's signature check, per revision.
    signoff_check: Option<(u64, Option<crate::history::signing::SignatureCheck>)>,
}

impl ThreatboardApp {
    pub fn new(cc: &eframe::CreationContext<'_>, options: Options) -> Self {
        super::install_fonts(&cc.egui_ctx);
        let prefs: Prefs = cc
            .storage
            .and_then(|s| eframe::get_value(s, PREFS_KEY))
            .unwrap_or_default();
        let recovery_dir = options
            .recovery_dir
            .clone()
            .or_else(|| eframe::storage_dir("Threatboard").map(|d| d.join("recovery")));
        // The built-in rules are part of the program: if they cannot be read, say so
        // above the threats rather than show an empty analysis as if all were well.
        let (catalogue, builtin_error) = match Catalogue::builtin() {
            Ok(c) => (c, None),
            Err(e) => (Catalogue::default(), Some(e)),
        };
        let mut app = Self::with_project(
            Project::new("Untitled threat model"),
            None,
            prefs,
            catalogue,
            options,
            recovery_dir,
        );
        if let Some(e) = builtin_error {
            app.rules_error = Some(format!(
                "The built-in rules could not be read, so no threats are generated: {e}"
            ));
        }
        app.check_recovery();
        if let Some(file) = app.options.file.clone() {
            app.open_path(&file);
        }
        app
    }

    fn with_project(
        project: Project,
        path: Option<PathBuf>,
        prefs: Prefs,
        catalogue: Catalogue,
        options: Options,
        recovery_dir: Option<PathBuf>,
    ) -> Self {
        let diagram = project.diagrams[0].id.clone();
        Self {
            doc: Document::new(project, path),
            diagram,
            selection: Selection::default(),
            tool: Tool::Select,
            canvas: Canvas::default(),
            prefs,
            modal: None,
            clip: None,
            status: String::new(),
            palette: None,
            analysis: None,
            analysed: None,
            catalogue,
            rules_error: None,
            options,
            recovery_dir,
            last_autosave: Instant::now(),
            autosaved_revision: 1,
            allow_close: false,
            close_requested: false,
            title: String::new(),
            threats: ThreatsPane::default(),
            right_tab: RightTab::Threats,
            reattach: None,
            badges: None,
            badges_generation: 0,
            export: None,
            walk: None,
            appearance: None,
            compare: None,
            evidence: verify::EvidenceState::default(),
            libraries: verify::LibraryState::default(),
            signoff_state: None,
            signoff_check: None,
        }
    }

    /// The inspector of the selection on the diagram shown (borrowed, not copied).
    fn inspector_ui(
        &self,
        ui: &mut egui::Ui,
        verification: Option<&crate::evidence::Verification>,
    ) -> Option<Edit> {
        let project = &self.doc.project;
        let d = project.diagram_or_first(&self.diagram);
        inspector::show(ui, project, d, &self.selection, verification)
    }

    /// The diagram being shown.
    pub fn diagram(&self) -> &Diagram {
        self.doc.project.diagram_or_first(&self.diagram)
    }

    pub fn diagram_id(&self) -> &DiagramId {
        &self.diagram
    }

    /// The analysis of the current project revision (computed once per revision).
    pub fn analysis(&mut self) -> &Analysis {
        let rev = self.doc.revision();
        if self.analysis.as_ref().is_none_or(|(r, _)| *r != rev) {
            let made_from = (
                self.doc.content_revision(),
                analysis::LayoutFacts::of(&self.doc.project),
            );
            let same = self.analysed.as_ref() == Some(&made_from);
            match &mut self.analysis {
                Some((r, _)) if same => *r = rev,
                _ => {
                    let result = analysis::analyze(&self.doc.project, &self.catalogue);
                    self.analysis = Some((rev, std::sync::Arc::new(result)));
                    self.analysed = Some(made_from);
                }
            }
        }
        &self
            .analysis
            .get_or_insert_with(|| (rev, std::sync::Arc::default()))
            .1
    }

    /// The display list the canvas drew last, once every route is placed.
    pub fn drawn_scene(&self) -> Option<&crate::scene::display::Scene> {
        self.canvas.scene(&self.diagram)
    }

    /// The analysis of the current revision, shared (no copy).
    pub fn shared_analysis(&mut self) -> std::sync::Arc<Analysis> {
        self.analysis();
        self.analysis
            .as_ref()
            .map(|(_, a)| a.clone())
            .unwrap_or_default()
    }

    /// The canvas transform of the last frame (for tests and tools driving the canvas).
    pub fn view(&self) -> Option<canvas::View> {
        self.canvas.last_view
    }

    /// The canvas's rectangle on screen in the last frame.
    pub fn canvas_rect(&self) -> Option<egui::Rect> {
        self.canvas.last_area
    }

    pub fn project(&self) -> &Project {
        &self.doc.project
    }

    pub fn status(&self) -> &str {
        &self.status
    }

    pub fn has_modal(&self) -> bool {
        self.modal.is_some()
    }

    // ------------------------------------------------------------------ edits

    /// Applies an edit as one undo step (also for tests and tools driving the app).
    pub fn apply(&mut self, edit: Edit) {
        match self.doc.apply(edit) {
            Ok(()) => {
                // Every change names itself; no earlier message lingers after it.
                self.status = crate::edit::capitalized(self.doc.last_change());
                let project = &self.doc.project;
                if let Some(d) = project.diagram(&self.diagram) {
                    self.selection.retain_existing(project, d);
                }
            }
            Err(e) => self.status = format!("Could not apply the change: {e}"),
        }
    }

    // ------------------------------------------------------------------ files

    // ------------------------------------------------------------------ reports

    // ------------------------------------------------------------------ recovery
}

// The remaining pieces (UI, commands) live in a second impl block.

impl eframe::App for ThreatboardApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        // Closing the window with unsaved work asks first.
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
        // Files dropped onto the window.
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        // Verification results load beside the model; anything else opens as a model.
        let (evidence, models): (Vec<PathBuf>, Vec<PathBuf>) =
            dropped.into_iter().partition(|p| verify::is_evidence(p));
        if !evidence.is_empty() {
            self.load_evidence(&evidence);
        }
        if let Some(path) = models.into_iter().next() {
            self.guard(Pending::Open(Some(path)));
        }
        self.apply_appearance(&ctx);
        if self.walk.is_some() && self.modal.is_none() {
            let analysis = self.shared_analysis();
            let actions = self
                .walk
                .as_mut()
                .map(|w| w.keys(&ctx, &analysis))
                .unwrap_or_default();
            for a in actions {
                self.walk_action(a);
            }
        }
        self.shortcuts(&ctx);

        if self.walk.is_some() {
            self.presentation(ui);
            self.modal_ui(&ctx);
            self.poll_export(&ctx);
            self.autosave(&ctx);
            self.update_title(&ctx);
            return;
        }
        egui::Panel::top("menu").show(ui, |ui| self.menus(ui));
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                if self.export.is_some() {
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
        egui::Panel::left("palette")
            .resizable(false)
            .exact_size(panes::PALETTE_WIDTH)
            .show(ui, |ui| self.palette_panel(ui));
        let mut inspector_edit = None;
        let mut pane_actions = Vec::new();
        let mut open_trusted = false;
        let mut stop_compare = false;
        self.refresh_compare();
        let verification = self.verification();
        self.threats.verification = verification.clone();
        let block_updates = self.block_updates();
        let template_errors = self.evidence.template_errors().to_vec();
        let mut take_updates: Option<Vec<ElementId>> = None;
        let pane_w = panes::side_default_width(ui.ctx(), "side", ui.available_width());
        egui::Panel::right("side")
            .resizable(true)
            .default_size(pane_w)
            .show(ui, |ui| {
                self.analysis();
                let conflicts = self.doc.project.conflicts.len();
                let (open, messages) = self.analysis.as_ref().map_or((0, 0), |(_, a)| {
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
                    if let Some(c) = &self.compare {
                        ui.selectable_value(
                            &mut self.right_tab,
                            RightTab::Changes,
                            format!("Changes ({})", c.diff.items.len() + c.diff.decisions.len()),
                        );
                    }
                });
                ui.separator();
                if let Some((_, a)) = &self.analysis {
                    if threats::rules_banner(ui, a, self.rules_error.as_deref()) {
                        open_trusted = true;
                    }
                }
                match self.right_tab {
                    RightTab::Properties => {
                        egui::ScrollArea::vertical().show(ui, |ui| {
                            inspector_edit = self.inspector_ui(ui, verification.as_deref());
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
                                            inspector_edit =
                                                self.inspector_ui(ui, verification.as_deref());
                                        });
                                });
                        }
                        let scope = threats::scope_of(&self.selection);
                        let label = match scope.as_slice() {
                            [] => None,
                            [one] => self.doc.project.subject_name(one).map(|n| format!("“{n}”")),
                            many => Some(format!("{} selected items", many.len())),
                        };
                        if let Some(c) = &self.compare {
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
                        if let Some((rev, a)) = &self.analysis {
                            pane_actions =
                                self.threats
                                    .show(ui, &self.doc.project, a, *rev, &scope, label);
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
                                        take_updates = Some(vec![u.element.clone()]);
                                    }
                                });
                            }
                            if block_updates.len() > 1 && ui.button("Update all").clicked() {
                                take_updates = Some(Vec::new());
                            }
                            ui.separator();
                        }
                        for e in &template_errors {
                            ui.colored_label(ui.visuals().warn_fg_color, e);
                        }
                        if let Some((_, a)) = &self.analysis {
                            pane_actions =
                                threats::messages(ui, &self.doc.project, a, &mut self.reattach);
                        }
                    }
                    RightTab::Changes => match &self.compare {
                        Some(c) => {
                            if ui.button("Stop comparing").clicked() {
                                stop_compare = true;
                            }
                            if let Some(id) = super::changes::list(ui, c) {
                                pane_actions.push(PaneAction::Focus(id));
                            }
                        }
                        None => {
                            ui.weak("Nothing is being compared. Review → Show changes since sign-off, or Compare with a file or git revision.");
                        }
                    },
                }
            });
        if let Some(elements) = take_updates {
            self.update_blocks(&elements);
        }
        if stop_compare {
            self.run(Command::StopCompare, ui.ctx());
        }
        if let Some(edit) = inspector_edit {
            self.apply(edit);
        }
        if open_trusted {
            self.run(Command::TrustedFolders, ui.ctx());
        }
        for a in pane_actions {
            self.pane_action(a);
        }
        let mut actions = Vec::new();
        egui::CentralPanel::default().show(ui, |ui| {
            self.tabs(ui);
            let revision = self.doc.revision();
            self.refresh_badges();
            // Borrowed, not cloned: a 10,000-element diagram copied every frame cost a
            // tenth of the frame.
            let project = &self.doc.project;
            let diagram = project.diagram_or_first(&self.diagram);
            let badges = self.badges.as_ref().map(|(_, b)| b);
            let badge = |id: &str| badges.and_then(|b| b.get(id).copied());
            let alerts = &self.evidence.alerts;
            let alert = |id: &str| alerts.contains(id);
            let overlay = Overlay {
                badge: Some(&badge),
                focus: None,
                key: self.badges_generation,
                changes: self.compare.as_ref().map(|c| &c.marks),
                alert: (!alerts.is_empty()).then_some(&alert as &dyn Fn(&str) -> bool),
            };
            actions = self.canvas.show(
                ui,
                project,
                revision,
                diagram,
                &self.selection,
                self.tool,
                self.prefs.snap,
                &overlay,
            );
        });
        for a in actions {
            match a {
                Action::Apply(edit) => {
                    // Something new drawn on the canvas is selected and ready to name,
                    // as in draw.io and the Threat Modeling Tool.
                    let created = created_item(&edit);
                    self.apply(edit);
                    if let Some((item, what)) = created {
                        self.selection = Selection::one(item.clone());
                        self.canvas.start_rename(item, &self.doc.project);
                        self.status = format!("Added {what}: type its name, Enter to keep it");
                    }
                }
                Action::PlaceBlock(block, at) => self.place_block(&block, at),
                Action::Select(s) => self.selection = s,
                Action::SetTool(t) => self.tool = t,
                Action::Status(s) => self.status = s,
            }
        }
        self.modal_ui(&ctx);
        self.command_palette(&ctx);
        self.poll_export(&ctx);
        self.autosave(&ctx);
        self.update_title(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }

    fn on_exit(&mut self) {
        if self.doc.is_dirty() {
            // Closed without saving and without being asked (a crash or a kill would not
            // get here): keep the work for next time.
            self.write_recovery();
        }
    }
}

/// The item an edit from the canvas creates, and how to name it in the status line.
fn created_item(edit: &Edit) -> Option<(Item, String)> {
    Some(match edit {
        Edit::InsertElement { element, .. } => (
            Item::Element(element.id.clone()),
            format!(
                "{} “{}”",
                element.kind().label().to_lowercase(),
                element.name
            ),
        ),
        Edit::InsertFlow { flow, .. } => (
            Item::Flow(flow.id.clone()),
            format!("data flow “{}”", flow.name),
        ),
        Edit::InsertBoundary { boundary, .. } => (
            Item::Boundary(boundary.id.clone()),
            format!("trust boundary “{}”", boundary.name),
        ),
        Edit::InsertNote { note, .. } => (Item::Note(note.id.clone()), "a note".to_owned()),
        _ => return None,
    })
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

#[cfg(test)]
mod tests {
    use crate::gui::style::CanvasStyle;
    use crate::gui::style::Theme;

    #[test]
    fn high_contrast_themes_reach_the_canvas() {
        let dark = CanvasStyle::for_visuals(&Theme::HighContrastDark.visuals());
        assert_eq!(dark.background, egui::Color32::BLACK);
        assert_eq!(dark.outline, egui::Color32::WHITE);
        let light = CanvasStyle::for_visuals(&Theme::HighContrastLight.visuals());
        assert_eq!(light.background, egui::Color32::WHITE);
        assert_eq!(light.text, egui::Color32::BLACK);
        // The ordinary themes keep their own canvas.
        let plain = CanvasStyle::for_visuals(&Theme::Dark.visuals());
        assert_ne!(plain.background, egui::Color32::BLACK);
    }
}
