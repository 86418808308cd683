//! Stage 5, the checklist: for each STRIDE cell of a subject that no threat answered, the
//! catalogue's baseline question for it ("could someone pretend to be …?"), so a review
//! walks every cell. A cell is answered by a threat that fired, by what the model says
//! (HTTPS answers reading and altering on the way; an element that authenticates itself,
//! spoofing), by an authors' threat in that cell, by the provider owning the element, or
//! by a stated reason it does not apply to what the element is ([`does_not_apply`]: a
//! browser cannot deny; [`local_hop`]: nothing is read "on the way" between a person and
//! their own app).
//!
//! Once every diagram is done, [`walkable`] makes the list one a workshop can walk: a
//! template asked of several elements of a diagram is one question naming them (the
//! catalogue's `merge`, `super::merge`), a question worded the same twice is asked once,
//! and an element is asked at most three questions of its own, the last asking the rest
//! as one real question ("Could X also … or …?").

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::super::Catalogue;
use super::super::Finding;
use super::super::SubjectKind;
use super::super::builder::{Builder, Subject};
use super::super::catalogue::{Merge, Rule};
use super::super::context::flow_ends;
use super::super::expr::Env;
use super::super::facts::{ElementFacts, FlowFacts, caller};
use super::super::names::FlowNamer;
use super::super::severity::Assessment;
use super::super::vocab::cue;
use super::classes::{ConnectionSubject, Variant, flows_name};
use super::{ALL_CELLS, Scene, cell, with_element_context};
use crate::model::{Category, ElementKind, ElementProps, Project, Stride, ThreatKey};

/// The cells of each element answered before any rule is applied: by the provider owning
/// it, by what the model says about it, by its authors' threats, and — for an actor that
/// calls an entry point — by the entry point's authentication.
pub(in crate::analysis) fn answered_before_rules(scene: &Scene<'_>) -> Vec<u8> {
    let (diagram, efacts, index) = (scene.diagram, &scene.facts.elements, &scene.facts.index);
    let mut element_covered = vec![0u8; diagram.elements.len()];
    for (i, ef) in efacts.iter().enumerate() {
        if ef.third_party && ef.element.kind() != ElementKind::ExternalEntity {
            element_covered[i] = ALL_CELLS; // the provider's to secure
        } else if ef.anonymous() {
            element_covered[i] |= cell(Stride::Spoofing) | cell(Stride::Repudiation);
        } else if matches!(&ef.element.props, ElementProps::ExternalEntity(p) if p.authenticates_itself)
        {
            element_covered[i] |= cell(Stride::Spoofing);
        }
        element_covered[i] |= does_not_apply(ef);
        if let Some(manual) = scene.manual.get(ef.element.id.as_str()) {
            for t in manual {
                if let Category::Stride(st) = t.category {
                    element_covered[i] |= cell(st);
                }
            }
        }
    }
    // An actor that calls an entry point is answered there: the entry point's
    // authentication threat (or the model saying it authenticates) is about it.
    for flow in &diagram.flows {
        let Some((s, t)) = flow_ends(index, flow) else {
            continue;
        };
        if efacts[s].element.kind() == ElementKind::ExternalEntity && efacts[t].callers != 0 {
            element_covered[s] |= cell(Stride::Spoofing);
        }
    }
    element_covered
}

/// The cells of a flow about what happens on the way: read, altered, blocked.
const TRANSIT: u8 = (1 << Stride::Tampering as u8)
    | (1 << Stride::InformationDisclosure as u8)
    | (1 << Stride::DenialOfService as u8);

