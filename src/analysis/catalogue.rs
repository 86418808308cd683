//! Rule catalogues: the built-in one (RON under `assets/`, embedded in the binary) and a
//! project's custom one, which can add rules, override built-in rules by id, or disable
//! them.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use serde::Deserialize;

use super::expr::{self, Cond, Subject};
use crate::model::{ElementKind, Severity, Stride, check_id};

/// The format name at the top of a rule catalogue file.
pub const RULES_FORMAT: &str = "threatboard-rules";
pub const RULES_VERSION: u32 = 1;

/// Rules in one catalogue file: the built-in catalogue has under 100; a file with more
/// than this is refused, so a crafted catalogue cannot multiply the analysis' work.
pub const MAX_RULES_PER_FILE: usize = 1_000;

const BUILTIN_PATH: &str = "assets/rules/builtin.ron";
const BUILTIN_TEXT: &str = include_str!("../../assets/rules/builtin.ron");

/// An end of a flow, for a flow rule's `covers`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum End {
    Source,
    Target,
}

/// Where a rule's findings that say the same thing in several places become one threat
/// (`super::stages::merge`): findings of one diagram and one merge group (`merge_group`, else
/// the rule's id) with the same anchor are listed once, naming every place.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub enum Merge {
    /// Each finding stands alone.
    #[default]
    No,
    /// The element it is about (for a flow rule: the end it answers for, the target when it
    /// answers for both or neither).
    Element,
    /// A flow's source (an element rule's element).
    Source,
    /// A flow's target (an element rule's element): "injection into this store, through
    /// each service in front of it".
    Target,
    /// One per diagram.
    Diagram,
}

/// What a rule can apply to, as written in a catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum Target {
    Process,
    DataStore,
    ExternalEntity,
    Flow,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogueFile {
    format: String,
    version: u32,
    #[serde(default)]
    rules: Vec<RuleDef>,
    /// Ids of rules (usually built-in ones) to switch off.
    #[serde(default)]
    disable: Vec<String>,
}

fn always() -> String {
    "true".into()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleDef {
    id: String,
    category: Stride,
    targets: Vec<Target>,
    /// Part of the STRIDE-per-element baseline rather than a conditional rule.
    #[serde(default)]
    baseline: bool,
    #[serde(default = "always")]
    when: String,
    title: String,
    description: String,
    severity: Severity,
    #[serde(default)]
    mitigations: Vec<String>,
    #[serde(default)]
    references: Vec<String>,
    /// For a flow rule: the ends whose STRIDE cell its finding answers (a missing input
    /// check at the target answers "tampering with the target").
    #[serde(default)]
    covers: Vec<End>,
    /// The rule is about third-party elements; every other rule leaves their internals
    /// to the provider.
    #[serde(default)]
    third_party: bool,
    /// Ids of more specific rules: when one of them fires on the same subject, this one
    /// is left out (its STRIDE cell is answered by the specific one).
    #[serde(default)]
    unless: Vec<String>,
    /// The attack rides in the data (injection, malicious files): its likelihood follows
    /// where the data comes from, not only the flow's own exposure.
    #[serde(default)]
    injection: bool,
    /// Other STRIDE categories its finding answers too ("read and altered in transit"
    /// answers tampering as well as information disclosure).
    #[serde(default)]
    also: Vec<Stride>,
    /// Findings that say the same in several places are one threat (see [`Merge`]).
    #[serde(default)]
    merge: Merge,
    /// Rules whose findings merge with each other name one group (default: the rule's id).
    #[serde(default)]
    merge_group: String,
}

/// What a compiled rule applies to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AppliesTo {
    /// Elements of these kinds (indexed by [`ElementKind`] order).
    Elements(Vec<ElementKind>),
    Flows,
}

