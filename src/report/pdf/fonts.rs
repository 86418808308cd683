//! The report's fonts (DejaVu Sans regular and bold, Droid Sans Fallback for wide
//! scripts, all embedded) and text measured with them: widths, line wrapping, and runs of
//! one font each.

use super::*;

use crate::scene::text::fonts::{
    BOLD as BOLD_TTF, FALLBACK as FALLBACK_TTF, REGULAR as REGULAR_TTF,
};

pub(super) struct Fonts {
    pub(super) regular: ParsedFont,
    pub(super) bold: ParsedFont,
    pub(super) fallback: ParsedFont,
}

pub(super) fn fonts() -> Result<&'static Fonts, PdfError> {
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
pub(super) enum Face {
    Regular,
    Bold,
}

/// Which of the three fonts draws a character.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Which {
    Regular,
    Bold,
    Fallback,
}

impl Fonts {
    pub(super) fn font(&self, w: Which) -> &ParsedFont {
        match w {
            Which::Regular => &self.regular,
            Which::Bold => &self.bold,
            Which::Fallback => &self.fallback,
        }
    }

    pub(super) fn which(&self, c: char, face: Face) -> Which {
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

    pub(super) fn advance(&self, c: char, face: Face, size: f32) -> f32 {
        let w = self.which(c, face);
        let f = self.font(w);
        let upm = f32::from(f.font_metrics.units_per_em.max(1));
        let gid = f.lookup_glyph_index(c as u32).unwrap_or(0);
        f32::from(f.get_horizontal_advance(gid)) / upm * size
    }

    pub(super) fn width(&self, s: &str, face: Face, size: f32) -> f32 {
        s.chars().map(|c| self.advance(c, face, size)).sum()
    }

    /// Splits `s` into runs drawn by one font each.
    pub(super) fn runs<'s>(&self, s: &'s str, face: Face) -> Vec<(Which, &'s str)> {
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
    pub(super) fn wrap(&self, s: &str, face: Face, size: f32, width: f32) -> Vec<String> {
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
                    // A word longer than the line breaks after a '/', '-' or '_' first;
                    // a piece longer still (ids, hashes, CJK text) anywhere.
                    let fits = |p: &str| self.width(p, face, size) <= width;
                    for piece in crate::scene::text::pieces(word, &fits) {
                        let pw = self.width(piece, face, size);
                        if pw <= width {
                            if line_w + pw > width && !line.is_empty() {
                                lines.push(std::mem::take(&mut line));
                                line_w = 0.0;
                            }
                            line.push_str(piece);
                            line_w += pw;
                            continue;
                        }
                        for c in piece.chars() {
                            let cw = self.advance(c, face, size);
                            if line_w + cw > width && !line.is_empty() {
                                lines.push(std::mem::take(&mut line));
                                line_w = 0.0;
                            }
                            line.push(c);
                            line_w += cw;
                        }
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
