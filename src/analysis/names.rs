//! How findings name things: names as a reader sees them, boundaries by what they are,
//! flows by their ends when they have no name of their own, and the context sentence
//! ("Shop API is a process (Django 4), reachable from the internet, handling payments.")
//! that checklist questions and some rules use.

use std::sync::Arc;

use super::facts::{ElementFacts, FlowFacts};
use super::severity::impact_of_element;
use super::{NameList, Names};
use crate::model::{DataClass, Diagram, ElementKind, Project};

/// How each boundary is named in findings: "the “Shop VPC” boundary"; an unnamed region
/// by what it encloses, an unnamed line as such.
pub(super) fn boundary_phrases(
    project: &Project,
    diagram: &Diagram,
    element_names: &[Arc<str>],
) -> Vec<Arc<str>> {
    diagram
        .boundaries
        .iter()
        .map(|b| {
            let name = super::vocab::clean_name(&b.name);
            if !name.is_empty() {
                return Arc::from(format!("the “{name}” boundary"));
            }
            let members = super::context::region_members(
                project,
                diagram,
                b,
                super::context::REGION_NAMED_BY,
            );
            match members {
                Some(inside) if inside.is_empty() => Arc::from("an unnamed trust boundary"),
                Some(inside) => {
                    let names: Vec<&str> = inside.iter().map(|&i| &*element_names[i]).collect();
                    Arc::from(format!("the boundary around {}", names.join(", ")))
                }
                None => Arc::from("an unnamed boundary line"),
            }
        })
        .collect()
}

/// The name of a finding that stands for several flows between two elements: the flows'
/// own names and both ends ("Order request; Order response (Browser ↔ Shop API)"; past four
/// names, the first three and how many more), or the ends alone when no flow has a name.
pub(super) fn connection_name<'n>(
    flows: impl Iterator<Item = &'n str>,
    a: &str,
    b: &str,
) -> Arc<str> {
    let mut names: Vec<String> = Vec::new();
    for name in flows {
        let name = super::vocab::clean_name(name);
        if !name.is_empty() && !names.contains(&name) {
            names.push(name);
        }
    }
    // Titles stay readable: three names, then how many more.
    const SHOWN: usize = 3;
    match names.len() {
        0 => Arc::from(format!("{a} ↔ {b}")),
        n if n <= SHOWN + 1 => Arc::from(format!("{} ({a} ↔ {b})", names.join("; "))),
        n => Arc::from(format!(
            "{} and {} more ({a} ↔ {b})",
            names[..SHOWN].join("; "),
            n - SHOWN
        )),
    }
}

/// What a diagram's flow findings are named with: its element and boundary names.
pub(super) struct FlowNamer<'d, 'e> {
    pub element_names: &'d [Arc<str>],
    pub boundary_names: &'d [Arc<str>],
    pub any_boundary: Arc<str>,
    pub diagram_name: Arc<str>,
    pub efacts: &'d [ElementFacts<'e>],
    /// Each element's (callers, people, members) once named: many flows share an end.
    pub callers_memo:
        std::cell::RefCell<rustc_hash::FxHashMap<usize, (NameList, NameList, NameList)>>,
}

