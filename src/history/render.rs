//! A [`ModelDiff`] as text for a terminal, Markdown for a pull-request comment, or JSON.

use std::fmt::Write;

use super::diff::{Change, ItemChange, ModelDiff, ThreatChange};
use crate::edit::count;
use crate::foundation::escape::{json_for_log, line, md_inline as md};

/// The labels of the two sides, e.g. file names or `git:main:model.ron`.
pub struct Sides<'a> {
    pub old: &'a str,
    pub new: &'a str,
}

/// One changed thing in a sentence: `element "Orders DB": renamed from …; encrypted: no → yes`.
pub fn item_line(i: &ItemChange) -> String {
    let what = i.kind.label();
    match i.change {
        Change::Added | Change::Removed => {
            let detail = if i.detail.is_empty() {
                String::new()
            } else {
                format!(" ({})", i.detail)
            };
            format!("{what} \"{}\"{detail} on {}", i.name, i.diagram)
        }
        Change::Changed => {
            let mut parts = Vec::new();
            if let Some(old) = &i.renamed_from {
                parts.push(format!("renamed from \"{old}\""));
            }
            let verb = if i.kind == super::diff::ItemKind::Flow {
                "crosses"
            } else {
                "inside"
            };
            if !i.entered.is_empty() {
                parts.push(format!("now {verb} {}", i.entered.join(", ")));
            }
            if !i.left.is_empty() {
                parts.push(format!("no longer {verb} {}", i.left.join(", ")));
            }
            for f in &i.fields {
                parts.push(format!("{}: {} → {}", f.field, f.old, f.new));
            }
            format!("{what} \"{}\": {}", i.name, parts.join("; "))
        }
    }
}

fn sign(c: Change) -> char {
    match c {
        Change::Added => '+',
        Change::Removed => '-',
        Change::Changed => '~',
    }
}

fn threat_line(t: &ThreatChange) -> String {
    format!(
        "[{}] {} — {} ({})",
        t.severity, t.title, t.subject, t.status
    )
}

/// Plain text for a terminal.
pub fn text(d: &ModelDiff, sides: &Sides<'_>) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "Changes from {} to {}", line(sides.old), line(sides.new));
    if !d.is_semantic() && d.layout_only == 0 {
        let _ = writeln!(s, "  no changes");
        return s;
    }
    for f in &d.metadata {
        let _ = writeln!(
            s,
            "  ~ {}",
            line(&format!("{}: {} → {}", f.field, f.old, f.new))
        );
    }
    for i in &d.items {
        let _ = writeln!(s, "  {} {}", sign(i.change), line(&item_line(i)));
    }
    if d.layout_only > 0 {
        let _ = writeln!(
            s,
            "  layout only: {} moved or reshaped",
            count(d.layout_only, "item", "items")
        );
    }
    if d.sessions_added > 0 {
        let _ = writeln!(
            s,
            "  {} recorded",
            count(d.sessions_added, "workshop session", "workshop sessions")
        );
    }
    let sections: [(&str, &[ThreatChange], char); 3] = [
        ("New threats", &d.new_threats, '+'),
        ("Re-opened threats", &d.reopened, '!'),
        ("Threats gone", &d.gone_threats, '-'),
    ];
    for (title, list, mark) in sections {
        if !list.is_empty() {
            let _ = writeln!(s, "{title} ({}):", list.len());
            for t in list {
                let _ = writeln!(s, "  {mark} {}", line(&threat_line(t)));
            }
        }
    }
    if !d.decisions.is_empty() {
        let _ = writeln!(s, "Decisions changed ({}):", d.decisions.len());
        for c in &d.decisions {
            let _ = writeln!(s, "  ~ {}", line(&decision_line(c)));
        }
    }
    s
}

