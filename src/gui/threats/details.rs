//! The selected threat's editor: what it is, the team's decision, the controls that
//! verify the mitigation, and the record's fields.

use super::*;

/// A text field of a record: label, getter, setter, multi-line.
type RecordField = (
    &'static str,
    fn(&ThreatRecord) -> &str,
    fn(&mut ThreatRecord, String),
    bool,
);

/// The selected threat: what it is, and the team's decision on it.
pub(super) fn details(
    ui: &mut Ui,
    project: &Project,
    f: &Finding,
    verification: Option<&crate::evidence::Verification>,
    actions: &mut Actions,
) {
    let salt = f.key.to_string();
    let manual = project
        .manual_threats
        .iter()
        .find(|t| f.key.manual_id() == Some(&t.id));
    if let Some(t) = manual {
        // A threat written by hand: what it is comes first, then the decision.
        manual_header(ui, t, &salt, actions);
        ui.label(format!("on {}", f.subject_name()));
    } else {
        ui.label(RichText::new(&f.title).strong());
        ui.label(format!("{} · {}", f.category, f.subject_name()));
    }
    ui.label(RichText::new(&*f.severity_reason).color(severity_color(f.computed_severity)));
    // Another tool's output: its priority is the tool's, not an assessment.
    if let Some(provenance) = f.provenance() {
        ui.weak(format!(
            "Imported, {provenance}: counted apart, not gated by check"
        ));
    }
    // The decision first: triage is what the pane is for; the reading follows.
    let record: ThreatRecord = (*f.record).clone();
    let mut status = record.status;
    crate::gui::combo(ui, "Decision", status.label(), |ui| {
        for s in Status::ALL {
            ui.selectable_value(&mut status, s, s.label());
        }
    });
    if status != record.status {
        if status.needs_justification() && !crate::model::has_words(&record.justification) {
            actions.push(AppAction::AskJustification {
                key: f.key.clone(),
                status,
            });
        } else if let Some(e) = record_edit(
            project,
            f,
            ThreatRecord {
                status,
                ..record.clone()
            },
        ) {
            actions.push(AppAction::Decide(e));
        }
    }
    let mut severity = record.severity;
    let current = severity.map_or(format!("Rule's ({})", f.computed_severity.label()), |s| {
        s.label().to_owned()
    });
    crate::gui::combo(ui, "Severity override", current, |ui| {
        ui.selectable_value(
            &mut severity,
            None,
            format!("Rule's ({})", f.computed_severity.label()),
        );
        for s in Severity::ALL {
            ui.selectable_value(&mut severity, Some(s), s.label());
        }
    });
    if severity != record.severity {
        if let Some(e) = record_edit(
            project,
            f,
            ThreatRecord {
                severity,
                ..record.clone()
            },
        ) {
            actions.push(AppAction::Decide(e));
        }
    }
    // What verifies the mitigation, next to the decision it backs.
    if !f.status().is_open() || !record.controls.is_empty() {
        ui.separator();
        let tv = verification.and_then(|v| v.threat(&f.key));
        crate::gui::controls::section(ui, f, &record, tv, verification.is_some(), project, actions);
    }
    ui.separator();
    if f.flows.len() > 1 {
        let names: Vec<&str> = f
            .flows
            .iter()
            .filter_map(|id| project.subject_name(id))
            .collect();
        ui.weak(format!("On {} flows: {}", names.len(), names.join("; ")));
    }
    ui.label(f.description());
    let mitigations = f.suggested_mitigations();
    if !mitigations.is_empty() {
        ui.label(RichText::new("Suggested mitigations").strong());
        for m in mitigations {
            ui.label(format!("• {m}"));
        }
    }
    if !f.references().is_empty() {
        ui.weak(f.references().join(", "));
    }
    // The rules' threats that say what the authors wrote: folded in, not listed again; or,
    // for a threat said in several places, the same threat at the other places.
    if !f.also_raised().is_empty() {
        let heading = if f.is_manual() {
            "Also raised by the rules"
        } else {
            "The same threat, also at"
        };
        ui.label(RichText::new(heading).strong());
        for r in f.also_raised() {
            ui.weak(format!(
                "• {} ({}, {})",
                r.title,
                r.severity.label(),
                r.key.rule_id()
            ));
        }
    }
    ui.separator();
    let fields: [RecordField; 4] = [
        (
            "Mitigation",
            |r| &r.mitigation,
            |r, v| r.mitigation = v,
            true,
        ),
        (
            "Justification",
            |r| &r.justification,
            |r, v| r.justification = v,
            true,
        ),
        ("Owner", |r| &r.owner, |r, v| r.owner = v, false),
        (
            "Review by (YYYY-MM-DD)",
            |r| &r.review_by,
            |r, v| r.review_by = v.trim().to_owned(),
            false,
        ),
    ];
    for (label, get, set, multiline) in fields {
        if let Some(v) = crate::gui::inspector::text_field(
            ui,
            label,
            &format!("triage {salt}"),
            get(&record),
            multiline,
        ) {
            let mut r = record.clone();
            set(&mut r, v);
            if let Some(e) = record_edit(project, f, r) {
                actions.push(AppAction::Decide(e));
            }
        }
    }
    // Tickets, documents, pull requests behind the decision.
    if let Some(v) = crate::gui::inspector::text_field(
        ui,
        "Tickets and links (space-separated)",
        &format!("triage {salt}"),
        &record.links.join(" "),
        false,
    ) {
        let mut r = record.clone();
        r.links = v.split_whitespace().map(str::to_owned).collect();
        if let Some(e) = record_edit(project, f, r) {
            actions.push(AppAction::Decide(e));
        }
    }
    if !record.decided_at.is_empty() {
        ui.weak(format!(
            "Decided{} on {}",
            if record.decided_by.is_empty() {
                String::new()
            } else {
                format!(" by {}", record.decided_by)
            },
            crate::report::human_time(&record.decided_at)
        ));
    }
    if f.status().needs_justification() && !crate::model::has_words(&record.justification) {
        ui.colored_label(
            crate::gui::style::ALERT,
            "A justification is required for this status.",
        );
    }
    let review = record.review_by.trim();
    if !review.is_empty() && crate::model::parse_date(review).is_none() {
        ui.colored_label(
            crate::gui::style::ALERT,
            "The review date is not a date: write it as YYYY-MM-DD.",
        );
    } else if record.due_for_review(&crate::report::today()) {
        ui.colored_label(
            crate::gui::style::ALERT,
            format!("Due for review since {review}: look at this decision again."),
        );
    }
    if f.is_manual()
        && let Some(t) = project
            .manual_threats
            .iter()
            .find(|t| f.key.manual_id() == Some(&t.id))
    {
        ui.separator();
        if let Some(description) = crate::gui::inspector::text_field(
            ui,
            "Description",
            &format!("triage {salt}"),
            &t.description,
            true,
        ) {
            actions.push(AppAction::Decide(Edit::UpdateManualThreat(Box::new(
                ManualThreat {
                    description,
                    ..t.clone()
                },
            ))));
        }
        if ui.button("Delete this threat").clicked() {
            actions.push(AppAction::Decide(Edit::RemoveManualThreat(t.id.clone())));
        }
    }
}

