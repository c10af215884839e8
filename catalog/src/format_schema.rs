//! A JSON Schema (draft 2020-12) of the catalogue format, for YAML editors:
//! with `# yaml-language-server: $schema=<url of catalogue.schema.json>`
//! at the top of a catalogue they complete keys and flag unknown ones.
//!
//! It is built from the key lists the parser accepts (`parse.rs`), so a key
//! the parser learns without a description here fails a test. The loader
//! stays the judge: it checks what a schema cannot (placeholders against
//! details, categories against their declarations) and explains it.

use crate::parse;
use serde_json::{Map, Value, json};

fn presets() -> Vec<&'static str> {
    crate::template::PRESETS.iter().map(|p| p.0).collect()
}
fn any(description: &str) -> Value {
    json!({ "description": description })
}
fn text(description: &str) -> Value {
    json!({ "type": "string", "description": description })
}
fn boolean(description: &str) -> Value {
    json!({ "type": "boolean", "description": description })
}
fn list_of_text(description: &str) -> Value {
    json!({ "type": "array", "items": { "type": "string" }, "description": description })
}
fn array_of(items: Value, description: &str) -> Value {
    json!({ "type": "array", "items": items, "description": description })
}
fn reference(name: &str, description: &str) -> Value {
    json!({ "$ref": format!("#/$defs/{name}"), "description": description })
}
fn map_of(value: Value, description: &str) -> Value {
    json!({ "type": "object", "additionalProperties": value, "description": description })
}
fn one_of(options: Vec<Value>, description: &str) -> Value {
    json!({ "anyOf": options, "description": description })
}

/// An object with exactly `keys` (and `x-` extensions), described by
/// `describe`; panics in tests when a key has no description.
fn object(keys: &[&str], describe: impl Fn(&str) -> Option<Value>) -> Value {
    let mut properties = Map::new();
    for key in keys {
        let schema = describe(key).unwrap_or_else(|| any(&format!("(undocumented key `{key}`)")));
        properties.insert((*key).to_owned(), schema);
    }
    json!({
        "type": "object",
        "properties": properties,
        "patternProperties": { "^x-": {} },
        "additionalProperties": false,
    })
}

fn type_spec(keys: &'static [&'static str]) -> Value {
    one_of(
        vec![
            json!({ "enum": parse::TYPE_NAMES }),
            object(keys, |k| {
                Some(match k {
                    "type" => json!({ "enum": parse::TYPE_NAMES, "description": "The JSON type." }),
                    "description" => text("Markdown describing the field."),
                    "example" => any("A value shown in the docs and used in examples."),
                    "optional" => boolean("Whether the field may be absent (an `Option` in Rust)."),
                    "format" => text("An OpenAPI format: `uint32`, `int64`, `date-time`, `uri`..."),
                    "values" => list_of_text("The values of an `enum`."),
                    "items" => reference("type", "The type of an array's items."),
                    "fields" => map_of(
                        reference("field", ""),
                        "The fields of an `object`, by name.",
                    ),
                    "in_body" => boolean(
                        "Whether the field is written in the body's details (default true).",
                    ),
                    "rust_name" => {
                        text("The field's name in Rust, when the wire name is not an identifier.")
                    }
                    "since" => {
                        json!({ "type": ["string", "number"], "description": "The version that added the field." })
                    }
                    _ => return None,
                })
            }),
        ],
        "A type name (`integer`) or a field description.",
    )
}

