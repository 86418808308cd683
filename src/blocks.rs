//! Security-approved building blocks: elements the security team reviewed once (an API
//! gateway with an authorizer, an encrypted table …), with their properties, the
//! infrastructure resources they are, and their threats decided in advance with the
//! controls that verify each mitigation.
//!
//! A library is a RON file shared between projects (`format: "threatboard-blocks"`); a
//! project names its libraries by path. Placing a block creates the element and records
//! its decisions as made by the block ("block encrypted-table v3 (approved by …)"), each
//! still visible and overridable. When a library's block gets a new version, projects that
//! use it are told and can take the update in one undoable step.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::edit::Edit;
use crate::io::{FileError, FileErrorKind};
use crate::model::{
    BlockRef, Control, DiagramId, Element, ElementId, ElementProps, Pos, Project, Rect, Resource,
    Status, ThreatKey, ThreatRecord, check_id,
};

/// The format name at the top of every block library.
pub const LIBRARY_FORMAT: &str = "threatboard-blocks";
pub const LIBRARY_VERSION: u32 = 1;
/// The largest library read.
pub const MAX_LIBRARY_BYTES: u64 = 4 * 1024 * 1024;
pub const MAX_BLOCKS: usize = 1_000;
pub const MAX_DECISIONS: usize = 200;

/// The starter library for serverless on AWS, built in (also `samples/aws-serverless.blocks.ron`).
const STARTER: &str = include_str!("../samples/aws-serverless.blocks.ron");

/// A library of approved blocks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Library {
    pub format: String,
    pub version: u32,
    /// Short and stable: elements name their library by it ("aws-serverless").
    pub name: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub blocks: Vec<Block>,
}

/// One approved block.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Block {
    pub id: String,
    /// The element's name when placed.
    pub name: String,
    /// Goes up with every change the security team approves.
    pub version: u32,
    pub approved_by: String,
    /// YYYY-MM-DD.
    #[serde(default)]
    pub approved_at: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub technology: String,
    pub props: ElementProps,
    /// The infrastructure resource types it is made of (`AWS::DynamoDB::Table`); placed
    /// elements get them with empty logical ids for the team to fill in.
    #[serde(default)]
    pub resources: Vec<String>,
    /// Threats decided in advance.
    #[serde(default)]
    pub decisions: Vec<Decision>,
}

/// A threat the block decides: the rule (on the placed element), the decision, the
/// mitigation and the controls that verify it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub rule: String,
    pub status: Status,
    #[serde(default)]
    pub mitigation: String,
    #[serde(default)]
    pub justification: String,
    #[serde(default)]
    pub controls: Vec<Control>,
}

impl Library {
    /// The starter library for serverless on AWS.
    pub fn starter() -> Self {
        // Its text is checked by the tests; a broken one would fail them, not the app.
        Self::parse(STARTER, Path::new("aws-serverless.blocks.ron")).unwrap_or_else(|_| Self {
            format: LIBRARY_FORMAT.into(),
            version: LIBRARY_VERSION,
            name: "aws-serverless".into(),
            title: String::new(),
            description: String::new(),
            blocks: Vec::new(),
        })
    }

