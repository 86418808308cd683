//! The live analysis pane: the project's threats, recomputed when the project changes,
//! grouped by element or by STRIDE category, filtered, and triaged in place. Also the
//! validation messages and the orphaned decisions.
//!
//! The visible list is computed once per analysis and filter change (not per frame) and
//! drawn with `show_rows`, so only the rows on screen cost anything.
//!
//! One file, over 800 lines: the list, its filters and grouping and the messages share the
//! pane's state and its row cache; the selected threat's editor is in `threats/details.rs`.

use std::collections::HashSet;

use egui::{Color32, RichText, Ui};

use super::action::{Actions, AppAction};
use super::selection::Item;
pub(crate) use super::style::severity_color;
use super::style::status_color;
use crate::analysis::{Analysis, Finding, Level, OrphanReason};
use crate::edit::Edit;
use crate::model::*;
use crate::report::category_code;

mod details;
use details::details;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GroupBy {
    #[default]
    Element,
    Category,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StatusFilter {
    #[default]
    All,
    Undecided,
    Decided,
    Only(Status),
}

impl StatusFilter {
    fn label(self) -> &'static str {
        match self {
            StatusFilter::All => "Any status",
            StatusFilter::Undecided => "Undecided",
            StatusFilter::Decided => "Decided",
            StatusFilter::Only(s) => s.label(),
        }
    }

    fn accepts(self, s: Status) -> bool {
        match self {
            StatusFilter::All => true,
            StatusFilter::Undecided => s.is_open(),
            StatusFilter::Decided => !s.is_open(),
            StatusFilter::Only(x) => s == x,
        }
    }
}

/// What the list shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Filters {
    /// S, T, R, I, D, E and other categories.
    pub categories: [bool; 7],
    pub status: StatusFilter,
    pub min_severity: Option<Severity>,
    /// Only this diagram; `None` for all.
    pub diagram: Option<DiagramId>,
    pub text: String,
    /// Only these threat keys: the threats new or re-opened since the model compared with.
    pub only_new: Option<std::sync::Arc<std::collections::BTreeSet<String>>>,
}

impl Default for Filters {
    fn default() -> Self {
        Self {
            categories: [true; 7],
            status: StatusFilter::All,
            min_severity: None,
            diagram: None,
            text: String::new(),
            only_new: None,
        }
    }
}

fn category_index(c: &Category) -> usize {
    match c {
        Category::Stride(s) => *s as usize,
        Category::Other(_) => 6,
    }
}

impl Filters {
    pub fn accepts(&self, f: &Finding) -> bool {
        if !self.categories[category_index(&f.category)] || !self.status.accepts(f.status()) {
            return false;
        }
        if self.min_severity.is_some_and(|m| f.severity < m) {
            return false;
        }
        if self
            .only_new
            .as_ref()
            .is_some_and(|keys| !keys.contains(&f.key.to_string()))
        {
            return false;
        }
        if self
            .diagram
            .as_ref()
            .is_some_and(|d| *d.as_str() != *f.diagram)
        {
            return false;
        }
        let q = self.text.trim().to_lowercase();
        q.is_empty()
            || f.title.to_lowercase().contains(&q)
            || f.subject_name().to_lowercase().contains(&q)
    }
}

#[derive(Clone, Debug)]
enum Row {
    Header {
        key: String,
        label: String,
        total: usize,
        open: usize,
    },
    Finding(usize),
}

#[derive(Default)]
pub struct ThreatsPane {
    pub group_by: GroupBy,
    pub filters: Filters,
    /// The threat whose details are shown.
    pub selected: Option<ThreatKey>,
    /// Group headers the user folded.
    collapsed: HashSet<String>,
    rows: Vec<Row>,
    built_for: Option<(u64, Filters, GroupBy, Vec<String>, usize)>,
    /// How the decisions' controls fare against the loaded evidence.
    pub verification: Option<std::sync::Arc<crate::evidence::Verification>>,
}