/// The STRIDE cells of an element that do not apply to what it is: answered by that
/// reason, so no question is asked. Each reason, as a reader would give it:
///
/// - **Repudiation of an external entity** belongs to those whose actions carry business
///   or legal weight: people acting under an account (a customer placing an order, an
///   administrator) and partner organisations or third-party services (a supplier
///   uploading, a payment provider confirming). An anonymous visitor, a browser, a device,
///   a platform component (a kubelet, an API server), a file system, a stream of data or
///   a stand-in for a loose end has nothing to deny: it is no party ([`can_deny`]).
/// - **Spoofing a file system** drawn as an external entity: it sends no requests; what
///   it holds is read (who can change it is the question, asked of the process reading).
/// - **Spoofing and repudiation of an entity that sends nothing into the system** (an
///   SMS gateway whose only flow out goes to the customer): nothing it says could be
///   forged or denied here; what is sent to it is asked on those flows.
/// - **Spoofing and repudiation of a trust boundary drawn as an entity** ("Image Trust
///   Boundary"): a line on the drawing, no party.
/// - **Client software on its user's side** (a browser front end, a mobile app, a CLI):
///   its user starts it on their own machine, so nobody reaches it over a network to be
///   fooled by an impostor (spoofing); it keeps no records anyone relies on, serves no one
///   to be flooded, and grants nothing its user could not do anyway (repudiation, denial
///   of service and elevation belong to the servers it calls, and are asked there). What
///   its code could be made to do and what it could reveal are still asked.
/// - **Availability and repudiation of a browser-side store** (cookies, local or session
///   storage, a browser's cache, [`client_store`]): nothing on a server depends on it
///   being there, and it is no log; what matters is which scripts can read it and who
///   can change it, which is asked.
pub(in crate::analysis) fn does_not_apply(ef: &ElementFacts<'_>) -> u8 {
    match ef.element.kind() {
        ElementKind::ExternalEntity => {
            let mut na = 0;
            if !can_deny(ef) {
                na |= cell(Stride::Repudiation);
            }
            if ef.cues & cue::LOCAL_FILES != 0 {
                na |= cell(Stride::Spoofing);
            }
            // It sends nothing into the system ("SMS gateway" → "Customer"): nothing it
            // says could be forged or denied here; what is sent to it is asked on those
            // flows.
            if ef.outputs_inward == 0 {
                na |= cell(Stride::Spoofing) | cell(Stride::Repudiation);
            }
            if drawn_boundary(ef) {
                na |= cell(Stride::Spoofing) | cell(Stride::Repudiation);
            }
            na
        }
        ElementKind::Process if users_own_software(ef) => {
            cell(Stride::Spoofing)
                | cell(Stride::Repudiation)
                | cell(Stride::DenialOfService)
                | cell(Stride::ElevationOfPrivilege)
        }
        ElementKind::DataStore if client_store(ef) => {
            cell(Stride::DenialOfService) | cell(Stride::Repudiation)
        }
        _ => 0,
    }
}

/// An external entity that stands for a trust boundary ("Image Trust Boundary"): a line
/// on the drawing, not a party that sends or denies anything.
fn drawn_boundary(ef: &ElementFacts<'_>) -> bool {
    name_contains(&ef.element.name, &["trust boundary"])
}

/// Whether a name (its white space folded, its case ignored) contains one of `words`,
/// without a copy when it needs no folding: asked on every question of every connection.
fn name_contains(name: &str, words: &[&str]) -> bool {
    let ci = |hay: &str, w: &str| {
        hay.as_bytes()
            .windows(w.len())
            .any(|x| x.eq_ignore_ascii_case(w.as_bytes()))
    };
    if name.contains(|c: char| c.is_whitespace() && c != ' ') || name.contains("  ") {
        let clean = crate::analysis::vocab::clean_name(name);
        words.iter().any(|w| ci(&clean, w))
    } else {
        words.iter().any(|w| ci(name, w))
    }
}

/// Whether an external entity can later deny what it did: a person acting under an
/// account, an administrator, a partner organisation or a third-party service — not an
/// anonymous visitor, a browser, a device, a system component, an identity provider or a
/// stand-in (see [`does_not_apply`]).
pub(in crate::analysis) fn can_deny(ef: &ElementFacts<'_>) -> bool {
    if ef.element.kind() != ElementKind::ExternalEntity
        || ef.stand_in()
        || ef.anonymous()
        || ef.cues & cue::LOCAL_FILES != 0
        || drawn_boundary(ef)
    {
        return false;
    }
    let kind = ef.caller_kind();
    if kind & (caller::ANONYMOUS | caller::DEVICE | caller::IDP) != 0 {
        return false;
    }
    // A person by flag or by name: an entity nothing says is a person ("Environment data",
    // "Update authentication credentials") is not taken for one.
    let human = matches!(&ef.element.props,
        ElementProps::ExternalEntity(p) if p.actor == crate::model::Actor::Human)
        || ef.name_cues & (cue::HUMAN | cue::ADMIN) != 0;
    (kind & (caller::PERSON | caller::ADMIN) != 0 && human)
        || kind & (caller::PARTNER | caller::THIRD_PARTY) != 0
}

