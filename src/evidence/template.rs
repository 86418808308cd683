//! CloudFormation templates (YAML or JSON): each resource's logical id, type and the lines
//! it spans, so a scanner result that gives only a line (checkov, KICS, trivy, cfn-lint)
//! lands on its resource.
//!
//! Read with the template reader `import` uses (`io::template::doc`): one YAML/JSON reader
//! with lines for both, the short-form intrinsic functions read as their long forms,
//! aliases refused as CloudFormation refuses them.

use std::path::{Path, PathBuf};

use crate::io::{FileError, FileErrorKind};

pub use crate::io::template::{MAX_RESOURCES, MAX_TEMPLATE_BYTES};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Template {
    pub path: PathBuf,
    pub resources: Vec<TemplateResource>,
    /// SHA-256 of the template's text, so the report names the exact template the
    /// scanners' lines were mapped through, next to the evidence's hashes.
    pub sha256: String,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct TemplateResource {
    pub id: String,
    /// `AWS::DynamoDB::Table`.
    pub kind: String,
    /// 1-based, inclusive.
    pub first_line: u32,
    pub last_line: u32,
}

impl Template {
    /// Reads a template file.
    pub fn load(path: &Path) -> Result<Self, FileError> {
        let bytes = super::read_limited(path, MAX_TEMPLATE_BYTES)?;
        let text =
            String::from_utf8(bytes).map_err(|_| FileError::new(path, FileErrorKind::NotText))?;
        Self::parse(&text, path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Self, FileError> {
        let resources =
            resources(text.trim_start_matches('\u{feff}')).map_err(|(line, col, m)| FileError {
                path: path.to_owned(),
                position: Some((line, col)),
                kind: FileErrorKind::Syntax(m),
            })?;
        if resources.is_empty() {
            return Err(FileError::new(
                path,
                FileErrorKind::Invalid(
                    "no \"Resources\" section: not a CloudFormation template".into(),
                ),
            ));
        }
        Ok(Self {
            path: path.to_owned(),
            resources,
            sha256: crate::foundation::hash::sha256_hex(text.as_bytes()),
        })
    }

    /// The resource whose lines hold `line`.
    pub fn resource_at(&self, line: u32) -> Option<&TemplateResource> {
        self.resources
            .iter()
            .find(|r| (r.first_line..=r.last_line).contains(&line))
    }

    /// Whether a scanner's artifact URI names this template: the same file name at the end
    /// of the path (scanners write paths relative to where they ran, or absolute).
    pub fn is_named_by(&self, uri: &str) -> bool {
        let Some(name) = self.path.file_name().and_then(|n| n.to_str()) else {
            return false;
        };
        let uri = uri
            .trim_start_matches("file://")
            .replace('\\', "/")
            .replace("%20", " ");
        uri == name || uri.ends_with(&format!("/{name}"))
    }
}

type ParseError = crate::foundation::nesting::YamlError;

/// Each resource with its type and lines: from its logical id's line to the line before
/// the next resource (or the next top-level key).
fn resources(text: &str) -> Result<Vec<TemplateResource>, ParseError> {
    use crate::io::template::doc::{self, Node};
    let tree = doc::parse(text)?;
    let Some(section) = tree.get("Resources") else {
        return Ok(Vec::new());
    };
    let entries = section.entries();
    if entries.len() > MAX_RESOURCES {
        return Err((
            section.line,
            1,
            format!("more than {MAX_RESOURCES} resources"),
        ));
    }
    let top = tree.entries();
    let after = top
        .iter()
        .position(|(k, _)| k == "Resources")
        .and_then(|p| top.get(p + 1))
        .map(|(_, n)| n.line);
    let line = |l: usize| u32::try_from(l).unwrap_or(u32::MAX);
    Ok(entries
        .iter()
        .enumerate()
        .map(|(k, (id, node))| {
            let first = line(node.line);
            let next = entries.get(k + 1).map(|(_, n)| n.line).or(after);
            TemplateResource {
                id: id.chars().take(255).collect(),
                kind: node
                    .get("Type")
                    .and_then(Node::str)
                    .unwrap_or("")
                    .chars()
                    .take(255)
                    .collect(),
                first_line: first,
                last_line: next.map_or(u32::MAX, |n| line(n).saturating_sub(1).max(first)),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Stage:
    Type: String
Resources:
  OrdersTable:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: !Sub '${Stage}-orders'
      SSESpecification: { SSEEnabled: true }
  OrdersBucket:
    Type: 'AWS::S3::Bucket'
    Properties:
      Tags:
        - Key: a
          Value: !Ref Stage
Outputs:
  Table:
    Value: !GetAtt OrdersTable.Arn
";

    #[test]
    fn yaml_resources_have_their_lines_and_types() {
        let t = Template::parse(YAML, Path::new("t.yaml")).expect("parses");
        let ids: Vec<(&str, &str, u32, u32)> = t
            .resources
            .iter()
            .map(|r| (r.id.as_str(), r.kind.as_str(), r.first_line, r.last_line))
            .collect();
        assert_eq!(
            ids,
            [
                ("OrdersTable", "AWS::DynamoDB::Table", 6, 10),
                ("OrdersBucket", "AWS::S3::Bucket", 11, 16)
            ]
        );
        assert_eq!(t.resource_at(9).map(|r| r.id.as_str()), Some("OrdersTable"));
        assert_eq!(t.resource_at(18), None);
        assert!(t.is_named_by("/src/templates/t.yaml"));
        assert!(t.is_named_by("t.yaml"));
        assert!(!t.is_named_by("tt.yaml"));
    }

    #[test]
    fn json_templates_are_read_too() {
        let json = "{\n  \"Resources\": {\n    \"Queue\": {\n      \"Type\": \"AWS::SQS::Queue\"\n    },\n    \"Topic\": {\n\t\"Type\": \"AWS::SNS::Topic\", \"Properties\": {}\n    }\n  }\n}\n";
        let t = Template::parse(json, Path::new("t.json")).expect("parses");
        assert_eq!(t.resources.len(), 2);
        assert_eq!(t.resources[0].kind, "AWS::SQS::Queue");
        assert_eq!(t.resource_at(7).map(|r| r.id.as_str()), Some("Topic"));
    }

    #[test]
    fn broken_templates_say_where() {
        let e = Template::parse("Resources:\n  A: [\n", Path::new("bad.yaml")).expect_err("bad");
        assert!(e.position.is_some(), "{e}");
        let e = Template::parse("Outputs: {}\n", Path::new("none.yaml")).expect_err("none");
        assert!(e.to_string().contains("Resources"), "{e}");
    }
}
