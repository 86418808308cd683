//! The summary page (risk posture, STRIDE chart, counts) and how the rules in force differ from the built-in ones.

use super::*;

/// The threats the summary's counts are of: the team's and the rules', not another
/// tool's output nobody assessed (the same filter as `analysis::summary`).
fn counted(a: &Analysis) -> impl Iterator<Item = &Finding> {
    a.threats().filter(|f| f.generated_by().is_none())
}

/// Out-of-scope items listed on the summary page; more are counted, the appendix's
/// inventory has each.
const OUT_OF_SCOPE_ROWS: usize = 12;

/// What was reviewed, before any number: scope, assumptions, what is out of scope and why,
/// and how many checklist questions nobody answered.
fn scope(w: &mut Writer<'_>, p: &Project, a: &Analysis) {
    w.heading("Scope", 12.0);
    if p.meta.scope.trim().is_empty() {
        w.para(
            "No scope was recorded for this model.",
            Face::Regular,
            10.0,
            Rgb8(0xb0, 0x00, 0x20),
        );
    } else {
        w.para(p.meta.scope.trim(), Face::Regular, 10.0, BLACK);
    }
    if !p.meta.assumptions.is_empty() {
        w.y += 3.0;
        w.para("Assumptions", Face::Bold, 10.0, BLACK);
        for x in &p.meta.assumptions {
            w.para(&format!("• {x}"), Face::Regular, 10.0, BLACK);
        }
    }
    if !a.out_of_scope.is_empty() {
        w.y += 3.0;
        w.para(
            &format!("Out of scope ({})", a.out_of_scope.len()),
            Face::Bold,
            10.0,
            BLACK,
        );
        // One line per reason: an importer's stand-ins share one long reason.
        let mut by_reason: Vec<(&str, Vec<&str>)> = Vec::new();
        for x in &a.out_of_scope {
            let reason = if x.reason.trim().is_empty() {
                "no reason recorded"
            } else {
                x.reason.trim()
            };
            match by_reason.iter_mut().find(|(r, _)| *r == reason) {
                Some((_, names)) => names.push(&x.name),
                None => by_reason.push((reason, vec![&x.name])),
            }
        }
        for (reason, names) in by_reason.iter().take(OUT_OF_SCOPE_ROWS) {
            let line = match names.as_slice() {
                [one] => format!("• {one}: {reason}"),
                many => {
                    // Names several things share once, with their count ("Protocol ×2").
                    let mut distinct: Vec<(&str, usize)> = Vec::new();
                    for n in many {
                        match distinct.iter_mut().find(|(d, _)| d == n) {
                            Some((_, c)) => *c += 1,
                            None => distinct.push((n, 1)),
                        }
                    }
                    let named: Vec<String> = distinct
                        .iter()
                        .map(|(n, c)| {
                            if *c > 1 {
                                format!("{n} ×{c}")
                            } else {
                                (*n).to_owned()
                            }
                        })
                        .collect();
                    let shown: Vec<&str> = named.iter().take(6).map(String::as_str).collect();
                    let more = distinct.len().saturating_sub(shown.len());
                    format!(
                        "• {}{}: {reason}",
                        shown.join(", "),
                        if more > 0 {
                            format!(" and {more} more")
                        } else {
                            String::new()
                        }
                    )
                }
            };
            w.para(&line, Face::Regular, 10.0, BLACK);
        }
        if by_reason.len() > OUT_OF_SCOPE_ROWS {
            w.para(
                &format!(
                    "… and {} more reasons, listed in the appendix's inventory.",
                    by_reason.len() - OUT_OF_SCOPE_ROWS
                ),
                Face::Regular,
                10.0,
                GREY,
            );
        }
    }
    let accepts = crate::history::accepts::Accepts::of(a);
    w.y += 3.0;
    let unanswered = accepts.unanswered_questions;
    w.para(
        &if unanswered == 0 {
            "Every checklist question is answered.".to_owned()
        } else {
            format!(
                "{} of {} checklist questions unanswered: they are not part of the sign-off, and the readiness verdict counts them.",
                unanswered, a.summary.checklist
            )
        },
        Face::Regular,
        10.0,
        if unanswered == 0 { BLACK } else { Rgb8(0xa8, 0x5a, 0x00) },
    );
    if let Some(note) = a.imported_generated_note(false) {
        w.para(
            &format!("{}.", crate::edit::capitalized(&note)),
            Face::Regular,
            10.0,
            GREY,
        );
    }
    w.y += 6.0;
}

