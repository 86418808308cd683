//! The PDF report for security sign-off, with printpdf.
//!
//! A small page writer lays out text (wrapped with real glyph widths, falling back to a
//! CJK font for characters the main font lacks), tables that continue across pages with
//! their header repeated, and vector diagrams drawn from the same scene geometry as the
//! canvas. Output is deterministic: resource ids are fixed, the document id is derived from
//! the project, and the date comes from the project or `SOURCE_DATE_EPOCH` (today's date
//! only for a project that has none and no `SOURCE_DATE_EPOCH`).
//!
//! One file, over 800 lines: the page writer (text, wrapping, tables across pages) and the
//! document around it (`render`, dates, ids) that every section draws through; the
//! sections themselves are modules of their own (`cover`, `summary`, `signoff`, …).

use std::sync::OnceLock;

mod appendix;
mod fonts;
use fonts::{Face, Fonts, Which, fonts};
mod changes;
mod cover;
mod inventory;
mod summary;
use appendix::{sessions, threats, validation};
use cover::cover;
use inventory::inventory;
use summary::{rule_changes, summary};
mod diagram;
mod signatures;
mod signoff;
mod verification;

pub use changes::SinceSignOff;
use diagram::diagram_page;
use signatures::sign_off;
use signoff::{appendix_intro, checklist_decisions, posture, promised, register};

use printpdf::{
    Color, FontId, Line, LineDashPattern, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rgb, TextItem,
    WindingOrder,
};

use crate::analysis::{Analysis, Finding, Level};
use crate::model::*;

/// What goes into the report.
#[derive(Clone, Debug)]
pub struct PdfOptions {
    pub include_mitigated: bool,
    pub include_inventory: bool,
    /// The project file's name, shown on the cover.
    pub source_name: String,
    /// The model's hash (`history::model_hash`), so a signature refers to an exact model.
    pub model_sha256: String,
    /// The latest sign-off and what changed since, when the model changed after it.
    pub since: Option<SinceSignOff>,
    /// The latest sign-off, if any …
    pub signed: Option<crate::model::SignOff>,
    /// … and whether the model changed (in meaning) since.
    pub changed_since_signoff: bool,
    /// What each recorded sign-off's signature is worth, in the model's order (empty:
    /// not checked, shown as before).
    pub signatures: Vec<crate::history::signing::SignatureCheck>,
    /// The report date (ISO 8601).
    pub date: String,
    /// How much of the per-element listing goes into the appendix.
    pub appendix: super::Appendix,
    /// The day review dates are compared with (YYYY-MM-DD).
    pub today: String,
    /// The controls against the pipeline's evidence, when evidence was given.
    pub verification: Option<crate::evidence::Verification>,
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the report font could not be loaded")]
    Font,
    #[error(transparent)]
    Hash(#[from] crate::history::HashError),
    #[error(
        "the model is too big for one PDF report: {what} ({found}; a report holds at most {limit}). Export each diagram as SVG, or split the model"
    )]
    TooBig {
        what: &'static str,
        found: usize,
        limit: usize,
    },
}

/// What one PDF report may hold. A report's memory and time grow with the elements it
/// draws and with the text of their names, which every threat row repeats: at 10,000
/// elements it took 20 s and 1.9 GB, and 3,000 elements with 1,000-character names took
/// 55 s and 3.8 GB. Within these limits a report stays within about 60 s and 2 GB on a
/// 2-core machine (`docs/security.md` says how it was measured); no reviewer signs a
/// thicker document anyway.
pub mod budget {
    /// Elements in the whole project.
    pub const MAX_ELEMENTS: usize = 5_000;
    /// Characters of all the names (elements, flows, boundaries) together.
    pub const MAX_NAME_CHARS: usize = 1_000_000;
}

