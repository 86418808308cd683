//! Controls on mitigations checked against the pipeline's evidence (`threatboard verify`),
//! and building blocks (placing, their decisions, undo, a library's new version).

use crate::common;

use std::path::{Path, PathBuf};

use common::{sample, stderr, stdout, threatboard};
use threatboard::analysis::{Catalogue, analyze};
use threatboard::blocks::{self, Library};
use threatboard::evidence::{self, Content, ControlState, Template};
use threatboard::model::{
    Control, ElementKind, Pos, Project, Resource, Status, ThreatKey, ThreatRecord,
};

fn shared(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/interop/sarif")
        .join(name)
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/evidence")
        .join(name)
}

fn sarif(f: &evidence::EvidenceFile) -> &[evidence::ScanRun] {
    match &f.content {
        Content::Sarif(runs) => runs,
        Content::Junit(_) => panic!("{} read as JUnit", f.path.display()),
    }
}

#[test]
fn the_scanners_sarif_is_read_rules_resources_and_messages() {
    let template = Template::load(&fixture("insecure.yaml")).expect("the ASH template reads");
    let ids: Vec<&str> = template.resources.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["OpenBucket", "LegacyFunction"]);

    // cfn-lint: rule ids and messages; the resource only as a line in the template.
    let lint = evidence::load(&shared("ash-cfn-lint-1.57.1-insecure.sarif")).expect("reads");
    let runs = sarif(&lint);
    assert_eq!(runs[0].tool, "cfn-lint");
    let rules: Vec<&str> = runs[0].results.iter().map(|r| r.rule.as_str()).collect();
    assert_eq!(rules, ["W2001", "E3002", "E2533"]);
    assert!(runs[0].results[2].message.contains("python2.7"));
    assert_eq!(runs[0].results[2].start_line, Some(14));

    // cfn-guard: the resource in the message text ("Path=/Resources/LegacyFunction/…").
    let guard = evidence::load(&shared(
        "ash-cfn-guard-3.2.1-wa-Security-Pillar-insecure.sarif",
    ))
    .expect("reads");
    let g = sarif(&guard);
    assert_eq!(g[0].tool, "cfn-guard");
    assert!(g[0].results.iter().any(|r| r.rule == "LAMBDA_INSIDE_VPC"));

    // KICS: rules by UUID, a line in a workflow file.
    let kics = evidence::load(&shared("kics-E2E_CLI_080_RESULT.sarif")).expect("reads");
    let k = sarif(&kics);
    assert_eq!(k[0].tool, "kics");
    assert_eq!(k[0].results[0].rule, "62ff6823-927a-427f-acf9-f1ea2932d616");
    assert_eq!(k[0].results[0].start_line, Some(17));

    // Our own checkov run on the serverless sample's template.
    let checkov = evidence::load(&sample("evidence/checkov.sarif")).expect("reads");
    let c = sarif(&checkov);
    assert_eq!(c[0].tool, "checkov");
    assert!(c[0].results.iter().any(|r| r.rule == "CKV_AWS_18"));
    assert_eq!(checkov.sha256.len(), 64);
    assert!(!checkov.date.is_empty());

    // Placed on their resources through the three routes, in a model that names them.
    let mut project = Project::new("ASH insecure");
    let d = project.diagrams[0].id.clone();
    for (kind, name, resource) in [
        (ElementKind::DataStore, "Open bucket", "OpenBucket"),
        (ElementKind::Process, "Legacy function", "LegacyFunction"),
    ] {
        let mut e = threatboard::model::Element::new(kind, name);
        e.resources.push(Resource {
            id: resource.into(),
            kind: String::new(),
        });
        threatboard::edit::Edit::InsertElement {
            diagram: d.clone(),
            index: 0,
            element: Box::new(e),
            rect: threatboard::model::Rect::new(0.0, 0.0, 100.0, 50.0),
        }
        .apply(&mut project)
        .expect("inserts");
    }
    let a = analyze(&project, &Catalogue::builtin().expect("rules"));
    let v = evidence::verify(&project, &a, &[lint, guard], &[template], "2026-12-02");
    let on = |rule: &str| -> Vec<&str> {
        v.findings
            .iter()
            .filter(|f| f.rule == rule)
            .map(|f| f.resource.as_str())
            .collect()
    };
    assert_eq!(on("E3002"), ["OpenBucket"], "line 10 is in OpenBucket");
    assert_eq!(
        on("E2533"),
        ["LegacyFunction"],
        "line 14 is in LegacyFunction"
    );
    assert!(on("W2001").is_empty(), "a parameter is no resource");
    assert!(!on("LAMBDA_INSIDE_VPC").is_empty());
    assert!(
        on("LAMBDA_INSIDE_VPC")
            .iter()
            .all(|r| *r == "LegacyFunction")
    );
}

