//! The Threatboard desktop app: panels, commands, files and the undo history around the
//! canvas. Widgets return intents; edits are applied after the UI pass, one undo step per
//! user action.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::{Key, Modifiers, ViewportCommand};
use serde::{Deserialize, Serialize};

mod review;

use super::canvas::{self, Action, Canvas, Item, Overlay, Selection};
use super::commands::{Command, Tool};
use super::document::Document;
use super::inspector;
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
}

/// Colour schemes; the high-contrast ones are for projectors and shared screens.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    #[default]
    Dark,
    Light,
    HighContrastDark,
    HighContrastLight,
}

impl Theme {
    const ALL: [Theme; 4] = [
        Theme::Dark,
        Theme::Light,
        Theme::HighContrastDark,
        Theme::HighContrastLight,
    ];

    fn label(self) -> &'static str {
        match self {
            Theme::Dark => "Dark",
            Theme::Light => "Light",
            Theme::HighContrastDark => "High-contrast dark",
            Theme::HighContrastLight => "High-contrast light",
        }
    }

    fn visuals(self) -> egui::Visuals {
        let mut v = match self {
            Theme::Dark | Theme::HighContrastDark => egui::Visuals::dark(),
            Theme::Light | Theme::HighContrastLight => egui::Visuals::light(),
        };
        match self {
            Theme::HighContrastDark => {
                v.override_text_color = Some(egui::Color32::WHITE);
                v.panel_fill = egui::Color32::BLACK;
                v.window_fill = egui::Color32::BLACK;
                v.extreme_bg_color = egui::Color32::BLACK;
                v.widgets.noninteractive.bg_stroke = egui::Stroke::new(1.5, egui::Color32::WHITE);
                v.widgets.inactive.bg_stroke = egui::Stroke::new(1.5, egui::Color32::WHITE);
                v.selection.bg_fill = egui::Color32::from_rgb(0x00, 0x5f, 0xcc);
            }
            Theme::HighContrastLight => {
                v.override_text_color = Some(egui::Color32::BLACK);
                v.panel_fill = egui::Color32::WHITE;
                v.window_fill = egui::Color32::WHITE;
                v.extreme_bg_color = egui::Color32::WHITE;
                v.widgets.noninteractive.bg_stroke = egui::Stroke::new(1.5, egui::Color32::BLACK);
                v.widgets.inactive.bg_stroke = egui::Stroke::new(1.5, egui::Color32::BLACK);
                v.selection.bg_fill = egui::Color32::from_rgb(0x9c, 0xc8, 0xff);
            }
            _ => {}
        }
        v
    }
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
}

/// What File → Export writes (besides the PDF).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    ThreatDragon,
    Otm,
    ThreatComposer,
    Csv,
    Markdown,
    Svg,
    Png,
    Session,
}

impl ExportKind {
    const ALL: [ExportKind; 7] = [
        ExportKind::ThreatDragon,
        ExportKind::Otm,
        ExportKind::ThreatComposer,
        ExportKind::Csv,
        ExportKind::Markdown,
        ExportKind::Svg,
        ExportKind::Png,
    ];

    fn label(self) -> &'static str {
        match self {
            ExportKind::ThreatDragon => "Threat Dragon model (JSON)…",
            ExportKind::Otm => "Open Threat Model (OTM JSON)…",
            ExportKind::ThreatComposer => "AWS Threat Composer (.tc.json)…",
            ExportKind::Csv => "Threats as CSV…",
            ExportKind::Markdown => "Threats as Markdown…",
            ExportKind::Svg => "Diagram as SVG…",
            ExportKind::Png => "Diagram as PNG…",
            ExportKind::Session => "Workshop summary (Markdown)…",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            ExportKind::ThreatDragon => "json",
            ExportKind::Otm => "otm.json",
            ExportKind::ThreatComposer => "tc.json",
            ExportKind::Csv => "csv",
            ExportKind::Markdown => "md",
            ExportKind::Svg => "svg",
            ExportKind::Png => "png",
            ExportKind::Session => "md",
        }
    }
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

/// Copied items, with their layout; pasting gives them fresh ids.
#[derive(Clone, Default)]
struct Clip {
    elements: Vec<(Element, Rect)>,
    flows: Vec<(Flow, Vec<Pos>)>,
    boundaries: Vec<(Boundary, BoundaryShape)>,
    notes: Vec<(Note, Rect)>,
    pastes: u32,
}

