//! A loop for profilers (callgrind): `profile encode|decode|careful [iterations] [kind 0|1|2]`.

use errcat_bench::n50::*;

fn main() {
    let what = std::env::args().nth(1).unwrap_or_else(|| "encode".into());
    let n: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let kind: Option<usize> = std::env::args().nth(3).and_then(|s| s.parse().ok());
    let samples: Vec<_> = errcat_samples()
        .into_iter()
        .filter(|e| {
            kind.is_none_or(|k| {
                e.entry()
                    .key
                    .rsplit('_')
                    .next()
                    .and_then(|n| n.parse::<usize>().ok())
                    .is_some_and(|n| n % 3 == k)
            })
        })
        .collect();
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
        _ => {
            let base: Vec<_> = baseline_samples()
                .into_iter()
                .filter(|e| {
                    kind.is_none_or(|k| {
                        e.code()
                            .rsplit('_')
                            .next()
                            .and_then(|n| n.parse::<usize>().ok())
                            .is_some_and(|n| n % 3 == k)
                    })
                })
                .collect();
            for i in 0..n {
                total += std::hint::black_box(&base[i % base.len()])
                    .to_json_careful()
                    .len();
            }
        }
    }
    println!("{total}");
}
