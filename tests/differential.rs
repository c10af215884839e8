//! The differential test: for every example of every entry of every
//! catalogue in `catalog/catalogs/`, the generated type (static fragments
//! compiled by the macro, executed by the runtime) must write exactly the
//! bytes that the reference renderer of `errcat-catalog` (a walk over the
//! envelope template, serialised by serde_json) produces. Headers and
//! `Display` text are compared the same way, and every body must decode
//! back into the same entry and re-encode to the same bytes.

#[path = "support/differential_checks.rs"]
mod differential_checks;
use differential_checks::{check, check_lookup};
use std::path::Path;

macro_rules! catalogue {
    ($module:ident, $path:literal) => {
        mod $module {
            #[errcat::catalog($path, examples, unknown = NotInCatalogue)]
            #[derive(Clone, PartialEq)]
            pub enum Error {}

            #[test]
            fn generated_code_agrees_with_the_reference_renderer() {
                super::check($path, Error::examples(), |s, b| Error::from_response(s, b));
            }

            #[test]
            fn every_code_looks_up_its_entry() {
                super::check_lookup($path, Error::entry_by_code, Error::from_code);
            }
        }
    };
}

catalogue!(payments, "catalog/catalogs/payments.yaml");
catalogue!(koji, "catalog/catalogs/koji.yaml");
catalogue!(hostile, "catalog/catalogs/hostile.yaml");
catalogue!(product_analytics, "catalog/catalogs/product-analytics.yaml");
catalogue!(
    interview_platform,
    "catalog/catalogs/interview-platform.yaml"
);
catalogue!(reference_service, "catalog/catalogs/reference-service.yaml");
catalogue!(minio_s3, "catalog/catalogs/wild/minio-s3.yaml");
catalogue!(google_rpc, "catalog/catalogs/wild/google-rpc.yaml");
catalogue!(kubernetes, "catalog/catalogs/wild/kubernetes.yaml");
catalogue!(stripe, "catalog/catalogs/wild/stripe.yaml");
catalogue!(wide, "tests/catalogs/wide.yaml");
catalogue!(format_features, "tests/catalogs/format_features.yaml");
catalogue!(sqlstate, "tests/catalogs/sqlstate.yaml");

/// The macro writes its per-entry code in functions of at most 128 entries
/// (`CHUNK` in `expand/src/impls.rs`), reached by a dispatch on the entry
/// index that errors without values skip. Some catalogue checked above
/// must span several of them with examples carrying values past the first,
/// so that the dispatch, the skip and the chunk boundaries are covered.
#[test]
fn a_catalogue_spans_several_generated_chunks() {
    let largest = [
        minio_s3::Error::entries().len(),
        stripe::Error::entries().len(),
        wide::Error::entries().len(),
    ];
    assert!(largest.iter().any(|&n| n > 2 * 128), "{largest:?}");
    let keys: Vec<&str> = wide::Error::entries().iter().map(|e| e.key).collect();
    let past_first_chunk = wide::Error::examples()
        .iter()
        .filter(|x| {
            keys.iter()
                .position(|k| *k == x.key)
                .is_some_and(|i| i >= 128)
        })
        .count();
    assert!(
        past_first_chunk >= 4,
        "{past_first_chunk} examples past entry 128"
    );
}

/// Every catalogue in the repository (except the fragments in `shared/`,
/// which are covered through the catalogues including them) is listed
/// above.
#[test]
fn every_catalogue_is_covered() {
    let source = include_str!("differential.rs");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut missing = Vec::new();
    let mut dirs = vec![root.join("catalog/catalogs")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() && !path.ends_with("shared") && !path.ends_with("translations") {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                if !source.contains(&format!("\"{rel}\"")) {
                    missing.push(rel);
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "add these to tests/differential.rs: {missing:?}"
    );
}