/// A placeholder in a title or description.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placeholder {
    Element,
    Flow,
    Source,
    Target,
    Boundary,
    Protocol,
    Diagram,
    /// What the model knows about the subject, as a sentence.
    Context,
    /// Who calls it from outside, by name and kind ("Customer (signed-in user)").
    Callers,
    /// The people (and partners) among its callers, by name and kind; all its callers
    /// when none is a person.
    People,
    /// The people among them with an account of some kind: not the anonymous public beside
    /// them (the people when only the public calls).
    Members,
    /// The kinds of data it handles ("credentials and personal data").
    Data,
    /// The business rules an element's description states, quoted ("“max 3 bids per
    /// cycle”").
    Rules,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Text(String),
    Slot(Placeholder),
}

/// A title or description with `{element}`, `{flow}`, `{source}`, `{target}`,
/// `{boundary}`, `{protocol}` or `{diagram}` in it; `{{` and `}}` are literal braces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template(pub Vec<Segment>);

impl Template {
    fn parse(text: &str, subject: Subject) -> Result<Self, String> {
        let mut segments = Vec::new();
        let mut literal = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    literal.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    literal.push('}');
                }
                '{' => {
                    let name: String = chars.by_ref().take_while(|&c| c != '}').collect();
                    let slot = match (name.as_str(), subject) {
                        ("element", Subject::Element) => Placeholder::Element,
                        ("flow", Subject::Flow) => Placeholder::Flow,
                        ("source", Subject::Flow) => Placeholder::Source,
                        ("target", Subject::Flow) => Placeholder::Target,
                        ("boundary", Subject::Flow) => Placeholder::Boundary,
                        ("protocol", Subject::Flow) => Placeholder::Protocol,
                        ("diagram", _) => Placeholder::Diagram,
                        ("context", _) => Placeholder::Context,
                        ("callers", _) => Placeholder::Callers,
                        ("people", _) => Placeholder::People,
                        ("members", _) => Placeholder::Members,
                        ("data", _) => Placeholder::Data,
                        ("rules", Subject::Element) => Placeholder::Rules,
                        _ => {
                            let allowed = match subject {
                                Subject::Element => {
                                    "{element}, {diagram}, {context}, {callers}, {people}, {members}, {data}, {rules}"
                                }
                                Subject::Flow => {
                                    "{flow}, {source}, {target}, {boundary}, {protocol}, {diagram}, {context}, {callers}, {people}, {members}, {data}"
                                }
                            };
                            return Err(format!(
                                "unknown placeholder {{{name}}}; this rule can use {allowed}"
                            ));
                        }
                    };
                    if !literal.is_empty() {
                        segments.push(Segment::Text(std::mem::take(&mut literal)));
                    }
                    segments.push(Segment::Slot(slot));
                }
                '}' => return Err("a lone `}`; write `}}` for a brace".into()),
                c => literal.push(c),
            }
        }
        if !literal.is_empty() {
            segments.push(Segment::Text(literal));
        }
        Ok(Self(segments))
    }

    /// Renders with `fill` supplying each placeholder's text.
    pub fn render<'a>(&self, fill: impl Fn(Placeholder) -> &'a str) -> String {
        let mut out = String::with_capacity(96);
        // An empty slot ("{context}" where the model says nothing) takes the space after
        // it along, not leaving "  " or a leading space.
        let mut after_empty = false;
        for s in &self.0 {
            match s {
                Segment::Text(t) => {
                    let t = if after_empty && (out.is_empty() || out.ends_with(' ')) {
                        t.strip_prefix(' ').unwrap_or(t)
                    } else {
                        t
                    };
                    out.push_str(t);
                    after_empty = false;
                }
                Segment::Slot(p) => {
                    let text = fill(*p);
                    after_empty = text.is_empty();
                    out.push_str(text);
                }
            }
        }
        out
    }
}

