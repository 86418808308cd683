//! A business rule that lets something through when a check cannot be made: "Bureau
//! timeout -> provisional approve up to 500 EUR", "if airspace lookup times out … officer
//! can still approve", "If WAN is down gates run offline: accept any QR". Phrased too many
//! ways for a phrase table: a failure, then in the same sentence a word that lets it
//! through.

use super::super::names::is_one_of;

/// Whether a sentence of `text` names a failure to check (a timeout, an outage, no
/// answer) and then lets the request through (approve, allow, accept, still, anyway).
pub(super) fn lets_through_on_failure(text: &str) -> bool {
    text.split(['.', ';', '\n', '!', '?'])
        .any(sentence_lets_through)
}

fn sentence_lets_through(sentence: &str) -> bool {
    let mut failed = false;
    let (mut before, mut last) = ("", "");
    for w in sentence
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let is = |list: &[&str]| is_one_of(w, list);
        if is(&[
            "timeout",
            "timeouts",
            "unavailable",
            "unreachable",
            "outage",
            "outages",
        ]) || (is(&["out"]) && is_one_of(last, &["times", "timed", "time"]))
            || (is(&["down"]) && is_one_of(last, &["is", "are", "was", "goes", "go", "went", "be"]))
            || (is(&["response", "answer", "reply"]) && is_one_of(last, &["no"]))
        {
            failed = true;
        } else if failed
            && is(&[
                "approve",
                "approves",
                "approved",
                "allow",
                "allows",
                "allowed",
                "accept",
                "accepts",
                "accepted",
                "grant",
                "grants",
                "granted",
                "proceed",
                "proceeds",
                "still",
                "anyway",
                "regardless",
            ])
            && ![before, last]
                .iter()
                .any(|p| is_one_of(p, &["not", "no", "never", "t", "cannot", "nor"]))
        {
            return true;
        }
        (before, last) = (last, w);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::lets_through_on_failure as said;

    /// Rules that let a request through when the check cannot be made, phrased as teams
    /// write them; near misses that fail closed, time out without letting anything
    /// through, or let through with no failure named.
    #[test]
    fn a_check_that_lets_through_when_it_fails() {
        for text in [
            "Max 2 financed devices per customer. Bureau timeout -> provisional approve up to 500 EUR.",
            "checks geofence polygon, alt <= 120m AGL. if airspace lookup times out result = WARN and officer can still approve",
            "pulls from tickets db every 5 min. If WAN is down gates run offline: accept any QR with a valid checksum",
            "If the sanctions service is unavailable, payments proceed and are screened later",
        ] {
            assert!(said(text), "{text}");
        }
        for text in [
            "Bureau timeout -> decline, customer asked to retry",
            "If the CRA is unavailable the request is not approved",
            "times out after 30 s",
            "auto approve if score >= 620",
            "Session times out after 15 min. Admin approves new users.",
            "scroll down to accept the terms",
        ] {
            assert!(!said(text), "{text}");
        }
    }
}
