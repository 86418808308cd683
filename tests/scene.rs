//! The display list every renderer draws: on every sample and every real model from other
//! tools, no text overlaps other text, an element, a badge or a note, and flows cross
//! elements they do not connect only where no route around exists.

mod common;

use std::path::{Path, PathBuf};

use threatboard::analysis::{self, Catalogue};
use threatboard::model::Project;
use threatboard::scene::display::{self, Prim};

/// The samples and every model in `../shared/interop/` and `tests/fixtures/` that an
/// importer reads.
fn models() -> Vec<(PathBuf, Project)> {
    let mut out: Vec<(PathBuf, Project)> = common::samples()
        .into_iter()
        .map(|p| {
            let project = threatboard::io::load(&p).expect("sample loads");
            (p, project)
        })
        .collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["../shared/interop", "tests/fixtures"] {
        collect(&root.join(dir), &mut files);
    }
    files.sort();
    for f in files {
        if let Ok((project, _)) = threatboard::io::import::read(&f) {
            out.push((f, project));
        }
    }
    out
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| {
            ["json", "tm7", "yaml", "yml", "otm"].contains(&x.to_str().unwrap_or(""))
        }) && !p.to_string_lossy().contains("schema")
        {
            out.push(p);
        }
    }
}

fn badges(
    a: &analysis::Analysis,
) -> impl Fn(&str) -> Option<(usize, threatboard::model::Severity)> + '_ {
    move |id: &str| {
        let open: Vec<_> = a
            .threats()
            .filter(|f| f.is_about(id) && f.status().is_open())
            .map(|f| f.severity)
            .collect();
        Some((open.len(), *open.iter().max()?))
    }
}

#[test]
fn no_text_overlaps_and_flows_go_around_elements() {
    let rules = Catalogue::builtin().expect("rules");
    let models = models();
    assert!(models.len() >= 8, "{} models", models.len());
    let mut report = Vec::new();
    let mut flows = 0;
    for (path, p) in &models {
        let a = analysis::analyze(p, &rules);
        let badge = badges(&a);
        for d in &p.diagrams {
            let scene = display::build(p, d, &badge);
            flows += d.flows.len();
            let c = display::collisions(&scene);
            if !c.text_overlaps.is_empty() || !c.crossings.is_empty() {
                report.push(format!(
                    "{} / {}: {} text overlaps {:?}, {} flows crossing elements {:?}",
                    path.display(),
                    d.name,
                    c.text_overlaps.len(),
                    c.text_overlaps.iter().take(6).collect::<Vec<_>>(),
                    c.crossings.len(),
                    c.crossings.iter().take(6).collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(flows > 100, "{flows} flows looked at");
    assert!(report.is_empty(), "{}", report.join("\n"));
}

#[test]
fn every_element_flow_and_boundary_is_in_the_list_once() {
    for (path, p) in models() {
        for d in &p.diagrams {
            let scene = display::build(&p, d, &|_| None);
            let count = |f: fn(&Prim) -> bool| scene.items.iter().filter(|i| f(i)).count();
            let placed = |id: &str| p.layout.elements.contains_key(&id.try_into().expect("id"));
            assert_eq!(
                count(|i| matches!(i, Prim::Element { .. })),
                d.elements.iter().filter(|e| placed(e.id.as_str())).count(),
                "{}",
                path.display()
            );
            assert_eq!(
                count(|i| matches!(i, Prim::Flow { .. })),
                d.flows
                    .iter()
                    .filter(|f| placed(f.source.as_str()) && placed(f.target.as_str()))
                    .count()
            );
        }
    }
}