/// A compiled rule.
#[derive(Clone, Debug)]
pub struct Rule {
    pub id: Arc<str>,
    pub category: Stride,
    pub applies_to: AppliesTo,
    pub baseline: bool,
    /// The condition as written.
    pub when: String,
    pub cond: Cond,
    /// For a flow rule: the (source kind, target kind) pairs it can fire on, from its kind
    /// tests (see [`Cond::flow_kind_mask`]); other flows are not evaluated.
    pub kind_mask: u16,
    /// The condition tests exposure (a boundary crossing) itself.
    pub tests_exposure: bool,
    /// The condition tests exposure to the internet itself, so its severity already
    /// states it.
    pub tests_internet: bool,
    /// For a flow rule: whether its finding answers the source's / target's STRIDE cell.
    pub covers_source: bool,
    pub covers_target: bool,
    /// About third-party elements (see [`RuleDef`]).
    pub third_party: bool,
    /// More specific rules that make this one redundant on the same subject.
    pub unless: Vec<String>,
    /// The attack rides in the data (see [`RuleDef`]).
    pub injection: bool,
    /// Other categories its finding answers.
    pub also: Vec<Stride>,
    /// Its texts use `{context}`, `{callers}` or `{data}` (built only for the findings that
    /// need them).
    pub uses_context: bool,
    pub title: Template,
    pub description: Template,
    /// The rule's severity; raised one level for exposed subjects unless the condition
    /// tests exposure itself (see `docs/rules.md`).
    pub severity: Severity,
    /// Suggested mitigations (templates like the title).
    pub mitigations: Vec<Template>,
    /// Where findings saying the same in several places become one (see [`Merge`]).
    pub merge: Merge,
    /// The merge group: rules naming one merge as one threat.
    pub merge_group: Arc<str>,
    pub references: Vec<String>,
    /// Where the rule came from: the built-in catalogue or a custom file.
    pub origin: Arc<str>,
}

/// How a custom catalogue changed the built-in rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A rule the built-in catalogue does not have.
    Added,
    /// A built-in rule replaced by one with the same id.
    Overridden,
    /// A built-in rule switched off.
    Disabled,
}

impl ChangeKind {
    pub fn verb(self) -> &'static str {
        match self {
            Self::Added => "add",
            Self::Overridden => "override",
            Self::Disabled => "disable",
        }
    }
}

/// One difference between the rules in force and the built-in catalogue, and the file
/// that made it. Shown wherever a decision is made: a project that weakens the CI gate
/// must say so.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct RuleChange {
    pub change: ChangeKind,
    pub rule: String,
    /// The catalogue file that made the change, as it was named.
    pub origin: String,
}

/// Every change, in one sentence: "The rules in force differ from the built-in ones:
/// 2 built-in rules disabled (a, b); 1 added (c) — by rules/org.ron." `None` when the
/// built-in rules are used as they are.
pub fn describe_changes(changes: &[RuleChange]) -> Option<String> {
    if changes.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    for (kind, what) in [
        (ChangeKind::Disabled, "built-in rule(s) disabled"),
        (ChangeKind::Overridden, "built-in rule(s) overridden"),
        (ChangeKind::Added, "rule(s) added"),
    ] {
        let ids: Vec<&str> = changes
            .iter()
            .filter(|c| c.change == kind)
            .map(|c| c.rule.as_str())
            .collect();
        if !ids.is_empty() {
            parts.push(format!("{} {what} ({})", ids.len(), ids.join(", ")));
        }
    }
    let mut origins: Vec<&str> = changes.iter().map(|c| c.origin.as_str()).collect();
    origins.sort_unstable();
    origins.dedup();
    Some(format!(
        "The rules in force differ from the built-in ones: {} — by {}.",
        parts.join("; "),
        origins.join(", ")
    ))
}

/// A set of rules, ready to evaluate.
#[derive(Clone, Debug, Default)]
pub struct Catalogue {
    /// Sorted by category, then id: findings come out in that order.
    rules: Vec<Arc<Rule>>,
    /// How these rules differ from the built-in catalogue, in the order the files said it.
    changes: Vec<RuleChange>,
}

/// A catalogue that cannot be used, with the file, place and rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueError {
    pub path: PathBuf,
    pub position: Option<(usize, usize)>,
    pub rule: Option<String>,
    pub message: String,
}

