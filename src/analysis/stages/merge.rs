//! After the authors' threats are folded in: one threat said in several places is listed
//! once. A rule stamped on each service behind one gateway, injection into one store
//! through each service in front of it, cross-site scripting in a server and the stored
//! kind rendered by the same server — a reader counts each of these as one threat written
//! several times (the blind reviews in `docs/reviews/` marked the repeats DUPLICATE).
//! Checklist questions merge the same way: one "what if these flows were blocked?" per
//! diagram instead of one per flow. Which rules merge, and on what, is the catalogue's data
//! (`merge`, `merge_group`: [`super::super::catalogue::Merge`]).
//!
//! The merged threat is the group's most severe by the rules (of equals, the one with the
//! smallest key, whatever the diagram's order): its title names every place, it is about
//! every subject (badges, selection and the corpus evaluation see each), and the others
//! are listed under it with their keys. Its own key is the rule's and the anchor's (the
//! element the places share, or the diagram), so a decision on it covers every place and
//! stays when places are added or removed; a decision recorded on one member before the
//! merge keeps that member listed on its own, with its decision.

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::super::catalogue::{AppliesTo, Merge};
use super::super::{AlsoRaised, Finding, NameList, Names, SubjectKind};
use crate::model::{Project, SubjectId, ThreatKey};

/// A merge group: the diagram (none where an element of a project of several diagrams
/// anchors it), the rule's merge group and the anchor (the element's first drawing, the
/// element, or the diagram's id), borrowed.
type Group<'a> = (&'a str, &'a str, &'a str);

/// Names a merged threat lists before "and N more".
const NAMES_SHOWN: usize = 4;

/// "A", "A and B", "A, B and C", "A, B, C, D and 3 more".
fn joined(names: &[&Arc<str>]) -> Arc<str> {
    match names {
        [] => Arc::from(""),
        [one] => (*one).clone(),
        _ if names.len() > NAMES_SHOWN => {
            let head: Vec<&str> = names[..NAMES_SHOWN].iter().map(|s| &***s).collect();
            Arc::from(format!(
                "{} and {} more",
                head.join(", "),
                names.len() - NAMES_SHOWN
            ))
        }
        [rest @ .., last] => {
            let head: Vec<&str> = rest.iter().map(|s| &***s).collect();
            Arc::from(format!("{} and {last}", head.join(", ")))
        }
    }
}

/// Flow id → (source id, target id), and element id → its name as drawn.
struct Ends<'p> {
    flows: FxHashMap<&'p str, (&'p str, &'p str)>,
    names: FxHashMap<&'p str, &'p str>,
    /// Where the project has several diagrams: each element's id → the id of its first
    /// drawing (`super::facts::drawing_key`), so an element drawn in several diagrams is
    /// one anchor. Empty for one diagram.
    first_drawing: FxHashMap<&'p str, &'p str>,
}

/// For a project of several diagrams, each element's id → the id of the first drawing of
/// the same element (itself, for most).
fn first_drawings(project: &Project) -> FxHashMap<&str, &str> {
    if project.diagrams.len() < 2 {
        return FxHashMap::default();
    }
    let mut first: FxHashMap<_, &str> = FxHashMap::default();
    let mut out = FxHashMap::default();
    for e in project.diagrams.iter().flat_map(|d| &d.elements) {
        let id = e.id.as_str();
        let anchor = super::facts::drawing_key(e.kind(), &e.name)
            .map_or(id, |key| *first.entry(key).or_insert(id));
        out.insert(id, anchor);
    }
    out
}

impl<'p> Ends<'p> {
    fn new(project: &'p Project) -> Self {
        Self {
            flows: project
                .diagrams
                .iter()
                .flat_map(|d| &d.flows)
                .map(|f| (f.id.as_str(), (f.source.as_str(), f.target.as_str())))
                .collect(),
            names: project
                .diagrams
                .iter()
                .flat_map(|d| &d.elements)
                .map(|e| (e.id.as_str(), e.name.as_str()))
                .collect(),
            first_drawing: first_drawings(project),
        }
    }

    /// Whether `name` is the one findings give element `id` (cleaned as they clean it; a
    /// name that needs no cleaning is compared as drawn, without a copy).
    fn is_named(&self, id: &str, name: &str) -> bool {
        let drawn = self.names.get(id).copied().unwrap_or_default();
        drawn == name
            || (!super::super::vocab::is_clean_name(drawn)
                && super::super::vocab::clean_name(drawn) == name)
    }

