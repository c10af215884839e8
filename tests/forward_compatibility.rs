//! What a client meets when the server is newer than its catalogue: codes
//! it does not have (the catch-all, families), lookup by code, and the
//! rule that picks among errors sharing a code when the status is missing
//! or wrong.

use errcat::{CatalogError, DecodeError};

/// A database's errors, with a family per SQLSTATE class and a catch-all.
#[errcat::catalog("tests/catalogs/sqlstate.yaml", unknown = Unknown)]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum DbError {}

/// The same catalogue without a catch-all.
#[errcat::catalog("tests/catalogs/sqlstate.yaml", module = "strict")]
#[derive(Clone, PartialEq)]
pub enum StrictDbError {}

/// Errors sharing one wire code.
#[errcat::catalog("tests/catalogs/shared_codes.yaml")]
#[derive(Clone, PartialEq)]
pub enum Shared {}

#[test]
fn an_unknown_code_is_kept_whole_and_written_back_unchanged() {
    // Not in any family, and written with spacing and member order that
    // errcat itself would not use: it must come back byte for byte.
    let body = br#"{ "error": {"message": "The moon is in the wrong phase.", "code": "ZZ999",
        "category": "astrology", "details": {"phase": "waxing", "n": [1, 2.5]}}, "extra": true }"#;
    let e = DbError::from_response(418, body).unwrap();
    let DbError::Unknown(unknown) = &e else {
        panic!("not the catch-all: {e:?}")
    };
    assert_eq!(e.code(), "ZZ999");
    assert_eq!(e.status(), Some(418));
    assert_eq!(e.to_string(), "The moon is in the wrong phase.");
    assert_eq!(e.category(), db_error::Category::Unknown);
    assert_eq!(unknown.category(), Some("astrology"));
    assert_eq!(
        unknown.details(),
        Some(serde_json::json!({"phase": "waxing", "n": [1, 2.5]}))
    );
    assert_eq!(e.to_json(), body);
    let mut out = b"[".to_vec();
    e.write_json(&errcat::RequestContext::NONE, &mut out);
    assert_eq!(&out[1..], body);
    assert_eq!(e.headers().count(), 0);
    assert_eq!(e.retryable(), None);
    assert_eq!(e.entry().key, "", "no entry of the catalogue");
    // Through the trait too, as generic middleware sees it.
    assert_eq!(CatalogError::code(&e), "ZZ999");
    assert_eq!(CatalogError::to_json(&e), body);
    // Decoding it again gives the same value.
    assert_eq!(DbError::from_response(418, &e.to_json()).unwrap(), e);

    // Without a catch-all, the same body is an error to handle.
    assert_eq!(
        StrictDbError::from_response(418, body).err(),
        Some(DecodeError::UnknownCode {
            code: "ZZ999".into()
        })
    );
    // A body that is not an envelope is malformed, catch-all or not.
    for bad in [
        &b"<html>502 Bad Gateway</html>"[..],
        br#"{"error":{}}"#,
        b"",
    ] {
        assert!(
            matches!(
                DbError::from_response(502, bad),
                Err(DecodeError::Malformed { .. })
            ),
            "{}",
            String::from_utf8_lossy(bad)
        );
    }
}

#[test]
fn a_known_category_of_an_unknown_code_is_recognised() {
    let body = br#"{"error":{"code":"QQ001","category":"server","message":"?"}}"#;
    let e = DbError::from_response(None, body).unwrap();
    assert!(matches!(e, DbError::Unknown(_)));
    assert_eq!(e.category(), db_error::Category::Server);
}

#[test]
fn unknown_codes_of_a_family_decode_as_its_generic_error() {
    let decode = |status: Option<u16>, code: &str, category: &str| {
        let body = format!(
            r#"{{"error":{{"code":"{code}","category":"{category}","message":"m","details":{{"constraint":"c"}}}}}}"#
        );
        DbError::from_response(status, body.as_bytes()).unwrap()
    };
    // SQLSTATE class 22: data exception.
    assert!(matches!(
        decode(Some(400), "22003", "data"),
        DbError::DataException { .. }
    ));
    // The longest prefix wins: 235xx are unique violations, other 23xxx
    // integrity violations; the details the catalogue knows are kept.
    assert!(matches!(
        decode(Some(409), "23599", "integrity"),
        DbError::UniqueViolation { constraint, .. } if constraint == "c"
    ));
    assert!(matches!(
        decode(Some(409), "23001", "integrity"),
        DbError::IntegrityConstraintViolation { .. }
    ));
    // By category, when no prefix matches.
    assert!(matches!(
        decode(Some(503), "53100", "resources"),
        DbError::InsufficientResources { .. }
    ));
    // By status class, last.
    assert!(matches!(
        decode(Some(502), "57P01", "server"),
        DbError::InternalError { hint: None, .. }
    ));
    // No family: the catch-all.
    assert!(matches!(
        decode(Some(400), "57P01", "server"),
        DbError::Unknown(_)
    ));
    assert!(matches!(decode(None, "08006", "x"), DbError::Unknown(_)));
    // Known codes are never taken by a family.
    assert_eq!(decode(None, "22012", "data"), DbError::DivisionByZero);
}

