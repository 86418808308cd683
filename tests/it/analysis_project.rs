//! Analysis over whole projects: stable keys, orphans, validation, catalogues, output
//! formats and the `analyze` / `check` commands.

use crate::common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use common::{sample, samples, stderr, stdout, threatboard};
use threatboard::analysis::{self, Catalogue, Level, OrphanReason};
use threatboard::edit::Edit;
use threatboard::model::*;

fn builtin() -> Catalogue {
    Catalogue::builtin().expect("built-in catalogue")
}

fn web_shop() -> Project {
    threatboard::io::load(&sample("web-shop.ron")).expect("sample")
}

fn keys(p: &Project) -> Vec<String> {
    analysis::analyze(p, &builtin())
        .findings
        .iter()
        .map(|f| f.key.to_string())
        .collect()
}

#[test]
fn keys_survive_rename_move_and_reordering() {
    let p = web_shop();
    let before: BTreeSet<String> = keys(&p).into_iter().collect();
    let mut q = p.clone();
    let d = &mut q.diagrams[0];
    for e in &mut d.elements {
        e.name = format!("{} (renamed)", e.name);
    }
    d.elements.reverse();
    d.flows.reverse();
    // Move everything by the same offset: nothing changes which boundaries are crossed.
    for r in q.layout.elements.values_mut() {
        *r = r.translated(37.0, -12.0);
    }
    for shape in q.layout.boundaries.values_mut() {
        if let BoundaryShape::Region(r) = shape {
            *r = r.translated(37.0, -12.0);
        }
    }
    for points in q.layout.waypoints.values_mut() {
        for pt in points {
            pt.x += 37.0;
            pt.y -= 12.0;
        }
    }
    let after: BTreeSet<String> = keys(&q).into_iter().collect();
    assert_eq!(before, after);
    // And the team's decisions stay attached.
    let a = analysis::analyze(&q, &builtin());
    let decided = a.findings.iter().filter(|f| !f.status().is_open()).count();
    assert_eq!(decided, 4, "the sample's four decided records");
    assert!(a.orphaned.is_empty());
}

#[test]
fn output_is_deterministic_and_ordered_by_diagram_subject_category_rule() {
    let p = web_shop();
    let a = analysis::analyze(&p, &builtin());
    let b = analysis::analyze(&p, &builtin());
    assert_eq!(
        threatboard::report::json(&p, &a),
        threatboard::report::json(&p, &b)
    );
    let d = &p.diagrams[0];
    let subject_rank = |s: &str| {
        d.elements
            .iter()
            .position(|e| e.id.as_str() == s)
            .or_else(|| {
                d.flows
                    .iter()
                    .position(|f| f.id.as_str() == s)
                    .map(|i| 1000 + i)
            })
            .expect("subject on the diagram")
    };
    let order: Vec<_> = a
        .findings
        .iter()
        .map(|f| {
            let cat = match &f.category {
                Category::Stride(s) => *s as usize,
                Category::Other(_) => 99,
            };
            (subject_rank(f.subject()), cat)
        })
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
}

#[test]
fn deleting_an_element_orphans_its_records_and_undo_reattaches_them() {
    let mut p = web_shop();
    let browser = p.diagrams[0].elements[0].id.clone();
    // The browser's checkout flow carries a decision; deleting the browser deletes it.
    let checkout = p.diagrams[0]
        .flows
        .iter()
        .find(|f| f.name == "Cart and checkout API calls")
        .expect("checkout flow")
        .id
        .clone();
    let key = ThreatKey::new("client-supplied-amount", &checkout);
    assert!(p.threats.contains_key(&key));
    let undo = Edit::RemoveElement(browser.clone())
        .apply(&mut p)
        .expect("remove");
    let a = analysis::analyze(&p, &builtin());
    let orphan = a
        .orphaned
        .iter()
        .find(|o| o.key == key)
        .expect("orphaned, not dropped");
    assert_eq!(orphan.reason, OrphanReason::SubjectGone);
    assert_eq!(orphan.record.status, Status::Mitigated);
    assert!(
        p.threats.contains_key(&key),
        "the record stays in the project"
    );
    assert!(
        a.validation
            .iter()
            .any(|m| m.code.as_str() == "orphaned-record"
                && m.subject.to_string() == key.to_string())
    );
    undo.apply(&mut p).expect("undo");
    let a = analysis::analyze(&p, &builtin());
    assert!(a.orphaned.is_empty());
    let f = a
        .findings
        .iter()
        .find(|f| f.key == key)
        .expect("re-attached");
    assert_eq!(f.status(), Status::Mitigated);
}

