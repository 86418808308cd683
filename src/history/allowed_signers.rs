//! The OpenSSH `allowed_signers` file (the one `git config gpg.ssh.allowedSignersFile`
//! names, format in ssh-keygen(1) "ALLOWED SIGNERS"): who may sign a sign-off with which
//! key. `check --allowed-signers` and `report --allowed-signers` read it to decide which
//! signed sign-offs to trust.
//!
//! One signer a line: `principals [options] keytype base64key [comment]`. Principals are a
//! comma-separated pattern list (`*` and `?` wildcards, `!` negates), optionally in double
//! quotes (so a name with spaces can be one); options are `cert-authority`,
//! `namespaces="…"`, `valid-after="…"`, `valid-before="…"` (times `YYYYMMDD[HHMM[SS]][Z]`,
//! taken as UTC). Blank lines and lines starting with `#` are skipped. Like ssh-keygen, a
//! line that cannot be read makes the whole file unreadable (with its line number): a gate
//! must not quietly trust fewer or more people than the file says.

use std::fmt;
use std::path::{Path, PathBuf};

use ssh_key::public::KeyData;
use ssh_key::{HashAlg, PublicKey};

/// The largest allowed_signers file read (a team's file is a few kilobytes).
const MAX_BYTES: u64 = 4 * 1024 * 1024;

/// A parsed allowed_signers file.
#[derive(Clone, Debug, Default)]
pub struct AllowedSigners {
    /// The file, as messages name it.
    pub path: PathBuf,
    pub entries: Vec<AllowedSigner>,
}

/// One line of the file.
#[derive(Clone, Debug)]
pub struct AllowedSigner {
    /// 1-based line number.
    pub line: usize,
    /// The principals pattern list (`alice@example.com,*@ops.example.com`).
    pub principals: String,
    /// `cert-authority`: the key is a CA for certificates. Certificate signatures are not
    /// supported, so such a line never allows a sign-off.
    pub cert_authority: bool,
    /// `namespaces="…"`: the signature namespaces the key may sign in (pattern list).
    pub namespaces: Option<String>,
    /// `valid-after` / `valid-before` as `YYYYMMDDHHMMSS` numbers (UTC).
    pub valid_after: Option<u64>,
    pub valid_before: Option<u64>,
    pub key: PublicKey,
}

/// Why an allowed_signers file cannot be used: the file and the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedSignersError {
    pub path: PathBuf,
    /// 1-based; 0 when the file as a whole is the problem (cannot be read).
    pub line: usize,
    pub message: String,
}

impl fmt::Display for AllowedSignersError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.path.display(), self.message)
        } else {
            write!(f, "{}:{}: {}", self.path.display(), self.line, self.message)
        }
    }
}

impl std::error::Error for AllowedSignersError {}

impl AllowedSigners {
    /// Reads and parses the file.
    pub fn load(path: &Path) -> Result<Self, AllowedSignersError> {
        let err = |message: String| AllowedSignersError {
            path: path.to_owned(),
            line: 0,
            message,
        };
        let bytes = crate::foundation::read::bounded(path, MAX_BYTES).map_err(|e| match e {
            crate::foundation::read::ReadError::TooLarge { size, .. } => err(format!(
                "too large ({size} bytes) for an allowed_signers file"
            )),
            crate::foundation::read::ReadError::Io(e) => err(format!("cannot read: {e}")),
            other => err(other.to_string()),
        })?;
        let text = String::from_utf8(bytes).map_err(|_| err("not UTF-8 text".to_owned()))?;
        Self::parse(&text, path)
    }

