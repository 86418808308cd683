//! Infrastructure templates become diagrams: CloudFormation/SAM and Terraform plans. Each
//! test writes its template, counts what it declares, and checks the diagram has that.

use std::path::Path;

use threatboard::io::template;
use threatboard::model::*;

fn import(text: &str) -> Project {
    template::import(text, Path::new("t.yaml"))
        .unwrap_or_else(|e| panic!("imports: {e}"))
        .0
}

fn element<'p>(p: &'p Project, logical_id: &str) -> &'p Element {
    p.diagrams[0]
        .elements
        .iter()
        .find(|e| e.resources.iter().any(|r| r.id == logical_id))
        .unwrap_or_else(|| panic!("no element has resource {logical_id}"))
}

/// The flow from the element holding resource `a` to the one holding `b` (either way
/// when two-way).
fn flow<'p>(p: &'p Project, a: &str, b: &str) -> Option<&'p Flow> {
    let (ea, eb) = (&element(p, a).id, &element(p, b).id);
    p.diagrams[0].flows.iter().find(|f| {
        (&f.source == ea && &f.target == eb)
            || (f.bidirectional && &f.source == eb && &f.target == ea)
    })
}

const SAM_APP: &str = r#"AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
Resources:
  OrdersApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      Auth:
        DefaultAuthorizer: Cognito
        Authorizers:
          Cognito:
            UserPoolArn: !GetAtt UserPool.Arn
          Token:
            FunctionArn: !GetAtt TokenCheck.Arn
      AccessLogSetting:
        DestinationArn: !GetAtt ApiLogs.Arn
  ApiLogs:
    Type: AWS::Logs::LogGroup
  TokenCheck:
    Type: AWS::Serverless::Function
    Properties:
      Handler: auth.check
  LegacyApi:
    Type: AWS::ApiGateway::RestApi
  LegacyAuthorizer:
    Type: AWS::ApiGateway::Authorizer
    Properties:
      RestApiId: !Ref LegacyApi
      Type: TOKEN
      AuthorizerUri: !Sub 'arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${TokenCheck.Arn}/invocations'
  UserPool:
    Type: AWS::Cognito::UserPool
  OrdersTable:
    Type: AWS::DynamoDB::Table
    Properties:
      SSESpecification: { SSEEnabled: true }
  InvoiceBucket:
    Type: AWS::S3::Bucket
  WorkQueue:
    Type: AWS::SQS::Queue
  CreateOrder:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.create
      Policies:
        - DynamoDBWritePolicy:
            TableName: !Ref OrdersTable
        - SQSSendMessagePolicy:
            QueueName: !GetAtt WorkQueue.QueueName
      Environment:
        Variables:
          TABLE: !Ref OrdersTable
          PAYMENTS_URL: https://api.payments.example.com/v1
      Events:
        Post:
          Type: Api
          Properties:
            RestApiId: !Ref OrdersApi
            Path: /orders
            Method: post
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.work
      Policies:
        - Statement:
            - Effect: Allow
              Action: [ 's3:PutObject' ]
              Resource: !Sub '${InvoiceBucket.Arn}/*'
            - Effect: Allow
              Action: 'logs:*'
              Resource: '*'
            - Effect: Allow
              Action: 'ses:SendEmail'
              Resource: '*'
      Events:
        Work:
          Type: SQS
          Properties:
            Queue: !GetAtt WorkQueue.Arn
        Nightly:
          Type: Schedule
          Properties:
            Schedule: rate(1 day)
  Public:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.health
      Events:
        Health:
          Type: Api
          Properties:
            Path: /health
            Method: get
  Something:
    Type: AWS::Foo::Bar
"#;

