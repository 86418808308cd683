//! What a template says, before it is a diagram: the parts (one per element), the flows
//! between them with the reasons each exists, and where each part runs (the account, a
//! VPC, a public or private subnet). CloudFormation/SAM and Terraform plans both read into
//! this; [`Graph::into_project`] turns it into a project with a layout.

use std::collections::BTreeMap;

use crate::model::*;

/// Where a part sits in the diagram's columns, left to right.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// People and other organisations' services, outside the account.
    Outside,
    /// What callers reach first: APIs, load balancers, CDNs; and triggers (schedules, rules).
    Entry,
    /// Functions, containers, instances, workflows.
    Compute,
    /// Tables, buckets, queues, topics, caches, identity providers, secrets.
    Store,
}

/// Where a part runs.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Zone {
    /// Outside the AWS account (users, third parties).
    Outside,
    /// In the account, in no VPC the template places it in.
    #[default]
    Account,
    /// In a VPC (its logical id or address, or "" for one the template only names), in a
    /// public or private subnet.
    Vpc { vpc: String, public: bool },
}

#[derive(Clone, Debug)]
pub struct Part {
    /// The logical id or address it was made from (unique in the graph).
    pub key: String,
    pub name: String,
    pub role: Role,
    pub zone: Zone,
    pub technology: String,
    pub notes: Vec<String>,
    pub resources: Vec<Resource>,
    pub props: ElementProps,
}

impl Part {
    pub fn new(key: &str, role: Role, props: ElementProps) -> Self {
        Self {
            key: key.to_owned(),
            name: key.to_owned(),
            role,
            zone: if role == Role::Outside {
                Zone::Outside
            } else {
                Zone::Account
            },
            technology: String::new(),
            notes: Vec::new(),
            resources: Vec::new(),
            props,
        }
    }
}

/// Which way data goes on a flow, from the part that acts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    /// From the actor to the other part (writes, sends, invokes).
    Out,
    /// From the other part to the actor (reads, receives).
    In,
    Both,
}

#[derive(Clone, Debug)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub name: String,
    pub both: bool,
    pub protocol: String,
    /// Signed AWS API calls over TLS.
    pub aws_api: bool,
    pub public: bool,
    /// Why it exists: the statement, event or property that says so.
    pub reasons: Vec<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Graph {
    pub parts: Vec<Part>,
    pub index: BTreeMap<String, usize>,
    pub edges: Vec<Edge>,
    /// VPC key → its name.
    pub vpcs: BTreeMap<String, String>,
    /// What the report lists (parameters without defaults, nested stacks, over-broad grants).
    pub kept: Vec<String>,
    pub description: String,
}

impl Graph {
    pub fn add(&mut self, part: Part) -> usize {
        if let Some(&i) = self.index.get(&part.key) {
            return i;
        }
        let i = self.parts.len();
        self.index.insert(part.key.clone(), i);
        self.parts.push(part);
        i
    }

    pub fn find(&self, key: &str) -> Option<usize> {
        self.index.get(key).copied()
    }

    /// A flow from `actor` with `other`, going as `dir` says; the same pair again adds its
    /// reason to the flow there is (and makes it two-way when the directions differ).
    pub fn link(&mut self, actor: usize, other: usize, dir: Dir, name: &str, reason: String) {
        self.link_with(actor, other, dir, name, reason, "HTTPS (AWS API)", true);
    }

    #[allow(clippy::too_many_arguments)]
    pub fn link_with(
        &mut self,
        actor: usize,
        other: usize,
        dir: Dir,
        name: &str,
        reason: String,
        protocol: &str,
        aws_api: bool,
    ) {
        if actor == other {
            return;
        }
        let (from, to) = match dir {
            Dir::In => (other, actor),
            Dir::Out | Dir::Both => (actor, other),
        };
        if let Some(e) = self
            .edges
            .iter_mut()
            .find(|e| (e.from == from && e.to == to) || (e.from == to && e.to == from))
        {
            if e.from != from || dir == Dir::Both {
                e.both = true;
            }
            if !e.reasons.contains(&reason) && e.reasons.len() < 20 {
                e.reasons.push(reason);
            }
            return;
        }
        self.edges.push(Edge {
            from,
            to,
            name: name.to_owned(),
            both: dir == Dir::Both,
            protocol: protocol.to_owned(),
            aws_api,
            public: false,
            reasons: vec![reason],
        });
    }

