//! Threat Dragon import and export, and diagrams as SVG and PNG.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{sample, stderr, stdout, threatboard};
use serde_json::Value;
use threatboard::io::threat_dragon;
use threatboard::model::*;

fn td(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/interop/threat-dragon")
        .join(name)
}

fn import(name: &str) -> (Project, threat_dragon::ImportReport, Value) {
    let path = td(name);
    let text = fs::read_to_string(&path).expect("Threat Dragon file");
    let (p, r) = threat_dragon::import(&text, &path).unwrap_or_else(|e| panic!("{e}"));
    (p, r, serde_json::from_str(&text).expect("json"))
}

/// Counts of cells by shape and of threats in a Threat Dragon file.
fn source_counts(doc: &Value) -> (usize, usize, usize, usize, usize) {
    let (mut elements, mut flows, mut boundaries, mut notes, mut threats) = (0, 0, 0, 0, 0);
    for d in doc["detail"]["diagrams"].as_array().expect("diagrams") {
        for c in d["cells"].as_array().expect("cells") {
            match c["shape"].as_str().expect("shape") {
                "actor" | "process" | "store" => elements += 1,
                "flow" => flows += 1,
                "trust-boundary-box" | "trust-boundary-curve" => boundaries += 1,
                "td-text-block" => notes += 1,
                s => panic!("shape {s}"),
            }
            threats += c["data"]["threats"].as_array().map_or(0, Vec::len);
        }
    }
    (elements, flows, boundaries, notes, threats)
}

fn element<'a>(p: &'a Project, name: &str) -> &'a Element {
    p.diagrams
        .iter()
        .flat_map(|d| &d.elements)
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("{name}"))
}

#[test]
fn the_three_threat_dragon_files_import_completely() {
    for name in [
        "three-tier-web-app.json",
        "v2-new-model.json",
        "v2-threat-model.json",
    ] {
        let (p, report, doc) = import(name);
        let (elements, flows, boundaries, notes, threats) = source_counts(&doc);
        let count = |f: fn(&Diagram) -> usize| p.diagrams.iter().map(f).sum::<usize>();
        assert_eq!(count(|d| d.elements.len()), elements, "{name} elements");
        assert_eq!(count(|d| d.flows.len()), flows, "{name} flows");
        assert_eq!(
            count(|d| d.boundaries.len()),
            boundaries,
            "{name} boundaries"
        );
        assert_eq!(count(|d| d.notes.len()), notes, "{name} notes");
        assert_eq!(p.manual_threats.len(), threats, "{name} threats");
        assert_eq!(report.threats, threats);
        assert_eq!(
            p.meta.title,
            doc["summary"]["title"].as_str().expect("title")
        );
    }
}

#[test]
fn properties_positions_and_threats_are_carried_over() {
    let (p, report, _) = import("v2-threat-model.json");
    assert_eq!(p.meta.owner, "Mike Goodwin");
    assert_eq!(p.meta.reviewers[0].name, "Jane Smith");
    assert!(
        p.meta.description.contains("Tom Brown"),
        "contributors are kept"
    );
    let config = element(&p, "Worker Config");
    match &config.props {
        ElementProps::DataStore(s) => {
            assert!(s.stores_credentials && !s.encrypted_at_rest && !s.stores_logs)
        }
        _ => panic!("a store"),
    }
    assert_eq!(
        p.layout.elements[&config.id],
        Rect::new(685.0, 420.0, 160.0, 80.0)
    );
    let worker = element(&p, "Background\nWorker Process");
    assert_eq!(worker.kind(), ElementKind::Process);
    let t = p
        .manual_threats
        .iter()
        .find(|t| t.title == "Accessing DB credentials")
        .expect("threat");
    assert_eq!(t.subject, config.id.as_str());
    assert_eq!(
        (t.category.clone(), t.severity, t.record.status),
        (
            Category::Stride(Stride::InformationDisclosure),
            Severity::High,
            Status::Open
        )
    );
    assert!(
        t.record
            .mitigation
            .starts_with("Encrypt the DB credentials")
    );
    let put = p.diagrams[0]
        .flows
        .iter()
        .find(|f| f.name == "Put Message")
        .expect("flow");
    assert!(!put.encrypted && !put.public_network);
    assert_eq!(p.layout.waypoints[&put.id], vec![Pos::new(351.0, 120.0)]);
    // The "Web Request" flow's source was left unconnected next to the browser.
    assert!(
        report
            .kept
            .iter()
            .any(|k| k.contains("Web Request") && k.contains("Browser"))
    );
    let curves = p
        .layout
        .boundaries
        .values()
        .filter(|s| matches!(s, BoundaryShape::Line(_)))
        .count();
    assert_eq!(curves, 3);
    // Out-of-scope flags come across.
    let oos = p.diagrams[0]
        .elements
        .iter()
        .filter(|e| e.out_of_scope)
        .count()
        + p.diagrams[0]
            .flows
            .iter()
            .filter(|f| f.out_of_scope)
            .count();
    assert!(oos >= 1);

    let (p, report, _) = import("three-tier-web-app.json");
    let names: Vec<&str> = p.diagrams[0]
        .boundaries
        .iter()
        .map(|b| b.name.as_str())
        .collect();
    assert!(
        names.contains(&"Internet"),
        "boundary box names come from their label: {names:?}"
    );
    let scored = p
        .manual_threats
        .iter()
        .find(|t| t.title == "Store Sensitive Data")
        .expect("threat");
    assert!(scored.description.contains("Threat Dragon score: 7.5"));
    assert!(report.kept.iter().any(|k| k.contains("score")));
}

