//! The project model: what a Threatboard file holds.
//!
//! The semantic model (metadata, diagrams with their elements, flows, boundaries and notes,
//! the user's threat decisions) comes first; [`Layout`] (positions, sizes, waypoints, the
//! shapes of boundaries) comes last and apart, so moving a box changes only layout lines
//! in a diff.
//!
//! One file, over 800 lines: the types of the file format, in the order the file holds
//! them, with the small methods that read them; ids, properties, controls, history and the
//! decider are already modules of their own. What is left is one `Project` and the types
//! it is made of, which a reader of the format wants to see together.

mod controls;
mod decider;
mod history;
mod id;
mod key;
mod props;

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

pub use controls::{BlockRef, Control, Resource};
pub use decider::{decider, decider_with, stamp};
pub use history::{AcceptedThreat, Conflict, ConflictKind, SignOff, SignedDecision};
pub use id::{
    BoundaryId, DiagramId, ElementId, FlowId, IdError, MAX_ID_LEN, ManualThreatId, NoteId,
    check_id, random_id,
};
pub use key::{SubjectId, ThreatKey};
pub use props::*;

/// The format name at the top of every project file.
pub const FORMAT_NAME: &str = "threatboard";
/// The newest file format version this build reads and the one it writes.
/// Version 2 added decision provenance (`decided_by`, `decided_at`) and workshop
/// `sessions`; version 1 files are read and migrated (the new fields start empty).
/// Version 4 added sign-off records and merge conflicts; version 5 controls on decisions,
/// infrastructure resources and building blocks on elements, block libraries and
/// infrastructure templates on the project.
pub const FORMAT_VERSION: u32 = 5;

/// A whole threat model.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub meta: Metadata,
    /// An optional custom rule catalogue, as a path relative to the project file.
    #[serde(default)]
    pub catalogue: Option<String>,
    /// Building-block libraries, as paths relative to the project file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub libraries: Vec<String>,
    /// Infrastructure templates (CloudFormation) the elements' resources are defined in,
    /// relative to the project file: scanners' line numbers are mapped back through them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub infrastructure: Vec<String>,
    pub diagrams: Vec<Diagram>,
    /// The user's decisions on generated threats, by stable key (rule id + subject id).
    #[serde(default)]
    pub threats: BTreeMap<ThreatKey, ThreatRecord>,
    /// Threats the user added by hand.
    #[serde(default)]
    pub manual_threats: Vec<ManualThreat>,
    /// Threat-modeling workshops held on this model.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sessions: Vec<WorkshopSession>,
    /// Who signed which version off, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signoffs: Vec<SignOff>,
    /// Conflicts a merge left for the user to settle.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
    #[serde(default)]
    pub layout: Layout,
}

/// A workshop: who took part and when. Decisions made in it carry `decided_by`/`decided_at`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WorkshopSession {
    /// ISO 8601 UTC, e.g. "2026-11-26T09:30Z".
    pub started: String,
    pub ended: String,
    pub facilitator: String,
    pub participants: Vec<String>,
    pub notes: String,
}

impl Project {
    /// A new project with one empty diagram.
    pub fn new(title: impl Into<String>) -> Self {
        let diagram = Diagram::new("Main");
        Self {
            format: FORMAT_NAME.to_owned(),
            version: FORMAT_VERSION,
            meta: Metadata {
                title: title.into(),
                ..Metadata::default()
            },
            catalogue: None,
            libraries: Vec::new(),
            infrastructure: Vec::new(),
            diagrams: vec![diagram],
            threats: BTreeMap::new(),
            manual_threats: Vec::new(),
            sessions: Vec::new(),
            signoffs: Vec::new(),
            conflicts: Vec::new(),
            layout: Layout::default(),
        }
    }

    pub fn diagram(&self, id: &DiagramId) -> Option<&Diagram> {
        self.diagrams.iter().find(|d| &d.id == id)
    }

