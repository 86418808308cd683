//! The keys decisions are filed under: [`ThreatKey`] (a rule's finding about a subject, or
//! a threat someone wrote by hand) and [`SubjectId`] (what a finding is about).
//!
//! A key is the one thing that ties a decision in the file to a finding of a later
//! analysis, so it has to survive renames, moves and re-analysis, and a manual threat's
//! key must never be read as a rule's. In the file both are written as before issue #30,
//! `RULE@SUBJECT` and `manual@ID`, so every existing project reads unchanged; in memory
//! they are two variants a `match` tells apart.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::id::{ElementId, FlowId, IdError, ManualThreatId, check_id};

/// What a generated threat is about: an element, a flow, or a connection of several flows
/// between the same two elements (the analysis names it after both ends). An id with the
/// model's alphabet, checked when it is made from text; cheap to clone (shared text).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SubjectId(Arc<str>);

impl SubjectId {
    /// An id the model already checked (an element's or a flow's) or one the analysis
    /// joined from two such ids. Text from elsewhere goes through `TryFrom`.
    pub fn from_checked(id: Arc<str>) -> Self {
        debug_assert!(check_id(&id).is_ok(), "subject id {id:?}");
        Self(id)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The same text, shared.
    pub fn as_arc(&self) -> &Arc<str> {
        &self.0
    }
}

impl std::ops::Deref for SubjectId {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for SubjectId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SubjectId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for SubjectId {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for SubjectId {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<ElementId> for SubjectId {
    fn eq(&self, other: &ElementId) -> bool {
        &*self.0 == other.as_str()
    }
}

impl PartialEq<FlowId> for SubjectId {
    fn eq(&self, other: &FlowId) -> bool {
        &*self.0 == other.as_str()
    }
}

impl fmt::Display for SubjectId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for SubjectId {
    type Error = IdError;
    fn try_from(s: String) -> Result<Self, IdError> {
        check_id(&s)?;
        Ok(Self(Arc::from(s)))
    }
}

impl TryFrom<&str> for SubjectId {
    type Error = IdError;
    fn try_from(s: &str) -> Result<Self, IdError> {
        check_id(s)?;
        Ok(Self(Arc::from(s)))
    }
}

impl From<SubjectId> for String {
    fn from(id: SubjectId) -> String {
        id.0.to_string()
    }
}

impl From<&ElementId> for SubjectId {
    fn from(id: &ElementId) -> Self {
        Self(Arc::from(id.as_str()))
    }
}

impl From<&FlowId> for SubjectId {
    fn from(id: &FlowId) -> Self {
        Self(Arc::from(id.as_str()))
    }
}

impl From<ElementId> for SubjectId {
    fn from(id: ElementId) -> Self {
        Self::from(&id)
    }
}

impl From<FlowId> for SubjectId {
    fn from(id: FlowId) -> Self {
        Self::from(&id)
    }
}

impl From<&SubjectId> for SubjectId {
    fn from(id: &SubjectId) -> Self {
        id.clone()
    }
}

/// The stable key of a threat: the rule that produced it and its subject, or the id of a
/// threat someone wrote by hand. It survives renames, moves, re-ordering and re-analysis.
/// Written as `RULE@SUBJECT` and `manual@ID`.
///
/// Compared, ordered and hashed by its written parts (rule, then subject), so decisions
/// keep the order they always had in the file.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum ThreatKey {
    /// A rule's finding about an element, flow or connection.
    Rule {
        /// Shared, so the many findings of one rule do not copy the text.
        rule: Arc<str>,
        subject: SubjectId,
    },
    /// A threat the team wrote by hand.
    Manual { id: ManualThreatId },
}

impl ThreatKey {
    /// The rule part of a manual threat's key as written in the file (`manual@ID`). The one
    /// place this word is spelled.
    pub const MANUAL_RULE: &'static str = "manual";

    /// The key of the manual threat `id`.
    pub fn manual(id: &ManualThreatId) -> Self {
        Self::Manual { id: id.clone() }
    }

    /// The key of rule `rule`'s finding about `subject`.
    pub fn new(rule: impl Into<Arc<str>>, subject: impl Into<SubjectId>) -> Self {
        Self::Rule {
            rule: rule.into(),
            subject: subject.into(),
        }
    }

    /// Whether this is a manual threat's key rather than a rule's finding.
    pub fn is_manual(&self) -> bool {
        matches!(self, Self::Manual { .. })
    }

    /// The rule's id; `manual` for a manual threat.
    pub fn rule_id(&self) -> &str {
        match self {
            Self::Rule { rule, .. } => rule,
            Self::Manual { .. } => Self::MANUAL_RULE,
        }
    }