/// Software on its user's own side: a browser or front end, a mobile or desktop app, a
/// command-line tool — not a server, service, API or backend named after its front end
/// ("Frontend server", "Mobile API").
fn users_own_software(ef: &ElementFacts<'_>) -> bool {
    ef.element.kind() == ElementKind::Process
        && ef.name_cues & (cue::CLIENT | cue::BROWSER | cue::LOCAL_TOOL) != 0
        && ef.name_cues & (cue::API | cue::SYSTEM) == 0
        && !ef.db_engine()
}

/// Words that name a store kept in the user's browser or app.
const CLIENT_STORE_WORDS: &[&str] = &[
    "cookie",
    "local storage",
    "localstorage",
    "session storage",
    "sessionstorage",
    "web storage",
    "indexeddb",
    "browser cache",
    "browser storage",
    "keychain",
];

/// A store kept on the user's side, in their browser or app (cookies, local or session
/// storage, a browser's cache): typed so, or named so.
pub(in crate::analysis) fn client_store(ef: &ElementFacts<'_>) -> bool {
    let ElementProps::DataStore(p) = &ef.element.props else {
        return false;
    };
    if p.store_type == crate::model::StoreType::Cookie {
        return true;
    }
    name_contains(&ef.element.name, CLIENT_STORE_WORDS)
        || (ef.own_name_cues & cue::BROWSER != 0 && name_contains(&ef.element.name, &["stor"]))
}

/// Whether flow `fi` stays on one machine or in one process, so nothing can read, alter
/// or block it "on the way": a person at their own screen (the engine's `local`), a
/// person and the browser, app or CLI they use, a browser or app and its own store
/// (cookies, local storage), or a hop the model calls in-process ("in-process", "same
/// process", "method call": on the flow, or one end's description saying so of the other,
/// with no boundary between them).
pub(in crate::analysis) fn local_hop(scene: &Scene<'_>, fi: usize) -> bool {
    let (diagram, facts, efacts) = (scene.diagram, &scene.facts.flows, &scene.facts.elements);
    let flow = &diagram.flows[fi];
    if facts[fi].local {
        return true;
    }
    let Some((s, t)) = flow_ends(&scene.facts.index, flow) else {
        return false;
    };
    let (a, b) = (&efacts[s], &efacts[t]);
    let person = |e: &ElementFacts<'_>| {
        e.element.kind() == ElementKind::ExternalEntity
            && !e.stand_in()
            && e.caller_kind() & (caller::PEOPLE) != 0
    };
    // A browser drawn as an actor ("Chrome") is the user's own software too.
    let own = |e: &ElementFacts<'_>| {
        users_own_software(e)
            || (e.element.kind() == ElementKind::ExternalEntity && e.name_cues & cue::BROWSER != 0)
    };
    if (person(a) && own(b)) || (person(b) && own(a)) {
        return true;
    }
    if (own(a) && client_store(b)) || (own(b) && client_store(a)) {
        return true;
    }
    let said = |text: &str| {
        let text = text.to_lowercase();
        IN_PROCESS_WORDS.iter().any(|w| text.contains(w))
    };
    // An element whose description says it runs in the same process as the other one,
    // by name ("a filter in the same process as the Login Filter").
    let names_other = |x: &ElementFacts<'_>, y: &ElementFacts<'_>| {
        let other = y.element.name.trim().to_lowercase();
        !other.is_empty()
            && said(&x.element.description)
            && x.element.description.to_lowercase().contains(&other)
    };
    said(&flow.protocol)
        || said(&flow.name)
        || said(&flow.description)
        || (a.element.kind() == ElementKind::Process
            && b.element.kind() == ElementKind::Process
            && facts[fi].crossed.is_empty()
            && (names_other(a, b) || names_other(b, a)))
}

/// Words that say a hop never leaves one process.
const IN_PROCESS_WORDS: &[&str] = &[
    "in-process",
    "in process",
    "inprocess",
    "same process",
    "same jvm",
    "method call",
    "function call",
    "in-memory call",
];

