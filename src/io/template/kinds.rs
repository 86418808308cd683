//! What each AWS resource type becomes in a diagram: an element of a role (entry point,
//! compute, store, identity provider, secrets store), or part of another element (roles,
//! policies, permissions, routes, subnets …), which it joins as one of its resources.
//! A type in neither list becomes a generic element with its type noted.

use super::graph::Role;
use crate::model::*;

/// What a resource type is.
pub enum Mapped {
    /// An element: its role, properties and what to call the technology.
    Element(Role, ElementProps, &'static str),
    /// Wiring or configuration of other resources: it joins the element it belongs to.
    Part,
    /// Another template (nested stack, SAR application): noted, not followed.
    Nested,
}

fn process(entry: bool, isolation: Isolation) -> ElementProps {
    let _ = entry;
    ElementProps::Process(ProcessProps {
        code_type: CodeType::Managed,
        runs_as: RunsAs::ServiceAccount,
        isolation,
        ..ProcessProps::default()
    })
}

fn store(store_type: StoreType, encrypted: bool) -> ElementProps {
    ElementProps::DataStore(DataStoreProps {
        store_type,
        encrypted_at_rest: encrypted,
        ..DataStoreProps::default()
    })
}

fn secrets(encrypted: bool) -> ElementProps {
    ElementProps::DataStore(DataStoreProps {
        store_type: StoreType::KeyValue,
        stores_credentials: true,
        encrypted_at_rest: encrypted,
        ..DataStoreProps::default()
    })
}

/// Resource types that are parts of other elements, by prefix (`AWS::IAM::` is all of IAM).
const PART_PREFIXES: &[&str] = &[
    "AWS::IAM::",
    "AWS::Logs::",
    "AWS::CloudWatch::",
    "AWS::ApplicationAutoScaling::",
    "AWS::WAFv2::",
    "AWS::WAF::",
    "AWS::WAFRegional::",
    "AWS::CertificateManager::",
    "AWS::Route53::",
    "AWS::CodeDeploy::",
    "AWS::Budgets::",
    "Custom::",
    "AWS::CloudFormation::CustomResource",
    "AWS::CloudFormation::WaitCondition",
    "AWS::CloudFormation::Macro",
    "AWS::SAM::",
];

/// Resource types that are parts of other elements, one by one.
const PARTS: &[&str] = &[
    "AWS::Lambda::Permission",
    "AWS::Serverless::Connector",
    "AWS::Lambda::EventSourceMapping",
    "AWS::Lambda::LayerVersion",
    "AWS::Lambda::LayerVersionPermission",
    "AWS::Lambda::Version",
    "AWS::Lambda::Alias",
    "AWS::Lambda::Url",
    "AWS::Lambda::EventInvokeConfig",
    "AWS::Serverless::LayerVersion",
    "AWS::ApiGateway::Resource",
    "AWS::ApiGateway::Method",
    "AWS::ApiGateway::Deployment",
    "AWS::ApiGateway::Stage",
    "AWS::ApiGateway::Model",
    "AWS::ApiGateway::RequestValidator",
    "AWS::ApiGateway::Authorizer",
    "AWS::ApiGateway::Account",
    "AWS::ApiGateway::UsagePlan",
    "AWS::ApiGateway::UsagePlanKey",
    "AWS::ApiGateway::ApiKey",
    "AWS::ApiGateway::BasePathMapping",
    "AWS::ApiGateway::DomainName",
    "AWS::ApiGateway::GatewayResponse",
    "AWS::ApiGateway::DocumentationPart",
    "AWS::ApiGateway::DocumentationVersion",
    "AWS::ApiGateway::VpcLink",
    "AWS::ApiGatewayV2::Route",
    "AWS::ApiGatewayV2::Integration",
    "AWS::ApiGatewayV2::Stage",
    "AWS::ApiGatewayV2::Deployment",
    "AWS::ApiGatewayV2::Authorizer",
    "AWS::ApiGatewayV2::RouteResponse",
    "AWS::ApiGatewayV2::IntegrationResponse",
    "AWS::ApiGatewayV2::Model",
    "AWS::ApiGatewayV2::DomainName",
    "AWS::ApiGatewayV2::ApiMapping",
    "AWS::ApiGatewayV2::VpcLink",
    "AWS::EC2::VPC",
    "AWS::EC2::Subnet",
    "AWS::EC2::SecurityGroup",
    "AWS::EC2::SecurityGroupIngress",
    "AWS::EC2::SecurityGroupEgress",
    "AWS::EC2::RouteTable",
    "AWS::EC2::Route",
    "AWS::EC2::SubnetRouteTableAssociation",
    "AWS::EC2::InternetGateway",
    "AWS::EC2::VPCGatewayAttachment",
    "AWS::EC2::NatGateway",
    "AWS::EC2::EIP",
    "AWS::EC2::EIPAssociation",
    "AWS::EC2::VPCEndpoint",
    "AWS::EC2::NetworkAcl",
    "AWS::EC2::NetworkAclEntry",
    "AWS::EC2::SubnetNetworkAclAssociation",
    "AWS::EC2::LaunchTemplate",
    "AWS::EC2::KeyPair",
    "AWS::EC2::FlowLog",
    "AWS::EC2::VPCCidrBlock",
    "AWS::EC2::EgressOnlyInternetGateway",
    "AWS::EC2::Volume",
    "AWS::EC2::VolumeAttachment",
    "AWS::EC2::NetworkInterface",
    "AWS::AutoScaling::LaunchConfiguration",
    "AWS::AutoScaling::ScalingPolicy",
    "AWS::AutoScaling::LifecycleHook",
    "AWS::ECS::Cluster",
    "AWS::ECS::TaskDefinition",
    "AWS::ECS::CapacityProvider",
    "AWS::ECS::ClusterCapacityProviderAssociations",
    "AWS::ElasticLoadBalancingV2::Listener",
    "AWS::ElasticLoadBalancingV2::ListenerRule",
    "AWS::ElasticLoadBalancingV2::TargetGroup",
    "AWS::ElasticLoadBalancingV2::ListenerCertificate",
    "AWS::CloudFront::CloudFrontOriginAccessIdentity",
    "AWS::CloudFront::OriginAccessControl",
    "AWS::CloudFront::CachePolicy",
    "AWS::CloudFront::OriginRequestPolicy",
    "AWS::CloudFront::ResponseHeadersPolicy",
    "AWS::CloudFront::Function",
    "AWS::Cognito::UserPoolClient",
    "AWS::Cognito::UserPoolDomain",
    "AWS::Cognito::UserPoolGroup",
    "AWS::Cognito::UserPoolUser",
    "AWS::Cognito::UserPoolResourceServer",
    "AWS::Cognito::UserPoolIdentityProvider",
    "AWS::Cognito::UserPoolUICustomizationAttachment",
    "AWS::Cognito::IdentityPoolRoleAttachment",
    "AWS::RDS::DBSubnetGroup",
    "AWS::RDS::DBParameterGroup",
    "AWS::RDS::DBClusterParameterGroup",
    "AWS::RDS::OptionGroup",
    "AWS::RDS::DBProxyTargetGroup",
    "AWS::ElastiCache::SubnetGroup",
    "AWS::ElastiCache::ParameterGroup",
    "AWS::Neptune::DBSubnetGroup",
    "AWS::Neptune::DBParameterGroup",
    "AWS::Neptune::DBClusterParameterGroup",
    "AWS::DocDB::DBSubnetGroup",
    "AWS::DocDB::DBInstance",
    "AWS::SNS::Subscription",
    "AWS::SNS::TopicPolicy",
    "AWS::SQS::QueuePolicy",
    "AWS::S3::BucketPolicy",
    "AWS::Events::Connection",
    "AWS::Events::EventBusPolicy",
    "AWS::Events::Archive",
    "AWS::KMS::Alias",
    "AWS::SecretsManager::SecretTargetAttachment",
    "AWS::SecretsManager::RotationSchedule",
    "AWS::SecretsManager::ResourcePolicy",
    "AWS::AppSync::DataSource",
    "AWS::AppSync::Resolver",
    "AWS::AppSync::FunctionConfiguration",
    "AWS::AppSync::GraphQLSchema",
    "AWS::AppSync::ApiKey",
    "AWS::Amplify::Branch",
    "AWS::Amplify::Domain",
    "AWS::OpenSearchService::DomainPolicy",
    "AWS::Kinesis::StreamConsumer",
    "AWS::SSM::Association",
];

/// What `kind` (a CloudFormation resource type) becomes; `None` for a type this reader
/// does not know (a generic element, its type noted).
pub fn mapped(kind: &str, rds_instance_in_cluster: bool) -> Option<Mapped> {
    use Mapped::Element as E;
    use Role::*;
    if kind == "AWS::RDS::DBInstance" && rds_instance_in_cluster
        || kind == "AWS::Neptune::DBInstance"
    {
        return Some(Mapped::Part);
    }
    if kind == "AWS::IAM::User" {
        // Someone outside with long-lived access keys (a producer, a CI system).
        return Some(Mapped::Element(
            Role::Outside,
            ElementProps::ExternalEntity(ExternalEntityProps {
                actor: Actor::System,
                authenticates_itself: true,
                ..ExternalEntityProps::default()
            }),
            "AWS IAM user (access keys)",
        ));
    }
    if PARTS.contains(&kind) || PART_PREFIXES.iter().any(|p| kind.starts_with(p)) {
        return Some(Mapped::Part);
    }
    Some(match kind {
        "AWS::Serverless::Function" | "AWS::Lambda::Function" => E(
            Compute,
            process(false, Isolation::VirtualMachine),
            "AWS Lambda",
        ),
        "AWS::ECS::Service" => E(
            Compute,
            process(false, Isolation::Container),
            "Amazon ECS service",
        ),
        "AWS::EKS::Cluster" | "AWS::EKS::Nodegroup" => {
            E(Compute, process(false, Isolation::Container), "Amazon EKS")
        }
        "AWS::EC2::Instance" => E(
            Compute,
            process(false, Isolation::VirtualMachine),
            "Amazon EC2 instance",
        ),
        "AWS::AutoScaling::AutoScalingGroup" => E(
            Compute,
            process(false, Isolation::VirtualMachine),
            "EC2 Auto Scaling group",
        ),
        "AWS::StepFunctions::StateMachine" | "AWS::Serverless::StateMachine" => E(
            Compute,
            process(false, Isolation::Unspecified),
            "AWS Step Functions",
        ),
        "AWS::CodeBuild::Project" => E(
            Compute,
            process(false, Isolation::Container),
            "AWS CodeBuild",
        ),
        "AWS::CodePipeline::Pipeline" => E(
            Compute,
            process(false, Isolation::Unspecified),
            "AWS CodePipeline",
        ),
        "AWS::Glue::Job" => E(
            Compute,
            process(false, Isolation::Unspecified),
            "AWS Glue job",
        ),
        "AWS::Batch::JobDefinition" => {
            E(Compute, process(false, Isolation::Container), "AWS Batch")
        }
        "AWS::AppRunner::Service" => E(
            Compute,
            process(false, Isolation::Container),
            "AWS App Runner",
        ),
        "AWS::ElasticBeanstalk::Environment" => E(
            Compute,
            process(false, Isolation::VirtualMachine),
            "AWS Elastic Beanstalk",
        ),
        "AWS::Pipes::Pipe" => E(
            Compute,
            process(false, Isolation::Unspecified),
            "Amazon EventBridge Pipes",
        ),
        "AWS::ApiGateway::RestApi" | "AWS::Serverless::Api" => E(
            Entry,
            process(true, Isolation::Unspecified),
            "Amazon API Gateway (REST)",
        ),
        "AWS::ApiGatewayV2::Api" | "AWS::Serverless::HttpApi" => E(
            Entry,
            process(true, Isolation::Unspecified),
            "Amazon API Gateway (HTTP/WebSocket)",
        ),
        "AWS::ElasticLoadBalancingV2::LoadBalancer" | "AWS::ElasticLoadBalancing::LoadBalancer" => {
            E(
                Entry,
                process(true, Isolation::Unspecified),
                "Elastic Load Balancing",
            )
        }
        "AWS::CloudFront::Distribution" => E(
            Entry,
            process(true, Isolation::Unspecified),
            "Amazon CloudFront",
        ),
        "AWS::AppSync::GraphQLApi" | "AWS::Serverless::GraphQLApi" => E(
            Entry,
            process(true, Isolation::Unspecified),
            "AWS AppSync (GraphQL)",
        ),
        "AWS::Amplify::App" => E(
            Entry,
            process(true, Isolation::Unspecified),
            "AWS Amplify hosting",
        ),
        "AWS::Transfer::Server" => E(
            Entry,
            process(true, Isolation::Unspecified),
            "AWS Transfer Family",
        ),
        "AWS::Events::Rule" => E(
            Entry,
            process(true, Isolation::Unspecified),
            "Amazon EventBridge rule",
        ),
        "AWS::Scheduler::Schedule" => E(
            Entry,
            process(true, Isolation::Unspecified),
            "Amazon EventBridge Scheduler",
        ),
        "AWS::IoT::TopicRule" => E(Entry, process(true, Isolation::Unspecified), "AWS IoT rule"),
        "AWS::DynamoDB::Table" | "AWS::DynamoDB::GlobalTable" | "AWS::Serverless::SimpleTable" => {
            E(Store, store(StoreType::NoSql, true), "Amazon DynamoDB")
        }
        "AWS::RDS::DBInstance" | "AWS::RDS::DBCluster" => {
            E(Store, store(StoreType::Sql, false), "Amazon RDS")
        }
        "AWS::RDS::DBProxy" => E(
            Compute,
            process(false, Isolation::Unspecified),
            "Amazon RDS Proxy",
        ),
        "AWS::Neptune::DBCluster" => E(
            Store,
            store(StoreType::NoSql, false),
            "Amazon Neptune (graph)",
        ),
        "AWS::DocDB::DBCluster" => E(Store, store(StoreType::NoSql, false), "Amazon DocumentDB"),
        "AWS::Redshift::Cluster" => E(Store, store(StoreType::Sql, false), "Amazon Redshift"),
        "AWS::S3::Bucket" => E(Store, store(StoreType::ObjectStorage, true), "Amazon S3"),
        "AWS::ElastiCache::CacheCluster"
        | "AWS::ElastiCache::ReplicationGroup"
        | "AWS::ElastiCache::ServerlessCache"
        | "AWS::MemoryDB::Cluster" => {
            E(Store, store(StoreType::Cache, false), "Amazon ElastiCache")
        }
        "AWS::OpenSearchService::Domain" | "AWS::Elasticsearch::Domain" => E(
            Store,
            store(StoreType::NoSql, false),
            "Amazon OpenSearch Service",
        ),
        "AWS::SQS::Queue" => E(Store, store(StoreType::Queue, true), "Amazon SQS"),
        "AWS::SNS::Topic" => E(Store, store(StoreType::Queue, false), "Amazon SNS"),
        "AWS::Events::EventBus" => E(
            Store,
            store(StoreType::Queue, true),
            "Amazon EventBridge bus",
        ),
        "AWS::Kinesis::Stream" => E(
            Store,
            store(StoreType::Queue, false),
            "Amazon Kinesis Data Streams",
        ),
        "AWS::KinesisFirehose::DeliveryStream" => E(
            Store,
            store(StoreType::Queue, false),
            "Amazon Data Firehose",
        ),
        "AWS::MSK::Cluster" => E(Store, store(StoreType::Queue, true), "Amazon MSK (Kafka)"),
        "AWS::AmazonMQ::Broker" => E(Store, store(StoreType::Queue, true), "Amazon MQ"),
        "AWS::EFS::FileSystem" => E(Store, store(StoreType::FileSystem, false), "Amazon EFS"),
        "AWS::Timestream::Table" => E(Store, store(StoreType::NoSql, true), "Amazon Timestream"),
        "AWS::CodeCommit::Repository" => {
            E(Store, store(StoreType::FileSystem, true), "AWS CodeCommit")
        }
        "AWS::ECR::Repository" => E(Store, store(StoreType::Registry, true), "Amazon ECR"),
        "AWS::Glue::Database" | "AWS::Glue::Table" => {
            E(Store, store(StoreType::Sql, false), "AWS Glue Data Catalog")
        }
        "AWS::Cognito::UserPool" => E(
            Store,
            ElementProps::ExternalEntity(ExternalEntityProps {
                actor: Actor::System,
                identity_provider: true,
                authenticates_itself: true,
                ..ExternalEntityProps::default()
            }),
            "Amazon Cognito user pool",
        ),
        "AWS::Cognito::IdentityPool" => E(
            Store,
            ElementProps::ExternalEntity(ExternalEntityProps {
                actor: Actor::System,
                identity_provider: true,
                authenticates_itself: true,
                ..ExternalEntityProps::default()
            }),
            "Amazon Cognito identity pool",
        ),
        "AWS::SecretsManager::Secret" => E(Store, secrets(true), "AWS Secrets Manager"),
        "AWS::KMS::Key" => E(Store, secrets(true), "AWS KMS key"),
        "AWS::SSM::Parameter" => E(
            Store,
            store(StoreType::KeyValue, false),
            "AWS Systems Manager parameter",
        ),
        "AWS::CloudFormation::Stack" | "AWS::Serverless::Application" => Mapped::Nested,
        _ => return None,
    })
}

/// Whether a resource of this type holds data or is an entry point (the drift gate's
/// "must be in the model").
pub fn data_or_entry(kind: &str) -> bool {
    matches!(
        mapped(kind, false),
        Some(Mapped::Element(Role::Entry | Role::Store, ..))
    )
}

/// Types reachable from the internet unless configured private or internal.
pub const PUBLIC_ENTRY_TYPES: &[&str] = &[
    "AWS::ApiGateway::RestApi",
    "AWS::Serverless::Api",
    "AWS::ApiGatewayV2::Api",
    "AWS::Serverless::HttpApi",
    "AWS::CloudFront::Distribution",
    "AWS::AppSync::GraphQLApi",
    "AWS::Serverless::GraphQLApi",
    "AWS::Amplify::App",
    "AWS::ElasticLoadBalancingV2::LoadBalancer",
    "AWS::ElasticLoadBalancing::LoadBalancer",
    "AWS::Transfer::Server",
    "AWS::Cognito::UserPool",
];
