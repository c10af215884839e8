//! Taking a message apart: which values for its placeholders render it.

use std::borrow::Cow;

/// A piece of a message with the known values filled in.
pub(crate) enum Fixed<'p> {
    Text(Cow<'p, str>),
    Field(u16),
}

/// Matches `text` against `pieces` from left to right: each literal at its
/// first occurrence after the previous one (the last literal at the end of
/// the text), each placeholder taking what lies between. One substring
/// search per literal, so the time is linear in the text for a given
/// template. Placeholders with no literal between them cannot be told
/// apart: the first takes nothing (the loader warns about such messages).
pub(crate) fn capture<'t>(pieces: &[Fixed<'_>], text: &'t str) -> Option<Vec<(u16, &'t str)>> {
    // Adjacent literals act as one; a trailing literal must end the text.
    let mut rest = text;
    let mut out = Vec::new();
    let mut pending: Option<u16> = None;
    let mut i = 0;
    while i < pieces.len() {
        match &pieces[i] {
            Fixed::Field(f) => {
                if let Some(p) = pending.replace(*f) {
                    out.push((p, &rest[..0]));
                }
                i += 1;
            }
            Fixed::Text(_) => {
                let mut literal = String::new();
                while let Some(Fixed::Text(t)) = pieces.get(i) {
                    literal.push_str(t);
                    i += 1;
                }
                let last = i == pieces.len();
                let at = match (pending.take(), last) {
                    (None, _) => rest.strip_prefix(literal.as_str()).map(|_| 0)?,
                    (Some(f), true) => {
                        let start = rest.len().checked_sub(literal.len())?;
                        if !rest.is_char_boundary(start) || !rest[start..].eq(&literal) {
                            return None;
                        }
                        out.push((f, &rest[..start]));
                        start
                    }
                    (Some(f), false) => {
                        let start = rest.find(literal.as_str())?;
                        out.push((f, &rest[..start]));
                        start
                    }
                };
                rest = &rest[at + literal.len()..];
            }
        }
    }
    match pending {
        Some(f) => out.push((f, rest)),
        None if !rest.is_empty() => return None,
        None => {}
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(spec: &[Result<&'static str, u16>]) -> Vec<Fixed<'static>> {
        spec.iter()
            .map(|p| match p {
                Ok(t) => Fixed::Text((*t).into()),
                Err(f) => Fixed::Field(*f),
            })
            .collect()
    }

    #[test]
    fn messages_are_taken_apart_at_their_literals() {
        let p = pieces(&[Ok("Retry in "), Err(0), Ok(" s, "), Err(1), Ok(".")]);
        assert_eq!(
            capture(&p, "Retry in 5 s, soon."),
            Some(vec![(0, "5"), (1, "soon")])
        );
        assert_eq!(
            capture(&p, "Retry in 5 s, ."),
            Some(vec![(0, "5"), (1, "")])
        );
        assert_eq!(
            capture(&p, "Retry in 5 s, soon"),
            None,
            "the last literal ends it"
        );
        assert_eq!(
            capture(&p, "Wait 5 s, soon."),
            None,
            "the first literal starts it"
        );
        let p = pieces(&[Err(0)]);
        assert_eq!(capture(&p, "anything"), Some(vec![(0, "anything")]));
        let p = pieces(&[Ok("fixed")]);
        assert_eq!(capture(&p, "fixed"), Some(vec![]));
        assert_eq!(capture(&p, "fixed!"), None);
        let p = pieces(&[Err(0), Ok("ab"), Err(1)]);
        assert_eq!(capture(&p, "xabyab"), Some(vec![(0, "x"), (1, "yab")]));
        let p = pieces(&[Ok("é"), Err(0), Ok("é")]);
        assert_eq!(capture(&p, "é"), None, "literals cannot overlap");
        assert_eq!(capture(&p, "éxé"), Some(vec![(0, "x")]));
    }
}