/// The height the selected threat's details keep below the list: its title, category,
/// severity reason and the decision controls.
const DETAILS_MIN_HEIGHT: f32 = 240.0;

/// The width the status and severity drop-downs need side by side.
const FILTERS_SIDE_BY_SIDE: f32 = 310.0;

/// The group key of the STRIDE checklist (no subject or category has it).
const CHECKLIST: &str = "\u{0}checklist";
/// The header key of the group of imported threats another tool generated.
const IMPORTED: &str = "\u{0}imported";

/// A decided threat's chip in the list: short, and distinct per decision.
fn status_chip(s: Status) -> Option<(&'static str, Color32)> {
    Some(match s {
        Status::Open => return None,
        Status::NeedsInvestigation => ("investigate", status_color(Status::NeedsInvestigation)),
        Status::Mitigated => ("mitigated", status_color(Status::Mitigated)),
        Status::Accepted => ("accepted", status_color(Status::Accepted)),
        Status::Transferred => ("transferred", status_color(Status::Transferred)),
        Status::NotApplicable => ("n/a", Color32::GRAY),
    })
}

/// The edit that stores `record` for a finding (generated or manual).
pub fn record_edit(project: &Project, f: &Finding, mut record: ThreatRecord) -> Option<Edit> {
    // Decided again by hand: no longer the building block's decision.
    if record.block.is_some()
        && (record.status != f.record.status
            || record.mitigation != f.record.mitigation
            || record.justification != f.record.justification
            || record.controls != f.record.controls)
    {
        record.block = None;
    }
    if f.is_manual() {
        let t = project
            .manual_threats
            .iter()
            .find(|t| f.key.manual_id() == Some(&t.id))?;
        let mut t = t.clone();
        t.record = record;
        return Some(Edit::UpdateManualThreat(Box::new(t)));
    }
    let empty = record == ThreatRecord::default();
    Some(Edit::SetRecord {
        key: f.key.clone(),
        record: (!empty).then(|| Box::new(record)),
    })
}