#[test]
fn records_for_rules_that_no_longer_fire_or_do_not_exist_are_reported() {
    let mut p = web_shop();
    let flow = p.diagrams[0]
        .flows
        .iter()
        .find(|f| f.name == "Session lookups")
        .expect("flow")
        .id
        .clone();
    let key = ThreatKey::new("secrets-in-cleartext", &flow);
    assert!(p.threats.contains_key(&key));
    // The team fixes the design: the flow is now encrypted.
    p.diagrams[0]
        .flows
        .iter_mut()
        .find(|f| f.id == flow)
        .expect("flow")
        .encrypted = true;
    p.threats.insert(
        ThreatKey::new("no-such-rule", &flow),
        ThreatRecord::default(),
    );
    let a = analysis::analyze(&p, &builtin());
    let reason = |k: &ThreatKey| a.orphaned.iter().find(|o| &o.key == k).map(|o| o.reason);
    assert_eq!(reason(&key), Some(OrphanReason::NoLongerApplies));
    assert_eq!(
        reason(&ThreatKey::new("no-such-rule", &flow)),
        Some(OrphanReason::UnknownRule)
    );
}

#[test]
fn manual_threats_appear_with_generated_ones() {
    let mut p = web_shop();
    let api = p.diagrams[0]
        .elements
        .iter()
        .find(|e| e.name == "Shop API")
        .expect("Shop API")
        .id
        .clone();
    p.manual_threats.push(ManualThreat {
        id: ManualThreatId::generate(),
        subject: SubjectId::from(&api),
        category: Category::Stride(Stride::Tampering),
        title: "Price tampering at checkout".into(),
        description: "The cart total comes from the browser.".into(),
        severity: Severity::High,
        record: ThreatRecord::default(),
        generated_by: String::new(),
    });
    let a = analysis::analyze(&p, &builtin());
    let manual: Vec<_> = a.findings.iter().filter(|f| f.is_manual()).collect();
    assert_eq!(manual.len(), 1);
    let m = manual[0];
    assert_eq!(m.title, "Price tampering at checkout");
    assert_eq!(m.subject_name(), "Shop API");
    assert_eq!(m.rule_id(), "manual");
    // It sits among the Shop API's tampering threats.
    let i = a
        .findings
        .iter()
        .position(|f| f.is_manual())
        .expect("position");
    assert_eq!(a.findings[i - 1].subject(), m.subject());
}