impl FlowNamer<'_, '_> {
    /// The names of one flow finding, the flow read from `from` to `to`. `connection`
    /// names the finding after both ends when it stands for several flows; the context
    /// sentence is built only `with_context`.
    pub(super) fn names(
        &self,
        flow: &crate::model::Flow,
        ff: &FlowFacts,
        (from, to): (usize, usize),
        connection: Option<Arc<str>>,
        with_context: bool,
    ) -> Names {
        let FlowNamer {
            element_names,
            boundary_names,
            any_boundary,
            diagram_name,
            efacts,
            callers_memo: _,
        } = self;
        let own = super::vocab::clean_name(&flow.name);
        let subject: Arc<str> = match connection {
            Some(c) => c,
            None if own.is_empty() => {
                Arc::from(format!("{} → {}", element_names[from], element_names[to]))
            }
            // A flow named after its protocol ("HTTPS") or by the tool's default ("Data
            // Flow", "flow 7") is called by its ends: two such flows read the same.
            None if ff.named_as_protocol || super::vocab::generic_flow_name(&own) => Arc::from(
                format!("{} → {} ({own})", element_names[from], element_names[to]),
            ),
            None => Arc::from(own),
        };
        let boundary = ff
            .crossed
            .first()
            .map_or_else(|| any_boundary.clone(), |i| boundary_names[*i].clone());
        let protocol: Arc<str> = match (&ff.protocol, flow.protocol.trim()) {
            (_, p) if !p.is_empty() => Arc::from(p),
            (Some(p), _) => Arc::from(p.name),
            (None, _) => Arc::from("its protocol"),
        };
        let (callers, people, members, data) = if with_context {
            // The callers that matter for a flow are those of its exposed end.
            let end = if efacts[from].callers != 0 || efacts[to].callers == 0 {
                from
            } else {
                to
            };
            let (callers, people, members) = self
                .callers_memo
                .borrow_mut()
                .entry(end)
                .or_insert_with(|| callers_and_people(efacts, element_names, end))
                .clone();
            (
                callers,
                people,
                members,
                Arc::from(data_text(efacts[from].data | efacts[to].data | ff.cues)),
            )
        } else {
            (
                NameList::default(),
                NameList::default(),
                NameList::default(),
                Arc::default(),
            )
        };
        let context = if with_context {
            flow_context(
                flow,
                ff,
                &element_names[from],
                &element_names[to],
                &boundary,
                efacts,
                from,
                to,
                None,
            )
        } else {
            String::new()
        };
        Names {
            subject,
            source: element_names[from].clone(),
            target: element_names[to].clone(),
            boundary,
            protocol,
            diagram: diagram_name.clone(),
            context: Arc::from(context),
            callers,
            people,
            members,
            data,
            rules: Arc::default(),
            places: None,
        }
    }
}

impl FlowNamer<'_, '_> {
    /// The context sentence of a finding for several flows of one connection, read from
    /// `from` to `to`: the first flow's, with the data all of them carry.
    pub(super) fn connection_context(
        &self,
        flows: &[(&crate::model::Flow, &FlowFacts)],
        (from, to): (usize, usize),
    ) -> Arc<str> {
        let Some(&(flow, ff)) = flows.first() else {
            return Arc::from("");
        };
        let boundary = ff.crossed.first().map_or_else(
            || self.any_boundary.clone(),
            |i| self.boundary_names[*i].clone(),
        );
        let data = connection_data(flows.iter().copied());
        Arc::from(flow_context(
            flow,
            ff,
            &self.element_names[from],
            &self.element_names[to],
            &boundary,
            self.efacts,
            from,
            to,
            Some(&data),
        ))
    }
}

/// The caller kinds `{people}` names: people, and partner organisations acting through
/// their systems.
pub(super) const PEOPLE_CALLERS: u16 = super::facts::caller::PEOPLE | super::facts::caller::PARTNER;

/// The caller kinds `{callers}` names: all but the data sources, which call nobody.
pub(super) const CALLERS: u16 = !super::facts::caller::SOURCE;

/// Which of an element's callers a list names.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Who {
    /// `{callers}`: all of them.
    Callers,
    /// `{people}`: people and partners.
    People,
    /// `{members}`: people and partners with an account of some kind, not the anonymous
    /// public beside them: visitors have no password to steal, no objects of their own and
    /// no trail of their own. Where only they call, they are named all the same.
    Members,
}

impl Who {
    fn mask(self) -> u16 {
        match self {
            Who::Callers => CALLERS,
            Who::People | Who::Members => PEOPLE_CALLERS,
        }
    }

    fn wants(self, kind: u16) -> bool {
        kind & self.mask() != 0
            && !(self == Who::Members && super::facts::caller::anonymous_only(kind))
    }
}

