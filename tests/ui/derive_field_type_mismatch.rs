#[derive(Debug, errcat::Error)]
#[errcat(catalog = "catalogs/good.yaml")]
pub enum ApiError {
    RateLimited { retry_after: String, window: api_error::RateLimitedWindow },
}

fn main() {}
