//! "Changes since version X (signed by …)": at the front of the report when the model was
//! signed before and has changed since, so a reviewer can sign the delta.

use super::{BLACK, Cell, Col, Face, GREY, PORTRAIT, Rgb8, Writer, severity_color};
use crate::history::diff::{Change, ModelDiff};
use crate::history::render;
use crate::model::{Severity, SignOff};

/// The earlier sign-off and what changed since.
#[derive(Clone, Debug)]
pub struct SinceSignOff {
    pub signed: SignOff,
    pub diff: ModelDiff,
    /// What to mark on the diagrams (from the diff and the signed model).
    pub marks: crate::scene::display::Marks,
}

impl SinceSignOff {
    /// "version 2026.11, signed by Dana (AppSec) on 2 Dec 2026, 10:15 UTC".
    pub fn label(&self) -> String {
        signed_label(&self.signed)
    }
}

/// How the cover and the changes section name a sign-off.
pub(super) fn signed_label(s: &SignOff) -> String {
    let version = if s.version_label.is_empty() {
        "the signed version".to_owned()
    } else {
        format!("version {}", s.version_label)
    };
    let who = if s.role.is_empty() {
        s.reviewer.clone()
    } else {
        format!("{} ({})", s.reviewer, s.role)
    };
    format!(
        "{version}, signed by {who} on {}",
        crate::report::human_time(&s.at)
    )
}

pub(super) fn changes_since(
    w: &mut Writer<'_>,
    since: &SinceSignOff,
    p: &crate::model::Project,
    a: &crate::analysis::Analysis,
) {
    let d = &since.diff;
    w.page(PORTRAIT);
    // A model changed after signing that still carries the signed version's label is not
    // "changed since version X" in a report of version X: name the sign-off by its date.
    let label = since.signed.version_label.trim();
    let version = if label.is_empty() || label == p.meta.version_label.trim() {
        format!(
            "the sign-off of {}",
            crate::report::human_time(&since.signed.at)
        )
    } else {
        format!("version {label}")
    };
    w.section(&format!("Changes since {version}"));
    if !label.is_empty() && label == p.meta.version_label.trim() {
        w.para(
            &format!(
                "The model still carries the label of the signed version ({label}) though it changed: give it a new version label (signing off derives one)."
            ),
            Face::Bold,
            10.0,
            Rgb8(0xb0, 0x00, 0x20),
        );
    }
    w.para(
        &format!(
            "This model was signed off as {}. What changed since, in meaning (layout moves left out): sign this delta rather than re-reading the whole report.",
            since.label()
        ),
        Face::Regular,
        10.0,
        BLACK,
    );
    w.y += 8.0;
    let fresh: Vec<_> = d
        .new_threats
        .iter()
        .chain(&d.reopened)
        .filter(|t| t.status == "Open")
        .collect();
    let heading = |w: &mut Writer<'_>, s: &str| {
        w.y += 6.0;
        w.para(s, Face::Bold, 11.5, BLACK);
        w.y += 2.0;
    };
    heading(
        w,
        &format!("New or re-opened open threats ({})", fresh.len()),
    );
    if fresh.is_empty() {
        w.para("None.", Face::Regular, 10.0, GREY);
    } else {
        let rows: Vec<Vec<Cell>> = fresh
            .iter()
            .map(|t| {
                let sev = Severity::ALL
                    .into_iter()
                    .find(|s| s.label() == t.severity)
                    .unwrap_or(Severity::Medium);
                vec![
                    Cell::colored(crate::edit::capitalized(&t.severity), severity_color(sev)),
                    Cell::new(&t.title),
                    Cell::new(&t.subject),
                ]
            })
            .collect();
        w.table(
            &[
                Col {
                    title: "Severity",
                    width: 60.0,
                },
                Col {
                    title: "Threat",
                    width: 280.0,
                },
                Col {
                    title: "On",
                    width: 155.0,
                },
            ],
            &rows,
        );
    }
    let items: Vec<String> = d
        .items
        .iter()
        .map(|i| {
            let mark = match i.change {
                Change::Added => "Added",
                Change::Removed => "Removed",
                Change::Changed => "Changed",
            };
            format!("{mark}: {}", render::item_line(i))
        })
        .chain(
            d.metadata
                .iter()
                .map(|f| format!("Details: {}: {} → {}", f.field, f.old, f.new)),
        )
        .collect();
    heading(w, &format!("Model changes ({})", items.len()));
    if items.is_empty() {
        w.para("None.", Face::Regular, 10.0, GREY);
    }
    for line in items {
        w.para(&format!("• {line}"), Face::Regular, 9.5, BLACK);
    }
    if d.layout_only > 0 {
        w.para(
            &format!(
                "Layout only: {} moved or reshaped.",
                crate::edit::count(d.layout_only, "item", "items")
            ),
            Face::Regular,
            9.5,
            GREY,
        );
    }
    heading(w, &format!("Decisions changed ({})", d.decisions.len()));
    if d.decisions.is_empty() {
        w.para("None.", Face::Regular, 10.0, GREY);
    }
    for c in &d.decisions {
        w.para(
            &format!("• {}", render::decision_line(c)),
            Face::Regular,
            9.5,
            BLACK,
        );
    }
    if !d.gone_threats.is_empty() {
        heading(
            w,
            &format!("Threats no longer raised ({})", d.gone_threats.len()),
        );
        for t in &d.gone_threats {
            w.para(
                &format!(
                    "• {} — {} (was {})",
                    t.title,
                    t.subject,
                    t.status.to_lowercase()
                ),
                Face::Regular,
                9.5,
                Rgb8(0x44, 0x4a, 0x52),
            );
        }
    }
    // Each diagram with a change, marked: what the reviewer is asked to sign.
    let touched: std::collections::HashSet<&str> =
        d.items.iter().map(|i| i.diagram.as_str()).collect();
    for dg in p
        .diagrams
        .iter()
        .filter(|dg| touched.contains(dg.name.as_str()))
    {
        super::diagram::marked_diagram_page(
            w,
            p,
            dg,
            a,
            Some(&since.marks),
            &format!("Changes on diagram: {}", dg.name),
            false,
        );
    }
}
