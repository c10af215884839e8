//! Generates the clients with progenitor, from the 3.0.3 documents that
//! scripts/check-clients.sh wrote to `target/clients/`: `reference.rs`
//! from the reference service's, `catalogues.rs` (a module per catalogue)
//! from each of `catalogues/*.json`.

use std::path::{Path, PathBuf};

fn generate(spec: &Path) -> String {
    println!("cargo:rerun-if-changed={}", spec.display());
    let text = std::fs::read_to_string(spec)
        .unwrap_or_else(|e| panic!("{}: {e}; run scripts/check-clients.sh", spec.display()));
    let spec: openapiv3::OpenAPI = serde_json::from_str(&text).expect("an OpenAPI 3.0 document");
    let mut settings = progenitor::GenerationSettings::new();
    settings.with_interface(progenitor::InterfaceStyle::Builder);
    let tokens = progenitor::Generator::new(&settings)
        .generate_tokens(&spec)
        .unwrap_or_else(|e| panic!("progenitor cannot generate a client: {e}"));
    tokens.to_string()
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../target/clients");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap());
    std::fs::write(out.join("reference.rs"), generate(&root.join("reference-3.0.json"))).unwrap();
    let dir = root.join("catalogues");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| Some(e.ok()?.path())).collect())
        .unwrap_or_default();
    specs.sort();
    let mut modules = String::new();
    for spec in &specs {
        let name = spec.file_stem().unwrap().to_string_lossy().replace('-', "_");
        modules.push_str(&format!("pub mod {name} {{ {} }}\n", generate(spec)));
    }
    std::fs::write(out.join("catalogues.rs"), modules).unwrap();
}
