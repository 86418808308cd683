//! Terraform plans (`terraform show -json PLANFILE`), read as data: no terraform binary.
//! The JSON of a state (`terraform show -json` with no plan) reads too: its resources as
//! deployed, without the configuration's references (so without inferred flows).
//!
//! The planned values give each resource's address, type and settings; the configuration
//! part gives the references between resources (`aws_dynamodb_table.orders.arn`), which is
//! where a plan says who uses what. Each AWS type is read as the CloudFormation type it
//! corresponds to, so both formats map to the same elements.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::graph::{Dir, Graph, Part, Role, Zone};
use super::kinds::{Mapped, PUBLIC_ENTRY_TYPES, mapped};
use crate::model::*;

/// Terraform AWS types and the CloudFormation type each is.
const TYPES: &[(&str, &str)] = &[
    ("aws_lambda_function", "AWS::Lambda::Function"),
    ("aws_ecs_service", "AWS::ECS::Service"),
    ("aws_eks_cluster", "AWS::EKS::Cluster"),
    ("aws_instance", "AWS::EC2::Instance"),
    (
        "aws_autoscaling_group",
        "AWS::AutoScaling::AutoScalingGroup",
    ),
    ("aws_sfn_state_machine", "AWS::StepFunctions::StateMachine"),
    ("aws_codebuild_project", "AWS::CodeBuild::Project"),
    ("aws_glue_job", "AWS::Glue::Job"),
    ("aws_apprunner_service", "AWS::AppRunner::Service"),
    ("aws_api_gateway_rest_api", "AWS::ApiGateway::RestApi"),
    ("aws_apigatewayv2_api", "AWS::ApiGatewayV2::Api"),
    ("aws_lb", "AWS::ElasticLoadBalancingV2::LoadBalancer"),
    ("aws_alb", "AWS::ElasticLoadBalancingV2::LoadBalancer"),
    ("aws_elb", "AWS::ElasticLoadBalancing::LoadBalancer"),
    (
        "aws_cloudfront_distribution",
        "AWS::CloudFront::Distribution",
    ),
    ("aws_appsync_graphql_api", "AWS::AppSync::GraphQLApi"),
    ("aws_cloudwatch_event_rule", "AWS::Events::Rule"),
    ("aws_scheduler_schedule", "AWS::Scheduler::Schedule"),
    ("aws_dynamodb_table", "AWS::DynamoDB::Table"),
    ("aws_db_instance", "AWS::RDS::DBInstance"),
    ("aws_rds_cluster", "AWS::RDS::DBCluster"),
    ("aws_neptune_cluster", "AWS::Neptune::DBCluster"),
    ("aws_docdb_cluster", "AWS::DocDB::DBCluster"),
    ("aws_redshift_cluster", "AWS::Redshift::Cluster"),
    ("aws_s3_bucket", "AWS::S3::Bucket"),
    ("aws_elasticache_cluster", "AWS::ElastiCache::CacheCluster"),
    (
        "aws_elasticache_replication_group",
        "AWS::ElastiCache::ReplicationGroup",
    ),
    ("aws_opensearch_domain", "AWS::OpenSearchService::Domain"),
    ("aws_elasticsearch_domain", "AWS::Elasticsearch::Domain"),
    ("aws_sqs_queue", "AWS::SQS::Queue"),
    ("aws_sns_topic", "AWS::SNS::Topic"),
    ("aws_cloudwatch_event_bus", "AWS::Events::EventBus"),
    ("aws_kinesis_stream", "AWS::Kinesis::Stream"),
    (
        "aws_kinesis_firehose_delivery_stream",
        "AWS::KinesisFirehose::DeliveryStream",
    ),
    ("aws_msk_cluster", "AWS::MSK::Cluster"),
    ("aws_mq_broker", "AWS::AmazonMQ::Broker"),
    ("aws_efs_file_system", "AWS::EFS::FileSystem"),
    ("aws_ecr_repository", "AWS::ECR::Repository"),
    ("aws_cognito_user_pool", "AWS::Cognito::UserPool"),
    ("aws_cognito_identity_pool", "AWS::Cognito::IdentityPool"),
    ("aws_secretsmanager_secret", "AWS::SecretsManager::Secret"),
    ("aws_kms_key", "AWS::KMS::Key"),
    ("aws_ssm_parameter", "AWS::SSM::Parameter"),
];

