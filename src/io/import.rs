//! Other tools' models in: the format is recognised from the content, not the extension.

use std::io::Read;
use std::path::Path;

pub use super::threat_dragon::ImportReport;
use super::{FileError, FileErrorKind};
use crate::model::Project;

/// The formats `import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    ThreatDragon,
    Tm7,
    Otm,
    /// An infrastructure template: CloudFormation/SAM or a Terraform plan.
    Template(super::template::Kind),
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::ThreatDragon => "OWASP Threat Dragon",
            Format::Tm7 => "Microsoft Threat Modeling Tool (.tm7)",
            Format::Otm => "Open Threat Model",
            Format::Template(kind) => super::template::label(kind),
        }
    }
}

/// A refusal naming the file: the message says what is wrong and where in the model.
pub(super) fn invalid(path: &Path, message: String) -> FileError {
    FileError {
        path: path.to_owned(),
        position: None,
        kind: FileErrorKind::Invalid(message),
    }
}

/// A JSON object's text field, empty when missing or not text.
pub(super) fn json_str<'a>(v: &'a serde_json::Value, key: &str) -> &'a str {
    v.get(key).and_then(serde_json::Value::as_str).unwrap_or("")
}

/// A STRIDE category as other tools spell it: "Elevation Of Privilege",
/// "information-disclosure", "DenialOfService", or its letter.
pub(super) fn stride_named(text: &str) -> Option<crate::model::Stride> {
    use crate::model::Stride;
    let n: String = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    Some(match n.as_str() {
        "spoofing" | "s" => Stride::Spoofing,
        "tampering" | "t" => Stride::Tampering,
        "repudiation" | "r" => Stride::Repudiation,
        "informationdisclosure" | "i" => Stride::InformationDisclosure,
        "denialofservice" | "d" => Stride::DenialOfService,
        "elevationofprivilege" | "elevationofprivileges" | "e" => Stride::ElevationOfPrivilege,
        _ => return None,
    })
}

/// How far from a box a loose end may lie and still be taken as dropped on it.
const ON_ELEMENT: f32 = 20.0;
/// A loose end this close to an element (and clearly closer to it than to any other) was
/// meant for it.
const NEAR_ELEMENT: f32 = 120.0;
/// How far along its direction a loose end is followed to the element it points at, and
/// how close the line must pass to the element's box.
const POINTED_AT_REACH: f32 = 500.0;
const POINTED_AT_MARGIN: f32 = 60.0;

/// Why a loose flow end was connected to an element (said in the import report).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Attached {
    /// The end lies on the element's box (or within a few units of it).
    On,
    /// The end lies near one element and no other element is as near.
    Near(f32),
    /// The flow's line, carried on past the end, reaches the element.
    PointsAt(f32),
}

impl Attached {
    pub(super) fn describe(self, name: &str) -> String {
        match self {
            Attached::On => format!("it ends on {name:?}, so it is connected to it"),
            Attached::Near(d) => format!(
                "it ends {d:.0} units from {name:?} and nearer to nothing else, so it is connected to it"
            ),
            Attached::PointsAt(d) => {
                format!("it points at {name:?} ({d:.0} units on), so it is connected to it")
            }
        }
    }
}

fn distance_to(r: &crate::model::Rect, p: crate::model::Pos) -> f32 {
    let dx = (r.x - p.x).max(0.0).max(p.x - (r.x + r.w));
    let dy = (r.y - p.y).max(0.0).max(p.y - (r.y + r.h));
    dx.hypot(dy)
}

/// The box of a stand-in at a loose flow end `at`: small beside the elements (Threat
/// Dragon's are 100 to 170 wide), wide and tall enough for two lines of its name at full
/// size ("Unconnected source" / "of …") and a few words at the canvas's minimum when a big
/// diagram is fitted (80 by 30 showed "Un…").
pub(super) fn stand_in_rect(at: crate::model::Pos) -> crate::model::Rect {
    crate::model::Rect::new(at.x - 60.0, at.y - 20.0, 120.0, 40.0)
}

