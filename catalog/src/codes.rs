//! The index of every diagnostic errcat can report.
//!
//! Each diagnostic carries one of these codes. The index is published as
//! `docs/diagnostics.md` (written by `cargo run -p codegen`), and the test
//! suite checks that every code has an explanation and at least one failing
//! catalogue under `catalog/tests/cases/` that triggers it.

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Legal but questionable content. Loading still succeeds.
    Warning,
    /// The catalogue cannot be used until this is fixed.
    Error,
}

impl Severity {
    /// `error` or `warning`, as printed in front of a diagnostic.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One entry of the diagnostic index.
#[derive(Debug, PartialEq, Eq)]
pub struct CodeInfo {
    /// The stable id printed in brackets, such as `E0210`.
    pub id: &'static str,
    /// A short kebab-case name.
    pub name: &'static str,
    /// Whether the diagnostic is an error or a warning.
    pub severity: Severity,
    /// One line describing the rule.
    pub summary: &'static str,
    /// Markdown explaining the rule and how to fix a violation.
    pub explanation: &'static str,
}

/// A diagnostic code: a reference into the index.
pub type Code = &'static CodeInfo;

macro_rules! codes {
    ($( $(#[$doc:meta])* $konst:ident = $id:literal, $name:literal, $sev:ident, $summary:literal, $expl:literal; )*) => {
        $( $(#[$doc])* pub const $konst: Code = &CodeInfo {
            id: $id, name: $name, severity: Severity::$sev, summary: $summary, explanation: $expl,
        }; )*
        /// Every code, in index order.
        pub const ALL: &[Code] = &[$($konst),*];
    };
}

codes! {
    /// A file could not be read.
    FILE_UNREADABLE = "E0001", "file-unreadable", Error,
        "a catalogue or included file cannot be read",
        "The file does not exist, is a directory, or cannot be opened. Paths in `includes` are \
         relative to the file that lists them; the path given to the macro is relative to the \
         crate's `Cargo.toml`.";
    /// A file is not UTF-8.
    NOT_UTF8 = "E0002", "not-utf8", Error,
        "a catalogue file is not valid UTF-8",
        "Catalogues must be UTF-8 text. The diagnostic points at the first byte that is not part \
         of a UTF-8 sequence. Re-save the file as UTF-8.";
    /// A file is empty.
    EMPTY_FILE = "E0003", "empty-file", Error,
        "a catalogue file holds no YAML document",
        "The file is empty or contains only comments. A catalogue needs at least `name`, `title` \
         and `errors`; an included file needs at least one section.";
    /// A file is over the size limit.
    FILE_TOO_LARGE = "E0004", "file-too-large", Error,
        "a catalogue file is larger than the loader accepts",
        "Files over 16 MiB are refused before they are parsed, so that a wrong path (a log file, \
         a binary) fails at once. Split a very large catalogue with `includes`.";
    /// Malformed YAML.
    YAML_SYNTAX = "E0005", "yaml-syntax", Error,
        "the file is not well-formed YAML",
        "The YAML parser stopped at the marked place. Common causes are a missing closing quote \
         or bracket, a tab used for indentation, or a `:` inside an unquoted value. Quote values \
         that contain `: ` or start with a special character.";
    /// Resource limits.
    YAML_LIMIT = "E0006", "yaml-limit", Error,
        "the document exceeds a parser limit (nesting, node count or alias expansion)",
        "errcat parses catalogues with fixed budgets so that a hostile file cannot hang the build: \
         at most 2,000,000 nodes, 64 levels of nesting, 10,000 aliases, and 100,000 parser events \
         replayed through aliases. \
         An \"alias bomb\" (anchors that reference each other to expand exponentially) ends here. \
         Write the values out instead of nesting aliases.";
    /// Duplicate mapping keys.
    DUPLICATE_KEY = "E0007", "duplicate-key", Error,
        "a mapping defines the same key twice",
        "YAML parsers disagree about which of two equal keys wins, so errcat rejects them. Remove \
         or rename one of them; the diagnostic points at both.";
    /// Wrong YAML type.
    WRONG_TYPE = "E0010", "wrong-type", Error,
        "a value has the wrong YAML type",
        "For example a string where a list was expected. Strings that YAML would read as numbers \
         or booleans (`22001`, `yes`, `1.0`) must be quoted when a string is expected.";
    /// Unknown key.
    UNKNOWN_KEY = "E0011", "unknown-key", Error,
        "a mapping holds a key that the format does not define",
        "Misspelt keys would otherwise be ignored silently. The help line suggests the closest \
         known key. The format reference lists every key.";
    /// Missing required key.
    MISSING_KEY = "E0012", "missing-key", Error,
        "a required key is missing",
        "Catalogues need `name`, `title`, `envelope` and `errors`; categories need a `title`; \
         details fields need a `type`. Add the key named in the message.";
    /// Value outside its allowed set or form.
    INVALID_VALUE = "E0013", "invalid-value", Error,
        "a value is not one of the accepted forms",
        "The message says which values are accepted, for example the envelope presets, the \
         details field types, or the form of a catalogue `name`.";
    /// Not usable as an identifier.
    INVALID_IDENTIFIER = "E0020", "invalid-identifier", Error,
        "an error key, category key or field name cannot become a Rust identifier",
        "Error keys become enum variants, category keys become category variants and details \
         field names become struct fields. They must start with an ASCII letter and contain only \
         ASCII letters, digits, `_` and `-`. The wire code can still be any string: set `code:`.";
    /// Identifier collision.
    IDENTIFIER_COLLISION = "E0021", "identifier-collision", Error,
        "two names become the same Rust identifier",
        "`rate-limited`, `rate_limited` and `RateLimited` all become the variant `RateLimited`. \
         Rename one of them; keep the wire code with `code:` if it must stay.";
    /// HTTP status outside 100..=599.
    STATUS_OUT_OF_RANGE = "E0022", "status-out-of-range", Error,
        "an HTTP status is outside 100-599, or an error has a success status",
        "HTTP status codes are three-digit numbers from 100 to 599. An error (`kind: error`, the \
         default) fails the request, so its status is 4xx or 5xx; document success statuses for \
         the reference under `statuses`, and give a warning or notice sent with a success \
         response `kind: warning` or `kind: notice`. Omit `status` for errors that never travel \
         over HTTP.";
    /// Undeclared category.
    UNKNOWN_CATEGORY = "E0023", "unknown-category", Error,
        "an error names a category that is not declared, or categories are used but not declared",
        "Categories are optional. A catalogue that declares them under `categories` (in this file \
         or an included one) gives every error a `category` among them; one that declares none \
         has no `category` on its errors and no `$category` in its envelope.";
    /// Placeholder naming no field.
    UNKNOWN_PLACEHOLDER = "E0024", "unknown-placeholder", Error,
        "a message placeholder names no details field",
        "`{name}` in a message is replaced by the details field `name`. Declare the field under \
         `details`, fix the spelling, or write `{{` and `}}` for literal braces.";
    /// Placeholder with unusable field.
    PLACEHOLDER_TYPE = "E0025", "placeholder-type", Error,
        "a message placeholder names a field that cannot be shown in text",
        "Placeholders must name required scalar fields (string, integer, number, boolean or \
         enum). An optional field would leave a hole in the message; arrays and objects have no \
         single text form.";
    /// Bad braces in a message.
    MESSAGE_SYNTAX = "E0026", "message-syntax", Error,
        "a message template has an unbalanced `{` or `}`",
        "Placeholders are written `{field}`. Write `{{` or `}}` for a literal brace.";
    /// Empty message.
    EMPTY_MESSAGE = "E0027", "empty-message", Error,
        "a message, title or other required text is empty",
        "An empty message helps nobody. If the page gives no message, leave `message` out; if \
         the text differs per occurrence, write `message: {varies: true}`.";
    /// Unknown envelope slot.
    UNKNOWN_SLOT = "E0030", "unknown-slot", Error,
        "the envelope template uses a slot that does not exist",
        "Slots are `$code`, `$status`, `$category`, `$title`, `$message`, `$details`, \
         `$doc_url`, `$retryable`, `$request_id`, `$timestamp` and `$instance`, each optionally \
         followed by `?`. Write `$$` for a literal `$`.";
    /// Ill-formed envelope template.
    TEMPLATE_STRUCTURE = "E0031", "template-structure", Error,
        "the envelope template is not well formed",
        "`$merge` may only hold `$details`, and only inside a mapping. A slot must be a whole \
         value; it cannot be part of a longer string or used as a key. Templates nest at most 16 \
         levels.";
    /// Details field colliding with envelope member.
    MEMBER_COLLISION = "E0032", "member-collision", Error,
        "a details field merged into the envelope collides with an envelope member",
        "With `$merge: $details`, details fields become members of the enclosing object, so a \
         field named like a template member (`status`, `title`) would be written twice. Rename \
         the field.";
    /// A documented envelope member that the template does not have.
    UNKNOWN_ENVELOPE_MEMBER = "E0033", "unknown-envelope-member", Error,
        "`envelope.fields` documents a member the envelope does not have",
        "Keys of `envelope.fields` are dotted paths of the template's members (`error.code`, \
         `meta.requestId`). A misspelt path would leave the member undocumented without a word, \
         so it is an error. With `$merge: $details`, a details field the merge adds may be \
         documented by its name too (`balance`, or `error.balance` for a nested merge).";
    /// Undeclared header.
    UNKNOWN_HEADER = "E0040", "unknown-header", Error,
        "an error lists a header that is not declared",
        "Response headers are declared once under `headers:` with their description and source, \
         request headers under `request_headers:`; errors list them by name (`headers`, \
         `request_headers`).";
    /// Header source problems.
    HEADER_SOURCE = "E0041", "header-source", Error,
        "a header's value names a details field the error does not have, or an unusable source",
        "A header declared with `from: details.retry_after` can only be set by errors whose \
         details have a scalar `retry_after` field. `from: request.<name>` accepts `request_id`, \
         `timestamp` and `instance`.";
    /// Include cycle.
    INCLUDE_CYCLE = "E0050", "include-cycle", Error,
        "catalogues include each other in a cycle",
        "A file cannot include itself, directly or through other files. The diagnostic lists the \
         chain of includes.";
    /// Include file missing.
    INCLUDE_NOT_FOUND = "E0051", "include-not-found", Error,
        "an included file cannot be read",
        "Paths in `includes` are relative to the directory of the file that lists them.";
    /// Include outside the catalogue's directory.
    INCLUDE_OUTSIDE = "E0053", "include-outside", Error,
        "an include names a file outside the catalogue's directory",
        "By default a catalogue may include only files in its own directory and the folders below \
         it (after symlinks are followed), so that validating a catalogue from a stranger cannot \
         read, or quote in diagnostics, other files of the machine. Move the file, or allow it \
         explicitly with `--allow-outside-includes` (CLI) or `allow_outside_includes` (macro).";
    /// Includes nested too deep.
    INCLUDE_TOO_DEEP = "E0054", "include-too-deep", Error,
        "includes are nested too deep",
        "A catalogue's includes may nest at most 16 files deep. The diagnostic lists the chain of \
         includes; include the deep files from a file nearer the catalogue instead.";
    /// Duplicate definition across files.
    DUPLICATE_DEFINITION = "E0052", "duplicate-definition", Error,
        "an error, category, header, status or family is defined twice",
        "Including a catalogue adds its definitions; defining the same key again in the \
         including file is a conflict. Remove one of the two definitions.";
    /// Example not matching schema.
    INVALID_EXAMPLE = "E0060", "invalid-example", Error,
        "an example value does not match its details schema",
        "Examples are shown in the docs and the OpenAPI and must be valid: every required field \
         present, no unknown fields, and each value of the declared type.";
    /// Unknown reference to another entry.
    UNKNOWN_REFERENCE = "E0061", "unknown-reference", Error,
        "`replaced_by` or a family's `fallback` names an error that does not exist",
        "`deprecated.replaced_by` and the `fallback` of each of `families` must be the key of \
         an error in the catalogue.";
    /// A removed error's code used again.
    REMOVED_CODE_REUSED = "E0064", "removed-code-reused", Error,
        "an error uses the code of a removed error",
        "A removed error (`removed: {since, ...}`) keeps its code for ever, like rustc's \
         retired error codes: clients built while it existed still decode it, and would read a \
         new error with the same code as the old one. Choose another code.";
    /// A translation lacks a message.
    TRANSLATION_INCOMPLETE = "E0065", "translation-incomplete", Error,
        "a translation file has no message for an error",
        "Each file listed under `translations:` gives the message of every error that has a \
         message template, so that no body falls back to another language by accident. Add \
         the missing keys under `messages:`.";
    /// A translated message that does not fit its error.
    TRANSLATION_MISMATCH = "E0066", "translation-mismatch", Error,
        "a translated message does not fit its error",
        "A translated message uses exactly the placeholders of the catalogue's own message \
         (`{retry_after}` stays `{retry_after}`, in any order), names an error that exists and \
         has a message template, and each locale is translated once.";
    /// A language tag that is not one.
    MALFORMED_LANGUAGE_TAG = "E0067", "malformed-language-tag", Error,
        "`language` or `locale` is not a BCP 47 language tag",
        "Language tags name the catalogue's language and each translation: `en`, `fr`, `pt-BR`, \
         `zh-Hant-TW` (letters, then parts of letters and digits joined by `-`, each at most 8 \
         long). The tag is matched against `Accept-Language` and names the folder of the \
         translated reference, so nothing else is accepted.";
    /// `$doc_url` without `docs_url`.
    MISSING_DOCS_URL = "E0063", "missing-docs-url", Error,
        "the envelope uses `$doc_url` but the catalogue has no `docs_url`",
        "`$doc_url` (the RFC 9457 `type`) is built from the catalogue's `docs_url` and the error \
         key. Set `docs_url` to where the generated reference is published.";
    /// Field names colliding.
    FIELD_COLLISION = "E0070", "field-collision", Error,
        "two details fields, or a field and a generated member, share a Rust name",
        "Field names become Rust field names in snake_case: `retryAfter` and `retry_after` \
         collide. An error with `message: {varies: true}` has a generated `message` field, and \
         one with `source: true` a `source` field, so details fields cannot use those names.";
    /// Missing fix.
    MISSING_FIX = "W0001", "missing-fix", Warning,
        "an error has no fixes",
        "Readers come to an error page to learn what to do. Add at least one entry to `fixes`.";
    /// Shared wire code.
    SHARED_CODE = "W0002", "shared-code", Warning,
        "several errors share one wire code",
        "This is legal (S3 sends `InvalidArgument` for dozens of cases), but clients can only tell \
         the errors apart by status and message. Decoding picks the entry whose status and \
         message match.";
    /// Entries that look identical on the wire.
    INDISTINGUISHABLE = "W0003", "indistinguishable", Warning,
        "two errors share code and status, and their messages cannot tell them apart",
        "When several errors share a wire code, `from_response` picks the one whose fixed message \
         equals the body's, else one whose template fits it, else one with the status passed in, \
         else the first in catalogue order. Two errors with the same code and the same status are \
         told apart only by their messages; when both are the same text, when one message \
         varies, or when one template fits the other's message, a body decodes as the first of \
         them.";
    /// No message.
    MISSING_MESSAGE = "W0004", "missing-message", Warning,
        "an error sent over HTTP has no message",
        "Without `message`, the body carries the error's title (or its description, or its \
         code). Add the message the service sends, or `message: {varies: true}` if it differs \
         per occurrence.";
    /// Envelope cannot be decoded.
    UNDECODABLE_ENVELOPE = "W0005", "undecodable-envelope", Warning,
        "the envelope has neither `$code` nor `$doc_url`, so clients cannot decode bodies",
        "`from_response` finds the error by its code (or, for RFC 9457 bodies, by `type`). Add a \
         member holding `$code`.";
    /// Unused category.
    UNUSED_CATEGORY = "W0006", "unused-category", Warning,
        "a category has no errors",
        "Remove the category or assign errors to it. An empty category shows up as an empty \
         section in the reference.";
    /// Unused header.
    UNUSED_HEADER = "W0007", "unused-header", Warning,
        "a declared header is set by no error",
        "List the header under an error's `headers`, mark it `every_error: true`, or remove it.";
    /// Details written twice.
    DETAILS_TWICE = "W0009", "details-twice", Warning,
        "the envelope writes the details twice",
        "The template has both `$merge: $details` and a `$details` member, so every error's \
         details appear twice in its body. Keep one: `$merge` for RFC 9457 extension members, \
         `$details` for a details object.";
    /// Grouping by category without categories.
    GROUP_BY_NOTHING = "W0010", "group-by-nothing", Warning,
        "`docs.group_by: category`, but the catalogue has no categories",
        "Without categories the reference lists the errors in the catalogue's order, in one \
         group. Declare `categories:` and give each error one, group by `status`, or keep the \
         catalogue's order with `group_by: none`.";
    /// A message whose placeholders cannot always be read back.
    AMBIGUOUS_MESSAGE = "W0008", "ambiguous-message", Warning,
        "a message's placeholders cannot always be read back from the text",
        "Fields with `in_body: false` are recovered from the message by `from_response`, which \
         reads each literal of the template at its first occurrence. Two such placeholders with \
         nothing between them, or a text placeholder followed by another one whose value may \
         contain the literal between them (`Pair {left} and {right}.` with `left` = `cats and \
         dogs`), come back wrong. Send one of the fields in the body, or separate them with text \
         their values never contain.";
}

/// Looks a code up by its id (`E0023`) or its name (`unknown-category`).
#[must_use]
pub fn lookup(id_or_name: &str) -> Option<Code> {
    ALL.iter()
        .copied()
        .find(|c| c.id.eq_ignore_ascii_case(id_or_name) || c.name == id_or_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_names_are_unique_and_well_formed() {
        let mut ids: Vec<_> = ALL.iter().map(|c| c.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), ALL.len(), "duplicate diagnostic id");
        let mut names: Vec<_> = ALL.iter().map(|c| c.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ALL.len(), "duplicate diagnostic name");
        for code in ALL {
            let prefix = if code.severity == Severity::Error {
                'E'
            } else {
                'W'
            };
            assert!(
                code.id.starts_with(prefix),
                "{} has the wrong prefix",
                code.id
            );
            assert!(
                code.explanation.len() > 40,
                "{} needs an explanation",
                code.id
            );
        }
    }

    #[test]
    fn lookup_accepts_id_and_name() {
        assert_eq!(lookup("e0023").map(|c| c.name), Some("unknown-category"));
        assert_eq!(lookup("unknown-category").map(|c| c.id), Some("E0023"));
        assert!(lookup("E9999").is_none());
    }
}