#[test]
fn a_sam_app_becomes_elements_flows_and_properties() {
    let p = import(SAM_APP);
    let d = &p.diagrams[0];
    // Declared: 2 APIs + the implicit API SAM adds for `Public`, 4 functions, a table, a
    // bucket, a queue, a user pool, an unknown type, one schedule rule SAM adds, and the
    // internet users calling the APIs, the payment provider named by URL.
    let count = |tech: &str| {
        d.elements
            .iter()
            .filter(|e| e.technology.contains(tech))
            .count()
    };
    assert_eq!(count("API Gateway"), 3);
    assert_eq!(count("AWS Lambda"), 4);
    assert_eq!(
        d.elements
            .iter()
            .filter(|e| e.kind() == ElementKind::DataStore)
            .count(),
        3
    );
    assert!(element(&p, "ServerlessRestApi").kind() == ElementKind::Process);
    assert!(
        element(&p, "WorkerNightly")
            .technology
            .contains("EventBridge")
    );
    let unknown = element(&p, "Something");
    assert!(
        unknown.description.contains("AWS::Foo::Bar"),
        "{}",
        unknown.description
    );
    let ElementProps::ExternalEntity(idp) = &element(&p, "UserPool").props else {
        panic!("user pool is an identity provider")
    };
    assert!(idp.identity_provider);
    // The log group joins the API; the implicit role joins its function.
    assert!(element(&p, "ApiLogs").resources[0].id == "OrdersApi");
    assert!(element(&p, "CreateOrderRole").resources[0].id == "CreateOrder");

    // Flows: API event (API → fn), policy template (fn → table, fn → queue), SQS event
    // (queue → worker), inline statement (worker → bucket), schedule (rule → worker),
    // implicit API event, and each says why.
    let post = flow(&p, "OrdersApi", "CreateOrder").expect("API event");
    assert!(
        post.description.contains("POST /orders"),
        "{}",
        post.description
    );
    let write = flow(&p, "CreateOrder", "OrdersTable").expect("policy template");
    assert!(write.description.contains("DynamoDBWritePolicy"));
    assert!(
        write.description.contains("TABLE"),
        "env var adds its reason"
    );
    assert!(flow(&p, "CreateOrder", "WorkQueue").is_some());
    assert!(flow(&p, "WorkQueue", "Worker").is_some());
    let put = flow(&p, "Worker", "InvoiceBucket").expect("statement");
    assert!(put.description.contains("s3:PutObject"));
    assert!(flow(&p, "WorkerNightly", "Worker").is_some());
    assert!(flow(&p, "ServerlessRestApi", "Public").is_some());
    // Lambda authorizers, SAM's and CloudFormation's, are invoked by their APIs.
    assert!(
        flow(&p, "OrdersApi", "TokenCheck")
            .is_some_and(|f| f.description.contains("authorizer Token"))
    );
    assert!(flow(&p, "LegacyApi", "TokenCheck").is_some());
    // A third party named by URL becomes an external entity.
    let payments = d
        .elements
        .iter()
        .find(|e| e.name == "api.payments.example.com")
        .expect("third party");
    assert!(matches!(&payments.props, ElementProps::ExternalEntity(x) if x.third_party));
    // "*" is noted as over-broad (ses), logs:* is not a data flow.
    assert!(element(&p, "Worker").description.contains("over-broad"));

    // Properties the analysis reads.
    let ElementProps::Process(api) = &element(&p, "OrdersApi").props else {
        panic!("process")
    };
    assert!(api.authenticates_callers && api.audit_logging);
    let ElementProps::Process(open) = &element(&p, "ServerlessRestApi").props else {
        panic!("process")
    };
    assert!(!open.authenticates_callers);
    let ElementProps::DataStore(t) = &element(&p, "OrdersTable").props else {
        panic!("store")
    };
    assert!(t.encrypted_at_rest);
    // Internet users reach the three APIs and sign in to the pool, over public networks.
    let users = d
        .elements
        .iter()
        .find(|e| e.name == "Internet users")
        .expect("users");
    assert_eq!(
        d.flows
            .iter()
            .filter(|f| f.source == users.id && f.public_network)
            .count(),
        4
    );
    // The starter library's blocks match by type and properties: the API has the
    // authorizer, logging; not rate limiting, so no block.
    assert!(element(&p, "OrdersApi").block.is_none());
    assert!(element(&p, "UserPool").block.is_some());
}