/// A model with one store whose decision names controls; `resource` is its logical id.
fn one_store(controls: Vec<Control>) -> (Project, threatboard::analysis::Analysis) {
    let mut project = Project::new("Built");
    let d = project.diagrams[0].id.clone();
    let lib = Library::starter();
    let block = lib.block("private-bucket").expect("starter block");
    let (id, edit) = blocks::place(
        &project,
        &d,
        &lib,
        block,
        Pos::new(0.0, 0.0),
        "2026-12-01T10:00Z",
    )
    .expect("places");
    edit.apply(&mut project).expect("applies");
    let mut e = project.element(&id).expect("placed").1.clone();
    e.resources = vec![Resource {
        id: "Bucket".into(),
        kind: "AWS::S3::Bucket".into(),
    }];
    threatboard::edit::Edit::UpdateElement(Box::new(e))
        .apply(&mut project)
        .expect("updates");
    // Only the decision under test names controls.
    project.threats.clear();
    let key = ThreatKey::new("object-storage-exposure", &id);
    project.threats.insert(
        key,
        ThreatRecord {
            status: Status::Mitigated,
            mitigation: "Public access blocked".into(),
            controls,
            ..ThreatRecord::default()
        },
    );
    let a = analyze(&project, &Catalogue::builtin().expect("rules"));
    (project, a)
}

fn sarif_file(name: &str, json: &str) -> evidence::EvidenceFile {
    evidence::parse(json.as_bytes(), Path::new(name), "2026-12-01T00:00:00Z").expect("SARIF")
}

const NAG_ON_BUCKET: &str = r#"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"cfn_nag","rules":[{"id":"W35"}]}},
  "results":[{"ruleId":"W35","level":"warning","message":{"text":"S3 Bucket should have access logging configured"},
  "locations":[{"physicalLocation":{"artifactLocation":{"uri":"app.yaml"},"region":{"startLine":3}},
                "logicalLocations":[{"name":"Bucket"}]}]}]}]}"#;

