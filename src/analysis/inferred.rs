//! What the analysis read from the model's words and shape, each fact with where it came
//! from: "role: identity provider / login — inferred from the name ‘Cognito’", "entry
//! point — called from outside by Customer (signed-in user)". The JSON report and the
//! inspector show these, so a user sees why a threat appeared and can correct the model
//! (a fact the user set always wins; an inferred one only adds).
//!
//! Computed on request, apart from the analysis itself: it re-reads the words to say which
//! word gave which fact, which the analysis does not need.

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::SubjectKind;
use super::context::{element_cues, element_facts, flow_facts, mark_anonymous_sources};
use super::engine::element_index;
use super::facts::{ElementFacts, FlowFacts, ProtocolSource, caller, encryption::LikeSiblings};
use super::stages::facts::{ReadFrom, complete_facts};
use super::vocab::{self, cue};
use crate::model::{Diagram, ElementKind, ElementProps, Project, StoreType};

/// One fact the analysis uses about an element or flow, and where it comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InferredFact {
    /// The element or flow id.
    pub subject: String,
    pub subject_kind: SubjectKind,
    /// `role`, `data`, `control`, `protocol` or `exposure`.
    pub kind: &'static str,
    /// The fact in words: "identity provider / login", "credentials".
    pub fact: String,
    /// Where it comes from: "inferred from the name ‘Users DB’", "set in the model".
    pub source: String,
    /// Set by the user in the model (it wins over anything inferred).
    pub set_in_model: bool,
}

/// The cue bits that name a role of an element.
const ROLES: u64 = cue::IDENTITY
    | cue::ADMIN
    | cue::PAYMENT
    | cue::QUEUE
    | cue::OBJECT_STORAGE
    | cue::SQL
    | cue::NOSQL
    | cue::DATABASE
    | cue::DIRECTORY
    | cue::CACHE
    | cue::SECRETS
    | cue::WEBHOOK
    | cue::BROWSER
    | cue::CLIENT
    | cue::DEVICE
    | cue::CICD
    | cue::LOGS
    | cue::SERVERLESS
    | cue::API
    | cue::THIRD_PARTY
    | cue::PARTNER
    | cue::ANONYMOUS
    | cue::COMMAND
    | cue::ACCOUNTS
    | cue::LOCAL_TOOL
    | cue::MESSAGING
    | cue::REPO
    | cue::FETCHES_URLS
    | cue::ROUTES
    | cue::CONFIG
    | cue::TOKENS
    | cue::ASSERTIONS
    | cue::POLICY
    | cue::FILE_SERVER
    | cue::SIGNING
    | cue::WORKLOADS
    | cue::ROLES
    | cue::REPLICATES
    | cue::GUEST
    | cue::SERVER_PAGES
    | cue::SOFTWARE_UPDATE
    | cue::INSTALLS
    | cue::IMAGE_REGISTRY
    | cue::SELF_SERVICE
    | cue::MONEY_OUT;

/// The cue bits that name a kind of data.
const DATA: u64 = cue::CREDENTIALS
    | cue::PERSONAL
    | cue::CARD
    | cue::HEALTH
    | cue::SECRETS
    | cue::LOGS
    | cue::AMOUNT
    | cue::COOKIE;

fn quoted(label: &str, text: &str) -> String {
    let text = vocab::clean_name(text);
    let short: String = text.chars().take(60).collect();
    let more = if short.len() < text.len() { "…" } else { "" };
    format!("inferred from the {label} ‘{short}{more}’")
}

/// Every fact the analysis reads from the words and the shape of `project`, in diagram
/// order: elements, then flows.
pub fn inferred_facts(project: &Project) -> Vec<InferredFact> {
    let described = super::stages::facts::described_once(project);
    let project: &Project = &described.project;
    let mut out = Vec::new();
    for diagram in &project.diagrams {
        let index = element_index(diagram);
        let mut facts = flow_facts(project, diagram, &index);
        let cues = element_cues(diagram);
        mark_anonymous_sources(diagram, &index, &cues, &mut facts);
        let mut efacts = element_facts(project, diagram, &index, &cues, &facts);
        complete_facts(diagram, &index, &mut efacts, &mut facts);
        for ef in &efacts {
            element(ef, &efacts, &described.read_from, &mut out);
        }
        flows(diagram, &facts, &mut out);
    }
    out
}

