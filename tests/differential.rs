//! The differential test: for every example of every entry of every
//! catalogue in `catalog/catalogs/`, the generated type (static fragments
//! compiled by the macro, executed by the runtime) must write exactly the
//! bytes that the reference renderer of `errcat-catalog` (a walk over the
//! envelope template, serialised by serde_json) produces. Headers and
//! `Display` text are compared the same way, and every body must decode
//! back into the same entry and re-encode to the same bytes.

use errcat::{CatalogError, DecodeError, Example};
use std::fmt::Debug;
use std::path::Path;

fn load(path: &str) -> errcat_catalog::Loaded {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    match errcat_catalog::load(&full) {
        Ok(loaded) => loaded,
        Err(e) => panic!("{}", e.render()),
    }
}

/// Whether the validator warned that two entries cannot be told apart on
/// the wire (W0003), in which case decoding returns the first of them.
fn declared_indistinguishable(loaded: &errcat_catalog::Loaded, a: &str, b: &str) -> bool {
    loaded.warnings.iter().chain(&loaded.allowed).any(|w| {
        w.code == errcat_catalog::codes::INDISTINGUISHABLE
            && w.message.contains(&format!("`{a}`"))
            && w.message.contains(&format!("`{b}`"))
    })
}

type Decode<E> = fn(Option<u16>, &[u8]) -> Result<E, DecodeError>;

fn check<E: CatalogError + PartialEq + Debug>(
    path: &str,
    examples: Vec<Example<E>>,
    decode: Decode<E>,
) {
    let loaded = load(path);
    let catalog = &loaded.catalog;
    let expected: Vec<_> = catalog
        .entries
        .iter()
        .flat_map(|e| e.examples.iter().map(move |x| (e, x)))
        .collect();
    assert_eq!(
        examples.len(),
        expected.len(),
        "{path}: one generated example per catalogue example"
    );
    assert!(!examples.is_empty(), "{path}: no examples");
    for (generated, (entry, example)) in examples.iter().zip(expected) {
        let who = format!("{path}: `{}`", entry.key);
        assert_eq!(generated.key, entry.key, "{who}: example order");
        let error = &generated.error;

        // The body, with the example's per-request values and without any.
        let body = error.to_json_with(&generated.context);
        let reference = errcat_catalog::reference::body(catalog, entry, example);
        assert_eq!(
            String::from_utf8_lossy(&body),
            String::from_utf8_lossy(&reference),
            "{who}: body"
        );
        let bare = errcat_catalog::model::Example {
            request: Default::default(),
            ..example.clone()
        };
        assert_eq!(
            String::from_utf8_lossy(&error.to_json()),
            String::from_utf8_lossy(&errcat_catalog::reference::body(catalog, entry, &bare)),
            "{who}: body without request values"
        );
        // Writing into a buffer appends exactly the same bytes.
        let mut buffer = b"prefix".to_vec();
        error.write_json(&generated.context, &mut buffer);
        assert_eq!(&buffer[6..], &body[..], "{who}: write_json");

        // Headers and the Display message.
        let headers: Vec<(String, String)> = error
            .headers_with(&generated.context)
            .map(|(n, v)| (n.to_owned(), v.to_string()))
            .collect();
        assert_eq!(
            headers,
            errcat_catalog::reference::headers(catalog, entry, example),
            "{who}: headers"
        );
        assert_eq!(
            error.to_string(),
            errcat_catalog::reference::display_message(entry, example),
            "{who}: Display"
        );

        // Reflection.
        assert_eq!(error.code(), entry.code, "{who}: code");
        assert_eq!(error.status(), entry.status, "{who}: status");
        assert_eq!(error.entry().key, entry.key);

        // Decoding: the same entry, and the same bytes again.
        if catalog
            .envelope
            .template
            .uses(errcat_catalog::template::Slot::Code)
            || catalog
                .envelope
                .template
                .uses(errcat_catalog::template::Slot::DocUrl)
        {
            let back =
                decode(error.status(), &body).unwrap_or_else(|e| panic!("{who}: decode: {e}"));
            if back.entry().key != entry.key {
                assert!(
                    declared_indistinguishable(&loaded, back.entry().key, &entry.key),
                    "{who}: decoded as `{}`, and the validator did not warn that they look alike",
                    back.entry().key
                );
                continue;
            }
            assert_eq!(
                String::from_utf8_lossy(&back.to_json_with(&generated.context)),
                String::from_utf8_lossy(&body),
                "{who}: decoded body re-encodes differently"
            );
            let recoverable = !entry.source
                && entry
                    .details
                    .fields()
                    .iter()
                    .all(|f| f.in_body || wire_mentions(entry, &f.name))
                && (entry.public_message.is_none()
                    || !matches!(entry.message, errcat_catalog::model::Message::Varies { .. }));
            if recoverable {
                assert_eq!(&back, error, "{who}: decoded value");
            }
        }
    }
}

/// Whether the wire message has a placeholder for the field.
fn wire_mentions(entry: &errcat_catalog::model::Entry, field: &str) -> bool {
    entry
        .wire_template()
        .is_some_and(|t| t.placeholders().any(|p| p == field))
}

/// Lookup by code: every code finds the first entry with it, and
/// `from_code` builds it exactly when its variant needs no values.
fn check_lookup<E: CatalogError>(
    path: &str,
    entry_by_code: fn(&str) -> Option<&'static errcat::EntryInfo>,
    from_code: fn(&str) -> Option<E>,
) {
    let loaded = load(path);
    for entry in &loaded.catalog.entries {
        let who = format!("{path}: `{}`", entry.key);
        let first = loaded
            .catalog
            .entries
            .iter()
            .find(|e| e.code == entry.code)
            .unwrap();
        let found = entry_by_code(&entry.code).unwrap_or_else(|| panic!("{who}: not found"));
        assert_eq!(found.key, first.key, "{who}: entry_by_code");
        let needs_values = errcat_catalog::compile::variant_fields(first)
            .iter()
            .any(|f| !matches!(f, errcat_catalog::compile::VariantField::Detail(d) if d.optional));
        match from_code(&entry.code) {
            Some(error) => {
                assert!(!needs_values, "{who}: built without its values");
                assert_eq!(error.entry().key, first.key, "{who}: from_code");
                assert_eq!(error.code(), entry.code, "{who}: from_code");
            }
            None => assert!(needs_values, "{who}: from_code gave nothing"),
        }
    }
    assert!(entry_by_code("no such code, surely").is_none(), "{path}");
}

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
/// (`CHUNK` in `macros/src/impls.rs`), reached by a dispatch on the entry
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
            if path.is_dir() && !path.ends_with("shared") {
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