#[test]
fn a_code_caught_by_a_family_round_trips_byte_for_byte() {
    let body = br#"{"error":{"code":"23999","category":"integrity","message":"A new kind of violation.","details":{"table":"t"}}}"#;
    let e = DbError::from_response(409, body).unwrap();
    let DbError::IntegrityConstraintViolation { received } = &e else {
        panic!("{e:?}");
    };
    assert_eq!(received.code(), Some("23999"));
    // What a client logs and sends on is what the server sent.
    assert_eq!(e.code(), "23999");
    assert_eq!(e.to_string(), "A new kind of violation.");
    assert_eq!(e.status(), Some(409));
    assert_eq!(e.to_json(), body);
    assert_eq!(e.entry().key, "integrity_constraint_violation");
    // The catalogue's own code still decodes as the catalogue's error.
    let own = DbError::IntegrityConstraintViolation {
        received: errcat::Received::none(),
    };
    assert_eq!(own.code(), "23000");
    assert_eq!(DbError::from_response(409, &own.to_json()).unwrap(), own);
}

#[test]
fn a_tombstone_beats_a_family() {
    // 22001 was removed; the class-22 family must not take it in as a
    // live data exception.
    let body =
        br#"{"error":{"code":"22001","category":"data","message":"The string is too long."}}"#;
    let e = DbError::from_response(400, body).unwrap();
    let DbError::Unknown(unknown) = &e else {
        panic!("a removed code is kept whole by the catch-all, not {e:?}");
    };
    assert_eq!(unknown.code(), "22001");
    assert_eq!(e.to_json(), body);
    assert_eq!(DbError::entry_by_code("22001"), None);
    assert_eq!(
        DbError::entry_by_code("22002").unwrap().key,
        "data_exception"
    );
}

#[test]
fn lookup_by_code_finds_entries_and_families() {
    assert_eq!(
        DbError::entry_by_code("22012").unwrap().key,
        "division_by_zero"
    );
    assert_eq!(
        DbError::entry_by_code("22P02").unwrap().key,
        "data_exception"
    );
    assert_eq!(
        DbError::entry_by_code("23505").unwrap().key,
        "unique_violation"
    );
    assert_eq!(
        DbError::entry_by_code("23P01").unwrap().key,
        "integrity_constraint_violation"
    );
    // Only prefixes apply to a bare code: no category, no status.
    assert_eq!(DbError::entry_by_code("53100"), None);
    assert_eq!(DbError::from_code("22012"), Some(DbError::DivisionByZero));
    assert_eq!(
        DbError::from_code("22P02"),
        Some(DbError::DataException {
            received: errcat::Received::none()
        })
    );
    // An optional field is left out.
    assert_eq!(
        DbError::from_code("XX000"),
        Some(DbError::InternalError {
            hint: None,
            received: errcat::Received::none()
        })
    );
    // A variant that needs a value cannot be made from a code alone.
    assert_eq!(DbError::from_code("23505"), None);
    assert_eq!(DbError::from_code("nope"), None);
}

#[test]
fn shared_codes_are_told_apart_by_message_then_status() {
    let body =
        |message: &str| format!(r#"{{"error":{{"code":"not_found","message":"{message}"}}}}"#);
    let decode = |status: Option<u16>, message: &str| {
        Shared::from_response(status, body(message).as_bytes())
            .unwrap()
            .entry()
            .key
    };
    // 1. A fixed message equal to the body's wins over any status: the
    //    right one, none, or a wrong one from a proxy.
    for status in [Some(410), None, Some(500), Some(200), Some(404)] {
        assert_eq!(
            decode(status, "No such team."),
            "team_not_found",
            "{status:?}"
        );
        assert_eq!(
            decode(status, "No such user."),
            "user_not_found",
            "{status:?}"
        );
    }
    // 2. Else a template that fits the message.
    for status in [Some(404), None, Some(502)] {
        let e = Shared::from_response(status, body("No file at /etc/x.").as_bytes()).unwrap();
        assert_eq!(
            e,
            Shared::FileNotFound {
                path: "/etc/x".into()
            },
            "{status:?}"
        );
    }
    // 3. Else the status: a message that varies fits anything, so the
    //    status picks among the rest...
    assert_eq!(decode(Some(410), "Reworded."), "team_not_found");
    // 4. ...and with no status or a wrong one, the first in the catalogue
    //    that could carry it: the varying message.
    assert_eq!(decode(None, "This page moved away."), "page_not_found");
    assert_eq!(decode(Some(500), "Something else."), "page_not_found");
}