/// Types that are wiring or settings of other resources, by prefix.
const PART_PREFIXES: &[&str] = &[
    "aws_iam_",
    "aws_lambda_",
    "aws_api_gateway_",
    "aws_apigatewayv2_",
    "aws_vpc",
    "aws_subnet",
    "aws_security_group",
    "aws_route",
    "aws_internet_gateway",
    "aws_nat_gateway",
    "aws_eip",
    "aws_network_",
    "aws_cloudwatch_",
    "aws_s3_bucket_",
    "aws_sns_topic_",
    "aws_sqs_queue_",
    "aws_db_",
    "aws_rds_cluster_",
    "aws_elasticache_",
    "aws_lb_",
    "aws_alb_",
    "aws_ecs_",
    "aws_kms_",
    "aws_secretsmanager_",
    "aws_cognito_",
    "aws_wafv2_",
    "aws_acm_",
    "aws_route53_",
    "aws_appautoscaling_",
    "aws_launch_",
    "aws_sfn_",
    "aws_appsync_",
    "aws_cloudfront_",
    "aws_dynamodb_",
    "aws_opensearch_",
    "aws_kinesis_",
    "aws_efs_",
    "aws_ecr_",
    "aws_ssm_",
    "aws_flow_log",
    "aws_default_",
    "aws_main_route_table",
    "aws_key_pair",
    "aws_ebs_",
    "aws_volume_",
    "aws_placement_group",
    "aws_xray_",
];

/// Helper providers: no infrastructure of their own.
const HELPERS: &[&str] = &[
    "random_",
    "null_",
    "time_",
    "local_",
    "tls_",
    "archive_",
    "terraform_data",
];

/// The CloudFormation type a Terraform resource type reads as.
pub(super) fn cfn_type(tf: &str) -> Option<&'static str> {
    TYPES.iter().find(|(t, _)| *t == tf).map(|(_, c)| *c)
}

/// The resource a reference names: `aws_sqs_queue.jobs.arn` → `aws_sqs_queue.jobs`,
/// `module.app.aws_s3_bucket.b.id` → `module.app.aws_s3_bucket.b`; `data.x.y.z` →
/// `data.x.y`; variables and locals → none.
fn referenced(r: &str, module: &str) -> Option<String> {
    let parts: Vec<&str> = r.split('.').collect();
    let base = match parts.first() {
        Some(&"var" | &"local" | &"each" | &"count" | &"path" | &"module" | &"self") => {
            return None;
        }
        Some(&"data") if parts.len() >= 3 => parts[..3].join("."),
        Some(_) if parts.len() >= 2 => parts[..2].join("."),
        _ => return None,
    };
    let base = base.split('[').next().unwrap_or(&base).to_owned();
    Some(format!("{module}{base}"))
}

