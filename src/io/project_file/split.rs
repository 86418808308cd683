//! Parsing a big project file on several threads.
//!
//! Nearly all of a big model is its diagrams' `elements` and `flows` lists and its
//! decisions (the `threats` map). One pass over the text finds where those lists start and
//! end and where their items are separated; each list is cut at item boundaries into
//! pieces of about the same size, every piece is parsed as a list (or map) of its own on
//! whichever thread is free, and the rest of the file (the "skeleton": everything but the
//! lists' contents) is parsed as a whole. The pieces are then put back in order.
//!
//! The answer is always the one parsing the whole text in one go gives, or nothing: the
//! pass that finds the lists understands only plain RON — double-quoted strings, brackets,
//! identifiers, numbers — and gives up on anything else (comments, raw or byte strings,
//! characters, `#![enable(…)]`, non-ASCII outside strings), and any piece or the skeleton
//! that does not parse gives up too. The caller then parses the whole text the usual way,
//! which also gives the error message with its line and column.

use std::sync::atomic::{AtomicBool, Ordering};

use std::collections::BTreeMap;

use crate::model::{Element, Flow, Project, ThreatKey, ThreatRecord};

/// Below this, one thread parses faster than several can be started and joined.
pub(super) const MIN_TEXT_BYTES: usize = 1 << 20;

/// Nesting the scan follows before giving up (the format needs fewer than 10 levels).
const MAX_DEPTH: usize = 64;

/// Which list a bracket opens: a diagram's elements or flows, or the project's decisions
/// (a map, `threats: { … }`).
#[derive(Clone, Copy, Debug, PartialEq)]
enum List {
    Elements(usize),
    Flows(usize),
    Threats,
}

impl List {
    /// The bracket that closes it.
    fn close(self) -> u8 {
        match self {
            List::Elements(_) | List::Flows(_) => b']',
            List::Threats => b'}',
        }
    }

    /// How many fewer levels of ron's recursion limit its items may use in a piece than in
    /// the whole parse. ron counts a level for every struct, list or map, list item and
    /// field or map value: an element sits eight levels down (the project, its `diagrams`
    /// value, the list, the item, the diagram, its `elements` value, the list, the item)
    /// and two in a piece; a decision four down (the project, its `threats` value, the map,
    /// the value) and two in a piece.
    fn levels_above(self) -> usize {
        match self {
            List::Elements(_) | List::Flows(_) => 6,
            List::Threats => 2,
        }
    }
}

/// One list's contents: the text between its brackets, and the offsets just after each
/// comma that separates two of its items.
#[derive(Debug)]
struct ListBody {
    list: List,
    start: usize,
    end: usize,
    item_ends: Vec<usize>,
}

/// What opened the brackets the scan is inside.
#[derive(Clone, Copy, PartialEq)]
enum Open {
    /// The project itself (the outermost parenthesis).
    Project,
    /// The project's `diagrams` list.
    Diagrams,
    /// The `n`-th diagram.
    Diagram(usize),
    /// One of the lists that are split.
    List(usize),
    Other,
}

/// Bytes the scan stops at: brackets, quotes, and what makes a text more than plain RON
/// (comments, characters, `#`, anything not ASCII). Everything else — whitespace,
/// identifiers, numbers, `:` and `,` — is passed over.
const STOP: [bool; 256] = {
    let mut stop = [false; 256];
    let mut b = 0;
    while b < 256 {
        stop[b] = matches!(
            b as u8,
            b'"' | b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'/' | b'\'' | b'#' | 0x80..=0xff
        );
        b += 1;
    }
    stop
};

