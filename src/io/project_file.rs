//! The RON project file: versioned, deterministic, atomic.
//!
//! Loading reports every problem with the file name and, where there is one, the line and
//! column. Unknown fields are errors (a re-save would silently drop them), newer format
//! versions are refused, and references between ids are checked. Saving writes a
//! temporary file beside the target, syncs it and renames it over the target, keeping the
//! previous file as `NAME.bak`.
//!
//! One file, over 800 lines: loading, the checks made after parsing (unique ids,
//! references, limits, layout) and saving belong to one format and share its limits and
//! error type; the write-behind saver is `write_behind.rs`.

use rustc_hash::{FxHashMap, FxHashSet};
use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::foundation::read::ReadError;
use crate::model::{FORMAT_NAME, FORMAT_VERSION, Pos, Project, Rect};

mod write_behind;

/// Files larger than this are refused before they are read; it bounds memory for hostile
/// input. A 10,000-element project (the element limit, [`limits::MAX_ELEMENTS`]) with a
/// decision on every finding is about 45 MB: a model within the limits fits
/// (`tests/it/project_files.rs` checks the ratio), and [`save`] never writes a file larger
/// than this (it could not be opened again).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// How deeply brackets may nest; the real format needs fewer than 10 levels.
const RECURSION_LIMIT: usize = 64;

/// Coordinates beyond this are refused as corrupt rather than drawn a light-year away.
const MAX_COORDINATE: f32 = 1.0e7;

/// Limits on what one project may hold. They bound the time and memory a crafted file can
/// cost `check` in CI (the analysis is linear in elements and flows, times the boundaries
/// each flow is tested against, and names are copied into every finding's title) while
/// staying far above real models: the largest we know of have a few hundred elements.
/// At 50,000 elements a pull request's model made `report` run 384 s in 7.8 GB and
/// `analyze` write 2 GB of JSON; the limits came down five-fold.
pub mod limits {
    /// Elements in the whole project.
    pub const MAX_ELEMENTS: usize = 10_000;
    /// Data flows in the whole project.
    pub const MAX_FLOWS: usize = 20_000;
    /// Trust boundaries in the whole project.
    pub const MAX_BOUNDARIES: usize = 1_000;
    /// Points of one boundary line, or waypoints of one flow.
    pub const MAX_POINTS: usize = 1_000;
    /// Characters of a name, protocol or technology (they are repeated in findings).
    pub const MAX_NAME_CHARS: usize = 1_000;
    /// Infrastructure resources of one element, and controls of one decision (each one is
    /// matched against every scanner result by `verify`).
    pub const MAX_RESOURCES: usize = 1_000;
    pub const MAX_CONTROLS: usize = 1_000;
    /// Flow-segment × boundary-edge tests in one diagram (flows × boundaries, counting
    /// waypoints and line points): about a second of work.
    pub const MAX_CROSSING_TESTS: u64 = 100_000_000;
}

/// A problem with a file, naming the file and, where known, the place in it.
#[derive(Debug)]
pub struct FileError {
    pub path: PathBuf,
    /// 1-based line and column.
    pub position: Option<(usize, usize)>,
    pub kind: FileErrorKind,
}

#[derive(Debug, thiserror::Error)]
pub enum FileErrorKind {
    #[error("cannot read the file: {0}")]
    Read(#[source] std::io::Error),
    #[error("cannot write the file: {0}")]
    Write(#[source] std::io::Error),
    #[error("the file is {size} bytes; project files are limited to {MAX_FILE_BYTES} bytes")]
    TooLarge { size: u64 },
    #[error("the file is empty: expected a Threatboard project")]
    Empty,
    #[error("the file is not UTF-8 text (it looks binary)")]
    NotText,
    #[error("{0}")]
    Syntax(String),
    #[error(
        "not a Threatboard project: expected `(` and `format: \"threatboard\"` at the start (its content is not shown)"
    )]
    NotAProject,
    #[error("not a Threatboard project: format is {0:?}, expected \"threatboard\"")]
    WrongFormat(String),
    #[error(
        "the file uses format version {found}, newer than this Threatboard reads (up to {FORMAT_VERSION}); open it with a newer Threatboard"
    )]
    TooNew { found: u32 },
    #[error("format version {0} does not exist (versions start at 1)")]
    BadVersion(u32),
    #[error("{0}")]
    Invalid(String),
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, col)) => write!(f, "{}:{line}:{col}: {}", self.path.display(), self.kind),
            None => write!(f, "{}: {}", self.path.display(), self.kind),
        }
    }
}

