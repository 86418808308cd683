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
/// ("admins only", "read-only", "LAN only", "only via VPN"), not a rule of the business.
static ONLY_ACCESS: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?ix)
        \b(?:read|admins?|staff|internal|members?|outbound|inbound|view|lan|vpn|office|wifi
            |intranet|https|tls|local|localhost|network)[-\ ]only\b
        | \bonly\ (?:via|over|from|on|in|inside|within\ the|through|https|tls|admins?|staff)\b
        | ^\W*(?:[\w']+\W+){0,2}only\W*$",
    )
});

/// "until" in a retry ("batch re-sent until 200 OK"): how delivery works, not a rule.
static RETRY: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"(?i)\b(?:re-?sent|resend|retr(?:y|ies|ied)|polls?|polled|waits?)\b.*\buntil\b")
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
    use super::{element_rules, quote_rules, stated_rules};

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
            "state auditors only",
            "geofences (greens, tees, hazards), cart-path-only days, marshal msgs, remote stop",
            "batch re-sent until 200 OK",
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
