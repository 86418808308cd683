//! CloudFormation and SAM templates into a [`Graph`]: resources into parts (SAM expanded as
//! SAM does for what a diagram needs: implicit APIs, roles and event rules), then the
//! flows the template states — event sources, API integrations, IAM statements and SAM
//! policy templates, environment variables, Step Functions tasks, notifications,
//! subscriptions, rule targets — each with the reason it exists, and where each part runs.
//!
//! The passes are methods of one `Reader` that shares the parsed template, its parts and
//! their indexes, split by job into files: [`parts`] (elements, SAM's additions, parts
//! joined to their elements, zones), [`flows`] (events, integrations, environment, tasks,
//! network, other references), [`iam`] (roles' policies and SAM policy templates) and
//! [`properties`] (security settings). This file holds the reader, its indexes and the
//! lookups every pass uses. The next step, when a pass grows, is free functions over a
//! read-only index rather than methods on the one struct.

mod flows;
mod iam;
mod parts;
mod properties;

use std::collections::{BTreeMap, BTreeSet};

use super::doc::{Node, Value};
use super::graph::{Dir, Graph, Part, Role, Zone};
use super::kinds::{Mapped, mapped};
use crate::model::*;

const SAM_TRANSFORM: &str = "AWS::Serverless-2016-10-31";

/// One resource of the template.
struct Res<'a> {
    id: &'a str,
    kind: &'a str,
    props: &'a Node,
    node: &'a Node,
}

/// A reference from one value to a resource: its logical id and attribute (`Arn`, or "").
type Ref = (String, String);

/// Every resource reference under `node`: `Ref`, `Fn::GetAtt`, and the `${Name}` /
/// `${Name.Attr}` variables of `Fn::Sub` (a variable its own map defines is followed into
/// that map instead).
pub fn refs(node: &Node, out: &mut Vec<Ref>) {
    if let Some((f, arg)) = node.intrinsic() {
        match f {
            "Ref" => {
                if let Some(id) = arg.str() {
                    out.push((id.to_owned(), String::new()));
                }
                return;
            }
            "Fn::GetAtt" => {
                let parts: Vec<&str> = match &arg.value {
                    Value::Str(s) => s.splitn(2, '.').collect(),
                    Value::Seq(s) => s.iter().filter_map(Node::str).collect(),
                    Value::Map(_) => Vec::new(),
                };
                if let Some(id) = parts.first() {
                    out.push(((*id).to_owned(), parts.get(1).unwrap_or(&"").to_string()));
                }
                return;
            }
            "Fn::Sub" => {
                let (text, vars) = match &arg.value {
                    Value::Str(s) => (s.as_str(), None),
                    Value::Seq(s) => (s.first().and_then(Node::str).unwrap_or(""), s.get(1)),
                    Value::Map(_) => ("", None),
                };
                let defined: BTreeSet<&str> = vars
                    .map(|v| v.entries().iter().map(|(k, _)| k.as_str()).collect())
                    .unwrap_or_default();
                for var in sub_variables(text) {
                    let (id, attr) = var.split_once('.').unwrap_or((var, ""));
                    if !defined.contains(id) {
                        out.push((id.to_owned(), attr.to_owned()));
                    }
                }
                if let Some(v) = vars {
                    refs(v, out);
                }
                return;
            }
            _ => {}
        }
    }
    match &node.value {
        Value::Str(_) => {}
        Value::Seq(s) => s.iter().for_each(|n| refs(n, out)),
        Value::Map(m) => m.iter().for_each(|(_, n)| refs(n, out)),
    }
}

/// The `${…}` variables of a `Fn::Sub` text (not `${!Literal}`, not `AWS::` pseudo ones).
pub fn sub_variables(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else { break };
        let var = after[..end].trim();
        if !var.starts_with('!') && !var.starts_with("AWS::") && !var.is_empty() {
            out.push(var);
        }
        rest = &after[end + 1..];
    }
    out
}

fn refs_of(node: &Node) -> Vec<Ref> {
    let mut out = Vec::new();
    refs(node, &mut out);
    out
}

/// The text a value stands for: a literal, or a `Fn::Sub` template (names compared as written).
fn text_of(node: &Node) -> Option<String> {
    if let Some(s) = node.str() {
        return Some(s.to_owned());
    }
    match node.intrinsic() {
        // A parameter's value, as `Fn::Sub` would write it: a table named `!Ref TableName`
        // and a policy on `!Ref TableName` are the same table.
        Some(("Ref", arg)) => arg.str().map(|p| format!("${{{p}}}")),
        Some(("Fn::Sub", arg)) => arg
            .str()
            .or_else(|| arg.items().first().and_then(Node::str))
            .map(str::to_owned),
        Some(("Fn::Join", arg)) => {
            let items = arg.items();
            let sep = items.first().and_then(Node::str).unwrap_or("");
            let parts = items.get(1)?.items();
            let texts: Vec<String> = parts
                .iter()
                .map(|p| match p.intrinsic() {
                    Some(("Ref", r)) => format!("${{{}}}", r.str().unwrap_or("")),
                    _ => text_of(p).unwrap_or_default(),
                })
                .collect();
            Some(texts.join(sep))
        }
        _ => None,
    }
}

fn verb(dir: Dir, target: &Part) -> &'static str {
    let invoked = matches!(target.role, Role::Compute | Role::Entry);
    match (dir, invoked) {
        (Dir::Out, true) => "invokes",
        (Dir::Out, false) => "writes",
        (Dir::In, _) => "reads",
        (Dir::Both, true) => "invokes",
        (Dir::Both, false) => "reads and writes",
    }
}

