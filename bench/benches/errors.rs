//! errcat against hand-written errors, side by side in one run.
//!
//! For each catalogue size, every benchmark takes its input from the same
//! sample (a third unit errors, a third with two scalars, a third with a
//! four-field details object) and handles one error per iteration, so the
//! figures are per error. The global allocator counts allocations.
//!
//! - `encode/typical`: `#[derive(Serialize)]` envelope, `to_string()` for the
//!   message, details as `serde_json::Value`, `serde_json::to_vec`.
//! - `encode/careful`: `collect_str` for the message, a hand-written
//!   `Serialize` for the details.
//! - `encode/errcat_vec`: `to_json()`, returning a new `Vec`.
//! - `encode/errcat_buffer`: `write_json` into a reused buffer.
//! - `encode/floor_copy`: copying the finished bytes into a reused buffer.
//! - `encode/floor_vec`: the finished bytes into one exact-size `Vec`.
//! - `decode/baseline`: a serde-derived envelope and a match on the code.
//! - `decode/errcat`: `from_response`.
//!
//! The `n10000-errcat` feature measures errcat's side alone at N = 10,000.
//!
//! Run with `cargo bench -p errcat-bench` (50 entries), or see
//! `scripts/bench.py` for every size.

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

/// The tokens if the first argument is `with_baseline`, else nothing.
macro_rules! baseline {
    (with_baseline, $($item:tt)*) => { $($item)* };
    (without_baseline, $($item:tt)*) => {};
}

macro_rules! benches {
    ($size:ident, $baseline:ident) => {
        mod $size {
            use divan::{Bencher, black_box};
            use errcat_bench::$size::*;

            fn cycle<'a, T>(items: &'a [T]) -> impl FnMut() -> &'a T + 'a {
                let mut i = 0;
                move || {
                    i = (i + 1) % items.len();
                    &items[i]
                }
            }

            mod encode {
                use super::*;

                baseline! {
                    $baseline,
                    #[divan::bench(sample_count = 200, sample_size = 256)]
                    fn typical(b: Bencher) {
                        let s = baseline_samples();
                        b.with_inputs(cycle(&s))
                            .bench_local_values(|e| e.to_json_typical());
                    }

                    #[divan::bench(sample_count = 200, sample_size = 256)]
                    fn careful(b: Bencher) {
                        let s = baseline_samples();
                        b.with_inputs(cycle(&s))
                            .bench_local_values(|e| e.to_json_careful());
                    }
                }

                #[divan::bench(sample_count = 200, sample_size = 256)]
                fn errcat_vec(b: Bencher) {
                    let s = errcat_samples();
                    b.with_inputs(cycle(&s)).bench_local_values(|e| e.to_json());
                }

                #[divan::bench(sample_count = 200, sample_size = 256)]
                fn errcat_buffer(b: Bencher) {
                    let s = errcat_samples();
                    let mut buf = Vec::with_capacity(4096);
                    b.with_inputs(cycle(&s)).bench_local_values(|e| {
                        buf.clear();
                        e.write_json(&errcat::RequestContext::NONE, &mut buf);
                        black_box(buf.len())
                    });
                }

                #[divan::bench(sample_count = 200, sample_size = 256)]
                fn floor_copy(b: Bencher) {
                    let bodies: Vec<Vec<u8>> =
                        errcat_samples().iter().map(|e| e.to_json()).collect();
                    let mut buf = Vec::with_capacity(4096);
                    b.with_inputs(cycle(&bodies)).bench_local_values(|body| {
                        buf.clear();
                        buf.extend_from_slice(black_box(body));
                        black_box(buf.len())
                    });
                }

                #[divan::bench(sample_count = 200, sample_size = 256)]
                fn floor_vec(b: Bencher) {
                    let bodies: Vec<Vec<u8>> =
                        errcat_samples().iter().map(|e| e.to_json()).collect();
                    b.with_inputs(cycle(&bodies))
                        .bench_local_values(|body| black_box(body).to_vec());
                }
            }

            mod decode {
                use super::*;

                fn bodies() -> Vec<(Option<u16>, Vec<u8>)> {
                    errcat_samples()
                        .iter()
                        .map(|e| (e.status(), e.to_json()))
                        .collect()
                }

                baseline! {
                    $baseline,
                    #[divan::bench(sample_count = 200, sample_size = 256)]
                    fn baseline(b: Bencher) {
                        let bodies = bodies();
                        b.with_inputs(cycle(&bodies))
                            .bench_local_values(|(_, body)| {
                                BaselineError::from_response_baseline(body).unwrap()
                            });
                    }
                }

                #[divan::bench(sample_count = 200, sample_size = 256)]
                fn errcat(b: Bencher) {
                    let bodies = bodies();
                    b.with_inputs(cycle(&bodies))
                        .bench_local_values(|(status, body)| {
                            ErrcatError::from_response(*status, body).unwrap()
                        });
                }
            }
        }
    };
}

#[cfg(feature = "n50")]
benches!(n50, with_baseline);
#[cfg(feature = "n1000")]
benches!(n1000, with_baseline);
#[cfg(feature = "n10000")]
benches!(n10000, with_baseline);
// errcat's side alone: the baseline does not compile in release at this
// size on a 24 GiB machine.
#[cfg(all(feature = "n10000-errcat", not(feature = "n10000")))]
benches!(n10000, without_baseline);