/// A hand-written threat's title, category and base severity, editable, at the top of its
/// details (a new one is "New threat": the title is the first thing to change).
fn manual_header(ui: &mut Ui, t: &ManualThreat, salt: &str, actions: &mut Actions) {
    if let Some(title) =
        crate::gui::inspector::text_field(ui, "Title", &format!("triage {salt}"), &t.title, false)
    {
        actions.push(AppAction::Decide(Edit::UpdateManualThreat(Box::new(
            ManualThreat { title, ..t.clone() },
        ))));
    }
    let mut cat = match &t.category {
        Category::Stride(s) => Some(*s),
        Category::Other(_) => None,
    };
    crate::gui::combo(ui, "Category", t.category.to_string(), |ui| {
        for s in Stride::ALL {
            ui.selectable_value(&mut cat, Some(s), s.label());
        }
    });
    if let Some(s) = cat
        && Category::Stride(s) != t.category
    {
        actions.push(AppAction::Decide(Edit::UpdateManualThreat(Box::new(
            ManualThreat {
                category: Category::Stride(s),
                ..t.clone()
            },
        ))));
    }
    let mut sev = t.severity;
    crate::gui::combo(ui, "Base severity", sev.label(), |ui| {
        for s in Severity::ALL {
            ui.selectable_value(&mut sev, s, s.label());
        }
    });
    if sev != t.severity {
        actions.push(AppAction::Decide(Edit::UpdateManualThreat(Box::new(
            ManualThreat {
                severity: sev,
                ..t.clone()
            },
        ))));
    }
}