    /// A flow's ends as the finding reads them: the drawn ends, swapped where the finding
    /// is about the flow's other direction (a two-way flow's answer: its `target` names the
    /// drawn source).
    fn of(&self, f: &Finding) -> Option<(&'p str, &'p str)> {
        let first = f.flows.first().map_or(f.subject(), |s| &**s);
        let &(source, target) = self.flows.get(first)?;
        let reversed =
            !self.is_named(target, &f.names.target) && self.is_named(source, &f.names.target);
        Some(if reversed {
            (target, source)
        } else {
            (source, target)
        })
    }
}

/// The id a finding's group is anchored on: the diagram, or the element the rule's merge
/// names (a flow finding's end). Borrowed from the finding or the project: grouping
/// thousands of findings allocates nothing.
fn anchor<'a>(f: &'a Finding, ends: &Ends<'a>) -> Option<&'a str> {
    let rule = f.rule.as_ref()?;
    match rule.merge {
        Merge::No => return None,
        Merge::Diagram => return Some(&f.diagram),
        _ => {}
    }
    if f.subject_kind != SubjectKind::Flow {
        return Some(f.subject_arc());
    }
    let (source, target) = ends.of(f)?;
    Some(match rule.merge {
        Merge::Source => source,
        Merge::Element if rule.covers_source && !rule.covers_target => source,
        _ => target,
    })
}

/// The distinct values of one name across the members, in their order (a set keeps it
/// linear: a diagram-wide merge can hold every flow of a 10,000-element diagram).
fn distinct<'a>(members: &[&'a Finding], pick: impl Fn(&'a Names) -> &'a Arc<str>) -> Arc<str> {
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    let mut order: Vec<&Arc<str>> = Vec::new();
    let mut last: Option<&Arc<str>> = None;
    for m in members {
        let v = pick(&m.names);
        // Members next to each other mostly share the very same name: no need to hash it.
        if last.is_some_and(|l| Arc::ptr_eq(l, v)) {
            continue;
        }
        last = Some(v);
        if !v.is_empty() && seen.insert(&**v) {
            order.push(v);
        }
    }
    joined(&order)
}

/// The name lists of `members` united: every name once, in the order met, read as one
/// list ("API Server (external system) and Kubelet (external system)").
fn united<'a>(members: &[&'a Finding], pick: impl Fn(&'a Names) -> &'a NameList) -> NameList {
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    let mut order: Vec<&Arc<str>> = Vec::new();
    let mut last: Option<&[Arc<str>]> = None;
    for m in members {
        let items = pick(&m.names).items();
        // The same list again (members share their callers' list): nothing new in it.
        if last.is_some_and(|l| std::ptr::eq(l, items)) {
            continue;
        }
        last = Some(items);
        for item in items {
            if !item.is_empty() && seen.insert(&**item) {
                order.push(item);
            }
        }
    }
    let text = joined(&order);
    NameList::with_text(order.into_iter().cloned().collect(), text)
}

