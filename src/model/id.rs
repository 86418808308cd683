//! Typed identifiers: short, random and collision-resistant.
//!
//! Ids are generated locally (no counter, no central authority) so that two people adding
//! elements on two git branches do not collide. A generated id is a kind prefix, an
//! underscore and ten characters of Crockford base32: 50 random bits, so even a project
//! with 10,000 elements has a collision chance around 4·10⁻⁸. Imported ids (Threat Dragon
//! uses UUIDs) are accepted as long as they use the safe alphabet below.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Longest id accepted in a file.
pub const MAX_ID_LEN: usize = 64;

const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
const RANDOM_CHARS: usize = 10;

/// Why a string is not a valid id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("an id cannot be empty")]
    Empty,
    #[error("id {0:?} is longer than {MAX_ID_LEN} characters")]
    TooLong(String),
    #[error("id {0:?} may only contain letters, digits, '_', '-' and '.'")]
    BadChar(String),
}

/// Checks the characters of an id (shared by every typed id and by rule ids).
pub fn check_id(s: &str) -> Result<(), IdError> {
    if s.is_empty() {
        return Err(IdError::Empty);
    }
    if s.len() > MAX_ID_LEN {
        return Err(IdError::TooLong(s.chars().take(MAX_ID_LEN).collect()));
    }
    if !s
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
    {
        return Err(IdError::BadChar(s.to_owned()));
    }
    Ok(())
}

/// A fresh random id with the given prefix, e.g. `el_7k2m9x4q1a`.
pub fn random_id(prefix: &str) -> String {
    let mut bytes = [0u8; RANDOM_CHARS];
    if getrandom::fill(&mut bytes).is_err() {
        fallback_random(&mut bytes);
    }
    let mut id = String::with_capacity(prefix.len() + 1 + RANDOM_CHARS);
    id.push_str(prefix);
    id.push('_');
    id.extend(
        bytes
            .iter()
            .map(|b| char::from(ALPHABET[usize::from(b % 32)])),
    );
    id
}

/// Used only if the OS random source fails: SipHash with per-process random keys over a
/// counter and the clock is still unpredictable across machines.
fn fallback_random(bytes: &mut [u8]) {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    for chunk in bytes.chunks_mut(8) {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
        if let Ok(t) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
            h.write_u128(t.as_nanos());
        }
        let v = h.finish().to_le_bytes();
        chunk.copy_from_slice(&v[..chunk.len()]);
    }
}

macro_rules! typed_id {
    ($(#[$meta:meta])* $name:ident, $prefix:literal) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// The prefix of generated ids of this kind.
            pub const PREFIX: &'static str = $prefix;

            /// A fresh random id.
            pub fn generate() -> Self {
                Self(random_id($prefix))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(s: String) -> Result<Self, IdError> {
                check_id(&s)?;
                Ok(Self(s))
            }
        }

        impl TryFrom<&str> for $name {
            type Error = IdError;
            fn try_from(s: &str) -> Result<Self, IdError> {
                Self::try_from(s.to_owned())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

typed_id!(
    /// A diagram of a project.
    DiagramId,
    "dg"
);
typed_id!(
    /// A process, data store or external entity.
    ElementId,
    "el"
);
typed_id!(
    /// A data flow.
    FlowId,
    "fl"
);
typed_id!(
    /// A trust boundary.
    BoundaryId,
    "tb"
);
typed_id!(
    /// A free-text note on the canvas.
    NoteId,
    "nt"
);
typed_id!(
    /// A threat the user added by hand.
    ManualThreatId,
    "th"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_ids_are_valid_distinct_and_prefixed() {
        let ids: std::collections::BTreeSet<_> =
            (0..10_000).map(|_| ElementId::generate()).collect();
        assert_eq!(ids.len(), 10_000, "10,000 generated ids must not collide");
        for id in ids.iter().take(20) {
            assert!(id.as_str().starts_with("el_"));
            assert_eq!(id.as_str().len(), 3 + RANDOM_CHARS);
            check_id(id.as_str()).expect("generated id is valid");
        }
    }

    #[test]
    fn bad_ids_are_refused() {
        assert_eq!(ElementId::try_from(""), Err(IdError::Empty));
        assert!(matches!(
            ElementId::try_from("a b"),
            Err(IdError::BadChar(_))
        ));
        assert!(matches!(
            ElementId::try_from("x@y"),
            Err(IdError::BadChar(_))
        ));
        assert!(matches!(
            ElementId::try_from("x".repeat(65)),
            Err(IdError::TooLong(_))
        ));
        assert!(ElementId::try_from("6f9b3c1e-0d2a-4c55-9a7e-2b8f0c4d1e77").is_ok());
    }
}
