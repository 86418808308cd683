//! Stage 1, facts: what one diagram says about each flow and element, and what follows
//! from it — the protocol a flow names, the boundaries it crosses, who calls an element
//! and with what, which elements are a third party's — and the names findings are written
//! with. Every later stage reads these facts and nothing else of the drawing's geometry,
//! so a rule's answer can be traced to a fact and the fact to what the author set or
//! wrote (`super::super::inferred` lists them with their sources).
//!
//! The facts themselves are worked out by `super::super::context` (over
//! `super::super::facts` and `super::super::vocab`); this stage puts them together in the
//! order they depend on one another and checks the diagram on the way.

use std::borrow::Cow;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::super::Message;
use super::super::context::{element_cues, element_facts, flow_facts_on, mark_anonymous_sources};
use super::super::engine::element_index;
use super::super::facts::{ElementFacts, FlowFacts};
use super::super::names::boundary_phrases;
use super::super::validate::diagram_messages;
use super::super::vocab;
use crate::model::{Diagram, ElementKind, Project};

/// What makes two drawings one element: the same kind and the same name (spaces and case
/// aside). `None` for an element with no name. The one notion the analysis, the merging of
/// threats and the inspector share.
pub(in crate::analysis) fn drawing_key(
    kind: ElementKind,
    name: &str,
) -> Option<(ElementKind, String)> {
    (!name.trim().is_empty()).then(|| (kind, vocab::clean_name(name).to_lowercase()))
}

/// Where a blank drawing's words were read from: the diagram whose drawing of the same
/// element gave its description, and its technology.
#[derive(Clone, Copy, Default)]
pub(in crate::analysis) struct ReadFrom<'p> {
    pub(in crate::analysis) description: Option<&'p str>,
    pub(in crate::analysis) technology: Option<&'p str>,
}

/// A project as the analysis reads it ([`described_once`]).
pub(in crate::analysis) struct Described<'p> {
    pub(in crate::analysis) project: Cow<'p, Project>,
    /// By element id, the blank drawings that read another drawing's words, and where.
    pub(in crate::analysis) read_from: FxHashMap<&'p str, ReadFrom<'p>>,
}

/// The project with what one drawing of an element says told of its other drawings: a
/// team that draws a service in a context diagram and again in a detail diagram describes
/// it (and names its technology) once, and the copy left blank is the same service
/// ([`drawing_key`]). A blank description or technology is filled from the longest such
/// text of another drawing; what a drawing says itself is kept. Borrowed as it is when
/// nothing is to be filled (one diagram, or no blank copy).
pub(in crate::analysis) fn described_once(project: &Project) -> Described<'_> {
    let as_it_is = || Described {
        project: Cow::Borrowed(project),
        read_from: FxHashMap::default(),
    };
    if project.diagrams.len() < 2 {
        return as_it_is();
    }
    /// The longest text of one kind said of an element, and the diagram that says it.
    #[derive(Default)]
    struct Said<'p> {
        text: &'p str,
        diagram: &'p str,
    }
    impl<'p> Said<'p> {
        fn offer(&mut self, text: &'p str, diagram: &'p str) {
            if text.trim().len() > self.text.len() {
                (self.text, self.diagram) = (text.trim(), diagram);
            }
        }
    }
    // The longest description and technology of each element, and how many drawings it has.
    let mut said: FxHashMap<(ElementKind, String), (Said<'_>, Said<'_>, usize)> =
        FxHashMap::default();
    for diagram in &project.diagrams {
        for e in &diagram.elements {
            let Some(key) = drawing_key(e.kind(), &e.name) else {
                continue;
            };
            let entry = said.entry(key).or_default();
            entry.0.offer(&e.description, &diagram.name);
            entry.1.offer(&e.technology, &diagram.name);
            entry.2 += 1;
        }
    }
    let mut read_from: FxHashMap<&str, ReadFrom<'_>> = FxHashMap::default();
    for e in project.diagrams.iter().flat_map(|d| &d.elements) {
        let Some((description, technology, _)) = drawing_key(e.kind(), &e.name)
            .and_then(|key| said.get(&key))
            .filter(|s| s.2 > 1)
        else {
            continue;
        };
        let blank = |own: &str, other: &Said<'_>| own.trim().is_empty() && !other.text.is_empty();
        let from = ReadFrom {
            description: blank(&e.description, description).then_some(description.diagram),
            technology: blank(&e.technology, technology).then_some(technology.diagram),
        };
        if from.description.is_some() || from.technology.is_some() {
            read_from.insert(e.id.as_str(), from);
        }
    }
    if read_from.is_empty() {
        return as_it_is();
    }
    let mut shared = project.clone();
    for e in shared.diagrams.iter_mut().flat_map(|d| &mut d.elements) {
        let (Some(from), Some(key)) =
            (read_from.get(e.id.as_str()), drawing_key(e.kind(), &e.name))
        else {
            continue;
        };
        let (description, technology, _) = &said[&key];
        if from.description.is_some() {
            e.description = description.text.to_owned();
        }
        if from.technology.is_some() {
            e.technology = technology.text.to_owned();
        }
    }
    Described {
        project: Cow::Owned(shared),
        read_from,
    }
}

