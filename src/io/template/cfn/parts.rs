//! The parts of a CloudFormation/SAM template: each resource an element or part of one,
//! what SAM adds (implicit APIs, roles, event rules), resources joined to the element they
//! belong to, and where each part runs (account, VPC, public or private subnet).

use super::*;

impl Reader<'_> {
    pub(super) fn notes_on_template(&mut self, doc: &Node, sam: bool) {
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

    pub(super) fn parts(&mut self) {
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
    pub(super) fn sam_implicit(&mut self) {
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
    pub(super) fn attach_parts(&mut self) {
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
    pub(super) fn zones(&mut self) {
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
}
