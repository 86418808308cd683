//! A CloudFormation template (YAML or JSON) as a tree of values with their lines.
//!
//! Read with the same YAML event parser as the scanner-line mapping
//! (`evidence::template`), through the shared event step and nesting limit: JSON is YAML's
//! flow style, so one reader serves both. The short-form intrinsic functions are tags to
//! the parser; they come out in their long form (`!Ref X` → `{Ref: X}`, `!GetAtt A.B` →
//! `{Fn::GetAtt: A.B}`), so everything after reads one shape. Aliases (`*name`) are refused
//! as CloudFormation refuses them, and so is a tag CloudFormation does not know.

use yaml_rust2::parser::{Event, Parser, Tag};

use crate::foundation::nesting::{MAX_NESTING, YamlError, next_event};

/// Values kept from one template: enough for 16 MB of dense YAML, bounded all the same.
pub const MAX_VALUES: usize = 4_000_000;

/// The short-form tags CloudFormation reads.
const CFN_TAGS: &[&str] = &[
    "Ref",
    "Condition",
    "Base64",
    "Cidr",
    "Equals",
    "FindInMap",
    "GetAtt",
    "GetAZs",
    "ImportValue",
    "Join",
    "Select",
    "Split",
    "Sub",
    "Transform",
    "And",
    "If",
    "Not",
    "Or",
    "Length",
    "ToJsonString",
    "ForEach",
    "Contains",
    "EachMemberEquals",
    "EachMemberIn",
    "RefAll",
    "ValueOf",
    "ValueOfAll",
];

/// One value and its 1-based line: a mapping's value is at its key's line.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub line: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Every scalar as written (numbers and booleans too); an empty scalar is "".
    Str(String),
    Seq(Vec<Node>),
    /// In the file's order.
    Map(Vec<(String, Node)>),
}

static EMPTY: Node = Node {
    value: Value::Seq(Vec::new()),
    line: 0,
};

impl Node {
    /// The value under `key` of a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(m) => m.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The value at a path of keys.
    pub fn at(&self, path: &[&str]) -> Option<&Node> {
        path.iter().try_fold(self, |n, k| n.get(k))
    }

    /// A mapping's entries (none for anything else).
    pub fn entries(&self) -> &[(String, Node)] {
        match &self.value {
            Value::Map(m) => m,
            _ => &[],
        }
    }

    /// A sequence's items; a single value reads as a list of one (IAM's `Action: s3:GetObject`).
    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Seq(s) => s,
            _ => std::slice::from_ref(self),
        }
    }

    pub fn str(&self) -> Option<&str> {
        match &self.value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A scalar that reads as true (`true`, `True`, `"true"`).
    pub fn is_true(&self) -> bool {
        self.str().is_some_and(|s| s.eq_ignore_ascii_case("true"))
    }

    /// The function of an intrinsic-function mapping (`Ref`, `Fn::Sub` …) and its argument.
    pub fn intrinsic(&self) -> Option<(&str, &Node)> {
        match &self.value {
            Value::Map(m) if m.len() == 1 => {
                let (k, v) = &m[0];
                (k == "Ref" || k == "Condition" || k.starts_with("Fn::")).then_some((k.as_str(), v))
            }
            _ => None,
        }
    }

    /// Every node below this one, this one first.
    pub fn walk(&self, visit: &mut impl FnMut(&Node)) {
        visit(self);
        match &self.value {
            Value::Str(_) => {}
            Value::Seq(s) => s.iter().for_each(|n| n.walk(visit)),
            Value::Map(m) => m.iter().for_each(|(_, n)| n.walk(visit)),
        }
    }

    /// An empty sequence, for "missing".
    pub fn empty() -> &'static Node {
        &EMPTY
    }
}

struct Open {
    node: Node,
    /// A mapping's key waiting for its value.
    key: Option<(String, usize)>,
    /// The long-form function a short-form tag stands for.
    wrap: Option<String>,
}

/// The long-form key of a tag, or why it is refused.
fn tag_function(tag: &Tag) -> Result<Option<String>, String> {
    if tag.handle == "!" {
        let name = tag.suffix.as_str();
        if CFN_TAGS.contains(&name) {
            return Ok(Some(if name == "Ref" || name == "Condition" {
                name.to_owned()
            } else {
                format!("Fn::{name}")
            }));
        }
        let shown: String = name.chars().take(40).collect();
        return Err(format!(
            "the tag !{shown} is not a CloudFormation function (expected !Ref, !GetAtt, !Sub …)"
        ));
    }
    // `!!str`, `!!int` …: YAML's own types; the value is read as written.
    if tag.handle.starts_with("tag:yaml.org,2002:") || tag.handle == "!!" {
        return Ok(None);
    }
    Err("a YAML tag CloudFormation does not read".into())
}

