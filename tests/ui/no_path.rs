#[errcat::catalog]
pub enum ApiError {}

fn main() {}
