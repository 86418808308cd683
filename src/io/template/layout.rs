//! The layout of a diagram made from a template, with no hand work: people and other
//! organisations on the left, outside the account; then entry points, compute and stores
//! as columns; the account, each VPC and its public and private subnets as nested boxes
//! stacked top to bottom, the columns running through them all. Every element has a cell
//! of its own, so nothing overlaps; within a column, elements are ordered by the average
//! place of what they connect to, so most flows run left to right without crossing.

use std::collections::BTreeMap;

use super::graph::{Graph, Role, Zone};
use crate::model::*;

/// One element's cell.
const CELL_W: f32 = 210.0;
const CELL_H: f32 = 130.0;
/// A box's margin round what it holds, and the room for its name at the top.
const PAD: f32 = 28.0;
const HEADER: f32 = 34.0;
/// Elements stacked in one column before it wraps into another.
const MAX_ROWS: usize = 6;

fn column(role: Role) -> usize {
    match role {
        Role::Outside => 0,
        Role::Entry => 1,
        Role::Compute => 2,
        Role::Store => 3,
    }
}

/// Places a column of parts from a top edge; gives the height used.
type Put<'a> = dyn FnMut(&[usize], usize, f32, &mut Layout) -> f32 + 'a;

/// Places the graph's elements (their ids in `ids`), adds the boundaries to `diagram` and
/// writes every rectangle into `layout`.
pub fn place(graph: &Graph, diagram: &mut Diagram, ids: &[ElementId], layout: &mut Layout) {
    let order = ordered(graph);
    // Parts of each zone and column, in order.
    let mut cells: BTreeMap<(Zone, usize), Vec<usize>> = BTreeMap::new();
    for &i in &order {
        let p = &graph.parts[i];
        cells
            .entry((p.zone.clone(), column(p.role)))
            .or_default()
            .push(i);
    }
    let sub_columns = |n: usize| n.div_ceil(MAX_ROWS).max(1);
    // Each column as wide as its widest zone needs.
    let mut widths = [0usize; 4];
    for ((_, col), parts) in &cells {
        widths[*col] = widths[*col].max(sub_columns(parts.len()));
    }
    // An empty column takes no room; a diagram with nothing in it still has one.
    if widths[1..].iter().all(|w| *w == 0) {
        widths[2] = 1;
    }
    let depth = 3.0 * PAD;
    let account_left = widths[0] as f32 * CELL_W + if widths[0] > 0 { 2.0 * PAD } else { 0.0 };
    let mut column_x = [0.0f32; 4];
    let mut x = account_left + depth;
    for c in 1..4 {
        column_x[c] = x;
        x += widths[c] as f32 * CELL_W;
    }
    let account_right = x + depth;

    let mut put = |parts: &[usize], col: usize, top: f32, layout: &mut Layout| -> f32 {
        let subs = sub_columns(parts.len());
        let rows = parts.len().div_ceil(subs);
        for (k, &i) in parts.iter().enumerate() {
            let (sub, row) = (k / rows.max(1), k % rows.max(1));
            let (w, h) = crate::scene::default_size(graph.parts[i].props.kind());
            let cx = column_x[col] + sub as f32 * CELL_W + CELL_W / 2.0;
            let cy = top + row as f32 * CELL_H + CELL_H / 2.0;
            layout
                .elements
                .insert(ids[i].clone(), Rect::new(cx - w / 2.0, cy - h / 2.0, w, h));
        }
        rows as f32 * CELL_H
    };

    // The zones in the account, top to bottom; each VPC's subnets grouped.
    let zones: Vec<Zone> = {
        let mut z: Vec<Zone> = cells
            .keys()
            .map(|(z, _)| z.clone())
            .filter(|z| *z != Zone::Outside)
            .collect();
        z.dedup();
        if !z.contains(&Zone::Account) {
            z.insert(0, Zone::Account);
        }
        // Public subnets above private ones.
        z.sort_by_key(|z| match z {
            Zone::Outside => (0, String::new(), 0),
            Zone::Account => (1, String::new(), 0),
            Zone::Vpc { vpc, public } => (2, vpc.clone(), usize::from(!public)),
        });
        z
    };
    let band = |zone: &Zone, top: f32, layout: &mut Layout, put: &mut Put| -> f32 {
        let mut tallest: f32 = 0.0;
        for col in 1..4 {
            if let Some(parts) = cells.get(&(zone.clone(), col)) {
                tallest = tallest.max(put(parts, col, top, layout));
            }
        }
        tallest
    };
    let mut boxes: Vec<(Boundary, Rect)> = Vec::new();
    let mut y = HEADER;
    let account_band = band(&Zone::Account, y, layout, &mut put);
    y += account_band.max(CELL_H * 0.5);
    let mut current_vpc: Option<(String, f32)> = None;
    let close_vpc = |vpc: &str, top: f32, y: &mut f32, boxes: &mut Vec<(Boundary, Rect)>| {
        *y += PAD / 2.0;
        let name = graph
            .vpcs
            .get(vpc)
            .cloned()
            .unwrap_or_else(|| "VPC (named by a parameter or another stack)".into());
        let mut b = Boundary::new(name, BoundaryType::Network);
        b.description =
            "A VPC: what is inside reaches the internet only as its routes allow.".into();
        boxes.push((
            b,
            Rect::new(
                account_left + PAD,
                top,
                account_right - account_left - 2.0 * PAD,
                *y - top,
            ),
        ));
        *y += PAD / 2.0;
    };
    for zone in zones.iter() {
        let Zone::Vpc { vpc, public } = zone else {
            continue;
        };
        if current_vpc.as_ref().is_some_and(|(v, _)| v != vpc)
            && let Some((v, top)) = current_vpc.take()
        {
            close_vpc(&v, top, &mut y, &mut boxes);
        }
        if current_vpc.is_none() {
            current_vpc = Some((vpc.clone(), y));
            y += HEADER;
        }
        let top = y;
        y += HEADER;
        let h = band(zone, y, layout, &mut put);
        y += h + PAD / 2.0;
        let name = if *public {
            "Public subnets"
        } else {
            "Private subnets"
        };
        let mut b = Boundary::new(name, BoundaryType::Network);
        b.description = if *public {
            "Subnets with a route to an internet gateway (or public addresses on launch).".into()
        } else {
            "Subnets with no route from the internet.".into()
        };
        boxes.push((
            b,
            Rect::new(
                account_left + 2.0 * PAD,
                top,
                account_right - account_left - 4.0 * PAD,
                y - top,
            ),
        ));
        y += PAD / 2.0;
    }
    if let Some((v, top)) = current_vpc.take() {
        close_vpc(&v, top, &mut y, &mut boxes);
    }
    y += PAD / 2.0;
    let mut account = Boundary::new("AWS account", BoundaryType::Internet);
    account.description =
        "What the template deploys, in one AWS account; outside it, the internet and other organisations.".into();
    boxes.insert(
        0,
        (
            account,
            Rect::new(account_left, 0.0, account_right - account_left, y),
        ),
    );
    // Outside: a column left of the account, level with its first row.
    if let Some(parts) = cells.get(&(Zone::Outside, 0)) {
        put(parts, 0, HEADER, layout);
    }
    for (b, r) in boxes {
        layout
            .boundaries
            .insert(b.id.clone(), BoundaryShape::Region(r));
        diagram.boundaries.push(b);
    }
}

/// The parts in the order they are stacked: entry points and outside parties as the
/// template lists them, then each later column by the average row of what it connects
/// to in the columns before it.
fn ordered(graph: &Graph) -> Vec<usize> {
    let n = graph.parts.len();
    let mut rank: Vec<f32> = (0..n).map(|i| i as f32).collect();
    let mut neighbours: Vec<Vec<usize>> = vec![Vec::new(); n];
    for e in &graph.edges {
        neighbours[e.from].push(e.to);
        neighbours[e.to].push(e.from);
    }
    for col in [Role::Compute, Role::Store] {
        let mut next = rank.clone();
        for (i, p) in graph.parts.iter().enumerate() {
            if p.role != col {
                continue;
            }
            let before: Vec<f32> = neighbours[i]
                .iter()
                .filter(|&&j| graph.parts[j].role < col)
                .map(|&j| rank[j])
                .collect();
            if !before.is_empty() {
                next[i] = before.iter().sum::<f32>() / before.len() as f32 + i as f32 * 1e-3;
            }
        }
        rank = next;
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| rank[a].total_cmp(&rank[b]).then(a.cmp(&b)));
    order
}
