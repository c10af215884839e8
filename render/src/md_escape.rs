//! Escaping catalogue text for the place it lands in Markdown.
//!
//! - [`cell`]: one line inside a table cell. `|` is escaped everywhere (GFM
//!   splits cells before it parses code spans), newlines become `<br>`
//!   outside code spans and spaces inside them, and `<` and `&` are escaped
//!   outside code spans. Markdown such as `code` or *emphasis* still works.
//! - [`inline`]: plain text (a title) in a heading or a sentence: every
//!   character Markdown could read as syntax is escaped.
//! - [`code`]: an identifier (a code, a field name) as a code span, with a
//!   fence long enough for any backticks inside, and control characters
//!   shown as escapes (`\n`).
//! - [`block`]: Markdown prose (descriptions, causes, fixes, notes): kept as
//!   Markdown, but raw HTML tags are escaped so they show as text.

use std::borrow::Cow;

/// Splits text into runs outside and inside code spans: `(is_code, text)`.
/// A code span opens with a run of backticks and closes with a run of the
/// same length; an unclosed run is ordinary text.
fn code_runs(text: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'`' {
            i += 1;
            continue;
        }
        let fence_start = i;
        while i < bytes.len() && bytes[i] == b'`' {
            i += 1;
        }
        let fence = i - fence_start;
        // Find a closing run of exactly `fence` backticks.
        let mut j = i;
        let mut close = None;
        while j < bytes.len() {
            if bytes[j] == b'`' {
                let run_start = j;
                while j < bytes.len() && bytes[j] == b'`' {
                    j += 1;
                }
                if j - run_start == fence {
                    close = Some((run_start, j));
                    break;
                }
            } else {
                j += 1;
            }
        }
        if let Some((close_start, close_end)) = close {
            if fence_start > start {
                out.push((false, &text[start..fence_start]));
            }
            out.push((true, &text[fence_start..close_end]));
            let _ = close_start;
            start = close_end;
            i = close_end;
        }
    }
    if start < text.len() {
        out.push((false, &text[start..]));
    }
    out
}

/// Text for one table cell.
#[must_use]
pub fn cell(text: &str) -> Cow<'_, str> {
    let unchanged = text.len() == text.trim().len()
        && !text
            .chars()
            .any(|c| matches!(c, '|' | '<' | '&') || c.is_control());
    if unchanged {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(cell_escaped(text))
    }
}

/// [`cell`]'s escaping, for text that needs some.
fn cell_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (is_code, run) in code_runs(text.trim()) {
        for c in run.chars() {
            match c {
                '|' => out.push_str("\\|"),
                '\r' => {}
                '\n' if is_code => out.push(' '),
                '\n' => out.push_str("<br>"),
                '<' if !is_code => out.push_str("&lt;"),
                '&' if !is_code => out.push_str("&amp;"),
                c if c.is_control() => out.push(' '),
                c => out.push(c),
            }
        }
    }
    out
}

/// Plain text in a heading or sentence: nothing in it is Markdown.
#[must_use]
pub fn inline(text: &str) -> Cow<'_, str> {
    if text
        .chars()
        .any(|c| INLINE_SYNTAX.contains(&c) || c.is_control())
    {
        Cow::Owned(inline_escaped(text))
    } else {
        Cow::Borrowed(text)
    }
}

/// The characters [`inline`] escapes (besides controls): `<` and `&` as
/// HTML entities, the others with a backslash.
const INLINE_SYNTAX: [char; 15] = [
    '\\', '`', '*', '_', '[', ']', '#', '!', '|', '~', '>', '{', '}', '<', '&',
];

/// [`inline`]'s escaping, for text that needs some.
fn inline_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '&' => out.push_str("&amp;"),
            // The rest of the syntax is escaped with a backslash.
            c if INLINE_SYNTAX.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\n' | '\t' => out.push(' '),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Shows control characters as escapes, so an identifier stays on one line.
/// The text is borrowed when it has no control character.
#[must_use]
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The length of the longest run of backticks in `text` (0 without any).
#[must_use]
pub fn longest_backtick_run(text: &str) -> usize {
    let (mut longest, mut run) = (0, 0);
    for b in text.bytes() {
        if b == b'`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    longest
}

/// An identifier as a code span.
#[must_use]
pub fn code(text: &str) -> String {
    let shown = visible(text);
    if shown.is_empty() {
        return "`\"\"`".to_owned();
    }
    let fence = longest_backtick_run(&shown) + 1;
    let pad = if shown.starts_with('`')
        || shown.ends_with('`')
        || (shown.starts_with(' ') && shown.ends_with(' '))
    {
        " "
    } else {
        ""
    };
    let mut out = String::with_capacity(shown.len() + 2 * (fence + pad.len()));
    out.extend(std::iter::repeat_n('`', fence));
    out.push_str(pad);
    out.push_str(&shown);
    out.push_str(pad);
    out.extend(std::iter::repeat_n('`', fence));
    out
}

/// An identifier as a code span inside a table cell.
#[must_use]
pub fn code_cell(text: &str) -> String {
    code(text).replace('|', "\\|")
}

/// Markdown prose, kept as Markdown with raw HTML tags escaped. Fenced code
/// blocks and code spans are left alone.
#[must_use]
pub fn block(text: &str) -> Cow<'_, str> {
    // Without `<`, CR, fences or trailing white space, every step below
    // gives its input back.
    let unchanged = text.len() == text.trim_end().len()
        && !text.contains(['<', '\r'])
        && !text.contains("```")
        && !text.contains("~~~");
    if unchanged {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(block_escaped(text))
    }
}

