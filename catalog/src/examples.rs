//! Example values: checking them against the details schema, and making up
//! values where the catalogue gives none.

use crate::codes;
use crate::diagnostic::Diagnostic;
use crate::json_value::Json;
use crate::model::{Details, Example, Field, Message, RequestValues, TypeKind, TypeSpec};
use crate::tree_reader::Sink;
use crate::yaml::{Node, NodeKind};

/// An object's members, in order.
type Members = Vec<(String, Json)>;

/// Checks a YAML example value against a type and returns it as JSON,
/// normalised to the type (a `number` example written `1` becomes `1.0`).
pub fn check_value(node: &Node, ty: &TypeSpec, what: &str, sink: &mut Sink) -> Option<Json> {
    let bad = |sink: &mut Sink, expected: &str| {
        sink.push(
            Diagnostic::new(
                codes::INVALID_EXAMPLE,
                node.span,
                format!("{what} must be {expected}, found {}", node.type_name()),
            )
            .label(format!("expected {expected}")),
        );
        None
    };
    match (&ty.kind, &node.kind) {
        (TypeKind::String, NodeKind::Str(s)) => Some(Json::Str(s.clone())),
        (TypeKind::String, _) => bad(sink, "a string"),
        (TypeKind::Integer(format), NodeKind::Int(i)) => {
            if format.contains(*i) {
                Some(node.to_json())
            } else {
                sink.push(
                    Diagnostic::new(
                        codes::INVALID_EXAMPLE,
                        node.span,
                        format!("{what}: {i} does not fit in {}", format.rust_type()),
                    )
                    .label("out of range"),
                );
                None
            }
        }
        (TypeKind::Integer(_), _) => bad(sink, "an integer"),
        #[allow(clippy::cast_precision_loss)]
        (TypeKind::Number, NodeKind::Int(i)) => Some(Json::Float(*i as f64)),
        (TypeKind::Number, NodeKind::Float(f)) if f.is_finite() => Some(Json::Float(*f)),
        (TypeKind::Number, NodeKind::Float(_)) => bad(sink, "a finite number"),
        (TypeKind::Number, _) => bad(sink, "a number"),
        (TypeKind::Boolean, NodeKind::Bool(b)) => Some(Json::Bool(*b)),
        (TypeKind::Boolean, _) => bad(sink, "`true` or `false`"),
        (TypeKind::Enum(values), NodeKind::Str(s)) => {
            if values.contains(s) {
                Some(Json::Str(s.clone()))
            } else {
                sink.push(
                    Diagnostic::new(
                        codes::INVALID_EXAMPLE,
                        node.span,
                        format!("{what}: `{s}` is not one of the enum's values"),
                    )
                    .label(format!("expected one of: {}", values.join(", "))),
                );
                None
            }
        }
        (TypeKind::Enum(_), _) => bad(sink, "one of the enum's values"),
        (TypeKind::Array(item), NodeKind::Seq(items)) => {
            let mut out = Vec::with_capacity(items.len());
            let mut ok = true;
            for (i, n) in items.iter().enumerate() {
                match check_value(n, item, &format!("{what}[{i}]"), sink) {
                    Some(v) => out.push(v),
                    None => ok = false,
                }
            }
            ok.then_some(Json::Array(out))
        }
        (TypeKind::Array(_), _) => bad(sink, "a sequence"),
        (TypeKind::Object(fields), NodeKind::Map(_)) => check_object(node, fields, what, sink),
        (TypeKind::Object(_), _) => bad(sink, "a mapping"),
    }
}

fn check_object(node: &Node, fields: &[Field], what: &str, sink: &mut Sink) -> Option<Json> {
    let NodeKind::Map(entries) = &node.kind else {
        return None;
    };
    let mut out = Members::new();
    let mut ok = true;
    for (key, value) in entries {
        let name = key.key_text();
        let Some(field) = fields.iter().find(|f| f.name == name) else {
            sink.push(
                Diagnostic::new(
                    codes::INVALID_EXAMPLE,
                    key.span,
                    format!("{what} has a value for `{name}`, which is not a details field"),
                )
                .label("unknown field")
                .maybe_help(
                    crate::suggest::did_you_mean(&name, fields.iter().map(|f| f.name.as_str()))
                        .map(|s| format!("did you mean `{s}`?")),
                ),
            );
            ok = false;
            continue;
        };
        // An explicit `null` shows the optional field absent.
        if field.optional && value.kind == NodeKind::Null {
            out.push((name.into_owned(), Json::Null));
            continue;
        }
        match check_value(value, &field.ty, &format!("`{name}`"), sink) {
            Some(v) => out.push((name.into_owned(), v)),
            None => ok = false,
        }
    }
    ok.then(|| Json::Object(complete_object(fields, out)))
}

