//! The model over time: semantic diff, three-way merge (also as a real git merge driver),
//! sign-off records and their hash, `check --since`.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::{sample, stdout, threatboard};
use threatboard::analysis::{self, Analysis, Catalogue};
use threatboard::history::{self, diff::Change, merge, render};
use threatboard::io as tio;
use threatboard::model::{
    Boundary, BoundaryShape, BoundaryType, DataClass, ElementProps, Project, Rect, Status,
    ThreatKey, ThreatRecord,
};

fn web_shop() -> Project {
    tio::load(&sample("web-shop.ron")).expect("sample loads")
}

fn analyze(p: &Project) -> Analysis {
    analysis::analyze(p, &Catalogue::builtin().expect("built-in rules"))
}

fn element_id(p: &Project, name: &str) -> threatboard::model::ElementId {
    p.diagrams
        .iter()
        .flat_map(|d| &d.elements)
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no element {name}"))
        .id
        .clone()
}

fn diff(old: &Project, new: &Project) -> history::diff::ModelDiff {
    history::diff::diff(old, new, &analyze(old), &analyze(new))
}

fn all_formats(d: &history::diff::ModelDiff) -> [String; 3] {
    let sides = render::Sides {
        old: "old.ron",
        new: "new.ron",
    };
    [
        render::text(d, &sides),
        render::markdown(d, &sides, "Web shop"),
        render::json(d, &sides),
    ]
}

#[test]
fn a_rename_is_a_rename_and_delete_plus_add_is_not() {
    let old = web_shop();
    let mut new = old.clone();
    let cache = element_id(&new, "Session cache");
    let d = &mut new.diagrams[0];
    d.elements
        .iter_mut()
        .find(|e| e.id == cache)
        .expect("cache")
        .name = "Sessions (Redis)".into();
    // The audit log deleted and drawn again: same name, new id.
    let audit = element_id(&old, "Audit log");
    let mut again = d
        .elements
        .iter()
        .find(|e| e.id == audit)
        .expect("log")
        .clone();
    again.id = threatboard::model::ElementId::generate();
    d.elements.retain(|e| e.id != audit);
    d.flows.retain(|f| f.source != audit && f.target != audit);
    let rect = new.layout.elements[&audit];
    new.layout.elements.insert(again.id.clone(), rect);
    new.diagrams[0].elements.push(again);
    let d = diff(&old, &new);
    let renamed = d.item(cache.as_str()).expect("the cache changed");
    assert_eq!(renamed.change, Change::Changed);
    assert_eq!(renamed.renamed_from.as_deref(), Some("Session cache"));
    assert!(
        d.items
            .iter()
            .any(|i| i.name == "Audit log" && i.change == Change::Added)
            && d.items
                .iter()
                .any(|i| i.name == "Audit log" && i.change == Change::Removed),
        "a redrawn element is removed and added: {:#?}",
        d.items
    );
    for out in all_formats(&d) {
        // Markdown escapes the parentheses (link syntax) of model text.
        assert!(
            out.contains("Sessions (Redis)") || out.contains("Sessions \\(Redis\\)"),
            "{out}"
        );
        assert!(
            out.contains("renamed from") || out.contains("renamed_from"),
            "{out}"
        );
    }
    assert!(d.is_semantic());
}

