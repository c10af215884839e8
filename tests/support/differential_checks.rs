//! The checks of the differential test, shared by `tests/differential.rs`
//! (types from `#[errcat::catalog]`) and the scratch crate of
//! `build/tests/scratch_crate.rs` (types written by `errcat-build`), so that
//! both code paths pass the very same test.

use errcat::{CatalogError, DecodeError, Example};
use std::fmt::Debug;
use std::path::Path;

/// Loads the catalogue at `path`, relative to this crate (or absolute).
pub fn load(path: &str) -> errcat_catalog::Loaded {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    match errcat_catalog::load(&full) {
        Ok(loaded) => loaded,
        Err(e) => panic!("{}", e.render()),
    }
}

/// Whether the validator warned that two entries cannot be told apart on
/// the wire (W0003), in which case decoding returns the first of them.
pub fn declared_indistinguishable(loaded: &errcat_catalog::Loaded, a: &str, b: &str) -> bool {
    loaded.warnings.iter().chain(&loaded.allowed).any(|w| {
        w.code == errcat_catalog::codes::INDISTINGUISHABLE
            && w.message.contains(&format!("`{a}`"))
            && w.message.contains(&format!("`{b}`"))
    })
}

/// `from_response` of the generated type.
pub type Decode<E> = fn(Option<u16>, &[u8]) -> Result<E, DecodeError>;

/// Every example of the catalogue at `path`: the generated type writes
/// the reference renderer's bytes, headers and `Display` text, and decodes
/// back into the same entry.
pub fn check<E: CatalogError + PartialEq + Debug>(
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
        // In each translation, the body is the reference renderer's for
        // the entry with its translated wire message.
        for translation in &catalog.translations {
            let translated = translation
                .message(&entry.key)
                .map_or_else(|| entry.clone(), |t| entry.translated(t));
            let ctx = generated.context.locale(&translation.locale);
            assert_eq!(
                String::from_utf8_lossy(&error.to_json_with(&ctx)),
                String::from_utf8_lossy(&errcat_catalog::reference::body(
                    catalog,
                    &translated,
                    example
                )),
                "{who}: body in `{}`",
                translation.locale
            );
        }
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
pub fn wire_mentions(entry: &errcat_catalog::model::Entry, field: &str) -> bool {
    entry
        .wire_template()
        .is_some_and(|t| t.placeholders().any(|p| p == field))
}

/// Lookup by code: every code finds the first entry with it, and
/// `from_code` builds it exactly when its variant needs no values.
pub fn check_lookup<E: CatalogError>(
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
        // A variant needs values for its required details fields, and for
        // a message that varies.
        let needs_values = first.details.fields().iter().any(|f| !f.optional)
            || matches!(first.details, errcat_catalog::model::Details::Value(_))
            || matches!(first.message, errcat_catalog::model::Message::Varies { .. });
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
