//! The flows a CloudFormation/SAM template states apart from IAM: security-group ingress,
//! SAM connectors, event sources, API integrations, environment variables (third-party URLs
//! become external entities), Step Functions tasks, internet callers of public entry
//! points, and other properties that name a resource — each with the reason it exists.
//!
//! One file, over 800 lines: one `Reader` method per way a template states a flow, all
//! reading the same resource index and adding through the same `Reader`; each is short and
//! is called only from `flows`.

use super::*;

impl Reader<'_> {
    pub(super) fn flows(&mut self) {
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
    pub(super) fn security_groups(&mut self) {
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
    pub(super) fn connectors(&mut self) {
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

    pub(super) fn event_sources(&mut self) {
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

    pub(super) fn integrations(&mut self) {
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

    pub(super) fn environment(&mut self) {
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

    pub(super) fn state_machines(&mut self) {
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
    pub(super) fn public_entries(&mut self) {
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
            let public = super::super::kinds::PUBLIC_ENTRY_TYPES.contains(&ty)
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
    pub(super) fn other_references(&mut self) {
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
