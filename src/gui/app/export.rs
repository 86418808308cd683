//! Import and export: the PDF report (written on a worker thread), SVG/PNG, Threat Dragon, OTM and Threat Composer files, and importing other tools' models.

use super::*;

impl ThreatboardApp {
    pub(super) fn export_dialog(&mut self) {
        let suggested = self.doc.path.as_ref().map_or_else(
            || PathBuf::from("threat-model.pdf"),
            |p| p.with_extension("pdf"),
        );
        let picked = self.pick_path(PathMode::ExportPdf, suggested.display().to_string(), || {
            rfd::FileDialog::new()
                .add_filter("PDF report", &["pdf"])
                .set_title("Export PDF report")
                .set_file_name(suggested.file_name().map_or_else(
                    || "report.pdf".to_owned(),
                    |n| n.to_string_lossy().into_owned(),
                ))
                .save_file()
        });
        if let Some(path) = picked {
            self.start_export(if path.extension().is_none() {
                path.with_extension("pdf")
            } else {
                path
            });
        }
    }

    /// The file the native dialog `dialog` picks; where native dialogs are off, or the
    /// desktop has no file chooser (the dialog answers at once, with nothing), the dialog
    /// for a typed path instead (`mode`, starting from `text`), and `None`.
    pub(super) fn pick_path(
        &mut self,
        mode: PathMode,
        text: String,
        dialog: impl FnOnce() -> Option<PathBuf>,
    ) -> Option<PathBuf> {
        if !self.options.native_dialogs {
            self.modal = Some(Modal::Path {
                mode,
                text,
                note: String::new(),
            });
            return None;
        }
        let started = Instant::now();
        let picked = dialog();
        if picked.is_none() && started.elapsed() < Duration::from_millis(300) {
            self.modal = Some(Modal::Path {
                mode,
                text,
                note: "No file chooser is available on this desktop; type the path instead.".into(),
            });
        }
        picked
    }

    /// Asks for a file with the native dialog, or by typed path where there is none.
    pub(super) fn ask_path(
        &mut self,
        mode: PathMode,
        save: bool,
        filter: (&str, &[&str]),
        suggested: PathBuf,
    ) {
        let picked = self.pick_path(mode, suggested.display().to_string(), || {
            let dialog = rfd::FileDialog::new().add_filter(filter.0, filter.1);
            if save {
                dialog
                    .set_file_name(
                        suggested
                            .file_name()
                            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                    )
                    .save_file()
            } else {
                dialog.pick_file()
            }
        });
        match (picked, mode) {
            (Some(path), PathMode::Import) => self.import_model(&path),
            (Some(path), PathMode::Export(kind)) => self.export_as(kind, path),
            (Some(path), PathMode::Compare) => self.compare_with(&path.display().to_string()),
            _ => {}
        }
    }

    pub(super) fn import_dialog(&mut self) {
        self.ask_path(
            PathMode::Import,
            false,
            (
                "Threat model or template (Threat Dragon, Threat Modeling Tool, OTM, CloudFormation/SAM, Terraform plan)",
                &["json", "tm7", "otm", "yaml", "yml", "template"],
            ),
            PathBuf::new(),
        );
    }

