//! errcat-build writes exactly the macro's expansion: for every catalogue
//! of the repository, the generated file, lexed back, is the same token
//! stream as `#[errcat::catalog(...)]` expands to with the same options,
//! but for the clippy allowance on each top-level item.

mod support;

use quote::quote;

/// Rust source, normalised: parsed and printed by prettyplease, so that
/// formatting (rustfmt's trailing commas, `///` for `#[doc]`) does not
/// count, with the clippy allowance errcat-build puts on each top-level
/// item taken out.
fn normalised(tokens: proc_macro2::TokenStream) -> String {
    let mut file: syn::File = syn::parse2(tokens).expect("the code parses");
    // The macro's `include_bytes!` that makes cargo track the catalogue:
    // a build script says `rerun-if-changed` instead.
    file.items
        .retain(|item| !quote!(#item).to_string().contains("include_bytes"));
    for item in &mut file.items {
        let attrs = match item {
            syn::Item::Const(i) => &mut i.attrs,
            syn::Item::Enum(i) => &mut i.attrs,
            syn::Item::Mod(i) => &mut i.attrs,
            _ => continue,
        };
        attrs.retain(|a| {
            quote!(#a).to_string() != quote!(#[allow(clippy::all, clippy::pedantic)]).to_string()
        });
    }
    prettyplease::unparse(&file)
}

/// The macro's expansion, normalised.
fn macro_expansion(path: &str) -> String {
    let site = errcat_expand::CallSite {
        manifest_dir: support::repo_root(),
        caller_file: None,
    };
    normalised(errcat_expand::catalog_attribute(
        quote!(#path, examples, unknown = NotInCatalogue),
        quote!(
            #[derive(Clone, PartialEq)]
            pub enum Error {}
        ),
        &site,
    ))
}

#[test]
fn build_output_is_the_macro_expansion_for_every_catalogue() {
    for (_, path) in support::catalogues() {
        let generated = errcat_build::Builder::new(&path)
            .enum_name("Error")
            .attribute("#[derive(Clone, PartialEq)]")
            .examples()
            .unknown("NotInCatalogue")
            .generate_in(&support::repo_root())
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        let (header, body) = generated.source.split_once("\n\n").unwrap();
        assert!(header.contains(&format!("from `{path}`")), "{header}");
        assert!(
            body.starts_with("#[allow(clippy::all, clippy::pedantic)]"),
            "{path}: the allowance comes first, and rustfmt formatted the file"
        );
        assert!(
            body.lines().count() > 100,
            "{path}: rustfmt formatted the file over many lines"
        );
        let built = normalised(body.parse().expect("the file lexes"));
        let expanded = macro_expansion(&path);
        if built != expanded {
            let line = built
                .lines()
                .zip(expanded.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| built.lines().count().min(expanded.lines().count()));
            panic!(
                "{path}: errcat-build and the macro differ at line {line}:\n  built:    {:?}\n  expanded: {:?}",
                built.lines().nth(line),
                expanded.lines().nth(line)
            );
        }
        assert!(!body.contains("compile_error"), "{path}");
        assert!(
            generated.files.iter().any(|f| f.ends_with(&path)),
            "{path}: rerun-if-changed names the catalogue: {:?}",
            generated.files
        );
    }
}

#[test]
fn a_bad_catalogue_is_an_error_with_its_diagnostics() {
    let dir = std::env::temp_dir().join(format!("errcat-build-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("errors.yaml"),
        "name: x\ntitle: X\nenvelope: flat\nerrors:\n  a:\n    status: 4040\n    message: A.\n",
    )
    .unwrap();
    let error = errcat_build::Builder::new("errors.yaml")
        .generate_in(&dir)
        .unwrap_err()
        .to_string();
    assert!(error.contains("errors.yaml:6:"), "{error}");
    assert!(error.contains("4040"), "{error}");
    let error = errcat_build::Builder::new("errors.yaml")
        .enum_name("not an ident")
        .generate_in(&dir)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("`enum_name` must be a Rust identifier"),
        "{error}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
