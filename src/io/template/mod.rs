//! Infrastructure templates into diagrams: CloudFormation and SAM templates (YAML or JSON)
//! and Terraform plans (`terraform show -json`), each resource an element (or part of
//! one), the flows the template states, the account, VPCs and subnets as nested boundaries,
//! and a layout. The format is read from the content. `sync` compares a model with its
//! template again later.

/// The largest template read (CloudFormation's own limit is 1 MB; SAM and CDK output can
/// be larger before upload).
pub const MAX_TEMPLATE_BYTES: u64 = 16 * 1024 * 1024;
/// Resources kept from one template (CloudFormation allows 500).
pub const MAX_RESOURCES: usize = 10_000;

mod cfn;
pub mod doc;
mod graph;
pub mod kinds;
mod layout;
pub mod sync;
mod terraform;

use std::path::Path;

use super::threat_dragon::ImportReport;
use super::{FileError, FileErrorKind};
use crate::model::*;

/// The template formats read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    CloudFormation,
    TerraformPlan,
}

/// Which template format `text` is, from its first 64 KiB.
pub fn detect(text: &str) -> Option<Kind> {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    let mut end = t.len().min(64 * 1024);
    while !t.is_char_boundary(end) {
        end -= 1;
    }
    let head = &t[..end];
    if t.starts_with('{') {
        if head.contains("\"format_version\"")
            && (head.contains("\"terraform_version\"")
                || head.contains("\"planned_values\"")
                || head.contains("\"resource_changes\""))
        {
            return Some(Kind::TerraformPlan);
        }
        let cfn = head.contains("\"AWSTemplateFormatVersion\"")
            || (head.contains("\"Resources\"") && head.contains("\"AWS::"));
        return cfn.then_some(Kind::CloudFormation);
    }
    let top_key = |k: &str| {
        head.starts_with(k)
            || head.contains(&format!("\n{k}"))
            || head.contains(&format!("\n\"{}\"", k.trim_end_matches(':')))
    };
    let yaml = top_key("AWSTemplateFormatVersion:")
        || top_key("Transform: AWS::Serverless")
        || top_key("Transform: 'AWS::Serverless")
        || top_key("Transform: \"AWS::Serverless")
        || (top_key("Resources:")
            && (head.contains("Type: AWS::")
                || head.contains("Type: 'AWS::")
                || head.contains("Type: \"AWS::")));
    yaml.then_some(Kind::CloudFormation)
}

pub fn label(kind: Kind) -> &'static str {
    match kind {
        Kind::CloudFormation => "AWS CloudFormation / SAM template",
        Kind::TerraformPlan => "Terraform plan (JSON)",
    }
}

fn syntax(path: &Path, line: usize, col: usize, message: String) -> FileError {
    FileError {
        path: path.to_owned(),
        position: Some((line.max(1), col.max(1))),
        kind: FileErrorKind::Syntax(message),
    }
}

/// The project a template's text describes, and what the import kept aside.
pub fn import(text: &str, path: &Path) -> Result<(Project, ImportReport), FileError> {
    let max = MAX_TEMPLATE_BYTES;
    if text.len() as u64 > max {
        return Err(FileError::new(
            path,
            FileErrorKind::Invalid(format!(
                "the template is {} bytes; templates are read up to {max} bytes",
                text.len()
            )),
        ));
    }
    let Some(kind) = detect(text) else {
        return Err(FileError::new(
            path,
            FileErrorKind::Invalid(
                "not a CloudFormation/SAM template (no \"Resources\" with AWS types) or a Terraform plan (`terraform show -json`)".into(),
            ),
        ));
    };
    let graph = match kind {
        Kind::CloudFormation => {
            let doc = doc::parse(text).map_err(|(l, c, m)| syntax(path, l, c, m))?;
            cfn::read(&doc).map_err(|(l, m)| {
                FileError::new(path, FileErrorKind::Invalid(m)).at(Some((l.max(1), 1)))
            })?
        }
        Kind::TerraformPlan => {
            let v: serde_json::Value = serde_json::from_str(text)
                .map_err(|e| syntax(path, e.line(), e.column(), format!("not valid JSON: {e}")))?;
            terraform::read(&v).map_err(|m| FileError::new(path, FileErrorKind::Invalid(m)))?
        }
    };
    Ok(finish(graph, path, kind))
}

fn finish(graph: graph::Graph, path: &Path, kind: Kind) -> (Project, ImportReport) {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("template")
        .to_owned();
    let mut report = ImportReport {
        diagrams: 1,
        elements: graph.parts.len(),
        flows: graph.edges.len(),
        source: label(kind),
        ..ImportReport::default()
    };
    report.kept = graph.kept.clone();
    let mut project = graph.into_project(&format!("Threat model of {name}"));
    report.boundaries = project.diagrams.iter().map(|d| d.boundaries.len()).sum();
    project.infrastructure = vec![name];
    match_blocks(&mut project, &crate::blocks::Library::starter());
    (project, report)
}

/// Sets each element's building block where a block of `library` is made of its type and
/// every property the block turns on is on in the element.
pub fn match_blocks(project: &mut Project, library: &crate::blocks::Library) {
    for d in &mut project.diagrams {
        for e in &mut d.elements {
            if e.block.is_some() {
                continue;
            }
            let Some(kind) = e.resources.first().map(|r| r.kind.clone()) else {
                continue;
            };
            let block = library.blocks.iter().find(|b| {
                b.resources.first() == Some(&kind)
                    && b.props.kind() == e.kind()
                    && props_cover(&e.props, &b.props)
            });
            if let Some(b) = block {
                e.block = Some(BlockRef {
                    library: library.name.clone(),
                    block: b.id.clone(),
                    version: b.version,
                    approved_by: b.approved_by.clone(),
                });
            }
        }
    }
}

/// Whether every boolean `block` turns on is on in `element` (same kind).
fn props_cover(element: &ElementProps, block: &ElementProps) -> bool {
    let (Ok(serde_json::Value::Object(e)), Ok(serde_json::Value::Object(b))) =
        (serde_json::to_value(element), serde_json::to_value(block))
    else {
        return false;
    };
    let (Some(e), Some(b)) = (e.values().next(), b.values().next()) else {
        return false;
    };
    b.as_object().is_some_and(|b| {
        b.iter()
            .filter(|(_, v)| v.as_bool() == Some(true))
            .all(|(k, _)| e.get(k).and_then(serde_json::Value::as_bool) == Some(true))
    })
}

/// Reads the template at `path` (a regular file, up to the template limit) and imports it.
pub fn read(path: &Path) -> Result<(Project, ImportReport), FileError> {
    let bytes = crate::foundation::read::bounded(path, MAX_TEMPLATE_BYTES)
        .map_err(|e| FileError::new(path, e.into()))?;
    let text =
        String::from_utf8(bytes).map_err(|_| FileError::new(path, FileErrorKind::NotText))?;
    import(&text, path)
}

/// How a project at `project` names the template at `template` in `infrastructure`:
/// relative to the project's folder, with `/` (references resolve inside it).
pub fn reference_from(project: &Path, template: &Path) -> String {
    let abs = |p: &Path| {
        std::path::absolute(p)
            .map(|a| a.components().collect::<std::path::PathBuf>())
            .unwrap_or_else(|_| p.to_owned())
    };
    let dir = abs(project)
        .parent()
        .map(Path::to_owned)
        .unwrap_or_default();
    let target = abs(template);
    let (d, t): (Vec<_>, Vec<_>) = (dir.components().collect(), target.components().collect());
    let common = d.iter().zip(&t).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); d.len() - common];
    parts.extend(
        t[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}
