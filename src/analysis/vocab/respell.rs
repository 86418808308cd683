//! Misspelt vocabulary words put right before the cues are read: real models are typed
//! in a hurry ("Authentification Request", "G00gle Authenticatin Provider").

use std::sync::OnceLock;

use super::cue_table;

/// The vocabulary's single words of seven letters or more, lower case: the words a
/// misspelling of is still recognised ("Authentification", "Authenticatin").
fn long_words() -> &'static [&'static str] {
    static W: OnceLock<Vec<&'static str>> = OnceLock::new();
    W.get_or_init(|| {
        let mut words: Vec<&'static str> = cue_table()
            .iter()
            .map(|c| c.0)
            .filter(|p| p.len() >= 7 && p.bytes().all(|b| b.is_ascii_lowercase()))
            .collect();
        words.sort_unstable();
        words.dedup();
        words
    })
}

/// `text` with its misspelt vocabulary words put right, or `None` when it has none. Real
/// models are typed in a hurry: "Authentification Request", "G00gle Authenticatin
/// Provider". A word of seven letters or more that is no vocabulary word but one or two
/// edits (two only from twelve letters, as letters too many) from one with the same first letter reads as that
/// word; digits standing for letters inside a word ("G00gle") read as the letters.
pub(super) fn respelt(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    for token in text.split_inclusive(|c: char| !c.is_alphanumeric()) {
        let (word, sep) = match token.char_indices().last() {
            Some((i, c)) if !c.is_alphanumeric() => (&token[..i], &token[i..]),
            _ => (token, ""),
        };
        let bytes = word.as_bytes();
        let digits = bytes.iter().any(u8::is_ascii_digit);
        // Most words are short or plain: nothing to put right, nothing allocated.
        let fixed = if bytes.len() < 4 || (bytes.len() < 7 && !digits) {
            None
        } else {
            let leet = digits
                && bytes.iter().filter(|b| b.is_ascii_alphabetic()).count() >= 2
                && bytes
                    .iter()
                    .all(|b| b.is_ascii_alphabetic() || matches!(b, b'0' | b'1' | b'3'));
            let lower: String = bytes
                .iter()
                .map(|&b| match b {
                    b'0' if leet => 'o',
                    b'1' if leet => 'l',
                    b'3' if leet => 'e',
                    b => b.to_ascii_lowercase() as char,
                })
                .collect();
            match vocabulary_word(&lower) {
                Some(w) => Some(w.to_owned()),
                None => leet.then_some(lower),
            }
        };
        match fixed {
            Some(w) => {
                changed = true;
                out.push_str(&w);
            }
            None => out.push_str(word),
        }
        out.push_str(sep);
    }
    changed.then_some(out)
}

/// The vocabulary word `lower` (lower case, seven letters or more) is a misspelling of, if
/// any (see [`respelt`]). Remembered per thread: a model repeats its words, and a big one
/// names thousands of elements with the same few.
fn vocabulary_word(lower: &str) -> Option<&'static str> {
    use std::cell::RefCell;
    thread_local! {
        static SEEN: RefCell<rustc_hash::FxHashMap<String, Option<&'static str>>> =
            RefCell::default();
    }
    if lower.len() < 7 || !lower.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    if let Some(known) = SEEN.with(|seen| seen.borrow().get(lower).copied()) {
        return known;
    }
    let words = long_words();
    let most = if lower.len() >= 12 { 2 } else { 1 };
    let found = if words.binary_search(&lower).is_ok() || derived(lower) {
        None
    } else {
        words
            .iter()
            .filter(|w| w.as_bytes()[0] == lower.as_bytes()[0])
            .filter(|w| w.len().abs_diff(lower.len()) <= most)
            .map(|w| (strsim::osa_distance(w, lower), *w))
            // Two edits only as two letters too many ("Authentification"):
            // "Configurator" is no misspelt "configuration".
            .filter(|(d, w)| *d <= 1 || (*d <= most && is_subsequence(w, lower)))
            .min()
            .map(|(_, w)| w)
    };
    SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        // Bounded: a model of a million distinct words forgets and starts again.
        if seen.len() >= 100_000 {
            seen.clear();
        }
        seen.insert(lower.to_owned(), found);
    });
    found
}

/// Whether `lower` is a vocabulary word with an English ending ("invitee", "invited",
/// "approver"): a word of its own, not a misspelling of the nearest long one ("invitee"
/// is no misspelt "invites").
fn derived(lower: &str) -> bool {
    cue_table().iter().map(|c| c.0).any(|w| {
        w.len() >= 5
            && w.bytes().all(|b| b.is_ascii_lowercase())
            && lower
                .strip_prefix(w)
                .is_some_and(|end| ["e", "ee", "ees", "ed", "er", "ers", "d", "r"].contains(&end))
    })
}

/// Whether the letters of `short` appear in `long` in order.
fn is_subsequence(short: &str, long: &str) -> bool {
    let mut rest = long.bytes();
    short.bytes().all(|b| rest.any(|c| c == b))
}