impl ThreatsPane {
    fn rebuild(&mut self, analysis: &Analysis, revision: u64, scope: &[String]) {
        let key = (
            revision,
            self.filters.clone(),
            self.group_by,
            scope.to_vec(),
            self.collapsed.len(),
        );
        if self.built_for.as_ref() == Some(&key) {
            return;
        }
        let scope_set: HashSet<&str> = scope.iter().map(String::as_str).collect();
        let in_scope = |f: &Finding| {
            scope_set.is_empty()
                || scope_set.contains(f.subject())
                || f.flows.iter().any(|id| scope_set.contains(&**id))
        };
        let (checklist, visible): (Vec<usize>, Vec<usize>) = analysis
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| in_scope(f) && self.filters.accepts(f))
            .map(|(i, _)| i)
            .partition(|i| analysis.findings[*i].baseline);
        // Another tool's imported output nobody assessed, apart too.
        let (imported, visible): (Vec<usize>, Vec<usize>) = visible
            .into_iter()
            .partition(|i| analysis.findings[*i].generated_by().is_some());
        let mut rows = Vec::with_capacity(visible.len() + 64);
        match self.group_by {
            GroupBy::Element => {
                // Findings come ordered by subject already.
                let mut i = 0;
                while i < visible.len() {
                    let subject = analysis.findings[visible[i]].subject().to_owned();
                    let start = i;
                    while i < visible.len() && analysis.findings[visible[i]].subject() == subject {
                        i += 1;
                    }
                    let group = &visible[start..i];
                    let f = &analysis.findings[group[0]];
                    let open = group
                        .iter()
                        .filter(|k| analysis.findings[**k].status().is_open())
                        .count();
                    rows.push(Row::Header {
                        key: subject.clone(),
                        label: format!(
                            "{} ({})",
                            f.subject_name(),
                            f.subject_kind.snake().replace('_', " ")
                        ),
                        total: group.len(),
                        open,
                    });
                    if !self.collapsed.contains(&subject) {
                        rows.extend(group.iter().map(|k| Row::Finding(*k)));
                    }
                }
            }
            GroupBy::Category => {
                for (ci, name) in [
                    "Spoofing",
                    "Tampering",
                    "Repudiation",
                    "Information disclosure",
                    "Denial of service",
                    "Elevation of privilege",
                    "Other",
                ]
                .iter()
                .enumerate()
                {
                    let group: Vec<usize> = visible
                        .iter()
                        .copied()
                        .filter(|k| category_index(&analysis.findings[*k].category) == ci)
                        .collect();
                    if group.is_empty() {
                        continue;
                    }
                    let open = group
                        .iter()
                        .filter(|k| analysis.findings[**k].status().is_open())
                        .count();
                    let key = (*name).to_owned();
                    rows.push(Row::Header {
                        key: key.clone(),
                        label: (*name).to_owned(),
                        total: group.len(),
                        open,
                    });
                    if !self.collapsed.contains(&key) {
                        rows.extend(group.into_iter().map(Row::Finding));
                    }
                }
            }
        }
        if !imported.is_empty() {
            let open = imported
                .iter()
                .filter(|k| analysis.findings[**k].status().is_open())
                .count();
            rows.push(Row::Header {
                key: IMPORTED.to_owned(),
                label: "Imported from another tool, not assessed (not gated)".to_owned(),
                total: imported.len(),
                open,
            });
            if !self.collapsed.contains(IMPORTED) {
                rows.extend(imported.into_iter().map(Row::Finding));
            }
        }
        // The checklist, apart: questions for the cells nothing specific answered.
        if !checklist.is_empty() {
            let open = checklist
                .iter()
                .filter(|k| analysis.findings[**k].status().is_open())
                .count();
            rows.push(Row::Header {
                key: CHECKLIST.to_owned(),
                label: "STRIDE checklist: questions nothing specific answered".to_owned(),
                total: checklist.len(),
                open,
            });
            if !self.collapsed.contains(CHECKLIST) {
                rows.extend(checklist.into_iter().map(Row::Finding));
            }
        }
        self.rows = rows;
        self.built_for = Some(key);
    }

    /// Number of findings currently listed.
    pub fn listed(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| matches!(r, Row::Finding(_)))
            .count()
    }

    fn summary(&mut self, ui: &mut Ui, analysis: &Analysis) {
        let s = &analysis.summary;
        ui.label(RichText::new(format!("{} threats, {} open", s.total, s.open)).strong());
        if s.checklist > 0 {
            ui.weak(format!(
                "{} checklist questions open of {}",
                s.checklist_open, s.checklist
            ));
        }
        if s.imported_generated > 0 {
            ui.weak(format!(
                "{} imported from another tool, not assessed",
                s.imported_generated
            ));
        }
        ui.horizontal_wrapped(|ui| {
            for (i, st) in Stride::ALL.iter().enumerate() {
                let c = s
                    .by_category
                    .get(&st.letter().to_string())
                    .copied()
                    .unwrap_or_default();
                let text = format!("{} {}", st.letter(), c.open);
                let r = ui
                    .selectable_label(self.filters.categories[i], text)
                    .on_hover_text(format!(
                        "{}: {} open of {}; click to show or hide",
                        st.label(),
                        c.open,
                        c.total
                    ));
                if r.clicked() {
                    self.filters.categories[i] = !self.filters.categories[i];
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            for sev in Severity::ALL.iter().rev() {
                let n = s.open_of(*sev);
                ui.label(RichText::new(format!("{} {n}", sev.label())).color(severity_color(*sev)));
            }
        });
        ui.horizontal_wrapped(|ui| {
            for st in Status::ALL {
                let n = s.by_status.get(st.snake()).copied().unwrap_or(0);
                if n > 0 {
                    ui.weak(format!("{} {n}", st.label().to_lowercase()));
                }
            }
        });
    }

    fn filter_bar(&mut self, ui: &mut Ui, project: &Project) {
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.group_by, GroupBy::Element, "By element");
            ui.selectable_value(&mut self.group_by, GroupBy::Category, "By category");
        });
        ui.horizontal(|ui| {
            let l = ui.label("Search");
            ui.add(
                egui::TextEdit::singleline(&mut self.filters.text)
                    .hint_text("title or element")
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
        });
        // The drop-downs side by side when they fit, else one under the other: a
        // labelled drop-down is a row of its own that a wrapped row would not break, so
        // side by side they held the pane at 330 wide (#31: the canvas had 46% of 1024).
        let filters = |ui: &mut Ui| {
            super::combo(ui, "Status", self.filters.status.label(), |ui| {
                let mut options = vec![
                    StatusFilter::All,
                    StatusFilter::Undecided,
                    StatusFilter::Decided,
                ];
                options.extend(Status::ALL.map(StatusFilter::Only));
                for o in options {
                    ui.selectable_value(&mut self.filters.status, o, o.label());
                }
            });
            let sev_label = self
                .filters
                .min_severity
                .map_or("Any severity".to_owned(), |s| {
                    format!("{} and above", s.label())
                });
            super::combo(ui, "Severity", sev_label, |ui| {
                ui.selectable_value(&mut self.filters.min_severity, None, "Any severity");
                for s in Severity::ALL {
                    ui.selectable_value(
                        &mut self.filters.min_severity,
                        Some(s),
                        format!("{} and above", s.label()),
                    );
                }
            });
            if project.diagrams.len() > 1 {
                let current = self
                    .filters
                    .diagram
                    .as_ref()
                    .and_then(|d| project.diagram(d))
                    .map_or("All diagrams".to_owned(), |d| d.name.clone());
                super::combo(ui, "Diagram", current, |ui| {
                    ui.selectable_value(&mut self.filters.diagram, None, "All diagrams");
                    for d in &project.diagrams {
                        ui.selectable_value(&mut self.filters.diagram, Some(d.id.clone()), &d.name);
                    }
                });
            }
            if self.filters != Filters::default() && ui.button("Clear filters").clicked() {
                self.filters = Filters::default();
            }
        };
        if ui.available_width() >= FILTERS_SIDE_BY_SIDE {
            ui.horizontal_wrapped(filters);
        } else {
            ui.vertical(filters);
        }
    }

    /// The Threats tab. `scope` holds the ids of the selected elements and flows: when
    /// non-empty, only their threats are listed.
    #[allow(clippy::too_many_arguments)]
    pub fn show(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        analysis: &Analysis,
        revision: u64,
        scope: &[String],
        subject_label: Option<String>,
        actions: &mut Actions,
    ) {
        self.summary(ui, analysis);
        ui.separator();
        self.filter_bar(ui, project);
        if let Some(label) = subject_label {
            ui.horizontal(|ui| {
                // The button first, then the name cut to what is left: a long name never
                // widens the pane (a truncated label takes all the width, so anything after
                // it would push the pane wider).
                if let Some(first) = scope.first() {
                    if ui
                        .button("Add threat")
                        .on_hover_text("Add a threat of your own to this element or flow")
                        .clicked()
                    {
                        if let Ok(subject) = SubjectId::try_from(first.as_str()) {
                            actions.push(AppAction::AddManualThreat(subject));
                        }
                    }
                }
                ui.add(
                    egui::Label::new(RichText::new(format!("Threats of {label}")).italics())
                        .truncate(),
                );
            });
        }
        self.rebuild(analysis, revision, scope);
        // A threat that is no longer listed (another element selected, a filter changed)
        // does not keep its details open under an unrelated list.
        if let Some(k) = &self.selected {
            let listed = self.rows.iter().any(|r| {
                matches!(r, Row::Finding(i) if analysis.findings.get(*i).is_some_and(|f| &f.key == k))
            });
            if !listed {
                self.selected = None;
            }
        }
        ui.separator();
        let row_h = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
        // The list fills the pane; with a threat open it shares the height with its
        // details, never taller than its rows.
        let has_detail = self
            .selected
            .as_ref()
            .is_some_and(|k| analysis.findings.iter().any(|f| &f.key == k));
        let rows_h = self.rows.len() as f32 * (row_h + ui.spacing().item_spacing.y);
        let list_h = if has_detail {
            // The details keep room for the title, the reason and the decision controls.
            let avail = ui.available_height();
            (avail * 0.45)
                .min(avail - DETAILS_MIN_HEIGHT)
                .min(rows_h)
                .max(row_h * 2.0)
        } else {
            ui.available_height().max(80.0)
        };
        let rows = &self.rows;
        let verification = self.verification.as_deref();
        let today = crate::report::today();
        let mut toggle: Option<String> = None;
        let mut pick: Option<usize> = None;
        egui::ScrollArea::vertical()
            .id_salt("threat-list")
            .max_height(list_h)
            .auto_shrink([false, false])
            .show_rows(ui, row_h, rows.len(), |ui, range| {
                for row in &rows[range] {
                    match row {
                        Row::Header {
                            key,
                            label,
                            total,
                            open,
                        } => {
                            let arrow = if self.collapsed.contains(key) {
                                "⏵"
                            } else {
                                "⏷"
                            };
                            let text = format!("{arrow} {label} — {open} open / {total}");
                            if ui
                                .add(
                                    egui::Button::new(RichText::new(text).strong())
                                        .frame(false)
                                        .truncate(),
                                )
                                .clicked()
                            {
                                toggle = Some(key.clone());
                            }
                        }
                        Row::Finding(i) => {
                            let f = &analysis.findings[*i];
                            let selected = self.selected.as_ref() == Some(&f.key);
                            ui.horizontal(|ui| {
                                ui.add_space(12.0);
                                let sev = RichText::new(format!("{:<8}", f.severity.label()))
                                    .monospace()
                                    .color(severity_color(f.severity));
                                ui.label(sev);
                                ui.monospace(
                                    category_code(&f.category)
                                        .chars()
                                        .next()
                                        .map(String::from)
                                        .unwrap_or_default(),
                                );
                                // Each decision its own chip: mitigated and accepted are
                                // told apart at a glance.
                                if let Some((text, color)) = status_chip(f.status()) {
                                    ui.label(RichText::new(text).small().color(color))
                                        .on_hover_text(f.status().label());
                                }
                                if let Some(tv) = verification.and_then(|v| v.threat(&f.key)) {
                                    super::controls::chip(ui, tv);
                                }
                                if f.record.due_for_review(&today) {
                                    ui.label(
                                        RichText::new("review due")
                                            .small()
                                            .color(crate::gui::style::ALERT),
                                    )
                                    .on_hover_text(format!(
                                        "Past its review date ({})",
                                        f.record.review_by.trim()
                                    ));
                                }
                                let mut title = RichText::new(&f.title);
                                if !f.status().is_open() {
                                    title = title.weak();
                                }
                                // Long titles are cut to the pane's width (the full text is in
                                // the details and the tooltip): the pane never widens itself.
                                let r = ui
                                    .add(egui::Button::selectable(selected, title).truncate())
                                    .on_hover_text(format!(
                                        "{}\n{} — {} — {}",
                                        f.title,
                                        f.status().label(),
                                        f.subject_name(),
                                        f.severity_reason
                                    ));
                                if r.clicked() {
                                    pick = Some(*i);
                                }
                            });
                        }
                    }
                }
            });
        if let Some(k) = toggle {
            if !self.collapsed.remove(&k) {
                self.collapsed.insert(k);
            }
        }
        if let Some(i) = pick {
            let f = &analysis.findings[i];
            self.selected = Some(f.key.clone());
            actions.push(AppAction::Focus(f.subject().to_owned()));
        }
        if self.listed() == 0 {
            ui.weak(if analysis.findings.is_empty() {
                "No threats yet: draw elements and flows."
            } else {
                "No threat matches the filters."
            });
        }
        ui.separator();
        let selected = self
            .selected
            .clone()
            .and_then(|k| analysis.findings.iter().find(|f| f.key == k));
        if let Some(f) = selected {
            // Scrolled per threat: a newly opened threat starts at its title and decision.
            egui::ScrollArea::vertical()
                .id_salt(("threat-details", f.key.to_string()))
                .show(ui, |ui| {
                    details(ui, project, f, verification, actions);
                });
        }
    }
}

