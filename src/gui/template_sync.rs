//! The app offers `threatboard sync` when an infrastructure template the project names
//! (`infrastructure`) says something the model does not: when the project is opened, when
//! the window gets the focus back (the user saved the template in their editor), and at
//! most every few seconds on frames drawn anyway (a file's modified time, no timer that
//! wakes an idle window). A notice beside the canvas says what changed; Review… brings it
//! in as one undo step, the same change as `sync --apply`, and the app marks it on the
//! diagram. Not now hides the offer until the template changes again.
//!
//! Its own state and UI, so the app needs only a few lines: [`TemplateSync::poll`] each
//! frame, [`TemplateSync::ui`] after the panels, and the [`Synced`] it returns applied.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use crate::io::template::{self, sync::Drift};
use crate::model::Project;

/// How often, at most, the templates' modified times are looked at.
const CHECK_EVERY: Duration = Duration::from_secs(3);
/// Lines of the notice's list of what changed before "and N more".
const LIST_MAX: usize = 12;

/// What a file was when it was last read: its modified time and length.
type Stamp = (Option<SystemTime>, u64);

fn stamp(path: &Path) -> Option<Stamp> {
    std::fs::metadata(path)
        .ok()
        .map(|m| (m.modified().ok(), m.len()))
}

/// One template named by the project, as last read.
struct Watched {
    path: PathBuf,
    /// The name the project gives it (its `infrastructure` entry).
    name: String,
    stamp: Option<Stamp>,
    /// The project imported from it then (None when it could not be read).
    imported: Option<Project>,
}

/// The change the user asked for: the project after the sync, and how to name it.
pub struct Synced {
    pub project: Project,
    /// For the undo history and the status line: "synced with t.yaml (1 added, …)".
    pub what: String,
    /// For the comparison marks: "before the sync with t.yaml".
    pub label: String,
}

/// The offer and what it watches.
#[derive(Default)]
pub struct TemplateSync {
    /// The project file and the references the watch was set up for.
    watching: Option<(Option<PathBuf>, Vec<String>)>,
    templates: Vec<Watched>,
    last_check: Option<Instant>,
    /// The document revision the drift was worked out at.
    revision: Option<u64>,
    /// The first template that differs from the model, with how.
    offer: Option<(usize, Drift)>,
    /// Offers put off: the template and its stamp when put off.
    put_off: Vec<(PathBuf, Option<Stamp>)>,
}

impl TemplateSync {
    /// Looks at the project's templates again when the project, its file or its
    /// templates changed, the window got the focus back, or the last look is a few
    /// seconds old; works the drift out again when the model or a template changed.
    pub fn poll(
        &mut self,
        ctx: &egui::Context,
        project: &Project,
        project_path: Option<&Path>,
        revision: u64,
        trusted: &[PathBuf],
    ) {
        let key = (
            project_path.map(Path::to_owned),
            project.infrastructure.clone(),
        );
        let mut reread = false;
        if self.watching.as_ref() != Some(&key) {
            self.templates = project
                .infrastructure
                .iter()
                .filter_map(|reference| {
                    crate::io::reference::resolve(
                        "infrastructure template",
                        reference,
                        project_path,
                        trusted,
                    )
                    .ok()
                    .map(|path| Watched {
                        path,
                        name: reference.clone(),
                        stamp: None,
                        imported: None,
                    })
                })
                .collect();
            self.watching = Some(key);
            self.put_off.clear();
            self.revision = None;
            reread = true;
        }
        if self.templates.is_empty() {
            self.offer = None;
            return;
        }
        let focused = ctx.input(|i| {
            i.raw
                .events
                .iter()
                .any(|e| matches!(e, egui::Event::WindowFocused(true)))
        });
        let due = self.last_check.is_none_or(|t| t.elapsed() >= CHECK_EVERY);
        let mut changed = false;
        if reread || focused || due {
            self.last_check = Some(Instant::now());
            for w in &mut self.templates {
                let now = stamp(&w.path);
                if now != w.stamp || w.imported.is_none() && reread {
                    w.stamp = now;
                    w.imported = template::read(&w.path).ok().map(|(p, _)| p);
                    changed = true;
                }
            }
        }
        if changed || self.revision != Some(revision) {
            self.revision = Some(revision);
            self.offer = self.templates.iter().enumerate().find_map(|(i, w)| {
                let imported = w.imported.as_ref()?;
                let drift = template::sync::compare(project, imported);
                let put_off = self
                    .put_off
                    .iter()
                    .any(|(p, s)| p == &w.path && *s == w.stamp);
                (!drift.is_empty() && !put_off).then_some((i, drift))
            });
        }
    }

