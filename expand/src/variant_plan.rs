//! The Rust variants of a generated type and the catalogue entries they
//! stand for: which fields each variant has, and how code reaches them.

use crate::names::field_ident;
use errcat_catalog::model::{Details, Entry, Field, Message, TypeSpec};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// A field of an entry's Rust variant that carries a value, in
/// declaration order.
#[derive(Clone, Copy, Debug)]
pub enum VariantField<'a> {
    /// A details field.
    Detail(&'a Field),
    /// The single `details` value of an error whose details are one value.
    DetailsValue(&'a TypeSpec),
    /// The `message` text of an error whose message varies.
    Message,
}

impl VariantField<'_> {
    /// The Rust field name.
    pub fn rust_name(&self) -> &str {
        match self {
            VariantField::Detail(f) => &f.rust_name,
            VariantField::DetailsValue(_) => "details",
            VariantField::Message => "message",
        }
    }

    /// The JSON member name, as decoding looks it up.
    pub fn wire_name(&self) -> &str {
        match self {
            VariantField::Detail(f) => &f.name,
            _ => self.rust_name(),
        }
    }

    /// Whether the body carries the value.
    pub fn in_body(&self) -> bool {
        match self {
            VariantField::Detail(f) => f.in_body,
            VariantField::DetailsValue(_) => true,
            VariantField::Message => false,
        }
    }

    /// Whether the variant may leave the field out (an optional detail).
    pub fn optional(&self) -> bool {
        matches!(self, VariantField::Detail(f) if f.optional)
    }
}

/// The fields of an entry's Rust variant that carry values. (A `source`
/// or `received` field, being Rust-only, is not among them.)
pub fn variant_fields(entry: &Entry) -> Vec<VariantField<'_>> {
    let mut out: Vec<VariantField<'_>> = match &entry.details {
        Details::None => Vec::new(),
        Details::Fields(fields) => fields.iter().map(VariantField::Detail).collect(),
        Details::Value(ty) => vec![VariantField::DetailsValue(ty)],
    };
    if matches!(entry.message, Message::Varies { .. }) {
        out.push(VariantField::Message);
    }
    out
}

/// How a variant holds its underlying error, if it has one. (Without the
/// derive, built without the `parse` feature, only the first is made.)
#[cfg_attr(not(feature = "parse"), allow(dead_code))]
pub enum SourceAccess {
    /// A named field of type `errcat::Source`.
    ErrcatSource(Ident),
    /// A named field of an error type (derive form), maybe `Option`al.
    Field { field: Ident, optional: bool },
    /// A tuple field (derive form, `#[from]`).
    Tuple { optional: bool },
}

/// One Rust variant and the entry it stands for.
pub struct VariantPlan {
    /// Index of the catalogue entry.
    pub entry: usize,
    /// The variant name.
    pub ident: Ident,
    /// For each value field of the entry (see [`variant_fields`]): the
    /// Rust field holding it, or `None` for an optional field the variant
    /// leaves out.
    pub values: Vec<Option<Ident>>,
    /// The underlying error, if any.
    pub source: Option<SourceAccess>,
    /// Whether the variant has a `received: errcat::Received` field (the
    /// fallback of a family, in the attribute form).
    pub received: bool,
    /// Whether the variant has no fields at all.
    pub unit: bool,
}

/// Names generated method bodies use for their own variables; a field
/// with one of these names is bound under another.
const TAKEN: &[&str] = &["w", "f", "ctx", "out", "lang", "headers", "d"];

/// The name a field is bound to in a match arm.
pub fn binding(field: &Ident) -> Ident {
    let name = field.to_string();
    if TAKEN.contains(&name.as_str()) {
        format_ident!("{name}_value")
    } else {
        field.clone()
    }
}

impl VariantPlan {
    /// A pattern matching the variant and binding the value fields whose
    /// indices `used` lists (by reference, through match ergonomics).
    pub fn pattern(&self, ty: &Ident, used: &[usize]) -> TokenStream {
        let v = &self.ident;
        if matches!(self.source, Some(SourceAccess::Tuple { .. })) {
            return quote!(#ty::#v(..));
        }
        if self.unit {
            return quote!(#ty::#v);
        }
        let fields = used.iter().filter_map(|&i| {
            let field = self.values.get(i)?.as_ref()?;
            let bound = binding(field);
            Some(if bound == *field {
                quote!(#field)
            } else {
                quote!(#field: #bound)
            })
        });
        quote!(#ty::#v { #(#fields,)* .. })
    }

    /// The binding of value field `i`, or `None` when the variant leaves
    /// the field out.
    pub fn value(&self, i: usize) -> Option<Ident> {
        self.values.get(i)?.as_ref().map(binding)
    }

    /// The variant of a `#[errcat::catalog]` enum: every field, named as
    /// the catalogue says.
    pub fn generated(index: usize, entry: &Entry, received: bool) -> Self {
        let values: Vec<Option<Ident>> = variant_fields(entry)
            .iter()
            .map(|f| Some(field_ident(f.rust_name())))
            .collect();
        VariantPlan {
            unit: values.is_empty() && !entry.source && !received,
            entry: index,
            ident: format_ident!("{}", entry.ident),
            values,
            source: entry
                .source
                .then(|| SourceAccess::ErrcatSource(format_ident!("source"))),
            received,
        }
    }
}
