//! Times the display list of a synthetic diagram as the canvas builds it (interactive
//! routing budget, routes kept between builds): `cargo run --release --example scene_time -- 10000`.
//! `… -- 1000 cold 15` instead times the build the SVG and PDF make (every route searched,
//! shared out among the cores; `cargo bench --bench scene -- cold` without criterion's
//! optimised build of every dev-dependency): the median of 15 and the fastest.
use std::time::Instant;
use threatboard::scene::display::{self, Routes};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let p = threatboard::synthetic::project(n);
    let d = &p.diagrams[0];
    if std::env::args().nth(2).as_deref() == Some("cold") {
        let runs: usize = std::env::args()
            .nth(3)
            .and_then(|s| s.parse().ok())
            .unwrap_or(15);
        let mut times: Vec<_> = (0..runs.max(1))
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(display::build(&p, d, &|_| None));
                t.elapsed()
            })
            .collect();
        times.sort();
        println!(
            "{n} elements, cold build: median {:?}, fastest {:?} ({runs} runs)",
            times[times.len() / 2],
            times[0]
        );
        return;
    }
    let mut routes = Routes::interactive();
    let start = Instant::now();
    let mut builds = 0;
    let mut first = None;
    loop {
        let t = Instant::now();
        let s = display::build_with(&p, d, &|_| None, &mut routes);
        builds += 1;
        first.get_or_insert(t.elapsed());
        if !s.incomplete || builds > 2000 {
            break;
        }
    }
    let t = Instant::now();
    display::build_with(&p, d, &|_| None, &mut routes);
    println!(
        "{n} elements: first build {:?}, {builds} builds until routed ({:?} in all), then {:?} per build",
        first.unwrap_or_default(),
        start.elapsed(),
        t.elapsed()
    );
}