/// The facts of one diagram, by element and flow index.
pub(in crate::analysis) struct DiagramFacts<'d> {
    /// Element index by id.
    pub(in crate::analysis) index: FxHashMap<&'d str, usize>,
    /// Each flow's facts, by flow index.
    pub(in crate::analysis) flows: Vec<FlowFacts>,
    /// Each element's facts, by element index.
    pub(in crate::analysis) elements: Vec<ElementFacts<'d>>,
    /// Each element's name as a reader sees it.
    pub(in crate::analysis) element_names: Vec<Arc<str>>,
    /// Each boundary's phrase in a finding's text.
    pub(in crate::analysis) boundary_names: Vec<Arc<str>>,
    pub(in crate::analysis) diagram_id: Arc<str>,
    pub(in crate::analysis) diagram_name: Arc<str>,
}

/// The facts of `diagram`; what is wrong with the diagram itself goes to `validation`.
pub(in crate::analysis) fn gather<'d>(
    project: &Project,
    diagram: &'d Diagram,
    validation: &mut Vec<Message>,
    threads: usize,
) -> DiagramFacts<'d> {
    let index = element_index(diagram);
    let mut facts = flow_facts_on(project, diagram, &index, threads);
    let cues = element_cues(diagram);
    mark_anonymous_sources(diagram, &index, &cues, &mut facts);
    let mut efacts = element_facts(project, diagram, &index, &cues, &facts);
    complete_facts(diagram, &index, &mut efacts, &mut facts);
    diagram_messages(diagram, &index, &efacts, &facts, validation);
    let element_names: Vec<Arc<str>> = diagram
        .elements
        .iter()
        .map(|e| display_name(&e.name))
        .collect();
    let boundary_names = boundary_phrases(project, diagram, &element_names);
    DiagramFacts {
        index,
        flows: facts,
        elements: efacts,
        element_names,
        boundary_names,
        diagram_id: Arc::from(diagram.id.as_str()),
        diagram_name: Arc::from(diagram.name.as_str()),
    }
}

/// What the facts of a diagram gain once every element's own facts are known: a flow to or
/// from a wire is a wire too ("Door strike (REX)", "dry contact"); a flow naming no
/// protocol may travel like its web app's other flows ([`encrypted_like_siblings`]); each
/// process's business rules, from its description, the flows into it and the actors
/// calling it. The analysis and the inspector's inferred facts both call it, so what the
/// inspector says is what the rules read.
pub(in crate::analysis) fn complete_facts<'d>(
    diagram: &'d Diagram,
    index: &FxHashMap<&str, usize>,
    efacts: &mut [ElementFacts<'d>],
    facts: &mut [FlowFacts],
) {
    for (flow, ff) in diagram.flows.iter().zip(facts.iter_mut()) {
        let wired = [&flow.source, &flow.target]
            .into_iter()
            .filter_map(|end| index.get(end.as_str()))
            .any(|&i| efacts[i].design & vocab::design::WIRED != 0);
        if wired {
            ff.design |= vocab::design::WIRED;
        }
    }
    encrypted_like_siblings(diagram, index, efacts, facts);
    let inbound = vocab::inbound_descriptions(diagram, index);
    for (i, ef) in efacts.iter_mut().enumerate() {
        if ef.element.kind() == crate::model::ElementKind::Process {
            let flows = inbound.get(&i).map_or(&[][..], Vec::as_slice);
            ef.stated_rules = vocab::element_rules(&ef.element.description, flows);
        }
    }
    notes_told(diagram, index, efacts);
}

