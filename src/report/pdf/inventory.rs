//! The appendix's inventory: every element with its properties, every flow with its protection.

use super::*;

/// A property flag as the report states it. The model's flags are booleans whose `false`
/// means "not provided" (see `model::props`): every file the app saved wrote `false` for a
/// flag nobody touched, so a `false` cannot be told from one never recorded. Only `true`
/// is a recorded fact; the rest prints "not recorded", never "no".
pub(super) fn recorded(b: bool) -> &'static str {
    if b { "yes" } else { "not recorded" }
}

/// A flow's protection. A flow with no protocol and no protection flag set was never
/// described (an imported model, a first sketch): "not recorded", not "encrypted no".
pub(super) fn flow_protection(f: &Flow) -> String {
    let flags = [
        ("encrypted", f.encrypted),
        ("integrity protected", f.integrity_protected),
        ("source authenticated", f.authenticates_source),
        ("destination authenticated", f.authenticates_destination),
    ];
    if f.protocol.trim().is_empty() && !flags.iter().any(|(_, b)| *b) {
        return "protocol and protection not recorded".to_owned();
    }
    let named = |set: bool| {
        flags
            .iter()
            .filter(|(_, b)| *b == set)
            .map(|(k, _)| *k)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = vec![if f.protocol.trim().is_empty() {
        "protocol not recorded".to_owned()
    } else {
        f.protocol.clone()
    }];
    let (yes, unknown) = (named(true), named(false));
    if !yes.is_empty() {
        out.push(yes);
    }
    if !unknown.is_empty() {
        out.push(format!("not recorded: {unknown}"));
    }
    out.join("; ")
}

pub(super) fn element_properties(e: &Element) -> String {
    let mut out = Vec::new();
    match &e.props {
        ElementProps::Process(p) => {
            out.push(format!(
                "code {}, runs as {}, isolation {}",
                words_of(&p.code_type),
                words_of(&p.runs_as),
                words_of(&p.isolation)
            ));
            let flags = [
                ("authenticates callers", p.authenticates_callers),
                ("authorizes callers", p.authorizes_callers),
                ("custom authorization", p.custom_authorization),
                ("own protocol", p.custom_protocol),
                ("sanitizes input", p.sanitizes_input),
                ("encodes output", p.sanitizes_output),
                ("audit logging", p.audit_logging),
                ("rate limited", p.rate_limited),
                ("handles secrets", p.handles_secrets),
                ("serves web pages", p.is_web_application),
                ("card payments", p.handles_card_payment),
                ("dynamic code", p.executes_dynamic_code),
            ];
            out.extend(
                flags
                    .iter()
                    .filter(|(_, v)| *v)
                    .map(|(k, _)| (*k).to_owned()),
            );
        }
        ElementProps::DataStore(s) => {
            out.push(format!(
                "{} store, {} data",
                words_of(&s.store_type),
                words_of(&s.classification)
            ));
            let flags = [
                ("stores credentials", s.stores_credentials),
                ("stores logs", s.stores_logs),
                ("encrypted at rest", s.encrypted_at_rest),
                ("signed", s.signed),
                ("backed up", s.backup),
                ("shared", s.shared),
                ("removable", s.removable),
            ];
            out.extend(
                flags
                    .iter()
                    .filter(|(_, v)| *v)
                    .map(|(k, _)| (*k).to_owned()),
            );
        }
        ElementProps::ExternalEntity(x) => {
            out.push(words_of(&x.actor));
            out.push(format!(
                "authenticates itself: {}",
                recorded(x.authenticates_itself)
            ));
            if x.identity_provider {
                out.push("identity provider".into());
            }
            if x.third_party {
                out.push("third party".into());
            }
        }
    }
    out.join("; ")
}

pub(super) fn inventory(w: &mut Writer<'_>, p: &Project) {
    w.page_unless_fresh(PORTRAIT);
    // No heading over nothing: an undescribed scope says so instead.
    w.section("Scope and assumptions");
    if p.meta.scope.trim().is_empty() && p.meta.assumptions.is_empty() {
        w.para(
            "No scope or assumptions were recorded for this model (Project properties).",
            Face::Regular,
            10.0,
            GREY,
        );
    }
    if !p.meta.scope.is_empty() {
        w.para(&p.meta.scope, Face::Regular, 10.0, BLACK);
    }
    for a in &p.meta.assumptions {
        w.para(&format!("• {a}"), Face::Regular, 10.0, BLACK);
    }
    if !p.meta.external_dependencies.is_empty() {
        w.heading("External dependencies", 11.0);
        for d in &p.meta.external_dependencies {
            w.para(&format!("• {d}"), Face::Regular, 10.0, BLACK);
        }
    }
    w.section("Element inventory");
    let ww = w.width();
    let cols = [
        Col {
            title: "Element",
            width: 110.0,
        },
        Col {
            title: "Kind",
            width: 60.0,
        },
        Col {
            title: "Technology",
            width: 90.0,
        },
        Col {
            title: "Properties",
            width: ww - 260.0,
        },
    ];
    let mut rows = Vec::new();
    for d in &p.diagrams {
        for e in &d.elements {
            rows.push(vec![
                Cell::new(e.name.clone()),
                Cell::new(e.kind().label()),
                Cell::new(e.technology.clone()),
                Cell::new(if e.out_of_scope {
                    format!("OUT OF SCOPE: {}", e.out_of_scope_reason)
                } else {
                    element_properties(e)
                }),
            ]);
        }
    }
    w.table(&cols, &rows);
    w.heading("Data flows", 11.0);
    let cols = [
        Col {
            title: "Flow",
            width: 110.0,
        },
        Col {
            title: "From → to",
            width: 150.0,
        },
        Col {
            title: "Protection",
            width: ww - 260.0,
        },
    ];
    let mut rows = Vec::new();
    for d in &p.diagrams {
        for f in &d.flows {
            let name = |id: &ElementId| d.element(id).map_or("?".to_owned(), |e| e.name.clone());
            let protection = format!(
                "{}; {}{}",
                flow_protection(f),
                if f.classification == DataClass::Unspecified {
                    "data classification not recorded".to_owned()
                } else {
                    format!("{} data", words_of(&f.classification))
                },
                if f.out_of_scope {
                    format!("; OUT OF SCOPE: {}", f.out_of_scope_reason)
                } else {
                    String::new()
                }
            );
            rows.push(vec![
                Cell::new(f.name.clone()),
                Cell::new(format!("{} → {}", name(&f.source), name(&f.target))),
                Cell::new(protection),
            ]);
        }
    }
    w.table(&cols, &rows);
}
