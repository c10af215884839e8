//! Every example's body, rendered once and shared.
//!
//! The pages and both serialisations of the OpenAPI document show the same
//! example bodies, and they are built on three threads. Each entry's
//! bodies are rendered by the catalogue's reference renderer
//! ([`render::body_value`]) the first time any thread asks for them, and
//! kept for the others: rendering an envelope is most of the cost of an
//! example, and it was paid five times per example.

use errcat_catalog::Catalog;
use errcat_catalog::model::Entry;
use errcat_catalog::render;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

/// The example bodies of a catalogue's entries, rendered on first use.
pub struct ExampleBodies<'a> {
    catalog: &'a Catalog,
    /// Each entry's position in the catalogue, by key.
    positions: HashMap<&'a str, usize>,
    /// The bodies of each entry's examples, in the catalogue's order.
    bodies: Vec<OnceLock<Vec<Value>>>,
}

impl<'a> ExampleBodies<'a> {
    /// Nothing is rendered until asked for.
    #[must_use]
    pub fn new(catalog: &'a Catalog) -> Self {
        ExampleBodies {
            catalog,
            positions: catalog
                .entries
                .iter()
                .enumerate()
                .map(|(i, e)| (e.key.as_str(), i))
                .collect(),
            bodies: catalog.entries.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// The body of `entry`'s example number `example`, as
    /// [`render::body_value`] renders it. An entry that is not one of the
    /// catalogue's own is rendered afresh.
    ///
    /// # Panics
    /// When `entry` has no example number `example`.
    #[must_use]
    pub fn get(&self, entry: &Entry, example: usize) -> Cow<'_, Value> {
        let own = self
            .positions
            .get(entry.key.as_str())
            .map(|&i| (i, &self.catalog.entries[i]))
            .filter(|(_, e)| std::ptr::eq(*e, entry));
        match own {
            Some((i, e)) => Cow::Borrowed(
                &self.bodies[i].get_or_init(|| {
                    e.examples
                        .iter()
                        .map(|x| render::body_value(self.catalog, e, x))
                        .collect()
                })[example],
            ),
            None => Cow::Owned(render::body_value(
                self.catalog,
                entry,
                &entry.examples[example],
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::ExampleBodies;
    use errcat_catalog::render;

    fn catalog() -> errcat_catalog::Catalog {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../catalog/catalogs/payments.yaml");
        errcat_catalog::load(&path)
            .expect("the payments catalogue loads")
            .catalog
    }

    #[test]
    fn every_body_is_the_reference_renderers() {
        let catalog = catalog();
        let bodies = ExampleBodies::new(&catalog);
        let mut seen = 0;
        for e in &catalog.entries {
            for (i, x) in e.examples.iter().enumerate() {
                assert_eq!(
                    *bodies.get(e, i),
                    render::body_value(&catalog, e, x),
                    "{}",
                    e.key
                );
                seen += 1;
            }
        }
        assert!(seen > 5, "only {seen} examples");
    }

    #[test]
    fn a_body_is_rendered_once_and_shared() {
        let catalog = catalog();
        let bodies = ExampleBodies::new(&catalog);
        let e = &catalog.entries[0];
        let first = bodies.get(e, 0);
        let again = bodies.get(e, 0);
        assert!(std::ptr::eq(&*first, &*again));
        // A copy of an entry is not the catalogue's own: rendered afresh.
        let copy = e.clone();
        assert!(matches!(bodies.get(&copy, 0), std::borrow::Cow::Owned(_)));
        assert_eq!(*bodies.get(&copy, 0), *first);
    }
}