/// Finds the `elements` and `flows` lists of every diagram; `None` when the text uses
/// anything beyond plain RON (see the module doc) or its brackets do not match.
fn scan(text: &str) -> Option<Vec<ListBody>> {
    let bytes = text.as_bytes();
    let mut stack: Vec<Open> = Vec::new();
    let mut lists: Vec<ListBody> = Vec::new();
    let mut diagrams = 0usize;
    let mut i = 0;
    loop {
        i += bytes[i..].iter().position(|&b| STOP[usize::from(b)])?;
        let b = bytes[i];
        match b {
            b'"' => {
                // A string right after an identifier character is a raw (`r"…"`) or byte
                // (`b"…"`) string, whose rules differ.
                if i > 0 && is_ident_byte(bytes[i - 1]) {
                    return None;
                }
                i = string_end(bytes, i + 1)?;
                continue;
            }
            b'(' | b'[' | b'{' => {
                if stack.len() >= MAX_DEPTH {
                    return None;
                }
                let open = match (stack.as_slice(), b) {
                    ([], b'(') => Open::Project,
                    ([Open::Project], b'{') if key_before(bytes, i) == Some("threats") => {
                        lists.push(ListBody::new(List::Threats, i + 1));
                        Open::List(lists.len() - 1)
                    }
                    ([Open::Project], b'[') if key_before(bytes, i) == Some("diagrams") => {
                        Open::Diagrams
                    }
                    ([Open::Project, Open::Diagrams], b'(') => {
                        diagrams += 1;
                        Open::Diagram(diagrams - 1)
                    }
                    ([Open::Project, Open::Diagrams, Open::Diagram(d)], b'[') => {
                        match key_before(bytes, i) {
                            Some("elements") => {
                                lists.push(ListBody::new(List::Elements(*d), i + 1));
                                Open::List(lists.len() - 1)
                            }
                            Some("flows") => {
                                lists.push(ListBody::new(List::Flows(*d), i + 1));
                                Open::List(lists.len() - 1)
                            }
                            _ => Open::Other,
                        }
                    }
                    _ => Open::Other,
                };
                stack.push(open);
            }
            b')' | b']' | b'}' => match stack.pop()? {
                Open::List(l) => {
                    if b != lists[l].list.close() {
                        return None;
                    }
                    lists[l].end = i;
                }
                Open::Project => {
                    // The end of the project: what follows can only be whitespace (or
                    // the whole parse fails, which the skeleton's parse finds).
                    return (lists.iter().all(|l| l.end >= l.start)).then_some(lists);
                }
                _ => {
                    // An item of a list ends: the list can be cut after its comma.
                    if let Some(Open::List(l)) = stack.last() {
                        let rest = &bytes[i + 1..];
                        let gap = rest.len() - rest.trim_ascii_start().len();
                        if rest.get(gap) == Some(&b',') {
                            lists[*l].item_ends.push(i + 1 + gap + 1);
                        }
                    }
                }
            },
            // Comments, characters, raw identifiers and strings, extensions: not plain.
            _ => return None,
        }
        i += 1;
    }
}