#[test]
fn each_control_state_on_built_cases() {
    let w35 = || Control::Scanner {
        tool: "cfn_nag".into(),
        rule: "W35".into(),
        resources: vec![],
    };
    // Failing: the scanner reports the rule on the element's resource (logical location).
    let (p, a) = one_store(vec![w35()]);
    let v = evidence::verify(
        &p,
        &a,
        &[sarif_file("nag.sarif", NAG_ON_BUCKET)],
        &[],
        "2026-12-02",
    );
    let (_, c) = v.controls().next().expect("one control");
    assert_eq!(c.state, ControlState::Failing, "{}", c.detail);
    assert_eq!(c.failures[0].resource, "Bucket");
    assert!(c.failures[0].message.contains("access logging"));

    // A clean run proves nothing about a rule it does not know: not run, "unknown rule".
    let clean =
        r#"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"cfn-nag"}},"results":[]}]}"#;
    let v = evidence::verify(
        &p,
        &a,
        &[sarif_file("clean.sarif", clean)],
        &[],
        "2026-12-02",
    );
    let (_, c) = v.controls().next().expect("one");
    assert_eq!(c.state, ControlState::NotRun, "{}", c.detail);
    assert!(c.detail.starts_with("unknown rule"), "{}", c.detail);
    // The rule known, but the resource in no template given and in none of its results:
    // not run, "resource not in any template".
    let knows_w35 = r#"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"cfn-nag","rules":[{"id":"W35"}]}},"results":[]}]}"#;
    let v = evidence::verify(
        &p,
        &a,
        &[sarif_file("clean.sarif", knows_w35)],
        &[],
        "2026-12-02",
    );
    let (_, c) = v.controls().next().expect("one");
    assert_eq!(c.state, ControlState::NotRun, "{}", c.detail);
    assert!(
        c.detail.starts_with("resource not in any template"),
        "{}",
        c.detail
    );

    // Passing: the tool ran the rule (its result is on another resource) and a template
    // given holds this one. The result elsewhere is reported as on a resource no element
    // names.
    let other = NAG_ON_BUCKET.replace("\"Bucket\"", "\"OtherBucket\"");
    let template = Template::parse(
        "Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n  OtherBucket:\n    Type: AWS::S3::Bucket\n",
        Path::new("app.yaml"),
    )
    .expect("template");
    let v = evidence::verify(
        &p,
        &a,
        &[sarif_file("o.sarif", &other)],
        &[template],
        "2026-12-02",
    );
    assert_eq!(
        v.controls().next().expect("one").1.state,
        ControlState::Passing
    );
    assert_eq!(v.unmapped.get("OtherBucket"), Some(&1));

    // Not run: no results from that tool; the rule turned off; the run failed.
    let v = evidence::verify(
        &p,
        &a,
        &[sarif_file(
            "c.sarif",
            &std::fs::read_to_string(sample("evidence/cfn-lint.sarif")).expect("reads"),
        )],
        &[],
        "2026-12-02",
    );
    let (_, c) = v.controls().next().expect("one");
    assert_eq!(c.state, ControlState::NotRun);
    assert!(c.detail.contains("no cfn_nag results"), "{}", c.detail);
    let off = r#"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"cfn_nag"}},"results":[],
      "invocations":[{"executionSuccessful":true,"ruleConfigurationOverrides":[{"descriptor":{"id":"W35"},"configuration":{"enabled":false}}]}]}]}"#;
    let v = evidence::verify(&p, &a, &[sarif_file("off.sarif", off)], &[], "2026-12-02");
    assert_eq!(
        v.controls().next().expect("one").1.state,
        ControlState::NotRun
    );
    let failed = r#"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"cfn_nag"}},"results":[],"invocations":[{"executionSuccessful":false}]}]}"#;
    let v = evidence::verify(&p, &a, &[sarif_file("f.sarif", failed)], &[], "2026-12-02");
    assert_eq!(
        v.controls().next().expect("one").1.state,
        ControlState::NotRun
    );

    // Given templates that do not hold the resource: it was not scanned.
    let t = Template::parse(
        "Resources:\n  Else:\n    Type: AWS::SQS::Queue\n",
        Path::new("app.yaml"),
    )
    .expect("template");
    let v = evidence::verify(
        &p,
        &a,
        &[sarif_file("clean.sarif", knows_w35)],
        &[t],
        "2026-12-02",
    );
    let (_, c) = v.controls().next().expect("one");
    assert_eq!(c.state, ControlState::NotRun);
    assert!(
        c.detail.contains("Bucket is in none of the templates"),
        "{}",
        c.detail
    );

    // Manual checks: current evidence passes; none, or over a year old, is not run.
    for (evidence_text, reviewed, state) in [
        (
            "Checked in the console",
            "2026-10-01",
            ControlState::Passing,
        ),
        ("", "2026-10-01", ControlState::NotRun),
        ("Checked in the console", "2025-06-01", ControlState::NotRun),
        ("Checked in the console", "soon", ControlState::NotRun),
    ] {
        let (p, a) = one_store(vec![Control::Manual {
            check: "Public access block on".into(),
            evidence: evidence_text.into(),
            reviewed: reviewed.into(),
        }]);
        let v = evidence::verify(&p, &a, &[], &[], "2026-12-02");
        let (_, c) = v.controls().next().expect("one");
        assert_eq!(c.state, state, "{evidence_text:?} {reviewed}: {}", c.detail);
    }
}

