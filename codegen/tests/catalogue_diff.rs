//! `errcat diff`'s acknowledgements. (Its verdicts are checked against
//! compiling and decoding in `diff_oracle.rs`.)

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
fn a_breaking_change_is_acknowledged_only_for_the_new_version() {
    let base = load(BASE, "ack-base");
    let find = |changes: Vec<codegen::catalogue_diff::Change>, kind: ChangeKind| {
        changes.into_iter().find(|c| c.kind == kind).unwrap()
    };
    let changed = edit("status: 404", "status: 410");
    let new = load(&changed, "unacknowledged");
    assert!(!find(diff(&base, &new), ChangeKind::StatusChanged).acknowledged);
    let acked = changed
        .replace("version: \"1.0\"", "version: \"2.0\"")
        .replace(
            "    fixes: [Check the id.]\n",
            "    fixes: [Check the id.]\n    breaking: \"2.0\"\n",
        );
    let change = find(
        diff(&base, &load(&acked, "acknowledged")),
        ChangeKind::StatusChanged,
    );
    assert_eq!(change.impact, Impact::Breaking);
    assert!(change.acknowledged);
    // A note naming an older version acknowledges nothing now.
    let stale = acked.replace("breaking: \"2.0\"", "breaking: \"1.5\"");
    assert!(
        !find(
            diff(&base, &load(&stale, "stale")),
            ChangeKind::StatusChanged
        )
        .acknowledged
    );
    // Nor does one left from the release the base already was: the
    // version must be bumped since the base.
    let old_ack = load(
        &BASE.replace(
            "    fixes: [Check the id.]\n",
            "    fixes: [Check the id.]\n    breaking: \"1.0\"\n",
        ),
        "old-ack",
    );
    let again = load(
        &edit("status: 404", "status: 410").replace(
            "    fixes: [Check the id.]\n",
            "    fixes: [Check the id.]\n    breaking: \"1.0\"\n",
        ),
        "again",
    );
    assert!(!find(diff(&old_ack, &again), ChangeKind::StatusChanged).acknowledged);
    // Catalogue-wide changes are acknowledged at the top.
    let envelope = BASE
        .replace("      details: $details?\n", "breaking: \"2.0\"\n")
        .replace("version: \"1.0\"", "version: \"2.0\"");
    let change = find(
        diff(&base, &load(&envelope, "envelope")),
        ChangeKind::EnvelopeChanged,
    );
    assert!(change.acknowledged);
}
