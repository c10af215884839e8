#[derive(Debug, errcat::Error)]
#[errcat(catalog = "catalogs/bad_placeholder.yaml")]
pub enum ApiError {
    RateLimited { retry_after: i64 },
}

fn main() {}
