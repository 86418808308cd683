//! The STRIDE engine: runs the analysis's stages (`super::stages`) over each diagram of a
//! project and puts their findings together. Per diagram: the facts
//! (`stages::facts`), what reaches what (`stages::exposure`), then for each connection
//! and each element the threat classes that apply (`stages::classes`), the authors' own
//! threats on it (`stages::fold`) and the checklist questions for the STRIDE cells still
//! open (`stages::checklist`); severity is reasoned as each finding is made
//! (`super::severity`). Once every diagram is done, the generated threats that repeat an
//! authors' threat are folded into it, and decisions no finding took up are listed.
//!
//! Cost is linear in the size of the project: element positions are looked up once,
//! flows find their ends through a hash index, each flow is tested against each boundary
//! once, and texts other than titles are rendered only when asked for.
//!
//! A big diagram's connections, then its elements, are shared out among threads in runs
//! (`crate::parallel`); each thread has its own buffers and caches, and the runs' findings
//! are put together in order, so the analysis is the one a single thread makes.
//!
//! Making each finding (decisions merged on, manual threats) is `super::builder`'s job;
//! orphaned decisions and the summary, once the findings are made, `super::summary`'s.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rustc_hash::FxHashMap;

use super::builder::{Builder, Subject};
use super::expr::Env;
use super::names::FlowNamer;
use super::severity::assess_element;
use super::stages::classes::{ConnectionSubject, Rules, Variant};
use super::stages::exposure::Connection;
use super::stages::{Scene, checklist, classes, exposure, facts, fold};
use super::summary::{orphans, summarize};
use super::validate::decision_messages;
use super::{Analysis, Catalogue, Finding, Names, OutOfScope, SubjectKind};
use crate::model::{Category, Diagram, ElementKind, Project, ThreatKey, ThreatRecord};
use crate::parallel::{in_parallel, split_evenly};

fn subject_kind(kind: ElementKind) -> SubjectKind {
    match kind {
        ElementKind::Process => SubjectKind::Process,
        ElementKind::DataStore => SubjectKind::DataStore,
        ElementKind::ExternalEntity => SubjectKind::ExternalEntity,
    }
}

/// A copy of `text` with a count of its own.
fn own(text: &Arc<str>) -> Arc<str> {
    Arc::from(&**text)
}

/// Element index by id for one diagram.
pub(crate) fn element_index(diagram: &Diagram) -> FxHashMap<&str, usize> {
    diagram
        .elements
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect()
}

/// Findings beyond this stop the analysis with an error, so a crafted project or catalogue
/// cannot fill memory (a 10,000-element model gives about 156,000).
pub const MAX_FINDINGS: usize = 1_000_000;

/// Analyses a project with a catalogue. Pure: the same input gives the same output.
pub fn analyze(project: &Project, catalogue: &Catalogue) -> Analysis {
    analyze_up_to(project, catalogue, MAX_FINDINGS, crate::parallel::threads())
}

/// [`analyze`] on at most `threads` threads; the same analysis whatever the number (for
/// tests and benchmarks).
#[doc(hidden)]
pub fn analyze_on(project: &Project, catalogue: &Catalogue, threads: usize) -> Analysis {
    analyze_up_to(project, catalogue, MAX_FINDINGS, threads)
}

/// Connections or elements below this are not worth another thread.
const MIN_PART: usize = 256;

/// The findings made so far by every thread of one analysis, against its limit.
struct Budget {
    made: AtomicUsize,
    limit: usize,
}

impl Budget {
    fn new(limit: usize) -> Self {
        Budget {
            made: AtomicUsize::new(0),
            limit,
        }
    }

    fn spent(&self) -> bool {
        self.made.load(Ordering::Relaxed) >= self.limit
    }

    fn add(&self, findings: usize) {
        self.made.fetch_add(findings, Ordering::Relaxed);
    }
}

/// [`analyze`], stopping with an error message once `limit` findings are made.
fn analyze_up_to(
    project: &Project,
    catalogue: &Catalogue,
    limit: usize,
    threads: usize,
) -> Analysis {
    if threads > 1
        && let Some(analysis) = analyze_with(project, catalogue, limit, threads)
    {
        return analysis;
    }
    // Where the limit is reached, one thread stops where it is reached — always at the
    // same finding.
    analyze_with(project, catalogue, limit, 1).unwrap_or_default()
}