/// The element a loose flow end at `at` was meant for. Threat Dragon and the Threat
/// Modeling Tool both let an end be dropped in empty space, and teams often leave an arrow
/// a little short of its box: the end is connected to the element it lies on; else to the
/// one element it lies near; else to the first element the flow's line reaches when
/// carried on past the end (`from` is the flow's other end). `not` (the other end's
/// element) is never chosen, so a flow does not become a loop. None: a stand-in it is.
pub(super) fn element_near<'d>(
    diagram: &'d crate::model::Diagram,
    layout: &crate::model::Layout,
    at: crate::model::Pos,
    from: Option<crate::model::Pos>,
    not: Option<&crate::model::ElementId>,
) -> Option<(&'d crate::model::Element, Attached)> {
    let boxes: Vec<(&crate::model::Element, &crate::model::Rect)> = diagram
        .elements
        .iter()
        .filter(|e| Some(&e.id) != not && !e.is_loose_end_stand_in())
        .filter_map(|e| layout.elements.get(&e.id).map(|r| (e, r)))
        .collect();
    let nearest = boxes
        .iter()
        .map(|(e, r)| (distance_to(r, at), *e))
        .min_by(|a, b| a.0.total_cmp(&b.0));
    if let Some((d, e)) = nearest {
        if d <= ON_ELEMENT {
            return Some((e, Attached::On));
        }
    }
    // How far the line, carried on past the end, goes before it passes close by `r`.
    let direction = from.and_then(|from| {
        let (dx, dy) = (at.x - from.x, at.y - from.y);
        let len = dx.hypot(dy);
        (len >= 1.0).then(|| (dx / len, dy / len))
    });
    let along = |r: &crate::model::Rect| -> Option<f32> {
        let (ux, uy) = direction?;
        let step = 10.0;
        (1..=(POINTED_AT_REACH / step) as usize)
            .map(|i| i as f32 * step)
            .find(|t| {
                distance_to(r, crate::model::Pos::new(at.x + ux * t, at.y + uy * t))
                    <= POINTED_AT_MARGIN
            })
    };
    // Each element's cost is the shorter of: how far the end lies from it (when near), how
    // far the line runs on before reaching it. The cheapest wins when it is clearly cheapest.
    let mut costs: Vec<(f32, Attached, &crate::model::Element)> = boxes
        .iter()
        .filter_map(|(e, r)| {
            let d = distance_to(r, at);
            let near = (d <= NEAR_ELEMENT).then_some((d, Attached::Near(d)));
            let pointed = along(r).map(|t| (t, Attached::PointsAt(t)));
            match (near, pointed) {
                (Some(n), Some(p)) => Some(if n.0 <= p.0 { n } else { p }),
                (n, p) => n.or(p),
            }
            .map(|(c, how)| (c, how, *e))
        })
        .collect();
    costs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (cost, how, e) = *costs.first()?;
    let clear = costs.get(1).is_none_or(|next| next.0 >= 1.5 * cost);
    clear.then_some((e, how))
}

/// The names drawing tools give a flow nobody named.
pub(super) fn is_default_flow_name(name: &str) -> bool {
    let n = name.trim();
    n.is_empty()
        || ["data flow", "dataflow", "flow", "generic data flow"]
            .iter()
            .any(|d| n.eq_ignore_ascii_case(d))
}

/// How far a text block may lie from a flow's line and still be its label.
const LABEL_REACH: f32 = 80.0;

fn distance_to_segment(p: crate::model::Pos, a: crate::model::Pos, z: crate::model::Pos) -> f32 {
    let (dx, dy) = (z.x - a.x, z.y - a.y);
    let len2 = dx * dx + dy * dy;
    let t = if len2 < f32::EPSILON {
        0.0
    } else {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0)
    };
    (p.x - (a.x + t * dx)).hypot(p.y - (a.y + t * dy))
}

