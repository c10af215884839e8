//! `#[derive(errcat::Error)]` on a hand-written enum.

use std::error::Error as _;

#[derive(Debug, errcat::Error)]
#[errcat(catalog = "catalog/catalogs/payments.yaml", module = "pay")]
enum PaymentError {
    /// Matched by name: `Unauthenticated` is the entry `unauthenticated`.
    Unauthenticated,
    /// Renamed, with `&'static str` for a string field.
    #[errcat(entry = "forbidden")]
    MissingScope { scope: &'static str },
    /// An optional field (`can_retry_later`) left out.
    CardDeclined {
        decline_code: pay::CardDeclinedDeclineCode,
        charge_id: String,
    },
    /// The underlying error as a `#[from]` tuple field... not possible for
    /// `internal_error`, which requires `component`, so it is named here.
    #[errcat(entry = "internal_error")]
    Storage {
        component: String,
        #[source]
        cause: std::io::Error,
    },
    /// Two variants may stand for one entry.
    #[errcat(entry = "unauthenticated")]
    TokenExpired(#[from] std::fmt::Error),
}

#[test]
fn derive_writes_the_same_envelope_as_the_attribute_form() {
    let e = PaymentError::MissingScope {
        scope: "payments:write",
    };
    assert_eq!(e.code(), "forbidden");
    assert_eq!(e.status(), Some(403));
    assert_eq!(e.category(), pay::Category::Auth);
    assert_eq!(
        e.to_string(),
        "This API key lacks the `payments:write` scope."
    );
    assert_eq!(
        String::from_utf8(e.to_json()).unwrap(),
        r#"{"success":false,"error":{"code":"forbidden","category":"AUTH","status":403,"message":"This API key lacks the `payments:write` scope.","details":{"scope":"payments:write"},"docs":"https://docs.acme.example/payments/errors#forbidden","retryable":false},"meta":{}}"#
    );
}

#[test]
fn omitted_optional_fields_are_absent() {
    let e = PaymentError::CardDeclined {
        decline_code: pay::CardDeclinedDeclineCode::LostCard,
        charge_id: "ch_1".into(),
    };
    let body = String::from_utf8(e.to_json()).unwrap();
    assert!(
        body.contains(r#""details":{"decline_code":"lost_card","charge_id":"ch_1"}"#),
        "{body}"
    );
}

#[test]
fn sources_stay_out_of_the_body_and_feed_error_source() {
    let e = PaymentError::Storage {
        component: "ledger".into(),
        cause: std::io::Error::other("disk full"),
    };
    assert_eq!(e.to_string(), "Unhandled failure in ledger.");
    assert_eq!(
        e.source().map(ToString::to_string).as_deref(),
        Some("disk full")
    );
    let body = String::from_utf8(e.to_json()).unwrap();
    assert!(
        body.contains("An unexpected error occurred. Please try again."),
        "{body}"
    );
    assert!(
        !body.contains("ledger") && !body.contains("disk full"),
        "{body}"
    );

    let e: PaymentError = std::fmt::Error.into();
    assert_eq!(e.code(), "unauthenticated");
    assert!(e.source().is_some());
    assert_eq!(PaymentError::Unauthenticated.to_json(), e.to_json());
}

#[test]
fn the_trait_works_for_derived_types() {
    fn label<E: errcat::CatalogError>(e: &E) -> String {
        format!("{}:{}", e.code(), e.status().unwrap_or(0))
    }
    assert_eq!(label(&PaymentError::Unauthenticated), "unauthenticated:401");
    assert_eq!(
        <PaymentError as errcat::CatalogError>::CONTENT_TYPE,
        "application/json"
    );
    assert_eq!(PaymentError::entries().len(), 11);
}
