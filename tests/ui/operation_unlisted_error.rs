#[errcat::catalog("catalogs/good.yaml", operation(LookupError = [NotFound]))]
pub enum ShopError {}

// The operation lists only `NotFound`: returning the rate limit is a
// compile error, not an undocumented response.
fn lookup(limited: bool) -> Result<(), LookupError> {
    if limited {
        return Err(LookupError::RateLimited {
            retry_after: 3,
            window: shop_error::RateLimitedWindow::Second,
        });
    }
    Err(LookupError::NotFound)
}

// Nor does the whole catalogue's type convert into the operation's.
fn lookup_through_parent() -> Result<(), LookupError> {
    Err(ShopError::NotFound)?
}

fn main() {
    let _ = lookup(true);
    let _ = lookup_through_parent();
}