    pub(super) fn export_dialog_for(&mut self, kind: ExportKind) {
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
                self.modal = Some(Modal::Notice {
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

    pub(super) fn export_as(&mut self, kind: ExportKind, path: PathBuf) {
        let path = if path.extension().is_none() {
            path.with_extension(kind.extension())
        } else {
            path
        };
        let analysis = self.shared_analysis();
        let bytes = render(kind, &self.doc.project, self.diagram(), &analysis);
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
    pub(super) fn start_export(&mut self, path: PathBuf) {
        if self.export.is_running() {
            self.status = "An export is already running".into();
            return;
        }
        let project = self.doc.project.clone();
        let analysis = self.shared_analysis();
        let mut name = self.doc.display_name();
        if self.doc.is_dirty() {
            name.push_str(" (unsaved changes)");
        }
        let catalogue = self.analysed.catalogue.clone();
        // Loaded verification results go into the report's Verification section.
        let verification = self.verification();
        self.export.start(
            path,
            Report {
                project,
                analysis,
                catalogue,
                name,
                verification,
            },
        );
    }

    /// Whether a PDF export is still running.
    pub fn exporting(&self) -> bool {
        self.export.is_running()
    }

    pub(super) fn poll_export(&mut self, ctx: &egui::Context) {
        match self.export.poll(ctx) {
            Some(Ok(done)) => self.status = done,
            Some(Err(message)) => {
                self.modal = Some(Modal::Error {
                    title: "The report was not exported".into(),
                    message,
                })
            }
            None => {}
        }
    }
}

/// The bytes of an export of `project` (`diagram` for the picture formats), or why not.
fn render(
    kind: ExportKind,
    project: &Project,
    diagram: &Diagram,
    analysis: &crate::analysis::Analysis,
) -> Result<Vec<u8>, String> {
    match kind {
        ExportKind::ThreatDragon => {
            serde_json::to_string_pretty(&tio::threat_dragon::export(project))
                .map(String::into_bytes)
                .map_err(|e| e.to_string())
        }
        ExportKind::Otm => serde_json::to_string_pretty(&tio::otm::export(project))
            .map(String::into_bytes)
            .map_err(|e| e.to_string()),
        ExportKind::ThreatComposer => {
            let png = crate::report::svg::svg_to_png(
                &crate::report::svg::diagram_svg(project, diagram, Some(analysis)),
                1.0,
            )
            .ok();
            serde_json::to_string_pretty(&crate::report::threat_composer::export(
                project,
                analysis,
                png.as_deref(),
            ))
            .map(String::into_bytes)
            .map_err(|e| e.to_string())
        }
        ExportKind::Csv => crate::report::csv(analysis)
            .map(String::into_bytes)
            .map_err(|e| e.to_string()),
        ExportKind::Markdown => Ok(crate::report::markdown(project, analysis).into_bytes()),
        ExportKind::Svg => {
            Ok(crate::report::svg::diagram_svg(project, diagram, Some(analysis)).into_bytes())
        }
        ExportKind::Png => crate::report::svg::svg_to_png(
            &crate::report::svg::diagram_svg(project, diagram, Some(analysis)),
            2.0,
        )
        .map_err(|e| e.to_string()),
        ExportKind::Session => match project.sessions.last() {
            Some(session) => {
                Ok(crate::report::session_markdown(project, analysis, session).into_bytes())
            }
            None => Err("No workshop has been held on this model yet.".to_owned()),
        },
    }
}

/// What a PDF report is made from, taken when the export starts.
pub(super) struct Report {
    project: Project,
    analysis: std::sync::Arc<crate::analysis::Analysis>,
    catalogue: crate::analysis::Catalogue,
    /// The file name the report names (with "unsaved changes" when it has some).
    name: String,
    verification: Option<std::sync::Arc<crate::evidence::Verification>>,
}

/// A PDF export running on a worker thread, so the window stays responsive.
struct ExportJob {
    path: PathBuf,
    done: std::sync::mpsc::Receiver<Result<usize, String>>,
    started: Instant,
}

/// The PDF export in progress, if any.
#[derive(Default)]
pub(super) struct Exporting {
    job: Option<ExportJob>,
}

impl Exporting {
    pub fn is_running(&self) -> bool {
        self.job.is_some()
    }

    /// Renders `report` and writes it to `path` on a worker thread.
    pub fn start(&mut self, path: PathBuf, report: Report) {
        let (tx, rx) = std::sync::mpsc::channel();
        let target = path.clone();
        std::thread::spawn(move || {
            let Report {
                project,
                analysis,
                catalogue,
                name,
                verification,
            } = report;
            let result = crate::report::pdf_with_verification(
                &project,
                &analysis,
                &catalogue,
                &name,
                true,
                true,
                None,
                verification.as_deref(),
                None,
            )
            .map_err(|e| e.to_string())
            .and_then(|pdf| {
                tio::write_atomic(&target, &pdf, false)
                    .map(|()| pdf.len())
                    .map_err(|e| e.to_string())
            });
            let _ = tx.send(result);
        });
        self.job = Some(ExportJob {
            path,
            done: rx,
            started: Instant::now(),
        });
    }

    /// How the export ended, once it has: what to say in the status line, or why it
    /// failed. While it runs, asks for a frame a little later to look again.
    pub fn poll(&mut self, ctx: &egui::Context) -> Option<Result<String, String>> {
        let job = self.job.as_ref()?;
        let outcome = match job.done.try_recv() {
            Ok(Ok(bytes)) => Ok(format!(
                "Exported {} ({} KB) in {:.1} s",
                job.path.display(),
                bytes / 1024,
                job.started.elapsed().as_secs_f32()
            )),
            Ok(Err(e)) => Err(e),
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(Duration::from_millis(100));
                return None;
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                Err("The export stopped unexpectedly.".into())
            }
        };
        self.job = None;
        Some(outcome)
    }
}