/// One changed decision in a sentence.
pub fn decision_line(c: &super::diff::DecisionChange) -> String {
    let by = if c.decided_by.is_empty() {
        String::new()
    } else {
        format!(" by {}", c.decided_by)
    };
    let status = if c.old_status == c.new_status {
        c.new_status.clone()
    } else {
        format!("{} → {}", c.old_status, c.new_status)
    };
    let details: Vec<String> = c
        .fields
        .iter()
        .filter(|f| !matches!(f.field.as_str(), "status" | "decided by" | "decided at"))
        .map(|f| format!("{}: {} → {}", f.field, f.old, f.new))
        .collect();
    let details = if details.is_empty() {
        String::new()
    } else {
        format!(" ({})", details.join("; "))
    };
    format!("{} — {}: {status}{by}{details}", c.title, c.subject)
}

/// Markdown written to be posted as a pull-request comment: a summary, the new open
/// threats by severity in a table, the model changes folded away below.
pub fn markdown(d: &ModelDiff, sides: &Sides<'_>, title: &str) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "### Threat model changes: {}\n", md(title));
    let _ = writeln!(s, "{} → {}\n", md(sides.old), md(sides.new));
    if !d.is_semantic() {
        if d.layout_only > 0 {
            let _ = writeln!(
                s,
                "Layout only ({} moved); nothing to review.",
                count(d.layout_only, "item", "items")
            );
        } else {
            let _ = writeln!(s, "No changes.");
        }
        return s;
    }
    let added = d.items.iter().filter(|i| i.change == Change::Added).count();
    let removed = d
        .items
        .iter()
        .filter(|i| i.change == Change::Removed)
        .count();
    let changed = d.items.len() - added - removed;
    let open_new: Vec<&ThreatChange> = d
        .new_threats
        .iter()
        .chain(&d.reopened)
        .filter(|t| t.status == "Open")
        .collect();
    let _ = writeln!(
        s,
        "**{added} added, {changed} changed, {removed} removed** · **{}** ({} re-opened) · {} gone · {} changed\n",
        count(open_new.len(), "new open threat", "new open threats"),
        d.reopened.len(),
        count(d.gone_threats.len(), "threat", "threats"),
        count(d.decisions.len(), "decision", "decisions"),
    );
    if !open_new.is_empty() {
        let _ = writeln!(s, "| Severity | New open threat | On |\n|---|---|---|");
        for t in &open_new {
            let _ = writeln!(
                s,
                "| {} | {} | {} |",
                crate::edit::capitalized(&t.severity),
                md(&t.title),
                md(&t.subject)
            );
        }
        s.push('\n');
    }
    if !d.items.is_empty() || !d.metadata.is_empty() {
        let _ = writeln!(
            s,
            "<details><summary>Model changes ({})</summary>\n",
            d.items.len() + d.metadata.len()
        );
        for f in &d.metadata {
            let _ = writeln!(s, "- ~ {}: {} → {}", md(&f.field), md(&f.old), md(&f.new));
        }
        for i in &d.items {
            let _ = writeln!(s, "- {} {}", sign(i.change), md(&item_line(i)));
        }
        if d.layout_only > 0 {
            let _ = writeln!(
                s,
                "- layout only: {} moved or reshaped",
                count(d.layout_only, "item", "items")
            );
        }
        let _ = writeln!(s, "\n</details>\n");
    }
    if !d.decisions.is_empty() {
        let _ = writeln!(
            s,
            "<details><summary>Decisions changed ({})</summary>\n",
            d.decisions.len()
        );
        for c in &d.decisions {
            let _ = writeln!(s, "- {}", md(&decision_line(c)));
        }
        let _ = writeln!(s, "\n</details>\n");
    }
    if !d.gone_threats.is_empty() {
        let _ = writeln!(
            s,
            "<details><summary>Threats gone ({})</summary>\n",
            d.gone_threats.len()
        );
        for t in &d.gone_threats {
            let _ = writeln!(s, "- {}", md(&threat_line(t)));
        }
        let _ = writeln!(s, "\n</details>\n");
    }
    s
}

pub fn json(d: &ModelDiff, sides: &Sides<'_>) -> String {
    let v = serde_json::json!({
        "old": sides.old,
        "new": sides.new,
        "semantic_change": d.is_semantic(),
        "diff": d,
    });
    let mut s = json_for_log(serde_json::to_string_pretty(&v).unwrap_or_default());
    s.push('\n');
    s
}
