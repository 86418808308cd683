//! The pipeline's evidence and the approved building blocks in the app: loading
//! verification results (menu or dropped files), the verification of the model as it is
//! edited, the block libraries, placing a block and taking a block's new version. Two
//! sub-states own what they keep and work out: `EvidenceState` (reading the files, the
//! project's templates, the verification per revision) and `LibraryState` (the libraries
//! read from disk, their newer versions per revision, the edits that place a block or take
//! its new version, the reference a picked library gets, the palette's blocks section);
//! the app's methods here only join them to the document, the status line and the
//! dialogs.

use super::*;
use crate::blocks::{self, Library};
use crate::evidence::{self, EvidenceFile, Template, Verification};

/// Evidence loaded for this session (not saved in the project: it belongs to a pipeline
/// run, and the report records each file's hash).
#[derive(Default)]
pub struct EvidenceState {
    pub files: Vec<EvidenceFile>,
    templates: Vec<Template>,
    template_errors: Vec<String>,
    /// Goes up when files are loaded or cleared.
    generation: u64,
    result: Option<((u64, u64), std::sync::Arc<Verification>)>,
}

/// The building-block libraries the project can use.
#[derive(Default)]
pub struct LibraryState {
    key: Option<(Vec<String>, Option<PathBuf>)>,
    /// The libraries' files' modification times when read, and when they were last
    /// looked at: a library updated on disk (a `git pull`) is read again.
    stamps: Vec<Option<std::time::SystemTime>>,
    checked: Option<Instant>,
    /// Goes up when the libraries are read again.
    generation: u64,
    /// The newer block versions, for a project revision and a reading of the libraries
    /// (asked every frame by the Messages count and the File menu).
    updates: Option<((u64, u64), Vec<blocks::Update>)>,
    pub libraries: Vec<Library>,
    pub errors: Vec<String>,
    pub search: String,
}

impl LibraryState {
    /// The libraries of the project as it stands (read again when the list or the
    /// project's place changes).
    fn refresh(&mut self, doc: &Document, trusted: &[PathBuf]) {
        let key = (doc.project.libraries.clone(), doc.path.clone());
        let stamps = || -> Vec<Option<std::time::SystemTime>> {
            key.0
                .iter()
                .map(|r| {
                    crate::io::reference::resolve("block library", r, key.1.as_deref(), &[])
                        .ok()
                        .and_then(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
                })
                .collect()
        };
        let recheck = self
            .checked
            .is_none_or(|t| t.elapsed() > Duration::from_secs(2));
        let stale = self.key.as_ref() != Some(&key)
            || (recheck && {
                self.checked = Some(Instant::now());
                stamps() != self.stamps
            });
        if stale {
            self.stamps = stamps();
            self.checked = Some(Instant::now());
            let (libs, errors) = blocks::for_project(&doc.project, doc.path.as_deref(), trusted);
            self.libraries = libs;
            self.errors = errors;
            self.key = Some(key);
            self.generation += 1;
        }
    }

    /// Elements whose block has a newer approved version, once per revision of the
    /// document and reading of the libraries.
    fn updates(&mut self, doc: &Document) -> Vec<blocks::Update> {
        let key = (doc.revision(), self.generation);
        match &self.updates {
            Some((k, u)) if *k == key => u.clone(),
            _ => {
                let u = blocks::updates(&doc.project, &self.libraries);
                self.updates = Some((key, u.clone()));
                u
            }
        }
    }

    /// The edit that places block `drag` on `diagram`, centred on `at`: the new element's
    /// id, the edit and what to say about it; `None` when the block is not in the libraries.
    fn place(
        &self,
        drag: &BlockDrag,
        project: &Project,
        diagram: &DiagramId,
        at: Pos,
        when: &str,
    ) -> Option<(ElementId, Edit, String)> {
        let library = self.libraries.iter().find(|l| l.name == drag.library)?;
        let block = library.block(&drag.block)?;
        let (id, edit) = blocks::place(project, diagram, library, block, at, when)?;
        let status = format!(
            "Placed {} (block {} v{}): {} made in advance, marked as the block's",
            block.name,
            block.id,
            block.version,
            crate::edit::count(block.decisions.len(), "decision", "decisions")
        );
        Some((id, edit, status))
    }

    /// The one edit that takes the newer version of the blocks of `elements` (all of them
    /// when empty), and how many elements it changes; `None` when there is nothing to take.
    fn take_updates(
        &mut self,
        doc: &Document,
        elements: &[ElementId],
        when: &str,
    ) -> Option<(Edit, usize)> {
        let updates = self.updates(doc);
        let mut steps = Vec::new();
        let mut scratch = doc.project.clone();
        for u in updates
            .iter()
            .filter(|u| elements.is_empty() || elements.contains(&u.element))
        {
            if let Some(edit) = blocks::update(&scratch, &self.libraries, &u.element, when)
                && edit.clone().apply(&mut scratch).is_ok()
            {
                steps.push(edit);
            }
        }
        let n = steps.len();
        match n {
            0 => None,
            1 => Some((steps.remove(0), 1)),
            _ => Some((Edit::Batch(steps), n)),
        }
    }

    /// How the project names the library at `picked`: its path relative to the folder of
    /// the project at `project_path` (`None` when the project names it already), or the
    /// title and text of why it cannot.
    fn reference_for(
        project: &Project,
        project_path: &Path,
        picked: &Path,
    ) -> Result<Option<String>, (&'static str, String)> {
        let picked = picked.to_owned();
        let folder = project_path.parent().unwrap_or(Path::new("."));
        let folder = folder.canonicalize().unwrap_or_else(|_| folder.to_owned());
        let picked_real = picked.canonicalize().unwrap_or(picked.clone());
        let Ok(relative) = picked_real.strip_prefix(&folder) else {
            return Err((
                "The library is outside the project's folder",
                format!(
                    "{} is not inside {}. Copy the library next to the project (projects travel with their libraries in git).",
                    picked.display(),
                    folder.display()
                ),
            ));
        };
        if let Err(e) = Library::load(&picked) {
            return Err(("Not a block library", e.to_string()));
        }
        let reference = relative.to_string_lossy().replace('\\', "/");
        Ok((!project.libraries.contains(&reference)).then_some(reference))
    }
}

pub use super::canvas::BlockDrag;

/// Whether a dropped file is verification evidence rather than a model.
pub(super) fn is_evidence(path: &Path) -> bool {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase)
    {
        Some(e) if e == "sarif" || e == "xml" => true,
        Some(e) if e == "json" => {
            // A SARIF log saved as .json: "runs" near the top, no model keys.
            let mut head = Vec::new();
            std::fs::File::open(path)
                .and_then(|f| {
                    std::io::Read::read_to_end(&mut std::io::Read::take(f, 8 * 1024), &mut head)
                })
                .is_ok()
                && {
                    let text = String::from_utf8_lossy(&head);
                    text.contains("\"runs\"") && !text.contains("\"otmVersion\"")
                }
        }
        _ => false,
    }
}