/// The Messages tab: validation messages (click to focus the subject) and orphaned
/// decisions (delete or re-attach).
pub fn messages(
    ui: &mut Ui,
    project: &Project,
    analysis: &Analysis,
    reattach: &mut Option<(ThreatKey, SubjectId)>,
    actions: &mut Actions,
) {
    if !project.conflicts.is_empty() {
        ui.strong(format!(
            "Merge conflicts ({}): the model holds ours until you pick",
            project.conflicts.len()
        ));
        for (index, c) in project.conflicts.iter().enumerate() {
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(crate::gui::style::ALERT, "⚠");
                if ui
                    .add(egui::Button::new(c.describe()).frame(false).wrap())
                    .clicked()
                {
                    actions.push(AppAction::Focus(c.id.clone()));
                }
                let side = |v: &str| {
                    if v.is_empty() {
                        "Delete it".to_owned()
                    } else {
                        String::new()
                    }
                };
                let ours = match side(&c.ours) {
                    s if s.is_empty() => "Keep ours".to_owned(),
                    s => format!("{s} (ours)"),
                };
                let theirs = match side(&c.theirs) {
                    s if s.is_empty() => "Use theirs".to_owned(),
                    s => format!("{s} (theirs)"),
                };
                if ui.small_button(ours).clicked() {
                    actions.push(AppAction::ResolveConflict {
                        index,
                        theirs: false,
                    });
                }
                if ui.small_button(theirs).clicked() {
                    actions.push(AppAction::ResolveConflict {
                        index,
                        theirs: true,
                    });
                }
            });
        }
        ui.separator();
    }
    let listed: Vec<_> = analysis
        .validation
        .iter()
        .filter(|m| m.code != crate::analysis::Code::OrphanedRecord)
        .collect();
    if listed.is_empty() {
        ui.weak("No validation messages.");
    }
    egui::ScrollArea::vertical()
        .id_salt("messages")
        .max_height(ui.available_height() * 0.55)
        .show(ui, |ui| {
            for m in listed {
                let (icon, color) = match m.level {
                    Level::Error => ("⛔", crate::gui::style::ALERT),
                    Level::Warning => ("⚠", crate::gui::style::WARNING),
                    Level::Info => ("ℹ", crate::gui::style::INFO),
                };
                ui.horizontal_wrapped(|ui| {
                    ui.colored_label(color, icon);
                    if ui
                        .add(egui::Button::new(&m.message).frame(false))
                        .on_hover_text(m.code.as_str())
                        .clicked()
                    {
                        if let Some(subject) = m.subject.focus() {
                            actions.push(AppAction::Focus(subject));
                        }
                    }
                });
            }
        });
    if !analysis.orphaned.is_empty() {
        ui.separator();
        ui.label(
            RichText::new(format!("Orphaned decisions ({})", analysis.orphaned.len())).strong(),
        );
        ui.weak(
            "Decisions whose threat is gone. They are kept until you delete or re-attach them.",
        );
        let subjects: Vec<(SubjectId, String)> = project
            .diagrams
            .iter()
            .flat_map(|d| {
                d.elements
                    .iter()
                    .map(|e| (SubjectId::from(&e.id), e.name.clone()))
                    .chain(
                        d.flows
                            .iter()
                            .map(|f| (SubjectId::from(&f.id), format!("{} (flow)", f.name))),
                    )
            })
            .collect();
        for o in &analysis.orphaned {
            let why = match o.reason {
                OrphanReason::SubjectGone => "its element or flow was deleted",
                OrphanReason::SubjectOutOfScope => "its subject is out of scope",
                OrphanReason::UnknownRule => "its rule is not in the catalogue",
                OrphanReason::NoLongerApplies => "the rule no longer applies",
            };
            ui.group(|ui| {
                ui.label(format!("{} — {} ({why})", o.title, o.record.status.label()));
                ui.horizontal(|ui| {
                    if ui.button("Delete decision").clicked() {
                        if let Some(id) = o.key.manual_id() {
                            actions.push(AppAction::Decide(Edit::RemoveManualThreat(id.clone())));
                        } else {
                            actions.push(AppAction::Decide(Edit::SetRecord {
                                key: o.key.clone(),
                                record: None,
                            }));
                        }
                    }
                    let chosen = reattach
                        .as_ref()
                        .filter(|(k, _)| *k == o.key)
                        .map(|(_, s)| s.clone());
                    let label = chosen
                        .as_ref()
                        .and_then(|c| subjects.iter().find(|(id, _)| id == c))
                        .map_or("Re-attach to…".to_owned(), |(_, n)| n.clone());
                    egui::ComboBox::from_id_salt(("reattach", o.key.to_string()))
                        .selected_text(label)
                        .show_ui(ui, |ui| {
                            for (id, name) in &subjects {
                                if ui
                                    .selectable_label(chosen.as_deref() == Some(id.as_str()), name)
                                    .clicked()
                                {
                                    *reattach = Some((o.key.clone(), id.clone()));
                                }
                            }
                        });
                    if let Some(subject) = chosen {
                        if ui.button("Re-attach").clicked() {
                            if let Some(id) = o.key.manual_id() {
                                if let Some(t) = project.manual_threats.iter().find(|t| &t.id == id)
                                {
                                    actions.push(AppAction::Decide(Edit::UpdateManualThreat(
                                        Box::new(ManualThreat {
                                            subject,
                                            ..t.clone()
                                        }),
                                    )));
                                }
                            } else if let ThreatKey::Rule { rule, .. } = &o.key {
                                let new_key = ThreatKey::new(rule.clone(), subject);
                                actions.push(AppAction::Decide(Edit::Batch(vec![
                                    Edit::SetRecord {
                                        key: o.key.clone(),
                                        record: None,
                                    },
                                    Edit::SetRecord {
                                        key: new_key,
                                        record: Some(Box::new(o.record.clone())),
                                    },
                                ])));
                            }
                            *reattach = None;
                        }
                    }
                });
            });
        }
    }
}