pub(super) fn summary(w: &mut Writer<'_>, p: &Project, a: &Analysis, o: &PdfOptions) {
    w.page(PORTRAIT);
    w.section("Summary");
    w.para(&posture(a), Face::Bold, 10.5, BLACK);
    w.y += 4.0;
    scope(w, p, a);
    w.ensure(200.0);
    // A stacked bar per STRIDE category: how many threats in each status.
    let chart_h = 150.0;
    let top = w.y;
    let max = Stride::ALL
        .iter()
        .map(|s| {
            a.summary
                .by_category
                .get(&s.letter().to_string())
                .map_or(0, |c| c.total)
        })
        .max()
        .unwrap_or(0)
        .max(1) as f32;
    let bar_w = 40.0;
    let gap = (w.width() - 120.0 - 6.0 * bar_w) / 6.0;
    for (i, st) in Stride::ALL.iter().enumerate() {
        let x = MARGIN + 30.0 + i as f32 * (bar_w + gap);
        let mut y = top + chart_h;
        for status in Status::ALL {
            let n = a
                .threats()
                .filter(|f| f.category == Category::Stride(*st) && f.status() == status)
                .count();
            if n == 0 {
                continue;
            }
            let h = n as f32 / max * chart_h;
            w.rect(x, y - h, bar_w, h, Some(status_color(status)), None);
            y -= h;
        }
        let total = a
            .summary
            .by_category
            .get(&st.letter().to_string())
            .map_or(0, |c| c.total);
        w.text_at(
            x + bar_w / 2.0 - 8.0,
            top + chart_h + 4.0,
            &format!("{} {}", st.letter(), total),
            Face::Bold,
            9.0,
            BLACK,
        );
    }
    w.line(
        &[
            (MARGIN + 20.0, top + chart_h),
            (MARGIN + w.width() - 90.0, top + chart_h),
        ],
        GREY,
        0.8,
        None,
        false,
    );
    // Legend.
    let lx = MARGIN + w.width() - 80.0;
    for (i, st) in Status::ALL.iter().enumerate() {
        let ly = top + i as f32 * 14.0;
        w.rect(lx, ly + 2.0, 8.0, 8.0, Some(status_color(*st)), None);
        w.text_at(lx + 12.0, ly, st.label(), Face::Regular, 8.0, BLACK);
    }
    w.y = top + chart_h + 24.0;

    // Category × status table.
    let mut cols = vec![Col {
        title: "Category",
        width: 120.0,
    }];
    let titles = [
        "Open",
        "Needs inv.",
        "Mitigated",
        "N/A",
        "Accepted",
        "Transferred",
    ];
    for t in titles {
        cols.push(Col {
            title: t,
            width: (w.width() - 160.0) / 6.0,
        });
    }
    cols.push(Col {
        title: "Total",
        width: 40.0,
    });
    let mut rows = Vec::new();
    let mut column_totals = [0usize; Status::ALL.len()];
    let categories: Vec<(String, Option<Stride>)> = Stride::ALL
        .iter()
        .map(|st| (st.label().to_owned(), Some(*st)))
        .chain(
            counted(a)
                .any(|f| matches!(f.category, Category::Other(_)))
                .then(|| ("Other".to_owned(), None)),
        )
        .collect();
    for (label, st) in categories {
        let mut row = vec![Cell::new(label)];
        let mut total = 0;
        for (i, status) in Status::ALL.into_iter().enumerate() {
            let n = counted(a)
                .filter(|f| match (&f.category, st) {
                    (Category::Stride(x), Some(y)) => *x == y,
                    (Category::Other(_), None) => true,
                    _ => false,
                })
                .filter(|f| f.status() == status)
                .count();
            total += n;
            column_totals[i] += n;
            row.push(Cell::new(n.to_string()));
        }
        row.push(Cell::new(total.to_string()));
        rows.push(row);
    }
    let mut total_row = vec![Cell::colored("All threats", BLACK)];
    total_row.extend(
        column_totals
            .iter()
            .map(|n| Cell::colored(n.to_string(), BLACK)),
    );
    total_row.push(Cell::colored(a.summary.total.to_string(), BLACK));
    rows.push(total_row);
    w.table(&cols, &rows);
    let sev_cols = [
        Col {
            title: "Severity",
            width: 120.0,
        },
        // The category table's Open and Needs inv. together: the two tables add up.
        Col {
            title: "Open or needs inv.",
            width: 110.0,
        },
        Col {
            title: "All",
            width: 80.0,
        },
    ];
    let sev_rows: Vec<Vec<Cell>> = Severity::ALL
        .iter()
        .rev()
        .map(|s| {
            vec![
                Cell::colored(crate::edit::capitalized(s.label()), severity_color(*s)),
                Cell::new(
                    a.summary
                        .open_by_severity
                        .get(s.label())
                        .copied()
                        .unwrap_or(0)
                        .to_string(),
                ),
                Cell::new(
                    a.summary
                        .by_severity
                        .get(s.label())
                        .copied()
                        .unwrap_or(0)
                        .to_string(),
                ),
            ]
        })
        .collect();
    let mut sev_rows = sev_rows;
    sev_rows.push(vec![
        Cell::colored("All threats", BLACK),
        Cell::colored(a.summary.open.to_string(), BLACK),
        Cell::colored(a.summary.total.to_string(), BLACK),
    ]);
    w.table(&sev_cols, &sev_rows);

    // The open high and critical threats are listed once, in the residual-risk register.
    let urgent = a.open_at_or_above(Severity::High).count();
    // A pointer, not worth a page of its own.
    if w.y + 20.0 > w.bottom() {
        return;
    }
    w.para(
        &format!(
            "{} — listed in the residual-risk register after the diagrams.",
            crate::edit::count(
                urgent,
                "open high or critical threat",
                "open high or critical threats"
            )
        ),
        Face::Regular,
        10.0,
        BLACK,
    );
    let _ = o;
}

/// Where the rules in force differ from the built-in ones: on the summary page, before any
/// threat, because a signer must know that the gate was changed.
pub(super) fn rule_changes(w: &mut Writer<'_>, a: &Analysis) {
    let Some(text) = a.rule_changes_text() else {
        return;
    };
    w.heading("Rule changes", 12.0);
    w.para(&text, Face::Bold, 10.0, Rgb8(0xb0, 0, 0x20));
    w.y += 4.0;
    let ww = w.width();
    let rows: Vec<Vec<Cell>> = a
        .rule_changes
        .iter()
        .map(|c| {
            vec![
                Cell::new(c.change.verb()),
                Cell::new(c.rule.clone()),
                Cell::new(c.origin.clone()),
            ]
        })
        .collect();
    w.table(
        &[
            Col {
                title: "Change",
                width: 70.0,
            },
            Col {
                title: "Rule",
                width: 190.0,
            },
            Col {
                title: "Catalogue file",
                width: ww - 260.0,
            },
        ],
        &rows,
    );
}
