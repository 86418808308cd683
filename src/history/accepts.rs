//! What a sign-off accepts: one definition shared by `threatboard sign-off`, the app's
//! sign-off dialog and the PDF report, so the sentence a reviewer reads, the list the
//! record keeps and the tables the report prints are the same thing.
//!
//! A sign-off accepts the open threats at or above the gate (high), every accepted or
//! transferred decision (threats and checklist questions alike: a decision on a checklist
//! question is a decision), and the other open threats, stated with their count. Threats
//! another tool generated and nobody assessed are not accepted: they are counted apart.

use crate::analysis::{Analysis, Finding};
use crate::edit::count;
use crate::model::{AcceptedThreat, Severity, Status};

/// The severity at or above which an open threat blocks "ready" and is listed first.
pub const GATE: Severity = Severity::High;

/// The parts of what a sign-off accepts, each most severe first.
#[derive(Debug)]
pub struct Accepts<'a> {
    /// Open threats at or above [`GATE`].
    pub open_at_gate: Vec<&'a Finding>,
    /// Every accepted or transferred decision, threats and checklist questions.
    pub decided: Vec<&'a Finding>,
    /// The other open threats (below the gate).
    pub other_open: Vec<&'a Finding>,
    /// Open threats another tool generated that nobody assessed: not accepted.
    pub imported_not_assessed: usize,
    /// Checklist questions nobody answered: not accepted either.
    pub unanswered_questions: usize,
}

fn is_risk_decision(f: &Finding) -> bool {
    matches!(f.status(), Status::Accepted | Status::Transferred)
}

impl<'a> Accepts<'a> {
    /// What signing the model as `a` analysed it accepts.
    pub fn of(a: &'a Analysis) -> Self {
        let assessed = |f: &&Finding| f.generated_by().is_none();
        let by_severity = |v: &mut Vec<&Finding>| v.sort_by_key(|f| std::cmp::Reverse(f.severity));
        let mut open_at_gate: Vec<&Finding> = a
            .threats()
            .filter(assessed)
            .filter(|f| f.status().is_open() && f.severity >= GATE)
            .collect();
        let mut other_open: Vec<&Finding> = a
            .threats()
            .filter(assessed)
            .filter(|f| f.status().is_open() && f.severity < GATE)
            .collect();
        let mut decided: Vec<&Finding> =
            a.findings.iter().filter(|f| is_risk_decision(f)).collect();
        by_severity(&mut open_at_gate);
        by_severity(&mut other_open);
        by_severity(&mut decided);
        Self {
            open_at_gate,
            decided,
            other_open,
            imported_not_assessed: a
                .imported_generated()
                .filter(|f| f.status().is_open())
                .count(),
            unanswered_questions: a.checklist().filter(|f| f.status().is_open()).count(),
        }
    }

    /// Every finding the sign-off accepts, in the order of the report.
    pub fn all(&self) -> impl Iterator<Item = &&'a Finding> {
        self.open_at_gate
            .iter()
            .chain(&self.decided)
            .chain(&self.other_open)
    }

    /// The record's list: every finding accepted, with its severity.
    pub fn records(&self) -> Vec<AcceptedThreat> {
        self.all()
            .map(|f| AcceptedThreat {
                key: f.key.to_string(),
                title: f.title.clone(),
                severity: f.severity,
            })
            .collect()
    }

    /// "3 medium, 2 low" for the other open threats; empty when there are none.
    fn other_by_severity(&self) -> String {
        Severity::ALL
            .iter()
            .rev()
            .filter_map(|s| {
                let n = self.other_open.iter().filter(|f| f.severity == *s).count();
                (n > 0).then(|| format!("{n} {}", s.label()))
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The one sentence the CLI prints, the app's dialog shows and the report's register
    /// opens with.
    pub fn statement(&self) -> String {
        let mut s = format!(
            "This sign-off accepts {}, {}, and {}",
            count(
                self.open_at_gate.len(),
                "open threat at or above high",
                "open threats at or above high"
            ),
            count(
                self.decided.len(),
                "accepted or transferred decision",
                "accepted or transferred decisions"
            ),
            count(
                self.other_open.len(),
                "other open threat",
                "other open threats"
            ),
        );
        if !self.other_open.is_empty() {
            s.push_str(&format!(" ({})", self.other_by_severity()));
        }
        s.push('.');
        let mut not = Vec::new();
        if self.unanswered_questions > 0 {
            not.push(count(
                self.unanswered_questions,
                "unanswered checklist question",
                "unanswered checklist questions",
            ));
        }
        if self.imported_not_assessed > 0 {
            not.push(count(
                self.imported_not_assessed,
                "imported threat another tool generated and nobody assessed",
                "imported threats another tool generated and nobody assessed",
            ));
        }
        if !not.is_empty() {
            s.push_str(&format!(" Not part of it: {}.", not.join("; ")));
        }
        s
    }
}