fn wrapped(node: Node, wrap: Option<String>) -> Node {
    match wrap {
        Some(f) => Node {
            line: node.line,
            value: Value::Map(vec![(f, node)]),
        },
        None => node,
    }
}

/// Parses the first document of `text`. YAML the event parser refuses but libyaml reads
/// (a flow list closed left of its key, as CloudFormation itself accepts) is read again
/// with libyaml, its lines found by key.
pub fn parse(text: &str) -> Result<Node, YamlError> {
    match parse_events(text) {
        Ok(n) => Ok(n),
        Err(first) if first.2.contains("indentation") && flow_depth(text) <= MAX_NESTING => {
            let v: serde_yaml_ng::Value =
                serde_yaml_ng::from_str(text).map_err(|_| first.clone())?;
            let lines: Vec<&str> = text.lines().collect();
            let mut cursor = 0usize;
            let mut count = 0usize;
            let node =
                from_libyaml(&v, &lines, &mut cursor, 0, &mut count).map_err(|m| (1, 1, m))?;
            Ok(node)
        }
        Err(e) => Err(e),
    }
}

/// How deep `[` and `{` nest, outside quotes (a cheap bound before libyaml recurses).
fn flow_depth(text: &str) -> usize {
    let (mut depth, mut max, mut quote) = (0usize, 0usize, None::<char>);
    for c in text.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => {
                depth += 1;
                max = max.max(depth);
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            (None, '\n') => quote = None,
            _ => {}
        }
    }
    max
}

fn from_libyaml(
    v: &serde_yaml_ng::Value,
    lines: &[&str],
    cursor: &mut usize,
    depth: usize,
    count: &mut usize,
) -> Result<Node, String> {
    use serde_yaml_ng::Value as Y;
    *count += 1;
    if depth > MAX_NESTING || *count > MAX_VALUES {
        return Err("nested too deeply or too large".into());
    }
    let line = *cursor + 1;
    let value = match v {
        Y::Null => Value::Str(String::new()),
        Y::Bool(b) => Value::Str(b.to_string()),
        Y::Number(n) => Value::Str(n.to_string()),
        Y::String(s) => Value::Str(s.clone()),
        Y::Sequence(items) => Value::Seq(
            items
                .iter()
                .map(|i| from_libyaml(i, lines, cursor, depth + 1, count))
                .collect::<Result<_, _>>()?,
        ),
        Y::Mapping(m) => {
            let mut out = Vec::with_capacity(m.len());
            for (k, val) in m {
                let key = match k {
                    Y::String(s) => s.clone(),
                    Y::Number(n) => n.to_string(),
                    Y::Bool(b) => b.to_string(),
                    _ => return Err("a mapping key that is not text".into()),
                };
                // The key's line: the next line from here that names it.
                if let Some(off) = lines[(*cursor).min(lines.len())..].iter().position(|l| {
                    l.contains(&format!("{key}:")) || l.contains(&format!("\"{key}\""))
                }) {
                    *cursor += off;
                }
                let mut node = from_libyaml(val, lines, cursor, depth + 1, count)?;
                node.line = node.line.max(1);
                out.push((key, node));
            }
            Value::Map(out)
        }
        Y::Tagged(t) => {
            let name = t.tag.to_string();
            let tag = Tag {
                handle: "!".into(),
                suffix: name.trim_start_matches('!').to_owned(),
            };
            let inner = from_libyaml(&t.value, lines, cursor, depth + 1, count)?;
            return Ok(wrapped(inner, tag_function(&tag)?));
        }
    };
    Ok(Node { value, line })
}

