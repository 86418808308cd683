//! The cover: title, version, owner and reviewers, the model hash and its sign-off, the overall verdict.

use super::*;

/// The readiness verdict: not ready while a threat at or above the gate is open, a
/// validation error stands or evidence contradicts a mitigated claim; ready with
/// reservations while checklist questions are unanswered or a claimed control was not run.
pub(super) fn overall_status(a: &Analysis, o: &PdfOptions) -> (String, Rgb8) {
    use crate::edit::count;
    let accepts = crate::history::accepts::Accepts::of(a);
    let blocking = accepts.open_at_gate.len();
    let errors = a.errors().count();
    let (failing, not_run) = super::signoff::contradicted_claims(a, o);
    let mut against = Vec::new();
    if blocking > 0 {
        against.push(count(
            blocking,
            "open high or critical threat",
            "open high or critical threats",
        ));
    }
    if errors > 0 {
        against.push(count(errors, "validation error", "validation errors"));
    }
    if failing > 0 {
        against.push(count(
            failing,
            "mitigated claim the evidence contradicts",
            "mitigated claims the evidence contradicts",
        ));
    }
    let mut reservations = Vec::new();
    if not_run > 0 {
        reservations.push(count(
            not_run,
            "mitigated claim the evidence did not check",
            "mitigated claims the evidence did not check",
        ));
    }
    if accepts.unanswered_questions > 0 {
        reservations.push(count(
            accepts.unanswered_questions,
            "checklist question unanswered",
            "checklist questions unanswered",
        ));
    }
    if !against.is_empty() {
        against.extend(reservations);
        (
            format!("Not ready: {}", against.join(", ")),
            Rgb8(0xb0, 0x00, 0x20),
        )
    } else if !reservations.is_empty() {
        (
            format!("Ready with reservations: {}", reservations.join(", ")),
            Rgb8(0xa8, 0x5a, 0x00),
        )
    } else {
        (
            "Ready for sign-off: no open high or critical threat, no validation error, no unanswered question".to_owned(),
            Rgb8(0x2e, 0x9d, 0x4f),
        )
    }
}

pub(super) fn cover(w: &mut Writer<'_>, p: &Project, a: &Analysis, o: &PdfOptions) {
    w.page(PORTRAIT);
    w.bookmark("Cover");
    w.y = 150.0;
    w.para("Threat model report", Face::Regular, 14.0, GREY);
    w.y += 6.0;
    w.para(
        if p.meta.title.is_empty() {
            "Untitled threat model"
        } else {
            &p.meta.title
        },
        Face::Bold,
        28.0,
        BLACK,
    );
    w.y += 18.0;
    let reviewers = p
        .meta
        .reviewers
        .iter()
        .map(|r| {
            if r.role.is_empty() {
                r.name.clone()
            } else {
                format!("{} ({})", r.name, r.role)
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    let rows = [
        ("Version", p.meta.version_label.clone()),
        ("Report date", o.date.clone()),
        (
            "Model dated",
            if p.meta.date.trim().is_empty() {
                "not recorded".to_owned()
            } else {
                p.meta.date.trim().to_owned()
            },
        ),
        ("Owner", p.meta.owner.clone()),
        ("Reviewers", reviewers),
        ("Project file", o.source_name.clone()),
        ("Model SHA-256", o.model_sha256.clone()),
        (
            "Signed off",
            match &o.signed {
                Some(s) => {
                    let check = o.signatures.last();
                    let invalid = check.is_some_and(|c| {
                        matches!(c, crate::history::signing::SignatureCheck::Invalid { .. })
                    });
                    format!(
                        "{}; {}{}",
                        super::changes::signed_label(s),
                        match (o.changed_since_signoff, &o.since, invalid) {
                            (_, _, true) =>
                                "SIGNATURE INVALID: the record was changed after signing, so nothing vouches that the model is unchanged",
                            (false, _, _) => "unchanged since",
                            (true, Some(_), _) => "CHANGED SINCE: see \"Changes since\" next",
                            (true, None, _) => {
                                "CHANGED SINCE (no copy of the signed model to compare)"
                            }
                        },
                        match check {
                            Some(c) if !invalid => format!("; {}", c.label()),
                            _ => String::new(),
                        }
                    )
                }
                None => "not yet".to_owned(),
            },
        ),
    ];
    for (k, v) in rows {
        let y = w.y;
        w.text_at(MARGIN, y, k, Face::Bold, 10.0, GREY);
        // The hash is long: a smaller size keeps it on one line.
        let size = if k == "Model SHA-256" { 8.0 } else { 10.0 };
        let lines = w.fonts.wrap(
            if v.is_empty() { "—" } else { &v },
            Face::Regular,
            size,
            w.width() - 110.0,
        );
        for (i, line) in lines.iter().enumerate() {
            w.text_at(
                MARGIN + 110.0,
                y + i as f32 * 13.0,
                line,
                Face::Regular,
                size,
                BLACK,
            );
        }
        w.y += lines.len() as f32 * 13.0 + 6.0;
    }
    w.y += 14.0;
    let (status, c) = overall_status(a, o);
    let y = w.y;
    let lines = w.fonts.wrap(&status, Face::Bold, 11.0, w.width() - 20.0);
    let h = 16.0 + lines.len() as f32 * 14.0;
    w.rect(MARGIN, y, w.width(), h, Some(c), None);
    for (i, line) in lines.iter().enumerate() {
        w.text_at(
            MARGIN + 10.0,
            y + 8.0 + i as f32 * 14.0,
            line,
            Face::Bold,
            11.0,
            Rgb8(0xff, 0xff, 0xff),
        );
    }
    w.y += h + 14.0;
    let s = &a.summary;
    w.para(
        &{
            use crate::edit::count;
            format!(
                "{}: {} open, {} decided. {}, {}.",
                count(s.total, "threat", "threats"),
                s.open,
                s.total - s.open,
                count(s.errors, "validation error", "validation errors"),
                count(s.warnings, "warning", "warnings")
            )
        },
        Face::Regular,
        10.5,
        BLACK,
    );
    if !p.meta.description.is_empty() {
        w.y += 10.0;
        w.para(&p.meta.description, Face::Regular, 10.5, BLACK);
    }
}