const VPC_RDS: &str = r#"{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Vpc": { "Type": "AWS::EC2::VPC", "Properties": { "CidrBlock": "10.0.0.0/16" } },
    "Igw": { "Type": "AWS::EC2::InternetGateway" },
    "PublicA": { "Type": "AWS::EC2::Subnet", "Properties": { "VpcId": { "Ref": "Vpc" }, "CidrBlock": "10.0.0.0/24" } },
    "PrivateA": { "Type": "AWS::EC2::Subnet", "Properties": { "VpcId": { "Ref": "Vpc" }, "CidrBlock": "10.0.1.0/24" } },
    "PrivateB": { "Type": "AWS::EC2::Subnet", "Properties": { "VpcId": { "Ref": "Vpc" }, "CidrBlock": "10.0.2.0/24" } },
    "PublicRoutes": { "Type": "AWS::EC2::RouteTable", "Properties": { "VpcId": { "Ref": "Vpc" } } },
    "ToInternet": { "Type": "AWS::EC2::Route", "Properties": { "RouteTableId": { "Ref": "PublicRoutes" }, "GatewayId": { "Ref": "Igw" }, "DestinationCidrBlock": "0.0.0.0/0" } },
    "PublicAssoc": { "Type": "AWS::EC2::SubnetRouteTableAssociation", "Properties": { "SubnetId": { "Ref": "PublicA" }, "RouteTableId": { "Ref": "PublicRoutes" } } },
    "Alb": { "Type": "AWS::ElasticLoadBalancingV2::LoadBalancer", "Properties": { "Subnets": [ { "Ref": "PublicA" } ] } },
    "App": { "Type": "AWS::EC2::Instance", "Properties": { "SubnetId": { "Ref": "PrivateA" }, "IamInstanceProfile": { "Ref": "Profile" }, "SecurityGroupIds": [ { "Ref": "AppSg" } ] } },
    "AppSg": { "Type": "AWS::EC2::SecurityGroup", "Properties": { "VpcId": { "Ref": "Vpc" } } },
    "DbSg": { "Type": "AWS::EC2::SecurityGroup", "Properties": { "VpcId": { "Ref": "Vpc" }, "SecurityGroupIngress": [ { "IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "SourceSecurityGroupId": { "Ref": "AppSg" } } ] } },
    "Profile": { "Type": "AWS::IAM::InstanceProfile", "Properties": { "Roles": [ { "Ref": "AppRole" } ] } },
    "AppRole": { "Type": "AWS::IAM::Role", "Properties": { "Policies": [ { "PolicyName": "secret", "PolicyDocument": { "Statement": [ { "Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": { "Ref": "DbSecret" } } ] } } ] } },
    "DbSecret": { "Type": "AWS::SecretsManager::Secret" },
    "DbSubnets": { "Type": "AWS::RDS::DBSubnetGroup", "Properties": { "SubnetIds": [ { "Ref": "PrivateA" }, { "Ref": "PrivateB" } ] } },
    "Db": { "Type": "AWS::RDS::DBInstance", "Properties": { "Engine": "postgres", "StorageEncrypted": true, "DBSubnetGroupName": { "Ref": "DbSubnets" }, "VPCSecurityGroups": [ { "Ref": "DbSg" } ] } }
  }
}"#;

#[test]
fn a_vpc_with_a_private_database_nests_its_boundaries() {
    let p = import(VPC_RDS);
    let d = &p.diagrams[0];
    // Declared: a load balancer, an instance, a secret, a database; internet users.
    assert_eq!(d.elements.len(), 5);
    let names: Vec<&str> = d.boundaries.iter().map(|b| b.name.as_str()).collect();
    assert!(names.contains(&"AWS account"), "{names:?}");
    assert!(names.iter().any(|n| n.starts_with("VPC Vpc")), "{names:?}");
    assert!(names.contains(&"Public subnets") && names.contains(&"Private subnets"));
    let region = |name: &str| {
        let b = d
            .boundaries
            .iter()
            .find(|b| b.name.starts_with(name))
            .expect("boundary");
        match &p.layout.boundaries[&b.id] {
            BoundaryShape::Region(r) => *r,
            BoundaryShape::Line(_) => panic!("a region"),
        }
    };
    let inside = |outer: Rect, inner: Rect| {
        inner.x >= outer.x
            && inner.y >= outer.y
            && inner.x + inner.w <= outer.x + outer.w
            && inner.y + inner.h <= outer.y + outer.h
    };
    let rect = |id: &str| p.layout.elements[&element(&p, id).id];
    assert!(inside(region("VPC"), region("Private subnets")));
    assert!(inside(region("AWS account"), region("VPC")));
    assert!(inside(region("Private subnets"), rect("Db")));
    assert!(inside(region("Private subnets"), rect("App")));
    assert!(inside(region("Public subnets"), rect("Alb")));
    assert!(
        !inside(region("AWS account"), rect("Alb"))
            || inside(region("Public subnets"), rect("Alb"))
    );
    // Entry points left of compute, compute left of stores; no two boxes overlap.
    assert!(rect("Alb").x < rect("App").x && rect("App").x < rect("Db").x);
    let rects: Vec<Rect> = p.layout.elements.values().copied().collect();
    for (i, a) in rects.iter().enumerate() {
        for b in &rects[i + 1..] {
            let apart =
                a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
            assert!(apart, "{a:?} overlaps {b:?}");
        }
    }
    // The instance profile's role reads the secret; the database is encrypted.
    assert!(flow(&p, "DbSecret", "App").is_some());
    let ElementProps::DataStore(db) = &element(&p, "Db").props else {
        panic!("store")
    };
    assert!(db.encrypted_at_rest && db.store_type == StoreType::Sql);
    assert!(element(&p, "DbSubnets").resources[0].id == "Db");
    // The database's security group lets the app's in on 5432: a network path.
    let sql = flow(&p, "App", "Db").expect("security-group ingress");
    assert!(sql.protocol.contains("5432") && !sql.encrypted, "{sql:?}");
}

const STEP_FUNCTIONS: &str = r#"AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Reserve:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Role: !GetAtt FnRole.Arn
  Charge:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Role: !GetAtt FnRole.Arn
  FnRole:
    Type: AWS::IAM::Role
  Orders:
    Type: AWS::DynamoDB::Table
  Done:
    Type: AWS::SNS::Topic
  Flow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: !GetAtt FlowRole.Arn
      DefinitionString: !Sub |
        {"StartAt": "Reserve", "States": {
          "Reserve": {"Type": "Task", "Resource": "${Reserve.Arn}", "Next": "Both"},
          "Both": {"Type": "Parallel", "Branches": [
            {"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "${Charge}"}, "End": true}}}],
            "Next": "Load"},
          "Load": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem", "Parameters": {"TableName": "${Orders}"}, "Next": "Tell"},
          "Tell": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Parameters": {"TopicArn": "${Done}"}, "End": true}}}
  FlowRole:
    Type: AWS::IAM::Role
"#;

#[test]
fn a_step_functions_workflow_has_a_flow_per_task() {
    let p = import(STEP_FUNCTIONS);
    // Four task states naming four resources: four flows from (or into) the workflow.
    let sm = &element(&p, "Flow").id;
    let touching = p.diagrams[0]
        .flows
        .iter()
        .filter(|f| &f.source == sm || &f.target == sm)
        .count();
    assert_eq!(touching, 4);
    assert!(
        flow(&p, "Flow", "Reserve").is_some_and(|f| f.description.contains("task state Reserve"))
    );
    assert!(flow(&p, "Flow", "Charge").is_some());
    assert!(flow(&p, "Orders", "Flow").is_some(), "getItem reads");
    assert!(flow(&p, "Flow", "Done").is_some(), "publish writes");
    assert!(element(&p, "FlowRole").resources[0].id == "Flow");
}

#[test]
fn bad_templates_say_which_file_and_line() {
    let cases: &[(&str, &str)] = &[
        (
            "Resources:\n  A: &a\n    Type: AWS::S3::Bucket\n  B: *a\n",
            "alias",
        ),
        (
            "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: !Evil y\n",
            "!Evil",
        ),
        (
            "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A:\n    Properties: {}\n",
            "no Type",
        ),
        (
            "AWSTemplateFormatVersion: '2010-09-09'\nResources: [\n",
            "YAML",
        ),
        (
            "AWSTemplateFormatVersion: '2010-09-09'\nOutputs: {}\n",
            "Resources",
        ),
    ];
    for (text, why) in cases {
        let e = template::import(text, Path::new("stack.yaml")).expect_err(text);
        let shown = e.to_string();
        assert!(shown.starts_with("stack.yaml"), "{shown}");
        assert!(shown.contains(why), "{shown}");
        if *why != "Resources" {
            assert!(e.position.is_some(), "{shown}");
        }
    }
    // Intrinsic functions, conditions, imports and nested stacks are read, not refused.
    let p = import(
        "AWSTemplateFormatVersion: '2010-09-09'\nParameters:\n  Env:\n    Type: String\nConditions:\n  Prod: !Equals [!Ref Env, prod]\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Condition: Prod\n    Properties:\n      BucketName: !If [Prod, !Join ['-', [a, !ImportValue shared]], !Sub '${Env}-b']\n  N:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: https://example.com/t.yaml\n",
    );
    assert!(element(&p, "B").description.contains("condition Prod"));
    assert!(element(&p, "N").description.contains("not read"));
}

#[test]
fn a_model_is_kept_in_sync_after_a_resource_is_added_and_another_removed() {
    let model = import(SAM_APP);
    let before = model.diagrams[0].elements.len();
    // The template changes: a new table, the invoice bucket gone.
    let changed = SAM_APP
        .replace(
            "  InvoiceBucket:\n    Type: AWS::S3::Bucket\n",
            "  AuditTable:\n    Type: AWS::DynamoDB::Table\n",
        )
        .replace(
            "Resource: !Sub '${InvoiceBucket.Arn}/*'",
            "Resource: !GetAtt AuditTable.Arn",
        );
    let now = import(&changed);
    let drift = template::sync::compare(&model, &now);
    let ids = |v: &[Resource]| v.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&drift.added), ["AuditTable"]);
    assert_eq!(ids(&drift.removed), ["InvoiceBucket"]);
    assert_eq!(drift.missing_data_or_entry().len(), 1);
    let mut synced = model.clone();
    assert_eq!(template::sync::apply(&mut synced, &now, "t.yaml"), 1);
    assert_eq!(synced.diagrams[0].elements.len(), before + 1);
    assert!(template::sync::compare(&synced, &now).is_empty());
    // The new table came with its flow from the worker; the bucket stays, out of scope.
    assert!(flow(&synced, "Worker", "AuditTable").is_some());
    let bucket = synced.diagrams[0]
        .elements
        .iter()
        .find(|e| e.name == "InvoiceBucket")
        .expect("kept");
    assert!(bucket.out_of_scope && bucket.out_of_scope_reason.contains("InvoiceBucket"));
    // The new element does not overlap what was there.
    let new = &element(&synced, "AuditTable").id;
    let r = synced.layout.elements[new];
    assert!(
        synced
            .layout
            .elements
            .iter()
            .filter(|(id, _)| *id != new)
            .all(|(_, o)| r.x >= o.x + o.w
                || r.y >= o.y + o.h
                || o.x >= r.x + r.w
                || o.y >= r.y + r.h)
    );
}

/// SAM_APP after four edits a reviewer would want to hear of: the invoice bucket made
/// public, the orders table's encryption turned off, the orders API's authorizers dropped,
/// and the worker's policy statement pointed at the table instead of the bucket.
fn sam_app_changed() -> String {
    let auth = "      Auth:\n        DefaultAuthorizer: Cognito\n        Authorizers:\n          Cognito:\n            UserPoolArn: !GetAtt UserPool.Arn\n          Token:\n            FunctionArn: !GetAtt TokenCheck.Arn\n";
    assert!(SAM_APP.contains(auth));
    SAM_APP
        .replace(
            "  InvoiceBucket:\n    Type: AWS::S3::Bucket\n",
            "  InvoiceBucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: PublicRead\n",
        )
        .replace("SSEEnabled: true", "SSEEnabled: false")
        .replace(auth, "")
        .replace(
            "Resource: !Sub '${InvoiceBucket.Arn}/*'",
            "Resource: !GetAtt OrdersTable.Arn",
        )
}

#[test]
fn sync_names_settings_and_flows_that_changed_and_apply_takes_them() {
    let model = import(SAM_APP);
    let now = import(&sam_app_changed());
    let drift = template::sync::compare(&model, &now);
    assert!(
        drift.added.is_empty() && drift.removed.is_empty(),
        "{drift:?}"
    );
    let what = |id: &str| -> Vec<String> {
        drift
            .changed
            .iter()
            .find(|c| c.resource.id == id)
            .map(|c| c.what.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        what("InvoiceBucket"),
        ["now public: Its ACL makes it public."]
    );
    assert_eq!(what("OrdersTable"), ["encryption at rest removed"]);
    assert_eq!(
        what("OrdersApi")
            .iter()
            .filter(|w| *w == "an authorizer (authenticates callers) removed")
            .count(),
        1,
        "{:?}",
        what("OrdersApi")
    );
    let worker = what("Worker");
    let new_flows: Vec<&String> = worker
        .iter()
        .filter(|w| w.starts_with("new flow"))
        .collect();
    assert_eq!(new_flows.len(), 1, "{worker:?}");
    assert!(new_flows[0].starts_with("new flow Worker -> OrdersTable ("));
    assert!(new_flows[0].contains("line"), "says why: {}", new_flows[0]);
    assert_eq!(
        worker
            .iter()
            .filter(|w| w.ends_with("Worker -> InvoiceBucket no longer in the template"))
            .count(),
        1,
        "{worker:?}"
    );
    // Nothing else moved: the other resources are not listed.
    let listed: Vec<&str> = drift
        .changed
        .iter()
        .map(|c| c.resource.id.as_str())
        .collect();
    assert_eq!(
        listed,
        ["InvoiceBucket", "OrdersApi", "OrdersTable", "Worker"]
    );

    let mut synced = model.clone();
    assert_eq!(template::sync::apply(&mut synced, &now, "t.yaml"), 0);
    assert!(
        template::sync::compare(&synced, &now).is_empty(),
        "{:?}",
        template::sync::compare(&synced, &now)
    );
    let table = element(&synced, "OrdersTable");
    assert!(matches!(&table.props, ElementProps::DataStore(d) if !d.encrypted_at_rest));
    assert!(
        element(&synced, "InvoiceBucket")
            .description
            .contains("Its ACL makes it public.")
    );
    let api = element(&synced, "OrdersApi");
    assert!(matches!(&api.props, ElementProps::Process(p) if !p.authenticates_callers));
    assert!(flow(&synced, "Worker", "OrdersTable").is_some());
    // The flow the template no longer states stays, out of scope, saying why.
    let old = flow(&synced, "Worker", "InvoiceBucket").expect("kept");
    assert!(old.out_of_scope && old.out_of_scope_reason.contains("t.yaml"));
    // A model the team refined by hand (names, descriptions, settings the importer does
    // not read) is still in sync.
    let mut refined = model.clone();
    for e in &mut refined.diagrams[0].elements {
        e.name = format!("{} (named by the team)", e.name);
        e.description = "Written by the team.".into();
        if let ElementProps::Process(p) = &mut e.props {
            p.sanitizes_input = true;
        }
    }
    assert!(template::sync::compare(&refined, &import(SAM_APP)).is_empty());
}

#[test]
fn sync_and_the_drift_gate_exit_with_what_they_found() {
    let dir = tempfile::tempdir().expect("temp dir");
    let t = dir.path().join("template.yaml");
    let m = dir.path().join("model.ron");
    std::fs::write(&t, SAM_APP).expect("write");
    let run = |args: &[&std::ffi::OsStr]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_threatboard"))
            .args(args)
            .output()
            .expect("runs")
    };
    let os = |s: &str| std::ffi::OsString::from(s);
    let out = run(&[&os("import"), t.as_os_str(), &os("-o"), m.as_os_str()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sync = |apply: bool| {
        let mut a = vec![
            os("sync"),
            m.clone().into_os_string(),
            os("--template"),
            t.clone().into_os_string(),
        ];
        if apply {
            a.push(os("--apply"));
        }
        let refs: Vec<&std::ffi::OsStr> = a.iter().map(|s| s.as_os_str()).collect();
        run(&refs)
    };
    assert_eq!(sync(false).status.code(), Some(0));
    std::fs::write(
        &t,
        format!("{SAM_APP}  Extra:\n    Type: AWS::SQS::Queue\n"),
    )
    .expect("write");
    let drift = sync(false);
    assert_eq!(drift.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&drift.stdout).contains("added: Extra (AWS::SQS::Queue)"));
    // A setting changed is listed with what it was.
    std::fs::write(
        &t,
        format!("{SAM_APP}  Extra:\n    Type: AWS::SQS::Queue\n")
            .replace("SSEEnabled: true", "SSEEnabled: false"),
    )
    .expect("write");
    let drift = sync(false);
    assert_eq!(drift.status.code(), Some(1));
    let text = String::from_utf8_lossy(&drift.stdout);
    assert!(
        text.contains("changed: OrdersTable (AWS::DynamoDB::Table): encryption at rest removed"),
        "{text}"
    );
    assert!(text.contains("1 added, 0 removed, 1 changed"), "{text}");
    let gate = run(&[
        &os("check"),
        m.as_os_str(),
        &os("--fail-on"),
        &os("critical"),
        &os("--template"),
        t.as_os_str(),
    ]);
    assert!(
        String::from_utf8_lossy(&gate.stderr).contains("Extra"),
        "{}",
        String::from_utf8_lossy(&gate.stderr)
    );
    assert_ne!(gate.status.code(), Some(0));
    assert_eq!(sync(true).status.code(), Some(0));
    assert_eq!(sync(false).status.code(), Some(0));
    std::fs::write(&t, "not: a template\n").expect("write");
    let bad = sync(false);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("template.yaml"));
}

const PLAN: &str = r#"{
  "format_version": "1.2",
  "terraform_version": "1.9.5",
  "planned_values": { "root_module": {
    "resources": [
      { "address": "aws_apigatewayv2_api.http", "mode": "managed", "type": "aws_apigatewayv2_api", "name": "http", "values": { "protocol_type": "HTTP" } },
      { "address": "aws_apigatewayv2_integration.orders", "mode": "managed", "type": "aws_apigatewayv2_integration", "name": "orders", "values": {} },
      { "address": "aws_lambda_function.orders", "mode": "managed", "type": "aws_lambda_function", "name": "orders", "values": { "runtime": "python3.12" } },
      { "address": "aws_iam_role.orders", "mode": "managed", "type": "aws_iam_role", "name": "orders", "values": {} },
      { "address": "aws_iam_role_policy.orders", "mode": "managed", "type": "aws_iam_role_policy", "name": "orders", "values": {} },
      { "address": "aws_dynamodb_table.orders", "mode": "managed", "type": "aws_dynamodb_table", "name": "orders", "values": { "server_side_encryption": [ { "enabled": true } ] } },
      { "address": "aws_sqs_queue.jobs", "mode": "managed", "type": "aws_sqs_queue", "name": "jobs", "values": {} },
      { "address": "aws_lambda_event_source_mapping.jobs", "mode": "managed", "type": "aws_lambda_event_source_mapping", "name": "jobs", "values": {} },
      { "address": "random_id.suffix", "mode": "managed", "type": "random_id", "name": "suffix", "values": {} },
      { "address": "google_storage_bucket.other", "mode": "managed", "type": "google_storage_bucket", "name": "other", "values": {} }
    ],
    "child_modules": [ { "address": "module.audit", "resources": [
      { "address": "module.audit.aws_s3_bucket.logs[0]", "mode": "managed", "type": "aws_s3_bucket", "name": "logs", "index": 0, "values": {} }
    ] } ]
  } },
  "configuration": { "root_module": {
    "resources": [
      { "address": "aws_apigatewayv2_integration.orders", "type": "aws_apigatewayv2_integration", "expressions": {
          "api_id": { "references": [ "aws_apigatewayv2_api.http.id", "aws_apigatewayv2_api.http" ] },
          "integration_uri": { "references": [ "aws_lambda_function.orders.invoke_arn", "aws_lambda_function.orders" ] } } },
      { "address": "aws_lambda_function.orders", "type": "aws_lambda_function", "expressions": {
          "role": { "references": [ "aws_iam_role.orders.arn", "aws_iam_role.orders" ] },
          "environment": [ { "variables": { "references": [ "aws_sqs_queue.jobs.url", "aws_sqs_queue.jobs" ] } } ] } },
      { "address": "aws_iam_role_policy.orders", "type": "aws_iam_role_policy", "expressions": {
          "role": { "references": [ "aws_iam_role.orders.id", "aws_iam_role.orders" ] },
          "policy": { "references": [ "data.aws_iam_policy_document.orders.json", "data.aws_iam_policy_document.orders" ] } } },
      { "address": "data.aws_iam_policy_document.orders", "mode": "data", "type": "aws_iam_policy_document", "expressions": {
          "statement": [
            { "actions": { "constant_value": [ "dynamodb:GetItem", "dynamodb:Query" ] },
              "resources": { "references": [ "aws_dynamodb_table.orders.arn", "aws_dynamodb_table.orders" ] } },
            { "actions": { "constant_value": [ "s3:PutObject" ] },
              "resources": { "references": [ "module.audit.bucket_arn" ] } } ] } },
      { "address": "aws_lambda_event_source_mapping.jobs", "type": "aws_lambda_event_source_mapping", "expressions": {
          "event_source_arn": { "references": [ "aws_sqs_queue.jobs.arn", "aws_sqs_queue.jobs" ] },
          "function_name": { "references": [ "aws_lambda_function.orders.arn", "aws_lambda_function.orders" ] } } }
    ],
    "module_calls": { "audit": { "module": { "resources": [
      { "address": "aws_s3_bucket.logs", "type": "aws_s3_bucket", "expressions": {} } ] } } }
  } }
}"#;

#[test]
fn a_terraform_plan_becomes_a_diagram() {
    let (p, report) = template::import(PLAN, Path::new("plan.json")).expect("imports");
    assert!(report.source.contains("Terraform"));
    let d = &p.diagrams[0];
    // Mapped: API, function, table, queue, bucket (in a module), the unknown Google type;
    // internet users at the API. The role, policy, integration and mapping are parts;
    // random_id is a helper.
    assert_eq!(
        d.elements.len(),
        7,
        "{:?}",
        d.elements.iter().map(|e| &e.name).collect::<Vec<_>>()
    );
    assert!(
        element(&p, "google_storage_bucket.other")
            .description
            .contains("not one Threatboard maps")
    );
    assert!(element(&p, "aws_iam_role.orders").resources[0].id == "aws_lambda_function.orders");
    assert!(element(&p, "module.audit.aws_s3_bucket.logs[0]").kind() == ElementKind::DataStore);
    // Integration, event source mapping, policy document statement (read), env var.
    assert!(
        flow(
            &p,
            "aws_apigatewayv2_api.http",
            "aws_lambda_function.orders"
        )
        .is_some()
    );
    assert!(flow(&p, "aws_sqs_queue.jobs", "aws_lambda_function.orders").is_some());
    let read = flow(
        &p,
        "aws_dynamodb_table.orders",
        "aws_lambda_function.orders",
    )
    .expect("reads");
    assert!(
        read.description.contains("dynamodb:GetItem"),
        "{}",
        read.description
    );
    let ElementProps::DataStore(t) = &element(&p, "aws_dynamodb_table.orders").props else {
        panic!("store")
    };
    assert!(t.encrypted_at_rest);
    assert!(
        element(&p, "aws_lambda_function.orders")
            .technology
            .contains("python3.12")
    );
}

#[test]
fn a_role_only_an_included_api_definition_uses_is_the_apis() {
    let (p, report) = template::import(
        r#"AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      DefinitionBody:
        Fn::Transform:
          Name: AWS::Include
          Parameters:
            Location: ./api.yaml
  Links:
    Type: AWS::DynamoDB::Table
  ReadRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: apigateway.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: read
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: dynamodb:GetItem
                Resource: !GetAtt Links.Arn
"#,
        Path::new("t.yaml"),
    )
    .expect("imports");
    assert!(flow(&p, "Links", "Api").is_some_and(|f| f.description.contains("dynamodb:GetItem")));
    assert!(
        report.kept.iter().any(|k| k.contains("./api.yaml")),
        "{:?}",
        report.kept
    );
}

#[test]
fn a_template_past_the_limit_is_refused_before_it_is_parsed() {
    let big = format!("Resources:\n{}", " ".repeat(17 * 1024 * 1024));
    let e = template::import(&big, Path::new("huge.yaml")).expect_err("too big");
    assert!(
        e.to_string().starts_with("huge.yaml") && e.to_string().contains("bytes"),
        "{e}"
    );
}

#[test]
fn the_imported_project_names_its_template_relative_to_itself() {
    let root = Path::new("/work/app");
    assert_eq!(
        template::reference_from(
            &root.join("models/m.ron"),
            &root.join("infra/template.yaml")
        ),
        "../infra/template.yaml"
    );
    assert_eq!(
        template::reference_from(&root.join("m.ron"), &root.join("template.yaml")),
        "template.yaml"
    );
}

#[test]
fn sam_connectors_and_container_environments_give_flows() {
    let p = import(
        r#"AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Connectors:
      ToTable:
        Properties:
          Destination: { Id: Table }
          Permissions: [Read]
    Properties:
      Runtime: nodejs20.x
      Handler: index.h
  Table:
    Type: AWS::DynamoDB::Table
  Bus:
    Type: AWS::Events::EventBus
  Conn:
    Type: AWS::Serverless::Connector
    Properties:
      Source: { Id: Fn }
      Destination: { Id: Bus }
      Permissions: [Write]
  Service:
    Type: AWS::ECS::Service
    Properties:
      TaskDefinition: !Ref Task
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: web
          Environment:
            - Name: QUEUE_URL
              Value: !Ref Jobs
  Jobs:
    Type: AWS::SQS::Queue
"#,
    );
    // Two connectors, one container variable: three flows; no connector element.
    assert!(flow(&p, "Table", "Fn").is_some_and(|f| f.description.contains("ToTable")));
    assert!(flow(&p, "Fn", "Bus").is_some_and(|f| f.description.contains("connector Conn")));
    assert!(flow(&p, "Service", "Jobs").is_some_and(|f| f.description.contains("QUEUE_URL")));
    assert!(element(&p, "Conn").resources[0].id != "Conn");
}

#[test]
fn a_sam_state_machine_has_its_events_and_policy_templates() {
    let p = import(
        r#"AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  Nightly:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        StartAt: Put
        States:
          Put:
            Type: Task
            Resource: arn:aws:states:::dynamodb:putItem
            Parameters:
              TableName: ${TableName}
            End: true
      DefinitionSubstitutions:
        TableName: !Ref Table
      Policies:
        - DynamoDBWritePolicy:
            TableName: !Ref Table
      Events:
        Every:
          Type: Schedule
          Properties:
            Schedule: rate(1 hour)
  Table:
    Type: AWS::DynamoDB::Table
"#,
    );
    assert!(flow(&p, "NightlyEvery", "Nightly").is_some());
    let put = flow(&p, "Nightly", "Table").expect("task and policy");
    assert!(
        put.description.contains("task state Put")
            && put.description.contains("DynamoDBWritePolicy")
    );
    assert!(element(&p, "NightlyRole").resources[0].id == "Nightly");
}

#[test]
fn a_terraform_state_reads_its_resources() {
    let state = r#"{"format_version": "1.0", "terraform_version": "1.9.5", "values": {"root_module": {"resources": [
        {"address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b", "values": {}},
        {"address": "aws_lambda_function.f", "mode": "managed", "type": "aws_lambda_function", "name": "f", "values": {}}]}}}"#;
    let p = template::import(state, Path::new("state.json"))
        .expect("imports")
        .0;
    assert_eq!(p.diagrams[0].elements.len(), 2);
    let e = template::import(
        r#"{"format_version": "1.2", "terraform_version": "1.9.5", "planned_values": {}}"#,
        Path::new("empty.json"),
    )
    .expect_err("nothing planned");
    assert!(e.to_string().starts_with("empty.json"), "{e}");
}

