//! A body written in another language decodes to the same value as the
//! body in the catalogue's own language: every example of a catalogue with
//! translations, in every language, headers included.

#[errcat::catalog("catalog/catalogs/reference-service.yaml", examples)]
#[derive(Clone, PartialEq)]
pub enum ApiError {}

#[test]
fn every_translated_example_decodes_to_the_same_value() {
    let mut checked = 0;
    for example in ApiError::examples() {
        let error = &example.error;
        let headers: Vec<(String, String)> = error
            .headers_with(&example.context)
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect();
        for language in ["en", "fr", "de"] {
            let ctx = errcat::RequestContext {
                locale: Some(language),
                ..example.context
            };
            let body = error.to_json_with(&ctx);
            let pairs: Vec<(&str, &str)> = headers
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect();
            let decoded = ApiError::from_response_with_headers(error.status(), &pairs, &body)
                .unwrap_or_else(|e| {
                    panic!("{language}: {e:?}: {}", String::from_utf8_lossy(&body))
                });
            assert_eq!(
                &decoded,
                error,
                "{language}: {}",
                String::from_utf8_lossy(&body)
            );
            checked += 1;
        }
    }
    assert!(checked >= 36, "{checked} bodies");
}
