//! Checking the controls named on mitigations against the evidence.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::{Content, EvidenceFile, ScanResult, Template, TestOutcome};
use crate::analysis::Analysis;
use crate::model::{Control, Project, Status, SubjectId, ThreatKey};

/// Where a control stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ControlState {
    /// The tool ran the rule and found nothing on the resources (or the test passed, or the
    /// manual check has current evidence).
    Passing,
    /// Nothing says it ran: the tool's results are not among the evidence, the rule was
    /// turned off, the test is missing or skipped, the manual check has no current evidence.
    NotRun,
    Failing,
}

impl ControlState {
    pub fn label(self) -> &'static str {
        match self {
            Self::Passing => "passing",
            Self::NotRun => "not run",
            Self::Failing => "failing",
        }
    }

    /// The mark shown next to it.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Passing => "✔",
            Self::NotRun => "○",
            Self::Failing => "✖",
        }
    }
}

/// A scanner result or failed test behind a failing control.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Failure {
    /// The resource it is on, when known.
    pub resource: String,
    pub message: String,
    /// "templates/app.yaml:12".
    pub place: String,
    /// The evidence file it came from.
    pub file: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ControlResult {
    pub control: String,
    pub tool: String,
    pub state: ControlState,
    /// Why, in words.
    pub detail: String,
    pub failures: Vec<Failure>,
    /// The evidence file that decided it (empty for manual checks and not-run controls).
    pub evidence: String,
    #[serde(skip)]
    pub spec: Control,
}

/// A decided threat with controls, and how they fare.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ThreatVerification {
    /// The threat's key (written `RULE@SUBJECT`, or `manual@ID`).
    pub key: ThreatKey,
    pub title: String,
    pub subject: SubjectId,
    pub subject_name: String,
    pub status: Status,
    pub mitigation: String,
    pub controls: Vec<ControlResult>,
}

impl ThreatVerification {
    /// The worst of its controls: one failing control fails the mitigation.
    pub fn state(&self) -> ControlState {
        self.controls
            .iter()
            .map(|c| c.state)
            .max()
            .unwrap_or(ControlState::NotRun)
    }
}

/// A scanner result on an element's resource that no control covers: where the design
/// review meets the code.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ImplementationFinding {
    pub element: String,
    pub element_name: String,
    pub resource: String,
    pub tool: String,
    pub rule: String,
    pub level: String,
    pub message: String,
    pub place: String,
    pub file: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct EvidenceSummary {
    pub path: String,
    pub sha256: String,
    pub date: String,
    pub summary: String,
}

/// The whole verification of a model against its evidence.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Verification {
    pub evidence: Vec<EvidenceSummary>,
    pub threats: Vec<ThreatVerification>,
    pub findings: Vec<ImplementationFinding>,
    /// Results on resources no element names (logical id → number of results).
    pub unmapped: BTreeMap<String, usize>,
    /// Results whose resource could not be told (no logical location, no known id in the
    /// message, no template to map the line through).
    pub unplaced: usize,
}

impl Verification {
    pub fn controls(&self) -> impl Iterator<Item = (&ThreatVerification, &ControlResult)> {
        self.threats
            .iter()
            .flat_map(|t| t.controls.iter().map(move |c| (t, c)))
    }

    pub fn count(&self, state: ControlState) -> usize {
        self.controls().filter(|(_, c)| c.state == state).count()
    }

    /// The verification of one threat, by key.
    pub fn threat(&self, key: &ThreatKey) -> Option<&ThreatVerification> {
        self.threats.iter().find(|t| t.key == *key)
    }