impl From<ReadError> for FileErrorKind {
    fn from(e: ReadError) -> Self {
        match e {
            ReadError::Io(e) => Self::Read(e),
            other => Self::Invalid(other.to_string()),
        }
    }
}

impl std::error::Error for FileError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.kind.source()
    }
}

impl FileError {
    pub fn new(path: &Path, kind: FileErrorKind) -> Self {
        Self {
            path: path.to_owned(),
            position: None,
            kind,
        }
    }

    pub fn at(mut self, position: Option<(usize, usize)>) -> Self {
        self.position = position;
        self
    }
}

fn ron_options() -> ron::Options {
    ron::Options::default().with_recursion_limit(RECURSION_LIMIT)
}

fn syntax_error(path: &Path, e: &ron::error::SpannedError) -> FileError {
    // ron reports the end of the offending token; its start is where a reader looks.
    let pos = e.span.start;
    let position = (pos.line > 0).then_some((pos.line, pos.col.max(1)));
    FileError::new(path, FileErrorKind::Syntax(e.code.to_string())).at(position)
}

/// The bytes of a model file (ours or another tool's): a regular file of at most
/// [`MAX_FILE_BYTES`], with the size said when it is larger.
pub fn read_model_bytes(path: &Path) -> Result<Vec<u8>, FileError> {
    crate::foundation::read::bounded(path, MAX_FILE_BYTES).map_err(|e| {
        let kind = match e {
            ReadError::TooLarge { size, .. } => FileErrorKind::TooLarge { size },
            other => other.into(),
        };
        FileError::new(path, kind)
    })
}

/// Reads and checks a project file.
pub fn load(path: &Path) -> Result<Project, FileError> {
    let bytes = read_model_bytes(path)?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let valid = String::from_utf8_lossy(valid);
            return Err(FileError::new(path, FileErrorKind::NotText).at(Some(end_position(&valid))));
        }
    };
    load_str(&text, path)
}

