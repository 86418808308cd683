//! Synthetic projects of any size, for benchmarks and for comparing with other tools.
//!
//! The system is deterministic: element `i` is a process, data store or external entity by
//! `i % 3`; each element sends two flows (to the next element and to one a third of the
//! way round); ten region boundaries split the canvas into vertical bands, so a share of
//! the flows cross one or more of them. Properties vary with `i` so that rules fire in a
//! realistic mix rather than all or none.

use crate::model::*;

/// Number of trust boundaries in every synthetic project.
pub const BOUNDARIES: usize = 10;

const COLUMNS: usize = 40;
const CELL_W: f32 = 200.0;
const CELL_H: f32 = 150.0;

/// A project with `elements` elements, `2 × elements` flows and ten boundaries.
pub fn project(elements: usize) -> Project {
    let mut p = Project::new(format!("Synthetic system ({elements} elements)"));
    let mut els = Vec::with_capacity(elements);
    for i in 0..elements {
        let kind = ElementKind::ALL[i % 3];
        let mut e = Element::new(kind, format!("{} {i}", kind.label()));
        e.id =
            ElementId::try_from(format!("el_syn{i:06}")).unwrap_or_else(|_| ElementId::generate());
        match &mut e.props {
            ElementProps::Process(pp) => {
                pp.sanitizes_input = i % 2 == 0;
                pp.authenticates_callers = i % 4 != 1;
                pp.authorizes_callers = i % 5 != 0;
                pp.is_web_application = i % 7 == 0;
                pp.code_type = if i % 11 == 0 {
                    CodeType::Unmanaged
                } else {
                    CodeType::Managed
                };
                pp.audit_logging = i % 3 == 0;
            }
            ElementProps::DataStore(sp) => {
                sp.store_type = if i % 4 == 1 {
                    StoreType::Sql
                } else {
                    StoreType::KeyValue
                };
                sp.stores_logs = i % 5 == 1;
                sp.stores_credentials = i % 8 == 1;
                sp.encrypted_at_rest = i % 2 == 1;
                sp.classification = DataClass::Confidential;
            }
            ElementProps::ExternalEntity(ep) => {
                ep.actor = if i % 2 == 0 {
                    Actor::Human
                } else {
                    Actor::System
                };
                ep.authenticates_itself = i % 3 != 2;
            }
        }
        let (col, row) = (i % COLUMNS, i / COLUMNS);
        p.layout.elements.insert(
            e.id.clone(),
            Rect::new(col as f32 * CELL_W, row as f32 * CELL_H, 120.0, 60.0),
        );
        els.push(e);
    }
    let mut flows = Vec::with_capacity(elements * 2);
    if elements > 1 {
        for (i, e) in els.iter().enumerate() {
            for (k, j) in [(i + 1) % elements, (i + elements / 3 + 1) % elements]
                .into_iter()
                .enumerate()
            {
                if j == i {
                    continue;
                }
                let mut f = Flow::new(format!("Flow {i}.{k}"), e.id.clone(), els[j].id.clone());
                f.id = FlowId::try_from(format!("fl_syn{i:06}{k}"))
                    .unwrap_or_else(|_| FlowId::generate());
                f.encrypted = i % 3 != 0;
                f.integrity_protected = f.encrypted;
                f.authenticates_source = i % 4 == 0;
                f.protocol = if f.encrypted {
                    "HTTPS".into()
                } else {
                    "HTTP".into()
                };
                f.classification = if i % 5 == 0 {
                    DataClass::Secret
                } else {
                    DataClass::Internal
                };
                f.payload = if i % 6 == 0 {
                    Payload::Json
                } else {
                    Payload::Unspecified
                };
                flows.push(f);
            }
        }
    }
    let rows = elements.div_ceil(COLUMNS).max(1);
    let band = COLUMNS as f32 * CELL_W / BOUNDARIES as f32;
    for b in 0..BOUNDARIES {
        let mut boundary = Boundary::new(
            format!("Zone {b}"),
            if b == 0 {
                BoundaryType::Internet
            } else {
                BoundaryType::Network
            },
        );
        boundary.id = BoundaryId::try_from(format!("tb_syn{b:02}"))
            .unwrap_or_else(|_| BoundaryId::generate());
        p.layout.boundaries.insert(
            boundary.id.clone(),
            BoundaryShape::Region(Rect::new(
                b as f32 * band - 20.0,
                -20.0,
                band - 10.0,
                rows as f32 * CELL_H + 40.0,
            )),
        );
        p.diagrams[0].boundaries.push(boundary);
    }
    p.diagrams[0].elements = els;
    p.diagrams[0].flows = flows;
    p
}

/// The smallest shop the analysis tests reason about: a browser outside, a shop API and an
/// SQL orders database inside a "Shop VPC" region, laid out left to right, no flows yet.
/// Tests add the flows they need with [`Shop::flow`].
pub struct Shop {
    pub project: Project,
    pub browser: ElementId,
    pub api: ElementId,
    pub db: ElementId,
}

impl Shop {
    pub fn new() -> Self {
        let mut p = Project::new("shop");
        let browser = Element::new(ElementKind::ExternalEntity, "Browser");
        let api = Element::new(ElementKind::Process, "Shop API");
        let mut db = Element::new(ElementKind::DataStore, "Orders database");
        if let ElementProps::DataStore(s) = &mut db.props {
            s.store_type = StoreType::Sql;
        }
        let ids = (browser.id.clone(), api.id.clone(), db.id.clone());
        for (i, e) in [browser, api, db].into_iter().enumerate() {
            p.layout
                .elements
                .insert(e.id.clone(), Rect::new(i as f32 * 200.0, 0.0, 100.0, 60.0));
            p.diagrams[0].elements.push(e);
        }
        // The API and its database inside the system, the browser outside.
        let system = Boundary::new("Shop VPC", BoundaryType::Network);
        p.layout.boundaries.insert(
            system.id.clone(),
            BoundaryShape::Region(Rect::new(180.0, -20.0, 340.0, 100.0)),
        );
        p.diagrams[0].boundaries.push(system);
        Self {
            project: p,
            browser: ids.0,
            api: ids.1,
            db: ids.2,
        }
    }

    /// Adds a flow `name` from `from` to `to`; its id.
    pub fn flow(&mut self, name: &str, from: &ElementId, to: &ElementId) -> FlowId {
        let f = Flow::new(name, from.clone(), to.clone());
        let id = f.id.clone();
        self.project.diagrams[0].flows.push(f);
        id
    }

    /// The flow with id `id`, to change what it says.
    pub fn flow_mut(&mut self, id: &FlowId) -> Option<&mut Flow> {
        self.project.diagrams[0]
            .flows
            .iter_mut()
            .find(|f| &f.id == id)
    }
}

impl Default for Shop {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn synthetic_projects_are_valid_and_sized() {
        let p = super::project(1000);
        let d = &p.diagrams[0];
        assert_eq!(
            (d.elements.len(), d.flows.len(), d.boundaries.len()),
            (1000, 2000, 10)
        );
        let text = crate::io::to_canonical_string(&p).expect("serialises");
        crate::io::load_str(&text, std::path::Path::new("synthetic.ron")).expect("valid project");
    }
}
