//! Business rules a model states in one sentence of a description: "max 3 bids per
//! cycle", "moves must be reported within 3 days", "Under-8s not allowed", "Trial: 14
//! days, one per email address". Reviewers expect each to be asked about (is it enforced
//! on the server, on every path?) and the rules that read designs in general cannot: the
//! rule is the team's own. A sentence counts when it limits, forbids or bounds something;
//! sizes of files ("max 20MB") and what other rules read (approvals, promotions, shared
//! logins) do not.

use regex::Regex;
use std::sync::LazyLock;

/// A pattern written in this file: its syntax is fixed at build time and checked by the
/// tests below, so it cannot fail on any model.
fn pattern(re: &str) -> Regex {
    Regex::new(re).expect("a valid pattern")
}

/// What makes a sentence a rule: a limit, a prohibition, a time bound or a condition.
static RULE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?ix)
        \b(?: max(?:imum)? | at\ most | no\ more\ than | up\ to\ \d | capped | cap\ of
            | limit(?:ed)?\ (?:of|to) | (?:is|are)\ limited | exceed
            | must(?:\ not|n't)? | cannot | can\ not | can't | may\ not | not\ allowed | never
            | within\ \d | at\ least\ \d | minimum | under[-\ ]\d | over[-\ ]\d
            | once\ per | one\ per\ (?:email|e-mail|person|household|customer|member|account
                |user|order|seat|address|phone|day|week|month|year|visit|cycle|family|child)
            | counts\ as | expires?\ after | valid\ for\ \d
            | only | until | after\ that | then\ final | provisional
            | close[sd]?\ (?:at\ |on\ )?(?:mon|tue|wed|thu|fri|sat|sun|\d)
            | released?\ (?:the\ day\ |\d+\ \w+\ )?after
            | (?:quantity|credit|spend|spending|daily|weekly|monthly|booking|order|loan)\ limits? )\b",
    )
});

/// "only" that says who may use something or how it is reached, which other rules read
/// ("admins only", "read-only", "LAN only", "only via VPN", "redeemed by code only"), not a
/// rule of the business.
static ONLY_ACCESS: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?ix)
        \b(?:read|admins?|staff|internal|members?|outbound|inbound|view|lan|vpn|office|wifi
            |intranet|https|tls|local|localhost|network)[-\ ]only\b
        | \b(?:code|link|pin|qr|invite|invitation)[-\ ]only\s*(?:$|[,;.)/])
        | \bonly\ (?:via|over|from|on|in|inside|within\ the|through|https|tls|admins?|staff)\b
        | ^\W*(?:[\w']+\W+){0,2}only\W*$",
    )
});

/// "until" in a retry or a poll ("batch re-sent until 200 OK", "every 5s until turn"): how
/// delivery works, not a rule.
static RETRY: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)\b(?:re-?sent|resend|retr(?:y|ies|ied)|polls?|polled|waits?|every\s+\d+\s*(?:ms|s|secs?|seconds?|mins?|minutes?))\b.*\buntil\b",
    )
});

/// A deadline the system itself must meet ("must act within 1s", "must report within
/// 24h"): how fast it answers or files, an availability matter, not a limit anyone could
/// get round. A deadline on people ("moves must be reported within 3 days") stays a rule.
static DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"(?i)\bmust\s+(?:act|respond|reply|report|complete|run|finish)\s+within\b")
});

/// An endpoint written out ("POST /dso/limits {area, max export %}"): how an API is
/// called, not a rule of the business.
static ENDPOINT: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"\b(?:GET|POST|PUT|PATCH|DELETE)\s+/"));

/// A file size: an upload limit, read by the upload rules.
static SIZE: LazyLock<Regex> = LazyLock::new(|| pattern(r"(?i)\b\d+\s?(?:kb|mb|gb|tb)\b"));

/// What a note says of the drawing rather than of the business: its scope, what is left
/// out or drawn elsewhere ("scan + forward flows only, billing not shown", "PLC logic
/// itself not reviewed", "phase 1 only").
static NOTE_SCOPE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?ix)
        \b(?: not\ (?:shown|drawn|modell?ed|reviewed|included|covered|in\ scope)
            | scope | (?:flows?|side|diagram|part|phase\ \d)\ only | see\ (?:diagram|the|') )\b",
    )
});

