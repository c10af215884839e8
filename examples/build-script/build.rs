//! Writes `OUT_DIR/errors.rs` from `errors.yaml` (the README's example).

// build.rs
fn main() {
    errcat_build::Builder::new("errors.yaml")
        .enum_name("ApiError")
        .attribute("#[derive(Clone, PartialEq)]")
        .compile()
        .unwrap_or_else(|e| panic!("{e}"));
}
