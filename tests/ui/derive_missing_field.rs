#[derive(Debug, errcat::Error)]
#[errcat(catalog = "catalogs/good.yaml")]
pub enum ApiError {
    RateLimited { retry_after: u32 },
}

fn main() {}
