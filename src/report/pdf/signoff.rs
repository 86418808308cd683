//! The sign-off part of the report's body: the risk posture, the residual-risk register,
//! the mitigations promised, and the appendix's title.

use super::{BLACK, Cell, Col, Face, GREY, PORTRAIT, PdfOptions, Rgb8, Writer};
use super::{severity_color, status_color};
use crate::analysis::{Analysis, Finding};
use crate::model::{Severity, Status};

/// The risk posture in one sentence a signer reads first.
pub(super) fn posture(a: &Analysis) -> String {
    use crate::edit::count;
    let s = &a.summary;
    let status = |k: &str| s.by_status.get(k).copied().unwrap_or(0);
    let (crit, high) = (s.open_of(Severity::Critical), s.open_of(Severity::High));
    let open = match (crit, high) {
        (0, 0) => "No high or critical threat is open".to_owned(),
        (0, h) => format!("{} open", count(h, "high threat is", "high threats are")),
        (c, 0) => format!(
            "{} open",
            count(c, "critical threat is", "critical threats are")
        ),
        (c, h) => format!(
            "{} and {} open",
            count(c, "critical threat", "critical threats"),
            count(h, "high threat is", "high threats are")
        ),
    };
    let decided = s.total - s.open;
    format!(
        "Risk posture: {open}; {} accepted and {} transferred with a justification; {} mitigated; {} of {} decided.",
        status("accepted"),
        status("transferred"),
        status("mitigated"),
        decided,
        count(s.total, "threat", "threats")
    )
}

/// The residual-risk register: every open high/critical threat and every accepted or
/// transferred one, with its justification, owner, who decided and when, and review date.
pub(super) fn register(w: &mut Writer<'_>, a: &Analysis, o: &PdfOptions) {
    w.page(PORTRAIT);
    w.section("Residual risk");
    let rows = crate::report::residual_register(a);
    let (open, decided) = rows
        .iter()
        .partition::<Vec<&&Finding>, _>(|f| f.status().is_open());
    let due = rows
        .iter()
        .filter(|f| f.record.due_for_review(&o.today))
        .count();
    w.para(
        &format!(
            "What this sign-off accepts: {} and {}.{}",
            crate::edit::count(
                open.len(),
                "open high or critical threat",
                "open high or critical threats"
            ),
            crate::edit::count(
                decided.len(),
                "accepted or transferred threat",
                "accepted or transferred threats"
            ),
            if due > 0 {
                format!(
                    " {} past its review date (marked “due”).",
                    crate::edit::count(due, "decision is", "decisions are")
                )
            } else {
                String::new()
            }
        ),
        Face::Regular,
        10.0,
        BLACK,
    );
    if rows.is_empty() {
        return;
    }
    let ww = w.width();
    // Undecided threats have no decision fields: a compact table, one or two lines each.
    if !open.is_empty() {
        w.heading("Open high and critical threats", 12.0);
        let cols = [
            Col {
                title: "Severity",
                width: 50.0,
            },
            Col {
                title: "Threat",
                width: ww - 160.0,
            },
            Col {
                title: "Element or flow",
                width: 110.0,
            },
        ];
        let table: Vec<Vec<Cell>> = open
            .iter()
            .map(|f| {
                vec![
                    Cell::colored(f.severity.label(), severity_color(f.severity)),
                    Cell::new(f.title.clone()),
                    Cell::new(f.subject_name().to_owned()),
                ]
            })
            .collect();
        w.table(&cols, &table);
    }
    if decided.is_empty() {
        return;
    }
    w.heading("Accepted and transferred", 12.0);
    let cols = [
        Col {
            title: "Severity",
            width: 50.0,
        },
        Col {
            title: "Threat",
            width: 150.0,
        },
        Col {
            title: "Status",
            width: 58.0,
        },
        Col {
            title: "Justification",
            width: ww - 418.0,
        },
        Col {
            title: "Owner",
            width: 50.0,
        },
        Col {
            title: "Decided",
            width: 60.0,
        },
        Col {
            title: "Review by",
            width: 50.0,
        },
    ];
    let table: Vec<Vec<Cell>> = decided
        .iter()
        .map(|f| {
            let r = &f.record;
            let text = if r.justification.is_empty() {
                r.mitigation.clone()
            } else {
                r.justification.clone()
            };
            let decided = format!("{} {}", r.decided_by, r.decided_at.get(..10).unwrap_or(""));
            let review = if r.due_for_review(&o.today) {
                Cell::colored(
                    format!("{} due", r.review_by.trim()),
                    Rgb8(0xb0, 0x00, 0x20),
                )
            } else {
                Cell::new(r.review_by.clone())
            };
            vec![
                Cell::colored(f.severity.label(), severity_color(f.severity)),
                Cell::new(format!("{}\n({})", f.title, f.subject_name())),
                Cell::colored(f.status().label(), status_color(f.status())),
                Cell::new(text),
                Cell::new(r.owner.clone()),
                Cell::new(decided.trim().to_owned()),
                review,
            ]
        })
        .collect();
    w.table(&cols, &table);
}

/// The mitigations promised: every decision that names one, with its owner and status.
pub(super) fn promised(w: &mut Writer<'_>, a: &Analysis, o: &PdfOptions) {
    let rows: Vec<&Finding> = a
        .threats()
        .filter(|f| !f.record.mitigation.trim().is_empty())
        .filter(|f| o.include_mitigated || f.status() != Status::Mitigated)
        .collect();
    if rows.is_empty() {
        return;
    }
    w.heading("Mitigations promised", 13.0);
    let ww = w.width();
    let cols = [
        Col {
            title: "Threat",
            width: 170.0,
        },
        Col {
            title: "Mitigation",
            width: ww - 340.0,
        },
        Col {
            title: "Owner",
            width: 90.0,
        },
        Col {
            title: "Status",
            width: 80.0,
        },
    ];
    let table: Vec<Vec<Cell>> = rows
        .iter()
        .map(|f| {
            vec![
                Cell::new(format!("{}\n({})", f.title, f.subject_name())),
                Cell::new(f.record.mitigation.clone()),
                Cell::new(f.record.owner.clone()),
                Cell::colored(f.status().label(), status_color(f.status())),
            ]
        })
        .collect();
    w.table(&cols, &table);
}

/// The appendices' title page: what follows and what the appendix option left out.
pub(super) fn appendix_intro(w: &mut Writer<'_>, a: &Analysis, o: &PdfOptions) {
    w.page(PORTRAIT);
    w.section("Appendix");
    let decided = a.threats().filter(|f| !f.status().is_open()).count();
    let text = match o.appendix {
        crate::report::Appendix::Full => {
            "The element inventory and every threat of every element follow (--appendix full)."
                .to_owned()
        }
        crate::report::Appendix::Open => format!(
            "The element inventory and the open threats of every element follow; {} left out (--appendix open; --appendix full lists them).",
            crate::edit::count(decided, "decided threat is", "decided threats are")
        ),
        crate::report::Appendix::None => {
            "The per-element listing is left out (--appendix none); the register above is what is signed."
                .to_owned()
        }
    };
    w.para(&text, Face::Regular, 10.0, GREY);
}
