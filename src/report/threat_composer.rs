//! AWS Threat Composer export (`.tc.json`, schema 1).
//!
//! Threat Composer has no diagram model: a threat is a statement in its grammar
//! ("A [source] [prerequisites] can [action], which leads to [impact], resulting in
//! reduced [goal] of [assets]"), with STRIDE and priority in metadata; mitigations and
//! assumptions are entities linked by id. Its schema rejects unknown keys and caps field
//! lengths, so every text is cut to its limit here. Ids are UUIDs derived from the threat
//! keys, so exporting the same model twice gives the same ids.

use base64::Engine;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::analysis::{Analysis, Finding, SubjectKind};
use crate::model::{Category, Project, Severity, Status, Stride};

/// Threat Composer's field limits (its `configs`).
const SINGLE_FIELD: usize = 200;
const SMALL_FREE_TEXT: usize = 1000;
const TAG: usize = 30;
const BIG_FREE_TEXT: usize = 100_000;
const IMAGE_BASE64: usize = 1_000_000;

/// At most `max` characters, with an ellipsis when cut.
fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// A version-4-shaped UUID from a stable text.
fn uuid(seed: &str) -> String {
    let d = Sha256::digest(seed.as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&d[..16]);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        // Keep acronyms and names that start with two capitals ("API", "SQL").
        Some(_) if c.clone().next().is_some_and(char::is_uppercase) => s.to_owned(),
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn action(stride: Option<Stride>, subject: &str) -> String {
    match stride {
        Some(Stride::Spoofing) => format!("impersonate a party to {subject}"),
        Some(Stride::Tampering) => format!("tamper with {subject}"),
        Some(Stride::Repudiation) => format!("deny actions taken through {subject}"),
        Some(Stride::InformationDisclosure) => format!("read data of {subject}"),
        Some(Stride::DenialOfService) => format!("stop {subject} from serving others"),
        Some(Stride::ElevationOfPrivilege) => format!("gain privileges through {subject}"),
        None => format!("abuse {subject}"),
    }
}

/// What a successful action leads to, per category.
fn impact(stride: Option<Stride>, subject: &str) -> String {
    match stride {
        Some(Stride::Spoofing) => {
            format!("actions taken under another party's identity at {subject}")
        }
        Some(Stride::Tampering) => format!("altered data in {subject}"),
        Some(Stride::Repudiation) => format!("actions on {subject} that no one can be held to"),
        Some(Stride::InformationDisclosure) => format!("disclosure of the data in {subject}"),
        Some(Stride::DenialOfService) => format!("{subject} being unavailable to its users"),
        Some(Stride::ElevationOfPrivilege) => format!("actions {subject} should not allow"),
        None => format!("harm to {subject}"),
    }
}

fn goal(stride: Option<Stride>) -> &'static str {
    match stride {
        Some(Stride::Spoofing) => "authenticity",
        Some(Stride::Tampering) => "integrity",
        Some(Stride::Repudiation) => "non-repudiation",
        Some(Stride::InformationDisclosure) => "confidentiality",
        Some(Stride::DenialOfService) => "availability",
        Some(Stride::ElevationOfPrivilege) => "authorization",
        None => "security",
    }
}

/// Who can carry the threat out, from what the severity model found about exposure.
fn source(f: &Finding) -> &'static str {
    let why = f.severity_reason.to_ascii_lowercase();
    if why.contains("internet") {
        "internet-based threat actor"
    } else if why.contains("trust boundary") {
        "threat actor across a trust boundary"
    } else {
        "threat actor"
    }
}

fn statement(
    src: &str,
    prereq: &str,
    action: &str,
    impact: &str,
    goal: &str,
    assets: &str,
) -> String {
    let article = if src.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "An"
    } else {
        "A"
    };
    format!(
        "{article} {src} {prereq} can {action}, which leads to {impact}, resulting in reduced {goal} of {assets}"
    )
}

