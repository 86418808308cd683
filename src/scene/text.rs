//! Text measurement for placing labels, from the metrics of the fonts every renderer
//! uses (DejaVu Sans, regular and bold; wide scripts measured as full-width). The canvas's
//! own font is narrower, so boxes measured here hold its text too.

use std::sync::OnceLock;

/// The fonts every renderer uses (canvas, SVG/PNG, PDF), embedded once: DejaVu Sans
/// regular and bold, and Droid Sans Fallback for wide scripts.
pub mod fonts {
    pub const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
    pub const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");
    pub const FALLBACK: &[u8] = include_bytes!("../../assets/fonts/DroidSansFallbackFull.ttf");
}

use fonts::{BOLD, REGULAR};

/// Advance widths at size 1 of the characters up to U+2FFF, regular and bold.
struct Widths {
    regular: Vec<f32>,
    bold: Vec<f32>,
}

const TABLE: usize = 0x3000;

fn widths() -> &'static Widths {
    static W: OnceLock<Widths> = OnceLock::new();
    W.get_or_init(|| {
        let table = |bytes: &[u8]| -> Vec<f32> {
            let Ok(face) = ttf_parser::Face::parse(bytes, 0) else {
                return vec![0.6; TABLE];
            };
            let em = f32::from(face.units_per_em()).max(1.0);
            (0..TABLE as u32)
                .map(|c| {
                    char::from_u32(c)
                        .and_then(|c| face.glyph_index(c))
                        .and_then(|g| face.glyph_hor_advance(g))
                        .map_or(0.6, |a| f32::from(a) / em)
                })
                .collect()
        };
        Widths {
            regular: table(REGULAR),
            bold: table(BOLD),
        }
    })
}

/// The width of one line of `text` at `size`.
pub fn width(text: &str, size: f32, bold: bool) -> f32 {
    let w = widths();
    let table = if bold { &w.bold } else { &w.regular };
    text.chars()
        .map(|c| {
            let i = c as usize;
            if i < TABLE {
                table[i]
            } else {
                // CJK and other wide scripts (drawn with the fallback font).
                1.0
            }
        })
        .sum::<f32>()
        * size
}

/// Line height at `size`.
pub fn line_height(size: f32) -> f32 {
    size * 1.25
}

/// `word` cut after each of `seps`, the separator kept at the end of its piece.
fn cut_after<'a>(word: &'a str, seps: &[char]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut from = 0;
    for (i, c) in word.char_indices() {
        let end = i + c.len_utf8();
        if seps.contains(&c) && end < word.len() {
            out.push(&word[from..end]);
            from = end;
        }
    }
    out.push(&word[from..]);
    out
}

/// A word too wide for its line in pieces where a reader expects a line to break: after
/// each '/' (paths, URLs, "RSA/TOTP/HOTP"), and only within a piece still too wide
/// (`fits` says) after '-' and '_' — so "tracker.example/" + "SEC-204", not
/// "tracker.example/SEC-" + "204". Separators stay at the end of their piece.
pub fn pieces<'a>(word: &'a str, fits: &dyn Fn(&str) -> bool) -> Vec<&'a str> {
    cut_after(word, &['/'])
        .into_iter()
        .flat_map(|p| {
            if fits(p) {
                vec![p]
            } else {
                cut_after(p, &['-', '_'])
            }
        })
        .collect()
}

/// `text` broken into lines no wider than `max`, at spaces; explicit line breaks are kept.
/// A word too wide for a line of its own breaks after a '/', '-' or '_' ("RSA/TOTP/" and
/// "HOTP", never "RSA/TOTP/HO" and "TP"); a piece still too wide is shortened with an
/// ellipsis rather than cut inside.
pub fn wrap(text: &str, size: f32, bold: bool, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let fits = |s: &str| width(s, size, bold) <= max;
    for para in text.lines() {
        let mut line = String::new();
        for word in para.split_whitespace() {
            if fits(word) {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if fits(&candidate) || line.is_empty() {
                    line = candidate;
                } else {
                    lines.push(std::mem::take(&mut line));
                    line = word.to_owned();
                }
                continue;
            }
            let mut space = !line.is_empty();
            for piece in pieces(word, &fits) {
                let piece = if fits(piece) {
                    piece.to_owned()
                } else {
                    elide(piece, size, bold, max)
                };
                let candidate = match (line.is_empty(), space) {
                    (true, _) => piece.clone(),
                    (false, true) => format!("{line} {piece}"),
                    (false, false) => format!("{line}{piece}"),
                };
                if fits(&candidate) || line.is_empty() {
                    line = candidate;
                } else {
                    lines.push(std::mem::take(&mut line));
                    line = piece;
                }
                space = false;
            }
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// `text` cut to fit `max` with an ellipsis.
pub fn elide(text: &str, size: f32, bold: bool, max: f32) -> String {
    if width(text, size, bold) <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        if width(&format!("{out}{c}…"), size, bold) > max {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wider_text_measures_wider_and_wraps() {
        assert!(width("WWWW", 10.0, false) > width("iiii", 10.0, false));
        assert!(width("Bold", 10.0, true) > width("Bold", 10.0, false));
        let lines = wrap("Cart and checkout API calls", 11.0, false, 90.0);
        assert!(lines.len() >= 2, "{lines:?}");
        assert!(lines.iter().all(|l| width(l, 11.0, false) <= 90.0));
        let cut = elide("Refunds and product updates", 11.0, false, 60.0);
        assert!(
            cut.ends_with('…') && width(&cut, 11.0, false) <= 60.0,
            "{cut}"
        );
        assert_eq!(width("支付", 10.0, false), 20.0);
    }

    #[test]
    fn a_long_word_breaks_where_a_reader_expects_never_inside() {
        let max = width("RSA/TOTP/HO", 10.0, false);
        let lines = wrap("Login RSA/TOTP/HOTP", 10.0, false, max);
        assert_eq!(lines, ["Login RSA/", "TOTP/HOTP"]);
        let lines = wrap(
            "order_events-queue",
            10.0,
            false,
            width("order_events-", 10.0, false),
        );
        assert_eq!(lines, ["order_events-", "queue"]);
        // One word wider than the whole box alone: shortened, not cut into two.
        let lines = wrap(
            "Authorisation gateway",
            10.0,
            false,
            width("Authorisa", 10.0, false),
        );
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            lines[0].ends_with('…') && lines[1] == "gateway",
            "{lines:?}"
        );
    }
}
