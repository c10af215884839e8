//! The files errcat generates from a catalogue: the Markdown reference
//! (an mdBook site) and the OpenAPI documents, and the set of files that is
//! written atomically or compared with what is on disk.
//!
//! The `errcat` command line and `errcat-build` (with its `docs` feature)
//! both render through this crate, so a catalogue's pages are the same
//! whichever of them writes them. [`catalog_outputs::catalog_files`] is the
//! entry point; the other modules are its parts.

#[cfg(feature = "files")]
pub mod catalog_outputs;
#[cfg(feature = "files")]
pub mod markdown;
pub mod md_escape;
pub mod openapi_document;
#[cfg(feature = "files")]
pub mod openapi_files;
#[cfg(feature = "files")]
pub mod output;
#[cfg(feature = "files")]
pub mod page_context;

// The README's example compiles (it is not run: it reads `errors.yaml`).
#[cfg(all(doctest, feature = "files"))]
#[doc = include_str!("../README.md")]
struct ReadmeExample;