/// Sentence ends: a stop, semicolon or question mark before a space, or a line break.
static SENTENCE_END: LazyLock<Regex> = LazyLock::new(|| pattern(r"[.;!?](?:\s+|$)|\n"));

/// Where the rules of each element of `diagram` are written besides its own description:
/// the descriptions of the flows into it that say anything, and of the actors that call
/// it ("Travel agent: max 10 applicants per agency per day" is a rule the service they
/// call must keep), by element index (`index` maps ids to indices). One pass over the
/// flows.
pub fn inbound_descriptions<'d>(
    diagram: &'d crate::model::Diagram,
    index: &rustc_hash::FxHashMap<&str, usize>,
) -> rustc_hash::FxHashMap<usize, Vec<&'d str>> {
    let mut texts: rustc_hash::FxHashMap<usize, Vec<&'d str>> = Default::default();
    for flow in &diagram.flows {
        let Some(&t) = index.get(flow.target.as_str()) else {
            continue;
        };
        let caller = index
            .get(flow.source.as_str())
            .map(|&s| &diagram.elements[s])
            .filter(|e| e.kind() == crate::model::ElementKind::ExternalEntity)
            .map(|e| e.description.as_str())
            .filter(|d| !d.trim().is_empty());
        let said = texts.entry(t).or_default();
        for text in std::iter::once(flow.description.as_str())
            .filter(|d| !d.trim().is_empty())
            .chain(caller)
        {
            if !said.iter().any(|s| std::ptr::eq(*s, text)) {
                said.push(text);
            }
        }
    }
    texts
}

/// The sentences of `text` that state a business rule, trimmed, in order.
pub fn stated_rules(text: &str) -> impl Iterator<Item = &str> {
    // Most descriptions state none; most texts are empty.
    let any = !text.trim().is_empty() && RULE.is_match(text);
    any.then(|| SENTENCE_END.split(text))
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|s| {
            RULE.find_iter(s).any(|m| {
                let word = m.as_str();
                // Part of a compound ("cart-path-only days", "read-only").
                let compound = s[..m.start()].ends_with('-') || s[m.end()..].starts_with('-');
                !compound
                    && (!word.eq_ignore_ascii_case("only") || !ONLY_ACCESS.is_match(s))
                    && (!word.eq_ignore_ascii_case("until") || !RETRY.is_match(s))
            }) && !SIZE.is_match(s)
                && !ENDPOINT.is_match(s)
                && !DEADLINE.is_match(s)
                && super::designs([*s])
                    & (super::design::APPROVAL | super::design::PROMO | super::design::SHARED_LOGIN)
                    == 0
        })
}