impl fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some((line, col)) = self.position {
            write!(f, ":{line}:{col}")?;
        }
        f.write_str(": ")?;
        if let Some(rule) = &self.rule {
            write!(f, "rule {rule}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for CatalogueError {}

/// 1-based line and column of byte `offset` in `text`.
fn position_of(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Where the string value of `field` of rule `id` starts (just after its opening quote).
fn field_position(text: &str, id: &str, field: &str) -> Option<(usize, usize)> {
    let rule_at = text.find(&format!("\"{id}\""))?;
    let rest = &text[rule_at..];
    let field_at = rest.find(&format!("{field}:"))?;
    let quote = rest[field_at..].find('"')?;
    Some(position_of(text, rule_at + field_at + quote + 1))
}

fn rule_position(text: &str, id: &str) -> Option<(usize, usize)> {
    text.find(&format!("\"{id}\""))
        .map(|at| position_of(text, at))
}

impl Catalogue {
    /// The built-in catalogue (parsed once).
    pub fn builtin() -> Result<Catalogue, CatalogueError> {
        static BUILTIN: OnceLock<Result<Catalogue, CatalogueError>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                let builtin = Catalogue::default()
                    .merged(BUILTIN_TEXT, Path::new(BUILTIN_PATH))
                    .map(|mut c| {
                        // The built-in rules are the reference point, not a change.
                        c.changes.clear();
                        c
                    });
                if let Ok(c) = &builtin {
                    let _ = BUILTIN_IDS.set(c.rules.iter().map(|r| r.id.to_string()).collect());
                }
                builtin
            })
            .clone()
    }

    /// The built-in catalogue's source text (for documentation and export).
    pub fn builtin_text() -> &'static str {
        BUILTIN_TEXT
    }

    pub fn rules(&self) -> &[Arc<Rule>] {
        &self.rules
    }

    pub fn rule(&self, id: &str) -> Option<&Arc<Rule>> {
        self.rules.iter().find(|r| &*r.id == id)
    }

    /// How these rules differ from the built-in catalogue (empty when they do not).
    pub fn changes(&self) -> &[RuleChange] {
        &self.changes
    }

    /// This catalogue with the catalogue text `text` applied on top: its rules replace
    /// rules with the same id or are added, and the ids in its `disable` list are removed.
    pub fn merged(&self, text: &str, path: &Path) -> Result<Catalogue, CatalogueError> {
        let err = |position: Option<(usize, usize)>, rule: Option<&str>, message: String| {
            CatalogueError {
                path: path.to_owned(),
                position,
                rule: rule.map(str::to_owned),
                message,
            }
        };
        // A file that is not a rule catalogue at all (a project can only name one; the
        // user may have been tricked into naming `/etc/passwd` or a token file) is refused
        // without quoting it: the parser's messages echo the words it trips over.
        if !has_catalogue_header(text) {
            return Err(err(
                None,
                None,
                format!(
                    "not a Threatboard rule catalogue: it does not declare format: {RULES_FORMAT:?} (its content is not shown)"
                ),
            ));
        }
        let file: CatalogueFile = ron::Options::default()
            .with_recursion_limit(64)
            .from_str(text)
            .map_err(|e| {
                err(
                    Some((e.span.start.line.max(1), e.span.start.col.max(1))),
                    None,
                    e.code.to_string(),
                )
            })?;
        if file.format != RULES_FORMAT {
            return Err(err(
                None,
                None,
                format!("not a rule catalogue: its format is not {RULES_FORMAT:?}"),
            ));
        }
        if file.rules.len() > MAX_RULES_PER_FILE {
            return Err(err(
                None,
                None,
                format!(
                    "the file has {} rules; a catalogue file holds at most {MAX_RULES_PER_FILE}",
                    file.rules.len()
                ),
            ));
        }
        if file.version == 0 || file.version > RULES_VERSION {
            return Err(err(
                None,
                None,
                format!(
                    "catalogue format version {} is not supported (this Threatboard reads version {RULES_VERSION})",
                    file.version
                ),
            ));
        }
        let origin: Arc<str> = Arc::from(path.display().to_string());
        let mut rules = self.rules.clone();
        let mut changes = self.changes.clone();
        let origin_name = origin.to_string();
        let mut seen = std::collections::HashSet::new();
        for def in file.rules {
            let id = def.id.clone();
            if let Err(e) = check_id(&id) {
                return Err(err(rule_position(text, &id), Some(&id), e.to_string()));
            }
            if id == crate::model::ThreatKey::MANUAL_RULE {
                return Err(err(
                    rule_position(text, &id),
                    Some(&id),
                    "this id is kept for threats written by hand (their decisions are filed as `manual@ID`); give the rule another id".into(),
                ));
            }
            if !seen.insert(id.clone()) {
                return Err(err(
                    rule_position(text, &id),
                    Some(&id),
                    "this id is used by two rules in the file".into(),
                ));
            }
            let rule = compile_rule(def, &origin).map_err(|(field, e)| match e {
                FieldError::Expr(e) => {
                    let position = field_position(text, &id, field).map(|(line, col)| {
                        if e.line == 1 {
                            (line, col + e.col - 1)
                        } else {
                            (line + e.line - 1, e.col)
                        }
                    });
                    err(position, Some(&id), format!("condition: {}", e.message))
                }
                FieldError::Other(message) => err(
                    field_position(text, &id, field).or_else(|| rule_position(text, &id)),
                    Some(&id),
                    message,
                ),
            })?;
            match rules.iter_mut().find(|r| r.id == rule.id) {
                Some(slot) => {
                    if slot.is_builtin() {
                        changes.push(RuleChange {
                            change: ChangeKind::Overridden,
                            rule: id.clone(),
                            origin: origin_name.clone(),
                        });
                    }
                    *slot = Arc::new(rule);
                }
                None => {
                    changes.push(RuleChange {
                        change: ChangeKind::Added,
                        rule: id.clone(),
                        origin: origin_name.clone(),
                    });
                    rules.push(Arc::new(rule));
                }
            }
        }
        for id in &file.disable {
            let Some(at) = rules.iter().position(|r| &*r.id == id.as_str()) else {
                let at = text
                    .rfind(&format!("\"{id}\""))
                    .map(|at| position_of(text, at));
                return Err(err(
                    at,
                    None,
                    format!("`disable` names {id:?}, which is not a rule"),
                ));
            };
            rules.remove(at);
            // Switching off a rule a custom file added is no change to the built-in set;
            // switching off a built-in one (even one a file had overridden) is.
            changes.retain(|c| c.rule != *id);
            if BUILTIN_IDS.get().is_some_and(|ids| ids.contains(id)) {
                changes.push(RuleChange {
                    change: ChangeKind::Disabled,
                    rule: id.clone(),
                    origin: origin_name.clone(),
                });
            }
        }
        rules.sort_by(|a, b| (a.category, &a.id).cmp(&(b.category, &b.id)));
        Ok(Catalogue { rules, changes })
    }
}

