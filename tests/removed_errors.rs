//! A removed error of the demonstration catalogue (`card_velocity_exceeded`,
//! `removed: {since, replaced_by}`) has no variant, but its code still
//! decodes: as `DecodeError::Removed` naming the version and the
//! replacement, or as the catch-all when the type has one.

use errcat::DecodeError;

#[errcat::catalog("catalog/catalogs/payments.yaml")]
#[derive(Clone, PartialEq)]
pub enum Payments {}

mod with_catch_all {
    #[errcat::catalog("catalog/catalogs/payments.yaml", unknown = Unknown)]
    #[derive(Clone, PartialEq)]
    pub enum Payments {}
}

const BODY: &[u8] = br#"{"error":{"code":"CARD_VELOCITY_EXCEEDED","message":"Too many charges on this card.","request_id":"req_1"}}"#;

#[test]
fn a_removed_code_decodes_as_removed() {
    match Payments::from_response(402, BODY) {
        Err(DecodeError::Removed {
            code,
            since,
            replaced_by,
        }) => {
            assert_eq!(code, "CARD_VELOCITY_EXCEEDED");
            assert_eq!(since, Some("2026-11-01"));
            assert_eq!(replaced_by, Some("CARD_DECLINED"));
        }
        other => panic!("{other:?}"),
    }
    let text = Payments::from_response(402, BODY).unwrap_err().to_string();
    assert_eq!(
        text,
        "error code `CARD_VELOCITY_EXCEEDED` was removed in 2026-11-01; it is replaced by `CARD_DECLINED`"
    );
    // It is no entry of the type, and a code never seen is still unknown.
    assert!(Payments::entry_by_code("CARD_VELOCITY_EXCEEDED").is_none());
    let unknown = BODY.to_vec();
    let unknown = String::from_utf8(unknown)
        .unwrap()
        .replace("CARD_VELOCITY_EXCEEDED", "NEVER_SEEN");
    assert!(matches!(
        Payments::from_response(402, unknown.as_bytes()),
        Err(DecodeError::UnknownCode { .. })
    ));
}

#[test]
fn with_a_catch_all_a_removed_code_is_kept_whole() {
    let e = with_catch_all::Payments::from_response(402, BODY).unwrap();
    assert!(matches!(e, with_catch_all::Payments::Unknown(_)));
    assert_eq!(e.code(), "CARD_VELOCITY_EXCEEDED");
    assert_eq!(e.to_json(), BODY);
}

#[test]
fn a_deprecated_error_is_still_built_and_marked() {
    #[allow(deprecated)]
    let e = Payments::CardExpired;
    assert_eq!(e.code(), "CARD_EXPIRED");
    assert!(e.entry().deprecated);
}
