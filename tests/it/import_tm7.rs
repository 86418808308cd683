//! Microsoft Threat Modeling Tool (.tm7) import: the files in tests/fixtures/interop/tm7,
//! counted against a separate plain reading of the XML; hostile and broken files.

use crate::common;

use std::path::{Path, PathBuf};

use common::{import_refused, stderr, stdout, threatboard};
use proptest::prelude::*;
use threatboard::io::import;
use threatboard::model::*;

fn tm7_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/interop/tm7");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/interop/tm7 exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "tm7"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "the shared TMT files are there");
    files
}

fn tm7(name: &str) -> (String, PathBuf) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/interop/tm7")
        .join(name);
    (std::fs::read_to_string(&path).expect("readable"), path)
}

/// What the file holds, by plain string counting of the part before the KnowledgeBase
/// (not the importer's XML reading).
#[derive(Debug, PartialEq)]
struct Counts {
    diagrams: usize,
    elements: usize,
    flows: usize,
    boundaries: usize,
    notes: usize,
    threats: usize,
    justifications: usize,
    decisions: usize,
}

fn source_counts(text: &str) -> Counts {
    let body = &text[..text.find("<KnowledgeBase").unwrap_or(text.len())];
    let n = |needle: &str| body.matches(needle).count();
    let annotations = body
        .split("i:type=\"StencilRectangle\"")
        .skip(1)
        .filter(|rest| {
            rest.split("</GenericTypeId>")
                .next()
                .is_some_and(|g| g.ends_with("GE.A"))
        })
        .count();
    // Justifications: a StateInformation property with a value.
    let justifications = body
        .split("<a:Key>StateInformation</a:Key>")
        .skip(1)
        .filter(|rest| rest.starts_with("<a:Value>") && !rest.starts_with("<a:Value></a:Value>"))
        .count();
    let states = |s: &str| n(&format!("State>{s}</"));
    Counts {
        diagrams: n("<DrawingSurfaceModel "),
        elements: n("i:type=\"StencilEllipse\"")
            + n("i:type=\"StencilParallelLines\"")
            + n("i:type=\"StencilRectangle\"")
            - annotations,
        flows: n("i:type=\"Connector\""),
        boundaries: n("i:type=\"BorderBoundary\"") + n("i:type=\"LineBoundary\""),
        notes: annotations,
        threats: n("<b:InteractionKey>"),
        justifications,
        decisions: states("Mitigated") + states("NotApplicable") + states("NeedsInvestigation"),
    }
}

fn imported_counts(p: &Project) -> Counts {
    let stand_in = |e: &Element| e.name.starts_with("Unconnected ");
    Counts {
        diagrams: p.diagrams.len(),
        elements: p
            .diagrams
            .iter()
            .flat_map(|d| &d.elements)
            .filter(|e| !stand_in(e))
            .count(),
        flows: p.diagrams.iter().map(|d| d.flows.len()).sum(),
        boundaries: p.diagrams.iter().map(|d| d.boundaries.len()).sum(),
        notes: p.diagrams.iter().map(|d| d.notes.len()).sum(),
        threats: p.manual_threats.len(),
        justifications: p
            .manual_threats
            .iter()
            .filter(|t| !t.record.justification.is_empty() || !t.record.mitigation.is_empty())
            .count(),
        decisions: p
            .manual_threats
            .iter()
            .filter(|t| t.record.status != Status::Open)
            .count(),
    }
}

#[test]
fn every_shared_tm7_file_imports_completely() {
    for path in tm7_files() {
        let text = std::fs::read_to_string(&path).expect("readable");
        assert_eq!(import::detect(&text), Some(import::Format::Tm7), "{path:?}");
        let (project, report) = import::import(&text, &path).expect("imports");
        let want = source_counts(&text);
        assert_eq!(imported_counts(&project), want, "{path:?}");
        assert_eq!(report.threats, want.threats);
        // Every threat sits on a flow or element of the project.
        for t in &project.manual_threats {
            assert!(project.subject_name(&t.subject).is_some(), "{}", t.title);
        }
        // Saved and read back unchanged.
        let saved = threatboard::io::to_canonical_string(&project).expect("serialises");
        assert_eq!(
            threatboard::io::load_str(&saved, &path).expect("loads"),
            project
        );
    }
}

