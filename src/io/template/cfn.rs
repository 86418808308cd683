//! CloudFormation and SAM templates into a [`Graph`]: resources into parts (SAM expanded as
//! SAM does for what a diagram needs: implicit APIs, roles and event rules), then the
//! flows the template states — event sources, API integrations, IAM statements and SAM
//! policy templates, environment variables, Step Functions tasks, notifications,
//! subscriptions, rule targets — each with the reason it exists, and where each part runs.
//!
//! One file, over 2,000 lines: every pass is a method of one `Reader` that shares the
//! parsed template, its parts and their indexes; split into files, the passes would reach
//! into each other through one struct across several files (as `ThreatboardApp` did, issue
//! #30). Splitting it by job — parts and zones / flows / properties as free functions over
//! a read-only index — is the next step when it grows.

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

/// The statement-level verb of an IAM action: which way data goes from the principal.
fn action_dir(action: &str) -> Option<Dir> {
    let (service, verb) = action.split_once(':').unwrap_or(("", action));
    let v = verb.trim_end_matches('*');
    if verb == "*" || action == "*" {
        return Some(Dir::Both);
    }
    if matches!(
        service,
        "logs" | "cloudwatch" | "xray" | "ec2" | "iam" | "sts"
    ) {
        return None;
    }
    const READ: &[&str] = &[
        "Get",
        "List",
        "Describe",
        "Query",
        "Scan",
        "BatchGet",
        "Receive",
        "Read",
        "Select",
        "Search",
        "Head",
        "Lookup",
        "Retrieve",
        "Decrypt",
        "GenerateDataKey",
        "ConditionCheck",
        "Consume",
        "ESHttpGet",
        "ESHttpHead",
        "Subscribe",
        "Connect",
        "ChangeMessageVisibility",
    ];
    const WRITE: &[&str] = &[
        "Put",
        "Update",
        "Delete",
        "Create",
        "Send",
        "Publish",
        "BatchWrite",
        "Write",
        "Invoke",
        "Start",
        "Post",
        "Encrypt",
        "ESHttpPost",
        "ESHttpPut",
        "ESHttpDelete",
        "Execute",
        "Restore",
        "Copy",
        "Abort",
        "Tag",
        "Untag",
        "Stop",
        "Set",
        "Add",
        "Remove",
        "Modify",
        "Upload",
        "Purge",
        "Replicate",
    ];
    if v.is_empty() {
        return Some(Dir::Both);
    }
    if READ.iter().any(|r| v.starts_with(r)) {
        return Some(Dir::In);
    }
    if WRITE.iter().any(|w| v.starts_with(w)) {
        return Some(Dir::Out);
    }
    Some(Dir::Both)
}