    /// The implementation findings on one element.
    pub fn findings_on<'a>(
        &'a self,
        element: &'a str,
    ) -> impl Iterator<Item = &'a ImplementationFinding> {
        self.findings.iter().filter(move |f| f.element == element)
    }

    /// "3 controls passing, 1 failing, 2 not run; 4 implementation findings".
    pub fn headline(&self) -> String {
        let n = |k| self.count(k);
        format!(
            "{} control{} passing, {} failing, {} not run; {} implementation finding{}",
            n(ControlState::Passing),
            if n(ControlState::Passing) == 1 {
                ""
            } else {
                "s"
            },
            n(ControlState::Failing),
            n(ControlState::NotRun),
            self.findings.len(),
            if self.findings.len() == 1 { "" } else { "s" }
        )
    }
}

/// The placed results, and where each (tool, rule)'s are.
struct Index<'a, 'b> {
    placed: &'b [Placed<'a>],
    by_rule: &'b std::collections::HashMap<(String, String), Vec<usize>>,
}

impl<'a> Index<'a, '_> {
    fn of(&self, tool: &str, rule: &str) -> impl Iterator<Item = &Placed<'a>> {
        self.by_rule
            .get(&(tool_key(tool), rule.trim().to_lowercase()))
            .into_iter()
            .flatten()
            .map(|&i| &self.placed[i])
    }
}

/// A scanner result with the resource it was found to be on.
struct Placed<'a> {
    tool: &'a str,
    result: &'a ScanResult,
    resource: Option<String>,
    file: &'a EvidenceFile,
}

