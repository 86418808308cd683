//! The sign-off part of the report's body: the risk posture, the residual-risk register,
//! the mitigations promised, and the appendix's title.

use super::{BLACK, Cell, Col, Face, GREY, PORTRAIT, PdfOptions, Rgb8, Writer};
use super::{severity_color, status_color};
use crate::analysis::{Analysis, Finding};
use crate::evidence::ControlState;
use crate::history::accepts::Accepts;
use crate::model::{Severity, Status};

/// The risk posture in one sentence a signer reads first: its numbers are those of
/// [`Accepts`] (decisions on checklist questions count as decisions).
pub(super) fn posture(a: &Analysis) -> String {
    use crate::edit::count;
    let s = &a.summary;
    let accepts = Accepts::of(a);
    let at_gate = |sev: Severity| {
        accepts
            .open_at_gate
            .iter()
            .filter(|f| f.severity == sev)
            .count()
    };
    let (crit, high) = (at_gate(Severity::Critical), at_gate(Severity::High));
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
    // Decisions on checklist questions are said apart: the tables below count threats.
    let decision = |st: Status| {
        let of = |question: bool| {
            accepts
                .decided
                .iter()
                .filter(|f| f.status() == st && f.baseline == question)
                .count()
        };
        let (threats, questions) = (of(false), of(true));
        let word = if st == Status::Accepted {
            "accepted"
        } else {
            "transferred"
        };
        match questions {
            0 => format!("{threats} {word}"),
            1 if threats == 0 => format!("1 {word} (a checklist question)"),
            1 => format!("{} {word} (one a checklist question)", threats + 1),
            q => format!("{} {word} ({q} of them checklist questions)", threats + q),
        }
    };
    let mitigated = s.by_status.get("mitigated").copied().unwrap_or(0);
    format!(
        "Risk posture: {open}; {} and {} with a justification; {} mitigated; {} of {} decided.",
        decision(Status::Accepted),
        decision(Status::Transferred),
        mitigated,
        s.total - s.open,
        count(s.total, "threat", "threats")
    )
}

/// "Threat title (subject)", marked when it is a checklist question or another tool's
/// output.
fn threat_cell(f: &Finding) -> Cell {
    let mut text = format!("{}\n({})", f.title, f.subject_name());
    if f.baseline {
        text.push_str("\nChecklist question");
    }
    if let Some(tool) = f.generated_by() {
        text.push_str(&format!("\nImported from {tool}, not assessed"));
    }
    Cell::new(text)
}

/// Who answers for a decision: owner, who decided and when, review date ("due" when past).
pub(super) fn accountability(f: &Finding, today: &str) -> Cell {
    let r = &f.record;
    let or_not = |s: &str| {
        if s.trim().is_empty() {
            "not recorded".to_owned()
        } else {
            s.trim().to_owned()
        }
    };
    let decided = match (r.decided_by.trim(), r.decided_at.get(..10).unwrap_or("")) {
        ("", "") => "not recorded".to_owned(),
        (by, "") => by.to_owned(),
        ("", at) => at.to_owned(),
        (by, at) => format!("{by}, {at}"),
    };
    let review = if r.review_by.trim().is_empty() {
        "none set".to_owned()
    } else if r.due_for_review(today) {
        format!("{} (DUE)", r.review_by.trim())
    } else {
        r.review_by.trim().to_owned()
    };
    // An open threat nobody decided on has only an owner to show (one line keeps the
    // register short).
    let text = if f.status() == Status::Open
        && r.decided_by.trim().is_empty()
        && r.decided_at.is_empty()
        && r.review_by.trim().is_empty()
    {
        format!("Owner: {}", or_not(&r.owner))
    } else {
        format!(
            "Owner: {}\nDecided: {decided}\nReview by: {review}",
            or_not(&r.owner)
        )
    };
    if r.due_for_review(today) {
        Cell::colored(text, Rgb8(0xb0, 0x00, 0x20))
    } else {
        Cell::new(text)
    }
}

/// The decision's words and its tickets or links.
fn words_and_links(text: &str, links: &[String]) -> Cell {
    let mut s = if text.trim().is_empty() {
        "No words recorded.".to_owned()
    } else {
        text.trim().to_owned()
    };
    if !links.is_empty() {
        s.push_str(&format!("\nTickets: {}", links.join(", ")));
    }
    Cell::new(s)
}