    /// Parses the text of a file; `path` only names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Self, AllowedSignersError> {
        let mut entries = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let entry = parse_line(line, i + 1).map_err(|message| AllowedSignersError {
                path: path.to_owned(),
                line: i + 1,
                message,
            })?;
            entries.push(entry);
        }
        Ok(Self {
            path: path.to_owned(),
            entries,
        })
    }

    /// Whether `key` may sign as `principal` in `namespace` at `at` (the sign-off's ISO
    /// time): the allowing line's principals, or why not.
    pub fn allows(
        &self,
        principal: &str,
        key: &KeyData,
        namespace: &str,
        at: &str,
    ) -> Result<String, String> {
        let when = time_number(at);
        let mut why_not = None;
        for e in &self.entries {
            if e.cert_authority || e.key.key_data() != key {
                continue;
            }
            let place = format!("{}:{}", self.path.display(), e.line);
            if !match_list(principal, &e.principals) {
                why_not.get_or_insert_with(|| {
                    format!(
                        "{place} lists this key for {}, not for {principal:?}",
                        e.principals
                    )
                });
                continue;
            }
            if let Some(ns) = &e.namespaces {
                if !match_list(namespace, ns) {
                    why_not = Some(format!(
                        "{place} does not allow this key to sign in namespace {namespace}"
                    ));
                    continue;
                }
            }
            if e.valid_after.is_some() || e.valid_before.is_some() {
                let Some(when) = when else {
                    why_not = Some(format!(
                        "{place} limits when this key is valid, and the sign-off's time {at:?} is not a date"
                    ));
                    continue;
                };
                if e.valid_after.is_some_and(|a| when < a) {
                    why_not = Some(format!("{place}: the key was not yet valid at {at}"));
                    continue;
                }
                if e.valid_before.is_some_and(|b| when > b) {
                    why_not = Some(format!("{place}: the key was no longer valid at {at}"));
                    continue;
                }
            }
            return Ok(e.principals.clone());
        }
        Err(why_not.unwrap_or_else(|| {
            format!(
                "key {} is not in {}",
                key_fingerprint(key),
                self.path.display()
            )
        }))
    }
}

/// `SHA256:…` of a key.
pub fn key_fingerprint(key: &KeyData) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}

/// One non-blank, non-comment line (trimmed).
fn parse_line(line: &str, number: usize) -> Result<AllowedSigner, String> {
    let (principals, rest) = take_principals(line)?;
    if principals.is_empty() {
        return Err("empty principals".to_owned());
    }
    let rest = rest.trim_start();
    if rest.is_empty() {
        return Err("no key after the principals".to_owned());
    }
    let mut options = Options::default();
    let key_text = if looks_like_key_type(first_word(rest)) {
        rest
    } else {
        let (text, after) = take_options(rest)?;
        options = parse_options(text)?;
        let after = after.trim_start();
        if after.is_empty() {
            return Err("no key after the options".to_owned());
        }
        after
    };
    let kind = first_word(key_text);
    let key = PublicKey::from_openssh(key_text).map_err(|e| {
        format!(
            "cannot read the key{}: {e}",
            if looks_like_key_type(kind) {
                format!(" ({})", kind.chars().take(40).collect::<String>())
            } else {
                String::new()
            }
        )
    })?;
    Ok(AllowedSigner {
        line: number,
        principals,
        cert_authority: options.cert_authority,
        namespaces: options.namespaces,
        valid_after: options.valid_after,
        valid_before: options.valid_before,
        key,
    })
}

/// The options of a line.
#[derive(Default)]
struct Options {
    cert_authority: bool,
    namespaces: Option<String>,
    valid_after: Option<u64>,
    valid_before: Option<u64>,
}

fn first_word(s: &str) -> &str {
    s.split_ascii_whitespace().next().unwrap_or_default()
}

/// Key type names as OpenSSH writes them (`ssh-ed25519`, `ecdsa-sha2-nistp256`,
/// `sk-ssh-ed25519@openssh.com`, `ssh-rsa` …).
fn looks_like_key_type(word: &str) -> bool {
    (word.starts_with("ssh-") || word.starts_with("ecdsa-") || word.starts_with("sk-"))
        && !word.contains('=')
        && !word.contains('"')
}

/// The principals field: a double-quoted string or one word.
fn take_principals(line: &str) -> Result<(String, &str), String> {
    if let Some(quoted) = line.strip_prefix('"') {
        match quoted.find('"') {
            Some(end) => Ok((quoted[..end].to_owned(), &quoted[end + 1..])),
            None => Err("unterminated quote in the principals".to_owned()),
        }
    } else {
        let end = line
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(line.len());
        Ok((line[..end].to_owned(), &line[end..]))
    }
}

/// The options field: up to the first whitespace outside double quotes.
fn take_options(s: &str) -> Result<(&str, &str), String> {
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_ascii_whitespace() && !quoted => return Ok((&s[..i], &s[i..])),
            _ => {}
        }
    }
    if quoted {
        Err("unterminated quote in the options".to_owned())
    } else {
        Ok((s, ""))
    }
}

