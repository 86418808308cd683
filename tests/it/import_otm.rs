//! Open Threat Model import (JSON and YAML, 0.1.0 and 0.2.0) and export, on the files in
//! tests/fixtures/interop (copied from ../shared/interop); broken and hostile files.

use crate::common;

use std::path::{Path, PathBuf};

use common::{import_refused, stderr, stdout, threatboard};
use proptest::prelude::*;
use serde_json::Value;
use threatboard::io::{import, otm};
use threatboard::model::*;

fn otm_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/interop");
    let mut files = Vec::new();
    for dir in ["otm", "tm7"] {
        for e in std::fs::read_dir(root.join(dir)).expect("tests/fixtures/interop exists") {
            let p = e.expect("entry").path();
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let model = name.ends_with(".json") || name.ends_with(".yaml");
            if model && (dir == "otm" || name.contains(".otm.")) {
                files.push(p);
            }
        }
    }
    files.sort();
    assert!(
        files.len() >= 4,
        "the shared OTM files are there: {files:?}"
    );
    files
}

/// The file read plainly (serde): zones, components, dataflows and threat instances.
fn source(text: &str) -> Value {
    if text.trim_start().starts_with('{') {
        serde_json::from_str(text).expect("json")
    } else {
        serde_yaml_ng::from_str(text).expect("yaml")
    }
}

fn arr<'a>(v: &'a Value, k: &str) -> &'a [Value] {
    v.get(k)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

#[test]
fn every_shared_otm_file_imports_completely() {
    for path in otm_files() {
        let text = std::fs::read_to_string(&path).expect("readable");
        assert_eq!(import::detect(&text), Some(import::Format::Otm), "{path:?}");
        let (p, _) = import::import(&text, &path).unwrap_or_else(|e| panic!("{e}"));
        let doc = source(&text);
        let d = &p.diagrams[0];
        let components = arr(&doc, "components");
        let parents: Vec<&str> = components
            .iter()
            .filter_map(|c| c.pointer("/parent/component").and_then(Value::as_str))
            .collect();
        let holders = components
            .iter()
            .filter(|c| parents.contains(&c["id"].as_str().unwrap_or("")))
            .count();
        // Every component is an element, or a region when others sit in it.
        let stand_ins = d
            .elements
            .iter()
            .filter(|e| e.id.as_str().ends_with("-node"))
            .count();
        assert_eq!(
            d.elements.len() - stand_ins,
            components.len() - regions_from_components(&p, &doc),
            "{path:?}"
        );
        assert!(regions_from_components(&p, &doc) >= holders, "{path:?}");
        assert_eq!(d.flows.len(), arr(&doc, "dataflows").len(), "{path:?}");
        let declared_zones = arr(&doc, "trustZones").len();
        assert!(d.boundaries.len() >= declared_zones, "{path:?}");
        let instances: usize = components
            .iter()
            .chain(arr(&doc, "dataflows"))
            .map(|c| arr(c, "threats").len())
            .sum();
        assert_eq!(p.manual_threats.len(), instances, "{path:?}");
        // Each element lies inside the region of its parent zone or component.
        for c in components {
            let name = c["name"].as_str().unwrap_or("");
            let parent = c
                .pointer("/parent/trustZone")
                .or_else(|| c.pointer("/parent/component"));
            let Some(parent) = parent else { continue };
            if !d.elements.iter().any(|e| e.name == name) {
                continue; // drawn as a region
            }
            let Some(zone) = d.boundaries.iter().find(|b| {
                arr(&doc, "trustZones").iter().chain(components).any(|z| {
                    Some(&z["id"]) == Some(parent) && z["name"].as_str() == Some(b.name.as_str())
                })
            }) else {
                continue;
            };
            if let Some(BoundaryShape::Region(r)) = p.layout.boundaries.get(&zone.id) {
                // (Names repeat: one of the elements of that name lies there.)
                let inside = d
                    .elements
                    .iter()
                    .filter(|e| e.name == name)
                    .any(|e| r.contains(p.layout.elements[&e.id].center()));
                assert!(inside, "{name} in {}", zone.name);
            }
        }
    }
}

/// Components that became regions (their names match a boundary's).
fn regions_from_components(p: &Project, doc: &Value) -> usize {
    let zones: Vec<&str> = arr(doc, "trustZones")
        .iter()
        .filter_map(|z| z["name"].as_str())
        .collect();
    p.diagrams[0]
        .boundaries
        .iter()
        .filter(|b| {
            !zones.contains(&b.name.as_str()) && b.description.contains("holding other components")
        })
        .count()
}

fn file(name: &str) -> (String, PathBuf) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/interop/otm")
        .join(name);
    (std::fs::read_to_string(&path).expect("readable"), path)
}