impl LibraryState {
    /// The palette's "Building blocks" section: search, drag a block onto the canvas (or
    /// click it): the block clicked, to be placed in the middle of the view.
    fn palette(&mut self, ui: &mut egui::Ui) -> Option<BlockDrag> {
        ui.strong("Building blocks");
        ui.add(
            egui::TextEdit::singleline(&mut self.search)
                .hint_text("Search blocks")
                .desired_width(150.0),
        )
        .widget_info(|| {
            egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "Search blocks")
        });
        let needle = self.search.trim().to_lowercase();
        let mut place = None;
        for lib in &self.libraries {
            let blocks: Vec<&blocks::Block> = lib
                .blocks
                .iter()
                .filter(|b| {
                    needle.is_empty()
                        || b.name.to_lowercase().contains(&needle)
                        || b.technology.to_lowercase().contains(&needle)
                        || b.id.contains(&needle)
                })
                .collect();
            if blocks.is_empty() {
                continue;
            }
            let title = if lib.title.is_empty() {
                &lib.name
            } else {
                &lib.title
            };
            ui.weak(title);
            for b in blocks {
                let label = format!("{}  v{}", b.name, b.version);
                let resp = ui.add(
                    egui::Button::new(label)
                        .truncate()
                        .min_size(egui::vec2(150.0, 0.0))
                        .sense(egui::Sense::click_and_drag()),
                );
                let drag = BlockDrag {
                    library: lib.name.clone(),
                    block: b.id.clone(),
                };
                if resp.drag_started() {
                    egui::DragAndDrop::set_payload(ui.ctx(), drag.clone());
                }
                if resp.dragged() {
                    ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
                }
                if resp.clicked() {
                    place = Some(drag);
                }
                super::menus::palette_tooltip(&resp, |ui| {
                    ui.set_max_width(320.0);
                    ui.strong(format!("{} — {}", b.name, b.technology));
                    ui.label(&b.description);
                    ui.weak(format!(
                                "v{} approved by {}{}; {} decision{} made in advance. Drag onto the canvas, or click to place.",
                                b.version,
                                b.approved_by,
                                if b.approved_at.is_empty() {
                                    String::new()
                                } else {
                                    format!(" on {}", b.approved_at)
                                },
                                b.decisions.len(),
                                if b.decisions.len() == 1 { "" } else { "s" }
                            ));
                });
            }
        }
        for e in &self.errors {
            ui.colored_label(ui.visuals().warn_fg_color, e);
        }
        place
    }
}

