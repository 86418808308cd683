//! Words that only look like a design fact where they sit: data an app sends up that is
//! no file, a CSV import, a person approving their own device's sign-in, a pipeline's
//! failure alerts.

use super::{design::*, designs as facts};

/// What an app uploads that is no file (hashes, readings) and a CSV import parsed into
/// the database are no files kept for anyone to open; scans of receipts are.
#[test]
fn data_sent_up_is_no_file() {
    for said in [
        "find friends - app uploads sha1 of each phone number in the address book",
        "logger uploads readings every 5 min",
        "CSV import for clubs that send teams by email",
    ] {
        assert_eq!(facts([said]) & UPLOADS, 0, "{said}");
    }
    assert_eq!(
        facts(["app uploads scans of the receipts"]) & UPLOADS,
        UPLOADS
    );
}

/// Approving a TV's sign-in on the page it shows a code for is the person's own consent;
/// a manager approving claims is an approval step.
#[test]
fn approving_ones_own_device_is_no_approval_step() {
    for said in [
        "public page tv.example.com/activate. QR opens it with ?code= prefilled. user logs in then approves",
        "enter code / approve",
    ] {
        assert_eq!(facts([said]) & APPROVAL, 0, "{said}");
    }
    assert_eq!(
        facts(["manager approves claims over 500"]) & APPROVAL,
        APPROVAL
    );
}

/// A pipeline's own failure alerts and a BI tool's "alerts & reports" raise no alarm
/// anyone's safety waits on; certificate expiry alerts and a lone worker's alarm do.
#[test]
fn alerts_about_the_systems_own_jobs_are_no_alarm() {
    for said in [
        "failure alerts",
        "Slack #data-alerts",
        "alerts & reports worker",
    ] {
        assert_eq!(facts([said]) & ALERTING, 0, "{said}");
    }
    for said in ["expiry alerts", "escalates alerts to the duty manager"] {
        assert_eq!(facts([said]) & ALERTING, ALERTING, "{said}");
    }
}

/// A card's PIN handled as data (a PIN block fetched and translated, a PIN revealed in the
/// app) is no short code anybody signs in with; a device's signature is a key's, not a
/// person's; standing orders ("SOs") are no SOS call; cash reserved in an app is money set
/// aside, no place to hoard; a message's acknowledgement ("CONTRL / ack") stands no alert
/// down. Each misread on models nobody here had seen. Near misses keep their facts.
#[test]
fn a_banks_words_that_look_like_other_things() {
    for (said, bit) in [
        ("get PIN block", SHORT_CODE),
        ("POST /cards/{cardRef}/pin-reveal", SHORT_CODE),
        ("body: app ephemeral pubkey, device signature", ATTESTS),
        ("Runs 02:00. Picks up SOs due today", ALERTING),
        (
            "Customer reserves cash in the app and gets a 6 digit code",
            RESERVES,
        ),
        (
            "Code valid 30 min, single use. Funds earmarked when reserved.",
            RESERVES,
        ),
    ] {
        assert_eq!(facts([said]) & bit, 0, "{said}");
    }
    for (said, bit) in [
        ("customer enters a 4-digit PIN", SHORT_CODE),
        ("PIN + card number at the kiosk", SHORT_CODE),
        ("customer signature captured on the device", ATTESTS),
        ("SOS button on the pendant", ALERTING),
        ("customers reserve a slot for collection", RESERVES),
        ("sync (ack / clear fault)", ACKNOWLEDGES),
    ] {
        assert_eq!(facts([said]) & bit, bit, "{said}");
    }
}
