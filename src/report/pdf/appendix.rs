//! The appendix's listings: threats by element, the STRIDE checklist, validation messages and the workshop sessions.

use super::*;

pub(super) fn threats(w: &mut Writer<'_>, p: &Project, a: &Analysis, o: &PdfOptions) {
    w.page_unless_fresh(PORTRAIT);
    w.section("Threats by element");
    if !o.include_mitigated {
        w.para(
            "Mitigated threats are left out of this report.",
            Face::Regular,
            9.0,
            GREY,
        );
    }
    let ww = w.width();
    let cols = [
        Col {
            title: "Cat",
            width: 22.0,
        },
        Col {
            title: "Threat",
            width: 180.0,
        },
        Col {
            title: "Severity",
            width: 50.0,
        },
        Col {
            title: "Status",
            width: 58.0,
        },
        Col {
            title: "Mitigation / justification",
            width: ww - 360.0,
        },
        Col {
            title: "Owner",
            width: 50.0,
        },
    ];
    let mut i = 0;
    let findings: Vec<&Finding> = a
        .threats()
        .filter(|f| o.include_mitigated || f.status() != Status::Mitigated)
        .filter(|f| o.appendix != crate::report::Appendix::Open || f.status().is_open())
        .collect();
    while i < findings.len() {
        let subject = findings[i].subject().to_owned();
        let start = i;
        while i < findings.len() && findings[i].subject() == subject {
            i += 1;
        }
        let group = &findings[start..i];
        let kind = group[0].subject_kind.snake().replace('_', " ");
        w.heading(
            &format!(
                "{} ({kind}, {})",
                group[0].subject_name(),
                group[0].diagram_name()
            ),
            11.0,
        );
        let rows: Vec<Vec<Cell>> = group
            .iter()
            .map(|f| {
                let mut decision = f.record.mitigation.clone();
                if !f.record.justification.is_empty() {
                    if !decision.is_empty() {
                        decision.push('\n');
                    }
                    decision.push_str(&format!("Justification: {}", f.record.justification));
                }
                if decision.is_empty() {
                    decision = f
                        .suggested_mitigations()
                        .first()
                        .map_or(String::new(), |m| format!("Suggested: {m}"));
                }
                // The rule id (the subject is the section's) ties the line to CI output
                // without a column of internal keys.
                vec![
                    Cell::new(crate::report::category_code(&f.category)),
                    Cell::new(format!(
                        "{}\n({})\nRule: {}",
                        f.title,
                        crate::report::reason_only(&f.severity_reason),
                        f.rule_id()
                    )),
                    Cell::colored(
                        crate::edit::capitalized(f.severity.label()),
                        severity_color(f.severity),
                    ),
                    Cell::colored(f.status().label(), status_color(f.status())),
                    Cell::new(decision),
                    Cell::new(f.record.owner.clone()),
                ]
            })
            .collect();
        w.table(&cols, &rows);
    }
    checklist(w, p, a);
    let out_of_scope = &a.out_of_scope;
    if !out_of_scope.is_empty() {
        w.heading("Out of scope", 11.0);
        let rows: Vec<Vec<Cell>> = out_of_scope
            .iter()
            .map(|o| {
                vec![
                    Cell::new(o.name.clone()),
                    Cell::new(o.subject_kind.snake().replace('_', " ")),
                    Cell::new(o.reason.clone()),
                ]
            })
            .collect();
        w.table(
            &[
                Col {
                    title: "Element or flow",
                    width: 150.0,
                },
                Col {
                    title: "Kind",
                    width: 80.0,
                },
                Col {
                    title: "Reason",
                    width: ww - 230.0,
                },
            ],
            &rows,
        );
    }
    let _ = p;
}

