#[errcat::catalog("catalogs/bad_placeholder.yaml")]
pub enum ApiError {}

fn main() {}