#[test]
fn resources_are_found_by_message_text_and_by_line_range() {
    let scanner = |tool: &str, rule: &str| Control::Scanner {
        tool: tool.into(),
        rule: rule.into(),
        resources: vec![],
    };
    // Message text, as cfn-guard writes it.
    let guard = r#"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"cfn-guard"}},"results":[
      {"ruleId":"S3_BUCKET_LOGGING_ENABLED","message":{"text":"Check was not compliant as property [LoggingConfiguration] is missing. Value traversed to [Path=/Resources/Bucket/Properties[L:4,C:6]]"}}]}]}"#;
    let (p, a) = one_store(vec![scanner("cfn-guard", "S3_BUCKET_LOGGING_ENABLED")]);
    let v = evidence::verify(&p, &a, &[sarif_file("g.sarif", guard)], &[], "2026-12-02");
    assert_eq!(
        v.controls().next().expect("one").1.state,
        ControlState::Failing
    );

    // A line range only (checkov without the snippet, KICS, trivy): mapped through the
    // template the result names.
    let template = "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      VersioningConfiguration: {Status: Suspended}\n";
    let t = Template::parse(template, Path::new("stack.yaml")).expect("template");
    let by_line = |line: u32| {
        format!(
            r#"{{"version":"2.1.0","runs":[{{"tool":{{"driver":{{"name":"checkov"}}}},"results":[
          {{"ruleId":"CKV_AWS_21","message":{{"text":"Ensure the S3 bucket has versioning enabled"}},
            "locations":[{{"physicalLocation":{{"artifactLocation":{{"uri":"/src/stack.yaml"}},"region":{{"startLine":{line},"endLine":{line}}}}}}}]}}]}}]}}"#
        )
    };
    let (p, a) = one_store(vec![scanner("checkov", "CKV_AWS_21")]);
    let v = evidence::verify(
        &p,
        &a,
        &[sarif_file("c.sarif", &by_line(7))],
        std::slice::from_ref(&t),
        "2026-12-02",
    );
    assert_eq!(
        v.controls().next().expect("one").1.state,
        ControlState::Failing
    );
    // Line 2 is the queue: not this control's resource.
    let v = evidence::verify(
        &p,
        &a,
        &[sarif_file("c.sarif", &by_line(2))],
        &[t],
        "2026-12-02",
    );
    assert_eq!(
        v.controls().next().expect("one").1.state,
        ControlState::Passing
    );
    assert_eq!(v.unmapped.get("Queue"), Some(&1));
}

#[test]
fn junit_tests_verify_controls() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<testsuites><testsuite name="security" tests="3">
  <testcase classname="orders.api" name="rejects_forged_token" time="0.01"/>
  <testcase classname="orders.api" name="rejects_expired_token"><failure message="expected 401, got 200">trace</failure></testcase>
  <testcase classname="orders.api" name="rate_limits"><skipped/></testcase>
</testsuite></testsuites>"#;
    let junit = evidence::parse(xml.as_bytes(), Path::new("junit.xml"), "").expect("JUnit");
    assert_eq!(junit.summary(), "JUnit: 3 tests");
    let test = |name: &str| Control::Test { name: name.into() };
    for (name, state) in [
        ("rejects_forged_token", ControlState::Passing),
        ("orders.api.rejects_forged_token", ControlState::Passing),
        ("orders.api::rejects_expired_token", ControlState::Failing),
        ("rate_limits", ControlState::NotRun),
        ("no_such_test", ControlState::NotRun),
    ] {
        let (p, a) = one_store(vec![test(name)]);
        let v = evidence::verify(&p, &a, std::slice::from_ref(&junit), &[], "2026-12-02");
        let (_, c) = v.controls().next().expect("one");
        assert_eq!(c.state, state, "{name}: {}", c.detail);
        if state == ControlState::Failing {
            assert!(c.failures[0].message.contains("expected 401"));
        }
    }
}