/// What a diagram's notes say of its processes: a rule written in a note beside the
/// drawing ("Deputy / POA can only be added with consent of ALL holders") is a rule of the
/// process it is about ([`vocab::note_rules`]), as if its description said it; an approval,
/// a promotion or a shared login a note names is said of that process too. A rule is about
/// the team's own services that people use before a client or a third party's.
fn notes_told<'d>(
    diagram: &'d Diagram,
    index: &FxHashMap<&str, usize>,
    efacts: &mut [ElementFacts<'d>],
) {
    if diagram.notes.is_empty() {
        return;
    }
    let mut candidates: Vec<usize> = (0..efacts.len())
        .filter(|&i| {
            let ef = &efacts[i];
            ef.element.kind() == ElementKind::Process && !ef.third_party && !ef.database()
        })
        .collect();
    // Best first: a service people call, then any other service, then client software.
    candidates.sort_by_key(|&i| (efacts[i].client(), efacts[i].callers == 0));
    let used = candidates
        .iter()
        .filter(|&&i| !efacts[i].client() && efacts[i].callers != 0)
        .count();
    let told = vocab::note_rules(diagram, index, &candidates, used);
    for (i, sentence) in told {
        let ef = &mut efacts[i];
        let bits = vocab::designs([sentence])
            & (vocab::design::APPROVAL | vocab::design::PROMO | vocab::design::SHARED_LOGIN);
        ef.design |= bits;
        ef.noted |= bits;
        for rule in vocab::stated_rules(sentence) {
            if !ef.stated_rules.contains(&rule) {
                ef.stated_rules.push(rule);
                ef.noted_rules.push(rule);
            }
        }
    }
}

