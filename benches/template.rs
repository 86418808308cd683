//! Importing a CloudFormation/SAM template of 500 resources (100 functions, each with a
//! table, a queue, a bucket and a topic, its API route, SQS event, policy template and
//! environment variable) into a diagram with its flows, boundaries and layout.
//! Run with `cargo bench --bench template` (the bar: under a second).

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

/// A SAM template of `groups` × 5 resources.
fn template(groups: usize) -> String {
    let mut t = String::from(
        "AWSTemplateFormatVersion: '2010-09-09'\nTransform: AWS::Serverless-2016-10-31\nResources:\n",
    );
    for k in 0..groups {
        t.push_str(&format!(
            "  Fn{k}:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.h
      Policies:
        - DynamoDBCrudPolicy:
            TableName: !Ref Table{k}
        - S3ReadPolicy:
            BucketName: !Ref Bucket{k}
        - Statement:
            - Effect: Allow
              Action: ['sns:Publish']
              Resource: !Ref Topic{k}
      Environment:
        Variables:
          TABLE: !Ref Table{k}
      Events:
        Api:
          Type: Api
          Properties:
            Path: /r{k}
            Method: get
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Queue{k}.Arn
  Table{k}:
    Type: AWS::DynamoDB::Table
  Queue{k}:
    Type: AWS::SQS::Queue
  Bucket{k}:
    Type: AWS::S3::Bucket
  Topic{k}:
    Type: AWS::SNS::Topic
"
        ));
    }
    t
}

fn bench(c: &mut Criterion) {
    let text = template(100);
    let mut group = c.benchmark_group("template");
    group.sample_size(10);
    group.bench_function("import/500-resources", |b| {
        b.iter(|| {
            threatboard::io::template::import(&text, Path::new("big.yaml"))
                .map(|(p, _)| p.diagrams[0].elements.len())
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
