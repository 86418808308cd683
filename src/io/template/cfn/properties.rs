//! The security settings a CloudFormation/SAM template states (encryption at rest,
//! backup, authorizers, access logging, throttling, public access), onto the properties
//! the analysis reads.

use super::*;

impl Reader<'_> {
    /// Security properties the template states, onto the elements the analysis reads.
    pub(super) fn properties(&mut self) {
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