/// A status as the evidence bears it out: "Mitigated — evidence failing: checkov
/// CKV_AWS_18 on InvoiceBucket" when a control named on it fails, "… — control not run"
/// when the evidence does not show it ran.
pub(super) fn status_with_evidence(f: &Finding, o: &PdfOptions) -> Cell {
    let status = f.status();
    let Some(v) = o.verification.as_ref().and_then(|v| v.threat(&f.key)) else {
        return Cell::colored(status.label(), status_color(status));
    };
    match v.state() {
        ControlState::Passing => Cell::colored(
            format!("{} — evidence passing", status.label()),
            status_color(status),
        ),
        ControlState::Failing => {
            let failing: Vec<String> = v
                .controls
                .iter()
                .filter(|c| c.state == ControlState::Failing)
                .map(|c| {
                    let on: Vec<&str> = c
                        .failures
                        .iter()
                        .map(|x| x.resource.as_str())
                        .filter(|r| !r.is_empty())
                        .collect();
                    let name = if c.control.starts_with(&c.tool) {
                        c.control.clone()
                    } else {
                        format!("{} {}", c.tool, c.control)
                    };
                    if on.is_empty() {
                        name
                    } else {
                        format!("{name} on {}", on.join(", "))
                    }
                })
                .collect();
            Cell::colored(
                format!(
                    "{} — evidence failing: {}",
                    status.label(),
                    failing.join("; ")
                ),
                Rgb8(0xb0, 0x1c, 0x10),
            )
        }
        ControlState::NotRun => Cell::colored(
            format!(
                "{} — control not run: no evidence it was checked",
                status.label()
            ),
            Rgb8(0xb0, 0x60, 0x00),
        ),
    }
}

/// Mitigated claims the evidence contradicts (a control fails) or did not check (not run).
pub(super) fn contradicted_claims(a: &Analysis, o: &PdfOptions) -> (usize, usize) {
    let Some(v) = &o.verification else {
        return (0, 0);
    };
    let mut failing = 0;
    let mut not_run = 0;
    for t in &v.threats {
        let claimed = a
            .findings
            .iter()
            .any(|f| f.key == t.key && f.status() == Status::Mitigated);
        if !claimed {
            continue;
        }
        match t.state() {
            ControlState::Failing => failing += 1,
            ControlState::NotRun => not_run += 1,
            ControlState::Passing => {}
        }
    }
    (failing, not_run)
}