/// A tool's name as compared: "cfn_nag" = "cfn-nag" = "CFN Nag".
fn tool_key(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn same_tool(a: &str, b: &str) -> bool {
    tool_key(a) == tool_key(b)
}

/// Checks every control named on the model's decisions against the evidence. `templates`
/// map line numbers back to resources; `today` (YYYY-MM-DD) dates manual checks.
pub fn verify(
    project: &Project,
    analysis: &Analysis,
    evidence: &[EvidenceFile],
    templates: &[Template],
    today: &str,
) -> Verification {
    // Every resource id the model or a template knows, to recognise them in messages.
    let mut element_of: BTreeMap<&str, (&str, &str)> = BTreeMap::new();
    for d in &project.diagrams {
        for e in &d.elements {
            for r in &e.resources {
                if !r.id.trim().is_empty() {
                    element_of.insert(r.id.trim(), (e.id.as_str(), e.name.as_str()));
                }
            }
        }
    }
    let mut known: BTreeSet<&str> = element_of.keys().copied().collect();
    known.extend(
        templates
            .iter()
            .flat_map(|t| t.resources.iter().map(|r| r.id.as_str())),
    );

    let mut placed = Vec::new();
    let mut unplaced = 0;
    for file in evidence {
        let Content::Sarif(runs) = &file.content else {
            continue;
        };
        for run in runs {
            for result in &run.results {
                let resource = resource_of(result, templates, &known);
                unplaced += usize::from(resource.is_none() && result.is_finding());
                placed.push(Placed {
                    tool: &run.tool,
                    result,
                    resource,
                    file,
                });
            }
        }
    }

    // The results of each (tool, rule), so each control looks only at its own.
    let mut by_rule: std::collections::HashMap<(String, String), Vec<usize>> =
        std::collections::HashMap::new();
    for (i, p) in placed.iter().enumerate() {
        by_rule
            .entry((tool_key(p.tool), p.result.rule.to_lowercase()))
            .or_default()
            .push(i);
    }
    let index = Index {
        placed: &placed,
        by_rule: &by_rule,
    };
    let mut threats = Vec::new();
    // (element id, tool, rule) pairs some control covers.
    let mut covered: BTreeSet<(String, String, String)> = BTreeSet::new();
    for f in &analysis.findings {
        if f.record.controls.is_empty() {
            continue;
        }
        let subjects: Vec<&str> = f.subjects().map(|s| &**s).collect();
        let scope_of_subject: Vec<String> = subject_resources(project, &subjects);
        let mut controls = Vec::new();
        for control in &f.record.controls {
            if let Control::Scanner {
                tool,
                rule,
                resources,
            } = control
            {
                let on: Vec<&str> = if resources.is_empty() {
                    subject_elements(project, &subjects)
                } else {
                    resources
                        .iter()
                        .filter_map(|r| element_of.get(r.as_str()).map(|(e, _)| *e))
                        .collect()
                };
                for e in on {
                    covered.insert((e.to_owned(), tool_key(tool), rule.to_lowercase()));
                }
            }
            controls.push(check(
                control,
                &scope_of_subject,
                evidence,
                &index,
                templates,
                today,
            ));
        }
        threats.push(ThreatVerification {
            key: f.key.clone(),
            title: f.title.clone(),
            subject: f.subject_id().clone(),
            subject_name: f.subject_name().to_owned(),
            status: f.status(),
            mitigation: f.record.mitigation.clone(),
            controls,
        });
    }

    let mut findings = Vec::new();
    let mut unmapped: BTreeMap<String, usize> = BTreeMap::new();
    for p in placed.iter().filter(|p| p.result.is_finding()) {
        let Some(resource) = &p.resource else {
            continue;
        };
        let Some((element, name)) = element_of.get(resource.as_str()) else {
            *unmapped.entry(resource.clone()).or_default() += 1;
            continue;
        };
        let key = (
            (*element).to_owned(),
            tool_key(p.tool),
            p.result.rule.to_lowercase(),
        );
        if covered.contains(&key) {
            continue;
        }
        findings.push(ImplementationFinding {
            element: (*element).to_owned(),
            element_name: (*name).to_owned(),
            resource: resource.clone(),
            tool: p.tool.to_owned(),
            rule: p.result.rule.clone(),
            level: p.result.level.clone(),
            message: p.result.message.clone(),
            place: p.result.place(),
            file: p.file.path.display().to_string(),
        });
    }
    Verification {
        evidence: evidence
            .iter()
            .map(|f| EvidenceSummary {
                path: f.path.display().to_string(),
                sha256: f.sha256.clone(),
                date: f.date.clone(),
                summary: f.summary(),
            })
            .chain(templates.iter().map(|t| EvidenceSummary {
                path: t.path.display().to_string(),
                sha256: t.sha256.clone(),
                date: String::new(),
                summary: format!(
                    "CloudFormation template the results were mapped through ({})",
                    crate::edit::count(t.resources.len(), "resource", "resources")
                ),
            }))
            .collect(),
        threats,
        findings,
        unmapped,
        unplaced,
    }
}

/// The ids of the elements a threat is about (a flow's two ends).
fn subject_elements<'a>(project: &'a Project, subjects: &[&str]) -> Vec<&'a str> {
    let mut out = Vec::new();
    for d in &project.diagrams {
        for e in &d.elements {
            if subjects.contains(&e.id.as_str()) {
                out.push(e.id.as_str());
            }
        }
        for f in &d.flows {
            if subjects.contains(&f.id.as_str()) {
                out.push(f.source.as_str());
                out.push(f.target.as_str());
            }
        }
    }
    out
}

/// The infrastructure resources of the elements a threat is about.
fn subject_resources(project: &Project, subjects: &[&str]) -> Vec<String> {
    let elements = subject_elements(project, subjects);
    project
        .diagrams
        .iter()
        .flat_map(|d| &d.elements)
        .filter(|e| elements.contains(&e.id.as_str()))
        .flat_map(|e| e.resources.iter().map(|r| r.id.trim().to_owned()))
        .filter(|r| !r.is_empty())
        .collect()
}

