//! Flows from IAM: who acts with a role, its inline and managed policies and SAM policy
//! templates, each statement's actions read as a direction and its resources as the
//! parts they name (`"*"` noted as over-broad).

use super::*;

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

impl Reader<'_> {
    /// The parts that act with a role's permissions: whoever refers to the role
    /// (a function's `Role`, a state machine's `RoleArn`, a method's `Credentials`,
    /// through an instance profile too).
    pub(super) fn principals(&self, role: &str) -> Vec<usize> {
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
    pub(super) fn trusted_service(&self, role: &str) -> Option<usize> {
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

    pub(super) fn policies(&mut self) {
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

    pub(super) fn managed(&mut self, who: &[usize], arns: Option<&Node>, role: &str) {
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

    pub(super) fn statements(&mut self, who: &[usize], doc: &Node, why: &str) {
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
}