impl EvidenceState {
    /// Why the project's infrastructure templates could not be read.
    pub fn template_errors(&self) -> &[String] {
        &self.template_errors
    }

    /// Adds evidence files; a file loaded again replaces its earlier reading.
    fn add(&mut self, loaded: Vec<EvidenceFile>) {
        for f in loaded {
            self.files.retain(|g| g.path != f.path);
            self.files.push(f);
        }
        self.generation += 1;
    }

    /// Reads evidence files and adds those that read (a file loaded again replaces its
    /// earlier reading), reading the project's templates again with them. Gives the files
    /// loaded, each named with what it holds, and why the others were not.
    fn load(
        &mut self,
        paths: &[PathBuf],
        doc: &Document,
        trusted: &[PathBuf],
    ) -> (Vec<String>, Vec<String>) {
        let mut loaded = Vec::new();
        let mut errors = Vec::new();
        for path in paths {
            match evidence::load(path) {
                Ok(f) => loaded.push(f),
                Err(e) => errors.push(e.to_string()),
            }
        }
        let names: Vec<String> = loaded
            .iter()
            .map(|f| {
                format!(
                    "{} ({})",
                    f.path.file_name().map_or_else(
                        || f.path.display().to_string(),
                        |n| n.to_string_lossy().into_owned()
                    ),
                    f.summary()
                )
            })
            .collect();
        if !loaded.is_empty() {
            self.add(loaded);
            self.refresh_templates(doc, trusted);
        }
        (names, errors)
    }

    /// Drops every evidence file.
    fn clear(&mut self) {
        self.files.clear();
        self.generation += 1;
        self.result = None;
    }

    /// Reads the project's infrastructure templates again (they map scanners' lines).
    fn refresh_templates(&mut self, doc: &Document, trusted: &[PathBuf]) {
        let (templates, errors) =
            evidence::project_templates(&doc.project, doc.path.as_deref(), trusted);
        self.templates = templates;
        self.template_errors = errors;
    }

    /// The verification of the document as it stands against the loaded evidence
    /// (`analysis` gives it when it must be worked out again); `None` when no evidence is
    /// loaded.
    fn verification(
        &mut self,
        doc: &Document,
        analysis: impl FnOnce() -> std::sync::Arc<crate::analysis::Analysis>,
    ) -> Option<std::sync::Arc<Verification>> {
        if self.files.is_empty() {
            return None;
        }
        let key = (doc.revision(), self.generation);
        if self.result.as_ref().is_none_or(|(k, _)| *k != key) {
            let v = evidence::verify(
                &doc.project,
                &analysis(),
                &self.files,
                &self.templates,
                &crate::report::today(),
            );
            self.result = Some((key, std::sync::Arc::new(v)));
        }
        self.result.as_ref().map(|(_, v)| v.clone())
    }
}

impl ThreatboardApp {
    /// Loads evidence files; each one that cannot be read is reported and nothing changes
    /// for it. A file loaded again replaces its earlier reading.
    pub fn load_evidence(&mut self, paths: &[PathBuf]) {
        let (names, errors) = self
            .evidence
            .load(paths, &self.doc, &self.prefs.trusted_folders);
        if !names.is_empty() {
            self.badges.forget();
            self.status = format!("Loaded verification results: {}", names.join("; "));
        }
        if !errors.is_empty() {
            self.modal = Some(Modal::Error {
                title: "Verification results not loaded".into(),
                message: format!(
                    "{}\n\nThe model and the results already loaded are unchanged.",
                    errors.join("\n")
                ),
            });
        }
    }

    /// Whether a subject's badge counts a mitigation whose control fails (drawn with a red
    /// ring).
    pub fn control_failing_on(&mut self, id: &str) -> bool {
        self.refresh_badges();
        self.badges.alerts.contains(id)
    }

    pub(super) fn clear_evidence(&mut self) {
        self.evidence.clear();
        self.badges.forget();
        self.status = "Verification results cleared".into();
    }

