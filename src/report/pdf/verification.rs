//! "Verification": the controls named on the mitigations, checked against the pipeline's
//! evidence — what each control's result was, from which file (its date and SHA-256), and
//! the scanner findings on the model's resources that no control covers.

use super::{BLACK, Cell, Col, Face, GREY, PORTRAIT, Rgb8, Writer};
use crate::evidence::{ControlState, Verification};

const PASSING: Rgb8 = Rgb8(0x1f, 0x7a, 0x45);
const FAILING: Rgb8 = Rgb8(0xb0, 0x1c, 0x10);

fn state_color(s: ControlState) -> Rgb8 {
    match s {
        ControlState::Passing => PASSING,
        ControlState::Failing => FAILING,
        ControlState::NotRun => GREY,
    }
}

pub(super) fn verification(w: &mut Writer<'_>, v: &Verification) {
    w.page(PORTRAIT);
    w.section("Verification");
    w.para(
        &format!(
            "The controls named on the mitigations, checked against the pipeline's evidence: {}. A control passes when its scanner ran the rule and reported nothing on the element's resources (or its test passed, or its manual check has evidence reviewed within a year); it is not run when nothing in the evidence shows it ran.",
            v.headline()
        ),
        Face::Regular,
        10.0,
        BLACK,
    );
    w.y += 6.0;
    w.para("Evidence", Face::Bold, 11.5, BLACK);
    w.y += 2.0;
    let files: Vec<Vec<Cell>> = v
        .evidence
        .iter()
        .map(|e| {
            // The file's name: folders of a CI workspace mean nothing to a reader.
            let name = std::path::Path::new(&e.path)
                .file_name()
                .map_or_else(|| e.path.clone(), |n| n.to_string_lossy().into_owned());
            vec![
                Cell::new(name),
                Cell::new(&e.summary),
                Cell::new(if e.date.is_empty() {
                    "undated".to_owned()
                } else {
                    crate::report::human_time(&e.date)
                }),
                Cell::new(super::grouped_hash(&e.sha256)),
            ]
        })
        .collect();
    w.table(
        &[
            Col {
                title: "File",
                width: 115.0,
            },
            Col {
                title: "What",
                width: 110.0,
            },
            Col {
                title: "Date",
                width: 75.0,
            },
            // Four groups of eight hex digits to a line: the hash in two lines.
            Col {
                title: "SHA-256",
                width: 195.0,
            },
        ],
        &files,
    );
    w.y += 6.0;
    w.para("Controls", Face::Bold, 11.5, BLACK);
    w.y += 2.0;
    let mut controls: Vec<_> = v.controls().collect();
    controls.sort_by_key(|(_, c)| std::cmp::Reverse(c.state));
    if controls.is_empty() {
        w.para(
            "No decision names a control yet.",
            Face::Regular,
            10.0,
            GREY,
        );
    } else {
        let rows: Vec<Vec<Cell>> = controls
            .iter()
            .map(|(t, c)| {
                let mut result = c.detail.clone();
                if let Some(f) = c.failures.first() {
                    result = format!(
                        "{result}: {} ({})",
                        f.message.lines().next().unwrap_or(""),
                        f.place
                    );
                }
                vec![
                    Cell::colored(
                        crate::edit::capitalized(c.state.label()),
                        state_color(c.state),
                    ),
                    Cell::new(&c.control),
                    Cell::new(format!("{} — {}", t.title, t.subject_name)),
                    Cell::new(result),
                ]
            })
            .collect();
        w.table(
            &[
                Col {
                    title: "Result",
                    width: 50.0,
                },
                Col {
                    title: "Control",
                    width: 95.0,
                },
                Col {
                    title: "Threat — on",
                    width: 170.0,
                },
                Col {
                    title: "Why",
                    width: 180.0,
                },
            ],
            &rows,
        );
    }
    if !v.findings.is_empty() {
        w.y += 6.0;
        w.para(
            &format!(
                "Implementation findings ({}): scanner results on the model's resources that no control covers",
                v.findings.len()
            ),
            Face::Bold,
            11.5,
            BLACK,
        );
        w.y += 2.0;
        let rows: Vec<Vec<Cell>> = v
            .findings
            .iter()
            .map(|f| {
                vec![
                    Cell::new(format!("{} ({})", f.element_name, f.resource)),
                    Cell::new(format!("{} {}", f.tool, f.rule)),
                    Cell::new(f.message.lines().next().unwrap_or("")),
                    Cell::new(&f.place),
                ]
            })
            .collect();
        w.table(
            &[
                Col {
                    title: "Element (resource)",
                    width: 120.0,
                },
                Col {
                    title: "Rule",
                    width: 80.0,
                },
                Col {
                    title: "Finding",
                    width: 160.0,
                },
                Col {
                    title: "Where",
                    width: 135.0,
                },
            ],
            &rows,
        );
    }
}
