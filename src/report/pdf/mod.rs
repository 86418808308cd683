//! The PDF report for security sign-off, with printpdf.
//!
//! A small page writer lays out text (wrapped with real glyph widths, falling back to a
//! CJK font for characters the main font lacks), tables that continue across pages with
//! their header repeated, and vector diagrams drawn from the same scene geometry as the
//! canvas. Output is deterministic: resource ids are fixed, the document id is derived from
//! the project, and the date comes from the project or `SOURCE_DATE_EPOCH` (today's date
//! only for a project that has none and no `SOURCE_DATE_EPOCH`).

use std::sync::OnceLock;

mod changes;
mod diagram;
mod signoff;
pub use changes::SinceSignOff;
use diagram::diagram_page;
use signoff::{appendix_intro, posture, promised, register};

use printpdf::{
    Color, FontId, Line, LineDashPattern, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rgb, TextItem,
    WindingOrder,
};

use crate::analysis::{Analysis, Finding, Level};
use crate::model::*;

const REGULAR_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");
const FALLBACK_TTF: &[u8] = include_bytes!("../../../assets/fonts/DroidSansFallbackFull.ttf");

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
    /// The report date (ISO 8601).
    pub date: String,
    /// How much of the per-element listing goes into the appendix.
    pub appendix: super::Appendix,
    /// The day review dates are compared with (YYYY-MM-DD).
    pub today: String,
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the report font could not be loaded")]
    Font,
}

struct Fonts {
    regular: ParsedFont,
    bold: ParsedFont,
    fallback: ParsedFont,
}

fn fonts() -> Result<&'static Fonts, PdfError> {
    static FONTS: OnceLock<Option<Fonts>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut w = Vec::new();
            Some(Fonts {
                regular: ParsedFont::from_bytes(REGULAR_TTF, 0, &mut w)?,
                bold: ParsedFont::from_bytes(BOLD_TTF, 0, &mut w)?,
                fallback: ParsedFont::from_bytes(FALLBACK_TTF, 0, &mut w)?,
            })
        })
        .as_ref()
        .ok_or(PdfError::Font)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Face {
    Regular,
    Bold,
}

/// Which of the three fonts draws a character.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Which {
    Regular,
    Bold,
    Fallback,
}

impl Fonts {
    fn font(&self, w: Which) -> &ParsedFont {
        match w {
            Which::Regular => &self.regular,
            Which::Bold => &self.bold,
            Which::Fallback => &self.fallback,
        }
    }

    fn which(&self, c: char, face: Face) -> Which {
        let primary = if face == Face::Bold {
            Which::Bold
        } else {
            Which::Regular
        };
        if self.font(primary).lookup_glyph_index(c as u32).is_some() || c.is_whitespace() {
            primary
        } else {
            Which::Fallback
        }
    }

    fn advance(&self, c: char, face: Face, size: f32) -> f32 {
        let w = self.which(c, face);
        let f = self.font(w);
        let upm = f32::from(f.font_metrics.units_per_em.max(1));
        let gid = f.lookup_glyph_index(c as u32).unwrap_or(0);
        f32::from(f.get_horizontal_advance(gid)) / upm * size
    }

    fn width(&self, s: &str, face: Face, size: f32) -> f32 {
        s.chars().map(|c| self.advance(c, face, size)).sum()
    }