/// Refuses a project too big for one report, before any of it is drawn.
pub fn check_budget(project: &Project) -> Result<(), PdfError> {
    let elements: usize = project.diagrams.iter().map(|d| d.elements.len()).sum();
    if elements > budget::MAX_ELEMENTS {
        return Err(PdfError::TooBig {
            what: "elements",
            found: elements,
            limit: budget::MAX_ELEMENTS,
        });
    }
    let chars: usize = project
        .diagrams
        .iter()
        .map(|d| {
            d.elements
                .iter()
                .map(|e| e.name.chars().count())
                .sum::<usize>()
                + d.flows
                    .iter()
                    .map(|f| f.name.chars().count())
                    .sum::<usize>()
                + d.boundaries
                    .iter()
                    .map(|b| b.name.chars().count())
                    .sum::<usize>()
        })
        .sum();
    if chars > budget::MAX_NAME_CHARS {
        return Err(PdfError::TooBig {
            what: "characters of names",
            found: chars,
            limit: budget::MAX_NAME_CHARS,
        });
    }
    Ok(())
}

// ---------------------------------------------------------------- colours

#[derive(Clone, Copy)]
struct Rgb8(u8, u8, u8);

fn color(c: Rgb8) -> Color {
    Color::Rgb(Rgb::new(
        f32::from(c.0) / 255.0,
        f32::from(c.1) / 255.0,
        f32::from(c.2) / 255.0,
        None,
    ))
}

const BLACK: Rgb8 = Rgb8(0x11, 0x14, 0x18);
const GREY: Rgb8 = Rgb8(0x6b, 0x72, 0x7b);
const LIGHT: Rgb8 = Rgb8(0xe6, 0xe8, 0xeb);
const RULE: Rgb8 = Rgb8(0xc4, 0xc8, 0xce);
const BOUNDARY: Rgb8 = Rgb8(0xc6, 0x28, 0x28);

fn severity_color(s: Severity) -> Rgb8 {
    let c = crate::scene::palette::severity(s);
    Rgb8(c.0, c.1, c.2)
}

fn status_color(s: Status) -> Rgb8 {
    let c = crate::scene::palette::status(s);
    Rgb8(c.0, c.1, c.2)
}

// ---------------------------------------------------------------- pages

const PORTRAIT: (f32, f32) = (595.28, 841.89);
const LANDSCAPE: (f32, f32) = (841.89, 595.28);
const MARGIN: f32 = 48.0;
const HEADER: f32 = 30.0;

struct Page {
    size: (f32, f32),
    ops: Vec<Op>,
}

/// A table column: title and width in points.
struct Col {
    title: &'static str,
    width: f32,
}

struct Cell {
    text: String,
    face: Face,
    color: Rgb8,
}

impl Cell {
    fn new(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            face: Face::Regular,
            color: BLACK,
        }
    }

    fn colored(text: impl Into<String>, color: Rgb8) -> Self {
        Self {
            text: text.into(),
            face: Face::Bold,
            color,
        }
    }
}

struct Writer<'f> {
    fonts: &'f Fonts,
    pages: Vec<Page>,
    /// Distance from the top of the current page.
    y: f32,
    bookmarks: Vec<(String, usize)>,
    /// The latest heading: a table continued on a new page repeats it.
    last_heading: Option<String>,
}

fn pt(x: f32, y: f32) -> Point {
    Point { x: Pt(x), y: Pt(y) }
}

fn font_id(w: Which) -> FontId {
    FontId(match w {
        Which::Regular => "F1".into(),
        Which::Bold => "F2".into(),
        Which::Fallback => "F3".into(),
    })
}

impl<'f> Writer<'f> {
    fn new(fonts: &'f Fonts) -> Self {
        Self {
            fonts,
            pages: Vec::new(),
            y: 0.0,
            bookmarks: Vec::new(),
            last_heading: None,
        }
    }

    fn page(&mut self, size: (f32, f32)) {
        self.pages.push(Page {
            size,
            ops: Vec::new(),
        });
        self.y = MARGIN + HEADER;
    }

