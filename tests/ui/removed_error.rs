// A removed error (`removed:`) is a tombstone: it has no variant, so code
// that still constructs it stops compiling, while its code still decodes.
#[errcat::catalog("catalogs/retired.yaml")]
pub enum ApiError {}

fn main() {
    let _ = ApiError::NotFound;
    let _ = ApiError::GoneForGood;
}
