//! Executes the per-entry programs that the macro compiles from the
//! envelope template: static JSON fragments computed at expansion time, and
//! the few dynamic steps (message, details, per-request values).

use crate::context::RequestContext;
use crate::headers::Headers;
use crate::json;
use crate::value::Value;
use std::cell::RefCell;
use std::fmt;

/// A per-request value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dyn {
    /// `RequestContext::request_id`.
    RequestId,
    /// `RequestContext::timestamp`.
    Timestamp,
    /// `RequestContext::instance`.
    Instance,
}

/// One step of a body program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// Static JSON text.
    Raw(&'static [u8]),
    /// Static text, then a field's value as JSON (`null` when absent).
    Json(&'static [u8], u16),
    /// Static text, then a field's value as escaped text inside a JSON
    /// string.
    Text(&'static [u8], u16),
    /// Static text, then a per-request value as a JSON string (`null` when
    /// absent).
    Request(&'static [u8], Dyn),
    /// Sets the "a member was written" flag.
    SetComma(bool),
    /// Writes `,` if the flag is set.
    CommaIf,
    /// An optional member holding a field: `"key":` and the value, only
    /// when present, preceded by a comma if the flag is set.
    OptJson(&'static [u8], u16),
    /// An optional member holding a per-request value.
    OptRequest(&'static [u8], Dyn),
}

/// One part of a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MsgPiece {
    /// Fixed text.
    Lit(&'static str),
    /// The value of the field with this index.
    Field(u16),
}

/// The source of a header's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderSrc {
    /// A field of the variant.
    Field(u16),
    /// A per-request value.
    Request(Dyn),
}

/// A field of a variant, for decoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSpec {
    /// The JSON member name (empty for a varying message or value details).
    pub name: &'static str,
    /// Whether the field is sent in the body's details.
    pub in_body: bool,
}

/// Where an entry's body program is in the shared op table, and how many
/// bytes of static text it writes. Kept apart from [`Entry`] so that the
/// table writing bodies reads is small and dense.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Body {
    /// The first op.
    pub start: u32,
    /// One past the last op.
    pub end: u32,
    /// Bytes of static text in the body (for sizing the buffer).
    pub static_len: u32,
}

/// The rest of what is compiled for one entry (unpacked from the generated
/// type's [`Packed`](crate::packed::Packed) tables).
#[derive(Debug)]
pub struct Entry {
    /// The message sent on the wire.
    pub wire_message: Box<[MsgPiece]>,
    /// The message for `Display`, when it differs from the wire message.
    pub display_message: Option<Box<[MsgPiece]>>,
    /// For an error whose details are a single value: its field.
    pub details_value: Option<u16>,
    /// The headers.
    pub headers: Box<[(&'static str, HeaderSrc)]>,
    /// The variant's fields, in order.
    pub fields: Box<[FieldSpec]>,
}

impl Entry {
    /// The message for `Display`.
    #[must_use]
    pub fn display_message(&self) -> &[MsgPiece] {
        self.display_message
            .as_deref()
            .unwrap_or(&self.wire_message)
    }
}

fn request<'a>(d: Dyn, ctx: &RequestContext<'a>) -> Option<&'a str> {
    match d {
        Dyn::RequestId => ctx.request_id,
        Dyn::Timestamp => ctx.timestamp,
        Dyn::Instance => ctx.instance,
    }
}

#[inline(always)]
fn value<'a>(values: &[Value<'a>], index: u16) -> Value<'a> {
    values
        .get(usize::from(index))
        .copied()
        .unwrap_or(Value::Absent)
}