/// A project built to trigger every validation message once.
#[test]
fn each_validation_message_is_reported() {
    let mut p = Project::new("messy");
    let d0 = p.diagrams[0].id.clone();
    let add = |p: &mut Project, kind, name: &str, x: f32| {
        let e = Element::new(kind, name);
        let id = e.id.clone();
        Edit::InsertElement {
            diagram: d0.clone(),
            index: p.diagrams[0].elements.len(),
            element: Box::new(e),
            rect: Rect::new(x, 0.0, 100.0, 50.0),
        }
        .apply(p)
        .expect("insert");
        id
    };
    let lonely = add(&mut p, ElementKind::Process, "Lonely", 0.0);
    let unnamed = add(&mut p, ElementKind::Process, " ", 200.0);
    let hole = add(&mut p, ElementKind::Process, "Black hole", 400.0);
    let miracle = add(&mut p, ElementKind::Process, "Miracle", 600.0);
    let s1 = add(&mut p, ElementKind::DataStore, "Store", 800.0);
    let s2 = add(&mut p, ElementKind::DataStore, "store", 1000.0);
    let e1 = add(&mut p, ElementKind::ExternalEntity, "User", 1200.0);
    let e2 = add(&mut p, ElementKind::ExternalEntity, "Partner", 1400.0);
    let flows = [
        (miracle.clone(), hole.clone()),
        (s1.clone(), s2.clone()),
        (e1.clone(), e2.clone()),
        (unnamed.clone(), unnamed.clone()),
    ];
    for (s, t) in flows {
        p.diagrams[0].flows.push(Flow::new("f", s, t));
    }
    p.diagrams[0].flows.push(Flow::new(
        "dangling",
        miracle.clone(),
        ElementId::generate(),
    ));
    // Over a public network, so the checklist asks about it (and a decision can answer).
    p.diagrams[0].flows[0].public_network = true;
    let flow_key = ThreatKey::new("stride.flow.tampering", &p.diagrams[0].flows[0].id);
    p.threats.insert(
        flow_key.clone(),
        ThreatRecord {
            status: Status::Accepted,
            ..ThreatRecord::default()
        },
    );
    p.threats.insert(
        ThreatKey::new(
            "stride.flow.tampering",
            SubjectId::try_from("fl_deleted").expect("a valid id"),
        ),
        ThreatRecord::default(),
    );
    p.diagrams[0].elements[0].out_of_scope = true;

    let a = analysis::analyze(&p, &builtin());
    let has = |code: &str, level: Level, subject: &str| {
        a.validation.iter().any(|m| {
            m.code.as_str() == code && m.level == level && m.subject.to_string() == subject
        })
    };
    let dg = p.diagrams[0].id.to_string();
    let dangling = p.diagrams[0].flows[4].id.to_string();
    assert!(has("no-trust-boundary", Level::Warning, &dg));
    assert!(has("element-no-flows", Level::Warning, lonely.as_str()));
    assert!(has("unnamed-element", Level::Warning, unnamed.as_str()));
    assert!(
        has("duplicate-name", Level::Warning, s2.as_str()),
        "names compare case-insensitively"
    );
    assert!(has("black-hole", Level::Warning, hole.as_str()));
    assert!(has("miracle", Level::Warning, miracle.as_str()));
    assert!(has(
        "store-to-store-flow",
        Level::Warning,
        p.diagrams[0].flows[1].id.as_str()
    ));
    assert!(has(
        "entity-to-entity-flow",
        Level::Warning,
        p.diagrams[0].flows[2].id.as_str()
    ));
    assert!(has(
        "flow-self-loop",
        Level::Warning,
        p.diagrams[0].flows[3].id.as_str()
    ));
    assert!(has("flow-missing-end", Level::Error, &dangling));
    assert!(has(
        "missing-justification",
        Level::Error,
        &flow_key.to_string()
    ));
    assert!(has(
        "orphaned-record",
        Level::Warning,
        "stride.flow.tampering@fl_deleted"
    ));
    assert!(has(
        "out-of-scope-without-reason",
        Level::Warning,
        lonely.as_str()
    ));
    // Near misses: a justified acceptance is fine; a process with both inputs and outputs is fine.
    let mut q = p.clone();
    q.threats.get_mut(&flow_key).expect("record").justification = "Risk owner accepted it".into();
    let a = analysis::analyze(&q, &builtin());
    assert!(
        !a.validation
            .iter()
            .any(|m| m.code.as_str() == "missing-justification")
    );
    assert!(
        !a.validation
            .iter()
            .any(|m| m.subject.to_string() == e1.as_str())
    );
}

