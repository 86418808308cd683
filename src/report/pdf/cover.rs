//! The cover: title, version, owner and reviewers, the model hash and its sign-off, the overall verdict.

use super::*;

pub(super) fn overall_status(a: &Analysis) -> (String, Rgb8) {
    let blocking = a.open_at_or_above(Severity::High).count();
    let errors = a.errors().count();
    if blocking == 0 && errors == 0 {
        (
            "Ready for sign-off: no open high or critical threats, no validation errors".to_owned(),
            Rgb8(0x2e, 0x9d, 0x4f),
        )
    } else {
        (
            format!(
                "Not ready: {}, {}",
                crate::edit::count(
                    blocking,
                    "open high or critical threat",
                    "open high or critical threats"
                ),
                crate::edit::count(errors, "validation error", "validation errors")
            ),
            Rgb8(0xb0, 0x00, 0x20),
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
        ("Date", o.date.clone()),
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
    let (status, c) = overall_status(a);
    let y = w.y;
    w.rect(MARGIN, y, w.width(), 30.0, Some(c), None);
    w.text_at(
        MARGIN + 10.0,
        y + 9.0,
        &status,
        Face::Bold,
        11.0,
        Rgb8(0xff, 0xff, 0xff),
    );
    w.y += 44.0;
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
