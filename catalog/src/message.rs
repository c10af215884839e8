//! Message templates: text with `{field}` placeholders.
//!
//! `{{` and `}}` stand for literal braces. A placeholder names a details
//! field; its value is shown with [`Json::text`].

use crate::json_value::Json;
use crate::source_map::Span;

/// One part of a message template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// Text shown as is (braces already unescaped).
    Literal(String),
    /// A placeholder.
    Field {
        /// The details field it names.
        name: String,
        /// Byte offset of the `{` in the template text.
        offset: usize,
    },
}

/// A parsed message template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MessageTemplate {
    /// The template as written.
    pub text: String,
    /// The parts, in order. Adjacent literals are merged.
    pub pieces: Vec<Piece>,
    /// Where the template is written.
    pub span: Span,
}

/// A syntax error in a template: byte offset and explanation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// Byte offset of the offending brace.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

impl MessageTemplate {
    /// Parses a template.
    ///
    /// # Errors
    /// Every unbalanced brace or empty placeholder.
    pub fn parse(text: &str, span: Span) -> Result<Self, Vec<SyntaxError>> {
        let mut pieces = Vec::new();
        let mut errors = Vec::new();
        let mut literal = String::new();
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < text.len() {
            let c = bytes[i];
            if c == b'{' && bytes.get(i + 1) == Some(&b'{') {
                literal.push('{');
                i += 2;
            } else if c == b'}' && bytes.get(i + 1) == Some(&b'}') {
                literal.push('}');
                i += 2;
            } else if c == b'{' {
                let Some(close) = next_brace(bytes, i + 1).filter(|&j| bytes[j] == b'}') else {
                    errors.push(SyntaxError {
                        offset: i,
                        message: "unclosed `{`; write `{{` for a literal brace".into(),
                    });
                    literal.push('{');
                    i += 1;
                    continue;
                };
                let name = &text[i + 1..close];
                if name.is_empty()
                    || !name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
                {
                    errors.push(SyntaxError {
                        offset: i,
                        message: format!("`{{{name}}}` is not a placeholder; placeholders name a details field, and `{{{{` writes a literal brace"),
                    });
                } else {
                    if !literal.is_empty() {
                        pieces.push(Piece::Literal(std::mem::take(&mut literal)));
                    }
                    pieces.push(Piece::Field {
                        name: name.to_owned(),
                        offset: i,
                    });
                }
                i = close + 1;
            } else if c == b'}' {
                errors.push(SyntaxError {
                    offset: i,
                    message: "unmatched `}`; write `}}` for a literal brace".into(),
                });
                literal.push('}');
                i += 1;
            } else {
                let next = next_brace(bytes, i).unwrap_or(text.len());
                literal.push_str(&text[i..next]);
                i = next;
            }
        }
        if !literal.is_empty() {
            pieces.push(Piece::Literal(literal));
        }
        if errors.is_empty() {
            Ok(MessageTemplate {
                text: text.to_owned(),
                pieces,
                span,
            })
        } else {
            Err(errors)
        }
    }

    /// The names of the placeholders, in order.
    pub fn placeholders(&self) -> impl Iterator<Item = &str> {
        self.pieces.iter().filter_map(|p| match p {
            Piece::Field { name, .. } => Some(name.as_str()),
            Piece::Literal(_) => None,
        })
    }

    /// Whether the template has no placeholders.
    #[must_use]
    pub fn is_static(&self) -> bool {
        self.placeholders().next().is_none()
    }

    /// The text of a template without placeholders (braces unescaped).
    #[must_use]
    pub fn static_text(&self) -> Option<String> {
        self.is_static().then(|| self.render(&[]))
    }

    /// Renders the template with values taken from a details object's
    /// members. Missing values render as nothing.
    #[must_use]
    pub fn render(&self, values: &[(String, Json)]) -> String {
        // Sized for the literal text and a short value per field, so that
        // most messages are written without growing the string.
        let mut out = String::with_capacity(self.len_with(|_| 16));
        for piece in &self.pieces {
            match piece {
                Piece::Literal(text) => out.push_str(text),
                Piece::Field { name, .. } => {
                    if let Some((_, v)) = values.iter().find(|(k, _)| k == name) {
                        out.push_str(&v.text());
                    }
                }
            }
        }
        out
    }