    /// Splits `s` into runs drawn by one font each.
    fn runs<'s>(&self, s: &'s str, face: Face) -> Vec<(Which, &'s str)> {
        let mut out: Vec<(Which, &str)> = Vec::new();
        let mut start = 0;
        let mut current: Option<Which> = None;
        for (i, c) in s.char_indices() {
            let w = self.which(c, face);
            if current.is_some_and(|cw| cw != w) {
                out.push((current.unwrap_or(w), &s[start..i]));
                start = i;
            }
            current = Some(w);
        }
        if let Some(w) = current {
            out.push((w, &s[start..]));
        }
        out
    }

    /// Word-wraps `s` to `width` points.
    fn wrap(&self, s: &str, face: Face, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for para in s.split('\n') {
            let mut line = String::new();
            let mut line_w = 0.0;
            let space = self.advance(' ', face, size);
            for word in para.split(' ') {
                let ww = self.width(word, face, size);
                if !line.is_empty() && line_w + space + ww > width {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                if ww > width {
                    // A word longer than the line (ids, URLs, CJK text): break anywhere.
                    for c in word.chars() {
                        let cw = self.advance(c, face, size);
                        if line_w + cw > width && !line.is_empty() {
                            lines.push(std::mem::take(&mut line));
                            line_w = 0.0;
                        }
                        line.push(c);
                        line_w += cw;
                    }
                    continue;
                }
                if !line.is_empty() {
                    line.push(' ');
                    line_w += space;
                }
                line.push_str(word);
                line_w += ww;
            }
            lines.push(line);
        }
        lines
    }
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

    fn heading(&mut self, s: &str, size: f32) {
        // Room for the heading and the first lines under it: a heading never ends a page.
        self.ensure(size * 3.0 + 60.0);
        self.y += size * 0.6;
        self.para(s, Face::Bold, size, BLACK);
        self.y += size * 0.3;
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
            let page_room = ((self.bottom() - (MARGIN + HEADER) - 2.0 * lh - 4.0 * pad) / lh)
                .floor()
                .max(1.0) as usize;
            loop {
                let room = ((self.bottom() - self.y - 2.0 * pad) / lh).floor().max(0.0) as usize;
                if room == 0 || (room < lines && (lines <= page_room || room < 3)) {
                    let size_now = self.size();
                    self.page(size_now);
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
                let size_now = self.size();
                self.page(size_now);
                header(self);
            }
        }
        self.y += 8.0;
    }
}

// ---------------------------------------------------------------- report

fn overall_status(a: &Analysis) -> (String, Rgb8) {
    let blocking = a.open_at_or_above(Severity::High).count();
    let errors = a.errors().count();
    if blocking == 0 && errors == 0 {
        (
            "Ready for sign-off: no open high or critical threats, no validation errors".to_owned(),
            Rgb8(0x2e, 0x9d, 0x4f),
        )
    } else {
        (
            format!(
                "Not ready: {}, {}",
                crate::edit::count(
                    blocking,
                    "open high or critical threat",
                    "open high or critical threats"
                ),
                crate::edit::count(errors, "validation error", "validation errors")
            ),
            Rgb8(0xb0, 0x00, 0x20),
        )
    }
}