/// A planned address without instance keys: `aws_s3_bucket.b[0]` → `aws_s3_bucket.b`.
fn config_address(address: &str) -> String {
    let mut out = String::with_capacity(address.len());
    let mut depth = 0;
    for c in address.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

struct Res {
    address: String,
    tf_type: String,
    values: Value,
}

struct Config {
    /// Each configured resource's expressions (data sources too).
    expressions: BTreeMap<String, Value>,
}

fn collect_planned(module: &Value, out: &mut Vec<Res>, depth: usize) {
    if depth > 32 {
        return;
    }
    for r in module["resources"].as_array().into_iter().flatten() {
        if r["mode"].as_str() == Some("data") {
            continue;
        }
        out.push(Res {
            address: r["address"].as_str().unwrap_or("").to_owned(),
            tf_type: r["type"].as_str().unwrap_or("").to_owned(),
            values: r["values"].clone(),
        });
    }
    for c in module["child_modules"].as_array().into_iter().flatten() {
        collect_planned(c, out, depth + 1);
    }
}

fn collect_config(module: &Value, prefix: &str, out: &mut Config, depth: usize) {
    if depth > 32 {
        return;
    }
    for r in module["resources"].as_array().into_iter().flatten() {
        let address = r["address"].as_str().unwrap_or("");
        out.expressions
            .insert(format!("{prefix}{address}"), r["expressions"].clone());
    }
    for (name, call) in module["module_calls"].as_object().into_iter().flatten() {
        collect_config(
            &call["module"],
            &format!("{prefix}module.{name}."),
            out,
            depth + 1,
        );
    }
}

/// Every resource referenced under an expression.
fn refs_in(v: &Value, module: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            if let Some(list) = m.get("references").and_then(Value::as_array) {
                for r in list.iter().filter_map(Value::as_str) {
                    if let Some(a) = referenced(r, module)
                        && !out.contains(&a)
                    {
                        out.push(a);
                    }
                }
            }
            m.values().for_each(|x| refs_in(x, module, out));
        }
        Value::Array(a) => a.iter().for_each(|x| refs_in(x, module, out)),
        _ => {}
    }
}

fn module_of(address: &str) -> String {
    // `module.a.module.b.aws_x.y` → `module.a.module.b.`
    let parts: Vec<&str> = address.split('.').collect();
    let mut prefix = String::new();
    let mut i = 0;
    while i + 1 < parts.len() && parts[i] == "module" {
        prefix.push_str(&format!("module.{}.", parts[i + 1]));
        i += 2;
    }
    prefix
}