/// The 1-based line and column just after `text`.
fn end_position(text: &str) -> (usize, usize) {
    let line = text.matches('\n').count() + 1;
    let col = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The first lines of every project file: read before the rest so that a newer version is
/// refused with a clear message rather than a confusing "unknown field".
#[derive(Deserialize)]
struct Header {
    format: String,
    version: u32,
}

/// `format` and `version` read from the first lines, as canonical files write them:
/// `(\n    format: "threatboard",\n    version: 4,`; `None` when they are not there.
fn quick_header(text: &str) -> Option<Header> {
    // The first 512 bytes, cut at a character boundary (a title in Japanese or an emoji
    // can straddle byte 512: slicing there first panicked — found by the fuzzer).
    let mut end = text.len().min(512);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    let rest = head.trim_start().strip_prefix('(')?.trim_start();
    let rest = rest
        .strip_prefix("format")?
        .trim_start()
        .strip_prefix(':')?
        .trim_start();
    let rest = rest.strip_prefix('"')?;
    let (format, rest) = rest.split_once('"')?;
    if format.contains('\\') {
        return None;
    }
    let rest = rest.trim_start().strip_prefix(',')?.trim_start();
    let rest = rest
        .strip_prefix("version")?
        .trim_start()
        .strip_prefix(':')?
        .trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let after = rest[digits.len()..].trim_start();
    if !after.starts_with(',') {
        return None;
    }
    Some(Header {
        format: format.to_owned(),
        version: digits.parse().ok()?,
    })
}

/// The header read the slow way (a full parse for it alone), then the rest.
fn load_str_slow(text: &str, path: &Path) -> Result<Project, FileError> {
    load_str_inner(text, path, false)
}

/// Parses and checks project text; `path` is used in messages.
pub fn load_str(text: &str, path: &Path) -> Result<Project, FileError> {
    load_str_inner(text, path, true)
}

fn load_str_inner(text: &str, path: &Path, allow_quick: bool) -> Result<Project, FileError> {
    if text.trim().is_empty() {
        return Err(FileError::new(path, FileErrorKind::Empty));
    }
    if text.contains('\0') {
        return Err(FileError::new(path, FileErrorKind::NotText));
    }
    // A current file (canonical: format and version are its first fields) is parsed once;
    // anything else is first read for its header alone, so that a newer version is refused
    // with a clear message rather than an unknown field. What the quick look read is checked
    // against the full parse below.
    let quick = quick_header(text)
        .filter(|_| allow_quick)
        .filter(|h| h.format == FORMAT_NAME && (1..=FORMAT_VERSION).contains(&h.version));
    let header: Header = match &quick {
        Some(h) => Header {
            format: h.format.clone(),
            version: h.version,
        },
        // A file that does not say it is ours (a symlink to a runner's token file, a
        // key) is never quoted back: RON's errors show the text they stumbled on.
        None if crate::foundation::read::declared_format(text).is_none() => {
            return Err(FileError::new(path, FileErrorKind::NotAProject).at(Some((1, 1))));
        }
        None => ron_options()
            .from_str(text)
            .map_err(|e| syntax_error(path, &e))?,
    };
    if header.format != FORMAT_NAME {
        return Err(
            FileError::new(path, FileErrorKind::WrongFormat(header.format))
                .at(locate(text, "format", 0)),
        );
    }
    match header.version {
        0 => {
            return Err(
                FileError::new(path, FileErrorKind::BadVersion(0)).at(locate(text, "version", 0))
            );
        }
        v if v > FORMAT_VERSION => {
            return Err(FileError::new(path, FileErrorKind::TooNew { found: v })
                .at(locate(text, "version", 0)));
        }
        _ => {}
    }
    let mut project: Project = match ron_options().from_str(text) {
        Ok(p) => p,
        // Errors are reported as the slow path reports them (a truncated file as its end).
        Err(_) if quick.is_some() => return load_str_slow(text, path),
        Err(e) => return Err(syntax_error(path, &e)),
    };
    if quick.is_some() && (project.format != header.format || project.version != header.version) {
        // The quick look was fooled (the header is not where canonical files have it):
        // judge the header the slow way.
        let real: Header = ron_options()
            .from_str(text)
            .map_err(|e| syntax_error(path, &e))?;
        if real.format != FORMAT_NAME || real.version == 0 || real.version > FORMAT_VERSION {
            return load_str_slow(text, path);
        }
    }
    // Migrations, oldest first. 1 → 2 only added optional fields (decision provenance,
    // workshop sessions), 2 → 3 a decision's review date: serde fills them with their
    // defaults. (The version still goes up, so an older Threatboard refuses a newer file
    // with a clear message instead of an unknown field.)
    if project.version < FORMAT_VERSION {
        project.version = FORMAT_VERSION;
    }
    check(&project).map_err(|problem| {
        let position = problem
            .needle
            .as_deref()
            .and_then(|needle| locate(text, needle, problem.occurrence));
        FileError::new(path, FileErrorKind::Invalid(problem.message)).at(position)
    })?;
    Ok(project)
}

/// 1-based line and column of the `occurrence`-th (0-based) appearance of `needle`.
fn locate(text: &str, needle: &str, occurrence: usize) -> Option<(usize, usize)> {
    let (offset, _) = text.match_indices(needle).nth(occurrence)?;
    Some(end_position(&text[..offset]))
}

/// A semantic problem found after parsing: a message and what to search for to place it.
struct Problem {
    message: String,
    /// Text to locate in the file (usually a quoted id).
    needle: Option<String>,
    occurrence: usize,
}

impl Problem {
    /// Placed at the `occurrence`-th definition `id: "ID"` of an id in the model.
    fn at_id(message: String, id: &str, occurrence: usize) -> Self {
        Self {
            message,
            needle: Some(format!("id: \"{id}\"")),
            occurrence,
        }
    }

    /// Placed at the layout entry `"ID":` of an id (map keys are its first such text).
    fn at_layout(message: String, id: &str) -> Self {
        Self {
            message,
            needle: Some(format!("\"{id}\":")),
            occurrence: 0,
        }
    }
}

/// Checks what the parser cannot: ids are unique, references resolve, the layout matches
/// the model and holds finite numbers.
fn check(project: &Project) -> Result<(), Problem> {
    if project.diagrams.is_empty() {
        return Err(Problem {
            message: "a project needs at least one diagram".into(),
            needle: Some("diagrams".into()),
            occurrence: 0,
        });
    }
    check_limits(project)?;
    // Ids are unique across the whole project, whatever their kind: the key of a threat
    // record names its subject by id alone.
    let mut seen: FxHashMap<&str, &'static str> = FxHashMap::default();
    let mut ids = Vec::new();
    for d in &project.diagrams {
        ids.push(("diagram", d.id.as_str()));
        ids.extend(d.elements.iter().map(|e| ("element", e.id.as_str())));
        ids.extend(d.flows.iter().map(|f| ("flow", f.id.as_str())));
        ids.extend(d.boundaries.iter().map(|b| ("boundary", b.id.as_str())));
        ids.extend(d.notes.iter().map(|n| ("note", n.id.as_str())));
    }
    ids.extend(
        project
            .manual_threats
            .iter()
            .map(|t| ("manual threat", t.id.as_str())),
    );
    for (kind, id) in ids {
        if let Some(first) = seen.insert(id, kind) {
            return Err(Problem::at_id(
                format!("duplicate id {id:?}: used by a {first} and a {kind}"),
                id,
                1,
            ));
        }
    }

    for d in &project.diagrams {
        let on_diagram: FxHashSet<&str> = d.elements.iter().map(|e| e.id.as_str()).collect();
        for f in &d.flows {
            for (end, id) in [("source", &f.source), ("target", &f.target)] {
                if !on_diagram.contains(id.as_str()) {
                    let message = if project.element(id).is_some() {
                        format!(
                            "flow {:?} ({}) has its {end} {id:?} on another diagram; flows connect elements of one diagram",
                            f.name, f.id
                        )
                    } else {
                        format!(
                            "flow {:?} ({}) has a {end} {id:?} that is not an element of diagram {:?}",
                            f.name, f.id, d.name
                        )
                    };
                    return Err(Problem::at_id(message, f.id.as_str(), 0));
                }
            }
        }
        for e in &d.elements {
            if !project.layout.elements.contains_key(&e.id) {
                return Err(Problem::at_id(
                    format!(
                        "element {:?} ({}) has no position in layout.elements",
                        e.name, e.id
                    ),
                    e.id.as_str(),
                    0,
                ));
            }
        }
        for b in &d.boundaries {
            if !project.layout.boundaries.contains_key(&b.id) {
                return Err(Problem::at_id(
                    format!(
                        "boundary {:?} ({}) has no shape in layout.boundaries",
                        b.name, b.id
                    ),
                    b.id.as_str(),
                    0,
                ));
            }
        }
        for n in &d.notes {
            if !project.layout.notes.contains_key(&n.id) {
                return Err(Problem::at_id(
                    format!("note {} has no position in layout.notes", n.id),
                    n.id.as_str(),
                    0,
                ));
            }
        }
    }

    let layout = &project.layout;
    let unknown = |section: &str, id: &str, exists: bool| -> Result<(), Problem> {
        if exists {
            Ok(())
        } else {
            Err(Problem::at_layout(
                format!("layout.{section} has an entry for {id:?}, which is not in the model"),
                id,
            ))
        }
    };
    for (id, rect) in &layout.elements {
        unknown(
            "elements",
            id.as_str(),
            seen.get(id.as_str()) == Some(&"element"),
        )?;
        check_rect(rect, id.as_str())?;
    }
    for (id, shape) in &layout.boundaries {
        unknown(
            "boundaries",
            id.as_str(),
            seen.get(id.as_str()) == Some(&"boundary"),
        )?;
        match shape {
            crate::model::BoundaryShape::Region(rect) => check_rect(rect, id.as_str())?,
            crate::model::BoundaryShape::Line(points) => {
                if points.len() < 2 {
                    return Err(Problem::at_layout(
                        format!("boundary line {id:?} needs at least two points"),
                        id.as_str(),
                    ));
                }
                for p in points {
                    check_pos(*p, id.as_str())?;
                }
            }
        }
    }
    for (id, rect) in &layout.notes {
        unknown("notes", id.as_str(), seen.get(id.as_str()) == Some(&"note"))?;
        check_rect(rect, id.as_str())?;
    }
    for (id, points) in &layout.waypoints {
        unknown(
            "waypoints",
            id.as_str(),
            seen.get(id.as_str()) == Some(&"flow"),
        )?;
        for p in points {
            check_pos(*p, id.as_str())?;
        }
    }
    Ok(())
}

/// The sizes in [`limits`]; a project beyond them is refused before it is analysed.
fn check_limits(project: &Project) -> Result<(), Problem> {
    use limits::*;
    let total =
        |f: fn(&crate::model::Diagram) -> usize| project.diagrams.iter().map(f).sum::<usize>();
    for (what, count, max) in [
        ("elements", total(|d| d.elements.len()), MAX_ELEMENTS),
        ("data flows", total(|d| d.flows.len()), MAX_FLOWS),
        (
            "trust boundaries",
            total(|d| d.boundaries.len()),
            MAX_BOUNDARIES,
        ),
    ] {
        if count > max {
            return Err(Problem {
                message: format!(
                    "the project has {count} {what}; Threatboard reads at most {max} (split the model into several projects)"
                ),
                needle: None,
                occurrence: 0,
            });
        }
    }
    let long = |what: &str, text: &str, id: &str| -> Result<(), Problem> {
        let n = text.chars().count();
        if n > MAX_NAME_CHARS {
            Err(Problem::at_id(
                format!(
                    "the {what} of {id:?} is {n} characters long; at most {MAX_NAME_CHARS} are allowed"
                ),
                id,
                0,
            ))
        } else {
            Ok(())
        }
    };
    for d in &project.diagrams {
        long("name", &d.name, d.id.as_str())?;
        for e in &d.elements {
            long("name", &e.name, e.id.as_str())?;
            long("technology", &e.technology, e.id.as_str())?;
            if e.resources.len() > MAX_RESOURCES {
                return Err(Problem::at_id(
                    format!(
                        "element {:?} names {} infrastructure resources; at most {MAX_RESOURCES} are allowed",
                        e.name,
                        e.resources.len()
                    ),
                    e.id.as_str(),
                    0,
                ));
            }
            for r in &e.resources {
                long("resource id", &r.id, e.id.as_str())?;
                long("resource type", &r.kind, e.id.as_str())?;
            }
        }
        for f in &d.flows {
            long("name", &f.name, f.id.as_str())?;
            long("protocol", &f.protocol, f.id.as_str())?;
        }
        for b in &d.boundaries {
            long("name", &b.name, b.id.as_str())?;
        }
        // The boundary-crossing tests of the analysis, counted before they are run.
        let layout = &project.layout;
        let edges: u64 = d
            .boundaries
            .iter()
            .map(|b| match layout.boundaries.get(&b.id) {
                Some(crate::model::BoundaryShape::Line(points)) => points.len() as u64,
                _ => 4,
            })
            .sum();
        let segments: u64 = d
            .flows
            .iter()
            .map(|f| 1 + layout.waypoints.get(&f.id).map_or(0, |w| w.len() as u64))
            .sum();
        if segments.saturating_mul(edges) > MAX_CROSSING_TESTS {
            return Err(Problem::at_id(
                format!(
                    "diagram {:?} has {segments} flow segments and {edges} boundary edges: more boundary-crossing tests than Threatboard runs ({MAX_CROSSING_TESTS}); split the diagram",
                    d.name
                ),
                d.id.as_str(),
                0,
            ));
        }
    }
    let records = project
        .threats
        .iter()
        .map(|(k, r)| (k.to_string(), r))
        .chain(
            project
                .manual_threats
                .iter()
                .map(|t| (t.id.to_string(), &t.record)),
        );
    for (key, r) in records {
        if r.controls.len() > MAX_CONTROLS {
            return Err(Problem {
                message: format!(
                    "the decision on {key} names {} controls; at most {MAX_CONTROLS} are allowed",
                    r.controls.len()
                ),
                needle: Some(key.clone()),
                occurrence: 0,
            });
        }
        for c in &r.controls {
            long("control", &c.label(), &key)?;
        }
    }
    for (id, shape) in &project.layout.boundaries {
        if let crate::model::BoundaryShape::Line(points) = shape {
            if points.len() > MAX_POINTS {
                return Err(Problem::at_layout(
                    format!(
                        "boundary line {id:?} has {} points; at most {MAX_POINTS} are allowed",
                        points.len()
                    ),
                    id.as_str(),
                ));
            }
        }
    }
    for (id, points) in &project.layout.waypoints {
        if points.len() > MAX_POINTS {
            return Err(Problem::at_layout(
                format!(
                    "flow {id:?} has {} waypoints; at most {MAX_POINTS} are allowed",
                    points.len()
                ),
                id.as_str(),
            ));
        }
    }
    Ok(())
}

fn check_pos(p: Pos, id: &str) -> Result<(), Problem> {
    let ok = |v: f32| v.is_finite() && v.abs() <= MAX_COORDINATE;
    if ok(p.x) && ok(p.y) {
        Ok(())
    } else {
        Err(Problem::at_layout(
            format!(
                "layout of {id:?} has a coordinate that is not a finite number within ±{MAX_COORDINATE}"
            ),
            id,
        ))
    }
}

fn check_rect(r: &Rect, id: &str) -> Result<(), Problem> {
    check_pos(Pos::new(r.x, r.y), id)?;
    check_pos(Pos::new(r.w, r.h), id)?;
    if r.w < 0.0 || r.h < 0.0 {
        return Err(Problem::at_layout(
            format!("layout of {id:?} has a negative width or height"),
            id,
        ));
    }
    Ok(())
}

/// How canonical files are laid out: pretty RON, four-space indents, no struct names.
fn canonical_config() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        .indentor("    ")
        .new_line("\n")
        .struct_names(false)
        .separate_tuple_members(false)
        .enumerate_arrays(false)
}