    /// The diagram with this id, or the first one (a project always has one).
    pub fn diagram_or_first(&self, id: &DiagramId) -> &Diagram {
        self.diagram(id).unwrap_or(&self.diagrams[0])
    }

    pub fn diagram_mut(&mut self, id: &DiagramId) -> Option<&mut Diagram> {
        self.diagrams.iter_mut().find(|d| &d.id == id)
    }

    /// The element with this id and the diagram it is on.
    pub fn element(&self, id: &ElementId) -> Option<(&Diagram, &Element)> {
        self.diagrams
            .iter()
            .find_map(|d| d.element(id).map(|e| (d, e)))
    }

    pub fn flow(&self, id: &FlowId) -> Option<(&Diagram, &Flow)> {
        self.diagrams
            .iter()
            .find_map(|d| d.flow(id).map(|f| (d, f)))
    }

    /// Every threat subject — each diagram's elements, then its flows — as (id, name).
    pub fn subjects(&self) -> impl Iterator<Item = (&str, &str)> {
        self.diagrams.iter().flat_map(Diagram::subjects)
    }

    /// Whether any element or flow has this id (a threat subject).
    pub fn has_subject(&self, id: &str) -> bool {
        self.subjects().any(|(s, _)| s == id)
    }

    /// The display name of an element or flow, if it exists.
    pub fn subject_name(&self, id: &str) -> Option<&str> {
        self.subjects()
            .find(|(s, _)| *s == id)
            .map(|(_, name)| name)
    }
}

/// Descriptive information about the model, shown on the report's cover.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Metadata {
    pub title: String,
    pub description: String,
    pub owner: String,
    pub reviewers: Vec<Reviewer>,
    /// The version of the system being modelled, e.g. "2.3" or "Q3 release".
    pub version_label: String,
    /// The date the model refers to (ISO 8601, e.g. "2026-11-26"); reports use it.
    pub date: String,
    pub scope: String,
    pub assumptions: Vec<String>,
    pub external_dependencies: Vec<String>,
}

/// A person who reviews and signs off the model.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Reviewer {
    pub name: String,
    pub role: String,
}

/// One data-flow diagram.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Diagram {
    pub id: DiagramId,
    pub name: String,
    #[serde(default)]
    pub elements: Vec<Element>,
    #[serde(default)]
    pub flows: Vec<Flow>,
    #[serde(default)]
    pub boundaries: Vec<Boundary>,
    #[serde(default)]
    pub notes: Vec<Note>,
}

impl Diagram {
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            id: DiagramId::generate(),
            name: name.into(),
            elements: Vec::new(),
            flows: Vec::new(),
            boundaries: Vec::new(),
            notes: Vec::new(),
        }
    }

    pub fn element(&self, id: &ElementId) -> Option<&Element> {
        self.elements.iter().find(|e| &e.id == id)
    }

    pub fn flow(&self, id: &FlowId) -> Option<&Flow> {
        self.flows.iter().find(|f| &f.id == id)
    }

    pub fn boundary(&self, id: &BoundaryId) -> Option<&Boundary> {
        self.boundaries.iter().find(|b| &b.id == id)
    }

    /// The threat subjects on this diagram — its elements, then its flows — as (id, name).
    pub fn subjects(&self) -> impl Iterator<Item = (&str, &str)> {
        self.elements
            .iter()
            .map(|e| (e.id.as_str(), e.name.as_str()))
            .chain(self.flows.iter().map(|f| (f.id.as_str(), f.name.as_str())))
    }
}

/// A process, data store or external entity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Element {
    pub id: ElementId,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Free technology tag, e.g. "PostgreSQL 16" or "AWS Lambda (Python)".
    #[serde(default)]
    pub technology: String,
    #[serde(default)]
    pub out_of_scope: bool,
    #[serde(default)]
    pub out_of_scope_reason: String,
    pub props: ElementProps,
    /// The infrastructure resources it is (scanner findings on them land on it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<Resource>,
    /// The approved building block it was placed from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub block: Option<BlockRef>,
}

