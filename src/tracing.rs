//! `tracing` integration (feature `tracing`): one line records an error
//! with its code, status, category and details as structured fields.
//!
//! ```ignore
//! use errcat::CatalogError;
//! if let Err(e) = &result {
//!     e.trace(); // or errcat::tracing::event(e)
//! }
//! ```

use crate::CatalogError;

/// Records `error` as an event: the fields `error.code`, `error.status`
/// (absent for an error without one), `error.category` (the category's
/// key) and `error.details` (JSON text, absent without details), and the
/// error's message. A 5xx, or an error without a status, is logged at
/// `ERROR`; anything else at `WARN`, since it is the client's to fix.
pub fn event<E: CatalogError>(error: &E) {
    let details = error.details().map(|d| d.to_string());
    let status = error.status();
    let category = error.entry().category;
    if status.is_some_and(|s| s < 500) {
        tracing::warn!(
            error.code = error.code(),
            error.status = status,
            error.category = category,
            error.details = details.as_deref(),
            "{error}"
        );
    } else {
        tracing::error!(
            error.code = error.code(),
            error.status = status,
            error.category = category,
            error.details = details.as_deref(),
            "{error}"
        );
    }
}
