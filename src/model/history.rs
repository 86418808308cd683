//! What the model remembers of its own history: who signed which version off, and the
//! conflicts a merge left for the user to settle.

use serde::{Deserialize, Serialize};

use super::{Project, Severity, Status};

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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SignedDecision {
    /// The threat's stable key (`RULE@SUBJECT`) or a manual threat's key.
    pub key: String,
    /// Mitigated, accepted, transferred, not applicable (or open, needs investigation with
    /// a severity override); written as its word (`"not_applicable"`).
    #[serde(with = "status_word")]
    pub status: Status,
    /// The severity override, if any; written as its label (`"low"`), left out when none.
    #[serde(
        skip_serializing_if = "Option::is_none",
        with = "severity_label_or_none"
    )]
    pub severity: Option<Severity>,
    /// The rule's severity at signing: an override counts only while the rule still says
    /// this. Written as its label.
    #[serde(with = "severity_label")]
    pub rule_severity: Severity,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub mitigation: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub justification: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub review_by: String,
}

impl Default for SignedDecision {
    fn default() -> Self {
        Self {
            key: String::new(),
            status: Status::Open,
            severity: None,
            rule_severity: Severity::Low,
            mitigation: String::new(),
            justification: String::new(),
            review_by: String::new(),
        }
    }
}

/// A [`Status`] written as its snake-case word (`"needs_investigation"`), the text signed
/// decisions have always held.
mod status_word {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::Status;

    const ALL: [Status; 6] = [
        Status::Open,
        Status::NeedsInvestigation,
        Status::Mitigated,
        Status::NotApplicable,
        Status::Accepted,
        Status::Transferred,
    ];

    pub fn serialize<S: Serializer>(s: &Status, to: S) -> Result<S::Ok, S::Error> {
        to.serialize_str(s.snake())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(from: D) -> Result<Status, D::Error> {
        let text = String::deserialize(from)?;
        ALL.into_iter().find(|s| s.snake() == text).ok_or_else(|| {
            let words: Vec<String> = ALL.iter().map(|s| format!("{:?}", s.snake())).collect();
            serde::de::Error::custom(format!(
                "status {text:?} is not one of {}",
                words.join(", ")
            ))
        })
    }
}

/// An optional [`Severity`] as its label; the empty text (or no field) is none.
mod severity_label_or_none {
    use serde::{Deserializer, Serializer};

    use super::Severity;

    pub fn serialize<S: Serializer>(s: &Option<Severity>, to: S) -> Result<S::Ok, S::Error> {
        to.serialize_str(s.map_or("", Severity::label))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(from: D) -> Result<Option<Severity>, D::Error> {
        let text: String = serde::Deserialize::deserialize(from)?;
        if text.is_empty() {
            return Ok(None);
        }
        super::severity_label::parse(&text).map(Some)
    }
}

/// An open threat at sign-off.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AcceptedThreat {
    /// The threat's stable key (`RULE@SUBJECT`) or a manual threat's id.
    pub key: String,
    pub title: String,
    /// Written as its label (`"high"`), as when this field was text.
    #[serde(with = "severity_label")]
    pub severity: Severity,
}

impl Default for AcceptedThreat {
    fn default() -> Self {
        Self {
            key: String::new(),
            title: String::new(),
            severity: Severity::Low,
        }
    }
}

/// A [`Severity`] written as its label (`"low"` … `"critical"`), the text sign-off records
/// have always held; anything else is an error naming the labels.
mod severity_label {
    use serde::{Deserialize, Deserializer, Serializer};

    use super::Severity;

