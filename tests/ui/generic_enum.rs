#[errcat::catalog("catalogs/good.yaml")]
pub enum ApiError<T> {}

fn main() {}
