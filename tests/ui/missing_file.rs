#[errcat::catalog("catalogs/does_not_exist.yaml")]
pub enum ApiError {}

fn main() {}