    /// Internet users calling each public entry point (signing in to an identity provider).
    pub fn internet_users(&mut self, entries: Vec<usize>) {
        if entries.is_empty() {
            return;
        }
        let mut users = Part::new(
            "Internet users",
            Role::Outside,
            ElementProps::ExternalEntity(ExternalEntityProps {
                actor: Actor::Human,
                ..ExternalEntityProps::default()
            }),
        );
        users.technology = "Browser or API client".into();
        users
            .notes
            .push("Whoever reaches the public entry points over the internet.".into());
        let u = self.add(users);
        for k in entries {
            let idp = matches!(&self.parts[k].props, ElementProps::ExternalEntity(x) if x.identity_provider);
            let why = format!("{} is reachable from the internet", self.parts[k].key);
            let name = if idp { "signs in" } else { "requests" };
            self.link_with(u, k, Dir::Out, name, why, "HTTPS", false);
            if let Some(e) = self.edges.iter_mut().find(|e| e.from == u && e.to == k) {
                e.public = true;
                e.both = true;
            }
        }
    }

    /// Whether a flow joins the two parts, either way.
    pub fn linked(&self, a: usize, b: usize) -> bool {
        self.edges
            .iter()
            .any(|e| (e.from == a && e.to == b) || (e.from == b && e.to == a))
    }

    /// The project: one diagram, its elements and flows, boundaries and a layout.
    pub fn into_project(self, title: &str) -> Project {
        let mut project = Project::new(title);
        project.meta.description = self.description.clone();
        let mut diagram = Diagram::new("Infrastructure");
        let mut ids: Vec<ElementId> = Vec::with_capacity(self.parts.len());
        let mut taken = rustc_hash::FxHashSet::default();
        for p in &self.parts {
            let mut e = Element::new(p.props.kind(), p.name.clone());
            e.props = p.props.clone();
            e.id = element_id(&p.key, &mut taken);
            e.technology = p.technology.clone();
            e.description = p.notes.join("\n");
            e.resources = p.resources.clone();
            ids.push(e.id.clone());
            diagram.elements.push(e);
        }
        let mut flow_taken = rustc_hash::FxHashSet::default();
        for edge in &self.edges {
            let mut f = Flow::new(
                edge.name.clone(),
                ids[edge.from].clone(),
                ids[edge.to].clone(),
            );
            f.id = flow_id(
                &format!("{}-{}", self.parts[edge.from].key, self.parts[edge.to].key),
                &mut flow_taken,
            );
            f.bidirectional = edge.both;
            f.protocol = edge.protocol.clone();
            f.description = format!("From the template: {}", edge.reasons.join("; "));
            if edge.aws_api || edge.protocol.starts_with("HTTPS") {
                f.encrypted = true;
                f.integrity_protected = true;
                f.authenticates_destination = true;
            }
            if edge.aws_api {
                f.authenticates_source = true;
            }
            f.public_network = edge.public;
            diagram.flows.push(f);
        }
        super::layout::place(&self, &mut diagram, &ids, &mut project.layout);
        project.diagrams = vec![diagram];
        project
    }
}

/// A readable, stable id from a logical id or address (`aws_s3_bucket.logs[0]` →
/// `el-aws_s3_bucket.logs_0_`), unique in the diagram.
fn element_id(key: &str, taken: &mut rustc_hash::FxHashSet<String>) -> ElementId {
    let id = unique(&format!("el-{}", clean(key)), taken);
    ElementId::try_from(id.as_str()).unwrap_or_else(|_| ElementId::generate())
}

fn flow_id(key: &str, taken: &mut rustc_hash::FxHashSet<String>) -> FlowId {
    let id = unique(&format!("fl-{}", clean(key)), taken);
    FlowId::try_from(id.as_str()).unwrap_or_else(|_| FlowId::generate())
}

fn clean(key: &str) -> String {
    key.chars()
        .take(52)
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn unique(base: &str, taken: &mut rustc_hash::FxHashSet<String>) -> String {
    let mut id = base.to_owned();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(id.clone());
    id
}
