#[errcat::catalog("catalogs/good.yaml", operation(LookupError = [NotFound, RateLimitd]))]
pub enum ShopError {}

fn main() {}

#[errcat::catalog("catalogs/good.yaml", module = "other", operation(OtherLookup = [Missing]))]
pub enum OtherError {}