/// Marks the flows between a process and someone outside that name no protocol where
/// the model says elsewhere that the same connection is encrypted: reviewers call
/// "nothing says it is encrypted" a modelling gap there, not a threat.
/// - Another flow between that process and the outside names an encrypted one ("HTTPS" on
///   the students' flow into the web app the advisers use too); said of people's flows.
/// - The same person or the same client app reaches another of the system's processes over
///   an encrypted protocol ("HTTPS" from the mobile app to the API, nothing on its flow to
///   the pattern service beside it).
/// - The flow crosses into a boundary named for a platform that serves nothing but HTTPS
///   ("Vercel", "Netlify", "Cloud Run").
/// - A WebSocket ("ws") the same person's or app's page opens where that page reaches the
///   system over HTTPS: browsers allow only secure WebSockets there.
///
/// A system or a device outside may speak another protocol to it (a UDP stream beside an
/// HTTPS console, MQTT beside an HTTPS update check), and an SMS or an e-mail to a person
/// goes its own way: those flows stay asked.
fn encrypted_like_siblings(
    diagram: &Diagram,
    index: &FxHashMap<&str, usize>,
    efacts: &[ElementFacts<'_>],
    facts: &mut [FlowFacts],
) {
    use super::super::facts::{caller, encryption::LikeSiblings};
    use crate::model::ElementKind::{ExternalEntity, Process};
    let person = |i: usize| {
        efacts[i].element.kind() == ExternalEntity && efacts[i].caller_kind() & caller::PEOPLE != 0
    };
    // The system's own server side: a process that is neither someone's app nor a
    // provider's.
    let server = |i: usize| {
        efacts[i].element.kind() == Process && !efacts[i].client() && !efacts[i].third_party
    };
    // People and the apps they use: what reaches the system from their side.
    let outer = |i: usize| {
        person(i)
            || (efacts[i].element.kind() == Process
                && efacts[i].client()
                && !efacts[i].third_party
                && efacts[i].caller_kind() & caller::DEVICE == 0)
    };
    // (outside end, process end) of a flow between a process and the outside.
    let ends = |flow: &crate::model::Flow| -> Option<(usize, usize)> {
        let (&s, &t) = (
            index.get(flow.source.as_str())?,
            index.get(flow.target.as_str())?,
        );
        match (efacts[s].element.kind(), efacts[t].element.kind()) {
            (Process, ExternalEntity) => Some((t, s)),
            (ExternalEntity, Process) => Some((s, t)),
            (Process, Process) if outer(s) && server(t) => Some((s, t)),
            (Process, Process) if outer(t) && server(s) => Some((t, s)),
            _ => None,
        }
    };
    let mut tls_process = vec![false; efacts.len()];
    let mut tls_caller = vec![false; efacts.len()];
    for (flow, ff) in diagram.flows.iter().zip(facts.iter()) {
        if let Some((o, p)) = ends(flow)
            && (flow.encrypted || ff.protocol.is_some_and(|p| p.encrypted))
        {
            if efacts[o].element.kind() == ExternalEntity {
                tls_process[p] = true;
            }
            if server(p) {
                tls_caller[o] = true;
            }
        }
    }
    for (flow, ff) in diagram.flows.iter().zip(facts.iter_mut()) {
        let Some((o, p)) = ends(flow) else {
            continue;
        };
        // "ws" or "websocket" from the app of someone who reaches the system over HTTPS:
        // a page served over HTTPS can open only secure WebSockets (browsers refuse ws://
        // there), so it names the kind of connection, not that it is in cleartext.
        // (Not where "ws://" is written out.)
        let websocket = ff
            .protocol
            .is_some_and(|p| p.name == "WebSocket" && !p.encrypted)
            && ![&flow.name, &flow.protocol, &flow.description]
                .iter()
                .any(|t| vocab::writes_ws_scheme(t));
        if websocket {
            if outer(o)
                && tls_caller[o]
                && server(p)
                && efacts[o].caller_kind() & caller::DEVICE == 0
            {
                ff.protocol = Some(vocab::WEBSOCKET_FROM_HTTPS_PAGE);
                ff.encrypted_like_siblings = LikeSiblings::SecurePage;
            }
            continue;
        }
        // A text message or an e-mail travels its own way, not through the web app.
        if ff.cues & vocab::cue::MESSAGING != 0
            || vocab::names_mail(&flow.name)
            || ff.protocol.is_some()
            || !flow.protocol.trim().is_empty()
            || !outer(o)
        {
            continue;
        }
        ff.encrypted_like_siblings = if tls_process[p] && person(o) {
            LikeSiblings::SameProcess
        } else if tls_caller[o]
            && server(p)
            // Keys and passwords on a flow of their own are worth the question.
            && ff.cues & (vocab::cue::CREDENTIALS | vocab::cue::SECRETS) == 0
        {
            LikeSiblings::SameCaller
        } else if let Some(&b) = server(p)
            .then(|| {
                ff.crossed
                    .iter()
                    .find(|&&b| vocab::names_https_platform(&diagram.boundaries[b].name))
            })
            .flatten()
        {
            LikeSiblings::Platform(b)
        } else {
            LikeSiblings::No
        };
    }
}

/// A name as a reader sees it: white space (line breaks from multi-line labels) folded.
fn display_name(name: &str) -> Arc<str> {
    let clean = super::super::vocab::clean_name(name);
    if clean.is_empty() {
        Arc::from("(unnamed)")
    } else {
        Arc::from(clean)
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{shop, with_scene};
    use crate::model::FlowId;

    /// A label written on several lines reads as one line in findings, an unnamed element
    /// is called so, and a flow over HTTPS is known to be encrypted (HTTP is not).
    #[test]
    fn names_read_as_one_line_and_the_protocol_is_known() {
        let (mut p, _) = shop("HTTPS");
        p.diagrams[0].elements[1].name = "Shop\n  API".into();
        p.diagrams[0].elements[2].name = "  ".into();
        with_scene(&p, |scene, _, _| {
            let names = &scene.facts.element_names;
            assert_eq!(&*names[1], "Shop API");
            assert_eq!(&*names[2], "(unnamed)");
            let https = &scene.facts.flows[0];
            assert!(https.protocol.is_some_and(|p| p.encrypted));
            assert_eq!(
                scene.facts.diagram_name.as_ref(),
                p.diagrams[0].name.as_str()
            );
        });
        let (p, _) = shop("HTTP");
        with_scene(&p, |scene, _, _| {
            assert!(!scene.facts.flows[0].protocol.is_some_and(|p| p.encrypted));
        });
    }

    /// A flow whose end is not in the diagram is reported while the facts are gathered.
    #[test]
    fn a_flow_to_nowhere_is_reported() {
        let (mut p, _) = shop("HTTPS");
        p.diagrams[0].flows[1].target =
            crate::model::ElementId::try_from("el_gone".to_owned()).expect("an id");
        with_scene(&p, |_, _, validation| {
            let flow: &FlowId = &p.diagrams[0].flows[1].id;
            assert!(
                validation
                    .iter()
                    .any(|m| format!("{:?}", m.subject).contains(flow.as_str())),
                "{validation:?}"
            );
        });
    }
}
