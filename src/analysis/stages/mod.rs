//! The analysis, stage by stage. `super::engine` runs them over each diagram in this
//! order; each stage reads what the ones before it made:
//!
//! 1. [`facts`] — what the diagram says and what follows from it (protocols, boundaries
//!    crossed, who calls whom, third parties), with the names findings are written with.
//! 2. [`exposure`] — what reaches what: the connections between elements that rules are
//!    asked about, and the flows left out of scope.
//! 3. [`classes`] — the catalogue's threat classes (rules, `assets/rules/builtin.ron`)
//!    applied to each connection and element.
//! 4. [`fold`] — the authors' own threats: joined to their subject's findings (and
//!    answering their STRIDE cells for the checklist); once every diagram is done, the
//!    generated threats that repeat them are folded into them.
//!    Then [`merge`]: a generated threat said in several places (one template on each
//!    service behind a gateway, injection into one store through each service) is listed
//!    once, naming every place.
//! 5. [`checklist`] — a baseline question for each STRIDE cell of a subject nothing above
//!    answered and that applies to it; once every diagram is done, each question asked
//!    once and at most three of an element's own.
//! 6. Severity — each finding's rating, reasoned as it is made (`super::severity`, through
//!    `super::builder::Builder::make`).
//!
//! Stages 3 to 5 run subject by subject (each connection, then each element: a
//! connection's threats can answer its ends' cells), so a big diagram's subjects can be
//! shared out among threads (`crate::parallel`); [`Scene`] is what all of them read. Each
//! writes into buffers the engine passes it rather than returning new vectors: a subject
//! has a handful of findings, and the buffers are reused from one subject to the next.

pub(super) mod checklist;
pub(super) mod classes;
pub(super) mod exposure;
pub(super) mod facts;
pub(super) mod fold;
pub(super) mod merge;

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::builder::Subject;
use super::facts::ElementFacts;
use super::names::{callers_and_people, data_text, element_context};
use crate::model::{Diagram, ManualThreat, Stride};

/// What the per-subject stages of one diagram read: the diagram, its facts and exposure,
/// the rules, and the authors' threats.
pub(super) struct Scene<'a> {
    pub(super) diagram: &'a Diagram,
    pub(super) facts: &'a facts::DiagramFacts<'a>,
    pub(super) exposure: &'a exposure::Exposure,
    pub(super) rules: &'a classes::Rules<'a>,
    /// The authors' threats by subject id.
    pub(super) manual: &'a FxHashMap<&'a str, Vec<&'a ManualThreat>>,
    /// Whether the project records any decision (alternate keys are looked up only then).
    pub(super) has_records: bool,
}

/// Every STRIDE cell answered.
pub(super) const ALL_CELLS: u8 = 0b11_1111;

/// A STRIDE cell as a bit.
pub(super) fn cell(s: Stride) -> u8 {
    1 << (s as u8)
}

/// Fills in the element's context sentence, callers and data the first time a finding
/// needs them.
pub(super) fn with_element_context(
    subject: &mut Subject,
    efacts: &[ElementFacts<'_>],
    element_names: &[Arc<str>],
    i: usize,
) {
    if subject.names.context.is_empty() {
        let ef = &efacts[i];
        let mut names = (*subject.names).clone();
        names.context = Arc::from(element_context(ef, &element_names[i]));
        (names.callers, names.people, names.members) = callers_and_people(efacts, element_names, i);
        names.data = Arc::from(data_text(ef.data));
        names.rules = Arc::from(super::vocab::quote_rules(&ef.stated_rules));
        subject.names = Arc::new(names);
    }
}

/// A small project for the stages' tests, and the stages before the one a test is about.
#[cfg(test)]
pub(super) mod fixtures {
    use rustc_hash::FxHashMap;

    use std::sync::Arc;

    use super::super::builder::Builder;
    use super::super::names::FlowNamer;
    use super::super::{Catalogue, Finding, Message};
    use super::classes::{self, ConnectionSubject, Rules};
    use super::{Scene, checklist, exposure, facts, fold};
    use crate::model::*;

    /// A browser sends order requests over `protocol` to a shop API, which queries an SQL
    /// orders database and reads its answers back; the ids of (browser, api, database).
    pub(in crate::analysis) fn shop(protocol: &str) -> (Project, [String; 3]) {
        let mut shop = crate::synthetic::Shop::new();
        let (browser, api, db) = (shop.browser.clone(), shop.api.clone(), shop.db.clone());
        let request = shop.flow("Order request", &browser, &api);
        if let Some(f) = shop.flow_mut(&request) {
            f.protocol = protocol.into();
        }
        shop.flow("Order queries", &api, &db);
        shop.flow("Order rows", &db, &api);
        (shop.project, [browser, api, db].map(|e| e.to_string()))
    }

    /// `test` given the first diagram's scene (stages 1 and 2 run) and a builder, with the
    /// built-in rules.
    pub(in crate::analysis) fn with_scene<R>(
        project: &Project,
        test: impl FnOnce(&Scene<'_>, &mut Builder<'_>, &[Message]) -> R,
    ) -> R {
        let catalogue = Catalogue::builtin().expect("built-in catalogue");
        let rules = Rules::of(&catalogue);
        let diagram = &project.diagrams[0];
        let mut validation = Vec::new();
        let facts = facts::gather(project, diagram, &mut validation, 1);
        let exposure = exposure::trace(diagram, &facts);
        let manual = fold::by_subject(project);
        let records = FxHashMap::default();
        let mut builder = Builder::new(&records, &manual);
        let scene = Scene {
            diagram,
            facts: &facts,
            exposure: &exposure,
            rules: &rules,
            manual: &manual,
            has_records: false,
        };
        test(&scene, &mut builder, &validation)
    }

    /// The threats, then the checklist questions, of connection `c`, and the cells answered
    /// before the questions were asked.
    pub(in crate::analysis) fn connection_findings(
        scene: &Scene<'_>,
        builder: &mut Builder<'_>,
        c: usize,
    ) -> (Vec<Finding>, Vec<Finding>, u8) {
        let facts = scene.facts;
        let namer = FlowNamer {
            element_names: &facts.element_names,
            boundary_names: &facts.boundary_names,
            any_boundary: Arc::from("a trust boundary"),
            diagram_name: facts.diagram_name.clone(),
            efacts: &facts.elements,
            callers_memo: Default::default(),
        };
        let no_alternates: Arc<[Arc<str>]> = Arc::from(Vec::new());
        let cs = ConnectionSubject::new(scene, &scene.exposure.connections[c], &no_alternates);
        let mut element_covered = vec![0; scene.diagram.elements.len()];
        let (mut variants, mut fired, mut threats) = (Vec::new(), Vec::new(), Vec::new());
        let mut covered = checklist::connection_answered(scene, &cs);
        classes::connection_threats(
            scene,
            &namer,
            &facts.diagram_id,
            &cs,
            &mut variants,
            builder,
            &mut covered,
            &mut element_covered,
            &mut fired,
            &mut threats,
        );
        let mut questions = Vec::new();
        checklist::connection_questions(
            scene,
            &namer,
            &facts.diagram_id,
            &cs,
            &mut variants,
            covered,
            builder,
            &mut questions,
        );
        (threats, questions, covered)
    }

    /// The connection between elements `a` and `b`.
    pub(in crate::analysis) fn connection_between(scene: &Scene<'_>, a: &str, b: &str) -> usize {
        let (a, b) = (scene.facts.index[a], scene.facts.index[b]);
        scene
            .exposure
            .connections
            .iter()
            .position(|c| c.ends == (a.min(b), a.max(b)))
            .expect("connected")
    }
}