#[test]
fn a_new_boundary_reclassified_store_and_decision_show_with_their_threats() {
    let old = web_shop();
    let mut new = old.clone();
    // A new trust boundary drawn around the session cache: the cache is now inside it,
    // and its flows now cross it.
    let cache = element_id(&new, "Session cache");
    let r = new.layout.elements[&cache];
    let boundary = Boundary::new("Cache subnet", BoundaryType::Network);
    new.layout.boundaries.insert(
        boundary.id.clone(),
        BoundaryShape::Region(Rect::new(r.x - 10.0, r.y - 10.0, r.w + 20.0, r.h + 20.0)),
    );
    new.diagrams[0].boundaries.push(boundary);
    // The orders database reclassified.
    let orders = element_id(&new, "Orders database");
    let e = new.diagrams[0]
        .elements
        .iter_mut()
        .find(|e| e.id == orders)
        .expect("orders");
    let ElementProps::DataStore(store) = &mut e.props else {
        panic!("a store");
    };
    let old_class = store.classification;
    store.classification = DataClass::Public;
    assert_ne!(old_class, DataClass::Public);
    // A partner system calling the shop API.
    let api = element_id(&new, "Shop API");
    let partner = threatboard::model::Element::new(
        threatboard::model::ElementKind::ExternalEntity,
        "Partner system",
    );
    new.layout
        .elements
        .insert(partner.id.clone(), Rect::new(1400.0, 300.0, 120.0, 60.0));
    let mut call = threatboard::model::Flow::new("Partner orders", partner.id.clone(), api);
    call.protocol = "HTTP".into();
    call.public_network = true;
    new.diagrams[0].elements.push(partner);
    new.diagrams[0].flows.push(call);
    // A decision taken on an open threat.
    let a = analyze(&old);
    let open = a
        .threats()
        .find(|f| f.status() == Status::Open && !f.is_manual())
        .expect("an open threat");
    new.threats.insert(
        open.key.clone(),
        ThreatRecord {
            status: Status::Mitigated,
            mitigation: "TLS everywhere".into(),
            decided_by: "Priya".into(),
            ..ThreatRecord::default()
        },
    );
    let d = diff(&old, &new);
    let added = d
        .items
        .iter()
        .find(|i| i.name == "Cache subnet")
        .expect("the boundary is listed");
    assert_eq!(added.change, Change::Added);
    let inside = d.item(cache.as_str()).expect("the cache moved into it");
    assert_eq!(inside.entered, ["Cache subnet"], "{inside:#?}");
    assert!(inside.left.is_empty());
    let crossing = d
        .items
        .iter()
        .find(|i| i.kind == history::diff::ItemKind::Flow && i.entered == ["Cache subnet"])
        .expect("a flow of the cache newly crosses the boundary");
    assert_eq!(crossing.change, Change::Changed);
    let class = d.item(orders.as_str()).expect("orders changed");
    assert!(
        class
            .fields
            .iter()
            .any(|f| f.field == "classification" && f.new == "Public"),
        "{class:#?}"
    );
    let decision = d
        .decisions
        .iter()
        .find(|c| c.key == open.key.to_string())
        .expect("the decision is listed");
    assert_eq!(
        (decision.old_status.as_str(), decision.new_status.as_str()),
        ("Open", "Mitigated")
    );
    assert_eq!(decision.decided_by, "Priya");
    // A new partner calling the API brings threats with it.
    assert!(!d.new_threats.is_empty(), "new threats from the partner");
    let [text, markdown, json] = all_formats(&d);
    assert!(text.contains("now crosses Cache subnet"), "{text}");
    assert!(text.contains("now inside Cache subnet"), "{text}");
    assert!(
        text.contains("+ element \"Partner system\" (external entity)"),
        "{text}"
    );
    assert!(text.contains("Open → Mitigated by Priya"), "{text}");
    assert!(
        markdown.contains("| Severity | New open threat | On |"),
        "{markdown}"
    );
    assert!(markdown.contains("classification: "), "{markdown}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["semantic_change"], true);
    assert!(v["diff"]["decisions"][0]["new_status"] == "Mitigated");
}

#[test]
fn moving_boxes_is_a_layout_only_change_and_diff_exits_0() {
    let dir = tempfile::tempdir().expect("dir");
    let old = dir.path().join("old.ron");
    let new = dir.path().join("new.ron");
    let p = web_shop();
    tio::save(&old, &p).expect("save");
    let mut moved = p.clone();
    for r in moved.layout.elements.values_mut().take(3) {
        r.x += 5.0;
    }
    tio::save(&new, &moved).expect("save");
    let o = threatboard(&["diff", s(&old), s(&new)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("layout only: 3 items moved or reshaped"),
        "{}",
        stdout(&o)
    );
    // A real change: exit 1; an unreadable side: exit 2.
    let mut renamed = moved;
    renamed.meta.title = "Web shop v2".into();
    tio::save(&new, &renamed).expect("save");
    let o = threatboard(&["diff", s(&old), s(&new), "--format", "markdown"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("title: Web shop → Web shop v2"),
        "{}",
        stdout(&o)
    );
    let o = threatboard(&["diff", s(&old), "missing.ron"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(common::stderr(&o).contains("missing.ron"));
}

/// The web-shop sample copied into `dir` and signed off there by `reviewer` (AppSec) with
/// the CLI; its path and the command's output.
fn signed_copy(dir: &Path, reviewer: &str) -> (std::path::PathBuf, std::process::Output) {
    let path = dir.join("model.ron");
    std::fs::copy(sample("web-shop.ron"), &path).expect("copy");
    let o = threatboard(&[
        "sign-off",
        s(&path),
        "--reviewer",
        reviewer,
        "--role",
        "AppSec",
    ]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    (path, o)
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// A git repository in a temporary folder with the sample committed on `main` and the
/// merge driver configured as the README says.
struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn new(model: &Project) -> Self {
        let repo = Self {
            dir: tempfile::tempdir().expect("dir"),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo.git(&["config", "user.email", "t@example.com"]);
        repo.git(&["config", "user.name", "Test"]);
        let driver = format!(
            "{} merge %O %A %B -o %A --name %P",
            env!("CARGO_BIN_EXE_threatboard")
        );
        repo.git(&["config", "merge.threatboard.driver", &driver]);
        std::fs::write(
            repo.dir.path().join(".gitattributes"),
            "*.ron merge=threatboard\n",
        )
        .expect("write");
        repo.save(model);
        repo.git(&["add", "."]);
        repo.git(&["commit", "-qm", "base"]);
        repo
    }

    fn git(&self, args: &[&str]) -> std::process::Output {
        let o = Command::new("git")
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .expect("git runs");
        assert!(
            o.status.success() || args[0] == "merge",
            "git {args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        o
    }

    fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("model.ron")
    }

    fn save(&self, p: &Project) {
        tio::save(&self.path(), p).expect("save");
        let _ = std::fs::remove_file(self.dir.path().join("model.ron.bak"));
    }

    fn load(&self) -> Project {
        tio::load(&self.path()).expect("the merged model loads")
    }

    /// Commits `edit` on a branch and `other` on main, then merges the branch.
    fn merge(
        &self,
        edit: impl FnOnce(&mut Project),
        other: impl FnOnce(&mut Project),
    ) -> std::process::Output {
        self.git(&["checkout", "-q", "-b", "feature"]);
        let mut p = self.load();
        edit(&mut p);
        self.save(&p);
        self.git(&["commit", "-qam", "feature"]);
        self.git(&["checkout", "-q", "main"]);
        let mut p = self.load();
        other(&mut p);
        self.save(&p);
        self.git(&["commit", "-qam", "main"]);
        self.git(&["merge", "feature", "-m", "merge"])
    }
}

#[test]
fn git_merges_independent_edits_cleanly_with_the_driver() {
    let base = web_shop();
    let a = analyze(&base);
    let keys: Vec<ThreatKey> = a
        .threats()
        .filter(|f| !f.is_manual() && !base.threats.contains_key(&f.key))
        .map(|f| f.key.clone())
        .take(2)
        .collect();
    let (k1, k2) = (keys[0].clone(), keys[1].clone());
    let browser = element_id(&base, "Customer's browser");
    let cache = element_id(&base, "Session cache");
    let orders = element_id(&base, "Orders database");
    let audit = element_id(&base, "Audit log");
    let repo = Repo::new(&base);
    let new_flow = threatboard::model::Flow::new("Cache warm-up", orders.clone(), cache.clone());
    let flow_id = new_flow.id.clone();
    let o = repo.merge(
        |p| {
            // One adds a flow, triages a threat and renames an element …
            p.diagrams[0].flows.push(new_flow);
            p.threats.insert(
                k1.clone(),
                ThreatRecord {
                    status: Status::Accepted,
                    justification: "internal only".into(),
                    ..ThreatRecord::default()
                },
            );
            p.diagrams[0]
                .elements
                .iter_mut()
                .find(|e| e.id == audit)
                .expect("audit")
                .name = "Audit trail".into();
        },
        |p| {
            // … the other triages another threat and moves a box.
            p.threats.insert(
                k2.clone(),
                ThreatRecord {
                    status: Status::Mitigated,
                    mitigation: "WAF".into(),
                    ..ThreatRecord::default()
                },
            );
            p.layout.elements.get_mut(&browser).expect("browser").x += 40.0;
        },
    );
    assert!(o.status.success(), "{}{}", stdout(&o), common::stderr(&o));
    let merged = repo.load();
    assert!(merged.conflicts.is_empty(), "{:#?}", merged.conflicts);
    assert!(merged.flow(&flow_id).is_some(), "their flow");
    assert_eq!(
        merged.threats[&k1].status,
        Status::Accepted,
        "their decision"
    );
    assert_eq!(
        merged.threats[&k2].status,
        Status::Mitigated,
        "our decision"
    );
    assert_eq!(merged.element(&audit).expect("audit").1.name, "Audit trail");
    assert_eq!(
        merged.layout.elements[&browser].x,
        base.layout.elements[&browser].x + 40.0
    );
    assert!(
        !repo.dir.path().join("model.ron.bak").exists(),
        "the driver leaves no backup file in the work tree"
    );
    // The merge commit against main before it, read from git.
    let o = Command::new(env!("CARGO_BIN_EXE_threatboard"))
        .args(["diff", "git:HEAD~1:model.ron", "model.ron"])
        .current_dir(repo.dir.path())
        .output()
        .expect("runs");
    let text = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{text}{}", common::stderr(&o));
    assert!(text.contains("+ flow \"Cache warm-up\""), "{text}");
    assert!(text.contains("renamed from \"Audit log\""), "{text}");
    let o = Command::new(env!("CARGO_BIN_EXE_threatboard"))
        .args(["diff", "git:no-such-rev:model.ron", "model.ron"])
        .current_dir(repo.dir.path())
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        common::stderr(&o).contains("git:no-such-rev:model.ron"),
        "{}",
        common::stderr(&o)
    );
}

#[test]
fn git_merge_conflicts_are_recorded_in_a_model_that_still_loads() {
    let base = web_shop();
    let cache = element_id(&base, "Session cache");
    let audit = element_id(&base, "Audit log");
    let repo = Repo::new(&base);
    let o = repo.merge(
        |p| {
            // They rename the cache, and edit the audit log that we delete.
            let d = &mut p.diagrams[0];
            d.elements
                .iter_mut()
                .find(|e| e.id == cache)
                .expect("c")
                .name = "Redis".into();
            d.elements
                .iter_mut()
                .find(|e| e.id == audit)
                .expect("a")
                .description = "Append-only, 7 years".into();
        },
        |p| {
            let d = &mut p.diagrams[0];
            d.elements
                .iter_mut()
                .find(|e| e.id == cache)
                .expect("c")
                .name = "Memcached".into();
            d.elements.retain(|e| e.id != audit);
            d.flows.retain(|f| f.source != audit && f.target != audit);
            p.layout.elements.remove(&audit);
            let flows: Vec<_> = p.diagrams[0].flows.iter().map(|f| f.id.clone()).collect();
            p.layout.waypoints.retain(|id, _| flows.contains(id));
        },
    );
    assert_eq!(o.status.code(), Some(1), "git reports the conflict");
    let raw = std::fs::read_to_string(repo.path()).expect("read");
    assert!(
        !raw.contains("<<<<<<<"),
        "never a file torn by conflict markers"
    );
    let merged = repo.load();
    assert_eq!(merged.conflicts.len(), 2, "{:#?}", merged.conflicts);
    assert_eq!(
        merged.element(&cache).expect("cache").1.name,
        "Memcached",
        "ours kept"
    );
    let (_, kept) = merged
        .element(&audit)
        .expect("an element edited on one side is kept");
    assert_eq!(kept.description, "Append-only, 7 years");
    let deleted = merged
        .conflicts
        .iter()
        .position(|c| c.id == audit.as_str())
        .expect("the delete/edit conflict");
    assert!(merged.conflicts[deleted].field.is_empty());
    assert!(
        merged.conflicts[deleted].ours.is_empty(),
        "deleted on our side"
    );
    // Settling: theirs for the name, ours (deleted) for the audit log.
    let name = merged
        .conflicts
        .iter()
        .position(|c| c.id == cache.as_str())
        .expect("name conflict");
    let settled = merge::resolve(&merged, name, merge::Side::Theirs).expect("resolves");
    assert_eq!(settled.element(&cache).expect("cache").1.name, "Redis");
    assert_eq!(settled.conflicts.len(), 1);
    let deleted = settled
        .conflicts
        .iter()
        .position(|c| c.id == audit.as_str())
        .expect("still there");
    let settled = merge::resolve(&settled, deleted, merge::Side::Ours).expect("resolves");
    assert!(settled.element(&audit).is_none(), "deleted, as we did");
    assert!(
        settled.diagrams[0]
            .flows
            .iter()
            .all(|f| f.source != audit && f.target != audit),
        "with its flows"
    );
    assert!(settled.conflicts.is_empty());
}

#[test]
fn a_flow_added_to_an_element_deleted_on_the_other_side_keeps_both() {
    let base = web_shop();
    let cache = element_id(&base, "Session cache");
    let orders = element_id(&base, "Orders database");
    let mut ours = base.clone();
    ours.diagrams[0].elements.retain(|e| e.id != cache);
    ours.diagrams[0]
        .flows
        .retain(|f| f.source != cache && f.target != cache);
    let mut theirs = base.clone();
    let flow = threatboard::model::Flow::new("Warm-up", orders, cache.clone());
    theirs.diagrams[0].flows.push(flow.clone());
    let m = merge::merge(&base, &ours, &theirs).expect("merges");
    assert!(m.project.flow(&flow.id).is_some());
    assert!(
        m.project.element(&cache).is_some(),
        "the element comes back"
    );
    assert!(
        m.project.layout.elements.contains_key(&cache),
        "with its position"
    );
    assert!(m.conflicts.iter().any(|c| c.id == cache.as_str()));
}

#[test]
fn merging_identical_sides_changes_nothing() {
    for path in common::samples() {
        let p = tio::load(&path).expect("loads");
        let m = merge::merge(&p, &p, &p).expect("merges");
        assert!(m.conflicts.is_empty());
        assert_eq!(m.project, p, "{}", path.display());
    }
}

#[test]
fn sign_off_records_one_hash_for_cli_library_and_pdf() {
    let dir = tempfile::tempdir().expect("dir");
    let (path, o) = signed_copy(dir.path(), "Dana Reviewer");
    let p = tio::load(&path).expect("loads");
    let record = p.signoffs.last().expect("a sign-off record");
    assert_eq!(record.reviewer, "Dana Reviewer");
    assert_eq!(
        record.model_sha256,
        history::model_hash(&p).expect("hashable")
    );
    assert!(stdout(&o).contains(&record.model_sha256));
    assert_eq!(history::changed_since_signoff(&p), Some(false));
    // What it accepts is `history::accepts`: open threats and accepted/transferred ones.
    let a = analyze(&p);
    let accepts = history::accepts::Accepts::of(&a);
    assert_eq!(record.accepted.len(), accepts.all().count());
    // Moving a box keeps the sign-off; renaming something voids it.
    let mut moved = p.clone();
    for r in moved.layout.elements.values_mut() {
        r.y += 10.0;
    }
    assert_eq!(history::changed_since_signoff(&moved), Some(false));
    let mut renamed = p.clone();
    renamed.diagrams[0].elements[0].name.push('!');
    assert_eq!(history::changed_since_signoff(&renamed), Some(true));
    // A second sign-off keeps the first's hash, not its snapshot.
    let o = threatboard(&["sign-off", s(&path), "--reviewer", "Sam"]);
    assert!(o.status.success());
    let p = tio::load(&path).expect("loads");
    assert_eq!(p.signoffs.len(), 2);
    assert!(p.signoffs[0].snapshot.is_none() && p.signoffs[1].snapshot.is_some());
    // The PDF cover prints the same hash.
    let pdf = dir.path().join("r.pdf");
    let o = threatboard(&["report", s(&path), "-o", s(&pdf)]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let text = common::pdftotext(&pdf).replace(['\n', ' '], "");
    assert!(
        text.contains(&p.signoffs[1].model_sha256),
        "the cover shows the model hash"
    );
}

#[test]
fn check_since_gates_only_on_what_the_change_brings() {
    let dir = tempfile::tempdir().expect("dir");
    let base = dir.path().join("base.ron");
    let new = dir.path().join("new.ron");
    std::fs::copy(sample("web-shop.ron"), &base).expect("copy");
    std::fs::copy(&base, &new).expect("copy");
    // The sample has open high threats: the plain gate fails, the gate since itself passes.
    let o = threatboard(&["check", s(&new), "--fail-on", "high"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let o = threatboard(&["check", s(&new), "--fail-on", "high", "--since", s(&base)]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // A change that brings a new high threat fails, naming only it.
    let mut p = tio::load(&new).expect("loads");
    let orders = element_id(&p, "Orders database");
    let e = p.diagrams[0]
        .elements
        .iter_mut()
        .find(|e| e.id == orders)
        .expect("orders");
    let ElementProps::DataStore(store) = &mut e.props else {
        panic!("a store")
    };
    store.stores_credentials = true;
    store.encrypted_at_rest = false;
    tio::save(&new, &p).expect("save");
    let before = analyze(&tio::load(&base).expect("base"));
    let after = analyze(&p);
    let fresh: Vec<_> = after
        .open_at_or_above(threatboard::model::Severity::High)
        .filter(|f| {
            !before
                .threats()
                .any(|b| b.key == f.key && b.status().is_open())
        })
        .collect();
    assert!(!fresh.is_empty(), "the edit brings a new high threat");
    let o = threatboard(&["check", s(&new), "--fail-on", "high", "--since", s(&base)]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    let listed = text.lines().filter(|l| l.contains(": open ")).count();
    assert_eq!(listed, fresh.len(), "{text}");
    assert!(text.contains("new, re-opened or raised"), "{text}");
}

#[test]
fn the_report_of_a_model_changed_since_sign_off_starts_with_the_changes() {
    let dir = tempfile::tempdir().expect("dir");
    let (path, _) = signed_copy(dir.path(), "Dana");
    let mut p = tio::load(&path).expect("loads");
    let orders = element_id(&p, "Orders database");
    let e = p.diagrams[0]
        .elements
        .iter_mut()
        .find(|e| e.id == orders)
        .expect("orders");
    e.name = "Orders DB".into();
    let ElementProps::DataStore(store) = &mut e.props else {
        panic!("a store")
    };
    store.stores_credentials = true;
    store.encrypted_at_rest = false;
    tio::save(&path, &p).expect("save");
    let pdf = dir.path().join("r.pdf");
    let o = threatboard(&["report", s(&path), "-o", s(&pdf)]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let text = common::pdftotext(&pdf);
    let cover_end = text.find("Changes since").expect("a changes section");
    assert!(
        text[..cover_end].contains("CHANGED SINCE"),
        "the cover says the model changed since sign-off"
    );
    let section = &text[cover_end..text.find("Summary").expect("summary follows")];
    assert!(section.contains("signed by Dana (AppSec)"), "{section}");
    assert!(
        section.contains("renamed from \"Orders database\""),
        "{section}"
    );
    assert!(
        section.contains("New or re-opened open threats (1)"),
        "{section}"
    );
    // The changed diagram follows, with the changes marked (the tags are drawn text).
    let marked = &text[text
        .find("Changes on diagram: Context and checkout")
        .expect("a marked diagram page")..];
    assert!(marked.contains("changed"), "the renamed database is marked");
    assert!(marked.contains("Orders DB"));
    // Unchanged since sign-off: no section, the cover says so.
    let o = threatboard(&["sign-off", s(&path), "--reviewer", "Dana"]);
    assert!(o.status.success());
    let o = threatboard(&["report", s(&path), "-o", s(&pdf)]);
    assert!(o.status.success());
    let text = common::pdftotext(&pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(!text.contains("Changes since"));
    assert!(text.contains("unchanged since"));
    assert!(text.contains("Recorded sign-offs"));
}

/// A sign-off's accepted threats and signed decisions and a merge's conflicts are written
/// as the words they always were (`severity: "high"`, `status: "not_applicable"`,
/// `kind: "layout element"`), so files written before
/// they were typed load and save unchanged; a word that is not one of them (a hand-edited
/// or tampered record) is refused when the file is opened, at its line and column, rather
/// than carried along until a merge or a signature check trips over it.
#[test]
fn sign_off_severities_and_conflict_kinds_are_read_as_the_words_files_hold() {
    let mut p = web_shop();
    let cache = element_id(&p, "Session cache");
    p.signoffs.push(threatboard::model::SignOff {
        reviewer: "Priya Raman".into(),
        at: "2026-12-02T10:15Z".into(),
        accepted: vec![threatboard::model::AcceptedThreat {
            key: format!("T1@{cache}"),
            title: "Tampering with the cache".into(),
            severity: threatboard::model::Severity::High,
        }],
        decisions: vec![threatboard::model::SignedDecision {
            key: format!("T2@{cache}"),
            status: Status::NotApplicable,
            severity: Some(threatboard::model::Severity::Low),
            rule_severity: threatboard::model::Severity::Medium,
            justification: "Internal only".into(),
            ..Default::default()
        }],
        ..Default::default()
    });
    p.conflicts.push(threatboard::model::Conflict {
        kind: threatboard::model::ConflictKind::LayoutElement,
        id: cache.to_string(),
        name: "Session cache".into(),
        field: "x".into(),
        base: "1.0".into(),
        ours: "2.0".into(),
        theirs: "3.0".into(),
    });
    let text = tio::to_canonical_string(&p).expect("serialises");
    assert!(text.contains("severity: \"high\""), "{text}");
    assert!(text.contains("kind: \"layout element\""), "{text}");
    assert!(text.contains("status: \"not_applicable\""), "{text}");
    assert!(text.contains("severity: \"low\""), "{text}");
    assert!(text.contains("rule_severity: \"medium\""), "{text}");
    let path = Path::new("old.ron");
    let back = tio::load_str(&text, path).expect("loads");
    assert_eq!(tio::to_canonical_string(&back).expect("serialises"), text);
    assert_eq!(
        back.conflicts[0].describe(),
        "position of element \"Session cache\": x: ours 2.0, theirs 3.0"
    );

    for (good, bad) in [
        ("severity: \"high\"", "severity: \"hihg\""),
        ("kind: \"layout element\"", "kind: \"layout elephant\""),
        ("status: \"not_applicable\"", "status: \"not applicable\""),
        ("rule_severity: \"medium\"", "rule_severity: \"Medium\""),
    ] {
        let line = text
            .lines()
            .position(|l| l.contains(good))
            .expect("written")
            + 1;
        let err = tio::load_str(&text.replace(good, bad), path).expect_err(bad);
        assert_eq!(err.position.map(|(l, _)| l), Some(line), "{bad}: {err}");
        assert!(
            err.to_string().starts_with(&format!("old.ron:{line}:")),
            "{err}"
        );
    }
}