/// `cert-authority,namespaces="git,threatboard-signoff",valid-after="20260101"`.
fn parse_options(options: &str) -> Result<Options, String> {
    let mut entry = Options::default();
    let mut parts = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, c) in options.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                parts.push(&options[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&options[start..]);
    for part in parts {
        let (name, value) = match part.split_once('=') {
            Some((n, v)) => (n, Some(v)),
            None => (part, None),
        };
        let shown: String = name.chars().take(40).collect();
        let quoted = |what: &str| -> Result<String, String> {
            let v = value.ok_or_else(|| format!("option {what} needs a value (\"…\")"))?;
            v.strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .filter(|v| !v.contains('"'))
                .map(str::to_owned)
                .ok_or_else(|| format!("option {what} needs its value in double quotes"))
        };
        match name.to_ascii_lowercase().as_str() {
            "cert-authority" if value.is_none() => entry.cert_authority = true,
            "cert-authority" => return Err("option cert-authority takes no value".to_owned()),
            "namespaces" => entry.namespaces = Some(quoted("namespaces")?),
            "valid-after" => entry.valid_after = Some(parse_time(&quoted("valid-after")?)?),
            "valid-before" => entry.valid_before = Some(parse_time(&quoted("valid-before")?)?),
            "" => return Err("empty option".to_owned()),
            _ => return Err(format!("unsupported option {shown:?}")),
        }
    }
    Ok(entry)
}

/// `YYYYMMDD`, `YYYYMMDDHHMM` or `YYYYMMDDHHMMSS`, optionally ending in `Z`, as the number
/// `YYYYMMDDHHMMSS`.
fn parse_time(s: &str) -> Result<u64, String> {
    let digits = s.strip_suffix(['Z', 'z']).unwrap_or(s);
    let bad = || format!("{s:?} is not a time (YYYYMMDD[HHMM[SS]][Z])");
    if !matches!(digits.len(), 8 | 12 | 14) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let padded = format!("{digits:0<14}");
    let n: u64 = padded.parse().map_err(|_| bad())?;
    let (month, day) = ((n / 100_000_000) % 100, (n / 1_000_000) % 100);
    let (hour, minute, second) = ((n / 10_000) % 100, (n / 100) % 100, n % 100);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return Err(bad());
    }
    Ok(n)
}

/// A sign-off's ISO time (`2026-12-02T10:15Z`, `2026-12-02`) as `YYYYMMDDHHMMSS`.
/// Read with the one ISO reader (`foundation::time::time_key`); `None` when it is not a
/// date.
pub fn time_number(at: &str) -> Option<u64> {
    let (y, m, d, hh, mm, ss) = crate::foundation::time::time_key(at)?;
    let year = u64::try_from(y).ok()?;
    Some(
        [m, d, hh, mm, ss]
            .into_iter()
            .fold(year, |n, part| n * 100 + u64::from(part)),
    )
}

/// OpenSSH's `match_pattern_list`: comma-separated patterns, `!` negates; a negated match
/// refuses at once, otherwise any positive match accepts. Case-sensitive.
pub fn match_list(s: &str, list: &str) -> bool {
    let mut matched = false;
    for pattern in list.split(',') {
        if let Some(negated) = pattern.strip_prefix('!') {
            if glob(s, negated) {
                return false;
            }
        } else if glob(s, pattern) {
            matched = true;
        }
    }
    matched
}

