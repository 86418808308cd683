//! What the model remembers of its own history: who signed which version off, and the
//! conflicts a merge left for the user to settle.

use serde::{Deserialize, Serialize};

use super::Project;

/// A security reviewer's sign-off of one version of the model.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SignOff {
    pub reviewer: String,
    pub role: String,
    /// ISO 8601 UTC, e.g. "2026-12-02T10:15Z".
    pub at: String,
    /// The model's version label at that moment ("2026.11").
    pub version_label: String,
    /// SHA-256 of the canonical model content (`history::model_hash`).
    pub model_sha256: String,
    pub note: String,
    /// The threats that were open when it was signed: the reviewer accepted them as they
    /// stood.
    pub accepted: Vec<AcceptedThreat>,
    /// The model as it was signed (without its sign-off records), kept on the latest
    /// sign-off only, so "what changed since sign-off" can be shown without git.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<Box<Project>>,
}

/// An open threat at sign-off.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AcceptedThreat {
    /// The threat's stable key (`RULE@SUBJECT`) or a manual threat's id.
    pub key: String,
    pub title: String,
    pub severity: String,
}

/// A conflict a three-way merge could not settle: the merged file holds `ours` and the
/// user picks a side in the app (Messages) or by hand.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Conflict {
    /// What holds the value: "element", "flow", "boundary", "note", "diagram", "threat",
    /// "manual threat", "meta", "catalogue", "layout element" (and boundary, note,
    /// waypoints).
    pub kind: String,
    /// The id (or threat key) of the thing.
    pub id: String,
    /// Its name, for people.
    pub name: String,
    /// The field's path inside the thing ("props/Process/runs_as"); empty when the whole
    /// thing is in conflict (deleted on one side, edited on the other).
    pub field: String,
    /// The values as JSON text; empty when the thing does not exist on that side.
    pub base: String,
    pub ours: String,
    pub theirs: String,
}

impl Conflict {
    /// One line for people: `element "Orders DB": encrypted at rest: ours true, theirs
    /// false`.
    pub fn describe(&self) -> String {
        let kind = match self.kind.as_str() {
            "meta" => "model details".to_owned(),
            "catalogue" => "rule catalogue".to_owned(),
            "layout waypoints" => "bend points of flow".to_owned(),
            k => match k.strip_prefix("layout ") {
                Some(of) => format!("position of {of}"),
                None => k.to_owned(),
            },
        };
        let what = if self.name.is_empty() {
            kind
        } else {
            format!("{kind} \"{}\"", self.name)
        };
        let side = |v: &str| {
            if v.is_empty() {
                "deleted".to_owned()
            } else {
                shorten(v)
            }
        };
        let field = self
            .field
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .replace('_', " ");
        let field = if field.is_empty() {
            String::new()
        } else {
            format!(" {field}:")
        };
        format!(
            "{what}:{field} ours {}, theirs {}",
            side(&self.ours),
            side(&self.theirs)
        )
    }
}

/// A value (JSON text) shortened for one line: strings without their quotes.
fn shorten(v: &str) -> String {
    let v = match serde_json::from_str::<serde_json::Value>(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => v.to_owned(),
    };
    let one_line = v.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 60 {
        let cut: String = one_line.chars().take(57).collect();
        format!("{cut}…")
    } else {
        one_line
    }
}