/// The STRIDE checklist: per subject, the categories no specific threat answered and that
/// are still open, as questions for the reviewer rather than threats.
pub(super) fn checklist(w: &mut Writer<'_>, p: &Project, a: &Analysis) {
    let rows: Vec<Vec<Cell>> = p
        .diagrams
        .iter()
        .flat_map(|d| crate::report::checklist_by_subject(a, d.id.as_str()))
        .map(|(name, letters)| vec![Cell::new(name.to_owned()), Cell::new(letters)])
        .collect();
    if rows.is_empty() {
        return;
    }
    w.heading("STRIDE checklist", 11.0);
    w.para(
        &format!(
            "{} questions are open where no specific threat was found: the categories of the STRIDE-per-element table still to be asked of each subject (S spoofing, T tampering, R repudiation, I information disclosure, D denial of service, E elevation of privilege).",
            a.summary.checklist_open
        ),
        Face::Regular,
        9.0,
        GREY,
    );
    let ww = w.width();
    w.table(
        &[
            Col {
                title: "Element or flow",
                width: ww - 120.0,
            },
            Col {
                title: "Open questions",
                width: 120.0,
            },
        ],
        &rows,
    );
}

/// Validation messages: in the body the errors (they block sign-off) and a count of the
/// warnings; in the appendix the warnings themselves.
pub(super) fn validation(w: &mut Writer<'_>, a: &Analysis, body: bool) {
    let warnings = a
        .validation
        .iter()
        .filter(|m| m.level == Level::Warning)
        .count();
    let messages: Vec<_> = a
        .validation
        .iter()
        .filter(|m| {
            if body {
                m.level == Level::Error
            } else {
                m.level == Level::Warning
            }
        })
        .collect();
    if body {
        w.section("Open validation errors");
        if messages.is_empty() {
            w.para("None.", Face::Regular, 10.0, BLACK);
        }
        if warnings > 0 {
            w.para(
                &format!(
                    "{} in the appendix.",
                    crate::edit::count(
                        warnings,
                        "validation warning is",
                        "validation warnings are"
                    )
                ),
                Face::Regular,
                10.0,
                GREY,
            );
        }
    } else {
        if messages.is_empty() {
            return;
        }
        w.section("Validation warnings");
    }
    if messages.is_empty() {
        return;
    }
    let ww = w.width();
    let rows: Vec<Vec<Cell>> = messages
        .iter()
        .map(|m| {
            vec![
                Cell::colored(
                    m.level.label(),
                    if m.level == Level::Error {
                        Rgb8(0xb0, 0, 0x20)
                    } else {
                        Rgb8(0xe6, 0x9b, 0)
                    },
                ),
                Cell::new(m.code.as_str()),
                Cell::new(m.message.clone()),
            ]
        })
        .collect();
    w.table(
        &[
            Col {
                title: "Level",
                width: 50.0,
            },
            Col {
                title: "Code",
                width: 110.0,
            },
            Col {
                title: "Message",
                width: ww - 160.0,
            },
        ],
        &rows,
    );
}

pub(super) fn sessions(w: &mut Writer<'_>, p: &Project, a: &Analysis) {
    if p.sessions.is_empty() {
        return;
    }
    w.page(PORTRAIT);
    w.section("Workshop sessions");
    for s in &p.sessions {
        w.heading(&crate::report::human_span(&s.started, &s.ended), 11.0);
        w.para(
            &format!(
                "Facilitator: {}. Participants: {}.",
                s.facilitator,
                if s.participants.is_empty() {
                    "not recorded".to_owned()
                } else {
                    s.participants.join(", ")
                }
            ),
            Face::Regular,
            9.5,
            BLACK,
        );
        let decided = crate::report::session_decisions(p, a, s);
        if decided.is_empty() {
            w.para("No decisions recorded.", Face::Regular, 9.5, GREY);
            continue;
        }
        let ww = w.width();
        let rows: Vec<Vec<Cell>> = decided
            .iter()
            .map(|f| {
                let text = crate::report::decision_text(f).to_owned();
                vec![
                    Cell::new(f.title.clone()),
                    Cell::new(f.subject_name().to_string()),
                    Cell::colored(f.status().label(), status_color(f.status())),
                    Cell::new(text),
                    Cell::new(format!("{}\n{}", f.record.decided_by, f.record.decided_at)),
                ]
            })
            .collect();
        w.table(
            &[
                Col {
                    title: "Threat",
                    width: 130.0,
                },
                Col {
                    title: "Element",
                    width: 80.0,
                },
                Col {
                    title: "Decision",
                    width: 62.0,
                },
                Col {
                    title: "Mitigation / justification",
                    width: ww - 362.0,
                },
                Col {
                    title: "By, when",
                    width: 90.0,
                },
            ],
            &rows,
        );
    }
}
