//! Rust types for details fields, and the structs and enums generated for
//! nested objects and string enums.

use crate::names::{doc, field_ident, str_lit, type_ident};
use errcat_catalog::ident;
use errcat_catalog::model::{Field, TypeKind, TypeSpec};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

/// Types generated into the companion module, and the names they took.
#[derive(Default)]
pub struct DetailTypes {
    /// The items.
    pub items: Vec<TokenStream>,
    /// Names in use, with what produced them, to catch collisions.
    names: Vec<(String, String)>,
    /// Name collisions found.
    pub collisions: Vec<String>,
}

impl DetailTypes {
    fn claim(&mut self, name: &str, origin: &str) {
        if let Some((_, other)) = self.names.iter().find(|(n, _)| n == name) {
            self.collisions.push(format!(
                "the generated type `{name}` would be made for both {other} and {origin}; rename one of them"
            ));
        } else {
            self.names.push((name.to_owned(), origin.to_owned()));
        }
    }

    /// The Rust type of a details type, generating named types as needed.
    /// `name` is the name of a generated struct or enum; `module` the path
    /// of generated types where the type is used (the companion module
    /// outside it, `self` inside it).
    pub fn rust_type(
        &mut self,
        ty: &TypeSpec,
        name: &str,
        origin: &str,
        module: &TokenStream,
    ) -> TokenStream {
        if let Some(scalar) = scalar_type(ty) {
            return scalar;
        }
        match &ty.kind {
            TypeKind::Enum(values) => {
                self.claim(name, origin);
                self.items
                    .push(string_enum(name, values, ty.description.as_deref()));
                let t = type_ident(name);
                quote!(#module::#t)
            }
            TypeKind::Array(item) => {
                let inner = self.rust_type(item, &ident::item_type_name(name), origin, module);
                quote!(::std::vec::Vec<#inner>)
            }
            TypeKind::Object(fields) => {
                self.claim(name, origin);
                let item = self.object_struct(name, fields, ty.description.as_deref(), origin);
                self.items.push(item);
                let t = type_ident(name);
                quote!(#module::#t)
            }
            _ => quote!(()),
        }
    }

    /// The Rust type of a field, `Option` included.
    pub fn field_type(
        &mut self,
        field: &Field,
        owner: &str,
        origin: &str,
        module: &TokenStream,
    ) -> TokenStream {
        let ty = match scalar_type(&field.ty) {
            Some(scalar) => scalar,
            None => self.rust_type(
                &field.ty,
                &ident::field_type_name(owner, &field.rust_name),
                &format!("{origin} field `{}`", field.name),
                module,
            ),
        };
        if field.optional {
            quote!(::core::option::Option<#ty>)
        } else {
            ty
        }
    }

    fn object_struct(
        &mut self,
        name: &str,
        fields: &[Field],
        description: Option<&str>,
        origin: &str,
    ) -> TokenStream {
        let ty = type_ident(name);
        let docs = doc(description.unwrap_or("A nested object of the error details."));
        let idents: Vec<Ident> = fields.iter().map(|f| field_ident(&f.rust_name)).collect();
        // Inside the companion module, sibling types are `self::Name`.
        let types: Vec<TokenStream> = fields
            .iter()
            .map(|f| self.field_type(f, name, origin, &quote!(self)))
            .collect();
        let field_docs = fields.iter().map(|f| {
            doc(f
                .ty
                .description
                .as_deref()
                .unwrap_or(&format!("`{}`", f.name)))
        });
        let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
        let eq = fields
            .iter()
            .all(|f| is_eq(&f.ty))
            .then(|| quote!(, Eq, Hash));
        let write = object_writer(fields, &idents);
        quote! {
            #docs
            #[derive(Clone, Debug, PartialEq #eq)]
            pub struct #ty {
                #( #field_docs pub #idents: #types, )*
            }

            impl ::errcat::__private::WireValue for #ty {
                fn write_json(&self, out: &mut ::std::vec::Vec<u8>) {
                    let mut w = ::errcat::__private::Writer::new(out);
                    #write
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
}

/// The statements writing a generated struct as a JSON object: required
/// members as fixed text and values, optional ones left out when `None`.
fn object_writer(fields: &[Field], idents: &[Ident]) -> TokenStream {
    let mut code = TokenStream::new();
    let mut text = String::from("{");
    let mut known_comma = Some(false);
    for (field, id) in fields.iter().zip(idents) {
        let key = format!("{}:", errcat_catalog::json_string(&field.name));
        if field.optional {
            if let Some(written) = known_comma.take() {
                flush(&mut code, &mut text);
                code.extend(quote!(w.set_comma(#written);));
            }
            let key = str_lit(&key);
            code.extend(quote!(w.optional(#key, &self.#id);));
        } else {
            match known_comma {
                Some(true) => text.push(','),
                Some(false) => {}
                None => {
                    flush(&mut code, &mut text);
                    code.extend(quote!(w.comma();));
                }
            }
            text.push_str(&key);
            flush(&mut code, &mut text);
            code.extend(quote!(w.json(&self.#id);));
            known_comma = Some(true);
        }
    }
    text.push('}');
    flush(&mut code, &mut text);
    code
}

fn flush(code: &mut TokenStream, text: &mut String) {
    if !text.is_empty() {
        let lit = str_lit(text);
        code.extend(quote!(w.raw(#lit);));
        text.clear();
    }
}

/// The Rust type of a scalar, which needs no generated type.
fn scalar_type(ty: &TypeSpec) -> Option<TokenStream> {
    Some(match &ty.kind {
        TypeKind::String => quote!(::std::string::String),
        TypeKind::Integer(f) => {
            let t = format_ident!("{}", f.rust_type());
            quote!(#t)
        }
        TypeKind::Number => quote!(f64),
        TypeKind::Boolean => quote!(bool),
        TypeKind::Enum(_) | TypeKind::Array(_) | TypeKind::Object(_) => return None,
    })
}

/// Whether values of the type can derive `Eq` and `Hash` (no floats).
fn is_eq(ty: &TypeSpec) -> bool {
    match &ty.kind {
        TypeKind::Number => false,
        TypeKind::Array(item) => is_eq(item),
        TypeKind::Object(fields) => fields.iter().all(|f| is_eq(&f.ty)),
        _ => true,
    }
}

fn string_enum(name: &str, values: &[String], description: Option<&str>) -> TokenStream {
    let ty = type_ident(name);
    let variants: Vec<Ident> = values
        .iter()
        .map(|v| format_ident!("{}", ident::pascal(v)))
        .collect();
    let docs = doc(description.unwrap_or("One of a fixed set of values."));
    let variant_docs = values.iter().map(|v| doc(&format!("`{v}`")));
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
                match text {
                    #(#values => ::core::option::Option::Some(Self::#variants),)*
                    _ => ::core::option::Option::None,
                }
            }
        }

        impl ::core::fmt::Display for #ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::errcat::__private::WireValue for #ty {
            fn write_json(&self, out: &mut ::std::vec::Vec<u8>) {
                ::errcat::__private::write_str(out, self.as_str());
            }
            fn write_text(&self, out: &mut ::std::vec::Vec<u8>) {
                ::errcat::__private::write_escaped(out, self.as_str());
            }
            fn fmt_text(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
            fn header_value(&self) -> ::core::option::Option<::errcat::HeaderValue<'_>> {
                ::core::option::Option::Some(::errcat::HeaderValue::Text(self.as_str()))
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
