//! The design phrases of links that work for whoever holds them: shared, signed, e-mailed
//! or texted links to a document, an upload page or an approval. Data only, one of the
//! tables `designs.rs` compiles into one matcher.

use super::super::Mode::{self, Word};
use super::design as d;

pub(super) const LINKS: &[(&str, u64, Mode)] = &[
    ("share link", d::BEARER_LINK, Word),
    ("sharing link", d::BEARER_LINK, Word),
    ("shared link", d::BEARER_LINK, Word),
    (
        "anyone with the link",
        d::BEARER_LINK | d::SHARED_LINK,
        Word,
    ),
    ("anyone with link", d::SHARED_LINK, Word),
    ("anyone with a link", d::SHARED_LINK, Word),
    ("link shared with", d::SHARED_LINK, Word),
    ("public link", d::BEARER_LINK, Word),
    ("download link", d::BEARER_LINK, Word),
    ("presigned url", d::BEARER_LINK, Word),
    ("pre-signed url", d::BEARER_LINK, Word),
    ("presigned get", d::BEARER_LINK, Word),
    ("pre-signed get", d::BEARER_LINK, Word),
    ("signed url", d::BEARER_LINK, Word),
    ("sas url", d::BEARER_LINK, Word),
    ("sas link", d::BEARER_LINK, Word),
    ("email link", d::BEARER_LINK, Word),
    ("e-mail link", d::BEARER_LINK, Word),
    ("sms link", d::BEARER_LINK, Word),
    ("link sent", d::BEARER_LINK, Word),
    ("link (email)", d::BEARER_LINK, Word),
    ("link (e-mail)", d::BEARER_LINK, Word),
    ("link (sms)", d::BEARER_LINK, Word),
    ("claim link", d::BEARER_LINK, Word),
    ("approval link", d::BEARER_LINK, Word),
    ("tracking link", d::BEARER_LINK, Word),
    ("fulfilment link", d::BEARER_LINK, Word),
    ("fulfillment link", d::BEARER_LINK, Word),
    ("proof link", d::BEARER_LINK, Word),
    ("secure link", d::BEARER_LINK, Word),
    ("unique link", d::BEARER_LINK, Word),
    ("upload link", d::BEARER_LINK, Word),
];
