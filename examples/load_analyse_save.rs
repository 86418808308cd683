//! Times what a user waits for on a big model: load, analyse, save (the #16 target:
//! 10,000 elements within 300 ms). Medians of RUNS runs:
//! `cargo run --release --example load_analyse_save -- FILE.ron [RUNS]`
//! `VERBOSE=1` prints each run. (Make a 10,000-element file with `cargo run --release --example synthetic -- 10000 target/synthetic-10000`).

use std::time::{Duration, Instant};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = std::path::PathBuf::from(
        args.next()
            .expect("usage: load_analyse_save FILE.ron [RUNS]"),
    );
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(7);
    let catalogue = threatboard::analysis::Catalogue::builtin().expect("built-in catalogue");
    let out = std::env::temp_dir().join("threatboard-load-analyse-save.ron");
    let (mut load, mut analyse, mut save, mut total) = (vec![], vec![], vec![], vec![]);
    let mut serialise = vec![];
    for _ in 0..runs {
        let t0 = Instant::now();
        let project = threatboard::io::load(&path).expect("loads");
        let t1 = Instant::now();
        let a = threatboard::analysis::analyze(&project, &catalogue);
        let t2 = Instant::now();
        let text = threatboard::io::to_canonical_string(&project).expect("serialises");
        let ts = Instant::now();
        std::hint::black_box(text.len());
        threatboard::io::save(&out, &project).expect("saves");
        let t3 = Instant::now();
        serialise.push(ts - t2);
        std::hint::black_box(a.findings.len());
        load.push(t1 - t0);
        analyse.push(t2 - t1);
        save.push(t3 - ts);
        total.push(t3 - t0 - (ts - t2));
        if std::env::var_os("VERBOSE").is_some() {
            eprintln!(
                "load {:?} analyse {:?} save {:?}",
                t1 - t0,
                t2 - t1,
                t3 - ts
            );
        }
    }
    let _ = std::fs::remove_file(&out);
    println!(
        "{}: load {:?}, analyse {:?}, save {:?} (of which serialising {:?}); load + analyse + save {:?} (medians of {runs})",
        path.display(),
        median(load),
        median(analyse),
        median(save),
        median(serialise),
        median(total)
    );
}
