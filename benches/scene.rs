//! Building the display list of a large diagram (routing flows around elements, placing
//! labels): once per diagram for the SVG and PDF (`cold`: every route searched), and on
//! every edit in the canvas (`edit`: routes kept from the last build, one element moved).
//! Run with `cargo bench --bench scene`.

use criterion::{Criterion, criterion_group, criterion_main};
use threatboard::scene::display::{self, Routes};

fn bench(c: &mut Criterion) {
    for n in [100, 1_000] {
        let mut project = threatboard::synthetic::project(n);
        let d = project.diagrams[0].clone();
        c.bench_function(&format!("scene/cold/{n}-elements"), |b| {
            b.iter(|| display::build(&project, &d, &|_| None))
        });
        let mut routes = Routes::interactive();
        while display::build_with(&project, &d, &|_| None, &mut routes).incomplete {}
        let first = d.elements[0].id.clone();
        let mut right = true;
        c.bench_function(&format!("scene/edit/{n}-elements"), |b| {
            b.iter(|| {
                right = !right;
                if let Some(r) = project.layout.elements.get_mut(&first) {
                    r.x += if right { 10.0 } else { -10.0 };
                }
                display::build_with(&project, &d, &|_| None, &mut routes)
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