/// The rules an element states, each once, in order: its own `description`'s, then those
/// of the flows into it (`inbound`, from [`inbound_descriptions`]).
pub fn element_rules<'a>(description: &'a str, inbound: &[&'a str]) -> Vec<&'a str> {
    let mut rules: Vec<&str> = Vec::new();
    for text in std::iter::once(description).chain(inbound.iter().copied()) {
        for rule in stated_rules(text) {
            if !rules.contains(&rule) {
                rules.push(rule);
            }
        }
    }
    rules
}

/// The sentences of a diagram's notes that state a rule ([`stated_rules`]) or say
/// something other rules read (an approval, a promotion, a shared login), each with the
/// process it is about: the one whose name, description and flows share the most words
/// with it (“Deputy / POA can only be added with consent of ALL holders” is about the
/// console its “add deputy” flow goes to). A note most teams write is a title or a version
/// line, which states none. `candidates` are the processes a rule can be about, by index
/// into the diagram's elements; the first `primary` of them (the services people use,
/// where a rule of the business is kept) are tried first, the others only for a sentence
/// that shares no word with those. A sentence that shares no word with any is about the
/// first when it is the only primary one.
pub fn note_rules<'d>(
    diagram: &'d crate::model::Diagram,
    index: &rustc_hash::FxHashMap<&str, usize>,
    candidates: &[usize],
    primary: usize,
) -> Vec<(usize, &'d str)> {
    let sentences: Vec<&str> = diagram
        .notes
        .iter()
        .flat_map(|n| SENTENCE_END.split(&n.text))
        .map(str::trim)
        .filter(|s| !NOTE_SCOPE.is_match(s))
        .filter(|s| {
            stated_rules(s).next().is_some()
                || super::designs([*s])
                    & (super::design::APPROVAL | super::design::PROMO | super::design::SHARED_LOGIN)
                    != 0
        })
        .collect();
    if sentences.is_empty() || candidates.is_empty() {
        return Vec::new();
    }
    // Each candidate's words: its name, description and the flows in and out of it.
    let mut words: Vec<rustc_hash::FxHashSet<String>> = vec![Default::default(); candidates.len()];
    let slots: rustc_hash::FxHashMap<usize, usize> = candidates
        .iter()
        .enumerate()
        .map(|(k, &i)| (i, k))
        .collect();
    let slot = |i: usize| slots.get(&i).copied();
    for (k, &i) in candidates.iter().enumerate() {
        let e = &diagram.elements[i];
        words[k].extend(content_words(&e.name));
        words[k].extend(content_words(&e.description));
    }
    for flow in &diagram.flows {
        for end in [&flow.source, &flow.target] {
            if let Some(k) = index.get(end.as_str()).and_then(|&i| slot(i)) {
                words[k].extend(content_words(&flow.name));
                words[k].extend(content_words(&flow.description));
            }
        }
    }
    sentences
        .into_iter()
        .filter_map(|s| {
            let said: Vec<String> = content_words(s).collect();
            let score = |k: usize| said.iter().filter(|w| words[k].contains(*w)).count();
            // The best in the first tier any word ties to; none when two share the best
            // score there (the note could be about either, and the order they were drawn
            // in must not decide).
            let primary = primary.min(candidates.len());
            let pick = [0..primary, primary..candidates.len()]
                .into_iter()
                .find_map(|tier| {
                    let top = tier.clone().map(score).max().filter(|&n| n > 0)?;
                    let mut best = tier.filter(|&k| score(k) == top);
                    let one = best.next();
                    Some(one.filter(|_| best.next().is_none()))
                });
            match pick {
                Some(found) => found,
                None => (primary == 1).then_some(0),
            }
            .map(|k| (candidates[k], s))
        })
        .collect()
}

/// The words of `text` that can tie a note to an element: four letters or more, not the
/// words every rule is written with, a plural's or a past tense's ending taken off
/// ("holders" → "holder", "booked" → "book").
fn content_words(text: &str) -> impl Iterator<Item = String> + '_ {
    const COMMON: &[&str] = &[
        "with", "only", "must", "than", "more", "from", "that", "this", "have", "need", "needs",
        "after", "before", "until", "within", "each", "their", "they", "when", "will", "then",
        "over", "under", "also", "other", "same", "into", "days", "hours", "week", "month", "year",
        "allowed", "never", "cannot", "maximum", "minimum", "least", "most", "data", "flow",
        "once", "rule", "rules", "some", "what", "which", "where",
    ];
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() >= 4 && w.chars().any(char::is_alphabetic))
        .map(str::to_lowercase)
        .filter(|w| !COMMON.contains(&w.as_str()))
        .map(|w| {
            for (end, keep) in [("ies", "y"), ("ed", ""), ("es", ""), ("s", "")] {
                if let Some(stem) = w.strip_suffix(end) {
                    if stem.len() >= 4 && !stem.ends_with('s') {
                        return format!("{stem}{keep}");
                    }
                }
            }
            w
        })
}

