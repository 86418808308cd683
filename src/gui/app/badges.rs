//! The badges on the canvas: for each element and flow, the threats needing attention
//! (open, decided but past their review date, or decided with a control the loaded
//! evidence shows failing) and the highest severity among them. Worked out once per
//! revision; the canvas draws again when their generation moves.

use std::collections::HashSet;
use std::sync::Arc;

use crate::analysis::Analysis;
use crate::evidence::{ControlState, Verification};
use crate::model::Severity;

/// Open threats per subject id and the highest open severity.
pub(super) type BadgeMap = rustc_hash::FxHashMap<Arc<str>, (usize, Severity)>;

#[derive(Default)]
pub(super) struct Badges {
    /// The badges of a revision.
    current: Option<(u64, BadgeMap)>,
    /// How many times they were worked out (an edit, verification results loaded).
    generation: u64,
    /// Subjects whose badge counts a mitigation whose control fails (drawn with a red ring).
    pub alerts: HashSet<Arc<str>>,
}

impl Badges {
    /// Whether the badges are those of revision `rev`.
    pub fn is_of(&self, rev: u64) -> bool {
        self.current.as_ref().is_some_and(|(r, _)| *r == rev)
    }

    /// Works the badges of revision `rev` out from its analysis and verification.
    pub fn refresh(&mut self, rev: u64, analysis: &Analysis, verification: Option<&Verification>) {
        let mut map: BadgeMap = analysis.badges(&crate::report::today());
        self.alerts.clear();
        // A decided threat whose control fails in the evidence needs attention again.
        if let Some(v) = verification {
            for tv in v
                .threats
                .iter()
                .filter(|t| t.state() == ControlState::Failing)
            {
                let Some(f) = analysis.findings.iter().find(|f| f.key == tv.key) else {
                    continue;
                };
                if f.status().is_open() {
                    continue;
                }
                for subject in f.subjects() {
                    let e = map.entry(subject.clone()).or_insert((0, f.severity));
                    e.0 += 1;
                    e.1 = e.1.max(f.severity);
                    self.alerts.insert(subject.clone());
                }
            }
        }
        self.current = Some((rev, map));
        self.generation += 1;
    }

    /// Drops the badges (verification results loaded or cleared): worked out again next.
    pub fn forget(&mut self) {
        self.current = None;
    }

    /// The badge of a subject.
    pub fn get(&self, id: &str) -> Option<(usize, Severity)> {
        self.current.as_ref().and_then(|(_, b)| b.get(id).copied())
    }

    /// Changes whenever the badges were worked out again.
    pub fn generation(&self) -> u64 {
        self.generation
    }
}
