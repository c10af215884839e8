//! The code that writes one variant's body: the envelope template, with
//! everything known at expansion time (the code, status, category, member
//! names, the message's fixed text, most commas) as string literals, and
//! the values written through `errcat::wire::Writer`.
//!
//! The envelope template is walked once per variant into a short list of
//! [`Part`]s, adjacent fixed text merged, then each part becomes one
//! statement. The reference renderer in errcat-catalog gives the meaning of
//! the template; the differential test holds the two to the same bytes.

use crate::names::str_lit;
use crate::variant_plan::{VariantField, VariantPlan, variant_fields};
use errcat_catalog::Catalog;
use errcat_catalog::message::{MessageTemplate, Piece};
use errcat_catalog::model::{Details, Entry, Field, Message, RequestField};
use errcat_catalog::template::{Slot, TMember, TNode};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// One step of writing a body.
#[derive(Clone, Debug, PartialEq)]
enum Part {
    /// Fixed JSON text.
    Raw(String),
    /// A field's value as JSON.
    Json(usize),
    /// A field's text inside a JSON string (a message placeholder).
    Text(usize),
    /// A per-request value as a JSON string, or `null`.
    Request(RequestField),
    /// Whether the current object has a member already.
    SetComma(bool),
    /// A comma if the current object has a member already.
    Comma,
    /// A member left out when the field is absent: its `"key":` and field.
    Optional(String, usize),
    /// A member left out when the per-request value is absent.
    OptionalRequest(String, RequestField),
    /// The message text, which depends on the language.
    Message,
}

/// The statements writing `plan`'s body into `w` (a `Writer`), and the
/// value fields they read. `lang` is in scope when the catalogue has
/// translations.
pub fn body(catalog: &Catalog, entry: &Entry, plan: &VariantPlan) -> (TokenStream, Vec<usize>) {
    let translated = languages(catalog, entry).len() > 1;
    let mut walk = Walk {
        catalog,
        entry,
        plan,
        translated,
        parts: Vec::new(),
    };
    walk.value(&catalog.envelope.template.root);
    let mut used = Vec::new();
    let code: TokenStream = walk
        .parts
        .iter()
        .map(|part| part_code(part, catalog, entry, plan, &mut used))
        .collect();
    used.sort_unstable();
    used.dedup();
    (code, used)
}

/// The wire message of `entry` in each language of the catalogue: its
/// own, then each translation's (the own one where a translation has
/// none).
pub fn languages<'c>(catalog: &'c Catalog, entry: &'c Entry) -> Vec<Option<&'c MessageTemplate>> {
    let own = entry.wire_template();
    let mut out = vec![own];
    if own.is_some() {
        for t in &catalog.translations {
            out.push(t.message(&entry.key).or(own));
        }
    }
    out
}

/// The pieces of a message as value-field indices: `Ok(text)` or
/// `Err(field)`.
pub fn message_pieces(
    entry: &Entry,
    template: Option<&MessageTemplate>,
) -> Vec<Result<String, usize>> {
    let fields = variant_fields(entry);
    let index = |name: &str| {
        fields
            .iter()
            .position(|f| matches!(f, VariantField::Detail(d) if d.name == name))
    };
    match template {
        Some(t) => t
            .pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Literal(text) => Some(Ok(text.clone())),
                Piece::Field { name, .. } => index(name).map(Err),
            })
            .collect(),
        None => match entry.message {
            Message::Varies { .. } => vec![Err(fields.len() - 1)],
            _ => vec![Ok(entry.fallback_message().to_owned())],
        },
    }
}