fn element<'a>(p: &'a Project, name: &str) -> &'a Element {
    p.diagrams
        .iter()
        .flat_map(|d| &d.elements)
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("element {name:?}"))
}

fn flow<'a>(p: &'a Project, name: &str) -> &'a Flow {
    p.diagrams
        .iter()
        .flat_map(|d| &d.flows)
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("flow {name:?}"))
}

#[test]
fn names_types_properties_positions_and_decisions_are_carried_over() {
    let (text, path) = tm7("autocert-threat-model.tm7");
    let (p, _) = import::import(&text, &path).expect("imports");
    // The stencil type becomes the technology; kinds from the stencil shape.
    let api = element(&p, "kube-apiserver");
    assert_eq!(api.kind(), ElementKind::Process);
    assert_eq!(api.technology, "Web Service");
    let ado = element(&p, "ADO Pipelines");
    assert_eq!(ado.kind(), ElementKind::ExternalEntity);
    assert!(matches!(&ado.props, ElementProps::ExternalEntity(x) if x.actor == Actor::Human));
    assert_eq!(p.layout.elements[&ado.id].w, 100.0);
    // Out of scope with its reason.
    let create = flow(&p, "Create a pod");
    assert!(create.out_of_scope);
    assert_eq!(
        create.out_of_scope_reason,
        "standard aks/k8s control plane operation that we don't control"
    );
    // HTTPS: its static attributes and the protocol.
    assert_eq!(create.protocol, "HTTPS");
    assert!(create.encrypted && create.integrity_protected && create.authenticates_destination);
    // The line boundary: an internet boundary with its end points (and its bend).
    let line = p.diagrams[0]
        .boundaries
        .iter()
        .find(|b| b.name == "AKS/k8s Control Plane Boundary")
        .expect("line boundary");
    assert_eq!(line.boundary_type, BoundaryType::Internet);
    match &p.layout.boundaries[&line.id] {
        BoundaryShape::Line(pts) => {
            assert_eq!(pts.first(), Some(&Pos::new(516.0, 91.0)));
            assert_eq!(pts.last(), Some(&Pos::new(445.0, 395.0)));
        }
        other => panic!("expected a line, got {other:?}"),
    }
    // A justification that real files keep under Properties/StateInformation.
    let t = p
        .manual_threats
        .iter()
        .find(|t| t.record.justification == "inter process call, no direct memory access")
        .expect("the justification is kept");
    assert_eq!(t.record.status, Status::NotApplicable);
    assert_eq!(t.category, Category::Stride(Stride::Tampering));
    assert_eq!(t.title, "pod Process Memory Tampered");
    assert_eq!(t.severity, Severity::High);
    assert_eq!(t.record.decided_by, "AzureAD\\JackMa");
    assert_eq!(
        flow(&p, "request cert token with k8s service account token")
            .id
            .to_string(),
        t.subject.as_str()
    );
    let mitigated = p
        .manual_threats
        .iter()
        .filter(|t| t.record.status == Status::Mitigated)
        .count();
    assert_eq!(mitigated, 12);
    assert!(
        p.manual_threats
            .iter()
            .filter(|t| t.record.status == Status::Mitigated)
            .all(|t| !t.record.mitigation.is_empty())
    );
}

#[test]
fn nested_boundaries_stay_nested_and_stores_get_their_type() {
    let (text, path) = tm7("startleft-MTMT_nested_tz.tm7");
    let (p, report) = import::import(&text, &path).expect("imports");
    let region = |name: &str| {
        let b = p.diagrams[0]
            .boundaries
            .iter()
            .find(|b| b.name == name)
            .unwrap_or_else(|| panic!("{name}"));
        match &p.layout.boundaries[&b.id] {
            BoundaryShape::Region(r) => (*r, b.boundary_type),
            other => panic!("{other:?}"),
        }
    };
    let (outer, _) = region("Generic Trust Border Boundary");
    let (inner, kind) = region("Sandbox environment");
    assert_eq!(kind, BoundaryType::Sandbox);
    assert!(outer.contains(Pos::new(inner.x, inner.y)));
    assert!(outer.contains(Pos::new(inner.x + inner.w, inner.y + inner.h)));
    let mongo = element(&p, "Sandbox Mongo");
    assert!(inner.contains(p.layout.elements[&mongo.id].center()));
    assert!(matches!(&mongo.props, ElementProps::DataStore(s) if s.store_type == StoreType::NoSql));
    // The flow TMT left with a loose end on Main Application's edge is connected to it,
    // and the report says so.
    assert!(
        report
            .kept
            .iter()
            .any(|k| k.contains("Production data") && k.contains("Main Application"))
    );
    let main = element(&p, "Main Application");
    assert_eq!(flow(&p, "Production data").source, main.id);
    // "Contains Cookies" is left at the template's default (Yes): unknown, not a fact.
    assert!(!flow(&p, "Sandbox data").contains_cookies);
}