#[test]
fn verify_on_the_serverless_sample_shows_a_passing_and_a_failing_control_from_real_scans() {
    let model = sample("serverless.ron");
    let checkov = sample("evidence/checkov.sarif");
    let lint = sample("evidence/cfn-lint.sarif");
    // SARIF lists only the rules that found something: the checks that passed come from
    // checkov's JUnit report.
    let checkov_junit = sample("evidence/checkov.junit.xml");
    let args = |extra: &[&str]| {
        let mut v = vec![
            "verify",
            model.to_str().expect("utf-8"),
            "--evidence",
            checkov.to_str().expect("utf-8"),
            lint.to_str().expect("utf-8"),
            checkov_junit.to_str().expect("utf-8"),
        ];
        v.extend_from_slice(extra);
        v.iter().map(|s| (*s).to_owned()).collect::<Vec<String>>()
    };
    let run = |extra: &[&str]| {
        let a = args(extra);
        threatboard(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let out = run(&[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("✖ failing  checkov CKV_AWS_18") && text.contains("InvoiceBucket"),
        "{text}"
    );
    assert!(text.contains("✔ passing  checkov CKV_AWS_28"), "{text}");
    // cfn-lint's clean SARIF names no rule: W3011 was not shown to have run.
    assert!(
        text.contains("○ not run  cfn-lint W3011") && text.contains("unknown rule"),
        "{text}"
    );
    // The wildcard resource on the Orders function's role: no control covers it.
    assert!(
        text.contains("Orders function (OrdersFunctionRole): checkov CKV_AWS_111"),
        "{text}"
    );
    // Exit codes.
    assert_eq!(run(&["--fail-on", "failing"]).status.code(), Some(1));
    assert_eq!(run(&["--fail-on", "not-run"]).status.code(), Some(1));
    // JSON, Markdown and SARIF.
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&run(&["--format", "json"]))).expect("JSON");
    assert!(json["threats"].as_array().is_some_and(|t| !t.is_empty()));
    assert!(
        stdout(&run(&["--format", "markdown"])).contains("| ✖ failing | checkov CKV\\_AWS\\_18 |")
    );
    let s: serde_json::Value =
        serde_json::from_str(&stdout(&run(&["--format", "sarif"]))).expect("SARIF");
    let results = s["runs"][0]["results"].as_array().expect("results");
    let failing = results
        .iter()
        .find(|r| r["ruleId"] == "control-failing")
        .expect("a failing control");
    assert!(failing["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64() > Some(1));
    // The log we write is one we read.
    let ours = evidence::parse(
        stdout(&run(&["--format", "sarif"])).as_bytes(),
        Path::new("ours.sarif"),
        "",
    )
    .expect("reads its own SARIF");
    assert_eq!(sarif(&ours)[0].tool, "threatboard");
}

#[test]
fn bad_evidence_files_give_a_clear_error_and_change_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let model = dir.path().join("m.ron");
    std::fs::copy(sample("serverless.ron"), &model).expect("copy");
    for f in ["aws-serverless.blocks.ron", "serverless.template.yaml"] {
        std::fs::copy(sample(f), dir.path().join(f)).expect("copy");
    }
    let before = std::fs::read(&model).expect("reads");
    let real = std::fs::read_to_string(sample("evidence/checkov.sarif")).expect("reads");
    let cases: Vec<(&str, String, &str)> = vec![
        ("empty.sarif", String::new(), "empty"),
        ("text.sarif", "hello".into(), "not an evidence file"),
        (
            "truncated.sarif",
            real[..real.len() / 2].to_owned(),
            "truncated.sarif:",
        ),
        (
            "old.sarif",
            r#"{"version":"1.0.0","runs":[]}"#.into(),
            "SARIF version \"1.0.0\"",
        ),
        ("other.json", r#"{"summary":{}}"#.into(), "no \"runs\""),
        (
            "nodriver.sarif",
            r#"{"version":"2.1.0","runs":[{"results":[]}]}"#.into(),
            "tool.driver.name",
        ),
        ("html.xml", "<html><body/></html>".into(), "not JUnit XML"),
        (
            "broken.xml",
            "<testsuites><testcase name='a'>".into(),
            "broken.xml:",
        ),
        ("binary.sarif", "\u{0}\u{1}".into(), "not an evidence file"),
    ];
    for (name, content, expect) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, &content).expect("write");
        let out = threatboard(&[
            "verify",
            model.to_str().expect("utf-8"),
            "--evidence",
            path.to_str().expect("utf-8"),
        ]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(name) && err.contains(expect), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
    // Huge: refused by size before it is read.
    let huge = dir.path().join("huge.sarif");
    let f = std::fs::File::create(&huge).expect("create");
    f.set_len(evidence::MAX_EVIDENCE_BYTES + 1)
        .expect("sparse file");
    let e = evidence::load(&huge).expect_err("too large");
    assert!(e.to_string().contains("limit"), "{e}");
    assert_eq!(
        std::fs::read(&model).expect("reads"),
        before,
        "the model is untouched"
    );
}

#[test]
fn placing_a_block_records_its_decisions_undoably_and_a_new_version_updates_in_one_step() {
    let lib = Library::starter();
    assert_eq!(lib.blocks.len(), 7, "the starter library's seven blocks");
    let mut project = Project::new("Blocks");
    let d = project.diagrams[0].id.clone();
    let block = lib.block("encrypted-table").expect("block");
    let (id, edit) = blocks::place(
        &project,
        &d,
        &lib,
        block,
        Pos::new(200.0, 100.0),
        "2026-12-02T09:00Z",
    )
    .expect("places");
    let undo = edit.apply(&mut project).expect("applies");
    let (_, e) = project.element(&id).expect("placed");
    assert_eq!(e.technology, "Amazon DynamoDB");
    assert_eq!(e.resources[0].kind, "AWS::DynamoDB::Table");
    let a = analyze(&project, &Catalogue::builtin().expect("rules"));
    let decided: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.record.block.is_some())
        .collect();
    assert!(
        !decided.is_empty(),
        "the block's decisions answer its threats"
    );
    for f in &decided {
        assert_eq!(f.status(), Status::Mitigated);
        assert_eq!(
            f.record.decided_by,
            "block encrypted-table v1 (approved by Security architecture)"
        );
        assert!(!f.record.controls.is_empty());
    }
    assert!(
        !a.validation
            .iter()
            .any(|m| m.message.contains("matches no threat")),
        "decisions waiting for their threat are not reported as stale"
    );
    assert!(
        a.orphaned.is_empty(),
        "nor listed as orphaned: {:?}",
        a.orphaned
    );
    // Once the element is gone, they are orphans like any decision.
    let mut gone = project.clone();
    threatboard::edit::Edit::RemoveElement(id.clone())
        .apply(&mut gone)
        .expect("removes");
    let a_gone = analyze(&gone, &Catalogue::builtin().expect("rules"));
    assert_eq!(a_gone.orphaned.len(), gone.threats.len());
    // Undo takes the element and its decisions away in one step.
    let mut undone = project.clone();
    undo.apply(&mut undone).expect("undo");
    assert!(undone.element(&id).is_none());
    assert!(undone.threats.is_empty());

    // The team overrides one decision; the library approves v2 with changed decisions.
    let keys: Vec<ThreatKey> = project.threats.keys().cloned().collect();
    let overridden = keys[0].clone();
    let mut mine = project.threats[&overridden].clone();
    mine.status = Status::Accepted;
    mine.justification = "Our own call".into();
    mine.block = None;
    project.threats.insert(overridden.clone(), mine.clone());
    let mut v2 = lib.clone();
    let b = v2
        .blocks
        .iter_mut()
        .find(|b| b.id == "encrypted-table")
        .expect("block");
    b.version = 2;
    b.technology = "Amazon DynamoDB (global tables)".into();
    b.decisions
        .retain(|d| d.rule != "stride.store.information-disclosure");
    for d in &mut b.decisions {
        d.mitigation = format!("v2: {}", d.mitigation);
    }
    let updates = blocks::updates(&project, std::slice::from_ref(&v2));
    assert_eq!(updates.len(), 1);
    assert!(
        updates[0].describe().contains("v2 is approved"),
        "{}",
        updates[0].describe()
    );
    let before = project.clone();
    let edit = blocks::update(
        &project,
        std::slice::from_ref(&v2),
        &id,
        "2026-12-03T09:00Z",
    )
    .expect("update");
    let undo = edit.apply(&mut project).expect("applies");
    assert_eq!(
        project.element(&id).expect("kept").1.technology,
        "Amazon DynamoDB (global tables)"
    );
    assert_eq!(
        project.threats[&overridden], mine,
        "the team's own decision stays"
    );
    let info = ThreatKey::new("stride.store.information-disclosure", &id);
    assert!(
        overridden == info || !project.threats.contains_key(&info),
        "a decision v2 no longer makes is gone"
    );
    assert!(
        project
            .threats
            .iter()
            .filter(|(k, _)| **k != overridden)
            .all(|(_, r)| r.mitigation.starts_with("v2: ")
                && r.block.as_ref().is_some_and(|b| b.version == 2))
    );
    assert!(blocks::updates(&project, std::slice::from_ref(&v2)).is_empty());
    undo.apply(&mut project).expect("undo");
    assert_eq!(project, before, "one undo step takes the whole update back");
}

#[test]
fn bad_block_libraries_give_a_clear_error() {
    let good = std::fs::read_to_string(sample("aws-serverless.blocks.ron")).expect("reads");
    assert!(Library::parse(&good, Path::new("lib.ron")).is_ok());
    for (text, expect) in [
        (
            good.replacen("threatboard-blocks", "threatboard", 1),
            "not a block library",
        ),
        (
            good.replacen("version: 1,\n    name", "version: 9,\n    name", 1),
            "format version 9",
        ),
        (
            good.replacen("id: \"encrypted-table\"", "id: \"private-bucket\"", 1),
            "used twice",
        ),
        (good[..good.len() / 3].to_owned(), "lib.ron:"),
        (
            good.replacen(
                "status: NotApplicable,\n                    justification",
                "status: NotApplicable,\n                    mitigation",
                1,
            ),
            "needs a justification",
        ),
    ] {
        let e = Library::parse(&text, Path::new("lib.ron")).expect_err(expect);
        assert!(e.to_string().contains(expect), "{e}");
    }
}

#[test]
fn checkov_junit_says_which_checks_passed_on_which_resource() {
    let project = threatboard::io::load(&sample("serverless.ron")).expect("sample");
    let a = analyze(&project, &Catalogue::builtin().expect("rules"));
    let junit = evidence::load(&sample("evidence/checkov.junit.xml")).expect("checkov JUnit");
    let v = evidence::verify(&project, &a, &[junit], &[], "2026-12-02");
    let find = |control: &str, on: &str| {
        v.controls()
            .find(|(t, c)| c.control == control && t.subject_name == on)
            .map(|(_, c)| c.clone())
            .unwrap_or_else(|| panic!("no {control} on {on}"))
    };
    let logging = find("checkov CKV_AWS_18", "Invoice bucket");
    assert_eq!(logging.state, ControlState::Failing);
    assert_eq!(logging.failures[0].resource, "InvoiceBucket");
    let pitr = find("checkov CKV_AWS_28", "Orders table");
    assert_eq!(pitr.state, ControlState::Passing);
    assert_eq!(
        pitr.detail,
        "checkov checked CKV_AWS_28 on OrdersTable: passed"
    );
    // CKV_AWS_63 is checked on roles: the function's role passed it.
    let actions = find("checkov CKV_AWS_63", "Orders function");
    assert!(
        actions.detail.contains("on OrdersFunctionRole: passed"),
        "{}",
        actions.detail
    );

    // A control whose rule checkov ran only on other resources does not apply here.
    let mut p = project.clone();
    let (key, record) = p
        .threats
        .iter_mut()
        .find(|(k, _)| {
            k.rule_id() == "stride.store.tampering" && p_subject_is(k, &project, "Orders table")
        })
        .expect("the table's tampering decision");
    let _ = key;
    record.controls = vec![Control::Scanner {
        tool: "checkov".into(),
        rule: "CKV_AWS_18".into(),
        resources: vec![],
    }];
    let a = analyze(&p, &Catalogue::builtin().expect("rules"));
    let junit = evidence::load(&sample("evidence/checkov.junit.xml")).expect("checkov JUnit");
    let v = evidence::verify(&p, &a, &[junit], &[], "2026-12-02");
    let (_, c) = v
        .controls()
        .find(|(t, c)| c.control == "checkov CKV_AWS_18" && t.subject_name == "Orders table")
        .expect("the new control");
    assert_eq!(c.state, ControlState::NotRun, "{}", c.detail);
    assert!(c.detail.contains("other resource"), "{}", c.detail);
}

fn p_subject_is(k: &ThreatKey, p: &Project, name: &str) -> bool {
    p.subject_name(k.parts().1) == Some(name)
}