/// `*` (any run) and `?` (any one character) wildcards, in linear time per star.
fn glob(s: &str, pattern: &str) -> bool {
    let s: Vec<char> = s.chars().collect();
    let p: Vec<char> = pattern.chars().collect();
    let (mut i, mut j) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while i < s.len() {
        if j < p.len() && (p[j] == '?' || p[j] == s[i]) {
            i += 1;
            j += 1;
        } else if j < p.len() && p[j] == '*' {
            star = Some((j, i));
            j += 1;
        } else if let Some((sj, si)) = star {
            j = sj + 1;
            i = si + 1;
            star = Some((sj, si + 1));
        } else {
            return false;
        }
    }
    while j < p.len() && p[j] == '*' {
        j += 1;
    }
    j == p.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sign_off_time_is_read_as_an_iso_time_or_not_at_all() {
        assert_eq!(time_number("2026-12-02T10:15Z"), Some(20_261_202_101_500));
        assert_eq!(
            time_number("2026-12-02T10:15:09Z"),
            Some(20_261_202_101_509)
        );
        assert_eq!(time_number("2026-12-02"), Some(20_261_202_000_000));
        // Not ISO: refused rather than read digit by digit as the year 1202.
        assert_eq!(time_number("12/02/2026 10:15"), None);
        assert_eq!(time_number("2026-13-02"), None);
    }

    const KEY: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILM+rvN+ot98qgEN796jTiQfZfG1KaT0PtFDJ/XFSqti";

    fn parse(text: &str) -> Result<AllowedSigners, AllowedSignersError> {
        AllowedSigners::parse(text, Path::new("allowed_signers"))
    }

    #[test]
    fn reads_principals_options_quotes_and_comments() {
        let text = format!(
            "# team keys\n\n   \nalice@example.com,bob@example.com {KEY} alice laptop\n\
             \"Priya Raman (AppSec)\" namespaces=\"git,threatboard-signoff\",valid-after=\"20260101\",VALID-BEFORE=\"20271231235959Z\" {KEY}\n\
             *@ops.example.com cert-authority {KEY}\n"
        );
        let a = parse(&text).expect("parses");
        assert_eq!(a.entries.len(), 3);
        let (alice, priya, ca) = (&a.entries[0], &a.entries[1], &a.entries[2]);
        assert_eq!(alice.line, 4);
        assert_eq!(alice.principals, "alice@example.com,bob@example.com");
        assert_eq!(alice.key.comment(), "alice laptop");
        assert_eq!(priya.principals, "Priya Raman (AppSec)");
        assert_eq!(priya.namespaces.as_deref(), Some("git,threatboard-signoff"));
        assert_eq!(priya.valid_after, Some(20260101000000));
        assert_eq!(priya.valid_before, Some(20271231235959));
        assert!(ca.cert_authority && !alice.cert_authority);
        let key = alice.key.key_data();
        let ns = "threatboard-signoff";
        assert!(
            a.allows("bob@example.com", key, ns, "2026-12-02T10:15Z")
                .is_ok()
        );
        assert!(
            a.allows("Priya Raman (AppSec)", key, ns, "2026-12-02T10:15Z")
                .is_ok()
        );
        // Outside valid-before, and no other line lists Priya.
        let late = a.allows("Priya Raman (AppSec)", key, ns, "2028-01-01T00:00Z");
        assert!(late.expect_err("expired").contains("no longer valid"));
        // The CA line does not allow a plain signature, even for a matching principal.
        assert!(
            a.allows("carol@ops.example.com", key, ns, "2026-12-02")
                .is_err()
        );
    }

    #[test]
    fn namespaces_restrict_the_key() {
        let a = parse(&format!("alice@example.com namespaces=\"git\" {KEY}\n")).expect("parses");
        let e = a
            .allows(
                "alice@example.com",
                a.entries[0].key.key_data(),
                "threatboard-signoff",
                "2026-12-02",
            )
            .expect_err("git only");
        assert!(
            e.contains("allowed_signers:1") && e.contains("namespace"),
            "{e}"
        );
    }

    #[test]
    fn patterns_wildcards_and_negation() {
        assert!(match_list("alice@example.com", "*@example.com"));
        assert!(match_list("alice@example.com", "bob@x,a?ice@example.com"));
        assert!(!match_list(
            "mallory@example.com",
            "!mallory@example.com,*@example.com"
        ));
        assert!(!match_list("alice@example.org", "*@example.com"));
        assert!(match_list("", "*"));
        assert!(!match_list("a", ""));
    }

    #[test]
    fn bad_lines_name_the_line() {
        let cases = [
            ("alice\n", "no key"),
            ("\"alice ssh-ed25519 AAAA\n", "unterminated quote"),
            (
                "alice nosuch=\"x\" ssh-ed25519 AAAA\n",
                "unsupported option",
            ),
            ("alice namespaces=git ssh-ed25519 AAAA\n", "double quotes"),
            (
                "alice valid-after=\"2026\" ssh-ed25519 AAAA\n",
                "not a time",
            ),
            (
                "alice valid-after=\"20261301\" ssh-ed25519 AAAA\n",
                "not a time",
            ),
            ("alice ssh-ed25519 !!!notbase64\n", "cannot read the key"),
            (
                "alice namespaces=\"git ssh-ed25519 AAAA\n",
                "unterminated quote",
            ),
            ("alice cert-authority\n", "no key"),
        ];
        for (text, want) in cases {
            let text = format!("# header\n{text}");
            let e = parse(&text).expect_err(text.as_str());
            assert_eq!(e.line, 2, "{text}");
            let shown = e.to_string();
            assert!(shown.starts_with("allowed_signers:2: "), "{shown}");
            assert!(shown.contains(want), "{text}: {shown}");
        }
    }

    #[test]
    fn glob_is_not_exponential() {
        let s = "a".repeat(2000);
        assert!(!glob(&s, &"*a".repeat(200).replace("a", "a*b")));
        assert!(glob(&s, "*a*a*a*"));
    }
}