#[test]
fn custom_catalogue_adds_overrides_and_disables_rules() {
    let dir = tempfile::tempdir().expect("tmp");
    let rules = dir.path().join("rules.ron");
    fs::write(
        &rules,
        r#"(
    format: "threatboard-rules",
    version: 1,
    rules: [
        (
            id: "org.grpc-without-mtls",
            category: Spoofing,
            targets: [Flow],
            when: "flow.protocol contains \"grpc\" and not flow.authenticates_source",
            title: "{flow} uses gRPC without mTLS",
            description: "Our platform standard requires mTLS for gRPC.",
            severity: High,
            references: ["ORG-STD-12"],
        ),
        (
            id: "sql-injection",
            category: Tampering,
            targets: [Flow],
            when: "target.store_type == sql and source.kind == process and not source.sanitizes_input",
            title: "SQL injection into {target}",
            description: "Overridden.",
            severity: Critical,
        ),
    ],
    disable: ["stride.entity.repudiation"],
)"#,
    )
    .expect("write");
    let mut p = web_shop();
    p.diagrams[0].flows[0].protocol = "gRPC".into();
    // The back office stops sanitising input; the Shop API still does.
    let console = p.diagrams[0]
        .elements
        .iter_mut()
        .find(|e| e.name == "Back-office console")
        .expect("console");
    if let ElementProps::Process(props) = &mut console.props {
        props.sanitizes_input = false;
    }
    let cat =
        threatboard::io::rules::read_catalogue(&builtin(), &rules).expect("custom catalogue loads");
    let a = analysis::analyze(&p, &cat);
    assert!(
        a.findings
            .iter()
            .any(|f| f.rule_id() == "org.grpc-without-mtls")
    );
    assert!(
        !a.findings
            .iter()
            .any(|f| f.rule_id() == "stride.entity.repudiation")
    );
    // The overriding rule's condition, severity and text replace the built-in ones.
    let sqli: Vec<_> = a
        .findings
        .iter()
        .filter(|f| f.rule_id() == "sql-injection")
        .collect();
    assert_eq!(sqli.len(), 1, "only the back office's queries: {sqli:?}");
    assert_eq!(sqli[0].subject_name(), "Sales reporting queries");
    assert_eq!(
        (sqli[0].severity, sqli[0].description().as_str()),
        (Severity::Critical, "Overridden.")
    );
    assert_eq!(cat.rules().len(), builtin().rules().len());
}