    /// The verification of the model as it stands against the loaded evidence; `None`
    /// when no evidence is loaded.
    pub fn verification(&mut self) -> Option<std::sync::Arc<Verification>> {
        let Self {
            evidence,
            analysed,
            doc,
            ..
        } = self;
        evidence.verification(doc, || analysed.of(doc).clone())
    }

    pub(super) fn evidence_dialog(&mut self) {
        if !self.options.native_dialogs {
            self.modal = Some(Modal::Path {
                mode: PathMode::Evidence,
                text: String::new(),
                note: "SARIF 2.1.0 (cfn-lint, cfn_nag, checkov, cfn-guard, KICS …) or JUnit XML"
                    .into(),
            });
            return;
        }
        if let Some(paths) = rfd::FileDialog::new()
            .add_filter(
                "Verification results (SARIF, JUnit XML)",
                &["sarif", "json", "xml"],
            )
            .set_title("Load verification results")
            .pick_files()
        {
            self.load_evidence(&paths);
        }
    }

    /// The libraries of the project as it stands (read again when the list or the
    /// project's place changes).
    pub fn libraries(&mut self) -> &LibraryState {
        self.libraries
            .refresh(&self.doc, &self.prefs.trusted_folders);
        &self.libraries
    }

    /// Places a block on the current diagram, centred on `at`, and selects it.
    pub fn place_block(&mut self, drag: &BlockDrag, at: Pos) {
        self.libraries();
        let when = crate::report::now_iso();
        let placed = self
            .libraries
            .place(drag, &self.doc.project, &self.diagram, at, &when);
        if let Some((id, edit, status)) = placed {
            self.apply(edit);
            self.selection = Selection::one(Item::Element(id));
            self.status = status;
        }
    }

    /// Elements whose block has a newer approved version.
    pub fn block_updates(&mut self) -> Vec<blocks::Update> {
        self.libraries();
        self.libraries.updates(&self.doc)
    }

    /// Takes the newer version of the blocks of `elements` (all of them when empty), as
    /// one undoable step.
    pub fn update_blocks(&mut self, elements: &[ElementId]) {
        self.libraries();
        let when = crate::report::now_iso();
        if let Some((edit, n)) = self.libraries.take_updates(&self.doc, elements, &when) {
            self.apply(edit);
            self.status = format!(
                "Took the new block version on {}",
                crate::edit::count(n, "element", "elements")
            );
        }
    }

    /// File → Add building-block library…: a RON library inside the project's folder (or
    /// a trusted folder), named by its path relative to the project.
    pub(super) fn add_library_dialog(&mut self) {
        let Some(project_path) = self.doc.path.clone() else {
            self.modal = Some(Modal::Error {
                title: "Save the project first".into(),
                message: "A project names its block libraries relative to its own file. Save it, then add the library.".into(),
            });
            return;
        };
        if !self.options.native_dialogs {
            self.modal = Some(Modal::Path {
                mode: PathMode::Library,
                text: String::new(),
                note: "A block library (RON) inside the project's folder".into(),
            });
            return;
        }
        if let Some(picked) = rfd::FileDialog::new()
            .add_filter("Threatboard block library", &["ron"])
            .set_title("Add building-block library")
            .pick_file()
        {
            self.add_library(&project_path, &picked);
        }
    }

    /// Names the library at `picked` in the project, relative to the project's folder.
    pub(super) fn add_library(&mut self, project_path: &Path, picked: &Path) {
        let reference = match LibraryState::reference_for(&self.doc.project, project_path, picked) {
            Ok(Some(reference)) => reference,
            Ok(None) => return,
            Err((title, message)) => {
                self.modal = Some(Modal::Error {
                    title: title.into(),
                    message,
                });
                return;
            }
        };
        let mut list = self.doc.project.libraries.clone();
        list.push(reference.clone());
        self.apply(Edit::SetLibraries(list));
        self.status = format!("Added the building-block library {reference}");
    }

    /// The palette's "Building blocks" section: search, drag a block onto the canvas (or
    /// click it to place it in the middle of the view).
    pub(super) fn blocks_palette(
        &mut self,
        ui: &mut egui::Ui,
        actions: &mut crate::gui::action::Actions,
    ) {
        self.libraries();
        if let Some(drag) = self.libraries.palette(ui) {
            let at = self.canvas.view_center().unwrap_or(Pos::new(0.0, 0.0));
            actions.push(crate::gui::action::AppAction::PlaceBlock(drag, at));
        }
    }
}
