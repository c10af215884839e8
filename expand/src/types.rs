//! Rust types for details fields, and the structs and enums generated for
//! nested objects and string enums.

use crate::names::{field_ident, type_ident};
use errcat_catalog::ident;
use errcat_catalog::model::{Field, TypeKind, TypeSpec};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

/// Types generated into the companion module, and the names they took.
#[derive(Default)]
pub struct Generated {
    /// The items.
    pub items: Vec<TokenStream>,
    /// Names in use, with what produced them, to catch collisions.
    pub names: Vec<(String, String)>,
    /// Name collisions found.
    pub collisions: Vec<String>,
}

impl Generated {
    fn claim(&mut self, name: &str, origin: &str) {
        if let Some((_, other)) = self.names.iter().find(|(n, _)| n == name) {
            self.collisions.push(format!("the generated type `{name}` would be made for both {other} and {origin}; rename one of them"));
        } else {
            self.names.push((name.to_owned(), origin.to_owned()));
        }
    }
}

/// The Rust type of a details type, as source text, generating named types
/// as needed. `name` is the type name to use for a generated struct or enum.
/// `module` is the path prefix of generated types where the type is used:
/// the companion module's name outside it, `self` inside it.
pub fn rust_type(
    ty: &TypeSpec,
    name: &str,
    origin: &str,
    module: &str,
    out: &mut Generated,
) -> String {
    match &ty.kind {
        TypeKind::String | TypeKind::Integer(_) | TypeKind::Number | TypeKind::Boolean => {
            scalar_type(ty).map(str::to_owned).unwrap_or_default()
        }
        TypeKind::Enum(values) => {
            out.claim(name, origin);
            out.items
                .push(string_enum(name, values, ty.description.as_deref()));
            format!("{module}::{}", type_ident(name))
        }
        TypeKind::Array(item) => {
            let inner = rust_type(item, &ident::item_type_name(name), origin, module, out);
            format!("::std::vec::Vec<{inner}>")
        }
        TypeKind::Object(fields) => {
            out.claim(name, origin);
            let item = object_struct(name, fields, ty.description.as_deref(), origin, out);
            out.items.push(item);
            format!("{module}::{}", type_ident(name))
        }
    }
}

/// The Rust type of a scalar, which needs no generated type and so no name.
fn scalar_type(ty: &TypeSpec) -> Option<&'static str> {
    match &ty.kind {
        TypeKind::String => Some("::std::string::String"),
        TypeKind::Integer(f) => Some(f.rust_type()),
        TypeKind::Number => Some("f64"),
        TypeKind::Boolean => Some("bool"),
        TypeKind::Enum(_) | TypeKind::Array(_) | TypeKind::Object(_) => None,
    }
}

/// The Rust type of a field, `Option` included, as source text.
pub fn field_type(
    field: &Field,
    owner: &str,
    origin: &str,
    module: &str,
    out: &mut Generated,
) -> String {
    // Most fields are scalars: the name of a generated type, and the
    // origin that names it in errors, are made only for the others.
    let ty = match scalar_type(&field.ty) {
        Some(scalar) => scalar.to_owned(),
        None => rust_type(
            &field.ty,
            &ident::field_type_name(owner, &field.rust_name),
            &format!("{origin} field `{}`", field.name),
            module,
            out,
        ),
    };
    if field.optional {
        format!("::core::option::Option<{ty}>")
    } else {
        ty
    }
}

/// Whether values of the type can derive `Eq` and `Hash` (no floats).
pub fn is_eq(ty: &TypeSpec) -> bool {
    match &ty.kind {
        TypeKind::Number => false,
        TypeKind::Array(item) => is_eq(item),
        TypeKind::Object(fields) => fields.iter().all(|f| is_eq(&f.ty)),
        _ => true,
    }
}