/// [`block`]'s work, for text that needs some.
fn block_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut fence: Option<String> = None;
    for line in text.trim_end().lines() {
        let trimmed = line.trim_start();
        if let Some(f) = &fence {
            out.push_str(line);
            if trimmed.starts_with(f.as_str()) {
                fence = None;
            }
        } else if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(
                trimmed
                    .chars()
                    .take_while(|c| *c == '`' || *c == '~')
                    .collect(),
            );
            out.push_str(line);
        } else {
            for (is_code, run) in code_runs(line) {
                if is_code {
                    out.push_str(run);
                } else {
                    escape_html(run, &mut out);
                }
            }
        }
        out.push('\n');
    }
    if fence.is_some() {
        // Close a fence the author left open, so it cannot swallow the page.
        out.push_str("```\n");
    }
    out.truncate(out.trim_end().len());
    out
}

/// Escapes `<` where it would start an HTML tag, comment or declaration.
/// Autolinks (`<https://...>`) are kept.
fn escape_html(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let autolink = ["http://", "https://", "mailto:"]
            .iter()
            .any(|s| after.starts_with(s))
            && after.contains('>');
        let tag = after
            .starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?');
        if tag && !autolink {
            out.push_str("&lt;");
        } else {
            out.push('<');
        }
        rest = after;
    }
    out.push_str(rest);
}

/// A list item: `block` text with continuation lines indented under the
/// marker.
#[must_use]
pub fn list_item(text: &str) -> Cow<'_, str> {
    match block(text) {
        Cow::Borrowed(b) if !b.contains('\n') => Cow::Borrowed(b),
        other => Cow::Owned(other.replace('\n', "\n  ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_escape_pipes_newlines_and_html_but_keep_code() {
        assert_eq!(cell("a | b"), "a \\| b");
        assert_eq!(cell("one\ntwo"), "one<br>two");
        assert_eq!(cell("<b>x</b> & y"), "&lt;b>x&lt;/b> &amp; y");
        assert_eq!(cell("use `a|b` and `x<y`"), "use `a\\|b` and `x<y`");
        assert_eq!(cell("unclosed ` tick | pipe"), "unclosed ` tick \\| pipe");
    }

    #[test]
    fn inline_text_has_no_markdown() {
        assert_eq!(
            inline("*a* `b` [c](d) <e> & #f"),
            "\\*a\\* \\`b\\` \\[c\\](d) &lt;e\\> &amp; \\#f"
        );
        assert_eq!(inline("x\ny"), "x y");
    }

    #[test]
    fn code_spans_fit_any_content() {
        assert_eq!(code("rate_limited"), "`rate_limited`");
        assert_eq!(code("`backtick`"), "`` `backtick` ``");
        assert_eq!(code("a``b"), "```a``b```");
        assert_eq!(code("line\nbreak"), "`line\\nbreak`");
        assert_eq!(code(""), "`\"\"`");
        assert_eq!(code_cell("pipe|code"), "`pipe\\|code`");
        assert_eq!(code(" padded "), "`  padded  `");
        assert_eq!(code("tab\there"), "`tab\\there`");
    }

    #[test]
    fn the_longest_backtick_run_is_counted() {
        assert_eq!(longest_backtick_run(""), 0);
        assert_eq!(longest_backtick_run("plain"), 0);
        assert_eq!(longest_backtick_run("a`b``c`"), 2);
        assert_eq!(longest_backtick_run("```x`"), 3);
        assert_eq!(longest_backtick_run("x````"), 4);
    }

    /// Texts built from pieces that each trip, or nearly trip, one rule.
    fn tricky_texts() -> Vec<String> {
        let pieces = [
            "",
            "a",
            " ",
            "\t",
            "\n",
            "\r\n",
            "\r",
            "|",
            "<",
            "<b>",
            "<https://x.y>",
            "&",
            "`",
            "``",
            "```",
            "~~~",
            "*",
            "_",
            "[",
            "]",
            "#",
            "!",
            "~",
            ">",
            "{",
            "}",
            "\\",
            "é",
            "\u{a0}",
            "\u{3000}",
            "\u{85}",
            "\u{7}",
            "\u{7f}",
            "\u{2028}",
            "- ",
            "x y",
        ];
        let mut out = Vec::new();
        for a in pieces {
            for b in pieces {
                for c in ["", "a", "\n", " ", "`", "<"] {
                    out.push(format!("{a}{b}{c}"));
                    out.push(format!("{c}{a}x{b}"));
                }
            }
        }
        out
    }

    #[test]
    fn text_is_borrowed_only_when_escaping_would_not_change_it() {
        let texts = tricky_texts();
        assert_eq!(texts.len(), 36 * 36 * 12);
        let mut borrowed = [0; 4];
        for t in &texts {
            let results = [
                (cell(t), cell_escaped(t)),
                (inline(t), inline_escaped(t)),
                (block(t), block_escaped(t)),
                (list_item(t), block_escaped(t).replace('\n', "\n  ")),
            ];
            for (i, (fast, full)) in results.into_iter().enumerate() {
                if matches!(fast, Cow::Borrowed(_)) {
                    borrowed[i] += 1;
                }
                assert_eq!(fast, full, "rule {i} on {t:?}");
            }
        }
        // Each rule took its short cut for a good share of the texts.
        assert!(borrowed.iter().all(|&n| n > 400), "{borrowed:?}");
    }

    #[test]
    fn blocks_keep_markdown_and_neutralise_html() {
        assert_eq!(
            block("**bold** <script>x</script> <https://a.b>"),
            "**bold** &lt;script>x&lt;/script> <https://a.b>"
        );
        assert_eq!(block("`<code>` stays"), "`<code>` stays");
        assert_eq!(block("```\n<div>\n```"), "```\n<div>\n```");
        assert_eq!(block("```\nopen fence"), "```\nopen fence\n```");
        assert_eq!(list_item("a\n- b"), "a\n  - b");
    }
}