/// A template property still at its default is not a fact: the SDL template answers
/// "Contains Cookies: Yes" for every new flow, and nobody changed it on these; so no flow
/// carries cookies and cross-site request forgery is raised nowhere. An answer the user
/// gave (the first option changed) is kept; a stencil type's one-option property (HTTPS
/// provides confidentiality) is the type's fact, not a default.
#[test]
fn template_defaults_are_not_facts() {
    let (text, path) = tm7("startleft-MTMT_nested_tz.tm7");
    let (p, _) = import::import(&text, &path).expect("imports");
    let flows: Vec<&Flow> = p.diagrams.iter().flat_map(|d| &d.flows).collect();
    assert!(!flows.is_empty());
    assert!(flows.iter().all(|f| !f.contains_cookies), "{flows:#?}");
    assert!(
        flows
            .iter()
            .all(|f| !f.description.contains("Contains Cookies")),
        "a default is not written down as a fact"
    );
    let catalogue = threatboard::analysis::Catalogue::builtin().expect("catalogue");
    let a = threatboard::analysis::analyze(&p, &catalogue);
    assert!(
        !a.findings
            .iter()
            .any(|f| f.rule_id() == "cross-site-request-forgery"),
        "{:?}",
        a.findings.iter().map(|f| &f.title).collect::<Vec<_>>()
    );
    // The same file with the user's answer changed from the default: a fact again.
    let answered = text.replacen(
        "<b:DisplayName>Contains Cookies</b:DisplayName><b:Name>Cookies</b:Name><b:Value i:type=\"a:ArrayOfstring\"><a:string>Yes</a:string><a:string>No</a:string></b:Value><b:SelectedIndex>0</b:SelectedIndex>",
        "<b:DisplayName>Contains Cookies</b:DisplayName><b:Name>Cookies</b:Name><b:Value i:type=\"a:ArrayOfstring\"><a:string>No</a:string><a:string>Yes</a:string></b:Value><b:SelectedIndex>1</b:SelectedIndex>",
        1,
    );
    assert_ne!(answered, text, "the fixture has the default");
    let (p, _) = import::import(&answered, &path).expect("imports");
    assert_eq!(
        p.diagrams
            .iter()
            .flat_map(|d| &d.flows)
            .filter(|f| f.contains_cookies)
            .count(),
        1
    );
}

