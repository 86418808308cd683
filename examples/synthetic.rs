//! Writes a synthetic project (see `threatboard::synthetic`) as a Threatboard file and as
//! a plain JSON description another tool can rebuild the same system from.
//!
//! `cargo run --release --example synthetic -- 1000 /tmp/synthetic` writes
//! `/tmp/synthetic.ron` and `/tmp/synthetic.json`.

use std::path::PathBuf;

use serde_json::json;
use threatboard::model::{BoundaryShape, ElementProps};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().unwrap_or_else(|| "1000".into()).parse()?;
    let stem = PathBuf::from(args.next().unwrap_or_else(|| "synthetic".into()));
    let p = threatboard::synthetic::project(n);
    threatboard::io::save(&stem.with_extension("ron"), &p)?;

    let d = &p.diagrams[0];
    let boundary_of = |id: &threatboard::model::ElementId| {
        let c = p.layout.elements[id].center();
        d.boundaries.iter().position(|b| {
            matches!(p.layout.boundaries.get(&b.id), Some(BoundaryShape::Region(r)) if r.contains(c))
        })
    };
    let elements: Vec<_> = d
        .elements
        .iter()
        .map(|e| {
            let (kind, props) = match &e.props {
                ElementProps::Process(pp) => ("process", json!({
                    "sanitizes_input": pp.sanitizes_input,
                    "authenticates_callers": pp.authenticates_callers,
                    "authorizes_callers": pp.authorizes_callers,
                    "is_web_application": pp.is_web_application,
                    "unmanaged": pp.code_type == threatboard::model::CodeType::Unmanaged,
                })),
                ElementProps::DataStore(sp) => ("data_store", json!({
                    "sql": sp.store_type == threatboard::model::StoreType::Sql,
                    "stores_logs": sp.stores_logs,
                    "stores_credentials": sp.stores_credentials,
                    "encrypted": sp.encrypted_at_rest,
                })),
                ElementProps::ExternalEntity(ep) => ("external_entity", json!({
                    "human": ep.actor == threatboard::model::Actor::Human,
                    "authenticates_itself": ep.authenticates_itself,
                })),
            };
            json!({"id": e.id.as_str(), "name": e.name, "kind": kind, "boundary": boundary_of(&e.id), "props": props})
        })
        .collect();
    let flows: Vec<_> = d
        .flows
        .iter()
        .map(|f| {
            json!({
                "name": f.name, "source": f.source.as_str(), "target": f.target.as_str(),
                "protocol": f.protocol, "encrypted": f.encrypted,
                "authenticates_source": f.authenticates_source,
            })
        })
        .collect();
    let boundaries: Vec<_> = d.boundaries.iter().map(|b| b.name.clone()).collect();
    let doc = json!({"elements": elements, "flows": flows, "boundaries": boundaries});
    std::fs::write(stem.with_extension("json"), serde_json::to_string(&doc)?)?;
    println!(
        "wrote {} and {} ({} elements, {} flows, {} boundaries)",
        stem.with_extension("ron").display(),
        stem.with_extension("json").display(),
        d.elements.len(),
        d.flows.len(),
        d.boundaries.len()
    );
    Ok(())
}