fn cover(w: &mut Writer<'_>, p: &Project, a: &Analysis, o: &PdfOptions) {
    w.page(PORTRAIT);
    w.bookmark("Cover");
    w.y = 150.0;
    w.para("Threat model report", Face::Regular, 14.0, GREY);
    w.y += 6.0;
    w.para(
        if p.meta.title.is_empty() {
            "Untitled threat model"
        } else {
            &p.meta.title
        },
        Face::Bold,
        28.0,
        BLACK,
    );
    w.y += 18.0;
    let reviewers = p
        .meta
        .reviewers
        .iter()
        .map(|r| {
            if r.role.is_empty() {
                r.name.clone()
            } else {
                format!("{} ({})", r.name, r.role)
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    let rows = [
        ("Version", p.meta.version_label.clone()),
        ("Date", o.date.clone()),
        ("Owner", p.meta.owner.clone()),
        ("Reviewers", reviewers),
        ("Project file", o.source_name.clone()),
        ("Model SHA-256", o.model_sha256.clone()),
        (
            "Signed off",
            match &o.signed {
                Some(s) => format!(
                    "{}; {}",
                    SinceSignOff {
                        signed: s.clone(),
                        diff: Default::default()
                    }
                    .label(),
                    match (o.changed_since_signoff, &o.since) {
                        (false, _) => "unchanged since",
                        (true, Some(_)) => "CHANGED SINCE: see \"Changes since\" next",
                        (true, None) => "CHANGED SINCE (no copy of the signed model to compare)",
                    }
                ),
                None => "not yet".to_owned(),
            },
        ),
    ];
    for (k, v) in rows {
        let y = w.y;
        w.text_at(MARGIN, y, k, Face::Bold, 10.0, GREY);
        // The hash is long: a smaller size keeps it on one line.
        let size = if k == "Model SHA-256" { 8.0 } else { 10.0 };
        let lines = w.fonts.wrap(
            if v.is_empty() { "—" } else { &v },
            Face::Regular,
            size,
            w.width() - 110.0,
        );
        for (i, line) in lines.iter().enumerate() {
            w.text_at(
                MARGIN + 110.0,
                y + i as f32 * 13.0,
                line,
                Face::Regular,
                size,
                BLACK,
            );
        }
        w.y += lines.len() as f32 * 13.0 + 6.0;
    }
    w.y += 14.0;
    let (status, c) = overall_status(a);
    let y = w.y;
    w.rect(MARGIN, y, w.width(), 30.0, Some(c), None);
    w.text_at(
        MARGIN + 10.0,
        y + 9.0,
        &status,
        Face::Bold,
        11.0,
        Rgb8(0xff, 0xff, 0xff),
    );
    w.y += 44.0;
    let s = &a.summary;
    w.para(
        &{
            use crate::edit::count;
            format!(
                "{}: {} open, {} decided. {}, {}.",
                count(s.total, "threat", "threats"),
                s.open,
                s.total - s.open,
                count(s.errors, "validation error", "validation errors"),
                count(s.warnings, "warning", "warnings")
            )
        },
        Face::Regular,
        10.5,
        BLACK,
    );
    if !p.meta.description.is_empty() {
        w.y += 10.0;
        w.para(&p.meta.description, Face::Regular, 10.5, BLACK);
    }
}

fn summary(w: &mut Writer<'_>, a: &Analysis, o: &PdfOptions) {
    w.page(PORTRAIT);
    w.section("Summary");
    w.para(&posture(a), Face::Bold, 10.5, BLACK);
    w.y += 6.0;
    // A stacked bar per STRIDE category: how many threats in each status.
    let chart_h = 150.0;
    let top = w.y;
    let max = Stride::ALL
        .iter()
        .map(|s| {
            a.summary
                .by_category
                .get(&s.letter().to_string())
                .map_or(0, |c| c.total)
        })
        .max()
        .unwrap_or(0)
        .max(1) as f32;
    let bar_w = 40.0;
    let gap = (w.width() - 120.0 - 6.0 * bar_w) / 6.0;
    for (i, st) in Stride::ALL.iter().enumerate() {
        let x = MARGIN + 30.0 + i as f32 * (bar_w + gap);
        let mut y = top + chart_h;
        for status in Status::ALL {
            let n = a
                .threats()
                .filter(|f| f.category == Category::Stride(*st) && f.status() == status)
                .count();
            if n == 0 {
                continue;
            }
            let h = n as f32 / max * chart_h;
            w.rect(x, y - h, bar_w, h, Some(status_color(status)), None);
            y -= h;
        }
        let total = a
            .summary
            .by_category
            .get(&st.letter().to_string())
            .map_or(0, |c| c.total);
        w.text_at(
            x + bar_w / 2.0 - 8.0,
            top + chart_h + 4.0,
            &format!("{} {}", st.letter(), total),
            Face::Bold,
            9.0,
            BLACK,
        );
    }
    w.line(
        &[
            (MARGIN + 20.0, top + chart_h),
            (MARGIN + w.width() - 90.0, top + chart_h),
        ],
        GREY,
        0.8,
        None,
        false,
    );
    // Legend.
    let lx = MARGIN + w.width() - 80.0;
    for (i, st) in Status::ALL.iter().enumerate() {
        let ly = top + i as f32 * 14.0;
        w.rect(lx, ly + 2.0, 8.0, 8.0, Some(status_color(*st)), None);
        w.text_at(lx + 12.0, ly, st.label(), Face::Regular, 8.0, BLACK);
    }
    w.y = top + chart_h + 24.0;

    // Category × status table.
    let mut cols = vec![Col {
        title: "Category",
        width: 120.0,
    }];
    let titles = [
        "Open",
        "Needs inv.",
        "Mitigated",
        "N/A",
        "Accepted",
        "Transferred",
    ];
    for t in titles {
        cols.push(Col {
            title: t,
            width: (w.width() - 160.0) / 6.0,
        });
    }
    cols.push(Col {
        title: "Total",
        width: 40.0,
    });
    let mut rows = Vec::new();
    for st in Stride::ALL {
        let mut row = vec![Cell::new(st.label())];
        let mut total = 0;
        for status in Status::ALL {
            let n = a
                .threats()
                .filter(|f| f.category == Category::Stride(st) && f.status() == status)
                .count();
            total += n;
            row.push(Cell::new(n.to_string()));
        }
        row.push(Cell::new(total.to_string()));
        rows.push(row);
    }
    w.table(&cols, &rows);
    let sev_cols = [
        Col {
            title: "Severity",
            width: 120.0,
        },
        Col {
            title: "Open",
            width: 80.0,
        },
        Col {
            title: "All",
            width: 80.0,
        },
    ];
    let sev_rows: Vec<Vec<Cell>> = Severity::ALL
        .iter()
        .rev()
        .map(|s| {
            vec![
                Cell::colored(s.label(), severity_color(*s)),
                Cell::new(
                    a.summary
                        .open_by_severity
                        .get(s.label())
                        .copied()
                        .unwrap_or(0)
                        .to_string(),
                ),
                Cell::new(
                    a.summary
                        .by_severity
                        .get(s.label())
                        .copied()
                        .unwrap_or(0)
                        .to_string(),
                ),
            ]
        })
        .collect();
    w.table(&sev_cols, &sev_rows);

    // The open high and critical threats are listed once, in the residual-risk register.
    let urgent = a.open_at_or_above(Severity::High).count();
    w.para(
        &format!(
            "{} — listed in the residual-risk register after the diagrams.",
            crate::edit::count(
                urgent,
                "open high or critical threat",
                "open high or critical threats"
            )
        ),
        Face::Regular,
        10.0,
        BLACK,
    );
    let _ = o;
}

/// Draws one diagram fitted to a landscape page, with a legend.
fn yes(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

fn element_properties(e: &Element) -> String {
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
                yes(x.authenticates_itself)
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

fn inventory(w: &mut Writer<'_>, p: &Project) {
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
                "{}; encrypted {}, integrity {}, source authenticated {}, destination authenticated {}; {} data{}",
                if f.protocol.is_empty() {
                    "protocol unspecified"
                } else {
                    &f.protocol
                },
                yes(f.encrypted),
                yes(f.integrity_protected),
                yes(f.authenticates_source),
                yes(f.authenticates_destination),
                words_of(&f.classification),
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

fn threats(w: &mut Writer<'_>, p: &Project, a: &Analysis, o: &PdfOptions) {
    w.page_unless_fresh(PORTRAIT);
    w.section("Threats by element");
    if !o.include_mitigated {
        w.para(
            "Mitigated threats are left out of this report.",
            Face::Regular,
            9.0,
            GREY,
        );
    }
    let ww = w.width();
    let cols = [
        Col {
            title: "Cat",
            width: 22.0,
        },
        Col {
            title: "Threat",
            width: 180.0,
        },
        Col {
            title: "Severity",
            width: 50.0,
        },
        Col {
            title: "Status",
            width: 58.0,
        },
        Col {
            title: "Mitigation / justification",
            width: ww - 360.0,
        },
        Col {
            title: "Owner",
            width: 50.0,
        },
    ];
    let mut i = 0;
    let findings: Vec<&Finding> = a
        .threats()
        .filter(|f| o.include_mitigated || f.status() != Status::Mitigated)
        .filter(|f| o.appendix != super::Appendix::Open || f.status().is_open())
        .collect();
    while i < findings.len() {
        let subject = findings[i].subject().to_owned();
        let start = i;
        while i < findings.len() && findings[i].subject() == subject {
            i += 1;
        }
        let group = &findings[start..i];
        let kind = group[0].subject_kind.snake().replace('_', " ");
        w.heading(
            &format!(
                "{} ({kind}, {})",
                group[0].subject_name(),
                group[0].diagram_name()
            ),
            11.0,
        );
        let rows: Vec<Vec<Cell>> = group
            .iter()
            .map(|f| {
                let mut decision = f.record.mitigation.clone();
                if !f.record.justification.is_empty() {
                    if !decision.is_empty() {
                        decision.push('\n');
                    }
                    decision.push_str(&format!("Justification: {}", f.record.justification));
                }
                if decision.is_empty() {
                    decision = f
                        .suggested_mitigations()
                        .first()
                        .map_or(String::new(), |m| format!("Suggested: {m}"));
                }
                // The rule id (the subject is the section's) ties the line to CI output
                // without a column of internal keys.
                vec![
                    Cell::new(crate::report::category_code(&f.category)),
                    Cell::new(format!(
                        "{}\n({})\nRule: {}",
                        f.title,
                        crate::report::reason_only(&f.severity_reason),
                        f.rule_id()
                    )),
                    Cell::colored(f.severity.label(), severity_color(f.severity)),
                    Cell::colored(f.status().label(), status_color(f.status())),
                    Cell::new(decision),
                    Cell::new(f.record.owner.clone()),
                ]
            })
            .collect();
        w.table(&cols, &rows);
    }
    checklist(w, p, a);
    let out_of_scope = &a.out_of_scope;
    if !out_of_scope.is_empty() {
        w.heading("Out of scope", 11.0);
        let rows: Vec<Vec<Cell>> = out_of_scope
            .iter()
            .map(|o| {
                vec![
                    Cell::new(o.name.clone()),
                    Cell::new(o.subject_kind.snake().replace('_', " ")),
                    Cell::new(o.reason.clone()),
                ]
            })
            .collect();
        w.table(
            &[
                Col {
                    title: "Element or flow",
                    width: 150.0,
                },
                Col {
                    title: "Kind",
                    width: 80.0,
                },
                Col {
                    title: "Reason",
                    width: ww - 230.0,
                },
            ],
            &rows,
        );
    }
    let _ = p;
}

/// The STRIDE checklist: per subject, the categories no specific threat answered and that
/// are still open, as questions for the reviewer rather than threats.
fn checklist(w: &mut Writer<'_>, p: &Project, a: &Analysis) {
    let rows: Vec<Vec<Cell>> = p
        .diagrams
        .iter()
        .flat_map(|d| crate::report::checklist_by_subject(a, d.id.as_str()))
        .map(|(name, letters)| vec![Cell::new(name.to_owned()), Cell::new(letters)])
        .collect();
    if rows.is_empty() {
        return;
    }
    w.heading("STRIDE checklist", 11.0);
    w.para(
        &format!(
            "{} questions are open where no specific threat was found: the categories of the STRIDE-per-element table still to be asked of each subject (S spoofing, T tampering, R repudiation, I information disclosure, D denial of service, E elevation of privilege).",
            a.summary.checklist_open
        ),
        Face::Regular,
        9.0,
        GREY,
    );
    let ww = w.width();
    w.table(
        &[
            Col {
                title: "Element or flow",
                width: ww - 120.0,
            },
            Col {
                title: "Open questions",
                width: 120.0,
            },
        ],
        &rows,
    );
}

/// Where the rules in force differ from the built-in ones: on the summary page, before any
/// threat, because a signer must know that the gate was changed.
fn rule_changes(w: &mut Writer<'_>, a: &Analysis) {
    let Some(text) = a.rule_changes_text() else {
        return;
    };
    w.heading("Rule changes", 12.0);
    w.para(&text, Face::Bold, 10.0, Rgb8(0xb0, 0, 0x20));
    w.y += 4.0;
    let ww = w.width();
    let rows: Vec<Vec<Cell>> = a
        .rule_changes
        .iter()
        .map(|c| {
            vec![
                Cell::new(c.change.verb()),
                Cell::new(c.rule.clone()),
                Cell::new(c.origin.clone()),
            ]
        })
        .collect();
    w.table(
        &[
            Col {
                title: "Change",
                width: 70.0,
            },
            Col {
                title: "Rule",
                width: 190.0,
            },
            Col {
                title: "Catalogue file",
                width: ww - 260.0,
            },
        ],
        &rows,
    );
}

/// Validation messages: in the body the errors (they block sign-off) and a count of the
/// warnings; in the appendix the warnings themselves.
fn validation(w: &mut Writer<'_>, a: &Analysis, body: bool) {
    let warnings = a
        .validation
        .iter()
        .filter(|m| m.level == Level::Warning)
        .count();
    let messages: Vec<_> = a
        .validation
        .iter()
        .filter(|m| {
            if body {
                m.level == Level::Error
            } else {
                m.level == Level::Warning
            }
        })
        .collect();
    if body {
        w.section("Open validation errors");
        if messages.is_empty() {
            w.para("None.", Face::Regular, 10.0, BLACK);
        }
        if warnings > 0 {
            w.para(
                &format!(
                    "{} in the appendix.",
                    crate::edit::count(
                        warnings,
                        "validation warning is",
                        "validation warnings are"
                    )
                ),
                Face::Regular,
                10.0,
                GREY,
            );
        }
    } else {
        if messages.is_empty() {
            return;
        }
        w.section("Validation warnings");
    }
    if messages.is_empty() {
        return;
    }
    let ww = w.width();
    let rows: Vec<Vec<Cell>> = messages
        .iter()
        .map(|m| {
            vec![
                Cell::colored(
                    m.level.label(),
                    if m.level == Level::Error {
                        Rgb8(0xb0, 0, 0x20)
                    } else {
                        Rgb8(0xe6, 0x9b, 0)
                    },
                ),
                Cell::new(m.code),
                Cell::new(m.message.clone()),
            ]
        })
        .collect();
    w.table(
        &[
            Col {
                title: "Level",
                width: 50.0,
            },
            Col {
                title: "Code",
                width: 110.0,
            },
            Col {
                title: "Message",
                width: ww - 160.0,
            },
        ],
        &rows,
    );
}

fn sessions(w: &mut Writer<'_>, p: &Project, a: &Analysis) {
    if p.sessions.is_empty() {
        return;
    }
    w.page(PORTRAIT);
    w.section("Workshop sessions");
    for s in &p.sessions {
        w.heading(&super::human_span(&s.started, &s.ended), 11.0);
        w.para(
            &format!(
                "Facilitator: {}. Participants: {}.",
                s.facilitator,
                if s.participants.is_empty() {
                    "not recorded".to_owned()
                } else {
                    s.participants.join(", ")
                }
            ),
            Face::Regular,
            9.5,
            BLACK,
        );
        let decided = crate::report::session_decisions(p, a, s);
        if decided.is_empty() {
            w.para("No decisions recorded.", Face::Regular, 9.5, GREY);
            continue;
        }
        let ww = w.width();
        let rows: Vec<Vec<Cell>> = decided
            .iter()
            .map(|f| {
                let text = if f.record.justification.is_empty() {
                    f.record.mitigation.clone()
                } else {
                    f.record.justification.clone()
                };
                vec![
                    Cell::new(f.title.clone()),
                    Cell::new(f.subject_name().to_string()),
                    Cell::colored(f.status().label(), status_color(f.status())),
                    Cell::new(text),
                    Cell::new(format!("{}\n{}", f.record.decided_by, f.record.decided_at)),
                ]
            })
            .collect();
        w.table(
            &[
                Col {
                    title: "Threat",
                    width: 130.0,
                },
                Col {
                    title: "Element",
                    width: 80.0,
                },
                Col {
                    title: "Decision",
                    width: 62.0,
                },
                Col {
                    title: "Mitigation / justification",
                    width: ww - 362.0,
                },
                Col {
                    title: "By, when",
                    width: 90.0,
                },
            ],
            &rows,
        );
    }
}

fn sign_off(w: &mut Writer<'_>, p: &Project) {
    w.page(PORTRAIT);
    w.section("Sign-off");
    w.para("Each reviewer records a decision on this report, which refers to the model by the SHA-256 on the cover (the same hash `threatboard sign-off` records).", Face::Regular, 10.0, BLACK);
    if !p.signoffs.is_empty() {
        w.y += 6.0;
        w.para("Recorded sign-offs", Face::Bold, 11.0, BLACK);
        let rows: Vec<Vec<Cell>> = p
            .signoffs
            .iter()
            .rev()
            .map(|s| {
                vec![
                    Cell::new(if s.role.is_empty() {
                        s.reviewer.clone()
                    } else {
                        format!("{} ({})", s.reviewer, s.role)
                    }),
                    Cell::new(crate::report::human_time(&s.at)),
                    Cell::new(&s.version_label),
                    Cell::new(s.model_sha256.get(..16).unwrap_or(&s.model_sha256)),
                    Cell::new(crate::edit::count(
                        s.accepted.len(),
                        "open threat",
                        "open threats",
                    )),
                ]
            })
            .collect();
        w.table(
            &[
                Col {
                    title: "Reviewer",
                    width: 130.0,
                },
                Col {
                    title: "When",
                    width: 120.0,
                },
                Col {
                    title: "Version",
                    width: 60.0,
                },
                Col {
                    title: "Model hash",
                    width: 110.0,
                },
                Col {
                    title: "Accepted",
                    width: 75.0,
                },
            ],
            &rows,
        );
    }
    w.y += 10.0;
    let mut reviewers = p.meta.reviewers.clone();
    if reviewers.is_empty() {
        reviewers.push(Reviewer {
            name: String::new(),
            role: String::new(),
        });
    }
    for r in &reviewers {
        w.ensure(150.0);
        let y = w.y;
        w.rect(MARGIN, y, w.width(), 130.0, None, Some((RULE, 0.8)));
        w.text_at(
            MARGIN + 10.0,
            y + 10.0,
            &format!("Name: {}", r.name),
            Face::Bold,
            10.5,
            BLACK,
        );
        w.text_at(
            MARGIN + 10.0,
            y + 26.0,
            &format!("Role: {}", r.role),
            Face::Regular,
            10.0,
            BLACK,
        );
        let mut x = MARGIN + 10.0;
        for choice in ["Approved", "Approved with conditions", "Rejected"] {
            w.rect(x, y + 48.0, 10.0, 10.0, None, Some((BLACK, 0.8)));
            w.text_at(x + 14.0, y + 47.0, choice, Face::Regular, 10.0, BLACK);
            x += 30.0 + w.fonts.width(choice, Face::Regular, 10.0);
        }
        w.text_at(
            MARGIN + 10.0,
            y + 72.0,
            "Conditions:",
            Face::Regular,
            10.0,
            GREY,
        );
        w.line(
            &[
                (MARGIN + 80.0, y + 82.0),
                (MARGIN + w.width() - 10.0, y + 82.0),
            ],
            RULE,
            0.6,
            None,
            false,
        );
        w.text_at(MARGIN + 10.0, y + 100.0, "Date:", Face::Regular, 10.0, GREY);
        w.line(
            &[(MARGIN + 45.0, y + 110.0), (MARGIN + 180.0, y + 110.0)],
            BLACK,
            0.6,
            None,
            false,
        );
        w.text_at(
            MARGIN + 200.0,
            y + 100.0,
            "Signature:",
            Face::Regular,
            10.0,
            GREY,
        );
        w.line(
            &[
                (MARGIN + 260.0, y + 110.0),
                (MARGIN + w.width() - 10.0, y + 110.0),
            ],
            BLACK,
            0.6,
            None,
            false,
        );
        w.y += 145.0;
    }
}

/// The report date: the project's date, else `SOURCE_DATE_EPOCH` (for byte-identical
/// reports in pipelines), else today's date (UTC): a signed report always says when it was
/// made, never "1 January 1970".
pub fn report_date(project: &Project) -> String {
    if !project.meta.date.trim().is_empty() {
        return project.meta.date.trim().to_owned();
    }
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

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
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
        changes::changes_since(&mut w, since);
    }
    summary(&mut w, analysis, options);
    rule_changes(&mut w, analysis);
    for d in &project.diagrams {
        diagram_page(&mut w, project, d, analysis);
    }
    // The body: what a signer signs, then the signatures; the detail follows as appendices.
    register(&mut w, analysis, options);
    promised(&mut w, analysis, options);
    validation(&mut w, analysis, true);
    sign_off(&mut w, project);
    appendix_intro(&mut w, analysis, options);
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
        assert_eq!(super::civil_from_days(0), (1970, 1, 1));
        assert_eq!(super::civil_from_days(20_418), (2025, 11, 26));
    }
}
