//! The `tracing` and `serde` features: an error recorded in one line with
//! its fields, and serialised as its body.
#![cfg(all(feature = "tracing", feature = "serde"))]

use errcat::CatalogError;
use std::sync::{Arc, Mutex};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

/// A database's errors, with a catch-all.
#[errcat::catalog("tests/catalogs/sqlstate.yaml", unknown = Unknown)]
#[derive(Clone, PartialEq)]
pub enum DbError {}

/// One recorded event: its level, and its fields as text.
type Recorded = (Level, Vec<(String, String)>);

/// The events recorded.
#[derive(Clone, Default)]
struct Events(Arc<Mutex<Vec<Recorded>>>);

struct Fields(Vec<(String, String)>);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0.push((field.name().to_owned(), value.to_string()));
    }
}

impl Subscriber for Events {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields(Vec::new());
        event.record(&mut fields);
        self.0
            .lock()
            .unwrap()
            .push((*event.metadata().level(), fields.0));
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

fn recorded(f: impl FnOnce()) -> Vec<Recorded> {
    let events = Events::default();
    tracing::subscriber::with_default(events.clone(), f);
    events.0.lock().unwrap().clone()
}

#[test]
fn one_call_records_code_status_category_and_details() {
    let e = DbError::UniqueViolation {
        constraint: "users_email_key".into(),
        received: errcat::Received::none(),
    };
    let events = recorded(|| e.trace());
    assert_eq!(events.len(), 1);
    let (level, fields) = &events[0];
    assert_eq!(*level, Level::WARN, "a 409 is the client's to fix");
    let field = |name: &str| {
        fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(field("error.code"), Some("23505"));
    assert_eq!(field("error.status"), Some("409"));
    assert_eq!(field("error.category"), Some("integrity"));
    assert_eq!(
        field("error.details"),
        Some(r#"{"constraint":"users_email_key"}"#)
    );
    assert_eq!(
        field("message"),
        Some("Duplicate key value violates unique constraint users_email_key.")
    );

    let events = recorded(|| {
        errcat::tracing::event(&DbError::InternalError {
            hint: None,
            received: errcat::Received::none(),
        })
    });
    let (level, fields) = &events[0];
    assert_eq!(*level, Level::ERROR);
    assert!(
        !fields.iter().any(|(n, _)| n == "error.details"),
        "no details, no field: {fields:?}"
    );
    // The catch-all records the body's code (a 400: no family takes it).
    let unknown = DbError::from_response(
        400,
        br#"{"error":{"code":"ZZ001","category":"x","message":"Later."}}"#,
    )
    .unwrap();
    let events = recorded(|| unknown.trace());
    assert!(
        events[0]
            .1
            .contains(&("error.code".to_owned(), "ZZ001".to_owned())),
        "{events:?}"
    );
}

#[test]
fn serialize_gives_the_body() {
    let e = DbError::UniqueViolation {
        constraint: "k".into(),
        received: errcat::Received::none(),
    };
    assert_eq!(serde_json::to_vec(&e).unwrap(), e.to_json());
    assert_eq!(e.details(), Some(serde_json::json!({"constraint": "k"})));
    let plain = DbError::DataException {
        received: errcat::Received::none(),
    };
    assert_eq!(plain.details(), None);
}