/// The project's threats (generated and the team's own, not the checklist) as a Threat
/// Composer workspace; `diagram_png` becomes the data flow image when it fits.
pub fn export(project: &Project, analysis: &Analysis, diagram_png: Option<&[u8]>) -> Value {
    let mut threats = Vec::new();
    let mut mitigations = Vec::new();
    let mut mitigation_links = Vec::new();
    let names: Vec<&str> = project.subjects().map(|(_, name)| name).collect();
    for (n, f) in analysis.threats().enumerate() {
        let stride = match &f.category {
            Category::Stride(s) => Some(*s),
            Category::Other(_) => None,
        };
        let id = uuid(&format!("threat:{}", f.key));
        let subject = f.subject_name();
        let src = source(f);
        // The weakness Threatboard found is what makes the action viable: a prerequisite.
        let access = if f.subject_kind == SubjectKind::Flow {
            format!("with a network path to {subject}")
        } else {
            format!("with access to {subject}")
        };
        let title = f.title.trim_end_matches('.');
        // A title that starts with a name keeps its capital ("Shop API must check …").
        let title = if names.iter().any(|n| !n.is_empty() && title.starts_with(n)) {
            title.to_owned()
        } else {
            lower_first(title)
        };
        let prereq = format!("{access}, given that {title},");
        let act = action(stride, subject);
        let impact = impact(stride, subject);
        let goal = goal(stride);
        let text = statement(src, &prereq, &act, &impact, goal, subject);
        let mut meta = vec![json!({
            "key": "Priority",
            "value": match f.severity {
                Severity::Critical | Severity::High => "High",
                Severity::Medium => "Medium",
                Severity::Low => "Low",
            },
        })];
        if let Some(s) = stride {
            meta.push(json!({ "key": "STRIDE", "value": [s.letter().to_string()] }));
        }
        let mut comments = format!(
            "Threatboard: {}. {} ({}). {}",
            f.title.trim_end_matches('.'),
            f.severity_reason,
            f.key,
            f.description()
        );
        if !f.record.justification.is_empty() {
            comments.push_str(&format!(" Decision: {}", f.record.justification));
        }
        meta.push(json!({ "key": "Comments", "value": cut(&comments, SMALL_FREE_TEXT) }));
        let mut tags = vec!["threatboard".to_owned()];
        for t in [f.rule_id(), f.diagram_name()] {
            let t = cut(t.trim(), TAG);
            if !t.is_empty() && !tags.contains(&t) {
                tags.push(t);
            }
        }
        threats.push(json!({
            "id": id,
            "numericId": n + 1,
            "displayOrder": n + 1,
            "tags": tags,
            "metadata": meta,
            "threatSource": cut(src, SINGLE_FIELD),
            "prerequisites": cut(&prereq, SINGLE_FIELD),
            "threatAction": cut(&act, SINGLE_FIELD),
            "threatImpact": cut(&impact, SINGLE_FIELD),
            "impactedGoal": [goal],
            "impactedAssets": [cut(subject, SINGLE_FIELD)],
            "statement": cut(&text, SINGLE_FIELD * 7),
            "status": match f.status() {
                Status::Open | Status::NeedsInvestigation => "threatIdentified",
                Status::Mitigated | Status::Accepted | Status::Transferred => "threatResolved",
                Status::NotApplicable => "threatResolvedNotUseful",
            },
        }));
        if !f.record.mitigation.trim().is_empty() {
            let mid = uuid(&format!("mitigation:{}", f.key));
            let mut m = json!({
                "id": mid,
                "numericId": mitigations.len() + 1,
                "displayOrder": mitigations.len() + 1,
                "content": cut(f.record.mitigation.trim(), SMALL_FREE_TEXT),
                "status": if f.status() == Status::Mitigated { "mitigationResolved" } else { "mitigationIdentified" },
            });
            if !f.record.owner.is_empty() {
                m["metadata"] = json!([{ "key": "Comments", "value": cut(&format!("Owner: {}", f.record.owner), SMALL_FREE_TEXT) }]);
            }
            mitigations.push(m);
            mitigation_links.push(json!({ "mitigationId": mid, "linkedId": id }));
        }
    }
    let assumptions: Vec<Value> = project
        .meta
        .assumptions
        .iter()
        .enumerate()
        .map(|(i, a)| {
            json!({
                "id": uuid(&format!("assumption:{i}:{a}")),
                "numericId": i + 1,
                "displayOrder": i + 1,
                "content": cut(a, SMALL_FREE_TEXT),
            })
        })
        .collect();
    let mut description = project.meta.description.clone();
    if !project.meta.scope.is_empty() {
        description.push_str(&format!("\n\n### Scope\n\n{}", project.meta.scope));
    }
    let mut dataflow = json!({
        "description": cut(
            &format!(
                "Data-flow diagram{} from Threatboard: {}.",
                if project.diagrams.len() > 1 { "s" } else { "" },
                project.diagrams.iter().map(|d| d.name.as_str()).collect::<Vec<_>>().join(", ")
            ),
            BIG_FREE_TEXT
        ),
    });
    if let Some(png) = diagram_png {
        let image = format!(
            "data:image/png;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(png)
        );
        if image.len() <= IMAGE_BASE64 {
            dataflow["image"] = Value::from(image);
        }
    }
    json!({
        "schema": 1,
        "applicationInfo": {
            "name": cut(&project.meta.title, SINGLE_FIELD),
            "description": cut(&description, BIG_FREE_TEXT),
        },
        "dataflow": dataflow,
        "assumptions": assumptions,
        "mitigations": mitigations,
        "assumptionLinks": [],
        "mitigationLinks": mitigation_links,
        "threats": threats,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_uuid_shaped_and_stable() {
        let a = uuid("threat:x@y");
        assert_eq!(a.len(), 36);
        assert_eq!(a, uuid("threat:x@y"));
        assert_ne!(a, uuid("threat:x@z"));
        assert_eq!(&a[14..15], "4");
    }

    #[test]
    fn texts_are_cut_to_threat_composers_limits() {
        assert_eq!(cut("short", 30), "short");
        let long = "é".repeat(40);
        let c = cut(&long, 30);
        assert_eq!(c.chars().count(), 30);
        assert!(c.ends_with('…'));
        assert_eq!(lower_first("Input reaches"), "input reaches");
        assert_eq!(lower_first("API keys leak"), "API keys leak");
    }
}
