//! PDF export of a project with about 1,000 threats (a synthetic system of 64 elements
//! and 128 flows). Run with `cargo bench --bench report`.

use criterion::{Criterion, criterion_group, criterion_main};
use threatboard::analysis::{Catalogue, analyze};

fn bench(c: &mut Criterion) {
    let project = threatboard::synthetic::project(64);
    let catalogue = Catalogue::builtin().expect("rules");
    let analysis = analyze(&project, &catalogue);
    let threats = analysis.findings.len();
    assert!((900..=1_300).contains(&threats), "{threats} threats");
    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    group.bench_function(format!("pdf/{threats}-threats"), |b| {
        b.iter(|| {
            threatboard::report::pdf_for_file(
                &project,
                &analysis,
                &catalogue,
                "synthetic.ron",
                true,
                true,
                None,
            )
            .expect("pdf")
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