/// Merges the generated threats (and checklist questions) of each merge group that say the
/// same in several places. Returns the keys of the decisions in `project` that merged
/// threats took up.
pub(in crate::analysis) fn merge_repeats(
    project: &Project,
    findings: &mut Vec<Finding>,
) -> Vec<ThreatKey> {
    let ends = Ends::new(project);
    let mut merged_into: Vec<Option<usize>> = vec![None; findings.len()];
    let mut merges: Vec<(usize, Vec<usize>, ThreatKey)> = Vec::new();
    {
        // Each group's anchor (the first member's element, or the diagram) and members.
        let mut groups: FxHashMap<Group<'_>, (&str, Vec<usize>)> = FxHashMap::default();
        // In the findings' order, so the merged threats come out the same on every run.
        let mut order: Vec<Group<'_>> = Vec::new();
        for (i, f) in findings.iter().enumerate() {
            if f.is_manual() {
                continue;
            }
            let (Some(rule), Some(anchor)) = (f.rule.as_ref(), anchor(f, &ends)) else {
                continue;
            };
            // An element drawn in several diagrams (a context and a detail diagram) is one
            // element: its threats merge across them. A diagram-wide merge stays in its
            // diagram.
            // (A one-diagram project's map is empty: nothing to hash per finding.)
            let drawn = (rule.merge != Merge::Diagram && !ends.first_drawing.is_empty())
                .then(|| ends.first_drawing.get(anchor))
                .flatten();
            let group = match drawn {
                None => (&*f.diagram, &*rule.merge_group, anchor),
                Some(first) => ("", &*rule.merge_group, *first),
            };
            let (_, members) = groups.entry(group).or_insert((anchor, Vec::new()));
            if members.is_empty() {
                order.push(group);
            }
            members.push(i);
        }
        for group in order {
            let Some((anchor, members)) = groups.remove(&group) else {
                continue;
            };
            // A threat decided on its own (before the merge) stays listed on its own, with
            // its decision; one whose key is the merged threat's is the merged threat.
            let undecided: Vec<usize> = members
                .into_iter()
                .filter(|&i| {
                    findings[i].record.is_blank() || &**findings[i].subject_arc() == anchor
                })
                .collect();
            if undecided.len() < 2 {
                continue;
            }
            // The most severe by the rules (not by a decision's override), then the smallest
            // key: the same one whatever the order of the diagram's elements.
            let Some(&primary) = undecided.iter().min_by(|&&a, &&b| {
                let (fa, fb) = (&findings[a], &findings[b]);
                fb.computed_severity
                    .cmp(&fa.computed_severity)
                    .then_with(|| fa.key.cmp(&fb.key))
            }) else {
                continue;
            };
            let ThreatKey::Rule { rule, .. } = &findings[primary].key else {
                continue;
            };
            let key = ThreatKey::Rule {
                rule: rule.clone(),
                subject: SubjectId::from_checked(if &**findings[primary].subject_arc() == anchor {
                    findings[primary].subject_arc().clone()
                } else {
                    Arc::from(anchor)
                }),
            };
            let others: Vec<usize> = undecided.into_iter().filter(|&i| i != primary).collect();
            for &o in &others {
                merged_into[o] = Some(primary);
            }
            merges.push((primary, others, key));
        }
    }
    let mut taken = Vec::new();
    if merges.is_empty() {
        return taken;
    }
    for (primary, others, key) in merges {
        let p = &findings[primary];
        let Some(rule) = p.rule.clone() else {
            continue;
        };
        // The names are joined across the members of the primary's own rule (another
        // rule's finding in the group may be about a flow where this one is about an
        // element), in the diagram's order; every member's subjects join the threat.
        let mut in_order: Vec<usize> = others.clone();
        in_order.push(primary);
        in_order.sort_unstable();
        let same_rule: Vec<&Finding> = in_order
            .iter()
            .map(|&i| &findings[i])
            .filter(|f| f.rule.as_ref().is_some_and(|r| r.id == rule.id))
            .collect();
        let mut names = (*p.names).clone();
        names.subject = distinct(&same_rule, |n| &n.subject);
        if matches!(rule.applies_to, AppliesTo::Flows) {
            names.source = distinct(&same_rule, |n| &n.source);
            names.target = distinct(&same_rule, |n| &n.target);
        }
        names.callers = united(&same_rule, |n| &n.callers);
        names.people = united(&same_rule, |n| &n.people);
        names.members = united(&same_rule, |n| &n.members);
        // What the model knows of one place is no sentence about all of them.
        if same_rule.iter().any(|f| f.names.context != p.names.context) {
            names.context = Arc::from("");
        }
        let title = rule.title.render(|ph| names.get(ph));
        // Listed under its own subject (the pane's group, the report's row): the title and
        // the description name every place.
        names.places = Some(std::mem::replace(
            &mut names.subject,
            p.names.subject.clone(),
        ));
        let mut also_on: Vec<Arc<str>> = p.also_on.to_vec();
        also_on.reserve(others.len());
        // One rule's findings are about distinct subjects, and a connection's flows belong
        // to it alone: where every member is the primary's rule's and none was merged
        // before, no subject can come twice and none needs hashing (a diagram-wide merge
        // holds thousands).
        let distinct_already = same_rule.len() == others.len() + 1
            && std::iter::once(primary)
                .chain(others.iter().copied())
                .all(|i| findings[i].also_on.is_empty());
        let mut known: FxHashSet<Arc<str>> = if distinct_already {
            FxHashSet::default()
        } else {
            p.subjects().cloned().collect()
        };
        let mut raised: Vec<AlsoRaised> = p.also_raised().to_vec();
        raised.reserve(others.len());
        for &o in &others {
            let f = &findings[o];
            for s in f.subjects() {
                if distinct_already || known.insert(s.clone()) {
                    also_on.push(s.clone());
                }
            }
            raised.push(AlsoRaised {
                key: f.key.clone(),
                title: f.title.clone(),
                severity: f.severity,
                status: f.record.status,
            });
        }
        let p = &mut findings[primary];
        p.names = Arc::new(names);
        p.title = title;
        p.also_on = Arc::from(also_on);
        p.also_raised = Some(raised.into_boxed_slice());
        if p.key != key {
            let record = project.threats.get(&key).cloned().unwrap_or_default();
            if !record.is_blank() {
                taken.push(key.clone());
            }
            p.severity = record.severity.unwrap_or(p.computed_severity);
            p.record = Arc::new(record);
            p.key = key;
        }
    }
    let mut i = 0;
    findings.retain(|_| {
        i += 1;
        merged_into[i - 1].is_none()
    });
    taken
}

