#[derive(Debug, errcat::Error)]
#[errcat(catalog = "catalogs/good.yaml")]
pub enum ApiError {
    RateLimitd { retry_after: u32, window: api_error::RateLimitedWindow },
    #[errcat(entry = "gone")]
    Gone,
}

fn main() {}