/// Reads a plan into a graph.
pub fn read(plan: &Value) -> Result<Graph, String> {
    let mut res = Vec::new();
    collect_planned(&plan["planned_values"]["root_module"], &mut res, 0);
    // `terraform show -json` of a state rather than a plan: the resources as deployed.
    if res.is_empty() {
        collect_planned(&plan["values"]["root_module"], &mut res, 0);
    }
    if res.is_empty() {
        // A plan that only destroys, or `terraform show -json` of a state: resource changes.
        for c in plan["resource_changes"].as_array().into_iter().flatten() {
            if c["mode"].as_str() == Some("data") {
                continue;
            }
            res.push(Res {
                address: c["address"].as_str().unwrap_or("").to_owned(),
                tf_type: c["type"].as_str().unwrap_or("").to_owned(),
                values: c["change"]["after"].clone(),
            });
        }
    }
    if res.is_empty() {
        return Err("the plan has no resources (\"planned_values\" and \"resource_changes\" are empty): not a plan of anything".into());
    }
    if res.len() > super::MAX_RESOURCES {
        return Err(format!("more than {} resources", super::MAX_RESOURCES));
    }
    let mut config = Config {
        expressions: BTreeMap::new(),
    };
    collect_config(&plan["configuration"]["root_module"], "", &mut config, 0);

    let mut g = Graph::default();
    // Configured address → the parts of its instances.
    let mut owner: Vec<Option<usize>> = vec![None; res.len()];
    let refs: Vec<Vec<String>> = res
        .iter()
        .map(|r| {
            let mut out = Vec::new();
            let cfg = config_address(&r.address);
            if let Some(e) = config.expressions.get(&cfg) {
                refs_in(e, &module_of(&cfg), &mut out);
            }
            out
        })
        .collect();
    let by_config: BTreeMap<String, Vec<usize>> =
        res.iter()
            .enumerate()
            .fold(BTreeMap::new(), |mut m, (i, r)| {
                m.entry(config_address(&r.address))
                    .or_insert_with(Vec::new)
                    .push(i);
                m
            });
    for (i, r) in res.iter().enumerate() {
        let resource = Resource {
            id: r.address.clone(),
            kind: String::new(),
        };
        let cfn = cfn_type(&r.tf_type);
        let in_cluster = r.tf_type == "aws_rds_cluster_instance";
        let part = match cfn.and_then(|c| mapped(c, in_cluster)) {
            Some(Mapped::Element(role, props, tech)) => {
                let mut p = Part::new(&r.address, role, props);
                p.technology = tech.to_owned();
                p
            }
            Some(Mapped::Part | Mapped::Nested) => continue,
            None if PART_PREFIXES.iter().any(|p| r.tf_type.starts_with(p))
                || HELPERS.iter().any(|h| r.tf_type.starts_with(h)) =>
            {
                continue;
            }
            None => {
                let mut p = Part::new(
                    &r.address,
                    Role::Compute,
                    ElementProps::default_for(ElementKind::Process),
                );
                p.technology = r.tf_type.chars().take(120).collect();
                p.notes.push(format!(
                    "Resource type {} is not one Threatboard maps: check what it is and set its kind and properties.",
                    r.tf_type
                ));
                g.kept.push(format!(
                    "{} ({}): type not mapped, a generic element",
                    r.address, r.tf_type
                ));
                p
            }
        };
        let mut part = part;
        part.name = r
            .address
            .rsplit('.')
            .next()
            .unwrap_or(&r.address)
            .to_owned();
        if part.name.contains('[') || g.parts.iter().any(|p| p.name == part.name) {
            part.name = r.address.clone();
        }
        part.resources.push(resource);
        owner[i] = Some(g.add(part));
    }
    // Wiring joins the element that refers to it, else the one it refers to.
    let part_of_config = |owner: &[Option<usize>], a: &str| -> Option<usize> {
        by_config
            .get(a)
            .and_then(|v| v.iter().find_map(|&i| owner[i]))
    };
    for i in 0..res.len() {
        if owner[i].is_some() || HELPERS.iter().any(|h| res[i].tf_type.starts_with(h)) {
            continue;
        }
        let me = config_address(&res[i].address);
        let by = (0..res.len())
            .find(|&j| owner[j].is_some() && refs[j].contains(&me))
            .and_then(|j| owner[j]);
        let found = by.or_else(|| refs[i].iter().find_map(|a| part_of_config(&owner, a)));
        if let Some(p) = found {
            owner[i] = Some(p);
            g.parts[p].resources.push(Resource {
                id: res[i].address.clone(),
                kind: String::new(),
            });
        }
    }
    let targets = |owner: &[Option<usize>], list: &[String]| -> Vec<usize> {
        let mut v: Vec<usize> = list
            .iter()
            .filter_map(|a| part_of_config(owner, a))
            .collect();
        v.dedup();
        v
    };
    let key_refs = |i: usize, key: &str| -> Vec<String> {
        let mut out = Vec::new();
        let cfg = config_address(&res[i].address);
        if let Some(e) = config.expressions.get(&cfg).and_then(|e| e.get(key)) {
            refs_in(e, &module_of(&cfg), &mut out);
        }
        out
    };
    // Who acts with each role: whatever refers to it (not policies and attachments).
    let principals = |owner: &[Option<usize>], role: &str| -> Vec<usize> {
        let mut out = Vec::new();
        for (j, r) in res.iter().enumerate() {
            if r.tf_type.starts_with("aws_iam_") {
                continue;
            }
            if refs[j].iter().any(|a| a == role)
                && let Some(p) = owner[j]
                && !out.contains(&p)
            {
                out.push(p);
            }
        }
        out
    };
    // Policy documents (data sources): their statements' actions and resources.
    let statements = |doc: &str| -> Vec<(Dir, Vec<String>, String)> {
        let mut out = Vec::new();
        let Some(e) = config.expressions.get(doc) else {
            return out;
        };
        for st in e["statement"].as_array().into_iter().flatten() {
            let actions: Vec<String> = st["actions"]["constant_value"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect();
            let mut r = Vec::new();
            refs_in(&st["resources"], &module_of(doc), &mut r);
            out.push((dir_of(&actions), r, actions.join(", ")));
        }
        out
    };
    let mut subnets_public: BTreeMap<String, (String, bool)> = BTreeMap::new();
    for (i, r) in res.iter().enumerate() {
        let a = config_address(&r.address);
        match r.tf_type.as_str() {
            "aws_vpc" => {
                let cidr = r.values["cidr_block"].as_str().unwrap_or("");
                g.vpcs
                    .insert(a.clone(), format!("VPC {} ({cidr})", r.address));
            }
            "aws_subnet" => {
                let vpc = key_refs(i, "vpc_id").into_iter().next().unwrap_or_default();
                let public = r.values["map_public_ip_on_launch"].as_bool() == Some(true);
                subnets_public.insert(a, (vpc, public));
            }
            _ => {}
        }
    }
    for i in 0..res.len() {
        let r = &res[i];
        let why = |what: &str| format!("{what} ({})", r.address);
        let link_pairs =
            |g: &mut Graph, from: Vec<usize>, to: Vec<usize>, name: &str, reason: String| {
                for &f in &from {
                    for &t in &to {
                        g.link(f, t, Dir::Out, name, reason.clone());
                    }
                }
            };
        match r.tf_type.as_str() {
            "aws_lambda_event_source_mapping" => link_pairs(
                &mut g,
                targets(&owner, &key_refs(i, "event_source_arn")),
                targets(&owner, &key_refs(i, "function_name")),
                "delivers records (event source mapping)",
                why("event source mapping"),
            ),
            "aws_s3_bucket_notification" => {
                let bucket = targets(&owner, &key_refs(i, "bucket"));
                for key in ["lambda_function", "queue", "topic"] {
                    link_pairs(
                        &mut g,
                        bucket.clone(),
                        targets(&owner, &key_refs(i, key)),
                        "notifies",
                        why("bucket notification"),
                    );
                }
            }
            "aws_sns_topic_subscription" => link_pairs(
                &mut g,
                targets(&owner, &key_refs(i, "topic_arn")),
                targets(&owner, &key_refs(i, "endpoint")),
                "delivers messages",
                why("subscription"),
            ),
            "aws_cloudwatch_event_target" => link_pairs(
                &mut g,
                targets(&owner, &key_refs(i, "rule")),
                targets(&owner, &key_refs(i, "arn")),
                "triggers",
                why("rule target"),
            ),
            "aws_api_gateway_integration" => link_pairs(
                &mut g,
                targets(&owner, &key_refs(i, "rest_api_id")),
                targets(&owner, &key_refs(i, "uri")),
                "invokes (integration)",
                why("integration"),
            ),
            "aws_apigatewayv2_integration" => link_pairs(
                &mut g,
                targets(&owner, &key_refs(i, "api_id")),
                targets(&owner, &key_refs(i, "integration_uri")),
                "invokes (integration)",
                why("integration"),
            ),
            "aws_api_gateway_authorizer" | "aws_apigatewayv2_authorizer" => {
                let key = if r.tf_type == "aws_api_gateway_authorizer" {
                    "rest_api_id"
                } else {
                    "api_id"
                };
                for a in targets(&owner, &key_refs(i, key)) {
                    if let ElementProps::Process(pp) = &mut g.parts[a].props {
                        pp.authenticates_callers = true;
                    }
                    g.parts[a].notes.push(format!("Authorizer {}.", r.address));
                }
            }
            "aws_iam_role_policy" | "aws_iam_policy" => {
                // Who: the role's principals (inline), or the roles attached to it.
                let mut who = Vec::new();
                if r.tf_type == "aws_iam_role_policy" {
                    for role in key_refs(i, "role") {
                        who.extend(principals(&owner, &role));
                    }
                } else {
                    let me = config_address(&r.address);
                    for (j, att) in res.iter().enumerate() {
                        if att.tf_type == "aws_iam_role_policy_attachment" && refs[j].contains(&me)
                        {
                            for role in key_refs(j, "role") {
                                who.extend(principals(&owner, &role));
                            }
                        }
                    }
                }
                let policy_refs = key_refs(i, "policy");
                let mut grants: Vec<(Dir, Vec<String>, String)> = Vec::new();
                for d in policy_refs
                    .iter()
                    .filter(|a| a.contains("aws_iam_policy_document"))
                {
                    grants.extend(statements(d));
                }
                let direct: Vec<String> = policy_refs
                    .iter()
                    .filter(|a| !a.starts_with("data.") && !a.contains(".data."))
                    .cloned()
                    .collect();
                if !direct.is_empty() {
                    let actions = policy_actions(&r.values["policy"]);
                    grants.push((dir_of(&actions), direct, actions.join(", ")));
                }
                for (dir, to, actions) in grants {
                    for t in targets(&owner, &to) {
                        for &p in &who {
                            let name = match (dir, g.parts[t].role) {
                                (Dir::Out, Role::Compute | Role::Entry) => "invokes",
                                (Dir::Out, _) => "writes",
                                (Dir::In, _) => "reads",
                                (Dir::Both, _) => "reads and writes",
                            };
                            g.link(
                                p,
                                t,
                                dir,
                                name,
                                format!("IAM policy {} allows {actions}", r.address),
                            );
                        }
                    }
                }
            }
            _ => {}
        }
        // Functions' environment variables.
        if r.tf_type == "aws_lambda_function"
            && let Some(me) = owner[i]
        {
            for t in targets(&owner, &key_refs(i, "environment")) {
                if t != me {
                    let name = if g.parts[t].role == Role::Compute {
                        "invokes"
                    } else {
                        "uses"
                    };
                    g.link(me, t, Dir::Out, name, why("environment variable of"));
                }
            }
            let runtime = r.values["runtime"].as_str().unwrap_or("");
            if !runtime.is_empty() {
                g.parts[me].technology = format!("AWS Lambda ({runtime})");
            }
        }
        // Zones: subnets named directly or through a subnet group.
        if let Some(me) = owner[i]
            && g.parts[me].resources.first().map(|x| x.id.as_str()) == Some(r.address.as_str())
        {
            let mut subnets: Vec<&(String, bool)> = refs[i]
                .iter()
                .filter_map(|a| subnets_public.get(a))
                .collect();
            for a in &refs[i] {
                if a.contains("subnet_group")
                    && let Some(&j) = by_config.get(a).and_then(|v| v.first())
                {
                    subnets.extend(refs[j].iter().filter_map(|x| subnets_public.get(x)));
                }
            }
            if let Some((vpc, _)) = subnets.first() {
                let public = subnets.iter().all(|(_, p)| *p);
                let vpc = if g.vpcs.contains_key(vpc) {
                    vpc.clone()
                } else {
                    String::new()
                };
                if g.parts[me].role != Role::Outside {
                    g.parts[me].zone = Zone::Vpc { vpc, public };
                }
            }
            properties(&mut g.parts[me], &r.tf_type, &r.values);
        }
    }
    // Other references between elements: a flow from the one that names the other.
    for i in 0..res.len() {
        let Some(me) = owner[i] else { continue };
        if g.parts[me].resources.first().map(|x| x.id.as_str()) != Some(res[i].address.as_str()) {
            continue;
        }
        for t in targets(&owner, &refs[i]) {
            if t != me && !g.linked(me, t) {
                let name = if g.parts[t].role == Role::Compute {
                    "invokes"
                } else {
                    "uses"
                };
                g.link(
                    me,
                    t,
                    Dir::Out,
                    name,
                    format!("{} refers to it in its configuration", res[i].address),
                );
            }
        }
    }
    let entries: Vec<usize> = g
        .parts
        .iter()
        .enumerate()
        .filter(|(k, p)| {
            let ty = cfn_type(
                res.iter()
                    .find(|r| {
                        Some(r.address.as_str()) == p.resources.first().map(|x| x.id.as_str())
                    })
                    .map_or("", |r| r.tf_type.as_str()),
            );
            let internal = res
                .iter()
                .any(|r| r.address == p.key && r.values["internal"].as_bool() == Some(true));
            let _ = k;
            ty.is_some_and(|t| PUBLIC_ENTRY_TYPES.contains(&t)) && !internal
        })
        .map(|(k, _)| k)
        .collect();
    g.internet_users(entries);
    let unattached: BTreeSet<&str> = res
        .iter()
        .enumerate()
        .filter(|(i, r)| owner[*i].is_none() && !HELPERS.iter().any(|h| r.tf_type.starts_with(h)))
        .filter(|(_, r)| {
            !matches!(
                r.tf_type.as_str(),
                "aws_vpc"
                    | "aws_subnet"
                    | "aws_route_table"
                    | "aws_route"
                    | "aws_route_table_association"
                    | "aws_internet_gateway"
            )
        })
        .map(|(_, r)| r.address.as_str())
        .collect();
    if !unattached.is_empty() {
        g.kept.push(format!(
            "{} resource(s) belong to no element: {}",
            unattached.len(),
            unattached
                .iter()
                .take(12)
                .copied()
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(g)
}

fn dir_of(actions: &[String]) -> Dir {
    let mut read = false;
    let mut write = false;
    for a in actions {
        let verb = a.split_once(':').map_or(a.as_str(), |(_, v)| v);
        let v = verb.trim_end_matches('*');
        if v.is_empty() {
            read = true;
            write = true;
        } else if [
            "Get", "List", "Describe", "Query", "Scan", "BatchGet", "Receive", "Read", "Decrypt",
            "Select",
        ]
        .iter()
        .any(|p| v.starts_with(p))
        {
            read = true;
        } else {
            write = true;
        }
    }
    match (read, write) {
        (true, false) => Dir::In,
        (false, true) => Dir::Out,
        _ => Dir::Both,
    }
}

/// The actions of a policy document given as JSON text (when the plan knows it).
fn policy_actions(policy: &Value) -> Vec<String> {
    let Some(doc) = policy
        .as_str()
        .and_then(|t| serde_json::from_str::<Value>(t).ok())
    else {
        return Vec::new();
    };
    let statements = match &doc["Statement"] {
        Value::Array(a) => a.clone(),
        other => vec![other.clone()],
    };
    let mut out = Vec::new();
    for s in statements {
        match &s["Action"] {
            Value::String(a) => out.push(a.clone()),
            Value::Array(a) => out.extend(a.iter().filter_map(Value::as_str).map(str::to_owned)),
            _ => {}
        }
    }
    out
}

/// Settings the plan states, onto the element's properties.
fn properties(part: &mut Part, tf_type: &str, v: &Value) {
    let first = |key: &str| -> &Value {
        match &v[key] {
            Value::Array(a) => a.first().unwrap_or(&Value::Null),
            other => other,
        }
    };
    if let ElementProps::DataStore(ds) = &mut part.props {
        let explicit = match tf_type {
            "aws_dynamodb_table" => first("server_side_encryption")["enabled"].as_bool(),
            "aws_db_instance" | "aws_rds_cluster" | "aws_neptune_cluster" | "aws_docdb_cluster" => {
                v["storage_encrypted"].as_bool()
            }
            "aws_sns_topic" | "aws_sqs_queue" => v["kms_master_key_id"].as_str().map(|_| true),
            "aws_elasticache_replication_group" => v["at_rest_encryption_enabled"].as_bool(),
            "aws_efs_file_system" | "aws_redshift_cluster" => v["encrypted"].as_bool(),
            _ => None,
        };
        if let Some(on) = explicit {
            ds.encrypted_at_rest = on;
        }
        if tf_type == "aws_db_instance" && v["publicly_accessible"].as_bool() == Some(true) {
            part.notes
                .push("Publicly accessible (publicly_accessible = true).".into());
        }
    }
}