/// Teams often leave a flow with the tool's default name ("Data Flow") and write what it
/// carries in a text block beside the arrow. Text blocks are matched to the flows whose
/// lines they lie next to, nearest pairs first, one text per flow; a flow with no name of
/// its own takes its text, said in the report. `paths`: (flow id, the points it runs
/// through, ends included).
pub(super) fn name_flows_from_notes(
    diagram: &mut crate::model::Diagram,
    layout: &crate::model::Layout,
    paths: &[(String, Vec<crate::model::Pos>)],
    report: &mut ImportReport,
) {
    let distance = |c: crate::model::Pos, pts: &[crate::model::Pos]| -> f32 {
        pts.windows(2)
            .map(|w| distance_to_segment(c, w[0], w[1]))
            .fold(f32::INFINITY, f32::min)
    };
    let mut pairs: Vec<(f32, usize, &str, String)> = Vec::new();
    for (n, note) in diagram.notes.iter().enumerate() {
        let text = note.text.split_whitespace().collect::<Vec<_>>().join(" ");
        // A label names what flows; a note about a boundary or a long remark does not.
        if text.is_empty() || text.chars().count() > 80 || text.to_lowercase().contains("boundary")
        {
            continue;
        }
        let Some(r) = layout.notes.get(&note.id) else {
            continue;
        };
        for (id, pts) in paths {
            let d = distance(r.center(), pts);
            if d <= LABEL_REACH {
                pairs.push((d, n, id.as_str(), text.clone()));
            }
        }
    }
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut notes_used = std::collections::HashSet::new();
    let mut flows_labelled = std::collections::HashSet::new();
    for (_, note, id, text) in pairs {
        if notes_used.contains(&note) || flows_labelled.contains(id) {
            continue;
        }
        notes_used.insert(note);
        flows_labelled.insert(id);
        if let Some(flow) = diagram
            .flows
            .iter_mut()
            .find(|f| f.id.as_str() == id && is_default_flow_name(&f.name))
        {
            report.kept.push(format!(
                "flow {:?}: named {text:?} from the text beside it",
                flow.name
            ));
            flow.name = text;
        }
    }
}

/// Which format `text` is in, from its first bytes.
pub fn detect(text: &str) -> Option<Format> {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('<') {
        return super::tm7::looks_like(t).then_some(Format::Tm7);
    }
    if let Some(kind) = super::template::detect(t) {
        return Some(Format::Template(kind));
    }
    let head: String = t.chars().take(4096).collect();
    if !t.starts_with('{') {
        // YAML: OTM is the only YAML format read; its version key is at the top level.
        let otm = head.starts_with("otmVersion:")
            || head.contains("\notmVersion:")
            || head.contains("\n\"otmVersion\":");
        return otm.then_some(Format::Otm);
    }
    if head.contains("\"otmVersion\"") {
        return Some(Format::Otm);
    }
    // Threat Dragon: a "summary" and a "detail" with diagrams.
    if head.contains("\"summary\"") || head.contains("\"detail\"") {
        return Some(Format::ThreatDragon);
    }
    // Keys can come in any order: read the whole object when the head says nothing.
    let v: serde_json::Value = serde_json::from_str(t).ok()?;
    if v.get("otmVersion").is_some() {
        return Some(Format::Otm);
    }
    if v.get("summary").is_some() || v.get("detail").is_some() {
        return Some(Format::ThreatDragon);
    }
    None
}

/// Whether the file at `path` is another tool's model `import` reads (from its first
/// 64 KiB).
pub fn is_importable(path: &Path) -> bool {
    let Ok((file, _)) = crate::foundation::read::open_regular(path) else {
        return false;
    };
    let mut head = Vec::new();
    if file.take(64 * 1024).read_to_end(&mut head).is_err() {
        return false;
    }
    detect(&String::from_utf8_lossy(&head)).is_some()
}

