//! AWS Threat Composer export, validated against Threat Composer's own published schema
//! (tests/fixtures/threat-composer, copied from its repository).

use crate::common;

use std::collections::HashSet;
use std::path::Path;

use common::{stderr, threatboard};
use serde_json::Value;

fn schema() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/threat-composer/threat-composer-v1.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("schema")).expect("json")
}

fn export(sample: &Path) -> Value {
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("model.tc.json");
    let o = threatboard(&[
        "export",
        sample.to_str().unwrap_or(""),
        "--format",
        "threat-composer",
        "-o",
        out.to_str().unwrap_or(""),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_str(&std::fs::read_to_string(&out).expect("written")).expect("json")
}

fn arr<'a>(v: &'a Value, k: &str) -> &'a [Value] {
    v[k].as_array().map_or(&[], Vec::as_slice)
}

#[test]
fn exports_validate_against_threat_composers_schema() {
    let schema = schema();
    // The parts of the schema the export relies on are what we think they are.
    let statuses = schema
        .pointer("/properties/threats/items/properties/status/enum")
        .and_then(Value::as_array)
        .expect("the schema lists threat statuses");
    for s in [
        "threatIdentified",
        "threatResolved",
        "threatResolvedNotUseful",
    ] {
        assert!(statuses.iter().any(|x| x == s), "{s} is a status");
    }
    let required = schema
        .pointer("/properties/threats/items/required")
        .and_then(Value::as_array)
        .expect("required threat fields");
    assert!(
        required.iter().all(|r| r == "id" || r == "numericId"),
        "{required:?}"
    );
    assert_eq!(
        schema.pointer("/additionalProperties"),
        Some(&Value::Bool(false)),
        "unknown keys are refused"
    );
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    for sample in common::samples() {
        let doc = export(&sample);
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{sample:?}: {errors:?}");
        // The validator does refuse what Threat Composer refuses: an unknown key.
        let mut bad = doc.clone();
        bad["threats"][0]["severity"] = Value::from("high");
        assert!(!validator.is_valid(&bad));
        // One threat per threat the analysis lists, the checklist left out.
        let project = threatboard::io::load(&sample).expect("sample");
        let catalogue = threatboard::analysis::Catalogue::builtin().expect("rules");
        let analysis = threatboard::analysis::analyze(&project, &catalogue);
        assert_eq!(
            arr(&doc, "threats").len(),
            analysis.threats().count(),
            "{sample:?}"
        );
        // Links point at entities that exist; ids are unique.
        let ids: HashSet<&str> = ["threats", "mitigations", "assumptions"]
            .iter()
            .flat_map(|k| arr(&doc, k))
            .filter_map(|e| e["id"].as_str())
            .collect();
        let total: usize = ["threats", "mitigations", "assumptions"]
            .iter()
            .map(|k| arr(&doc, k).len())
            .sum();
        assert_eq!(ids.len(), total, "ids are unique");
        for l in arr(&doc, "mitigationLinks") {
            assert!(ids.contains(l["mitigationId"].as_str().unwrap_or("")));
            assert!(ids.contains(l["linkedId"].as_str().unwrap_or("")));
        }
        // Every recorded mitigation is carried, linked to its threat.
        let recorded = analysis
            .threats()
            .filter(|f| !f.record.mitigation.trim().is_empty())
            .count();
        assert_eq!(arr(&doc, "mitigations").len(), recorded, "{sample:?}");
        assert_eq!(
            arr(&doc, "assumptions").len(),
            project.meta.assumptions.len()
        );
    }
}

#[test]
fn a_threat_reads_as_a_threat_composer_statement() {
    let doc = export(&common::sample("web-shop.ron"));
    let threats = arr(&doc, "threats");
    let t = threats
        .iter()
        .find(|t| {
            t["statement"]
                .as_str()
                .is_some_and(|s| s.contains("Session cache"))
        })
        .expect("a threat about the session cache");
    let statement = t["statement"].as_str().unwrap_or("");
    assert!(
        statement.starts_with("A ") || statement.starts_with("An "),
        "{statement}"
    );
    assert!(statement.contains(" can "), "{statement}");
    assert!(statement.contains("resulting in reduced "), "{statement}");
    let stride = t["metadata"]
        .as_array()
        .and_then(|m| m.iter().find(|x| x["key"] == "STRIDE"))
        .expect("STRIDE metadata");
    assert_eq!(stride["value"].as_array().map(Vec::len), Some(1));
    // Exporting twice gives the same ids (keys, not random UUIDs).
    let again = export(&common::sample("web-shop.ron"));
    assert_eq!(arr(&again, "threats")[0]["id"], threats[0]["id"]);
    // The diagram travels as the data flow image.
    assert!(
        doc.pointer("/dataflow/image")
            .and_then(Value::as_str)
            .is_some_and(|i| i.starts_with("data:image/png;base64,"))
    );
}