fn entry() -> Value {
    let mut entry = object(parse::ENTRY_KEYS, |k| {
        Some(match k {
            "code" => text("The wire code (default: the entry's key)."),
            "status" => {
                json!({ "type": "integer", "minimum": 100, "maximum": 599, "description": "The HTTP status." })
            }
            "category" => text("A key of `categories`."),
            "title" => text("A short human title."),
            "description" => text("Markdown explaining the error."),
            "message" => one_of(
                vec![json!({ "type": "string" }), reference("message", "")],
                "The message template, with `{field}` placeholders, or `{text, summary}`, `{varies: ...}`.",
            ),
            "public_message" => text("A message for the wire that hides the internal one."),
            "details" => map_of(reference("field", ""), "Typed details, by field name."),
            "details_type" => reference(
                "type",
                "The details as one type, when they are not an object of fields.",
            ),
            "causes" => list_of_text("Why it happens (Markdown bullets)."),
            "fixes" => one_of(
                vec![
                    json!({ "type": "array", "items": { "type": "string" } }),
                    object(parse::STEPS_KEYS, |_| Some(list_of_text("Ordered steps."))),
                ],
                "How to fix it: bullets, or `{steps: [...]}`.",
            ),
            "note" => text("A note shown after the fixes."),
            "links" => array_of(
                one_of(
                    vec![
                        json!({"type": "string"}),
                        object(parse::LINK_KEYS, |k| {
                            Some(text(if k == "url" {
                                "The URL."
                            } else {
                                "The link text."
                            }))
                        }),
                    ],
                    "",
                ),
                "Links to more reading.",
            ),
            "headers" => {
                list_of_text("Response headers (keys of the top-level `headers`) this error sets.")
            }
            "retryable" => boolean("Whether retrying the same request can succeed."),
            "deprecated" => one_of(
                vec![
                    json!({ "type": "boolean" }),
                    object(parse::DEPRECATED_KEYS, |k| {
                        Some(text(match k {
                            "since" => "The version that deprecated it.",
                            "replaced_by" => "The key of the error to use instead.",
                            _ => "Why, or what to do.",
                        }))
                    }),
                ],
                "Marks the error deprecated: `true`, or `{since, replaced_by, note}`.",
            ),
            "source" => {
                boolean("Whether the variant carries an underlying error (`source()`), never sent.")
            }
            "examples" => array_of(
                object(parse::EXAMPLE_KEYS, |k| {
                    Some(match k {
                        "name" => text("The example's name."),
                        "details" => any("Values of the details."),
                        "message" => text("The message, for an error whose message varies."),
                        "request" => object(parse::REQUEST_KEYS, |k| {
                            Some(any(&format!("The `${k}` of the example body.")))
                        }),
                        _ => return None,
                    })
                }),
                "Example values, shown in the docs and checked in tests.",
            ),
            "kind" => {
                json!({ "enum": ["error", "warning", "notice"], "description": "What it is (default `error`)." })
            }
            "removed" => object(parse::DEPRECATED_KEYS, |k| {
                Some(text(match k {
                    "since" => "The version that removed it.",
                    "replaced_by" => "The key of the error to use instead.",
                    _ => "Why, or what to do.",
                }))
            }),
            "since" => {
                json!({ "type": ["string", "number"], "description": "The version that added the error (for the changelog)." })
            }
            "breaking" => {
                json!({ "type": ["string", "number"], "description": "The version whose breaking changes to this error are deliberate: `errcat diff` reports them without failing." })
            }
            "request_headers" => {
                list_of_text("Request headers (keys of the top-level `request_headers`) involved.")
            }
            _ => return None,
        })
    });
    // `key:` with no value is an entry of defaults.
    entry["type"] = json!(["object", "null"]);
    entry
}