    /// The inverse of [`render`](Self::render): values for the
    /// placeholders such that rendering gives `text`, found the way the
    /// runtime's decoder finds them (its `message_match` module): each
    /// literal at its first occurrence after the previous one, the last
    /// literal at the end of the text, each placeholder taking what lies
    /// between. One substring search per literal, never backtracking; a
    /// value that holds the literal after it is cut there (the loader warns
    /// where that can happen, W0008).
    #[must_use]
    pub fn capture(&self, text: &str) -> Option<Vec<(String, String)>> {
        let mut out = Vec::new();
        let mut rest = text;
        let mut pending: Option<&str> = None;
        for (i, piece) in self.pieces.iter().enumerate() {
            match piece {
                Piece::Field { name, .. } => {
                    if let Some(p) = pending.replace(name) {
                        out.push((p.to_owned(), String::new()));
                    }
                }
                Piece::Literal(lit) => {
                    let last = i + 1 == self.pieces.len();
                    let at = match (pending.take(), last) {
                        (None, _) => rest.strip_prefix(lit.as_str()).map(|_| 0)?,
                        (Some(name), true) => {
                            let start = rest.len().checked_sub(lit.len())?;
                            if !rest.is_char_boundary(start) || rest[start..] != **lit {
                                return None;
                            }
                            out.push((name.to_owned(), rest[..start].to_owned()));
                            start
                        }
                        (Some(name), false) => {
                            let start = rest.find(lit.as_str())?;
                            out.push((name.to_owned(), rest[..start].to_owned()));
                            start
                        }
                    };
                    rest = &rest[at + lit.len()..];
                }
            }
        }
        match pending {
            Some(name) => out.push((name.to_owned(), rest.to_owned())),
            None if !rest.is_empty() => return None,
            None => {}
        }
        Some(out)
    }

    /// The length of the literal text plus `field(name)` for each field.
    fn len_with(&self, field: impl Fn(&str) -> usize) -> usize {
        self.pieces
            .iter()
            .map(|p| match p {
                Piece::Literal(text) => text.len(),
                Piece::Field { name, .. } => field(name),
            })
            .sum()
    }

    /// A human-readable form with placeholders kept, such as
    /// `Retry in {retry_after} seconds.`
    #[must_use]
    pub fn display_form(&self) -> String {
        let mut out = String::with_capacity(self.len_with(|name| name.len() + 2));
        for piece in &self.pieces {
            match piece {
                Piece::Literal(text) => out.push_str(text),
                Piece::Field { name, .. } => {
                    out.push('{');
                    out.push_str(name);
                    out.push('}');
                }
            }
        }
        out
    }
}

/// The index of the first `{` or `}` at or after `from`. A byte loop rather
/// than `str::find` with a pattern: the macro runs this unoptimised in most
/// builds, where the generic searcher costs several times more.
fn next_brace(bytes: &[u8], from: usize) -> Option<usize> {
    bytes[from..]
        .iter()
        .position(|&b| b == b'{' || b == b'}')
        .map(|j| from + j)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source_map::FileId;

    fn t(text: &str) -> MessageTemplate {
        MessageTemplate::parse(text, Span::file_start(FileId(0))).unwrap()
    }

    #[test]
    fn parses_placeholders_and_escapes() {
        let m = t("Wait {retry_after}s {{not}} {a}");
        assert_eq!(m.placeholders().collect::<Vec<_>>(), ["retry_after", "a"]);
        let values = [
            ("retry_after".to_owned(), Json::Int(30)),
            ("a".to_owned(), Json::Str("x".into())),
        ];
        assert_eq!(m.render(&values), "Wait 30s {not} x");
        assert_eq!(m.display_form(), "Wait {retry_after}s {not} {a}");
    }

    #[test]
    fn reports_unbalanced_braces() {
        let errs = MessageTemplate::parse("a { b } c }", Span::file_start(FileId(0))).unwrap_err();
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[0].offset, 2);
        assert_eq!(errs[1].offset, 10);
        let errs = MessageTemplate::parse("open {x", Span::file_start(FileId(0))).unwrap_err();
        assert_eq!(errs[0].offset, 5);
    }

    #[test]
    fn capture_inverts_render() {
        let m = t("Session with ID '{id}' does not exist");
        assert_eq!(
            m.capture("Session with ID '123' does not exist"),
            Some(vec![("id".into(), "123".into())])
        );
        assert_eq!(
            m.capture("Session with ID 'a' b' does not exist"),
            Some(vec![("id".into(), "a' b".into())]),
            "the last literal ends the text"
        );
        assert_eq!(m.capture("something else"), None);
        let m = t("{a} and {b}");
        assert_eq!(
            m.capture("x and y and z"),
            Some(vec![
                ("a".into(), "x".into()),
                ("b".into(), "y and z".into())
            ])
        );
        // Adjacent placeholders: the first takes nothing.
        let m = t("<{a}{b}>");
        assert_eq!(
            m.capture("<xy>"),
            Some(vec![("a".into(), String::new()), ("b".into(), "xy".into())])
        );
        assert_eq!(t("ab").capture("ab"), Some(vec![]));
        assert_eq!(t("ab").capture("abc"), None);
    }

    #[test]
    fn capture_is_linear_on_hostile_text() {
        // With backtracking, each placeholder would try every occurrence
        // of the literal after it: some 10^12 steps here.
        let m = t("{a}, {b}, {c}, {d}!");
        let text = ", ".repeat(200_000);
        assert_eq!(m.capture(&text), None);
        let found = m.capture(&format!("{text}!")).expect("matches");
        assert_eq!(found[0].1, "");
        assert_eq!(found[3].1.len(), text.len() - 6);
    }

    #[test]
    fn floats_display_like_rust() {
        assert_eq!(Json::Float(1.5).text(), "1.5");
        assert_eq!(Json::Float(42.0).text(), "42");
        assert_eq!(Json::Int(-3).text(), "-3");
        assert_eq!(Json::Bool(true).text(), "true");
    }
}