    /// What a rule's finding is about (`None` for a manual threat, whose subject is in the
    /// manual threat itself).
    pub fn subject(&self) -> Option<&SubjectId> {
        match self {
            Self::Rule { subject, .. } => Some(subject),
            Self::Manual { .. } => None,
        }
    }

    /// The manual threat's id (`None` for a rule's finding).
    pub fn manual_id(&self) -> Option<&ManualThreatId> {
        match self {
            Self::Rule { .. } => None,
            Self::Manual { id } => Some(id),
        }
    }

    /// The two parts as written: the rule's id (`manual`) and the subject (the manual
    /// threat's id).
    pub fn parts(&self) -> (&str, &str) {
        match self {
            Self::Rule { rule, subject } => (rule, subject.as_str()),
            Self::Manual { id } => (Self::MANUAL_RULE, id.as_str()),
        }
    }
}

impl PartialEq for ThreatKey {
    fn eq(&self, other: &Self) -> bool {
        self.parts() == other.parts()
    }
}

impl Eq for ThreatKey {}

impl Hash for ThreatKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.parts().hash(state);
    }
}

impl PartialOrd for ThreatKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ThreatKey {
    fn cmp(&self, other: &Self) -> Ordering {
        self.parts().cmp(&other.parts())
    }
}

impl fmt::Display for ThreatKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (rule, subject) = self.parts();
        write!(f, "{rule}@{subject}")
    }
}

impl TryFrom<String> for ThreatKey {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        let Some((rule, subject)) = s.split_once('@') else {
            return Err(format!("threat key {s:?} is not of the form RULE@SUBJECT"));
        };
        check_id(rule).map_err(|e| format!("threat key {s:?}: rule: {e}"))?;
        let subject_error = |e: IdError| format!("threat key {s:?}: subject: {e}");
        if rule == Self::MANUAL_RULE {
            let id = ManualThreatId::try_from(subject).map_err(subject_error)?;
            return Ok(Self::Manual { id });
        }
        let subject = SubjectId::try_from(subject).map_err(subject_error)?;
        Ok(Self::new(rule, subject))
    }
}

impl From<ThreatKey> for String {
    fn from(k: ThreatKey) -> String {
        k.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> ThreatKey {
        ThreatKey::try_from(s.to_owned()).expect("a valid key")
    }

    #[test]
    fn a_manual_key_reads_as_manual_and_a_rule_key_as_a_rule() {
        let manual = key("manual@th_1");
        assert!(manual.is_manual());
        assert_eq!(manual.manual_id().map(ManualThreatId::as_str), Some("th_1"));
        assert_eq!(manual.subject(), None);
        let rule = key("sql-injection@el_1");
        assert!(!rule.is_manual());
        assert_eq!(rule.rule_id(), "sql-injection");
        assert_eq!(rule.subject().map(SubjectId::as_str), Some("el_1"));
        assert_eq!(rule.manual_id(), None);
    }

    #[test]
    fn keys_are_written_as_before_and_keep_their_order() {
        for s in ["manual@th_1", "sql-injection@el_1", "a.b@fl_2.x"] {
            assert_eq!(key(s).to_string(), s);
        }
        // Ordered by the written parts, so a manual key sits among the rules' keys by its
        // word, as it always did in the file's `threats` map.
        let mut keys = [key("z@el_1"), key("manual@th_1"), key("a@el_2")];
        keys.sort();
        let written: Vec<String> = keys.iter().map(ToString::to_string).collect();
        assert_eq!(written, ["a@el_2", "manual@th_1", "z@el_1"]);
    }

    #[test]
    fn a_threats_map_reads_and_writes_as_before() {
        use std::collections::BTreeMap;
        let text = r#"{"z@el_1": 1, "manual@th_1": 2, "a@fl_2": 3}"#;
        let map: BTreeMap<ThreatKey, u8> = ron::from_str(text).expect("reads");
        assert!(map.keys().any(ThreatKey::is_manual));
        assert_eq!(
            ron::to_string(&map).expect("writes"),
            r#"{"a@fl_2":3,"manual@th_1":2,"z@el_1":1}"#
        );
    }

    #[test]
    fn bad_keys_are_refused_naming_the_part() {
        let err = |s: &str| ThreatKey::try_from(s.to_owned()).expect_err("refused");
        assert!(err("no-at-sign").contains("RULE@SUBJECT"));
        assert!(err("rule@a b").contains("subject"));
        assert!(err("manual@a b").contains("subject"));
        assert!(err("r u@el_1").contains("rule"));
    }
}