impl Element {
    pub fn new(kind: ElementKind, name: impl Into<String>) -> Self {
        Self {
            id: ElementId::generate(),
            name: name.into(),
            description: String::new(),
            technology: String::new(),
            out_of_scope: false,
            out_of_scope_reason: String::new(),
            props: ElementProps::default_for(kind),
            resources: Vec::new(),
            block: None,
        }
    }

    pub fn kind(&self) -> ElementKind {
        self.props.kind()
    }
}

/// A data flow from one element to another.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    pub id: FlowId,
    pub name: String,
    pub source: ElementId,
    pub target: ElementId,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub bidirectional: bool,
    /// e.g. "HTTPS", "gRPC", "AMQP", "SQL over TLS".
    #[serde(default)]
    pub protocol: String,
    /// Confidentiality in transit (TLS, IPsec, an encrypted payload).
    #[serde(default)]
    pub encrypted: bool,
    /// Integrity in transit (TLS, a MAC or signature).
    #[serde(default)]
    pub integrity_protected: bool,
    /// The receiver verifies who sent it.
    #[serde(default)]
    pub authenticates_source: bool,
    /// The sender verifies who it is talking to (e.g. TLS server certificates).
    #[serde(default)]
    pub authenticates_destination: bool,
    /// Most sensitive class of data it carries.
    #[serde(default)]
    pub classification: DataClass,
    /// The kinds of sensitive data it carries (personal, payment, health, credentials,
    /// keys), beside how secret they are.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub data_categories: Vec<DataCategory>,
    /// Travels over a public network (Threat Dragon "is public network").
    #[serde(default)]
    pub public_network: bool,
    #[serde(default)]
    pub payload: Payload,
    /// Carries session cookies (relevant for CSRF).
    #[serde(default)]
    pub contains_cookies: bool,
    /// Has anti-forgery protection (CSRF tokens, SameSite cookies, origin checks).
    #[serde(default)]
    pub csrf_protected: bool,
    #[serde(default)]
    pub out_of_scope: bool,
    #[serde(default)]
    pub out_of_scope_reason: String,
}

impl Flow {
    pub fn new(name: impl Into<String>, source: ElementId, target: ElementId) -> Self {
        Self {
            id: FlowId::generate(),
            name: name.into(),
            source,
            target,
            description: String::new(),
            bidirectional: false,
            protocol: String::new(),
            encrypted: false,
            integrity_protected: false,
            authenticates_source: false,
            authenticates_destination: false,
            classification: DataClass::Unspecified,
            data_categories: Vec::new(),
            public_network: false,
            payload: Payload::Unspecified,
            contains_cookies: false,
            csrf_protected: false,
            out_of_scope: false,
            out_of_scope_reason: String::new(),
        }
    }
}

/// A trust boundary; its shape (a region or a line) is in the layout.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Boundary {
    pub id: BoundaryId,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub boundary_type: BoundaryType,
    /// Encloses another organisation's systems: what is inside is a third party's.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub third_party: bool,
}

impl Boundary {
    pub fn new(name: impl Into<String>, boundary_type: BoundaryType) -> Self {
        Self {
            id: BoundaryId::generate(),
            name: name.into(),
            description: String::new(),
            boundary_type,
            third_party: false,
        }
    }
}

/// A free-text annotation placed on the canvas.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub id: NoteId,
    pub text: String,
}

/// The STRIDE categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Stride {
    Spoofing,
    Tampering,
    Repudiation,
    InformationDisclosure,
    DenialOfService,
    ElevationOfPrivilege,
}

impl Stride {
    pub const ALL: [Stride; 6] = [
        Self::Spoofing,
        Self::Tampering,
        Self::Repudiation,
        Self::InformationDisclosure,
        Self::DenialOfService,
        Self::ElevationOfPrivilege,
    ];