/// Checks a project made in memory (an import, a merge) with the same checks as loading a
/// file: ids unique, references resolve, limits. The text checked is generated, so an error
/// names `origin` and what is wrong but no line and column (they would point into text
/// nobody can see, while naming the user's file). Gives the project as read back.
pub fn check_made(project: &Project, origin: &Path) -> Result<Project, FileError> {
    let text = to_canonical_string(project).map_err(|e| {
        FileError::new(
            origin,
            FileErrorKind::Invalid(format!("cannot be written as a project: {e}")),
        )
    })?;
    load_str(&text, origin).map_err(|e| e.at(None))
}

/// The canonical text of a project: pretty RON, maps ordered, same bytes for the same project.
pub fn to_canonical_string<T: serde::Serialize + ?Sized>(
    project: &T,
) -> Result<String, ron::Error> {
    let mut text = ron::ser::to_string_pretty(project, canonical_config())?;
    text.push('\n');
    Ok(text)
}

/// Saves a project atomically, keeping the previous file as `NAME.bak`. The canonical text
/// (the bytes [`to_canonical_string`] gives) is written as it is made, not built in memory
/// first: a 25 MB model is not held twice; another thread writes it while the rest is made.
pub fn save(path: &Path, project: &Project) -> Result<(), FileError> {
    save_up_to(path, project, MAX_FILE_BYTES)
}

