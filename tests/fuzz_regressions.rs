//! The body fuzz target's check, replayed on every input that ever failed
//! (`fuzz/regressions/body/`), on every body the demonstration catalogue's
//! examples produce, and on random mutations of them. Runs on stable;
//! `cargo +nightly fuzz run decode` explores further.

#[path = "../fuzz/checks/body.rs"]
mod body;

use proptest::prelude::*;

#[test]
fn regressions_hold() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions/body");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        body::check(&std::fs::read(entry.path()).unwrap());
        count += 1;
    }
    assert!(count >= 10, "{count} inputs");
}

/// The bodies of every example of the demonstration catalogue.
fn example_bodies() -> &'static [Vec<u8>] {
    static BODIES: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    BODIES.get_or_init(|| {
        let loaded = errcat_catalog::load(std::path::Path::new("catalog/catalogs/payments.yaml"))
            .expect("the demonstration catalogue loads");
        let catalog = &loaded.catalog;
        catalog
            .entries
            .iter()
            .flat_map(|e| {
                e.examples
                    .iter()
                    .map(move |x| errcat_catalog::reference::body(catalog, e, x))
            })
            .collect()
    })
}

#[test]
fn every_example_body_holds() {
    let bodies = example_bodies();
    assert!(bodies.len() > 5);
    for b in bodies {
        body::check(b);
        assert!(
            body::Payments::from_response(None, b).is_ok(),
            "{}",
            String::from_utf8_lossy(b)
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// Real bodies with bytes changed, inserted or cut.
    #[test]
    fn mutated_bodies_hold(
        which in any::<proptest::sample::Index>(),
        edits in proptest::collection::vec((any::<proptest::sample::Index>(), any::<u8>(), 0u8..3), 1..6),
    ) {
        let bodies = example_bodies();
        let mut b = bodies[which.index(bodies.len())].clone();
        for (at, byte, op) in edits {
            let i = at.index(b.len() + 1);
            match op {
                0 if i < b.len() => b[i] = byte,
                1 => b.insert(i, byte),
                _ => b.truncate(i),
            }
        }
        body::check(&b);
    }
}
