//! The format's newer features in the generated type: no categories, `{}`
//! for absent details, common details fields, kinds and `x-` keys.

use errcat::{CatalogError, Kind};

/// The errors of `tests/catalogs/format_features.yaml`.
#[errcat::catalog("tests/catalogs/format_features.yaml")]
#[derive(Clone, Debug, PartialEq)]
pub enum Features {}

#[test]
fn absent_details_are_written_as_an_empty_object() {
    let e = Features::Unauthorized { trace_id: None };
    assert_eq!(
        e.to_json(),
        br#"{"error":{"code":"unauthorized","message":"The token is missing or expired.","details":{}}}"#
    );
    assert_eq!(e.details(), None, "an empty object is no details");
    assert_eq!(Features::from_response(401, &e.to_json()).unwrap(), e);
}

#[test]
fn common_fields_are_on_every_error() {
    let e = Features::SlowQuery {
        ms: 1200,
        trace_id: Some("4bf9".into()),
    };
    assert_eq!(
        e.to_json(),
        br#"{"error":{"code":"slow_query","message":"The query took 1200 ms.","details":{"ms":1200,"trace_id":"4bf9"}}}"#
    );
    assert_eq!(Features::from_response(None, &e.to_json()).unwrap(), e);
}

#[test]
fn kinds_and_extensions_are_known_at_run_time() {
    let unauthorized = Features::Unauthorized { trace_id: None };
    assert_eq!(unauthorized.entry().kind, Kind::Error);
    assert_eq!(
        unauthorized.entry().extension("x-severity"),
        Some("\"low\"")
    );
    assert_eq!(unauthorized.entry().category, "");
    let slow = Features::SlowQuery {
        ms: 1,
        trace_id: None,
    };
    assert_eq!(slow.entry().kind, Kind::Warning);
    assert_eq!(slow.status(), None);
    assert_eq!(slow.entry().extensions, &[]);
}