    /// The offer's text, when there is one: "t.yaml changed: 1 added, 0 removed, 2
    /// changed".
    pub fn headline(&self) -> Option<String> {
        let (i, drift) = self.offer.as_ref()?;
        Some(format!(
            "{} changed: {}",
            self.templates[*i].name,
            drift.summary()
        ))
    }

    /// The notice, in the bottom right corner of `canvas` (the window's when not known),
    /// so the panes stay readable; the sync when the user asked for it.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        project: &Project,
        canvas: Option<egui::Rect>,
    ) -> Option<Synced> {
        let headline = self.headline()?;
        let (i, drift) = self.offer.as_ref()?;
        let mut review = false;
        let mut later = false;
        let window = egui::Window::new("Infrastructure template changed")
            .id(egui::Id::new("template-sync"))
            .pivot(egui::Align2::RIGHT_BOTTOM);
        let window = match canvas {
            Some(r) => window.fixed_pos(r.right_bottom() - egui::vec2(16.0, 16.0)),
            None => window.anchor(egui::Align2::RIGHT_BOTTOM, [-16.0, -40.0]),
        };
        window
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                ui.label(&headline);
                egui::CollapsingHeader::new("What changed")
                    .id_salt("template-sync-list")
                    .show(ui, |ui| {
                        let lines = list(drift);
                        for l in lines.iter().take(LIST_MAX) {
                            ui.label(l);
                        }
                        if lines.len() > LIST_MAX {
                            ui.weak(format!("and {} more", lines.len() - LIST_MAX));
                        }
                    });
                ui.horizontal(|ui| {
                    review = ui
                        .button("Review…")
                        .on_hover_text(
                            "Brings the changes in as one step (Edit → Undo takes it back) and marks them on the diagram, as threatboard sync --apply does",
                        )
                        .clicked();
                    later = ui
                        .button("Not now")
                        .on_hover_text("Hides this until the template changes again")
                        .clicked();
                });
            });
        let w = &self.templates[*i];
        if later {
            self.put_off.push((w.path.clone(), w.stamp));
            self.offer = None;
            return None;
        }
        if !review {
            return None;
        }
        let imported = w.imported.as_ref()?;
        let name = w
            .path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(&w.name)
            .to_owned();
        let mut synced = project.clone();
        template::sync::apply(&mut synced, imported, &name);
        let summary = drift.summary();
        self.offer = None;
        self.revision = None;
        Some(Synced {
            project: synced,
            what: format!("synced with {name} ({summary})"),
            label: format!("before the sync with {name}"),
        })
    }
}

/// One line per resource added, removed or changed.
fn list(drift: &Drift) -> Vec<String> {
    let mut out: Vec<String> = drift
        .added
        .iter()
        .map(|r| format!("added: {} ({})", r.id, r.kind))
        .collect();
    out.extend(
        drift
            .removed
            .iter()
            .map(|r| format!("removed: {} ({})", r.id, r.kind)),
    );
    out.extend(
        drift
            .changed
            .iter()
            .map(|c| format!("changed: {}: {}", c.resource.id, c.what.join("; "))),
    );
    out
}