/// Ids of the built-in rules (set when the built-in catalogue is first parsed).
static BUILTIN_IDS: OnceLock<std::collections::HashSet<String>> = OnceLock::new();

impl Rule {
    /// The rule comes from the built-in catalogue, unchanged.
    pub fn is_builtin(&self) -> bool {
        &*self.origin == BUILTIN_PATH
    }
}

/// Whether `text` declares itself a rule catalogue (`format: "threatboard-rules"`), before
/// anything else is parsed.
fn has_catalogue_header(text: &str) -> bool {
    text.match_indices("format").any(|(at, _)| {
        let rest = text[at + "format".len()..].trim_start();
        rest.strip_prefix(':')
            .map(str::trim_start)
            .and_then(|r| r.strip_prefix('"'))
            .is_some_and(|r| {
                r.starts_with(RULES_FORMAT) && r[RULES_FORMAT.len()..].starts_with('"')
            })
    })
}

enum FieldError {
    Expr(expr::ExprError),
    Other(String),
}

fn compile_rule(def: RuleDef, origin: &Arc<str>) -> Result<Rule, (&'static str, FieldError)> {
    let flows = def.targets.contains(&Target::Flow);
    let elements: Vec<ElementKind> = def
        .targets
        .iter()
        .filter_map(|t| match t {
            Target::Process => Some(ElementKind::Process),
            Target::DataStore => Some(ElementKind::DataStore),
            Target::ExternalEntity => Some(ElementKind::ExternalEntity),
            Target::Flow => None,
        })
        .collect();
    if !flows && !def.covers.is_empty() {
        return Err((
            "covers",
            FieldError::Other(
                "`covers` names the ends of a flow; this rule is not about flows".into(),
            ),
        ));
    }
    let (subject, applies_to) = match (flows, elements.is_empty()) {
        (true, true) => (Subject::Flow, AppliesTo::Flows),
        (false, false) => (Subject::Element, AppliesTo::Elements(elements)),
        (false, true) => return Err(("targets", FieldError::Other("`targets` is empty".into()))),
        (true, false) => {
            return Err((
                "targets",
                FieldError::Other(
                    "a rule targets either flows or elements, not both; split it in two".into(),
                ),
            ));
        }
    };
    let compiled =
        expr::compile_full(&def.when, subject).map_err(|e| ("when", FieldError::Expr(e)))?;
    let title = Template::parse(&def.title, subject)
        .map_err(|e| ("title", FieldError::Other(format!("title: {e}"))))?;
    let description = Template::parse(&def.description, subject).map_err(|e| {
        (
            "description",
            FieldError::Other(format!("description: {e}")),
        )
    })?;
    let mitigations = def
        .mitigations
        .iter()
        .map(|m| Template::parse(m, subject))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| {
            (
                "mitigations",
                FieldError::Other(format!("mitigations: {e}")),
            )
        })?;
    let uses_context = [&title, &description]
        .into_iter()
        .chain(mitigations.iter())
        .any(|t| {
            t.0.iter().any(|s| {
                matches!(
                    s,
                    Segment::Slot(
                        Placeholder::Context
                            | Placeholder::Callers
                            | Placeholder::People
                            | Placeholder::Members
                            | Placeholder::Data
                            | Placeholder::Rules
                    )
                )
            })
        });
    let merge_group: Arc<str> = if def.merge_group.is_empty() {
        Arc::from(def.id.as_str())
    } else {
        Arc::from(def.merge_group)
    };
    Ok(Rule {
        id: Arc::from(def.id),
        category: def.category,
        applies_to,
        baseline: def.baseline,
        when: def.when,
        kind_mask: compiled.cond.flow_kind_mask(),
        cond: compiled.cond,
        tests_exposure: compiled.tests_exposure,
        tests_internet: compiled.tests_internet,
        covers_source: def.covers.contains(&End::Source),
        covers_target: def.covers.contains(&End::Target),
        third_party: def.third_party,
        unless: def.unless,
        injection: def.injection,
        also: def.also,
        uses_context,
        title,
        description,
        severity: def.severity,
        mitigations,
        merge: def.merge,
        merge_group,
        references: def.references,
        origin: origin.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A slot the model has nothing for leaves no stray space behind.
    #[test]
    fn an_empty_slot_takes_its_space_along() {
        let t = Template::parse("{context} {element} signs people in.", Subject::Element)
            .expect("a valid template");
        let fill = |context: &'static str| {
            move |p| match p {
                Placeholder::Context => context,
                _ => "Login service",
            }
        };
        assert_eq!(t.render(fill("")), "Login service signs people in.");
        assert_eq!(
            t.render(fill("A web application.")),
            "A web application. Login service signs people in."
        );
    }
}