    /// A new page, unless the current one has this size and only a short title on it
    /// (an appendix title page goes on with its first section).
    fn page_unless_fresh(&mut self, size: (f32, f32)) {
        let fresh =
            self.pages.last().is_some_and(|p| p.size == size) && self.y < MARGIN + HEADER + 90.0;
        if !fresh {
            self.page(size);
        } else {
            self.y += 14.0;
        }
    }

    fn size(&self) -> (f32, f32) {
        self.pages.last().map_or(PORTRAIT, |p| p.size)
    }

    fn width(&self) -> f32 {
        self.size().0 - 2.0 * MARGIN
    }

    fn bottom(&self) -> f32 {
        self.size().1 - MARGIN - 16.0
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.page(PORTRAIT);
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last].ops
    }

    fn bookmark(&mut self, name: &str) {
        let page = self.pages.len();
        self.bookmarks.push((name.to_owned(), page));
    }

    /// Starts a new page if less than `h` points are left.
    fn ensure(&mut self, h: f32) -> bool {
        if self.y + h > self.bottom() {
            let size = self.size();
            self.page(size);
            true
        } else {
            false
        }
    }

    /// Text with its baseline at `top + size` from the page top.
    fn text_at(&mut self, x: f32, top: f32, s: &str, face: Face, size: f32, c: Rgb8) {
        if s.is_empty() {
            return;
        }
        let page_h = self.size().1;
        let baseline = page_h - top - size * 0.85;
        let fonts = self.fonts;
        let mut cx = x;
        let mut ops = Vec::new();
        for (which, run) in fonts.runs(s, face) {
            ops.push(Op::StartTextSection);
            ops.push(Op::SetFillColor { col: color(c) });
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(font_id(which)),
                size: Pt(size),
            });
            ops.push(Op::SetTextCursor {
                pos: pt(cx, baseline),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(run.to_owned())],
            });
            ops.push(Op::EndTextSection);
            cx += fonts.width(run, face, size);
        }
        self.ops().extend(ops);
    }

    /// A wrapped paragraph at the cursor; returns its height.
    fn para(&mut self, s: &str, face: Face, size: f32, c: Rgb8) -> f32 {
        let lines = self.fonts.wrap(s, face, size, self.width());
        let lh = size * 1.35;
        for line in &lines {
            self.ensure(lh);
            let y = self.y;
            self.text_at(MARGIN, y, line, face, size, c);
            self.y += lh;
        }
        lines.len() as f32 * lh
    }

    /// Drawing from here on is clipped to the polygon, until [`Self::end_clip`].
    fn begin_clip(&mut self, pts: &[(f32, f32)]) {
        let page_h = self.size().1;
        let ring = PolygonRing {
            points: pts
                .iter()
                .map(|(x, y)| LinePoint {
                    p: pt(*x, page_h - *y),
                    bezier: false,
                })
                .collect(),
        };
        self.ops().extend([
            Op::SaveGraphicsState,
            Op::DrawPolygon {
                polygon: Polygon {
                    rings: vec![ring],
                    mode: PaintMode::Clip,
                    winding_order: WindingOrder::NonZero,
                },
            },
        ]);
    }

    fn end_clip(&mut self) {
        self.ops().push(Op::RestoreGraphicsState);
    }

    /// A grey paragraph at a place, wrapped to the text width.
    fn para_at(&mut self, x: f32, top: f32, s: &str, size: f32) {
        let lines = self.fonts.wrap(s, Face::Regular, size, self.width());
        for (i, line) in lines.iter().enumerate() {
            self.text_at(
                x,
                top + i as f32 * size * 1.3,
                line,
                Face::Regular,
                size,
                GREY,
            );
        }
    }

    fn heading(&mut self, s: &str, size: f32) {
        // Room for the heading and the first lines under it: a heading never ends a page.
        self.ensure(size * 3.0 + 60.0);
        self.y += size * 0.6;
        self.para(s, Face::Bold, size, BLACK);
        self.y += size * 0.3;
        self.last_heading = Some(s.to_owned());
    }

    /// A new page for a table that goes on: the heading it is under, marked continued.
    fn continue_table(&mut self) {
        let size = self.size();
        self.page(size);
        if let Some(h) = self.last_heading.clone() {
            self.para(&format!("{h} (continued)"), Face::Bold, 10.0, GREY);
            self.y += 2.0;
        }
    }

    fn section(&mut self, s: &str) {
        self.bookmark(s);
        self.heading(s, 16.0);
    }

    fn polygon(
        &mut self,
        pts: &[(f32, f32)],
        mode: PaintMode,
        fill: Option<Rgb8>,
        stroke: Option<(Rgb8, f32)>,
    ) {
        let page_h = self.size().1;
        let ring = PolygonRing {
            points: pts
                .iter()
                .map(|(x, y)| LinePoint {
                    p: pt(*x, page_h - *y),
                    bezier: false,
                })
                .collect(),
        };
        let mut ops = Vec::new();
        ops.push(Op::SaveGraphicsState);
        if let Some(f) = fill {
            ops.push(Op::SetFillColor { col: color(f) });
        }
        if let Some((s, w)) = stroke {
            ops.push(Op::SetOutlineColor { col: color(s) });
            ops.push(Op::SetOutlineThickness { pt: Pt(w) });
        }
        ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![ring],
                mode,
                winding_order: WindingOrder::NonZero,
            },
        });
        ops.push(Op::RestoreGraphicsState);
        self.ops().extend(ops);
    }

    fn rect(
        &mut self,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb8>,
        stroke: Option<(Rgb8, f32)>,
    ) {
        let mode = match (fill.is_some(), stroke.is_some()) {
            (true, true) => PaintMode::FillStroke,
            (true, false) => PaintMode::Fill,
            _ => PaintMode::Stroke,
        };
        self.polygon(
            &[(x, y), (x + w, y), (x + w, y + h), (x, y + h)],
            mode,
            fill,
            stroke,
        );
    }

    fn line(
        &mut self,
        pts: &[(f32, f32)],
        stroke: Rgb8,
        width: f32,
        dash: Option<&[f32]>,
        closed: bool,
    ) {
        let page_h = self.size().1;
        let mut ops = vec![
            Op::SaveGraphicsState,
            Op::SetOutlineColor { col: color(stroke) },
            Op::SetOutlineThickness { pt: Pt(width) },
        ];
        if let Some(d) = dash {
            ops.push(Op::SetLineDashPattern {
                dash: LineDashPattern::new(0.0, d),
            });
        }
        ops.push(Op::DrawLine {
            line: Line {
                points: pts
                    .iter()
                    .map(|(x, y)| LinePoint {
                        p: pt(*x, page_h - *y),
                        bezier: false,
                    })
                    .collect(),
                is_closed: closed,
            },
        });
        ops.push(Op::RestoreGraphicsState);
        self.ops().extend(ops);
    }

    fn circle(&mut self, cx: f32, cy: f32, r: f32, fill: Rgb8) {
        let pts: Vec<(f32, f32)> = (0..20)
            .map(|i| {
                let a = i as f32 / 20.0 * std::f32::consts::TAU;
                (cx + r * a.cos(), cy + r * a.sin())
            })
            .collect();
        self.polygon(&pts, PaintMode::Fill, Some(fill), None);
    }

    /// A table with wrapped cells; the header is repeated on every page it spans.
    fn table(&mut self, cols: &[Col], rows: &[Vec<Cell>]) {
        let size = 8.5;
        let lh = size * 1.3;
        let pad = 3.0;
        // Every column at least as wide as its longest word ("Transferred", "medium"),
        // so words are never cut; the room comes from the column with the most to spare.
        let cols: Vec<Col> = {
            let longest = |text: &str, face: Face| {
                text.split([' ', '\n'])
                    .map(|w| self.fonts.width(w, face, size))
                    .fold(0.0f32, f32::max)
            };
            let need: Vec<f32> = cols
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let cells = rows
                        .iter()
                        .filter_map(|r| r.get(i))
                        .map(|cell| longest(&cell.text, cell.face))
                        .fold(0.0f32, f32::max);
                    // Ids and URLs longer than this still break anywhere.
                    (longest(c.title, Face::Bold).max(cells) + 2.0 * pad + 1.0).min(110.0)
                })
                .collect();
            let mut widths: Vec<f32> = cols.iter().map(|c| c.width).collect();
            let mut deficit = 0.0;
            for (w, n) in widths.iter_mut().zip(&need) {
                if *n > *w {
                    deficit += *n - *w;
                    *w = *n;
                }
            }
            while deficit > 0.01 {
                let Some((j, slack)) = widths
                    .iter()
                    .zip(&need)
                    .map(|(w, n)| w - n)
                    .enumerate()
                    .max_by(|a, b| a.1.total_cmp(&b.1))
                else {
                    break;
                };
                if slack <= 0.01 {
                    break;
                }
                let take = slack.min(deficit);
                widths[j] -= take;
                deficit -= take;
            }
            cols.iter()
                .zip(widths)
                .map(|(c, width)| Col {
                    title: c.title,
                    width,
                })
                .collect()
        };
        let cols = cols.as_slice();
        let header_lines = cols
            .iter()
            .map(|c| {
                self.fonts
                    .wrap(c.title, Face::Bold, size, c.width - 2.0 * pad)
                    .len()
            })
            .max()
            .unwrap_or(1);
        let header = |w: &mut Writer<'_>| {
            let y = w.y;
            let total: f32 = cols.iter().map(|c| c.width).sum();
            let h = header_lines as f32 * lh + 2.0 * pad;
            w.rect(MARGIN, y, total, h, Some(LIGHT), None);
            let mut x = MARGIN;
            for c in cols {
                let lines = w.fonts.wrap(c.title, Face::Bold, size, c.width - 2.0 * pad);
                for (i, line) in lines.iter().enumerate() {
                    w.text_at(
                        x + pad,
                        y + pad + i as f32 * lh,
                        line,
                        Face::Bold,
                        size,
                        BLACK,
                    );
                }
                x += c.width;
            }
            w.y += h;
        };
        self.ensure(3.0 * (lh + 2.0 * pad));
        header(self);
        for row in rows {
            let wrapped: Vec<Vec<String>> = row
                .iter()
                .zip(cols)
                .map(|(cell, col)| {
                    self.fonts
                        .wrap(&cell.text, cell.face, size, col.width - 2.0 * pad)
                })
                .collect();
            let mut lines = wrapped.iter().map(Vec::len).max().unwrap_or(1);
            let mut start = 0;
            // Lines a fresh page holds under the header: a row that fits on one page is
            // never split; only a row taller than a page is split across pages.
            let page_room = ((self.bottom() - (MARGIN + HEADER) - 2.0 * lh - 4.0 * pad - 16.0) / lh)
                .floor()
                .max(1.0) as usize;
            loop {
                let room = ((self.bottom() - self.y - 2.0 * pad) / lh).floor().max(0.0) as usize;
                if room == 0 || (room < lines && (lines <= page_room || room < 3)) {
                    self.continue_table();
                    header(self);
                    continue;
                }
                let take = room.min(lines);
                let y = self.y;
                let h = take as f32 * lh + 2.0 * pad;
                let mut x = MARGIN;
                for ((cell, col), text) in row.iter().zip(cols).zip(&wrapped) {
                    for (i, line) in text.iter().skip(start).take(take).enumerate() {
                        self.text_at(
                            x + pad,
                            y + pad + i as f32 * lh,
                            line,
                            cell.face,
                            size,
                            cell.color,
                        );
                    }
                    x += col.width;
                }
                let total: f32 = cols.iter().map(|c| c.width).sum();
                self.line(
                    &[(MARGIN, y + h), (MARGIN + total, y + h)],
                    RULE,
                    0.5,
                    None,
                    false,
                );
                self.y += h;
                start += take;
                lines -= take;
                if lines == 0 {
                    break;
                }
                self.continue_table();
                header(self);
            }
        }
        self.y += 8.0;
    }
}

