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

/// One step of a body program, as [`Ops`] reads it from the program's
/// bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op<'a> {
    /// Static JSON text.
    Raw(&'a [u8]),
    /// Static text, then a field's value as JSON (`null` when absent).
    Json(&'a [u8], u16),
    /// Static text, then a field's value as escaped text inside a JSON
    /// string.
    Text(&'a [u8], u16),
    /// Static text, then a per-request value as a JSON string (`null` when
    /// absent).
    Request(&'a [u8], Dyn),
    /// Sets the "a member was written" flag.
    SetComma(bool),
    /// Writes `,` if the flag is set.
    CommaIf,
    /// An optional member holding a field: `"key":` and the value, only
    /// when present, preceded by a comma if the flag is set.
    OptJson(&'a [u8], u16),
    /// An optional member holding a per-request value.
    OptRequest(&'a [u8], Dyn),
}

/// The byte tags of the ops in a program's bytes.
mod tag {
    pub const RAW: u8 = 0;
    pub const JSON: u8 = 1;
    pub const TEXT: u8 = 2;
    pub const REQUEST: u8 = 3;
    pub const SET_COMMA: u8 = 4;
    pub const COMMA_IF: u8 = 5;
    pub const OPT_JSON: u8 = 6;
    pub const OPT_REQUEST: u8 = 7;
}

impl Dyn {
    /// The number that stands for the value in a program's bytes.
    fn code(self) -> u16 {
        match self {
            Dyn::RequestId => 0,
            Dyn::Timestamp => 1,
            Dyn::Instance => 2,
        }
    }

    fn from_code(code: u16) -> Option<Dyn> {
        match code {
            0 => Some(Dyn::RequestId),
            1 => Some(Dyn::Timestamp),
            2 => Some(Dyn::Instance),
            _ => None,
        }
    }
}

/// The bytes in front of each op's static text in a program: the tag, a
/// two-byte argument and the text's four-byte length.
const HEADER: usize = 7;

impl Op<'_> {
    /// Appends the op's bytes to a program: a header of [`HEADER`] bytes
    /// (the tag, then an argument: the field index, the request value or
    /// the flag, as two bytes, then the length of the static text as four),
    /// then the static text itself. Numbers are little-endian.
    ///
    /// Every entry's program lies in one buffer with its static text
    /// inline, so writing a body reads one contiguous run of memory
    /// instead of an op table and text elsewhere: for a large catalogue,
    /// whose programs are not all in cache, that is fewer cache misses.
    pub fn encode(self, out: &mut Vec<u8>) {
        let (tag, arg, text): (u8, u16, &[u8]) = match self {
            Op::Raw(t) => (tag::RAW, 0, t),
            Op::Json(t, i) => (tag::JSON, i, t),
            Op::Text(t, i) => (tag::TEXT, i, t),
            Op::OptJson(t, i) => (tag::OPT_JSON, i, t),
            Op::Request(t, d) => (tag::REQUEST, d.code(), t),
            Op::OptRequest(t, d) => (tag::OPT_REQUEST, d.code(), t),
            Op::SetComma(c) => (tag::SET_COMMA, u16::from(c), &[]),
            Op::CommaIf => (tag::COMMA_IF, 0, &[]),
        };
        // Static text comes from the packed literal, far below 4 GiB.
        let len = u32::try_from(text.len()).unwrap_or(u32::MAX);
        out.push(tag);
        out.extend_from_slice(&arg.to_le_bytes());
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&text[..len as usize]);
    }
}

/// Splits the first op off a program's bytes: its tag, argument and static
/// text, and the bytes after it. `None` at the end, or where the bytes are
/// not a program, which only a bug in `errcat` itself could produce.
#[inline(always)]
fn split_op(code: &[u8]) -> Option<(u8, u16, &[u8], &[u8])> {
    let (&[tag, a0, a1, l0, l1, l2, l3], rest) = code.split_first_chunk::<HEADER>()?;
    let (text, rest) = rest.split_at_checked(u32::from_le_bytes([l0, l1, l2, l3]) as usize)?;
    Some((tag, u16::from_le_bytes([a0, a1]), text, rest))
}

/// The ops of a program's bytes (see [`Op::encode`]), in order.
#[derive(Clone, Copy, Debug)]
pub struct Ops<'a>(pub &'a [u8]);

impl<'a> Ops<'a> {
    /// The static text of a program that is nothing else: the whole body
    /// of an error without values.
    #[inline]
    #[must_use]
    pub fn only_raw(self) -> Option<&'a [u8]> {
        match split_op(self.0) {
            Some((tag::RAW, _, text, [])) => Some(text),
            _ => None,
        }
    }
}

impl<'a> Iterator for Ops<'a> {
    type Item = Op<'a>;

    #[inline(always)]
    fn next(&mut self) -> Option<Op<'a>> {
        let (tag, arg, t, rest) = split_op(self.0)?;
        let op = match tag {
            tag::RAW => Op::Raw(t),
            tag::JSON => Op::Json(t, arg),
            tag::TEXT => Op::Text(t, arg),
            tag::OPT_JSON => Op::OptJson(t, arg),
            tag::REQUEST => Op::Request(t, Dyn::from_code(arg)?),
            tag::OPT_REQUEST => Op::OptRequest(t, Dyn::from_code(arg)?),
            tag::SET_COMMA => Op::SetComma(arg != 0),
            tag::COMMA_IF => Op::CommaIf,
            _ => return None,
        };
        self.0 = rest;
        Some(op)
    }
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

/// Where an entry's body program is in the shared program bytes, and how
/// many bytes of static text it writes. Kept apart from [`Entry`] so that
/// the table writing bodies reads is small and dense.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Body {
    /// The first byte of the program.
    pub start: u32,
    /// One past its last byte.
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
    program: &[u8],
    static_len: usize,
    values: &[Value<'_>],
    ctx: &RequestContext<'_>,
) -> usize {
    let mut len = static_len;
    for op in Ops(program) {
        len += match op {
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
pub fn write_body(
    program: &[u8],
    values: &[Value<'_>],
    ctx: &RequestContext<'_>,
    out: &mut Vec<u8>,
) {
    let mut comma = false;
    for op in Ops(program) {
        match op {
            Op::Raw(bytes) => out.extend_from_slice(bytes),
            Op::Json(prefix, i) => {
                out.extend_from_slice(prefix);
                value(values, i).write_json(out);
            }
            Op::Text(prefix, i) => {
                out.extend_from_slice(prefix);
                value(values, i).write_text_escaped(out);
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
                    v.write_json(out);
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

/// The body as a new vector of exactly its length: one allocation.
///
/// The body is first written into a per-thread scratch buffer, which stays
/// in cache, and then copied once into the new vector. Writing small
/// pieces straight into fresh memory is slower than that single copy.
#[must_use]
#[inline]
pub fn to_json(
    program: &[u8],
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
    if let Some(bytes) = Ops(program).only_raw() {
        return bytes.to_vec();
    }
    let direct = || {
        let mut out = Vec::with_capacity(len_hint(program, static_len, values, ctx));
        write_body(program, values, ctx, &mut out);
        out
    };
    SCRATCH
        .try_with(|scratch| {
            // Busy only if writing a value wrote another body: no scratch then.
            let Ok(mut buf) = scratch.try_borrow_mut() else {
                return direct();
            };
            buf.clear();
            write_body(program, values, ctx, &mut buf);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// One op of each kind and argument, with texts of several lengths.
    fn every_op() -> Vec<Op<'static>> {
        vec![
            Op::Raw(b"{\"error\":"),
            Op::Raw(b""),
            Op::Json(b",\"a\":", 0),
            Op::Json(b"", u16::MAX),
            Op::Text(b"\"message\":\"The order ", 3),
            Op::Request(b",\"id\":", Dyn::RequestId),
            Op::Request(b",\"at\":", Dyn::Timestamp),
            Op::Request(b",\"in\":", Dyn::Instance),
            Op::SetComma(true),
            Op::SetComma(false),
            Op::CommaIf,
            Op::OptJson(b"\"details\":", 2),
            Op::OptRequest(b"\"instance\":", Dyn::Instance),
            Op::Raw(Box::leak(vec![b'x'; 70_000].into_boxed_slice())),
        ]
    }

    #[test]
    fn ops_read_back_as_they_were_encoded() {
        let ops = every_op();
        let mut code = Vec::new();
        for &op in &ops {
            op.encode(&mut code);
        }
        assert_eq!(Ops(&code).collect::<Vec<_>>(), ops);
        // A cut program stops at the last whole op, never panics.
        for cut in 0..code.len().min(400) {
            assert!(Ops(&code[..cut]).count() < ops.len());
        }
        assert_eq!(Ops(&[99, 0, 0, 0, 0, 0, 0]).next(), None, "unknown tag");
    }

    #[test]
    fn only_raw_finds_a_program_that_is_static_text_alone() {
        let mut code = Vec::new();
        Op::Raw(b"{}").encode(&mut code);
        assert_eq!(Ops(&code).only_raw(), Some(&b"{}"[..]));
        Op::CommaIf.encode(&mut code);
        assert_eq!(Ops(&code).only_raw(), None);
        assert_eq!(Ops(&[]).only_raw(), None);
    }

    #[test]
    fn to_json_writes_what_write_body_writes() {
        let mut code = Vec::new();
        for op in [
            Op::Text(b"{\"message\":\"", 0),
            Op::Text(b" and ", 1),
            Op::Json(b"\",\"details\":{\"a\":", 0),
            Op::SetComma(true),
            Op::OptJson(b"\"b\":", 1),
            Op::Raw(b"}}"),
        ] {
            op.encode(&mut code);
        }
        let list = vec![1u64, 2];
        for values in [
            [Value::Str("x\"\u{1}"), Value::U64(7)],
            [Value::Str(""), Value::Absent],
            [Value::I64(-3), Value::Json(&list)],
            [Value::F64(0.5), Value::Bool(true)],
        ] {
            let mut written = Vec::new();
            write_body(&code, &values, &RequestContext::NONE, &mut written);
            let vec = to_json(&code, 12, &values, &RequestContext::NONE);
            assert_eq!(vec, written, "{values:?}");
            assert_eq!(vec.capacity(), vec.len(), "exact size");
        }
    }
}