/// [`save`], refusing (and leaving the file as it was) when the text would be larger than
/// `limit` bytes.
fn save_up_to(path: &Path, project: &Project, limit: u64) -> Result<(), FileError> {
    write_atomic_with(path, true, |file| {
        write_behind::write_behind(file, |out| {
            ron::Options::default()
                .to_io_writer_pretty(&mut *out, project, canonical_config())
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            out.write_all(b"\n")?;
            let size = out.written();
            if size > limit {
                return Err(std::io::Error::other(format!(
                    "the model is {size} bytes, more than the {limit} a project file may be (it could not be opened again); it was not saved"
                )));
            }
            Ok(())
        })
    })
}

/// Writes `bytes` to `path` so that a reader sees the old file or the new one, never a
/// half-written one: a temporary file in the same folder, flushed and synced, renamed
/// over the target. With `keep_backup`, the previous file is copied to `NAME.bak` first.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), FileError> {
    write_atomic_with(path, keep_backup, |file| file.write_all(bytes))
}

/// [`write_atomic`] with the content written by `write` into the temporary file; if it
/// fails, the temporary file is removed and the target left as it was.
fn write_atomic_with(
    path: &Path,
    keep_backup: bool,
    write: impl FnOnce(&mut fs::File) -> std::io::Result<()>,
) -> Result<(), FileError> {
    let err = |e: std::io::Error| FileError::new(path, FileErrorKind::Write(e));
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    // A replaced file keeps its permissions, except setuid, setgid and sticky: an output
    // written over a setuid program must not become one (the bytes are ours, not its).
    let old_permissions = fs::metadata(path)
        .ok()
        .map(|m| without_special_bits(m.permissions()));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".threatboard-").suffix(".tmp");
    // A new file gets what any program's new file gets: 0666 less the user's umask (a
    // team that keeps threat models private has a umask that says so); a replaced file
    // keeps its permissions.
    new_file_permissions(&mut builder);
    let mut tmp = builder.tempfile_in(&dir).map_err(err)?;
    write(tmp.as_file_mut()).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    if let Some(p) = old_permissions {
        fs::set_permissions(tmp.path(), p).map_err(err)?;
    }
    if keep_backup && path.exists() {
        let mut backup = path.as_os_str().to_owned();
        backup.push(".bak");
        let backup = PathBuf::from(backup);
        // The previous file becomes the backup by a second name for it (no copy of a
        // large model); where links are not possible, by a copy.
        let _ = fs::remove_file(&backup);
        if fs::hard_link(path, &backup).is_err() {
            fs::copy(path, &backup).map_err(err)?;
        }
    }
    tmp.persist(path).map_err(|e| err(e.error))?;
    // Make the rename itself durable; not every platform can open a directory, so a
    // failure here is not an error.
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(unix)]
fn without_special_bits(p: fs::Permissions) -> fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    fs::Permissions::from_mode(p.mode() & 0o777)
}