/// The property naming each type's resource name (to match ARNs and names written out).
const NAME_PROPS: &[&str] = &[
    "TableName",
    "BucketName",
    "QueueName",
    "TopicName",
    "FunctionName",
    "StateMachineName",
    "StreamName",
    "DomainName",
    "Name",
    "UserPoolName",
    "DBClusterIdentifier",
    "DBInstanceIdentifier",
    "ClusterName",
    "RepositoryName",
    "DeliveryStreamName",
];

struct Reader<'a> {
    res: Vec<Res<'a>>,
    by_id: BTreeMap<&'a str, usize>,
    /// Each resource's references to other resources.
    out_refs: Vec<Vec<Ref>>,
    /// The part each resource is (or is part of).
    owner: Vec<Option<usize>>,
    /// Names written in the template (literal or `Fn::Sub` text) → resource.
    names: BTreeMap<String, usize>,
    globals: Option<&'a Node>,
    g: Graph,
}

/// Reads the template `doc` into a graph.
pub fn read(doc: &Node) -> Result<Graph, (usize, String)> {
    let Some(resources) = doc.get("Resources") else {
        return Err((
            1,
            "no \"Resources\" section: not a CloudFormation template".into(),
        ));
    };
    if resources.entries().is_empty() {
        return Err((resources.line, "\"Resources\" holds no resources".into()));
    }
    if resources.entries().len() > super::MAX_RESOURCES {
        return Err((
            resources.line,
            format!("more than {} resources", super::MAX_RESOURCES),
        ));
    }
    let mut res = Vec::new();
    for (id, node) in resources.entries() {
        let Some(kind) = node.get("Type").and_then(Node::str) else {
            return Err((node.line, format!("resource {:?} has no Type", short(id))));
        };
        res.push(Res {
            id,
            kind,
            props: node.get("Properties").unwrap_or(Node::empty()),
            node,
        });
    }
    let sam = doc
        .get("Transform")
        .is_some_and(|t| t.items().iter().any(|i| i.str() == Some(SAM_TRANSFORM)));
    let mut r = Reader {
        by_id: res.iter().enumerate().map(|(i, r)| (r.id, i)).collect(),
        out_refs: res.iter().map(|r| refs_of(r.node)).collect(),
        owner: vec![None; res.len()],
        names: BTreeMap::new(),
        globals: doc.at(&["Globals", "Function"]),
        res,
        g: Graph::default(),
    };
    // A connector names its ends by logical id, not by `Ref`: it belongs to its source.
    for (i, res) in r.res.iter().enumerate() {
        if res.kind == "AWS::Serverless::Connector"
            && let Some(id) = res.props.at(&["Source", "Id"]).and_then(Node::str)
        {
            r.out_refs[i].insert(0, (id.to_owned(), String::new()));
        }
    }
    r.g.description = doc
        .get("Description")
        .and_then(Node::str)
        .unwrap_or("")
        .chars()
        .take(2000)
        .collect();
    for (i, res) in r.res.iter().enumerate() {
        for key in NAME_PROPS {
            if let Some(name) = res.props.get(key).and_then(text_of)
                && !name.is_empty()
            {
                r.names.entry(name).or_insert(i);
            }
        }
    }
    r.notes_on_template(doc, sam);
    r.parts();
    r.sam_implicit();
    r.attach_parts();
    r.zones();
    r.flows();
    r.properties();
    Ok(r.g)
}

fn short(s: &str) -> String {
    s.chars().take(80).collect()
}

impl<'a> Reader<'a> {
    fn idx(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The part a resource is, or belongs to.
    fn part_of(&self, id: &str) -> Option<usize> {
        self.idx(id).and_then(|i| self.owner[i])
    }

    /// A property of a resource, SAM's `Globals` filling in for functions.
    fn prop(&self, i: usize, key: &str) -> Option<&'a Node> {
        let r = &self.res[i];
        r.props.get(key).or_else(|| {
            (r.kind == "AWS::Serverless::Function")
                .then_some(self.globals)
                .flatten()
                .and_then(|g| g.get(key))
        })
    }

    /// The parts a reference value names: resources by `Ref`/`GetAtt`/`Sub`, else an
    /// ARN or name written out matched against the names the template gives.
    fn targets(&self, node: &Node) -> Vec<usize> {
        let mut out: Vec<usize> = refs_of(node)
            .iter()
            .filter_map(|(id, _)| self.part_of(id))
            .collect();
        if out.is_empty()
            && let Some(text) = text_of(node)
            && let Some(p) = self.named(&text)
        {
            out.push(p);
        }
        out.dedup();
        out
    }

    /// The part whose name an ARN or name text ends with.
    fn named(&self, text: &str) -> Option<usize> {
        if let Some(&i) = self.names.get(text) {
            return self.owner[i];
        }
        let mut t = text;
        for suffix in ["/*", "/index/*", "/stream/*", ":*", "/*/*"] {
            t = t.trim_end_matches(suffix);
        }
        let t = t.split("/index/").next().unwrap_or(t);
        let t = t.split("/stream/").next().unwrap_or(t);
        let last = t.rsplit([':', '/']).next().unwrap_or(t);
        if last.is_empty() || last == "*" {
            return None;
        }
        self.names
            .iter()
            .find(|(name, _)| name.as_str() == last || name.rsplit([':', '/']).next() == Some(last))
            .and_then(|(_, &i)| self.owner[i])
    }

    fn targets_all(&self, node: &Node) -> Vec<usize> {
        let mut v: Vec<usize> = refs_of(node)
            .iter()
            .filter_map(|(id, _)| self.part_of(id))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}