/// The logical id of the resource a result is on: from a logical location (cfn_nag), a
/// `Resources/Id` path in the message (cfn-guard, cfn-lint), the line range in a template
/// the result names (checkov, KICS, trivy, cfn-lint), or a known id in the message.
fn resource_of(
    result: &ScanResult,
    templates: &[Template],
    known: &BTreeSet<&str>,
) -> Option<String> {
    if let Some(l) = result
        .logical
        .iter()
        .find(|l| known.contains(l.as_str()))
        .or_else(|| result.logical.first())
    {
        // "Resources/OrdersTable" or "OrdersTable" alike.
        return Some(l.rsplit(['/', '.']).next().unwrap_or(l).to_owned())
            .filter(|s| known.contains(s.as_str()))
            .or_else(|| Some(l.clone()));
    }
    if let Some(id) = path_resource(&result.message) {
        return Some(id);
    }
    if let Some(line) = result.start_line {
        let named: Vec<&Template> = templates
            .iter()
            .filter(|t| t.is_named_by(&result.uri))
            .collect();
        let candidates: Vec<&Template> = if named.is_empty() && templates.len() == 1 {
            templates.iter().collect()
        } else {
            named
        };
        if let Some(r) = candidates.iter().find_map(|t| t.resource_at(line)) {
            return Some(r.id.clone());
        }
    }
    if !result.snippet_key.is_empty() {
        return Some(result.snippet_key.clone());
    }
    known
        .iter()
        .find(|id| contains_word(&result.message, id))
        .map(|id| (*id).to_owned())
}

/// "…Path=/Resources/LegacyFunction/Properties…" → "LegacyFunction".
fn path_resource(message: &str) -> Option<String> {
    let at = message.find("Resources/")?;
    let id: String = message[at + "Resources/".len()..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    (!id.is_empty()).then_some(id)
}

fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
            && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

fn check(
    control: &Control,
    scope: &[String],
    evidence: &[EvidenceFile],
    placed: &Index<'_, '_>,
    templates: &[Template],
    today: &str,
) -> ControlResult {
    let mut out = ControlResult {
        control: control.label(),
        tool: control.tool().to_owned(),
        state: ControlState::NotRun,
        detail: String::new(),
        failures: Vec::new(),
        evidence: String::new(),
        spec: control.clone(),
    };
    match control {
        Control::Scanner {
            tool,
            rule,
            resources,
        } => {
            let scope: Vec<String> = if resources.is_empty() {
                scope.to_vec()
            } else {
                resources.iter().map(|r| r.trim().to_owned()).collect()
            };
            if scope.is_empty() {
                out.detail = "no infrastructure resource is named on the threat's element: give its logical id (the element's resources) or the control's resources".to_owned();
                return out;
            }
            check_scanner(&mut out, tool, rule, &scope, evidence, placed, templates);
        }
        Control::Test { name } => {
            let mut seen = Vec::new();
            for f in evidence {
                let Content::Junit(cases) = &f.content else {
                    continue;
                };
                for c in cases {
                    let full_dot = format!("{}.{}", c.classname, c.name);
                    let full_colons = format!("{}::{}", c.classname, c.name);
                    if [&c.name, &full_dot, &full_colons]
                        .iter()
                        .any(|n| n.as_str() == name.trim())
                    {
                        seen.push((f, c));
                    }
                }
            }
            if let Some((f, c)) = seen
                .iter()
                .find(|(_, c)| matches!(c.outcome, TestOutcome::Failed(_)))
            {
                out.state = ControlState::Failing;
                out.evidence = f.path.display().to_string();
                let TestOutcome::Failed(m) = &c.outcome else {
                    return out;
                };
                out.detail = format!("test {name} failed");
                out.failures.push(Failure {
                    resource: String::new(),
                    message: m.clone(),
                    place: c.classname.clone(),
                    file: f.path.display().to_string(),
                });
            } else if let Some((f, _)) = seen.iter().find(|(_, c)| c.outcome == TestOutcome::Passed)
            {
                out.state = ControlState::Passing;
                out.evidence = f.path.display().to_string();
                out.detail = format!("test {name} passed");
            } else if seen.is_empty() {
                out.detail = format!("no test named {name} in the JUnit evidence");
            } else {
                out.detail = format!("test {name} was skipped");
            }
        }
        Control::Manual {
            evidence: text,
            reviewed,
            ..
        } => {
            let reviewed = reviewed.trim();
            let days = crate::model::parse_date(reviewed)
                .zip(crate::model::parse_date(today))
                .map(|(r, t)| days_between(r, t));
            (out.state, out.detail) = match days {
                _ if text.trim().is_empty() => {
                    (ControlState::NotRun, "no evidence recorded".to_owned())
                }
                None if reviewed.is_empty() => (ControlState::NotRun, "never reviewed".to_owned()),
                None => (
                    ControlState::NotRun,
                    format!("review date {reviewed:?} is not a date (YYYY-MM-DD)"),
                ),
                Some(d) if d < 0 => (
                    ControlState::NotRun,
                    format!("reviewed {reviewed}, which is after today"),
                ),
                Some(d) if d > 365 => (
                    ControlState::NotRun,
                    format!("last reviewed {reviewed}, over a year ago"),
                ),
                Some(_) => (
                    ControlState::Passing,
                    format!("reviewed {reviewed}: {}", text.trim()),
                ),
            };
        }
    }
    out
}

/// Scanner results in JUnit form (checkov's `-o junitxml`: one test case per check and
/// resource, `[NONE][CKV_AWS_18] …` in `classname` `…AWS::S3::Bucket.InvoiceBucket`):
/// the cases of `rule`, each with the resource of `scope` it is on, if any.
fn junit_checks<'a>(
    evidence: &'a [EvidenceFile],
    rule: &str,
    scope: &[String],
) -> Vec<(&'a EvidenceFile, &'a super::TestCase, Option<String>)> {
    let tag = format!("[{}]", rule.trim()).to_lowercase();
    let mut out = Vec::new();
    for f in evidence {
        let Content::Junit(cases) = &f.content else {
            continue;
        };
        for c in cases
            .iter()
            .filter(|c| c.name.to_lowercase().contains(&tag))
        {
            let resource = scope
                .iter()
                .find(|r| c.classname == **r || c.classname.ends_with(&format!(".{r}")))
                .cloned();
            out.push((f, c, resource));
        }
    }
    out
}

