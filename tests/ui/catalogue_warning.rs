// The catalogue's warnings reach `cargo build`, at the attribute: here
// denied, so the build fails and shows them.
#![deny(deprecated)]

#[errcat::catalog("catalogs/warns.yaml")]
pub enum ApiError {}

fn main() {}