/// The cells of a connection answered before any rule is applied: by every flow's
/// transport, and by the authors' threats of its flows.
pub(in crate::analysis) fn connection_answered(
    scene: &Scene<'_>,
    cs: &ConnectionSubject<'_>,
) -> u8 {
    let (diagram, facts) = (scene.diagram, &scene.facts.flows);
    let conn = cs.conn;
    let mut covered = 0u8;
    // What every flow's transport answers: HTTPS answers "could it be read or altered on
    // the way?".
    let all = |f: fn(&crate::model::Flow, &FlowFacts) -> bool| {
        conn.flows
            .iter()
            .all(|&fi| f(&diagram.flows[fi], &facts[fi]))
    };
    if all(|f, ff| f.encrypted || ff.protocol.is_some_and(|p| p.encrypted)) {
        covered |= cell(Stride::InformationDisclosure);
    }
    if all(|f, ff| f.integrity_protected || ff.protocol.is_some_and(|p| p.integrity)) {
        covered |= cell(Stride::Tampering);
    }
    if conn.flows.iter().all(|&fi| local_hop(scene, fi)) {
        covered |= TRANSIT;
    }
    for &fi in &conn.flows {
        if let Some(manual) = scene.manual.get(diagram.flows[fi].id.as_str()) {
            for t in manual {
                if let Category::Stride(st) = t.category {
                    covered |= cell(st);
                }
            }
        }
    }
    covered
}

/// The baseline questions of a connection for the cells `covered` leaves open, into
/// `specific`. Asked of its first flow, in that flow's direction.
#[allow(clippy::too_many_arguments)]
pub(in crate::analysis) fn connection_questions(
    scene: &Scene<'_>,
    namer: &FlowNamer<'_, '_>,
    diagram_id: &Arc<str>,
    cs: &ConnectionSubject<'_>,
    variants: &mut [Variant],
    covered: u8,
    builder: &mut Builder<'_>,
    specific: &mut Vec<Finding>,
) {
    let (diagram, facts, efacts) = (scene.diagram, &scene.facts.flows, &scene.facts.elements);
    let (ends, kinds) = (&scene.exposure.ends, &scene.exposure.kinds);
    let conn = cs.conn;
    let (member_ids, pair_key, alternates) = (&cs.member_ids, &cs.pair_key, &cs.alternates);
    let all_flows_name = || flows_name(scene, conn, &mut conn.flows.iter().copied());
    let first = conn.flows[0];
    let flow = &diagram.flows[first];
    let (s, t) = ends[first];
    let multi = conn.flows.len() > 1;
    // Made when the first question is asked: most connections have none left.
    let mut checklist_subject: Option<Subject> = None;
    // A question asking several cells ("read or altered on the way?") is asked first, only
    // when all of them are open, and then answers them all.
    let mut covered = covered;
    if !cs.provider_internal {
        // Those asking several cells come first (`Rules::of`).
        let baselines = &scene.rules.flow_baselines;
        // A decision the team recorded on one of the cells' own questions keeps those
        // questions (and the decision) as they were.
        let key = pair_key.as_ref().unwrap_or(&member_ids[0]);
        let decided = |builder: &Builder<'_>, cells: u8| {
            baselines.iter().filter(|r| r.also.is_empty()).any(|r| {
                cells & cell(r.category) != 0
                    && builder.recorded(
                        &r.id,
                        std::iter::once(&**key).chain(alternates.iter().map(|a| &**a)),
                    )
            })
        };
        for rule in baselines {
            let cells = rule
                .also
                .iter()
                .fold(cell(rule.category), |c, s| c | cell(*s));
            if !rule.also.is_empty() && decided(builder, cells) {
                continue;
            }
            if covered & cells == 0
                && rule.kind_mask & (1 << (kinds[s] * 3 + kinds[t])) != 0
                && rule.cond.eval(&Env {
                    element: None,
                    flow: Some((flow, &facts[first])),
                    source: Some(&efacts[s]),
                    target: Some(&efacts[t]),
                })
            {
                let subject = checklist_subject.get_or_insert_with(|| {
                    // The names a specific finding of the same flow and direction already
                    // made, if they carry the context sentence.
                    let shared = variants
                        .iter_mut()
                        .find(|(k, _)| *k == (0, false, multi))
                        .map(|(_, v)| &mut v.0.names);
                    let names = match shared {
                        Some(n) if !n.context.is_empty() => n.clone(),
                        shared => {
                            let made = Arc::new(namer.names(
                                flow,
                                &facts[first],
                                (s, t),
                                multi.then(all_flows_name),
                                true,
                            ));
                            if let Some(n) = shared {
                                *n = made.clone();
                            }
                            made
                        }
                    };
                    // Asked of the whole connection: what all its flows carry.
                    let names = if multi {
                        let flows: Vec<_> = conn
                            .flows
                            .iter()
                            .map(|&fi| (&diagram.flows[fi], &facts[fi]))
                            .collect();
                        let mut n = (*names).clone();
                        n.context = namer.connection_context(&flows, (s, t));
                        Arc::new(n)
                    } else {
                        names
                    };
                    Subject {
                        id: member_ids[0].clone(),
                        key: pair_key.clone().unwrap_or_else(|| member_ids[0].clone()),
                        alternates: alternates.clone(),
                        kind: SubjectKind::Flow,
                        names,
                        diagram: diagram_id.clone(),
                        flows: Arc::from(member_ids.clone()),
                    }
                });
                specific.push(builder.make(rule, subject, &Assessment::checklist()));
                covered |= cells;
            }
        }
    }
}

