//! The expansion of `tests/expand/shop.yaml`, pretty-printed, is the
//! committed `tests/expand/shop.expanded.rs`, so that every change to the
//! generated code shows up in review. After an intended change, run
//! `ERRCAT_BLESS=1 cargo test -p errcat-expand --test golden` to rewrite
//! the file, and read the diff.

use std::path::Path;

fn expansion(dir: &Path, args: proc_macro2::TokenStream, item: proc_macro2::TokenStream) -> String {
    let site = errcat_expand::CallSite {
        manifest_dir: dir.to_path_buf(),
        caller_file: None,
    };
    let tokens = errcat_expand::catalog_attribute(args, item, &site);
    let file: syn::File = syn::parse2(tokens).expect("the expansion parses as a file");
    prettyplease::unparse(&file)
}

#[test]
fn expansion_matches_the_golden_file() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expand");
    let text = format!(
        "// The expansion of `#[errcat::catalog(\"shop.yaml\")]`, checked by\n\
         // `expand/tests/golden.rs`. Do not edit; rewrite it with\n\
         // `ERRCAT_BLESS=1 cargo test -p errcat-expand --test golden`.\n\n{}",
        expansion(
            &dir,
            quote::quote!("shop.yaml"),
            quote::quote!(
                /// The errors of the shop API.
                #[derive(Clone, PartialEq)]
                pub enum ShopError {}
            ),
        )
    );
    let golden = dir.join("shop.expanded.rs");
    if std::env::var_os("ERRCAT_BLESS").is_some() {
        std::fs::write(&golden, &text).expect("the golden file is writable");
        return;
    }
    let expected = std::fs::read_to_string(&golden).unwrap_or_default();
    if expected != text {
        let line = expected
            .lines()
            .zip(text.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(text.lines().count()));
        panic!(
            "the expansion differs from {} from line {}:\n  expected: {:?}\n  expanded: {:?}\n\
             run `ERRCAT_BLESS=1 cargo test -p errcat-expand --test golden` and review the diff",
            golden.display(),
            line + 1,
            expected.lines().nth(line),
            text.lines().nth(line)
        );
    }
}

/// The benchmark catalogue expands without errors. The same test is the
/// way to run the expansion under a profiler: set
/// `ERRCAT_PROFILE_CATALOGUE` (relative to `bench/generated`, for example
/// `n300/errors.yaml` once generated) and, to keep the output,
/// `ERRCAT_PROFILE_DUMP`, then
/// `cargo test -p errcat-expand --test golden bench_catalogue -- --nocapture`.
#[test]
fn bench_catalogue_expands() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../bench/generated");
    let file =
        std::env::var("ERRCAT_PROFILE_CATALOGUE").unwrap_or_else(|_| "n50/errors.yaml".into());
    let started = std::time::Instant::now();
    let text = expansion(
        &root,
        quote::quote!(#file),
        quote::quote!(
            pub enum ApiError {}
        ),
    );
    eprintln!(
        "expanded {file}: {} bytes in {:?}",
        text.len(),
        started.elapsed()
    );
    if let Some(dump) = std::env::var_os("ERRCAT_PROFILE_DUMP") {
        std::fs::write(dump, &text).expect("the dump file is writable");
    }
    assert!(!text.contains("compile_error"), "{text}");
    assert!(text.contains("pub enum ApiError"), "the enum");
    assert!(text.contains("static TABLE"), "the decoding table");
}

#[test]
fn arguments_are_checked() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expand");
    let site = errcat_expand::CallSite {
        manifest_dir: dir,
        caller_file: None,
    };
    let item = quote::quote!(
        pub enum E {}
    );
    let out = errcat_expand::catalog_attribute(
        quote::quote!("shop.yaml", modul = "x"),
        item.clone(),
        &site,
    )
    .to_string();
    assert!(out.contains("unknown argument `modul`"), "{out}");
    let out = errcat_expand::catalog_attribute(quote::quote!(), item, &site).to_string();
    assert!(out.contains("expected the catalogue path"), "{out}");
}
