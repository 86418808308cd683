//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod model;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn samples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("samples/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        // Block libraries live next to the projects that use them.
        .filter(|p| !p.to_string_lossy().ends_with(".blocks.ron"))
        .collect();
    files.sort();
    files
}

pub fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name)
}

/// Runs the real binary.
pub fn threatboard(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_threatboard"))
        .args(args)
        .output()
        .expect("the threatboard binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs one of poppler's tools (`pdftotext`, `pdfinfo`); without them, one line naming the
/// package to install.
pub fn poppler(tool: &str, args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("{tool} is needed to read the PDF back: apt-get install poppler-utils ({e})")
    })
}

/// The text of a PDF, read back with poppler's `pdftotext` (installed by `.ci/run`).
pub fn pdftotext(pdf: &Path) -> String {
    use std::ffi::OsStr;
    let o = poppler(
        "pdftotext",
        &[
            OsStr::new("-raw"),
            OsStr::new("-enc"),
            OsStr::new("UTF-8"),
            pdf.as_os_str(),
            OsStr::new("-"),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Imports `content` written to a file called `name`, expecting a refusal: exit 2, no
/// output file, an error naming the file. Returns the error text.
pub fn import_refused(name: &str, content: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join(name);
    std::fs::write(&input, content).expect("write");
    let out = dir.path().join("out.ron");
    let o = threatboard(&[
        "import",
        input.to_str().unwrap_or(""),
        "-o",
        out.to_str().unwrap_or(""),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(!out.exists(), "nothing is written");
    let err = stderr(&o);
    assert!(err.contains(name), "the error names the file: {err}");
    err
}

/// `text` with the part between the fractions `cut` and `at` of `end` bytes (in either
/// order, snapped to character boundaries) replaced by `junk`: the mutation the
/// never-panic property tests feed to every reader.
pub fn splice(text: &str, end: usize, cut: f64, at: f64, junk: &str) -> String {
    let pos = |f: f64| {
        let mut i = ((end as f64) * f) as usize;
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (a, b) = (pos(at.min(cut)), pos(at.max(cut)));
    format!("{}{junk}{}", &text[..a], &text[b..])
}

/// The web-shop sample signed off by "Dana Reviewer" and then changed: the orders
/// database renamed and storing credentials unencrypted, the audit log deleted, a fraud
/// check service added with a flow from the shop API, one threat decided.
pub fn signed_then_changed() -> threatboard::model::Project {
    use threatboard::model::*;
    let mut p = threatboard::io::load(&sample("web-shop.ron")).expect("sample loads");
    let rules = threatboard::analysis::Catalogue::builtin().expect("rules");
    let a = threatboard::analysis::analyze(&p, &rules);
    let record = threatboard::history::sign_off(
        &p,
        &a,
        "Dana Reviewer",
        "AppSec",
        "",
        "2026-11-28T10:00:00Z",
    )
    .expect("hashable");
    p.signoffs = threatboard::history::with_signoff(&p, record);
    let by_name = |p: &Project, n: &str| {
        p.diagrams[0]
            .elements
            .iter()
            .find(|e| e.name == n)
            .expect("element")
            .id
            .clone()
    };
    let orders = by_name(&p, "Orders database");
    let audit = by_name(&p, "Audit log");
    let api = by_name(&p, "Shop API");
    let d = &mut p.diagrams[0];
    let e = d
        .elements
        .iter_mut()
        .find(|e| e.id == orders)
        .expect("orders");
    e.name = "Orders DB".into();
    if let ElementProps::DataStore(s) = &mut e.props {
        s.stores_credentials = true;
        s.encrypted_at_rest = false;
    }
    d.elements.retain(|e| e.id != audit);
    let gone: Vec<FlowId> = d
        .flows
        .iter()
        .filter(|f| f.source == audit || f.target == audit)
        .map(|f| f.id.clone())
        .collect();
    d.flows.retain(|f| !gone.contains(&f.id));
    p.layout.elements.remove(&audit);
    for id in &gone {
        p.layout.waypoints.remove(id);
    }
    let fraud = Element::new(ElementKind::Process, "Fraud check");
    let api_rect = p.layout.elements[&api];
    p.layout.elements.insert(
        fraud.id.clone(),
        Rect::new(1100.0, 520.0, api_rect.w, api_rect.h),
    );
    let mut call = Flow::new("Score order", api, fraud.id.clone());
    call.protocol = "HTTP".into();
    p.diagrams[0].elements.push(fraud);
    p.diagrams[0].flows.push(call);
    let open = a
        .threats()
        .find(|f| f.status() == Status::Open && !f.is_manual())
        .expect("an open threat");
    p.threats.insert(
        open.key.clone(),
        ThreatRecord {
            status: Status::Mitigated,
            mitigation: "Rate limiting at the CDN".into(),
            decided_by: "Priya".into(),
            ..ThreatRecord::default()
        },
    );
    p
}
