//! A loop for profilers (callgrind) over the 50-entry sample:
//! `profile encode|decode|basedecode|careful [iterations] [kind 0|1|2]`,
//! where the kind keeps only unit errors (0), scalar details (1) or a
//! details object (2).

use errcat_bench::inputs::sample_indexes;
use errcat_bench::n50::*;

/// The items of `all` (in sample order) whose entry is of `kind`, if given.
fn of_kind<T>(all: Vec<T>, kind: Option<usize>) -> Vec<T> {
    all.into_iter()
        .zip(sample_indexes(50))
        .filter(|(_, entry)| kind.is_none_or(|k| entry % 3 == k))
        .map(|(item, _)| item)
        .collect()
}

fn main() {
    let what = std::env::args().nth(1).unwrap_or_else(|| "encode".into());
    let n: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let kind: Option<usize> = std::env::args().nth(3).and_then(|s| s.parse().ok());
    let samples = of_kind(errcat_samples(), kind);
    let mut total = 0usize;
    match what.as_str() {
        "encode" => {
            for i in 0..n {
                total += std::hint::black_box(&samples[i % samples.len()])
                    .to_json()
                    .len();
            }
        }
        "decode" => {
            let bodies: Vec<_> = samples.iter().map(|e| (e.status(), e.to_json())).collect();
            for i in 0..n {
                let (s, b) = &bodies[i % bodies.len()];
                total += ErrcatError::from_response(*s, std::hint::black_box(b)).is_ok() as usize;
            }
        }
        "basedecode" => {
            let bodies: Vec<_> = samples.iter().map(|e| e.to_json()).collect();
            for i in 0..n {
                total += BaselineError::from_response_baseline(std::hint::black_box(
                    &bodies[i % bodies.len()],
                ))
                .is_ok() as usize;
            }
        }
        "careful" => {
            let base = of_kind(baseline_samples(), kind);
            for i in 0..n {
                total += std::hint::black_box(&base[i % base.len()])
                    .to_json_careful()
                    .len();
            }
        }
        other => {
            eprintln!("unknown mode `{other}`: encode, decode, basedecode or careful");
            std::process::exit(2);
        }
    }
    println!("{total}");
}
