#[errcat::catalog("catalogs/unknown_category.yaml")]
pub enum ApiError {}

fn main() {}