impl ListBody {
    fn new(list: List, start: usize) -> Self {
        Self {
            list,
            start,
            end: 0,
            item_ends: Vec::new(),
        }
    }
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The offset just after the string whose contents start at `from`.
fn string_end(bytes: &[u8], mut from: usize) -> Option<usize> {
    loop {
        let at = from + memchr::memchr2(b'"', b'\\', bytes.get(from..)?)?;
        if bytes[at] == b'"' {
            return Some(at + 1);
        }
        from = at + 2; // an escaped character: `\"` does not end the string
    }
}

/// The field name in `name:` just before the bracket at `at`, if there is one.
fn key_before(bytes: &[u8], at: usize) -> Option<&str> {
    let before = bytes[..at]
        .trim_ascii_end()
        .strip_suffix(b":")?
        .trim_ascii_end();
    let start = before
        .iter()
        .rposition(|&b| !is_ident_byte(b))
        .map_or(0, |p| p + 1);
    std::str::from_utf8(&before[start..]).ok()
}

/// A piece of one list to parse: `text[start..end]` holds whole items.
struct Piece {
    list: usize,
    start: usize,
    end: usize,
}

/// What a piece of work gave.
enum Parsed {
    Skeleton(Box<Project>),
    Elements(Vec<Element>),
    Flows(Vec<Flow>),
    Threats(BTreeMap<ThreatKey, ThreatRecord>),
}

/// The project in `text`, parsed on up to `threads` threads with pieces of about
/// `piece_bytes`; `None` when it cannot be done this way or does not parse (see the module
/// doc). `options` are those of the whole parse; the pieces' recursion limit is reduced by
/// the levels a list's items sit below the top.
pub(super) fn parse(
    text: &str,
    options: &ron::Options,
    threads: usize,
    piece_bytes: usize,
) -> Option<Project> {
    let lists = scan(text)?;
    if lists.is_empty() {
        return None;
    }

    // The skeleton: the text with every list emptied.
    let mut skeleton =
        String::with_capacity(text.len() - lists.iter().map(|l| l.end - l.start).sum::<usize>());
    let mut at = 0;
    for l in &lists {
        skeleton.push_str(&text[at..l.start]);
        at = l.end;
    }
    skeleton.push_str(&text[at..]);

    // Each list cut after the first item boundary past every `piece_bytes`.
    let mut pieces = Vec::new();
    for (li, l) in lists.iter().enumerate() {
        let mut start = l.start;
        for &cut in &l.item_ends {
            if cut - start >= piece_bytes {
                pieces.push(Piece {
                    list: li,
                    start,
                    end: cut,
                });
                start = cut;
            }
        }
        if l.end > start {
            pieces.push(Piece {
                list: li,
                start,
                end: l.end,
            });
        }
    }

    // The pieces go as deep as the whole parse would let their items go.
    let piece_options = |list: List| -> Option<ron::Options> {
        let options = options.clone();
        Some(match options.recursion_limit {
            Some(limit) => options.with_recursion_limit(limit.checked_sub(list.levels_above())?),
            None => options,
        })
    };

    // Work 0 is the skeleton, work n the (n-1)-th piece; once one fails, the rest are not
    // started.
    let failed = AtomicBool::new(false);
    let work = |n: usize| -> Option<Parsed> {
        if failed.load(Ordering::Relaxed) {
            return None;
        }
        let parsed = if n == 0 {
            options
                .from_str::<Project>(&skeleton)
                .ok()
                .map(|p| Parsed::Skeleton(Box::new(p)))
        } else {
            let piece = &pieces[n - 1];
            let kind = lists[piece.list].list;
            let options = piece_options(kind)?;
            let mut list = String::with_capacity(piece.end - piece.start + 2);
            list.push(if kind == List::Threats { '{' } else { '[' });
            list.push_str(&text[piece.start..piece.end]);
            list.push(char::from(kind.close()));
            match kind {
                List::Elements(_) => options.from_str(&list).ok().map(Parsed::Elements),
                List::Flows(_) => options.from_str(&list).ok().map(Parsed::Flows),
                List::Threats => options.from_str(&list).ok().map(Parsed::Threats),
            }
        };
        if parsed.is_none() {
            failed.store(true, Ordering::Relaxed);
        }
        parsed
    };
    let results: Vec<Parsed> =
        crate::parallel::in_parallel((0..=pieces.len()).collect(), threads, work)
            .into_iter()
            .collect::<Option<_>>()?;

    // Put the pieces back in order, each list in one allocation.
    let mut results = results.into_iter();
    let Some(Parsed::Skeleton(mut project)) = results.next() else {
        return None;
    };
    let mut parts: Vec<Vec<Parsed>> = lists.iter().map(|_| Vec::new()).collect();
    for (piece, parsed) in pieces.iter().zip(results) {
        parts[piece.list].push(parsed);
    }
    for (l, parts) in lists.iter().zip(parts) {
        match l.list {
            List::Elements(d) => {
                project.diagrams.get_mut(d)?.elements = gather(parts, |p| match p {
                    Parsed::Elements(items) => Some(items),
                    _ => None,
                })?;
            }
            List::Flows(d) => {
                project.diagrams.get_mut(d)?.flows = gather(parts, |p| match p {
                    Parsed::Flows(items) => Some(items),
                    _ => None,
                })?;
            }
            // Entries in file order, a later one replacing an earlier one with the same
            // key, as the whole parse reads a map.
            List::Threats => {
                for p in parts {
                    let Parsed::Threats(entries) = p else {
                        return None;
                    };
                    project.threats.extend(entries);
                }
            }
        }
    }
    Some(*project)
}

/// One list's pieces, in order, as one vector.
fn gather<T>(parts: Vec<Parsed>, items: fn(Parsed) -> Option<Vec<T>>) -> Option<Vec<T>> {
    let mut all = Vec::with_capacity(parts.iter().map(Parsed::len).sum());
    for p in parts {
        all.extend(items(p)?);
    }
    Some(all)
}

impl Parsed {
    fn len(&self) -> usize {
        match self {
            Parsed::Skeleton(_) | Parsed::Threats(_) => 0,
            Parsed::Elements(v) => v.len(),
            Parsed::Flows(v) => v.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Under any recursion limit, the pieces give a project exactly when the whole parse
    /// does (ron's levels above a list's items are counted right).
    #[test]
    fn the_pieces_go_as_deep_as_the_whole_parse_allows() {
        let mut project = crate::synthetic::project(6);
        // Decisions too, whose values sit at another depth than elements and flows.
        for (i, e) in project.diagrams[0].elements.iter().enumerate() {
            project.threats.insert(
                ThreatKey::new(format!("TB-{i}"), e.id.as_str()),
                ThreatRecord {
                    links: vec![format!("https://tickets/{i}")],
                    ..ThreatRecord::default()
                },
            );
        }
        // And with decisions alone, the deepest part of the file.
        let mut decisions = project.clone();
        decisions.layout = crate::model::Layout::default();
        for d in &mut decisions.diagrams {
            d.elements.clear();
            d.flows.clear();
            d.boundaries.clear();
            d.notes.clear();
        }
        for project in [project, decisions] {
            let text = crate::io::to_canonical_string(&project).expect("serialises");
            let mut whole_ok = Vec::new();
            for limit in 1..24 {
                let options = ron::Options::default().with_recursion_limit(limit);
                let whole = options.from_str::<Project>(&text).ok();
                let pieces = parse(&text, &options, 2, 100);
                assert_eq!(pieces, whole, "recursion limit {limit}");
                whole_ok.push(whole.is_some());
            }
            // Both ways fail under small limits and succeed under large ones.
            assert!(whole_ok.contains(&false) && whole_ok.contains(&true));
        }
    }
}