/// The Threat Modeling Tool's `AutoGenerated` threats are its output, not the team's: they
/// carry their provenance, are counted apart from the threats, and `check` names them and
/// does not fail on them unless asked.
#[test]
fn autogenerated_threats_are_counted_apart_and_not_gated() {
    let (text, path) = tm7("startleft-MTMT_nested_tz.tm7");
    let (p, _) = import::import(&text, &path).expect("imports");
    assert_eq!(p.manual_threats.len(), 16);
    assert!(
        p.manual_threats
            .iter()
            .all(|t| t.generated_by == "Microsoft Threat Modeling Tool")
    );
    let catalogue = threatboard::analysis::Catalogue::builtin().expect("catalogue");
    let a = threatboard::analysis::analyze(&p, &catalogue);
    assert_eq!(a.summary.imported_generated, 16);
    assert_eq!(a.summary.imported_generated_open, 16);
    assert_eq!(a.summary.total, a.threats().count() - 16);
    let f = a.imported_generated().next().expect("one");
    assert_eq!(
        f.provenance().as_deref(),
        Some("generated by Microsoft Threat Modeling Tool, not assessed")
    );
    assert!(!a.open_at_or_above(Severity::Low).any(|f| f.is_manual()));
    assert_eq!(
        a.open_at_or_above_with(Severity::Low, true)
            .filter(|f| f.is_manual())
            .count(),
        16
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("model.ron");
    let o = threatboard(&[
        "import",
        path.to_str().unwrap_or(""),
        "-o",
        out.to_str().unwrap_or(""),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let model = out.to_str().unwrap_or("");
    let o = threatboard(&["check", model, "--fail-on", "low"]);
    let said = stdout(&o);
    assert!(
        said.contains(
            "16 threats imported from Microsoft Threat Modeling Tool, not assessed, not gated"
        ),
        "{said}"
    );
    assert!(!said.contains("open high threat mt_tm7"), "{said}");
    let o = threatboard(&[
        "check",
        model,
        "--fail-on",
        "low",
        "--include-imported-generated",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(stdout(&o).contains("manual@mt_tm7_"), "{}", stdout(&o));
}

#[test]
fn the_cli_imports_a_tm7_file_by_its_content() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (text, _) = tm7("autocert-threat-model.tm7");
    // No telling extension: the content decides.
    let input = dir.path().join("model.xml");
    std::fs::write(&input, text).expect("write");
    let out = dir.path().join("model.ron");
    let o = threatboard(&[
        "import",
        input.to_str().unwrap_or(""),
        "-o",
        out.to_str().unwrap_or(""),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("6 flows"), "{}", stdout(&o));
    assert!(stdout(&o).contains("16 threats"), "{}", stdout(&o));
    // The authors' 16 threats are listed as theirs; no generated threat on "request cert"
    // repeats one of them beside it (the stencils' static "Unmanaged" code type, which
    // raised memory corruption there, is the template's, not a fact).
    let o = threatboard(&["analyze", out.to_str().unwrap_or(""), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("json");
    let findings = json["findings"].as_array().expect("findings");
    assert_eq!(
        findings.iter().filter(|f| f["manual"] == true).count(),
        16,
        "{}",
        stdout(&o)
    );
    assert!(
        !findings.iter().any(|f| f["manual"] == false
            && f["baseline"] == false
            && f["subject_name"]
                .as_str()
                .is_some_and(|n| n.contains("request cert"))),
        "{}",
        stdout(&o)
    );
}

#[test]
fn broken_and_hostile_tm7_files_are_refused_clearly() {
    let (text, _) = tm7("autocert-threat-model.tm7");
    // Truncated: not well-formed, with a position.
    let err = import_refused("bad.tm7", &text[..text.len() / 2]);
    assert!(err.contains("not well-formed XML"), "{err}");
    assert!(err.contains(":1:"), "a line and column: {err}");
    // Billion laughs: a DTD is never expanded.
    let laughs = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">{}]><ThreatModel xmlns=\"http://schemas.datacontract.org/2004/07/ThreatModeling.Model\">&lol9;</ThreatModel>",
        (1..10)
            .map(|i| format!(
                "<!ENTITY lol{i} \"{}\">",
                format!("&lol{};", i - 1)
                    .repeat(10)
                    .replace("&lol0;", "&lol;")
            ))
            .collect::<String>()
    );
    let err = import_refused("bad.tm7", &laughs);
    assert!(
        err.contains("DTD") || err.contains("not well-formed"),
        "{err}"
    );
    // Well-formed XML that is not a TMT model.
    let err = import_refused("bad.tm7", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    assert!(err.contains("not a model Threatboard can import"), "{err}");
    // A flow whose stencil has no coordinates.
    let broken = text
        .replacen("<Left xmlns", "<Lefty xmlns", 1)
        .replacen("</Left>", "</Lefty>", 1);
    let err = import_refused("bad.tm7", &broken);
    assert!(err.contains("Left/Top/Width/Height"), "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Cut, overwritten or spliced anywhere, a .tm7 file gives a project or an error, never
    /// a panic.
    #[test]
    fn mutated_tm7_files_never_panic(cut in 0.0f64..1.0, at in 0.0f64..1.0, junk in "[<>/a-zA-Z:=\" ]{0,12}") {
        let (text, path) = tm7("startleft-MTMT_nested_tz.tm7");
        let body_end = text.find("<KnowledgeBase").unwrap_or(text.len());
        let mutated = common::splice(&text, body_end, cut, at, &junk);
        let _ = import::import(&mutated, &path);
    }
}

/// Every drawing-surface tab becomes a diagram (built from a real file by copying its tab
/// with fresh ids, as TMT's "copy diagram" does).
#[test]
fn every_diagram_tab_becomes_a_diagram() {
    let (text, path) = tm7("startleft-MTMT_nested_tz.tm7");
    let start = text.find("<DrawingSurfaceModel").expect("a tab");
    let close = "</DrawingSurfaceModel>";
    let end = text.find(close).expect("its end") + close.len();
    let tab = &text[start..end];
    let marker =
        "<Guid xmlns=\"http://schemas.datacontract.org/2004/07/ThreatModeling.Model.Abstracts\">";
    let mut copy = tab.replacen("Diagram 1</b:Value>", "Second tab</b:Value>", 1);
    for piece in tab.split(marker).skip(1) {
        let guid = piece.split('<').next().unwrap_or("");
        if guid.len() == 36 {
            copy = copy.replace(guid, &format!("copy-{}", &guid[5..]));
        }
    }
    let doubled = format!("{}{copy}{}", &text[..end], &text[end..]);
    let (p, report) = import::import(&doubled, &path).expect("imports");
    assert_eq!(report.diagrams, 2);
    assert_eq!(p.diagrams[1].name, "Second tab");
    assert_eq!(p.diagrams[0].elements.len(), p.diagrams[1].elements.len());
    assert_eq!(p.diagrams[0].flows.len(), p.diagrams[1].flows.len());
    assert_eq!(
        p.diagrams[0].boundaries.len(),
        p.diagrams[1].boundaries.len()
    );
    // The threats name the first tab's flows and stay there.
    let first: Vec<&str> = p.diagrams[0].flows.iter().map(|f| f.id.as_str()).collect();
    assert!(
        p.manual_threats
            .iter()
            .all(|t| first.contains(&t.subject.as_str()))
    );
}

/// A crafted file of millions of empty elements is refused before it fills memory, with
/// the file named.
#[test]
fn a_flood_of_xml_nodes_is_refused() {
    let n = threatboard::io::tm7::MAX_XML_NODES as usize + 10;
    let mut text = String::with_capacity(n * 4 + 200);
    text.push_str(
        "<ThreatModel xmlns=\"http://schemas.datacontract.org/2004/07/ThreatModeling.Model\">",
    );
    for _ in 0..n {
        text.push_str("<a/>");
    }
    text.push_str("</ThreatModel>");
    let e = import::import(&text, Path::new("flood.tm7")).expect_err("refused");
    let msg = e.to_string();
    assert!(msg.contains("flood.tm7") && msg.contains("nodes"), "{msg}");
}

/// A "Code Type" the stencil fixes (the SDL template's "Web Application" says Unmanaged
/// for every web application) is the template's assumption, not the team's: it comes in as
/// unknown, so no memory-corruption threat rests on it. A chosen one still counts.
#[test]
fn a_static_code_type_is_the_templates_not_the_teams() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/corpus/web-app-google-auth-cloud.tm7");
    let text = std::fs::read_to_string(&path).expect("readable");
    assert!(text.contains("StaticListDisplayAttribute\" xmlns:b=\"http://schemas.datacontract.org/2004/07/ThreatModeling.KnowledgeBase\"><b:DisplayName>Code Type"));
    let (p, _) = threatboard::io::tm7::import(&text, &path).expect("imports");
    let web = p
        .diagrams
        .iter()
        .flat_map(|d| &d.elements)
        .find(|e| e.name.starts_with("Amazon") && e.name.ends_with("application"))
        .expect("the web application");
    let ElementProps::Process(props) = &web.props else {
        panic!("a process")
    };
    assert_eq!(props.code_type, CodeType::Unspecified);
    let a = threatboard::analysis::analyze(
        &p,
        &threatboard::analysis::Catalogue::builtin().expect("catalogue"),
    );
    assert!(
        !a.threats().any(|f| f.rule_id() == "memory-corruption"),
        "no memory corruption from the template's assumption"
    );
}
