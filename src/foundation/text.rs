//! Words for people: a count with its noun ("3 elements") and a sentence's first letter
//! upper case. Used by the status line, the analysis messages, the reports and the CLI.

/// The text with its first letter upper case ("moved 2 elements" → "Moved 2 elements").
pub fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

/// "1 element", "3 elements".
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(capitalized("éclair à deux"), "Éclair à deux");
        assert_eq!(capitalized(""), "");
        assert_eq!(count(1, "flow", "flows"), "1 flow");
        assert_eq!(count(0, "flow", "flows"), "0 flows");
    }
}
