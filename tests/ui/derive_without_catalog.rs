#[derive(Debug, errcat::Error)]
pub enum ApiError {
    NotFound,
}

fn main() {}
