#[errcat::catalog("catalogs/good.yaml")]
pub enum ApiError {
    RateLimited,
}

fn main() {}