/// The residual-risk register: what a sign-off accepts ([`Accepts`]), stated in one
/// sentence and listed: the open threats at or above the gate and every accepted or
/// transferred decision with who answers for it, then the other open threats compactly.
pub(super) fn register(w: &mut Writer<'_>, a: &Analysis, o: &PdfOptions) {
    w.page(PORTRAIT);
    w.section("Residual risk");
    let accepts = Accepts::of(a);
    let due = accepts
        .all()
        .filter(|f| f.record.due_for_review(&o.today))
        .count();
    w.para(&accepts.statement(), Face::Bold, 10.0, BLACK);
    if due > 0 {
        w.para(
            &format!(
                "{} past its review date (marked DUE).",
                crate::edit::count(due, "decision is", "decisions are")
            ),
            Face::Regular,
            10.0,
            Rgb8(0xb0, 0x00, 0x20),
        );
    }
    w.y += 4.0;
    let ww = w.width();
    if !accepts.open_at_gate.is_empty() {
        w.heading(
            &format!(
                "Open threats at or above high ({})",
                accepts.open_at_gate.len()
            ),
            12.0,
        );
        // One or two lines a row: a big model has hundreds of these.
        let cols = [
            Col {
                title: "Severity",
                width: 50.0,
            },
            Col {
                title: "Threat, and the plan where there is one",
                width: ww - 250.0,
            },
            Col {
                title: "Element or flow",
                width: 110.0,
            },
            Col {
                title: "Owner",
                width: 90.0,
            },
        ];
        let table: Vec<Vec<Cell>> = accepts
            .open_at_gate
            .iter()
            .map(|f| {
                let r = &f.record;
                let mut threat = f.title.clone();
                let plan = crate::report::decision_text(f);
                if !plan.trim().is_empty() {
                    threat.push_str(&format!("\nPlan: {}", plan.trim()));
                }
                if !r.links.is_empty() {
                    threat.push_str(&format!("\nTickets: {}", r.links.join(", ")));
                }
                if f.status() != Status::Open {
                    threat.push_str(&format!("\nStatus: {}", f.status().label()));
                }
                let mut owner = if r.owner.trim().is_empty() {
                    "not recorded".to_owned()
                } else {
                    r.owner.trim().to_owned()
                };
                if !r.review_by.trim().is_empty() {
                    owner.push_str(&format!("\nreview by {}", r.review_by.trim()));
                    if r.due_for_review(&o.today) {
                        owner.push_str(" (DUE)");
                    }
                }
                vec![
                    Cell::colored(
                        crate::edit::capitalized(f.severity.label()),
                        severity_color(f.severity),
                    ),
                    Cell::new(threat),
                    Cell::new(f.subject_name().to_owned()),
                    Cell::new(owner),
                ]
            })
            .collect();
        w.table(&cols, &table);
    }
    if !accepts.decided.is_empty() {
        w.heading(
            &format!("Accepted and transferred ({})", accepts.decided.len()),
            12.0,
        );
        let cols = [
            Col {
                title: "Severity",
                width: 50.0,
            },
            Col {
                title: "Threat",
                width: 140.0,
            },
            Col {
                title: "Status",
                width: 62.0,
            },
            Col {
                title: "Justification",
                width: ww - 372.0,
            },
            Col {
                title: "Accountability",
                width: 120.0,
            },
        ];
        let table: Vec<Vec<Cell>> = accepts
            .decided
            .iter()
            .map(|f| {
                vec![
                    Cell::colored(
                        crate::edit::capitalized(f.severity.label()),
                        severity_color(f.severity),
                    ),
                    threat_cell(f),
                    Cell::colored(f.status().label(), status_color(f.status())),
                    words_and_links(crate::report::decision_text(f), &f.record.links),
                    accountability(f, &o.today),
                ]
            })
            .collect();
        w.table(&cols, &table);
    }
    if !accepts.other_open.is_empty() {
        w.heading(
            &format!(
                "Other open threats, below high ({})",
                accepts.other_open.len()
            ),
            12.0,
        );
        if accepts.other_open.len() > OTHER_OPEN_ROWS {
            other_open_counts(w, &accepts);
            return;
        }
        let cols = [
            Col {
                title: "Severity",
                width: 50.0,
            },
            Col {
                title: "Threat",
                width: ww - 250.0,
            },
            Col {
                title: "Element or flow",
                width: 110.0,
            },
            Col {
                title: "Owner",
                width: 90.0,
            },
        ];
        let table: Vec<Vec<Cell>> = accepts
            .other_open
            .iter()
            .map(|f| {
                vec![
                    Cell::colored(
                        crate::edit::capitalized(f.severity.label()),
                        severity_color(f.severity),
                    ),
                    Cell::new(f.title.clone()),
                    Cell::new(f.subject_name().to_owned()),
                    Cell::new(if f.record.owner.trim().is_empty() {
                        "not recorded".to_owned()
                    } else {
                        f.record.owner.clone()
                    }),
                ]
            })
            .collect();
        w.table(&cols, &table);
    }
}

/// Beyond this many other open threats, the body counts them by severity and category;
/// the appendix lists each (a 1,000-element model would otherwise have a 150-page body).
const OTHER_OPEN_ROWS: usize = 60;

