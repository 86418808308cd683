//! Work shared out among threads: runs of about the same length, done on this thread and
//! others, the results in order. Used where a user waits on a big model (analysing it,
//! routing its flows).
//!
//! Why not rayon (issue #30 asked for rayon unless it measured slower on the project's
//! 2-core machine): with `in_parallel` as `parts.into_par_iter().with_max_len(1).map(work)`
//! on rayon 1.12's global pool sized by [`threads`], the cold display list of the
//! 1,000-element synthetic diagram (`cargo run --example scene_time -- 1000 cold 7`, ron
//! and Threatboard at opt-level 3, both versions in one binary picked by an environment
//! variable, seven rounds interleaved, the machine shared with other builds: load average
//! 10–12) took a median of 754 ms with rayon against 688 ms with this file (medians of the
//! rounds' medians; fastest runs 569 and 521 ms), and the analysis of the 1,000-element
//! file (`examples/load_analyse_save`, two rounds, medians of 9) 82–102 ms against 67–73 ms.
//! Slower, within a noisy machine's noise at best, so the 60 lines stay: threads are scoped to the call, there is no pool to size
//! or share with whatever else in the process uses rayon, and a panic in a part comes back
//! as the caller's. Measure again before adding work that wants nested parallelism.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

/// Threads for one job: the cores there are, at most four (on this project's 2-core
/// machine a second thread gains a third to a half; more than four would mostly wait).
/// Asked once per process: the answer reads the control group's files, and the editor asks
/// on every analysis.
pub(crate) fn threads() -> usize {
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(4)))
}

/// `items` in at most `threads` runs of about the same length, none shorter than
/// `min_part` (one run when there is not enough for two).
pub(crate) fn split_evenly<T>(items: &[T], threads: usize, min_part: usize) -> Vec<&[T]> {
    let parts = threads.min(items.len() / min_part.max(1)).max(1);
    items.chunks(items.len().div_ceil(parts).max(1)).collect()
}

/// `work` done on each of `parts`, on this thread and up to `threads - 1` others (each
/// takes the next part not yet taken; where a thread cannot be started, the others do its
/// share); the results in the parts' order.
pub(crate) fn in_parallel<P: Send, R: Send>(
    parts: Vec<P>,
    threads: usize,
    work: impl Fn(P) -> R + Sync,
) -> Vec<R> {
    let count = parts.len();
    let parts: Vec<Mutex<Option<P>>> = parts.into_iter().map(|p| Mutex::new(Some(p))).collect();
    let results: Vec<Mutex<Option<R>>> = parts.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let take_parts = || loop {
        let n = next.fetch_add(1, Ordering::Relaxed);
        let Some(part) = parts.get(n) else {
            return;
        };
        let part = part.lock().unwrap_or_else(PoisonError::into_inner).take();
        if let Some(part) = part {
            let result = work(part);
            *results[n].lock().unwrap_or_else(PoisonError::into_inner) = Some(result);
        }
    };
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads.min(count))
            .filter_map(|_| {
                std::thread::Builder::new()
                    .name("threatboard-worker".into())
                    .spawn_scoped(scope, take_parts)
                    .ok()
            })
            .collect();
        take_parts();
        for helper in helpers {
            if let Err(panic) = helper.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
    results
        .into_iter()
        .filter_map(|r| r.into_inner().unwrap_or_else(PoisonError::into_inner))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_the_order_of_the_parts_on_any_number_of_threads() {
        let expected: Vec<usize> = (0..100).map(|n| n * n).collect();
        for threads in 1..6 {
            let squares = in_parallel((0..100).collect(), threads, |n: usize| n * n);
            assert_eq!(squares, expected, "{threads} threads");
        }
    }

    #[test]
    fn runs_are_even_and_never_shorter_than_asked() {
        let items = [0u8; 1000];
        let lengths = |threads, min| -> Vec<usize> {
            split_evenly(&items, threads, min)
                .iter()
                .map(|p| p.len())
                .collect()
        };
        assert_eq!(lengths(2, 256), [500, 500]);
        assert_eq!(lengths(4, 256), [334, 334, 332]);
        assert_eq!(lengths(4, 600), [1000]);
        assert_eq!(lengths(1, 1), [1000]);
        assert!(split_evenly(&items[..0], 4, 256).is_empty());
    }
}