    /// The one-letter code: S, T, R, I, D or E.
    pub fn letter(self) -> char {
        match self {
            Self::Spoofing => 'S',
            Self::Tampering => 'T',
            Self::Repudiation => 'R',
            Self::InformationDisclosure => 'I',
            Self::DenialOfService => 'D',
            Self::ElevationOfPrivilege => 'E',
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Spoofing => "Spoofing",
            Self::Tampering => "Tampering",
            Self::Repudiation => "Repudiation",
            Self::InformationDisclosure => "Information disclosure",
            Self::DenialOfService => "Denial of service",
            Self::ElevationOfPrivilege => "Elevation of privilege",
        }
    }
}

/// A threat's category: STRIDE, or another methodology's category kept as text
/// (threats imported from LINDDUN, CIA or PLOT4ai models).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Category {
    Stride(Stride),
    Other(String),
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Stride(s) => f.write_str(s.label()),
            Self::Other(s) => f.write_str(s),
        }
    }
}

/// How bad a threat is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 4] = [Self::Low, Self::Medium, Self::High, Self::Critical];

    /// One level higher, saturating at critical.
    pub fn raised(self) -> Self {
        match self {
            Self::Low => Self::Medium,
            Self::Medium => Self::High,
            Self::High | Self::Critical => Self::Critical,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Critical => "critical",
        }
    }
}

/// Where the team stands on a threat.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Status {
    #[default]
    Open,
    NeedsInvestigation,
    Mitigated,
    NotApplicable,
    Accepted,
    Transferred,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Self::Open,
        Self::NeedsInvestigation,
        Self::Mitigated,
        Self::NotApplicable,
        Self::Accepted,
        Self::Transferred,
    ];

    /// Open or needs investigation: not decided yet.
    pub fn is_open(self) -> bool {
        matches!(self, Self::Open | Self::NeedsInvestigation)
    }

    /// Closing a threat in any way (mitigated, accepted, transferred, not applicable)
    /// needs words saying how or why: the CI gate counts no silent decision.
    pub fn needs_reason(self) -> bool {
        !self.is_open()
    }

    /// Accepting or dismissing a risk needs a written reason.
    pub fn needs_justification(self) -> bool {
        matches!(self, Self::Accepted | Self::NotApplicable)
    }

    pub fn snake(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::NeedsInvestigation => "needs_investigation",
            Self::Mitigated => "mitigated",
            Self::NotApplicable => "not_applicable",
            Self::Accepted => "accepted",
            Self::Transferred => "transferred",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::NeedsInvestigation => "Needs investigation",
            Self::Mitigated => "Mitigated",
            Self::NotApplicable => "Not applicable",
            Self::Accepted => "Accepted",
            Self::Transferred => "Transferred",
        }
    }
}

/// The user's decision about one threat.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ThreatRecord {
    pub status: Status,
    /// Replaces the rule's severity when set.
    pub severity: Option<Severity>,
    pub mitigation: String,
    pub justification: String,
    pub owner: String,
    /// Tickets, documents, pull requests.
    pub links: Vec<String>,
    /// Who recorded the decision (the workshop's facilitator) …
    #[serde(skip_serializing_if = "String::is_empty")]
    pub decided_by: String,
    /// … and when (ISO 8601 UTC).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub decided_at: String,
    /// The date (YYYY-MM-DD) the decision is to be looked at again ("accepted until the
    /// provider contract is renewed"); past it, the decision is due for review and `check`
    /// fails on it.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub review_by: String,
    /// What verifies the mitigation: scanner rules, tests, manual checks.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub controls: Vec<Control>,
    /// The building block whose approval made this decision; cleared when someone
    /// decides it again by hand.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block: Option<BlockRef>,
}