pub struct ThreatboardApp {
    pub doc: Document,
    diagram: DiagramId,
    pub selection: Selection,
    pub tool: Tool,
    canvas: Canvas,
    prefs: Prefs,
    modal: Option<Modal>,
    clip: Option<Clip>,
    status: String,
    palette: Option<(String, usize)>,
    analysis: Option<(u64, Analysis)>,
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
    badges: Option<(u64, Badges)>,
    export: Option<ExportJob>,
    pub walk: Option<Walkthrough>,
    appearance: Option<(Option<Theme>, f32)>,
    /// The comparison shown on the canvas and in the Changes tab.
    compare: Option<super::changes::Compare>,
    /// Whether the model changed since its sign-off, for the revision it was computed at.
    signoff_state: Option<(u64, Option<bool>)>,
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
        let catalogue = Catalogue::builtin().unwrap_or_default();
        let mut app = Self::with_project(
            Project::new("Untitled threat model"),
            None,
            prefs,
            catalogue,
            options,
            recovery_dir,
        );
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
            export: None,
            walk: None,
            appearance: None,
            compare: None,
            signoff_state: None,
        }
    }

    /// The diagram being shown.
    pub fn diagram(&self) -> &Diagram {
        self.doc
            .project
            .diagram(&self.diagram)
            .unwrap_or(&self.doc.project.diagrams[0])
    }

    pub fn diagram_id(&self) -> &DiagramId {
        &self.diagram
    }

    /// The analysis of the current project revision (computed once per revision).
    pub fn analysis(&mut self) -> &Analysis {
        let rev = self.doc.revision();
        if self.analysis.as_ref().is_none_or(|(r, _)| *r != rev) {
            let result = analysis::analyze(&self.doc.project, &self.catalogue);
            self.analysis = Some((rev, result));
        }
        &self
            .analysis
            .get_or_insert_with(|| (rev, Analysis::default()))
            .1
    }

    /// The canvas transform of the last frame (for tests and tools driving the canvas).
    pub fn view(&self) -> Option<canvas::View> {
        self.canvas.last_view
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

    fn undo(&mut self) {
        if self.canvas.cancel() {
            return;
        }
        if let Some(what) = self.doc.undo() {
            self.after_history();
            self.status = format!("Undone: {what}");
        } else {
            self.status = "Nothing to undo".into();
        }
    }

    fn redo(&mut self) {
        if let Some(what) = self.doc.redo() {
            self.after_history();
            self.status = format!("Redone: {what}");
        } else {
            self.status = "Nothing to redo".into();
        }
    }

    fn after_history(&mut self) {
        if self.doc.project.diagram(&self.diagram).is_none() {
            self.diagram = self.doc.project.diagrams[0].id.clone();
        }
        let project = &self.doc.project;
        if let Some(d) = project.diagram(&self.diagram) {
            self.selection.retain_existing(project, d);
        }
    }

    /// Recorded decisions that deleting the selection would orphan.
    fn decisions_on_selection(&self) -> usize {
        let d = self.diagram();
        let mut subjects: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for item in &self.selection.0 {
            match item {
                Item::Element(e) => {
                    subjects.insert(e.as_str());
                    for f in d.flows.iter().filter(|f| &f.source == e || &f.target == e) {
                        subjects.insert(f.id.as_str());
                    }
                }
                Item::Flow(f) => {
                    subjects.insert(f.as_str());
                }
                _ => {}
            }
        }
        let p = &self.doc.project;
        p.threats
            .keys()
            .filter(|k| subjects.contains(&*k.subject))
            .count()
            + p.manual_threats
                .iter()
                .filter(|t| subjects.contains(t.subject.as_str()))
                .count()
    }

    /// Deletes the selection, asking first when it carries recorded decisions.
    fn request_delete(&mut self) {
        let records = self.decisions_on_selection();
        if records > 0 {
            self.modal = Some(Modal::ConfirmDelete { records });
        } else {
            self.delete_selection();
        }
    }

    fn delete_selection(&mut self) {
        let d = self.diagram();
        let mut steps = Vec::new();
        for item in &self.selection.0 {
            if let Item::Flow(f) = item {
                steps.push(Edit::RemoveFlow(f.clone()));
            }
        }
        for item in &self.selection.0 {
            match item {
                Item::Element(e) => {
                    // Flows of a deleted element go with it (inside RemoveElement); skip
                    // ones already removed above.
                    steps.push(Edit::RemoveElement(e.clone()));
                }
                Item::Boundary(b) => steps.push(Edit::RemoveBoundary(b.clone())),
                Item::Note(n) => steps.push(Edit::RemoveNote(n.clone())),
                Item::Flow(_) => {}
            }
        }
        let _ = d;
        if steps.is_empty() {
            return;
        }
        // The status names what went, flows that went with their elements included.
        self.apply(Edit::Batch(steps));
        self.selection = Selection::default();
    }

    fn select_all(&mut self) {
        let d = self.diagram();
        let mut s = Selection::default();
        s.0.extend(d.elements.iter().map(|e| Item::Element(e.id.clone())));
        s.0.extend(d.flows.iter().map(|f| Item::Flow(f.id.clone())));
        s.0.extend(d.boundaries.iter().map(|b| Item::Boundary(b.id.clone())));
        s.0.extend(d.notes.iter().map(|n| Item::Note(n.id.clone())));
        self.selection = s;
    }

    fn nudge(&mut self, dx: f32, dy: f32) {
        let layout = &self.doc.project.layout;
        let mut steps = Vec::new();
        for item in &self.selection.0 {
            match item {
                Item::Element(e) => {
                    if let Some(r) = layout.elements.get(e) {
                        steps.push(Edit::SetElementRect {
                            id: e.clone(),
                            rect: r.translated(dx, dy),
                        });
                    }
                }
                Item::Note(n) => {
                    if let Some(r) = layout.notes.get(n) {
                        steps.push(Edit::SetNoteRect {
                            id: n.clone(),
                            rect: r.translated(dx, dy),
                        });
                    }
                }
                Item::Boundary(b) => {
                    let shape = match layout.boundaries.get(b) {
                        Some(BoundaryShape::Region(r)) => {
                            BoundaryShape::Region(r.translated(dx, dy))
                        }
                        Some(BoundaryShape::Line(p)) => BoundaryShape::Line(
                            p.iter().map(|p| Pos::new(p.x + dx, p.y + dy)).collect(),
                        ),
                        None => continue,
                    };
                    steps.push(Edit::SetBoundaryShape {
                        id: b.clone(),
                        shape,
                    });
                }
                Item::Flow(f) => {
                    if let Some(w) = layout.waypoints.get(f) {
                        steps.push(Edit::SetWaypoints {
                            id: f.clone(),
                            points: w.iter().map(|p| Pos::new(p.x + dx, p.y + dy)).collect(),
                        });
                    }
                }
            }
        }
        if !steps.is_empty() {
            self.apply(Edit::Batch(steps));
        }
    }

    fn copy(&mut self) {
        let p = &self.doc.project;
        let d = self.diagram();
        let sel = &self.selection;
        let mut clip = Clip::default();
        for e in &d.elements {
            if sel.contains_id(e.id.as_str()) {
                if let Some(r) = p.layout.elements.get(&e.id) {
                    clip.elements.push((e.clone(), *r));
                }
            }
        }
        let copied = |id: &ElementId| clip.elements.iter().any(|(e, _)| &e.id == id);
        let flows: Vec<_> = d
            .flows
            .iter()
            .filter(|f| copied(&f.source) && copied(&f.target))
            .map(|f| {
                (
                    f.clone(),
                    p.layout.waypoints.get(&f.id).cloned().unwrap_or_default(),
                )
            })
            .collect();
        clip.flows = flows;
        for b in &d.boundaries {
            if sel.contains_id(b.id.as_str()) {
                if let Some(s) = p.layout.boundaries.get(&b.id) {
                    clip.boundaries.push((b.clone(), s.clone()));
                }
            }
        }
        for n in &d.notes {
            if sel.contains_id(n.id.as_str()) {
                if let Some(r) = p.layout.notes.get(&n.id) {
                    clip.notes.push((n.clone(), *r));
                }
            }
        }
        let count = clip.elements.len() + clip.boundaries.len() + clip.notes.len();
        if count == 0 {
            self.status = "Nothing selected to copy".into();
            return;
        }
        self.status = format!("Copied {}", crate::edit::count(count, "item", "items"));
        self.clip = Some(clip);
    }

    fn paste(&mut self) {
        let Some(clip) = self.clip.as_mut() else {
            self.status = "Nothing to paste".into();
            return;
        };
        clip.pastes += 1;
        let offset = 20.0 * clip.pastes as f32;
        let clip = clip.clone();
        let d = self.diagram();
        let diagram = d.id.clone();
        let mut steps = Vec::new();
        let mut selection = Selection::default();
        let mut ids = std::collections::HashMap::new();
        for (i, (e, r)) in clip.elements.iter().enumerate() {
            let mut e = e.clone();
            let new = ElementId::generate();
            ids.insert(e.id.clone(), new.clone());
            e.id = new.clone();
            selection.0.insert(Item::Element(new));
            steps.push(Edit::InsertElement {
                diagram: diagram.clone(),
                index: d.elements.len() + i,
                element: Box::new(e),
                rect: r.translated(offset, offset),
            });
        }
        for (i, (f, w)) in clip.flows.iter().enumerate() {
            let (Some(s), Some(t)) = (ids.get(&f.source), ids.get(&f.target)) else {
                continue;
            };
            let mut f = f.clone();
            f.id = FlowId::generate();
            f.source = s.clone();
            f.target = t.clone();
            selection.0.insert(Item::Flow(f.id.clone()));
            steps.push(Edit::InsertFlow {
                diagram: diagram.clone(),
                index: d.flows.len() + i,
                flow: Box::new(f),
                waypoints: w
                    .iter()
                    .map(|p| Pos::new(p.x + offset, p.y + offset))
                    .collect(),
            });
        }
        for (i, (b, s)) in clip.boundaries.iter().enumerate() {
            let mut b = b.clone();
            b.id = BoundaryId::generate();
            selection.0.insert(Item::Boundary(b.id.clone()));
            let shape = match s {
                BoundaryShape::Region(r) => BoundaryShape::Region(r.translated(offset, offset)),
                BoundaryShape::Line(p) => BoundaryShape::Line(
                    p.iter()
                        .map(|p| Pos::new(p.x + offset, p.y + offset))
                        .collect(),
                ),
            };
            steps.push(Edit::InsertBoundary {
                diagram: diagram.clone(),
                index: d.boundaries.len() + i,
                boundary: Box::new(b),
                shape,
            });
        }
        for (i, (n, r)) in clip.notes.iter().enumerate() {
            let mut n = n.clone();
            n.id = NoteId::generate();
            selection.0.insert(Item::Note(n.id.clone()));
            steps.push(Edit::InsertNote {
                diagram: diagram.clone(),
                index: d.notes.len() + i,
                note: n,
                rect: r.translated(offset, offset),
            });
        }
        let count = selection.0.len();
        self.apply(Edit::Batch(steps));
        self.selection = selection;
        self.status = format!("Pasted {}", crate::edit::count(count, "item", "items"));
    }

    fn new_diagram(&mut self) {
        let n = self.doc.project.diagrams.len() + 1;
        let diagram = Diagram::new(format!("Diagram {n}"));
        let id = diagram.id.clone();
        self.apply(Edit::InsertDiagram {
            index: self.doc.project.diagrams.len(),
            diagram: Box::new(diagram),
            layout: Box::new(DiagramLayout::default()),
        });
        self.switch_diagram(id);
    }

    fn switch_diagram(&mut self, id: DiagramId) {
        if id != self.diagram {
            self.diagram = id;
            self.selection = Selection::default();
            self.canvas.cancel();
            self.canvas.request_fit();
        }
    }

    // ------------------------------------------------------------------ files

    fn guard(&mut self, pending: Pending) {
        if self.doc.is_dirty() {
            self.modal = Some(Modal::Unsaved(pending));
        } else {
            self.proceed(pending);
        }
    }

    fn proceed(&mut self, pending: Pending) {
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

    fn replace_document(&mut self, doc: Document) {
        self.diagram = doc.project.diagrams[0].id.clone();
        self.doc = doc;
        self.selection = Selection::default();
        self.tool = Tool::Select;
        self.canvas = Canvas::default();
        self.analysis = None;
        self.autosaved_revision = self.doc.revision();
        self.load_project_catalogue();
    }

    fn load_project_catalogue(&mut self) {
        let base = Catalogue::builtin().unwrap_or_default();
        let sources = analysis::RuleSources {
            trusted: &self.prefs.trusted_folders,
            ..Default::default()
        };
        self.analysis = None;
        self.rules_error = None;
        self.catalogue =
            match analysis::catalogue_for(&self.doc.project, self.doc.path.as_deref(), &sources) {
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

    fn remember_recent(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_owned());
        self.prefs.recent.retain(|p| p != &path);
        self.prefs.recent.insert(0, path);
        self.prefs.recent.truncate(RECENT_MAX);
    }

    fn open_dialog(&mut self) {
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

    fn save_to(&mut self, path: &Path) -> bool {
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

    fn save_as(&mut self) {
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

    // ------------------------------------------------------------------ reports

    fn export_dialog(&mut self) {
        let suggested = self.doc.path.as_ref().map_or_else(
            || PathBuf::from("threat-model.pdf"),
            |p| p.with_extension("pdf"),
        );
        if !self.options.native_dialogs {
            self.modal = Some(Modal::Path {
                mode: PathMode::ExportPdf,
                text: suggested.display().to_string(),
                note: String::new(),
            });
            return;
        }
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .add_filter("PDF report", &["pdf"])
            .set_title("Export PDF report")
            .set_file_name(suggested.file_name().map_or_else(
                || "report.pdf".to_owned(),
                |n| n.to_string_lossy().into_owned(),
            ))
            .save_file();
        match picked {
            Some(path) => self.start_export(if path.extension().is_none() {
                path.with_extension("pdf")
            } else {
                path
            }),
            None if started.elapsed() < Duration::from_millis(300) => {
                self.modal = Some(Modal::Path {
                    mode: PathMode::ExportPdf,
                    text: suggested.display().to_string(),
                    note: "No file chooser is available on this desktop; type the path instead."
                        .into(),
                });
            }
            None => {}
        }
    }

    /// Asks for a file with the native dialog, or by typed path where there is none.
    fn ask_path(
        &mut self,
        mode: PathMode,
        save: bool,
        filter: (&str, &[&str]),
        suggested: PathBuf,
    ) {
        if !self.options.native_dialogs {
            self.modal = Some(Modal::Path {
                mode,
                text: suggested.display().to_string(),
                note: String::new(),
            });
            return;
        }
        let started = Instant::now();
        let dialog = rfd::FileDialog::new().add_filter(filter.0, filter.1);
        let picked = if save {
            dialog
                .set_file_name(
                    suggested
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                )
                .save_file()
        } else {
            dialog.pick_file()
        };
        match picked {
            Some(path) => match mode {
                PathMode::Import => self.import_model(&path),
                PathMode::Export(kind) => self.export_as(kind, path),
                PathMode::Compare => self.compare_with(&path.display().to_string()),
                _ => {}
            },
            None if started.elapsed() < Duration::from_millis(300) => {
                self.modal = Some(Modal::Path {
                    mode,
                    text: suggested.display().to_string(),
                    note: "No file chooser is available on this desktop; type the path instead."
                        .into(),
                });
            }
            None => {}
        }
    }

    fn import_dialog(&mut self) {
        self.ask_path(
            PathMode::Import,
            false,
            (
                "Threat model (Threat Dragon, Threat Modeling Tool, OTM)",
                &["json", "tm7", "otm", "yaml", "yml"],
            ),
            PathBuf::new(),
        );
    }

    fn export_dialog_for(&mut self, kind: ExportKind) {
        let base = self
            .doc
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from("threat-model.ron"));
        let suggested = base.with_extension(kind.extension());
        self.ask_path(
            PathMode::Export(kind),
            true,
            (kind.label().trim_end_matches('…'), &[kind.extension()]),
            suggested,
        );
    }

    /// Imports another tool's model (the format read from the content) as a new, unsaved
    /// project, and shows what was kept where.
    pub fn import_model(&mut self, path: &Path) {
        match tio::import::read(path) {
            Ok((project, report)) => {
                let mut doc = Document::new(project, None);
                doc.mark_dirty();
                self.replace_document(doc);
                use crate::edit::count;
                let mut message = format!(
                    "{}, {}, {}, {}, {} and {} imported from {}.",
                    count(report.diagrams, "diagram", "diagrams"),
                    count(report.elements, "element", "elements"),
                    count(report.flows, "flow", "flows"),
                    count(report.boundaries, "trust boundary", "trust boundaries"),
                    count(report.notes, "note", "notes"),
                    count(report.threats, "threat", "threats"),
                    path.file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
                );
                if !report.kept.is_empty() {
                    message.push_str("\n\nKept elsewhere:\n");
                    for k in &report.kept {
                        message.push_str(&format!("• {k}\n"));
                    }
                }
                message.push_str("\nSave it as a Threatboard project to keep it.");
                self.modal = Some(Modal::Error {
                    title: format!("Imported from {}", report.source),
                    message,
                });
            }
            Err(e) => {
                self.modal = Some(Modal::Error {
                    title: "Cannot import".into(),
                    message: e.to_string(),
                })
            }
        }
    }

    fn export_as(&mut self, kind: ExportKind, path: PathBuf) {
        let path = if path.extension().is_none() {
            path.with_extension(kind.extension())
        } else {
            path
        };
        let project = self.doc.project.clone();
        let diagram = self.diagram().clone();
        let analysis = self.analysis().clone();
        let bytes: Result<Vec<u8>, String> = match kind {
            ExportKind::ThreatDragon => {
                serde_json::to_string_pretty(&tio::threat_dragon::export(&project))
                    .map(String::into_bytes)
                    .map_err(|e| e.to_string())
            }
            ExportKind::Otm => serde_json::to_string_pretty(&tio::otm::export(&project))
                .map(String::into_bytes)
                .map_err(|e| e.to_string()),
            ExportKind::ThreatComposer => {
                let png = crate::report::svg::svg_to_png(
                    &crate::report::svg::diagram_svg(&project, &diagram, Some(&analysis)),
                    1.0,
                )
                .ok();
                serde_json::to_string_pretty(&tio::threat_composer::export(
                    &project,
                    &analysis,
                    png.as_deref(),
                ))
                .map(String::into_bytes)
                .map_err(|e| e.to_string())
            }
            ExportKind::Csv => crate::report::csv(&analysis)
                .map(String::into_bytes)
                .map_err(|e| e.to_string()),
            ExportKind::Markdown => Ok(crate::report::markdown(&project, &analysis).into_bytes()),
            ExportKind::Svg => {
                Ok(
                    crate::report::svg::diagram_svg(&project, &diagram, Some(&analysis))
                        .into_bytes(),
                )
            }
            ExportKind::Png => crate::report::svg::svg_to_png(
                &crate::report::svg::diagram_svg(&project, &diagram, Some(&analysis)),
                2.0,
            )
            .map_err(|e| e.to_string()),
            ExportKind::Session => match project.sessions.last() {
                Some(session) => {
                    Ok(crate::report::session_markdown(&project, &analysis, session).into_bytes())
                }
                None => Err("No workshop has been held on this model yet.".to_owned()),
            },
        };
        match bytes.map_err(|e| e.to_string()).and_then(|b| {
            tio::write_atomic(&path, &b, false)
                .map(|()| b.len())
                .map_err(|e| e.to_string())
        }) {
            Ok(n) => self.status = format!("Exported {} ({} KB)", path.display(), n / 1024),
            Err(e) => {
                self.modal = Some(Modal::Error {
                    title: "Export failed".into(),
                    message: e,
                })
            }
        }
    }

    /// Renders and writes the report on a worker thread.
    fn start_export(&mut self, path: PathBuf) {
        if self.export.is_some() {
            self.status = "An export is already running".into();
            return;
        }
        let project = self.doc.project.clone();
        let analysis = self.analysis().clone();
        let mut name = self.doc.display_name();
        if self.doc.is_dirty() {
            name.push_str(" (unsaved changes)");
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let target = path.clone();
        let catalogue = self.catalogue.clone();
        std::thread::spawn(move || {
            let result = crate::report::pdf_for_file(
                &project, &analysis, &catalogue, &name, true, true, None,
            )
            .map_err(|e| e.to_string())
            .and_then(|pdf| {
                tio::write_atomic(&target, &pdf, false)
                    .map(|()| pdf.len())
                    .map_err(|e| e.to_string())
            });
            let _ = tx.send(result);
        });
        self.export = Some(ExportJob {
            path,
            done: rx,
            started: Instant::now(),
        });
    }

    /// Whether a PDF export is still running.
    pub fn exporting(&self) -> bool {
        self.export.is_some()
    }

    fn poll_export(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.export else { return };
        match job.done.try_recv() {
            Ok(Ok(bytes)) => {
                self.status = format!(
                    "Exported {} ({} KB) in {:.1} s",
                    job.path.display(),
                    bytes / 1024,
                    job.started.elapsed().as_secs_f32()
                );
                self.export = None;
            }
            Ok(Err(e)) => {
                self.modal = Some(Modal::Error {
                    title: "The report was not exported".into(),
                    message: e,
                });
                self.export = None;
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(Duration::from_millis(100))
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.modal = Some(Modal::Error {
                    title: "The report was not exported".into(),
                    message: "The export stopped unexpectedly.".into(),
                });
                self.export = None;
            }
        }
    }

    // ------------------------------------------------------------------ recovery

    fn recovery_files(&self) -> Option<(PathBuf, PathBuf)> {
        let dir = self.recovery_dir.as_ref()?;
        Some((dir.join("recovery.ron"), dir.join("recovery-info.ron")))
    }

    fn check_recovery(&mut self) {
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
    fn autosave(&mut self, ctx: &egui::Context) {
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
        })
        .unwrap_or_default();
        let text = tio::to_canonical_string(&self.doc.project).unwrap_or_default();
        if tio::write_atomic(&info, meta.as_bytes(), false).is_err()
            || tio::write_atomic(&file, text.as_bytes(), false).is_err()
        {
            self.status = "Could not write the recovery file".into();
        }
    }

    fn remove_recovery(&mut self) {
        if let Some((file, info)) = self.recovery_files() {
            let _ = std::fs::remove_file(file);
            let _ = std::fs::remove_file(info);
        }
    }
}

// The remaining pieces (UI, commands) live in a second impl block.
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
            Command::Redo | Command::RedoAlt => self.redo(),
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
            Command::Delete | Command::DeleteBackspace => self.request_delete(),
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
                self.compare = None;
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
            Command::UiScaleUp | Command::UiScaleUpAlt => {
                self.prefs.ui_scale = (self.scale() + 0.25).min(3.0)
            }
            Command::UiScaleDown => self.prefs.ui_scale = (self.scale() - 0.25).max(0.5),
            Command::CommandPalette | Command::CommandPaletteAlt => {
                self.palette = Some((String::new(), 0))
            }
            Command::NudgeLeft => self.nudge(-step, 0.0),
            Command::NudgeRight => self.nudge(step, 0.0),
            Command::NudgeUp => self.nudge(0.0, -step),
            Command::NudgeDown => self.nudge(0.0, step),
            Command::Tool(t) => self.tool = t,
        }
    }

    fn canvas_size(&self, ctx: &egui::Context) -> egui::Vec2 {
        self.canvas
            .last_view
            .map_or(ctx.content_rect().size(), |_| {
                ctx.content_rect().size() * 0.6
            })
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        if self.modal.is_some() {
            return;
        }
        // Only a text field takes keys away from the canvas; a focused button does not.
        let typing =
            ctx.text_edit_focused() || self.canvas.rename.is_some() || self.palette.is_some();
        let presenting = self.walk.is_some();
        let mut commands = Command::all();
        // Most specific first: Ctrl+Shift+Z before Ctrl+Z (egui ignores extra Shift).
        commands.sort_by_key(|c| {
            std::cmp::Reverse(c.shortcut().map_or(0, |s| {
                let m = s.modifiers;
                u8::from(m.command) + u8::from(m.shift) + u8::from(m.alt)
            }))
        });
        let mut fired = Vec::new();
        ctx.input_mut(|i| {
            for c in commands {
                if typing && c.is_canvas_key() {
                    continue;
                }
                if typing && c == Command::Escape {
                    continue;
                }
                // Presenting: the walkthrough owns arrows, letters and Escape.
                if presenting
                    && (matches!(c, Command::Tool(_) | Command::Escape | Command::Present)
                        || c.is_canvas_key()
                            && !matches!(c, Command::Undo | Command::Redo | Command::RedoAlt))
                {
                    continue;
                }
                if let Some(s) = c.shortcut() {
                    // Plain-key tool shortcuts must not fire with Ctrl held (Ctrl+D, Ctrl+V…).
                    if s.modifiers == Modifiers::NONE && (i.modifiers.command || i.modifiers.alt) {
                        continue;
                    }
                    if i.consume_shortcut(&s) || consume_shifted_digit(i, &s) {
                        fired.push(c);
                    }
                }
            }
        });
        for c in fired {
            self.run(c, ctx);
        }
    }

    fn menus(&mut self, ui: &mut egui::Ui) {
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
                    for p in self.prefs.recent.clone() {
                        if ui.button(p.display().to_string()).clicked() {
                            self.guard(Pending::Open(Some(p)));
                        }
                    }
                });
                ui.separator();
                item(ui, Command::Save, true, &mut run);
                item(ui, Command::SaveAs, true, &mut run);
                ui.separator();
                if ui.button("Import model…").clicked() {
                    self.guard(Pending::Import);
                }
                item(ui, Command::ExportPdf, self.export.is_none(), &mut run);
                ui.menu_button("Export as", |ui| {
                    for kind in ExportKind::ALL {
                        if ui.button(kind.label()).clicked() {
                            self.export_dialog_for(kind);
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
                item(ui, Command::Paste, self.clip.is_some(), &mut run);
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
                ui.radio_value(&mut self.prefs.theme, None, "Follow the system");
                for t in Theme::ALL {
                    ui.radio_value(&mut self.prefs.theme, Some(t), t.label());
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
                item(ui, Command::StopCompare, self.compare.is_some(), &mut run);
            });
            ui.menu_button("Diagram", |ui| {
                item(ui, Command::NewDiagram, true, &mut run);
                ui.separator();
                let id = self.diagram.clone();
                self.diagram_menu(ui, &id);
            });
        });
        if let Some(c) = run {
            self.run(c, ui.ctx());
        }
    }

    fn palette_panel(&mut self, ui: &mut egui::Ui) {
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
            // The hint opens to the right, over the canvas, not over the next tool.
            if resp.hovered() && !resp.dragged() {
                egui::Popup::from_response(&resp)
                    .kind(egui::PopupKind::Tooltip)
                    .align(egui::RectAlign::RIGHT_START)
                    .gap(6.0)
                    .open(true)
                    .show(|ui| ui.label(tool.hint()));
            }
            if resp.clicked() {
                self.tool = tool;
            }
        }
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

    fn tabs(&mut self, ui: &mut egui::Ui) {
        let mut switch = None;
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
                    switch = Some(id.clone());
                }
                if r.double_clicked() {
                    self.modal = Some(Modal::RenameDiagram {
                        id: id.clone(),
                        text: name.clone(),
                    });
                }
                // Right-click a tab: rename, duplicate, move, delete.
                r.context_menu(|ui| self.diagram_menu(ui, &id));
            }
            if ui.button("+").on_hover_text("New diagram").clicked() {
                switch = None;
                self.new_diagram();
            }
        });
        if let Some(id) = switch {
            self.switch_diagram(id);
        }
    }

    /// Rename, duplicate, move and delete a diagram (the Diagram menu and a tab's context
    /// menu).
    fn diagram_menu(&mut self, ui: &mut egui::Ui, id: &DiagramId) {
        let count = self.doc.project.diagrams.len();
        let index = self
            .doc
            .project
            .diagrams
            .iter()
            .position(|d| &d.id == id)
            .unwrap_or(0);
        let name = self.doc.project.diagrams[index].name.clone();
        if ui.button("Rename diagram…").clicked() {
            self.modal = Some(Modal::RenameDiagram {
                id: id.clone(),
                text: name,
            });
            ui.close();
        }
        if ui.button("Duplicate diagram").clicked() {
            self.duplicate_diagram(id);
            ui.close();
        }
        if ui
            .add_enabled(index > 0, egui::Button::new("Move left"))
            .clicked()
        {
            self.move_diagram(id, index - 1);
            ui.close();
        }
        if ui
            .add_enabled(index + 1 < count, egui::Button::new("Move right"))
            .clicked()
        {
            self.move_diagram(id, index + 1);
            ui.close();
        }
        if ui
            .add_enabled(count > 1, egui::Button::new("Delete diagram"))
            .on_disabled_hover_text("A project keeps at least one diagram")
            .clicked()
        {
            self.apply(Edit::RemoveDiagram(id.clone()));
            if &self.diagram == id {
                self.diagram = self.doc.project.diagrams[index.min(count - 2)].id.clone();
                self.selection = Selection::default();
                self.canvas.request_fit();
            }
            ui.close();
        }
    }

    /// The diagram and its layout, for moving or copying it whole.
    fn diagram_with_layout(&self, id: &DiagramId) -> Option<(Diagram, DiagramLayout)> {
        let d = self.doc.project.diagram(id)?.clone();
        let l = &self.doc.project.layout;
        let layout = DiagramLayout {
            elements: d
                .elements
                .iter()
                .filter_map(|e| l.elements.get(&e.id).map(|r| (e.id.clone(), *r)))
                .collect(),
            boundaries: d
                .boundaries
                .iter()
                .filter_map(|b| l.boundaries.get(&b.id).map(|s| (b.id.clone(), s.clone())))
                .collect(),
            notes: d
                .notes
                .iter()
                .filter_map(|n| l.notes.get(&n.id).map(|r| (n.id.clone(), *r)))
                .collect(),
            waypoints: d
                .flows
                .iter()
                .filter_map(|f| l.waypoints.get(&f.id).map(|w| (f.id.clone(), w.clone())))
                .collect(),
        };
        Some((d, layout))
    }

    fn move_diagram(&mut self, id: &DiagramId, to: usize) {
        let Some((d, layout)) = self.diagram_with_layout(id) else {
            return;
        };
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
    fn duplicate_diagram(&mut self, id: &DiagramId) {
        let Some((d, layout)) = self.diagram_with_layout(id) else {
            return;
        };
        let index = self
            .doc
            .project
            .diagrams
            .iter()
            .position(|x| &x.id == id)
            .map_or(0, |i| i + 1);
        let mut copy = Diagram::new(format!("{} (copy)", d.name));
        let mut elements = std::collections::HashMap::new();
        let mut new_layout = DiagramLayout::default();
        for e in &d.elements {
            let mut c = e.clone();
            c.id = ElementId::generate();
            elements.insert(e.id.clone(), c.id.clone());
            if let Some((_, r)) = layout.elements.iter().find(|(x, _)| x == &e.id) {
                new_layout.elements.push((c.id.clone(), *r));
            }
            copy.elements.push(c);
        }
        for f in &d.flows {
            let mut c = f.clone();
            c.id = FlowId::generate();
            c.source = elements.get(&f.source).cloned().unwrap_or(c.source);
            c.target = elements.get(&f.target).cloned().unwrap_or(c.target);
            if let Some((_, w)) = layout.waypoints.iter().find(|(x, _)| x == &f.id) {
                new_layout.waypoints.push((c.id.clone(), w.clone()));
            }
            copy.flows.push(c);
        }
        for b in &d.boundaries {
            let mut c = b.clone();
            c.id = BoundaryId::generate();
            if let Some((_, sh)) = layout.boundaries.iter().find(|(x, _)| x == &b.id) {
                new_layout.boundaries.push((c.id.clone(), sh.clone()));
            }
            copy.boundaries.push(c);
        }
        for n in &d.notes {
            let mut c = n.clone();
            c.id = NoteId::generate();
            if let Some((_, r)) = layout.notes.iter().find(|(x, _)| x == &n.id) {
                new_layout.notes.push((c.id.clone(), *r));
            }
            copy.notes.push(c);
        }
        let new_id = copy.id.clone();
        self.apply(Edit::InsertDiagram {
            index,
            diagram: Box::new(copy),
            layout: Box::new(new_layout),
        });
        self.switch_diagram(new_id);
    }

    fn modal_ui(&mut self, ctx: &egui::Context) {
        let Some(modal) = self.modal.take() else {
            return;
        };
        let mut keep = true;
        let mut then: Option<Pending> = None;
        let name = self.doc.display_name();
        let mut next_modal: Option<Modal> = None;
        let mut then_present = false;
        let mut export_summary = false;
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
                            then_present = true;
                        }
                        if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                            keep = false;
                        }
                    });
                });
                Modal::Facilitator { text }
            }
            Modal::Summary { session } => {
                let analysis = self.analysis().clone();
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
                            "{} recorded; {} still open.",
                            crate::edit::count(decided.len(), "decision", "decisions"),
                            crate::edit::count(analysis.summary.open, "threat", "threats")
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
                            export_summary = true;
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
                                    let edit = self.stamp_decision(edit);
                                    self.apply(edit);
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
                            self.delete_selection();
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
                            self.apply(Edit::RenameDiagram {
                                id: id.clone(),
                                name: text.trim().to_owned(),
                            });
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
                            if self.rules_error.is_none() {
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
        if then_present {
            self.enter_presentation();
        }
        if export_summary {
            self.export_dialog_for(ExportKind::Session);
        }
    }

    fn command_palette(&mut self, ctx: &egui::Context) {
        let Some((mut query, mut index)) = self.palette.take() else {
            return;
        };
        let commands: Vec<Command> = Command::all()
            .into_iter()
            .filter(|c| c.in_palette())
            .filter(|c| c.label().to_lowercase().contains(&query.to_lowercase()))
            .collect();
        let mut run = None;
        let mut close = false;
        egui::Modal::new(egui::Id::new("command-palette")).show(ctx, |ui| {
            ui.set_width(360.0);
            let label = ui.label("Command");
            let r = ui
                .add(egui::TextEdit::singleline(&mut query).hint_text("Type a command…"))
                .labelled_by(label.id);
            r.request_focus();
            if r.changed() {
                index = 0;
            }
            ui.input(|i| {
                if i.key_pressed(Key::ArrowDown) {
                    index = (index + 1).min(commands.len().saturating_sub(1));
                }
                if i.key_pressed(Key::ArrowUp) {
                    index = index.saturating_sub(1);
                }
                if i.key_pressed(Key::Enter) {
                    run = commands.get(index).copied();
                }
                if i.key_pressed(Key::Escape) {
                    close = true;
                }
            });
            for (i, c) in commands.iter().enumerate().take(12) {
                let mut text = c.label();
                if let Some(s) = c.shortcut() {
                    text = format!("{text}    {}", ui.ctx().format_shortcut(&s));
                }
                if ui.selectable_label(i == index, text).clicked() {
                    run = Some(*c);
                }
            }
        });
        if let Some(c) = run {
            self.run(c, ctx);
        } else if !close {
            self.palette = Some((query, index));
        }
    }

    /// Open threats per subject and their highest severity, once per analysis.
    fn refresh_badges(&mut self) {
        let rev = self.doc.revision();
        if self.badges.as_ref().is_some_and(|(r, _)| *r == rev) {
            return;
        }
        let map: Badges = self.analysis().badges(&crate::report::today());
        self.badges = Some((rev, map));
    }

    /// The badge drawn on a subject: threats needing attention (open, or decided and past
    /// their review date) and the highest severity among them.
    pub fn badge(&mut self, id: &str) -> Option<(usize, Severity)> {
        self.refresh_badges();
        self.badges.as_ref().and_then(|(_, b)| b.get(id).copied())
    }

    /// Selects and reveals an element, flow or diagram by id, switching diagram if needed.
    pub fn focus_subject(&mut self, id: &str) {
        let project = &self.doc.project;
        let Some(d) = project.diagrams.iter().find(|d| {
            d.id.as_str() == id
                || d.elements.iter().any(|e| e.id.as_str() == id)
                || d.flows.iter().any(|f| f.id.as_str() == id)
        }) else {
            self.status = "That element or flow no longer exists".into();
            return;
        };
        let diagram = d.id.clone();
        let item = d
            .elements
            .iter()
            .find(|e| e.id.as_str() == id)
            .map(|e| Item::Element(e.id.clone()))
            .or_else(|| {
                d.flows
                    .iter()
                    .find(|f| f.id.as_str() == id)
                    .map(|f| Item::Flow(f.id.clone()))
            });
        let rect_of = |e: &ElementId| project.layout.elements.get(e);
        let rect = match &item {
            Some(Item::Element(e)) => rect_of(e).copied(),
            Some(Item::Flow(f)) => d
                .flow(f)
                .and_then(|f| Some(rect_of(&f.source)?.union(rect_of(&f.target)?))),
            _ => None,
        };
        // On the shared screen the subject is shown with its neighbours, large enough to
        // read: the element and everything it exchanges data with, or the flow's two ends.
        let neighbourhood = match &item {
            Some(Item::Element(e)) if self.walk.is_some() => rect.map(|r| {
                d.flows
                    .iter()
                    .filter_map(|f| match (&f.source, &f.target) {
                        (s, t) if s == e => rect_of(t),
                        (s, t) if t == e => rect_of(s),
                        _ => None,
                    })
                    .fold(r, |acc, n| acc.union(n))
            }),
            Some(Item::Flow(_)) if self.walk.is_some() => rect,
            _ => None,
        };
        self.switch_diagram(diagram);
        if let Some(item) = item {
            // Keep the pane scoped as it was: selecting from the list shows that subject.
            self.selection = Selection::one(item);
        }
        if let Some(n) = neighbourhood {
            self.canvas.request_fit_to(n);
        } else if let Some(r) = rect {
            self.canvas.reveal(r);
        }
    }

    /// A decision changed in the pane records who made it and when (as workshop decisions
    /// do): the facilitator's name if one was given, else the login name.
    fn stamp_decision(&self, edit: Edit) -> Edit {
        let who = if self.prefs.facilitator.trim().is_empty() {
            std::env::var("USER")
                .or_else(|_| std::env::var("USERNAME"))
                .unwrap_or_default()
        } else {
            self.prefs.facilitator.clone()
        };
        let stamp = |r: &mut ThreatRecord| {
            r.decided_by = who.clone();
            r.decided_at = crate::report::now_iso();
        };
        match edit {
            Edit::SetRecord {
                key,
                record: Some(mut r),
            } => {
                let before = self
                    .doc
                    .project
                    .threats
                    .get(&key)
                    .map_or(Status::Open, |old| old.status);
                if r.status != before {
                    stamp(&mut r);
                }
                Edit::SetRecord {
                    key,
                    record: Some(r),
                }
            }
            Edit::UpdateManualThreat(mut t) => {
                let before = self
                    .doc
                    .project
                    .manual_threats
                    .iter()
                    .find(|m| m.id == t.id)
                    .map(|m| m.record.status);
                if before.is_some_and(|b| b != t.record.status) {
                    stamp(&mut t.record);
                }
                Edit::UpdateManualThreat(t)
            }
            other => other,
        }
    }

    fn pane_action(&mut self, action: PaneAction) {
        match action {
            PaneAction::Resolve { index, theirs } => self.resolve_conflict(
                index,
                if theirs {
                    crate::history::merge::Side::Theirs
                } else {
                    crate::history::merge::Side::Ours
                },
            ),
            PaneAction::Apply(edit) => {
                let edit = self.stamp_decision(edit);
                // A decision names its threat in the status line.
                let decided = match &edit {
                    Edit::SetRecord {
                        key,
                        record: Some(r),
                    } if self
                        .doc
                        .project
                        .threats
                        .get(key)
                        .map_or(Status::Open, |old| old.status)
                        != r.status =>
                    {
                        let status = r.status;
                        self.analysis()
                            .findings
                            .iter()
                            .find(|f| &f.key == key)
                            .map(|f| (f.title.clone(), status))
                    }
                    _ => None,
                };
                self.apply(edit);
                if let Some((title, status)) = decided {
                    self.status = format!("“{title}”: {}", status.label().to_lowercase());
                }
            }
            PaneAction::Focus(id) => self.focus_subject(&id),
            PaneAction::AskJustification { key, status } => {
                self.modal = Some(Modal::Justification {
                    key,
                    status,
                    text: String::new(),
                });
            }
            PaneAction::AddManual(subject) => {
                let threat = ManualThreat {
                    id: ManualThreatId::generate(),
                    subject,
                    category: Category::Stride(Stride::Tampering),
                    title: "New threat".into(),
                    description: String::new(),
                    severity: Severity::Medium,
                    record: ThreatRecord::default(),
                };
                let key = ThreatKey::new("manual", threat.id.as_str());
                let index = self.doc.project.manual_threats.len();
                self.apply(Edit::InsertManualThreat {
                    index,
                    threat: Box::new(threat),
                });
                self.threats.selected = Some(key);
            }
        }
    }

    fn scale(&self) -> f32 {
        if self.prefs.ui_scale > 0.0 {
            self.prefs.ui_scale
        } else {
            1.0
        }
    }

    /// Applies the theme and interface scale when they change.
    fn apply_appearance(&mut self, ctx: &egui::Context) {
        let wanted = (self.prefs.theme, self.scale());
        if self.appearance != Some(wanted) {
            match wanted.0 {
                Some(theme) => ctx.set_visuals(theme.visuals()),
                None if self.appearance.is_some_and(|(t, _)| t.is_some()) => {
                    ctx.set_theme(egui::ThemePreference::System);
                }
                None => {}
            }
            ctx.set_zoom_factor(wanted.1);
            ctx.options_mut(|o| o.zoom_with_keyboard = false);
            self.appearance = Some(wanted);
            self.canvas.request_fit();
        }
    }

    /// Starts a workshop: asks for the facilitator once, records a session, shows the
    /// first threat.
    pub fn enter_presentation(&mut self) {
        if self.walk.is_some() {
            return;
        }
        if self.prefs.facilitator.trim().is_empty() {
            self.modal = Some(Modal::Facilitator {
                text: String::new(),
            });
            return;
        }
        let mut sessions = self.doc.project.sessions.clone();
        sessions.push(WorkshopSession {
            started: crate::report::now_iso(),
            facilitator: self.prefs.facilitator.clone(),
            ..WorkshopSession::default()
        });
        let index = sessions.len() - 1;
        self.apply(Edit::SetSessions(sessions));
        let mut walk = Walkthrough::default();
        walk.session = index;
        let analysis = self.analysis().clone();
        walk.step(&analysis, 0);
        let first = walk.current(&analysis).map(|f| f.subject().to_owned());
        self.walk = Some(walk);
        // The presentation layout has a different canvas area: fit the diagram to it.
        self.canvas.request_fit();
        if let Some(s) = first {
            self.focus_subject(&s);
        }
        self.status = "Presenting: → next threat, M/I/N/A/T record a decision, Esc leaves".into();
    }

    /// Ends the workshop and shows its summary.
    pub fn leave_presentation(&mut self) {
        let Some(walk) = self.walk.take() else { return };
        let mut sessions = self.doc.project.sessions.clone();
        if let Some(s) = sessions.get_mut(walk.session) {
            s.ended = crate::report::now_iso();
            self.apply(Edit::SetSessions(sessions));
        }
        self.modal = Some(Modal::Summary {
            session: walk.session,
        });
        self.status = "Presentation ended".into();
        self.canvas.request_fit();
    }

    /// The shared-screen layout: the walkthrough bar, the diagram with the current element
    /// in focus, and the current threat large.
    fn presentation(&mut self, ui: &mut egui::Ui) {
        let analysis = self.analysis().clone();
        let mut actions = Vec::new();
        egui::Panel::top("walk-top").show(ui, |ui| {
            if let Some(w) = self.walk.as_mut() {
                actions = w.top_bar(ui, &self.doc.project, &analysis);
            }
        });
        let height = ui.available_height() * 0.42;
        egui::Panel::bottom("walk-card")
            .exact_size(height)
            .show(ui, |ui| {
                if let Some(w) = self.walk.as_mut() {
                    w.card(ui, &analysis);
                }
            });
        let focus_subject = self
            .walk
            .as_ref()
            .and_then(|w| w.current(&analysis))
            .map(|f| f.subject().to_owned());
        let mut canvas_actions = Vec::new();
        egui::CentralPanel::default().show(ui, |ui| {
            let revision = self.doc.revision();
            let diagram = self.diagram().clone();
            self.refresh_badges();
            let badges = self.badges.as_ref().map(|(_, b)| b);
            let badge = |id: &str| badges.and_then(|b| b.get(id).copied());
            let focused = |id: &str| focus_subject.as_deref() == Some(id);
            let key =
                revision
                    .wrapping_mul(31)
                    .wrapping_add(focus_subject.as_ref().map_or(0, |s| {
                        s.len() as u64 + s.bytes().map(u64::from).sum::<u64>()
                    }));
            let overlay = Overlay {
                badge: Some(&badge),
                focus: focus_subject
                    .as_ref()
                    .map(|_| &focused as &dyn Fn(&str) -> bool),
                key,
                changes: None,
            };
            canvas_actions = self.canvas.show(
                ui,
                &self.doc.project,
                revision,
                &diagram,
                &self.selection,
                Tool::Select,
                self.prefs.snap,
                &overlay,
            );
        });
        for a in canvas_actions {
            if let Action::Select(s) = a {
                self.selection = s;
            }
        }
        for a in actions {
            self.walk_action(a);
        }
    }

    fn walk_action(&mut self, a: WalkAction) {
        match a {
            WalkAction::Apply(edit) => self.apply(edit),
            WalkAction::Focus(id) => self.focus_subject(&id),
            WalkAction::Leave => self.leave_presentation(),
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
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
}

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
        if let Some(path) = dropped.into_iter().next() {
            self.guard(Pending::Open(Some(path)));
        }
        self.apply_appearance(&ctx);
        if self.walk.is_some() && self.modal.is_none() {
            let analysis = self.analysis().clone();
            let facilitator = self.prefs.facilitator.clone();
            let now = crate::report::now_iso();
            let actions = self
                .walk
                .as_mut()
                .map(|w| w.keys(&ctx, &self.doc.project, &analysis, &facilitator, &now))
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
            .show(ui, |ui| self.palette_panel(ui));
        let mut inspector_edit = None;
        let mut pane_actions = Vec::new();
        let mut open_trusted = false;
        let mut stop_compare = false;
        self.refresh_compare();
        egui::Panel::right("side")
            .resizable(true)
            .default_size(340.0)
            .show(ui, |ui| {
                self.analysis();
                let conflicts = self.doc.project.conflicts.len();
                let (open, messages) = self.analysis.as_ref().map_or((0, 0), |(_, a)| {
                    let shown = a
                        .validation
                        .iter()
                        .filter(|m| m.code != "orphaned-record")
                        .count();
                    (a.summary.open, shown + a.orphaned.len() + conflicts)
                });
                ui.horizontal(|ui| {
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
                            let d = self.diagram().clone();
                            inspector_edit =
                                inspector::show(ui, &self.doc.project, &d, &self.selection);
                        });
                    }
                    RightTab::Threats => {
                        // The selection's properties above its threats: tick a box, watch
                        // the threats change.
                        if !self.prefs.properties_apart && !self.selection.is_empty() {
                            let h = ui.available_height();
                            egui::Panel::top("side-properties")
                                .resizable(true)
                                .default_size((h * 0.4).max(120.0))
                                .max_size(h * 0.7)
                                .min_size(80.0)
                                .show(ui, |ui| {
                                    egui::ScrollArea::vertical()
                                        .id_salt("side-properties-scroll")
                                        .auto_shrink([false, false])
                                        .show(ui, |ui| {
                                            let d = self.diagram().clone();
                                            inspector_edit = inspector::show(
                                                ui,
                                                &self.doc.project,
                                                &d,
                                                &self.selection,
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
            let diagram = self.diagram().clone();
            self.refresh_badges();
            let badges = self.badges.as_ref().map(|(_, b)| b);
            let badge = |id: &str| badges.and_then(|b| b.get(id).copied());
            let overlay = Overlay {
                badge: Some(&badge),
                focus: None,
                key: revision,
                changes: self.compare.as_ref().map(|c| &c.marks),
            };
            actions = self.canvas.show(
                ui,
                &self.doc.project,
                revision,
                &diagram,
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
