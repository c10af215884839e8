#[derive(Debug, errcat::Error)]
#[errcat(catalog = "catalogs/good.yaml")]
pub enum ApiError {
    NotFound { id: u64 },
}

fn main() {}