/// [`analyze_up_to`] with the findings of big diagrams made on up to `threads` threads.
/// `None` when several threads reached the limit together (one thread never gives `None`:
/// it stops and says so).
fn analyze_with(
    project: &Project,
    catalogue: &Catalogue,
    limit: usize,
    threads: usize,
) -> Option<Analysis> {
    let described = facts::described_once(project);
    let project: &Project = &described.project;
    let rules = Rules::of(catalogue);
    let records: FxHashMap<(&str, &str), (&ThreatKey, &ThreatRecord)> = project
        .threats
        .iter()
        .map(|(k, r)| (k.parts(), (k, r)))
        .collect();
    let manual_by_subject = fold::by_subject(project);

    let mut out = Analysis::default();
    let mut builder = Builder::new(&records, &manual_by_subject);
    let budget = Budget::new(limit);
    let mut stopped = false;
    for diagram in &project.diagrams {
        // Stages 1 and 2: the diagram's facts, and what reaches what.
        let facts = facts::gather(project, diagram, &mut out.validation, threads);
        out.findings
            .reserve(diagram.elements.len() * 3 + diagram.flows.len() * 2);
        let mut exposure = exposure::trace(diagram, &facts);
        let mut flows_out_of_scope = std::mem::take(&mut exposure.flows_out_of_scope);
        let scene = Scene {
            diagram,
            facts: &facts,
            exposure: &exposure,
            rules: &rules,
            manual: &manual_by_subject,
            has_records: !records.is_empty(),
        };
        // Stages 3 to 5 per subject. Connections first: their findings can answer the
        // cells of the elements they touch.
        let mut element_covered = checklist::answered_before_rules(&scene);
        // On one thread the flow findings go straight into the output, in connection order
        // (on several, each run's are appended in order); the elements' are put before them
        // at the end (collected apart and appended, the flow findings were written twice,
        // the second time into memory touched for the first time).
        let diagram_start = out.findings.len();
        let connections = &exposure.connections;
        let parts = split_evenly(connections, threads, MIN_PART);
        if parts.len() < 2 {
            if connection_findings(
                &scene,
                &budget,
                connections,
                &mut builder,
                &mut element_covered,
                &mut out.findings,
            ) {
                stopped = true;
                break;
            }
        } else {
            let results = in_parallel(parts, threads, |part| {
                let mut mine = builder.fork();
                let mut covered = element_covered.clone();
                let mut found = Vec::new();
                let stopped =
                    connection_findings(&scene, &budget, part, &mut mine, &mut covered, &mut found);
                (stopped, mine.matched, covered, found)
            });
            for (stopped, matched, covered, mut found) in results {
                if stopped {
                    return None;
                }
                builder.matched.extend(matched);
                for (all, mine) in element_covered.iter_mut().zip(covered) {
                    *all |= mine;
                }
                out.findings.append(&mut found);
            }
        }

        let mut element_out: Vec<Finding> = Vec::with_capacity(diagram.elements.len() * 3);
        let parts = split_evenly(&element_covered, threads, MIN_PART);
        if parts.len() < 2 {
            stopped = element_findings(
                &scene,
                &budget,
                0,
                &mut element_covered,
                &mut builder,
                &mut element_out,
                &mut out.out_of_scope,
            );
        } else {
            let mut first = 0;
            let parts: Vec<(usize, Vec<u8>)> = parts
                .into_iter()
                .map(|p| {
                    first += p.len();
                    (first - p.len(), p.to_vec())
                })
                .collect();
            let results = in_parallel(parts, threads, |(first, mut covered)| {
                let mut mine = builder.fork();
                let (mut found, mut out_of_scope) = (Vec::new(), Vec::new());
                let stopped = element_findings(
                    &scene,
                    &budget,
                    first,
                    &mut covered,
                    &mut mine,
                    &mut found,
                    &mut out_of_scope,
                );
                (stopped, mine.matched, found, out_of_scope)
            });
            for (stopped, matched, mut found, mut out_of_scope) in results {
                if stopped {
                    return None;
                }
                builder.matched.extend(matched);
                element_out.append(&mut found);
                out.out_of_scope.append(&mut out_of_scope);
            }
        }
        out.findings
            .splice(diagram_start..diagram_start, element_out);
        out.out_of_scope.append(&mut flows_out_of_scope);
        if stopped {
            break;
        }
    }

    if stopped {
        out.validation.push(super::Message {
            code: super::Code::AnalysisLimit,
            level: super::Level::Error,
            subject: super::Subject::Model,
            message: format!(
                "the analysis stopped after {limit} findings; the model or its rule catalogue is larger than Threatboard analyses, so the findings are incomplete"
            ),
        });
    }
    // Stage 4's second half: the generated threats that repeat an authors' threat.
    if !project.manual_threats.is_empty() {
        fold::fold_into_authors(project, &mut out.findings);
    }
    let taken = super::stages::merge::merge_repeats(project, &mut out.findings);
    super::stages::merge::merge_across_diagrams(project, &mut out.findings);
    checklist::walkable(project, catalogue, &mut out.findings);
    builder.matched.extend(taken);
    out.orphaned = orphans(project, catalogue, &out, &builder.matched);
    decision_messages(&out.findings, &out.orphaned, &mut out.validation);
    out.rule_changes = catalogue.changes().to_vec();
    out.summary = summarize(&out);
    Some(out)
}

