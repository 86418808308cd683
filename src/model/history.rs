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
    /// On a signed sign-off: the decisions that lower risk as they stood when it was
    /// signed (status other than open, or a severity override), sorted by key. The
    /// signature covers them, so `check --allowed-signers` counts a decision only while it
    /// is unchanged. Empty on unsigned records.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<SignedDecision>,
    /// The reviewer's SSH signature (the armored sshsig format git uses, namespace
    /// `threatboard-signoff`) over `history::signing::message` of this record; empty when
    /// unsigned.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub signature: String,
    /// The public key that signed, in OpenSSH form (`ssh-ed25519 AAAA…`), for people and
    /// for copying into an `allowed_signers` file; the check uses the key inside the
    /// signature and refuses a record where the two differ.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub signer_key: String,
}

/// A decision as a signed sign-off recorded it: what `check --allowed-signers` compares
/// the model's current decision with.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SignedDecision {
    /// The threat's stable key (`RULE@SUBJECT`) or a manual threat's key.
    pub key: String,
    /// `mitigated`, `accepted`, `transferred`, `not_applicable` (or `open`,
    /// `needs_investigation` with a severity override).
    pub status: String,
    /// The severity override (`low` …), empty when none.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub severity: String,
    /// The rule's severity at signing: an override counts only while the rule still says
    /// this.
    pub rule_severity: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub mitigation: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub justification: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub review_by: String,
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
