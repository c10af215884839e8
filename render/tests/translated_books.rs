//! A catalogue with `translations:` gets a book per locale, in a subfolder
//! named by its tag, with that language's messages, linked both ways.

use errcat_render::catalog_outputs::{Formats, catalog_files};
use errcat_render::{markdown, output::Outputs};
use std::path::{Path, PathBuf};

/// Every file of `loaded`'s reference and OpenAPI, in `docs/<prefix>`.
fn files_of(loaded: &errcat_catalog::Loaded, prefix: &str) -> Outputs {
    let env = markdown::environment(None).unwrap();
    let mut out = Outputs::default();
    catalog_files(
        &mut out,
        Path::new("docs"),
        Path::new(prefix),
        &loaded.catalog,
        "errors.yaml",
        "test",
        Formats::default(),
        &env,
    )
    .unwrap();
    out
}

fn reference_service() -> Outputs {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let loaded =
        errcat_catalog::load_with_base(&root.join("catalog/catalogs/reference-service.yaml"), root)
            .unwrap();
    files_of(&loaded, "reference-service")
}

fn text(out: &Outputs, path: &str) -> String {
    String::from_utf8(
        out.files
            .get(&PathBuf::from(path))
            .unwrap_or_else(|| panic!("no {path} among {:?}", out.files.keys()))
            .clone(),
    )
    .unwrap()
}

#[test]
fn each_locale_has_a_book_with_its_messages() {
    let out = reference_service();
    // The catalogue has enough errors for a page per category.
    let english = text(&out, "reference-service/errors/unauthorized.md");
    let french = text(&out, "reference-service/fr/errors/unauthorized.md");
    let german = text(&out, "reference-service/de/README.md");
    let french_overview = text(&out, "reference-service/fr/README.md");
    // The message of `invalid_api_key`, and its example body, per language.
    assert!(
        english.contains("\"message\": \"The provided API key is invalid"),
        "{english}"
    );
    assert!(french.contains("\"message\": \"La clé d'API fournie est invalide"));
    assert!(!french.contains("\"message\": \"The provided API key is invalid"));
    assert!(german.contains("# Interview platform API errors (de)"));
    // The prose stays as written.
    assert!(french_overview.contains("## Error format"));
}

#[test]
fn the_books_link_to_each_other_and_build_inside_one_site() {
    let out = reference_service();
    let english = text(&out, "reference-service/README.md");
    assert!(
        english.contains("Languages: **en** · [fr](fr/) · [de](de/)."),
        "{english}"
    );
    let french = text(&out, "reference-service/fr/README.md");
    assert!(
        french.contains("Languages: [en](../) · **fr** · [de](../de/)."),
        "{french}"
    );
    let book = text(&out, "reference-service/fr/book.toml");
    assert!(
        book.contains("build-dir = \"../../../target/book/reference-service/fr\""),
        "{book}"
    );
    assert!(
        book.contains("language = \"en\""),
        "the prose is English: {book}"
    );
    // The OpenAPI is written once, in the catalogue's language.
    assert!(
        out.files
            .contains_key(&PathBuf::from("reference-service/openapi.yaml"))
    );
    assert!(
        !out.files
            .keys()
            .any(|p| p.starts_with("reference-service/fr/openapi.yaml"))
    );
}

#[test]
fn a_catalogue_without_translations_has_one_book_and_no_language_line() {
    let loaded = errcat_catalog::load_str(
        "shop.yaml",
        "name: shop\ntitle: Shop\nenvelope: nested\nerrors:\n  not_found:\n    status: 404\n    message: Not found.\n    fixes: [Look again.]\n",
    )
    .unwrap();
    let out = files_of(&loaded, "");
    let overview = text(&out, "README.md");
    assert!(!overview.contains("Languages:"), "{overview}");
    // One overview and one book.toml: no book in a subfolder.
    let named = |name: &str| out.files.keys().filter(|p| p.ends_with(name)).count();
    assert_eq!(named("README.md"), 1, "{:?}", out.files.keys());
    assert_eq!(named("book.toml"), 1, "{:?}", out.files.keys());
}
