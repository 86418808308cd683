//! A table of phrases whose hits set bits, with the words that undo them read: what the
//! controls (`controls.rs`) and the design facts (`design.rs`) share.

use aho_corasick::AhoCorasick;
use std::sync::OnceLock;

use super::Mode;

/// One phrase, the bits it sets and how it must sit in the text.
type Row = (&'static str, u64, Mode);

/// Phrases and the bits each sets, in one or more tables (kept apart by what they say);
/// `skip(text, start, end)` drops a hit that means something else where it sits
/// ("client-side encryption" is no client deciding).
pub(super) struct Phrases {
    tables: &'static [&'static [Row]],
    skip: fn(&str, usize, usize) -> bool,
    matcher: OnceLock<Option<Matcher>>,
}

/// The tables' rows in one list and a matcher over their phrases, built on first use.
struct Matcher {
    phrases: AhoCorasick,
    rows: Vec<Row>,
}

impl Phrases {
    pub(super) const fn new(
        tables: &'static [&'static [Row]],
        skip: fn(&str, usize, usize) -> bool,
    ) -> Self {
        Self {
            tables,
            skip,
            matcher: OnceLock::new(),
        }
    }

    fn matcher(&self) -> Option<&Matcher> {
        self.matcher
            .get_or_init(|| {
                let rows: Vec<Row> = self.tables.iter().flat_map(|t| t.iter().copied()).collect();
                let phrases = super::word_matcher(rows.iter().map(|r| r.0))?;
                Some(Matcher { phrases, rows })
            })
            .as_ref()
    }

    /// Calls `hit(bits, phrase)` for each phrase that sits in `text` as it must and is not
    /// negated.
    fn hits(&self, m: &Matcher, text: &str, mut hit: impl FnMut(u64, &'static str)) {
        let bytes = text.as_bytes();
        for found in m.phrases.find_overlapping_iter(text) {
            let (phrase, bits, mode) = m.rows[found.pattern().as_usize()];
            if super::sits(bytes, found.start(), found.end(), mode)
                && !negated(text, found.start())
                && !(self.skip)(text, found.start(), found.end())
            {
                hit(bits, phrase);
            }
        }
    }

    /// The bits `texts` say.
    pub(super) fn bits<'a>(&self, texts: impl IntoIterator<Item = &'a str>) -> u64 {
        let Some(m) = self.matcher() else {
            return 0;
        };
        let mut bits = 0;
        for text in texts {
            if !text.is_empty() {
                self.hits(m, text, |b, _| bits |= b);
            }
        }
        bits
    }

    /// Where each bit of `texts` comes from: (bit, the label of the text, the phrase),
    /// first hit first.
    pub(super) fn sources<'a>(
        &self,
        texts: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Vec<(u64, &'a str, &'static str)> {
        let mut out: Vec<(u64, &'a str, &'static str)> = Vec::new();
        let Some(m) = self.matcher() else {
            return out;
        };
        for (label, text) in texts {
            self.hits(m, text, |bits, phrase| {
                for bit in (0..64).map(|b| 1u64 << b).filter(|b| bits & b != 0) {
                    if !out.iter().any(|(b, _, _)| *b == bit) {
                        out.push((bit, label, phrase));
                    }
                }
            });
        }
        out
    }
}

/// Words that undo a phrase said just before them ("no rate limiting", "not audited",
/// "without mTLS"): the few words before a hit are looked at.
/// A sentence or clause ends between them: "public endpoint, no login. search by surname"
/// does not negate the search.
pub(super) fn negated(text: &str, start: usize) -> bool {
    let mut words = text[..start].split_whitespace().rev().peekable();
    for _ in 0..3 {
        let Some(raw) = words.next() else { break };
        if raw.ends_with(CLAUSE_END) {
            break;
        }
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if a_number(w, words.peek().copied(), &text[start..]) {
            continue;
        }
        if [
            "no",
            "not",
            "without",
            "lacks",
            "missing",
            "unauthenticated",
        ]
        .iter()
        .any(|n| n.eq_ignore_ascii_case(w))
        {
            return true;
        }
    }
    false
}

/// What ends a sentence or a clause in a description.
const CLAUSE_END: &[char] = &['.', ';', ':', '!', '?', '|', '\n'];

/// Words that undo the noun right after them ("no login", "no card data", "without a
/// password", "never stores card numbers" does not): only the word just before, past
/// an article, so "no TLS to the DB" still names a database.
pub(super) fn noun_negated(text: &str, start: usize) -> bool {
    let before = &text[..start];
    if before.ends_with(CLAUSE_END) {
        return false;
    }
    let mut words = before.split_whitespace().rev().peekable();
    let mut w = words.next();
    if w.is_some_and(|w| ["a", "an", "any"].iter().any(|a| a.eq_ignore_ascii_case(w))) {
        w = words.next();
    }
    // "Sentinel no, DOB": a list goes on, nothing is negated.
    let Some(w) = w.filter(|w| w.ends_with(|c: char| c.is_alphanumeric())) else {
        return false;
    };
    let w = w.trim_start_matches(|c: char| !c.is_alphanumeric());
    !a_number(w, words.peek().copied(), &text[start..])
        && ["no", "without"].iter().any(|n| n.eq_ignore_ascii_case(w))
}

/// Whether `w` is the "no" of a number ("card no + PIN", "tag no.", "acct no", "NI no +
/// DOB"), not a negation: it follows a thing that has numbers (`before`), or what it
/// stands before (`rest`) goes on with a "+" or "&".
fn a_number(w: &str, before: Option<&str>, rest: &str) -> bool {
    w.eq_ignore_ascii_case("no")
        && (rest.starts_with(['+', '&'])
            || before.is_some_and(|b| NUMBERED.iter().any(|n| b.eq_ignore_ascii_case(n))))
}

/// Things with a number teams write as "… no": "card no", "tag no", "acct no".
const NUMBERED: &[&str] = &[
    "card",
    "account",
    "acct",
    "phone",
    "tel",
    "mobile",
    "order",
    "ref",
    "reference",
    "tag",
    "booking",
    "serial",
    "policy",
    "case",
    "invoice",
    "member",
    "patient",
    "customer",
    "container",
    "appt",
    "flight",
    "seat",
    "room",
    "unit",
    "item",
    "part",
    "vehicle",
    "reg",
    "licence",
    "license",
    "id",
    "badge",
    "ticket",
    "claim",
    "house",
];

/// For tables whose every hit counts.
pub(super) fn never(_: &str, _: usize, _: usize) -> bool {
    false
}
