//! Choosing the language of a body from the client's `Accept-Language`.

/// The position in `offered` (the catalogue's own language first, then its
/// translations) of the language to answer `accept` in: a tag (`fr`) or an
/// `Accept-Language` value (`fr-CH, fr;q=0.9, *;q=0.5`).
///
/// Follows RFC 9110's quality values and RFC 4647's lookup: ranges are
/// tried by quality (the client's order breaks ties); each is matched
/// exactly, then with subtags removed from its end (`de-CH-1996`, `de-CH`,
/// `de`), ignoring case; `q=0` makes a language (and its subtags)
/// unacceptable; `*` stands for any offered language no range names. When
/// nothing matches, the catalogue's own language (`0`) is the answer.
///
/// ```
/// let offered = ["en", "fr", "de"];
/// assert_eq!(errcat::negotiate_language(&offered, "fr-CH, de;q=0.5"), 1);
/// assert_eq!(errcat::negotiate_language(&offered, "en;q=0, *"), 1);
/// assert_eq!(errcat::negotiate_language(&offered, "ja"), 0);
/// ```
#[must_use]
pub fn negotiate_language(offered: &[&str], accept: &str) -> usize {
    let ranges = ranges(accept);
    let refused = |tag: &str| ranges.iter().any(|r| r.q == 0 && covers(r.tag, tag));
    let named = |tag: &str| ranges.iter().any(|r| r.tag != "*" && covers(r.tag, tag));
    let mut wanted: Vec<&Range<'_>> = ranges.iter().filter(|r| r.q > 0).collect();
    // Stable: equal qualities keep the client's order.
    wanted.sort_by_key(|r| std::cmp::Reverse(r.q));
    for range in wanted {
        let found = if range.tag == "*" {
            offered.iter().position(|t| !named(t) && !refused(t))
        } else {
            lookup(range.tag, offered, &refused)
        };
        if let Some(i) = found {
            return i;
        }
    }
    0
}

/// One language range of an `Accept-Language` value, with its quality in
/// thousandths.
struct Range<'a> {
    tag: &'a str,
    q: u16,
}

/// The ranges of an `Accept-Language` value; items that are not of its
/// grammar are left out.
fn ranges(accept: &str) -> Vec<Range<'_>> {
    accept
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim();
            let valid = tag == "*"
                || (!tag.is_empty()
                    && tag.split('-').all(|s| {
                        (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric())
                    }));
            if !valid {
                return None;
            }
            let mut q = 1000;
            for param in parts {
                let (name, value) = param.split_once('=')?;
                if name.trim().eq_ignore_ascii_case("q") {
                    q = quality(value.trim())?;
                }
            }
            Some(Range { tag, q })
        })
        .collect()
}

/// An RFC 9110 quality value in thousandths: `0`, `0.5`, `1.000`.
fn quality(text: &str) -> Option<u16> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths: u16 = format!("{fraction:0<3}").parse().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

/// Whether `range` covers `tag`: equal, or a prefix ending at a subtag.
fn covers(range: &str, tag: &str) -> bool {
    tag.len() >= range.len()
        && tag.as_bytes()[..range.len()].eq_ignore_ascii_case(range.as_bytes())
        && matches!(tag.as_bytes().get(range.len()), None | Some(b'-'))
}

/// RFC 4647 lookup of one range: the first offered tag equal to the range,
/// or to the range with subtags removed from its end.
fn lookup(range: &str, offered: &[&str], refused: &dyn Fn(&str) -> bool) -> Option<usize> {
    let mut range = range;
    loop {
        if let Some(i) = offered
            .iter()
            .position(|t| t.eq_ignore_ascii_case(range) && !refused(t))
        {
            return Some(i);
        }
        let cut = range.rfind('-')?;
        range = &range[..cut];
        // A single-letter subtag (an extension's or private use's
        // singleton) goes with the subtag after it.
        if let Some(before) = range.rfind('-')
            && range.len() - before == 2
        {
            range = &range[..before];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::negotiate_language as pick;

    const OFFERED: [&str; 4] = ["en", "fr", "de", "pt-BR"];

    #[test]
    fn ranges_are_tried_by_quality_then_order() {
        assert_eq!(pick(&OFFERED, "fr"), 1);
        assert_eq!(pick(&OFFERED, "DE"), 2);
        assert_eq!(pick(&OFFERED, "de;q=0.5, fr;q=0.8"), 1);
        assert_eq!(pick(&OFFERED, "de, fr"), 2);
        assert_eq!(pick(&OFFERED, "ja, fr;q=0.1"), 1);
        assert_eq!(pick(&OFFERED, ""), 0);
        assert_eq!(pick(&OFFERED, "ja"), 0, "nothing matches: the own language");
    }

    #[test]
    fn lookup_removes_subtags_from_the_end() {
        assert_eq!(pick(&OFFERED, "fr-CH"), 1);
        assert_eq!(pick(&OFFERED, "de-CH-1996"), 2);
        assert_eq!(pick(&OFFERED, "de-x-private"), 2);
        assert_eq!(pick(&OFFERED, "pt-br"), 3);
        assert_eq!(
            pick(&OFFERED, "pt"),
            0,
            "a range never widens to a longer tag"
        );
    }

    #[test]
    fn zero_quality_refuses_and_star_means_the_others() {
        assert_eq!(pick(&OFFERED, "en;q=0, *"), 1);
        assert_eq!(pick(&OFFERED, "en;q=0, fr;q=0, *"), 2);
        assert_eq!(pick(&OFFERED, "fr;q=0"), 0);
        assert_eq!(
            pick(&OFFERED, "fr;q=0, fr-CH"),
            0,
            "fr-CH falls back to fr, refused"
        );
        assert_eq!(pick(&OFFERED, "de, *;q=0.1"), 2);
        assert_eq!(pick(&OFFERED, "en;q=0, de;q=0.2, *;q=0.5"), 1);
    }

    #[test]
    fn items_outside_the_grammar_are_ignored() {
        assert_eq!(pick(&OFFERED, "fr;q=2, de"), 2);
        assert_eq!(pick(&OFFERED, "fr;q=0.5555, de;q=0.1"), 2);
        assert_eq!(pick(&OFFERED, "../../etc, de"), 2);
        assert_eq!(pick(&OFFERED, "fr;q=1.0"), 1);
        assert_eq!(pick(&OFFERED, ";;;,,, de"), 2);
    }
}