fn merge_dir(a: Option<Dir>, b: Dir) -> Dir {
    match a {
        None => b,
        Some(a) if a == b => a,
        Some(_) => Dir::Both,
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

/// SAM policy templates: the parameter naming the resource, and which way data goes.
const POLICY_TEMPLATES: &[(&str, &str, Dir)] = &[
    ("DynamoDBCrudPolicy", "TableName", Dir::Both),
    ("DynamoDBReadPolicy", "TableName", Dir::In),
    ("DynamoDBWritePolicy", "TableName", Dir::Out),
    ("DynamoDBStreamReadPolicy", "TableName", Dir::In),
    ("DynamoDBReconfigurePolicy", "TableName", Dir::Out),
    ("DynamoDBBackupFullAccessPolicy", "TableName", Dir::Both),
    ("DynamoDBRestoreFromBackupPolicy", "TableName", Dir::Out),
    ("S3ReadPolicy", "BucketName", Dir::In),
    ("S3WritePolicy", "BucketName", Dir::Out),
    ("S3CrudPolicy", "BucketName", Dir::Both),
    ("S3FullAccessPolicy", "BucketName", Dir::Both),
    ("SQSSendMessagePolicy", "QueueName", Dir::Out),
    ("SQSPollerPolicy", "QueueName", Dir::In),
    ("SNSPublishMessagePolicy", "TopicName", Dir::Out),
    ("SNSCrudPolicy", "TopicName", Dir::Both),
    ("LambdaInvokePolicy", "FunctionName", Dir::Out),
    ("StepFunctionsExecutionPolicy", "StateMachineName", Dir::Out),
    ("SSMParameterReadPolicy", "ParameterName", Dir::In),
    (
        "SSMParameterWithSlashPrefixReadPolicy",
        "ParameterName",
        Dir::In,
    ),
    (
        "AWSSecretsManagerGetSecretValuePolicy",
        "SecretArn",
        Dir::In,
    ),
    ("AWSSecretsManagerRotationPolicy", "FunctionName", Dir::Out),
    ("KMSDecryptPolicy", "KeyId", Dir::In),
    ("KMSEncryptPolicy", "KeyId", Dir::Out),
    ("KinesisStreamReadPolicy", "StreamName", Dir::In),
    ("KinesisCrudPolicy", "StreamName", Dir::Both),
    ("FirehoseWritePolicy", "DeliveryStreamName", Dir::Out),
    ("FirehoseCrudPolicy", "DeliveryStreamName", Dir::Both),
    ("EventBridgePutEventsPolicy", "EventBusName", Dir::Out),
    ("ElasticsearchHttpPostPolicy", "DomainName", Dir::Both),
    ("AthenaQueryPolicy", "WorkGroupName", Dir::Both),
    ("EFSWriteAccessPolicy", "FileSystem", Dir::Both),
];

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

    fn notes_on_template(&mut self, doc: &Node, sam: bool) {
        for (name, p) in doc.get("Parameters").map(Node::entries).unwrap_or(&[]) {
            if p.get("Default").is_none() {
                self.g.kept.push(format!(
                    "parameter {} (line {}) has no default: what it names is not in the diagram",
                    short(name),
                    p.line
                ));
            }
        }
        if let Some(t) = doc.get("Transform") {
            for item in t.items() {
                if let Some(name) = item.str()
                    && name != SAM_TRANSFORM
                {
                    self.g.kept.push(format!(
                        "transform {} (line {}) is not applied: what it adds is not in the diagram",
                        short(name),
                        item.line
                    ));
                }
            }
        }
        let _ = sam;
        doc.walk(&mut |n| {
            if let Some(("Fn::Transform", arg)) = n.intrinsic()
                && arg.get("Name").and_then(Node::str) == Some("AWS::Include")
            {
                let at = arg.at(&["Parameters", "Location"]).and_then(text_of).unwrap_or_default();
                self.g.kept.push(format!(
                    "included file {} (line {}) is not read: what it defines (an API's routes, say) is not in the diagram",
                    short(&at),
                    n.line
                ));
            }
        });
    }

    fn parts(&mut self) {
        for i in 0..self.res.len() {
            let in_cluster = self.res[i].props.get("DBClusterIdentifier").is_some();
            let (id, kind) = (self.res[i].id, self.res[i].kind);
            let line = self.res[i].node.line;
            let resource = Resource {
                id: id.to_owned(),
                kind: kind.to_owned(),
            };
            let part = match mapped(kind, in_cluster) {
                Some(Mapped::Part) => continue,
                Some(Mapped::Element(role, props, tech)) => {
                    let mut p = Part::new(id, role, props);
                    p.technology = tech.to_owned();
                    p
                }
                Some(Mapped::Nested) => {
                    let mut p = Part::new(
                        id,
                        Role::Compute,
                        ElementProps::default_for(ElementKind::Process),
                    );
                    p.technology = "Nested stack".into();
                    p.notes.push(format!(
                        "A nested stack ({kind}, line {line}): its template is not read; import it on its own."
                    ));
                    self.g.kept.push(format!(
                        "nested stack {} (line {line}): noted, not followed",
                        short(id)
                    ));
                    p
                }
                None => {
                    let mut p = Part::new(
                        id,
                        Role::Compute,
                        ElementProps::default_for(ElementKind::Process),
                    );
                    p.technology = kind.chars().take(120).collect();
                    p.notes.push(format!(
                        "Resource type {} (line {line}) is not one Threatboard maps: check what it is and set its kind and properties.",
                        short(kind)
                    ));
                    self.g.kept.push(format!(
                        "{} ({}, line {line}): type not mapped, a generic element",
                        short(id),
                        short(kind)
                    ));
                    p
                }
            };
            let mut part = part;
            part.resources.push(resource);
            if let Some(c) = self.res[i].node.get("Condition").and_then(Node::str) {
                part.notes
                    .push(format!("Deployed only when condition {} holds.", short(c)));
            }
            let k = self.g.add(part);
            self.owner[i] = Some(k);
        }
    }

    /// What SAM adds: implicit APIs, a role per function, rules for schedule and
    /// EventBridge events.
    fn sam_implicit(&mut self) {
        for i in 0..self.res.len() {
            if !matches!(
                self.res[i].kind,
                "AWS::Serverless::Function" | "AWS::Serverless::StateMachine"
            ) {
                continue;
            }
            let Some(me) = self.owner[i] else { continue };
            let id = self.res[i].id;
            if self.prop(i, "Role").is_none() {
                self.g.parts[me].resources.push(Resource {
                    id: format!("{id}Role"),
                    kind: "AWS::IAM::Role".into(),
                });
            }
            if let Some(url) = self.prop(i, "FunctionUrlConfig") {
                let auth = url.get("AuthType").and_then(Node::str).unwrap_or("");
                self.g.parts[me].notes.push(format!(
                    "Has a function URL (AuthType {}): callable from the internet.",
                    short(auth)
                ));
                self.g.parts[me].role = Role::Entry;
            }
            for (name, ev) in self.res[i]
                .props
                .get("Events")
                .map(Node::entries)
                .unwrap_or(&[])
            {
                let kind = ev.get("Type").and_then(Node::str).unwrap_or("");
                let props = ev.get("Properties").unwrap_or(Node::empty());
                match kind {
                    "Api" | "HttpApi" => {
                        let key = if kind == "Api" { "RestApiId" } else { "ApiId" };
                        if props.get(key).is_none() {
                            let (api, ty, tech) = if kind == "Api" {
                                (
                                    "ServerlessRestApi",
                                    "AWS::ApiGateway::RestApi",
                                    "Amazon API Gateway (REST)",
                                )
                            } else {
                                (
                                    "ServerlessHttpApi",
                                    "AWS::ApiGatewayV2::Api",
                                    "Amazon API Gateway (HTTP/WebSocket)",
                                )
                            };
                            if self.g.find(api).is_none() {
                                let Some(Mapped::Element(role, p, _)) = mapped(ty, false) else {
                                    continue;
                                };
                                let mut part = Part::new(api, role, p);
                                part.technology = tech.into();
                                part.notes.push("The API SAM creates for functions' API events that name no API.".into());
                                part.resources.push(Resource {
                                    id: api.into(),
                                    kind: ty.into(),
                                });
                                self.g.add(part);
                            }
                        }
                    }
                    "Schedule" | "ScheduleV2" | "EventBridgeRule" | "CloudWatchEvent" => {
                        let (ty, tech) = if kind == "ScheduleV2" {
                            ("AWS::Scheduler::Schedule", "Amazon EventBridge Scheduler")
                        } else {
                            ("AWS::Events::Rule", "Amazon EventBridge rule")
                        };
                        let key = format!("{id}{name}");
                        let Some(Mapped::Element(role, p, _)) = mapped(ty, false) else {
                            continue;
                        };
                        let mut part = Part::new(&key, role, p);
                        part.technology = tech.into();
                        let what = props
                            .get("Schedule")
                            .and_then(Node::str)
                            .map(|s| format!("schedule {}", short(s)))
                            .unwrap_or_else(|| "an event pattern".into());
                        part.notes
                            .push(format!("SAM event {name} of {id}: {what}."));
                        part.resources.push(Resource {
                            id: key.clone(),
                            kind: ty.into(),
                        });
                        self.g.add(part);
                    }
                    _ => {}
                }
            }
        }
    }

    /// Each resource that is not an element joins one: the element that refers to it
    /// (a function to its role; an API's stage to its access log group), else the element
    /// it refers to (a policy to its bucket). Referrers are followed first, through parts
    /// already placed, so a log group an API stage writes to joins the API, not the key
    /// that encrypts it.
    fn attach_parts(&mut self) {
        for pass in 0..6 {
            let follow_refs_out = pass >= 3;
            for i in 0..self.res.len() {
                if self.owner[i].is_some() {
                    continue;
                }
                let id = self.res[i].id;
                let refers = |j: usize| {
                    j != i
                        && self.owner[j].is_some()
                        && self.out_refs[j].iter().any(|(r, _)| r == id)
                };
                let primary = |j: usize| {
                    self.owner[j].is_some_and(|p| {
                        self.g.parts[p].resources.first().map(|r| r.id.as_str())
                            == Some(self.res[j].id)
                    })
                };
                let by = (0..self.res.len())
                    .find(|&j| refers(j) && primary(j))
                    .or_else(|| {
                        // A part of an element (a stage of an API) refers to it; once
                        // elements' own references are all placed.
                        (pass >= 1)
                            .then(|| (0..self.res.len()).find(|&j| refers(j)))
                            .flatten()
                    });
                let to = || {
                    self.out_refs[i]
                        .iter()
                        .find_map(|(r, _)| self.idx(r).and_then(|k| self.owner[k]))
                };
                // What it refers to, once nothing not yet placed refers to it (that one
                // may still claim it), or on the last pass.
                let claimed_later = || {
                    pass < 5
                        && (0..self.res.len()).any(|j| {
                            j != i
                                && self.owner[j].is_none()
                                && self.out_refs[j].iter().any(|(r, _)| r == id)
                        })
                };
                let found = by
                    .and_then(|j| self.owner[j])
                    .or_else(|| (follow_refs_out && !claimed_later()).then(to).flatten());
                if let Some(p) = found {
                    self.owner[i] = Some(p);
                    self.g.parts[p].resources.push(Resource {
                        id: id.to_owned(),
                        kind: self.res[i].kind.to_owned(),
                    });
                }
            }
        }
        let loose: Vec<String> = (0..self.res.len())
            .filter(|&i| self.owner[i].is_none())
            .filter(|&i| {
                !matches!(
                    self.res[i].kind,
                    "AWS::EC2::VPC"
                        | "AWS::EC2::Subnet"
                        | "AWS::EC2::RouteTable"
                        | "AWS::EC2::Route"
                        | "AWS::EC2::SubnetRouteTableAssociation"
                        | "AWS::EC2::InternetGateway"
                        | "AWS::EC2::VPCGatewayAttachment"
                )
            })
            .map(|i| short(self.res[i].id))
            .collect();
        if !loose.is_empty() {
            self.g.kept.push(format!(
                "{} resource(s) belong to no element (account-wide settings, wiring): {}",
                loose.len(),
                loose
                    .iter()
                    .take(12)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }

    /// Which VPC and subnet each part runs in.
    fn zones(&mut self) {
        let mut public_tables = BTreeSet::new();
        for r in &self.res {
            if r.kind == "AWS::EC2::Route" {
                let via_igw = r.props.get("GatewayId").is_some_and(|g| {
                    refs_of(g).iter().any(|(id, _)| {
                        self.idx(id)
                            .is_some_and(|k| self.res[k].kind == "AWS::EC2::InternetGateway")
                    })
                });
                if via_igw
                    && let Some(Some(rt)) = r
                        .props
                        .get("RouteTableId")
                        .map(refs_of)
                        .map(|v| v.first().map(|x| x.0.clone()))
                {
                    public_tables.insert(rt);
                }
            }
        }
        let mut public_subnets = BTreeSet::new();
        for r in &self.res {
            if r.kind == "AWS::EC2::SubnetRouteTableAssociation" {
                let rt = r.props.get("RouteTableId").map(refs_of).unwrap_or_default();
                if rt.iter().any(|(id, _)| public_tables.contains(id)) {
                    for (s, _) in r.props.get("SubnetId").map(refs_of).unwrap_or_default() {
                        public_subnets.insert(s);
                    }
                }
            }
            if r.kind == "AWS::EC2::Subnet"
                && r.props
                    .get("MapPublicIpOnLaunch")
                    .is_some_and(Node::is_true)
            {
                public_subnets.insert(r.id.to_owned());
            }
            if r.kind == "AWS::EC2::VPC" {
                let cidr = r.props.get("CidrBlock").and_then(Node::str).unwrap_or("");
                let name = if cidr.is_empty() {
                    format!("VPC {}", short(r.id))
                } else {
                    format!("VPC {} ({})", short(r.id), short(cidr))
                };
                self.g.vpcs.insert(r.id.to_owned(), name);
            }
        }
        let subnet_vpc = |s: usize| -> String {
            self.res[s]
                .props
                .get("VpcId")
                .map(refs_of)
                .and_then(|v| v.first().map(|x| x.0.clone()))
                .filter(|v| self.g.vpcs.contains_key(v))
                .unwrap_or_default()
        };
        let mut zones: Vec<(usize, Zone)> = Vec::new();
        for i in 0..self.res.len() {
            let Some(p) = self.owner[i] else { continue };
            if self.g.parts[p].resources.first().map(|r| r.id.as_str()) != Some(self.res[i].id) {
                continue;
            }
            // Subnets named directly or through a subnet group, one hop.
            let mut subnets = Vec::new();
            let mut named_elsewhere = false;
            let look = |node: &Node, subnets: &mut Vec<usize>, named_elsewhere: &mut bool| {
                node.walk(&mut |n| {
                    for (k, v) in n.entries() {
                        if k.contains("Subnet") || k == "VpcConfig" || k == "VPCOptions" {
                            let found = refs_of(v);
                            let mut any = false;
                            for (id, _) in &found {
                                if let Some(s) = self.idx(id) {
                                    match self.res[s].kind {
                                        "AWS::EC2::Subnet" => {
                                            subnets.push(s);
                                            any = true;
                                        }
                                        "AWS::RDS::DBSubnetGroup"
                                        | "AWS::ElastiCache::SubnetGroup"
                                        | "AWS::Neptune::DBSubnetGroup"
                                        | "AWS::DocDB::DBSubnetGroup" => {
                                            for (sid, _) in refs_of(self.res[s].props) {
                                                if let Some(t) = self.idx(&sid)
                                                    && self.res[t].kind == "AWS::EC2::Subnet"
                                                {
                                                    subnets.push(t);
                                                    any = true;
                                                }
                                            }
                                        }
                                        _ => {}
                                    }
                                }
                            }
                            if !any
                                && k != "VPCOptions"
                                && (k.contains("SubnetIds") || k == "Subnets" || k == "SubnetId")
                            {
                                *named_elsewhere = true;
                            }
                        }
                    }
                });
            };
            look(self.res[i].props, &mut subnets, &mut named_elsewhere);
            if let Some(vc) = self.prop(i, "VpcConfig") {
                look(
                    &Node {
                        value: Value::Map(vec![("VpcConfig".into(), vc.clone())]),
                        line: vc.line,
                    },
                    &mut subnets,
                    &mut named_elsewhere,
                );
            }
            let zone = if let Some(&s) = subnets.first() {
                Some(Zone::Vpc {
                    vpc: subnet_vpc(s),
                    public: subnets
                        .iter()
                        .all(|s| public_subnets.contains(self.res[*s].id)),
                })
            } else if named_elsewhere {
                Some(Zone::Vpc {
                    vpc: String::new(),
                    public: false,
                })
            } else {
                None
            };
            if let Some(z) = zone {
                zones.push((p, z));
            }
        }
        for (p, z) in zones {
            if self.g.parts[p].role != Role::Outside {
                self.g.parts[p].zone = z;
            }
        }
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

    fn flows(&mut self) {
        self.connectors();
        self.event_sources();
        self.integrations();
        self.policies();
        self.environment();
        self.state_machines();
        self.public_entries();
        self.security_groups();
        self.other_references();
    }

    /// Security-group ingress: elements in the source group reach elements in the group
    /// (a network path, its port as the protocol); from 0.0.0.0/0, the internet does.
    fn security_groups(&mut self) {
        // The elements in each security group.
        let mut members: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for i in 0..self.res.len() {
            let Some(p) = self.owner[i] else { continue };
            let mut found = Vec::new();
            self.res[i].props.walk(&mut |n| {
                for (k, v) in n.entries() {
                    if k.contains("SecurityGroup")
                        && !k.contains("Ingress")
                        && !k.contains("Egress")
                    {
                        found.extend(refs_of(v).into_iter().map(|(id, _)| id));
                    }
                }
            });
            for sg in found {
                if self
                    .idx(&sg)
                    .is_some_and(|k| self.res[k].kind == "AWS::EC2::SecurityGroup")
                {
                    let m = members.entry(sg).or_default();
                    if !m.contains(&p) {
                        m.push(p);
                    }
                }
            }
        }
        let mut rules: Vec<(String, &Node, usize)> = Vec::new();
        for r in &self.res {
            match r.kind {
                "AWS::EC2::SecurityGroup" => {
                    for rule in r
                        .props
                        .get("SecurityGroupIngress")
                        .map(Node::items)
                        .unwrap_or(&[])
                    {
                        rules.push((r.id.to_owned(), rule, rule.line));
                    }
                }
                "AWS::EC2::SecurityGroupIngress" => {
                    if let Some((g, _)) = r
                        .props
                        .get("GroupId")
                        .map(refs_of)
                        .and_then(|v| v.into_iter().next())
                    {
                        rules.push((g, r.props, r.node.line));
                    }
                }
                _ => {}
            }
        }
        for (group, rule, line) in rules {
            let targets = members.get(&group).cloned().unwrap_or_default();
            if targets.is_empty() {
                continue;
            }
            let port = rule.get("FromPort").and_then(Node::str).unwrap_or("");
            let protocol = if port.is_empty() || port == "-1" {
                "TCP".to_owned()
            } else {
                format!("TCP {}", short(port))
            };
            let why = format!("ingress rule of security group {group} ({protocol}), line {line}");
            if let Some(src) = rule.get("SourceSecurityGroupId") {
                let sources: Vec<usize> = refs_of(src)
                    .iter()
                    .filter_map(|(id, _)| members.get(id))
                    .flatten()
                    .copied()
                    .collect();
                for &s in &sources {
                    for &t in &targets {
                        if s != t {
                            self.g.link_with(
                                s,
                                t,
                                Dir::Out,
                                "connects",
                                why.clone(),
                                &protocol,
                                false,
                            );
                        }
                    }
                }
            } else if rule.get("CidrIp").and_then(Node::str) == Some("0.0.0.0/0")
                || rule.get("CidrIpv6").and_then(Node::str) == Some("::/0")
            {
                for &t in &targets {
                    if self.g.parts[t].role != Role::Entry {
                        self.g.parts[t]
                            .notes
                            .push(format!("Open to the internet: {why}."));
                    }
                }
            }
        }
    }

    /// SAM connectors, as resources (`AWS::Serverless::Connector`) or embedded in their
    /// source (`Connectors:`): the source reads or writes the destinations.
    fn connectors(&mut self) {
        let mut found: Vec<(Vec<usize>, &Node, String)> = Vec::new();
        for r in &self.res {
            if r.kind == "AWS::Serverless::Connector" {
                let source = r
                    .props
                    .at(&["Source", "Id"])
                    .and_then(Node::str)
                    .and_then(|id| self.part_of(id))
                    .into_iter()
                    .collect();
                found.push((
                    source,
                    r.props,
                    format!("connector {}, line {}", r.id, r.node.line),
                ));
            }
            for (name, c) in r.node.get("Connectors").map(Node::entries).unwrap_or(&[]) {
                let source = self.part_of(r.id).into_iter().collect();
                let props = c.get("Properties").unwrap_or(Node::empty());
                found.push((
                    source,
                    props,
                    format!("connector {name} of {}, line {}", r.id, c.line),
                ));
            }
        }
        for (source, props, why) in found {
            let perms: Vec<&str> = props
                .get("Permissions")
                .map(|p| p.items().iter().filter_map(Node::str).collect())
                .unwrap_or_default();
            let dir = match (perms.contains(&"Read"), perms.contains(&"Write")) {
                (true, false) => Dir::In,
                (false, true) => Dir::Out,
                _ => Dir::Both,
            };
            let mut dests: Vec<&Node> = props.get("Destination").into_iter().collect();
            dests.extend(props.get("Destinations").map(Node::items).unwrap_or(&[]));
            for d in dests {
                let Some(t) = d
                    .get("Id")
                    .and_then(Node::str)
                    .and_then(|id| self.part_of(id))
                else {
                    continue;
                };
                for &s in &source {
                    let name = verb(dir, &self.g.parts[t]);
                    self.g
                        .link(s, t, dir, name, format!("{why}: {}", perms.join(", ")));
                }
            }
        }
    }

    fn event_sources(&mut self) {
        for i in 0..self.res.len() {
            let (id, kind, props) = (self.res[i].id, self.res[i].kind, self.res[i].props);
            match kind {
                "AWS::Serverless::Function" | "AWS::Serverless::StateMachine" => {
                    let Some(me) = self.owner[i] else { continue };
                    for (name, ev) in props.get("Events").map(Node::entries).unwrap_or(&[]) {
                        let et = ev.get("Type").and_then(Node::str).unwrap_or("");
                        let ep = ev.get("Properties").unwrap_or(Node::empty());
                        let why =
                            format!("SAM event {} ({et}) of {id}, line {}", short(name), ev.line);
                        let source: Vec<usize> = match et {
                            "Api" => {
                                ep.get("RestApiId")
                                    .map(|n| self.targets(n))
                                    .unwrap_or_else(|| {
                                        self.g.find("ServerlessRestApi").into_iter().collect()
                                    })
                            }
                            "HttpApi" => {
                                ep.get("ApiId").map(|n| self.targets(n)).unwrap_or_else(|| {
                                    self.g.find("ServerlessHttpApi").into_iter().collect()
                                })
                            }
                            "SQS" => ep.get("Queue").map(|n| self.targets(n)).unwrap_or_default(),
                            "SNS" => ep.get("Topic").map(|n| self.targets(n)).unwrap_or_default(),
                            "S3" => ep
                                .get("Bucket")
                                .map(|n| self.targets(n))
                                .unwrap_or_default(),
                            "DynamoDB" | "Kinesis" | "MSK" | "MQ" | "DocumentDB" => ep
                                .get("Stream")
                                .or_else(|| ep.get("Broker"))
                                .or_else(|| ep.get("Cluster"))
                                .map(|n| self.targets(n))
                                .unwrap_or_default(),
                            "Schedule" | "ScheduleV2" | "EventBridgeRule" | "CloudWatchEvent" => {
                                let mut v: Vec<usize> =
                                    self.g.find(&format!("{id}{name}")).into_iter().collect();
                                if let Some(bus) = ep.get("EventBusName") {
                                    for b in self.targets(bus) {
                                        if let Some(&rule) = v.first() {
                                            self.g.link(
                                                rule,
                                                b,
                                                Dir::In,
                                                "matches events",
                                                why.clone(),
                                            );
                                        }
                                    }
                                }
                                v.truncate(1);
                                v
                            }
                            "Cognito" => ep
                                .get("UserPool")
                                .map(|n| self.targets(n))
                                .unwrap_or_default(),
                            "IoTRule" | "AlexaSkill" | "CloudWatchLogs" | "SelfManagedKafka" => {
                                Vec::new()
                            }
                            _ => Vec::new(),
                        };
                        let what = match et {
                            "Api" | "HttpApi" => {
                                let method = ep.get("Method").and_then(Node::str).unwrap_or("");
                                let path = ep.get("Path").and_then(Node::str).unwrap_or("");
                                format!("{} {}", method.to_uppercase(), short(path))
                                    .trim()
                                    .to_owned()
                            }
                            _ => String::new(),
                        };
                        let why = if what.is_empty() {
                            why
                        } else {
                            format!("{why}: {what}")
                        };
                        let name = match et {
                            "SQS" | "Kinesis" | "DynamoDB" | "MSK" | "MQ" | "DocumentDB" => {
                                "delivers records (event source mapping)"
                            }
                            "Api" | "HttpApi" => "invokes (API route)",
                            _ => "triggers",
                        };
                        for s in source {
                            self.g.link(me, s, Dir::In, name, why.clone());
                        }
                    }
                }
                "AWS::Lambda::EventSourceMapping" => {
                    let f = props
                        .get("FunctionName")
                        .map(|n| self.targets(n))
                        .unwrap_or_default();
                    let s = props
                        .get("EventSourceArn")
                        .map(|n| self.targets(n))
                        .unwrap_or_default();
                    for &fp in &f {
                        for &sp in &s {
                            self.g.link(
                                fp,
                                sp,
                                Dir::In,
                                "delivers records (event source mapping)",
                                format!(
                                    "event source mapping {id}, line {}",
                                    self.res[i].node.line
                                ),
                            );
                        }
                    }
                }
                "AWS::S3::Bucket" => {
                    let Some(me) = self.owner[i] else { continue };
                    if let Some(nc) = props.get("NotificationConfiguration") {
                        for (list, key) in [
                            ("LambdaConfigurations", "Function"),
                            ("QueueConfigurations", "Queue"),
                            ("TopicConfigurations", "Topic"),
                        ] {
                            for c in nc.get(list).map(Node::items).unwrap_or(&[]) {
                                let ev = c.get("Event").and_then(Node::str).unwrap_or("");
                                for t in c.get(key).map(|n| self.targets(n)).unwrap_or_default() {
                                    self.g.link(
                                        me,
                                        t,
                                        Dir::Out,
                                        "notifies",
                                        format!(
                                            "notification {} of bucket {id}, line {}",
                                            short(ev),
                                            c.line
                                        ),
                                    );
                                }
                            }
                        }
                        if nc.get("EventBridgeConfiguration").is_some() {
                            self.g.parts[me]
                                .notes
                                .push("Sends its events to the default EventBridge bus.".into());
                        }
                    }
                }
                "AWS::SNS::Subscription" => {
                    let topic = props
                        .get("TopicArn")
                        .map(|n| self.targets(n))
                        .unwrap_or_default();
                    let end = props
                        .get("Endpoint")
                        .map(|n| self.targets(n))
                        .unwrap_or_default();
                    let proto = props.get("Protocol").and_then(Node::str).unwrap_or("");
                    for &t in &topic {
                        for &e in &end {
                            self.g.link(
                                t,
                                e,
                                Dir::Out,
                                "delivers messages",
                                format!(
                                    "subscription {id} ({}), line {}",
                                    short(proto),
                                    self.res[i].node.line
                                ),
                            );
                        }
                    }
                }
                "AWS::SNS::Topic" => {
                    let Some(me) = self.owner[i] else { continue };
                    for s in props.get("Subscription").map(Node::items).unwrap_or(&[]) {
                        for e in s
                            .get("Endpoint")
                            .map(|n| self.targets(n))
                            .unwrap_or_default()
                        {
                            self.g.link(
                                me,
                                e,
                                Dir::Out,
                                "delivers messages",
                                format!("subscription of topic {id}, line {}", s.line),
                            );
                        }
                    }
                }
                "AWS::Events::Rule" | "AWS::Scheduler::Schedule" => {
                    let Some(me) = self.owner[i] else { continue };
                    let targets: Vec<&Node> = props
                        .get("Targets")
                        .map(|t| t.items().iter().collect())
                        .or_else(|| props.get("Target").map(|t| vec![t]))
                        .unwrap_or_default();
                    let what = props
                        .get("ScheduleExpression")
                        .and_then(Node::str)
                        .map(|s| format!("schedule {}", short(s)))
                        .unwrap_or_else(|| "event pattern".into());
                    self.g.parts[me].notes.push(format!("Fires on {what}."));
                    for t in targets {
                        for x in t.get("Arn").map(|n| self.targets(n)).unwrap_or_default() {
                            self.g.link(
                                me,
                                x,
                                Dir::Out,
                                "triggers",
                                format!("target of {id} ({what}), line {}", t.line),
                            );
                        }
                    }
                    if let Some(bus) = props.get("EventBusName") {
                        for b in self.targets(bus) {
                            self.g.link(
                                me,
                                b,
                                Dir::In,
                                "matches events",
                                format!("rule {id} on its bus, line {}", bus.line),
                            );
                        }
                    }
                }
                "AWS::Cognito::UserPool" => {
                    let Some(me) = self.owner[i] else { continue };
                    for (trigger, f) in props.get("LambdaConfig").map(Node::entries).unwrap_or(&[])
                    {
                        for t in self.targets(f) {
                            self.g.link(
                                me,
                                t,
                                Dir::Out,
                                "invokes (trigger)",
                                format!(
                                    "Cognito trigger {} of {id}, line {}",
                                    short(trigger),
                                    f.line
                                ),
                            );
                        }
                    }
                }
                _ => {}
            }
        }
    }

    fn integrations(&mut self) {
        for i in 0..self.res.len() {
            let (id, kind, props) = (self.res[i].id, self.res[i].kind, self.res[i].props);
            let line = self.res[i].node.line;
            let (api_key, uri) = match kind {
                "AWS::ApiGateway::Method" => (
                    "RestApiId",
                    props.get("Integration").and_then(|n| n.get("Uri")),
                ),
                "AWS::ApiGatewayV2::Integration" => ("ApiId", props.get("IntegrationUri")),
                "AWS::ApiGateway::Authorizer" => ("RestApiId", props.get("AuthorizerUri")),
                "AWS::ApiGatewayV2::Authorizer" => ("ApiId", props.get("AuthorizerUri")),
                "AWS::AppSync::DataSource" => (
                    "ApiId",
                    props
                        .get("LambdaConfig")
                        .or_else(|| props.get("DynamoDBConfig"))
                        .or_else(|| props.get("HttpConfig")),
                ),
                "AWS::ElasticLoadBalancingV2::TargetGroup" => ("", props.get("Targets")),
                _ => continue,
            };
            let apis: Vec<usize> = if api_key.is_empty() {
                self.owner[i].into_iter().collect()
            } else {
                props
                    .get(api_key)
                    .map(|n| self.targets(n))
                    .unwrap_or_default()
            };
            let Some(uri) = uri else { continue };
            let mut targets = self.targets(uri);
            let uri_text = text_of(uri).unwrap_or_default();
            if targets.is_empty() && kind == "AWS::AppSync::DataSource" {
                targets = refs_of(uri)
                    .iter()
                    .filter_map(|(r, _)| self.part_of(r))
                    .collect();
            }
            let method = props.get("HttpMethod").and_then(Node::str).unwrap_or("");
            for &a in &apis {
                for &t in &targets {
                    self.g.link(
                        a,
                        t,
                        Dir::Out,
                        "invokes (integration)",
                        format!("integration {id} {}, line {line}", short(method))
                            .replace("  ", " "),
                    );
                }
                if targets.is_empty()
                    && uri_text.contains(":apigateway:")
                    && uri_text.contains(":action/")
                {
                    let service = uri_text
                        .split(":apigateway:")
                        .nth(1)
                        .and_then(|s| s.split(':').nth(1))
                        .unwrap_or("");
                    self.g.parts[a].notes.push(format!(
                        "Integration {id} calls {} directly (AWS service integration).",
                        short(service)
                    ));
                }
            }
        }
        // SAM APIs' Lambda authorizers.
        for i in 0..self.res.len() {
            let Some(me) = self.owner[i] else { continue };
            if !matches!(
                self.res[i].kind,
                "AWS::Serverless::Api" | "AWS::Serverless::HttpApi"
            ) {
                continue;
            }
            let authorizers = self.res[i]
                .props
                .at(&["Auth", "Authorizers"])
                .map(Node::entries)
                .unwrap_or(&[]);
            for (name, a) in authorizers {
                let Some(f) = a.get("FunctionArn") else {
                    continue;
                };
                for t in self.targets(f) {
                    self.g.link(
                        me,
                        t,
                        Dir::Out,
                        "invokes (authorizer)",
                        format!(
                            "authorizer {} of {}, line {}",
                            short(name),
                            self.res[i].id,
                            a.line
                        ),
                    );
                }
            }
        }
        // OpenAPI bodies of APIs: the integrations' URIs name functions.
        for i in 0..self.res.len() {
            let Some(me) = self.owner[i] else { continue };
            if !matches!(
                self.res[i].kind,
                "AWS::Serverless::Api"
                    | "AWS::ApiGateway::RestApi"
                    | "AWS::Serverless::HttpApi"
                    | "AWS::ApiGatewayV2::Api"
            ) {
                continue;
            }
            if let Some(body) = self.res[i]
                .props
                .get("DefinitionBody")
                .or_else(|| self.res[i].props.get("Body"))
            {
                for t in self.targets_all(body) {
                    if self.g.parts[t].role == Role::Compute {
                        self.g.link(
                            me,
                            t,
                            Dir::Out,
                            "invokes (integration)",
                            format!(
                                "OpenAPI definition of {}, line {}",
                                self.res[i].id, body.line
                            ),
                        );
                    }
                }
            }
        }
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

    /// The parts that act with a role's permissions: whoever refers to the role
    /// (a function's `Role`, a state machine's `RoleArn`, a method's `Credentials`,
    /// through an instance profile too).
    fn principals(&self, role: &str) -> Vec<usize> {
        let mut out = Vec::new();
        let mut via = vec![role.to_owned()];
        for r in &self.res {
            if r.kind == "AWS::IAM::InstanceProfile"
                && refs_of(r.props).iter().any(|(x, _)| x == role)
            {
                via.push(r.id.to_owned());
            }
        }
        for (j, r) in self.res.iter().enumerate() {
            if matches!(
                r.kind,
                "AWS::IAM::Policy"
                    | "AWS::IAM::ManagedPolicy"
                    | "AWS::IAM::InstanceProfile"
                    | "AWS::IAM::Role"
            ) {
                continue;
            }
            if self.out_refs[j].iter().any(|(x, _)| via.contains(x))
                && let Some(p) = self.owner[j]
                && !out.contains(&p)
            {
                out.push(p);
            }
        }
        if out.is_empty() {
            out.extend(self.trusted_service(role));
        }
        out
    }

    /// A role nothing in the template names (an API definition in an included file uses
    /// it): the one element of the service its trust policy lets assume it.
    fn trusted_service(&self, role: &str) -> Option<usize> {
        let r = self.idx(role)?;
        let trust = self.res[r].props.get("AssumeRolePolicyDocument")?;
        let mut services = Vec::new();
        trust.walk(&mut |n| {
            if let Some(s) = n.get("Service") {
                services.extend(s.items().iter().filter_map(Node::str).map(str::to_owned));
            }
        });
        let types: &[&str] = match services.first().map(String::as_str) {
            Some("apigateway.amazonaws.com") => &[
                "AWS::ApiGateway::RestApi",
                "AWS::Serverless::Api",
                "AWS::ApiGatewayV2::Api",
                "AWS::Serverless::HttpApi",
            ],
            Some("states.amazonaws.com") => &[
                "AWS::StepFunctions::StateMachine",
                "AWS::Serverless::StateMachine",
            ],
            Some("appsync.amazonaws.com") => &["AWS::AppSync::GraphQLApi"],
            Some("amplify.amazonaws.com") => &["AWS::Amplify::App"],
            Some("events.amazonaws.com" | "scheduler.amazonaws.com") => {
                &["AWS::Events::Rule", "AWS::Scheduler::Schedule"]
            }
            _ => return None,
        };
        let mut of_type = self.g.parts.iter().enumerate().filter(|(_, p)| {
            p.resources
                .first()
                .is_some_and(|r| types.contains(&r.kind.as_str()))
        });
        let (k, _) = of_type.next()?;
        of_type.next().is_none().then_some(k)
    }

    fn policies(&mut self) {
        for i in 0..self.res.len() {
            let (id, kind, props) = (self.res[i].id, self.res[i].kind, self.res[i].props);
            let mut grants: Vec<(Vec<usize>, &Node, String)> = Vec::new();
            match kind {
                "AWS::IAM::Role" | "AWS::IAM::User" => {
                    let who = if kind == "AWS::IAM::User" {
                        self.owner[i].into_iter().collect()
                    } else {
                        self.principals(id)
                    };
                    for p in props.get("Policies").map(Node::items).unwrap_or(&[]) {
                        if let Some(doc) = p.get("PolicyDocument") {
                            let name = p.get("PolicyName").and_then(text_of).unwrap_or_default();
                            grants.push((
                                who.clone(),
                                doc,
                                format!("policy {} of role {id}", short(&name)),
                            ));
                        }
                    }
                    self.managed(&who, props.get("ManagedPolicyArns"), id);
                }
                "AWS::IAM::Policy" | "AWS::IAM::ManagedPolicy" => {
                    let mut who = Vec::new();
                    for r in props.get("Roles").map(Node::items).unwrap_or(&[]) {
                        for (rid, _) in refs_of(r) {
                            for p in self.principals(&rid) {
                                if !who.contains(&p) {
                                    who.push(p);
                                }
                            }
                        }
                    }
                    for u in props.get("Users").map(Node::items).unwrap_or(&[]) {
                        for (uid, _) in refs_of(u) {
                            if let Some(p) = self.part_of(&uid)
                                && !who.contains(&p)
                            {
                                who.push(p);
                            }
                        }
                    }
                    if let Some(doc) = props.get("PolicyDocument") {
                        grants.push((who, doc, format!("policy {id}")));
                    }
                }
                "AWS::Serverless::Function" | "AWS::Serverless::StateMachine" => {
                    let Some(me) = self.owner[i] else { continue };
                    let Some(pol) = self.prop(i, "Policies") else {
                        continue;
                    };
                    for item in pol.items() {
                        if let Some(name) = item.str() {
                            self.g.parts[me]
                                .notes
                                .push(format!("Has the managed policy {}.", short(name)));
                            if name.contains("FullAccess") || name == "AdministratorAccess" {
                                self.g.kept.push(format!(
                                    "{id}: managed policy {} is over-broad",
                                    short(name)
                                ));
                            }
                            continue;
                        }
                        if item.get("Statement").is_some() {
                            grants.push((vec![me], item, format!("inline policy of {id}")));
                            continue;
                        }
                        for (tpl, args) in item.entries() {
                            let Some((_, key, dir)) =
                                POLICY_TEMPLATES.iter().find(|(n, ..)| n == tpl)
                            else {
                                if !tpl.starts_with("Fn::") && tpl != "Ref" {
                                    self.g.parts[me].notes.push(format!(
                                        "SAM policy template {} (line {}).",
                                        short(tpl),
                                        args.line
                                    ));
                                }
                                continue;
                            };
                            let Some(arg) = args.get(key) else { continue };
                            let targets = self.targets(arg);
                            if targets.is_empty() {
                                self.g.parts[me].notes.push(format!(
                                    "SAM policy template {tpl} names {} not in this template.",
                                    text_of(arg)
                                        .map(|t| short(&t))
                                        .unwrap_or_else(|| "a resource".into())
                                ));
                            }
                            for t in targets {
                                let name = verb(*dir, &self.g.parts[t]);
                                self.g.link(
                                    me,
                                    t,
                                    *dir,
                                    name,
                                    format!(
                                        "SAM policy template {tpl} of {id}, line {}",
                                        args.line
                                    ),
                                );
                            }
                        }
                    }
                }
                _ => {}
            }
            for (who, doc, why) in grants {
                self.statements(&who, doc, &why);
            }
        }
    }

    fn managed(&mut self, who: &[usize], arns: Option<&Node>, role: &str) {
        for a in arns.map(Node::items).unwrap_or(&[]) {
            let Some(text) = text_of(a) else { continue };
            let name = text.rsplit('/').next().unwrap_or(&text).to_owned();
            for &p in who {
                self.g.parts[p].notes.push(format!(
                    "Role {role} has the managed policy {}.",
                    short(&name)
                ));
            }
            if name.contains("FullAccess") || name == "AdministratorAccess" {
                self.g.kept.push(format!(
                    "role {role}: managed policy {} is over-broad",
                    short(&name)
                ));
            }
        }
    }

    fn statements(&mut self, who: &[usize], doc: &Node, why: &str) {
        for st in doc.get("Statement").map(Node::items).unwrap_or(&[]) {
            if st.get("Effect").and_then(Node::str) != Some("Allow") {
                continue;
            }
            let actions: Vec<String> = st
                .get("Action")
                .map(|a| a.items().iter().filter_map(text_of).collect())
                .unwrap_or_default();
            let mut dir: Option<Dir> = None;
            for a in &actions {
                if let Some(d) = action_dir(a) {
                    dir = Some(merge_dir(dir, d));
                }
            }
            let Some(dir) = dir else { continue };
            let shown: String = actions
                .iter()
                .take(4)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ");
            let shown = if actions.len() > 4 {
                format!("{shown} …")
            } else {
                shown
            };
            let resources = st.get("Resource").map(Node::items).unwrap_or(&[]);
            for r in resources {
                if r.str() == Some("*") {
                    for &p in who {
                        let note = format!(
                            "{why} allows {shown} on every resource (\"*\", line {}): over-broad.",
                            r.line
                        );
                        if !self.g.parts[p].notes.contains(&note) {
                            self.g.parts[p].notes.push(note);
                        }
                    }
                    self.g.kept.push(format!(
                        "{why}: {shown} on \"*\" (line {}) is over-broad",
                        r.line
                    ));
                    continue;
                }
                for t in self.targets(r) {
                    for &p in who {
                        let name = verb(dir, &self.g.parts[t]);
                        self.g.link(
                            p,
                            t,
                            dir,
                            name,
                            format!("{why} allows {shown}, line {}", st.line),
                        );
                    }
                }
            }
        }
    }

    fn environment(&mut self) {
        for i in 0..self.res.len() {
            let Some(me) = self.owner[i] else { continue };
            let task = self.res[i].kind == "AWS::ECS::TaskDefinition";
            if !task
                && self.g.parts[me].resources.first().map(|r| r.id.as_str()) != Some(self.res[i].id)
            {
                continue;
            }
            let mut vars: Vec<(&str, &Node)> = Vec::new();
            if let Some(v) = self.prop(i, "Environment").and_then(|e| e.get("Variables")) {
                vars.extend(v.entries().iter().map(|(k, v)| (k.as_str(), v)));
            }
            // Containers: each container's `Environment` list of names and values.
            for c in self.res[i]
                .props
                .get("ContainerDefinitions")
                .map(Node::items)
                .unwrap_or(&[])
            {
                for e in c.get("Environment").map(Node::items).unwrap_or(&[]) {
                    if let (Some(n), Some(v)) = (e.get("Name").and_then(Node::str), e.get("Value"))
                    {
                        vars.push((n, v));
                    }
                }
            }
            if self.res[i].kind == "AWS::Serverless::Function"
                && let Some(g) = self
                    .globals
                    .and_then(|g| g.at(&["Environment", "Variables"]))
                && self.res[i].props.get("Environment").is_some()
            {
                vars.extend(g.entries().iter().map(|(k, v)| (k.as_str(), v)));
            }
            for (name, value) in vars {
                let mut targets = self.targets_all(value);
                if targets.is_empty() {
                    targets = self.targets(value);
                }
                for t in targets {
                    if self.g.parts[t].role == Role::Outside || t == me {
                        continue;
                    }
                    let why = format!(
                        "environment variable {} of {}, line {}",
                        short(name),
                        self.res[i].id,
                        value.line
                    );
                    if self.g.linked(me, t) {
                        self.g.link(me, t, Dir::Out, "uses", why);
                    } else {
                        let n = if self.g.parts[t].role == Role::Compute {
                            "invokes"
                        } else {
                            "uses"
                        };
                        self.g.link(me, t, Dir::Out, n, why);
                    }
                    if matches!(
                        self.res
                            .get(self.idx(&self.g.parts[t].key).unwrap_or(usize::MAX))
                            .map(|r| r.kind),
                        Some(
                            "AWS::SecretsManager::Secret" | "AWS::SSM::Parameter" | "AWS::KMS::Key"
                        )
                    ) {
                        if let ElementProps::Process(pp) = &mut self.g.parts[me].props {
                            pp.handles_secrets = true;
                        }
                    }
                }
                if let Some(text) = text_of(value)
                    && let Some(host) = third_party_host(&text)
                {
                    let key = format!("url:{host}");
                    let ext = match self.g.find(&key) {
                        Some(e) => e,
                        None => {
                            let mut p = Part::new(
                                &key,
                                Role::Outside,
                                ElementProps::ExternalEntity(ExternalEntityProps {
                                    actor: Actor::System,
                                    third_party: true,
                                    ..ExternalEntityProps::default()
                                }),
                            );
                            p.name = host.clone();
                            p.technology = "Third-party service".into();
                            p.notes.push(format!(
                                "Named by URL in environment variable {} of {}.",
                                short(name),
                                self.res[i].id
                            ));
                            self.g.add(p)
                        }
                    };
                    let https = text.trim_start().starts_with("https://");
                    let why = format!(
                        "environment variable {} of {} is a URL of {host}, line {}",
                        short(name),
                        self.res[i].id,
                        value.line
                    );
                    self.g.link_with(
                        me,
                        ext,
                        Dir::Out,
                        "calls",
                        why,
                        if https { "HTTPS" } else { "HTTP" },
                        false,
                    );
                    if let Some(e) = self
                        .g
                        .edges
                        .iter_mut()
                        .find(|e| e.from == me && e.to == ext)
                    {
                        e.public = true;
                    }
                }
            }
        }
    }

    fn state_machines(&mut self) {
        for i in 0..self.res.len() {
            if !matches!(
                self.res[i].kind,
                "AWS::StepFunctions::StateMachine" | "AWS::Serverless::StateMachine"
            ) {
                continue;
            }
            let Some(me) = self.owner[i] else { continue };
            let props = self.res[i].props;
            let subs = props.get("DefinitionSubstitutions");
            // The definition: a map (SAM, `Definition`) or JSON text (`DefinitionString`,
            // often a `Fn::Sub` whose variables name the resources).
            let mut sub_vars: Option<&Node> = None;
            let definition: Option<serde_json::Value> = if let Some(d) = props.get("Definition") {
                Some(to_json(d))
            } else if let Some(ds) = props.get("DefinitionString") {
                let text = match ds.intrinsic() {
                    Some(("Fn::Sub", arg)) => {
                        sub_vars = arg.items().get(1).filter(|_| arg.str().is_none());
                        arg.str()
                            .or_else(|| arg.items().first().and_then(Node::str))
                            .map(str::to_owned)
                    }
                    Some(("Fn::Join", _)) => text_of(ds),
                    _ => ds.str().map(str::to_owned),
                };
                text.and_then(|t| serde_json::from_str(&t).ok())
            } else {
                None
            };
            if props.get("DefinitionUri").is_some() || props.get("DefinitionS3Location").is_some() {
                self.g.parts[me]
                    .notes
                    .push("Its definition is in a separate file: its tasks are not read.".into());
            }
            let Some(def) = definition else { continue };
            let mut tasks = Vec::new();
            collect_tasks(&def, &mut tasks, 0);
            let line = self.res[i].node.line;
            let id = self.res[i].id;
            for (state, resource, params) in tasks {
                let dir = task_dir(&resource);
                let mut found = Vec::new();
                for var in sub_variables(&resource)
                    .into_iter()
                    .chain(sub_variables(&params))
                {
                    let (name, _) = var.split_once('.').unwrap_or((var, ""));
                    let via = subs
                        .and_then(|s| s.get(name))
                        .or_else(|| sub_vars.and_then(|s| s.get(name)));
                    match via {
                        Some(n) => found.extend(self.targets(n)),
                        None => found.extend(self.part_of(name)),
                    }
                }
                if found.is_empty() {
                    found.extend(self.named(&resource));
                }
                for t in found {
                    let name = verb(dir, &self.g.parts[t]);
                    self.g.link(
                        me,
                        t,
                        dir,
                        name,
                        format!(
                            "task state {} of {id} ({}), line {line}",
                            short(&state),
                            short(&resource)
                        ),
                    );
                }
            }
        }
    }

    /// Internet callers of public entry points, and users signing in to user pools.
    fn public_entries(&mut self) {
        let mut entries = Vec::new();
        for (k, p) in self.g.parts.iter().enumerate() {
            let Some(first) = p.resources.first() else {
                continue;
            };
            let ty = first.kind.as_str();
            let private = self.idx(&first.id).is_some_and(|i| {
                let props = self.res[i].props;
                props
                    .at(&["EndpointConfiguration", "Types"])
                    .is_some_and(|t| t.items().iter().any(|x| x.str() == Some("PRIVATE")))
                    || props
                        .at(&["EndpointConfiguration", "Type"])
                        .and_then(Node::str)
                        == Some("PRIVATE")
                    || props.get("EndpointConfiguration").and_then(Node::str) == Some("PRIVATE")
                    || props.get("Scheme").and_then(Node::str) == Some("internal")
            });
            let public = super::kinds::PUBLIC_ENTRY_TYPES.contains(&ty)
                || (p.role == Role::Entry
                    && matches!(ty, "AWS::Serverless::Function" | "AWS::Lambda::Function"));
            if public && !private {
                entries.push(k);
            }
        }
        self.g.internet_users(entries);
    }

    /// A resource that names another element in its properties, with no flow between
    /// them yet: a flow from it to what it names (a CDN to its origin bucket, a queue to
    /// its dead-letter queue), the property path as its reason.
    fn other_references(&mut self) {
        const SKIP: &[&str] = &[
            "VpcConfig",
            "VPCOptions",
            "Tags",
            "Role",
            "RoleArn",
            "ServiceRole",
            "Policies",
            "Environment",
            "Events",
            "Definition",
            "DefinitionString",
            "DefinitionSubstitutions",
            "DefinitionBody",
            "Body",
            "NotificationConfiguration",
            "Subscription",
            "Targets",
            "Target",
            "KmsMasterKeyId",
            "KmsKeyId",
            "KMSMasterKeyID",
            "SSESpecification",
            "BucketEncryption",
            "DependsOn",
            "Layers",
            "SecurityGroupIds",
            "SubnetIds",
            "VpcSecurityGroupIds",
            "DBSubnetGroupName",
            "CacheSubnetGroupName",
            "LambdaConfig",
            "Auth",
            "AccessLogSetting",
            "LoggingConfiguration",
            "Logging",
            "ManagedPolicyArns",
        ];
        for i in 0..self.res.len() {
            let Some(me) = self.owner[i] else { continue };
            let kind = self.res[i].kind;
            // A parameter that stores another resource's name or ARN names it for others.
            if kind == "AWS::SSM::Parameter" {
                continue;
            }
            if matches!(mapped(kind, true), Some(Mapped::Part) | None)
                && !kind.starts_with("AWS::CloudFront::")
            {
                continue;
            }
            for (key, value) in self.res[i].props.entries() {
                if SKIP.contains(&key.as_str()) {
                    continue;
                }
                for t in self.targets_all(value) {
                    if t == me || self.g.linked(me, t) || self.g.parts[t].role == Role::Outside {
                        continue;
                    }
                    let name = if self.g.parts[t].role == Role::Compute {
                        "invokes"
                    } else {
                        "uses"
                    };
                    self.g.link(
                        me,
                        t,
                        Dir::Out,
                        name,
                        format!(
                            "property {} of {} names it, line {}",
                            short(key),
                            self.res[i].id,
                            value.line
                        ),
                    );
                }
            }
        }
    }
}

/// The host of an http(s) URL that is not AWS's own, from a value's text.
fn third_party_host(text: &str) -> Option<String> {
    let t = text.trim();
    let rest = t
        .strip_prefix("https://")
        .or_else(|| t.strip_prefix("http://"))?;
    let host: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
        .collect();
    let aws = [
        "amazonaws.com",
        "amazon.com",
        "aws",
        "localhost",
        "amazoncognito.com",
        "cloudfront.net",
    ];
    if host.is_empty()
        || !host.contains('.')
        || aws.iter().any(|a| host.ends_with(a))
        || rest.starts_with("${")
    {
        return None;
    }
    Some(host)
}

fn to_json(node: &Node) -> serde_json::Value {
    match &node.value {
        Value::Str(s) => serde_json::Value::String(s.clone()),
        Value::Seq(s) => serde_json::Value::Array(s.iter().map(to_json).collect()),
        Value::Map(m) => {
            serde_json::Value::Object(m.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

/// Task states of a Step Functions definition (nested in parallel branches and maps):
/// (state name, its `Resource`, its `Parameters`/`Arguments` as text).
fn collect_tasks(def: &serde_json::Value, out: &mut Vec<(String, String, String)>, depth: usize) {
    if depth > 16 {
        return;
    }
    let Some(states) = def.get("States").and_then(serde_json::Value::as_object) else {
        return;
    };
    for (name, st) in states {
        if let Some(r) = st.get("Resource").and_then(serde_json::Value::as_str) {
            let params = st
                .get("Parameters")
                .or_else(|| st.get("Arguments"))
                .map(|p| p.to_string())
                .unwrap_or_default();
            out.push((name.clone(), r.to_owned(), params));
        }
        for b in st
            .get("Branches")
            .and_then(serde_json::Value::as_array)
            .into_iter()
            .flatten()
        {
            collect_tasks(b, out, depth + 1);
        }
        for key in ["Iterator", "ItemProcessor"] {
            if let Some(it) = st.get(key) {
                collect_tasks(it, out, depth + 1);
            }
        }
    }
}

/// Which way a task's data goes: a `…:getItem` reads, a `putItem`, `publish`,
/// `sendMessage` or function invocation writes.
fn task_dir(resource: &str) -> Dir {
    let action = resource
        .trim_end_matches(".sync")
        .trim_end_matches(".waitForTaskToken")
        .rsplit(':')
        .next()
        .unwrap_or("");
    let a = action.to_ascii_lowercase();
    if a.starts_with("get")
        || a.starts_with("query")
        || a.starts_with("scan")
        || a.starts_with("receive")
    {
        Dir::In
    } else {
        Dir::Out
    }
}

impl Reader<'_> {
    /// Security properties the template states, onto the elements the analysis reads.
    fn properties(&mut self) {
        for i in 0..self.res.len() {
            let Some(me) = self.owner[i] else { continue };
            let (id, kind, props) = (self.res[i].id, self.res[i].kind, self.res[i].props);
            let mut notes: Vec<String> = Vec::new();
            let part = &mut self.g.parts[me];
            match (&mut part.props, kind) {
                (
                    ElementProps::Process(_),
                    "AWS::Serverless::Function" | "AWS::Lambda::Function",
                ) => {
                    let runtime = props
                        .get("Runtime")
                        .or_else(|| self.globals.and_then(|g| g.get("Runtime")))
                        .and_then(Node::str)
                        .map(short);
                    if let Some(rt) = runtime {
                        part.technology = format!("AWS Lambda ({rt})");
                    }
                }
                (
                    ElementProps::Process(pp),
                    "AWS::Serverless::Api" | "AWS::Serverless::HttpApi",
                ) => {
                    if let Some(auth) = props.get("Auth") {
                        let default = auth.get("DefaultAuthorizer").and_then(Node::str);
                        let any = default.is_some_and(|d| d != "NONE")
                            || auth
                                .get("Authorizers")
                                .is_some_and(|a| !a.entries().is_empty());
                        if any {
                            pp.authenticates_callers = true;
                            let names: Vec<String> = auth
                                .get("Authorizers")
                                .map(|a| a.entries().iter().map(|(k, _)| short(k)).collect())
                                .unwrap_or_default();
                            notes.push(format!(
                                "Authorizers: {} (default {}).",
                                names.join(", "),
                                default.unwrap_or("none: each route names its own")
                            ));
                        }
                        if auth.get("ResourcePolicy").is_some() {
                            pp.authorizes_callers = true;
                        }
                        if auth.get("UsagePlan").is_some() {
                            pp.rate_limited = true;
                        }
                    }
                    if props.get("AccessLogSetting").is_some()
                        || props.get("AccessLogSettings").is_some()
                    {
                        pp.audit_logging = true;
                        notes.push("Access logging is on.".into());
                    }
                    if props.get("MethodSettings").is_some_and(|m| {
                        m.items().iter().any(|s| {
                            s.get("ThrottlingRateLimit").is_some()
                                || s.get("ThrottlingBurstLimit").is_some()
                        })
                    }) || props
                        .at(&["DefaultRouteSettings", "ThrottlingRateLimit"])
                        .is_some()
                    {
                        pp.rate_limited = true;
                    }
                }
                (
                    ElementProps::Process(pp),
                    "AWS::StepFunctions::StateMachine" | "AWS::Serverless::StateMachine",
                ) if props.get("Logging").is_some()
                    || props.get("LoggingConfiguration").is_some() =>
                {
                    pp.audit_logging = true;
                }
                (ElementProps::Process(pp), "AWS::CloudFront::Distribution") => {
                    let cfg = props.get("DistributionConfig").unwrap_or(Node::empty());
                    if cfg.get("Logging").is_some() {
                        pp.audit_logging = true;
                        notes.push("Access logging is on.".into());
                    }
                    if cfg.get("WebACLId").is_some() {
                        pp.rate_limited = true;
                        notes.push("Has a web ACL (AWS WAF).".into());
                    }
                    let https_only = cfg
                        .at(&["DefaultCacheBehavior", "ViewerProtocolPolicy"])
                        .and_then(Node::str);
                    if let Some(p) = https_only {
                        notes.push(format!("Viewer protocol policy: {}.", short(p)));
                    }
                }
                (ElementProps::DataStore(ds), _) => {
                    let explicit = match kind {
                        "AWS::DynamoDB::Table" | "AWS::Serverless::SimpleTable" => props
                            .get("SSESpecification")
                            .and_then(|s| s.get("SSEEnabled"))
                            .map(Node::is_true),
                        "AWS::S3::Bucket" => props.get("BucketEncryption").map(|_| true),
                        "AWS::SQS::Queue" => props
                            .get("KmsMasterKeyId")
                            .map(|_| true)
                            .or_else(|| props.get("SqsManagedSseEnabled").map(Node::is_true)),
                        "AWS::SNS::Topic" => props.get("KmsMasterKeyId").map(|_| true),
                        "AWS::RDS::DBInstance"
                        | "AWS::RDS::DBCluster"
                        | "AWS::Neptune::DBCluster"
                        | "AWS::DocDB::DBCluster" => {
                            props.get("StorageEncrypted").map(Node::is_true)
                        }
                        "AWS::ElastiCache::ReplicationGroup" => {
                            props.get("AtRestEncryptionEnabled").map(Node::is_true)
                        }
                        "AWS::OpenSearchService::Domain" | "AWS::Elasticsearch::Domain" => props
                            .at(&["EncryptionAtRestOptions", "Enabled"])
                            .map(Node::is_true),
                        "AWS::Kinesis::Stream" => props.get("StreamEncryption").map(|_| true),
                        "AWS::EFS::FileSystem" => props.get("Encrypted").map(Node::is_true),
                        "AWS::Redshift::Cluster" => props.get("Encrypted").map(Node::is_true),
                        "AWS::KinesisFirehose::DeliveryStream" => props
                            .get("DeliveryStreamEncryptionConfigurationInput")
                            .map(|_| true),
                        _ => None,
                    };
                    match explicit {
                        Some(on) => {
                            ds.encrypted_at_rest = on;
                            notes.push(if on {
                                "Encrypted at rest (set in the template).".into()
                            } else {
                                "Encryption at rest is turned off in the template.".into()
                            });
                        }
                        None if ds.encrypted_at_rest
                            && !matches!(kind, "AWS::SecretsManager::Secret" | "AWS::KMS::Key") =>
                        {
                            notes.push("Encrypted at rest by AWS's default (an AWS-owned key); the template sets no key of its own.".into());
                        }
                        None => {}
                    }
                    if matches!(kind, "AWS::RDS::DBInstance" | "AWS::RDS::DBCluster") {
                        if props
                            .get("BackupRetentionPeriod")
                            .and_then(Node::str)
                            .is_some_and(|b| b != "0")
                        {
                            ds.backup = true;
                        }
                        if props.get("PubliclyAccessible").is_some_and(Node::is_true) {
                            notes.push("Publicly accessible (PubliclyAccessible: true).".into());
                        }
                        let engine = props.get("Engine").and_then(Node::str).map(short);
                        if let Some(e) = engine {
                            part.technology = format!("Amazon RDS ({e})");
                        }
                    }
                    if kind.starts_with("AWS::DynamoDB")
                        && props.get("PointInTimeRecoverySpecification").is_some()
                    {
                        ds.backup = true;
                    }
                    if kind == "AWS::S3::Bucket" {
                        match props.get("PublicAccessBlockConfiguration") {
                            Some(b)
                                if [
                                    "BlockPublicAcls",
                                    "BlockPublicPolicy",
                                    "IgnorePublicAcls",
                                    "RestrictPublicBuckets",
                                ]
                                .iter()
                                .all(|k| b.get(k).is_some_and(Node::is_true)) =>
                            {
                                notes.push("Public access is blocked (all four settings).".into());
                            }
                            Some(_) => notes.push("Public access is only partly blocked.".into()),
                            None => {}
                        }
                        if props.get("WebsiteConfiguration").is_some() {
                            notes.push("Serves a static website.".into());
                            ds.classification = DataClass::Public;
                        }
                        if props
                            .get("AccessControl")
                            .and_then(Node::str)
                            .is_some_and(|a| a.starts_with("Public"))
                        {
                            notes.push("Its ACL makes it public.".into());
                        }
                        if props.get("LoggingConfiguration").is_some() {
                            notes.push("Server access logging is on.".into());
                        }
                        if props.get("VersioningConfiguration").is_some() {
                            ds.backup = true;
                        }
                    }
                    if id.to_ascii_lowercase().contains("log") && kind == "AWS::S3::Bucket" {
                        ds.stores_logs = true;
                    }
                }
                (ElementProps::ExternalEntity(_), "AWS::Cognito::UserPool") => {
                    if let Some(mfa) = props.get("MfaConfiguration").and_then(Node::str) {
                        notes.push(format!("MFA: {}.", short(mfa)));
                    }
                }
                _ => {}
            }
            self.g.parts[me].notes.extend(notes);
        }
        // Settings held by other resources: authorizers, stages, bucket and queue policies.
        for i in 0..self.res.len() {
            let (kind, props) = (self.res[i].kind, self.res[i].props);
            let line = self.res[i].node.line;
            let api = |key: &str| -> Vec<usize> {
                props.get(key).map(|n| self.targets(n)).unwrap_or_default()
            };
            let (set, note): (Vec<usize>, Option<String>) = match kind {
                "AWS::ApiGateway::Authorizer" | "AWS::ApiGatewayV2::Authorizer" => {
                    let t = props
                        .get("Type")
                        .or_else(|| props.get("AuthorizerType"))
                        .and_then(Node::str)
                        .unwrap_or("");
                    let targets = api(if kind == "AWS::ApiGateway::Authorizer" {
                        "RestApiId"
                    } else {
                        "ApiId"
                    });
                    for &a in &targets {
                        if let ElementProps::Process(pp) = &mut self.g.parts[a].props {
                            pp.authenticates_callers = true;
                        }
                    }
                    (
                        targets,
                        Some(format!(
                            "Authorizer {} ({}), line {line}.",
                            self.res[i].id,
                            short(t)
                        )),
                    )
                }
                "AWS::ApiGateway::Method" => {
                    let t = props
                        .get("AuthorizationType")
                        .and_then(Node::str)
                        .unwrap_or("NONE");
                    let verb = props.get("HttpMethod").and_then(Node::str).unwrap_or("");
                    if t == "NONE" && verb != "OPTIONS" {
                        (
                            api("RestApiId"),
                            Some(format!(
                                "Method {} ({}) has no authorization, line {line}.",
                                self.res[i].id,
                                short(verb)
                            )),
                        )
                    } else {
                        (Vec::new(), None)
                    }
                }
                "AWS::ApiGateway::Stage" | "AWS::ApiGatewayV2::Stage" => {
                    let targets = api(if kind == "AWS::ApiGateway::Stage" {
                        "RestApiId"
                    } else {
                        "ApiId"
                    });
                    if props.get("AccessLogSetting").is_some()
                        || props.get("AccessLogSettings").is_some()
                    {
                        for &a in &targets {
                            if let ElementProps::Process(pp) = &mut self.g.parts[a].props {
                                pp.audit_logging = true;
                            }
                        }
                    }
                    if props.get("MethodSettings").is_some_and(|m| {
                        m.items()
                            .iter()
                            .any(|s| s.get("ThrottlingRateLimit").is_some())
                    }) {
                        for &a in &targets {
                            if let ElementProps::Process(pp) = &mut self.g.parts[a].props {
                                pp.rate_limited = true;
                            }
                        }
                    }
                    (Vec::new(), None)
                }
                "AWS::S3::BucketPolicy" | "AWS::SQS::QueuePolicy" | "AWS::SNS::TopicPolicy" => {
                    let key = match kind {
                        "AWS::S3::BucketPolicy" => "Bucket",
                        "AWS::SQS::QueuePolicy" => "Queues",
                        _ => "Topics",
                    };
                    let targets = api(key);
                    let doc = props.get("PolicyDocument").unwrap_or(Node::empty());
                    let mut found = None;
                    doc.walk(&mut |n| {
                        if n.entries().iter().any(|(k, _)| k == "aws:SecureTransport") {
                            found = Some(
                                "Its policy denies requests without TLS (aws:SecureTransport)."
                                    .to_owned(),
                            );
                        }
                    });
                    let public = doc
                        .get("Statement")
                        .map(Node::items)
                        .unwrap_or(&[])
                        .iter()
                        .any(|s| {
                            s.get("Effect").and_then(Node::str) == Some("Allow")
                                && s.get("Principal").is_some_and(|p| {
                                    p.str() == Some("*")
                                        || p.get("AWS").and_then(Node::str) == Some("*")
                                })
                                && s.get("Condition").is_none()
                        });
                    let mut note = found;
                    if public {
                        note = Some(format!(
                            "{}Its policy allows anyone (Principal \"*\"), line {line}.",
                            note.map(|n| format!("{n} ")).unwrap_or_default()
                        ));
                    }
                    (targets, note)
                }
                _ => (Vec::new(), None),
            };
            if let Some(note) = note {
                for p in set {
                    if !self.g.parts[p].notes.contains(&note) {
                        self.g.parts[p].notes.push(note.clone());
                    }
                }
            }
        }
    }
}
