//! Controls in the side panes: the controls of a decision with how they fare against the
//! loaded evidence (add, remove, record a manual check's evidence), the mark on each
//! listed threat, an element's infrastructure resources and its implementation findings.

use egui::{Color32, RichText, Ui};

use super::action::{Actions, AppAction};
use crate::analysis::Finding;
use crate::edit::Edit;
use crate::evidence::{ControlState, ImplementationFinding, ThreatVerification};
use crate::model::{Control, Element, Project, Resource, ThreatRecord};

pub const PASSING: Color32 = crate::gui::style::color(crate::scene::palette::PASSING);
pub const FAILING: Color32 = crate::gui::style::ALERT;
pub const NOT_RUN: Color32 = crate::gui::style::color(crate::scene::palette::NOT_RUN);

pub fn state_color(s: ControlState) -> Color32 {
    match s {
        ControlState::Passing => PASSING,
        ControlState::Failing => FAILING,
        ControlState::NotRun => NOT_RUN,
    }
}

/// The chip on a listed threat whose decision names controls.
pub fn chip(ui: &mut Ui, tv: &ThreatVerification) {
    let state = tv.state();
    let text = match state {
        ControlState::Passing => "✔ verified",
        ControlState::Failing => "✖ control failing",
        ControlState::NotRun => "○ not run",
    };
    let detail: Vec<String> = tv
        .controls
        .iter()
        .map(|c| format!("{} {} — {}", c.state.symbol(), c.control, c.detail))
        .collect();
    ui.label(RichText::new(text).small().color(state_color(state)))
        .on_hover_text(detail.join("\n"));
}

#[derive(Clone, Default)]
struct Draft {
    kind: usize,
    tool: String,
    rule: String,
    resources: String,
    name: String,
    check: String,
}

/// The controls of a decision: each with its result against the evidence (when loaded),
/// removable; a form to add one. A change goes into `actions` as a decision.
pub fn section(
    ui: &mut Ui,
    f: &Finding,
    record: &ThreatRecord,
    verification: Option<&ThreatVerification>,
    evidence_loaded: bool,
    project: &Project,
    actions: &mut Actions,
) {
    let salt = format!("controls {}", f.key);
    let mut out = None;
    ui.label(RichText::new("Controls that verify the mitigation").strong());
    if record.controls.is_empty() {
        ui.weak("None yet: name a scanner rule, a test or a manual check.");
    }
    if let Some(b) = &record.block {
        ui.weak(format!("Decided by {}", b.label()));
    }
    for (i, control) in record.controls.iter().enumerate() {
        let result = verification.and_then(|v| v.controls.get(i));
        ui.horizontal(|ui| {
            let (mark, color) = match result {
                Some(r) => (r.state.symbol(), state_color(r.state)),
                None => ("·", ui.visuals().weak_text_color()),
            };
            ui.label(RichText::new(mark).color(color).strong());
            let l = ui.label(control.label());
            if let Some(r) = result {
                l.on_hover_text(&r.detail);
            }
            if ui
                .small_button("✕")
                .on_hover_text("Remove this control")
                .clicked()
            {
                let mut r = record.clone();
                r.controls.remove(i);
                out = Some(r);
            }
        });
        // Passing controls say so by their mark (the detail is on hover); the others say why.
        if let Some(r) = result.filter(|r| r.state != ControlState::Passing) {
            ui.label(RichText::new(&r.detail).small().color(state_color(r.state)));
            for failure in r.failures.iter().take(5) {
                ui.label(
                    RichText::new(format!(
                        "{}{} ({})",
                        if failure.resource.is_empty() {
                            String::new()
                        } else {
                            format!("{}: ", failure.resource)
                        },
                        failure.message.lines().next().unwrap_or(""),
                        failure.place
                    ))
                    .small(),
                );
            }
        } else if !evidence_loaded && !matches!(control, Control::Manual { .. }) {
            ui.weak("Load verification results (File menu, or drop SARIF / JUnit files on the window) to check it.");
        }
        if let Control::Manual {
            check,
            evidence,
            reviewed,
        } = control
        {
            let id = format!("{salt} {i}");
            let mut changed = None;
            if let Some(v) = super::inspector::text_field(ui, "Evidence", &id, evidence, true) {
                changed = Some((v, reviewed.clone()));
            }
            if let Some(v) =
                super::inspector::text_field(ui, "Reviewed on (YYYY-MM-DD)", &id, reviewed, false)
            {
                changed = Some((evidence.clone(), v.trim().to_owned()));
            }
            if let Some((evidence, reviewed)) = changed {
                let mut r = record.clone();
                r.controls[i] = Control::Manual {
                    check: check.clone(),
                    evidence,
                    reviewed,
                };
                out = Some(r);
            }
        }
    }
    let id = ui.make_persistent_id(&salt);
    let mut draft: Draft = ui.data_mut(|d| d.get_temp(id)).unwrap_or_default();
    ui.collapsing("Add a control", |ui| {
        let kinds = ["Scanner rule", "Test (JUnit)", "Manual check"];
        super::combo(ui, "Kind", kinds[draft.kind], |ui| {
            for (i, k) in kinds.iter().enumerate() {
                ui.selectable_value(&mut draft.kind, i, *k);
            }
        });
        let field = |ui: &mut Ui, label: &str, hint: &str, value: &mut String| {
            ui.label(label);
            ui.add(
                egui::TextEdit::singleline(value)
                    .hint_text(hint)
                    .desired_width(f32::INFINITY),
            );
        };
        match draft.kind {
            0 => {
                field(
                    ui,
                    "Tool",
                    "checkov, cfn-lint, cfn_nag, cfn-guard",
                    &mut draft.tool,
                );
                field(ui, "Rule id", "CKV_AWS_18, E3012, W35", &mut draft.rule);
                field(
                    ui,
                    "Resources (optional)",
                    "logical ids, space-separated; default: the element's",
                    &mut draft.resources,
                );
            }
            1 => field(ui, "Test name", "classname.name or name", &mut draft.name),
            _ => field(
                ui,
                "What is checked",
                "Quarterly access review",
                &mut draft.check,
            ),
        }
        let control = match draft.kind {
            0 if !draft.tool.trim().is_empty() && !draft.rule.trim().is_empty() => {
                Some(Control::Scanner {
                    tool: draft.tool.trim().to_owned(),
                    rule: draft.rule.trim().to_owned(),
                    resources: draft
                        .resources
                        .split_whitespace()
                        .map(str::to_owned)
                        .collect(),
                })
            }
            1 if !draft.name.trim().is_empty() => Some(Control::Test {
                name: draft.name.trim().to_owned(),
            }),
            2 if !draft.check.trim().is_empty() => Some(Control::Manual {
                check: draft.check.trim().to_owned(),
                evidence: String::new(),
                reviewed: String::new(),
            }),
            _ => None,
        };
        if ui
            .add_enabled(control.is_some(), egui::Button::new("Add control"))
            .clicked()
            && let Some(c) = control
        {
            let mut r = record.clone();
            if !r.controls.contains(&c) {
                r.controls.push(c);
            }
            out = Some(r);
            draft = Draft {
                kind: draft.kind,
                tool: draft.tool.clone(),
                ..Draft::default()
            };
        }
    });
    ui.data_mut(|d| d.insert_temp(id, draft));
    if let Some(r) = out
        && let Some(e) = super::threats::record_edit(project, f, r)
    {
        actions.push(AppAction::Decide(e));
    }
}