/// Ids of the selected elements and flows (the pane's scope).
/// A banner above the pane when the rules in force are not the built-in ones, or the
/// project's own rules could not be loaded: a project that switches rules off must not do
/// it silently. Returns whether the user asked to edit the trusted folders.
pub fn rules_banner(ui: &mut Ui, analysis: &Analysis, rules_error: Option<&str>) -> bool {
    let mut open_trusted = false;
    let warn = ui.visuals().warn_fg_color;
    if let Some(text) = analysis.rule_changes_text() {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(
                RichText::new("⚠ This project changes the rules")
                    .color(warn)
                    .strong(),
            );
            ui.add(egui::Label::new(text).wrap());
        });
    }
    if let Some(e) = rules_error {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(
                RichText::new("⚠ The project's own rules were not loaded; built-in rules apply")
                    .color(ui.visuals().error_fg_color)
                    .strong(),
            );
            ui.add(egui::Label::new(e).wrap());
            if ui.button("Trusted folders…").clicked() {
                open_trusted = true;
            }
        });
    }
    open_trusted
}

pub fn scope_of(selection: &super::selection::Selection) -> Vec<String> {
    selection
        .0
        .iter()
        .filter_map(|i| match i {
            Item::Element(e) => Some(e.to_string()),
            Item::Flow(f) => Some(f.to_string()),
            _ => None,
        })
        .collect()
}