/// The facts about one element or flow (the inspector shows them for the selection).
pub fn facts_of(project: &Project, id: &str) -> Vec<InferredFact> {
    let described = super::stages::facts::described_once(project);
    let project: &Project = &described.project;
    let mut out = Vec::new();
    for diagram in &project.diagrams {
        let index = element_index(diagram);
        let element = index.get(id).copied();
        let flow = diagram.flows.iter().position(|f| f.id.as_str() == id);
        if element.is_none() && flow.is_none() {
            continue;
        }
        let mut facts = flow_facts(project, diagram, &index);
        let cues = element_cues(diagram);
        mark_anonymous_sources(diagram, &index, &cues, &mut facts);
        let mut efacts = element_facts(project, diagram, &index, &cues, &facts);
        complete_facts(diagram, &index, &mut efacts, &mut facts);
        if let Some(i) = element {
            self::element(&efacts[i], &efacts, &described.read_from, &mut out);
        }
        if flow.is_some() {
            flows(diagram, &facts, &mut out);
            out.retain(|f| f.subject == id);
        }
    }
    out
}

/// `read_from` says which blank drawings read their words from another drawing of the same
/// element: their facts say "inferred from the description of its drawing in ‘Context’ …",
/// not as if this drawing said it.
fn element(
    ef: &ElementFacts<'_>,
    efacts: &[ElementFacts<'_>],
    read_from: &FxHashMap<&str, ReadFrom<'_>>,
    out: &mut Vec<InferredFact>,
) {
    let e = ef.element;
    let kind = match e.kind() {
        ElementKind::Process => SubjectKind::Process,
        ElementKind::DataStore => SubjectKind::DataStore,
        ElementKind::ExternalEntity => SubjectKind::ExternalEntity,
    };
    let mut push = |kind_: &'static str, fact: String, source: String, set: bool| {
        out.push(InferredFact {
            subject: e.id.to_string(),
            subject_kind: kind,
            kind: kind_,
            fact,
            source,
            set_in_model: set,
        });
    };
    let set = "set in the model".to_owned();
    // What the user set.
    match &e.props {
        ElementProps::ExternalEntity(p) if p.identity_provider => {
            push(
                "role",
                "identity provider / login".into(),
                set.clone(),
                true,
            );
        }
        ElementProps::DataStore(p) => {
            if p.store_type != StoreType::Unspecified {
                push(
                    "role",
                    format!("store type: {:?}", p.store_type).to_lowercase(),
                    set.clone(),
                    true,
                );
            }
            if p.stores_credentials {
                push("data", "credentials".into(), set.clone(), true);
            }
            if p.stores_logs {
                push("data", "logs".into(), set.clone(), true);
            }
        }
        ElementProps::Process(p) if p.handles_card_payment => {
            push("role", "payment".into(), set.clone(), true);
        }
        _ => {}
    }
    // What its words say.
    let from = read_from.get(e.id.as_str()).copied().unwrap_or_default();
    let label = |what: &str, diagram: Option<&str>| match diagram {
        Some(d) => format!("{what} of its drawing in ‘{d}’"),
        None => what.to_owned(),
    };
    let (technology, description) = (
        label("technology", from.technology),
        label("description", from.description),
    );
    let texts = [
        ("name", e.name.as_str()),
        (technology.as_str(), e.technology.as_str()),
        (description.as_str(), e.description.as_str()),
    ];
    for (bit, label, _) in vocab::cue_sources(texts.iter().copied()) {
        let text = texts
            .iter()
            .find(|(l, _)| *l == label)
            .map_or("", |(_, t)| *t);
        let words = vocab::cue_label(bit);
        if words.is_empty() {
            continue;
        }
        // A role the analysis decides from more than words is shown only where it holds:
        // "Treasury approver: Okta Verify push" is a person, not Okta's service, nor an
        // identity provider.
        let holds = match bit {
            cue::THIRD_PARTY => ef.third_party,
            cue::IDENTITY => ef.identity_role(),
            cue::CLIENT => e.kind() != ElementKind::Process || ef.client(),
            _ => true,
        };
        if bit & ROLES != 0 && holds {
            push("role", words.to_owned(), quoted(label, text), false);
        } else if bit & DATA != 0 {
            push("data", words.to_owned(), quoted(label, text), false);
        }
    }
    // Controls its words say are in place, and what its design lets callers decide or
    // costs it.
    let said = vocab::control_sources(texts.iter().copied())
        .into_iter()
        .map(|(bit, label, _)| ("control", vocab::control_label(bit), label))
        .chain(
            vocab::design_sources(texts.iter().copied())
                .into_iter()
                .map(|(bit, label, _)| ("design", vocab::design_label(bit), label)),
        );
    for (kind, fact, label) in said {
        let text = texts
            .iter()
            .find(|(l, _)| *l == label)
            .map_or("", |(_, t)| *t);
        push(kind, fact.to_owned(), quoted(label, text), false);
    }
    // The business rules its description states, each as the team wrote it.
    if e.kind() == ElementKind::Process {
        for rule in &ef.stated_rules {
            let source = if ef.noted_rules.contains(rule) {
                "a note on the diagram about it"
            } else {
                "its description, a flow into it or an actor calling it"
            };
            push(
                "design",
                format!("states a rule: “{rule}”"),
                source.to_owned(),
                false,
            );
        }
    }
    for bit in (0..64).map(|b| 1u64 << b).filter(|b| ef.noted & b != 0) {
        push(
            "design",
            vocab::design_label(bit).to_owned(),
            "said by a note on the diagram about it".to_owned(),
            false,
        );
    }
    let around = ef.around & !ef.design;
    for bit in (0..64).map(|b| 1u64 << b).filter(|b| around & b != 0) {
        push(
            "design",
            vocab::design_label(bit).to_owned(),
            "said by its flows, callers or stores".to_owned(),
            false,
        );
    }
    // Exposure from what reaches it.
    let name = |i: u32| vocab::clean_name(&efacts[i as usize].element.name);
    if ef.callers != 0 {
        let who: Vec<String> = ef
            .via
            .iter()
            .map(|&c| {
                format!(
                    "{} ({})",
                    name(c),
                    caller::label(efacts[c as usize].caller_kind())
                )
            })
            .collect();
        push(
            "exposure",
            "entry point".into(),
            format!("called from outside by {}", who.join(", ")),
            false,
        );
    } else if ef.behind != 0 {
        let via: Vec<String> = ef.via.iter().map(|&c| name(c)).collect();
        push(
            "exposure",
            "one hop behind an entry point".into(),
            format!("used by {}", via.join(", ")),
            false,
        );
    }
    if ef.outside() && e.kind() != ElementKind::DataStore {
        push(
            "role",
            format!("caller: {}", caller::label(ef.caller_kind())),
            "from its kind and words".into(),
            false,
        );
    }
}