    pub fn serialize<S: Serializer>(s: &Severity, to: S) -> Result<S::Ok, S::Error> {
        to.serialize_str(s.label())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(from: D) -> Result<Severity, D::Error> {
        parse(&String::deserialize(from)?)
    }

    pub fn parse<E: serde::de::Error>(text: &str) -> Result<Severity, E> {
        Severity::ALL
            .into_iter()
            .find(|s| s.label() == text)
            .ok_or_else(|| {
                E::custom(format!(
                    "severity {text:?} is not one of \"low\", \"medium\", \"high\", \"critical\""
                ))
            })
    }
}

/// What holds a value a merge could not settle, written as it always was ("element",
/// "layout element", …). The variants are in the order of those words, so typed merge keys
/// sort as the text keys `KIND:ID` did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ConflictKind {
    Boundary,
    Catalogue,
    Diagram,
    #[default]
    Element,
    Flow,
    Infrastructure,
    LayoutBoundary,
    LayoutElement,
    LayoutNote,
    LayoutWaypoints,
    Libraries,
    ManualThreat,
    Meta,
    Note,
    Threat,
}

impl ConflictKind {
    /// The word written in files and merge messages.
    pub fn word(self) -> &'static str {
        match self {
            Self::Boundary => "boundary",
            Self::Catalogue => "catalogue",
            Self::Diagram => "diagram",
            Self::Element => "element",
            Self::Flow => "flow",
            Self::Infrastructure => "infrastructure",
            Self::LayoutBoundary => "layout boundary",
            Self::LayoutElement => "layout element",
            Self::LayoutNote => "layout note",
            Self::LayoutWaypoints => "layout waypoints",
            Self::Libraries => "libraries",
            Self::ManualThreat => "manual threat",
            Self::Meta => "meta",
            Self::Note => "note",
            Self::Threat => "threat",
        }
    }

    /// The layout entry that places a thing of this kind (its waypoints for a flow).
    pub fn layout(self) -> Option<Self> {
        match self {
            Self::Element => Some(Self::LayoutElement),
            Self::Boundary => Some(Self::LayoutBoundary),
            Self::Note => Some(Self::LayoutNote),
            Self::Flow => Some(Self::LayoutWaypoints),
            _ => None,
        }
    }

    /// The thing a layout entry places; `None` for what is not a layout entry.
    pub fn placed(self) -> Option<Self> {
        match self {
            Self::LayoutElement => Some(Self::Element),
            Self::LayoutBoundary => Some(Self::Boundary),
            Self::LayoutNote => Some(Self::Note),
            Self::LayoutWaypoints => Some(Self::Flow),
            _ => None,
        }
    }

    /// Whether it is drawn on a diagram (and so belongs to one).
    pub fn on_diagram(self) -> bool {
        matches!(
            self,
            Self::Element | Self::Flow | Self::Boundary | Self::Note
        )
    }
}

impl ConflictKind {
    pub const ALL: [ConflictKind; 15] = [
        Self::Boundary,
        Self::Catalogue,
        Self::Diagram,
        Self::Element,
        Self::Flow,
        Self::Infrastructure,
        Self::LayoutBoundary,
        Self::LayoutElement,
        Self::LayoutNote,
        Self::LayoutWaypoints,
        Self::Libraries,
        Self::ManualThreat,
        Self::Meta,
        Self::Note,
        Self::Threat,
    ];
}

impl Serialize for ConflictKind {
    fn serialize<S: serde::Serializer>(&self, to: S) -> Result<S::Ok, S::Error> {
        to.serialize_str(self.word())
    }
}

impl<'de> Deserialize<'de> for ConflictKind {
    fn deserialize<D: serde::Deserializer<'de>>(from: D) -> Result<Self, D::Error> {
        let text = String::deserialize(from)?;
        Self::ALL
            .into_iter()
            .find(|k| k.word() == text)
            .ok_or_else(|| {
                let words: Vec<String> = Self::ALL
                    .iter()
                    .map(|k| format!("{:?}", k.word()))
                    .collect();
                serde::de::Error::custom(format!(
                    "conflict kind {text:?} is not one of {}",
                    words.join(", ")
                ))
            })
    }
}

impl std::fmt::Display for ConflictKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.word())
    }
}

/// A conflict a three-way merge could not settle: the merged file holds `ours` and the
/// user picks a side in the app (Messages) or by hand.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Conflict {
    /// What holds the value.
    pub kind: ConflictKind,
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
        let kind = match self.kind {
            ConflictKind::Meta => "model details".to_owned(),
            ConflictKind::Catalogue => "rule catalogue".to_owned(),
            ConflictKind::LayoutWaypoints => "bend points of flow".to_owned(),
            k => match k.placed() {
                Some(of) => format!("position of {of}"),
                None => k.word().to_owned(),
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
