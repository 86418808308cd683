//! Analysis speed on synthetic projects of 100, 1,000 and 10,000 elements (two flows per
//! element, ten trust boundaries).
//!
//! Run with `cargo bench --bench analysis`; criterion prints the median per size, on the
//! threads the application uses (`analyze`) and on one (`one-thread`), side by side.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use threatboard::analysis::{Catalogue, analyze, analyze_on};
use threatboard::synthetic;

// The allocator the application uses (see src/main.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench(c: &mut Criterion) {
    let catalogue = Catalogue::builtin().expect("built-in catalogue");
    let mut group = c.benchmark_group("analyze");
    for n in [100usize, 1_000, 10_000] {
        let project = synthetic::project(n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &project, |b, p| {
            b.iter(|| analyze(p, &catalogue));
        });
    }
    group.finish();
    let mut group = c.benchmark_group("one-thread");
    for n in [1_000usize, 10_000] {
        let project = synthetic::project(n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &project, |b, p| {
            b.iter(|| analyze_on(p, &catalogue, 1));
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