#[test]
fn threats_assets_kinds_and_nesting_are_carried_over() {
    let (text, path) = file("threatdragon-example-open-threat-model.json");
    let (p, _) = import::import(&text, &path).expect("imports");
    let d = &p.diagrams[0];
    let kind = |n: &str| d.elements.iter().find(|e| e.name == n).map(Element::kind);
    assert_eq!(kind("Web Client"), Some(ElementKind::ExternalEntity));
    assert_eq!(kind("Web Service"), Some(ElementKind::Process));
    assert_eq!(kind("Customer Database"), Some(ElementKind::DataStore));
    let internet = d
        .boundaries
        .iter()
        .find(|b| b.name == "Internet")
        .expect("zone");
    assert_eq!(internet.boundary_type, BoundaryType::Internet);
    // The card-data asset (confidentiality 100) classifies its dataflow.
    let flow = d
        .flows
        .iter()
        .find(|f| f.name.contains("webservice and mongo"))
        .expect("flow");
    assert_eq!(flow.classification, DataClass::Confidential);
    assert!(flow.description.contains("Credit Card Data"));
    let t = p
        .manual_threats
        .iter()
        .find(|t| t.subject == flow.id.as_str())
        .expect("threat on the flow");
    assert_eq!(t.title, "Threat 1");
    assert_eq!(t.category, Category::Stride(Stride::Spoofing));
    assert!(t.description.contains("CWE-79") && t.description.contains("Tampering"));
    assert!(
        t.record
            .mitigation
            .contains("This is the name of mitigation 1"),
        "{}",
        t.record.mitigation
    );

    // startleft's CloudFormation conversion: VPC ⊃ subnets ⊃ services, in YAML (0.1.0).
    let (text, path) = file("startleft-cft_example.otm.yaml");
    let (p, report) = import::import(&text, &path).expect("imports");
    let region = |n: &str| {
        let b = p.diagrams[0]
            .boundaries
            .iter()
            .find(|b| b.name == n)
            .unwrap_or_else(|| panic!("{n}"));
        match p.layout.boundaries[&b.id] {
            BoundaryShape::Region(r) => r,
            _ => panic!("{n} is a region"),
        }
    };
    let (cloud, vpc, subnet) = (
        region("Public Cloud"),
        region("CustomVPC"),
        region("PrivateSubnet1"),
    );
    for (outer, inner) in [(cloud, vpc), (vpc, subnet)] {
        assert!(outer.contains(Pos::new(inner.x, inner.y)));
        assert!(outer.contains(Pos::new(inner.x + inner.w, inner.y + inner.h)));
    }
    assert!(report.kept.iter().any(|k| k.contains("CustomVPC")));
    // No two elements overlap in the laid-out diagram.
    let rects: Vec<Rect> = p.diagrams[0]
        .elements
        .iter()
        .map(|e| p.layout.elements[&e.id])
        .collect();
    for (i, a) in rects.iter().enumerate() {
        for b in &rects[i + 1..] {
            let overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
            assert!(!overlap, "{a:?} overlaps {b:?}");
        }
    }
}

#[test]
fn export_then_import_keeps_what_otm_holds() {
    for sample in ["web-shop.ron", "serverless.ron"] {
        let original = threatboard::io::load(&common::sample(sample)).expect("sample");
        let exported = otm::export(&original);
        assert_eq!(exported["otmVersion"], "0.2.0");
        // Every component and dataflow end refers to something declared.
        let ids: Vec<&str> = arr(&exported, "components")
            .iter()
            .chain(arr(&exported, "trustZones"))
            .filter_map(|c| c["id"].as_str())
            .collect();
        for c in arr(&exported, "components") {
            let parent = c
                .pointer("/parent/trustZone")
                .and_then(Value::as_str)
                .expect("parent zone");
            assert!(ids.contains(&parent), "{parent}");
        }
        let text = serde_json::to_string(&exported).expect("json");
        let (back, _) = import::import(&text, Path::new("x.otm.json"))
            .unwrap_or_else(|e| panic!("{sample}: {e}"));
        let names = |p: &Project| {
            let mut n: Vec<(String, ElementKind)> = p
                .diagrams
                .iter()
                .flat_map(|d| &d.elements)
                .map(|e| (e.name.clone(), e.kind()))
                .collect();
            n.sort();
            n
        };
        assert_eq!(names(&back), names(&original), "{sample}");
        let flows = |p: &Project| p.diagrams.iter().map(|d| d.flows.len()).sum::<usize>();
        assert_eq!(flows(&back), flows(&original));
        assert_eq!(back.manual_threats.len(), original.manual_threats.len());
        let regions = |p: &Project| {
            p.layout
                .boundaries
                .values()
                .filter(|b| matches!(b, BoundaryShape::Region(_)))
                .count()
        };
        assert_eq!(
            back.diagrams[0].boundaries.len(),
            regions(&original) + usize::from(exported_default_zone(&exported))
        );
        // Positions survive (relative in OTM, absolute here).
        let e = &original.diagrams[0].elements[0];
        let same = back.diagrams[0]
            .elements
            .iter()
            .find(|x| x.name == e.name)
            .expect("element");
        let (a, b) = (
            original.layout.elements[&e.id],
            back.layout.elements[&same.id],
        );
        assert!(
            (a.x - b.x).abs() <= 1.0 && (a.y - b.y).abs() <= 1.0,
            "{a:?} vs {b:?}"
        );
    }
}