/// The baseline questions of element `i` for the cells `covered` leaves open, into
/// `found` (after its threats), at most [`MAX_QUESTIONS`] of them.
#[allow(clippy::too_many_arguments)]
pub(in crate::analysis) fn element_questions(
    scene: &Scene<'_>,
    i: usize,
    subject: &mut Subject,
    env: &Env<'_, '_>,
    covered: u8,
    builder: &mut Builder<'_>,
    found: &mut Vec<Finding>,
) {
    let (efacts, element_names) = (&scene.facts.elements, &scene.facts.element_names);
    let kind = efacts[i].element.kind();
    let rules = &scene.rules.by_kind[usize::from(super::super::facts::kind_index(kind))];
    for rule in rules.iter().filter(|r| r.baseline) {
        if covered & cell(rule.category) == 0 && rule.cond.eval(env) {
            with_element_context(subject, efacts, element_names, i);
            found.push(builder.make(rule, subject, &Assessment::checklist()));
        }
    }
}

/// The checklist asks each question once: questions worded the same (the same flows drawn
/// in two diagrams, two elements of one name) are one question, listed where it is first
/// asked and about every place (`also_on`), so each place's cell is still answered. A
/// question with a decision of its own stays listed with it. Like
/// `super::merge::merge_repeats`, after which it runs over the whole project, it applies to
/// the questions whose rule merges its repeats (`merge`): a catalogue without merging
/// lists every finding it makes.
fn ask_once(findings: &mut Vec<Finding>) {
    super::merge::list_once(
        findings,
        |f| {
            f.baseline
                && f.rule.as_ref().is_some_and(|r| r.merge != Merge::No)
                && f.record.is_blank()
        },
        |_, _| true,
    );
}

/// The id of the catalogue's question that asks, in one sentence, what is left to ask of
/// an element beyond its first questions (see [`fold_lone`]).
pub(in crate::analysis) const MORE_RULE: &str = "stride.more";

/// Checklist questions an element is asked on its own at most; the rest are asked in the
/// last one, a real question naming them ("Could X also … or …?").
pub(in crate::analysis) const MAX_QUESTIONS: usize = 3;

/// What the checklist lists once every diagram is done, so a workshop can walk it: each
/// question once ([`ask_once`]), and at most [`MAX_QUESTIONS`] on any one element
/// ([`fold_lone`]). Runs after `super::merge::merge_repeats`, which already asks a
/// template once per diagram, naming its places.
pub(in crate::analysis) fn walkable(
    project: &Project,
    catalogue: &Catalogue,
    findings: &mut Vec<Finding>,
) {
    ask_once(findings);
    if let Some(more) = catalogue.rule(MORE_RULE).filter(|r| r.baseline) {
        fold_lone(project, more, findings);
    }
}

/// Which of an element's own questions come first: for a process, what a caller can make
/// it do, who could pose as it and what it reveals; for a store, who can change and read
/// it (what the blind reviews in `docs/reviews/` found worth asking first).
fn question_rank(kind: SubjectKind, c: &Category) -> u8 {
    let Category::Stride(s) = c else {
        return u8::MAX;
    };
    let order: &[Stride] = match kind {
        SubjectKind::Process => &[
            Stride::ElevationOfPrivilege,
            Stride::Spoofing,
            Stride::InformationDisclosure,
            Stride::Tampering,
            Stride::DenialOfService,
            Stride::Repudiation,
        ],
        SubjectKind::DataStore => &[
            Stride::Tampering,
            Stride::InformationDisclosure,
            Stride::DenialOfService,
            Stride::Repudiation,
        ],
        _ => &[Stride::Spoofing, Stride::Repudiation],
    };
    order
        .iter()
        .position(|o| o == s)
        .map_or(u8::MAX - 1, |p| p as u8)
}