#[test]
fn import_export_import_gives_the_same_project() {
    for name in [
        "three-tier-web-app.json",
        "v2-new-model.json",
        "v2-threat-model.json",
    ] {
        let (p1, _, _) = import(name);
        let exported = serde_json::to_string(&threat_dragon::export(&p1)).expect("json");
        let (p2, _) = threat_dragon::import(&exported, Path::new("exported.json"))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(p1, p2, "{name}");
    }
}

#[test]
fn exports_satisfy_threat_dragons_schema() {
    let schema: Value = serde_json::from_str(
        &fs::read_to_string(td("threat-dragon-v2.schema.json")).expect("schema"),
    )
    .expect("json");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let mut projects: Vec<Project> = ["three-tier-web-app.json", "v2-threat-model.json"]
        .iter()
        .map(|n| import(n).0)
        .collect();
    projects.extend(
        common::samples()
            .iter()
            .map(|s| threatboard::io::load(s).expect("sample")),
    );
    for p in projects {
        let doc = threat_dragon::export(&p);
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", p.meta.title);
    }
}

#[test]
fn other_methodologies_keep_their_categories_as_text() {
    let text = fs::read_to_string(td("v2-threat-model.json")).expect("file");
    let mut doc: Value = serde_json::from_str(&text).expect("json");
    doc["detail"]["diagrams"][0]["diagramType"] = Value::from("LINDDUN");
    let cells = doc["detail"]["diagrams"][0]["cells"]
        .as_array_mut()
        .expect("cells");
    let store = cells
        .iter_mut()
        .find(|c| c["shape"] == "store")
        .expect("store");
    store["data"]["threats"][0]["type"] = Value::from("Linking");
    let (p, report) =
        threat_dragon::import(&doc.to_string(), Path::new("linddun.json")).expect("imports");
    assert!(
        p.manual_threats
            .iter()
            .any(|t| t.category == Category::Other("Linking".into()))
    );
    assert!(report.kept.iter().any(|k| k.contains("LINDDUN")));
}

