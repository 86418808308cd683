//! The sign-off page: a decision block per reviewer, and the sign-off records the model
//! carries (who signed which version, with which hash).

use super::*;

pub(super) fn sign_off(w: &mut Writer<'_>, p: &Project, o: &PdfOptions) {
    w.page(PORTRAIT);
    w.section("Sign-off");
    w.para("Each reviewer records a decision on this report, which refers to the model by the SHA-256 on the cover (the same hash a recorded sign-off keeps).", Face::Regular, 10.0, BLACK);
    if !p.signoffs.is_empty() {
        w.y += 6.0;
        w.para("Recorded sign-offs", Face::Bold, 11.0, BLACK);
        let rows: Vec<Vec<Cell>> = p
            .signoffs
            .iter()
            .enumerate()
            .rev()
            .map(|(i, s)| {
                let signature = o.signatures.get(i).map_or_else(
                    || crate::history::signing::check_record(s, None),
                    Clone::clone,
                );
                vec![
                    Cell::new(if s.role.is_empty() {
                        s.reviewer.clone()
                    } else {
                        format!("{} ({})", s.reviewer, s.role)
                    }),
                    Cell::new(crate::report::human_time(&s.at)),
                    Cell::new(&s.version_label),
                    Cell::new(s.model_sha256.get(..16).unwrap_or(&s.model_sha256)),
                    Cell::new(crate::edit::count(s.accepted.len(), "threat", "threats")),
                    Cell::new(signature.label()),
                ]
            })
            .collect();
        w.table(
            &[
                Col {
                    title: "Reviewer",
                    width: 95.0,
                },
                Col {
                    title: "When",
                    width: 80.0,
                },
                Col {
                    title: "Version",
                    width: 50.0,
                },
                Col {
                    title: "Model hash",
                    width: 80.0,
                },
                Col {
                    title: "Accepted",
                    width: 60.0,
                },
                Col {
                    title: "Signature",
                    width: 134.0,
                },
            ],
            &rows,
        );
    }
    w.y += 10.0;
    // Every reviewer has a box, and so has everyone who signed off (a signer need not be
    // among the project's reviewers).
    let mut reviewers = p.meta.reviewers.clone();
    for s in &p.signoffs {
        if !reviewers
            .iter()
            .any(|r| r.name.trim().eq_ignore_ascii_case(s.reviewer.trim()))
        {
            reviewers.push(Reviewer {
                name: s.reviewer.clone(),
                role: s.role.clone(),
            });
        }
    }
    if reviewers.is_empty() {
        reviewers.push(Reviewer {
            name: String::new(),
            role: String::new(),
        });
    }
    for r in &reviewers {
        w.ensure(150.0);
        let y = w.y;
        w.rect(MARGIN, y, w.width(), 130.0, None, Some((RULE, 0.8)));
        w.text_at(
            MARGIN + 10.0,
            y + 10.0,
            &format!("Name: {}", r.name),
            Face::Bold,
            10.5,
            BLACK,
        );
        w.text_at(
            MARGIN + 10.0,
            y + 26.0,
            &format!("Role: {}", r.role),
            Face::Regular,
            10.0,
            BLACK,
        );
        // Their latest recorded sign-off, beside the box they sign on paper.
        if let Some((i, s)) = p
            .signoffs
            .iter()
            .enumerate()
            .rev()
            .find(|(_, s)| s.reviewer.trim().eq_ignore_ascii_case(r.name.trim()))
        {
            let signature = o.signatures.get(i).map_or_else(
                || crate::history::signing::check_record(s, None),
                Clone::clone,
            );
            w.text_at(
                MARGIN + 250.0,
                y + 10.0,
                &format!("Recorded sign-off: {}", crate::report::human_time(&s.at)),
                Face::Regular,
                9.0,
                GREY,
            );
            // Two lines at most beside the name: a long key comment must not leave the box.
            let room = w.width() - 260.0;
            let lines = w.fonts.wrap(&signature.label(), Face::Regular, 9.0, room);
            for (k, line) in lines.iter().take(2).enumerate() {
                w.text_at(
                    MARGIN + 250.0,
                    y + 22.0 + k as f32 * 11.0,
                    line,
                    Face::Regular,
                    9.0,
                    GREY,
                );
            }
        }
        let mut x = MARGIN + 10.0;
        for choice in ["Approved", "Approved with conditions", "Rejected"] {
            w.rect(x, y + 48.0, 10.0, 10.0, None, Some((BLACK, 0.8)));
            w.text_at(x + 14.0, y + 47.0, choice, Face::Regular, 10.0, BLACK);
            x += 30.0 + w.fonts.width(choice, Face::Regular, 10.0);
        }
        w.text_at(
            MARGIN + 10.0,
            y + 72.0,
            "Conditions:",
            Face::Regular,
            10.0,
            GREY,
        );
        w.line(
            &[
                (MARGIN + 80.0, y + 82.0),
                (MARGIN + w.width() - 10.0, y + 82.0),
            ],
            RULE,
            0.6,
            None,
            false,
        );
        w.text_at(MARGIN + 10.0, y + 100.0, "Date:", Face::Regular, 10.0, GREY);
        w.line(
            &[(MARGIN + 45.0, y + 110.0), (MARGIN + 180.0, y + 110.0)],
            BLACK,
            0.6,
            None,
            false,
        );
        w.text_at(
            MARGIN + 200.0,
            y + 100.0,
            "Signature:",
            Face::Regular,
            10.0,
            GREY,
        );
        w.line(
            &[
                (MARGIN + 260.0, y + 110.0),
                (MARGIN + w.width() - 10.0, y + 110.0),
            ],
            BLACK,
            0.6,
            None,
            false,
        );
        w.y += 145.0;
    }
}
