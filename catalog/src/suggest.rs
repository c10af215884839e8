//! "Did you mean ...?" suggestions.

/// The candidate closest to `word`, if one is close enough to be a likely
/// typo. Comparison ignores case, `-` and `_`.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let norm = |s: &str| s.to_ascii_lowercase().replace(['-', '_'], "");
    let target = norm(word);
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        let score = if norm(candidate) == target {
            1.0
        } else {
            strsim::jaro_winkler(&target, &norm(candidate))
        };
        if score >= 0.82 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn suggests_close_words_only() {
        let keys = ["category", "code", "causes", "status"];
        assert_eq!(did_you_mean("categroy", keys), Some("category"));
        assert_eq!(did_you_mean("Status", keys), Some("status"));
        assert_eq!(did_you_mean("frobnicate", keys), None);
    }
}
