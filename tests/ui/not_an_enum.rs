#[errcat::catalog("catalogs/good.yaml")]
pub struct ApiError;

fn main() {}