/// An estimate of the body's length: exact for static text, generous for
/// each value the body writes, so that one allocation usually suffices.
#[must_use]
pub fn len_hint(
    ops: &[Op],
    static_len: usize,
    values: &[Value<'_>],
    ctx: &RequestContext<'_>,
) -> usize {
    let mut len = static_len;
    for op in ops {
        len += match *op {
            Op::Json(_, i) | Op::Text(_, i) | Op::OptJson(_, i) => value(values, i).len_hint(),
            Op::Request(_, d) | Op::OptRequest(_, d) => {
                request(d, ctx).map_or(4, json::str_len_hint)
            }
            Op::Raw(_) | Op::SetComma(_) | Op::CommaIf => 0,
        };
    }
    len
}

/// Writes the body of an error into `out`.
pub fn write_body(ops: &[Op], values: &[Value<'_>], ctx: &RequestContext<'_>, out: &mut Vec<u8>) {
    let mut comma = false;
    let mut written = Written::default();
    for op in ops {
        match *op {
            Op::Raw(bytes) => out.extend_from_slice(bytes),
            Op::Json(prefix, i) => {
                out.extend_from_slice(prefix);
                written.json(out, value(values, i), i);
            }
            Op::Text(prefix, i) => {
                out.extend_from_slice(prefix);
                written.text(out, value(values, i), i);
            }
            Op::Request(prefix, d) => {
                out.extend_from_slice(prefix);
                match request(d, ctx) {
                    Some(s) => json::write_str(out, s),
                    None => out.extend_from_slice(b"null"),
                }
            }
            Op::SetComma(c) => comma = c,
            Op::CommaIf => {
                if comma {
                    out.push(b',');
                }
            }
            Op::OptJson(key, i) => {
                let v = value(values, i);
                if !v.is_absent() {
                    if comma {
                        out.push(b',');
                    }
                    out.extend_from_slice(key);
                    written.json(out, v, i);
                    comma = true;
                }
            }
            Op::OptRequest(key, d) => {
                if let Some(s) = request(d, ctx) {
                    if comma {
                        out.push(b',');
                    }
                    out.extend_from_slice(key);
                    json::write_str(out, s);
                    comma = true;
                }
            }
        }
    }
}

/// Where the body already holds the text of a field (escaped, without
/// quotes), so that a field written twice (in the message and in the
/// details, say) is escaped or formatted once and then copied. Only text
/// and integers qualify: their text inside a JSON string and as a JSON
/// value (between the quotes, for text) are the same bytes. The first
/// four fields are tracked, which covers the fields messages name.
#[derive(Default)]
struct Written {
    /// Bit `i` is set when `spans[i]` holds field `i`.
    known: u8,
    spans: [(usize, usize); 4],
}

impl Written {
    #[inline(always)]
    fn get(&self, i: u16) -> Option<(usize, usize)> {
        (i < 4 && self.known & (1 << i) != 0).then(|| self.spans[usize::from(i)])
    }

    #[inline(always)]
    fn set(&mut self, i: u16, span: (usize, usize)) {
        if i < 4 {
            self.known |= 1 << i;
            self.spans[usize::from(i)] = span;
        }
    }

    /// Writes `v` as text inside a JSON string.
    #[inline(always)]
    fn text(&mut self, out: &mut Vec<u8>, v: Value<'_>, i: u16) {
        if let (Value::Str(_) | Value::I64(_) | Value::U64(_), Some((a, b))) = (v, self.get(i)) {
            out.extend_from_within(a..b);
            return;
        }
        let start = out.len();
        v.write_text_escaped(out);
        if matches!(v, Value::Str(_) | Value::I64(_) | Value::U64(_)) {
            self.set(i, (start, out.len()));
        }
    }

    /// Writes `v` as a JSON value.
    #[inline(always)]
    fn json(&mut self, out: &mut Vec<u8>, v: Value<'_>, i: u16) {
        match (v, self.get(i)) {
            (Value::Str(_), Some((a, b))) => {
                out.push(b'"');
                out.extend_from_within(a..b);
                out.push(b'"');
            }
            (Value::I64(_) | Value::U64(_), Some((a, b))) => out.extend_from_within(a..b),
            (Value::Str(_), None) => {
                let start = out.len();
                v.write_json(out);
                self.set(i, (start + 1, out.len() - 1));
            }
            (Value::I64(_) | Value::U64(_), None) => {
                let start = out.len();
                v.write_json(out);
                self.set(i, (start, out.len()));
            }
            _ => v.write_json(out),
        }
    }
}

/// The body as a new vector of exactly its length: one allocation.
///
/// The body is first written into a per-thread scratch buffer, which stays
/// in cache, and then copied once into the new vector. Writing small
/// pieces straight into fresh memory is slower than that single copy.
#[must_use]
#[inline]
pub fn to_json(
    ops: &[Op],
    static_len: usize,
    values: &[Value<'_>],
    ctx: &RequestContext<'_>,
) -> Vec<u8> {
    /// Scratch buffers that grew past this are not kept.
    const KEEP: usize = 16 * 1024;
    thread_local! {
        static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }
    // A body without values is one static fragment: copy it.
    if let [Op::Raw(bytes)] = ops {
        return bytes.to_vec();
    }
    let direct = || {
        let mut out = Vec::with_capacity(len_hint(ops, static_len, values, ctx));
        write_body(ops, values, ctx, &mut out);
        out
    };
    SCRATCH
        .try_with(|scratch| {
            // Busy only if writing a value wrote another body: no scratch then.
            let Ok(mut buf) = scratch.try_borrow_mut() else {
                return direct();
            };
            buf.clear();
            write_body(ops, values, ctx, &mut buf);
            let body = buf.to_vec();
            if buf.capacity() > KEEP {
                *buf = Vec::new();
            }
            body
        })
        .unwrap_or_else(|_| direct())
}

/// Writes a message for `Display`.
///
/// # Errors
/// When the formatter fails.
pub fn fmt_message(
    pieces: &[MsgPiece],
    values: &[Value<'_>],
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    for piece in pieces {
        match *piece {
            MsgPiece::Lit(text) => f.write_str(text)?,
            MsgPiece::Field(i) => fmt::Display::fmt(&value(values, i), f)?,
        }
    }
    Ok(())
}

/// The headers of an error.
#[must_use]
pub fn headers<'a, const N: usize>(
    entry: &Entry,
    values: &[Value<'a>],
    ctx: &RequestContext<'a>,
) -> Headers<'a, N> {
    let mut out = Headers::new();
    for &(name, src) in &entry.headers {
        let v = match src {
            HeaderSrc::Field(i) => value(values, i),
            HeaderSrc::Request(d) => request(d, ctx).map_or(Value::Absent, Value::Str),
        };
        out.push(name, v);
    }
    out
}

/// Finds values for the placeholders of a message such that it renders to
/// `text`. Each placeholder takes the shortest text that lets the rest
/// match. Returns `false` if the text does not fit the template.
pub fn capture<'t>(pieces: &[MsgPiece], text: &'t str, out: &mut Vec<(u16, &'t str)>) -> bool {
    match pieces.split_first() {
        None => text.is_empty(),
        Some((MsgPiece::Lit(lit), rest)) => text
            .strip_prefix(lit)
            .is_some_and(|t| capture(rest, t, out)),
        Some((MsgPiece::Field(index), rest)) => {
            let mark = out.len();
            let try_end = |end: usize, out: &mut Vec<(u16, &'t str)>| {
                out.truncate(mark);
                out.push((*index, &text[..end]));
                capture(rest, &text[end..], out)
            };
            let found = match rest.first() {
                None => try_end(text.len(), out),
                Some(MsgPiece::Lit(lit)) => text.match_indices(lit).any(|(i, _)| try_end(i, out)),
                Some(MsgPiece::Field(_)) => text
                    .char_indices()
                    .map(|(i, _)| i)
                    .chain([text.len()])
                    .any(|i| try_end(i, out)),
            };
            if !found {
                out.truncate(mark);
            }
            found
        }
    }
}
