//! Where a large catalogue's text can be cut in two, so that the two
//! halves of its `errors:` mapping are parsed on two threads.
//!
//! A cut is only ever offered at the start of a line that must be a key of
//! the `errors:` mapping, whatever else the text holds:
//!
//! - `errors:` is the last line of the file that starts at column 0 with
//!   anything but a comment, and it holds nothing else;
//! - the cut line starts with exactly the indentation of the first entry
//!   after `errors:`, then a plain key (letters, digits, `_`, `.` and `-`,
//!   not starting with `-` or `.`) and a `:` that ends the line or is
//!   followed by a space;
//! - the file has no line breaks other than `\n` and `\r\n`, and no byte
//!   order mark after its start.
//!
//! A block scalar, a multi-line plain scalar or a compact sequence of an
//! entry cannot reach back to that indentation, so such a line is an entry
//! key unless it sits inside a quoted scalar or a flow collection that is
//! still open. Then the text before the cut does not parse on its own, and
//! the caller parses the whole text in one piece instead. Tests check that
//! both ways give the same tree.

/// The root key whose mapping is cut.
pub(super) const ERRORS: &str = "errors";

/// The byte offset at which `text` can be cut, at or after its middle, or
/// `None` if there is no safe place (see the module documentation).
pub(super) fn cut(text: &str) -> Option<usize> {
    cut_from(text, text.len() / 2)
}

/// [`cut`], at or after byte `middle`.
pub(super) fn cut_from(text: &str, middle: usize) -> Option<usize> {
    if !plain_line_breaks(text) {
        return None;
    }
    // The indentation of the entries, once `errors:` and its first entry
    // have been seen.
    let mut errors = Errors::Unseen;
    let mut cut = None;
    let bytes = text.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let line_start = start;
        start = bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |i| start + i + 1);
        // Most lines are indented and change nothing: those before the
        // `errors:` mapping, and those of its entries before the middle or
        // after the cut.
        let settled = match errors {
            Errors::Unseen => true,
            Errors::Seen => false,
            Errors::Entries(_) => cut.is_some() || line_start < middle,
        };
        if settled && bytes[line_start] == b' ' {
            continue;
        }
        let line = text[line_start..start].trim_end_matches(['\n', '\r']);
        let spaces = line.bytes().take_while(|&b| b == b' ').count();
        let rest = &line[spaces..];
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        if spaces == 0 {
            // A root key, a document marker, a directive, a tab: only
            // `errors:` may come before the cut, and nothing after it.
            if cut.is_some() {
                return None;
            }
            errors = if is_errors_key(line) {
                Errors::Seen
            } else {
                Errors::Unseen
            };
            continue;
        }
        match errors {
            Errors::Unseen => {}
            Errors::Seen => {
                errors = if is_key_line(rest) {
                    Errors::Entries(spaces)
                } else {
                    Errors::Unseen
                };
            }
            Errors::Entries(indent) => {
                if cut.is_none() && spaces == indent && line_start >= middle && is_key_line(rest) {
                    cut = Some(line_start);
                }
            }
        }
    }
    cut
}

/// How far the scan is into the `errors:` mapping.
#[derive(Clone, Copy)]
enum Errors {
    /// Not inside it.
    Unseen,
    /// Past the `errors:` line, before its first entry.
    Seen,
    /// Inside it, whose entries are indented by this many spaces.
    Entries(usize),
}

/// Whether every line break of `text` is `\n` or `\r\n`, and no byte order
/// mark follows its start. (YAML 1.1 parsers also break lines at U+0085,
/// U+2028 and U+2029; a lone `\r` is a YAML line break.)
fn plain_line_breaks(text: &str) -> bool {
    let bytes = text.as_bytes();
    let lone_cr = text.contains('\r')
        && bytes
            .iter()
            .enumerate()
            .any(|(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
    !lone_cr && (text.is_ascii() || !text.contains(['\u{85}', '\u{2028}', '\u{2029}', '\u{feff}']))
}

/// Whether a root line is `errors:`, maybe with spaces and a comment after.
fn is_errors_key(line: &str) -> bool {
    match line
        .strip_prefix(ERRORS)
        .and_then(|rest| rest.strip_prefix(':'))
    {
        Some("") => true,
        Some(rest) if rest.starts_with(' ') => {
            let rest = rest.trim_start_matches(' ');
            rest.is_empty() || rest.starts_with('#')
        }
        _ => false,
    }
}

/// Whether an indented line (without its indentation) starts with a plain
/// key and its `:`.
fn is_key_line(line: &str) -> bool {
    let bytes = line.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_alphanumeric) && bytes.first() != Some(&b'_') {
        return false;
    }
    let key = bytes
        .iter()
        .take_while(|&&b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'))
        .count();
    bytes.get(key) == Some(&b':') && matches!(bytes.get(key + 1), None | Some(b' '))
}

#[cfg(test)]
mod tests {
    use super::{cut, is_errors_key};

    fn catalogue(entries: usize) -> String {
        let mut text =
            String::from("name: demo\ncategories:\n  client:\n    title: Client\nerrors:\n");
        for i in 0..entries {
            text.push_str(&format!("  e{i}:\n    code: E{i}\n    status: 400\n"));
        }
        text
    }

    #[test]
    fn cuts_at_the_first_entry_past_the_middle() {
        let text = catalogue(10);
        let at = cut(&text).expect("a cut");
        assert!(at >= text.len() / 2, "{at}");
        assert!(text[at..].starts_with("  e"), "{}", &text[at..]);
        assert!(!text[text.len() / 2..at].contains("\n  e"));
    }

    #[test]
    fn no_cut_where_the_line_could_be_anything_else() {
        let text = catalogue(10);
        for (what, changed) in [
            ("a root key after the entries", format!("{text}extra: 1\n")),
            ("a document marker after them", format!("{text}---\n")),
            ("a lone carriage return", text.replacen('\n', "\r", 3)),
            ("a YAML 1.1 line break", format!("{text}  # \u{2028}\n")),
            (
                "errors with a value on its line",
                text.replace("errors:\n", "errors: {}\n"),
            ),
            (
                "errors as a sequence",
                text.replace("errors:\n", "errors:\n- x\n"),
            ),
            ("no errors key", text.replace("errors:\n", "others:\n")),
        ] {
            assert_eq!(cut(&changed), None, "{what}");
        }
    }

    #[test]
    fn comments_blank_lines_and_crlf_do_not_matter() {
        let text = catalogue(10).replace("errors:\n", "errors: # the entries\n\n# column 0\n");
        let at = cut(&text).expect("a cut");
        assert!(text[at..].starts_with("  e"));
        let crlf = text.replace('\n', "\r\n");
        let at = cut(&crlf).expect("a cut");
        assert!(crlf[at..].starts_with("  e"), "{}", &crlf[at..]);
    }

    #[test]
    fn the_errors_line_holds_nothing_else() {
        for line in ["errors:", "errors:  ", "errors: # comment"] {
            assert!(is_errors_key(line), "{line}");
        }
        for line in [
            "errors",
            "errors: {}",
            "errors:#x",
            "errors :",
            "errorsx:",
            "errors:\t",
        ] {
            assert!(!is_errors_key(line), "{line}");
        }
    }

    #[test]
    fn only_plain_keys_at_the_entry_indentation() {
        for line in [
            "  - item\n",
            "  ? key\n",
            "  \"quoted\": 1\n",
            "  -key: 1\n",
            "  key:value\n",
        ] {
            let mut text = catalogue(1);
            for _ in 0..20 {
                text.push_str(line);
            }
            assert_eq!(cut(&text), None, "{line}");
        }
    }
}