/// Findings worded alike listed once: among the `eligible` ones, a finding with the
/// category and the title of one met before, which `joins` it, is dropped and listed
/// under the first (its key in `also_raised`) and the first is about its places too
/// (`also_on`), so each place's badge and cell stay answered.
pub(in crate::analysis) fn list_once(
    findings: &mut Vec<Finding>,
    eligible: impl Fn(&Finding) -> bool,
    joins: impl Fn(&Finding, &Finding) -> bool,
) {
    // Keyed by the findings' own texts (borrowed: nothing is copied per finding).
    let mut first: FxHashMap<(&super::super::Category, &str), usize> = FxHashMap::default();
    let mut gone = vec![false; findings.len()];
    let mut extra: Vec<(usize, usize)> = Vec::new();
    for (i, f) in findings.iter().enumerate() {
        if !eligible(f) {
            continue;
        }
        let &mut keep = first.entry((&f.category, f.title.as_str())).or_insert(i);
        if keep != i && joins(&findings[keep], f) {
            gone[i] = true;
            extra.push((keep, i));
        }
    }
    if extra.is_empty() {
        return;
    }
    let mut also: FxHashMap<usize, (Vec<Arc<str>>, Vec<AlsoRaised>)> = FxHashMap::default();
    for (keep, drop) in extra {
        let d = &findings[drop];
        let subjects: Vec<Arc<str>> = d.subjects().cloned().collect();
        let raised = AlsoRaised {
            key: d.key.clone(),
            title: d.title.clone(),
            severity: d.severity,
            status: d.record.status,
        };
        let (s, r) = also.entry(keep).or_default();
        s.extend(subjects);
        r.push(raised);
    }
    for (keep, (more, raised)) in also {
        let f = &mut findings[keep];
        let mut all: Vec<AlsoRaised> = f.also_raised().to_vec();
        all.extend(raised);
        f.also_raised = Some(all.into_boxed_slice());
        let mut on: Vec<Arc<str>> = f.also_on.to_vec();
        // A set of the places already named: a question asked of every element of a big
        // diagram names thousands (a list searched per place was quadratic).
        let mut named: FxHashSet<Arc<str>> = f.subjects().cloned().collect();
        for s in more {
            if named.insert(s.clone()) {
                on.push(s);
            }
        }
        f.also_on = Arc::from(on);
    }
    let mut i = 0;
    findings.retain(|_| {
        i += 1;
        !gone[i - 1]
    });
}

/// The same threat drawn twice: a model with a context and a detail diagram draws an
/// element (or a flow) in both, and each drawing gets the rule's threat word for word
/// (reviewers marked the second DUPLICATE, "the same text on the second drawing"). It is
/// listed once, where it is first met, about the places in both ([`list_once`]). A threat
/// decided on its own stays listed, as in [`merge_repeats`].
pub(in crate::analysis) fn merge_across_diagrams(project: &Project, findings: &mut Vec<Finding>) {
    if project.diagrams.len() < 2 {
        return;
    }
    list_once(
        findings,
        |f| !f.is_manual() && !f.baseline && f.rule.is_some() && f.record.is_blank(),
        |first, repeat| first.diagram != repeat.diagram && first.rule_id() == repeat.rule_id(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_joined_as_a_sentence_and_long_lists_cut() {
        let n: Vec<Arc<str>> = ["A", "B", "C", "D", "E", "F"]
            .iter()
            .map(|s| Arc::from(*s))
            .collect();
        let refs: Vec<&Arc<str>> = n.iter().collect();
        assert_eq!(&*joined(&refs[..1]), "A");
        assert_eq!(&*joined(&refs[..2]), "A and B");
        assert_eq!(&*joined(&refs[..4]), "A, B, C and D");
        assert_eq!(&*joined(&refs), "A, B, C, D and 2 more");
    }
}
