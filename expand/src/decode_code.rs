//! The static tables of a generated type (`ENTRIES`, the decoding `TABLE`
//! and `LANGUAGES`), and the methods that decode bodies: `from_response`
//! and `from_code`.

use crate::body_code::{languages, message_pieces};
use crate::names::int_lit;
use crate::type_impls::Target;
use crate::variant_plan::{VariantField, VariantPlan, variant_fields};
use errcat_catalog::Catalog;
use errcat_catalog::model::{Entry, EntryKind, FamilyMatch, HeaderSource};
use errcat_catalog::template::{PathStep, Slot};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// The module of statics, and the `use` that brings them into scope.
pub fn tables(catalog: &Catalog) -> TokenStream {
    let count = Literal::usize_unsuffixed(catalog.entries.len());
    // Each list is collected into one stream: interpolating streams one by
    // one copies the growing stream each time.
    let infos: TokenStream = catalog
        .entries
        .iter()
        .map(|e| entry_info(catalog, e))
        .collect();
    let wire: TokenStream = catalog
        .entries
        .iter()
        .map(|e| entry_wire(catalog, e))
        .collect();
    let by_code = sorted(catalog.entries.iter().map(|e| Some(e.code.clone())));
    let by_doc_url = sorted(catalog.entries.iter().map(|e| catalog.doc_url(e)));
    let families = families(catalog);
    let removed = removed(catalog);
    let paths = paths(catalog);
    let tags: Vec<&str> = std::iter::once(catalog.language.as_str())
        .chain(catalog.translations.iter().map(|t| t.locale.as_str()))
        .collect();
    let tag_count = Literal::usize_unsuffixed(tags.len());
    quote! {
        #[allow(clippy::all, clippy::pedantic)]
        mod tables {
            use ::errcat::__private::table::{Piece::*, Step::*, *};

            pub(super) static ENTRIES: [EntryInfo; #count] = [#infos];

            pub(super) static TABLE: DecodeTable = DecodeTable {
                entries: &ENTRIES,
                wire: &[#wire],
                by_code: &[#by_code],
                by_doc_url: &[#by_doc_url],
                families: &[#families],
                removed: &[#removed],
                paths: #paths,
            };

            pub(super) static LANGUAGES: [&str; #tag_count] = [#(#tags),*];
        }
        use tables::{ENTRIES, LANGUAGES, TABLE};
    }
}

fn entry_info(catalog: &Catalog, e: &Entry) -> TokenStream {
    let (key, variant, code) = (&e.key, &e.ident, &e.code);
    let category = &e.category;
    let wire = catalog
        .category(&e.category)
        .map_or("", |c| c.wire.as_str());
    let title = e.title_or_code();
    // Facts an entry does not have come from `EntryInfo::DEFAULT`.
    let mut rest = Vec::new();
    if let Some(s) = e.status {
        let s = int_lit(s);
        rest.push(quote!(status: Some(#s),));
    }
    if let Some(r) = e.retryable {
        rest.push(quote!(retryable: Some(#r),));
    }
    if let Some(u) = catalog.doc_url(e) {
        rest.push(quote!(doc_url: Some(#u),));
    }
    if e.deprecated.is_some() {
        rest.push(quote!(deprecated: true,));
    }
    match e.kind {
        EntryKind::Error => {}
        EntryKind::Warning => rest.push(quote!(kind: Kind::Warning,)),
        EntryKind::Notice => rest.push(quote!(kind: Kind::Notice,)),
    }
    if !e.extensions.is_empty() {
        let extensions = e.extensions.iter().map(|(k, v)| {
            let v = v.to_string();
            quote!((#k, #v))
        });
        rest.push(quote!(extensions: &[#(#extensions),*],));
    }
    let rest: TokenStream = rest.into_iter().collect();
    quote! {
        EntryInfo {
            key: #key,
            variant: #variant,
            code: #code,
            category: #category,
            category_wire: #wire,
            title: #title,
            #rest
            ..EntryInfo::DEFAULT
        },
    }
}

fn entry_wire(catalog: &Catalog, e: &Entry) -> TokenStream {
    let fields = variant_fields(e);
    let messages = languages(catalog, e).into_iter().map(|template| {
        let pieces = message_pieces(e, template).into_iter().map(|p| match p {
            Ok(text) => quote!(Lit(#text)),
            Err(i) => {
                let i = int_lit(i as u64);
                quote!(Field(#i))
            }
        });
        quote!(&[#(#pieces),*])
    });
    // What an entry does not have comes from `EntryWire::DEFAULT`.
    let mut rest = Vec::new();
    if !fields.is_empty() {
        let names = fields.iter().map(|f| {
            let (name, in_body) = (f.wire_name(), f.in_body());
            quote!((#name, #in_body))
        });
        rest.push(quote!(fields: &[#(#names),*],));
    }
    if let Some(i) = fields
        .iter()
        .position(|f| matches!(f, VariantField::DetailsValue(_)))
    {
        let i = int_lit(i as u64);
        rest.push(quote!(details_value: Some(#i),));
    }
    let headers: Vec<TokenStream> = catalog
        .entry_headers(e)
        .into_iter()
        .filter_map(|h| {
            let HeaderSource::Details(name) = &h.source else {
                return None;
            };
            let i = int_lit(fields.iter().position(|f| f.wire_name() == name)? as u64);
            let header = &h.name;
            Some(quote!((#header, #i)))
        })
        .collect();
    if !headers.is_empty() {
        rest.push(quote!(headers: &[#(#headers),*],));
    }
    let rest: TokenStream = rest.into_iter().collect();
    quote! {
        EntryWire {
            messages: &[#(#messages),*],
            #rest
            ..EntryWire::DEFAULT
        },
    }
}

/// `(key, entry index)` pairs, sorted by key then index.
fn sorted(keys: impl Iterator<Item = Option<String>>) -> TokenStream {
    let mut pairs: Vec<(String, u32)> = keys
        .enumerate()
        .filter_map(|(i, k)| Some((k?, u32::try_from(i).ok()?)))
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(k, i)| {
            let i = Literal::u32_unsuffixed(*i);
            quote!((#k, #i),)
        })
        .collect()
}

/// The families in the order decoding tries them: prefixes longest
/// first, then categories, then statuses narrowest first.
fn families(catalog: &Catalog) -> TokenStream {
    let mut ordered: Vec<((u8, usize), TokenStream)> = catalog
        .families
        .iter()
        .filter_map(|f| {
            let i = catalog.entries.iter().position(|e| e.key == f.fallback)?;
            let i = Literal::u32_unsuffixed(u32::try_from(i).ok()?);
            Some(match &f.matches {
                FamilyMatch::CodePrefix(p) => {
                    ((0, usize::MAX - p.len()), quote!(Family::Prefix(#p, #i)))
                }
                FamilyMatch::Category(key) => {
                    let wire = catalog
                        .category(key)
                        .map_or(key.as_str(), |c| c.wire.as_str());
                    ((1, 0), quote!(Family::Category(#wire, #i)))
                }
                FamilyMatch::Status { low, high } => {
                    let (l, h) = (int_lit(*low), int_lit(*high));
                    (
                        (2, usize::from(high - low)),
                        quote!(Family::Status(#l, #h, #i)),
                    )
                }
            })
        })
        .collect();
    ordered.sort_by_key(|(rank, _)| *rank);
    ordered.into_iter().map(|(_, t)| quote!(#t,)).collect()
}

/// The tombstones, sorted by code.
fn removed(catalog: &Catalog) -> TokenStream {
    let mut tombs: Vec<&Entry> = catalog.removed.iter().collect();
    tombs.sort_by(|a, b| a.code.cmp(&b.code));
    tombs.dedup_by(|a, b| a.code == b.code);
    let items = tombs.iter().map(|tomb| {
        let code = &tomb.code;
        let notice = tomb.removed.clone().unwrap_or_default();
        let since = opt(notice.since.as_deref());
        let replaced_by = notice
            .replaced_by
            .as_ref()
            .and_then(|key| catalog.entry(key))
            .map(|e| e.code.as_str());
        let replaced_by = opt(replaced_by);
        quote!(Removed { code: #code, since: #since, replaced_by: #replaced_by },)
    });
    items.collect()
}

fn opt(value: Option<&str>) -> TokenStream {
    match value {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}

fn steps(path: &[PathStep]) -> TokenStream {
    let steps = path.iter().map(|step| match step {
        PathStep::Key(k) => quote!(Key(#k)),
        PathStep::Index(i) => {
            let i = int_lit(*i as u64);
            quote!(Index(#i))
        }
    });
    quote!(&[#(#steps),*])
}

fn path(p: Option<Vec<PathStep>>) -> TokenStream {
    match p {
        Some(p) => {
            let s = steps(&p);
            quote!(Some(#s))
        }
        None => quote!(None),
    }
}

fn paths(catalog: &Catalog) -> TokenStream {
    let t = &catalog.envelope.template;
    let code = path(t.path_of(Slot::Code));
    let doc_url = path(t.path_of(Slot::DocUrl));
    let message = path(t.path_of(Slot::Message));
    let details = path(t.path_of(Slot::Details));
    let category = path(t.path_of(Slot::Category));
    let merged = match t.merge_path() {
        Some(p) => {
            let s = steps(&p);
            let names = t.member_names_at(&p);
            quote!(Some((#s, &[#(#names),*])))
        }
        None => quote!(None),
    };
    quote! {
        Paths {
            code: #code,
            doc_url: #doc_url,
            message: #message,
            details: #details,
            category: #category,
            merged: #merged,
        }
    }
}

/// The expression building `plan`'s variant from a `Decoded` named `d`.
fn build(t: &Target<'_>, plan: &VariantPlan) -> TokenStream {
    let ty = t.ty;
    let v = &plan.ident;
    if plan.unit {
        return quote!(#ty::#v);
    }
    let entry = &t.catalog.entries[plan.entry];
    let fields: TokenStream = variant_fields(entry)
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let name = crate::names::field_ident(f.rust_name());
            let i = Literal::u16_unsuffixed(u16::try_from(i).unwrap_or(u16::MAX));
            quote!(#name: d.field(#i)?,)
        })
        .collect();
    let source = entry
        .source
        .then(|| quote!(source: ::errcat::Source::none(),));
    let received = plan.received.then(|| quote!(received: d.received(),));
    quote!(#ty::#v { #fields #source #received })
}

/// `from_response` and `from_response_with_headers`.
pub fn from_response(t: &Target<'_>) -> TokenStream {
    let ty = t.ty;
    let arms: TokenStream = t
        .plans
        .iter()
        .map(|p| {
            let i = int_lit(p.entry as u64);
            let value = build(t, p);
            quote!(#i => #value,)
        })
        .collect();
    let out_of_range = quote! {
        ::core::result::Result::Err(::errcat::DecodeError::Malformed {
            reason: ::std::string::String::from("entry index out of range"),
        })
    };
    // An enum without variants (a catalogue that could not be read) has
    // no arm to reach.
    let build = if t.plans.is_empty() {
        out_of_range
    } else {
        quote! {
            ::core::result::Result::Ok(match index {
                #arms
                _ => return #out_of_range,
            })
        }
    };
    // With a catch-all, a code nothing in the catalogue takes, and a
    // removed one, is kept whole.
    let catch_all = t.unknown.map(|u| {
        quote! {
            .or_else(|e| match e {
                ::errcat::DecodeError::UnknownCode { .. } | ::errcat::DecodeError::Removed { .. } => {
                    ::errcat::UnknownError::from_body(&TABLE, status, body).map(#ty::#u)
                }
                e => ::core::result::Result::Err(e),
            })
        }
    });
    let unknown_doc = if t.unknown.is_some() {
        " A code the catalogue does not have (nor a family that takes it in), or a removed one, gives the catch-all variant."
    } else {
        " A code the catalogue does not have (nor a family that takes it in) is `DecodeError::UnknownCode`, a removed one `DecodeError::Removed`; declare a catch-all with `unknown = Variant` to keep such errors."
    };
    quote! {
        /// Decodes an error body (in the catalogue's envelope) back into a
        /// value of this type, for clients of the API. `status` helps tell
        /// apart entries that share a code; pass `None` if unknown.
        ///
        /// Fields the body does not carry (`in_body: false` and absent from
        /// the message) come back empty or zero, and sources as none; see
        /// [`Self::from_response_with_headers`] for fields sent in headers.
        ///
        #[doc = #unknown_doc]
        ///
        /// # Errors
        ///
        /// [`errcat::DecodeError`] when the body is not JSON, lacks the code,
        /// carries an unknown code, or has details of the wrong shape.
        pub fn from_response(
            status: impl ::core::convert::Into<::core::option::Option<u16>>,
            body: &[u8],
        ) -> ::core::result::Result<Self, ::errcat::DecodeError> {
            Self::from_response_with_headers(status, &[], body)
        }

        /// Decodes a response as [`Self::from_response`] does, taking the
        /// values of fields the body does not carry from the response
        /// headers the catalogue declares for them (`Retry-After`).
        ///
        /// # Errors
        ///
        /// As [`Self::from_response`].
        #[allow(unused_variables)]
        pub fn from_response_with_headers(
            status: impl ::core::convert::Into<::core::option::Option<u16>>,
            headers: &[(&str, &str)],
            body: &[u8],
        ) -> ::core::result::Result<Self, ::errcat::DecodeError> {
            let status = status.into();
            let response = ::errcat::__private::Response { status, headers, body };
            // The closure's return type is written out: inferring it would
            // leave pending obligations for the type checker to revisit.
            ::errcat::__private::decode(&TABLE, response, |index, d| -> ::core::result::Result<Self, ::errcat::DecodeError> {
                #build
            })
            #catch_all
        }
    }
}

/// `from_code`: the error of a code, for the entries that need no values
/// (no details, or only optional ones).
pub fn from_code(t: &Target<'_>) -> TokenStream {
    let ty = t.ty;
    let arms: TokenStream = t
        .plans
        .iter()
        .filter_map(|p| {
            let entry = &t.catalog.entries[p.entry];
            let fields = variant_fields(entry);
            if !fields.iter().all(VariantField::optional) {
                return None;
            }
            let i = int_lit(p.entry as u64);
            let v = &p.ident;
            if p.unit {
                return Some(quote!(#i => ::core::option::Option::Some(#ty::#v),));
            }
            let names = fields
                .iter()
                .map(|f| crate::names::field_ident(f.rust_name()));
            let source = entry
                .source
                .then(|| quote!(source: ::errcat::Source::none(),));
            let received = p
                .received
                .then(|| quote!(received: ::errcat::Received::none(),));
            Some(quote! {
                #i => ::core::option::Option::Some(#ty::#v {
                    #(#names: ::core::option::Option::None,)*
                    #source
                    #received
                }),
            })
        })
        .collect();
    let note = if t.unknown.is_some() {
        " The catch-all is never made from a code alone: it keeps a body."
    } else {
        ""
    };
    let doc = format!(
        " The error of a wire code, for a gateway or a driver that starts from \
         a code: the entry [`Self::entry_by_code`] finds, if its variant needs \
         no values (no details, or only optional ones, left `None`).{note}"
    );
    quote! {
        #[doc = #doc]
        #[must_use]
        #[allow(clippy::match_same_arms)]
        pub fn from_code(code: &str) -> ::core::option::Option<Self> {
            match TABLE.lookup(code)? {
                #arms
                _ => ::core::option::Option::None,
            }
        }
    }
}