/// A SHA-256 as eight groups of eight hex digits, four to a line: it never wraps with a
/// stray digit on a line of its own, and is easy to compare by eye.
fn grouped_hash(hash: &str) -> String {
    let groups: Vec<&str> = hash
        .as_bytes()
        .chunks(8)
        .map(|c| std::str::from_utf8(c).unwrap_or(""))
        .collect();
    groups
        .chunks(4)
        .map(|line| line.join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

// ---------------------------------------------------------------- report

/// The report date: the date of export (UTC), or `SOURCE_DATE_EPOCH` when set (for
/// byte-identical reports in pipelines): a signed report says when it was made, never
/// "1 January 1970" and never the model's own date.
pub fn report_date(project: &Project) -> String {
    // The model's own date is when it was written, not when this report was made: the
    // cover shows it apart.
    let _ = project;
    super::today()
}

/// The PDF's creation date from a report date ("2026-11-20", or an ISO time): `None` when
/// it is not one.
fn pdf_date(date: &str) -> Option<printpdf::OffsetDateTime> {
    let (y, m, d) = crate::model::parse_date(date)?;
    let mut t = printpdf::OffsetDateTime::epoch();
    t.date.year = y;
    t.date.month = u8::try_from(m).ok()?;
    t.date.day = u8::try_from(d).ok()?;
    Some(t)
}

/// Renders the report. Deterministic for the same project, analysis and options.
pub fn render(
    project: &Project,
    analysis: &Analysis,
    options: &PdfOptions,
) -> Result<Vec<u8>, PdfError> {
    let fonts = fonts()?;
    let mut w = Writer::new(fonts);
    cover(&mut w, project, analysis, options);
    if let Some(since) = &options.since {
        changes::changes_since(&mut w, since, project, analysis);
    }
    summary(&mut w, project, analysis, options);
    rule_changes(&mut w, analysis);
    // An empty diagram (a Threat Dragon sequence diagram, a tab never drawn on) gets a
    // line under the register, not a page of its own; one is drawn when all are empty.
    let is_empty = |d: &&Diagram| {
        d.elements.is_empty() && d.flows.is_empty() && d.boundaries.is_empty() && d.notes.is_empty()
    };
    let empty: Vec<&str> = if project.diagrams.iter().all(|d| is_empty(&d)) {
        Vec::new()
    } else {
        project
            .diagrams
            .iter()
            .filter(is_empty)
            .map(|d| d.name.as_str())
            .collect()
    };
    let deferred: Vec<diagram::DeferredDetails> = project
        .diagrams
        .iter()
        .filter(|d| !empty.contains(&d.name.as_str()) || !is_empty(d))
        .filter_map(|d| diagram_page(&mut w, project, d, analysis))
        .collect();
    // The body: what a signer signs, then the signatures; the detail follows as appendices.
    register(&mut w, analysis, options);
    if !empty.is_empty() {
        w.para(
            &format!(
                "Empty {}, not printed: {}.",
                if empty.len() == 1 {
                    "diagram"
                } else {
                    "diagrams"
                },
                empty.join(", ")
            ),
            Face::Regular,
            10.0,
            GREY,
        );
    }
    promised(&mut w, analysis, options);
    checklist_decisions(&mut w, analysis, options);
    if let Some(v) = &options.verification {
        verification::verification(&mut w, v);
    }
    validation(&mut w, analysis, true);
    sign_off(&mut w, project, options);
    appendix_intro(&mut w, analysis, options);
    if !deferred.is_empty() {
        w.section("Diagram details");
        for d in &deferred {
            diagram::deferred_details(&mut w, d);
        }
    }
    if options.include_inventory {
        inventory(&mut w, project);
    }
    if options.appendix != super::Appendix::None {
        threats(&mut w, project, analysis, options);
    }
    validation(&mut w, analysis, false);
    sessions(&mut w, project, analysis);

    // Header and footer, now that the page count is known.
    let total = w.pages.len();
    let title = format!(
        "{}{}",
        if project.meta.title.is_empty() {
            "Threat model"
        } else {
            &project.meta.title
        },
        if project.meta.version_label.is_empty() {
            String::new()
        } else {
            format!(" — version {}", project.meta.version_label)
        }
    );
    for i in 0..total {
        let (pw, ph) = w.pages[i].size;
        let last = w.pages.len() - 1;
        // Draw on page i by temporarily making it the last page.
        w.pages.swap(i, last);
        if i > 0 {
            w.text_at(MARGIN, MARGIN - 20.0, &title, Face::Regular, 8.0, GREY);
            w.line(
                &[(MARGIN, MARGIN - 6.0), (pw - MARGIN, MARGIN - 6.0)],
                RULE,
                0.5,
                None,
                false,
            );
        }
        let footer = format!("page {} of {total}", i + 1);
        let fw = fonts.width(&footer, Face::Regular, 8.0);
        w.text_at(
            pw - MARGIN - fw,
            ph - MARGIN + 4.0,
            &footer,
            Face::Regular,
            8.0,
            GREY,
        );
        if !options.date.is_empty() {
            w.text_at(
                MARGIN,
                ph - MARGIN + 4.0,
                &format!("Threatboard report · {}", options.date),
                Face::Regular,
                8.0,
                GREY,
            );
        }
        w.pages.swap(i, last);
    }

    let mut doc = PdfDocument::new(&project.meta.title);
    doc.metadata.info.author = project.meta.owner.clone();
    doc.metadata.info.creator = "Threatboard".into();
    doc.metadata.info.producer = "Threatboard (printpdf)".into();
    doc.metadata.info.subject = "Threat model report".into();
    if let Some(t) = pdf_date(&options.date) {
        doc.metadata.info.creation_date = t;
        doc.metadata.info.modification_date = t;
        doc.metadata.info.metadata_date = t;
    }
    for (id, font) in [
        (Which::Regular, &fonts.regular),
        (Which::Bold, &fonts.bold),
        (Which::Fallback, &fonts.fallback),
    ] {
        doc.resources
            .fonts
            .map
            .insert(font_id(id), printpdf::PdfFont::new(font.clone()));
    }
    for (i, (name, page)) in w.bookmarks.iter().enumerate() {
        doc.bookmarks.map.insert(
            printpdf::PageAnnotId(format!("B{i:04}")),
            printpdf::PageAnnotation {
                name: name.clone(),
                page: *page,
            },
        );
    }
    let pages: Vec<PdfPage> = w
        .pages
        .into_iter()
        .map(|p| {
            PdfPage::new(
                Mm(p.size.0 * 25.4 / 72.0),
                Mm(p.size.1 * 25.4 / 72.0),
                p.ops,
            )
        })
        .collect();
    let mut warnings = Vec::new();
    let mut bytes = doc
        .with_pages(pages)
        .save(&PdfSaveOptions::default(), &mut warnings);
    stable_document_id(&mut bytes, &options.model_sha256);
    Ok(bytes)
}

/// printpdf writes a random document id into the trailer; replace it (same length, so no
/// offsets move) with one derived from the project, so the same project gives the same bytes.
fn stable_document_id(bytes: &mut [u8], seed: &str) {
    let Some(at) = find(bytes, b"/ID") else {
        return;
    };
    let mut replacement = seed.bytes().filter(u8::is_ascii_alphanumeric).cycle();
    let mut i = at + 3;
    let end = (at + 120).min(bytes.len());
    let mut inside = false;
    while i < end {
        match bytes[i] {
            b'(' => inside = true,
            b')' => inside = false,
            b']' => break,
            _ if inside => {
                if let Some(r) = replacement.next() {
                    bytes[i] = r;
                }
            }
            _ => {}
        }
        i += 1;
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    #[test]
    fn civil_dates() {
        assert_eq!(crate::foundation::time::civil_from_days(0), (1970, 1, 1));
        assert_eq!(
            crate::foundation::time::civil_from_days(20_418),
            (2025, 11, 26)
        );
    }
}