#[test]
fn a_broken_catalogue_names_rule_line_and_column() {
    let dir = tempfile::tempdir().expect("tmp");
    let rules = dir.path().join("bad-rules.ron");
    fs::write(
        &rules,
        "(\n    format: \"threatboard-rules\",\n    version: 1,\n    rules: [\n        (\n            id: \"org.typo\",\n            category: Tampering,\n            targets: [Flow],\n            when: \"flow.crosses_boundary and not flow.encryptd\",\n            title: \"t\",\n            description: \"d\",\n            severity: Low,\n        ),\n    ],\n)\n",
    )
    .expect("write");
    let err = threatboard::io::rules::read_catalogue(&builtin(), &rules).expect_err("refused");
    let text = err.to_string();
    // Line 9; the condition string starts at column 20; `flow.encryptd` starts 35 characters in.
    assert!(text.contains("bad-rules.ron:9:"), "{text}");
    assert_eq!(err.position, Some((9, 20 + 35)), "{text}");
    assert!(text.contains("rule org.typo"), "{text}");
    assert!(text.contains("did you mean `encrypted`"), "{text}");

    // Via the CLI: exit 2, nothing on stdout.
    let o = threatboard(&[
        "analyze",
        sample("web-shop.ron").to_str().expect("utf-8"),
        "--rules",
        rules.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("rule org.typo"), "{}", stderr(&o));

    for (name, body, expect) in [
        (
            "placeholder.ron",
            r#"(format: "threatboard-rules", version: 1, rules: [(id: "x", category: Spoofing, targets: [Process], title: "{flow}", description: "", severity: Low)])"#,
            "unknown placeholder {flow}",
        ),
        (
            "mixed.ron",
            r#"(format: "threatboard-rules", version: 1, rules: [(id: "x", category: Spoofing, targets: [Process, Flow], title: "", description: "", severity: Low)])"#,
            "either flows or elements",
        ),
        (
            "disable.ron",
            r#"(format: "threatboard-rules", version: 1, disable: ["stride.nope"])"#,
            "not a rule",
        ),
        (
            "dup.ron",
            r#"(format: "threatboard-rules", version: 1, rules: [(id: "x", category: Spoofing, targets: [Flow], title: "", description: "", severity: Low), (id: "x", category: Spoofing, targets: [Flow], title: "", description: "", severity: Low)])"#,
            "two rules",
        ),
        (
            "field.ron",
            r#"(format: "threatboard-rules", version: 1, rules: [(id: "x", category: Spoofing, targets: [Flow], title: "", description: "", severity: Low, colour: 1)])"#,
            "colour",
        ),
        (
            "version.ron",
            r#"(format: "threatboard-rules", version: 9)"#,
            "version 9",
        ),
    ] {
        let path = dir.path().join(name);
        fs::write(&path, body).expect("write");
        let e = threatboard::io::rules::read_catalogue(&builtin(), &path)
            .expect_err(name)
            .to_string();
        assert!(e.contains(expect) && e.contains(name), "{name}: {e}");
    }
}

#[test]
fn a_projects_own_catalogue_is_found_relative_to_the_file() {
    let dir = tempfile::tempdir().expect("tmp");
    fs::create_dir(dir.path().join("rules")).expect("mkdir");
    fs::write(
        dir.path().join("rules/org.ron"),
        r#"(format: "threatboard-rules", version: 1, disable: ["stride.process.spoofing"])"#,
    )
    .expect("write");
    let mut p = web_shop();
    p.catalogue = Some("rules/org.ron".into());
    let path = dir.path().join("model.ron");
    threatboard::io::save(&path, &p).expect("save");
    let o = threatboard(&["analyze", path.to_str().expect("utf-8"), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let rules: BTreeSet<&str> = doc["findings"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(!rules.contains("stride.process.spoofing"));
    assert!(rules.contains("stride.process.tampering"));
}

fn analyze_cli(path: &Path, format: &str) -> String {
    let o = threatboard(&["analyze", path.to_str().expect("utf-8"), "--format", format]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o)
}

#[test]
fn json_output_has_the_documented_fields() {
    for path in samples() {
        let doc: serde_json::Value =
            serde_json::from_str(&analyze_cli(&path, "json")).expect("valid JSON");
        let findings = doc["findings"].as_array().expect("findings");
        assert!(!findings.is_empty());
        for f in findings {
            for field in [
                "key",
                "rule",
                "subject",
                "subject_name",
                "diagram",
                "title",
                "mitigation",
                "justification",
            ] {
                assert!(f[field].is_string(), "{field} in {f}");
            }
            assert!(
                ["S", "T", "R", "I", "D", "E"].contains(&f["category"].as_str().expect("category"))
            );
            assert!(
                ["process", "data_store", "external_entity", "flow"]
                    .contains(&f["subject_kind"].as_str().expect("kind"))
            );
            assert!(
                ["low", "medium", "high", "critical"]
                    .contains(&f["severity"].as_str().expect("severity"))
            );
            assert!(
                Status::ALL
                    .iter()
                    .any(|s| Some(s.snake()) == f["status"].as_str())
            );
        }
        for m in doc["validation"].as_array().expect("validation") {
            for field in ["code", "level", "subject", "message"] {
                assert!(m[field].is_string(), "{field} in {m}");
            }
        }
        // Threats and checklist questions are counted apart, and add up.
        let threats = findings.iter().filter(|f| f["baseline"] == false).count();
        assert_eq!(doc["summary"]["total"].as_u64(), Some(threats as u64));
        assert_eq!(
            doc["summary"]["checklist"].as_u64(),
            Some((findings.len() - threats) as u64)
        );
        for f in findings {
            assert!(
                f["severity_reason"]
                    .as_str()
                    .is_some_and(|r| r.contains(": ")),
                "{f}"
            );
            assert!(f["baseline"].is_boolean());
            assert!(f["flows"].is_array());
        }
    }
}

#[test]
fn csv_output_parses_back_with_one_row_per_finding() {
    let path = sample("web-shop.ron");
    let text = analyze_cli(&path, "csv");
    assert!(
        text.starts_with('\u{feff}'),
        "a UTF-8 byte-order mark for spreadsheets"
    );
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = r.headers().expect("headers").clone();
    assert_eq!(&headers[0], "key");
    let rows: Vec<csv::StringRecord> = r.records().collect::<Result<_, _>>().expect("rows parse");
    let a = analysis::analyze(&web_shop(), &builtin());
    assert_eq!(rows.len(), a.findings.len());
    let title = headers
        .iter()
        .position(|h| h == "title")
        .expect("title column");
    for (row, f) in rows.iter().zip(&a.findings) {
        assert_eq!(&row[0], f.key.to_string());
        assert_eq!(&row[title], f.title);
    }
    // A quote and a comma in a name survive.
    assert!(
        rows.iter()
            .any(|r| r.iter().any(|c| c.contains("Customer's browser")))
    );
}

#[test]
fn sarif_output_has_the_required_fields() {
    let text = analyze_cli(&sample("serverless.ron"), "sarif");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(doc["version"], "2.1.0");
    let run = &doc["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "Threatboard");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let results = run["results"].as_array().expect("results");
    assert!(!results.is_empty());
    for r in results {
        let id = r["ruleId"].as_str().expect("ruleId");
        let index = r["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], id);
        assert!(r["message"]["text"].as_str().is_some_and(|t| !t.is_empty()));
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().expect("level")));
        assert!(
            r["properties"]["severityReason"]
                .as_str()
                .is_some_and(|t| t.contains(": "))
        );
        if r["properties"]["checklist"] == true {
            assert_eq!(r["level"], "note", "checklist questions are notes");
        }
        let loc = &r["locations"][0]["physicalLocation"];
        assert!(
            loc["artifactLocation"]["uri"]
                .as_str()
                .expect("uri")
                .ends_with("serverless.ron")
        );
        assert!(
            loc["region"]["startLine"].as_u64().expect("line") > 1,
            "points at the subject's definition"
        );
    }
}

#[test]
fn markdown_output_has_a_table_row_per_finding() {
    let text = analyze_cli(&sample("web-shop.ron"), "markdown");
    let a = analysis::analyze(&web_shop(), &builtin());
    // The per-diagram tables (the residual-risk register above them has its own rows).
    let listing = &text[text
        .find("## Context and checkout")
        .expect("the diagram's section")..];
    let threat_rows = listing
        .lines()
        .filter(|l| {
            l.starts_with("| ") && !l.starts_with("| Severity") && l.matches(" | ").count() == 7
        })
        .count();
    assert_eq!(threat_rows, a.threats().count());
    assert!(text.contains("## Context and checkout"));
    // The checklist comes apart from the threats, one row per subject with open questions,
    // and one per question asked of several places (naming them all).
    let checklist = text
        .split("### STRIDE checklist")
        .nth(1)
        .expect("a checklist section");
    let open: Vec<_> = a.checklist().filter(|f| f.status().is_open()).collect();
    let subjects: BTreeSet<&str> = open
        .iter()
        .filter(|f| f.also_raised().is_empty())
        .map(|f| f.subject())
        .collect();
    let several = open.iter().filter(|f| !f.also_raised().is_empty()).count();
    let rows = checklist
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Subject"))
        .count();
    assert_eq!(rows, subjects.len() + several);
}

#[test]
fn check_exit_codes() {
    let web = sample("web-shop.ron");
    let web = web.to_str().expect("utf-8");
    // Open high and critical threats: fails at the default level.
    let o = threatboard(&["check", web]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("secrets-in-cleartext@"),
        "{}",
        stdout(&o)
    );
    // Decide every open threat at or above high: passes.
    let mut p = web_shop();
    let a = analysis::analyze(&p, &builtin());
    for f in a.open_at_or_above(Severity::High) {
        p.threats.insert(
            f.key.clone(),
            ThreatRecord {
                status: Status::Mitigated,
                mitigation: "Fixed".into(),
                ..ThreatRecord::default()
            },
        );
    }
    let dir = tempfile::tempdir().expect("tmp");
    let decided = dir.path().join("decided.ron");
    threatboard::io::save(&decided, &p).expect("save");
    let decided_s = decided.to_str().expect("utf-8");
    let o = threatboard(&["check", decided_s]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // Medium ones are still open.
    assert_eq!(
        threatboard(&["check", decided_s, "--fail-on", "medium"])
            .status
            .code(),
        Some(1)
    );
    // A validation error fails the gate whatever the level.
    let key = p.threats.keys().next().expect("a record").clone();
    p.threats.insert(
        key,
        ThreatRecord {
            status: Status::Accepted,
            ..ThreatRecord::default()
        },
    );
    threatboard::io::save(&decided, &p).expect("save");
    let o = threatboard(&["check", decided_s, "--fail-on", "critical"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("missing-justification"),
        "{}",
        stdout(&o)
    );
    // Unreadable input.
    assert_eq!(
        threatboard(&["check", "/nonexistent.ron"]).status.code(),
        Some(2)
    );
    assert_eq!(
        threatboard(&["check", web, "--fail-on", "severe"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn docs_list_every_built_in_rule() {
    let doc = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md"))
        .expect("docs/rules.md");
    for rule in builtin().rules() {
        assert!(
            doc.contains(&format!("`{}`", rule.id)),
            "docs/rules.md does not mention {}",
            rule.id
        );
    }
}

/// `threatboard check big.ron | head -1`: the reader goes away after one line; the gate
/// still gives its verdict by exit code and prints everything in order up to then, with no
/// panic about a broken pipe.
#[test]
fn check_into_a_closed_pipe_still_exits_with_its_verdict() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("big.ron");
    // More than a pipe holds (64 KiB), so the writer meets the closed end.
    threatboard::io::save(&file, &threatboard::synthetic::project(1500)).expect("save");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_threatboard"))
        .args(["check", file.to_str().expect("utf-8 path")])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("reads a line");
    assert!(first.contains(": open "), "{first}");
    let out = child.wait_with_output().expect("exits");
    assert_eq!(out.status.code(), Some(1), "findings at or above high");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");

    // Read whole, the lines come in order and end with the verdict.
    let full = threatboard(&["check", file.to_str().expect("utf-8 path")]);
    let text = stdout(&full);
    let lines: Vec<&str> = text.lines().collect();
    assert!(text.len() > 65_536, "{} bytes", text.len());
    assert!(
        lines[..lines.len() - 1]
            .iter()
            .all(|l| l.contains(": open "))
    );
    assert!(lines[lines.len() - 1].contains(": failed: "), "{text}");
}

#[test]
fn a_rule_may_not_take_the_manual_threats_id() {
    let text = "(format: \"threatboard-rules\", version: 1, rules: [\n\
        (id: \"manual\", category: Spoofing, targets: [Process], title: \"t\", description: \"d\", severity: Low),\n])";
    let e = threatboard::analysis::Catalogue::builtin()
        .expect("rules")
        .merged(text, std::path::Path::new("team-rules.ron"))
        .expect_err("refused");
    let e = e.to_string();
    assert!(e.contains("team-rules.ron:2:"), "{e}");
    assert!(e.contains("written by hand"), "{e}");
}
