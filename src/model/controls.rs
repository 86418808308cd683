//! What verifies a mitigation, and what an element is in the infrastructure: controls
//! (scanner rules, tests, manual checks), infrastructure resources, and the approved
//! building block an element was placed from.

use serde::{Deserialize, Serialize};

/// A check that verifies a mitigation, run by the pipeline or by a person.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Control {
    /// A scanner rule: `Scanner(tool: "checkov", rule: "CKV_AWS_18")`. `resources` (logical
    /// ids, Terraform addresses) narrows it; empty means the resources of the threat's
    /// element.
    Scanner {
        tool: String,
        rule: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        resources: Vec<String>,
    },
    /// A test whose result is in JUnit XML: its name, or `classname.name`.
    Test { name: String },
    /// A check done by hand: what was checked, the evidence, and the date (YYYY-MM-DD) it
    /// was last reviewed.
    Manual {
        check: String,
        #[serde(default)]
        evidence: String,
        #[serde(default)]
        reviewed: String,
    },
}

impl Control {
    /// One line for people: "checkov CKV_AWS_18", "test orders::rejects_forged_token",
    /// "manual: quarterly access review".
    pub fn label(&self) -> String {
        match self {
            Self::Scanner {
                tool,
                rule,
                resources,
            } if resources.is_empty() => format!("{tool} {rule}"),
            Self::Scanner {
                tool,
                rule,
                resources,
            } => format!("{tool} {rule} on {}", resources.join(", ")),
            Self::Test { name } => format!("test {name}"),
            Self::Manual { check, .. } => format!("manual: {check}"),
        }
    }

    /// The tool that checks it ("checkov", "junit", "manual").
    pub fn tool(&self) -> &str {
        match self {
            Self::Scanner { tool, .. } => tool,
            Self::Test { .. } => "junit",
            Self::Manual { .. } => "manual",
        }
    }
}

/// An infrastructure resource an element is: a CloudFormation logical id with its type
/// (`(id: "OrdersTable", kind: "AWS::DynamoDB::Table")`) or a Terraform address
/// (`(id: "aws_dynamodb_table.orders")`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Resource {
    pub id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub kind: String,
}

/// The approved building block something came from: library name, block id and version.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BlockRef {
    pub library: String,
    pub block: String,
    pub version: u32,
    /// Who approved that version (shown with the decisions it made).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub approved_by: String,
}

impl BlockRef {
    /// "block encrypted-table v3 (approved by Security architecture)".
    pub fn label(&self) -> String {
        if self.approved_by.is_empty() {
            format!("block {} v{}", self.block, self.version)
        } else {
            format!(
                "block {} v{} (approved by {})",
                self.block, self.version, self.approved_by
            )
        }
    }
}
