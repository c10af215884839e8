#[errcat::catalog("catalogs/good.yaml", modul = "x")]
pub enum ApiError {}

fn main() {}