#[cfg(not(unix))]
fn without_special_bits(p: fs::Permissions) -> fs::Permissions {
    p
}

#[cfg(unix)]
fn new_file_permissions(builder: &mut tempfile::Builder<'_, '_>) {
    use std::os::unix::fs::PermissionsExt;
    // The mode given to open(2), which the kernel reduces by the umask.
    builder.permissions(fs::Permissions::from_mode(0o666));
}

#[cfg(not(unix))]
fn new_file_permissions(_builder: &mut tempfile::Builder<'_, '_>) {}

#[cfg(test)]
mod tests {
    use super::*;

    /// A model too big to open again is not saved: a clear error naming the file, the
    /// file as it was, no temporary file left behind.
    #[test]
    fn a_model_too_big_to_open_again_is_not_saved() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("model.ron");
        let small = crate::synthetic::project(3);
        save(&path, &small).expect("saves");
        let before = fs::read(&path).expect("reads");
        let limit = before.len() as u64 + 100;
        let bigger = crate::synthetic::project(40);
        let err = save_up_to(&path, &bigger, limit).expect_err("refused");
        let message = err.to_string();
        assert!(message.contains("model.ron"), "{message}");
        assert!(message.contains("not saved"), "{message}");
        assert_eq!(fs::read(&path).expect("reads"), before);
        let left: Vec<_> = fs::read_dir(dir.path())
            .expect("lists")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(
            left,
            vec![std::ffi::OsString::from("model.ron")],
            "{left:?}"
        );
        // Within the limit it is saved, and reads back.
        save_up_to(&path, &bigger, u64::MAX).expect("saves");
        assert_eq!(load(&path).expect("loads"), bigger);
    }
}
