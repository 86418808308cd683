//! Building the display list of a large diagram (routing flows around elements, placing
//! labels): once per diagram for the SVG and PDF (`cold`: every route searched), and on
//! every edit in the canvas (`edit`: routes kept from the last build, one element moved).
//! Run with `cargo bench --bench scene`; `SCENE_BENCH_SIZES=10000 cargo bench --bench scene`
//! runs one size (at 10,000 elements / 20,000 flows a cold build searches ~20,000 routes,
//! shared out among the cores).

use criterion::{Criterion, criterion_group, criterion_main};
use threatboard::scene::display::{self, Routes};

fn bench(c: &mut Criterion) {
    let sizes: Vec<usize> = std::env::var("SCENE_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100, 1_000, 10_000]);
    for n in sizes {
        let mut project = threatboard::synthetic::project(n);
        let d = project.diagrams[0].clone();
        // The same ids as `c.bench_function("scene/…")`, fewer samples for the big one.
        let mut group = c.benchmark_group("scene");
        if n > 2_000 {
            group.sample_size(10);
        }
        group.bench_function(format!("cold/{n}-elements"), |b| {
            b.iter(|| display::build(&project, &d, &|_| None))
        });
        let mut routes = Routes::interactive();
        while display::build_with(&project, &d, &|_| None, &mut routes).incomplete {}
        let first = d.elements[0].id.clone();
        let mut right = true;
        group.bench_function(format!("edit/{n}-elements"), |b| {
            b.iter(|| {
                right = !right;
                if let Some(r) = project.layout.elements.get_mut(&first) {
                    r.x += if right { 10.0 } else { -10.0 };
                }
                display::build_with(&project, &d, &|_| None, &mut routes)
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
