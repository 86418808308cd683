//! Which stores are the software's own logs (where request data, tokens and stack traces
//! end up) and which are records a business keeps and calls a log.

use super::names::{contains_ci, has_word};

/// The words that name a log: "log", "logs", "logging".
const LOG_WORDS: &[&str] = &["log", "logs", "logging"];

/// Whether `word` is one of [`LOG_WORDS`], any case.
fn is_log_word(word: &str) -> bool {
    LOG_WORDS.iter().any(|l| word.eq_ignore_ascii_case(l))
}

/// Whether a store's name, technology or description makes it the software's own log
/// ("App Logs", "API request log", "gen log (CloudWatch)", "Splunk"), not a record the
/// business keeps and calls a log ("Play log", "Tech log", "attendance log", "as-applied
/// logs", "door events").
pub fn names_app_log(text: &str) -> bool {
    const PLATFORMS: &[&str] = &[
        "cloudwatch",
        "elk",
        "elasticsearch",
        "opensearch",
        "kibana",
        "splunk",
        "loki",
        "datadog",
        "sentry",
        "syslog",
        "graylog",
        "papertrail",
        "logtail",
        "stackdriver",
        "fluentd",
        "logstash",
        "appinsights",
        // A telephony platform's own logs ("IVR call logs").
        "ivr",
        "pbx",
    ];
    const SOFTWARE: &[&str] = &[
        "app",
        "application",
        "api",
        "server",
        "service",
        "services",
        "svc",
        "portal",
        "web",
        "webapp",
        "debug",
        "error",
        "errors",
        "request",
        "requests",
        "container",
        "pod",
        "lambda",
        "function",
        "func",
        "gateway",
        "nginx",
        "iis",
        "apache",
        "runtime",
        "diagnostic",
        "diagnostics",
        "trace",
        "system",
    ];
    // Datalust's Seq only by that name alone: "game seq" is a sequence number.
    if has_word(text, PLATFORMS)
        || text.trim().eq_ignore_ascii_case("seq")
        || contains_ci(text, "datalust")
        || contains_ci(text, "app insights")
        || contains_ci(text, "application insights")
        || contains_ci(text, "log analytics")
        || contains_ci(text, "cloud logging")
        || contains_ci(text, "new relic")
    {
        return true;
    }
    // A software word right before "log", "logs" or "logging" (no copy of the words: a
    // store's name is read on every flow into it).
    let mut before = "";
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if is_log_word(word) && SOFTWARE.iter().any(|s| before.eq_ignore_ascii_case(s)) {
            return true;
        }
        before = word;
    }
    false
}

/// A name that is only "log", "logs" or "logging", with only words for where it is kept
/// ("Logs", "Log store", "logging bucket"): marked a log store, it is the software's
/// own. "Hire log", "Sign-in log" or "flight logs" are records the business keeps.
pub fn bare_log_name(text: &str) -> bool {
    const PLACES: &[&str] = &[
        "store", "db", "database", "bucket", "files", "file", "table", "storage", "folder",
        "archive", "the",
    ];
    let mut saw_log = false;
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if is_log_word(word) {
            saw_log = true;
        } else if !PLACES.iter().any(|p| word.eq_ignore_ascii_case(p)) {
            return false;
        }
    }
    saw_log
}