fn other_open_counts(w: &mut Writer<'_>, accepts: &Accepts<'_>) {
    use crate::model::{Category, Stride};
    w.para(
        "Counted by severity and STRIDE category; the appendix lists each one.",
        Face::Regular,
        9.5,
        GREY,
    );
    let mut cols = vec![Col {
        title: "Severity",
        width: 60.0,
    }];
    let letters = ["S", "T", "R", "I", "D", "E", "Other"];
    for l in letters {
        cols.push(Col {
            title: l,
            width: 50.0,
        });
    }
    cols.push(Col {
        title: "Total",
        width: 50.0,
    });
    let sevs: Vec<Severity> = Severity::ALL
        .iter()
        .rev()
        .copied()
        .filter(|s| *s < crate::history::accepts::GATE)
        .collect();
    let mut rows = Vec::new();
    for sev in sevs {
        let of = |c: Option<Stride>| {
            accepts
                .other_open
                .iter()
                .filter(|f| f.severity == sev)
                .filter(|f| match (&f.category, c) {
                    (Category::Stride(x), Some(y)) => *x == y,
                    (Category::Other(_), None) => true,
                    _ => false,
                })
                .count()
        };
        let mut row = vec![Cell::colored(
            crate::edit::capitalized(sev.label()),
            severity_color(sev),
        )];
        let mut total = 0;
        for st in Stride::ALL.iter().map(|s| Some(*s)).chain([None]) {
            let n = of(st);
            total += n;
            row.push(Cell::new(n.to_string()));
        }
        row.push(Cell::new(total.to_string()));
        rows.push(row);
    }
    w.table(&cols, &rows);
}

/// The mitigations promised: every decision that names one (checklist questions too),
/// with who answers for it and what the evidence says of it.
pub(super) fn promised(w: &mut Writer<'_>, a: &Analysis, o: &PdfOptions) {
    let rows: Vec<&Finding> = a
        .findings
        .iter()
        .filter(|f| f.generated_by().is_none())
        .filter(|f| !f.record.mitigation.trim().is_empty())
        .filter(|f| o.include_mitigated || f.status() != Status::Mitigated)
        .collect();
    if rows.is_empty() {
        return;
    }
    w.heading(&format!("Mitigations promised ({})", rows.len()), 13.0);
    let ww = w.width();
    // The mitigation is the longest text: the widest column (a narrow one made rows of
    // ten lines beside a half-empty status).
    let cols = [
        Col {
            title: "Threat",
            width: 125.0,
        },
        Col {
            title: "Mitigation",
            width: ww - 340.0,
        },
        Col {
            title: "Accountability",
            width: 120.0,
        },
        Col {
            title: "Status",
            width: 95.0,
        },
    ];
    let table: Vec<Vec<Cell>> = rows
        .iter()
        .map(|f| {
            vec![
                threat_cell(f),
                words_and_links(&f.record.mitigation, &f.record.links),
                accountability(f, &o.today),
                status_with_evidence(f, o),
            ]
        })
        .collect();
    w.table(&cols, &table);
}

/// Every other decision (not applicable, or closed without a mitigation's words; on
/// threats and checklist questions alike), so no decision is left out of the body.
pub(super) fn checklist_decisions(w: &mut Writer<'_>, a: &Analysis, o: &PdfOptions) {
    let rows: Vec<&Finding> = a
        .findings
        .iter()
        .filter(|f| f.generated_by().is_none())
        .filter(|f| f.status() != Status::Open)
        .filter(|f| !matches!(f.status(), Status::Accepted | Status::Transferred))
        .filter(|f| f.record.mitigation.trim().is_empty())
        .filter(|f| f.status() != Status::NeedsInvestigation || f.baseline)
        .collect();
    if rows.is_empty() {
        return;
    }
    w.heading(&format!("Other decisions ({})", rows.len()), 13.0);
    let ww = w.width();
    let cols = [
        Col {
            title: "Threat or question",
            width: 150.0,
        },
        Col {
            title: "Status",
            width: 70.0,
        },
        Col {
            title: "Justification",
            width: ww - 340.0,
        },
        Col {
            title: "Accountability",
            width: 120.0,
        },
    ];
    let table: Vec<Vec<Cell>> = rows
        .iter()
        .map(|f| {
            vec![
                threat_cell(f),
                status_with_evidence(f, o),
                words_and_links(crate::report::decision_text(f), &f.record.links),
                accountability(f, &o.today),
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
            "The element inventory and every threat of every element follow.".to_owned()
        }
        crate::report::Appendix::Open => format!(
            "The element inventory and the open threats of every element follow; {} left out of this listing. A report exported with the full listing includes them.",
            crate::edit::count(decided, "decided threat is", "decided threats are")
        ),
        crate::report::Appendix::None => {
            "The per-element listing is left out of this report; the register above is what is signed. A report exported with the full listing includes every threat of every element."
                .to_owned()
        }
    };
    w.para(&text, Face::Regular, 10.0, GREY);
}