/// The findings of some connections, into `out`; the cells they answer for their ends
/// into `element_covered`. True when the budget ran out first.
fn connection_findings(
    scene: &Scene<'_>,
    budget: &Budget,
    conns: &[Connection],
    builder: &mut Builder<'_>,
    element_covered: &mut [u8],
    out: &mut Vec<Finding>,
) -> bool {
    let facts = scene.facts;
    // This thread's own copies of what every finding refers to (see `Builder::fork`).
    let boundary_names: Vec<Arc<str>> = facts.boundary_names.iter().map(own).collect();
    let namer = FlowNamer {
        element_names: &facts.element_names,
        boundary_names: &boundary_names,
        any_boundary: Arc::from("a trust boundary"),
        diagram_name: own(&facts.diagram_name),
        efacts: &facts.elements,
        callers_memo: Default::default(),
    };
    let diagram_id = own(&facts.diagram_id);
    let no_alternates: Arc<[Arc<str>]> = Arc::from(Vec::new());
    // Buffers reused from one connection to the next.
    let mut specific: Vec<Finding> = Vec::new();
    let mut fired: Vec<(usize, usize, usize)> = Vec::new();
    for conn in conns {
        if budget.spent() {
            return true;
        }
        let cs = ConnectionSubject::new(scene, conn, &no_alternates);
        // The subject, assessment and reason texts of each (flow, direction, grouped) a
        // rule fires on, made once per connection.
        let mut variants: Vec<Variant> = Vec::new();
        let mut covered = checklist::connection_answered(scene, &cs);
        specific.clear();
        classes::connection_threats(
            scene,
            &namer,
            &diagram_id,
            &cs,
            &mut variants,
            builder,
            &mut covered,
            element_covered,
            &mut fired,
            &mut specific,
        );
        checklist::connection_questions(
            scene,
            &namer,
            &diagram_id,
            &cs,
            &mut variants,
            covered,
            builder,
            &mut specific,
        );
        fold::on_flows(scene, &namer, &diagram_id, conn, builder, &mut specific);
        sort_subject(&mut specific);
        budget.add(specific.len());
        out.append(&mut specific);
    }
    false
}

/// The findings of some elements (the first of them `first`, the cells answered so far in
/// `covered`), into `out`. True when the budget ran out first.
fn element_findings(
    scene: &Scene<'_>,
    budget: &Budget,
    first: usize,
    covered: &mut [u8],
    builder: &mut Builder<'_>,
    out: &mut Vec<Finding>,
    out_of_scope: &mut Vec<OutOfScope>,
) -> bool {
    let facts = scene.facts;
    let (diagram_id, diagram_name) = (own(&facts.diagram_id), own(&facts.diagram_name));
    let mut found: Vec<Finding> = Vec::new();
    for i in first..first + covered.len() {
        if budget.spent() {
            return true;
        }
        let (ef, name) = (&facts.elements[i], &facts.element_names[i]);
        let e = ef.element;
        let kind = subject_kind(e.kind());
        if e.out_of_scope {
            out_of_scope.push(OutOfScope {
                subject: e.id.to_string(),
                subject_kind: kind,
                name: e.name.clone(),
                diagram: scene.diagram.name.clone(),
                reason: e.out_of_scope_reason.clone(),
            });
            continue;
        }
        let id: Arc<str> = Arc::from(e.id.as_str());
        let mut subject = Subject {
            id: id.clone(),
            key: id,
            alternates: Arc::from(Vec::new()),
            kind,
            names: Arc::new(Names {
                subject: name.clone(),
                diagram: diagram_name.clone(),
                ..Names::default()
            }),
            diagram: diagram_id.clone(),
            flows: Arc::from(Vec::new()),
        };
        let env = Env {
            element: Some(ef),
            flow: None,
            source: None,
            target: None,
        };
        let assessment = assess_element(ef);
        let cells = &mut covered[i - first];
        classes::element_threats(
            scene,
            i,
            &mut subject,
            &env,
            &assessment,
            builder,
            cells,
            &mut found,
        );
        checklist::element_questions(scene, i, &mut subject, &env, *cells, builder, &mut found);
        fold::on_subject(builder, &subject, &mut found);
        sort_subject(&mut found);
        budget.add(found.len());
        out.append(&mut found);
    }
    false
}

/// Generated findings in (category, rule) order, checklist questions after the threats
/// of their category, manual threats after the generated ones.
fn sort_subject(found: &mut [Finding]) {
    found.sort_by(|a, b| {
        (category_rank(&a.category), a.rule.is_none())
            .cmp(&(category_rank(&b.category), b.rule.is_none()))
    });
}