/// An element's infrastructure resources (logical ids and types), editable; and the
/// scanner findings on them that no control covers, when evidence is loaded.
pub fn element_section(
    ui: &mut Ui,
    e: &Element,
    findings: &[&ImplementationFinding],
) -> Option<Edit> {
    let mut out = None;
    ui.separator();
    ui.label(RichText::new("Infrastructure resources").strong())
        .on_hover_text("CloudFormation logical ids (or Terraform addresses) this element is: scanners' findings on them land here");
    if let Some(b) = &e.block {
        ui.weak(format!("Placed from {} (library {})", b.label(), b.library));
    }
    for (i, r) in e.resources.iter().enumerate() {
        let salt = format!("resource {} {i}", e.id);
        ui.horizontal(|ui| {
            let kind = if r.kind.is_empty() { "—" } else { &r.kind };
            ui.weak(kind);
            if ui
                .small_button("✕")
                .on_hover_text("Remove this resource")
                .clicked()
            {
                let mut updated = e.clone();
                updated.resources.remove(i);
                out = Some(Edit::UpdateElement(Box::new(updated)));
            }
        });
        if let Some(v) = super::inspector::text_field(ui, "Logical id", &salt, &r.id, false) {
            let mut updated = e.clone();
            updated.resources[i].id = v.trim().to_owned();
            out = Some(Edit::UpdateElement(Box::new(updated)));
        }
    }
    if ui.button("Add resource").clicked() {
        let mut updated = e.clone();
        updated.resources.push(Resource::default());
        out = Some(Edit::UpdateElement(Box::new(updated)));
    }
    if !findings.is_empty() {
        ui.label(
            RichText::new(format!(
                "Implementation findings ({}): scanner results no control covers",
                findings.len()
            ))
            .strong()
            .color(FAILING),
        );
        for f in findings {
            ui.label(
                RichText::new(format!(
                    "{} {} on {}: {}",
                    f.tool,
                    f.rule,
                    f.resource,
                    f.message.lines().next().unwrap_or("")
                ))
                .small(),
            )
            .on_hover_text(format!("{} ({})", f.place, f.file));
        }
    }
    out
}