fn parse_events(text: &str) -> Result<Node, YamlError> {
    let mut parser = Parser::new_from_str(text.trim_start_matches('\u{feff}'));
    let mut stack: Vec<Open> = Vec::new();
    let mut count = 0usize;
    loop {
        let (event, mark) = next_event(&mut parser)?;
        let (line, col) = (mark.line(), mark.col() + 1);
        let is_map = matches!(event, Event::MappingStart(..));
        let done = match event {
            Event::StreamEnd | Event::DocumentEnd => break,
            Event::MappingStart(_, tag) | Event::SequenceStart(_, tag) => {
                if stack.len() >= MAX_NESTING {
                    return Err((
                        line,
                        col,
                        format!("nested more than {MAX_NESTING} levels deep"),
                    ));
                }
                let wrap = match &tag {
                    Some(t) => tag_function(t).map_err(|m| (line, col, m))?,
                    None => None,
                };
                let value = if is_map {
                    Value::Map(Vec::new())
                } else {
                    Value::Seq(Vec::new())
                };
                stack.push(Open {
                    node: Node { value, line },
                    key: None,
                    wrap,
                });
                None
            }
            Event::MappingEnd | Event::SequenceEnd => match stack.pop() {
                Some(open) => Some(wrapped(open.node, open.wrap)),
                None => None,
            },
            Event::Scalar(value, _, _, tag) => {
                let wrap = match &tag {
                    Some(t) => tag_function(t).map_err(|m| (line, col, m))?,
                    None => None,
                };
                Some(wrapped(
                    Node {
                        value: Value::Str(value),
                        line,
                    },
                    wrap,
                ))
            }
            Event::Alias(_) => {
                return Err((
                    line,
                    col,
                    "a YAML alias (*name): CloudFormation does not expand anchors and aliases; write the value out".into(),
                ));
            }
            _ => None,
        };
        let Some(node) = done else { continue };
        count += 1;
        if count > MAX_VALUES {
            return Err((line, col, format!("more than {MAX_VALUES} values")));
        }
        match stack.last_mut() {
            None => return Ok(node),
            Some(parent) => match &mut parent.node.value {
                Value::Seq(s) => s.push(node),
                Value::Map(m) => match parent.key.take() {
                    None => match node.value {
                        Value::Str(k) => parent.key = Some((k, node.line)),
                        _ => {
                            return Err((node.line, col, "a mapping key that is not text".into()));
                        }
                    },
                    // A value is placed at its key's line (a resource at its logical id).
                    Some((k, key_line)) => m.push((
                        k,
                        Node {
                            line: key_line,
                            ..node
                        },
                    )),
                },
                Value::Str(_) => {}
            },
        }
    }
    Ok(Node {
        value: Value::Str(String::new()),
        line: 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_forms_read_as_long_forms_with_lines() {
        let doc =
            parse("A:\n  B: !Ref X\n  C: !GetAtt T.Arn\n  D: !Sub\n    - '${a}'\n    - a: 1\n")
                .expect("parses");
        let a = doc.get("A").expect("A");
        assert_eq!(a.line, 1);
        let (f, arg) = a.get("B").and_then(Node::intrinsic).expect("ref");
        assert_eq!((f, arg.str()), ("Ref", Some("X")));
        assert_eq!(
            a.get("C").and_then(Node::intrinsic).map(|x| x.0),
            Some("Fn::GetAtt")
        );
        let (f, arg) = a.get("D").and_then(Node::intrinsic).expect("sub");
        assert_eq!((f, arg.items().len()), ("Fn::Sub", 2));
        assert_eq!(a.get("C").map(|n| n.line), Some(3));
    }

    #[test]
    fn a_flow_list_closed_left_of_its_key_is_read_as_cloudformation_reads_it() {
        // yaml-rust2 refuses this indentation; libyaml (and CloudFormation) read it.
        let text = "Resources:\n  P:\n    Type: AWS::IAM::Policy\n    Properties:\n      Action: [\n        \"s3:GetObject\"\n      ]\n      Resource: !GetAtt B.Arn\n";
        let doc = parse(text).expect("parses");
        let props = doc.at(&["Resources", "P", "Properties"]).expect("props");
        assert_eq!(props.get("Action").map(|a| a.items().len()), Some(1));
        let (f, _) = props
            .get("Resource")
            .and_then(Node::intrinsic)
            .expect("tag kept");
        assert_eq!(f, "Fn::GetAtt");
        assert_eq!(props.get("Resource").map(|n| n.line), Some(8));
    }

    #[test]
    fn aliases_and_unknown_tags_are_refused_with_their_line() {
        let (line, _, why) = parse("a: &x 1\nb: *x\n").expect_err("alias");
        assert_eq!(line, 2);
        assert!(why.contains("alias"), "{why}");
        let (line, _, why) = parse("a: 1\nb: !Evil x\n").expect_err("tag");
        assert_eq!(line, 2);
        assert!(why.contains("!Evil"), "{why}");
        assert!(parse("a: !!str 1\n").is_ok());
    }
}
