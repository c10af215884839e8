//! errcat-build writes exactly the macro's expansion: for every catalogue
//! of the repository, the generated file, parsed back, is the same token
//! stream as `#[errcat::catalog(...)]` expands to with the same options.

mod support;

use quote::quote;

/// The macro's expansion, pretty-printed like errcat-build's output.
fn macro_expansion(path: &str) -> String {
    let site = errcat_expand::CallSite {
        manifest_dir: support::repo_root(),
        caller_file: None,
    };
    let tokens = errcat_expand::catalog_attribute(
        quote!(#path, examples, unknown = NotInCatalogue),
        quote!(
            #[derive(Clone, PartialEq)]
            pub enum Error {}
        ),
        &site,
    );
    prettyplease::unparse(&syn::parse2(tokens).unwrap())
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
        // The same code, but for the clippy allowance on each top-level
        // item (see `source_text`).
        let allowance = "#[allow(clippy::all, clippy::pedantic)]";
        assert!(body.starts_with(allowance), "{path}");
        let without: String = body
            .lines()
            .filter(|l| *l != allowance)
            .map(|l| format!("{l}\n"))
            .collect();
        assert!(
            without == macro_expansion(&path),
            "{path}: errcat-build and the macro differ"
        );
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
