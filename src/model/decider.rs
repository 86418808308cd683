//! Who a decision is recorded as made by, and the stamp that records it.
//!
//! Every place a decision is made (the threat pane and its dialogs, the workshop, a
//! command) names the same person the same way: the name the user set once in the
//! preferences, else the workshop's facilitator, else the login name ($USER, $USERNAME).
//! One function so the register never shows a date without a name when a name is known.

use super::ThreatRecord;

/// The name a decision is recorded under: `preferred` (the user's own name from the
/// preferences), else `facilitator`, else the login name; empty only when none is known.
pub fn decider(preferred: &str, facilitator: &str) -> String {
    decider_with(preferred, facilitator, |v| std::env::var(v).ok())
}

/// [`decider`] with the environment looked up through `env` (tests pass their own).
pub fn decider_with(
    preferred: &str,
    facilitator: &str,
    env: impl Fn(&str) -> Option<String>,
) -> String {
    [preferred, facilitator]
        .into_iter()
        .map(str::trim)
        .find(|s| !s.is_empty())
        .map(str::to_owned)
        .or_else(|| {
            ["USER", "USERNAME"]
                .into_iter()
                .filter_map(&env)
                .map(|s| s.trim().to_owned())
                .find(|s| !s.is_empty())
        })
        .unwrap_or_default()
}

/// Records `who` made the decision in `record` at `now` (ISO 8601 UTC).
pub fn stamp(record: &mut ThreatRecord, who: &str, now: &str) {
    who.clone_into(&mut record.decided_by);
    now.clone_into(&mut record.decided_at);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(v: &str) -> Option<String> {
        (v == "USERNAME").then(|| "jdoe".to_owned())
    }

    #[test]
    fn the_preferred_name_comes_first_then_the_facilitator_then_the_login() {
        assert_eq!(decider_with("Ana Ruiz", "Priya Raman", env), "Ana Ruiz");
        assert_eq!(decider_with("  ", "Priya Raman", env), "Priya Raman");
        assert_eq!(decider_with("", "", env), "jdoe");
        assert_eq!(decider_with("", "", |_| Some(" ".into())), "");
    }
}