fn check_scanner(
    out: &mut ControlResult,
    tool: &str,
    rule: &str,
    scope: &[String],
    evidence: &[EvidenceFile],
    placed: &Index<'_, '_>,
    templates: &[Template],
) {
    let runs: Vec<(&EvidenceFile, &super::ScanRun)> = evidence
        .iter()
        .flat_map(|f| match &f.content {
            Content::Sarif(runs) => runs.iter().map(|r| (f, r)).collect(),
            Content::Junit(_) => Vec::new(),
        })
        .filter(|(_, r)| same_tool(&r.tool, tool))
        .collect();
    let ran: Vec<&(&EvidenceFile, &super::ScanRun)> = runs
        .iter()
        .filter(|(_, r)| r.succeeded && !r.disabled.iter().any(|d| d.eq_ignore_ascii_case(rule)))
        .collect();
    let checks = junit_checks(evidence, rule, scope);
    if ran.is_empty() && checks.is_empty() {
        out.detail = if runs.is_empty() {
            format!("no {tool} results among the evidence")
        } else {
            format!("{tool} ran with {rule} turned off, or its run failed")
        };
        return;
    }
    if let Some((file, _)) = ran.first() {
        out.evidence = file.path.display().to_string();
    }
    let in_scope = |p: &Placed<'_>| p.resource.as_ref().is_some_and(|r| scope.contains(r));
    for p in placed
        .of(tool, rule)
        .filter(|p| p.result.is_finding() && in_scope(p))
    {
        let mut message = p.result.message.clone();
        if let Some(why) = &p.result.suppressed {
            message = format!("{message} (suppressed in {tool}: {why})");
        }
        out.failures.push(Failure {
            resource: p.resource.clone().unwrap_or_default(),
            message,
            place: p.result.place(),
            file: p.file.path.display().to_string(),
        });
        out.evidence = p.file.path.display().to_string();
    }
    for (f, c, resource) in &checks {
        if let (TestOutcome::Failed(m), Some(r)) = (&c.outcome, resource) {
            // One result per resource: SARIF and JUnit of the same run say the same thing.
            if !out.failures.iter().any(|x| &x.resource == r) {
                out.failures.push(Failure {
                    resource: r.clone(),
                    message: m.lines().next().unwrap_or("").to_owned(),
                    place: c.classname.clone(),
                    file: f.path.display().to_string(),
                });
                out.evidence = f.path.display().to_string();
            }
        }
    }
    let on = format!(" on {}", scope.join(", "));
    if !out.failures.is_empty() {
        out.state = ControlState::Failing;
        out.detail = format!(
            "{tool} reports {rule}{on} ({} result{})",
            out.failures.len(),
            if out.failures.len() == 1 { "" } else { "s" }
        );
        return;
    }
    // Checks listed one by one (JUnit): passed where they ran; where the rule was checked
    // only on other resources, it does not apply to these.
    if !checks.is_empty() {
        let passed: Vec<&(&EvidenceFile, &super::TestCase, Option<String>)> = checks
            .iter()
            .filter(|(_, c, r)| r.is_some() && c.outcome == TestOutcome::Passed)
            .collect();
        if let Some((f, _, _)) = passed.first() {
            let mut on: Vec<&str> = passed.iter().filter_map(|(_, _, r)| r.as_deref()).collect();
            on.dedup();
            out.state = ControlState::Passing;
            out.evidence = f.path.display().to_string();
            out.detail = format!("{tool} checked {rule} on {}: passed", on.join(", "));
        } else {
            out.detail = format!(
                "{tool} checked {rule} on {} other resource{}, not{on}",
                checks.len(),
                if checks.len() == 1 { "" } else { "s" }
            );
        }
        return;
    }
    // "No result" is a pass only when the run could have had one: the tool knows the rule
    // (its log lists it, or some result is of it) and the resource is one it looked at (a
    // template given holds it, or the tool reported something on it). A control naming a
    // rule nobody ran, on a resource nobody scanned, proves nothing.
    let knows_rule = ran.iter().any(|(_, r)| {
        r.rules
            .iter()
            .any(|x| x.id.trim().eq_ignore_ascii_case(rule.trim()))
            || r.results
                .iter()
                .any(|x| x.rule.trim().eq_ignore_ascii_case(rule.trim()))
    });
    if !knows_rule {
        out.detail = format!(
            "unknown rule: {tool}'s run lists no rule {rule} among its rules or results, so nothing checked it"
        );
        return;
    }
    let scanned = |r: &String| {
        templates
            .iter()
            .any(|t| t.resources.iter().any(|x| &x.id == r))
            || placed
                .placed
                .iter()
                .any(|p| same_tool(p.tool, tool) && p.resource.as_ref() == Some(r))
    };
    let missing: Vec<&String> = scope.iter().filter(|r| !scanned(r)).collect();
    if !missing.is_empty() {
        out.detail = format!(
            "resource not in any template: {} {} in none of the templates given nor in {tool}'s results, so {tool} did not check {}",
            join_names(&missing),
            if missing.len() == 1 { "is" } else { "are" },
            if missing.len() == 1 { "it" } else { "them" }
        );
        return;
    }
    out.state = ControlState::Passing;
    out.detail = format!("{tool} ran {rule}: no result{on}");
}

fn join_names(names: &[&String]) -> String {
    names
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Days from `a` to `b`.
fn days_between(a: (i32, u32, u32), b: (i32, u32, u32)) -> i64 {
    let days = |(y, m, d): (i32, u32, u32)| {
        crate::foundation::time::days_from_civil(i64::from(y), i64::from(m), i64::from(d))
    };
    days(b) - days(a)
}