/// The serverless sample is `threatboard import samples/serverless.template.yaml`
/// refined by hand: every element and flow the template yields is in it under the id the
/// importer gave it, between the same elements; what the team added is the named list
/// below (the parts of the system the template does not deploy); and `sync` finds nothing.
#[test]
fn the_serverless_sample_is_its_template_plus_named_hand_edits() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let sample = threatboard::io::load(&root.join("serverless.ron")).expect("sample");
    let (imported, _) = template::read(&root.join("serverless.template.yaml")).expect("template");
    assert!(
        template::sync::compare(&sample, &imported).is_empty(),
        "{:?}",
        template::sync::compare(&sample, &imported)
    );
    assert_eq!(sample.infrastructure, ["serverless.template.yaml"]);
    let (s, t) = (&sample.diagrams[0], &imported.diagrams[0]);
    for e in &t.elements {
        let mine = s
            .elements
            .iter()
            .find(|m| m.id == e.id)
            .unwrap_or_else(|| panic!("the template's {} is not in the sample", e.name));
        assert_eq!(mine.kind(), e.kind(), "{}", e.name);
        assert_eq!(mine.resources, e.resources, "{}", e.name);
    }
    for f in &t.flows {
        let mine = s
            .flows
            .iter()
            .find(|m| m.id == f.id)
            .unwrap_or_else(|| panic!("the template's flow {} is not in the sample", f.id));
        assert_eq!((&mine.source, &mine.target), (&f.source, &f.target));
        assert!(mine.description.starts_with("From the template: "));
    }
    fn added(mut v: Vec<&str>) -> Vec<&str> {
        v.sort_unstable();
        v
    }
    assert_eq!(
        added(
            s.elements
                .iter()
                .filter(|e| !t.elements.iter().any(|x| x.id == e.id))
                .map(|e| e.name.as_str())
                .collect()
        ),
        [
            "Fulfilment worker function",
            "Function logs",
            "Payment processor",
            "Webhook handler function"
        ]
    );
    assert_eq!(
        added(
            s.flows
                .iter()
                .filter(|f| !t.flows.iter().any(|x| x.id == f.id))
                .map(|f| f.name.as_str())
                .collect()
        ),
        [
            "Application logs",
            "Deliver order events",
            "Fetch signing keys (JWKS)",
            "Mark order paid",
            "Payment status webhook",
            "Store invoice PDFs",
            "Update fulfilment status",
            "Worker logs"
        ]
    );
    assert_eq!((t.elements.len(), t.flows.len()), (10, 8));
    assert_eq!((s.elements.len(), s.flows.len()), (14, 16));
}
