#[errcat::catalog("catalogs/syntax_error.yaml")]
pub enum ApiError {}

fn main() {}