/// [`callers_text`] for all callers, for the people among them and for the members among
/// those, each made once when it names the same callers as the one before (most often it
/// does).
pub(super) fn callers_and_people(
    efacts: &[ElementFacts<'_>],
    names: &[Arc<str>],
    i: usize,
) -> (NameList, NameList, NameList) {
    use super::facts::caller;
    let ef = &efacts[i];
    let kinds = |c: &u32| efacts[*c as usize].caller_kind();
    let same = if ef.callers != 0 {
        // The same members pass both filters, or none passes the people's (then all).
        let people = ef
            .via
            .iter()
            .filter(|c| kinds(c) & PEOPLE_CALLERS != 0)
            .count();
        let callers = ef.via.iter().filter(|c| kinds(c) & CALLERS != 0).count();
        (people == ef.via.len() || (people == 0 && ef.front & PEOPLE_CALLERS == 0))
            && (callers == ef.via.len() || callers == 0)
    } else if ef.behind != 0 {
        ef.behind & PEOPLE_CALLERS == ef.behind & CALLERS
            || (ef.behind & PEOPLE_CALLERS == 0 && ef.behind & CALLERS == ef.behind)
    } else {
        true
    };
    let callers = callers_text(efacts, names, i, Who::Callers);
    let people = if same {
        callers.clone()
    } else {
        callers_text(efacts, names, i, Who::People)
    };
    let anonymous = ef.via.iter().any(|c| kinds(c) & caller::ANONYMOUS != 0)
        || (ef.front | ef.behind) & caller::ANONYMOUS != 0;
    let members = if anonymous {
        callers_text(efacts, names, i, Who::Members)
    } else {
        people.clone()
    };
    (callers, people, members)
}

/// Who calls element `i` from outside, by name and kind: "Customer (signed-in user) and
/// Admin (administrator)"; for an element one hop in, "the callers of Shop API
/// (signed-in user)"; else "callers of Shop API". Only the callers `who` names are named,
/// unless none is: then, for the members, the people; else all of them.
pub(super) fn callers_text(
    efacts: &[ElementFacts<'_>],
    names: &[Arc<str>],
    i: usize,
    who: Who,
) -> NameList {
    use super::facts::caller;
    let ef = &efacts[i];
    let only = who.mask();
    // The bits of `bits` this list names: for the members, the people's when none is one.
    let named = |bits: u16| -> u16 {
        match bits & only {
            b if who == Who::Members && b & !caller::ANONYMOUS != 0 => b & !caller::ANONYMOUS,
            b => b,
        }
    };
    let wanted = |c: &u32| who.wants(efacts[*c as usize].caller_kind());
    let kinds = |bits: u16| -> NameList {
        let mut labels: Vec<Arc<str>> = Vec::new();
        for b in (0..16).map(|b| 1u16 << b).filter(|b| bits & b != 0) {
            let l: Arc<str> = Arc::from(format!("{}s", caller::label(b)));
            if !labels.contains(&l) {
                labels.push(l);
            }
        }
        NameList::new(labels)
    };
    if ef.callers != 0 {
        // Real actors first; the stand-ins an importer put at loose flow ends last.
        let mut via: Vec<u32> = ef.via.iter().copied().filter(wanted).collect();
        if via.is_empty() && who == Who::Members {
            via = ef
                .via
                .iter()
                .copied()
                .filter(|c| Who::People.wants(efacts[*c as usize].caller_kind()))
                .collect();
        }
        if via.is_empty() && ef.front & only != 0 && who != Who::Callers {
            // Only a provider calls it directly (a payment provider's webhook), and the
            // people it serves come through the services in front: name them.
            let phrase = format!(
                "the {} reaching it through the services in front",
                kinds(named(ef.front)).text()
            );
            return NameList::new(vec![Arc::from(phrase)]);
        }
        if via.is_empty() {
            via = ef.via.clone();
        }
        via.sort_by_key(|&c| efacts[c as usize].stand_in());
        NameList::new(
            via.iter()
                .map(|&c| {
                    let c = c as usize;
                    Arc::from(format!(
                        "{} ({})",
                        names[c],
                        caller::label(efacts[c].caller_kind())
                    ))
                })
                .collect(),
        )
    } else if ef.behind != 0 {
        let entries = NameList::new(ef.via.iter().map(|&c| names[c as usize].clone()).collect());
        let behind = if ef.behind & only != 0 {
            named(ef.behind)
        } else {
            ef.behind
        };
        let phrase = format!(
            "the callers of {} ({})",
            entries.text(),
            kinds(behind).text()
        );
        NameList::new(vec![Arc::from(phrase)])
    } else {
        NameList::new(vec![Arc::from(format!("callers of {}", names[i]))])
    }
}

/// The kinds of data named by [`super::vocab::cue`] bits: "credentials and personal data";
/// "its data" when none is named.
pub(super) fn data_text(bits: u64) -> String {
    use super::vocab::cue;
    let kinds = [
        (cue::CREDENTIALS, "credentials"),
        (cue::SECRETS, "keys and secrets"),
        (cue::CARD | cue::PAYMENT, "payment data"),
        (cue::HEALTH, "health data"),
        (cue::PERSONAL, "personal data"),
        (cue::LOGS, "logs"),
    ];
    let names: Vec<&str> = kinds
        .iter()
        .filter(|(b, _)| bits & b != 0)
        .map(|(_, n)| *n)
        .collect();
    match names.len() {
        0 => "its data".to_owned(),
        1 => names[0].to_owned(),
        n => format!("{} and {}", names[..n - 1].join(", "), names[n - 1]),
    }
}

/// What the model says about a flow, as a sentence for checklist questions.
#[allow(clippy::too_many_arguments)]
pub(super) fn flow_context(
    flow: &crate::model::Flow,
    ff: &FlowFacts,
    from: &str,
    to: &str,
    boundary: &str,
    efacts: &[ElementFacts<'_>],
    s: usize,
    t: usize,
    data: Option<&str>,
) -> String {
    let mut out = String::with_capacity(128);
    for part in ["It goes from ", from, " to ", to] {
        out.push_str(part);
    }
    let protocol = match &ff.protocol {
        Some(p) => p.name,
        None => flow.protocol.trim(),
    };
    if !protocol.is_empty() {
        out.push_str(" over ");
        out.push_str(protocol);
    }
    if ff.crosses() {
        out.push_str(", crossing ");
        out.push_str(boundary);
    } else {
        out.push_str(", inside one trust zone");
    }
    let data = match data {
        Some(d) => d.to_owned(),
        None => data_phrase(flow, ff),
    };
    if !data.is_empty() {
        out.push_str(", carrying ");
        out.push_str(&data);
    }
    if efacts[s].third_party || efacts[t].third_party {
        out.push_str(", to or from a third party");
    }
    out.push('.');
    out
}

pub(super) fn data_phrase(flow: &crate::model::Flow, ff: &FlowFacts) -> String {
    data_phrase_of(flow.classification, ff.cues)
}

/// What several flows of one connection carry together: each kind of data any of them
/// carries, and the most sensitive classification.
pub(super) fn connection_data<'f>(
    flows: impl Iterator<Item = (&'f crate::model::Flow, &'f FlowFacts)>,
) -> String {
    let (mut class, mut cues) = (DataClass::Unspecified, 0);
    for (flow, ff) in flows {
        cues |= ff.cues;
        class = class.max(flow.classification);
    }
    data_phrase_of(class, cues)
}

fn data_phrase_of(classification: DataClass, cues: u64) -> String {
    use super::vocab::cue;
    let mut kinds: Vec<&str> = Vec::new();
    if cues & cue::CARD != 0 {
        kinds.push("card data");
    }
    if cues & cue::CREDENTIALS != 0 {
        kinds.push("credentials");
    }
    if cues & cue::HEALTH != 0 {
        kinds.push("health data");
    } else if cues & cue::PERSONAL != 0 {
        kinds.push("personal data");
    }
    match classification {
        DataClass::Secret => kinds.push("secret data"),
        DataClass::Confidential if kinds.is_empty() => kinds.push("confidential data"),
        _ => {}
    }
    kinds.join(" and ")
}

/// What the model says about an element, as a sentence for checklist questions.
pub(super) fn element_context(ef: &ElementFacts<'_>, name: &str) -> String {
    let e = ef.element;
    let kind = match e.kind() {
        ElementKind::Process => "a process",
        ElementKind::DataStore => "a data store",
        ElementKind::ExternalEntity => "an external entity",
    };
    let tech = e.technology.trim();
    let mut s = if tech.is_empty() {
        format!("{name} is {kind}")
    } else {
        format!("{name} is {kind} ({tech})")
    };
    if ef.reached_from_internet {
        s.push_str(", reachable from the internet");
    } else if ef.reached_across_boundary {
        s.push_str(", reached across a trust boundary");
    } else if e.kind() != ElementKind::ExternalEntity {
        s.push_str(", reached only from inside its trust zone");
    }
    let (_, reasons) = impact_of_element(ef);
    if !reasons.is_empty() {
        s.push_str(", handling ");
        for (i, word) in reasons.words().enumerate() {
            if i > 0 {
                s.push_str(" and ");
            }
            s.push_str(word);
        }
    }
    s.push('.');
    // What comes in from outside, by the names the model gives it.
    if let Some((last, rest)) = ef.entries.split_last() {
        s.push_str(" Outside callers send it “");
        for (i, flow) in rest.iter().enumerate() {
            if i > 0 {
                s.push_str("”, “");
            }
            s.push_str(flow);
        }
        if !rest.is_empty() {
            s.push_str("” and “");
        }
        s.push_str(last);
        s.push_str("”.");
    }
    s
}