impl ThreatRecord {
    /// Nothing recorded: equal to the default, checked field by field without comparing
    /// strings (the analysis asks this of every finding it merges).
    pub fn is_blank(&self) -> bool {
        let Self {
            status,
            severity,
            mitigation,
            justification,
            owner,
            links,
            decided_by,
            decided_at,
            review_by,
            controls,
            block,
        } = self;
        *status == Status::default()
            && severity.is_none()
            && mitigation.is_empty()
            && justification.is_empty()
            && owner.is_empty()
            && links.is_empty()
            && decided_by.is_empty()
            && decided_at.is_empty()
            && review_by.is_empty()
            && controls.is_empty()
            && block.is_none()
    }
}

/// How an importer describes the stand-in element it puts at a flow end the other tool
/// left unconnected ("Stand-in for a flow end that …"): such an element stands for nobody.
pub const LOOSE_END_STAND_IN: &str = "Stand-in for a flow end";

/// How an importer describes the stand-in element it puts where the other tool attached
/// flows to a trust boundary itself: it stands for whatever lies beyond, nobody in
/// particular (not a device or a user, whatever the boundary's name says).
pub const BOUNDARY_STAND_IN: &str = "Stand-in for what lies beyond a trust boundary";

impl Element {
    /// Whether an importer put this element at a flow end left unconnected, or where
    /// flows were attached to a trust boundary.
    pub fn is_loose_end_stand_in(&self) -> bool {
        self.description.starts_with(LOOSE_END_STAND_IN)
            || self.description.starts_with(BOUNDARY_STAND_IN)
    }
}

/// A variant name as words: "DataStore" → "data store".
pub fn variant_words(variant: &str) -> String {
    let mut s = String::new();
    for (i, c) in variant.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            s.push(' ');
        }
        s.push(c.to_ascii_lowercase());
    }
    s
}

/// An enum value as people read it: `StandardUser` → "standard user", `Other("gMSA")` →
/// "gMSA" (never Rust's debug form in a report or message).
pub fn words_of<T: Serialize>(value: &T) -> String {
    let words = variant_words;
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(v)) => words(&v),
        Ok(serde_json::Value::Object(m)) if m.len() == 1 => match m.iter().next() {
            Some((_, serde_json::Value::String(inner))) => inner.clone(),
            Some((k, _)) => words(k),
            None => String::new(),
        },
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

pub use crate::foundation::time::{parse_date, time_key};

/// Whether `text` says something: it holds a letter (of any script). Spaces, zero-width
/// characters, punctuation and digits alone do not make a reason.
pub fn has_words(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
}

impl ThreatRecord {
    /// The words behind the decision: a mitigation's description (or, failing that, the
    /// justification) for a mitigated threat, the justification otherwise.
    pub fn stated_reason(&self) -> &str {
        if self.status == Status::Mitigated && has_words(&self.mitigation) {
            &self.mitigation
        } else {
            &self.justification
        }
    }

    /// Whether the decision is past its review date on `today` (YYYY-MM-DD): decided, with a
    /// valid review date before today.
    pub fn due_for_review(&self, today: &str) -> bool {
        self.status != Status::Open
            && parse_date(&self.review_by).is_some()
            && parse_date(today).is_some()
            && self.review_by.trim()[..10] < today.trim()[..10]
    }
}

/// A threat the user added by hand to an element or flow.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManualThreat {
    pub id: ManualThreatId,
    /// The element or flow it is about.
    pub subject: SubjectId,
    pub category: Category,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub severity: Severity,
    #[serde(default)]
    pub record: ThreatRecord,
    /// The tool that generated it, when it is another tool's output nobody assessed (the
    /// Threat Modeling Tool's `AutoGenerated` threats, Threat Dragon's placeholder threats);
    /// empty for a threat the team wrote. Its severity is the tool's, not an assessment: it
    /// is counted apart and does not fail `check` unless asked.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub generated_by: String,
}

impl ManualThreat {
    /// Another tool's output, imported, that nobody assessed.
    pub fn is_tool_output(&self) -> bool {
        !self.generated_by.is_empty()
    }
}

/// A point on the canvas, in canvas units (written as `(x, y)`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "(f32, f32)", into = "(f32, f32)")]
pub struct Pos {
    pub x: f32,
    pub y: f32,
}

