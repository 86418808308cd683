//! Words that mean something else beside the words around them, for `designs::skip`:
//! money set aside is no booking, a message's acknowledgement is no alert stood down.

/// Whether the reservation said at byte `start` of `text` sets money aside ("reserves
/// cash", "funds reserved", "Funds earmarked when reserved"): the word after or before it
/// names money, or its sentence says funds are earmarked.
pub(super) fn reserves_money(text: &str, start: usize, first: &str, before: &str) -> bool {
    const MONEY: &[&str] = &[
        "cash", "funds", "fund", "money", "amount", "amounts", "balance",
    ];
    if MONEY.contains(&first) || MONEY.contains(&before) {
        return true;
    }
    let from = text[..start].rfind(['.', ';', '\n']).map_or(0, |i| i + 1);
    let to = text[start..]
        .find(['.', ';', '\n'])
        .map_or(text.len(), |i| start + i);
    text[from..to]
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| {
            ["funds", "earmarked", "earmark"]
                .iter()
                .any(|m| w.eq_ignore_ascii_case(m))
        })
}

/// Whether an acknowledgement, by the word after (`first`) or before it, is a message's or
/// a file's ("sent msgs + acks", "CONTRL / ack", "acks / error files", an EDI 999): it says
/// what arrived; nobody stands an alert down.
pub(super) fn acknowledges_delivery(first: &str, before: &str) -> bool {
    const DELIVERED: &[&str] = &[
        "msg", "msgs", "message", "messages", "edi", "contrl", "error", "errors", "file", "files",
        "997", "999", "ta1", "mdn", "as2", "receipt", "receipts", "batch", "delivery",
    ];
    DELIVERED.contains(&first) || DELIVERED.contains(&before)
}