/// The JSON Schema of a catalogue file.
#[must_use]
pub fn catalogue_schema() -> Value {
    let top = object(parse::TOP_KEYS, |k| {
        Some(match k {
            "name" => {
                json!({ "type": "string", "pattern": "^[a-z][a-z0-9_-]*$", "description": "Machine name: names the output folder and prefixes OpenAPI names." })
            }
            "title" => text("Human title of the API or page."),
            "description" => text("Markdown introduction."),
            "version" => {
                json!({ "type": ["string", "number"], "description": "Version of the API or catalogue." })
            }
            "docs_url" => text("Where the reference is published; doc links are `docs_url#key`."),
            "license" => one_of(
                vec![
                    json!({"type": "string"}),
                    object(parse::LICENSE_KEYS, |k| {
                        Some(text(&format!("The licence's {k}.")))
                    }),
                ],
                "An SPDX identifier, or `{name, url}` / `{name, identifier}`.",
            ),
            "contact" => object(parse::CONTACT_KEYS, |k| {
                Some(text(&format!("The contact's {k}.")))
            }),
            "servers" => list_of_text("The API's base URLs, for OpenAPI."),
            "includes" => list_of_text("Files to merge in, relative to this file."),
            "envelope" => one_of(
                vec![
                    json!({ "enum": presets() }),
                    object(parse::ENVELOPE_KEYS, |k| {
                        Some(match k {
                            "preset" => {
                                json!({ "enum": presets(), "description": "A built-in envelope." })
                            }
                            "template" => any(
                                "The body as YAML, with `$code`, `$message`, `$details`... slots.",
                            ),
                            "content_type" => text("The bodies' content type."),
                            "description" => text("Markdown shown above the envelope."),
                            "fields" => map_of(
                                json!({"type": "string"}),
                                "Docs of members, by dotted path.",
                            ),
                            "example_request" => {
                                any("Per-request values used in the docs' examples.")
                            }
                            "empty_details" => any("What `$details` is when an error has none."),
                            _ => return None,
                        })
                    }),
                ],
                "The JSON shape of error bodies: a preset name or a template.",
            ),
            "categories" => map_of(
                one_of(
                    vec![
                        json!({"type": "string"}),
                        object(parse::CATEGORY_KEYS, |k| {
                            Some(match k {
                                "title" => text("The category's title."),
                                "description" => text("Markdown."),
                                "wire" => {
                                    text("The value written for `$category` (default: the key).")
                                }
                                "order" => {
                                    json!({ "type": "integer", "description": "Position on the page." })
                                }
                                _ => return None,
                            })
                        }),
                    ],
                    "",
                ),
                "Groups of errors, by key: a title, or an object.",
            ),
            "statuses" => map_of(
                one_of(
                    vec![
                        json!({"type": "string"}),
                        object(parse::STATUS_KEYS, |k| {
                            Some(text(if k == "title" {
                                "The heading."
                            } else {
                                "Markdown."
                            }))
                        }),
                    ],
                    "",
                ),
                "Words about HTTP statuses, by status.",
            ),
            "headers" => map_of(
                object(parse::HEADER_KEYS, |k| {
                    Some(match k {
                        "description" => text("Markdown."),
                        "type" => {
                            json!({ "enum": parse::TYPE_NAMES, "description": "The value's type." })
                        }
                        "from" => text(
                            "Where the value comes from: `details.field`, `request.request_id`...",
                        ),
                        "every_error" => boolean("Whether every error sets it."),
                        _ => return None,
                    })
                }),
                "Response headers errors may set, by name.",
            ),
            "guidance" => array_of(
                object(parse::GUIDE_KEYS, |k| {
                    Some(text(if k == "title" {
                        "The section's title."
                    } else {
                        "Markdown."
                    }))
                }),
                "General sections for the reference page.",
            ),
            "docs" => object(parse::DOCS_KEYS, |k| {
                Some(match k {
                    "group_by" => {
                        json!({ "enum": ["category", "status"], "description": "How error sections are grouped." })
                    }
                    "envelope_example" => {
                        text("The key of the error shown in the error-format section.")
                    }
                    "pages" => {
                        json!({ "enum": ["auto", "one", "split"], "description": "One page, a page per group, or split above ten errors." })
                    }
                    _ => return None,
                })
            }),
            "language" => text("The BCP 47 tag of the catalogue's own messages (default `en`)."),
            "translations" => list_of_text("Files of translated messages, relative to this file."),
            "locale" => text("In a translation file: the BCP 47 tag it translates to."),
            "messages" => map_of(
                json!({"type": "string"}),
                "In a translation file: the translated message of each error, by key, with the same placeholders.",
            ),
            "allow" => list_of_text("Warnings to silence, by name (`missing-fix`)."),
            "breaking" => {
                json!({ "type": ["string", "number"], "description": "The version whose breaking changes to the catalogue as a whole (envelope, content type) are deliberate." })
            }
            "families" => array_of(
                object(parse::FAMILY_KEYS, |k| {
                    Some(match k {
                        "code_prefix" => text("Codes starting with this."),
                        "category" => text("Bodies with this category."),
                        "status" => {
                            json!({ "type": ["integer", "string"], "description": "A status, or a class such as `5xx`." })
                        }
                        "fallback" => {
                            text("The key of the error unknown codes of the family decode as.")
                        }
                        _ => return None,
                    })
                }),
                "Generic errors for codes the catalogue does not have.",
            ),
            "request_headers" => map_of(
                object(parse::REQUEST_HEADER_KEYS, |k| {
                    Some(match k {
                        "description" => text("Markdown."),
                        "type" => {
                            json!({ "enum": parse::TYPE_NAMES, "description": "The value's type." })
                        }
                        "required" => boolean("Whether requests must send it."),
                        "example" => any("An example value."),
                        _ => return None,
                    })
                }),
                "Request headers errors talk about, by name.",
            ),
            "common_details" => map_of(reference("field", ""), "Details fields every error has."),
            "errors" => map_of(
                reference("entry", ""),
                "The errors, by key (`key:` alone takes every default).",
            ),
            _ => return None,
        })
    });
    let mut schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://errcat.dev/catalogue.schema.json",
        "title": "errcat catalogue",
        "description": "An errcat error catalogue (errors.yaml). See docs/format.md.",
        "$defs": {
            "entry": entry(),
            "field": type_spec(parse::FIELD_KEYS),
            "nested_field": type_spec(parse::NESTED_FIELD_KEYS),
            "type": type_spec(parse::TYPE_KEYS),
            "message": object(parse::MESSAGE_KEYS, |k| Some(match k {
                "text" => text("The template."),
                "stable" => boolean("Whether clients may match on the text."),
                "varies" => any("The message varies; a description of how."),
                "examples" => list_of_text("Messages seen on the wire."),
                "summary" => text("A short summary for the reference page."),
                _ => return None,
            })),
        },
    });
    if let (Value::Object(schema), Value::Object(top)) = (&mut schema, top) {
        schema.extend(top);
    }
    schema
}

#[cfg(test)]
mod tests {
    use super::catalogue_schema;

    #[test]
    fn every_key_the_parser_accepts_is_described() {
        let text = catalogue_schema().to_string();
        assert!(
            !text.contains("undocumented key"),
            "describe the new keys in format_schema.rs"
        );
        assert!(text.contains("\"additionalProperties\":false"));
    }
}
