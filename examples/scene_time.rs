//! Times the display list of a synthetic diagram as the canvas builds it (interactive
//! routing budget, routes kept between builds): `cargo run --release --example scene_time -- 10000`.
use std::time::Instant;
use threatboard::scene::display::{self, Routes};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let p = threatboard::synthetic::project(n);
    let d = &p.diagrams[0];
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