impl Pos {
    pub const fn new(x: f32, y: f32) -> Self {
        Self { x, y }
    }
}

impl From<(f32, f32)> for Pos {
    fn from((x, y): (f32, f32)) -> Self {
        Self { x, y }
    }
}

impl From<Pos> for (f32, f32) {
    fn from(p: Pos) -> Self {
        (p.x, p.y)
    }
}

/// An axis-aligned rectangle: top-left corner and size (written as `(x, y, w, h)`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "(f32, f32, f32, f32)", into = "(f32, f32, f32, f32)")]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub const fn new(x: f32, y: f32, w: f32, h: f32) -> Self {
        Self { x, y, w, h }
    }

    pub fn center(&self) -> Pos {
        Pos::new(self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    pub fn contains(&self, p: Pos) -> bool {
        p.x >= self.x && p.x <= self.x + self.w && p.y >= self.y && p.y <= self.y + self.h
    }

    pub fn translated(&self, dx: f32, dy: f32) -> Self {
        Self::new(self.x + dx, self.y + dy, self.w, self.h)
    }

    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Self {
        let (x0, y0) = (self.x.min(other.x), self.y.min(other.y));
        let x1 = (self.x + self.w).max(other.x + other.w);
        let y1 = (self.y + self.h).max(other.y + other.h);
        Self::new(x0, y0, x1 - x0, y1 - y0)
    }
}

impl From<(f32, f32, f32, f32)> for Rect {
    fn from((x, y, w, h): (f32, f32, f32, f32)) -> Self {
        Self { x, y, w, h }
    }
}

impl From<Rect> for (f32, f32, f32, f32) {
    fn from(r: Rect) -> Self {
        (r.x, r.y, r.w, r.h)
    }
}

/// A trust boundary's shape: a region (box) or a line (polyline).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum BoundaryShape {
    Region(Rect),
    Line(Vec<Pos>),
}

/// Where everything is drawn. Kept apart from the model so layout changes diff apart.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Layout {
    pub elements: BTreeMap<ElementId, Rect>,
    pub boundaries: BTreeMap<BoundaryId, BoundaryShape>,
    pub notes: BTreeMap<NoteId, Rect>,
    /// Bend points of flows that are not drawn straight.
    pub waypoints: BTreeMap<FlowId, Vec<Pos>>,
}

#[cfg(test)]
mod words_tests {
    use super::*;

    #[test]
    fn enum_values_read_as_words_and_times_sort_as_times() {
        assert_eq!(words_of(&RunsAs::StandardUser), "standard user");
        assert_eq!(words_of(&RunsAs::Other("gMSA svc".into())), "gMSA svc");
        assert_eq!(words_of(&DataClass::Confidential), "confidential");
        assert_eq!(
            time_key("2026-12-02T10:00Z"),
            time_key("2026-12-02T10:00:00Z")
        );
        assert!(time_key("2026-12-02T09:59:59Z") < time_key("2026-12-02T10:00Z"));
        assert!(time_key("2026-12-02") < time_key("2026-12-02T00:01Z"));
        assert_eq!(time_key("yesterday"), None);
    }

    /// `is_blank` says exactly what `== ThreatRecord::default()` says, field by field.
    #[test]
    fn a_blank_record_is_the_default_one() {
        assert!(ThreatRecord::default().is_blank());
        let touched: [fn(&mut ThreatRecord); 6] = [
            |r| r.status = Status::Mitigated,
            |r| r.severity = Some(Severity::Low),
            |r| r.mitigation = "TLS".into(),
            |r| r.links.push("JIRA-1".into()),
            |r| r.review_by = "2027-01-01".into(),
            |r| r.decided_by = "Ana".into(),
        ];
        for touch in touched {
            let mut r = ThreatRecord::default();
            touch(&mut r);
            assert!(!r.is_blank(), "{r:?}");
            assert_ne!(r, ThreatRecord::default());
        }
    }
}
