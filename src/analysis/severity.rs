//! The severity model: impact from the data and what an element does, likelihood from
//! exposure, each finding's severity within one level of its rule's, and the reason in
//! words. See docs/rules.md, "Severity: impact and likelihood".

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::catalogue::Rule;
use super::facts::{ElementFacts, FlowFacts};
use crate::foundation::text::capitalized;
use crate::model::{DataClass, ElementKind, ElementProps, Severity};

/// How bad a threat would be and how likely it is, from what the model says, and why.
#[derive(Debug, Clone)]
pub(super) struct Assessment {
    /// −1 (public data), 0, +1 (card data, credentials, secrets, payments, admin).
    impact: i8,
    /// What makes the impact high, as a set of [`Reasons`] bits.
    impact_reasons: Reasons,
    exposure: Exposure,
    /// Where the data on a flow can come from: a flow out of a process that the internet
    /// reaches carries what the internet sent (injection, tampering, elevation).
    data_exposure: Exposure,
    checklist: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Exposure {
    /// Reachable from the internet (an internet boundary, a public network).
    Internet,
    /// Crosses (or is reached across) another trust boundary.
    Boundary,
    /// Stays inside one trust zone.
    Local,
}

impl Assessment {
    pub(super) fn checklist() -> Self {
        Self {
            impact: 0,
            impact_reasons: Reasons::default(),
            exposure: Exposure::Local,
            data_exposure: Exposure::Local,
            checklist: true,
        }
    }

    /// The severity of `rule` for this subject, and the reason in words
    /// ("High: card data; reachable from the internet"). The texts are shared: a subject
    /// has at most a few distinct reasons, cached in `reasons`.
    pub(super) fn severity(&self, rule: &Rule, reasons: &mut ReasonCache) -> (Severity, Arc<str>) {
        if self.checklist {
            return (Severity::Low, reasons.checklist());
        }
        let exposure = if rule.injection {
            self.data_exposure
        } else {
            self.exposure
        };
        let mut level = rule.severity as i8 + self.impact;
        match exposure {
            Exposure::Internet if !rule.tests_internet => level += 1,
            Exposure::Local if !rule.tests_exposure => level -= 1,
            _ => {}
        }
        // Within one level of the rule's own severity: the model ranks, it does not
        // reinvent. Critical so needs a rule that is high on its own.
        let base = rule.severity as i8;
        level = level.clamp(base - 1, base + 1);
        // Critical means high impact within reach of the internet.
        if level >= 3 && base < 3 && exposure != Exposure::Internet {
            level = 2;
        }
        let severity = Severity::ALL[level.clamp(0, 3) as usize];
        let from_data = exposure == self.data_exposure && self.data_exposure != self.exposure;
        let key = ReasonKey {
            public: self.impact < 0,
            reasons: self.impact_reasons,
            severity,
            exposure,
            from_data,
        };
        let text = reasons
            .texts
            .entry(key)
            .or_insert_with(|| Arc::from(self.reason_text(severity, exposure, from_data)))
            .clone();
        (severity, text)
    }

    fn reason_text(&self, severity: Severity, exposure: Exposure, from_data: bool) -> String {
        let mut parts: Vec<&str> = Vec::with_capacity(4);
        if self.impact < 0 {
            parts.push("public data only");
        }
        parts.extend(self.impact_reasons.words());
        parts.push(match (exposure, from_data) {
            (Exposure::Internet, false) => "reachable from the internet",
            (Exposure::Internet, true) => "its data comes from the internet",
            (Exposure::Boundary, false) => "crosses a trust boundary",
            (Exposure::Boundary, true) => "its data comes from across a trust boundary",
            (Exposure::Local, _) => "stays inside one trust zone",
        });
        format!("{}: {}", capitalized(severity.label()), parts.join("; "))
    }
}

/// What raises a threat's impact, as a set; the words come out in one fixed order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub(super) struct Reasons(u16);

impl Reasons {
    const WORDS: [&'static str; 10] = [
        "payments",
        "secrets",
        "privileged code",
        "card data",
        "credentials",
        "health data",
        "secret data",
        "administration",
        "confidential data",
        "personal data",
    ];
    const PAYMENTS: u16 = 1 << 0;
    const SECRETS: u16 = 1 << 1;
    const PRIVILEGED: u16 = 1 << 2;
    const CARD: u16 = 1 << 3;
    const CREDENTIALS: u16 = 1 << 4;
    const HEALTH: u16 = 1 << 5;
    const SECRET_DATA: u16 = 1 << 6;
    const ADMIN: u16 = 1 << 7;
    const CONFIDENTIAL: u16 = 1 << 8;
    const PERSONAL: u16 = 1 << 9;

    fn add(&mut self, bit: u16) {
        self.0 |= bit;
    }