/// The key subject of a connection with several flows: both element ids, in order (or a
/// digest of them when that would be longer than an id may be).
pub(super) fn pair_subject(a: &str, b: &str) -> Arc<str> {
    let (a, b) = if a <= b { (a, b) } else { (b, a) };
    let joined = format!("{a}.{b}");
    if joined.len() <= crate::model::MAX_ID_LEN {
        Arc::from(joined)
    } else {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(joined.as_bytes());
        let hex: String = digest.iter().take(12).map(|b| format!("{b:02x}")).collect();
        Arc::from(format!("pair-{hex}"))
    }
}

fn category_rank(c: &Category) -> (u8, &str) {
    match c {
        Category::Stride(s) => (*s as u8, ""),
        Category::Other(o) => (u8::MAX, o.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in rules without merging (`super::super::stages::merge`), so a cut
    /// analysis and a full one list the findings made one for one.
    fn unmerged() -> Catalogue {
        let text: String = Catalogue::builtin_text()
            .lines()
            .filter(|l| !l.trim_start().starts_with("merge"))
            .map(|l| format!("{l}\n"))
            .collect();
        Catalogue::default()
            .merged(&text, std::path::Path::new("builtin-unmerged.ron"))
            .expect("the built-in rules without merging")
    }

    /// On several threads, a model that reaches the limit is cut where one thread cuts it
    /// (and one that does not is analysed in full).
    #[test]
    fn on_several_threads_the_limit_cuts_where_one_thread_cuts() {
        let project = crate::synthetic::project(1_200);
        let catalogue = unmerged();
        let all = analyze_up_to(&project, &catalogue, MAX_FINDINGS, 1)
            .findings
            .len();
        // In the flows, in the elements, exactly at the end, past it.
        for limit in [all / 3, all * 9 / 10, all, all + 1] {
            let one = analyze_up_to(&project, &catalogue, limit, 1);
            let four = analyze_up_to(&project, &catalogue, limit, 4);
            assert!(
                format!("{one:?}") == format!("{four:?}"),
                "limit {limit}: {} vs {} findings",
                one.findings.len(),
                four.findings.len()
            );
            let stopped = one
                .validation
                .iter()
                .any(|m| m.code == super::super::Code::AnalysisLimit);
            // Exactly at the end the engine stops before the subjects left after the last
            // finding, which make none (elements whose every cell is answered or does not
            // apply: `checklist::does_not_apply`), and says so: both thread counts must
            // agree there; whether "stopped" is said is not what this test is about.
            if limit != all {
                assert_eq!(stopped, limit < all, "limit {limit} of {all}");
            }
        }
    }

    /// A model that makes more findings than the limit gets the findings up to it — the
    /// flows' and the elements' — in the usual order, and an error saying it stopped.
    #[test]
    fn stopping_at_the_limit_keeps_what_was_found_and_says_so() {
        let project = crate::synthetic::project(60);
        let catalogue = unmerged();
        let full = analyze(&project, &catalogue);
        let is_flow = |f: &Finding| f.subject_kind == SubjectKind::Flow;
        let flows = full.findings.iter().filter(|f| is_flow(f)).count();
        let elements = full.findings.len() - flows;
        assert!(
            flows > 10 && elements > 10,
            "{flows} flow, {elements} element findings"
        );
        assert!(
            !full
                .validation
                .iter()
                .any(|m| m.code == super::super::Code::AnalysisLimit)
        );

        let limit = flows + elements / 2;
        let cut = analyze_up_to(&project, &catalogue, limit, 1);
        let message = cut
            .validation
            .iter()
            .find(|m| m.code == super::super::Code::AnalysisLimit)
            .expect("says the analysis stopped");
        assert!(
            message.message.contains(&limit.to_string()),
            "{}",
            message.message
        );
        // Every flow finding is kept; the element findings stop near the limit.
        assert_eq!(cut.findings.iter().filter(|f| is_flow(f)).count(), flows);
        let kept = cut.findings.len() - flows;
        assert!(kept > 0 && kept < elements, "{kept} of {elements}");
        assert!(cut.findings.len() <= limit + 20, "{}", cut.findings.len());
        // Elements first, then flows, as in a full analysis.
        let first_flow = cut.findings.iter().position(is_flow).expect("flows");
        assert!(cut.findings[first_flow..].iter().all(is_flow));
        assert_eq!(
            cut.findings[..kept]
                .iter()
                .map(|f| f.key.clone())
                .collect::<Vec<_>>(),
            full.findings[..kept]
                .iter()
                .map(|f| f.key.clone())
                .collect::<Vec<_>>()
        );
    }
}