    pub fn load(path: &Path) -> Result<Self, FileError> {
        let bytes = crate::io::read_limited(path, MAX_LIBRARY_BYTES)?;
        let text =
            String::from_utf8(bytes).map_err(|_| FileError::new(path, FileErrorKind::NotText))?;
        Self::parse(&text, path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Self, FileError> {
        if crate::foundation::read::declared_format(text).is_none() {
            return Err(FileError::new(
                path,
                FileErrorKind::Invalid(format!(
                    "not a block library: expected `format: {LIBRARY_FORMAT:?}` at the start (its content is not shown)"
                )),
            )
            .at(Some((1, 1))));
        }
        let lib: Library = ron::Options::default()
            .with_recursion_limit(64)
            .from_str(text)
            .map_err(|e| FileError {
                path: path.to_owned(),
                position: (e.span.start.line > 0)
                    .then_some((e.span.start.line, e.span.start.col.max(1))),
                kind: FileErrorKind::Syntax(e.code.to_string()),
            })?;
        let invalid = |m: String| FileError::new(path, FileErrorKind::Invalid(m));
        if lib.format != LIBRARY_FORMAT {
            return Err(invalid(format!(
                "not a block library: format is {:?}, expected {LIBRARY_FORMAT:?}",
                lib.format
            )));
        }
        if lib.version == 0 || lib.version > LIBRARY_VERSION {
            return Err(invalid(format!(
                "block library format version {} (this Threatboard reads up to {LIBRARY_VERSION})",
                lib.version
            )));
        }
        check_id(&lib.name).map_err(|e| invalid(format!("library name {:?}: {e}", lib.name)))?;
        if lib.blocks.len() > MAX_BLOCKS {
            return Err(invalid(format!("more than {MAX_BLOCKS} blocks")));
        }
        let mut seen = std::collections::HashSet::new();
        for b in &lib.blocks {
            let at = |m: String| invalid(format!("block {:?}: {m}", b.id));
            check_id(&b.id).map_err(|e| at(e.to_string()))?;
            if !seen.insert(b.id.as_str()) {
                return Err(at("the id is used twice".into()));
            }
            if b.version == 0 {
                return Err(at("versions start at 1".into()));
            }
            if b.name.trim().is_empty() || b.approved_by.trim().is_empty() {
                return Err(at("a block needs a name and who approved it".into()));
            }
            if b.decisions.len() > MAX_DECISIONS {
                return Err(at(format!("more than {MAX_DECISIONS} decisions")));
            }
            for d in &b.decisions {
                check_id(&d.rule).map_err(|e| at(format!("rule {:?}: {e}", d.rule)))?;
                if d.status.needs_justification() && !crate::model::has_words(&d.justification) {
                    return Err(at(format!(
                        "rule {}: {} needs a justification",
                        d.rule,
                        d.status.label().to_lowercase()
                    )));
                }
            }
        }
        Ok(lib)
    }

    pub fn block(&self, id: &str) -> Option<&Block> {
        self.blocks.iter().find(|b| b.id == id)
    }
}

/// The libraries a project can use: those it names (resolved inside its folder or trusted
/// folders) and the built-in starter library (unless a named one has its name). Each
/// library that cannot be read is an error message; the others still load.
pub fn for_project(
    project: &Project,
    project_path: Option<&Path>,
    trusted: &[PathBuf],
) -> (Vec<Library>, Vec<String>) {
    let mut libs = Vec::new();
    let mut errors = Vec::new();
    for reference in &project.libraries {
        match crate::io::reference::resolve("block library", reference, project_path, trusted) {
            Ok(path) => match Library::load(&path) {
                Ok(l) => libs.push(l),
                Err(e) => errors.push(e.to_string()),
            },
            Err(e) => errors.push(e.to_string()),
        }
    }
    let starter = Library::starter();
    if !libs.iter().any(|l: &Library| l.name == starter.name) {
        libs.push(starter);
    }
    (libs, errors)
}

fn block_ref(library: &Library, block: &Block) -> BlockRef {
    BlockRef {
        library: library.name.clone(),
        block: block.id.clone(),
        version: block.version,
        approved_by: block.approved_by.clone(),
    }
}

fn record(decision: &Decision, origin: &BlockRef, when: &str) -> ThreatRecord {
    ThreatRecord {
        status: decision.status,
        mitigation: decision.mitigation.clone(),
        justification: decision.justification.clone(),
        controls: decision.controls.clone(),
        decided_by: origin.label(),
        decided_at: when.to_owned(),
        block: Some(origin.clone()),
        ..ThreatRecord::default()
    }
}

/// The element a block makes, with a fresh id.
pub fn element(library: &Library, block: &Block) -> Element {
    let mut e = Element::new(block.props.kind(), block.name.clone());
    e.description = block.description.clone();
    e.technology = block.technology.clone();
    e.props = block.props.clone();
    e.resources = block
        .resources
        .iter()
        .map(|kind| Resource {
            id: String::new(),
            kind: kind.clone(),
        })
        .collect();
    e.block = Some(block_ref(library, block));
    e
}

/// Placing a block on a diagram, centred on `at`: the element and the block's decisions,
/// as one undoable edit. `when` is the time recorded on the decisions.
pub fn place(
    project: &Project,
    diagram: &DiagramId,
    library: &Library,
    block: &Block,
    at: Pos,
    when: &str,
) -> Option<(ElementId, Edit)> {
    let d = project.diagram(diagram)?;
    let element = element(library, block);
    let id = element.id.clone();
    let (w, h) = crate::scene::default_size(block.props.kind());
    let origin = block_ref(library, block);
    let mut steps = vec![Edit::InsertElement {
        diagram: diagram.clone(),
        index: d.elements.len(),
        element: Box::new(element),
        rect: Rect::new(at.x - w / 2.0, at.y - h / 2.0, w, h),
    }];
    for decision in &block.decisions {
        steps.push(Edit::SetRecord {
            key: ThreatKey::new(decision.rule.as_str(), &id),
            record: Some(Box::new(record(decision, &origin, when))),
        });
    }
    Some((id, Edit::Batch(steps)))
}

/// An element whose block has a newer approved version.
#[derive(Clone, Debug, PartialEq)]
pub struct Update {
    pub element: ElementId,
    pub element_name: String,
    pub library: String,
    pub block: String,
    pub from: u32,
    pub to: u32,
}

impl Update {
    pub fn describe(&self) -> String {
        format!(
            "{} was placed from block {} v{}; v{} is approved in library {}",
            self.element_name, self.block, self.from, self.to, self.library
        )
    }
}

/// The elements whose block has a newer version in `libraries`.
pub fn updates(project: &Project, libraries: &[Library]) -> Vec<Update> {
    let mut out = Vec::new();
    for e in project.diagrams.iter().flat_map(|d| &d.elements) {
        let Some(r) = &e.block else { continue };
        let Some(b) = libraries
            .iter()
            .find(|l| l.name == r.library)
            .and_then(|l| l.block(&r.block))
        else {
            continue;
        };
        if b.version > r.version {
            out.push(Update {
                element: e.id.clone(),
                element_name: e.name.clone(),
                library: r.library.clone(),
                block: r.block.clone(),
                from: r.version,
                to: b.version,
            });
        }
    }
    out
}

/// Takes a block's new version on one element, as one undoable edit: the block's
/// properties and technology (the name, description and resource ids the team gave stay),
/// and its decisions — those the team overrode stay theirs; those still the block's are
/// replaced, added or (when the new version no longer makes them) removed.
pub fn update(
    project: &Project,
    libraries: &[Library],
    element: &ElementId,
    when: &str,
) -> Option<Edit> {
    let (_, e) = project.element(element)?;
    let r = e.block.as_ref()?;
    let library = libraries.iter().find(|l| l.name == r.library)?;
    let block = library.block(&r.block)?;
    let origin = block_ref(library, block);
    let mut updated = e.clone();
    updated.props = block.props.clone();
    updated.technology = block.technology.clone();
    for kind in &block.resources {
        if !updated.resources.iter().any(|x| &x.kind == kind) {
            updated.resources.push(Resource {
                id: String::new(),
                kind: kind.clone(),
            });
        }
    }
    updated.block = Some(origin.clone());
    let mut steps = vec![Edit::UpdateElement(Box::new(updated))];
    let is_blocks = |k: &ThreatKey| {
        project
            .threats
            .get(k)
            .is_none_or(|rec| rec.block.as_ref().is_some_and(|b| b.block == r.block))
    };
    for (key, rec) in &project.threats {
        if key.subject().is_some_and(|s| s == element)
            && rec.block.as_ref().is_some_and(|b| b.block == r.block)
            && !block.decisions.iter().any(|d| d.rule == key.rule_id())
        {
            steps.push(Edit::SetRecord {
                key: key.clone(),
                record: None,
            });
        }
    }
    for decision in &block.decisions {
        let key = ThreatKey::new(decision.rule.as_str(), element);
        if is_blocks(&key) {
            steps.push(Edit::SetRecord {
                key,
                record: Some(Box::new(record(decision, &origin, when))),
            });
        }
    }
    Some(Edit::Batch(steps))
}