    pub(super) fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub(super) fn words(self) -> impl Iterator<Item = &'static str> {
        Self::WORDS
            .iter()
            .enumerate()
            .filter(move |(i, _)| self.0 & (1 << i) != 0)
            .map(|(_, w)| *w)
    }
}

/// Everything a reason text depends on.
#[derive(PartialEq, Eq, Hash)]
struct ReasonKey {
    public: bool,
    reasons: Reasons,
    severity: Severity,
    exposure: Exposure,
    from_data: bool,
}

/// The reason texts of one analysis: a model has a few dozen distinct ones, made once and
/// shared by every finding that has them.
#[derive(Default)]
pub(super) struct ReasonCache {
    texts: FxHashMap<ReasonKey, Arc<str>>,
    /// Each analysis thread's own (one shared count, bumped for every checklist question
    /// by every thread, would keep the cores waiting on each other).
    checklist: Option<Arc<str>>,
}

impl ReasonCache {
    fn checklist(&mut self) -> Arc<str> {
        self.checklist
            .get_or_insert_with(|| {
                Arc::from(
                    "Low: a question from the STRIDE checklist; nothing specific was found for it",
                )
            })
            .clone()
    }
}

pub(super) fn impact_of_element(ef: &ElementFacts<'_>) -> (i8, Reasons) {
    let mut reasons = Reasons::default();
    let mut impact = 0;
    match &ef.element.props {
        ElementProps::Process(p) => {
            if ef.payment() {
                reasons.add(Reasons::PAYMENTS);
            }
            if p.handles_secrets {
                reasons.add(Reasons::SECRETS);
            }
            if p.runs_as.is_privileged() {
                reasons.add(Reasons::PRIVILEGED);
            }
        }
        ElementProps::DataStore(p) => {
            if p.stores_credentials {
                reasons.add(Reasons::CREDENTIALS);
            }
            match p.classification {
                DataClass::Secret => reasons.add(Reasons::SECRET_DATA),
                DataClass::Public => impact = -1,
                _ => {}
            }
        }
        ElementProps::ExternalEntity(_) => {}
    }
    if ef.cues & super::vocab::cue::ADMIN != 0 {
        reasons.add(Reasons::ADMIN);
    }
    if !reasons.is_empty() {
        impact = 1;
    }
    (impact, reasons)
}

pub(super) fn assess_element(ef: &ElementFacts<'_>) -> Assessment {
    let (impact, impact_reasons) = impact_of_element(ef);
    // A store shared by a link that needs no sign-in is reached by whoever holds the
    // link, from anywhere.
    let exposure = if ef.reached_from_internet || ef.shared_by_link() {
        Exposure::Internet
    } else if ef.reached_across_boundary || ef.element.kind() == ElementKind::ExternalEntity {
        Exposure::Boundary
    } else {
        Exposure::Local
    };
    Assessment {
        impact,
        impact_reasons,
        exposure,
        data_exposure: exposure,
        checklist: false,
    }
}

pub(super) fn assess_flow(
    flow: &crate::model::Flow,
    ff: &FlowFacts,
    source: &ElementFacts<'_>,
) -> Assessment {
    use super::vocab::cue;
    let mut reasons = Reasons::default();
    if ff.cues & cue::CARD != 0 {
        reasons.add(Reasons::CARD);
    }
    if ff.cues & cue::CREDENTIALS != 0 {
        reasons.add(Reasons::CREDENTIALS);
    }
    if ff.cues & cue::HEALTH != 0 {
        reasons.add(Reasons::HEALTH);
    }
    if flow.classification == DataClass::Secret {
        reasons.add(Reasons::SECRET_DATA);
    }
    let impact = if !reasons.is_empty() {
        1
    } else if flow.classification == DataClass::Public {
        -1
    } else {
        0
    };
    if reasons.is_empty() {
        if flow.classification == DataClass::Confidential {
            reasons.add(Reasons::CONFIDENTIAL);
        } else if ff.cues & cue::PERSONAL != 0 {
            reasons.add(Reasons::PERSONAL);
        }
    }
    let exposure = if ff.from_internet(flow) {
        Exposure::Internet
    } else if ff.crosses() || ff.protocol.is_some_and(|p| p.proximity) {
        Exposure::Boundary
    } else {
        Exposure::Local
    };
    let from_source = if source.element.kind() != ElementKind::Process {
        Exposure::Local
    } else if source.reached_from_internet {
        Exposure::Internet
    } else if source.reached_across_boundary {
        Exposure::Boundary
    } else {
        Exposure::Local
    };
    let rank = |e: Exposure| match e {
        Exposure::Local => 0,
        Exposure::Boundary => 1,
        Exposure::Internet => 2,
    };
    let data_exposure = if rank(from_source) > rank(exposure) {
        from_source
    } else {
        exposure
    };
    Assessment {
        impact,
        impact_reasons: reasons,
        exposure,
        data_exposure,
        checklist: false,
    }
}
