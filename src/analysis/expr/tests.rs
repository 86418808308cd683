//! Tests of `expr`, kept apart so the module reads as what it does.
use super::*;
use crate::model::{DataClass, Element, ElementKind, ElementProps, Flow};

fn facts(e: &Element) -> ElementFacts<'_> {
    ElementFacts {
        inputs: 1,
        reached_across_boundary: true,
        called: true,
        ..ElementFacts::blank(e)
    }
}

fn eval_flow(
    src: &str,
    flow: &Flow,
    crossed_types: u8,
    source: &Element,
    target: &Element,
) -> bool {
    let cond = compile(src, Subject::Flow).unwrap_or_else(|e| panic!("{src}: {e}"));
    let ff = FlowFacts {
        crossed: if crossed_types == 0 { vec![] } else { vec![0] },
        crossed_types,
        ..FlowFacts::words(flow)
    };
    let (s, t) = (facts(source), facts(target));
    cond.eval(&Env {
        element: None,
        flow: Some((flow, &ff)),
        source: Some(&s),
        target: Some(&t),
    })
}

#[test]
fn kind_masks_leave_out_only_the_pairs_kind_tests_rule_out() {
    use crate::model::ElementKind::{DataStore, ExternalEntity, Process};
    let bit = |s, t| 1u16 << (kind_index(s) * 3 + kind_index(t));
    let mask = |src: &str| compile(src, Subject::Flow).expect("valid").flow_kind_mask();
    assert_eq!(
        mask("source.kind == process and target.kind == data_store and flow.encrypted"),
        bit(Process, DataStore)
    );
    // An unknown fact in an `or` keeps every source kind.
    assert_eq!(
        mask("(source.kind == external_entity or source.third_party) and target.kind == process"),
        bit(Process, Process) | bit(DataStore, Process) | bit(ExternalEntity, Process)
    );
    assert_eq!(
        mask("not (source.kind == process) and target.kind != data_store"),
        bit(DataStore, Process)
            | bit(DataStore, ExternalEntity)
            | bit(ExternalEntity, Process)
            | bit(ExternalEntity, ExternalEntity)
    );
    assert_eq!(mask("flow.encrypted"), 0b1_1111_1111);
    // `source.kind == target.kind` compares two properties: not a kind test.
    assert_eq!(mask("source.kind == target.kind"), 0b1_1111_1111);
}

#[test]
fn conditions_evaluate_with_precedence_and_types() {
    let p = Element::new(ElementKind::Process, "API");
    let mut db = Element::new(ElementKind::DataStore, "DB");
    db.technology = "PostgreSQL 16".into();
    if let ElementProps::DataStore(s) = &mut db.props {
        s.store_type = crate::model::StoreType::Sql;
    }
    let mut f = Flow::new("q", p.id.clone(), db.id.clone());
    f.classification = DataClass::Confidential;
    let internet = 1 << 1;
    let cases = [
        ("flow.crosses_boundary and not flow.encrypted", true),
        ("flow.encrypted or target.store_type == sql", true),
        ("not flow.encrypted and flow.encrypted or true", true),
        ("not (flow.encrypted or true)", false),
        ("flow.classification >= confidential", true),
        ("flow.classification > confidential", false),
        ("target.technology contains \"postgres\"", true),
        ("target.technology contains \"mysql\"", false),
        ("source.kind == process and target.kind != process", true),
        ("source.kind == target.kind", false),
        ("flow.crosses.internet", true),
        ("flow.crosses.machine", false),
        ("source.stores_logs", false),
        ("target.inputs >= 1", true),
        ("flow.boundaries_crossed == 1", true),
    ];
    for (src, expected) in cases {
        assert_eq!(eval_flow(src, &f, internet, &p, &db), expected, "{src}");
    }
}

#[test]
fn errors_name_the_place_and_what_was_expected() {
    let err = |src: &str, subject| compile(src, subject).expect_err(src);
    let e = err("flow.crosses_boundary and not flow.encryptd", Subject::Flow);
    assert_eq!((e.line, e.col), (1, 36), "{e}");
    assert!(e.message.contains("did you mean `encrypted`"), "{e}");
    let e = err("flow.classification >= topsecret", Subject::Flow);
    assert_eq!(e.col, 24);
    assert!(e.message.contains("confidential"), "{e}");
    let e = err("flow.encrypted and\n  (flow.public_network", Subject::Flow);
    assert_eq!(e.line, 2, "{e}");
    assert!(e.message.contains("expected `)`"), "{e}");
    assert!(
        err("element.encrypted_at_rest", Subject::Flow)
            .message
            .contains("not `element.`")
    );
    assert!(
        err("flow.encrypted", Subject::Element)
            .message
            .contains("element.")
    );
    assert!(
        err("flow.classification", Subject::Flow)
            .message
            .contains("not true/false")
    );
    assert!(
        err("flow.encrypted = true", Subject::Flow)
            .message
            .contains("==")
    );
    assert!(
        err("flow.encrypted >= true", Subject::Flow)
            .message
            .contains("cannot be ordered")
    );
    assert!(
        err("flow.crosses.moon", Subject::Flow)
            .message
            .contains("internet")
    );
    assert!(
        err("flow.name contains 3", Subject::Flow)
            .message
            .contains("text")
    );
    assert!(
        err("system(\"rm -rf /\")", Subject::Flow)
            .message
            .contains("not a property")
    );
    assert!(
        err("", Subject::Flow)
            .message
            .contains("expected a property")
    );
    assert!(
        err(&"not ".repeat(100), Subject::Flow)
            .message
            .contains("nested")
    );
    assert!(
        err(
            &format!("{}true{}", "(".repeat(50), ")".repeat(50)),
            Subject::Flow
        )
        .message
        .contains("nested")
    );
}
