// A chain of includes deeper than the limit is one located error, not a
// stack overflow in rustc.
#[errcat::catalog("../../catalog/tests/cases/include_too_deep.yaml")]
pub enum ApiError {}

fn main() {}
