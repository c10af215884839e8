//! `errcat diff`'s classification, one row per kind of change: a base
//! catalogue, one edit, and the change it must produce with its impact on
//! servers and clients.

use codegen::catalogue_diff::{ChangeKind, Impact, diff};

const BASE: &str = r#"name: shop
title: Shop
version: "1.0"
envelope:
  template:
    error:
      code: $code
      category: $category
      message: $message
      details: $details?
categories:
  limits: {title: Limits, wire: LIMITS}
  other: {title: Other, wire: OTHER}
headers:
  Retry-After: {type: integer, from: details.retry_after}
  X-Limit: {type: integer, from: details.limit}
errors:
  rate_limited:
    code: RATE_LIMITED
    status: 429
    category: limits
    title: Slow down
    message: "Retry in {retry_after} seconds."
    details:
      retry_after: integer
      limit: {type: integer, optional: true}
      plan: {type: enum, values: [free, pro]}
    headers: [Retry-After]
    retryable: true
    fixes: [Wait.]
  not_found:
    code: NOT_FOUND
    status: 404
    category: other
    message: {text: Not found., stable: true}
    fixes: [Check the id.]
"#;

fn load(text: &str, tag: &str) -> errcat_catalog::Catalog {
    let dir = std::env::temp_dir().join(format!("errcat-diff-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("errors.yaml");
    std::fs::write(&file, text).unwrap();
    let loaded = errcat_catalog::load(&file).unwrap_or_else(|e| panic!("{tag}:\n{}", e.render()));
    let _ = std::fs::remove_dir_all(&dir);
    std::sync::Arc::try_unwrap(loaded.catalog).unwrap_or_else(|c| (*c).clone())
}

fn edit(from: &str, to: &str) -> String {
    assert!(BASE.contains(from), "the base has no `{from}`");
    BASE.replacen(from, to, 1)
}

#[test]
fn every_kind_of_change_is_classified() {
    use ChangeKind as K;
    use Impact::{Breaking as B, Compatible as C, Cosmetic as D};
    let added = format!(
        "{BASE}  teapot:\n    code: TEAPOT\n    status: 418\n    category: other\n    message: Short and stout.\n    fixes: [Brew coffee.]\n"
    );
    let cases: Vec<(&str, String, K, Impact, Impact)> = vec![
        ("error added", added, K::ErrorAdded, C, C),
        (
            "error deleted",
            edit(
                "  not_found:\n    code: NOT_FOUND\n    status: 404\n    category: other\n    message: {text: Not found., stable: true}\n    fixes: [Check the id.]\n",
                "",
            ),
            K::ErrorRemoved,
            B,
            C,
        ),
        (
            "error retired",
            edit(
                "    fixes: [Check the id.]\n",
                "    fixes: [Check the id.]\n    removed: {since: \"2.0\"}\n",
            ),
            K::ErrorRetired,
            B,
            C,
        ),
        (
            "key renamed",
            edit("  not_found:", "  missing:"),
            K::KeyRenamed,
            B,
            D,
        ),
        (
            "code changed",
            edit("code: NOT_FOUND", "code: MISSING"),
            K::CodeChanged,
            B,
            B,
        ),
        (
            "status changed",
            edit("status: 404", "status: 410"),
            K::StatusChanged,
            B,
            B,
        ),
        (
            "category wire changed",
            edit("wire: LIMITS", "wire: QUOTA"),
            K::CategoryChanged,
            C,
            B,
        ),
        (
            "required field added",
            edit("      plan:", "      region: string\n      plan:"),
            K::RequiredFieldAdded,
            B,
            C,
        ),
        (
            "optional field added",
            edit(
                "      plan:",
                "      region: {type: string, optional: true}\n      plan:",
            ),
            K::OptionalFieldAdded,
            C,
            C,
        ),
        (
            "field removed",
            edit("      limit: {type: integer, optional: true}\n", ""),
            K::FieldRemoved,
            B,
            B,
        ),
        (
            "field retyped",
            edit(
                "      plan: {type: enum, values: [free, pro]}",
                "      plan: string",
            ),
            K::FieldRetyped,
            B,
            B,
        ),
        (
            "integer width changed",
            edit(
                "      retry_after: integer",
                "      retry_after: {type: integer, format: uint32}",
            ),
            K::FieldRetyped,
            B,
            B,
        ),
        (
            "optional to required",
            edit(
                "limit: {type: integer, optional: true}",
                "limit: {type: integer}",
            ),
            K::FieldNowRequired,
            B,
            C,
        ),
        (
            "required to optional",
            edit(
                "      plan: {type: enum, values: [free, pro]}",
                "      plan: {type: enum, values: [free, pro], optional: true}",
            ),
            K::FieldNowOptional,
            B,
            B,
        ),
        (
            "enum value added",
            edit("values: [free, pro]", "values: [free, pro, team]"),
            K::EnumValueAdded,
            C,
            B,
        ),
        (
            "enum value removed",
            edit("values: [free, pro]", "values: [free]"),
            K::EnumValueRemoved,
            B,
            C,
        ),
        (
            "placeholder added",
            edit(
                "\"Retry in {retry_after} seconds.\"",
                "\"Retry in {retry_after} seconds ({plan} plan).\"",
            ),
            K::PlaceholderAdded,
            C,
            B,
        ),
        (
            "placeholder removed",
            edit("\"Retry in {retry_after} seconds.\"", "\"Retry later.\""),
            K::PlaceholderRemoved,
            C,
            B,
        ),
        (
            "stable message reworded",
            edit(
                "{text: Not found., stable: true}",
                "{text: No such thing., stable: true}",
            ),
            K::StableMessageChanged,
            C,
            B,
        ),
        (
            "message reworded",
            edit(
                "\"Retry in {retry_after} seconds.\"",
                "\"Try again in {retry_after} seconds.\"",
            ),
            K::DocsChanged,
            D,
            D,
        ),
        (
            "envelope changed",
            edit("      details: $details?\n", ""),
            K::EnvelopeChanged,
            B,
            B,
        ),
        (
            "content type changed",
            edit(
                "      details: $details?\n",
                "      details: $details?\n  content_type: application/vnd.shop+json\n",
            ),
            K::ContentTypeChanged,
            B,
            B,
        ),
        (
            "header added",
            edit(
                "    headers: [Retry-After]",
                "    headers: [Retry-After, X-Limit]",
            ),
            K::HeaderAdded,
            C,
            C,
        ),
        (
            "header removed",
            edit("    headers: [Retry-After]\n", "    headers: []\n"),
            K::HeaderRemoved,
            C,
            B,
        ),
        (
            "retryable changed",
            edit("retryable: true", "retryable: false"),
            K::RetryableChanged,
            C,
            B,
        ),
        (
            "deprecated",
            edit(
                "    fixes: [Check the id.]\n",
                "    fixes: [Check the id.]\n    deprecated: {since: \"1.1\"}\n",
            ),
            K::Deprecated,
            C,
            C,
        ),
        (
            "title changed",
            edit("title: Slow down", "title: Too many requests"),
            K::DocsChanged,
            D,
            D,
        ),
    ];
    let base = load(BASE, "base");
    assert!(diff(&base, &base).is_empty(), "no change, no report");
    for (name, text, kind, servers, clients) in cases {
        let new = load(&text, name);
        let changes = diff(&base, &new);
        let found = changes
            .iter()
            .find(|c| c.kind == kind)
            .unwrap_or_else(|| panic!("{name}: no {kind:?} among {changes:#?}"));
        assert_eq!((found.servers, found.clients), (servers, clients), "{name}");
        assert_eq!(found.impact, servers.max(clients), "{name}");
        assert!(
            !found.message.is_empty() && !found.reason.is_empty(),
            "{name}"
        );
        // Nothing else is reported but what the edit implies.
        let others: Vec<_> = changes.iter().filter(|c| c.kind != kind).collect();
        assert!(
            others
                .iter()
                .all(|c| matches!(c.kind, K::DocsChanged | K::FieldRemoved | K::ErrorAdded)),
            "{name}: unexpected {others:#?}"
        );
    }
}

#[test]
fn a_breaking_change_is_acknowledged_only_for_the_new_version() {
    let base = load(BASE, "ack-base");
    let changed = edit("status: 404", "status: 410");
    let new = load(&changed, "unacknowledged");
    assert!(!diff(&base, &new)[0].acknowledged);
    let acked = changed
        .replace("version: \"1.0\"", "version: \"2.0\"")
        .replace(
            "    fixes: [Check the id.]\n",
            "    fixes: [Check the id.]\n    breaking: \"2.0\"\n",
        );
    let change = diff(&base, &load(&acked, "acknowledged")).remove(0);
    assert_eq!(change.kind, ChangeKind::StatusChanged);
    assert!(change.acknowledged);
    // A note naming an older version acknowledges nothing now.
    let stale = acked.replace("breaking: \"2.0\"", "breaking: \"1.5\"");
    assert!(!diff(&base, &load(&stale, "stale"))[0].acknowledged);
    // Catalogue-wide changes are acknowledged at the top.
    let envelope = BASE
        .replace("      details: $details?\n", "breaking: \"2.0\"\n")
        .replace("version: \"1.0\"", "version: \"2.0\"");
    let change = diff(&base, &load(&envelope, "envelope")).remove(0);
    assert_eq!(change.kind, ChangeKind::EnvelopeChanged);
    assert!(change.acknowledged);
}