fn flows(diagram: &Diagram, facts: &[FlowFacts], out: &mut Vec<InferredFact>) {
    for (flow, ff) in diagram.flows.iter().zip(facts) {
        let mut push = |kind: &'static str, fact: String, source: String| {
            out.push(InferredFact {
                subject: flow.id.to_string(),
                subject_kind: SubjectKind::Flow,
                kind,
                fact,
                source,
                set_in_model: false,
            });
        };
        if let Some(p) = &ff.protocol {
            let source = match ff.protocol_source {
                ProtocolSource::Field => quoted("protocol", &flow.protocol),
                ProtocolSource::Name => quoted("name", &flow.name),
                ProtocolSource::Description => quoted("description", &flow.description),
                ProtocolSource::End => "inferred from what an end of the flow says of its \
                                        communication"
                    .to_owned(),
                ProtocolSource::AuthorsThreats => {
                    "inferred from the authors' threats on the flow".to_owned()
                }
                ProtocolSource::Connection => "inferred from another flow on the same \
                                               connection that names it"
                    .to_owned(),
            };
            let what = if p.encrypted {
                "encrypted"
            } else if p.cleartext {
                "cleartext"
            } else {
                "not known to be encrypted"
            };
            push("protocol", format!("{} ({what})", p.name), source);
        }
        // Where the model says how the same person or app reaches the system.
        const SAME_CALLER_SAYS: &str = "inferred from another flow between the same person or \
                                        app and the system that names an encrypted protocol";
        let like = match ff.encrypted_like_siblings {
            LikeSiblings::No => None,
            LikeSiblings::SameProcess => Some((
                "probably encrypted: the same web app as its other users' flows".to_owned(),
                "inferred from another flow between the same process and the outside that \
                 names an encrypted protocol"
                    .to_owned(),
            )),
            LikeSiblings::SameCaller => Some((
                "probably encrypted: the same caller reaches the system's other services \
                 encrypted"
                    .to_owned(),
                SAME_CALLER_SAYS.to_owned(),
            )),
            LikeSiblings::SecurePage => Some((
                "probably encrypted (wss): a page served over HTTPS can open only secure \
                 WebSockets"
                    .to_owned(),
                SAME_CALLER_SAYS.to_owned(),
            )),
            LikeSiblings::Platform(b) => Some((
                "encrypted: the platform it reaches serves only HTTPS".to_owned(),
                diagram
                    .boundaries
                    .get(b)
                    .map_or_else(String::new, |b| quoted("boundary it crosses", &b.name)),
            )),
        };
        if let Some((fact, source)) = like {
            push("protocol", fact, source);
        }
        let texts = [
            ("name", flow.name.as_str()),
            ("description", flow.description.as_str()),
        ];
        for (bit, label, _) in vocab::cue_sources(texts.iter().copied()) {
            if bit & DATA == 0 {
                continue;
            }
            let text = texts
                .iter()
                .find(|(l, _)| *l == label)
                .map_or("", |(_, t)| *t);
            push(
                "data",
                vocab::cue_label(bit).to_owned(),
                quoted(label, text),
            );
        }
    }
}