/// What a folded question asks of one cell, as the end of "Could X also …?".
fn also_phrase(kind: SubjectKind, s: Stride) -> &'static str {
    match (kind, s) {
        (SubjectKind::DataStore, Stride::Tampering) => "be changed by someone who should not",
        (SubjectKind::DataStore, Stride::InformationDisclosure) => {
            "be read by someone who should not"
        }
        (SubjectKind::DataStore, Stride::DenialOfService) => "be full, locked or lost",
        (SubjectKind::DataStore, Stride::Repudiation) => "have its entries altered or removed",
        (SubjectKind::ExternalEntity, Stride::Spoofing) => "be impersonated",
        (SubjectKind::ExternalEntity, Stride::Repudiation) => "deny what it did",
        (_, Stride::Spoofing) => "be impersonated to its callers",
        (_, Stride::Tampering) => "run altered code or configuration",
        (_, Stride::Repudiation) => "act without a record of who asked",
        (_, Stride::InformationDisclosure) => "reveal what should stay hidden",
        (_, Stride::DenialOfService) => "be stopped or flooded",
        (_, Stride::ElevationOfPrivilege) => "be made to do more than its caller may",
    }
}

/// "a", "a or b", "a, b or c".
fn either(phrases: &[&str]) -> String {
    match phrases {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// Keeps each element's own questions (those about it alone: a template asked of several
/// places is the diagram's) to [`MAX_QUESTIONS`]: the first ones by [`question_rank`], and
/// one more that asks the rest as one real question ("Could Cluster also be stopped or
/// flooded, or act without a record of who asked?") and lists their full wording in its
/// text, so every STRIDE cell is still answered. Only questions of templates that merge
/// their repeats (`merge` in the catalogue), with no decision of their own, are folded: a
/// catalogue without merging lists every finding it makes.
fn fold_lone(project: &Project, more: &Arc<Rule>, findings: &mut Vec<Finding>) {
    let foldable = |f: &Finding| {
        f.baseline
            && f.subject_kind != SubjectKind::Flow
            && f.also_on.is_empty()
            && f.record.is_blank()
            && f.rule
                .as_ref()
                .is_some_and(|r| r.merge != Merge::No && &*r.id != MORE_RULE)
    };
    let mut by_subject: FxHashMap<(Arc<str>, Arc<str>), Vec<usize>> = FxHashMap::default();
    for (i, f) in findings.iter().enumerate() {
        if foldable(f) {
            by_subject
                .entry((f.diagram.clone(), f.subject_arc().clone()))
                .or_default()
                .push(i);
        }
    }
    let mut gone = vec![false; findings.len()];
    let mut any = false;
    for (_, mut members) in by_subject {
        if members.len() <= MAX_QUESTIONS {
            continue;
        }
        any = true;
        let kind = findings[members[0]].subject_kind;
        members.sort_by_key(|&i| (question_rank(kind, &findings[i].category), i));
        let rest: Vec<usize> = members[MAX_QUESTIONS - 1..].to_vec();
        let phrases: Vec<&str> = rest
            .iter()
            .filter_map(|&i| match findings[i].category {
                Category::Stride(s) => Some(also_phrase(kind, s)),
                Category::Other(_) => None,
            })
            .collect();
        let first = &findings[rest[0]];
        let mut names = (*first.names).clone();
        let mut text = String::from(&*names.context);
        text.push_str(if text.is_empty() { "Ask:" } else { " Ask:" });
        for &i in &rest {
            text.push(' ');
            text.push_str(&findings[i].title);
        }
        names.context = Arc::from(text);
        let key = ThreatKey::new(more.id.clone(), first.subject_id().clone());
        let record = project.threats.get(&key).cloned().unwrap_or_default();
        let mut folded = first.clone();
        folded.title = format!("Could {} also {}?", names.subject, either(&phrases));
        folded.names = Arc::new(names);
        folded.rule = Some(more.clone());
        folded.severity = record.severity.unwrap_or(folded.computed_severity);
        folded.record = Arc::new(record);
        folded.key = key;
        let at = rest[0];
        for &i in &rest {
            gone[i] = true;
        }
        gone[at] = false;
        findings[at] = folded;
    }
    if !any {
        return;
    }
    let mut i = 0;
    findings.retain(|_| {
        i += 1;
        !gone[i - 1]
    });
}

#[cfg(test)]
mod tests;