/// Reads the file at `path` (regular files up to [`super::MAX_FILE_BYTES`], never read past
/// that) and imports it.
pub fn read(path: &Path) -> Result<(Project, ImportReport), FileError> {
    let err = |kind| FileError {
        path: path.to_owned(),
        position: None,
        kind,
    };
    let bytes = super::project_file::read_model_bytes(path)?;
    if bytes.is_empty() {
        return Err(err(FileErrorKind::Invalid("the file is empty".into())));
    }
    import(&String::from_utf8_lossy(&bytes), path)
}

/// Reads a model in any format `detect` recognises.
pub fn import(text: &str, path: &Path) -> Result<(Project, ImportReport), FileError> {
    let format = detect(text);
    let mut result = match format {
        Some(Format::ThreatDragon) => super::threat_dragon::import(text, path),
        Some(Format::Tm7) => super::tm7::import(text, path),
        Some(Format::Otm) => super::otm::import(text, path),
        Some(Format::Template(_)) => super::template::import(text, path),
        None if text.trim_start_matches('\u{feff}').trim_start().starts_with(['{', '[']) => {
            // JSON of some kind: say where it is broken, or what it lacks.
            let kind = match serde_json::from_str::<serde::de::IgnoredAny>(text) {
                Err(e) => {
                    return Err(FileError {
                        path: path.to_owned(),
                        position: (e.line() > 0).then(|| (e.line(), e.column())),
                        kind: FileErrorKind::Syntax(e.to_string()),
                    });
                }
                Ok(_) => FileErrorKind::Invalid(
                    "a JSON file, but not a model Threatboard can import: an OWASP Threat Dragon model has \"summary\" and \"detail\", an Open Threat Model \"otmVersion\"".into(),
                ),
            };
            Err(FileError {
                path: path.to_owned(),
                position: None,
                kind,
            })
        }
        None => Err(FileError {
            path: path.to_owned(),
            position: None,
            kind: FileErrorKind::Invalid(
                "not a model Threatboard can import: expected an OWASP Threat Dragon JSON model, a Microsoft Threat Modeling Tool .tm7 file, an Open Threat Model (JSON or YAML), a CloudFormation/SAM template or a Terraform plan (JSON)"
                    .into(),
            ),
        }),
    }?;
    result.1.source = format.map_or("", Format::label);
    loose_ends_out_of_scope(&mut result.0, &mut result.1);
    Ok(result)
}

/// Why a flow with a loose end, and the stand-in at that end, are out of scope.
const LOOSE_END_REASON: &str = "the other tool left an end of this flow unconnected: connect it to the element it comes from or goes to, and it is analysed";

/// A flow whose end the other tool left unconnected says where its data goes (or comes
/// from) no more than a note would: it is kept, drawn and listed out of scope with the
/// reason, rather than analysed with a made-up party at that end. The same for every
/// importer that puts stand-ins at loose ends.
fn loose_ends_out_of_scope(project: &mut Project, report: &mut ImportReport) {
    for d in &mut project.diagrams {
        let loose: rustc_hash::FxHashSet<_> = d
            .elements
            .iter_mut()
            .filter(|e| e.is_loose_end_stand_in())
            .map(|e| {
                if !e.out_of_scope {
                    e.out_of_scope = true;
                    e.out_of_scope_reason = LOOSE_END_REASON.into();
                }
                e.id.clone()
            })
            .collect();
        for f in &mut d.flows {
            if !f.out_of_scope && (loose.contains(&f.source) || loose.contains(&f.target)) {
                f.out_of_scope = true;
                f.out_of_scope_reason = LOOSE_END_REASON.into();
                report.kept.push(format!(
                    "flow {:?}: out of scope until its loose end is connected",
                    f.name
                ));
            }
        }
    }
}
