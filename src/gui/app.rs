//! The Threatboard desktop app: panels, commands, files and the undo history around the
//! canvas. Widgets push what the user asked for into one queue (`gui/action.rs`), applied
//! after the UI pass in `app/actions.rs`, one undo step per user action.
//!
//! `ThreatboardApp` holds the document, what is shown and selected, and sub-states that
//! own their state and methods, each in its module here: `analysed` (the analysis and
//! its rules), `badges`, `review` (comparison, sign-off state), `export` (the PDF job),
//! `recovery`, `window`, `appearance`, `palette` (the command palette), `verify` (the
//! evidence and the block libraries). The panels are drawn in `layout`, the dialogs in
//! `modals`, the menus, keys and commands in `menus`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::{Key, Modifiers, ViewportCommand};
use serde::{Deserialize, Serialize};

mod actions;
mod analysed;
mod appearance;
mod badges;
mod editing;
mod export;
mod files;
mod layout;
mod menus;
mod modals;
mod palette;
mod panes;
mod pasteboard;
mod prefs;
mod presentation;
mod recovery;
mod review;
mod verify;
mod window;

use super::action::Actions;
use super::canvas::{self, Canvas, Overlay};
use super::commands::{Command, ExportKind, Tool};
use super::document::Document;
use super::inspector;
use super::selection::{Item, Selection};
use super::style::Theme;
use super::threats::{self, ThreatsPane};
use super::workshop::Walkthrough;
use crate::analysis::Analysis;
use crate::edit::{DiagramLayout, Edit};
use crate::io as tio;
use crate::model::*;
use analysed::Analysed;

const RECENT_MAX: usize = 10;
const PREFS_KEY: &str = "threatboard-prefs";

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

/// The app. What it shows and edits is here; what an area of it keeps between frames is
/// a sub-state of that area's module.
pub struct ThreatboardApp {
    pub doc: Document,
    diagram: DiagramId,
    pub selection: Selection,
    pub tool: Tool,
    canvas: Canvas,
    prefs: Prefs,
    modal: Option<Modal>,
    /// What was copied, and how many times it was pasted.
    clip: pasteboard::Pasteboard,
    status: String,
    /// The command palette, while it is open.
    palette: Option<palette::CommandPalette>,
    /// The analysis of the current revision and the rules it is made with.
    analysed: Analysed,
    options: Options,
    /// Unsaved work written aside every few seconds.
    recovery: recovery::Recovery,
    /// The window's title and closing it.
    window: window::Window,
    pub threats: ThreatsPane,
    pub right_tab: RightTab,
    reattach: Option<(ThreatKey, crate::model::SubjectId)>,
    /// The badges of a revision, and the subjects with a failing control.
    badges: badges::Badges,
    /// The PDF export running, if any.
    export: export::Exporting,
    pub walk: Option<Walkthrough>,
    /// The theme and scale egui was given.
    appearance: appearance::Appearance,
    /// The comparison shown, and the sign-off's state per revision.
    review: review::Review,
    /// Verification results loaded this session, and the model's verification.
    evidence: verify::EvidenceState,
    /// The building-block libraries the project can use.
    libraries: verify::LibraryState,
    /// The offer to bring in what the project's infrastructure templates say now.
    template_sync: super::template_sync::TemplateSync,
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
        let mut app = Self::with_project(
            Project::new("Untitled threat model"),
            None,
            prefs,
            Analysed::builtin(),
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
        analysed: Analysed,
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
            clip: pasteboard::Pasteboard::default(),
            status: String::new(),
            palette: None,
            analysed,
            options,
            recovery: recovery::Recovery::new(recovery_dir),
            window: window::Window::default(),
            threats: ThreatsPane::default(),
            right_tab: RightTab::Threats,
            reattach: None,
            badges: badges::Badges::default(),
            export: export::Exporting::default(),
            walk: None,
            appearance: appearance::Appearance::default(),
            review: review::Review::default(),
            evidence: verify::EvidenceState::default(),
            libraries: verify::LibraryState::default(),
            template_sync: Default::default(),
        }
    }

    /// The inspector of the selection on the diagram shown (borrowed, not copied).
    fn inspector_ui(
        &self,
        ui: &mut egui::Ui,
        verification: Option<&crate::evidence::Verification>,
        actions: &mut Actions,
    ) {
        let project = &self.doc.project;
        let d = project.diagram_or_first(&self.diagram);
        let revision = self.doc.revision();
        inspector::show(
            ui,
            project,
            d,
            &self.selection,
            verification,
            revision,
            actions,
        );
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
        self.analysed.of(&self.doc)
    }

    /// The display list the canvas drew last, once every route is placed.
    pub fn drawn_scene(&self) -> Option<&crate::scene::display::Scene> {
        self.canvas.scene(&self.diagram)
    }

    /// The analysis of the current revision, shared (no copy).
    pub fn shared_analysis(&mut self) -> std::sync::Arc<Analysis> {
        self.analysed.of(&self.doc).clone()
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
}

impl eframe::App for ThreatboardApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.close_request(&ctx);
        self.apply_appearance(&ctx);
        // Every intent of the frame goes into one queue. The keys' and the dropped files'
        // are applied before the panels draw, so the frame shows what they did; the
        // panels', once they have drawn.
        let mut actions = Actions::new();
        self.dropped_files(&ctx, &mut actions);
        self.keys(&ctx, &mut actions);
        self.handle(&ctx, std::mem::take(&mut actions));
        if self.walk.is_some() {
            self.presentation(ui, &mut actions);
        } else {
            self.panels(ui, &mut actions);
            self.command_palette(&ctx, &mut actions);
        }
        self.handle(&ctx, std::mem::take(&mut actions));
        self.offer_template_sync(&ctx);
        // An open dialog keeps the panels from being used; what it confirms is applied
        // once it has drawn.
        self.modal_ui(&ctx, &mut actions);
        self.handle(&ctx, actions);
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

impl ThreatboardApp {
    /// A template the project names says something the model does not: offer the sync
    /// (`super::template_sync`), and apply it as one undoable step with its changes marked.
    fn offer_template_sync(&mut self, ctx: &egui::Context) {
        let (project, path, rev) = (
            &self.doc.project,
            self.doc.path.as_deref(),
            self.doc.revision(),
        );
        self.template_sync
            .poll(ctx, project, path, rev, &self.prefs.trusted_folders);
        if let Some(s) = self.template_sync.ui(ctx, project, self.canvas.last_area) {
            let before = self.doc.project.clone();
            self.apply(Edit::ReplaceProject {
                project: Box::new(s.project),
                what: s.what,
            });
            self.review.compare = Some(super::changes::Compare::new(
                s.label,
                before,
                &self.analysed.catalogue,
            ));
            self.right_tab = RightTab::Changes;
        }
    }
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