/// Checks the `details` of an example against an entry's details.
pub fn check_details(node: &Node, details: &Details, sink: &mut Sink) -> Option<Json> {
    match details {
        Details::None => {
            if node.kind != NodeKind::Null {
                sink.push(
                    Diagnostic::new(
                        codes::INVALID_EXAMPLE,
                        node.span,
                        "this example has details, but the error declares none",
                    )
                    .label("remove these details"),
                );
                return None;
            }
            Some(Json::Null)
        }
        Details::Fields(fields) => match node.kind {
            NodeKind::Map(_) => check_object(node, fields, "this example", sink),
            _ => {
                sink.push(Diagnostic::new(
                    codes::INVALID_EXAMPLE,
                    node.span,
                    format!(
                        "example details must be a mapping, found {}",
                        node.type_name()
                    ),
                ));
                None
            }
        },
        Details::Value(ty) => check_value(node, ty, "the example details", sink),
    }
}

/// Adds values for the required fields an object lacks, taken from the
/// fields' own examples or made up.
fn complete_object(fields: &[Field], values: Members) -> Members {
    let mut out = Members::with_capacity(fields.len());
    for field in fields {
        let given = values
            .iter()
            .find(|(k, _)| *k == field.name)
            .map(|(_, v)| v.clone());
        if let Some(v) = given {
            out.push((field.name.clone(), v));
        } else if !field.optional {
            out.push((field.name.clone(), synthesize(&field.ty, &field.name)));
        } else if let Some(example) = &field.ty.example {
            out.push((field.name.clone(), example.clone()));
        }
    }
    out
}

/// A value for a type: its example if it has one, otherwise a placeholder
/// (`"<name>"` for strings, `0`, `false`, the first enum value, ...).
#[must_use]
pub fn synthesize(ty: &TypeSpec, name: &str) -> Json {
    if let Some(example) = &ty.example {
        return example.clone();
    }
    match &ty.kind {
        TypeKind::String => Json::Str(format!("<{name}>")),
        TypeKind::Integer(_) => Json::Int(0),
        TypeKind::Number => Json::Float(0.0),
        TypeKind::Boolean => Json::Bool(false),
        TypeKind::Enum(values) => Json::Str(values.first().cloned().unwrap_or_default()),
        TypeKind::Array(item) => Json::Array(vec![synthesize(item, name)]),
        TypeKind::Object(fields) => Json::Object(complete_object(fields, Members::new())),
    }
}

/// Completes an entry's examples: each gets values for every required field.
/// An entry without examples gets one made from its fields' examples.
#[must_use]
pub fn complete(details: &Details, message: &Message, explicit: Vec<Example>) -> Vec<Example> {
    let varies_example = match message {
        Message::Varies { examples } => examples.first().cloned(),
        _ => None,
    };
    let fill = |mut example: Example| {
        example.details = match details {
            Details::None => Json::Null,
            Details::Fields(fields) => {
                let values = match example.details {
                    Json::Object(members) => members,
                    _ => Members::new(),
                };
                Json::Object(complete_object(fields, values))
            }
            Details::Value(ty) => {
                if example.details.is_null() {
                    synthesize(ty, "details")
                } else {
                    example.details
                }
            }
        };
        if matches!(message, Message::Varies { .. }) && example.message.is_none() {
            example.message = Some(
                varies_example
                    .clone()
                    .unwrap_or_else(|| "<message>".to_owned()),
            );
        }
        example
    };
    if explicit.is_empty() {
        // One example per documented message text, or a single one.
        let messages: Vec<Option<String>> = match message {
            Message::Varies { examples } if !examples.is_empty() => {
                examples.iter().cloned().map(Some).collect()
            }
            _ => vec![None],
        };
        messages
            .into_iter()
            .map(|message| {
                fill(Example {
                    name: None,
                    details: Json::Null,
                    message,
                    request: RequestValues::default(),
                    synthesized: true,
                })
            })
            .collect()
    } else {
        explicit.into_iter().map(fill).collect()
    }
}
