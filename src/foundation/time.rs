//! Times and dates as the reports and the app write and read them: ISO 8601 UTC, days
//! since the epoch, and the words people use ("2 Dec 2026, 14:05 UTC").

/// The civil date of a day counted from 1970-01-01 (Howard Hinnant's algorithm).
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// An ISO 8601 UTC time as people write it: "2 Dec 2026, 14:05 UTC" (the text unchanged
/// when it is not one).
pub fn human_time(iso: &str) -> String {
    parse_iso(iso).map_or_else(
        || iso.to_owned(),
        |(y, m, d, hh, mm)| format!("{d} {} {y}, {hh:02}:{mm:02} UTC", MONTHS[m - 1]),
    )
}

/// A session's span: "2 Dec 2026, 14:05–15:40 UTC" on one day, both times in full across
/// days, "ongoing" without an end.
pub fn human_span(start: &str, end: &str) -> String {
    if end.is_empty() {
        return format!("{} – ongoing", human_time(start));
    }
    match (parse_iso(start), parse_iso(end)) {
        (Some((y, m, d, h1, m1)), Some((y2, m2, d2, h2, mm2))) if (y, m, d) == (y2, m2, d2) => {
            format!(
                "{d} {} {y}, {h1:02}:{m1:02}–{h2:02}:{mm2:02} UTC",
                MONTHS[m - 1]
            )
        }
        _ => format!("{} – {}", human_time(start), human_time(end)),
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn parse_iso(s: &str) -> Option<(i32, usize, u32, u32, u32)> {
    let (y, m, d) = parse_date(s)?;
    let b = s.as_bytes();
    if b.len() < 16 || b[13] != b':' {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
    let (hh, mm) = (n(11..13)?, n(14..16)?);
    (hh < 24 && mm < 60).then_some((y, m as usize, d, hh, mm))
}

/// The years a date given to the tool may fall in: a pinned "today" outside them is a
/// mistake or an attempt to make every review date current, never silently used.
pub const DATE_YEARS: std::ops::RangeInclusive<i32> = 1970..=2200;

/// `SOURCE_DATE_EPOCH` as the build-reproducibility convention reads it (seconds since
/// 1970), checked: `Ok(None)` when unset, an error when it is not a whole number or its
/// date is outside [`DATE_YEARS`].
pub fn source_date_epoch() -> Result<Option<i64>, String> {
    let Ok(raw) = std::env::var("SOURCE_DATE_EPOCH") else {
        return Ok(None);
    };
    let secs: i64 = raw.trim().parse().map_err(|_| {
        format!("SOURCE_DATE_EPOCH={raw:?} is not a number of seconds since 1970-01-01")
    })?;
    let (y, _, _) = civil_from_days(secs.div_euclid(86_400));
    let years = i64::from(*DATE_YEARS.start())..=i64::from(*DATE_YEARS.end());
    if !years.contains(&y) {
        return Err(format!(
            "SOURCE_DATE_EPOCH={raw} is in the year {y}, outside {}–{}",
            DATE_YEARS.start(),
            DATE_YEARS.end()
        ));
    }
    Ok(Some(secs))
}

/// Checks a date given on the command line (`--today`): YYYY-MM-DD, in [`DATE_YEARS`].
pub fn check_given_date(flag: &str, date: &str) -> Result<(), String> {
    match parse_date(date) {
        None => Err(format!("{flag} {date:?} is not a date (YYYY-MM-DD)")),
        Some((y, _, _)) if !DATE_YEARS.contains(&y) => Err(format!(
            "{flag} {date} is outside the years {}–{}",
            DATE_YEARS.start(),
            DATE_YEARS.end()
        )),
        Some(_) => Ok(()),
    }
}

/// Today's date (YYYY-MM-DD, UTC) for review dates: `SOURCE_DATE_EPOCH` when set (so a
/// pipeline can pin it), else the clock.
pub fn today() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

pub fn now_iso() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    iso_from_secs(secs)
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian; H. Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Seconds since the Unix epoch as ISO 8601 UTC ("2026-12-02T14:05:09Z").
pub fn iso_from_secs(secs: i64) -> String {
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let rem = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Times "YYYY-MM-DDTHH:MM[:SS]Z" (or a date alone) as a value that sorts in time order,
/// whatever the precision each was written with; `None` when it is not one.
pub fn time_key(s: &str) -> Option<(i32, u32, u32, u32, u32, u32)> {
    let (y, m, d) = parse_date(s)?;
    let rest = s.trim().get(11..).unwrap_or("");
    let num = |r: std::ops::Range<usize>| rest.get(r).and_then(|v| v.parse::<u32>().ok());
    let (hh, mm) = (num(0..2).unwrap_or(0), num(3..5).unwrap_or(0));
    let ss = if rest.as_bytes().get(5) == Some(&b':') {
        num(6..8).unwrap_or(0)
    } else {
        0
    };
    Some((y, m, d, hh, mm, ss))
}

/// A calendar date "YYYY-MM-DD" (a time after it, as in ISO 8601, is allowed): the date,
/// `None` when the text is not one.
pub fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' || (b.len() > 10 && b[10] != b'T') {
        return None;
    }
    let y: i32 = s.get(0..4)?.parse().ok()?;
    let m: u32 = s.get(5..7)?.parse().ok()?;
    let d: u32 = s.get(8..10)?.parse().ok()?;
    let days_in = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days_in).contains(&d).then_some((y, m, d))
}

#[cfg(test)]
mod time_tests {
    use super::*;

    #[test]
    fn times_read_as_people_write_them() {
        assert_eq!(human_time("2026-12-02T14:05:09Z"), "2 Dec 2026, 14:05 UTC");
        assert_eq!(
            human_span("2026-12-02T14:05:09Z", "2026-12-02T15:40:00Z"),
            "2 Dec 2026, 14:05–15:40 UTC"
        );
        assert_eq!(
            human_span("2026-12-02T23:50:00Z", "2026-12-03T00:20:00Z"),
            "2 Dec 2026, 23:50 UTC – 3 Dec 2026, 00:20 UTC"
        );
        assert_eq!(
            human_span("2026-12-02T14:05:09Z", ""),
            "2 Dec 2026, 14:05 UTC – ongoing"
        );
        // Not a time: shown as written.
        assert_eq!(human_time("yesterday"), "yesterday");
        assert_eq!(human_time("2026-13-02T14:05Z"), "2026-13-02T14:05Z");
    }
}