#[test]
fn broken_threat_dragon_files_are_refused_clearly() {
    let text = fs::read_to_string(td("v2-threat-model.json")).expect("file");
    let doc: Value = serde_json::from_str(&text).expect("json");
    let with = |f: &dyn Fn(&mut Value)| {
        let mut d = doc.clone();
        f(&mut d);
        threat_dragon::import(&d.to_string(), Path::new("broken.json"))
            .expect_err("refused")
            .to_string()
    };
    let e = with(&|d| d["detail"]["diagrams"][0]["cells"][0]["shape"] = Value::from("hexagon"));
    assert!(
        e.contains("unknown shape") && e.contains("hexagon") && e.contains("broken.json"),
        "{e}"
    );
    let e = with(&|d| {
        let cells = d["detail"]["diagrams"][0]["cells"]
            .as_array_mut()
            .expect("cells");
        let flow = cells
            .iter_mut()
            .find(|c| c["shape"] == "flow" && c["source"].get("cell").is_some())
            .expect("flow");
        flow["target"] = serde_json::json!({"cell": "no-such-cell"});
    });
    assert!(e.contains("no-such-cell"), "{e}");
    let e = with(&|d| d["version"] = Value::from("1.6.0"));
    assert!(e.contains("v2"), "{e}");
    let e = threat_dragon::import(
        "{\"version\": \"2.3.0\",\n  \"detail\": [",
        Path::new("cut.json"),
    )
    .expect_err("refused")
    .to_string();
    assert!(e.starts_with("cut.json:2:"), "{e}");
    // The CLI gives the same message and exit 2.
    let dir = tempfile::tempdir().expect("tmp");
    let bad = dir.path().join("bad.json");
    fs::write(&bad, "{ not json").expect("write");
    let o = threatboard(&[
        "import",
        bad.to_str().expect("utf-8"),
        "-o",
        dir.path().join("x.ron").to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("bad.json:1:"), "{}", stderr(&o));
}

#[test]
fn cli_import_then_export_round_trip() {
    let dir = tempfile::tempdir().expect("tmp");
    let ron = dir.path().join("m.ron");
    let o = threatboard(&[
        "import",
        td("v2-threat-model.json").to_str().expect("utf-8"),
        "-o",
        ron.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("14 threats"), "{}", stdout(&o));
    assert!(stdout(&o).contains("kept:"), "the import report is printed");
    let json = dir.path().join("m.json");
    let o = threatboard(&[
        "export",
        ron.to_str().expect("utf-8"),
        "--format",
        "threat-dragon",
        "-o",
        json.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let again = dir.path().join("again.ron");
    assert_eq!(
        threatboard(&[
            "import",
            json.to_str().expect("utf-8"),
            "-o",
            again.to_str().expect("utf-8")
        ])
        .status
        .code(),
        Some(0)
    );
    assert_eq!(
        threatboard::io::load(&ron).expect("a"),
        threatboard::io::load(&again).expect("b")
    );
}

#[test]
fn svg_has_one_shape_per_element_and_png_has_the_requested_size() {
    let dir = tempfile::tempdir().expect("tmp");
    let src = sample("web-shop.ron");
    let p = threatboard::io::load(&src).expect("sample");
    let svg_path = dir.path().join("d.svg");
    let o = threatboard(&[
        "export",
        src.to_str().expect("utf-8"),
        "--format",
        "svg",
        "--diagram",
        "Context and checkout",
        "-o",
        svg_path.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let svg = fs::read_to_string(&svg_path).expect("svg");
    let xml = roxmltree::Document::parse(&svg).expect("valid XML");
    let elements: Vec<_> = xml
        .descendants()
        .filter(|n| n.attribute("class") == Some("element"))
        .collect();
    assert_eq!(elements.len(), p.diagrams[0].elements.len());
    for e in &p.diagrams[0].elements {
        assert_eq!(
            elements
                .iter()
                .filter(|n| n.attribute("id") == Some(e.id.as_str()))
                .count(),
            1,
            "{}",
            e.name
        );
    }
    let root = xml.root_element();
    let width: f32 = root
        .attribute("width")
        .expect("width")
        .parse()
        .expect("number");
    let height: f32 = root
        .attribute("height")
        .expect("height")
        .parse()
        .expect("number");
    let png_path = dir.path().join("d.png");
    let o = threatboard(&[
        "export",
        src.to_str().expect("utf-8"),
        "--format",
        "png",
        "--scale",
        "1.5",
        "-o",
        png_path.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let png =
        resvg::tiny_skia::Pixmap::decode_png(&fs::read(&png_path).expect("png")).expect("decodes");
    assert_eq!(
        (png.width(), png.height()),
        ((width * 1.5).ceil() as u32, (height * 1.5).ceil() as u32)
    );
    // Not blank: some pixels are dark (text, outlines).
    assert!(png.pixels().iter().filter(|px| px.red() < 80).count() > 1000);
    let o = threatboard(&[
        "export",
        src.to_str().expect("utf-8"),
        "--format",
        "svg",
        "--diagram",
        "Nope",
        "-o",
        svg_path.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("Context and checkout"),
        "lists the diagrams: {}",
        stderr(&o)
    );
}

/// Threat Dragon registers (and so writes) old curves as `trust-broundary-curve`.
#[test]
fn the_misspelt_boundary_curve_threat_dragon_writes_is_read() {
    let text = fs::read_to_string(td("v2-threat-model.json")).expect("readable");
    let mut doc: Value = serde_json::from_str(&text).expect("json");
    let mut renamed = 0;
    for dg in doc["detail"]["diagrams"].as_array_mut().expect("diagrams") {
        for cell in dg["cells"].as_array_mut().expect("cells") {
            if cell["shape"] == "trust-boundary-curve" {
                cell["shape"] = Value::from("trust-broundary-curve");
                renamed += 1;
            }
        }
    }
    assert!(renamed > 0, "the file has boundary curves");
    let (original, _) = threat_dragon::import(&text, Path::new("v2.json")).expect("imports");
    let (misspelt, _) = threat_dragon::import(&doc.to_string(), Path::new("v2.json"))
        .expect("the misspelt shape is accepted");
    assert_eq!(misspelt, original);
}

fn v1(name: &str) -> (String, PathBuf) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/threat-dragon-v1")
        .join(name);
    (fs::read_to_string(&path).expect("fixture"), path)
}

/// Threat Dragon 1.x files (as the 1.x app saved them; see tests/fixtures/.../SOURCE.txt)
/// import with everything the file holds, counted by cell type in the file.
#[test]
fn threat_dragon_1x_files_import_completely() {
    for name in ["demo-threat-model.json", "enter-the-dragon-4.json"] {
        let (text, path) = v1(name);
        let doc: Value = serde_json::from_str(&text).expect("json");
        let (p, report) =
            threatboard::io::import::import(&text, &path).unwrap_or_else(|e| panic!("{e}"));
        let diagrams = doc["detail"]["diagrams"].as_array().expect("diagrams");
        assert_eq!(p.diagrams.len(), diagrams.len(), "{name}");
        let cells: Vec<&Value> = diagrams
            .iter()
            .filter_map(|d| d.pointer("/diagramJson/cells").and_then(Value::as_array))
            .flatten()
            .collect();
        let count = |t: &str| cells.iter().filter(|c| c["type"] == t).count();
        let total = |f: fn(&Diagram) -> usize| p.diagrams.iter().map(f).sum::<usize>();
        assert_eq!(
            total(|d| d.elements.len()),
            count("tm.Actor") + count("tm.Process") + count("tm.Store"),
            "{name}"
        );
        assert_eq!(total(|d| d.flows.len()), count("tm.Flow"), "{name}");
        assert_eq!(
            total(|d| d.boundaries.len()),
            count("tm.Boundary"),
            "{name}"
        );
        let threats: usize = cells
            .iter()
            .map(|c| c["threats"].as_array().map_or(0, Vec::len))
            .sum();
        assert_eq!(p.manual_threats.len(), threats, "{name}");
        assert_eq!(report.threats, threats);
    }
    let (text, path) = v1("demo-threat-model.json");
    let (p, _) = threatboard::io::import::import(&text, &path).expect("imports");
    let d = &p.diagrams[0];
    let config = d
        .elements
        .iter()
        .find(|e| e.name == "Worker Config")
        .expect("store");
    assert!(matches!(&config.props, ElementProps::DataStore(s) if s.stores_credentials));
    let request = d
        .flows
        .iter()
        .find(|f| f.name == "Web Request")
        .expect("flow");
    assert!(request.encrypted && request.public_network);
    let t = p
        .manual_threats
        .iter()
        .find(|t| t.title == "Accessing DB credentials")
        .expect("threat");
    assert_eq!(t.subject, config.id.as_str());
    assert_eq!(t.category, Category::Stride(Stride::InformationDisclosure));
    assert!(
        t.record
            .mitigation
            .starts_with("Encrypt the DB credentials")
    );
    assert!(
        d.boundaries
            .iter()
            .all(|b| matches!(p.layout.boundaries[&b.id], BoundaryShape::Line(_)))
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, ..proptest::prelude::ProptestConfig::default() })]

    /// Cut or spliced anywhere, a Threat Dragon file (2.x or 1.x) gives a project or an
    /// error, never a panic.
    #[test]
    fn mutated_threat_dragon_files_never_panic(
        old in proptest::prelude::any::<bool>(),
        cut in 0.0f64..1.0,
        at in 0.0f64..1.0,
        junk in "[-:{}\\[\\],\"a-z0-9 ]{0,16}",
    ) {
        let (text, path) = if old {
            v1("demo-threat-model.json")
        } else {
            let p = td("v2-threat-model.json");
            (fs::read_to_string(&p).expect("file"), p)
        };
        let mutated = common::splice(&text, text.len(), cut, at, &junk);
        let _ = threatboard::io::import::import(&mutated, &path);
    }
}

/// Real Threat Dragon files attach flows to trust-boundary boxes and copy threats with their
/// ids (the Uptane model in tests/fixtures/corpus does both): the flow's end becomes one
/// stand-in entity named after the boundary, each copied threat gets an id of its own, and
/// every threat is kept.
#[test]
fn flows_on_boundary_boxes_and_copied_threat_ids_are_imported() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/corpus/uptane-ota-strawman.json");
    let text = fs::read_to_string(&path).expect("fixture");
    let (p, report) = threat_dragon::import(&text, &path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(p.manual_threats.len(), 86);
    let stand_ins: Vec<&Element> = p
        .diagrams
        .iter()
        .flat_map(|d| &d.elements)
        .filter(|e| e.id.as_str().ends_with("-end"))
        .collect();
    // One flow on a boundary box in each of its two diagrams.
    let names: Vec<&str> = stand_ins.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        ["Target ECU Trust Boundary", "Image Trust Boundary"],
        "one per boundary, named after it"
    );
    assert!(
        report
            .kept
            .iter()
            .any(|k| k.contains("is on the trust boundary")),
        "{:?}",
        report.kept
    );
    assert!(
        report
            .kept
            .iter()
            .any(|k| k.contains("is used by another threat")),
        "{:?}",
        report.kept
    );
}

/// A minimal Threat Dragon 2 model with the given cells.
fn td_model(cells: serde_json::Value) -> String {
    serde_json::json!({
        "version": "2.2.0",
        "summary": {"title": "loose"},
        "detail": {"contributors": [], "diagrams": [{
            "id": 0, "title": "Main", "diagramType": "STRIDE", "version": "2.2.0",
            "cells": cells
        }]}
    })
    .to_string()
}

fn td_box(id: &str, shape: &str, name: &str, x: f32, y: f32) -> serde_json::Value {
    serde_json::json!({"id": id, "shape": shape, "position": {"x": x, "y": y},
        "size": {"width": 140, "height": 100}, "data": {"name": name}})
}

/// Teams leave arrows short of their boxes: an end near one element, or pointing at one a
/// little further on, is connected to it (and said so); an end near nothing, or as near to
/// two elements, gets a stand-in and its flow comes in out of scope.
#[test]
fn threat_dragon_loose_ends_join_the_element_they_were_meant_for() {
    let cells = serde_json::json!([
        td_box("ui", "process", "Frontend UI", 0.0, 0.0),
        td_box("api", "process", "Web App Server", 600.0, 0.0),
        td_box("far", "store", "Archive", 2000.0, 2000.0),
        // 40 units right of the UI; 110 units short of the server, pointing at it.
        {"id": "f1", "shape": "flow", "source": {"x": 180, "y": 50}, "target": {"x": 490, "y": 50},
         "data": {"name": "Sends order details"}},
        // Both ends in empty space far from everything.
        {"id": "f2", "shape": "flow", "source": {"x": 1000, "y": 900}, "target": {"x": 1100, "y": 1000},
         "data": {"name": "Nowhere"}}
    ]);
    let (p, report) =
        threatboard::io::threat_dragon::import(&td_model(cells), Path::new("loose.json"))
            .expect("imports");
    let d = &p.diagrams[0];
    let f1 = d
        .flows
        .iter()
        .find(|f| f.name == "Sends order details")
        .expect("f1");
    assert_eq!((f1.source.as_str(), f1.target.as_str()), ("ui", "api"));
    assert!(!f1.out_of_scope);
    assert!(
        report
            .kept
            .iter()
            .any(|k| k.contains("Sends order details") && k.contains("Web App Server")),
        "{:?}",
        report.kept
    );
    let f2 = d.flows.iter().find(|f| f.name == "Nowhere").expect("f2");
    for end in [&f2.source, &f2.target] {
        let e = d.elements.iter().find(|e| &e.id == end).expect("end");
        assert!(e.is_loose_end_stand_in(), "{} joined to nothing", e.name);
    }
}

/// A flow left with the tool's default name takes the text block written beside it; a flow
/// with a name of its own keeps it; a boundary's label names no flow.
#[test]
fn threat_dragon_unnamed_flows_take_the_text_beside_them() {
    let text = |id: &str, t: &str, x: f32, y: f32| {
        serde_json::json!({"id": id, "shape": "td-text-block", "position": {"x": x, "y": y},
            "size": {"width": 100, "height": 30}, "data": {"name": t}})
    };
    let cells = serde_json::json!([
        td_box("app", "process", "Web Application", 0.0, 0.0),
        td_box("db", "store", "Database", 600.0, 0.0),
        td_box("user", "actor", "Users", 0.0, 600.0),
        {"id": "q", "shape": "flow", "source": {"cell": "app"}, "target": {"cell": "db"},
         "data": {"name": "Data Flow"}},
        {"id": "r", "shape": "flow", "source": {"cell": "user"}, "target": {"cell": "app"},
         "data": {"name": "Login"}},
        text("t1", "SQL Query Calls", 320.0, 20.0),
        text("t2", "web Server Boundary", 10.0, 300.0)
    ]);
    let (p, report) =
        threatboard::io::threat_dragon::import(&td_model(cells), Path::new("labels.json"))
            .expect("imports");
    let names: Vec<&str> = p.diagrams[0]
        .flows
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert!(names.contains(&"SQL Query Calls"), "{names:?}");
    assert!(names.contains(&"Login"), "{names:?}");
    assert!(
        report
            .kept
            .iter()
            .any(|k| k.contains("named \"SQL Query Calls\""))
    );
}

/// Issue #31: a flow Threat Dragon attached to a trust-boundary box drawn around one
/// element goes to that element (reported); a box around none or several keeps the
/// stand-in named after the boundary.
#[test]
fn a_flow_on_a_boundary_box_around_one_element_goes_to_that_element() {
    let model = |around: &str| {
        let cell = |shape: &str, id: &str, x: f32, y: f32, w: f32, h: f32| {
            serde_json::json!({"shape": shape, "id": id,
                "position": {"x": x, "y": y}, "size": {"width": w, "height": h},
                "data": {"type": "tm.X", "name": id, "description": "", "threats": []}})
        };
        let mut cells = vec![
            cell("actor", "user", 0.0, 0.0, 100.0, 50.0),
            cell("process", "api", 300.0, 0.0, 100.0, 50.0),
            cell("store", "db", 300.0, 200.0, 100.0, 50.0),
            serde_json::json!({"shape": "flow", "id": "calls",
                "source": {"cell": "user"}, "target": {"cell": "box"},
                "data": {"type": "tm.Flow", "name": "calls", "description": "", "threats": []}}),
        ];
        let h = if around == "one" { 100.0 } else { 300.0 };
        cells.push(cell("trust-boundary-box", "box", 280.0, -20.0, 140.0, h));
        serde_json::json!({"version": "2.2.0",
            "summary": {"title": "t", "owner": "", "description": "", "id": 0},
            "detail": {"contributors": [], "reviewer": "", "diagrams": [{"id": 0,
                "title": "d", "diagramType": "STRIDE", "version": "2.2.0", "cells": cells}]}})
        .to_string()
    };
    let path = Path::new("boundary-ends.json");
    let (p, report) = threat_dragon::import(&model("one"), path).unwrap_or_else(|e| panic!("{e}"));
    let flow = &p.diagrams[0].flows[0];
    assert_eq!(flow.target.as_str(), "api", "{:?}", report.kept);
    assert!(
        report
            .kept
            .iter()
            .any(|k| k.contains("connected to \"api\"")),
        "{:?}",
        report.kept
    );
    let (p, _) = threat_dragon::import(&model("two"), path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        p.diagrams[0].flows[0].target.as_str(),
        "box-end",
        "a stand-in"
    );
}
