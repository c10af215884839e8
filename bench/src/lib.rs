//! Benchmarks of errcat against hand-written errors.
//!
//! `inputs` writes, for N entries, an errcat catalogue and the same errors
//! written by hand (`baseline`); each size is compiled into its own module
//! behind a feature. The 50-entry inputs are committed; the larger ones are
//! generated on demand (see `scripts/bench.py`).

#![allow(missing_docs, clippy::all, clippy::pedantic)]

pub mod baseline;
pub mod inputs;

macro_rules! size {
    ($module:ident, [$($feature:literal),+], $baseline:literal, $dir:literal, $catalogue:literal) => {
        #[cfg(any($(feature = $feature),+))]
        pub mod $module {
            #[cfg(feature = $baseline)]
            include!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/generated/",
                $dir,
                "/baseline.rs"
            ));

            #[errcat::catalog($catalogue)]
            #[derive(Clone, PartialEq)]
            pub enum ErrcatError {}

            include!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/generated/",
                $dir,
                "/samples.rs"
            ));
        }
    };
}

size!(n50, ["n50"], "n50", "n50", "generated/n50/errors.yaml");
size!(
    n1000,
    ["n1000"],
    "n1000",
    "n1000",
    "generated/n1000/errors.yaml"
);
// `n10000-errcat` leaves the hand-written baseline out: at this size rustc
// runs out of memory compiling it in release on a 24 GiB machine.
size!(
    n10000,
    ["n10000", "n10000-errcat"],
    "n10000",
    "n10000",
    "generated/n10000/errors.yaml"
);

#[cfg(test)]
mod tests {
    /// The committed 50-entry inputs are what the generator writes.
    #[test]
    fn committed_inputs_are_fresh() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("generated/n50");
        for (name, content) in crate::inputs::files(50) {
            let committed = std::fs::read_to_string(dir.join(name)).unwrap();
            assert_eq!(
                committed, content,
                "bench/generated/n50/{name} is stale: run `cargo run -p errcat-bench --bin generate -- 50`"
            );
        }
    }

    /// Both implementations write the same bodies and decode each other's.
    #[cfg(feature = "n50")]
    #[test]
    fn errcat_and_the_baseline_agree() {
        use crate::n50::*;
        let ours = errcat_samples();
        let theirs = baseline_samples();
        assert_eq!(ours.len(), 48, "16 of each kind");
        for (a, b) in ours.iter().zip(&theirs) {
            let body = a.to_json();
            // The typical baseline's `serde_json::Value` sorts the details'
            // keys, so it is the same JSON, not the same bytes.
            let typical: serde_json::Value = serde_json::from_slice(&b.to_json_typical()).unwrap();
            assert_eq!(
                serde_json::from_slice::<serde_json::Value>(&body).unwrap(),
                typical
            );
            assert_eq!(
                String::from_utf8_lossy(&body),
                String::from_utf8_lossy(&b.to_json_careful())
            );
            assert_eq!(a.to_string(), b.to_string());
            assert_eq!(a.status(), Some(b.status()));
            assert_eq!(ErrcatError::from_response(a.status(), &body).unwrap(), *a);
            assert_eq!(
                BaselineError::from_response_baseline(&body).unwrap().code(),
                b.code()
            );
        }
        let mean = ours.iter().map(|e| e.to_json().len()).sum::<usize>() / ours.len();
        assert!((150..260).contains(&mean), "bodies average {mean} bytes");
    }
}