/// One doc attribute holding every line of a text.
pub fn doc_lines(text: &str) -> TokenStream {
    let doc = crate::emit::doc_text(text);
    quote!(#[doc = #doc])
}

fn string_enum(name: &str, values: &[String], description: Option<&str>) -> TokenStream {
    let ty = type_ident(name);
    let variants: Vec<Ident> = values
        .iter()
        .map(|v| format_ident!("{}", ident::pascal(v)))
        .collect();
    let docs = doc_lines(description.unwrap_or("One of a fixed set of values."));
    let variant_docs = values.iter().map(|v| {
        let d = format!(" `{v}`");
        quote!(#[doc = #d])
    });
    let first = &variants[0];
    let count = Literal::usize_unsuffixed(values.len());
    quote! {
        #docs
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #ty {
            #( #variant_docs #variants, )*
        }

        impl #ty {
            /// Every value, in declaration order.
            pub const ALL: [Self; #count] = [#(Self::#variants),*];

            /// The value as sent on the wire.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                match self { #(Self::#variants => #values,)* }
            }

            /// The value with this wire text.
            #[must_use]
            pub fn from_wire(text: &str) -> ::core::option::Option<Self> {
                match text { #(#values => ::core::option::Option::Some(Self::#variants),)* _ => ::core::option::Option::None }
            }
        }

        impl ::core::fmt::Display for #ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::errcat::__private::ToValue for #ty {
            fn to_value(&self) -> ::errcat::__private::Value<'_> {
                ::errcat::__private::Value::Str(self.as_str())
            }
        }

        impl ::errcat::__private::WriteJson for #ty {
            fn write_json(&self, out: &mut ::std::vec::Vec<u8>) {
                ::errcat::__private::write_str(out, self.as_str());
            }
        }

        impl ::errcat::__private::FromWire for #ty {
            fn from_json(value: &::errcat::__private::serde_json::Value) -> ::core::result::Result<Self, ::std::string::String> {
                value.as_str().and_then(Self::from_wire).ok_or_else(|| ::std::format!("`{}` is not one of the values of {}", value, #name))
            }
            fn from_text(text: &str) -> ::core::option::Option<Self> {
                Self::from_wire(text)
            }
            fn placeholder() -> Self {
                Self::#first
            }
        }
    }
}

fn object_struct(
    name: &str,
    fields: &[Field],
    description: Option<&str>,
    origin: &str,
    out: &mut Generated,
) -> TokenStream {
    let ty = type_ident(name);
    let docs = doc_lines(description.unwrap_or("A nested object of the error details."));
    let idents: Vec<Ident> = fields.iter().map(|f| field_ident(&f.rust_name)).collect();
    // Inside the companion module, sibling types are `self::Name`.
    let types: Vec<TokenStream> = fields
        .iter()
        .map(|f| crate::emit::tokens(&field_type(f, name, origin, "self", out)))
        .collect();
    let field_docs = fields.iter().map(|f| {
        doc_lines(
            f.ty.description
                .as_deref()
                .unwrap_or(&format!("`{}`", f.name)),
        )
    });
    let keys: Vec<Literal> = fields
        .iter()
        .map(|f| {
            Literal::byte_string(
                format!("{}:", serde_json::to_string(&f.name).unwrap_or_default()).as_bytes(),
            )
        })
        .collect();
    let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    let eq = if fields.iter().all(|f| is_eq(&f.ty)) {
        quote!(, Eq, Hash)
    } else {
        quote!()
    };
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq #eq)]
        pub struct #ty {
            #( #field_docs pub #idents: #types, )*
        }

        impl ::errcat::__private::WriteJson for #ty {
            fn write_json(&self, out: &mut ::std::vec::Vec<u8>) {
                ::errcat::__private::write_object(out, &[#((#keys, ::errcat::__private::ToValue::to_value(&self.#idents))),*]);
            }
            fn len_hint(&self) -> usize {
                ::errcat::__private::object_len_hint(&[#((#keys, ::errcat::__private::ToValue::to_value(&self.#idents))),*])
            }
        }

        impl ::errcat::__private::ToValue for #ty {
            fn to_value(&self) -> ::errcat::__private::Value<'_> {
                ::errcat::__private::Value::Json(self)
            }
        }

        impl ::errcat::__private::FromWire for #ty {
            fn from_json(value: &::errcat::__private::serde_json::Value) -> ::core::result::Result<Self, ::std::string::String> {
                let object = value.as_object().ok_or_else(|| ::std::format!("expected an object, found {}", value))?;
                ::core::result::Result::Ok(Self { #( #idents: ::errcat::__private::member(object, #names)?, )* })
            }
            fn from_text(_: &str) -> ::core::option::Option<Self> {
                ::core::option::Option::None
            }
            fn placeholder() -> Self {
                Self { #( #idents: ::errcat::__private::FromWire::placeholder(), )* }
            }
        }
    }
}