/// Rules quoted for a threat's text: “max 3 bids per cycle” and “…”; at most three, each
/// cut at a word near 140 characters.
pub fn quote_rules(rules: &[&str]) -> String {
    let quoted: Vec<String> = rules
        .iter()
        .take(3)
        .map(|s| {
            let s = if s.len() > 140 {
                let end = (0..=140)
                    .rev()
                    .find(|&i| s.is_char_boundary(i))
                    .unwrap_or(0);
                let cut = s[..end].rfind(' ').unwrap_or(end);
                format!("{}…", &s[..cut])
            } else {
                s.to_string()
            };
            format!("“{s}”")
        })
        .collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::{element_rules, note_rules, quote_rules, stated_rules};

    #[test]
    fn rules_teams_state_in_a_sentence() {
        for said in [
            "weekly cycle Thu 00:00 to Mon 23:59. max 3 bids per cycle",
            "Max 3 activations per seat.",
            "Trial: 14 days, one per email address.",
            "Members can book up to 7 days ahead, visitors 2 days.",
            "Issue qty must not exceed blast plan qty.",
            "moves must be reported within 3 days of the move date",
            "Under-8s not allowed.",
            "Rule: a reviewer must not review applications from their own school.",
            "1 hr with ADI counts as 3 hrs (max 10 credited)",
            "Gate opens only if valid membership or day pass AND waiver on file.",
            "Entries close Fri 12:00 before the regatta, after that only Race Office can add/change.",
            "Results provisional for 24h (protest time) then final.",
            "ganger can edit tallies until pay calc runs",
            "RO sells ammo to members. only calibres on the member's cert, within cert quantity limits",
            "Solutions are released the day after the puzzle is published.",
            "Retired serials can not be transferred.",
            "Rule: release code only issued when fees paid AND docs verified AND no police hold",
            "moves must be reported within 3 days",
        ] {
            assert_eq!(stated_rules(said).count(), 1, "{said}");
        }
    }

    #[test]
    fn what_is_no_business_rule() {
        for said in [
            "emails a QR code per visit",
            "Calls backend with a device API key (one per kiosk, set at install).",
            "photos, max 20MB each",
            "markdowns > 30% need approval by a 2nd pricing mgr",
            "staff log in with the venue account (one per site)",
            "Azure SQL. household members, DOB, NI no",
            "React SPA, admins only",
            "vault cash positions, read only",
            "reachable only via the VPN",
            "Installers only",
            "Redeemed by code only, no login",
            "invite-only",
            "state auditors only",
            "geofences (greens, tees, hazards), cart-path-only days, marshal msgs, remote stop",
            "batch re-sent until 200 OK",
            "every 5s until turn",
            "curtailment: POST /dso/limits {postcode area, max export %}",
            "dynamic frequency response - must act within 1s",
            "trust network only, smartcard login",
            "must report within 24h",
            "",
        ] {
            assert_eq!(stated_rules(said).count(), 0, "{said}");
        }
    }

    #[test]
    fn a_note_states_rules_of_the_process_it_is_about() {
        use crate::model::{Diagram, Element, ElementKind, Flow, Note, NoteId};
        let mut d = Diagram::new("Booking");
        let web = Element::new(ElementKind::Process, "Online banking");
        let mut console = Element::new(ElementKind::Process, "Branch console");
        console.description = "staff web app".into();
        let staff = Element::new(ElementKind::ExternalEntity, "Branch staff");
        d.flows.push(Flow::new(
            "lookup, add deputy, freeze",
            staff.id.clone(),
            console.id.clone(),
        ));
        d.flows
            .push(Flow::new("book visit", staff.id.clone(), web.id.clone()));
        d.elements = vec![web, console, staff];
        let note = |text: &str| Note {
            id: NoteId::generate(),
            text: text.into(),
        };
        d.notes.push(note(
            "Deputies can only be added with consent of ALL holders.\nv0.3",
        ));
        d.notes.push(note(
            "draft v0.3 - RO\nscan + forward flows only, billing not shown",
        ));
        let index = crate::analysis::engine::element_index(&d);
        // Both services are used by people; the rule shares "deputy" with the console's flow.
        assert_eq!(
            note_rules(&d, &index, &[0, 1], 2),
            vec![(1, "Deputies can only be added with consent of ALL holders")]
        );
        // A rule sharing no word goes to the one service people use, or nowhere.
        let mut other = d.clone();
        other.notes[0].text = "Max 2 per household.".into();
        assert_eq!(
            note_rules(&other, &index, &[0, 1], 1),
            vec![(0, "Max 2 per household")]
        );
        assert_eq!(note_rules(&other, &index, &[0, 1], 2), vec![]);
    }

    #[test]
    fn rules_are_quoted_one_by_one() {
        assert_eq!(
            quote_rules(&element_rules(
                "weekly cycle. max 3 bids per cycle; position = band. Under-8s not allowed",
                &["max 3 bids per cycle"]
            )),
            "“max 3 bids per cycle” and “Under-8s not allowed”"
        );
        assert_eq!(quote_rules(&element_rules("Postgres", &[])), "");
    }
}
