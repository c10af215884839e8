#[derive(Debug, errcat::Error)]
#[errcat(catalog = "catalogs/good.yaml")]
pub enum ApiError {
    NotFound(u64),
}

fn main() {}