fn part_code(
    part: &Part,
    catalog: &Catalog,
    entry: &Entry,
    plan: &VariantPlan,
    used: &mut Vec<usize>,
) -> TokenStream {
    let mut bind = |i: usize| {
        used.push(i);
        plan.value(i)
    };
    match part {
        Part::Raw(text) => {
            let text = str_lit(text);
            quote!(w.raw(#text);)
        }
        Part::Json(i) => {
            let b = bind(*i);
            quote!(w.json(#b);)
        }
        Part::Text(i) => {
            let b = bind(*i);
            quote!(w.text(#b);)
        }
        Part::Request(field) => {
            let r = request(*field);
            quote!(w.request(ctx.#r);)
        }
        Part::SetComma(written) => quote!(w.set_comma(#written);),
        Part::Comma => quote!(w.comma();),
        Part::Optional(key, i) => {
            let b = bind(*i);
            let key = str_lit(key);
            quote!(w.optional(#key, #b);)
        }
        Part::OptionalRequest(key, field) => {
            let r = request(*field);
            let key = str_lit(key);
            quote!(w.optional_request(#key, ctx.#r);)
        }
        Part::Message => {
            let all = languages(catalog, entry);
            let mut arms = Vec::new();
            for (lang, template) in all.iter().enumerate().skip(1) {
                let code = message_code(entry, plan, *template, &mut bind);
                let lang = crate::names::int_lit(lang as u64);
                arms.push(quote!(#lang => { #code }));
            }
            let arms: TokenStream = arms.into_iter().collect();
            let own = message_code(entry, plan, all[0], &mut bind);
            quote! {
                match lang {
                    #arms
                    _ => { #own }
                }
            }
        }
    }
}

/// The statements writing a message's pieces inside a JSON string.
fn message_code(
    entry: &Entry,
    plan: &VariantPlan,
    template: Option<&MessageTemplate>,
    bind: &mut dyn FnMut(usize) -> Option<Ident>,
) -> TokenStream {
    let mut code = Vec::new();
    for piece in message_pieces(entry, template) {
        match piece {
            Ok(text) => {
                let text = json_escaped(&text);
                if !text.is_empty() {
                    let text = str_lit(&text);
                    code.push(quote!(w.raw(#text);));
                }
            }
            Err(i) if plan.value(i).is_some() => {
                let b = bind(i);
                code.push(quote!(w.text(#b);));
            }
            Err(_) => {}
        }
    }
    code.into_iter().collect()
}

/// The `RequestContext` member of a per-request value.
pub fn request(field: RequestField) -> Ident {
    format_ident!("{}", field.name())
}

/// `s` escaped as serde_json escapes the inside of a string.
fn json_escaped(s: &str) -> String {
    let quoted = json_string(s);
    quoted[1..quoted.len() - 1].to_owned()
}

fn json_string(s: &str) -> String {
    errcat_catalog::json_string(s)
}

/// Whether a member is written, as far as expansion can tell.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Presence {
    Always,
    Never,
    Maybe,
}

/// Within an object: whether a member has certainly been written, or the
/// writer's flag must decide.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CommaState {
    Known(bool),
    Flag,
}

/// A member of an object being written.
enum Member<'t> {
    /// A member of the template.
    Template(&'t str, &'t TNode),
    /// A details field (of a details object, or merged into the template).
    Detail(usize, &'t Field),
}

struct Walk<'a> {
    catalog: &'a Catalog,
    entry: &'a Entry,
    plan: &'a VariantPlan,
    translated: bool,
    parts: Vec<Part>,
}

impl<'a> Walk<'a> {
    /// Appends fixed text, merged with the text before it.
    fn raw(&mut self, s: &str) {
        if let Some(Part::Raw(text)) = self.parts.last_mut() {
            text.push_str(s);
        } else if !s.is_empty() {
            self.parts.push(Part::Raw(s.to_owned()));
        }
    }

    /// Whether the variant holds value field `i` (a derive variant may
    /// leave an optional field out).
    fn has(&self, i: usize) -> bool {
        self.plan.value(i).is_some()
    }

    /// The fixed JSON of a slot, `None` if absent, or `Err` if the slot's
    /// value is only known at run time.
    fn fixed_slot(&self, slot: Slot) -> Result<Option<String>, ()> {
        let e = self.entry;
        Ok(match slot {
            Slot::Code => Some(json_string(&e.code)),
            Slot::Status => e.status.map(|s| s.to_string()),
            Slot::Category => self
                .catalog
                .category(&e.category)
                .map(|c| json_string(&c.wire)),
            Slot::Title => Some(json_string(e.title_or_code())),
            Slot::DocUrl => self.catalog.doc_url(e).map(|u| json_string(&u)),
            Slot::Retryable => e.retryable.map(|r| r.to_string()),
            Slot::Details if !e.details.has_body() => self
                .catalog
                .envelope
                .empty_details_object
                .then(|| "{}".to_owned()),
            Slot::Message | Slot::Details | Slot::Request(_) => return Err(()),
        })
    }

    /// Writes a value in a position where it cannot be left out.
    fn value(&mut self, node: &'a TNode) {
        match node {
            TNode::Literal(v) => self.raw(&v.to_string()),
            TNode::Slot(s) => self.slot(s.slot),
            TNode::Array(items) => {
                self.raw("[");
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.raw(",");
                    }
                    self.value(item);
                }
                self.raw("]");
            }
            TNode::Object(members) => {
                let mut list = Vec::new();
                for m in members {
                    match m {
                        TMember::Field { key, value } => list.push(Member::Template(key, value)),
                        TMember::MergeDetails => list.extend(self.detail_members()),
                    }
                }
                self.object(&list);
            }
        }
    }

    fn detail_members(&self) -> Vec<Member<'a>> {
        match &self.entry.details {
            Details::Fields(fields) => fields
                .iter()
                .enumerate()
                .filter(|(_, f)| f.in_body)
                .map(|(i, f)| Member::Detail(i, f))
                .collect(),
            _ => Vec::new(),
        }
    }

    fn slot(&mut self, slot: Slot) {
        match self.fixed_slot(slot) {
            Ok(Some(text)) => self.raw(&text),
            Ok(None) => self.raw("null"),
            Err(()) => match slot {
                Slot::Request(f) => self.parts.push(Part::Request(f)),
                Slot::Message => self.message(),
                Slot::Details => match &self.entry.details {
                    Details::Value(_) if self.has(0) => self.parts.push(Part::Json(0)),
                    Details::Value(_) => self.raw("null"),
                    _ => {
                        let members = self.detail_members();
                        self.object(&members);
                    }
                },
                _ => self.raw("null"),
            },
        }
    }

    fn message(&mut self) {
        self.raw("\"");
        if self.translated {
            self.parts.push(Part::Message);
        } else {
            for piece in message_pieces(self.entry, self.entry.wire_template()) {
                match piece {
                    Ok(text) => self.raw(&json_escaped(&text)),
                    Err(i) if self.has(i) => self.parts.push(Part::Text(i)),
                    Err(_) => {}
                }
            }
        }
        self.raw("\"");
    }

    fn presence(&self, member: &Member<'_>) -> Presence {
        match member {
            Member::Detail(i, f) => match (self.has(*i), f.optional) {
                (false, _) => Presence::Never,
                (true, true) => Presence::Maybe,
                (true, false) => Presence::Always,
            },
            Member::Template(_, TNode::Slot(s)) if s.omit_if_absent => {
                match self.fixed_slot(s.slot) {
                    Ok(Some(_)) => Presence::Always,
                    Ok(None) => Presence::Never,
                    Err(()) if matches!(s.slot, Slot::Request(_)) => Presence::Maybe,
                    Err(()) => Presence::Always,
                }
            }
            Member::Template(..) => Presence::Always,
        }
    }

    fn object(&mut self, members: &[Member<'a>]) {
        self.raw("{");
        let mut state = CommaState::Known(false);
        for member in members {
            let key = match member {
                Member::Template(k, _) => format!("{}:", json_string(k)),
                Member::Detail(_, f) => format!("{}:", json_string(&f.name)),
            };
            match self.presence(member) {
                Presence::Never => {}
                Presence::Always => {
                    match state {
                        CommaState::Known(false) => {}
                        CommaState::Known(true) => self.raw(","),
                        CommaState::Flag => self.parts.push(Part::Comma),
                    }
                    self.raw(&key);
                    match member {
                        Member::Template(_, node) => self.value(node),
                        Member::Detail(i, _) => self.parts.push(Part::Json(*i)),
                    }
                    state = CommaState::Known(true);
                }
                Presence::Maybe => {
                    if let CommaState::Known(b) = state {
                        self.parts.push(Part::SetComma(b));
                    }
                    match member {
                        Member::Detail(i, _) => self.parts.push(Part::Optional(key, *i)),
                        Member::Template(_, TNode::Slot(s)) => {
                            if let Slot::Request(field) = s.slot {
                                self.parts.push(Part::OptionalRequest(key, field));
                            }
                        }
                        Member::Template(..) => {}
                    }
                    state = CommaState::Flag;
                }
            }
        }
        self.raw("}");
    }
}

#[cfg(test)]
mod tests {
    use super::json_escaped;

    #[test]
    fn text_is_escaped_as_serde_json_escapes_it() {
        let ascii: String = (0u8..128).map(char::from).collect();
        for s in [
            "",
            "plain",
            "quote \" backslash \\",
            "é 日本 🦀 \u{2028}",
            &ascii,
        ] {
            let expected = serde_json::to_string(s).unwrap();
            assert_eq!(json_escaped(s), expected[1..expected.len() - 1]);
        }
    }
}