fn exported_default_zone(v: &Value) -> bool {
    arr(v, "trustZones").iter().any(|z| z["type"] == "default")
}

#[test]
fn the_cli_exports_otm_and_imports_yaml() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("shop.otm.json");
    let o = threatboard(&[
        "export",
        common::sample("web-shop.ron").to_str().unwrap_or(""),
        "--format",
        "otm",
        "-o",
        out.to_str().unwrap_or(""),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("written")).expect("json");
    assert!(!arr(&v, "components").is_empty());
    let (_, yaml) = file("startleft-cft_example.otm.yaml");
    let ron = dir.path().join("cft.ron");
    let o = threatboard(&[
        "import",
        yaml.to_str().unwrap_or(""),
        "-o",
        ron.to_str().unwrap_or(""),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("22 flows"), "{}", stdout(&o));
}

#[test]
fn broken_and_hostile_otm_files_are_refused_clearly() {
    // YAML with a syntax error: line and column.
    let err = import_refused(
        "bad.yaml",
        "otmVersion: 0.2.0\nproject: {name: x\ncomponents: [",
    );
    assert!(err.contains("not valid YAML"), "{err}");
    // An alias bomb is refused, not expanded.
    let mut bomb = String::from("otmVersion: 0.2.0\na: &a [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        let prev = if i == 1 {
            "a".to_owned()
        } else {
            format!("a{}", i - 1)
        };
        bomb.push_str(&format!("a{i}: &a{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
    }
    let err = import_refused("bomb.yaml", &bomb);
    assert!(err.contains("YAML"), "{err}");
    // Parents that loop.
    let looped = r#"{"otmVersion":"0.2.0","project":{"name":"x","id":"x"},
        "trustZones":[{"id":"z1","name":"A","parent":{"trustZone":"z2"}},{"id":"z2","name":"B","parent":{"trustZone":"z1"}}]}"#;
    assert!(import_refused("loop.otm.json", looped).contains("loop"));
    // A dataflow to nowhere.
    let dangling = r#"{"otmVersion":"0.2.0","project":{"name":"x","id":"x"},
        "trustZones":[{"id":"z","name":"Z"}],
        "components":[{"id":"c","name":"C","parent":{"trustZone":"z"}}],
        "dataflows":[{"id":"f","name":"F","source":"c","destination":"ghost"}]}"#;
    let err = import_refused("dangling.otm.json", dangling);
    assert!(err.contains("ghost"), "{err}");
    // A threat instance naming an undefined threat.
    let unknown = r#"{"otmVersion":"0.2.0","project":{"name":"x","id":"x"},
        "trustZones":[{"id":"z","name":"Z"}],
        "components":[{"id":"c","name":"C","parent":{"trustZone":"z"},"threats":[{"threat":"t9","state":"exposed"}]}]}"#;
    assert!(import_refused("unknown.otm.json", unknown).contains("t9"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Cut or spliced anywhere, an OTM file (JSON or YAML) gives a project or an error.
    #[test]
    fn mutated_otm_files_never_panic(yaml in any::<bool>(), cut in 0.0f64..1.0, at in 0.0f64..1.0, junk in "[-:{}\\[\\],\"a-z0-9 \n]{0,16}") {
        let (text, path) = file(if yaml { "startleft-cft_example.otm.yaml" } else { "threatdragon-example-open-threat-model.json" });
        let mutated = common::splice(&text, text.len(), cut, at, &junk);
        let _ = import::import(&mutated, &path);
    }
}

/// A model that imports into something a project may not hold (a name over the limit) is
/// refused naming the imported file, without a line and column: those would point into the
/// generated project text, not into the file the user gave.
#[test]
fn a_refused_import_names_no_place_in_text_the_user_never_saw() {
    let long = "F".repeat(1200);
    let text = format!(
        r#"{{"otmVersion":"0.2.0","project":{{"name":"x","id":"x"}},
        "trustZones":[{{"id":"z","name":"Z"}}],
        "components":[{{"id":"c","name":"C","parent":{{"trustZone":"z"}}}},{{"id":"d","name":"D","parent":{{"trustZone":"z"}}}}],
        "dataflows":[{{"id":"f","name":"{long}","source":"c","destination":"d"}}]}}"#
    );
    let err = import_refused("long.otm.json", &text);
    assert!(err.contains("long.otm.json: the name of"), "{err}");
    assert!(err.contains("1200 characters"), "{err}");
}
